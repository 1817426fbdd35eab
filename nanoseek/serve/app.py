"""The OpenAI-compatible server (FastAPI): one Engine behind /v1 (and Anthropic's /v1/messages), the web chat
at /, health and metrics.

    state = ServerState(model_name="tiny", api_keys={"sk-..."})
    app = create_app(state)          # serves 503 until state.attach(engine, tokenizer) (loading in a thread)
    uvicorn.run(app, host="127.0.0.1", port=8000)

Auth comes first (401 before the body is read), then readiness (503), then the body (413, 400, 422), then
the key's limits (429). /openapi.json describes every route from the request models in schemas.py.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from ..engine import Engine
from ..tokenizer import Tokenizer
from . import completions, messages, metrics
from .errors import ApiError, bad_request, error_response, parse_json, read_body
from .limits import Limiter
from .messages import CountTokensRequest, MessagesRequest
from .openapi import ROUTES, openapi
from .schemas import ChatRequest, CompletionRequest, DetokenizeRequest, TokenizeRequest
from .thinking import EFFORT_BUDGETS

STATIC = Path(__file__).parent / "static"


@dataclass
class Limits:
    """What one request may ask for, whoever sends it (per-key limits: limits.py)."""
    max_body_bytes: int = 1 << 20
    max_prompt_tokens: int | None = None  # None: the engine's context length minus one
    max_tokens: int | None = None  # None: the engine's context length
    max_messages: int = 256
    max_n: int = 8
    max_choices: int = 64  # prompts x n of one completions request
    max_stop: int = 16  # stop strings (each is matched at every token)
    max_stop_chars: int = 256
    request_timeout: float | None = None  # seconds; per-key limits may override it
    max_queue: int | None = None  # requests waiting for a cache slot; None: the engine's own limit


@dataclass
class ServerState:
    model_name: str
    api_keys: set[str] = field(default_factory=set)  # empty: no auth
    limits: Limits = field(default_factory=Limits)
    limiter: Limiter = field(default_factory=Limiter)
    metrics_keys: set[str] = field(default_factory=set)  # may read /metrics (as may every API key)
    engine: Engine | None = None
    tokenizer: Tokenizer | None = None
    load_error: str | None = None
    created: int = field(default_factory=lambda: int(time.time()))
    http: Counter = field(default_factory=Counter)
    guard: object = None  # a nanoseek.guard.Guard (`serve --guard`): checks conversations and outputs
    # thinking tokens per reasoning_effort (serve/thinking.py says what each level means)
    thinking_budgets: dict = field(default_factory=lambda: dict(EFFORT_BUDGETS))

    def attach(self, engine: Engine, tokenizer: Tokenizer) -> None:
        """The model is loaded: start serving it."""
        self.limits.max_prompt_tokens = self.limits.max_prompt_tokens or engine.max_len - 1
        self.limits.max_tokens = self.limits.max_tokens or engine.max_len
        if self.limits.max_queue is not None:
            engine.max_waiting = self.limits.max_queue
        self.tokenizer = tokenizer
        self.engine = engine.start()

    @property
    def ready(self) -> bool:
        return self.engine is not None and self.engine.running_in_thread


class Guard:
    """ASGI middleware: HTTP responses by route and status, for /metrics (unmatched paths count as "other"),
    and any exception that escaped a route answered as an OpenAI-shaped 500 *without* re-raising it:
    Starlette's own handler re-raises after answering, and uvicorn then drops the keep-alive connection, so
    the client's next request on it failed too."""

    def __init__(self, app, counter: Counter):
        self.app, self.counter = app, counter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        status = [None]

        async def send_status(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        except ClientDisconnect:  # gone while its body was read: nobody to answer
            status[0] = status[0] or 499
        except Exception as e:
            if status[0] is not None:
                raise  # the response had started: nothing else can be sent on it
            status[0] = 500
            error = ApiError(500, f"internal error: {type(e).__name__}: {e}", "server_error")
            await error_response(error, scope.get("path", ""))(scope, receive, send)
        finally:
            route = scope.get("route")
            self.counter[(getattr(route, "path", "other"), status[0] or 500)] += 1


def create_app(state: ServerState) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        # SIGTERM: uvicorn stopped accepting connections and waited for the open ones; now the engine
        if state.engine is not None:
            state.engine.stop(drain=True, timeout=30)

    app = FastAPI(title="nanoseek", version="1", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.openapi = lambda: openapi(app, state.model_name)
    app.add_middleware(Guard, counter=state.http)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, e: ApiError):
        return error_response(e, request.url.path)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, e: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(e.status_code)
        error = ApiError(e.status_code, f"{request.method} {request.url.path}: {e.detail}", code=code)
        error.headers.update(e.headers or {})  # 405's Allow
        return error_response(error, request.url.path)

    def key_of(request: Request, keys: set[str]) -> str | None:
        """The caller's API key (None without auth); 401 unless it is one of `keys`."""
        header = request.headers.get("authorization", "")
        key = header[7:].strip() if header.lower().startswith("bearer ") else None
        key = key or request.headers.get("x-api-key")  # Anthropic's clients send the key so
        if keys and key not in keys:
            raise ApiError(401, "missing or invalid API key: send 'Authorization: Bearer <key>' (or 'x-api-key: "
                                "<key>')", code="invalid_api_key")
        return key if keys else None

    def gate(request: Request) -> str | None:
        key = key_of(request, state.api_keys)
        if not state.ready:
            message = f"the model failed to load: {state.load_error}" if state.load_error else "the model is loading"
            raise ApiError(503, message, "server_error", code="model_loading")
        return key

    def check_model(name: str | None) -> None:
        if name is not None and name != state.model_name:
            raise ApiError(404, f"the model {name!r} does not exist; this server serves {state.model_name!r} "
                                "(GET /v1/models)", param="model", code="model_not_found")

    async def body(request: Request, schema):
        key = gate(request)
        raw = await read_body(request, state.limits.max_body_bytes)
        # parsing up to 1 MB is milliseconds of CPU: off the event loop, so other streams keep flowing
        parsed = await asyncio.to_thread(parse_json, raw, schema) if len(raw) > 1 << 16 else parse_json(raw, schema)
        check_model(parsed.model)
        return key, parsed

    @app.post("/v1/chat/completions", **ROUTES["chat"])
    async def chat(request: Request):
        key, b = await body(request, ChatRequest)
        return await completions.chat(state, b, request, key)

    @app.post("/v1/completions", **ROUTES["completions"])
    async def complete(request: Request):
        key, b = await body(request, CompletionRequest)
        return await completions.completions(state, b, request, key)

    @app.post("/v1/messages", **ROUTES["messages"])
    async def anthropic_messages(request: Request):
        key, b = await body(request, MessagesRequest)
        return await messages.messages(state, b, request, key)

    @app.post("/v1/messages/count_tokens", **ROUTES["count_tokens"])
    async def anthropic_count_tokens(request: Request):
        _, b = await body(request, CountTokensRequest)
        return await messages.count_tokens(state, b)

    @app.get("/v1/models", **ROUTES["models"])
    async def models(request: Request):
        gate(request)
        return {"object": "list", "data": [_model_card(state)]}

    @app.get("/v1/models/{name}", **ROUTES["model"])
    async def model(name: str, request: Request):
        gate(request)
        check_model(name)
        return _model_card(state)

    @app.post("/tokenize", **ROUTES["tokenize"])
    async def tokenize(request: Request):
        _, b = await body(request, TokenizeRequest)
        tok = state.tokenizer
        if (b.prompt is None) == (b.messages is None):
            raise bad_request("give exactly one of prompt and messages", "prompt")
        if b.prompt is not None:
            ids = await asyncio.to_thread(tok.encode, b.prompt, b.add_special_tokens)
        else:
            chat_body = ChatRequest(model=state.model_name, messages=b.messages)
            ids = await asyncio.to_thread(completions.chat_prompt, state, chat_body)
        # a JSONResponse as is: FastAPI's jsonable_encoder walks a 400k-id list in Python, on the event loop
        return JSONResponse({"tokens": ids, "count": len(ids), "max_model_len": state.engine.max_len})

    @app.post("/detokenize", **ROUTES["detokenize"])
    async def detokenize(request: Request):
        _, b = await body(request, DetokenizeRequest)
        if any(not 0 <= t < state.tokenizer.vocab_size for t in b.tokens):
            raise bad_request(f"token ids must be in [0, {state.tokenizer.vocab_size})", "tokens")
        return {"prompt": state.tokenizer.decode(b.tokens)}

    # Liveness: the process answers (restart it if not). Readiness: the model is loaded and the engine's
    # thread runs (send it traffic if so). /health is readiness, as load balancers probe it.
    @app.get("/health/live", **ROUTES["live"])
    async def live():
        return {"status": "alive", "model": state.model_name}

    @app.get("/health", **ROUTES["health"])
    @app.get("/health/ready", **ROUTES["health"])
    async def health():
        if not state.ready:
            reason = (f"the model failed to load: {state.load_error}" if state.load_error else
                      "the model is loading" if state.engine is None else "the engine has stopped")
            raise ApiError(503, reason, "server_error", code="not_ready")
        engine = state.engine
        return {"status": "ok", "model": state.model_name, "running": len(engine.running),
                "waiting": len(engine.waiting)}

    @app.get("/metrics", **ROUTES["metrics"])
    async def prometheus(request: Request):
        key_of(request, state.api_keys | state.metrics_keys)
        engine = state.engine
        text = metrics.render(engine.stats if engine else None, len(engine.waiting) if engine else 0, state.http,
                              state.ready, state.limiter.refused)
        if state.guard is not None:
            text += state.guard.metrics()
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4")

    @app.get("/", include_in_schema=False)
    async def index():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app


def _model_card(state: ServerState) -> dict:
    return {"id": state.model_name, "object": "model", "created": state.created, "owned_by": "nanoseek",
            "max_model_len": state.engine.max_len if state.engine else None}
