"""DeepSeek-V4's decoding cache: what hybrid attention needs of the past, and no more, per row.

Per layer and cache row, fixed-size buffers indexed by position (model/hybrid_attention.py reads them):
  window       a ring of the last latents and their positions: slot p % R holds position p's latent;
  compressor   a ring of the last tokens' projections (C and Z, not yet pooled) covering the window still open and
               the one before it (CSA pools C^a of window w - 1 with C^b of window w), and the entries so far,
               entry w at index w;
  indexer      (CSA) the same for the indexer's small compressor: its entries are the indexer's keys.
So a sequence of n tokens keeps about (sliding_window + 2 m + slack + n / m) latents per layer instead of n.

Every row has its own length: a forward writes positions [B, S] of any rows, each row from its own start
(positions[:, 0]) on. What a row holds at or after that start is stale (a rejected speculative draft, the padding
of a batched prefill) and is never read: the window masks ring slots whose position is not below the start, the
compressor takes the tokens from the start on from the forward itself, and an entry is (re)computed in the forward
that holds its window's last token, so an entry closed by a rejected token is rewritten when the token at that
position is decoded again, before any query can see it. (The batch-invariant modes write the new latents into the
window ring first and attend over the ring itself, stale slots masked by position, so that a key sits in the same
place whatever the batch.) The caller (the engine, `Transformer.forward`) decides how far a row advances
(`lengths`); nothing here has to be undone. A row can also go back a little (`resumable`: prefix reuse).

slack: how many positions a forward may write past a row's real end (padding, a draft) without overwriting
what the row still needs: the rings keep that many slots more than the window and the open windows need. The
default, 2, covers a speculative draft; the engine passes its prefill chunk (it right-pads rows to a chunk). A
forward whose padding overran it is found by the next forward of that row (a clear error, not wrong logits).
"""

from __future__ import annotations

import torch

from ..config import ModelConfig
from .context import Context

FAR = -(2 ** 40)  # the position of a window slot never written (or stale): too far back for any query to see


