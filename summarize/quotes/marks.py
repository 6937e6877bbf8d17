"""Quotation marks and sentence units: where quotes start and end inside a paragraph.

Double and single marks, straight and curly. An apostrophe (don't, Russia's, Richards')
is not a quote; a quote inside a quote is part of the outer one; an unclosed quote runs
to the end of its paragraph (the next paragraph may continue it) but never further, and
in a very long paragraph (a whole article on one line) only to the end of its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


_OPEN_CONTEXT = set(" \t\n([{—–-/:;‘“'\"") | {""}
_CLOSE_FOLLOW = set(" \t\n,.;:!?)]}—–-…'\"’”") | {""}
_SENT_END = re.compile(r"[.!?…][\"'”’]?\s+(?=[\"'“‘(]?[A-Z0-9])")
_RUNAWAY = 700  # an unclosed quote longer than this stops at its first sentence end

_ABBREV = set(
    _words(
        """
mr mrs ms dr prof sr jr st gov sen rep lt col gen maj capt cpl sgt adm cmdr pres supt det insp
hon rev fr mt ft vs v etc inc corp co ltd bros dept no jan feb mar apr jun jul aug sep sept oct
nov dec u.s u.k u.n e.u d.c a.m p.m n.y l.a st
"""
    )
)
_BOUNDARY = re.compile(r"(?:[.!?…]|\s\.)[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_DECADE = re.compile(r"\d\d(?:s|\b)")
_LAST_WORD = re.compile(r"([\w.]+)[.]$")


@dataclass(slots=True)
class Span:
    start: int  # index of the opening mark
    end: int  # index after the closing mark (or end of the quoted text if unclosed)
    inner_start: int
    inner_end: int
    closed: bool
    single: bool


def _prev(s: str, i: int) -> str:
    return s[i - 1] if i > 0 else ""


def _next(s: str, i: int) -> str:
    return s[i + 1] if i + 1 < len(s) else ""


def _unclosed_end(s: str, i: int) -> int:
    if len(s) - i <= _RUNAWAY:
        return len(s)
    m = _SENT_END.search(s, i + 1)
    return m.start() + 1 if m else min(len(s), i + _RUNAWAY)


def _double_close(s: str, i: int) -> int:
    """Index of the mark closing the double quote opened at i, or -1."""
    j = i + 1
    n = len(s)
    while j < n:
        c = s[j]
        if c == "”":
            return j
        if c == "“":
            # a new opening mark: the previous quote was left open
            return -1 if s[i] == "“" or _prev(s, j) in " \n" else j
        if c == '"':
            # A straight mark in opening position after a finished sentence starts a new
            # quote (a paragraph-continuation convention on one-line texts).
            if _prev(s, j) in " \n" and _next(s, j) not in " \n" and s[j - 2 : j - 1] in ".!?":
                return -1
            return j
        j += 1
    return -1


def _single_close(s: str, i: int) -> int:
    """Index of the mark closing the single quote opened at i, or -1."""
    first_weak = -1
    j = i + 1
    n = min(len(s), i + 1500)
    while j < n:
        c = s[j]
        if c in "’'":
            p, nx = _prev(s, j), _next(s, j)
            if p not in " \n" and nx in _CLOSE_FOLLOW:
                # "drivers' union": a plural possessive, unless nothing better follows
                weak = p in "sS" and nx == " " and s[j + 2 : j + 3].isalpha()
                if not weak:
                    return j
                if first_weak < 0:
                    first_weak = j
            elif p in _OPEN_CONTEXT and nx.isalnum() and first_weak >= 0:
                return first_weak
        elif c in "\n":
            break
        j += 1
    return first_weak


_TWO_APOS = re.compile(r"(?='')")


def _two_apos_closers(s: str) -> list[int]:
    """Start of every pair of apostrophes followed by what may follow a closing mark."""
    return [
        m.start()
        for m in _TWO_APOS.finditer(s)
        if s[m.start() + 2 : m.start() + 3] in _CLOSE_FOLLOW
    ]


def find_quotes(s: str) -> list[Span]:
    spans: list[Span] = []
    closers: list[int] | None = None  # for ''quotes'': found once per paragraph
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "“" or (
            c == '"'
            and _prev(s, i) in _OPEN_CONTEXT
            and (_next(s, i) not in " \n" or s[i - 2 : i - 1] in ".!?")
        ):
            j = _double_close(s, i)
            if j < 0:
                end = _unclosed_end(s, i)
                # stop before a new opening mark of a continuation
                k = s.find("“", i + 1, end)
                if k < 0:
                    k = s.find(' "', i + 1, end)
                    k = k + 1 if k >= 0 else -1
                if k > 0:
                    end = k
                spans.append(Span(i, end, i + 1, end, False, False))
                i = end
                continue
            spans.append(Span(i, j + 1, i + 1, j, True, False))
            i = j + 1
            continue
        if s.startswith("''", i) and _prev(s, i) in _OPEN_CONTEXT and s[i + 2 : i + 3].strip():
            # two apostrophes standing for a double quotation mark (''Like this,'' he said):
            # closed by the first pair after it that may close. Found by bisection in a
            # list made once (a search from each opening made a long paragraph quadratic);
            # a triple mark is itself such a closer, so the old search's step over its
            # middle mark (s.find("''", j + 2)) never skipped one: same result.
            if closers is None:
                closers = _two_apos_closers(s)
            k = bisect_left(closers, i + 2)
            j = closers[k] if k < len(closers) else -1
            if j > i + 2:
                spans.append(Span(i, j + 2, i + 2, j, True, False))
                i = j + 2
                continue
        if (
            c in "‘'"
            and _prev(s, i) in _OPEN_CONTEXT
            and (_next(s, i).isalnum() or _next(s, i) in "….")
            and not _DECADE.match(s, i + 1)  # "the '90s", "in '08": an apostrophe
        ):
            j = _single_close(s, i)
            if j > i + 1:
                spans.append(Span(i, j + 1, i + 1, j, True, True))
                i = j + 1
                continue
        i += 1
    return spans


def split_units(s: str, spans: list[Span]) -> list[tuple[int, int]]:
    """Sentence-like units of a paragraph; never split inside a quote."""
    cuts: list[int] = []
    starts = [sp.start for sp in spans]
    for m in _BOUNDARY.finditer(s):
        pos = m.end()
        p = m.start() + len(m.group(0).rstrip())
        k = bisect_right(starts, p - 1) - 1
        if k >= 0 and p < spans[k].end:
            continue
        w = _LAST_WORD.search(s, max(0, m.start() - 12), m.start() + 1)
        if w and s[m.start()] == ".":
            word = w.group(1).lower()
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        cuts.append(pos)
    out: list[tuple[int, int]] = []
    start = 0
    for c in cuts:
        if c > start:
            out.append((start, c))
            start = c
    if start < len(s):
        out.append((start, len(s)))
    return out
