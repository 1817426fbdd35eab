"""int8 / int4 weight-only quantization: error bounds per layer, kernels vs reference, save -> load round trips."""

import copy
import json

import pytest
import torch
import torch.nn.functional as F
from helpers import random_model, small_config
from torch import nn

import nanoseek
from nanoseek.checkpoint import save_quantized
from nanoseek.quant import apply_quant, dequantize, weight_bytes
from nanoseek.quant.modules import QuantEmbedding, QuantExperts, QuantLinear
from nanoseek.quant.weight_only import KERNEL_MAX_ROWS, Int4, Int8


def heavy_tailed(*shape):
    """Weights with outliers (a few per row), where absmax scaling is most strained."""
    w = torch.randn(*shape)
    w[torch.rand(*shape) < 0.01] *= 20
    return w


@pytest.mark.parametrize("scheme", [Int8(), Int4(32), Int4(64)], ids=["int8", "int4g32", "int4g64"])
def test_every_weight_within_half_a_step(scheme):
    w = heavy_tailed(3, 96, 128)  # leading dims: stacked experts
    q, s = scheme.quantize(w)
    err = (scheme.dequantize(q, s, torch.float32) - w).abs()
    if isinstance(scheme, Int8):
        assert q.dtype == torch.int8 and s.shape == (3, 96)
        step = s[..., None]
    else:
        assert q.dtype == torch.uint8 and q.shape == (3, 96, 64) and s.shape == (3, 96, 128 // scheme.group_size)
        step = s.float().repeat_interleave(scheme.group_size, -1)
    assert (err <= step / 2 * (1 + 1e-3)).all()
    assert (err > 0).any()  # it did round


def test_int4_packing_and_zero_groups():
    scheme = Int4(32)
    q = torch.randint(-7, 8, (4, 64), dtype=torch.int8)
    w = q.float() * 0.5
    w[1] = 0  # an all-zero row: no division by zero, dequantizes to zeros
    packed, s = scheme.quantize(w)
    assert torch.equal(scheme.unpack(packed)[0], q[0]) and torch.equal(scheme.dequantize(packed, s, torch.float32), w)
    with pytest.raises(ValueError, match="groups of 32 do not divide 48"):
        scheme.quantize(torch.randn(4, 48))


def check_within_half_a_step(swapped: dict, ref, kind: str) -> None:
    """Each quantized module (name -> module) holds the float weights of ref's module of that name within half a
    quantization step (int8: per row; int4: per group of 32)."""
    for name, m in swapped.items():
        pairs = ([(m.dequantized(p), getattr(ref.get_submodule(name), p + "_proj"), getattr(m, p + "_scales"))
                  for p in ("gate_up", "down")] if isinstance(m, QuantExperts)
                 else [(m.weight, ref.get_submodule(name).weight, m.scales)])
        for deq, w, s in pairs:
            step = s[..., None] if kind == "int8" else s.float().repeat_interleave(32, -1)
            assert ((deq - w).abs() <= step / 2 * (1 + 1e-3)).all(), name


@pytest.mark.parametrize("kind", ["int8", "int4"])
def test_per_layer_error_bounds_in_a_model(kind):
    """Every quantized module of a model reproduces its float weights within half a step."""
    model = random_model(small_config())
    ref = copy.deepcopy(model)
    apply_quant(model, kind)
    swapped = {n: m for n, m in model.named_modules() if isinstance(m, (QuantLinear, QuantEmbedding, QuantExperts))}
    linears = [n for n, m in ref.named_modules() if isinstance(m, nn.Linear)]
    assert set(linears) | {"embed_tokens"} | {n for n in swapped if n.endswith("experts")} == set(swapped)
    check_within_half_a_step(swapped, ref, kind)
    assert model.mtp[0].shared_head.head is model.lm_head  # still one shared head
    assert isinstance(model.layers[1].mlp.gate.weight, nn.Parameter)  # the router stays float


def test_logits_close_to_float():
    """Relative logit error on a random model (whose near-uniform routing flips experts easily): small for
    int8, larger for int4."""
    ids = torch.randint(0, 160, (2, 24))
    errors = {}
    for kind in ("int8", "int4"):
        model = random_model(small_config())
        with torch.no_grad():
            ref = model(ids)
            errors[kind] = float((apply_quant(model, kind)(ids) - ref).norm() / ref.norm())
    assert 0 < errors["int8"] < 0.1 and errors["int4"] < 0.6
    assert errors["int8"] < errors["int4"] / 3


@pytest.mark.parametrize("scheme", [Int8(), Int4(32)], ids=["int8", "int4"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_kernel_path_matches_dequantized_matmul(scheme, dtype):
    """Few rows go through PyTorch's packed int kernels (bf16 activations), many through dequantize + matmul:
    both compute x @ dequantized(w).T."""
    lin = nn.Linear(128, 48, bias=True)
    m = QuantLinear(lin, scheme, dtype=dtype).to(dtype)
    for rows in (1, KERNEL_MAX_ROWS, KERNEL_MAX_ROWS + 1, 64):
        x = torch.randn(rows, 128, dtype=dtype)
        ref = F.linear(x.float(), m.weight.float(), lin.bias.float())
        out = m(x)
        assert out.dtype == dtype
        assert (out.float() - ref).abs().max() <= 0.02 * ref.abs().max(), rows


@pytest.mark.parametrize("kind", ["int8", "int4"])
def test_save_load_round_trip(kind, tmp_path):
    model = apply_quant(random_model(small_config()), kind)
    save_quantized(model, tmp_path)
    loaded = nanoseek.load(tmp_path, device="cpu")
    assert loaded.quantization.name == kind
    assert loaded.mtp[0].shared_head.head is loaded.lm_head
    sd, sd2 = model.state_dict(), loaded.state_dict()
    assert sd.keys() == sd2.keys()
    for k in sd:
        assert sd[k].dtype == sd2[k].dtype and torch.equal(sd[k], sd2[k]), k
    ids = torch.randint(0, 160, (2, 24))
    with torch.no_grad():
        full = loaded(ids)
        assert torch.equal(full, model(ids))
        # decoding from the latent cache: the absorbed path reads kv_b_proj.weight (dequantized)
        cache = loaded.new_cache(2, 24)
        loaded(ids[:, :20], cache)
        step = torch.cat([loaded(ids[:, i:i + 1], cache) for i in range(20, 24)], dim=1)
    # (one-row steps take the int kernels, whose activations are bf16)
    assert (step - full[:, 20:]).abs().max() < 0.03 * full.abs().max()
    assert weight_bytes(loaded) < weight_bytes(random_model(small_config())) / (3.2 if kind == "int8" else 5)


def test_load_in_another_dtype(tmp_path):
    save_quantized(apply_quant(random_model(small_config()), "int8"), tmp_path)
    model = nanoseek.load(tmp_path, dtype=torch.bfloat16, device="cpu")
    assert model.embed_tokens.weight.dtype == torch.bfloat16 and model.norm.weight.dtype == torch.bfloat16
    assert model.lm_head.qweight.dtype == torch.int8 and model.lm_head.scales.dtype == torch.float32
    with torch.no_grad():
        assert model(torch.randint(0, 160, (1, 8))).dtype == torch.bfloat16


def test_dequantize_inverts_the_swap():
    model = apply_quant(random_model(small_config()), "int4")
    ids = torch.randint(0, 160, (2, 16))
    with torch.no_grad():
        q = model(ids)
        d = dequantize(model)(ids)
    assert not any(isinstance(m, (QuantLinear, QuantEmbedding, QuantExperts)) for m in model.modules())
    assert model.mtp[0].shared_head.head is model.lm_head
    assert (q - d).abs().max() < 1e-4


def test_tied_embeddings_stay_float():
    model = apply_quant(random_model(small_config(tie_word_embeddings=True)), "int8")
    assert isinstance(model.embed_tokens, nn.Embedding) and model.lm_head.weight is model.embed_tokens.weight
    assert isinstance(model.layers[0].self_attn.o_proj, QuantLinear)


def test_misuse_is_refused(tmp_path):
    model = apply_quant(random_model(small_config()), "int8")
    with pytest.raises(ValueError, match="already quantized"):
        apply_quant(model, "int4")
    with pytest.raises(ValueError, match="unknown quantization 'int3'"):
        apply_quant(random_model(small_config()), "int3")
    with pytest.raises(ValueError, match="groups of 48 do not divide"):
        apply_quant(random_model(small_config()), "int4", group_size=48)


@pytest.mark.parametrize("kind", ["int8", "int4", "fp8"])
def test_nanoseek_save_writes_a_model_quantized_in_memory(kind, tmp_path):
    cfg = small_config()
    model = apply_quant(random_model(cfg), kind)
    nanoseek.save(model, tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["quantization_config"]["quant_method"] in (kind, "nanoseek")
    loaded = nanoseek.load(tmp_path, dtype=torch.float32, device="cpu")
    if kind == "fp8":  # loads dequantized, the other tensors in bf16 (DeepSeek's layout); quantized again,
        loaded = apply_quant(loaded, "fp8")  # every projection has the very e4m3 bytes it had
        for name, m in model.named_modules():
            if isinstance(m, QuantLinear):
                again = loaded.get_submodule(name)
                assert torch.equal(again.qweight.view(torch.uint8), m.qweight.view(torch.uint8))
                assert torch.allclose(again.scales, m.scales, rtol=1e-6, atol=0)  # up to float rounding
        return  # (its outputs differ: norms, router and embeddings are stored in bf16, as DeepSeek's are)
    ids = torch.randint(0, cfg.vocab_size, (2, 12))
    with torch.no_grad():
        assert torch.equal(loaded(ids), model(ids))
