"""`nanoseek quantize` / `nanoseek export`: Hugging Face export in a transformers pipeline, quantized copies."""

import argparse
import warnings

import pytest
import torch
from helpers import random_model, small_config

import nanoseek
from nanoseek.engine import SamplingParams, generate
from nanoseek.export.commands import add_commands
from nanoseek.tokenizer import Tokenizer

transformers = pytest.importorskip("transformers")

VOCAB = 320
TEXT = ["Now is the winter of our discontent made glorious summer by this sun of York."] * 4


def run(*argv):
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([str(a) for a in argv])
    args.fn(args)


@pytest.fixture
def checkpoint(tmp_path):
    path = tmp_path / "ckpt"
    nanoseek.save(random_model(small_config(vocab_size=VOCAB)), path)
    Tokenizer.train(TEXT, vocab_size=VOCAB).save(path)
    return path


def test_hf_export_runs_in_transformers_pipeline(checkpoint, tmp_path):
    run("export", "--model", checkpoint, "--format", "hf", "--out", tmp_path / "hf", "--type", "f32")
    tok = Tokenizer.load(checkpoint)
    prompt = "Now is the winter"
    ids = tok.encode(prompt, bos=True)
    model = nanoseek.load(checkpoint, device="cpu")
    ours = list(generate(model, ids, SamplingParams(temperature=0.0, max_tokens=12, stop_token_ids=(tok.eos_id,))))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe = transformers.pipeline("text-generation", model=str(tmp_path / "hf"), device="cpu")
        out = pipe(prompt, max_new_tokens=12, do_sample=False, return_tensors=True)
    assert out[0]["generated_token_ids"] == ids + ours
    chat = [{"role": "user", "content": "hi"}]
    assert pipe.tokenizer.apply_chat_template(chat, add_generation_prompt=True, tokenize=True, return_dict=False) \
        == tok.apply_chat_template(chat, add_generation_prompt=True)


def test_quantize_command_then_exports(checkpoint, tmp_path, capsys):
    run("quantize", "--model", checkpoint, "--to", "int4", "--out", tmp_path / "q4", "--group-size", "32")
    ratio = float(capsys.readouterr().out.split("(")[1].split("x")[0])
    assert ratio > 4  # float32 -> int4
    q4 = nanoseek.load(tmp_path / "q4", device="cpu")
    assert q4.quantization.name == "int4" and (tmp_path / "q4" / "tokenizer.json").exists()
    # an int4 checkpoint exports dequantized: transformers computes what nanoseek's int4 model computes
    run("export", "--model", tmp_path / "q4", "--format", "hf", "--out", tmp_path / "hf", "--type", "f32")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hf = transformers.AutoModelForCausalLM.from_pretrained(tmp_path / "hf", dtype=torch.float32)
    ids = torch.randint(0, VOCAB, (2, 20))
    with torch.no_grad():
        assert (hf(ids).logits - q4(ids)).abs().max() < 1e-4
    run("quantize", "--model", checkpoint, "--to", "fp8", "--out", tmp_path / "fp8")
    assert nanoseek.load(tmp_path / "fp8", device="cpu").norm.weight.dtype == torch.bfloat16
    run("export", "--model", tmp_path / "fp8", "--format", "gguf", "--out", tmp_path / "m.gguf", "--type", "q8_0")
    assert (tmp_path / "m.gguf").stat().st_size > 0
    with pytest.raises(SystemExit, match="already quantized"):
        run("quantize", "--model", tmp_path / "q4", "--to", "int8", "--out", tmp_path / "again")
    with pytest.raises(ValueError, match="floating-point weights"):
        run("export", "--model", checkpoint, "--format", "hf", "--out", tmp_path / "x", "--type", "q8_0")
