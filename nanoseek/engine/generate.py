"""One prompt, one sequence of tokens: the engine with a single slot, for scripts and the CLI."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Transformer
from .engine import Engine
from .sampling import SamplingParams


def generate(model: Transformer, prompt_ids: list[int], params: SamplingParams,
             compile: bool = False) -> Iterator[int]:
    """Yield new tokens for one prompt until max_tokens or a stop token (which is yielded too). compile: see
    Engine (it pays for long generations: compiling takes longer than a short one)."""
    if not prompt_ids:
        raise ValueError("prompt_ids is empty: give at least one token (e.g. BOS)")
    max_len = model.config.max_position_embeddings
    if len(prompt_ids) + params.max_tokens > max_len:
        raise ValueError(f"prompt ({len(prompt_ids)} tokens) + max_tokens ({params.max_tokens}) exceeds the "
                         f"model's max_position_embeddings ({max_len})")
    engine = Engine(model, max_batch=1, max_len=len(prompt_ids) + params.max_tokens, prefix_reuse=False,
                    compile=compile)
    for event in engine.submit(prompt_ids, params):
        yield from event.tokens
