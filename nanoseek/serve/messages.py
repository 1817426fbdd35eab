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

Tools map onto the chat form's (serve/tools.py), so they are rendered and constrained exactly as there:
`tools` (name, description, input_schema) become functions, `tool_choice` auto / any / tool / none becomes
auto / required / the named function / none (`disable_parallel_tool_use`: one call), an assistant's tool_use
blocks become its tool_calls and a user's tool_result blocks become tool messages (before the user's text).
The calls the model makes come back as tool_use blocks (input: the parsed arguments; streamed as
content_block_start with an empty input, then input_json_delta pieces) with stop_reason "tool_use". A call
cut by max_tokens is still a tool_use block, as on Anthropic's API (streamed as far as it went; in a message,
with the empty input, as its arguments do not parse); stop_reason max_tokens says so.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import Field

from . import thinking, tools
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
    id: str | None = None  # tool_use
    name: str | None = None  # tool_use
    input: dict[str, Any] | None = None  # tool_use: the call's arguments
    tool_use_id: str | None = None  # tool_result: the call it answers
    content: str | list[Block] | None = None  # tool_result: its output (text blocks)
    is_error: bool | None = None  # tool_result


class Turn(_Body):
    role: str
    content: str | list[Block]


class AnthropicTool(_Body):
    name: str
    description: str | None = None
    input_schema: dict[str, Any] | None = None  # required (checked in to_chat, to say so plainly)
    type: str | None = None  # "custom" or absent; Anthropic's server tools (web search, bash, ...) are refused


class AnthropicToolChoice(_Body):
    type: str  # auto, any, tool, none
    name: str | None = None  # type tool: the tool to call
    disable_parallel_tool_use: bool | None = None


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
    tools: list[AnthropicTool] | None = None
    tool_choice: AnthropicToolChoice | None = None


class CountTokensRequest(_Body):
    model: str
    messages: list[Turn]
    system: str | list[Block] | None = None
    thinking: Thinking | None = None
    tools: list[AnthropicTool] | None = None
    tool_choice: AnthropicToolChoice | None = None


def _text(blocks, where: str) -> str:
    """Text-only content (a system prompt, a tool result): its text blocks joined."""
    if isinstance(blocks, str):
        return blocks
    parts = []
    for j, b in enumerate(blocks):
        if b.type == "text":
            parts.append(b.text or "")
        elif b.type not in ("thinking", "redacted_thinking"):  # earlier reasoning is not fed back
            raise bad_request(f"{where}[{j}]: content blocks of type {b.type!r} are not supported here; send text",
                              f"{where}.{j}.type")
    return "".join(parts)


def _turn(i: int, turn: Turn) -> list[dict]:
    """The chat messages of one turn: a user's tool_result blocks become tool messages (then the user's text,
    if any); an assistant's tool_use blocks become its tool_calls."""
    if turn.role not in ("user", "assistant"):
        raise bad_request(f"messages[{i}].role must be user or assistant; got {turn.role!r}", f"messages.{i}.role")
    if isinstance(turn.content, str):
        return [{"role": turn.role, "content": turn.content}]
    text, calls, results = [], [], []
    for j, b in enumerate(turn.content):
        where, param = f"messages[{i}].content[{j}]", f"messages.{i}.content.{j}"
        if b.type == "text":
            text.append(b.text or "")
        elif b.type in ("thinking", "redacted_thinking"):
            continue  # earlier reasoning is not fed back
        elif b.type == "tool_use" and turn.role == "assistant":
            if not b.id or not b.name or b.input is None:
                raise bad_request(f"{where}: a tool_use block needs id, name and input (an object)", param)
            calls.append({"id": b.id, "type": "function",
                          "function": {"name": b.name, "arguments": json.dumps(b.input, ensure_ascii=False)}})
        elif b.type == "tool_result" and turn.role == "user":
            if not b.tool_use_id:
                raise bad_request(f"{where}: a tool_result block needs the tool_use_id of the call it answers",
                                  f"{param}.tool_use_id")
            out = _text(b.content or "", f"{where}.content")
            results.append({"role": "tool", "tool_call_id": b.tool_use_id,
                            "content": f"error: {out}" if b.is_error else out})
        elif b.type in ("tool_use", "tool_result"):
            raise bad_request(f"{where}: {b.type} blocks belong in "
                              f"{'assistant' if b.type == 'tool_use' else 'user'} turns, not {turn.role} ones",
                              f"{param}.type")
        else:
            raise bad_request(f"{where}: content blocks of type {b.type!r} are not supported; send text, tool_use "
                              "or tool_result", f"{param}.type")
    message = {"role": turn.role, "content": "".join(text), **({"tool_calls": calls} if calls else {})}
    return results + ([message] if text or calls or not results else [])


