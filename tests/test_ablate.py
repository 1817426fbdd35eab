"""`nanoseek ablate`: the variants are what they claim, budgets stop where they should, the report is written."""

import itertools
import json

import pytest
import torch

from nanoseek.data import build
from nanoseek.data.sources import default_corpus
from nanoseek.model import Transformer
from nanoseek.presets import get_preset
from nanoseek.train.ablate import AblateConfig, ablate, at, studies
from nanoseek.train.flops import model_flops_per_token
from nanoseek.train.metrics import read_metrics
from nanoseek.train.pretrain import PretrainConfig, pretrain, schedule_position


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    text = "".join(itertools.islice(default_corpus(), 2))[:150_000]
    src = d / "corpus.jsonl"
    src.write_text("".join(json.dumps({"text": p}) + "\n" for p in text.split("\n\n") if p.strip()))
    build(d, vocab_size=512, paths=[src], val_fraction=0.05)
    return str(d)


def test_the_moe_study_compares_equal_activated_parameters_counted_by_hand():
    """tiny: h = 256, 4 layers, the first dense (768 wide), then 16 routed experts of 128 (top 4) + 1 shared."""
    tiny = get_preset("tiny")
    variants = {v.name: tiny.replace(**v.model) for v in studies("tiny")["moe"].variants}
    h, layers = 256, 4
    # DeepSeekMoE: activated FFN = layer 0 dense 768 + 3 layers x (4 routed + 1 shared) x 128 = 640 wide
    ffn = 3 * h * 768 + 3 * 3 * h * (5 * 128)
    # dense: every layer (768 + 3 * 640) / 4 = 672 wide; coarse top-2: 2 experts of 320, 17 * 128 / 320 -> 7 of them
    assert variants["dense"].intermediate_size == 672 and variants["dense"].n_routed_experts == 0
    coarse = variants["top2-coarse"]
    assert (coarse.moe_intermediate_size, coarse.num_experts_per_tok, coarse.n_routed_experts,
            coarse.n_shared_experts) == (320, 2, 7, 0)
    dense_ffn = layers * 3 * h * 672
    coarse_ffn = 3 * h * 768 + 3 * 3 * h * (2 * 320)
    assert dense_ffn == ffn and coarse_ffn == ffn  # the same activated FFN parameters, to the parameter
    # and the model's own count agrees: activated parameters differ only by the routers' rows (h per expert)
    active = {k: c.num_params()["active"] for k, c in variants.items()}
    routers = {"deepseekmoe": 3 * 16 * h, "dense": 0, "top2-coarse": 3 * 7 * h}
    assert len({active[k] - routers[k] for k in active}) == 1
    # training FLOPs per token follow the activated parameters: equal up to the routers
    flops = {k: model_flops_per_token(c, 256) for k, c in variants.items()}
    assert max(flops.values()) / min(flops.values()) < 1.01
    for c in variants.values():  # and each builds and trains: its parameters are the ones counted
        model = Transformer(c)
        assert sum(p.numel() for p in model.parameters()) == c.num_params()["total"] + c.num_params()["mtp"]
        model.compute_loss(torch.randint(0, 100, (1, 8)), torch.randint(0, 100, (1, 8))).loss.backward()


def test_a_budget_stretches_the_schedule_and_ends_the_run():
    tc = PretrainConfig(steps=1000, warmup=10, max_seconds=100.0)
    assert schedule_position(tc, 5, 50.0, 0.0) == 5  # warm-up counts steps
    assert schedule_position(tc, 20, 50.0, 0.0) == pytest.approx(10 + 0.5 * 990)  # then the budget's share
    assert schedule_position(PretrainConfig(steps=1000, warmup=10), 20, 50.0, 0.0) == 20  # no budget: steps
    assert at([(0.0, 0.0, 5.0), (10.0, 100.0, 3.0)], 0, 5.0) == pytest.approx(4.0)
    assert at([(0.0, 0.0, 5.0), (10.0, 100.0, 3.0)], 1, 25.0) == pytest.approx(4.5)


