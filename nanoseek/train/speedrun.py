"""The main job, `nanoseek speedrun`: raw text to a trained DeepSeek-architecture model and its cost report.

Stages: data (tokenizer + shards from the embedded corpus) -> pretraining (tiny preset on the CPU by
default) -> evaluation -> samples -> report.md. Interrupt it at any time and run it again with --resume.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..checkpoint import load
from ..data import build
from ..data.shards import load_manifest, tokens, unigram_entropy
from ..engine import SamplingParams, generate
from ..tokenizer import Tokenizer
from .pretrain import PretrainConfig, pretrain
from .report import write_report

PROMPTS = ("ROMEO:", "To be, or not to be", "KING HENRY:\nWhat news")


@dataclass
class SpeedrunConfig:
    out: str = "runs/speedrun"
    preset: str = "tiny"
    vocab_size: int = 4096
    steps: int = 600
    batch_size: int = 16
    seq_len: int = 256
    lr: float = 3e-3
    dtype: str = "auto"
    device: str | None = None
    compile: bool = False
    seed: int = 0
    resume: bool = False
    hour_price: float | None = None
    sample_tokens: int = 80


def samples(run_final: Path, n_tokens: int, seed: int) -> list[tuple[str, str]]:
    model = load(run_final)
    tok = Tokenizer.load(run_final)
    params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=n_tokens, seed=seed, stop_token_ids=(tok.eos_id,))
    return [(p, tok.decode(list(generate(model, tok.encode(p, bos=True), params)), skip_special=True))
            for p in PROMPTS]


def speedrun(sc: SpeedrunConfig) -> dict:
    start = time.time()
    out = Path(sc.out)
    data, run = out / "data", out / "pretrain"
    print(f"[1/4] data: tokenizer ({sc.vocab_size} tokens) and shards from the embedded corpus -> {data}")
    try:
        manifest = load_manifest(data) if sc.resume else None
    except FileNotFoundError:
        manifest = None
    if manifest is None or manifest["vocab_size"] != sc.vocab_size:
        manifest = build(data, vocab_size=sc.vocab_size)
    train_tokens = manifest["splits"]["train"]["tokens"]
    print(f"      {train_tokens:,} training tokens, {manifest['splits']['val']['tokens']:,} validation tokens")

    print(f"[2/4] pretraining the {sc.preset} preset for {sc.steps} steps of {sc.batch_size}x{sc.seq_len} tokens")
    resume = sc.resume and (run / "checkpoint").exists()
    summary = pretrain(PretrainConfig(
        data=str(data), out=str(run), preset=sc.preset, steps=sc.steps, batch_size=sc.batch_size,
        seq_len=sc.seq_len, lr=sc.lr, dtype=sc.dtype, device=sc.device, compile=sc.compile, seed=sc.seed,
        resume=resume, eval_every=max(1, sc.steps // 6), ckpt_every=max(1, sc.steps // 6)))
    if not summary["finished"]:
        print(f"stopped at step {summary['step']}: continue with `nanoseek speedrun --resume --out {sc.out}`")
        return summary
    summary["unigram_entropy"] = unigram_entropy(tokens(data, "train"))

    print("[3/4] samples from the trained model")
    shown = samples(run / "final", sc.sample_tokens, sc.seed)
    for prompt, text in shown:
        print(f"--- {prompt!r}\n{prompt}{text}\n")

    print("[4/4] report")
    chat = (f"nanoseek generate --model {run / 'final'} --prompt 'ROMEO:' --temperature 0.8 --top-p 0.95 "
            "--max-tokens 200")
    sections = ["## Samples (temperature 0.8, top-p 0.95)", ""]
    sections += [f"**{p!r}**\n\n```\n{p}{t}\n```\n" for p, t in shown]
    sections += ["## Use the model", "", f"```\n{chat}\n```", ""]
    report = write_report(run, summary, sc.hour_price, sections)
    summary["total_time"] = time.time() - start
    print(f"validation loss {summary['val_loss']:.3f} nats/token (unigram entropy of the corpus "
          f"{summary['unigram_entropy']:.3f}), {summary['val_bpb']:.3f} bits/byte")
    print(f"speedrun done in {summary['total_time'] / 60:.1f} min; report: {report}")
    print(f"try it: {chat}")
    return summary
