"""Multi-head Latent Attention (MLA, DeepSeek-V2/V3) with its two equivalent computations.

Keys and values come from one shared latent c_kv = RMSNorm(W_DKV x) of kv_lora_rank numbers per token,
plus one RoPE key k_pe of qk_rope_head_dim numbers shared by all heads. Per head:
    k_nope = W_UK c_kv,  v = W_UV c_kv            (kv_b_proj holds [W_UK; W_UV] for every head)
    score  = q_nope . k_nope + q_pe . k_pe
Expanded path (training, no cache): materialise k and v for every head and call SDPA.
Absorbed path (decoding from the cache): q_nope . (W_UK c) = (W_UK^T q_nope) . c, so fold W_UK into the
query and attend directly over the cached latents; apply W_UV after the weighted sum. The cache then holds
only kv_lora_rank + qk_rope_head_dim numbers per token per layer. How the four products of that path are
computed (einsums, per-token products, compiled reductions) is the mode's (model/ops.py: per_head, attend).

Hugging Face's names for the paper's matrices (DeepSeek-V2 §2.1):
    q_a_proj = W^DQ,  q_a_layernorm = the norm of c_q,  q_b_proj = [W^UQ; W^QR] per head  (q_proj when no q_lora)
    kv_a_proj_with_mqa = [W^DKV; W^KR],  kv_a_layernorm = the norm of c_kv,  kv_b_proj = [W^UK; W^UV] per head
    o_proj = W^O
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ModelConfig
from .context import Context
from .indexer import Indexer
from .layers import RMSNorm
from .ops import KEY_BLOCK, PLAIN, Ops
from .rope import apply_rope, softmax_scale


class LatentCache:
    """Preallocated MLA cache for `batch` sequences of up to `max_len` tokens, one row per sequence.

    kv: [layers, batch, max_len, kv_lora_rank]; pe: [layers, batch, max_len, qk_rope_head_dim];
    lengths[b]: tokens already cached for row b (the one count of a row's length). Rows advance independently
    (each has its own positions), and a forward may touch any subset of rows, so sequences can join and leave
    a running batch.
    """

    def __init__(self, cfg: ModelConfig, batch: int, max_len: int, n_layers: int | None = None,
                 dtype: torch.dtype = torch.float32, device: torch.device | str | None = None):
        n_layers = cfg.num_hidden_layers + cfg.num_nextn_predict_layers if n_layers is None else n_layers
        self.kv = torch.zeros(n_layers, batch, max_len, cfg.kv_lora_rank, dtype=dtype, device=device)
        self.pe = torch.zeros(n_layers, batch, max_len, cfg.qk_rope_head_dim, dtype=dtype, device=device)
        self.lengths = torch.zeros(batch, dtype=torch.long, device=device)
        # DeepSeek-V3.2: its indexer's keys beside the latents, [layers, batch, max_len, index_head_dim]
        self.index_k = (torch.zeros(n_layers, batch, max_len, cfg.index_head_dim, dtype=dtype, device=device)
                        if cfg.sparse else None)
        self._layers = None

    @property
    def max_len(self) -> int:
        return self.kv.shape[2]

    def positions(self, seq_len: int, rows: torch.Tensor | None = None) -> torch.Tensor:
        """Positions [len(rows), seq_len] of the next seq_len tokens of the given rows (default: all)."""
        lengths = self.lengths if rows is None else self.lengths[rows]
        if int(lengths.max()) + seq_len > self.max_len:
            raise ValueError(f"cache holds {self.max_len} tokens per sequence; writing {seq_len} more after "
                             f"{int(lengths.max())} would overflow it")
        return lengths[:, None] + torch.arange(seq_len, device=self.lengths.device)

    def context(self, positions: torch.Tensor, rows: torch.Tensor | None = None, ops: Ops = PLAIN) -> Context:
        """The Context of a forward writing positions [B, S] of cache rows `rows` (default: row i for entry i):
        each query sees the keys up to its own position, over whole blocks of KEY_BLOCK keys where the cache
        allows (the batch-invariant modes need whole blocks; the longest row of the batch sets how many)."""
        row_slice = None
        if rows is None:  # rows 0..B-1: their cached keys are read back as views
            rows, row_slice = torch.arange(positions.shape[0], device=positions.device), slice(0, positions.shape[0])
        end = int(positions.max()) + 1
        T = min(-(-end // KEY_BLOCK) * KEY_BLOCK, self.max_len)
        visible = torch.arange(T, device=positions.device) <= positions[..., None]
        if self._layers is None:  # per-layer views, made once
            self._layers = (list(self.kv), list(self.pe), None if self.index_k is None else list(self.index_k))
        kv, pe, index_k = self._layers
        return Context(positions, kv, pe, rows=rows, visible=visible, ops=ops, index_k=index_k, row_slice=row_slice)

    def advance(self, seq_len: int, rows: torch.Tensor | None = None) -> None:
        if rows is None:
            self.lengths += seq_len
        else:
            self.lengths[rows] += seq_len

    def fork(self, src: int, dst: torch.Tensor) -> None:
        """Copy row src's cached tokens into rows dst (G samples of one prompt share its prefill)."""
        n = int(self.lengths[src])
        self.kv[:, dst, :n] = self.kv[:, src:src + 1, :n]
        self.pe[:, dst, :n] = self.pe[:, src:src + 1, :n]
        if self.index_k is not None:
            self.index_k[:, dst, :n] = self.index_k[:, src:src + 1, :n]
        self.lengths[dst] = n

    def bytes_per_token(self) -> int:
        index = 0 if self.index_k is None else self.index_k.shape[-1]
        return (self.kv.shape[0] * (self.kv.shape[-1] + self.pe.shape[-1] + index)) * self.kv.element_size()


class MLA(nn.Module):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__()
        self.layer_idx = layer_idx
        self.n_heads = cfg.num_attention_heads
        self.q_lora_rank, self.kv_lora_rank = cfg.q_lora_rank, cfg.kv_lora_rank
        self.nope_dim, self.rope_dim, self.v_dim = cfg.qk_nope_head_dim, cfg.qk_rope_head_dim, cfg.v_head_dim
        self.interleave = cfg.rope_interleave
        self.scale = softmax_scale(cfg)
        qk_dim, bias = cfg.qk_head_dim, cfg.attention_bias
        if self.q_lora_rank is None:
            self.q_proj = nn.Linear(cfg.hidden_size, self.n_heads * qk_dim, bias=False)
        else:
            self.q_a_proj = nn.Linear(cfg.hidden_size, self.q_lora_rank, bias=bias)
            self.q_a_layernorm = RMSNorm(self.q_lora_rank)
            self.q_b_proj = nn.Linear(self.q_lora_rank, self.n_heads * qk_dim, bias=False)
        self.kv_a_proj_with_mqa = nn.Linear(cfg.hidden_size, self.kv_lora_rank + self.rope_dim, bias=bias)
        self.kv_a_layernorm = RMSNorm(self.kv_lora_rank)
        self.kv_b_proj = nn.Linear(self.kv_lora_rank, self.n_heads * (self.nope_dim + self.v_dim), bias=False)
        self.o_proj = nn.Linear(self.n_heads * self.v_dim, cfg.hidden_size, bias=bias)
        self.indexer = Indexer(cfg, layer_idx) if cfg.sparse else None  # DeepSeek-V3.2 (model/indexer.py)

    def forward(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        B, S, _ = x.shape
        ops = ctx.ops
        if self.q_lora_rank is None:
            c_q, q = None, ops.linear(x, self.q_proj)
        else:
            c_q = self.q_a_layernorm(ops.linear(x, self.q_a_proj))  # [B, S, q_lora_rank]
            q = ops.linear(c_q, self.q_b_proj)
        q = q.view(B, S, self.n_heads, self.nope_dim + self.rope_dim)  # [B, S, H, nope + rope]
        q_nope, q_pe = q.split([self.nope_dim, self.rope_dim], dim=-1)
        q_pe = apply_rope(q_pe, ctx.cos, ctx.sin, self.interleave)
        kv, k_pe = ops.linear(x, self.kv_a_proj_with_mqa).split([self.kv_lora_rank, self.rope_dim], dim=-1)
        kv = self.kv_a_layernorm(kv)  # [B, S, kv_lora_rank]
        k_pe = apply_rope(k_pe[:, :, None, :], ctx.cos, ctx.sin, self.interleave)[:, :, 0]  # [B, S, rope]
        if ctx.kv is None and self.indexer is not None:
            out = self._sparse(x, c_q, q_nope, q_pe, kv, k_pe, ctx)
        elif ctx.kv is None:
            out = self._expanded(q_nope, q_pe, kv, k_pe, ctx.attention)
        else:
            # DSA: of the cached keys each query sees, the indexer's top-k (a mask, or their positions)
            visible, chosen = (ctx.visible, None) if self.indexer is None else self.indexer.cached(x, c_q, ctx)
            keys = ctx.write(self.layer_idx, kv, k_pe, chosen)  # [B, T, r], [B, T, rope]; chosen: [B, S, k, *]
            out = self._absorbed(q_nope, q_pe, *keys, ctx.ops, visible)
        return ops.linear(out.flatten(2), self.o_proj)

    def _heads(self, q_nope, q_pe, kv, k_pe) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Every head's query, key and value [B, H, S, *] expanded from the latents."""
        B, S, H, _ = q_nope.shape
        k_nope, v = self.kv_b_proj(kv).view(B, S, H, self.nope_dim + self.v_dim).split(
            [self.nope_dim, self.v_dim], dim=-1)
        q = torch.cat([q_nope, q_pe], dim=-1).transpose(1, 2)  # [B, H, S, qk]
        k = torch.cat([k_nope, k_pe[:, :, None, :].expand(B, S, H, self.rope_dim)], dim=-1).transpose(1, 2)
        return q, k, v.transpose(1, 2)

    def _expanded(self, q_nope, q_pe, kv, k_pe, attention=None) -> torch.Tensor:
        q, k, v = self._heads(q_nope, q_pe, kv, k_pe)
        if attention is not None:
            return attention(q, k, v, self.scale).transpose(1, 2)
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=self.scale)
        return out.transpose(1, 2)  # [B, S, H, v]

    def _sparse(self, x, c_q, q_nope, q_pe, kv, k_pe, ctx: Context) -> torch.Tensor:
        """DSA without a cache: each query over the keys its indexer keeps (all causal ones when index_topk >= S:
        then exactly the dense path), and the indexer's loss in a training stage."""
        stage = self.indexer.training_stage
        if stage is None and self.indexer.topk >= x.shape[1]:
            return self._expanded(q_nope, q_pe, kv, k_pe, ctx.attention)
        allowed = None
        if ctx.attention is not None:  # packed sequences: the keys each query sees, as one mask over the row
            if not hasattr(ctx.attention, "allowed"):
                raise NotImplementedError(f"DeepSeek-V3.2's sparse attention needs the keys each query sees as a "
                                          f"mask (an `allowed()` method); {type(ctx.attention).__name__} has none")
            allowed = ctx.attention.allowed()
        keep, scores = self.indexer(x, c_q, ctx, allowed)  # [B, S, S]
        dense = allowed is None and (stage == "warmup" or self.indexer.topk >= x.shape[1])
        q, k, v = self._heads(q_nope, q_pe, kv, k_pe)
        if dense:
            out = F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=self.scale)
        else:
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=keep[:, None], scale=self.scale)
        if stage is not None:
            self.indexer.learn(scores, q.detach(), k.detach(), keep, self.scale)
        return out.transpose(1, 2)  # [B, S, H, v]

    def _absorbed(self, q_nope, q_pe, kv, pe, ops: Ops, visible: torch.Tensor) -> torch.Tensor:
        """Attention over cached latents: kv [B, T, r], pe [B, T, rope] shared by a row's queries, each over the keys
        visible [B, S, T] marks; or (DSA) each query's own k latents kv [B, S, k, r], pe [B, S, k, rope] (the index
        top-k, gathered once for all heads), of which it sees visible [B, S, k]: then each query is a row of its
        own, and attention reads k latents per query, not T."""
        B, S, H, _ = q_nope.shape
        w = self.kv_b_weight(ops, q_nope.dtype).view(H, self.nope_dim + self.v_dim, self.kv_lora_rank)
        w_uk, w_uv = w[:, : self.nope_dim], w[:, self.nope_dim:].transpose(1, 2)  # [H, nope, r], [H, r, v]
        q_lat = ops.per_head(q_nope.reshape(B * S, H, self.nope_dim), w_uk)  # W_UK folded into the query
        if kv.dim() == 3:
            out = ops.attend(q_lat.view(B, S, H, -1), q_pe, kv, pe, visible, self.scale)  # over latents [B, S, H, r]
        else:  # a query per row: [B S, 1, H, r]
            out = ops.attend(q_lat.view(B * S, 1, H, -1), q_pe.reshape(B * S, 1, H, -1), kv.flatten(0, 1),
                             pe.flatten(0, 1), visible.reshape(B * S, 1, -1), self.scale)
        return ops.per_head(out.reshape(B * S, H, -1), w_uv).view(B, S, H, self.v_dim)  # W_UV after the sum

    def kv_b_weight(self, ops, dtype: torch.dtype) -> torch.Tensor:
        """kv_b_proj's weight [H * (nope + v), r] as floats (a quantized one dequantized for this use only,
        except on the plain path, where the module keeps its float copy)."""
        if not ops.reads_weights:
            return self.kv_b_proj.weight
        return ops.dense(ops.weight(self.kv_b_proj), dtype)


