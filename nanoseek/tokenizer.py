"""Byte-level BPE tokenizer with DeepSeek's special tokens and R1's chat format.

Pre-tokenization is exactly GPT-2's (its split regex, then bytes mapped to printable characters), so
llama.cpp's `gpt-2` pre-tokenizer reproduces it, and every byte is in the base alphabet: any Unicode
string round-trips, with no unknown token. The files are the Hugging Face layout (`tokenizer.json`,
`tokenizer_config.json` with a Jinja chat template) so transformers, vLLM and llama.cpp's converter
read what nanoseek writes, and `apply_chat_template` below gives the same ids as transformers' does.

Special-token strings that occur in input text ARE encoded as the special token (as in Hugging Face
and DeepSeek): the chat template is rendered to text and then tokenized, which needs that. So text
from untrusted users that contains e.g. "<｜Assistant｜>" becomes a role token; filter it upstream
where that matters.
"""

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer as HFTokenizer
from tokenizers import decoders, models, pre_tokenizers, processors, trainers

BOS = "<｜begin▁of▁sentence｜>"
EOS = "<｜end▁of▁sentence｜>"
PAD = "<｜▁pad▁｜>"
USER = "<｜User｜>"
ASSISTANT = "<｜Assistant｜>"
THINK = "<think>"
THINK_END = "</think>"
# Ids 0..6 in this order (BOS, EOS, pad are 0, 1, 2 as in DeepSeek-V3's vocabulary).
SPECIAL_TOKENS = [BOS, EOS, PAD, USER, ASSISTANT, THINK, THINK_END]
# <think> tags are text the model writes, so, as in DeepSeek-R1's tokenizer, they are not "special":
# decode(skip_special=True) keeps them, and a reasoning parser can find them in the output text.
_NOT_SPECIAL = {THINK, THINK_END}
# DeepSeek's tool-call tokens (as DeepSeek-V3.1 spells them), ids 7..13 of a tokenizer trained since they were
# added. A tokenizer trained before them still loads (has_tools is False): the server refuses `tools` for it.
TOOL_CALLS_BEGIN = "<｜tool▁calls▁begin｜>"
TOOL_CALLS_END = "<｜tool▁calls▁end｜>"
TOOL_CALL_BEGIN = "<｜tool▁call▁begin｜>"
TOOL_CALL_END = "<｜tool▁call▁end｜>"
TOOL_SEP = "<｜tool▁sep｜>"
TOOL_OUTPUT_BEGIN = "<｜tool▁output▁begin｜>"
TOOL_OUTPUT_END = "<｜tool▁output▁end｜>"
TOOL_TOKENS = [TOOL_CALLS_BEGIN, TOOL_CALLS_END, TOOL_CALL_BEGIN, TOOL_CALL_END, TOOL_SEP, TOOL_OUTPUT_BEGIN,
               TOOL_OUTPUT_END]
# Fill-in-the-middle (DeepSeek-Coder / V3: a share of pretraining documents is rearranged prefix-suffix-middle),
# ids 14..16 of a tokenizer trained since they were added (has_fim says whether one was).
FIM_BEGIN = "<｜fim▁begin｜>"
FIM_HOLE = "<｜fim▁hole｜>"
FIM_END = "<｜fim▁end｜>"
FIM_TOKENS = [FIM_BEGIN, FIM_HOLE, FIM_END]
ROLES = ("system", "user", "assistant", "tool")
TOOLS_HOWTO = (f"\nTo call tools, write {TOOL_CALLS_BEGIN}, then for each call {TOOL_CALL_BEGIN}name{TOOL_SEP}"
               f"arguments as a JSON object{TOOL_CALL_END}, then {TOOL_CALLS_END}.")

