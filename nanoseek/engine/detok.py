"""Token ids to streamed text: never half a UTF-8 character, and stop strings cut where they start.

Byte-level BPE tokens are bytes, and a character of 2-4 bytes can straddle tokens: decoding a token on its
own can end in an incomplete sequence, which the decoder shows as U+FFFD. So the text of the new tokens
is decoded together with a few tokens before them (from `prefix`), and held back while it ends in U+FFFD.
Text that might be the start of a stop string is held back too, until it is known not to be one.
"""

from __future__ import annotations

from ..tokenizer import Tokenizer

_INCOMPLETE = "\ufffd"


class TextStream:
    def __init__(self, tokenizer: Tokenizer, stop: tuple[str, ...] = ()):
        self.tokenizer = tokenizer
        self.stop = stop
        self.ids: list[int] = []
        self.prefix = 0  # ids[prefix:read] decode to complete text already counted in self.text
        self.read = 0
        self.text = ""  # all decoded text so far
        self.sent = 0  # characters of self.text already released
        self.stopped = False

    def _decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special=True)

    def push(self, token: int) -> str:
        """Add one token; return the text that is now safe to release (maybe "")."""
        self.ids.append(token)
        before = self._decode(self.ids[self.prefix:self.read])
        after = self._decode(self.ids[self.prefix:])
        if after.endswith(_INCOMPLETE) or len(after) <= len(before):
            return ""  # the rest of a character is still to come (or the token has no text, e.g. EOS)
        self.text += after[len(before):]
        self.prefix, self.read = self.read, len(self.ids)
        return self._release(final=False)

    def finish(self) -> str:
        """The stream ended (not on a stop string): release everything, incomplete bytes included."""
        tail = self._decode(self.ids[self.prefix:])[len(self._decode(self.ids[self.prefix:self.read])):]
        self.text += tail
        self.prefix = self.read = len(self.ids)
        return self._release(final=True)

    def _release(self, final: bool) -> str:
        if self.stop:
            # released text never ends in the start of a stop string, so one can only begin after it
            hits = [i for i in (self.text.find(s, self.sent) for s in self.stop) if i >= 0]
            if hits:
                end = min(hits)
                self.stopped = True
                self.text = self.text[:end]
                out, self.sent = self.text[self.sent:], end
                return out
            if not final:
                end = len(self.text) - self._held()
                out, self.sent = self.text[self.sent:end], max(self.sent, end)
                return out
        out, self.sent = self.text[self.sent:], len(self.text)
        return out

    def _held(self) -> int:
        return held_back(self.text, self.stop)


def held_back(text: str, needles) -> int:
    """Length of the longest tail of text that is a proper prefix of one of needles: the text a stream holds back
    until the next piece tells whether a needle (a stop string, `</think>`) starts there."""
    best = 0
    for s in needles:
        for n in range(min(len(s) - 1, len(text)), best, -1):
            if text.endswith(s[:n]):
                best = n
                break
    return best
