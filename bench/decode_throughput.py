"""Decode throughput: nanoseek's engine vs transformers' `generate` and llama.cpp on the same weights, greedy.

nanoseek runs in the engine's four modes: compiled (torch.compile of the model's own forward: the default of
`nanoseek serve`) or eager (`--no-compile`), each throughput (GEMMs over the batch, the default) or deterministic
(batch-invariant, `--deterministic`). Peers: transformers' DeepseekV3 `generate` on the saved checkpoint, and llama.cpp
(llama-cpp-python) on nanoseek's own GGUF export of the same weights (f32 GGUF for fp32, bf16 for bf16).
For each dtype: batch 1 (one prompt) and batch B (B prompts decoded together; nanoseek submits B requests
to one engine, transformers runs one batched `generate`; llama.cpp only at batch 1), the same prompt
lengths and number of new tokens, EOS ignored everywhere (transformers: min_new_tokens; nanoseek: no stop
token; llama.cpp: its EOS is the tokenizer's, which random weights rarely pick). The runs are interleaved
`--repeats` times and the ratio of medians is reported: the machine is shared and noisy. Timings include
the prompt's prefill, never compilation (reported apart: the first engine of a shape compiles).
Then, on a trained checkpoint (--model), MTP speculative decoding against plain decoding at batch 1, in the
deterministic mode: acceptance rate, tokens per forward, speed-up, a check that both give the same tokens, and
the engine's own choice (speculative=None: it drafts only where it measures a gain). Last, the KV
cache per token: MLA's latent cache vs the expanded multi-head cache.

    python bench/decode_throughput.py                           # tiny preset, random weights, fp32, CPU
    python bench/decode_throughput.py --model runs/speedrun/pretrain/final --threads 2
    python bench/decode_throughput.py --device cuda --dtypes bf16   # on a GPU (llama.cpp if built for it)
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

import nanoseek
from nanoseek.engine import Engine, SamplingParams
from nanoseek.presets import get_preset
from nanoseek.train.flops import machine

DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}


def prompts(n: int, length: int, vocab: int, seed: int = 0) -> list[list[int]]:
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(2, vocab, (length,), generator=g).tolist() for _ in range(n)]


def clock(device: str) -> float:
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    return time.perf_counter()


def engine(model, batch: list[list[int]], new: int, speculative: bool, compile: bool, deterministic: bool = False):
    return Engine(model, max_batch=len(batch), max_len=len(batch[0]) + new, speculative=speculative,
                  prefix_reuse=False, deterministic=deterministic, compile=compile)


def run_nanoseek(model, batch: list[list[int]], new: int, speculative: bool, compile: bool,
                 deterministic: bool = False) -> tuple[float, list[list[int]], Engine]:
    e = engine(model, batch, new, speculative, compile, deterministic)  # compiled code is reused: not timed
    start = clock(str(e.im.device))
    reqs = [e.submit(p, SamplingParams(temperature=0, max_tokens=new)) for p in batch]
    outs = [r.result().output_ids for r in reqs]
    return clock(str(e.im.device)) - start, outs, e


def run_hf(hf, batch: list[list[int]], new: int) -> tuple[float, list[list[int]]]:
    ids = torch.tensor(batch, device=hf.device)
    start = clock(str(hf.device))
    with torch.no_grad():
        out = hf.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=new, min_new_tokens=new,
                          do_sample=False, pad_token_id=0)
    return clock(str(hf.device)) - start, out[:, ids.shape[1]:].tolist()


def run_llama(llm, batch: list[list[int]], new: int) -> tuple[float, list[list[int]]]:
    start = time.perf_counter()
    out = []
    for t in llm.generate(batch[0], top_k=1, temp=0.0, reset=True):
        out.append(int(t))
        if len(out) == new:
            break
    return time.perf_counter() - start, [out]


def llama_peer(model, tokenizer_dir: Path, dtype: str, device: str, n_ctx: int, gguf_dir: Path):
    """llama.cpp on nanoseek's GGUF export of `model`, or None (not installed, or a CPU build on a GPU run)."""
    try:
        import llama_cpp
    except ImportError:
        return None, "llama-cpp-python is not installed"
    gpu = device.startswith("cuda")
    if gpu and not llama_cpp.llama_supports_gpu_offload():
        return None, "this llama-cpp-python is a CPU build: no GPU peer"
    from nanoseek.export.gguf import export_gguf

    path = export_gguf(model, tokenizer_dir, gguf_dir / f"model-{dtype}.gguf",
                       tensor_type={"fp32": "f32", "bf16": "bf16"}[dtype])
    f32 = llama_cpp.GGML_TYPE_F32  # llama.cpp's default f16 KV cache alone moves logits by ~1e-3
    threads = torch.get_num_threads()
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads,
                          n_gpu_layers=-1 if gpu else 0, verbose=False, type_k=f32, type_v=f32)
    return llm, f"llama-cpp-python {llama_cpp.__version__}, {path.stat().st_size / 1e6:.1f} MB GGUF"


