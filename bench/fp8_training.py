"""FP8 training vs bf16 training on real data: the tiny preset, same seed, same batches, same schedule.

bf16 = bf16 autocast over float32 master weights (nanoseek's CPU/GPU default); FP8 = the same plus every
linear-layer and routed-expert GEMM in FP8 (1x128 activation tiles, 128x128 weight blocks, Wgrad tiles
along the tokens: nanoseek.quant.fp8_train). On a CPU FP8 is the quantize-dequantize simulation: the loss
figures are FP8's, the seconds are not (the simulation is slower than bf16). On Hopper the linear layers run
on the FP8 tensor cores (routed experts stay simulated), so there the seconds are real for those GEMMs.
Prints both loss curves, the relative gap of the last 10 steps' mean training loss, and validation loss.

    python bench/fp8_training.py --data runs/speedrun/data --steps 100   # or without --data: built on the fly
"""

from __future__ import annotations

import argparse
import datetime
import os
import tempfile
import time

import torch

from nanoseek.data.loader import Loader
from nanoseek.data.shards import load_manifest
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.quant.fp8_train import enable_fp8_training
from nanoseek.train.flops import machine
from nanoseek.train.optim import lr_factor, make_optimizer
from nanoseek.train.pretrain import evaluate


def train(args, fp8: bool) -> dict:
    vocab = load_manifest(args.data)["vocab_size"]
    torch.manual_seed(0)
    device = torch.device(args.device)
    model = Transformer(get_preset(args.preset).replace(vocab_size=vocab)).to(device).train()
    if fp8:
        enable_fp8_training(model)
    opt = make_optimizer(model, args.lr, 0.1)
    loader = Loader(args.data, args.batch, args.seq, seed=0)
    losses, t0 = [], time.perf_counter()
    for step in range(args.steps):
        for group in opt.param_groups:
            group["lr"] = args.lr * lr_factor(step, args.steps, warmup=10)
        x, y = (t.to(device) for t in next(loader))
        with torch.autocast(device.type, dtype=torch.bfloat16):
            out = model.compute_loss(x, y, mtp_weight=0.3)
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        model.update_expert_bias(0.001)
        losses.append(float(out.main.detach()))  # (a host sync: the step's time is all in)
    seconds = time.perf_counter() - t0
    val = evaluate(model, args.data, args.seq, args.batch, args.eval_batches, device, "bf16")
    return {"losses": losses, "val_loss": val["val_loss"], "seconds": seconds}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", help="a directory written by `nanoseek data` (default: built from the embedded "
                   "corpus into a temporary directory, ~10 s)")
    p.add_argument("--preset", default="tiny")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--eval-batches", type=int, default=16)
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = p.parse_args(argv)
    if args.data is None:
        from nanoseek.data import build

        args.data = tempfile.mkdtemp(prefix="nanoseek-fp8-bench-")
        build(args.data)
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"# FP8 vs bf16 training: {args.preset} preset, {args.steps} steps of {args.batch}x{args.seq}, "
          f"{datetime.date.today()}, {machine(args.device)}, load average {os.getloadavg()[0]:.1f}")
    runs = {"bf16": train(args, fp8=False), "fp8": train(args, fp8=True)}
    every = max(1, args.steps // 10)
    for name, r in runs.items():
        curve = " ".join(f"{r['losses'][i]:.3f}" for i in range(0, args.steps, every))
        print(f"  {name:4s} loss every {every} steps: {curve}  | val {r['val_loss']:.4f} | {r['seconds']:.0f} s")
    last = {k: sum(r["losses"][-10:]) / 10 for k, r in runs.items()}
    print(f"  last-10-step mean train loss: bf16 {last['bf16']:.4f}, fp8 {last['fp8']:.4f} "
          f"({(last['fp8'] / last['bf16'] - 1) * 100:+.2f}%); val loss "
          f"{(runs['fp8']['val_loss'] / runs['bf16']['val_loss'] - 1) * 100:+.2f}%")


if __name__ == "__main__":
    main()
