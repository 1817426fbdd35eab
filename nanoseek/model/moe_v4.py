"""DeepSeek-V4's MoE: DeepSeekMoE (model/moe.py) with a new score, hash routing of the first layers, clamped SwiGLU.

Scores (scoring_func): s = sqrt(softplus(u W_g^T)) by default (sigmoid is read too). Learned layers
(`ScoreGate`, mlp_layer_types "moe"): the top-k of s + b win, b the auxiliary-loss-free balancing bias as in V3,
no expert groups. Hash layers (`HashGate`, "hash_moe"): a fixed table tid2eid [vocab, k] names each token id's
experts, whatever the hidden state; s still weighs them. Either way the winners' s are renormalised and scaled by
routed_scaling_factor. The experts and the shared expert clamp their SwiGLU pre-activations: gate <= limit,
|up| <= limit.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ModelConfig
from .layers import MLP
from .moe import Experts, Gate, MoE, Router, grouped_mm
from .ops import PLAIN, Ops, silu_mul

SCORES = {"sqrtsoftplus": lambda u: F.softplus(u).sqrt(), "sigmoid": torch.sigmoid}


class ScoreGate(Gate):
    """Learned top-k over all experts of s + b (b: e_score_correction_bias, moved by Gate.update_bias)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.score = SCORES[cfg.scoring_func]

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN, token_ids: torch.Tensor | None = None):
        """x [tokens, hidden] -> weights [tokens, k], experts [tokens, k] (increasing ids), scores [tokens, experts]."""
        scores = ops.pointwise(self.score, ops.mm(x.float(), self.weight.float()))
        experts = ops.chosen(ops.top(scores + self.e_score_correction_bias, self.top_k), self.top_k)
        return mix(self, scores, experts)


def mix(gate: Router, scores: torch.Tensor, experts: torch.Tensor):
    """The chosen experts' scores, renormalised and scaled; counted for balancing."""
    weights = scores.gather(1, experts)
    weights = weights / (weights.sum(-1, keepdim=True) + 1e-20)
    gate.count(experts)
    return weights * gate.scaling, experts, scores


class HashGate(Router):
    """Experts chosen by token id from a fixed table (tid2eid, stored with the weights); no bias to balance."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.score = SCORES[cfg.scoring_func]
        self.register_buffer("tid2eid", torch.zeros(cfg.vocab_size, cfg.num_experts_per_tok, dtype=torch.long))

    @torch.no_grad()
    def reset_table(self, seed: int) -> None:
        """A fixed random hash: k distinct experts per token id (deterministic in seed)."""
        g = torch.Generator().manual_seed(seed)
        table = torch.rand(self.tid2eid.shape[0], self.n_experts, generator=g).argsort(-1)[:, : self.top_k]
        self.tid2eid.copy_(table)

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN, token_ids: torch.Tensor | None = None):
        if token_ids is None:
            raise ValueError("a hash-routed MoE layer (mlp_layer_types 'hash_moe') needs the token ids")
        scores = ops.pointwise(self.score, ops.mm(x.float(), self.weight.float()))
        return mix(self, scores, self.tid2eid[token_ids.reshape(-1)].long())

    @torch.no_grad()
    def update_bias(self, gamma: float) -> float:
        """Nothing to move (the table is fixed): max/mean load since the last call, and count afresh."""
        load = self.load
        imbalance = 1.0 if load.sum() == 0 else float(load.max() / load.mean())
        load.zero_()
        return imbalance


class ClampedExperts(Experts):
    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.limit = cfg.swiglu_limit

    def run_experts(self, xs: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
        gate, up = grouped_mm(xs, self.gate_up_proj.to(xs.dtype).transpose(1, 2), counts).chunk(2, dim=-1)
        return grouped_mm(silu_mul(gate, up, self.limit), self.down_proj.to(xs.dtype).transpose(1, 2), counts)


class ClampedMLP(MLP):
    def __init__(self, hidden_size: int, intermediate_size: int, limit: float):
        super().__init__(hidden_size, intermediate_size)
        self.limit = limit

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        return ops.linear(silu_mul(ops.linear(x, self.gate_proj), ops.linear(x, self.up_proj), self.limit),
                          self.down_proj)


class MoEV4(MoE):
    def __init__(self, cfg: ModelConfig, layer_idx: int):
        nn.Module.__init__(self)
        hashed = layer_idx < cfg.num_hidden_layers and cfg.mlp_layer_types[layer_idx] == "hash_moe"
        self.gate = HashGate(cfg) if hashed else ScoreGate(cfg)
        self.experts = ClampedExperts(cfg)
        self.shared_experts = ClampedMLP(cfg.hidden_size, cfg.moe_intermediate_size, cfg.swiglu_limit)
        self.aux_alpha = cfg.aux_loss_alpha
        self.aux_loss: torch.Tensor | None = None
        self.layer_idx = layer_idx

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN, token_ids: torch.Tensor | None = None) -> torch.Tensor:
        B, S, H = x.shape
        flat = x.reshape(-1, H)
        weights, experts, scores = self.gate(flat, ops, token_ids)
        out = ops.experts(self.experts, flat, experts, weights).view(B, S, H) + self.shared_experts(x, ops)
        self.aux_loss = (self.sequence_balance_loss(scores.view(B, S, -1), experts.view(B, S, -1))
                         if self.training and self.aux_alpha > 0 else None)
        return out
