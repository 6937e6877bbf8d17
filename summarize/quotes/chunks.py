"""Stage 2: noun-phrase chunks around a cue, and the speaker reference (`Ref`) they make."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    AUX,
    CUE_FORMS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    HONORIFICS,
    INTRO_STARTERS,
    KIN_WORDS,
    NAME_CONNECTORS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_WORDS,
    PASSIVE,
    PLACE_NAMES,
    PLACE_OFFICES,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEAKER_NOUNS,
)
from .tokens import Tok


@dataclass(slots=True)
class Ref:
    """A speaker as written at one place: a noun phrase, maybe with a role."""

    name: str
    role: str | None
    kind: str  # person | group | pronoun
    unit: int
    pos: int  # offset in the paragraph, for pronoun resolution


def _np_tok_ok(t: Tok) -> bool:
    if t.q >= 0:
        return False
    low = t.low
    return (
        t.cap
        or low in ROLE_WORDS
        or low in ROLE_MODIFIERS
        or low in SPEAKER_NOUNS
        or low in HONORIFICS
        or low.endswith(("’s", "'s"))
        and t.text[:1].isupper()
    )


NP_STOP = CUE_FORMS.keys() | AUX | PREPOSITIONS | PASSIVE | PRONOUNS | {"and", "or", "that"}


# words that open a speaker noun's phrase with its lower-case modifiers ("the auction house",
# "another intelligence source", "one Senate aide")
_NP_OPENERS = {"the", "its", "a", "an", "his", "her", "their", "another", "one", "some"}


def _title_of_the(toks: list[Tok], j: int, lo: int, end: int) -> bool:
    """Whether the "the" at ``j`` belongs to a capitalised title before a name: "Speaker
    of the House Ann Lee" (a role word, "of", "the", then at least three words)."""
    return (
        toks[j].low == "the"
        and end - j > 3
        and j - 2 >= lo
        and toks[j - 1].low == "of"
        and toks[j - 2].cap
        and toks[j - 2].low in ROLE_WORDS
        and toks[j - 2].q < 0
    )


def np_back(toks: list[Tok], end: int, lo: int) -> int:
    """Start of the noun phrase that ends at ``end`` (exclusive); ``end`` if none."""
    j = end - 1
    if j >= lo and toks[j].low in PRONOUNS and toks[j].q < 0:
        return j
    start = end
    titled = False
    while j >= lo:
        t = toks[j]
        if titled and t.low in DETERMINERS:
            break  # "The Secretary of the Navy Bo Kim": the title and the name
        if _np_tok_ok(t):
            start = j
        elif t.low in NAME_CONNECTORS and j - 1 >= lo and start < end:
            pass  # tentatively; kept only if a word before it joins
        elif t.low in DETERMINERS and start < end and start == j + 1:
            start = j
            if not _title_of_the(toks, j, lo, end):
                break
            titled = True  # "Speaker of the House Ann Lee": the title's "of the" part
        else:
            break
        j -= 1
    # "the auction house", "the pest control firm": lower-case modifiers of a speaker noun
    if (
        start == end
        and end - 1 >= lo
        and (toks[end - 1].low in ORG_HEADS or toks[end - 1].text in DOCUMENT_NOUNS)
        and toks[end - 1].q < 0
    ):
        start = end - 1  # "The bank said", "a police news release said"
    if start < end and (
        toks[end - 1].low in ORG_HEADS | SPEAKER_NOUNS | ROLE_WORDS
        or toks[end - 1].text in DOCUMENT_NOUNS
    ):
        for d in range(start - 1, max(lo, start - 4) - 1, -1):
            t = toks[d]
            if t.low in _NP_OPENERS or (
                t.cap and t.low.endswith(("’s", "'s"))
            ):  # "the auction house", "Ohio's tax commissioner"
                start = d
                break
            if not (t.word and t.text.islower()) or t.low in NP_STOP:
                break
    # drop dangling connectors and sentence-initial function words at the front
    while start < end and (
        toks[start].low in NAME_CONNECTORS
        or (
            toks[start].low in NOT_NAMES
            and toks[start].low not in DETERMINERS
            and not _acronym(toks[start])  # "WHO officials", "US officials"
        )
    ):
        start += 1
    return start


def _acronym(t: Tok) -> bool:
    return len(t.text) >= 2 and t.text.isupper() and t.text.isalpha()


# a word that is no name alone but ends an organisation's ("Human Rights Watch")
_NAME_NOUNS = {"watch"}
_NOT_NP_WORDS = NOT_NAMES | {"the"}  # (made once: np_fwd tests every token against it)


def _role_then_name(toks: list[Tok], k: int, hi: int) -> bool:
    """A role word at ``k`` and a capitalised name of two words right after it."""
    return (
        k + 2 < hi
        and toks[k].low in ROLE_WORDS
        and toks[k + 1].cap
        and toks[k + 2].cap
        and toks[k + 1].low not in ROLE_WORDS
    )


