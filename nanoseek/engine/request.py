"""A request's handle: what the engine streams back to its caller, in a thread or in an asyncio task."""

from __future__ import annotations

import asyncio
import itertools
import queue
import time
from dataclasses import dataclass, field

from .detok import TextStream
from .sampling import Sampler, SamplingParams

_ids = itertools.count()


@dataclass
class TokenLogprob:
    token: int
    logprob: float  # the model's own log-probability (before penalties and temperature)
    top: list[tuple[int, float]]  # the most likely (token, logprob) at that position


@dataclass
class Event:
    """One step's output for one request: new tokens, the text they complete, and how the request ended."""
    tokens: list[int]
    text: str
    logprobs: list[TokenLogprob] | None = None
    finish_reason: str | None = None  # "stop", "length", "cancelled", "error" on the last event


class Channel:
    """Where the engine thread delivers (choice index, event) pairs: one per caller. The n choices of one HTTP
    request share one channel, read in order of arrival; a caller with a loop reads it with `await`."""

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None):
        self.loop = loop
        self._queue = asyncio.Queue() if loop else queue.Queue()

    def put(self, index: int, event: Event) -> bool:
        """Called by the engine thread; False when the caller's event loop is closed (nobody listens)."""
        if self.loop is None:
            self._queue.put((index, event))
            return True
        try:
            self.loop.call_soon_threadsafe(self._queue.put_nowait, (index, event))
        except RuntimeError:
            return False
        return True

    def empty(self) -> bool:
        return self._queue.empty()

    def get(self) -> tuple[int, Event]:
        if self.loop is not None:
            raise TypeError("this channel delivers to an asyncio loop: use `await channel.next()`")
        return self._queue.get()

    async def next(self) -> tuple[int, Event]:
        if self.loop is None:
            raise TypeError("this channel was made without an event loop: use `channel.get()`")
        return await self._queue.get()


@dataclass
class Request:
    prompt_ids: list[int]
    params: SamplingParams
    sampler: Sampler
    stream: TextStream | None
    engine: object = field(repr=False)
    channel: Channel = field(default_factory=Channel, repr=False)
    index: int = 0  # this request's choice index in its channel
    id: int = field(default_factory=lambda: next(_ids))
    output_ids: list[int] = field(default_factory=list)
    text: str = ""
    finish_reason: str | None = None
    error: str | None = None
    prompt_logprobs: list[TokenLogprob | None] | None = None  # entry i: prompt token i (None for i = 0)
    cached_tokens: int = 0  # prompt tokens whose latents were reused from an earlier request
    drafted: int = 0  # MTP drafts checked
    accepted: int = 0  # MTP drafts accepted
    created: float = field(default_factory=time.monotonic)
    first_token_at: float | None = None
    finished_at: float | None = None
    # engine-side state
    slot: int | None = None
    pending: int | None = None  # last chosen token, not yet run through the model
    draft: int | None = None
    draft_q: object = None
    speculative: bool = False  # drafts with the MTP module (speculative.Drafter decides at admission)
    mtp_todo: list = field(default_factory=list)  # (position, hidden, next token) the MTP module has not seen
    cancelled: bool = False

    def __post_init__(self):
        self.sampler.on_error = self.fail

    @property
    def finished(self) -> bool:
        return self.finish_reason is not None

    def cancel(self) -> None:
        """Stop generating (e.g. the client went away); the engine frees the slot at its next step."""
        self.cancelled = True
        self.engine.notify()

    def fail(self, message: str) -> None:
        """This request alone failed (called by the engine thread): it ends with finish_reason "error" at the
        engine's next step, and the placeholder tokens its sampler handed out meanwhile are never shown."""
        self.error = message
        self.cancelled = True

    def push(self, event: Event) -> None:
        """Called by the engine thread."""
        if self.error is not None:
            if event.finish_reason is None:
                return
            event.finish_reason = "error"
        if not self.channel.put(self.index, event):
            self.cancelled = True

    def __iter__(self):
        """Events until the last one (blocking). Without a running engine thread, drives the engine.
        (Iterate a request only when it has its channel to itself.)"""
        while True:
            while self.channel.empty() and not self.engine.running_in_thread:
                self.engine.step()
            _, event = self.channel.get()
            yield event
            if event.finish_reason is not None:
                return

    async def __aiter__(self):
        while True:
            _, event = await self.channel.next()
            yield event
            if event.finish_reason is not None:
                return

    def result(self) -> Request:
        """Wait for the end (sync) and return self with output_ids, text and finish_reason filled in."""
        for _ in self:
            pass
        return self
