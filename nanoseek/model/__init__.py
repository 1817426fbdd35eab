"""The network only: it knows nothing of training, the engine or the server."""

from .attention import MLA, LatentCache, SharedPromptAttention
from .context import Context
from .moe import MoE
from .ops import KEY_BLOCK, Compiled, CompiledGemm, Invariant, Ops
from .transformer import LossOutput, Transformer, mtp_targets

__all__ = ["MLA", "LatentCache", "SharedPromptAttention", "Context", "MoE", "Ops", "Invariant", "Compiled",
           "CompiledGemm", "KEY_BLOCK", "LossOutput", "Transformer", "mtp_targets"]
