import gzip
import json
import math
import sys

import numpy as np
import pytest
import torch

from nanoseek.data import (
    Loader,
    build,
    bytes_per_token,
    default_corpus,
    documents,
    load_manifest,
    tokens,
    unigram_entropy,
    val_batches,
)
from nanoseek.data.shards import token_dtype
from nanoseek.data.sources import read_jsonl, read_parquet, read_txt
from nanoseek.tokenizer import Tokenizer

SEQ = 16


def make_docs(n: int = 60) -> list[str]:
    """Distinct small documents cut from the default corpus (no two alike, so splits can be compared)."""
    speeches = [s for s in next(default_corpus()).split("\n\n") if len(s) > 80]
    return [f"{i}: {speeches[i]}" for i in range(n)]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    docs = make_docs()
    manifest = build(out, vocab_size=400, extra_documents=docs, use_default_corpus=False, val_fraction=0.1)
    return out, docs, manifest


def split_docs(ids: np.ndarray, bos: int) -> list[np.ndarray]:
    starts = np.flatnonzero(ids == bos)
    return np.split(ids, starts[1:])


def test_packing(data):
    out, docs, manifest = data
    tok = Tokenizer.load(out)
    assert manifest["tokenizer_sha256"] == tok.fingerprint() and manifest["dtype"] == "uint16"
    train = tokens(out, "train")
    assert train.dtype == np.uint16 and len(train) == manifest["splits"]["train"]["tokens"]
    train_docs = [d for i, d in enumerate(docs) if i % 10 != 9]
    pieces = split_docs(np.asarray(train), tok.bos_id)
    assert len(pieces) == len(train_docs) == manifest["splits"]["train"]["documents"]
    for piece, doc in zip(pieces, train_docs):
        assert piece[0] == tok.bos_id and piece[-1] == tok.eos_id
        assert piece[1:-1].tolist() == tok.encode(doc)
    assert manifest["splits"]["train"]["bytes"] == sum(len(d.encode()) for d in train_docs)
    assert token_dtype(2**16) == np.uint16 and token_dtype(2**16 + 1) == np.uint32


def test_val_split_is_disjoint_and_deterministic(data, tmp_path):
    out, docs, manifest = data
    tok = Tokenizer.load(out)
    val = [tok.decode(p[1:-1].tolist()) for p in split_docs(np.asarray(tokens(out, "val")), tok.bos_id)]
    train = [tok.decode(p[1:-1].tolist()) for p in split_docs(np.asarray(tokens(out, "train")), tok.bos_id)]
    assert val == docs[9::10] and manifest["val_every"] == 10
    assert not set(val) & set(train) and len(val) + len(train) == len(docs)
    again = build(tmp_path, vocab_size=400, extra_documents=docs, use_default_corpus=False, val_fraction=0.1)
    assert again == manifest
    for split in ("train", "val"):
        assert (tmp_path / f"{split}.bin").read_bytes() == (out / f"{split}.bin").read_bytes()


def test_empty_split_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="the val split is empty: 3 documents, .* i % 20 == 19"):
        build(tmp_path, vocab_size=300, extra_documents=["a b", "c d", "e f"], use_default_corpus=False)
    with pytest.raises(FileNotFoundError, match="build the data first"):
        load_manifest(tmp_path)


def test_loader_batches(data):
    out, _, _ = data
    x, y = next(Loader(out, batch_size=4, seq_len=SEQ, seed=1))
    assert x.shape == y.shape == (4, SEQ) and x.dtype == y.dtype == torch.int64
    assert torch.equal(x[:, 1:], y[:, :-1])
    a, b, c = (Loader(out, 4, SEQ, seed=s) for s in (1, 1, 2))
    for _ in range(5):
        (xa, ya), (xb, yb), (xc, _) = next(a), next(b), next(c)
        assert torch.equal(xa, xb) and torch.equal(ya, yb) and not torch.equal(xa, xc)


