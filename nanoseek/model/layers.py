"""The two small building blocks every other module uses: RMSNorm and the SwiGLU MLP."""

import torch
import torch.nn.functional as F
from torch import nn

from .ops import PLAIN, Ops


class RMSNorm(nn.Module):
    """x / rms(x) * weight, normalised in float32 and cast back (as the reference does)."""

    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dtype = x.dtype
        x = x.float()
        x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x.to(dtype)


class MLP(nn.Module):
    """SwiGLU feed-forward: down(silu(gate(x)) * up(x)). Dense layers and shared experts."""

    def __init__(self, hidden_size: int, intermediate_size: int):
        super().__init__()
        self.gate_proj = nn.Linear(hidden_size, intermediate_size, bias=False)
        self.up_proj = nn.Linear(hidden_size, intermediate_size, bias=False)
        self.down_proj = nn.Linear(intermediate_size, hidden_size, bias=False)

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        return ops.linear(F.silu(ops.linear(x, self.gate_proj)) * ops.linear(x, self.up_proj), self.down_proj)
