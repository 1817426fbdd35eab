"""The guard inside `nanoseek serve`, and `nanoseek redteam` against a live server.

The rigged model answers every chat with `<think>Let me add those numbers</think># It is four.`; operator
deny rules on those words stand in for unsafe output, so each test knows exactly what must not get out.
"""

import json

import pytest

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx

from servers import ANSWER, REASONING, rigged_checkpoint, serve

from nanoseek.guard import Guard
from nanoseek.guard.policy import parse

pytestmark = pytest.mark.usefixtures("one_thread")
ASK = {"model": "rigged", "messages": [{"role": "user", "content": "what is two plus two?"}], "max_tokens": 40}


@pytest.fixture(scope="module")
def rigged(tmp_path_factory):
    return rigged_checkpoint(tmp_path_factory.mktemp("rigged"))


def guarded(rigged, tmp_path, policy):
    server = serve(rigged, api_keys=["sk-a", "sk-b"])
    server.state.guard = Guard(parse({"backend": "rules", "audit_path": str(tmp_path / "audit.jsonl"), **policy}))
    return server


def post(server, body, key="sk-a", stream=False):
    with httpx.Client(base_url=server.url, headers={"authorization": f"Bearer {key}"}, timeout=30) as c:
        if not stream:
            return c.post("/v1/chat/completions", json=body)
        with c.stream("POST", "/v1/chat/completions", json={**body, "stream": True}) as r:
            return [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: {")]


def get_metrics(server) -> str:
    return httpx.get(server.url + "/metrics", headers={"authorization": "Bearer sk-a"}).text


def test_input_refused_in_band_or_rejected_per_key(rigged, tmp_path):
    policy = {"deny": [{"pattern": "plus", "category": "S2"}], "refusal": "Not here.",
              "keys": {"sk-b": {"action": "reject"}}}
    with guarded(rigged, tmp_path, policy) as server:
        r = post(server, ASK)
        assert r.status_code == 200
        choice = r.json()["choices"][0]
        assert choice["finish_reason"] == "content_filter" and choice["message"]["content"] == "Not here."
        chunks = post(server, ASK, stream=True)
        assert chunks[-1]["choices"][0]["finish_reason"] == "content_filter"
        r = post(server, ASK, key="sk-b")
        assert r.status_code == 400 and r.json()["error"]["code"] == "content_filter"
        assert post(server, {**ASK, "messages": [{"role": "user", "content": "hi"}]}).json()["choices"][0][
            "message"]["content"] == ANSWER  # a clean request goes through
        metrics = get_metrics(server)
        assert 'nanoseek_guard_checks_total{stage="input",category="S2",action="refuse"} 2' in metrics
        assert 'nanoseek_guard_checks_total{stage="input",category="S2",action="reject"} 1' in metrics
    lines = [json.loads(s) for s in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert [line["action"] for line in lines[:3]] == ["refuse", "refuse", "reject"]


def test_stream_is_cut_at_the_first_unsafe_chunk(rigged, tmp_path):
    with guarded(rigged, tmp_path, {"deny": [{"pattern": "four", "category": "S1"}], "chunk_chars": 1}) as server:
        chunks = post(server, ASK, stream=True)
        text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
        reasoning = "".join(c["choices"][0]["delta"].get("reasoning_content", "") for c in chunks if c["choices"])
        assert reasoning == REASONING  # checked and delivered before the answer went wrong
        assert "four" not in text and "fo" not in text.split("is")[-1]
        assert chunks[-1]["choices"][0]["finish_reason"] == "content_filter"
        body = post(server, ASK).json()["choices"][0]
        assert body["finish_reason"] == "content_filter" and "four" not in body["message"]["content"]
        chunks = post(server, {**ASK, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 5}, stream=True)
        assert chunks[-1]["choices"][0]["finish_reason"] == "length"  # stopped before "four": allowed
    # one line per input, and per output one: its block or its last check (not one per chunk)
    lines = [json.loads(s) for s in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert [(x["stage"], x["action"]) for x in lines] == [
        ("input", "allow"), ("output", "refuse"), ("input", "allow"), ("output", "refuse"),
        ("input", "allow"), ("output", "allow")]


def test_reasoning_content_is_checked_too(rigged, tmp_path):
    with guarded(rigged, tmp_path, {"deny": [{"pattern": "add those", "category": "S9"}]}) as server:
        chunks = post(server, ASK, stream=True)
        deltas = [c["choices"][0]["delta"] for c in chunks if c["choices"]]
        assert not any("add" in d.get("reasoning_content", "") + d.get("content", "") for d in deltas)
        assert chunks[-1]["choices"][0]["finish_reason"] == "content_filter"
        metrics = get_metrics(server)
        assert 'stage="output",category="S9",action="refuse"}' in metrics


def test_redteam_against_a_live_server_with_and_without_the_guard(rigged, tmp_path):
    from nanoseek.cli import main

    def redteam(out, guard=None) -> dict:
        with serve(rigged, max_len=2048) as server:  # room for the many-shot attack's prompt
            server.state.guard = guard
            main(["redteam", "--base-url", server.url + "/v1", "--model", "rigged", "--limit", "1", "--max-tokens",
                  "16", "--categories", "S1", "--out", str(tmp_path / out), "--workers", "2"])
        return json.loads((tmp_path / out / "report.json").read_text())

    bare = redteam("bare")
    # the rigged model refuses nothing: by the rule judge every attack succeeds, except the extraction of the
    # system prompt's canary, which it never says
    assert bare["errors"] == 0 and bare["attacks"] >= 12 and bare["false_refusal_rate"] == 0.0
    assert all(v == 1.0 for k, v in bare["by_technique"].items() if k != "system_prompt_extraction")
    assert bare["by_technique"]["system_prompt_extraction"] == 0.0
    # a guard that knows the first S1 request's words blocks it whatever the encoding, not its translations
    guard = Guard(parse({"backend": "rules", "deny": [{"pattern": "ambush a jogger", "category": "S1"}]}))
    guarded_ = redteam("guarded", guard)
    techniques = guarded_["by_technique"]
    assert techniques["direct"] == techniques["base64"] == techniques["rot13"] == techniques["dan"] == 0.0
    assert techniques["translation_ar"] == 1.0 and guarded_["by_category"]["S1"] < 0.5
    assert all(r["refused"] == (r["finish_reason"] == "content_filter") for r in guarded_["benign_results"])
    assert (tmp_path / "guarded" / "report.md").read_text().startswith("# Red-team report")
    assert (tmp_path / "guarded" / "report.png").stat().st_size > 1000


def test_completions_endpoint_is_guarded_too(rigged, tmp_path):
    policy = {"deny": [{"pattern": "forbidden", "category": "S2"}, {"pattern": "four", "category": "S1"}],
              "chunk_chars": 1}
    with guarded(rigged, tmp_path, policy) as server, httpx.Client(
            base_url=server.url, headers={"authorization": "Bearer sk-a"}, timeout=30) as c:
        r = c.post("/v1/completions", json={"model": "rigged", "prompt": "a forbidden prompt", "max_tokens": 8})
        assert r.json()["choices"][0]["finish_reason"] == "content_filter"
        # the rigged model continues a chat prompt with its answer: cut before "four"
        prompt = c.post("/tokenize", json={"model": "rigged", "messages": ASK["messages"]}).json()["tokens"]
        r = c.post("/v1/completions", json={"model": "rigged", "prompt": prompt, "max_tokens": 40}).json()
        assert r["choices"][0]["finish_reason"] == "content_filter" and "four" not in r["choices"][0]["text"]
        assert "It is" in r["choices"][0]["text"]
