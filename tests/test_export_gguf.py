"""GGUF export: llama.cpp (llama-cpp-python) loads the file and decodes the same greedy tokens as nanoseek."""

import gguf
import numpy as np
import pytest
import torch
from helpers import random_model, small_config

from nanoseek.engine import SamplingParams, generate
from nanoseek.export.gguf import export_gguf
from nanoseek.tokenizer import Tokenizer

# Built from source by `pip install llama-cpp-python` (~7 minutes on 2 cores, then cached as a wheel).
llama_cpp = pytest.importorskip("llama_cpp")

VOCAB = 320
TEXT = ["To be, or not to be, that is the question: whether 'tis nobler in the mind to suffer "
        "the slings and arrows of outrageous fortune, or to take arms against a sea of troubles."] * 4
PROMPT = [0, 40, 201, 77, 300, 5, 123, 64]


@pytest.fixture(scope="module")
def tokenizer_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("tok")
    Tokenizer.train(TEXT, vocab_size=VOCAB).save(path)
    return path


def llama(path, n_ctx=256):
    """llama.cpp with an f32 KV cache (its default f16 cache alone moves logits by ~1e-3)."""
    f32 = llama_cpp.GGML_TYPE_F32
    return llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=1, n_batch=n_ctx, verbose=False,
                           logits_all=True, type_k=f32, type_v=f32)


def llama_greedy(llm, prompt, n):
    out = []
    for t in llm.generate(prompt, top_k=1, temp=0.0, reset=True):
        out.append(int(t))
        if len(out) == n:
            return out


def llama_logits(llm, prompt):
    llm.reset()
    llm.eval(prompt)
    return torch.from_numpy(np.array(llm.scores[: len(prompt)]))


CONFIGS = {
    "default": {},
    "no_q_lora_halves_rope": dict(q_lora_rank=None, rope_interleave=False),
    "yarn": dict(rope_scaling={"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 16,
                               "beta_fast": 32, "beta_slow": 1, "mscale": 0.707, "mscale_all_dim": 0.707},
                 max_position_embeddings=128),
    "groups_unnormalised_tied": dict(n_routed_experts=16, n_group=4, topk_group=2, num_experts_per_tok=3,
                                     norm_topk_prob=False, routed_scaling_factor=2.5, tie_word_embeddings=True,
                                     n_shared_experts=2, first_k_dense_replace=0),
}


@pytest.mark.parametrize("name", CONFIGS)
def test_llama_cpp_decodes_like_nanoseek(name, tokenizer_dir, tmp_path):
    cfg = small_config(vocab_size=VOCAB, **CONFIGS[name])
    model = random_model(cfg)
    path = export_gguf(model, tokenizer_dir, tmp_path / "m.gguf", tensor_type="f32")
    llm = llama(path)
    with torch.no_grad():
        ref = model(torch.tensor([PROMPT]))[0]
    theirs = llama_logits(llm, PROMPT)
    assert ref.std() > 0.3  # far from trivial logits
    assert (theirs - ref).abs().max() < 1e-4
    ours = list(generate(model, PROMPT, SamplingParams(temperature=0.0, max_tokens=64)))
    assert llama_greedy(llm, PROMPT, 64) == ours


def test_yarn_llama_cpp_cannot_compute_is_refused(tokenizer_dir, tmp_path):
    cfg = small_config(vocab_size=VOCAB, rope_scaling={"type": "yarn", "factor": 4.0, "mscale": 1.0,
                                                       "mscale_all_dim": 0.8, "original_max_position_embeddings": 16})
    with pytest.raises(ValueError, match="mscale = mscale_all_dim"):
        export_gguf(random_model(cfg), tokenizer_dir, tmp_path / "m.gguf")


def test_metadata_and_tensor_layout(tokenizer_dir, tmp_path):
    cfg = small_config(vocab_size=VOCAB)
    model = random_model(cfg)
    path = export_gguf(model, tokenizer_dir, tmp_path / "m.gguf", tensor_type="q8_0")
    reader = gguf.GGUFReader(path)

    def field(key):
        f = reader.fields[key]
        return f.contents()

    assert field("general.architecture") == "deepseek2"
    assert field("deepseek2.expert_gating_func") == gguf.ExpertGatingFuncType.SIGMOID.value
    assert field("deepseek2.expert_group_count") == cfg.n_group
    assert field("deepseek2.expert_group_used_count") == cfg.topk_group
    assert field("deepseek2.attention.head_count_kv") == 1
    assert field("deepseek2.attention.key_length") == cfg.kv_lora_rank + cfg.qk_rope_head_dim
    assert field("deepseek2.attention.key_length_mla") == cfg.qk_head_dim
    assert field("tokenizer.ggml.pre") == "gpt-2"
    assert field("tokenizer.ggml.tokens")[0] == "<｜begin▁of▁sentence｜>"
    tensors = {t.name: t for t in reader.tensors}
    assert not any(n.startswith(f"blk.{cfg.num_hidden_layers}.") for n in tensors)  # MTP left out
    H, r = cfg.num_attention_heads, cfg.kv_lora_rank
    assert list(tensors["blk.0.attn_k_b.weight"].shape) == [cfg.qk_nope_head_dim, r, H]  # ggml order
    assert list(tensors["blk.1.ffn_gate_exps.weight"].shape) == [cfg.hidden_size, cfg.moe_intermediate_size,
                                                                 cfg.n_routed_experts]
    assert tensors["blk.1.ffn_gate_inp.weight"].tensor_type == gguf.GGMLQuantizationType.F32
    assert tensors["blk.1.exp_probs_b.bias"].tensor_type == gguf.GGMLQuantizationType.F32
    assert tensors["blk.1.ffn_down_exps.weight"].tensor_type == gguf.GGMLQuantizationType.Q8_0


@pytest.mark.parametrize("tensor_type,tol", [("bf16", 0.05), ("q8_0", 0.05)])
def test_reduced_precision_files_load(tensor_type, tol, tokenizer_dir, tmp_path):
    model = random_model(small_config(vocab_size=VOCAB))
    llm = llama(export_gguf(model, tokenizer_dir, tmp_path / "m.gguf", tensor_type=tensor_type))
    with torch.no_grad():
        ref = model(torch.tensor([PROMPT]))[0]
    err = (llama_logits(llm, PROMPT) - ref).abs().max() / ref.abs().max()
    assert 0 < err < tol  # rounded, not garbled


def test_tokenizer_matches(tokenizer_dir, tmp_path):
    """llama.cpp's gpt-2 pre-tokenizer + the exported merges give nanoseek's ids."""
    tok = Tokenizer.load(tokenizer_dir)
    llm = llama(export_gguf(random_model(small_config(vocab_size=VOCAB)), tokenizer_dir, tmp_path / "m.gguf"))
    text = "Whether 'tis nobler in the mind, to suffer 123 slings?  Ay!\n<think>yes</think>"
    assert llm.tokenize(text.encode(), add_bos=True, special=True) == tok.encode(text, bos=True)
