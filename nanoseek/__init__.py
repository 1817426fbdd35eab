"""nanoseek: the DeepSeek system in compact PyTorch.

    import nanoseek
    model = nanoseek.load("runs/tiny/final")          # config.json + safetensors (Hugging Face layout)
    logits = model(input_ids)                         # [batch, seq, vocab]
    nanoseek.save(model, "out/")
"""

from .checkpoint import CheckpointError, load, save
from .config import ConfigError, ModelConfig
from .model import Transformer
from .presets import PRESETS, get_preset

__all__ = ["load", "save", "ModelConfig", "PRESETS", "get_preset", "Transformer", "CheckpointError",
           "ConfigError"]
__version__ = "0.1.0"
