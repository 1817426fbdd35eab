"""Countdown: reach a target from given numbers with + - * /, each number used exactly once.

The answer is an arithmetic expression. It is checked without executing code (calculator.py: Python's `ast`
parses it, only integer literals, + - * / and parentheses are allowed, it is evaluated exactly with fractions),
and the multiset of numbers used must equal the numbers given. difficulty = how many numbers (3 or 4 ...).
"""

from __future__ import annotations

import ast
import random
from collections import Counter
from fractions import Fraction

from .base import MAX_ANSWER_CHARS, Problem, Task
from .calculator import CalculatorError, calculate

_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b}
MAX_DEPTH = 12


def evaluate(expr: str) -> tuple[Fraction, list[int]] | None:
    """(value, numbers used) of a + - * / expression over integer literals; None for anything else (no unary
    minus: every number must be one of the given ones)."""
    if len(expr) > MAX_ANSWER_CHARS:
        return None
    numbers: list[int] = []
    try:
        value = calculate(expr, operators=("+", "-", "*", "/"), unary=False, decimals=False,
                          max_depth=MAX_DEPTH, literals=numbers)
    except CalculatorError:
        return None
    return value, numbers


class Countdown(Task):
    name = "countdown"
    default_difficulty = 3

    def make(self, rng: random.Random, difficulty: int) -> Problem:
        while True:
            numbers = [rng.randint(1, 25) for _ in range(max(2, difficulty))]
            # build a random expression over the numbers in a random order, keeping integer intermediates
            order = numbers[:]
            rng.shuffle(order)
            expr, value, steps = str(order[0]), Fraction(order[0]), []
            for n in order[1:]:
                op = rng.choice("+-*/" if value % n == 0 else "+-*")
                new = _OPS[{"+": ast.Add, "-": ast.Sub, "*": ast.Mult, "/": ast.Div}[op]](value, Fraction(n))
                steps.append(f"{value}{op}{n}={new}")
                expr, value = f"({expr}) {op} {n}" if op in "*/" and " " in expr else f"{expr} {op} {n}", new
            if value.denominator == 1 and 0 < value <= 1000:
                break
        question = f"Using the numbers {numbers}, each exactly once, with + - * / and parentheses, make {value}."
        # the reference answer is one valid expression; any other that checks out scores the same
        return Problem(self.name, question, expr, tuple(steps) + (f"{expr} = {value}",),
                       data={"numbers": tuple(numbers), "target": int(value)})

    def check(self, problem: Problem, answer: str) -> bool:
        result = evaluate(answer.split("=")[0].strip())
        if result is None:
            return False
        value, used = result
        return value == problem.data["target"] and Counter(used) == Counter(problem.data["numbers"])
