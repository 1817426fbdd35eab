"""Pretraining: next-token + MTP loss, AdamW, bf16 autocast, auxiliary-loss-free balancing, exact resume.

One step = grad_accum micro-batches of [batch_size, seq_len] tokens, gradient clipping, an AdamW step, then
the expert-bias update (DeepSeek-V3's auxiliary-loss-free balancing, speed gamma). Every ckpt_every steps
(and on SIGINT/SIGTERM, and at the end) the run directory gets an atomic checkpoint holding the weights,
optimizer, step, data position and RNG, so `resume=True` continues exactly: the loss at step k after a
resume equals the loss at step k of an uninterrupted run with the same seed.

Under torchrun the same loop runs on every rank (nanoseek/train/distributed.py): the model is split with
FSDP2 (and expert parallelism), each rank reads its own slice of the data, the logged loss is the mean over
ranks and tokens/s and MFU count every rank; rank 0 writes the log, the report and the release.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from ..data.loader import Loader, val_batches
from ..data.shards import bytes_per_token, load_manifest
from ..model import Transformer
from ..presets import get_preset
from ..tokenizer import Tokenizer
from .distributed import (
    World,
    clip_grad_norm,
    distributed,
    full_model,
    parallelize,
    reduce_expert_load,
    set_gradient_sync,
)
from .flops import measure_matmul_peak, model_flops_per_token
from .loop import TrainingLoop
from .optim import lr_factor, make_optimizer
from .runstate import (
    latest_checkpoint,
    load_checkpoint,
    load_for_training,
    restore_optimizer,
    save_checkpoint,
    save_release,
)


@dataclass
class PretrainConfig:
    data: str = "runs/data"  # a directory written by `nanoseek data`
    out: str = "runs/pretrain"  # the run directory
    preset: str = "tiny"
    init: str | None = None  # start from this checkpoint's weights instead of a fresh preset
    yarn_factor: float | None = None  # with init: extend its context this many times by YaRN (DeepSeek-V3's 4K->32K)
    steps: int = 500
    batch_size: int = 16
    seq_len: int = 256
    grad_accum: int = 1
    lr: float = 3e-3
    optimizer: str = "adamw"  # or "muon" (Muon for the hidden matrices, AdamW for the rest: train/optim.py)
    min_lr_ratio: float = 0.1
    warmup: int = 30
    schedule: str = "cosine"  # or "wsd"
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    dtype: str = "auto"  # bf16 autocast, fp32, or auto: bf16 on GPUs and on CPUs where it measures faster
    mtp_weight: float = 0.3  # lambda of the MTP loss (DeepSeek-V3: 0.3, then 0.1)
    bias_update_speed: float = 0.001  # gamma of the auxiliary-loss-free balancing
    aux_loss_alpha: float = 0.0001  # the sequence-wise balance loss (DeepSeek-V3: 0.0001)
    # DeepSeek-V3.2: first steps dense, training only the indexers (KL), then sparse. With --init a DeepSeek-V3
    # checkpoint and a V3.2 --preset: the checkpoint's weights plus new indexers shaped as the preset's (as DeepSeek
    # continued training V3.1 into V3.2)
    indexer_warmup: int = 0
    eval_every: int = 100
    eval_batches: int = 16
    ckpt_every: int = 100
    seed: int = 0
    max_seconds: float | None = None  # a budget: the run ends (finished) once its training steps took this long
    max_flops: float | None = None  # a budget: ... once its training steps computed this many FLOPs
    overrides: dict = dataclasses.field(default_factory=dict)  # ModelConfig fields over the preset's (ablate)
    compile: bool = False
    fp8: bool = False  # FP8 GEMMs in the linear layers and routed experts (quant/fp8_train.py; Hopper, else simulated)
    device: str | None = None  # default: cuda if available, else cpu (under torchrun: cuda:LOCAL_RANK)
    expert_parallel: bool = False  # under torchrun: split the routed experts across ranks, tokens go to them
    dcp: bool = False  # sharded torch.distributed.checkpoint checkpoints (always so with several ranks)
    resume: bool = False
    progress: bool = True
    tensorboard: bool = True


def pick_device(name: str | None) -> torch.device:
    return torch.device(name or ("cuda" if torch.cuda.is_available() else "cpu"))


def choose_dtype(dtype: str, device: torch.device) -> tuple[str, dict[str, float], float]:
    """Resolve "auto" and measure the matmul peaks that MFU is computed against -> (dtype, peaks, cpu share).

    CPUs differ: with AMX a bf16 matmul runs ~5x faster than fp32; without it (AVX-512 only) bf16 can be
    several times slower. So on a CPU "auto" measures both and takes bf16 only when it is clearly faster.
    The share is the share of its cores' time the chosen dtype's measurement had (flops.measure_matmul_peak): below
    flops.BUSY_SHARE, other processes were running and the peak, and any MFU divided by it, is not to be trusted.
    """
    infos = {"fp32": {}, "bf16": {}}
    peaks = {k: measure_matmul_peak(torch.float32 if k == "fp32" else torch.bfloat16, str(device), seconds=0.5,
                                    info=info) for k, info in infos.items()}
    if dtype == "auto":
        dtype = "bf16" if device.type == "cuda" or peaks["bf16"] > 1.5 * peaks["fp32"] else "fp32"
    if dtype not in peaks:
        raise ValueError(f"dtype must be 'auto', 'bf16' or 'fp32'; got {dtype!r}")
    return dtype, peaks, infos[dtype]["cpu_share"]  # (a bf16 product without bf16 kernels may use one thread)


def autocast(device: torch.device, dtype: str):
    if dtype == "fp32":
        return contextlib.nullcontext()
    return torch.autocast(device.type, dtype=torch.bfloat16)


@torch.no_grad()
def evaluate(model: Transformer, data: str, seq_len: int, batch_size: int, max_batches: int,
             device: torch.device, dtype: str = "fp32", world: World | None = None) -> dict:
    """Validation loss (nats/token of the main head) and bits per byte over the first max_batches (per rank)."""
    world = world or World(device)
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    for i, (x, y) in enumerate(val_batches(data, batch_size, seq_len, rank=world.rank, world_size=world.size)):
        if i >= max_batches:
            break
        with autocast(device, dtype):
            logits = model(x.to(device))
        total += float(F.cross_entropy(logits.flatten(0, 1).float(), y.to(device).flatten(), reduction="sum"))
        count += y.numel()
    model.train(was_training)
    total, count = world.sum([total, count])
    loss = total / count
    return {"val_loss": loss, "val_bpb": loss / math.log(2) / bytes_per_token(data)}


def schedule_position(tc: PretrainConfig, step: int, seconds: float, flops: float) -> float:
    """Where the learning-rate schedule stands: the step, or under a budget (max_seconds / max_flops) the share
    of the budget spent, mapped onto the steps after the warm-up, so that every run of a study decays fully."""
    spent = max(seconds / tc.max_seconds if tc.max_seconds else 0.0, flops / tc.max_flops if tc.max_flops else 0.0)
    if step < tc.warmup or not (tc.max_seconds or tc.max_flops):
        return step
    return tc.warmup + min(1.0, spent) * (tc.steps - tc.warmup)


def build_model(tc: PretrainConfig, manifest: dict, device: torch.device) -> Transformer:
    if tc.init:
        model = load_for_training(tc.init, device)
        saved = Path(tc.init) / "tokenizer.json"
        if saved.is_file() and Tokenizer.load(tc.init).fingerprint() != manifest.get("tokenizer_sha256"):
            raise ValueError(f"the data in {tc.data} was tokenized by another tokenizer than {tc.init}'s: build it "
                             f"with that one (`nanoseek data --tokenizer {tc.init}`)")
        preset = get_preset(tc.preset)
        if preset.sparse and not model.config.sparse:
            model = add_indexers(model, preset)
        if tc.yarn_factor:  # the long-context stage: same weights, YaRN's rotary tables and softmax scale
            extended = Transformer(model.config.extended(tc.yarn_factor)).to(device)
            extended.load_state_dict(model.state_dict())
            model = extended
    else:
        if tc.yarn_factor:
            raise ValueError("--yarn-factor extends the context of a trained model: give it one with --init")
        cfg = get_preset(tc.preset).replace(**{"aux_loss_alpha": tc.aux_loss_alpha, **tc.overrides},
                                            vocab_size=manifest["vocab_size"],
                                            bos_token_id=manifest.get("bos_id", 0),
                                            eos_token_id=manifest.get("eos_id", 1))
        model = Transformer(cfg).to(device)
    if model.config.vocab_size != manifest["vocab_size"]:
        raise ValueError(f"the model's vocab_size is {model.config.vocab_size} but the data in {tc.data} was "
                         f"tokenized with {manifest['vocab_size']} tokens")
    if tc.seq_len > model.config.max_position_embeddings:
        raise ValueError(f"seq_len {tc.seq_len} exceeds max_position_embeddings {model.config.max_position_embeddings}")
    return model.train()


def add_indexers(model: Transformer, like) -> Transformer:
    """A DeepSeek-V3 model's weights in a DeepSeek-V3.2 model whose indexers (shaped as config `like`'s) are new."""
    cfg = model.config.replace(model_type="deepseek_v32", index_n_heads=like.index_n_heads,
                               index_head_dim=like.index_head_dim, index_topk=like.index_topk)
    sparse = Transformer(cfg).to(next(model.parameters()).device)
    missing, unexpected = sparse.load_state_dict(model.state_dict(), strict=False)
    if unexpected or any(".indexer." not in k for k in missing):
        raise ValueError(f"{model.config.model_type} weights do not fit a DeepSeek-V3.2 model of their shape: "
                         f"unexpected {unexpected[:3]}, missing {[k for k in missing if '.indexer.' not in k][:3]}")
    return sparse.train()


def pretrain(tc: PretrainConfig) -> dict:
    """Run (or resume) pretraining on token shards; returns the run summary that the report is built from."""
    manifest = load_manifest(tc.data)
    torch.manual_seed(tc.seed)
    with distributed(pick_device(tc.device)) as world:
        if tc.resume:
            model, state = load_checkpoint(latest_checkpoint(tc.out), world.device)
        else:
            model, state = build_model(tc, manifest, world.device), None
        loader = Loader(tc.data, tc.batch_size, tc.seq_len, seed=tc.seed, rank=world.rank, world_size=world.size)

        def validate(model, dtype):
            return evaluate(model, tc.data, tc.seq_len, tc.batch_size, tc.eval_batches, world.device, dtype, world)

        return train(tc, model, state, loader, validate, tokenizer_dir=tc.data, world=world)


def train(tc: PretrainConfig, model: Transformer, state: dict | None, source, validate,
          tokenizer_dir: str | Path | None, desc: str = "pretrain", world: World | None = None) -> dict:
    """The training loop shared by pretraining and SFT.

    source: endless (input_ids, targets) batches with state_dict()/load_state_dict() (targets -100 where no
    loss is taken), this rank's share; validate(model, dtype) -> {"val_loss": ..., ...}; state: a resumed
    trainer state or None; world: this process's rank in a torchrun job (None: a single process).
    """
    device = next(model.parameters()).device
    world = world or World(device)
    cfg = model.config
    # a resumed run keeps the precision it started with, so its losses match an uninterrupted run
    dtype, peaks, cpu_share = choose_dtype(state["dtype"] if state else tc.dtype, device)
    # "auto" measures each rank's own device, but all ranks must compute alike: bf16 only if all chose it
    dtype = "bf16" if world.sum([dtype == "bf16"])[0] == world.size else "fp32"
    peaks = dict(zip(peaks, world.sum(list(peaks.values()))))  # MFU of a run: against all its ranks' peaks
    peak = peaks[dtype]
    if tc.fp8:
        from ..quant.fp8_train import enable_fp8_training
        enable_fp8_training(model)  # classes only: parameters, optimizer state and checkpoints are unchanged
    model = parallelize(model, world, dtype, tc.expert_parallel)
    if tc.optimizer == "muon" and world.size > 1:
        raise ValueError("--optimizer muon runs in one process (its Newton-Schulz step needs whole matrices, "
                         f"and this run has {world.size} ranks); use adamw under torchrun")
    optimizer = make_optimizer(model, tc.lr, tc.weight_decay, kind=tc.optimizer)
    saved = state.get("optimizer") if state else None  # (absent from DCP states: those are AdamW's)
    if isinstance(saved, dict) and ("muon" in saved) != (tc.optimizer == "muon"):
        raise ValueError(f"the checkpoint was trained with {'muon' if 'muon' in saved else 'adamw'} and this run "
                         f"asks for --optimizer {tc.optimizer}: resume with the optimizer the run started with")
    step, tokens, train_time = 0, 0, 0.0
    if state is not None:
        restore_optimizer(model, optimizer, state)
        source.load_state_dict(state["data"])
        torch.set_rng_state(state["rng"].cpu())
        step, tokens, train_time = state["step"], state["tokens"], state["train_time"]
    loss_fn = torch.compile(model.compute_loss) if tc.compile else model.compute_loss
    flops_per_token = model_flops_per_token(cfg, tc.seq_len, training=True, mtp=tc.mtp_weight > 0)
    wall_start = time.time()
    val = {}
    with TrainingLoop(tc, start=step, desc=desc, main=world.main) as loop:
        while loop.running:
            t0 = time.perf_counter()
            lr = tc.lr * lr_factor(schedule_position(tc, step, train_time, tokens * flops_per_token), tc.steps,
                                   tc.warmup, tc.schedule, tc.min_lr_ratio)
            for group in optimizer.param_groups:
                group["lr"] = lr
            sums = {"loss": 0.0, "main": 0.0, "mtp": 0.0, "indexer": 0.0}
            warming = step < getattr(tc, "indexer_warmup", 0)
            if cfg.sparse:  # DeepSeek-V3.2 §2.1: dense warm-up of the indexers, then sparse training
                model.set_indexer_stage("warmup" if warming else "sparse")
            step_tokens = 0
            for i in range(tc.grad_accum):
                x, y = next(source)
                step_tokens += x.numel()
                set_gradient_sync(model, i == tc.grad_accum - 1)
                with autocast(device, dtype):
                    out = loss_fn(x.to(device), y.to(device), mtp_weight=tc.mtp_weight)
                (out.loss / tc.grad_accum).backward()
                for k in sums:
                    v = getattr(out, k)
                    sums[k] += float(v.detach()) / tc.grad_accum if v is not None else 0.0
            grad_norm = clip_grad_norm(model, tc.grad_clip)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            balance = reduce_expert_load(model, world)  # so every rank moves the biases alike
            imbalance = model.update_expert_bias(0.0 if warming else tc.bias_update_speed)  # (warm-up: frozen)
            if device.type == "cuda":
                torch.cuda.synchronize()
            dt = time.perf_counter() - t0
            # over all ranks: mean losses, all tokens, whether any rank was asked to stop or spent its time budget
            over_time = tc.max_seconds is not None and train_time + dt >= tc.max_seconds
            totals = world.sum([*sums.values(), step_tokens, loop.stop_requested, over_time])
            sums = {k: v / world.size for k, v in zip(sums, totals)}
            step_tokens, stopping, over_time = int(totals[-3]), totals[-2] > 0, totals[-1] > 0
            step += 1
            tokens += step_tokens
            train_time += dt
            spent = over_time or (tc.max_flops is not None and tokens * flops_per_token >= tc.max_flops)
            record = {"loss": sums["main"], "mtp_loss": sums["mtp"], "total_loss": sums["loss"], "lr": lr,
                      "grad_norm": grad_norm, "tokens": tokens, "train_time": train_time,
                      "tokens_per_s": step_tokens / dt,
                      "mfu": flops_per_token * step_tokens / dt / peak,
                      "expert_imbalance": sum(imbalance) / max(1, len(imbalance)), **balance,
                      **({"indexer_loss": sums["indexer"]} if cfg.sparse else {})}
            if loop.evaluating(step, last=spent):
                val = validate(model, dtype)
                record.update(val)
            postfix = {"loss": f"{sums['main']:.3f}", "tok_s": f"{step_tokens / dt:,.0f}",
                       **({"val": f"{val['val_loss']:.3f}"} if val else {})}
            if loop.end_step(step, record, postfix, stopping, last=spent):
                save_checkpoint(tc.out, model, {
                    "step": step, "tokens": tokens, "train_time": train_time, "data": source.state_dict(),
                    "rng": torch.get_rng_state(), "dtype": dtype}, tokenizer_dir, optimizer, world,
                    sharded=tc.dcp or world.size > 1)
    finished = loop.finished
    if finished:
        release = full_model(model, world)  # the whole model, on rank 0
        if world.main:
            save_release(tc.out, release, tokenizer_dir)
    return {
        "finished": finished, "step": step, "tokens": tokens, "train_time": train_time,
        "wall_time": time.time() - wall_start, "flops_per_token": flops_per_token, "peak_flops": peak,
        "peaks": peaks, "peak_cpu_share": cpu_share, "device": str(device), "dtype": dtype,
        "params": cfg.num_params(), "preset": tc.preset,
        "world_size": world.size, "rank": world.rank, **val,
    }
