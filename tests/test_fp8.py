"""FP8 in DeepSeek's format: 128x128 block scales, real-format checkpoints, the FP8 GEMMs of training."""

import pytest
import torch
from helpers import random_model, small_config
from safetensors.torch import load_file, save_file

import nanoseek
from nanoseek.checkpoint import fp8_state_dict, save_fp8, to_hf_state_dict
from nanoseek.quant import apply_quant
from nanoseek.quant.fp8 import (
    E4M3,
    dequantize_blocks,
    fake_quantize,
    has_fp8_matmul,
    quantize_blocks,
    scales_shape,
)
from nanoseek.quant.fp8_train import TOKEN_TILE, FP8GroupedMM, FP8Linear, enable_fp8_training
from nanoseek.quant.modules import QuantLinear

# Widths above 128 so that weights span several blocks, some of them partial (kv_a: 40 x 256, MLP 192 x 256).
FP8_CONFIG = dict(hidden_size=256, intermediate_size=192, moe_intermediate_size=96)


def test_block_scales_and_error_bound():
    w = torch.randn(300, 200) * torch.logspace(-3, 1, 200)  # columns of very different magnitudes
    q, s = quantize_blocks(w)
    assert q.dtype == E4M3 and q.shape == w.shape and s.shape == scales_shape(w.shape) == (3, 2)
    blocks = torch.nn.functional.pad(w, (0, 56, 0, 84)).view(3, 128, 2, 128).abs().amax((1, 3))
    assert torch.allclose(s, blocks / 448)  # scale_inv = amax / e4m3's largest value
    deq = dequantize_blocks(q, s)
    step = dequantize_blocks(torch.ones_like(q, dtype=torch.float32), s)  # each element's block scale
    # e4m3 keeps 3 mantissa bits: relative error <= 2^-4; near zero its subnormal step is 2^-9 * scale
    assert ((deq - w).abs() <= torch.maximum(w.abs() * 2**-4, step * 2**-10) * (1 + 1e-6)).all()
    assert fake_quantize(w, (1, 128)).shape == w.shape


def test_activation_tiles_are_per_token():
    x = torch.randn(4, 256)
    x[0] *= 1000  # one loud token does not coarsen the others' scales
    _, s = quantize_blocks(x, (1, 128))
    assert s.shape == (4, 2)
    assert torch.equal(fake_quantize(x, (1, 128))[1:], fake_quantize(x[1:], (1, 128)))


def real_format_checkpoint(path, model):
    """A checkpoint in the released DeepSeek-V3 layout, built here by hand: random e4m3 values and random
    block scales for every projection; returns the dequantized reference weights."""
    g = torch.Generator().manual_seed(1)
    tensors, reference = {}, {}
    for name, t in to_hf_state_dict(model).items():
        if name.endswith("_proj.weight"):
            q = (torch.randn(t.shape, generator=g) * 100).clamp(-448, 448).to(E4M3)
            s = torch.rand(scales_shape(t.shape), generator=g) * 1e-3 + 1e-4
            tensors[name], tensors[name + "_scale_inv"] = q, s
            full_s = s.repeat_interleave(128, 0).repeat_interleave(128, 1)[: t.shape[0], : t.shape[1]]
            reference[name] = q.float() * full_s
        else:
            tensors[name] = reference[name] = t
    nanoseek.save(model, path)  # config.json etc.; the weights are replaced below
    save_file(tensors, path / "model.safetensors")
    cfg = (path / "config.json").read_text().replace(
        '"architectures"', '"quantization_config": {"activation_scheme": "dynamic", "fmt": "e4m3", '
                           '"quant_method": "fp8", "weight_block_size": [128, 128]},\n  "architectures"', 1)
    (path / "config.json").write_text(cfg)
    return reference


def test_real_format_fp8_checkpoint_loads_dequantized(tmp_path):
    template = random_model(small_config(**FP8_CONFIG))
    reference = real_format_checkpoint(tmp_path, template)
    model = nanoseek.load(tmp_path, dtype=torch.float32, device="cpu")
    loaded = to_hf_state_dict(model)
    assert loaded.keys() == reference.keys()
    for name, t in reference.items():
        assert torch.equal(loaded[name], t), name
    # the same logits as a float model holding the reference weights
    ref_model = random_model(small_config(**FP8_CONFIG))
    nanoseek.save(ref_model, tmp_path / "ref")
    save_file({k: v.contiguous() for k, v in reference.items()}, tmp_path / "ref" / "model.safetensors")
    ids = torch.randint(0, 160, (2, 16))
    with torch.no_grad():
        assert torch.equal(model(ids), nanoseek.load(tmp_path / "ref", device="cpu")(ids))
    # dtype=None keeps the stored precision of the unquantized tensors (bf16 in DeepSeek's release)
    assert nanoseek.load(tmp_path, device="cpu").layers[0].self_attn.o_proj.weight.dtype == torch.float32