def np_fwd(toks: list[Tok], j: int, hi: int) -> int:
    """End (exclusive) of the noun phrase starting at ``j``; ``j`` if none."""
    k = j
    if k < hi and toks[k].low in PRONOUNS and toks[k].q < 0:
        return k + 1
    if k < hi and toks[k].low in DETERMINERS:
        k += 1
    end = j
    while k < hi:
        t = toks[k]
        if _np_tok_ok(t) and (
            t.low not in _NOT_NP_WORDS or (t.low in _NAME_NOUNS and k > j and toks[k - 1].cap)
        ):
            k += 1
            end = k
            if t.low.endswith(("’s", "'s")):
                continue
        elif (
            t.word
            and t.text.islower()
            and t.low not in CUE_FORMS
            and not t.low.endswith("ed")
            and (
                not any(x.cap for x in toks[j:k])
                or _role_then_name(toks, k + 1, hi)  # "Post White House bureau chief Jo Eil"
            )
            and any(
                x.low in SPEAKER_NOUNS or x.low in ROLE_WORDS for x in toks[k + 1 : min(hi, k + 3)]
            )
        ):
            k += 1  # "port officials", "hospital staff", "fertility specialist Dr. Ana Ruiz"
        elif (
            (
                t.low in NAME_CONNECTORS
                or (t.low == "and" and any(x.low in {"of", "for"} for x in toks[j:k]))
            )
            and k + 1 < hi
            and (toks[k + 1].cap or toks[k + 1].low == "the")
        ):
            k += 1
            if toks[k].low == "the":
                k += 1
        else:
            break
    return end


def _np_head_ok(toks: list[Tok], a: int, b: int) -> bool:
    if b <= a:
        return False
    last = toks[b - 1]
    if last.low in PRONOUNS:
        return b - a == 1
    if last.low in NOT_NAMES and last.cap and b - a >= 2:
        prev = toks[b - 2]  # "Theresa May": a surname that is also a month
        if prev.cap and prev.low not in NOT_NAMES and prev.low not in ROLE_WORDS:
            return True
    if last.low.endswith(("’s", "'s")) or last.low in DETERMINERS or last.low in NOT_NAMES:
        return False
    if (last.low in ORG_HEADS or last.text in DOCUMENT_NOUNS) and b - a >= 2:
        return True
    return last.cap or last.low in SPEAKER_NOUNS or (last.low in ROLE_WORDS and b - a >= 2)


def span_text(s: str, toks: list[Tok], a: int, b: int) -> str:
    return s[toks[a].start : toks[b - 1].end] if b > a else ""


def role_from_appos(s: str, toks: list[Tok], a: int, b: int) -> str | None:
    if b <= a or b - a > 14:
        return None
    first = toks[a]
    if first.q >= 0 or first.low in {"who", "which", "that", "whose"} or first.low.endswith("ing"):
        return None
    if first.text[:1].isdigit() or any(
        t.low in {"who", "which", "that", "whose"} for t in toks[a:b]
    ):
        return None
    if first.low not in {"a", "an", "the"} and not any(
        t.low in ROLE_WORDS or t.low in SPEAKER_NOUNS for t in toks[a:b]
    ):
        return None
    while a < b and toks[a].low in {"a", "an", "the"}:
        a += 1
    return span_text(s, toks, a, b) or None


# an office named after its holder: "the Sheriff's Office", "the Coroner's Office"
_OWNED_BODIES = {"office", "department", "bureau"}
_NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def _name_after_title_of(toks: list[Tok], r: int, name_a: int, b: int) -> int | None:
    """Where the person's name starts in "Secretary of State Ann Lee", "Director of
    National Intelligence Jo F. Kerr": a capitalised title, its "of" part and a name of
    two words (a middle initial and a suffix kept) that has no organisation's word. None
    for "a spokeswoman for Acme Corp" (Acme speaks through her)."""
    if r < 0 or not toks[r].cap or toks[name_a].low not in {"of", "for"} or name_a + 1 >= b:
        return None  # (a title ending in "Of": "..., said Director Of" at a text's end)
    tail = toks[name_a + 1 + (toks[name_a + 1].low == "the") : b]  # "Speaker of the House"
    if len(tail) < 3 or not all(t.cap for t in tail):
        return None
    k = b - 1
    if toks[k].low in _NAME_SUFFIXES:
        k -= 1
    k -= 1  # the first name
    while k > name_a + 1 and len(toks[k].text) == 2 and toks[k].text.endswith("."):
        k -= 1  # "Jo F. Kerr": the middle initial
    if len(toks[k].text) == 2 and toks[k].text.endswith("."):
        return None
    if k <= name_a + 1 or any(t.low in ORG_WORDS for t in toks[k:b]):
        return None  # "Spokesman for Acme Foods Group": the organisation, no person
    return k


