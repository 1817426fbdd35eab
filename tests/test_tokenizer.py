import json
import random

import pytest

from nanoseek.data.sources import default_corpus
from nanoseek.tokenizer import (
    ASSISTANT,
    BOS,
    EOS,
    FIM_TOKENS,
    PAD,
    SPECIAL_TOKENS,
    THINK,
    THINK_END,
    TOOL_CALL_BEGIN,
    TOOL_CALL_END,
    TOOL_CALLS_BEGIN,
    TOOL_CALLS_END,
    TOOL_OUTPUT_BEGIN,
    TOOL_OUTPUT_END,
    TOOL_SEP,
    TOOL_TOKENS,
    USER,
    Tokenizer,
)


@pytest.fixture(scope="module")
def tok():
    texts = [doc[:40_000] for doc in list(default_corpus())[:4]]
    return Tokenizer.train(texts, vocab_size=600)


@pytest.fixture(scope="module")
def saved(tok, tmp_path_factory):
    path = tmp_path_factory.mktemp("tok")
    tok.save(path, model_max_length=1024)
    return path


@pytest.fixture(scope="module")
def hf(saved):
    transformers = pytest.importorskip("transformers")
    return transformers.AutoTokenizer.from_pretrained(saved)


# Code point ranges that stress byte-level BPE; surrogates (U+D800-DFFF) cannot be UTF-8 encoded.
RANGES = [(0x20, 0x7E), (0x00, 0x1F), (0x7F, 0x9F), (0xA0, 0x2FF), (0x300, 0x36F), (0x4E00, 0x9FFF),
          (0x1F300, 0x1FAFF), (0x0590, 0x06FF), (0x2000, 0x206F), (0xFE00, 0xFE0F), (0x0, 0xD7FF),
          (0xE000, 0x10FFFF)]


def random_text(rng: random.Random) -> str:
    chars = []
    for _ in range(rng.randrange(0, 40)):
        lo, hi = rng.choice(RANGES)
        chars.append(chr(rng.randint(lo, hi)))
    return "".join(chars)


def test_round_trip_arbitrary_unicode(tok):
    rng = random.Random(0)
    fixed = ["", " ", "\n\n", "Hello, world!", "😀👍🏽👨‍👩‍👧", "世界你好", "e\u0301 a\u0308\u0323",
             "\x00\x01\x7f\r\n\t", "  leading and trailing  ", "naïve café", "\u2028\u3000\ufeff", "x" * 500]
    for text in fixed + [random_text(rng) for _ in range(500)]:
        ids = tok.encode(text)
        assert all(0 <= i < tok.vocab_size for i in ids)
        assert tok.decode(ids) == text


def test_gpt2_pretokenization(tok, saved):
    spec = json.loads((saved / "tokenizer.json").read_text())["pre_tokenizer"]
    assert spec["type"] == "ByteLevel" and spec["use_regex"] is True and spec["add_prefix_space"] is False
    pieces = [p for p, _ in tok._hf.pre_tokenizer.pre_tokenize_str("Hello, world! It's 2024...  ok\n")]
    assert pieces == ["Hello", ",", "Ġworld", "!", "ĠIt", "'s", "Ġ2024", "...", "Ġ", "Ġok", "Ċ"]


def test_special_tokens(tok):
    assert [tok.token_id(s) for s in SPECIAL_TOKENS] == list(range(len(SPECIAL_TOKENS)))
    assert (tok.bos_id, tok.eos_id, tok.pad_id) == (0, 1, 2)
    for i, s in enumerate(SPECIAL_TOKENS):
        assert tok.encode(s) == [i]
    # Exact special strings inside text are matched (needed by the chat template); near misses are not.
    ids = tok.encode(f"a{USER}b{THINK}c")
    assert ids.count(tok.token_id(USER)) == 1 and ids.count(tok.token_id(THINK)) == 1
    for near in ["<｜User|>", "<|User|>", "<think", "< think>", "<｜end of sentence｜>"]:
        assert not set(tok.encode(near)) & set(range(len(SPECIAL_TOKENS)))
    # skip_special drops BOS/EOS/role tokens, keeps the <think> tags the model writes.
    text = f"{THINK}\nhmm\n{THINK_END}\n\nyes{EOS}"
    assert tok.decode(tok.encode(text, bos=True), skip_special=True) == f"{THINK}\nhmm\n{THINK_END}\n\nyes"
    assert tok.decode(tok.encode(text, bos=True)) == BOS + text
    with pytest.raises(KeyError, match="not a single token"):
        tok.token_id("<｜nope｜>")
    # every added token sits below first_text_id, every id of plain text at or above it
    added = [tok.token_id(s) for s in SPECIAL_TOKENS + TOOL_TOKENS + FIM_TOKENS]
    assert max(added) + 1 == tok.first_text_id == len(added)
    assert min(tok.encode("hello world, 12+30=42\n")) >= tok.first_text_id


