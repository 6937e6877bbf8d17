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
from itertools import chain, compress

from .._text import stem, stop_words

Terms = dict[str, float]

NAME_WEIGHT = 6.0  # a capitalised word mid-sentence: a name, a place, an organisation
NUMBER_WEIGHT = 3.0  # a number with at least two digits ("7.9", "2008", "$3", "14-week")
TITLE_WEIGHT = 1.0  # the title counts again on top of the text (ECB+ train: more did not help)
MAX_WORDS = 400  # the lead of a long article says what the event is; the rest is detail
NORM_FLOOR = 8.0  # least length of a vector (ECB+ train: no change from 4 to 10)
TOP_TERMS = 30  # terms kept per article (by tf-idf weight) when comparing

_TOKEN = re.compile(r"[^\W_]++(?:['’.\-][^\W_]++)*+|[.!?]")  # possessive: no backtracking
# The same tokens in a text without "_" (`\w` is `[^\W_]` and "_"): found a tenth faster.
_TOKEN_NO_UNDERSCORE = re.compile(r"\w++(?:['’.\-]\w++)*+|[.!?]")
_DIGITS = re.compile(r"\d")
_SENT_END = frozenset(".!?")
# Token -> (kind, term, lower-cased word), learnt once per distinct token (news repeats
# its words); caches of pure functions, cleared when full, so results never depend on
# what came before.
_KINDS: dict[str, tuple[int, str | None, str]] = {}
_STEMS: dict[str, str | None] = {}  # a lower-cased word -> its stem (None: a stop word)
_CACHE_MAX = 500_000
# Snowball (English) leaves a word of letters alone when it ends in one of these: no
# suffix any of its steps removes or rewrites ends in one ("Obama", "Iraq", "Moscow").
_UNSTEMMED_END = frozenset("abfhjkopquvwxz")
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


class _SublinearTf(dict[float, float]):
    """A count -> its sublinear tf (1 + log count; a count below 1 as it is), learnt
    once per distinct count (counts are few: sums of small whole weights)."""

    def __missing__(self, c: float) -> float:
        v = self[c] = 1.0 + math.log(c) if c >= 1 else c
        return v


_TF = _SublinearTf()


def _stem(low: str) -> str | None:
    """The stem a lower-cased word counts as; None for stop words and fragments."""
    found = _STEMS.get(low, "")
    if found == "":
        if len(low) < 3 or low in stop_words():
            found = None
        elif low[-1] in _UNSTEMMED_END and low.isalpha():
            found = low  # what Snowball gives, without its many suffix tests
        else:
            found = stem(low)
        _STEMS[low] = found
    return found


def _kind(tok: str) -> tuple[int, str | None, str]:
    """(kind, term, low) of a token: kind 0 a plain word (term its stem, None for stop
    words and fragments), 1 a capitalised word (term its name, counted unless it starts
    a sentence; there it counts as the stem of `low`, taken only then), 2 a number with
    two digits or a point ("7.9", "2008", "14-week")."""
    if not tok.isalpha() and _DIGITS.search(tok):  # letters only: no digit
        if "." in tok or sum(ch.isdigit() for ch in tok) >= 2:
            return (2, "#" + tok.lower().rstrip("."), "")
        return (0, None, "")
    low = tok.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if tok[0].isupper():
        return (1, None if low in _NOT_NAMES or len(low) < 2 else "@" + low, low)
    return (0, _stem(low), low)


def _words(text: str) -> list[str]:
    """The first `MAX_WORDS` tokens, reading no more of a long text than they need."""
    findall = (_TOKEN if "_" in text else _TOKEN_NO_UNDERSCORE).findall
    size = MAX_WORDS * 8
    while len(text) > size:
        toks = findall(text, 0, size)
        if len(toks) > MAX_WORDS:  # the last may be cut at `size`, the first MAX_WORDS not
            return toks[:MAX_WORDS]
        size *= 2
    return findall(text)[:MAX_WORDS]


def _count(text: str, weight: float, into: dict[str, float]) -> None:
    """Add the text's terms to `into`, per distinct token."""
    toks = _words(text)
    if not toks:
        return
    kinds, get = _KINDS, into.get
    if len(kinds) > _CACHE_MAX:
        kinds.clear()
        _STEMS.clear()
    name_w, num_w = weight * NAME_WEIGHT, weight * NUMBER_WEIGHT
    starts: Counter[str] | None = None
    for tok, c in Counter(toks).items():
        found = kinds.get(tok)
        if found is None:
            found = kinds[tok] = _kind(tok)
        kind, term, low = found
        if kind == 0:
            if term is not None:
                into[term] = get(term, 0.0) + weight * c
        elif kind == 2:
            into[term] = get(term, 0.0) + num_w * c  # type: ignore[index]
        else:
            if starts is None:  # the first token, and each one after ".", "!" or "?"
                starts = Counter(compress(toks, chain((True,), map(_SENT_END.__contains__, toks))))
            first = starts.get(tok, 0)
            if term is not None:
                if c > first:
                    into[term] = get(term, 0.0) + name_w * (c - first)
                c = first
            if c and (plain := _stem(low)) is not None:
                into[plain] = get(plain, 0.0) + weight * c


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


def idf_weights(df: Mapping[str, int], n: int) -> dict[str, float]:
    """Each term's idf, for the terms `vector` keeps (those in two documents or more)."""
    log = math.log
    return {t: log((n + 1) / (f + 1)) + 1.0 for t, f in df.items() if f >= 2 or n <= 1}


def vector(
    t: Mapping[str, float],
    df: Mapping[str, int],
    n: int,
    top: int = TOP_TERMS,
    idf: Mapping[str, float] | None = None,
    most: float | None = None,
) -> Terms:
    """Unit-length tf-idf vector over the article's `top` heaviest shared terms.

    Sublinear tf (1 + log count). A term only this article has carries no evidence of a
    shared event and is left out. The length is at least `NORM_FLOOR`: an article whose
    only shared word is "start" is not thereby the same as another (in a small store
    most words are unique); a real report carries far more weight than the floor.
    `idf` is `idf_weights(df, n)` when many vectors share one table, and `most` its
    largest weight (it saves looking up most terms).
    """
    if idf is None:
        idf = idf_weights({k: df.get(k, 0) for k in t}, n)
    tf = _TF
    if len(tf) > _CACHE_MAX:
        tf.clear()
    w: list[tuple[float, str]] | None = None
    if most is not None and len(t) > top:
        # Terms counted more than once first: when `top` of them outweigh anything a
        # term counted once can weigh (tf at most 1, idf at most `most`), those are the
        # top, and the many terms counted once need no look-up.
        w = [
            (tf[c] * x, term) for term, c in t.items() if c > 1 and (x := idf.get(term)) is not None
        ]
        if len(w) >= top:
            w.sort(reverse=True)
            if w[top - 1][0] <= most:
                w = None
        else:
            w = None
    if w is None:
        w = [(tf[c] * x, term) for term, c in t.items() if (x := idf.get(term)) is not None]
        w.sort(reverse=True)
    del w[top:]
    norm = max(math.sqrt(sum(x * x for x, _ in w)), NORM_FLOOR)
    return {term: x / norm for x, term in w}
