"""OpenAI-shaped errors, and reading a request body that may be too big, not UTF-8, not JSON or mistyped.

Every error body is {"error": {"message", "type", "param", "code"}} with a status the official clients
map to their exception classes (400 BadRequest, 401 Authentication, 404 NotFound, 413, 422
UnprocessableEntity, 429 RateLimit, 503 while loading or shutting down).
"""

from __future__ import annotations

import json

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError


class ApiError(Exception):
    def __init__(self, status: int, message: str, type: str = "invalid_request_error", param: str | None = None,
                 code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type, param, code

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def bad_request(message: str, param: str | None = None, code: str = "invalid_value") -> ApiError:
    return ApiError(400, message, param=param, code=code)


async def parse_body(request: Request, schema: type[BaseModel], limit: int) -> BaseModel:
    """The request's JSON body validated against `schema`, read no further than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise bad_request(f"the request body is not valid UTF-8 (byte {e.start})", code="invalid_encoding")
    except json.JSONDecodeError as e:
        raise bad_request(f"the request body is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}",
                          code="invalid_json")
    if not isinstance(data, dict):
        raise bad_request(f"the request body must be a JSON object, found {type(data).__name__}",
                          code="invalid_json")
    try:
        return schema.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        param = ".".join(str(p) for p in first["loc"]) or None
        raise ApiError(422, f"{param}: {first['msg']}" if param else first["msg"], param=param,
                       code="invalid_type" if "type" in first["type"] else "invalid_value")


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"the request body is larger than {limit} bytes", code="request_too_large")
