"""Held-out accuracy with and without the task's tool, at toy scale: one model, SFT from scratch on a task's worked
solutions with a share of tool-use conversations, then the same test problems scored twice (evaluate_task: no tools
in the prompt; evaluate_with_tools: the tool offered, the calls run and their results given back).

The speedrun measures the same thing on its pretrained tiny model (report.md, "greedy (tools)"); this is the
minutes-scale check for a busy CPU:
    PYTHONPATH=. python bench/tools_ab.py --task arithmetic --difficulty 2 --steps 600
"""

import argparse
import json
import random
import time
from pathlib import Path

import torch

from nanoseek.checkpoint import load, save
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.tasks import get_task, task_tools, tool_conversation
from nanoseek.tokenizer import Tokenizer
from nanoseek.train.evaluate import evaluate_task, evaluate_with_tools
from nanoseek.train.sft import SFTConfig, sft


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--task", default="arithmetic")
    p.add_argument("--difficulty", type=int, default=2)
    p.add_argument("--preset", default="smoke")
    p.add_argument("--hidden", type=int, default=128, help="hidden_size over the preset's")
    p.add_argument("--steps", type=int, default=600)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--tool-use", type=float, default=0.5)
    p.add_argument("--examples", type=int, default=3000)
    p.add_argument("--n", type=int, default=64, help="held-out problems")
    p.add_argument("--max-tokens", type=int, default=64)
    p.add_argument("--out", default="runs/tools_ab")
    args = p.parse_args()
    torch.manual_seed(0)
    out = Path(args.out)
    task = get_task(args.task)
    train = task.problems(500, "train", seed=1, difficulty=args.difficulty)
    rng = random.Random(0)
    texts = [q.question + "\n" + q.solution() for q in train]
    texts += [json.dumps(tool_conversation(q, rng)) + json.dumps(task_tools(args.task)) for q in train[:200]]
    tok = Tokenizer.train(texts, vocab_size=1024)
    cfg = get_preset(args.preset).replace(vocab_size=tok.vocab_size, max_position_embeddings=1024,
                                          hidden_size=args.hidden)
    save(Transformer(cfg), out / "init")
    tok.save(out / "init")
    start = time.time()
    sft(SFTConfig(init=str(out / "init"), out=str(out / "sft"), tasks=f"{args.task}:{args.difficulty}",
                  examples_per_task=args.examples, tool_use=args.tool_use, steps=args.steps,
                  batch_size=args.batch_size, seq_len=512, lr=args.lr, warmup=20, dtype="fp32",
                  eval_every=args.steps, ckpt_every=args.steps, tensorboard=False))
    trained = time.time() - start
    model = load(out / "sft" / "final")
    plain = evaluate_task(model, tok, task, args.n, args.difficulty, args.max_tokens)
    tools = evaluate_with_tools(model, tok, task, args.n, args.difficulty, args.max_tokens)
    result = {"task": args.task, "difficulty": args.difficulty, "preset": args.preset, "hidden": args.hidden,
              "params": cfg.num_params()["total"], "steps": args.steps, "tool_use": args.tool_use,
              "sft_seconds": round(trained), "without tools": plain, "with tools": tools}
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
