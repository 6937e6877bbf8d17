"""A corpus of hostile, broken and ordinary feeds, and a local server that serves it.

`build_corpus()` returns over 300 `Case`s: every RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and
JSON Feed variant, well-formed and not, wrong encodings, entity attacks, terminal and
markup injection, and faulty-server behaviours (bombs, trickles, silence, redirect
loops and chains across hosts). `HostileServer` serves them on 127.0.0.x only.

Used by bench/hostile.py and by tests/test_hostile_*.py (which load this file by path).

    python bench/hostile_corpus.py          # print a summary of the corpus
"""

from __future__ import annotations

import gzip
import json
import random
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ESC = "\x1b"
# Strings that must never survive into any output: raw, as XML char refs, in JSON.
INJECTIONS = {
    "ansi": f"{ESC}[31mRED{ESC}[0m{ESC}[2J{ESC}[?1049h",
    "osc": f"{ESC}]0;pwned{ESC}\\{ESC}]8;;http://127.0.0.1:1/x{ESC}\\link{ESC}]8;;\x07"
    f"{ESC}]52;c;ZXZpbA==\x07",
    "c0c1": "a\x00b\x07c\x08d\x0be\x0cf\x7fg\x85h\x9bi\x9dj",
    "bidi": "safe\u202etxt.exe\u202c \u2066iso\u2069 \u200fmark",
    "rich": "[bold red]big[/] [link=javascript:alert(1)]click[/link] [/] [@click=app.quit]q[/]",
    "markdown": "](javascript:alert(1)) <script>alert(1)</script> # heading | pipe *x*",
}
CANARY_PATH = "/canary/evil.dtd"  # an external DTD/entity fetch would hit this


@dataclass(slots=True)
class Case:
    name: str  # unique; served at /f/<name>
    kind: str  # ok | odd | malformed | encoding | injection | entity | resource | server
    body: bytes = b""
    content_type: str = "application/xml"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    behaviour: str = "serve"  # see HostileServer._serve for the others
    expect: str = "any"  # ok (stored, >= min_items) | error (one-line error) | any
    min_items: int = 1
    host: int = 0  # which 127.0.0.x server serves it (spreads per-host limits)


# -- feed builders -----------------------------------------------------------------


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(slots=True)
class Item:
    title: str | None = "An item"
    link: str | None = "http://127.0.0.1/item"
    date: str | None = "Tue, 02 Jan 2024 10:00:00 GMT"
    guid: str | None = None
    author: str | None = None
    body: str | None = "<p>Some text of the item.</p>"


def _items(n: int, **kw: object) -> list[Item]:
    out = []
    for i in range(n):
        it = Item(title=f"Item {i}", link=f"http://127.0.0.1/a/{i}", guid=f"g{i}")
        for k, v in kw.items():
            setattr(it, k, v)
        out.append(it)
    return out


def rss2(
    items: list[Item],
    title: str = "RSS 2 feed",
    version: str = "2.0",
    extra: str = "",
    prolog: str = '<?xml version="1.0" encoding="utf-8"?>\n',
    raw: bool = False,
) -> str:
    """RSS 0.91/0.92/0.93/0.94/2.0 (`raw`: strings inserted without escaping)."""
    esc = (lambda s: s) if raw else _x
    parts = [
        f'{prolog}<rss version="{version}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        f"<title>{esc(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>desc</description>{extra}",
    ]
    for it in items:
        parts.append("<item>")
        if it.title is not None:
            parts.append(f"<title>{esc(it.title)}</title>")
        if it.link is not None:
            parts.append(f"<link>{esc(it.link)}</link>")
        if it.guid is not None:
            parts.append(f'<guid isPermaLink="false">{esc(it.guid)}</guid>')
        if it.date is not None:
            parts.append(f"<pubDate>{esc(it.date)}</pubDate>")
        if it.author is not None:
            parts.append(f"<dc:creator>{esc(it.author)}</dc:creator>")
        if it.body is not None:
            parts.append(f"<description>{esc(it.body)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


def rss1(items: list[Item], title: str = "RSS 1.0 feed", raw: bool = False) -> str:
    esc = (lambda s: s) if raw else _x
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://127.0.0.1/"><title>{esc(title)}</title>'
        "<link>http://127.0.0.1/</link><description>d</description></channel>"
    ]
    for it in items:
        parts.append(f'<item rdf:about="{esc(it.link or "")}">')
        if it.title is not None:
            parts.append(f"<title>{esc(it.title)}</title>")
        if it.link is not None:
            parts.append(f"<link>{esc(it.link)}</link>")
        if it.date is not None:
            parts.append(f"<dc:date>{esc(it.date)}</dc:date>")
        if it.author is not None:
            parts.append(f"<dc:creator>{esc(it.author)}</dc:creator>")
        if it.body is not None:
            parts.append(f"<description>{esc(it.body)}</description>")
        parts.append("</item>")
    parts.append("</rdf:RDF>")
    return "".join(parts)


