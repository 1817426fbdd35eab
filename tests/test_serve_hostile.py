"""A server that hostile clients cannot hurt: every bad body a 4xx in the OpenAI shape on a connection that
stays usable, poisoned sampling values that fail no one, abandoned requests freed, per-key limits."""

import http.client
import json
import socket
import threading
import time

try:  # the openai client's HTTP library: httpx2 in its newer releases, httpx before
    import httpx2 as httpx
except ImportError:
    import httpx
import pytest
from helpers import random_model, small_config
from servers import ANSWER, REASONING, LiveServer, rigged_checkpoint, tokenizer

import nanoseek
from nanoseek.engine import Engine
from nanoseek.serve import completions
from nanoseek.serve.app import Limits, ServerState
from nanoseek.serve.limits import KeyLimits, Limiter, load_limits
from nanoseek.tokenizer import Tokenizer

KEY = "sk-hostile"
AUTH = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
HI = [{"role": "user", "content": "hi"}]

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def rigged(tmp_path_factory):
    return rigged_checkpoint(tmp_path_factory.mktemp("rigged"))


@pytest.fixture(scope="module")
def random_ckpt(tmp_path_factory):
    """A random model: it does not stop by itself, so only a cancel, a deadline or max_tokens ends it."""
    path = tmp_path_factory.mktemp("random")
    tok = tokenizer()
    nanoseek.save(random_model(small_config(vocab_size=tok.vocab_size)), path)
    tok.save(path)
    return path


def live(path, api_keys=(KEY,), limits=None, limiter=None, metrics_keys=(), step_sleep=0.0,
         **engine_kw) -> LiveServer:
    """A live server; step_sleep > 0 slows every engine step, so that timings do not hang on the machine's speed."""
    tok = Tokenizer.load(path)
    state = ServerState(model_name="m", api_keys=set(api_keys), limits=limits or Limits(),
                        limiter=limiter or Limiter(), metrics_keys=set(metrics_keys))
    engine_kw = {"max_batch": 4, "max_len": 256, "threads": 1, **engine_kw}
    engine = Engine(nanoseek.load(path, device="cpu"), tok, **engine_kw)
    if step_sleep:
        step = engine.step
        engine.step = lambda: (time.sleep(step_sleep), step())
    state.attach(engine, tok)
    return LiveServer(state)


@pytest.fixture(scope="module")
def server(rigged):
    with live(rigged) as s:
        yield s


def post(s, body, path="/v1/chat/completions", headers=AUTH, timeout=60):
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(s.url + path, content=content, headers=headers, timeout=timeout)


def chat(**kw) -> dict:
    return {"model": "m", "messages": HI, **kw}


def assert_openai_error(r, status, param=None, code=None):
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["message"]
    if param is not None:
        assert error["param"] == param, error
    if code is not None:
        assert error["code"] == code, error
    return error


# ---- validation -------------------------------------------------------------------------------------------

RAW_BAD = [  # (body, status, param, code): each valid JSON or close to it, each once a 500 or accepted
    (b'{"model": "m", "messages": [{"role": "user", "content": "\\ud800"}]}', 400, "messages.0.content",
     "invalid_string"),
    (b'{"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "a\\udfff"}]}]}', 400,
     "messages.0.content.0.text", "invalid_string"),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "stop": ["\\udbff"]}', 400, "stop.0",
     "invalid_string"),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "\\ud800": 1}', 400, "\\ud800",
     "invalid_string"),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "x": ' + b"[" * 1000 + b"]" * 1000 + b"}",
     400, None, "invalid_json"),
    (b"[" * 100_000, 400, None, "invalid_json"),
    (b'{"a": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001, 400, None, "invalid_json"),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "repetition_penalty": Infinity}', 422,
     "repetition_penalty", None),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": NaN}', 422, "temperature", None),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "top_p": -Infinity}', 422, "top_p", None),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "seed": 99999999999999999999999}', 422,
     "seed", None),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "stop": ' +
     json.dumps(["s"] * 17).encode() + b"}", 400, "stop", None),
    (b'{"model": "m", "messages": [{"role": "user", "content": "hi"}], "stop": "' + b"x" * 257 + b'"}', 400,
     "stop", None),
]


