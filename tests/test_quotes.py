"""Who said what: sentences written for these tests, one or more per rule."""

from __future__ import annotations

import pytest

from summarize._document import Document, Paragraph
from summarize._model import Speaker
from summarize.quotes import extract_speakers, is_title
from summarize.quotes.marks import find_quotes


def _doc(*paras: str) -> Document:
    return Document(None, [Paragraph(i, p) for i, p in enumerate(paras)])


def _speakers(*paras: str) -> list[Speaker]:
    return extract_speakers(_doc(*paras))


def _by_name(speakers: list[Speaker]) -> dict[str, Speaker]:
    return {sp.name: sp for sp in speakers}


def _pairs(speakers: list[Speaker]) -> set[tuple[str, str, str]]:
    return {(sp.name, st.kind, st.text) for sp in speakers for st in sp.statements}


# --- attribution patterns ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"The bridge will reopen in May," Helen Marsh said.',
        'Helen Marsh said: "The bridge will reopen in May."',
        '"The bridge will reopen in May," said Helen Marsh, the city engineer.',
        'Helen Marsh told reporters "The bridge will reopen in May."',
    ],
)
def test_direct_patterns(text: str) -> None:
    sp = _speakers(text)
    assert [s.name for s in sp] == ["Helen Marsh"]
    (st,) = sp[0].statements
    assert st.kind == "direct"
    assert st.text.rstrip(".,") == "The bridge will reopen in May"


def test_inverted_apposition_gives_role() -> None:
    sp = _speakers('"We are not done," said Helen Marsh, the city engineer.')
    assert sp[0].role == "city engineer"


def test_according_to_direct_and_indirect() -> None:
    sp = _speakers(
        '"Prices will fall next year", according to Omar Bakri.',
        "The harbour will close for a week, according to port officials.",
    )
    pairs = _pairs(sp)
    assert ("Omar Bakri", "direct", "Prices will fall next year") in pairs
    assert ("port officials", "indirect", "The harbour will close for a week") in pairs


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Tom Reyes added that the ferry would run on Sundays.", "added"),
        ("Tom Reyes warned that the ferry would stop running.", "warned"),
        ("Tom Reyes insisted the ferry was safe for children.", "insisted"),
        ("Tom Reyes claimed the ferry had never been late.", "claimed"),
        ("Tom Reyes denied that the ferry was ever overloaded.", "denied"),
        ("Tom Reyes argued that the ferry needed a new engine.", "argued"),
        ("Tom Reyes countered that the ferry was cheaper than the bridge.", "countered"),
        ("Tom Reyes wrote that the ferry crew had been heroic.", "wrote"),
    ],
)
def test_cue_verbs_indirect(sentence: str, cue: str) -> None:
    sp = _speakers(sentence)
    assert sp and sp[0].name == "Tom Reyes"
    (st,) = sp[0].statements
    assert st.kind == "indirect" and st.cue == cue
    assert st.text.startswith("the ferry")


@pytest.mark.parametrize("cue", ["posted", "tweeted", "wrote", "told reporters"])
def test_cue_verbs_direct(cue: str) -> None:
    sp = _speakers(f'"The ferry is back," Tom Reyes {cue}.')
    assert sp[0].name == "Tom Reyes"
    assert sp[0].statements[0].kind == "direct"


def test_accused_of_and_praised_saying() -> None:
    sp = _speakers(
        "Harbour workers accused Mayor Lena Fox of ignoring safety warnings for years.",
        'Union leader Piet Smit praised the workers, saying they "kept the town running."',
    )
    by = _by_name(sp)
    (acc,) = by["Harbour workers"].statements
    # the accused and the charge, not "X of Y"
    assert (
        acc.kind == "indirect"
        and acc.text == "Mayor Lena Fox has been ignoring safety warnings for years"
    )
    (st,) = by["Piet Smit"].statements
    assert st.kind == "mixed" and st.text.startswith("kept the town running")
    assert by["Piet Smit"].role == "Union leader"


# --- split quotes and continuations -----------------------------------------------------


def test_split_quote_one_speaker() -> None:
    sp = _speakers('"We tried," Ana Lopes said. "Nobody listened to us."')
    assert len(sp) == 1 and sp[0].name == "Ana Lopes"
    assert [st.text for st in sp[0].statements] == ["We tried", "Nobody listened to us."]


def test_split_quote_inside_one_sentence() -> None:
    sp = _speakers('"We tried," Ana Lopes said, "but nobody listened to us."')
    assert [st.text for st in sp[0].statements] == ["We tried", "but nobody listened to us."]


def test_continuation_paragraph() -> None:
    sp = _speakers(
        '"The river rose overnight," said Ana Lopes, a farmer.',
        '"By morning our fields were gone."',
    )
    assert len(sp) == 1
    assert [st.paragraph for st in sp[0].statements] == [0, 1]


def test_unclosed_quote_continues_into_next_paragraph() -> None:
    sp = _speakers(
        'Ana Lopes said: "The river rose overnight and took the fences.',
        '"By morning our fields were gone."',
    )
    assert len(sp) == 1 and len(sp[0].statements) == 2


# --- partial quotes ---------------------------------------------------------------------


def test_partial_quotes_in_reported_speech() -> None:
    sp = _speakers(
        'Chen Wei insisted that the club would "never" sell its ground.',
        'Minister Carla Diaz said the plan "falls short of what we promised"'
        ' and would be "revised."',
    )
    pairs = _pairs(sp)
    assert ("Chen Wei", "mixed", "never") in pairs
    assert ("Carla Diaz", "mixed", "falls short of what we promised") in pairs
    assert ("Carla Diaz", "mixed", "revised.") in pairs


# --- names, pronouns, roles -------------------------------------------------------------


def test_pronoun_and_surname_resolve_to_full_name() -> None:
    sp = _speakers(
        "Health Minister Rosa Klein unveiled the budget on Monday.",
        '"This is the biggest rise in a decade," she said.',
        '"Hospitals will feel it," Klein added.',
    )
    assert [s.name for s in sp] == ["Rosa Klein"]
    assert sp[0].role == "Health Minister"
    assert len(sp[0].statements) == 2
    assert "Klein" in sp[0].aliases


def test_he_wrote_after_posted() -> None:
    sp = _speakers(
        "Transport Secretary Idris Bello posted a long message online."
        ' "The strike must end now," he wrote.'
    )
    assert sp[0].name == "Idris Bello" and sp[0].role == "Transport Secretary"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Paula Gray, spokesperson for the city's water board, said the pipes were old.",
            "Paula Gray",
            "spokesperson for the city's water board",
        ),
        (
            "Kremlin aide Oleg Petrov said the talks would resume in June.",
            "Oleg Petrov",
            "Kremlin aide",
        ),
        (
            "U.S. President Mark Hale said the treaty was a good deal.",
            "Mark Hale",
            "U.S. President",
        ),
    ],
)
def test_roles(text: str, name: str, role: str) -> None:
    sp = _speakers(text)
    assert sp[0].name == name and sp[0].role == role


def test_one_speaker_per_person() -> None:
    sp = _speakers(
        "Finance Minister Ruth Adler said taxes would not rise this year.",
        "Adler also said the deficit would shrink by autumn.",
        '"We have no plans for cuts," Ms. Adler told reporters.',
    )
    assert [s.name for s in sp] == ["Ruth Adler"]
    assert len(sp[0].statements) == 3


def test_groups_and_institutions() -> None:
    sp = _speakers(
        "Russian officials said the convoy had turned back at the border.",
        "Moscow claims the convoy carried only food and medicine.",
        "The BEA said the economy grew by two percent in the spring.",
        "Police said the driver had been detained on the motorway.",
    )
    names = {s.name for s in sp}
    assert {"Russian officials", "Moscow", "the BEA", "police"} <= {
        n.lower() if n == "Police" else n for n in names
    } | names


# --- quotation marks --------------------------------------------------------------------


def test_single_and_curly_quotes() -> None:
    text = "‘I am much more confident now,’ she told the Evening Post. Jane Rowe's coach agreed."
    (span,) = find_quotes(text)  # curly single quotes are quotation marks
    assert text[span.inner_start : span.inner_end] == "I am much more confident now,"
    assert _speakers(text) == []  # "she" has no one to stand for: no speaker is invented
    sp = _speakers("Jane Rowe won the final on Sunday.", text)
    assert _pairs(sp) == {("Jane Rowe", "direct", "I am much more confident now")}
    sp = _speakers("'I am much more confident now,' Jane Rowe told the Evening Post.")
    assert sp[0].name == "Jane Rowe"
    assert sp[0].statements[0].text == "I am much more confident now"


def test_apostrophes_are_not_quotes() -> None:
    text = "The drivers' union said it wasn't Russia's fault and the teachers' pay would rise."
    assert find_quotes(text) == []
    sp = _speakers(text)
    assert all(st.kind == "indirect" for s in sp for st in s.statements)


def test_nested_quotes_stay_in_the_outer_quote() -> None:
    sp = _speakers("\"He told me 'run', so I ran,\" Maya Holt said.")
    (st,) = sp[0].statements
    assert st.text == "He told me 'run', so I ran"


def test_unbalanced_quote_no_crash_no_runaway() -> None:
    long_tail = " ".join(["The council met again on Friday to discuss the plan."] * 40)
    text = 'Omar Bakri said: "We will never accept this. ' + long_tail
    sp = _speakers(text)
    assert sp and len(sp[0].statements[0].text) < 300
    assert _speakers('He said "') == []  # an empty, unclosed quote is no statement
    assert _speakers('"""') == []


