"""DeepSeek's thinking switch, reasoning_effort budgets and chat prefix completion, through the official `openai`
client against a live server on 127.0.0.1; stop strings inside an open thought on /v1/completions.

The rigged model answers every chat `<think>\\n` + REASONING + `</think>` + ANSWER + EOS, each token chosen by
the one before it (a bigram rig), so whatever the server puts in the prompt decides what follows."""

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
import openai
import pytest
from helpers import random_model, small_config
from servers import ANSWER, REASONING, pieces, rigged_checkpoint, serve, tokenizer

import nanoseek
from nanoseek.tokenizer import ASSISTANT, THINK, THINK_END

KEY = "sk-think"
Q = [{"role": "user", "content": "What is 2 + 2?"}]

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(rigged_checkpoint(tmp_path_factory.mktemp("rigged")), api_keys=[KEY]) as s:
        s.state.thinking_budgets["low"] = 3  # a budget the rigged thought (5-6 tokens) overruns
        yield s


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=server.url + "/v1", api_key=KEY, max_retries=0, timeout=30)


def ask(client, messages=Q, **kw):
    return client.chat.completions.create(model="rigged", messages=messages, **kw)


def test_thinking_enabled_and_disabled(server, client):
    on = ask(client, temperature=0, extra_body={"thinking": {"type": "enabled"}})
    assert (on.choices[0].message.reasoning_content, on.choices[0].message.content) == (REASONING, ANSWER)
    off = ask(client, temperature=0, extra_body={"thinking": {"type": "disabled"}})
    msg = off.choices[0].message
    assert msg.content == ANSWER and msg.reasoning_content is None  # the empty thought: it answers at once
    assert off.usage.completion_tokens_details.reasoning_tokens == 0
    assert off.usage.completion_tokens == len(server.state.tokenizer.encode(ANSWER)) + 1  # + EOS
    # the prompt of each mode, as the template renders it
    tok = server.state.tokenizer
    assert tok.decode(tok.apply_chat_template(Q, add_generation_prompt=True, thinking=False)).endswith(
        ASSISTANT + THINK + THINK_END)
    stream = ask(client, temperature=0, stream=True, extra_body={"thinking": {"type": "disabled"}})
    deltas = [c.choices[0].delta for c in stream if c.choices]
    assert "".join(d.content or "" for d in deltas) == ANSWER
    assert not any(getattr(d, "reasoning_content", None) for d in deltas)


def test_thinking_mode_ignores_temperature_and_penalties(tmp_path):
    """A random model: greedy (temperature 0) gives one text whatever the seed, unless thinking mode's own
    sampling replaces the request's temperature and penalties."""
    path = tmp_path / "random"
    tok = tokenizer()
    nanoseek.save(random_model(small_config(vocab_size=tok.vocab_size)), path)
    tok.save(path)
    with serve(path, api_keys=[KEY]) as s:
        c = openai.OpenAI(base_url=s.url + "/v1", api_key=KEY, max_retries=0, timeout=30)
        greedy = dict(temperature=0, presence_penalty=0, max_tokens=8)
        said = lambda seed, **kw: ask(c, seed=seed, **greedy, **kw).choices[0].message.reasoning_content  # noqa: E731
        assert len({said(seed) for seed in range(4)}) == 1  # nothing said of thinking: greedy, as asked
        assert len({said(seed, extra_body={"thinking": {"type": "enabled"}}) for seed in range(4)}) > 1
        assert len({said(seed, reasoning_effort="high") for seed in range(4)}) > 1


@pytest.mark.parametrize("stream", [False, True])
def test_reasoning_effort_budget_closes_the_thought_and_the_model_answers(server, client, stream):
    words = pieces(server, REASONING)
    r = ask(client, reasoning_effort="low", seed=1, stream=stream,
            **({"stream_options": {"include_usage": True}} if stream else {}))
    if stream:
        chunks = list(r)
        deltas = [c.choices[0].delta for c in chunks if c.choices]
        reasoning = "".join(getattr(d, "reasoning_content", None) or "" for d in deltas)
        content = "".join(d.content or "" for d in deltas)
        finish = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
        usage = chunks[-1].usage
    else:
        reasoning, content = r.choices[0].message.reasoning_content, r.choices[0].message.content
        finish, usage = [r.choices[0].finish_reason], r.usage
    assert reasoning == "".join(words[:3])  # the low budget: 3 thinking tokens, then </think> from the server
    assert content == ANSWER and finish == ["stop"]
    assert usage.completion_tokens_details.reasoning_tokens == 4  # 3 + </think>
    assert usage.completion_tokens == 4 + len(pieces(server, ANSWER)) + 1
    # "max" has no budget of its own; "high" is more than the thought needs
    for effort in ("high", "max"):
        full = ask(client, reasoning_effort=effort, seed=1).choices[0].message
        assert (full.reasoning_content, full.content) == (REASONING, ANSWER)


def test_an_answer_past_the_budget_is_not_cut(server, client):
    """The thought closes inside the budget (a prefix left the last tokens of it), the answer runs past it."""
    words = pieces(server, REASONING)
    messages = Q + [{"role": "assistant", "content": "", "reasoning_content": "".join(words[:4]), "prefix": True}]
    for stream in (False, True):
        r = ask(client, messages, reasoning_effort="low", seed=1, stream=stream)
        if stream:
            deltas = [c.choices[0].delta for c in r if c.choices]
            got = ("".join(getattr(d, "reasoning_content", None) or "" for d in deltas),
                   "".join(d.content or "" for d in deltas))
        else:
            got = (r.choices[0].message.reasoning_content, r.choices[0].message.content)
        assert got == ("".join(words[4:]), ANSWER), stream