_CHOICES = {"auto": "auto", "any": "required", "none": "none"}  # Anthropic's tool_choice types -> OpenAI's


def _tools(body) -> dict:
    """The chat form's tools, tool_choice and parallel_tool_calls for Anthropic's tools and tool_choice."""
    c = body.tool_choice
    if not body.tools:
        if c is not None and c.type != "none":
            raise bad_request(f"tool_choice {c.type!r} needs tools", "tool_choice")
        return {}
    out, seen = [], set()
    for k, t in enumerate(body.tools):
        if t.type not in (None, "custom"):
            raise bad_request(f"tools[{k}]: server tools (type {t.type!r}) are not supported; declare a custom tool "
                              "with name, description and input_schema", f"tools.{k}.type")
        if not tools.NAME.fullmatch(t.name):
            raise bad_request(f"tools[{k}].name must be 1-64 letters, digits, _ or -; got {t.name!r}",
                              f"tools.{k}.name")
        if t.name in seen:
            raise bad_request(f"tools[{k}].name {t.name!r} is declared twice", f"tools.{k}.name")
        seen.add(t.name)
        if t.input_schema is None or t.input_schema.get("type") != "object":
            found = "none" if t.input_schema is None else f"type {t.input_schema.get('type')!r}"
            raise bad_request(f"tools[{k}].input_schema must be a JSON schema of type 'object' (a tool's input is "
                              f"an object); found {found}", f"tools.{k}.input_schema")
        out.append({"type": "function", "function": {"name": t.name, "description": t.description,
                                                      "parameters": t.input_schema}})
    fields: dict = {"tools": out}
    if c is not None:
        if c.type == "tool":
            if not c.name:
                raise bad_request("tool_choice.name is required with type 'tool'", "tool_choice.name")
            fields["tool_choice"] = {"type": "function", "function": {"name": c.name}}
        elif c.type in _CHOICES:
            fields["tool_choice"] = _CHOICES[c.type]
        else:
            raise bad_request(f"tool_choice.type must be auto, any, tool or none; got {c.type!r}", "tool_choice.type")
        if c.disable_parallel_tool_use:
            fields["parallel_tool_calls"] = False
    return fields


def to_chat(state, body) -> ChatRequest:
    """The request in the chat form; a last assistant message becomes a prefix to continue."""
    messages = [{"role": "system", "content": _text(body.system, "system")}] if body.system else []
    for i, turn in enumerate(body.messages):
        messages += _turn(i, turn)
    if not body.messages:
        raise bad_request("messages must hold at least one message", "messages")
    if messages[-1]["role"] == "assistant":
        if messages[-1].get("tool_calls"):
            raise bad_request("the last message is an assistant's tool_use: send the tool_result in a user turn",
                              f"messages.{len(body.messages) - 1}")
        messages[-1]["prefix"] = True
    fields = {"model": body.model, "messages": messages, "n": 1, **_tools(body)}
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
    return {"stop": "end_turn", "length": "max_tokens", "content_filter": "refusal",
            "tool_calls": "tool_use"}.get(reason, reason), None


def _use_id(call_id: str) -> str:
    return "toolu_" + call_id.removeprefix("call_")  # Anthropic's prefix for the id of a ToolCalls call


def _tool_uses(calls: list[dict]) -> list[dict]:
    """tool_use blocks of the choice's calls (OpenAI's shape, from tools.ToolCalls); a call whose arguments do
    not parse was cut by max_tokens: its input is empty."""
    out = []
    for call in calls:
        try:
            args = json.loads(call["function"]["arguments"])
        except ValueError:
            args = {}
        out.append({"type": "tool_use", "id": _use_id(call["id"]), "name": call["function"]["name"], "input": args})
    return out


