"""Small shared helpers for the tests: random models whose every parameter matters."""

import torch

from nanoseek.model import Transformer
from nanoseek.presets import get_preset


def small_config(**changes):
    base = dict(vocab_size=160, initializer_range=0.1)
    base.update(changes)
    return get_preset("smoke").replace(**base)


def random_model(cfg, seed: int = 0) -> Transformer:
    """A model with random weights, non-trivial norms and random expert biases (so selection uses them)."""
    torch.manual_seed(seed)
    model = Transformer(cfg)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("layernorm.weight") or name.endswith("norm.weight"):
                p.uniform_(0.5, 1.5)
            elif name.endswith(".bias"):
                p.normal_(0, 0.1)
        for moe in model.moe_layers():
            if hasattr(moe.gate, "e_score_correction_bias"):  # (DeepSeek-V2's softmax gate has no bias)
                moe.gate.e_score_correction_bias.uniform_(-0.05, 0.05)
    return model.eval()
