"""The document model: title, headings, captions, bylines, boilerplate (test-made texts)."""

from __future__ import annotations

from summarize._document import is_boilerplate_sentence, parse_document

PAGE = "\n".join(
    [
        "Home World News Harbour Town Votes To Rebuild Old Pier",
        "Harbour Town Votes To Rebuild Old Pier",
        "FILE PHOTO: Fishing boats sit by the old pier in Harbour Town, May 2, 2024. "
        "REUTERS/Jo Bloggs/File Photo",
        "By Sam Writer",
        "The council of Harbour Town voted on Monday to rebuild the old pier, ending a "
        "dispute that lasted ten years.",
        "Money: The Main Obstacle",
        "The work will cost 4 million pounds, and the council said most of it will come "
        "from a national fund.",
        "Read more: Other coastal towns plan repairs",
        "Share this article",
        "Residents welcomed the vote, though some fear higher local taxes.",
    ]
)


def _kinds(text: str, title: str | None = None) -> list[str]:
    return [p.kind for p in parse_document(text, title).paragraphs]


def test_page_furniture_is_classified() -> None:
    doc = parse_document(PAGE)
    assert doc.title == "Harbour Town Votes To Rebuild Old Pier"
    assert _kinds(PAGE) == [
        "boilerplate",  # breadcrumb
        "title",
        "caption",
        "byline",
        "body",
        "heading",
        "body",
        "boilerplate",
        "boilerplate",
        "body",
    ]
    assert [p.index for p in doc.body] == [4, 6, 9]
    assert doc.body[1].heading == "Money: The Main Obstacle"
    assert [h.text for h in doc.headings] == ["Money: The Main Obstacle"]


def test_given_title_matches_headline_line() -> None:
    text = "Pier Vote Passes\nThe council voted to rebuild the pier on Monday."
    doc = parse_document(text, title="Pier vote passes")
    assert [p.kind for p in doc.paragraphs] == ["title", "body"]
    assert doc.title == "Pier vote passes"


def test_cnn_dateline_is_cut_from_single_line_text() -> None:
    doc = parse_document("Lyon, France (CNN)The mayor opened a new bridge on Tuesday. It is long.")
    assert doc.dateline == "Lyon, France (CNN)"
    assert doc.body[0].text.startswith("The mayor opened")
    assert doc.body[0].index == 0


def test_reuters_and_bare_cnn_datelines() -> None:
    assert parse_document("(CNN)A storm hit the coast.").body[0].text == "A storm hit the coast."
    doc = parse_document("LONDON (Reuters) - Shares fell on Monday. Traders were calm.")
    assert doc.body[0].text.startswith("Shares fell")


def test_daily_mail_byline_block_is_cut() -> None:
    text = (
        "By . Pat Example . PUBLISHED: . 10:01 EST, 3 March 2014 . | . UPDATED: . "
        "11:02 EST, 3 March 2014 . A cat was rescued from a tall tree on Monday. It was fine."
    )
    doc = parse_document(text)
    assert doc.body[0].text.startswith("A cat was rescued")
    assert "PUBLISHED" in (doc.dateline or "")


def test_scroll_down_and_copyright_sentences_are_boilerplate() -> None:
    assert is_boilerplate_sentence("Scroll down for video")
    assert is_boilerplate_sentence("©2015 Some Paper. All rights reserved.")
    assert is_boilerplate_sentence("Copyright 2015 A Site. Some rights reserved.")
    assert not is_boilerplate_sentence("The council voted to rebuild the pier.")
    doc = parse_document("A dog won a prize. Scroll down for video The owner was thrilled.")
    assert "Scroll down" not in doc.body[0].text


def test_empty_and_blank_input() -> None:
    assert parse_document("").paragraphs == []
    assert parse_document("\n  \n").body == []


def test_paragraph_index_counts_non_empty_lines() -> None:
    doc = parse_document("\n\nFirst paragraph, long enough.\n\n\nSecond one, a sentence.\n")
    assert [p.index for p in doc.paragraphs] == [0, 1]


def test_question_line_in_body_is_not_a_title() -> None:
    text = "What happens next?\nThe committee will meet again on Friday to decide."
    doc = parse_document(text)
    assert doc.title is None
