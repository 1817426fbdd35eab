"""Scale-out on PyTorch's own machinery: torchrun's environment, FSDP2, expert parallelism, DCP checkpoints.

    torchrun --nproc_per_node 8 -m nanoseek pretrain --preset base ...      (docs/distributed.md: nodes, SLURM)

torchrun starts one process per device and gives each RANK, WORLD_SIZE and LOCAL_RANK; `distributed` reads
them, joins the process group (NCCL on GPUs, gloo on CPUs) and puts the process on cuda:LOCAL_RANK. Without
torchrun (WORLD_SIZE unset or 1) every function here hands the single-process path back unchanged.

Data parallelism is FSDP2 (`fully_shard`) over a 1-D DeviceMesh of all ranks: each decoder layer, then the
rest (embedding, head, MTP), is sharded on dim 0, gathered for its forward and backward, and its gradients
reduce-scattered, averaged over ranks. On GPUs the layers compute in bf16 and reduce in float32
(MixedPrecisionPolicy); on CPUs autocast does it, as in one process. Each rank reads its own slice of the data,
so batch_size is per rank and the global batch is batch_size x world size x grad_accum. With
expert_parallel the routed experts are split across the ranks instead (nanoseek/train/expert_parallel.py).

Checkpoints of a run with several ranks (or --dcp) are torch.distributed.checkpoint (DCP) directories: every
rank writes its own shards, rank 0 the metadata, config.json, the tokenizer and trainer_state.pt (step, data
position, RNG); train/runstate.py owns them, with the single-process ones.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict
from torch.distributed.device_mesh import DeviceMesh, init_device_mesh
from torch.distributed.fsdp import FSDPModule, MixedPrecisionPolicy, fully_shard, register_fsdp_forward_method
from torch.distributed.tensor import DTensor

from ..checkpoint import materialize_buffers
from ..model import Transformer
from .expert_parallel import ExpertParallelExperts, shard_experts

# DCP in one process (a resume at world size 1, `nanoseek convert`) is intended, not a slip: no warning for it
warnings.filterwarnings("ignore", message="torch.distributed is disabled, unavailable or uninitialized")


@dataclass
class World:
    """This process's place in the run: rank `rank` of `size`, on `device`; one process is rank 0 of 1."""
    device: torch.device
    rank: int = 0
    size: int = 1
    mesh: DeviceMesh | None = None

    @property
    def main(self) -> bool:
        return self.rank == 0

    def sum(self, values: list[float]) -> list[float]:
        """Each value summed over all ranks (one all_reduce)."""
        if self.size == 1:
            return list(values)
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return t.tolist()

    def barrier(self) -> None:
        if self.size > 1:
            dist.barrier()


@contextlib.contextmanager
def distributed(device: torch.device):
    """The World of this process, from torchrun's environment (in the process group while inside the block)."""
    size = int(os.environ.get("WORLD_SIZE", "1"))
    if size == 1:
        yield World(device)
        return
    rank, local = int(os.environ["RANK"]), int(os.environ["LOCAL_RANK"])
    if device.type == "cuda":
        if local >= torch.cuda.device_count():
            raise RuntimeError(f"LOCAL_RANK {local} needs cuda:{local}, but this node has "
                               f"{torch.cuda.device_count()} GPU(s): start at most that many processes per node")
        device = torch.device("cuda", local)
        torch.cuda.set_device(device)
    started = not dist.is_initialized()
    if started:  # gloo too on GPUs, for the CPU-side collectives DCP does
        dist.init_process_group("cuda:nccl,cpu:gloo" if device.type == "cuda" else "gloo")
    try:
        yield World(device, rank, size, init_device_mesh(device.type, (size,)))
        if started:  # every rank done before any tears its group down (a rank once aborted in gloo's teardown)
            dist.barrier()
    finally:
        if started:
            dist.destroy_process_group()


