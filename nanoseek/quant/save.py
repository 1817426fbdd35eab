"""Writing quantized checkpoints: nanoseek's int8/int4 format, and DeepSeek's released FP8 format.

checkpoint.save (nanoseek.save) writes any model quantized in memory, through the functions here.
int8/int4: the quantized modules' `qweight` / `scales` under their Hugging Face names (stacked experts as
one tensor each: `model.layers.N.mlp.experts.gate_up_qweight`), and config.json gets
{"quant_method": "nanoseek", "scheme": ..., ...}; only nanoseek reads this format.

FP8: the released DeepSeek-V3/R1 layout, which transformers, vLLM and SGLang read: per-expert tensors, each
linear weight (`*_proj.weight`) in e4m3 beside its float32 `weight_scale_inv` (128x128 blocks), everything
else in bf16 (the router's expert bias in float32), and config.json's quantization_config as DeepSeek's.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from ..checkpoint import WEIGHTS, save, to_hf_state_dict
from ..model import Transformer
from .apply import dequantize, quantization_config
from .fp8 import QUANTIZATION_CONFIG, quantize_blocks


def _declare(path: Path, quantization: dict, **changes) -> None:
    cfg_path = path / "config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg.update(changes, quantization_config=quantization)
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")


def save_quantized(model: Transformer, path: str | Path, max_shard_bytes: int = 2 << 30) -> Path:
    """Write a model quantized in memory by apply_quant(model, "int8" | "int4")."""
    q = quantization_config(model)
    if q is None or q["quant_method"] == "fp8":
        raise ValueError("save_quantized writes int8/int4 models (apply_quant first); for FP8 call save_fp8 "
                         "on the floating-point model")
    return save(model, path, max_shard_bytes)  # which declares the quantization in config.json


def fp8_state_dict(model: Transformer) -> dict[str, torch.Tensor]:
    """The model's tensors in DeepSeek's FP8 release layout (names as on disk)."""
    out = {}
    for name, t in to_hf_state_dict(model).items():
        if name.endswith(("_proj.weight", "_proj_with_mqa.weight")) and t.dim() == 2:  # every linear layer
            out[name], out[name + "_scale_inv"] = quantize_blocks(t)
        elif name.endswith("e_score_correction_bias"):
            out[name] = t.float()
        else:
            out[name] = t.to(torch.bfloat16)
    return out


def save_fp8(model: Transformer, path: str | Path) -> Path:
    """Write a floating-point model, or one quantized to FP8 in memory, in DeepSeek's FP8 layout (one
    safetensors file). From FP8 in memory the e4m3 bytes on disk are the very ones held: blocks that were
    quantized once come back identical when their dequantized values are quantized again."""
    q = quantization_config(model)
    if q is not None and q["quant_method"] != "fp8":
        raise ValueError(f"save_fp8 writes floating-point or FP8 models; this one is quantized to {q['scheme']}")
    if q is not None:
        model = dequantize(copy.deepcopy(model))
    path = save(model, path, max_shard_bytes=1 << 62)  # config.json, generation_config.json; weights replaced:
    save_file(fp8_state_dict(model), path / WEIGHTS, metadata={"format": "pt"})
    _declare(path, dict(QUANTIZATION_CONFIG), torch_dtype="bfloat16")
    return path