def agreement(a: list[list[int]], b: list[list[int]]) -> float:
    """Mean share of leading tokens on which two greedy outputs agree (fp rounding parts them at near-ties)."""
    def lead(x, y):
        return next((i for i, (s, t) in enumerate(zip(x, y)) if s != t), len(x)) / len(x)
    return statistics.mean(lead(x, y) for x, y in zip(a, b))


def rate(tokens: int, seconds: list[float]) -> float:
    return round(tokens / statistics.median(seconds), 1)


def decode(args, path: Path, tokenizer_dir: Path | None, dtype: str) -> list[dict]:
    from transformers import AutoModelForCausalLM

    model = nanoseek.load(path, dtype=DTYPES[dtype], device=args.device)
    hf = AutoModelForCausalLM.from_pretrained(path, dtype=DTYPES[dtype]).to(args.device).eval()
    vocab = model.config.vocab_size
    rows = []
    with tempfile.TemporaryDirectory() as gguf_dir:
        llm, note = (None, "--no-llama") if args.no_llama or tokenizer_dir is None else llama_peer(
            nanoseek.load(path, dtype=torch.float32, device="cpu"), tokenizer_dir, dtype, args.device,
            args.prompt_len + args.new_tokens + 8, Path(gguf_dir))
        print(f"# llama.cpp peer: {note}", flush=True)
        for batch_size in (1, args.batch):
            batch = prompts(batch_size, args.prompt_len, vocab)
            peers, compile_s = {}, None
            # the engine's four modes: compiled or eager, throughput (GEMMs over the batch) or deterministic
            for compiled in (False,) if args.no_compile else (True, False):
                for det in (False, True):
                    name = ("compiled" if compiled else "eager") + ("_deterministic" if det else "")
                    if compiled:
                        start = time.perf_counter()
                        engine(model, batch, args.new_tokens, False, True, det)  # compiles (later engines reuse it)
                        compile_s = round(time.perf_counter() - start, 1)
                    peers[name] = (lambda c=compiled, d=det:
                                   run_nanoseek(model, batch, args.new_tokens, False, c, deterministic=d)[:2])
            ours = list(peers)
            peers["transformers"] = lambda: run_hf(hf, batch, args.new_tokens)
            if llm is not None and batch_size == 1:
                peers["llama.cpp"] = lambda: run_llama(llm, batch, args.new_tokens)
            for run in peers.values():  # warm-up
                run()
            times, outs = {k: [] for k in peers}, {}
            for _ in range(args.repeats):
                for k, run in peers.items():
                    t, outs[k] = run()
                    times[k].append(t)
            tokens = batch_size * args.new_tokens
            tok_s = {k: rate(tokens, v) for k, v in times.items()}
            row = {"dtype": dtype, "batch": batch_size, "tok_s": tok_s, "compile_s": compile_s}
            for peer in ("transformers", "llama.cpp"):
                if peer in tok_s:
                    row.update({f"{k}_vs_{peer}": round(tok_s[k] / tok_s[peer], 2) for k in ours})
                    row[f"greedy_agreement_{peer}"] = round(agreement(outs[ours[0]], outs[peer]), 3)
            if "compiled" in tok_s:
                row["compiled_vs_eager"] = round(tok_s["compiled"] / tok_s["eager"], 2)
            print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def speculation(args, path: Path) -> list[dict]:
    """MTP drafting vs plain decoding at batch 1, greedy, on text prompts, compiled and eager."""
    model = nanoseek.load(path, dtype=torch.float32, device=args.device)
    if not len(model.mtp):
        return [{"note": "the checkpoint has no MTP module"}]
    batch = _text_prompts(path, args.prompt_len) or prompts(4, args.prompt_len, model.config.vocab_size)
    rows = []
    for compile in (False,) if args.no_compile else (True, False):
        plain, spec, auto, accepted, drafted, same = [], [], [], 0, 0, True
        for p in batch:
            run_nanoseek(model, [p], args.new_tokens, True, compile, True)  # warm-up (compiles the MTP module)
            for _ in range(args.repeats):
                t0, out0, _ = run_nanoseek(model, [p], args.new_tokens, False, compile, True)
                t1, out1, e = run_nanoseek(model, [p], args.new_tokens, True, compile, True)
                t2, out2, chose = run_nanoseek(model, [p], args.new_tokens, None, compile, True)
                plain.append(t0)
                spec.append(t1)
                auto.append(t2)
                same &= out0 == out1 == out2
                accepted += e.stats.accepted
                drafted += e.stats.drafted
        acceptance = accepted / drafted
        rows.append({"compiled": compile, "prompts": len(batch), "new_tokens": args.new_tokens,
                     "acceptance": round(acceptance, 3), "tokens_per_forward": round(1 + acceptance, 3),
                     "plain_tok_s": rate(args.new_tokens, plain), "speculative_tok_s": rate(args.new_tokens, spec),
                     "speedup": round(statistics.median(plain) / statistics.median(spec), 2),
                     "auto_tok_s": rate(args.new_tokens, auto), "auto_drafts": chose.drafter.pays,
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


def random_checkpoint(preset: str, directory: Path) -> None:
    """The preset with random weights and a byte-level BPE tokenizer trained on the embedded corpus (the
    GGUF export, llama.cpp's input, carries the tokenizer)."""
    from nanoseek.data.sources import default_corpus
    from nanoseek.tokenizer import Tokenizer

    cfg = get_preset(preset)
    tok = Tokenizer.train([doc[:100_000] for doc in list(default_corpus())[:4]], vocab_size=cfg.vocab_size)
    nanoseek.save(nanoseek.Transformer(cfg), directory)
    tok.save(directory)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="a checkpoint (default: the tiny preset with random weights)")
    ap.add_argument("--preset", default="tiny")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--prompt-len", type=int, default=32)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1, help="torch and llama.cpp threads")
    ap.add_argument("--dtypes", default="fp32", help="comma-separated: fp32, bf16 (bf16 is slow on CPUs "
                    "without AMX)")
    ap.add_argument("--no-llama", action="store_true", help="leave llama.cpp out")
    ap.add_argument("--no-compile", action="store_true", help="eager engine only (no torch.compile)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.model) if args.model else Path(tmp)
        if not args.model:
            random_checkpoint(args.preset, path)
        tokenizer_dir = path if (path / "tokenizer.json").exists() else None
        print(f"# decode throughput, {datetime.date.today()}, {machine(args.device)}, device {args.device}")
        print(f"# command: {' '.join(sys.argv)}")
        results = {"decode": [r for d in args.dtypes.split(",") if d for r in decode(args, path, tokenizer_dir, d)]}
        if args.model:
            results["mtp"] = speculation(args, path)
        results["kv_cache"] = kv_cache(path)
        print(json.dumps({"kv_cache": results["kv_cache"]}), flush=True)


if __name__ == "__main__":
    main()
