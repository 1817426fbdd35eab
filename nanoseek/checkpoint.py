"""Checkpoints in the Hugging Face DeepSeek-V3 layout: config.json + safetensors, nothing ever unpickled.

In memory the routed experts are stacked ([experts, ...] for grouped matmuls) and the MTP modules live in
`model.mtp`; on disk every tensor has the name the released DeepSeek-V3 weights use: per expert
(`model.layers.N.mlp.experts.E.gate_proj.weight`) and MTP module k at layer index num_hidden_layers + k
(`enorm`, `hnorm`, `eh_proj`, `shared_head.norm`, `shared_head.head`, plus the block). The conversion
happens here, at the boundary, and nowhere else; so transformers, vLLM and SGLang load what nanoseek
writes, and nanoseek loads what they load. DeepSeek-V2 checkpoints (config.json model_type deepseek_v2, read
as DeepseekV2ForCausalLM) use the same names, without MTP layers or the router's e_score_correction_bias;
DeepSeek-V3.2's (deepseek_v32, DeepseekV32ForCausalLM) add each layer's `self_attn.indexer.*`.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import warnings
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file

from .model import Transformer
from .quant.apply import apply_quant, dequantize, prepare_for_load, quantization_config, read_config
from .quant.fp8 import E4M3, QUANTIZATION_CONFIG, dequantize_blocks, quantize_blocks, scales_shape

WEIGHTS = "model.safetensors"
INDEX = "model.safetensors.index.json"
_EXPERT = re.compile(r"^(.*\.mlp\.experts)\.(\d+)\.(gate_proj|up_proj|down_proj)\.weight$")


class CheckpointError(ValueError):
    """A checkpoint directory that cannot be loaded faithfully; the message names the file or tensor."""


# naming: internal <-> Hugging Face
def _hf_prefix(name: str, n_layers: int) -> str:
    if name.startswith("lm_head."):
        return name
    m = re.match(r"^mtp\.(\d+)\.(.*)$", name)
    if m:
        return f"model.layers.{n_layers + int(m.group(1))}.{m.group(2)}"
    return "model." + name


def _internal_prefix(name: str, n_layers: int) -> str:
    if name.startswith("lm_head."):
        return name
    if not name.startswith("model."):
        raise KeyError(name)
    name = name[len("model."):]
    m = re.match(r"^layers\.(\d+)\.(.*)$", name)
    if m and int(m.group(1)) >= n_layers:
        return f"mtp.{int(m.group(1)) - n_layers}.{m.group(2)}"
    return name


# DeepSeek-V4: the names transformers' DeepseekV4ForCausalLM writes (the released weights' names under `model.`;
# `head.weight`; experts per expert as w1 = gate, w3 = up, w2 = down), MTP modules under `mtp.K.` (which
# transformers skips). nanoseek's modules already carry the released names but for these:
_V4_TO_DISK = [  # regular expressions on the name without `model.` (internal -> on disk) ...
    (r"\.(hc_attn|hc_ffn)\.(fn|base|scale)$", r".\1_\2"),
    (r"^(mtp\.\d+\.)hc_head\.hc_(fn|base|scale)$", r"\1hc_head_\2"),
    (r"\.gate\.e_score_correction_bias$", r".gate.bias"),
    (r"\.shared_experts\.gate_proj\.", r".shared_experts.w1."),
    (r"\.shared_experts\.up_proj\.", r".shared_experts.w3."),
    (r"\.shared_experts\.down_proj\.", r".shared_experts.w2."),
    (r"^(mtp\.\d+\.)shared_head\.norm\.", r"\1norm."),
]
_V4_FROM_DISK = [  # ... and back (also the released weights' unprefixed top-level names)
    (r"^embed\.weight$", "embed_tokens.weight"),
    (r"^(lm_)?head\.weight$", "lm_head.weight"),
    (r"^hc_head_(fn|base|scale)$", r"hc_head.hc_\1"),
    (r"\.(hc_attn|hc_ffn)_(fn|base|scale)$", r".\1.\2"),
    (r"^(mtp\.\d+\.)hc_head_(fn|base|scale)$", r"\1hc_head.hc_\2"),
    (r"\.gate\.bias$", r".gate.e_score_correction_bias"),
    (r"\.shared_experts\.w1\.", r".shared_experts.gate_proj."),
    (r"\.shared_experts\.w3\.", r".shared_experts.up_proj."),
    (r"\.shared_experts\.w2\.", r".shared_experts.down_proj."),
    (r"^(mtp\.\d+\.)norm\.", r"\1shared_head.norm."),
]
_V4_EXPERT = re.compile(r"^(.*\.ffn\.experts)\.(\d+)\.(w1|w2|w3)\.weight$")


def _v4_to_disk(name: str) -> str:
    if name == "lm_head.weight":
        return "head.weight"
    for internal, disk in _V4_TO_DISK:
        name = re.sub(internal, disk, name)
    return name if name.startswith("mtp.") else "model." + name


def _v4_from_disk(name: str) -> str:
    name = name.removeprefix("model.")
    for disk, internal in _V4_FROM_DISK:
        name = re.sub(disk, internal, name)
    return name


def _v4_state_dict(model: Transformer) -> dict[str, torch.Tensor]:
    out = {}
    for name, t in model.state_dict().items():
        if ".shared_head.head." in name or (model.config.tie_word_embeddings and name == "lm_head.weight"):
            continue  # the main output head, shared
        if name.endswith("experts.gate_up_proj") or name.endswith("experts.down_proj"):
            base = _v4_to_disk(name.rsplit(".", 1)[0])
            parts = zip(("w1", "w3"), t.chunk(2, dim=1)) if name.endswith("gate_up_proj") else [("w2", t)]
            for w, stack in parts:
                for e in range(t.shape[0]):
                    out[f"{base}.{e}.{w}.weight"] = stack[e]
        else:
            out[_v4_to_disk(name)] = t
    return {k: v.detach().contiguous().clone() for k, v in out.items()}


def _from_v4_state_dict(tensors: dict[str, torch.Tensor], model: Transformer) -> dict[str, torch.Tensor]:
    expected = model.state_dict()
    sd, experts, unexpected = {}, {}, []
    for name, t in tensors.items():
        if m := _V4_EXPERT.match(name):
            experts.setdefault(_v4_from_disk(m.group(1)), {}).setdefault(m.group(3), {})[int(m.group(2))] = t
        elif (internal := _v4_from_disk(name)) in expected:
            sd[internal] = t
        else:
            unexpected.append(name)
    for prefix, per_proj in experts.items():
        if prefix + ".down_proj" not in expected:
            unexpected.append(f"{prefix}.0.w1.weight")
            continue
        n = expected[prefix + ".down_proj"].shape[0]
        for w in ("w1", "w2", "w3"):
            if sorted(per_proj.get(w, {})) != list(range(n)):
                raise CheckpointError(f"{_v4_to_disk(prefix)}: config.json implies experts 0..{n - 1} for {w}; "
                                      f"found {sorted(per_proj.get(w, {}))[:8]}")
        stack = {w: torch.stack([per_proj[w][e] for e in range(n)]) for w in ("w1", "w2", "w3")}
        sd[prefix + ".gate_up_proj"] = torch.cat([stack["w1"], stack["w3"]], dim=1)
        sd[prefix + ".down_proj"] = stack["w2"]
    if unexpected:
        raise CheckpointError(f"unexpected tensor {unexpected[0]!r} ({len(unexpected)} in all) for this DeepSeek-V4 "
                              f"config.json (num_hidden_layers={model.config.num_hidden_layers}, "
                              f"num_nextn_predict_layers={model.config.num_nextn_predict_layers})")
    shared = {k for k in expected if ".shared_head.head." in k}
    if model.config.tie_word_embeddings:
        shared.add("lm_head.weight")
    missing = [k for k in expected if k not in sd and k not in shared]
    if missing:
        raise CheckpointError(f"missing tensor {_v4_to_disk(missing[0])!r} ({len(missing)} missing in all)")
    for k, t in sd.items():
        if tuple(t.shape) != tuple(expected[k].shape):
            raise CheckpointError(f"tensor {_v4_to_disk(k)!r} has shape {tuple(t.shape)}; config.json implies "
                                  f"{tuple(expected[k].shape)}")
    return sd


def to_hf_state_dict(model: Transformer) -> dict[str, torch.Tensor]:
    """The model's tensors under Hugging Face DeepSeek-V3 names, experts split per expert."""
    cfg = model.config
    if cfg.model_type == "deepseek_v4":
        return _v4_state_dict(model)
    out = {}
    for name, t in model.state_dict().items():
        if cfg.tie_word_embeddings and name == "lm_head.weight":
            continue  # transformers re-ties it from the embedding
        hf = _hf_prefix(name, cfg.num_hidden_layers)
        if name.endswith("experts.gate_up_proj"):
            base = hf[: -len("gate_up_proj")]
            gate, up = t.chunk(2, dim=1)
            for e in range(t.shape[0]):
                out[f"{base}{e}.gate_proj.weight"] = gate[e]
                out[f"{base}{e}.up_proj.weight"] = up[e]
        elif name.endswith("experts.down_proj"):
            base = hf[: -len("down_proj")]
            for e in range(t.shape[0]):
                out[f"{base}{e}.down_proj.weight"] = t[e]
        else:
            out[hf] = t
    if "model.embed_tokens.weight" in out:  # as DeepSeek's release: each MTP layer repeats the shared embedding
        for k in range(len(model.mtp)):  # (vLLM's MTP loader reads it there; nanoseek's loader skips it)
            out[f"model.layers.{cfg.num_hidden_layers + k}.embed_tokens.weight"] = out["model.embed_tokens.weight"]
    # safetensors stores no aliases: give every tensor its own contiguous storage
    return {k: v.detach().contiguous().clone() for k, v in out.items()}