def test_titles_scare_quotes_and_nicknames_left_out() -> None:
    sp = _speakers(
        'Lena Fox, who starred in "The Long Winter Road," said the film changed her life.',
        'The so-called "green wave" of voters stayed at home.',
        'Boxer Tom "The Hammer" Reed retired in March.',
    )
    texts = {st.text for s in sp for st in s.statements}
    assert "The Long Winter Road," not in texts and "green wave" not in texts
    assert "The Hammer" not in texts
    assert is_title("The Long Winter Road")


def test_order_most_quoted_first_statements_in_order() -> None:
    sp = _speakers(
        "Tom Reyes said the ferry would run on Sundays.",
        '"It is a good day," Ana Lopes said. "We waited long enough."',
        '"The town needs this," Lopes added.',
    )
    assert [s.name for s in sp] == ["Ana Lopes", "Tom Reyes"]
    paras = [st.paragraph for st in sp[0].statements]
    assert paras == sorted(paras)


def test_empty_and_quote_free_text() -> None:
    assert _speakers() == []
    assert _speakers("The river is long. It has many fish.") == []


def test_colon_then_quoted_paragraph_and_transcript_lines() -> None:
    sp = _speakers(
        "The Harbour Gazette reports:",
        '"Ferry traffic fell by a third in the winter months."',
        "HOST: Welcome back to the show, everyone.",
    )
    pairs = {(n.lower(), k, t) for n, k, t in _pairs(sp)}  # "the Harbour Gazette" or "The …"
    assert pairs == {
        ("the harbour gazette", "direct", "Ferry traffic fell by a third in the winter months."),
        ("host", "direct", "Welcome back to the show, everyone."),
    }


def test_pronoun_gender_from_later_pronouns_and_subject_preferred() -> None:
    # "Ruth Okafor" has no title: her gender comes from "her" after her name; the
    # "she" then goes to the sentence subject, not to the woman named last.
    sp = _speakers(
        "Ruth Okafor opened her bakery in 1990.",
        "Ruth Okafor, born Ruth Bell, was raised by her Aunt Dora in Leeds.",
        '"Bread was my whole life," she said.',
    )
    assert ("Ruth Okafor", "direct", "Bread was my whole life,") in _pairs(sp) or (
        "Ruth Okafor",
        "direct",
        "Bread was my whole life",
    ) in _pairs(sp)


def test_role_word_before_other_name_sharing_surname_gives_no_gender() -> None:
    # "her son Tom Okafor" says nothing about Ruth Okafor's gender
    sp = _speakers(
        "Ruth Okafor ran the shop with her son Tom Okafor for years.",
        '"We never closed a single day," she said.',
    )
    assert [s.name for s in sp] == ["Ruth Okafor"]


def test_role_noun_speaker_resolved_and_kept_as_alias() -> None:
    sp = _speakers(
        "Attorney General Rosa Vint spoke in Denver on Monday.",
        'The attorney general said only that she wanted "to remind every office of the rules."',
    )
    (vint,) = sp
    assert vint.name == "Rosa Vint"
    assert "The attorney general" in vint.aliases or "the attorney general" in vint.aliases
    assert vint.statements[0].kind == "mixed"


def test_party_tag_in_parentheses_before_cue() -> None:
    sp = _speakers("Senator Jane Roe (D-Ore.) said in a statement that taxes would rise.")
    assert [s.name for s in sp] == ["Jane Roe"]
    assert sp[0].statements[0].text.rstrip(".") == "taxes would rise"


def test_statement_calling_is_the_issuers_speech() -> None:
    sp = _speakers(
        'The Harbour Board issued a statement calling the delay "entirely avoidable and costly."'
    )
    assert [s.name for s in sp] == ["the Harbour Board"]
    assert sp[0].statements[0].text == "entirely avoidable and costly."


def test_pronoun_after_surname_only_mention() -> None:
    # the last mention before "he" is the bare surname (even possessive); the full name
    # was given earlier in the article, outside any statement
    sp = _speakers(
        "Photographer Pavel Marek spent a year in the villages of the north.",
        "The winters were long. During Marek's visits, many of them wept.",
        '"It was very hard for all of them," he said.',
    )
    assert [s.name for s in sp] == ["Pavel Marek"]


def test_decade_apostrophe_is_not_a_quote() -> None:
    spans = find_quotes("In the '90s he lived on a farm. 'We loved it,' she said.")
    assert len(spans) == 1 and spans[0].single


def test_capitalised_show_title_with_period_is_not_speech() -> None:
    sp = _speakers('"We will wait," Omar Bakri told a host on "Meet the Nation."')
    assert _pairs(sp) == {("Omar Bakri", "direct", "We will wait,")} or _pairs(sp) == {
        ("Omar Bakri", "direct", "We will wait")
    }


def test_inverted_title_with_post_modifier_then_name() -> None:
    sp = _speakers(
        '"The tunnel is ready," said Port Director for Works and Planning, Hélène Dufort.'
    )
    assert [s.name for s in sp] == ["Hélène Dufort"]
    assert sp[0].role and "Director for Works and Planning" in sp[0].role


def test_pronoun_after_possessive_mention() -> None:
    sp = _speakers(
        "Painter Ivo Brandt opened a show in Oslo.",
        'Look at Brandt\'s canvases. Each one is huge. "Colour is a language," he said.',
    )
    assert [s.name for s in sp] == ["Ivo Brandt"]


def test_definite_organisation_description_resolved() -> None:
    sp = _speakers(
        "Kestrel Fine Arts and Auction Hall pulled twelve lots on Friday.",
        '"We listened to the families," the auction house said.',
    )
    assert [s.name for s in sp] == ["Kestrel Fine Arts and Auction Hall"]
    assert "the auction house" in sp[0].aliases


def test_the_statement_said_goes_to_its_issuer() -> None:
    sp = _speakers(
        "In a statement, the Brook family said they trusted the court.",
        '"We only want the truth," the statement said.',
    )
    assert [s.name for s in sp] == ["the Brook family"]
    assert len(sp[0].statements) == 2


def test_bare_organisation_noun_subject() -> None:
    sp = _speakers("The bank said that it had closed forty branches since 2019.")
    assert _pairs(sp) == {("the bank", "indirect", "it had closed forty branches since 2019")}


def test_according_to_at_sentence_start_takes_the_clause() -> None:
    sp = _speakers("According to the survey, most drivers ignore the new limit.")
    assert _pairs(sp) == {("the survey", "indirect", "most drivers ignore the new limit")}


def test_surname_that_is_also_a_month() -> None:
    sp = _speakers("Prime Minister Alice May said that the vote would go ahead.")
    assert [s.name for s in sp] == ["Alice May"]


def test_quotation_signed_with_a_dash() -> None:
    sp = _speakers(
        "Readers sent us their views.",
        "“The new park changed our street for the better.” ― Ana Ruiz",
        "“We waited ten years for it.” — Tom Beck.",
    )
    pairs = _pairs(sp)
    assert ("Ana Ruiz", "direct", "The new park changed our street for the better.") in pairs
    assert ("Tom Beck", "direct", "We waited ten years for it.") in pairs


def test_transcript_line_opened_with_a_quote_mark() -> None:
    sp = _speakers('"HOST: Will the mayor be there tomorrow night, sir?')
    assert _pairs(sp) == {("Host", "direct", "Will the mayor be there tomorrow night, sir?")}


def test_inverted_speaker_with_party_tag_and_apposition() -> None:
    sp = _speakers('"This is a sad day," said Rep. Ann Lee (D-Ore.), head of the caucus.')
    assert [s.name for s in sp] == ["Ann Lee"]
    assert sp[0].role == "head of the caucus"


def test_attribution_in_mid_sentence_keeps_both_halves() -> None:
    sp = _speakers("During her first term, Mayor Ana Ruiz said, crime fell in every district.")
    (st,) = sp[0].statements
    assert st.kind == "indirect"
    assert "During her first term" in st.text and "crime fell in every district" in st.text


def test_no_reported_clause_after_said_before() -> None:
    sp = _speakers('He wore a shirt reading "Let us rest," as Omar Bakri said before he left.')
    assert not any(st.kind == "indirect" for s in sp for st in s.statements)


def test_called_for_and_called_on_report_a_demand() -> None:
    sp = _speakers(
        "The city council called for a freeze on new charter schools.",
        "Senator Jane Roe called on the governor to veto the bill.",
    )
    pairs = {(n, k, t.rstrip(".")) for n, k, t in _pairs(sp)}
    assert ("the city council", "indirect", "a freeze on new charter schools") in pairs
    assert ("Jane Roe", "indirect", "the governor to veto the bill") in pairs


def test_according_to_a_lower_case_source() -> None:
    sp = _speakers("Both candidates are tied, according to a new national phone survey.")
    assert [s.name for s in sp] == ["a new national phone survey"]
    assert sp[0].statements[0].text == "Both candidates are tied"


def test_family_word_speaker_resolved_to_the_person_named_before() -> None:
    sp = _speakers(
        "Omar Bakri waited for news of his daughter for two months.",
        '"I thought I had lost you," the relieved father said.',
    )
    assert [s.name for s in sp] == ["Omar Bakri"]
    assert "the relieved father" in sp[0].aliases


def test_possessive_place_and_lower_case_modifier_before_role() -> None:
    sp = _speakers("Ohio’s tax commissioner says that no one in his office leaked the forms.")
    assert [s.name for s in sp] == ["Ohio’s tax commissioner"]


