"""The main job, `nanoseek speedrun`: raw text to a small reasoning model of DeepSeek's architecture.

Stages, each in its own run directory under --out:
  data      tokenizer + shards from the embedded corpus, mixed with worked solutions of the reasoning tasks
  pretrain  the tiny preset on the CPU by default (MTP, aux-loss-free balancing), then samples
  sft       R1's cold start: chat-format worked solutions of the tasks, loss on the assistant's tokens
  grpo      R1-Zero's RL on one task (word problems) with rule-based rewards, held-out accuracy before and after
  report    report.md: cost of pretraining, validation perplexity, held-out accuracies after SFT and after RL (with
            and without the tasks' tools, thinking on and off), RL curves
--fim-baseline (opt-in: a second pretraining) also pretrains the same model without FIM and reports the
fill-in-the-middle metric of both pretrained models.
Interrupt it at any time and run it again with --resume: finished stages are kept, the interrupted one
continues from its last checkpoint. `--grpo-steps 0` (or `--sft-steps 0`) stops after pretraining (or SFT).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from ..checkpoint import load
from ..data import build, documents, write_shards
from ..data.shards import load_manifest, tokens, unigram_entropy
from ..engine import SamplingParams, generate
from ..presets import get_preset
from ..tasks import get_task, task_tools
from ..tokenizer import Tokenizer
from .evaluate import evaluate_copy, evaluate_fim, evaluate_task, evaluate_with_tools
from .grpo import GRPOConfig, grpo
from .metrics import read_metrics
from .pretrain import PretrainConfig, evaluate, pick_device, pretrain
from .report import plot_rl, write_report
from .sft import SFTConfig, sft, task_conversations

PROMPTS = ("ROMEO:", "To be, or not to be", "KING HENRY:\nWhat news")


@dataclass
class SpeedrunConfig:
    out: str = "runs/speedrun"
    preset: str = "tiny"
    vocab_size: int = 4096
    task_documents: int = 4000  # worked solutions per task mixed into the pretraining corpus
    fim_rate: float = 0.1  # share of pretraining documents rearranged for fill-in-the-middle (DeepSeek-V3: 0.1)
    steps: int = 600  # pretraining
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
    # task[:difficulty], comma-separated; word problems at level 0 (one event, numbers below 10) for the RL stage
    sft_tasks: str = "arithmetic,chain_sum,countdown,word_problem,word_problem:0"
    sft_steps: int = 400
    sft_lr: float = 1e-3
    sft_tool_use: float = 0.2  # share of the SFT problems taught as tool-use conversations (calculator, checker)
    sft_seq_len: int = 512  # tool-use conversations carry the tools' descriptions: ~250-420 tokens (batches pad)
    # a second, short SFT phase on the same mix with half the problems as tool conversations (0 steps: none).
    # After the mixed SFT alone the tiny model wrote well-formed calls with the wrong numbers; 200 more steps made
    # it copy the question's numbers into them. Arithmetic alone in this phase made it forget word problems
    # (0.500 -> 0.031), so the whole mix is replayed, arithmetic twice (BENCHMARKS.md, Tools runs 6 and 7)
    sft_tool_steps: int = 200
    sft_tool_tasks: str = "arithmetic,arithmetic,chain_sum,countdown,word_problem,word_problem:0"
    grpo_task: str = "word_problem"  # after SFT the tiny model solves some of these; arithmetic gives no signal
    grpo_difficulty: int | None = 0  # one event, small numbers: 24-35% of samples right after SFT
    grpo_steps: int = 300  # ~4 min on 2 idle cores; 80 steps raised mean@8 but not greedy (BENCHMARKS.md)
    grpo_lr: float = 1e-4  # 2e-4 sharpened more but cost greedy accuracy; 5e-4 collapsed it (BENCHMARKS.md)
    grpo_prompts: int = 8  # prompts per step
    grpo_group: int = 8  # G completions per prompt
    max_tokens: int = 96  # of a completion, in RL and evaluation
    eval_problems: int = 64  # held-out problems per evaluation
    eval_samples: int = 8  # k samples per problem for mean@k / pass@k
    max_tool_calls: int = 3  # turns of tool calls per problem when evaluating with tools
    fim_baseline: bool = False  # also pretrain without FIM (a second pretraining) and report FIM with vs without


def samples(run_final: Path, n_tokens: int, seed: int) -> list[tuple[str, str]]:
    model = load(run_final)
    tok = Tokenizer.load(run_final)
    params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=n_tokens, seed=seed, stop_token_ids=(tok.eos_id,))
    return [(p, tok.decode(list(generate(model, tok.encode(p, bos=True), params)), skip_special=True))
            for p in PROMPTS]


def task_documents(sc: SpeedrunConfig) -> list[str]:
    """Worked solutions as plain text (question, then the <think>/<answer> completion), for pretraining."""
    return [f"{c[1]['content']}\n{c[2]['content']}"
            for c in task_conversations(sc.sft_tasks, sc.task_documents, sc.seed + 1)] if sc.task_documents else []


def pretrain_stage(sc: SpeedrunConfig, data: Path, run: Path) -> dict:
    """Pretraining of the preset on `data` into `run` (kept when finished and resuming); summary.json marks the end."""
    done = run / "summary.json"  # written when pretraining has finished
    if sc.resume and done.exists():
        return json.loads(done.read_text())
    summary = pretrain(PretrainConfig(
        data=str(data), out=str(run), preset=sc.preset, steps=sc.steps, batch_size=sc.batch_size,
        seq_len=sc.seq_len, lr=sc.lr, dtype=sc.dtype, device=sc.device, compile=sc.compile, seed=sc.seed,
        resume=sc.resume and (run / "checkpoint").exists(), eval_every=max(1, sc.steps // 6),
        ckpt_every=max(1, sc.steps // 6)))
    if not summary["finished"]:
        print(f"stopped at step {summary['step']}: continue with `nanoseek speedrun --resume --out {sc.out}`")
        return summary
    summary["unigram_entropy"] = unigram_entropy(tokens(data, "train"))
    done.write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def fim_comparison(sc: SpeedrunConfig, data: Path, run: Path, tasks: list[str]) -> dict:
    """--fim-baseline: pretrain the same model for the same steps on the same documents, tokenizer and seed with no
    document rearranged for FIM, then measure fill-in-the-middle (evaluate_fim: exact match of a held-out worked
    solution's missing line) on both pretrained models. The validation split is plain text in both data
    directories (the same documents), so their validation losses compare too. Cached as fim.json; returns the
    unfinished pretraining's summary if that stopped."""
    cached = Path(sc.out) / "fim.json"
    if sc.resume and cached.exists():
        return json.loads(cached.read_text())
    plain_data, plain_run = Path(sc.out) / "data-nofim", Path(sc.out) / "pretrain-nofim"
    main = load_manifest(data)
    try:
        twin = load_manifest(plain_data)
    except FileNotFoundError:
        twin = None
    if twin is None or twin["tokenizer_sha256"] != main["tokenizer_sha256"]:
        tok = Tokenizer.load(data)
        tok.save(plain_data)
        write_shards(plain_data, tok, documents((), task_documents(sc), use_default_corpus=True), fim_rate=0.0)
    plain = pretrain_stage(sc, plain_data, plain_run)
    if not plain["finished"]:
        return plain
    out = {"fim_rate": sc.fim_rate, "steps": sc.steps, "problems": sc.eval_problems}
    for label, model_dir, summary_path in (("with FIM", run / "final", run / "summary.json"),
                                           ("without FIM", plain_run / "final", plain_run / "summary.json")):
        model, tok = load(model_dir, device=sc.device), Tokenizer.load(model_dir)
        out[label] = {name: evaluate_fim(model, tok, get_task(name), sc.eval_problems, seed=sc.seed)
                      for name in tasks}
        out[label]["val_loss"] = json.loads(summary_path.read_text())["val_loss"]
        out[label]["copy"] = evaluate_copy(model, seed=sc.seed, low=tok.first_text_id)
    cached.write_text(json.dumps(out, indent=2) + "\n")
    return out


def fim_section(sc: SpeedrunConfig, fim: dict, tasks: list[str]) -> list[str]:
    lines = ["## Fill-in-the-middle: pretrained with and without FIM", "",
             f"The same preset, steps, seed, tokenizer and documents; one run rearranges {fim['fim_rate']:.0%} of the "
             "training documents prefix-suffix-middle (`--fim-rate`), the other none (`pretrain-nofim`). Each "
             f"of {fim['problems']} held-out worked solutions per task has one reasoning line taken out; the share "
             "the pretrained model writes exactly (greedy): *fill* = given the prefix and the suffix in the FIM "
             "format; *left to right* = the first line it writes after the prefix alone, which is all a model "
             "without FIM can use. *nll* = the missing line's negative log-likelihood in those two ways (nats per "
             "token, the same tokens; lower is better), finer than exact match.", "",
             "| task | with FIM: fill | with FIM: left to right | without FIM: fill | without FIM: left to right |",
             "|---|---|---|---|---|"]
    w, wo = fim["with FIM"], fim["without FIM"]
    for t in tasks:
        lines += [f"| {t}, exact | {w[t]['fim_exact']:.3f} | {w[t]['prefix_exact']:.3f} | {wo[t]['fim_exact']:.3f} | "
                  f"{wo[t]['prefix_exact']:.3f} |",
                  f"| {t}, nll | {w[t]['fim_nll']:.3f} | {w[t]['prefix_nll']:.3f} | {wo[t]['fim_nll']:.3f} | "
                  f"{wo[t]['prefix_nll']:.3f} |"]
    lines += ["", f"Validation loss (plain text, nats/token): with FIM {w['val_loss']:.3f}, "
              f"without {wo['val_loss']:.3f}.", ""]
    if "copy" in w:  # (a fim.json cached before the probe has none)
        c, d = w["copy"], wo["copy"]
        lines += ["In-context copying (`evaluate_copy`: random token sequences given twice; nats per token of the "
                  f"first copy / the second): with FIM {c['copy_first_nll']:.2f} / {c['copy_second_nll']:.2f}, without "
                  f"{d['copy_first_nll']:.2f} / {d['copy_second_nll']:.2f}. Writing a middle means copying from the "
                  "context (the end of the prefix, the start of the suffix); a model whose second copy costs as much "
                  "as its first has not learned to copy, and no FIM share can make it fill a gap.", ""]
    return lines


def evaluate_all(sc: SpeedrunConfig, model_dir: Path, data: Path, tasks: list[str]) -> dict:
    """Held-out accuracy of each task (greedy and k samples) and validation perplexity; cached as eval.json."""
    cached = model_dir / "eval.json"
    if cached.exists():
        return json.loads(cached.read_text())
    model = load(model_dir, device=sc.device)
    tok = Tokenizer.load(model_dir)
    out = {}
    for name in tasks:
        difficulty = sc.grpo_difficulty if name == sc.grpo_task else None
        out[name] = evaluate_task(model, tok, get_task(name), sc.eval_problems, difficulty, sc.max_tokens,
                                  k=sc.eval_samples, seed=sc.seed)
        off = evaluate_task(model, tok, get_task(name), sc.eval_problems, difficulty, sc.max_tokens, seed=sc.seed,
                            thinking=False)  # the template's other mode: an empty thought, the answer at once
        out[name].update({f"{k} (thinking off)": v for k, v in off.items()})
        if tok.has_tools and task_tools(name):  # the same problems with the task's tool offered and run
            out[name].update(evaluate_with_tools(model, tok, get_task(name), sc.eval_problems, difficulty,
                                                 sc.max_tokens, seed=sc.seed, max_calls=sc.max_tool_calls))
        if tok.has_fim:  # fill-in-the-middle on held-out worked solutions (the pretraining corpus holds others)
            out[name].update(evaluate_fim(model, tok, get_task(name), sc.eval_problems, seed=sc.seed))
    val = evaluate(model, str(data), sc.seq_len, sc.batch_size, 16, pick_device(sc.device))
    out["validation"] = {**val, "perplexity": math.exp(val["val_loss"])}
    cached.write_text(json.dumps(out, indent=2) + "\n")
    return out


def reasoning_section(sc: SpeedrunConfig, evals: dict[str, dict], tasks: list[str], grpo_run: Path | None) -> list[str]:
    k = sc.eval_samples
    names = list(evals)
    lines = ["## Reasoning: held-out accuracy", "",
             f"{sc.eval_problems} test-split problems per task; greedy = one greedy answer (thinking off: the chat "
             f"template's other mode, an empty thought, then the answer); mean@{k} = mean accuracy "
             f"of {k} samples at temperature 1 (R1's pass@1 estimate); pass@{k} = solved by any of them; "
             "greedy (tools) = the same problems with the task's tool offered (calculator, Countdown checker), the "
             f"model's calls run and their results given back, at most {sc.max_tool_calls} turns of calls; "
             "tool_calls = calls per problem; tool_errors = share of calls answered with an error; fim_exact = "
             "share of held-out worked solutions whose missing reasoning line the model fills in exactly "
             "(fill-in-the-middle); prefix_exact = the share it writes exactly from the text before the gap alone; "
             "fim_nll / prefix_nll = the missing line's negative log-likelihood in those two ways (nats per token)."
             + (f" After SFT includes the tool-use phase: {sc.sft_tool_steps} more steps on {sc.sft_tool_tasks}, half "
                "of the problems as tool conversations." if sc.sft_tool_steps else ""),
             "",
             "| task | metric | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for task in tasks:
        for metric in ("pass@1", f"mean@{k}", f"pass@{k}", "format_error", "response_length",
                       "pass@1 (thinking off)", "response_length (thinking off)", "pass@1 (tools)", "tool_calls",
                       "tool_errors", "fim_exact", "prefix_exact", "fim_nll", "prefix_nll"):
            if not any(metric in e[task] for e in evals.values()):
                continue  # e.g. no tools or no FIM tokens in this tokenizer
            label = metric.replace("pass@1", "greedy")
            lines.append(f"| {task}{' (RL task)' if task == sc.grpo_task else ''} | {label} | "
                         + " | ".join(f"{e[task].get(metric, float('nan')):.3f}" for e in evals.values()) + " |")
    lines.append("| validation text | perplexity | " + " | ".join(f"{e['validation']['perplexity']:.2f}"
                                                             for e in evals.values()) + " |")
    lines.append("")
    if grpo_run is not None:
        lines += [f"GRPO on `{sc.grpo_task}`: {sc.grpo_steps} steps of {sc.grpo_prompts} prompts x "
                  f"{sc.grpo_group} completions.", "", "![reinforcement learning](rl.png)", ""]
    return lines


def speedrun(sc: SpeedrunConfig) -> dict:
    start = time.time()
    if sc.fim_baseline and not sc.fim_rate:
        raise ValueError("--fim-baseline compares pretraining with FIM against without: give --fim-rate > 0")
    out = Path(sc.out)
    data, run = out / "data", out / "pretrain"
    print(f"[1/6] data: tokenizer ({sc.vocab_size} tokens) and shards from the embedded corpus and "
          f"{sc.task_documents} worked solutions per task -> {data}")
    try:
        manifest = load_manifest(data) if sc.resume else None
    except FileNotFoundError:
        manifest = None
    if manifest is None or manifest["vocab_size"] != sc.vocab_size:
        manifest = build(data, vocab_size=sc.vocab_size, extra_documents=task_documents(sc), use_default_corpus=True,
                         fim_rate=sc.fim_rate)
    train_tokens = manifest["splits"]["train"]["tokens"]
    print(f"      {train_tokens:,} training tokens, {manifest['splits']['val']['tokens']:,} validation tokens")

    print(f"[2/6] pretraining the {sc.preset} preset for {sc.steps} steps of {sc.batch_size}x{sc.seq_len} tokens")
    summary = pretrain_stage(sc, data, run)
    if not summary["finished"]:
        return summary
    print(f"      validation loss {summary['val_loss']:.3f} nats/token (perplexity "
          f"{math.exp(summary['val_loss']):.1f}; unigram entropy of the corpus {summary['unigram_entropy']:.3f})")
    shown = samples(run / "final", sc.sample_tokens, sc.seed)
    for prompt, text in shown:
        print(f"--- {prompt!r}\n{prompt}{text}\n")

    tasks = list(dict.fromkeys([t.strip().partition(":")[0] for t in sc.sft_tasks.split(",")] + [sc.grpo_task]))
    fim = None
    if sc.fim_baseline:
        print(f"[2/6] FIM baseline: the same pretraining on the same documents without FIM -> {out / 'pretrain-nofim'}")
        fim = fim_comparison(sc, data, run, tasks)
        if "finished" in fim:
            return fim
        for name in tasks:
            w, wo = fim["with FIM"][name], fim["without FIM"][name]
            print(f"      {name:13s} fim_exact with FIM {w['fim_exact']:.3f}  without {wo['fim_exact']:.3f}  "
                  f"(left to right: with {w['prefix_exact']:.3f}, without {wo['prefix_exact']:.3f})")
    evals, final, grpo_run = {}, run / "final", None
    if sc.sft_steps:
        print(f"[3/6] SFT (cold start) on worked solutions of {sc.sft_tasks} for {sc.sft_steps} steps")
        seq_len = min(max(sc.seq_len, sc.sft_seq_len), get_preset(sc.preset).max_position_embeddings)
        stages = [("sft", sc.sft_tasks, sc.sft_steps, sc.sft_tool_use, max(1, sc.sft_steps // 3))]
        if sc.sft_tool_steps:
            print(f"      then a tool-use phase: {sc.sft_tool_steps} steps on {sc.sft_tool_tasks}, half as tool "
                  "conversations")
            stages.append(("sft-tools", sc.sft_tool_tasks, sc.sft_tool_steps, 0.5, sc.sft_tool_steps))
        for name, stage_tasks, steps, tool_use, every in stages:
            stage_run = out / name
            if not (stage_run / "final").exists():
                s = sft(SFTConfig(init=str(final), out=str(stage_run), tasks=stage_tasks, steps=steps,
                                  tool_use=tool_use, lr=sc.sft_lr, batch_size=sc.batch_size, seq_len=seq_len,
                                  dtype=sc.dtype, device=sc.device, seed=sc.seed,
                                  resume=sc.resume and (stage_run / "checkpoint").exists(),
                                  eval_every=every, ckpt_every=max(1, steps // 3)))
                if not s["finished"]:
                    print(f"stopped in SFT: continue with `nanoseek speedrun --resume --out {sc.out}`")
                    return s
            final = stage_run / "final"
        print("[4/6] held-out evaluation after SFT")
        evals["after SFT"] = evaluate_all(sc, final, data, tasks)
        show(evals["after SFT"], tasks, sc.eval_samples)
    if sc.sft_steps and sc.grpo_steps:
        print(f"[5/6] GRPO on {sc.grpo_task} for {sc.grpo_steps} steps")
        grpo_run = out / "grpo"
        if not (grpo_run / "final").exists():
            g = grpo(GRPOConfig(init=str(final), out=str(grpo_run), task=sc.grpo_task, difficulty=sc.grpo_difficulty,
                                steps=sc.grpo_steps, prompts_per_step=sc.grpo_prompts, group_size=sc.grpo_group,
                                max_tokens=sc.max_tokens, lr=sc.grpo_lr, device=sc.device, seed=sc.seed,
                                eval_every=sc.grpo_steps, ckpt_every=max(1, sc.grpo_steps // 4),
                                eval_problems=min(32, sc.eval_problems),
                                resume=sc.resume and (grpo_run / "checkpoint").exists()))
            if not g["finished"]:
                print(f"stopped in GRPO: continue with `nanoseek speedrun --resume --out {sc.out}`")
                return g
        final = grpo_run / "final"
        evals["after GRPO"] = evaluate_all(sc, final, data, tasks)
        print("      after GRPO:")
        show(evals["after GRPO"], tasks, sc.eval_samples)
        plot_rl(read_metrics(grpo_run), out / "rl.png")

    print("[6/6] report")
    chat = f"nanoseek chat --model {final}" if sc.sft_steps else (
        f"nanoseek generate --model {final} --prompt 'ROMEO:' --temperature 0.8 --top-p 0.95 --max-tokens 200")
    sections = ["## Samples after pretraining (temperature 0.8, top-p 0.95)", ""]
    sections += [f"**{p!r}**\n\n```\n{p}{t}\n```\n" for p, t in shown]
    text = write_report(run, summary, sc.hour_price, sections).read_text()
    text = text.replace("](loss.png)", "](pretrain/loss.png)")
    lines = reasoning_section(sc, evals, tasks, grpo_run) if evals else []
    lines += fim_section(sc, fim, tasks) if fim else []
    lines += ["## Use the model", "", f"```\n{chat}\n```", ""]
    (out / "report.md").write_text(text + "\n".join(lines))
    summary["evals"] = evals
    summary["total_time"] = time.time() - start
    print(f"speedrun done in {summary['total_time'] / 60:.1f} min; report: {out / 'report.md'}")
    print(f"try it: {chat}")
    return summary


def show(results: dict, tasks: list[str], k: int) -> None:
    for t in tasks:
        r = results[t]
        tools = f"  with tools {r['pass@1 (tools)']:.3f} ({r['tool_calls']:.2f} calls)" if "tool_calls" in r else ""
        print(f"      {t:13s} greedy {r['pass@1']:.3f}  mean@{k} {r[f'mean@{k}']:.3f}  pass@{k} {r[f'pass@{k}']:.3f}  "
              f"format errors {r['format_error']:.3f}{tools}")
