"""Training throughput of one process vs N under torchrun: FSDP2 data parallelism, and FSDP2 + expert parallelism.

Each configuration is a short `nanoseek pretrain` run on the embedded corpus (the same per-rank batch, so
N processes train on an N times larger global batch), run --repeats times, the configurations taking
turns so that the machine's noise falls on all of them; a run's figure is the median tokens/s (all ranks
together) of its steps after the first few, a configuration's the best of its runs. Scaling efficiency =
tokens/s of N processes / (N x tokens/s of one process with the same resources as each of the N).

On a CPU the N processes share the machine's cores: each gets one thread (torchrun's default) and talks
to the others through gloo over loopback TCP, so one process with one thread is the per-process baseline,
and one process with N threads (what a single process makes of the same N cores) is shown beside it.
On GPUs there is one process per GPU (NCCL); with one GPU only the single-process figure is printed.

    python bench/dist_throughput.py                       # tiny preset, 8 x 256 tokens per rank, 2 processes on CPU
    python bench/dist_throughput.py --preset small --batch-size 16 --seq-len 1024    # on a GPU node
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]


def make_data(out: Path, vocab: int) -> None:
    from nanoseek.data import build
    from nanoseek.data.sources import default_corpus

    text = "".join(itertools.islice(default_corpus(), 12))[:2_000_000]
    src = out / "corpus.jsonl"
    src.write_text("".join(json.dumps({"text": p}) + "\n" for p in text.split("\n\n") if p.strip()))
    build(out, vocab_size=vocab, paths=[src], val_fraction=0.02)


def run(args, data: Path, nproc: int, threads: int, *extra: str) -> float:
    """Median tokens/s over the steps after the warm-up of one `nanoseek pretrain` run on nproc processes."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={nproc}",
               "-m", "nanoseek", "pretrain", "--data", str(data), "--out", out, "--preset", args.preset,
               "--steps", str(args.steps), "--batch-size", str(args.batch_size), "--seq-len", str(args.seq_len),
               "--dtype", args.dtype, "--eval-every", str(10 ** 9), "--ckpt-every", str(10 ** 9),
               "--eval-batches", "1", "--no-progress", "--no-tensorboard", *extra]
        env = {**os.environ, "OMP_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
        records = [json.loads(line) for line in (Path(out) / "metrics.jsonl").read_text().splitlines()]
    return statistics.median(r["tokens_per_s"] for r in records[args.warmup_steps:])


def main() -> None:
    gpus = torch.cuda.device_count()
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nproc", type=int, default=gpus or 2, help="processes (default: the GPUs, or 2 on a CPU)")
    p.add_argument("--preset", default="tiny")
    p.add_argument("--batch-size", type=int, default=8, help="per rank")
    p.add_argument("--seq-len", type=int, default=256)
    p.add_argument("--steps", type=int, default=16)
    p.add_argument("--warmup-steps", type=int, default=4, help="steps left out of the median")
    p.add_argument("--dtype", default="bf16" if gpus else "fp32",
                   help="bf16 (default on GPUs), fp32 (default on CPUs: one thread per process on a shared machine "
                        "ran bf16 slower here), or auto")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--vocab", type=int, default=4096)
    args = p.parse_args()
    n = args.nproc
    device = torch.cuda.get_device_name(0) if gpus else f"CPU, {os.cpu_count()} cores, gloo"
    print(f"{datetime.date.today()} · {device} · torch {torch.__version__} · preset {args.preset}, "
          f"{args.batch_size} x {args.seq_len} tokens per rank, dtype {args.dtype}, {args.steps} steps")
    configs = {"1 process" + ("" if gpus else ", 1 thread"): (1, 1)}  # name -> (processes, threads, flags)
    if not gpus:
        configs[f"1 process, {n} threads"] = (1, n)
    if n > 1:
        configs[f"{n} processes, FSDP2"] = (n, 1)
        configs[f"{n} processes, FSDP2 + expert parallel"] = (n, 1, "--expert-parallel")
    best = dict.fromkeys(configs, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        make_data(Path(tmp), args.vocab)
        for _ in range(args.repeats):
            for name, (procs, threads, *flags) in configs.items():
                figure = run(args, Path(tmp), procs, threads, *flags)
                print(f"    run: {name}: {figure:,.0f} tokens/s", flush=True)
                best[name] = max(best[name], figure)
    one = best[next(iter(configs))]
    for name, (procs, _threads, *_) in configs.items():
        note = f"{best[name] / one:.2f}x the first" + (f"; scaling efficiency {best[name] / (procs * one):.0%}"
                                                       if procs > 1 else "")
        print(f"  {name:<40} {best[name]:10,.0f} tokens/s  ({note})")


if __name__ == "__main__":
    main()
