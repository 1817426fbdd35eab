"""MTP self-speculative decoding (DeepSeek-V3 §5.4.3): the MTP module drafts the token after next, the main
model checks it in the same forward that decodes the next token.

Per sequence and step, with t the last chosen token (at position n, not yet run) and d the MTP draft for
n + 1: the main model runs [t, d] at positions n, n + 1. Its logits at n give the token the main model
wants after t; if that is d, the logits at n + 1 give one more token for free (two tokens per forward),
otherwise the cached latents of position n + 1 are simply overwritten later.

Greedy: accept d iff it is the argmax at n. In the engine's deterministic mode (engine/runner.py) the
logits at n and n + 1 are bit for bit those of two plain decoding steps, and the output is exactly plain
decoding's (in the throughput mode, up to the last bits of a GEMM's rounding at near-ties). When every running sequence is plain greedy the engine takes the argmax inside
the forward and runs the MTP module for the next draft in the same call (runner._speculate):
one forward per step, whose verification of [t, d] costs little more than decoding t alone. Sampling: standard speculative sampling (Leviathan et al. 2023, Chen et al.
2023): accept d with probability min(1, p(d) / q(d)), where q is the distribution d was drawn from;
on rejection draw from max(0, p - q) renormalised. Each emitted token is then distributed exactly as
under plain sampling with the same penalties, temperature, top-k and top-p.
"""

from __future__ import annotations

import torch

from .sampling import Sampler


def draft(sampler: Sampler, mtp_logits: torch.Tensor) -> tuple[int, torch.Tensor | None]:
    """The draft token from the MTP module's logits [vocab], and the distribution q it was drawn from
    (None under greedy, where the draft is the argmax)."""
    if sampler.params.greedy:
        return sampler.choose(mtp_logits), None
    q = sampler.probs(mtp_logits)
    return sampler.draw(q), q


def verify(sampler: Sampler, logits: torch.Tensor, draft_token: int, q: torch.Tensor | None) -> list[int]:
    """logits [2, vocab] of the main model at [t, d]; returns the 1 or 2 tokens that follow t.

    Every returned token has been recorded in the sampler (its penalties see it)."""
    if sampler.params.greedy:
        first = sampler.choose(logits[0])
        sampler.accept(first)
        if first != draft_token:
            return [first]
    else:
        p = sampler.probs(logits[0])
        u = float(torch.rand((), generator=sampler.generator, device=p.device))
        if u * q[draft_token] < p[draft_token]:  # u < p(d) / q(d), without dividing by zero
            first = draft_token
            sampler.accept(first)
        else:
            residual = (p - q).clamp(min=0)
            first = sampler.draw(residual if residual.sum() > 0 else p)
            sampler.accept(first)
            return [first]
    second = sampler.choose(logits[1])
    sampler.accept(second)
    return [first, second]
