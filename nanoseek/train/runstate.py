"""Training checkpoints: a release-clean model directory plus the trainer's state beside it, written atomically.

    run/checkpoint/        config.json, model.safetensors, tokenizer files  (loads with nanoseek.load)
                           trainer_state.pt  (optimizer, step, data position, RNG; tensors and plain data)
A run with several ranks (or --dcp) writes torch.distributed.checkpoint (DCP) shards there instead: every rank
its own, rank 0 the metadata, config.json, the tokenizer and trainer_state.pt. DCP reshards on load, so a
checkpoint written by N ranks resumes on M, one included; loading accepts both layouts, and `nanoseek convert`
turns one into the other (dcp_to_release, release_to_dcp).
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
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import (
    StateDictOptions,
    get_model_state_dict,
    get_optimizer_state_dict,
    set_model_state_dict,
    set_optimizer_state_dict,
)
from torch.distributed.fsdp import FSDPModule

from ..checkpoint import CheckpointError, copy_tokenizer, load, save
from ..config import ModelConfig
from ..model import Transformer

TRAINER_STATE = "trainer_state.pt"


def save_checkpoint(run_dir: str | Path, model: Transformer, trainer: dict, tokenizer_dir: str | Path | None = None,
                    optimizer: torch.optim.Optimizer | None = None, world=None, sharded: bool = False,
                    name: str = "checkpoint") -> Path:
    """The run's checkpoint, atomically: plain (release weights + trainer_state.pt, the optimizer's state in it), or
    DCP shards of every rank (`sharded`; `world`: train.distributed.World) with rank 0's trainer_state.pt."""
    state = {**trainer, "optimizer": optimizer.state_dict()} if optimizer is not None and not sharded else trainer
    if sharded:
        return _save_sharded(run_dir, model, optimizer, state, tokenizer_dir, world)
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
        return load_sharded_model(path, device)
    return load(path, dtype=torch.float32, device=device).train()


def load_checkpoint(path: str | Path, device: str | torch.device) -> tuple[Transformer, dict]:
    """The fp32 model (train mode) and the trainer state of a checkpoint directory (plain or DCP).

    A DCP state has no "optimizer" but "dcp", the directory: the optimizer is loaded once the model is
    split across ranks (restore_optimizer)."""
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


# DCP: the layout of multi-rank checkpoints
def _save_sharded(run_dir, model: Transformer, optimizer, trainer: dict, tokenizer_dir, world) -> Path:
    """Every rank writes its shards under one temporary name; rank 0 renames it into place once all have."""
    tmp = Path(run_dir) / ".checkpoint.tmp"  # one name all ranks agree on; a killed run's leftover goes here
    if world.main:
        shutil.rmtree(tmp, ignore_errors=True)
    world.barrier()
    dcp.save({"model": get_model_state_dict(model), "optimizer": get_optimizer_state_dict(model, optimizer)},
             checkpoint_id=tmp)
    world.barrier()  # every rank's shards are on disk
    final = Path(run_dir) / "checkpoint"
    if world.main:
        describe(tmp, model.config, tokenizer_dir)
        torch.save(trainer, tmp / TRAINER_STATE)
        replace_dir(tmp, final)
    world.barrier()
    return final


def describe(path: Path, cfg: ModelConfig, tokenizer_dir: str | Path | None) -> None:
    """config.json and the tokenizer beside DCP shards, so the directory is complete on its own."""
    cfg.save(path / "config.json")
    if tokenizer_dir is not None:
        copy_tokenizer(tokenizer_dir, path)


def load_sharded_model(path: str | Path, device: str | torch.device) -> Transformer:
    """The whole fp32 model (train mode) of a DCP directory, whatever number of ranks wrote it (collective)."""
    path = Path(path)
    with torch.device(device):
        model = Transformer(ModelConfig.load(path / "config.json"))
    sd = {"model": get_model_state_dict(model)}
    dcp.load(sd, checkpoint_id=path)
    set_model_state_dict(model, sd["model"])
    return model.train()


def restore_optimizer(model: Transformer, optimizer: torch.optim.Optimizer, state: dict) -> None:
    """A resumed run's optimizer state, whichever layout wrote it and however the model is split now."""
    if "optimizer" not in state:  # DCP: this rank's part, resharded
        sd = {"optimizer": get_optimizer_state_dict(model, optimizer)}
        dcp.load(sd, checkpoint_id=state["dcp"])
        set_optimizer_state_dict(model, optimizer, sd["optimizer"])
    elif not isinstance(model, FSDPModule):
        optimizer.load_state_dict(state["optimizer"])
    else:  # a single-process checkpoint resumed by several ranks: name the parameters, then shard
        names = {id(p): n for n, p in model.named_parameters()}
        order = [names[id(p)] for group in optimizer.param_groups for p in group["params"]]
        saved = state["optimizer"]
        full = {"state": {order[i]: s for i, s in saved["state"].items()},
                "param_groups": [{**g, "params": [order[i] for i in g["params"]]} for g in saved["param_groups"]]}
        set_optimizer_state_dict(model, optimizer, full, options=StateDictOptions(full_state_dict=True))


# conversion between DCP and the release format
def dcp_to_release(src: str | Path, out: str | Path) -> Path:
    """A DCP checkpoint's weights as a release directory (config.json + safetensors + tokenizer)."""
    if not is_sharded(src):
        raise CheckpointError(f"{src} is not a DCP checkpoint (no .metadata in it); a release directory "
                              "(config.json + safetensors) converts the other way, with --to-dcp")
    model = load_sharded_model(src, "cpu")
    save(model, out)
    copy_tokenizer(src, out)
    return Path(out)


def release_to_dcp(src: str | Path, out: str | Path) -> Path:
    """A release directory's weights as DCP shards, the layout of multi-rank checkpoints (--init reads both)."""
    model = load(src, dtype=torch.float32, device="cpu")
    dcp.save({"model": get_model_state_dict(model)}, checkpoint_id=out)
    describe(Path(out), model.config, src)
    return Path(out)
