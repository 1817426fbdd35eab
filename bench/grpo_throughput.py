"""GRPO step throughput: nanoseek's `grpo` vs TRL's GRPOTrainer, same model, prompts, reward and settings.

One step = sample G completions for each of P prompts with the current policy (temperature 1, at most
--max-tokens tokens), score them with the task's rule-based reward, and take one optimizer update on the
clipped surrogate (DAPO token-level loss, eps 0.2 / 0.28, no KL, no std scaling, AdamW, grad clip 1.0).
Both sides start from the same weights: a DeepSeek-V3-shaped model (the tiny preset: hidden 256, 4 layers,
16 routed experts top-4 + 1 shared, kv_lora_rank 64, vocab 4096) saved by nanoseek and loaded by
transformers' DeepseekV3ForCausalLM for TRL. The prompts are the same train-split task problems, in the
same order, rendered by the same chat template. nanoseek runs its real training entry point
(`nanoseek.train.grpo.grpo`, dynamic sampling and overlong shaping off so every step updates on every
completion, as TRL does); its step time is the `seconds_per_step` it logs. TRL's is timed by a callback
from `on_step_begin` to `on_step_end` (generation, reward, loss, backward, optimizer step). Rounds of
--steps steps alternate between the two (a fresh run from the same weights each round), so the
machine's noise falls on both; the first step of each round (warm-up) is left out. Rollout tokens/s: completion
tokens sampled per second of sampling (nanoseek: the `rollout_tokens` / `rollout_seconds` grpo logs per step;
TRL: its completions' mean length x P x G over the time spent in the model's `generate`, wrapped here). With --compile
nanoseek's rollouts run their forwards of at most ENGINE_ROWS rows (64; nanoseek/train/rollout.py;
--engine-rows sets it) through the engine's compiled forward, as `nanoseek grpo --compile` does; grpo
compiles it before its first step, once per process (later rounds reuse the compiled code), and logs the
time apart: it is in no step's time, and the benchmark prints it on its own. (A random model's rows never
stop early: with P x G <= 64 every forward of a rollout is compiled, with more none is.)

    python bench/grpo_throughput.py                       # 2 prompts x G=8, 32 tokens, 3 rounds of 4 steps
    python bench/grpo_throughput.py --prompts 4 --group 8 --max-tokens 64
    python bench/grpo_throughput.py --profile             # where nanoseek's step spends its time
    python bench/grpo_throughput.py --threads 1           # steadier while other jobs share the cores
    python bench/grpo_throughput.py --compile             # rollouts through the compiled forward

On a random-weight model the task reward is 0 for every completion (it never writes the answer format), so
the advantages are 0; both sides still run the whole step (the loss, its backward and the AdamW update).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import itertools
import logging
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import torch

import nanoseek
from nanoseek.data import default_corpus
from nanoseek.presets import get_preset
from nanoseek.tasks import get_task
from nanoseek.tokenizer import Tokenizer
from nanoseek.train import rollout
from nanoseek.train.flops import machine
from nanoseek.train.grpo import GRPOConfig, grpo
from nanoseek.train.metrics import read_metrics
from nanoseek.train.sft import task_conversations


def build_checkpoint(directory: Path, preset: str, vocab: int, seed: int) -> Path:
    """A random-weight model of the preset's shape, with a tokenizer trained on a slice of the embedded
    corpus plus worked task solutions (so the vocabulary is full and the prompts tokenize like text)."""
    texts = [m["content"] for c in task_conversations("arithmetic,chain_sum,countdown,word_problem", 300, 0)
             for m in c]
    texts += list(itertools.islice(default_corpus(), 2000))
    tok = Tokenizer.train(texts, vocab_size=vocab)
    cfg = get_preset(preset).replace(vocab_size=tok.vocab_size, bos_token_id=tok.bos_id, eos_token_id=tok.eos_id)
    torch.manual_seed(seed)
    nanoseek.save(nanoseek.Transformer(cfg), directory)
    tok.save(directory)
    return directory


def nanoseek_round(args, ckpt: Path, out: Path) -> tuple[list[float], float, list[float]]:
    """seconds per step, the mean completion length and the rollout tokens/s of each step, of one fresh nanoseek
    GRPO run (its compilation time, if it compiled, printed apart)."""
    grpo(GRPOConfig(init=str(ckpt), out=str(out), task=args.task, difficulty=args.difficulty, steps=args.steps,
                    prompts_per_step=args.prompts, group_size=args.group, max_tokens=args.max_tokens,
                    temperature=1.0, lr=args.lr, loss_mode="dapo", eps_low=0.2, eps_high=0.28, beta=0.0,
                    scale_std=False, dynamic_sampling=False, overlong="none", eval_every=10**9, eval_problems=1,
                    ckpt_every=10**9, seed=args.seed, dtype=args.dtype, device="cpu", compile=args.compile,
                    progress=False, tensorboard=False))
    records = read_metrics(out)
    if "compile_seconds" in records[0]:
        print(f"  nanoseek compiled its rollout forward in {records[0]['compile_seconds']:.1f} s "
              "(before step 1, in no step's time)", flush=True)
    return ([r["seconds_per_step"] for r in records], statistics.mean(r["response_length"] for r in records),
            [r["rollout_tokens"] / r["rollout_seconds"] for r in records])


class TRLPeer:
    """TRL's GRPOTrainer over transformers' DeepseekV3ForCausalLM, settings matched to nanoseek's run."""

    def __init__(self, args, ckpt: Path, work: Path):
        import transformers
        from datasets import Dataset

        transformers.logging.set_verbosity_error()
        self.args, self.work = args, work
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.model = transformers.AutoModelForCausalLM.from_pretrained(ckpt, dtype=torch.float32)
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(ckpt)
        self.tokenizer.padding_side = "left"
        task = get_task(args.task)
        # the problems nanoseek's grpo draws, in the order it draws them (max_draws * steps batches)
        problems = task.problems(args.prompts * 3 * args.steps, "train", args.seed, args.difficulty)
        by_question = {p.question: p for p in problems}
        self.dataset = Dataset.from_list([{"prompt": p.messages(), "question": p.question}
                                          for p in problems[:args.prompts * args.steps]])

        def reward(prompts, completions, question, **_):
            # conversational completions: [{"role": "assistant", "content": text}]
            return [task.reward(by_question[q], c[0]["content"]).total for q, c in zip(question, completions)]

        self.reward = reward

    def round(self, index: int) -> tuple[list[float], float, list[float]]:
        from transformers import PrinterCallback, TrainerCallback
        from trl import GRPOConfig as TRLConfig
        from trl import GRPOTrainer

        times, lengths, generated, rollout_rates = [], [], [], []
        model = copy.deepcopy(self.model)
        generate = model.generate

        def timed_generate(*a, **k):  # TRL samples through the model's generate (on a CPU, this very object)
            t0 = time.perf_counter()
            out = generate(*a, **k)
            generated.append(time.perf_counter() - t0)
            return out

        model.generate = timed_generate
        samples = self.args.group * self.args.prompts

        class Timer(TrainerCallback):
            def on_step_begin(self, *a, **k):
                self.t0 = time.perf_counter()
                generated.clear()

            def on_step_end(self, *a, **k):
                times.append(time.perf_counter() - self.t0)

            def on_log(self, _args, _state, _control, logs=None, **k):
                if logs and "completions/mean_length" in logs:
                    lengths.append(logs["completions/mean_length"])
                    rollout_rates.append(samples * logs["completions/mean_length"] / sum(generated))

        a = self.args
        config = TRLConfig(
            output_dir=str(self.work / f"trl-{index}"), use_cpu=True, report_to=[], save_strategy="no",
            logging_steps=1, max_steps=a.steps, per_device_train_batch_size=a.prompts * a.group,
            gradient_accumulation_steps=1, num_generations=a.group, max_completion_length=a.max_tokens,
            temperature=1.0, top_p=1.0, top_k=0, learning_rate=a.lr, lr_scheduler_type="constant",
            warmup_steps=0, weight_decay=0.0, max_grad_norm=1.0, adam_beta1=0.9, adam_beta2=0.95,
            loss_type="dapo", epsilon=0.2, epsilon_high=0.28, beta=0.0, scale_rewards="none", num_iterations=1,
            shuffle_dataset=False, seed=a.seed, disable_tqdm=True, dataloader_num_workers=0, bf16=a.dtype == "bf16")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # transformers' deprecation notices about its own defaults
            trainer = GRPOTrainer(model=model, reward_funcs=self.reward, args=config,
                                  train_dataset=self.dataset, processing_class=self.tokenizer, callbacks=[Timer()])
            trainer.remove_callback(PrinterCallback)  # it prints every step's logs
            trainer.train()
        return times, statistics.mean(lengths) if lengths else float("nan"), rollout_rates


