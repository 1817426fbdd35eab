"""Verifiable reasoning tasks: the shared shape (problem, prompt, strict parser, rewards) and the splits.

A task draws problems from a seeded generator. Whether a problem is train or test is a property of the
problem itself (a hash of its question), so the splits are disjoint whatever the seeds, and the same
seed always yields the same problems.

Completion formats: the R1-Zero prompt (`prompt()`) asks for reasoning inside <think>...</think>, then the
answer inside <answer>...</answer>, nothing else but whitespace around them; the chat form (`messages()`, as
DeepSeek's chat answers) has the reasoning inside <think>...</think> and then the answer as plain text, no
tags. Rewards accept both, each in [0, 1]:
  accuracy  1 when the answer checks out (exact integer, or for Countdown a safe evaluation of the
            expression that uses each given number exactly once), else 0;
  format    1 when the completion has one of those shapes, else 0;
  total     accuracy when correct, 0.1 for a well-formed wrong answer, 0 otherwise (TinyZero's scheme).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

THINK_ANSWER = re.compile(r"\s*<think>(?P<think>.*?)</think>\s*<answer>(?P<answer>.*?)</answer>\s*", re.DOTALL)
THINK_PLAIN = re.compile(r"\s*<think>(?P<think>.*?)</think>(?P<answer>.*)", re.DOTALL)  # the chat form
TAGS = ("<think>", "</think>", "<answer>", "</answer>")
MAX_ANSWER_CHARS = 200

SYSTEM_R1_ZERO = (
    "The user gives a problem. The assistant reasons about it step by step inside <think> </think> and then "
    "gives only the final answer inside <answer> </answer>.")
SYSTEM_CHAT = "The user gives a problem. The assistant reasons about it step by step, then gives only the final answer."


@dataclass(frozen=True)
class Problem:
    task: str
    question: str
    answer: str  # the reference answer (for Countdown: the target; any valid expression is accepted)
    steps: tuple[str, ...] = ()  # a worked solution, for SFT
    data: dict = field(default_factory=dict, compare=False)  # task-specific facts the checker needs

    @property
    def split(self) -> str:
        digest = hashlib.sha256(f"{self.task}|{self.question}".encode()).digest()
        return "test" if digest[0] < 26 else "train"  # ~10% of all problems are test problems

    def prompt(self) -> str:
        """The R1-Zero plain-text prompt; the model continues after '<think>'."""
        return f"{SYSTEM_R1_ZERO}\nUser: {self.question}\nAssistant: <think>"

    def messages(self) -> list[dict]:
        """The chat form (the chat template's generation prompt already opens <think>); the answer is plain."""
        return [{"role": "system", "content": SYSTEM_CHAT}, {"role": "user", "content": self.question}]

    def solution(self, tags: bool = False, thinking: bool = True) -> str:
        """A worked completion: the chat form's (what SFT teaches after messages()), or with tags=True the
        R1-Zero form that prompt() asks for. The rewards accept both. thinking=False: the chat form with
        thinking off, the empty thought then the answer (what the template's non-thinking turn starts with)."""
        if not thinking:
            return f"<think></think>{self.answer}"
        thought = "<think>\n" + "\n".join(self.steps) + "\n</think>\n"
        return thought + (f"<answer>{self.answer}</answer>" if tags else f"\n{self.answer}")


@dataclass(frozen=True)
class Reward:
    accuracy: float
    format: float

    @property
    def total(self) -> float:
        if self.accuracy:
            return 1.0
        return 0.1 if self.format else 0.0


def parse(completion: str) -> tuple[str, str] | None:
    """(reasoning, answer) of a well-formed completion in either form (the answer in <answer> tags, or plain
    after </think>), else None. Accepts a completion that starts after the prompt's '<think>' too (the tag is
    then implied)."""
    text = completion if completion.lstrip().startswith("<think>") else "<think>" + completion
    m = THINK_ANSWER.fullmatch(text)
    if m:
        if "<think>" in m["think"] or "<answer>" in m["answer"] or "</think>" in m["answer"]:
            return None
        return m["think"], m["answer"].strip()
    m = THINK_PLAIN.fullmatch(text)
    if not m or "<think>" in m["think"] or not m["answer"].strip() or any(t in m["answer"] for t in TAGS):
        return None
    return m["think"], m["answer"].strip()


INTEGER = re.compile(r"[-+]?\d{1,30}")


def parse_int(text: str) -> int | None:
    """A plain integer answer (commas allowed as thousands separators); anything else is None."""
    text = text.strip().replace(",", "")
    return int(text) if INTEGER.fullmatch(text) else None


class Task:
    """Subclasses set `name` and implement `make(rng, difficulty) -> Problem` and `check(problem, answer)`."""

    name: str = ""
    default_difficulty: int = 1

    def make(self, rng: random.Random, difficulty: int) -> Problem:
        raise NotImplementedError

    def check(self, problem: Problem, answer: str) -> bool:
        value = parse_int(answer)
        return value is not None and value == int(problem.answer)

    def problems(self, n: int, split: str = "train", seed: int = 0, difficulty: int | None = None) -> list[Problem]:
        """n distinct problems of one split, the same for the same (seed, difficulty)."""
        if split not in ("train", "test"):
            raise ValueError(f"split must be 'train' or 'test'; got {split!r}")
        rng = random.Random(f"{self.name}|{seed}|{difficulty}")
        out, seen = [], set()
        for _ in range(200 * n + 1000):
            p = self.make(rng, self.default_difficulty if difficulty is None else difficulty)
            if p.split == split and p.question not in seen:
                seen.add(p.question)
                out.append(p)
                if len(out) == n:
                    return out
        raise ValueError(f"{self.name}: could not draw {n} distinct {split} problems at difficulty {difficulty}; "
                         "ask for fewer or raise the difficulty")

    def reward(self, problem: Problem, completion: str) -> Reward:
        parsed = parse(completion)
        if parsed is None:
            return Reward(accuracy=0.0, format=0.0)
        answer = parsed[1]
        ok = len(answer) <= MAX_ANSWER_CHARS and self.check(problem, answer)
        return Reward(accuracy=float(ok), format=1.0)