def parallelize(model: Transformer, world: World, dtype: str, expert_parallel: bool = False) -> Transformer:
    """FSDP2 across all ranks (routed experts split across them with expert_parallel); one process: as is."""
    if world.size == 1:
        return model
    experts = shard_experts(model, world.mesh) if expert_parallel else set()
    mp = MixedPrecisionPolicy()  # on CPUs bf16 comes from autocast, as in one process
    if world.device.type == "cuda" and dtype == "bf16":  # layers run in bf16, gradients reduced in float32
        mp = MixedPrecisionPolicy(param_dtype=torch.bfloat16, reduce_dtype=torch.float32)
    for layer in model.layers:
        fully_shard(layer, mesh=world.mesh, mp_policy=mp, ignored_params=experts)
    # the MTP modules stay in the root group: their output head is the main one (lm_head), which the root owns
    fully_shard(model, mesh=world.mesh, mp_policy=mp, ignored_params=experts)
    register_fsdp_forward_method(model, "compute_loss")  # FSDP gathers parameters around forward-like methods
    return model


def set_gradient_sync(model: Transformer, enabled: bool) -> None:
    """Reduce gradients across ranks only on the last micro-batch of an accumulated step."""
    if isinstance(model, FSDPModule):
        model.set_requires_gradient_sync(enabled)


def clip_grad_norm(model: Transformer, max_norm: float) -> float:
    """Clip to the global gradient norm (over every rank's shards) and return that norm. As clip_grad_norm_,
    but the gradients are scaled only when that changes them: it multiplies every gradient by
    min(1, max_norm / (norm + 1e-6)) even when that is 1, a pass over all of them (~3 ms of a 16-row GRPO
    step on the tiny preset)."""
    params = [p for p in model.parameters() if p.grad is not None]
    norm = torch.nn.utils.get_total_norm([p.grad for p in params])
    value = float(norm.full_tensor() if isinstance(norm, DTensor) else norm)
    if not value + 1e-6 <= max_norm:  # (a non-finite norm too, as clip_grad_norm_ does)
        torch.nn.utils.clip_grads_with_norm_(params, max_norm, norm)
    return value


def reduce_expert_load(model: Transformer, world: World) -> dict:
    """Sum every gate's token counts over ranks, so all ranks move the expert biases identically.

    Returns the figures for the log: each rank's own routing imbalance (max / mean expert load, mean over
    MoE layers) and, with expert parallelism, max / mean of the rows each rank's experts processed.
    """
    gates = [m.gate for m in model.moe_layers()]
    if world.size == 1 or not gates:
        return {}
    load = torch.stack([g.load for g in gates])  # [layers, experts]
    mine = torch.zeros(world.size, device=load.device)
    mine[world.rank] = (load.amax(1) / load.mean(1).clamp(min=1e-9)).mean()
    total = torch.cat([load.flatten(), mine])
    dist.all_reduce(total)
    load, per_rank = total[:load.numel()].view_as(load), total[load.numel():]
    for gate, counts in zip(gates, load):
        gate.load.copy_(counts)
    out = {"expert_imbalance_per_rank": [round(x, 4) for x in per_rank.tolist()]}
    if isinstance(model.moe_layers()[0].experts, ExpertParallelExperts):
        served = load.view(len(gates), world.size, -1).sum(2)  # [layers, ranks]
        out["rank_load_imbalance"] = float((served.amax(1) / served.mean(1).clamp(min=1e-9)).mean())
    return out


def full_model(model: Transformer, world: World) -> Transformer | None:
    """The whole model as a plain Transformer on rank 0's CPU (None on the others; collective)."""
    if world.size == 1:
        return model
    sd = get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
    if not world.main:
        return None
    with torch.device("meta"):
        plain = Transformer(model.config)
    plain.load_state_dict(sd, assign=True)
    plain.tie_weights()
    materialize_buffers(plain, torch.device("cpu"))
    return plain
