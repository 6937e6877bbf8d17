"""Who said what, stage by stage: each module of summarize/quotes/ on its own.

A wrong speaker can be traced to the stage that made it: these tests pin what each stage
gives for short sentences written for them.
"""

from __future__ import annotations

from summarize._document import Document, Paragraph
from summarize.quotes.chunks import make_ref, np_back, np_fwd
from summarize.quotes.clauses import Raw, analyze_unit
from summarize.quotes.coref import gender, resolve_pronoun
from summarize.quotes.cues import find_cues
from summarize.quotes.layouts import Turn, turns
from summarize.quotes.marks import find_quotes, split_units
from summarize.quotes.name_index import WordIndex
from summarize.quotes.names import full_name_before, person_in, role_in_doc
from summarize.quotes.orgs import expand_acronym
from summarize.quotes.speakers import extract_speakers
from summarize.quotes.tokens import tokenize
from summarize.quotes.units import collect


def _toks(s: str):  # type: ignore[no-untyped-def]
    spans = find_quotes(s)
    return spans, tokenize(s, 0, len(s), spans)


# --- marks ------------------------------------------------------------------------------


def test_marks_units_never_split_a_quotation() -> None:
    s = '"We left. Then we came back," Ana Ruiz said. The ferry ran late.'
    spans = find_quotes(s)
    assert [s[sp.inner_start : sp.inner_end] for sp in spans] == ["We left. Then we came back,"]
    units = [s[a:b].strip() for a, b in split_units(s, spans)]
    assert units == ['"We left. Then we came back," Ana Ruiz said.', "The ferry ran late."]


# --- tokens -----------------------------------------------------------------------------


def test_tokens_a_quotation_is_one_token_and_titles_stay_whole() -> None:
    _, toks = _toks('Dr. Ana Ruiz said: "Go home now."')
    assert [t.text for t in toks][:4] == ["Dr.", "Ana", "Ruiz", "said"]
    assert sum(1 for t in toks if t.q >= 0) == 1


# --- chunks -----------------------------------------------------------------------------


def test_chunks_noun_phrase_before_and_after_a_cue() -> None:
    s = "Port spokeswoman Ana Ruiz said the ferry was late, said Tom Reyes."
    _, toks = _toks(s)
    said = [i for i, t in enumerate(toks) if t.low == "said"]
    a = np_back(toks, said[0], 0)
    ref = make_ref(s, toks, a, said[0], None, 0)
    assert ref is not None and (ref.name, ref.role, ref.kind) == (
        "Ana Ruiz",
        "Port spokeswoman",
        "person",
    )
    e = np_fwd(toks, said[1] + 1, len(toks))
    ref = make_ref(s, toks, said[1] + 1, e, None, 0)
    assert ref is not None and ref.name == "Tom Reyes"


# --- cues -------------------------------------------------------------------------------


def test_cues_found_with_their_speakers() -> None:
    s = "The plan failed, officials said, according to Ana Ruiz."
    _, toks = _toks(s)
    cues = find_cues(s, toks, 0)
    assert [(c.base, c.ref.name) for c in cues] == [
        ("say", "officials"),
        ("according to", "Ana Ruiz"),
    ]


def test_cues_a_modal_say_is_no_report() -> None:
    s = "Tom Reyes will say more next week."
    _, toks = _toks(s)
    assert find_cues(s, toks, 0) == []


# --- clauses ----------------------------------------------------------------------------


def test_clauses_reported_clause_and_quotation() -> None:
    s = 'Tom Reyes said that the ferry would run on Sundays; Ana Ruiz added: "It is cheap."'
    spans, toks = _toks(s)
    out: list[Raw] = []
    analyze_unit(s, toks, spans, 0, 0, out)
    assert [(r.kind, r.text, r.cue) for r in out] == [
        ("indirect", "the ferry would run on Sundays", "said"),
        ("direct", "It is cheap.", "added"),
    ]


