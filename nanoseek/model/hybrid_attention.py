"""DeepSeek-V4's hybrid attention: a sliding window on every layer, plus compressed keys on most of them.

One latent per token is both key and value (shared-KV multi-query attention):
    c_t = RMSNorm(h_t W^KV)                     [head_dim], RoPE on its last qk_rope_head_dim numbers
    q_t = RMSNorm_heads(RMSNorm(h_t W^DQ) W^UQ)  [heads, head_dim], the same RoPE
Each query attends to three kinds of entries, in one softmax:
  - the sliding window: c_s for the last sliding_window positions s <= t (every layer type);
  - compressed entries (the compressor, CSA and HCA layers): every m consecutive tokens become one entry
        C_w = RMSNorm( sum_j softmax_j(Z_j + B_j) * C_j ),   C = h W^KV', Z = h W^Z, B the learned position bias
    (per channel, softmax over the window's tokens; RoPE at the window's first position). HCA (m' = 128) attends
    to every finished entry; CSA (m = 4) overlaps its windows, entry w pooling the first series of window w - 1
    and the second of window w over 2m tokens, and attends only to the index_topk entries its lightning indexer
    scores highest:  I_{t,s} = sum_h w_{t,h} ReLU(q^I_{t,h} . K^I_s),  with its own small compressor for K^I;
  - the attention sink: one learned logit per head that takes probability mass and gives no value.
An entry w covers tokens up to (w + 1) m - 1, so query t sees it once t + 1 >= (w + 1) m.
Since the value carries RoPE too, the output's rotary part is rotated back by the query's position (RoPE at -t),
and the heads go out through the grouped low-rank projection: groups of heads to o_lora_rank each (wo_a, one
matrix per group), then all groups to hidden (wo_b).

Names are the released weights' (wq_a = W^DQ, wq_b = W^UQ, wkv = W^KV, compressor.wkv / wgate / ape = W^KV' / W^Z
/ B, wo_a / wo_b, attn_sink), as transformers' DeepseekV4ForCausalLM writes them under `model.layers.N.attn.`.
Without a cache it computes whole sequences (training, evaluation); with a HybridCache (model/hybrid_cache.py) it
continues them from the window, the entries and the open windows that cache keeps. The products go through the
mode's ops (model/ops.py; plain ones are the modules' own calls); in the batch-invariant modes the attention is
`invariant_attention`, over the keys laid out where each row keeps them, so a row's logits do not depend on its batch.
"""

from __future__ import annotations

import torch
from torch import nn

from ..config import ModelConfig
from .context import Context
from .hybrid_cache import CompressorView
from .layers import RMSNorm
from .ops import KEY_BLOCK, PLAIN, Ops
from .rope import rope_frequencies