def test_doubled_apostrophes_as_quotation_marks() -> None:
    sp = _speakers("''The plan is far too complex,'' said Ana Ruiz, a lawyer. ''Nobody reads it.''")
    pairs = _pairs(sp)
    assert ("Ana Ruiz", "direct", "The plan is far too complex") in pairs
    assert ("Ana Ruiz", "direct", "Nobody reads it.") in pairs
    assert find_quotes("The drivers'' union met.") == []


def test_state_as_a_noun_is_not_a_cue() -> None:
    sp = _speakers(
        "Twenty member states backed the motion on Monday.",
        '"Funding will rise," the report states.',
    )
    assert _pairs(sp) == {("the report", "direct", "Funding will rise")}


def test_said_as_or_when_is_not_a_reported_clause() -> None:
    sp = _speakers('"We will be back," Ana Ruiz said as she left the square.')
    assert _pairs(sp) == {("Ana Ruiz", "direct", "We will be back")}


def test_called_with_an_object_pronoun_or_what_is_a_verdict() -> None:
    sp = _speakers(
        "The ministry called them temporary shelters.",
        "He faces charges over what prosecutors called a plot to burn the depot.",
    )
    pairs = {(n, k, t.rstrip(".")) for n, k, t in _pairs(sp)}
    assert ("The ministry", "indirect", "them temporary shelters") in pairs or (
        "the ministry",
        "indirect",
        "them temporary shelters",
    ) in pairs
    assert ("prosecutors", "indirect", "a plot to burn the depot") in pairs
    # a phone call is not a verdict
    assert not _speakers("The mayor called the fire chief on Friday.")


def test_hearer_verb_with_to_infinitive() -> None:
    sp = _speakers("The captain told them to stay in their seats until landing.")
    assert _pairs(sp) == {
        ("The captain", "indirect", "them to stay in their seats until landing")
    } or {(n.lower(), k, t.rstrip(".")) for n, k, t in _pairs(sp)} == {
        ("the captain", "indirect", "them to stay in their seats until landing")
    }


def test_inverted_speaker_with_lower_case_job_before_title_and_name() -> None:
    sp = _speakers(
        "Usually a contract settles it, said fertility specialist Dr. Ana Ruiz, who was not there."
    )
    assert [s.name for s in sp] == ["Ana Ruiz"]
    assert sp[0].statements[0].text == "Usually a contract settles it"


def test_long_description_after_a_quote_is_the_person_named_before() -> None:
    sp = _speakers(
        "Former Ohio Gov. Ana Ruiz spoke to voters in Dayton on Friday.",
        '"I have seen this before," the former governor of Ohio and likely candidate said.',
    )
    assert [s.name for s in sp] == ["Ana Ruiz"]


def test_name_then_long_role_without_closing_comma() -> None:
    sp = _speakers("Ana Ruiz, the top Democrat on the budget committee said the deal was close.")
    assert [s.name for s in sp] == ["Ana Ruiz"]
    assert sp[0].role == "top Democrat on the budget committee"


def test_sentence_initial_long_description_and_intro_word_not_a_name() -> None:
    sp = _speakers(
        'Senator Ana Ruiz said she hoped the talks "would hold."',
        "The top-ranking Democrat on the budget committee said the talks were close to a deal.",
        "Overall, the fund predicts that growth will slow next year.",
    )
    names = {s.name for s in sp}
    assert "Ana Ruiz" in names and "Overall" not in names
    ruiz = _by_name(sp)["Ana Ruiz"]
    assert any("close to a deal" in st.text for st in ruiz.statements)


# --- issue 13: error classes seen on unseen news (texts written for these tests) ---------


def test_name_span_has_no_leftovers() -> None:
    sp = _speakers(
        '"Markets are nervous," said Oskar Lind of Oslo-based Fjord Capital.',
        "The board met on Thursday. Brandt, the treasurer, said the budget was short.",
        "Mira Halden said the port was closing. Halden al said nothing.",
    )
    names = {s.name for s in sp}
    assert "Oskar Lind" in names and "Brandt" in names
    assert not any(n.startswith(("of ", "Thursday")) or n.endswith(" al") for n in names)
    assert _by_name(sp)["Oskar Lind"].role == "Oslo-based Fjord Capital"


@pytest.mark.parametrize(
    "text",
    [
        "Even in Tarnow, it is too early to call the race, as some local leaders keep saying.",
        "(Additional reporting by Jan Novak; editing by Eva Holm.)",
        "He has done better in the North and other Western states.",
        "She starred in the TV show Harbour Lights and later wrote a novel.",
        "Irish said the vote was close.",
        "At a rally in Selby, Yorkshire, on Sunday, the crowd cheered as the mayor kept saying no.",
    ],
)
def test_capitalised_non_speakers(text: str) -> None:
    names = {s.name for s in _speakers(text)}
    assert not names & {"Even", "Additional", "Western", "TV", "Irish", "Yorkshire", "Selby"}


def test_one_speaker_one_entry() -> None:
    sp = _speakers(
        "Campaign group Tidewatch International said the arrests were unlawful.",
        "Tidewatch International later said it would appeal.",
        "The Harbour Gazette reported that the mayor had resigned.",
        "The Gazette said the letter was dated Monday.",
        "Claudette Marr said the tour would go on. Marr said her father would have wanted it.",
        '"The orbit is stable," an ESA scientist said. ESA said the launch would go ahead.',
    )
    by = _by_name(sp)
    assert set(by) == {"Tidewatch International", "the Harbour Gazette", "Claudette Marr", "ESA"}
    assert by["Tidewatch International"].role == "campaign group"
    assert all(len(s.statements) == 2 for s in sp)


def test_documents_are_not_speakers() -> None:
    sp = _speakers(
        "A statement by the prosecutors said the driver had been drinking.",
        "A police news release said the driver was 34.",
        "Governor Ann Lee unveiled the plan on Friday. Her website said it would cost $4 million.",
    )
    pairs = {(s.name, st.cue, st.text) for s in sp for st in s.statements}
    assert ("the prosecutors", "said in a statement", "the driver had been drinking") in pairs
    assert ("the police", "said in a police news release", "the driver was 34") in pairs
    assert ("Ann Lee", "said on her website", "it would cost $4 million") in pairs


def test_a_document_from_its_issuer_is_the_issuer() -> None:
    # "a report from <outlet>": the outlet, one entry with its own statements
    sp = _speakers(
        "The Harbour Gazette said the mayor had resigned.",
        "The port lost $4 million last year, according to a report from The Harbour Gazette.",
    )
    assert [(s.name, len(s.statements)) for s in sp] == [("the Harbour Gazette", 2)]
    # "a statement released Monday from the family's lawyer, Ruth Okafor": the lawyer
    sp = _speakers(
        "Police held Dan Pike on Friday. His lawyer, Ruth Okafor, said the arrest was unlawful.",
        "The arrest was a mistake, according to a statement released Monday from the"
        " family's lawyer, Ruth Okafor.",
    )
    by = _by_name(sp)
    assert set(by) == {"Ruth Okafor"}
    assert [st.cue for st in by["Ruth Okafor"].statements] == [
        "said",
        "according to a statement released Monday",
    ]
    # "a poll of 300 voters released by Harbour Polling": the pollster, not the voters
    sp = _speakers(
        "Support for the bridge fell to 40 percent, according to a poll of 300 voters"
        " released by Harbour Polling."
    )
    assert [s.name for s in sp] == ["Harbour Polling"]
    # "one Harbour Trust ad": the trust; "her lawyers in a court filing": her lawyers
    sp = _speakers(
        "The ads ran all week. One Harbour Trust ad said the bridge was unsafe.",
        "Mara Lind sued the port in May. The port had treated her unfairly, according to her"
        " lawyers in a court filing.",
    )
    assert {(s.name, s.statements[0].cue) for s in sp} == {
        ("Harbour Trust", "said in one Harbour Trust ad"),
        ("her lawyers", "according to a court filing"),
    }


def test_related_story_titles_in_the_text_are_not_statements() -> None:
    # a news page's links to related stories, each set in as a "sentence" of its own
    sp = _speakers(
        "The Marlow Council said the old jail would close in June."
        " Sheriff report: Arrests fall but jail costs rise ."
        " Sheriff Dale Moss said he would publish the figures."
        " Lawyer releases video of officer accused in shooting ."
        " Bridge closure was lawful, judge says ."
        ' "We want the truth," said Ann Lee.'
    )
    assert {s.name for s in sp} == {"the Marlow Council", "Dale Moss", "Ann Lee"}
    assert sum(len(s.statements) for s in sp) == 3
    # a text whose every sentence ends in a period apart: a subject and a verb of saying
    # with its statement after it are a statement, even without articles
    sp = _speakers(
        "Rain closed the ferry on Friday ."
        " Police say driver fled on foot ."
        " Councillors said Monday fares were too high ."
        " Update: Harbour staff said the pier was unsafe ."
        " Poll: Voters say fares are too high ."
        " Harbour Board report: Crews say delays will grow ."
    )
    assert _pairs(sp) == {
        ("Police", "indirect", "driver fled on foot"),
        ("Councillors", "indirect", "fares were too high"),
        ("Harbour staff", "indirect", "the pier was unsafe"),
    }
    # a colon statement stays, with its period apart or not
    sp = _speakers("Tom Reyes said: Ferries will run late . Ann Lee said: Buses will run late.")
    assert _pairs(sp) == {
        ("Tom Reyes", "indirect", "Ferries will run late"),
        ("Ann Lee", "indirect", "Buses will run late"),
    }


