"""The inference engine: batch-invariant forward, continuous batching, speculation, sampling, streaming."""

import asyncio
import copy

import pytest
import torch
from helpers import random_model, small_config

from nanoseek.engine import Engine, QueueFull, SamplingParams, runner
from nanoseek.engine.runner import InferenceModel
from nanoseek.engine.sampling import Sampler
from nanoseek.model import Compiled, CompiledGemm

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def model():
    return random_model(small_config())


def workload(n: int, seed: int = 1) -> list[tuple[list[int], int]]:
    """n prompts of 1-40 random tokens with 1-30 tokens to generate each."""
    g = torch.Generator().manual_seed(seed)

    def rand(lo, hi):
        return int(torch.randint(lo, hi, (1,), generator=g))

    return [(torch.randint(0, 160, (rand(1, 40),), generator=g).tolist(), rand(1, 30)) for _ in range(n)]


def check_batched_greedy(model, jobs: list[tuple[list[int], int]], speculative: bool) -> list[list[int]]:
    """Greedy outputs of jobs run one at a time equal those of one engine batching them (8 slots, MTP speculation
    where the model has it); returns them."""
    solo = [Engine(model, max_batch=1, max_len=128).submit(p, SamplingParams(temperature=0, max_tokens=n))
            .result().output_ids for p, n in jobs]
    engine = Engine(model, max_batch=8, max_len=128)
    assert (engine.drafter is not None) == speculative
    reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=n)) for p, n in jobs]
    assert [r.result().output_ids for r in reqs] == solo
    return solo


def check_forward(model, im: InferenceModel, invariant: bool = True) -> torch.Tensor:
    """im's logits (a prefill, decode steps, a speculative [token, draft] pair, the MTP drafts) equal the model's own
    full forward in fp32 to 1e-5; with invariant, they do not depend on the batch either, bit for bit."""
    ids = torch.randint(0, 160, (3, 20))
    pos = torch.arange(20).expand(3, 20)
    cache = model.new_cache(16, 256)
    hidden, together = im.run(ids, pos, cache, torch.tensor([5, 1, 2]))  # 3 rows, 20 tokens at once
    with torch.no_grad():
        full = model.hidden_states(ids)
        assert (together - model.lm_head(full)).abs().max() < 1e-5  # the same math as the model's forward
    if model.mtp:  # (DeepSeek-V2 has no MTP module)
        with torch.no_grad():
            (mtp,) = model.mtp_logits(ids, full)
        drafts = im.draft(hidden[:, :-1], ids[:, 1:], pos[:, :-1], cache, torch.tensor([5, 1, 2]),
                          torch.arange(19).expand(3, 19))
        assert (drafts - mtp).abs().max() < 1e-5
    alone = model.new_cache(16, 256)
    chunks = [im.run(ids[1:2, a:b], pos[1:2, a:b], alone, torch.tensor([0]))[1]
              for a, b in [(0, 7), (7, 8), (8, 20)]]  # row 1 alone, as a prefill in pieces and a decode step
    pair = im.run(ids[:2, 8:10], pos[:2, 8:10], cache, torch.tensor([5, 1]))[1]  # [token, draft] of 2 rows again
    assert (torch.cat(chunks, dim=1) - together[1:2]).abs().max() < 1e-5
    assert (pair - together[:2, 8:10]).abs().max() < 1e-5
    if invariant:
        assert torch.equal(torch.cat(chunks, dim=1), together[1:2])  # bit for bit
        assert torch.equal(pair, together[:2, 8:10])
    return together


def test_forward_is_the_models_in_every_eager_mode(model):
    check_forward(model, InferenceModel(model, deterministic=True))
    check_forward(model, InferenceModel(model, deterministic=False), invariant=False)  # plain GEMMs: other last bits


def test_compiled_routing_selects_what_the_gate_selects():
    """The compiled mode's routing (comparisons of every pair of experts, no torch.topk) picks the experts that
    torch.topk picks, in increasing id, with the same weights."""
    for cfg in (small_config(), small_config(n_routed_experts=64, n_group=8, topk_group=3, num_experts_per_tok=6)):
        m = random_model(cfg)
        gate = m.moe_layers()[0].gate.eval()
        x = torch.randn(300, cfg.hidden_size)
        with torch.no_grad():
            weights, experts, _ = gate(x)
            got_weights, got_experts, _ = gate(x, Compiled())
        assert torch.equal(got_experts, experts) and (experts.diff(dim=-1) > 0).all()
        assert torch.allclose(got_weights, weights)


