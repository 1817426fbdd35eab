"""/v1/messages: Anthropic's Messages API over the same engine, so that Anthropic-speaking tools can use it.

A request is turned into the chat form (system, user and assistant text; a last assistant message is
continued, as Anthropic's prefill and DeepSeek's prefix completion both do) and runs through the same
steps as /v1/chat/completions: limits, guard, thinking switch, engine, stop strings in the answer only.
What comes back is Anthropic-shaped: `thinking` then `text` content blocks, stop_reason end_turn /
max_tokens / stop_sequence / refusal, usage with cache reads, and for `stream: true` the named SSE events
(message_start, content_block_start/delta/stop, message_delta, message_stop). Errors are Anthropic's
{"type": "error", "error": {"type", "message"}} (errors.anthropic_body), also inside a stream.

Thinking is off unless asked for (`thinking: {"type": "enabled", "budget_tokens": N}`), as on Anthropic's
API; the budget is the one of serve/thinking.py. Thinking blocks sent back in earlier turns are dropped (the
template drops earlier reasoning anyway); their signature is empty, as nanoseek signs nothing.

Tools (`tools`, tool_use / tool_result blocks) are refused with a 400 for now: the chat form has tool calls
(serve/tools.py), and mapping Anthropic's blocks onto them (to_chat's `tool_use`/`tool_result` branch and the
`tools` field are the place; tool_use blocks from the choice's tool calls) is not written yet.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import Field

from . import thinking
from .completions import (
    ClientGone,
    DeadlineExceeded,
    _ChatChoice,
    _check,
    _stream,
    chat_prompt,
    check_stops,
    deadline,
    deadline_error,
    merged,
    submit,
    usage,
)
from .errors import ApiError, anthropic_body, bad_request
from .guarded import _screen, guarded
from .schemas import ChatRequest, Thinking, _Body


class Block(_Body):
    type: str
    text: str | None = None
    thinking: str | None = None  # a thinking block sent back: dropped


class Turn(_Body):
    role: str
    content: str | list[Block]


class MessagesRequest(_Body):
    model: str
    max_tokens: int = Field(ge=1)
    messages: list[Turn]
    system: str | list[Block] | None = None
    stop_sequences: list[str] | None = None
    stream: bool = False
    temperature: float = Field(1.0, ge=0, le=1)  # Anthropic's range
    top_p: float | None = Field(None, gt=0, le=1)
    top_k: int | None = Field(None, ge=0)
    thinking: Thinking | None = None
    tools: list[dict] | None = None  # refused for now (see the module's docstring)


class CountTokensRequest(_Body):
    model: str
    messages: list[Turn]
    system: str | list[Block] | None = None
    thinking: Thinking | None = None


def _text(blocks, where: str) -> str:
    if isinstance(blocks, str):
        return blocks
    parts = []
    for j, b in enumerate(blocks):
        if b.type == "text":
            parts.append(b.text or "")
        elif b.type in ("thinking", "redacted_thinking"):
            continue  # earlier reasoning is not fed back
        elif b.type in ("tool_use", "tool_result"):  # the place for tool calls, once the chat form has them
            raise bad_request(f"{where}[{j}]: {b.type} blocks are not supported yet", f"{where}.{j}.type")
        else:
            raise bad_request(f"{where}[{j}]: content blocks of type {b.type!r} are not supported; send text",
                              f"{where}.{j}.type")
    return "".join(parts)


def to_chat(state, body) -> ChatRequest:
    """The request in the chat form; a last assistant message becomes a prefix to continue."""
    if getattr(body, "tools", None):
        raise bad_request("tools on /v1/messages are not supported yet", "tools")
    messages = [{"role": "system", "content": _text(body.system, "system")}] if body.system else []
    for i, turn in enumerate(body.messages):
        if turn.role not in ("user", "assistant"):
            raise bad_request(f"messages[{i}].role must be user or assistant; got {turn.role!r}",
                              f"messages.{i}.role")
        messages.append({"role": turn.role, "content": _text(turn.content, f"messages.{i}.content")})
    if not body.messages:
        raise bad_request("messages must hold at least one message", "messages")
    if messages[-1]["role"] == "assistant":
        messages[-1]["prefix"] = True
    fields = {"model": body.model, "messages": messages, "n": 1}
    if isinstance(body, MessagesRequest):
        fields.update(max_tokens=body.max_tokens, temperature=body.temperature, stream=body.stream,
                      stop=list(body.stop_sequences or []))
        fields.update({k: v for k, v in (("top_p", body.top_p), ("top_k", body.top_k)) if v is not None})
    return ChatRequest.model_validate(fields)


def _mode(state, body) -> thinking.Mode:
    return thinking.mode(state, body.thinking, None, default=False)


def _usage(state, ids, reqs) -> dict:
    u = usage(state, [ids], reqs, 1)
    return {"input_tokens": u["prompt_cache_miss_tokens"], "output_tokens": u["completion_tokens"],
            "cache_read_input_tokens": u["prompt_cache_hit_tokens"], "cache_creation_input_tokens": 0}


def _stop_reason(choice: _ChatChoice, reason: str | None) -> tuple[str | None, str | None]:
    """(stop_reason, stop_sequence) of a choice's finish reason."""
    if choice.stopped:
        return "stop_sequence", choice.stop.which
    return {"stop": "end_turn", "length": "max_tokens", "content_filter": "refusal"}.get(reason, reason), None


def _message(state, head: dict, reasoning: str | None, text: str, stop: tuple, usage_: dict) -> dict:
    content = [] if reasoning is None else [{"type": "thinking", "thinking": reasoning, "signature": ""}]
    if text or not content:
        content.append({"type": "text", "text": text})
    return {**head, "content": content, "stop_reason": stop[0], "stop_sequence": stop[1], "usage": usage_}


