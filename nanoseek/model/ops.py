"""How the network's products are computed: one network (the modules of model/), several ways to run it.

The modules say *what* is computed (MLA, the gate, the experts, MTP); an `Ops` says *how* each product, each
attention over cached latents, each top-k and each routed-expert dispatch is carried out. Training and the
model's own forward use `Ops()`; the engine picks one when it is built and passes it in the `Context` of every
forward. The modes (replaced ops, as batch-invariant inference does it elsewhere; the math is the model's):

  Ops            plain GEMMs over the batch, torch.topk, grouped expert matmuls. BLAS chooses a kernel by matrix
                 shape (one row: matrix-vector; a few: a small-matrix kernel; more: a blocked GEMM), each summing in
                 its own order, so a token's last bits depend on what else is in its batch.
  Invariant      every product per token, with one summation order whatever the batch (a batch of matrix-vector
                 products: torch.bmm runs the same kernel at every batch size); keys attended in fixed blocks of
                 KEY_BLOCK positions; each token's experts found on the host. A token's result then depends only
                 on its own token, position and cached latents, bit for bit: batched decoding = one request at a
                 time, and speculative verification of [token, draft] = two plain decoding steps. The price: each
                 weight is read once per token, not once per batch.
  Compiled       for torch.compile (the engine compiles the model's own cached forward with it): each product a
                 reduction per output, (w * x).sum(-1), rows innermost, so inductor writes the whole step as one
                 loop nest that reads a weight row once for all rows and sums each row in the same order (batch-
                 invariant with the symbolic, unbacked sizes the engine compiles for); routing by comparisons
                 instead of topk; experts read by index. Several times faster than eager at batch 1.
  CompiledGemm   compiled, with GEMMs over the batch and the routed experts as two dense GEMMs over every expert
                 (the unchosen weighted 0): not batch-invariant, fastest at a few dozen rows (GRPO's rollouts).

Quantized modules (nanoseek.quant: `qweight` + `scales` instead of `weight`) run on their integers in every mode:
eager through PyTorch's packed int kernels (each row on its own, so batch-invariant) or dequantized per product;
compiled with the dequantization inside the loop that reads the integers. No float copy of a weight is kept.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
import torch._inductor.inductor_prims  # noqa: F401  (registers prims.inductor_force_stride_order)
import torch.nn.functional as F

# Cached keys are attended in blocks of this many positions: a cache's length must be a multiple of it.
KEY_BLOCK = 128
LANES = 64  # a multiple of every CPU vector width in floats (Invariant.pointwise)
# Rows up to which the packed int kernels of quantized weights run (bench/quant.py --kernels, 1 thread: int8's kernel
# beats dequantize + matmul up to ~8 rows, int4's up to 16-64; a decoded token is 1 row).
KERNEL_MAX_ROWS = 8


class QWeight(NamedTuple):
    """A quantized weight [..., out, in] in its scheme's `rows` form (output channels sliceable), with the packed
    kernel's operands when one runs (eager)."""
    q: torch.Tensor
    s: torch.Tensor
    scheme: object
    kernel: tuple = ()

    def dense(self, dtype: torch.dtype) -> torch.Tensor:
        return self.scheme.dequantize(self.q, self.s, dtype)

    def pick(self, i) -> QWeight:
        """The weights of experts i out of stacked ones [experts, out, in]."""
        return self._replace(q=self.q[i], s=self.s[i], kernel=tuple(k[i] for k in self.kernel))


def top_indices(x: torch.Tensor, k: int) -> torch.Tensor:
    """Positions [..., k] (in no particular order) of the k largest of x [..., n], ties to the lower position.

    torch.topk keeps whichever of equal values its kernel for that width happens to, so the same scores in a wider
    tensor (a query over a longer cache) could keep another of equal keys. So: the k-th largest value (the same
    whichever tie topk kept), then every value above it, and of those equal to it the lowest positions, found by a
    topk over a key that has no ties among them (exact in float32 up to 2^24 positions)."""
    n = x.shape[-1]
    kth = x.topk(k, dim=-1, sorted=False).values.amin(-1, keepdim=True)
    lower_first = torch.arange(n, 0, -1, device=x.device, dtype=torch.float32)  # n - position
    key = torch.where(x > kth, n + 1.0, torch.where(x == kth, lower_first, 0.0))
    return key.topk(k, dim=-1, sorted=False).indices


