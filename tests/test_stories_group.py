"""Story grouping: one real-world event per story, not one topic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from summarize import StoryItem, group_stories
from summarize.stories import signature as sg
from summarize.stories.group import Doc, StoryIndex, doc_of
from summarize.stories.refine import split_apart
from summarize.stories.represent import idf_table, terms, vector

QUAKE_A = [
    (
        "Magnitude 6.8 earthquake strikes Valdoria province",
        "A magnitude 6.8 earthquake struck Valdoria province on Tuesday, killing at least "
        "42 people in the mountain town of Karsk, officials said. Rescue teams in Karsk "
        "searched collapsed buildings through the night.",
    ),
    (
        "Karsk quake toll rises to 42",
        "The death toll from the earthquake in Valdoria rose to 42, the governor of Valdoria "
        "province said. The 6.8 tremor flattened homes in Karsk and cut roads to the town.",
    ),
    (
        "Rescuers dig through rubble in Karsk",
        "Rescuers in Karsk pulled survivors from the rubble after the 6.8 earthquake in "
        "Valdoria. Officials said 42 people had died and hundreds were injured.",
    ),
]
QUAKE_B = [
    (
        "Earthquake of magnitude 5.9 hits Port Meridan",
        "An earthquake of magnitude 5.9 hit the coastal city of Port Meridan on Sunday, "
        "injuring 17 people, the Meridan coast guard said. Buildings were damaged.",
    ),
    (
        "Port Meridan shaken by 5.9 quake",
        "Seventeen people were injured when a 5.9 earthquake shook Port Meridan, "
        "officials in Meridan said. The coast guard checked the harbour for damage.",
    ),
]
TRIAL = [
    (
        "Jury hears opening statements in Halvorsen fraud trial",
        "Prosecutors told the jury in Brannock that Edda Halvorsen hid 310 million in "
        "losses from investors. The Halvorsen trial is expected to last six weeks.",
    ),
    (
        "Halvorsen trial opens in Brannock",
        "The fraud trial of Edda Halvorsen opened in Brannock with prosecutors saying "
        "she concealed 310 million in losses. Her lawyers deny the charges.",
    ),
]


# Two events of one kind: two figures of one scandal die. Their reports share the
# scandal's words and names; only who died (and his age) tells them apart.
HALLOWAY = [
    (
        "Orrin Halloway, the Harbor Gate informant, dies at 91",
        "Orrin Halloway, the informant at the heart of the Harbor Gate scandal that brought "
        "down President Aldous Crane, died on Thursday at his home, his family said. He was 91.",
    ),
    (
        "Harbor Gate informant Orrin Halloway dead at 91",
        "The Harbor Gate scandal's secret informant, Orrin Halloway, has died aged 91, his "
        "family said. His leaks to the Ledger helped force President Aldous Crane from office.",
    ),
    (
        "Halloway, who exposed Harbor Gate, dies",
        "Orrin Halloway, who secretly guided reporters through the Harbor Gate scandal, died "
        "at 91, his family said. President Aldous Crane resigned as the scandal grew.",
    ),
    (
        "Death of Harbor Gate source Halloway",
        "Harbor Gate informant Orrin Halloway died at home aged 91, his family said on "
        "Thursday. The scandal ended the presidency of Aldous Crane.",
    ),
    (
        "Orrin Halloway dies; his leaks sank President Crane",
        "Orrin Halloway, the Harbor Gate informant whose leaks sank President Aldous Crane, "
        "died aged 91, according to his family. The scandal shook the nation.",
    ),
]
VENN = [
    (
        "Tobias Venn, Harbor Gate bagman, dies at 78",
        "Tobias Venn, who carried the hush money in the Harbor Gate scandal that brought down "
        "President Aldous Crane, died on Thursday at his home, his family said. He was 78.",
    ),
    (
        "Harbor Gate bagman Tobias Venn dead at 78",
        "The Harbor Gate scandal's bagman, Tobias Venn, has died aged 78, his family said. He "
        "paid the burglars for President Aldous Crane's re-election campaign.",
    ),
    (
        "Venn, who paid the Harbor Gate burglars, dies",
        "Tobias Venn, who delivered hush money in the Harbor Gate scandal, died at 78, his "
        "family said. President Aldous Crane resigned as the scandal grew.",
    ),
    (
        "Death of Harbor Gate figure Venn",
        "Harbor Gate bagman Tobias Venn died at home aged 78, his family said on Thursday. "
        "The scandal ended the presidency of Aldous Crane.",
    ),
    (
        "Tobias Venn dies; he paid for President Crane's silence",
        "Tobias Venn, the Harbor Gate aide who paid for President Aldous Crane's burglars' "
        "silence, died aged 78, according to his family. The scandal shook the nation.",
    ),
]

# One death told in different words, quoting different people (a historian, an editor).
HALLOWAY_RETOLD = [
    (
        "Orrin Halloway dies at 91",
        "Orrin Halloway, whose tips exposed the Harbor Gate scandal, has died. He was 91. "
        "Historian Mira Oak called him the conscience of the capital.",
    ),
    (
        "Harbor Gate whistleblower passes away",
        "The whistleblower Orrin Halloway passed away aged 91. Historian Mira Oak said "
        "Halloway changed how the press covered presidents.",
    ),
    (
        "Halloway, source behind Harbor Gate reporting, dead",
        "Orrin Halloway is dead at 91, relatives said. Mira Oak, who wrote his biography, "
        "said he never regretted it.",
    ),
    (
        "Ledger mourns its Harbor Gate source",
        "Orrin Halloway, the Ledger's secret source in the Harbor Gate affair, died aged 91. "
        "Editor Sam Reeve said the paper owed him its finest hour.",
    ),
    (
        "Farewell to Halloway",
        "Halloway, 91, kept his secret for three decades, Ledger editor Sam Reeve said after "
        "the Harbor Gate informant's death.",
    ),
    (
        "Orrin Halloway, Harbor Gate informant, is dead",
        "Orrin Halloway died at 91. Sam Reeve of the Ledger said the Harbor Gate informant "
        "had asked for a quiet funeral.",
    ),
]


def _items(*groups: list[tuple[str, str]], when: datetime | None = None) -> list[StoryItem]:
    out = []
    for g, arts in enumerate(groups):
        for k, (title, text) in enumerate(arts):
            out.append(StoryItem(f"{g}-{k}", title, text, when, f"outlet{k}"))
    return out


def _as_sets(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def test_three_reports_of_one_event_group_and_two_earthquakes_stay_apart() -> None:
    groups = group_stories(_items(QUAKE_A, QUAKE_B, TRIAL))
    assert _as_sets(groups) == {
        frozenset({"0-0", "0-1", "0-2"}),
        frozenset({"1-0", "1-1"}),
        frozenset({"2-0", "2-1"}),
    }


def test_every_id_in_exactly_one_story_even_without_text() -> None:
    items = [*_items(QUAKE_A), StoryItem("empty", None, "", None, None)]
    groups = group_stories(items)
    ids = [i for g in groups for i in g]
    assert sorted(ids) == sorted(i.id for i in items)
    assert ["empty"] in groups
    assert group_stories([]) == []


def test_the_same_words_weeks_apart_are_two_stories() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    a = _items(QUAKE_A, when=now)
    b = [StoryItem(f"later-{i.id}", i.title, i.text, now + timedelta(days=30), i.source) for i in a]
    groups = group_stories([*a, *b])
    assert len(groups) == 2
    assert {len(g) for g in groups} == {3}


def test_new_reports_join_their_story_and_a_new_event_starts_one() -> None:
    old = [doc_of(i) for i in _items(QUAKE_A, TRIAL)]
    for d in old:
        d.story = "story-" + d.id.split("-")[0]
    index = StoryIndex.build(old)
    extra = [
        (
            "Aftershock hits Karsk",
            "A strong aftershock shook Karsk in Valdoria province, "
            "where the 6.8 earthquake killed 42 people, officials said.",
        ),
    ]
    new = [doc_of(i) for i in _items(extra, QUAKE_B)]
    placed = index.add(new)
    assert placed["0-0"] == "story-0"
    assert placed["1-0"] == placed["1-1"] == "1-0"  # a new story, named by its first article


def test_terms_weigh_names_and_numbers_above_ordinary_words() -> None:
    t = terms(None, "The earthquake hit Karsk and killed 42 people. The earthquake was strong.")
    assert t["@karsk"] > t["earthquak"]
    assert t["#42"] > 1.0
    assert "the" not in t and "@the" not in t
    assert Doc("x", t).story is None


def test_a_name_that_starts_a_sentence_counts_as_a_word_there_and_a_name_elsewhere() -> None:
    """Each mention counts: "Brannock" mid-sentence twice is a name twice; "Fraud" and
    "Brannock" opening a sentence count as plain words ("fraud" then weighs 3 in all)."""
    t = terms(
        "Fraud trial in Brannock",
        "Fraud charges were read in Brannock. Brannock court heard the fraud case! "
        "The fraud trial in Brannock lasts 6 weeks, or 42 days.",
    )
    assert t["@brannock"] == 3 * 6.0  # title and twice in the text, mid-sentence
    assert t["brannock"] == 1.0  # where it opens the second sentence
    assert t["fraud"] == 4.0  # the title's and the text's first word, and twice in the text
    assert t["trial"] == 2.0
    assert t["#42"] == 3.0 and "#6" not in t  # one digit alone is not a number term


def test_two_deaths_in_one_scandal_are_two_stories_though_their_words_agree() -> None:
    """Each death's reports all name their man (and age), none of the other's do: two
    events, though the bags of words agree (the scandal, the president, "died", "family")."""
    groups = group_stories(_items(HALLOWAY, VENN, QUAKE_A, TRIAL))
    assert _as_sets(groups) == {
        frozenset(f"0-{k}" for k in range(5)),
        frozenset(f"1-{k}" for k in range(5)),
        frozenset({"2-0", "2-1", "2-2"}),
        frozenset({"3-0", "3-1"}),
    }


def test_one_death_told_in_different_words_and_names_is_one_story() -> None:
    """Reports of one event differ in wording and in whom they quote (a historian in some,
    an editor in others); they all name the man who died, so they stay one story."""
    groups = group_stories(_items(HALLOWAY_RETOLD, QUAKE_A, TRIAL))
    assert frozenset(f"0-{k}" for k in range(6)) in _as_sets(groups)


HALLOWAY_FOLLOW_UP = (
    "Halloway remembered",
    "Orrin Halloway, the Harbor Gate informant who died at 91, was remembered by the "
    "reporters he guided through the scandal of President Aldous Crane.",
)


def test_reports_of_another_death_start_their_own_story_in_the_store() -> None:
    """The store's incremental grouping keeps events apart by the same rule: the new
    death's reports do not join the open story of the first, a follow-up of it does."""
    old = [doc_of(i) for i in _items(HALLOWAY, QUAKE_A)]
    for d in old:
        d.story = "story-" + d.id.split("-")[0]
    index = StoryIndex.build(old)
    placed = index.add([doc_of(i) for i in _items(VENN, [HALLOWAY_FOLLOW_UP])])
    assert {placed[f"0-{k}"] for k in range(5)} == {"0-0"}  # a new story
    assert placed["1-0"] == "story-0"


