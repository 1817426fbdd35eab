"""GRPO on DeepSeek-V4: token_logprobs runs every prompt + completion as a row of its own (V4's attention has no
shared-prompt packing), and gives each sequence's log-probabilities and gradients; and whole GRPO steps, rollouts over
a HybridCache included."""

import dataclasses
import math

import pytest
import torch
from test_family_v4 import random_model, v4_config

from nanoseek.presets import get_preset
from nanoseek.train.grpo import completion_mask, one_row_each, token_logprobs

pytestmark = pytest.mark.usefixtures("one_thread")


def alone(model, prompt, completion):
    """Log-probabilities of completion's tokens and their distributions' entropies, prompt + completion run alone."""
    ids = torch.tensor([prompt + completion])
    full = model(ids[:, :-1]).log_softmax(-1)[0, len(prompt) - 1:]  # the predictions of the completion's tokens
    return full.gather(-1, torch.tensor(completion)[:, None])[:, 0], -(full.exp() * full).sum(-1)


def test_v4_logprobs_and_gradients_are_each_sequence_on_its_own():
    """Prompts and completions long enough to cross the sliding window (8) and fill CSA (4) and HCA (8) entries,
    ragged (so rows are right-padded), with an empty completion; hash-routed layers see the token ids."""
    model = random_model(v4_config()).train()
    g = torch.Generator().manual_seed(0)
    prompts = [torch.randint(1, 160, (n,), generator=g).tolist() for n in (13, 6)]
    lengths = [9, 1, 0, 12, 4, 7]  # G = 3 each
    comps = [torch.randint(1, 160, (n,), generator=g).tolist() for n in lengths]
    logp, entropy = token_logprobs(model, prompts, comps, "fp32", pad=0)
    mask = completion_mask(comps)
    assert logp.shape == mask.shape == (6, 12) and (logp[~mask] == 0).all() and (entropy[~mask] == 0).all()
    logp.sum().backward()
    grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}
    model.zero_grad()
    total = 0.0
    for i, c in enumerate(comps):
        if not c:
            continue
        want, ent = alone(model, prompts[i // 3], c)
        assert torch.allclose(logp[i, :len(c)], want, atol=1e-5), i
        assert torch.allclose(entropy[i, :len(c)], ent.detach(), atol=1e-4), i
        total = total + want.sum()
    total.backward()
    assert grads.keys() == {n for n, p in model.named_parameters() if p.grad is not None}
    assert any(".compressor." in n for n in grads) and any(".hc_attn." in n for n in grads)
    for n, p in model.named_parameters():
        if p.grad is not None:
            assert torch.allclose(grads[n], p.grad, atol=1e-5, rtol=1e-4), n
    # bf16 autocast (the compressors, the indexer and mHC included): the values to bf16's precision, gradients in
    # the float32 parameters' dtype
    model.zero_grad()
    low, _ = token_logprobs(model, prompts, comps, "bf16", pad=0)
    assert low.dtype == torch.float32 and (low - logp.detach()).abs().max() < 0.1
    low.sum().backward()
    assert all(p.grad.dtype == torch.float32 for p in model.parameters() if p.grad is not None)


def test_v4_rows_are_the_sequences_right_padded():
    ids, ctx, picks = one_row_each([[1, 2, 3], [4]], [[5, 6], [7], [8, 9, 10], []], G=2, pad=0, device="cpu")
    assert ids.tolist() == [[1, 2, 3, 5], [1, 2, 3, 0], [4, 8, 9, 0], [4, 0, 0, 0]]
    assert ctx.attention is None and ctx.positions.tolist() == [[0, 1, 2, 3]] * 4
    assert picks.tolist() == [2, 3, 6, 8, 9, 10]  # the flat position predicting each completion token



def test_grpo_steps_on_v4(tmp_path):
    """Two GRPO steps of a random tiny-v4 policy end to end: rollouts over a HybridCache (word problems: the two
    prompts of a step differ in length by more than the cache's default slack, and both cross the sliding window), the
    reference model's KL, the update and the evaluation. The hash-routed layers' tables are buffers, never trained."""
    import nanoseek
    from nanoseek.checkpoint import load
    from nanoseek.tokenizer import Tokenizer
    from nanoseek.train.grpo import GRPOConfig, grpo
    from nanoseek.train.metrics import read_metrics
    from nanoseek.train.sft import task_conversations

    tok = Tokenizer.train([m["content"] for c in task_conversations("arithmetic", 250, 0, 1) for m in c],
                          vocab_size=320)
    tok.save(tmp_path / "init")
    policy = random_model(dataclasses.replace(get_preset("tiny-v4"), vocab_size=tok.vocab_size))
    with torch.no_grad():  # the end token likely after some contexts, not others: completions of varied lengths
        policy.lm_head.weight[tok.eos_id] = torch.randn(policy.config.hidden_size) * 0.2
    nanoseek.save(policy, tmp_path / "init")
    grpo(GRPOConfig(init=str(tmp_path / "init"), out=str(tmp_path / "run"), task="word_problem", difficulty=1, steps=2,
                    prompts_per_step=2, group_size=4, max_tokens=12, beta=0.04, dynamic_sampling=False, eval_every=2,
                    eval_problems=3, lr=2e-5, progress=False, tensorboard=False))
    records = read_metrics(tmp_path / "run")
    assert [r["step"] for r in records] == [1, 2] and "test_pass@1" in records[-1]
    assert all(math.isfinite(r["loss"]) and r["grad_norm"] > 0 for r in records)
    assert records[0]["kl"] == 0 and records[1]["kl"] > 0  # the policy moved away from the reference after step 1
    before, after = load(tmp_path / "init").state_dict(), load(tmp_path / "run" / "final").state_dict()
    tables = [k for k in before if k.endswith("tid2eid")]
    assert tables and all(torch.equal(before[k], after[k]) for k in tables)
    assert any(not torch.equal(before[k], after[k]) for k in before if k not in tables)