def _group_text(s: str, toks: list[Tok], a: int, b: int) -> str:
    """The phrase as a group's name, its determiner in lower case ("The police" -> "the
    police"), as it reads inside a sentence."""
    name = span_text(s, toks, a, b)
    if toks[a].low in DETERMINERS:
        name = toks[a].low + name[len(toks[a].text) :]
    return name


def make_ref(
    s: str, toks: list[Tok], a: int, b: int, appos: tuple[int, int] | None, unit: int
) -> Ref | None:
    if not _np_head_ok(toks, a, b):
        return None
    the = next((k for k in range(a + 1, b - 1) if toks[k].text == "The" and toks[k + 1].cap), -1)
    if (
        the > a + 1
        and all(t.cap for t in toks[the:b])
        and not any(
            t.cap or t.low in NAME_CONNECTORS or t.low in PREPOSITIONS
            for t in toks[a + (toks[a].low in DETERMINERS) : the]
        )
    ):
        # "the newspaper The Ledger": the name, without the noun it is in apposition to
        # (not "a spokesman for The Ledger", "the newspaper The Ledger's editor")
        return Ref(span_text(s, toks, the, b), None, "group", unit, toks[the].start)
    pos = toks[a].start
    last = toks[b - 1]
    if last.low in PRONOUNS:
        return Ref(last.low, None, "pronoun", unit, pos)
    role = role_from_appos(s, toks, *appos) if appos else None
    titled = any(
        toks[k].low in ROLE_WORDS and toks[k + 1].low in {"of", "for", "at", "on"}
        for k in range(a, b - 1)
    )  # "CERN Director for Accelerators, Frédérick Bordry"
    if (
        (not last.cap or titled)
        and appos
        and 1 <= appos[1] - appos[0] <= 4
        and all(t.cap and t.low not in ORG_WORDS for t in toks[appos[0] : appos[1]])
        and " ".join(t.low for t in toks[appos[0] : appos[1]]).rstrip(".") not in PLACE_NAMES
    ):  # "his daughter, Claudette King, told ..." (not "the mayor of Dayton, Ohio, said")
        # "Its director, Paul Ingersoll": the role without its determiner
        ra = a + 1 if toks[a].low in {"a", "an", "the", "its", "his", "her", "their"} else a
        return Ref(span_text(s, toks, *appos), span_text(s, toks, ra, b), "person", unit, pos)
    if not last.cap:  # "police", "a police representative", "Russian officials"
        name = _group_text(s, toks, a, b)
        if (
            toks[a].low in {"the", "his", "her"}
            and (last.low in ROLE_WORDS or last.low in KIN_WORDS)
            and b - a <= 4
        ):
            return Ref(name, role, "desc", unit, pos)  # "the lawyer": someone named before
        return Ref(name, role, "group", unit, pos)
    # "Lt. Lincoln Hoshino of the Beverly Hills Police Department": post-modifier role
    post = None
    for k in range(a + 2, b - 1):
        if toks[k].low in {"of", "for", "at"} and toks[k - 1].cap and toks[k - 2].cap:
            post = span_text(s, toks, k, b)
            b = k
            break
    r = -1
    for k in range(a, b):
        t = toks[k]
        if (
            t.low in ROLE_WORDS
            or (t.low in ROLE_MODIFIERS and not t.cap)
            or t.low.endswith(("’s", "'s"))
        ):
            r = k
    if (
        r > a
        and toks[r].cap
        and toks[r - 1].cap
        and r + 1 < b
        and all(t.low in _NAME_SUFFIXES for t in toks[r + 1 : b])
    ):
        # "Martin Luther King III": a surname before a generational suffix, no title
        r = max(
            (k for k in range(a, r) if toks[k].low in ROLE_WORDS and not toks[k].cap),
            default=-1,
        )
    if (
        r == b - 2
        and toks[r].cap
        and toks[r].low.endswith(("’s", "'s"))
        and toks[b - 1].cap
        and toks[b - 1].low in _OWNED_BODIES
    ):  # "the Harbor County Sheriff's Office": one organisation's name, not "Office"
        return Ref(_group_text(s, toks, a, b), role, "group", unit, pos)
    name_a = r + 1 if r >= 0 else a
    while name_a < b and (toks[name_a].low in HONORIFICS or toks[name_a].low in DETERMINERS):
        name_a += 1
    if name_a >= b:  # "the President": a title alone
        return Ref(_group_text(s, toks, a, b), role, "group", unit, pos)
    name_toks = toks[name_a:b]
    titled_name = _name_after_title_of(toks, r, name_a, b)
    if titled_name is not None:
        # "Secretary of State Ann Lee": a title with its "of" part, then the person
        ra = a + (toks[a].low in DETERMINERS)
        return Ref(
            span_text(s, toks, titled_name, b),
            role or span_text(s, toks, ra, titled_name),
            "person",
            unit,
            pos,
        )
    if r >= 0 and name_toks[0].low in {"of", "for", "at"} and b - name_a >= 2:
        # "a spokeswoman for Acme Corp": Acme speaks, through its spokeswoman
        org_a = name_a + 1 + (toks[name_a + 1].low == "the")
        ra = a + (toks[a].low in DETERMINERS)
        if toks[r].low in PLACE_OFFICES and not toks[r].cap and name_toks[0].low == "of":
            # "the mayor of Dayton": the mayor speaks, not the town
            name = span_text(s, toks, a, b)
            if toks[a].low in DETERMINERS:
                name = toks[a].low + name[len(toks[a].text) :]
            kind = "desc" if toks[a].low in {"the", "his", "her"} else "group"
            return Ref(name, role, kind, unit, pos)  # no role: the name says it already
        if org_a < b:
            return Ref(
                span_text(s, toks, org_a, b), span_text(s, toks, ra, r + 1), "person", unit, pos
            )
    if r >= 0:
        ra = a
        while ra <= r and toks[ra].low in DETERMINERS:
            ra += 1
        pre = span_text(s, toks, ra, r + 1)
        if pre:
            role = role or pre + (" " + post if post else "")
    elif post and not role:
        # "Keith Henry of Tokyo-based Asia Strategy": the affiliation, without its "of"
        bare = re.sub(r"^(?:of|for|at) (?:the )?", "", post)
        titled = name_a > a and toks[name_a - 1].low not in HONORIFICS  # not "Mr. of the X"
        role = toks[name_a - 1].text + " " + post if titled else bare
    org = any(t.low in ORG_WORDS for t in name_toks) or (
        len(name_toks) == 1 and name_toks[0].text.isupper() and len(name_toks[0].text) > 1
    )
    name = span_text(s, toks, name_a, b)
    if (
        b - name_a == 1
        and not org
        and (
            name_toks[0].low in CUE_FORMS
            or name_toks[0].low in NOT_NAMES
            or name_toks[0].low.endswith(("ly", "ed", "ing"))
        )
    ):
        return None
    if org:
        full = _group_text(s, toks, a, b) if r < 0 else name
        return Ref(full, None, "group", unit, pos)
    return Ref(name, role, "person", unit, pos)


