"""Sampling and the plain decoding loop."""

import pytest
import torch
from helpers import random_model, small_config

import nanoseek
from nanoseek.cli import main as cli
from nanoseek.engine import SamplingParams, generate, sample
from nanoseek.engine.sampling import filtered_logits


def test_greedy_generate_equals_argmax_over_full_forwards():
    model = random_model(small_config())
    prompt = [3, 14, 15, 92, 65]
    out = list(generate(model, prompt, SamplingParams(temperature=0, max_tokens=12)))
    ids = list(prompt)
    with torch.no_grad():
        for _ in range(12):
            ids.append(int(model(torch.tensor([ids]))[0, -1].argmax()))
    assert out == ids[len(prompt):]


def test_stop_token_ends_generation():
    model = random_model(small_config())
    first = list(generate(model, [1, 2], SamplingParams(temperature=0, max_tokens=5)))
    out = list(generate(model, [1, 2], SamplingParams(temperature=0, max_tokens=5, stop_token_ids=(first[2],))))
    assert out == first[: first.index(first[2]) + 1]


def test_seeded_sampling_is_reproducible_and_varies_with_seed():
    model = random_model(small_config())
    runs = [list(generate(model, [1, 2, 3], SamplingParams(temperature=1.0, max_tokens=20, seed=s)))
            for s in (7, 7, 8)]
    assert runs[0] == runs[1] and runs[0] != runs[2]


def test_top_k_and_top_p_filtering():
    logits = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]]))
    keep = lambda **kw: torch.isfinite(filtered_logits(logits, SamplingParams(**kw)))[0].tolist()
    assert keep(top_k=2) == [True, True, False, False]
    assert keep(top_p=0.7) == [True, True, False, False]  # 0.5 < 0.7, 0.5 + 0.3 reaches it
    assert keep(top_p=0.5) == [True, False, False, False]
    assert keep(top_p=0.01) == [True, False, False, False]  # the best token always stays
    g = torch.Generator().manual_seed(0)
    draws = {int(sample(logits, SamplingParams(top_k=2), g)) for _ in range(200)}
    assert draws == {0, 1}


def test_bad_sampling_params_are_rejected():
    for kw in [dict(temperature=-1), dict(top_p=0), dict(top_p=1.5), dict(top_k=-1), dict(max_tokens=-2)]:
        with pytest.raises(ValueError):
            SamplingParams(**kw)
    model = random_model(small_config())
    with pytest.raises(ValueError, match="max_position_embeddings"):
        list(generate(model, [1] * 10, SamplingParams(max_tokens=10_000)))


def test_cli_info_and_generate(tmp_path, capsys):
    nanoseek.save(random_model(small_config()), tmp_path)
    cli(["info", "--model", str(tmp_path), "--load"])
    out = capsys.readouterr().out
    assert "activated per token" in out and "loaded:" in out
    cli(["generate", "--model", str(tmp_path), "--prompt-ids", "1,2,3", "--max-tokens", "6"])
    tokens = capsys.readouterr().out.split()
    assert len(tokens) == 6 and all(0 <= int(t) < 160 for t in tokens)
