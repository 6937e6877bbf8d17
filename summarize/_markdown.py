"""The one Markdown renderer: an article's digest, in one shape everywhere.

`newsdesk summarize`, the reader's `e`/`E` export and `newsdesk digest` all render an
article through `article_lines`, so the same article reads the same in all three:

    # <a id="a-valley-towns-clash-3f2a9c"></a>[Valley towns clash over reservoir](https://news.example/valley)

    *Valley News* · by Ana Field · 2026-03-01 11:00 CET

    ## Key points

    - Northford mayor Ellen Marsh accused Southby of blocking the project.

    ## Who said what

    - **Ellen Marsh** — Northford mayor
      - told reporters: “They want the water but not the bill”

The helpers (`heading`, `meta_line`, `point_items`, `speaker_items`, `anchor`,
`escape`, `link`) are shared by every kind of section (article, story, speaker), so
those read alike too. Everything rendered is untrusted news text: inline Markdown is
escaped so it renders as itself, control and escape sequences are dropped, and only
http(s) URLs become links. Pure: the caller passes dates already in the zone to show.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._model import Speaker, Statement, StorySummary, Summary

MAX_STATEMENTS = 3  # per speaker; the rest are counted, not shown
UNTITLED = "Untitled"

# -- escaping ---------------------------------------------------------------------------

# ESC-introduced sequences (CSI, OSC/DCS/... strings, two-byte escapes), C0/C1 controls,
# bidi controls and lone surrogates: nothing of these belongs in a Markdown file.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|\x1b[ -/]*[0-~]?"
)
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Characters that can start or end inline constructs (emphasis, code, links, HTML,
# headings, tables, strikethrough). Backslash-escaping ASCII punctuation is valid
# CommonMark, so over-escaping is harmless; under-escaping is not.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Text that would open a block at the start of a line or list item.
_NUMBER_MARK = re.compile(r"^(\d{1,9})([.)])")


def clean_line(text: str | None) -> str:
    """One line of text: escape sequences and controls removed, whitespace folded."""
    if not text:
        return ""
    text = _BIDI.sub("", _ESCAPES.sub("", text))
    return " ".join(_CONTROLS.sub(" ", text).split())  # a control between words keeps them apart


def escape(text: str | None) -> str:
    """One line of untrusted text as inline Markdown that renders as itself."""
    text = _INLINE.sub(r"\\\1", clean_line(text))
    text = _ENTITY.sub(r"\\&", text)
    m = _NUMBER_MARK.match(text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end() :]}"
    if text[:1] in ("-", "+", "="):
        return "\\" + text
    return text


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe for a Markdown link destination, else None.

    Spaces, parentheses, angle brackets, quotes and non-ASCII are percent-encoded;
    entity-like `&name;` is backslash-escaped (CommonMark decodes entities there).
    """
    url = clean_line(url)
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    encoded = quote(url, safe="/:?#[]@!$&*+,;=%~-._'")
    encoded = encoded.replace("'", "%27")
    return _ENTITY.sub(r"\\&", encoded)


def link(text: str, url: str | None) -> str:
    """``text`` (already escaped) linked to ``url`` when it is a safe http(s) URL."""
    dest = safe_url(url)
    return f"[{text}]({dest})" if dest else text