def profile_nanoseek(args, ckpt: Path, work: Path) -> None:
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU]) as prof:
        nanoseek_round(args, ckpt, work / "profile")
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=args.profile_rows))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--preset", default="tiny")
    p.add_argument("--vocab", type=int, default=4096)
    p.add_argument("--task", default="arithmetic")
    p.add_argument("--difficulty", type=int, default=None)
    p.add_argument("--prompts", type=int, default=2, help="prompts per step (P)")
    p.add_argument("--group", type=int, default=8, help="completions per prompt (G)")
    p.add_argument("--max-tokens", type=int, default=32, help="max completion length")
    p.add_argument("--steps", type=int, default=4, help="steps per round (the first is warm-up)")
    p.add_argument("--rounds", type=int, default=3, help="rounds per side, alternating")
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--dtype", choices=["fp32", "bf16"], default="fp32",
                   help="the update's precision, on both sides (bf16: autocast over float32 weights)")
    p.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's choice)")
    p.add_argument("--compile", action=argparse.BooleanOptionalAction, default=False,
                   help="nanoseek's rollouts through the compiled engine forward (as `nanoseek grpo --compile`)")
    p.add_argument("--engine-rows", type=int, default=None,
                   help="decode steps of at most this many rows run compiled (default: rollout.ENGINE_ROWS)")
    p.add_argument("--profile", action="store_true", help="profile one nanoseek round (torch.profiler)")
    p.add_argument("--profile-rows", type=int, default=30)
    p.add_argument("--skip-trl", action="store_true", help="nanoseek only (e.g. while profiling)")
    args = p.parse_args(argv)
    if args.steps < 2:
        p.error("--steps must be >= 2 (the first step of each round is warm-up)")
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.engine_rows is not None:
        rollout.ENGINE_ROWS = args.engine_rows
    logging.getLogger("transformers").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ckpt = build_checkpoint(work / "model", args.preset, args.vocab, args.seed)
        cfg = nanoseek.load(ckpt).config
        n_params = cfg.num_params()["total"]
        peers = ""
        if not args.skip_trl:
            import transformers
            import trl
            peers = f", transformers {transformers.__version__}, trl {trl.__version__}"
        print(f"# GRPO step: {args.preset} preset ({n_params / 1e6:.1f}M parameters, vocab {cfg.vocab_size}), "
              f"{args.prompts} prompts x G={args.group}, <= {args.max_tokens} completion tokens, task {args.task}")
        print(f"# {machine()}{peers}; load average before: {os.getloadavg()[0]:.1f}")
        peer = None if args.skip_trl else TRLPeer(args, ckpt, work)
        times = {"nanoseek": [], "trl": []}
        lengths = {"nanoseek": [], "trl": []}
        rollout_rate = {"nanoseek": [], "trl": []}  # rollout tokens/s of each step
        for r in range(args.rounds):
            sides = ["nanoseek", "trl"] if r % 2 == 0 else ["trl", "nanoseek"]
            for side in sides:
                if side == "trl" and peer is None:
                    continue
                t, n, rates = (nanoseek_round(args, ckpt, work / f"nanoseek-{r}") if side == "nanoseek"
                               else peer.round(r))
                times[side] += t[1:]
                lengths[side].append(n)
                rollout_rate[side] += rates[1:]
                print(f"  round {r} {side:8s}: " + " ".join(f"{x:.3f}" for x in t) + " s/step, "
                      f"mean completion {n:.1f} tokens", flush=True)
        print(f"# load average after: {os.getloadavg()[0]:.1f}")
        samples = args.prompts * args.group
        summary = {}
        for side, ts in times.items():
            if not ts:
                continue
            med, best = statistics.median(ts), min(ts)
            summary[side] = (med, best)
            print(f"{side:9s} {samples / med:7.1f} samples/s ({med * 1e3:6.0f} ms/step median, "
                  f"best {best * 1e3:6.0f} ms), mean completion {statistics.mean(lengths[side]):.1f} tokens, "
                  f"rollouts {statistics.median(rollout_rate[side]):.0f} tokens/s")
        if len(summary) == 2:
            ratio = summary["trl"][0] / summary["nanoseek"][0]
            best_ratio = summary["trl"][1] / summary["nanoseek"][1]
            rollout_ratio = statistics.median(rollout_rate["nanoseek"]) / statistics.median(rollout_rate["trl"])
            print(f"ratio nanoseek/TRL: {ratio:.2f}x (median steps), {best_ratio:.2f}x (best steps); "
                  f"rollout tokens/s {rollout_ratio:.2f}x")
            cmd = "python bench/grpo_throughput.py " + " ".join(sys.argv[1:] if argv is None else argv)
            print("\n| command | machine | date | prompts x G x tokens | nanoseek samples/s | TRL samples/s "
                  "| ratio (best steps) | rollout tokens/s nanoseek / TRL |\n|---|---|---|---|---|---|---|---|")
            print(f"| `{cmd.strip()}` | {machine()} | {datetime.date.today().isoformat()} | "
                  f"{args.prompts}x{args.group}x{args.max_tokens} | {samples / summary['nanoseek'][0]:.1f} | "
                  f"{samples / summary['trl'][0]:.1f} | {ratio:.2f}x ({best_ratio:.2f}x) | "
                  f"{statistics.median(rollout_rate['nanoseek']):.0f} / {statistics.median(rollout_rate['trl']):.0f} "
                  f"({rollout_ratio:.2f}x) |")
        if args.profile:
            profile_nanoseek(args, ckpt, work)


if __name__ == "__main__":
    main()
