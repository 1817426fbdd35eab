"""FP8 GEMM speed on Hopper: nanoseek's block-scaled FP8 matmul vs the bf16 matmul, DeepSeek-V3 shapes.

Each row times y = x W^T for x [tokens, in] and W [out, in]:
  bf16      torch.nn.functional.linear in bf16 (the peer: what training without FP8 runs);
  fp8 mm    nanoseek's FP8 GEMM (quant.fp8) as training calls it: x quantized in 1x128 tiles on the fly, W in
            128x128 blocks quantized beforehand (once per step in training), so the quantization is paid;
  fp8 gemm  the same less the time of quantizing x alone: the e4m3 block-scaled GEMM's own speed.
Needs a GPU with FP8 tensor cores (compute capability 9.0+); elsewhere it says so and exits.

    python bench/fp8_gemm.py
"""

from __future__ import annotations

import datetime
import sys

import torch
import torch.nn.functional as F

from nanoseek.quant.fp8 import ACT_TILE, WEIGHT_BLOCK, _tensor_core_mm, has_fp8_matmul, quantize_blocks

# (tokens, in, out): V3's MLA down/up projections, a routed expert's gate_up and down, the dense MLP
SHAPES = [(8192, 7168, 1536), (8192, 7168, 2 * 2048), (8192, 2048, 7168), (8192, 7168, 2 * 18432),
          (8192, 18432, 7168)]


def seconds(fn, iters: int = 20) -> float:
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(iters):
        fn()
    end.record()
    torch.cuda.synchronize()
    return start.elapsed_time(end) / 1e3 / iters


def main() -> None:
    if not (torch.cuda.is_available() and has_fp8_matmul(torch.device("cuda"))):
        print("bench/fp8_gemm.py: needs a GPU with FP8 tensor cores (Hopper or newer); nothing to measure here")
        return
    print(f"# FP8 block-scaled GEMM vs bf16: {torch.cuda.get_device_name()}, torch {torch.__version__}, "
          f"{datetime.date.today()}")
    print("| tokens x in x out | bf16 TFLOP/s | fp8 gemm TFLOP/s | fp8 mm (with quantization) TFLOP/s "
          "| fp8 mm / bf16 |")
    print("|---|---|---|---|---|")
    for M, K, N in SHAPES:
        x, w = torch.randn(M, K, device="cuda"), torch.randn(N, K, device="cuda") / K ** 0.5
        xb, wb = x.bfloat16(), w.bfloat16()
        qw = quantize_blocks(w.t(), WEIGHT_BLOCK)  # W^T [in, out] in 128x128 blocks
        flops = 2 * M * K * N
        t_bf16 = seconds(lambda: F.linear(xb, wb))
        try:  # the tensor-core path itself, so that a failure is reported rather than simulated
            t_mm = seconds(lambda: _tensor_core_mm(x, ACT_TILE, qw, WEIGHT_BLOCK))
        except RuntimeError as e:
            sys.exit(f"the FP8 GEMM failed on this GPU: {e}")
        t_gemm = max(t_mm - seconds(lambda: quantize_blocks(x, ACT_TILE)), 1e-9)
        print(f"| {M}x{K}x{N} | {flops / t_bf16 / 1e12:.0f} | {flops / t_gemm / 1e12:.0f} | "
              f"{flops / t_mm / 1e12:.0f} | {t_bf16 / t_mm:.2f}x |")


if __name__ == "__main__":
    main()
