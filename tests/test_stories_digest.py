"""Story digests: points across members, each citing them; who said what merged."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from markdown_it import MarkdownIt

from summarize import StoryItem, StorySummary, summarize_story
from summarize.stories.digest import jaccard, point_stems

DAY1 = datetime(2026, 5, 4, 8, tzinfo=UTC)

BRIDGE = [
    StoryItem(
        "a",
        "Harbour bridge closed after crack found",
        "The Lindqvist harbour bridge was closed on Monday after inspectors found a crack "
        "in a main support beam. Engineers said repairs could take three weeks.\n"
        '"We will not take any risk with people\'s lives," Mayor Ana Ruiz said.\n'
        "Ferries will run every ten minutes while the bridge is shut.",
        DAY1,
        "Coast Herald",
    ),
    StoryItem(
        "b",
        "Crack shuts Lindqvist bridge",
        "Inspectors found a crack in a main support beam of the Lindqvist harbour bridge, "
        "which was closed on Monday. Commuters queued for ferries across the harbour.\n"
        '"Safety comes first," Ruiz told reporters.',
        DAY1 + timedelta(hours=2),
        "City Daily",
    ),
    StoryItem(
        "c",
        "Lindqvist bridge to reopen Friday",
        "The Lindqvist harbour bridge will reopen on Friday after a temporary steel brace "
        "was fitted to the cracked beam, the city's engineers announced on Wednesday. "
        "The crack in the support beam was found by inspectors on Monday.\n"
        '"The brace is strong enough for normal traffic," said chief engineer Tom Okafor.',
        DAY1 + timedelta(days=2),
        "Metro Wire",
    ),
]


def test_every_point_cites_members_and_no_two_say_the_same() -> None:
    st = summarize_story(BRIDGE, max_points=5)
    ids = {i.id for i in BRIDGE}
    assert st.key_points
    for p in st.key_points:
        assert p.sources and set(p.sources) <= ids
    for a, b in itertools.combinations(st.key_points, 2):
        assert jaccard(point_stems(a.text), point_stems(b.text)) < 0.5
    assert sorted(st.sources) == sorted(ids)


def test_a_fact_several_outlets_report_cites_them_all() -> None:
    st = summarize_story(BRIDGE, max_points=5)
    crack = [p for p in st.key_points if "crack" in p.text.lower() and "closed" in p.text]
    assert crack
    assert {"a", "b"} <= set(crack[0].sources)


def test_the_latest_development_leads() -> None:
    st = summarize_story(BRIDGE, max_points=3)
    assert "reopen" in st.key_points[0].text


def test_who_said_what_is_one_entry_per_person_across_outlets() -> None:
    st = summarize_story(BRIDGE)
    ruiz = [sp for sp in st.speakers if "Ruiz" in sp.name]
    assert len(ruiz) == 1
    assert {s.source for s in ruiz[0].statements} == {"a", "b"}
    okafor = next(sp for sp in st.speakers if "Okafor" in sp.name)
    assert [s.source for s in okafor.statements] == ["c"]


def test_markdown_numbers_sources_and_points_cite_them() -> None:
    st = summarize_story(BRIDGE)
    md = st.to_markdown(sources={"a": ("Coast Herald", "https://herald.example/a")})
    tokens = MarkdownIt().parse(md)
    headings = [t.content for k, t in enumerate(tokens[1:]) if tokens[k].type == "heading_open"]
    assert headings[:2] == [st.title, "Key points"]
    assert "Sources" in headings
    assert "[Coast Herald](https://herald.example/a)" in md
    n = st.sources.index("a") + 1
    assert any(f"[{n}]" in line for line in md.splitlines() if line.startswith("- "))


def test_round_trips_through_dict_for_the_cache() -> None:
    st = summarize_story(BRIDGE)
    again = StorySummary.from_dict(st.to_dict())
    assert again == st


def test_empty_and_single_article_stories() -> None:
    assert summarize_story([]).key_points == []
    one = summarize_story(BRIDGE[:1])
    assert one.key_points and all(p.sources == ["a"] for p in one.key_points)
