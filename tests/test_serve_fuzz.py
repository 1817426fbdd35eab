"""Fuzzing the server with tools nobody here wrote: schemathesis against the live /openapi.json (with the API
key and without), and hypothesis against the request parser. Bounded: a few seconds each."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import rigged_checkpoint
from test_serve_hostile import KEY, live

from nanoseek.serve.app import Limits
from nanoseek.serve.errors import ApiError, parse_json
from nanoseek.serve.schemas import ChatRequest, CompletionRequest
from nanoseek.tasks.tools import MAX_DEPTH, json_depth

pytestmark = pytest.mark.usefixtures("one_thread")

EXAMPLES = 8  # per operation and phase: about 400 cases a run, ~10 s


@pytest.fixture(scope="module")
def rigged(tmp_path_factory):
    return rigged_checkpoint(tmp_path_factory.mktemp("rigged"))


# schema-valid requests that the server's own limits refuse (a prompt over the context, max_tokens over the
# server's cap, a model it does not serve...) are 400: JSON Schema cannot say "prompt tokens + max_tokens <=
# context", so positive-data acceptance allows 400 and 408 besides schemathesis' defaults
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "404", "408", "413", "429"]
"""


@pytest.mark.parametrize("with_key", [True, False])
def test_schemathesis_finds_no_5xx_and_no_schema_violation(rigged, tmp_path, with_key):
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    st_cli = Path(sys.executable).with_name("st")
    with live(rigged, limits=Limits(max_tokens=16, request_timeout=5), max_batch=4) as s:
        args = [str(st_cli), "--config-file", str(config), "run", s.url + "/openapi.json", "--checks", "all",
                "--max-examples", str(EXAMPLES), "--seed", "16", "--workers", "1", "--generation-database", "none",
                "--request-timeout", "30", "--no-color"]
        # with the key: every phase; without it every route must answer 401 (or be public): fuzzing suffices
        args += ["--phases", "examples,coverage,fuzzing", "--header", f"Authorization: Bearer {KEY}"] if with_key \
            else ["--phases", "fuzzing"]
        out = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=tmp_path)  # its cache there
        report = out.stdout + out.stderr
        statuses = s.state.http
    cases = re.search(r"Test cases:\s*(\d+) generated", report)
    print(f"schemathesis ({'with' if with_key else 'without'} the API key): "
          f"{cases.group(1) if cases else '?'} generated cases; statuses {sorted(statuses.items())}")
    assert out.returncode == 0, report[-6000:]
    assert cases and int(cases.group(1)) > 40, report[-3000:]
    assert not any(status >= 500 for (_, status) in statuses)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=20)
FIELDS = ["model", "messages", "prompt", "temperature", "top_p", "top_k", "n", "stop", "seed", "max_tokens",
          "presence_penalty", "frequency_penalty", "repetition_penalty", "stream", "logprobs", "top_logprobs", "echo"]


@st.composite
def bodies(draw) -> bytes:
    """Almost-valid bodies: a valid core with fields replaced by any JSON, including lone surrogates, NaN and
    Infinity (json.dumps writes them), deep nesting and truncation."""
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "prompt": "hi"}
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
        body[name] = draw(JSON_VALUES | st.sampled_from(["\ud800", float("nan"), float("inf"), 2**64, -1e-46]))
    raw = json.dumps(body).encode("utf-8", "surrogatepass")
    how = draw(st.sampled_from(["as is", "nest", "cut"]))
    if how == "nest":
        depth = draw(st.integers(1, 3000))
        raw = raw[:-1] + b', "x": ' + b"[" * depth + b"]" * depth + b"}"
    elif how == "cut":
        raw = raw[:draw(st.integers(0, len(raw)))]
    return raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), st.sampled_from([ChatRequest, CompletionRequest]))
def test_the_request_parser_answers_every_body_with_a_request_or_a_4xx(raw, schema):
    try:
        parsed = parse_json(raw, schema)
    except ApiError as e:
        assert 400 <= e.status < 500 and e.message
        json.dumps(e.body()).encode("utf-8")  # the answer itself can be sent
        return
    assert isinstance(parsed, schema)
    for name in ("temperature", "top_p", "presence_penalty", "frequency_penalty", "repetition_penalty"):
        value = getattr(parsed, name)
        assert value == value and abs(value) != float("inf")  # finite
    json.dumps(parsed.model_dump()).encode("utf-8")  # every string is valid Unicode


@given(st.text(alphabet='[]{}"\\ ,:ab0', max_size=200))
@settings(max_examples=300, deadline=None)
def test_json_depth_counts_nesting_outside_strings(text):
    """json_depth against json.loads' own nesting, on any text made of JSON's structural characters."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return

    def depth(x):
        inner = x.values() if isinstance(x, dict) else x if isinstance(x, list) else None
        return 0 if inner is None else 1 + max(map(depth, inner), default=0)

    want = depth(data)
    for limit in (0, 1, 2, 3, MAX_DEPTH):
        assert (json_depth(text.encode(), limit) > limit) == (want > limit), (text, limit)
