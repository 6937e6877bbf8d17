"""Stage 3: reporting cues in a unit ("said", "according to") and their speakers."""

from __future__ import annotations

from dataclasses import dataclass

from .chunks import Ref, make_ref, np_back, np_fwd, role_from_appos, span_text, unit_subject
from .lexicon import (
    AUX,
    CUE_FORMS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    FINITE_VERBS,
    KIN_WORDS,
    MEDIUM_NOUNS,
    ORG_WORDS,
    PASSIVE,
    PLACE_NAMES,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEAKER_NOUNS,
    WEEKDAYS,
)
from .tokens import PUNCT_SEP, Tok

_REGIONS = {"western", "eastern", "northern", "southern", "midwestern", "gulf", "baltic", "border"}
_SHOW_KINDS = {"tv", "talk", "game", "radio", "news", "morning", "reality", "cooking", "quiz"}
_ING_OK = {
    "saying",
    "adding",
    "telling",
    "writing",
    "noting",
    "arguing",
    "claiming",
    "warning",
    "insisting",
    "explaining",
    "stating",
    "declaring",
    "stressing",
    "calling",
    "asking",
    "accusing",
    "suggesting",
    "urging",
    "posting",
    "tweeting",
    "complaining",
    "admitting",
    "acknowledging",
    "announcing",
    "describing",
    "countering",
    "emphasizing",
    "predicting",
}


_NOUNISH_CUES = {
    "report",
    "reports",
    "claim",
    "claims",
    "post",
    "posts",
    "tweet",
    "tweets",
    "comment",
    "comments",
    "statement",
    "note",
    "notes",
    "answer",
    "answers",
    "question",
    "questions",
    "charge",
    "charges",
    "demand",
    "demands",
    "warning",
    "promise",
    "promises",
    "vow",
    "vows",
    "pledge",
    "pledges",
    "call",
    "calls",
    "shows",
    "show",
    "text",
    "email",
    "emails",
    "blog",
    "find",
    "finding",
    "counter",
    "reply",
    "replies",
    "response",
    "estimate",
    "estimates",
    "fear",
    "fears",
    "hint",
    "hints",
    "signal",
    "signals",
    "joke",
    "jokes",
    "testify",
    "state",
    "states",
    "repeat",
    "caution",
    "dispute",
    "remark",
    "remarks",
    "recall",
    "threat",
    "insist",
    "boast",
    "boasts",
    "muse",
    "sigh",
    "continue",
    "continues",
}


_MODALS = {"will", "would", "could", "should", "may", "might", "to", "not", "did", "does", "do"}

# words before a noun that a cue word may be ("his own promise", "the latest reports")
_NOUN_MODIFIERS = {"own", "latest", "new", "internal", "confirmed", "key", "deleted", "leaked"}
_NOUN_MODIFIERS |= {"hacked", "recent", "initial", "final", "full", "official", "same"}


def _noun_cue(toks: list[Tok], i: int) -> bool:
    """A cue word that is a noun: after a determiner or a possessive ("the report", "his
    own promise"), or after a name run that modifies it, opened by "a", a number or an
    adjective ("a key Benghazi email", "20,000 Democratic National Committee emails that
    leaked", "the latest Federal Election Commission reports"; not "the Post reports that")."""
    t, prev = toks[i], toks[i - 1]
    if t.low not in _NOUNISH_CUES:
        return False
    if prev.low in DETERMINERS or prev.low.endswith(("’s", "'s")) or prev.low in _NOUN_MODIFIERS:
        return True
    if not prev.cap:
        return False
    k = i - 1
    while k > 0 and toks[k - 1].cap and i - k < 6:
        k -= 1
    before = toks[k - 1] if k > 0 else None
    return (
        before is not None
        and before.q < 0
        and (before.low in {"a", "an"} | _NOUN_MODIFIERS or before.low.isdigit())
    )


_BARE_FORMS = {
    "say",
    "tell",
    "add",
    "write",
    "claim",
    "warn",
    "insist",
    "deny",
    "argue",
    "note",
    "state",
    "announce",
    "report",
    "suggest",
    "believe",
    "think",
    "find",
    "show",
}