@pytest.mark.parametrize("body,status,param,code", RAW_BAD)
def test_hostile_bodies_get_their_4xx_on_a_connection_that_stays_usable(server, body, status, param, code):
    """Each bad body and then a good request on the same keep-alive connection (one socket)."""
    conn = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=30)
    conn.request("POST", "/v1/chat/completions", body=body, headers=AUTH)
    r = conn.getresponse()
    error = json.loads(r.read())["error"]
    assert r.status == status, error
    assert set(error) == {"message", "type", "param", "code"} and error["message"]
    assert param is None or error["param"] == param
    assert code is None or error["code"] == code
    sock = conn.sock
    conn.request("POST", "/v1/chat/completions", body=json.dumps(chat(max_tokens=2)), headers=AUTH)
    r = conn.getresponse()
    assert r.status == 200 and json.loads(r.read())["choices"][0]["finish_reason"] == "length"
    assert conn.sock is sock  # the same connection served both
    conn.close()


def test_a_500_keeps_the_connection_and_the_openai_shape(server, monkeypatch):
    def broken(state, body, *mode):
        raise RuntimeError("a bug")

    monkeypatch.setattr(completions, "chat_prompt", broken)
    conn = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=30)
    conn.request("POST", "/v1/chat/completions", body=json.dumps(chat()), headers=AUTH)
    r = conn.getresponse()
    error = json.loads(r.read())["error"]
    assert r.status == 500 and error["type"] == "server_error" and "RuntimeError: a bug" in error["message"]
    sock = conn.sock
    conn.request("GET", "/v1/models", headers=AUTH)
    r = conn.getresponse()
    assert r.status == 200 and json.loads(r.read())["data"][0]["id"] == "m"
    assert conn.sock is sock
    conn.close()


def test_params_are_blamed_right(server):
    r = post(server, {"model": "m", "prompt": "hello " * 300, "max_tokens": 1}, "/v1/completions")
    assert_openai_error(r, 400, "prompt", "context_length_exceeded")
    r = post(server, chat(messages=[{"role": "user", "content": "hello " * 300}]))
    assert_openai_error(r, 400, "messages", "context_length_exceeded")
    r = post(server, {"model": "m", "prompt": "hi", "max_tokens": 255}, "/v1/completions")
    assert_openai_error(r, 400, "max_tokens", "context_length_exceeded")
    r = post(server, {"model": "m", "prompt": ["a"] * 20, "n": 4, "max_tokens": 1}, "/v1/completions")
    assert_openai_error(r, 400, "prompt")
    r = post(server, chat(seed=2**63))
    assert_openai_error(r, 422, "seed")
    r = post(server, chat(seed=2**63 - 1, n=3, temperature=1, max_tokens=3))  # seed + choice index wraps
    assert r.status_code == 200 and len(r.json()["choices"]) == 3


def test_405_names_the_allowed_methods(server):
    r = httpx.get(server.url + "/v1/chat/completions", headers=AUTH)
    assert_openai_error(r, 405, code="method_not_allowed")
    assert r.headers["allow"] == "POST"
    r = httpx.delete(server.url + "/v1/models", headers=AUTH)
    assert r.status_code == 405 and r.headers["allow"] == "GET"


