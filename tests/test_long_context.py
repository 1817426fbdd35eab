"""Long context: the YaRN context-extension stage of pretraining and the passkey-retrieval evaluation."""

import pytest
import torch
from test_pretrain import config, data  # noqa: F401  (data: the token shards fixture)

import nanoseek
import nanoseek.train.evaluate as evaluate
from nanoseek.config import ConfigError
from nanoseek.data import build
from nanoseek.data.passkey import haystack, passkey_documents
from nanoseek.data.shards import load_manifest
from nanoseek.engine import SamplingParams, generate
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.tokenizer import Tokenizer
from nanoseek.train.pretrain import build_model, pretrain


def test_extension_sets_deepseek_v3s_yarn_over_the_trained_context():
    cfg = get_preset("smoke").extended(4)
    assert cfg.max_position_embeddings == 1024
    assert cfg.rope_scaling == {"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 256,
                                "beta_fast": 32, "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 1.0}
    twice = cfg.extended(2)  # DeepSeek-V3's second stage: the same original length, a larger factor
    assert twice.max_position_embeddings == 2048 and twice.yarn["factor"] == 8.0
    assert twice.yarn["original_max_position_embeddings"] == 256
    with pytest.raises(ConfigError, match="must be > 1"):
        cfg.extended(0.5)


def test_extension_stage_keeps_the_weights_and_trains_at_the_longer_length(data, tmp_path):  # noqa: F811
    pretrain(config(data, tmp_path / "base", steps=3, seq_len=32, ckpt_every=3, overrides={
        "max_position_embeddings": 32}))
    stage = config(data, tmp_path / "long", init=str(tmp_path / "base" / "final"), yarn_factor=4, steps=3,
                   seq_len=128, ckpt_every=3)
    base = nanoseek.load(tmp_path / "base" / "final", dtype=torch.float32)
    extended = build_model(stage, load_manifest(data), torch.device("cpu"))
    assert extended.config.yarn["original_max_position_embeddings"] == 32
    assert extended.config.max_position_embeddings == 128
    assert all(torch.equal(p, base.state_dict()[n]) for n, p in extended.state_dict().items())
    ids = torch.randint(0, 512, (1, 96))
    with torch.no_grad():  # the same weights see other rotary tables and softmax scale
        assert not torch.allclose(extended.eval()(ids), base(ids), atol=1e-3)
    pretrain(stage)
    final = nanoseek.load(tmp_path / "long" / "final")
    assert final.config.yarn["factor"] == 4.0 and final.config.max_position_embeddings == 128
    with pytest.raises(ValueError, match="--init"):
        build_model(config(data, tmp_path / "x", yarn_factor=4), load_manifest(data), torch.device("cpu"))


def test_passkey_score_is_greedy_retrieval(data, tmp_path, monkeypatch):  # noqa: F811
    """A model that has learnt one fixed key gives it after every question: the teacher-forced score counts it
    as retrieved exactly when greedy decoding writes it, and an untrained model retrieves nothing."""
    tok = Tokenizer.load(data)
    monkeypatch.setattr(evaluate, "random_key", lambda rng: "48213")
    untrained = Transformer(get_preset("smoke").replace(vocab_size=tok.vocab_size)).eval()
    assert evaluate.evaluate_passkey(untrained, tok, 96, n=4)["passkey"] == 0.0
    docs = [f"{haystack('48213', 1 + i % 3, i / 64)} 48213." for i in range(64)]
    src = tmp_path / "keys.jsonl"
    src.write_text("".join('{{"text": "{}"}}\n'.format(d.replace("\n", "\\n")) for d in docs))
    shards = tmp_path / "keys"
    from nanoseek.data import build
    build(shards, vocab_size=512, paths=[src], val_fraction=0.05)
    pretrain(config(shards, tmp_path / "run", steps=150, batch_size=8, seq_len=96, lr=1e-2, eval_every=150,
                    ckpt_every=150, dtype="fp32", overrides={"num_nextn_predict_layers": 0}))
    model, tok = nanoseek.load(tmp_path / "run" / "final"), Tokenizer.load(shards)
    result = evaluate.evaluate_passkey(model, tok, 96, n=4)
    assert result["passkey"] == 1.0 and result["tokens"] <= 96
    prompt = tok.encode(haystack("48213", 2, 0.5), bos=True)
    out = list(generate(model, prompt, SamplingParams(temperature=0, max_tokens=4)))
    assert tok.decode(out).startswith(" 48213")


def test_data_for_a_later_stage_reuses_the_models_tokenizer(data, tmp_path):  # noqa: F811
    """The extension stage reads long documents in the base model's tokens: `nanoseek data --tokenizer CKPT`;
    data tokenized otherwise is refused before it trains the model on wrong token ids."""
    pretrain(config(data, tmp_path / "base", steps=2, ckpt_every=2))
    docs = passkey_documents(20, 12)
    same = build(tmp_path / "long", paths=[], extra_documents=docs, tokenizer=tmp_path / "base" / "final",
                 use_default_corpus=False)
    assert same["tokenizer_sha256"] == load_manifest(data)["tokenizer_sha256"]
    assert same["vocab_size"] == 512
    stage = config(tmp_path / "long", tmp_path / "x", init=str(tmp_path / "base" / "final"), yarn_factor=2)
    assert build_model(stage, same, torch.device("cpu")).config.max_position_embeddings == 512
    other = build(tmp_path / "other", vocab_size=512, extra_documents=docs, use_default_corpus=False)
    with pytest.raises(ValueError, match="another tokenizer.*--tokenizer"):
        build_model(config(tmp_path / "other", tmp_path / "y", init=str(tmp_path / "base" / "final"),
                           yarn_factor=2), other, torch.device("cpu"))
