"""Anthropic's Messages API (/v1/messages) driven by the official `anthropic` client on 127.0.0.1.

The rigged model answers every chat `<think>\\n` + REASONING + `</think>` + ANSWER + EOS, each token chosen
by the one before it, so thinking on and off, budgets and prefills each give a known text."""

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
import pytest
from servers import ANSWER, REASONING, pieces, rigged_checkpoint, serve

anthropic = pytest.importorskip("anthropic", reason="the anthropic client is in the test extra")

KEY = "sk-ant-test"
Q = [{"role": "user", "content": "What is 2 + 2?"}]

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(rigged_checkpoint(tmp_path_factory.mktemp("rigged")), api_keys=[KEY]) as s:
        yield s


@pytest.fixture(scope="module")
def client(server):
    return anthropic.Anthropic(base_url=server.url, api_key=KEY, max_retries=0, timeout=30)


def test_text_answer_and_usage(server, client):
    m = client.messages.create(model="rigged", max_tokens=64, messages=Q)  # thinking off unless asked for
    assert [b.type for b in m.content] == ["text"] and m.content[0].text == ANSWER
    assert (m.type, m.role, m.model, m.stop_reason, m.stop_sequence) == ("message", "assistant", "rigged",
                                                                          "end_turn", None)
    assert m.id.startswith("msg_")
    prompt = server.state.tokenizer.apply_chat_template(Q, add_generation_prompt=True, thinking=False)
    assert m.usage.input_tokens + m.usage.cache_read_input_tokens == len(prompt)
    assert m.usage.output_tokens == len(pieces(server, ANSWER)) + 1  # + EOS
    assert client.messages.count_tokens(model="rigged", messages=Q).input_tokens == len(prompt)


def test_thinking_blocks_and_budget(server, client):
    m = client.messages.create(model="rigged", max_tokens=64, messages=Q,
                               thinking={"type": "enabled", "budget_tokens": 1024})
    assert [b.type for b in m.content] == ["thinking", "text"]
    assert (m.content[0].thinking, m.content[1].text) == (REASONING, ANSWER)
    assert isinstance(m.content[0].signature, str)
    short = client.messages.create(model="rigged", max_tokens=64, messages=Q,
                                   thinking={"type": "enabled", "budget_tokens": 2})
    assert short.content[0].thinking == "".join(pieces(server, REASONING)[:2])  # closed by the server
    assert short.content[1].text == ANSWER and short.stop_reason == "end_turn"
    off = client.messages.create(model="rigged", max_tokens=64, messages=Q, thinking={"type": "disabled"})
    assert [b.type for b in off.content] == ["text"]


def test_streaming_events_assemble(client):
    with client.messages.stream(model="rigged", max_tokens=64, messages=Q,
                                thinking={"type": "enabled", "budget_tokens": 1024}) as stream:
        kinds = [e.type for e in stream]
        final = stream.get_final_message()
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    assert kinds.count("content_block_start") == kinds.count("content_block_stop") == 2
    assert [b.type for b in final.content] == ["thinking", "text"]
    assert (final.content[0].thinking, final.content[1].text) == (REASONING, ANSWER)
    assert final.stop_reason == "end_turn" and final.usage.output_tokens > 0
    with client.messages.stream(model="rigged", max_tokens=64, messages=Q) as stream:
        assert "".join(stream.text_stream) == ANSWER


def test_stop_sequences_max_tokens_prefill_and_system(server, client):
    m = client.messages.create(model="rigged", max_tokens=64, messages=Q, stop_sequences=["four", "zzz"])
    assert (m.content[0].text, m.stop_reason, m.stop_sequence) == ("# It is ", "stop_sequence", "four")
    m = client.messages.create(model="rigged", max_tokens=2, messages=Q)
    assert m.stop_reason == "max_tokens" and m.usage.output_tokens == 2
    words = pieces(server, ANSWER)
    prefill = Q + [{"role": "assistant", "content": "".join(words[:2])}]  # continued, as Anthropic's prefill
    assert client.messages.create(model="rigged", max_tokens=64, messages=prefill).content[0].text == \
        "".join(words[2:])
    for system in ("Be brief.", [{"type": "text", "text": "Be brief."}]):
        m = client.messages.create(model="rigged", max_tokens=64, messages=Q, system=system)
        assert m.content[0].text == ANSWER
    blocks = [{"role": "user", "content": [{"type": "text", "text": "What is "}, {"type": "text", "text": "2 + 2?"}]}]
    assert client.messages.create(model="rigged", max_tokens=64, messages=blocks).content[0].text == ANSWER


