"""Text -> tokenizer + packed token shards on disk, which training memory-maps.

A data directory holds:
  tokenizer.json, tokenizer_config.json   the tokenizer trained on the train split (Hugging Face layout)
  train.bin, val.bin                      every document as BOS + tokens + EOS, back to back (a share of the
                                          training documents rearranged for fill-in-the-middle: fim), as raw
                                          uint16 (ids < 2**16) or uint32; np.memmap reads them at once
  manifest.json                           dtype, vocab size, tokenizer fingerprint, and per split the
                                          number of tokens, documents and UTF-8 bytes (for bits per byte)
Validation holds out whole documents: document i (0-based, in source order) is in val when
i % val_every == val_every - 1, with val_every = round(1 / val_fraction). It is deterministic, needs no
seed, and keeps val spread over all sources.
"""

import json
import os
import random
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import numpy as np

from nanoseek.data.sources import documents, expand, readable
from nanoseek.tokenizer import Tokenizer, fim_text

MANIFEST = "manifest.json"
SPLITS = ("train", "val")


def token_dtype(vocab_size: int) -> np.dtype:
    return np.dtype(np.uint16 if vocab_size <= 2**16 else np.uint32)


def val_every(val_fraction: float) -> int:
    if not 0 < val_fraction <= 0.5:
        raise ValueError(f"val_fraction must be in (0, 0.5], got {val_fraction}")
    return round(1 / val_fraction)


def is_val(index: int, every: int) -> bool:
    """Whether document `index` belongs to the validation split."""
    return index % every == every - 1


def fim(doc: str, rng: random.Random) -> str:
    """DeepSeek-V3's fill-in-the-middle: the document cut at two random characters into prefix, middle and
    suffix, rearranged prefix-suffix-middle (PSM) around the FIM tokens, so the model learns to write a middle
    from what surrounds it, while ordinary next-token prediction still covers every character."""
    i, j = sorted(rng.randint(0, len(doc)) for _ in range(2))
    return fim_text(doc[:i], doc[j:], doc[i:j])


def write_shards(out_dir: str | Path, tokenizer: Tokenizer, docs: Iterable[str], val_fraction: float = 0.05,
                 batch_docs: int = 512, fim_rate: float = 0.0, seed: int = 0) -> dict:
    """Tokenize `docs` into train.bin / val.bin and write manifest.json (last, so a partial run shows).
    fim_rate: the share of training documents rearranged for fill-in-the-middle (`fim`; DeepSeek-V3: 0.1); the
    validation split stays plain, so its loss compares across rates."""
    if fim_rate and not tokenizer.has_fim:
        raise ValueError("fim_rate > 0 needs a tokenizer with the fill-in-the-middle tokens (trained since they were "
                         "added): retrain it with `nanoseek data`")
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    every = val_every(val_fraction)
    dtype = token_dtype(tokenizer.vocab_size)
    (out_dir / MANIFEST).unlink(missing_ok=True)
    stats = {s: {"file": f"{s}.bin", "tokens": 0, "documents": 0, "bytes": 0} for s in SPLITS}
    files = {s: open(out_dir / f"{s}.bin", "wb") for s in SPLITS}
    try:
        index = 0
        docs = iter(docs)
        while batch := list(islice(docs, batch_docs)):
            chunks = {s: [] for s in SPLITS}
            splits = ["val" if is_val(index + k, every) else "train" for k in range(len(batch))]
            texts = [fim(doc, rng) if split == "train" and fim_rate and rng.random() < fim_rate else doc
                     for doc, split in zip(batch, splits)]
            for doc, split, ids in zip(batch, splits, tokenizer.encode_batch(texts)):
                index += 1
                chunks[split].append(np.array([tokenizer.bos_id, *ids, tokenizer.eos_id], dtype=dtype))
                stats[split]["documents"] += 1
                stats[split]["bytes"] += len(doc.encode("utf-8"))
            for split, arrays in chunks.items():
                if arrays:
                    packed = np.concatenate(arrays)
                    packed.tofile(files[split])
                    stats[split]["tokens"] += len(packed)
    finally:
        for f in files.values():
            f.close()
    for split in SPLITS:
        if stats[split]["documents"] == 0:
            raise ValueError(f"the {split} split is empty: {index} documents, and val_fraction={val_fraction} "
                             f"puts document i in val when i % {every} == {every - 1}; give more documents (a .txt "
                             "file gives one per blank-line-separated block, JSONL one per line) or change "
                             "val_fraction")
    manifest = {
        "format": "nanoseek-shards-1",
        "dtype": dtype.name,
        "vocab_size": tokenizer.vocab_size,
        "bos_id": tokenizer.bos_id,
        "eos_id": tokenizer.eos_id,
        "tokenizer_sha256": tokenizer.fingerprint(),
        "val_every": every,
        "fim_rate": fim_rate,
        "splits": stats,
    }
    tmp = out_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2) + "\n")
    os.replace(tmp, out_dir / MANIFEST)
    return manifest


