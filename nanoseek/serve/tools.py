"""Tool calls and JSON output on /v1/chat/completions (OpenAI's and DeepSeek's shapes), by constrained decoding.

The chat template describes the tools after the system prompt; the model calls them with DeepSeek's tool-call
tokens: <｜tool▁calls▁begin｜> then, per call, <｜tool▁call▁begin｜>name<｜tool▁sep｜>arguments<｜tool▁call▁end｜>,
then <｜tool▁calls▁end｜> and EOS. A request with tools or a response_format gets a grammar (engine/grammar.py)
that makes its output follow that form, whatever the model:

  response_format json_object / json_schema   the answer is one JSON value under the schema (after the thought)
  tool_choice "auto"                          free text; once the model writes <｜tool▁calls▁begin｜>, the calls
                                              (a declared name, then arguments under that function's schema)
  tool_choice "required" / a named function   the answer is calls (of that function), from its first token
  tool_choice "none"                          free text without tool-call tokens

An answer's grammar starts after </think>: at once when the thought is closed in the prompt (thinking off, or
the server closing a spent thought), else once the model closes it. So arguments always parse and validate,
and the server parses the calls from the output's tokens, not its text.
"""

from __future__ import annotations

import dataclasses
import json
import re
import uuid

from ..engine.grammar import json_grammar, json_lark, lark_grammar
from ..tokenizer import (
    THINK_END,
    TOOL_CALL_BEGIN,
    TOOL_CALL_END,
    TOOL_CALLS_BEGIN,
    TOOL_CALLS_END,
    TOOL_SEP,
)
from .errors import bad_request

NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")  # OpenAI's rule for function names
TOOL_CHOICES = ("none", "auto", "required")


def template_tools(body) -> list[dict] | None:
    """The request's tools as the chat template takes them (checked: type, name, schema shape)."""
    if not body.tools:
        return None
    seen, out = set(), []
    for k, tool in enumerate(body.tools):
        f = tool.function
        if tool.type != "function":
            raise bad_request(f"tools[{k}].type must be 'function'; got {tool.type!r}", f"tools[{k}].type")
        if not NAME.fullmatch(f.name):
            raise bad_request(f"tools[{k}].function.name must be 1-64 letters, digits, _ or -; got {f.name!r}",
                              f"tools[{k}].function.name")
        if f.name in seen:
            raise bad_request(f"tools[{k}].function.name {f.name!r} is declared twice", f"tools[{k}].function.name")
        seen.add(f.name)
        params = f.parameters if f.parameters is not None else {"type": "object", "properties": {}}
        out.append({"type": "function", "function": {"name": f.name, "description": f.description or "",
                                                      "parameters": params}})
    return out


def message_extras(i: int, m) -> dict:
    """What a tool-using message adds to its template dict: an assistant's tool_calls, a tool result's id."""
    if m.role == "tool":
        if not m.tool_call_id:
            raise bad_request(f"messages[{i}].tool_call_id is required for a tool message",
                              f"messages[{i}].tool_call_id")
        return {"tool_call_id": m.tool_call_id}
    if m.role == "assistant" and m.tool_calls:
        return {"tool_calls": [{"id": c.id, "type": "function",
                                "function": {"name": c.function.name, "arguments": c.function.arguments}}
                               for c in m.tool_calls]}
    return {}


def _check(state, grammar: str, param: str, what: str) -> str:
    try:
        state.engine.grammar_tokenizer.check(grammar)
    except ValueError as e:
        raise bad_request(f"{what}: {str(e).splitlines()[0]}", param) from None
    return grammar


def _calls_lark(tok, tools: list[dict], parallel: bool) -> str:
    """Lark rules `calls` (one or more calls, then <｜tool▁calls▁end｜>) over the given tools."""
    t = {s: f"<[{tok.token_id(s)}]>" for s in (TOOL_CALL_BEGIN, TOOL_SEP, TOOL_CALL_END, TOOL_CALLS_END)}
    rules = [f"call_{k}: {t[TOOL_CALL_BEGIN]} {json.dumps(x['function']['name'])} {t[TOOL_SEP]} args_{k} "
             f"{t[TOOL_CALL_END]}\nargs_{k}: {json_lark(x['function']['parameters'])}" for k, x in enumerate(tools)]
    alternatives = " | ".join(f"call_{k}" for k in range(len(tools)))
    return (f"calls: {'call+' if parallel else 'call'} {t[TOOL_CALLS_END]}\ncall: {alternatives}\n"
            + "\n".join(rules))


