"""FP8 the DeepSeek-V3 way: e4m3 values with fine-grained float32 scales.

Weights are scaled per 128x128 block, activations per 1x128 tile (one token, 128 channels), each block
by its own amax / 448 (448 is e4m3's largest value), so one outlier spoils only its own block (§3.3.2).
The released DeepSeek-V3/R1 checkpoints store every quantized linear weight as an e4m3 `weight` plus a
float32 `weight_scale_inv` [ceil(out / 128), ceil(in / 128)] with w = weight * weight_scale_inv (edge blocks
are partial), and their config.json carries `quantization_config`: this module reads and writes exactly that.

Matmuls: `fp8_mm` multiplies operands quantized in given tile shapes. On GPUs with FP8 tensor cores (Hopper,
compute capability 9.0+) it calls the block-scaled `torch.nn.functional.scaled_mm` on the e4m3 values; elsewhere
it simulates: quantize, dequantize, float32 matmul, output rounded to bf16 like the tensor-core GEMM's. The
simulation is what runs (and is tested) on CPU; the GPU path is checked once per device against it before use.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

import torch
import torch.nn.functional as F

E4M3 = torch.float8_e4m3fn
E4M3_MAX = 448.0
WEIGHT_BLOCK = (128, 128)
ACT_TILE = (1, 128)
# What the released DeepSeek-V3 config.json declares (transformers' and vLLM's FP8 loaders read this).
QUANTIZATION_CONFIG = {"quant_method": "fp8", "fmt": "e4m3", "activation_scheme": "dynamic",
                       "weight_block_size": list(WEIGHT_BLOCK)}


def _blocked(x: torch.Tensor, block: tuple[int, int]) -> torch.Tensor:
    """[..., R, C] -> view [..., R / b0, b0, C / b1, b1], edge blocks zero-padded (a copy only then)."""
    b0, b1 = block
    if x.shape[-1] % b1 or x.shape[-2] % b0:
        x = F.pad(x, (0, -x.shape[-1] % b1, 0, -x.shape[-2] % b0))
    return x.unflatten(-1, (-1, b1)).unflatten(-3, (-1, b0))


def _unblocked(xb: torch.Tensor, shape: torch.Size) -> torch.Tensor:
    R, C = shape[-2:]
    return xb.flatten(-2).flatten(-3, -2)[..., :R, :C]


def _block_scales(xb: torch.Tensor) -> torch.Tensor:
    """amax / 448 of every block of a blocked view, broadcastable against it ([..., R/b0, 1, C/b1, 1])."""
    return xb.abs().amax((-3, -1), keepdim=True).div_(E4M3_MAX).clamp_(min=torch.finfo(torch.float32).tiny)


def quantize_blocks(x: torch.Tensor, block: tuple[int, int] = WEIGHT_BLOCK) -> tuple[torch.Tensor, torch.Tensor]:
    """x [..., R, C] -> e4m3 values [..., R, C] and float32 scales [..., ceil(R / b0), ceil(C / b1)]."""
    xb = _blocked(x.float(), block)
    s = _block_scales(xb)
    q = (xb / s).clamp_(-E4M3_MAX, E4M3_MAX).to(E4M3)
    return _unblocked(q, x.shape).contiguous(), s.squeeze(-1).squeeze(-2)


def dequantize_blocks(q: torch.Tensor, s: torch.Tensor, dtype: torch.dtype = torch.float32,
                      block: tuple[int, int] = WEIGHT_BLOCK) -> torch.Tensor:
    """The inverse of quantize_blocks: q * s, computed in float32 and cast to dtype."""
    qb = _blocked(q.float(), block)
    return _unblocked(qb * s.float()[..., :, None, :, None], q.shape).to(dtype)


def fake_quantize(x: torch.Tensor, block: tuple[int, int]) -> torch.Tensor:
    """dequantize_blocks(*quantize_blocks(x, block)) in one pass: x rounded to what FP8 with these tiles
    represents, in float32 (the simulation's GEMM operands)."""
    C, b1 = x.shape[-1], block[1]
    if block[0] == 1 and C % b1:  # a partial last tile on its own: zero-padded, torch.compile (2.13) gave NaNs
        full = C - C % b1  # for it when the rows are a symbolic count (the engine's compiled forward)
        tail = fake_quantize(x[..., full:], (1, C - full))
        return tail if not full else torch.cat([fake_quantize(x[..., :full], block), tail], dim=-1)
    xb = _blocked(x.float(), block)
    s = _block_scales(xb)
    return _unblocked((xb / s).clamp_(-E4M3_MAX, E4M3_MAX).to(E4M3).float().mul_(s), x.shape)


def scales_shape(shape: torch.Size, block: tuple[int, int] = WEIGHT_BLOCK) -> tuple[int, ...]:
    """The shape of the block scales of a tensor of this shape: one per (partial) block."""
    return tuple(shape[:-2]) + tuple(-(-n // b) for n, b in zip(shape[-2:], block))


# matmuls
def has_fp8_matmul(device: torch.device) -> bool:
    return device.type == "cuda" and torch.cuda.get_device_capability(device) >= (9, 0)


Operand = torch.Tensor | tuple[torch.Tensor, torch.Tensor]  # float, or already quantized (e4m3, scales)


def _simulated_mm(a, a_block, b, b_block) -> torch.Tensor:
    fb = dequantize_blocks(*b, torch.float32, b_block) if isinstance(b, tuple) else fake_quantize(b, b_block)
    with torch.autocast(a.device.type, enabled=False):  # float32 products (accumulation), autocast or not
        return (fake_quantize(a, a_block) @ fb).to(torch.bfloat16)


def _recipe(block: tuple[int, int]):
    return {(1, 128): F.ScalingType.BlockWise1x128, (128, 1): F.ScalingType.BlockWise1x128,
            (128, 128): F.ScalingType.BlockWise128x128}[block]


def _tensor_core_mm(a, a_block, b, b_block) -> torch.Tensor:
    """Hopper: e4m3 operands and their block scales straight into cuBLAS's block-scaled GEMM. Its layout
    rules: `a` row-major with rows a multiple of 4; b column-major; 1x128 scales [rows, K / 128] with the
    rows' stride 1; 128x128 scales [K / 128 padded to a multiple of 4, N / 128], stride 1 down the K blocks."""
    qb, sb = b if isinstance(b, tuple) else quantize_blocks(b, b_block)
    M = a.shape[0]
    qa, sa = quantize_blocks(F.pad(a, (0, 0, 0, -M % 4)), a_block)
    # same shape, column-major (strides (1, rows)) even with one column, where t().contiguous() keeps (1, 1)
    col = lambda t: torch.empty_strided(t.shape, (1, t.shape[0]), dtype=t.dtype, device=t.device).copy_(t)  # noqa: E731
    if b_block == WEIGHT_BLOCK:
        sb = col(F.pad(sb, (0, 0, 0, -sb.shape[0] % 4)))
    else:  # (128, 1) tiles of b [K, N] are b^T's 1x128 tiles: scales [N, K / 128]
        sb = sb.contiguous().t()
    out = F.scaled_mm(qa, col(qb), col(sa), _recipe(a_block), sb, _recipe(b_block), output_dtype=torch.bfloat16)
    return out[:M]


@functools.cache
def _tensor_cores_agree(device: torch.device) -> bool:
    """Run the block-scaled GEMM once on this device and compare it with the simulation: this path was
    written without a Hopper GPU at hand, so a mismatch or an error disables it, with a warning."""
    g = torch.Generator(device=device).manual_seed(0)
    a = torch.randn(8, 256, device=device, generator=g)
    b = torch.randn(256, 256, device=device, generator=g)
    try:
        ok = True
        for a_block, b_block in ((ACT_TILE, WEIGHT_BLOCK), (ACT_TILE, (128, 1))):  # forward/dgrad, wgrad
            ok &= torch.allclose(_tensor_core_mm(a, a_block, b, b_block).float(),
                                 _simulated_mm(a, a_block, b, b_block).float(), rtol=2e-2, atol=2e-1)
    except (RuntimeError, TypeError, ValueError) as e:
        warnings.warn(f"FP8 tensor-core GEMM unavailable on {device} ({e}); using the FP8 simulation", stacklevel=2)
        return False
    if not ok:
        warnings.warn(f"FP8 tensor-core GEMM on {device} disagrees with the simulation; using the simulation",
                      stacklevel=2)
    return bool(ok)


def fp8_mm(a: torch.Tensor, a_block: tuple[int, int], b: Operand, b_block: tuple[int, int]) -> torch.Tensor:
    """a [M, K] @ b [K, N] -> bf16 [M, N], a quantized here in a_block tiles, b in b_block tiles (given as a
    float tensor, or as the pair quantize_blocks(b, b_block) when it is already quantized)."""
    K, N = (b[0] if isinstance(b, tuple) else b).shape
    if has_fp8_matmul(a.device) and K % 128 == 0 and N % 128 == 0 and _tensor_cores_agree(a.device):
        return _tensor_core_mm(a, a_block, b, b_block)
    return _simulated_mm(a, a_block, b, b_block)


@dataclass(frozen=True)
class FP8:
    """The FP8 scheme of the inference modules (modules.py): weight blocks (DeepSeek's 128x128; the engine reads
    them as 1x128, see `rows`), 1x128 activation tiles, the GEMM's output in bf16 as tensor cores write it."""

    name = "fp8"
    block: tuple[int, int] = WEIGHT_BLOCK

    def config(self) -> dict:
        return dict(QUANTIZATION_CONFIG)

    def quantize(self, w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return quantize_blocks(w, self.block)

    def dequantize(self, q: torch.Tensor, s: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        return dequantize_blocks(q, s, dtype, self.block)

    def quantize_input(self, x: torch.Tensor) -> torch.Tensor:
        return fake_quantize(x, ACT_TILE).to(x.dtype)

    def gemm_output(self, y: torch.Tensor) -> torch.Tensor:
        """y rounded to bf16 (to nearest, ties to even), in y's dtype: y.to(bfloat16).to(y.dtype) in integer
        arithmetic, since inductor drops such a down-and-up cast pair inside a fused loop."""
        i = y.float().view(torch.int32)
        return ((i + (0x7FFF + ((i >> 16) & 1))) & -65536).view(torch.float32).to(y.dtype)

    @property
    def rows(self) -> FP8:
        """The same weights in 1 x 128 blocks (row_scales: each block's scale repeated over its rows): a form
        whose output channels can be sliced and concatenated, as the engine's modes (model/ops.py) read them.
        One object per block shape: compiled code guards on it, and a new one per call would recompile."""
        return _fp8_rows(self.block[1])

    def row_scales(self, s: torch.Tensor, out_features: int) -> torch.Tensor:
        return s.repeat_interleave(self.block[0], dim=-2)[..., :out_features, :]

    def kernel_operands(self, q: torch.Tensor, s: torch.Tensor) -> None:
        return None  # no packed CPU kernel: dequantized on the fly

    def linear(self, x: torch.Tensor, q: torch.Tensor, s: torch.Tensor, cache: dict) -> torch.Tensor:
        # the weight [out, in] in (b0, b1) blocks, transposed, is b [in, out] in (b1, b0) blocks
        out = fp8_mm(x.reshape(-1, x.shape[-1]), ACT_TILE, (q.t(), s.t()), self.block[::-1])
        return out.view(*x.shape[:-1], -1).to(x.dtype)


@functools.cache
def _fp8_rows(width: int) -> FP8:
    return FP8((1, width))
