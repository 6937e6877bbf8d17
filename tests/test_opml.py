"""OPML 2.0 in and out (folders become tags), newsboat urls files in."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.errors import ImportFormatError
from feeds.models import Feed
from feeds.opml import parse_subscriptions, read_subscriptions, write_opml

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="Top" xmlUrl="http://a.test/top.xml"/>
  <outline text="News"><outline text="World">
    <outline text="W" title="World feed" xmlUrl="http://a.test/w.xml" category="/extra"/>
  </outline></outline>
  <outline text="Bad" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def test_opml_folders_become_tags() -> None:
    r = parse_subscriptions(OPML)
    subs = {s.url: s for s in r.subscriptions}
    assert subs["http://a.test/top.xml"].tags == []
    assert subs["http://a.test/w.xml"].tags == ["News", "World", "extra"]
    assert subs["http://a.test/w.xml"].title == "World feed"
    assert "file:///etc/passwd" not in subs and r.notes


def test_opml_round_trip_keeps_tags_and_titles() -> None:
    feeds = [
        Feed(1, "http://a.test/1.xml", "One & <two>", tags=["b", "a"]),
        Feed(2, "http://a.test/2.xml", "Two"),
    ]
    back = parse_subscriptions(write_opml(feeds).encode()).subscriptions
    got = {s.url: (s.title, sorted(s.tags)) for s in back}
    assert got == {
        "http://a.test/1.xml": ("One & <two>", ["a", "b"]),
        "http://a.test/2.xml": ("Two", []),
    }


def test_newsboat_urls() -> None:
    text = b"""# my feeds
http://a.test/1.xml news "long tag" "~My Title"
http://a.test/2.xml
"query:Unread:unread = \\"yes\\"" news
exec:~/bin/script.sh
filter:~/f.sh:http://a.test/3.xml

ftp://nope.test/x
"""
    r = parse_subscriptions(text)
    assert r.kind == "newsboat"
    first, second = r.subscriptions
    assert (first.url, first.title, first.tags) == (
        "http://a.test/1.xml",
        "My Title",
        ["news", "long tag"],
    )
    assert second.tags == [] and second.title is None
    assert len(r.notes) == 4  # query, exec, filter, ftp


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>hi</body></html>",
        b"<opml><head/>",
        b"\x00\x01\x02\x03",
        b"just words\nmore words\n",
    ],
)
def test_non_opml_is_a_clear_error(body: bytes) -> None:
    with pytest.raises(ImportFormatError) as info:
        parse_subscriptions(body, "x.opml")
    assert "x.opml" in str(info.value) and "\n" not in str(info.value)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("TOPSECRET")
    body = f"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>
<opml version="2.0"><body><outline text="&x;" xmlUrl="http://a.test/1.xml"/></body></opml>"""
    p = tmp_path / "e.opml"
    p.write_text(body)
    try:
        r = read_subscriptions(p)
    except ImportFormatError:
        return
    assert all("TOPSECRET" not in (s.title or "") for s in r.subscriptions)
