"""Procedural, verifiable reasoning tasks: seeded generators, R1-Zero prompts, strict parsers, rewards."""

from .arithmetic import Arithmetic, ChainSum
from .base import Problem, Reward, Task, parse
from .countdown import Countdown
from .tools import run_tool, task_tools, tool_conversation, tool_examples
from .words import WordProblem

TASKS: dict[str, Task] = {t.name: t for t in (Arithmetic(), ChainSum(), Countdown(), WordProblem())}


def get_task(name: str) -> Task:
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}; choose one of {', '.join(TASKS)}")
    return TASKS[name]


__all__ = ["TASKS", "get_task", "Problem", "Reward", "Task", "parse", "Arithmetic", "ChainSum", "Countdown",
           "WordProblem", "run_tool", "task_tools", "tool_conversation", "tool_examples"]
