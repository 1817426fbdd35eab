"""Corpus sources, packing into token shards, and batch loaders (see shards.py for the on-disk layout)."""

from nanoseek.data.loader import Loader, val_batches
from nanoseek.data.shards import build, bytes_per_token, load_manifest, tokens, unigram_entropy, write_shards
from nanoseek.data.sources import default_corpus, documents

__all__ = ["Loader", "val_batches", "build", "bytes_per_token", "load_manifest", "tokens", "unigram_entropy",
           "write_shards", "default_corpus", "documents"]
