"""Anthropic's Messages API (/v1/messages) driven by the official `anthropic` client on 127.0.0.1.

The rigged model answers every chat `<think>\\n` + REASONING + `</think>` + ANSWER + EOS, each token chosen
by the one before it, so thinking on and off, budgets and prefills each give a known text. It never begins a
tool call by itself: a forced one (tool_choice any / tool) is drawn under the tool's schema from near-uniform
logits, so its input is arbitrary but must validate."""

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
import json

import pytest
from servers import ANSWER, REASONING, pieces, rigged_checkpoint, serve
from test_grammar import valid

anthropic = pytest.importorskip("anthropic", reason="the anthropic client is in the test extra")

KEY = "sk-ant-test"
Q = [{"role": "user", "content": "What is 2 + 2?"}]

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(rigged_checkpoint(tmp_path_factory.mktemp("rigged")), api_keys=[KEY], max_len=2048) as s:
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


# ---- tools ------------------------------------------------------------------------------------------------

WEATHER = {"type": "object", "properties": {"city": {"enum": ["Paris", "Rome", "Oslo"]}, "unit": {"enum": ["C", "F"]}},
           "required": ["city", "unit"], "additionalProperties": False}
CLOCK = {"type": "object", "properties": {"zone": {"type": "string", "maxLength": 8}, "h24": {"type": "boolean"}},
         "required": ["zone"], "additionalProperties": False}
TOOLS = [{"name": "get_weather", "description": "Weather now", "input_schema": WEATHER},
         {"name": "get_time", "input_schema": CLOCK}]
SCHEMAS = {"get_weather": WEATHER, "get_time": CLOCK}


def check_uses(blocks, names=tuple(SCHEMAS)):
    uses = [b for b in blocks if b.type == "tool_use"]
    assert uses
    for b in uses:
        assert b.id.startswith("toolu_") and b.name in names
        assert valid(b.input, SCHEMAS[b.name]), b.input
    assert len({b.id for b in uses}) == len(uses)
    return uses


def test_auto_tools_answer_in_text_when_the_model_calls_none(client):
    m = client.messages.create(model="rigged", max_tokens=64, messages=Q, tools=TOOLS)  # tool_choice auto
    assert [b.type for b in m.content] == ["text"] and m.content[0].text == ANSWER and m.stop_reason == "end_turn"
    m = client.messages.create(model="rigged", max_tokens=64, messages=Q, tools=TOOLS, tool_choice={"type": "none"})
    assert m.content[0].text == ANSWER


def test_forced_tool_use_validates_and_streams_as_the_client_assembles_it(client):
    # (max_tokens: room for many parallel calls; after each one, another begins about as often as they end)
    for choice in ({"type": "any"}, {"type": "tool", "name": "get_time"},
                   {"type": "any", "disable_parallel_tool_use": True}):
        m = client.messages.create(model="rigged", max_tokens=600, messages=Q, tools=TOOLS, tool_choice=choice)
        assert m.stop_reason == "tool_use", m
        assert all(b.type == "tool_use" for b in m.content)  # the calls begin at the answer's first token
        uses = check_uses(m.content, [choice["name"]] if "name" in choice else tuple(SCHEMAS))
        if choice["type"] == "tool" or choice.get("disable_parallel_tool_use"):
            assert len(uses) == 1
    kw = dict(model="rigged", max_tokens=200, messages=Q, tools=TOOLS, extra_body={"temperature": 0},
              tool_choice={"type": "tool", "name": "get_weather"})
    whole = client.messages.create(**kw)
    with client.messages.stream(**kw) as stream:
        events = list(stream)
        final = stream.get_final_message()
    pieces_ = [e for e in events if e.type == "content_block_delta" and e.delta.type == "input_json_delta"]
    starts = [e for e in events if e.type == "content_block_start"]
    assert [s.content_block.type for s in starts] == ["tool_use"] and starts[0].content_block.input == {}
    assert len(pieces_) > 1  # the arguments came in pieces
    assert final.stop_reason == "tool_use"
    assert [(b.name, b.input) for b in final.content] == [(b.name, b.input) for b in whole.content]  # greedy
    check_uses(final.content)


def test_thinking_then_tool_use(client):
    m = client.messages.create(model="rigged", max_tokens=200, messages=Q, tools=TOOLS,
                               tool_choice={"type": "tool", "name": "get_weather"},
                               thinking={"type": "enabled", "budget_tokens": 1024})
    assert [b.type for b in m.content] == ["thinking", "tool_use"] and m.content[0].thinking == REASONING
    check_uses(m.content)
    assert m.stop_reason == "tool_use"
    with client.messages.stream(model="rigged", max_tokens=600, messages=Q, tools=TOOLS, tool_choice={"type": "any"},
                                thinking={"type": "enabled", "budget_tokens": 1024}) as stream:
        final = stream.get_final_message()
    assert final.content[0].type == "thinking" and final.content[0].thinking == REASONING
    assert {b.type for b in final.content[1:]} == {"tool_use"} and final.stop_reason == "tool_use"
    check_uses(final.content)


