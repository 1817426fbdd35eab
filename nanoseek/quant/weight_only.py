"""Weight-only integer quantization: int8 per output channel, int4 per group of input channels.

Both are symmetric (no zero point): a weight w [..., out, in] is stored as integers q and scales s, w ~ q * s.
    int8: s = max|row| / 127 per output channel (float32), q in [-127, 127];
    int4: s = max|group| / 7 per `group_size` consecutive input channels (float16), q in [-7, 7], two q per
          byte (low nibble = even input channel): 4 + 16 / group_size bits per weight.
Every weight's rounding error is at most half a step, s / 2: the bound the tests check, layer by layer.
Leading dimensions are kept, so stacked experts [experts, out, in] quantize like one matrix per expert.

Matmuls: this CPU (AVX-512, no AMX) runs PyTorch's packed int kernels only with bf16 activations, and they
pay only for a few rows (decoding); for many rows (prefill, evaluation) dequantizing to the activations'
dtype and one float matmul is faster (bench/quant.py measures both). So `linear` picks by row count.
The kernels compute every row on its own (the same bits whatever the other rows): the engine's
batch-invariant mode (model/ops.py) runs them at every row count, through `kernel_mm`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from ..model.ops import KERNEL_MAX_ROWS  # rows up to which the packed int kernels run


class WeightOnly:
    """Activations stay in floating point: only the weights are quantized."""

    def quantize_input(self, x: torch.Tensor) -> torch.Tensor:
        return x

    def gemm_output(self, y: torch.Tensor) -> torch.Tensor:
        return y

    @property
    def rows(self) -> WeightOnly:
        """The scheme of these weights in a form whose output channels can be sliced and concatenated (as
        the engine's modes read them, model/ops.py): per-channel and per-group scales already are."""
        return self

    def row_scales(self, s: torch.Tensor, out_features: int) -> torch.Tensor:
        return s

    def linear(self, x: torch.Tensor, q: torch.Tensor, s: torch.Tensor, cache: dict) -> torch.Tensor:
        if x.numel() <= x.shape[-1] * KERNEL_MAX_ROWS:
            if "kernel" not in cache:  # built once per layer
                cache["kernel"] = self.kernel_operands(q, s)
            if cache["kernel"] is not None:
                return self.kernel_mm(x, *cache["kernel"])
        return self.dequantized_linear(x, q, s)

    def dequantized_linear(self, x: torch.Tensor, q: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
        return F.linear(x, self.dequantize(q, s, x.dtype))

    def kernel_mm(self, x: torch.Tensor, *operands: torch.Tensor) -> torch.Tensor:
        """x [..., in] @ the weight^T through the packed kernel (bf16 activations): [..., out] in x's dtype."""
        out = self._kernel(x.reshape(-1, x.shape[-1]).bfloat16(), *operands)
        return out.view(*x.shape[:-1], out.shape[-1]).to(x.dtype)


@dataclass(frozen=True)
class Int8(WeightOnly):
    name = "int8"

    def config(self) -> dict:
        return {"bits": 8}

    def quantize(self, w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """w [..., out, in] -> q int8 [..., out, in], s float32 [..., out]."""
        w = w.float()
        s = (w.abs().amax(-1) / 127).clamp(min=torch.finfo(torch.float32).tiny)  # an all-zero row: any s > 0
        return (w / s[..., None]).round().clamp(-127, 127).to(torch.int8), s

    def dequantize(self, q: torch.Tensor, s: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        return q.to(dtype) * s[..., None].to(dtype)

    def kernel_operands(self, q: torch.Tensor, s: torch.Tensor) -> tuple[torch.Tensor, ...] | None:
        """What kernel_mm takes for the weight (q, s), or None where the kernel does not run."""
        return (q, s.bfloat16()) if q.device.type == "cpu" else None

    _kernel = staticmethod(torch._weight_int8pack_mm)

    def dequantized_linear(self, x: torch.Tensor, q: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
        return F.linear(x, q.to(x.dtype)) * s.to(x.dtype)  # per-output-channel scale after the sum


@dataclass(frozen=True)
class Int4(WeightOnly):
    name = "int4"
    group_size: int = 32

    def __post_init__(self):
        if self.group_size < 2 or self.group_size % 2:
            raise ValueError(f"int4 group_size must be an even number >= 2; got {self.group_size}")

    def config(self) -> dict:
        return {"bits": 4, "group_size": self.group_size}

    def quantize(self, w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """w [..., out, in] -> q uint8 [..., out, in / 2] (two per byte), s float16 [..., out, in / group]."""
        n, g = w.shape[-1], self.group_size
        if n % g:
            raise ValueError(f"int4 groups of {g} do not divide {n} input channels; choose a group size "
                             f"that divides every layer's input width")
        groups = w.float().unflatten(-1, (n // g, g))
        s = (groups.abs().amax(-1) / 7).clamp(min=2.0**-24).half()  # float16 keeps 4.5 bits/weight at g=32
        q = (groups / s[..., None].float()).round().clamp(-7, 7).flatten(-2).to(torch.int16) + 8  # 1..15
        return (q[..., 0::2] | (q[..., 1::2] << 4)).to(torch.uint8), s

    def unpack(self, packed: torch.Tensor) -> torch.Tensor:
        """uint8 [..., out, in / 2] -> the signed integers [..., out, in] (int8)."""
        shifts = torch.tensor([0, 4], dtype=torch.uint8, device=packed.device)  # (pointwise: compiles into a loop)
        return ((packed[..., None] >> shifts) & 15).flatten(-2).to(torch.int8) - 8

    def dequantize(self, packed: torch.Tensor, s: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        q = self.unpack(packed).unflatten(-1, (s.shape[-1], self.group_size))
        return (q.to(dtype) * s[..., None].to(dtype)).flatten(-2)

    def kernel_operands(self, packed: torch.Tensor, s: torch.Tensor) -> tuple[torch.Tensor, ...] | None:
        """The kernel's own tiled layout of the weight (as many bytes again as `packed`) and its scales, per
        matrix of stacked ones; None where the kernel does not run."""
        if packed.device.type != "cpu" or packed.shape[-2] % 16 or self.group_size not in (32, 64, 128, 256):
            return None
        if packed.dim() > 2:  # stacked experts: each its own
            return tuple(map(torch.stack, zip(*(self.kernel_operands(p, t) for p, t in zip(packed, s)))))
        q = self.unpack(packed).to(torch.int32) + 8
        # the kernel computes (q - 8) * scale + zero; symmetric quantization has zero = 0
        scales_zeros = torch.stack([s.t(), torch.zeros_like(s.t())], -1).bfloat16().contiguous()
        return torch._convert_weight_to_int4pack_for_cpu(q, 1), scales_zeros

    def _kernel(self, x: torch.Tensor, pack: torch.Tensor, scales_zeros: torch.Tensor) -> torch.Tensor:
        return torch._weight_int4pack_mm_for_cpu(x, pack, self.group_size, scales_zeros)
