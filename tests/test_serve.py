"""The OpenAI-compatible server, driven by the official `openai` client and raw HTTP on 127.0.0.1."""

import json
import time

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
import openai
import pytest
import torch
from helpers import random_model, small_config
from servers import ANSWER, REASONING, LiveServer, rigged_checkpoint, serve, tokenizer

import nanoseek
from nanoseek.engine import Engine
from nanoseek.serve.app import ServerState
from nanoseek.tokenizer import THINK_END, Tokenizer

KEY = "sk-test-123"


pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def rigged(tmp_path_factory):
    return rigged_checkpoint(tmp_path_factory.mktemp("rigged"))


@pytest.fixture(scope="module")
def server(rigged):
    with serve(rigged, api_keys=[KEY], speculative=True) as s:  # drafts whether or not they pay here
        yield s


@pytest.fixture(scope="module")
def random_ckpt(tmp_path_factory):
    """A random (untrained) model: real logprobs, and it does not stop by itself."""
    path = tmp_path_factory.mktemp("random")
    tok = tokenizer()
    nanoseek.save(random_model(small_config(vocab_size=tok.vocab_size)), path)
    tok.save(path)
    return path


def client(server, key=KEY):
    return openai.OpenAI(base_url=server.url + "/v1", api_key=key, max_retries=0, timeout=30)


def ask(c, **kw):
    return c.chat.completions.create(model="rigged", messages=[{"role": "user", "content": "What is 2 + 2?"}],
                                      temperature=0, **kw)


def test_chat_returns_reasoning_content_and_usage(server):
    tok = server.state.tokenizer
    r = ask(client(server))
    msg = r.choices[0].message
    assert msg.content == ANSWER and msg.reasoning_content == REASONING
    assert r.choices[0].finish_reason == "stop" and r.object == "chat.completion"
    prompt = tok.apply_chat_template([{"role": "user", "content": "What is 2 + 2?"}], add_generation_prompt=True)
    reasoning = len(tok.encode(REASONING)) + 1  # its tokens and </think>
    completion = reasoning + len(tok.encode(ANSWER)) + 1  # + the answer and EOS
    u = r.usage
    assert (u.prompt_tokens, u.completion_tokens, u.total_tokens) == (len(prompt), completion, len(prompt) + completion)
    assert u.completion_tokens_details.reasoning_tokens == reasoning
    assert u.model_extra["prompt_cache_hit_tokens"] + u.model_extra["prompt_cache_miss_tokens"] == len(prompt)


def test_chat_stream_sends_reasoning_then_content_then_usage(server):
    chunks = list(ask(client(server), stream=True, stream_options={"include_usage": True}))
    kinds = []
    for c in chunks[:-1]:
        d = c.choices[0].delta
        kinds += ["reasoning"] * bool(getattr(d, "reasoning_content", None)) + ["content"] * bool(d.content)
    assert kinds and kinds == sorted(kinds, key=lambda k: k != "reasoning")  # all reasoning, then all content
    assert "".join(getattr(c.choices[0].delta, "reasoning_content", None) or "" for c in chunks[:-1]) == REASONING
    assert "".join(c.choices[0].delta.content or "" for c in chunks[:-1]) == ANSWER
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0
    assert server.state.engine.stats.accepted > 0  # the rigged MTP module's drafts were accepted


def test_api_key_is_required(server):
    with pytest.raises(openai.AuthenticationError) as e:
        ask(client(server, key="wrong"))
    assert e.value.status_code == 401 and e.value.body["code"] == "invalid_api_key"
    r = httpx.get(server.url + "/v1/models")
    assert r.status_code == 401 and set(r.json()["error"]) == {"message", "type", "param", "code"}
    assert httpx.get(server.url + "/health").status_code == 200  # health checks need no key


def test_error_objects_through_the_client(server):
    c = client(server)
    with pytest.raises(openai.NotFoundError) as e:
        c.chat.completions.create(model="gpt-9", messages=[{"role": "user", "content": "hi"}])
    assert e.value.body["code"] == "model_not_found" and e.value.body["param"] == "model"
    with pytest.raises(openai.BadRequestError) as e:
        c.chat.completions.create(model="rigged", messages=[{"role": "user", "content": "hi"}], max_tokens=10**6)
    assert e.value.body["param"] == "max_tokens"
    with pytest.raises(openai.UnprocessableEntityError):
        c.chat.completions.create(model="rigged", messages=[{"role": "user", "content": "hi"}], temperature=5)


