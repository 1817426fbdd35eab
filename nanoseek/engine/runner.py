"""The engine's way of running the network: the model's own forward (nanoseek/model/) over its cache (MLA's
LatentCache; DeepSeek-V4's HybridCache, model/hybrid_cache.py), in the mode the engine was built with, never a copy
of its math.

A mode is the model's `Ops` (model/ops.py), picked by two switches:

                  eager          compiled (torch.compile of the model's own cached forward)
  throughput      Ops            Compiled up to GEMM_ROWS rows per forward, CompiledGemm above
  deterministic   Invariant      Compiled

Deterministic modes are batch-invariant: a token's logits do not depend on what else is in its batch, bit for bit,
so batched decoding gives one-at-a-time's tokens and speculative verification gives plain decoding's. Throughput
modes run GEMMs over the batch, as vLLM and SGLang do: faster with many rows, other last bits by batch size.

Compiled: `_run`, `_draft` and `_speculate` below go through torch.compile with the model, the Context (positions,
rows, the keys each query sees, the cache) and the ops as inputs. The batch, sequence and key lengths are marked
unbacked (no special case even for 1), so one compilation serves every shape with the same generated loops,
which is also what keeps a row independent of its batch in the `Compiled` mode (kernels compiled for two static
shapes differ in their last bits). The model's parameters are read in place: an optimizer step between RL
rollouts reaches the next forward with nothing to rebuild.

DeepSeek-V4 runs eagerly only (compile=True is refused). Its deterministic mode is batch-invariant as the others
are (model/hybrid_attention.py: invariant_attention; elementwise transcendentals such as the gate's sqrt-softplus
through Ops.pointwise, which pads a tensor's tail to a whole CPU vector).
"""

from __future__ import annotations

import contextlib
import functools
import time

import torch
import torch._inductor.codecache

from ..model import Compiled, CompiledGemm, Context, Invariant, LatentCache, Ops, Transformer
from ..model.hybrid_cache import HybridCache
from ..model.ops import row_major

# Rows per forward up to which the compiled throughput mode runs the reductions too: one fused loop nest beats a
# GEMM call per product at few rows (BENCHMARKS.md, One network: 2x at 1 row, even at 32, on an AVX2 EPYC).
GEMM_ROWS = 32


# One object per mode: compiled code guards on the ops it was traced with, so every engine of a process (GRPO builds
# one per run, the tests dozens) shares the same ones and, model shapes alike, the same compiled graphs.
MODES = {(False, False): Ops(), (False, True): Invariant(), (True, False): CompiledGemm(), (True, True): Compiled()}


def release_gil_in_compiled_kernels() -> None:
    """Make inductor's CPU kernels release Python's GIL while they run, as ATen's own ops do.

    inductor calls the C++ loop nest it generates through a small Python binding that keeps the GIL for the whole
    kernel, so while the engine's thread runs a compiled forward (most of a decode step), the server's event loop
    in the other thread cannot stream a single token: HTTP work and decoding took turns instead of sharing the two
    cores (BENCHMARKS.md, Serving). The binding's call is patched to parse its arguments under the GIL, then drop
    it around the kernel (restored on the way out, also when the kernel throws). The kernel itself touches no
    Python object. Left alone if this torch's binding is not the one this was written for (torch 2.13)."""
    codecache = torch._inductor.codecache.CppPythonBindingsCodeCache
    if codecache.call_entry_function == "kernel({}); Py_RETURN_NONE;":
        codecache.call_entry_function = (
            "struct NoGil {{ PyThreadState* s = PyEval_SaveThread(); ~NoGil() {{ PyEval_RestoreThread(s); }} }}; "
            "[&](auto... a) {{ NoGil released; kernel(a...); }}({}); Py_RETURN_NONE;")


@functools.cache
def gemms_pay(dtype: torch.dtype, device_type: str) -> bool:
    """Whether matrix products in dtype run at a useful speed on this device. On a CPU without bf16 arithmetic
    (AVX2; AVX-512 without its BF16 extension) ATen's bf16 GEMM is many times slower than float32's, and the
    compiled reductions, which widen each weight as they read it, beat it at every number of rows (BENCHMARKS.md,
    One network). Measured once per process: a 256-row product in dtype against the same in float32."""
    if device_type != "cpu" or dtype == torch.float32:
        return True
    a, b = torch.randn(256, 512), torch.randn(512, 512)

    def seconds(x, y):
        torch.mm(x, y)
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            torch.mm(x, y)
            best = min(best, time.perf_counter() - t)
        return best
    return seconds(a.to(dtype), b.to(dtype)) < 2 * seconds(a, b)