def test_one_family_is_one_entry() -> None:
    sp = _speakers(
        "Ben Okafor, 19, died on Friday after a fall at the quarry.",
        "Family members said he had gone there to swim.",
        "The family said in a statement that they were heartbroken.",
    )
    assert len(sp) == 1 and len(sp[0].statements) == 2
    sp = _speakers(
        "Relatives said Ben Okafor loved football. The Okafor family said they were heartbroken."
    )
    assert [s.name for s in sp] == ["the Okafor family"]
    # two families in the article stay apart, and so does a friend of the family
    sp = _speakers(
        "The victim's family said he loved football. The driver's family said they were"
        " heartbroken. Relatives said the funeral would be on Monday.",
        "A friend of the family said the road was dangerous.",
    )
    assert len(sp) == 4
    # "his family" and "their family" are two families too
    sp = _speakers(
        "Ben Okafor died on Friday. His family said he loved football.",
        "The twins were hurt in the same crash. Their family said the road was dangerous.",
    )
    assert sorted(s.name for s in sp) == ["his family", "their family"]


def test_an_object_is_not_a_reported_clause() -> None:
    sp = _speakers("Ann Lee announced the plan on Friday. The police charged the driver on Monday.")
    assert sp == []


def test_demo_style_roles_and_documents() -> None:
    sp = _speakers(
        "Its director, Paul Ingram, said the agency had acted.",
        '"We got this wrong," Ansel Marr said in a video posted to the company\'s channels.',
        "The Port Operators’ Association said the demand was unaffordable.",
        "Ferris said the union had told the operators so in writing.",
    )
    by = _by_name(sp)
    assert by["Paul Ingram"].role == "director"
    assert [st.text for st in by["Ansel Marr"].statements] == ["We got this wrong"]
    assert "the Port Operators’ Association" in by
    assert [st.cue for st in by["Ferris"].statements] == ["said"]


def test_cue_verbs_kept() -> None:
    sp = _speakers(
        "Tom Reyes insisted the ferry was safe.",
        "Tom Reyes denied that the ferry was late.",
        'Tom Reyes wrote: "It was never late."',
    )
    assert [st.cue for st in sp[0].statements] == ["insisted", "denied", "wrote"]


def test_quote_over_two_paragraphs_takes_the_speaker_named_at_its_close() -> None:
    sp = _speakers(
        "The vote was close.",
        "“We have waited ten years for this bridge. Nobody here thought it would happen.",
        "“Now it is here, and it is beautiful,” said Mayor Ana Ruiz.",
    )
    assert [s.name for s in sp] == ["Ana Ruiz"]
    assert [st.paragraph for st in sp[0].statements] == [1, 2]


def test_middle_initial_and_headline_words_are_not_names() -> None:
    sp = _speakers(
        "Harbour Will Not Wait For Brandt",
        "“Costs are rising,” said Karl M. Brandt, a broker. “Buyers are few,” he said.",
        "“We will see,” Brandt said.",
    )
    assert [s.name for s in sp] == ["Karl M. Brandt"]
    assert len(sp[0].statements) == 3


def test_a_dateline_is_not_a_speaker() -> None:
    sp = _speakers("WASHINGTON — “We are ready,” the union said on Monday.")
    assert [s.name for s in sp] == ["the union"]


def test_a_named_poll_speaks_for_its_pollster_and_one_word_joins_it() -> None:
    sp = _speakers(
        "A Harbour Research survey found that voters were split.",
        "Harbour said the gap was narrowing.",
        "Tom Lee said the vote was close. Tom Lee Partners said it would invest.",
        "The poll found that voters were tired of the race.",
    )
    by = _by_name(sp)
    assert len(by["Harbour Research"].statements) == 2
    assert "Tom Lee" in by and "Tom Lee Partners" in by  # a person is no organisation's prefix
    # no pollster named: the finding is not the last speaker's, and an unnamed poll's finding
    # is no one's statement (it was "the poll" until session 5)
    assert not any("tired" in st.text for s in sp for st in s.statements)


# --- reported speech: who is found and where a statement ends (issue 13, session 4) ------


def test_subject_before_a_long_parenthetical_speaks() -> None:
    sp = _speakers(
        "Tove Lind, a ferry pilot from Eastport, Maine, who has crossed the strait for"
        " thirty years, said the new timetable was unsafe in winter.",
        "Rolf Aske, who chairs the harbour board, the ferry trust and the fishing council,"
        " has said he will not sign the contract.",
    )
    assert _pairs(sp) == {
        ("Tove Lind", "indirect", "the new timetable was unsafe in winter"),
        ("Rolf Aske", "indirect", "he will not sign the contract"),
    }


def test_a_name_in_apposition_after_a_description_speaks() -> None:
    sp = _speakers(
        "The author of the book, Mira Holm, said in an interview that the pier could not be saved."
    )
    assert _pairs(sp) == {("Mira Holm", "indirect", "the pier could not be saved")}


def test_coordinated_and_reflexive_subjects_speak() -> None:
    sp = _speakers(
        "Mayor Rolf Aske has doubts but has said the vote will go ahead.",
        "The ferry company itself said the timetable was final.",
    )
    pairs = _pairs(sp)
    assert ("Rolf Aske", "indirect", "the vote will go ahead") in pairs
    assert any(st == "the timetable was final" for _, _, st in pairs)


@pytest.mark.parametrize(
    ("text", "source", "statement"),
    [
        (
            "The new pier will cost about 40 million crowns, according to the plan the"
            " council published.",
            "the plan the council published",
            "The new pier will cost about 40 million crowns",
        ),
        (
            "Ferry traffic fell by a third, according to the latest Harbour Board"
            " figures for the north.",
            "the latest Harbour Board figures for the north",
            "Ferry traffic fell by a third",
        ),
        (
            "In addition, according to the harbour office, ten more berths will open.",
            "the harbour office",
            "ten more berths will open",
        ),
        (
            "(According to the coast guard, it keeps no record of such delays.)",
            "the coast guard",
            "it keeps no record of such delays",
        ),
    ],
)
def test_according_to_wherever_it_stands(text: str, source: str, statement: str) -> None:
    sp = _speakers(text)
    assert _pairs(sp) == {(source, "indirect", statement)}


def test_groups_without_a_name_speak() -> None:
    sp = _speakers(
        "But opponents say the toll will drive traffic to the old road.",
        "Rival candidates argued that the pier should be rebuilt first.",
    )
    pairs = {(name.lower().split()[-1], kind, text) for name, kind, text in _pairs(sp)}
    assert pairs == {
        ("opponents", "indirect", "the toll will drive traffic to the old road"),
        ("candidates", "indirect", "the pier should be rebuilt first"),
    }


def test_that_after_a_long_adjunct_opens_the_clause() -> None:
    sp = _speakers(
        "Tove Lind said in one of a series of posts on Friday that the strait was too rough.",
        "Ole Brun hinted at that in a meeting on Monday.",
    )
    assert _pairs(sp) == {("Tove Lind", "indirect", "the strait was too rough")}


def test_speaker_named_in_the_next_sentence_of_the_paragraph() -> None:
    sp = _speakers(
        "The harbour reopened on Monday.",
        '"We lost three boats and nearly lost the pier." Harbour master Ann Lee said the'
        " repairs would take a year.",
        '"The crossing is safe again," Ole Brun said.',
        '"Nobody wants to sail in this weather." Captain Piet Vos told reporters the boats'
        " would stay in port.",
    )
    by = _by_name(sp)
    assert "We lost three boats and nearly lost the pier." in {
        st.text for st in by["Ann Lee"].statements
    }
    # a bare quotation after Ole Brun's paragraph is Piet Vos's: the paragraph names him
    assert "Nobody wants to sail in this weather." in {st.text for st in by["Piet Vos"].statements}
    assert [st.text for st in by["Ole Brun"].statements] == ["The crossing is safe again"]


def test_statements_in_a_list_after_a_colon() -> None:
    sp = _speakers(
        "The mayor promised three things: that the pier would be rebuilt, that fares would"
        " fall and that the night ferry would return.",
        "The harbour board explained its decision:",
        "- the old pier is unsafe in storms;",
        "- repairs would cost more than a new ferry;",
        "- the harbour fund is empty.",
        "The ferry company cut its timetable.",
    )
    by = _by_name(sp)
    assert [st.text for st in by["the mayor"].statements] == [
        "the pier would be rebuilt",
        "fares would fall",
        "the night ferry would return",
    ]
    assert [st.text for st in by["the harbour board"].statements] == [
        "the old pier is unsafe in storms",
        "repairs would cost more than a new ferry",
        "the harbour fund is empty",
    ]


def test_an_unquoted_paragraph_after_wrote_colon_is_the_statement() -> None:
    sp = _speakers(
        "Mayor Ann Lee wrote on her blog:",
        "The port will reopen when the pier is safe, and not a day earlier.",
        "Ferries will run from Friday.",
    )
    assert _pairs(sp) == {
        ("Ann Lee", "indirect", "The port will reopen when the pier is safe, and not a day earlier")
    }


def test_question_and_answer_layout() -> None:
    sp = _speakers(
        "Harbour master Ann Lee on the storm and the pier",
        "We spoke to Ann Lee, who has run the harbour for twelve years.",
        "Q: How bad was the storm?",
        "A: We lost three boats and nearly lost the pier.",
        "Q. When will the ferry sail again?",
        "A. By Friday, if the wind drops.",
    )
    assert _pairs(sp) == {
        ("Ann Lee", "direct", "We lost three boats and nearly lost the pier."),
        ("Ann Lee", "direct", "By Friday, if the wind drops."),
    }


