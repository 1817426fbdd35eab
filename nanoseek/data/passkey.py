"""Passkey retrieval, the needle-in-a-haystack test of long context (Mohtashami & Jaggi 2023).

A five-digit key is hidden at a random depth of repeated filler sentences; the text ends by asking for it.
The model retrieves it only if attention reaches back across the whole context, so accuracy at lengths beyond
the trained one shows whether a context extension (YaRN, `nanoseek pretrain --yarn-factor`) worked.
`passkey_documents` gives training documents of the same shape (the key after the question), for a corpus
that should teach retrieval at the trained length before the context is extended.
"""

from __future__ import annotations

import random

FILLER = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again."
QUESTION = "What is the pass key? The pass key is"


def needle(key: str) -> str:
    return f"The pass key is {key}. Remember it. {key} is the pass key."


def haystack(key: str, fillers: int, depth: float) -> str:
    """`fillers` filler sentences with the key's sentence after round(depth * fillers) of them, then the
    question (the answer is " " + key)."""
    at = round(depth * fillers)
    parts = [FILLER] * at + [needle(key)] + [FILLER] * (fillers - at)
    return "There is important information hidden in this text. Find it and remember it.\n" + \
        " ".join(parts) + "\n" + QUESTION


def random_key(rng: random.Random) -> str:
    return str(rng.randrange(10_000, 100_000))


def passkey_documents(n: int, max_fillers: int, seed: int = 0) -> list[str]:
    """n training documents: haystacks of 1..max_fillers filler sentences, the key at a random depth, then the
    answer."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        key = random_key(rng)
        docs.append(f"{haystack(key, rng.randint(1, max_fillers), rng.random())} {key}.")
    return docs