async def count_tokens(state, body: CountTokensRequest) -> dict:
    chat = to_chat(state, body)
    ids = await asyncio.to_thread(chat_prompt, state, chat, _mode(state, body))
    return {"input_tokens": len(ids)}


async def messages(state, body: MessagesRequest, http: Request, key: str | None = None):
    timeout, due = deadline(state, key)
    chat = to_chat(state, body)
    stops = check_stops(state, chat)
    mode = _mode(state, body)
    head = {"id": f"msg_{uuid.uuid4().hex}", "type": "message", "role": "assistant", "model": state.model_name}
    verdict, policy = await _screen(state, chat.messages, key)  # a guard's "reject" is raised as a 400
    if verdict is not None:  # refused in band, as Anthropic's stop_reason "refusal"
        none = {"input_tokens": 0, "output_tokens": 0, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0}
        msg = _message(state, head, None, policy.refusal, ("refusal", None), none)
        return _stream(_replay(msg)) if body.stream else JSONResponse(msg)
    ids = await asyncio.to_thread(chat_prompt, state, chat, mode)
    in_thought, answer_started = thinking.starts(chat, mode)
    reqs = submit(state, [ids], thinking.sampling(chat, mode), body.max_tokens, None, None, (), key, "messages",
                  budget=thinking.budget(mode, in_thought))
    events = guarded(state, key, reqs, chat.messages, merged(reqs, http, due))
    choice = _ChatChoice(stops, in_thought, answer_started)
    if body.stream:
        return _stream(_events(state, head, ids, reqs, events, choice, timeout))
    reasoning, text, reason = "", "", None
    try:
        async for _, event in events:
            if choice.stopped:
                continue
            r, c = choice.push(event)
            reasoning, text, reason = reasoning + r, text + c, choice.finish_reason(event)
            if choice.stopped:
                reqs[0].cancel()
    except ClientGone:
        return JSONResponse({}, status_code=499)
    except DeadlineExceeded:
        raise deadline_error(timeout) from None
    _check(state, reqs)
    return _message(state, head, reasoning if mode.thinking else None, text, _stop_reason(choice, reason),
                    _usage(state, ids, reqs))


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class _Blocks:
    """Anthropic content blocks out of (kind, text) deltas: a block starts when the kind changes."""

    def __init__(self):
        self.index, self.kind = -1, None

    def feed(self, kind: str, text: str) -> list[str]:
        out = []
        if kind != self.kind:
            out += self.close()
            self.index, self.kind = self.index + 1, kind
            start = {"type": "thinking", "thinking": "", "signature": ""} if kind == "thinking" else \
                {"type": "text", "text": ""}
            out.append(_sse("content_block_start", {"type": "content_block_start", "index": self.index,
                                                    "content_block": start}))
        delta = {"type": "thinking_delta", "thinking": text} if kind == "thinking" else \
            {"type": "text_delta", "text": text}
        out.append(_sse("content_block_delta", {"type": "content_block_delta", "index": self.index, "delta": delta}))
        return out

    def close(self) -> list[str]:
        if self.kind is None:
            return []
        out = []
        if self.kind == "thinking":
            out.append(_sse("content_block_delta", {"type": "content_block_delta", "index": self.index,
                                                    "delta": {"type": "signature_delta", "signature": ""}}))
        out.append(_sse("content_block_stop", {"type": "content_block_stop", "index": self.index}))
        self.kind = None
        return out


def _start(head: dict, input_tokens: int) -> str:
    usage_ = {"input_tokens": input_tokens, "output_tokens": 0, "cache_read_input_tokens": 0,
              "cache_creation_input_tokens": 0}
    return _sse("message_start", {"type": "message_start", "message": {
        **head, "content": [], "stop_reason": None, "stop_sequence": None, "usage": usage_}})


def _end(stop: tuple, usage_: dict) -> list[str]:
    return [_sse("message_delta", {"type": "message_delta",
                                   "delta": {"stop_reason": stop[0], "stop_sequence": stop[1]}, "usage": usage_}),
            _sse("message_stop", {"type": "message_stop"})]


async def _replay(msg: dict) -> AsyncIterator[str]:
    """A finished message as a stream (the guard's refusal)."""
    head = {k: msg[k] for k in ("id", "type", "role", "model")}
    yield _start(head, 0)
    blocks = _Blocks()
    for b in msg["content"]:
        for s in blocks.feed(b["type"], b.get("text") or b.get("thinking") or ""):
            yield s
    for s in blocks.close() + _end((msg["stop_reason"], msg["stop_sequence"]), msg["usage"]):
        yield s


async def _events(state, head, ids, reqs, events, choice: _ChatChoice, timeout) -> AsyncIterator[str]:
    yield _start(head, len(ids))
    blocks, reason = _Blocks(), None
    try:
        async for _, event in events:
            if choice.stopped:
                continue
            if event.finish_reason == "error":
                yield _sse("error", anthropic_body(ApiError(500, f"generation failed: {reqs[0].error}",
                                                            "server_error")))
                return
            r, c = choice.push(event)
            if choice.stopped:
                reqs[0].cancel()
            reason = choice.finish_reason(event)
            for kind, text in (("thinking", r), ("text", c)):
                if text:
                    for s in blocks.feed(kind, text):
                        yield s
    except ClientGone:
        return
    except DeadlineExceeded:
        yield _sse("error", anthropic_body(deadline_error(timeout)))
        return
    for s in blocks.close() + _end(_stop_reason(choice, reason), _usage(state, ids, reqs)):
        yield s