BAD = [
    (b'{"model": "rigged", "messages": [', 400, "invalid_json"),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "\xff\xfe"}]}', 400, "invalid_encoding"),
    (b'[1, 2]', 400, "invalid_json"),
    (b'{"model": "rigged", "messages": "hi"}', 422, None),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "hi"}], "max_tokens": "ten"}', 422, None),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "hi"}], "max_tokens": -5}', 422, None),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 99999999}', 400, None),
    (b'{"model": "nope", "messages": [{"role": "user", "content": "hi"}]}', 404, "model_not_found"),
    (b'{"model": "rigged", "messages": []}', 400, None),
    (b'{"model": "rigged", "messages": [{"role": "tool", "content": "hi"}]}', 400, None),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "a", "reasoning_content": "b"}]}', 400, None),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "hi"}], "n": 1000}', 400, None),
    (b'{"model": "rigged", "messages": [{"role": "user", "content": "' + b"x" * (2 << 20) + b'"}]}', 413,
     "request_too_large"),
]


@pytest.mark.parametrize("body,status,code", BAD)
def test_bad_input_gets_its_4xx_and_the_server_keeps_serving(server, body, status, code):
    headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
    r = httpx.post(server.url + "/v1/chat/completions", content=body, headers=headers, timeout=30)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["message"]
    if code:
        assert error["code"] == code
    assert ask(client(server), max_tokens=3).choices[0].finish_reason == "length"


def test_unknown_route_and_method_are_openai_shaped(server):
    r = httpx.get(server.url + "/v1/nothing")
    assert r.status_code == 404 and "error" in r.json()
    assert httpx.get(server.url + "/v1/chat/completions").status_code == 405


def test_models_health_tokenize_and_metrics(server):
    h = {"Authorization": f"Bearer {KEY}"}
    models = httpx.get(server.url + "/v1/models", headers=h).json()
    assert models["object"] == "list" and models["data"][0]["id"] == "rigged"
    assert httpx.get(server.url + "/health").json()["status"] == "ok"
    ids = httpx.post(server.url + "/tokenize", headers=h, json={"prompt": "hello world"}).json()["tokens"]
    assert ids == server.state.tokenizer.encode("hello world", bos=True)
    text = httpx.post(server.url + "/detokenize", headers=h, json={"tokens": ids[1:]}).json()["prompt"]
    assert text == "hello world"
    ask(client(server), max_tokens=2)
    m = httpx.get(server.url + "/metrics", headers=h).text
    for series in ("nanoseek_generation_tokens_total", "nanoseek_kv_cache_usage_ratio", "nanoseek_batch_size",
                   "nanoseek_time_to_first_token_seconds_bucket", 'nanoseek_requests_total{finish_reason="length"}',
                   "nanoseek_spec_accepted_tokens_total",
                   'nanoseek_http_requests_total{path="/v1/chat/completions",status="200"}'):
        assert series in m
    generated = float(next(line.split()[-1] for line in m.splitlines()
                           if line.startswith("nanoseek_generation_tokens_total")))
    assert generated >= 2


def test_stop_n_seed_and_logprobs(server):
    c = client(server)
    r = ask(c, stop=["four"])
    assert r.choices[0].message.content == "# It is " and r.choices[0].finish_reason == "stop"
    r = ask(c, n=3, logprobs=True, top_logprobs=2, seed=7)
    assert [ch.index for ch in r.choices] == [0, 1, 2] and all(ch.message.content == ANSWER for ch in r.choices)
    entries = r.choices[0].logprobs.content
    assert len(entries) == r.usage.completion_tokens // 3 and len(entries[0].top_logprobs) == 2
    assert entries[0].logprob == pytest.approx(entries[0].top_logprobs[0].logprob)


