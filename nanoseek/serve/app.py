"""The OpenAI-compatible server (FastAPI): one Engine behind /v1, the web chat at /, health and metrics.

    state = ServerState(model_name="tiny", api_keys={"sk-..."})
    app = create_app(state)          # serves 503 until state.attach(engine, tokenizer) (loading in a thread)
    uvicorn.run(app, host="127.0.0.1", port=8000)

Auth comes first (401 before the body is read), then readiness (503), then the body (413, 400, 422).
"""

from __future__ import annotations

import time
from collections import Counter
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..engine import Engine
from ..tokenizer import Tokenizer
from . import completions, metrics
from .errors import ApiError, bad_request, parse_body
from .schemas import ChatRequest, CompletionRequest, DetokenizeRequest, TokenizeRequest

STATIC = Path(__file__).parent / "static"


@dataclass
class Limits:
    max_body_bytes: int = 1 << 20
    max_prompt_tokens: int | None = None  # None: the engine's context length minus one
    max_tokens: int | None = None  # None: the engine's context length
    max_messages: int = 256
    max_n: int = 8


@dataclass
class ServerState:
    model_name: str
    api_keys: set[str] = field(default_factory=set)  # empty: no auth
    limits: Limits = field(default_factory=Limits)
    engine: Engine | None = None
    tokenizer: Tokenizer | None = None
    load_error: str | None = None
    created: int = field(default_factory=lambda: int(time.time()))
    http: Counter = field(default_factory=Counter)

    def attach(self, engine: Engine, tokenizer: Tokenizer) -> None:
        """The model is loaded: start serving it."""
        self.limits.max_prompt_tokens = self.limits.max_prompt_tokens or engine.max_len - 1
        self.limits.max_tokens = self.limits.max_tokens or engine.max_len
        self.tokenizer = tokenizer
        self.engine = engine.start()

    @property
    def ready(self) -> bool:
        return self.engine is not None


class CountRequests:
    """ASGI middleware: HTTP responses by route and status, for /metrics (unmatched paths count as "other")."""

    def __init__(self, app, counter: Counter):
        self.app, self.counter = app, counter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        status = [500]

        async def send_status(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = scope.get("route")
            self.counter[(getattr(route, "path", "other"), status[0])] += 1


def create_app(state: ServerState) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        # SIGTERM: uvicorn stopped accepting connections and waited for the open ones; now the engine
        if state.engine is not None:
            state.engine.stop(drain=True, timeout=30)

    app = FastAPI(title="nanoseek", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.add_middleware(CountRequests, counter=state.http)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, e: ApiError):
        return e.response()

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, e: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(e.status_code)
        return ApiError(e.status_code, f"{request.method} {request.url.path}: {e.detail}", code=code).response()

    @app.exception_handler(Exception)
    async def server_error(request: Request, e: Exception):
        return ApiError(500, f"internal error: {type(e).__name__}: {e}", "server_error").response()

    def gate(request: Request, auth: bool = True) -> None:
        if auth and state.api_keys:
            header = request.headers.get("authorization", "")
            key = header[7:].strip() if header.lower().startswith("bearer ") else None
            if key not in state.api_keys:
                raise ApiError(401, "missing or invalid API key: send 'Authorization: Bearer <key>'",
                               code="invalid_api_key")
        if not state.ready:
            message = f"the model failed to load: {state.load_error}" if state.load_error else "the model is loading"
            raise ApiError(503, message, "server_error", code="model_loading")

    def check_model(name: str | None) -> None:
        if name is not None and name != state.model_name:
            raise ApiError(404, f"the model {name!r} does not exist; this server serves {state.model_name!r} "
                                "(GET /v1/models)", param="model", code="model_not_found")

    async def body(request: Request, schema):
        gate(request)
        parsed = await parse_body(request, schema, state.limits.max_body_bytes)
        check_model(parsed.model)
        return parsed

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        return await completions.chat(state, await body(request, ChatRequest), request)

    @app.post("/v1/completions")
    async def complete(request: Request):
        return await completions.completions(state, await body(request, CompletionRequest), request)

    @app.get("/v1/models")
    async def models(request: Request):
        gate(request)
        return {"object": "list", "data": [_model_card(state)]}

    @app.get("/v1/models/{name}")
    async def model(name: str, request: Request):
        gate(request)
        check_model(name)
        return _model_card(state)

    @app.post("/tokenize")
    async def tokenize(request: Request):
        b = await body(request, TokenizeRequest)
        tok = state.tokenizer
        if (b.prompt is None) == (b.messages is None):
            raise bad_request("give exactly one of prompt and messages", "prompt")
        if b.prompt is not None:
            ids = tok.encode(b.prompt, bos=b.add_special_tokens)
        else:
            ids = completions.chat_prompt(state, ChatRequest(model=state.model_name, messages=b.messages))
        return {"tokens": ids, "count": len(ids), "max_model_len": state.engine.max_len}

    @app.post("/detokenize")
    async def detokenize(request: Request):
        b = await body(request, DetokenizeRequest)
        if any(not 0 <= t < state.tokenizer.vocab_size for t in b.tokens):
            raise bad_request(f"token ids must be in [0, {state.tokenizer.vocab_size})", "tokens")
        return {"prompt": state.tokenizer.decode(b.tokens)}

    @app.get("/health")
    async def health(request: Request):
        gate(request, auth=False)
        return {"status": "ok", "model": state.model_name}

    @app.get("/metrics")
    async def prometheus():
        engine = state.engine
        text = metrics.render(engine.stats if engine else None, len(engine.waiting) if engine else 0, state.http,
                              state.ready)
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4")

    @app.get("/")
    async def index():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app


def _model_card(state: ServerState) -> dict:
    return {"id": state.model_name, "object": "model", "created": state.created, "owned_by": "nanoseek",
            "max_model_len": state.engine.max_len if state.engine else None}