_SOURCE_END = {",", ".", ";", ":", "(", ")", "!", "?", "—", "–"}
_NEG = {"hasn’t", "hasn't", "haven’t", "haven't", "didn’t", "didn't", "doesn’t", "doesn't"}
_NEG |= {"wouldn’t", "wouldn't", "won’t", "won't", "hadn’t", "hadn't"}
_SELF = {"himself", "herself", "itself", "themselves"}
# words skipped between a speaker and the cue ("has himself said", "hasn't said")
_SKIP = frozenset(AUX | _SELF)
_SKIP_SAY = _SKIP | _NEG  # (a negation only before "say" and "tell")
# what may follow an inverted speaker ("..., said Ann Lee on Monday.")
_AFTER_INVERSION = PREPOSITIONS | {
    "today",
    "yesterday",
    "tonight",
    *WEEKDAYS,
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "when",
    "while",
    "as",
    "after",
    "before",
    "adding",
    "noting",
    "who",
    "and",
}
_PARENTHETICAL_OPENERS = {"who", "whose", "which", "a", "an", "the", "himself", "herself", "itself"}


def _adverb(t: Tok) -> bool:
    """An adverb between a speaker and the cue ("disingenuously claimed", "soon noted")."""
    return (t.low.endswith("ly") and len(t.low) > 4 and t.low not in _NOT_ADVERBS) or (
        t.low in {"soon", "long", "quickly", "twice", "once"}
    )


_NOT_ADVERBS = {"family", "rally", "ally", "italy", "july", "assembly", "supply", "early", "daily"}


def _passive(toks: list[Tok], i: int) -> bool:
    """Whether the cue word at ``i`` is a passive participle: after a form of "be", also
    across adverbs ("was also charged with", "were later accused of"): its subject is
    who the words are about, not who said them."""
    k = i - 1
    while (
        k > 0
        and toks[k].q < 0
        and toks[k].low not in PASSIVE
        and not toks[k].cap
        and (toks[k].low in AUX or _adverb(toks[k]))
    ):
        k -= 1
    return toks[k].q < 0 and toks[k].low in PASSIVE


def _ends_inversion(toks: list[Tok], e: int, pronoun: bool) -> bool:
    """Whether an inverted speaker ("said Ann Lee", "said he") ends where a speaker
    may end: punctuation, a quotation, the end; for a name also a time or place phrase."""
    if e >= len(toks):
        return True
    t = toks[e]
    if t.q >= 0 or not t.word:
        return True
    return not pronoun and (t.low in _AFTER_INVERSION or t.cap)


def _subject_before_parenthetical(
    s: str, toks: list[Tok], j: int, unit: int
) -> tuple[Ref, int] | None:
    """ "Ann Lee, a nurse from Ohio who ran the clinic, said": the unit's subject, when a
    comma follows it and what stands between it and the cue's comma reads as a
    parenthetical about it (a relative clause, an apposition, an age)."""
    start = 0
    while start < j and toks[start].low in {"but", "and", "so", "yet", "still"}:
        start += 1
    e = np_fwd(toks, start, j)
    if e <= start or e >= j:
        return None
    c1 = e
    if (
        toks[e].text != ","
        and toks[e].text.islower()
        and (toks[e].low in PREPOSITIONS | {"of", "for", "familiar"} or toks[e].low.endswith("ing"))
    ):  # "Federal officials familiar with the case, speaking ..., said"
        c1 = next((k for k in range(e, min(j, e + 12)) if toks[k].text == ","), -1)
        if c1 < 0 or any(
            t.q >= 0 or t.low in FINITE_VERBS or (t.low in CUE_FORMS and t.text.islower())
            for t in toks[e:c1]
        ):
            return None
    if toks[c1].text != "," or c1 + 1 >= j:
        return None
    nxt = toks[c1 + 1]
    if not (
        nxt.low in _PARENTHETICAL_OPENERS
        or nxt.low in ROLE_WORDS
        or nxt.low in ROLE_MODIFIERS
        or nxt.text[:1].isdigit()
        or nxt.cap
    ):
        return None
    relative = nxt.low in {"who", "whose", "which"}
    for t in toks[c1 + 1 : j]:
        if t.q >= 0 or t.text in {";", ":"}:
            return None
        if t.low in CUE_FORMS and t.text.islower() and not relative:
            return None
    appos = None
    k = next((k for k in range(c1 + 1, j + 1) if toks[k].text == ","), j)
    if k > c1 + 1 and c1 == e:
        appos = (e + 1, k)
    ref = make_ref(s, toks, start, e, appos, unit)
    if ref is None or ref.kind == "pronoun":
        return None
    return ref, start