def test_bos_and_hf_encode(tok, hf):
    text = "Shall I compare thee to a summer's day?"
    assert tok.encode(text, bos=True) == [tok.bos_id] + tok.encode(text)
    assert hf(text).input_ids == tok.encode(text, bos=True)
    assert (hf.bos_token_id, hf.eos_token_id, hf.pad_token_id) == (tok.bos_id, tok.eos_id, tok.pad_id)


# Two reasoning turns: the earlier one loses everything up to its last </think>, the last one is kept.
REASONING_CHAT = [
    {"role": "system", "content": "Think first.\n"},
    {"role": "user", "content": "Q1"}, {"role": "assistant", "content": f"{THINK}a{THINK_END}b{THINK_END}c"},
    {"role": "user", "content": "Q2"}, {"role": "assistant", "content": f"{THINK}\nreason\n{THINK_END}\n\nfinal"},
]
CONVERSATIONS = [
    [{"role": "user", "content": "What is 2+2?"}],
    [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Hi there"}],
    [{"role": "user", "content": "Add 3 and 4."},
     {"role": "assistant", "content": f"{THINK}\n3+4=7\n{THINK_END}\n\nThe answer is 7."},
     {"role": "user", "content": "And 5 and 6?"}],
    REASONING_CHAT,
    [{"role": "user", "content": f"literal {THINK} and {USER} in text, 😀 世界\n\n  spaced  "},
     {"role": "assistant", "content": ""}, {"role": "user", "content": ""}],
    [{"role": "user", "content": "extra keys", "name": "bob"},
     {"role": "assistant", "content": "ok", "reasoning_content": "ignored"}],
]


@pytest.mark.parametrize("messages", CONVERSATIONS)
@pytest.mark.parametrize("add_generation_prompt", [False, True])
def test_chat_template_matches_transformers(tok, hf, messages, add_generation_prompt):
    ours = tok.apply_chat_template(messages, add_generation_prompt)
    theirs = hf.apply_chat_template(messages, add_generation_prompt=add_generation_prompt, tokenize=True,
                                    return_dict=False)
    assert ours == theirs
    text = hf.apply_chat_template(messages, add_generation_prompt=add_generation_prompt, tokenize=False)
    assert tok.decode(ours) == text


# Both thinking modes, and a last assistant message that is a prefix to continue (with or without a thought).
PREFIXED = [
    [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "Sure, ", "prefix": True}],
    [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"},
     {"role": "assistant", "content": f"half a thought{THINK_END}\n\nThe ans", "prefix": True}],
    [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "", "prefix": True}],
    [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "done", "prefix": False}],
]


@pytest.mark.parametrize("messages", CONVERSATIONS[:3] + PREFIXED)
@pytest.mark.parametrize("thinking", [True, False])
def test_chat_template_thinking_modes_match_transformers(tok, hf, messages, thinking):
    ours = tok.apply_chat_template(messages, add_generation_prompt=True, thinking=thinking)
    theirs = hf.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=False,
                                    thinking=thinking)
    assert ours == theirs


TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather in a city, °C",
                                          "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                                         "required": ["city"]}}},
         {"type": "function", "function": {"name": "now", "parameters": {"type": "object", "properties": {}}}}]
CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}
TOOL_CHATS = [
    [{"role": "user", "content": "Weather in Paris and Zürich?"}],
    [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Weather?"},
     {"role": "assistant", "content": "", "tool_calls": [
         CALL, {"id": "call_2", "type": "function", "function": {"name": "now", "arguments": {}}}]},
     {"role": "tool", "tool_call_id": "call_1", "content": '{"temp": 21}'},
     {"role": "tool", "tool_call_id": "call_2", "content": "12:00"}],
    [{"role": "user", "content": "Q"}, {"role": "assistant", "content": f"{THINK}hm{THINK_END}let me look",
                                         "tool_calls": [CALL]},
     {"role": "tool", "tool_call_id": "call_1", "content": "sunny"}, {"role": "assistant", "content": "Sunny."},
     {"role": "user", "content": "thanks"}],
]


@pytest.mark.parametrize("messages", TOOL_CHATS)
@pytest.mark.parametrize("thinking", [True, False])
def test_chat_template_with_tools_matches_transformers(tok, hf, messages, thinking):
    ours = tok.apply_chat_template(messages, add_generation_prompt=True, thinking=thinking, tools=TOOLS)
    theirs = hf.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=False,
                                    thinking=thinking, tools=TOOLS)
    assert ours == theirs
    assert tok.apply_chat_template(messages, True, thinking) == hf.apply_chat_template(
        messages, add_generation_prompt=True, tokenize=True, return_dict=False, thinking=thinking)


def test_tool_calls_and_results_render_with_the_tool_tokens(tok):
    assert tok.has_tools and [tok.token_id(t) for t in TOOL_TOKENS] == list(range(7, 14))
    text = tok.decode(tok.apply_chat_template(TOOL_CHATS[1], add_generation_prompt=True, tools=TOOLS))
    assert text.startswith(f"{BOS}Be brief.\n\n## Tools\n\nYou have access to the following tools:\n\n### get_weather\n"
                           'Description: Weather in a city, °C\n\nParameters: {"type": "object", ')
    assert text.endswith(
        f'{USER}Weather?{ASSISTANT}{TOOL_CALLS_BEGIN}{TOOL_CALL_BEGIN}get_weather{TOOL_SEP}{{"city": "Paris"}}'
        f"{TOOL_CALL_END}{TOOL_CALL_BEGIN}now{TOOL_SEP}{{}}{TOOL_CALL_END}{TOOL_CALLS_END}{EOS}"
        f'{TOOL_OUTPUT_BEGIN}{{"temp": 21}}{TOOL_OUTPUT_END}{TOOL_OUTPUT_BEGIN}12:00{TOOL_OUTPUT_END}'
        f"{ASSISTANT}{THINK}\n")
    ids, mask = tok.encode_chat(TOOL_CHATS[1], tools=TOOLS)  # the calls are the assistant's: in the SFT mask
    assert tok.decode([i for i, m in zip(ids, mask) if m]).startswith(TOOL_CALLS_BEGIN)


def test_thinking_switch_and_prefix_render_like_v31(tok):
    q = [{"role": "user", "content": "Q"}]
    render = lambda m, **kw: tok.decode(tok.apply_chat_template(m, add_generation_prompt=True, **kw))  # noqa: E731
    assert render(q) == render(q, thinking=True) == f"{BOS}{USER}Q{ASSISTANT}{THINK}\n"
    assert render(q, thinking=False) == f"{BOS}{USER}Q{ASSISTANT}{THINK}{THINK_END}"  # the empty thought
    prefix = q + [{"role": "assistant", "content": "Sure, ", "prefix": True}]
    assert render(prefix) == f"{BOS}{USER}Q{ASSISTANT}{THINK}\nSure, "  # open: no EOS, no second turn
    assert render(prefix, thinking=False) == f"{BOS}{USER}Q{ASSISTANT}{THINK}{THINK_END}Sure, "
    # an SFT target in either mode continues exactly the prompt that mode generates from
    for thinking, answer in ((True, f"{THINK}\nr\n{THINK_END}\n\n8"), (False, f"{THINK}{THINK_END}8")):
        ids = tok.apply_chat_template(q + [{"role": "assistant", "content": answer}])
        prompt = tok.apply_chat_template(q, add_generation_prompt=True, thinking=thinking)
        assert ids[:len(prompt)] == prompt, thinking


