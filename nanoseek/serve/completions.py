"""/v1/chat/completions and /v1/completions: requests -> engine -> OpenAI-shaped responses and SSE streams."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator

from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse

from ..engine import Engine, EngineClosed, QueueFull, SamplingParams
from ..engine.request import Event, Request as EngineRequest, TokenLogprob
from ..tokenizer import THINK_END
from .errors import ApiError, bad_request
from .reasoning import ReasoningSplitter
from .schemas import ChatRequest, CompletionRequest


class ClientGone(Exception):
    """The HTTP client disconnected: its engine requests were cancelled."""


def submit(state, prompts: list[list[int]], body, max_tokens: int | None, logprobs: int | None,
           prompt_logprobs: int | None, stops: tuple[str, ...]) -> list[EngineRequest]:
    """n requests per prompt (choice index = prompt * n + i), cancelled together if one is refused."""
    engine: Engine = state.engine
    limits = state.limits
    if body.n > limits.max_n:
        raise bad_request(f"n must be at most {limits.max_n}; got {body.n}", "n")
    reqs = []
    try:
        for ids in prompts:
            if len(ids) > limits.max_prompt_tokens:
                raise bad_request(f"the prompt has {len(ids)} tokens; this server takes at most "
                                  f"{limits.max_prompt_tokens}", "messages", "context_length_exceeded")
            room = engine.max_len - len(ids)
            n_out = min(room, limits.max_tokens) if max_tokens is None else max_tokens
            if n_out > limits.max_tokens:
                raise bad_request(f"max_tokens must be at most {limits.max_tokens}; got {n_out}", "max_tokens")
            for i in range(body.n):
                params = SamplingParams(
                    temperature=body.temperature, top_p=body.top_p, top_k=body.top_k, max_tokens=n_out,
                    seed=None if body.seed is None else body.seed + i, stop=stops,
                    stop_token_ids=(state.tokenizer.eos_id,), presence_penalty=body.presence_penalty,
                    frequency_penalty=body.frequency_penalty, repetition_penalty=body.repetition_penalty,
                    logprobs=logprobs, prompt_logprobs=prompt_logprobs)
                reqs.append(engine.submit(ids, params, loop=asyncio.get_running_loop()))
    except (ValueError, QueueFull, EngineClosed, ApiError) as e:
        for r in reqs:
            r.cancel()
        if isinstance(e, ApiError):
            raise
        if isinstance(e, QueueFull):
            raise ApiError(429, str(e), "rate_limit_error", code="queue_full")
        if isinstance(e, EngineClosed):
            raise ApiError(503, str(e), "server_error", code="shutting_down")
        raise bad_request(str(e), "max_tokens", "context_length_exceeded")
    return reqs


async def merged(reqs: list[EngineRequest], http: Request) -> AsyncIterator[tuple[int, Event]]:
    """(choice index, event) from all requests as they come; a disconnected client cancels them all."""
    queue: asyncio.Queue = asyncio.Queue()

    async def pump(i: int, r: EngineRequest):
        async for event in r:
            await queue.put((i, event))

    tasks = [asyncio.create_task(pump(i, r)) for i, r in enumerate(reqs)]
    try:
        open_ = len(reqs)
        while open_:
            try:
                i, event = await asyncio.wait_for(queue.get(), timeout=0.5)
            except asyncio.TimeoutError:
                if await http.is_disconnected():
                    raise ClientGone()
                continue
            open_ -= event.finish_reason is not None
            yield i, event
    finally:  # normal end, disconnect, or the streaming response cancelled by Starlette
        for r in reqs:
            if not r.finished:
                r.cancel()
        for t in tasks:
            t.cancel()


def usage(state, prompts: list[list[int]], reqs: list[EngineRequest], n: int) -> dict:
    """DeepSeek's usage fields (cache hit/miss, reasoning tokens) and OpenAI's (details)."""
    prompt = sum(len(p) for p in prompts)
    hit = sum(reqs[k * n].cached_tokens for k in range(len(prompts)))
    completion = sum(len(r.output_ids) for r in reqs)
    end = state.tokenizer.token_id(THINK_END)
    reasoning = sum(r.output_ids.index(end) + 1 if end in r.output_ids else len(r.output_ids) for r in reqs)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
            "prompt_cache_hit_tokens": hit, "prompt_cache_miss_tokens": prompt - hit,
            "prompt_tokens_details": {"cached_tokens": hit},
            "completion_tokens_details": {"reasoning_tokens": reasoning}}


def _check(state, reqs: list[EngineRequest]) -> None:
    failed = next((r for r in reqs if r.finish_reason == "error"), None)
    if failed is not None:
        raise ApiError(500, f"generation failed: {failed.error}", "server_error", code="engine_error")


def _sse(obj) -> str:
    return f"data: {json.dumps(obj, ensure_ascii=False)}\n\n"


def _stream(gen: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(gen, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


# ---- chat -------------------------------------------------------------------------------------------------

def chat_prompt(state, body: ChatRequest) -> list[int]:
    limits = state.limits
    if not body.messages:
        raise bad_request("messages must hold at least one message", "messages")
    if len(body.messages) > limits.max_messages:
        raise bad_request(f"at most {limits.max_messages} messages; got {len(body.messages)}", "messages")
    messages = []
    for i, m in enumerate(body.messages):
        if m.role not in ("system", "user", "assistant"):
            raise bad_request(f"messages[{i}].role must be system, user or assistant; got {m.role!r}",
                              f"messages[{i}].role")
        if m.reasoning_content is not None:
            raise bad_request(f"messages[{i}].reasoning_content: send earlier answers without their reasoning",
                              f"messages[{i}].reasoning_content")
        content = m.content if isinstance(m.content, str) or m.content is None else None
        if content is None and m.content is not None:
            if any(p.type != "text" for p in m.content):
                raise bad_request(f"messages[{i}].content: only text parts are supported", f"messages[{i}].content")
            content = "".join(p.text or "" for p in m.content)
        messages.append({"role": m.role, "content": content or ""})
    try:
        return state.tokenizer.apply_chat_template(messages, add_generation_prompt=True)
    except ValueError as e:
        raise bad_request(str(e), "messages")


def _chat_logprobs(state, lps: list[TokenLogprob]) -> dict:
    tok = state.tokenizer

    def entry(token: int, logprob: float) -> dict:
        text = tok.decode([token])
        return {"token": text, "logprob": logprob, "bytes": list(text.encode("utf-8"))}

    return {"content": [{**entry(lp.token, lp.logprob), "top_logprobs": [entry(t, v) for t, v in lp.top]}
                        for lp in lps]}


async def chat(state, body: ChatRequest, http: Request):
    ids = chat_prompt(state, body)
    logprobs = (body.top_logprobs or 0) if body.logprobs else None
    reqs = submit(state, [ids], body, body.max_completion_tokens or body.max_tokens, logprobs, None,
                  body.stop_strings())
    head = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time()), "model": state.model_name}
    splitters = [ReasoningSplitter() for _ in reqs]
    if body.stream:
        return _stream(_chat_stream(state, body, http, [ids], reqs, head, splitters))
    reasoning, content, logs = [""] * len(reqs), [""] * len(reqs), [[] for _ in reqs]
    try:
        async for i, event in merged(reqs, http):
            r, c = splitters[i].push(event.text) if event.finish_reason is None else splitters[i].finish()
            reasoning[i] += r
            content[i] += c
            logs[i] += event.logprobs or []
    except ClientGone:
        return JSONResponse({}, status_code=499)
    _check(state, reqs)
    choices = [{"index": i, "message": {"role": "assistant", "content": content[i],
                                        "reasoning_content": reasoning[i]},
                "logprobs": _chat_logprobs(state, logs[i]) if body.logprobs else None,
                "finish_reason": r.finish_reason} for i, r in enumerate(reqs)]
    return {**head, "object": "chat.completion", "choices": choices, "usage": usage(state, [ids], reqs, body.n)}


async def _chat_stream(state, body, http, prompts, reqs, head, splitters) -> AsyncIterator[str]:
    chunk = {**head, "object": "chat.completion.chunk"}
    with_usage = bool(body.stream_options and body.stream_options.include_usage)
    extra = {"usage": None} if with_usage else {}
    for i in range(len(reqs)):
        delta = {"role": "assistant", "content": ""}
        yield _sse({**chunk, "choices": [{"index": i, "delta": delta, "logprobs": None, "finish_reason": None}],
                    **extra})
    try:
        async for i, event in merged(reqs, http):
            if event.finish_reason == "error":
                yield _sse({"error": {"message": f"generation failed: {reqs[i].error}", "type": "server_error",
                                      "param": None, "code": "engine_error"}})
                continue
            r, c = splitters[i].push(event.text) if event.finish_reason is None else splitters[i].finish()
            delta = {**({"reasoning_content": r} if r else {}), **({"content": c} if c else {})}
            logs = _chat_logprobs(state, event.logprobs) if body.logprobs and event.logprobs else None
            if delta or logs or event.finish_reason:
                yield _sse({**chunk, "choices": [{"index": i, "delta": delta, "logprobs": logs,
                                                  "finish_reason": event.finish_reason}], **extra})
    except ClientGone:
        return
    if with_usage:
        yield _sse({**chunk, "choices": [], "usage": usage(state, prompts, reqs, body.n)})
    yield "data: [DONE]\n\n"


# ---- completions ------------------------------------------------------------------------------------------

def completion_prompts(state, body: CompletionRequest) -> tuple[list[list[int]], list[str]]:
    """Token ids and echo text of each prompt (strings get BOS, as the tokenizer's own config says)."""
    tok, vocab, p = state.tokenizer, state.tokenizer.vocab_size, body.prompt
    if isinstance(p, str) or (p and all(isinstance(x, str) for x in p)):
        texts = [p] if isinstance(p, str) else list(p)
        return [tok.encode(t, bos=True) for t in texts], texts
    prompts = [p] if p and isinstance(p[0], int) else list(p)
    if not prompts or any(not ids for ids in prompts):
        raise bad_request("prompt must not be empty", "prompt")
    if any(not 0 <= t < vocab for ids in prompts for t in ids):
        raise bad_request(f"prompt token ids must be in [0, {vocab})", "prompt")
    return prompts, [tok.decode(ids) for ids in prompts]


def _legacy_logprobs(state, lps: list[TokenLogprob]) -> dict:
    """The legacy completions format; an echoed first prompt token has logprob null (nothing predicts it)."""
    tok = state.tokenizer
    tokens = [tok.decode([lp.token]) for lp in lps]
    offsets = [sum(map(len, tokens[:i])) for i in range(len(tokens))]
    return {"tokens": tokens, "token_logprobs": [lp.logprob for lp in lps],
            "top_logprobs": [None if lp.logprob is None else {tok.decode([t]): v for t, v in lp.top} for lp in lps],
            "text_offset": offsets}


async def completions(state, body: CompletionRequest, http: Request):
    prompts, texts = completion_prompts(state, body)
    scored = body.logprobs if body.echo else None
    reqs = submit(state, prompts, body, body.max_tokens, body.logprobs, scored, body.stop_strings())
    head = {"id": f"cmpl-{uuid.uuid4().hex}", "object": "text_completion", "created": int(time.time()),
            "model": state.model_name}
    n = body.n
    echo = [texts[i // n] if body.echo else "" for i in range(len(reqs))]
    if body.stream:
        return _stream(_completion_stream(state, body, http, prompts, reqs, head, echo))
    text, logs = list(echo), [[] for _ in reqs]
    try:
        async for i, event in merged(reqs, http):
            text[i] += event.text
            logs[i] += event.logprobs or []
    except ClientGone:
        return JSONResponse({}, status_code=499)
    _check(state, reqs)
    choices = []
    for i, r in enumerate(reqs):
        lp = None
        if body.logprobs is not None:
            lp = _legacy_logprobs(state, (_prompt_entries(r) if body.echo else []) + logs[i])
        choices.append({"index": i, "text": text[i], "logprobs": lp, "finish_reason": r.finish_reason})
    return {**head, "choices": choices, "usage": usage(state, prompts, reqs, n)}


def _prompt_entries(r: EngineRequest) -> list[TokenLogprob]:
    return [TokenLogprob(r.prompt_ids[0], None, [])] + list(r.prompt_logprobs[1:])


async def _completion_stream(state, body, http, prompts, reqs, head, echo) -> AsyncIterator[str]:
    with_usage = bool(body.stream_options and body.stream_options.include_usage)
    extra = {"usage": None} if with_usage else {}
    sent_echo = [False] * len(reqs)
    try:
        async for i, event in merged(reqs, http):
            if event.finish_reason == "error":
                yield _sse({"error": {"message": f"generation failed: {reqs[i].error}", "type": "server_error",
                                      "param": None, "code": "engine_error"}})
                continue
            text = event.text
            if not sent_echo[i]:
                text, sent_echo[i] = echo[i] + text, True
            lp = _legacy_logprobs(state, event.logprobs) if body.logprobs is not None and event.logprobs else None
            if text or lp or event.finish_reason:
                yield _sse({**head, "choices": [{"index": i, "text": text, "logprobs": lp,
                                                 "finish_reason": event.finish_reason}], **extra})
    except ClientGone:
        return
    if with_usage:
        yield _sse({**head, "choices": [], "usage": usage(state, prompts, reqs, body.n)})
    yield "data: [DONE]\n\n"