@dataclass(slots=True)
class Cue:
    i: int  # cue token index
    j: int  # after the cue word(s)
    base: str
    ref: Ref
    r0: int  # attribution region (speaker + cue), token range
    r1: int
    mode: str  # back | inv | subj


def _long_description(s: str, toks: list[Tok], a: int, j: int, unit: int) -> tuple[Ref, int] | None:
    """A speaker described at length before the cue, right after a quote or a name:
    '"...," the former governor of the state and likely candidate said' (someone named
    before), 'Ann Lee, the top Democrat on the committee said' (Ann Lee, with her role)."""
    k = j
    start = -1
    while k >= 0 and j - k < 14:
        t = toks[k]
        if not t.word or t.low in CUE_FORMS or t.low in PASSIVE or t.low in PRONOUNS:
            break
        if t.low in {"the", "a", "an"} and (
            k == 0 or toks[k - 1].text == "," or toks[k - 1].q >= 0
        ):
            start = k
        elif t.low in {"his", "her", "its", "their"} and (k == 0 or toks[k - 1].q >= 0):
            start = k  # "Their mayor of ten years said" (not "Ann Lee, her aide said")
        k -= 1
    if start < 0 or start >= a:
        return None
    words = {t.low for t in toks[start : j + 1]}
    roleish = bool(words & (ROLE_WORDS | KIN_WORDS | {"top", "senior", "former"})) or any(
        w.startswith("top-") for w in words
    )
    if not roleish:
        return None
    role = span_text(s, toks, start + 1, j + 1)
    if start >= 2 and toks[start - 1].text == "," and toks[start - 2].q < 0:
        b = start - 1
        na = np_back(toks, b, 0)
        if na < b - 1 and toks[b - 1].cap:
            ref = make_ref(s, toks, na, b, None, unit)
            if ref is not None and ref.kind == "person":
                ref.role = ref.role or role
                return ref, na
        return None
    name = span_text(s, toks, start, j + 1)
    return Ref(
        toks[start].low + name[len(toks[start].text) :], role, "desc", unit, toks[start].start
    ), start


_PLACE_PREPS = {"in", "at", "from", "across", "around", "throughout"}
# people who speak about someone, not for them: "the family of the driver said"
_ASSOCIATES = {"family", "families", "relatives", "friends", "parents", "neighbours", "neighbors"}
_ASSOCIATES |= {"colleagues", "organisers", "organizers", "classmates"}
_OWNERS = {"the", "a", "an", "his", "her", "their"}


def _associates_of(s: str, toks: list[Tok], a: int, j: int, unit: int) -> tuple[Ref, int] | None:
    """ "The family of the driver said", "relatives of the victim said", "organisers of
    the festival claimed": the group before "of" speaks, not the one it is of (a few lower-
    case words back from the cue)."""
    k = a - 1
    while k >= 0 and j - k < 8 and toks[k].q < 0 and toks[k].word and toks[k].text.islower():
        if toks[k].low == "of":
            break
        if toks[k].low in CUE_FORMS or toks[k].low in PASSIVE or toks[k].low in {"and", "or"}:
            return None
        k -= 1
    if k < 1 or toks[k].low != "of":
        return None
    if toks[k - 1].low not in _ASSOCIATES or toks[k + 1].low not in _OWNERS:
        return None
    start = np_back(toks, k, 0)
    if start >= k:
        return None
    name = span_text(s, toks, start, j + 1)
    if toks[start].low in DETERMINERS:
        name = toks[start].low + name[len(toks[start].text) :]
    return Ref(name, None, "group", unit, toks[start].start), start


def _place_name(toks: list[Tok], a: int, b: int) -> bool:
    """Whether ``toks[a:b]`` is a state, province or country ("Ohio", "Calif", "N.Y.")."""
    return 0 < b - a <= 3 and " ".join(t.low for t in toks[a:b]).rstrip(".") in PLACE_NAMES


def _town_before(toks: list[Tok], a: int, b: int) -> int:
    """Start of the town in "Dayton, Ohio" when ``toks[a:b]`` is the state or country
    after its comma; ``a`` when it is not."""
    if a < 2 or toks[a - 1].text != "," or not _place_name(toks, a, b):
        return a
    c = a - 1
    while c > 0 and a - c <= 4 and toks[c - 1].cap and toks[c - 1].q < 0:
        c -= 1  # the town's capitalised words ("of Tulsa", not "Ann Marsh of Tulsa")
    return c if c < a - 1 else a


