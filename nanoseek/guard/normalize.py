"""Undo the usual smuggling before judging: every decoding of a text that an attacker might have used.

`variants(text)` returns (how, text) pairs; the guard judges each and keeps the worst score, so a decoding that
does not apply costs one extra look at harmless text and nothing else. Decodings:
  clean     NFKC (full-width and mathematical letters -> ASCII), zero-width and bidi marks dropped, homoglyphs
            (Cyrillic/Greek look-alikes inside Latin words) mapped to Latin, s.p.a.c.e.d letters joined
  tags      text hidden in Unicode tag characters (U+E0020..U+E007E, invisible in most renderers)
  leet      digits and symbols inside words read as letters (h0w t0 m4k3 -> how to make)
  base64    runs of base64 that decode to readable UTF-8, decoded in place
  hex       runs of hex bytes (with or without spaces, 0x or \\x) that decode to readable UTF-8
  rot13     each sentence rotated where that gives more common English words than it had, in place (rotating
            plain text gives noise, and noise is what a classifier knows least about; a rot13 request inside an
            English jailbreak is decoded, the jailbreak around it kept)
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata

ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
TAGS = re.compile("[\U000e0000-\U000e007f]")
# Cyrillic and Greek letters that render like Latin ones (the common confusables; lower case after casefold)
HOMOGLYPHS = str.maketrans("аеорсухіјѕԁһӏԛԝαеοрτυνκιχ", "aeopcyxijsdhlqwaeoptuvkix")
LATIN = re.compile(r"[a-z]")
WORD = re.compile(r"\S+")
LEET = str.maketrans("013457@$!|+", "oieastasiit")
LEET_WORD = re.compile(r"(?=\S*[a-z])(?=\S*[0-9@$!|+])[a-z0-9@$!|+]+")
SPACED = re.compile(r"\b[a-z](?:[.\-_*][a-z]){2,}\b|(?<!\S)[a-z](?: [a-z]){3,}(?!\S)")
BASE64 = re.compile(r"[A-Za-z0-9+/]{12,}={0,2}")
COMMON = frozenset(
    "the a an to of and or in on for is are was be do does how what why i you me my it this that "
    "with can make give tell write explain step steps from at by your not".split()
)
CHUNK = re.compile(r"[^.!?\n]+")
HEX = re.compile(r"(?:(?:0x|\\x)?[0-9a-fA-F]{2}[\s,]?){6,}")


def _readable(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(c.isprintable() or c.isspace() for c in text)
    return text if text.strip() and printable >= 0.95 * len(text) else None


def _unhomoglyph(word: str) -> str:
    mapped = word.translate(HOMOGLYPHS)
    # only words that mix scripts: a whole Russian or Greek word is left as written
    return mapped if mapped != word and LATIN.search(word) else word


def clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = TAGS.sub("", ZERO_WIDTH.sub("", text)).casefold()
    text = WORD.sub(lambda m: _unhomoglyph(m.group()), text)
    return SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group()), text)


def hidden_tags(text: str) -> str:
    return "".join(chr(ord(c) - 0xE0000) for c in TAGS.findall(text) if 0x20 <= ord(c) - 0xE0000 < 0x7F)


def unleet(text: str) -> str:
    if not LEET_WORD.search(text):
        return text
    # a text with leet words: lone symbols are letters too ("m4k3 4 b0mb" -> "make a bomb")
    return re.sub(r"(?<!\S)[0-9@$!|+]+(?!\S)|" + LEET_WORD.pattern, lambda m: m.group().translate(LEET), text)


def _decode_runs(pattern: re.Pattern, decode, text: str) -> str:
    def one(m: re.Match) -> str:
        try:
            out = _readable(decode(m.group()))
        except (binascii.Error, ValueError):
            out = None
        return f" {out} " if out else m.group()

    return pattern.sub(one, text)


def unbase64(text: str) -> str:
    return _decode_runs(BASE64, lambda s: base64.b64decode(s + "=" * (-len(s) % 4)), text)


def unhex(text: str) -> str:
    return _decode_runs(HEX, lambda s: bytes.fromhex(re.sub(r"0x|\\x|[\s,]", "", s)), text)


def _common_words(text: str) -> int:
    return sum(w in COMMON for w in re.findall(r"[a-z]+", text))


def unrot13(text: str) -> str:
    """Each line or sentence rotated where that gives more common English words than it had, in place: a rot13
    payload inside an English jailbreak is decoded, and plain English (whose rotation is noise) is left alone."""

    def rotate(m: re.Match) -> str:
        part = m.group()
        rot = codecs.encode(part, "rot13")
        return rot if _common_words(rot) > _common_words(part) else part

    return CHUNK.sub(rotate, text)


def variants(text: str) -> list[tuple[str, str]]:
    """(decoding, text) for the clean text and every decoding that changes it; duplicates dropped."""
    base = clean(text)
    out = [("clean", base)]
    tags = hidden_tags(text)
    if tags:
        out.append(("tags", clean(tags)))
    # base64 and hex are case-sensitive: decode the original (zero-width marks removed), then clean
    raw = unicodedata.normalize("NFKC", ZERO_WIDTH.sub("", TAGS.sub("", text)))
    out += [("base64", clean(unbase64(raw))), ("hex", clean(unhex(raw))), ("leet", unleet(base))]
    rot = unrot13(base)
    if rot != base:
        out.append(("rot13", rot))
    seen, unique = set(), []
    for how, t in out:
        if t not in seen and t.strip():
            seen.add(t)
            unique.append((how, t))
    return unique
