"""DeepSeek Sparse Attention (DSA, DeepSeek-V3.2): the lightning indexer and its top-k selection.

For query token t and an earlier token s the indexer computes an index score from a few small heads j:
    I[t, s] = sum_j  w[t, j] * ReLU(q[t, j] . k[s])
with q[t, j] from MLA's query latent c_q (wq_b), one key k[s] per token shared by the heads (wk, then a LayerNorm)
and a weight per head from the hidden state (weights_proj). The first qk_rope_head_dim dimensions of q and k carry
RoPE, rotating halves (i, i + d/2), unlike MLA's adjacent pairs. MLA then attends, for each query, only to the
index_topk keys of highest score among those it may see; with index_topk at least the number of keys that is
plain causal MLA. Of equal scores (with random weights every head's ReLU is often 0) the lower position is kept,
in every path, so a forward over a cache, in chunks of any size, selects what the forward without one does.
Decoding keeps k beside the latent cache: index_head_dim numbers per token per layer; attention over the cache then
reads only the latents of each query's index_topk keys, gathered (model/attention.py).

DeepSeek's kernels run the scores in FP8 after a Hadamard rotation of q and k (dot products unchanged); here they
are computed in float32.

Training (DeepSeek-V3.2 §2.1), `stage`:
  "warmup"  attention stays dense; the indexer learns to match it: the target of query t is the main attention's
            distribution summed over heads and L1-normalised, p[t, :], and the loss KL(p[t, :] || softmax(I[t, :]));
  "sparse"  attention over the top-k; the same KL over the selected keys only, p[t, S_t] and I[t, S_t].
In both the indexer's inputs are detached: it learns from its KL alone, the model from language modelling alone.
None (inference, and training without an indexer objective): sparse attention, no loss.

Hugging Face's names: self_attn.indexer.{wq_b, wk, k_norm, weights_proj}.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ModelConfig
from .context import Context
from .ops import PLAIN, Ops, top_indices, top_mask
from .rope import apply_rope

STAGES = (None, "warmup", "sparse")


class Indexer(nn.Module):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__()
        self.layer_idx = layer_idx
        self.n_heads, self.head_dim, self.rope_dim = cfg.index_n_heads, cfg.index_head_dim, cfg.qk_rope_head_dim
        self.topk = cfg.index_topk
        self.wq_b = nn.Linear(cfg.q_lora_rank, self.n_heads * self.head_dim, bias=False)
        self.wk = nn.Linear(cfg.hidden_size, self.head_dim, bias=False)
        self.k_norm = nn.LayerNorm(self.head_dim, eps=1e-6)
        self.weights_proj = nn.Linear(cfg.hidden_size, self.n_heads, bias=False)
        self.scale = self.head_dim ** -0.5
        self.stage: str | None = None  # set by Transformer.set_indexer_stage; it counts in training mode only
        self.loss: torch.Tensor | None = None  # the KL of the last training forward (a stage set)

    @property
    def training_stage(self) -> str | None:
        return self.stage if self.training else None

    def _rope(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        """RoPE on the first rope_dim dimensions of x [B, S, heads, head_dim], halves rotated (not pairs)."""
        rot, rest = x.split([self.rope_dim, self.head_dim - self.rope_dim], dim=-1)
        return torch.cat([apply_rope(rot, ctx.cos, ctx.sin, interleave=False), rest], dim=-1)

    def keys(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        """x [B, S, hidden] -> the indexer's keys [B, S, head_dim] (what its cache keeps)."""
        k = self.k_norm(ctx.ops.linear(x, self.wk))
        return self._rope(k[:, :, None], ctx)[:, :, 0]

    def scores(self, x: torch.Tensor, c_q: torch.Tensor, k: torch.Tensor, ctx: Context) -> torch.Tensor:
        """Index scores I [B, S, T] (float32) of queries x [B, S, hidden] (with their query latents c_q
        [B, S, q_lora_rank]) over keys k [B, T, head_dim]."""
        B, S, _ = x.shape
        q = self._rope(ctx.ops.linear(c_q, self.wq_b).view(B, S, self.n_heads, self.head_dim), ctx)
        w = ctx.ops.linear(x, self.weights_proj).float() * self.n_heads ** -0.5  # [B, S, H]
        if ctx.ops.compiled:  # each score its own reduction, as the compiled attention's (no bmm over open sizes)
            per_head = F.relu((q.float()[:, :, :, None] * k.float()[:, None, None]).sum(-1) * self.scale)
            return (w[..., None] * per_head).sum(2)
        per_head = F.relu(torch.matmul(q.float(), k.float().transpose(-1, -2)[:, None]) * self.scale)  # [B, S, H, T]
        return torch.matmul(w[:, :, None, :], per_head)[:, :, 0]

    def select(self, scores: torch.Tensor, allowed: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        """The keys [B, S, T] each query attends to: the topk of highest score among those allowed [B, S, T]."""
        masked = scores.masked_fill(~allowed, float("-inf"))
        if ops.compiled:  # by comparisons (model/ops.py), with no branch on T, which compiled code leaves open
            return allowed & ops.top(masked, self.topk)
        if self.topk >= scores.shape[-1]:
            return allowed
        return allowed & top_mask(masked, self.topk)

    def forward(self, x: torch.Tensor, c_q: torch.Tensor, ctx: Context,
                allowed: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """Without a cache: x [B, S, hidden], c_q [B, S, q_lora_rank] -> (the keys each query attends to
        [B, S, S], the index scores [B, S, S]), among those allowed [B, S, S] (default: causal). In a training
        stage the inputs are detached and warm-up keeps every allowed key."""
        if self.training_stage is not None:
            x, c_q = x.detach(), c_q.detach()
        S = x.shape[1]
        if allowed is None:
            allowed = torch.ones(S, S, dtype=torch.bool, device=x.device).tril().expand(x.shape[0], S, S)
        scores = self.scores(x, c_q, self.keys(x, ctx), ctx)
        keep = allowed if self.training_stage == "warmup" else self.select(scores, allowed)
        return keep, scores

    def cached(self, x: torch.Tensor, c_q: torch.Tensor, ctx: Context) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Over a cache: write the tokens' indexer keys, score every cached key the queries see -> (mask, chosen).
        Where no query sees more than topk keys: (ctx.visible, None), every key it sees. Else, where the ops gather
        (ctx.ops.gathers_topk): the positions [B, S, topk] of each query's topk, in increasing position, and which of
        them it sees [B, S, topk] (all, unless it sees fewer than topk); otherwise (the mask [B, S, T] of its topk,
        None)."""
        k_all = ctx.write_index(self.layer_idx, self.keys(x, ctx))  # [B, T, head_dim]
        visible = ctx.visible
        if not ctx.ops.compiled and self.topk >= int(visible.sum(-1).max()):  # (eager: a host sync is fine)
            return visible, None
        scores = self.scores(x, c_q, k_all, ctx)  # [B, S, T]
        if not ctx.ops.gathers_topk:
            return self.select(scores, visible, ctx.ops), None
        chosen = top_indices(scores.masked_fill(~visible, float("-inf")), self.topk).sort(dim=-1).values
        return visible.gather(-1, chosen), chosen

    def learn(self, scores: torch.Tensor, q: torch.Tensor, k: torch.Tensor, keep: torch.Tensor,
              scale: float) -> None:
        """The indexer's loss (set as self.loss): KL from the main attention's distribution over the keys kept
        [B, S, T] (all causal ones in warm-up, the selected ones after), summed over its heads and L1-normalised,
        to softmax(I) over the same keys; mean over queries. q [B, H, S, d], k [B, H, T, d] (MLA's, detached)."""
        with torch.no_grad():
            logits = (torch.matmul(q.float(), k.float().transpose(-1, -2)) * scale).masked_fill(
                ~keep[:, None], float("-inf"))
            p = logits.softmax(-1).sum(1)  # [B, S, T]
            p = p / p.sum(-1, keepdim=True)
        log_q = scores.masked_fill(~keep, float("-inf")).log_softmax(-1).masked_fill(~keep, 0.0)
        self.loss = (torch.xlogy(p, p) - p * log_q).sum(-1).mean()
