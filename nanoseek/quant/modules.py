"""Modules holding quantized weights, swapped in place of nn.Linear, nn.Embedding and the routed experts.

Each keeps its weight as `qweight` (int8, packed int4 or e4m3) and `scales` buffers: these are the tensor
names on disk too, under the module's Hugging Face name (`model.layers.0.self_attn.q_a_proj.qweight`), so
checkpoint.save writes a quantized model and checkpoint.load reads it back with no extra name mapping. The
arithmetic is the scheme's (weight_only.Int8 / Int4, fp8.FP8); `dtype` is the floating-point dtype the model
computes in.

The engine's modes (model/ops.py) read `qweight` / `scales` and computes with them directly. Code that reads
`.weight` instead still works (the model's own absorbed MLA path folds kv_b_proj.weight into the query):
a linear's `.weight` and the experts' `gate_up_proj` / `down_proj` are dequantized once and kept (so
caches keyed on those tensors stay valid), a float copy in memory for each weight read that way. The
embedding's `.weight` is dequantized per access and not kept.
"""

from __future__ import annotations

import torch
from torch import nn

from ..model.moe import Experts, grouped_mm
from ..model.ops import silu_mul
from . import weight_only


class _Derived(nn.Module):
    """Keeps forms derived from its buffers (dequantized weights, a kernel's weight layout) in _cache."""

    def __init__(self):
        super().__init__()
        self._cache: dict = {}

    def derived(self, key: str, make):
        if key not in self._cache:
            with torch.inference_mode(False):  # kept across calls: a normal tensor (it has a _version)
                self._cache[key] = make()
        return self._cache[key]

    def _apply(self, fn, recurse=True):
        self._cache.clear()  # moved or cast: the derived forms are stale
        return super()._apply(fn, recurse)


class QuantLinear(_Derived):
    def __init__(self, linear: nn.Linear, scheme, dtype: torch.dtype | None = None):
        super().__init__()
        self.scheme = scheme
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.dtype = dtype or linear.weight.dtype
        q, s = scheme.quantize(linear.weight.detach())
        self.register_buffer("qweight", q)
        self.register_buffer("scales", s)
        self.bias = linear.bias

    @property
    def weight(self) -> torch.Tensor:
        return self.derived("weight", lambda: self.scheme.dequantize(self.qweight, self.scales, self.dtype))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.scheme.linear(x, self.qweight, self.scales, self._cache)
        return out if self.bias is None else out + self.bias.to(out.dtype)

    def extra_repr(self) -> str:
        return f"{self.in_features}, {self.out_features}, {self.scheme.name}, bias={self.bias is not None}"


class QuantEmbedding(nn.Module):
    """Rows are quantized like a linear layer's output channels; a lookup dequantizes only its rows."""

    def __init__(self, embedding: nn.Embedding, scheme, dtype: torch.dtype | None = None):
        super().__init__()
        self.scheme = scheme
        self.num_embeddings, self.embedding_dim = embedding.weight.shape
        self.dtype = dtype or embedding.weight.dtype
        q, s = scheme.quantize(embedding.weight.detach())
        self.register_buffer("qweight", q)
        self.register_buffer("scales", s)

    @property
    def weight(self) -> torch.Tensor:
        return self.scheme.dequantize(self.qweight, self.scales, self.dtype)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.scheme.dequantize(self.qweight[ids], self.scales[ids], self.dtype)

    def extra_repr(self) -> str:
        return f"{self.num_embeddings}, {self.embedding_dim}, {self.scheme.name}"


def dispatch(x: torch.Tensor, experts: torch.Tensor, weights: torch.Tensor, n_experts: int, ffn) -> torch.Tensor:
    """The routing around an expert computation, as in Experts.forward: sort the (token, slot) pairs by
    expert, run ffn(rows [pairs, hidden] sorted by expert, counts [experts]), scale each row by its routing
    weight and add it back to its token. x [tokens, hidden], experts/weights [tokens, k]."""
    k = experts.shape[1]
    flat = experts.flatten()
    order = flat.argsort(stable=True)
    token = order // k
    out = ffn(x[token], torch.bincount(flat, minlength=n_experts))
    out = out * weights.flatten()[order, None].to(out.dtype)
    return torch.zeros_like(x).index_add_(0, token, out.to(x.dtype))


