"""Tool calls and JSON output through the official `openai` client against a live server on 127.0.0.1, with a
random-weight model (speculative decoding on): whatever it writes, the JSON parses and validates, and the tool
calls name declared functions with arguments under their schemas."""

import json

import openai
import pytest
from helpers import random_model, small_config
from openai.lib.streaming.chat import ChatCompletionStreamState
from servers import serve, tokenizer
from test_grammar import SCHEMA, valid

import nanoseek

KEY = "sk-tools"
Q = [{"role": "user", "content": "What is the weather in Paris and in Rome?"}]
OFF = {"thinking": {"type": "disabled"}}  # a random model never closes a thought by itself
WEATHER = {"type": "object", "properties": {"city": {"enum": ["Paris", "Rome", "Oslo"]},
                                            "unit": {"enum": ["C", "F"]}},
           "required": ["city", "unit"], "additionalProperties": False}
CLOCK = {"type": "object", "properties": {"zone": {"type": "string", "maxLength": 8},
                                          "h24": {"type": "boolean"}},
         "required": ["zone"], "additionalProperties": False}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather now", "parameters": WEATHER}},
         {"type": "function", "function": {"name": "get_time", "parameters": CLOCK}}]
SCHEMAS = {"get_weather": WEATHER, "get_time": CLOCK}

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("random")
    tok = tokenizer()
    nanoseek.save(random_model(small_config(vocab_size=tok.vocab_size)), path)
    tok.save(path)
    with serve(path, api_keys=[KEY], speculative=True, spec_max_batch=4, max_len=1024) as s:
        s.state.thinking_budgets["low"] = 4  # the server closes a thought after 4 tokens, then constrains the answer
        yield s


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=server.url + "/v1", api_key=KEY, max_retries=0, timeout=60)


def ask(client, messages=Q, **kw):
    return client.chat.completions.create(model="rigged", messages=messages, **kw)


def check_calls(calls, names=tuple(SCHEMAS)):
    assert calls
    for call in calls:
        assert call.type == "function" and call.id.startswith("call_") and call.function.name in names
        assert valid(json.loads(call.function.arguments), SCHEMAS[call.function.name]), call.function.arguments
    assert len({c.id for c in calls}) == len(calls)


def test_json_schema_answers_parse_and_validate(client):
    fmt = {"type": "json_schema", "json_schema": {"name": "person", "schema": SCHEMA, "strict": True}}
    for thinking in (OFF, {"reasoning_effort": "low"}):  # the answer after a thought the server closed, too
        r = ask(client, response_format=fmt, n=6, temperature=1, seed=1, max_tokens=200, extra_body=thinking)
        for choice in r.choices:
            assert choice.finish_reason == "stop", choice
            assert valid(json.loads(choice.message.content), SCHEMA), choice.message.content


def test_json_object_answers_parse(client):
    r = ask(client, response_format={"type": "json_object"}, n=8, temperature=1, seed=2, max_tokens=300,
            extra_body=OFF)
    ended = [c for c in r.choices if c.finish_reason == "stop"]
    assert len(ended) >= 4  # the others ran into max_tokens inside a long string
    for choice in ended:
        assert isinstance(json.loads(choice.message.content), dict), choice.message.content


def test_required_tool_calls_parallel_and_streamed_as_the_client_assembles_them(client):
    kw = dict(tools=TOOLS, tool_choice="required", temperature=1, seed=5, max_tokens=200, extra_body=OFF)
    whole = ask(client, **kw)
    assert whole.choices[0].finish_reason == "tool_calls"
    calls = whole.choices[0].message.tool_calls
    check_calls(calls)
    state = ChatCompletionStreamState()
    chunks = 0
    for chunk in ask(client, stream=True, **kw):
        state.handle_chunk(chunk)
        chunks += 1
    streamed = state.get_final_completion().choices[0]
    assert streamed.finish_reason == "tool_calls" and chunks > len(calls) + 2  # arguments came in pieces
    assert [(c.function.name, c.function.arguments) for c in streamed.message.tool_calls] == [
        (c.function.name, c.function.arguments) for c in calls]  # the same seed: the same calls
    many = ask(client, **{**kw, "n": 8, "seed": 11})
    assert max(len(c.message.tool_calls) for c in many.choices) > 1  # parallel calls in one message
    for c in many.choices:  # every call parses, but the last of a choice that max_tokens cut (as OpenAI's API)
        assert c.finish_reason in ("tool_calls", "length"), c
        complete = c.message.tool_calls[:-1] if c.finish_reason == "length" else c.message.tool_calls
        if complete:
            check_calls(complete)
    assert sum(c.finish_reason == "tool_calls" for c in many.choices) >= len(many.choices) // 2


