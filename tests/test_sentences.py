"""Offline sentence splitting and word tokenising (texts written for these tests)."""

from __future__ import annotations

import pytest

from summarize._text import content_stems, split_sentences, stem, stop_words, tokenize, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. envoy met Gov. Ann Lee at No. 10 Downing St. on Friday. Talks went well.",
            [
                "The U.S. envoy met Gov. Ann Lee at No. 10 Downing St. on Friday.",
                "Talks went well.",
            ],
        ),
        (
            "Prices rose 2.5 percent to $3.75 a gallon. Drivers were upset.",
            ["Prices rose 2.5 percent to $3.75 a gallon.", "Drivers were upset."],
        ),
        (
            "The novel by J. R. Hartley sold well. Mr. Hartley was pleased.",
            ["The novel by J. R. Hartley sold well.", "Mr. Hartley was pleased."],
        ),
        (
            '"Are we there yet?" the boy asked. "Not yet!" she said. They drove on.',
            ['"Are we there yet?" the boy asked.', '"Not yet!" she said.', "They drove on."],
        ),
        (
            "He said the plan was “dead on arrival.” The mayor disagreed.",
            ["He said the plan was “dead on arrival.”", "The mayor disagreed."],
        ),
        (
            "Dr. Ruth Park of the U.K. lab spoke at 9 a.m. Tuesday. Lt. Col. Ray Ode agreed.",
            [
                "Dr. Ruth Park of the U.K. lab spoke at 9 a.m. Tuesday.",
                "Lt. Col. Ray Ode agreed.",
            ],
        ),
        ("He answered no. Then he left.", ["He answered no.", "Then he left."]),
        (
            "The troops returned to the U.S. The war was over.",
            ["The troops returned to the U.S.", "The war was over."],
        ),
    ],
)
def test_split_edge_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\t ") == []


def test_split_one_sentence_without_period() -> None:
    assert split_sentences("Just a headline without a stop") == ["Just a headline without a stop"]


def test_split_glues_punctuation_only_pieces() -> None:
    out = split_sentences("Here is how it went: . It started at dawn.")
    assert all(any(c.isalnum() for c in s) for s in out)
    assert out[-1] == "It started at dawn."


def test_split_non_english_and_all_caps() -> None:
    assert len(split_sentences("Der Zug kam spät an. Die Leute warteten lange.")) == 2
    assert len(split_sentences("STORM HITS COAST. THOUSANDS LOSE POWER.")) == 2


def test_words_and_treebank_tokens() -> None:
    assert words("Don't panic: the U.S. paid $3.5m in 9-11 aid") == [
        "Don't",
        "panic",
        "the",
        "U.S",
        "paid",
        "3.5m",
        "in",
        "9-11",
        "aid",
    ]
    assert tokenize("They can't go.") == ["They", "ca", "n't", "go", "."]


def test_stems_and_stop_words_are_offline_and_shipped() -> None:
    assert "the" in stop_words() and "and" in stop_words()
    assert stem("Investigations") == stem("investigation")
    assert content_stems("The investigators were investigating") == ["investig", "investig"]


def test_no_nltk_download(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("nltk.download must never be called")

    monkeypatch.setattr(nltk, "download", boom)
    assert split_sentences("One. Two.") == ["One.", "Two."]