def test_poisoned_sampling_values_fail_no_one(random_ckpt):
    """Values that once underflowed the sampler to NaN and killed every stream of the batch: now each is
    served (the sampler's arithmetic holds for them) while 4 honest streams run beside it."""
    poisons = [dict(temperature=1e-40), dict(top_p=1e-46), dict(repetition_penalty=1e-40),
               dict(repetition_penalty=1e300, temperature=1), dict(temperature=1e-300, top_p=1e-300)]
    with live(random_ckpt, max_batch=8) as s:
        honest = []

        def stream(i):
            body = chat(max_tokens=60, stream=True, temperature=0.7, seed=i)
            with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, headers=AUTH, timeout=60) as r:
                events = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: {")]
            honest.append([e["choices"][0]["finish_reason"] for e in events if e.get("choices")][-1])

        threads = [threading.Thread(target=stream, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        for p in poisons:
            r = post(s, chat(max_tokens=8, **p))
            assert r.status_code == 200 and r.json()["choices"][0]["finish_reason"] in ("stop", "length"), (p, r.text)
        for t in threads:
            t.join(60)
        assert len(honest) == 4 and set(honest) <= {"stop", "length"}  # all four finished
        assert s.state.engine.stats.finished_by_reason["error"] == 0


# ---- abandoned work ---------------------------------------------------------------------------------------

def _send_and_leave(port: int, path: str, body: dict, after: float) -> None:
    """A client that sends a request and hangs up after `after` seconds, without reading the answer."""
    data = json.dumps(body).encode()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n".encode()
                     + f"Authorization: Bearer {KEY}\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data)
        time.sleep(after)


def _wait_for(predicate, timeout: float) -> float:
    start = time.monotonic()
    while not predicate():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.02)
    return time.monotonic() - start


def test_clients_that_leave_are_cancelled(random_ckpt):
    """4 clients (chat and completions, streaming or not; 2 decoding, 2 queued behind them in 2 slots) hang up:
    every request is cancelled within a fraction of a second, the slots are free, nothing runs to max_tokens."""
    with live(random_ckpt, max_batch=2, step_sleep=0.01) as s:
        port, stats = int(s.url.rsplit(":", 1)[1]), s.state.engine.stats
        completion = {"model": "m", "prompt": "hello world", "max_tokens": 200, "temperature": 0}
        kinds = [("/v1/chat/completions", chat(max_tokens=200, temperature=0)), ("/v1/completions", completion),
                 ("/v1/completions", {**completion, "stream": True}),
                 ("/v1/chat/completions", chat(max_tokens=200, temperature=0, stream=True))]
        clients = [threading.Thread(target=_send_and_leave, args=(port, path, body, 0.5)) for path, body in kinds]
        for c in clients:
            c.start()
        _wait_for(lambda: len(s.state.engine.running) == 2 and len(s.state.engine.waiting) == 2, 10)
        for c in clients:
            c.join()
        left = time.monotonic()
        _wait_for(lambda: stats.finished_by_reason["cancelled"] == 4, 5)
        took = time.monotonic() - left
        print(f"4 abandoned requests (2 decoding, 2 queued) cancelled {took:.2f} s after the clients left; "
              f"{stats.generated_tokens} tokens made")
        assert took < 1.0 and stats.generated_tokens < 2 * 200
        assert sorted(s.state.engine.free) == [0, 1] and not s.state.engine.waiting


def test_the_deadline_ends_work_and_a_key_can_have_a_longer_one(random_ckpt):
    limiter = Limiter(keys={"sk-patient": KeyLimits(request_timeout=60)})
    with live(random_ckpt, api_keys=(KEY, "sk-patient"), limits=Limits(request_timeout=0.4), limiter=limiter,
              max_batch=2, step_sleep=0.01) as s:
        start = time.monotonic()
        r = post(s, chat(max_tokens=250 - 20, temperature=0))
        took = time.monotonic() - start
        assert_openai_error(r, 408, code="deadline_exceeded")
        assert r.headers["x-should-retry"] == "false" and took < 2, took
        body = chat(max_tokens=200, temperature=0, stream=True)
        with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, headers=AUTH, timeout=30) as r:
            lines = [line for line in r.iter_lines() if line.startswith("data: ")]
        assert lines[-1] == "data: [DONE]" and json.loads(lines[-2][6:])["error"]["code"] == "deadline_exceeded"
        r = post(s, chat(max_tokens=40, temperature=0), headers={**AUTH, "Authorization": "Bearer sk-patient"})
        assert r.status_code == 200 and r.json()["choices"][0]["finish_reason"] == "length"
        assert s.state.engine.stats.finished_by_reason["cancelled"] == 2


# ---- per-key limits ---------------------------------------------------------------------------------------

def test_per_key_concurrency_and_queue_limits_are_429_with_retry_after(random_ckpt, tmp_path):
    limits_file = tmp_path / "limits.json"
    limits_file.write_text(json.dumps({"default": {"max_concurrent": 1},
                                       "keys": {"sk-b": {"max_concurrent": 4, "queue_share": 0.5}}}))
    default, keys = load_limits(limits_file)
    with live(random_ckpt, api_keys=(KEY, "sk-b"), limiter=Limiter(default, keys), max_batch=1,
              max_waiting=2, step_sleep=0.01) as s:
        b = {**AUTH, "Authorization": "Bearer sk-b"}
        body = chat(max_tokens=150, temperature=0, stream=True)
        with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, headers=AUTH, timeout=30) as r:
            lines = r.iter_lines()  # held: dropping the iterator closes the response (a disconnect)
            next(lines)  # the key's one request is running
            e = assert_openai_error(post(s, chat(max_tokens=2)), 429, code="rate_limit_concurrency")
            assert "1" in e["message"] and int(post(s, chat(max_tokens=2)).headers["retry-after"]) >= 1
            # the other key has its own allowance: one request queues (its share of a queue of 2 is 1) ...
            with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, headers=b, timeout=30) as r2:
                lines2 = r2.iter_lines()
                next(lines2)
                _wait_for(lambda: len(s.state.engine.waiting) == 1, 5)
                # ... and a second would pass its share of the queue
                r3 = post(s, chat(max_tokens=2), headers=b)
                assert_openai_error(r3, 429, code="rate_limit_queue_share")
                assert r3.headers["retry-after"] == "1"
        metrics = httpx.get(s.url + "/metrics", headers=AUTH).text
        assert 'nanoseek_rate_limited_total{limit="concurrency"} 2' in metrics
        assert 'nanoseek_rate_limited_total{limit="queue_share"} 1' in metrics
        # the streams' clients are gone: their requests finish and the key may run again
        _wait_for(lambda: not s.state.engine.running and not s.state.engine.waiting, 10)
        assert post(s, chat(max_tokens=2)).status_code == 200