def test_compiled_throughput_mode_runs_gemms_only_where_they_pay(model, monkeypatch):
    """Forwards of more than GEMM_ROWS rows run GEMMs, unless this device's GEMMs in the weights' dtype are slow
    (bf16 on a CPU without bf16 arithmetic): then the compiled reductions at every size."""
    assert runner.gemms_pay(torch.float32, "cpu")
    for pay in (True, False):
        monkeypatch.setattr(runner, "gemms_pay", lambda dtype, device, pay=pay: pay)
        im = InferenceModel(model, deterministic=False, compile=True)
        assert type(im.small_ops) is Compiled and type(im.ops) is (CompiledGemm if pay else Compiled)


@pytest.fixture(scope="module")
def compiled(model):
    """The model's forward through torch.compile, compiled once for the module (~20-60 s cold; engines of the
    same cache shape, 16 rows of 256 positions, reuse the compiled code)."""
    engine = Engine(model, max_batch=16, max_len=128, deterministic=True, compile=True)
    assert engine.cache.kv.shape[1:3] == (16, 256)
    return engine.im


@pytest.mark.slow
def test_compiled_forward_is_the_models_and_batch_invariant(model, compiled):
    check_forward(model, compiled)


@pytest.mark.slow
def test_compiled_calls_that_skip_guards_still_run_their_own_graph(model, compiled):
    """After its first call, an engine's compiled calls evaluate only dynamo's distinguishing guards (runner._call).
    Compiled in between: the same model in the throughput mode (other ops, the same tensors), and a model whose
    parameters have the same shapes but which routes each token to one expert fewer (one integer attribute
    apart). Each engine must still run its own graph: its logits are its model's, and the deterministic one's
    stay batch-invariant bit for bit."""
    fewer = random_model(small_config(num_experts_per_tok=1), seed=1)
    im, throughput = InferenceModel(fewer, compile=True), InferenceModel(model, deterministic=False, compile=True)
    for _ in range(2):
        check_forward(model, compiled)
        check_forward(model, throughput, invariant=False)
        check_forward(fewer, im)


@pytest.mark.slow
def test_compiled_bf16_forward_is_batch_invariant_and_near_float32_math(model):
    """bf16 weights and cache: a row's logits do not depend on its batch, bit for bit, and they are as near the
    same bf16 weights computed in float32 as the model's own bf16 forward is (within 1.25x of its mean error). (The
    engine before issue 15 was nearer than the model's own, 0.0035 vs 0.0083 on the speedrun's checkpoint; the
    compiled model here measured 0.0069 vs the model's 0.0065 on these random weights: BENCHMARKS.md, One network.)"""
    half = copy.deepcopy(model).to(torch.bfloat16)
    im = InferenceModel(half, compile=True)
    ids, pos = torch.randint(0, 160, (3, 20)), torch.arange(20).expand(3, 20)
    together = im.run(ids, pos, half.new_cache(16, 256), torch.tensor([5, 1, 2]))[1]
    with torch.no_grad():
        exact = copy.deepcopy(half).float()(ids)
        own = half(ids).float()
    assert (together - exact).abs().mean() < 1.25 * (own - exact).abs().mean()
    alone = half.new_cache(16, 256)
    chunks = [im.run(ids[1:2, a:b], pos[1:2, a:b], alone, torch.tensor([0]))[1] for a, b in [(0, 7), (7, 8), (8, 20)]]
    assert torch.equal(torch.cat(chunks, dim=1), together[1:2])


@pytest.mark.slow
def test_compiled_engine_batched_and_speculative_equal_one_at_a_time(model, compiled):
    jobs = workload(20)
    engine = Engine(model, max_batch=16, max_len=128, deterministic=True, compile=True, speculative=False)
    solo = [engine.submit(p, SamplingParams(temperature=0, max_tokens=n)).result().output_ids for p, n in jobs]
    for spec_on in (False, True):  # 20 requests over 16 slots at once, plain and with MTP drafts
        engine = Engine(model, max_batch=16, max_len=128, deterministic=True, compile=True, speculative=spec_on)
        reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=n)) for p, n in jobs]
        assert [r.result().output_ids for r in reqs] == solo
        assert (engine.stats.drafted > 0) == spec_on


