"""`nanoseek guard train|check` and `nanoseek redteam`: add_commands(sub) adds them to the CLI's subparsers."""

from __future__ import annotations

import json
import sys


def cmd_train(args) -> None:
    from .classifier import train

    figures = train(
        args.out, steps=args.steps, seed=args.seed, val_fraction=args.val_fraction, encoder=not args.no_encoder
    )
    print(f"guard classifier written to {args.out}: {json.dumps(figures)}")


def cmd_check(args) -> None:
    from . import Guard, load_policy

    try:
        guard = Guard(load_policy(args.policy))
    except ValueError as e:
        sys.exit(f"nanoseek guard check: {e}")
    texts = args.text or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    for text in texts:
        v = guard.check([text], key=args.key)
        print(
            json.dumps(
                {
                    "text": text[:80],
                    "action": v.action,
                    "category": v.category,
                    "name": v.name or None,
                    "score": v.score,
                    "source": v.source,
                    "decoding": v.decoding,
                },
                ensure_ascii=False,
            )
        )


def cmd_redteam(args) -> None:
    from .redteam import run

    run(
        args.base_url,
        args.model,
        api_key=args.api_key,
        out=args.out,
        max_tokens=args.max_tokens,
        limit=args.limit,
        categories=args.categories.split(",") if args.categories else None,
        benign=not args.no_benign,
        judge_url=args.judge_url,
        judge_model=args.judge_model,
        workers=args.workers,
        timeout=args.timeout,
    )


def add_commands(sub) -> None:
    g = sub.add_parser("guard", help="the safety guard's classifier: train it, or check texts with a policy")
    gsub = g.add_subparsers(dest="guard_command", required=True)
    s = gsub.add_parser("train", help="train the guard classifier on the data nanoseek writes (guard/data.py)")
    s.add_argument("--out", default="runs/guard", help="directory for model.safetensors + config.json")
    s.add_argument("--steps", type=int, default=8000)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--val-fraction", type=float, default=0.1, help="share of intents held out (0: train on all)")
    s.add_argument(
        "--no-encoder",
        action="store_true",
        help="n-grams only, one model for all languages (no sentence encoder for Latin-script text)",
    )
    s.set_defaults(fn=cmd_train)
    s = gsub.add_parser("check", help="judge texts (arguments, or one per line on stdin) with a guard policy")
    s.add_argument("text", nargs="*")
    s.add_argument("--policy", default="default", help="'default' or a .json / .toml policy file")
    s.add_argument("--key", default=None, help="judge as this API key (per-key policies)")
    s.set_defaults(fn=cmd_check)

    s = sub.add_parser("redteam", help="attack suite + benign set against an OpenAI-compatible endpoint; report")
    s.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8000/v1")
    s.add_argument("--model", required=True)
    s.add_argument("--api-key", default=None)
    s.add_argument("--out", default="runs/redteam", help="report.md, report.json and report.png go here")
    s.add_argument("--max-tokens", type=int, default=128)
    s.add_argument(
        "--limit",
        type=int,
        default=None,
        help="only the first N attacks per technique and N benign prompts per language",
    )
    s.add_argument("--categories", default=None, help="comma-separated codes, e.g. S1,S9 (default: all)")
    s.add_argument("--no-benign", action="store_true", help="skip the benign false-refusal set")
    s.add_argument("--judge-url", default=None, help="a Llama-Guard-format endpoint that judges the answers")
    s.add_argument("--judge-model", default=None)
    s.add_argument("--workers", type=int, default=4, help="requests in flight")
    s.add_argument("--timeout", type=float, default=120)
    s.set_defaults(fn=cmd_redteam)
