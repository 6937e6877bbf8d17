"""Who said what across articles: each digested article's statements are stored with it,
and speakers are matched across articles by a normalised name.

In one article the summariser already folds "Zelenskiy", "Volodymyr Zelenskiy" and the
descriptions resolved to him into one speaker. Across articles, `speaker_key` spells a
name one way (no accents, titles or determiners; "Zelenskiy" and "Zelensky" alike), a
surname alone joins the one full name that ends with it, and a speaker named only by a
role ("Ukraine's president") joins the one person given that role (in the same article
first, else in any).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarize import SUMMARIZER_VERSION, Summary

from .store import content_hash

if TYPE_CHECKING:
    from .digests import Progress
    from .models import Article
    from .store import Store

_DROP = {"the", "a", "an", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"}
_WORD = re.compile(r"[a-z0-9]+")


def _word(w: str) -> str:
    w = re.sub(r"iy$", "y", w)  # Zelenskiy / Zelensky
    return re.sub(r"(.)\1", r"\1", w)  # Zelenskyy / Zelensky


def speaker_key(name: str) -> str:
    """One spelling per name: "Volodymyr Zelenskiy", "Volodymyr Zelensky" -> one key."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"[’']s\b", "", plain)
    words = [_word(w) for w in _WORD.findall(plain) if w not in _DROP]
    return " ".join(words) or plain.strip()


def rows_for(summary: Summary) -> list[tuple[str, str, str | None, str, str, str | None, int]]:
    """The summary's statements as store rows (speaker key, speaker, role, kind, text,
    cue, paragraph)."""
    return [
        (speaker_key(sp.name), sp.name, sp.role, st.kind, st.text, st.cue, st.paragraph)
        for sp in summary.speakers
        for st in sp.statements
    ]


def record(store: Store, article: Article, summary: Summary) -> None:
    """Store the article's statements unless they are there for this text already."""
    key = content_hash(article.body)
    if store.quote_source(article.id) != (key, SUMMARIZER_VERSION):
        store.put_statements(article.id, key, SUMMARIZER_VERSION, rows_for(summary))


def pending(store: Store, articles: Sequence[Article]) -> list[Article]:
    """The articles whose statements are not stored for their current text."""
    return [
        a
        for a in articles
        if store.quote_source(a.id) != (content_hash(a.body), SUMMARIZER_VERSION)
    ]


def ensure_statements(
    store: Store, articles: Sequence[Article], *, progress: Progress | None = None
) -> int:
    """Digest the articles that lack stored statements (newest first); their number."""
    from .digests import summarize_many

    todo = pending(store, articles)
    if not todo:
        return 0
    summaries = summarize_many(store, todo, progress=progress)
    for a in todo:
        record(store, a, summaries[a.id])
    return len(todo)


# -- reading ---------------------------------------------------------------------------


@dataclass(slots=True)
class Quote:
    speaker: str  # the speaker's name across articles
    name: str  # the name as this article gave it
    role: str | None
    kind: str
    text: str
    cue: str | None
    paragraph: int
    article_id: int
    title: str
    url: str | None
    published: float | None
    feed: str


@dataclass(slots=True)
class SpeakerStat:
    name: str
    key: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    statements: int = 0
    articles: list[int] = field(default_factory=list)


def _groups(keys: Sequence[str]) -> dict[str, str]:
    """Each key's group: a one-word key joins the one longer key that ends with it."""
    full = [k for k in set(keys) if " " in k]
    by_last: dict[str, list[str]] = {}
    for k in full:
        by_last.setdefault(k.rsplit(" ", 1)[1], []).append(k)
    out = {}
    for k in set(keys):
        hosts = by_last.get(k, []) if " " not in k else []
        out[k] = hosts[0] if len(hosts) == 1 else k
    return out


def _by_role(rows: Sequence[Sequence[object]], group: dict[str, str]) -> dict[tuple[int, str], str]:
    """(article, key) of a speaker named only by a role ("Ukraine's president", "the
    harbour commissioner") -> the group of the one named person given that role: in the
    same article (where "the president" may be the end of "Ukraine's President"), else in
    all the stored articles (the whole role, for one person only)."""
    from summarize.quotes.lexicon import ROLE_WORDS

    named: dict[int, dict[str, set[str]]] = {}  # article -> role key -> groups
    everywhere: dict[str, set[str]] = {}
    for key, name, role, *_rest in rows:
        if role and len(str(name).split()) >= 2 and str(name)[:1].isupper():
            rk = speaker_key(str(role))
            aid = int(str(_rest[4]))
            named.setdefault(aid, {}).setdefault(rk, set()).add(group[str(key)])
            everywhere.setdefault(rk, set()).add(group[str(key)])
    out: dict[tuple[int, str], str] = {}
    for key, name, _role, *rest in rows:
        k = str(key)
        words = k.split()
        if not words or words[-1] not in ROLE_WORDS or str(name).split()[-1][:1].isupper():
            continue  # a name, not a role
        aid = int(str(rest[4]))
        here = {
            g
            for rk, gs in named.get(aid, {}).items()
            if rk.split()[-len(words) :] == words
            for g in gs
        }
        there = everywhere.get(k, set())
        if len(here) == 1:
            out[(aid, k)] = next(iter(here))
        elif not here and len(there) == 1:
            out[(aid, k)] = next(iter(there))
    return out


def collect(
    store: Store, *, since: float | None = None, article_ids: Sequence[int] | None = None
) -> tuple[list[SpeakerStat], list[Quote]]:
    """Speakers, most statements first, and all their statements, newest article first."""
    rows = store.statement_rows(since=since, article_ids=article_ids)
    group = _groups([str(r[0]) for r in rows])
    role_of = _by_role(rows, group)
    stats: dict[str, SpeakerStat] = {}
    spellings: dict[str, dict[str, int]] = {}
    first_used: dict[str, float] = {}  # each spelling's earliest article
    quotes: list[Quote] = []
    for key, name, role, kind, text, cue, para, aid, title, url, when, feed in rows:
        g = role_of.get((int(str(aid)), str(key)), group[str(key)])
        st = stats.setdefault(g, SpeakerStat(name=str(name), key=g))
        counts = spellings.setdefault(g, {})
        counts[str(name)] = counts.get(str(name), 0) + 1
        t = float(str(when)) if when is not None else float("inf")
        first_used[str(name)] = min(first_used.get(str(name), t), t)
        if role and role not in st.roles:
            st.roles.append(str(role))
        st.statements += 1
        if aid not in st.articles:
            st.articles.append(int(str(aid)))
        quotes.append(
            Quote(
                speaker=g,
                name=str(name),
                role=str(role) if role else None,
                kind=str(kind),
                text=str(text),
                cue=str(cue) if cue else None,
                paragraph=int(str(para)),
                article_id=int(str(aid)),
                title=str(title),
                url=str(url) if url else None,
                published=float(str(when)) if when is not None else None,
                feed=str(feed),
            )
        )
    for g, st in stats.items():
        # the fullest name, and of those the spelling used most (then the one of the
        # earliest article, then the first seen)
        names = list(spellings[g])
        # (a name before a role alone: "Ilse Varga", not "Norland's president")
        st.name = max(
            names,
            key=lambda n: (
                n.split()[-1][:1].isupper(),
                len(n.split()),
                spellings[g][n],
                -first_used[n],
                -names.index(n),
            ),
        )
        st.aliases = [n for n in names if n != st.name]
    for q in quotes:
        q.speaker = stats[q.speaker].name
    order = sorted(stats.values(), key=lambda s: (-s.statements, -len(s.articles), s.name))
    return order, quotes


def matches(stat: SpeakerStat, query: str) -> bool:
    """Whether `newsdesk quotes --speaker QUERY` means this speaker: every word of the
    query (normalised) is a word of the speaker's name or of one of its aliases."""
    want = set(speaker_key(query).split())
    if not want:
        return False
    return any(want <= set(speaker_key(n).split()) for n in [stat.name, *stat.aliases])


# -- Markdown --------------------------------------------------------------------------


def render_by_speaker(
    stats: Sequence[SpeakerStat], quotes: Sequence[Quote], *, title: str, period: str, stamp: str
) -> str:
    """`newsdesk digest --group-by speaker`: one section per speaker, most statements
    first; each statement with its cue and the article it comes from (title, date, link)."""
    from summarize._markdown import speaker_section

    from .export import md_escape, safe_url

    by_speaker: dict[str, list[Quote]] = {}
    for q in quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    n = len({q.article_id for q in quotes})
    lines = [
        f"# {md_escape(title) or 'Who said what'}",
        "",
        f"{md_escape(period)} · generated {stamp} · {len(stats)} speaker"
        f"{'s' if len(stats) != 1 else ''} in {n} article{'s' if n != 1 else ''}",
        "",
    ]
    if not stats:
        lines += ["*No statements in these articles.*", ""]
    for s in stats:
        items = []
        for q in by_speaker.get(s.name, []):
            when = _day(q.published)
            name = md_escape(q.title) or "(untitled)"
            url = safe_url(q.url)
            source = f"[{name}]({url})" if url else name
            items.append((q.text, q.kind, q.cue, f"{source}{', ' + when if when else ''}"))
        lines += speaker_section(s.name, "; ".join(s.roles) or None, items, level=2)
    return "\n".join(lines).rstrip() + "\n"


def _day(ts: float | None) -> str | None:
    from datetime import UTC, datetime

    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")
    except (OverflowError, OSError, ValueError):
        return None