def test_completions_echo_gives_prompt_logprobs(random_ckpt):
    """What lm-evaluation-harness' local-completions sends for loglikelihood requests."""
    with serve(random_ckpt) as s:
        tok = s.state.tokenizer
        prompt = "hello world, how are"
        r = httpx.post(s.url + "/v1/completions", json={"model": "rigged", "prompt": prompt, "max_tokens": 1,
                                                         "temperature": 0, "logprobs": 1, "echo": True}).json()
        ids = tok.encode(prompt, bos=True)
        lp = r["choices"][0]["logprobs"]
        # the BOS the server added is not echoed: the first prompt token is scored after it
        assert r["choices"][0]["text"].startswith(prompt) and len(lp["tokens"]) == len(ids) - 1 + 1
        model = nanoseek.load(random_ckpt, device="cpu")
        with torch.no_grad():
            ref = model(torch.tensor([ids]))[0].log_softmax(-1)
        want = [float(ref[i - 1, ids[i]]) for i in range(1, len(ids))]
        assert lp["token_logprobs"][:len(ids) - 1] == pytest.approx(want, abs=1e-4)
        assert all(len(t) == 1 for t in lp["top_logprobs"])
        c = openai.OpenAI(base_url=s.url + "/v1", api_key="none", max_retries=0)
        out = c.completions.create(model="rigged", prompt=[ids, ids[:3]], max_tokens=4, temperature=0)
        assert len(out.choices) == 2 and out.usage.completion_tokens == 8


