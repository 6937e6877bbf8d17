"""Feed bytes -> `ParsedFeed`: RSS 0.9x/1.0/2.0 and Atom via feedparser, JSON Feed via `json`.

feedparser is the robustness reference (encodings, broken XML, odd dates); it is
told not to sanitise or rewrite HTML because we turn every entry into plain text
ourselves (`html_to_text`, lxml) and then through `feeds.sanitize`. A body that
holds no feed at all (an HTML page, junk, nothing) raises `ParseError` with a
one-line reason; a feed with recoverable faults is kept and `problem` says what.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import json
import re
import threading
import zlib
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import ParseError
from .models import ParsedEntry, ParsedFeed
from .sanitize import clean_line, clean_text

MAX_GUNZIP = 20 * 1024 * 1024  # a gzipped body is opened up to this size
MAX_TEXT = 1_000_000  # characters kept per entry: a feed item is not a book

_BLOCK = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "main",
        "nav",
        "form",
        "fieldset",
        "address",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)
_SKIP = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head"]
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_MARKUP = re.compile(r"[<&]")
_TAG = re.compile(r"<[a-zA-Z/!]")
# Items kept per feed and refresh: the first in the document (feeds list the newest
# first). feedparser holds ~5 KB per entry, so 130,000 tiny items in a 19 MB feed took
# 680 MB and minutes; the rest of the document is cut before parsing.
MAX_ENTRIES = 10_000
# Bytes of one text node kept before parsing (html_to_text reads at most 2 * MAX_TEXT
# characters of an entry's HTML, and entities and markup make the text shorter still).
HUGE_TEXT = 2 * 1024 * 1024
_HUGE_TEXT = re.compile(rb">([^<>]{%d,})<" % HUGE_TEXT)
# An ill-formed body past this size is not given to feedparser's loose parser, which
# holds ~7 times the body (a 20 MiB feed cut mid-document took 250 MB and 8 s): it is
# closed after its last complete item, or read by libxml2's recovering parser.
LOOSE_MAX = 2 * 1024 * 1024
# Elements nested deeper than this in a body that is not well-formed (up to LOOSE_MAX)
# lose their tags before feedparser reads it (its loose parser needs minutes and
# gigabytes for 500,000 levels); under libxml2's own limit (256), so a body broken only
# by its depth becomes well-formed.
MAX_DEPTH = 200
_ITEM_OPEN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]", re.IGNORECASE)
_ITEM_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>", re.IGNORECASE)
# Any date element. Without one, fastfeedparser runs dateutil on every item's guid
# (~1 ms each: 10,000 undated items took 10 s, feedparser 1.4 s).
_DATE_TAG = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:pubDate|date|updated|published|issued|modified|created)[\s>]"
)
# An absolute http(s) URL with a host and no query, fragment or params.
_PLAIN_URL = re.compile(r"https?://[^/\s\[\]#?;\\][^\s\[\]#?;\\]*\Z")


def parse_feed(data: bytes, url: str) -> ParsedFeed:
    """Parse one feed body fetched from `url` (used to resolve relative links)."""
    if isinstance(data, str):  # be lenient with callers holding text
        data = data.encode("utf-8", "surrogatepass")
    if data[:2] == b"\x1f\x8b":  # gzip saved as is (a Content-Encoding applied twice)
        data = _gunzip(data)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ParseError("empty response: no feed")
    if head[:1] in (b"{", b"["):
        return _parse_json(data, url)
    return _parse_xml(data, url)


# -- RSS / Atom ------------------------------------------------------------------------


def parse_fast(data: bytes, url: str, *, checked: bool = False) -> ParsedFeed | None:
    """The quick path for well-formed RSS/Atom (fastfeedparser, ~30x feedparser's speed).

    None when the body is not clearly well-formed XML without a DOCTYPE, or
    fastfeedparser finds nothing: then `parse_feed` takes feedparser's careful
    path, so broken feeds get feedparser's behaviour exactly. `checked`: the caller
    knows the body is well-formed (`_xml_error` said so), or wants libxml2's
    recovering parser on a body that is not.
    """
    if (
        data[:2] == b"\x1f\x8b"
        or b"<!DOCTYPE" in data[:4096]
        or b"<!ENTITY" in data
        or b"xml:base" in data  # feedparser resolves relative links against it
        or not _DATE_TAG.search(data)
    ):
        return None
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    tag = _root_name(data)
    if tag not in ("rss", "feed", "rdf"):
        return None
    if not checked and _xml_error(data) is not None:
        return None
    try:
        import fastfeedparser

        d = fastfeedparser.parse(data)
    except MemoryError:
        raise
    except Exception:  # a parser bug: feedparser decides
        return None
    try:
        return _from_fast(d, tag, url)
    except MemoryError:
        raise
    except Exception:  # an odd value fastfeedparser let through: feedparser decides
        return None


class _NoTree:
    """An lxml parser target that keeps nothing: a well-formedness check in constant memory."""

    def close(self) -> None:
        return None


def _checker(recover: bool = False) -> Any:
    """libxml2 reading to check, building nothing: no DOCTYPE entities expanded, nothing
    fetched, at most 256 levels deep."""
    import lxml.etree as etree

    return etree.XMLParser(
        target=_NoTree(),
        recover=recover,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def _xml_error(data: bytes) -> str | None:
    """None when `data` is well-formed XML (no DOCTYPE entities expanded, nothing fetched,
    at most 256 levels deep), else libxml2's one-line complaint. Builds no tree."""
    import lxml.etree as etree

    parser = _checker()
    try:
        etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as exc:
        return _LXML_WHERE.sub("", _one_line(exc)) or "not well-formed"
    return None


_LXML_WHERE = re.compile(r"(, line \d+, column \d+)? \(<string>, line \d+\)$")


_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _root_name(data: bytes) -> str:
    """The local name of the first element (lower case), skipping the prolog."""
    m = _ROOT.search(data, 0, 64 * 1024)
    return m.group(2).decode("ascii", "replace").lower() if m else ""


def _from_fast(d: Any, tag: str, url: str) -> ParsedFeed | None:
    entries = d.get("entries") or []
    if not entries:
        return None
    feed = d.get("feed") or {}
    out = ParsedFeed(
        title=clean_line(feed.get("title")) or "", site_url=_abs(feed.get("link"), url)
    )
    for e in entries:
        link = _abs(e.get("link"), url)
        title = e.get("title") or ""
        if _TAG.search(title):
            title = html_to_text(title)
        text = ""
        contents = e.get("content") or []
        best = max(contents, key=lambda c: len(c.get("value") or ""), default=None)
        if best and best.get("value"):
            text = _to_text(best.get("value", ""), best.get("type") or "text/html")
        if not text and e.get("description"):
            text = _to_text(e.get("description") or "", "text/html")
        published = _iso_time(e.get("published") or e.get("updated") or "")
        guid = clean_line(e.get("id"))
        if guid and guid == clean_line(e.get("link")):  # no guid: fastfeedparser used the link
            guid = link or guid
        elif guid and tag == "feed":  # as feedparser does: an Atom id is a URI, resolved
            guid = urljoin(url, guid)
        guid = guid or link or _hash_guid(title, published, text)
        out.entries.append(
            ParsedEntry(
                guid=guid[:2048],
                url=link,
                title=clean_line(title),
                author=clean_line(e.get("author")) or None,
                published=published,
                text=text,
            )
        )
    return out


def _cap_entries(data: bytes) -> tuple[bytes, bool]:
    """The document with only its first `MAX_ENTRIES` items (and what follows the last
    one, so a well-formed feed stays well-formed); True when items were cut."""
    if len(data) < MAX_ENTRIES * 7:  # too short to hold that many items ("<item/>")
        return data, False
    for n, m in enumerate(_ITEM_OPEN.finditer(data)):
        if n == MAX_ENTRIES:
            cut = m.start()
            break
    else:
        return data, False
    tail = len(data)  # no closing tag after the cut: drop the rest
    for m in _ITEM_CLOSE.finditer(data, cut):
        tail = m.end()
    return data[:cut] + data[tail:], True


def _cut_huge_text(data: bytes) -> bytes:
    """The document with every text node cut to HUGE_TEXT bytes (at a character and
    entity boundary): what is past that is never read, and a parse holds several copies
    of each node (three 6 MiB nodes took 190 MB)."""
    if len(data) <= HUGE_TEXT or b"\x00" in data[:1024]:  # UTF-16/32: not byte-safe to cut
        return data
    parts: list[bytes] = []
    pos = 0
    for m in _HUGE_TEXT.finditer(data):
        start, end = m.span(1)
        cut = start + HUGE_TEXT
        amp = data.rfind(b"&", cut - 32, cut)
        if amp != -1 and data.find(b";", amp, cut) == -1:
            cut = amp  # not inside an entity or character reference
        while cut > start and data[cut] & 0xC0 == 0x80:
            cut -= 1  # not inside a UTF-8 sequence
        parts.append(data[pos:cut])
        pos = end
    if not parts:
        return data
    parts.append(data[pos:])
    return b"".join(parts)


def _parse_xml(data: bytes, url: str) -> ParsedFeed:
    data = _cut_huge_text(data)
    data, capped = _cap_entries(data)
    parsed = _parse_xml_doc(data, url)
    if capped:
        note = f"more than {MAX_ENTRIES} items: the first {MAX_ENTRIES} kept"
        parsed.problem = f"{parsed.problem}; {note}" if parsed.problem else note
    return parsed


def _parse_xml_doc(data: bytes, url: str) -> ParsedFeed:
    error = _xml_error(data)
    flattened = False
    # Only where feedparser reads next: bigger broken bodies go to libxml2, which stops
    # at its own depth limit, and flattening them would take seconds.
    if error is not None and len(data) <= LOOSE_MAX and _too_deep(data, error):
        data, flattened = _flatten(data), True
        error = _xml_error(data)
    parsed = _parse_xml_checked(data, url, error)
    if flattened:
        note = f"markup nested over {MAX_DEPTH} levels deep: read without the deeper tags"
        parsed.problem = f"{parsed.problem}; {note}" if parsed.problem else note
    return parsed


def _parse_xml_checked(data: bytes, url: str, error: str | None) -> ParsedFeed:
    """`data` parsed, knowing what `_xml_error` says of it."""
    if error is None:
        fast = parse_fast(data, url, checked=True)
        if fast is not None:
            return fast
    elif len(data) > LOOSE_MAX:
        fast = _parse_big_broken(data, url, error)
        if fast is not None:
            return fast
    import feedparser

    try:
        d = feedparser.parse(
            data,
            response_headers={"content-location": url},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except MemoryError:
        raise
    except Exception as exc:  # feedparser is robust, but a parser bug must stay one feed's error
        raise ParseError(f"cannot parse feed: {_one_line(exc)}") from None
    if isinstance(d.get("bozo_exception"), MemoryError):  # feedparser caught it: not a bad feed
        raise MemoryError
    feed = d.get("feed", {}) or {}
    entries = d.get("entries", []) or []
    version = d.get("version", "")
    if not entries and not version:
        if d.get("bozo"):
            exc = d.get("bozo_exception")
            if _looks_like_html(data):
                raise ParseError("not a feed: the server sent an HTML page")
            raise ParseError(f"not a feed: {_one_line(exc) if exc else 'unreadable data'}")
        raise ParseError("not a feed: no RSS, Atom or JSON Feed found")
    problem = None
    if d.get("bozo") and d.get("bozo_exception") is not None:
        exc = d["bozo_exception"]
        name = type(exc).__name__
        # A corrected encoding label or a missing Content-Type is no news to the reader.
        if name not in ("CharacterEncodingOverride", "NonXMLContentType"):
            problem = f"feed has errors: {_one_line(exc)}"[:300]
    out = ParsedFeed(
        title=clean_line(feed.get("title")) or "",
        site_url=_abs(feed.get("link"), url),
        problem=problem,
    )
    for e in entries:
        out.entries.append(_xml_entry(e, url))
    return out


def _parse_big_broken(data: bytes, url: str, error: str) -> ParsedFeed | None:
    """A big body that is not well-formed, without feedparser's loose parser (which
    builds several times the body: 200 MB for 20 MiB cut mid-document).

    Most often the document was cut (a size cap, a dropped connection): closed after
    its last complete item it is well-formed again. Otherwise libxml2's recovering
    parser reads it (fastfeedparser). None when neither finds a feed.
    """
    closed = _close_after_last_item(data)
    if closed is not None and _xml_error(closed) is None:
        fast = parse_fast(closed, url, checked=True)
        if fast is not None:
            fast.problem = f"feed has errors: {error}; read up to its last complete item"[:300]
            return fast
    del closed
    fast = parse_fast(data, url, checked=True)
    if fast is not None:
        fast.problem = f"feed has errors: {error}"[:300]
    return fast


def _too_deep(data: bytes, error: str) -> bool:
    """True when the elements of `data`, which is not well-formed, nest deeper than
    libxml2 allows (256): libxml2's recovering parser reads on past other faults to see
    that, in C (~10 ms a MB) and building nothing."""
    if "Excessive depth" in error:
        return True
    if data.count(b"<") <= MAX_DEPTH:
        return False
    import lxml.etree as etree

    parser = _checker(recover=True)
    with contextlib.suppress(etree.LxmlError, ValueError):
        etree.fromstring(data, parser)
    return any("Excessive depth" in e.message for e in parser.error_log)


_MARKUP_TOKEN = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!][^>]*>|<(/?)[A-Za-z_][^>]*?(/?)>", re.DOTALL
)


