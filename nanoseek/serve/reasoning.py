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
    """in_reasoning: the output starts inside the thought (thinking on); else it is all answer (thinking off,
    or a prefix message that closed its thought). answer_started: the output continues an answer already
    begun (a prefix), so its leading newlines are kept."""

    def __init__(self, in_reasoning: bool = True, answer_started: bool = False):
        self.in_reasoning = in_reasoning
        self.held = ""  # text that may be the start of a tag, waiting for the next delta
        self.at_start = True  # no reasoning text yet: a repeated "<think>" is dropped
        self.content_started = answer_started  # the answer's leading newlines (after "</think>") are dropped

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
        self.which: str | None = None  # the stop string that matched (Anthropic's stop_sequence)

    def push(self, text: str) -> str:
        if self.stopped:
            return ""
        text, self.held = self.held + text, ""
        hits = [(i, s) for i, s in ((text.find(s), s) for s in self.stops) if i >= 0]
        if hits:
            self.stopped = True
            at, self.which = min(hits, key=lambda h: h[0])
            return text[:at]
        keep = held_back(text, self.stops)
        self.held = text[len(text) - keep:]
        return text[:len(text) - keep]

    def finish(self) -> str:
        held, self.held = self.held, ""
        return held


class ThoughtStop:
    """Stop strings over a raw completion (/v1/completions) whose prompt left a thought open: as on chat, they
    are matched after the model's `</think>` only, so lm-eval's usual `until: ["\\n"]` does not end the
    reasoning. The text itself, reasoning and tag included, goes out unchanged."""

    def __init__(self, stops: tuple[str, ...], in_thought: bool):
        self.in_thought, self.stop, self.held = in_thought, StopText(stops), ""

    @property
    def stopped(self) -> bool:
        return self.stop.stopped

    def apply(self, text: str, finish_reason: str | None) -> tuple[str, str | None]:
        """(text to send, finish reason) for an event's text; "stop" once a stop string matched."""
        out = self._push(text)
        if finish_reason is not None and not self.stopped:
            held, self.held = self.held, ""
            out += held + self.stop.finish()
        return out, "stop" if self.stopped else finish_reason

    def _push(self, text: str) -> str:
        if not self.in_thought:
            return self.stop.push(text)
        text, self.held = self.held + text, ""
        end = text.find(THINK_END)
        if end < 0:
            keep = held_back(text, (THINK_END,))
            self.held = text[len(text) - keep:]
            return text[:len(text) - keep]
        self.in_thought = False
        end += len(THINK_END)
        return text[:end] + self.stop.push(text[end:])


def opens_thought(ids: list[int], think: int, think_end: int) -> bool:
    """Whether a prompt's last `<think>` is still open (the model's output starts inside a thought)."""
    last = max((i for i, t in enumerate(ids) if t == think), default=-1)
    return last >= 0 and think_end not in ids[last:]
