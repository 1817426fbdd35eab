"""FLOPs accounting for MFU: model FLOPs per token, and the machine's measured matmul peak.

Model FLOPs (PaLM appendix B accounting, applied to DeepSeek-V3's blocks): a matmul with a weight of N
numbers costs 2N FLOPs per token forward and 4N backward (input and weight gradients), so 6N for training.
Only matmul weights a token actually uses count (N_active):
    per layer   MLA: q_a_proj, q_b_proj (or q_proj), kv_a_proj_with_mqa, kv_b_proj (expanded path), o_proj
                FFN: dense SwiGLU 3*h*intermediate_size, or MoE: router h*n_routed_experts
                     + (num_experts_per_tok + n_shared_experts) * 3*h*moe_intermediate_size
    once        output head h*vocab
    MTP depth k eh_proj 2h*h + one block (MLA + the FFN its layer index gets) + the shared output head,
                run on seq - k positions, so it weighs (seq - k)/seq per token
Embedding lookups, norms, RoPE, softmax, the loss and the optimizer are not matmuls: excluded.
Attention scores and the weighted sum of values are matmuls without weights: with causal masking token i
meets i + 1 keys, (seq + 1)/2 on average, so per layer per token the forward costs
    2 * heads * qk_head_dim * (seq + 1)/2   (q.k)   +   2 * heads * v_head_dim * (seq + 1)/2   (p.v)
and training costs 3x the forward. In all:
    flops/token = m * [2 * N_active + sum over blocks of heads * (qk_head_dim + v_head_dim) * (s + 1)]
with m = 3 for training (1 for a forward), s = seq for the main blocks and seq - k for MTP depth k
(each weighted (seq - k)/seq). Kernels that skip nothing under the causal mask do up to 2x the attention
part of this work; MFU counts only the useful half, as is usual.
"""

from __future__ import annotations

import os
import subprocess
import time

import torch

from ..config import ModelConfig


def attention_matmul_params(cfg: ModelConfig) -> int:
    """Matmul weights of one attention block: MLA on the expanded (training) path, or the GQA baseline's."""
    h, H = cfg.hidden_size, cfg.num_attention_heads
    if cfg.attention_type == "gqa":  # q and k of qk_head_dim, v of v_head_dim for G key/value heads, then o
        G = cfg.num_key_value_heads
        return h * (H + G) * cfg.qk_head_dim + h * G * cfg.v_head_dim + H * cfg.v_head_dim * h
    q = (h * H * cfg.qk_head_dim if cfg.q_lora_rank is None
         else h * cfg.q_lora_rank + cfg.q_lora_rank * H * cfg.qk_head_dim)
    kv = h * (cfg.kv_lora_rank + cfg.qk_rope_head_dim) + cfg.kv_lora_rank * H * (cfg.qk_nope_head_dim + cfg.v_head_dim)
    return q + kv + H * cfg.v_head_dim * h


def ffn_matmul_params(cfg: ModelConfig, layer_idx: int) -> int:
    """Matmul weights one token activates in layer `layer_idx`'s FFN (router + chosen and shared experts)."""
    h = cfg.hidden_size
    if not cfg.is_moe_layer(layer_idx):
        return 3 * h * cfg.intermediate_size
    experts = cfg.num_experts_per_tok + cfg.n_shared_experts
    return h * cfg.n_routed_experts + experts * 3 * h * cfg.moe_intermediate_size


def attention_flops_per_token(cfg: ModelConfig, seq_len: int) -> float:
    """Forward FLOPs of one causal attention block's q.k and p.v products, per token."""
    return cfg.num_attention_heads * (cfg.qk_head_dim + cfg.v_head_dim) * (seq_len + 1)


def model_flops_per_token(cfg: ModelConfig, seq_len: int, training: bool = True, mtp: bool = True) -> float:
    """FLOPs per token of a forward (+ backward when training) at sequence length seq_len (module docstring)."""
    L, h = cfg.num_hidden_layers, cfg.hidden_size
    head = h * cfg.vocab_size
    n = sum(attention_matmul_params(cfg) + ffn_matmul_params(cfg, i) for i in range(L)) + head
    fwd = 2 * n + L * attention_flops_per_token(cfg, seq_len)
    if mtp:
        for k in range(1, min(cfg.num_nextn_predict_layers, seq_len - 1) + 1):
            n_k = 2 * h * h + attention_matmul_params(cfg) + ffn_matmul_params(cfg, L + k - 1) + head
            fwd += (seq_len - k) / seq_len * (2 * n_k + attention_flops_per_token(cfg, seq_len - k))
    return (3 if training else 1) * fwd


