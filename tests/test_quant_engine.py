"""Quantized models in the engine: computed on their integers with no float copy kept, as the quantized model's
own forward computes, batch-invariant; and `--quant` on `nanoseek generate`."""

import copy

import pytest
import torch
from helpers import random_model, small_config

import nanoseek
from nanoseek.cli import main
from nanoseek.engine import Engine, SamplingParams, generate
from nanoseek.engine.runner import InferenceModel
from nanoseek.quant import apply_quant, fp8, weight_bytes, weight_only
from nanoseek.quant.modules import QuantExperts, QuantLinear

pytestmark = pytest.mark.usefixtures("one_thread")
KINDS = ["int8", "int4", "fp8"]
# every projection's width a multiple of 16, so that the int4 kernel takes each one, in the modules and in the
# engine's stacked projections alike (the default small config has one it refuses: see the invariance test)
CFG = small_config(qk_rope_head_dim=16)


def reference(model, ids: torch.Tensor, kernels: bool) -> torch.Tensor:
    """Logits of the quantized model's own forward over its latent cache (the absorbed attention, as the engine),
    on a copy (its modules keep the float weights that code reads); kernels: the int8/int4 products through the
    packed kernels at every row count (as the eager engine), else dequantized (as the compiled one)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(weight_only, "KERNEL_MAX_ROWS", 1 << 30 if kernels else 0)
        ref = copy.deepcopy(model)
        with torch.no_grad():
            return ref(ids, ref.new_cache(*ids.shape))


def kernel_bytes(model) -> int:
    """Bytes the quantized modules keep beside their own buffers (the packed kernels' operands, made on first use)."""
    own = {t.untyped_storage().data_ptr() for t in model.buffers()}
    return sum(t.numel() * t.element_size() for m in model.modules() if isinstance(m, (QuantLinear, QuantExperts))
               for v in m._cache.values() for t in (v or ()) if t.untyped_storage().data_ptr() not in own)


def check(model, im: InferenceModel, kernels: bool, tol: float = 3e-4) -> None:
    """im's logits equal the quantized model's own (to float rounding), a row's do not depend on its batch (bit
    for bit), and no float copy of a quantized weight is kept after the runs (the modules keep the packed kernels'
    operands at most)."""
    ids, pos = torch.randint(0, 160, (3, 20)), torch.arange(20).expand(3, 20)
    together = im.run(ids, pos, model.new_cache(16, 256), torch.tensor([5, 1, 2]))[1]
    ref = reference(model, ids, kernels)
    assert (together - ref).abs().max() <= tol * ref.abs().max()
    alone = model.new_cache(16, 256)
    chunks = [im.run(ids[1:2, a:b], pos[1:2, a:b], alone, torch.tensor([0]))[1] for a, b in [(0, 7), (7, 8), (8, 20)]]
    assert torch.equal(torch.cat(chunks, dim=1), together[1:2])
    for m in model.modules():
        if isinstance(m, (QuantLinear, QuantExperts)):
            assert set(m._cache) <= {"kernel", "gate_up.kernel", "down.kernel"}  # no dequantized "weight"


@pytest.mark.parametrize("kind", KINDS)
def test_eager_engine_computes_on_the_quantized_weights(kind):
    """FP8 rounds every product to bf16 and every activation tile to e4m3: a product summed in another order (the
    engine's batch of matrix-vector products against the reference's GEMM; which one differs by CPU: AMD's BLAS
    here, not Intel's) flips a few bf16 roundings, and a flip in a tile's largest value moves the whole tile's e4m3
    rounding, so the logits agree to ~1% of the largest (the next test: 1e-5 without those roundings)."""
    model = apply_quant(random_model(CFG), kind)
    check(model, InferenceModel(model), kernels=True, tol=0.02 if kind == "fp8" else 3e-4)
    # beside the model's bytes, for int4 the kernel's own layout of every weight (int8's kernel reads qweight as
    # stored, with bf16 scales; FP8 has no kernel)
    assert kernel_bytes(model) <= weight_bytes(model) * (1.3 if kind == "int4" else 0.1)


def test_fp8_engine_is_the_models_math_without_the_bf16_roundings(monkeypatch):
    """With the products' outputs left in float32 (no bf16 rounding, in the engine and in the reference alike), the
    eager FP8 engine equals the model's own FP8 forward to float32 rounding: the same e4m3 tiles and blocks."""
    monkeypatch.setattr(fp8.FP8, "gemm_output", lambda self, y: y)
    monkeypatch.setattr(fp8, "_simulated_mm", lambda a, a_block, b, b_block:
                        fp8.fake_quantize(a, a_block) @ fp8.dequantize_blocks(*b, torch.float32, b_block))
    model = apply_quant(random_model(CFG), "fp8")
    check(model, InferenceModel(model), kernels=True, tol=3e-5)


def test_batch_invariant_where_the_int4_kernel_refuses_a_shape():
    """The small config's kv_a_proj_with_mqa (40 rows) is no multiple of 16: dequantized per product (its input
    not rounded to bf16, unlike the reference, where the module's own linear runs the kernel's shapes only: so
    the logits agree to bf16 rounding only)."""
    model = apply_quant(random_model(small_config()), "int4")
    im = InferenceModel(model)
    attn = model.layers[0].self_attn
    assert not im.ops.weight(attn.kv_a_proj_with_mqa).kernel and im.ops.weight(attn.o_proj).kernel
    check(model, im, kernels=True, tol=0.03)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_compiled_engine_computes_on_the_quantized_weights(kind):
    """Compiled: dequantization inside the products' loops, in the model's dtype (only `forward` is compiled
    here: ~1 min cold). FP8 rounds every product to bf16 and every activation tile to e4m3: the reductions'
    other summation order flips a few bf16 roundings, and one flip in a tile's largest value moves the whole
    tile's e4m3 rounding (0.9% of the largest logit here; without the bf16 rounding they agree to 3e-6)."""
    model = apply_quant(random_model(CFG), kind)
    im = InferenceModel(model, compile=True)
    check(model, im, kernels=False, tol=0.02 if kind == "fp8" else 3e-4)
    assert kernel_bytes(model) == 0  # no kernel layouts


@pytest.mark.parametrize("kind", KINDS)
def test_greedy_tokens_of_batched_requests_are_the_models_own(kind):
    """Greedy decoding through the engine, 4 requests at once, gives the quantized model's own greedy tokens
    (its forward over its cache, one token at a time; int8/int4 products through the kernels, as the engine's)."""
    model = apply_quant(random_model(CFG), kind)
    prompts = [[0, 5, 17, 99, 3], [7], [42, 42, 8], [100, 1, 2, 3, 4, 5, 6, 7, 8, 9]]
    engine = Engine(copy.deepcopy(model), max_batch=4, max_len=64, deterministic=True)
    reqs = [engine.submit(p, SamplingParams(temperature=0, max_tokens=12)) for p in prompts]
    with pytest.MonkeyPatch.context() as mp, torch.no_grad():
        mp.setattr(weight_only, "KERNEL_MAX_ROWS", 1 << 30)
        for prompt, r in zip(prompts, reqs):
            cache, ids, own = model.new_cache(1, 64), torch.tensor([prompt]), []
            for _ in range(12):
                own.append(int(model(ids, cache)[0, -1].argmax()))
                ids = torch.tensor([own[-1:]])
            assert r.result().output_ids == own


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("float")
    nanoseek.save(random_model(CFG), path)
    return path


def test_generate_quant_flag(checkpoint, capsys):
    main(["generate", "--model", str(checkpoint), "--prompt-ids", "0,5,17", "--max-tokens", "8", "--quant", "int8"])
    printed = [int(t) for t in capsys.readouterr().out.split()]
    quantized = apply_quant(nanoseek.load(checkpoint, device="cpu"), "int8")
    assert printed == list(generate(quantized, [0, 5, 17], SamplingParams(temperature=0, max_tokens=8)))


def test_a_quantized_checkpoint_runs_as_stored_and_refuses_another_quant(checkpoint, tmp_path, capsys):
    nanoseek.save(apply_quant(nanoseek.load(checkpoint, device="cpu"), "int4", group_size=16), tmp_path)
    args = ["generate", "--model", str(tmp_path), "--prompt-ids", "0,5", "--max-tokens", "4"]
    for same in (["--quant", "int4", "--group-size", "16"], ["--quant", "int4"]):  # as stored: fine
        main(args + same)
        assert len(capsys.readouterr().out.split()) == 4
    for extra, asked in ((["--quant", "int8"], "int8"),
                         (["--quant", "int4", "--group-size", "32"], "int4 with groups of 32")):
        with pytest.raises(SystemExit, match=f"already quantized to int4 with groups of 16; --quant asks for {asked}"):
            main(args + extra)
    with pytest.raises(SystemExit, match="--group-size sets int4's groups"):
        main(args + ["--quant", "int8", "--group-size", "16"])


def test_an_fp8_checkpoint_runs_as_fp8(checkpoint, tmp_path):
    """nanoseek.load dequantizes DeepSeek's FP8 layout; for inference it is quantized again (the same e4m3)."""
    from nanoseek.checkpoint import load_quantized, save_fp8

    save_fp8(nanoseek.load(checkpoint, device="cpu"), tmp_path)
    assert load_quantized(tmp_path).quantization.name == "fp8"
    with pytest.raises(ValueError, match="already quantized to fp8; --quant asks for int8"):
        load_quantized(tmp_path, "int8")


def test_serve_flags_quantize_on_load(tmp_path):
    """`nanoseek serve / chat --quant int4`: the engine runs the checkpoint quantized on load."""
    import argparse

    from servers import tokenizer

    from nanoseek.quant.weight_only import Int4
    from nanoseek.serve.commands import add_commands, load_engine

    tok = tokenizer()
    nanoseek.save(random_model(small_config(vocab_size=304, qk_rope_head_dim=16)), tmp_path)
    tok.save(tmp_path)
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    engine, _ = load_engine(parser.parse_args(["chat", "--model", str(tmp_path), "--quant", "int4", "--no-compile"]))
    assert engine.im.model.quantization == Int4(32) and hasattr(engine.im.model.lm_head, "qweight")
    assert engine.submit(tok.encode("hello", bos=True), SamplingParams(temperature=0, max_tokens=3)).result().output_ids