def slug(text: str | None, *, limit: int = 60, fallback: str = "") -> str:
    """ASCII words joined by "-", cut at a word boundary within ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", clean_line(text)).encode("ascii", "ignore")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.decode().lower()).strip("-")
    if len(out) > limit:
        cut = out[: limit + 1]
        out = cut[: cut.rfind("-")] if "-" in cut else out[:limit]
    return out.strip("-") or fallback


def anchor(kind: str, name: str | None, key: str | None = None) -> str:
    """A stable anchor id: "a-" / "s-" + slug of the name + a short hash of ``key``
    (the URL, say), so the same thing gets the same id in every file and two things
    with the same name do not collide."""
    digest = hashlib.sha1((key or name or "").encode("utf-8", "replace")).hexdigest()[:6]
    words = slug(name, limit=40, fallback=kind)
    return f"{kind}-{words}-{digest}"


# -- building blocks ----------------------------------------------------------------------


def heading(
    level: int, text: str, url: str | None = None, anchor_id: str | None = None
) -> list[str]:
    """A heading (``text`` already escaped), linked when ``url`` is given, and opening
    with its anchor (inline HTML, so the heading's text stays the title)."""
    mark = f'<a id="{anchor_id}"></a>' if anchor_id else ""
    return [f"{'#' * max(1, min(6, level))} {mark}{link(text, url)}", ""]


def local_date(when: datetime | None) -> str | None:
    """``when`` as shown: "2026-03-01 11:00 CET" in the zone it carries."""
    if when is None:
        return None
    zone = when.strftime("%Z") or when.strftime("%z")
    return f"{when:%Y-%m-%d %H:%M} {zone}".strip()


def meta_line(
    source: str | None = None, author: str | None = None, when: datetime | None = None
) -> list[str]:
    """ "*Feed* · by Author · date": the parts that are known, or nothing."""
    parts = []
    if clean_line(source):
        parts.append(f"*{escape(source)}*")
    if clean_line(author):
        parts.append(f"by {escape(author)}")
    if (date := local_date(when)) is not None:
        parts.append(date)
    return [" · ".join(parts), ""] if parts else []


def point_items(points: Iterable[str]) -> list[str]:
    """One bullet per point (points already plain text)."""
    out = [f"- {escape(p)}" for p in points if clean_line(p)]
    return [*out, ""] if out else []


def statement_text(text: str, kind: str) -> str:
    said = escape(text)
    return f"“{said}”" if kind != "indirect" else said


def speaker_items(
    speakers: Sequence[Speaker],
    max_statements: int = MAX_STATEMENTS,
    cite: Callable[[Statement], str] | None = None,
) -> list[str]:
    """Who said what: the speaker and role, then each statement with its cue verb (and,
    in a story, ``cite(statement)``: the marker of the source it was said in)."""
    lines: list[str] = []
    for sp in speakers:
        shown = [st for st in sp.statements if clean_line(st.text)]
        if not clean_line(sp.name) or not shown:
            continue
        who = f"**{escape(sp.name)}**"
        if clean_line(sp.role):
            who += f" — {escape(sp.role)}"
        lines.append(f"- {who}")
        for st in shown[:max_statements]:
            said = statement_text(st.text, st.kind)
            cue = clean_line(st.cue)
            if cite is not None:
                said = f"{said} {cite(st)}".rstrip()
            lines.append(f"  - {escape(cue)}: {said}" if cue else f"  - {said}")
        if len(shown) > max_statements:
            more = len(shown) - max_statements
            lines.append(f"  - *and {more} more statement{'s' if more != 1 else ''}*")
    return [*lines, ""] if lines else []


# -- an article ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the caller knows about an article beyond its text (all optional)."""

    title: str | None = None
    url: str | None = None
    source: str | None = None  # the feed's name, or the site
    author: str | None = None
    published: datetime | None = None  # in the zone to show (the reader's local time)


def article_lines(
    summary: Summary,
    info: ArticleInfo | None = None,
    *,
    level: int = 1,
    show_source: bool = True,
) -> list[str]:
    """An article's digest: anchor + linked title, meta line, key points, who said what.

    ``show_source`` False leaves the source out of the meta line (a digest's "## Feed"
    section already names it).
    """
    info = info or ArticleInfo()
    title = clean_line(info.title) or clean_line(summary.title) or UNTITLED
    lines = heading(level, escape(title), info.url, anchor("a", title, info.url or title))
    lines += meta_line(info.source if show_source else None, info.author, info.published)
    sub = level + 1
    points = point_items(kp.text for kp in summary.key_points)
    lines += heading(sub, "Key points")
    lines += points or ["*No key points: the article has no text to summarise.*", ""]
    said = speaker_items(summary.speakers)
    if said:
        lines += heading(sub, "Who said what") + said
    return lines


def article_markdown(summary: Summary, info: ArticleInfo | None = None, *, level: int = 1) -> str:
    """One article's digest as a Markdown document."""
    return join(article_lines(summary, info, level=level))


def join(lines: Sequence[str]) -> str:
    """Lines as a file's text: one newline at the end, none doubled there."""
    return "\n".join(lines).rstrip("\n") + "\n"


def summary_to_markdown(
    summary: Summary, info: ArticleInfo | None = None, *, heading_level: int = 1
) -> str:
    """`Summary.to_markdown()`: the article shape, with what the caller knows (``info``)."""
    return article_markdown(summary, info, level=heading_level)


# -- a story ------------------------------------------------------------------------------


def story_to_markdown(
    story: StorySummary,
    *,
    heading_level: int = 1,
    sources: Mapping[str, tuple[str, str | None]] | None = None,
) -> str:
    """A story: headline, key points citing their sources ([1], [2]), who said what with
    the source of each statement, and the sources numbered. ``sources`` maps a member id
    to (label, url); without it the ids are the labels."""
    number = {sid: k + 1 for k, sid in enumerate(story.sources)}

    def cite(ids: Iterable[str | None]) -> str:
        return "".join(f"[{n}]" for n in sorted({number[i] for i in ids if i in number}))

    lines: list[str] = []
    if clean_line(story.title):
        lines += heading(heading_level, escape(story.title))
    sub = heading_level + 1
    points = [f"- {escape(p.text)} {cite(p.sources)}".rstrip() for p in story.key_points]
    if points:
        lines += [*heading(sub, "Key points"), *points, ""]
    said = speaker_items(story.speakers, cite=lambda st: cite([st.source]))
    if said:
        lines += [*heading(sub, "Who said what"), *said]
    if story.sources:
        lines += heading(sub, "Sources")
        for sid in story.sources:
            label, url = (sources or {}).get(sid, (sid, None))
            lines.append(f"{number[sid]}. {link(escape(label or sid), url)}")
        lines.append("")
    return join(lines)
