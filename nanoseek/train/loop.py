"""The skeleton every training loop shares (pretraining, SFT and GRPO), written once.

    with TrainingLoop(tc, start=step, desc="grpo") as loop:
        while loop.running:
            ...one optimizer step...
            step += 1
            if loop.evaluating(step): record.update(validate())
            if loop.end_step(step, record, postfix={"loss": ...}):
                save_checkpoint(...)
    if loop.finished: save_release(...)

It owns the run directory and its train_config.json, the metrics log (metrics.jsonl + TensorBoard), the
progress bar, SIGINT/SIGTERM (checkpoint and exit after the current step) and the checkpoint cadence
(every tc.ckpt_every steps, at the last step and when stopping). The loops own what differs: their step.
Under torchrun every rank runs the loop; only the main rank (main=True) writes the config, log and bar.
"""

from __future__ import annotations

import dataclasses
import json
import signal
from pathlib import Path

from .metrics import MetricsLog


class StopFlag:
    """SIGINT/SIGTERM ask the loop to checkpoint and exit after the current step."""

    def __init__(self):
        self.requested = False
        self._old = {}

    def __enter__(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._old[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: no signal handling
                pass
        return self

    def _handle(self, signum, frame):
        self.requested = True

    def __exit__(self, *exc):
        for sig, handler in self._old.items():
            signal.signal(sig, handler)


class TrainingLoop:
    """tc: a run's config (a dataclass with out, steps, eval_every, ckpt_every, progress, tensorboard)."""

    def __init__(self, tc, start: int, desc: str, main: bool = True):
        self.tc, self.step, self.desc, self.main = tc, start, desc, main
        self.run = Path(tc.out)
        self.stopped = False  # asked to stop: checkpointed, not finished (resume continues)
        self.done = False  # finished before tc.steps: its budget (time or FLOPs) is spent
        self.log: MetricsLog | None = None
        self.bar = None
        self.stop = StopFlag()

    def __enter__(self) -> TrainingLoop:
        self.run.mkdir(parents=True, exist_ok=True)
        if self.main:
            (self.run / "train_config.json").write_text(json.dumps(dataclasses.asdict(self.tc), indent=2) + "\n")
            self.log = MetricsLog(self.run, resume_step=self.step, tensorboard=self.tc.tensorboard)
            if self.tc.progress:
                from tqdm import tqdm
                self.bar = tqdm(total=self.tc.steps, initial=self.step, desc=self.desc, unit="step",
                                dynamic_ncols=True)
        self.stop.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.__exit__(*exc)
        if self.bar is not None:
            self.bar.close()
        if self.log is not None:
            self.log.close()

    @property
    def running(self) -> bool:
        return self.step < self.tc.steps and not self.stopped and not self.done

    @property
    def stop_requested(self) -> bool:
        """This process was asked to stop (a distributed loop reduces it over ranks into end_step's `stopping`)."""
        return self.stop.requested

    @property
    def finished(self) -> bool:
        return self.done or self.step >= self.tc.steps

    def evaluating(self, step: int, last: bool = False) -> bool:
        """Evaluate after this step: on the cadence and after the last step (last: a budget ends the run here)."""
        return step % self.tc.eval_every == 0 or step == self.tc.steps or last

    def end_step(self, step: int, record: dict, postfix: dict | None = None, stopping: bool | None = None,
                 last: bool = False) -> bool:
        """Log the step and move the bar; True when a checkpoint is due: on the cadence, at the end, when stopping
        (stopping: this process's stop signal unless given; last: the run's budget is spent, it ends here)."""
        self.step = step
        stopping = self.stop.requested if stopping is None else stopping
        if self.log is not None:
            self.log.log(step, **record)
        if self.bar is not None:
            self.bar.set_postfix(**(postfix or {}))
            self.bar.update(1)
        self.stopped, self.done = stopping, last
        return step % self.tc.ckpt_every == 0 or step == self.tc.steps or stopping or last
