"""Serving: the OpenAI-compatible HTTP API with reasoning_content, the web chat, and the terminal chat."""
