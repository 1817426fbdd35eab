"""/v1/chat/completions and /v1/completions: requests -> engine -> OpenAI-shaped responses and SSE streams.

Work per request is bounded before anything is queued (prompt tokens, choices, stop strings, the key's
limits), tokenization runs off the event loop, and while a request generates it is watched: a client that
disconnects (streaming or not, queued, prefilling or decoding) or a deadline that passes cancels its engine
requests within CHECK_EVERY seconds.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator

from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse

from ..engine import Channel, Engine, EngineClosed, QueueFull, SamplingParams
from ..engine.request import Event, TokenLogprob
from ..engine.request import Request as EngineRequest
from ..tokenizer import THINK, THINK_END, fim_text
from . import thinking, tools
from .errors import ApiError, bad_request, rate_limited
from .guarded import guarded, screen_chat, screen_completion
from .reasoning import ReasoningSplitter, StopText, ThoughtStop, opens_thought
from .schemas import ChatRequest, CompletionRequest

CHECK_EVERY = 0.1  # seconds between checks for a gone client or a passed deadline


class ClientGone(Exception):
    """The HTTP client disconnected: its engine requests were cancelled."""


class DeadlineExceeded(Exception):
    """The request ran past its deadline: its engine requests were cancelled."""


def check_stops(state, body) -> tuple[str, ...]:
    """The stop strings, bounded: each is matched against the text at every token."""
    stops, limits = body.stop_strings(), state.limits
    if len(stops) > limits.max_stop:
        raise bad_request(f"stop takes at most {limits.max_stop} strings; got {len(stops)}", "stop")
    longest = max(map(len, stops), default=0)
    if longest > limits.max_stop_chars:
        raise bad_request(f"each stop string may have at most {limits.max_stop_chars} characters; got {longest}",
                          "stop")
    return stops


def submit(state, prompts: list[list[int]], body, max_tokens: int | None, logprobs: int | None,
           prompt_logprobs: int | None, stops: tuple[str, ...], key: str | None,
           prompt_param: str, budget: int | None = None, constrain: dict | None = None) -> list[EngineRequest]:
    """n requests per prompt (choice index = prompt * n + i), cancelled together if one is refused. `budget`:
    thinking tokens before the engine closes the thought (serve/thinking.py); `constrain`: the output's grammar
    (SamplingParams' grammar fields, from serve/tools.py)."""
    engine: Engine = state.engine
    limits = state.limits
    if body.n > limits.max_n:
        raise bad_request(f"n must be at most {limits.max_n}; got {body.n}", "n")
    if len(prompts) * body.n > limits.max_choices:
        raise bad_request(f"{len(prompts)} prompts x n = {body.n} asks for {len(prompts) * body.n} choices; this "
                          f"server makes at most {limits.max_choices} per request", prompt_param)
    outs = []
    for ids in prompts:
        if len(ids) > limits.max_prompt_tokens:
            raise bad_request(f"the prompt has {len(ids)} tokens; this server takes at most "
                              f"{limits.max_prompt_tokens}", prompt_param, "context_length_exceeded")
        room = engine.max_len - len(ids)
        n_out = min(room, limits.max_tokens) if max_tokens is None else max_tokens
        if n_out > limits.max_tokens:
            raise bad_request(f"max_tokens must be at most {limits.max_tokens}; got {n_out}", "max_tokens")
        if n_out > room:
            raise bad_request(f"the prompt ({len(ids)} tokens) plus max_tokens ({n_out}) exceeds the context "
                              f"length ({engine.max_len}); shorten the prompt or lower max_tokens", "max_tokens",
                              "context_length_exceeded")
        outs.append(n_out)
    tokens = sum((len(ids) + n_out) * body.n for ids, n_out in zip(prompts, outs))
    state.limiter.check(key, tokens, len(prompts) * body.n, engine.max_waiting)
    reqs, channel = [], Channel(asyncio.get_running_loop())  # one queue for all of this HTTP request's choices
    try:
        for ids, n_out in zip(prompts, outs):
            for i in range(body.n):
                params = SamplingParams(
                    temperature=body.temperature, top_p=body.top_p, top_k=body.top_k,
                    max_tokens=n_out, think_budget=budget,
                    think_end=None if budget is None else state.tokenizer.token_id(THINK_END),
                    seed=None if body.seed is None else body.seed + i, stop=stops,
                    stop_token_ids=(state.tokenizer.eos_id,), presence_penalty=body.presence_penalty,
                    frequency_penalty=body.frequency_penalty, repetition_penalty=body.repetition_penalty,
                    logprobs=logprobs, prompt_logprobs=prompt_logprobs, **(constrain or {}))
                reqs.append(engine.submit(ids, params, channel=channel, index=len(reqs)))
    except (ValueError, QueueFull, EngineClosed) as e:
        for r in reqs:
            r.cancel()
        if isinstance(e, QueueFull):
            raise rate_limited(str(e), "queue_full", 1) from None
        if isinstance(e, EngineClosed):
            raise ApiError(503, str(e), "server_error", code="shutting_down") from None
        raise bad_request(str(e), None) from None  # checked above: the engine's own checks are a second line
    state.limiter.admit(key, reqs, tokens)
    return reqs


async def merged(reqs: list[EngineRequest], http: Request, deadline: float | None) -> AsyncIterator[tuple[int, Event]]:
    """(choice index, event) from all requests as they come; a disconnected client or a passed deadline
    (time.monotonic) cancels them all. Checked every CHECK_EVERY seconds however fast events come."""
    channel = reqs[0].channel  # submit() gave them all one
    try:
        open_, next_check = len(reqs), time.monotonic() + CHECK_EVERY
        while open_:
            try:
                i, event = await asyncio.wait_for(channel.next(), timeout=max(0.0, next_check - time.monotonic()))
            except asyncio.TimeoutError:
                event = None
            if event is not None:
                open_ -= event.finish_reason is not None
                yield i, event
            if time.monotonic() >= next_check and open_:
                if await http.is_disconnected():
                    raise ClientGone()
                if deadline is not None and time.monotonic() > deadline:
                    raise DeadlineExceeded()
                next_check = time.monotonic() + CHECK_EVERY
    finally:  # normal end, disconnect, deadline, or the streaming response cancelled by Starlette
        for r in reqs:
            if not r.finished:
                r.cancel()


def usage(state, prompts: list[list[int]], reqs: list[EngineRequest], n: int) -> dict:
    """DeepSeek's usage fields (cache hit/miss, reasoning tokens) and OpenAI's (details)."""
    prompt = sum(len(p) for p in prompts)
    hit = sum(reqs[k * n].cached_tokens for k in range(len(prompts)))
    completion = sum(len(r.output_ids) for r in reqs)
    think, end = state.tokenizer.token_id(THINK), state.tokenizer.token_id(THINK_END)
    thinks = [opens_thought(ids, think, end) for ids in prompts]  # the output starts inside a thought
    reasoning = sum(r.output_ids.index(end) + 1 if end in r.output_ids else len(r.output_ids)
                    for i, r in enumerate(reqs) if thinks[i // n])
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
            "prompt_cache_hit_tokens": hit, "prompt_cache_miss_tokens": prompt - hit,
            "prompt_tokens_details": {"cached_tokens": hit},
            "completion_tokens_details": {"reasoning_tokens": reasoning}}


def _check(state, reqs: list[EngineRequest]) -> None:
    failed = next((r for r in reqs if r.finish_reason == "error"), None)
    if failed is not None:
        raise ApiError(500, f"generation failed: {failed.error}", "server_error", code="engine_error")


def deadline_error(timeout: float) -> ApiError:
    e = ApiError(408, f"the request ran past its deadline of {timeout:g} s and was cancelled; ask for fewer "
                      "tokens or a longer deadline", "timeout_error", code="deadline_exceeded")
    e.headers["x-should-retry"] = "false"  # the official clients would otherwise retry a 408
    return e


def _error_event(e: ApiError) -> str:
    return _sse(e.body())


def deadline(state, key: str | None) -> tuple[float | None, float | None]:
    """(timeout in seconds, its time.monotonic deadline) for the key, or (None, None)."""
    timeout = state.limiter.limits(key).request_timeout or state.limits.request_timeout
    return timeout, None if timeout is None else time.monotonic() + timeout


def _sse(obj) -> str:
    return f"data: {json.dumps(obj, ensure_ascii=False)}\n\n"


def _stream(gen: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(gen, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


# ---- chat -------------------------------------------------------------------------------------------------

def chat_prompt(state, body: ChatRequest, mode: thinking.Mode | None = None) -> list[int]:
    limits, mode = state.limits, mode or thinking.Mode()
    if not body.messages:
        raise bad_request("messages must hold at least one message", "messages")
    if len(body.messages) > limits.max_messages:
        raise bad_request(f"at most {limits.max_messages} messages; got {len(body.messages)}", "messages")
    messages = []
    for i, m in enumerate(body.messages):
        if m.role not in ("system", "user", "assistant", "tool"):
            raise bad_request(f"messages[{i}].role must be system, user, assistant or tool; got {m.role!r}",
                              f"messages[{i}].role")
        if m.prefix and not (i == len(body.messages) - 1 and m.role == "assistant"):
            raise bad_request(f"messages[{i}].prefix: only the last message, an assistant one, may be a prefix "
                              "to continue", f"messages[{i}].prefix")
        if m.reasoning_content is not None and m.role != "assistant":
            raise bad_request(f"messages[{i}].reasoning_content: only assistant messages have reasoning; this one "
                              f"is {m.role!r}", f"messages[{i}].reasoning_content")
        content = m.content if isinstance(m.content, str) or m.content is None else None
        if content is None and m.content is not None:
            if any(p.type != "text" for p in m.content):
                raise bad_request(f"messages[{i}].content: only text parts are supported", f"messages[{i}].content")
            content = "".join(p.text or "" for p in m.content)
        if m.prefix:
            messages.append({"role": "assistant", "content": thinking.prefix_text(m, content, mode, i),
                             "prefix": True})
            continue
        messages.append({"role": m.role, "content": content or "", **tools.message_extras(i, m)})
    try:
        return state.tokenizer.apply_chat_template(messages, add_generation_prompt=True, thinking=mode.thinking,
                                                   tools=tools.template_tools(body))
    except ValueError as e:
        raise bad_request(str(e), "messages") from None


def _chat_logprobs(state, lps: list[TokenLogprob]) -> dict:
    tok = state.tokenizer

    def entry(token: int, logprob: float) -> dict:
        text = tok.decode([token])
        return {"token": text, "logprob": logprob, "bytes": list(text.encode("utf-8"))}

    return {"content": [{**entry(lp.token, lp.logprob), "top_logprobs": [entry(t, v) for t, v in lp.top]}
                        for lp in lps]}


class _ChatChoice:
    """One chat choice's text: split into reasoning and answer, with the stop strings matched in the answer
    only (the generation prompt opens `<think>`: a stop such as lm-eval's "\\n" must not end the reasoning)."""

    def __init__(self, stops: tuple[str, ...], in_thought: bool = True, answer_started: bool = False):
        self.splitter = ReasoningSplitter(in_thought, answer_started)
        self.stop = StopText(stops) if stops else None
        self.stopped = False  # a stop string ended the answer: the engine request is being cancelled

    def push(self, event: Event) -> tuple[str, str]:
        """(reasoning delta, content delta) of an event."""
        r, c = self.splitter.push(event.text) if event.finish_reason is None else self.splitter.finish()
        if self.stop is not None:
            c = self.stop.push(c)
            self.stopped = self.stop.stopped
            if event.finish_reason is not None and not self.stopped:
                c += self.stop.finish()
        return r, c

    def finish_reason(self, event: Event) -> str | None:
        return "stop" if self.stopped else event.finish_reason


async def chat(state, body: ChatRequest, http: Request, key: str | None = None):
    if body.suffix is not None:
        raise bad_request("suffix (fill-in-the-middle) belongs to /v1/completions, not to chat", "suffix")
    timeout, due = deadline(state, key)
    stops = check_stops(state, body)
    if state.guard is not None and (blocked := await screen_chat(state, body, key)) is not None:
        return blocked  # the guard refused the conversation before generation
    mode = thinking.mode(state, body.thinking, body.reasoning_effort)
    ids = await asyncio.to_thread(chat_prompt, state, body, mode)  # tokenizing a 1 MB prompt takes a while
    in_thought, answer_started = thinking.starts(body, mode)
    # JSON output, tool calls: their grammars (compiled off the event loop: a large schema takes a while)
    constrain = await asyncio.to_thread(tools.constraint, state, body, tools.template_tools(body))
    logprobs = (body.top_logprobs or 0) if body.logprobs else None
    asked = body.max_completion_tokens or body.max_tokens
    reqs = submit(state, [ids], thinking.sampling(body, mode), asked, logprobs, None, (), key, "messages",
                  budget=thinking.budget(mode, in_thought), constrain=constrain)
    events = merged(reqs, http, due)
    head = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time()), "model": state.model_name}
    choices = [_ChatChoice(stops, in_thought, answer_started) for _ in reqs]
    calls = [tools.ToolCalls(state.tokenizer, bool(body.tools)) for _ in reqs]
    if body.stream:
        return _stream(_chat_stream(state, body, [ids], reqs, head, choices, timeout, key, events, calls))
    reasoning, content, logs, reasons = [""] * len(reqs), [""] * len(reqs), [[] for _ in reqs], [None] * len(reqs)
    try:
        async for i, event in guarded(state, key, reqs, body.messages, events):
            if choices[i].stopped:
                continue  # the rest of a request cancelled by its stop string
            r, c = choices[i].push(calls[i].take(event))
            reasoning[i] += r
            content[i] += c
            logs[i] += event.logprobs or []
            reasons[i] = choices[i].finish_reason(event)
            if choices[i].stopped:
                reqs[i].cancel()
    except ClientGone:
        return JSONResponse({}, status_code=499)
    except DeadlineExceeded:
        raise deadline_error(timeout) from None
    _check(state, reqs)
    out = [{"index": i, "message": {"role": "assistant", "content": content[i] or (None if calls[i].calls else ""),
                                    "reasoning_content": reasoning[i] if mode.thinking else None,
                                    **({"tool_calls": calls[i].calls} if calls[i].calls else {})},
            "logprobs": _chat_logprobs(state, logs[i]) if body.logprobs else None,
            "finish_reason": calls[i].finish_reason(reasons[i])} for i in range(len(reqs))]
    return {**head, "object": "chat.completion", "choices": out, "usage": usage(state, [ids], reqs, body.n)}


async def _chat_stream(state, body, prompts, reqs, head, choices, timeout, key, events,
                       calls) -> AsyncIterator[str]:
    chunk = {**head, "object": "chat.completion.chunk"}
    with_usage = bool(body.stream_options and body.stream_options.include_usage)
    extra = {"usage": None} if with_usage else {}
    for i in range(len(reqs)):
        delta = {"role": "assistant", "content": ""}
        yield _sse({**chunk, "choices": [{"index": i, "delta": delta, "logprobs": None, "finish_reason": None}],
                    **extra})
    try:
        async for i, event in guarded(state, key, reqs, body.messages, events):
            if choices[i].stopped:
                continue
            if event.finish_reason == "error":
                yield _sse({"error": {"message": f"generation failed: {reqs[i].error}", "type": "server_error",
                                      "param": None, "code": "engine_error"}})
                continue
            r, c = choices[i].push(calls[i].take(event))
            if choices[i].stopped:
                reqs[i].cancel()
            finish = calls[i].finish_reason(choices[i].finish_reason(event))
            delta = {**({"reasoning_content": r} if r else {}), **({"content": c} if c else {})}
            if deltas := calls[i].pop_deltas():
                delta["tool_calls"] = deltas
            logs = _chat_logprobs(state, event.logprobs) if body.logprobs and event.logprobs else None
            if delta or logs or finish:
                yield _sse({**chunk, "choices": [{"index": i, "delta": delta, "logprobs": logs,
                                                  "finish_reason": finish}], **extra})
    except ClientGone:
        return
    except DeadlineExceeded:
        yield _error_event(deadline_error(timeout))
        yield "data: [DONE]\n\n"
        return
    if with_usage:
        yield _sse({**chunk, "choices": [], "usage": usage(state, prompts, reqs, body.n)})
    yield "data: [DONE]\n\n"


# ---- completions ------------------------------------------------------------------------------------------

def completion_prompts(state, body: CompletionRequest) -> tuple[list[list[int]], list[str], bool]:
    """Token ids and echo text of each prompt, and whether BOS was added (strings get BOS, as the
    tokenizer's own config says; token ids are taken as given)."""
    tok, vocab, p = state.tokenizer, state.tokenizer.vocab_size, body.prompt
    if body.suffix is not None:  # fill-in-the-middle: the completion is the text between prompt and suffix
        if not tok.has_fim:
            raise bad_request("suffix (fill-in-the-middle) needs a model whose tokenizer has the FIM tokens; this "
                              "one was trained before they were added", "suffix")
        if not isinstance(p, str):
            raise bad_request("with suffix, prompt must be one string (the text before the gap)", "prompt")
        if body.echo:
            raise bad_request("echo cannot be combined with suffix", "echo")
        return [tok.encode(fim_text(p, body.suffix), bos=True)], [p + body.suffix], True
    if isinstance(p, str) or (p and all(isinstance(x, str) for x in p)):
        texts = [p] if isinstance(p, str) else list(p)
        return [tok.encode(t, bos=True) for t in texts], texts, True
    prompts = [p] if p and isinstance(p[0], int) else list(p)
    if not prompts or any(not ids for ids in prompts):
        raise bad_request("prompt must not be empty", "prompt")
    if any(not 0 <= t < vocab for ids in prompts for t in ids):
        raise bad_request(f"prompt token ids must be in [0, {vocab})", "prompt")
    return prompts, [tok.decode(ids) for ids in prompts], False


def _legacy_logprobs(state, lps: list[TokenLogprob], offset: int = 0) -> dict:
    """The legacy completions format; text_offset counts from `offset` in the choice's text. An echoed
    first prompt token has logprob null (nothing predicts it)."""
    tok = state.tokenizer
    tokens = [tok.decode([lp.token]) for lp in lps]
    offsets = [offset + sum(map(len, tokens[:i])) for i in range(len(tokens))]
    return {"tokens": tokens, "token_logprobs": [lp.logprob for lp in lps],
            "top_logprobs": [None if lp.logprob is None else {tok.decode([t]): v for t, v in lp.top} for lp in lps],
            "text_offset": offsets}


async def completions(state, body: CompletionRequest, http: Request, key: str | None = None):
    timeout, due = deadline(state, key)
    stops = check_stops(state, body)
    prompts, texts, bos = await asyncio.to_thread(completion_prompts, state, body)
    if state.guard is not None and (blocked := await screen_completion(state, body, texts, key)) is not None:
        return blocked  # the guard refused the prompt before generation
    scored = body.logprobs if body.echo else None
    thought = _thought_stops(state, prompts, stops, body.n)  # stops matched by the server, after </think>
    reqs = submit(state, prompts, body, body.max_tokens, body.logprobs, scored, () if thought else stops, key,
                  "prompt")
    head = {"id": f"cmpl-{uuid.uuid4().hex}", "object": "text_completion", "created": int(time.time()),
            "model": state.model_name}
    n = body.n
    echo = [texts[i // n] if body.echo else "" for i in range(len(reqs))]
    if body.stream:
        return _stream(_completion_stream(state, body, http, prompts, reqs, head, echo, bos, timeout, due, key,
                                          thought))
    text, logs, finish = list(echo), [[] for _ in reqs], [None] * len(reqs)
    try:
        async for i, event in guarded(state, key, reqs, texts, merged(reqs, http, due)):
            if thought and thought[i].stopped:
                continue  # the rest of a request cancelled by its stop string
            t, finish[i] = thought[i].apply(event.text, event.finish_reason) if thought else (event.text, None)
            if thought and thought[i].stopped:
                reqs[i].cancel()
            text[i] += t
            logs[i] += event.logprobs or []
    except ClientGone:
        return JSONResponse({}, status_code=499)
    except DeadlineExceeded:
        raise deadline_error(timeout) from None
    _check(state, reqs)
    choices = []
    for i, r in enumerate(reqs):
        lp = None
        if body.logprobs is not None:
            lp = _legacy_logprobs(state, (_prompt_entries(r, bos) if body.echo else []) + logs[i])
        reason = "stop" if thought and thought[i].stopped else r.finish_reason
        choices.append({"index": i, "text": text[i], "logprobs": lp, "finish_reason": reason})
    return {**head, "choices": choices, "usage": usage(state, prompts, reqs, n)}


def _thought_stops(state, prompts: list[list[int]], stops: tuple[str, ...], n: int) -> list[ThoughtStop] | None:
    """When a prompt leaves a thought open, a matcher per choice that applies the stop strings after the
    model's `</think>` only (as chat does); None: the engine matches them (no prompt thinks)."""
    tok = state.tokenizer
    think, end = tok.token_id(THINK), tok.token_id(THINK_END)
    open_ = [opens_thought(ids, think, end) for ids in prompts]
    if not stops or not any(open_):
        return None
    return [ThoughtStop(stops, open_[i // n]) for i in range(len(prompts) * n)]


def _prompt_entries(r: EngineRequest, bos: bool) -> list[TokenLogprob]:
    """Echoed prompt tokens; a BOS the server added is not in the echoed text, so not in its tokens either."""
    if bos:
        return list(r.prompt_logprobs[1:])
    return [TokenLogprob(r.prompt_ids[0], None, [])] + list(r.prompt_logprobs[1:])


async def _completion_stream(state, body, http, prompts, reqs, head, echo, bos, timeout, due, key=None,
                             thought=None) -> AsyncIterator[str]:
    with_usage = bool(body.stream_options and body.stream_options.include_usage)
    extra = {"usage": None} if with_usage else {}
    sent_echo = [False] * len(reqs)
    offset = [0] * len(reqs)  # characters of each choice's text sent so far (text_offset runs on across chunks)
    try:
        prompt_texts = [state.tokenizer.decode(p) for p in prompts] if state.guard is not None else []
        async for i, event in guarded(state, key, reqs, prompt_texts, merged(reqs, http, due)):
            if event.finish_reason == "error":
                yield _sse({"error": {"message": f"generation failed: {reqs[i].error}", "type": "server_error",
                                      "param": None, "code": "engine_error"}})
                continue
            if thought and thought[i].stopped:
                continue
            text, entries = event.text, event.logprobs or []
            finish = event.finish_reason
            if thought:
                text, finish = thought[i].apply(text, finish)
                if thought[i].stopped:
                    reqs[i].cancel()
            if not sent_echo[i]:
                text, sent_echo[i] = echo[i] + text, True
                if body.echo and body.logprobs is not None:
                    entries = _prompt_entries(reqs[i], bos) + entries
            lp = _legacy_logprobs(state, entries, offset[i]) if body.logprobs is not None and entries else None
            offset[i] += len(text)
            if text or lp or finish:
                yield _sse({**head, "choices": [{"index": i, "text": text, "logprobs": lp,
                                                 "finish_reason": finish}], **extra})
    except ClientGone:
        return
    except DeadlineExceeded:
        yield _error_event(deadline_error(timeout))
        yield "data: [DONE]\n\n"
        return
    if with_usage:
        yield _sse({**head, "choices": [], "usage": usage(state, prompts, reqs, body.n)})
    yield "data: [DONE]\n\n"
