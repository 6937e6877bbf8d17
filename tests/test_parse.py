"""parse_feed: every format, relative links, text from HTML, guids, dates, clear errors."""

from __future__ import annotations

import json

import pytest
from feedserver import Item, atom, jsonfeed, rss
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import FeedError, parse_feed
from feeds.parse import _lxml_html_to_text, _simple_html_to_text, html_to_text, parse_fast

URL = "http://example.test/news/feed.xml"
ITEMS = [
    Item("First & best", "/news/1", "<p>One <b>bold</b> line.</p><h2>Sub head</h2><p>Two.</p>"),
    Item("Second", "http://other.test/2", "<p>Plain</p>", guid="id-2", author="Ann Lee"),
]


def test_rss2() -> None:
    f = parse_feed(rss("My feed", ITEMS, link="/news/").encode(), URL)
    assert f.title == "My feed" and f.site_url == "http://example.test/news/"
    a, b = f.entries
    assert a.title == "First & best"
    assert a.url == "http://example.test/news/1"  # relative link resolved against the feed URL
    assert a.guid == "http://example.test/news/1"  # no guid: the link
    assert a.text == "One bold line.\n\nSub head\n\nTwo."  # paragraphs and heading kept apart
    assert a.published == 1704189600.0
    assert b.guid == "id-2" and b.url == "http://other.test/2"


def test_atom_and_json_feed() -> None:
    for body in (atom("A", ITEMS), jsonfeed("A", ITEMS)):
        f = parse_feed(body.encode(), URL)
        assert f.title == "A" and len(f.entries) == 2
        assert f.entries[0].url == "http://example.test/news/1"
        assert f.entries[0].text.startswith("One bold line.")
        assert f.entries[1].author == "Ann Lee"
        assert f.entries[0].published == 1704189600.0


def test_rss1_and_rss091() -> None:
    rdf = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>R1</title><link>/</link>
      </channel><item rdf:about="/r/1"><title>Item</title><link>/r/1</link>
      <description>Hello</description></item></rdf:RDF>"""
    f = parse_feed(rdf.encode(), URL)
    assert f.title == "R1" and f.entries[0].url == "http://example.test/r/1"
    old = """<rss version="0.91"><channel><title>Old</title><item><title>T</title>
      <link>http://example.test/o</link><description>D</description></item></channel></rss>"""
    assert parse_feed(old.encode(), URL).entries[0].text == "D"


def test_no_link_no_guid_gets_a_stable_hash() -> None:
    body = rss("F", [Item("Lonely", None, "<p>x</p>")]).encode()
    a, b = parse_feed(body, URL).entries[0], parse_feed(body, URL).entries[0]
    assert a.guid == b.guid and a.guid.startswith("sha1:")


def test_broken_feed_still_read_by_feedparser() -> None:
    body = rss("Broken", ITEMS).replace("</channel></rss>", "").encode()  # truncated
    assert parse_fast(body, URL) is None
    f = parse_feed(body, URL)
    assert len(f.entries) == 2 and f.entries[0].title == "First & best"


def test_fast_and_careful_paths_agree() -> None:
    body = rss("F", ITEMS).encode()
    fast = parse_fast(body, URL)
    assert fast is not None
    careful = parse_feed(body.replace(b"<rss", b"<!DOCTYPE rss>\n<rss", 1), URL)
    assert [(e.guid, e.url, e.title, e.text, e.published) for e in fast.entries] == [
        (e.guid, e.url, e.title, e.text, e.published) for e in careful.entries
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<!DOCTYPE html><html><body><p>A site</p></body></html>", "HTML page"),
        (b"\x00\x01\x02 junk", "not a feed"),
        (b'{"hello": 1}', "not a feed"),
        (b"{not json", "bad JSON"),
    ],
)
def test_unusable_input_is_one_line_feed_error(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(body, URL)
    assert reason in str(info.value) and "\n" not in str(info.value)


def test_controls_are_stripped() -> None:
    body = rss("T\x1b[31mred", [Item("A\x1b]0;x\x07b", "/a", "<p>x\x1b[2Jy</p>")]).encode()
    f = parse_feed(body, URL)
    assert "\x1b" not in f.title + f.entries[0].title + f.entries[0].text


def test_wrong_declared_encoding() -> None:
    body = rss("Новости", [Item("Заголовок", "/a")]).encode("cp1251")
    body = body.replace(b'encoding="utf-8"', b'encoding="windows-1251"')
    assert parse_feed(body, URL).title == "Новости"


def test_json_feed_odd_values() -> None:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": 5, "items": [1, {"id": 2}]}
    f = parse_feed(json.dumps(doc).encode(), URL)
    assert f.title == "" and len(f.entries) == 1 and f.problem


def test_html_to_text() -> None:
    assert html_to_text("<ul><li>a</li><li>b</li></ul>") == "a\n\nb"
    assert html_to_text("a<br>b") == "a\nb"
    assert html_to_text("<style>x{}</style><p>Hi</p>") == "Hi"
    assert html_to_text("plain &amp; simple") == "plain & simple"


# -- the tokenizer for simple HTML gives what the lxml path gives ------------------------

_TAGS = ["<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "<EM>", "</em>", "<div>", "</div>"]
_TAGS += ["<li>", "</li>", "<ul>", "</ul>", "<h2>", "</h2>", "<blockquote>", "</blockquote>"]
_TAGS += ['<a href="http://a.test/?x=1&amp;y=>2">', "</a>", "<span class='s'>", "</span>"]
_TAGS += ["<p/>", "</strong>", "<strong >", "<i\ntitle=t>"]
_BITS = ["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#233;", "&#x2014;", "&#39;", "&"]
_BITS += ["&bogus;", "&#27;", "<!-- c -->", "<script>x</script>", "<img src=x>", "<", ">"]
_BITS += ["Council", " said ", "\n", "\t", "  ", "é", "“quoted”", "a.b", "'", '"']


@given(st.lists(st.sampled_from(_TAGS + _BITS), max_size=25))
@settings(max_examples=300, deadline=None)
def test_simple_html_matches_lxml(parts: list[str]) -> None:
    html = "".join(parts)
    fast = _simple_html_to_text(html)
    if fast is not None:  # None: not simple, lxml decides
        assert fast == _lxml_html_to_text(html)


def test_typical_feed_bodies_take_the_quick_path() -> None:
    body = '<p>The <a href="http://x.test/a?b=1&amp;c=2">council</a> met &amp; agreed.</p>'
    body += "<p>Second<br/>line &#8212; done.</p><h3>Next</h3><ul><li>one</li></ul>"
    want = "The council met & agreed.\n\nSecond\nline — done.\n\nNext\n\none"
    assert _simple_html_to_text(body) == want
    assert _simple_html_to_text("<p>a</p><!-- c -->") is None
    assert _simple_html_to_text("<p>x</p><script>alert(1)</script>") is None
    assert html_to_text("<p>x</p><script>alert(1)</script>") == "x"
