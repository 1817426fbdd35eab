"""Request bodies of the OpenAI-compatible API (pydantic), as the official clients send them.

Unknown fields are ignored (clients send ones nanoseek has no use for, e.g. `user`); known fields are
checked for type, range and finiteness (NaN and Infinity, which Python's json accepts, are refused) here,
and against the server's limits in completions.py. /openapi.json is generated from these models.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Body(BaseModel):
    # strict: "1" is not a number and true is not an integer (lax pydantic would coerce them, and accept bodies
    # that /openapi.json says are invalid)
    model_config = ConfigDict(extra="ignore", allow_inf_nan=False, strict=True)


class ContentPart(_Body):
    type: str
    text: str | None = None


class FunctionCall(_Body):
    name: str
    arguments: str  # JSON text, as the model wrote it


class ToolCall(_Body):
    id: str
    type: str = "function"
    function: FunctionCall


class Message(_Body):
    role: str
    content: str | list[ContentPart] | None = None
    tool_calls: list[ToolCall] | None = None  # an assistant's earlier calls
    tool_call_id: str | None = None  # a tool message: the call it answers
    # on earlier turns accepted and dropped (the template feeds no earlier reasoning back; DeepSeek's clients,
    # litellm's among them, send it back); on a prefix message it is the thought to continue
    reasoning_content: str | None = None
    prefix: bool = False  # DeepSeek's chat prefix completion: the last (assistant) message is continued


class Thinking(_Body):
    """DeepSeek's (and Anthropic's) switch: {"type": "enabled" | "disabled"}; the type is checked in
    serve/thinking.py (an unknown one is a 400, as DeepSeek answers it)."""
    type: str
    budget_tokens: int | None = Field(None, ge=1)  # Anthropic's spelling of a thinking budget


class FunctionDef(_Body):
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None  # a JSON schema for the arguments
    strict: bool | None = None  # arguments always follow the schema here (constrained decoding)


class Tool(_Body):
    type: str
    function: FunctionDef


class FunctionName(_Body):
    name: str


class NamedToolChoice(_Body):
    type: str
    function: FunctionName | None = None


class JsonSchemaFormat(_Body):
    name: str | None = None
    description: str | None = None
    schema_: dict[str, Any] | None = Field(None, alias="schema")
    strict: bool | None = None


class ResponseFormat(_Body):
    type: str  # text, json_object, json_schema (serve/tools.py answers others with a 400)
    json_schema: JsonSchemaFormat | None = None


class StreamOptions(_Body):
    include_usage: bool = False


class _Sampling(_Body):
    model: str
    temperature: float = Field(1.0, ge=0, le=2)
    top_p: float = Field(1.0, gt=0, le=1)
    top_k: int = Field(0, ge=0)  # beyond OpenAI (as vLLM): 0 = off
    n: int = Field(1, ge=1)
    stop: str | list[str] | None = None
    seed: int | None = Field(None, ge=-(2**63), le=2**63 - 1)  # int64, as vLLM
    presence_penalty: float = Field(0.0, ge=-2, le=2)
    frequency_penalty: float = Field(0.0, ge=-2, le=2)
    repetition_penalty: float = Field(1.0, gt=0)  # beyond OpenAI (as vLLM); any finite value is safe
    stream: bool = False
    stream_options: StreamOptions | None = None

    def stop_strings(self) -> tuple[str, ...]:
        stops = [self.stop] if isinstance(self.stop, str) else (self.stop or [])
        return tuple(s for s in stops if s)


class ChatRequest(_Sampling):
    messages: list[Message]
    thinking: Thinking | None = None  # None: as before (the template thinks, the sampling fields apply)
    reasoning_effort: str | None = None  # low, high, max: a budget of thinking tokens (serve/thinking.py)
    tools: list[Tool] | None = None
    tool_choice: str | NamedToolChoice | None = None  # none, auto (the default with tools), required, a function
    parallel_tool_calls: bool = True
    response_format: ResponseFormat | None = None
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    logprobs: bool = False
    top_logprobs: int | None = Field(None, ge=0, le=20)
    suffix: str | None = None  # refused: fill-in-the-middle is /v1/completions' (a clear 400, not silence)


class CompletionRequest(_Sampling):
    prompt: str | list[str] | list[int] | list[list[int]]
    suffix: str | None = None  # fill-in-the-middle (DeepSeek's FIM completion): the text after the gap
    max_tokens: int | None = Field(16, ge=0)
    echo: bool = False
    logprobs: int | None = Field(None, ge=0, le=20)


class TokenizeRequest(_Body):
    model: str | None = None
    prompt: str | None = None
    messages: list[Message] | None = None
    add_special_tokens: bool = True


class DetokenizeRequest(_Body):
    model: str | None = None
    tokens: list[int]
