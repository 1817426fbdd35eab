"""ModelConfig: DeepSeek's hyper-parameters under Hugging Face's names (DeepseekV3Config, DeepseekV2Config,
DeepseekV32Config, DeepseekV4Config); the named presets are in presets.py.

Field names and meanings are those of transformers' configs and of the released DeepSeek `config.json` files, so
a reader can hold them against both, and `config.json` files move between nanoseek, transformers, vLLM and
llama.cpp's converter unchanged. `model_type` names the family:
  deepseek_v3  sigmoid gate, bias-corrected group-limited top-k (noaux_tc), MTP;
  deepseek_v2  softmax gate, greedy or group-limited (a group scores its best expert) top-k, no MTP (V2, V2-Lite);
  deepseek_v4  hybrid attention (sliding window + CSA + HCA) instead of MLA, mHC residual streams, hash-routed first
               MoE layers, sqrt-softplus gate, MTP (DeepseekV4Config's names; its own fields are grouped under # v4).
  deepseek_v32 V3 plus DeepSeek Sparse Attention: a lightning indexer per layer picks the index_topk keys each query
               attends to (model/indexer.py).
A family's config.json may leave out keys: they take that family's defaults in transformers (`_FAMILY_DEFAULTS`),
so both read the same model from it.
"""

from __future__ import annotations

import dataclasses
import json
import math
import warnings
from dataclasses import dataclass
from pathlib import Path


class ConfigError(ValueError):
    """A config that nanoseek cannot compute faithfully."""


ARCHITECTURES = {"deepseek_v3": "DeepseekV3ForCausalLM", "deepseek_v2": "DeepseekV2ForCausalLM",
                 "deepseek_v32": "DeepseekV32ForCausalLM", "deepseek_v4": "DeepseekV4ForCausalLM"}

# What transformers' DeepseekV2Config assumes for a key config.json leaves out, where it differs from V3's (the
# dataclass defaults); V2 knows no MTP and rotates adjacent RoPE pairs only (no rope_interleave key).
_FAMILY_DEFAULTS = {
    "deepseek_v3": {},
    "deepseek_v2": dict(
        vocab_size=102400, hidden_size=4096, intermediate_size=11008, num_hidden_layers=32, num_attention_heads=32,
        max_position_embeddings=2048, bos_token_id=1, eos_token_id=2, first_k_dense_replace=0, n_routed_experts=64,
        n_shared_experts=2, routed_scaling_factor=1.0, topk_method="greedy", norm_topk_prob=False,
        moe_intermediate_size=1407, num_experts_per_tok=None, scoring_func="softmax", num_nextn_predict_layers=0),
    "deepseek_v4": dict(
        hidden_size=4096, num_hidden_layers=43, num_attention_heads=64, num_key_value_heads=1, q_lora_rank=1024,
        num_experts_per_tok=6, scoring_func="sqrtsoftplus", routed_scaling_factor=1.5,
        max_position_embeddings=1048576, index_topk=512),
    "deepseek_v32": dict(max_position_embeddings=163840),
}
# The lightning indexer's fields (V3.2's, and V4's CSA layers'); V4's own fields (DeepseekV4Config's names).
_INDEXER = ("index_n_heads", "index_head_dim", "index_topk")
_V4_FIELDS = ("head_dim", "layer_types", "compress_rates", "compress_rope_theta", "sliding_window", "o_groups",
              "o_lora_rank", "hc_mult", "hc_sinkhorn_iters", "hc_eps", "mlp_layer_types", "swiglu_limit")
# Fields a family's config.json does not have (nanoseek's value is then the only one it can be).
_NOT_IN_FAMILY = {
    "deepseek_v3": (*_INDEXER, *_V4_FIELDS),
    "deepseek_v2": ("rope_interleave", "num_nextn_predict_layers", *_INDEXER, *_V4_FIELDS),
    # V3.2's MLA always rotates adjacent pairs; its released config.json does keep num_nextn_predict_layers
    "deepseek_v32": ("rope_interleave", *_V4_FIELDS),
    # MLA's, the dense layers' and the expert groups' fields; RoPE is written as rope_parameters {main, compress}
    "deepseek_v4": ("intermediate_size", "kv_lora_rank", "qk_nope_head_dim", "v_head_dim", "n_group", "topk_group",
                    "first_k_dense_replace", "moe_layer_freq", "topk_method", "seq_aux", "rope_interleave",
                    "attention_type"),
}
V4_LAYER_TYPES = ("sliding_attention", "compressed_sparse_attention", "heavily_compressed_attention")
V4_RATIO_TO_LAYER = {0: "sliding_attention", 4: "compressed_sparse_attention", 128: "heavily_compressed_attention"}


