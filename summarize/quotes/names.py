"""Stage 5a: person names in the text: full names, surnames, roles from the text around them."""

from __future__ import annotations

import re

from .lexicon import (
    CUE_FORMS,
    HONORIFICS,
    NOT_NAMES,
    ORG_WORDS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEAKER_NOUNS,
)
from .name_index import KnownNames, WordIndex
from .nonspeakers import headline_verb, stop_words

_PERSON_RUN = re.compile(r"\b[A-Z][\w’'-]*\.?(?:\s+(?:[A-Z][\w’'-]*\.?|de|van|von|bin|al))+")


_PLACE_FIRST = {
    "Las",
    "Los",
    "San",
    "Santa",
    "New",
    "Saint",
    "St.",
    "Fort",
    "Port",
    "Mount",
    "Lake",
}


_PREV_WORD = re.compile(r"(\w+)\s+$")


_PLACE_PREPS = {
    "in",
    "at",
    "from",
    "to",
    "near",
    "of",
    "into",
    "across",
    "outside",
    "inside",
    "via",
}


_ABBREVIATIONS = {
    "st.",
    "jr.",
    "sr.",
    "gen.",
    "col.",
    "lt.",
    "sgt.",
    "gov.",
    "sen.",
    "rep.",
    "prof.",
}


def after_sentence_break(words: list[str]) -> list[str]:
    """The words after the last one that ends a sentence ("Thursday. Bates" -> "Bates"):
    a word ending in a full stop that is not an initial, a title or an abbreviation."""
    cut = 0
    for k, w in enumerate(words):
        lw = w.lower()
        if (
            w.endswith(".")
            and len(w) > 2
            and not w[:-1].isupper()  # "U.S.", "J."
            and lw not in HONORIFICS
            and lw not in _ABBREVIATIONS
        ):
            cut = k + 1
    return words[cut:]


def strip_role(words: list[str]) -> tuple[list[str], list[str]]:
    r = -1
    for k, w in enumerate(words):
        lw = w.lower()
        if lw in ROLE_WORDS or lw in HONORIFICS or lw.endswith(("’s", "'s")):
            r = k
    return words[: r + 1], words[r + 1 :]


# lower-case nouns a capitalised run can modify: "a Boca Raton lawyer", "the Washington
# Heights neighborhood", "Former Mexico leader Calderon": the run is no person's name
_MODIFIED_NOUNS = (
    ROLE_WORDS
    | SPEAKER_NOUNS
    | set(
        [
            "neighborhood",
            "neighbourhood",
            "area",
            "county",
            "city",
            "town",
            "native",
            "suburb",
            "office",
            "offices",
            "headquarters",
            "home",
            "district",
            "region",
        ]
    )
)
_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")


def person_in(text: str, known: KnownNames | None) -> list[tuple[int, str]]:
    """(offset, full name) of person names in ``text``, and of the known short names."""
    found: list[tuple[int, str]] = []
    for m in _PERSON_RUN.finditer(text):
        pw = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
        if pw and pw.group(1).lower() in _PLACE_PREPS:
            continue  # "in Santa Monica"
        nw = _NEXT_WORD.match(text, m.end())
        if nw and nw.group(1) in _MODIFIED_NOUNS and not m.group(0).endswith((".", ",")):
            continue  # "a Boca Raton lawyer": a modifier
        words = m.group(0).split()
        _, name = strip_role(words)
        name = after_sentence_break(name[:-1]) + name[-1:]
        while name and name[0].lower() in NOT_NAMES:
            name = name[1:]
        if (
            len(name) < 2
            or any(w.lower().strip(".") in ORG_WORDS for w in name)
            or name[0] in _PLACE_FIRST
        ):
            continue
        while name and name[-1] in {"de", "van", "von", "bin", "al"}:
            name = name[:-1]  # "Glanz al": the connector of a name that did not follow
        if len(name) < 2 or len(name) > 4 or name[-1].endswith(("’s", "'s")):
            continue  # "Bernie Sanders Burns Hillary Clinton": a headline, not a name
        found.append((m.start(), " ".join(name).rstrip(".")))
    if known is not None:
        found.extend(known.find(text))
    found.sort()
    return found


_CAPS_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\.?[ \t]+){1,5})$")
_CAPS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w’'-]*\.?){1,4}")