def _flatten(data: bytes) -> bytes:
    """`data` without the start and end tags of elements nested past MAX_DEPTH (their text
    stays). feedparser's loose parser needs minutes and gigabytes for 500,000 nested
    elements in 1.5 MB; this takes about a second for them, and keeps the items above."""
    depth = 0
    drops: list[list[int]] = []  # spans of tags to drop, runs of them joined
    for m in _MARKUP_TOKEN.finditer(data):
        closing, empty = m.group(1, 2)
        if closing is None or empty:  # a comment, CDATA section, declaration, <empty/>
            continue
        if closing:
            deep = depth > MAX_DEPTH
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deep = depth > MAX_DEPTH
        if deep:
            start, end = m.span()
            if drops and drops[-1][1] == start:
                drops[-1][1] = end
            else:
                drops.append([start, end])
    parts: list[bytes] = []
    pos = 0
    for start, end in drops:
        parts.append(data[pos:start])
        pos = end
    parts.append(data[pos:])
    return b"".join(parts)


_COMMENT_OR_CDATA = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>", re.DOTALL)
_ANY_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)(?:\s[^>]*?)?(/?)>")


def _close_after_last_item(data: bytes) -> bytes | None:
    """The document up to the end of its last complete item, with the elements still open
    there (those opened before the first item: the root, an RSS channel) closed."""
    first = _ITEM_OPEN.search(data)
    if first is None:
        return None
    end = 0
    for m in _ITEM_CLOSE.finditer(data, first.start()):
        end = m.end()
    if not end:
        return None
    head = _COMMENT_OR_CDATA.sub(b"", data[: first.start()])
    stack: list[bytes] = []
    for m in _ANY_TAG.finditer(head):
        closing, name, empty = m.groups()
        if empty:
            continue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            return None  # the head itself is broken: not just a cut document
    return data[:end] + b"".join(b"</%s>" % n for n in reversed(stack))