def test_an_index_kept_for_a_second_refresh_still_keeps_the_deaths_apart() -> None:
    """The story's names, grown by the first refresh's follow-up, still tell the other
    death apart at the next one; the quake story, near neither, still takes its own."""
    old = [doc_of(i) for i in _items(HALLOWAY, QUAKE_A)]
    for d in old:
        d.story = "story-" + d.id.split("-")[0]
    index = StoryIndex.build(old)
    assert index.add([doc_of(i) for i in _items([HALLOWAY_FOLLOW_UP])]) == {"0-0": "story-0"}
    placed = index.add([doc_of(i) for i in _items(VENN, QUAKE_B)])
    assert {placed[f"0-{k}"] for k in range(5)} == {"0-0"}  # a new story
    assert index.stories["story-0"].size == 6
    assert placed["1-0"] == placed["1-1"] == "1-0"  # the other quake: a story of its own


# A report of the Karsk quake that names neither the town nor the magnitude: it shares
# a few of the story's words ("quake", "rubble", "survivors", "province"), enough to
# be near that story (an average similarity over 0.1) but under the merging threshold.
VAGUE_KARSK = (
    "Winter arrives in the hills",
    "Snow fell on villages across the province on Friday. In the quake zone, rescuers said "
    "survivors in the rubble of collapsed buildings needed tents, and officials promised help.",
)
# A report that could be either earthquake's: near both stories.
EITHER_QUAKE = (
    "After the earthquake",
    "Officials said buildings damaged by the earthquake would be checked, rescuers searched "
    "the rubble for survivors, and the injured were treated.",
)
QUAKE_B3 = [
    *QUAKE_B,
    (
        "Port Meridan counts the cost of the 5.9 quake",
        "Officials in Port Meridan said the 5.9 earthquake injured 17 people and damaged "
        "buildings near the harbour, where the coast guard was searching the rubble.",
    ),
]