def atom(
    items: list[Item],
    title: str = "Atom feed",
    v03: bool = False,
    base: str = "",
    raw: bool = False,
) -> str:
    esc = (lambda s: s) if raw else _x
    ns = "http://purl.org/atom/ns#" if v03 else "http://www.w3.org/2005/Atom"
    date_tag = "modified" if v03 else "updated"
    xml_base = f' xml:base="{base}"' if base else ""
    version = ' version="0.3"' if v03 else ""
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ns}"'
        f"{version}{xml_base}><title>{esc(title)}</title>"
        '<link rel="alternate" href="http://127.0.0.1/"/><id>urn:feed</id>'
        f"<{date_tag}>2024-01-02T10:00:00Z</{date_tag}>"
    ]
    for it in items:
        parts.append("<entry>")
        if it.title is not None:
            parts.append(f"<title>{esc(it.title)}</title>")
        if it.link is not None:
            parts.append(f'<link rel="alternate" href="{esc(it.link)}"/>')
        if it.guid is not None:
            parts.append(f"<id>{esc(it.guid)}</id>")
        if it.date is not None:
            parts.append(f"<{date_tag}>{esc(it.date)}</{date_tag}>")
        if it.author is not None:
            parts.append(f"<author><name>{esc(it.author)}</name></author>")
        if it.body is not None:
            parts.append(f'<content type="html">{esc(it.body)}</content>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "".join(parts)


def jsonfeed(items: list[Item], title: str = "JSON feed", version: str = "1.1") -> str:
    feed: dict[str, object] = {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": title,
        "home_page_url": "http://127.0.0.1/",
        "items": [],
    }
    for it in items:
        d: dict[str, object] = {"id": it.guid or it.link or it.title or "x"}
        if it.title is not None:
            d["title"] = it.title
        if it.link is not None:
            d["url"] = it.link
        if it.date is not None:
            d["date_published"] = it.date
        if it.author is not None:
            d["authors" if version == "1.1" else "author"] = (
                [{"name": it.author}] if version == "1.1" else {"name": it.author}
            )
        if it.body is not None:
            d["content_html"] = it.body
        feed["items"].append(d)  # type: ignore[union-attr]
    return json.dumps(feed)


FORMATS = {
    "rss091": lambda items, **kw: rss2(items, version="0.91", **kw),
    "rss092": lambda items, **kw: rss2(items, version="0.92", **kw),
    "rss094": lambda items, **kw: rss2(items, version="0.94", **kw),
    "rss20": rss2,
    "rss10": rss1,
    "atom03": lambda items, **kw: atom(items, v03=True, **kw),
    "atom10": atom,
    "json10": lambda items, **kw: jsonfeed(items, version="1", **kw),
    "json11": jsonfeed,
}
_JSON_TYPE = "application/feed+json"

DATES = {
    "rfc822": "Tue, 02 Jan 2024 10:00:00 GMT",
    "rfc822_offset": "Tue, 02 Jan 2024 10:00:00 +0530",
    "rfc822_2digit_year": "Tue, 02 Jan 24 10:00:00 EST",
    "rfc3339": "2024-01-02T10:00:00Z",
    "rfc3339_frac": "2024-01-02T10:00:00.123456+02:00",
    "iso_no_tz": "2024-01-02T10:00:00",
    "date_only": "2024-01-02",
    "asctime": "Tue Jan  2 10:00:00 2024",
    "unix": "1704189600",
    "garbage": "not a date at all",
    "empty": "",
    "year_9999": "Fri, 31 Dec 9999 23:59:59 GMT",
    "year_0001": "0001-01-01T00:00:00Z",
    "far_offset": "2024-01-02T10:00:00+99:99",
    "feb30": "2024-02-30T10:00:00Z",
    "korean": "2024년 1월 2일",
    "huge_number": "9" * 400,
}


def _enc(case: Case, text: str, encoding: str = "utf-8") -> Case:
    case.body = text.encode(encoding, "surrogatepass")
    return case


def _ok(
    name: str, fmt: str, text: str, kind: str = "ok", min_items: int = 1, expect: str = "ok"
) -> Case:
    ct = _JSON_TYPE if fmt.startswith("json") else "application/xml"
    return _enc(Case(name, kind, content_type=ct, expect=expect, min_items=min_items), text)


def _well_formed(fmt: str) -> Iterator[Case]:
    make = FORMATS[fmt]
    yield _ok(f"{fmt}-basic", fmt, make(_items(3)))
    yield _ok(
        f"{fmt}-full",
        fmt,
        make(_items(5, author="Jane Doe", body="<p>Para one.</p><p>Para two.</p>")),
    )
    yield _ok(f"{fmt}-no-items", fmt, make([]), kind="odd", min_items=0)
    yield _ok(f"{fmt}-no-title", fmt, make(_items(2, title=None)), kind="odd")
    yield _ok(f"{fmt}-no-link", fmt, make(_items(2, link=None)), kind="odd")
    yield _ok(f"{fmt}-no-date", fmt, make(_items(2, date=None)), kind="odd")
    yield _ok(f"{fmt}-no-guid-no-link", fmt, make(_items(2, guid=None, link=None)), kind="odd")
    yield _ok(
        f"{fmt}-bare-item",
        fmt,
        make([Item(title=None, link=None, date=None, guid=None, body="only a body")]),
        kind="odd",
        expect="any",
    )
    yield _ok(f"{fmt}-dup-guids", fmt, make(_items(4, guid="same-guid")), kind="odd")
    yield _ok(
        f"{fmt}-relative-links",
        fmt,
        make([Item(title=f"R{i}", link=f"/rel/{i}", guid=f"r{i}") for i in range(3)]),
        kind="odd",
    )
    yield _ok(
        f"{fmt}-empty-strings",
        fmt,
        make(_items(2, title="", link="", author="", body="")),
        kind="odd",
        expect="any",
    )
    yield _ok(f"{fmt}-long-title", fmt, make(_items(1, title="long " * 40000)), kind="odd")
    yield _ok(
        f"{fmt}-unicode",
        fmt,
        make(_items(2, title="Zürich 東京 🎉 «q» — ½", author="Ærøskøbing")),
        kind="odd",
    )
    for dname, d in DATES.items():
        yield _ok(f"{fmt}-date-{dname}", fmt, make(_items(1, date=d)), kind="odd")


def _injection(fmt: str) -> Iterator[Case]:
    make = FORMATS[fmt]
    is_json = fmt.startswith("json")
    for iname, payload in INJECTIONS.items():
        items = [
            Item(
                title=f"T {payload}",
                link="http://127.0.0.1/i",
                guid=f"i-{iname}",
                author=f"A {payload}",
                body=f"<p>Body {payload} end</p>",
            )
        ]
        if is_json:
            # json.dumps writes controls as \u001b etc.: the JSON-string variant.
            yield _ok(
                f"{fmt}-inject-{iname}",
                fmt,
                make(items, title=f"F {payload}"),
                kind="injection",
                expect="any",
            )
            continue
        # As XML character references (&#27; is not legal XML 1.0: parsers may reject or keep).
        refs = "".join(
            f"&#{ord(c)};" if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else _x(c) for c in payload
        )
        items_ref = [
            Item(
                title=f"T {refs}",
                link="http://127.0.0.1/i",
                guid=f"r-{iname}",
                author=f"A {refs}",
                body=f"B {refs} end",
            )
        ]
        yield _ok(
            f"{fmt}-inject-{iname}-charref",
            fmt,
            make(items_ref, title=f"F {refs}", raw=True),
            kind="injection",
            expect="any",
        )
        # Raw in the bytes (illegal in XML for C0; a lenient parser may keep them).
        yield _ok(
            f"{fmt}-inject-{iname}-raw",
            fmt,
            make(items, title=f"F {payload}"),
            kind="injection",
            expect="any",
        )
        # Inside CDATA, as HTML in the description.
        cdata = [
            Item(
                title=f"T {payload}",
                link="http://127.0.0.1/i",
                guid=f"c-{iname}",
                author="A",
                body=f"<![CDATA[<b>Body</b> {payload}]]>",
            )
        ]
        yield _ok(
            f"{fmt}-inject-{iname}-cdata",
            fmt,
            make(cdata, raw=True) if fmt.startswith("rss") else make(cdata),
            kind="injection",
            expect="any",
        )


def _encodings() -> Iterator[Case]:
    cyr = "Новости дня: президент заявил"
    text = rss2([Item(title=cyr, guid="c1", body=cyr)], title=cyr)
    yield _enc(Case("enc-cp1251-declared-utf8", "encoding", expect="any"), text, "cp1251")
    yield _enc(
        Case("enc-cp1251-declared-cp1251", "encoding", expect="ok"),
        text.replace('encoding="utf-8"', 'encoding="windows-1251"'),
        "cp1251",
    )
    yield _enc(
        Case(
            "enc-cp1251-http-charset",
            "encoding",
            expect="any",
            content_type="application/xml; charset=windows-1251",
        ),
        text.replace('encoding="utf-8"', 'encoding="windows-1251"'),
        "cp1251",
    )
    latin = rss2([Item(title="Café déjà vu", guid="l1")])
    yield _enc(Case("enc-latin1-declared-utf8", "encoding", expect="any"), latin, "latin-1")
    yield _enc(
        Case("enc-latin1-no-decl", "encoding", expect="any"), latin.split("\n", 1)[1], "latin-1"
    )
    c = Case("enc-utf8-bom", "encoding", expect="ok")
    c.body = b"\xef\xbb\xbf" + rss2(_items(2)).encode()
    yield c
    c = Case("enc-utf8-bom-declared-latin1", "encoding", expect="any")
    c.body = b"\xef\xbb\xbf" + rss2(_items(2)).replace("utf-8", "iso-8859-1").encode()
    yield c
    yield _enc(
        Case("enc-utf16-bom", "encoding", expect="ok"),
        rss2(_items(2)).replace("utf-8", "utf-16"),
        "utf-16",
    )
    yield _enc(
        Case("enc-utf16le-no-bom", "encoding", expect="any"),
        rss2(_items(2)).replace("utf-8", "utf-16"),
        "utf-16-le",
    )
    yield _enc(
        Case("enc-utf32", "encoding", expect="any"),
        rss2(_items(2)).replace("utf-8", "utf-32"),
        "utf-32",
    )
    yield _enc(
        Case(
            "enc-unknown-charset",
            "encoding",
            expect="any",
            content_type="text/xml; charset=x-no-such-charset",
        ),
        rss2(_items(2)).replace("utf-8", "x-no-such-charset"),
    )
    yield _enc(
        Case("enc-json-cp1251", "encoding", expect="any", content_type=_JSON_TYPE),
        jsonfeed([Item(title=cyr, guid="j")]).replace("\\u", "\\\\u"),
        "cp1251",
    )
    c = Case("enc-json-bom", "encoding", expect="any", content_type=_JSON_TYPE)
    c.body = b"\xef\xbb\xbf" + jsonfeed(_items(2)).encode()
    yield c
    c = Case("enc-invalid-utf8-bytes", "encoding", expect="any")
    c.body = rss2(_items(2, title="bad \x00 here")).encode().replace(b"\x00", b"\xff\xfe\xc3")
    yield c
    c = Case("enc-gzip-body-no-header", "encoding", expect="any")
    c.body = gzip.compress(rss2(_items(2)).encode())
    yield c
    c = Case(
        "enc-content-encoding-gzip-ok",
        "encoding",
        expect="ok",
        headers={"Content-Encoding": "gzip"},
    )
    c.body = gzip.compress(rss2(_items(3)).encode())
    yield c
    c = Case(
        "enc-content-encoding-gzip-lies",
        "encoding",
        expect="error",
        headers={"Content-Encoding": "gzip"},
    )
    c.body = rss2(_items(3)).encode()
    yield c
    c = Case(
        "enc-content-encoding-br-ok", "encoding", expect="ok", headers={"Content-Encoding": "br"}
    )
    import brotli

    c.body = brotli.compress(rss2(_items(3)).encode())
    yield c
    c = Case(
        "enc-content-encoding-unknown",
        "encoding",
        expect="any",
        headers={"Content-Encoding": "x-weird"},
    )
    c.body = rss2(_items(3)).encode()
    yield c


def _malformed() -> Iterator[Case]:
    good = rss2(_items(5))
    mk = lambda name, text, expect="any", ct="application/xml": _enc(  # noqa: E731
        Case(f"bad-{name}", "malformed", expect=expect, content_type=ct), text
    )
    yield mk("truncated-half", good[: len(good) // 2])
    yield mk("truncated-in-tag", good[: good.index("<item>", 300) + 3])
    yield mk("unclosed-item", good.replace("</item>", "", 1))
    yield mk("mismatched-tags", good.replace("</title>", "</titel>", 2))
    yield mk("undefined-entity", good.replace("Item 1", "Item&nbsp;1 &copy; &bogus;"))
    yield mk("bare-ampersand", good.replace("Item 2", "Tom & Jerry < 3"))
    yield mk("garbage-after-root", good + "<rss><junk>")
    yield mk("two-roots", good + good)
    yield mk("nul-bytes", good.replace("Item 3", "It\x00em\x00 3"))
    yield mk("no-xml-decl", good.split("\n", 1)[1], expect="ok")
    yield mk("xml-decl-not-first", "\n\n   " + good, expect="any")
    yield mk("wrong-root", good.replace("<rss", "<rs").replace("</rss>", "</rs>"))
    yield mk(
        "html-page",
        "<!doctype html><html><head><title>A site</title>"
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
        "<body><h1>Welcome</h1><p>No feed here.</p></body></html>",
        ct="text/html",
    )
    yield mk("html-as-xml", "<html><body><p>just html</p></body></html>")
    yield mk("empty", "")
    yield mk("whitespace", "   \n\t\n  ")
    yield mk("only-bom", "\ufeff")
    yield mk("only-decl", '<?xml version="1.0"?>')
    yield mk("plain-text", "Hello, this is not a feed.\n" * 20, ct="text/plain")
    yield mk(
        "json-broken", '{"version": "https://jsonfeed.org/version/1.1", "items": [', ct=_JSON_TYPE
    )
    yield mk(
        "json-items-not-list",
        json.dumps(
            {"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": {"a": 1}}
        ),
        ct=_JSON_TYPE,
    )
    yield mk(
        "json-item-not-object",
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "x",
                "items": [1, "two", None, []],
            }
        ),
        ct=_JSON_TYPE,
    )
    yield mk(
        "json-wrong-types",
        json.dumps(
            {
                "version": 1,
                "title": ["a"],
                "home_page_url": 5,
                "items": [
                    {
                        "id": 5,
                        "title": {"x": 1},
                        "url": [],
                        "date_published": 123,
                        "content_html": None,
                        "authors": "bob",
                        "tags": 7,
                    }
                ],
            }
        ),
        ct=_JSON_TYPE,
    )
    yield mk(
        "json-nan-huge",
        '{"version":"https://jsonfeed.org/version/1.1","title":NaN,'
        '"items":[{"id":1e999999,"title":-Infinity,"url":"http://127.0.0.1/"}]}',
        ct=_JSON_TYPE,
    )
    yield mk(
        "json-lone-surrogate",
        '{"version":"https://jsonfeed.org/version/1.1",'
        '"title":"bad \\ud800 surrogate","items":[{"id":"s","title":"x\\udfff y",'
        '"content_text":"z\\ud83d"}]}',
        ct=_JSON_TYPE,
    )
    yield mk(
        "json-deep-nesting",
        '{"version":"https://jsonfeed.org/version/1.1","title":"d",'
        '"items":' + "[" * 100000 + "]" * 100000 + "}",
        ct=_JSON_TYPE,
    )
    yield mk(
        "json-dup-keys",
        '{"version":"https://jsonfeed.org/version/1.1","title":"a",'
        '"title":"b","items":[{"id":"1","id":"2","title":"t"}]}',
        ct=_JSON_TYPE,
    )
    yield mk("json-top-level-array", "[1,2,3]", ct=_JSON_TYPE)
    yield mk("json-as-xml-type", jsonfeed(_items(2)))
    yield mk(
        "xml-deep-nesting",
        rss2(
            [Item(title="deep", guid="d", body=None)],
            extra="<x>" * 50000 + "</x>" * 50000,
            raw=True,
        ),
    )
    yield mk(
        "html-deep-nesting-in-body",
        rss2([Item(title="deep body", guid="db", body="<div>" * 50000 + "t")]),
    )
    yield mk(
        "many-attributes",
        rss2(_items(1)).replace(
            "<channel>", "<channel " + " ".join(f'a{i}="{i}"' for i in range(20000)) + ">"
        ),
    )
    yield mk("huge-comment", good.replace("<channel>", "<channel><!--" + "c" * 2_000_000 + "-->"))
    yield mk("processing-instructions", good.replace("<channel>", "<channel><?php evil() ?>"))
    yield mk(
        "script-in-body",
        rss2(
            [
                Item(
                    title="s",
                    guid="s",
                    body="<script>alert(1)</script>"
                    "<style>p{}</style><iframe src='x'></iframe><p>ok</p>",
                )
            ]
        ),
        expect="ok",
    )
    yield mk("cdata-unterminated", good.replace("<description>", "<description><![CDATA[", 1))
    yield mk("rss-in-atom-ns", good.replace("<rss", '<rss xmlns="http://www.w3.org/2005/Atom"'))
    yield mk(
        "atom-xml-base-relative",
        atom([Item(title="rel", link="../up/a", guid="x")], base="http://127.0.0.1/feeds/"),
        expect="ok",
    )
    items = [
        Item(
            title=f"Bulk item {i}", link=f"http://127.0.0.1/b/{i}", guid=f"b{i}", body=f"Text {i}."
        )
        for i in range(20000)
    ]
    c = mk("twenty-thousand-items", rss2(items), expect="ok")
    c.kind, c.min_items = "odd", 10000  # feeds.parse.MAX_ENTRIES: the first 10,000 kept
    yield c
    rnd = random.Random(7)
    for i in range(6):
        c = Case(f"bad-binary-junk-{i}", "malformed")
        c.body = bytes(rnd.getrandbits(8) for _ in range(rnd.choice([1, 100, 5000, 60000])))
        yield c
    c = Case("bad-png", "malformed", content_type="image/png")
    c.body = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10
    yield c
    c = Case("bad-zip", "malformed", content_type="application/zip")
    c.body = b"PK\x03\x04" + bytes(range(256)) * 10
    yield c


def _entities(secret_file: str) -> Iterator[Case]:
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>\n"
    )
    body = rss2([Item(title="&lol9;", guid="lol", body="&lol9;")], prolog=lol, raw=True)
    yield _enc(Case("ent-billion-laughs", "entity"), body)
    quad = '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + "A" * 50000 + '">]>\n'
    yield _enc(
        Case("ent-quadratic-blowup", "entity"),
        rss2([Item(title="q", guid="q", body="&a;" * 20000)], prolog=quad, raw=True),
    )
    for name, target in [
        ("passwd", "file:///etc/passwd"),
        ("secret", f"file://{secret_file}"),
        ("canary-http", f"http://127.0.0.1:{{port}}{CANARY_PATH}"),
    ]:
        xxe = f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>\n'
        yield _enc(
            Case(f"ent-xxe-{name}", "entity"),
            rss2([Item(title="X &xxe; X", guid="x", body="B &xxe; B")], prolog=xxe, raw=True),
        )
        pe = f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % pe SYSTEM "{target}"> %pe;]>\n'
        yield _enc(
            Case(f"ent-param-{name}", "entity"),
            rss2([Item(title="P", guid="p")], prolog=pe, raw=True),
        )
        yield _enc(
            Case(f"ent-atom-xxe-{name}", "entity"),
            atom([Item(title="X &xxe; X", guid="x", body="&xxe;")], raw=True).replace(
                "<feed", f'<!DOCTYPE feed [<!ENTITY xxe SYSTEM "{target}">]>\n<feed', 1
            ),
        )
        yield _enc(
            Case(f"ent-rss1-xxe-{name}", "entity"),
            rss1([Item(title="X &xxe; X", link="http://127.0.0.1/")], raw=True).replace(
                "<rdf:RDF", f'<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "{target}">]>\n<rdf:RDF', 1
            ),
        )
    ext_dtd = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:{{port}}{CANARY_PATH}">\n'
    )
    yield _enc(Case("ent-external-dtd", "entity"), rss2(_items(1), prolog=ext_dtd))
    xinc = rss2(_items(1)).replace(
        "<channel>",
        '<channel><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="file:///etc/passwd" parse="text"/>',
    )
    yield _enc(Case("ent-xinclude", "entity"), xinc)