def _xml_entry(e: Any, base: str) -> ParsedEntry:
    link = _abs(e.get("link"), base)
    if not link:
        for lnk in e.get("links", []) or []:
            if lnk.get("rel", "alternate") == "alternate" and lnk.get("href"):
                link = _abs(lnk["href"], base)
                break
    title = e.get("title") or ""
    if _TAG.search(title):  # some feeds send HTML titles
        title = html_to_text(title)
    text = ""
    contents = e.get("content") or []
    best = max(contents, key=lambda c: len(c.get("value") or ""), default=None)
    if best and best.get("value"):
        text = _to_text(best.get("value", ""), best.get("type", "text/html"))
    summary = e.get("summary") or ""
    if not text and summary:
        detail = e.get("summary_detail") or {}
        text = _to_text(summary, detail.get("type", "text/html"))
    # dict.get: feedparser's own mapping of a missing key warns (DeprecationWarning).
    published = _struct_time(dict.get(e, "published_parsed") or dict.get(e, "updated_parsed"))
    author = e.get("author") or ""
    if not author:
        authors = e.get("authors") or []
        author = ", ".join(a.get("name", "") for a in authors if a.get("name"))
    guid = clean_line(e.get("id")) or link or _hash_guid(title, published, text)
    return ParsedEntry(
        guid=guid[:2048],
        url=link,
        title=clean_line(title),
        author=clean_line(author) or None,
        published=published,
        text=text,
    )