def test_transcript_with_names_in_title_case() -> None:
    sp = _speakers(
        "The council met on Monday.",
        "Piet Vos: The night crossing needs a new pier first.",
        "Ann Lee: That will take a year at least.",
        "Vos: Then we wait a year.",
        "Update: This article was corrected on Tuesday.",
        "Harbour: Piet Vos, Ann Lee, Ole Brun, Tove Lind.",
    )
    assert _pairs(sp) == {
        ("Piet Vos", "direct", "The night crossing needs a new pier first."),
        ("Ann Lee", "direct", "That will take a year at least."),
        ("Piet Vos", "direct", "Then we wait a year."),
    }


def test_an_adverb_before_the_cue_keeps_the_speaker() -> None:
    sp = _speakers("Fact-checkers soon noted that the ferry had never carried 900 passengers.")
    assert _pairs(sp) == {
        ("Fact-checkers", "indirect", "the ferry had never carried 900 passengers")
    }


def test_what_is_said_in_an_opening_clause_ends_at_its_comma() -> None:
    sp = _speakers(
        "When Ann Lee suggested that the pier should close, the harbour board voted no.",
        "Noting that the fund is empty, Piet Vos asked for a new budget.",
    )
    pairs = _pairs(sp)
    assert ("Ann Lee", "indirect", "the pier should close") in pairs
    assert ("Piet Vos", "indirect", "the fund is empty") in pairs


def test_a_cue_inside_a_that_clause_is_part_of_what_was_said() -> None:
    sp = _speakers("Ann Lee told the radio that the harbour board said the pier was unsafe.")
    assert ("Ann Lee", "indirect", "the harbour board said the pier was unsafe") in _pairs(sp)


def test_a_question_reported_after_its_hearer() -> None:
    sp = _speakers("Tove Lind asked the mayor why the night ferry had stopped running.")
    assert _pairs(sp) == {("Tove Lind", "indirect", "why the night ferry had stopped running")}


def test_as_the_speaker_said_the_main_clause_is_the_statement() -> None:
    sp = _speakers("As Ann Lee noted on Monday, the ferry is older than the pier.")
    assert _pairs(sp) == {("Ann Lee", "indirect", "the ferry is older than the pier")}


def test_a_group_with_a_post_modifier_before_a_parenthetical_speaks() -> None:
    sp = _speakers(
        "Harbour officials familiar with the survey of the pier at Lindholm, Norway,"
        " speaking on the condition of anonymity, said that the piles had rotted."
    )
    assert _pairs(sp) == {("Harbour officials", "indirect", "the piles had rotted")}


def test_a_dateline_is_skipped_to_find_the_subject() -> None:
    sp = _speakers(
        "LINDHOLM, Nov 3 (Reuters) - Marta Vos backed the harbour plan on Wednesday,"
        " saying the old pier would bring hardship to the islands."
    )
    assert _pairs(sp) == {
        ("Marta Vos", "indirect", "the old pier would bring hardship to the islands")
    }


# --- the pane, classes found on polnear-train (texts written for these tests) -----------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Carla Nunez, a nurse from Austin, Texas, said the ward was full.", "Carla Nunez"),
        ('"The line held," Paul Ortiz, 44, of Tulsa, Okla., said after the match.', "Paul Ortiz"),
        ("Ann Holt, speaking at a rally in Reno, Nevada, said taxes would fall.", "Ann Holt"),
        (
            "Ivo Brandt, an engineer in Leeds, who built the dam, recalled that the rain never"
            " stopped.",
            "Ivo Brandt",
        ),
        ("In Reno, Ann Holt said taxes would fall.", "Ann Holt"),
        ("Ida Roth, whose company, Glowmark, makes lamps, said sales had doubled.", "Ida Roth"),
    ],
)
def test_a_place_in_an_apposition_is_not_the_speaker(text: str, name: str) -> None:
    assert [s.name for s in _speakers(text)] == [name]


def test_a_capitalised_run_before_a_role_noun_is_no_name_for_a_pronoun() -> None:
    sp = _speakers(
        "Nadia Eberle, a Glen Ridge lawyer who represents growers, has helped farms adapt to"
        " what she said is a growing demand for water."
    )
    assert [s.name for s in sp] == ["Nadia Eberle"]


@pytest.mark.parametrize(
    "text",
    [
        "Initial reports said the fire began in the kitchen.",
        '"It was a mess," J.M. said.',
    ],
)
def test_opening_words_and_bare_initials_are_not_speakers(text: str) -> None:
    assert _speakers(text) == []


def test_a_sentence_adverb_and_a_headline_verb_are_no_part_of_a_name() -> None:
    assert [s.name for s in _speakers("Even Rendell said the plan had failed.")] == ["Rendell"]
    sp = _speakers("Nina Castell Slams Ron Dwyer Over Taxes", "Dwyer said the plan was fair.")
    assert [s.name for s in sp] == ["Ron Dwyer"]


@pytest.mark.parametrize(
    ("paras", "name"),
    [
        (
            [
                "Sen. Joseph R. Ward Jr. said the bill would pass.",
                "Joseph R. Ward said it would pass next week.",
            ],
            "Joseph R. Ward Jr.",
        ),
        (
            ["Maria Lopez Ortega said the vote was fair.", "Maria Lopez said the count was done."],
            "Maria Lopez Ortega",
        ),
        (["Lou Jiwei said growth would slow.", "Lou said exports were strong."], "Lou Jiwei"),
        (
            ["Brent Bozell III said the group would grow.", "Brent Bozell said it was growing."],
            "Brent Bozell III",
        ),
        (
            ["Lakeside said the update was late.", "A Lakeside spokesman said it would ship."],
            "Lakeside",
        ),
        (  # a name with and without its accents
            ["José García said the shop would close.", "Garcia said he was sorry."],
            "José García",
        ),
        (  # straight and curly apostrophes
            ["Ed O'Keefe said the vote was close.", "O’Keefe said turnout was high."],
            "Ed O'Keefe",
        ),
        (  # a family name written first, before two given names
            ["Kim Jong Un said the test worked.", "Kim said more would follow."],
            "Kim Jong Un",
        ),
        (  # a city's police by the force's whole name
            [
                "The Atlanta Police Department said the suspect fled.",
                "Atlanta police said he was armed.",
            ],
            "the Atlanta Police Department",
        ),
        (  # an airline's short name
            ["Wren Air Lines said flights were cancelled.", "Wren said refunds would follow."],
            "Wren Air Lines",
        ),
        (
            [
                "A new Lakeside Research poll found that most voters were undecided.",
                "The poll also found that turnout would be low.",
            ],
            "Lakeside Research",
        ),
        (
            [
                "A new poll found that most voters were undecided.",
                "The Harbor Point Poll found that turnout would be low.",
            ],
            "Harbor Point Poll",
        ),
    ],
)
def test_name_variants_are_one_entry(paras: list[str], name: str) -> None:
    sp = _speakers(*paras)
    assert [s.name for s in sp] == [name]
    assert len(sp[0].statements) == 2


@pytest.mark.parametrize(
    ("first", "other"),
    [
        ("A driver was held after a chase through two counties, police said.", "Fenwick police"),
        (
            "A driver was held after a chase. Police said he had crossed two counties.",
            "Fenwick police",
        ),
        (
            "A driver was held after a chase through two counties, police said.",
            "The Fenwick State Police",
        ),
    ],
)
def test_bare_police_in_a_datelined_story_are_the_dateline_towns(first: str, other: str) -> None:
    paras = [
        first,
        "Marlow police said the driver ran from the car.",
        f"{other} said he had been seen there the night before.",
    ]
    doc = Document(None, [Paragraph(i, p) for i, p in enumerate(paras)], "Marlow, Ohio (AP) —")
    by = _by_name(extract_speakers(doc))
    assert len(by) == 2
    assert len(by["Marlow police"].statements) == 2
    # with no dateline, the bare police could be either town's: they stay apart
    assert len(_speakers(*paras)) == 3


def test_bare_police_are_the_one_police_department_named() -> None:
    sp = _speakers(
        "A driver was held after a chase, police said.",
        "A spokesman for the Marlow Police Department said the driver ran from the car.",
    )
    assert [(s.name, len(s.statements)) for s in sp] == [("Marlow Police Department", 2)]


def test_an_unnamed_spokesperson_is_the_one_named_next_with_that_role() -> None:
    sp = _speakers(
        "The ferry ran aground at dawn, a Marlow Harbour Board spokeswoman said."
        " Nobody was hurt, spokeswoman Ines Varga said.",
        "The ferry will sail again on Monday, a spokesman said. Port Authority spokesman"
        " Olek Brandt said the channel would be dredged.",
    )
    by = _by_name(sp)
    assert sorted(by) == ["Ines Varga", "Olek Brandt", "a spokesman"]
    assert by["Ines Varga"].aliases == ["a Marlow Harbour Board spokeswoman"]
    assert len(by["Ines Varga"].statements) == 2
    # a spokesman of a named organisation is not the unnamed one said before
    assert len(by["a spokesman"].statements) == 1


def test_a_son_named_junior_is_not_his_father() -> None:
    sp = _speakers(
        "Donald Trump Jr. said the tower would open.", "Donald J. Trump said the tower was his."
    )
    assert sorted(s.name for s in sp) == ["Donald J. Trump", "Donald Trump Jr."]