def _resources(bomb_mb: int, big_mb: int) -> Iterator[Case]:
    yield Case(
        "res-gzip-bomb",
        "resource",
        behaviour="gzip-bomb",
        expect="error",
        headers={"X-Size-MB": str(bomb_mb)},
    )
    yield Case(
        "res-brotli-bomb",
        "resource",
        behaviour="brotli-bomb",
        expect="error",
        headers={"X-Size-MB": str(bomb_mb)},
    )
    yield Case(
        "res-big-declared",
        "resource",
        behaviour="big",
        expect="error",
        headers={"X-Size-MB": str(big_mb), "X-Declare": "1"},
    )
    yield Case(
        "res-big-chunked",
        "resource",
        behaviour="big",
        expect="error",
        headers={"X-Size-MB": str(big_mb)},
    )
    for name, broken in (("res-many-items", ""), ("res-many-items-ill-formed", "1")):
        c = Case(name, "resource", behaviour="many-items", expect="ok")  # just under the cap
        c.headers = {"X-Size-MB": str(min(big_mb, 19)), "X-Broken": broken}
        c.min_items = 10_000  # at least the first 10,000 (feeds.parse.MAX_ENTRIES) are stored
        yield c
    # Bodies that cost a parse far more than their size (feeds.workers limits each parse).
    cap = min(big_mb, 20)
    c = Case("res-cut-at-cap-ill-formed", "resource", behaviour="generated", expect="ok")
    c.headers = {"X-Body": "cut-at-cap", "X-Size-MB": str(cap)}  # stops mid-item under the cap
    c.min_items = 1000 * cap // 20 or 1
    yield c
    c = Case("res-huge-text-nodes", "resource", behaviour="generated", expect="ok", min_items=3)
    c.headers = {"X-Body": "huge-text", "X-Size-MB": str(min(big_mb, 19))}  # 3 items, one text each
    yield c
    # 1.5 MB that feedparser's loose parser took minutes and gigabytes on (it overran the
    # memory limit); read since the tags nested past feeds.parse.MAX_DEPTH are dropped.
    c = Case("res-deep-nesting-slow", "resource", behaviour="generated", expect="ok")
    c.headers = {"X-Body": "deep-slow"}
    yield c
    yield Case("res-length-lies-small", "resource", behaviour="length-lies", expect="error")
    yield Case("res-trickle", "resource", behaviour="trickle", expect="error")
    yield Case("res-trickle-headers", "resource", behaviour="trickle-headers", expect="error")
    yield Case("res-never-answers", "resource", behaviour="hang", expect="error")
    yield Case("res-headers-then-silence", "resource", behaviour="hang-body", expect="error")
    yield Case("res-close-immediately", "resource", behaviour="close", expect="error")
    yield Case("res-garbage-status-line", "resource", behaviour="garbage-status", expect="error")