def test_a_flops_budget_stops_at_the_first_step_past_it(data, tmp_path):
    fpt = model_flops_per_token(get_preset("smoke"), 64)
    tokens_per_step = 4 * 64
    budget = 5.5 * tokens_per_step * fpt  # passed during step 6
    summary = pretrain(PretrainConfig(data=data, out=str(tmp_path), preset="smoke", steps=100, batch_size=4,
                                      seq_len=64, eval_every=1000, eval_batches=1, max_flops=budget, dtype="fp32",
                                      progress=False, tensorboard=False))
    assert summary["finished"] and summary["step"] == 6
    assert (tmp_path / "final" / "model.safetensors").exists()  # a budget's end is a finished run: released
    assert "val_loss" in read_metrics(tmp_path)[-1]  # and evaluated


def test_a_time_budget_stops_once_the_steps_took_that_long(data, tmp_path):
    summary = pretrain(PretrainConfig(data=data, out=str(tmp_path), preset="smoke", steps=10_000, batch_size=4,
                                      seq_len=64, eval_every=1000, eval_batches=1, max_seconds=2.0, dtype="fp32",
                                      progress=False, tensorboard=False))
    records = read_metrics(tmp_path)
    assert summary["finished"] and summary["step"] < 10_000
    assert records[-1]["train_time"] >= 2.0 > records[-2]["train_time"]


def test_the_smoke_study_writes_its_report(data, tmp_path):
    report = ablate(AblateConfig(data=data, out=str(tmp_path), study="smoke", preset="smoke", budget="flops",
                                 flops=6 * 4 * 64 * model_flops_per_token(get_preset("smoke"), 64), batch_size=4,
                                 seq_len=64, eval_every=2, eval_batches=2, progress=False))
    names = [r["name"] for r in report["variants"]]
    assert names == ["mtp0", "mtp1"]
    for r in report["variants"]:
        assert r["flops"] >= report["config"]["flops"] and r["steps"] >= 6
        assert r["loss_at_equal_flops"] > 0 and len(r["curve"]) >= 3
    assert report["variants"][0]["params_mtp"] == 0 < report["variants"][1]["params_mtp"]
    for r in report["variants"]:  # every MFU against the study's one peak, measured before the first variant
        assert r["mfu"] == pytest.approx(r["flops"] / r["train_time"] / report["peak_flops"])
    assert report["variants"][1]["mtp_acceptance"] > 2 / 512  # above chance (1 / vocab): both heads learned a bit
    md = (tmp_path / "ablation.md").read_text()
    assert "threads" in report["machine"] and report["machine"] in md  # the CPU (model, ISA) next to the figures
    assert "| mtp0 |" in md and "| mtp1 |" in md
    # the profile splits a step: its parts add up to the step (the remainder is "other"), none counted twice
    mtp0, mtp1 = (r["profile"] for r in report["variants"])
    for prof in (mtp0, mtp1):
        assert sum(v for k, v in prof.items() if k != "step") == pytest.approx(prof["step"], rel=0.05)
        assert prof["matmuls"] > 0 and prof["routed experts' matmuls"] > 0 and prof["routing + token dispatch"] > 0
    assert "Where a training step's time goes" in md and md.count("| mtp1 |") == 2
    assert (tmp_path / "ablation.png").stat().st_size > 10_000
    assert json.loads((tmp_path / "ablation.json").read_text())["study"] == "smoke"
    with pytest.raises(ValueError, match="not in study 'smoke', whose variants are mtp0, mtp1"):
        ablate(AblateConfig(data=data, out=str(tmp_path), study="smoke", variants="mtp1,mtp3"))
    with pytest.raises(ValueError, match="unknown study"):
        ablate(AblateConfig(data=data, out=str(tmp_path), study="nope"))
    with pytest.raises(FileNotFoundError, match="nanoseek data"):
        ablate(AblateConfig(data=str(tmp_path / "none"), out=str(tmp_path), study="smoke"))