@pytest.mark.parametrize(
    ("paras", "name"),
    [
        (
            [
                "Tomas Berg, 19, was hurt when the bus overturned near Lyon on Friday.",
                '"He is a fighter and he will walk again," the man\'s mother said.',
            ],
            "the man's mother",
        ),
        (
            [
                "Tomas Berg was driving the truck.",
                "His mother said he had not slept for two days.",
            ],
            "Tomas Berg’s mother",
        ),
        (
            [
                'Officer Dana Pike arrived first. "We found him by the road," the boy\'s father'
                " told reporters."
            ],
            "the boy's father",
        ),
    ],
)
def test_a_relative_given_by_role_is_not_the_person_named_nearby(
    paras: list[str], name: str
) -> None:
    assert [s.name for s in _speakers(*paras)] == [name]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The Centers for Harbour Safety and Prevention estimates that one boat in ten leaks.",
            "The Centers for Harbour Safety and Prevention",
            None,
        ),
        (
            "That is less than what the American Society of Canal Engineers estimates will be"
            " needed.",
            "the American Society of Canal Engineers",
            None,
        ),
        (
            "Former Secretary of State Mara Quist said the treaty would hold.",
            "Mara Quist",
            "Former Secretary of State",
        ),
    ],
)
def test_a_name_with_of_or_and_is_whole(text: str, name: str, role: str | None) -> None:
    (sp,) = _speakers(text)
    assert sp.name == name
    assert sp.role == role


def test_a_person_described_by_party_or_place_is_the_person_named_before() -> None:
    sp = _speakers(
        'Louis Brandt, the Dutch coach, named his team on Friday. "We are ready," the Dutchman'
        " said.",
        "Senator Ada Kemp wants the files released. The Democrat told reporters the delay was"
        " absurd.",
        "The Guardian said the files were real.",
    )
    assert {s.name for s in sp} == {"Louis Brandt", "Ada Kemp", "the Guardian"}


def test_a_platform_before_posts_is_no_speaker() -> None:
    sp = _speakers(
        'In a series of Twitter posts on Sunday, Mr. Frum, a former speechwriter, wrote: "The'
        ' race is over."',
        "Twitter said it would suspend the account.",
    )
    assert sorted((s.name, s.statements[0].cue) for s in sp) == [
        ("Frum", "wrote"),
        ("Twitter", "said"),
    ]


# --- the pane: one entry per source (issue 13, session 5) ----------------------------------


@pytest.mark.parametrize(
    ("paras", "name", "aliases"),
    [
        (  # a bare plural, and one opening a sentence, join the one fuller group
            [
                "Port Authority officials said the pier would close on Monday.",
                "Officials said repairs would take a year.",
                "The officials said the ferry would still run.",
            ],
            "Port Authority officials",
            ["Officials", "the officials"],
        ),
        (
            [
                "Prosecutors said the driver had been drinking.",
                "On Monday, federal prosecutors said he would be charged.",
                "On Tuesday, prosecutors said the trial would open in May.",
            ],
            "federal prosecutors",
            ["Prosecutors", "prosecutors"],
        ),
        (  # "the source" is the one source named before, not "a third source"
            [
                "One source said the deal was close.",
                "The source said talks would resume in May.",
                "A third source said the deal was dead.",
            ],
            "one source",
            ["the source"],
        ),
        (  # a campaign by possessive, by attribute, and alone
            [
                "The Lind campaign said the advert was false.",
                "Mrs. Lind's presidential campaign said it would file a complaint.",
                "The campaign said it had raised $2 million.",
            ],
            "Mrs. Lind's presidential campaign",
            ["the Lind campaign", "the campaign"],
        ),
    ],
)
def test_a_description_joins_the_one_fuller_description(
    paras: list[str], name: str, aliases: list[str]
) -> None:
    by = _by_name(_speakers(*paras))
    assert set(by[name].aliases) == set(aliases)
    assert not set(aliases) & set(by)  # no entry of its own


def test_descriptions_of_several_groups_stay_apart() -> None:
    sp = _speakers(
        "Russian officials said the talks had failed.",
        "Ukrainian officials said the talks would go on.",
        "Some officials said the border would stay shut.",
        "Tom Reyes said the plan was too costly. His advisers said it was late.",
        "Ann Lee said the plan was cheap. Her advisers said it was early.",
    )
    assert {s.name for s in sp} == {
        "Russian officials",
        "Ukrainian officials",
        "some officials",
        "Tom Reyes",
        "his advisers",
        "Ann Lee",
        "her advisers",
    }


def test_a_description_stays_apart_when_the_text_names_another_group_of_it() -> None:
    sp = _speakers(
        "Russian officials said the talks had failed.",
        "Kyiv officials did not attend the meeting in Geneva.",
        "Officials said the border would stay shut.",
    )
    assert {s.name for s in sp} == {"Russian officials", "Officials"}


@pytest.mark.parametrize(
    ("paras", "name", "aliases"),
    [
        (  # an acronym's described person, and the acronym, with the name spelled out
            [
                "An EPA spokeswoman said the river was safe.",
                "The Environmental Protection Agency said tests would continue.",
                "The EPA said the plant was closed.",
            ],
            "the Environmental Protection Agency",
            {"EPA", "an EPA spokeswoman", "the EPA"},
        ),
        (  # the initials of a name with a common word in it
            ["Human Rights Watch said the arrests were unlawful.", "HRW said it would appeal."],
            "Human Rights Watch",
            {"HRW"},
        ),
        (  # spelled out with its "for" and "and"
            [
                "The Centers for Disease Control and Prevention said cases were rising.",
                "The CDC said masks would help.",
            ],
            "The Centers for Disease Control and Prevention",
            {"the CDC"},
        ),
        (  # an acronym written with full stops
            ["The United Nations said aid was blocked.", "The U.N. said trucks were waiting."],
            "the United Nations",
            {"the U.N."},
        ),
        (  # an organisation's name cut before its "of" in one sentence, whole in another
            [
                "The Georgia Department of Transportation said the road was closed.",
                "The department said it would reopen on Monday.",
            ],
            "The Georgia Department of Transportation",
            {"the department", "the Georgia Department"},
        ),
    ],
)
def test_an_acronym_or_a_cut_name_joins_the_organisation(
    paras: list[str], name: str, aliases: set[str]
) -> None:
    sp = _speakers(*paras)
    assert [s.name for s in sp] == [name]
    assert set(sp[0].aliases) == aliases
    assert len(sp[0].statements) == len(paras)


def test_the_role_after_an_unnamed_one_is_that_one_not_the_person_named_between() -> None:
    sp = _speakers(
        "A senior port official said the pier was unsafe.",
        "Mayor Ann Lee said she would close it on Monday.",
        "The official said repairs would cost $2 million.",
        "Tom Reyes, an official at the ferry company, said fares would rise.",
        "The official said the timetable would change.",
    )
    by = _by_name(sp)
    assert [st.text for st in by["a senior port official"].statements] == [
        "the pier was unsafe",
        "repairs would cost $2 million",
    ]
    assert [st.text for st in by["Ann Lee"].statements] == ["she would close it on Monday"]
    assert [st.text for st in by["Tom Reyes"].statements] == [
        "fares would rise",
        "the timetable would change",
    ]


def test_a_role_is_the_one_person_given_that_role_not_whoever_spoke_last() -> None:
    sp = _speakers(
        "Sen. Jane Doe said the bill was dead.",
        "Gov. Tom Reyes said he would veto it anyway.",
        "The senator said talks would go on.",
        "Ann Lee, a nurse, said the ward was full.",
        "Piet Vos, a doctor, said beds were short.",
        "The nurse said staff were tired.",
    )
    by = _by_name(sp)
    assert [st.text for st in by["Jane Doe"].statements] == [
        "the bill was dead",
        "talks would go on",
    ]
    assert [st.text for st in by["Ann Lee"].statements] == [
        "the ward was full",
        "staff were tired",
    ]
    assert len(by["Tom Reyes"].statements) == len(by["Piet Vos"].statements) == 1


def test_a_role_with_a_place_is_not_given_to_a_person_of_another_place() -> None:
    sp = _speakers(
        "Sen. Ann Lee, a senator from Vermont, said the bill was dead.",
        "Tom Reyes said talks would go on.",
        "The Florida senator said he was hopeful.",
    )
    assert [st.text for st in _by_name(sp)["Ann Lee"].statements] == ["the bill was dead"]


def test_an_entry_known_only_for_beliefs_or_findings_is_not_shown() -> None:
    sp = _speakers(
        "Ada Rook thinks the bridge is unsafe. A survey found that most residents want a new"
        " one, and polls show support for a toll.",
        "The Harbour Trust estimates that repairs will cost $9m.",
        '"We will build it," said Mayor Tom Hale. Council members agree that it will cost more.',
        "Ivo Brandt said the toll would rise. He believes the bridge is unsafe.",
    )
    names = [s.name for s in sp]
    assert "Tom Hale" in names and "Ivo Brandt" in names
    assert not any(w in n for n in names for w in ("Rook", "survey", "polls", "Council"))
    assert "Harbour Trust" in names  # a named source's estimate is its statement
    # someone who also said something keeps the belief too
    assert len(_by_name(sp)["Ivo Brandt"].statements) == 2


def test_a_quoted_word_after_a_verb_of_belief_is_said() -> None:
    sp = _speakers('Rabbi Noam Adler fears "a new dark age" for the region.')
    assert [s.name for s in sp] == ["Noam Adler"]


