"""DeepSeekMoE: shared experts + fine-grained routed experts, with DeepSeek-V3's gate or DeepSeek-V2's.

V3 routing (DeepSeek-V3 §2.1.2, `Gate`): s = sigmoid(u W_g^T). Selection uses s + b, where b is a per-expert
bias that only steers selection (e_score_correction_bias); experts are grouped, a group scores the sum of its
top-2, only the best topk_group groups stay eligible, then the top-k experts win. The mixing weights are the raw
s of the winners, normalised when norm_topk_prob, times routed_scaling_factor.

Balancing without an auxiliary loss: after every optimizer step each expert's bias moves by gamma toward
balance, b_i += gamma * sign(mean_load - load_i) (see `Gate.update_bias`). The optional sequence-wise
balance loss (alpha) is computed in training when aux_loss_alpha > 0.

V2 routing (DeepSeek-V2 §2.1.2 and §2.2.2, `SoftmaxGate`): s = softmax(u W_g^T) over all routed experts, no
bias. Greedy: the top-k of s win. Group-limited ("device-limited routing": a group is the experts of one
device): a group scores its best expert, only the best topk_group groups stay eligible, then the top-k of s.
The mixing weights are the winners' s times routed_scaling_factor, not renormalised. V2 balances with
auxiliary losses only (aux_loss_alpha).

Experts run as three grouped matmuls over tokens sorted by expert (`torch._grouped_mm`), not a Python loop
over experts: on CPU and GPU the expert path decides whether MoE wins on wall-clock time. Every top-k, id
ordering and product of the gates goes through the mode's ops (model/ops.py), so the engine routes with them.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ModelConfig
from .layers import MLP
from .ops import PLAIN, Ops

_NO_GROUPED_MM: set[tuple[str, torch.dtype]] = set()  # (device type, dtype) pairs the kernel refused


@torch.compiler.disable  # torch.compile's fake _grouped_mm takes bf16 only (torch 2.13): run it outside graphs
def grouped_mm(x: torch.Tensor, w: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
    """x [tokens, in] sorted by expert, w [experts, in, out], counts [experts] -> [tokens, out]."""
    if hasattr(torch, "_grouped_mm") and (x.device.type, x.dtype) not in _NO_GROUPED_MM:
        try:
            out = torch._grouped_mm(x, w, offs=counts.cumsum(0).to(torch.int32))
            if out.requires_grad:  # the CPU kernel's backward rejects expanded (stride-0) gradients
                out.register_hook(lambda g: g.contiguous())
            return out
        except RuntimeError:  # a dtype/device the kernel does not cover: the padded batched form from now on
            _NO_GROUPED_MM.add((x.device.type, x.dtype))
    # Equivalent without the kernel: scatter rows into a padded [experts, capacity, in] batch, one bmm.
    E, cap = w.shape[0], int(counts.max()) if counts.numel() else 0
    starts = counts.cumsum(0) - counts
    expert = torch.repeat_interleave(torch.arange(E, device=x.device), counts)
    slot = torch.arange(x.shape[0], device=x.device) - starts[expert]
    padded = x.new_zeros(E, cap, x.shape[1])
    padded[expert, slot] = x
    return torch.bmm(padded, w)[expert, slot]


class Router(nn.Module):
    """What both gates hold: the experts' centroids W_g [experts, hidden], and the tokens routed to each expert
    since the last balancing step (for balancing and logging)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.top_k, self.n_group, self.topk_group = cfg.num_experts_per_tok, cfg.n_group, cfg.topk_group
        self.scaling = cfg.routed_scaling_factor
        self.n_experts = cfg.n_routed_experts
        self.weight = nn.Parameter(torch.empty(cfg.n_routed_experts, cfg.hidden_size))
        self.register_buffer("load", torch.zeros(cfg.n_routed_experts, dtype=torch.float32), persistent=False)

    def count(self, experts: torch.Tensor) -> None:
        if self.training:
            with torch.no_grad():
                self.load += torch.bincount(experts.flatten(), minlength=self.n_experts).float()