def save(model: Transformer, path: str | Path, max_shard_bytes: int = 2 << 30) -> Path:
    """Write config.json, generation_config.json and the weights (sharded above max_shard_bytes). A model
    quantized in memory (quant.apply_quant) is written as such, its config.json declaring how."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    cfg = model.config
    d = cfg.to_dict()
    d["torch_dtype"] = str(model.embed_tokens.weight.dtype).removeprefix("torch.")
    if (q := quantization_config(model)) is not None:
        if q["quant_method"] == "fp8":  # DeepSeek's layout has names and per-expert tensors of its own
            return save_fp8(model, path)
        d["quantization_config"] = q
    (path / "config.json").write_text(json.dumps(d, indent=2) + "\n")
    gen = {"bos_token_id": cfg.bos_token_id, "eos_token_id": cfg.eos_token_id, "do_sample": True,
           "temperature": 0.6, "top_p": 0.95}
    (path / "generation_config.json").write_text(json.dumps(gen, indent=2) + "\n")
    tensors = to_hf_state_dict(model)
    for stale in [path / WEIGHTS, path / INDEX, *path.glob("model-*-of-*.safetensors")]:
        stale.unlink(missing_ok=True)
    shards, current, size = [], {}, 0
    for name, t in tensors.items():
        nbytes = t.numel() * t.element_size()
        if current and size + nbytes > max_shard_bytes:
            shards.append(current)
            current, size = {}, 0
        current[name] = t
        size += nbytes
    shards.append(current)
    meta = {"format": "pt"}
    if len(shards) == 1:
        save_file(shards[0], path / WEIGHTS, metadata=meta)
        return path
    weight_map = {}
    for i, shard in enumerate(shards, 1):
        fname = f"model-{i:05d}-of-{len(shards):05d}.safetensors"
        save_file(shard, path / fname, metadata=meta)
        weight_map.update({k: fname for k in shard})
    total = sum(t.numel() * t.element_size() for t in tensors.values())
    (path / INDEX).write_text(json.dumps({"metadata": {"total_size": total}, "weight_map": weight_map}, indent=2))
    return path


# loading
def _weight_files(path: Path) -> list[Path]:
    if (path / INDEX).exists():
        try:
            weight_map = json.loads((path / INDEX).read_text())["weight_map"]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise CheckpointError(f"{path / INDEX} is not a valid safetensors index ({e})") from None
        files = [path / f for f in dict.fromkeys(weight_map.values())]
    elif (path / WEIGHTS).exists():
        files = [path / WEIGHTS]
    else:
        pickles = [p.name for p in path.glob("*.bin")] + [p.name for p in path.glob("*.pt")]
        hint = f" (found {pickles}: pickle-based weights are never loaded; convert them to safetensors)" \
            if pickles else ""
        raise CheckpointError(f"no {WEIGHTS} or {INDEX} in {path}{hint}")
    for f in files:
        if not f.exists():
            raise CheckpointError(f"weight file {f} named by the index is missing")
    return files


def read_tensors(path: Path, device: str = "cpu") -> dict[str, torch.Tensor]:
    """All tensors of a checkpoint directory, by their on-disk names."""
    tensors = {}
    for f in _weight_files(path):
        try:
            with safe_open(f, framework="pt", device=device) as fh:
                for k in fh.keys():
                    tensors[k] = fh.get_tensor(k)
        except CheckpointError:
            raise
        except Exception as e:  # safetensors raises its own error type for truncated or corrupt files
            raise CheckpointError(f"{f} is not a readable safetensors file (truncated or corrupt?): {e}") from None
    return tensors


def from_hf_state_dict(tensors: dict[str, torch.Tensor], model: Transformer,
                       fp8_dtype: torch.dtype = torch.float32) -> dict[str, torch.Tensor]:
    """Map on-disk tensors to the model's names (stacking experts), checking names and shapes.

    FP8 weights in DeepSeek's released layout (an e4m3 `X.weight` with a float32 `X.weight_scale_inv` per
    128x128 block) are dequantized to fp8_dtype first; from there on they are ordinary weights.
    """
    cfg = model.config
    L = cfg.num_hidden_layers
    tensors = dict(tensors)
    for name in [k for k in tensors if k.endswith(".weight_scale_inv")]:
        scale, weight = tensors.pop(name), name[: -len("_scale_inv")]
        if weight not in tensors:
            raise CheckpointError(f"{name!r} has no {weight!r} beside it to scale")
        want = scales_shape(tensors[weight].shape)
        if tuple(scale.shape) != want:
            raise CheckpointError(f"{name!r} has shape {tuple(scale.shape)}; {weight!r} of shape "
                                  f"{tuple(tensors[weight].shape)} in 128x128 blocks needs {want}")
        tensors[weight] = dequantize_blocks(tensors[weight], scale, fp8_dtype)
    unscaled = [k for k, t in tensors.items() if t.dtype == E4M3]
    if unscaled:
        raise CheckpointError(f"tensor {unscaled[0]!r} is FP8 (e4m3) but has no weight_scale_inv beside it: "
                              "its scale is unknown, so it cannot be read")
    if cfg.model_type == "deepseek_v4":
        return _from_v4_state_dict(tensors, model)
    expected = model.state_dict()
    sd, experts, unexpected = {}, {}, []
    for name, t in tensors.items():
        m = _EXPERT.match(name)
        if m:
            experts.setdefault((m.group(1), m.group(3)), {})[int(m.group(2))] = (name, t)
            continue
        if re.match(r"^model\.layers\.\d+\.embed_tokens\.weight$", name):
            continue  # the released V3 weights repeat the shared embedding in each MTP layer
        try:
            internal = _internal_prefix(name, L)
        except KeyError:
            unexpected.append(name)
            continue
        if internal not in expected:
            unexpected.append(name)
            continue
        sd[internal] = t
    stacks = {}  # (internal experts prefix, proj) -> [experts, ...]
    for (base, proj), per_expert in experts.items():
        prefix = _internal_prefix(base, L)
        target = f"{prefix}.{'down_proj' if proj == 'down_proj' else 'gate_up_proj'}"
        if target not in expected:
            unexpected.extend(n for n, _ in per_expert.values())
            continue
        n_experts = expected[target].shape[0]
        if sorted(per_expert) != list(range(n_experts)):
            missing = sorted(set(range(n_experts)) - set(per_expert))
            extra = sorted(set(per_expert) - set(range(n_experts)))
            raise CheckpointError(f"{base}: config.json implies experts 0..{n_experts - 1} for {proj}; "
                                  f"missing {missing[:5]}, unexpected {extra[:5]}")
        stacks[prefix, proj] = torch.stack([per_expert[e][1] for e in range(n_experts)])
    for prefix in {p for p, _ in stacks}:
        gate, up, down = (stacks.get((prefix, p)) for p in ("gate_proj", "up_proj", "down_proj"))
        for proj, t in (("gate_proj", gate), ("up_proj", up), ("down_proj", down)):
            if t is None:
                raise CheckpointError(f"missing tensor {_hf_prefix(prefix, L)}.0.{proj}.weight")
        if gate.shape != up.shape:
            raise CheckpointError(f"{_hf_prefix(prefix, L)}: gate_proj {tuple(gate.shape[1:])} and up_proj "
                                  f"{tuple(up.shape[1:])} shapes differ")
        sd[prefix + ".gate_up_proj"] = torch.cat([gate, up], dim=1)
        sd[prefix + ".down_proj"] = down
    if unexpected:
        raise CheckpointError(f"unexpected tensor {unexpected[0]!r} ({len(unexpected)} in all) for this "
                              f"config.json (num_hidden_layers={L}, "
                              f"num_nextn_predict_layers={cfg.num_nextn_predict_layers})")
    # shared/tied heads: lm_head serves the MTP modules, and the embedding when tied
    shared = {f"mtp.{k}.shared_head.head.weight" for k in range(cfg.num_nextn_predict_layers)}
    if cfg.tie_word_embeddings:
        shared.add("lm_head.weight")
    for k in shared & sd.keys():
        head = sd.get("lm_head.weight", sd.get("embed_tokens.weight"))
        if head is not None and head.shape == sd[k].shape and not torch.equal(head, sd[k]):
            warnings.warn(f"{_hf_prefix(k, L)} differs from the main output head; nanoseek shares one head",
                          stacklevel=2)
        del sd[k]
    missing = [k for k in expected if k not in sd and k not in shared]
    if missing:
        raise CheckpointError(f"missing tensor {_hf_prefix(missing[0], L)!r} ({len(missing)} missing in all)")
    for k, t in sd.items():
        want = tuple(expected[k].shape)
        if tuple(t.shape) != want:
            raise CheckpointError(f"tensor {_hf_prefix(k, L)!r} has shape {tuple(t.shape)}; config.json "
                                  f"implies {want}")
    return sd


def load(path: str | Path, dtype: torch.dtype | None = None, device: str | torch.device | None = None) -> Transformer:
    """Load a checkpoint directory. dtype None keeps the stored dtype; device None picks cuda if available."""
    path = Path(path)
    if not path.is_dir():
        raise CheckpointError(f"checkpoint directory {path} does not exist")
    cfg, quantization = read_config(path / "config.json")
    device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
    tensors = read_tensors(path)
    mtp_prefix = "mtp.0." if cfg.model_type == "deepseek_v4" else f"model.layers.{cfg.num_hidden_layers}."
    if cfg.num_nextn_predict_layers and not any(k.startswith(mtp_prefix) for k in tensors):
        # e.g. saved by transformers, which drops MTP modules: the main model is complete without them
        warnings.warn(f"{path}: config.json declares {cfg.num_nextn_predict_layers} MTP module(s) but the weights "
                      "hold none; loading the model without MTP", stacklevel=2)
        cfg = cfg.replace(num_nextn_predict_layers=0)
    if dtype is None:  # the stored precision: the final norm is never quantized
        dtype = tensors.get("model.norm.weight", torch.empty(0)).dtype
    with torch.device("meta"):
        model = Transformer(cfg)  # no memory, no init: the weights are assigned below
    prepare_for_load(model, quantization, dtype)  # int8/int4 checkpoints: quantized modules, names as on disk
    sd = from_hf_state_dict(tensors, model, fp8_dtype=dtype)
    state = model.state_dict(keep_vars=True)
    for k, t in sd.items():
        if k.endswith("e_score_correction_bias"):
            sd[k] = t.to(device=device, dtype=torch.float32)
        elif isinstance(state[k], torch.nn.Parameter):
            sd[k] = t.to(device=device, dtype=dtype)
        else:  # quantized weights and their scales keep the dtype they were stored in
            sd[k] = t.to(device=device)
    model.load_state_dict(sd, strict=False, assign=True)
    model.tie_weights()
    materialize_buffers(model, device)
    return model.eval()


def materialize_buffers(model: Transformer, device: torch.device) -> None:
    """Non-persistent buffers (rope frequencies, expert-load counters) are not on disk: build them."""
    for module in model.modules():
        for name, buf in list(module.named_buffers(recurse=False)):
            if buf.is_meta:
                module._buffers[name] = torch.zeros(buf.shape, dtype=buf.dtype, device=device)
    for module in model.modules():  # every RoPE table (V4's attention layers keep their own)
        if "inv_freq" in module._buffers:
            module.reset_parameters()


# quantized checkpoints: nanoseek's int8/int4 format, and DeepSeek's released FP8 format
#
# int8/int4: the quantized modules' `qweight` / `scales` under their Hugging Face names (stacked experts as one
# tensor each: `model.layers.N.mlp.experts.gate_up_qweight`), and config.json gets {"quant_method": "nanoseek",
# "scheme": ..., ...}; only nanoseek reads this format. FP8: the released DeepSeek-V3/R1 layout, which
# transformers, vLLM and SGLang read: per-expert tensors, each linear weight (`*_proj.weight`) in e4m3 beside its
# float32 `weight_scale_inv` (128x128 blocks), everything else in bf16 (the router's expert bias in float32), and
# config.json's quantization_config as DeepSeek's. DeepSeek-V4's FP8 checkpoints: see _V4_FP8 below.

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


# DeepSeek-V4 in FP8: the tensors that the V4 release keeps in FP8 (per transformers' DeepseekV4 notes), every linear
# layer but the output head, the router, the compressors' wkv / wgate and the indexer's weights_proj (bf16); the mHC
# mixing weights, attention sinks, compressor position biases and expert biases in float32; the hash tables as
# integers. Scales under V3's name `weight_scale_inv`, which transformers' FP8 loader reads for V4 too (the release's
# own `.scale` names, and its expert_dtype, are not read by nanoseek yet).
_V4_FP8 = re.compile(r"\.(wq_a|wq_b|wkv|wo_a|wo_b|w1|w2|w3|eh_proj)\.weight$")
_V4_FLOAT32 = re.compile(r"(\.gate\.bias|\.attn_sink|\.ape|hc_(attn|ffn|head)_(fn|base|scale)|hc_head\.hc_\w+)$")


def _fp8_weight(name: str, v4: bool) -> bool:
    if v4:
        return bool(_V4_FP8.search(name)) and ".compressor." not in name
    # every linear layer but V3.2's indexer head weights (transformers keeps them in float32)
    return name.endswith(("_proj.weight", "_proj_with_mqa.weight")) and "indexer" not in name


def fp8_state_dict(model: Transformer) -> dict[str, torch.Tensor]:
    """The model's tensors in DeepSeek's FP8 release layout (names as on disk)."""
    v4, out = model.config.model_type == "deepseek_v4", {}
    for name, t in to_hf_state_dict(model).items():
        if _fp8_weight(name, v4) and t.dim() == 2:
            out[name], out[name + "_scale_inv"] = quantize_blocks(t)
        elif not t.is_floating_point():
            out[name] = t
        elif name.endswith("e_score_correction_bias") or (v4 and _V4_FLOAT32.search(name)):
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


def load_quantized(path: str | Path, kind: str | None = None, group_size: int | None = None,
                   dtype: torch.dtype | None = None, device: str | torch.device | None = None) -> Transformer:
    """A checkpoint loaded to run at the precision asked (`nanoseek generate / serve --quant`): a floating-point
    one quantized on load to kind (None: kept float); a quantized one as stored (FP8, which nanoseek.load
    dequantizes, quantized again: the very e4m3 bytes on disk). Asking a quantized one for another is an error."""
    if group_size is not None and kind != "int4":
        raise ValueError(f"--group-size sets int4's groups; it means nothing with --quant {kind}")
    _, stored = read_config(Path(path) / "config.json")
    model = load(path, dtype=dtype, device=device)
    if stored is None:
        return model if kind is None else apply_quant(model, kind, group_size or 32)
    have = stored.get("scheme", "fp8")
    have_group = stored.get("group_size", 32) if have == "int4" else None
    if kind is not None and (kind, group_size or have_group) != (have, have_group):
        found = have + (f" with groups of {have_group}" if have_group else "")
        asked = kind + (f" with groups of {group_size or 32}" if kind == "int4" else "")
        raise ValueError(f"{path} is already quantized to {found}; --quant asks for {asked}. Drop --quant (or "
                         f"--group-size) to run it as stored, or quantize its floating-point checkpoint instead")
    return apply_quant(model, "fp8") if have == "fp8" else model


TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json")


def copy_tokenizer(src: str | Path, dst: str | Path) -> None:
    """Put the tokenizer beside the weights, so a checkpoint directory is complete on its own."""
    for f in TOKENIZER_FILES:
        if (Path(src) / f).exists():
            shutil.copy2(Path(src) / f, Path(dst) / f)
