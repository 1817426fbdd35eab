"""Streamed text: whole UTF-8 characters only, stop strings cut where they begin, through the engine too."""

import pytest
import torch
from helpers import random_model, small_config

from nanoseek.engine import Engine, SamplingParams
from nanoseek.engine.detok import TextStream
from nanoseek.tokenizer import Tokenizer

TEXT = "naïve café — 東京 🙂🚀 ok. Ünïcödé: ß∂ƒ©˙∆˚¬… 🇫🇷 done"


pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def tok():
    return Tokenizer.train(["hello world, plain ascii text. " * 20, "ok done naive cafe"], vocab_size=300)


def stream_all(tok, ids, stop=()):
    s = TextStream(tok, stop)
    parts = []
    for t in ids:
        parts.append(s.push(t))
        if s.stopped:
            return parts, s
    parts.append(s.finish())
    return parts, s


def test_deltas_are_whole_characters_and_add_up(tok):
    ids = tok.encode(TEXT)
    assert len(ids) > len(TEXT.encode("utf-8")) // 2  # a tiny vocabulary: multi-byte characters span tokens
    assert any("\ufffd" in tok.decode([t]) for t in ids)  # ... so single tokens decode to broken characters
    parts, _ = stream_all(tok, ids)
    assert "".join(parts) == TEXT
    assert all("\ufffd" not in p for p in parts)


def test_stop_strings_cut_and_hold_back(tok):
    text = "the answer is 42.\nEND of text"
    parts, s = stream_all(tok, tok.encode(text), stop=("\nEND", "never"))
    assert s.stopped and "".join(parts) == "the answer is 42."
    assert all("\n" not in p for p in parts)  # "\n" could start "\nEND": it was held, then cut
    parts, s = stream_all(tok, tok.encode("no stop here, nev"), stop=("never",))
    assert not s.stopped and "".join(parts) == "no stop here, nev"  # held "nev" released at the end


def test_invalid_utf8_from_the_model_is_released_at_the_end(tok):
    lone = tok.encode("é")[:1]  # the first byte of a two-byte character, never completed
    parts, _ = stream_all(tok, tok.encode("ab") + lone)
    assert parts[-1].endswith("\ufffd") and "".join(parts).startswith("ab")


def test_engine_streams_text_and_stops_on_strings(tok):
    torch.manual_seed(0)
    model = random_model(small_config(vocab_size=tok.vocab_size))
    engine = Engine(model, tok, max_batch=2, max_len=128)
    prompt = tok.encode("hello", bos=True)
    full = engine.submit(prompt, SamplingParams(temperature=0, max_tokens=40)).result()
    assert full.text == tok.decode(full.output_ids, skip_special=True)
    cut = full.text[5:8]
    events = list(engine.submit(prompt, SamplingParams(temperature=0, max_tokens=40, stop=(cut,))))
    text = "".join(e.text for e in events)
    assert events[-1].finish_reason == "stop" and text == full.text[: full.text.index(cut)]
