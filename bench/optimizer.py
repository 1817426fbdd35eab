"""Muon vs AdamW in nanoseek's trainer: the same preset, seed, data order, schedule and learning rate.

`nanoseek pretrain --optimizer muon` gives the hidden layers' 2-D matrices to torch.optim.Muon (its update
scaled to AdamW's RMS, so the two share the learning rate and weight decay) and everything else to AdamW
(train/optim.py). Both runs go through `pretrain()` itself; printed: validation loss at each evaluation,
the final validation loss and bits per byte, and training tokens/s. The question the issue asks: does Muon
help enough to keep? Loss at equal steps is what decides (the runs are sequential, so their seconds carry
the machine's noise).

    python bench/optimizer.py --data runs/speedrun/data --steps 300      # or without --data: built first
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import tempfile
from pathlib import Path

from nanoseek.train.metrics import read_metrics
from nanoseek.train.pretrain import PretrainConfig, pretrain


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", help="a directory written by `nanoseek data` (default: built from the embedded corpus)")
    p.add_argument("--preset", default="tiny")
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--optimizers", default="adamw,muon")
    p.add_argument("--device", default=None)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.data is None:
            from nanoseek.data import build

            args.data = str(Path(tmp) / "data")
            build(args.data)
        print(f"# optimizers: {args.preset} preset, {args.steps} steps of {args.batch}x{args.seq}, lr {args.lr}, "
              f"{datetime.date.today()}, load average {os.getloadavg()[0]:.1f}", flush=True)
        rows = {}
        for kind in args.optimizers.split(","):
            run = Path(tmp) / kind
            s = pretrain(PretrainConfig(data=args.data, out=str(run), preset=args.preset, steps=args.steps,
                                        batch_size=args.batch, seq_len=args.seq, lr=args.lr, optimizer=kind,
                                        eval_every=max(1, args.steps // 6), ckpt_every=args.steps,
                                        device=args.device, progress=False, tensorboard=False))
            curve = [(r["step"], round(r["val_loss"], 4)) for r in read_metrics(run) if "val_loss" in r]
            rows[kind] = {"val_loss": round(s["val_loss"], 4), "val_bpb": round(s["val_bpb"], 4),
                          "tokens_per_s": round(s["tokens"] / s["train_time"], 1), "val_curve": curve}
            print(json.dumps({kind: rows[kind]}), flush=True)
        if {"adamw", "muon"} <= set(rows):
            a, m = rows["adamw"], rows["muon"]
            print(json.dumps({"muon_minus_adamw_val_loss": round(m["val_loss"] - a["val_loss"], 4),
                              "muon_speed_vs_adamw": round(m["tokens_per_s"] / a["tokens_per_s"], 2)}))


if __name__ == "__main__":
    main()