def test_tokens_per_minute_refill_and_refuse(random_ckpt):
    clock = [1000.0]
    limiter = Limiter(KeyLimits(tokens_per_minute=200), clock=lambda: clock[0])
    with live(random_ckpt, limiter=limiter, max_batch=1) as s:
        r = post(s, chat(max_tokens=40, temperature=0))  # reserves prompt + 40 tokens, uses them all
        assert r.status_code == 200
        used = r.json()["usage"]["total_tokens"]
        for _ in range(200 // used - 1):
            assert post(s, chat(max_tokens=40, temperature=0)).status_code == 200
        r = post(s, chat(max_tokens=40, temperature=0))
        assert_openai_error(r, 429, code="rate_limit_tokens")
        wait = int(r.headers["retry-after"])
        assert 1 <= wait <= 60
        clock[0] += wait  # the bucket refills with time
        assert post(s, chat(max_tokens=40, temperature=0)).status_code == 200
        r = post(s, {"model": "m", "prompt": ["a", "b"], "n": 2, "max_tokens": 100}, "/v1/completions")
        assert_openai_error(r, 429, code="rate_limit_tokens")
        assert "retry-after" not in r.headers  # waiting would not help: the request alone is over the limit


def test_the_global_queue_limit(random_ckpt):
    with live(random_ckpt, limits=Limits(max_queue=1), max_batch=1, step_sleep=0.01) as s:
        body = chat(max_tokens=100, temperature=0, stream=True)
        with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, headers=AUTH, timeout=30) as r:
            lines = r.iter_lines()  # held: dropping the iterator closes the response (a disconnect)
            next(lines)
            with httpx.stream("POST", s.url + "/v1/chat/completions", json=body, headers=AUTH, timeout=30) as r2:
                lines2 = r2.iter_lines()
                next(lines2)
                _wait_for(lambda: len(s.state.engine.running) == 1 and len(s.state.engine.waiting) == 1, 5)
                r3 = post(s, chat(max_tokens=2))  # one runs, one waits (the queue's 1): the third is refused
                assert_openai_error(r3, 429, code="queue_full")
                assert r3.headers["retry-after"] == "1"


