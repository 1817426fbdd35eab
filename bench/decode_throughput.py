"""Decode throughput: nanoseek's engine vs transformers' `generate` on the same saved weights, greedy.

For each dtype: batch 1 (one prompt) and batch B (B prompts decoded together; nanoseek submits B requests
to one engine, transformers runs one batched `generate`), the same prompt lengths and number of new
tokens, EOS ignored on both sides (transformers: min_new_tokens; nanoseek: no stop token). The two are
interleaved `--repeats` times and the ratio of medians is reported: the machine is shared and noisy.
Then, on a trained checkpoint (--model), MTP speculative decoding against plain decoding at batch 1:
acceptance rate, tokens per forward, speed-up, and a check that both give the same tokens. Last, the KV
cache per token: MLA's latent cache vs the expanded multi-head cache (transformers' measured size, and
the formula for the deepseek-v3 shape; transformers 5 caches the latent too).

    python bench/decode_throughput.py                                # tiny preset, random weights
    python bench/decode_throughput.py --model runs/speedrun/pretrain/final --threads 2
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

import nanoseek
from nanoseek.config import get_preset
from nanoseek.engine import Engine, SamplingParams


def machine() -> str:
    info = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    flags = fields.get("Flags", "").split()
    isa = " ".join(f for f in ("avx512f", "avx512_bf16", "amx_bf16") if f in flags) or "no avx512"
    return (f"{fields.get('Model name', '?').strip()}, {fields.get('CPU(s)', '?').strip()} cpus, {isa}"
            f"{'' if 'amx_bf16' in flags else ' (no AMX)'}; torch {torch.__version__}, "
            f"{torch.get_num_threads()} threads")


def prompts(n: int, length: int, vocab: int, seed: int = 0) -> list[list[int]]:
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(2, vocab, (length,), generator=g).tolist() for _ in range(n)]


def run_nanoseek(model, batch: list[list[int]], new: int, speculative: bool,
                 invariant: bool = True) -> tuple[float, list[list[int]], Engine]:
    engine = Engine(model, max_batch=len(batch), max_len=len(batch[0]) + new, speculative=speculative,
                    prefix_reuse=False, batch_invariant=invariant)
    start = time.perf_counter()
    reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=new)) for p in batch]
    outs = [r.result().output_ids for r in reqs]
    return time.perf_counter() - start, outs, engine


def run_hf(hf, batch: list[list[int]], new: int) -> tuple[float, list[list[int]]]:
    ids = torch.tensor(batch)
    start = time.perf_counter()
    with torch.no_grad():
        out = hf.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=new, min_new_tokens=new,
                          do_sample=False, pad_token_id=0)
    return time.perf_counter() - start, out[:, ids.shape[1]:].tolist()


def agreement(a: list[list[int]], b: list[list[int]]) -> float:
    """Mean share of leading tokens on which two greedy outputs agree (fp rounding parts them at near-ties)."""
    def lead(x, y):
        return next((i for i, (s, t) in enumerate(zip(x, y)) if s != t), len(x)) / len(x)
    return statistics.mean(lead(x, y) for x, y in zip(a, b))


def decode(args, path: Path, dtype: torch.dtype) -> list[dict]:
    from transformers import AutoModelForCausalLM

    model = nanoseek.load(path, dtype=dtype, device="cpu")
    hf = AutoModelForCausalLM.from_pretrained(path, dtype=dtype).eval()
    vocab = model.config.vocab_size
    rows = []
    for batch_size in (1, args.batch):
        batch = prompts(batch_size, args.prompt_len, vocab)
        run_nanoseek(model, batch, 4, False), run_hf(hf, batch, 4)  # warm-up
        ours, fast, theirs = [], [], []
        for _ in range(args.repeats):
            t, out_n, _ = run_nanoseek(model, batch, args.new_tokens, False)
            ours.append(t)
            if batch_size > 1:  # the same engine with plain batched matmuls (not batch-invariant)
                fast.append(run_nanoseek(model, batch, args.new_tokens, False, invariant=False)[0])
            t, out_h = run_hf(hf, batch, args.new_tokens)
            theirs.append(t)
        tokens = batch_size * args.new_tokens
        n, h = tokens / statistics.median(ours), tokens / statistics.median(theirs)
        rows.append({"dtype": str(dtype).removeprefix("torch."), "batch": batch_size, "nanoseek_tok_s": round(n, 1),
                     "transformers_tok_s": round(h, 1), "ratio": round(n / h, 2),
                     "greedy_agreement": round(agreement(out_n, out_h), 3)})
        if fast:
            f = tokens / statistics.median(fast)
            rows[-1].update(nanoseek_not_invariant_tok_s=round(f, 1), not_invariant_ratio=round(f / h, 2))
        print(json.dumps(rows[-1]), flush=True)
    return rows


def speculation(args, path: Path) -> list[dict]:
    """MTP drafting vs plain decoding at batch 1, greedy, on text prompts; in the default batch-invariant
    engine and with plain matmuls (where verifying [token, draft] costs less than two steps)."""
    model = nanoseek.load(path, dtype=torch.float32, device="cpu")
    if not len(model.mtp):
        return [{"note": "the checkpoint has no MTP module"}]
    batch = _text_prompts(path, args.prompt_len) or prompts(4, args.prompt_len, model.config.vocab_size)
    rows = []
    for invariant in (True, False):
        plain, spec, accepted, drafted, same = [], [], 0, 0, True
        for p in batch:
            run_nanoseek(model, [p], 4, True, invariant)
            for _ in range(args.repeats):
                t0, out0, _ = run_nanoseek(model, [p], args.new_tokens, False, invariant)
                t1, out1, engine = run_nanoseek(model, [p], args.new_tokens, True, invariant)
                plain.append(t0)
                spec.append(t1)
                same &= out0 == out1
                accepted += engine.stats.accepted
                drafted += engine.stats.drafted
        rate = accepted / drafted
        rows.append({"batch_invariant": invariant, "prompts": len(batch), "new_tokens": args.new_tokens,
                     "acceptance": round(rate, 3), "tokens_per_forward": round(1 + rate, 3),
                     "plain_tok_s": round(args.new_tokens / statistics.median(plain), 1),
                     "speculative_tok_s": round(args.new_tokens / statistics.median(spec), 1),
                     "speedup": round(statistics.median(plain) / statistics.median(spec), 2),
                     "identical_to_plain_greedy": same})
        print(json.dumps({"mtp": rows[-1]}), flush=True)
    return rows


def _text_prompts(path: Path, length: int) -> list[list[int]]:
    """Prompts of real text when the checkpoint has a tokenizer (acceptance depends on the text)."""
    if not (path / "tokenizer.json").exists():
        return []
    from nanoseek.tokenizer import Tokenizer

    tok = Tokenizer.load(path)
    texts = ["ROMEO:\nBut soft, what light through yonder window breaks? It is the east, and Juliet",
             "KING HENRY:\nOnce more unto the breach, dear friends, once more; or close the wall up",
             "HAMLET:\nTo be, or not to be, that is the question: whether 'tis nobler in the mind",
             "First Citizen:\nBefore we proceed any further, hear me speak. All: Speak, speak."]
    return [tok.encode(t, bos=True) for t in texts if len(tok.encode(t, bos=True)) >= length // 2]


def kv_cache(path: Path) -> dict:
    """Bytes per cached token over the main layers: nanoseek's latent cache (allocated), transformers'
    cache (measured after a forward), and the expanded multi-head K/V cache MLA replaces (per head a
    key of qk_head_dim and a value of v_head_dim numbers)."""
    from transformers import AutoModelForCausalLM

    model = nanoseek.load(path, dtype=torch.float32, device="cpu")
    cfg = model.config
    cache = model.new_cache(1, 1)
    latent = cache.bytes_per_token() * cfg.num_hidden_layers // cache.kv.shape[0]  # main layers, like for like
    hf = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    tokens = 64
    with torch.no_grad():
        past = hf(torch.tensor([list(range(2, 2 + tokens))]), use_cache=True).past_key_values
    hf_bytes = sum(t.numel() * t.element_size() for layer in past.layers for t in (layer.keys, layer.values))

    def mha(c, nbytes):
        return c.num_hidden_layers * c.num_attention_heads * (c.qk_head_dim + c.v_head_dim) * nbytes

    def mla(c, nbytes):
        return c.num_hidden_layers * (c.kv_lora_rank + c.qk_rope_head_dim) * nbytes

    v3 = get_preset("deepseek-v3")
    return {"nanoseek_latent_bytes_per_token": latent, "transformers_cache_bytes_per_token": hf_bytes // tokens,
            "expanded_mha_bytes_per_token": mha(cfg, 4), "mha_over_latent": round(mha(cfg, 4) / latent, 1),
            "deepseek_v3_bf16_kib_per_token": {"latent": round(mla(v3, 2) / 1024, 1),
                                               "expanded_mha": round(mha(v3, 2) / 1024, 1),
                                               "ratio": round(mha(v3, 2) / mla(v3, 2), 1)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="a checkpoint (default: the tiny preset with random weights)")
    ap.add_argument("--preset", default="tiny")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--prompt-len", type=int, default=32)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--dtypes", default="fp32,bf16")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.model) if args.model else Path(tmp)
        if not args.model:
            nanoseek.save(nanoseek.Transformer(get_preset(args.preset)), path)
        print(f"# decode throughput, {datetime.date.today()}, {machine()}")
        print(f"# command: {' '.join(sys.argv)}")
        dtypes = {"fp32": torch.float32, "bf16": torch.bfloat16}
        results = {"decode": [r for d in args.dtypes.split(",") if d for r in decode(args, path, dtypes[d])]}
        results["kv_cache"] = kv_cache(path)
        print(json.dumps({"kv_cache": results["kv_cache"]}), flush=True)
        if args.model:
            results["mtp"] = speculation(args, path)


if __name__ == "__main__":
    main()
