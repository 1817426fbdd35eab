"""Dynamic precision on a trained checkpoint: bf16 / int8 / int4 / FP8, and nanoseek vs llama.cpp on one GGUF.

Per precision: weight bytes (distinct tensors in memory, ratio to bf16), validation perplexity and next-token
top-1 accuracy over the whole val split, greedy accuracy on a reasoning task's held-out problems (meaningful
for a checkpoint that went through the speedrun's SFT / GRPO), and greedy decode tokens/s at batch 1 (the model's
forward over its latent cache; decode steps only).
int8 / int4 / FP8 are quantized from the checkpoint's float32 weights and compute in float32 (faster than
bf16 on a CPU without AMX); FP8 on a CPU is the simulation (e4m3 weights, 1x128-tile activations rounded
on the fly): its perplexity is FP8's, its speed says nothing about Hopper.
Then the weights go to GGUF and llama.cpp (llama-cpp-python) decodes them, alternating with nanoseek
holding the same weights (f32 GGUF vs nanoseek fp32; q8_0 GGUF vs nanoseek int8), rounds interleaved so
the machine's noise falls on both: the ratio of medians is the figure.

    python bench/quant.py                    # the speedrun's model: runs/speedrun/{grpo,sft,pretrain}/final
    python bench/quant.py --model runs/speedrun/pretrain/final --data runs/speedrun/data
    python bench/quant.py --model ... --data ... --kernels   # + int kernels vs dequantize-and-matmul
    python bench/quant.py --model ... --engine --threads 1    # only: each precision in the inference engine

--engine: per precision, the weights the engine holds (the model's tensors plus what the engine derives from
them: stacked projections, int4's kernel layout; each storage counted once) and its greedy decode tokens/s at
batch 1 (speculation off), eager and compiled; quantized models run on their integers (model/ops.py).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import math
import os
import statistics
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F

import nanoseek
from nanoseek.data.loader import val_batches
from nanoseek.engine import Engine, SamplingParams
from nanoseek.export.gguf import export_gguf
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.quant import apply_quant, weight_bytes, weight_only
from nanoseek.quant.modules import QuantLinear
from nanoseek.tasks import get_task
from nanoseek.tokenizer import Tokenizer
from nanoseek.train.evaluate import evaluate_task
from nanoseek.train.flops import machine


@torch.no_grad()
def validate(model, data: str, seq_len: int, batch: int, max_batches: int | None) -> tuple[float, float]:
    """(perplexity, top-1 next-token accuracy) over the val split."""
    nll, hits, count = 0.0, 0, 0
    for i, (x, y) in enumerate(val_batches(data, batch, seq_len)):
        if max_batches is not None and i >= max_batches:
            break
        logits = model(x).float()
        nll += float(F.cross_entropy(logits.flatten(0, 1), y.flatten(), reduction="sum"))
        hits += int((logits.argmax(-1) == y).sum())
        count += y.numel()
    return math.exp(nll / count), hits / count


@torch.inference_mode()
def nanoseek_tokens(model, prompt, kernels: bool = True):
    """Greedy tokens, one per next(): the model's own forward over its latent cache (the modules' own
    arithmetic; --engine measures the inference engine). kernels=False: the int kernels off (dequantize +
    matmul)."""
    cache = model.new_cache(1, model.config.max_position_embeddings)
    ids = prompt
    while True:
        rows = weight_only.KERNEL_MAX_ROWS
        weight_only.KERNEL_MAX_ROWS = rows if kernels else 0
        try:
            token = int(model(torch.tensor([ids]), cache)[0, -1].argmax())
        finally:
            weight_only.KERNEL_MAX_ROWS = rows
        yield token
        ids = [token]


def llama_tokens(llm, prompt):
    return (int(t) for t in llm.generate(prompt, top_k=1, temp=0.0, reset=True))


def lockstep(make: dict, n: int, rounds: int) -> dict[str, float]:
    """Decode tokens/s of each decoder (make[name]() -> a fresh token iterator): all of them advance one
    token at a time, in rotating order, so the machine's noise falls on every one alike; the first token
    (prefill) is not timed. Median over rounds of fresh decodes."""
    rates = {k: [] for k in make}
    names = list(make)
    for _ in range(rounds):
        its = {k: make[k]() for k in names}
        for it in its.values():
            next(it)
        spent = dict.fromkeys(names, 0.0)
        for i in range(n - 1):
            for k in names[i % len(names):] + names[: i % len(names)]:
                t0 = time.perf_counter()
                next(its[k])
                spent[k] += time.perf_counter() - t0
        for k in names:
            rates[k].append((n - 1) / spent[k])
    return {k: statistics.median(v) for k, v in rates.items()}


def to_bf16(fp32):
    """A copy with bf16 parameters (buffers, such as the router's expert bias, stay float32, as on load)."""
    bf16 = copy.deepcopy(fp32)
    for p in bf16.parameters():
        p.data = p.data.bfloat16()
    return bf16


def precisions(fp32):
    """name -> (model computing in float32, the same quantization of the bf16 weights: its bytes are what a
    checkpoint of that precision holds, unquantized tensors in bf16 as in DeepSeek's FP8 release)."""
    bf16 = to_bf16(fp32)
    models = {"bf16": (bf16, bf16), "fp32": (fp32, fp32)}
    for kind, group in (("int8", 0), ("int4", 32), ("int4", 64), ("fp8", 0)):
        name = f"{kind}-g{group}" if group else kind
        models[name] = tuple(apply_quant(copy.deepcopy(m), kind, group_size=group or 32) for m in (fp32, bf16))
    return models


def rounds(fns: dict, n: int) -> dict[str, float]:
    """Median of n interleaved calls of each fn (rotating the order), each returning a number."""
    values = {k: [] for k in fns}
    names = list(fns)
    for r in range(n):
        for k in names[r % len(names):] + names[: r % len(names)]:
            values[k].append(fns[k]())
    return {k: statistics.median(v) for k, v in values.items()}


def w8a8(x, q, s):
    xs = x.abs().amax(-1, keepdim=True) / 127
    return torch._int_mm((x / xs).round().to(torch.int8), q.t()) * xs * s


def kernels():
    """us per call of tiny-preset-sized linear layers: float matmuls, the packed int kernels (bf16
    activations) and dequantize + float32 matmul; decides weight_only.KERNEL_MAX_ROWS. Times are CPU
    seconds of this process (less sensitive than wall time to other processes on a shared machine)."""
    print("\n## int kernels vs dequantize + matmul (us per call, median of 7 interleaved rounds)")
    for rows, k, n in ((1, 256, 768), (1, 768, 256), (1, 256, 4096), (16, 256, 768), (64, 256, 768),
                       (4096, 256, 768)):
        lin = torch.nn.Linear(k, n, bias=False)
        x = torch.randn(rows, k)
        q8, q4 = QuantLinear(lin, weight_only.Int8()), QuantLinear(lin, weight_only.Int4(32))
        q4(x[:1])  # builds the int4 kernel's own weight layout
        pack, scales_zeros = q4._cache["kernel"]
        fns = {"fp32": lambda: F.linear(x, lin.weight),
               "bf16": lambda: F.linear(x.bfloat16(), lin.weight.bfloat16()),
               "int8 kernel": lambda: torch._weight_int8pack_mm(x.bfloat16(), q8.qweight, q8.scales.bfloat16()),
               "int8 dequant": lambda: F.linear(x, q8.qweight.float()) * q8.scales,
               "int4 kernel": lambda: torch._weight_int4pack_mm_for_cpu(x.bfloat16(), pack, 32, scales_zeros),
               "int4 dequant": lambda: F.linear(x, q4.scheme.dequantize(q4.qweight, q4.scales, torch.float32))}
        if rows > 16:  # for reference, int8 x int8 (AVX-512 VNNI), activations quantized per row: W8A8, not
            fns["w8a8 _int_mm"] = lambda: w8a8(x, q8.qweight, q8.scales)  # weight-only (numerics differ)
        reps = 200 if rows < 100 else 3

        def timer(f):
            def run():
                t0 = time.process_time()
                for _ in range(reps):
                    f()
                return (time.process_time() - t0) / reps * 1e6
            return run
        us = rounds({name: timer(f) for name, f in fns.items()}, 7)
        print(f"  {rows:5d} x {k:4d} -> {n:4d}: " + "  ".join(f"{name} {v:.1f}" for name, v in us.items()))


def engine_tokens(engine: Engine, prompt: list[int], n: int):
    for event in engine.submit(prompt, SamplingParams(temperature=0, max_tokens=n)):
        yield from event.tokens


def engines(fp32, prompt: list[int], tokens: int, rounds: int) -> None:
    """Each precision in the engine (batch 1, no speculation), eager then compiled: weight MiB held and decode
    tokens/s, all precisions of one mode in lockstep."""
    models = {"fp32": fp32, "bf16": to_bf16(fp32)}
    models |= {kind: apply_quant(copy.deepcopy(fp32), kind) for kind in ("int8", "int4", "fp8")}  # compute in fp32
    max_len = len(prompt) + tokens + 8
    held, speed = {}, {}
    for mode, compile in (("eager", False), ("compiled", True)):
        built = {}
        for name, m in models.items():
            t0 = time.perf_counter()
            built[name] = Engine(m, max_batch=1, max_len=max_len, speculative=False, compile=compile,
                                 threads=torch.get_num_threads())
            held[name, mode] = weight_bytes(m, built[name].im.weights)
            print(f"  {name} {mode}: engine ready in {time.perf_counter() - t0:.1f} s", flush=True)
        rates = lockstep({name: (lambda e=e: engine_tokens(e, prompt, tokens)) for name, e in built.items()},
                         tokens, rounds)
        speed |= {(name, mode): v for name, v in rates.items()}
        del built
    print(f"\n## the inference engine per precision: batch 1, {tokens} greedy tokens, no speculation, "
          f"{torch.get_num_threads()} thread(s), precisions of one mode in lockstep, median of {rounds}; "
          "int8/int4/fp8 quantized from fp32, computing in fp32")
    print("| precision | weights held, eager (MiB) | compiled (MiB) | vs fp32 (eager / compiled) | eager tok/s "
          "| vs fp32 | compiled tok/s | vs fp32 | compiled / eager |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in models:
        e, c = held[name, "eager"], held[name, "compiled"]
        se, sc = speed[name, "eager"], speed[name, "compiled"]
        print(f"| {name} | {e / 2**20:.2f} | {c / 2**20:.2f} | {e / held['fp32', 'eager']:.2f} / "
              f"{c / held['fp32', 'compiled']:.2f} | {se:.1f} | {se / speed['fp32', 'eager']:.2f} | {sc:.1f} "
              f"| {sc / speed['fp32', 'compiled']:.2f} | {sc / se:.2f} |")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", help="a trained checkpoint with its tokenizer (default: the speedrun's last stage)")
    p.add_argument("--data", default="runs/speedrun/data", help="its data directory (the val split)")
    p.add_argument("--task", default="arithmetic", help="the reasoning task whose test split is scored")
    p.add_argument("--task-problems", type=int, default=64)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--max-batches", type=int, default=None, help="default: the whole val split")
    p.add_argument("--tokens", type=int, default=128, help="greedy tokens per decode run")
    p.add_argument("--rounds", type=int, default=3, help="decode rounds (each decoder decodes --tokens per round)")
    p.add_argument("--kernels", action="store_true")
    p.add_argument("--engine", action="store_true", help="only the engine per precision (no --data needed)")
    p.add_argument("--threads", type=int, default=None, help="torch and llama.cpp threads (default: torch's)")
    args = p.parse_args(argv)
    if args.model is None:
        stages = [Path("runs/speedrun") / s / "final" for s in ("grpo", "sft", "pretrain")]
        args.model = next((str(s) for s in stages if (s / "config.json").exists()), None)
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.engine:  # the trained checkpoint, else the tiny preset with random weights
        fp32 = (nanoseek.load(args.model, dtype=torch.float32, device="cpu") if args.model
                else Transformer(get_preset("tiny")).eval())
        tok = args.model and Path(args.model, "tokenizer.json").exists() and Tokenizer.load(args.model)
        prompt = tok.encode("The answer to 17 + 25 is", bos=True) if tok else [0, 5, 17, 99, 3]
        print(f"# engine per precision: {args.model or 'tiny preset, random weights'}, {datetime.date.today()}, "
              f"{machine()}; "
              f"load average {os.getloadavg()[0]:.1f}")
        engines(fp32, prompt, args.tokens, args.rounds)
        return
    if args.model is None or not Path(args.data, "manifest.json").exists():
        print("bench/quant.py needs a trained checkpoint and its data: run `make speedrun` first, or pass "
              "--model DIR --data DIR")
        return
    import llama_cpp

    fp32 = nanoseek.load(args.model, dtype=torch.float32, device="cpu")
    prompt = next(val_batches(args.data, 1, 32))[0][0].tolist()
    print(f"# dynamic precision: {args.model}, {datetime.date.today()}, {machine()}, "
          f"llama-cpp-python {llama_cpp.__version__}; load average {os.getloadavg()[0]:.1f}")
    if args.kernels:
        kernels()

    models = precisions(fp32)
    size0 = weight_bytes(models["bf16"][1])
    quality = {name: validate(m, args.data, args.seq, args.batch, args.max_batches) for name, (m, _) in models.items()}
    tok, task = Tokenizer.load(args.model), get_task(args.task)
    solved = {name: evaluate_task(m, tok, task, args.task_problems, max_tokens=96)["pass@1"]
              for name, (m, _) in models.items()}
    ppl0 = quality["bf16"][0]
    speed = lockstep({name: (lambda m=m: nanoseek_tokens(m, prompt)) for name, (m, _) in models.items()},
                     args.tokens, args.rounds)
    print(f"\n## precisions (val: {args.seq}-token windows, "
          f"{'whole split' if args.max_batches is None else f'{args.max_batches} batches of {args.batch}'}; "
          f"decode: batch 1, {args.tokens} greedy tokens, all precisions in lockstep, median of {args.rounds})")
    print(f"| precision | weight MB | smaller vs bf16 | val perplexity | vs bf16 | top-1 acc | {args.task} greedy "
          f"accuracy ({args.task_problems} test problems) | decode tok/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (_, sized) in models.items():
        size, (ppl, acc) = weight_bytes(sized), quality[name]
        print(f"| {name} | {size / 1e6:.2f} | {size0 / size:.2f}x | {ppl:.3f} | {(ppl / ppl0 - 1) * 100:+.2f}% "
              f"| {acc:.4f} | {solved[name]:.3f} | {speed[name]:.1f} |")

    # the int kernels at decode (rows <= KERNEL_MAX_ROWS) vs dequantize + float32 matmul
    speed = lockstep({"fp32": lambda: nanoseek_tokens(fp32, prompt),
                      **{f"{name} {'kernels' if k else 'dequant'}": (lambda m=models[name][0], k=k:
                                                                      nanoseek_tokens(m, prompt, kernels=k))
                         for name in ("int8", "int4-g32") for k in (True, False)}},
                     args.tokens, args.rounds)
    print(f"\n## decode with the int kernels (rows <= {weight_only.KERNEL_MAX_ROWS}, bf16 activations) vs "
          "dequantize + float32 matmul")
    print("  " + ", ".join(f"{k} {v:.1f} tok/s" for k, v in speed.items()))

    # nanoseek vs llama.cpp on the same weights
    threads = torch.get_num_threads()
    int8 = models["int8"][0]
    with tempfile.TemporaryDirectory() as d:
        ggufs = {t: export_gguf(fp32, args.model, Path(d) / f"m-{t}.gguf", tensor_type=t) for t in ("f32", "q8_0")}
        f32 = llama_cpp.GGML_TYPE_F32
        llms = {t: llama_cpp.Llama(model_path=str(path), n_ctx=len(prompt) + args.tokens + 8, n_threads=threads,
                                   n_threads_batch=threads, verbose=False, type_k=f32, type_v=f32)
                for t, path in ggufs.items()}
        first = lambda it: [next(it) for _ in range(args.tokens)]  # noqa: E731
        theirs, ours = first(llama_tokens(llms["f32"], prompt)), first(nanoseek_tokens(fp32, prompt))
        same = sum(a == b for a, b in zip(theirs, ours))
        speed = lockstep({"llama.cpp f32": lambda: llama_tokens(llms["f32"], prompt),
                          "nanoseek fp32": lambda: nanoseek_tokens(fp32, prompt),
                          "llama.cpp q8_0": lambda: llama_tokens(llms["q8_0"], prompt),
                          "nanoseek int8": lambda: nanoseek_tokens(int8, prompt)}, args.tokens, args.rounds)
        sizes = {t: path.stat().st_size for t, path in ggufs.items()}
    print(f"\n## decode vs llama.cpp: batch 1, {args.tokens} greedy tokens, {threads} threads each, in lockstep "
          f"(GGUF f32 {sizes['f32'] / 1e6:.1f} MB, q8_0 {sizes['q8_0'] / 1e6:.1f} MB; llama.cpp's KV cache f32)")
    print(f"  greedy tokens equal, llama.cpp (f32 GGUF) vs nanoseek (fp32): {same}/{args.tokens}")
    for k, v in speed.items():
        print(f"  {k:16s} {v:8.1f} tok/s")
    print(f"  nanoseek / llama.cpp: fp32 vs f32 {speed['nanoseek fp32'] / speed['llama.cpp f32']:.2f}, "
          f"int8 vs q8_0 {speed['nanoseek int8'] / speed['llama.cpp q8_0']:.2f}")


if __name__ == "__main__":
    main()
