"""Subscriptions in and out: OPML 2.0 both ways, newsboat's `urls` file in.

OPML folders become tags (a feed inside nested folders gets every folder's name);
the `category` attribute ("/a/b,/c") adds tags too. On export a feed sits in the
folder of its first tag and lists all its tags in `category`, so a round trip
keeps every tag.

newsboat `urls`: one feed per line, `URL tag "tag with spaces" "~Custom title"`;
`#` comments; `query:`, `exec:` and `filter:` lines are skipped with a note (they
are newsboat features, not feeds); `!` (hidden) markers are ignored.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from .errors import ImportFormatError
from .models import Feed
from .sanitize import clean_line

MAX_FILE = 20 * 1024 * 1024


@dataclass(slots=True)
class Subscription:
    url: str
    title: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportResult:
    subscriptions: list[Subscription]
    notes: list[str] = field(default_factory=list)  # skipped lines, with why
    kind: str = "opml"  # "opml" | "newsboat"


def read_subscriptions(path: str | Path) -> ImportResult:
    """Read an OPML file or a newsboat urls file (decided by content). Raises on other files.

    OSError propagates (the caller says "cannot read FILE"); a file in neither
    format raises `ImportFormatError`.
    """
    p = Path(path)
    with open(p, "rb") as fh:
        data = fh.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise ImportFormatError(f"{p.name} is too large for a subscription list")
    return parse_subscriptions(data, p.name)


def parse_subscriptions(data: bytes, name: str = "file") -> ImportResult:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return parse_opml(data, name)
    if b"\x00" in data[:4096]:
        raise ImportFormatError(f"{name} is not an OPML or newsboat urls file (binary data)")
    return parse_urls(data.decode("utf-8", errors="replace"), name)


def parse_opml(data: bytes, name: str = "file") -> ImportResult:
    import lxml.etree as etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        msg = exc.msg or "syntax error"  # lxml's str() adds "(<string>, line 1)"
        msg = re.sub(r"\s*\(<string>, line \d+\)$", "", msg.splitlines()[0])
        msg = re.sub(r",? line \d+(, column \d+)?$|\s+line \d+$", "", msg).strip() or "syntax error"
        where = f" at line {exc.lineno}" if exc.lineno else ""
        raise ImportFormatError(
            f"{name} is not valid OPML{where}: {clean_line(msg)[:120]}"
        ) from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise ImportFormatError(f"{name} is not an OPML file (its root is not <opml>)")
    body = next((c for c in root if isinstance(c.tag, str) and _local(c) == "body"), None)
    if body is None:
        raise ImportFormatError(f"{name} is not valid OPML: no <body>")
    out = ImportResult(subscriptions=[], kind="opml")

    def walk(node: object, folders: list[str]) -> None:
        for child in node:  # type: ignore[attr-defined]
            if not isinstance(child.tag, str) or _local(child) != "outline":
                continue
            url = clean_line(child.get("xmlUrl") or child.get("xmlurl") or child.get("url"))
            label = clean_line(child.get("title") or child.get("text"))
            if url:
                if not _is_web(url):
                    out.notes.append(f"skipped {url[:80]}: not an http(s) URL")
                    continue
                tags = list(folders)
                for cat in (child.get("category") or "").split(","):
                    tags += [clean_line(t) for t in cat.split("/") if clean_line(t)]
                out.subscriptions.append(Subscription(url, label or None, _dedupe(tags)))
            else:
                walk(child, folders + ([label] if label else []))

    walk(body, [])
    return out


def parse_urls(text: str, name: str = "file") -> ImportResult:
    out = ImportResult(subscriptions=[], kind="newsboat")
    bad = 0
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, posix=True)
        except ValueError:  # unbalanced quote: take the words as they are
            words = line.split()
        if not words:
            continue
        url, rest = words[0], words[1:]
        low = url.lower()
        if low.startswith(("query:", "exec:", "filter:")):
            out.notes.append(f"line {n}: skipped {low.split(':')[0]}: feed (a newsboat feature)")
            continue
        if not _is_web(url):
            bad += 1
            out.notes.append(f"line {n}: skipped: not an http(s) URL")
            continue
        title = None
        tags: list[str] = []
        for word in rest:
            if word.startswith("~"):
                title = clean_line(word[1:]) or None
            elif word.startswith("!"):
                continue  # newsboat's "hidden" marker
            elif clean_line(word):
                tags.append(clean_line(word))
        out.subscriptions.append(Subscription(clean_line(url), title, _dedupe(tags)))
    if not out.subscriptions and bad:
        raise ImportFormatError(f"{name} is not an OPML or newsboat urls file (no feed URLs)")
    return out


def write_opml(feeds: Iterable[Feed], title: str = "newsdesk subscriptions") -> str:
    """OPML 2.0 text: feeds grouped by their first tag; all tags in `category`."""
    groups: dict[str, list[Feed]] = {}
    for f in feeds:
        groups.setdefault(f.tags[0] if f.tags else "", []).append(f)
    now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_esc(title)}</title>",
        f"    <dateCreated>{now}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for folder in sorted(groups, key=str.casefold):
        indent = "    "
        if folder:
            lines.append(f"    <outline text={quoteattr(folder)} title={quoteattr(folder)}>")
            indent = "      "
        for f in groups[folder]:
            attrs = [
                'type="rss"',
                f"text={quoteattr(clean_line(f.title))}",
                f"title={quoteattr(clean_line(f.title))}",
                f"xmlUrl={quoteattr(clean_line(f.url))}",
            ]
            if f.site_url:
                attrs.append(f"htmlUrl={quoteattr(clean_line(f.site_url))}")
            if f.tags:
                cats = ",".join(
                    "/" + clean_line(t).replace(",", " ").replace("/", " ") for t in f.tags
                )
                attrs.append(f"category={quoteattr(cats)}")
            lines.append(f"{indent}<outline {' '.join(attrs)}/>")
        if folder:
            lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _local(el: object) -> str:
    tag = el.tag  # type: ignore[attr-defined]
    return (tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "").lower()


def _is_web(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _dedupe(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(t for t in tags if t))


def _esc(text: str) -> str:
    return clean_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
