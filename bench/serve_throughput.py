"""Serving throughput: N concurrent streaming chat requests through `nanoseek serve`, against the same
requests sent one at a time to the same server, and against transformers' batched `generate` of the same
number of tokens on the same weights (no server: an upper bound for a Python peer without batching
dynamics). The server runs in its own process (as deployed); the clients are asyncio streams.

    python bench/serve_throughput.py --model runs/speedrun/pretrain/final          # 32 streams
    python bench/serve_throughput.py                     # tiny preset, random weights, corpus tokenizer
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
import torch

from nanoseek.train.flops import machine

QUESTIONS = ["What is the capital of France?", "Write a line about the sea.", "Count from one to ten.",
             "Who wrote Hamlet?", "Explain rain to a child.", "Name three colours.", "What is 12 times 7?",
             "Say hello in French."]


def checkpoint(args, tmp: Path) -> Path:
    if args.model:
        return Path(args.model)
    import nanoseek
    from nanoseek.data.sources import default_corpus
    from nanoseek.presets import get_preset
    from nanoseek.tokenizer import Tokenizer

    texts = [doc[:200_000] for doc in list(default_corpus())[:8]]
    tok = Tokenizer.train(texts, vocab_size=4096)
    torch.manual_seed(0)
    nanoseek.save(nanoseek.Transformer(get_preset("tiny").replace(vocab_size=tok.vocab_size)), tmp)
    tok.save(tmp)
    return tmp


def start_server(path: Path, args) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    launcher = ("import argparse; from nanoseek.serve.commands import add_commands; p = argparse.ArgumentParser(); "
                "add_commands(p.add_subparsers()); a = p.parse_args(); a.fn(a)")
    cmd = [sys.executable, "-c", launcher, "serve", "--model", str(path), "--port", str(port), "--log-level",
           "warning", "--max-batch", str(args.streams), "--threads", str(args.threads), "--max-len", "1024"]
    cmd += ["--no-speculative"] * args.no_speculative + ["--deterministic"] * args.deterministic
    cmd += ["--no-compile"] * args.no_compile
    proc = subprocess.Popen(cmd)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # start-up compiles the engine's forward
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health").status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not come up")


async def one(client: httpx.AsyncClient, url: str, model: str, i: int, max_tokens: int) -> dict:
    body = {"model": model, "messages": [{"role": "user", "content": QUESTIONS[i % len(QUESTIONS)]}],
            "max_tokens": max_tokens, "temperature": 0.7, "seed": i, "stream": True,
            "stream_options": {"include_usage": True}}
    start, first, tokens = time.perf_counter(), None, 0
    async with client.stream("POST", url + "/v1/chat/completions", json=body) as r:
        async for line in r.aiter_lines():
            if not line.startswith("data: {"):
                continue
            chunk = json.loads(line[6:])
            if chunk["choices"] and first is None:
                delta = chunk["choices"][0]["delta"]
                if delta.get("content") or delta.get("reasoning_content"):
                    first = time.perf_counter() - start
            if chunk.get("usage"):
                tokens = chunk["usage"]["completion_tokens"]
    return {"tokens": tokens, "ttft": first or 0.0, "seconds": time.perf_counter() - start}


async def wave(url: str, model: str, n: int, max_tokens: int, concurrent: bool) -> dict:
    async with httpx.AsyncClient(timeout=600, limits=httpx.Limits(max_connections=n + 4)) as client:
        start = time.perf_counter()
        if concurrent:
            results = await asyncio.gather(*(one(client, url, model, i, max_tokens) for i in range(n)))
        else:
            results = [await one(client, url, model, i, max_tokens) for i in range(n)]
        wall = time.perf_counter() - start
    tokens = sum(r["tokens"] for r in results)
    return {"streams": n if concurrent else 1, "requests": n, "tokens": tokens, "seconds": round(wall, 2),
            "tokens_per_s": round(tokens / wall, 1),
            "ttft_p50_s": round(statistics.median(r["ttft"] for r in results), 3)}


def hf_peer(path: Path, n: int, max_tokens: int, prompt_len: int) -> dict:
    from transformers import AutoModelForCausalLM

    hf = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    ids = torch.randint(2, hf.config.vocab_size, (n, prompt_len), generator=torch.Generator().manual_seed(0))
    start = time.perf_counter()
    with torch.no_grad():
        hf.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=max_tokens, min_new_tokens=max_tokens,
                    do_sample=True, temperature=0.7, pad_token_id=0)
    wall = time.perf_counter() - start
    return {"batch": n, "tokens": n * max_tokens, "seconds": round(wall, 2),
            "tokens_per_s": round(n * max_tokens / wall, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="checkpoint with tokenizer.json (default: tiny preset, random weights)")
    ap.add_argument("--streams", type=int, default=32)
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1, help="torch threads of the server's engine and of the peer")
    ap.add_argument("--no-speculative", action="store_true")
    ap.add_argument("--deterministic", action="store_true", help="the server's batch-invariant mode")
    ap.add_argument("--no-compile", action="store_true", help="the server's engine runs eagerly")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        path = checkpoint(args, Path(tmp))
        print(f"# serve throughput, {datetime.date.today()}, {machine()}")
        print(f"# command: {' '.join(sys.argv)}")
        proc, url = start_server(path, args)
        try:
            model = httpx.get(url + "/v1/models").json()["data"][0]["id"]
            asyncio.run(wave(url, model, 2, 8, True))  # warm-up
            together = asyncio.run(wave(url, model, args.streams, args.max_tokens, True))
            print(json.dumps({"server_concurrent": together}), flush=True)
            alone = asyncio.run(wave(url, model, args.streams, args.max_tokens, False))
            print(json.dumps({"server_one_at_a_time": alone}), flush=True)
            metrics = httpx.get(url + "/metrics").text
            accepted = [line for line in metrics.splitlines() if line.startswith("nanoseek_spec_acceptance_rate")]
            print(json.dumps({"concurrent_vs_one_at_a_time": round(together["tokens_per_s"] /
                                                                   alone["tokens_per_s"], 2),
                              "mtp_acceptance": float(accepted[0].split()[-1]) if accepted else None}), flush=True)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        peer = hf_peer(path, args.streams, args.max_tokens, 24)
        print(json.dumps({"transformers_generate": peer,
                          "server_concurrent_vs_transformers": round(together["tokens_per_s"] /
                                                                     peer["tokens_per_s"], 2)}), flush=True)


if __name__ == "__main__":
    main()
