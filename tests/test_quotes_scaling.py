"""Who-said-what stays linear on long texts: counted work, never timed.

Long articles were quadratic because every name (and every pronoun) was looked up by a
regex scan of the whole text. Name look-ups now go through a word index
(summarize/quotes/name_index.py); these tests check that it finds exactly what the regex
scans found, and that the number of whole-text scans does not grow with the number of
people in the text.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summarize.quotes as quotes
import summarize.quotes.speakers as speakers_stage
from summarize._document import Document, Paragraph
from summarize._model import Statement
from summarize.quotes.name_index import KnownNames, WordIndex

# --- the index finds what re.finditer finds -----------------------------------------------

_PIECES = ["Lee", "Ann", "O'Lee", "Lee-Ann", "ann", "Jr.", " ", ", ", "’s", "'", "-", "é", "\n"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
_names = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join)


def _spans(it: Any) -> list[tuple[int, int]]:
    return [m.span() for m in it]


@settings(max_examples=300, deadline=None)
@given(_texts, _names)
def test_word_matches_equal_finditer(text: str, name: str) -> None:
    idx = WordIndex(text)
    for tail in ("", r"(?![’'])"):
        want = re.finditer(r"\b" + re.escape(name) + r"\b" + tail, text)
        assert _spans(idx.word_matches(name, tail)) == _spans(want)
    want = re.finditer(re.escape(name) + r"\b", text)
    assert _spans(idx.suffix_matches(name)) == _spans(want)


@settings(max_examples=200, deadline=None)
@given(_texts, st.dictionaries(_names, st.sampled_from(["A B", "C D"]), max_size=4))
def test_known_names_equal_finditer(text: str, known: dict[str, str]) -> None:
    want = [
        (m.start(), full)
        for short, full in known.items()
        for m in re.finditer(r"\b" + re.escape(short) + r"\b", text)
    ]
    assert sorted(KnownNames(known).find(text)) == sorted(want)


def test_overlapping_occurrences_are_skipped_like_finditer() -> None:
    text = "a'a'a a'a"
    assert _spans(WordIndex(text).word_matches("a'a")) == _spans(re.finditer(r"\ba'a\b", text))


# --- whole-text scans do not grow with the number of people -------------------------------

_FIRST = ["Ana", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas"]
_LAST = ["Abara", "Brandt", "Castell", "Dorsey", "Eklund", "Fonseca", "Gartner", "Halloran"]


def _article(people: int) -> Document:
    paras = []
    for i in range(people):
        first, last = _FIRST[i % len(_FIRST)], _LAST[i // len(_FIRST) % len(_LAST)]
        last += "" if i < len(_FIRST) * len(_LAST) else str(i)
        pron = "she" if i % 2 else "he"
        paras.append(
            f'"The bridge will open in May," {first} {last}, the city engineer, said. '
            f"{last} added that the budget was safe. "
            f'"It is done," {pron} said. The agency said costs had risen.'
        )
    return Document(None, [Paragraph(i, p) for i, p in enumerate(paras)])


class _Counter:
    def __init__(self, wide: int) -> None:
        self.wide = wide
        self.scans = 0

    def note(self, string: object, pos: int = 0, endpos: int | None = None) -> None:
        if isinstance(string, str):
            end = len(string) if endpos is None else min(endpos, len(string))
            if end - pos >= self.wide:
                self.scans += 1


class _CountingPattern:
    def __init__(self, pat: re.Pattern[str], counter: _Counter) -> None:
        self._pat = pat
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._pat, name)
        if name in {"search", "match", "fullmatch", "finditer", "findall"}:

            def scan(string: str, pos: int = 0, endpos: int | None = None) -> Any:
                if name not in {"match", "fullmatch"}:  # anchored: reads only what matches
                    self._counter.note(string, pos, endpos)
                return attr(string, pos) if endpos is None else attr(string, pos, endpos)

            return scan
        if name in {"sub", "subn", "split"}:

            def other(*args: Any, **kw: Any) -> Any:
                self._counter.note(args[1] if name != "split" else args[0])
                return attr(*args, **kw)

            return other
        return attr


def _counting_re(counter: _Counter) -> SimpleNamespace:
    def compile_(pattern: Any, flags: int = 0) -> Any:
        return _CountingPattern(re.compile(pattern, flags), counter)

    def via(method: str) -> Any:
        return lambda pattern, string, *a, **kw: getattr(compile_(pattern), method)(
            string, *a, **kw
        )

    ns = SimpleNamespace(**{k: getattr(re, k) for k in dir(re) if not k.startswith("__")})
    ns.compile = compile_
    for m in ("search", "match", "fullmatch", "finditer", "findall"):
        setattr(ns, m, via(m))
    ns.sub = lambda pattern, repl, string, *a, **kw: compile_(pattern).sub(repl, string, *a, **kw)
    return ns


def _stages() -> list[Any]:
    """Every module of the who-said-what pipeline (each may scan the text)."""
    pkg = Path(quotes.__file__).parent
    return [
        importlib.import_module(f"summarize.quotes.{f.stem}")
        for f in sorted(pkg.glob("*.py"))
        if f.stem != "__init__"
    ]


def _whole_text_scans(monkeypatch: pytest.MonkeyPatch, people: int) -> int:
    counter = _Counter(wide=2000)  # paragraphs are ~190 characters: only whole-text scans
    with monkeypatch.context() as mp:
        for mod in _stages():
            if hasattr(mod, "re"):
                mp.setattr(mod, "re", _counting_re(counter))
            for key, val in vars(mod).items():
                if isinstance(val, re.Pattern):
                    mp.setattr(mod, key, _CountingPattern(val, counter))
        speakers = quotes.extract_speakers(_article(people))
    assert len(speakers) >= people  # the text was really analysed
    return counter.scans


def test_whole_text_scans_do_not_grow_with_the_people(monkeypatch: pytest.MonkeyPatch) -> None:
    few = _whole_text_scans(monkeypatch, 30)
    many = _whole_text_scans(monkeypatch, 120)
    assert few > 0  # the counting works
    assert many == few


def test_statement_dedup_is_not_pairwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """One speaker with many statements: duplicates are found by hashing, not by comparing
    each new statement with all the earlier ones."""
    compared = 0

    class _Counted(Statement):
        __slots__ = ()

        def __eq__(self, other: object) -> bool:
            nonlocal compared
            compared += 1
            return Statement.__eq__(self, other)

        __hash__ = Statement.__hash__

    monkeypatch.setattr(speakers_stage, "Statement", _Counted)
    lines = [f"RUIZ: Well, item number {i} is what we will do next." for i in range(300)]
    doc = Document(None, [Paragraph(i, p) for i, p in enumerate(lines)])
    speakers = quotes.extract_speakers(doc)
    assert sum(len(sp.statements) for sp in speakers) == 300
    assert compared < 300