class CompressorCache:
    """One compressor's buffers for every row: the ring of its last tokens' projections, its entries."""

    def __init__(self, batch: int, rate: int, width: int, dim: int, max_len: int, slack: int, dtype, device):
        self.rate = rate
        self.kv = torch.zeros(batch, 2 * rate + slack, width, dtype=dtype, device=device)
        self.gate = torch.zeros(batch, 2 * rate + slack, width, dtype=dtype, device=device)
        self.entries = torch.zeros(batch, (max_len + slack) // rate + 2, dim, dtype=dtype, device=device)

    def tensors(self) -> list[torch.Tensor]:
        return [self.kv, self.gate, self.entries]


class LayerCache:
    def __init__(self, cfg: ModelConfig, layer_idx: int, batch: int, max_len: int, slack: int, dtype, device):
        self.span, ring = cfg.sliding_window, cfg.sliding_window - 1 + slack
        self.kv = torch.zeros(batch, ring, cfg.head_dim, dtype=dtype, device=device)
        self.pos = torch.full((batch, ring), FAR, dtype=torch.long, device=device)
        rate = cfg.compress_rate(layer_idx)
        sparse = rate > 0 and cfg.layer_types[layer_idx] == "compressed_sparse_attention"
        width = 2 * cfg.head_dim if sparse else cfg.head_dim
        self.compressor = (CompressorCache(batch, rate, width, cfg.head_dim, max_len, slack, dtype, device)
                           if rate else None)
        self.indexer = (CompressorCache(batch, rate, 2 * cfg.index_head_dim, cfg.index_head_dim, max_len, slack,
                                        dtype, device) if sparse else None)

    def tensors(self) -> list[torch.Tensor]:
        return [self.kv, self.pos] + [t for c in (self.compressor, self.indexer) if c is not None for t in c.tensors()]


class Step:
    """One forward's rows [B], their starts [B] (first position written), tokens per row and the end (one past
    the last position any query of the forward has). window: a layer's window ring, checked to hold every position
    the rows' first queries see (what a forward writing more than slack positions past a row's end destroys)."""

    def __init__(self, positions: torch.Tensor, rows: torch.Tensor, window: LayerCache, span: int, slack: int):
        self.rows, self.start, self.seq_len = rows, positions[:, 0], positions.shape[1]
        held = window.pos[rows]
        wanted = (held < self.start[:, None]) & (held > self.start[:, None] - span)
        missing = torch.minimum(self.start, torch.full_like(self.start, span - 1)) - wanted.sum(1)
        end, lost = torch.stack([positions.max() + 1, missing.max()]).tolist()
        if lost > 0:
            raise ValueError(f"cache rows {rows.tolist()} lost positions of their sliding window: a forward wrote more "
                             f"than slack = {slack} positions past a row's end (padding); make the HybridCache with a "
                             "slack of at least the longest padding")
        self.end = end


class CompressorView:
    """A compressor's buffers as one forward sees them (`Compressor.forward` in model/hybrid_attention.py)."""

    def __init__(self, cache: CompressorCache, step: Step):
        self.cache, self.step = cache, step

    def gather(self, kv: torch.Tensor, gate: torch.Tensor, overlap: bool):
        """The new tokens' projections kv, gate [B, S, width] -> the whole windows around them [B, n m, width]
        (from the ring before the start, from kv and gate after it; before position 0, kv 0 and gate -inf, as no
        window precedes window 0), and the index [B, 1] of the first of them. With overlap the window before the
        start's comes first (CSA's entries pool it). The new tokens go into the ring."""
        c, st = self.cache, self.step
        B, S, width = kv.shape
        m, ring = c.rate, c.kv.shape[1]
        first = st.start // m - int(overlap)  # [B]
        n = -(-((1 + int(overlap)) * m - 1 + S) // m)
        P = first[:, None] * m + torch.arange(n * m, device=kv.device)  # [B, n m]: the positions gathered
        new = P >= st.start[:, None]
        j = (P - st.start[:, None]).clamp(0, S - 1)[..., None].expand(B, n * m, width)
        slots = st.rows[:, None], P % ring
        kv_all = torch.where(new[..., None], kv.gather(1, j), c.kv[slots].to(kv.dtype))
        gate_all = torch.where(new[..., None], gate.gather(1, j), c.gate[slots].to(gate.dtype))
        before = (P < 0)[..., None]
        kv_all, gate_all = kv_all.masked_fill(before, 0.0), gate_all.masked_fill(before, float("-inf"))
        keep = min(S, ring)  # the last tokens only: two of the new ones never share a slot
        own = st.rows[:, None], (st.start[:, None] + torch.arange(S - keep, S, device=kv.device)) % ring
        c.kv[own], c.gate[own] = kv[:, S - keep:].to(c.kv.dtype), gate[:, S - keep:].to(c.gate.dtype)
        return kv_all, gate_all, first[:, None]

    def store(self, entries: torch.Tensor, first: torch.Tensor) -> torch.Tensor:
        """The gathered windows' entries [B, n, dim] (window first + i at i): those whose last token is one of this
        forward's are written -> every entry a query of the forward may see [B, end // rate, dim]."""
        c, st = self.cache, self.step
        m, trash = c.rate, c.entries.shape[1] - 1  # the last index takes the windows not written
        w = first + torch.arange(entries.shape[1], device=entries.device)  # [B, n]
        last = (w + 1) * m - 1
        written = (last >= st.start[:, None]) & (last < st.start[:, None] + st.seq_len) & (w < trash)
        c.entries[st.rows[:, None], torch.where(written, w, trash)] = entries.to(c.entries.dtype)
        return c.entries[st.rows, : min(st.end // m, trash)].to(entries.dtype)


class LayerView:
    """A layer's cache as one forward sees it (HybridAttention.forward)."""

    def __init__(self, cache: LayerCache, step: Step):
        self.cache, self.step = cache, step
        self.compressor = cache.compressor and CompressorView(cache.compressor, step)
        self.indexer = cache.indexer and CompressorView(cache.indexer, step)

    def window(self, kv: torch.Tensor, positions: torch.Tensor,
               in_place: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
        """The new latents [B, S, D] after the ring's: keys [B, R + S, D] and their positions [B, R + S] (a slot
        at or after the row's start, stale, at FAR). The new latents go into the ring. in_place: written first, and
        the keys are the ring's [B, R, D] (each position in its own slot), where the ring holds every key the
        queries see (S <= slack; else as without)."""
        c, st = self.cache, self.step
        S, ring = kv.shape[1], c.kv.shape[1]
        keep = min(S, ring)
        own = st.rows[:, None], positions[:, S - keep:] % ring
        if in_place and S <= ring - c.span + 1:
            c.kv[own], c.pos[own] = kv[:, S - keep:].to(c.kv.dtype), positions[:, S - keep:]
            return c.kv[st.rows].to(kv.dtype), c.pos[st.rows]
        cached = c.pos[st.rows]
        cached = torch.where(cached < st.start[:, None], cached, FAR)
        keys, pos = torch.cat([c.kv[st.rows].to(kv.dtype), kv], dim=1), torch.cat([cached, positions], dim=1)
        c.kv[own], c.pos[own] = kv[:, S - keep:].to(c.kv.dtype), positions[:, S - keep:]
        return keys, pos


class HybridCache:
    def __init__(self, cfg: ModelConfig, batch: int, max_len: int, dtype: torch.dtype = torch.float32,
                 device: torch.device | str | None = None, slack: int = 2):
        n_layers = cfg.num_hidden_layers + cfg.num_nextn_predict_layers
        self.layers = [LayerCache(cfg, i, batch, max_len, slack, dtype, device) for i in range(n_layers)]
        self.lengths = torch.zeros(batch, dtype=torch.long, device=device)
        self.batch, self.max_len, self.slack, self.window = batch, max_len, slack, cfg.sliding_window

    def positions(self, seq_len: int, rows: torch.Tensor | None = None) -> torch.Tensor:
        """Positions [len(rows), seq_len] of the next seq_len tokens of the given rows (default: all)."""
        lengths = self.lengths if rows is None else self.lengths[rows]
        if int(lengths.max()) + seq_len > self.max_len:
            raise ValueError(f"cache holds {self.max_len} tokens per sequence; writing {seq_len} more after "
                             f"{int(lengths.max())} would overflow it")
        return lengths[:, None] + torch.arange(seq_len, device=self.lengths.device)

    def context(self, positions: torch.Tensor, rows: torch.Tensor | None = None, ops=None) -> Context:
        """The Context of a forward writing positions [B, S] (consecutive per row, from each row's start on) of
        cache rows `rows` (default: row i for entry i)."""
        if rows is None:
            rows = torch.arange(positions.shape[0], device=positions.device)
        step = Step(positions, rows, self.layers[0], self.window, self.slack)
        kv = [LayerView(layer, step) for layer in self.layers]
        return Context(positions, kv=kv, rows=rows) if ops is None else Context(positions, kv=kv, rows=rows, ops=ops)

    def advance(self, seq_len: int, rows: torch.Tensor | None = None) -> None:
        if rows is None:
            self.lengths += seq_len
        else:
            self.lengths[rows] += seq_len

    def resumable(self, row: int, length: int) -> bool:
        """Whether row can go on from its first `length` tokens (what follows dropped, e.g. to reuse a prompt's
        prefix): its rings still hold the positions before `length` that the next queries and windows need, i.e.
        it wrote nothing more than slack positions after `length`."""
        written = max(int(layer.pos[row].max()) for layer in self.layers)
        return length == 0 or length > written - self.slack

    def fork(self, src: int, dst: torch.Tensor) -> None:
        """Copy row src's state into rows dst (G samples of one prompt share its prefill)."""
        for layer in self.layers:
            for t in layer.tensors():
                t[dst] = t[src:src + 1].clone()
        self.lengths[dst] = int(self.lengths[src])

    def bytes_held(self) -> int:
        """Bytes the cache holds (all rows, all layers)."""
        return sum(t.numel() * t.element_size() for layer in self.layers for t in layer.tensors())
