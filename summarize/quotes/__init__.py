"""Who said what: speakers, roles, direct, mixed and reported speech.

Rules and small lexicons, no model. A pipeline, one module per stage, so that a wrong
speaker can be traced to the stage that made it:

    marks      quotation spans and sentence units that never split a quotation
    tokens     a unit's tokens, each quotation one token
    chunks     noun phrases around a cue, and the speaker reference (``Ref``) they make
    cues       reporting cues ("said", "told reporters", "according to") and their speakers
    clauses    what each cue governs: quotations next to it (direct), or the clause it
               governs (indirect, or mixed when that clause holds a partial quote)
    units      the stages above over a document; a unit that is only a quotation continues
               the previous speaker; transcripts ("NAME: ...") and signed quotations
    names      person names: full names, surnames, roles from the text around them
    coref      pronouns and descriptions ("he", "the lawyer") to a person named nearby
    orgs       "the agency" to the organisation's name; acronyms spelled out
    speakers   one ``Speaker`` per person or organisation, most-quoted first

``lexicon`` holds the word lists, ``name_index`` the word index every whole-text name
look-up goes through (so long articles stay linear).
"""

from __future__ import annotations

from .clauses import is_title
from .speakers import extract_speakers

__all__ = ["extract_speakers", "is_title"]
