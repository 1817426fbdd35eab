"""Grammar-constrained decoding in the engine: outputs of a random-weight model follow JSON and JSON schemas,
batched, speculative, and beside unconstrained requests."""

import json

import pytest
import torch
from helpers import random_model, small_config
from servers import tokenizer

from nanoseek.engine import Engine, SamplingParams
from nanoseek.engine.grammar import json_grammar

pytestmark = pytest.mark.usefixtures("one_thread")

# non-trivial, and bounded so that a random model's outputs end within max_tokens
SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "maxLength": 10},
        "age": {"type": "integer", "minimum": 0, "maximum": 150},
        "score": {"type": "number", "minimum": -1, "maximum": 1},
        "tags": {"type": "array", "items": {"enum": ["red", "green", "blue"]}, "maxItems": 3},
        "pet": {"anyOf": [{"type": "null"}, {"type": "object", "properties": {"kind": {"enum": ["cat", "dog"]}},
                                              "required": ["kind"], "additionalProperties": False}]},
        "ok": {"type": "boolean"},
    },
    "required": ["name", "age", "tags", "pet", "ok"],
    "additionalProperties": False,
}


def valid(value, schema) -> bool:
    """A checker for SCHEMA's keywords (jsonschema is not a dependency)."""
    if "anyOf" in schema:
        return any(valid(value, s) for s in schema["anyOf"])
    if "enum" in schema:
        return value in schema["enum"]
    t = schema["type"]
    if t == "object":
        props = schema["properties"]
        return (isinstance(value, dict) and set(schema["required"]) <= set(value) and set(value) <= set(props)
                and all(valid(v, props[k]) for k, v in value.items()))
    if t == "array":
        return isinstance(value, list) and len(value) <= schema["maxItems"] and all(
            valid(v, schema["items"]) for v in value)
    if t == "string":
        return isinstance(value, str) and len(value) <= schema["maxLength"]
    if t == "integer":
        return type(value) is int and schema["minimum"] <= value <= schema["maximum"]
    if t == "number":
        return type(value) in (int, float) and schema["minimum"] <= value <= schema["maximum"]
    if t == "boolean":
        return type(value) is bool
    return value is None


@pytest.fixture(scope="module")
def setup():
    tok = tokenizer()
    return random_model(small_config(vocab_size=tok.vocab_size)), tok


def run(engine, tok, grammar, n, seed, temperature=1.0, max_tokens=200):
    reqs = [engine.submit(tok.encode(f"prompt {i}", bos=True),
                          SamplingParams(temperature=temperature, seed=seed * 1000 + i, max_tokens=max_tokens,
                                         grammar=grammar, stop_token_ids=(tok.eos_id,))) for i in range(n)]
    return [r.result() for r in reqs]


@pytest.mark.slow  # 160 samples a side: ~20 s each on 2 busy cores
@pytest.mark.parametrize("speculative", [False, True])
def test_schema_outputs_of_a_random_model_all_parse_and_validate(setup, speculative):
    model, tok = setup
    # speculative: drafting forced on, and kept on at every batch size (spec_max_batch)
    engine = Engine(model, tok, max_batch=16, max_len=256, speculative=speculative, spec_max_batch=16, threads=1)
    grammar = json_grammar(SCHEMA)
    outs = []
    for seed in range(3):
        outs += run(engine, tok, grammar, 48, seed)
    outs += run(engine, tok, grammar, 16, 9, temperature=0)
    assert len(outs) == 160
    for r in outs:
        assert r.finish_reason == "stop" and r.error is None, (r.finish_reason, r.error, r.text)
        assert r.output_ids[-1] == tok.eos_id
        assert valid(json.loads(r.text), SCHEMA), r.text
    if speculative:
        assert sum(r.drafted for r in outs) > 500  # the drafts were checked against the grammar too
    assert len({r.text for r in outs}) > 100  # sampled, not one answer over and over


