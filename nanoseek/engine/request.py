"""A request's handle: what the engine streams back to its caller, in a thread or in an asyncio task."""

from __future__ import annotations

import asyncio
import itertools
import queue
import threading
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


@dataclass
class Request:
    prompt_ids: list[int]
    params: SamplingParams
    sampler: Sampler
    stream: TextStream | None
    engine: object = field(repr=False)
    loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)
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
        self._sync: queue.Queue | None = None if self.loop else queue.Queue()
        self._async: asyncio.Queue | None = asyncio.Queue() if self.loop else None
        self._done = threading.Event()
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
        if event.finish_reason is not None:
            self._done.set()
        if self._async is None:
            self._sync.put(event)
            return
        try:
            self.loop.call_soon_threadsafe(self._async.put_nowait, event)
        except RuntimeError:  # the caller's event loop is closed: nobody is listening any more
            self.cancelled = True

    def __iter__(self):
        """Events until the last one (blocking). Without a running engine thread, drives the engine."""
        if self._sync is None:
            raise TypeError("this request streams to an asyncio loop: use `async for`")
        while True:
            while self._sync.empty() and not self.engine.running_in_thread:
                self.engine.step()
            event = self._sync.get()
            yield event
            if event.finish_reason is not None:
                return

    async def __aiter__(self):
        if self._async is None:
            raise TypeError("this request was submitted without an event loop: iterate it with `for`")
        while True:
            event = await self._async.get()
            yield event
            if event.finish_reason is not None:
                return

    def result(self) -> Request:
        """Wait for the end (sync) and return self with output_ids, text and finish_reason filled in."""
        for _ in self:
            pass
        return self
