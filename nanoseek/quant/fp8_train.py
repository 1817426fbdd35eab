"""FP8 training as in DeepSeek-V3 (§3.3): the GEMMs of the linear layers and routed experts run in FP8.

For y = x W^T (x [tokens, in], W [out, in]) each of the three GEMMs quantizes its operands on the fly:
    Fprop  y  = x W^T     x in 1x128 tiles (per token, 128 channels), W in 128x128 blocks
    Dgrad  dx = dy W      dy in 1x128 tiles, W in 128x128 blocks
    Wgrad  dW = dy^T x    dy and x in 128x1 tiles: along the tokens, the dimension the sum runs over
Master weights, their gradients and the optimizer stay in float32; the embedding, output head, router,
norms and attention itself stay out of FP8, as in the paper. GEMM outputs are bf16, as the tensor cores
give them. Each GEMM is fp8.fp8_mm: e4m3 tensor cores on Hopper (checked once against the simulation),
the quantize-dequantize simulation elsewhere. On CPU this shows what FP8 rounding does to training, not
its speed. Routed experts run every GEMM in the simulation, on GPUs too (no FP8 grouped GEMM wired).

    enable_fp8_training(model)   # before or after making the optimizer: the Parameters stay the same objects
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..model import Transformer
from ..model.moe import Experts, grouped_mm
from .fp8 import ACT_TILE, WEIGHT_BLOCK, fake_quantize, fp8_mm, quantize_blocks
from .modules import dispatch

TOKEN_TILE = (128, 1)  # Wgrad's right operand x [tokens, in]: 128 tokens share a scale


class FP8Linear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight):  # x [tokens, in], weight [out, in]
        qw, sw = quantize_blocks(weight)  # once per step: Fprop and Dgrad share the 128x128 blocks
        ctx.save_for_backward(x, qw, sw)  # (DeepSeek caches x in FP8; the simulation keeps it in float)
        ctx.weight_dtype = weight.dtype
        return fp8_mm(x, ACT_TILE, (qw.t(), sw.t()), WEIGHT_BLOCK).to(x.dtype)

    @staticmethod
    def backward(ctx, dy):
        x, qw, sw = ctx.saved_tensors
        dx = fp8_mm(dy, ACT_TILE, (qw, sw), WEIGHT_BLOCK)  # [tokens, out] @ [out, in]
        dw = fp8_mm(dy.t(), ACT_TILE, x, TOKEN_TILE)  # [out, tokens] @ [tokens, in]
        return dx.to(x.dtype), dw.to(ctx.weight_dtype)


def _grouped(x, w, counts):
    """Simulated FP8 grouped GEMM: x [rows, in] (1x128 tiles) @ w [experts, in, out] (128x128 blocks)."""
    with torch.autocast(x.device.type, enabled=False):
        out = grouped_mm(fake_quantize(x, ACT_TILE), fake_quantize(w, WEIGHT_BLOCK), counts)
    return out.to(torch.bfloat16)


class FP8GroupedMM(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, counts):  # x [rows, in] sorted by expert, weight [experts, out, in]
        ctx.save_for_backward(x, weight, counts)
        return _grouped(x, weight.transpose(1, 2), counts).to(x.dtype)

    @staticmethod
    def backward(ctx, dy):
        x, weight, counts = ctx.saved_tensors
        dx = _grouped(dy, weight, counts)  # [rows, out] @ [out, in] per expert
        dw = torch.zeros_like(weight)
        ends = counts.cumsum(0).tolist()
        for e, (start, end) in enumerate(zip([0] + ends[:-1], ends)):
            if end > start:  # each expert's Wgrad sums over its own rows only: tiles stay inside them
                dw[e] = fp8_mm(dy[start:end].t(), ACT_TILE, x[start:end], TOKEN_TILE)
        return dx.to(x.dtype), dw, None


class FP8TrainLinear(nn.Linear):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = FP8Linear.apply(x.reshape(-1, x.shape[-1]), self.weight).view(*x.shape[:-1], -1)
        return y if self.bias is None else y + self.bias.to(y.dtype)


class FP8TrainExperts(Experts):
    def forward(self, x: torch.Tensor, experts: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        def ffn(xs: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
            gate, up = FP8GroupedMM.apply(xs, self.gate_up_proj, counts).chunk(2, dim=-1)
            return FP8GroupedMM.apply(F.silu(gate) * up, self.down_proj, counts)

        return dispatch(x, experts, weights, self.gate_up_proj.shape[0], ffn)


def enable_fp8_training(model: Transformer) -> Transformer:
    """Switch the model's linear layers (not the output head) and routed experts to FP8 GEMMs, in place.
    Only the classes change (to subclasses without state of their own): every Parameter stays the same
    object, so optimizers, checkpoints and state_dict names are unaffected."""
    for m in model.modules():
        if type(m) is nn.Linear and m is not model.lm_head:
            m.__class__ = FP8TrainLinear
        elif type(m) is Experts:
            m.__class__ = FP8TrainExperts
    return model
