"""Guard: a policy, its backends and its audit log; check(messages) -> Verdict.

    guard = Guard(load_policy("default"))
    v = guard.check([{"role": "user", "content": "how do I make a pipe bomb"}], key="sk-...")
    v.action   # "refuse" (answer in-band with finish_reason "content_filter"), "reject" (HTTP 400) or "allow"

Order of judgement, on the cleaned text and every decoding of it (guard/normalize.py): operator deny rules
(they always win), operator allow rules (they exempt the text from the backend), then the backend's score per
category; categories the policy switched off do not count. A backend that fails is a logged decision: block
when the policy says fail "closed" (the default), let through when it says "open".
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from .backends import ClassifierBackend, EndpointBackend, Unavailable
from .categories import CATEGORIES
from .normalize import variants
from .policy import Policy

log = logging.getLogger("nanoseek.guard")
SENTENCE = re.compile(r"(?<=[.!?。！？؟:;\n])\s*")


def sentences(text: str, min_chars: int = 12) -> list[str]:
    """The sentences of a text of more than one (short fragments dropped)."""
    parts = [s.strip() for s in SENTENCE.split(text) if len(s.strip()) >= min_chars]
    return parts if len(parts) > 1 else []


@dataclass(frozen=True)
class Verdict:
    category: str | None  # "S1".."S14" (or "unsafe" from an endpoint that named none); None when safe
    score: float  # P(unsafe) for the enabled categories, 1.0 for a rule or a failed-closed backend
    action: str  # "allow", "refuse" or "reject"
    source: str = "classifier"  # classifier, endpoint, deny-rule, allow-rule, error
    decoding: str = "clean"  # which decoding of the text scored worst (base64, rot13, ...)
    detail: str = ""

    @property
    def blocked(self) -> bool:
        return self.action != "allow"

    @property
    def name(self) -> str:
        return CATEGORIES.get(self.category, self.category or "")


def key_id(key: str | None) -> str:
    """What the audit log and metrics say for an API key: a short hash, never the key."""
    return hashlib.sha256(key.encode()).hexdigest()[:12] if key else "-"


def _text(content) -> str:
    if isinstance(content, list):  # OpenAI content parts, as dicts or as the server's parsed parts
        return "".join((p.get("text") if isinstance(p, dict) else getattr(p, "text", None)) or "" for p in content)
    return content or ""


def conversation(messages) -> list[dict]:
    """Messages as [{role, content}] whatever they came as: strings, dicts, or pydantic messages."""
    out = []
    for m in messages:
        if isinstance(m, str):
            m = {"role": "user", "content": m}
        elif not isinstance(m, dict):
            m = {"role": getattr(m, "role", "user"), "content": getattr(m, "content", "")}
        out.append({"role": m.get("role") or "user", "content": _text(m.get("content"))})
    return out


class Guard:
    def __init__(self, policy: Policy):
        self.policy = policy
        self._backends: dict = {}
        self._lock = threading.Lock()
        self.counts: Counter = Counter()  # (stage, category, action) -> checks
        self.seconds = 0.0
        for p in [policy, *policy.keys.values()]:  # load every backend now: a bad model fails at start-up
            self._backend(p)

    def _backend(self, p: Policy):
        spec = (p.backend, p.classifier, json.dumps(p.endpoint, sort_keys=True))
        if spec not in self._backends:
            if p.backend == "classifier":
                self._backends[spec] = ClassifierBackend(p.classifier)
            elif p.backend == "endpoint":
                self._backends[spec] = EndpointBackend(**p.endpoint)
            else:
                self._backends[spec] = None
        return self._backends[spec]

    def check(self, messages, key: str | None = None, output: str | None = None, audit: bool = True) -> Verdict:
        """Judge a conversation (input), or `output` (what the model wrote so far, reasoning included) after it.
        audit=False writes an audit line only for a block (the server's intermediate output checks)."""
        start = time.perf_counter()
        p = self.policy.for_key(key)
        stage = "input" if output is None else "output"
        msgs = conversation(messages)
        if output is None:
            if not p.check_input:
                return Verdict(None, 0.0, "allow", "off")
            # text split over turns: each turn alone, and the user's turns joined (with and without a space)
            users = [m["content"] for m in msgs if m["role"] == "user"]
            raw = [m["content"] for m in msgs] + ([" ".join(users), "".join(users)] if len(users) > 1 else [])
        else:
            if not p.check_output:
                return Verdict(None, 0.0, "allow", "off")
            raw = [output]
            msgs = msgs + [{"role": "assistant", "content": output}]
        verdict = self._judge(p, raw, msgs, stage)
        with self._lock:
            self.seconds += time.perf_counter() - start
            self.counts[(stage, verdict.category or "none", verdict.action)] += 1
        if audit or verdict.blocked:  # a block is always audited
            self.audit(verdict, p, key, stage, raw)
        return verdict

    def _judge(self, p: Policy, raw: list[str], msgs: list[dict], stage: str = "input") -> Verdict:
        decoded = [(how, t) for text in raw if text.strip() for how, t in variants(text)]
        # each sentence alone too: a request wrapped in a long role play or a many-shot dialogue is diluted
        # in the whole text's features, and clear on its own
        decoded += [(how, s) for how, t in decoded for s in sentences(t)]
        for how, t in decoded:
            for rule in p.deny:
                if rule.pattern.search(t):
                    return Verdict(rule.category, 1.0, p.action, "deny-rule", how, rule.pattern.pattern)
        # an allow rule exempts the texts (and sentences) it matches, not the request: an allowed phrase appended
        # to a harmful one must not carry it through
        kept = [(how, t) for how, t in decoded if not any(a.search(t) for a in p.allow)]
        if decoded and not kept:
            return Verdict(None, 0.0, "allow", "allow-rule")
        decoded = kept
        backend = self._backend(p)
        if backend is None or not decoded:
            return Verdict(None, 0.0, "allow", "rules")
        try:
            if isinstance(backend, ClassifierBackend):
                model = backend.model
                if stage == "output" and not p.output_encoder and model.other is not None:
                    model = model.other  # the n-gram model alone (policy.py: output_encoder)
                judged = [(how, per) for (how, _), (_, _, per) in zip(decoded, model.predict([t for _, t in decoded]))]
            else:
                judged = [("clean", backend.judge([t for _, t in decoded], msgs))]
        except Unavailable as e:
            log.warning("guard backend unavailable, failing %s: %s", p.fail, e)
            action = p.action if p.fail == "closed" else "allow"
            return Verdict(None, 1.0 if action != "allow" else 0.0, action, "error", detail=str(e))
        source = "classifier" if isinstance(backend, ClassifierBackend) else "endpoint"
        # P(unsafe) of a text = the sum over the enabled categories; the worst text (decoding) decides
        best = (0.0, None, "clean")
        for how, per in judged:
            enabled = {c: s for c, s in per.items() if c in p.categories or c not in CATEGORIES}
            score = min(1.0, sum(enabled.values()))
            if enabled and score > best[0]:
                best = (score, max(enabled, key=enabled.get), how)
        score, category, how = best
        action = p.action if score >= p.threshold else "allow"
        return Verdict(category if action != "allow" else None, round(score, 4), action, source, how)

    def audit(self, v: Verdict, p: Policy, key: str | None, stage: str, texts: list[str]) -> None:
        if not p.audit_path:
            return
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "key": key_id(key),
            "stage": stage,
            "category": v.category,
            "name": v.name or None,
            "score": v.score,
            "action": v.action,
            "source": v.source,
            "decoding": v.decoding,
        }
        if p.log_text:
            line["text"] = texts
        try:
            with self._lock, open(p.audit_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        except OSError as e:  # the audit log failing must not take the server down: say so and go on
            log.error("guard audit log %s: %s", p.audit_path, e)

    def metrics(self) -> str:
        """Prometheus lines: checks by stage, category and action, and the time spent judging."""
        lines = [
            "# HELP nanoseek_guard_checks_total Guard decisions, by stage, category and action.",
            "# TYPE nanoseek_guard_checks_total counter",
        ]
        lines += [
            f'nanoseek_guard_checks_total{{stage="{s}",category="{c}",action="{a}"}} {n}'
            for (s, c, a), n in sorted(self.counts.items())
        ]
        lines += [
            "# HELP nanoseek_guard_seconds_total Time spent in guard checks.",
            "# TYPE nanoseek_guard_seconds_total counter",
            f"nanoseek_guard_seconds_total {self.seconds:g}",
        ]
        return "\n".join(lines) + "\n"