def mode(compile: bool, deterministic: bool) -> Ops:
    """The mode of forwards of more than GEMM_ROWS rows (model/ops.py)."""
    return MODES[compile, deterministic]


def _run(model: Transformer, ids: torch.Tensor, ctx: Context, select: torch.Tensor):
    """ids [B, S] -> (final-norm hidden states [B, S, hidden], float32 logits [M, vocab] of the tokens select [M],
    indices into the B * S)."""
    hidden = model.hidden_states(ids, ctx)
    return hidden, model.logits(hidden.flatten(0, 1)[select], ctx.ops).float()


def _draft(model: Transformer, hidden: torch.Tensor, next_ids: torch.Tensor, ctx: Context, select: torch.Tensor):
    """MTP module 1 at ctx's positions (the main hidden at i [B, S, hidden], the token at i + 1 [B, S]), its latents
    written -> float32 logits [M, vocab] of the tokens select [M] (drafts of the tokens at i + 2; M may be 0)."""
    h = model.mtp_hidden(hidden, next_ids, ctx)
    return model.mtp[0].shared_head(h.flatten(0, 1)[select], ctx.ops).float()


def _speculate(model: Transformer, ids: torch.Tensor, ctx: Context):
    """One greedy speculative step: the main model over [token, draft] [B, 2] -> float32 logits [B, 2, vocab] and
    their argmax [B, 2]; then the MTP module over the same two positions with the argmax as the tokens that follow,
    and its greedy draft [B] from position n + 1 if the draft was accepted (argmax at n == draft), else from n.
    (When it was not, the latents of n + 1 are wrong, and rewritten before anything reads them.)"""
    B, S = ids.shape
    hidden, logits = _run(model, ids, ctx, torch.arange(B * S, device=ids.device))
    best = logits.argmax(-1).view(B, S)
    last = (best[:, 0] == ids[:, 1]).long() + S * torch.arange(B, device=ids.device)  # the last valid position
    drafts = _draft(model, hidden, best, ctx, last).argmax(-1)
    return logits.view(B, S, logits.shape[-1]), best, drafts


