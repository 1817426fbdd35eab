"""nanoseek's own guard classifier: hashed character n-grams -> a bag of embeddings -> a small MLP -> 15 classes
("safe", S1..S14). The n-gram model runs on the CPU in well under a millisecond per text.

Why character n-grams: they need no tokenizer and no word segmentation, so Arabic (rich morphology, attached
prefixes like "و" and "ال") and Chinese (no spaces) are featurised as English is: the 1..4-grams of "制作炸弹"
or "قنبلة" are the features. The three languages are covered by data written for each (guard/data.py),
not by translation. Saved as model.safetensors + config.json like every nanoseek model.

The shipped guard (default/) adds a pretrained sentence encoder for Latin-script text (guard/encoder.py): its
head reads the encoder's embedding beside the n-grams, and texts in other scripts go to the n-gram model saved
in default/multilingual (GuardClassifier.probs). Together < 4 MB, plus the encoder's own package.
"""

from __future__ import annotations

import json
import math
import random
import re
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from .categories import CODES
from .encoder import NAME as ENCODER
from .encoder import SentenceEncoder

LABELS = ["safe", *CODES]
# the encoder layers the shipped guard's head reads: the last layer's mean and a middle one's (see BENCHMARKS.md, Guard)
ENCODER_LAYERS = (3, 6)
DEFAULT_DIR = Path(__file__).parent / "default"


@dataclass
class ClassifierConfig:
    # hashed feature space; collisions are noise the MLP learns around. At the same size (< 2 MB in float16),
    # 2^14 buckets x 48 dimensions generalised better to held-out requests than 2^15 x 24
    buckets: int = 1 << 14
    dim: int = 48
    hidden: int = 64
    ngrams: tuple[int, ...] = (1, 2, 3, 4, 5)
    max_chars: int = 2000  # a long text is judged by its first and last max_chars / 2 characters
    labels: tuple[str, ...] = tuple(LABELS)
    # a frozen pretrained sentence encoder whose embedding joins the n-gram features (guard/encoder.py); "" = none
    encoder: str = ""
    encoder_dim: int = 384
    encoder_layers: tuple[int, ...] = (6,)  # the layers whose mean states the head reads (encoder_dim in all)
    other: str = ""  # a subfolder with the model for texts not in Latin script (see GuardClassifier.probs)