def _head_before_place(
    s: str, toks: list[Tok], a: int, unit: int, b: int = -1
) -> tuple[Ref, int] | None:
    """ "most voters in Alabama, Georgia and Virginia said", "some delegates at the
    convention in Philadelphia said": the noun the place phrase follows speaks, not the
    place. "Ann Lee of Tulsa, Oklahoma says": the place is a town and its state (``b``, the
    end of the phrase at ``a``, lets the state be seen). None when no speaker stands there,
    or when it is what was published there ("a report in a New Hampshire paper said": the
    paper)."""
    got = None
    k = _town_before(toks, a, b) if b > a else a
    preps = _PLACE_PREPS | {"of"} if k < a else _PLACE_PREPS  # "of Tulsa, Oklahoma"
    for _ in range(3):
        # a list of places ends with "and"/"or" ("Alabama, Georgia and Virginia"); a comma
        # alone ends an opening phrase ("At the Rotary Club in Manchester, Trump said")
        joins = {"and", "or"}
        while k >= 2 and toks[k - 1].low in joins and toks[k - 2].cap:
            m = np_back(toks, k - 1, 0)
            if m >= k - 1:
                break
            k = m
            joins = {"and", "or", ","}
        if k < 2 or toks[k - 1].low not in preps or toks[k - 1].q >= 0:
            break
        h = np_back(toks, k - 1, 0)
        if h >= k - 1:
            # "at the convention in Philadelphia": a place named by a common noun
            m = k - 2
            while m >= 0 and k - 2 - m < 3 and toks[m].word and toks[m].text.islower():
                if toks[m].low in {"the", "a", "an"}:
                    break
                m -= 1
            if m >= 0 and m < k - 2 and toks[m].low in {"the", "a", "an"}:
                k = m
                continue
            break
        if toks[k - 2].low in _PUBLISHED and not toks[k - 2].cap:
            break  # (not "The Post in Denver": a newspaper's name)
        ref = make_ref(s, toks, h, k - 1, None, unit)
        if ref is not None and ref.kind != "pronoun":
            got = ref, h
        k = h
    return got


_PLEAS = {"guilty", "not", "innocent", "no"}
_PUBLISHED = DOCUMENT_NOUNS | {"report", "reports", "poll", "polls", "survey", "study", "article"}
_PUBLISHED |= {"story", "editorial", "interview", "piece", "analysis", "review"}


# Nouns before "to" that speak themselves: find_cues's rule for the one written to ("a
# letter to X asking": the writer asks) leaves them be ("an adviser to his campaign
# acknowledging": the adviser)
_SENT_NOUN_BLOCKERS = (SPEAKER_NOUNS | ROLE_WORDS) - DOCUMENT_NOUNS - MEDIUM_NOUNS
_TALKING = {"speaking", "talking"}


def _person_of_body(s: str, toks: list[Tok], a: int, b: int, unit: int) -> tuple[Ref, int] | None:
    """ "Ann Lee of the Sierra Club said": Ann Lee, with her affiliation (the phrase before
    the cue began at "the")."""
    if a < 3 or toks[a].low != "the" or toks[a - 1].low not in {"of", "at"} or not toks[a - 2].cap:
        return None
    h = np_back(toks, a - 1, 0)
    if h >= a - 2 or (h > 0 and toks[h - 1].low in {"and", "&", "of", "the"}):
        return None  # "the Science and Technology Directorate of the ...": a body's name
    ref = make_ref(s, toks, h, b, None, unit)
    return (ref, h) if ref is not None and ref.kind == "person" else None


def _speaker_before_hearer(s: str, toks: list[Tok], a: int, unit: int) -> tuple[Ref, int] | None:
    """ "a source speaking to Fox News said": the source speaks; Fox News is who heard it."""
    if a < 3 or toks[a - 1].low not in {"to", "with"} or toks[a - 2].low not in _TALKING:
        return None
    h = np_back(toks, a - 2, 0)
    ref = make_ref(s, toks, h, a - 2, None, unit) if h < a - 2 else None
    return (ref, h) if ref is not None and ref.kind != "pronoun" else None


# "Ann Lee, 24, from Leeds, who said": the place phrase between a person and "who"
_WHO_PLACE_PREPS = {"from", "in", "of"}