class V4Rotary(nn.Module):
    """RoPE tables of one kind: "main" (sliding layers: rope_theta, no YaRN) or "compress" (CSA/HCA layers and
    their compressors: compress_rope_theta, with rope_scaling's YaRN). Cos/sin are not scaled by YaRN's mscale
    unless rope_scaling sets attention_factor (the V4 reference leaves them unscaled)."""

    def __init__(self, cfg: ModelConfig, compress: bool):
        super().__init__()
        self.cfg = cfg.replace(rope_theta=cfg.compress_rope_theta) if compress else cfg.replace(rope_scaling=None)
        self.register_buffer("inv_freq", torch.empty(cfg.qk_rope_head_dim // 2), persistent=False)
        self.reset_parameters()

    def reset_parameters(self):
        inv_freq, _ = rope_frequencies(self.cfg)
        self.inv_freq = inv_freq.to(self.inv_freq.device)
        self.scale = float((self.cfg.yarn or {}).get("attention_factor", 1.0))

    def forward(self, positions: torch.Tensor, ops: Ops = PLAIN) -> tuple[torch.Tensor, torch.Tensor]:
        """positions [...] -> cos, sin [..., rope_dim / 2] (float32)."""
        freqs = positions[..., None].float() * self.inv_freq
        return ops.pointwise(torch.cos, freqs) * self.scale, ops.pointwise(torch.sin, freqs) * self.scale


def rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """RoPE on the last 2 * cos.shape[-1] numbers of x [..., dim], pairing neighbours (0,1), (2,3), ... and keeping
    that layout (the value is read back through it). cos/sin broadcast against x[..., ::2] of the rotary part."""
    r = 2 * cos.shape[-1]
    nope, rope = x[..., :-r], x[..., -r:].float()
    x1, x2 = rope[..., 0::2], rope[..., 1::2]
    rotated = torch.stack([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1).flatten(-2)
    return torch.cat([nope, rotated.to(x.dtype)], dim=-1)


def unweighted_rms_norm(x: torch.Tensor, eps: float) -> torch.Tensor:
    return x * torch.rsqrt(x.float().square().mean(-1, keepdim=True) + eps).to(x.dtype)


class Compressor(nn.Module):
    """Every `rate` tokens -> one entry of `dim` numbers: a per-channel softmax-gated sum, normalised and rotated.
    overlap (CSA): two series per token (C^a, C^b), entry w pooling C^a of window w - 1 with C^b of window w."""

    def __init__(self, cfg: ModelConfig, rate: int, dim: int, overlap: bool):
        super().__init__()
        self.rate, self.dim, self.overlap = rate, dim, overlap
        width = 2 * dim if overlap else dim
        self.wkv = nn.Linear(cfg.hidden_size, width, bias=False)
        self.wgate = nn.Linear(cfg.hidden_size, width, bias=False)
        self.ape = nn.Parameter(torch.zeros(rate, width))  # B: the learned bias of each position in a window
        self.norm = RMSNorm(dim, cfg.rms_norm_eps)

    def forward(self, x: torch.Tensor, rotary: V4Rotary, state: CompressorView | None = None,
                ops: Ops = PLAIN) -> torch.Tensor:
        """x [B, S, hidden] -> every entry so far [B, entries, dim]. Without a cache state x starts at position 0
        and a trailing partial window is left out; with one, x follows the tokens the state has kept, the windows
        around x are pooled, and those that x closes are stored (model/hybrid_cache.py)."""
        B = x.shape[0]
        m, kv, gate = self.rate, ops.linear(x, self.wkv), ops.linear(x, self.wgate)
        if state is None:
            closed, first = x.shape[1] // m * m, 0
            kv, gate = kv[:, :closed], gate[:, :closed]
        else:
            kv, gate, first = state.gather(kv, gate, self.overlap)  # first: [B, 1]
        n = kv.shape[1] // m
        kv, gate = kv.view(B, n, m, kv.shape[-1]), gate.view(B, n, m, gate.shape[-1]) + self.ape
        if self.overlap:  # [B, n, 2m, dim]: C^a of the previous window (none before window 0), C^b of this one
            d = self.dim
            prev_kv, prev_gate = kv.new_zeros(B, 1, m, d), gate.new_full((B, 1, m, d), float("-inf"))
            prev_kv = torch.cat([prev_kv, kv[..., :d]], dim=1)[:, :n]  # window w gets C^a of window w - 1
            prev_gate = torch.cat([prev_gate, gate[..., :d]], dim=1)[:, :n]
            kv = torch.cat([prev_kv, kv[..., d:]], dim=2)
            gate = torch.cat([prev_gate, gate[..., d:]], dim=2)
        pooled = (kv * gate.float().softmax(dim=2).to(kv.dtype)).sum(dim=2)
        cos, sin = rotary((first + torch.arange(n, device=x.device)) * m, ops)
        entries = rotate(self.norm(pooled), cos, sin)
        return entries if state is None else state.store(entries, first)


def visible_entries(positions: torch.Tensor, n_entries: int, rate: int) -> torch.Tensor:
    """[B, S, n_entries]: entry w covers tokens up to (w + 1) rate - 1; query t sees it once t + 1 >= (w + 1) rate."""
    return torch.arange(n_entries, device=positions.device) < ((positions + 1) // rate)[..., None]


class Indexer(nn.Module):
    """CSA's lightning indexer: which index_topk compressed entries each query attends to."""

    def __init__(self, cfg: ModelConfig, rate: int):
        super().__init__()
        self.n_heads, self.head_dim, self.topk, self.rate = cfg.index_n_heads, cfg.index_head_dim, cfg.index_topk, rate
        self.compressor = Compressor(cfg, rate, cfg.index_head_dim, overlap=True)
        self.wq_b = nn.Linear(cfg.q_lora_rank, cfg.index_n_heads * cfg.index_head_dim, bias=False)
        self.weights_proj = nn.Linear(cfg.hidden_size, cfg.index_n_heads, bias=False)

    def forward(self, x: torch.Tensor, q_latent: torch.Tensor, positions: torch.Tensor, rotary: V4Rotary,
                state: CompressorView | None = None, ops: Ops = PLAIN) -> torch.Tensor:
        """x [B, S, hidden], q_latent [B, S, q_lora_rank] -> chosen [B, S, entries] (bool)."""
        B, S, _ = x.shape
        keys = self.compressor(x, rotary, state, ops).float()  # [B, T, c]
        cos, sin = rotary(positions, ops)
        q = rotate(ops.linear(q_latent, self.wq_b).view(B, S, self.n_heads, -1), cos[:, :, None], sin[:, :, None])
        w = ops.linear(x, self.weights_proj).float() * self.n_heads ** -0.5  # [B, S, heads]
        if ops.invariant:  # each score its own sum: a row's scores whatever its batch
            scores = (q.float()[:, :, :, None] * keys[:, None, None]).sum(-1).relu() * self.head_dim ** -0.5
            index = (scores * w[..., None]).sum(2)
        else:
            scores = torch.einsum("bshc,btc->bsht", q.float(), keys).relu() * self.head_dim ** -0.5
            index = torch.einsum("bsht,bsh->bst", scores, w)
        visible = visible_entries(positions, keys.shape[1], self.rate)
        if self.topk >= keys.shape[1]:
            return visible
        # ties to the lower entry (model/ops.py, top_indices): a query keeps the same entries whatever else its
        # forward holds (a cached or chunked forward, other rows), as without a cache
        return visible & ops.top(index.masked_fill(~visible, float("-inf")), self.topk)


class HybridAttention(nn.Module):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        super().__init__()
        H, D, g = cfg.num_attention_heads, cfg.head_dim, cfg.o_groups
        self.n_heads, self.head_dim, self.groups, self.eps, self.layer_idx = H, D, g, cfg.rms_norm_eps, layer_idx
        self.window, self.rate = cfg.sliding_window, cfg.compress_rate(layer_idx)
        self.wq_a = nn.Linear(cfg.hidden_size, cfg.q_lora_rank, bias=False)
        self.q_norm = RMSNorm(cfg.q_lora_rank, cfg.rms_norm_eps)
        self.wq_b = nn.Linear(cfg.q_lora_rank, H * D, bias=False)
        self.wkv = nn.Linear(cfg.hidden_size, D, bias=False)
        self.norm = RMSNorm(D, cfg.rms_norm_eps)
        self.wo_a = nn.Linear(H * D // g, g * cfg.o_lora_rank, bias=False)  # g blocks [o_lora_rank, H * D / g]
        self.wo_b = nn.Linear(g * cfg.o_lora_rank, cfg.hidden_size, bias=False)
        self.attn_sink = nn.Parameter(torch.zeros(H))
        sparse = self.rate > 0 and cfg.layer_types[layer_idx] == "compressed_sparse_attention"
        self.compressor = Compressor(cfg, self.rate, D, overlap=sparse) if self.rate else None
        self.indexer = Indexer(cfg, self.rate) if sparse else None
        self.rotary = V4Rotary(cfg, compress=self.rate > 0)

    def forward(self, x: torch.Tensor, ctx: Context) -> torch.Tensor:
        if ctx.attention is not None:
            raise NotImplementedError("DeepSeek-V4 attention has no packed-sequence (shared prompt) form yet")
        state = None if ctx.kv is None else ctx.kv[self.layer_idx]  # a HybridCache's (model/hybrid_cache.py)
        ops = ctx.ops
        B, S, _ = x.shape
        pos = ctx.positions  # [B, S]
        cos, sin = self.rotary(pos, ops)  # [B, S, rope / 2]
        q_latent = self.q_norm(ops.linear(x, self.wq_a))
        q = unweighted_rms_norm(ops.linear(q_latent, self.wq_b).view(B, S, self.n_heads, self.head_dim), self.eps)
        q = rotate(q, cos[:, :, None], sin[:, :, None])  # [B, S, H, D]
        kv = rotate(self.norm(ops.linear(x, self.wkv)), cos, sin)  # [B, S, D]: key and value
        # with a cache: the cached window before the new latents, or (batch-invariant modes) the window where the
        # row keeps it, the new latents written in first, so that a query's keys sit where they sit in any batch
        kv, key_pos = (kv, pos) if state is None else state.window(kv, pos, in_place=ops.invariant)
        dist = pos[:, :, None] - key_pos[:, None, :]
        visible = (dist >= 0) & (dist < self.window)  # [B, S, keys]: the sliding window
        if self.compressor is not None:
            entries = self.compressor(x, self.rotary, state and state.compressor, ops)  # [B, T, D]
            if self.indexer is not None:
                seen = self.indexer(x, q_latent, pos, self.rotary, state and state.indexer, ops)
            else:
                seen = visible_entries(pos, entries.shape[1], self.rate)
            kv, visible = torch.cat([kv, entries], dim=1), torch.cat([visible, seen], dim=-1)
        if ops.invariant:
            out = invariant_attention(q, kv, visible, self.attn_sink, self.head_dim ** -0.5)
        else:
            logits = torch.einsum("bshd,btd->bhst", q, kv).float() * self.head_dim ** -0.5
            logits = logits.masked_fill(~visible[:, None], float("-inf"))
            sink = self.attn_sink.float()[None, :, None, None].expand(B, -1, S, 1)
            probs = torch.cat([logits, sink], dim=-1).softmax(dim=-1)[..., :-1]  # the sink's share goes nowhere
            out = torch.einsum("bhst,btd->bshd", probs.to(kv.dtype), kv)
        out = rotate(out, cos[:, :, None], -sin[:, :, None])  # the value's RoPE, undone at the query's position
        grouped = out.reshape(B, S, self.groups, -1)  # [B, S, g, H * D / g]
        if ops.invariant:  # g products [o_lora_rank, H * D / g] per token, each on its own
            w = ops.dense(ops.weight(self.wo_a), x.dtype).view(self.groups, -1, grouped.shape[-1]).transpose(1, 2)
            return ops.linear(ops.per_head(grouped.flatten(0, 1), w).view(B, S, -1), self.wo_b)
        w = self.wo_a.weight.view(self.groups, -1, grouped.shape[-1])  # [g, o_lora_rank, H * D / g]
        return ops.linear(torch.einsum("bsgi,gri->bsgr", grouped, w).flatten(2), self.wo_b)


def invariant_attention(q: torch.Tensor, kv: torch.Tensor, visible: torch.Tensor, sink: torch.Tensor,
                        scale: float) -> torch.Tensor:
    """The attention above, batch-invariant (model/ops.py's Invariant mode): q [B, S, H, D] over keys = values
    kv [B, T, D] that each query sees (visible [B, S, T]) and the sink [H] -> [B, S, H, D]. Every score and every
    weighted sum is a reduction of its own, the sink first and the keys padded to whole blocks of KEY_BLOCK, so
    the keys a query does not see (the other rows' longer tails) only add exact zeros after its own."""
    B, S, H, _ = q.shape
    T = kv.shape[1]
    logits = (q[:, :, :, None] * kv[:, None, None]).sum(-1).float() * scale  # [B, S, H, T]
    logits = logits.masked_fill(~visible[:, :, None], float("-inf"))
    pad = logits.new_full((B, S, H, -(-(T + 1) // KEY_BLOCK) * KEY_BLOCK - T - 1), float("-inf"))
    first = sink.float()[None, None, :, None].expand(B, S, H, 1)
    probs = torch.cat([first, logits, pad], dim=-1).softmax(dim=-1)[..., 1:T + 1]
    return (probs.to(kv.dtype)[..., None] * kv[:, None, None]).sum(-2)
