"""The DeepSeek-V4 family: hybrid attention (sliding window, CSA with its indexer, HCA), attention sink, grouped
low-rank output, mHC streams, hash-routed and sqrt-softplus MoE layers, MTP. Parity with transformers'
DeepseekV4ForCausalLM both ways, checkpoints, training, the config's refusals and what nanoseek refuses to run."""

import json
import warnings

import pytest
import torch
from test_pretrain import config, data  # noqa: F401  (data: the token shards fixture)

import nanoseek
from nanoseek.checkpoint import CheckpointError
from nanoseek.config import ConfigError, ModelConfig
from nanoseek.model import Transformer
from nanoseek.model.mhc import HyperConnection, HyperHead
from nanoseek.model.moe_v4 import HashGate, ScoreGate
from nanoseek.presets import get_preset
from nanoseek.train.metrics import read_metrics
from nanoseek.train.pretrain import pretrain

transformers = pytest.importorskip("transformers")
pytestmark = pytest.mark.usefixtures("one_thread")

ALL_TYPES = ["sliding_attention", "compressed_sparse_attention", "heavily_compressed_attention",
             "compressed_sparse_attention"]
BASE = dict(model_type="deepseek_v4", vocab_size=160, hidden_size=64, num_hidden_layers=4, num_attention_heads=4,
            num_key_value_heads=1, head_dim=32, qk_rope_head_dim=8, q_lora_rank=32, o_groups=2, o_lora_rank=16,
            moe_intermediate_size=32, n_routed_experts=8, n_shared_experts=1, num_experts_per_tok=2,
            scoring_func="sqrtsoftplus", routed_scaling_factor=1.5, max_position_embeddings=256,
            layer_types=ALL_TYPES, mlp_layer_types=["hash_moe", "hash_moe", "moe", "moe"],
            compress_rates={"compressed_sparse_attention": 4, "heavily_compressed_attention": 8}, sliding_window=8,
            index_n_heads=16, index_head_dim=16, index_topk=3, hc_mult=3, hc_sinkhorn_iters=20,
            num_nextn_predict_layers=1, initializer_range=0.1, swiglu_limit=0.5)
CONFIGS = {
    # every layer type, two hash layers, 3 streams; the indexer keeps 3 of up to 10 entries (sparse)
    "every_type_sparse": {},
    # the indexer keeps every finished entry (k above the entries); YaRN on the compressed layers; sigmoid scores
    "topk_above_yarn_sigmoid": dict(index_topk=64, scoring_func="sigmoid", swiglu_limit=10.0,
                                    rope_scaling={"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 16,
                                                  "beta_fast": 32, "beta_slow": 1}),
    # transformers' default schedule (HCA, HCA, then CSA and HCA in turn), three hash layers, 4 streams, a wide
    # window, no MTP
    "default_schedule": dict(num_hidden_layers=5, layer_types=None, mlp_layer_types=None, hc_mult=4, sliding_window=16,
                             num_nextn_predict_layers=0, o_groups=4),
}


def v4_config(**changes) -> ModelConfig:
    return ModelConfig(**{**BASE, **changes})


