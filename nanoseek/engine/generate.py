"""A plain decoding loop over the absorbed latent cache: one prefill, then one token per step."""

from __future__ import annotations

from collections.abc import Iterator

import torch

from ..model import Transformer
from .sampling import SamplingParams, sample


@torch.inference_mode()
def generate(model: Transformer, prompt_ids: list[int], params: SamplingParams) -> Iterator[int]:
    """Yield new tokens for one prompt until max_tokens or a stop token (which is yielded too)."""
    if not prompt_ids:
        raise ValueError("prompt_ids is empty: give at least one token (e.g. BOS)")
    max_len = model.config.max_position_embeddings
    if len(prompt_ids) + params.max_tokens > max_len:
        raise ValueError(f"prompt ({len(prompt_ids)} tokens) + max_tokens ({params.max_tokens}) exceeds the "
                         f"model's max_position_embeddings ({max_len})")
    device = model.embed_tokens.weight.device
    generator = None
    if params.seed is not None:
        generator = torch.Generator(device=device).manual_seed(params.seed)
    cache = model.new_cache(batch=1, max_len=len(prompt_ids) + params.max_tokens)
    logits = model(torch.tensor([prompt_ids], device=device), cache)[:, -1]
    for i in range(params.max_tokens):
        token = sample(logits, params, generator)
        yield int(token)
        if int(token) in params.stop_token_ids or i == params.max_tokens - 1:
            return
        logits = model(token[:, None], cache)[:, -1]
