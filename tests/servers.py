"""Test support for the server tests: a rigged reasoning checkpoint and a live server on 127.0.0.1."""

import socket
import threading
import time
from pathlib import Path

import torch
import uvicorn
from helpers import small_config

import nanoseek
from nanoseek.engine import Engine
from nanoseek.model import Transformer
from nanoseek.serve.app import ServerState, create_app
from nanoseek.tokenizer import THINK_END, Tokenizer

REASONING = "Let me add those numbers"
ANSWER = "# It is four."  # a Markdown heading: the web chat renders it


def tokenizer() -> Tokenizer:
    texts = [f"{REASONING} {ANSWER}\n" * 50, "hello world, how are you? plain text for the tokenizer. " * 10]
    return Tokenizer.train(texts, vocab_size=300)


def rigged_checkpoint(directory: Path) -> Path:
    """A model that answers every chat with `<think>REASONING</think>ANSWER` then EOS, whatever it is asked.

    Every block's output is zeroed, so the last hidden state is the current token's embedding; the chain's
    tokens get orthogonal embeddings and the head maps each to the next one (a bigram table). The chat
    template's generation prompt ends in "\\n", the chain's first token. The MTP module is rigged the same
    way (it sees the next token's embedding only), so its drafts are right and speculation accepts them.
    """
    tok = tokenizer()
    chain = [tok.encode("\n")[-1]] + tok.encode(REASONING) + [tok.token_id(THINK_END)] + tok.encode(ANSWER)
    chain.append(tok.eos_id)
    assert len(set(chain)) == len(chain), "the rig needs distinct tokens along the chain"
    cfg = small_config(vocab_size=tok.vocab_size)
    torch.manual_seed(0)
    model = Transformer(cfg).eval()
    H = cfg.hidden_size
    with torch.no_grad():
        for layer in [*model.layers, *model.mtp]:
            layer.self_attn.o_proj.weight.zero_()
            mlp = layer.mlp
            if hasattr(mlp, "experts"):
                mlp.experts.down_proj.zero_()
                mlp.shared_experts.down_proj.weight.zero_()
            else:
                mlp.down_proj.weight.zero_()
        model.embed_tokens.weight.normal_(0, 0.01)
        model.lm_head.weight.zero_()
        for i, t in enumerate(chain):
            model.embed_tokens.weight[t] = torch.nn.functional.one_hot(torch.tensor(i), H).float()
            if i + 1 < len(chain):
                model.lm_head.weight[chain[i + 1]] = 10 * torch.nn.functional.one_hot(torch.tensor(i), H).float()
        eh = model.mtp[0].eh_proj.weight  # [H, 2H]: keep the embedding half, drop the hidden half
        eh.zero_()
        eh[:, :H] = torch.eye(H)
    nanoseek.save(model, directory)
    tok.save(directory)
    return directory


def pieces(server, text: str) -> list[str]:
    """Each token of text, as the server's tokenizer decodes it alone."""
    tok = server.state.tokenizer
    return [tok.decode([t]) for t in tok.encode(text)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a thread on 127.0.0.1:<free port>; stops itself on exit (bounded waits)."""

    def __init__(self, state: ServerState):
        self.state = state
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(state), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        if self.state.engine is not None:
            self.state.engine.stop(drain=False, timeout=10)


def serve(directory: Path, api_keys=(), **engine_kw) -> LiveServer:
    tok = Tokenizer.load(directory)
    state = ServerState(model_name="rigged", api_keys=set(api_keys))
    engine_kw = {"max_batch": 4, "max_len": 256, "threads": 1, **engine_kw}
    state.attach(Engine(nanoseek.load(directory, device="cpu"), tok, **engine_kw), tok)
    return LiveServer(state)
