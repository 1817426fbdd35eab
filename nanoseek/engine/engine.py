"""The inference engine: continuous batching over one preallocated cache, with MTP speculation.

    engine = Engine(model, tokenizer, max_batch=16)
    for event in engine.submit(prompt_ids, SamplingParams(temperature=0)):   # drives the engine itself
        print(event.text, end="")
    engine.start()   # or: a background thread steps it, and submit(..., loop=asyncio loop) streams async

The cache has one row ("slot") per running sequence. Each `step`: requests waiting for a slot are admitted
and prefilled together (chunk by chunk, right-padded); their first token is chosen; then every running
sequence advances one forward: one token, or with MTP speculation [token, draft] and one or two tokens
out (drafting only while the batch is small). Sequences join and leave between any two steps. A finished
sequence's latents stay in its slot: a later prompt that starts with the same tokens takes that slot and
prefills only the rest (prefix reuse). The forward is the model's own, in a mode (engine/runner.py): by
default plain GEMMs over the batch (throughput); Engine(deterministic=True) makes it batch-invariant, so
none of this changes a greedy request's tokens: batched, prefix-reused or speculative, they are the
tokens of the same request decoded alone. Engine(compile=True) runs it through torch.compile: several
times faster, after a compilation of seconds to minutes at construction.

DeepSeek-V4 decodes from its HybridCache (model/hybrid_cache.py: a window ring and compressed entries per row,
each row at its own length, as the latent cache's rows): the same batching, speculation and sampling. Its rings
keep only the last positions, so a slot is reused for a prompt's prefix only while they still hold it
(`HybridCache.resumable`), and its cache's slack is the prefill chunk (the padding a chunk may write past a row's
end). It runs eagerly (compile=True warns and decodes eagerly; engine/runner.py).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
import warnings
from collections import deque

import torch

from ..model import KEY_BLOCK, LatentCache, Transformer
from ..model.hybrid_cache import HybridCache
from ..tokenizer import Tokenizer
from . import speculative
from .detok import TextStream
from .grammar import GrammarTokenizer
from .request import Channel, Event, Request, TokenLogprob
from .runner import GEMM_ROWS, InferenceModel
from .sampling import Sampler, SamplingParams, choose_rows, top_logprobs
from .speculative import Drafter
from .stats import Stats


class QueueFull(RuntimeError):
    """More requests are waiting than the engine accepts; try again later."""


class EngineClosed(RuntimeError):
    """The engine is shutting down and takes no new requests."""


class Engine:
    def __init__(self, model: Transformer, tokenizer: Tokenizer | None = None, max_batch: int = 16,
                 max_len: int | None = None, speculative: bool | None = None, prefix_reuse: bool = True,
                 max_waiting: int = 256, prefill_chunk: int = 64, threads: int | None = None,
                 spec_max_batch: int = 4, deterministic: bool = False, compile: bool = False):
        """max_batch: cache rows (sequences decoded together); max_len: context per sequence (prompt +
        output, default the model's max_position_embeddings); speculative: MTP drafting (None, the default:
        where it measures a gain, see speculative.Drafter; True: always; False: never); prefill_chunk: prompt
        tokens per row and forward; threads: torch
        threads of the engine's own thread (decode ops are small: 1 avoids OpenMP barrier waits);
        spec_max_batch: MTP drafts only while at most this many sequences run (above it the second token
        row per sequence costs more than the drafts save); deterministic: the batch-invariant mode
        (engine/runner.py): a request's tokens do not depend on what runs beside it; compile: run the forward through
        torch.compile (several times faster; compiles here, which takes from seconds with inductor's disk
        cache warm to a minute or more cold)."""
        cfg = model.config
        if compile and cfg.model_type == "deepseek_v4":
            warnings.warn("the engine does not compile DeepSeek-V4's forward yet; decoding eagerly", stacklevel=2)
            compile = False
        self.im = InferenceModel(model, deterministic, compile)
        self.tokenizer = tokenizer
        self.max_batch, self.max_waiting, self.prefill_chunk = max_batch, max_waiting, prefill_chunk
        self.max_len = max_len or cfg.max_position_embeddings
        has_mtp = cfg.num_nextn_predict_layers > 0 and len(model.mtp) > 0
        if speculative and not has_mtp:
            raise ValueError("speculative decoding drafts with the model's MTP module, and this model has none")
        self.drafter = Drafter(self.im, spec_max_batch, always=bool(speculative), deterministic=deterministic) \
            if has_mtp and speculative is not False else None
        # +2: a verify step writes one position past the last token; whole key blocks (see forward.py)
        length = -(-(self.max_len + 2) // KEY_BLOCK) * KEY_BLOCK
        if cfg.model_type == "deepseek_v4":  # window + compressed entries; slack: a padded chunk writes past the end
            self.cache = HybridCache(cfg, max_batch, length, dtype=self.im.dtype, device=self.im.device,
                                     slack=prefill_chunk + 2)
        else:
            self.cache = LatentCache(cfg, max_batch, length, dtype=self.im.dtype, device=self.im.device)
        self.prefix_reuse, self.threads, self.spec_max_batch = prefix_reuse, threads, spec_max_batch
        self.free: deque[int] = deque(range(max_batch))  # least recently used first
        self.slot_tokens: list[list[int]] = [[] for _ in range(max_batch)]  # tokens whose latents a slot holds
        self.waiting: deque[Request] = deque()
        self.running: list[Request] = []
        self.stats = Stats()
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closing = False
        if compile:
            try:
                self._compile()
            except Exception as e:  # e.g. an inductor that cannot lower these shapes (torch 2.11 on CUDA)
                warnings.warn(f"torch.compile of the engine's forward failed ({type(e).__name__}: "
                              f"{str(e).splitlines()[0] if str(e) else ''}); decoding eagerly instead", stacklevel=2)
                self.im = InferenceModel(model, deterministic, compile=False)
                if self.drafter is not None:
                    self.drafter.im = self.im
        if self.drafter is not None and not self.drafter.always:
            with self._engine_threads():
                self.drafter.calibrate(self.cache, row=self.free[0])

    def _compile(self) -> None:
        """Compile now rather than in the first request: one forward of each kind (main model, MTP module,
        fused speculative step) into free slot 0; batch, sequence and key lengths are symbolic, so these serve
        every later shape."""
        def zeros(*shape):  # distinct tensors: compiled code treats aliased inputs apart
            return torch.zeros(*shape, dtype=torch.long, device=self.im.device)

        with self._engine_threads():
            hidden, _ = self.im.run(zeros(1, 1), zeros(1, 1), self.cache, zeros(1))
            n = min(GEMM_ROWS + 1, self.max_len)  # the throughput mode's other graph (GEMMs), for longer forwards
            positions = torch.arange(n, device=self.im.device)[None]
            long, _ = self.im.run(zeros(1, n), positions, self.cache, zeros(1))
            if self.drafter is not None:
                self.im.draft(hidden, zeros(1, 1), zeros(1, 1), self.cache, zeros(1), zeros(1, 1))
                self.im.speculate(zeros(1, 2), torch.arange(2, device=self.im.device)[None], self.cache, zeros(1))
                if n > GEMM_ROWS:  # the MTP module catching up over a prefill, through the GEMM graph too
                    self.im.draft(long, zeros(1, n), positions, self.cache, zeros(1), zeros(1, 1))

    @contextlib.contextmanager
    def _engine_threads(self):
        """Under the engine's thread count, as its own thread runs (inductor writes it into the kernels)."""
        threads = torch.get_num_threads()
        torch.set_num_threads(self.threads or threads)
        try:
            yield
        finally:
            torch.set_num_threads(threads)

    # ---- the public side ------------------------------------------------------------------------------

    def submit(self, prompt_ids: list[int], params: SamplingParams, loop=None, channel: Channel | None = None,
               index: int = 0) -> Request:
        """Queue a request; iterate the returned Request for its events (`async for` when loop is given).
        Requests that share a channel (the choices of one HTTP request) deliver (index, event) pairs to it."""
        if self._closing:
            raise EngineClosed("the server is shutting down")
        vocab = self.im.config.vocab_size
        if not prompt_ids:
            raise ValueError("the prompt is empty: give at least one token")
        if any(not 0 <= t < vocab for t in prompt_ids):
            raise ValueError(f"prompt token ids must be in [0, {vocab})")
        if len(prompt_ids) + params.max_tokens > self.max_len:
            raise ValueError(f"the prompt ({len(prompt_ids)} tokens) plus max_tokens ({params.max_tokens}) exceeds "
                             f"the context length ({self.max_len}); shorten the prompt or lower max_tokens")
        if params.stop and self.tokenizer is None:
            raise ValueError("stop strings need a tokenizer: give the engine one, or use stop_token_ids")
        if params.grammar is not None and self.tokenizer is None:
            raise ValueError("a grammar needs a tokenizer: give the engine one")
        stream = TextStream(self.tokenizer, params.stop) if self.tokenizer is not None else None
        constraint = None
        if params.grammar is not None:
            after = params.grammar_after
            constraint = self.grammar_tokenizer.matcher(params.grammar, None if prompt_ids[-1] == after else after)
        sampler = Sampler(params, prompt_ids, vocab, self.im.device, constraint)
        req = Request(list(prompt_ids), params, sampler, stream, engine=self, channel=channel or Channel(loop),
                      index=index)
        with self._lock:
            if len(self.waiting) >= self.max_waiting:
                raise QueueFull(f"{len(self.waiting)} requests are already waiting; try again later")
            self.waiting.append(req)
            self.stats.submitted(len(prompt_ids))
            self._lock.notify()
        return req

    @functools.cached_property
    def grammar_tokenizer(self) -> GrammarTokenizer:
        """The tokenizer as the grammar library sees it, built at the first constrained request."""
        return GrammarTokenizer(self.tokenizer, self.im.config.vocab_size)

    def notify(self) -> None:
        with self._lock:
            self._lock.notify()

    @property
    def running_in_thread(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> Engine:
        """Step the engine in a background thread whenever there is work."""
        if not self.running_in_thread:
            self._thread = threading.Thread(target=self._loop, name="nanoseek-engine", daemon=True)
            self._thread.start()
        return self

    def stop(self, drain: bool = True, timeout: float | None = None) -> None:
        """Take no new requests; finish the admitted ones (drain) or cancel them, then end the thread."""
        with self._lock:
            self._closing = True
            if not drain:
                for r in [*self.waiting, *self.running]:
                    r.cancelled = True
            self._lock.notify()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        if self.threads:
            torch.set_num_threads(self.threads)  # OpenMP: for this thread (and threads started later)
        while True:
            with self._lock:
                while not (self.waiting or self.running or self._closing):
                    self._lock.wait()
                if self._closing and not (self.waiting or self.running):
                    return
            self.step()

    # ---- one step -------------------------------------------------------------------------------------

    def step(self) -> None:
        """Admit and prefill what fits, then advance every running sequence by one forward."""
        start = time.perf_counter()
        with self._lock:
            for r in [r for r in self.waiting if r.cancelled]:
                self.waiting.remove(r)
                self._finish(r, "cancelled")
            admitted = []
            while self.waiting and len(admitted) < len(self.free):
                admitted.append(self.waiting.popleft())
        for r in [r for r in self.running if r.cancelled]:
            self._finish(r, "cancelled")
        if admitted:
            self._isolated(self._prefill, admitted)
        if self.running:
            self._isolated(self._advance, list(self.running))
        self.stats.step(time.perf_counter() - start, len(self.running), self.kv_usage())

    def _isolated(self, run, reqs: list[Request]) -> None:
        """run(reqs); if that raises (a bug, out of memory, a request the model cannot take), run each request
        that it left where it was alone, so that the one that fails alone ends alone, with its error, and its
        batch-mates go on. (A request the failed run already advanced, or finished, is left as it is.)"""
        where = {r.id: (r.slot, r.slot is not None and self._length(r.slot), len(r.output_ids)) for r in reqs}
        try:
            run(reqs)
            return
        except Exception as e:  # any failure: the server keeps serving
            if len(reqs) == 1:
                return self._fail(reqs[0], e)
        for r in reqs:
            slot, length, out = where[r.id]
            moved = slot is not None and r.slot is not None and (self._length(r.slot), len(r.output_ids)) != (
                length, out)
            if r.finished or moved or (slot is None and r in self.running):
                continue
            try:
                run([r])
            except Exception as e:
                self._fail(r, e)

    def _fail(self, r: Request, e: Exception) -> None:
        if not r.finished:
            r.error = f"{type(e).__name__}: {e}"
            self._finish(r, "error")

    def _advance(self, reqs: list[Request]) -> None:
        """One forward for running sequences: the MTP module catches up (and drafts), then the main model."""
        if self.drafter is not None:
            # a draft costs a second token row in the main forward: worth it while the batch is small
            self.drafter.catch_up(reqs, self.cache, drafting=len(self.running) <= self.spec_max_batch)
        self._decode(reqs)

    def _length(self, slot: int) -> int:
        """Tokens whose latents the slot holds (the cache's count, the only one)."""
        return int(self.cache.lengths[slot])

    def kv_usage(self) -> float:
        """Fraction of the cache's token capacity that running sequences hold."""
        lengths = self.cache.lengths.tolist()
        used = sum(lengths[r.slot] for r in self.running)
        return used / (self.max_batch * self.max_len)

    def _take_slot(self, r: Request) -> int:
        """The free slot holding the longest prefix of r's prompt (the least recently used on ties);
        sets the slot's length to the number of reusable tokens."""
        best, reuse = self.free[0], 0
        if self.prefix_reuse and r.params.prompt_logprobs is None:
            for slot in self.free:
                n = _common_prefix(self.slot_tokens[slot], r.prompt_ids)
                if n > reuse and self._resumable(slot, self._reusable(n, r)):
                    best, reuse = slot, n
        reuse = self._reusable(reuse, r)
        self.free.remove(best)
        self.cache.lengths[best] = reuse
        r.slot, r.cached_tokens = best, reuse
        return best

    def _reusable(self, common: int, r: Request) -> int:
        """Cached tokens r can start from when a slot holds `common` tokens of its prompt: all but the last prompt
        token (its logits choose the first token); with MTP one fewer, since the MTP latents of position i were
        computed with token i + 1, which must match too."""
        return max(0, min(common - (1 if self.drafter is not None else 0), len(r.prompt_ids) - 1))

    def _resumable(self, slot: int, length: int) -> bool:
        """Whether the slot can go on from its first `length` tokens (DeepSeek-V4's cache keeps only the last
        positions of its window and open compression windows; the latent cache keeps every one)."""
        return not isinstance(self.cache, HybridCache) or self.cache.resumable(slot, length)

    def _prefill(self, reqs: list[Request]) -> None:
        for r in reqs:
            if self.drafter is not None:
                self.drafter.admit(r)
            if r.slot is None:
                self._take_slot(r)
            else:  # again, alone, after a failed prefill (_isolated): from the prefix it found cached
                self.cache.lengths[r.slot] = r.cached_tokens
        rows = torch.tensor([r.slot for r in reqs], device=self.im.device)
        starts = [self._length(r.slot) for r in reqs]
        todo = [r.prompt_ids[s:] for r, s in zip(reqs, starts)]
        last_hidden, last_logits = [None] * len(reqs), [None] * len(reqs)
        scored = [r.params.prompt_logprobs is not None for r in reqs]
        all_logits = [[] for _ in reqs]
        dev = self.im.device
        for c in range(0, max(map(len, todo)), self.prefill_chunk):
            live = [i for i, t in enumerate(todo) if len(t) > c]
            chunk = [todo[i][c:c + self.prefill_chunk] for i in live]
            width = max(map(len, chunk))
            ids = torch.tensor([t + [0] * (width - len(t)) for t in chunk], device=dev)
            pos = torch.tensor([[starts[i] + c + j for j in range(width)] for i in live], device=dev)
            pos = pos.clamp(max=self.cache.max_len - 1)  # only padding goes that far: written, never read
            # logits of every position for prompts scored, else of each row's last token in this chunk
            every = any(scored[i] for i in live)
            select = (torch.arange(width, device=dev).expand(len(live), width) if every
                      else torch.tensor([[len(t) - 1] for t in chunk], device=dev))
            hidden, logits = self.im.run(ids, pos, self.cache, rows[live], select)  # [B, width, hidden]
            if self.drafter is not None:  # MTP latents of these positions, from the prompt token after each
                nxt = [(reqs[i].prompt_ids[starts[i] + c + 1:] + [0] * width)[:width] for i in live]
                self.im.draft(hidden, torch.tensor(nxt, device=dev), pos, self.cache, rows[live],
                              select.new_zeros(len(live), 0))
            for j, i in enumerate(live):
                n = len(chunk[j])
                last_hidden[i] = hidden[j, n - 1]
                last_logits[i] = logits[j, n - 1 if every else 0]
                if scored[i]:
                    all_logits[i].append(logits[j, :n])
        for i, r in enumerate(reqs):
            self.cache.lengths[r.slot] = len(r.prompt_ids)
            self.stats.prefilled(len(todo[i]), r.cached_tokens)
            self.running.append(r)
            if scored[i]:
                self._score_prompt(r, torch.cat(all_logits[i]), starts[i])
            if r.params.max_tokens == 0:
                self._finish(r, "length")
                continue
            logits = last_logits[i]
            token = r.sampler.choose(logits)
            r.sampler.accept(token)
            r.first_token_at = time.monotonic()
            self._emit(r, [token], logits[None])
            if not r.finished:
                r.pending = token
                if r.speculative:
                    r.mtp_todo = [(len(r.prompt_ids) - 1, last_hidden[i], token)]

    def _score_prompt(self, r: Request, logits: torch.Tensor, start: int) -> None:
        """Prompt logprobs: logits [n, vocab] of prompt positions start.. predict tokens start + 1.."""
        n = r.params.prompt_logprobs
        r.prompt_logprobs = [None]
        for j in range(logits.shape[0] - 1):
            token = r.prompt_ids[start + j + 1]
            r.prompt_logprobs.append(TokenLogprob(token, *top_logprobs(logits[j], token, n)))

    def _decode(self, reqs: list[Request]) -> None:
        spec = all(r.draft is not None for r in reqs)
        rows = torch.tensor([r.slot for r in reqs], device=self.im.device)
        tokens = [[r.pending, r.draft] if spec else [r.pending] for r in reqs]
        ids = torch.tensor(tokens, device=self.im.device)
        lengths = self.cache.lengths.tolist()
        starts = [lengths[r.slot] for r in reqs]
        pos = torch.tensor([[n + k for k in range(ids.shape[1])] for n in starts], device=self.im.device)
        # every row plain greedy: verify, and draft the next token with the MTP module, in one forward
        fused = spec and len(reqs) <= self.spec_max_batch and all(r.sampler.plain_greedy for r in reqs)
        if fused:
            logits, best, drafts = self.im.speculate(ids, pos, self.cache, rows)
            greedy, drafts = best.tolist(), drafts.tolist()
        else:
            hidden, logits = self.im.run(ids, pos, self.cache, rows)  # [B, S, hidden], [B, S, vocab]
            # with drafts: every row's argmax in one op (for the plain-greedy rows); without: each row's token,
            # the rows with nothing of their own together
            greedy = logits.argmax(-1).tolist() if spec else None
            chosen = None if spec else choose_rows([r.sampler for r in reqs], logits[:, 0])
        for i, r in enumerate(reqs):
            n = starts[i]
            if spec:
                if r.sampler.plain_greedy:
                    out = [greedy[i][0]] + ([greedy[i][1]] if greedy[i][0] == r.draft else [])
                    for t in out:
                        r.sampler.accept(t)
                else:
                    out = speculative.verify(r.sampler, logits[i], r.draft, r.draft_q)
                accepted = len(out) - 1
                r.drafted += 1
                r.accepted += accepted
                self.stats.speculated(accepted)
                self.drafter.checked(accepted)
                # positions n (pending) and, if accepted, n + 1 (the draft) now hold valid latents
                self.cache.lengths[r.slot] = n + 1 + accepted
                if fused:  # the MTP module has run over them too
                    r.draft = drafts[i]
                else:
                    r.mtp_todo = [(n + k, hidden[i, k], out[k]) for k in range(len(out))]
            else:
                out = [chosen[i]]
                r.sampler.accept(out[0])
                self.cache.lengths[r.slot] = n + 1
                if r.speculative:
                    r.mtp_todo = [(n, hidden[i, 0], out[0])]
            self._emit(r, out, logits[i, : len(out)])
            if not r.finished:
                r.pending = out[-1]

    # ---- output ---------------------------------------------------------------------------------------

    def _emit(self, r: Request, tokens: list[int], logits: torch.Tensor) -> None:
        """Hand tokens to the request (stopping at the first stop condition) and push one event."""
        p = r.params
        kept, text, reason = [], "", None
        for token in tokens:
            kept.append(token)
            r.output_ids.append(token)
            if token in p.stop_token_ids:
                reason = "stop"
            elif r.stream is not None:
                text += r.stream.push(token)
                if r.stream.stopped:
                    reason = "stop"
            if reason is None and len(r.output_ids) >= p.max_tokens:
                reason = "length"
            if reason:
                break
        if r.stream is not None and reason and not r.stream.stopped:
            text += r.stream.finish()
        logprobs = None
        if p.logprobs is not None:
            logprobs = [TokenLogprob(t, *top_logprobs(logits[k], t, p.logprobs)) for k, t in enumerate(kept)]
        r.text += text
        self.stats.generated(len(kept))
        r.push(Event(kept, text, logprobs))
        if reason:
            self._finish(r, reason)

    def _finish(self, r: Request, reason: str) -> None:
        reason = "error" if r.error else reason  # its sampling failed (Request.fail), whatever ended it since
        r.finish_reason = reason
        r.finished_at = time.monotonic()
        if r.slot is not None:
            # MTP latents lag the main model's by the positions still in mtp_todo, and cover only the prompt of
            # a request that did not speculate; after an error, trust none
            valid = self._length(r.slot) - len(r.mtp_todo)
            if self.drafter is not None and not r.speculative:
                valid = min(valid, len(r.prompt_ids))
            valid = 0 if reason == "error" else valid
            self.slot_tokens[r.slot] = (r.prompt_ids + r.output_ids)[:max(0, valid)]
            self.free.append(r.slot)
            r.slot = None
        if r in self.running:
            self.running.remove(r)
        self.stats.finished(r)
        r.push(Event([], "", None, reason))


def _common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
