"""Rotary position embedding for MLA's decoupled key/query part, with YaRN context extension.

Only qk_rope_head_dim dimensions of each head carry position; the rest of the key comes from the latent.
YaRN (Peng et al. 2023) blends interpolated and extrapolated frequencies per dimension and scales
attention logits by mscale; DeepSeek-V3 applies mscale(factor, mscale_all_dim)^2 to the softmax scale
(see `softmax_scale`) and mscale(factor, mscale)/mscale(factor, mscale_all_dim) to cos/sin.
"""

import math

import torch
from torch import nn

from ..config import ModelConfig


def yarn_mscale(scale: float, mscale: float = 1.0) -> float:
    return 1.0 if scale <= 1 else 0.1 * mscale * math.log(scale) + 1.0


def softmax_scale(cfg: ModelConfig) -> float:
    scale = cfg.qk_head_dim ** -0.5
    yarn = cfg.yarn
    if yarn and yarn.get("mscale_all_dim"):
        scale *= yarn_mscale(yarn["factor"], yarn["mscale_all_dim"]) ** 2
    return scale


def rope_frequencies(cfg: ModelConfig) -> tuple[torch.Tensor, float]:
    """Inverse frequencies [rope_dim/2] and the factor applied to cos/sin."""
    dim, base = cfg.qk_rope_head_dim, cfg.rope_theta
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float32) / dim))
    yarn = cfg.yarn
    if yarn is None:
        return inv_freq, 1.0
    factor = yarn["factor"]
    orig_len = yarn["original_max_position_embeddings"]
    beta_fast, beta_slow = yarn.get("beta_fast") or 32, yarn.get("beta_slow") or 1
    mscale, mscale_all = yarn.get("mscale"), yarn.get("mscale_all_dim")
    attn_factor = yarn.get("attention_factor")
    if attn_factor is None:
        attn_factor = (yarn_mscale(factor, mscale) / yarn_mscale(factor, mscale_all)
                       if mscale and mscale_all else yarn_mscale(factor))

    def correction_dim(rotations: float) -> float:  # the dimension that turns `rotations` times over orig_len
        return dim * math.log(orig_len / (rotations * 2 * math.pi)) / (2 * math.log(base))

    low, high = correction_dim(beta_fast), correction_dim(beta_slow)
    if yarn.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, dim - 1)
    if low == high:
        high += 0.001
    ramp = ((torch.arange(dim // 2, dtype=torch.float32) - low) / (high - low)).clamp(0, 1)
    extrapolate = 1 - ramp  # 1: keep the original frequency (high-frequency dims); 0: interpolate by `factor`
    inv_freq = inv_freq / factor * (1 - extrapolate) + inv_freq * extrapolate
    return inv_freq, float(attn_factor)


class RotaryEmbedding(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.register_buffer("inv_freq", torch.empty(cfg.qk_rope_head_dim // 2), persistent=False)
        self.reset_parameters()

    def reset_parameters(self):
        """(Re)compute the frequency table; called again after the model is built on the meta device."""
        inv_freq, self.attention_factor = rope_frequencies(self.cfg)
        self.inv_freq = inv_freq.to(self.inv_freq.device)

    def forward(self, positions: torch.Tensor, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
        """positions [batch, seq] -> cos, sin [batch, seq, rope_dim/2] in `dtype`."""
        freqs = positions[..., None].float() * self.inv_freq
        return (freqs.cos() * self.attention_factor).to(dtype), (freqs.sin() * self.attention_factor).to(dtype)


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, interleave: bool) -> torch.Tensor:
    """Rotate x [batch, seq, heads, rope_dim] by cos/sin [batch, seq, rope_dim/2].

    interleave=True pairs dims (0,1), (2,3), ... as the released DeepSeek weights do; False pairs (i, i+d/2).
    Either way the result is laid out [rotated firsts | rotated seconds]: queries and keys get the same
    layout, so their dot products are those of the paired rotation.
    """
    if interleave:
        x1, x2 = x[..., 0::2], x[..., 1::2]
    else:
        x1, x2 = x.chunk(2, dim=-1)
    cos, sin = cos[:, :, None, :], sin[:, :, None, :]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)
