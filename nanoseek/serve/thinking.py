"""DeepSeek's thinking switch, per request: `thinking: {"type": "enabled" | "disabled"}` and `reasoning_effort`.

Thinking on, the open assistant turn starts `<think>\\n` and the model reasons before it answers; off, it
starts with the empty thought `<think></think>` and the model answers at once (DeepSeek-V3.1's hybrid
template, tokenizer.py). A request that says nothing of thinking is served as before: the template thinks,
and its sampling fields apply. A request that asks for thinking (`thinking` enabled, or a
`reasoning_effort`) gets DeepSeek's thinking-mode sampling: temperature, top_p, top_k and the penalties it
sends are ignored, and THINKING_SAMPLING is used (seed still applies).

`reasoning_effort` is a budget of thinking tokens (EFFORT_BUDGETS; `high` when thinking is on and no effort
is named; Anthropic's `thinking.budget_tokens` names one exactly). The engine counts the thought's tokens and,
when the budget is spent with the thought still open, makes the next token `</think>` (engine/sampling.py:
think_budget), so the model goes on to answer in the same request; `max_tokens` still bounds reasoning plus
answer, and an answer's grammar (JSON output, tool calls) starts after that `</think>` as after any other.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def budget(m: Mode, in_thought: bool) -> int | None:
    """The thinking budget of the request's engine requests (SamplingParams.think_budget): when the output starts
    inside a thought; None: none."""
    return m.budget if in_thought and m.thinking else None