def constraint(state, body, tools: list[dict] | None) -> dict:
    """SamplingParams fields (grammar, grammar_after) for the request's response_format and tool_choice; a 400
    for what cannot be served."""
    tok = state.tokenizer
    choice = body.tool_choice
    fmt = body.response_format
    think_end = tok.token_id(THINK_END)
    if choice is not None and not tools:
        raise bad_request("tool_choice needs tools", "tool_choice")
    if tools and not tok.has_tools:
        raise bad_request("this model's tokenizer has no tool-call tokens (it was trained before them): "
                          "retrain the tokenizer to serve tools", "tools")
    if fmt is not None and fmt.type not in ("text", "json_object", "json_schema"):
        raise bad_request(f"response_format.type must be text, json_object or json_schema; got {fmt.type!r}",
                          "response_format.type")
    if fmt is not None and fmt.type != "text":
        if tools:
            raise bad_request("response_format and tools cannot be used together: the answer is either JSON or "
                              "tool calls", "response_format")
        if fmt.type == "json_schema":
            if fmt.json_schema is None or fmt.json_schema.schema_ is None:
                raise bad_request("response_format.json_schema.schema is required for type json_schema",
                                  "response_format.json_schema")
            grammar = _check(state, json_grammar(fmt.json_schema.schema_), "response_format.json_schema",
                             "invalid JSON schema")
        else:
            grammar = json_grammar()
        return {"grammar": grammar, "grammar_after": think_end}
    if not tools:
        return {}
    if isinstance(choice, str) or choice is None:
        choice = choice or "auto"
        if choice not in TOOL_CHOICES:
            raise bad_request(f"tool_choice must be none, auto, required or a function; got {choice!r}",
                              "tool_choice")
        chosen = tools
    else:
        if choice.type != "function" or choice.function is None:
            raise bad_request("tool_choice must be {'type': 'function', 'function': {'name': ...}}", "tool_choice")
        chosen = [t for t in tools if t["function"]["name"] == choice.function.name]
        if not chosen:
            raise bad_request(f"tool_choice names {choice.function.name!r}, which is not among the tools",
                              "tool_choice.function.name")
        choice = "named"
    if choice == "none":  # any text, without the tool-call tokens (a thought may close once)
        grammar = lark_grammar(f"start: TEXT | TEXT <[{think_end}]> TEXT\nTEXT: /(?s:.*)/")
        return {"grammar": _check(state, grammar, "tools", "invalid tools")}
    calls = _calls_lark(tok, chosen, body.parallel_tool_calls and choice != "named")
    if choice == "auto":  # free until the model begins calls
        grammar = lark_grammar(f"start: calls\n{calls}")
        return {"grammar": _check(state, grammar, "tools", "invalid tool schema"),
                "grammar_after": tok.token_id(TOOL_CALLS_BEGIN)}
    grammar = lark_grammar(f"start: <[{tok.token_id(TOOL_CALLS_BEGIN)}]> calls\n{calls}")
    return {"grammar": _check(state, grammar, "tools", "invalid tool schema"), "grammar_after": think_end}


class ToolCalls:
    """One choice's tool calls, read from its output tokens as they come: the text of everything from
    <｜tool▁calls▁begin｜> on is taken out of the event (it is no content and no reasoning), and the calls come
    out as OpenAI's streamed `tool_calls` deltas and, at the end, the message's `tool_calls`."""

    def __init__(self, tokenizer, active: bool):
        """active: the request declared tools (otherwise tool-call tokens are no calls, and pass as they are)."""
        self.tok = tokenizer
        active = active and tokenizer.has_tools
        self.ids = {tokenizer.token_id(s): s for s in (TOOL_CALLS_BEGIN, TOOL_CALL_BEGIN, TOOL_SEP, TOOL_CALL_END,
                                                       TOOL_CALLS_END)} if active else {}
        self.begin = tokenizer.token_id(TOOL_CALLS_BEGIN) if active else None
        self.started = False
        self.calls: list[dict] = []  # OpenAI's message.tool_calls
        self.part: str | None = None  # "name" or "args" while inside a call
        self.buf: list[int] = []  # token ids of the name or arguments being read
        self.sent = 0  # characters of the current arguments already handed out as deltas
        self.deltas: list[dict] = []  # not yet streamed

    def take(self, event):
        """The event with the tool calls' text taken out (the tokens are read here instead)."""
        if not self.started:
            if self.begin is None or self.begin not in event.tokens:
                return event
            self.started = True
            for t in event.tokens[event.tokens.index(self.begin) + 1:]:
                self._token(t)
            return event  # its text is that of the tokens before the calls (the call tokens have none)
        for t in event.tokens:
            self._token(t)
        return dataclasses.replace(event, text="")

    def _token(self, t: int) -> None:
        kind = self.ids.get(t)
        if kind == TOOL_CALL_BEGIN:
            self.part, self.buf = "name", []
        elif kind == TOOL_SEP and self.part == "name":
            name = self.tok.decode(self.buf)
            call = {"id": f"call_{uuid.uuid4().hex[:24]}", "type": "function",
                    "function": {"name": name, "arguments": ""}}
            self.calls.append(call)
            self.deltas.append({"index": len(self.calls) - 1, "id": call["id"], "type": "function",
                                "function": {"name": name, "arguments": ""}})
            self.part, self.buf, self.sent = "args", [], 0
        elif kind == TOOL_CALL_END and self.part == "args":
            self._arguments(final=True)
            self.part = None
        elif kind is None and self.part is not None:
            self.buf.append(t)
            if self.part == "args":
                self._arguments(final=False)

    def _arguments(self, final: bool) -> None:
        text = self.tok.decode(self.buf)
        if text.endswith("\ufffd") and not final:
            return  # half a UTF-8 character: wait for the rest
        call = self.calls[-1]["function"]
        call["arguments"] = text
        if len(text) > self.sent:
            self.deltas.append({"index": len(self.calls) - 1, "function": {"arguments": text[self.sent:]}})
            self.sent = len(text)

    def pop_deltas(self) -> list[dict]:
        out, self.deltas = self.deltas, []
        return out

    def finish_reason(self, reason: str | None) -> str | None:
        return "tool_calls" if self.calls and reason == "stop" else reason