def _server_faults() -> Iterator[Case]:
    for status in (204, 301, 400, 401, 403, 404, 410, 418, 500, 502, 503, 999):
        yield Case(
            f"http-{status}",
            "server",
            status=status,
            expect="error",
            body=b"<html>error</html>",
            content_type="text/html",
        )
    yield Case(
        "http-429-retry-after", "server", status=429, expect="error", headers={"Retry-After": "120"}
    )
    yield Case(
        "http-503-retry-after-date",
        "server",
        status=503,
        expect="error",
        headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"},
    )
    yield Case(
        "http-503-retry-after-junk",
        "server",
        status=503,
        expect="error",
        headers={"Retry-After": "soon-ish \x01"},
    )
    yield Case("http-304-unasked", "server", status=304, expect="any")
    yield Case(
        "http-200-huge-header",
        "server",
        expect="any",
        headers={"X-Big": "h" * 60000},
        body=rss2(_items(1)).encode(),
    )
    yield Case(
        "http-200-ct-junk",
        "server",
        expect="any",
        content_type="\x01;;;=charset",
        body=rss2(_items(1)).encode(),
    )
    yield Case(
        "http-etag-hostile",
        "server",
        expect="ok",
        body=rss2(_items(1)).encode(),
        headers={
            "ETag": '"' + INJECTIONS["ansi"].replace(ESC, "") + '"' * 100,
            "Last-Modified": "garbage date",
        },
    )
    yield Case("redir-loop", "server", behaviour="redirect-loop", expect="error")
    yield Case("redir-ping-pong", "server", behaviour="redirect-pingpong", expect="error")
    yield Case(
        "redir-chain-short-ok",
        "server",
        behaviour="redirect-chain",
        expect="ok",
        headers={"X-Hops": "2"},
    )
    yield Case(
        "redir-chain-thousands",
        "server",
        behaviour="redirect-chain",
        expect="error",
        headers={"X-Hops": "3000"},
    )
    yield Case(
        "redir-to-file",
        "server",
        behaviour="redirect-to",
        expect="error",
        headers={"X-Target": "file:///etc/passwd"},
    )
    yield Case(
        "redir-to-ftp",
        "server",
        behaviour="redirect-to",
        expect="error",
        headers={"X-Target": "ftp://127.0.0.1/feed.xml"},
    )
    yield Case(
        "redir-to-javascript",
        "server",
        behaviour="redirect-to",
        expect="error",
        headers={"X-Target": "javascript:alert(1)"},
    )
    yield Case("redir-no-location", "server", status=302, expect="error")
    yield Case(
        "redir-relative-ok",
        "server",
        behaviour="redirect-to",
        expect="ok",
        headers={"X-Target": "/f/rss20-basic"},
    )


