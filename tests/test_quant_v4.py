"""DeepSeek-V4 quantized: int8 / int4 / fp8 modules (clamped experts, grouped output projection), logits against
float, nanoseek's int8/int4 checkpoints and DeepSeek's FP8 layout on disk, `nanoseek quantize`, no GGUF."""

import json
import warnings

import pytest
import torch
from safetensors.torch import load_file
from test_family_v4 import random_model, randomize, v4_config
from test_quant import check_within_half_a_step
from torch import nn

import nanoseek
from nanoseek.checkpoint import save_fp8, save_quantized
from nanoseek.cli import main as cli
from nanoseek.model import Transformer
from nanoseek.model.moe_v4 import ClampedExperts
from nanoseek.presets import get_preset
from nanoseek.quant import apply_quant, dequantize, weight_bytes
from nanoseek.quant.apply import make_scheme
from nanoseek.quant.fp8 import E4M3
from nanoseek.quant.modules import QuantEmbedding, QuantExperts, QuantLinear
from nanoseek.quant.weight_only import KERNEL_MAX_ROWS

pytestmark = pytest.mark.usefixtures("one_thread")

QUANT = (QuantLinear, QuantEmbedding, QuantExperts)
BF16_ON_DISK = ("compressor.wkv", "compressor.wgate", "weights_proj", "lm_head")  # in V4's FP8 release layout


@pytest.mark.parametrize("kind", ["int8", "int4"])
def test_every_linear_layer_and_expert_within_half_a_step(kind):
    """Every linear layer (wo_a, the grouped output projection, included), the clamped experts, embedding and
    head are swapped and hold their float weights within half a step; mHC, sinks, position biases, routers and
    hash tables stay as they were."""
    model = random_model(v4_config())
    ref = random_model(v4_config())
    apply_quant(model, kind)
    swapped = {n: m for n, m in model.named_modules() if isinstance(m, QUANT)}
    linears = {n for n, m in ref.named_modules() if isinstance(m, nn.Linear)}
    experts = {n for n, m in ref.named_modules() if isinstance(m, ClampedExperts)}
    assert "layers.1.attn.wo_a" in linears and len(experts) == 5  # 4 layers + the MTP module's
    assert set(swapped) == linears | experts | {"embed_tokens"}
    check_within_half_a_step(swapped, ref, kind)
    assert all(m.limit == model.config.swiglu_limit for m in swapped.values() if isinstance(m, QuantExperts))
    floats = {n: p for n, p in ref.named_parameters() if not any(n.startswith(s + ".") for s in swapped)}
    floats.update((n, b) for n, b in ref.named_buffers() if n.endswith("tid2eid"))
    kept = {**dict(model.named_parameters()), **dict(model.named_buffers())}
    assert any(n.endswith("hc_attn.fn") for n in floats) and any(n.endswith("attn_sink") for n in floats)
    for n, t in floats.items():
        assert torch.equal(kept[n], t), n
    assert model.mtp[0].shared_head.head is model.lm_head


@pytest.mark.parametrize("kind", ["int8", "int4", "fp8"])
def test_quantized_experts_keep_the_swiglu_clamp(kind):
    """QuantExperts computes V4's clamped SwiGLU: the same as ClampedExperts holding the dequantized weights, on
    the grouped path (many rows) and the per-expert kernel path (a decoded token), and not the unclamped one."""
    cfg = v4_config(swiglu_limit=0.3)
    torch.manual_seed(0)
    experts = ClampedExperts(cfg)
    nn.init.normal_(experts.gate_up_proj, std=0.3)
    nn.init.normal_(experts.down_proj, std=0.3)
    q = QuantExperts(experts, make_scheme(kind))
    deq = ClampedExperts(cfg)
    deq.gate_up_proj, deq.down_proj = nn.Parameter(q.dequantized("gate_up")), nn.Parameter(q.dequantized("down"))
    for rows in (1, 64):
        x = torch.randn(rows, cfg.hidden_size)
        ids = torch.stack([torch.randperm(cfg.n_routed_experts)[:2] for _ in range(rows)]).sort(-1).values
        w = torch.rand(rows, 2)
        with torch.no_grad():
            out, want = q(x, ids, w), deq(x, ids, w)
            unclamped = torch.zeros_like(x)
            for t in range(rows):
                for e, a in zip(ids[t].tolist(), w[t]):
                    gate, up = (x[t] @ deq.gate_up_proj[e].T).chunk(2)
                    unclamped[t] += a * (torch.nn.functional.silu(gate) * up) @ deq.down_proj[e].T
        # int kernels (rows <= KERNEL_MAX_ROWS) take bf16 activations; fp8 rounds activations (e4m3) and outputs
        tol = 0.25 if kind == "fp8" else 0.03 if rows <= KERNEL_MAX_ROWS else 1e-5
        assert (out - want).abs().max() <= tol * want.abs().max(), rows
        assert (unclamped - want).abs().max() > 10 * tol * want.abs().max()  # the clamp matters here


