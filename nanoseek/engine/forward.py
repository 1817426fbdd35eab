"""The engine's forward pass: the model's math, computed so that a token's result never depends on its batch.

Why not just call `model(ids, cache, rows)`: BLAS chooses its kernel by matrix shape (one row runs a
matrix-vector kernel, a few rows a small-matrix kernel, more rows a blocked GEMM), and each sums in its own
order. So on this CPU the logits of a sequence decoded beside 15 others differ in the last bits from the
same sequence decoded alone, and greedy decoding parts ways at the first near-tie. Here every product is a
batch of matrix-vector products, one per token (and per head in attention), which torch.bmm runs with the
same kernel whatever the batch size; RMSNorm, softmax and the sums over cached keys are row-wise already
(zero weights on keys past a row's length add exact zeros). A token's hidden state then depends only on
its own token, position and cached latents, bit for bit, so:
  batched decoding = one request at a time, batched or prefix-reused prefill = a full prefill, and
  speculative verification of [token, draft] = two plain decoding steps (tests/test_engine.py checks all).
The price: a batch of B tokens reads each weight B times instead of once (matrix-vector, not matrix-matrix);
at the model sizes a CPU serves the weights stay in cache, and bench/decode_throughput.py measures it.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..model import LatentCache, Transformer
from ..model.attention import MLA
from ..model.block import DecoderLayer
from ..model.layers import MLP, RMSNorm
from ..model.moe import MoE
from ..model.rope import apply_rope

# Cached keys are attended in blocks of this many positions (the cache's max_len must be a multiple).
KEY_BLOCK = 128
# The MoE gate (the model's own module) runs a plain F.linear; padded to this many rows its GEMM kernel
# is the same whatever the real row count (measured on these CPUs for the gate's small shapes).
_GATE_ROWS = 32


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


def rms_norm(norm: RMSNorm, x: torch.Tensor) -> torch.Tensor:
    """The model's RMSNorm (normalise in float32, cast back, scale) with torch's fused kernel."""
    if x.dtype == torch.float32:
        return F.rms_norm(x, (x.shape[-1],), norm.weight, norm.eps)
    return norm.weight * F.rms_norm(x.float(), (x.shape[-1],), eps=norm.eps).to(x.dtype)


class InferenceModel:
    """A Transformer's weights driven by the engine: hidden states, logits and MTP drafts over a LatentCache.

    Positions are passed in explicitly and the cache's lengths are left alone: the engine decides how far
    each row advances (by 1, or by 2 when a speculative draft is accepted).
    """

    def __init__(self, model: Transformer, batch_invariant: bool = True):
        """batch_invariant=False runs plain matrix products instead (one GEMM per weight for the whole
        batch): faster for large batches, but a token's last bits then depend on its batch."""
        self.model = model.eval()
        self.batch_invariant = batch_invariant
        self.config = model.config
        self.device = model.embed_tokens.weight.device
        self.dtype = model.embed_tokens.weight.dtype
        self._derived: dict = {}  # weights rearranged for speed, keyed by the weights they come from

    def _derive(self, key: str, sources: tuple[torch.Tensor, ...], make) -> torch.Tensor:
        """make(*sources), cached until a source is replaced or changed in place (e.g. by an optimizer
        step between RL rollouts: tensors count their in-place changes in _version)."""
        stamp = tuple((t.data_ptr(), t._version) for t in sources)
        hit = self._derived.get((key, id(sources[0])))
        if hit is None or hit[0] != stamp:
            hit = (stamp, make(*sources))
            self._derived[(key, id(sources[0]))] = hit
        return hit[1]

    def _linear(self, x: torch.Tensor, *mods: nn.Linear) -> torch.Tensor:
        """Linears that read the same input, run as one stacked product; outputs concatenated."""
        if len(mods) == 1:
            return self._mm(x, mods[0].weight, mods[0].bias)
        weight = self._derive("stack", tuple(m.weight for m in mods), lambda *w: torch.cat(w))
        bias = None
        if any(m.bias is not None for m in mods):
            bias = torch.cat([m.bias if m.bias is not None else m.weight.new_zeros(len(m.weight)) for m in mods])
        return self._mm(x, weight, bias)

    def _mm(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
        return rowwise(x, weight, bias) if self.batch_invariant else F.linear(x, weight, bias)

    def _per_head(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return per_head(x, w) if self.batch_invariant else torch.einsum("nha,hab->nhb", x, w)

    @torch.inference_mode()
    def hidden(self, ids: torch.Tensor, positions: torch.Tensor, cache: LatentCache,
               rows: torch.Tensor) -> torch.Tensor:
        """ids, positions [B, S] of cache rows `rows` [B] -> final-norm hidden states [B, S, hidden]."""
        m = self.model
        x = m.embed_tokens(ids)
        cos, sin = m.rotary(positions, x.dtype)
        keys = self._keys(positions)
        for layer in m.layers:
            x = self._block(layer, x, cos, sin, cache, keys, rows)
        return rms_norm(m.norm, x)

    @torch.inference_mode()
    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """[..., hidden] -> float32 logits [..., vocab]."""
        return self._mm(hidden, self.model.lm_head.weight).float()

    @torch.inference_mode()
    def mtp_hidden(self, hidden: torch.Tensor, next_ids: torch.Tensor, positions: torch.Tensor,
                   cache: LatentCache, rows: torch.Tensor) -> torch.Tensor:
        """MTP module 1 at `positions`: main hidden at i [B, S, hidden] + the token at i + 1 [B, S] -> its
        own hidden state [B, S, hidden] (writing its attention layer's latents, in the same cache)."""
        m = self.model
        layer = m.mtp[0]
        emb = m.embed_tokens(next_ids)
        x = self._linear(torch.cat([rms_norm(layer.enorm, emb), rms_norm(layer.hnorm, hidden)], dim=-1),
                         layer.eh_proj)
        cos, sin = m.rotary(positions, x.dtype)
        return self._block(layer, x, cos, sin, cache, self._keys(positions), rows)

    @torch.inference_mode()
    def mtp_logits(self, mtp_hidden: torch.Tensor) -> torch.Tensor:
        """The MTP module's logits [..., vocab] for the token two places after its input position."""
        return self.logits(rms_norm(self.model.mtp[0].shared_head.norm, mtp_hidden))

    def _keys(self, positions: torch.Tensor) -> tuple:
        """What every layer's attention needs to know about the keys: positions [B, S], the number of
        key blocks to read, and the mask of keys each query may see [BS, 1, T] (computed once per forward)."""
        nb = -(-int(positions.max() + 1) // KEY_BLOCK)
        hidden = torch.arange(nb * KEY_BLOCK, device=positions.device) > positions.reshape(-1, 1, 1)
        return positions, nb, hidden

    # one decoder block, as DecoderLayer.forward, with the batch-invariant pieces below
    def _block(self, layer: DecoderLayer, x, cos, sin, cache, keys, rows):
        x = x + self._attention(layer.self_attn, rms_norm(layer.input_layernorm, x), cos, sin, cache, keys, rows)
        h = rms_norm(layer.post_attention_layernorm, x)
        return x + (self._moe(layer.mlp, h) if isinstance(layer.mlp, MoE) else self._mlp(layer.mlp, h))

    def _attention(self, a: MLA, x, cos, sin, cache: LatentCache, keys, rows) -> torch.Tensor:
        """MLA on the absorbed path (see model/attention.py), one query token at a time."""
        B, S, _ = x.shape
        positions, nb, hidden = keys
        H, nope, rope, r = a.n_heads, a.nope_dim, a.rope_dim, a.kv_lora_rank
        if a.q_lora_rank is None:
            q = self._linear(x, a.q_proj)
            kv, k_pe = self._linear(x, a.kv_a_proj_with_mqa).split([r, rope], dim=-1)
        else:
            q_a, kv, k_pe = self._linear(x, a.q_a_proj, a.kv_a_proj_with_mqa).split([a.q_lora_rank, r, rope], -1)
            q = self._linear(rms_norm(a.q_a_layernorm, q_a), a.q_b_proj)
        q_nope, q_pe = q.view(B, S, H, nope + rope).split([nope, rope], dim=-1)
        q_pe = apply_rope(q_pe, cos, sin, a.interleave)
        kv = rms_norm(a.kv_a_layernorm, kv)  # [B, S, r]
        k_pe = apply_rope(k_pe[:, :, None, :], cos, sin, a.interleave)[:, :, 0]  # [B, S, rope]
        L = a.layer_idx
        cache.kv[L][rows[:, None], positions] = kv.to(cache.kv.dtype)
        cache.pe[L][rows[:, None], positions] = k_pe.to(cache.pe.dtype)
        # Keys are read in whole blocks of KEY_BLOCK positions, each block its own fixed-shape product,
        # and the blocks are summed in order: the sums then never depend on how long the longest row is.
        T = nb * KEY_BLOCK
        w = a.kv_b_proj.weight
        w_uk = self._derive("w_uk", (w,), lambda w: w.view(H, nope + a.v_dim, r)[:, :nope].contiguous())
        w_uv = self._derive("w_uv", (w,), lambda w: w.view(H, nope + a.v_dim, r)[:, nope:].transpose(1, 2)
                            .contiguous())  # [H, r, v]
        q_lat = self._per_head(q_nope.reshape(B * S, H, nope), w_uk)  # W_UK folded into the query: [BS, H, r]
        q = torch.cat([q_lat, q_pe.reshape(B * S, H, rope)], dim=-1)  # [BS, H, r + rope]
        keys = torch.cat([cache.kv[L, rows, :T], cache.pe[L, rows, :T]], dim=-1).to(x.dtype)  # [B, T, r + rope]
        # every query token gets its own copy of its row's key blocks: [BS * nb, KEY_BLOCK, r + rope]
        keys = keys.view(B, 1, nb, KEY_BLOCK, r + rope).expand(B, S, nb, KEY_BLOCK, r + rope)
        keys = keys.reshape(B * S * nb, KEY_BLOCK, r + rope)
        q = q[:, None].expand(B * S, nb, H, r + rope).reshape(B * S * nb, H, r + rope)
        scores = torch.bmm(q, keys.transpose(1, 2)).view(B * S, nb, H, KEY_BLOCK)
        scores = scores.transpose(1, 2).reshape(B * S, H, T)  # [BS, H, T]
        scores = (scores * a.scale).masked_fill(hidden, float("-inf"))
        probs = scores.softmax(dim=-1, dtype=torch.float32).to(x.dtype)
        probs = probs.view(B * S, H, nb, KEY_BLOCK).transpose(1, 2).reshape(B * S * nb, H, KEY_BLOCK)
        parts = torch.bmm(probs, keys[..., :r]).view(B * S, nb, H, r)  # attention over latents, per block
        out = parts[:, 0]
        for j in range(1, nb):
            out = out + parts[:, j]  # [BS, H, r]
        out = self._per_head(out, w_uv)  # W_UV after the sum: [BS, H, v]
        return self._linear(out.reshape(B, S, H * a.v_dim), a.o_proj)

    def _mlp(self, m: MLP, x: torch.Tensor) -> torch.Tensor:
        gate, up = self._linear(x, m.gate_proj, m.up_proj).chunk(2, dim=-1)
        return self._linear(F.silu(gate) * up, m.down_proj)

    def _moe(self, m: MoE, x: torch.Tensor) -> torch.Tensor:
        B, S, Hd = x.shape
        flat = x.reshape(-1, Hd)
        n = flat.shape[0]
        padded = torch.cat([flat, flat.new_zeros(max(0, _GATE_ROWS - n), Hd)])
        weights, experts, _ = m.gate(padded)
        # each token's experts in increasing id: its expert outputs are always summed in that order
        experts, order = experts[:n].sort(dim=-1)
        weights = weights[:n].gather(1, order).to(flat.dtype)  # [n, k]
        gate_up, down = m.experts.gate_up_proj, m.experts.down_proj  # [E, 2 * inter, hidden], [E, hidden, inter]
        routed: dict[int, list[tuple[int, int]]] = {}  # expert -> its (token, slot) pairs
        for t, row in enumerate(experts.tolist()):
            for j, e in enumerate(row):
                routed.setdefault(e, []).append((t, j))
        out = torch.zeros_like(flat)
        for e in sorted(routed):  # one product per active expert over the tokens routed to it
            tokens, slots = zip(*routed[e])
            if n == 1:  # decoding one sequence: no gathering, no scattering
                gate, up = self._mm(flat, gate_up[e]).chunk(2, dim=-1)
                out = out + self._mm(F.silu(gate) * up, down[e]) * weights[:, slots[0], None]
                continue
            token = torch.tensor(tokens, device=flat.device)
            gate, up = self._mm(flat[token], gate_up[e]).chunk(2, dim=-1)
            y = self._mm(F.silu(gate) * up, down[e]) * weights[token, torch.tensor(slots, device=flat.device), None]
            out.index_add_(0, token, y)
        out = out.view(B, S, Hd)
        return out if m.shared_experts is None else out + self._mlp(m.shared_experts, x)