# Keys written by other tools that carry no model hyper-parameter: accepted and dropped on read.
_META_KEYS = {
    "architectures", "transformers_version", "auto_map", "dtype", "torch_dtype", "use_cache",
    "output_router_logits", "pretraining_tp", "ep_size", "_name_or_path", "output_hidden_states",
    "output_attentions", "return_dict", "num_mtp_layers", "head_dim", "qk_head_dim", "rope_parameters",
    "quantization_config", "id2label", "label2id", "problem_type", "tf_legacy_loss", "use_bfloat16",
    "chunk_size_feed_forward", "is_encoder_decoder", "tie_encoder_decoder", "add_cross_attention",
    "task_specific_params", "finetuning_task", "mlp_bias", "mlp_layer_types", "layer_types",
}


@dataclass
class ModelConfig:
    # family (see the module's docstring)
    model_type: str = "deepseek_v3"
    # vocabulary and width
    vocab_size: int = 129280
    hidden_size: int = 7168
    intermediate_size: int = 18432  # dense (first_k_dense_replace) layers' SwiGLU width
    num_hidden_layers: int = 61
    num_attention_heads: int = 128
    num_key_value_heads: int | None = None  # MLA: every head has its own key/value -> = num_attention_heads
    attention_type: str = "mla"  # or "gqa": the grouped-query baseline of `nanoseek ablate` (model/gqa.py)
    hidden_act: str = "silu"
    rms_norm_eps: float = 1e-6
    initializer_range: float = 0.02
    tie_word_embeddings: bool = False
    bos_token_id: int | None = 0
    eos_token_id: int | list[int] | None = 1
    pad_token_id: int | None = None
    # mla
    q_lora_rank: int | None = 1536  # None: no query compression (DeepSeek-V2-Lite)
    kv_lora_rank: int = 512
    qk_nope_head_dim: int = 128
    qk_rope_head_dim: int = 64
    v_head_dim: int = 128
    attention_bias: bool = False
    attention_dropout: float = 0.0
    # rope / yarn
    max_position_embeddings: int = 4096
    rope_theta: float = 10000.0
    rope_scaling: dict | None = None  # {"type": "yarn", "factor", "original_max_position_embeddings", ...}
    rope_interleave: bool = True
    # moe
    moe_intermediate_size: int = 2048
    n_routed_experts: int = 256
    n_shared_experts: int = 1
    num_experts_per_tok: int | None = 8
    n_group: int = 8  # greedy top-k (V2) ignores the groups
    topk_group: int = 4
    routed_scaling_factor: float = 2.5
    norm_topk_prob: bool = True
    first_k_dense_replace: int = 3
    moe_layer_freq: int = 1
    scoring_func: str = "sigmoid"  # V2: softmax
    topk_method: str = "noaux_tc"  # V2: greedy or group_limited_greedy
    aux_loss_alpha: float = 0.0  # sequence-wise balance loss weight (DeepSeek-V3: 0.0001)
    seq_aux: bool = True
    # mtp
    num_nextn_predict_layers: int = 1
    # v4 (deepseek_v4 only; model/hybrid_attention.py, model/mhc.py, model/moe.py's HashGate)
    head_dim: int = 512  # the one latent that is both key and value; queries have it per head
    layer_types: list[str] | None = None  # per layer: sliding_attention | compressed_sparse_attention | heavily_...
    compress_rates: dict | None = None  # {"compressed_sparse_attention": m, "heavily_compressed_attention": m'}
    compress_rope_theta: float = 160000.0  # RoPE base of the CSA/HCA layers (rope_scaling's YaRN applies there)
    sliding_window: int = 128
    o_groups: int = 8  # grouped low-rank output projection: head groups g ...
    o_lora_rank: int = 1024  # ... each projected to this rank before wo_b
    hc_mult: int = 4  # mHC residual streams
    hc_sinkhorn_iters: int = 20
    hc_eps: float = 1e-6
    mlp_layer_types: list[str] | None = None  # per layer: hash_moe (routed by token id) | moe
    swiglu_limit: float = 10.0  # experts clamp their gate (above) and up (both sides) pre-activations
    # lightning indexer: DeepSeek-V3.2's sparse attention (model/indexer.py) and V4's CSA layers
    index_n_heads: int = 64
    index_head_dim: int = 128  # its first qk_rope_head_dim dims carry RoPE
    index_topk: int = 2048  # keys each query attends to (DeepseekV4Config's default: 512)

    def __post_init__(self):
        if self.model_type == "deepseek_v4":
            self.num_key_value_heads = 1 if self.num_key_value_heads is None else self.num_key_value_heads
            n = self.num_hidden_layers
            if self.layer_types is None:  # transformers' default: two HCA layers, then HCA and CSA in turn
                self.layer_types = (["heavily_compressed_attention"] * min(n, 2)
                                    + [V4_LAYER_TYPES[2 - i % 2] for i in range(max(n - 2, 0))])
            if self.mlp_layer_types is None:
                self.mlp_layer_types = ["hash_moe"] * min(n, 3) + ["moe"] * max(n - 3, 0)
            if self.compress_rates is None:
                self.compress_rates = {"compressed_sparse_attention": 4, "heavily_compressed_attention": 128}
            self.layer_types, self.mlp_layer_types = list(self.layer_types), list(self.mlp_layer_types)
        if self.num_key_value_heads is None:
            self.num_key_value_heads = self.num_attention_heads
        self.validate()

    # derived values: computed, never stored twice
    @property
    def qk_head_dim(self) -> int:
        return self.qk_nope_head_dim + self.qk_rope_head_dim

    def is_moe_layer(self, layer_idx: int) -> bool:
        if self.model_type == "deepseek_v4":  # every V4 layer is MoE (the first ones hash-routed)
            return True
        return self.n_routed_experts > 0 and layer_idx >= self.first_k_dense_replace

    def compress_rate(self, layer_idx: int) -> int:
        """V4: tokens per compressed entry of layer layer_idx (0: sliding window only). MTP layers are sliding."""
        kind = self.layer_types[layer_idx] if layer_idx < self.num_hidden_layers else "sliding_attention"
        return 0 if kind == "sliding_attention" else self.compress_rates[kind]

    def validate(self) -> None:
        """Reject what nanoseek would compute differently from the reference instead of guessing."""
        def need(ok: bool, msg: str):
            if not ok:
                raise ConfigError(msg)

        need(self.model_type in ARCHITECTURES,
             f"model_type must be one of {', '.join(ARCHITECTURES)} (the DeepSeek families nanoseek computes); "
             f"found {self.model_type!r}")
        if self.model_type == "deepseek_v4":
            return self._validate_v4(need)
        if self.model_type in ("deepseek_v3", "deepseek_v32"):
            need(self.scoring_func == "sigmoid",
                 f"scoring_func must be 'sigmoid' for {self.model_type}; found {self.scoring_func!r} (softmax gating "
                 "is DeepSeek-V2's: its config.json has model_type deepseek_v2)")
            need(self.topk_method == "noaux_tc", "topk_method must be 'noaux_tc' (bias-corrected group-limited "
                 f"top-k) for {self.model_type}; found {self.topk_method!r}")
        else:
            need(self.scoring_func == "softmax",
                 f"scoring_func must be 'softmax' for deepseek_v2; found {self.scoring_func!r}")
            need(self.topk_method in ("greedy", "group_limited_greedy"),
                 f"topk_method must be 'greedy' or 'group_limited_greedy' for deepseek_v2; found {self.topk_method!r}")
            # transformers' DeepseekV2 ignores norm_topk_prob (its weights are the softmax scores times
            # routed_scaling_factor) while DeepSeek's own V2 code renormalises and then leaves the factor out:
            # two references, two answers
            need(not self.norm_topk_prob, "deepseek_v2 with norm_topk_prob = true is computed differently by "
                 "transformers (which ignores it) and DeepSeek's V2 code; the released V2 configs have false")
            need(self.num_nextn_predict_layers == 0,
                 f"deepseek_v2 has no MTP modules; found num_nextn_predict_layers = {self.num_nextn_predict_layers}")
            need(self.rope_interleave, "deepseek_v2 rotates adjacent RoPE pairs (rope_interleave = true) only")
        if self.model_type == "deepseek_v32":
            self._validate_indexer(need)
        need(self.hidden_act == "silu", f"hidden_act must be 'silu' (SwiGLU experts); found {self.hidden_act!r}")
        need(self.attention_type in ("mla", "gqa"), f"attention_type must be 'mla' (DeepSeek) or 'gqa' (the ablation "
             f"baseline); found {self.attention_type!r}")
        if self.attention_type == "mla":
            need(self.num_key_value_heads == self.num_attention_heads,
                 f"MLA gives every head its own key and value: num_key_value_heads must equal num_attention_heads "
                 f"({self.num_attention_heads}); found {self.num_key_value_heads}")
        else:
            need(self.num_key_value_heads >= 1 and self.num_attention_heads % self.num_key_value_heads == 0,
                 f"GQA shares each key/value head among a whole number of query heads: num_attention_heads "
                 f"({self.num_attention_heads}) must be a multiple of num_key_value_heads "
                 f"({self.num_key_value_heads})")
        need(self.moe_layer_freq == 1, f"moe_layer_freq must be 1 (every layer after first_k_dense_replace is MoE); "
             f"found {self.moe_layer_freq}")
        need(self.qk_rope_head_dim % 2 == 0, f"qk_rope_head_dim must be even; found {self.qk_rope_head_dim}")
        for name in ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "kv_lora_rank",
                     "qk_nope_head_dim", "v_head_dim"):
            need(getattr(self, name) > 0, f"{name} must be positive; found {getattr(self, name)}")
        need(self.q_lora_rank is None or self.q_lora_rank > 0,
             f"q_lora_rank must be positive or null (no query compression); found {self.q_lora_rank}")
        need(self.num_nextn_predict_layers >= 0, "num_nextn_predict_layers must be >= 0")
        if self.rope_scaling is not None:
            kind = self.rope_scaling.get("type", self.rope_scaling.get("rope_type"))
            need(kind in ("yarn", "default"), f"rope_scaling type must be 'yarn' (or absent); found {kind!r}")
            if kind == "yarn":
                need("factor" in self.rope_scaling and "original_max_position_embeddings" in self.rope_scaling,
                     "YaRN rope_scaling needs 'factor' and 'original_max_position_embeddings'; found "
                     f"{sorted(self.rope_scaling)}")
        k, E = self.num_experts_per_tok, self.n_routed_experts
        if E > 0 and self.topk_method == "greedy":  # the groups play no part
            need(k is not None and 1 <= k <= E,
                 f"num_experts_per_tok ({k}) must be between 1 and n_routed_experts ({E})")
        elif E > 0:
            need(self.n_group >= 1 and E % self.n_group == 0,
                 f"n_routed_experts ({E}) must be divisible by n_group ({self.n_group})")
            # noaux_tc: a group scores the sum of its top-2 experts; group_limited_greedy: its best one
            least = 2 if self.topk_method == "noaux_tc" else 1
            need(E // self.n_group >= least, f"each expert group needs >= {least} experts ({self.topk_method}); "
                 f"found {E // self.n_group}")
            need(1 <= self.topk_group <= self.n_group, f"topk_group must be in [1, n_group={self.n_group}]; "
                 f"found {self.topk_group}")
            need(k is not None and 1 <= k <= self.topk_group * (E // self.n_group),
                 f"num_experts_per_tok ({k}) must be between 1 and the experts in the "
                 f"selected groups ({self.topk_group * (E // self.n_group)})")

    def _validate_v4(self, need) -> None:
        L, H = self.num_hidden_layers, self.num_attention_heads
        for name in ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "head_dim",
                     "moe_intermediate_size", "n_routed_experts", "o_groups", "o_lora_rank", "index_n_heads",
                     "index_head_dim", "index_topk", "sliding_window", "hc_mult", "hc_sinkhorn_iters"):
            need(getattr(self, name) > 0, f"{name} must be positive; found {getattr(self, name)}")
        need(self.q_lora_rank is not None and self.q_lora_rank > 0, "deepseek_v4 compresses its queries (the "
             f"indexer reads the compressed query): q_lora_rank must be positive; found {self.q_lora_rank}")
        need(self.num_key_value_heads == 1, "deepseek_v4 attention has one key-value head (one latent is key and "
             f"value for every head): num_key_value_heads must be 1; found {self.num_key_value_heads}")
        need(self.attention_type == "mla", "attention_type 'gqa' is an ablation of the MLA families; deepseek_v4 has "
             "its own hybrid attention")
        need(self.hidden_act == "silu", f"hidden_act must be 'silu' (SwiGLU experts); found {self.hidden_act!r}")
        need(not self.attention_bias, "deepseek_v4's projections have no biases; found attention_bias = true")
        need(self.scoring_func in ("sqrtsoftplus", "sigmoid"), "deepseek_v4's scoring_func must be 'sqrtsoftplus' "
             f"(or 'sigmoid'; the reference computes no other); found {self.scoring_func!r}")
        need(self.norm_topk_prob, "deepseek_v4 always renormalises the chosen experts' scores (transformers ignores "
             "norm_topk_prob = false); found false")
        need(self.n_shared_experts == 1, "deepseek_v4 has one shared expert of moe_intermediate_size (transformers "
             f"ignores n_shared_experts); found n_shared_experts = {self.n_shared_experts}")
        k = self.num_experts_per_tok
        need(k is not None and 1 <= k <= self.n_routed_experts,
             f"num_experts_per_tok ({k}) must be between 1 and n_routed_experts ({self.n_routed_experts})")
        need(self.qk_rope_head_dim % 2 == 0 and 0 < self.qk_rope_head_dim <= self.head_dim,
             f"qk_rope_head_dim (head_dim x partial_rotary_factor) must be even and in (0, head_dim = "
             f"{self.head_dim}]; found {self.qk_rope_head_dim}")
        need(H * self.head_dim % self.o_groups == 0, f"the grouped output projection splits the {H} x {self.head_dim} "
             f"attention outputs into o_groups = {self.o_groups} equal groups: it must divide {H * self.head_dim}")
        need(self.index_n_heads > 0 and self.index_head_dim >= self.qk_rope_head_dim,
             f"index_head_dim ({self.index_head_dim}) must hold the rotary part ({self.qk_rope_head_dim})")
        for name, types, allowed in (("layer_types", self.layer_types, V4_LAYER_TYPES),
                                     ("mlp_layer_types", self.mlp_layer_types, ("hash_moe", "moe"))):
            need(len(types) == L, f"{name} must name one type per layer ({L}); found {len(types)}")
            bad = sorted(set(types) - set(allowed))
            need(not bad, f"{name} entries must be among {allowed}; found {bad}")
        need(set(self.compress_rates) == set(V4_LAYER_TYPES[1:]), "compress_rates must give "
             f"{V4_LAYER_TYPES[1:]}; found {sorted(self.compress_rates)}")
        need(all(isinstance(r, int) and r >= 1 for r in self.compress_rates.values()),
             f"compress_rates must be positive integers; found {self.compress_rates}")
        need(self.num_nextn_predict_layers >= 0, "num_nextn_predict_layers must be >= 0")
        if self.rope_scaling is not None:
            kind = self.rope_scaling.get("type", self.rope_scaling.get("rope_type"))
            need(kind == "yarn", f"rope_scaling type must be 'yarn' (or absent); found {kind!r}")
            need("factor" in self.rope_scaling and "original_max_position_embeddings" in self.rope_scaling,
                 "YaRN rope_scaling needs 'factor' and 'original_max_position_embeddings'; found "
                 f"{sorted(self.rope_scaling)}")
    def _validate_indexer(self, need) -> None:
        need(self.attention_type == "mla", "deepseek_v32's sparse attention is MLA's; the GQA baseline has no indexer")
        need(self.q_lora_rank is not None, "deepseek_v32's indexer computes its queries from MLA's query latent: "
             "q_lora_rank must be set (found null)")
        need(self.rope_interleave, "deepseek_v32's MLA rotates adjacent RoPE pairs (rope_interleave = true) only")
        for name in _INDEXER:
            need(getattr(self, name) > 0, f"{name} must be positive; found {getattr(self, name)}")
        need(self.index_head_dim >= self.qk_rope_head_dim,
             f"index_head_dim ({self.index_head_dim}) must be at least qk_rope_head_dim ({self.qk_rope_head_dim}): "
             "the indexer rotates its first qk_rope_head_dim dimensions")

    @property
    def sparse(self) -> bool:
        """DeepSeek Sparse Attention: each query attends to the index_topk keys its layer's indexer picks."""
        return self.model_type == "deepseek_v32"

    @property
    def yarn(self) -> dict | None:
        """The YaRN parameters, or None when plain RoPE is used."""
        rs = self.rope_scaling
        if rs is None or rs.get("type", rs.get("rope_type")) != "yarn":
            return None
        return rs

    def extended(self, factor: float) -> ModelConfig:
        """This config with its context extended `factor` times by YaRN, as DeepSeek-V3's long-context stages did
        (beta_fast 32, beta_slow 1, mscale = mscale_all_dim = 1): the trained context, max_position_embeddings,
        becomes YaRN's original length. A config that has YaRN already extends its factor again."""
        if factor <= 1:
            raise ConfigError(f"a context extension factor must be > 1; found {factor}")
        yarn = self.yarn or {"type": "yarn", "factor": 1.0, "original_max_position_embeddings":
                             self.max_position_embeddings, "beta_fast": 32, "beta_slow": 1, "mscale": 1.0,
                             "mscale_all_dim": 1.0}
        return self.replace(max_position_embeddings=round(self.max_position_embeddings * factor),
                            rope_scaling={**yarn, "factor": yarn["factor"] * factor})

    # config.json
    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        for name in _NOT_IN_FAMILY[self.model_type]:
            del d[name]
        if self.attention_type == "mla" and "attention_type" in d:  # (the GQA baseline is nanoseek's own)
            del d["attention_type"]
        if self.model_type == "deepseek_v4":  # RoPE as DeepseekV4Config writes it: plain on sliding layers,
            rotary = {"partial_rotary_factor": self.qk_rope_head_dim / self.head_dim}  # YaRN on compressed ones
            yarn = {k: v for k, v in (self.rope_scaling or {}).items() if k != "type"}
            compress = ({"rope_type": "yarn", "attention_factor": 1.0, **yarn} if yarn else {"rope_type": "default"})
            d["rope_parameters"] = {
                "main": {"rope_type": "default", "rope_theta": self.rope_theta, **rotary},
                "compress": {**compress, "rope_theta": self.compress_rope_theta, **rotary}}
            d.update(rotary)
            del d["rope_scaling"]
        # Written like the released DeepSeek config.json files, so transformers, vLLM and llama.cpp's converter
        # all read it (transformers 5 itself omits scoring_func/topk_method, and llama.cpp then mis-gates).
        return {"architectures": [ARCHITECTURES[self.model_type]], **d}

    @classmethod
    def from_dict(cls, d: dict) -> ModelConfig:
        d = dict(d)
        if d.get("quantization_config"):
            q = d["quantization_config"]
            raise ConfigError(f"config.json declares quantization_config {q!r}: a quantized checkpoint's config "
                              "is read with nanoseek.quant.read_config (nanoseek.load does so), not ModelConfig")
        family = d.setdefault("model_type", "deepseek_v3")
        if family != "deepseek_v4":
            _check_layer_types(d)
        if family in _NOT_IN_FAMILY:  # another family's fields: dropped (V4's config.json may repeat V3's)
            d = {k: v for k, v in d.items() if k not in _NOT_IN_FAMILY[family]}
        if family == "deepseek_v4":
            _v4_from_hf(d)
        # Newer transformers spell RoPE as rope_parameters = {"rope_type", "rope_theta", ...yarn keys}.
        params = d.get("rope_parameters")
        if isinstance(params, dict):
            params = dict(params)
            d.setdefault("rope_theta", params.pop("rope_theta", 10000.0))
            kind = params.get("rope_type", params.get("type", "default"))
            if kind != "default" and d.get("rope_scaling") is None:
                params.pop("rope_type", None)
                d["rope_scaling"] = {"type": kind, **params}
        if "num_mtp_layers" in d and "num_nextn_predict_layers" not in d:
            d["num_nextn_predict_layers"] = d["num_mtp_layers"]
        if isinstance(d.get("rope_scaling"), dict) and "type" not in d["rope_scaling"]:
            rs = dict(d["rope_scaling"])
            rs["type"] = rs.pop("rope_type", "default")
            d["rope_scaling"] = rs
        if isinstance(d.get("rope_scaling"), dict) and d["rope_scaling"].get("type") == "default":
            d["rope_scaling"] = None
        if family not in ARCHITECTURES:
            raise ConfigError(f"config.json has model_type {family!r}; nanoseek computes "
                              f"{', '.join(ARCHITECTURES)}")
        if d.get("mlp_bias"):
            raise ConfigError("config.json has mlp_bias = true; DeepSeek's MLPs and experts have no biases")
        for k, v in _FAMILY_DEFAULTS[family].items():
            d.setdefault(k, v)
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(k for k in d if k not in names and k not in _META_KEYS)
        if unknown:
            warnings.warn(f"config.json keys ignored by nanoseek: {unknown}", stacklevel=2)
        if family == "deepseek_v4":  # (no expert groups)
            pass
        elif d.get("n_group") is None:
            d["n_group"] = 1
        if family != "deepseek_v4" and d.get("topk_group") is None:
            d["topk_group"] = d["n_group"]
        return cls(**{k: v for k, v in d.items() if k in names})

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> ModelConfig:
        path = Path(path)
        try:
            d = json.loads(path.read_text())
        except FileNotFoundError:
            raise ConfigError(f"no config.json at {path}") from None
        except json.JSONDecodeError as e:
            raise ConfigError(f"{path} is not valid JSON: {e}") from None
        if not isinstance(d, dict):
            raise ConfigError(f"{path} must hold a JSON object; found {type(d).__name__}")
        return cls.from_dict(d)

    def replace(self, **changes) -> ModelConfig:
        return dataclasses.replace(self, **changes)

    # parameter counts
    def num_params(self) -> dict[str, int]:
        """Parameters of the main model (total, activated per token) and of the MTP modules."""
        if self.model_type == "deepseek_v4":
            return self._num_params_v4()
        h, L = self.hidden_size, self.num_hidden_layers
        if self.q_lora_rank is None:
            q = h * self.num_attention_heads * self.qk_head_dim
        else:
            q = h * self.q_lora_rank + self.q_lora_rank + self.q_lora_rank * self.num_attention_heads * self.qk_head_dim
        attn = (q + h * (self.kv_lora_rank + self.qk_rope_head_dim) + self.kv_lora_rank
                + self.kv_lora_rank * self.num_attention_heads * (self.qk_nope_head_dim + self.v_head_dim)
                + self.num_attention_heads * self.v_head_dim * h)
        if self.attention_type == "gqa":  # q, k, v, o projections
            attn = (h * (self.num_attention_heads + self.num_key_value_heads) * self.qk_head_dim
                    + h * self.num_key_value_heads * self.v_head_dim + self.num_attention_heads * self.v_head_dim * h)
        if self.sparse:  # the lightning indexer: wq_b, wk, k_norm (weight and bias), weights_proj
            attn += (self.q_lora_rank * self.index_n_heads * self.index_head_dim + h * self.index_head_dim
                     + 2 * self.index_head_dim + h * self.index_n_heads)
        dense = 3 * h * self.intermediate_size
        expert = 3 * h * self.moe_intermediate_size
        moe_total = self.n_routed_experts * (expert + h) + self.n_shared_experts * expert  # experts + gate rows
        moe_active = self.num_experts_per_tok * expert + self.n_routed_experts * h + self.n_shared_experts * expert
        norms = 2 * h
        n_moe = sum(self.is_moe_layer(i) for i in range(L))
        n_dense = L - n_moe
        embed = self.vocab_size * h
        head = 0 if self.tie_word_embeddings else self.vocab_size * h
        body_total = L * (attn + norms) + n_dense * dense + n_moe * moe_total
        body_active = L * (attn + norms) + n_dense * dense + n_moe * moe_active
        last_ffn_total = moe_total if self.is_moe_layer(L) else dense
        # MTP modules share the embedding and the output head with the main model (counted there)
        mtp = self.num_nextn_predict_layers * (attn + norms + last_ffn_total + 2 * h * h + 3 * h)
        return {
            "total": embed + body_total + h + head,
            "active": embed + body_active + h + head,
            "mtp": mtp,
        }

    def _num_params_v4(self) -> dict[str, int]:
        h, H, D, q, n = self.hidden_size, self.num_attention_heads, self.head_dim, self.q_lora_rank, self.hc_mult
        c, nI = self.index_head_dim, self.index_n_heads
        # wq_a, q_norm, wq_b, wkv, kv norm, wo_a (per group), wo_b, sinks
        attn = h * q + q + q * H * D + h * D + D + H * D * self.o_lora_rank + self.o_groups * self.o_lora_rank * h + H
        compressor = {  # wkv + wgate + position bias (ape) + norm; CSA's windows overlap (two series), plus indexer
            "sliding_attention": 0,
            "heavily_compressed_attention": 2 * h * D + self.compress_rates["heavily_compressed_attention"] * D + D,
            "compressed_sparse_attention": 2 * (2 * h * D + self.compress_rates["compressed_sparse_attention"] * D) + D
            + 2 * (2 * h * c + self.compress_rates["compressed_sparse_attention"] * c) + c + q * nI * c + h * nI}
        hc = 2 * ((2 + n) * n * (n * h + 1) + 3)  # mHC before attention and before the FFN
        expert = 3 * h * self.moe_intermediate_size
        E, k = self.n_routed_experts, self.num_experts_per_tok
        block_total = [attn + compressor[t] + hc + 2 * h + E * (expert + h) + expert for t in self.layer_types]
        block_active = [attn + compressor[t] + hc + 2 * h + k * expert + E * h + expert for t in self.layer_types]
        embed, head = self.vocab_size * h, (0 if self.tie_word_embeddings else self.vocab_size * h)
        top = embed + head + h + n * n * h + n + 1  # + final norm, mHC head
        # MTP: enorm, hnorm, eh_proj, a sliding-window block, its mHC head and shared-head norm
        mtp = self.num_nextn_predict_layers * (attn + hc + 2 * h + E * (expert + h) + expert + 3 * h + 2 * h * h
                                               + n * n * h + n + 1)
        return {"total": top + sum(block_total), "active": top + sum(block_active), "mtp": mtp}

    def kv_cache_bytes(self, context: int, bytes_per_number: int = 2) -> int:
        """Bytes a sequence of `context` tokens keeps in the decoding cache of the main model's layers (bf16 by
        default): MLA keeps one latent of kv_lora_rank + qk_rope_head_dim numbers per token per layer, whatever the
        context. (Speculative decoding adds one layer's worth per MTP module.) DeepSeek-V3.2 adds its indexer's key
        of index_head_dim numbers (counted at the same width here; DeepSeek's own kernels keep it in FP8). V4 keeps
        the last sliding_window latents of head_dim numbers plus one compressed entry per m (CSA: with its indexer
        key) or m' (HCA) tokens per layer."""
        if self.model_type == "deepseek_v4":  # the last sliding_window latents + one per m (or m') tokens
            total = 0  # (CSA adds the indexer's key per entry; the few tokens of an open window are left out)
            for i in range(self.num_hidden_layers):
                rate = self.compress_rate(i)
                entries = context // rate if rate else 0
                index = self.index_head_dim if self.layer_types[i] == "compressed_sparse_attention" else 0
                total += min(context, self.sliding_window) * self.head_dim + entries * (self.head_dim + index)
            return total * bytes_per_number
        if self.attention_type == "gqa":  # keys and values of every key/value head
            per_layer = self.num_key_value_heads * (self.qk_head_dim + self.v_head_dim)
        else:
            per_layer = self.kv_lora_rank + self.qk_rope_head_dim + (self.index_head_dim if self.sparse else 0)
        return context * self.num_hidden_layers * per_layer * bytes_per_number