@pytest.mark.slow
def test_compiled_kernels_let_other_threads_run():
    """A compiled kernel drops the GIL while it runs (runner.release_gil_in_compiled_kernels), so the server's event
    loop streams tokens during a decode step instead of waiting for it. Kept, the GIL would let the other thread
    run only between kernels, a small fraction of its free rate."""
    import threading
    import time

    from nanoseek.engine.runner import release_gil_in_compiled_kernels

    release_gil_in_compiled_kernels()

    def heavy(x):
        for _ in range(30):
            x = torch.sin(x) * 1.0001 + torch.cos(x)
        return x

    with torch._inductor.config.patch(fx_graph_cache=False):  # compiled here, with the patched binding
        f = torch.compile(heavy)
        x = torch.randn(2_000_000)
        f(x)
    counts, stop = [0], threading.Event()

    def spin():
        while not stop.is_set():
            counts[0] += 1

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 0.2:  # the free rate
        counts[0] += 1
    free_rate = counts[0] / 0.2
    counts[0] = 0
    th = threading.Thread(target=spin)
    th.start()
    t0 = time.perf_counter()
    for _ in range(3):
        f(x)
    elapsed = time.perf_counter() - t0
    spins = counts[0]
    stop.set()
    th.join()
    assert spins > 0.2 * free_rate * elapsed, (spins, free_rate * elapsed)


def test_a_failed_compile_falls_back_to_eager_decoding(model, monkeypatch):
    """An inductor that cannot compile the forward (torch 2.11 on CUDA could not) costs speed, not service."""
    def broken(self):
        raise RuntimeError("cannot lower this graph")

    expected = Engine(model, max_batch=2, max_len=64, deterministic=True).submit(
        [3, 4, 5], SamplingParams(temperature=0, max_tokens=8))
    monkeypatch.setattr(Engine, "_compile", broken)
    with pytest.warns(UserWarning, match="cannot lower this graph"):
        engine = Engine(model, max_batch=2, max_len=64, deterministic=True, compile=True)
    assert not engine.im.compiled
    got = engine.submit([3, 4, 5], SamplingParams(temperature=0, max_tokens=8)).result()
    assert got.output_ids == expected.result().output_ids


def test_16_concurrent_greedy_requests_equal_one_at_a_time(model):
    jobs = workload(20)
    solo = []
    for prompt, n in jobs:
        engine = Engine(model, max_batch=1, max_len=128, deterministic=True)
        solo.append(engine.submit(prompt, SamplingParams(temperature=0, max_tokens=n)).result().output_ids)
    # 20 requests over 16 slots: they join and leave the running batch at different steps
    engine = Engine(model, max_batch=16, max_len=128, deterministic=True, speculative=True)
    reqs = [engine.submit(prompt, SamplingParams(temperature=0, max_tokens=n)) for prompt, n in jobs]
    assert [r.result().output_ids for r in reqs] == solo
    assert [len(o) for o in solo] == [n for _, n in jobs]
    assert engine.stats.drafted > 0  # MTP speculation was on


def test_speculative_greedy_equals_plain_decoding(model):
    jobs = workload(6, seed=2)
    out = {}
    for spec in (False, True):
        engine = Engine(model, max_batch=4, max_len=128, deterministic=True, speculative=spec)
        reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=n)) for p, n in jobs]
        out[spec] = [r.result().output_ids for r in reqs]
        if spec:  # every decode step checked one draft: tokens = first token + steps + accepted drafts
            assert all(len(r.output_ids) == 1 + r.drafted + r.accepted for r in reqs if r.output_ids[-1:])
    assert out[True] == out[False]