def test_every_choice_of_n_gets_its_thought_closed(server, client):
    r = ask(client, reasoning_effort="low", seed=1, n=3)
    assert [(c.message.reasoning_content, c.message.content) for c in r.choices] == \
        [("".join(pieces(server, REASONING)[:3]), ANSWER)] * 3
    assert r.usage.completion_tokens_details.reasoning_tokens == 3 * 4


def test_max_tokens_still_bounds_reasoning_plus_answer(server, client):
    r = ask(client, reasoning_effort="low", seed=1, max_tokens=5)  # 3 thinking + </think> + 1 answer token
    assert r.choices[0].message.content == pieces(server, ANSWER)[0] and r.choices[0].finish_reason == "length"
    assert r.usage.completion_tokens == 5
    r = ask(client, reasoning_effort="low", seed=1, max_tokens=4)  # room for the thought and its close only
    assert r.choices[0].message.content == "" and r.choices[0].finish_reason == "length"


def test_prefix_completion_continues_the_assistant_message(server, client):
    words = pieces(server, ANSWER)
    begun = "".join(words[:2])  # "# It"
    for thinking in ({"type": "disabled"}, {"type": "enabled"}, None):
        messages = Q + [{"role": "assistant", "content": begun, "prefix": True}]
        r = ask(client, messages, temperature=0, extra_body={"thinking": thinking} if thinking else {})
        assert r.choices[0].message.content == "".join(words[2:]), thinking  # continued, not answered
        assert not r.choices[0].message.reasoning_content
    # a thought begun: it is continued, closed by the model, and answered
    thought = "".join(pieces(server, REASONING)[:2])
    messages = Q + [{"role": "assistant", "content": "", "reasoning_content": thought, "prefix": True}]
    m = ask(client, messages, temperature=0).choices[0].message
    assert (m.reasoning_content, m.content) == ("".join(pieces(server, REASONING)[2:]), ANSWER)
    chunks = list(ask(client, Q + [{"role": "assistant", "content": begun, "prefix": True}], temperature=0,
                      stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "".join(words[2:])


@pytest.mark.parametrize("extra, param", [
    ({"thinking": {"type": "auto"}}, "thinking.type"),
    ({"thinking": {"type": "enabled"}, "reasoning_effort": "extreme"}, "reasoning_effort"),
    ({"thinking": {"type": "disabled"}, "reasoning_effort": "low"}, "reasoning_effort"),
    ({"messages": [{"role": "user", "content": "hi", "prefix": True}]}, "messages[0].prefix"),
    ({"messages": [{"role": "assistant", "content": "a", "prefix": True}, {"role": "user", "content": "b"}]},
     "messages[0].prefix"),
    ({"thinking": {"type": "disabled"},
      "messages": Q + [{"role": "assistant", "content": "", "reasoning_content": "x", "prefix": True}]},
     "messages[1].reasoning_content"),
])
def test_bad_thinking_and_prefix_are_400s_and_the_server_keeps_serving(client, extra, param):
    messages = extra.pop("messages", Q)
    with pytest.raises(openai.BadRequestError) as e:
        ask(client, messages, extra_body=extra)
    assert e.value.status_code == 400 and e.value.body["param"] == param
    assert set(e.value.body) == {"message", "type", "param", "code"}
    assert ask(client, temperature=0).choices[0].message.content == ANSWER


def test_completions_stop_strings_wait_for_the_end_of_an_open_thought(server, client):
    """As on chat: a prompt that opens <think> has its stop strings matched after </think> only."""
    tok = server.state.tokenizer
    prompt = tok.decode(tok.apply_chat_template(Q, add_generation_prompt=True))  # text ending "<think>\n"
    for stream in (False, True):
        for stop, text, finish in ((["add", "\n"], f"{REASONING}{THINK_END}{ANSWER}", "stop"),
                                   (["four"], f"{REASONING}{THINK_END}# It is ", "stop")):
            r = client.completions.create(model="rigged", prompt=prompt, stop=stop, max_tokens=40, temperature=0,
                                          stream=stream)
            if stream:
                chunks = [c.choices[0] for c in r if c.choices]
                got, reasons = "".join(c.text for c in chunks), [c.finish_reason for c in chunks if c.finish_reason]
                assert len(reasons) == 1
                reason = reasons[0]
            else:
                got, reason = r.choices[0].text, r.choices[0].finish_reason
            assert (got, reason) == (text, finish), (stop, stream)
    # a prompt without an open thought: the engine matches stops as before
    plain = client.completions.create(model="rigged", prompt=f"{THINK}x{THINK_END}{REASONING}", stop=["four"],
                                      max_tokens=20, temperature=0)
    assert (plain.choices[0].text, plain.choices[0].finish_reason) == (f"{THINK_END}# It is ", "stop")
    raw = httpx.post(server.url + "/v1/completions", headers={"Authorization": f"Bearer {KEY}"},
                     json={"model": "rigged", "prompt": prompt, "stop": ["add"], "max_tokens": 40, "temperature": 0})
    assert raw.status_code == 200 and raw.json()["choices"][0]["text"].startswith(REASONING)
