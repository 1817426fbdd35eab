"""The DeepSeek-V2 family (V2, V2-Lite): softmax gate, greedy or group-limited top-k, no MTP, MLA with or without
query compression. Parity with transformers' DeepseekV2ForCausalLM both ways, the engine over the same modules,
training, checkpoints, GGUF and the config's refusals."""

import itertools
import json
import warnings

import pytest
import torch
from helpers import random_model, small_config
from test_engine import check_batched_greedy, check_forward, workload
from test_pretrain import config, data  # noqa: F401  (data: the token shards fixture)

import nanoseek
from nanoseek.config import ConfigError, ModelConfig
from nanoseek.engine import SamplingParams
from nanoseek.engine.runner import InferenceModel
from nanoseek.model import Compiled, Invariant
from nanoseek.model.moe import SoftmaxGate
from nanoseek.presets import get_preset
from nanoseek.train.metrics import read_metrics
from nanoseek.train.pretrain import pretrain

transformers = pytest.importorskip("transformers")
# Small ops: a second OpenMP thread only waits at barriers on a busy machine (one thread: pretraining here 8x faster)
pytestmark = pytest.mark.usefixtures("one_thread")

V2 = dict(model_type="deepseek_v2", scoring_func="softmax", topk_method="greedy", norm_topk_prob=False,
          num_nextn_predict_layers=0, routed_scaling_factor=1.0)
GROUPED = dict(topk_method="group_limited_greedy", n_routed_experts=16, n_group=4, topk_group=2, num_experts_per_tok=3)
CONFIGS = {
    "greedy": {},
    "greedy_no_q_lora": dict(q_lora_rank=None, n_shared_experts=2),  # V2-Lite's kind
    "grouped": dict(GROUPED, routed_scaling_factor=2.5),
    "grouped_no_q_lora_yarn": dict(GROUPED, q_lora_rank=None, max_position_embeddings=64,
                                   rope_scaling={"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 16,
                                                 "beta_fast": 32, "beta_slow": 1, "mscale": 0.707,
                                                 "mscale_all_dim": 0.707}),
    "no_dense_tied_biased": dict(first_k_dense_replace=0, tie_word_embeddings=True, attention_bias=True),
}


def v2_config(**changes):
    return small_config(**{**V2, **changes})


def hf_model(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return transformers.AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()


@pytest.mark.parametrize("name", CONFIGS)
def test_nanoseek_checkpoint_matches_transformers(name, tmp_path):
    cfg = v2_config(**CONFIGS[name])
    model = random_model(cfg)
    nanoseek.save(model, tmp_path)
    ref = hf_model(tmp_path)
    assert type(ref).__name__ == "DeepseekV2ForCausalLM"
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    with torch.no_grad():
        ours, theirs = model(ids), ref(ids).logits
    assert theirs.std() > 0.1  # far from trivial logits
    assert (ours - theirs).abs().max() <= 1e-4


@pytest.mark.parametrize("name", ["greedy_no_q_lora", "grouped"])
def test_transformers_checkpoint_loads_in_nanoseek(name, tmp_path):
    """A model made by transformers from its own DeepseekV2Config (none of nanoseek's extra keys: the family's
    defaults fill them in), re-randomised there, saved with save_pretrained, loaded by nanoseek."""
    cfg = v2_config(**CONFIGS[name])
    keys = ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
            "q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim",
            "moe_intermediate_size", "n_routed_experts", "n_shared_experts", "num_experts_per_tok", "n_group",
            "topk_group", "topk_method", "routed_scaling_factor", "first_k_dense_replace", "initializer_range")
    hf_cfg = transformers.DeepseekV2Config(**{k: getattr(cfg, k) for k in keys})
    torch.manual_seed(1)
    ref = transformers.DeepseekV2ForCausalLM(hf_cfg).eval()
    with torch.no_grad():
        for pname, p in ref.named_parameters():
            p.uniform_(0.5, 1.5) if "norm" in pname else p.normal_(0, 0.1)
    ref.save_pretrained(tmp_path)
    saved = json.loads((tmp_path / "config.json").read_text())
    assert saved["model_type"] == "deepseek_v2" and "scoring_func" not in saved  # transformers' own keys only
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no key left unread, no MTP expected
        model = nanoseek.load(tmp_path, device="cpu")
    assert model.config.scoring_func == "softmax" and model.config.topk_method == cfg.topk_method
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    with torch.no_grad():
        ours, theirs = model(ids), ref(ids).logits
    assert theirs.std() > 0.1
    assert (ours - theirs).abs().max() <= 1e-4


def test_round_trip_keeps_every_tensor_under_v2_names(tmp_path):
    model = random_model(v2_config(**CONFIGS["grouped_no_q_lora_yarn"]))
    nanoseek.save(model, tmp_path, max_shard_bytes=50_000)
    loaded = nanoseek.load(tmp_path, device="cpu")
    assert loaded.config == model.config
    for (name, a), (_, b) in itertools.zip_longest(model.state_dict().items(), loaded.state_dict().items()):
        assert torch.equal(a, b), name
    names = set(json.loads((tmp_path / "model.safetensors.index.json").read_text())["weight_map"])
    assert {"model.layers.1.mlp.experts.15.down_proj.weight", "model.layers.0.self_attn.q_proj.weight"} <= names
    assert not any("e_score_correction_bias" in n or "q_a_proj" in n for n in names)
    saved = json.loads((tmp_path / "config.json").read_text())
    assert saved["architectures"] == ["DeepseekV2ForCausalLM"] and saved["scoring_func"] == "softmax"
    assert "rope_interleave" not in saved and "num_nextn_predict_layers" not in saved  # not V2's keys


