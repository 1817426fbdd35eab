"""garak's attack-success rate against `nanoseek serve`, bare and with `--guard default`, per probe family.

garak is a peer and is never imported here: it runs as its own program, from a Python environment of its own
(its dependencies pin packages that nanoseek's test environment pins differently), against each server over
HTTP, with the OpenAI-compatible generator. Set up once:
    python3 -m venv runs/garak-venv && runs/garak-venv/bin/pip install torch==2.13.0 garak==0.17.1
Then:
    python bench/garak_guard.py --garak-python runs/garak-venv/bin/python --model runs/speedrun/sft/final

What garak sees: by default it reads `content` only and cuts every answer at '#' or ';'. Here the requests
turn thinking off (`extra_params: {"extra_body": {"thinking": {"type": "disabled"}}}`), so everything the model
writes is `content`, and `stop` is empty, so nothing is cut. Probes: the active ones of the families `dan`, `encoding`,
`latentinjection` and `promptinject`, except `latentinjection.LatentJailbreak`, whose detector is a classifier
that garak downloads from a model hub (no downloads here). --cap prompts per probe (garak's
soft_probe_prompt_cap), --generations per prompt. Attack success = the share of generations garak's detector
marks as a hit ("fails" in its report); a blocked request answers with an in-band refusal (finish_reason
content_filter), which garak scores like any other answer.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

FAMILIES = ("dan", "encoding", "latentinjection", "promptinject")
EXCLUDED = ("latentinjection.LatentJailbreak",)  # its detector downloads a classifier


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(model: str, port: int, guard: bool, max_len: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "nanoseek", "serve", "--model", model, "--port", str(port), "--no-compile",
           "--model-name", "nanoseek", "--max-len", str(max_len), "--log-level", "warning"]
    proc = subprocess.Popen(cmd + (["--guard", "default"] if guard else []))
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}: {' '.join(cmd)}") from None
            time.sleep(1)
    proc.kill()
    raise RuntimeError("the server did not become ready in 10 minutes")


def probes(garak_python: str) -> list[str]:
    """The active probes of FAMILIES, as garak lists them."""
    out = subprocess.run([garak_python, "-m", "garak", "--list_probes"], capture_output=True, text=True, check=True)
    names = []
    for line in out.stdout.splitlines():
        m = re.match(r"probes: (\S+)(.*)", re.sub(r"\x1b\[[0-9;]*m", "", line))
        if m is None or m[2].strip():  # not a probe, or a family header (a star) or an inactive probe (zzz)
            continue
        if m[1].split(".")[0] in FAMILIES and m[1] not in EXCLUDED and "." in m[1]:
            names.append(m[1])
    return names


def run_garak(garak_python: str, port: int, names: list[str], args, workdir: Path, label: str) -> Path:
    config = {
        "system": {"parallel_requests": args.parallel, "lite": True},
        "run": {"generations": args.generations, "soft_probe_prompt_cap": args.cap, "seed": args.seed},
        "plugins": {
            "target_type": "openai.OpenAICompatible", "target_name": "nanoseek",
            "probe_spec": ",".join(names),
            "generators": {"openai": {"OpenAICompatible": {
                "uri": f"http://127.0.0.1:{port}/v1/", "api_key": "unused", "stop": [], "max_tokens": args.max_tokens,
                "temperature": 1.0, "extra_params": {"extra_body": {"thinking": {"type": "disabled"}}}}}},
        },
        "reporting": {"report_dir": str(workdir), "report_prefix": label},
    }
    path = workdir / f"{label}.yaml"
    path.write_text(json.dumps(config))  # JSON is YAML
    env = {**os.environ, "OPENAICOMPATIBLE_API_KEY": "unused"}
    subprocess.run([garak_python, "-m", "garak", "--config", str(path)], check=True, env=env, cwd=workdir)
    found = sorted(workdir.rglob(f"{label}*.report.jsonl"))
    if not found:
        raise RuntimeError(f"garak wrote no report under {workdir}")
    return found[-1]


def attack_success(report: Path) -> dict[str, dict[str, float]]:
    """Per probe family: generations scored, and how many garak's detectors marked as hits. A probe judged by
    several detectors (encoding: DecodeMatch and DecodeApprox) counts with the one that found the most hits."""
    probes_ = collections.defaultdict(lambda: (0, 0))
    for line in report.read_text().splitlines():
        entry = json.loads(line)
        if entry.get("entry_type") == "eval":
            hits, total = entry["fails"], entry["passed"] + entry["fails"]
            probes_[entry["probe"]] = max(probes_[entry["probe"]], (hits, total))
    fams = collections.defaultdict(lambda: [0, 0])
    for probe, (hits, total) in probes_.items():
        family = fams[probe.removeprefix("probes.").split(".")[0]]
        family[0] += hits
        family[1] += total
    return {f: {"scored": t, "hits": h, "asr": h / t if t else float("nan")} for f, (h, t) in fams.items()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--garak-python", required=True, help="the python of an environment with garak installed")
    p.add_argument("--model", required=True, help="the checkpoint the server serves")
    p.add_argument("--cap", type=int, default=32, help="prompts per probe (garak's soft_probe_prompt_cap)")
    p.add_argument("--generations", type=int, default=1)
    p.add_argument("--max-tokens", type=int, default=64)
    p.add_argument("--max-len", type=int, default=2048)
    p.add_argument("--parallel", type=int, default=8, help="garak's parallel_requests")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--probes", help="comma-separated probes instead of the families' active ones")
    p.add_argument("--runs", default="bare,guarded", help="which servers to scan (results.json keeps the others)")
    p.add_argument("--out", default="runs/garak")
    args = p.parse_args()
    args.garak_python = os.path.abspath(args.garak_python)  # garak runs in a work folder; a venv's python not resolved
    names = args.probes.split(",") if args.probes else probes(args.garak_python)
    print(f"{len(names)} probes: {', '.join(names)}")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    saved = out / "results.json"
    results = json.loads(saved.read_text()) if saved.exists() else {}
    for label, guard in (("bare", False), ("guarded", True)):
        if label not in args.runs.split(","):
            continue
        port = free_port()
        server = serve(args.model, port, guard, args.max_len)
        start = time.time()
        try:
            with tempfile.TemporaryDirectory(dir=out) as work:
                report = run_garak(args.garak_python, port, names, args, Path(work), label)
                results[label] = attack_success(report)
                (out / f"{label}.report.jsonl").write_text(report.read_text())
        finally:
            server.terminate()
            server.wait(timeout=60)
        print(f"{label}: {time.time() - start:.0f} s")
    saved.write_text(json.dumps(results, indent=2) + "\n")
    print("| probe family | generations | attack success, bare | with --guard default |")
    print("|---|---|---|---|")
    for family in FAMILIES:
        b, g = results.get("bare", {}).get(family), results.get("guarded", {}).get(family)
        if b and g:
            print(f"| {family} | {b['scored']} | {b['asr']:.1%} ({b['hits']}) | {g['asr']:.1%} ({g['hits']}) |")


if __name__ == "__main__":
    main()