class InferenceModel:
    """A Transformer driven by the engine: hidden states, logits and MTP drafts over its cache, in a mode.

    Positions are passed in explicitly and the cache's lengths are left alone: the engine decides how far each
    row advances (by 1, or by 2 when a speculative draft is accepted).
    """

    def __init__(self, model: Transformer, deterministic: bool = True, compile: bool = False):
        if model.config.model_type == "deepseek_v4" and compile:
            raise ValueError("compile=True does not take DeepSeek-V4 yet (its hybrid cache's forward is not traced "
                             "shape-generically); decode it eagerly (compile=False)")
        if model.config.attention_type != "mla":
            raise ValueError(f"the engine decodes MLA from its latent cache; this model has attention_type "
                             f"{model.config.attention_type!r} (a training baseline of `nanoseek ablate`)")
        self.model = model.eval()
        self.config = model.config
        self.device = model.norm.weight.device  # (a quantized embedding's .weight would dequantize it)
        self.dtype = model.norm.weight.dtype
        self.ops = mode(compile, deterministic)
        self.small_ops = mode(compile, True) if compile else self.ops  # forwards of at most GEMM_ROWS rows
        if compile and not gemms_pay(self.dtype, self.device.type):
            self.ops = self.small_ops  # the reductions at every size: GEMMs in this dtype are slow here
        self.compiled = compile
        self.has_mtp = len(model.mtp) > 0
        self._run, self._draft, self._speculate = _run, _draft, _speculate
        self._guarded: set[tuple] = set()  # (function, ops, threads) whose call passed dynamo's full guards once
        if compile:
            # one graph per model shape, weight dtype or scheme, and mode: a process may compile more than torch's
            # default 8 per function (the test suite does; GRPO's rollouts beside an evaluation engine)
            torch._dynamo.config.recompile_limit = max(torch._dynamo.config.recompile_limit, 64)
            # no size asserts in the generated wrapper: dynamo's guards have checked the inputs (~3% at batch 1)
            options = {"size_asserts": False}
            release_gil_in_compiled_kernels()
            self._run, self._draft, self._speculate = (torch.compile(f, fullgraph=True, options=options)
                                                       for f in (_run, _draft, _speculate))

    def run(self, ids: torch.Tensor, positions: torch.Tensor, cache: LatentCache | HybridCache, rows: torch.Tensor,
            select: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """ids, positions [B, S] of cache rows `rows` [B] -> (final-norm hidden states [B, S, hidden], float32
        logits [B, K, vocab] of the positions select [B, K] (indices into S; default all S))."""
        B, S = ids.shape
        K = S if select is None else select.shape[1]
        flat = (torch.arange(B * S, device=ids.device) if select is None
                else (select + S * torch.arange(B, device=ids.device)[:, None]).view(-1))
        ctx, (ids, flat) = self._context(positions, cache, rows, ids, flat)
        hidden, logits = self._call(self._run, ctx, self.model, ids, ctx, flat)
        return hidden, logits.view(B, K, logits.shape[-1])

    def draft(self, hidden: torch.Tensor, next_ids: torch.Tensor, positions: torch.Tensor,
              cache: LatentCache | HybridCache,
              rows: torch.Tensor, select: torch.Tensor) -> torch.Tensor:
        """MTP module 1 over positions [B, S] (main hidden at i [B, S, hidden], the token at i + 1 [B, S]),
        writing its latents -> float32 logits [B, K, vocab] of the positions select [B, K] (K may be 0):
        drafts for the tokens two places after them."""
        self._need_mtp()
        B, S = next_ids.shape
        flat = (select + S * torch.arange(B, device=select.device)[:, None]).view(-1)
        ctx, (hidden, next_ids, flat) = self._context(positions, cache, rows, hidden, next_ids, flat)
        logits = self._call(self._draft, ctx, self.model, hidden, next_ids, ctx, flat)
        return logits.view(B, select.shape[1], logits.shape[-1])

    def speculate(self, ids: torch.Tensor, positions: torch.Tensor, cache: LatentCache | HybridCache,
                  rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """`_speculate`: [token, draft] [B, 2] at positions [B, 2] -> (logits [B, 2, vocab], their argmax [B, 2],
        the next greedy drafts [B]), the main model's and the MTP module's latents written."""
        self._need_mtp()
        ctx, (ids,) = self._context(positions, cache, rows, ids)
        return self._call(self._speculate, ctx, self.model, ids, ctx)

    def _need_mtp(self) -> None:
        if not self.has_mtp:
            raise RuntimeError("this model has no MTP module to draft with")

    def _context(self, positions, cache: LatentCache | HybridCache, rows,
                 *tensors) -> tuple[Context, list[torch.Tensor]]:
        """The forward's Context, and the per-call tensors. Compiled: all in plain row-major layouts (a broadcast
        row counts as contiguous, but its stride 0 fails the compiled code's guards), their batch, sequence and key
        lengths marked as varying with no special case for 0 or 1: one compilation serves every batch, with the
        same generated loops for all, so a row's result does not depend on the shape of its batch. Marked on every
        call (it costs nothing measurable), so a recompilation (e.g. after the thread count changed, which the
        compiled code guards on) is as shape-generic as the first."""
        ops = self.small_ops if positions.numel() <= GEMM_ROWS else self.ops
        ctx = cache.context(positions, rows, ops)
        if not self.compiled:
            return ctx, list(tensors)
        positions, rows, visible, *tensors = [
            t if t.stride() == row_major(t.shape) and t.storage_offset() == 0
            else torch.empty(t.shape, dtype=t.dtype, device=t.device).copy_(t)
            for t in (ctx.positions, ctx.rows, ctx.visible, *tensors)]
        for t in (positions, rows, visible, *tensors):
            for d in range(min(t.dim(), 3 if t.dtype == torch.bool else 2)):
                torch._dynamo.decorators.mark_unbacked(t, d)
        return Context(positions, ctx.kv, ctx.pe, rows, visible, ops=ops, index_k=ctx.index_k), tensors

    def _call(self, fn, ctx: Context, *args):
        """fn(*args) with gradients off. Eager: under inference_mode. Compiled: under no_grad (tensors made under
        inference_mode may not be updated in place by compiled code), and, once a call of this function in this
        mode on this many threads has passed dynamo's full guards, with only its distinguishing guards evaluated
        (torch.compiler's skip_guard_eval_unsafe stance): the guards over every module and parameter of the
        model cost ~10-15% of a batch-1 decode step (BENCHMARKS.md, One network), and nothing they check changes
        between this engine's calls. What does change from call to call is checked still: dynamo keeps
        the guards on tensor inputs that are not parameters (the ids, positions, the cache: dtypes, static sizes,
        strides) and those that ever failed, i.e. that tell one compiled graph from another (the ops, another
        model's shapes), so a call that needs another graph still finds it or compiles it."""
        if not self.compiled:
            with torch.inference_mode():
                return fn(*args)
        key = (fn, ctx.ops, torch.get_num_threads())
        stance = (torch.compiler.set_stance("default", skip_guard_eval_unsafe=True) if key in self._guarded
                  else contextlib.nullcontext())
        with torch.no_grad(), stance:
            out = fn(*args)
        self._guarded.add(key)
        return out
