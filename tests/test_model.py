"""Behaviour of the network: absorbed-cache decoding, load balancing, MTP, balance loss, grouped experts."""

import pytest
import torch
from helpers import random_model, small_config

from nanoseek.model import Context, LatentCache, mtp_targets
from nanoseek.model import moe as moe_mod


@pytest.mark.parametrize("changes", [{}, dict(q_lora_rank=None, rope_interleave=False),
                                     dict(rope_scaling={"type": "yarn", "factor": 4.0,
                                                        "original_max_position_embeddings": 16,
                                                        "mscale": 1.0, "mscale_all_dim": 1.0})])
def test_absorbed_cache_decoding_matches_full_forward(changes):
    cfg = small_config(**changes)
    model = random_model(cfg)
    ids = torch.randint(0, cfg.vocab_size, (3, 24))
    with torch.no_grad():
        full = model(ids)
        cache = model.new_cache(batch=3, max_len=32)
        steps = [model(ids[:, :5], cache)]  # a 5-token prefill on the absorbed path
        steps += [model(ids[:, t:t + 1], cache) for t in range(5, 24)]  # then one token at a time
    assert (torch.cat(steps, dim=1) - full).abs().max() <= 1e-4
    assert cache.lengths.tolist() == [24, 24, 24]


def test_cache_holds_only_the_latent():
    cfg = small_config()
    cache = LatentCache(cfg, batch=2, max_len=8)
    layers = cfg.num_hidden_layers + cfg.num_nextn_predict_layers
    assert cache.kv.shape == (layers, 2, 8, cfg.kv_lora_rank)
    assert cache.pe.shape == (layers, 2, 8, cfg.qk_rope_head_dim)
    assert cache.bytes_per_token() == layers * (cfg.kv_lora_rank + cfg.qk_rope_head_dim) * 4
    with pytest.raises(ValueError, match="overflow"):
        cache.positions(9)


def test_bias_update_lowers_expert_imbalance():
    cfg = small_config(n_routed_experts=16, n_group=4, topk_group=2, num_experts_per_tok=2)
    model = random_model(cfg).train()
    gate = model.layers[1].mlp.gate
    torch.manual_seed(0)
    direction = torch.randn(cfg.hidden_size)
    with torch.no_grad():  # a skewed router: experts 0-3 see every input strongly
        gate.weight[:4] += 0.3 * direction / direction.norm()
    x = torch.randn(512, cfg.hidden_size) + direction

    def imbalance():
        with torch.no_grad():
            gate.load.zero_()
            gate(x)
            return float(gate.load.max() / gate.load.mean())

    before = imbalance()
    for _ in range(200):
        with torch.no_grad():
            gate(x)
        gate.update_bias(0.003)
    after = imbalance()
    assert before > 3.0  # the skew is real: 4 experts take most tokens
    assert after < 0.5 * before and after < 1.5
    assert gate.e_score_correction_bias[:4].max() < 0 < gate.e_score_correction_bias[4:].max()


def test_model_update_expert_bias_reports_every_moe_layer():
    model = random_model(small_config(num_hidden_layers=3)).train()
    model.compute_loss(torch.randint(0, 160, (2, 16)), torch.randint(0, 160, (2, 16)))
    imb = model.update_expert_bias(0.001)
    assert len(imb) == 3 and all(v >= 1.0 for v in imb)  # layers 1, 2 and the MTP block
    assert all(float(m.gate.load.sum()) == 0 for m in model.moe_layers())  # counters restart


def test_bias_steers_selection_but_not_weights():
    cfg = small_config(norm_topk_prob=False, routed_scaling_factor=1.0)
    gate = random_model(cfg).layers[1].mlp.gate
    x = torch.randn(64, cfg.hidden_size)
    with torch.no_grad():
        w0, e0, scores = gate(x)
        gate.e_score_correction_bias.zero_()
        gate.e_score_correction_bias[5] = 10.0  # expert 5 is always selected...
        w1, e1, _ = gate(x)
    assert (e1 == 5).any(-1).all()
    chosen = (e1 == 5).float().argmax(-1)
    # ...but its weight is its own sigmoid score, untouched by the bias
    assert torch.allclose(w1.gather(1, chosen[:, None])[:, 0], scores[:, 5])


