"""Grouped-query attention: the baseline MLA is measured against (`nanoseek ablate --study attention/recipe`).

Llama-style: per token, H query heads and G <= H key/value heads, each key/value head shared by H / G query
heads. G = H is multi-head attention (MHA), G = 1 multi-query attention (MQA). Queries and keys have
qk_nope_head_dim + qk_rope_head_dim dimensions, of which the last qk_rope_head_dim rotate with RoPE (the same
rotary tables as MLA's); values have v_head_dim. A decoding cache would hold 2-part keys and values of G heads per
token and layer (config.kv_cache_bytes), against MLA's one latent. Not a DeepSeek architecture: a training-time
baseline, with no Hugging Face equivalent, that the engine does not decode.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ModelConfig
from .context import Context
from .rope import apply_rope


class GQA(nn.Module):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__()
        self.layer_idx = layer_idx
        self.n_heads, self.n_kv = cfg.num_attention_heads, cfg.num_key_value_heads
        self.nope_dim, self.rope_dim, self.v_dim = cfg.qk_nope_head_dim, cfg.qk_rope_head_dim, cfg.v_head_dim
        self.interleave = cfg.rope_interleave
        qk = cfg.qk_head_dim
        self.scale = qk ** -0.5
        self.q_proj = nn.Linear(cfg.hidden_size, self.n_heads * qk, bias=False)
        self.k_proj = nn.Linear(cfg.hidden_size, self.n_kv * qk, bias=False)
        self.v_proj = nn.Linear(cfg.hidden_size, self.n_kv * self.v_dim, bias=False)
        self.o_proj = nn.Linear(self.n_heads * self.v_dim, cfg.hidden_size, bias=False)

    def _rotate(self, t: torch.Tensor, ctx: Context) -> torch.Tensor:
        nope, pe = t.split([self.nope_dim, self.rope_dim], dim=-1)
        return torch.cat([nope, apply_rope(pe, ctx.cos, ctx.sin, self.interleave)], dim=-1)

    def forward(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        if ctx.kv is not None:
            raise NotImplementedError("GQA is a training baseline: the engine decodes MLA from its latent cache only")
        B, S, _ = x.shape
        ops = ctx.ops
        q = self._rotate(ops.linear(x, self.q_proj).view(B, S, self.n_heads, -1), ctx)
        k = self._rotate(ops.linear(x, self.k_proj).view(B, S, self.n_kv, -1), ctx)
        v = ops.linear(x, self.v_proj).view(B, S, self.n_kv, self.v_dim)
        group = self.n_heads // self.n_kv  # each key/value head serves `group` query heads
        q, k, v = q.transpose(1, 2), k.repeat_interleave(group, 2).transpose(1, 2), v.repeat_interleave(group, 2)
        if ctx.attention is not None:
            out = ctx.attention(q, k, v.transpose(1, 2), self.scale)
        else:
            out = F.scaled_dot_product_attention(q, k, v.transpose(1, 2), is_causal=True, scale=self.scale)
        return ops.linear(out.transpose(1, 2).flatten(2), self.o_proj)