# The Jinja twin of Tokenizer._chat_segments; tests check that both give the same ids.
# An assistant turn that is not the last message loses its reasoning (all up to the last </think>),
# as in DeepSeek-R1's template; the last one is kept whole, so an SFT target keeps its reasoning.
# Hybrid thinking as in DeepSeek-V3.1's template: the `thinking` variable (default on) decides how the
# assistant's open turn starts: "<think>\n" (the model reasons, then closes with </think>) or the empty
# thought "<think></think>" (the model answers at once). A last assistant message with "prefix": true is
# that open turn, continued rather than answered (DeepSeek's chat prefix completion): no EOS, and no
# generation prompt after it.
CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{%- if message['role'] not in ['system', 'user', 'assistant', 'tool'] -%}"
    "{{- raise_exception('chat message roles must be system, user, assistant or tool') -}}"
    "{%- endif -%}"
    "{%- if message['content'] is not string -%}"
    "{{- raise_exception('chat message content must be a string') -}}"
    "{%- endif -%}"
    "{%- if message['role'] == 'system' and not loop.first -%}"
    "{{- raise_exception('a system message may only be the first message') -}}"
    "{%- endif -%}"
    "{%- if message['prefix'] is defined and message['prefix'] and not (loop.last and message['role'] == "
    "'assistant') -%}"
    "{{- raise_exception('only the last message, an assistant one, may be a prefix') -}}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- set opening = '" + THINK + "' + ('\\n' if thinking is not defined or thinking else '" + THINK_END + "') -%}"
    "{%- set last = messages[-1] -%}"
    "{%- set ns = namespace(tools='') -%}"
    "{%- if tools is defined and tools -%}"
    "{%- set ns.tools = '## Tools\\n\\nYou have access to the following tools:\\n' -%}"
    "{%- for tool in tools -%}"
    "{%- set f = tool['function'] -%}"
    "{%- set ns.tools = ns.tools + '\\n### ' + f['name'] + '\\nDescription: ' + (f['description'] if f['description'] "
    "is defined and f['description'] else '') + '\\n\\nParameters: ' + ((f['parameters'] if f['parameters'] is "
    "defined else {}) | tojson) + '\\n' -%}"
    "{%- endfor -%}"
    "{%- set ns.tools = ns.tools + " + json.dumps(TOOLS_HOWTO, ensure_ascii=False).replace("'", "\\'") + " -%}"
    "{%- endif -%}"
    "{%- set prefixed = last['role'] == 'assistant' and last['prefix'] is defined and last['prefix'] -%}"
    "{{- '" + BOS + "' -}}"
    "{%- for message in messages -%}"
    "{%- if loop.first and message['role'] != 'system' -%}{{- ns.tools -}}{%- endif -%}"
    "{%- if message['role'] == 'system' -%}"
    "{{- message['content'] + ('\\n\\n' + ns.tools if ns.tools else '') -}}"
    "{%- elif message['role'] == 'tool' -%}"
    "{{- '" + TOOL_OUTPUT_BEGIN + "' + message['content'] + '" + TOOL_OUTPUT_END + "' -}}"
    "{%- elif message['role'] == 'user' -%}"
    "{{- '" + USER + "' + message['content'] -}}"
    "{%- elif loop.last and prefixed -%}"
    "{{- '" + ASSISTANT + "' + opening + message['content'] -}}"
    "{%- else -%}"
    "{%- set content = message['content'] -%}"
    "{%- if not loop.last -%}{%- set content = content.split('" + THINK_END + "')[-1] -%}{%- endif -%}"
    "{%- set calls = namespace(text='') -%}"
    "{%- if message['tool_calls'] is defined and message['tool_calls'] -%}"
    "{%- for call in message['tool_calls'] -%}"
    "{%- set args = call['function']['arguments'] -%}"
    "{%- set calls.text = calls.text + '" + TOOL_CALL_BEGIN + "' + call['function']['name'] + '" + TOOL_SEP + "' + "
    "(args if args is string else args | tojson) + '" + TOOL_CALL_END + "' -%}"
    "{%- endfor -%}"
    "{%- set calls.text = '" + TOOL_CALLS_BEGIN + "' + calls.text + '" + TOOL_CALLS_END + "' -%}"
    "{%- endif -%}"
    "{{- '" + ASSISTANT + "' + content + calls.text + '" + EOS + "' -}}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt and not prefixed -%}{{- '" + ASSISTANT + "' + opening -}}{%- endif -%}"
)


def fim_text(prefix: str, suffix: str, middle: str = "") -> str:
    """A fill-in-the-middle text in PSM order: the model reads the prefix and the suffix, then writes the middle
    (a completion of `fim_text(prefix, suffix)` is the middle; a training document ends it with EOS)."""
    return f"{FIM_BEGIN}{prefix}{FIM_HOLE}{suffix}{FIM_END}{middle}"


def _tools_text(tools: list[dict]) -> str:
    """The tools' descriptions after the system prompt (the Jinja template's ns.tools)."""
    text = "## Tools\n\nYou have access to the following tools:\n"
    for tool in tools:
        f = tool["function"]
        text += (f"\n### {f['name']}\nDescription: {f.get('description') or ''}\n\nParameters: "
                 f"{json.dumps(f.get('parameters', {}), ensure_ascii=False)}\n")
    return text + TOOLS_HOWTO


def _calls_text(calls: list[dict] | None) -> str:
    """An assistant message's tool calls (arguments: a JSON string, as OpenAI sends them, or an object)."""
    if not calls:
        return ""
    text = ""
    for call in calls:
        args = call["function"]["arguments"]
        args = args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)
        text += TOOL_CALL_BEGIN + call["function"]["name"] + TOOL_SEP + args + TOOL_CALL_END
    return TOOL_CALLS_BEGIN + text + TOOL_CALLS_END


