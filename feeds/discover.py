"""A site's HTML page -> its feed URLs, through `<link rel="alternate" type="…">`."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from .sanitize import clean_line

FEED_TYPES = {
    "application/rss+xml": 0,
    "application/atom+xml": 1,
    "application/feed+json": 2,
    "application/json": 3,
    "application/rdf+xml": 4,
    "application/xml": 5,
    "text/xml": 5,
}


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]


def feed_links(html: bytes | str, base_url: str) -> list[str]:
    """Feed URLs the page advertises, best first (RSS, Atom, JSON Feed), absolute, deduped."""
    import lxml.etree
    import lxml.html

    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return []
    try:
        doc = lxml.html.document_fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return []
    found: list[tuple[int, int, str]] = []
    base = doc.find(".//base")
    if base is not None and base.get("href"):
        base_url = urljoin(base_url, clean_line(base.get("href")))
    for n, link in enumerate(doc.iter("link")):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = clean_line(link.get("href"))
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).scheme in ("http", "https"):
            found.append((FEED_TYPES[kind], n, url))
    seen: set[str] = set()
    out = []
    for _rank, _n, url in sorted(found):
        if url not in seen:
            seen.add(url)
            out.append(url)
    return out
