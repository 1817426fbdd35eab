"""Training checkpoints: a release-clean model directory plus the trainer's state beside it, written atomically.

    run/checkpoint/        config.json, model.safetensors, tokenizer files  (loads with nanoseek.load)
                           trainer_state.pt  (optimizer, step, data position, RNG; tensors and plain data)
A run with several ranks writes DCP shards there instead (nanoseek/train/distributed.py); loading accepts both.
A new checkpoint is written to a temporary directory and renamed into place; the previous one is moved
aside first and deleted last, so a crash at any moment leaves a complete checkpoint on disk. A write that
fails (a full disk) removes its temporary directory and says that the previous checkpoint is intact; the
temporary directory of a run killed mid-write (`.checkpoint.tmp-<pid>`, its process gone) is removed by
the next save or resume. The trainer state is read with torch.load(weights_only=True): no code is ever
unpickled.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import torch

from ..checkpoint import CheckpointError, copy_tokenizer, load, save
from ..model import Transformer

TRAINER_STATE = "trainer_state.pt"


def save_checkpoint(run_dir: str | Path, model: Transformer, state: dict, tokenizer_dir: str | Path | None = None,
                    name: str = "checkpoint") -> Path:
    run_dir = Path(run_dir)
    final = run_dir / name
    remove_stale_tmp(run_dir, name)
    tmp = run_dir / f".{name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        save(model, tmp)
        if tokenizer_dir is not None:
            copy_tokenizer(tokenizer_dir, tmp)
        torch.save(state, tmp / TRAINER_STATE)
    except (OSError, RuntimeError) as e:  # torch.save reports a full disk as RuntimeError
        shutil.rmtree(tmp, ignore_errors=True)
        kept = f"the previous checkpoint {final} is intact" if (final / TRAINER_STATE).exists() else \
            "there was no previous checkpoint"
        raise OSError(f"writing the checkpoint to {tmp} failed ({type(e).__name__}: {e}); {kept}. Free disk "
                      "space and resume with --resume") from e
    replace_dir(tmp, final)
    return final


def remove_stale_tmp(run_dir: Path, name: str = "checkpoint") -> list[Path]:
    """Delete `.<name>.tmp-<pid>` directories whose process is gone (a run killed while writing)."""
    removed = []
    for tmp in Path(run_dir).glob(f".{name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def replace_dir(new: Path, final: Path) -> None:
    """Rename `new` to `final`; the previous `final` is moved aside first and deleted last (see the top)."""
    old = final.with_name(final.name + ".old")
    if final.exists():
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def save_release(run_dir: str | Path, model: Transformer, tokenizer_dir: str | Path | None) -> Path:
    """The finished run's model as a clean release: run_dir/final, weights and tokenizer, no trainer state."""
    final = save(model, Path(run_dir) / "final")
    if tokenizer_dir is not None:
        copy_tokenizer(tokenizer_dir, final)
    return final


def latest_checkpoint(run_dir: str | Path, name: str = "checkpoint") -> Path:
    """The checkpoint to resume from (the moved-aside one if a crash came between the two renames)."""
    run_dir = Path(run_dir)
    remove_stale_tmp(run_dir, name)
    for candidate in (run_dir / name, run_dir / f"{name}.old"):
        if (candidate / TRAINER_STATE).exists():
            return candidate
    raise CheckpointError(f"no checkpoint to resume from in {run_dir} (expected {run_dir / name}/"
                          f"{TRAINER_STATE}); start without --resume or point --out at the run directory")


def is_sharded(path: str | Path) -> bool:
    """A torch.distributed.checkpoint (DCP) directory, rather than config.json + safetensors?"""
    return (Path(path) / ".metadata").exists()


def load_for_training(path: str | Path, device: str | torch.device) -> Transformer:
    """The fp32 model in train mode of a release directory or of a DCP (sharded) checkpoint directory."""
    if is_sharded(path):
        from .distributed import load_sharded_model  # torch.distributed only when it is needed
        return load_sharded_model(path, device)
    return load(path, dtype=torch.float32, device=device).train()


def load_checkpoint(path: str | Path, device: str | torch.device) -> tuple[Transformer, dict]:
    """The fp32 model (train mode) and the trainer state of a checkpoint directory (plain or DCP).

    A DCP state has no "optimizer" but "dcp", the directory: the optimizer is loaded once the model is
    split across ranks (distributed.restore_optimizer)."""
    path = Path(path)
    model = load_for_training(path, device)
    try:
        state = torch.load(path / TRAINER_STATE, map_location=device, weights_only=True)
    except Exception as e:  # a truncated or foreign file: say which, keep everything on disk as it is
        raise CheckpointError(f"{path / TRAINER_STATE} is unreadable (truncated or corrupt?): {e}") from None
    if not isinstance(state, dict) or "step" not in state:
        raise CheckpointError(f"{path / TRAINER_STATE} does not hold a nanoseek trainer state")
    if "optimizer" not in state:
        state["dcp"] = str(path)
    return model, state