# -- JSON Feed -------------------------------------------------------------------------


def _parse_json(data: bytes, url: str) -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"not a feed: bad JSON ({_one_line(exc)})") from None
    if not isinstance(doc, dict) or not (
        "jsonfeed.org" in str(doc.get("version", "")) or isinstance(doc.get("items"), list)
    ):
        raise ParseError("not a feed: JSON without a JSON Feed version or items")
    items = doc.get("items")
    if not isinstance(items, list):
        items = []
    capped = len(items) > MAX_ENTRIES
    items = items[:MAX_ENTRIES]
    out = ParsedFeed(
        title=clean_line(_str(doc.get("title"))),
        site_url=_abs(_str(doc.get("home_page_url")), url),
    )
    bad = 0
    for it in items:
        if not isinstance(it, dict):
            bad += 1
            continue
        link = _abs(_str(it.get("url")) or _str(it.get("external_url")), url)
        title = _str(it.get("title"))
        html = _str(it.get("content_html"))
        text = _to_text(html, "text/html") if html else clean_text(_str(it.get("content_text")))
        if not text:
            text = clean_text(_str(it.get("summary")))
        published = _iso_time(_str(it.get("date_published")) or _str(it.get("date_modified")))
        authors = it.get("authors")
        if not isinstance(authors, list):
            authors = [it.get("author")] if it.get("author") else []
        author = ", ".join(
            _str(a.get("name")) for a in authors if isinstance(a, dict) and _str(a.get("name"))
        )
        guid = clean_line(_str(it.get("id"))) or link or _hash_guid(title, published, text)
        out.entries.append(
            ParsedEntry(
                guid=guid[:2048],
                url=link,
                title=clean_line(title),
                author=clean_line(author) or None,
                published=published,
                text=text,
            )
        )
    if bad:
        out.problem = f"feed has errors: {bad} items are not objects"
    if capped:
        note = f"more than {MAX_ENTRIES} items: the first {MAX_ENTRIES} kept"
        out.problem = f"{out.problem}; {note}" if out.problem else note
    return out