def test_the_released_v2_lite_config_reads_as_the_preset():
    released = {  # DeepSeek-V2-Lite's config.json (its hyper-parameters)
        "architectures": ["DeepseekV2ForCausalLM"], "model_type": "deepseek_v2", "attention_bias": False,
        "attention_dropout": 0.0, "aux_loss_alpha": 0.001, "bos_token_id": 100000, "eos_token_id": 100001,
        "first_k_dense_replace": 1, "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02,
        "intermediate_size": 10944, "kv_lora_rank": 512, "max_position_embeddings": 163840,
        "moe_intermediate_size": 1408, "moe_layer_freq": 1, "n_group": 1, "n_routed_experts": 64,
        "n_shared_experts": 2, "norm_topk_prob": False, "num_attention_heads": 16, "num_experts_per_tok": 6,
        "num_hidden_layers": 27, "num_key_value_heads": 16, "pretraining_tp": 1, "q_lora_rank": None,
        "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "rms_norm_eps": 1e-06,
        "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 0.707, "mscale_all_dim": 0.707,
                         "original_max_position_embeddings": 4096, "type": "yarn"},
        "rope_theta": 10000, "routed_scaling_factor": 1.0, "scoring_func": "softmax", "seq_aux": True,
        "tie_word_embeddings": False, "topk_group": 1, "topk_method": "greedy", "torch_dtype": "bfloat16",
        "use_cache": True, "v_head_dim": 128, "vocab_size": 102400}
    cfg = ModelConfig.from_dict(released)
    assert cfg == get_preset("deepseek-v2-lite")
    assert ModelConfig.from_dict(cfg.to_dict()) == cfg
    n = cfg.num_params()
    assert round(n["total"] / 1e9, 1) == 15.7  # DeepSeek's 15.7B
    # DeepSeek's 2.4B activated leaves out the input embedding (nanoseek counts it: 2.66B)
    assert round((n["active"] - cfg.vocab_size * cfg.hidden_size) / 1e9, 2) == 2.45
    assert cfg.kv_cache_bytes(1) == 27 * (512 + 64) * 2 and cfg.kv_cache_bytes(1 << 20) == (1 << 20) * 31104
    v2 = get_preset("deepseek-v2").num_params()
    assert round(v2["total"] / 1e9) == 236 and round(v2["active"] / 1e9) == 21  # DeepSeek's 236B / 21B


@pytest.mark.parametrize("changes,match", [
    (dict(norm_topk_prob=True), "norm_topk_prob"),
    (dict(scoring_func="sigmoid"), "softmax"),
    (dict(topk_method="noaux_tc"), "greedy"),
    (dict(num_nextn_predict_layers=1), "no MTP"),
    (dict(rope_interleave=False), "adjacent RoPE pairs"),
    (dict(GROUPED, n_group=3), "divisible by n_group"),
    (dict(GROUPED, num_experts_per_tok=9), "selected groups"),
])
def test_what_v2_cannot_compute_faithfully_is_refused(changes, match):
    with pytest.raises(ConfigError, match=match):
        v2_config(**changes)


def test_config_json_of_other_families_is_refused_clearly():
    d = v2_config().to_dict()
    with pytest.raises(ConfigError, match="model_type 'llama'; nanoseek computes deepseek_v3, deepseek_v2"):
        ModelConfig.from_dict({**d, "model_type": "llama"})
    with pytest.raises(ConfigError, match="mlp_bias"):
        ModelConfig.from_dict({**d, "mlp_bias": True})
    with pytest.raises(ConfigError, match="scoring_func must be 'sigmoid' for deepseek_v3"):
        ModelConfig.from_dict({**d, "model_type": "deepseek_v3"})


