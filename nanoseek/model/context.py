"""What one forward of the network needs besides its tokens, bundled so the blocks read like the paper.

`Transformer.hidden_states` fills in the rotary tables; the rest comes from the caller:
  training           nothing: positions 0..S-1, causal attention, plain ops;
  packed sequences   positions [B, S] and an attention function (GRPO's shared prompts, train/grpo.py);
  decoding           a LatentCache's latents, its rows, and which cached keys each query sees
                     (`LatentCache.context`);
  the engine         the same, with the Ops of its mode (model/ops.py) and, compiled, the model's forward
                     traced with all of it as inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from .ops import PLAIN, Ops


@dataclass
class Context:
    positions: torch.Tensor  # [B, S]: each token's position in its sequence
    kv: list | None = None  # a LatentCache's per-layer latents [rows, len, kv_lora_rank] (None: no cache);
    # DeepSeek-V4: a HybridCache's per-layer states (model/hybrid_cache.py)
    pe: list | None = None  # and its per-layer RoPE keys [rows, len, qk_rope_head_dim]
    rows: torch.Tensor | None = None  # [B]: the cache row of each batch entry
    visible: torch.Tensor | None = None  # [B, S, T]: the cached keys 0..T-1 each query sees
    attention: Callable | None = None  # no cache: (q, k, v, scale) -> out over [B, heads, S, dim]; default causal
    ops: Ops = PLAIN
    cos: torch.Tensor | None = None  # [B, S, rope / 2], filled in by the model
    sin: torch.Tensor | None = None
    token_ids: torch.Tensor | None = None  # [B, S], filled in by the model: DeepSeek-V4's hash-routed MoE layers
    index_k: list | None = None  # DeepSeek-V3.2: a LatentCache's per-layer indexer keys [rows, len, index_head_dim]
    row_slice: slice | None = None  # `rows` as a slice, where they are consecutive: the keys read back are views

    def _rows(self) -> torch.Tensor | slice:
        """The rows to read back: a slice where there is one (a view), else the row tensor (a copy)."""
        return self.rows if self.row_slice is None else self.row_slice

    def write(self, layer: int, kv: torch.Tensor, pe: torch.Tensor,
              chosen: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """Store a layer's latents [B, S, *] at the positions of the rows; return those rows' keys [B, T, *] that
        `visible` covers, or only those at positions chosen [B, S, k] for each query, [B, S, k, *] (DeepSeek-V3.2:
        read from the cache, not from a copy of all T). (Per-layer tensors, not the cache's 4-D ones: compiled, the
        write is then an in-place update of an input, not a copy of the whole cache.)"""
        B, S = self.positions.shape
        index = self.rows[:, None].expand(B, S)
        self.kv[layer][index, self.positions] = kv.to(self.kv[layer].dtype)
        self.pe[layer][index, self.positions] = pe.to(self.pe[layer].dtype)
        if chosen is not None:
            rows = self.rows[:, None, None]
            return self.kv[layer][rows, chosen], self.pe[layer][rows, chosen]
        T = self.visible.shape[-1]
        return self.kv[layer][self._rows(), :T], self.pe[layer][self._rows(), :T]

    def write_index(self, layer: int, k: torch.Tensor) -> torch.Tensor:
        """Store a layer's indexer keys [B, S, index_head_dim] as `write` stores latents; return the rows' [B, T, *]."""
        B, S = self.positions.shape
        self.index_k[layer][self.rows[:, None].expand(B, S), self.positions] = k.to(self.index_k[layer].dtype)
        return self.index_k[layer][self._rows(), : self.visible.shape[-1]]
