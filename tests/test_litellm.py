"""litellm's `deepseek/` provider pointed at a live server on 127.0.0.1 (its api_base): DeepSeek's reasoning_content
and tool calls come through its non-streamed responses and its assembled streams.

litellm fetches a model price list at import unless told to use its bundled copy (LITELLM_LOCAL_MODEL_COST_MAP,
LITELLM_OFFLINE_MODE); every connection it opens is recorded, and any that is not to 127.0.0.1 fails the test."""

import importlib.util
import json
import socket

import pytest
from servers import ANSWER, REASONING, rigged_checkpoint, serve
from test_grammar import valid
from test_serve_tools import SCHEMAS, WEATHER

pytestmark = [pytest.mark.usefixtures("one_thread"),
              pytest.mark.skipif(importlib.util.find_spec("litellm") is None, reason="litellm is in the test extra")]

KEY = "sk-litellm"
Q = [{"role": "user", "content": "What is 2 + 2?"}]
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather now", "parameters": WEATHER}}]


@pytest.fixture(scope="module")
def outside():
    """Addresses outside 127.0.0.1 that anything in the process tried to reach while litellm was in use."""
    tried, connect, resolve = [], socket.socket.connect, socket.getaddrinfo

    def local(host) -> bool:
        return host in ("127.0.0.1", "::1", "localhost")

    def guarded_connect(self, address):
        if isinstance(address, tuple) and not local(address[0]):
            tried.append(address)
            raise ConnectionRefusedError(f"the test allows no network: {address}")
        return connect(self, address)

    def guarded_resolve(host, *args, **kw):
        if not local(host):
            tried.append(host)
            raise socket.gaierror(f"the test allows no network: {host}")
        return resolve(host, *args, **kw)

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", guarded_connect)
    mp.setattr(socket, "getaddrinfo", guarded_resolve)
    mp.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # its bundled price list, not GitHub's
    mp.setenv("LITELLM_OFFLINE_MODE", "true")
    yield tried
    mp.undo()
    assert not tried, f"litellm tried to reach the network: {tried}"


@pytest.fixture(scope="module")
def litellm(outside):
    import litellm as module  # imported under the guard: what it does at import counts too

    return module


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(rigged_checkpoint(tmp_path_factory.mktemp("rigged")), api_keys=[KEY], max_len=1024) as s:
        yield s


@pytest.fixture(scope="module")
def ask(server, litellm):
    def ask(**kw):
        return litellm.completion(**{"model": f"deepseek/{server.state.model_name}", "api_base": server.url + "/v1",
                                     "api_key": KEY, "messages": Q, "max_tokens": 64, **kw})
    return ask


def assembled(litellm, stream):
    chunks = list(stream)
    assert len(chunks) > 2  # it streamed
    return litellm.stream_chunk_builder(chunks).choices[0]


def test_reasoning_content_comes_through(litellm, ask):
    for thinking in (dict(thinking={"type": "enabled"}), dict(reasoning_effort="low")):
        m = ask(**thinking).choices[0].message
        assert (m.reasoning_content, m.content) == (REASONING, ANSWER)
        streamed = assembled(litellm, ask(stream=True, **thinking))
        assert (streamed.message.reasoning_content, streamed.message.content) == (REASONING, ANSWER)
    off = ask(thinking={"type": "disabled"}).choices[0].message
    assert off.content == ANSWER and not getattr(off, "reasoning_content", None)


def test_tool_calls_come_through(litellm, ask):
    kw = dict(tools=TOOLS, tool_choice="required", seed=7, max_tokens=200)  # thinks first (the rig's thought)
    whole = ask(**kw).choices[0]
    assert whole.finish_reason == "tool_calls" and whole.message.reasoning_content == REASONING
    calls = whole.message.tool_calls
    assert calls and all(c.function.name == "get_weather" and c.id.startswith("call_") for c in calls)
    for c in calls:
        assert valid(json.loads(c.function.arguments), SCHEMAS["get_weather"]), c.function.arguments
    streamed = assembled(litellm, ask(stream=True, **kw))
    assert streamed.finish_reason == "tool_calls" and streamed.message.reasoning_content == REASONING
    assert [(c.function.name, c.function.arguments) for c in streamed.message.tool_calls] == [
        (c.function.name, c.function.arguments) for c in calls]  # the same seed: the same calls
    history = Q + [{"role": "assistant", "content": "", "tool_calls": [c.model_dump() for c in calls]}] + [
        {"role": "tool", "tool_call_id": c.id, "content": json.dumps({"temp": 21})} for c in calls]
    second = ask(messages=history, tools=TOOLS, thinking={"type": "disabled"}).choices[0]
    assert second.message.content == ANSWER and not second.message.tool_calls  # the rig answers, calls nothing



def test_a_thinking_conversation_under_a_reasoning_model_name(server, ask, monkeypatch):
    """Under a name litellm knows as a reasoning model, it sends earlier answers back with a reasoning_content
    (a placeholder when it has none): the server takes it, and leaves it out of the prompt as any earlier thought."""
    monkeypatch.setattr(server.state, "model_name", "deepseek-reasoner")
    first = ask(thinking={"type": "enabled"})
    assert first.model == "deepseek-reasoner" and first.choices[0].message.reasoning_content == REASONING
    history = Q + [{"role": "assistant", "content": first.choices[0].message.content},
                   {"role": "user", "content": "Why?"}]
    second = ask(messages=history, thinking={"type": "enabled"})
    assert (second.choices[0].message.reasoning_content, second.choices[0].message.content) == (REASONING, ANSWER)
    template = server.state.tokenizer.apply_chat_template(history, add_generation_prompt=True, thinking=True)
    assert second.usage.prompt_tokens == len(template)  # no reasoning of the earlier turn in the prompt