def test_loader_resumes_exactly_across_epochs(data):
    out, _, _ = data
    loader = Loader(out, batch_size=8, seq_len=SEQ, seed=3)
    steps = 3 * loader.windows // 8 + 2  # crosses two epoch boundaries
    reference = [next(loader) for _ in range(steps)]
    resumed = Loader(out, batch_size=8, seq_len=SEQ, seed=3)
    for _ in range(steps // 2):
        next(resumed)
    state = json.loads(json.dumps(resumed.state_dict()))
    fresh = Loader(out, batch_size=8, seq_len=SEQ, seed=3)
    fresh.load_state_dict(state)
    for want in reference[steps // 2:]:
        got = next(fresh)
        assert torch.equal(got[0], want[0]) and torch.equal(got[1], want[1])
    with pytest.raises(ValueError, match="saved seed=3, this loader has seed=4"):
        Loader(out, 8, SEQ, seed=4).load_state_dict(state)


def test_loader_epoch_windows_do_not_overlap(data):
    out, _, _ = data
    loader = Loader(out, 4, SEQ, seed=0)
    for epoch in range(3):
        starts = np.sort(loader._starts(epoch))
        assert len(starts) == loader.windows and (np.diff(starts) == SEQ).all()
        assert 0 <= starts[0] < SEQ and starts[-1] + SEQ + 1 <= len(loader.tokens)


def test_rank_slicing(data):
    out, _, _ = data
    whole = Loader(out, batch_size=6, seq_len=SEQ, seed=5)
    ranks = [Loader(out, batch_size=3, seq_len=SEQ, seed=5, rank=r, world_size=2) for r in range(2)]
    seen = set()
    for _ in range(whole.windows // 6):  # one epoch: every window at most once over all ranks
        x, _ = next(whole)
        parts = [next(r)[0] for r in ranks]
        assert torch.equal(torch.cat(parts), x)
        rows = {tuple(row.tolist()) for row in x}
        assert len(rows) == 6 and not rows & seen
        seen |= rows
    with pytest.raises(ValueError, match="rank must be in"):
        Loader(out, 3, SEQ, rank=2, world_size=2)


def test_val_batches(data):
    out, _, _ = data
    ids = torch.from_numpy(np.asarray(tokens(out, "val")).astype(np.int64))
    batches = list(val_batches(out, batch_size=5, seq_len=SEQ))
    x = torch.cat([b[0] for b in batches])
    y = torch.cat([b[1] for b in batches])
    count = (len(ids) - 1) // SEQ
    assert x.shape == (count, SEQ) and all(len(b[0]) == 5 for b in batches[:-1])
    assert torch.equal(x.flatten(), ids[: count * SEQ]) and torch.equal(y.flatten(), ids[1: count * SEQ + 1])
    halves = [torch.cat([b[0] for b in val_batches(out, 5, SEQ, rank=r, world_size=2)]) for r in range(2)]
    assert torch.equal(halves[0], x[0::2]) and torch.equal(halves[1], x[1::2])
    with pytest.raises(ValueError, match="fewer than seq_len"):
        next(val_batches(out, 1, len(ids)))


def test_bytes_per_token_and_entropy(data):
    out, docs, manifest = data
    val = manifest["splits"]["val"]
    assert bytes_per_token(out) == val["bytes"] / val["tokens"] > 1
    h = unigram_entropy(tokens(out, "train"))
    assert 0 < h < math.log(manifest["vocab_size"])


def test_unigram_entropy_by_hand():
    assert unigram_entropy(np.array([0, 0, 1, 1], dtype=np.uint16)) == pytest.approx(math.log(2))
    assert unigram_entropy(np.array([7, 7, 7])) == 0
    # p = (1/2, 1/4, 1/4) -> H = 1.5 bits; small chunks exercise the chunked count.
    assert unigram_entropy(np.array([2, 0, 2, 9, 2, 0, 2, 9]), chunk=3) == pytest.approx(1.5 * math.log(2))
    with pytest.raises(ValueError, match="empty"):
        unigram_entropy(np.array([], dtype=np.uint16))


def test_truncated_shard_is_an_error(data, tmp_path):
    out, _, _ = data
    for name in ("manifest.json", "train.bin"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    with open(tmp_path / "train.bin", "r+b") as f:
        f.truncate(10)
    with pytest.raises(ValueError, match="rebuild the data"):
        tokens(tmp_path, "train")
    with pytest.raises(ValueError, match="unknown split 'test'"):
        tokens(out, "test")


def test_default_corpus_build(tmp_path):
    works = list(default_corpus())
    assert len(works) == 42 and any("To be, or not to be" in w for w in works)
    assert not any("Gutenberg" in w for w in works)
    manifest = build(tmp_path, vocab_size=2048)
    assert manifest["splits"]["val"]["documents"] == 2 and manifest["splits"]["train"]["documents"] == 40
    assert manifest["splits"]["train"]["tokens"] > 1_000_000
    assert 2.5 < bytes_per_token(tmp_path) < 4
    assert Tokenizer.load(tmp_path).vocab_size == 2048


def test_text_sources(tmp_path):
    (tmp_path / "a.txt").write_text("first para\nline two\n\n\n  indented second\r\n \r\nthird\n")
    assert list(read_txt(tmp_path / "a.txt")) == ["first para\nline two", "  indented second", "third"]
    with gzip.open(tmp_path / "b.txt.gz", "wt") as f:
        f.write("zipped\n\nblocks")
    (tmp_path / "c.jsonl").write_text('{"text": "one", "id": 1}\n\n{"text": "two"}\n{"text": "   "}\n')
    (tmp_path / "skip.md").write_text("not read from a directory")
    assert list(documents([tmp_path])) == ["first para\nline two", "  indented second", "third", "zipped",
                                           "blocks", "one", "two"]
    assert list(documents(str(tmp_path / "c.jsonl"))) == ["one", "two"]
    got = list(documents([tmp_path / "c.jsonl"], extra_documents=["gen"], use_default_corpus=True))
    assert len(got) == 45 and got[-3:] == ["one", "two", "gen"]
    with pytest.raises(ValueError, match="unknown file type"):
        list(documents([tmp_path / "skip.md"]))
    with pytest.raises(FileNotFoundError, match="no such file"):
        list(documents([tmp_path / "missing.jsonl"]))
    with pytest.raises(TypeError, match="documents must be strings"):
        list(documents(extra_documents=[b"bytes"], use_default_corpus=False))


@pytest.mark.parametrize("line, match", [
    ("{not json", r"bad.jsonl:2: invalid JSON"),
    ('{"txt": "x"}', r"bad.jsonl:2: expected an object with a string \"text\" field, found keys \['txt'\]"),
    ('{"text": 5}', r"bad.jsonl:2: expected an object"),
    ('["x"]', r"bad.jsonl:2: .* found list"),
])
def test_jsonl_errors(tmp_path, line, match):
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n' + line + "\n")
    with pytest.raises(ValueError, match=match):
        list(read_jsonl(tmp_path / "bad.jsonl"))


def test_parquet_without_pyarrow(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        list(read_parquet(tmp_path / "x.parquet"))


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"text": ["a", None, "b"], "n": [1, 2, 3]}), tmp_path / "t.parquet")
    assert list(documents([tmp_path / "t.parquet"])) == ["a", "b"]
    pq.write_table(pa.table({"body": ["a"]}), tmp_path / "u.parquet")
    with pytest.raises(ValueError, match="expected a 'text' column, found columns \\['body'\\]"):
        list(read_parquet(tmp_path / "u.parquet"))


def test_files_without_text_are_skipped_and_named(tmp_path):
    """`nanoseek data --input` on an empty, a binary and a Latin-1 file: each skipped with its name and why."""
    from nanoseek.data.sources import readable

    (tmp_path / "good.txt").write_text("some text\n\nmore text\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x00\x00" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9 cr\u00e8me\n".encode("latin-1"))
    with gzip.open(tmp_path / "latin1.txt.gz", "wb") as f:
        f.write(b"ok then \xe9t\xe9")
    (tmp_path / "fake.txt.gz").write_bytes(b"plain text, not gzip")
    logged = []
    kept = readable(sorted(tmp_path.iterdir()), log=logged.append)
    assert kept == [tmp_path / "good.txt"]
    why = {line.split(": ", 2)[1].removeprefix("skipped ").split("/")[-1]: line.split(": ", 2)[2] for line in logged}
    assert why["empty.txt"] == "the file is empty"
    assert why["blank.jsonl"] == "only whitespace, no text"
    assert why["binary.txt"].startswith("binary data (a NUL byte at offset 6)")
    assert why["latin1.txt"].startswith("not UTF-8 text (byte 0xe9 at offset 3)")
    assert why["latin1.txt.gz"].startswith("not UTF-8 text (byte 0xe9 at offset 8)")
    assert why["fake.txt.gz"].startswith("unreadable")
    with pytest.raises(ValueError, match="none of the 2 input files holds text"):
        readable([tmp_path / "empty.txt", tmp_path / "binary.txt"], log=logged.append)
    m = build(tmp_path / "out", vocab_size=300, paths=[tmp_path], val_fraction=0.5)
    assert m["splits"]["train"]["documents"] + m["splits"]["val"]["documents"] == 2


def test_fill_in_the_middle_rearranges_a_share_of_training_documents(data, tmp_path):
    """fim_rate: that share of training documents becomes FIM_BEGIN prefix FIM_HOLE suffix FIM_END middle (the
    same characters, another order); validation stays plain; the choice is seeded."""
    from nanoseek.data.shards import write_shards
    from nanoseek.tokenizer import FIM_BEGIN, FIM_END, FIM_HOLE

    out, docs, _ = data
    tok = Tokenizer.load(out)
    manifest = write_shards(tmp_path, tok, docs, val_fraction=0.1, fim_rate=0.5, seed=3)
    assert manifest["fim_rate"] == 0.5
    train_docs = [d for i, d in enumerate(docs) if i % 10 != 9]
    pieces = [tok.decode(p[1:-1].tolist()) for p in split_docs(np.asarray(tokens(tmp_path, "train")), tok.bos_id)]
    fim = [(p, d) for p, d in zip(pieces, train_docs) if p != d]
    assert 0.3 * len(train_docs) < len(fim) < 0.7 * len(train_docs)
    for piece, doc in fim:
        assert piece.startswith(FIM_BEGIN) and piece.count(FIM_HOLE) == piece.count(FIM_END) == 1
        prefix, rest = piece[len(FIM_BEGIN):].split(FIM_HOLE)
        suffix, middle = rest.split(FIM_END)
        assert prefix + middle + suffix == doc
    val = [tok.decode(p[1:-1].tolist()) for p in split_docs(np.asarray(tokens(tmp_path, "val")), tok.bos_id)]
    assert val == [d for i, d in enumerate(docs) if i % 10 == 9]
    again = write_shards(tmp_path / "again", tok, docs, val_fraction=0.1, fim_rate=0.5, seed=3)
    assert again["splits"] == manifest["splits"]
    assert np.array_equal(tokens(tmp_path / "again", "train"), tokens(tmp_path, "train"))