def test_logits_close_to_float_on_tiny_v4():
    """The tolerances of the V3 tests (test_quant.py, test_fp8.py), on a tiny-v4-sized random model over 96 tokens:
    past the sliding window, through CSA's indexer and HCA's entries."""
    cfg = get_preset("tiny-v4")
    ids = torch.randint(0, cfg.vocab_size, (2, 96), generator=torch.Generator().manual_seed(1))
    errors = {}
    for kind in ("int8", "int4", "fp8"):
        torch.manual_seed(0)
        model = randomize(Transformer(cfg))
        with torch.no_grad():
            ref = model(ids)
            errors[kind] = float((apply_quant(model, kind)(ids) - ref).norm() / ref.norm())
    assert 0 < errors["int8"] < 0.1 and errors["int4"] < 0.6 and 0 < errors["fp8"] < 0.2
    assert errors["int8"] < errors["int4"] / 3


@pytest.mark.parametrize("kind", ["int8", "int4"])
def test_save_load_round_trip(kind, tmp_path):
    model = apply_quant(random_model(v4_config()), kind)
    save_quantized(model, tmp_path)
    disk = load_file(tmp_path / "model.safetensors")
    assert disk["model.layers.1.attn.wo_a.qweight"].dtype == (torch.int8 if kind == "int8" else torch.uint8)
    assert "model.layers.1.ffn.experts.gate_up_qweight" in disk and "mtp.0.ffn.shared_experts.w1.scales" in disk
    loaded = nanoseek.load(tmp_path, device="cpu")
    assert loaded.quantization.name == kind and loaded.mtp[0].shared_head.head is loaded.lm_head
    assert loaded.layers[0].ffn.experts.limit == model.config.swiglu_limit
    sd, sd2 = model.state_dict(), loaded.state_dict()
    assert sd.keys() == sd2.keys()
    for k in sd:
        assert sd[k].dtype == sd2[k].dtype and torch.equal(sd[k], sd2[k]), k
    ids = torch.randint(0, 160, (2, 40))
    with torch.no_grad():
        assert torch.equal(loaded(ids), model(ids))
        # dequantized: float modules again (V4's clamped experts), the same function up to float rounding
        out = dequantize(loaded)(ids)
        assert (out - model(ids)).abs().max() < 1e-4
    assert isinstance(loaded.layers[0].ffn.experts, ClampedExperts)
    assert not any(isinstance(m, QUANT) for m in loaded.modules())
    assert weight_bytes(model) < weight_bytes(random_model(v4_config())) / (2.5 if kind == "int8" else 3.5)


