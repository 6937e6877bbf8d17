"""Name look-ups in an article without rescanning it for every name.

Who-said-what asks the same article, once per speaker or pronoun, where a name occurs
(``re.finditer(r"\\bLee\\b", text)``). Each such scan reads the whole text, and the number
of names grows with the text, so long articles took quadratic time. Here the text's words
(maximal ``\\w`` runs) are indexed once; a look-up tries the name's regex only where its
first (or last) word stands, and returns exactly the matches ``re.finditer`` would, in the
same order, without overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_RUN = re.compile(r"\w+")  # a word; also what a name starts with
_TRAIL = re.compile(r"\w+\Z")


class WordIndex:
    """Start offsets of every word of ``text``, built on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None
        self.memo: dict[tuple[str, str], object] = {}  # per-article results of pure look-ups

    def starts(self, word: str) -> list[int]:
        if self._starts is None:
            idx: dict[str, list[int]] = {}
            for m in _RUN.finditer(self.text):
                idx.setdefault(m.group(0), []).append(m.start())
            self._starts = idx
        return self._starts.get(word, [])

    def word_matches(self, name: str, tail: str = "") -> Iterator[re.Match[str]]:
        """``re.finditer(r"\\b" + re.escape(name) + r"\\b" + tail, text)``."""
        pat = re.compile(r"\b" + re.escape(name) + r"\b" + tail)
        lead = _RUN.match(name)
        if lead is None:  # the name does not start with a word character: scan
            yield from pat.finditer(self.text)
            return
        # \b before a word character: a match starts where a word starts, and the \b
        # after it (or the name's own non-word character) makes that word the name's first
        yield from _nonoverlapping(pat, self.text, self.starts(lead.group(0)), 0)

    def suffix_matches(self, name: str) -> Iterator[re.Match[str]]:
        """``re.finditer(re.escape(name) + r"\\b", text)`` for a name of several words."""
        pat = re.compile(re.escape(name) + r"\b")
        trail = _TRAIL.search(name)
        if trail is None or trail.start() == 0:  # one word: it may start inside another
            yield from pat.finditer(self.text)
            return
        # the last word follows a non-word character of the name and ends at \b: it is
        # a whole word of the text
        back = len(name) - len(trail.group(0))
        yield from _nonoverlapping(pat, self.text, self.starts(trail.group(0)), back)


def _nonoverlapping(
    pat: re.Pattern[str], text: str, starts: list[int], back: int
) -> Iterator[re.Match[str]]:
    end = 0
    for s in starts:
        pos = s - back
        if pos < end:  # finditer resumes after the previous match
            continue
        m = pat.match(text, pos)  # \b sees the real text before pos
        if m is not None:
            end = m.end()
            yield m


class KnownNames:
    """Short names ("Lee") standing for full ones, found in a piece of text by its words."""

    def __init__(self, known: dict[str, str]) -> None:
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        self._scan: list[tuple[str, str]] = []  # names not starting with a word character
        self._pats: dict[str, re.Pattern[str]] = {}
        for short, full in known.items():
            lead = _RUN.match(short)
            if lead is None:
                self._scan.append((short, full))
            else:
                self._by_first.setdefault(lead.group(0), []).append((short, full))

    def _pat(self, short: str) -> re.Pattern[str]:
        p = self._pats.get(short)
        if p is None:
            p = self._pats[short] = re.compile(r"\b" + re.escape(short) + r"\b")
        return p

    def find(self, text: str) -> list[tuple[int, str]]:
        """(offset, full name) of every ``\\bshort\\b`` in ``text``, unsorted."""
        found: list[tuple[int, str]] = []
        # the words of the text that begin some name (a set operation: usually none)
        for first in self._by_first.keys() & set(_RUN.findall(text)):
            # where that word stands as a whole word; each name starting with it is tried
            # there, its matches kept apart as finditer keeps them
            starts = [w.start() for w in re.finditer(r"\b" + re.escape(first) + r"\b", text)]
            for short, full in self._by_first[first]:
                found.extend(
                    (m.start(), full) for m in _nonoverlapping(self._pat(short), text, starts, 0)
                )
        for short, full in self._scan:
            for m in self._pat(short).finditer(text):
                found.append((m.start(), full))
        return found
