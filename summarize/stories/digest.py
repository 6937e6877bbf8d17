"""One digest for a story: key points drawn from all its articles, each citing them.

Each member is digested on its own (`summarize_article`, the single-article ranking and
compression) into candidate points, and its lede (first sentences) joins them whole. A
story point is a whole statement: a headline, a label or a question is none, and a point
is shown as its whole source sentence (up to WHOLE words, which nearly every sentence of
news prose is), so that what the compression would delete (who said so, when, where)
stays with the point that cites it; the compressed text only stands in for a run-on.
A candidate is worth more when other members report it too (a sentence of theirs says
much the same: they are cited with it), when it comes early in its article, and when it
comes from a newer article (a developing story's latest facts lead). The story is told
from one main source, as an editor would: the member its best point comes from (not a
brief), whose points weigh more; the others add what it lacks. Points are picked best
first; a candidate that says what a picked point says (alike, or nearly all inside it)
is not shown again, its sources are added to that point. Who said what is merged across
members, one entry per person, each statement knowing its article.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .._model import Speaker, StoryItem, StoryPoint, StorySummary, Summary
from .._text import content_stems, split_sentences

if TYPE_CHECKING:
    from .._document import Document

CANDIDATES = 8  # points asked of each member
SUPPORT = 1.0  # a point every other member also reports is worth this much more
FRESH = 0.3  # a point first reported by the newest member is worth this much more than
# one the oldest already had
DEVELOPING = timedelta(hours=12)  # a story this long in the telling leads with its news
CONFIRM = 0.5  # a sentence confirms a point when it holds this share of the point's words
DUPLICATE = 0.5  # two points this alike (token-set Jaccard) say the same thing
INSIDE = 0.8  # or when this share of a candidate's words is in a picked point
OWN = 0.5  # exponent of the point's score in its own article
CENTRAL_FLOOR = 0.1  # centrality (share of the point's words other members use) plus this
POSITION = 0.2  # points further down their article are worth exp(-POSITION * k) less
WHOLE = 60  # a point whose source sentence has at most this many words is shown whole:
# about 98 in 100 sentences of news prose are shorter (CNN/DailyMail: median 19, 95th
# percentile 43 words); a longer "sentence" is mostly a page's lines run together
LEDE = 3  # a member's first sentences are candidates even when its own digest passed them
LEDE_MIN = 8  # (those of at least this many words: not a dateline or a fragment)
MAIN = 3.0  # the main source's points are worth this much more (1 + MAIN times)
BRIEF = 150  # a member of fewer words is a brief: the main source only if all are
_MIN_STEMS = 3
# A point states something: its sentence ends as a statement does (a full stop or "!",
# perhaps inside quotation marks or brackets). A headline, a label, a link's text, a
# question or a line ending in a colon ("... included:") is not a point of the story.
_STATEMENT = re.compile(r"[.!][\"'”’)\]]*$")
# A wire copy's editor's note, byline and dateline glued before its first sentence
# ("(Adds details) By Jo Ames WASHINGTON, Nov 15 (Reuters) - ", "By Jo Ames 30 November
# 2004 ", "CARACAS, Dec 7 (IPS) - "): the story lists its sources, the point needs none.
_EDNOTE = r"(?:\((?:Adds|Updates?|Recasts|Corrects|Changes|Rewrites|Repeats)\b[^)]{0,60}\)\s*)?"
_PLACE = r"[A-Z]{2,}[A-Z.'’-]*(?: [A-Z]{2,}[A-Z.'’-]*)*(?:,(?: [A-Z][\w.'’-]*)+)?"
_WHEN = r"(?:,? [A-Z][a-z]{2}\.? \d{1,2})?"
_AGENCY = r"\([\w .&'’-]{1,30}\)"
_DATELINE = rf"(?:{_PLACE}{_WHEN} ?(?:{_AGENCY} ?)?|{_AGENCY} ?)[-–—]{{1,2}} "
_BYLINE = rf"By (?:[A-Z][\w.'’-]+ ){{1,3}}?(?:\d{{1,2}} [A-Z][a-z]+ \d{{4}} |(?={_DATELINE}))"
_PREFIX = re.compile(rf"^{_EDNOTE}(?:{_BYLINE})?(?:{_DATELINE})?(?=[A-Z\"“‘'])")
# A paywall's or a shop's words to the reader are not news.
_SHOP = re.compile(
    r"(?i)^(?:buy (?:using|now|online|this|it)|subscribe (?:now|today|to)|already (?:a )?subscri)"
    r"|\bavailable in full\b|\bpay (?:via|by|with) (?:credit|debit|your)\b"
)


@dataclass(slots=True)
class _Cand:
    text: str
    sentence: str
    item: int  # index of the member it is drawn from
    rank: int  # its place in that member's digest (0 = best)
    stems: frozenset[str]
    score: float = 0.0
    sources: set[int] | None = None


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Token-set Jaccard similarity: how alike two points are (1 = same words)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def says_again(picked: frozenset[str], cand: frozenset[str]) -> bool:
    """Whether a candidate says what a picked point says: alike (Jaccard), or its words
    nearly all inside the point's (a short sentence a long point already says; a longer
    one that holds a short point says more, and is not this)."""
    if jaccard(picked, cand) >= DUPLICATE:
        return True
    return bool(cand) and len(picked & cand) >= INSIDE * len(cand)


def point_stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _recency(items: Sequence[StoryItem]) -> list[float]:
    """0 for the oldest member, 1 for the newest; 0 for all when dates are missing."""
    dates: list[datetime | None] = [i.published for i in items]
    known = [d for d in dates if d is not None]
    if len(known) < 2:
        return [0.0] * len(items)
    try:
        lo, hi = min(known), max(known)
        span = (hi - lo).total_seconds()
        return [((d - lo).total_seconds() / span) if d and span else 0.0 for d in dates]
    except TypeError:  # naive and aware dates mixed: no freshness
        return [0.0] * len(items)


def _latest(items: Sequence[StoryItem], cands: list[_Cand], recency: list[float]) -> _Cand | None:
    """In a developing story, the best point only the newest reports have: the news."""
    dates = [i.published for i in items if i.published is not None]
    try:
        if len(dates) < 2 or max(dates) - min(dates) < DEVELOPING:
            return None
    except TypeError:
        return None
    fresh = [c for c in cands if c.sources and min(recency[m] for m in c.sources) >= 0.999]
    return fresh[0] if fresh else None  # cands are sorted best first


def best_title(items: Sequence[StoryItem]) -> str | None:
    """The headline most like the others (the story's common name for itself)."""
    titled = [(i.title, point_stems(i.title)) for i in items if i.title and i.title.strip()]
    if not titled:
        return None
    if len(titled) == 1:
        return titled[0][0]
    return max(
        titled,
        key=lambda t: (sum(jaccard(t[1], o[1]) for o in titled if o is not t), -len(t[0])),
    )[0]


_NAME_KEY = re.compile(r"[^\w\s]")


def _key(name: str) -> str:
    return " ".join(_NAME_KEY.sub("", name).lower().split())


def merge_speakers(digests: Sequence[Summary], ids: Sequence[str]) -> list[Speaker]:
    """One entry per person across members ("Smith" joins "Jane Smith" when only one
    full name ends so); statements keep their article; most statements first."""
    merged: dict[str, Speaker] = {}
    for d, sid in zip(digests, ids, strict=True):
        for sp in d.speakers:
            key = _key(sp.name)
            if not key:
                continue
            if key not in merged and " " not in key:
                fulls = [k for k in merged if k.endswith(" " + key)]
                if len(fulls) == 1:
                    key = fulls[0]
            if key not in merged:
                # a full name arriving after its surname alone: the surname entry joins it
                last = key.rsplit(" ", 1)[-1]
                if " " in key and last in merged:
                    merged[key] = merged.pop(last)
                    merged[key].aliases.append(merged[key].name)
                    merged[key].name = sp.name
                else:
                    merged[key] = Speaker(sp.name, sp.role, [], [])
            target = merged[key]
            if target.role is None and sp.role:
                target.role = sp.role
            for alias in [sp.name, *sp.aliases]:
                if alias != target.name and alias not in target.aliases:
                    target.aliases.append(alias)
            target.statements.extend(replace(st, source=sid) for st in sp.statements)
    out = list(merged.values())
    out.sort(key=lambda s: -len(s.statements))
    return out


def _member_candidates(doc: Document, d: Summary) -> list[tuple[str, str, float]]:
    """A member's candidate points in reading order: (text shown, source sentence, its
    score in its own article scaled to 0..1). They are its digest's points, and its lede
    (the first LEDE sentences) whole: a story's lede sentences are what other outlets
    and the story's own account repeat, even when the single-article ranking, which
    reads one article alone, preferred a sentence further down."""
    from .._compress import dangling_opener
    from .._digest import candidates
    from .._rank import score_candidates

    sentences = score_candidates(candidates(doc), doc.title)
    lede = [c for c in sentences if c.order < LEDE]
    top = max([0.0, *(p.score for p in d.key_points), *(c.score for c in lede)]) or 1.0
    order = {c.text: c.order for c in sentences}
    out: list[tuple[int, str, str, float]] = []
    for k, p in enumerate(d.key_points):
        # A sentence that fits is shown whole: across outlets, what the compression
        # deletes (when, where, who said so) is what another point would have to add.
        # Not one that opens pointing back ("He ...", "They ..."): the article's digest
        # has already named whom it means.
        whole = bool(p.sentence) and len(p.sentence.split()) <= WHOLE
        text = p.sentence if whole and not dangling_opener(p.sentence) else p.text
        where = order.get(p.sentence, len(sentences) + k)  # a sub-heading point: last
        out.append((where, text, p.sentence, max(p.score, 0.0) / top))
    taken = {p.sentence for p in d.key_points}
    for c in lede:
        if c.text not in taken and LEDE_MIN <= c.n_words <= WHOLE:
            out.append((c.order, c.text, c.text, max(c.score, 0.0) / top))
    out.sort(key=lambda t: t[0])
    return [(bare(t[1]), t[2], t[3]) for t in out if is_statement(t[2])]


def is_statement(sentence: str) -> bool:
    """Whether a sentence can be a story point: it ends as a statement does, and it is
    not a paywall's or a shop's words to the reader."""
    return bool(_STATEMENT.search(sentence.rstrip())) and not _SHOP.search(sentence)


def bare(text: str) -> str:
    """The point without a byline or dateline glued before it."""
    m = _PREFIX.match(text)
    if not m or not m.end():
        return text
    cut = m.group(0)
    # A capitalised word and a dash alone ("NATO - The alliance ...") is prose.
    if not any(mark in cut for mark in (",", "(", "--", "—")) and not cut.startswith("By "):
        return text
    return text[m.end() :]


def _main_source(items: Sequence[StoryItem], ranked: list[_Cand]) -> int | None:
    """The member the story is told from: the one its best point comes from, a brief
    (a few lines from a wire or a teaser) only when every member is one. One outlet's
    account read in order makes a briefing; the best sentence of each, side by side,
    makes a list of fragments."""
    full = {k for k, i in enumerate(items) if len((i.text or "").split()) >= BRIEF}
    return next((c.item for c in ranked if c.item in full or not full), None)


def summarize_story(items: Sequence[StoryItem], max_points: int = 5) -> StorySummary:
    """Digest a story (the articles `group_stories` put together)."""
    from .. import summary_of
    from .._document import parse_document

    items = list(items)
    # Each member parsed once: its digest and its lede candidates read the same document.
    docs = [parse_document(i.text or "", title=i.title) for i in items]
    digests = [summary_of(doc, max_points=CANDIDATES) for doc in docs]
    ids = [i.id for i in items]
    speakers = merge_speakers(digests, ids)
    title = best_title(items)
    if max_points <= 0 or not items:
        return StorySummary(title, [], speakers, ids)

    # Every member's sentences, to find who else reports a point.
    sentence_stems = [
        [s for s in (point_stems(x) for x in split_sentences(i.text or "")) if s] for i in items
    ]
    recency = _recency(items)
    # How many members use each word: a point in the story's common words is central.
    member_df: dict[str, int] = {}
    for sents in sentence_stems:
        for t in set().union(*sents) if sents else ():
            member_df[t] = member_df.get(t, 0) + 1
    others = max(1, len(items) - 1)
    cands: list[_Cand] = []
    for k, d in enumerate(digests):
        for rank, (text, sentence, own) in enumerate(_member_candidates(docs[k], d)):
            stems = point_stems(text)
            if len(stems) < _MIN_STEMS:
                continue
            c = _Cand(text, sentence, k, rank, stems)
            c.sources = {k}
            for m, sents in enumerate(sentence_stems):
                if m != k and any(len(stems & s) >= CONFIRM * len(stems) for s in sents):
                    c.sources.add(m)
            support = (len(c.sources) - 1) / others
            central = sum(member_df.get(t, 0) - 1 for t in stems) / (len(stems) * others)
            c.score = (
                own**OWN
                * (CENTRAL_FLOOR + central)
                * (1 + SUPPORT * support)
                * (1 + FRESH * min(recency[m] for m in c.sources))
                * math.exp(-POSITION * rank)
            )
            cands.append(c)
    cands.sort(key=lambda c: (-c.score, c.item, c.rank))

    chosen: list[_Cand] = []
    latest = _latest(items, cands, recency)
    if latest is not None:
        chosen.append(latest)
    # The main source's points weigh more (the news, when it leads, is already picked).
    pool = [c for c in cands if c is not latest]
    main = _main_source(items, pool)
    for c in pool:
        if c.item == main:
            c.score *= 1 + MAIN
    pool.sort(key=lambda c: (-c.score, c.item, c.rank))
    for c in pool:
        same = next((p for p in chosen if says_again(p.stems, c.stems)), None)
        if same is not None:
            assert same.sources is not None and c.sources is not None
            same.sources |= c.sources
            continue
        chosen.append(c)
        if len(chosen) >= max_points:
            break
    # Who else reports a picked point, also among candidates left unpicked
    for p in chosen:
        for c in cands:
            if c is not p and jaccard(p.stems, c.stems) >= DUPLICATE:
                assert p.sources is not None and c.sources is not None
                p.sources |= c.sources

    points = [
        StoryPoint(
            c.text,
            [ids[m] for m in sorted(c.sources or {c.item}, key=lambda m: (m != c.item, m))],
            c.sentence,
            round(c.score, 4),
        )
        for c in chosen
    ]
    cited: list[str] = []
    for p in points:
        cited.extend(s for s in p.sources if s not in cited)
    for st in (st for sp in speakers for st in sp.statements):
        if st.source and st.source not in cited:
            cited.append(st.source)
    cited.extend(i for i in ids if i not in cited)
    return StorySummary(title, points, speakers, cited)