def machine(device: str = "cpu") -> str:
    """What a figure was measured on: the GPU's name, or the CPU's model, cores and the instructions that decide
    its bf16 speed (AVX-512, avx512_bf16, AMX), with the torch version and its threads."""
    if str(device).startswith("cuda"):
        return f"{torch.cuda.get_device_name(device)}, torch {torch.__version__}"
    try:
        info = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:  # (no lscpu: not Linux)
        info = ""
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    flags = fields.get("Flags", "").split()
    isa = [f for f in ("avx512f", "avx512_bf16", "amx_bf16") if f in flags] or ["no AVX-512"]
    isa += [] if "amx_bf16" in flags else ["no AMX"]
    return (f"{fields.get('Model name', 'unknown CPU').strip()}, {os.cpu_count()} cpus, {' '.join(isa)}; "
            f"torch {torch.__version__}, {torch.get_num_threads()} threads")


BUSY_SHARE = 0.8  # a peak measured with less of its cores' time than this was measured on a busy machine


def _cpu_size(dtype: torch.dtype, budget: float, largest: int = 2048, smallest: int = 256) -> int:
    """The largest n <= 2048 whose n x n x n product should take at most `budget` seconds, from a timed 256^3 one:
    a CPU without bf16 instructions (seen: an AVX2-only EPYC, bf16 at 0.4 GFLOP/s) would otherwise spend minutes
    on 2048^3 products before every training run."""
    a = torch.randn(smallest, smallest).to(dtype)
    torch.mm(a, a)
    t0, c0 = time.perf_counter(), time.process_time()
    torch.mm(a, a)
    per = min(time.perf_counter() - t0, (time.process_time() - c0) / torch.get_num_threads())  # (see below)
    per = per or 1e-6
    n = largest
    while n > smallest and per * (n / smallest) ** 3 > budget:
        n //= 2
    return n


def measure_matmul_peak(dtype: torch.dtype = torch.bfloat16, device: str = "cpu", n: int | None = None,
                        seconds: float = 1.0, repeats: int = 5, info: dict | None = None) -> float:
    """Best FLOP/s of an n x n x n matmul in `dtype` over `repeats` timed rounds of about seconds/repeats
    each, after a warm-up. n defaults to 8192 on GPUs (smaller products leave a GPU's tensor cores idle) and on
    CPUs to 2048, or less where one such product would not fit a round (_cpu_size).

    A busy CPU would make the peak look low and every MFU divided by it high. So on a CPU each round is also
    timed in this process's CPU time: a round whose threads got only part of the cores' time (other processes
    ran) is credited with the time it had, CPU time / threads, and the peak is the best of both clocks.
    (Threads that spin while waiting count as busy, so this can still under-credit a loaded round, never
    over-credit a quiet one.) info, if given, receives {"cpu_share": the best round's share of its cores' time,
    "wall_flops": the wall-clock peak}: a share well below 1 says the machine was busy during the measurement."""
    cpu = torch.device(device).type == "cpu"
    if n is None and cpu:
        n = _cpu_size(dtype, seconds / repeats)
    n = n or 8192
    a = torch.randn(n, n, device=device).to(dtype)
    b = torch.randn(n, n, device=device).to(dtype)
    out = torch.empty(n, n, device=device, dtype=dtype)

    def sync():
        if not cpu:
            torch.cuda.synchronize()

    torch.mm(a, b, out=out)  # warm-up: first-call setup (oneDNN/AMX kernel selection, cuBLAS, page faults)
    sync()
    t0 = time.perf_counter()
    torch.mm(a, b, out=out)
    sync()
    first = time.perf_counter() - t0
    iters = max(1, int(seconds / repeats / max(first, 1e-6)))
    threads = torch.get_num_threads()
    best_wall, best, share = float("inf"), float("inf"), 1.0
    for _ in range(repeats):
        sync()
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(iters):
            torch.mm(a, b, out=out)
        sync()
        wall, used = time.perf_counter() - t0, time.process_time() - c0
        credited = min(wall, used / threads) if cpu and used > 0 else wall
        best_wall = min(best_wall, wall / iters)
        if credited / iters < best:
            best, share = credited / iters, min(1.0, used / threads / wall) if cpu else 1.0
    if info is not None:
        info.update(cpu_share=share, wall_flops=2 * n ** 3 / best_wall)
    return 2 * n ** 3 / best
