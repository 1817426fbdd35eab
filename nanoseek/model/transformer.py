"""The DeepSeek-V3 network: embedding, decoder blocks (MLA + dense/MoE FFN), final norm, head, MTP modules.

The same modules make DeepSeek-V2 (config model_type deepseek_v2): its softmax gate (model/moe.py) and no MTP;
and DeepSeek-V3.2 (deepseek_v32): MLA over the keys a lightning indexer picks (model/indexer.py).
DeepSeek-V4 (deepseek_v4) swaps in its own blocks (model/block_v4.py: hybrid attention, mHC streams, hash-routed
MoE): the embedding is copied into hc_mult streams, which a HyperHead collapses before the final norm.
Module names follow Hugging Face's DeepseekV3/V2/V32/V4ForCausalLM (without their `model.` prefix), so checkpoint
conversion only has to split stacked experts and renumber the MTP modules (nanoseek/checkpoint.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ModelConfig
from .attention import LatentCache
from .block import DecoderLayer
from .block_v4 import DecoderLayerV4, MTPLayerV4
from .context import Context
from .hybrid_cache import HybridCache
from .indexer import STAGES, Indexer
from .layers import RMSNorm
from .mhc import HyperConnection, HyperHead
from .moe import Experts, Gate, MoE, Router
from .moe_v4 import HashGate
from .mtp import MTPLayer
from .ops import PLAIN, Ops
from .rope import RotaryEmbedding


@dataclass
class LossOutput:
    loss: torch.Tensor  # what to backpropagate: main + mtp_weight * mtp + balance
    main: torch.Tensor  # next-token cross-entropy (nats/token)
    mtp: torch.Tensor | None  # mean over MTP depths of their cross-entropies
    balance: torch.Tensor | None  # sum of the sequence-wise balance losses
    indexer: torch.Tensor | None = None  # DeepSeek-V3.2: mean over layers of the indexers' KL (a stage set)


class Transformer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.config = cfg
        v4 = cfg.model_type == "deepseek_v4"
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList((DecoderLayerV4 if v4 else DecoderLayer)(cfg, i)
                                    for i in range(cfg.num_hidden_layers))
        self.hc_head = HyperHead(cfg) if v4 else None
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.lm_head = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)
        self.rotary = RotaryEmbedding(cfg)
        self.mtp = nn.ModuleList((MTPLayerV4 if v4 else MTPLayer)(cfg, cfg.num_hidden_layers + k)
                                 for k in range(cfg.num_nextn_predict_layers))
        self.tie_weights()
        self.reset_parameters()

    def tie_weights(self):
        """The MTP heads share the main output head (DeepSeek-V3 §2.2); optionally the head is the embedding."""
        if self.config.tie_word_embeddings:
            self.lm_head.weight = self.embed_tokens.weight
        for layer in self.mtp:
            layer.shared_head.head = self.lm_head

    @torch.no_grad()
    def reset_parameters(self):
        if self.embed_tokens.weight.is_meta:
            return  # weights will be assigned by the checkpoint loader
        std = self.config.initializer_range
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=std)
                if getattr(m, "bias", None) is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, RMSNorm):
                nn.init.ones_(m.weight)
            elif isinstance(m, Router):
                nn.init.normal_(m.weight, std=std)
                if isinstance(m, Gate):
                    m.e_score_correction_bias.zero_()
            elif isinstance(m, Experts):
                nn.init.normal_(m.gate_up_proj, std=std)
                nn.init.normal_(m.down_proj, std=std)
            elif isinstance(m, (HyperConnection, HyperHead)):  # (biases 0, scales 1 from construction)
                nn.init.normal_(m.fn if isinstance(m, HyperConnection) else m.hc_fn, std=std)
        for i, layer in enumerate(self.layers):  # V4's hash routing: a fixed random table per layer
            if isinstance(getattr(getattr(layer, "ffn", None), "gate", None), HashGate):
                layer.ffn.gate.reset_table(seed=i)

    # forward passes
    def hidden_states(self, input_ids: torch.Tensor, ctx: Context | None = None) -> torch.Tensor:
        """input_ids [batch, seq] -> final-norm hidden states [batch, seq, hidden].

        ctx (model/context.py) says where the tokens sit: by default positions 0..seq-1 under causal attention;
        with a cache (`LatentCache.context`), after the cached tokens of its rows, attending on the absorbed path
        over the cached latents (the caller advances the cache; `forward` does); packed sequences give their
        positions and an attention function. Its ops say how the products are computed (model/ops.py).
        """
        if ctx is None:
            B, S = input_ids.shape
            ctx = Context(torch.arange(S, device=input_ids.device).expand(B, S))
        x = self.embed_tokens(input_ids)
        ctx = self.with_rope(ctx, x.dtype)
        if self.hc_head is not None:  # V4: hc_mult residual streams [B, S, n, hidden], hash routing by token id
            ctx.token_ids = input_ids
            x = x[:, :, None].expand(-1, -1, self.config.hc_mult, -1).contiguous()
        for layer in self.layers:
            x = layer(x, ctx)
        return self.norm(x if self.hc_head is None else self.hc_head(x, ctx.ops))

    def with_rope(self, ctx: Context, dtype: torch.dtype) -> Context:
        """ctx with the rotary tables of its positions (a new Context: a compiled caller's input stays as is)."""
        cos, sin = self.rotary(ctx.positions, dtype)
        return Context(ctx.positions, ctx.kv, ctx.pe, ctx.rows, ctx.visible, ctx.attention, ctx.ops, cos, sin,
                       index_k=ctx.index_k, row_slice=ctx.row_slice)

    def forward(self, input_ids: torch.Tensor, cache: LatentCache | HybridCache | None = None,
                rows: torch.Tensor | None = None) -> torch.Tensor:
        """input_ids [batch, seq] -> logits [batch, seq, vocab]; with a cache, continue rows `rows`."""
        if cache is None:
            return self.lm_head(self.hidden_states(input_ids))
        hidden = self.hidden_states(input_ids, cache.context(cache.positions(input_ids.shape[1], rows), rows))
        cache.advance(input_ids.shape[1], rows)
        return self.lm_head(hidden)

    def logits(self, hidden: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        return ops.linear(hidden, self.lm_head)

    def mtp_hidden(self, hidden: torch.Tensor, next_ids: torch.Tensor, ctx: Context, depth: int = 1) -> torch.Tensor:
        """MTP module `depth` at ctx's positions: the previous depth's hidden states at i [B, S, hidden] and the
        tokens at i + depth [B, S] -> its hidden states [B, S, hidden] (before its shared head's norm)."""
        layer = self.mtp[depth - 1]
        return layer(hidden, self.embed_tokens(next_ids), self.with_rope(ctx, hidden.dtype))

    def mtp_logits(self, input_ids: torch.Tensor, hidden: torch.Tensor) -> list[torch.Tensor]:
        """Logits of every MTP depth k = 1..D: entry k-1 is [batch, seq - k, vocab] and its position i
        predicts token i + k + 1 (the target of position i + k)."""
        B, S = input_ids.shape
        positions = torch.arange(S, device=input_ids.device).expand(B, S)
        out, h = [], hidden
        for k, layer in enumerate(self.mtp, start=1):
            h = self.mtp_hidden(h[:, :-1], input_ids[:, k:], Context(positions[:, : S - k]), k)
            out.append(layer.shared_head(h))
        return out

    def compute_loss(self, input_ids: torch.Tensor, targets: torch.Tensor, mtp_weight: float = 0.3,
                     ignore_index: int = -100) -> LossOutput:
        """Next-token loss (targets[b, i] is the token after input_ids[b, i]) plus the MTP and balance losses."""
        hidden = self.hidden_states(input_ids)
        main = F.cross_entropy(self.lm_head(hidden).flatten(0, 1).float(), targets.flatten(),
                               ignore_index=ignore_index)
        loss, mtp = main, None
        if self.mtp and mtp_weight > 0:
            depth_losses = [F.cross_entropy(logits.flatten(0, 1).float(), t.flatten(), ignore_index=ignore_index)
                            for logits, t in zip(self.mtp_logits(input_ids, hidden),
                                                 mtp_targets(targets, len(self.mtp)))]
            mtp = torch.stack(depth_losses).mean()
            loss = loss + mtp_weight * mtp
        balance = [m.aux_loss for m in self.moe_layers() if m.aux_loss is not None]
        balance = torch.stack(balance).sum() if balance else None
        if balance is not None:
            loss = loss + balance
        indexer = [ix.loss for ix in self.indexers() if ix.training_stage is not None and ix.loss is not None]
        indexer = torch.stack(indexer).mean() if indexer else None
        if indexer is not None:  # (its inputs are detached: it trains the indexers alone)
            warmup = any(ix.training_stage == "warmup" for ix in self.indexers())
            loss = indexer if warmup else loss + indexer  # warm-up: the model is frozen, only the indexers learn
        for ix in self.indexers():
            ix.loss = None
        return LossOutput(loss, main, mtp, balance, indexer)

    # DeepSeek-V3.2's indexer objective (model/indexer.py)
    def indexers(self) -> list[Indexer]:
        return [m for m in self.modules() if isinstance(m, Indexer)]

    def set_indexer_stage(self, stage: str | None) -> None:
        """"warmup" (dense attention, only the indexers learn, by KL to it), "sparse" (top-k attention, the
        indexers' KL beside the language-modelling loss) or None (no indexer loss). Counts in training mode."""
        if stage not in STAGES:
            raise ValueError(f"indexer stage must be one of {STAGES}; found {stage!r}")
        for ix in self.indexers():
            ix.stage = stage

    # load balancing
    def moe_layers(self) -> list[MoE]:
        return [m for m in self.modules() if isinstance(m, MoE)]

    def update_expert_bias(self, gamma: float) -> list[float]:
        """Auxiliary-loss-free balancing step for every MoE layer (call after each optimizer step).
        Returns each layer's max/mean expert load over the tokens seen since the last call."""
        return [m.gate.update_bias(gamma) for m in self.moe_layers()]

    def new_cache(self, batch: int, max_len: int, dtype: torch.dtype | None = None,
                  slack: int = 2) -> LatentCache | HybridCache:
        """A cache of batch rows x max_len positions on the model's device. slack (V4's HybridCache only: the
        latent cache keeps every position): how many positions a forward may write past a row's end, e.g. the
        right padding of a batched prefill (model/hybrid_cache.py)."""
        p = self.embed_tokens.weight
        if self.hc_head is not None:  # V4: sliding window + compressed entries
            return HybridCache(self.config, batch, max_len, dtype=dtype or p.dtype, device=p.device, slack=slack)
        return LatentCache(self.config, batch, max_len, dtype=dtype or p.dtype, device=p.device)


def mtp_targets(targets: torch.Tensor, depth: int) -> list[torch.Tensor]:
    """Targets of MTP depth k = 1..depth: targets[:, k:] (the token k + 1 places after each input position)."""
    return [targets[:, k:] for k in range(1, depth + 1)]
