"""Counters the engine keeps for /metrics and the benchmarks: tokens, requests, speculation, batch, cache."""

from __future__ import annotations

from collections import Counter

# Upper bounds (seconds) of the latency histogram buckets.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Histogram:
    def __init__(self, bounds: tuple[float, ...] = LATENCY_BUCKETS):
        self.bounds = bounds
        self.counts = [0] * (len(bounds) + 1)  # the last bucket is +Inf
        self.sum = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        self.counts[next((i for i, b in enumerate(self.bounds) if value <= b), len(self.bounds))] += 1
        self.sum += value
        self.count += 1


class Stats:
    def __init__(self):
        self.requests = 0
        self.finished_by_reason: Counter[str] = Counter()
        self.prompt_tokens = 0
        self.prefill_tokens = 0  # prompt tokens actually run (the rest came from reused prefixes)
        self.cached_tokens = 0
        self.generated_tokens = 0
        self.drafted = 0
        self.accepted = 0
        self.steps = 0
        self.step_seconds = 0.0
        self.batch_size = 0  # running sequences after the last step
        self.batch_size_sum = 0
        self.kv_usage = 0.0
        self.time_to_first_token = Histogram()
        self.request_latency = Histogram()

    def submitted(self, prompt_tokens: int) -> None:
        self.requests += 1
        self.prompt_tokens += prompt_tokens

    def prefilled(self, ran: int, cached: int) -> None:
        self.prefill_tokens += ran
        self.cached_tokens += cached

    def generated(self, n: int) -> None:
        self.generated_tokens += n

    def speculated(self, accepted: int) -> None:
        self.drafted += 1
        self.accepted += accepted

    def step(self, seconds: float, batch: int, kv_usage: float) -> None:
        self.steps += 1
        self.step_seconds += seconds
        self.batch_size = batch
        self.batch_size_sum += batch
        self.kv_usage = kv_usage

    def finished(self, request) -> None:
        self.finished_by_reason[request.finish_reason] += 1
        if request.first_token_at is not None:
            self.time_to_first_token.observe(request.first_token_at - request.created)
        self.request_latency.observe(request.finished_at - request.created)

    @property
    def acceptance_rate(self) -> float:
        return self.accepted / self.drafted if self.drafted else 0.0