def test_a_report_near_only_one_story_joins_it() -> None:
    """Under the threshold for average link, but near the Karsk story and no other: it
    joins that story rather than standing alone as a story of one."""
    groups = group_stories(_items(QUAKE_A, QUAKE_B, TRIAL, [VAGUE_KARSK]))
    assert _as_sets(groups) == {
        frozenset({"0-0", "0-1", "0-2", "3-0"}),
        frozenset({"1-0", "1-1"}),
        frozenset({"2-0", "2-1"}),
    }


def test_a_report_near_two_stories_of_one_kind_stays_on_its_own() -> None:
    """An earthquake report naming neither quake is near both stories: it joins neither."""
    groups = group_stories(_items(QUAKE_A, QUAKE_B3, TRIAL, [EITHER_QUAKE]))
    assert ["3-0"] in groups
    assert frozenset({"0-0", "0-1", "0-2"}) in _as_sets(groups)
    assert frozenset({"1-0", "1-1", "1-2"}) in _as_sets(groups)


def test_the_store_places_a_report_near_only_one_story_by_the_same_rule() -> None:
    old = [doc_of(i) for i in _items(QUAKE_B, TRIAL)]
    for d in old:
        d.story = "story-" + d.id.split("-")[0]
    index = StoryIndex.build(old)
    placed = index.add([doc_of(i) for i in _items(QUAKE_A, [VAGUE_KARSK])])
    assert placed["0-0"] == placed["0-1"] == placed["0-2"] == "0-0"  # a new story
    assert placed["1-0"] == "0-0"  # joins it, as in `group_stories`


def test_a_story_that_holds_two_deaths_is_split_into_them() -> None:
    """Average link can merge two events early, while the groups are too small to be
    judged; the grown story is then split in two, and the halves are kept apart when
    each names someone the other never does (Halloway, 91; Venn, 78). Eleven reports
    of one death, quoting different people, stay one story."""
    docs = [doc_of(i) for i in _items(HALLOWAY, VENN, HALLOWAY_RETOLD, QUAKE_A)]
    df, n = idf_table(d.terms for d in docs)
    vecs = [vector(d.terms, df, n) for d in docs]
    signs = [sg.signature(d.terms) for d in docs]
    both = list(range(10))  # the five reports of each death, as one story
    assert sorted(split_apart([both], vecs, signs)) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    one = [*range(5), *range(10, 16)]
    assert split_apart([one], vecs, signs) == [one]