def unit_subject(s: str, toks: list[Tok], hi: int, unit: int) -> Ref | None:
    """The unit's subject, after an introductory phrase ("At a rally in Ames, Iowa, on
    Sunday, Ann Lee ..."): a name followed by a comma and no role is still the phrase."""
    j = 0
    intro = False
    if hi > 2 and toks[0].text.isupper() and len(toks[0].text) > 1 and toks[0].q < 0:
        # a dateline: "PARIS, Aug 31 (Reuters) - Ann Lee ...", "WASHINGTON — ..."
        dash = next((k for k in range(1, min(hi, 12)) if toks[k].text in {"-", "—", "–"}), -1)
        if dash > 0 and dash + 1 < hi:
            j = dash + 1
    for _ in range(4):
        starter = j < hi and (toks[j].low in INTRO_STARTERS or toks[j].low.endswith("ing"))
        if starter and toks[j].low in {"a", "an", "this", "last"}:
            e = np_fwd(toks, j, hi)
            # "A spokeswoman for the firm declined ...": the subject, not "A year ago,"
            starter = e <= j or make_ref(s, toks, j, e, None, unit) is None
        if starter:
            comma = next(
                (k for k in range(j + 1, min(hi, j + 16)) if toks[k].text == "," or toks[k].q >= 0),
                -1,
            )
            if comma > 0 and toks[comma].q < 0:
                j = comma + 1
                intro = True
                continue
            if toks[j].low in {"but", "and", "so", "yet"} and j + 1 < hi and toks[j + 1].word:
                j += 1  # "But the court overruled and said ...": a conjunction, no intro
                continue
        e = np_fwd(toks, j, hi)
        if e <= j:
            return None
        appos = None
        if e < hi and toks[e].text == ",":
            for k in range(e + 1, min(hi, e + 16)):
                if toks[k].text == ",":
                    appos = (e + 1, k)
                    break
        if (
            intro
            and e < hi
            and toks[e].text == ","
            and (appos is None or not role_from_appos(s, toks, *appos))
        ):  # "in Ames, Iowa, on Sunday,": a place in the introduction
            j = e + 1
            continue
        return make_ref(s, toks, j, e, appos, unit)
    return None
