"""Issue 15's restructuring measured: the engine before it (commit eabbb18, engine/forward.py's own copy of the
network) against the engine now (the model's own modules in a mode, model/ops.py), compiled, in one process.

Both packages are loaded side by side (the old checkout copied as `nanoseek_old`), given the same random weights,
and timed on the same decode steps, alternating rounds; the ratio of medians is printed. With --engine, whole
greedy requests through each package's Engine instead (prefill, decode steps, sampling and bookkeeping: what a
client of `nanoseek serve` waits for), the old engine in its default mode (batch-invariant) against the new one in
both of its modes. With --train, training steps instead (forward, next-token + MTP + balance loss, backward, AdamW)
of each package's Transformer on the same batch.

    git worktree add /tmp/old eabbb18
    python bench/one_network_ab.py --old-root /tmp/old [--dtype bf16] [--throughput]
    python bench/one_network_ab.py --old-root /tmp/old --engine [--dtype bf16]
    python bench/one_network_ab.py --old-root /tmp/old --train
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
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--engine", action="store_true", help="whole requests through each Engine (see above)")
    ap.add_argument("--train", action="store_true", help="training steps of each Transformer (see above)")
    ap.add_argument("--new-tokens", type=int, default=64, help="--engine: tokens per request (after 32 of prompt)")
    args = ap.parse_args()
    if args.old_root is None:  # (make bench runs every script without arguments)
        print("one_network_ab: skipped; it needs --old-root, a checkout of eabbb18 (see its docstring)")
        return
    torch.set_num_threads(args.threads)
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
    if args.engine:
        return engines(args, old, new)
    if args.train:
        return training(args, old, new)
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


def engines(args, old, new) -> None:
    """Greedy requests of 32 prompt tokens + args.new_tokens, B at once (B = 1, 16), stepped in this thread."""
    import nanoseek_old.engine as old_engine

    from nanoseek.engine import Engine, SamplingParams
    length = 32 + args.new_tokens

    def build(name: str, batch: int):
        if name == "old":
            return old_engine.Engine(old, max_batch=batch, max_len=length, speculative=False, prefix_reuse=False,
                                     compile=True), old_engine.SamplingParams
        return Engine(new, max_batch=batch, max_len=length, speculative=False, prefix_reuse=False, compile=True,
                      deterministic=name == "new deterministic"), SamplingParams

    names = ("old", "new", "new deterministic")
    built = {(k, b): build(k, b) for k in names for b in (1, 16)}
    prompts = torch.randint(2, 1000, (16, 32), generator=torch.Generator().manual_seed(0)).tolist()

    def requests(engine, params, batch: int) -> tuple[float, list[list[int]]]:
        t = time.perf_counter()
        reqs = [engine.submit(p, params(temperature=0, max_tokens=args.new_tokens)) for p in prompts[:batch]]
        while not all(r.finished for r in reqs):
            engine.step()
        return time.perf_counter() - t, [r.output_ids for r in reqs]

    for (k, b), (engine, params) in built.items():  # compiles (shared by engines of one package and mode)
        t0 = time.perf_counter()
        requests(engine, params, b)
        print(f"{k}, batch {b}: first requests (compiling) {time.perf_counter() - t0:.0f} s", flush=True)
    times = {key: [] for key in built}
    outputs = {}
    for _ in range(args.rounds):
        for key, (engine, params) in built.items():
            seconds, outputs[key] = requests(engine, params, key[1])
            times[key].append(seconds)
    for b in (1, 16):
        tok_s = {k: b * args.new_tokens / statistics.median(times[k, b]) for k in names}
        same = {k: outputs[k, b] == outputs["old", b] for k in names[1:]}
        print(f"{args.dtype} batch {b}: " + ", ".join(f"{k} {v:.1f} tok/s" for k, v in tok_s.items())
              + f"; new / old {tok_s['new'] / tok_s['old']:.2f}x, new deterministic / old "
              f"{tok_s['new deterministic'] / tok_s['old']:.2f}x; tokens equal to old's: {same}")


def training(args, old, new) -> None:
    """args.steps training steps of 8 x 256 tokens per model per round, alternating; the first round warms up."""
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(0, old.config.vocab_size, (8, 257), generator=g)
    x, y = ids[:, :-1], ids[:, 1:]
    models = {"old": old.train(), "new": new.train()}
    optims = {k: torch.optim.AdamW(m.parameters(), lr=1e-4) for k, m in models.items()}
    times, losses = {k: [] for k in models}, {k: [] for k in models}
    for r in range(args.rounds + 1):
        for k, m in models.items():
            for _ in range(args.steps):
                t = time.perf_counter()
                out = m.compute_loss(x, y)
                out.loss.backward()
                optims[k].step()
                optims[k].zero_grad(set_to_none=True)
                if r:
                    times[k].append(time.perf_counter() - t)
                losses[k].append(round(out.loss.item(), 4))
    old_s, new_s = (statistics.median(times[k]) for k in models)
    print(f"{args.dtype} training step (8x256, MTP on): old {1e3 * old_s:.1f} ms, new {1e3 * new_s:.1f} ms; "
          f"new speed / old {old_s / new_s:.2f}x; first losses old {losses['old'][:3]}, new {losses['new'][:3]}")


if __name__ == "__main__":
    main()
