"""Named model shapes: CPU-sized ones to train here (`smoke`, `tiny`, one per family), GPU-sized ones (`small`,
`base`), and the released DeepSeek models' shapes, for `nanoseek info`. `get_preset` returns a copy to change."""

from __future__ import annotations

import dataclasses

from .config import V4_RATIO_TO_LAYER, ConfigError, ModelConfig

PRESETS: dict[str, ModelConfig] = {
    # seconds on a laptop core: end-to-end tests
    "smoke": ModelConfig(
        vocab_size=512, hidden_size=64, intermediate_size=192, num_hidden_layers=2, num_attention_heads=2,
        q_lora_rank=32, kv_lora_rank=32, qk_nope_head_dim=16, qk_rope_head_dim=8, v_head_dim=16,
        moe_intermediate_size=32, n_routed_experts=8, n_shared_experts=1, num_experts_per_tok=2, n_group=2,
        topk_group=1, routed_scaling_factor=1.0, first_k_dense_replace=1, max_position_embeddings=256,
        num_nextn_predict_layers=1),
    # minutes on 2 CPU cores (the speedrun default)
    "tiny": ModelConfig(
        vocab_size=4096, hidden_size=256, intermediate_size=768, num_hidden_layers=4, num_attention_heads=4,
        q_lora_rank=128, kv_lora_rank=64, qk_nope_head_dim=32, qk_rope_head_dim=16, v_head_dim=32,
        moe_intermediate_size=128, n_routed_experts=16, n_shared_experts=1, num_experts_per_tok=4, n_group=4,
        topk_group=2, routed_scaling_factor=1.0, first_k_dense_replace=1, max_position_embeddings=1024,
        num_nextn_predict_layers=1),
    # hours on one GPU
    "small": ModelConfig(
        vocab_size=32768, hidden_size=768, intermediate_size=2048, num_hidden_layers=12, num_attention_heads=12,
        q_lora_rank=384, kv_lora_rank=256, qk_nope_head_dim=64, qk_rope_head_dim=32, v_head_dim=64,
        moe_intermediate_size=256, n_routed_experts=64, n_shared_experts=2, num_experts_per_tok=6, n_group=8,
        topk_group=4, routed_scaling_factor=2.5, first_k_dense_replace=1, max_position_embeddings=2048,
        num_nextn_predict_layers=1),
    # a node of 8 GPUs
    "base": ModelConfig(
        vocab_size=65536, hidden_size=1536, intermediate_size=4096, num_hidden_layers=24, num_attention_heads=16,
        q_lora_rank=768, kv_lora_rank=512, qk_nope_head_dim=128, qk_rope_head_dim=64, v_head_dim=128,
        moe_intermediate_size=512, n_routed_experts=128, n_shared_experts=1, num_experts_per_tok=8, n_group=8,
        topk_group=4, routed_scaling_factor=2.5, first_k_dense_replace=2, max_position_embeddings=4096,
        num_nextn_predict_layers=1),
    # the released model's shape, for parameter counts (`nanoseek info --preset deepseek-v3`)
    "deepseek-v3": ModelConfig(
        rope_scaling={"type": "yarn", "factor": 40, "original_max_position_embeddings": 4096, "beta_fast": 32,
                      "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 1.0},
        max_position_embeddings=163840, aux_loss_alpha=0.0001),
    # DeepSeek-V2 family: softmax gate, greedy top-k, no query compression, no MTP (as V2-Lite), CPU-sized
    "tiny-v2": ModelConfig(
        model_type="deepseek_v2", vocab_size=4096, hidden_size=256, intermediate_size=768, num_hidden_layers=4,
        num_attention_heads=4, q_lora_rank=None, kv_lora_rank=64, qk_nope_head_dim=32, qk_rope_head_dim=16,
        v_head_dim=32, moe_intermediate_size=128, n_routed_experts=16, n_shared_experts=2, num_experts_per_tok=4,
        n_group=1, topk_group=1, routed_scaling_factor=1.0, norm_topk_prob=False, scoring_func="softmax",
        topk_method="greedy", first_k_dense_replace=1, max_position_embeddings=1024, num_nextn_predict_layers=0,
        aux_loss_alpha=0.001),
    # the released DeepSeek-V2's and V2-Lite's shapes (their config.json), for `nanoseek info`
    "deepseek-v2": ModelConfig(
        model_type="deepseek_v2", vocab_size=102400, hidden_size=5120, intermediate_size=12288, num_hidden_layers=60,
        num_attention_heads=128, q_lora_rank=1536, kv_lora_rank=512, qk_nope_head_dim=128, qk_rope_head_dim=64,
        v_head_dim=128, moe_intermediate_size=1536, n_routed_experts=160, n_shared_experts=2, num_experts_per_tok=6,
        n_group=8, topk_group=3, routed_scaling_factor=16.0, norm_topk_prob=False, scoring_func="softmax",
        topk_method="group_limited_greedy", first_k_dense_replace=1, num_nextn_predict_layers=0,
        bos_token_id=100000, eos_token_id=100001, aux_loss_alpha=0.003, max_position_embeddings=163840,
        rope_scaling={"type": "yarn", "factor": 40, "original_max_position_embeddings": 4096, "beta_fast": 32,
                      "beta_slow": 1, "mscale": 0.707, "mscale_all_dim": 0.707}),
    "deepseek-v2-lite": ModelConfig(
        model_type="deepseek_v2", vocab_size=102400, hidden_size=2048, intermediate_size=10944, num_hidden_layers=27,
        num_attention_heads=16, q_lora_rank=None, kv_lora_rank=512, qk_nope_head_dim=128, qk_rope_head_dim=64,
        v_head_dim=128, moe_intermediate_size=1408, n_routed_experts=64, n_shared_experts=2, num_experts_per_tok=6,
        n_group=1, topk_group=1, routed_scaling_factor=1.0, norm_topk_prob=False, scoring_func="softmax",
        topk_method="greedy", first_k_dense_replace=1, num_nextn_predict_layers=0, bos_token_id=100000,
        eos_token_id=100001, aux_loss_alpha=0.001, max_position_embeddings=163840,
        rope_scaling={"type": "yarn", "factor": 40, "original_max_position_embeddings": 4096, "beta_fast": 32,
                      "beta_slow": 1, "mscale": 0.707, "mscale_all_dim": 0.707}),
    # DeepSeek-V4 family: hybrid attention (every layer type), mHC, hash-routed first layers, MTP; CPU-sized, about
    # the activated parameters of `tiny`
    "tiny-v4": ModelConfig(
        model_type="deepseek_v4", vocab_size=4096, hidden_size=256, num_hidden_layers=4, num_attention_heads=4,
        num_key_value_heads=1, head_dim=64, qk_rope_head_dim=16, q_lora_rank=128, o_groups=2, o_lora_rank=64,
        moe_intermediate_size=128, n_routed_experts=16, n_shared_experts=1, num_experts_per_tok=4,
        scoring_func="sqrtsoftplus", routed_scaling_factor=1.5, max_position_embeddings=1024,
        layer_types=["sliding_attention", "compressed_sparse_attention", "heavily_compressed_attention",
                     "compressed_sparse_attention"],
        mlp_layer_types=["hash_moe", "moe", "moe", "moe"], compress_rates={"compressed_sparse_attention": 4,
                                                                         "heavily_compressed_attention": 32},
        sliding_window=64, index_n_heads=4, index_head_dim=32, index_topk=16, hc_mult=2,
        num_nextn_predict_layers=1),
    # the released DeepSeek-V4 shapes (their config.json), for `nanoseek info`
    "deepseek-v4-flash": ModelConfig(
        model_type="deepseek_v4", hidden_size=4096, num_hidden_layers=43, num_attention_heads=64,
        num_key_value_heads=1, head_dim=512, qk_rope_head_dim=64, q_lora_rank=1024, o_groups=8, o_lora_rank=1024,
        moe_intermediate_size=2048, n_routed_experts=256, n_shared_experts=1, num_experts_per_tok=6,
        scoring_func="sqrtsoftplus", routed_scaling_factor=1.5, max_position_embeddings=1048576,
        layer_types=[V4_RATIO_TO_LAYER[r] for r in [0, 0] + [4, 128] * 20 + [4]], index_topk=512,
        rope_scaling={"type": "yarn", "factor": 16, "original_max_position_embeddings": 65536, "beta_fast": 32,
                      "beta_slow": 1, "attention_factor": 1.0}),
    "deepseek-v4-pro": ModelConfig(
        model_type="deepseek_v4", hidden_size=7168, num_hidden_layers=61, num_attention_heads=128,
        num_key_value_heads=1, head_dim=512, qk_rope_head_dim=64, q_lora_rank=1536, o_groups=16, o_lora_rank=1024,
        moe_intermediate_size=3072, n_routed_experts=384, n_shared_experts=1, num_experts_per_tok=6,
        scoring_func="sqrtsoftplus", routed_scaling_factor=2.5, max_position_embeddings=1048576, index_topk=1024,
        rope_scaling={"type": "yarn", "factor": 16, "original_max_position_embeddings": 65536, "beta_fast": 32,
                      "beta_slow": 1, "attention_factor": 1.0}),
    # DeepSeek-V3.2 (DeepSeek Sparse Attention): tiny's shape plus a lightning indexer that keeps index_topk keys,
    # fewer than the 256 tokens of pretrain's default sequence, so training and decoding are sparse
    "tiny-v32": ModelConfig(
        model_type="deepseek_v32", vocab_size=4096, hidden_size=256, intermediate_size=768, num_hidden_layers=4,
        num_attention_heads=4, q_lora_rank=128, kv_lora_rank=64, qk_nope_head_dim=32, qk_rope_head_dim=16,
        v_head_dim=32, moe_intermediate_size=128, n_routed_experts=16, n_shared_experts=1, num_experts_per_tok=4,
        n_group=4, topk_group=2, routed_scaling_factor=1.0, first_k_dense_replace=1, max_position_embeddings=1024,
        num_nextn_predict_layers=1, index_n_heads=4, index_head_dim=32, index_topk=64),
    # the released DeepSeek-V3.2's shape (its config.json: V3's, plus the indexer), for `nanoseek info`
    "deepseek-v3.2": ModelConfig(
        model_type="deepseek_v32", index_n_heads=64, index_head_dim=128, index_topk=2048,
        rope_scaling={"type": "yarn", "factor": 40, "original_max_position_embeddings": 4096, "beta_fast": 32,
                      "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 1.0},
        max_position_embeddings=163840, aux_loss_alpha=0.0001),
}


def get_preset(name: str) -> ModelConfig:
    if name not in PRESETS:
        raise ConfigError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    return dataclasses.replace(PRESETS[name])