def features(text: str, cfg: ClassifierConfig) -> tuple[np.ndarray, np.ndarray]:
    """Bucket ids and weights (1/sqrt(count), so long texts do not drown the MLP) of a cleaned text.

    The rolling hash is computed with numpy over code points: stable across processes (Python's hash() is
    salted) and fast enough to featurise the training set in seconds.
    """
    if len(text) > cfg.max_chars:
        text = text[: cfg.max_chars // 2] + " " + text[-cfg.max_chars // 2 :]
    s = " " + " ".join(text.split()) + " "
    cps = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    ids = []
    for n in cfg.ngrams:
        if len(cps) < n:
            continue
        h = np.full(len(cps) - n + 1, n, dtype=np.uint64)
        for k in range(n):
            h = (h * np.uint64(1000003) + cps[k : len(cps) - n + 1 + k]) & np.uint64(0xFFFFFFFF)
        ids.append(h)
    words = re.findall(r"\w+", s)
    pairs = [f"w:{w}" for w in words] + [f"w:{a} {b}" for a, b in zip(words, words[1:])]
    ids.append(np.array([zlib.crc32(p.encode()) for p in pairs], dtype=np.uint64))
    h = np.concatenate(ids) if ids else np.zeros(0, dtype=np.uint64)
    h = (h * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)
    return (h % np.uint64(cfg.buckets)).astype(np.int64), np.full(len(h), 1 / math.sqrt(max(len(h), 1)), np.float32)


def latin(text: str) -> bool:
    """Mostly Latin letters (or no letters at all): English and its look-alikes, as the encoder was trained."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) >= 0.5 * len(letters)


def pack(feats: list[tuple[np.ndarray, np.ndarray]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """EmbeddingBag's flat input: all ids, each text's offset, all weights."""
    offsets = np.cumsum([0] + [len(i) for i, _ in feats[:-1]])
    return (
        torch.from_numpy(np.concatenate([i for i, _ in feats])),
        torch.from_numpy(offsets),
        torch.from_numpy(np.concatenate([w for _, w in feats])),
    )


class GuardClassifier(nn.Module):
    def __init__(self, cfg: ClassifierConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.EmbeddingBag(cfg.buckets, cfg.dim, mode="sum")
        self.hidden = nn.Linear(cfg.dim + (cfg.encoder_dim if cfg.encoder else 0), cfg.hidden)
        self.out = nn.Linear(cfg.hidden, len(cfg.labels))
        # set by load() / train(): the frozen encoder (its weights in its own package) and the model for other scripts
        self.encoder: SentenceEncoder | None = None
        self.other: GuardClassifier | None = None

    def forward(
        self, ids: torch.Tensor, offsets: torch.Tensor, weights: torch.Tensor, sentence: torch.Tensor | None = None
    ) -> torch.Tensor:
        x = self.embed(ids, offsets, per_sample_weights=weights)  # [batch, dim]
        if self.cfg.encoder:
            x = torch.cat([x, sentence], dim=-1)  # + the encoder's embedding, [batch, encoder_dim]
        return self.out(torch.relu(self.hidden(x)))  # [batch, labels]

    def batch(self, texts: list[str]) -> tuple[torch.Tensor, ...]:
        packed = pack([features(t, self.cfg) for t in texts])
        return (*packed, self.encoder.embed(texts, layers=self.cfg.encoder_layers)) if self.cfg.encoder else packed

    @torch.no_grad()
    def probs(self, texts: list[str]) -> torch.Tensor:
        """[len(texts), labels]. With an encoder and an `other` model, texts not in Latin script go to `other`:
        the encoder was trained on English, and Arabic or Chinese would land where its training put nothing."""
        out = torch.empty(len(texts), len(self.cfg.labels))
        route = [self.other is None or latin(t) for t in texts]
        mine, rest = [i for i, r in enumerate(route) if r], [i for i, r in enumerate(route) if not r]
        if mine:
            out[mine] = torch.softmax(self(*self.batch([texts[i] for i in mine])).float(), dim=-1)
        if rest:
            out[rest] = self.other.probs([texts[i] for i in rest])
        return out

    def predict(self, texts: list[str]) -> list[tuple[str | None, float, dict[str, float]]]:
        """Per text: the most likely hazard category, P(unsafe) = 1 - P(safe), and each category's probability."""
        unique = list(dict.fromkeys(texts))  # a check's decodings and sentences repeat; each is judged once
        probs = dict(zip(unique, self.probs(unique).tolist())) if unique else {}
        out = []
        for t in texts:
            per = dict(zip(self.cfg.labels[1:], probs[t][1:]))
            out.append((max(per, key=per.get), 1.0 - probs[t][0], per))
        return out

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        # float16 keeps the shipped guard small; the scores move by ~1e-3, far from any threshold.
        # The encoder's weights stay in its own package and `other` is saved in its own folder: only the n-gram
        # table and the head are this model's
        own = {k: v for k, v in self.state_dict().items() if not k.startswith(("encoder.", "other."))}
        save_file({k: v.half().contiguous() for k, v in own.items()}, directory / "model.safetensors")
        (directory / "config.json").write_text(
            json.dumps({"model_type": "nanoseek-guard", **asdict(self.cfg)}, indent=2)
        )
        if self.other is not None:
            self.other.save(directory / self.cfg.other)
        return directory

    @classmethod
    def load(cls, directory: str | Path = DEFAULT_DIR) -> GuardClassifier:
        directory = Path(directory)
        try:
            raw = json.loads((directory / "config.json").read_text())
            if raw.pop("model_type", None) != "nanoseek-guard":
                raise ValueError("config.json is not a nanoseek guard's (model_type must be 'nanoseek-guard')")
            cfg = ClassifierConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})
            model = cls(cfg)
            model.load_state_dict({k: v.float() for k, v in load_file(directory / "model.safetensors").items()})
            if cfg.encoder:
                model.encoder = SentenceEncoder.load()
            if cfg.other:
                model.other = cls.load(directory / cfg.other)
        except (OSError, ValueError, TypeError, RuntimeError, json.JSONDecodeError) as e:
            raise ValueError(
                f"cannot load the guard classifier from {directory}: expected config.json + "
                f"model.safetensors written by `nanoseek guard train`; {type(e).__name__}: {e}"
            ) from e
        return model.eval()


