"""Stage 6: resolved statements merged into one `Speaker` per person or organisation."""

from __future__ import annotations

import re

from .._document import Document
from .._model import Speaker, Statement
from .chunks import Ref
from .clauses import Raw
from .coref import resolve_pronoun
from .documents import (
    NEEDS_ISSUER,
    appositive_name,
    document_cue,
    document_head,
    document_noun,
    issuer,
)
from .lexicon import NOT_NAMES, ORG_WORDS
from .merge import merge_speakers
from .name_index import KnownNames, WordIndex
from .names import apposition_head, full_name_before, person_in, role_in_doc, whole_org_name
from .nonspeakers import can_speak, cut_headline, says_something, trim_fragment, trim_leading
from .orgs import expand_acronym, resolve_org
from .units import Unit, collect


def extract_speakers(doc: Document) -> list[Speaker]:
    raws, units = collect(doc)
    if not raws:
        return []
    raws = [_clean_ref(r, units) for r in raws if not _platform_post(r)]
    all_text = "\n".join(p.text for p in doc.paragraphs if p.kind != "boilerplate")
    # Every look-up of a name in the whole text goes through this index: scanning the
    # text once per name made long articles quadratic.
    idx = WordIndex(all_text)
    # 1. named people: full names and the surnames that stand for them
    short_to_full: dict[str, str] = {}

    def canonical(name: str) -> str:
        words = name.split()
        if len(words) >= 2:
            last = words[-1]
            prior = short_to_full.get(last)
            if prior and prior.split()[0] == words[0]:
                return prior
            if prior is None:
                short_to_full[last] = name
            return (
                prior
                if prior and len(prior.split()) >= len(words) and prior.split()[0] == words[0]
                else name
            )
        if name in short_to_full:
            return short_to_full[name]
        full = full_name_before(name, idx)
        if full is None:
            return name
        short_to_full[name] = full
        return full

    for r in raws:
        if r.ref.kind == "person" and len(r.ref.name.split()) >= 2:
            canonical(r.ref.name)
    # surnames of every full name in the text, for pronouns ("Lazar ... he said")
    doc_names: dict[str, str] = {}
    for _, full in person_in(all_text, None):
        words = full.split()
        if any(w.lower() in NOT_NAMES or (w.endswith(".") and len(w) > 2) for w in words):
            continue  # "Julian. She": a sentence break, not a name
        doc_names.setdefault(words[-1], full)
    # 2. resolve each statement's speaker (the known names do not change meanwhile)
    known = KnownNames({**doc_names, **short_to_full})
    resolved: list[Raw] = []
    for r in raws:
        if r.ref.kind == "group" and document_head(r.ref.name):
            got = _document_issuer(r, resolved, units, known, idx)
            if got is not r and got.ref.kind == "group" and _POSSESSIVE.search(got.ref.name):
                # "released by the governor's office": that office, kept from resolve_org
                # (which would make it the last organisation quoted)
                resolved.append(got)
                continue
            r = got
        if r.ref.kind in {"pronoun", "desc"}:
            got = resolve_pronoun(r.ref, resolved, units, known, idx)
            if got is None:
                if r.ref.kind == "pronoun":
                    continue
                got = Ref(r.ref.name, r.ref.role, "group", r.ref.unit, r.ref.pos)
            alias = r.ref.name if r.ref.kind == "desc" and got.kind == "person" else None
            r = Raw(r.para, r.unit, r.order, r.kind, r.text, r.cue, got, alias)
        elif r.ref.kind == "group":
            named = resolve_org(r.ref, resolved, idx, units)
            if named is not None:
                r = Raw(r.para, r.unit, r.order, r.kind, r.text, r.cue, named, r.ref.name)
        resolved.append(r)
    speakers: dict[str, Speaker] = {}
    firsts: dict[str, tuple[int, int]] = {}
    seen: dict[str, set[Statement]] = {}
    for r in resolved:
        ref = r.ref
        if ref.kind == "person":
            key = canonical(ref.name)
            name = key
        else:
            name = trim_fragment(expand_acronym(ref.name, idx))
            key = re.sub(r"^(?:the|a|an) ", "", name.lower())
        if not can_speak(name):
            continue  # "Even", "Irish", "the Munich Security Conference"
        sp = speakers.get(key)
        if sp is None:
            sp = speakers[key] = Speaker(name=name)
            firsts[key] = (r.para, r.order)
        for alias in (ref.name, r.alias):
            if alias and alias != sp.name and alias not in sp.aliases and ref.kind != "pronoun":
                sp.aliases.append(alias)
        if sp.role is None and ref.role:
            sp.role = ref.role
        st = Statement(r.text, r.kind, r.cue, r.para)  # type: ignore[arg-type]
        have = seen.setdefault(key, set())  # a set: one speaker may say thousands of things
        if st not in have:
            have.add(st)
            sp.statements.append(st)
    for key, sp in speakers.items():
        if sp.role is None and len(sp.name.split()) >= 2 and key == sp.name:
            sp.role = role_in_doc(sp.name, idx)
        sp.statements.sort(key=lambda st: st.paragraph)
    by_first = sorted(speakers, key=lambda k: firsts[k])
    town = _dateline_town(doc.dateline)
    merged = [
        sp
        for sp in merge_speakers([speakers[k] for k in by_first], idx, town)
        if says_something(sp)
    ]
    # most-quoted first; ties in order of first appearance (the merge keeps that order)
    return sorted(merged, key=lambda sp: -len(sp.statements))


