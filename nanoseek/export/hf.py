"""Hugging Face export: a directory that transformers (AutoModelForCausalLM, pipeline) and vLLM load as
DeepSeek-V3 (or DeepSeek-V2, for a deepseek_v2 model), with the tokenizer and its chat template.

nanoseek's checkpoints already have the Hugging Face DeepSeek-V3 layout (checkpoint.py); what an export adds
is what other tools need and a nanoseek checkpoint may lack: floating-point weights (int8/int4 checkpoints
are nanoseek's own format and get dequantized; FP8 ones load dequantized), in the dtype asked for, with the
tokenizer files beside them. MTP modules stay, at layer index num_hidden_layers + k as in DeepSeek's release.

vLLM (checked against its deepseek_v2.py / deepseek_mtp.py source, not run here: it needs a CUDA build of
torch): every tensor written is loaded or, for the MTP layers, skipped by DeepseekV3ForCausalLM, and its MTP
drafter finds the embedding copy each MTP layer carries. Its MLA attention kernels take only a latent head
of kv_lora_rank + qk_rope_head_dim = 576 (the `base` and `deepseek-v3` presets) or 320; smaller presets
run there with VLLM_MLA_DISABLE=1 (plain attention over the expanded heads).
"""

from __future__ import annotations

from pathlib import Path

import torch

from ..checkpoint import copy_tokenizer, save
from ..model import Transformer
from ..quant import dequantize

DTYPES = {"f32": torch.float32, "bf16": torch.bfloat16, "f16": torch.float16}


def export_hf(model: Transformer, tokenizer_dir: str | Path, out: str | Path, dtype: str = "bf16") -> Path:
    """Write `model` (cast to `dtype`, in place) and the tokenizer of tokenizer_dir into the directory out."""
    if dtype not in DTYPES:
        raise ValueError(f"a Hugging Face export holds floating-point weights: --type must be one of "
                         f"{', '.join(DTYPES)}; got {dtype!r} (for GGUF quantization use --format gguf)")
    if model.config.attention_type != "mla":
        raise ValueError("transformers has no DeepSeek model with grouped-query attention: this is a baseline of "
                         "`nanoseek ablate` (attention_type 'gqa'), saved and loaded by nanoseek only")
    if getattr(model, "quantization", None) is not None:
        dequantize(model)
    for p in model.parameters():  # buffers keep their dtype: the routing bias stays float32
        p.data = p.data.to(DTYPES[dtype])
    path = save(model, out)
    copy_tokenizer(tokenizer_dir, path)
    return path
