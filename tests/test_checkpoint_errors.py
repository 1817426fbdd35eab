"""Every bad checkpoint gets a clear error naming the problem and the tensor or file."""

import json

import pytest
import torch
from helpers import random_model, small_config
from safetensors.torch import load_file, save_file

import nanoseek
from nanoseek import CheckpointError, ConfigError


@pytest.fixture
def ckpt(tmp_path):
    nanoseek.save(random_model(small_config()), tmp_path)
    return tmp_path


def edit_tensors(path, fn):
    tensors = load_file(path / "model.safetensors")
    fn(tensors)
    save_file(tensors, path / "model.safetensors")


def edit_config(path, **changes):
    cfg = json.loads((path / "config.json").read_text())
    cfg.update(changes)
    (path / "config.json").write_text(json.dumps(cfg))


def test_missing_tensor(ckpt):
    edit_tensors(ckpt, lambda t: t.pop("model.layers.0.self_attn.kv_b_proj.weight"))
    with pytest.raises(CheckpointError, match=r"missing tensor 'model\.layers\.0\.self_attn\.kv_b_proj\.weight'"):
        nanoseek.load(ckpt)


def test_missing_expert(ckpt):
    edit_tensors(ckpt, lambda t: t.pop("model.layers.1.mlp.experts.3.up_proj.weight"))
    with pytest.raises(CheckpointError, match=r"model\.layers\.1\.mlp\.experts.*up_proj.*missing \[3\]"):
        nanoseek.load(ckpt)


def test_unexpected_tensor(ckpt):
    edit_tensors(ckpt, lambda t: t.__setitem__("model.layers.0.self_attn.mystery.weight", torch.zeros(2)))
    with pytest.raises(CheckpointError, match=r"unexpected tensor 'model\.layers\.0\.self_attn\.mystery\.weight'"):
        nanoseek.load(ckpt)


def test_misshaped_tensor(ckpt):
    edit_tensors(ckpt, lambda t: t.__setitem__("model.norm.weight", torch.ones(7)))
    with pytest.raises(CheckpointError, match=r"'model\.norm\.weight' has shape \(7,\); config\.json implies \(64,\)"):
        nanoseek.load(ckpt)


def test_config_disagreeing_with_weights(ckpt):
    edit_config(ckpt, hidden_size=96)
    with pytest.raises(CheckpointError, match="has shape"):
        nanoseek.load(ckpt)


def test_truncated_file(ckpt):
    f = ckpt / "model.safetensors"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    with pytest.raises(CheckpointError, match="model.safetensors is not a readable safetensors file"):
        nanoseek.load(ckpt)


def test_garbage_file(ckpt):
    (ckpt / "model.safetensors").write_bytes(b"\x00" * 100)
    with pytest.raises(CheckpointError, match="truncated or corrupt"):
        nanoseek.load(ckpt)


def test_unknown_scoring_func(ckpt):
    edit_config(ckpt, scoring_func="softmax")
    with pytest.raises(ConfigError, match="scoring_func must be 'sigmoid'.*'softmax'"):
        nanoseek.load(ckpt)


def test_unknown_topk_method(ckpt):
    edit_config(ckpt, topk_method="greedy")
    with pytest.raises(ConfigError, match="topk_method"):
        nanoseek.load(ckpt)


def test_fp8_weights_load_dequantized_and_malformed_ones_are_refused(ckpt):
    name = "model.layers.0.self_attn.o_proj.weight"
    w = load_file(ckpt / "model.safetensors")[name]  # [64, 32]: one partial 128x128 block
    scale = w.abs().max().reshape(1, 1) / 448
    fp8 = (w / scale).to(torch.float8_e4m3fn)
    edit_tensors(ckpt, lambda t: t.update({name: fp8, name + "_scale_inv": scale}))
    model = nanoseek.load(ckpt, device="cpu")
    assert torch.equal(model.layers[0].self_attn.o_proj.weight, fp8.float() * scale)
    edit_tensors(ckpt, lambda t: t.__setitem__(name + "_scale_inv", torch.ones(2, 1)))
    with pytest.raises(CheckpointError, match=r"o_proj\.weight_scale_inv' has shape \(2, 1\).*needs \(1, 1\)"):
        nanoseek.load(ckpt)
    edit_tensors(ckpt, lambda t: t.pop(name + "_scale_inv"))
    with pytest.raises(CheckpointError, match=r"o_proj\.weight' is FP8 \(e4m3\) but has no weight_scale_inv"):
        nanoseek.load(ckpt)


def test_quantization_config_is_checked(ckpt):
    edit_config(ckpt, quantization_config={"quant_method": "fp8", "weight_block_size": [128, 128]})
    nanoseek.load(ckpt)  # DeepSeek's FP8 declaration (no FP8 tensor needs to be present)
    edit_config(ckpt, quantization_config={"quant_method": "fp8", "weight_block_size": [64, 64]})
    with pytest.raises(ConfigError, match=r"weight_block_size': \[64, 64\].*not DeepSeek's layout"):
        nanoseek.load(ckpt)
    edit_config(ckpt, quantization_config={"quant_method": "gptq", "bits": 4})
    with pytest.raises(ConfigError, match="quantization_config .*'gptq'.* is not one nanoseek reads"):
        nanoseek.load(ckpt)


def test_missing_directory_and_weights(tmp_path):
    with pytest.raises(CheckpointError, match="does not exist"):
        nanoseek.load(tmp_path / "nope")
    small_config().save(tmp_path / "config.json")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(CheckpointError, match="pickle-based weights are never loaded"):
        nanoseek.load(tmp_path)


def test_bad_config_json(ckpt):
    (ckpt / "config.json").write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        nanoseek.load(ckpt)


def test_index_naming_a_missing_shard(tmp_path):
    nanoseek.save(random_model(small_config()), tmp_path, max_shard_bytes=50_000)
    next(tmp_path.glob("model-00002-of-*.safetensors")).unlink()
    with pytest.raises(CheckpointError, match="model-00002-of-.*missing"):
        nanoseek.load(tmp_path)


def test_config_spellings(tmp_path):
    """Both RoPE spellings (rope_theta/rope_scaling and rope_parameters) give the same config."""
    old = small_config(rope_theta=5000.0, rope_scaling={"type": "yarn", "factor": 2.0,
                                                        "original_max_position_embeddings": 64})
    d = old.to_dict()
    d.pop("rope_theta"), d.pop("rope_scaling")
    d["rope_parameters"] = {"rope_type": "yarn", "rope_theta": 5000.0, "factor": 2.0,
                            "original_max_position_embeddings": 64}
    assert nanoseek.ModelConfig.from_dict(d) == old
    d["rope_parameters"] = {"rope_type": "default", "rope_theta": 5000.0}
    assert nanoseek.ModelConfig.from_dict(d).rope_scaling is None
    with pytest.raises(ConfigError, match="rope_scaling type must be 'yarn'"):
        small_config(rope_scaling={"type": "linear", "factor": 2.0})
    with pytest.raises(ConfigError, match="divisible by n_group"):
        small_config(n_group=3)
