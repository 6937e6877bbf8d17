"""Story digests: points across members, each citing them; who said what merged."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from markdown_it import MarkdownIt

from summarize import StoryItem, StorySummary, summarize_story
from summarize.stories.digest import jaccard, point_stems, says_again

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


# A ferry story from three outlets. `a` is the full report; its lede is one long
# sentence (over 40 words) whose attribution comes last; `b` opens with its headline (no
# full stop) and asks a question; `c` is wire copy with its byline and dateline glued to
# its first sentence and a paywall's words to the reader at its end.
FERRY_A = (
    "The Nordlys ferry ran aground on a sandbank outside Tromvik harbour early on Saturday "
    "with 212 passengers and 31 crew on board, and all of them were brought ashore by "
    "lifeboats within four hours, the coastguard's duty officer Mari Holm said at noon.\n"
    "The ferry's owner said the ship would be towed to a dry dock in Bergsund.\n"
    "Divers found a tear in the hull below the waterline.\n"
    "Police will question the captain and the officer on watch.\n"
    "The route to the islands will be served by a smaller ship until further notice.\n"
    "Passengers were given blankets and hot drinks in the town's sports hall.\n"
    "A bus company sent six coaches to take those who lived on the mainland home.\n"
    "The harbour master said the channel was marked with buoys that were checked in April.\n"
    "The ferry was built in 2011 and carries up to 600 people in summer.\n"
    "Its last inspection found no fault with the steering or the engines.\n"
    "The shipping authority has sent two investigators to Tromvik."
)
FERRY_B = (
    "Nordlys ferry aground off Tromvik with hundreds on board\n"
    "How did a modern ferry end up on a sandbank?\n"
    "The Nordlys ferry ran aground outside Tromvik harbour on Saturday with 212 passengers "
    "on board.\n"
    "Lifeboats brought the passengers and crew ashore.\n"
    "Islanders said the sandbank had moved after the winter storms."
)
FERRY_C = (
    "By Jo Ames TROMVIK, May 4 (Nordwire) - The ferry Nordlys ran aground outside Tromvik "
    "harbour on Saturday and lifeboats brought all 212 passengers ashore.\n"
    "The coastguard said nobody was hurt.\n"
    "This article is available in full to Nordwire subscribers.\n"
    "Buy using your phone and pay via your monthly phone bill."
)
FERRY = {"a": FERRY_A, "b": FERRY_B, "c": FERRY_C}


def _ferry(order: tuple[str, ...] = ("a", "b", "c")) -> StorySummary:
    return summarize_story([StoryItem(k, None, FERRY[k], None, None) for k in order])


def test_a_long_sentence_is_kept_whole_with_who_said_it() -> None:
    st = _ferry()
    lede = FERRY_A.split("\n")[0]
    assert len(lede.split()) > 40
    first = st.key_points[0]
    assert first.text == lede  # not shortened: "the coastguard's duty officer ... said" stays
    assert {"b", "c"} <= set(first.sources)


def test_headlines_questions_and_paywalls_are_not_points() -> None:
    for order in itertools.permutations(FERRY):
        texts = [p.text for p in _ferry(order).key_points]
        assert texts, order
        assert not any(t.startswith("Nordlys ferry aground") for t in texts), order
        assert not any(t.endswith("?") for t in texts), order
        assert not any("subscribers" in t or "phone bill" in t for t in texts), order


def test_a_byline_and_dateline_glued_to_a_point_are_cut() -> None:
    st = summarize_story([StoryItem("c", None, FERRY_C, None, None)])
    texts = [p.text for p in st.key_points]
    assert texts[0].startswith("The ferry Nordlys ran aground")
    assert not any("Jo Ames" in t or "(Nordwire)" in t for t in texts)


def test_a_point_several_outlets_carry_outranks_one_only_one_carries() -> None:
    st = _ferry()
    ranked = [p.text for p in st.key_points]
    aground = next(k for k, t in enumerate(ranked) if "ran aground" in t)
    divers = next((k for k, t in enumerate(ranked) if t.startswith("Divers found")), len(ranked))
    assert aground < divers
    assert len(st.key_points[aground].sources) == 3


def test_a_short_sentence_a_long_point_already_says_is_not_another_point() -> None:
    # b's "The Nordlys ferry ran aground outside Tromvik harbour on Saturday with 212
    # passengers on board." is all inside a's long lede, though their Jaccard is low.
    st = _ferry()
    assert not any(
        t.text.startswith("The Nordlys ferry ran aground outside") for t in st.key_points
    )
    for a, b in itertools.combinations(st.key_points, 2):  # a picked first, b after
        assert not says_again(point_stems(a.text), point_stems(b.text))


def test_a_point_that_opens_with_a_pronoun_names_whom_it_means() -> None:
    text = (
        "The Kessel city council voted on Tuesday to close the old Marrow bridge to cars "
        "from June.\n"
        "Mayor Lena Brandt said the vote ended ten years of argument about the crumbling "
        "bridge.\n"
        "She said buses and bicycles would still be allowed to cross the bridge until it is "
        "rebuilt in 2029.\n"
        "Shop owners near the bridge said they feared losing customers.\n"
        "The council will spend 40 million euros on a new bridge."
    )
    texts = [p.text for p in summarize_story([StoryItem("k", None, text, None, None)]).key_points]
    assert not any(t.startswith("She ") for t in texts)
    assert any(t.startswith("Mayor Lena Brandt said buses and bicycles") for t in texts)


def test_a_longer_report_that_holds_a_short_point_says_more_and_stays() -> None:
    from story_data import FIRE

    items = [StoryItem(str(k), t, x, None, s) for k, (s, t, x) in enumerate(FIRE)]
    texts = [p.text for p in summarize_story(items).key_points]
    # "The Brezno fire brigade said the cause ... was not known." is picked first; its few
    # content words are all in Alpha's report, which says much more than that.
    assert any(t.startswith("A fire destroyed the Orlov textile mill") for t in texts)