def test_save_fp8_writes_deepseeks_layout_and_round_trips(tmp_path):
    model = random_model(small_config(**FP8_CONFIG))
    save_fp8(model, tmp_path)
    disk = load_file(tmp_path / "model.safetensors")
    assert disk["model.layers.1.mlp.experts.3.up_proj.weight"].dtype == E4M3
    assert disk["model.layers.1.mlp.experts.3.up_proj.weight_scale_inv"].shape == (1, 2)
    assert disk["model.layers.0.mlp.down_proj.weight_scale_inv"].shape == (2, 2)
    assert disk["model.embed_tokens.weight"].dtype == torch.bfloat16  # not FP8, as in the release
    assert disk["model.layers.1.mlp.gate.e_score_correction_bias"].dtype == torch.float32
    assert '"quant_method": "fp8"' in (tmp_path / "config.json").read_text()
    # keeping FP8 in memory: loading in float32 and quantizing again gives back the very same e4m3 bytes
    loaded = apply_quant(nanoseek.load(tmp_path, dtype=torch.float32, device="cpu"), "fp8")
    o = loaded.layers[0].self_attn.o_proj
    assert isinstance(o, QuantLinear) and o.qweight.dtype == E4M3
    assert torch.equal(o.qweight.view(torch.uint8), disk["model.layers.0.self_attn.o_proj.weight"].view(torch.uint8))
    assert torch.equal(o.scales, disk["model.layers.0.self_attn.o_proj.weight_scale_inv"])
    ids = torch.randint(0, 160, (2, 16))
    with torch.no_grad():
        ref = model(ids)
        err = (loaded(ids) - ref).norm() / ref.norm()
    assert 0 < err < 0.2  # e4m3 weights and 1x128-tile activations


def test_cli_info_reads_an_fp8_checkpoint(tmp_path, capsys):
    from nanoseek.cli import main as cli

    save_fp8(random_model(small_config(**FP8_CONFIG)), tmp_path)
    cli(["info", "--model", str(tmp_path), "--load"])
    out = capsys.readouterr().out
    assert "'quant_method': 'fp8'" in out and "'weight_block_size': [128, 128]" in out and "MiB of weights" in out


def test_malformed_fp8_checkpoints(tmp_path):
    model = random_model(small_config(**FP8_CONFIG))
    save_fp8(model, tmp_path)
    tensors = load_file(tmp_path / "model.safetensors")
    name = "model.layers.0.mlp.down_proj.weight_scale_inv"
    save_file({**tensors, name: torch.ones(1, 2)}, tmp_path / "model.safetensors")
    with pytest.raises(nanoseek.CheckpointError,
                       match=r"down_proj\.weight_scale_inv' has shape \(1, 2\).*needs \(2, 2\)"):
        nanoseek.load(tmp_path, device="cpu")
    save_file({k: v for k, v in tensors.items() if k != name}, tmp_path / "model.safetensors")
    with pytest.raises(nanoseek.CheckpointError, match="down_proj.weight' is FP8 .* no weight_scale_inv"):
        nanoseek.load(tmp_path, device="cpu")


def test_fp8_linear_gemms_quantize_every_operand():
    """Fprop, Dgrad and Wgrad each equal the float GEMM of operands rounded in their own tile shapes."""
    x = torch.randn(300, 256, requires_grad=True)
    w = torch.randn(192, 256, requires_grad=True)
    y = FP8Linear.apply(x, w)
    dy = torch.randn_like(y)
    y.backward(dy)
    fq = fake_quantize
    assert torch.equal(y, (fq(x, (1, 128)) @ fq(w, (128, 128)).t()).bfloat16().float())
    assert torch.equal(x.grad, (fq(dy, (1, 128)) @ fq(w, (128, 128))).bfloat16().float())
    assert torch.equal(w.grad, (fq(dy.t(), (1, 128)) @ fq(x.detach(), TOKEN_TILE)).bfloat16().float())
    exact = dy.t() @ x.detach()
    assert 0 < (w.grad - exact).norm() / exact.norm() < 0.05  # FP8 rounding, not a different gradient


def test_fp8_grouped_gemm_gradients():
    counts = torch.tensor([130, 0, 7, 63])
    x = torch.randn(int(counts.sum()), 96, requires_grad=True)
    w = torch.randn(4, 64, 96, requires_grad=True)  # [experts, out, in]
    y = FP8GroupedMM.apply(x, w, counts)
    dy = torch.randn_like(y)
    y.backward(dy)
    rows = torch.repeat_interleave(torch.arange(4), counts)
    exact_y = torch.einsum("ri,roi->ro", x.detach(), w.detach()[rows])
    exact_dw = torch.stack([dy[rows == e].t() @ x.detach()[rows == e] for e in range(4)])
    assert 0 < (y - exact_y).norm() / exact_y.norm() < 0.05
    assert (w.grad[1] == 0).all() and 0 < (w.grad - exact_dw).norm() / exact_dw.norm() < 0.05
    assert 0 < (x.grad - torch.einsum("ro,roi->ri", dy, w.detach()[rows])).norm() / x.grad.norm() < 0.05


