"""Tools for the reasoning tasks (OpenAI's JSON-schema function tools), how to run them, and tool-use conversations.

  calculator       {"expression": "47 * 83"} -> "3901"  (calculator.py: exact, parsed, never executed)
  check_countdown  {"expression": "..."} -> the value, whether each of the puzzle's numbers is used exactly once and
                   whether its target is reached (Countdown's own checker, bound to the puzzle in question)

A tool's result is text for the model: bad arguments or a refused expression come back as "error: ..." rather
than an exception, as a tool server would answer. tool_conversation() writes what SFT teaches: the assistant
thinks, calls the tool with the right arguments, reads the result in a `tool` message, and answers in a new
turn. The chat template drops the reasoning of every assistant turn but the last, so each turn is also a
training example of its own (tool_examples): the turn that calls the tool is then the last one and keeps its
thought, as the model writes it after the generation prompt.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter

from .base import Problem
from .calculator import CalculatorError, calculate, show
from .countdown import evaluate

CALCULATOR = {"type": "function", "function": {
    "name": "calculator",
    "description": "Evaluate an arithmetic expression exactly: numbers, + - * / and parentheses.",
    "parameters": {"type": "object", "properties": {"expression": {"type": "string"}}, "required": ["expression"]}}}
CHECK_COUNTDOWN = {"type": "function", "function": {
    "name": "check_countdown",
    "description": "Check an answer to the Countdown puzzle: its value, whether it uses each number once, whether "
                   "it makes the target.",
    "parameters": {"type": "object", "properties": {"expression": {"type": "string"}}, "required": ["expression"]}}}
TOOLS = {t["function"]["name"]: t for t in (CALCULATOR, CHECK_COUNTDOWN)}
TASK_TOOLS = {"arithmetic": "calculator", "chain_sum": "calculator", "word_problem": "calculator",
              "countdown": "check_countdown"}
MAX_ARGUMENT_CHARS = 1000


def task_tools(task: str) -> list[dict]:
    """The tools a task's problems come with (empty for a task without one)."""
    return [TOOLS[TASK_TOOLS[task]]] if task in TASK_TOOLS else []


MAX_DEPTH = 32  # JSON nesting allowed (an OpenAI request nests 5 deep; a tool call's arguments 1)
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(body: bytes | str, limit: int = MAX_DEPTH) -> int:
    """The nesting depth of JSON text, counted without parsing it (json.loads recurses once per level, so a
    deep "[[[[..." raises RecursionError at a depth that depends on the caller's stack); stops past `limit`."""
    body = body.encode() if isinstance(body, str) else body
    if body.count(b"[") + body.count(b"{") <= limit:
        return 0  # too few brackets to nest past the limit: nothing to count
    depth = deepest = 0
    for b in _STRING.sub(b"", body).translate(None, _NOT_BRACKETS):  # brackets outside strings only
        depth += 1 if b in b"[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _arguments(name: str, arguments: str | dict) -> dict:
    if isinstance(arguments, str):
        if len(arguments) > MAX_ARGUMENT_CHARS:
            raise ValueError(f"the arguments are {len(arguments)} characters; at most {MAX_ARGUMENT_CHARS}")
        if json_depth(arguments) > MAX_DEPTH:
            raise ValueError(f"the arguments nest too deeply (more than {MAX_DEPTH} levels)")
        try:
            arguments = json.loads(arguments)
        except json.JSONDecodeError as e:
            raise ValueError(f"the arguments are not JSON ({e.msg})") from None
    if not isinstance(arguments, dict):
        raise ValueError(f"the arguments must be a JSON object, found {type(arguments).__name__}")
    schema = TOOLS[name]["function"]["parameters"]
    missing = [k for k in schema["required"] if k not in arguments]
    extra = sorted(set(arguments) - set(schema["properties"]))
    if missing or extra:
        raise ValueError(f"{name} takes {', '.join(schema['properties'])}"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(extra)}" if extra else ""))
    if not isinstance(arguments["expression"], str):  # the one parameter of both tools
        raise ValueError(f"expression must be a string, found {json.dumps(arguments['expression'])[:40]}")
    return arguments


