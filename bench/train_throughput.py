"""Training-step throughput: nanoseek's Transformer vs transformers' DeepseekV3ForCausalLM, same weights.

One step = forward + next-token loss + backward + AdamW step (+ nanoseek's aux-loss-free bias update) on
the same batch of random tokens. The two models are built from one config with identical weights
(nanoseek.save -> AutoModelForCausalLM.from_pretrained) and their steps are interleaved, so the
machine's noise falls on both; the ratio of medians is the figure to trust. nanoseek runs with the MTP
loss off (like for like: transformers trains no MTP module) and, reported apart, with it on.
MFU = model FLOPs/token (nanoseek.train.flops) x tokens/s / the bf16 matmul peak measured in this run
(and / the best peak of the machine, which is fp32 on CPUs without AMX).
Note for the bf16 rows: transformers casts the routed experts' input to the weights' dtype, so under bf16
autocast over fp32 weights its grouped expert matmuls run in fp32; nanoseek's run in bf16.

    python bench/train_throughput.py                      # tiny preset, 8x256, bf16 autocast then fp32
    python bench/train_throughput.py --dtype bf16 --profile
    python bench/train_throughput.py --compile            # torch.compile nanoseek (compile time apart)
    python bench/train_throughput.py --threads 1          # steadier on a machine shared with other jobs

--compile compiles nanoseek's compute_loss (MTP off); where compiling fails (torch 2.13, fp32: the fake
kernel of torch._grouped_mm accepts only bf16) it says why and measures nanoseek eager.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext

import torch
import torch.nn.functional as F

import nanoseek
from nanoseek.presets import get_preset
from nanoseek.train.flops import machine, measure_matmul_peak, model_flops_per_token


def autocast(dtype: str, device_type: str = "cpu"):
    return torch.autocast(device_type, dtype=torch.bfloat16) if dtype == "bf16" else nullcontext()


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class Runner:
    """One model + optimizer; `step()` runs and times one training step."""

    def __init__(self, name: str, model, loss_fn, dtype: str, after_step=None):
        self.name, self.model, self.loss_fn, self.dtype, self.after_step = name, model, loss_fn, dtype, after_step
        self.opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
        self.times: list[float] = []
        self.losses: list[float] = []

    def step(self, x, y) -> None:
        sync(x.device)
        t0 = time.perf_counter()
        self.opt.zero_grad(set_to_none=True)
        with autocast(self.dtype, x.device.type):
            loss = self.loss_fn(self.model, x, y)
        loss.backward()
        self.opt.step()
        if self.after_step:
            self.after_step(self.model)
        sync(x.device)
        self.times.append(time.perf_counter() - t0)
        self.losses.append(loss.item())


def nanoseek_loss(mtp_weight: float):
    return lambda model, x, y: model.compute_loss(x, y, mtp_weight=mtp_weight).loss


def hf_loss(model, x, y):
    logits = model(input_ids=x, use_cache=False).logits  # [batch, seq, vocab]
    return F.cross_entropy(logits.flatten(0, 1).float(), y.flatten())  # the same loss as nanoseek's


def build(args):
    import transformers

    transformers.logging.set_verbosity_error()  # it lists the MTP tensors it does not use: expected
    cfg = get_preset(args.preset)
    torch.manual_seed(0)
    model = nanoseek.Transformer(cfg).train()
    with tempfile.TemporaryDirectory() as d:
        nanoseek.save(model, d)
        hf = transformers.AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32).train()
    model, hf = model.to(args.device), hf.to(args.device)
    impl = f"attn={hf.config._attn_implementation}, experts={hf.config._experts_implementation}"
    return cfg, model, hf, impl


def compiled(model, x, y, dtype):
    """model with compute_loss under torch.compile, the seconds its first forward + backward took (the
    compile), and why it failed, if it did (then the model is returned uncompiled)."""
    eager = model.compute_loss
    model.compute_loss = torch.compile(eager)
    fake_log = logging.getLogger("torch._subclasses.fake_tensor")  # logs a traceback before dynamo raises
    level, t0 = fake_log.level, time.perf_counter()
    fake_log.setLevel(logging.CRITICAL)
    try:
        with autocast(dtype, x.device.type):
            nanoseek_loss(0.0)(model, x, y).backward()  # compiles forward and backward; weights unchanged
    except Exception as e:  # noqa: BLE001  (say why, then measure eager)
        model.compute_loss = eager
        text = str(e)
        op, cause = re.search(r"call_function <built-in method (\w+)", text), re.search(r"got (\w+\('[^']*'\))", text)
        why = f"torch.{op.group(1)}: {cause.group(1)}" if op and cause else text.strip().splitlines()[0]
        return model, None, why[:300]
    finally:
        fake_log.setLevel(level)
        model.zero_grad(set_to_none=True)
    return model, time.perf_counter() - t0, None


def bench_dtype(args, dtype, model, hf, x, y) -> dict:
    bias = lambda m: m.update_expert_bias(1e-3)  # noqa: E731  (DeepSeek-V3's aux-loss-free step)
    plain, with_mtp = copy.deepcopy(model), copy.deepcopy(model)
    res = {"dtype": dtype, "compile_s": None, "compile_error": None}
    if args.compile:
        plain, res["compile_s"], res["compile_error"] = compiled(plain, x, y, dtype)
    runners = [Runner("nanoseek", plain, nanoseek_loss(0.0), dtype, bias),
               Runner("transformers", copy.deepcopy(hf), hf_loss, dtype),
               Runner("nanoseek+mtp", with_mtp, nanoseek_loss(0.3), dtype, bias)]
    for i in range(args.warmup + args.steps):
        order = runners[i % 3:] + runners[: i % 3]  # rotate: no model always runs right after the same one
        for r in order:
            r.step(x, y)
    res["loss0"] = {r.name: r.losses[0] for r in runners}
    for r in runners:
        times = r.times[args.warmup:]
        res[r.name] = x.numel() / statistics.median(times)
        res[r.name + " best"] = x.numel() / min(times)  # the least disturbed step: robust to others' jobs
        res[r.name + " spread"] = max(times) / min(times)
    return res


# where the time goes: aten ops by kind (self CPU time)
KINDS = {  # first match wins
    "matmul": ("aten::mm", "aten::bmm", "aten::addmm", "aten::baddbmm", "aten::_grouped_mm", "aten::linear"),
    "loss (log_softmax, nll)": ("log_softmax", "nll_loss"),
    # SDPA's math path (MLA's qk_head_dim != v_head_dim rules out the CPU flash kernel) builds its causal
    # mask with tril/isneginf/all/where
    "attention (sdpa, softmax, mask)": ("scaled_dot_product", "aten::_softmax", "aten::tril", "aten::isneginf",
                                        "aten::all", "aten::where"),
    "routing + dispatch (topk, sort, gather/scatter)": (
        "topk", "sort", "index", "scatter", "gather", "bincount", "cumsum", "repeat_interleave", "masked_fill"),
    "copies, casts, fills": ("copy_", "_to_copy", "aten::cat", "fill_", "zero_", "clone", "contiguous", "empty"),
    "optimizer (AdamW)": ("Optimizer", "lerp_", "addcdiv_", "addcmul_", "aten::sqrt", "_foreach", "_fused_adamw"),
}


def kind(name: str) -> str:
    return next((k for k, keys in KINDS.items() if any(key in name for key in keys)), "other elementwise")


def profile(args, model, x, y, dtype):
    from torch.profiler import ProfilerActivity
    from torch.profiler import profile as torch_profile

    r = Runner("nanoseek", copy.deepcopy(model), nanoseek_loss(0.0), dtype)
    if args.compile:
        r.model, _, error = compiled(r.model, x, y, dtype)
        if error:
            print(f"  (torch.compile failed, profiling eager: {error})")
    for _ in range(2):
        r.step(x, y)
    phases = {"forward+loss": [], "backward": [], "optimizer": []}  # wall time of each phase
    for _ in range(3):
        r.opt.zero_grad(set_to_none=True)
        t0 = time.perf_counter()
        with autocast(dtype, x.device.type):
            loss = r.loss_fn(r.model, x, y)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        r.opt.step()
        t3 = time.perf_counter()
        for k, v in zip(phases, (t1 - t0, t2 - t1, t3 - t2)):
            phases[k].append(v)
    total = sum(statistics.median(v) for v in phases.values())
    print(f"\n## profile: nanoseek step, {dtype}, {args.batch}x{args.seq}" + (", compiled" if args.compile else ""))
    for k, v in phases.items():
        print(f"  {k:13s} {statistics.median(v) * 1e3:7.1f} ms  ({statistics.median(v) / total:4.0%})")
    with torch_profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(args.profile_steps):
            r.step(x, y)
    events = prof.key_averages()
    by_kind: dict[str, float] = {}
    for e in events:
        by_kind[kind(e.key)] = by_kind.get(kind(e.key), 0.0) + e.self_cpu_time_total
    spent = sum(by_kind.values())
    print("  self CPU time by kind of op, per step:")
    for k, us in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"    {k:48s} {us / 1e3 / args.profile_steps:7.1f} ms  ({us / spent:4.0%})")
    print(events.table(sort_by="self_cpu_time_total", row_limit=args.profile_rows))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--preset", default="tiny")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--steps", type=int, default=6, help="timed steps per model (after --warmup)")
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--dtype", choices=["bf16", "fp32", "both"], default="both",
                   help="bf16 = bf16 autocast over fp32 weights (both models); both = bf16 then fp32")
    p.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's choice)")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--compile", action="store_true", help="torch.compile nanoseek's loss (MTP off)")
    p.add_argument("--profile", action="store_true", help="profile nanoseek's step (torch.profiler)")
    p.add_argument("--profile-steps", type=int, default=3)
    p.add_argument("--profile-rows", type=int, default=25)
    args = p.parse_args(argv)
    dtypes = ["bf16", "fp32"] if args.dtype == "both" else [args.dtype]
    if args.threads:
        torch.set_num_threads(args.threads)

    cfg, model, hf, impl = build(args)
    g = torch.Generator().manual_seed(1)
    tokens = torch.randint(0, cfg.vocab_size, (args.batch, args.seq + 1), generator=g)
    x, y = tokens[:, :-1].to(args.device), tokens[:, 1:].to(args.device)
    flops = {mtp: model_flops_per_token(cfg, args.seq, training=True, mtp=mtp) for mtp in (False, True)}
    print(f"# training step: {args.preset} preset, batch {args.batch}x{args.seq}, {machine(args.device)}")
    print(f"# transformers {__import__('transformers').__version__} ({impl}), torch {torch.__version__}")
    print(f"# load average before: {os.getloadavg()[0]:.1f}")
    print(f"# model FLOPs/token (fwd+bwd): {flops[False] / 1e6:.1f}M, with MTP {flops[True] / 1e6:.1f}M")

    peaks = {"bf16": [], "fp32": []}

    def measure_peaks():
        peaks["bf16"].append(measure_matmul_peak(torch.bfloat16, args.device))
        peaks["fp32"].append(measure_matmul_peak(torch.float32, args.device))

    measure_peaks()
    results = []
    for dtype in dtypes:
        results.append(bench_dtype(args, dtype, model, hf, x, y))
    measure_peaks()  # again at the end: the machine's load moves; keep the best of both
    peak = {k: max(v) for k, v in peaks.items()}
    print(f"# load average after: {os.getloadavg()[0]:.1f}")
    print(f"# matmul peak (2048^3, best of start/end): bf16 {peak['bf16'] / 1e9:.0f} GFLOP/s "
          f"{[round(v / 1e9) for v in peaks['bf16']]}, fp32 {peak['fp32'] / 1e9:.0f} GFLOP/s "
          f"{[round(v / 1e9) for v in peaks['fp32']]}")

    date = datetime.date.today().isoformat()
    cmd = "python bench/train_throughput.py " + " ".join(sys.argv[1:] if argv is None else argv)
    best = max(peak, key=peak.get)
    rows = []
    for r in results:
        mfu = {k: flops[k == "nanoseek+mtp"] * r[k] / peak["bf16"] for k in ("nanoseek", "nanoseek+mtp")}
        best_mfu = {k: v * peak["bf16"] / peak[best] for k, v in mfu.items()}
        ratio, best_ratio = r["nanoseek"] / r["transformers"], r["nanoseek best"] / r["transformers best"]
        compiled_ok = args.compile and not r["compile_error"]
        print(f"\n## {r['dtype']}" + (f" (nanoseek compiled: {r['compile_s']:.1f} s)" if compiled_ok else ""))
        if r["compile_error"]:
            print(f"  torch.compile failed, nanoseek measured eager: {r['compile_error']}")
        print("  first-step loss (same weights, same batch): "
              + ", ".join(f"{k} {v:.4f}" for k, v in r["loss0"].items()))
        for k in ("nanoseek", "transformers", "nanoseek+mtp"):
            line = (f"  {k:13s} {r[k]:7.0f} tokens/s  ({x.numel() / r[k] * 1e3:6.0f} ms/step; "
                    f"best step {r[k + ' best']:6.0f} tokens/s)")
            if k in mfu:
                line += f"   MFU {mfu[k]:5.1%} of bf16 peak, {best_mfu[k]:5.1%} of the best ({best}) peak"
            print(line)
        print(f"  ratio nanoseek/transformers: {ratio:.2f}x (median steps), {best_ratio:.2f}x (best steps)")
        spread = max(r[k + " spread"] for k in ("nanoseek", "transformers", "nanoseek+mtp"))
        if spread > 1.5:
            print(f"  busy machine: a model's slowest timed step took {spread:.1f}x its fastest; trust the best-step "
                  "ratio more than the medians, or run again (--threads 1 suffers less from other jobs)")
        rows.append(f"| `{cmd.strip()}` | {machine(args.device)} | {date} | {r['dtype']}"
                    + (" compiled" if compiled_ok else "")
                    + f" | {r['nanoseek']:.0f} | {r['transformers']:.0f} | {ratio:.2f}x ({best_ratio:.2f}x) | "
                    f"{r['nanoseek+mtp']:.0f} | "
                    f"{mfu['nanoseek']:.1%} | {peak['bf16'] / 1e9:.0f} / {peak['fp32'] / 1e9:.0f} |")
    print("\n| command | machine | date | dtype | nanoseek tok/s | transformers tok/s | ratio (best steps) "
          "| nanoseek+MTP tok/s "
          "| MFU (bf16 peak) | peak bf16 / fp32 GFLOP/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if args.profile:
        profile(args, model, x, y, dtypes[0])


if __name__ == "__main__":
    main()
