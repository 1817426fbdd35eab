"""Grammar-constrained decoding, per request, with llguidance (a kept library: its Earley parser and lexer
compute, for each step, the set of tokens that keep the output inside the grammar).

A request's SamplingParams.grammar is an llguidance grammar (a string: build one with json_grammar or
lark_grammar); it applies from the first output token, or from the token after SamplingParams.grammar_after.
The request's Sampler masks every distribution it draws from (the next token, an MTP draft, the two
positions a speculative step verifies) with the tokens the grammar allows in the state the request has
reached, and advances the grammar with each token that joins the sequence (Sampler.accept). So speculation
stays exact: a draft is drawn from masked MTP logits, the token after it from logits masked in the state
after the draft, and a rejected draft's replacement from the masked target distribution. (The fused greedy
step, which takes the argmax inside the forward, is skipped while a constrained request runs.)

Why llguidance and not xgrammar: llguidance's wheel depends on nothing (xgrammar pulls in transformers and
triton at run time), and it reads the tokenizer's own tokenizer.json: the byte-level vocabulary is decoded by
the same Rust `tokenizers` that nanoseek encodes with. Every added token (the chat's role, think and tool
tokens) is a special token to llguidance: a grammar names one as `<[id]>`, never by its text.
"""

from __future__ import annotations

import json
import threading

import llguidance
import torch

from ..tokenizer import THINK_END, Tokenizer

# compact JSON (no free whitespace): otherwise a weak model can emit blanks forever and never close the value
COMPILED_KEPT = 32  # compiled grammars kept per engine (a server sees the same few schemas again and again)
JSON_OPTIONS = {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "}


def json_grammar(schema: dict | None = None) -> str:
    """The grammar of one JSON value under `schema` (None: any JSON object), compactly spaced."""
    return llguidance.LLMatcher.grammar_from_json_schema(schema or {"type": "object"}, defaults=JSON_OPTIONS)


def lark_grammar(lark: str) -> str:
    """A grammar in llguidance's Lark dialect: `%json {schema}` embeds a JSON schema, `<[id]>` a special token."""
    return llguidance.LLMatcher.grammar_from_lark(lark)


def json_lark(schema: dict | None) -> str:
    """A Lark rule body for one JSON value under schema (compact), to embed in lark_grammar."""
    schema = dict(schema or {"type": "object"})
    schema["x-guidance"] = JSON_OPTIONS
    return "%json " + json.dumps(schema, ensure_ascii=False)


class GrammarTokenizer:
    """The tokenizer as llguidance sees it (built once per engine; its cost grows with the vocabulary)."""

    def __init__(self, tokenizer: Tokenizer, vocab_size: int):
        # n_vocab: the model's logits may be wider than the tokenizer (padding rows): those ids are never allowed
        self.ll = llguidance.LLTokenizer(tokenizer._hf.to_str(), n_vocab=vocab_size, eos_token=tokenizer.eos_id)
        self.vocab_size = vocab_size
        self.eos_id = tokenizer.eos_id
        self.think_end = tokenizer._hf.token_to_id(THINK_END)  # None in a vocabulary without it
        self.bits = 1 << torch.arange(32, dtype=torch.int32)
        self._cache: dict[str, llguidance.LLMatcher] = {}  # compiled grammars, untouched: requests get copies
        self._lock = threading.Lock()

    def check(self, grammar: str) -> None:
        """ValueError (with llguidance's message) if the grammar cannot be compiled. Compiles it, and keeps it:
        a caller that checks in a worker thread leaves `matcher` (on the event loop, per choice) only a copy."""
        self._compiled(grammar)

    def _compiled(self, grammar: str) -> llguidance.LLMatcher:
        with self._lock:
            m = self._cache.pop(grammar, None)
        if m is None:
            m = llguidance.LLMatcher(self.ll, grammar, log_level=0)  # never raises: a bad grammar is an error state
            if m.is_error():
                raise ValueError(f"the grammar is invalid: {m.get_error()}")
        with self._lock:
            self._cache[grammar] = m  # the most recently used last
            while len(self._cache) > COMPILED_KEPT:
                self._cache.pop(next(iter(self._cache)))
        return m

    def matcher(self, grammar: str, after: int | None = None) -> Constraint:
        """The state of a request's grammar; after: a token before which the output is free (and which starts
        the grammar), or None to start at once."""
        return Constraint(self._compiled(grammar).deep_copy(), self, after)


class Constraint:
    """One request's grammar state: the mask of allowed tokens for the next position, and the tokens taken."""

    def __init__(self, matcher: llguidance.LLMatcher, tok: GrammarTokenizer, after: int | None = None):
        self.matcher, self.tok = matcher, tok
        self.after = after  # the token that starts the grammar, while the output has not had it yet
        self._mask: torch.Tensor | None = None  # for the current state; None until asked
        self.done = False  # EOS taken: the grammar is complete, and nothing after it is masked

    def allowed(self, device: torch.device) -> torch.Tensor:
        """Bool [vocab]: the tokens the grammar allows next."""
        if self._mask is None:
            words = torch.frombuffer(bytearray(self.matcher.compute_bitmask()), dtype=torch.int32)
            bits = (words[:, None] & self.tok.bits) != 0  # [vocab / 32, 32]: bit b of word w is token 32 w + b
            self._mask = bits.flatten()[: self.tok.vocab_size].to(device)
        return self._mask

    def mask(self, logits: torch.Tensor) -> torch.Tensor:
        """logits [vocab] with the disallowed tokens at -inf (none, once the grammar has ended). Before the token that
        starts the grammar the output is free, but for a grammar that starts after the thought (an answer in JSON,
        required tool calls) it may not end there: the answer must still come."""
        if self.after is not None:
            return logits if self.after != self.tok.think_end else logits.index_fill(
                0, torch.tensor([self.tok.eos_id], device=logits.device), float("-inf"))
        if self.done or self.matcher.is_error():
            return logits
        return logits.masked_fill(~self.allowed(logits.device), float("-inf"))

    def accept(self, token: int) -> None:
        """Advance over a token that joined the sequence. A token the grammar refuses (only a failed sampler's
        placeholder can be one) raises: the request fails alone."""
        if self.done or self.after is not None:
            if token == self.after:
                self.after = None
            return
        if not self.matcher.consume_token(token):
            raise ValueError(f"token {token} does not satisfy the grammar: {self.matcher.get_error()}")
        self._mask = None
        self.done = token == self.tok.eos_id
