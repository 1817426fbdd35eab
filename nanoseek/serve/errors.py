"""OpenAI-shaped errors, and reading a request body that may be too big, not UTF-8, not JSON or mistyped.

Every error body is {"error": {"message", "type", "param", "code"}} (on /v1/messages: Anthropic's
{"type": "error", "error": {"type", "message"}}, error_response) with a status the official clients
map to their exception classes (400 BadRequest, 401 Authentication, 404 NotFound, 408 past the request's
deadline, 413, 422 UnprocessableEntity, 429 RateLimit, 503 while loading or shutting down).

A body is checked in the order that keeps each step cheap and safe: its size while it is read, its JSON
nesting depth before json.loads (which recurses once per level: 1,000 levels raise RecursionError), then
every string for lone surrogates ("\\ud800" is valid JSON, but not text the tokenizer can take), then the
schema.
"""

from __future__ import annotations

import json

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from ..tasks.tools import MAX_DEPTH, json_depth


class ApiError(Exception):
    def __init__(self, status: int, message: str, type: str = "invalid_request_error", param: str | None = None,
                 code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type, param, code

        self.headers: dict[str, str] = {}

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


# Anthropic's error types by status (its Messages API answers validation errors with 400, not 422)
_ANTHROPIC = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
              404: "not_found_error", 405: "invalid_request_error", 408: "timeout_error", 413: "request_too_large",
              422: "invalid_request_error", 429: "rate_limit_error", 500: "api_error", 503: "overloaded_error"}


def anthropic_body(e: ApiError) -> dict:
    """The error as Anthropic's API shapes it: {"type": "error", "error": {"type", "message"}}."""
    return {"type": "error", "error": {"type": _ANTHROPIC.get(e.status, "api_error"), "message": e.message}}


def error_response(e: ApiError, path: str) -> JSONResponse:
    """The error in the shape of the API the path belongs to: Anthropic's under /v1/messages, else OpenAI's."""
    if path == "/v1/messages" or path.startswith("/v1/messages/"):
        status = 400 if e.status == 422 else e.status
        return JSONResponse(anthropic_body(e), status_code=status, headers=e.headers)
    return e.response()


def rate_limited(message: str, code: str, retry_after: float | None) -> ApiError:
    """429; Retry-After in whole seconds (at least 1) when waiting helps."""
    e = ApiError(429, message, "rate_limit_error", code=code)
    if retry_after is not None:
        e.headers["Retry-After"] = str(max(1, int(-(-retry_after // 1))))
    return e


def bad_request(message: str, param: str | None = None, code: str = "invalid_value") -> ApiError:
    return ApiError(400, message, param=param, code=code)


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, read no further than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def bad_string(data, path: str = "") -> str | None:
    """The path of the first string (or key) in parsed JSON that is not valid Unicode text (a lone surrogate
    such as "\\ud800"), or None. Depth is bounded by json_depth, so the recursion is too."""
    if isinstance(data, str):
        return None if data.isascii() or _encodes(data) else path or "body"
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for k, v in items:
        if isinstance(k, str) and not _encodes(k):  # named with the surrogate escaped: the answer must encode
            k = k.encode("utf-8", "backslashreplace").decode()
            return f"{path}.{k}" if path else k
        here = f"{path}.{k}" if path else str(k)
        found = bad_string(v, here)
        if found:
            return found
    return None


def integral(data):
    """Parsed JSON with every integral float (1.0) as an int: JSON Schema's "integer" takes 1.0, and so must
    the strict request models (a float field takes an int as it is)."""
    if isinstance(data, float) and data.is_integer():
        return int(data)
    if isinstance(data, list):
        return [integral(x) for x in data]
    if isinstance(data, dict):
        return {k: integral(v) for k, v in data.items()}
    return data


def _encodes(s: str) -> bool:
    try:
        s.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def parse_json(body: bytes, schema: type[BaseModel]) -> BaseModel:
    """Bytes -> validated request (CPU work: call it off the event loop for big bodies)."""
    if json_depth(body) > MAX_DEPTH:
        raise bad_request(f"the request body nests JSON more than {MAX_DEPTH} levels deep", code="invalid_json")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise bad_request(f"the request body is not valid UTF-8 (byte {e.start})", code="invalid_encoding") from None
    except json.JSONDecodeError as e:
        raise bad_request(f"the request body is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}",
                          code="invalid_json") from None
    if not isinstance(data, dict):
        raise bad_request(f"the request body must be a JSON object, found {type(data).__name__}",
                          code="invalid_json")
    where = bad_string(data)
    if where:
        raise bad_request(f"{where}: the string holds a lone surrogate (e.g. \\ud800), which is not Unicode text; "
                          "send valid UTF-16 pairs", where, "invalid_string")
    try:
        return schema.model_validate(integral(data))
    except ValidationError as e:
        first = e.errors()[0]
        param = ".".join(str(p) for p in first["loc"]) or None
        raise ApiError(422, f"{param}: {first['msg']}" if param else first["msg"], param=param,
                       code="invalid_type" if "type" in first["type"] else "invalid_value") from None


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"the request body is larger than {limit} bytes", code="request_too_large")
