"""The FLOPs formula against torch's own FlopCounterMode, against the released model's 37B activated
parameters, and the matmul peak measurement."""

import os
import subprocess
import sys
import time

import pytest
import torch
from helpers import small_config
from torch.utils.flop_counter import FlopCounterMode

from nanoseek.model import Transformer
from nanoseek.model import moe as moe_mod
from nanoseek.presets import get_preset
from nanoseek.train.flops import BUSY_SHARE, attention_flops_per_token, measure_matmul_peak, model_flops_per_token

B, S = 2, 32


def counted_flops(model, mtp: bool, backward: bool = False) -> int:
    x = torch.randint(0, model.config.vocab_size, (B, S))
    counter = FlopCounterMode(display=False)
    with counter:
        loss = model.compute_loss(x, x, mtp_weight=0.3 if mtp else 0.0).loss
        if backward:
            loss.backward()
    return counter.get_total_flops()


def uncounted(cfg, mtp: bool) -> float:
    """What FlopCounterMode misses or adds relative to the formula, for the whole batch (forward):
    - torch._grouped_mm (the routed experts) has no flop formula registered: it counts 0;
    - CPU SDPA runs the math path here (qk_head_dim != v_head_dim), which multiplies the full S x S
      score matrix and masks it afterwards: it counts S keys per query, not the causal (S + 1)/2."""
    routed = 2 * cfg.num_experts_per_tok * 3 * cfg.hidden_size * cfg.moe_intermediate_size
    full = lambda s: 2 * cfg.num_attention_heads * (cfg.qk_head_dim + cfg.v_head_dim) * s  # noqa: E731
    n_moe = sum(cfg.is_moe_layer(i) for i in range(cfg.num_hidden_layers))
    miss = n_moe * routed * B * S
    extra = cfg.num_hidden_layers * B * S * (full(S) - attention_flops_per_token(cfg, S))
    if mtp:  # one MTP module (its block at layer index L), on S - 1 positions
        miss += cfg.is_moe_layer(cfg.num_hidden_layers) * routed * B * (S - 1)
        extra += B * (S - 1) * (full(S - 1) - attention_flops_per_token(cfg, S - 1))
    return extra - miss


@pytest.mark.skipif(not hasattr(torch, "_grouped_mm"), reason="needs the grouped matmul kernel")
@pytest.mark.parametrize("mtp", [False, True])
def test_formula_matches_flop_counter_moe(mtp, monkeypatch):
    # The kernel path, whatever an earlier test left in the module's record of refusals (its padded-bmm
    # fallback would be counted, padding included).
    monkeypatch.setattr(moe_mod, "_NO_GROUPED_MM", set())
    cfg = small_config()
    counted = counted_flops(Transformer(cfg), mtp)
    formula = model_flops_per_token(cfg, S, training=False, mtp=mtp) * B * S
    assert counted == pytest.approx(formula + uncounted(cfg, mtp), rel=1e-9)


def test_formula_matches_flop_counter_dense_with_backward():
    # No routed experts: every matmul is one FlopCounterMode sees, and forward + backward is 3x forward.
    cfg = small_config(n_routed_experts=0, q_lora_rank=None)
    model = Transformer(cfg)
    fwd = model_flops_per_token(cfg, S, training=False) * B * S + uncounted(cfg, mtp=True)
    assert counted_flops(model, mtp=True) == pytest.approx(fwd, rel=1e-9)
    assert counted_flops(model, mtp=True, backward=True) == pytest.approx(3 * fwd, rel=1e-9)
    assert model_flops_per_token(cfg, S) == pytest.approx(3 * model_flops_per_token(cfg, S, training=False))


def test_matmul_part_is_six_times_the_activated_parameters():
    # DeepSeek-V3: 37B activated per token, of which the embedding and norms do no matmul.
    cfg = get_preset("deepseek-v3")
    counts = cfg.num_params()
    L, h = cfg.num_hidden_layers, cfg.hidden_size
    not_matmul = cfg.vocab_size * h + L * (2 * h + cfg.q_lora_rank + cfg.kv_lora_rank) + h
    attention = 3 * L * attention_flops_per_token(cfg, 1)
    assert model_flops_per_token(cfg, 1, mtp=False) - attention == 6 * (counts["active"] - not_matmul)
    assert 36e9 < counts["active"] < 38e9
    # MTP adds one block + eh_proj + head, on (seq - 1)/seq of the tokens
    assert model_flops_per_token(cfg, 4096) > model_flops_per_token(cfg, 4096, mtp=False)
    # attention grows linearly with the context
    short, long = (model_flops_per_token(cfg, s, mtp=False) for s in (1024, 2048))
    heads_dim = cfg.num_attention_heads * (cfg.qk_head_dim + cfg.v_head_dim)
    assert long - short == pytest.approx(3 * L * heads_dim * 1024)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_matmul_peak_is_positive(dtype):
    peak = measure_matmul_peak(dtype, n=256, seconds=0.05)
    assert 1e8 < peak < 1e15  # FLOP/s: between a slow core and a large GPU


def test_a_busy_machine_is_seen_and_credited_in_the_matmul_peak():
    """Other processes on every core: the measurement sees that its threads had part of the cores' time, and
    credits the time they had, so that the peak (which MFU divides by) is not as low as the wall clock says."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2 * (os.cpu_count() or 1))]
    try:
        time.sleep(0.5)
        info = {}
        peak = measure_matmul_peak(torch.float32, n=256, seconds=0.5, info=info)
    finally:
        for p in spinners:
            p.kill()
            p.wait()
    assert info["cpu_share"] < BUSY_SHARE
    assert peak > info["wall_flops"]
