"""`nanoseek serve` and `nanoseek chat`: add_commands(sub) adds both to the CLI's subparsers."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from pathlib import Path

API_KEY_ENV = "NANOSEEK_API_KEY"  # one key, or several separated by commas


def _engine_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", required=True, help="checkpoint directory (with tokenizer.json)")
    p.add_argument("--dtype", choices=["fp32", "bf16"], default=None, help="default: as stored")
    quant_flags(p)
    p.add_argument("--device", default=None, help="cpu, cuda, ... (default: cuda if available)")
    p.add_argument("--max-batch", type=int, default=16, help="sequences decoded together (cache rows)")
    p.add_argument("--max-len", type=int, default=None, help="context per sequence (default: the model's)")
    p.add_argument("--no-speculative", action="store_true", help="turn off MTP speculative decoding")
    p.add_argument("--threads", type=int, default=1, help="torch threads of the engine (0: torch's default)")
    p.add_argument("--deterministic", action="store_true",
                   help="batch-invariant mode: a request's tokens do not depend on what else runs beside it (by "
                        "default the engine batches with plain GEMMs, whose last bits depend on the batch)")
    p.add_argument("--no-compile", action="store_true",
                   help="run the engine's forward eagerly; by default it is compiled with torch.compile at start-up "
                        "(seconds to a minute, /health answers 503 meanwhile), ~2.7x faster decoding on a CPU")


def quant_flags(p: argparse.ArgumentParser) -> None:
    from ..quant import KINDS

    p.add_argument("--quant", choices=KINDS, default=None,
                   help="quantize a floating-point checkpoint on load and run on the quantized weights (a quantized "
                        "checkpoint runs as stored)")
    p.add_argument("--group-size", type=int, default=None, help="int4: input channels per scale (default 32)")


def load_engine(args):
    """Model, tokenizer and engine from the flags of _engine_flags."""
    import torch

    from ..checkpoint import load_quantized
    from ..engine import Engine
    from ..tokenizer import Tokenizer

    dtype = {None: None, "fp32": torch.float32, "bf16": torch.bfloat16}[args.dtype]
    tokenizer = Tokenizer.load(args.model)
    model = load_quantized(args.model, args.quant, args.group_size, dtype=dtype, device=args.device)
    if not args.no_compile:
        print("compiling the engine's forward (torch.compile: seconds to a minute; --no-compile skips it)",
              file=sys.stderr, flush=True)
    engine = Engine(model, tokenizer, max_batch=args.max_batch, max_len=args.max_len,
                    speculative=False if args.no_speculative else None, threads=args.threads or None,
                    deterministic=args.deterministic, compile=not args.no_compile)
    return engine, tokenizer


def cmd_serve(args) -> None:
    import uvicorn

    from .app import Limits, ServerState, create_app
    from .limits import Limiter, load_limits

    keys = set(args.api_key or []) | {k.strip() for k in os.environ.get(API_KEY_ENV, "").split(",") if k.strip()}
    try:
        default, per_key = load_limits(args.limits) if args.limits else (None, {})
    except ValueError as e:
        sys.exit(f"nanoseek serve --limits: {e}")
    limits = Limits(max_body_bytes=args.max_body_bytes, max_messages=args.max_messages,
                    request_timeout=args.request_timeout, max_queue=args.max_queue)
    state = ServerState(model_name=args.model_name or Path(args.model).resolve().name, api_keys=keys | set(per_key),
                        limits=limits, limiter=Limiter(default, per_key), metrics_keys=set(args.metrics_key or []))
    if args.guard:
        from ..guard import Guard, load_policy

        try:  # a bad policy or a guard model that does not load stops the server before it listens
            state.guard = Guard(load_policy(args.guard))
        except ValueError as e:
            sys.exit(f"nanoseek serve --guard: {e}")

    def load():  # in the background: the server answers 503 (and /health says so) until the model is in
        try:
            state.attach(*load_engine(args))
            print(f"nanoseek: serving {state.model_name} at http://{args.host}:{args.port} (web chat at /)",
                  flush=True)
        except Exception as e:  # keep answering, with the reason, rather than dying silently
            state.load_error = f"{type(e).__name__}: {e}"
            print(f"nanoseek: could not load {args.model}: {state.load_error}", file=sys.stderr, flush=True)

    threading.Thread(target=load, daemon=True).start()
    uvicorn.run(create_app(state), host=args.host, port=args.port, log_level=args.log_level,
                timeout_graceful_shutdown=args.drain_timeout)


def cmd_chat(args) -> None:
    from ..engine import SamplingParams
    from .chat_cli import chat

    tools = None
    if args.tools:
        try:
            tools = json.loads(Path(args.tools).read_text())
        except (OSError, ValueError) as e:
            raise SystemExit(f"nanoseek chat: --tools {args.tools}: expected a JSON file with OpenAI's tools list; "
                             f"{e}") from None
    engine, tokenizer = load_engine(args)
    params = SamplingParams(temperature=args.temperature, top_p=args.top_p, max_tokens=args.max_tokens,
                            stop_token_ids=(tokenizer.eos_id,))
    try:
        chat(engine, tokenizer, params, system=args.system, show_reasoning=not args.hide_reasoning,
             thinking=not args.no_think, tools=tools, tool_choice=args.tool_choice)
    except ValueError as e:  # the tools, refused as the server refuses them
        raise SystemExit(f"nanoseek chat: --tools {args.tools}: {e}") from None


def add_commands(sub) -> None:
    s = sub.add_parser("serve", help="OpenAI-compatible API server with reasoning_content, and a web chat at /")
    _engine_flags(s)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--api-key", action="append", help=f"accepted key (repeatable; also ${API_KEY_ENV})")
    s.add_argument("--model-name", default=None, help="the id clients use (default: the directory's name)")
    s.add_argument("--max-body-bytes", type=int, default=1 << 20)
    s.add_argument("--max-messages", type=int, default=256)
    s.add_argument("--drain-timeout", type=float, default=60, help="seconds SIGTERM waits for open requests")
    s.add_argument("--limits", default=None, metavar="FILE",
                   help="per-key limits, JSON: concurrent requests, tokens per minute, queue share, request timeout "
                        "(nanoseek/serve/limits.py); its keys are accepted API keys too")
    s.add_argument("--request-timeout", type=float, default=None, metavar="SECONDS",
                   help="cancel a request that runs longer (408); per key in --limits")
    s.add_argument("--max-queue", type=int, default=None, help="requests waiting for a cache slot (then 429)")
    s.add_argument("--metrics-key", action="append", help="a key that may read /metrics only (repeatable)")
    s.add_argument("--log-level", default="info")
    s.add_argument("--guard", default=None, metavar="POLICY",
                   help="check conversations and outputs: 'default' (the classifier shipped in nanoseek/guard) or a "
                        ".json / .toml policy file (keys in nanoseek/guard/policy.py)")
    s.set_defaults(fn=cmd_serve)

    s = sub.add_parser("chat", help="chat with a model in the terminal")
    _engine_flags(s)
    s.add_argument("--system", default=None, help="a system prompt")
    s.add_argument("--temperature", type=float, default=0.6)
    s.add_argument("--top-p", type=float, default=0.95)
    s.add_argument("--max-tokens", type=int, default=512)
    s.add_argument("--hide-reasoning", action="store_true", help="do not print the model's thinking")
    s.add_argument("--no-think", action="store_true",
                   help="start with thinking off (the model answers at once); /think on|off switches it")
    s.add_argument("--tools", default=None, metavar="FILE",
                   help="a JSON file with OpenAI's tools list: the model may call them (shown as it does), and the "
                        "next lines typed are the results")
    s.add_argument("--tool-choice", default="auto", choices=["auto", "required", "none"],
                   help="with --tools (/tools auto|required|none switches it)")
    s.set_defaults(fn=cmd_chat)
