"""Turning logits into tokens, per request: penalties, greedy, temperature, top-k, top-p, a seed, logprobs.

The arithmetic holds for every value SamplingParams accepts (temperature 1e-40, top_p 1e-46, a repetition
penalty of 1e-40 that sends logits to inf): a sampled distribution is always finite with at least one
token left. Should a request's sampling still raise, Sampler fails that request alone (on_error) and hands
the engine a placeholder, so its batch-mates go on.
"""

from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass, field

import torch

# Below this a temperature is greedy (as vLLM): logits / 1e-40 overflow float32, and nothing but exact ties
# could tell such a temperature from 0.
MIN_TEMPERATURE = 1e-5
_FMAX = torch.finfo(torch.float32).max


@dataclass
class SamplingParams:
    temperature: float = 1.0  # 0 (or below MIN_TEMPERATURE) = greedy
    top_k: int = 0  # 0 = off
    top_p: float = 1.0  # 1 = off
    max_tokens: int = 64
    seed: int | None = None  # None: a fresh random seed per request
    stop_token_ids: tuple[int, ...] = field(default_factory=tuple)  # finish after one of these (it is kept)
    stop: tuple[str, ...] = field(default_factory=tuple)  # finish before one of these strings (it is cut)
    presence_penalty: float = 0.0  # OpenAI: minus this once for every token already generated
    frequency_penalty: float = 0.0  # OpenAI: minus this times the token's count so far
    repetition_penalty: float = 1.0  # CTRL / transformers: divide (or multiply if < 0) logits of seen tokens
    logprobs: int | None = None  # None: off; N >= 0: each token's logprob plus the N most likely
    prompt_logprobs: int | None = None  # the same for every prompt token (for scoring, e.g. lm-eval)
    grammar: str | None = None  # an llguidance grammar the output must follow (engine/grammar.py builds them)
    # the grammar starts after this token: once the output has it, or at once if the prompt ends with it (e.g.
    # </think>: an answer's format, after a thought; a tool-call token: the calls the model chose to begin)
    grammar_after: int | None = None
    # a budget of thinking tokens: the output starts inside a thought, and once it has written this many tokens
    # without closing it, the next token is think_end (DeepSeek's reasoning_effort, serve/thinking.py)
    think_budget: int | None = None
    think_end: int | None = None

    def __post_init__(self):
        self.stop_token_ids = tuple(self.stop_token_ids)
        self.stop = tuple(self.stop)
        numbers = {"temperature": self.temperature, "top_p": self.top_p, "presence_penalty": self.presence_penalty,
                   "frequency_penalty": self.frequency_penalty, "repetition_penalty": self.repetition_penalty}
        for name, value in numbers.items():
            if not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number; got {value}")
        checks = [
            (self.temperature >= 0, f"temperature must be >= 0; got {self.temperature}"),
            (0 < self.top_p <= 1, f"top_p must be in (0, 1]; got {self.top_p}"),
            (self.top_k >= 0, f"top_k must be >= 0; got {self.top_k}"),
            (self.max_tokens >= 0, f"max_tokens must be >= 0; got {self.max_tokens}"),
            (-2 <= self.presence_penalty <= 2, f"presence_penalty must be in [-2, 2]; got {self.presence_penalty}"),
            (-2 <= self.frequency_penalty <= 2,
             f"frequency_penalty must be in [-2, 2]; got {self.frequency_penalty}"),
            (self.repetition_penalty > 0, f"repetition_penalty must be > 0; got {self.repetition_penalty}"),
            (self.logprobs is None or 0 <= self.logprobs <= 20, f"logprobs must be in [0, 20]; got {self.logprobs}"),
            (self.prompt_logprobs is None or 0 <= self.prompt_logprobs <= 20,
             f"prompt_logprobs must be in [0, 20]; got {self.prompt_logprobs}"),
            (all(isinstance(s, str) and s for s in self.stop), f"stop strings must be non-empty; got {self.stop}"),
            (self.think_budget is None or (self.think_budget >= 0 and self.think_end is not None),
             f"think_budget must be >= 0 and come with a think_end token; got {self.think_budget}, {self.think_end}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    @property
    def greedy(self) -> bool:
        return self.temperature < MIN_TEMPERATURE

    @property
    def penalized(self) -> bool:
        return bool(self.presence_penalty or self.frequency_penalty or self.repetition_penalty != 1.0)


def finite(logits: torch.Tensor) -> torch.Tensor:
    """Logits with NaN as -inf and +inf as the largest float: a penalty's overflow must not give inf - inf."""
    return logits.float().nan_to_num(nan=float("-inf"), posinf=_FMAX)


def filtered_logits(logits: torch.Tensor, p: SamplingParams) -> torch.Tensor:
    """logits [batch, vocab] -> temperature-scaled logits with everything outside top-k / top-p at -inf.

    The best logit is subtracted before dividing by the temperature: the top token stays at 0 and the others
    can only fall (to -inf at tiny temperatures), never overflow to +inf."""
    logits = finite(logits)
    logits = (logits - logits.amax(-1, keepdim=True)) / p.temperature
    if p.top_k and p.top_k < logits.shape[-1]:
        kth = logits.topk(p.top_k, dim=-1).values[..., -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if p.top_p < 1.0:
        sorted_logits, order = logits.sort(dim=-1, descending=True)
        probs = sorted_logits.softmax(-1)
        # drop a token when the tokens ranked above it already hold top_p of the mass (the first always stays)
        drop = probs.cumsum(-1) - probs >= p.top_p
        drop[..., 0] = False  # even when top_p is below float32's smallest number (1e-46 rounds to 0)
        logits = logits.masked_fill(drop.scatter(-1, order, drop), float("-inf"))
    return logits


def sample(logits: torch.Tensor, p: SamplingParams, generator: torch.Generator | None = None) -> torch.Tensor:
    """logits [batch, vocab] -> token ids [batch], greedy or sampled (temperature, top-k, top-p)."""
    if p.greedy:
        return logits.argmax(-1)
    return draw(filtered_logits(logits, p).softmax(-1), generator)


def draw(probs: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    """One token per row of probs [rows, vocab] (unnormalised weights >= 0, a positive sum), as likely as its weight."""
    return invert(probs, torch.rand(len(probs), 1, generator=generator, device=probs.device))


def invert(probs: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """The token of each row of probs [rows, vocab] at the uniform number u [rows, 1] in [0, 1): the first whose
    cumulative weight exceeds u times the row's total (so never one of weight 0).

    torch.multinomial draws an exponential number per vocabulary entry instead: several times slower on a CPU, a
    large share of a decode step at 32 streams and of a GRPO rollout (BENCHMARKS.md, Serving)."""
    cdf = probs.float().cumsum(-1)
    total = cdf[:, -1:]
    u = torch.minimum(u * total, torch.nextafter(total, torch.zeros_like(total)))  # u * total may round up
    return torch.searchsorted(cdf, u, right=True)[:, 0]


def choose_rows(samplers: list[Sampler], logits: torch.Tensor) -> list[int]:
    """Each sampler's next token from its row of logits [n, vocab], as its choose() would give it. Rows that need
    nothing of their own request (no penalties, grammar or thinking budget) go together: one argmax for the
    greedy ones; for the sampled ones, one filtering and softmax per set of parameters and one inversion, each
    row at a uniform number from its own request's generator (so a seeded request draws alike in any batch)."""
    out: list[int | None] = [None] * len(samplers)
    groups: dict[tuple | None, list[int]] = {}
    for i, s in enumerate(samplers):
        p = s.params
        if s.plain_greedy:
            groups.setdefault(None, []).append(i)
        elif s.plain:
            groups.setdefault((p.temperature, p.top_k, p.top_p), []).append(i)
        else:
            out[i] = s.choose(logits[i])
    for key, rows in groups.items():
        x = logits if len(rows) == len(samplers) else logits[rows]  # (no gather when one group has them all)
        if key is None:
            tokens = x.argmax(-1)
        else:
            probs = filtered_logits(x, samplers[rows[0]].params).softmax(-1)
            u = torch.cat([torch.rand(1, generator=samplers[i].generator, device=x.device) for i in rows])
            tokens = invert(probs, u[:, None])
        for i, t in zip(rows, tokens.tolist()):
            out[i] = t
    return out


def top_logprobs(logits: torch.Tensor, token: int, n: int) -> tuple[float, list[tuple[int, float]]]:
    """The model's own log-probability of `token` under logits [vocab] and the n most likely (id, logprob)."""
    logp = logits.float().log_softmax(-1)
    top = logp.topk(n) if n else None
    return float(logp[token]), [] if top is None else list(zip(top.indices.tolist(), top.values.tolist()))


def _isolated(placeholder):
    """For the Sampler methods the engine calls per request: an exception there fails this request only
    (Sampler.fail), and the engine gets placeholder(input) so that the batch's step goes on."""
    def wrap(method):
        @functools.wraps(method)
        def run(self, x: torch.Tensor):
            try:
                return method(self, x)
            except Exception as e:
                self.fail(e)
                return placeholder(x)
        return run
    return wrap


def _one_hot(x: torch.Tensor) -> torch.Tensor:
    out = torch.zeros(x.shape[-1], device=x.device)
    out[0] = 1
    return out


class Sampler:
    """One request's sampling state: its seeded generator and the token history its penalties need."""

    def __init__(self, params: SamplingParams, prompt_ids: list[int], vocab_size: int, device: torch.device,
                 constraint=None):
        """constraint: the request's grammar state (grammar.Constraint), or None."""
        self.params = params
        self.constraint = constraint
        self.error: str | None = None  # set when sampling this request raised
        self.on_error = None  # called with the message, once (the engine's Request fails itself)
        self.thought = 0 if params.think_budget is not None else None  # thinking tokens so far; None: not in one
        seed = params.seed if params.seed is not None else random.getrandbits(63)
        # any int: a generator takes [-2**63, 2**64), and OpenAI's seed + choice index can pass its end
        self.generator = torch.Generator(device=device).manual_seed(seed % 2**64)
        self.counts = self.seen = None
        if params.presence_penalty or params.frequency_penalty:
            self.counts = torch.zeros(vocab_size, device=device)  # generated tokens only (as OpenAI)
        if params.repetition_penalty != 1.0:
            self.seen = torch.zeros(vocab_size, dtype=torch.bool, device=device)  # prompt and generated
            self.seen[torch.tensor(prompt_ids, device=device)] = True

    @property
    def plain_greedy(self) -> bool:
        """Argmax of the raw logits: the engine can take these rows' tokens in one batched op."""
        return self.params.greedy and self.plain

    @property
    def plain(self) -> bool:
        """Nothing of this request's own changes its logits (no penalties, grammar or thinking budget)."""
        return not self.params.penalized and self.constraint is None and self.thought is None

    @property
    def closing(self) -> bool:
        """The thinking budget is spent and the thought still open: the next token must close it."""
        return self.thought is not None and self.thought >= self.params.think_budget

    def adjust(self, logits: torch.Tensor) -> torch.Tensor:
        """logits [vocab] (float) with the penalties applied for the history so far, and the tokens the grammar
        refuses at -inf."""
        if self.closing:
            return torch.full_like(logits, float("-inf"), dtype=torch.float32).index_fill_(
                0, torch.tensor([self.params.think_end], device=logits.device), 0.0)
        if self.constraint is not None:
            logits = self.constraint.mask(finite(logits))
        p = self.params
        if self.seen is not None:
            r = p.repetition_penalty
            picked = logits[self.seen]
            logits = logits.clone()
            logits[self.seen] = torch.where(picked > 0, picked / r, picked * r)
        if self.counts is not None:
            logits = logits - p.frequency_penalty * self.counts - p.presence_penalty * (self.counts > 0).float()
        return finite(logits) if self.seen is not None else logits  # a tiny or huge penalty overflows

    def fail(self, e: Exception) -> None:
        if self.error is None:
            self.error = f"sampling failed: {type(e).__name__}: {e}"
            if self.on_error is not None:
                self.on_error(self.error)

    @_isolated(_one_hot)
    def probs(self, logits: torch.Tensor) -> torch.Tensor:
        """The distribution [vocab] a sampled token is drawn from (adjusted logits -> filtered softmax)."""
        return filtered_logits(self.adjust(logits)[None], self.params)[0].softmax(-1)

    @_isolated(lambda probs: 0)
    def draw(self, probs: torch.Tensor) -> int:
        return int(draw(probs[None], self.generator)[0])

    @_isolated(lambda logits: 0)
    def choose(self, logits: torch.Tensor) -> int:
        """The next token given raw logits [vocab]."""
        if self.params.greedy:
            return int(self.adjust(logits).argmax())
        return self.draw(self.probs(logits))

    def accept(self, token: int) -> None:
        """Record a token that joined the sequence (for the penalties of the tokens after it, and the grammar)."""
        if self.thought is not None:
            self.thought = None if token == self.params.think_end else self.thought + 1
        if self.constraint is not None:
            try:
                self.constraint.accept(token)
            except Exception as e:
                self.fail(e)
        if self.counts is not None:
            self.counts[token] += 1
        if self.seen is not None:
            self.seen[token] = True
