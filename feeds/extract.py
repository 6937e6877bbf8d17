"""Article pages -> the article's own text, via trafilatura (the reference extractor).

Bounded: pages are cut before parsing at `MAX_HTML` bytes and at `MAX_TAGS` opening tags
(trafilatura's work grows faster than linearly with the number of elements: 20k take a
second or two, 50k twenty), and trafilatura's tree-size guard is on. The text comes back
as paragraphs separated by blank lines and passes through `feeds.sanitize`. trafilatura
is imported on first use (it is slow to import).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from .sanitize import clean_line, clean_text

MAX_HTML = 5 * 1024 * 1024  # bytes of HTML looked at; article pages are far smaller
MAX_TREE = 200_000  # elements; trafilatura gives up on larger trees instead of crawling them
MAX_TAGS = 20_000  # opening tags looked at; real article pages have a few thousand
_TAG = re.compile(r"<[A-Za-z]")
_TAG_B = re.compile(rb"<[A-Za-z]")


@dataclass(slots=True)
class Extracted:
    title: str | None
    text: str  # plain text, paragraphs separated by blank lines ("" when nothing found)
    author: str | None = None
    published: float | None = None  # unix time, UTC


def extract_article(html: str | bytes, url: str | None = None) -> Extracted:
    """The main text and metadata of one article page (never raises on bad HTML)."""
    if isinstance(html, bytes):
        html = html[:MAX_HTML]
        if html[:4096].count(b"\x00") > 32:  # binary (or UTF-16 junk), not a page
            return Extracted(title=None, text="")
        try:  # most pages are UTF-8; guessing (trafilatura's default) can go wrong on odd ones
            html = html.decode("utf-8")
        except UnicodeDecodeError:
            pass  # let trafilatura detect the declared or likely encoding
    else:
        html = html[:MAX_HTML]
    html = _cut_tags(html)
    if not html or not html.strip():
        return Extracted(title=None, text="")
    doc = _run(html, url)
    text = _paragraphs(getattr(doc, "text", None) or "")
    if not text:  # trafilatura keeps nothing under its minimum size: take the page's paragraphs
        text = _baseline(html)
        if not text:
            return Extracted(title=None, text="")
    return Extracted(
        title=clean_line(getattr(doc, "title", None)) or None,
        text=text,
        author=clean_line(getattr(doc, "author", None)) or None,
        published=_date(getattr(doc, "date", None)),
    )


def _cut_tags(html: str | bytes) -> str | bytes:
    """The page up to its `MAX_TAGS`-th opening tag (what is left is not an article page)."""
    tags = _TAG_B.finditer(html) if isinstance(html, bytes) else _TAG.finditer(html)  # type: ignore[arg-type]
    for n, m in enumerate(tags):
        if n == MAX_TAGS:
            return html[: m.start()]
    return html


_CONFIG = None


def _config():  # type: ignore[no-untyped-def]
    global _CONFIG
    if _CONFIG is None:
        from copy import deepcopy

        from trafilatura.settings import DEFAULT_CONFIG

        _CONFIG = deepcopy(DEFAULT_CONFIG)
        _CONFIG["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_TREE)
    return _CONFIG


def _run(html: str | bytes, url: str | None) -> object | None:
    import trafilatura

    try:
        # Defaults as plain trafilatura.extract (its fallbacks included), plus metadata.
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            config=_config(),
        )
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, LookupError):
        # trafilatura or lxml choking on a pathological page: no article, not a crash.
        return None


def _baseline(html: str | bytes) -> str:
    from trafilatura import baseline

    try:
        _tree, text, _length = baseline(html)
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, LookupError):
        return ""
    return _paragraphs(text or "")


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in clean_text(text).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _date(value: object) -> float | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()