def top_mask(x: torch.Tensor, k: int) -> torch.Tensor:
    """Mask [..., n] of the k largest of x [..., n], ties to the lower position (as compare_top)."""
    return torch.zeros_like(x, dtype=torch.bool).scatter_(-1, top_indices(x, k), True)


def silu_mul(gate: torch.Tensor, up: torch.Tensor, limit: float | None) -> torch.Tensor:
    """silu(gate) * up; with a limit (DeepSeek-V4's experts, their `limit`) gate <= limit and |up| <= limit first."""
    if limit is not None:
        gate, up = gate.clamp(max=limit), up.clamp(-limit, limit)
    return F.silu(gate) * up


class Ops:
    """Plain: GEMMs over the batch (what training runs, and the engine's default eager mode)."""

    compiled = False
    invariant = False
    reads_weights = False  # plain mode calls the linear modules themselves
    # DeepSeek-V3.2 over a cache: attend to each query's top-k latents gathered, not to every cached one masked.
    # The batch-invariant modes mask (their attention reads whole KEY_BLOCKs of a row shared by its queries, and
    # whether a forward gathers depends on the longest row of its batch); so do the compiled ones (open sizes).
    gathers_topk = True

    def linear(self, x: torch.Tensor, m) -> torch.Tensor:
        """x [..., in] through a linear module (float or quantized), bias included."""
        if not self.reads_weights:
            return m(x)
        y = self.mm(x, self.weight(m))
        return y if m.bias is None else y + m.bias.to(y.dtype)

    def mm(self, x: torch.Tensor, w) -> torch.Tensor:
        """x [..., in] @ w[out, in]^T; w a float tensor or a QWeight."""
        if isinstance(w, QWeight):
            return self._quantized_mm(x, w)
        return F.linear(x, w)

    def _quantized_mm(self, x: torch.Tensor, w: QWeight) -> torch.Tensor:
        if w.kernel and (self.invariant or x.numel() <= x.shape[-1] * KERNEL_MAX_ROWS):
            return w.scheme.kernel_mm(x, *w.kernel)  # every row on its own: batch-invariant at any row count
        return w.scheme.gemm_output(self.mm(w.scheme.quantize_input(x), w.dense(x.dtype)))

    def weight(self, m) -> torch.Tensor | QWeight:
        """A linear module's weight as mm takes it (quantized ones in their `rows` form, never dequantized)."""
        if not hasattr(m, "qweight"):
            return m.weight
        return self._quantized(m, m.qweight, m.scales, "kernel")  # (the key the module's own linear uses)

    def expert_weights(self, experts) -> tuple:
        """The stacked routed experts' weights [E, 2 * inter, hidden] and [E, hidden, inter], float or QWeight."""
        if not hasattr(experts, "gate_up_qweight"):
            return experts.gate_up_proj, experts.down_proj
        return tuple(self._quantized(experts, getattr(experts, name + "_qweight"), getattr(experts, name + "_scales"),
                                     name + ".kernel") for name in ("gate_up", "down"))

    def _quantized(self, m, q: torch.Tensor, scales: torch.Tensor, key: str) -> QWeight:
        """A quantized module's weight in its scheme's `rows` form, with the packed kernel's operands when eager
        (made once per module and kept in its cache of derived forms)."""
        scheme = m.scheme.rows
        s = m.scheme.row_scales(scales, q.shape[-2])
        kernel = () if self.compiled else m.derived(key, lambda: scheme.kernel_operands(q, s)) or ()
        return QWeight(q, s, scheme, kernel)

    def dense(self, w, dtype: torch.dtype) -> torch.Tensor:
        """A weight as floats: a quantized one dequantized for this use only (compiled: inside the loop)."""
        return w.dense(dtype) if isinstance(w, QWeight) else w

    def per_head(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        """x [n, heads, a] times per-head matrices w [heads, a, b] -> [n, heads, b]."""
        return torch.einsum("nha,hab->nhb", x, w.to(x.dtype))

    def attend(self, q_lat, q_pe, kv, pe, visible, scale: float) -> torch.Tensor:
        """Absorbed attention over cached latents: q_lat [B, S, H, r], q_pe [B, S, H, rope], kv [B, T, r],
        pe [B, T, rope], visible [B, S, T] -> the weighted sum of latents [B, S, H, r]."""
        kv, pe = kv.to(q_lat.dtype), pe.to(q_lat.dtype)
        scores = torch.einsum("bshc,btc->bsht", q_lat, kv) + torch.einsum("bshr,btr->bsht", q_pe, pe)
        scores = (scores * scale).masked_fill(~visible[:, :, None, :], float("-inf"))
        probs = scores.softmax(dim=-1, dtype=torch.float32).to(q_lat.dtype)
        return torch.einsum("bsht,btc->bshc", probs, kv)

    def pointwise(self, fn, x: torch.Tensor) -> torch.Tensor:
        """fn(x) for an elementwise fn (sigmoid, softplus, cos: what CPU kernels compute with vector code)."""
        return fn(x)

    def top(self, x: torch.Tensor, k: int) -> torch.Tensor:
        return top_mask(x, k)

    def chosen(self, mask: torch.Tensor, k: int) -> torch.Tensor:
        """The ids [n, k] of the k experts set in mask [n, E], in increasing id."""
        i = torch.arange(mask.shape[-1], device=mask.device)
        return torch.where(mask, i, mask.shape[-1]).sort(dim=-1).values[:, :k].contiguous()

    def experts(self, experts, x: torch.Tensor, ids: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        """The routed experts (a model.moe.Experts or its quantized form) over x [n, hidden] -> [n, hidden]."""
        return experts(x, ids, weights)

    def swiglu(self, x: torch.Tensor, gate_up, down, limit: float | None = None) -> torch.Tensor:
        """down(silu(gate) * up) with the gate and up weights stacked: gate_up [2 * inter, in], down [out, inter]."""
        return self.mm(silu_mul(*self.mm(x, gate_up).chunk(2, dim=-1), limit), down)


PLAIN = Ops()


class Invariant(Ops):
    """Eager and batch-invariant (see the module's docstring)."""

    invariant = True
    reads_weights = True
    gathers_topk = False

    def mm(self, x, w):
        if isinstance(w, QWeight):
            return self._quantized_mm(x, w)
        flat = x.reshape(-1, 1, x.shape[-1])  # [rows, 1, in]
        wt = w.t()  # [in, out]: the same layout for every call, so the same kernel
        return torch.bmm(flat, wt.expand(flat.shape[0], *wt.shape)).view(*x.shape[:-1], w.shape[0])

    def pointwise(self, fn, x):
        # a CPU kernel computes the last numel % (vector width) elements of a tensor in scalar code, whose last bits
        # may differ from the vector code's: padded to whole vectors, every element takes the vector code
        flat = x.reshape(-1)
        padded = torch.cat([flat, flat.new_zeros(-flat.numel() % LANES)])
        return fn(padded)[: flat.numel()].view(x.shape)

    def per_head(self, x, w):
        n, h, a = x.shape
        w = self.dense(w, x.dtype).contiguous()  # one layout whatever n (for n = 1 the reshape below is a view)
        ws = w.expand(n, *w.shape).reshape(n * h, a, w.shape[-1])  # per-(row, head) matrices
        return torch.bmm(x.reshape(n * h, 1, a), ws).view(n, h, -1)

    def attend(self, q_lat, q_pe, kv, pe, visible, scale):
        # keys in whole blocks of KEY_BLOCK positions, each block its own fixed-shape product, summed in order:
        # the sums then never depend on how long the longest row of the batch is
        B, S, H, r = q_lat.shape
        T, rope = kv.shape[1], pe.shape[-1]
        nb = T // KEY_BLOCK
        q = torch.cat([q_lat, q_pe], dim=-1).reshape(B * S, H, r + rope)
        keys = torch.cat([kv, pe], dim=-1).to(q.dtype)  # [B, T, r + rope]
        keys = keys.view(B, 1, nb, KEY_BLOCK, r + rope).expand(B, S, nb, KEY_BLOCK, r + rope)
        keys = keys.reshape(B * S * nb, KEY_BLOCK, r + rope)  # every query its own copy of its row's blocks
        q = q[:, None].expand(B * S, nb, H, r + rope).reshape(B * S * nb, H, r + rope)
        scores = torch.bmm(q, keys.transpose(1, 2)).view(B * S, nb, H, KEY_BLOCK).transpose(1, 2).reshape(B * S, H, T)
        hidden = ~visible.reshape(B * S, 1, T)
        probs = (scores * scale).masked_fill(hidden, float("-inf")).softmax(dim=-1, dtype=torch.float32)
        probs = probs.to(q.dtype).view(B * S, H, nb, KEY_BLOCK).transpose(1, 2).reshape(B * S * nb, H, KEY_BLOCK)
        parts = torch.bmm(probs, keys[..., :r]).view(B * S, nb, H, r)
        out = parts[:, 0]
        for j in range(1, nb):
            out = out + parts[:, j]
        return out.view(B, S, H, r)

    def experts(self, experts, x, ids, weights):
        gate_up, down = self.expert_weights(experts)
        weights, limit = weights.to(x.dtype), getattr(experts, "limit", None)
        routed: dict[int, list[tuple[int, int]]] = {}  # expert -> its (token, slot) pairs
        for t, row in enumerate(ids.tolist()):
            for j, e in enumerate(row):
                routed.setdefault(e, []).append((t, j))
        out = torch.zeros_like(x)
        for e in sorted(routed):  # one product per active expert over the tokens routed to it
            tokens, slots = zip(*routed[e])
            w = (gate_up.pick(e), down.pick(e)) if isinstance(gate_up, QWeight) else (gate_up[e], down[e])
            if x.shape[0] == 1:  # decoding one sequence: no gathering, no scattering
                out = out + self.swiglu(x, *w, limit) * weights[:, slots[0], None]
                continue
            token = torch.tensor(tokens, device=x.device)
            y = self.swiglu(x[token], *w, limit)
            out.index_add_(0, token, y * weights[token, torch.tensor(slots, device=x.device), None])
        return out


_FORCE_STRIDE = torch.__version__ >= "2.13"  # a TorchVersion compares as a version


def row_major(shape) -> tuple:
    """Contiguous strides of a shape (torch's own helper is not traceable by torch.compile before 2.13)."""
    strides, n = [], 1
    for size in reversed(shape):
        strides.insert(0, n)
        n = n * size
    return tuple(strides)


def stored(x: torch.Tensor) -> torch.Tensor:
    """x written to memory once, row-major. Inductor otherwise inlines a pointwise producer into the loops of
    the reduction that reads it, recomputing it for every output element (for every weight row of a product),
    or keeps the layout of a product's output ([out, rows]) and vectorises over the rows."""
    if _FORCE_STRIDE:
        return torch.ops.prims.inductor_force_stride_order(x, row_major(x.shape))
    return x.clone(memory_format=torch.contiguous_format)  # torch 2.11 failed to lower the prim on unbacked sizes


def operand(x: torch.Tensor) -> torch.Tensor:
    """A compiled reduction's activation operand, stored once and in float32: with bf16 weights the loop then
    converts only the weight, not the activation again for every weight row that reads it, and the float32
    products bring bf16 logits nearer float32 math (BENCHMARKS.md, Serving). A no-op in float32."""
    return stored(x.float() if x.dtype in (torch.bfloat16, torch.float16) else x)


def compare_top(x: torch.Tensor, k: int) -> torch.Tensor:
    """Mask [..., n] of the k largest of x [..., n], ties to the lower index, by comparing every pair: one fused
    loop when compiled, where torch.topk would be a sorting kernel of its own."""
    i = torch.arange(x.shape[-1], device=x.device)
    a, b = x[..., :, None], x[..., None, :]  # [..., n (each entry), n (its rivals)]
    return ((b > a) | ((b == a) & (i < i[:, None]))).sum(-1) < k


class Compiled(Invariant):
    """For torch.compile, batch-invariant (see the module's docstring)."""

    compiled = True

    def mm(self, x, w):
        quant = w.scheme if isinstance(w, QWeight) else None
        x = x if quant is None else quant.quantize_input(x)
        w = self.dense(w, x.dtype)
        # out[o, row] = sum_i w[o, i] x[row, i]: rows innermost, so each weight row is read once for all rows,
        # and each row summed in the same order
        lead = x.dim() - 1
        y = (w.view(w.shape[0], *[1] * lead, w.shape[1]) * operand(x)).sum(-1).permute(*range(1, lead + 1), 0)
        y = y.to(x.dtype).clone(memory_format=torch.contiguous_format)  # [..., out] row-major for the views after
        return y if quant is None else quant.gemm_output(y)

    def per_head(self, x, w):
        w = self.dense(w, x.dtype).transpose(1, 2)  # [heads, b, a]: the summed dimension last
        return (w[:, :, None, :] * operand(x.transpose(0, 1))[:, None]).sum(-1).permute(2, 0, 1).to(x.dtype)

    def attend(self, q_lat, q_pe, kv, pe, visible, scale):
        # every score and every weighted sum its own reduction, reading the cache in place
        B, S, H, r = q_lat.shape
        lat = kv.to(q_lat.dtype)[:, None, None]  # [B, 1, 1, T, r]
        scores = ((stored(q_lat).view(B, S, H, 1, r) * lat).sum(-1)
                  + (stored(q_pe)[:, :, :, None] * pe.to(q_lat.dtype)[:, None, None]).sum(-1))  # [B, S, H, T]
        probs = (scores * scale).masked_fill(~visible[:, :, None, :], float("-inf"))
        probs = stored(probs.softmax(dim=-1, dtype=torch.float32).to(q_lat.dtype))[..., None]
        return (probs * lat).sum(-2)  # [B, S, H, r]

    top = staticmethod(compare_top)

    def chosen(self, mask, k):
        i = torch.arange(mask.shape[-1], device=mask.device)
        rank = (mask[:, None, :] & (i < i[:, None])).sum(-1)  # chosen experts with a lower id: [n, E]
        slot = mask[:, None, :] & (rank[:, None, :] == torch.arange(k, device=i.device)[:, None])
        return (slot * i).sum(-1)  # [n, k]

    def experts(self, experts, x, ids, weights):
        # each (token, slot) reads its expert's weights by index: no gathered copies, no host sync
        gate_up, down = self.expert_weights(experts)
        gate, up = self._gathered(x[:, None], gate_up, ids).chunk(2, dim=-1)  # [n, k, inter]
        y = self._gathered(silu_mul(gate, up, getattr(experts, "limit", None)), down, ids)  # [n, k, hidden]
        return (y * weights.to(y.dtype)[..., None]).sum(1)

    def _gathered(self, x, w, ids):
        """x [n, k or 1, in] times the weights of the experts ids [n, k], read by index -> [n, k, out]."""
        quant = w.scheme if isinstance(w, QWeight) else None
        x = x if quant is None else quant.quantize_input(x)
        picked = w.pick(ids) if quant else w[ids]
        y = (operand(x)[:, :, None, :] * self.dense(picked, x.dtype)).sum(-1).to(x.dtype)
        return y if quant is None else quant.gemm_output(y)


class CompiledGemm(Compiled):
    """For torch.compile, GEMMs over the batch (not batch-invariant)."""

    invariant = False

    def mm(self, x, w):
        if isinstance(w, QWeight):
            return self._quantized_mm(x, w)
        return torch.mm(stored(x).view(-1, x.shape[-1]), w.t()).view(*x.shape[:-1], w.shape[0])

    def experts(self, experts, x, ids, weights):
        # every expert over every token, two GEMMs, the unchosen weighted 0 (E / k times the expert FLOPs, each
        # weight read once: at a few dozen rows that beats reading an expert per (token, expert) pair)
        gate_up, down = self.expert_weights(experts)
        if isinstance(gate_up, QWeight):
            return super().experts(experts, x, ids, weights)
        n, E = x.shape[0], gate_up.shape[0]
        mix = torch.zeros(n, E, dtype=x.dtype, device=x.device).scatter(1, ids, weights.to(x.dtype))
        gate, up = self.mm(x, gate_up.reshape(-1, gate_up.shape[-1])).view(n, E, -1).chunk(2, dim=-1)
        h = (silu_mul(gate, up, getattr(experts, "limit", None)) * mix[..., None]).view(n, -1)  # [n, E * inter]
        return self.mm(h, down.transpose(0, 1).reshape(down.shape[1], -1))
