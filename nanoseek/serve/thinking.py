"""DeepSeek's thinking switch, per request: `thinking: {"type": "enabled" | "disabled"}` and `reasoning_effort`.

Thinking on, the open assistant turn starts `<think>\\n` and the model reasons before it answers; off, it
starts with the empty thought `<think></think>` and the model answers at once (DeepSeek-V3.1's hybrid
template, tokenizer.py). A request that says nothing of thinking is served as before: the template thinks,
and its sampling fields apply. A request that asks for thinking (`thinking` enabled, or a
`reasoning_effort`) gets DeepSeek's thinking-mode sampling: temperature, top_p, top_k and the penalties it
sends are ignored, and THINKING_SAMPLING is used (seed still applies).

`reasoning_effort` is a budget of thinking tokens (EFFORT_BUDGETS; `high` when thinking is on and no effort
is named; Anthropic's `thinking.budget_tokens` names one exactly). The engine is asked for at most the
budget; when the thought is still open after it, the server closes it: the request goes on as a second
engine request whose prompt is the first one's prompt and output plus `</think>` (the prefix cache makes
its prefill cheap), with the rest of max_tokens, and the model answers. (A thought that closed in time but
whose answer the cap cut goes on the same way, without the added tag.) The budget counts the thought's
tokens, `</think>` excluded; `max_tokens` still bounds reasoning plus answer. With n > 1 the continuations
start when every first request has ended.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

from ..engine import EngineClosed, QueueFull
from ..engine.request import Channel, Event
from ..tokenizer import THINK_END
from .errors import bad_request

# Thinking tokens per reasoning_effort (the server's defaults; ServerState.thinking_budgets may change them):
#   low   a short thought, for easy questions;
#   high  DeepSeek's default effort: room for a worked solution of nanoseek's tasks many times over;
#   max   no budget of its own: the thought may use all of max_tokens (and the context).
EFFORT_BUDGETS: dict[str, int | None] = {"low": 256, "high": 2048, "max": None}
DEFAULT_EFFORT = "high"
# Sampling in thinking mode (DeepSeek-R1's recommended settings); the request's own values are ignored.
THINKING_SAMPLING = {"temperature": 0.6, "top_p": 0.95, "top_k": 0, "presence_penalty": 0.0,
                     "frequency_penalty": 0.0, "repetition_penalty": 1.0}


@dataclass(frozen=True)
class Mode:
    thinking: bool = True  # the open assistant turn starts a thought
    explicit: bool = False  # the request asked for thinking: its sampling fields give way to THINKING_SAMPLING
    budget: int | None = None  # thinking tokens before the server closes the thought; None: max_tokens only


def mode(state, thinking, effort: str | None, default: bool = True, param: str = "thinking") -> Mode:
    """The request's Mode; a 400 for an unknown type or effort. `default`: thinking when the request says
    nothing (True on chat completions, as before; False on Anthropic's /v1/messages, as Anthropic)."""
    budgets = getattr(state, "thinking_budgets", None) or EFFORT_BUDGETS
    if thinking is not None and thinking.type not in ("enabled", "disabled"):
        raise bad_request(f"{param}.type must be 'enabled' or 'disabled'; got {thinking.type!r}", f"{param}.type")
    if effort is not None and effort not in budgets:
        raise bad_request(f"reasoning_effort must be one of {', '.join(budgets)}; got {effort!r}",
                          "reasoning_effort")
    on = default if thinking is None else thinking.type == "enabled"
    if thinking is None and effort is not None:
        on = True  # an effort asks for thinking
    if not on:
        if effort is not None:
            raise bad_request("reasoning_effort needs thinking: drop it or enable thinking", "reasoning_effort")
        return Mode(thinking=False)
    explicit = thinking is not None or effort is not None
    budget = thinking.budget_tokens if thinking is not None and thinking.budget_tokens is not None else None
    if budget is None and explicit:
        budget = budgets[effort or DEFAULT_EFFORT]
    return Mode(thinking=True, explicit=explicit, budget=budget)


def prefix_text(message, content: str | None, m: Mode, i: int) -> str:
    """The open assistant turn a prefix message gives (DeepSeek's chat prefix completion). Thinking on, the
    turn is a thought: `reasoning_content` is the thought to continue, and `content` (if any) an answer begun
    after it, so the thought is closed first. Thinking off, it is the answer begun."""
    if not m.thinking:
        if message.reasoning_content is not None:
            raise bad_request(f"messages[{i}].reasoning_content: a prefix with a thought needs thinking enabled",
                              f"messages[{i}].reasoning_content")
        return content or ""
    thought = message.reasoning_content or ""
    return thought + THINK_END + content if content else thought


def starts(body, m: Mode) -> tuple[bool, bool]:
    """(the output starts inside a thought, it continues an answer already begun) for a chat request."""
    last = body.messages[-1] if body.messages else None
    if last is None or not last.prefix:
        return m.thinking, False
    answer = last.content if isinstance(last.content, str) else "".join(p.text or "" for p in last.content or [])
    return m.thinking and not answer, bool(answer)


def sampling(body, m: Mode):
    """The request body with thinking mode's sampling in place of its own (when the request asked to think)."""
    return body.model_copy(update=THINKING_SAMPLING) if m.thinking and m.explicit else body


class Choice:
    """One choice's engine requests: the first, and the continuation after the server closed a thought
    whose budget ran out. Reads like an engine request where the server reads one (usage, errors, cancel)."""

    def __init__(self, first, prompt: list[int], total: int, budget: int | None, think_end: int):
        self.parts, self.prompt, self.total, self.budget = [first], prompt, total, budget
        self.think_end, self.closed = think_end, False  # closed: the server wrote </think>

    @property
    def output_ids(self) -> list[int]:
        ids = self.parts[0].output_ids + [self.think_end] * self.closed
        return ids + (self.parts[1].output_ids if len(self.parts) > 1 else [])

    @property
    def cached_tokens(self) -> int:
        return self.parts[0].cached_tokens

    @property
    def error(self):
        return next((p.error for p in self.parts if p.error), None)

    @property
    def finish_reason(self):
        return self.parts[-1].finish_reason

    @finish_reason.setter
    def finish_reason(self, value):  # the guard marks a blocked choice
        self.parts[-1].finish_reason = value

    @property
    def finished(self) -> bool:
        return self.parts[-1].finished

    def cancel(self) -> None:
        self.parts[-1].cancel()

    def capped(self, event: Event) -> bool:
        """The first request ended at the thinking budget (its cap), and max_tokens leaves room for more."""
        r = self.parts[0]
        return (len(self.parts) == 1 and self.budget is not None and event.finish_reason == "length"
                and self.budget <= len(r.output_ids) < self.total)

    def go_on(self, state, channel: Channel, index: int):
        """Submit the rest (delivered to `channel` under `index`): after a `</think>` the server writes when the
        thought is still open, else the answer the cap cut; None when max_tokens leaves no room for it."""
        first = self.parts[0]
        self.closed = self.think_end not in first.output_ids
        rest = self.total - len(first.output_ids) - self.closed
        if rest <= 0:
            return None
        p = first.params
        params = replace(p, max_tokens=rest, prompt_logprobs=None, seed=None if p.seed is None else p.seed + 1)
        ids = self.prompt + first.output_ids + [self.think_end] * self.closed
        r = state.engine.submit(ids, params, channel=channel, index=index)
        self.parts.append(r)
        return r


def choices(state, reqs, prompt: list[int], asked: int | None, m: Mode, in_thought: bool) -> list[Choice]:
    """A Choice per engine request (asked: the request's max_tokens); the budget applies when the output
    starts inside a thought."""
    budget = m.budget if in_thought else None
    total = asked if asked is not None else min(state.engine.max_len - len(prompt), state.limits.max_tokens)
    end = state.tokenizer.token_id(THINK_END)
    return [Choice(r, prompt, total, budget, end) for r in reqs]


def first_tokens(m: Mode, in_thought: bool) -> int | None:
    """The cap, below max_tokens, on what the first engine request may generate: the budget (None: none)."""
    return m.budget if in_thought and m.thinking else None


async def run(state, chosen: list[Choice], events) -> AsyncIterator[tuple[int, Event]]:
    """(choice index, event) of `events(reqs)` (the server's merged stream over engine requests), going on past
    the budget's cap: a thought still open is closed ("</think>" is handed on as text), and the continuation's
    events follow under the same index."""
    todo = list(range(len(chosen)))
    while todo:
        reqs = [chosen[i].parts[-1] for i in todo]
        later = []
        channel = Channel(asyncio.get_running_loop())  # the continuations of one phase share one
        async for k, event in events(reqs):
            i = todo[k]
            if chosen[i].capped(event):
                if event.tokens or event.text:
                    yield i, Event(event.tokens, event.text, event.logprobs)
                try:
                    r = chosen[i].go_on(state, channel, len(later))
                except (QueueFull, EngineClosed, ValueError):  # no room for the rest: the choice ends here
                    r = None
                if chosen[i].closed:
                    yield i, Event([chosen[i].think_end], THINK_END, None, None if r else "length")
                elif r is None:
                    yield i, Event([], "", None, "length")
                if r is not None:
                    later.append(i)
                continue
            yield i, event
        todo = later