def build_corpus(
    secret_file: str = "/nonexistent/secret", *, bomb_mb: int = 1024, big_mb: int = 50
) -> list[Case]:
    """Every case, with unique names; `{port}` in bodies is filled in by the server."""
    cases: list[Case] = []
    for fmt in FORMATS:
        cases += _well_formed(fmt)
        cases += _injection(fmt)
    cases += _encodings()
    cases += _malformed()
    cases += _entities(secret_file)
    cases += _resources(bomb_mb, big_mb)
    cases += _server_faults()
    names = Counter(c.name for c in cases)
    dup = [n for n, k in names.items() if k > 1]
    assert not dup, dup
    for i, c in enumerate(cases):
        c.host = i % HOSTS
    return cases


# -- the server --------------------------------------------------------------------

HOSTS = 4  # 127.0.0.1 .. 127.0.0.4


class HostileServer:
    """Serves cases at http://127.0.0.N:PORT/f/<name> from threads; loopback only.

    `hits` counts requests per path (canary hits show an external entity/DTD was fetched).
    Sleeping behaviours wake up and end when `close()` is called.
    """

    def __init__(
        self, cases: list[Case], *, trickle_seconds: float = 600.0, hang_seconds: float = 600.0
    ):
        self.cases = {c.name: c for c in cases}
        self.trickle_seconds = trickle_seconds
        self.hang_seconds = hang_seconds
        self.stop = threading.Event()
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []
        self._bomb_cache: dict[tuple[str, int], bytes] = {}
        for c in cases:  # made now: compressing them while serving would stall the client
            if c.behaviour in ("gzip-bomb", "brotli-bomb"):
                self.bomb(c.behaviour.split("-")[0], int(c.headers.get("X-Size-MB", "1")))
            elif c.behaviour == "many-items":
                self.many_items(int(c.headers["X-Size-MB"]), bool(c.headers.get("X-Broken")))
            elif c.behaviour == "generated":
                self.generated(c)
        handler = _make_handler(self)
        for n in range(1, HOSTS + 1):
            srv = _QuietServer((f"127.0.0.{n}", 0), handler)
            srv.daemon_threads = True
            self._servers.append(srv)
            threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()

    def base(self, host: int = 0) -> str:
        addr, port = self._servers[host % HOSTS].server_address[:2]
        return f"http://{addr}:{port}"

    def url(self, case: Case | str) -> str:
        c = self.cases[case] if isinstance(case, str) else case
        return f"{self.base(c.host)}/f/{c.name}"

    def canary_hits(self) -> int:
        return self.hits[CANARY_PATH]

    def bomb(self, kind: str, mb: int) -> bytes:
        with self._lock:
            key = (kind, mb)
            if key not in self._bomb_cache:
                self._bomb_cache[key] = _make_bomb(kind, mb)
            return self._bomb_cache[key]

    def many_items(self, mb: int, broken: bool) -> bytes:
        with self._lock:
            key = ("many-items" + "-broken" * broken, mb)
            if key not in self._bomb_cache:
                self._bomb_cache[key] = many_items_feed(mb, broken)
            return self._bomb_cache[key]

    def generated(self, case: Case) -> bytes:
        """The body of a `generated` case (made once)."""
        kind, mb = case.headers["X-Body"], int(case.headers.get("X-Size-MB", "0"))
        with self._lock:
            key = (kind, mb)
            if key not in self._bomb_cache:
                self._bomb_cache[key] = GENERATED[kind](mb)
            return self._bomb_cache[key]

    def close(self) -> None:
        self.stop.set()
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a refresh connects to every feed at once: no SYN drops, 1 s retries

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up mid-request is what these cases provoke: no tracebacks