def test_chat_format(tok):
    messages = REASONING_CHAT
    text = tok.decode(tok.apply_chat_template(messages, add_generation_prompt=True))
    assert text == (f"{BOS}Think first.\n{USER}Q1{ASSISTANT}c{EOS}{USER}Q2{ASSISTANT}"
                    f"{THINK}\nreason\n{THINK_END}\n\nfinal{EOS}{ASSISTANT}{THINK}\n")


def test_assistant_loss_mask(tok):
    messages = REASONING_CHAT
    ids, mask = tok.encode_chat(messages)
    assert ids == tok.apply_chat_template(messages) and len(mask) == len(ids)
    spans, current = [], []
    for i, m in zip(ids, mask):
        if m:
            current.append(i)
        elif current:
            spans.append(current)
            current = []
    spans += [current] if current else []
    assert [tok.decode(s) for s in spans] == [f"c{EOS}", f"{THINK}\nreason\n{THINK_END}\n\nfinal{EOS}"]
    assistant, user = tok.token_id(ASSISTANT), tok.token_id(USER)
    assert all(m == 0 for i, m in zip(ids, mask) if i in (assistant, user, tok.bos_id))
    assert all(m == 1 for i, m in zip(ids, mask) if i == tok.eos_id)
    _, prompt_mask = tok.encode_chat(messages[:2], add_generation_prompt=True)
    assert sum(prompt_mask) == 0


@pytest.mark.parametrize("messages, match", [
    ([{"role": "function", "content": "x"}], r"role one of .*found 'function'"),
    ([{"content": "x"}], r"role one of .*found None"),
    (["hello"], r"found 'str'"),
    ([{"role": "user", "content": None}], r"expected string content, found NoneType"),
    ([{"role": "user", "content": [{"type": "text", "text": "x"}]}], r"expected string content, found list"),
    ([{"role": "user", "content": "a"}, {"role": "system", "content": "b"}], r"system message may only be"),
    ({"role": "user", "content": "x"}, r"must be a non-empty list of .* found dict"),
    ([{"role": "user", "content": "a", "prefix": True}], r"only the last message, an assistant one, may be a prefix"),
    ([{"role": "assistant", "content": "a", "prefix": True}, {"role": "user", "content": "b"}],
     r"only the last message, an assistant one"),
    ([], r"found an empty list"),
])
def test_chat_errors(tok, messages, match):
    with pytest.raises(ValueError, match=match):
        tok.apply_chat_template(messages)


def test_chat_errors_in_jinja_too(hf):
    jinja2 = pytest.importorskip("jinja2")
    for messages in ([{"role": "function", "content": "x"}], [{"role": "user", "content": None}],
                     [{"role": "user", "content": "x", "prefix": True}],
                     [{"role": "user", "content": "a"}, {"role": "system", "content": "b"}]):
        with pytest.raises(jinja2.TemplateError):
            hf.apply_chat_template(messages, tokenize=False)


def test_save_load_round_trip(tok, saved):
    loaded = Tokenizer.load(saved)
    assert loaded.fingerprint() == tok.fingerprint()
    assert loaded.vocab_size == tok.vocab_size == 600
    text = "O Romeo, Romeo! wherefore art thou Romeo? 😀"
    assert loaded.encode(text, bos=True) == tok.encode(text, bos=True)
    config = json.loads((saved / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert config["tokenizer_class"] == "PreTrainedTokenizerFast"
    assert (config["bos_token"], config["eos_token"], config["pad_token"]) == (BOS, EOS, PAD)
    assert config["add_bos_token"] is True and config["model_max_length"] == 1024
    assert "raise_exception" in config["chat_template"]


def test_training_is_deterministic_and_checked():
    texts = ["the quick brown fox jumps over the lazy dog\n" * 20, "pack my box with five dozen liquor jugs"]
    assert Tokenizer.train(texts, 300).fingerprint() == Tokenizer.train(texts, 300).fingerprint()
    with pytest.raises(ValueError, match="vocab_size must be in"):
        Tokenizer.train(texts, 200)


def test_load_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no tokenizer.json"):
        Tokenizer.load(tmp_path)
    from tokenizers import Tokenizer as HFTokenizer
    from tokenizers import models
    HFTokenizer(models.BPE()).save(str(tmp_path / "tokenizer.json"))
    with pytest.raises(ValueError, match="lacks the special tokens"):
        Tokenizer.load(tmp_path)
