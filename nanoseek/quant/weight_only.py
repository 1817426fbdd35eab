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
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

# Rows up to which the packed int kernels run (bench/quant.py --kernels, 1 thread: int8's kernel beats
# dequantize + matmul up to ~8 rows, int4's up to 16-64; a decoded token is 1 row).
KERNEL_MAX_ROWS = 8


class WeightOnly:
    """Activations stay in floating point: only the weights are quantized."""

    def quantize_input(self, x: torch.Tensor) -> torch.Tensor:
        return x


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

    def linear(self, x: torch.Tensor, q: torch.Tensor, s: torch.Tensor, cache: dict) -> torch.Tensor:
        rows = x.numel() // x.shape[-1]
        if x.device.type == "cpu" and rows <= KERNEL_MAX_ROWS:
            out = torch._weight_int8pack_mm(x.reshape(rows, -1).bfloat16(), q, s.bfloat16())
            return out.view(*x.shape[:-1], -1).to(x.dtype)
        return F.linear(x, q.to(x.dtype)) * s.to(x.dtype)  # per-output-channel scale after the sum


class Int4(WeightOnly):
    name = "int4"

    def __init__(self, group_size: int = 32):
        if group_size < 2 or group_size % 2:
            raise ValueError(f"int4 group_size must be an even number >= 2; got {group_size}")
        self.group_size = group_size

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
        q = torch.stack([packed & 15, packed >> 4], dim=-1).flatten(-2)
        return q.to(torch.int8) - 8

    def dequantize(self, packed: torch.Tensor, s: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        q = self.unpack(packed).unflatten(-1, (s.shape[-1], self.group_size))
        return (q.to(dtype) * s[..., None].to(dtype)).flatten(-2)

    def linear(self, x: torch.Tensor, packed: torch.Tensor, s: torch.Tensor, cache: dict) -> torch.Tensor:
        rows = x.numel() // x.shape[-1]
        out_features = packed.shape[0]
        if (x.device.type == "cpu" and rows <= KERNEL_MAX_ROWS and out_features % 16 == 0
                and self.group_size in (32, 64, 128, 256)):
            if "int4pack" not in cache:  # the kernel's own tiled layout, built once per layer (memory: +1 copy)
                q = self.unpack(packed).to(torch.int32) + 8
                cache["int4pack"] = torch._convert_weight_to_int4pack_for_cpu(q, 1)
                # the kernel computes (q - 8) * scale + zero; symmetric quantization has zero = 0
                cache["scales_zeros"] = torch.stack([s.t(), torch.zeros_like(s.t())], -1).bfloat16().contiguous()
            out = torch._weight_int4pack_mm_for_cpu(x.reshape(rows, -1).bfloat16(), cache["int4pack"],
                                                    self.group_size, cache["scales_zeros"])
            return out.view(*x.shape[:-1], -1).to(x.dtype)
        return F.linear(x, self.dequantize(packed, s, x.dtype))
