"""Issue 15's restructuring measured: the engine before it (commit eabbb18, engine/forward.py's own copy of the
network) against the engine now (the model's own modules in a mode, model/ops.py), compiled, in one process.

Both packages are loaded side by side (the old checkout copied as `nanoseek_old`), given the same random weights,
and timed on the same decode steps, alternating rounds; the ratio of medians is printed.

    git worktree add /tmp/old eabbb18
    python bench/one_network_ab.py --old-root /tmp/old [--dtype bf16] [--throughput]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old-root", help="a checkout of the commit before issue 15 (eabbb18)")
    ap.add_argument("--dtype", choices=["fp32", "bf16"], default="fp32")
    ap.add_argument("--throughput", action="store_true", help="GEMMs over the batch (old: batch_invariant=False)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=30)
    args = ap.parse_args()
    if args.old_root is None:  # (make bench runs every script without arguments)
        print("one_network_ab: skipped; it needs --old-root, a checkout of eabbb18 (see its docstring)")
        return
    torch.set_num_threads(1)
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(Path(args.old_root) / "nanoseek", tmp / "nanoseek_old")
    sys.path.insert(0, str(tmp))
    import nanoseek_old.engine.forward as old_engine
    import nanoseek_old.model as old_model

    from nanoseek.engine.runner import InferenceModel
    from nanoseek.model import Transformer
    from nanoseek.presets import get_preset

    dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}[args.dtype]
    torch.manual_seed(0)
    new = Transformer(get_preset("tiny")).to(dtype)
    old = old_model.Transformer(get_preset("tiny")).to(dtype)
    old.load_state_dict(new.state_dict())
    runners = {"old": old_engine.InferenceModel(old, batch_invariant=not args.throughput, compile=True),
               "new": InferenceModel(new, deterministic=not args.throughput, compile=True)}
    caches = {"old": old.new_cache(16, 512), "new": new.new_cache(16, 512)}
    for k, im in runners.items():
        t0 = time.perf_counter()
        im.run(torch.tensor([[1]]), torch.tensor([[0]]), caches[k], torch.tensor([0]))
        print(f"{k}: compiled in {time.perf_counter() - t0:.0f} s", flush=True)
    times = {k: {1: [], 16: []} for k in runners}
    for _ in range(args.rounds):
        for k, im in runners.items():
            for batch in (1, 16):
                rows = torch.arange(batch)
                for step in range(args.steps):
                    ids, pos = torch.randint(0, 1000, (batch, 1)), torch.full((batch, 1), 10 + step)
                    t = time.perf_counter()
                    im.run(ids, pos, caches[k], rows)
                    times[k][batch].append(time.perf_counter() - t)
    for batch in (1, 16):
        old_s, new_s = (statistics.median(times[k][batch]) for k in ("old", "new"))
        print(f"{args.dtype} {'throughput' if args.throughput else 'deterministic'} batch {batch}: "
              f"old {1e3 * old_s:.3f} ms, new {1e3 * new_s:.3f} ms per step, new speed / old {old_s / new_s:.2f}x")


if __name__ == "__main__":
    main()
