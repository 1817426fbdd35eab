"""/openapi.json: every route with its request body (from the pydantic models of schemas.py), its statuses
and the OpenAI error shape, so that tools nobody here wrote (schemathesis, client generators) can drive it.

The routes read their bodies themselves (errors.parse_json: size, depth and surrogates first), so FastAPI
cannot see the models: ROUTES hands each route's documentation to its decorator, and openapi() adds the
models' schemas to the components.
"""

from __future__ import annotations

from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .messages import CountTokensRequest, MessagesRequest
from .schemas import ChatRequest, CompletionRequest, DetokenizeRequest, TokenizeRequest


class Error(BaseModel):
    message: str
    type: str
    param: str | None
    code: str | None


class ErrorResponse(BaseModel):
    error: Error


class AnthropicError(BaseModel):
    type: str
    message: str


class AnthropicErrorResponse(BaseModel):  # /v1/messages answers errors as Anthropic's API does
    type: str
    error: AnthropicError


_WHY = {400: "Invalid value (the error's param names the field)", 401: "Missing or invalid API key",
        404: "Unknown model", 408: "The request ran past its deadline", 413: "Body too large",
        422: "Wrong type or out of range", 429: "A limit of the key or of the queue: see Retry-After",
        500: "Generation failed", 503: "The model is loading or the engine has stopped"}
_RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}}


def _errors(*codes: int, model: type[BaseModel] = ErrorResponse) -> dict:
    return {c: {"model": model, "description": _WHY[c], **({"headers": _RETRY_AFTER} if c == 429 else {})}
            for c in codes}


def _body(model: type[BaseModel]) -> dict:
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


_SECURED = {"security": [{"bearer": []}]}
_GENERATE = _errors(400, 401, 404, 408, 413, 422, 429, 500, 503)
# schemathesis reads an SSE stream as events {"event", "data", ...}: each data line is one JSON chunk
_SSE = {"text/event-stream": {"schema": {"type": "object", "properties": {"data": {"type": "string"}},
                                         "required": ["data"]}}}

ROUTES = {
    "chat": dict(summary="Chat completion (reasoning_content beside content); SSE when stream is true",
                 openapi_extra={**_body(ChatRequest), **_SECURED},
                 responses={200: {"description": "A chat.completion, or its chunks as SSE", "content": _SSE},
                            **_GENERATE}),
    "completions": dict(summary="Text completion (legacy), with echo and logprobs; SSE when stream is true",
                        openapi_extra={**_body(CompletionRequest), **_SECURED},
                        responses={200: {"description": "A text_completion, or its chunks as SSE", "content": _SSE},
                                   **_GENERATE}),
    "messages": dict(summary="Anthropic's Messages API (thinking and text blocks); SSE events when stream is true",
                     openapi_extra={**_body(MessagesRequest), **_SECURED},
                     responses={200: {"description": "A message, or its events as SSE", "content": _SSE},
                                **_errors(400, 401, 404, 408, 413, 429, 500, 503, model=AnthropicErrorResponse)}),
    "count_tokens": dict(summary="Input tokens of a Messages API request",
                         openapi_extra={**_body(CountTokensRequest), **_SECURED},
                         responses=_errors(400, 401, 404, 413, 503, model=AnthropicErrorResponse)),
    "models": dict(summary="The served model", openapi_extra=_SECURED, responses=_errors(401, 503)),
    "model": dict(summary="One model", openapi_extra=_SECURED, responses=_errors(401, 404, 422, 503)),
    "tokenize": dict(summary="Token ids of a prompt or of chat messages (with the chat template)",
                     openapi_extra={**_body(TokenizeRequest), **_SECURED},
                     responses=_errors(400, 401, 404, 413, 422, 503)),
    "detokenize": dict(summary="Text of token ids", openapi_extra={**_body(DetokenizeRequest), **_SECURED},
                       responses=_errors(400, 401, 404, 413, 422, 503)),
    "health": dict(summary="Readiness: 200 once the model is loaded and the engine runs", responses=_errors(503)),
    "live": dict(summary="Liveness: 200 while the process answers"),
    "metrics": dict(summary="Prometheus metrics (an API key or a metrics key)", openapi_extra=_SECURED,
                    responses={200: {"description": "Prometheus text format 0.0.4",
                                     "content": {"text/plain": {"schema": {"type": "string"}}}},
                               **_errors(401)}),
}


def openapi(app, model_name: str) -> dict:
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes,
                             description=f"nanoseek serving {model_name!r}: an OpenAI-compatible API")
        models = [(m, "validation") for m in (ChatRequest, CompletionRequest, TokenizeRequest, DetokenizeRequest,
                                              MessagesRequest, CountTokensRequest)]
        _, defs = models_json_schema(models, ref_template="#/components/schemas/{model}")
        # this server serves one model: say which, so that generated requests name it
        only = {"type": "string", "enum": [model_name]}
        for name, required in (("ChatRequest", True), ("CompletionRequest", True), ("TokenizeRequest", False),
                               ("DetokenizeRequest", False), ("MessagesRequest", True), ("CountTokensRequest", True)):
            props = defs["$defs"][name]["properties"]
            props["model"] = only if required else {"anyOf": [only, {"type": "null"}], "default": None}
        schema["paths"]["/v1/models/{name}"]["get"]["parameters"][0]["schema"] = only
        components = schema.setdefault("components", {})
        components.setdefault("schemas", {}).update(defs["$defs"])
        components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        app.openapi_schema = schema
    return app.openapi_schema
