"""nanoseek's own guard classifier: hashed character n-grams -> a bag of embeddings -> a small MLP -> 15 classes
("safe", S1..S14). It runs on the CPU in well under a millisecond per text and ships in the package (< 2 MB).

Why character n-grams: they need no tokenizer and no word segmentation, so Arabic (rich morphology, attached
prefixes like "و" and "ال") and Chinese (no spaces) are featurised as English is: the 1..4-grams of "制作炸弹"
or "قنبلة" are the features. The three languages are covered by data written for each (guard/data.py),
not by translation. Saved as model.safetensors + config.json like every nanoseek model.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from .categories import CODES

LABELS = ["safe", *CODES]
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
        self.hidden = nn.Linear(cfg.dim, cfg.hidden)
        self.out = nn.Linear(cfg.hidden, len(cfg.labels))

    def forward(self, ids: torch.Tensor, offsets: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        x = self.embed(ids, offsets, per_sample_weights=weights)  # [batch, dim]
        return self.out(torch.relu(self.hidden(x)))  # [batch, labels]

    def batch(self, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return pack([features(t, self.cfg) for t in texts])

    @torch.no_grad()
    def predict(self, texts: list[str]) -> list[tuple[str | None, float, dict[str, float]]]:
        """Per text: the most likely hazard category, P(unsafe) = 1 - P(safe), and each category's probability."""
        if not texts:
            return []
        probs = torch.softmax(self(*self.batch(texts)).float(), dim=-1)
        out = []
        for p in probs.tolist():
            per = dict(zip(self.cfg.labels[1:], p[1:]))
            out.append((max(per, key=per.get), 1.0 - p[0], per))
        return out

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        # float16 keeps the shipped guard under 2 MB; the scores move by ~1e-3, far from any threshold
        save_file({k: v.half().contiguous() for k, v in self.state_dict().items()}, directory / "model.safetensors")
        (directory / "config.json").write_text(
            json.dumps({"model_type": "nanoseek-guard", **asdict(self.cfg)}, indent=2)
        )
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


def train(
    out: str | Path,
    steps: int = 4000,
    batch_size: int = 64,
    lr: float = 3e-3,
    seed: int = 0,
    val_fraction: float = 0.1,
    feature_dropout: float = 0.5,
    log=print,
) -> dict:
    """Train on guard/data.py's rows (intents held out for validation), save to `out`, return the figures."""
    from . import data
    from .normalize import clean

    torch.manual_seed(seed)
    rows = data.build(seed)
    groups = sorted({g for _, _, g in rows})
    held = set(random.Random(seed).sample(groups, int(len(groups) * val_fraction)))
    cfg = ClassifierConfig()
    label_id = {name: i for i, name in enumerate(cfg.labels)}
    # featurised once: the epochs then only gather and run the model
    train_rows = [(features(clean(t), cfg), label_id[y]) for t, y, g in rows if g not in held]
    val_rows = [(clean(t), label_id[y]) for t, y, g in rows if g in held]
    model = GuardClassifier(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    rng, np_rng = random.Random(seed), np.random.default_rng(seed)
    for step in range(steps):
        chunk = rng.sample(train_rows, batch_size)
        # features dropped at random: the model must not lean on one rare n-gram of a request it memorised
        logits = model(*pack([_drop(f, feature_dropout, np_rng) for f, _ in chunk]))
        loss = nn.functional.cross_entropy(logits, torch.tensor([y for _, y in chunk]), label_smoothing=0.05)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if step % 500 == 0 or step == steps - 1:
            log(f"step {step}: loss {loss.item():.3f}")
    model.eval()
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
