"""`nanoseek chat`: a conversation in the terminal; the model's reasoning streams dimmed before its answer.
`/think off` switches thinking off (the template's empty thought: the model answers at once), `/think on` back.

With tools (`--tools FILE`, OpenAI's `tools` list), the calls the model makes stream as `tool call> name(args)`,
constrained as on the server (serve/tools.py: a declared name, arguments under its schema); the next lines typed
are their results, one per call, and then the model goes on. `/tools auto|required|none` sets the tool choice."""

from __future__ import annotations

import dataclasses
import sys
from types import SimpleNamespace

from ..engine import Engine, SamplingParams
from ..tokenizer import Tokenizer
from . import tools as tool_calls
from .errors import ApiError
from .reasoning import ReasoningSplitter
from .schemas import ChatRequest

HELP = ("Type a message. /think on|off switches thinking, /tools auto|required|none the tool choice, /reset clears "
        "the conversation, /exit or Ctrl-D leaves, Ctrl-C stops an answer.")
TOOL_CHOICES = ("auto", "required", "none")


def constraint(engine: Engine, tokenizer: Tokenizer, tools: list[dict], choice: str) -> tuple[list[dict], dict]:
    """(the tools as the template takes them, SamplingParams' grammar fields) for the tool choice, checked as the
    server checks a request's (ValueError with the server's message)."""
    try:
        body = ChatRequest.model_validate({"model": "chat", "messages": [], "tools": tools, "tool_choice": choice})
        declared = tool_calls.template_tools(body)
        return declared, tool_calls.constraint(SimpleNamespace(engine=engine, tokenizer=tokenizer), body, declared)
    except ApiError as e:
        raise ValueError(e.message) from None
    except ValueError as e:  # pydantic's: the file is not a list of tools
        raise ValueError(f"tools must be OpenAI's tools list ({{'type': 'function', 'function': {{'name', "
                         f"'parameters'}}}}): {e}") from None


def chat(engine: Engine, tokenizer: Tokenizer, params: SamplingParams, system: str | None = None,
         show_reasoning: bool = True, stdin=None, stdout=None, thinking: bool = True, tools: list[dict] | None = None,
         tool_choice: str = "auto") -> list[dict]:
    """Run the conversation until /exit or end of input; returns the messages."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    dim, plain = ("\x1b[2m", "\x1b[0m") if stdout.isatty() else ("", "")
    if tools:
        constraint(engine, tokenizer, tools, tool_choice)  # refused before the conversation starts
    start = [{"role": "system", "content": system}] if system else []
    messages, pending = list(start), []  # pending: the last answer's tool calls still waiting for a result
    engine.start()  # the engine steps in its own thread, so Ctrl-C here only ever interrupts the waiting
    stdout.write(HELP + "\n")
    try:
        while True:
            stdout.write(f"result of {pending[0]['function']['name']}> " if pending else "you> ")
            stdout.flush()
            line = stdin.readline()
            if not line or line.strip() == "/exit":
                break
            line = line.strip()
            if line == "/reset":
                messages, pending = list(start), []
                stdout.write("(conversation cleared)\n")
                continue
            if line in ("/think on", "/think off"):
                thinking = line == "/think on"
                stdout.write(f"(thinking {'on' if thinking else 'off'})\n")
                continue
            if line.startswith("/tools"):
                choice = line.removeprefix("/tools").strip()
                if not tools or choice not in TOOL_CHOICES:
                    stdout.write("(/tools auto|required|none; start with --tools FILE to declare tools)\n")
                else:
                    tool_choice = choice
                    stdout.write(f"(tool choice {choice})\n")
                continue
            if pending:  # the line is the first waiting call's result
                call = pending.pop(0)
                messages = messages + [{"role": "tool", "tool_call_id": call["id"], "content": line}]
                if pending:
                    continue
            elif line:
                messages = messages + [{"role": "user", "content": line}]
            else:
                continue
            messages = _turn(engine, tokenizer, params, messages, show_reasoning, dim, plain, stdout, thinking,
                             tools, tool_choice)
            pending = list(messages[-1].get("tool_calls") or [])
    finally:
        engine.stop(drain=False)
    stdout.write("\n")
    return messages


def _turn(engine, tokenizer, params, messages, show_reasoning, dim, plain, out, thinking=True, tools=None,
          tool_choice="auto") -> list[dict]:
    declared, grammar = constraint(engine, tokenizer, tools, tool_choice) if tools else (None, {})
    ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, thinking=thinking, tools=declared)
    try:
        request = engine.submit(ids, dataclasses.replace(params, **grammar))
    except ValueError as e:
        out.write(f"({e}; /reset starts afresh)\n")
        return messages[:-1]
    splitter, answer, where = ReasoningSplitter(in_reasoning=thinking), "", None
    calls = tool_calls.ToolCalls(tokenizer, bool(tools))
    try:
        for event in request:
            event = calls.take(event)
            reasoning, content = splitter.push(event.text) if event.finish_reason is None else splitter.finish()
            if reasoning and show_reasoning:
                if where != "thinking":
                    out.write(f"{dim}thinking: ")
                    where = "thinking"
                out.write(reasoning)
            if content:
                if where != "answer":
                    out.write(f"{plain}\n" if where else "")
                    out.write("assistant> ")
                    where = "answer"
                out.write(content)
                answer += content
            for delta in calls.pop_deltas():
                if "id" in delta:  # a new call
                    out.write(f"{plain}{')' if where == 'call' else ''}\n" if where else "")
                    out.write(f"tool call> {delta['function']['name']}(")
                    where = "call"
                out.write(delta["function"].get("arguments") or "")
            out.flush()
    except KeyboardInterrupt:
        request.cancel()
        out.write(f"{plain} (stopped)")
    out.write(f"{plain}{')' if where == 'call' else ''}\n")
    if calls.calls and request.finish_reason == "stop":  # (calls cut by max_tokens or Ctrl-C are not kept)
        return messages + [{"role": "assistant", "content": answer, "tool_calls": calls.calls}]
    return messages + [{"role": "assistant", "content": answer}]