@pytest.mark.parametrize("thinking", [OFF, {"reasoning_effort": "low"}])
def test_named_tool_choice_calls_that_function_once(client, thinking):
    """Thinking on, the calls come after the thought (here closed by the server when its budget ran out)."""
    r = ask(client, tools=TOOLS, tool_choice={"type": "function", "function": {"name": "get_time"}}, n=4,
            temperature=1, seed=3, max_tokens=200, extra_body=thinking)
    for choice in r.choices:
        assert choice.finish_reason == "tool_calls"
        assert [c.function.name for c in choice.message.tool_calls] == ["get_time"]
        check_calls(choice.message.tool_calls)
        assert (choice.message.reasoning_content is not None) == (thinking is not OFF)


def test_auto_calls_only_when_the_model_begins_them_and_none_never(client):
    r = ask(client, tools=TOOLS, n=8, temperature=1, seed=4, max_tokens=200, extra_body=OFF)
    called = [c for c in r.choices if c.message.tool_calls]
    assert called and len(called) < 8  # a random model sometimes begins calls, sometimes only writes
    done = [c for c in called if c.finish_reason == "tool_calls"]  # the others began them near max_tokens
    assert done
    for c in done:
        check_calls(c.message.tool_calls)
    assert all(c.finish_reason in ("stop", "length") for c in r.choices if not c.message.tool_calls)
    none = ask(client, tools=TOOLS, tool_choice="none", n=8, temperature=1, seed=4, max_tokens=150, extra_body=OFF)
    assert all(c.message.tool_calls is None and c.finish_reason in ("stop", "length") for c in none.choices)


def test_two_turn_tool_loop(server, client):
    first = ask(client, tools=TOOLS, tool_choice="required", temperature=1, seed=6, max_tokens=200,
                extra_body=OFF).choices[0].message
    history = Q + [first.model_dump(exclude_none=True)] + [
        {"role": "tool", "tool_call_id": c.id, "content": json.dumps({"temp": 21})} for c in first.tool_calls]
    second = ask(client, history, tools=TOOLS, tool_choice="none", temperature=0, max_tokens=8, extra_body=OFF)
    assert second.choices[0].message.tool_calls is None
    tok = server.state.tokenizer
    template = [{k: v for k, v in m.items() if k in ("role", "content", "tool_calls", "tool_call_id")}
                for m in history]
    template[1]["content"] = template[1].get("content") or ""
    ids = tok.apply_chat_template(template, add_generation_prompt=True, thinking=False, tools=TOOLS)
    assert second.usage.prompt_tokens == len(ids)  # the calls and their results are in the prompt
    assert tok.decode(ids).count("<｜tool▁output▁begin｜>") == len(first.tool_calls)


@pytest.mark.parametrize("kw, param", [
    ({"tools": TOOLS, "tool_choice": {"type": "function", "function": {"name": "nope"}}}, "tool_choice.function.name"),
    ({"tools": TOOLS, "tool_choice": "sometimes"}, "tool_choice"),
    ({"tool_choice": "auto"}, "tool_choice"),
    ({"tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "no-such-type"}}}]}, "tools"),
    ({"tools": [{"type": "function", "function": {"name": "bad name!"}}]}, "tools[0].function.name"),
    ({"response_format": {"type": "yaml"}}, "response_format.type"),
    ({"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": 7}}}},
     "response_format.json_schema"),
    ({"response_format": {"type": "json_schema", "json_schema": {"name": "x"}}}, "response_format.json_schema"),
])
def test_bad_tools_and_formats_are_400s_and_the_server_keeps_serving(client, kw, param):
    with pytest.raises(openai.BadRequestError) as e:
        ask(client, max_tokens=4, **kw)
    error = e.value.body
    assert error["type"] == "invalid_request_error" and error["param"] == param, error
    assert ask(client, max_tokens=2, temperature=0).choices[0].finish_reason == "length"


def test_tools_need_a_tokenizer_with_the_tool_call_tokens(server, client, monkeypatch):
    monkeypatch.setattr(server.state.tokenizer, "has_tools", False)  # as one trained before they were added
    with pytest.raises(openai.BadRequestError, match="no tool-call tokens") as e:
        ask(client, tools=TOOLS, max_tokens=4)
    assert e.value.body["param"] == "tools"
