"""The engine's forward pass: the model's math, computed so that a token's result never depends on its batch.

Why not just call `model(ids, cache, rows)`: BLAS chooses its kernel by matrix shape (one row runs a
matrix-vector kernel, a few rows a small-matrix kernel, more rows a blocked GEMM), and each sums in its own
order. So on this CPU the logits of a sequence decoded beside 15 others differ in the last bits from the
same sequence decoded alone, and greedy decoding parts ways at the first near-tie. Here every product is
computed per token, with the same summation order whatever the batch; RMSNorm, softmax and the sums over
cached keys are row-wise already (zero weights on keys past a row's length add exact zeros). A token's
hidden state then depends only on its own token, position and cached latents, bit for bit, so:
  batched decoding = one request at a time, batched or prefix-reused prefill = a full prefill, and
  speculative verification of [token, draft] = two plain decoding steps (tests/test_engine.py checks all).
The price: a batch of B tokens reads each weight B times instead of once (matrix-vector, not matrix-matrix);
at the model sizes a CPU serves the weights stay in cache, and bench/decode_throughput.py measures it.

`forward` (and `forward_mtp`, `forward_speculative`) are pure functions of tensors, run one of two ways:
  eager     every product a batch of matrix-vector products (torch.bmm runs the same kernel whatever the
            batch size); the experts of each token found on the host. ~1,500 small torch ops per token.
  compiled  torch.compile (InferenceModel(compile=True)): each product written as a reduction per output,
            (w * x).sum(-1) with the rows innermost so a weight row is read once for all of them; the
            routed experts read by index from the stacked weights; routing by comparisons, no topk or host
            sync. Inductor turns a whole step into one C++ kernel. Batch, sequence and key lengths are
            unbacked symbols (no special case even for 1), so one compilation serves every shape with the
            same loops, which is what keeps rows independent of their batch here (kernels compiled for
            two static shapes differ in their last bits). Several times faster than eager at batch 1.
The two agree to float rounding, not bit for bit; each is batch-invariant on its own, and an engine uses one.
With batch_invariant=False the products are plain GEMMs over the batch instead, and the compiled routed experts
run as two GEMMs over all tokens and every expert, the unchosen ones weighted 0 (4x the expert FLOPs at top-4
of 16, each weight read once: at a few dozen rows that beats reading an expert per (token, expert) pair, and
GRPO's rollouts, which need no bit-exact batch independence, use it). Compiled so, the float weights are kept
transposed, [in, out] (a copy, made when the weights are): BLAS's GEMM of a few dozen rows runs faster on that
layout than on nn.Linear's [out, in] (see Spec.gemm).

Quantized models (nanoseek.quant) run on their integers, with no float copy of a weight kept: eager, int8 and
int4 products go through PyTorch's packed int kernels at every row count (they compute each row on its own,
with bf16 activations, as the modules' own decoding does); FP8, and the shapes those kernels refuse, are
dequantized per product. Compiled, the dequantization is part of the product's loop (the integers are what
is read from memory), in the model's dtype. For int8/int4 the two modes then agree to the kernels' bf16
rounding of activations; FP8's own roundings (bf16 outputs, e4m3 tiles) amplify float-rounding differences.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import NamedTuple

import torch
import torch._inductor.inductor_prims  # registers prims.inductor_force_stride_order
import torch.nn.functional as F

from ..model import LatentCache, Transformer
from ..model.moe import MoE
from ..model.rope import apply_rope
from ..quant.modules import QuantEmbedding, QuantExperts, QuantLinear
from ..quant.weight_only import KERNEL_MAX_ROWS

# Cached keys are attended in blocks of this many positions (the cache's max_len must be a multiple).
KEY_BLOCK = 128
# The eager gate runs a plain F.linear; padded to this many rows its GEMM kernel is the same whatever the
# real row count (measured on these CPUs for the gate's small shapes).
_GATE_ROWS = 32


@dataclass(frozen=True)
class Spec:
    """The static facts `forward` needs besides tensors (hashable: compiled code specialises on them)."""
    heads: int
    nope: int
    rope: int
    rank: int  # kv_lora_rank
    v_dim: int
    q_lora: int | None
    scale: float  # softmax scale
    interleave: bool
    eps: float  # the blocks' RMSNorm epsilon
    latent_eps: float  # q_a / kv_a layernorms
    rope_factor: float  # YaRN's attention factor on cos/sin
    top_k: int
    n_group: int
    topk_group: int
    norm_topk: bool
    routed_scaling: float
    compiled: bool  # reductions for torch.compile, not bmm
    invariant: bool  # False: plain matrix products (one GEMM per weight for the whole batch)
    quant: object = None  # the scheme of the quantized weights (QWeight), in its `rows` form; None: float

    @property
    def gemm(self) -> bool:
        """Compiled and not batch-invariant: products are GEMMs over the batch, and float weights are stored
        transposed, [in, out] (weights()): the layout BLAS multiplies fastest at a few dozen rows (measured on
        these CPUs at 16 rows: 1.5x for [256 -> 4096], 2x for [2048 -> 256] against [out, in])."""
        return self.compiled and not self.invariant


class QWeight(NamedTuple):
    """A quantized weight [..., out, in] as `forward` reads it: the scheme's integers (or e4m3) and scales in its
    `rows` form, the packed kernel's operands (eager only; () where none runs), and whether the weight is read
    transposed (_per_head's layouts)."""
    q: torch.Tensor
    s: torch.Tensor
    kernel: tuple = ()
    transposed: bool = False


def rowwise(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """x [..., in] @ weight[out, in]^T (+ bias) as one matrix-vector product per row -> [..., out]."""
    flat = x.reshape(-1, 1, x.shape[-1])  # [rows, 1, in]
    w = weight.t()  # [in, out]: the same layout for every call, so the same kernel
    y = torch.bmm(flat, w.expand(flat.shape[0], *w.shape)).view(*x.shape[:-1], weight.shape[0])
    return y if bias is None else y + bias


def per_head(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """x [n, heads, a] times w [heads, a, b] (contiguous) per (row, head) -> [n, heads, b]."""
    n, h, a = x.shape
    ws = w.expand(n, *w.shape).reshape(n * h, a, w.shape[-1])  # per-(row, head) matrices (a copy if n > 1)
    return torch.bmm(x.reshape(n * h, 1, a), ws).view(n, h, -1)


def rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float) -> torch.Tensor:
    """The model's RMSNorm (normalise in float32, cast back, scale) with torch's fused kernel."""
    if x.dtype == torch.float32:
        return F.rms_norm(x, (x.shape[-1],), weight, eps)
    return weight * F.rms_norm(x.float(), (x.shape[-1],), eps=eps).to(x.dtype)


_FORCE_STRIDE = torch.__version__ >= "2.13"  # a TorchVersion compares as a version; 2.13 is what CI runs


def _row_major(shape) -> tuple:
    """Contiguous strides of a shape (torch's own helper is not traceable by torch.compile before 2.13)."""
    strides, n = [], 1
    for size in reversed(shape):
        strides.insert(0, n)
        n = n * size
    return tuple(strides)


def _stored(x: torch.Tensor) -> torch.Tensor:
    """x written to memory once, row-major. Inductor otherwise inlines a pointwise producer into the loops
    of the reduction that reads it, recomputing it for every output element (for every weight row of a
    product), or keeps the layout of a product's output ([out, rows]) and vectorises over the rows."""
    if _FORCE_STRIDE:
        return torch.ops.prims.inductor_force_stride_order(x, _row_major(x.shape))
    return x.clone(memory_format=torch.contiguous_format)  # torch 2.11 failed to lower the prim on unbacked sizes


def _operand(x: torch.Tensor) -> torch.Tensor:
    """A compiled reduction's activation operand, stored once and in float32. With bf16 weights the loop then
    converts only the weight, not also the activation again for every weight row that reads it (~1.1x per step
    at batch 1 in bf16), and the float32 products bring the logits closer to float32 math (mean |error| 0.0035
    vs 0.0064 with the bf16 activation, on the speedrun's checkpoint). A no-op in float32."""
    return _stored(x.float() if x.dtype in (torch.bfloat16, torch.float16) else x)


def _dense(s: Spec, w: torch.Tensor | QWeight, dtype: torch.dtype) -> torch.Tensor:
    """A weight as floats: a quantized one dequantized here, for this product only (compiled: inside the loops
    that read it, so no float copy is ever written)."""
    if not isinstance(w, QWeight):
        return w
    d = s.quant.dequantize(w.q, w.s, dtype)
    d = d.transpose(-1, -2) if w.transposed else d
    return d if s.compiled else d.contiguous()


def _mm(s: Spec, x: torch.Tensor, w: torch.Tensor | QWeight, b: torch.Tensor | None = None) -> torch.Tensor:
    """x [..., in] @ w[out, in]^T (+ b)."""
    if isinstance(w, QWeight):
        if w.kernel and (s.invariant or x.numel() <= x.shape[-1] * KERNEL_MAX_ROWS):
            y = s.quant.kernel_mm(x, *w.kernel)  # every row on its own: batch-invariant at any row count
        else:
            d = _dense(s, w, x.dtype)
            y = s.quant.gemm_output(_mm(s, s.quant.quantize_input(x), d.t() if s.gemm else d))
        return y if b is None else y + b
    if s.gemm:  # one GEMM over all rows; w is [in, out] here, x in a layout its kernel takes without asking
        y = torch.mm(_stored(x).view(-1, x.shape[-1]), w).view(*x.shape[:-1], w.shape[1])  # about sizes
        return y if b is None else y + b
    if not s.invariant:
        return F.linear(x, w, b)
    if s.compiled:  # out[o, row] = sum_i w[o, i] x[row, i]: rows innermost, so each weight row is read once
        lead = x.dim() - 1  # for all rows, and each row summed in the same order
        y = (w.view(w.shape[0], *[1] * lead, w.shape[1]) * _operand(x)).sum(-1).permute(*range(1, lead + 1), 0)
        y = y.to(x.dtype).clone(memory_format=torch.contiguous_format)  # [..., out] row-major for the views after
    else:
        y = rowwise(x, w)
    return y if b is None else y + b


def _per_head(s: Spec, x: torch.Tensor, w: torch.Tensor | QWeight) -> torch.Tensor:
    """x [n, heads, a] times per-head matrices -> [n, heads, b]; w is [heads, a, b], or [heads, b, a] when
    compiled (the summed dimension contiguous)."""
    w = _dense(s, w, x.dtype)
    if s.compiled:
        return (w[:, :, None, :] * _operand(x.transpose(0, 1))[:, None]).sum(-1).permute(2, 0, 1).to(x.dtype)
    return per_head(x, w) if s.invariant else torch.einsum("nha,hab->nhb", x, w)


def forward(s: Spec, W: dict, ids: torch.Tensor, positions: torch.Tensor, rows: torch.Tensor, kv: list, pe: list,
            visible: torch.Tensor, select: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The main model over ids [B, S] at positions [B, S] of cache rows `rows` [B]: writes their latents
    into the per-layer caches kv[l] [rows, len, rank] / pe[l] [rows, len, rope], attends to each row's
    keys 0..T-1 where visible [B, S, T], and returns the final-norm hidden states [B, S, hidden] and the
    float32 logits [M, vocab] of the tokens `select` [M] (indices into the B * S tokens)."""
    x = _embed(s, W, ids)
    cos, sin = _rope_tables(s, W, positions, x.dtype)
    for l, w in enumerate(W["layers"]):
        x = _block(s, w, x, cos, sin, kv[l], pe[l], rows, positions, visible)
    h = rms_norm(x, W["norm"], s.eps)
    return h, _mm(s, h.view(h.shape[0] * h.shape[1], h.shape[2])[select], W["head"]).float()


def forward_mtp(s: Spec, W: dict, hidden: torch.Tensor, next_ids: torch.Tensor, positions: torch.Tensor,
                rows: torch.Tensor, kv: torch.Tensor, pe: torch.Tensor, visible: torch.Tensor,
                select: torch.Tensor) -> torch.Tensor:
    """MTP module 1 at `positions` [B, S]: the main model's hidden at i [B, S, hidden] + the token at i + 1
    [B, S] -> the float32 logits [M, vocab] of the tokens select [M] (indices into the B * S; drafts of
    the tokens at i + 2; M may be 0), writing the module's own latents into kv / pe like `forward`."""
    m = W["mtp"]
    emb = _embed(s, W, next_ids)
    x = _mm(s, torch.cat([rms_norm(emb, m["enorm"], s.eps), rms_norm(hidden, m["hnorm"], s.eps)], dim=-1), m["eh"])
    cos, sin = _rope_tables(s, W, positions, x.dtype)
    x = _block(s, m, x, cos, sin, kv, pe, rows, positions, visible)
    h = rms_norm(x, m["head_norm"], s.eps)
    return _mm(s, h.view(h.shape[0] * h.shape[1], h.shape[2])[select], W["head"]).float()


def forward_speculative(s: Spec, W: dict, ids: torch.Tensor, positions: torch.Tensor, rows: torch.Tensor, kv: list,
                        pe: list, visible: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One greedy speculative step in one call: the main model over [token, draft] [B, 2] at positions n,
    n + 1 -> float32 logits [B, 2, vocab] and their argmax [B, 2]; then the MTP module over the same two
    positions with the argmax as the tokens that follow, and its greedy draft [B] from position n + 1 if
    the draft was accepted (argmax at n == draft), else from n. (When it was not, the MTP latents of n + 1
    are wrong, like the main model's, and both are rewritten before anything reads them.) kv / pe: the
    main layers' caches, then the MTP module's."""
    B, S = ids.shape
    hidden, logits = forward(s, W, ids, positions, rows, kv[:-1], pe[:-1], visible,
                             torch.arange(B * S, device=ids.device))
    best = logits.argmax(-1).view(B, S)
    last = (best[:, 0] == ids[:, 1]).long() + S * torch.arange(B, device=ids.device)  # the last valid position
    drafts = forward_mtp(s, W, hidden, best, positions, rows, kv[-1], pe[-1], visible, last).argmax(-1)
    return logits.view(B, S, logits.shape[-1]), best, drafts


def _embed(s: Spec, W: dict, ids: torch.Tensor) -> torch.Tensor:
    e = W["embed"]  # a quantized one: only the rows looked up are dequantized
    return e[ids] if not isinstance(e, QWeight) else s.quant.dequantize(e.q[ids], e.s[ids], W["norm"].dtype)


def _pick(w: torch.Tensor | QWeight, i) -> torch.Tensor | QWeight:
    """The weights of experts i (an id, or ids of any shape) out of stacked ones [experts, out, in]."""
    if not isinstance(w, QWeight):
        return w[i]
    return w._replace(q=w.q[i], s=w.s[i], kernel=tuple(k[i] for k in w.kernel))


def _gathered(s: Spec, x: torch.Tensor, w: torch.Tensor | QWeight, experts: torch.Tensor) -> torch.Tensor:
    """x [n, k or 1, in] times the weights of the experts [n, k] of each (token, slot), read by index -> [n, k, out]
    (compiled: no gathered copies; a quantized expert dequantized in the loop that reads it)."""
    quant = s.quant if isinstance(w, QWeight) else None
    x = x if quant is None else quant.quantize_input(x)
    y = (_operand(x)[:, :, None, :] * _dense(s, _pick(w, experts), x.dtype)).sum(-1).to(x.dtype)
    return y if quant is None else quant.gemm_output(y)


def _rope_tables(s: Spec, W: dict, positions: torch.Tensor, dtype: torch.dtype):
    """cos, sin [B, S, rope/2] (as RotaryEmbedding.forward)."""
    freqs = positions[..., None].float() * W["inv_freq"]
    return (freqs.cos() * s.rope_factor).to(dtype), (freqs.sin() * s.rope_factor).to(dtype)


def _block(s: Spec, w: dict, x, cos, sin, kv, pe, rows, positions, visible):
    """One decoder block, as DecoderLayer.forward."""
    x = x + _attention(s, w, rms_norm(x, w["in_norm"], s.eps), cos, sin, kv, pe, rows, positions, visible)
    h = rms_norm(x, w["post_norm"], s.eps)
    return x + (_moe(s, w, h) if "gate" in w else _swiglu(s, h, w["gate_up"], w["down"]))


def _attention(s: Spec, w: dict, x, cos, sin, kv_cache, pe_cache, rows, positions, visible) -> torch.Tensor:
    """MLA on the absorbed path (see model/attention.py), one query token at a time."""
    B, S, _ = x.shape
    H, nope, rope, r = s.heads, s.nope, s.rope, s.rank
    if s.q_lora is None:
        q, kv, k_pe = _mm(s, x, w["qkv_a"], w["qkv_a_bias"]).split([H * (nope + rope), r, rope], dim=-1)
    else:
        q_a, kv, k_pe = _mm(s, x, w["qkv_a"], w["qkv_a_bias"]).split([s.q_lora, r, rope], dim=-1)
        q = _mm(s, rms_norm(q_a, w["q_norm"], s.latent_eps), w["q_b"])
    q_nope, q_pe = q.view(B, S, H, nope + rope).split([nope, rope], dim=-1)
    q_pe = apply_rope(q_pe, cos, sin, s.interleave)
    kv = rms_norm(kv, w["kv_norm"], s.latent_eps)  # [B, S, r]
    k_pe = apply_rope(k_pe[:, :, None, :], cos, sin, s.interleave)[:, :, 0]  # [B, S, rope]
    kv_cache[rows[:, None].expand(B, S), positions] = kv.to(kv_cache.dtype)
    pe_cache[rows[:, None].expand(B, S), positions] = k_pe.to(pe_cache.dtype)
    T = visible.shape[-1]
    q_lat = _per_head(s, q_nope.reshape(B * S, H, nope), w["w_uk"])  # W_UK folded into the query: [BS, H, r]
    hidden = ~visible.reshape(B * S, 1, T)
    if s.compiled:  # every score and every weighted sum its own reduction, reading the cache in place
        lat = kv_cache[rows, :T].to(x.dtype)[:, None, None]  # [B, 1, 1, T, r]
        q_pe = _stored(q_pe).view(B, S, H, 1, rope)
        scores = ((_stored(q_lat).view(B, S, H, 1, r) * lat).sum(-1)
                  + (q_pe * pe_cache[rows, :T].to(x.dtype)[:, None, None]).sum(-1))
        probs = (scores.view(B * S, H, T) * s.scale).masked_fill(hidden, float("-inf"))
        probs = _stored(probs.softmax(dim=-1, dtype=torch.float32).to(x.dtype)).view(B, S, H, T, 1)
        out = (probs * lat).sum(-2).view(B * S, H, r)  # attention over latents: [BS, H, r]
    else:  # keys in whole blocks of KEY_BLOCK positions, each block its own fixed-shape product, summed in
        q = torch.cat([q_lat, q_pe.reshape(B * S, H, rope)], dim=-1)  # [BS, H, r + rope]
        keys = torch.cat([kv_cache[rows, :T], pe_cache[rows, :T]], dim=-1).to(x.dtype)  # [B, T, r + rope]
        # order: the sums then never depend on how long the longest row is
        nb = T // KEY_BLOCK
        keys = keys.view(B, 1, nb, KEY_BLOCK, r + rope).expand(B, S, nb, KEY_BLOCK, r + rope)
        keys = keys.reshape(B * S * nb, KEY_BLOCK, r + rope)  # every query its own copy of its row's blocks
        q = q[:, None].expand(B * S, nb, H, r + rope).reshape(B * S * nb, H, r + rope)
        scores = torch.bmm(q, keys.transpose(1, 2)).view(B * S, nb, H, KEY_BLOCK)
        scores = scores.transpose(1, 2).reshape(B * S, H, T)  # [BS, H, T]
        probs = (scores * s.scale).masked_fill(hidden, float("-inf")).softmax(dim=-1, dtype=torch.float32)
        probs = probs.to(x.dtype).view(B * S, H, nb, KEY_BLOCK).transpose(1, 2).reshape(B * S * nb, H, KEY_BLOCK)
        parts = torch.bmm(probs, keys[..., :r]).view(B * S, nb, H, r)  # attention over latents, per block
        out = parts[:, 0]
        for j in range(1, nb):
            out = out + parts[:, j]  # [BS, H, r]
    out = _per_head(s, out, w["w_uv"])  # W_UV after the sum: [BS, H, v]
    return _mm(s, out.reshape(B, S, H * s.v_dim), w["o"], w["o_bias"])


def _swiglu(s: Spec, x: torch.Tensor, gate_up: torch.Tensor, down: torch.Tensor) -> torch.Tensor:
    gate, up = _mm(s, x, gate_up).chunk(2, dim=-1)
    return _mm(s, F.silu(gate) * up, down)


def top(x: torch.Tensor, k: int) -> torch.Tensor:
    """Mask [..., n] of the k largest of x [..., n], ties to the lower index. Comparisons of every pair: one
    fused loop when compiled, where torch.topk would be a sorting kernel of its own per call."""
    i = torch.arange(x.shape[-1], device=x.device)
    a, b = x[..., :, None], x[..., None, :]  # [..., n (each entry), n (its rivals)]
    return ((b > a) | ((b == a) & (i < i[:, None]))).sum(-1) < k


def route(s: Spec, scores: torch.Tensor, bias: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Gate.forward's selection from sigmoid scores [n, experts]: (mixing weights, experts) [n, k], each
    token's experts in increasing id (so its expert outputs are always summed in that order)."""
    n, E = scores.shape
    biased = scores + bias
    grouped = biased.view(n, s.n_group, E // s.n_group)
    group_scores = torch.where(top(grouped, 2), grouped, 0.0).sum(-1)  # the sum of each group's top 2
    allowed = top(group_scores, s.topk_group).repeat_interleave(E // s.n_group, dim=1)
    chosen = top(biased.masked_fill(~allowed, float("-inf")), s.top_k)  # [n, E]
    i = torch.arange(E, device=scores.device)
    rank = (chosen[:, None, :] & (i < i[:, None])).sum(-1)  # chosen experts with a lower id: [n, E]
    slot = chosen[:, None, :] & (rank[:, None, :] == torch.arange(s.top_k, device=i.device)[:, None])
    experts = (slot * i).sum(-1)  # [n, k]: the chosen ids, increasing
    weights = scores.gather(1, experts)
    if s.norm_topk:
        weights = weights / (weights.sum(-1, keepdim=True) + 1e-20)
    return weights * s.routed_scaling, experts


def _moe(s: Spec, w: dict, x: torch.Tensor) -> torch.Tensor:
    B, S, Hd = x.shape
    flat = x.reshape(-1, Hd)
    n = flat.shape[0]
    gate_up, down = w["experts_gate_up"], w["experts_down"]  # [E, 2 * inter, hidden], [E, hidden, inter]
    if "experts_down_cat" in w:  # compiled, not batch-invariant: every expert over every token, two GEMMs
        weights, experts = route(s, _mm(s, flat.float(), w["gate"]).sigmoid(), w["gate_bias"])
        E = gate_up.shape[0]
        mix = torch.zeros(n, E, dtype=flat.dtype, device=flat.device).scatter(1, experts, weights.to(flat.dtype))
        gate, up = _mm(s, flat, w["experts_gate_up_cat"]).view(n, E, -1).chunk(2, dim=-1)  # [n, E, inter] each
        out = _mm(s, (F.silu(gate) * up * mix[..., None]).view(n, -1), w["experts_down_cat"])  # unchosen: weight 0
    elif s.compiled:
        weights, experts = route(s, _mm(s, flat.float(), w["gate"]).sigmoid(), w["gate_bias"])
        # each (token, slot) reads its expert's weights by index: no gathered copies, no host sync
        gate, up = _gathered(s, flat[:, None], gate_up, experts).chunk(2, dim=-1)  # [n, k, inter]
        y = _gathered(s, F.silu(gate) * up, down, experts)  # [n, k, hidden]
        out = (y * weights.to(y.dtype)[..., None]).sum(1)
    else:
        padded = torch.cat([flat, flat.new_zeros(max(0, _GATE_ROWS - n), Hd)])
        weights, experts = route(s, F.linear(padded.float(), w["gate"]).sigmoid()[:n], w["gate_bias"])
        weights = weights.to(flat.dtype)
        routed: dict[int, list[tuple[int, int]]] = {}  # expert -> its (token, slot) pairs
        for t, row in enumerate(experts.tolist()):
            for j, e in enumerate(row):
                routed.setdefault(e, []).append((t, j))
        out = torch.zeros_like(flat)
        for e in sorted(routed):  # one product per active expert over the tokens routed to it
            tokens, slots = zip(*routed[e])
            if n == 1:  # decoding one sequence: no gathering, no scattering
                out = out + _swiglu(s, flat, _pick(gate_up, e), _pick(down, e)) * weights[:, slots[0], None]
                continue
            token = torch.tensor(tokens, device=flat.device)
            y = _swiglu(s, flat[token], _pick(gate_up, e), _pick(down, e))
            out.index_add_(0, token, y * weights[token, torch.tensor(slots, device=flat.device), None])
    out = out.view(B, S, Hd)
    return out if "shared_gate_up" not in w else out + _swiglu(s, x, w["shared_gate_up"], w["shared_down"])


class InferenceModel:
    """A Transformer's weights driven by the engine: hidden states, logits and MTP drafts over a LatentCache.

    Positions are passed in explicitly and the cache's lengths are left alone: the engine decides how far
    each row advances (by 1, or by 2 when a speculative draft is accepted).
    """

    def __init__(self, model: Transformer, batch_invariant: bool = True, compile: bool = False, mtp: bool = True):
        """batch_invariant=False runs plain matrix products instead (one GEMM per weight for the whole
        batch): faster for large batches, but a token's last bits then depend on its batch.
        compile: run `forward` through torch.compile (see the module's docstring); the first calls of
        each kind (main model, MTP module) compile, which takes seconds to a minute.
        mtp=False leaves the MTP module's weights out (no draft, no speculate): GRPO's rollouts never draft,
        and rebuild the weights after every optimizer step, of which the MTP module's are ~a fifth."""
        self.model = model.eval()
        self.config = model.config
        self.device = model.norm.weight.device  # (a quantized embedding's .weight would dequantize it)
        self.dtype = model.norm.weight.dtype
        self.spec = spec(model, compile, batch_invariant)
        self.compiled, self.mtp = compile, mtp
        self._sources = [*model.parameters(), *model.buffers()]
        self._stamp, self._weights = None, None
        self._views: tuple = (None,)  # (cache, its per-layer kv views, pe views)
        self._forward, self._forward_mtp, self._forward_speculative = forward, forward_mtp, forward_speculative
        if compile:
            # no size asserts in the generated wrapper: dynamo's guards have checked the inputs (~3% at batch 1)
            options = {"size_asserts": False}
            self._forward = torch.compile(forward, fullgraph=True, options=options)
            self._forward_mtp = torch.compile(forward_mtp, fullgraph=True, options=options)
            self._forward_speculative = torch.compile(forward_speculative, fullgraph=True, options=options)

    @property
    def weights(self) -> dict:
        """`weights(model)`, rebuilt when a parameter is replaced or changed in place (e.g. by an optimizer
        step between RL rollouts: tensors count their in-place changes in _version)."""
        stamp = [(t.data_ptr(), t._version) for t in self._sources]  # ~20 us: cheap next to a forward
        if stamp != self._stamp:
            self._weights, self._stamp = weights(self.model, self.spec, self.mtp), stamp
            for w in torch.utils._pytree.tree_leaves(self._weights) if self.compiled else ():
                if isinstance(w, torch.Tensor):  # shapes fixed by the model: in a process that compiles several
                    torch._dynamo.mark_static(w)  # models, they would otherwise turn symbolic on the second one
        return self._weights

    def run(self, ids: torch.Tensor, positions: torch.Tensor, cache: LatentCache, rows: torch.Tensor,
            select: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """ids, positions [B, S] of cache rows `rows` [B] -> (final-norm hidden states [B, S, hidden], float32
        logits [B, K, vocab] of the positions select [B, K] (indices into S; default all S))."""
        B, S = ids.shape
        K = S if select is None else select.shape[1]
        flat = (torch.arange(B * S, device=ids.device) if select is None
                else (select + S * torch.arange(B, device=ids.device)[:, None]).view(-1))
        n = self.config.num_hidden_layers
        kv, pe = self._layers(cache)
        ids, positions, rows, visible, flat = self._prepare(ids, positions, rows, self._visible(positions), flat)
        with self._mode():
            hidden, logits = self._forward(self.spec, self.weights, ids, positions, rows, kv[:n], pe[:n], visible, flat)
        return hidden, logits.view(B, K, logits.shape[-1])

    def draft(self, hidden: torch.Tensor, next_ids: torch.Tensor, positions: torch.Tensor, cache: LatentCache,
              rows: torch.Tensor, select: torch.Tensor) -> torch.Tensor:
        """MTP module 1 over positions [B, S] (main hidden at i [B, S, hidden], the token at i + 1 [B, S]),
        writing its latents -> float32 logits [B, K, vocab] of the positions select [B, K] (K may be 0):
        drafts for the tokens two places after them."""
        self._need_mtp()
        B, S = next_ids.shape
        kv, pe = self._layers(cache)
        flat = (select + S * torch.arange(B, device=select.device)[:, None]).view(-1)
        hidden, next_ids, positions, rows, visible, flat = self._prepare(hidden, next_ids, positions, rows,
                                                                        self._visible(positions), flat)
        with self._mode():
            logits = self._forward_mtp(self.spec, self.weights, hidden, next_ids, positions, rows, kv[-1], pe[-1],
                                       visible, flat)
        return logits.view(B, select.shape[1], logits.shape[-1])

    def speculate(self, ids: torch.Tensor, positions: torch.Tensor, cache: LatentCache,
                  rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """`forward_speculative`: [token, draft] [B, 2] at positions [B, 2] -> (logits [B, 2, vocab], their
        argmax [B, 2], the next greedy drafts [B]), the main model's and the MTP module's latents written."""
        self._need_mtp()
        kv, pe = self._layers(cache)
        ids, positions, rows, visible = self._prepare(ids, positions, rows, self._visible(positions))
        with self._mode():
            return self._forward_speculative(self.spec, self.weights, ids, positions, rows, kv, pe, visible)

    def _need_mtp(self) -> None:
        if not self.mtp:
            raise RuntimeError("this InferenceModel was made with mtp=False: it holds no MTP weights to draft with")

    def _visible(self, positions: torch.Tensor) -> torch.Tensor:
        """[B, S, T]: the keys each query sees, T covering the furthest position in whole key blocks."""
        T = -(-int(positions.max() + 1) // KEY_BLOCK) * KEY_BLOCK
        return torch.arange(T, device=positions.device) <= positions[..., None]

    def _layers(self, cache: LatentCache) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        """Per-layer views of the cache's kv and pe (made once per cache)."""
        if self._views[0] is not cache:
            self._views = (cache, list(cache.kv), list(cache.pe))
        return self._views[1:]

    def _prepare(self, *tensors: torch.Tensor) -> list[torch.Tensor]:
        """Compiled: the per-call tensors in plain row-major layouts (the exact strides: a broadcast row
        counts as contiguous, but its stride 0 fails the compiled code's guards), their batch, sequence and
        key lengths marked as varying with no special case for 0 or 1: one compilation serves every batch,
        with the same generated loops for all, so a row's result does not depend on the shape of its batch.
        Marked on every call (it costs nothing measurable), so that a recompilation (e.g. after the thread
        count changed, which the compiled code guards on) is as shape-generic as the first."""
        if not self.compiled:
            return list(tensors)
        out = [t if t.stride() == _row_major(t.shape) and t.storage_offset() == 0
               else torch.empty(t.shape, dtype=t.dtype, device=t.device).copy_(t) for t in tensors]
        for t in out:
            for d in range(min(t.dim(), 3 if t.dtype == torch.bool else 2)):
                torch._dynamo.decorators.mark_unbacked(t, d)
        return out

    @contextlib.contextmanager
    def _mode(self):
        if not self.compiled:
            with torch.inference_mode():
                yield
            return
        with torch.no_grad():  # tensors made under inference_mode may not be updated in place by compiled code
            yield


def weights(model: Transformer, s: Spec, mtp: bool = True) -> dict:
    """The model's weights as `forward` reads them: stacked where one input feeds several linears, W_UK and
    W_UV split per head out of kv_b_proj (laid out for _per_head), the gate in float32; quantized ones as
    QWeight (never dequantized here)."""
    def attention(layer) -> dict:
        a = layer.self_attn
        first = a.q_proj if a.q_lora_rank is None else a.q_a_proj
        kv_a = a.kv_a_proj_with_mqa
        d = {"in_norm": layer.input_layernorm.weight, "post_norm": layer.post_attention_layernorm.weight,
             "qkv_a": _linear(s, first, kv_a), "kv_norm": a.kv_a_layernorm.weight,
             "qkv_a_bias": None if kv_a.bias is None else torch.cat([
                 first.bias if first.bias is not None else kv_a.bias.new_zeros(first.out_features), kv_a.bias]),
             "o": _linear(s, a.o_proj), "o_bias": a.o_proj.bias}
        if isinstance(a.kv_b_proj, QuantLinear):  # split per head as quantized rows, read as in the float layouts
            kv_b = _linear(s, a.kv_b_proj, kernel=False)
            heads = [t.unflatten(0, (a.n_heads, a.nope_dim + a.v_dim)) for t in kv_b[:2]]
            d.update(w_uk=QWeight(*(t[:, :a.nope_dim] for t in heads), transposed=s.compiled),
                     w_uv=QWeight(*(t[:, a.nope_dim:] for t in heads), transposed=not s.compiled))
        else:
            w_kv = a.kv_b_proj.weight.view(a.n_heads, a.nope_dim + a.v_dim, a.kv_lora_rank)
            d.update(w_uk=(w_kv[:, :a.nope_dim].transpose(1, 2) if s.compiled else w_kv[:, :a.nope_dim]).contiguous(),
                     w_uv=(w_kv[:, a.nope_dim:] if s.compiled else w_kv[:, a.nope_dim:].transpose(1, 2)).contiguous())
        if a.q_lora_rank is not None:
            d.update(q_norm=a.q_a_layernorm.weight, q_b=_linear(s, a.q_b_proj))
        m = layer.mlp
        if not isinstance(m, MoE):
            return d | {"gate_up": _linear(s, m.gate_proj, m.up_proj), "down": _linear(s, m.down_proj)}
        experts = m.experts
        if isinstance(experts, QuantExperts):
            gate_up, down = (_quantized(s, q, experts.scheme.row_scales(sc, q.shape[-2]))
                             for q, sc in ((experts.gate_up_qweight, experts.gate_up_scales),
                                           (experts.down_qweight, experts.down_scales)))
        else:
            gate_up, down = experts.gate_up_proj, experts.down_proj
        gate = m.gate.weight.float()
        d.update(gate=gate.t().contiguous() if s.gemm else gate, gate_bias=m.gate.e_score_correction_bias,
                 experts_gate_up=gate_up, experts_down=down)
        if s.gemm and not isinstance(experts, QuantExperts):  # [hidden, E * 2 inter] and [E * inter, hidden]
            d.update(experts_gate_up_cat=gate_up.reshape(-1, gate_up.shape[-1]).t().contiguous(),
                     experts_down_cat=down.transpose(1, 2).reshape(-1, down.shape[1]))
        if m.shared_experts is not None:
            e = m.shared_experts
            d.update(shared_gate_up=_linear(s, e.gate_proj, e.up_proj), shared_down=_linear(s, e.down_proj))
        return d

    with torch.no_grad():
        e = model.embed_tokens
        W = {"embed": _quantized(s, e.qweight, e.scales, kernel=False) if isinstance(e, QuantEmbedding)
             else e.weight, "norm": model.norm.weight, "head": _linear(s, model.lm_head),
             "inv_freq": model.rotary.inv_freq, "layers": [attention(layer) for layer in model.layers]}
        if mtp and len(model.mtp):
            m = model.mtp[0]
            W["mtp"] = attention(m) | {"enorm": m.enorm.weight, "hnorm": m.hnorm.weight, "eh": _linear(s, m.eh_proj),
                                       "head_norm": m.shared_head.norm.weight}
        return _detach(W)


def _linear(s: Spec, *linears, kernel: bool = True) -> torch.Tensor | QWeight:
    """The weight of linear layers that read the same input, stacked along the output (one product for all);
    transposed, [in, out], for s.gemm."""
    if not isinstance(linears[0], QuantLinear):
        w = torch.cat([m.weight for m in linears]) if len(linears) > 1 else linears[0].weight
        return w.t().contiguous() if s.gemm else w
    parts = [(m.qweight, m.scheme.row_scales(m.scales, m.out_features)) for m in linears]  # then stackable
    q, scales = (torch.cat(t) if len(t) > 1 else t[0] for t in zip(*parts))
    return _quantized(s, q, scales, kernel)


def _quantized(s: Spec, q: torch.Tensor, scales: torch.Tensor, kernel: bool = True) -> QWeight:
    """A weight in the `rows` form of its scheme, with the packed kernel's operands when eager."""
    operands = s.quant.kernel_operands(q, scales) if kernel and not s.compiled else None
    return QWeight(q, scales, operands or ())


def _detach(tree):
    if isinstance(tree, dict):
        return {k: _detach(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_detach(v) for v in tree]
    return None if tree is None else tree if isinstance(tree, QWeight) else tree.detach()  # (QWeight: buffers)


def spec(model: Transformer, compiled: bool, invariant: bool) -> Spec:
    cfg, a = model.config, model.layers[0].self_attn
    return Spec(heads=a.n_heads, nope=a.nope_dim, rope=a.rope_dim, rank=a.kv_lora_rank, v_dim=a.v_dim,
                q_lora=a.q_lora_rank, scale=a.scale, interleave=a.interleave, eps=cfg.rms_norm_eps,
                latent_eps=a.kv_a_layernorm.eps, rope_factor=model.rotary.attention_factor,
                top_k=cfg.num_experts_per_tok, n_group=cfg.n_group, topk_group=cfg.topk_group,
                norm_topk=cfg.norm_topk_prob, routed_scaling=cfg.routed_scaling_factor, compiled=compiled,
                invariant=invariant, quant=getattr(getattr(model, "quantization", None), "rows", None))
