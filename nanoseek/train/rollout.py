"""Batched sampling for RL rollouts and evaluation: n completions per prompt over one latent cache.

Each prompt is prefilled once and its cache row forked into its n sample rows; then every unfinished row
decodes one token per step in a single batched forward. (The serving engine does the same with
continuous batching; this is the minimal form the trainers need.)
"""

from __future__ import annotations

import torch

from ..engine.sampling import SamplingParams, sample
from ..model import Transformer


@torch.inference_mode()
def rollout(model: Transformer, prompts: list[list[int]], n: int, params: SamplingParams,
            stop_id: int | None) -> list[list[list[int]]]:
    """For each prompt, n completions (token lists, ending with stop_id when it was produced)."""
    was_training = model.training
    model.eval()
    device = model.embed_tokens.weight.device
    rows_total = len(prompts) * n
    cache = model.new_cache(rows_total, max(len(p) for p in prompts) + params.max_tokens)
    last = torch.empty(rows_total, model.config.vocab_size, device=device)
    for i, ids in enumerate(prompts):
        first = i * n
        logits = model(torch.tensor([ids], device=device), cache, rows=torch.tensor([first], device=device))
        cache.fork(first, torch.arange(first + 1, first + n, device=device))
        last[first:first + n] = logits[0, -1].float()
    generator = torch.Generator(device=device)
    if params.seed is not None:
        generator.manual_seed(params.seed)
    out: list[list[int]] = [[] for _ in range(rows_total)]
    active = torch.arange(rows_total, device=device)
    for step in range(params.max_tokens):
        tokens = sample(last[active], params, generator)
        for row, t in zip(active.tolist(), tokens.tolist()):
            out[row].append(t)
        keep = tokens != stop_id if stop_id is not None else torch.ones_like(tokens, dtype=torch.bool)
        active, tokens = active[keep], tokens[keep]
        if len(active) == 0 or step == params.max_tokens - 1:
            break
        last[active] = model(tokens[:, None], cache, rows=active)[:, -1].float()
    model.train(was_training)
    return [out[i * n:(i + 1) * n] for i in range(len(prompts))]
