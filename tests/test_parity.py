"""Logits parity with transformers' DeepseekV3ForCausalLM (the reference), both directions of exchange."""

import warnings

import pytest
import torch
from helpers import random_model, small_config

import nanoseek

transformers = pytest.importorskip("transformers")

CONFIGS = {
    "default": {},
    "no_q_lora": dict(q_lora_rank=None),
    "one_group": dict(n_group=1, topk_group=1),
    "four_groups": dict(n_routed_experts=16, n_group=4, topk_group=2, num_experts_per_tok=3),
    "no_dense": dict(first_k_dense_replace=0),
    "two_dense": dict(first_k_dense_replace=2, num_hidden_layers=3),
    "unnormalised_topk": dict(norm_topk_prob=False, routed_scaling_factor=2.5),
    "yarn": dict(rope_scaling={"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 16,
                               "beta_fast": 32, "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 0.8},
                 max_position_embeddings=64),
    "no_interleave": dict(rope_interleave=False),
    "tied_and_biased": dict(tie_word_embeddings=True, attention_bias=True, n_shared_experts=2),
}


def hf_logits(path, ids):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = transformers.AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    with torch.no_grad():
        return ref(ids).logits, ref


@pytest.mark.parametrize("name", CONFIGS)
def test_nanoseek_checkpoint_matches_transformers(name, tmp_path):
    cfg = small_config(**CONFIGS[name])
    model = random_model(cfg)
    nanoseek.save(model, tmp_path)
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    ref, _ = hf_logits(tmp_path, ids)
    with torch.no_grad():
        ours = model(ids)
    assert ours.shape == (2, 40, cfg.vocab_size)
    assert ref.std() > 0.1  # the logits are far from trivial
    assert (ours - ref).abs().max() <= 1e-4


@pytest.mark.parametrize("name", ["default", "no_q_lora", "yarn", "four_groups", "tied_and_biased"])
def test_transformers_checkpoint_loads_in_nanoseek(name, tmp_path):
    cfg = small_config(**CONFIGS[name])
    # Build the reference model from nanoseek's config.json, then re-randomise it on the transformers side.
    nanoseek.save(random_model(cfg), tmp_path / "seed")
    _, ref = hf_logits(tmp_path / "seed", torch.zeros(1, 1, dtype=torch.long))
    torch.manual_seed(1)
    with torch.no_grad():
        for pname, p in ref.named_parameters():
            p.uniform_(0.5, 1.5) if "norm" in pname else p.normal_(0, 0.1)
        for name_, buf in ref.named_buffers():
            if name_.endswith("e_score_correction_bias"):
                buf.uniform_(-0.05, 0.05)
    ref.save_pretrained(tmp_path / "hf")
    with pytest.warns(UserWarning, match="without MTP"):  # transformers drops the MTP modules
        model = nanoseek.load(tmp_path / "hf", device="cpu")
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    with torch.no_grad():
        ours, theirs = model(ids), ref(ids).logits
    assert theirs.std() > 0.1
    assert (ours - theirs).abs().max() <= 1e-4


def test_round_trip_keeps_every_tensor_and_mtp(tmp_path):
    model = random_model(small_config(num_nextn_predict_layers=2))
    nanoseek.save(model, tmp_path, max_shard_bytes=50_000)  # force several shards + index
    assert (tmp_path / "model.safetensors.index.json").exists()
    loaded = nanoseek.load(tmp_path, device="cpu")
    for (name, a), (_, b) in zip(model.state_dict().items(), loaded.state_dict().items()):
        assert torch.equal(a, b), name
    assert loaded.mtp[1].shared_head.head is loaded.lm_head  # the MTP head stays shared
    ids = torch.randint(0, 160, (1, 16))
    with torch.no_grad():
        h = model.hidden_states(ids)
        for x, y in zip(model.mtp_logits(ids, h), loaded.mtp_logits(ids, loaded.hidden_states(ids))):
            assert torch.equal(x, y)


def test_disk_names_are_the_released_deepseek_v3_names(tmp_path):
    cfg = small_config()
    nanoseek.save(random_model(cfg), tmp_path)
    from safetensors import safe_open
    with safe_open(tmp_path / "model.safetensors", "pt") as f:
        names = set(f.keys())
    L = cfg.num_hidden_layers
    for n in ["model.embed_tokens.weight", "model.norm.weight", "lm_head.weight",
              "model.layers.1.mlp.experts.7.gate_proj.weight", "model.layers.1.mlp.experts.0.down_proj.weight",
              "model.layers.1.mlp.gate.e_score_correction_bias", "model.layers.1.mlp.shared_experts.up_proj.weight",
              "model.layers.0.mlp.gate_proj.weight", "model.layers.0.self_attn.kv_a_proj_with_mqa.weight",
              f"model.layers.{L}.enorm.weight", f"model.layers.{L}.hnorm.weight", f"model.layers.{L}.eh_proj.weight",
              f"model.layers.{L}.shared_head.norm.weight", f"model.layers.{L}.shared_head.head.weight",
              f"model.layers.{L}.self_attn.q_a_proj.weight", f"model.layers.{L}.mlp.experts.3.up_proj.weight",
              f"model.layers.{L}.embed_tokens.weight"]:  # the MTP layer's copy of the embedding, as released
        assert n in names, n
    import json
    saved = json.loads((tmp_path / "config.json").read_text())
    assert saved["scoring_func"] == "sigmoid" and saved["topk_method"] == "noaux_tc"
    assert saved["model_type"] == "deepseek_v3"


def test_bf16_forward_close_to_fp32(tmp_path):
    model = random_model(small_config(initializer_range=0.02))
    nanoseek.save(model, tmp_path)
    bf16 = nanoseek.load(tmp_path, dtype=torch.bfloat16, device="cpu")
    assert bf16.embed_tokens.weight.dtype == torch.bfloat16
    assert bf16.layers[1].mlp.gate.e_score_correction_bias.dtype == torch.float32
    ids = torch.randint(0, 160, (2, 16))
    with torch.no_grad():
        a, b = model(ids), bf16(ids).float()
    assert b.dtype == torch.float32 and (a - b).abs().max() < 0.05 * a.abs().max() + 0.02