def test_clauses_a_list_after_a_colon_gives_one_statement_per_item() -> None:
    s = "Ann Lee explained her reasons: the pier is unsafe; repairs cost more; the fund is empty."
    spans, toks = _toks(s)
    out: list[Raw] = []
    analyze_unit(s, toks, spans, 0, 0, out)
    assert [(r.ref.name, r.text) for r in out] == [
        ("Ann Lee", "the pier is unsafe"),
        ("Ann Lee", "repairs cost more"),
        ("Ann Lee", "the fund is empty"),
    ]


def test_clauses_a_cue_ending_in_a_colon_is_reported() -> None:
    s = "The harbour board explained its decision:"
    spans, toks = _toks(s)
    out: list[Raw] = []
    colon: list = []
    analyze_unit(s, toks, spans, 0, 0, out, colon)
    assert out == [] and [(ref.name, cue) for ref, cue in colon] == [
        ("the harbour board", "explained")
    ]


# --- layouts ----------------------------------------------------------------------------


def test_layouts_turns_of_an_interview() -> None:
    doc = Document(
        "Ann Lee on the storm",
        [
            Paragraph(0, "We spoke to the harbour master, Ann Lee."),
            Paragraph(1, "Q: How bad was it?"),
            Paragraph(2, "A: We lost three boats."),
            Paragraph(3, "Piet Vos: The crossing needs a new pier."),
            Paragraph(4, "Lee: That will take a year."),
            Paragraph(5, "Note: The pier is closed until May."),
        ],
    )
    assert turns(doc) == {
        1: Turn(None, "How bad was it?"),
        2: Turn("Ann Lee", "We lost three boats."),
        3: Turn("Piet Vos", "The crossing needs a new pier."),
        4: Turn("Lee", "That will take a year."),
    }


def test_layouts_a_single_label_is_a_heading() -> None:
    doc = Document(None, [Paragraph(0, "Harbour Watch: what the storm left behind us.")])
    assert turns(doc) == {}


# --- units ------------------------------------------------------------------------------


def test_units_a_bare_quotation_continues_the_speaker() -> None:
    doc = Document(
        None, [Paragraph(0, '"We are ready," Ana Ruiz said.'), Paragraph(1, '"All of us are."')]
    )
    raws, units = collect(doc)
    assert len(units) == 2
    assert [(r.para, r.ref.name) for r in raws] == [(0, "Ana Ruiz"), (1, "Ana Ruiz")]


# --- names ------------------------------------------------------------------------------


def test_names_full_name_and_role_from_the_text() -> None:
    text = "Port spokeswoman Ana Ruiz spoke first. Later Ruiz left in Santa Monica."
    idx = WordIndex(text)
    assert full_name_before("Ruiz", idx) == "Ana Ruiz"
    assert role_in_doc("Ana Ruiz", idx) == "Port spokeswoman"
    assert [n for _, n in person_in(text, None)] == ["Ana Ruiz"]  # not the city


# --- coref ------------------------------------------------------------------------------


def test_coref_gender_and_pronoun() -> None:
    text = "Mrs. Ana Ruiz met Tom Reyes. She said the pier was unsafe."
    idx = WordIndex(text)
    assert gender("Ana Ruiz", idx) == "f"
    doc = Document(None, [Paragraph(0, text)])
    raws, units = collect(doc)
    (raw,) = raws
    assert raw.ref.kind == "pronoun"
    from summarize.quotes.name_index import KnownNames

    got = resolve_pronoun(raw.ref, [], units, KnownNames({}), idx)
    assert got is not None and got.name == "Ana Ruiz"


# --- orgs -------------------------------------------------------------------------------


def test_orgs_acronym_spelled_out() -> None:
    idx = WordIndex("The Harbour Safety Board (HSB) met. The HSB said the pier was unsafe.")
    assert expand_acronym("the HSB", idx) == "Harbour Safety Board"


# --- speakers ---------------------------------------------------------------------------


def test_speakers_surname_merged_into_the_full_name() -> None:
    doc = Document(
        None,
        [
            Paragraph(0, "Ana Ruiz said the pier was unsafe."),
            Paragraph(1, "Ruiz said the council had been warned twice."),
        ],
    )
    (sp,) = extract_speakers(doc)
    assert sp.name == "Ana Ruiz"
    assert len(sp.statements) == 2
