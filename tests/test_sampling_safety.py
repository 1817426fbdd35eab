"""The sampler's arithmetic holds for every accepted value, and a request whose sampling raises fails alone."""

import pytest
import torch
from helpers import random_model, small_config

from nanoseek.engine import Engine, SamplingParams
from nanoseek.engine.sampling import Sampler, choose_rows, filtered_logits

pytestmark = pytest.mark.usefixtures("one_thread")

EXTREMES = [dict(temperature=1e-40), dict(temperature=1e-46), dict(top_p=1e-46), dict(top_p=1e-40, top_k=1),
            dict(repetition_penalty=1e-40), dict(repetition_penalty=1e40), dict(temperature=2, top_p=1e-30),
            dict(temperature=1e-30, repetition_penalty=1e-30, presence_penalty=2, frequency_penalty=-2)]


@pytest.fixture(scope="module")
def model():
    return random_model(small_config())


@pytest.mark.parametrize("extreme", EXTREMES)
def test_sampler_arithmetic_holds_at_the_extremes(extreme):
    vocab = 50
    s = Sampler(SamplingParams(**extreme), prompt_ids=list(range(10)), vocab_size=vocab, device=torch.device("cpu"))
    for logits in [torch.randn(vocab) * 30, torch.full((vocab,), 3.0), torch.tensor([1e38, -1e38] * 25)]:
        if not s.params.greedy:
            p = s.probs(logits)
            assert torch.isfinite(p).all() and p.sum() == pytest.approx(1) and (p >= 0).all()
        token = s.choose(logits)
        assert 0 <= token < vocab
        s.accept(token)
    assert s.error is None


@pytest.mark.parametrize("bad", [dict(temperature=float("inf")), dict(top_p=float("nan")),
                                 dict(repetition_penalty=float("inf")), dict(presence_penalty=float("nan"))])
def test_non_finite_parameters_are_refused(bad):
    with pytest.raises(ValueError, match="finite"):
        SamplingParams(**bad)


def test_seeds_beyond_64_bits_wrap():
    for seed in (2**64, 2**64 + 7, -(2**70)):
        Sampler(SamplingParams(seed=seed), [1], 10, torch.device("cpu"))


def test_a_request_whose_sampling_raises_fails_alone(model):
    """A sampler bug (here a poisoned penalty step) ends that request with finish_reason "error"; the batch-mates
    decoded in the same steps finish with the tokens they get alone."""
    engine = Engine(model, max_batch=4, max_len=64, speculative=False)
    params = [SamplingParams(temperature=0.8, seed=i, max_tokens=12) for i in range(4)]
    alone = [engine.submit([1, 2, 3 + i], p).result().output_ids for i, p in enumerate(params)]
    reqs = [engine.submit([1, 2, 3 + i], p) for i, p in enumerate(params)]

    def poisoned(logits):
        raise RuntimeError("probability tensor contains either inf, nan or element < 0")

    reqs[2].sampler.adjust = poisoned
    events = [list(r) for r in reqs]
    assert [r.finish_reason for r in reqs] == ["length", "length", "error", "length"]
    assert "probability tensor" in reqs[2].error
    assert events[2][-1].finish_reason == "error" and not any(e.tokens for e in events[2])  # no placeholder shown
    assert [r.output_ids for i, r in enumerate(reqs) if i != 2] == [a for i, a in enumerate(alone) if i != 2]
    assert engine.stats.finished_by_reason["error"] == 1
    assert sorted(engine.free) == [0, 1, 2, 3]  # every slot back
    assert engine.submit([5, 6], params[0]).result().finish_reason == "length"  # and it keeps serving


def test_a_failing_speculative_sampler_fails_alone():
    """The same through MTP speculation: a draft's or a verification's sampling raising ends that request only."""
    model = random_model(small_config(num_nextn_predict_layers=1))
    engine = Engine(model, max_batch=4, max_len=64, speculative=True)
    reqs = [engine.submit([1, 2, 3 + i], SamplingParams(temperature=0.9, seed=i, max_tokens=10)) for i in range(3)]
    calls = [0]
    real = reqs[0].sampler.adjust

    def fails_later(logits):
        calls[0] += 1
        if calls[0] > 3:
            raise ValueError("poisoned")
        return real(logits)

    reqs[0].sampler.adjust = fails_later
    for r in reqs:
        r.result()
    assert [r.finish_reason for r in reqs] == ["error", "length", "length"]
    assert all(len(r.output_ids) == 10 for r in reqs[1:])


def test_rows_chosen_together_are_the_tokens_each_request_chooses_alone():
    """choose_rows batches the rows that need nothing of their own request; every row's token is still the one
    its Sampler.choose gives from the same generator state, whatever its neighbours."""
    vocab = 64
    kinds = [dict(temperature=0), dict(temperature=0.7), dict(temperature=0.7, top_p=0.9), dict(temperature=1.3),
             dict(temperature=0.7, top_k=5), dict(temperature=0.7, presence_penalty=1.0), dict(temperature=0.7),
             dict(temperature=0, repetition_penalty=1.3), *EXTREMES]
    logits = torch.randn(len(kinds), vocab, generator=torch.Generator().manual_seed(1)) * 3

    def samplers():
        return [Sampler(SamplingParams(seed=i, **k), list(range(5)), vocab, torch.device("cpu"))
                for i, k in enumerate(kinds)]

    for _ in range(3):  # the generators advance alike, step after step
        together, alone = samplers(), samplers()
        batched = choose_rows(together, logits)
        assert batched == [s.choose(row) for s, row in zip(alone, logits)]
        assert len(set(batched)) > 3  # (not a constant)
        logits = logits.roll(1, 0)


def test_rows_chosen_together_follow_each_rows_distribution():
    logits = torch.tensor([[0.0, 1.0, 2.0, -1.0, 0.5], [2.0, 0.0, -1.0, 1.0, 0.0]]).repeat(10_000, 1)
    params = SamplingParams(temperature=0.8, top_k=4)
    samplers = [Sampler(params, [0], 5, torch.device("cpu")) for _ in logits]
    tokens = torch.tensor(choose_rows(samplers, logits))
    for r in range(2):
        want = filtered_logits(logits[r:r + 1], params).softmax(-1)[0]
        got = torch.bincount(tokens[r::2], minlength=5) / (len(logits) // 2)
        assert (got[want == 0] == 0).all()
        assert torch.allclose(got, want, atol=0.015), (r, got, want)
