"""The guard's policy: what is checked, by which backend, what happens to a blocked request, what is logged.

A policy file is JSON or TOML with these keys (all optional; `nanoseek serve --guard default` uses them all
at their defaults, with the classifier that ships in the package):

    backend       "classifier" (default), "endpoint" (a Llama Guard server) or "rules" (operator rules only)
    classifier    a directory written by `nanoseek guard train` (default: the shipped one)
    endpoint      {base_url, model, api_key, timeout, api: "chat" | "completions"}
    fail          "closed" (default) or "open": what a failing endpoint means
    threshold     P(unsafe) at which a text is blocked (default 0.5)
    categories    {"S8": false, ...}: categories switched off (all on by default)
    action        "refuse" (a normal response with finish_reason "content_filter") or "reject" (HTTP 400)
    refusal       the text of an in-band refusal
    check_input / check_output   both true by default
    chunk_chars   output characters held back between two output checks (default 64)
    output_encoder  whether output checks use the classifier's sentence encoder too (default false: the input
                  check does, and the streamed output is judged by its n-gram model, since the encoder costs
                  ~0.5 ms per token per check on a CPU core, as much as a tiny model's own decode step)
    audit_path    a JSON-lines file; log_text: whether the audit log keeps the judged text (default false)
    deny          [{pattern, category}]: regexes that block (case-insensitive, matched on every decoding)
    allow         [pattern]: regexes that exempt the texts and sentences they match from the backend (deny wins)
    keys          {"<api key>": {any of the keys above except keys}}: a policy per API key
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .categories import CODES, check_code

ACTIONS = ("refuse", "reject")
BACKENDS = ("classifier", "endpoint", "rules")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    category: str


@dataclass(frozen=True)
class Policy:
    backend: str = "classifier"
    classifier: str | None = None
    endpoint: dict | None = None
    fail: str = "closed"
    threshold: float = 0.5
    categories: frozenset = frozenset(CODES)  # the codes switched on
    action: str = "refuse"
    refusal: str = "I'm sorry, but I can't help with that request."
    check_input: bool = True
    check_output: bool = True
    chunk_chars: int = 64
    output_encoder: bool = False
    audit_path: str | None = None
    log_text: bool = False
    deny: tuple[Rule, ...] = ()
    allow: tuple[re.Pattern, ...] = ()
    keys: dict = field(default_factory=dict)  # api key -> Policy

    def for_key(self, key: str | None) -> Policy:
        return self.keys.get(key, self) if key else self


def _regex(pattern, where: str) -> re.Pattern:
    if not isinstance(pattern, str):
        raise ValueError(f"{where}: expected a regular expression string, found {pattern!r}")
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"{where}: {pattern!r} is not a valid regular expression ({e})") from None


def _expect(value, kind, where: str):
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise ValueError(f"{where}: expected {names}, found {value!r}")
    return value


def parse(raw: dict, where: str = "policy", base: Policy | None = None) -> Policy:
    """A Policy from a dict (a parsed file); a per-key policy gets its file's policy as `base` (no nested keys)."""
    known = {f.name for f in fields(Policy)} - ({"keys"} if base else set())
    base = base or Policy()
    _expect(raw, dict, where)
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}; expected some of {sorted(known)}")
    out = {}
    for name, value in raw.items():
        at = f"{where}.{name}"
        if name in ("backend", "action", "fail"):
            choices = {"backend": BACKENDS, "action": ACTIONS, "fail": ("open", "closed")}[name]
            if value not in choices:
                raise ValueError(f"{at}: expected one of {list(choices)}, found {value!r}")
            out[name] = value
        elif name == "threshold":
            if not 0 < _expect(value, (int, float), at) <= 1:
                raise ValueError(f"{at}: expected a number in (0, 1], found {value!r}")
            out[name] = float(value)
        elif name == "categories":
            on = set(base.categories)
            for code, enabled in _expect(value, dict, at).items():
                (on.add if _expect(enabled, bool, f"{at}.{check_code(code, at)}") else on.discard)(code)
            out[name] = frozenset(on)
        elif name == "chunk_chars":
            if _expect(value, int, at) < 1:
                raise ValueError(f"{at}: expected a positive number of characters, found {value}")
            out[name] = value
        elif name in ("check_input", "check_output", "output_encoder", "log_text"):
            out[name] = _expect(value, bool, at)
        elif name in ("classifier", "audit_path", "refusal"):
            out[name] = _expect(value, str, at)
        elif name == "endpoint":
            ep = _expect(value, dict, at)
            for k in ("base_url", "model"):
                _expect(ep.get(k), str, f"{at}.{k}")
            if ep.get("api", "chat") not in ("chat", "completions"):
                raise ValueError(f"{at}.api: expected 'chat' or 'completions', found {ep['api']!r}")
            out[name] = dict(ep)
        elif name == "deny":
            rules = []
            for i, r in enumerate(_expect(value, list, at)):
                _expect(r, dict, f"{at}[{i}]")
                rules.append(
                    Rule(
                        _regex(r.get("pattern"), f"{at}[{i}].pattern"),
                        check_code(r.get("category", "S2"), f"{at}[{i}].category"),
                    )
                )
            out[name] = tuple(rules)
        elif name == "allow":
            out[name] = tuple(_regex(p, f"{at}[{i}]") for i, p in enumerate(_expect(value, list, at)))
    policy = replace(base, **out)
    if policy.backend == "endpoint" and policy.endpoint is None:
        raise ValueError(f"{where}: backend 'endpoint' needs an endpoint table (base_url, model)")
    if "keys" in raw:
        keys = _expect(raw["keys"], dict, f"{where}.keys")
        policy = replace(
            policy, keys={k: parse(v, f"{where}.keys[{k[:4]}...]", replace(policy, keys={})) for k, v in keys.items()}
        )
    return policy


def load_policy(spec: str) -> Policy:
    """`default`, or the path of a .json / .toml policy file; a clear ValueError for anything else."""
    if spec == "default":
        return Policy()
    path = Path(spec)
    if not path.is_file():
        raise ValueError(f"guard policy {spec!r}: expected 'default' or a .json / .toml policy file; no such file")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".toml":
            import tomllib  # Python 3.11+

            raw = tomllib.loads(text)
        else:
            raw = json.loads(text)
    except ImportError:
        raise ValueError(f"guard policy {spec}: TOML needs Python 3.11+; write the policy as JSON") from None
    except (ValueError, json.JSONDecodeError) as e:  # tomllib.TOMLDecodeError is a ValueError
        raise ValueError(f"guard policy {spec}: not valid {path.suffix.lstrip('.') or 'JSON'}: {e}") from None
    return parse(raw, f"guard policy {path.name}")
