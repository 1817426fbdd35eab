"""Batched sampling for RL rollouts and evaluation: n completions per prompt over one cache.

Prompts are prefilled together, up to PREFILL_PROMPTS per forward (right-padded: a row's padding sits
after its prompt, where causal attention keeps it out of the prompt's latents, and decoding overwrites
it; V4's HybridCache gets the slack to hold that padding), and each prompt's cache row is forked into its n
sample rows; then every unfinished row decodes one token per step in a single batched forward. (The serving
engine does the same with continuous batching; this is the minimal form the trainers need.)

The forward is the model's own (GEMMs over the batch), or, when an InferenceModel of the model is given
(compiled: GRPO's rollouts), the same model through the engine's compiled throughput mode (engine/runner.py)
for every forward of at most ENGINE_ROWS tokens: the decode steps of small batches, and of a large batch once
most of its rows have stopped. The compiled forward reads the parameters in place, so an optimizer's updates
reach the next rollout, and one InferenceModel serves every rollout of a training run and compiles once.
"""

from __future__ import annotations

import torch

from ..engine.runner import InferenceModel
from ..engine.sampling import SamplingParams, sample
from ..model import KEY_BLOCK, Transformer

PREFILL_PROMPTS = 16  # prompts prefilled together (bounds the prefill's activations for long prompt lists)
# Forwards up to this many tokens run compiled, larger ones the model's own eager forward (which wins above it:
# BENCHMARKS.md, GRPO step).
ENGINE_ROWS = 64


def rollout(model: Transformer, prompts: list[list[int]], n: int, params: SamplingParams,
            stop_id: int | None, im: InferenceModel | None = None,
            cache_len: int | None = None) -> list[list[list[int]]]:
    """For each prompt, n completions (token lists, ending with stop_id when it was produced). im: an
    InferenceModel of `model` to run the forward (the model's own forward when None). cache_len: positions
    per cache row (default: rollout_cache_len of these prompts); compiled code is specialised to the cache's
    shape, so a caller that compiles keeps it fixed across its rollouts."""
    # compiled code may not write in place into a cache made under inference_mode: no_grad for the engine's
    # (and not inference_mode(False) inside no_grad, which turns gradients back on)
    with torch.inference_mode() if im is None else torch.no_grad():
        return _rollout(model, prompts, n, params, stop_id, im, cache_len)


def rollout_cache_len(prompt_lens: list[int], max_tokens: int) -> int:
    """Positions per cache row for prompts of these lengths, in the whole blocks of KEY_BLOCK positions that
    the engine's forward attends over."""
    return -(-(max(prompt_lens) + max_tokens) // KEY_BLOCK) * KEY_BLOCK


def _rollout(model, prompts, n, params, stop_id, im, cache_len):
    was_training = model.training
    model.eval()
    device = model.embed_tokens.weight.device
    rows_total = len(prompts) * n
    lengths = [len(p) for p in prompts]
    need = rollout_cache_len(lengths, params.max_tokens)
    if cache_len is not None and cache_len < need:
        raise ValueError(f"cache_len {cache_len} is shorter than the longest prompt plus max_tokens, rounded up "
                         f"to whole blocks of {KEY_BLOCK} ({need})")
    # slack: a prefill's right padding is written past its rows' ends (V4's window cache must keep room for it)
    cache = model.new_cache(rows_total, cache_len or need, slack=max(2, max(lengths) - min(lengths)))

    def run(ids: torch.Tensor, rows: torch.Tensor, ends: torch.Tensor) -> torch.Tensor:
        """ids [B, S] after rows' cached tokens -> float32 logits [B, vocab] at positions ends [B]."""
        if im is None or ids.numel() > ENGINE_ROWS:
            hidden = model.hidden_states(ids, cache.context(cache.positions(ids.shape[1], rows), rows))
            return model.lm_head(hidden[torch.arange(len(ids), device=device), ends]).float()
        positions = cache.positions(ids.shape[1], rows)
        return im.run(ids, positions, cache, rows, select=ends[:, None])[1][:, 0]

    last = torch.empty(rows_total, model.config.vocab_size, device=device)
    for start in range(0, len(prompts), PREFILL_PROMPTS):
        chunk = prompts[start:start + PREFILL_PROMPTS]
        width = max(len(p) for p in chunk)
        ids = torch.tensor([p + [0] * (width - len(p)) for p in chunk], device=device)  # [chunk, width]
        firsts = torch.arange(start * n, (start + len(chunk)) * n, n, device=device)  # each prompt's first row
        logits = run(ids, firsts, torch.tensor([len(p) - 1 for p in chunk], device=device))  # [chunk, vocab]
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
        tokens = sample(last[active], params, generator)
        for row, t in zip(active.tolist(), tokens.tolist()):
            out[row].append(t)
        keep = tokens != stop_id if stop_id is not None else torch.ones_like(tokens, dtype=torch.bool)
        active, tokens = active[keep], tokens[keep]
        if len(active) == 0 or step == params.max_tokens - 1:
            break
        # a fresh tensor, not a view of tokens: compiled code guards on the size of a view's base
        last[active] = run(tokens[:, None].clone(), active, torch.zeros_like(tokens))
        cache.advance(1, active)
    model.train(was_training)
    return [out[i * n:(i + 1) * n] for i in range(len(prompts))]
