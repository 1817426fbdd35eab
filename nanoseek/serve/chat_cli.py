"""`nanoseek chat`: a conversation in the terminal; the model's reasoning streams dimmed before its answer.
`/think off` switches thinking off (the template's empty thought: the model answers at once), `/think on` back."""

from __future__ import annotations

import sys

from ..engine import Engine, SamplingParams
from ..tokenizer import Tokenizer
from .reasoning import ReasoningSplitter

HELP = ("Type a message. /think on|off switches thinking, /reset clears the conversation, /exit or Ctrl-D leaves, "
        "Ctrl-C stops an answer.")


def chat(engine: Engine, tokenizer: Tokenizer, params: SamplingParams, system: str | None = None,
         show_reasoning: bool = True, stdin=None, stdout=None, thinking: bool = True) -> list[dict]:
    """Run the conversation until /exit or end of input; returns the messages."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    dim, plain = ("\x1b[2m", "\x1b[0m") if stdout.isatty() else ("", "")
    start = [{"role": "system", "content": system}] if system else []
    messages = list(start)
    engine.start()  # the engine steps in its own thread, so Ctrl-C here only ever interrupts the waiting
    stdout.write(HELP + "\n")
    try:
        while True:
            stdout.write("you> ")
            stdout.flush()
            line = stdin.readline()
            if not line or line.strip() == "/exit":
                break
            line = line.strip()
            if line == "/reset":
                messages = list(start)
                stdout.write("(conversation cleared)\n")
                continue
            if line in ("/think on", "/think off"):
                thinking = line == "/think on"
                stdout.write(f"(thinking {'on' if thinking else 'off'})\n")
                continue
            if line:
                messages = _turn(engine, tokenizer, params, messages + [{"role": "user", "content": line}],
                                 show_reasoning, dim, plain, stdout, thinking)
    finally:
        engine.stop(drain=False)
    stdout.write("\n")
    return messages


def _turn(engine, tokenizer, params, messages, show_reasoning, dim, plain, out, thinking=True) -> list[dict]:
    ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, thinking=thinking)
    try:
        request = engine.submit(ids, params)
    except ValueError as e:
        out.write(f"({e}; /reset starts afresh)\n")
        return messages[:-1]
    splitter, answer, where = ReasoningSplitter(in_reasoning=thinking), "", None
    try:
        for event in request:
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
            out.flush()
    except KeyboardInterrupt:
        request.cancel()
        out.write(f"{plain} (stopped)")
    out.write(f"{plain}\n")
    return messages + [{"role": "assistant", "content": answer}]