def _drop(f: tuple[np.ndarray, np.ndarray], p: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    keep = rng.random(len(f[0])) >= p
    keep[rng.integers(len(keep))] = True  # never an empty bag
    ids = f[0][keep]
    return ids, np.full(len(ids), 1 / math.sqrt(len(ids)), np.float32)


def fit(
    cfg: ClassifierConfig,
    rows: list[tuple[str, int]],
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    feature_dropout: float,
    log=print,
) -> GuardClassifier:
    """A model of `cfg` trained on (clean text, label id) rows."""
    torch.manual_seed(seed)
    model = GuardClassifier(cfg)
    # featurised (and embedded) once: the steps then only gather and run the head
    feats = [features(t, cfg) for t, _ in rows]
    sentence = None
    if cfg.encoder:
        model.encoder = SentenceEncoder.load()
        start = time.perf_counter()
        sentence = model.encoder.embed([t for t, _ in rows], layers=cfg.encoder_layers)
        log(f"{len(rows)} texts embedded by {cfg.encoder} in {time.perf_counter() - start:.0f} s")
    opt = torch.optim.AdamW([p for n, p in model.named_parameters() if not n.startswith("encoder.")], lr=lr,
                            weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    rng, np_rng = random.Random(seed), np.random.default_rng(seed)
    for step in range(steps):
        idx = rng.sample(range(len(rows)), batch_size)
        # features dropped at random: the model must not lean on one rare n-gram of a request it memorised
        packed = pack([_drop(feats[i], feature_dropout, np_rng) for i in idx])
        logits = model(*packed, sentence[idx] if cfg.encoder else None)
        loss = nn.functional.cross_entropy(logits, torch.tensor([rows[i][1] for i in idx]), label_smoothing=0.05)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if step % 1000 == 0 or step == steps - 1:
            log(f"step {step}: loss {loss.item():.3f}")
    return model.eval()


def train(
    out: str | Path,
    steps: int = 8000,
    batch_size: int = 64,
    lr: float = 3e-3,
    seed: int = 0,
    val_fraction: float = 0.1,
    feature_dropout: float = 0.5,
    encoder: bool = True,
    log=print,
) -> dict:
    """Train on guard/data.py's rows (intents held out for validation), save to `out`, return the figures.

    encoder=False: one n-gram model for all languages. encoder=True (the default guard): that model is kept
    for texts not in Latin script (saved in out/multilingual), and texts in Latin script get a second model whose
    head reads the sentence encoder's embedding (the mean states of ENCODER_LAYERS) beside the n-grams, trained on
    the Latin-script rows. Its n-grams are dropped at 0.99 while it trains, so that it leans on the encoder, which
    generalises to words the data never used; with more of them kept it learnt the data's words again (more false
    refusals, fewer unseen requests caught: BENCHMARKS.md, Guard).
    """
    from . import data
    from .normalize import clean

    rows = data.build(seed)
    groups = sorted({g for _, _, g in rows})
    held = set(random.Random(seed).sample(groups, int(len(groups) * val_fraction)))
    label_id = {name: i for i, name in enumerate(LABELS)}
    train_rows = [(clean(t), label_id[y]) for t, y, g in rows if g not in held]
    val_rows = [(clean(t), label_id[y]) for t, y, g in rows if g in held]
    args = dict(steps=steps, batch_size=batch_size, lr=lr, seed=seed, log=log)
    model = fit(ClassifierConfig(), train_rows, feature_dropout=feature_dropout, **args)
    if encoder:
        cfg = ClassifierConfig(encoder=ENCODER, other="multilingual", encoder_layers=ENCODER_LAYERS,
                               encoder_dim=384 * len(ENCODER_LAYERS))
        other, model = model, fit(cfg, [r for r in train_rows if latin(r[0])], feature_dropout=0.99, **args)
        model.other = other
    figures = {"train_rows": len(train_rows), "val_rows": len(val_rows)}
    if val_rows:
        preds = model.predict([t for t, _ in val_rows])
        unsafe = [(score >= 0.5, y != 0) for (_, score, _), (_, y) in zip(preds, val_rows)]
        figures["val_recall"] = sum(p for p, t in unsafe if t) / max(1, sum(t for _, t in unsafe))
        figures["val_false_positive"] = sum(p for p, t in unsafe if not t) / max(1, sum(not t for _, t in unsafe))
        log(
            f"held-out intents: recall {figures['val_recall']:.3f}, false positives {figures['val_false_positive']:.3f}"
        )
    model.save(out)
    return figures