def test_the_gate_routes_like_the_paper():
    """Greedy: the k best softmax scores; group-limited: only experts of the topk_group groups with the best single
    expert; weights: the scores themselves times routed_scaling_factor (no renormalising, no bias)."""
    for changes in ({}, dict(GROUPED, routed_scaling_factor=2.5)):
        cfg = v2_config(**changes)
        gate = random_model(cfg).moe_layers()[0].gate
        assert isinstance(gate, SoftmaxGate) and not hasattr(gate, "e_score_correction_bias")
        x = torch.randn(300, cfg.hidden_size)
        with torch.no_grad():
            weights, experts, scores = gate(x)
        probs = (x @ gate.weight.t()).softmax(-1)
        assert torch.allclose(scores, probs, atol=1e-6)
        eligible = probs.clone()
        if cfg.topk_method == "group_limited_greedy":
            best = probs.view(300, cfg.n_group, -1).amax(-1).topk(cfg.topk_group, -1).indices
            in_group = torch.zeros(300, cfg.n_group, dtype=torch.bool).scatter_(1, best, True)
            eligible[~in_group.repeat_interleave(cfg.n_routed_experts // cfg.n_group, 1)] = -1
            assert not torch.equal(eligible.topk(cfg.num_experts_per_tok).indices.sort(-1).values,
                                   probs.topk(cfg.num_experts_per_tok).indices.sort(-1).values)  # groups matter
        want = eligible.topk(cfg.num_experts_per_tok, -1).indices.sort(-1).values
        assert torch.equal(experts, want)
        assert torch.allclose(weights, probs.gather(1, want) * cfg.routed_scaling_factor)
        # the engine's modes route through their own top-k and id ordering (model/ops.py): the same choice
        for ops in (Invariant(), Compiled()):
            with torch.no_grad():
                w2, e2, _ = gate(x, ops)
            assert torch.equal(e2, experts) and torch.allclose(w2, weights)


@pytest.mark.parametrize("name", ["greedy_no_q_lora", "grouped"])
def test_engine_forward_is_the_models(name):
    """The engine's eager modes run the model's own modules over the latent cache: prefill, decode steps and a
    two-token step equal the full forward; the batch-invariant mode bit for bit, batched or alone."""
    model = random_model(v2_config(**CONFIGS[name]))
    check_forward(model, InferenceModel(model, deterministic=True))
    check_forward(model, InferenceModel(model, deterministic=False), invariant=False)


def test_engine_batched_greedy_equals_one_at_a_time_and_the_models_argmax():
    model = random_model(v2_config(**CONFIGS["grouped"]))
    jobs = workload(10)
    solo = check_batched_greedy(model, jobs, speculative=False)
    prompt, n = jobs[0]
    ids = list(prompt)
    with torch.no_grad():  # greedy over the model's own full forward
        for _ in range(n):
            ids.append(int(model(torch.tensor([ids]))[0, -1].argmax()))
    assert solo[0] == ids[len(prompt):]


def test_tiny_v2_pretrains_with_falling_validation_loss(data, tmp_path):  # noqa: F811 (the imported fixture)
    pretrain(config(data, tmp_path, preset="tiny-v2", steps=9, batch_size=4, seq_len=32, warmup=2, eval_every=3,
                    eval_batches=2, ckpt_every=9, dtype="fp32"))
    val = [r["val_loss"] for r in read_metrics(tmp_path) if "val_loss" in r]
    assert len(val) == 3 and val[0] > val[1] > val[2], val
    release = nanoseek.load(tmp_path / "final", device="cpu")
    assert release.config.model_type == "deepseek_v2" and release.config.aux_loss_alpha > 0  # trained with V2's loss


def test_gguf_greedy_v2_decodes_like_nanoseek_and_group_limited_is_refused(tmp_path):
    """llama.cpp's deepseek2 with softmax gating and no expert bias computes V2's greedy routing; its group scores
    are V3's (sum of the two best), so a V2 group-limited model is refused rather than exported to route otherwise."""
    pytest.importorskip("llama_cpp")
    import gguf
    from test_export_gguf import PROMPT, TEXT, VOCAB, llama, llama_greedy, llama_logits

    from nanoseek.engine import generate
    from nanoseek.export.gguf import export_gguf
    from nanoseek.tokenizer import Tokenizer

    Tokenizer.train(TEXT, vocab_size=VOCAB).save(tmp_path)
    model = random_model(v2_config(vocab_size=VOCAB, **CONFIGS["greedy_no_q_lora"], routed_scaling_factor=2.0))
    path = export_gguf(model, tmp_path, tmp_path / "m.gguf", tensor_type="f32")
    reader = gguf.GGUFReader(path)
    assert reader.fields["deepseek2.expert_gating_func"].contents() == gguf.ExpertGatingFuncType.SOFTMAX.value
    assert reader.fields["deepseek2.expert_group_count"].contents() == 1  # greedy: the groups play no part
    assert not any("exp_probs_b" in t.name for t in reader.tensors)
    llm = llama(path)
    with torch.no_grad():
        ref = model(torch.tensor([PROMPT]))[0]
    assert ref.std() > 0.3 and (llama_logits(llm, PROMPT) - ref).abs().max() < 1e-4
    ours = list(generate(model, PROMPT, SamplingParams(temperature=0.0, max_tokens=48)))
    assert llama_greedy(llm, PROMPT, 48) == ours
    with pytest.raises(ValueError, match="sum of its two best experts"):
        export_gguf(random_model(v2_config(vocab_size=VOCAB, **GROUPED)), tmp_path, tmp_path / "g.gguf")


def test_info_prints_the_v2_lite_shape_and_kv_cache(capsys):
    from nanoseek.cli import main

    main(["info", "--preset", "deepseek-v2-lite"])
    out = capsys.readouterr().out
    assert "deepseek_v2" in out and "softmax gate, greedy over all" in out and "15.7B total" in out
    assert "31,104 bytes per token" in out and "128K 3.8 GiB, 1M 30.4 GiB" in out