def test_grouped_query_attention_is_multi_head_attention_with_shared_key_value_heads(tmp_path):
    """A GQA model with 2 key/value heads for 4 query heads computes what the MHA model computes when each of its
    key/value heads is copied to the 2 query heads of its group; saved and loaded by nanoseek, refused where
    nothing can compute it (the engine, Hugging Face and GGUF export)."""
    from nanoseek import load, save
    from nanoseek.engine import Engine
    from nanoseek.export.hf import export_hf

    smoke = get_preset("smoke").replace(num_attention_heads=4, num_key_value_heads=4)
    gqa = Transformer(smoke.replace(attention_type="gqa", num_key_value_heads=2)).eval()
    mha = Transformer(smoke.replace(attention_type="gqa", num_key_value_heads=4)).eval()
    state = gqa.state_dict()
    for k, v in state.items():
        if k.endswith(("k_proj.weight", "v_proj.weight")):  # [2 heads * d, h] -> [4 heads * d, h], each twice
            state[k] = v.view(2, -1, v.shape[-1]).repeat_interleave(2, 0).flatten(0, 1)
    mha.load_state_dict(state)
    ids = torch.randint(0, smoke.vocab_size, (2, 12))
    torch.testing.assert_close(gqa(ids), mha(ids))
    # causal: a later token changes nothing before it
    changed = ids.clone()
    changed[:, 8] = (changed[:, 8] + 1) % smoke.vocab_size
    torch.testing.assert_close(gqa(changed)[:, :8], gqa(ids)[:, :8])
    # counted parameters and cache: q, k, v, o of h = 64, 4 query heads, 2 key/value heads, qk 24, v 16
    cfg = gqa.config
    attn = 64 * (4 + 2) * 24 + 64 * 2 * 16 + 4 * 16 * 64
    assert cfg.num_params()["total"] - smoke.num_params()["total"] == cfg.num_hidden_layers * (
        attn - (64 * 32 + 32 + 32 * 4 * 24 + 64 * (32 + 8) + 32 + 32 * 4 * (16 + 16) + 4 * 16 * 64))
    assert cfg.kv_cache_bytes(1) == 2 * 2 * (24 + 16) * 2  # layers x kv heads x (key + value) x bf16
    # training FLOPs count its projections: 6 x (attention + the rest) per token, as for MLA
    mla_attn = 64 * 32 + 32 * 4 * 24 + 64 * (32 + 8) + 32 * 4 * (16 + 16) + 4 * 16 * 64
    assert model_flops_per_token(cfg, 12, mtp=False) - model_flops_per_token(smoke, 12, mtp=False) == \
        6 * cfg.num_hidden_layers * (attn - mla_attn)
    save(gqa, tmp_path / "gqa")
    torch.testing.assert_close(load(tmp_path / "gqa").eval()(ids), gqa(ids))
    with pytest.raises(ValueError, match="latent cache"):
        Engine(gqa)
    with pytest.raises(ValueError, match="baseline"):
        export_hf(gqa, tmp_path, tmp_path / "hf")
    with pytest.raises(Exception, match="multiple of num_key_value_heads"):
        smoke.replace(attention_type="gqa", num_key_value_heads=3)


def test_the_recipe_and_attention_studies_compare_what_they_say():
    tiny = get_preset("tiny")
    recipe = {v.name: tiny.replace(**v.model) for v in studies("tiny")["recipe"].variants}
    assert recipe["deepseek"] == tiny
    assert recipe["deepseek-no-mtp"] == tiny.replace(num_nextn_predict_layers=0)
    for name in ("dense-gqa", "dense-mha"):
        c = recipe[name]
        assert (c.attention_type, c.n_routed_experts, c.num_nextn_predict_layers) == ("gqa", 0, 0)
    assert (recipe["dense-gqa"].num_key_value_heads, recipe["dense-mha"].num_key_value_heads) == (2, 4)
    attention = {v.name: tiny.replace(**v.model) for v in studies("tiny")["attention"].variants}
    assert {k: c.num_key_value_heads for k, c in attention.items() if c.attention_type == "gqa"} == {
        "mha": 4, "gqa2": 2, "mqa": 1}
    # MLA's latent cache (64 + 16 numbers per layer) is MQA's size here (one head of 48 + 32), a quarter of MHA's
    kv = {k: c.kv_cache_bytes(1) for k, c in attention.items()}
    assert kv["mla"] == 4 * (64 + 16) * 2 == kv["mqa"] < kv["gqa2"] < kv["mha"] == 4 * kv["mla"]


def test_the_report_measures_each_variant_against_the_best_baseline_on_each_axis():
    from nanoseek.train.ablate import margins
    row = lambda name, t, f: {"name": name, "loss_at_equal_time": t, "loss_at_equal_flops": f}  # noqa: E731
    report = {"baselines": ("gqa", "mha"), "variants": [row("recipe", 5.0, 4.0), row("gqa", 4.9, 4.5),
                                                         row("mha", 5.1, 4.2)]}
    assert margins(report) == ["", "- recipe: +0.1000 nats against gqa at equal time (behind); -0.2000 nats against "
                                   "mha at equal flops (ahead)."]
    assert margins({"baselines": (), "variants": report["variants"]}) == []