# "Dayton, Ohio (CNN) --", "DAYTON (AP) -", "NEW YORK, Dec. 11 (UPI) -": the town first
_DATELINE_TOWN = re.compile(r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}) ?(?:,|\(|[-–—])")


def _dateline_town(dateline: str | None) -> str | None:
    """The town an article is datelined in, or None ("(CNN) --": no town)."""
    m = _DATELINE_TOWN.match(dateline or "")
    return m.group(1) if m else None


_PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "tiktok", "linkedin", "reddit"}


def _platform_post(r: Raw) -> bool:
    """ "In a series of Twitter posts, Frum wrote": "Twitter posts" is a noun, no speech."""
    return r.cue in {"post", "posts"} and r.ref.name.lower() in _PLATFORMS


def _clean_ref(r: Raw, units: list[Unit]) -> Raw:
    """ "Ann Lee, a delegate from Houston, Texas, said": Ann Lee speaks, not Houston;
    "Even Rendell said": Rendell; "the the report": "the report"."""
    if r.ref.kind not in {"person", "group"}:
        return r
    u = units[r.ref.unit]
    head = apposition_head(r.ref.name, r.ref.pos, u.text, u.start)
    whole = whole_org_name(r.ref.name, r.ref.kind, r.ref.pos, u.text, u.start)
    if head is not None:
        ref = Ref(head, None, "person", r.ref.unit, r.ref.pos)  # (the role: its own mention)
    elif whole is not None:
        ref = Ref(whole[0], r.ref.role or whole[2], whole[1], r.ref.unit, r.ref.pos)
    elif _party_or_place_noun(r.ref.name, r.ref.pos, u):
        # "the Texan said", "the Democrat told Yahoo": someone named before, as "the lawyer"
        ref = Ref(r.ref.name, r.ref.role, "desc", r.ref.unit, r.ref.pos)
    else:
        name = _DOUBLE_DET.sub(r"\1 ", trim_leading(trim_fragment(r.ref.name)))
        if r.ref.kind == "person":
            name = cut_headline(name)
        if name == r.ref.name:
            return r
        ref = Ref(name, r.ref.role, r.ref.kind, r.ref.unit, r.ref.pos)
    return Raw(r.para, r.unit, r.order, r.kind, r.text, r.cue, ref, r.alias)


_PARTY_OR_PLACE_NOUN = re.compile(
    r"^(?:[Tt]he )?(Democrat|Republican|Briton|Scot|Swede|Dane|Pole|Finn"
    r"|[A-Z][a-z]+(?:man|woman|ian|an|er|ite))$"
)


def _party_or_place_noun(name: str, pos: int, u: Unit) -> bool:
    """ "the Texan", "the Dutchman", "the Democrat": a person described by party or place."""
    m = _PARTY_OR_PLACE_NOUN.match(name)
    if m is None or m.group(1).lower() in ORG_WORDS:
        return False  # "the Guardian" is a newspaper
    if name[:4].lower() == "the ":
        return True
    rel = pos - u.start
    return "the " in (u.text[max(0, rel - 4) : rel].lower(), u.text[rel : rel + 4].lower())


_POSSESSIVE = re.compile(r"\w[’']s\b")
_DOUBLE_DET = re.compile(r"^(the|a|an) (?:the|a|an) ", re.I)


def _document_issuer(
    r: Raw, before: list[Raw], units: list[Unit], known: KnownNames, idx: WordIndex
) -> Raw:
    """ "a police news release said": the police said, in a police news release."""
    who, pronoun, document = issuer(r.ref)
    if who is not None and who.kind == "group" and who.name[:1].islower():
        # "a statement from the family's attorney, Sam Ortiz": the attorney the apposition names
        u = units[r.ref.unit]
        named = appositive_name(u.text[r.ref.pos - u.start + len(r.ref.name) :])
        if named is not None:
            who = Ref(named, None, "person", r.ref.unit, r.ref.pos)
    if who is None and pronoun is not None:  # "his website": whoever "he" is
        who = resolve_pronoun(
            Ref(pronoun, None, "pronoun", r.ref.unit, r.ref.pos), before, units, known, idx
        )
    if who is None and document_noun(document) in NEEDS_ISSUER:
        return r  # "the poll found": the poll, not whoever spoke last
    if who is None:  # "the lawsuit says": who spoke just before
        for b in reversed(before):
            if r.ref.unit - b.ref.unit > 3:
                break
            if not document_head(b.ref.name) and b.ref.kind != "pronoun":
                who = b.ref
                break
    if who is None:
        return r
    # the document stays the cue, and an alias: how the text named the source there
    cue = document_cue(r.cue, document)
    return Raw(r.para, r.unit, r.order, r.kind, r.text, cue, who, r.ref.name)