def test_fp8_checkpoint_has_deepseeks_v4_layout(tmp_path):
    """FP8 on disk as the V4 release has it: linear layers in e4m3 with 128x128 scales, the compressors and the
    indexer's weights_proj in bf16, mHC, sinks, position biases and expert biases in float32, the hash tables
    as integers; quantized again on load, every projection has the very e4m3 bytes it had."""
    model = apply_quant(random_model(v4_config()), "fp8")
    nanoseek.save(model, tmp_path)
    assert json.loads((tmp_path / "config.json").read_text())["quantization_config"]["quant_method"] == "fp8"
    disk = load_file(tmp_path / "model.safetensors")
    for name in ("model.layers.1.attn.wo_a.weight", "model.layers.1.attn.indexer.wq_b.weight",
                 "model.layers.1.ffn.experts.3.w3.weight", "mtp.0.ffn.shared_experts.w2.weight",
                 "mtp.0.eh_proj.weight"):
        assert disk[name].dtype == E4M3 and disk[name + "_scale_inv"].dtype == torch.float32, name
    for name in ("model.layers.1.attn.compressor.wkv.weight", "model.layers.1.attn.indexer.compressor.wgate.weight",
                 "model.layers.1.attn.indexer.weights_proj.weight", "model.layers.1.ffn.gate.weight", "head.weight"):
        assert disk[name].dtype == torch.bfloat16 and name + "_scale_inv" not in disk, name
    for name in ("model.layers.1.hc_attn_fn", "model.hc_head.hc_base", "mtp.0.hc_head_fn",
                 "model.layers.1.attn.attn_sink", "model.layers.2.attn.compressor.ape", "model.layers.2.ffn.gate.bias"):
        assert disk[name].dtype == torch.float32, name
    assert torch.equal(disk["model.layers.0.ffn.gate.tid2eid"], model.layers[0].ffn.gate.tid2eid)
    loaded = apply_quant(nanoseek.load(tmp_path, dtype=torch.float32, device="cpu"), "fp8")
    for name, m in model.named_modules():
        if isinstance(m, QuantLinear) and not name.endswith(BF16_ON_DISK):
            again = loaded.get_submodule(name)
            assert torch.equal(again.qweight.view(torch.uint8), m.qweight.view(torch.uint8)), name
    for name in ("layers.1.hc_attn.fn", "layers.1.attn.attn_sink", "layers.2.attn.compressor.ape", "hc_head.hc_fn"):
        assert torch.equal(loaded.get_parameter(name), model.get_parameter(name)), name


def test_transformers_reads_the_fp8_checkpoint():
    """The reference: transformers' DeepseekV4ForCausalLM loads nanoseek's V4 FP8 checkpoint (dequantizing it) and
    computes the logits nanoseek computes from it."""
    transformers = pytest.importorskip("transformers")
    import tempfile
    with tempfile.TemporaryDirectory() as path:
        save_fp8(random_model(v4_config(num_nextn_predict_layers=0)), path)  # (transformers has no V4 MTP)
        ours = nanoseek.load(path, dtype=torch.float32, device="cpu")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = transformers.AutoModelForCausalLM.from_pretrained(
                path, dtype=torch.float32, quantization_config=transformers.FineGrainedFP8Config(dequantize=True))
    ids = torch.randint(0, 160, (1, 40))
    with torch.no_grad():
        a, b = ours(ids), ref.eval()(ids, use_cache=False).logits
    assert (a - b).abs().max() < 1e-4 * a.abs().max()


@pytest.mark.parametrize("kind", ["int8", "int4", "fp8"])
def test_quantize_cli_on_a_v4_checkpoint(kind, tmp_path, capsys):
    float_model = random_model(v4_config())
    nanoseek.save(float_model, tmp_path / "float")
    cli(["quantize", "--model", str(tmp_path / "float"), "--to", kind, "--out", str(tmp_path / kind)])
    assert f"{kind}: weights" in capsys.readouterr().out
    loaded = nanoseek.load(tmp_path / kind, dtype=torch.float32, device="cpu")
    if kind == "fp8":  # loads dequantized; FP8 again in memory
        apply_quant(loaded, "fp8")
    want = apply_quant(random_model(v4_config()), kind)
    if kind == "fp8":  # norms, routers and embeddings went through bf16 on disk (DeepSeek's layout): the same e4m3
        for name, m in want.named_modules():  # bytes, not the same logits
            if isinstance(m, QuantLinear) and not name.endswith(BF16_ON_DISK):
                assert torch.equal(loaded.get_submodule(name).qweight.view(torch.uint8), m.qweight.view(torch.uint8))
        return
    ids = torch.randint(0, 160, (2, 40))
    with torch.no_grad():
        assert torch.equal(loaded(ids), want(ids))


def test_gguf_export_of_v4_is_refused_clearly(tmp_path):
    save_quantized(apply_quant(random_model(v4_config()), "int8"), tmp_path / "q")
    with pytest.raises(ValueError, match=r"llama.cpp has no DeepSeek-V4 architecture .* \(--format hf\) instead"):
        cli(["export", "--model", str(tmp_path / "q"), "--format", "gguf", "--out", str(tmp_path / "m.gguf")])
    assert not (tmp_path / "m.gguf").exists()
