"""Multi-digit arithmetic and chain sums, with worked solutions a small model can imitate.

difficulty = digits per operand (arithmetic) or number of terms (chain sums).
"""

from __future__ import annotations

import random

from .base import Problem, Task


def _column_addition(a: int, b: int) -> list[str]:
    """Digit-by-digit addition of two non-negative numbers, carries spelled out."""
    steps, carry = [], 0
    da, db = str(a)[::-1], str(b)[::-1]
    for i in range(max(len(da), len(db))):
        x = int(da[i]) if i < len(da) else 0
        y = int(db[i]) if i < len(db) else 0
        s = x + y + carry
        steps.append(f"{x}+{y}" + (f"+{carry}" if carry else "") + f"={s}, write {s % 10}" +
                     (", carry 1" if s >= 10 else ""))
        carry = s // 10
    if carry:
        steps.append("write the last carry 1")
    return steps


class Arithmetic(Task):
    """a + b, a - b or a * b with `difficulty`-digit operands."""

    name = "arithmetic"
    default_difficulty = 2

    def make(self, rng: random.Random, difficulty: int) -> Problem:
        lo, hi = 10 ** (difficulty - 1) if difficulty > 1 else 0, 10 ** difficulty - 1
        a, b = rng.randint(lo, hi), rng.randint(lo, hi)
        op = rng.choice("+-*")
        if op == "+":
            value, steps = a + b, _column_addition(a, b)
        elif op == "-":
            value = a - b
            big, small = max(a, b), min(a, b)
            steps = [f"{big}-{small}: count up from {small} to {big}"] + [
                f"{small}+{big - small}={big}"] + ([f"{a}<{b} so the result is negative"] if a < b else [])
        else:
            value = a * b
            parts = [int(d) * 10 ** i for i, d in enumerate(str(b)[::-1]) if d != "0"]
            steps = [f"{a}*{p}={a * p}" for p in parts] + ([f"{'+'.join(str(a * p) for p in parts)}={value}"]
                                                            if len(parts) > 1 else [])
        steps.append(f"{a}{op}{b}={value}")
        return Problem(self.name, f"What is {a} {op} {b}?", str(value), tuple(steps),
                       data={"expression": f"{a} {op} {b}"})


class ChainSum(Task):
    """A running total over `difficulty` signed terms: 12 + 7 - 5 + 30 ..."""

    name = "chain_sum"
    default_difficulty = 4

    def make(self, rng: random.Random, difficulty: int) -> Problem:
        terms = [rng.randint(1, 50) for _ in range(max(2, difficulty))]
        signs = ["+"] + [rng.choice("+-") for _ in terms[1:]]
        total, steps = terms[0], []
        for s, t in zip(signs[1:], terms[1:]):
            new = total + t if s == "+" else total - t
            steps.append(f"{total}{s}{t}={new}")
            total = new
        expr = str(terms[0]) + "".join(f" {s} {t}" for s, t in zip(signs[1:], terms[1:]))
        return Problem(self.name, f"Compute {expr}.", str(total), tuple(steps), data={"expression": expr})
