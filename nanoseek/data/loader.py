"""Batches of token windows from a packed split: shuffled and resumable for training, in order for eval.

Training windows: each epoch cuts the split into n non-overlapping windows of seq_len + 1 tokens,
starting at a random shift in [0, seq_len) and visited in a random order, both drawn from (seed, epoch).
Sample g of the global stream (all ranks together) is window g % n of epoch g // n, and rank r of
world_size takes rows [r * batch_size, (r + 1) * batch_size) of each global batch. So:
  - the position is one integer (samples consumed), and a resumed run sees exactly the same batches;
  - ranks see disjoint windows within an epoch, and world_size=2 x batch 4 sees what 1 x batch 8 sees;
  - every token is seen about once per epoch, instead of sampling with replacement.
"""

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch

from nanoseek.data.shards import tokens


class Loader:
    """Endless (input_ids, targets) int64 batches, each [batch_size, seq_len], targets shifted by one."""

    def __init__(self, data_dir: str | Path, batch_size: int, seq_len: int, split: str = "train",
                 seed: int = 0, rank: int = 0, world_size: int = 1):
        if not 0 <= rank < world_size:
            raise ValueError(f"rank must be in [0, world_size={world_size}), got {rank}")
        self.tokens = tokens(data_dir, split)
        # Any shift < seq_len leaves room for n windows of seq_len + 1 tokens.
        self.windows = (len(self.tokens) - seq_len) // seq_len
        if self.windows < 1:
            raise ValueError(f"the {split} split has {len(self.tokens)} tokens; seq_len={seq_len} needs at "
                             f"least {2 * seq_len}: use more data or a shorter seq_len")
        self.batch_size, self.seq_len, self.seed = batch_size, seq_len, seed
        self.rank, self.world_size = rank, world_size
        self.sample = 0  # global samples consumed, by all ranks together
        self._epochs: dict[int, np.ndarray] = {}

    def _starts(self, epoch: int) -> np.ndarray:
        """Window start offsets of one epoch, in visiting order: [windows]."""
        if epoch not in self._epochs:
            rng = np.random.default_rng([self.seed, epoch])
            shift = rng.integers(self.seq_len)
            self._epochs = {e: s for e, s in self._epochs.items() if e >= epoch - 1}
            self._epochs[epoch] = shift + rng.permutation(self.windows) * self.seq_len
        return self._epochs[epoch]

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        return self

    def __next__(self) -> tuple[torch.Tensor, torch.Tensor]:
        first = self.sample + self.rank * self.batch_size
        rows = []
        for g in range(first, first + self.batch_size):
            start = self._starts(g // self.windows)[g % self.windows]
            rows.append(self.tokens[start:start + self.seq_len + 1])
        self.sample += self.batch_size * self.world_size
        x = torch.from_numpy(np.stack(rows).astype(np.int64))  # [batch, seq_len + 1]
        return x[:, :-1].contiguous(), x[:, 1:].contiguous()

    def state_dict(self) -> dict:
        """Where the stream stands; JSON-serialisable. Restoring it needs the same seed, seq_len and data."""
        return {"seed": self.seed, "seq_len": self.seq_len, "tokens": len(self.tokens), "sample": self.sample}

    def load_state_dict(self, state: dict) -> None:
        mine = self.state_dict()
        for key in ("seed", "seq_len", "tokens"):
            if state[key] != mine[key]:
                raise ValueError(f"cannot resume the data stream: saved {key}={state[key]}, this loader has "
                                 f"{key}={mine[key]}; resume with the same data and settings")
        self.sample = state["sample"]


def val_batches(data_dir: str | Path, batch_size: int, seq_len: int, split: str = "val", rank: int = 0,
                world_size: int = 1) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """One ordered pass over a split in non-overlapping windows; the last batch may be smaller.

    Window i starts at token i * seq_len; rank r takes windows r, r + world_size, ... of the first
    count - count % world_size, so that every rank runs as many batches (sharded models compute together).
    """
    ids = tokens(data_dir, split)
    count = (len(ids) - 1) // seq_len
    if count < world_size:
        raise ValueError(f"the {split} split has {len(ids)} tokens, fewer than seq_len + 1 = {seq_len + 1}"
                         + (f" for each of the {world_size} ranks" if world_size > 1 else ""))
    starts = np.arange(count - count % world_size)[rank::world_size] * seq_len
    for i in range(0, len(starts), batch_size):
        x = torch.from_numpy(np.stack([ids[s:s + seq_len + 1] for s in starts[i:i + batch_size]]).astype(np.int64))
        yield x[:, :-1].contiguous(), x[:, 1:].contiguous()