def test_a_cue_word_used_as_a_noun_after_a_name_makes_no_speaker() -> None:
    sp = _speakers(
        "The mayor said the port would stay open. She rejected the latest Harbour Authority"
        " reports that the pier was unsafe.",
        "He cited a key Norland Police report that the crash was avoidable.",
        "The Norland Gazette reports that the ferry will resume on Monday.",
    )
    names = [s.name for s in sp]
    assert not any("Harbour" in n or "Police" in n for n in names)
    assert "the Norland Gazette" in names  # a name before the verb still speaks


def test_a_name_that_modifies_a_noun_lends_no_first_name() -> None:
    sp = _speakers(
        "Top Ruiz aide quits over leak.",
        "The aide worked for Mayor Ana Ruiz for ten years.",
        "Ruiz said the leak was regrettable.",
    )
    assert [s.name for s in sp] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    "text,name,role",
    [
        (
            '"We will appeal," said Harbour Watch director Ana Ruiz.',
            "Ana Ruiz",
            "Harbour Watch director",
        ),
        (
            '"We will appeal," wrote Gazette bureau chief Omar Lind.',
            "Omar Lind",
            "Gazette bureau chief",
        ),
        (
            '"We will appeal," said Dock Radio co-host Ivo Brandt.',
            "Ivo Brandt",
            "Dock Radio co-host",
        ),
        ('"The trial was unfair," said Coastal Rights Watch.', "Coastal Rights Watch", None),
    ],
)
def test_an_organisation_and_a_title_before_a_name_give_the_person(
    text: str, name: str, role: str | None
) -> None:
    assert [(s.name, s.role) for s in _speakers(text)] == [(name, role)]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Most residents in Ardley, Brill and Tusk said the rain came too late.", "residents"),
        ("Protest organizers in Norland say the march will go ahead.", "Protest organizers"),
        ("People in Eastport said the ferry was late again.", "People"),
        # a comma alone ends an opening phrase: the name after it speaks
        ("At a dinner in Eastport, Ana Ruiz said the ferry was late.", "Ana Ruiz"),
        # what was published in a paper: the paper
        (
            "An earlier report in the Eastport Courier said the ferry was late.",
            "Eastport Courier",
        ),
    ],
)
def test_a_place_after_the_speaker_is_not_the_speaker(text: str, name: str) -> None:
    assert [s.name for s in _speakers(text)] == [name]


@pytest.mark.parametrize(
    "text,name",
    [
        # a town and its state after a station, a paper, a person: they speak
        ("Radio affiliate KBXR in Dunmore, Ohio, reported that the dam held.", "KBXR"),
        ("The Courier in Ashgrove, Oregon reported that the dam held.", "Courier"),
        ("Ada Lindqvist of Marlow, Oklahoma says the dam held.", "Ada Lindqvist"),
        # an abbreviated state before a lower-case word ends no sentence
        ("Ada Lindqvist of Marlow, Okla. says the dam held.", "Ada Lindqvist"),
        # guards: a name after an opening phrase with a town and its state still speaks
        ("At a fair in Dunmore, Ohio, Ada Lindqvist said the dam held.", "Ada Lindqvist"),
        ("Ada Lindqvist, a welder in Dunmore, Ohio, said the dam held.", "Ada Lindqvist"),
    ],
)
def test_a_town_and_its_state_after_the_speaker_are_not_the_speaker(text: str, name: str) -> None:
    assert [s.name for s in _speakers(text)] == [name]


def test_an_inverted_speaker_heads_a_relative_clause_after_a_town() -> None:
    sp = _speakers(
        '"The dam held," said Ada Lindqvist, a welder from Marlow, Oklahoma, who said she'
        " had worked there for years."
    )
    assert [(s.name, len(s.statements)) for s in sp] == [("Ada Lindqvist", 2)]


def test_a_town_is_not_the_surname_of_an_organisation_named_after_it() -> None:
    # "Dunmore" is a town here: it takes no first name from the center's name
    sp = _speakers(
        "Ada Lindqvist was taken to Mercy Dunmore Heart Center in the evening.",
        "The center is the largest in Dunmore.",
        "Dunmore said the roads would stay closed until Friday.",
    )
    assert [s.name for s in sp] == ["Dunmore"]


def test_a_clinic_is_an_organisation_a_town_is_not_the_surname_of() -> None:
    sp = _speakers(
        "Ada Lindqvist was taken to Mercy Dunmore Clinic in the evening.",
        "The clinic is the largest in Dunmore.",
        "Dunmore said the roads would stay closed until Friday.",
    )
    assert [s.name for s in sp] == ["Dunmore"]


@pytest.mark.parametrize(
    "text,name",
    [
        ("The newspaper The Ledger reported that the dam held.", "The Ledger"),
        ("Last week the weekly The Marlow Star said the dam held.", "The Marlow Star"),
    ],
)
def test_a_name_in_apposition_to_a_common_noun_is_the_name(text: str, name: str) -> None:
    # "the newspaper The Ledger": the paper is The Ledger, not "newspaper The Ledger"
    assert [s.name for s in _speakers(text)] == [name]


def test_a_spokesman_for_a_the_name_keeps_his_role() -> None:
    # "for The Ledger" is no apposition: the spokesman speaks for the paper
    (speaker,) = _speakers("A spokesman for The Ledger said the dam held.")
    assert speaker.name.endswith("Ledger") and speaker.role == "spokesman"


@pytest.mark.parametrize(
    "text,name",
    [
        (
            "Rents rose, the Norland Center for Housing and Urban Policy said on Monday.",
            "Norland Center for Housing and Urban Policy",
        ),
        (
            "The Academy of Arts, Letters and Sound Engineering said that the hall was closed.",
            "Academy of Arts, Letters and Sound Engineering",
        ),
        # two speakers joined by "and" stay two
        ("Ana Ruiz and the Harbour Department said the pier was closed.", "the Harbour Department"),
    ],
)
def test_an_organisation_named_with_a_list_is_whole(text: str, name: str) -> None:
    names = [s.name.removeprefix("The ").removeprefix("the ") for s in _speakers(text)]
    assert name.removeprefix("the ") in names


# --- a clause that is no statement, a speaker that is not who said it ----------------------


def test_the_subject_of_a_passive_cue_across_an_adverb_is_not_the_speaker() -> None:
    # "was also charged with": who is charged said nothing; the source after it did
    sp = _speakers(
        "Mark Dunne, 54, was also charged with abuse of office and leaking police secrets,"
        " the Harbor Prosecution Service, the top prosecuting body in the state, said."
    )
    assert [s.name for s in sp] == ["the Harbor Prosecution Service"]
    (st,) = sp[0].statements
    assert st.text.startswith("Mark Dunne, 54, was also charged with abuse of office")


@pytest.mark.parametrize(
    "text",
    [
        "The agency has denied the station's request to speak with the boy or his doctors.",
        "The ministry denied the union's application to march on Sunday.",
    ],
)
def test_denying_a_request_is_a_refusal_not_a_statement(text: str) -> None:
    assert _speakers(text) == []


def test_denying_a_charge_is_still_a_statement() -> None:
    # guard for the rule above (passes on the code before it too)
    sp = _speakers("The agency denied the charges against its staff.")
    assert _pairs(sp) == {("the agency", "indirect", "the charges against its staff")}


def test_a_machine_is_not_a_speaker() -> None:
    sp = _speakers(
        "Engineers restarted the Northfield Proton Collider (NPC) on Tuesday.",
        '"We are ready," said Ada Brandt, the lab\'s director.',
        "The NPC could also question the idea that the universe is made of matter.",
    )
    assert [s.name for s in sp] == ["Ada Brandt"]


def test_a_hospital_still_speaks() -> None:
    # guard for the rule above: an institution issues statements (passes before it too)
    sp = _speakers("The hospital said the patient was stable.")
    assert _pairs(sp) == {("the hospital", "indirect", "the patient was stable")}


# --- name spans: the whole name, not its last words ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Secretary of State Ann Lorimer said the talks would resume.", "Ann Lorimer",
         "Secretary of State"),
        ("The talks will resume, Secretary of State Jo F. Kerr said.", "Jo F. Kerr",
         "Secretary of State"),
        ("Director of National Intelligence Ray Olund said the threat was real.", "Ray Olund",
         "Director of National Intelligence"),
        ("Speaker of the House Mae Dunn said the vote would be on Monday.", "Mae Dunn",
         "Speaker of the House"),
        ('"The ships are ready," Secretary of the Navy Lu Ortega said.', "Lu Ortega",
         "Secretary of the Navy"),
        ("The ships are ready, the Secretary of the Navy Lu Ortega said.", "Lu Ortega",
         "Secretary of the Navy"),
        ("Thomas Earl King III said the march would go on.", "Thomas Earl King III", None),
        ("Jan van den Berg said the dike would hold.", "Jan van den Berg", None),
    ],
)  # fmt: skip
def test_a_title_with_of_or_a_name_with_particles_gives_the_whole_name(
    text: str, name: str, role: str | None
) -> None:
    (sp,) = _speakers(text)
    assert (sp.name, sp.role) == (name, role)


@pytest.mark.parametrize(
    "text",
    ["The bridge was closed, said Director Of", "Bridge closed, says Secretary Of"],
)
def test_a_title_case_of_at_the_very_end_is_no_speaker(text: str) -> None:
    # a headline-cased "Of" last in the text: no name follows it (it raised IndexError)
    assert _speakers(text) == []


