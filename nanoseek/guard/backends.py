"""Guard backends behind one method: judge(texts, messages) -> {category code: score in [0, 1]}.

    ClassifierBackend   nanoseek's own classifier (guard/classifier.py): the worst score over all texts
    EndpointBackend     any OpenAI-compatible server running a Llama Guard model (e.g. Llama Guard 3 behind
                        vLLM): it answers "safe" or "unsafe\\nS1,S9", which becomes {"S1": 1.0, "S9": 1.0}

`texts` are the cleaned texts and their decodings (guard/normalize.py); `messages` the conversation as roles
and contents, which a Llama Guard model judges as a whole. A backend that cannot answer raises Unavailable.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

from .categories import CATEGORIES
from .classifier import DEFAULT_DIR, GuardClassifier


class Unavailable(Exception):
    """The backend could not give a verdict (unreachable, timed out, answered nonsense)."""


class ClassifierBackend:
    def __init__(self, directory: str | None = None):
        self.model = GuardClassifier.load(directory or DEFAULT_DIR)

    def judge(self, texts: list[str], messages: list[dict]) -> dict[str, float]:
        worst: dict[str, float] = {}
        for _, _, per in self.model.predict(texts):
            for code, p in per.items():
                worst[code] = max(worst.get(code, 0.0), p)
        return worst


# Llama Guard 3's own prompt (its model card), for servers that expose the raw model on /v1/completions
LLAMA_GUARD_PROMPT = """<|begin_of_text|><|start_header_id|>user<|end_header_id|>

Task: Check if there is unsafe content in '{role}' messages in conversations according our safety policy with the below categories.

<BEGIN UNSAFE CONTENT CATEGORIES>
{categories}
<END UNSAFE CONTENT CATEGORIES>

<BEGIN CONVERSATION>

{conversation}

<END CONVERSATION>

Provide your safety assessment for ONLY THE LAST {role} message in the above conversation:
 - First line must read 'safe' or 'unsafe'.
 - If unsafe, a second line must include a comma-separated list of violated categories.<|eot_id|><|start_header_id|>assistant<|end_header_id|>

"""  # noqa: E501 (the prompt as Llama Guard 3 was trained on it)
VERDICT = re.compile(r"^\s*(safe|unsafe)[ \t]*(?:\n\s*([S0-9,\s]+))?", re.IGNORECASE)


def llama_guard_prompt(messages: list[dict]) -> str:
    role = "Agent" if messages and messages[-1]["role"] == "assistant" else "User"
    conversation = "\n\n".join(f"{'Agent' if m['role'] == 'assistant' else 'User'}: {m['content']}" for m in messages)
    categories = "\n".join(f"{code}: {name}." for code, name in CATEGORIES.items())
    return LLAMA_GUARD_PROMPT.format(role=role, categories=categories, conversation=conversation)


def parse_verdict(text: str) -> dict[str, float]:
    m = VERDICT.match(text or "")
    if not m:
        raise Unavailable(f"the guard endpoint answered {text[:80]!r}; expected 'safe' or 'unsafe\\nS<n>'")
    if m.group(1).lower() == "safe":
        return {}
    codes = {c.strip().upper() for c in (m.group(2) or "").split(",")} & set(CATEGORIES)
    # "unsafe" without a category we know still blocks, whatever categories the policy has switched off
    return {c: 1.0 for c in codes} or {"unsafe": 1.0}


class EndpointBackend:
    """POST the conversation to base_url's /chat/completions (the server applies Llama Guard's chat template)
    or, with api "completions", Llama Guard's prompt built here to /completions."""

    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout: float = 10.0, api: str = "chat"):
        self.base_url, self.model, self.api_key, self.timeout, self.api = (
            base_url.rstrip("/"),
            model,
            api_key,
            timeout,
            api,
        )

    def judge(self, texts: list[str], messages: list[dict]) -> dict[str, float]:
        # the decodings go along as the last turn's extra lines: Llama Guard itself does not read base64 or rot13
        extra = [t for t in texts[1:] if t not in (m["content"] for m in messages)]
        if extra and messages:
            last = messages[-1]
            messages = messages[:-1] + [{**last, "content": last["content"] + "\n\n" + "\n".join(extra)}]
        if self.api == "chat":
            turns = [
                {"role": "assistant" if m["role"] == "assistant" else "user", "content": m["content"]} for m in messages
            ]
            body, path = (
                {"model": self.model, "messages": turns, "max_tokens": 16, "temperature": 0},
                "/chat/completions",
            )
        else:
            body, path = (
                {"model": self.model, "prompt": llama_guard_prompt(messages), "max_tokens": 16, "temperature": 0},
                "/completions",
            )
        request = urllib.request.Request(
            self.base_url + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read())
            choice = answer["choices"][0]
            text = choice["message"]["content"] if self.api == "chat" else choice["text"]
        except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError, TypeError) as e:
            raise Unavailable(f"guard endpoint {self.base_url}{path}: {type(e).__name__}: {e}") from None
        return parse_verdict(text)
