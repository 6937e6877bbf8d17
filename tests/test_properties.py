"""Property tests: parse_feed, extract_article and summarize_article on arbitrary input.

They never raise anything but the documented error (a one-line `FeedError`), what they
return is clean, and they never hang (the file has a hard timeout; no per-example
deadline: elapsed time is not asserted). Kept small so the file runs in seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import hostile_corpus as hc  # noqa: E402

from feeds import FeedError, ParsedFeed, extract_article, parse_feed  # noqa: E402

pytestmark = pytest.mark.timeout(120)

FAST = settings(
    max_examples=60,
    deadline=None,  # a hang is caught by the file's timeout, not a per-example clock
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

# Seeds to mutate: small well-formed and broken feeds of every format.
_SEEDS = [
    c.body
    for c in hc.build_corpus(bomb_mb=1, big_mb=1)
    if c.behaviour == "serve" and 0 < len(c.body) < 4000
][::7]


@st.composite
def mutated_feed(draw: st.DrawFn) -> bytes:
    """A real feed with a few random splices, cuts and byte flips."""
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "flip", "cut"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "insert":
            data[pos:pos] = draw(
                st.sampled_from(
                    [
                        b"<",
                        b"&",
                        b"]]>",
                        b"\x00",
                        b"\x1b[2J",
                        b"<!--",
                        b"&#27;",
                        b"\xff\xfe",
                        b"<![CDATA[",
                        b'"',
                        b"\\u001b",
                        b"<item>",
                    ]
                )
                | st.binary(max_size=20)
            )
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 50))]
        elif op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        else:
            del data[pos:]
    return bytes(data)


def _parse_or_one_line_error(data: bytes, url: str) -> ParsedFeed | None:
    try:
        return parse_feed(data, url)
    except FeedError as exc:
        reason = str(exc)
        assert reason.strip() and "\n" not in reason, repr(reason)
        return None


@FAST
@given(data=st.binary(max_size=2000) | mutated_feed())
def test_parse_feed_raises_only_feed_error(data: bytes) -> None:
    parsed = _parse_or_one_line_error(data, "http://127.0.0.1/feed.xml")
    if parsed is None:
        return
    assert isinstance(parsed.title, str)
    guids = [e.guid for e in parsed.entries]
    assert all(isinstance(g, str) and g for g in guids)
    for e in parsed.entries:
        assert isinstance(e.title, str) and isinstance(e.text, str)
        assert e.published is None or isinstance(e.published, float | int)


@FAST
@given(text=st.text(max_size=1500))
def test_parse_feed_on_text(text: str) -> None:
    """Any text: a one-line FeedError, or a feed whose every entry has a guid."""
    parsed = _parse_or_one_line_error(text.encode("utf-8", "surrogatepass"), "http://127.0.0.1/")
    if parsed is not None:
        assert all(isinstance(e.guid, str) and e.guid for e in parsed.entries)


_HTML_BITS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<article>",
        "<script>",
        "</script>",
        "<h1>",
        "<br>",
        "&amp;",
        "&#27;",
        "<!--",
        "-->",
        "<table><tr><td>",
        "<a href='javascript:x'>",
        "\x1b[31m",
        "Sentence one. ",
        "Quote: “yes,” he said. ",
        "<meta charset='cp1251'>",
        "<![CDATA[",
        "]]>",
    ]
)


@FAST
@given(
    html=st.lists(_HTML_BITS | st.text(max_size=30), max_size=60).map("".join)
    | st.binary(max_size=1500)
)
def test_extract_article_never_raises_unexpected(html: str | bytes) -> None:
    try:
        out = extract_article(html, "http://127.0.0.1/a")
    except FeedError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(out.text, str)
    assert out.title is None or isinstance(out.title, str)


_PROSE = st.sampled_from(
    [
        "The minister said the plan would work.",
        "“We will not back down,” Smith said.",
        "FILE PHOTO: A view. REUTERS/Someone",
        "Dr. Jones, a U.S. expert, disagreed.",
        "\n",
        "\n\n",
        "Breaking",
        "....",
        "“",
        "”",
        '"',
        "'",
        "Mr.",
        "e.g.",
        "[bold]x[/]",
        "\x1b[31m",
        "\u202e",
        "12.5%",
        "—",
        "By Jane Doe",
        "Read more",
        "🎉",
    ]
)


@FAST
@given(
    text=st.lists(_PROSE | st.text(max_size=40), max_size=40).map(" ".join) | st.text(),
    title=st.none() | st.text(max_size=50),
    max_points=st.integers(0, 8),
)
def test_summarize_article_never_raises(text: str, title: str | None, max_points: int) -> None:
    from summarize import summarize_article

    s = summarize_article(text, title=title, max_points=max_points)
    assert len(s.key_points) <= max(max_points, 0)
    for kp in s.key_points:
        assert kp.text.strip() and kp.sentence.strip() and kp.paragraph >= 0
    md = s.to_markdown()
    assert "\x1b" not in md  # terminal escape sequences stripped
    for sp in s.speakers:
        assert sp.name.strip() and sp.statements
