"""Batched sampling for RL rollouts and evaluation: n completions per prompt over one latent cache.

Prompts are prefilled together, up to PREFILL_PROMPTS per forward (right-padded: a row's padding sits
after its prompt, where causal attention keeps it out of the prompt's latents, and decoding overwrites
it), and each prompt's cache row is forked into its n sample rows; then every unfinished row decodes one
token per step in a single batched forward. (The serving engine does the same with continuous batching;
this is the minimal form the trainers need.)
"""

from __future__ import annotations

import torch

from ..engine.sampling import SamplingParams, filtered_logits
from ..model import Transformer

PREFILL_PROMPTS = 16  # prompts prefilled together (bounds the prefill's activations for long prompt lists)


def draw(logits: torch.Tensor, params: SamplingParams, generator: torch.Generator) -> torch.Tensor:
    """logits [rows, vocab] -> one token per row, greedy or sampled (temperature, top-k, top-p).

    Sampling inverts each row's cumulative distribution at one uniform number: torch.multinomial draws
    an exponential number per vocabulary entry instead, ~20x slower on a CPU at these sizes, and with
    32 tokens x 16 rows that was a fifth of a rollout's time.
    """
    if params.greedy:
        return logits.argmax(-1)
    cdf = filtered_logits(logits, params).softmax(-1).cumsum(-1)  # [rows, vocab]
    total = cdf[:, -1:]
    u = torch.rand(len(cdf), 1, generator=generator, device=cdf.device) * total
    u = torch.minimum(u, torch.nextafter(total, torch.zeros_like(total)))  # u * total may round up to total
    return torch.searchsorted(cdf, u, right=True)[:, 0]  # the first token whose cdf exceeds u: probability > 0


@torch.inference_mode()
def rollout(model: Transformer, prompts: list[list[int]], n: int, params: SamplingParams,
            stop_id: int | None) -> list[list[list[int]]]:
    """For each prompt, n completions (token lists, ending with stop_id when it was produced)."""
    was_training = model.training
    model.eval()
    device = model.embed_tokens.weight.device
    rows_total = len(prompts) * n
    longest = max(len(p) for p in prompts)
    cache = model.new_cache(rows_total, longest + params.max_tokens)
    last = torch.empty(rows_total, model.config.vocab_size, device=device)
    for start in range(0, len(prompts), PREFILL_PROMPTS):
        chunk = prompts[start:start + PREFILL_PROMPTS]
        width = max(len(p) for p in chunk)
        ids = torch.tensor([p + [0] * (width - len(p)) for p in chunk], device=device)  # [chunk, width]
        firsts = torch.arange(start * n, (start + len(chunk)) * n, n, device=device)  # each prompt's first row
        hidden = model.hidden_states(ids, cache, rows=firsts)  # [chunk, width, hidden]
        ends = torch.tensor([len(p) - 1 for p in chunk], device=device)
        logits = model.lm_head(hidden[torch.arange(len(chunk), device=device), ends]).float()  # [chunk, vocab]
        for i, p in enumerate(chunk):
            first = (start + i) * n
            cache.lengths[first] = len(p)  # the padding is forgotten: decoding writes over it
            cache.fork(first, torch.arange(first + 1, first + n, device=device))
            last[first:first + n] = logits[i]
    generator = torch.Generator(device=device)
    if params.seed is not None:
        generator.manual_seed(params.seed)
    out: list[list[int]] = [[] for _ in range(rows_total)]
    active = torch.arange(rows_total, device=device)
    for step in range(params.max_tokens):
        tokens = draw(last[active], params, generator)
        for row, t in zip(active.tolist(), tokens.tolist()):
            out[row].append(t)
        keep = tokens != stop_id if stop_id is not None else torch.ones_like(tokens, dtype=torch.bool)
        active, tokens = active[keep], tokens[keep]
        if len(active) == 0 or step == params.max_tokens - 1:
            break
        last[active] = model(tokens[:, None], cache, rows=active)[:, -1].float()
    model.train(was_training)
    return [out[i * n:(i + 1) * n] for i in range(len(prompts))]