def test_limits_file_errors_name_the_file_and_the_entry(tmp_path):
    bad = tmp_path / "limits.json"
    bad.write_text(json.dumps({"keys": {"sk-a": {"max_concurrent": -1}}}))
    with pytest.raises(ValueError, match=r"limits.json: max_concurrent must be a positive number or null; got -1"):
        load_limits(bad)
    bad.write_text(json.dumps({"default": {"queue_share": 2}}))
    with pytest.raises(ValueError, match="queue_share"):
        load_limits(bad)
    bad.write_text(json.dumps({"default": {"max_concurent": 2}}))
    with pytest.raises(ValueError, match="max_concurent"):
        load_limits(bad)


# ---- health, metrics, stop strings, echo ------------------------------------------------------------------

def test_liveness_readiness_and_metrics_behind_a_key(rigged):
    state = ServerState(model_name="m", api_keys={KEY}, metrics_keys={"sk-prometheus"})
    with LiveServer(state) as s:
        assert httpx.get(s.url + "/health/live").status_code == 200
        assert_openai_error(httpx.get(s.url + "/health/ready"), 503, code="not_ready")
        assert httpx.get(s.url + "/health").status_code == 503
        tok = Tokenizer.load(rigged)
        state.attach(Engine(nanoseek.load(rigged, device="cpu"), tok, max_batch=1, max_len=256, threads=1), tok)
        ready = httpx.get(s.url + "/health/ready").json()
        assert ready["status"] == "ok" and ready["running"] == 0
        assert_openai_error(httpx.get(s.url + "/metrics"), 401, code="invalid_api_key")
        assert httpx.get(s.url + "/metrics", headers={"Authorization": "Bearer sk-prometheus"}).status_code == 200
        assert httpx.get(s.url + "/metrics", headers=AUTH).status_code == 200
        assert_openai_error(httpx.get(s.url + "/v1/models", headers={"Authorization": "Bearer sk-prometheus"}), 401)
        state.engine.stop(drain=False, timeout=10)  # the engine's thread is gone: alive, but not ready
        assert httpx.get(s.url + "/health/live").status_code == 200
        assert httpx.get(s.url + "/health/ready").status_code == 503