def test_enable_fp8_training_keeps_parameters():
    model = random_model(small_config())
    before = dict(model.named_parameters())
    enable_fp8_training(model)
    assert dict(model.named_parameters()) == before  # the same Parameter objects
    assert type(model.layers[0].self_attn.q_a_proj).__name__ == "FP8TrainLinear"
    assert type(model.lm_head) is torch.nn.Linear  # the output head stays out of FP8
    ids = torch.randint(0, 160, (2, 16))
    loss = model.compute_loss(ids[:, :-1], ids[:, 1:]).loss
    loss.backward()
    assert all(p.grad is not None for n, p in model.named_parameters() if "experts" in n or "proj" in n)


@pytest.mark.slow
def test_fp8_training_tracks_bf16_on_the_tiny_preset():
    """The tiny preset trained for 30 steps on a learnable synthetic stream: bf16 autocast vs the same with
    FP8 GEMMs (simulated). DeepSeek reports < 0.25% relative loss error at scale; here we allow 2%."""
    from nanoseek.presets import get_preset

    cfg = get_preset("tiny").replace(vocab_size=512)
    threads = torch.get_num_threads()
    # one thread: the simulation's many small ops stall on OpenMP barriers whenever another process holds
    # one of this machine's two cores (measured: ~10x slower under load with two threads)
    torch.set_num_threads(1)
    try:
        curves = train_both(cfg)
    finally:
        torch.set_num_threads(threads)
    bf16, fp8 = (sum(c[-10:]) / 10 for c in (curves[False], curves[True]))
    assert bf16 < 0.8 * curves[False][0]  # it learned
    assert abs(fp8 - bf16) / bf16 < 0.02, (bf16, fp8)


def train_both(cfg) -> dict[bool, list[float]]:
    """Loss curves of bf16-autocast training without (False) and with (True) FP8 GEMMs, same seeds and data."""
    from nanoseek.model import Transformer

    g = torch.Generator().manual_seed(0)
    table = torch.randint(0, 512, (512,), generator=g)  # next token = table[token] most of the time
    curves = {}
    for fp8 in (False, True):
        torch.manual_seed(0)
        model = Transformer(cfg)
        if fp8:
            enable_fp8_training(model)
        opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
        gen = torch.Generator().manual_seed(1)
        curves[fp8] = []
        for _ in range(30):
            seq = [torch.randint(0, 512, (4, 1), generator=gen)]
            for _ in range(64):
                noise = torch.randint(0, 512, (4, 1), generator=gen)
                seq.append(torch.where(torch.rand(4, 1, generator=gen) < 0.8, table[seq[-1]], noise))
            ids = torch.cat(seq, 1)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model.compute_loss(ids[:, :-1], ids[:, 1:], mtp_weight=0.3).main
            loss.backward()
            opt.step()
            opt.zero_grad()
            model.update_expert_bias(0.001)
            curves[fp8].append(loss.item())
    return curves


@pytest.mark.skipif(not (torch.cuda.is_available() and has_fp8_matmul(torch.device("cuda"))),
                    reason="needs a GPU with FP8 tensor cores (Hopper)")
@pytest.mark.parametrize("M,K,N", [(64, 512, 256), (61, 384, 640), (256, 128, 384)])  # K blocks not a multiple
# of 4, odd rows, a single K block (an expert's Wgrad over 128 tokens: its scales are one column)
@pytest.mark.parametrize("b_block", [(128, 128), (128, 1)])  # Fprop/Dgrad weights, Wgrad token tiles
def test_tensor_core_gemm_matches_the_simulation(M, K, N, b_block):
    from nanoseek.quant.fp8 import _simulated_mm, _tensor_core_mm, _tensor_cores_agree

    g = torch.Generator(device="cuda").manual_seed(0)
    a, b = torch.randn(M, K, device="cuda", generator=g), torch.randn(K, N, device="cuda", generator=g)
    out = _tensor_core_mm(a, (1, 128), quantize_blocks(b, b_block), b_block)  # the real GEMM, no fallback
    ref = _simulated_mm(a, (1, 128), b, b_block)
    assert out.shape == (M, N) and out.dtype == torch.bfloat16
    assert torch.allclose(out.float(), ref.float(), rtol=2e-2, atol=2e-1)
    assert _tensor_cores_agree(torch.device("cuda"))  # so fp8_mm takes the tensor cores


def test_fp8_state_dict_only_quantizes_projections():
    sd = fp8_state_dict(random_model(small_config()))
    fp8 = {k for k, v in sd.items() if v.dtype == E4M3}
    assert fp8 and all(k.endswith(("_proj.weight", "_proj_with_mqa.weight")) for k in fp8)
    assert "model.layers.0.self_attn.kv_a_proj_with_mqa.weight" in fp8  # FP8 in DeepSeek's release too
    assert all(k + "_scale_inv" in sd for k in fp8)
    assert sd["lm_head.weight"].dtype == torch.bfloat16