def test_a_spokeswoman_for_an_organisation_still_gives_the_organisation() -> None:
    # guard for the title rule above (passes before it too)
    (sp,) = _speakers("A spokeswoman for Acme Foods said the plant would close.")
    assert (sp.name, sp.role) == ("Acme Foods", "spokeswoman")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("TV networks are predicting that the governor will win.", {"TV networks"}),
        ("WHO officials said the outbreak was contained.", {"WHO", "WHO officials"}),
    ],
)
def test_a_plural_source_or_an_acronym_before_it_is_kept(text: str, names: set[str]) -> None:
    (sp,) = _speakers(text)
    assert {sp.name, *sp.aliases} == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"I will vote for the first time," said Nicky Dorrell, 24, from Leeds, who said'
         " the mayor is best placed to fix the buses.", "Nicky Dorrell"),
        ("Some delegates at the convention in Halden said the vote was rigged.",
         "some delegates"),
        ("Apple Inc. said the phone would ship in May.", "Apple Inc."),
        ("Acme Corp., the maker of the drill, said the plant would close.", "Acme Corp."),
    ],
)  # fmt: skip
def test_the_speaker_before_a_place_phrase_or_a_company_suffix_speaks(text: str, name: str) -> None:
    assert [sp.name for sp in _speakers(text)] == [name]


def test_the_person_in_a_place_phrase_before_who_still_speaks() -> None:
    # guard: "help from X, who said" (no comma before "from"): X speaks (passes before too)
    sp = _speakers(
        "The deal was made with help from Labor Secretary Tom Perez, who said the workers had won."
    )
    assert [s.name for s in sp] == ["Tom Perez"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Harbor County Prosecutor's Office said the case was closed.",
         "the Harbor County Prosecutor's Office"),
        ("The case was closed, the Clark County Sheriff's Office said.",
         "the Clark County Sheriff's Office"),
    ],
)  # fmt: skip
def test_an_office_named_after_its_holder_is_one_organisation(text: str, name: str) -> None:
    assert [sp.name for sp in _speakers(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Another intelligence source said the agents were busy with the case.",
        "Another intelligence source speaking to the Daily Ledger said the agents were busy"
        " with the case.",
    ],
)
def test_a_described_source_keeps_its_modifiers_and_its_hearer_is_not_it(text: str) -> None:
    assert [sp.name for sp in _speakers(text)] == ["another intelligence source"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mayor Dana Vell wrote a letter to Attorney General Ray Olund asking the department"
         " to investigate the delays.", "Dana Vell"),
        ("The campaign sent an email to supporters stating that the race was tied.",
         "the campaign"),
    ],
)  # fmt: skip
def test_who_a_letter_is_written_to_is_not_who_asks(text: str, name: str) -> None:
    assert [sp.name for sp in _speakers(text)] == [name]


@pytest.mark.parametrize(
    "text,name",
    [
        ("The mayor of Dunmore said the dam held.", "the mayor of Dunmore"),
        ("The mayor of Dunmore, Ohio, said the dam held.", "the mayor of Dunmore"),
        ("The river rose. The governor of Ohio said the dam held.", "the governor of Ohio"),
        # a spokesperson still speaks for the organisation
        ("A spokeswoman for Acme Foods said the dam held.", "Acme Foods"),
    ],
)
def test_the_holder_of_a_place_office_is_the_speaker_not_the_place(text: str, name: str) -> None:
    assert [s.name for s in _speakers(text)] == [name]


def test_the_office_alone_later_is_the_holder_named_before() -> None:
    sp = _speakers(
        "The governor of Kerala said the dam held. Later the governor said the levee would be"
        " raised by June."
    )
    assert [(s.name, s.role, len(s.statements)) for s in sp] == [
        ("the governor of Kerala", None, 2)
    ]
    # two holders of the office: a bare "the governor" is neither for sure
    two = _speakers(
        "The governor of Kerala said the dam held. The governor of Goa said the roads were shut."
        " Later the governor said the levee would be raised by June."
    )
    assert len(two) == 3


@pytest.mark.parametrize(
    "text,name",
    [
        (
            "Their sheriff of twenty years said the levee would hold.",
            "their sheriff of twenty years",
        ),
        ('"The levee will hold," its sheriff of twenty years said.', "its sheriff of twenty years"),
    ],
)
def test_a_long_description_after_a_possessive_speaks(text: str, name: str) -> None:
    assert [s.name for s in _speakers(text)] == [name]


@pytest.mark.parametrize(
    "text,name,role",
    [
        ("Ada Lindqvist of the Marlow Clinic said the dam held.", "Ada Lindqvist", "Marlow Clinic"),
        ("Mr. Ruiz of the Dunmore Trust said the dam held.", "Ruiz", "Dunmore Trust"),
        # a body's name joined by "and" is no person ("Dams Office")
        (
            "The Science and Dams Office of the Marlow Water Board said the dam held.",
            "the Marlow Water Board",
            None,
        ),
    ],
)
def test_a_person_of_an_organisation_speaks_with_it_as_her_role(
    text: str, name: str, role: str | None
) -> None:
    assert [(s.name, s.role) for s in _speakers(text)] == [(name, role)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The family of the cyclist said he had ridden that road for years.", "the family of"),
        ("Neighbours of the couple said the house had been empty since May.", "Neighbours of"),
        ("Organizers of the fair still claimed the rides were safe.", "Organizers of"),
    ],
)
def test_the_family_of_someone_speaks_not_the_one_it_is_of(text: str, name: str) -> None:
    speakers = _speakers(text)
    assert len(speakers) == 1
    assert speakers[0].name.startswith(name)
    assert len(speakers[0].statements) == 1


def test_a_plea_to_a_charge_leaves_the_according_to_statement() -> None:
    speakers = _by_name(
        _speakers("Tom Varga will plead not guilty to the theft charge, according to prosecutors.")
    )
    assert [st.text for st in speakers["prosecutors"].statements] == [
        "Tom Varga will plead not guilty to the theft charge"
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Genealogical documents show that the farm was bought in 1911.", "Genealogical documents"),
        ("The farm was bought in 1911, according to historical documents.", "historical documents"),
    ],
)
def test_an_adjective_before_a_document_is_not_its_issuer(text: str, shown: str) -> None:
    (speaker,) = _speakers(text)
    assert speaker.name == shown


def test_an_issuer_ending_like_an_adjective_still_issues() -> None:
    # "clinic" ends like "public", but the clinic is who issued the statement
    (speaker,) = _speakers("A clinic statement said the ward would reopen in May.")
    assert speaker.name == "the clinic"


def test_a_surname_before_a_lower_case_sentence_start_is_no_abbreviation() -> None:
    # "Lee." ends the sentence (eBay starts the next one), unlike "Okla. says"
    sp = _speakers('"The dam held," said Ada Lee. eBay shares fell, she said.')
    assert [s.name for s in sp] == ["Ada Lee"]


def test_an_office_is_not_the_group_described_before_it() -> None:
    speakers = _by_name(
        _speakers(
            "Township officials said the bridge would stay shut until spring.",
            "The fire department said nobody had been hurt.",
        )
    )
    assert set(speakers) == {"Township officials", "the fire department"}


def test_the_title_is_the_titled_speaker_named_first_by_surname_alone() -> None:
    speakers = _by_name(
        _speakers(
            "President Okafor has long said the port must be rebuilt.",
            "Former President Jonas Berg once tried a similar plan.",
            "The work will start in June, the president said.",
        )
    )
    assert "Jonas Berg" not in speakers
    assert [st.text for st in speakers["Okafor"].statements] == [
        "the port must be rebuilt",
        "The work will start in June",
    ]


def test_pleading_not_to_be_sent_back_is_a_plea_to_someone() -> None:
    # "pleaded not guilty" answers a charge; "pleaded not to be ..." asks someone for something
    speakers = _speakers('Mara Quill pleaded not to be sent back: "The camp is not safe for us."')
    assert [(sp.name, [st.text for st in sp.statements]) for sp in speakers] == [
        ("Mara Quill", ["The camp is not safe for us."])
    ]
    assert _speakers('Mara Quill pleaded not guilty: "The camp is not safe for us."') == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A tribunal statement said the dismissal had been unfair.", "the tribunal"),
        ("A traffic police statement said the bridge would stay shut.", "the traffic police"),
    ],
)
def test_an_issuer_noun_ending_like_an_adjective_stays_the_issuer(text: str, name: str) -> None:
    (speaker,) = _speakers(text)
    assert speaker.name == name


def test_a_capitalised_adjective_is_dropped_only_when_it_alone_starts_the_phrase() -> None:
    # a sentence start capitalises "Genealogical"; "Genealogical Society" is a name
    for text, name in [
        ("Genealogical documents show that the mill burned in 1890.", "Genealogical documents"),
        (
            "Genealogical Society documents show that the mill burned in 1890.",
            "Genealogical Society",
        ),
    ]:
        (speaker,) = _speakers(text)
        assert speaker.name == name


def test_a_person_quoted_before_without_a_name_is_no_surname() -> None:
    from summarize.quotes.chunks import Ref
    from summarize.quotes.clauses import Raw
    from summarize.quotes.coref import _named_after
    from summarize.quotes.name_index import WordIndex

    before = [
        Raw(0, 0, 0, "indirect", "the mill burned", "said", Ref("", None, "person", 0, 0)),
        Raw(0, 0, 1, "indirect", "it was old", "said", Ref("Mara Quill", None, "person", 0, 0)),
    ]
    got = _named_after("lawyer", WordIndex("The lawyer Quill said no."), before)
    assert got == "Mara Quill"