class Gate(Router):
    """DeepSeek-V3's gate: sigmoid scores, bias-corrected group-limited top-k (topk_method noaux_tc)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.norm_topk_prob = cfg.norm_topk_prob
        # Kept in float32 whatever the model dtype: gamma = 0.001 steps vanish in bf16.
        self.register_buffer("e_score_correction_bias", torch.zeros(cfg.n_routed_experts, dtype=torch.float32))

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """x [tokens, hidden] -> weights [tokens, k], experts [tokens, k] (increasing ids), scores [tokens, experts]."""
        scores = ops.pointwise(torch.sigmoid, ops.mm(x.float(), self.weight.float()))
        biased = scores + self.e_score_correction_bias
        grouped = biased.view(-1, self.n_group, self.n_experts // self.n_group)
        group_scores = torch.where(ops.top(grouped, 2), grouped, 0.0).sum(-1)  # each group's top-2 sum
        allowed = ops.top(group_scores, self.topk_group).repeat_interleave(self.n_experts // self.n_group, dim=1)
        experts = ops.chosen(ops.top(biased.masked_fill(~allowed, float("-inf")), self.top_k), self.top_k)
        weights = scores.gather(1, experts)
        if self.norm_topk_prob:
            weights = weights / (weights.sum(-1, keepdim=True) + 1e-20)
        self.count(experts)
        return weights * self.scaling, experts, scores

    @torch.no_grad()
    def update_bias(self, gamma: float) -> float:
        """One auxiliary-loss-free step: b += gamma * sign(mean - load). Returns max/mean load before it."""
        load = self.load
        if load.sum() == 0:
            return 1.0
        imbalance = float(load.max() / load.mean())
        self.e_score_correction_bias += gamma * torch.sign(load.mean() - load)
        load.zero_()
        return imbalance


class SoftmaxGate(Router):
    """DeepSeek-V2's gate: softmax scores, greedy or group-limited top-k, no bias."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.group_limited = cfg.topk_method == "group_limited_greedy"

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """x [tokens, hidden] -> weights [tokens, k], experts [tokens, k] (increasing ids), scores [tokens, experts]."""
        scores = ops.mm(x.float(), self.weight.float()).softmax(dim=-1)  # s_i over all routed experts
        eligible = scores
        if self.group_limited:
            per_group = self.n_experts // self.n_group
            group_scores = scores.view(-1, self.n_group, per_group).amax(-1)  # a group's best expert
            allowed = ops.top(group_scores, self.topk_group).repeat_interleave(per_group, dim=1)
            eligible = scores.masked_fill(~allowed, float("-inf"))
        experts = ops.chosen(ops.top(eligible, self.top_k), self.top_k)
        self.count(experts)
        return scores.gather(1, experts) * self.scaling, experts, scores

    @torch.no_grad()
    def update_bias(self, gamma: float) -> float:
        """V2 has no routing bias to move (it balances with its auxiliary loss): returns max/mean load since the
        last call, and starts counting again."""
        load = self.load
        imbalance = 1.0 if load.sum() == 0 else float(load.max() / load.mean())
        load.zero_()
        return imbalance


class Experts(nn.Module):
    """n_routed_experts SwiGLU experts, weights stacked [experts, ...] (per-expert tensors on disk)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        E, h, i = cfg.n_routed_experts, cfg.hidden_size, cfg.moe_intermediate_size
        self.gate_up_proj = nn.Parameter(torch.empty(E, 2 * i, h))  # [experts, 2 * inter, hidden]: gate; up
        self.down_proj = nn.Parameter(torch.empty(E, h, i))  # [experts, hidden, inter]

    def forward(self, x: torch.Tensor, experts: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        """x [tokens, hidden], experts/weights [tokens, k] -> [tokens, hidden]."""
        T, k = experts.shape
        flat = experts.flatten()
        order = flat.argsort(stable=True)  # (token, slot) pairs sorted by expert
        token = order // k
        counts = torch.bincount(flat, minlength=self.gate_up_proj.shape[0])
        dtype = torch.get_autocast_dtype(x.device.type) if torch.is_autocast_enabled(x.device.type) else x.dtype
        xs = x.index_select(0, token).to(dtype)  # [tokens * k, hidden] (backward: one index_add)
        out = self.run_experts(xs, counts) * weights.flatten()[order, None].to(dtype)
        return torch.zeros_like(x).index_add_(0, token, out.to(x.dtype))

    def run_experts(self, xs: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
        """Each row of xs through its expert (expert parallelism overrides this to send rows to other ranks)."""
        return swiglu_experts(xs, self.gate_up_proj, self.down_proj, counts)


def swiglu_experts(xs: torch.Tensor, gate_up: torch.Tensor, down: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
    """xs [rows, hidden] sorted by expert, counts [experts] rows each -> [rows, hidden], in xs's dtype."""
    gate, up = grouped_mm(xs, gate_up.to(xs.dtype).transpose(1, 2), counts).chunk(2, dim=-1)
    return grouped_mm(F.silu(gate) * up, down.to(xs.dtype).transpose(1, 2), counts)


class MoE(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.gate = Gate(cfg) if cfg.scoring_func == "sigmoid" else SoftmaxGate(cfg)
        self.experts = Experts(cfg)
        self.shared_experts = (MLP(cfg.hidden_size, cfg.moe_intermediate_size * cfg.n_shared_experts)
                               if cfg.n_shared_experts else None)
        self.aux_alpha = cfg.aux_loss_alpha
        self.aux_loss: torch.Tensor | None = None  # sequence-wise balance loss of the last training forward

    def forward(self, x: torch.Tensor, ops: Ops = PLAIN) -> torch.Tensor:
        B, S, H = x.shape
        flat = x.reshape(-1, H)
        weights, experts, scores = self.gate(flat, ops)
        out = ops.experts(self.experts, flat, experts, weights).view(B, S, H)
        if self.shared_experts is not None:
            out = out + self.shared_experts(x, ops)
        self.aux_loss = (self.sequence_balance_loss(scores.view(B, S, -1), experts.view(B, S, -1))
                         if self.training and self.aux_alpha > 0 else None)
        return out

    def sequence_balance_loss(self, scores: torch.Tensor, experts: torch.Tensor) -> torch.Tensor:
        """alpha * sum_i f_i P_i per sequence (DeepSeek-V3 eq. 17-20), averaged over the batch.

        f_i = E / (k S) * (tokens of the sequence routed to i); P_i = mean over tokens of s_i / sum_j s_j.
        """
        B, S, E = scores.shape
        k = experts.shape[-1]
        counts = torch.zeros(B, E, device=scores.device).scatter_add_(
            1, experts.view(B, -1), torch.ones(B, S * k, device=scores.device))
        f = counts * E / (k * S)
        p = (scores / scores.sum(-1, keepdim=True)).mean(1)
        return self.aux_alpha * (f * p).sum(-1).mean()