def _message(state, head: dict, reasoning: str | None, text: str, stop: tuple, usage_: dict,
             uses: list[dict] = ()) -> dict:
    content = [] if reasoning is None else [{"type": "thinking", "thinking": reasoning, "signature": ""}]
    if text or not (content or uses):
        content.append({"type": "text", "text": text})
    return {**head, "content": content + list(uses), "stop_reason": stop[0], "stop_sequence": stop[1],
            "usage": usage_}


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
    # tool calls constrained as on /v1/chat/completions (compiled off the event loop: a large schema takes a while)
    constrain = await asyncio.to_thread(tools.constraint, state, chat, tools.template_tools(chat))
    reqs = submit(state, [ids], thinking.sampling(chat, mode), body.max_tokens, None, None, (), key, "messages",
                  budget=thinking.budget(mode, in_thought), constrain=constrain)
    events = guarded(state, key, reqs, chat.messages, merged(reqs, http, due))
    choice = _ChatChoice(stops, in_thought, answer_started)
    calls = tools.ToolCalls(state.tokenizer, bool(chat.tools))
    if body.stream:
        return _stream(_events(state, head, ids, reqs, events, choice, calls, timeout))
    reasoning, text, reason = "", "", None
    try:
        async for _, event in events:
            if choice.stopped:
                continue
            r, c = choice.push(calls.take(event))
            reasoning, text, reason = reasoning + r, text + c, choice.finish_reason(event)
            if choice.stopped:
                reqs[0].cancel()
    except ClientGone:
        return JSONResponse({}, status_code=499)
    except DeadlineExceeded:
        raise deadline_error(timeout) from None
    _check(state, reqs)
    stop = _stop_reason(choice, calls.finish_reason(reason))
    return _message(state, head, reasoning if mode.thinking else None, text, stop, _usage(state, ids, reqs),
                    _tool_uses(calls.calls))


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class _Blocks:
    """Anthropic content blocks out of (kind, text) deltas: a block starts when the kind changes (thinking, text),
    and with each tool call (tool_use: its arguments come as input_json_delta)."""

    def __init__(self):
        self.index, self.kind = -1, None

    def _open(self, kind: str, block: dict) -> list[str]:
        out = self.close()
        self.index, self.kind = self.index + 1, kind
        return out + [_sse("content_block_start", {"type": "content_block_start", "index": self.index,
                                                   "content_block": block})]

    def feed(self, kind: str, text: str) -> list[str]:
        out = []
        if kind != self.kind:
            out += self._open(kind, {"type": "thinking", "thinking": "", "signature": ""} if kind == "thinking"
                              else {"type": "text", "text": ""})
        delta = {"type": "thinking_delta", "thinking": text} if kind == "thinking" else \
            {"type": "text_delta", "text": text}
        out.append(_sse("content_block_delta", {"type": "content_block_delta", "index": self.index, "delta": delta}))
        return out

    def call(self, delta: dict) -> list[str]:
        """A streamed tool-call delta (OpenAI's shape, from tools.ToolCalls): a new call opens a tool_use block."""
        out = []
        if "id" in delta:
            out += self._open("tool_use", {"type": "tool_use", "id": _use_id(delta["id"]),
                                           "name": delta["function"]["name"], "input": {}})
        if piece := delta["function"].get("arguments"):
            out.append(_sse("content_block_delta", {"type": "content_block_delta", "index": self.index,
                                                    "delta": {"type": "input_json_delta", "partial_json": piece}}))
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


async def _events(state, head, ids, reqs, events, choice: _ChatChoice, calls: tools.ToolCalls,
                  timeout) -> AsyncIterator[str]:
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
            r, c = choice.push(calls.take(event))
            if choice.stopped:
                reqs[0].cancel()
            reason = calls.finish_reason(choice.finish_reason(event))
            for kind, text in (("thinking", r), ("text", c)):
                if text:
                    for s in blocks.feed(kind, text):
                        yield s
            for delta in calls.pop_deltas():
                for s in blocks.call(delta):
                    yield s
    except ClientGone:
        return
    except DeadlineExceeded:
        yield _sse("error", anthropic_body(deadline_error(timeout)))
        return
    for s in blocks.close() + _end(_stop_reason(choice, reason), _usage(state, ids, reqs)):
        yield s
