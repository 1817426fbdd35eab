"""DeepSeek-V3.2 (DeepSeek Sparse Attention): the lightning indexer and MLA over its top-k keys. Parity with
transformers' DeepseekV32ForCausalLM both ways with index_topk below and above the sequence length, V3.2 = V3 when
the indexer keeps every key, the engine over the latent and indexer-key caches, training with the indexer's
objective, checkpoints and the config's refusals."""

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
from nanoseek.engine import Engine
from nanoseek.engine.runner import InferenceModel
from nanoseek.model import Transformer
from nanoseek.model.ops import Ops, compare_top, top_indices, top_mask
from nanoseek.presets import get_preset
from nanoseek.train.metrics import read_metrics
from nanoseek.train.pretrain import pretrain

transformers = pytest.importorskip("transformers")
pytestmark = pytest.mark.usefixtures("one_thread")

# 8 indexer heads: a score is exactly 0 (every head's ReLU at 0, a tie torch.topk may break either way) for about
# one query-key pair in 256 at random, not for the few near the top-k boundary
V32 = dict(model_type="deepseek_v32", index_n_heads=8, index_head_dim=16)
CONFIGS = {
    "sparse": dict(index_topk=6),
    "sparse_yarn_biased": dict(index_topk=11, attention_bias=True, max_position_embeddings=64,
                               rope_scaling={"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 16,
                                             "beta_fast": 32, "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 1.0}),
    "dense_k": dict(index_topk=64),  # k above the sequence length: every causal key
    "wide_index_no_dense_layer": dict(index_topk=9, index_head_dim=40, first_k_dense_replace=0),
}


def v32_config(**changes):
    return small_config(**{**V32, **changes})


def hf_model(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return transformers.AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()


def as_v3(model: Transformer) -> Transformer:
    """The same weights in a DeepSeek-V3 model (the indexers dropped)."""
    v3 = Transformer(model.config.replace(model_type="deepseek_v3"))
    state = {k: v for k, v in model.state_dict().items() if ".indexer." not in k}
    v3.load_state_dict(state, strict=True)
    return v3.eval()


@pytest.mark.parametrize("name", CONFIGS)
def test_nanoseek_checkpoint_matches_transformers(name, tmp_path):
    cfg = v32_config(**CONFIGS[name])
    model = random_model(cfg)
    nanoseek.save(model, tmp_path)
    ref = hf_model(tmp_path)
    assert type(ref).__name__ == "DeepseekV32ForCausalLM"
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    with torch.no_grad():
        ours, theirs, dense = model(ids), ref(ids).logits, as_v3(model)(ids)
    assert theirs.std() > 0.1
    assert (ours - theirs).abs().max() <= 1e-4
    if cfg.index_topk < ids.shape[1]:  # the sparsity matters: after k tokens, not before
        k = cfg.index_topk
        assert (ours[:, :k] - dense[:, :k]).abs().max() < 1e-5  # (masked and causal attention: other last bits)
        assert (ours[:, k:] - dense[:, k:]).abs().max() > 1e-2


def test_transformers_checkpoint_loads_in_nanoseek(tmp_path):
    """A model made by transformers from its own DeepseekV32Config, re-randomised there, saved with
    save_pretrained (its mlp_layer_types and layer_types included), loaded by nanoseek."""
    cfg = v32_config(**CONFIGS["sparse"])
    keys = ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
            "num_key_value_heads", "q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim",
            "moe_intermediate_size", "n_routed_experts", "n_shared_experts", "num_experts_per_tok", "n_group",
            "topk_group", "routed_scaling_factor", "first_k_dense_replace", "initializer_range", "index_n_heads",
            "index_head_dim", "index_topk")
    hf_cfg = transformers.DeepseekV32Config(**{k: getattr(cfg, k) for k in keys})
    torch.manual_seed(1)
    ref = transformers.DeepseekV32ForCausalLM(hf_cfg).eval()
    with torch.no_grad():
        for pname, p in ref.named_parameters():
            p.uniform_(0.5, 1.5) if "norm.weight" in pname else p.normal_(0, 0.1)
    ref.save_pretrained(tmp_path)
    saved = json.loads((tmp_path / "config.json").read_text())
    assert saved["model_type"] == "deepseek_v32" and "mlp_layer_types" in saved
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (no MTP weights: loaded without the module)
        model = nanoseek.load(tmp_path, device="cpu")
    assert model.config.index_topk == cfg.index_topk and model.config.sparse
    ids = torch.randint(0, cfg.vocab_size, (2, 40))
    with torch.no_grad():
        ours, theirs = model(ids), ref(ids).logits
    assert theirs.std() > 0.1
    assert (ours - theirs).abs().max() <= 1e-4


def test_k_at_least_the_sequence_is_v3_exactly():
    model = random_model(v32_config(index_topk=40))
    ids = torch.randint(0, 160, (2, 40))
    with torch.no_grad():
        assert torch.equal(model(ids), as_v3(model)(ids))
        # and over the cache: the indexer's keys are kept, the top-k of 40 visible keys is all of them
        cache, v3_cache = model.new_cache(2, 128), as_v3(model).new_cache(2, 128)
        v3 = as_v3(model)
        assert torch.equal(model(ids, cache), v3(ids, v3_cache))
    assert cache.index_k[:, :, :40].abs().sum() > 0 and cache.index_k[:, :, 40:].abs().sum() == 0


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_forward_over_a_cache_in_chunks_is_the_forward_without_one(chunk):
    """tiny-v32's indexer (4 heads of 32, index_topk 64) over 320 tokens: scores are often exactly equal (every
    head's ReLU at 0), and which of equal keys is kept must not depend on how many keys a forward scores (ties go
    to the lower position in every path). Over the cache attention reads each query's gathered top-k latents."""
    cfg = v32_config(index_n_heads=4, index_head_dim=32, index_topk=64, max_position_embeddings=512)
    model = random_model(cfg)
    ids = torch.randint(0, cfg.vocab_size, (2, 320), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        want = model(ids)
        cache = model.new_cache(2, 384)
        got = torch.cat([model(ids[:, c:c + chunk], cache) for c in range(0, ids.shape[1], chunk)], 1)
        layer = model.layers[0]  # its indexer's selection, without a cache
        x, attn = layer.input_layernorm(model.embed_tokens(ids)), layer.self_attn
        ctx = model.with_rope(nanoseek.model.Context(torch.arange(320)[None]), torch.float32)
        keep, scores = attn.indexer(x, attn.q_a_layernorm(attn.q_a_proj(x)), ctx)
    zero = (scores == 0) & torch.ones(320, 320, dtype=torch.bool).tril()
    assert ((zero & keep).any(-1) & (zero & ~keep).any(-1)).sum() > 10  # queries with a tie at the top-k's edge
    assert want.std() > 0.1
    assert (got - want).abs().max() <= 1e-4


def test_attention_over_a_cache_reads_each_querys_topk_latents_only():
    cfg = v32_config(index_topk=16)
    model = random_model(cfg)
    ids = torch.randint(0, cfg.vocab_size, (2, 100))
    seen = []

    class Spy(Ops):
        def attend(self, q_lat, q_pe, kv, pe, visible, scale):
            seen.append(tuple(kv.shape))
            return super().attend(q_lat, q_pe, kv, pe, visible, scale)

    with torch.no_grad():
        cache = model.new_cache(2, 128)
        model(ids[:, :-4], cache)
        hidden = model.hidden_states(ids[:, -4:], cache.context(cache.positions(4), ops=Spy()))
        want = model(ids)[:, -4:]
    assert seen == [(2 * 4, 16, cfg.kv_lora_rank)] * cfg.num_hidden_layers  # a row per query, its 16 latents
    assert (model.lm_head(hidden) - want).abs().max() <= 1e-4


def test_topk_ties_go_to_the_lower_position():
    x = torch.tensor([[0.0, 1.0, -0.0, 0.0, float("-inf"), 2.0, -1.0, 0.0]])
    assert sorted(top_indices(x, 4)[0].tolist()) == [0, 1, 2, 5]
    assert top_mask(x, 3).tolist() == compare_top(x, 3).tolist() == [[True, True, False, False, False, True, False,
                                                                        False]]
    wide = torch.zeros(3, 5000)  # all tied: the lowest positions, whatever the width
    assert torch.equal(top_indices(wide, 64).sort(-1).values, torch.arange(64).expand(3, 64))


def test_the_indexer_selects_like_the_paper():
    """I[t, s] = sum_j w[t, j] ReLU(q[t, j] . k[s]) with w from weights_proj, q from the query latent, one
    LayerNorm'd key per token; each query keeps the index_topk causal keys of highest score."""
    cfg = v32_config(index_topk=5)
    model = random_model(cfg)
    attn = model.layers[0].self_attn
    x = torch.randn(1, 12, cfg.hidden_size)
    ctx = model.with_rope(nanoseek.model.Context(torch.arange(12)[None]), x.dtype)
    c_q = attn.q_a_layernorm(attn.q_a_proj(x))
    with torch.no_grad():
        keep, scores = attn.indexer(x, c_q, ctx)
        ix = attn.indexer
        k = ix.keys(x, ctx)[0]  # [S, D]
        q = ix._rope(ix.wq_b(c_q).view(1, 12, 8, 16), ctx)[0]  # [S, H, D]
        w = ix.weights_proj(x)[0] * 8 ** -0.5  # [S, H]
        want = (w[:, :, None] * torch.relu(torch.einsum("shd,td->sht", q, k) * 16 ** -0.5)).sum(1)
    assert torch.allclose(scores[0], want, atol=1e-5)
    for t in range(12):
        chosen = set(keep[0, t].nonzero().flatten().tolist())
        best = set(want[t, : t + 1].topk(min(5, t + 1)).indices.tolist())
        assert chosen == best


@pytest.mark.parametrize("changes,match", [
    (dict(q_lora_rank=None), "q_lora_rank must be set"),
    (dict(rope_interleave=False), "adjacent RoPE pairs"),
    (dict(index_head_dim=4), "index_head_dim"),
    (dict(index_topk=0), "index_topk must be positive"),
    (dict(scoring_func="softmax", topk_method="greedy"), "sigmoid"),
    (dict(attention_type="gqa", num_key_value_heads=1), "GQA baseline has no indexer"),
])
def test_what_v32_cannot_compute_faithfully_is_refused(changes, match):
    with pytest.raises(ConfigError, match=match):
        v32_config(**changes)


def test_config_json_round_trip_and_layer_types():
    cfg = get_preset("tiny-v32")
    d = cfg.to_dict()
    assert d["architectures"] == ["DeepseekV32ForCausalLM"] and "rope_interleave" not in d
    assert ModelConfig.from_dict(d) == cfg
    assert "index_topk" not in get_preset("tiny").to_dict()  # not a V3 key
    with pytest.raises(ConfigError, match="mlp_layer_types"):
        ModelConfig.from_dict({**d, "mlp_layer_types": ["sparse"] * cfg.num_hidden_layers})
    with pytest.raises(ConfigError, match="indexed_attention"):
        ModelConfig.from_dict({**d, "layer_types": ["sliding_attention"] * cfg.num_hidden_layers})


def test_round_trip_keeps_every_tensor_under_v32_names(tmp_path):
    model = random_model(v32_config(**CONFIGS["sparse"]))
    nanoseek.save(model, tmp_path, max_shard_bytes=50_000)
    loaded = nanoseek.load(tmp_path, device="cpu")
    assert loaded.config == model.config
    for (name, a), (_, b) in itertools.zip_longest(model.state_dict().items(), loaded.state_dict().items()):
        assert torch.equal(a, b), name
    names = set(json.loads((tmp_path / "model.safetensors.index.json").read_text())["weight_map"])
    L = model.config.num_hidden_layers
    for layer in (0, L):  # the main layers' and the MTP module's indexers
        assert {f"model.layers.{layer}.self_attn.indexer.{n}" for n in
                ("wq_b.weight", "wk.weight", "k_norm.weight", "k_norm.bias", "weights_proj.weight")} <= names


def test_the_released_v32_shape():
    cfg = get_preset("deepseek-v3.2")
    v3 = get_preset("deepseek-v3")
    per_layer = 1536 * 64 * 128 + 7168 * 128 + 2 * 128 + 7168 * 64
    assert cfg.num_params()["total"] - v3.num_params()["total"] == 61 * per_layer
    assert cfg.kv_cache_bytes(1) == 61 * (512 + 64 + 128) * 2
    import contextlib
    import io

    from nanoseek.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["info", "--preset", "deepseek-v3.2"])
    assert "picks 2048 keys per query" in out.getvalue() and "85,888 bytes per token" in out.getvalue()


@pytest.mark.parametrize("name", ["sparse", "sparse_yarn_biased"])
def test_engine_forward_is_the_models(name):
    """Prefill, decode steps, a [token, draft] pair and the MTP drafts over the latent and indexer-key caches equal
    the full forward; the batch-invariant mode bit for bit, batched or alone."""
    model = random_model(v32_config(**CONFIGS[name]))
    check_forward(model, InferenceModel(model, deterministic=True))
    check_forward(model, InferenceModel(model, deterministic=False), invariant=False)


def test_engine_batched_greedy_equals_one_at_a_time_and_the_models_argmax():
    model = random_model(v32_config(**CONFIGS["sparse"]))
    jobs = workload(10)
    solo = check_batched_greedy(model, jobs, speculative=True)
    prompt, n = max(jobs, key=lambda j: len(j[0]) + j[1])  # the longest: well past index_topk
    assert len(prompt) + n > 2 * model.config.index_topk
    ids = list(prompt)
    with torch.no_grad():
        for _ in range(n):
            ids.append(int(model(torch.tensor([ids]))[0, -1].argmax()))
    assert solo[jobs.index((prompt, n))] == ids[len(prompt):]


def test_indexer_warmup_trains_only_the_indexers_toward_dense_attention():
    """Warm-up: attention dense, the loss is the indexers' KL to it; the model's weights do not move and the KL
    falls. Sparse: the language-modelling loss reaches no indexer weight, the KL nothing but the indexers."""
    model = random_model(v32_config(index_topk=6)).train()
    ids = torch.randint(0, 160, (4, 24))
    model.set_indexer_stage("warmup")
    before = {k: v.clone() for k, v in model.state_dict().items()}
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    kls = []
    for _ in range(30):
        out = model.compute_loss(ids[:, :-1], ids[:, 1:])
        kls.append(float(out.indexer.detach()))
        assert out.loss is out.indexer
        opt.zero_grad()
        out.loss.backward()
        opt.step()
    assert kls[-1] < 0.7 * kls[0], kls
    for k, v in model.state_dict().items():
        moved = not torch.equal(v, before[k])
        assert moved == (".indexer." in k), k  # (k_norm's bias included: every indexer weight learns)
    model.set_indexer_stage("sparse")
    out = model.compute_loss(ids[:, :-1], ids[:, 1:])
    assert out.loss is not out.indexer and out.indexer is not None
    indexer = {n for n, _ in model.named_parameters() if ".indexer." in n}
    for part, trained in ((out.main, False), (out.indexer, True)):
        model.zero_grad()
        part.backward(retain_graph=True)
        got = {n for n, p in model.named_parameters() if p.grad is not None and p.grad.abs().sum() > 0}
        assert (got == indexer) if trained else (got and not got & indexer), got
    model.eval()  # not training: no loss, sparse attention whatever the stage
    with torch.no_grad():
        assert model.compute_loss(ids[:, :-1], ids[:, 1:]).indexer is None


def test_tiny_v32_pretrains_with_falling_validation_loss(data, tmp_path):  # noqa: F811 (the imported fixture)
    seq_len = 80  # above tiny-v32's index_topk: sparse attention in training and validation
    assert get_preset("tiny-v32").index_topk < seq_len
    pretrain(config(data, tmp_path, preset="tiny-v32", steps=9, batch_size=4, seq_len=seq_len, warmup=2,
                    eval_every=3, eval_batches=2, ckpt_every=9, dtype="fp32", indexer_warmup=3))
    records = read_metrics(tmp_path)
    val = [r["val_loss"] for r in records if "val_loss" in r]
    assert len(val) == 3 and val[0] > val[1] > val[2], val
    kl = [r["indexer_loss"] for r in records if "indexer_loss" in r]
    assert len(kl) == 9 and kl[2] < kl[0], kl  # the warm-up's KL falls
    release = nanoseek.load(tmp_path / "final", device="cpu")
    assert release.config.model_type == "deepseek_v32" and release.config.index_topk == 64


def test_gguf_export_is_refused_clearly(tmp_path):
    pytest.importorskip("gguf")
    from nanoseek.export.gguf import export_gguf

    with pytest.raises(ValueError, match="deepseek2 architecture has no lightning indexer"):
        export_gguf(random_model(v32_config(index_topk=6)), tmp_path, tmp_path / "m.gguf")


@pytest.mark.slow
def test_compiled_engine_forward_is_the_models_and_batch_invariant():
    """The compiled engine (torch.compile of the model's own cached forward): the indexer's scores as reductions
    and its top-k by comparisons, over an open number of cached keys (minutes to compile cold)."""
    model = random_model(v32_config(**CONFIGS["sparse"]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        engine = Engine(model, max_batch=16, max_len=128, deterministic=True, compile=True)
    assert not [w for w in caught if "decoding eagerly" in str(w.message)]  # compiled, no fallback to eager
    check_forward(model, engine.im)


def test_grpo_shared_prompt_logprobs_are_each_sequence_on_its_own():
    """GRPO's update packs a prompt and its completions in one row (model.SharedPromptAttention): V3.2's indexer
    then picks among the keys each completion token sees there (its prompt, its own completion), as in the
    sequence run alone; values and gradients equal."""
    from nanoseek.train.grpo import token_logprobs

    model = random_model(v32_config(index_topk=4)).train()
    prompts = [[1, 5, 9, 3, 7, 2, 6], [4, 2, 8]]
    comps = [[8, 9, 10, 3, 5], [11], [12, 13, 1, 2], [14, 15, 16, 17, 18], [17], [18, 19, 20]]  # G = 3
    logp, _ = token_logprobs(model, prompts, comps, "fp32", pad=0)
    logp.sum().backward()
    shared = {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}
    model.zero_grad()
    total = 0.0
    for i, c in enumerate(comps):
        ids = torch.tensor([prompts[i // 3] + c])
        full = model(ids[:, :-1]).log_softmax(-1)[0, len(prompts[i // 3]) - 1:]
        want = full.gather(-1, torch.tensor(c)[:, None])[:, 0]
        assert torch.allclose(logp[i, :len(c)], want, atol=1e-5)
        total = total + want.sum()
    total.backward()
    for n, p in model.named_parameters():
        if p.grad is not None:
            assert torch.allclose(shared[n], p.grad, atol=1e-4), n


def test_v3_checkpoint_continues_as_v32_with_a_warmup_that_moves_only_the_indexers(data, tmp_path):  # noqa: F811
    """--init a DeepSeek-V3 release with a V3.2 --preset: its weights plus new indexers; through the warm-up only
    the indexers learn (every other tensor bit for bit as it was) and their KL to the dense attention falls."""
    dense = random_model(small_config(vocab_size=512))
    nanoseek.save(dense, tmp_path / "v3")
    pretrain(config(data, tmp_path / "run", init=str(tmp_path / "v3"), preset="tiny-v32", steps=6, batch_size=4,
                    seq_len=64, warmup=1, lr=1e-2, eval_every=6, eval_batches=1, ckpt_every=6, dtype="fp32",
                    indexer_warmup=6))
    release = nanoseek.load(tmp_path / "run" / "final", device="cpu")
    assert release.config == dense.config.replace(model_type="deepseek_v32", index_n_heads=4, index_head_dim=32,
                                                  index_topk=64)
    after = release.state_dict()
    for k, v in dense.state_dict().items():
        assert torch.equal(after[k], v), k
    kl = [r["indexer_loss"] for r in read_metrics(tmp_path / "run") if "indexer_loss" in r]
    assert len(kl) == 6 and kl[-1] < 0.8 * kl[0], kl
