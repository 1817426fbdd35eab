"""Supervised fine-tuning on chat conversations, loss on assistant tokens only (R1's "cold start").

Data: JSONL files with one {"messages": [{"role", "content"}, ...], "tools": [...] (optional)} per line, or by
default a mix generated from the reasoning tasks, each answer a worked solution inside <think>…</think> followed by
the answer (a share of them in the thinking-off form: an empty thought, then the answer; a share `tool_use` of the
problems of tasks with a tool as tool-use conversations: think, call the tool, read its result, answer). Conversations
are rendered with the tokenizer's chat template (the same ids that transformers' apply_chat_template gives, and the
same rendering of tools and tool calls the server uses) and the loss mask covers what the assistant wrote.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from ..tasks import get_task, task_tools, tool_conversation, tool_examples
from ..tokenizer import Tokenizer
from .distributed import distributed
from .pretrain import PretrainConfig, autocast, pick_device, train
from .runstate import latest_checkpoint, load_checkpoint, load_for_training


@dataclass
class SFTConfig(PretrainConfig):
    init: str | None = None  # the checkpoint to fine-tune (required unless resuming)
    out: str = "runs/sft"
    messages: str | None = None  # comma-separated JSONL files; default: the task mix below
    tasks: str = "arithmetic,chain_sum,countdown,word_problem"
    examples_per_task: int = 2000
    non_thinking: float = 0.2  # share of the task mix in the thinking-off form (an empty thought, then the answer)
    tool_use: float = 0.0  # share of the problems of tasks with a tool taught as tool-use conversations
    difficulty: int | None = None
    steps: int = 300
    batch_size: int = 16
    seq_len: int = 256
    lr: float = 1e-3
    warmup: int = 20
    mtp_weight: float = 0.0
    eval_every: int = 100


def task_conversations(tasks: str, n: int, seed: int, difficulty: int | None = None,
                       non_thinking: float = 0.0, tool_use: float = 0.0) -> list[list[dict] | dict]:
    """Worked solutions of train-split problems as chat conversations. `tasks` is comma-separated names, each
    optionally with its own difficulty (`word_problem:1`); a name without one takes `difficulty`. A share
    `non_thinking` of them (every k-th) answers at once, as the chat template's thinking-off turn does (DeepSeek-V3.1's
    hybrid model learns both modes the same way). A share `tool_use` of the problems of tasks with a tool (drawn
    with the seed) are tool-use conversations instead, each as {"messages", "tools"} and one example per assistant
    turn (tasks/tools.py: the template keeps the reasoning of the last turn only)."""
    out, every = [], round(1 / non_thinking) if non_thinking > 0 else 0
    rng, plain = random.Random(f"tools|{seed}"), 0
    for item in tasks.split(","):
        name, _, level = item.strip().partition(":")
        tools = task_tools(name)
        for p in get_task(name).problems(n, "train", seed=seed, difficulty=int(level) if level else difficulty):
            if tools and tool_use and rng.random() < tool_use:
                out += [{"messages": m, "tools": tools} for m in tool_examples(tool_conversation(p, rng))]
                continue
            thinking = not every or plain % every != every - 1
            plain += 1
            out.append(p.messages() + [{"role": "assistant", "content": p.solution(thinking=thinking)}])
    return out


def read_conversations(paths: str) -> list[list[dict]]:
    out = []
    for path in paths.split(","):
        for i, line in enumerate(Path(path.strip()).read_text().splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                messages, tools = item["messages"], item.get("tools")
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
                raise ValueError(f"{path}:{i}: expected a JSON object with a 'messages' list ({e})") from None
            out.append({"messages": messages, "tools": tools} if tools else messages)
    return out


def render(tok: Tokenizer, conversation: list[dict] | dict) -> tuple[list[int], list[int]]:
    """(ids, mask) of one conversation: a list of messages, or {"messages", "tools"} for one with tools."""
    if isinstance(conversation, dict):
        if conversation.get("tools") and not tok.has_tools:
            raise ValueError("a conversation has tools but the tokenizer has no tool-call tokens (trained before "
                             "they were added): retrain the tokenizer, or leave tool use out of the SFT mix")
        return tok.encode_chat(conversation["messages"], tools=conversation.get("tools"))
    return tok.encode_chat(conversation)


class Conversations:
    """(input_ids, targets) batches of tokenized conversations, padded to the longest in the batch.

    targets are -100 outside the assistant's tokens and on padding. Every 20th conversation is held out
    for validation. The position is a count of conversations drawn (by all ranks), so a resumed run is exact;
    rank r of world_size takes rows [r * batch_size, (r + 1) * batch_size) of each global batch.
    """

    def __init__(self, conversations: list[list[dict] | dict], tok: Tokenizer, batch_size: int, seq_len: int,
                 seed: int, rank: int = 0, world_size: int = 1):
        encoded = [render(tok, c) for c in conversations]
        self.val = [e for i, e in enumerate(encoded) if i % 20 == 19]
        self.train = [e for i, e in enumerate(encoded) if i % 20 != 19]
        if not self.train or not self.val:
            raise ValueError(f"need at least 20 conversations for a train/validation split; got {len(encoded)}")
        self.pad, self.batch_size, self.seq_len, self.seed = tok.pad_id, batch_size, seq_len, seed
        self.rank, self.world_size = rank, world_size
        self.drawn = 0

    def batch(self, items: list[tuple[list[int], list[int]]]) -> tuple[torch.Tensor, torch.Tensor]:
        length = min(self.seq_len, max(len(ids) - 1 for ids, _ in items))
        x = torch.full((len(items), length), self.pad, dtype=torch.long)
        y = torch.full((len(items), length), -100, dtype=torch.long)
        for row, (ids, mask) in enumerate(items):
            ids, mask = torch.tensor(ids[: length + 1]), torch.tensor(mask[: length + 1], dtype=torch.bool)
            n = len(ids) - 1
            x[row, :n] = ids[:-1]
            y[row, :n] = torch.where(mask[1:], ids[1:], -100)
        return x, y

    def __next__(self) -> tuple[torch.Tensor, torch.Tensor]:
        epoch, start = divmod(self.drawn + self.rank * self.batch_size, len(self.train))
        order = np.random.default_rng([self.seed, epoch]).permutation(len(self.train))
        picks = [order[(start + i) % len(self.train)] for i in range(self.batch_size)]
        self.drawn += self.batch_size * self.world_size
        return self.batch([self.train[i] for i in picks])

    def state_dict(self) -> dict:
        return {"drawn": self.drawn, "train": len(self.train)}

    def load_state_dict(self, state: dict) -> None:
        if state["train"] != len(self.train):
            raise ValueError(f"cannot resume: the checkpoint saw {state['train']} training conversations, "
                             f"this data has {len(self.train)}; resume with the same data")
        self.drawn = state["drawn"]

    @torch.no_grad()
    def validate(self, model, dtype: str) -> dict:
        was_training = model.training
        model.eval()
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for i in range(0, len(self.val), self.batch_size):
            x, y = self.batch(self.val[i:i + self.batch_size])
            with autocast(device, dtype):
                logits = model(x.to(device))
            total += float(F.cross_entropy(logits.flatten(0, 1).float(), y.to(device).flatten(),
                                           ignore_index=-100, reduction="sum"))
            count += int((y != -100).sum())
        model.train(was_training)
        return {"val_loss": total / max(1, count)}


def sft(tc: SFTConfig) -> dict:
    torch.manual_seed(tc.seed)
    if not tc.resume and not tc.init:
        raise ValueError("sft needs --init, the checkpoint to fine-tune (e.g. runs/speedrun/pretrain/final)")
    with distributed(pick_device(tc.device)) as world:  # under torchrun: this rank's place (pretrain.py)
        if tc.resume:
            source_dir = latest_checkpoint(tc.out)
            model, state = load_checkpoint(source_dir, world.device)
        else:
            source_dir = Path(tc.init)
            model, state = load_for_training(source_dir, world.device), None
        tok = Tokenizer.load(source_dir)
        conversations = (read_conversations(tc.messages) if tc.messages
                         else task_conversations(tc.tasks, tc.examples_per_task, tc.seed, tc.difficulty,
                                                 tc.non_thinking, tc.tool_use))
        data = Conversations(conversations, tok, tc.batch_size, tc.seq_len, tc.seed, world.rank, world.size)
        return train(tc, model, state, data, data.validate, tokenizer_dir=source_dir, desc="sft", world=world)
