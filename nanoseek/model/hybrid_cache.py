"""DeepSeek-V4's decoding cache: what hybrid attention needs of the past, and no more.

Per layer (model/hybrid_attention.py):
  window       the last sliding_window - 1 latents and their positions (the next query sees those and itself);
  compressor   its entries so far, the tokens of the window still open (their projections C and Z, not yet
               pooled), and for CSA the first series (C^a, Z^a + B) of the last closed window, which the next
               entry pools;
  indexer      (CSA) the same for the indexer's small compressor: its entries are the indexer's keys.
So a sequence of n tokens keeps about (sliding_window + n / m) latents per layer instead of n. Rows advance in
lockstep (one length for the batch): prefill a batch of prompts of equal length, then decode a token per row.
The cache has LatentCache's interface (positions, context, advance), so `Transformer.forward(ids, cache)` runs
the same blocks as training over it.
"""

from __future__ import annotations

import torch

from ..config import ModelConfig
from .context import Context


class CompressorState:
    def __init__(self):
        self.open_kv = self.open_gate = None  # [B, < rate, width]: the open window's projections
        self.prev_kv = self.prev_gate = None  # [B, rate, dim]: C^a and Z^a + B of the last closed window (CSA)
        self.entries = None  # [B, entries, dim]
        self.count = 0  # entries emitted

    def take(self, kv: torch.Tensor, gate: torch.Tensor, rate: int) -> tuple[torch.Tensor, torch.Tensor, int]:
        """Append new projections to the open window; return the closed windows' [B, n * rate, width] and the
        index of their first entry. What stays open is kept."""
        if self.open_kv is not None:
            kv, gate = torch.cat([self.open_kv, kv], dim=1), torch.cat([self.open_gate, gate], dim=1)
        closed = kv.shape[1] // rate * rate
        self.open_kv, self.open_gate = kv[:, closed:], gate[:, closed:]
        return kv[:, :closed], gate[:, :closed], self.count

    def add(self, entries: torch.Tensor) -> torch.Tensor:
        self.entries = entries if self.entries is None else torch.cat([self.entries, entries], dim=1)
        self.count = self.entries.shape[1]
        return self.entries


class LayerState:
    def __init__(self, batch: int, head_dim: int, keep: int, dtype: torch.dtype, device):
        self.kv = torch.zeros(batch, 0, head_dim, dtype=dtype, device=device)
        self.pos = torch.zeros(batch, 0, dtype=torch.long, device=device)
        self.keep = keep
        self.compressor = CompressorState()
        self.indexer = CompressorState()

    def window(self, kv: torch.Tensor, positions: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The new latents [B, S, D] after the cached ones: keys [B, K + S, D] and their positions [B, K + S]."""
        keys, pos = torch.cat([self.kv, kv.to(self.kv.dtype)], dim=1), torch.cat([self.pos, positions], dim=1)
        start = max(0, keys.shape[1] - self.keep)
        self.kv, self.pos = keys[:, start:], pos[:, start:]
        return keys.to(kv.dtype), pos


class HybridCache:
    def __init__(self, cfg: ModelConfig, batch: int, max_len: int, dtype: torch.dtype = torch.float32,
                 device: torch.device | str | None = None):
        n_layers = cfg.num_hidden_layers + cfg.num_nextn_predict_layers
        self.layers = [LayerState(batch, cfg.head_dim, cfg.sliding_window - 1, dtype, device) for _ in range(n_layers)]
        self.batch, self.max_len, self.length, self.device = batch, max_len, 0, device

    def positions(self, seq_len: int, rows: torch.Tensor | None = None) -> torch.Tensor:
        self._all_rows(rows)
        if self.length + seq_len > self.max_len:
            raise ValueError(f"cache holds {self.max_len} tokens per sequence; writing {seq_len} more after "
                             f"{self.length} would overflow it")
        return torch.arange(self.length, self.length + seq_len, device=self.device).expand(self.batch, seq_len)

    def context(self, positions: torch.Tensor, rows: torch.Tensor | None = None, ops=None) -> Context:
        self._all_rows(rows)
        return Context(positions, kv=self.layers) if ops is None else Context(positions, kv=self.layers, ops=ops)

    def advance(self, seq_len: int, rows: torch.Tensor | None = None) -> None:
        self._all_rows(rows)
        self.length += seq_len

    def bytes_held(self) -> int:
        """Bytes the cache holds now (all rows, all layers)."""
        tensors = [layer.kv for layer in self.layers]
        for state in [s for layer in self.layers for s in (layer.compressor, layer.indexer)]:
            tensors += [state.entries, state.open_kv, state.open_gate, state.prev_kv, state.prev_gate]
        return sum(t.numel() * t.element_size() for t in tensors if t is not None)

    def _all_rows(self, rows: torch.Tensor | None) -> None:
        if rows is not None and not torch.equal(rows.cpu(), torch.arange(self.batch)):
            raise ValueError("DeepSeek-V4's cache advances all its rows together (one length per batch); "
                             f"got rows {rows.tolist()} of {self.batch}")