# -- helpers ---------------------------------------------------------------------------


def _gunzip(data: bytes) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, MAX_GUNZIP + 1)
    except zlib.error:
        raise ParseError("not a feed: broken gzip data") from None
    if len(out) > MAX_GUNZIP:
        raise ParseError("not a feed: gzip data too large once decompressed")
    return out


def _to_text(value: str, mime: str) -> str:
    if "html" in (mime or "") or _MARKUP.search(value or ""):
        return html_to_text(value)
    return clean_text(value[:MAX_TEXT]).strip()


def html_to_text(html: str) -> str:
    """HTML fragment -> plain text: paragraphs separated by blank lines, headings on their own."""
    if not html or not html.strip():
        return ""
    html = html[: MAX_TEXT * 2]
    if not _MARKUP.search(html):
        return clean_text(_SPACES.sub(" ", html)).strip()
    simple = _simple_html_to_text(html)
    return simple if simple is not None else _lxml_html_to_text(html)


# Most feed bodies are a few <p>, <a>, <em> and entities. Those are turned into text by
# a tokenizer a few times faster than building an lxml tree, with the same result
# (tests/test_parse.py checks that against the lxml path); anything else goes to lxml.
_SIMPLE_INLINE = "a|abbr|b|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|time|u"
_SIMPLE_BLOCK = "p|div|blockquote|h[1-6]|li|ol|ul"
_SIMPLE_TAG = re.compile(
    rf"<(/?)({_SIMPLE_INLINE}|{_SIMPLE_BLOCK}|br)"
    r"""((?:\s+[a-zA-Z_:][-\w:.]*(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+))?)*)\s*/?>""",
    re.IGNORECASE,
)
_SIMPLE_BLOCKS = frozenset(("p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"))
_SIMPLE_BLOCKS |= {"li", "ol", "ul"}
_SIMPLE_CONTAINERS = frozenset(("div", "blockquote", "li", "ol", "ul"))  # may hold blocks
_SIMPLE_ENTITY = re.compile(
    r"&(?:(amp|lt|gt|quot|apos|nbsp);|#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});)"
)
_SIMPLE_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}


def _simple_html_to_text(html: str) -> str | None:
    """`html_to_text` for fragments of only simple tags and entities; None for anything else."""
    blocks: list[str] = []
    buf: list[str] = []
    open_tags: list[str] = []
    open_inline = 0  # open tags that may not hold blocks (counted: nesting can be 50k deep)
    pos = 0
    for m in _SIMPLE_TAG.finditer(html):
        start = m.start()
        if start > pos:
            text = _simple_text(html[pos:start])
            if text is None:
                return None
            buf.append(text)
        pos = m.end()
        closing, name = m.group(1, 2)
        name = name.lower()
        if name == "br":
            buf.append("\n")
            continue
        # Only well-nested fragments: where HTML closes or ignores tags on its own
        # (a stray </p>, a <div> inside a <p>, <p/>), lxml's rules decide.
        if closing:
            if not open_tags or open_tags.pop() != name:
                return None
            open_inline -= name not in _SIMPLE_CONTAINERS
        elif html[pos - 2] == "/":
            return None
        else:
            if open_inline and name in _SIMPLE_BLOCKS:
                return None
            open_tags.append(name)
            open_inline += name not in _SIMPLE_CONTAINERS
        if buf and name in _SIMPLE_BLOCKS:
            _flush_block(buf, blocks)
    text = _simple_text(html[pos:])
    if text is None or open_tags:
        return None
    buf.append(text)
    _flush_block(buf, blocks)
    return clean_text("\n\n".join(blocks)[:MAX_TEXT]).strip()


