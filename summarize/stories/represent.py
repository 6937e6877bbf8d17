"""An article as a bag of event terms: what two reports of one event share.

Content words are lower-cased and stemmed; words the text capitalises mid-sentence
(names, places, organisations) and numbers are kept whole and weigh more, because two
earthquakes share "quake", "magnitude" and "killed" but not "Sichuan" or "7.9".
The title counts again (it names the event). A `Terms` is plain data (term -> weight),
so the store can keep it and group new articles without reading old texts again.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from .._text import stem, stop_words

Terms = dict[str, float]

NAME_WEIGHT = 6.0  # a capitalised word mid-sentence: a name, a place, an organisation
NUMBER_WEIGHT = 3.0  # a number with at least two digits ("7.9", "2008", "$3", "14-week")
TITLE_WEIGHT = 1.0  # the title counts again on top of the text (ECB+ train: more did not help)
MAX_WORDS = 400  # the lead of a long article says what the event is; the rest is detail
NORM_FLOOR = 8.0  # least length of a vector (ECB+ train: no change from 4 to 10)
TOP_TERMS = 30  # terms kept per article (by tf-idf weight) when comparing

_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|[.!?]")
_DIGITS = re.compile(r"\d")
_SENT_END = frozenset(".!?")
# Token -> (kind, term): news repeats its words; bounded, and the same for every input
# (a cache of a pure function), so results never depend on what came before.
_KINDS: dict[str, tuple[int, str | None]] = {}
# Capitalised words that are not names even mid-sentence.
_NOT_NAMES = frozenset(
    [
        "i",
        "mr",
        "mrs",
        "ms",
        "dr",
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "you",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _kind(tok: str) -> tuple[int, str | None]:
    """(kind, term) of a token: 0 plain word, 1 capitalised (a name unless sentence-first),
    2 number; term None for stop words and fragments."""
    if _DIGITS.search(tok):
        digits = sum(ch.isdigit() for ch in tok)
        return (2, "#" + tok.lower().rstrip(".")) if digits >= 2 or "." in tok else (2, None)
    low = tok.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    plain = None if len(low) < 3 or low in stop_words() else stem(low)
    if tok[0].isupper():
        name = None if low in _NOT_NAMES or len(low) < 2 else "@" + low
        return (1, f"{name}\t{plain or ''}" if name else (plain and f"\t{plain}"))
    return (0, plain)


def _count(text: str, weight: float, into: dict[str, float]) -> None:
    at_start = True
    name_w, num_w = weight * NAME_WEIGHT, weight * NUMBER_WEIGHT
    kinds, get = _KINDS, into.get
    for tok in _TOKEN.findall(text)[:MAX_WORDS]:
        if tok in _SENT_END:
            at_start = True
            continue
        found = kinds.get(tok)
        if found is None:
            found = _kind(tok)
            if len(kinds) < 500_000:
                kinds[tok] = found
        kind, term = found
        if term is not None:
            if kind == 0:
                into[term] = get(term, 0.0) + weight
            elif kind == 2:
                into[term] = get(term, 0.0) + num_w
            else:
                name, _, plain = term.partition("\t")
                if not at_start and name:
                    into[name] = get(name, 0.0) + name_w
                elif plain:
                    into[plain] = get(plain, 0.0) + weight
        at_start = False


def terms(title: str | None, text: str) -> Terms:
    """The article's event terms with their (boosted) counts."""
    counts: dict[str, float] = {}
    if title:
        _count(title, TITLE_WEIGHT, counts)
    _count(text or "", 1.0, counts)
    return counts


def idf_table(docs: Iterable[Mapping[str, float]]) -> tuple[Counter[str], int]:
    """Document frequencies of terms and the number of documents."""
    df: Counter[str] = Counter()
    n = 0
    for d in docs:
        df.update(d.keys())
        n += 1
    return df, n


def vector(t: Mapping[str, float], df: Mapping[str, int], n: int, top: int = TOP_TERMS) -> Terms:
    """Unit-length tf-idf vector over the article's `top` heaviest shared terms.

    Sublinear tf (1 + log count). A term only this article has carries no evidence of a
    shared event and is left out. The length is at least `NORM_FLOOR`: an article whose
    only shared word is "start" is not thereby the same as another (in a small store
    most words are unique); a real report carries far more weight than the floor.
    """
    w: list[tuple[float, str]] = []
    for term, c in t.items():
        f = df.get(term, 0)
        if f < 2 and n > 1:
            continue
        idf = math.log((n + 1) / (f + 1)) + 1.0
        w.append(((1.0 + math.log(c)) * idf if c >= 1 else c * idf, term))
    w.sort(reverse=True)
    w = w[:top]
    norm = max(math.sqrt(sum(x * x for x, _ in w)), NORM_FLOOR)
    return {term: x / norm for x, term in w}
