"""Run metrics: one JSON line per record (metrics.jsonl) and the same scalars in TensorBoard (tb/)."""

from __future__ import annotations

import json
import time
from pathlib import Path

METRICS = "metrics.jsonl"


def read_metrics(run_dir: str | Path) -> list[dict]:
    path = Path(run_dir) / METRICS
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class MetricsLog:
    def __init__(self, run_dir: str | Path, resume_step: int | None = None, tensorboard: bool = True):
        self.path = Path(run_dir) / METRICS
        if resume_step is not None:  # forget what was logged after the checkpoint we resume from
            kept = [r for r in read_metrics(run_dir) if r["step"] <= resume_step]
            self.path.write_text("".join(json.dumps(r) + "\n" for r in kept))
        self.file = self.path.open("a")
        self.tb = None
        if tensorboard:
            from torch.utils.tensorboard import SummaryWriter
            self.tb = SummaryWriter(str(Path(run_dir) / "tb"), purge_step=resume_step)

    def log(self, step: int, **values) -> None:
        record = {"step": step, "time": round(time.time(), 3), **values}
        self.file.write(json.dumps(record) + "\n")
        self.file.flush()
        if self.tb is not None:
            for k, v in values.items():
                if isinstance(v, (int, float)):
                    self.tb.add_scalar(k, v, step)

    def close(self) -> None:
        self.file.close()
        if self.tb is not None:
            self.tb.close()
