"""GGUF export for llama.cpp and Ollama: the `deepseek2` architecture, its metadata keys and tensor names.

The file is what llama.cpp's own converter (convert_hf_to_gguf.py) makes of a DeepSeek-V3 checkpoint,
written straight from the model in memory with the `gguf` package:
- MLA runs in llama.cpp as multi-query attention over the latent: head_count_kv = 1, key_length =
  kv_lora_rank + rope dims, value_length = kv_lora_rank, and the per-head sizes apart (key/value_length_mla).
- kv_b_proj is split per head into attn_k_b (W_UK transposed, [heads, kv_lora_rank, nope]) and attn_v_b
  (W_UV, [heads, v, kv_lora_rank]): the absorbed form llama.cpp computes with.
- Routed experts are merged into 3-D tensors; the router's expert bias is `exp_probs_b.bias`. MTP modules
  are left out, as the converter leaves them out of deepseek2 files.
- Gating is written explicitly (sigmoid, group counts, weight norm, scale): without expert_gating_func
  llama.cpp falls back to softmax gating and the logits drift (see DESIGN.md, facts found by trying).
- DeepSeek-V2 (softmax gating, no expert bias, no MTP) is the same architecture to llama.cpp, with
  expert_gating_func softmax. Its greedy top-k is written as one group; its group-limited top-k is refused:
  llama.cpp ranks groups by the sum of their two best experts (V3's rule, as tried: tests/test_family_v2.py).
- llama.cpp rotates adjacent pairs of the RoPE dims, which is DeepSeek's rope_interleave = true; a model
  with rope_interleave = false gets its query and key RoPE rows permuted into that order (dot products of
  rotated pairs are unchanged by permuting both sides alike).
- YaRN: llama.cpp's deepseek2 takes mscale = mscale_all_dim (true of DeepSeek's configs); others are refused.
- 1-D tensors, norms and the router stay F32 (llama.cpp expects them so); the rest takes --type, with
  F16 for a q8_0 tensor whose rows are not a whole number of 32-value blocks.
- The tokenizer goes in as byte-level BPE ("gpt2") with pre-tokenizer "gpt-2", which is nanoseek's.
Verified with llama-cpp-python 0.3.36 (llama.cpp 0c1e570) by tests/test_export_gguf.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import gguf
import numpy as np
import torch

from ..model import Transformer
from ..model.moe import MoE

ARCH = "deepseek2"
T = gguf.MODEL_TENSOR
QTYPES = {"f32": gguf.GGMLQuantizationType.F32, "f16": gguf.GGMLQuantizationType.F16,
          "bf16": gguf.GGMLQuantizationType.BF16, "q8_0": gguf.GGMLQuantizationType.Q8_0}
FILE_TYPES = {"f32": gguf.LlamaFileType.ALL_F32, "f16": gguf.LlamaFileType.MOSTLY_F16,
              "bf16": gguf.LlamaFileType.MOSTLY_BF16, "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0}


def export_gguf(model: Transformer, tokenizer_dir: str | Path, out: str | Path, tensor_type: str = "f16",
                name: str = "nanoseek") -> Path:
    """Write `model` (floating point) and the tokenizer in tokenizer_dir to the GGUF file `out`."""
    if tensor_type not in QTYPES:
        raise ValueError(f"GGUF tensor type must be one of {', '.join(QTYPES)}; got {tensor_type!r}")
    cfg = model.config
    if cfg.model_type == "deepseek_v4":
        raise ValueError("llama.cpp has no DeepSeek-V4 architecture (hybrid sliding-window + compressed attention, "
                         "mHC streams, hash routing): export it in the Hugging Face format (--format hf) instead")
    if cfg.attention_type != "mla":
        raise ValueError("llama.cpp's deepseek2 computes MLA; this model is the GQA baseline of `nanoseek ablate`")
    if cfg.sparse:
        raise ValueError("llama.cpp's deepseek2 architecture has no lightning indexer, so it cannot compute "
                         "DeepSeek-V3.2's sparse attention: written as deepseek2 this model would attend to every key "
                         f"instead of its indexer's top {cfg.index_topk} (another model). llama.cpp's glm-dsa "
                         "architecture has an indexer, but nanoseek does not write it: it has not been checked "
                         "against V3.2. Serve a V3.2 model with nanoseek (`nanoseek serve`) or transformers")
    if cfg.attention_bias:
        raise ValueError("llama.cpp's deepseek2 has no attention biases; this model has attention_bias = true")
    if cfg.topk_method == "group_limited_greedy" and limits_groups(cfg):
        raise ValueError("llama.cpp scores an expert group by the sum of its two best experts (DeepSeek-V3's "
                         "rule); this DeepSeek-V2 model's group_limited_greedy scores a group by its best expert, so "
                         f"llama.cpp would route differently (n_group {cfg.n_group}, topk_group {cfg.topk_group}). "
                         "Only V2 models with greedy top-k (or topk_group = n_group) export to GGUF")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    w = gguf.GGUFWriter(out, ARCH)
    w.add_name(name)
    w.add_file_type(FILE_TYPES[tensor_type])
    _add_hparams(w, model)
    _add_tokenizer(w, Path(tokenizer_dir), cfg.vocab_size)
    for tensor_name, t in _tensors(model):
        data, qtype = _encode(tensor_name, t, tensor_type)
        w.add_tensor(tensor_name, data, raw_dtype=qtype)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return out


def _add_hparams(w: gguf.GGUFWriter, model: Transformer) -> None:
    cfg = model.config
    w.add_block_count(cfg.num_hidden_layers)
    w.add_context_length(cfg.max_position_embeddings)
    w.add_embedding_length(cfg.hidden_size)
    w.add_feed_forward_length(cfg.intermediate_size)
    w.add_vocab_size(cfg.vocab_size)
    w.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    # attention: MLA as MQA over the latent
    w.add_head_count(cfg.num_attention_heads)
    w.add_head_count_kv(1)
    # no query compression is q_lora_rank 0: llama.cpp infers it from the layer count otherwise (V2-Lite's 27)
    w.add_q_lora_rank(cfg.q_lora_rank or 0)
    w.add_kv_lora_rank(cfg.kv_lora_rank)
    w.add_key_length(cfg.kv_lora_rank + cfg.qk_rope_head_dim)
    w.add_value_length(cfg.kv_lora_rank)
    w.add_key_length_mla(cfg.qk_nope_head_dim + cfg.qk_rope_head_dim)
    w.add_value_length_mla(cfg.v_head_dim)
    w.add_rope_dimension_count(cfg.qk_rope_head_dim)
    w.add_rope_freq_base(cfg.rope_theta)
    if (yarn := cfg.yarn) is not None:
        # llama.cpp's deepseek2 has one YaRN magnitude, mscale_all_dim (from yarn_log_multiplier), and takes
        # mscale equal to it: as in DeepSeek-V3's config (1.0 and 1.0) and V2-Lite's (0.707 and 0.707)
        if yarn.get("mscale_all_dim") is None or yarn.get("mscale", 1.0) != yarn["mscale_all_dim"]:
            raise ValueError(f"llama.cpp computes YaRN with mscale = mscale_all_dim; this model has mscale="
                             f"{yarn.get('mscale')}, mscale_all_dim={yarn.get('mscale_all_dim')}: its GGUF "
                             "would compute different attention")
        w.add_rope_scaling_type(gguf.RopeScalingType.YARN)
        w.add_rope_scaling_factor(yarn["factor"])
        w.add_rope_scaling_orig_ctx_len(yarn["original_max_position_embeddings"])
        for key, add in (("beta_fast", w.add_rope_scaling_yarn_beta_fast),
                         ("beta_slow", w.add_rope_scaling_yarn_beta_slow)):
            if key in yarn:
                add(yarn[key])
        w.add_rope_scaling_yarn_log_mul(0.1 * yarn["mscale_all_dim"])  # llama.cpp divides it by 0.1 again
    # DeepSeekMoE, every routing choice explicit
    w.add_leading_dense_block_count(cfg.first_k_dense_replace)
    w.add_expert_count(cfg.n_routed_experts)
    w.add_expert_used_count(cfg.num_experts_per_tok)
    w.add_expert_shared_count(cfg.n_shared_experts)
    w.add_expert_feed_forward_length(cfg.moe_intermediate_size)
    w.add_expert_group_count(cfg.n_group if limits_groups(cfg) else 1)  # (V2's greedy top-k ignores groups)
    w.add_expert_group_used_count(cfg.topk_group if limits_groups(cfg) else 1)
    w.add_expert_gating_func(gguf.ExpertGatingFuncType.SIGMOID if cfg.scoring_func == "sigmoid"
                             else gguf.ExpertGatingFuncType.SOFTMAX)
    w.add_expert_weights_norm(cfg.norm_topk_prob)
    w.add_expert_weights_scale(cfg.routed_scaling_factor)


def limits_groups(cfg) -> bool:
    """Whether routing keeps only some expert groups eligible (V3 always may; V2 when group-limited)."""
    return cfg.topk_method != "greedy" and cfg.topk_group < cfg.n_group


def _add_tokenizer(w: gguf.GGUFWriter, directory: Path, vocab_size: int) -> None:
    spec = json.loads((directory / "tokenizer.json").read_text(encoding="utf-8"))
    pre = spec.get("pre_tokenizer") or {}
    if spec["model"]["type"] != "BPE" or pre.get("type") != "ByteLevel" or pre.get("add_prefix_space") \
            or not pre.get("use_regex", True):
        raise ValueError(f"{directory / 'tokenizer.json'}: llama.cpp needs a pre-tokenizer it knows; nanoseek "
                         "exports byte-level BPE with GPT-2's split (llama.cpp's 'gpt-2'), and this is not it")
    added = {t["id"]: t for t in spec["added_tokens"]}
    by_id = {i: tok for tok, i in spec["model"]["vocab"].items()} | {i: t["content"] for i, t in added.items()}
    if max(by_id) >= vocab_size:
        raise ValueError(f"the tokenizer has ids up to {max(by_id)} but the model's vocab_size is {vocab_size}")
    tokens, types = [], []
    for i in range(vocab_size):  # the embedding may be wider than the vocabulary: pad it with unused entries
        tokens.append(by_id.get(i, f"[PAD{i}]"))
        if i not in by_id:
            types.append(gguf.TokenType.UNUSED)
        elif i in added:
            types.append(gguf.TokenType.CONTROL if added[i]["special"] else gguf.TokenType.USER_DEFINED)
        else:
            types.append(gguf.TokenType.NORMAL)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("gpt-2")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges([m if isinstance(m, str) else " ".join(m) for m in spec["model"]["merges"]])
    config = json.loads((directory / "tokenizer_config.json").read_text(encoding="utf-8"))
    ids = {tok: i for i, tok in by_id.items()}
    for key, add in (("bos_token", w.add_bos_token_id), ("eos_token", w.add_eos_token_id),
                     ("pad_token", w.add_pad_token_id)):
        if config.get(key) in ids:
            add(ids[config[key]])
    w.add_add_bos_token(bool(config.get("add_bos_token", False)))
    w.add_add_eos_token(bool(config.get("add_eos_token", False)))
    if config.get("chat_template"):
        w.add_chat_template(config["chat_template"])


def _rope_to_adjacent_pairs(w: torch.Tensor, dim: int) -> torch.Tensor:
    """Rows [..., dim, in] of RoPE'd outputs in halves order (i, i + dim/2) -> adjacent pairs (2i, 2i + 1)."""
    order = torch.arange(dim).view(2, dim // 2).t().flatten()
    return w[..., order, :]


def _tensors(model: Transformer):
    """(GGUF name, tensor) for every tensor llama.cpp's deepseek2 reads, in its layout."""
    cfg = model.config
    H, nope, rope, v = cfg.num_attention_heads, cfg.qk_nope_head_dim, cfg.qk_rope_head_dim, cfg.v_head_dim

    def name(kind, bid=None, suffix="weight"):
        return f"{gguf.TENSOR_NAMES[kind].format(bid=bid)}.{suffix}"

    def rope_rows(weight, heads, head_dim):
        if cfg.rope_interleave:
            return weight
        w = weight.view(heads, head_dim, -1)
        w = torch.cat([w[:, : head_dim - rope], _rope_to_adjacent_pairs(w[:, head_dim - rope:], rope)], dim=1)
        return w.reshape(weight.shape)

    yield name(T.TOKEN_EMBD), model.embed_tokens.weight
    for i, layer in enumerate(model.layers):
        a = layer.self_attn
        yield name(T.ATTN_NORM, i), layer.input_layernorm.weight
        if cfg.q_lora_rank is None:
            yield name(T.ATTN_Q, i), rope_rows(a.q_proj.weight, H, nope + rope)
        else:
            yield name(T.ATTN_Q_A, i), a.q_a_proj.weight
            yield name(T.ATTN_Q_A_NORM, i), a.q_a_layernorm.weight
            yield name(T.ATTN_Q_B, i), rope_rows(a.q_b_proj.weight, H, nope + rope)
        yield name(T.ATTN_KV_A_MQA, i), rope_rows(a.kv_a_proj_with_mqa.weight, 1, cfg.kv_lora_rank + rope)
        yield name(T.ATTN_KV_A_NORM, i), a.kv_a_layernorm.weight
        kv_b = a.kv_b_proj.weight.view(H, nope + v, cfg.kv_lora_rank)
        yield name(T.ATTN_K_B, i), kv_b[:, :nope].transpose(1, 2)  # [H, kv_lora_rank, nope]
        yield name(T.ATTN_V_B, i), kv_b[:, nope:]  # [H, v, kv_lora_rank]
        yield name(T.ATTN_OUT, i), a.o_proj.weight
        yield name(T.FFN_NORM, i), layer.post_attention_layernorm.weight
        mlp = layer.mlp
        if isinstance(mlp, MoE):
            yield name(T.FFN_GATE_INP, i), mlp.gate.weight
            if cfg.scoring_func == "sigmoid":  # (V2's softmax gate has no bias)
                yield name(T.FFN_EXP_PROBS_B, i, "bias"), mlp.gate.e_score_correction_bias
            gate, up = mlp.experts.gate_up_proj.chunk(2, dim=1)
            yield name(T.FFN_GATE_EXP, i), gate  # [experts, inter, hidden]
            yield name(T.FFN_UP_EXP, i), up
            yield name(T.FFN_DOWN_EXP, i), mlp.experts.down_proj  # [experts, hidden, inter]
            if mlp.shared_experts is not None:
                yield name(T.FFN_GATE_SHEXP, i), mlp.shared_experts.gate_proj.weight
                yield name(T.FFN_UP_SHEXP, i), mlp.shared_experts.up_proj.weight
                yield name(T.FFN_DOWN_SHEXP, i), mlp.shared_experts.down_proj.weight
        else:
            yield name(T.FFN_GATE, i), mlp.gate_proj.weight
            yield name(T.FFN_UP, i), mlp.up_proj.weight
            yield name(T.FFN_DOWN, i), mlp.down_proj.weight
    yield name(T.OUTPUT_NORM), model.norm.weight
    if not cfg.tie_word_embeddings:  # tied: llama.cpp reuses token_embd as the output head
        yield name(T.OUTPUT), model.lm_head.weight


def _encode(tensor_name: str, t: torch.Tensor, tensor_type: str) -> tuple[np.ndarray, gguf.GGMLQuantizationType]:
    data = t.detach().float().cpu().contiguous().numpy()
    keep_f32 = (tensor_type == "f32" or data.ndim <= 1 or tensor_name.endswith("_norm.weight")
                or ".ffn_gate_inp." in tensor_name)
    qtype = gguf.GGMLQuantizationType.F32 if keep_f32 else QTYPES[tensor_type]
    try:
        return gguf.quants.quantize(data, qtype), qtype
    except gguf.QuantError:  # q8_0 rows must be whole 32-value blocks
        return gguf.quants.quantize(data, gguf.GGMLQuantizationType.F16), gguf.GGMLQuantizationType.F16
