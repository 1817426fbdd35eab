"""Quantizing a model in place, and the `quantization_config` that says how a checkpoint was quantized.

Kinds: "int8" (per output channel), "int4" (per group), both nanoseek's own weight-only format; "fp8" (e4m3,
128x128 blocks, activations 1x128 on the fly), DeepSeek's released format. What is quantized: every linear
layer (MLA projections, dense and shared-expert MLPs, MTP eh_proj), the routed experts, and for int8/int4
the embedding and output head too. What stays in floating point: norms, the router (its scores pick the
experts) and its expert bias; for fp8 also the embedding and the output head, as in DeepSeek-V3 (§3.3);
with tied embeddings, both of them (one tensor serves as both).

DeepSeek-V4 (model/block_v4.py) the same way: its linear layers (attention, compressors, indexer, shared expert,
MTP eh_proj) and clamped experts are quantized; its grouped output projection wo_a is a QuantLinear too, which the
attention reads as `.weight` in its grouped product (dequantized once and kept, see quant/modules.py: that product
runs in floating point, for fp8 without rounding its activations to e4m3). Its mHC
mixing weights, compressor position biases and attention sinks are parameters, not linear layers: they stay in
floating point (float32 in the released weights), as do the routers and the hash routing tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn

from ..config import ConfigError, ModelConfig
from ..model import Transformer
from ..model.moe import Experts
from ..model.moe_v4 import ClampedExperts
from .fp8 import FP8
from .fp8 import QUANTIZATION_CONFIG as FP8_CONFIG
from .modules import QuantEmbedding, QuantExperts, QuantLinear
from .weight_only import Int4, Int8

KINDS = ("int8", "int4", "fp8")
# nanoseek's own weight-only checkpoints: {"quant_method": "nanoseek", "scheme": "int8" | "int4", ...}
NANOSEEK_METHOD = "nanoseek"


def make_scheme(kind: str, group_size: int = 32):
    if kind == "int8":
        return Int8()
    if kind == "int4":
        return Int4(group_size)
    if kind == "fp8":
        return FP8()
    raise ValueError(f"unknown quantization {kind!r}; choose one of {', '.join(KINDS)}")


def apply_quant(model: Transformer, kind: str, group_size: int = 32, dtype: torch.dtype | None = None) -> Transformer:
    """Replace the model's linear layers, routed experts (and for int8/int4 its embedding and head) by
    quantized modules, in place; returns the model. dtype: what it computes in (default: the weights' own)."""
    scheme = make_scheme(kind, group_size)
    if getattr(model, "quantization", None) is not None:
        raise ValueError(f"the model is already quantized ({model.quantization.name}); start from a "
                         "floating-point model (or an FP8 checkpoint, which loads dequantized)")
    keep_float = set()
    if kind == "fp8" or model.config.tie_word_embeddings:
        keep_float = {id(model.lm_head), id(model.embed_tokens)}

    def quantized(m: nn.Module) -> nn.Module | None:
        if id(m) in keep_float:
            return None
        for cls, quant_cls in ((nn.Linear, QuantLinear), (nn.Embedding, QuantEmbedding), (Experts, QuantExperts)):
            if isinstance(m, cls):
                return quant_cls(m, scheme, dtype)
        return None

    _swap(model, quantized)
    model.quantization = scheme
    return model


def quantization_config(model: Transformer) -> dict | None:
    """What config.json should declare for this (possibly quantized) model."""
    scheme = getattr(model, "quantization", None)
    if scheme is None:
        return None
    if scheme.name == "fp8":
        return scheme.config()
    return {"quant_method": NANOSEEK_METHOD, "scheme": scheme.name, **scheme.config()}


def read_config(path: Path) -> tuple[ModelConfig, dict | None]:
    """config.json -> (ModelConfig, its quantization_config or None), the latter checked."""
    try:
        d = json.loads(Path(path).read_text())
    except (OSError, ValueError):
        d = None
    if not isinstance(d, dict) or not d.get("quantization_config"):
        return ModelConfig.load(path), None  # which also gives the clear error for a missing or broken file
    q = d.pop("quantization_config")
    return ModelConfig.from_dict(d), check_quantization_config(q)


def check_quantization_config(q) -> dict:
    method = q.get("quant_method") if isinstance(q, dict) else None
    if method == "fp8":
        found = {k: q.get(k, FP8_CONFIG[k]) for k in ("fmt", "activation_scheme", "weight_block_size")}
        if found != {k: FP8_CONFIG[k] for k in found}:
            raise ConfigError(f"FP8 quantization_config {found} is not DeepSeek's layout, the one nanoseek reads: "
                              f"{ {k: FP8_CONFIG[k] for k in found} }")
        return {**FP8_CONFIG, **q}
    if method == NANOSEEK_METHOD and q.get("scheme") in ("int8", "int4"):
        make_scheme(q["scheme"], q.get("group_size", 32))  # validates the group size
        return q
    raise ConfigError(f"quantization_config {q!r} is not one nanoseek reads: quant_method 'fp8' (DeepSeek's "
                     f"e4m3 with 128x128 weight_scale_inv blocks) or '{NANOSEEK_METHOD}' (scheme int8 or int4, "
                     "written by `nanoseek quantize`)")


def prepare_for_load(model: Transformer, q: dict | None, dtype: torch.dtype) -> Transformer:
    """Before loading a nanoseek int8/int4 checkpoint into a model built on the meta device: swap in the
    quantized modules so that its state_dict names and shapes are those on disk. FP8 checkpoints need no
    swap: they are dequantized on load (quantize again with apply_quant(model, "fp8") to keep FP8)."""
    if q is None or q["quant_method"] != NANOSEEK_METHOD:
        return model
    return apply_quant(model, q["scheme"], q.get("group_size", 32), dtype=dtype)


def weight_bytes(model: nn.Module, *held) -> int:
    """Bytes of memory that the model's weights occupy (each storage counted once: a shared head, views);
    with held (e.g. an engine's weights: dicts, lists and tuples of tensors), also what those hold beside."""
    storages = {}

    def add(x):
        if isinstance(x, torch.Tensor):
            storages[x.untyped_storage().data_ptr()] = x.untyped_storage().nbytes()
        elif isinstance(x, dict):
            for v in x.values():
                add(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                add(v)

    add(list(model.state_dict().values()))
    add(held)
    return sum(storages.values())


def dequantize(model: Transformer) -> Transformer:
    """The inverse of apply_quant, in place: floating-point modules holding the dequantized weights
    (exports to other formats start from these)."""
    _swap(model, lambda m: _float_module(m, model.config)
          if isinstance(m, (QuantLinear, QuantEmbedding, QuantExperts)) else None)
    model.quantization = None
    return model


def _swap(model: nn.Module, replacement) -> None:
    """Replace every module m for which replacement(m) is not None, in place. A module reachable under
    several names (lm_head is also each MTP module's shared_head.head) gets one replacement, shared alike."""
    done: dict[int, nn.Module | None] = {}
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if id(child) not in done:
                done[id(child)] = replacement(child)
            if done[id(child)] is not None:
                setattr(parent, name, done[id(child)])


def _float_module(m: nn.Module, cfg: ModelConfig) -> nn.Module:
    with torch.device("meta"):
        if isinstance(m, QuantLinear):
            f = nn.Linear(m.in_features, m.out_features, bias=m.bias is not None)
        elif isinstance(m, QuantEmbedding):
            f = nn.Embedding(m.num_embeddings, m.embedding_dim)
        else:
            f = Experts(cfg) if m.limit is None else ClampedExperts(cfg)
    if isinstance(m, QuantExperts):
        f.gate_up_proj, f.down_proj = nn.Parameter(m.dequantized("gate_up")), nn.Parameter(m.dequantized("down"))
        return f
    f.weight = nn.Parameter(m.weight)
    if isinstance(m, QuantLinear) and m.bias is not None:
        f.bias = m.bias
    return f