def test_json_object_outputs_parse_and_unconstrained_batch_mates_are_unchanged(setup):
    model, tok = setup
    engine = Engine(model, tok, max_batch=16, max_len=512, speculative=True, spec_max_batch=16, threads=1)
    free = SamplingParams(temperature=0, max_tokens=40)
    alone = [engine.submit([0, 5 + i, 9], free).result().output_ids for i in range(4)]
    mates = [engine.submit([0, 5 + i, 9], free) for i in range(4)]
    outs = []
    for seed in range(2):
        outs += run(engine, tok, json_grammar(), 16, seed, max_tokens=300)
    assert [r.result().output_ids for r in mates] == alone  # the constrained rows change nothing beside them
    ended = [r for r in outs if r.finish_reason == "stop"]
    assert len(ended) > 0.5 * len(outs)  # the rest ran into max_tokens inside a long string
    for r in ended:
        assert isinstance(json.loads(r.text), dict), r.text


def test_masked_speculative_sampling_keeps_the_constrained_distribution(setup):
    """The first token after a prompt under a grammar with three choices: the same distribution with and
    without drafts (the drafts are drawn from masked MTP logits, verified against masked target logits)."""
    model, tok = setup
    grammar = json_grammar({"enum": ["red", "green", "blue"]})
    counts = {}
    for speculative in (False, True):
        engine = Engine(model, tok, max_batch=16, max_len=64, speculative=speculative, spec_max_batch=16,
                        threads=1)
        texts = [r.text for r in run(engine, tok, grammar, 96, 3, max_tokens=10)]
        assert set(texts) <= {'"red"', '"green"', '"blue"'}
        counts[speculative] = torch.tensor([texts.count(c) for c in ('"red"', '"green"', '"blue"')]).float()
    assert (counts[False] - counts[True]).abs().max() < 30  # same distribution, up to sampling noise


def test_an_invalid_grammar_is_refused_at_submit(setup):
    model, tok = setup
    engine = Engine(model, tok, max_batch=2, max_len=64, threads=1)
    with pytest.raises(ValueError, match="grammar"):
        engine.submit([0, 1], SamplingParams(max_tokens=4, grammar=json_grammar({"type": "no-such-type"})))


def test_a_grammar_after_a_token_starts_there(setup):
    """grammar_after: the output is free until that token (e.g. </think>), constrained from the token after it;
    a prompt that ends with it starts constrained."""
    model, tok = setup
    engine = Engine(model, tok, max_batch=4, max_len=256, threads=1)
    grammar, end = json_grammar(SCHEMA), tok.token_id("</think>")
    free = engine.submit([0, 20, 30], SamplingParams(temperature=0, max_tokens=30)).result().output_ids
    trigger = next(t for t in range(7, tok.vocab_size) if t not in free)
    waiting = engine.submit([0, 20, 30], SamplingParams(temperature=0, max_tokens=30, grammar=grammar,
                                                        grammar_after=trigger)).result()
    assert waiting.output_ids == free  # the trigger never came: nothing was masked
    k = next(k for k in range(2, 30) if free[k] not in free[:k])
    begun = engine.submit([0, 20, 30], SamplingParams(temperature=0, max_tokens=200, grammar=grammar,
                                                      grammar_after=free[k], stop_token_ids=(tok.eos_id,))).result()
    assert begun.output_ids[:k + 1] == free[:k + 1]  # free up to the trigger, then the grammar's
    assert valid(json.loads(tok.decode(begun.output_ids[k + 1:], skip_special=True)), SCHEMA)
    now = engine.submit([0, 20, end], SamplingParams(temperature=0, max_tokens=200, grammar=grammar,
                                                     grammar_after=end, stop_token_ids=(tok.eos_id,))).result()
    assert valid(json.loads(now.text), SCHEMA)


def test_an_answer_grammar_after_the_thought_keeps_the_output_from_ending_inside_it(setup):
    """Before </think> the output is free, but an answer under a grammar must still come: end-of-sequence is
    masked until the thought closes. Before another trigger (tool_choice auto's calls-begin token), ending is free."""
    model, tok = setup
    gt = Engine(model, tok, max_batch=1, max_len=64, threads=1).grammar_tokenizer
    logits = torch.zeros(tok.vocab_size)
    in_thought = gt.matcher(json_grammar(SCHEMA), after=tok.token_id("</think>"))
    masked = in_thought.mask(logits)
    assert masked[tok.eos_id] == float("-inf") and torch.isfinite(masked).sum() == tok.vocab_size - 1
    before_calls = gt.matcher(json_grammar(SCHEMA), after=tok.token_id("</think>") + 1)
    assert torch.equal(before_calls.mask(logits), logits)
