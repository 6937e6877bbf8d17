"""Markdown digests: rendering (against expected files), escaping, file writing, caching."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from digest_data import HOSTILE_TITLE, NOW, fill_store
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from feeds import digests, export
from feeds.digests import cached_summary, summarize_many, summary_for
from feeds.export import (
    entries_for,
    md_escape,
    period_text,
    render_article,
    render_digest,
    safe_url,
    slugify,
    write_atomic,
    write_new,
)
from feeds.sanitize import clean_line
from feeds.store import ArticleFilter, Store, content_hash
from summarize import SUMMARIZER_VERSION

EXPECTED = Path(__file__).parent / "expected"
GENERATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
UPDATE = "1" in (
    os.environ.get("NEWSDESK_UPDATE_EXPECTED"),
    os.environ.get("UPDATE_GOLDEN"),
)  # then review the diff


def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def check_expected(name: str, text: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path):
    s = fill_store(tmp_path / "news.db")
    yield s
    s.close()


def digest_of(store: Store, *, since_hours: float | None = 24, **kw: object) -> str:
    since = export.since_time(GENERATED, since_hours * 3600) if since_hours else None
    flt = ArticleFilter(since=since.timestamp() if since else None)
    articles = store.articles(flt)
    entries = entries_for(store, articles, summarize_many(store, articles))
    options: dict = {"title": "News digest", "group_by": "feed", "front_matter": False}
    options.update(kw)
    return render_digest(
        entries, period=period_text(since, GENERATED, articles), generated=GENERATED, **options
    )


# -- expected files --------------------------------------------------------


def test_digest_by_feed_matches_expected_file(store: Store) -> None:
    check_expected("digest_since_24h.md", digest_of(store))


def test_digest_by_tag_with_front_matter_matches_expected_file(store: Store) -> None:
    text = digest_of(store, since_hours=None, group_by="tag", front_matter=True)
    check_expected("digest_by_tag_front_matter.md", text)


def test_digest_without_groups_matches_expected_file(store: Store) -> None:
    check_expected("digest_no_groups.md", digest_of(store, group_by="none"))


def test_single_article_matches_expected_file(store: Store) -> None:
    article = next(a for a in store.articles() if a.guid == "ww-1")
    entry = entries_for(store, [article], {article.id: summary_for(store, article)})[0]
    check_expected("article_ww-1.md", render_article(entry, generated=GENERATED))


def test_render_is_deterministic(store: Store) -> None:
    assert digest_of(store) == digest_of(store)


def test_empty_digest_says_so() -> None:
    text = render_digest([], title="News digest", period="p", generated=GENERATED)
    assert "No articles match" in text
    assert "0 articles" in text


# -- structure -------------------------------------------------------------


ANCHOR_ID = "a-council-approves-the-new-budget-draft-b-3a2a3f"  # stable: slug + URL hash


def test_hostile_title_renders_as_itself(store: Store) -> None:
    tokens = md().parse(digest_of(store))
    headings = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"]
    hostile = next(h for h in headings if "Council" in h.content)
    children = hostile.children or []
    # The heading opens with its anchor; the title itself is plain text in a link.
    assert [c.content for c in children[:2]] == ['<a id="' + ANCHOR_ID + '">', "</a>"]
    kinds = {c.type for c in children[2:]}
    assert kinds <= {"link_open", "text", "link_close"}, kinds  # no emphasis, code, html
    text = "".join(c.content for c in hostile.children or [] if c.type == "text")
    assert text == clean_line(HOSTILE_TITLE)
    link = next(c for c in hostile.children or [] if c.type == "link_open")
    assert link.attrs["href"] == "https://news.example/world/budget%20%28final%29?a=1&copy;x"


def test_no_control_characters(store: Store) -> None:
    text = digest_of(store)
    assert not [c for c in text if ord(c) < 32 and c != "\n"]
    assert "\x7f" not in text


def test_non_http_links_are_not_links(store: Store) -> None:
    text = digest_of(store)
    assert "javascript" not in text
    assert re.search(
        r'^### <a id="a-harbour-reopens-after-storm-[0-9a-f]{6}"></a>Harbour reopens after storm$',
        text,
        re.M,
    )


# -- escaping --------------------------------------------------------------

SPECIALS = st.text(
    alphabet=st.sampled_from(list("*_#[]|<>`\\!~&;-+=.)1 aZé\"'()\x07\x1b\u202e\t\n")),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(SPECIALS)
def test_escaped_text_is_plain_text_in_a_list_item(text: str) -> None:
    expected = clean_line(text)
    tokens = md().parse(f"- {md_escape(text)}\n")
    if not expected:
        return
    assert [t.type for t in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    inline = tokens[3]
    assert {c.type for c in inline.children or []} <= {"text"}
    assert "".join(c.content for c in inline.children or []) == expected


@settings(max_examples=200, deadline=None)
@given(SPECIALS)
def test_escaped_text_is_plain_text_in_a_heading_link(text: str) -> None:
    expected = clean_line(text)
    if not expected:
        return
    tokens = md().parse(f"### [{md_escape(text)}](https://x.example/)\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    children = tokens[1].children or []
    assert [c.type for c in children if c.type != "text"] == ["link_open", "link_close"]
    assert "".join(c.content for c in children if c.type == "text") == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/path with spaces/(x)",
        "http://a.example/<script>`x`\"'",
        "https://a.example/é?q=a b&amp;c",
    ],
)
def test_safe_url_survives_markdown(url: str) -> None:
    dest = safe_url(url)
    assert dest is not None
    tokens = md().parse(f"[t]({dest})\n")
    link = tokens[1].children[0]  # type: ignore[index]
    assert link.type == "link_open"
    assert " " not in link.attrs["href"] and "<" not in link.attrs["href"]
    assert link.attrs["href"].startswith(url.split(":")[0] + "://a.example/")


URL_TAILS = st.text(alphabet=st.sampled_from(list("a/?#&;=()[]<> `\"'*_%é\\|~!")), max_size=25)


@settings(max_examples=200, deadline=None)
@given(URL_TAILS)
def test_any_http_url_stays_one_link(tail: str) -> None:
    dest = safe_url("https://a.example/" + tail)
    assert dest is not None
    tokens = md().parse(f"[t]({dest})\n")
    children = tokens[1].children or []
    assert [c.type for c in children] == ["link_open", "text", "link_close"]
    href = children[0].attrs["href"]
    assert str(href).startswith("https://a.example/")
    assert not set(str(href)) & set(' <>"`\\')


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "", None, "http://"]
)
def test_only_http_links(url: str | None) -> None:
    assert safe_url(url) is None


def test_front_matter_values_are_quoted(store: Store) -> None:
    text = digest_of(store, title='A "quoted": title\n# not a heading', front_matter=True)
    head = text.split("---\n")[1]
    values = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    assert json.loads(values["title"]) == 'A "quoted": title # not a heading'
    assert values["article_count"] == "3"
    feeds = [json.loads(line[4:]) for line in head.splitlines() if line.startswith("  - ")]
    assert feeds == ["Tech Daily", "World Wire"]


# -- file names and writing ------------------------------------------------


def test_slugify() -> None:
    assert slugify(HOSTILE_TITLE) == "council-approves-the-new-budget-draft-b-vote-b-now"
    assert slugify("Élan vital: ça marche") == "elan-vital-ca-marche"
    assert slugify("日本語") == "digest"
    assert slugify("../../etc/passwd", fallback="x") == "etc-passwd"
    assert len(slugify("word " * 50)) <= 60


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    paths = [write_new(tmp_path / "out", "2026-03-01-x", f"v{i}\n") for i in range(3)]
    assert [p.name for p in paths] == ["2026-03-01-x.md", "2026-03-01-x-2.md", "2026-03-01-x-3.md"]
    assert [p.read_text() for p in paths] == ["v0\n", "v1\n", "v2\n"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_write_atomic_leaves_nothing_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "d.md"
    target.write_text("old\n")

    def fail(*a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["d.md"]


def test_write_atomic_replaces(tmp_path: Path) -> None:
    target = tmp_path / "d.md"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["d.md"]


def test_export_article_and_list(store: Store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_NOW", NOW)
    folder = tmp_path / "exports"
    article = next(a for a in store.articles() if a.guid == "td-1")
    first = export.export_article(store, article, folder)
    assert first.name == "2026-03-01-1-new-chip-cuts-power-use-in-half.md"
    again = export.export_article(store, article, folder)
    assert again.name == "2026-03-01-1-new-chip-cuts-power-use-in-half-2.md"
    assert first.read_text() == again.read_text()
    assert "[1\\. New chip cuts power use in half](http://tech.example/chips)" in first.read_text()

    listed = export.export_articles(store, store.articles(), folder, "Unread: World Wire")
    assert listed.name == "2026-03-01-unread-world-wire.md"
    text = listed.read_text()
    assert text.startswith("# Unread: World Wire\n")
    assert text.count("\n### ") == 4


# -- the digest cache ------------------------------------------------------


def test_summary_for_caches(tmp_path: Path) -> None:
    with fill_store(tmp_path / "n.db", seed_digests=False) as store:
        article = store.articles()[0]
        assert cached_summary(store, article) is None
        made = summary_for(store, article)
        assert store.get_digest(content_hash(article.body), SUMMARIZER_VERSION) is not None
        assert cached_summary(store, article) == made
        assert summary_for(store, article) == made


def test_damaged_cache_row_is_recomputed(tmp_path: Path) -> None:
    with fill_store(tmp_path / "n.db", seed_digests=False) as store:
        article = store.articles()[0]
        store.put_digest(content_hash(article.body), SUMMARIZER_VERSION, "{not json")
        assert cached_summary(store, article) is None
        made = summary_for(store, article)
        assert made.key_points and cached_summary(store, article) == made  # row replaced


def test_summarize_many_in_a_pool_matches_in_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(digests, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(digests, "BATCH", 1)
    with fill_store(tmp_path / "a.db", seed_digests=False) as a:
        seen: list[tuple[int, int]] = []
        pooled = summarize_many(
            a, a.articles(), workers=2, progress=lambda d, t: seen.append((d, t))
        )
        assert seen[0] == (0, 4) and seen[-1] == (4, 4)
        assert all(cached_summary(a, art) is not None for art in a.articles())
    with fill_store(tmp_path / "b.db", seed_digests=False) as b:
        local = summarize_many(b, b.articles(), workers=1)
    assert {k: v.to_dict() for k, v in pooled.items()} == {k: v.to_dict() for k, v in local.items()}


def test_summarize_many_newest_first(tmp_path: Path, monkeypatch) -> None:
    order: list[str | None] = []
    real = digests._summarize_one

    def spy(text: str, title: str | None):  # type: ignore[no-untyped-def]
        order.append(title)
        return real(text, title)

    monkeypatch.setattr(digests, "_summarize_one", spy)
    with fill_store(tmp_path / "n.db", seed_digests=False) as store:
        arts = sorted(store.articles(), key=lambda a: a.published or 0)  # oldest first given
        summarize_many(store, arts, workers=1)
    assert order[0] == clean_line(HOSTILE_TITLE) and order[-1] == "An old story about the river"


def test_entry_tags_come_from_the_feed(store: Store) -> None:
    entries = entries_for(store, store.articles(), summarize_many(store, store.articles()))
    tags = {e.article.guid: e.tags for e in entries}
    assert tags["td-1"] == ["tech"] and tags["ww-1"] == ["news", "world"]


def test_cache_write_failure_still_gives_digests(tmp_path: Path, monkeypatch) -> None:
    from feeds.store import StoreError

    def busy(*a: object) -> None:
        raise StoreError("cannot write store: database is locked")

    with fill_store(tmp_path / "n.db", seed_digests=False) as store:
        monkeypatch.setattr(store, "put_digest", busy)
        got = summarize_many(store, store.articles(), workers=1)
        assert len(got) == 4 and all(s.key_points for s in got.values())
        assert summary_for(store, store.articles()[0]).key_points