def test_16_concurrent_clients_get_the_outputs_of_one_at_a_time(random_ckpt):
    """Greedy, through the server: 16 clients at once (batched, joining and leaving) = one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    with serve(random_ckpt, max_batch=8) as s:
        c = openai.OpenAI(base_url=s.url + "/v1", api_key="none", max_retries=0, timeout=60)

        def run(i: int) -> str:
            r = c.chat.completions.create(model="rigged", messages=[{"role": "user", "content": f"question {i}"}],
                                          temperature=0, max_tokens=8 + i)
            return r.choices[0].message.reasoning_content + r.choices[0].message.content

        alone = [run(i) for i in range(16)]
        with ThreadPoolExecutor(16) as pool:
            together = list(pool.map(run, range(16)))
        assert together == alone and len(set(alone)) > 1
        assert s.state.engine.stats.cached_tokens > 0  # prefix reuse was in play, and changed nothing


def test_queue_full_is_429_and_loading_is_503(rigged):
    state = ServerState(model_name="rigged")
    with LiveServer(state) as s:
        body = {"model": "rigged", "messages": [{"role": "user", "content": "hi"}]}
        r = httpx.post(s.url + "/v1/chat/completions", json=body)
        assert r.status_code == 503 and r.json()["error"]["code"] == "model_loading"
        assert httpx.get(s.url + "/health").status_code == 503
        tok = Tokenizer.load(rigged)
        state.attach(Engine(nanoseek.load(rigged, device="cpu"), tok, max_batch=1, max_len=256, threads=1), tok)
        assert httpx.post(s.url + "/v1/chat/completions", json=body).status_code == 200
        state.engine.max_waiting = 0
        r = httpx.post(s.url + "/v1/chat/completions", json=body)
        assert r.status_code == 429 and r.json()["error"]["type"] == "rate_limit_error"


def test_client_disconnect_cancels_the_request(random_ckpt):
    with serve(random_ckpt) as s:
        # greedy, this prompt runs the full 200 tokens (no EOS): only the disconnect can end it early
        body = {"model": "rigged", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 200, "stream": True,
                "temperature": 0}
        with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, timeout=30) as r:
            lines = r.iter_lines()
            assert next(lines).startswith("data: ")
        stats = s.state.engine.stats
        deadline = time.monotonic() + 10
        while stats.finished_by_reason["cancelled"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stats.finished_by_reason["cancelled"] == 1 and stats.generated_tokens < 200


def test_terminal_chat(rigged):
    import io

    from nanoseek.engine import SamplingParams
    from nanoseek.serve.chat_cli import chat

    tok = Tokenizer.load(rigged)
    engine = Engine(nanoseek.load(rigged, device="cpu"), tok, max_batch=1, max_len=256, threads=1)
    out = io.StringIO()
    messages = chat(engine, tok, SamplingParams(temperature=0, max_tokens=50, stop_token_ids=(tok.eos_id,)),
                    stdin=io.StringIO("What is 2 + 2?\nand now?\n/think off\nno thought?\n/exit\n"), stdout=out)
    text = out.getvalue()
    assert f"thinking: {REASONING}\nassistant> {ANSWER}" in text
    assert [m["role"] for m in messages] == ["user", "assistant"] * 3 and messages[-1]["content"] == ANSWER
    last = text.split("(thinking off)")[1]  # the empty thought: the answer comes at once
    assert f"assistant> {ANSWER}" in last and "thinking:" not in last


def test_sse_lines_are_plain_json(server):
    """Raw stream framing: `data: {json}` events, `data: [DONE]` last, nothing else."""
    body = {"model": "rigged", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    with httpx.stream("POST", server.url + "/v1/chat/completions", json=body,
                      headers={"Authorization": f"Bearer {KEY}"}) as r:
        events = [line for line in r.iter_lines() if line]
    assert events[-1] == "data: [DONE]"
    for e in events[:-1]:
        chunk = json.loads(e.removeprefix("data: "))
        assert chunk["object"] == "chat.completion.chunk"
    assert THINK_END not in "".join(events)


def test_sigterm_drains_open_requests_then_exits(random_ckpt, tmp_path):
    """`nanoseek serve` in its own process (API keys from the environment and a limits file, a metrics key):
    SIGTERM mid-stream, the stream still ends whole, then it exits."""
    import os
    import signal
    import subprocess
    import sys

    from servers import free_port

    from nanoseek.engine import SamplingParams

    tok = Tokenizer.load(random_ckpt)
    messages = [{"role": "user", "content": "hello"}]
    expected = Engine(nanoseek.load(random_ckpt, device="cpu"), tok, max_batch=1, max_len=256).submit(
        tok.apply_chat_template(messages, add_generation_prompt=True),
        SamplingParams(temperature=0, max_tokens=80, stop_token_ids=(tok.eos_id,))).result()
    assert len(expected.output_ids) >= 20
    port = free_port()
    launcher = ("import argparse, sys; from nanoseek.serve.commands import add_commands; "
                "p = argparse.ArgumentParser(); add_commands(p.add_subparsers()); a = p.parse_args(); a.fn(a)")
    limits = tmp_path / "limits.json"
    limits.write_text(json.dumps({"default": {"max_concurrent": 2}, "keys": {"sk-file": {"tokens_per_minute": 50}}}))
    proc = subprocess.Popen([sys.executable, "-c", launcher, "serve", "--model", str(random_ckpt), "--port",
                             str(port), "--log-level", "warning", "--max-len", "256", "--no-compile",
                             "--limits", str(limits), "--metrics-key", "sk-prom", "--request-timeout", "60",
                             "--max-queue", "3"],
                            env={**os.environ, "NANOSEEK_API_KEY": "sk-env-1, sk-env-2"})
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "the server did not come up"
            time.sleep(0.1)
        assert httpx.get(url + "/v1/models").status_code == 401
        auth = {"Authorization": "Bearer sk-env-2"}
        assert httpx.get(url + "/v1/models", headers=auth).status_code == 200
        file_key = {"Authorization": "Bearer sk-file"}  # the limits file's keys are accepted, with their limits
        assert httpx.get(url + "/v1/models", headers=file_key).status_code == 200
        r = httpx.post(url + "/v1/chat/completions", headers=file_key, timeout=30,
                       json={"model": random_ckpt.name, "messages": messages, "max_tokens": 60})
        assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limit_tokens"  # prompt + 60 > 50
        assert httpx.get(url + "/metrics", headers={"Authorization": "Bearer sk-prom"}).status_code == 200
        assert httpx.get(url + "/metrics").status_code == 401
        body = {"model": random_ckpt.name, "messages": messages, "max_tokens": 80, "temperature": 0, "stream": True}
        reasoning, after_term = "", 0
        with httpx.stream("POST", url + "/v1/chat/completions", json=body, headers=auth, timeout=60) as r:
            for line in r.iter_lines():
                if not line.startswith("data: {"):
                    continue
                if not reasoning and after_term == 0:
                    proc.send_signal(signal.SIGTERM)  # right after the first chunk
                after_term += 1
                delta = json.loads(line[6:])["choices"][0]["delta"]
                reasoning += delta.get("reasoning_content") or delta.get("content") or ""
        assert reasoning == expected.text and after_term > 3  # the open stream finished whole
        # uvicorn re-raises the signal once it has drained, so the exit status says "ended by SIGTERM"
        assert proc.wait(timeout=60) in (0, -signal.SIGTERM)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_fill_in_the_middle_through_the_client(random_ckpt):
    """completions.create(suffix=...): the model reads prefix and suffix in PSM order around the FIM tokens and
    writes the middle (the same greedy tokens as the model itself on that prompt); misuse is a 400."""
    from nanoseek.tokenizer import fim_text

    prefix, suffix = "def f(x):\n    return", "\n\nprint(f(2))\n"
    with serve(random_ckpt) as s:
        tok = s.state.tokenizer
        c = openai.OpenAI(base_url=s.url + "/v1", api_key="none", max_retries=0)
        r = c.completions.create(model="rigged", prompt=prefix, suffix=suffix, max_tokens=6, temperature=0,
                                 logprobs=0)
        ids = tok.encode(fim_text(prefix, suffix), bos=True)
        assert tok.has_fim and r.usage.prompt_tokens == len(ids)
        model = nanoseek.load(random_ckpt, device="cpu")
        out = []
        with torch.no_grad():
            while len(out) < 6 and (not out or out[-1] != tok.eos_id):
                out.append(int(model(torch.tensor([ids + out]))[0, -1].argmax()))
        assert r.choices[0].logprobs.tokens == [tok.decode([t]) for t in out if t != tok.eos_id]
        for bad in (dict(prompt=prefix, suffix=suffix, echo=True), dict(prompt=[prefix, prefix], suffix=suffix)):
            with pytest.raises(openai.BadRequestError):
                c.completions.create(model="rigged", max_tokens=2, **bad)
        with pytest.raises(openai.BadRequestError, match="completions"):
            c.chat.completions.create(model="rigged", messages=[{"role": "user", "content": "hi"}], max_tokens=2,
                                      extra_body={"suffix": "x"})
        assert c.completions.create(model="rigged", prompt=prefix, max_tokens=2).usage.completion_tokens == 2


def test_terminal_chat_shows_tool_calls_and_takes_their_results(rigged):
    """`nanoseek chat --tools`: a forced call streams as `tool call> name(args)` (arguments under the schema), the
    next line is its result, then the model goes on; /tools auto lets the rig answer."""
    import io

    from test_grammar import valid
    from test_serve_tools import SCHEMAS, WEATHER

    from nanoseek.engine import SamplingParams
    from nanoseek.serve.chat_cli import chat

    tok = Tokenizer.load(rigged)
    engine = Engine(nanoseek.load(rigged, device="cpu"), tok, max_batch=1, max_len=1024, threads=1)
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER}}]
    params = SamplingParams(temperature=1, max_tokens=200, stop_token_ids=(tok.eos_id,), seed=3)
    script = "Weather in Paris?\n/tools auto\n" + "21 C\n" * 8 + "/exit\n"  # spare results: later lines are turns
    out = io.StringIO()
    messages = chat(engine, tok, params, stdin=io.StringIO(script), stdout=out, tools=tools, tool_choice="required")
    text = out.getvalue()
    assert [m["role"] for m in messages[:2]] == ["user", "assistant"]
    calls = messages[1]["tool_calls"]
    assert calls and all(c["function"]["name"] == "get_weather" for c in calls)
    for c in calls:
        assert valid(json.loads(c["function"]["arguments"]), SCHEMAS["get_weather"])
        assert f"tool call> get_weather({c['function']['arguments']})" in text
    # the prompt asks for each result (and again after the /tools line, typed at the first one)
    assert text.count("result of get_weather> ") == len(calls) + 1 and "(tool choice auto)" in text
    n = len(calls)
    assert [m["role"] for m in messages[2:2 + n]] == ["tool"] * n
    assert [m["tool_call_id"] for m in messages[2:2 + n]] == [c["id"] for c in calls]
    assert messages[2 + n] == {"role": "assistant", "content": ANSWER}  # the model went on, and answered
    assert f"thinking: {REASONING}\nassistant> {ANSWER}" in text
    with pytest.raises(ValueError, match="tool_choice"):  # refused as the server refuses it
        chat(engine, tok, params, stdin=io.StringIO("/exit\n"), stdout=io.StringIO(), tools=tools,
             tool_choice="sometimes")