def test_errors_are_anthropic_shaped_and_the_server_keeps_serving(server, client):
    def shaped(e, kind):
        assert e.body == {"type": "error", "error": {"type": kind, "message": e.body["error"]["message"]}}
        assert e.body["error"]["message"]

    wrong = anthropic.Anthropic(base_url=server.url, api_key="sk-wrong", max_retries=0, timeout=30)
    with pytest.raises(anthropic.AuthenticationError) as e:
        wrong.messages.create(model="rigged", max_tokens=8, messages=Q)
    shaped(e.value, "authentication_error")
    with pytest.raises(anthropic.NotFoundError) as e:
        client.messages.create(model="claude-nope", max_tokens=8, messages=Q)
    shaped(e.value, "not_found_error")
    bad = [dict(thinking={"type": "auto"}),  # an unknown thinking type
           dict(extra_body={"temperature": 1.5}),  # out of Anthropic's range
           dict(tools=[{"name": "calc", "description": "adds", "input_schema": {"type": "object"}}]),
           dict(messages=[{"role": "user", "content": [{"type": "image", "source": {"type": "base64",
                                                        "media_type": "image/png", "data": "AA=="}}]}]),
           dict(messages=[{"role": "system", "content": "hi"}]),
           dict(messages=[]),
           dict(stop_sequences=["x" * 1000])]
    for kw in bad:
        with pytest.raises(anthropic.BadRequestError) as e:
            client.messages.create(**{"model": "rigged", "max_tokens": 8, "messages": Q, **kw})
        shaped(e.value, "invalid_request_error")
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    for raw in (b'{"model": "rigged", "messages": [', b'{"model": "rigged", "messages": []}',
                b'{"model": "rigged", "max_tokens": 8, "messages": [{"role": "user", "content": "\\ud800"}]}'):
        r = httpx.post(server.url + "/v1/messages", content=raw, headers=headers)
        assert r.status_code == 400 and r.json()["type"] == "error", raw
        assert r.json()["error"]["type"] == "invalid_request_error"
    r = httpx.get(server.url + "/v1/messages", headers=headers)
    assert r.status_code == 405 and r.json()["error"]["type"] == "invalid_request_error"
    # the OpenAI routes keep their own shape; a Bearer token works on /v1/messages too
    assert "error" in httpx.post(server.url + "/v1/chat/completions", json={}, headers=headers).json()
    bearer = anthropic.Anthropic(base_url=server.url, auth_token=KEY, max_retries=0, timeout=30)
    assert bearer.messages.create(model="rigged", max_tokens=64, messages=Q).content[0].text == ANSWER


def test_the_guard_holds_on_messages_too(tmp_path):
    from nanoseek.guard import Guard
    from nanoseek.guard.policy import parse

    policy = {"backend": "rules", "audit_path": str(tmp_path / "audit.jsonl"), "refusal": "Not here.",
              "deny": [{"pattern": "plus", "category": "S2"}, {"pattern": "four", "category": "S1"}],
              "chunk_chars": 1, "keys": {"sk-b": {"action": "reject"}}}
    with serve(rigged_checkpoint(tmp_path / "rigged"), api_keys=[KEY, "sk-b"]) as server:
        server.state.guard = Guard(parse(policy))
        c = anthropic.Anthropic(base_url=server.url, api_key=KEY, max_retries=0, timeout=30)
        plus = [{"role": "user", "content": "two plus two?"}]
        m = c.messages.create(model="rigged", max_tokens=40, messages=plus)  # refused before generation
        assert (m.content[0].text, m.stop_reason) == ("Not here.", "refusal")
        with c.messages.stream(model="rigged", max_tokens=40, messages=plus) as s:
            assert s.get_final_message().stop_reason == "refusal"
        b = anthropic.Anthropic(base_url=server.url, api_key="sk-b", max_retries=0, timeout=30)
        with pytest.raises(anthropic.BadRequestError) as e:
            b.messages.create(model="rigged", max_tokens=40, messages=plus)
        assert e.value.body["type"] == "error" and e.value.body["error"]["type"] == "invalid_request_error"
        m = c.messages.create(model="rigged", max_tokens=40, messages=Q)  # the answer is cut at "four"
        assert m.stop_reason == "refusal" and "four" not in m.content[0].text
        with c.messages.stream(model="rigged", max_tokens=40, messages=Q) as s:
            final = s.get_final_message()
        assert final.stop_reason == "refusal" and "four" not in "".join(b.text for b in final.content)
