"""Exports for other runtimes: GGUF for llama.cpp / Ollama (gguf.py), Hugging Face checkpoints (hf.py), and
the `nanoseek quantize` / `nanoseek export` commands (commands.py)."""
