"""The guard inside `nanoseek serve`: the conversation is checked before generation, the output while it streams.

The server calls these and keeps its own response code:
    screen_chat(state, body, key), screen_completion(state, body, texts, key)
        None, or the blocked request's answer: an in-band refusal with finish_reason "content_filter", or an
        OpenAI-shaped 400 (code "content_filter") raised, as the key's policy says
    guarded(state, key, reqs, messages, events)
        the engine's (choice, event) stream with all output held back until checked: text goes out in chunks
        of the policy's chunk_chars that passed, so nothing of a blocked chunk reaches the client; a blocked
        choice ends with finish_reason "content_filter" and its engine request is cancelled
The output check reads the raw text, reasoning included (an unsafe thought is an unsafe output).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator

from fastapi.responses import JSONResponse, StreamingResponse

from ..engine.request import Event
from ..guard import Guard, Verdict
from ..tokenizer import THINK, THINK_END
from .errors import ApiError


async def _check(guard: Guard, messages, key, output=None, audit=True) -> Verdict:
    # in a thread: an endpoint backend waits on the network, and the server's event loop must not
    return await asyncio.to_thread(guard.check, messages, key, output, audit)


async def _screen(state, messages, key: str | None):
    """The verdict and policy for a blocked input, (None, None) when it may go on; a 400 raised for "reject"."""
    guard: Guard | None = getattr(state, "guard", None)
    if guard is None:
        return None, None
    v = await _check(guard, messages, key)
    if not v.blocked:
        return None, None
    if v.action == "reject":
        raise ApiError(400, f"the request was blocked by the server's content policy ({v.category or 'guard'}"
                            f"{': ' + v.name if v.name else ''})", param="messages", code="content_filter")
    return v, guard.policy.for_key(key)


def _answer(choices: list[dict], head: dict, stream: bool):
    """Refusal choices as a response, or as an SSE stream (one chunk per choice, then [DONE])."""
    if stream:
        async def events() -> AsyncIterator[str]:
            for choice in choices:
                yield f"data: {json.dumps({**head, 'choices': [choice]}, ensure_ascii=False)}\n\n"
            yield "data: [DONE]\n\n"
        return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
    usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    return JSONResponse({**head, "choices": choices, "usage": usage})


async def screen_chat(state, body, key: str | None):
    """Check a chat request's messages; None when it may go on to generation."""
    v, policy = await _screen(state, body.messages, key)
    if v is None:
        return None
    n = getattr(body, "n", 1) or 1
    obj = "chat.completion.chunk" if body.stream else "chat.completion"
    head = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": obj, "created": int(time.time()), "model": state.model_name}
    key_ = "delta" if body.stream else "message"
    message = {"role": "assistant", "content": policy.refusal, **({} if body.stream else {"reasoning_content": ""})}
    return _answer([{"index": i, key_: message, "logprobs": None, "finish_reason": "content_filter"} for i in range(n)],
                   head, body.stream)


async def screen_completion(state, body, texts: list[str], key: str | None):
    """Check a completions request's prompts (each alone and together); None when it may go on."""
    v, policy = await _screen(state, texts, key)
    if v is None:
        return None
    n = len(texts) * (getattr(body, "n", 1) or 1)
    head = {"id": f"cmpl-{uuid.uuid4().hex}", "object": "text_completion", "created": int(time.time()),
            "model": state.model_name}
    return _answer([{"index": i, "text": policy.refusal, "logprobs": None, "finish_reason": "content_filter"}
                    for i in range(n)], head, body.stream)


def _judged_text(raw: str) -> str:
    return raw.replace(THINK_END, "\n").replace(THINK, "")


async def guarded(state, key: str | None, reqs, messages, events: AsyncIterator[tuple[int, Event]]):
    """`events` (the server's merged stream) with the output check of the policy applied per choice."""
    guard: Guard | None = getattr(state, "guard", None)
    # per streamed token the guard costs 1/chunk_chars of a check, and the client sees text at most
    # chunk_chars later than the engine wrote it
    chunk = guard.policy.for_key(key).chunk_chars if guard else 0
    if guard is None or not guard.policy.for_key(key).check_output:
        async for item in events:
            yield item
        return
    total = [""] * len(reqs)  # all output so far (what is judged)
    held = [Event([], "", []) for _ in reqs]  # output not yet checked
    blocked = [False] * len(reqs)
    async for i, event in events:
        if blocked[i]:
            continue  # the cancelled request's last event: the client already got content_filter
        if event.finish_reason == "error":
            yield i, event
            continue
        h = held[i]
        h.tokens += event.tokens
        h.text += event.text
        if event.logprobs:
            h.logprobs += event.logprobs
        total[i] += event.text
        if event.finish_reason is None and len(h.text) < chunk:
            continue
        # one audit line per choice: its block, or its last check
        v = await _check(guard, messages, key, _judged_text(total[i]), audit=event.finish_reason is not None)
        if v.blocked:
            blocked[i] = True
            reqs[i].cancel()
            yield i, Event([], "", None, "content_filter")
            continue
        held[i] = Event([], "", [])
        if h.text or h.tokens:
            yield i, Event(h.tokens, h.text, h.logprobs or None)
        if event.finish_reason:  # apart: the server reads no text from a last event
            yield i, Event([], "", None, event.finish_reason)
    for i, r in enumerate(reqs):  # the response body reads each request's finish_reason
        if blocked[i]:
            r.finish_reason = "content_filter"
