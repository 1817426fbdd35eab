"""What one API key may take: concurrent requests, tokens per minute, a share of the queue, a deadline.

A JSON file (`nanoseek serve --limits limits.json`) gives a default for every key and overrides per key;
keys listed in it are accepted API keys too:

    {"default": {"max_concurrent": 4, "tokens_per_minute": 20000, "queue_share": 0.25},
     "keys": {"sk-batch": {"max_concurrent": 32, "queue_share": 0.75, "request_timeout": 600}}}

Refusals are 429 with Retry-After. Nothing is released by hand: a key's requests count as active until
their engine requests have finished (whatever ended them: the end, a disconnect, the deadline), so a
client that vanishes mid-way cannot leak a slot of its key. Tokens per minute is a bucket that refills
continuously; a request reserves its prompt plus max_tokens per choice and gets back what it did not use.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import rate_limited


@dataclass
class KeyLimits:
    max_concurrent: int | None = None  # HTTP requests generating at once
    tokens_per_minute: int | None = None  # prompt + completion tokens
    queue_share: float | None = None  # of the engine's waiting queue, (0, 1]
    request_timeout: float | None = None  # seconds; None: the server's default

    def __post_init__(self):
        for f in fields(self):
            v = getattr(self, f.name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0):
                raise ValueError(f"{f.name} must be a positive number or null; got {v!r}")
        if self.queue_share is not None and self.queue_share > 1:
            raise ValueError(f"queue_share is a fraction of the queue, in (0, 1]; got {self.queue_share}")


def load_limits(path: str | Path) -> tuple[KeyLimits, dict[str, KeyLimits]]:
    """(default, per key) from a limits file; errors name the file and the entry."""
    try:
        data = json.loads(Path(path).read_text())
        if not isinstance(data, dict) or set(data) - {"default", "keys"}:
            raise ValueError('expected an object with "default" and/or "keys"')
        default = KeyLimits(**data.get("default", {}))
        keys = {k: KeyLimits(**{**vars(default), **v}) for k, v in data.get("keys", {}).items()}
    except (OSError, ValueError, TypeError) as e:
        raise ValueError(f"limits file {path}: {e}") from None
    return default, keys


@dataclass
class _Ticket:
    reqs: list  # the engine requests of one HTTP request
    reserved: int  # tokens taken from the bucket

    @property
    def done(self) -> bool:
        return all(r.finished for r in self.reqs)

    @property
    def waiting(self) -> int:
        return sum(not r.finished and r.slot is None and r.first_token_at is None for r in self.reqs)

    def used(self) -> int:
        return sum(len(r.prompt_ids) + len(r.output_ids) for r in self.reqs)


@dataclass
class _KeyState:
    tickets: list[_Ticket] = field(default_factory=list)
    tokens: float | None = None  # in the bucket; None: full
    stamp: float = 0.0


class Limiter:
    """Per-key accounting, on the event loop's thread (no locks)."""

    def __init__(self, default: KeyLimits | None = None, keys: dict[str, KeyLimits] | None = None,
                 clock=time.monotonic):
        self.default, self.keys, self.clock = default or KeyLimits(), keys or {}, clock
        self.state: dict[str | None, _KeyState] = {}
        self.refused: Counter = Counter()  # by reason, for /metrics

    def limits(self, key: str | None) -> KeyLimits:
        return self.keys.get(key, self.default)

    def _settle(self, key: str | None) -> _KeyState:
        """The key's state with finished tickets removed (their unused reservations returned) and the bucket
        refilled up to now."""
        s = self.state.setdefault(key, _KeyState(stamp=self.clock()))
        tpm = self.limits(key).tokens_per_minute
        now = self.clock()
        for t in [t for t in s.tickets if t.done]:
            s.tickets.remove(t)
            if tpm and s.tokens is not None:
                s.tokens += max(0, t.reserved - t.used())
        if tpm:
            s.tokens = min(tpm, (tpm if s.tokens is None else s.tokens) + (now - s.stamp) * tpm / 60)
        s.stamp = now
        return s

    def check(self, key: str | None, tokens: int, new: int, max_waiting: int) -> None:
        """Refuse (429) if `new` engine requests needing `tokens` in all would take this key past a limit."""
        lim, s = self.limits(key), self._settle(key)
        if lim.max_concurrent and len(s.tickets) >= lim.max_concurrent:
            self._refuse("concurrency", f"this API key has {len(s.tickets)} requests running, its limit is "
                         f"{lim.max_concurrent}; retry when one has finished", 1)
        if lim.queue_share:
            cap = max(1, int(lim.queue_share * max_waiting))
            waiting = sum(t.waiting for t in s.tickets)
            if waiting + new > cap:
                self._refuse("queue_share", f"this API key has {waiting} requests waiting (+{new} new); its share of "
                             f"the queue is {cap}", 1)
        tpm = lim.tokens_per_minute
        if tpm:
            if tokens > tpm:
                self._refuse("tokens", f"this request needs up to {tokens} tokens (prompt + max_tokens per choice), "
                             f"more than this API key's {tpm} per minute; lower max_tokens or n", None)
            if tokens > s.tokens:
                self._refuse("tokens", f"this API key has {int(s.tokens)} of its {tpm} tokens per minute left and "
                             f"this request needs up to {tokens}", (tokens - s.tokens) * 60 / tpm)

    def admit(self, key: str | None, reqs: list, tokens: int) -> None:
        """Count submitted engine requests against the key (after check passed)."""
        s = self._settle(key)
        s.tickets.append(_Ticket(reqs, tokens))
        if self.limits(key).tokens_per_minute:
            s.tokens -= tokens

    def _refuse(self, reason: str, message: str, retry_after: float | None):
        self.refused[reason] += 1
        raise rate_limited(message, f"rate_limit_{reason}", retry_after)
