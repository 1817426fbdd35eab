"""Expert parallelism: the routed experts are split across ranks and tokens travel to them by all-to-all.

The stacked expert weights [experts, ...] become DTensors sharded on dim 0 over all ranks: with W ranks,
rank r holds experts [r E/W, (r + 1) E/W), the very slices FSDP2 would give it, so a checkpoint does not
depend on which of the two a run used. FSDP leaves these weights alone (ignored_params); instead of
gathering them, every MoE layer moves its tokens (`ExpertParallelExperts.run_experts`):
    1. the rows Experts.forward sorted by expert are already grouped by the rank holding their expert;
    2. all_to_all of the per-expert row counts, so every rank knows what it will receive and from whom;
    3. all_to_all of the rows; the received rows, re-sorted by local expert, go through the local experts
       (the same grouped SwiGLU as a single process);
    4. all_to_all of the results back, in the order they came; Experts.forward weights and sums them.
The all_to_alls are differentiable (torch's functional collectives): backward sends the gradients the
same way in reverse. Gradient scale: each rank's loss is the mean over its own tokens and FSDP averages
the other gradients over ranks, but an expert's gradient arrives summed over every rank's tokens; it is
divided by W so that both are gradients of the same global mean loss.
"""

from __future__ import annotations

import torch
import torch.distributed._functional_collectives as funcol
from torch import nn
from torch.distributed.device_mesh import DeviceMesh
from torch.distributed.tensor import Shard, distribute_tensor

from ..model.moe import Experts, swiglu_experts


class ExpertParallelExperts(Experts):
    """Experts whose stacked weights are sharded over `mesh`; same parameter names, so checkpoints match."""

    def __init__(self, experts: Experts, mesh: DeviceMesh):
        nn.Module.__init__(self)  # the weights come from `experts`, already initialised or loaded
        self.mesh = mesh
        self.gate_up_proj = nn.Parameter(distribute_tensor(experts.gate_up_proj.detach(), mesh, [Shard(0)]))
        self.down_proj = nn.Parameter(distribute_tensor(experts.down_proj.detach(), mesh, [Shard(0)]))

    def run_experts(self, xs: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
        """xs [rows, hidden] sorted by expert, counts [experts] (all experts) -> [rows, hidden]."""
        W = self.mesh.size()
        local = counts.numel() // W
        # received[s * local + e]: how many rows rank s sends to my local expert e
        received = funcol.all_to_all_single(counts, None, None, self.mesh).wait()
        send = counts.view(W, local).sum(1).tolist()
        recv = received.view(W, local).sum(1).tolist()
        rows = funcol.all_to_all_single(xs, recv, send, self.mesh)
        expert = torch.arange(local, device=xs.device).repeat(W).repeat_interleave(received)
        order = expert.argsort(stable=True)  # received rows (by source rank, then expert) -> by local expert
        gate_up, down = self.gate_up_proj.to_local(), self.down_proj.to_local()
        if gate_up.requires_grad:
            gate_up.register_hook(lambda g: g / W)
            down.register_hook(lambda g: g / W)
        out = swiglu_experts(rows[order], gate_up, down, received.view(W, local).sum(0))[order.argsort()]
        return funcol.all_to_all_single(out, send, recv, self.mesh)


def shard_experts(model: nn.Module, mesh: DeviceMesh) -> set[nn.Parameter]:
    """Make every MoE layer's experts expert-parallel over `mesh`; returns their weights (for FSDP to ignore)."""
    n, W = model.config.n_routed_experts, mesh.size()
    if n % W:
        raise ValueError(f"expert parallelism splits the {n} routed experts evenly across ranks, but the world "
                         f"size is {W}: use a world size that divides {n}, or train without --expert-parallel")
    params = set()
    for moe in model.moe_layers():
        moe.experts = ExpertParallelExperts(moe.experts, mesh)
        params |= set(moe.experts.parameters())
    return params