def randomize(model: Transformer, seed: int = 0) -> Transformer:
    """Every parameter and buffer that matters made non-trivial: norms, sinks, position biases, mHC biases and
    scales, routing biases and the hash tables."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(torch.rand(p.shape, generator=g) + 0.5)
            elif name.endswith(("attn_sink", ".ape", ".base", "hc_base")):
                p.copy_(torch.randn(p.shape, generator=g) * 0.5)
            elif name.endswith((".scale", "hc_scale")):
                p.copy_(torch.rand(p.shape, generator=g) + 0.5)
        for m in model.modules():
            if isinstance(m, ScoreGate):
                m.e_score_correction_bias.copy_(torch.rand(m.e_score_correction_bias.shape, generator=g) * 0.1)
            elif isinstance(m, HashGate):
                m.reset_table(seed=int(torch.randint(0, 1000, (1,), generator=g)))
    return model.eval()


def random_model(cfg: ModelConfig, seed: int = 0) -> Transformer:
    torch.manual_seed(seed)
    return randomize(Transformer(cfg), seed)


def hf_model(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return transformers.AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()


def hf_logits(ref, ids):
    with torch.no_grad():
        return ref(ids, use_cache=False).logits


@pytest.mark.parametrize("name", CONFIGS)
def test_nanoseek_checkpoint_matches_transformers(name, tmp_path):
    cfg = v4_config(**CONFIGS[name])
    model = random_model(cfg)
    nanoseek.save(model, tmp_path)
    ref = hf_model(tmp_path)
    assert type(ref).__name__ == "DeepseekV4ForCausalLM"
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    with torch.no_grad():
        ours = model(ids)
    theirs = hf_logits(ref, ids)
    assert theirs.std() > 0.1  # far from trivial logits
    assert (ours - theirs).abs().max() <= 1e-4
    with torch.no_grad():  # and the cached path of transformers (its own window + compressor caches) agrees
        assert (ref(ids).logits - ours).abs().max() <= 1e-4


@pytest.mark.parametrize("name", ["every_type_sparse", "default_schedule"])
def test_transformers_checkpoint_loads_in_nanoseek(name, tmp_path):
    """A model made by transformers from its own DeepseekV4Config, re-randomised there, saved with save_pretrained,
    loaded by nanoseek (which warns that the MTP module transformers does not keep is absent)."""
    cfg = v4_config(**CONFIGS[name])
    d = cfg.to_dict()
    for key in ("architectures", "aux_loss_alpha", "initializer_range"):
        d.pop(key, None)
    hf_cfg = transformers.DeepseekV4Config(**d)
    torch.manual_seed(1)
    ref = transformers.DeepseekV4ForCausalLM(hf_cfg).eval()
    with torch.no_grad():
        for pname, p in ref.named_parameters():
            if pname.endswith("norm.weight") or pname.endswith("scale"):
                p.uniform_(0.5, 1.5)
            else:
                p.normal_(0, 0.3 if pname.endswith(("sinks", "position_bias", "base")) else 0.1)
        for mname, buf in ref.named_buffers():
            if mname.endswith("e_score_correction_bias"):
                buf.uniform_(0, 0.1)
            elif mname.endswith("tid2eid"):
                buf.copy_(torch.rand(buf.shape[0], cfg.n_routed_experts).argsort(-1)[:, : buf.shape[1]])
    ref.save_pretrained(tmp_path)
    if cfg.num_nextn_predict_layers:
        with pytest.warns(UserWarning, match="MTP"):
            model = nanoseek.load(tmp_path, device="cpu")
    else:
        model = nanoseek.load(tmp_path, device="cpu")
    ids = torch.randint(0, cfg.vocab_size, (2, 37))
    theirs = hf_logits(ref, ids)
    with torch.no_grad():
        ours = model(ids)
    assert theirs.std() > 0.1
    assert (ours - theirs).abs().max() <= 1e-4


def test_save_load_roundtrip_keeps_mtp_and_names(tmp_path):
    cfg = v4_config()
    model = random_model(cfg)
    nanoseek.save(model, tmp_path)
    from safetensors import safe_open
    with safe_open(tmp_path / "model.safetensors", "pt") as f:
        names = set(f.keys())
    for name in ("head.weight", "model.hc_head.hc_fn", "model.layers.0.hc_attn_fn", "model.layers.0.ffn.gate.tid2eid",
                 "model.layers.2.ffn.gate.bias", "model.layers.1.attn.indexer.compressor.ape",
                 "model.layers.3.ffn.experts.7.w3.weight", "model.layers.1.attn.attn_sink", "mtp.0.eh_proj.weight"):
        assert name in names
    loaded = nanoseek.load(tmp_path, device="cpu")
    ids = torch.randint(0, cfg.vocab_size, (1, 33))
    with torch.no_grad():
        assert torch.equal(model(ids), loaded(ids))
        h = model.hidden_states(ids)
        for a, b in zip(model.mtp_logits(ids, h), loaded.mtp_logits(ids, h)):
            assert torch.equal(a, b)
    (tmp_path / "model.safetensors").rename(tmp_path / "full.safetensors")
    from safetensors.torch import load_file, save_file
    tensors = load_file(tmp_path / "full.safetensors")
    del tensors["model.layers.1.attn.indexer.wq_b.weight"]
    save_file(tensors, tmp_path / "model.safetensors")
    with pytest.raises(CheckpointError, match="indexer.wq_b"):
        nanoseek.load(tmp_path, device="cpu")


def test_config_reads_transformers_and_released_spellings():
    d = v4_config(rope_scaling={"type": "yarn", "factor": 16, "original_max_position_embeddings": 64}).to_dict()
    hf = transformers.DeepseekV4Config(**{k: v for k, v in d.items() if k != "architectures"})
    assert hf.rope_parameters["compress"]["rope_type"] == "yarn" and hf.qk_rope_head_dim == 8
    back = ModelConfig.from_dict(json.loads(hf.to_json_string()))
    assert back == v4_config(rope_scaling={"type": "yarn", "factor": 16, "original_max_position_embeddings": 64,
                                           "attention_factor": 1.0})
    released = {"model_type": "deepseek_v4", "num_hidden_layers": 4, "compress_ratios": [0, 0, 4, 128],
                "num_hash_layers": 2, "qk_rope_head_dim": 64, "first_k_dense_replace": 2, "num_key_value_heads": 2,
                "rope_scaling": {"type": "yarn", "factor": 16, "original_max_position_embeddings": 65536}}
    cfg = ModelConfig.from_dict(released)
    assert cfg.layer_types == ["sliding_attention", "sliding_attention", "compressed_sparse_attention",
                               "heavily_compressed_attention"]
    assert cfg.mlp_layer_types == ["hash_moe", "hash_moe", "moe", "moe"] and cfg.qk_rope_head_dim == 64
    assert cfg.hidden_size == 4096 and cfg.scoring_func == "sqrtsoftplus"  # DeepseekV4Config's defaults
    assert cfg.num_key_value_heads == 1  # (transformers ignores the key: V4 has one key-value latent)
    with pytest.raises(ConfigError, match="compress_ratios"):
        ModelConfig.from_dict({**released, "compress_ratios": [0, 0, 4, 16]})


@pytest.mark.parametrize("changes, message", [
    (dict(num_key_value_heads=2), "one key-value head"),
    (dict(q_lora_rank=None), "q_lora_rank"),
    (dict(layer_types=ALL_TYPES[:3]), "one type per layer"),
    (dict(layer_types=["full_attention"] * 4), "layer_types entries"),
    (dict(mlp_layer_types=["dense"] * 4), "mlp_layer_types entries"),
    (dict(norm_topk_prob=False), "renormalises"),
    (dict(n_shared_experts=2), "one shared expert"),
    (dict(o_groups=3), "o_groups"),
    (dict(scoring_func="softmax"), "scoring_func"),
    (dict(index_head_dim=4), "index_head_dim"),
    (dict(compress_rates={"compressed_sparse_attention": 4}), "compress_rates"),
])
def test_config_refuses_what_it_cannot_compute(changes, message):
    with pytest.raises(ConfigError, match=message):
        v4_config(**changes)


def test_presets_match_the_released_sizes():
    flash, pro = get_preset("deepseek-v4-flash").num_params(), get_preset("deepseek-v4-pro").num_params()
    assert 280e9 < flash["total"] < 290e9 and 12.5e9 < flash["active"] < 14e9
    assert 1.55e12 < pro["total"] < 1.65e12 and 48e9 < pro["active"] < 51e9
    tiny = get_preset("tiny-v4")
    counts = tiny.num_params()
    assert sum(p.numel() for p in Transformer(tiny).parameters()) == counts["total"] + counts["mtp"]
    # window + compressed caches: far below V3's latent cache at 1M tokens, and growing ~ context / m
    v3 = get_preset("deepseek-v3")
    assert get_preset("deepseek-v4-pro").kv_cache_bytes(1 << 20) < 0.2 * v3.kv_cache_bytes(1 << 20)


def test_mhc_mixing_is_doubly_stochastic():
    cfg = v4_config(hc_mult=4)
    hc = HyperConnection(cfg)
    with torch.no_grad():
        hc.fn.normal_(0, 0.05)
        hc.base.normal_(0, 1.0)
    _, post, comb = hc(torch.randn(2, 5, 4, cfg.hidden_size))
    assert comb.std() > 0.05  # far from uniform mixing
    assert torch.allclose(comb.sum(-1), torch.ones(2, 5, 4), atol=1e-3)  # rows and columns both sum to one
    assert torch.allclose(comb.sum(-2), torch.ones(2, 5, 4), atol=1e-5)
    assert (post > 0).all() and (post < 2).all()
    assert HyperHead(cfg)(torch.randn(2, 5, 4, cfg.hidden_size)).shape == (2, 5, cfg.hidden_size)


def test_hash_layers_route_by_token_id_and_attention_is_causal():
    cfg = v4_config()
    model = random_model(cfg)
    gate = model.layers[0].ffn.gate
    ids = torch.randint(0, cfg.vocab_size, (1, 40))
    model.train()
    gate.load.zero_()
    with torch.no_grad():
        model(ids)
    counted = torch.bincount(gate.tid2eid[ids[0]].flatten(), minlength=cfg.n_routed_experts).float()
    assert torch.equal(gate.load, counted)  # the table alone decided
    model.eval()
    changed = ids.clone()
    changed[0, 30:] = (changed[0, 30:] + 1) % cfg.vocab_size
    with torch.no_grad():
        a, b = model(ids), model(changed)
    assert torch.allclose(a[:, :30], b[:, :30], atol=1e-6) and not torch.allclose(a[:, 30:], b[:, 30:])


def test_exports_refuse_v4(tmp_path):  # (the engine decodes V4: tests/test_engine_v4.py)
    from nanoseek.export.gguf import export_gguf
    model = random_model(v4_config())
    with pytest.raises(ValueError, match="llama.cpp has no DeepSeek-V4"):
        export_gguf(model, tmp_path, tmp_path / "out.gguf")


def test_tiny_v4_pretrains_with_falling_validation_loss(data, tmp_path):  # noqa: F811 (the imported fixture)
    """tiny-v4 trains with MTP and aux-loss-free balancing: validation loss falls, the learned layers' expert biases
    move, the hash layer keeps its table; the release loads back as V4."""
    pretrain(config(data, tmp_path, preset="tiny-v4", steps=9, batch_size=4, seq_len=64, warmup=2, eval_every=3,
                    eval_batches=2, ckpt_every=9, dtype="fp32"))
    metrics = read_metrics(tmp_path)
    val = [r["val_loss"] for r in metrics if "val_loss" in r]
    assert len(val) == 3 and val[0] > val[1] > val[2], val
    assert all(r["mtp_loss"] > 0 for r in metrics if "mtp_loss" in r)
    release = nanoseek.load(tmp_path / "final", device="cpu")
    assert release.config.model_type == "deepseek_v4"
    gates = [layer.ffn.gate for layer in release.layers]
    assert isinstance(gates[0], HashGate) and all(isinstance(g, ScoreGate) for g in gates[1:])
    assert all(g.e_score_correction_bias.abs().sum() > 0 for g in gates[1:])  # balancing moved them
    fresh = Transformer(release.config)
    assert torch.equal(gates[0].tid2eid, fresh.layers[0].ffn.gate.tid2eid)  # the hash table is fixed


@pytest.mark.parametrize("name", CONFIGS)
def test_cached_decoding_equals_the_full_forward(name):
    """Prefill, chunks and single tokens over the HybridCache (window + compressed entries + open windows + the
    indexer's keys) give the full forward's logits, for a batch of two."""
    cfg = v4_config(**CONFIGS[name])
    model = random_model(cfg, seed=3)
    ids = torch.randint(0, cfg.vocab_size, (2, 45))
    with torch.no_grad():
        full = model(ids)
        cache = model.new_cache(2, 64)
        chunks = [ids[:, :3], ids[:, 3:14], ids[:, 14:22], *ids[:, 22:].split(1, dim=1)]
        stepped = torch.cat([model(chunk, cache) for chunk in chunks], dim=1)
    assert cache.lengths.tolist() == [45, 45]
    assert (stepped - full).abs().max() <= 1e-4


def test_greedy_decoding_matches_transformers_generate(tmp_path):
    cfg = v4_config()
    model = random_model(cfg, seed=4)
    nanoseek.save(model, tmp_path)
    ref = hf_model(tmp_path)
    prompt = torch.randint(0, cfg.vocab_size, (1, 11))
    with torch.no_grad():
        theirs = ref.generate(prompt, max_new_tokens=30, do_sample=False, min_new_tokens=30)[0, 11:]
        cache, ours = model.new_cache(1, 64), []
        logits = model(prompt, cache)
        for _ in range(30):
            logits[..., cfg.eos_token_id] = float("-inf")  # (min_new_tokens keeps transformers from ending)
            ours.append(int(logits[0, -1].argmax()))
            logits = model(torch.tensor([[ours[-1]]]), cache)
    assert ours == theirs.tolist()


def test_cache_keeps_the_window_and_the_compressed_entries_only():
    cfg = v4_config()
    model = random_model(cfg)
    cache = model.new_cache(1, 400)
    with torch.no_grad():
        model(torch.randint(0, cfg.vocab_size, (1, 400)), cache)
    full_latents = (cfg.num_hidden_layers + cfg.num_nextn_predict_layers) * 400 * cfg.head_dim * 4
    assert cache.bytes_held() < 0.5 * full_latents
    L = cfg.num_hidden_layers
    assert [layer.kv.shape[1] for layer in cache.layers[:L]] == [cfg.sliding_window - 1 + cache.slack] * L
    assert cache.layers[2].compressor.entries.shape[1] == (400 + cache.slack) // 8 + 2  # HCA: one per 8 tokens
    with pytest.raises(ValueError, match="overflow"):
        model(torch.zeros(1, 1, dtype=torch.long), cache)