def _simple_text(text: str) -> str | None:
    if "<" in text:  # a tag (or comment, CDATA...) the tokenizer does not know
        return None
    if "&" in text:
        parts = _SIMPLE_ENTITY.split(text)  # text, name, dec, hex, text, ...
        out = [parts[0]]
        for i in range(1, len(parts), 4):
            name, dec, hexa = parts[i : i + 3]
            code = int(dec) if dec else int(hexa, 16) if hexa else None
            if code is not None and not (0x20 <= code < 0x7F or 0xA0 <= code <= 0xD7FF):
                return None  # control, C1 or out-of-range references: lxml's rules decide
            out.append(_SIMPLE_NAMED[name] if name else chr(code or 0))
            if "&" in parts[i + 3]:
                return None  # a bare or unknown entity: lxml's rules decide
            out.append(parts[i + 3])
        if "&" in parts[0]:
            return None
        text = "".join(out)
    return text.replace("\n", " ") if "\n" in text else text


def _flush_block(buf: list[str], blocks: list[str]) -> None:
    joined = "".join(buf)
    buf.clear()
    if "\n" in joined:  # <br> line breaks survive inside a paragraph
        text = "\n".join(w for w in (" ".join(ln.split()) for ln in joined.split("\n")) if w)
    else:
        text = " ".join(joined.split())
    if text:
        blocks.append(text)


def _lxml_html_to_text(html: str) -> str:
    import lxml.etree

    try:
        doc = lxml.etree.fromstring(f"<div>{html}</div>", _html_parser())
    except (lxml.etree.LxmlError, ValueError):
        return clean_text(html).strip()
    if doc is None:
        return ""
    root = doc.find("body")
    if root is None:
        root = doc
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        _flush_block(buf, blocks)

    skip_depth = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if not tag or tag in _SKIP:
                skip_depth += 1
                continue
            if skip_depth:
                continue
            if tag in _BLOCK:
                flush()
            elif tag == "br":
                buf.append("\n")
            if el.text:
                buf.append(el.text.replace("\n", " "))
        else:
            if not tag or tag in _SKIP:
                skip_depth -= 1
            elif not skip_depth and tag in _BLOCK:
                flush()
            if not skip_depth and el.tail:
                buf.append(el.tail.replace("\n", " "))
    flush()
    return clean_text("\n\n".join(blocks)[:MAX_TEXT]).strip()


_LOCAL = threading.local()  # lxml parsers must not be shared between threads


def _html_parser():  # type: ignore[no-untyped-def]
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        import lxml.etree

        parser = _LOCAL.parser = lxml.etree.HTMLParser(
            recover=True, no_network=True, remove_comments=True, remove_pis=True
        )
    return parser


def _abs(link: object, base: str) -> str | None:
    link = clean_line(_str(link))
    if not link:
        return None
    if _PLAIN_URL.match(link):  # what urljoin would return unchanged: skip its ~40 us
        return link
    try:
        full = urljoin(base, link)
        scheme = urlsplit(full).scheme.lower()
    except ValueError:
        return None
    return full if scheme in ("http", "https") else None


def _struct_time(t: Any) -> float | None:
    if not t:
        return None
    try:
        return float(calendar.timegm(t))
    except (TypeError, ValueError, OverflowError):
        return None


def _iso_time(text: str) -> float | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        return dt.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def _hash_guid(title: str, published: float | None, text: str) -> str:
    key = f"{title}\x1f{published}\x1f{text[:2000]}".encode("utf-8", "surrogatepass")
    return "sha1:" + hashlib.sha1(key, usedforsecurity=False).hexdigest()


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"<html" in head or b"<!doctype html" in head or b"<body" in head


def _one_line(exc: BaseException | object) -> str:
    text = str(exc) or type(exc).__name__
    text = text.removeprefix("<unknown>:")
    return clean_line(text.splitlines()[0] if text.splitlines() else text)[:200]
