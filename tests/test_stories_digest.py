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


# A story from two full reports and a brief. The report `a` gives the event and, in its
# second sentence, a quotation; `b` tells the evacuees' side; `c` is a wire brief of one
# sentence that sums the event up in the story's most common words.
DAM_A = (
    "Engineers opened the spillways of the Varna dam on Sunday after three days of rain "
    "pushed the reservoir to its highest level in forty years.\n"
    '"We are releasing water slowly so that the river below can carry it without flooding '
    'the villages downstream," said Petra Lind, who runs the dam for the regional water board.\n'
    "About two thousand people living along the river were told to move to higher ground.\n"
    "Schools in the valley will stay closed until Wednesday.\n"
    "The dam was built in 1961 and was last strengthened in 2009.\n"
    "Farmers said fields near the river were already under water.\n"
    "Rescue crews brought boats from the coast in case the river burst its banks.\n"
    "The weather service expects the rain to ease on Monday night.\n"
    "Trains between Osk and Brenn were cancelled because a bridge approach was flooded.\n"
    "The water board will decide on Tuesday whether to close the spillways again."
)
DAM_B = (
    "Villagers along the Tesna river spent the night in school halls and sports centres.\n"
    "Many brought pets and bedding and said they did not know when they could go home.\n"
    "The regional water board opened the spillways of the Varna dam on Sunday after heavy rain.\n"
    "Volunteers handed out soup and blankets at the sports centre in Osk.\n"
    "A shop owner in Brenn said the river had never been so high in her lifetime.\n"
    "Police closed two roads along the river and asked drivers to stay away.\n"
    "Local football matches planned for the weekend were called off.\n"
    "The mayor of Osk thanked the volunteers and the rescue crews.\n"
    "Some residents complained that the warning came too late in the evening.\n"
    "The water board said the warning was sent as soon as the decision was made."
)
DAM_C = (
    "The Varna dam spillways were opened on Sunday as the reservoir reached its highest "
    "level in forty years after heavy rain, the regional water board said."
)
DAM = {"a": DAM_A, "b": DAM_B, "c": DAM_C}


def test_the_story_is_told_from_a_full_report_not_from_a_brief_whatever_the_order() -> None:
    for order in itertools.permutations(DAM):
        st = summarize_story([StoryItem(k, None, DAM[k], None, None) for k in order])
        first = st.key_points[0]
        assert first.text.startswith("Engineers opened the spillways"), order
        assert first.sources[0] == "a"  # drawn from the report, the others confirm it
        assert {"b", "c"} <= set(first.sources)
        assert not any(p.text.startswith("The Varna dam spillways") for p in st.key_points)


def test_the_main_reports_lede_is_kept_even_its_quotation() -> None:
    st = summarize_story([StoryItem(k, None, t, None, None) for k, t in DAM.items()])
    texts = [p.text for p in st.key_points]
    assert texts[1].startswith('"We are releasing water slowly')
    assert texts[1].endswith("said Petra Lind, who runs the dam for the regional water board.")
    assert st.key_points[1].sources == ["a"]
