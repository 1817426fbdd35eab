"""Multi-Token Prediction (DeepSeek-V3 §2.2): D sequential modules, module k predicting token i + k + 1.

Module k combines the previous depth's hidden state at i with the embedding of token i + k:
    h' = eh_proj(concat([enorm(embed(t_{i+k})), hnorm(h_{i})]))      embedding first, as the released
then runs one decoder block and the shared head (shared_head.norm, then the main model's output head).
The embedding-first order is that of the released DeepSeek-V3 weights as vLLM and SGLang load them, so
real MTP weights work for speculative decoding. The main model's final-norm hidden states feed depth 1.
"""

import torch
from torch import nn

from ..config import ModelConfig
from .block import DecoderLayer
from .context import Context
from .layers import RMSNorm
from .ops import PLAIN, Ops


class SharedHead(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.head = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)  # tied to lm_head by the model

    def forward(self, h: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        return ops.linear(self.norm(h), self.head)


class MTPLayer(DecoderLayer):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__(cfg, layer_idx)
        self.enorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.hnorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.eh_proj = nn.Linear(2 * cfg.hidden_size, cfg.hidden_size, bias=False)
        self.shared_head = SharedHead(cfg)

    def forward(self, h: torch.Tensor, emb: torch.Tensor, ctx: Context) -> torch.Tensor:
        """h: previous depth's hidden [batch, seq, hidden]; emb: embeddings of the tokens k ahead."""
        x = ctx.ops.linear(torch.cat([self.enorm(emb), self.hnorm(h)], dim=-1), self.eh_proj)
        return super().forward(x, ctx)