def _who_before_place(s: str, toks: list[Tok], a: int, unit: int) -> tuple[Ref, int] | None:
    """ "Ann Lee, 24, from Leeds, who said": "who" is Ann Lee, the person before the place
    phrase set off by commas (not "help from Tom Perez, who said")."""
    if a < 3 or toks[a - 1].low not in _WHO_PLACE_PREPS or toks[a - 2].text != ",":
        return None
    k = a - 2
    while k >= 0 and (toks[k].text == "," or toks[k].text.isdigit()) and a - k < 6:
        k -= 1
    if k < 0 or not toks[k].cap:
        return None
    h = np_back(toks, k + 1, 0)
    ref = make_ref(s, toks, h, k + 1, None, unit) if h <= k else None
    return (ref, h) if ref is not None and ref.kind == "person" else None


def find_cues(s: str, toks: list[Tok], unit: int) -> list[Cue]:
    cues: list[Cue] = []
    n = len(toks)
    subj: Ref | None = None
    subj_done = False
    for i, t in enumerate(toks):
        if t.q >= 0:
            continue
        low = t.low
        if low == "according" and i + 1 < n and toks[i + 1].low == "to":
            e = np_fwd(toks, i + 2, n)
            appos = None
            if e < n and toks[e].text == ",":
                k = e + 1
                while k < n and toks[k].text not in {",", ".", ";"} and toks[k].q < 0:
                    k += 1
                if (
                    k > e + 1
                    and (k >= n - 1 or toks[k].text == ".")
                    and i > 0
                    and toks[e + 1].low not in PRONOUNS
                    and not any(x.low in FINITE_VERBS for x in toks[e + 1 : k])
                    and (
                        role_from_appos(s, toks, e + 1, k)
                        or (k - e <= 5 and all(x.cap for x in toks[e + 1 : k]))
                    )
                ):  # "..., according to Ann Lee, a nurse." (not "According to X, it fell.")
                    appos = (e + 1, k)
            ref = make_ref(s, toks, i + 2, e, appos, unit)
            if ref is None:  # "according to a new national poll": whatever source follows
                k = i + 2
                while (
                    k < n and k < i + 14 and toks[k].q < 0 and toks[k].text not in PUNCT_SEP | {"."}
                ):
                    k += 1
                if k - (i + 2) >= 2 and (k >= n - 1 or toks[k].text in {",", ".", ";"}):
                    e = k
                    name = span_text(s, toks, i + 2, e)
                    if toks[i + 2].low in DETERMINERS:
                        name = toks[i + 2].low + name[len(toks[i + 2].text) :]
                    ref = Ref(name, None, "group", unit, toks[i + 2].start)
            r1 = appos[1] if appos else e
            if ref and not appos:
                # "according to the plan the council released.": the source runs to the
                # end of its phrase, so the words left after its noun phrase are not a clause
                k = e
                while k < n and k < e + 12 and toks[k].q < 0 and toks[k].text not in _SOURCE_END:
                    k += 1
                if k > e and (k >= n or toks[k].text in _SOURCE_END):
                    r1 = k
                    if ref.kind == "group":
                        ref.name = ref.name + s[toks[e - 1].end : toks[k - 1].end]
            if ref:
                cues.append(Cue(i, i + 2, "according to", ref, i, r1, "inv"))
            continue
        if (
            low in {"call", "calls", "called", "calling"}
            and i + 1 < n
            and toks[i + 1].low in {"for", "on"}
            and t.text.islower()
        ):  # "called for a moratorium", "called on lawmakers to act"
            prev = toks[i - 1] if i else None
            j = i - 1
            while j >= 0 and toks[j].low in AUX and toks[j].q < 0 and not toks[j].cap:
                j -= 1
            a = np_back(toks, j + 1, 0) if j >= 0 else j + 1
            ref = make_ref(s, toks, a, j + 1, None, unit) if a <= j else None
            coord = j >= 0 and toks[j].low in {"and", "but"}  # "... and has called for"
            if ref is None and prev is not None and (prev.text == "," or low == "calling" or coord):
                ref = cues[-1].ref if cues else unit_subject(s, toks, i, unit)
                a = i
            if ref is not None:
                cues.append(Cue(i, i + 2, "call " + toks[i + 1].low, ref, a, i + 2, "back"))
            continue
        base = CUE_FORMS.get(low)
        # "Noting that the fund is empty, Piet Vos ...": an opening participle
        opening = i == 0 and low.endswith("ing") and i + 1 < n and toks[i + 1].low == "that"
        if base is None or not (t.text[:1].islower() or opening):
            continue
        if opening:
            if not subj_done:
                subj = unit_subject(s, toks, n, unit)
                subj_done = True
            if subj is not None and subj.kind != "pronoun":
                cues.append(Cue(i, i + 1, base, subj, i, i + 1, "subj"))
            continue
        prev = toks[i - 1] if i else None
        if prev is not None and prev.q < 0:
            if _noun_cue(toks, i):
                continue
            if _passive(toks, i) and not low.endswith("ing"):
                continue
            if low.endswith("ing") and (
                prev.low in {"in", "on", "of"}
                or low == "writing"
                and i + 1 < n
                and toks[i + 1].low in {"for", "in", "on", "about"}
            ):  # "told them so in writing", "writing for the majority": no cue
                continue
            if prev.low in {"to", "the", "a", "an"} and low != "saying":
                continue
        # "member states", "a battleground state": the noun, unless a clause follows
        if low in {"state", "states"} and (
            i + 1 >= n
            or toks[i + 1].low != "that"
            and toks[i + 1].text not in {":", "."}
            or (prev is not None and prev.cap and prev.low in _REGIONS)
        ):  # "member states", "other Western states."
            continue
        # "(Additional reporting by ...)": a credit line, not speech
        if low.endswith("ing") and i + 1 < n and toks[i + 1].low == "by":
            continue
        # "the TV show", "a talk show": the noun
        if low in {"show", "shows"} and prev is not None and prev.low in _SHOW_KINDS:
            continue
        # "pleaded not guilty", "will plead guilty": a plea to a charge, no speech (but
        # "pleaded not to be sent back" is a plea to someone: "not" only before "guilty")
        if (
            base == "plead"
            and i + 1 < n
            and toks[i + 1].low in _PLEAS
            and (toks[i + 1].low != "not" or i + 2 < n and toks[i + 2].low == "guilty")
        ):
            continue
        # "say"/"tell" after a modal or "to" ("will say") is not a report
        if low in _BARE_FORMS and prev is not None and prev.low in _MODALS:
            continue
        # speaker before the cue
        j = i - 1
        skip = _SKIP_SAY if base in {"say", "tell"} else _SKIP
        while (
            j >= 0
            and (toks[j].low in skip or _adverb(toks[j]))
            and toks[j].q < 0
            and not toks[j].cap
        ):
            j -= 1
        if j >= 1 and toks[j].text == ")":  # "Jason Reed (R-Utah) said"
            k = j - 1
            while k > 0 and j - k < 8 and toks[k].text != "(" and toks[k].q < 0:
                k -= 1
            if toks[k].text == "(" and k > 0 and toks[k - 1].cap:
                j = k - 1
        ref = None
        r0 = i
        mode = "back"
        if (
            low.endswith("ing") and prev is not None and prev.low in MEDIUM_NOUNS and i - 1 == j
        ):  # "issued a statement calling ...": the sentence subject speaks
            if not subj_done:
                subj = unit_subject(s, toks, i, unit)
                subj_done = True
            if subj is None or subj.name.split()[-1].lower() in MEDIUM_NOUNS:
                continue
            ref = subj
            mode = "subj"
            r0 = i
        elif j >= 0 and toks[j].low == "who" and j >= 1 and toks[j - 1].text == ",":
            j -= 1
            a = np_back(toks, j, 0)
            ref = make_ref(s, toks, a, j, None, unit)
            r0 = a
            got = _who_before_place(s, toks, a, unit)
            if got is not None:
                ref, r0 = got
        elif j >= 0 and toks[j].text == "," and not low.endswith("ing"):
            k = j - 1
            while k >= 0 and toks[k].text not in {",", ";", ":"} and toks[k].q < 0 and j - k < 16:
                k -= 1
            if k >= 0 and toks[k].text == ",":
                a = np_back(toks, k, 0)
                ref = make_ref(s, toks, a, k, (k + 1, j), unit)
                r0 = a
                if ref is not None and ref.kind != "pronoun" and _place_name(toks, k + 1, j):
                    # "CNN affiliate KXYZ in Dayton, Ohio, reported": the station, not the
                    # town (a head that is itself an apposition is left to the subject's)
                    head = _head_before_place(s, toks, a, unit, k)
                    if head is not None and (head[1] == 0 or toks[head[1] - 1].text != ","):
                        ref, r0 = head
                if ref is None and 1 <= j - (k + 1) <= 4 and all(t.cap for t in toks[k + 1 : j]):
                    # "The author of the book, Ann Lee, said": the name in apposition
                    ref = make_ref(s, toks, k + 1, j, None, unit)
                    if ref is not None and ref.kind == "person":
                        b0 = 1 if toks[0].low in {"the", "a", "an"} else 0
                        ref.role = ref.role or (span_text(s, toks, b0, k) if k - b0 <= 8 else None)
                        r0 = 0
                    else:
                        ref = None
        elif j >= 0:
            a = np_back(toks, j + 1, 0)
            if (
                1 < a <= j
                and low.endswith("ing")
                and toks[a - 1].low == "to"
                and toks[a - 2].low not in _SENT_NOUN_BLOCKERS
            ):
                # "wrote a letter to the mayor asking ...", "an email to supporters saying":
                # the one written to is no speaker; the sentence's subject writes (not
                # "an adviser to his campaign acknowledging": the adviser)
                if not subj_done:
                    subj = unit_subject(s, toks, a - 1, unit)
                    subj_done = True
                if subj is not None:
                    cues.append(Cue(i, i + 1, base, subj, i, i + 1, "subj"))
                    continue
            if a <= j:
                ref = make_ref(s, toks, a, j + 1, None, unit)
                r0 = a
                if ref is not None and ref.kind != "pronoun":
                    head = (
                        _head_before_place(s, toks, a, unit, j + 1)
                        or _speaker_before_hearer(s, toks, a, unit)
                        or _person_of_body(s, toks, a, j + 1, unit)
                    )
                    if head is not None:
                        ref, r0 = head
            long = _long_description(s, toks, a if a <= j else j + 1, j, unit)
            if long is not None:
                ref, r0 = long
            around = _associates_of(s, toks, min(a, j + 1), j, unit)
            if around is not None:
                ref, r0 = around
        if j >= 1 and toks[j].text == "," and not low.endswith("ing"):
            # "Ann Lee, a pilot from Eastport, Maine, who ..., said": the unit's subject,
            # not the last name inside what is said about her
            got = _subject_before_parenthetical(s, toks, j, unit)
            if got is not None and (ref is None or got[1] < r0):
                ref, r0 = got
        r1 = i + 1
        coord = j >= 0 and toks[j].low in {"and", "but"} and toks[j].q < 0
        if (
            ref is None
            and prev is not None
            and (low in _ING_OK or prev.low in {"and", "but"} or coord)
            and (prev.text == "," or prev.low in {"and", "but"} or coord or low.endswith("ing"))
        ):
            if cues:
                ref = cues[-1].ref
            else:
                if not subj_done:
                    subj = unit_subject(s, toks, i, unit)
                    subj_done = True
                ref = subj
            mode = "subj"
            r0 = i - 1 if prev is not None and prev.text == "," else i
        if ref is None and (prev is None or prev.q >= 0 or prev.text in PUNCT_SEP):
            e = np_fwd(toks, i + 1, n)
            appos = None
            e2 = e
            if e < n and toks[e].text == "(":  # "said Rep. Ann Lee (D-Ore.), head of ..."
                k = e + 1
                while k < n and k < e + 8 and toks[k].text != ")" and toks[k].q < 0:
                    k += 1
                if k < n and toks[k].text == ")":
                    e2 = k + 1
            if e2 < n and toks[e2].text == ",":
                k = e2 + 1
                while k < n and toks[k].text not in {",", ".", ";"} and toks[k].q < 0:
                    k += 1
                appos = (e2 + 1, k)
            ref = make_ref(s, toks, i + 1, e, appos, unit)
            after_quote = prev is not None and (
                prev.q >= 0 or (i >= 2 and prev.text == "," and toks[i - 2].q >= 0)
            )
            if (
                ref is not None
                and not after_quote
                and not _ends_inversion(toks, e2, ref.kind == "pronoun")
            ):
                ref = None  # "..., said the United States should act": a clause, not "said X"
            if ref is not None:
                mode = "inv"
                r0 = i
                r1 = e
                if appos and role_from_appos(s, toks, *appos):
                    r1 = appos[1]
        if ref is None:
            continue
        if (
            ref.kind == "group"
            and base in {"call", "find", "show"}
            and ref.name.split()[-1].lower() not in SPEAKER_NOUNS | ORG_WORDS
        ):
            continue
        cues.append(Cue(i, i + 1, base, ref, r0, r1, mode))
    return cues