def _make_bomb(kind: str, mb: int) -> bytes:
    chunk = b"\0" * (1 << 20)
    if kind == "gzip":
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
        parts = [comp.compress(chunk) for _ in range(mb)]
        return b"".join(parts) + comp.flush()
    import brotli

    bc = brotli.Compressor(quality=5)
    parts = [bc.process(chunk) for _ in range(mb)]
    return b"".join(parts) + bc.finish()


def many_items_feed(mb: int, broken: bool = False) -> bytes:
    """`mb` MB of tiny RSS items (~90,000 in 19 MB); `broken` adds an undefined entity."""
    item = (
        "<item><title>Item {0}</title><link>http://127.0.0.1/m/{0}</link><guid>m{0}</guid>"
        "<description>Text {0} of a tiny item.</description></item>\n"
    )
    head = rss2([]).split("</channel>")[0] + ("<title>&bogus; feed</title>" if broken else "")
    n = (mb << 20) // len(item.format(100000))
    return (head + "".join(item.format(i) for i in range(n)) + "</channel></rss>").encode()


def cut_at_cap_feed(mb: int = 20) -> bytes:
    """A feed of 4 KB items cut a few KB under `mb` MiB, in the middle of an item: what
    a server or a proxy that stopped at a size cap sends. Not well-formed."""
    head = rss2([]).split("</channel>")[0]
    text = _x("<p>" + "A paragraph of an ordinary story, long enough to matter. " * 70 + "</p>")
    item = (
        "<item><title>Story {0}</title><link>http://127.0.0.1/cut/{0}</link>"
        "<guid>cut{0}</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>"
        "<description>" + text + "</description></item>\n"
    )
    n = (mb << 20) // len(item.format(1000)) + 2
    body = (head + "".join(item.format(i) for i in range(n))).encode()
    return body[: (mb << 20) - 5000]


