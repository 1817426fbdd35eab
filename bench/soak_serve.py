"""A soak of `nanoseek serve` under clients that hang up (issue 16): N honest streaming clients for a while
alone, then the same N beside M clients that send a request (streaming or not, chat or completions) and
disconnect at a random moment, over and over. Reports, per phase, the honest clients' tokens/s and errors, the
requests the server cancelled, and the server's memory (RSS) at the start and the end.

    python bench/soak_serve.py                                   # 64 + 64 clients, 10 minutes a phase
    python bench/soak_serve.py --streams 16 --leavers 16 --seconds 60 --no-compile    # a short one
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import random
import signal
import tempfile
import time
from pathlib import Path

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
from serve_throughput import QUESTIONS, checkpoint, start_server

from nanoseek.train.flops import machine


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def metric(text: str, name: str) -> float:
    return sum(float(line.split()[-1]) for line in text.splitlines() if line.startswith(name))


def statuses(text: str) -> dict[str, float]:
    """HTTP answers of the two generation routes by status, from /metrics."""
    out = {}
    for line in text.splitlines():
        if line.startswith("nanoseek_http_requests_total") and "completions" in line:
            status = line.split('status="')[1].split('"')[0]
            out[status] = out.get(status, 0) + float(line.split()[-1])
    return out


async def honest(url: str, model: str, i: int, until: float, max_tokens: int, out: dict) -> None:
    """Streams chat requests back to back until `until`; counts completion tokens and errors."""
    async with httpx.AsyncClient(timeout=120) as client:
        k = 0
        while time.monotonic() < until:
            body = {"model": model, "messages": [{"role": "user", "content": QUESTIONS[(i + k) % len(QUESTIONS)]}],
                    "max_tokens": max_tokens, "temperature": 0.7, "seed": i * 1000 + k, "stream": True,
                    "stream_options": {"include_usage": True}}
            k += 1
            try:
                async with client.stream("POST", url + "/v1/chat/completions", json=body) as r:
                    if r.status_code != 200:
                        out["errors"].append(f"HTTP {r.status_code}")
                        continue
                    usage = None
                    async for line in r.aiter_lines():
                        if line.startswith("data: {"):
                            chunk = json.loads(line[6:])
                            if "error" in chunk:
                                out["errors"].append(chunk["error"]["message"])
                            usage = chunk.get("usage") or usage
                    out["tokens"] += usage["completion_tokens"] if usage else 0
            except (httpx.HTTPError, KeyError, ValueError) as e:
                out["errors"].append(f"{type(e).__name__}: {e}")


async def leaver(url: str, model: str, i: int, until: float, rng: random.Random, out: dict) -> None:
    """Sends a request and hangs up after 0.05-2 s, over and over; counts the requests it left."""
    while time.monotonic() < until:
        stream, chat = rng.random() < 0.5, rng.random() < 0.5
        body = {"model": model, "max_tokens": 200, "temperature": 0.7, "stream": stream,
                **({"messages": [{"role": "user", "content": QUESTIONS[i % len(QUESTIONS)]}]} if chat
                   else {"prompt": QUESTIONS[i % len(QUESTIONS)]})}
        path = "/v1/chat/completions" if chat else "/v1/completions"
        async with httpx.AsyncClient(timeout=120) as client:
            task = asyncio.create_task(client.post(url + path, json=body))
            await asyncio.sleep(rng.uniform(0.05, 2.0))
            if task.done():
                out["answered"] += 1  # finished before the client left (or refused)
                continue
            task.cancel()  # closes the connection mid-request
            out["left"] += 1
            try:
                await task
            except (asyncio.CancelledError, httpx.HTTPError):
                pass


async def phase(url: str, model: str, args, leavers: int) -> dict:
    until = time.monotonic() + (args.seconds if leavers or args.alone_seconds is None else args.alone_seconds)
    outs = [{"tokens": 0, "errors": []} for _ in range(args.streams)]
    left = {"left": 0, "answered": 0}
    rng = random.Random(16)
    start = time.monotonic()
    await asyncio.gather(*[honest(url, model, i, until, args.max_tokens, outs[i]) for i in range(args.streams)],
                         *[leaver(url, model, i, until, random.Random(rng.random()), left) for i in range(leavers)])
    took = time.monotonic() - start
    errors = [e for o in outs for e in o["errors"]]
    return {"tok_s": sum(o["tokens"] for o in outs) / took, "errors": len(errors), "first_errors": errors[:3], **left}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default=None, help="checkpoint (default: tiny preset, random weights)")
    p.add_argument("--streams", type=int, default=64, help="honest streaming clients")
    p.add_argument("--leavers", type=int, default=64, help="clients that disconnect at random moments")
    p.add_argument("--seconds", type=float, default=600, help="length of each phase")
    p.add_argument("--alone-seconds", type=float, default=None, help="length of the phase without leavers "
                   "(default: --seconds)")
    p.add_argument("--max-tokens", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--no-compile", action="store_true")
    p.add_argument("--no-speculative", action="store_true")
    p.add_argument("--deterministic", action="store_true")
    args = p.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        path = checkpoint(args, Path(tmp))
        proc, url = start_server(path, args)
        try:
            model = httpx.get(url + "/v1/models").json()["data"][0]["id"]
            rss0 = rss_mib(proc.pid)
            alone = asyncio.run(phase(url, model, args, 0))
            rss1 = rss_mib(proc.pid)
            text0 = httpx.get(url + "/metrics").text
            cancelled0, answers0 = metric(text0, 'nanoseek_requests_total{finish_reason="cancelled"}'), statuses(text0)
            mixed = asyncio.run(phase(url, model, args, args.leavers))
            time.sleep(3)  # the last leavers' requests are being cancelled
            text = httpx.get(url + "/metrics").text
            cancelled = metric(text, 'nanoseek_requests_total{finish_reason="cancelled"}') - cancelled0
            running, waiting = metric(text, "nanoseek_batch_size"), metric(text, "nanoseek_waiting_requests")
            answers = {k: v - answers0.get(k, 0) for k, v in sorted(statuses(text).items()) if v > answers0.get(k, 0)}
            rss2 = rss_mib(proc.pid)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=120)
    alone_s = args.seconds if args.alone_seconds is None else args.alone_seconds
    print(f"{datetime.date.today()}: {args.streams} honest streams x {args.max_tokens} tokens, {alone_s:g} s alone "
          f"then {args.seconds:g} s with the leavers, {'eager' if args.no_compile else 'compiled'}")
    print(f"  alone:                 {alone['tok_s']:.1f} tok/s, {alone['errors']} errors {alone['first_errors']}")
    print(f"  with {args.leavers} leavers:      {mixed['tok_s']:.1f} tok/s ({mixed['tok_s'] / alone['tok_s']:.2f}x), "
          f"{mixed['errors']} errors {mixed['first_errors']}; the leavers left {mixed['left']} requests "
          f"({mixed['answered']} were answered before), the server cancelled {cancelled:.0f}; after the run "
          f"{running:.0f} running, {waiting:.0f} waiting; HTTP statuses of phase 2 {answers}")
    print(f"  server RSS: {rss0:.0f} MiB at start, {rss1:.0f} MiB after phase 1, {rss2:.0f} MiB at the end")


if __name__ == "__main__":
    main()