_CALL = re.compile(re.escape(TOOL_CALL_BEGIN) + "(.*?)" + re.escape(TOOL_SEP) + "(.*?)" + re.escape(TOOL_CALL_END),
                   re.DOTALL)


def split_tool_calls(text: str) -> tuple[str, list[dict]]:
    """The inverse of _calls_text on a decoded completion (special tokens kept): (the text before the calls,
    OpenAI-shaped tool_calls, arguments as the JSON text written). A call left unclosed is not a call."""
    head, begun, tail = text.partition(TOOL_CALLS_BEGIN)
    calls = [{"id": f"call_{k}", "type": "function", "function": {"name": m[1], "arguments": m[2]}}
             for k, m in enumerate(_CALL.finditer(tail))] if begun else []
    return head, calls


class Tokenizer:
    """A thin wrapper over a `tokenizers.Tokenizer` that knows nanoseek's special tokens."""

    def __init__(self, hf: HFTokenizer):
        vocab = hf.get_vocab(with_added_tokens=True)
        missing = [s for s in SPECIAL_TOKENS if s not in vocab]
        if missing:
            raise ValueError(f"tokenizer lacks the special tokens {missing}; expected all of {SPECIAL_TOKENS}")
        self._hf = hf
        self.bos_id, self.eos_id, self.pad_id = vocab[BOS], vocab[EOS], vocab[PAD]
        self.has_tools = all(t in vocab for t in TOOL_TOKENS)  # trained with the tool-call tokens
        self.has_fim = all(t in vocab for t in FIM_TOKENS)  # and with the fill-in-the-middle ones

    @classmethod
    def train(cls, texts: Iterable[str], vocab_size: int) -> "Tokenizer":
        """Learn BPE merges from `texts`; vocab_size counts the 256 bytes and the special tokens."""
        smallest = 256 + len(SPECIAL_TOKENS) + len(TOOL_TOKENS) + len(FIM_TOKENS)
        if not smallest < vocab_size <= 2**32:
            raise ValueError(f"vocab_size must be in ({smallest}, 2**32] (256 bytes + {smallest - 256} "
                             f"special tokens + merges), got {vocab_size}")
        hf = HFTokenizer(models.BPE())
        hf.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
        hf.decoder = decoders.ByteLevel()
        # Lets `tokenizer(text)` in transformers prepend BOS, as add_bos_token says (our encode(bos=True)).
        hf.post_processor = processors.TemplateProcessing(
            single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, 0)])
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS + TOOL_TOKENS + FIM_TOKENS,
                                      show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        hf.train_from_iterator(texts, trainer)
        # The trainer marks all its tokens special; the flag only survives a round trip through JSON.
        spec = json.loads(hf.to_str())
        for token in spec["added_tokens"]:
            token["special"] = token["content"] not in _NOT_SPECIAL
        return cls(HFTokenizer.from_str(json.dumps(spec, ensure_ascii=False)))

    @property
    def vocab_size(self) -> int:
        return self._hf.get_vocab_size(with_added_tokens=True)

    @property
    def first_text_id(self) -> int:
        """The lowest id that is not an added (special, tool, FIM, think) token: the trainer numbers those first."""
        return max(self._hf.get_added_tokens_decoder(), default=-1) + 1

    def token_id(self, token: str) -> int:
        """The id of one token string (e.g. a special token)."""
        i = self._hf.token_to_id(token)
        if i is None:
            raise KeyError(f"{token!r} is not a single token of this vocabulary")
        return i

    def encode(self, text: str, bos: bool = False) -> list[int]:
        # a long text goes through encode_batch, which releases the GIL (encode holds it, for seconds on a 1 MB
        # prompt): the server tokenizes in a worker thread, and its event loop must keep running meanwhile
        if len(text) > 4096:
            ids = self._hf.encode_batch([text], add_special_tokens=False)[0].ids
        else:
            ids = self._hf.encode(text, add_special_tokens=False).ids
        return [self.bos_id] + ids if bos else ids

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """encode() of many texts at once, in parallel (the Rust side uses all cores)."""
        return [e.ids for e in self._hf.encode_batch(texts, add_special_tokens=False)]

    def decode(self, ids: Iterable[int], skip_special: bool = False) -> str:
        """Text of `ids`; skip_special drops BOS/EOS/pad/role tokens but keeps <think> tags."""
        return self._hf.decode(list(ids), skip_special_tokens=skip_special)

    def fingerprint(self) -> str:
        """sha256 of the tokenizer's JSON: data shards record it to catch a tokenizer mismatch."""
        return hashlib.sha256(self._hf.to_str().encode("utf-8")).hexdigest()

    # ---- chat ---------------------------------------------------------------------------------------------

    def _chat_segments(self, messages: list[dict], add_generation_prompt: bool,
                       thinking: bool = True, tools: list[dict] | None = None) -> list[tuple[str, bool]]:
        """The rendered conversation as (text, written_by_assistant) pieces.

        Every piece boundary sits next to a special token, and tokenization never merges across one, so
        encoding piece by piece gives the same ids as encoding the whole rendered string.
        """
        if not isinstance(messages, (list, tuple)) or not messages:
            found = f"an empty {type(messages).__name__}" if not messages else type(messages).__name__
            raise ValueError(f"messages must be a non-empty list of {{'role', 'content'}} dicts, found {found}")
        for i, m in enumerate(messages):
            if not isinstance(m, dict) or m.get("role") not in ROLES:
                found = m.get("role") if isinstance(m, dict) else type(m).__name__
                raise ValueError(f"message {i}: expected a dict with role one of {ROLES}, found {found!r}")
            if not isinstance(m.get("content"), str):
                raise ValueError(f"message {i}: expected string content, "
                                 f"found {type(m.get('content')).__name__}")
            if m["role"] == "system" and i > 0:
                raise ValueError(f"message {i}: a system message may only be the first message")
            if m.get("prefix") and not (i == len(messages) - 1 and m["role"] == "assistant"):
                raise ValueError(f"message {i}: only the last message, an assistant one, may be a prefix")
        opening = THINK + ("\n" if thinking else THINK_END)
        prefixed = bool(messages[-1]["role"] == "assistant" and messages[-1].get("prefix"))
        tools_text = _tools_text(tools) if tools else ""
        pieces = [(BOS, False)]
        for i, m in enumerate(messages):
            content = m["content"]
            if i == 0 and m["role"] != "system" and tools_text:
                pieces.append((tools_text, False))
            if m["role"] == "system":
                pieces.append((content + ("\n\n" + tools_text if tools_text else ""), False))
            elif m["role"] == "tool":
                pieces.append((TOOL_OUTPUT_BEGIN + content + TOOL_OUTPUT_END, False))
            elif m["role"] == "user":
                pieces.append((USER + content, False))
            elif prefixed and i == len(messages) - 1:
                pieces.append((ASSISTANT + opening + content, False))  # the open turn the model continues
            else:
                if i < len(messages) - 1:
                    content = content.split(THINK_END)[-1]
                pieces += [(ASSISTANT, False), (content + _calls_text(m.get("tool_calls")) + EOS, True)]
        if add_generation_prompt and not prefixed:
            pieces.append((ASSISTANT + opening, False))
        return pieces

    def encode_chat(self, messages: list[dict], add_generation_prompt: bool = False,
                    thinking: bool = True, tools: list[dict] | None = None) -> tuple[list[int], list[int]]:
        """(ids, mask) of a conversation; mask[i] = 1 iff ids[i] was written by the assistant.

        The assistant's content and its closing EOS are masked in, its role token is not; SFT computes
        the loss only where the mask of the target token is 1. `thinking` picks how the open assistant turn
        (the generation prompt, or a prefix message) starts: a thought, or the empty thought. `tools`: OpenAI's
        function tools ({"type": "function", "function": {name, description, parameters}}), described after
        the system prompt; an assistant message's `tool_calls` and `tool` messages (results) render with the
        tool-call tokens.
        """
        ids, mask = [], []
        for text, by_assistant in self._chat_segments(messages, add_generation_prompt, thinking, tools):
            piece = self.encode(text)
            ids += piece
            mask += [int(by_assistant)] * len(piece)
        return ids, mask

    def apply_chat_template(self, messages: list[dict], add_generation_prompt: bool = False,
                            thinking: bool = True, tools: list[dict] | None = None) -> list[int]:
        """Ids of a conversation, identical to transformers' apply_chat_template on the saved files (which
        takes `thinking=` as a template variable, as DeepSeek-V3.1's does)."""
        return self.encode_chat(messages, add_generation_prompt, thinking, tools)[0]

    # ---- files --------------------------------------------------------------------------------------------

    def save(self, directory: str | Path, model_max_length: int = 16384) -> None:
        """Write tokenizer.json and tokenizer_config.json (the Hugging Face layout) into `directory`."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self._hf.save(str(directory / "tokenizer.json"))
        config = {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": BOS,
            "eos_token": EOS,
            "pad_token": PAD,
            "add_bos_token": True,
            "add_eos_token": False,
            "model_max_length": model_max_length,
            "clean_up_tokenization_spaces": False,
            "chat_template": CHAT_TEMPLATE,
        }
        (directory / "tokenizer_config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n",
                                                         encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> "Tokenizer":
        path = Path(directory) / "tokenizer.json"
        if not path.is_file():
            raise FileNotFoundError(f"no tokenizer.json in {directory}; expected a directory written by "
                                    "Tokenizer.save (e.g. by `nanoseek data`) or a checkpoint")
        return cls(HFTokenizer.from_file(str(path)))