def huge_text_feed(mb: int = 19, items: int = 3) -> bytes:
    """A well-formed feed of a few items, each one text node of `mb / items` MiB."""
    text = "word " * ((mb << 20) // items // 5)
    return rss2(
        [Item(title=f"Huge {i}", guid=f"huge{i}", body=text) for i in range(items)]
    ).encode()


def deep_slow_feed(_mb: int = 0) -> bytes:
    """An item never closed, holding 500,000 nested elements (1.5 MB): small enough for
    feedparser's loose parser, which needs minutes and gigabytes for it."""
    return rss2(_items(1)).replace("</item>", "<x>" * 500_000, 1).encode()


GENERATED = {
    "cut-at-cap": cut_at_cap_feed,
    "huge-text": huge_text_feed,
    "deep-slow": deep_slow_feed,
}


def _big_feed_chunks(mb: int) -> Iterator[bytes]:
    head = rss2([]).split("</channel>")[0].encode()
    yield head
    item = rss2(_items(1, body="x" * 4000)).split("<item>")[1].split("</item>")[0]
    block = ("<item>" + item + "</item>").encode() * 64
    total = len(head)
    while total < mb << 20:
        yield block
        total += len(block)
    yield b"</channel></rss>"


def _make_handler(server: HostileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = urlsplit(self.path).path
            with server._lock:
                server.hits[path] += 1
            try:
                self._dispatch(path)
            except (ConnectionError, TimeoutError, OSError):
                pass  # the client gave up: that is the point of most cases

        def _port(self) -> int:
            return int(self.server.server_address[1])

        def _send(
            self,
            status: int,
            body: bytes,
            ctype: str = "application/xml",
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response_only(status) if status >= 600 else self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                if not k.startswith("X-") or k == "X-Big":
                    self.send_header(k, v)
            if status not in (204, 304):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status not in (204, 304):
                self.wfile.write(body)

        def _redirect(self, location: str, status: int = 302) -> None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _dispatch(self, path: str) -> None:
            if path == CANARY_PATH:
                self._send(200, b'<!ENTITY canary "CANARY-FETCHED">', "application/xml-dtd")
                return
            if path.startswith("/chain/"):
                _, _, rest = path.partition("/chain/")
                name, _, left = rest.rpartition("/")
                n = int(left)
                if n <= 0:
                    self._redirect(f"/f/{name}")
                else:
                    nxt = (self._port_index() + 1) % HOSTS
                    self._redirect(f"{server.base(nxt)}/chain/{name}/{n - 1}")
                return
            if path.startswith("/pp/"):
                other = "b" if path.endswith("/a") else "a"
                self._redirect(f"{server.base(1)}/pp/{other}")
                return
            case = server.cases.get(path.removeprefix("/f/"))
            if case is None:
                self._send(404, b"not found", "text/plain")
                return
            self._behave(case)

        def _port_index(self) -> int:
            for i, srv in enumerate(server._servers):
                if srv is self.server:
                    return i
            return 0

        def _behave(self, c: Case) -> None:
            b = c.behaviour
            mb = int(c.headers.get("X-Size-MB", "1"))
            if b == "serve":
                body = c.body.replace(b"{port}", str(self._port()).encode())
                self._send(c.status, body, c.content_type, c.headers)
            elif b in ("gzip-bomb", "brotli-bomb"):
                kind = b.split("-")[0]
                self._send(
                    200,
                    server.bomb(kind, mb),
                    "application/xml",
                    {"Content-Encoding": "gzip" if kind == "gzip" else "br"},
                )
            elif b == "big":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                if c.headers.get("X-Declare"):
                    self.send_header("Content-Length", str(sum(map(len, _big_feed_chunks(mb)))))
                    self.end_headers()
                    for chunk in _big_feed_chunks(mb):
                        self.wfile.write(chunk)
                else:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for chunk in _big_feed_chunks(mb):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
            elif b == "many-items":
                body = server.many_items(mb, bool(c.headers.get("X-Broken")))
                self._send(200, body, "application/rss+xml")
            elif b == "generated":
                self._send(200, server.generated(c), "application/rss+xml")
            elif b == "length-lies":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(rss2(_items(1)).encode()[:200])
                self.close_connection = True
            elif b in ("trickle", "trickle-headers"):
                if b == "trickle-headers":
                    for ch in b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n":
                        if server.stop.wait(1.0):
                            return
                        self.wfile.write(bytes([ch]))
                        self.wfile.flush()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                data = rss2(_items(3)).encode()
                end = time.monotonic() + server.trickle_seconds
                for i in range(len(data)):
                    if server.stop.wait(1.0) or time.monotonic() > end:
                        break
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
                self.close_connection = True
            elif b == "hang":
                server.stop.wait(server.hang_seconds)
                self.close_connection = True
            elif b == "hang-body":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", "5000")
                self.end_headers()
                self.wfile.flush()
                server.stop.wait(server.hang_seconds)
                self.close_connection = True
            elif b == "close":
                self.close_connection = True
                self.connection.shutdown(2)
            elif b == "garbage-status":
                self.wfile.write(b"\x1b[31mNOT HTTP\x00\r\n\r\n")
                self.close_connection = True
            elif b == "redirect-loop":
                self._redirect(f"/f/{c.name}", 301)
            elif b == "redirect-pingpong":
                self._redirect(f"{server.base(1)}/pp/a")
            elif b == "redirect-chain":
                hops = int(c.headers.get("X-Hops", "3"))
                self._redirect(f"{server.base(c.host + 1)}/chain/rss20-basic/{hops}")
            elif b == "redirect-to":
                self._redirect(c.headers["X-Target"])
            else:  # pragma: no cover - a corpus bug
                self._send(500, b"unknown behaviour", "text/plain")

    return Handler


def main() -> None:
    cases = build_corpus()
    by_kind = Counter(c.kind for c in cases)
    size = sum(len(c.body) for c in cases)
    print(f"{len(cases)} cases, {size / 1e6:.1f} MB of static bodies")
    for kind, n in sorted(by_kind.items()):
        print(f"  {kind:<10} {n}")


if __name__ == "__main__":
    main()
