"""One pre-norm decoder block: x + MLA(norm(x)), then x + FFN(norm(x)) with a dense MLP or DeepSeekMoE."""

import torch
from torch import nn

from ..config import ModelConfig
from .attention import MLA
from .context import Context
from .gqa import GQA
from .layers import MLP, RMSNorm
from .moe import MoE


class DecoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__()
        self.input_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.self_attn = GQA(cfg, layer_idx) if cfg.attention_type == "gqa" else MLA(cfg, layer_idx)
        self.post_attention_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.mlp = MoE(cfg) if cfg.is_moe_layer(layer_idx) else MLP(cfg.hidden_size, cfg.intermediate_size)

    def forward(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        x = x + self.self_attn(self.input_layernorm(x), ctx)
        return x + self.mlp(self.post_attention_layernorm(x), ctx.ops)
