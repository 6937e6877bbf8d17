"""The quotes bench's pane classifier (bench/quotes_quality.py), on entries built by hand: a
gold role names its person, "X's son" is a person of its own, a parenthesised acronym in a
gold name is that organisation. The scorer's name-word contract is restated here (its file
lives outside the repository)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import quotes_quality as qq  # noqa: E402

from summarize._model import Speaker, Statement  # noqa: E402

_STOP = {"the", "a", "an", "of", "for", "to", "and", "in", "on", "s", "mr", "president"}
_STOP |= {"spokesman", "spokeswoman", "minister", "spokesperson", "mrs", "ms", "dr", "u", "us"}


def _norm_tokens(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (s or "").lower().replace("\u2019", "'"))


SCORER = SimpleNamespace(
    norm_tokens=_norm_tokens,
    name_words=lambda name: {t for t in _norm_tokens(name) if t not in _STOP and len(t) > 1},
    text_match=lambda gold, text: _norm_tokens(gold) == _norm_tokens(text),
)


def _entry(name: str, said: str, **kw) -> Speaker:  # type: ignore[no-untyped-def]
    return Speaker(name, statements=[Statement(said, "direct", "said", 0)], **kw)


def _verdicts(gold: list[tuple[str, str | None, str]], entries: list[Speaker]) -> list[str]:
    rec = {"quotes": [{"speaker": s, "role": r, "quote": q} for s, r, q in gold]}
    return [v for v, *_ in qq.classify_entries(rec, entries, SCORER)[0]]


def test_a_possessive_description_is_its_own_person_named_by_the_gold_role() -> None:
    gold = [
        ("Ida Vance", "Ole Vance's daughter", "we will miss him every day"),
        ("Ole Vance", None, "music is a long joke"),
    ]
    entries = [
        _entry("Ole Vance", "music is a long joke", aliases=["Vance"]),
        _entry("Ole Vance\u2019s daughter", "we will miss him every day"),
    ]
    assert _verdicts(gold, entries) == ["RIGHT", "RIGHT"]


def test_a_possessive_description_with_a_title_noun_is_not_its_owner() -> None:
    gold = [("Ada Cole", None, "the plan is sound"), ("Ben Ross", None, "we have not decided")]
    entries = [
        _entry("Ada Cole", "the plan is sound"),
        _entry("Cole's spokesman", "the minister will reply"),
    ]
    # the spokesman's statement is not in the gold: he is not Ada Cole (nor a duplicate of her)
    assert _verdicts(gold, entries) == ["RIGHT", "NOT"]


def test_a_gold_role_names_the_person_with_the_statements_only() -> None:
    gold = [("Tom Reid", "Fire Chief of the Norland brigade", "the blaze is out")]
    assert _verdicts(gold, [_entry("Fire Chief", "the blaze is out")]) == ["RIGHT"]
    assert _verdicts(gold, [_entry("Fire Chief", "we are closed")]) == ["NOT"]


def test_a_parenthesised_acronym_in_a_gold_name_is_that_organisation() -> None:
    gold = [("Office for Coastal Research (KORA)", None, "the reef lost coral")]
    assert _verdicts(gold, [_entry("KORA", "the reef lost coral")]) == ["RIGHT"]
    # an acronym in an appositive is not the person's
    gold = [("Ann Lee, head of the Northern Marine Office (NMO),", None, "the reef lost coral")]
    assert _verdicts(gold, [_entry("NMO", "the reef grew")]) == ["NOT"]


def test_a_possessive_description_is_the_person_its_owner_names_a_relative_of() -> None:
    gold = [("Ida Vance", None, "we will miss him"), ("his wife", None, "they love you")]
    # the owner is in the gold person's name (a relative), without the gold's role
    assert _verdicts(gold, [_entry("Ole Vance's daughter", "we will miss him")]) == ["RIGHT"]
    # the owner is not: a wrong entry, though the noun is the gold's
    assert _verdicts(gold, [_entry("Ed Park's wife", "they love you")]) == ["NOT"]


def test_a_place_after_a_gold_speaker_is_where_it_is_not_who() -> None:
    gold = [("Harbour officials in Dunmore Bay, the county seat,", None, "the pier is closed")]
    # the place is no speaker; the officials are
    assert _verdicts(gold, [_entry("Dunmore Bay", "the pier is closed")]) == ["NOT"]
    assert _verdicts(gold, [_entry("harbour officials", "the pier is closed")]) == ["RIGHT"]
    gold = [("welder Ada Lindqvist in Marlow", None, "the dam held")]
    assert _verdicts(gold, [_entry("Ada Lindqvist", "the dam held")]) == ["RIGHT"]
    # after a document noun "in" names its publisher, who is the speaker
    gold = [("a report in the Marlow Courier", None, "the dam held")]
    assert _verdicts(gold, [_entry("the Marlow Courier", "the dam held")]) == ["RIGHT"]