def run_tool(name: str, arguments: str | dict, problem: Problem | None = None) -> str:
    """The result text of one call (arguments: the JSON text the model wrote, or an object). problem: the puzzle
    that check_countdown checks against."""
    if name not in TOOLS:
        return f"error: unknown tool {name[:40]!r}; the tools are {', '.join(TOOLS)}"
    if name == "check_countdown" and (problem is None or "numbers" not in problem.data):
        raise ValueError("check_countdown needs the Countdown problem it checks answers to")
    try:
        args = _arguments(name, arguments)
        if name == "calculator":
            return show(calculate(args["expression"]))
        checked = evaluate(args["expression"])
        if checked is None:
            raise CalculatorError("the expression must use whole numbers, + - * / and parentheses only")
        value, used = checked
        return json.dumps({"value": show(value), "numbers_used_once": Counter(used) == Counter(problem.data["numbers"]),
                           "target_reached": value == problem.data["target"]})
    except ValueError as e:  # CalculatorError too
        return f"error: {e}"


def _call(name: str, arguments: dict) -> list[dict]:
    return [{"id": "call_0", "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}]


def _turn(thought: list[str], name: str, arguments: dict, problem: Problem) -> list[dict]:
    """An assistant turn that thinks and calls a tool (its content ends at </think>: the template's history
    form of it is then the calls alone), and the tool's answer."""
    result = run_tool(name, arguments, problem)
    return [{"role": "assistant", "content": "<think>\n" + "\n".join(thought) + "\n</think>",
             "tool_calls": _call(name, arguments)},
            {"role": "tool", "tool_call_id": "call_0", "content": result}]


def _wrong_countdown(problem: Problem, rng: random.Random) -> str | None:
    """A plausible wrong first try: the numbers in another order with random operators, not making the target."""
    for _ in range(20):
        numbers = list(problem.data["numbers"])
        rng.shuffle(numbers)
        expr = str(numbers[0])
        for n in numbers[1:]:
            expr = f"{expr} {rng.choice('+-*')} {n}"
        checked = evaluate(expr)
        if checked is not None and checked[0] != problem.data["target"]:
            return expr
    return None


def tool_conversation(problem: Problem, rng: random.Random, retry: float = 0.3) -> list[dict]:
    """A worked tool-use conversation for a problem of a task with a tool: the problem's chat messages, turns that
    call the tool, and a last turn that answers from the result. Countdown: a share `retry` first tries a wrong
    expression, reads the checker's verdict, then calls with a right one."""
    name = TASK_TOOLS.get(problem.task)
    if name is None:
        raise ValueError(f"task {problem.task!r} has no tool; tasks with one: {', '.join(TASK_TOOLS)}")
    messages = problem.messages()
    if name == "calculator":
        expression = problem.data["expression"]
        plan = list(problem.data.get("plan", ())) + [f"compute {expression} with the calculator"]
        messages += _turn(plan, name, {"expression": expression}, problem)
        result = messages[-1]["content"]
        thought = f"{expression} = {result}"
    else:
        wrong = _wrong_countdown(problem, rng) if rng.random() < retry else None
        if wrong is not None:
            messages += _turn([f"try {wrong}"], name, {"expression": wrong}, problem)
        steps = list(problem.steps[:-1]) + [f"check {problem.answer}"]
        messages += _turn(steps, name, {"expression": problem.answer}, problem)
        thought = f"the checker accepts {problem.answer}"
    messages.append({"role": "assistant", "content": f"<think>\n{thought}\n</think>\n\n{problem.answer}"})
    return messages


def tool_examples(messages: list[dict]) -> list[list[dict]]:
    """One training conversation per assistant turn, ending with it (so that turn keeps its reasoning)."""
    return [messages[:i + 1] for i, m in enumerate(messages) if m["role"] == "assistant"]