def test_stop_strings_match_the_answer_not_the_reasoning(server):
    """The rigged model reasons "Let me add those numbers" then answers "# It is four."."""
    for stream in (False, True):
        for stop, content in ((["add", "numbers"], ANSWER), (["four"], "# It is "), (["\n"], ANSWER)):
            body = chat(temperature=0, stop=stop, stream=stream)
            if not stream:
                choice = post(server, body).json()["choices"][0]
                reasoning, got, finish = choice["message"]["reasoning_content"], choice["message"]["content"], \
                    choice["finish_reason"]
            else:
                with httpx.stream("POST", server.url + "/v1/chat/completions", json=body, headers=AUTH) as r:
                    chunks = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: {")]
                deltas = [c["choices"][0]["delta"] for c in chunks]
                reasoning = "".join(d.get("reasoning_content") or "" for d in deltas)
                got = "".join(d.get("content") or "" for d in deltas)
                finish = [c["choices"][0]["finish_reason"] for c in chunks if c["choices"][0]["finish_reason"]]
                assert len(finish) == 1
                finish = finish[0]
            assert (reasoning, got, finish) == (REASONING, content, "stop"), (stop, stream)


def test_echo_logprobs_leave_out_the_bos_and_offsets_index_the_text(random_ckpt):
    with live(random_ckpt, api_keys=()) as s:
        tok = s.state.tokenizer
        prompt = "hello world, how are"
        ids = tok.encode(prompt, bos=True)
        for stream in (False, True):
            body = {"model": "m", "prompt": prompt, "max_tokens": 3, "temperature": 0, "logprobs": 0, "echo": True,
                    "stream": stream}
            if stream:
                with httpx.stream("POST", s.url + "/v1/completions", json=body) as r:
                    chunks = [json.loads(line[6:])["choices"][0] for line in r.iter_lines()
                              if line.startswith("data: {")]
                text = "".join(c["text"] for c in chunks)
                lp = {k: sum((c["logprobs"][k] for c in chunks if c["logprobs"]), []) for k in
                      ("tokens", "token_logprobs", "text_offset")}
            else:
                choice = httpx.post(s.url + "/v1/completions", json=body).json()["choices"][0]
                text, lp = choice["text"], choice["logprobs"]
            assert text.startswith(prompt) and len(lp["tokens"]) == len(ids) - 1 + 3
            assert tok.decode([tok.bos_id]) not in "".join(lp["tokens"])
            n = len(ids) - 1  # echoed prompt tokens (generated ones may be parts of a UTF-8 character)
            assert "".join(lp["tokens"][:n]) == prompt
            assert [text[o:o + len(t)] for o, t in zip(lp["text_offset"][:n], lp["tokens"][:n])] == lp["tokens"][:n]
            assert lp["text_offset"][0] == 0 and lp["text_offset"][n] == len(prompt)
            assert None not in lp["token_logprobs"]  # the first prompt token is predicted from BOS



def test_serve_command_refuses_a_bad_limits_file(rigged, tmp_path, capsys):
    import argparse

    from nanoseek.serve.commands import add_commands

    bad = tmp_path / "bad.json"
    bad.write_text('{"keys": {"sk-a": {"tokens_per_minute": "lots"}}}')
    p = argparse.ArgumentParser()
    add_commands(p.add_subparsers())
    args = p.parse_args(["serve", "--model", str(rigged), "--limits", str(bad)])
    with pytest.raises(SystemExit) as e:
        args.fn(args)  # before anything loads or listens
    assert f"nanoseek serve --limits: limits file {bad}: tokens_per_minute must be a positive number" in str(e.value)


def test_a_huge_prompt_is_tokenized_off_the_event_loop(random_ckpt):
    """While a 400 KB prompt is tokenized (seconds with this small vocabulary), the server keeps answering."""
    with live(random_ckpt, api_keys=()) as s:
        text = ("hello world, how are you? plain text " * 12000)[:400_000]
        start = time.perf_counter()
        s.state.tokenizer.encode(text)
        alone = time.perf_counter() - start
        done, latencies = [], []
        worker = threading.Thread(target=lambda: done.append(
            httpx.post(s.url + "/tokenize", json={"prompt": text}, timeout=120).status_code))
        worker.start()
        time.sleep(0.05)
        while worker.is_alive():
            t = time.perf_counter()
            assert httpx.get(s.url + "/health/live", timeout=60).status_code == 200
            latencies.append(time.perf_counter() - t)
            time.sleep(0.02)
        print(f"tokenizing 400 KB took {alone:.2f} s alone; meanwhile {len(latencies)} health checks, the slowest "
              f"{max(latencies) * 1000:.0f} ms")
        # on the event loop, one check would wait for the whole tokenization
        assert done == [200] and len(latencies) >= 3 and max(latencies) < 0.6 * alone


def test_a_client_gone_while_its_body_is_read_is_no_server_error(server):
    port = int(server.url.rsplit(":", 1)[1])
    before = sum(n for (_, status), n in server.state.http.items() if status >= 500)
    with socket.create_connection(("127.0.0.1", port)) as sock:  # announces 1000 bytes, sends 10, leaves
        sock.sendall(f"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":".encode())
        time.sleep(0.2)
    _wait_for(lambda: server.state.http[("/v1/chat/completions", 499)] >= 1, 5)
    assert sum(n for (_, status), n in server.state.http.items() if status >= 500) == before
