"""The network only: it knows nothing of training, the engine or the server."""

from .attention import MLA, LatentCache
from .moe import MoE
from .transformer import LossOutput, Transformer, mtp_targets

__all__ = ["MLA", "LatentCache", "MoE", "LossOutput", "Transformer", "mtp_targets"]