@pytest.mark.parametrize("stage", ["prefill", "decode"])
def test_a_request_whose_forward_fails_ends_alone(model, monkeypatch, stage):
    """A forward that raises for one request (here: any forward holding token 99) ends that request with its error;
    the requests batched with it are run again alone and give the tokens they give without it."""
    poison = [5, 99, 7] if stage == "prefill" else [5, 6, 7]
    jobs = [[3, 4, 5], poison, [8, 9], [10, 11, 12, 13]]
    params = SamplingParams(temperature=0, max_tokens=6)
    want = [Engine(model, max_batch=4, max_len=64, deterministic=True).submit(p, params).result().output_ids
            for p in jobs]
    engine = Engine(model, max_batch=4, max_len=64, deterministic=True, speculative=False)
    run = engine.im.run
    bad = 99 if stage == "prefill" else want[1][2]  # decode: the poisoned request's third token

    def failing(ids, *args, **kw):
        if (ids == bad).any():
            raise RuntimeError("this request breaks the forward")
        return run(ids, *args, **kw)

    monkeypatch.setattr(engine.im, "run", failing)
    reqs = [engine.submit(p, params) for p in jobs]
    results = [r.result() for r in reqs]
    assert results[1].finish_reason == "error" and "breaks the forward" in results[1].error
    assert [r.output_ids for i, r in enumerate(results) if i != 1] == [w for i, w in enumerate(want) if i != 1]
    assert all(r.finish_reason == "length" for i, r in enumerate(results) if i != 1)
    assert len(engine.free) == 4  # every slot back


def test_the_engine_speculates_where_it_measures_a_gain(model):
    """Drafting pays when (1 + acceptance) * t_plain > t_draft: with a drafted step 1.5x a plain one, above 50%
    acceptance. Below it, new requests neither draft nor run the MTP module, but one in PROBE_EVERY does (to keep
    measuring); the times are measured at start-up, and greedy outputs are plain decoding's either way."""
    from nanoseek.engine.speculative import PROBE_EVERY

    engine = Engine(model, max_batch=2, max_len=128, deterministic=True)
    drafter = engine.drafter
    assert drafter.t_plain > 0 and drafter.t_draft > 0  # calibrated when the engine was built
    drafter.t_plain, drafter.t_draft = 1.0, 1.5
    drafter.acceptance = 0.6
    assert drafter.pays
    for _ in range(300):
        drafter.checked(0)  # drafts rejected: the running rate falls below the break-even 50%
    assert drafter.acceptance < 0.5 and not drafter.pays
    prompts = [[3 + i, 4, 5] for i in range(2 * PROBE_EVERY)]
    reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=6)) for p in prompts]
    plain = Engine(model, max_batch=2, max_len=128, deterministic=True, speculative=False)
    assert [r.result().output_ids for r in reqs] == [
        plain.submit(p, SamplingParams(temperature=0, max_tokens=6)).result().output_ids for p in prompts]
    assert sum(r.speculative for r in reqs) == 2  # the probes
    assert all(r.drafted == 0 for r in reqs if not r.speculative)


def test_speculative_sampling_keeps_the_target_distribution():
    """Rejection sampling: the first token after a draft from q is distributed as p, whatever q is."""
    from nanoseek.engine.speculative import verify

    p_logits = torch.tensor([2.0, 1.0, 0.5, -1.0, 0.0])
    q = torch.tensor([0.05, 0.6, 0.05, 0.25, 0.05])
    params = SamplingParams(temperature=1.0)
    sampler = Sampler(params, [0], 5, torch.device("cpu"))
    sampler.generator.manual_seed(0)
    counts = torch.zeros(5)
    n = 8000
    for _ in range(n):
        d = int(torch.multinomial(q, 1, generator=sampler.generator))
        counts[verify(sampler, torch.stack([p_logits, p_logits]), d, q)[0]] += 1
    assert (counts / n - p_logits.softmax(-1)).abs().max() < 0.02


def test_seeded_sampling_is_reproducible_and_batch_independent(model):
    """Each request draws from its own seeded generator and its logits do not depend on the batch, so a
    seeded request samples the same tokens alone or among others. (Speculation draws extra random numbers
    for its accept tests: the same distribution, other samples; so it is off here.)"""
    jobs = workload(5, seed=3)
    params = [SamplingParams(temperature=0.9, top_p=0.9, top_k=50, max_tokens=n, seed=i)
              for i, (_, n) in enumerate(jobs)]
    alone = [Engine(model, max_batch=1, max_len=128, deterministic=True, speculative=False)
             .submit(p, sp).result().output_ids
             for (p, _), sp in zip(jobs, params)]
    engine = Engine(model, max_batch=8, max_len=128, deterministic=True, speculative=False)
    together = [engine.submit(p, sp) for (p, _), sp in zip(jobs, params)]
    assert [r.result().output_ids for r in together] == alone
    spec = [Engine(model, max_batch=1, max_len=128, deterministic=True, speculative=True)
            .submit(jobs[0][0], params[0]).result().output_ids for _ in range(2)]
    assert spec[0] == spec[1]  # with speculation forced too, a seed gives the same tokens run after run
    # left to the engine, a sampled request does not speculate in the deterministic mode: its seed alone decides
    auto = Engine(model, max_batch=1, max_len=128, deterministic=True)
    assert auto.drafter is not None and auto.submit(jobs[0][0], params[0]).result().output_ids == alone[0]
    other = Engine(model, max_batch=1, max_len=128, deterministic=True).submit(jobs[0][0], SamplingParams(
        temperature=0.9, max_tokens=jobs[0][1], seed=99)).result().output_ids
    assert other != alone[0]


