"""Inference: latent KV cache decoding and sampling. Knows nothing of the server."""

from .generate import generate
from .sampling import SamplingParams, sample

__all__ = ["generate", "SamplingParams", "sample"]
