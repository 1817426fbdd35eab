"""AdamW with the usual parameter groups, and the learning-rate schedules (warm-up + cosine, or WSD)."""

from __future__ import annotations

import math

import torch
from torch import nn


def param_groups(model: nn.Module, weight_decay: float) -> list[dict]:
    """Decay matrices (and stacked expert weights); not norms, biases or embeddings."""
    decay, no_decay = [], []
    seen = set()
    for name, p in model.named_parameters():
        if not p.requires_grad or id(p) in seen:  # shared heads appear under several names
            continue
        seen.add(id(p))
        (decay if p.ndim >= 2 and "embed_tokens" not in name else no_decay).append(p)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def make_optimizer(model: nn.Module, lr: float, weight_decay: float, betas=(0.9, 0.95)) -> torch.optim.AdamW:
    # the fused kernel (one pass over each tensor) exists on CPU and CUDA: 5-10% of a CPU step saved
    return torch.optim.AdamW(param_groups(model, weight_decay), lr=lr, betas=betas, eps=1e-8, fused=True)


def lr_factor(step: int, total: int, warmup: int, schedule: str = "cosine", min_ratio: float = 0.1,
              decay_fraction: float = 0.2) -> float:
    """Multiplier of the peak learning rate at `step` (0-based).

    cosine: linear warm-up, then cosine decay to min_ratio at `total`.
    wsd: warm-up, stable at 1, then linear decay to min_ratio over the last `decay_fraction` of the steps
    (the schedule DeepSeek-V3 used in spirit: constant, then decay), which lets a run be extended.
    """
    if step < warmup:
        return (step + 1) / warmup
    if schedule == "cosine":
        progress = min(1.0, (step - warmup) / max(1, total - warmup))
        return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * progress))
    if schedule == "wsd":
        decay_start = total - int(decay_fraction * total)
        if step < decay_start:
            return 1.0
        return 1.0 - (1.0 - min_ratio) * min(1.0, (step + 1 - decay_start) / max(1, total - decay_start))
    raise ValueError(f"unknown schedule {schedule!r}; expected 'cosine' or 'wsd'")