def test_penalties():
    p = SamplingParams(temperature=0, presence_penalty=0.5, frequency_penalty=0.25, repetition_penalty=2.0)
    s = Sampler(p, prompt_ids=[0], vocab_size=4, device=torch.device("cpu"))
    for t in (1, 1, 2):
        s.accept(t)
    got = s.adjust(torch.tensor([1.0, 1.0, -1.0, 1.0]))
    # token 0: seen in the prompt -> 1 / 2; token 1: generated twice -> 1 / 2 - 0.5 - 2 * 0.25;
    # token 2: generated once, negative -> -1 * 2 - 0.5 - 0.25; token 3: untouched
    assert torch.allclose(got, torch.tensor([0.5, -0.5, -2.75, 1.0]))


def test_repetition_penalty_changes_greedy_output(model):
    prompt = [5, 6, 7]
    plain = Engine(model, max_batch=1, max_len=128, deterministic=True).submit(
        prompt, SamplingParams(temperature=0, max_tokens=40))
    plain = plain.result().output_ids
    assert len(set(plain)) < len(plain)  # a random model repeats itself within 40 greedy tokens
    strict = Engine(model, max_batch=1, max_len=128, deterministic=True).submit(
        prompt, SamplingParams(temperature=0, max_tokens=40, frequency_penalty=2.0, presence_penalty=2.0))
    out = strict.result().output_ids
    assert len(set(out)) > len(set(plain))


def test_stop_token_ids_and_max_tokens(model):
    engine = Engine(model, max_batch=2, max_len=128, deterministic=True)
    first = engine.submit([1, 2, 3], SamplingParams(temperature=0, max_tokens=12)).result()
    assert first.finish_reason == "length" and len(first.output_ids) == 12
    stop = first.output_ids[4]
    r = engine.submit([1, 2, 3], SamplingParams(temperature=0, max_tokens=12, stop_token_ids=(stop,))).result()
    assert r.finish_reason == "stop" and r.output_ids == first.output_ids[: first.output_ids.index(stop) + 1]


def test_logprobs_are_the_models(model):
    prompt = [3, 1, 4, 1, 5, 9, 2, 6]
    engine = Engine(model, max_batch=2, max_len=128, deterministic=True)
    r = engine.submit(prompt, SamplingParams(temperature=0, max_tokens=3, logprobs=2, prompt_logprobs=1)).result()
    ids = torch.tensor([prompt + r.output_ids])
    with torch.no_grad():
        logp = model(ids)[0].log_softmax(-1)
    assert r.prompt_logprobs[0] is None and len(r.prompt_logprobs) == len(prompt)
    for i in range(1, len(prompt)):
        lp = r.prompt_logprobs[i]
        assert lp.token == prompt[i] and abs(lp.logprob - float(logp[i - 1, prompt[i]])) < 1e-4
        assert lp.top[0][0] == int(logp[i - 1].argmax())


def test_token_logprobs_stream_with_events(model):
    prompt = [3, 1, 4]
    engine = Engine(model, max_batch=1, max_len=128, deterministic=True, speculative=True)
    events = list(engine.submit(prompt, SamplingParams(temperature=0, max_tokens=6, logprobs=3)))
    lps = [lp for e in events if e.logprobs for lp in e.logprobs]
    tokens = [t for e in events for t in e.tokens]
    assert [lp.token for lp in lps] == tokens and len(tokens) == 6
    with torch.no_grad():
        logp = model(torch.tensor([prompt + tokens]))[0].log_softmax(-1)
    for i, lp in enumerate(lps):
        assert abs(lp.logprob - float(logp[len(prompt) - 1 + i, lp.token])) < 1e-4 and len(lp.top) == 3
        assert lp.top[0][0] == lp.token  # greedy: the chosen token is the most likely


