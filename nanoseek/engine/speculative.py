"""MTP self-speculative decoding (DeepSeek-V3 §5.4.3): the MTP module drafts the token after next, the main
model checks it in the same forward that decodes the next token.

Per sequence and step, with t the last chosen token (at position n, not yet run) and d the MTP draft for
n + 1: the main model runs [t, d] at positions n, n + 1. Its logits at n give the token the main model
wants after t; if that is d, the logits at n + 1 give one more token for free (two tokens per forward),
otherwise the cached latents of position n + 1 are simply overwritten later.

Greedy: accept d iff it is the argmax at n. In the engine's deterministic mode (engine/runner.py) the
logits at n and n + 1 are bit for bit those of two plain decoding steps, and the output is exactly plain
decoding's (in the throughput mode, up to the last bits of a GEMM's rounding at near-ties). When every running
sequence is plain greedy the engine takes the argmax inside
the forward and runs the MTP module for the next draft in the same call (runner._speculate):
one forward per step, whose verification of [t, d] costs little more than decoding t alone. Sampling: standard
speculative sampling (Leviathan et al. 2023, Chen et al.
2023): accept d with probability min(1, p(d) / q(d)), where q is the distribution d was drawn from;
on rejection draw from max(0, p - q) renormalised. Each emitted token is then distributed exactly as
under plain sampling with the same penalties, temperature, top-k and top-p.
"""

from __future__ import annotations

import statistics
import time

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


# Acceptance assumed before any draft of this engine has been checked (DeepSeek-V3 reports 85-90% for its MTP
# module; a small model's is lower): it only decides the first requests, the measured rate takes over.
PRIOR_ACCEPTANCE = 0.6
ACCEPTANCE_WINDOW = 256  # drafts the running acceptance rate averages over (exponentially)
PROBE_EVERY = 16  # while drafting does not pay, one request in this many drafts anyway, to keep measuring


class Drafter:
    """The engine's MTP bookkeeping: which requests speculate, the positions the MTP module has not yet seen (its
    latents must cover every position before it drafts from the last one), the drafts, and whether drafting pays.

    It pays when a drafted step, which yields 1 + a tokens per sequence (a: the acceptance rate) in t_draft,
    beats a plain step, 1 token in t_plain: (1 + a) * t_plain > t_draft. Both times are measured when the engine
    starts (`calibrate`, batch 1, the fused greedy step against a plain one), and `a` as drafts are checked.
    Requests admitted while it does not pay neither draft nor run the MTP module as they decode (which costs a
    forward of the MTP layer per step), except one in PROBE_EVERY, which keeps `a` measured. speculative=True
    drafts always, False never.
    """

    def __init__(self, im, max_batch: int, always: bool, deterministic: bool = False):
        self.im, self.max_batch, self.always, self.deterministic = im, max_batch, always, deterministic
        self.acceptance = PRIOR_ACCEPTANCE
        self.t_plain = self.t_draft = None  # seconds per step at batch 1, once calibrated
        self.admitted = 0

    @property
    def pays(self) -> bool:
        if self.always or self.t_plain is None:
            return True
        return (1 + self.acceptance) * self.t_plain > self.t_draft

    def calibrate(self, cache, row: int, repeats: int = 8) -> None:
        """Time the plain and the fused drafted step at batch 1 on cache row `row` (its latents are overwritten)."""
        dev = self.im.device
        rows, ids = torch.tensor([row], device=dev), torch.zeros(1, 2, dtype=torch.long, device=dev)
        pos = torch.arange(2, device=dev)[None]
        plain, drafted = [], []
        for _ in range(repeats + 2):
            t = time.perf_counter()
            self.im.run(ids[:, :1], pos[:, :1], cache, rows)
            plain.append(time.perf_counter() - t)
            t = time.perf_counter()
            self.im.speculate(ids, pos, cache, rows)
            drafted.append(time.perf_counter() - t)
        self.t_plain, self.t_draft = statistics.median(plain[2:]), statistics.median(drafted[2:])

    def admit(self, r) -> None:
        """Decide whether request r speculates (for its whole life). In the deterministic mode a sampled request
        does not, unless told to, nor in any mode a seeded one: its accept tests would draw other random numbers than
        plain sampling, and whether it drafted would depend on timings and on the requests before it, so its seed
        would no longer fix its tokens. (Greedy requests get plain decoding's tokens either way.)"""
        self.admitted += 1
        sampled = r.params.temperature > 0
        if not self.always and sampled and (self.deterministic or r.params.seed is not None):
            r.speculative = False
            return
        r.speculative = self.pays or self.admitted % PROBE_EVERY == 0

    def checked(self, accepted: int) -> None:
        """One draft checked: accepted (1) or not (0)."""
        self.acceptance += (accepted - self.acceptance) / ACCEPTANCE_WINDOW

    def catch_up(self, reqs: list, cache, drafting: bool) -> None:
        """Run the MTP module over each speculating request's unseen positions (r.mtp_todo: position, main hidden
        state, next token) and, if drafting, draft the token after r.pending."""
        reqs = [r for r in reqs if r.mtp_todo]
        if not reqs:
            return
        width = max(len(r.mtp_todo) for r in reqs)
        pos, hid, nxt = [], [], []
        for r in reqs:  # shorter rows padded with copies of their last entry one position further on
            last = r.mtp_todo[-1]
            todo = r.mtp_todo + [(last[0] + 1 + k, *last[1:]) for k in range(width - len(r.mtp_todo))]
            pos.append([p for p, _, _ in todo])
            hid.append(torch.stack([h for _, h, _ in todo]))
            nxt.append([t for _, _, t in todo])
        dev = self.im.device
        rows = torch.tensor([r.slot for r in reqs], device=dev)
        # drafts from each row's last new position (none when not drafting: the latents are still needed)
        last = torch.tensor([[len(r.mtp_todo) - 1] for r in reqs] if drafting else [[]] * len(reqs),
                            dtype=torch.long, device=dev)
        logits = self.im.draft(torch.stack(hid), torch.tensor(nxt, device=dev), torch.tensor(pos, device=dev),
                               cache, rows, last)  # [B, 1 or 0, vocab]
        for i, r in enumerate(reqs):
            r.draft, r.draft_q = draft(r.sampler, logits[i, 0]) if drafting else (None, None)
            r.mtp_todo = []