def full_name_before(name: str, idx: WordIndex) -> str | None:
    """ "Ana Ruiz" for "Ruiz": the capitalised words before the first mention that has them."""
    key = ("full", name)
    if key in idx.memo:
        return idx.memo[key]  # type: ignore[return-value]
    got = None
    text = idx.text
    matches = list(idx.word_matches(name))
    # "in Dayton": a place, which lends no first name from "Mercy Dayton Heart Center"
    place = any(
        (pw := _PREV_WORD.search(text, max(0, nm.start() - 40), nm.start())) is not None
        and pw.group(1).lower() in _PLACE_PREPS
        for nm in matches
    )
    for nm in matches:
        m = _CAPS_BEFORE.search(text, max(0, nm.start() - 90), nm.start())
        if m is None:
            continue
        nw = _NEXT_WORD.match(text, nm.end())
        if nw and nw.group(1) in _MODIFIED_NOUNS:
            continue  # "Top Clinton adviser": the name modifies a noun, its capitals are not it
        ca = _CAPS_AFTER.match(text, nm.end()) if place else None
        if ca and any(w.lower().strip(".,") in ORG_WORDS for w in ca.group(0).split()):
            continue  # "Mercy Dayton Heart Center": the town in an organisation's name
        _, first = strip_role(after_sentence_break(m.group(1).split()))
        while first and first[0].lower() in NOT_NAMES:
            first = first[1:]
        k = headline_verb([*first, name])
        if k is not None:  # "Bernie Sanders Burns Hillary" before "Clinton"
            first = first[k + 1 :]
        if (
            first
            and not any(w.lower().strip(".") in ORG_WORDS for w in first)
            and not first[-1].endswith(("’s", "'s"))
            and not any(w.lower() in stop_words() for w in first)  # "Not Be Present For"
        ):
            got = " ".join([*first, name])
            break
    idx.memo[key] = got
    return got


def role_in_doc(name: str, idx: WordIndex) -> str | None:
    """Role of a person at the first mention that gives one (pre-modifier or apposition)."""
    text = idx.text
    for m in idx.suffix_matches(name):
        before = text[max(0, m.start() - 80) : m.start()]
        words = before.split()
        run: list[str] = []
        has_role = False
        for w in reversed(words):
            lw = w.lower()
            if lw in ROLE_WORDS:
                has_role = True
                run.insert(0, w)
            elif lw in ROLE_MODIFIERS or (
                w[:1].isupper() and not w.endswith((":", ",", ".")) or w == "U.S."
            ):
                if lw in NOT_NAMES:
                    break
                run.insert(0, w)
            else:
                break
        if has_role:
            while run and run[-1].lower() not in ROLE_WORDS:
                run.pop()
            return " ".join(run)
        after = text[m.end() : m.end() + 120]
        am = re.match(r", ((?:the |a |an )?[^,;.\n]{3,80}?),", after)
        if am:
            cand = am.group(1)
            ws = [w.lower() for w in cand.split()]
            if any(w in ROLE_WORDS for w in ws) and not any(
                w in {"who", "which", "that"} for w in ws
            ):
                return re.sub(r"^(?:the|a|an) ", "", cand)
    return None


# a place preposition, maybe a city before the state: "from Houston, " before "Texas"
_PLACE_BEFORE = re.compile(
    r"\b(?:in|from|of|at|near|outside)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){0,2}?"
    r"(?:[A-Z][\w’'.-]*,\s+)?$"
)
_NAME_AT_END = re.compile(r"(?:^|\s)((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)$")
_SKIP_SEGMENT = re.compile(
    r"^(?:\d+|[a-z(].*|(?:a|an|the|who|which)\b.*|[A-Z][a-z]?\.(?:[A-Z]\.)?)$"
)


