"""What fill-in-the-middle costs pretraining: the same corpus with a FIM share (DeepSeek-V3's 0.1) and without.

FIM rearranges whole documents (prefix, suffix, middle) when the shards are written, so a training step sees
tokens like any other: the expected overhead is none at training time and a little at data-build time (a
random split per chosen document). Both are measured here: the build of each data directory from the embedded
corpus (tokenizer training included, the same work on both sides), then training steps (tiny preset, forward +
loss + backward + AdamW) on batches from each, interleaved `--repeats` times; the ratio of median tokens/s is
the figure (the machine's noise falls on both sides).

    python bench/fim_overhead.py [--fim-rate 0.1] [--steps 10] [--repeats 5] [--batch-size 8] [--seq-len 256]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch

from nanoseek.data import build
from nanoseek.data.loader import Loader
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.train.flops import machine
from nanoseek.train.optim import make_optimizer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fim-rate", type=float, default=0.1)
    ap.add_argument("--steps", type=int, default=10, help="training steps per side per repeat")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--seq-len", type=int, default=256)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()
    if not 0 < args.fim_rate <= 1:
        ap.error(f"--fim-rate must be in (0, 1]; found {args.fim_rate}")
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        dirs, build_s = {}, {}
        for name, rate in (("no FIM", 0.0), (f"FIM {args.fim_rate}", args.fim_rate)):
            dirs[name] = Path(tmp) / name.replace(" ", "_")
            start = time.perf_counter()
            manifest = build(dirs[name], fim_rate=rate)
            build_s[name] = time.perf_counter() - start
            print(f"{name}: data built in {build_s[name]:.1f} s, {manifest['splits']['train']['tokens']:,} tokens")
        torch.manual_seed(0)
        cfg = get_preset("tiny").replace(vocab_size=manifest["vocab_size"])
        model = Transformer(cfg).train()
        opt = make_optimizer(model, 1e-3, 0.1)
        loaders = {name: Loader(d, args.batch_size, args.seq_len) for name, d in dirs.items()}
        rates = {name: [] for name in dirs}

        def steps(loader, n):
            for _ in range(n):
                x, y = next(loader)
                model.compute_loss(x, y).loss.backward()
                opt.step()
                opt.zero_grad(set_to_none=True)

        steps(loaders["no FIM"], 2)  # warm-up (allocator, kernels)
        for _ in range(args.repeats):
            for name, loader in loaders.items():
                start = time.perf_counter()
                steps(loader, args.steps)
                rates[name].append(args.steps * args.batch_size * args.seq_len / (time.perf_counter() - start))
    (off, off_r), (on, on_r) = rates.items()
    print(f"| data | build s | train tokens/s (median of {args.repeats}) |\n|---|---|---|")
    for name, r in rates.items():
        print(f"| {name} | {build_s[name]:.1f} | {statistics.median(r):,.0f} |")
    print(f"FIM / no FIM: training tokens/s {statistics.median(on_r) / statistics.median(off_r):.3f}x, "
          f"data build time {build_s[on] / build_s[off]:.2f}x")


if __name__ == "__main__":
    main()
