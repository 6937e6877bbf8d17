"""Offline sentence splitting and word tokenising (no nltk data downloads).

nltk's Punkt *code* is used with parameters this module builds itself (an abbreviation
list and common sentence starters), so nothing is read from nltk's downloadable data directory. Word
tokens come from a cheap regex (for ranking) or nltk's Treebank tokenizer (which
needs no data either); stop words are sumy's shipped English list; stems are Snowball.
nltk is imported lazily so ``import summarize`` stays light.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

# Lower-case Punkt "types" (the token without its final period) that never end a sentence
# by themselves. Words that often end sentences ("ill", "miss", "sat", "sun") are left out.
_ABBREVIATIONS = """
mr mrs ms mssrs messrs dr prof sr jr st gov govs sen sens rep reps lt col gen maj capt cpl
sgt adm cmdr cdr pres supt det insp hon rev fr mt ft ave blvd rd vol vols vs v etc
inc corp co ltd llc plc bros dept univ approx fig figs jan feb apr jun jul aug sep
sept oct nov dec mon tue tues thu thur thurs fri u.s u.s.a u.k u.n e.u a.m p.m
d.c n.y n.j l.a e.g i.e al ph.d m.d b.a m.a b.sc d.j r.i.p ariz calif colo conn fla ga
kan kans ky mich minn mont neb nev okla ore pa penn tenn tex va vt wis wyo ala ark del
atty ald pp cf ca
"""
_INITIALS = " ".join(chr(c) for c in range(ord("a"), ord("z") + 1))
# After an abbreviation these (capitalised) still start a new sentence: "... in the U.S. The ..."
_SENT_STARTERS = """
the he she it they we i but and in a an this that there these those his her their its
on at for as after when while however meanwhile yet so if some many most one two police
"""

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_LOWER_START = re.compile(r"^[\"'“‘(\[]*[a-z]")
# "No." is only an abbreviation before a number ("No. 10"): "he said no." ends a sentence.
_NUMBER_SIGN = re.compile(r"\b(?:No|Nos|no|nos)\.$")
_DIGIT_START = re.compile(r"^\d")
_HAS_ALNUM = re.compile(r"[^\W_]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _punkt():  # type: ignore[no-untyped-def]
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(re.findall(r"\S+", _ABBREVIATIONS + _INITIALS))
    params.sent_starters = set(re.findall(r"\S+", _SENT_STARTERS))
    return PunktSentenceTokenizer(params)


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, offline.

    Punkt with a shipped abbreviation list keeps "U.S.", "Gov.", "No. 10", initials and
    decimals together; a piece that starts in lower case ("Stop!" he said.) or holds no
    word at all is glued back onto the sentence before it.
    """
    text = _SPACES.sub(" ", text or "").strip()
    if not text:
        return []
    out: list[str] = []
    for piece in _punkt().tokenize(text):
        piece = piece.strip()
        if not piece:
            continue
        if out and (
            not _HAS_ALNUM.search(piece)
            or _LOWER_START.match(piece)
            or (_NUMBER_SIGN.search(out[-1]) and _DIGIT_START.match(piece))
        ):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def words(text: str) -> list[str]:
    """Cheap word tokens (letters/digits, keeping inner ' . - as in "don't", "U.S", "9-11")."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _treebank():  # type: ignore[no-untyped-def]
    from nltk.tokenize.treebank import TreebankWordTokenizer

    return TreebankWordTokenizer()


def tokenize(text: str) -> list[str]:
    """Penn Treebank word tokens (punctuation split off), needing no nltk data."""
    return _treebank().tokenize(text)


@lru_cache(maxsize=1)
def _snowball():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter2) stem of a lower-cased word; cached, as news reuses its words."""
    return _snowball().stem(word.lower())


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's shipped English stop-word list (read from the package, not imported)."""
    spec = find_spec("sumy")
    found: set[str] = set()
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            path = Path(loc) / "data" / "stopwords" / "english.txt"
            if path.is_file():
                found = {w.strip().lower() for w in path.read_text("utf-8").splitlines()}
                break
    found.discard("")
    return frozenset(found)


def content_stems(text: str) -> list[str]:
    """Stems of the non-stop words of ``text``, in order."""
    stops = stop_words()
    return [stem(w) for w in words(text.lower()) if w not in stops]
