"""Inference: continuous batching over the latent cache, sampling, MTP speculation. Knows nothing of the server."""

from .engine import Engine, EngineClosed, QueueFull
from .generate import generate
from .request import Channel, Event, Request, TokenLogprob
from .sampling import SamplingParams, sample

__all__ = ["Engine", "EngineClosed", "QueueFull", "Channel", "Event", "Request", "TokenLogprob", "generate",
           "SamplingParams", "sample"]
