"""The CUDA paths of the engine, quantized inference and GRPO. Skipped without a GPU (CI has none); run on a
lent H100 with `pytest tests/test_cuda.py` (BENCHMARKS.md says when and with which torch)."""

import copy

import pytest
import torch
from helpers import random_model, small_config

import nanoseek
from nanoseek.engine import Engine, SamplingParams
from nanoseek.engine.runner import InferenceModel
from nanoseek.quant import apply_quant

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
JOBS = [([3, 4, 5, 6], 12), ([7, 8], 20), ([9] * 30, 9), ([11, 12, 13], 16), ([2, 40, 41, 42, 43], 14)]


def logits(model, device: str, compile: bool = False) -> torch.Tensor:
    ids, pos = torch.randint(0, 160, (3, 20), generator=torch.Generator().manual_seed(0)), torch.arange(20)
    im = InferenceModel(copy.deepcopy(model).to(device), compile=compile)
    out = im.run(ids.to(device), pos.expand(3, 20).to(device), im.model.new_cache(4, 256),
                 torch.arange(3, device=device))
    return out[1].cpu()


@pytest.mark.parametrize("compile", [False, True])
def test_engine_forward_on_cuda_matches_the_cpu(compile):
    torch.backends.cuda.matmul.allow_tf32 = False
    model = random_model(small_config())
    cpu, gpu = logits(model, "cpu"), logits(model, "cuda", compile)
    assert (cpu - gpu).abs().max() < 1e-3 * cpu.abs().max()


@pytest.mark.parametrize("compile", [False, True])
def test_concurrent_greedy_requests_on_cuda_equal_one_at_a_time(compile):
    model = random_model(small_config()).cuda()
    engine = Engine(model, max_batch=8, max_len=64, compile=compile)
    solo = [engine.submit(p, SamplingParams(temperature=0, max_tokens=n)).result().output_ids for p, n in JOBS]
    reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=n)) for p, n in JOBS]
    assert [r.result().output_ids for r in reqs] == solo


@pytest.mark.parametrize("kind", ["int8", "int4", "fp8"])
def test_quantized_engine_on_cuda_matches_the_cpu(kind):
    model = apply_quant(random_model(small_config(qk_rope_head_dim=16)), kind)
    cpu, gpu = logits(model, "cpu"), logits(model, "cuda")
    assert (cpu - gpu).abs().max() < 2e-2 * cpu.abs().max()


def test_grpo_runs_on_cuda(tmp_path):
    from nanoseek.tokenizer import Tokenizer
    from nanoseek.train.grpo import GRPOConfig, grpo
    from nanoseek.train.metrics import read_metrics
    from nanoseek.train.sft import task_conversations

    texts = [m["content"] for c in task_conversations("arithmetic", 100, 0, 1) for m in c]
    tok = Tokenizer.train(texts, vocab_size=320)
    torch.manual_seed(0)
    nanoseek.save(nanoseek.Transformer(small_config(vocab_size=tok.vocab_size)), tmp_path / "init")
    tok.save(tmp_path / "init")
    grpo(GRPOConfig(init=str(tmp_path / "init"), out=str(tmp_path / "run"), task="arithmetic", difficulty=1, steps=2,
                    prompts_per_step=4, group_size=4, max_tokens=16, device="cuda", eval_every=100, eval_problems=4,
                    progress=False, tensorboard=False))
    records = read_metrics(tmp_path / "run")
    assert {r["step"] for r in records} == {1, 2} and (tmp_path / "run" / "final" / "model.safetensors").exists()


@pytest.mark.parametrize("dtype", ["fp32", "bf16"])
def test_grpo_token_logprobs_on_cuda_match_the_cpu(dtype):
    """The packed shared-prompt forward (SDPA on CUDA) and the fused output head: the CPU's values and
    gradients (bf16: to its precision)."""
    from nanoseek.train.grpo import token_logprobs

    torch.backends.cuda.matmul.allow_tf32 = False
    model = random_model(small_config()).train()
    prompts, comps = [[1, 5, 9, 3, 7], [4, 2]], [[8, 9, 10], [11], [12, 13], [14, 15, 16], [17], [18, 19]]
    got = {}
    for device, m in (("cpu", model), ("cuda", copy.deepcopy(model).cuda())):
        logp, entropy = token_logprobs(m, prompts, comps, dtype, pad=0)
        logp.sum().backward()
        got[device] = (logp.detach().cpu(), entropy.cpu(), m.lm_head.weight.grad.cpu(),
                       m.embed_tokens.weight.grad.cpu())
    tol = 1e-4 if dtype == "fp32" else 5e-2
    for a, b in zip(got["cpu"], got["cuda"]):
        assert (a - b).abs().max() <= tol * max(1.0, a.abs().max())
