"""Long context: the decoding cache's bytes per token, prefill time and decode speed of DeepSeek-V3 (MLA),
V3.2 (DSA) and V4 (hybrid attention) at growing contexts, on tiny presets of about equal activated parameters.

For each family and context N, on a fresh cache: N random tokens go through the model's cached forward,
`model(ids, cache)`, in chunks of --chunk tokens (prefill, timed; one pass would materialise [heads, N, N]
scores: 16 GiB in float32 at 32K); then --decode-tokens greedy steps of one token at batch 1, each step's argmax
fed to the next (decode tokens/s: one over the median step time, robust to a noisy machine). Every family runs
the same call, eager, plain ops: the one network of model/, whose speed does not depend on training, so the
weights are random and max_position_embeddings is raised to the longest context.

KV bytes per token, after the prefill: measured, the bytes the cache holds for the N tokens of the main layers
/ N (LatentCache: the positions written of its latents, RoPE keys and, V3.2, indexer keys, not the slack it
preallocates nor the MTP layer's rows; HybridCache: bytes_held(), its window, compressed entries and open
windows), beside ModelConfig.kv_cache_bytes(N) / N, the formula, at the run's number width.

    python bench/long_context.py --threads 2 --out long_context.json   # 1K, 8K, 32K: a quiet machine
    python bench/long_context.py --contexts 256,1024 --decode-tokens 8  # a quick check
    python bench/long_context.py --families tiny,tiny-v32 --dtype fp32
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import torch

from nanoseek.config import ConfigError, human
from nanoseek.model import Transformer
from nanoseek.model.hybrid_cache import HybridCache
from nanoseek.presets import get_preset
from nanoseek.train.flops import machine
from nanoseek.train.pretrain import choose_dtype

DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}
FAMILIES = {"deepseek_v2": "V2 (MLA)", "deepseek_v3": "V3 (MLA)", "deepseek_v32": "V3.2 (DSA)",
            "deepseek_v4": "V4 (hybrid)"}


def clock(device: torch.device) -> float:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter()


def held_bytes(cache, cfg) -> int:
    """Bytes the cache holds for the tokens it has seen, over the main layers (forward runs no MTP layer)."""
    if isinstance(cache, HybridCache):
        return cache.bytes_held()
    L, n = cfg.num_hidden_layers, int(cache.lengths.max())
    parts = [cache.kv, cache.pe] + ([] if cache.index_k is None else [cache.index_k])
    return sum(t[:L, :, :n].numel() * t.element_size() for t in parts)


@torch.inference_mode()
def measure(model: Transformer, context: int, decode_tokens: int, chunk: int, seed: int = 0) -> dict:
    cfg, device = model.config, model.embed_tokens.weight.device
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(2, cfg.vocab_size, (1, context), generator=g).to(device)
    cache = model.new_cache(1, context + decode_tokens)
    start = clock(device)
    for c in range(0, context, chunk):
        logits = model(ids[:, c:c + chunk], cache)
    prefill_s = clock(device) - start
    held = held_bytes(cache, cfg)
    token, steps = logits[:, -1:].argmax(-1), []
    for _ in range(decode_tokens):
        start = clock(device)
        token = model(token, cache)[:, -1:].argmax(-1)
        steps.append(clock(device) - start)
    width = model.embed_tokens.weight.element_size()
    peak = (torch.cuda.max_memory_allocated(device) if device.type == "cuda"
            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)  # (Linux: KiB)
    return {"context": context, "kv_bytes_per_token": round(held / context, 1),
            "kv_bytes_per_token_formula": round(cfg.kv_cache_bytes(context, width) / context, 1),
            "prefill_s": round(prefill_s, 3),
            "decode_tok_s": round(1 / statistics.median(steps), 1) if steps else None,
            "peak_memory_gib": round(peak / 2**30, 2)}  # the process's so far (CPU: resident set; GPU: allocated)


def parse_contexts(text: str) -> list[int]:
    try:
        contexts = [int(c) for c in text.split(",") if c.strip()]
    except ValueError:
        contexts = []
    if not contexts or min(contexts) < 1:
        raise SystemExit(f"--contexts wants comma-separated positive token counts, e.g. 1024,8192; found {text!r}")
    return contexts


def table(rows: list[dict]) -> str:
    head = ("| family | preset | active params | context | KV bytes/token (measured) | KV bytes/token (formula) "
            "| prefill s | decode tok/s |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(f"| {r['family']} | {r['preset']} | {human(r['active_params'])} | {r['context']} | "
                     f"{r['kv_bytes_per_token']:g} | {r['kv_bytes_per_token_formula']:g} | {r['prefill_s']:.2f} | "
                     f"{r['decode_tok_s']} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--contexts", default="1024,8192,32768", help="comma-separated context lengths (tokens)")
    ap.add_argument("--decode-tokens", type=int, default=32, help="greedy steps after each prefill")
    ap.add_argument("--families", default="tiny,tiny-v32,tiny-v4", help="comma-separated presets")
    ap.add_argument("--dtype", choices=["auto", *DTYPES], default="auto",
                    help="weights and cache; auto: bf16 where it measures clearly faster than fp32 (and on GPUs)")
    ap.add_argument("--chunk", type=int, default=2048, help="prefill tokens per forward")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--out", help="write the results as JSON here")
    args = ap.parse_args()
    contexts = parse_contexts(args.contexts)
    if args.chunk < 1 or args.decode_tokens < 0:
        raise SystemExit(f"--chunk must be >= 1 and --decode-tokens >= 0; found {args.chunk} and {args.decode_tokens}")
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        presets = {name: get_preset(name) for name in args.families.split(",") if name}
    except ConfigError as e:
        raise SystemExit(f"--families: {e}") from None
    device = torch.device(args.device)
    dtype, peaks, _ = choose_dtype(args.dtype, device)
    longest = max(contexts) + args.decode_tokens
    where = machine(args.device)
    print(f"# long context, {datetime.date.today()}, {where}")
    print(f"# command: {' '.join(sys.argv)}")
    print(f"# dtype {dtype} ({args.dtype}; matmul peaks GFLOP/s: "
          f"{', '.join(f'{k} {v / 1e9:.0f}' for k, v in peaks.items())}), prefill chunk {args.chunk}, "
          f"{args.decode_tokens} decode tokens, batch 1", flush=True)
    rows = []
    for name, cfg in presets.items():
        cfg = cfg.replace(max_position_embeddings=max(cfg.max_position_embeddings, longest))
        torch.manual_seed(0)
        model = Transformer(cfg).to(device=device, dtype=DTYPES[dtype]).eval()
        measure(model, min(2 * args.chunk, 128), min(args.decode_tokens, 2), args.chunk)  # warm-up
        for context in contexts:
            row = {"family": FAMILIES.get(cfg.model_type, cfg.model_type), "preset": name,
                   "active_params": cfg.num_params()["active"], **measure(model, context, args.decode_tokens,
                                                                           args.chunk)}
            print(json.dumps(row), flush=True)
            rows.append(row)
    print(table(rows))
    if args.out:
        Path(args.out).write_text(json.dumps({
            "date": str(datetime.date.today()), "machine": where,
            "command": " ".join(sys.argv), "dtype": dtype, "matmul_peaks": peaks, "chunk": args.chunk,
            "decode_tokens": args.decode_tokens, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