def test_group_limited_routing_only_uses_top_groups():
    cfg = small_config(n_routed_experts=16, n_group=4, topk_group=1, num_experts_per_tok=3)
    gate = random_model(cfg).layers[1].mlp.gate
    with torch.no_grad():
        _, experts, _ = gate(torch.randn(256, cfg.hidden_size))
    groups = experts // 4
    assert (groups == groups[:, :1]).all()  # with topk_group=1 all k experts come from one group


def test_grouped_matmul_fallback_equals_kernel(monkeypatch):
    torch.manual_seed(0)
    x = torch.randn(37, 8)
    w = torch.randn(5, 8, 6)
    counts = torch.tensor([10, 0, 7, 20, 0])
    ref = torch.cat([xs @ w[e] for e, xs in enumerate(x.split(counts.tolist()))])
    assert torch.allclose(moe_mod.grouped_mm(x, w, counts), ref, atol=1e-5)
    monkeypatch.setattr(moe_mod, "_NO_GROUPED_MM", {("cpu", torch.float32)})  # as if the kernel had refused
    assert torch.allclose(moe_mod.grouped_mm(x, w, counts), ref, atol=1e-5)
    assert torch.allclose(moe_mod.grouped_mm(x.double(), w.double(), counts), ref.double(), atol=1e-5)


def test_experts_equal_a_per_token_reference():
    cfg = small_config()
    moe = random_model(cfg).layers[1].mlp
    x = torch.randn(2, 9, cfg.hidden_size)
    with torch.no_grad():
        out = moe(x)
        flat = x.view(-1, cfg.hidden_size)
        weights, experts, _ = moe.gate(flat)
        ref = moe.shared_experts(flat)
        I = cfg.moe_intermediate_size
        for t in range(flat.shape[0]):
            for w, e in zip(weights[t], experts[t]):
                gu = moe.experts.gate_up_proj[e] @ flat[t]
                h = torch.nn.functional.silu(gu[:I]) * gu[I:]
                ref[t] += w * (moe.experts.down_proj[e] @ h)
    assert torch.allclose(out.view(-1, cfg.hidden_size), ref, atol=1e-5)


def test_training_backward_reaches_every_parameter():
    cfg = small_config(aux_loss_alpha=0.01)
    model = random_model(cfg).train()
    ids = torch.randint(0, cfg.vocab_size, (2, 32))
    out = model.compute_loss(ids, torch.roll(ids, -1, 1))
    out.loss.backward()
    assert out.balance is not None and out.balance > 0
    no_grad = [n for n, p in model.named_parameters() if p.grad is None or p.grad.abs().sum() == 0]
    assert no_grad == []


def test_mtp_targets_built_by_hand():
    stream = torch.arange(100, 110)[None]  # t_0 .. t_9
    ids, targets = stream[:, :-1], stream[:, 1:]  # position i predicts t_{i+1}
    for k, t in enumerate(mtp_targets(targets, 3), start=1):
        # MTP depth k at position i predicts t_{i+k+1}
        assert t.tolist() == [[100 + i + k + 1 for i in range(ids.shape[1] - k)]]


