"""Stages 1-4 over a document: sentence units, interview turns, signed quotations, lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._document import Document
from .chunks import Ref
from .clauses import Raw, analyze_unit
from .layouts import turns
from .marks import find_quotes, split_units
from .tokens import spans_within, tokenize


@dataclass(slots=True)
class Unit:
    para: int
    text: str  # the unit's text with quotations blanked (for name look-ups)
    start: int  # offset of the unit in its paragraph


def _speechlike(text: str) -> bool:
    return len(text.split()) >= 3


def collect(doc: Document) -> tuple[list[Raw], list[Unit]]:
    raws: list[Raw] = []
    units: list[Unit] = []
    prev_ref: Ref | None = None  # speaker of the previous unit, for continuations
    prev_unit = -10
    orphans: list[tuple[int, int, int, str]] = []  # quotations waiting for their speaker
    # quotations given to the previous speaker, that the next sentence may give to another
    cont: tuple[int, int, int, int] | None = None
    # "The council said:" ending a paragraph: the list or the paragraph that follows
    after_colon: tuple[Ref, str, int, bool] | None = None
    interview = turns(doc)
    for para in doc.paragraphs:
        if para.kind != "body":
            continue
        s = para.text
        if after_colon is not None:
            ref, cue, last_para, in_list = after_colon
            after_colon = None
            bullet = BULLET.match(s)
            item = s[bullet.end() :] if bullet else s
            item = item.strip().rstrip(";,.").strip()
            if (
                last_para == para.index - 1
                and item
                and item[0] not in QUOTE_MARKS
                and len(item.split()) >= 3
                and (bullet or (not in_list and len(item.split()) <= _BLOCK_WORDS))
                and not find_quotes(s)
            ):
                u = len(units)
                units.append(Unit(para.index, s, 0))
                raws.append(Raw(para.index, u, len(s) - len(item), "indirect", item, cue, ref))
                prev_ref, prev_unit = ref, u
                if bullet:  # the next item may follow
                    after_colon = (ref, cue, para.index, True)
                continue
        turn = interview.get(para.index)
        if turn is not None:  # "PENCE: Well, look, ...", "Q: ...", "A: ..."
            u = len(units)
            units.append(Unit(para.index, s, 0))
            if turn.name is None:  # a question: the interviewer, not a speaker here
                prev_ref, prev_unit = None, -10
                continue
            ref = Ref(turn.name, None, "person", u, 0)
            text = turn.text
            if s[:1] in '"“' and text[-1:] in '"”' and text.count(text[-1]) % 2:
                text = text[:-1].rstrip()
            raws.append(Raw(para.index, u, 0, "direct", text, None, ref))
            prev_ref, prev_unit = ref, u
            continue
        spans = find_quotes(s)
        sm = SIGNED.match(s, spans[-1].end) if spans and not s[: spans[0].start].strip() else None
        if sm and all(
            not s[x.end : y.start].strip() for x, y in zip(spans, spans[1:], strict=False)
        ):
            u = len(units)
            units.append(Unit(para.index, s, 0))
            ref = Ref(sm.group(1).rstrip("."), None, "person", u, sm.start(1))
            for sp in spans:
                raws.append(
                    Raw(
                        para.index,
                        u,
                        sp.start,
                        "direct",
                        s[sp.inner_start : sp.inner_end],
                        None,
                        ref,
                    )
                )
            prev_ref, prev_unit = ref, u
            continue
        for a, b in split_units(s, spans):
            u = len(units)
            toks = tokenize(s, a, b, spans)
            blank = s[a:b]
            for k in spans_within(spans, a, b):
                sp = spans[k]
                blank = blank[: sp.start - a] + " " * (sp.end - sp.start) + blank[sp.end - a :]
            units.append(Unit(para.index, blank, a))
            if not toks or link_title(s[a:b]):
                continue
            before = len(raws)
            colon: list[tuple[Ref, str]] = []
            used, last = analyze_unit(s, toks, spans, u, para.index, raws, colon)
            if colon and b >= len(s.rstrip()):
                after_colon = (colon[-1][0], colon[-1][1], para.index, False)
            qtoks = [t for t in toks if t.q >= 0 and t.q not in used]
            words = [t for t in toks if t.word]
            if (
                qtoks
                and len(raws) == before
                and not words
                and prev_ref is not None
                and prev_unit == u - 1
            ):
                # a unit that is only a quotation continues the previous speaker, unless
                # the paragraph goes on to name another ('"B." Piet Vos said ...')
                first = len(raws)
                for t in qtoks:
                    sp = spans[t.q]
                    text = s[sp.inner_start : sp.inner_end].strip()
                    if _speechlike(text):
                        raws.append(Raw(para.index, u, t.start, "direct", text, None, prev_ref))
                        last = prev_ref
                if a == 0 and len(raws) > first:
                    cont = (first, len(raws), u, para.index)
                    if last is not None:
                        prev_ref, prev_unit = last, u
                    continue
            elif qtoks and len(raws) == before and not words:
                # nobody spoke just before: the speaker may be named right after, as in a
                # quotation running over paragraphs that closes with '..." she said.'
                orphans = [o for o in orphans if o[1] >= u - 2]
                for t in qtoks:
                    sp = spans[t.q]
                    text = s[sp.inner_start : sp.inner_end].strip()
                    if _speechlike(text):
                        orphans.append((para.index, u, t.start, text))
            elif orphans and len(raws) > before:
                # the speaker named in the next sentence: '"We lost three boats." Ann Lee
                # said the damage ...' as well as '..." she said.'
                got = raws[before]
                named_next = (
                    got.kind != "direct"
                    and got.ref.kind == "person"
                    and got.para == orphans[-1][0]
                    and len(s[a : got.ref.pos].split()) <= 3
                )  # '"We lost three boats." Ann Lee said the damage ...': the next sentence's
                # subject, in the same paragraph
                if got.unit <= orphans[-1][1] + 1 and (got.kind == "direct" or named_next):
                    for op, ou, oo, text in orphans:
                        raws.insert(before, Raw(op, ou, oo, "direct", text, None, got.ref))
                        before += 1
                orphans = []
            if cont is not None and len(raws) > before:
                got = raws[before]
                c0, c1, cu, cp = cont
                if (
                    cu == u - 1
                    and cp == para.index
                    and got.kind != "direct"
                    and got.ref.kind == "person"
                    and got.ref.name != raws[c0].ref.name
                    and len(s[a : got.ref.pos].split()) <= 3
                ):
                    for k in range(c0, c1):
                        r = raws[k]
                        raws[k] = Raw(r.para, r.unit, r.order, r.kind, r.text, r.cue, got.ref)
            cont = None
            if last is not None:
                prev_ref, prev_unit = last, u
    return raws, units


BULLET = re.compile(r"\s*(?:[-•*–—]|\d{1,2}[.)])\s+")
QUOTE_MARKS = "\"“”‘’'«»"
_BLOCK_WORDS = 80  # a paragraph after "X wrote:" longer than this is not one statement


# "“...” ― Ana Ruiz": a quotation signed with a dash and a name, nothing else
SIGNED = re.compile(r"\s*[―—–-]+\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})[.,]?\s*$")


# A related story's title set into the text as its own "sentence" (CNN's pages): its
# period stands apart ("Lawyer releases records for deputy ."), it has no quotation
# marks, and it is written as a headline: "Name report: ..." / "Name: ...", or without
# articles and pronouns ("Officer cleared, chief says ."). Its words are nobody's statement;
# but "Police say suspect fled ." and "Update: Police said ..." are statements.
_APART_END = re.compile(r"[^.\s] \.\s*$")
_TITLE_LEAD = re.compile(
    r"^(?:(?:[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}( report| poll| study))"
    r"|(?:(Report|Poll|Study)|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3})): "
)
_SENTENCE_WORDS = {
    "the", "a", "an", "he", "she", "they", "it", "we", "i", "you", "his", "her", "their",
    "its", "our", "my", "this", "that", "these", "those", "and", "but", "or", "so",
}  # fmt: skip
_TITLE_WORDS = 14


# "Police say ...", "Officials said Monday ...": a subject, then a verb of saying with its
# statement after it. CNN's texts end every sentence with a period apart, so a statement
# without articles reads like a title; a title's "says" comes last ("..., judge says .").
_STATEMENT_LEAD = re.compile(
    r"^(?:[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}: )?(?:[\w’'.-]+ ){1,5}?"
    r"(?:say|says|said|tell|tells|told|add|adds|added|state|states|stated)"
    r" (?!to )[\w’'-]+ [\w’'-]+"  # (not "a video said to show ...")
)


def link_title(text: str) -> bool:
    """Whether this unit is a related story's title set into the text, not a sentence."""
    text = text.strip()
    if not _APART_END.search(text) or any(c in text for c in QUOTE_MARKS):
        return False
    lead = _TITLE_LEAD.match(text)
    if lead and (lead.group(1) or lead.group(2)):
        return True  # "Sheriff report: ...", "Poll: ...": a title whatever follows
    if _STATEMENT_LEAD.match(text):
        return False
    if lead:
        return True
    words = text[:-1].split()
    return (
        ":" not in text
        and len(words) <= _TITLE_WORDS
        and not any(w.lower().strip(",;:") in _SENTENCE_WORDS for w in words)
    )
