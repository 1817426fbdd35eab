"""The guard's cost in the server: latency of a chat request at batch 1 on the `tiny` preset, with and without
`--guard default`, streamed and not, alternating request by request so that drift hits both sides alike.

    python bench/guard_overhead.py [--requests 20] [--max-tokens 64] [--compile] [--policy FILE]

The weights are random (the cost of a forward does not depend on them) and the tokenizer is trained on the
embedded corpus; every prompt is a benign look-alike, so the input check runs in full and generation follows.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import threading
import time

import torch
import uvicorn

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx

from nanoseek.data.sources import default_corpus
from nanoseek.engine import Engine
from nanoseek.guard import Guard, load_policy
from nanoseek.guard.benign_eval import BENIGN_EVAL
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.serve.app import ServerState, create_app
from nanoseek.tokenizer import Tokenizer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--compile", action="store_true", help="torch.compile the engine's forward (slower start)")
    ap.add_argument("--policy", default="default", help="'default' or a policy file (e.g. another classifier's)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    docs = [d for _, d in zip(range(4), default_corpus())]  # four plays: enough for a 4096-token BPE
    tok = Tokenizer.train(docs, vocab_size=get_preset("tiny").vocab_size)
    cfg = get_preset("tiny")
    torch.manual_seed(0)
    model = Transformer(cfg).eval()
    state = ServerState(model_name="tiny")
    state.attach(Engine(model, tok, max_batch=4, max_len=1024, threads=1, compile=args.compile), tok)
    guard = Guard(load_policy(args.policy))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(state), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    prompts = [p for ps in BENIGN_EVAL.values() for p in ps][: args.requests]
    times = {(g, s): [] for g in (False, True) for s in (False, True)}
    tokens = 0
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as c:
        for stream in (False, True):
            for i, p in enumerate(prompts):
                for guarded in ((False, True) if i % 2 else (True, False)):
                    state.guard = guard if guarded else None
                    body = {"model": "tiny", "messages": [{"role": "user", "content": p}],
                            "max_tokens": args.max_tokens, "temperature": 0, "stream": stream,
                            "stream_options": {"include_usage": True} if stream else None}
                    start = time.perf_counter()
                    r = c.post("/v1/chat/completions", json=body)
                    times[(guarded, stream)].append(time.perf_counter() - start)
                    if not stream and guarded:
                        tokens += r.json()["usage"]["completion_tokens"]
    server.should_exit = True
    state.engine.stop(drain=False, timeout=10)
    checks = sum(guard.counts.values())
    out = {"requests": len(prompts), "max_tokens": args.max_tokens, "guard_checks": checks,
           "guard_seconds": guard.seconds, "blocked": sum(n for (_, _, a), n in guard.counts.items() if a != "allow")}
    for stream in (False, True):
        off, on = statistics.median(times[(False, stream)]), statistics.median(times[(True, stream)])
        name = "stream" if stream else "plain"
        out[f"{name}_median_s_off"], out[f"{name}_median_s_on"] = off, on
        out[f"{name}_overhead"] = on / off - 1
        print(f"{name}: median request {off * 1000:.0f} ms without the guard, {on * 1000:.0f} ms with it "
              f"({out[f'{name}_overhead']:+.1%}); {len(prompts)} requests x {args.max_tokens} tokens, batch 1")
    per_request = guard.seconds / (2 * len(prompts))
    print(f"guard: {checks} checks, {guard.seconds * 1000:.0f} ms in all: {per_request * 1000:.1f} ms per request "
          f"(input + output checks), {guard.seconds / max(1, 2 * tokens) * 1000:.2f} ms per generated token; "
          f"{out['blocked']} of the benign prompts' requests blocked")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