def test_mtp_logits_shapes_and_causality():
    cfg = small_config(num_nextn_predict_layers=2)
    model = random_model(cfg)
    ids = torch.randint(0, cfg.vocab_size, (1, 12))
    with torch.no_grad():
        d1, d2 = model.mtp_logits(ids, model.hidden_states(ids))
        assert d1.shape == (1, 11, cfg.vocab_size) and d2.shape == (1, 10, cfg.vocab_size)
        changed = ids.clone()
        changed[0, 6] = (ids[0, 6] + 1) % cfg.vocab_size
        e1, e2 = model.mtp_logits(changed, model.hidden_states(changed))
    # depth 1 position i sees tokens <= i + 1; depth 2 sees <= i + 2
    assert torch.allclose(d1[:, :5], e1[:, :5]) and not torch.allclose(d1[:, 5], e1[:, 5])
    assert torch.allclose(d2[:, :4], e2[:, :4]) and not torch.allclose(d2[:, 4], e2[:, 4])


def test_mtp_input_order_is_embedding_then_hidden():
    cfg = small_config()
    model = random_model(cfg)
    layer = model.mtp[0]
    H = cfg.hidden_size
    with torch.no_grad():
        layer.eh_proj.weight[:, H:] = 0  # keep only the first half of the concatenation
        emb = model.embed_tokens(torch.randint(0, cfg.vocab_size, (1, 6)))
        ctx = model.with_rope(Context(torch.arange(6)[None]), emb.dtype)
        a = layer(torch.randn(1, 6, H), emb, ctx)
        b = layer(torch.randn(1, 6, H), emb, ctx)
    assert torch.allclose(a, b)  # the first half is the embedding: the hidden state no longer matters


def test_compute_loss_combines_main_and_mtp():
    model = random_model(small_config())
    ids = torch.randint(0, 160, (2, 16))
    targets = torch.roll(ids, -1, 1)
    with torch.no_grad():
        out = model.compute_loss(ids, targets, mtp_weight=0.5)
        (mtp_logits,) = model.mtp_logits(ids, model.hidden_states(ids))
        expected_mtp = torch.nn.functional.cross_entropy(mtp_logits.flatten(0, 1), targets[:, 1:].flatten())
    assert torch.allclose(out.mtp, expected_mtp, atol=1e-5)
    assert torch.allclose(out.loss, out.main + 0.5 * out.mtp, atol=1e-5)


def test_rows_of_one_cache_advance_independently():
    """Sequences of different lengths share one cache: each continues its own row (continuous batching)."""
    cfg = small_config()
    model = random_model(cfg)
    a, b = torch.randint(0, cfg.vocab_size, (1, 9)), torch.randint(0, cfg.vocab_size, (1, 5))
    with torch.no_grad():
        full_a, full_b = model(a), model(b)
        cache = model.new_cache(batch=4, max_len=16)
        row_a, row_b = torch.tensor([2]), torch.tensor([0])
        pa = model(a[:, :6], cache, rows=row_a)  # row 2 prefilled with 6 tokens
        pb = model(b[:, :2], cache, rows=row_b)  # row 0 with 2
        both = torch.tensor([2, 0])
        steps = [model(torch.stack([a[0, 6 + t:7 + t], b[0, 2 + t:3 + t]]), cache, rows=both) for t in range(3)]
    assert cache.lengths.tolist() == [5, 0, 9, 0]
    got_a = torch.cat([pa[0], *[s[0] for s in steps]])
    got_b = torch.cat([pb[0], *[s[1] for s in steps]])
    assert (got_a - full_a[0]).abs().max() <= 1e-4 and (got_b - full_b[0]).abs().max() <= 1e-4


def test_fork_shares_a_prefill_between_rows():
    cfg = small_config()
    model = random_model(cfg)
    ids = torch.randint(0, cfg.vocab_size, (1, 7))
    with torch.no_grad():
        cache = model.new_cache(batch=3, max_len=10)
        model(ids, cache, rows=torch.tensor([0]))
        cache.fork(0, torch.tensor([1, 2]))
        nxt = torch.randint(0, cfg.vocab_size, (3, 1))
        out = model(nxt, cache)  # every row continues the same prefix with its own token
        ref = model(torch.cat([ids.expand(3, 7), nxt], dim=1))[:, -1:]
    assert cache.lengths.tolist() == [8, 8, 8] and (out - ref).abs().max() <= 1e-4