def apposition_head(name: str, pos: int, text: str, start: int) -> str | None:
    """The person a place belongs to, when a cue's speaker phrase is a place inside an
    apposition: "Ann Lee, a delegate from Houston, Texas, said" -> "Ann Lee" (not
    "Houston"); "Lee, speaking at a rally in Ames, Iowa, said" -> "Lee"; a name in a
    relative clause: "Lee, whose firm, Acme, makes glue, said" -> "Lee". ``text`` is the
    unit's text and ``start`` its offset in the paragraph, ``pos`` the phrase's. None when
    the phrase is not after a place preposition (or in a relative clause) or no name heads
    the apposition."""
    rel = pos - start
    if rel <= 0 or not text[rel + len(name) :].lstrip().startswith(","):
        return None  # "In Ames, Ann Lee said": the phrase is no place in an apposition
    # (a window: the names that head an apposition are close to it; long units stay linear)
    segments = text[max(0, rel - 400) : rel].split(",")
    relative = (
        len(segments) >= 3
        and not segments[-1].strip()
        and segments[-2].split()[:1] in (["whose"], ["who"], ["which"])
    )  # "Lee, whose start-up, Paradata, ..., said": what Lee's start-up is called
    if not relative and not _PLACE_BEFORE.search(text, max(0, rel - 40), rel):
        return None
    for seg in reversed(segments[:-2] if relative else segments[:-1]):
        seg = seg.strip()
        if not seg:
            continue
        m = _NAME_AT_END.search(seg, max(0, len(seg) - 120))
        pw = _PREV_WORD.search(seg, 0, m.start(1)) if m else None
        if _SKIP_SEGMENT.match(seg) and not (pw and pw.group(1).lower() in CUE_FORMS):
            continue  # an age, a role ("a delegate"), a state ("Calif."), "who ..."; not
            # "said Ann Lee" (", a delegate from Houston, Texas, who said ...": she)
        if m is None:
            return None
        if pw and pw.group(1).lower() in _PLACE_PREPS:
            continue  # "a rally in Ames": another place
        words = after_sentence_break(m.group(1).split())
        _, words = strip_role(words)
        while words and words[0].lower() in NOT_NAMES:
            words = words[1:]
        if not words or any(w.lower().strip(".") in ORG_WORDS for w in words):
            return None
        return " ".join(words)
    return None


_CAPW = r"[A-Z][\w’'&.-]*"
_RUN_BEFORE = re.compile(
    rf"((?:{_CAPW},?\s+(?:(?:of|for|and|&|the)\s+)*)*{_CAPW}\s+(?:of|for|and|&)\s+(?:the\s+)?)$"
)
_RUN_AFTER = re.compile(
    rf"\s+(?:of|for)\s+(?:the\s+)?{_CAPW}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAPW})*"
)
# an organisation's name up to the "and" of a list after its "of"/"for" ("the Center for
# Economic and", "National Academies of Sciences, Engineering and"; not "Clinton and")
_LIST_RUN_BEFORE = re.compile(
    rf"((?:{_CAPW}\s+){{0,3}}{_CAPW}\s+(?:of|for)\s+(?:the\s+)?(?:{_CAPW},?\s+)+(?:and|&)\s+)$"
)
_OWNER = re.compile(r"^[A-Z][\w.-]*['\u2019]s\s+")
_ORG_HINTS = ORG_WORDS | {"society", "academy", "academies", "workers", "engineers"}
_OF_TITLES = ROLE_WORDS | {"supervisor"}
_TITLE_WORDS = ROLE_WORDS | HONORIFICS


def whole_org_name(
    name: str, kind: str, pos: int, text: str, start: int
) -> tuple[str, str, str | None] | None:
    """The organisation's whole name when a speaker phrase is its last or first part:
    "Prevention" in "the Centers for Disease Control and Prevention estimates", "the
    American Society" in "the American Society of Civil Engineers estimates"."""
    rel = pos - start
    if rel < 0 or text[rel : rel + len(name)] != name:
        return None
    got = name
    if len(name.split()) == 1:
        b = _RUN_BEFORE.search(text, max(0, rel - 120), rel)
    else:  # "Policy Research" in "the Center for Economic and Policy Research"
        b = _LIST_RUN_BEFORE.search(text, max(0, rel - 120), rel)
    if b is not None:
        got = _OWNER.sub("", b.group(1)) + got  # not "Washington's"
    if kind == "group" or len(name.split()) == 1:
        a = _RUN_AFTER.match(text, rel + len(name))
        if a is not None:
            got = got + a.group(0)
    if got == name:
        return None
    words = got.split()
    if words[-1].endswith(".") and any(c.islower() for c in words[-1]):
        words[-1] = words[-1][:-1]  # "the Florida Department of State."
    roles = [
        k
        for k, w in enumerate(words[:-1])
        if w.lower() in _OF_TITLES
        and words[k + 1] in {"of", "for"}
        and not any(x.lower() in _TITLE_WORDS for x in words[:k])  # "Rep. Al King"
    ]
    if roles and len(words) - roles[-1] >= 4:
        # "Secretary of State Jason Kander": a title with "of", then the person
        k = len(words) - 2
        while k > roles[-1] + 2 and re.fullmatch(r"[A-Z]\.", words[k - 1]):
            k -= 1
        return " ".join(words[k:]), "person", " ".join(words[:k])
    if not any(w.lower() in _ORG_HINTS or w.lower().rstrip("s") in _ORG_HINTS for w in words):
        return None  # "Smith and Jones": two people, no organisation
    return " ".join(words), "group", None
