"""Sentence scoring for key points: news signals on top of centrality.

The signals: position (news puts the point first), centrality (cosine to the
document's tf-isf centroid, the cheap core of LexRank/Luhn-style salience), overlap
with the title and the sub-heading above, named entities and numbers, and penalties
for fragments, questions and sentences that are mostly a quotation. Selection is
greedy with a redundancy (MMR) penalty; points are then put back in reading order.
Pure Python on cached stems: a few milliseconds per article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ._text import content_stems, words


@dataclass(frozen=True, slots=True)
class Weights:
    # Tuned on the CNN/DM dev stories with bench/digest_quality.py (ROUGE-1/2/Lsum).
    position: float = 1.0
    decay: float = 0.5  # position prior exp(-decay * k) over sentence index k
    centrality: float = 1.1
    title: float = 0.5
    heading: float = 0.2
    entities: float = 0.15
    short_penalty: float = 0.8  # under `short` words
    short: int = 10
    long_penalty: float = 0.02  # per word over `long` words
    long: int = 35
    quote_penalty: float = 0.5
    question_penalty: float = 0.4
    lead: float = 0.2  # similarity to the first sentence (the lede states the story)
    redundancy: float = 0.5  # MMR: subtract this x max similarity to chosen


DEFAULT = Weights()


@dataclass(slots=True)
class Candidate:
    text: str
    paragraph: int
    order: int  # reading order among candidates
    heading: str | None = None
    stems: Counter[str] | None = None
    n_words: int = 0
    score: float = 0.0
    is_heading: bool = False


_QUOTED = re.compile(r"[\"“”][^\"“”]{3,}[\"“”]|(?:^|\s)‘[^’]{3,}’")
_NUMBER = re.compile(r"\d")


def _cosine(a: Counter[str], b: Counter[str], na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0) for k, v in a.items()) / (na * nb)


def _norm(c: Counter[str]) -> float:
    return math.hypot(*c.values())


def _entity_ratio(text: str) -> float:
    toks = words(text)
    if len(toks) < 2:
        return 0.0
    hits = sum(1 for t in toks[1:] if t[0].isupper() or _NUMBER.match(t))
    return hits / len(toks)


def score_candidates(
    cands: list[Candidate], title: str | None, w: Weights = DEFAULT
) -> list[Candidate]:
    """Fill ``.stems``, ``.n_words`` and ``.score`` of each candidate (body sentences)."""
    if not cands:
        return cands
    for c in cands:
        c.stems = Counter(content_stems(c.text))
        c.n_words = len(c.text.split())
    n = len(cands)
    df: Counter[str] = Counter()
    for c in cands:
        df.update(c.stems.keys())  # type: ignore[union-attr]
    idf = {t: math.log((n + 1) / d) + 1.0 for t, d in df.items()}
    centroid: Counter[str] = Counter()
    for c in cands:
        for t, v in c.stems.items():  # type: ignore[union-attr]
            centroid[t] += v * idf[t]
    cnorm = _norm(centroid)
    title_stems = set(content_stems(title)) if title else set()
    heading_cache: dict[str, set[str]] = {}
    lede: Counter[str] | None = None
    lede_norm = 0.0
    for k, c in enumerate(cands):
        st = c.stems or Counter()
        weighted = Counter({t: v * idf[t] for t, v in st.items()})
        wnorm = _norm(weighted)
        cent = _cosine(weighted, centroid, wnorm, cnorm)
        s = w.position * math.exp(-w.decay * k) + w.centrality * cent
        if lede is None:
            if c.n_words >= w.short:
                lede, lede_norm = weighted, wnorm
        elif w.lead:
            s += w.lead * _cosine(weighted, lede, wnorm, lede_norm)
        if title_stems:
            s += w.title * len(title_stems & st.keys()) / len(title_stems)
        if c.heading:
            hs = heading_cache.get(c.heading)
            if hs is None:
                hs = heading_cache[c.heading] = set(content_stems(c.heading))
            if hs:
                s += w.heading * len(hs & st.keys()) / len(hs)
        s += w.entities * _entity_ratio(c.text)
        if c.n_words < w.short:
            s -= w.short_penalty * (w.short - c.n_words) / w.short
        if c.n_words > w.long:
            s -= w.long_penalty * (c.n_words - w.long)
        quoted = sum(len(m.group(0).split()) for m in _QUOTED.finditer(c.text))
        if c.n_words:
            s -= w.quote_penalty * min(1.0, quoted / c.n_words)
        if c.text.rstrip("\"”’' ").endswith("?"):
            s -= w.question_penalty
        c.score = s
    return cands


def select(cands: list[Candidate], k: int, w: Weights = DEFAULT) -> list[Candidate]:
    """Greedy MMR selection of ``k`` candidates, returned in reading order."""
    chosen: list[Candidate] = []
    norms = {id(c): _norm(c.stems or Counter()) for c in cands}
    pool = list(cands)
    while pool and len(chosen) < k:
        best, best_val = None, -math.inf
        for c in pool:
            cs = c.stems or Counter()
            red = 0.0
            for d in chosen:
                red = max(red, _cosine(cs, d.stems or Counter(), norms[id(c)], norms[id(d)]))
            val = c.score - w.redundancy * red
            if val > best_val:
                best, best_val = c, val
        assert best is not None
        chosen.append(best)
        pool.remove(best)
    return sorted(chosen, key=lambda c: c.order)