def _sample(docs: Iterable[str], every: int, max_bytes: int) -> Iterator[str]:
    """Train-split documents from the start of `docs`, up to about max_bytes of text."""
    seen = 0
    for i, doc in enumerate(docs):
        if seen >= max_bytes:
            return
        if not is_val(i, every):
            seen += len(doc.encode("utf-8"))
            yield doc


def build(out_dir: str | Path, vocab_size: int = 4096, paths: str | Path | Iterable[str | Path] = (),
          extra_documents: Iterable[str] = (), val_fraction: float = 0.05, use_default_corpus: bool | None = None,
          tokenizer_sample_bytes: int = 32_000_000, fim_rate: float = 0.0,
          tokenizer: str | Path | None = None) -> dict:
    """Train a tokenizer and write shards into out_dir (what `nanoseek data` does); returns the manifest.
    tokenizer: a directory holding one (an earlier data directory or a checkpoint) to reuse instead, so a later
    training stage (SFT, the long-context extension) reads data in its model's tokens; vocab_size is then its.

    Sources as in sources.documents: the default corpus when no paths are given. The tokenizer learns
    from the first `tokenizer_sample_bytes` of the train split only (the whole default corpus: ~5 MB),
    so validation text stays unseen. `extra_documents` is held in memory: the sources are read twice.
    On the default corpus this takes a few seconds on 2 cores. fim_rate: see write_shards.
    """
    files, extra = readable(expand(paths)), list(extra_documents)
    every = val_every(val_fraction)

    def docs():
        return documents(files, extra, use_default_corpus)

    if tokenizer is not None:
        tokenizer = Tokenizer.load(tokenizer)
    else:
        tokenizer = Tokenizer.train(_sample(docs(), every, tokenizer_sample_bytes), vocab_size)
    tokenizer.save(out_dir)
    return write_shards(out_dir, tokenizer, docs(), val_fraction, fim_rate=fim_rate)


def load_manifest(data_dir: str | Path) -> dict:
    path = Path(data_dir) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"no {MANIFEST} in {data_dir}: build the data first (`nanoseek data`, or "
                                "nanoseek.data.build); an interrupted build leaves no manifest")
    return json.loads(path.read_text())


def _split(manifest: dict, split: str) -> dict:
    if split not in manifest["splits"]:
        raise ValueError(f"unknown split {split!r}; expected one of {list(manifest['splits'])}")
    return manifest["splits"][split]


def tokens(data_dir: str | Path, split: str = "train") -> np.memmap:
    """The whole token stream of a split, memory-mapped (nothing is read until it is indexed)."""
    manifest = load_manifest(data_dir)
    info = _split(manifest, split)
    path = Path(data_dir) / info["file"]
    dtype = np.dtype(manifest["dtype"])
    if not path.is_file() or path.stat().st_size != info["tokens"] * dtype.itemsize:
        raise ValueError(f"{path} does not hold the {info['tokens']} {dtype.name} tokens that {MANIFEST} "
                         "lists; rebuild the data")
    return np.memmap(path, dtype=dtype, mode="r", shape=(info["tokens"],))


def bytes_per_token(data_dir: str | Path, split: str = "val") -> float:
    """UTF-8 bytes of text per token (BOS/EOS included): bits per byte = loss_nats / ln 2 / this."""
    info = _split(load_manifest(data_dir), split)
    return info["bytes"] / info["tokens"]


def unigram_entropy(ids: np.ndarray, chunk: int = 1 << 24) -> float:
    """Entropy in nats per token of the unigram (token frequency) distribution of `ids`.

    A model that ignores context can reach this cross-entropy loss and no lower; nats, like the loss.
    Counted in chunks so a memory-mapped split is never loaded whole.
    """
    if len(ids) == 0:
        raise ValueError("unigram_entropy of an empty token array")
    counts = np.zeros(0, dtype=np.int64)
    for start in range(0, len(ids), chunk):
        part = np.bincount(np.asarray(ids[start:start + chunk]))
        counts = np.pad(counts, (0, max(0, len(part) - len(counts))))
        counts[: len(part)] += part
    p = counts[counts > 0] / len(ids)
    return float(-(p * np.log(p)).sum())
