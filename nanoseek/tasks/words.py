"""Small word problems: a few people, objects and events, one integer answer.

difficulty = events; 0 is one event with numbers below 10, whose sums a model of a few million parameters
can learn (two-digit sums are where the speedrun's tiny model fails most)."""

from __future__ import annotations

import random

from .base import Problem, Task

NAMES = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun")
THINGS = ("apples", "marbles", "stamps", "books", "coins", "shells", "cards", "pencils")


class WordProblem(Task):
    name = "word_problem"
    default_difficulty = 2

    def make(self, rng: random.Random, difficulty: int) -> Problem:
        who, other = rng.sample(NAMES, 2)
        thing = rng.choice(THINGS)
        top = 9 if difficulty < 1 else 30  # the largest starting count, and a cap on the numbers added
        count = rng.randint(2, top)
        story, steps = [f"{who} has {count} {thing}."], []
        expression, plan = str(count), [f"starts with {count}"]  # for the calculator (tools.py)

        def then(op: str, n: int, what: str) -> None:
            nonlocal expression
            expression = f"({expression}) {op} {n}" if op == "*" and " " in expression else f"{expression} {op} {n}"
            plan.append(f"{what}: {op} {n}")

        for _ in range(max(1, difficulty)):
            kind = rng.choice(("buy", "give", "double", "get"))
            if kind == "buy":
                n = rng.randint(1, min(20, top))
                story.append(f"{who} buys {n} more.")
                steps.append(f"buys {n}: {count}+{n}={count + n}")
                then("+", n, f"buys {n}")
                count += n
            elif kind == "give" and count > 1:
                n = rng.randint(1, count - 1)
                story.append(f"{who} gives {n} to {other}.")
                steps.append(f"gives away {n}: {count}-{n}={count - n}")
                then("-", n, f"gives away {n}")
                count -= n
            elif kind == "double" and count <= 200:
                story.append(f"Then the number of {thing} {who} has doubles.")
                steps.append(f"doubles: {count}*2={count * 2}")
                then("*", 2, "doubles")
                count *= 2
            else:
                n = rng.randint(1, min(15, top))
                story.append(f"{other} gives {who} {n} {thing}.")
                steps.append(f"gets {n}: {count}+{n}={count + n}")
                then("+", n, f"gets {n}")
                count += n
        question = " ".join(story) + f" How many {thing} does {who} have now?"
        return Problem(self.name, question, str(count), tuple(steps),
                       data={"expression": expression, "plan": tuple(plan)})