class QuantExperts(_Derived):
    """The stacked routed experts (model.moe.Experts) with quantized weights.

    Same computation as Experts.forward (tokens sorted by expert, two grouped matmuls, weighted scatter
    back), but only the experts that received tokens are dequantized; and a few rows (decoding: one token,
    top-k experts) go expert by expert through the scheme's linear, so through its int kernels. DeepSeek-V4's
    experts (model.moe_v4.ClampedExperts) keep their clamp: `limit` is their swiglu_limit (None: plain SwiGLU).
    """

    def __init__(self, experts: Experts, scheme, dtype: torch.dtype | None = None):
        super().__init__()
        self.scheme = scheme
        self.n_experts = experts.gate_up_proj.shape[0]
        self.dtype = dtype or experts.gate_up_proj.dtype
        self.limit = getattr(experts, "limit", None)
        for name in ("gate_up", "down"):
            q, s = scheme.quantize(getattr(experts, name + "_proj").detach())  # [experts, out, in]
            self.register_buffer(name + "_qweight", q)
            self.register_buffer(name + "_scales", s)

    # the stacked weights, for code that reads them (dequantized once and kept, see the module doc)
    @property
    def gate_up_proj(self) -> torch.Tensor:
        return self.derived("gate_up", lambda: self.dequantized("gate_up"))

    @property
    def down_proj(self) -> torch.Tensor:
        return self.derived("down", lambda: self.dequantized("down"))

    def dequantized(self, name: str, used: torch.Tensor | None = None) -> torch.Tensor:
        """The weights "gate_up" or "down" of the experts `used` (default all): [len(used), out, in]."""
        q, s = getattr(self, name + "_qweight"), getattr(self, name + "_scales")
        if used is not None:
            q, s = q[used], s[used]
        return self.scheme.dequantize(q, s, self.dtype)

    def _linear(self, name: str, e: int, x: torch.Tensor) -> torch.Tensor:
        """x @ expert e's weight "gate_up" or "down", through the scheme's linear (and its kernels)."""
        q, s = getattr(self, name + "_qweight")[e], getattr(self, name + "_scales")[e]
        return self.scheme.linear(x, q, s, self.derived(f"{name}.{e}", dict))

    def swiglu(self, gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
        return silu_mul(gate, up, self.limit)

    def forward(self, x: torch.Tensor, experts: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        """x [tokens, hidden], experts/weights [tokens, k] -> [tokens, hidden]."""
        def ffn(xs: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
            if xs.shape[0] <= weight_only.KERNEL_MAX_ROWS:  # decoding: a few rows and experts, through kernels
                outs = []
                for e, rows in zip(counts.nonzero().squeeze(1).tolist(), xs.split(counts[counts > 0].tolist())):
                    gate, up = self._linear("gate_up", e, rows).chunk(2, dim=-1)
                    outs.append(self._linear("down", e, self.swiglu(gate, up)))
                return torch.cat(outs)
            used = counts.nonzero().squeeze(1)  # experts without rows can be left out: offsets stay right
            w = self.dequantized("gate_up", used).to(xs.dtype).transpose(1, 2)  # [used, hidden, 2 * inter]
            y = self.scheme.gemm_output(grouped_mm(self.scheme.quantize_input(xs), w, counts[used]))
            gate, up = y.chunk(2, dim=-1)
            h = self.scheme.quantize_input(self.swiglu(gate, up))
            down = self.dequantized("down", used).to(xs.dtype).transpose(1, 2)
            return self.scheme.gemm_output(grouped_mm(h, down, counts[used]))

        return dispatch(x, experts, weights, self.n_experts, ffn)

    def extra_repr(self) -> str:
        return f"{self.n_experts} experts, {self.scheme.name}" + ("" if self.limit is None else f", limit={self.limit}")