def _v4_from_hf(d: dict) -> None:
    """DeepseekV4Config's spellings (and the released config.json's older ones) -> ModelConfig's fields, in place."""
    d.pop("attention_type", None)  # (nanoseek's GQA ablation does not apply to V4)
    d["num_key_value_heads"] = 1  # transformers' V4 reads none other: one latent is every head's key and value
    params = d.pop("rope_parameters", None)
    if isinstance(params, dict) and isinstance(params.get("main"), dict):
        main, compress = params["main"], dict(params.get("compress") or {})
        d.setdefault("rope_theta", main.get("rope_theta", 10000.0))
        d.setdefault("compress_rope_theta", compress.get("rope_theta", 160000.0))
        d.setdefault("partial_rotary_factor", main.get("partial_rotary_factor"))
        if compress.get("rope_type", compress.get("type")) == "yarn":
            d["rope_scaling"] = {"type": "yarn", **{k: v for k, v in compress.items() if k not in (
                "rope_type", "type", "rope_theta", "partial_rotary_factor")}}
    elif isinstance(params, dict):  # flat: YaRN keys for the compressed layers, as a released rope_scaling
        d.setdefault("rope_theta", params.get("rope_theta", 10000.0))
        if params.get("rope_type", params.get("type")) == "yarn" and d.get("rope_scaling") is None:
            d["rope_scaling"] = {k: v for k, v in params.items() if k not in ("rope_theta", "partial_rotary_factor")}
    if isinstance(d.get("rope_scaling"), dict) and d["rope_scaling"].get("attention_factor") is None:
        # the V4 reference leaves cos/sin unscaled by YaRN's mscale
        d["rope_scaling"] = {**d["rope_scaling"], "attention_factor": 1.0}
    head_dim = d.setdefault("head_dim", 512)
    factor = d.pop("partial_rotary_factor", None)
    if factor is not None:
        d["qk_rope_head_dim"] = int(head_dim * factor)
    d.setdefault("qk_rope_head_dim", head_dim // 8)  # DeepseekV4Config's default factor: 64 / 512
    if "compress_ratios" in d and d.get("layer_types") is None:
        ratios = d.pop("compress_ratios")
        unknown = sorted(set(ratios) - set(V4_RATIO_TO_LAYER))
        if unknown:
            raise ConfigError(f"compress_ratios entries must be among {sorted(V4_RATIO_TO_LAYER)}; found {unknown}")
        d["layer_types"] = [V4_RATIO_TO_LAYER[r] for r in ratios][: d.get("num_hidden_layers", 43)]
    rates = dict(d.get("compress_rates") or {"compressed_sparse_attention": 4, "heavily_compressed_attention": 128})
    for key, kind in (("compress_rate_csa", V4_LAYER_TYPES[1]), ("compress_rate_hca", V4_LAYER_TYPES[2])):
        if key in d:
            rates[kind] = d.pop(key)
    d["compress_rates"] = rates
    if "num_hash_layers" in d and d.get("mlp_layer_types") is None:
        n, n_hash = d.get("num_hidden_layers", 43), d.pop("num_hash_layers")
        d["mlp_layer_types"] = ["hash_moe"] * min(n, n_hash) + ["moe"] * max(n - n_hash, 0)
    for key in ("router_aux_loss_coef", "router_jitter_noise", "expert_dtype", "compress_ratios", "num_hash_layers"):
        d.pop(key, None)  # transformers' (its Switch-style aux loss is off unless output_router_logits) / stale
def _check_layer_types(d: dict) -> None:
    """transformers' DeepseekV32Config writes the layer pattern out: nanoseek computes only the one it implies."""
    n, dense = d.get("num_hidden_layers", 61), d.get("first_k_dense_replace", 3)
    mlp = d.get("mlp_layer_types")
    if mlp is not None and list(mlp) != ["dense"] * min(dense, n) + ["sparse"] * (n - min(dense, n)):
        raise ConfigError(f"config.json has mlp_layer_types {mlp}; nanoseek computes first_k_dense_replace "
                          f"({dense}) dense layers and MoE layers after them only")
    layers = d.get("layer_types")
    if layers is not None and set(layers) - {"indexed_attention"}:
        raise ConfigError(f"config.json has layer_types {sorted(set(layers))}; nanoseek's deepseek_v32 computes "
                          "'indexed_attention' (MLA + lightning indexer) layers only")


def human(n: float) -> str:
    """1234567 -> '1.23M'."""
    for unit, div in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(n) >= div:
            return f"{n / div:.{max(0, 2 - int(math.log10(abs(n) / div)))}f}{unit}"
    return str(int(n))
