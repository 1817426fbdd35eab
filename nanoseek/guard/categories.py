"""The hazard categories of the MLCommons AI Safety taxonomy, numbered as Llama Guard 3 numbers them.

A verdict names one of these codes, so nanoseek's own classifier, operator rules and a Llama Guard 3 endpoint
all speak the same language, and a policy switches categories on and off by code.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "S1": "Violent Crimes",
    "S2": "Non-Violent Crimes",
    "S3": "Sex-Related Crimes",
    "S4": "Child Sexual Exploitation",
    "S5": "Defamation",
    "S6": "Specialized Advice",
    "S7": "Privacy",
    "S8": "Intellectual Property",
    "S9": "Indiscriminate Weapons",
    "S10": "Hate",
    "S11": "Suicide & Self-Harm",
    "S12": "Sexual Content",
    "S13": "Elections",
    "S14": "Code Interpreter Abuse",
}
CODES = list(CATEGORIES)


def check_code(code: str, where: str) -> str:
    if code not in CATEGORIES:
        raise ValueError(f"{where}: expected a category code S1..S14, found {code!r}")
    return code
