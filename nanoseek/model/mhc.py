"""Manifold-constrained hyper-connections (mHC, DeepSeek-V4 §2.2): the residual stream becomes hc_mult streams.

Before each sublayer (attention, FFN) the n streams X [n, hidden] of a token give, through one small linear map of
their flattened RMS-normalised concatenation x:
    pre  = sigmoid(a_pre  * x W_pre  + b_pre) + eps          [n]     how the streams collapse into the input
    post = 2 sigmoid(a_post * x W_post + b_post)             [n]     how the sublayer's output spreads back
    comb = Sinkhorn(softmax(a_comb * x W_comb + b_comb) + eps) [n, n] how the streams mix, doubly stochastic
and the block computes  X' = post f(sum_i pre_i X_i)^T + comb^T X.  A doubly stochastic comb keeps the mixing
non-expansive however deep the stack (rows and columns each sum to one: Sinkhorn-Knopp alternates column and row
normalisation, hc_sinkhorn_iters times in all). After the last block the head collapses the streams once more with
its own pre weights. Everything here runs in float32 (the released weights keep these parameters in float32).
"""

from __future__ import annotations

import torch
from torch import nn

from ..config import ModelConfig
from .ops import PLAIN, Ops


def flat_norm(streams: torch.Tensor, eps: float) -> torch.Tensor:
    """[B, S, n, hidden] -> [B, S, n * hidden] in float32, RMS-normalised (no weight)."""
    x = streams.flatten(2).float()
    return x * torch.rsqrt(x.square().mean(-1, keepdim=True) + eps)


def sinkhorn(m: torch.Tensor, iters: int, eps: float) -> torch.Tensor:
    """Positive [..., n, n] -> (nearly) doubly stochastic: columns normalised first, then rows and columns in turn."""
    m = m / (m.sum(-2, keepdim=True) + eps)
    for _ in range(iters - 1):
        m = m / (m.sum(-1, keepdim=True) + eps)
        m = m / (m.sum(-2, keepdim=True) + eps)
    return m


class HyperConnection(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        n = cfg.hc_mult
        self.n, self.iters, self.eps, self.norm_eps = n, cfg.hc_sinkhorn_iters, cfg.hc_eps, cfg.rms_norm_eps
        self.fn = nn.Parameter(torch.zeros((2 + n) * n, n * cfg.hidden_size))  # [W_pre; W_post; W_comb]
        self.base = nn.Parameter(torch.zeros((2 + n) * n))  # [b_pre; b_post; b_comb]
        self.scale = nn.Parameter(torch.ones(3))  # a_pre, a_post, a_comb

    def forward(self, streams: torch.Tensor, ops: Ops = PLAIN) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """streams [B, S, n, hidden] -> the sublayer's input [B, S, hidden], post [B, S, n], comb [B, S, n, n]."""
        n = self.n
        mixes = ops.mm(flat_norm(streams, self.norm_eps), self.fn.float()) * self.scale.repeat_interleave(
            torch.tensor([n, n, n * n], device=streams.device)) + self.base
        pre, post, comb = mixes.split([n, n, n * n], dim=-1)
        pre = ops.pointwise(torch.sigmoid, pre) + self.eps
        post = 2 * ops.pointwise(torch.sigmoid, post)
        comb = sinkhorn(comb.unflatten(-1, (n, n)).softmax(-1) + self.eps, self.iters, self.eps)
        collapsed = (pre[..., None] * streams).sum(dim=2).to(streams.dtype)
        return collapsed, post, comb

    @staticmethod
    def merge(streams: torch.Tensor, out: torch.Tensor, post: torch.Tensor, comb: torch.Tensor) -> torch.Tensor:
        """X' = post f^T + comb^T X: the sublayer's output out [B, S, hidden] spread over the mixed streams."""
        dtype = streams.dtype
        return post.to(dtype)[..., None] * out[..., None, :] + comb.to(dtype).transpose(-1, -2) @ streams


class HyperHead(nn.Module):
    """The final collapse of the streams into one hidden state (before the model's final norm)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        n = cfg.hc_mult
        self.eps, self.norm_eps = cfg.hc_eps, cfg.rms_norm_eps
        self.hc_fn = nn.Parameter(torch.zeros(n, n * cfg.hidden_size))
        self.hc_base = nn.Parameter(torch.zeros(n))
        self.hc_scale = nn.Parameter(torch.ones(1))

    def forward(self, streams: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        mixes = ops.mm(flat_norm(streams, self.norm_eps), self.hc_fn.float())
        pre = ops.pointwise(torch.sigmoid, mixes * self.hc_scale.float() + self.hc_base.float()) + self.eps
        return (pre[..., None] * streams).sum(dim=2).to(streams.dtype)