class SharedPromptAttention:
    """The `attention` of a Context without a cache over packed rows [prompt (P), G completions (L each)] (GRPO's
    update, train/grpo.py: token_logprobs): the prompt causal over itself; each completion over its row's prompt
    (its first prompt_len keys; the rest is padding) and causally over itself. Two attentions of the shapes the
    parts need ([rows, P, P] and [rows * G, L, P + L]), not one over the whole row: a completion never looks at
    its siblings."""

    def __init__(self, prompt_lens: torch.Tensor, P: int, G: int, L: int):
        self.P, self.G, self.L = P, G, L
        self.prompt_seen = torch.arange(P, device=prompt_lens.device) < prompt_lens[:, None]  # [rows, P]
        seen = self.prompt_seen.repeat_interleave(G, 0)
        own = torch.ones(L, L, dtype=torch.bool, device=prompt_lens.device).tril()
        self.mask = torch.cat([seen[:, None, None, :].expand(-1, 1, L, P), own.expand(len(seen), 1, L, L)], -1)

    def allowed(self) -> torch.Tensor:
        """The keys each query of a packed row sees, as one mask [rows, P + G L, P + G L] (DeepSeek-V3.2's
        indexer picks among them; its sparse attention then runs over the whole row)."""
        P, G, L = self.P, self.G, self.L
        rows, device = len(self.prompt_seen), self.prompt_seen.device
        out = torch.zeros(rows, P + G * L, P + G * L, dtype=torch.bool, device=device)
        out[:, :P, :P] = torch.ones(P, P, dtype=torch.bool, device=device).tril()
        for g in range(G):
            part = slice(P + g * L, P + (g + 1) * L)
            out[:, part, :P] = self.prompt_seen[:, None, :]
            out[:, part, part] = torch.ones(L, L, dtype=torch.bool, device=device).tril()
        return out

    def __call__(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scale: float) -> torch.Tensor:
        """q, k, v [rows, heads, P + G L, dim] -> [rows, heads, P + G L, v dim]."""
        P, G, L = self.P, self.G, self.L
        out = F.scaled_dot_product_attention(q[:, :, :P], k[:, :, :P], v[:, :, :P], is_causal=True, scale=scale)
        if L == 0:
            return out

        def completions(t):  # [rows, heads, P + G L, d] -> [rows * G, heads, L, d]
            return t[:, :, P:].unflatten(2, (G, L)).transpose(1, 2).flatten(0, 1)

        def after_prompt(t):  # each completion's keys (or values): its prompt's, then its own
            return torch.cat([t[:, :, :P].repeat_interleave(G, 0), completions(t)], 2)

        own = F.scaled_dot_product_attention(completions(q), after_prompt(k), after_prompt(v), attn_mask=self.mask,
                                             scale=scale)  # [rows * G, heads, L, v dim]
        return torch.cat([out, own.unflatten(0, (len(q), G)).transpose(1, 2).flatten(2, 3)], 2)
