"""Splitting a reasoning model's output into reasoning_content and content, as DeepSeek's reasoner does.

The chat template's generation prompt ends in `<think>\\n`, so the model starts inside its reasoning and
everything it writes up to `</think>` is reasoning; the rest is the answer. (A model that never closes its
reasoning gives only reasoning_content, as vLLM's DeepSeek-R1 parser does.) Works on streamed text: a
delta that ends in what may be the start of `</think>` is held back until the next one decides.
"""

from __future__ import annotations

from ..engine.detok import held_back
from ..tokenizer import THINK, THINK_END


class ReasoningSplitter:
    def __init__(self):
        self.in_reasoning = True
        self.held = ""  # text that may be the start of a tag, waiting for the next delta
        self.at_start = True  # no reasoning text yet: a repeated "<think>" is dropped
        self.content_started = False  # the answer's leading newlines (after "</think>") are dropped

    def push(self, text: str) -> tuple[str, str]:
        """New text -> (reasoning delta, content delta)."""
        text, self.held = self.held + text, ""
        reasoning = ""
        if self.in_reasoning:
            if self.at_start:
                stripped = text.lstrip()
                if len(stripped) < len(THINK) and THINK.startswith(stripped):
                    self.held = text
                    return "", ""
                if stripped.startswith(THINK):
                    text = stripped[len(THINK):].lstrip("\n")
                self.at_start = False
            end = text.find(THINK_END)
            if end < 0:
                keep = held_back(text, (THINK_END,))
                self.held = text[len(text) - keep:]
                return text[: len(text) - keep], ""
            reasoning, text = text[:end], text[end + len(THINK_END):]
            self.in_reasoning = False
        if not self.content_started:
            text = text.lstrip("\n")
            self.content_started = bool(text)
        return reasoning, text

    def finish(self) -> tuple[str, str]:
        """The end of the stream: release held text where it belongs."""
        held, self.held = self.held, ""
        return (held, "") if self.in_reasoning else ("", held)


def split(text: str) -> tuple[str, str]:
    """Whole-output form: text -> (reasoning_content, content)."""
    s = ReasoningSplitter()
    r1, c1 = s.push(text)
    r2, c2 = s.finish()
    return r1 + r2, c1 + c2


class StopText:
    """Stop strings over streamed text (the answer of a chat choice): push(delta) gives the text that is
    safe to release; once a stop string appears, the text before it and `stopped`. Held back: only the tail
    that may start a stop string, so each push costs O(stops x their length)."""

    def __init__(self, stops: tuple[str, ...]):
        self.stops, self.held, self.stopped = stops, "", False

    def push(self, text: str) -> str:
        if self.stopped:
            return ""
        text, self.held = self.held + text, ""
        hits = [i for i in (text.find(s) for s in self.stops) if i >= 0]
        if hits:
            self.stopped = True
            return text[:min(hits)]
        keep = held_back(text, self.stops)
        self.held = text[len(text) - keep:]
        return text[:len(text) - keep]

    def finish(self) -> str:
        held, self.held = self.held, ""
        return held
