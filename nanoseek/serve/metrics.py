"""GET /metrics: the engine's counters and the server's HTTP counts in Prometheus' text format (0.0.4)."""

from __future__ import annotations

from collections import Counter

from ..engine.stats import Histogram, Stats


def _family(name: str, kind: str, help: str, samples: list[tuple[str, float]]) -> list[str]:
    lines = [f"# HELP {name} {help}", f"# TYPE {name} {kind}"]
    return lines + [f"{name}{labels} {value:g}" if isinstance(value, float) else f"{name}{labels} {value}"
                    for labels, value in samples]


def _histogram(name: str, help: str, h: Histogram) -> list[str]:
    samples, running = [], 0
    for bound, count in zip([*map(str, h.bounds), "+Inf"], h.counts):
        running += count
        samples.append((f'_bucket{{le="{bound}"}}', running))
    lines = _family(name, "histogram", help, [])
    lines += [f"{name}{labels} {value}" for labels, value in samples]
    return lines + [f"{name}_sum {h.sum:g}", f"{name}_count {h.count}"]


def render(stats: Stats | None, waiting: int, http: Counter, ready: bool, refused: Counter | None = None) -> str:
    """Prometheus exposition text; before the model is loaded only the server's own series."""
    lines = _family("nanoseek_ready", "gauge", "1 once the model is loaded and the engine runs.",
                    [("", int(ready))])
    lines += _family("nanoseek_http_requests_total", "counter", "HTTP requests answered, by path and status.",
                     [(f'{{path="{p}",status="{s}"}}', n) for (p, s), n in sorted(http.items())])
    refused = refused or Counter()
    lines += _family("nanoseek_rate_limited_total", "counter", "Requests refused by a per-key limit, by limit.",
                     [(f'{{limit="{r}"}}', refused[r]) for r in ("concurrency", "queue_share", "tokens")])
    if stats is None:
        return "\n".join(lines) + "\n"
    reasons = stats.finished_by_reason or Counter({"stop": 0})
    lines += _family("nanoseek_requests_total", "counter", "Generation requests finished, by finish reason.",
                     [(f'{{finish_reason="{r}"}}', n) for r, n in sorted(reasons.items())])
    for name, help, value in [
        ("prompt_tokens_total", "Prompt tokens received.", stats.prompt_tokens),
        ("prompt_cache_hit_tokens_total", "Prompt tokens served from reused prefixes.", stats.cached_tokens),
        ("generation_tokens_total", "Tokens generated.", stats.generated_tokens),
        ("spec_draft_tokens_total", "MTP draft tokens checked.", stats.drafted),
        ("spec_accepted_tokens_total", "MTP draft tokens accepted.", stats.accepted),
        ("engine_steps_total", "Engine steps (one batched forward each, plus prefills).", stats.steps),
        ("engine_step_seconds_total", "Time spent in engine steps.", float(stats.step_seconds)),
    ]:
        lines += _family(f"nanoseek_{name}", "counter", help, [("", value)])
    for name, help, value in [
        ("batch_size", "Sequences in the running batch.", stats.batch_size),
        ("waiting_requests", "Requests waiting for a cache slot.", waiting),
        ("kv_cache_usage_ratio", "Share of the latent cache's token capacity in use.", float(stats.kv_usage)),
        ("spec_acceptance_rate", "Accepted / checked MTP drafts since start.", float(stats.acceptance_rate)),
    ]:
        lines += _family(f"nanoseek_{name}", "gauge", help, [("", value)])
    lines += _histogram("nanoseek_time_to_first_token_seconds", "Time from submission to the first token.",
                        stats.time_to_first_token)
    lines += _histogram("nanoseek_request_latency_seconds", "Time from submission to the last token.",
                        stats.request_latency)
    return "\n".join(lines) + "\n"