def test_two_turn_tool_loop(server, client):
    first = client.messages.create(model="rigged", max_tokens=600, messages=Q, tools=TOOLS,
                                   tool_choice={"type": "any"})
    uses = check_uses(first.content)
    results = [{"type": "tool_result", "tool_use_id": b.id, "content": json.dumps({"temp": 21})} for b in uses]
    results[0]["content"] = [{"type": "text", "text": "21 degrees"}]  # a tool result may be text blocks too
    history = Q + [{"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
                   {"role": "user", "content": results}]
    second = client.messages.create(model="rigged", max_tokens=64, messages=history, tools=TOOLS)
    assert [b.type for b in second.content] == ["text"] and second.content[0].text == ANSWER
    assert second.stop_reason == "end_turn"
    # the calls and their results are in the prompt, rendered as the chat form's tool_calls and tool messages
    tok = server.state.tokenizer
    args = [json.dumps(b.input, ensure_ascii=False) for b in uses]  # (the random strings are not all ASCII)
    calls = [{"id": b.id, "type": "function", "function": {"name": b.name, "arguments": a}} for b, a in zip(uses, args)]
    chat = Q + [{"role": "assistant", "content": "", "tool_calls": calls}] + [
        {"role": "tool", "tool_call_id": b.id, "content": "21 degrees" if k == 0 else json.dumps({"temp": 21})}
        for k, b in enumerate(uses)]
    functions = [{"type": "function", "function": {"name": t["name"], "description": t.get("description"),
                                                   "parameters": t["input_schema"]}} for t in TOOLS]
    ids = tok.apply_chat_template(chat, add_generation_prompt=True, thinking=False, tools=functions)
    assert second.usage.input_tokens + second.usage.cache_read_input_tokens == len(ids)
    assert tok.decode(ids).count("<｜tool▁output▁begin｜>") == len(uses)
    assert client.messages.count_tokens(model="rigged", messages=history, tools=TOOLS).input_tokens == len(ids)


@pytest.mark.parametrize("kw, says", [
    (dict(tools=[{"name": "f"}]), "input_schema"),
    (dict(tools=[{"name": "f", "input_schema": {"type": "string"}}]), "input_schema"),
    (dict(tools=[{"name": "f", "input_schema": {"type": "object", "properties": {"a": {"type": "no-such"}}}}]),
     "invalid tool schema"),
    (dict(tools=[{"name": "bad name!", "input_schema": {"type": "object"}}]), "name"),
    (dict(tools=[{"name": "f", "input_schema": {"type": "object"}}] * 2), "declared twice"),
    (dict(tools=[{"type": "web_search_20250305", "name": "web_search"}]), "server tools"),
    (dict(tools=TOOLS, tool_choice={"type": "tool", "name": "nope"}), "nope"),
    (dict(tools=TOOLS, tool_choice={"type": "tool"}), "tool_choice.name"),
    (dict(tools=TOOLS, tool_choice={"type": "sometimes"}), "tool_choice.type"),
    (dict(tool_choice={"type": "any"}), "needs tools"),
    (dict(messages=[{"role": "assistant", "content": [{"type": "tool_result", "tool_use_id": "x", "content": "1"}]}]),
     "user turns"),
    (dict(messages=[{"role": "user", "content": [{"type": "tool_result", "content": "1"}]}]), "tool_use_id"),
    (dict(messages=Q + [{"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "get_time",
                                                           "input": {"zone": "UTC"}}]}]), "tool_result"),
])
def test_bad_tool_input_is_an_anthropic_400_and_the_server_keeps_serving(client, kw, says):
    with pytest.raises(anthropic.BadRequestError) as e:
        client.messages.create(**{"model": "rigged", "max_tokens": 8, "messages": Q, **kw})
    assert e.value.body["type"] == "error" and e.value.body["error"]["type"] == "invalid_request_error"
    assert says in e.value.body["error"]["message"], e.value.body
    assert client.messages.create(model="rigged", max_tokens=64, messages=Q).content[0].text == ANSWER


def test_a_tool_use_cut_by_max_tokens_is_still_a_block(client):
    """As on Anthropic's API: stop_reason max_tokens with the cut tool_use block (empty input in a message, the
    arguments as far as they went in a stream)."""
    cut = 0
    for n in range(7, 30, 3):
        m = client.messages.create(model="rigged", max_tokens=n, messages=Q, tools=TOOLS,
                                   tool_choice={"type": "tool", "name": "get_weather"})
        with client.messages.stream(model="rigged", max_tokens=n, messages=Q, tools=TOOLS,
                                    tool_choice={"type": "tool", "name": "get_weather"}) as stream:
            final = stream.get_final_message()
        for msg in (m, final):
            assert all(b.type == "tool_use" and b.name == "get_weather" for b in msg.content if b.type != "text")
        if m.stop_reason == "max_tokens" and m.content[-1].type == "tool_use":
            assert m.usage.output_tokens == n
            use = m.content[-1].input  # empty, unless the cut fell after the arguments' JSON closed
            assert use == {} or valid(use, WEATHER), use
            cut += use == {}
        elif m.stop_reason == "tool_use":
            check_uses(m.content)
    assert cut  # some n fell between the call's name and the end of its arguments
