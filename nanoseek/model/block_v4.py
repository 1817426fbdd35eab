"""One DeepSeek-V4 block over mHC streams, and V4's MTP module.

    input, post, comb = hc_attn(X);  X = post attn(attn_norm(input))^T + comb^T X      (model/mhc.py)
    input, post, comb = hc_ffn(X);   X = post ffn(ffn_norm(input))^T + comb^T X
X is [batch, seq, hc_mult, hidden] from the embedding (copied into every stream) to the model's HyperHead.
Names are the released weights' (attn_norm, attn, ffn_norm, ffn, hc_attn_*, hc_ffn_*).

MTP (depth k): as DeepSeek-V3's (model/mtp.py), h' = eh_proj([enorm(embed(t_{i+k})); hnorm(h_i)]), here copied
into hc_mult streams, through one sliding-window block, collapsed by the module's own HyperHead, then the shared
head (its norm, the main output head). transformers' DeepseekV4ForCausalLM has no MTP (it skips `mtp.*` weights),
so this module has no reference to be checked against: its layout is nanoseek's reading of the paper.
"""

from __future__ import annotations

import torch
from torch import nn

from ..config import ModelConfig
from .context import Context
from .hybrid_attention import HybridAttention
from .layers import RMSNorm
from .mhc import HyperConnection, HyperHead
from .moe_v4 import MoEV4
from .mtp import SharedHead


class DecoderLayerV4(nn.Module):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__()
        self.attn_norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.attn = HybridAttention(cfg, layer_idx)
        self.ffn_norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.ffn = MoEV4(cfg, layer_idx)
        self.hc_attn = HyperConnection(cfg)
        self.hc_ffn = HyperConnection(cfg)

    def forward(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        """x: streams [batch, seq, hc_mult, hidden]."""
        h, post, comb = self.hc_attn(x, ctx.ops)
        x = HyperConnection.merge(x, self.attn(self.attn_norm(h), ctx), post, comb)
        h, post, comb = self.hc_ffn(x, ctx.ops)
        return HyperConnection.merge(x, self.ffn(self.ffn_norm(h), ctx.ops, ctx.token_ids), post, comb)


class MTPLayerV4(DecoderLayerV4):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__(cfg, layer_idx)
        self.n_streams = cfg.hc_mult
        self.enorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.hnorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.eh_proj = nn.Linear(2 * cfg.hidden_size, cfg.hidden_size, bias=False)
        self.hc_head = HyperHead(cfg)
        self.shared_head = SharedHead(cfg)

    def forward(self, h: torch.Tensor, emb: torch.Tensor, ctx: Context) -> torch.Tensor:
        """h: previous depth's hidden [batch, seq, hidden]; emb: embeddings of the tokens k ahead."""
        x = ctx.ops.linear(torch.cat([self.enorm(emb), self.hnorm(h)], dim=-1), self.eh_proj)
        streams = x[:, :, None].expand(-1, -1, self.n_streams, -1).contiguous()
        return self.hc_head(super().forward(streams, ctx), ctx.ops)