def test_prefix_reuse_skips_the_shared_prompt_and_changes_nothing(model):
    system = list(range(10, 50))
    a, b = system + [1, 2, 3], system + [7, 8]
    engine = Engine(model, max_batch=2, max_len=128, deterministic=True)
    engine.submit(a, SamplingParams(temperature=0, max_tokens=5)).result()
    r = engine.submit(b, SamplingParams(temperature=0, max_tokens=8)).result()
    assert r.cached_tokens == len(system) - 1  # with MTP the last shared token runs again
    fresh = Engine(model, max_batch=1, max_len=128, deterministic=True).submit(
        b, SamplingParams(temperature=0, max_tokens=8)).result()
    assert r.output_ids == fresh.output_ids
    assert engine.stats.cached_tokens == r.cached_tokens


def test_cancel_frees_the_slot(model):
    engine = Engine(model, max_batch=1, max_len=128, deterministic=True)
    r = engine.submit([1, 2], SamplingParams(temperature=0, max_tokens=50))
    it = iter(r)
    next(it)
    r.cancel()
    rest = list(it)
    assert rest[-1].finish_reason == "cancelled" and len(r.output_ids) < 50
    assert engine.free and not engine.running
    assert engine.submit([1, 2], SamplingParams(temperature=0, max_tokens=3)).result().finish_reason == "length"


def test_bad_requests_are_refused(model):
    engine = Engine(model, max_batch=1, max_len=64, deterministic=True, max_waiting=2)
    with pytest.raises(ValueError, match="context length"):
        engine.submit([1] * 60, SamplingParams(max_tokens=10))
    with pytest.raises(ValueError, match="empty"):
        engine.submit([], SamplingParams())
    with pytest.raises(ValueError, match="token ids"):
        engine.submit([1, 10_000], SamplingParams())
    with pytest.raises(ValueError, match="tokenizer"):
        engine.submit([1], SamplingParams(max_tokens=1, stop=("x",)))
    engine.submit([1], SamplingParams(max_tokens=1))
    engine.submit([1], SamplingParams(max_tokens=1))
    with pytest.raises(QueueFull):
        engine.submit([1], SamplingParams(max_tokens=1))


def test_background_thread_streams_to_asyncio_and_drains(model):
    engine = Engine(model, max_batch=4, max_len=128, deterministic=True).start()

    async def run():
        loop = asyncio.get_running_loop()
        reqs = [engine.submit([i + 1, 2, 3], SamplingParams(temperature=0, max_tokens=10), loop=loop) for i in range(6)]
        outs = []
        for r in reqs:
            outs.append([t async for e in r for t in e.tokens])
        return outs

    outs = asyncio.run(run())
    assert all(len(o) == 10 for o in outs)
    solo = Engine(model, max_batch=1, max_len=128, deterministic=True).submit(
        [1, 2, 3], SamplingParams(temperature=0, max_tokens=10))
    assert outs[0] == solo.result().output_ids
    engine.stop()
    assert not engine.running_in_thread


def test_a_thinking_budget_closes_the_thought_after_that_many_tokens(model):
    """think_budget: the first `budget` tokens are the model's own, the next is think_end, and decoding goes on
    (greedy and sampled, plain and speculative: the drafts see the same rule)."""
    prompt, end, budget = [5, 6, 7], 9, 4
    free = Engine(model, max_batch=1, max_len=64, speculative=False).submit(
        prompt, SamplingParams(temperature=0, max_tokens=budget)).result().output_ids
    assert end not in free  # (else this model closes the thought by itself: pick another token)
    for temperature, speculative in ((0, False), (0, True), (0.8, False), (0.8, True)):
        engine = Engine(model, max_batch=2, max_len=64, speculative=speculative)
        params = SamplingParams(temperature=temperature, max_tokens=12, think_budget=budget, think_end=end, seed=1)
        out = engine.submit(prompt, params).result().output_ids
        assert len(out) == 12 and out[budget] == end and end not in out[:budget], (temperature, speculative)
        if temperature == 0:
            assert out[:budget] == free
    with pytest.raises(ValueError, match="think_end"):
        SamplingParams(think_budget=3)
