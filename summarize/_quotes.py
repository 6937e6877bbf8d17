"""Who said what: speakers, roles, direct, mixed and reported speech.

Rules and small lexicons, no model. Each paragraph is cut into sentence units that never
split a quotation; in each unit the reporting cues ("said", "told reporters", "according
to", ...) are found, each gets its speaker (the noun phrase before it, after it when
inverted, or the sentence subject for "..., saying"), and its content: quotations next to
it (direct), or the clause it governs (indirect, or mixed when that clause holds a partial
quote). A unit that is only a quotation continues the previous speaker. Then pronouns and
surnames are resolved to the full name as first introduced, and roles are taken from
pre-modifiers ("Kremlin spokesperson Dmitry Peskov") and appositions ("X, spokesperson
for ...").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ._document import Document
from ._model import Speaker, Statement
from ._name_index import KnownNames, WordIndex
from ._speech_lex import (
    AUX,
    CLAUSE_BREAKS,
    CLAUSE_VERBS,
    CUE_FORMS,
    DETERMINERS,
    HEARER_VERBS,
    HONORIFICS,
    INTRO_STARTERS,
    KIN_WORDS,
    MEDIUM_NOUNS,
    NAME_CONNECTORS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_WORDS,
    PASSIVE,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_ONLY_VERBS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEAKER_NOUNS,
    WEAK_VERBS,
)
from ._speech_marks import Span, find_quotes, split_units

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Lt|Sgt|Gen|Sen|Rep|Gov|Col|Capt|St|Jr|Sr|Prof|Rev|Cpl|Det"
    r"|Insp|Supt|Maj|Adm|Cmdr|Atty|Pres)\.|\w(?:[\w’'&.-]*\w)?|[^\w\s]"
)
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'-]*\.?\s+){0,5}")
_WORDISH = re.compile(r"\w")
_PUNCT_SEP = {",", "—", "–", "-", ":", ";", "(", ")", "…"}
_HEARER_OBJECTS = {"him", "her", "them", "me", "us", "reporters", "journalists", "police"}
_TIME_WORDS = {
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "earlier",
    "later",
    "recently",
    "previously",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "also",
    "then",
    "again",
}
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
_OBJ_PRONOUNS = {"him", "her", "them", "it", "himself", "herself", "themselves", "itself"}
_NOT_CLAUSE_START = {
    "of",
    "before",
    "after",
    "up",
    "upon",
    "during",
    "than",
    "until",
    "off",
    "as",
    "when",
    "while",
}
_MODALS = {"will", "would", "could", "should", "may", "might", "to", "not", "did", "does", "do"}
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


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    start: int
    end: int
    q: int = -1  # index of the quotation span this token stands for

    @property
    def cap(self) -> bool:
        return self.q < 0 and self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.q < 0 and bool(_WORDISH.match(self.text))


@dataclass(slots=True)
class Ref:
    """A speaker as written at one place: a noun phrase, maybe with a role."""

    name: str
    role: str | None
    kind: str  # person | group | pronoun
    unit: int
    pos: int  # offset in the paragraph, for pronoun resolution


@dataclass(slots=True)
class Raw:
    para: int
    unit: int
    order: int
    kind: str
    text: str
    cue: str | None
    ref: Ref
    alias: str | None = None  # how the text named the speaker here ("the GOP nominee")


@dataclass(slots=True)
class _Unit:
    para: int
    text: str  # the unit's text with quotations blanked (for name look-ups)
    start: int  # offset of the unit in its paragraph


@dataclass(slots=True)
class _Person:
    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)


def _spans_within(spans: list[Span], a: int, b: int) -> range:
    """Indices of the quotation spans inside ``[a, b)``: spans are sorted and disjoint, so
    a bisection finds them (a long paragraph has many units and many spans)."""
    lo = bisect_left(spans, a, key=lambda sp: sp.start)
    hi = lo
    while hi < len(spans) and spans[hi].end <= b:
        hi += 1
    return range(lo, hi)


def _tokenize(s: str, a: int, b: int, spans: list[Span]) -> list[Tok]:
    toks: list[Tok] = []
    pos = a
    inner = [(k, spans[k]) for k in _spans_within(spans, a, b)]
    for k, sp in [*inner, (-1, None)]:
        stop = sp.start if sp is not None else b
        for m in _TOKEN.finditer(s, pos, stop):
            t = m.group(0)
            toks.append(Tok(t, t.lower(), m.start(), m.end()))
        if sp is not None:
            toks.append(Tok("\ue000", "\ue000", sp.start, sp.end, k))
            pos = sp.end
    return toks


# --- noun phrases -------------------------------------------------------------------------


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


_NP_STOP = CUE_FORMS.keys() | AUX | PREPOSITIONS | PASSIVE | PRONOUNS | {"and", "or", "that"}


def _np_back(toks: list[Tok], end: int, lo: int) -> int:
    """Start of the noun phrase that ends at ``end`` (exclusive); ``end`` if none."""
    j = end - 1
    if j >= lo and toks[j].low in PRONOUNS and toks[j].q < 0:
        return j
    start = end
    while j >= lo:
        t = toks[j]
        if _np_tok_ok(t):
            start = j
        elif t.low in NAME_CONNECTORS and j - 1 >= lo and start < end:
            pass  # tentatively; kept only if a word before it joins
        elif t.low in DETERMINERS and start < end and start == j + 1:
            start = j
            break
        else:
            break
        j -= 1
    # "the auction house", "the pest control firm": lower-case modifiers of a speaker noun
    if start == end and end - 1 >= lo and toks[end - 1].low in ORG_HEADS and toks[end - 1].q < 0:
        start = end - 1  # "The bank said"
    if start < end and toks[end - 1].low in ORG_HEADS | SPEAKER_NOUNS | ROLE_WORDS:
        for d in range(start - 1, max(lo, start - 4) - 1, -1):
            t = toks[d]
            if t.low in {"the", "its", "a", "an", "his", "her", "their"} or (
                t.cap and t.low.endswith(("’s", "'s"))
            ):  # "the auction house", "Ohio's tax commissioner"
                start = d
                break
            if not (t.word and t.text.islower()) or t.low in _NP_STOP:
                break
    # drop dangling connectors and sentence-initial function words at the front
    while start < end and (
        toks[start].low in NAME_CONNECTORS
        or (toks[start].low in NOT_NAMES and toks[start].low not in DETERMINERS)
    ):
        start += 1
    return start


def _np_fwd(toks: list[Tok], j: int, hi: int) -> int:
    """End (exclusive) of the noun phrase starting at ``j``; ``j`` if none."""
    k = j
    if k < hi and toks[k].low in PRONOUNS and toks[k].q < 0:
        return k + 1
    if k < hi and toks[k].low in DETERMINERS:
        k += 1
    end = j
    while k < hi:
        t = toks[k]
        if _np_tok_ok(t) and t.low not in NOT_NAMES | {"the"}:
            k += 1
            end = k
            if t.low.endswith(("’s", "'s")):
                continue
        elif (
            t.word
            and t.text.islower()
            and t.low not in CUE_FORMS
            and not t.low.endswith("ed")
            and not any(x.cap for x in toks[j:k])
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
    if last.low in ORG_HEADS and b - a >= 2:
        return True
    return last.cap or last.low in SPEAKER_NOUNS or (last.low in ROLE_WORDS and b - a >= 2)


def _text(s: str, toks: list[Tok], a: int, b: int) -> str:
    return s[toks[a].start : toks[b - 1].end] if b > a else ""


def _role_from_appos(s: str, toks: list[Tok], a: int, b: int) -> str | None:
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
    return _text(s, toks, a, b) or None


def _make_ref(
    s: str, toks: list[Tok], a: int, b: int, appos: tuple[int, int] | None, unit: int
) -> Ref | None:
    if not _np_head_ok(toks, a, b):
        return None
    pos = toks[a].start
    last = toks[b - 1]
    if last.low in PRONOUNS:
        return Ref(last.low, None, "pronoun", unit, pos)
    role = _role_from_appos(s, toks, *appos) if appos else None
    titled = any(
        toks[k].low in ROLE_WORDS and toks[k + 1].low in {"of", "for", "at", "on"}
        for k in range(a, b - 1)
    )  # "CERN Director for Accelerators, Frédérick Bordry"
    if (
        (not last.cap or titled)
        and appos
        and 1 <= appos[1] - appos[0] <= 4
        and all(t.cap and t.low not in ORG_WORDS for t in toks[appos[0] : appos[1]])
    ):  # "his daughter, Claudette King, told ..."
        ra = a + 1 if toks[a].low in {"a", "an", "the"} else a
        return Ref(_text(s, toks, *appos), _text(s, toks, ra, b), "person", unit, pos)
    if not last.cap:  # "police", "a police representative", "Russian officials"
        name = _text(s, toks, a, b)
        if toks[a].low in DETERMINERS:
            name = toks[a].low + name[len(toks[a].text) :]
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
            post = _text(s, toks, k, b)
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
    name_a = r + 1 if r >= 0 else a
    while name_a < b and (toks[name_a].low in HONORIFICS or toks[name_a].low in DETERMINERS):
        name_a += 1
    if name_a >= b:  # "the President": a title alone
        name = _text(s, toks, a, b)
        if toks[a].low in DETERMINERS:
            name = toks[a].low + name[len(toks[a].text) :]
        return Ref(name, role, "group", unit, pos)
    name_toks = toks[name_a:b]
    if r >= 0:
        ra = a
        while ra <= r and toks[ra].low in DETERMINERS:
            ra += 1
        pre = _text(s, toks, ra, r + 1)
        if pre:
            role = role or pre + (" " + post if post else "")
    elif post and not role:
        role = toks[name_a - 1].text + " " + post if name_a > a else post
    org = any(t.low in ORG_WORDS for t in name_toks) or (
        len(name_toks) == 1 and name_toks[0].text.isupper() and len(name_toks[0].text) > 1
    )
    name = _text(s, toks, name_a, b)
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
        full = _text(s, toks, a, b) if r < 0 else name
        if toks[a].low in DETERMINERS and r < 0:
            full = toks[a].low + full[len(toks[a].text) :]
        return Ref(full, None, "group", unit, pos)
    return Ref(name, role, "person", unit, pos)


def _unit_subject(s: str, toks: list[Tok], hi: int, unit: int) -> Ref | None:
    j = 0
    if toks and (toks[0].low in INTRO_STARTERS or toks[0].low.endswith("ing")):
        for k in range(1, min(hi, 16)):
            if toks[k].text == ",":
                j = k + 1
                break
            if toks[k].q >= 0:
                break
    e = _np_fwd(toks, j, hi)
    if e <= j:
        return None
    appos = None
    if e < hi and toks[e].text == ",":
        for k in range(e + 1, min(hi, e + 16)):
            if toks[k].text == ",":
                appos = (e + 1, k)
                break
    return _make_ref(s, toks, j, e, appos, unit)


# --- one unit -------------------------------------------------------------------------


@dataclass(slots=True)
class _Cue:
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
        k -= 1
    if start < 0 or start >= a:
        return None
    words = {t.low for t in toks[start : j + 1]}
    roleish = bool(words & (ROLE_WORDS | KIN_WORDS | {"top", "senior", "former"})) or any(
        w.startswith("top-") for w in words
    )
    if not roleish:
        return None
    role = _text(s, toks, start + 1, j + 1)
    if start >= 2 and toks[start - 1].text == "," and toks[start - 2].q < 0:
        b = start - 1
        na = _np_back(toks, b, 0)
        if na < b - 1 and toks[b - 1].cap:
            ref = _make_ref(s, toks, na, b, None, unit)
            if ref is not None and ref.kind == "person":
                ref.role = ref.role or role
                return ref, na
        return None
    name = _text(s, toks, start, j + 1)
    return Ref(
        toks[start].low + name[len(toks[start].text) :], role, "desc", unit, toks[start].start
    ), start


def _find_cues(s: str, toks: list[Tok], unit: int) -> list[_Cue]:
    cues: list[_Cue] = []
    n = len(toks)
    subj: Ref | None = None
    subj_done = False
    for i, t in enumerate(toks):
        if t.q >= 0:
            continue
        low = t.low
        if low == "according" and i + 1 < n and toks[i + 1].low == "to":
            e = _np_fwd(toks, i + 2, n)
            appos = None
            if e < n and toks[e].text == ",":
                k = e + 1
                while k < n and toks[k].text not in {",", ".", ";"} and toks[k].q < 0:
                    k += 1
                if k > e + 1 and (k >= n - 1 or toks[k].text == ".") and i > 0:
                    appos = (e + 1, k)
            ref = _make_ref(s, toks, i + 2, e, appos, unit)
            if ref is None:  # "according to a new national poll": whatever source follows
                k = i + 2
                while (
                    k < n
                    and k < i + 14
                    and toks[k].q < 0
                    and toks[k].text not in _PUNCT_SEP | {"."}
                ):
                    k += 1
                if k - (i + 2) >= 2 and (k >= n - 1 or toks[k].text in {",", ".", ";"}):
                    e = k
                    name = _text(s, toks, i + 2, e)
                    if toks[i + 2].low in DETERMINERS:
                        name = toks[i + 2].low + name[len(toks[i + 2].text) :]
                    ref = Ref(name, None, "group", unit, toks[i + 2].start)
            if ref:
                cues.append(_Cue(i, i + 2, "according to", ref, i, appos[1] if appos else e, "inv"))
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
            a = _np_back(toks, j + 1, 0) if j >= 0 else j + 1
            ref = _make_ref(s, toks, a, j + 1, None, unit) if a <= j else None
            if ref is None and prev is not None and (prev.text == "," or low == "calling"):
                ref = cues[-1].ref if cues else _unit_subject(s, toks, i, unit)
                a = i
            if ref is not None:
                cues.append(_Cue(i, i + 2, "call " + toks[i + 1].low, ref, a, i + 2, "back"))
            continue
        base = CUE_FORMS.get(low)
        if base is None or not t.text[:1].islower():
            continue
        prev = toks[i - 1] if i else None
        if prev is not None and prev.q < 0:
            if low in _NOUNISH_CUES and (
                prev.low in DETERMINERS or prev.low.endswith(("’s", "'s"))
            ):
                continue
            if prev.low in PASSIVE and not low.endswith("ing"):
                continue
            if prev.low in {"to", "the", "a", "an"} and low != "saying":
                continue
        # "member states", "a battleground state": the noun, unless a clause follows
        if low in {"state", "states"} and (
            i + 1 < n and toks[i + 1].low != "that" and toks[i + 1].text not in {":", "."}
        ):
            continue
        # "say"/"tell" after a modal or "to" ("will say") is not a report
        if low in _BARE_FORMS and prev is not None and prev.low in _MODALS:
            continue
        # speaker before the cue
        j = i - 1
        while j >= 0 and toks[j].low in AUX and toks[j].q < 0 and not toks[j].cap:
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
                subj = _unit_subject(s, toks, i, unit)
                subj_done = True
            if subj is None or subj.name.split()[-1].lower() in MEDIUM_NOUNS:
                continue
            ref = subj
            mode = "subj"
            r0 = i
        elif j >= 0 and toks[j].low == "who" and j >= 1 and toks[j - 1].text == ",":
            j -= 1
            a = _np_back(toks, j, 0)
            ref = _make_ref(s, toks, a, j, None, unit)
            r0 = a
        elif j >= 0 and toks[j].text == "," and not low.endswith("ing"):
            k = j - 1
            while k >= 0 and toks[k].text not in {",", ";", ":"} and toks[k].q < 0 and j - k < 16:
                k -= 1
            if k >= 0 and toks[k].text == ",":
                a = _np_back(toks, k, 0)
                ref = _make_ref(s, toks, a, k, (k + 1, j), unit)
                r0 = a
        elif j >= 0:
            a = _np_back(toks, j + 1, 0)
            if a <= j:
                ref = _make_ref(s, toks, a, j + 1, None, unit)
                r0 = a
            long = _long_description(s, toks, a if a <= j else j + 1, j, unit)
            if long is not None:
                ref, r0 = long
        r1 = i + 1
        if (
            ref is None
            and prev is not None
            and (low in _ING_OK or prev.low in {"and", "but"})
            and (prev.text == "," or prev.low in {"and", "but"} or low.endswith("ing"))
        ):
            if cues:
                ref = cues[-1].ref
            else:
                if not subj_done:
                    subj = _unit_subject(s, toks, i, unit)
                    subj_done = True
                ref = subj
            mode = "subj"
            r0 = i - 1 if prev is not None and prev.text == "," else i
        if ref is None and (prev is None or prev.q >= 0 or prev.text in _PUNCT_SEP):
            e = _np_fwd(toks, i + 1, n)
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
            ref = _make_ref(s, toks, i + 1, e, appos, unit)
            if ref is not None:
                mode = "inv"
                r0 = i
                r1 = e
                if appos and _role_from_appos(s, toks, *appos):
                    r1 = appos[1]
        if ref is None:
            continue
        if (
            ref.kind == "group"
            and base in {"call", "find", "show"}
            and ref.name.split()[-1].lower() not in SPEAKER_NOUNS | ORG_WORDS
        ):
            continue
        cues.append(_Cue(i, i + 1, base, ref, r0, r1, mode))
    return cues


def _skip_adjuncts(toks: list[Tok], j: int, hi: int, hearer: bool) -> int:
    if hearer and j < hi and toks[j].q < 0 and toks[j].low not in PRONOUNS:
        if toks[j].low in _HEARER_OBJECTS:
            j += 1
        else:
            e = _np_fwd(toks, j, hi)
            if e > j:
                j = e
            elif toks[j].low in DETERMINERS:
                k = j + 1
                while (
                    k < hi
                    and k < j + 4
                    and toks[k].word
                    and toks[k].low not in {"that", "he", "she", "they"}
                ):
                    k += 1
                j = k
        if j < hi and toks[j].low == "to":
            return j  # "told them to stay": an infinitive, not a place
    while j < hi and toks[j].q < 0:
        low = toks[j].low
        if low in _TIME_WORDS:
            j += 1
        elif low in PREPOSITIONS:
            k = j + 1
            if k < hi and toks[k].low in DETERMINERS:
                k += 1
            c = 0
            while (
                k < hi
                and c < 4
                and toks[k].word
                and toks[k].low not in DETERMINERS
                and toks[k].low not in PRONOUNS
                and toks[k].low != "that"
            ):
                k += 1
                c += 1
            if c == 0:
                break
            j = k
        else:
            break
    return j


def _clause_end(toks: list[Tok], a: int, hi: int) -> int:
    k = a
    while k < hi:
        t = toks[k]
        if t.text in {";", "(", ")"}:
            return k
        if (
            t.text in {",", "—", "–"}
            and k + 1 < hi
            and (toks[k + 1].low in CLAUSE_BREAKS or toks[k + 1].low == "according")
        ):
            return k
        k += 1
    while k > a and toks[k - 1].q < 0 and not toks[k - 1].word:
        k -= 1
    return k


def _analyze_unit(
    s: str, toks: list[Tok], spans: list[Span], unit: int, para: int, out: list[Raw]
) -> tuple[set[int], Ref | None]:
    """Append the unit's statements to ``out``; return the quote spans used and last speaker."""
    used: set[int] = set()
    n = len(toks)
    cues = _find_cues(s, toks, unit)
    last: Ref | None = None

    def add(kind: str, text: str, cue: str, ref: Ref, order: int) -> None:
        text = text.strip().rstrip(",").strip()
        if kind != "indirect" and is_title(text) and (kind == "mixed" or " " in text):
            return
        if text:
            out.append(Raw(para, unit, order, kind, text, cue, ref))

    def quote_text(tok: Tok) -> str:
        sp = spans[tok.q]
        return s[sp.inner_start : sp.inner_end]

    for ci, c in enumerate(cues):
        hi = cues[ci + 1].r0 if ci + 1 < len(cues) and cues[ci + 1].r0 > c.r1 else n
        cue_word = c.base if c.base == "according to" else toks[c.i].text
        if c.base.startswith("call "):
            cue_word = toks[c.i].text + " " + toks[c.i + 1].text
        got = False
        # quotations right before the attribution: '"...," X said' / '"...," said X'
        k = c.r0 - 1
        while k >= 0 and toks[k].q < 0 and toks[k].text in _PUNCT_SEP:
            k -= 1
        lo_prev = cues[ci - 1].r1 if ci else 0
        if k >= lo_prev and toks[k].q >= 0 and c.base not in WEAK_VERBS:
            m = k
            while m >= lo_prev and (toks[m].q >= 0 or toks[m].text in _PUNCT_SEP):
                m -= 1
            if m < lo_prev or toks[m].q >= 0 or m == k:
                for q in range(max(m + 1, 0), k + 1):
                    if toks[q].q >= 0 and toks[q].q not in used:
                        used.add(toks[q].q)
                        add("direct", quote_text(toks[q]), cue_word, c.ref, toks[q].start)
                        got = True
        # after the attribution
        j = _skip_adjuncts(toks, c.r1, hi, c.base in HEARER_VERBS)
        sep = j < hi and toks[j].text in {":", ",", "—", "–"}
        jj = j + 1 if sep else j
        if sep and toks[j].text == ":" and jj >= n:
            last = c.ref  # "The Times reports:" and the quotation follows in the next paragraph
            continue
        if jj < hi and toks[jj].q >= 0 and c.base not in WEAK_VERBS:
            # '"A," he said, "B."' / 'X said: "..."' / 'X told reporters "..."'
            m = jj
            while m < hi and (toks[m].q >= 0 or toks[m].text in _PUNCT_SEP or not toks[m].word):
                m += 1
            if m >= hi or sep:
                for q in range(jj, m):
                    if toks[q].q >= 0 and toks[q].q not in used:
                        used.add(toks[q].q)
                        add("direct", quote_text(toks[q]), cue_word, c.ref, toks[q].start)
                        got = True
                last = c.ref
                continue
        if got and (j >= hi or (sep and (jj >= hi or not toks[jj].word))):
            last = c.ref
            continue
        # reported speech after the cue
        a = jj if sep and toks[j].text == ":" else j
        if a < hi and toks[a].low == "that":
            a += 1
        elif a < hi and toks[a].low in _NOT_CLAUSE_START:
            a = hi  # "said before he died", "recalled of the hearing": no reported clause
        if c.mode != "inv" and a < hi and not (sep and toks[j].text == ","):
            b = _clause_end(toks, a, hi)
            qs = [t for t in toks[a:b] if t.q >= 0 and not is_title(quote_text(t))]
            nwords = sum(1 for t in toks[a:b] if t.word or t.q >= 0)
            # "called them relocation centres", "what police called a plot": a verdict
            verdict = c.base == "call" and (
                toks[a].low in _OBJ_PRONOUNS or (c.r0 > 0 and toks[c.r0 - 1].low == "what")
            )
            if verdict and not qs and nwords >= 3:
                add("indirect", _text(s, toks, a, b), cue_word, c.ref, toks[a].start)
                last = c.ref
                continue
            if c.base in QUOTE_ONLY_VERBS and not any(t.q >= 0 for t in toks[a : min(b, a + 6)]):
                continue
            if qs:
                for t in qs:
                    if t.q not in used:
                        used.add(t.q)
                        add("mixed", quote_text(t), cue_word, c.ref, t.start)
                last = c.ref
                continue
            needs_that = c.base not in CLAUSE_VERBS or toks[a].low in {"a", "an"}
            if c.base.startswith("call "):
                needs_that = False
            elif c.base in HEARER_VERBS and toks[a].low == "to" and a > c.r1 and c.mode != "inv":
                a = c.r1  # "told him to stay seated", "asked voters to wait"
                needs_that = False
                nwords = sum(1 for t in toks[a:b] if t.word or t.q >= 0)
            if needs_that and (a == 0 or toks[a - 1].low != "that"):
                continue
            if nwords >= 3 and c.base not in QUOTE_ONLY_VERBS:
                add("indirect", _text(s, toks, a, b), cue_word, c.ref, toks[a].start)
                last = c.ref
                continue
        # reported speech before the attribution: "The plan failed, officials said."
        if (j >= hi or not toks[j].word) and c.r0 > lo_prev and c.base not in QUOTE_ONLY_VERBS:
            e = c.r0
            while e > lo_prev and toks[e - 1].q < 0 and not toks[e - 1].word:
                e -= 1
            b0 = lo_prev
            if ci == 0 and toks and toks[0].low in INTRO_STARTERS:
                pass
            if e > b0 and not got:
                qs = [t for t in toks[b0:e] if t.q >= 0 and not is_title(quote_text(t))]
                nwords = sum(1 for t in toks[b0:e] if t.word or t.q >= 0)
                if qs:
                    for t in qs:
                        if t.q not in used:
                            used.add(t.q)
                            add("mixed", quote_text(t), cue_word, c.ref, t.start)
                    last = c.ref
                elif nwords >= 3:
                    text = _text(s, toks, b0, e)
                    if (
                        j + 2 < hi
                        and toks[j].text == ","
                        and toks[j + 1].word
                        and toks[j + 1].low not in CLAUSE_BREAKS
                        and not toks[j + 1].low.endswith("ing")
                        and toks[j + 1].low not in {"according", "who", "which", "whose", "where"}
                        and c.mode == "back"
                    ):  # "During his term, Mr. Ng said, crime fell": both halves
                        b1 = _clause_end(toks, j + 1, hi)
                        if b1 - (j + 1) >= 3 and not any(t.q >= 0 for t in toks[j + 1 : b1]):
                            text = text + ", " + _text(s, toks, j + 1, b1)
                    add("indirect", text, cue_word, c.ref, toks[b0].start)
                    last = c.ref
            # "According to X, the plan failed."
        if c.base == "according to" and c.r0 == 0 and j < hi and toks[j].text == ",":
            b = _clause_end(toks, j + 1, n)
            qs = [t for t in toks[j + 1 : b] if t.q >= 0]
            if qs:
                for t in qs:
                    if t.q not in used:
                        used.add(t.q)
                        add("mixed", quote_text(t), cue_word, c.ref, t.start)
            elif b - j > 3:
                add("indirect", _text(s, toks, j + 1, b), cue_word, c.ref, toks[j + 1].start)
            last = c.ref
        if got:
            last = c.ref
    return used, last


_SMALL = {"of", "the", "a", "an", "and", "or", "for", "to", "in", "on", "at", "with", "from", "by"}
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def is_title(text: str) -> bool:
    """A quoted title, name or nickname ("Escape to Witch Mountain"), not speech."""
    words = _TITLE_WORD.findall(text)
    if not words or len(words) > 10:
        return False
    if text.rstrip(" ,")[-1:] in ".!?" and len(words) > 6:
        return False
    caps = [w for w in words if w.lower() not in _SMALL]
    return bool(caps) and all(w[0].isupper() for w in caps)


def _speechlike(text: str) -> bool:
    return len(text.split()) >= 3


# --- the article ------------------------------------------------------------------------


def _collect(doc: Document) -> tuple[list[Raw], list[_Unit]]:
    raws: list[Raw] = []
    units: list[_Unit] = []
    prev_ref: Ref | None = None  # speaker of the previous unit, for continuations
    prev_unit = -10
    for para in doc.paragraphs:
        if para.kind != "body":
            continue
        s = para.text
        tm = _TRANSCRIPT.match(s)
        if tm and len(tm.group(2).split()) >= 3:  # "PENCE: Well, look, ..."
            name = tm.group(1).title()
            u = len(units)
            units.append(_Unit(para.index, s, 0))
            ref = Ref(name, None, "person", u, 0)
            text = tm.group(2).strip()
            if s[:1] in '"“' and text[-1:] in '"”' and text.count(text[-1]) % 2:
                text = text[:-1].rstrip()
            raws.append(Raw(para.index, u, 0, "direct", text, None, ref))
            prev_ref, prev_unit = ref, u
            continue
        spans = find_quotes(s)
        sm = _SIGNED.match(s, spans[-1].end) if spans and not s[: spans[0].start].strip() else None
        if sm and all(
            not s[x.end : y.start].strip() for x, y in zip(spans, spans[1:], strict=False)
        ):
            u = len(units)
            units.append(_Unit(para.index, s, 0))
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
            toks = _tokenize(s, a, b, spans)
            blank = s[a:b]
            for k in _spans_within(spans, a, b):
                sp = spans[k]
                blank = blank[: sp.start - a] + " " * (sp.end - sp.start) + blank[sp.end - a :]
            units.append(_Unit(para.index, blank, a))
            if not toks:
                continue
            before = len(raws)
            used, last = _analyze_unit(s, toks, spans, u, para.index, raws)
            qtoks = [t for t in toks if t.q >= 0 and t.q not in used]
            words = [t for t in toks if t.word]
            if (
                qtoks
                and len(raws) == before
                and not words
                and prev_ref is not None
                and prev_unit == u - 1
            ):
                # a unit that is only a quotation continues the previous speaker
                for t in qtoks:
                    sp = spans[t.q]
                    text = s[sp.inner_start : sp.inner_end].strip()
                    if _speechlike(text):
                        raws.append(Raw(para.index, u, t.start, "direct", text, None, prev_ref))
                        last = prev_ref
            if last is not None:
                prev_ref, prev_unit = last, u
    return raws, units


_PERSON_RUN = re.compile(r"\b[A-Z][\w’'-]*\.?(?:\s+(?:[A-Z][\w’'-]*\.?|de|van|von|bin|al))+")


_TRANSCRIPT = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(\S.*)$", re.S)
# "“...” ― Ana Ruiz": a quotation signed with a dash and a name, nothing else
_SIGNED = re.compile(r"\s*[―—–-]+\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})[.,]?\s*$")
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


def _strip_role(words: list[str]) -> tuple[list[str], list[str]]:
    r = -1
    for k, w in enumerate(words):
        lw = w.lower()
        if lw in ROLE_WORDS or lw in HONORIFICS or lw.endswith(("’s", "'s")):
            r = k
    return words[: r + 1], words[r + 1 :]


def _person_in(text: str, known: KnownNames | None) -> list[tuple[int, str]]:
    """(offset, full name) of person names in ``text``, and of the known short names."""
    found: list[tuple[int, str]] = []
    for m in _PERSON_RUN.finditer(text):
        pw = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
        if pw and pw.group(1).lower() in _PLACE_PREPS:
            continue  # "in Santa Monica"
        words = m.group(0).split()
        _, name = _strip_role(words)
        while name and name[0].lower() in NOT_NAMES:
            name = name[1:]
        if (
            len(name) < 2
            or any(w.lower().strip(".") in ORG_WORDS for w in name)
            or name[0] in _PLACE_FIRST
        ):
            continue
        if name[-1].endswith(("’s", "'s")):
            continue
        found.append((m.start(), " ".join(name).rstrip(".")))
    if known is not None:
        found.extend(known.find(text))
    found.sort()
    return found


def _split(text: str) -> list[str]:
    return text.split()


_PREFER_LAST_SPEAKER = True
_FEMALE = set(
    _split(
        "mrs ms miss aunt mother wife actress spokeswoman daughter sister queen princess"
        " grandmother chairwoman congresswoman businesswoman woman girl lady niece widow"
        " mum mom duchess"
    )
)
_MALE = set(
    _split(
        "mr uncle father husband actor spokesman son brother king prince grandfather chairman"
        " congressman businessman man boy nephew widower dad duke"
    )
)


_PRON_GENDER = {
    "he": "m",
    "his": "m",
    "him": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_GENDER_TOK = re.compile(r"[\w’'.-]+")
_CAP_BEFORE = re.compile(r"([A-Z][\w’'-]*)\s+$")


def _gender(name: str, idx: WordIndex) -> str | None:
    """'f'/'m' from a title or gendered role word right before the name, else from the
    pronouns that follow the name before any other proper noun ("X said her ...")."""
    key = ("gender", name)
    if key in idx.memo:
        return idx.memo[key]  # type: ignore[return-value]
    text = idx.text
    last = name.split()[-1]
    got = None
    first = name.split()[0].lower()
    if first in _FEMALE or first in _MALE:
        got = "f" if first in _FEMALE else "m"
    given = re.escape(" ".join(name.split()[:-1]))
    before = re.compile(r"(\w+)\.?\s+(?:" + given + r"\s+)?$")
    # find the surname first (a literal search), then look at the word before it
    for m in [] if got else idx.word_matches(last):
        bm = before.search(text, max(0, m.start() - 60), m.start())
        if bm is None:
            continue
        w = bm.group(1).lower()
        if w in _FEMALE:
            got = "f"
            break
        if w in _MALE:
            got = "m"
            break
    if got is None:
        votes = {"m": 0, "f": 0}
        own = set(name.split())
        # the full name, or the surname alone (not "John Lennon" for "Cynthia Lennon")
        for m in idx.word_matches(last, r"(?![’'])"):
            pre = _CAP_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if pre and pre.group(1) not in own:
                continue
            for k, t in enumerate(_GENDER_TOK.finditer(text, m.end(), m.end() + 160)):
                w = t.group(0)
                g = _PRON_GENDER.get(w.lower())
                if g:
                    votes[g] += 1
                    break
                if k >= 14 or (w[:1].isupper() and w not in own and k > 0):
                    break
        if votes["m"] != votes["f"]:
            got = "m" if votes["m"] > votes["f"] else "f"
    idx.memo[key] = got
    return got


def _named_after(head: str, idx: WordIndex) -> str | None:
    """The capitalised words after the first "the lawyer" in the text (once per word)."""
    key = ("after", head)
    if key not in idx.memo:
        m = re.search(r"(?i:\b" + re.escape(head) + r")\s+((?:[A-Z][\w’'-]+\s?){2,3})", idx.text)
        idx.memo[key] = m.group(1) if m else None
    return idx.memo[key]  # type: ignore[return-value]


# A pronoun's referent is looked for in at most this many characters before it in its
# own unit. Units are sentences (with quotations blanked) and far shorter; without a
# bound, a huge unit full of pronouns (one endless quoted exchange) took quadratic time.
PRONOUN_LOOKBACK = 2000


def _unit_people(
    k: int, units: list[_Unit], known: KnownNames, idx: WordIndex
) -> list[tuple[int, str]]:
    """``_person_in`` of a whole unit, once per unit (earlier units serve many pronouns)."""
    key = ("unit", str(k))
    if key not in idx.memo:
        idx.memo[key] = _person_in(units[k].text, known)
    return idx.memo[key]  # type: ignore[return-value]


def _resolve_pronoun(
    ref: Ref, before: list[Raw], units: list[_Unit], known: KnownNames, idx: WordIndex
) -> Ref | None:
    if ref.kind == "desc":
        after = _named_after(ref.name.split()[-1], idx)
        if after:
            name = after.split()
            if name[-1].endswith(("’s", "'s")):
                name[-1] = name[-1][:-2]
            if not any(w.lower() in ORG_WORDS for w in name):
                return Ref(" ".join(name), None, "person", ref.unit, ref.pos)
    if ref.name in {"he", "she"} or ref.kind == "desc":
        want = {"he": "m", "she": "f"}.get(ref.name)

        def fits(name: str) -> bool:
            g = _gender(name, idx)
            return want is None or g is None or g == want

        if _PREFER_LAST_SPEAKER:
            for r in reversed(before):
                if ref.unit - r.unit > 1:
                    break
                if r.ref.kind == "person" and fits(r.ref.name):
                    return r.ref
        u = ref.unit
        for back in range(4):
            k = u - back
            if k < 0:
                break
            if back == 0:  # only what precedes the pronoun in its own unit, near it
                cut = max(0, ref.pos - units[k].start)
                found = _person_in(units[k].text[max(0, cut - PRONOUN_LOOKBACK) : cut], known)
            else:
                found = _unit_people(k, units, known, idx)
            # the pronoun's own sentence: the nearest name; earlier ones: their subject
            for _, name in reversed(found) if back == 0 else found:
                if fits(name):
                    return Ref(name, None, "person", ref.unit, ref.pos)
        for r in reversed(before):
            if ref.unit - r.unit > 3:
                break
            if r.ref.kind == "person" and fits(r.ref.name):
                return r.ref
        return None
    if ref.name in {"they", "it"}:
        for r in reversed(before):
            if ref.unit - r.unit > 3:
                break
            if r.ref.kind == "group":
                return r.ref
    return None


_ORG_RUN = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w’'&.-]*){0,6}")
_ACRO = re.compile(r"\b[A-Z]{2,6}\b")


def _org_runs(idx: WordIndex) -> tuple[list[str], dict[str, int]]:
    """Capitalised runs of the text, and for each lower-cased word the first run of two
    words or more that holds it after its first word (once per article)."""
    key = ("org", "")
    if key not in idx.memo:
        runs = [m.group(0) for m in _ORG_RUN.finditer(idx.text)]
        first: dict[str, int] = {}
        for i, run in enumerate(runs):
            words = run.split()
            if len(words) >= 2:
                for w in words[1:]:
                    first.setdefault(w.lower(), i)
        idx.memo[key] = (runs, first)
    return idx.memo[key]  # type: ignore[return-value]


def _top_acronym(idx: WordIndex) -> tuple[str, int] | None:
    key = ("acro", "")
    if key not in idx.memo:
        counts: dict[str, int] = {}
        for m in _ACRO.finditer(idx.text):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
        idx.memo[key] = max(counts.items(), key=lambda kv: kv[1]) if counts else None
    return idx.memo[key]  # type: ignore[return-value]


def _resolve_org(ref: Ref, before: list[Raw], idx: WordIndex, units: list[_Unit]) -> Ref | None:
    """ "the auction house", "the agency", "the statement": the organisation named before."""
    words = ref.name.split()
    if len(words) < 2 or words[0].lower() not in {"the", "its"}:
        return None
    if any(w[:1].isupper() for w in words[1:]):
        return None  # "the Senate Intelligence Committee" is a name already
    head = words[-1].lower()
    if head in MEDIUM_NOUNS:  # "the statement said": whoever issued it, just before
        for r in reversed(before):
            if ref.unit - r.unit > 3:
                break
            if r.ref.name.split()[-1].lower() not in MEDIUM_NOUNS:
                return r.ref
        return None
    if head not in ORG_HEADS:
        return None
    for r in reversed(before):  # the last organisation quoted by name
        if ref.unit - r.unit > 6:
            break
        if r.ref.kind == "group" and r.ref.name[:1].isupper():
            return r.ref
    # "Rago Arts and Auction Center" for "the auction house": the first such run
    runs, first = _org_runs(idx)
    hits = [first[w.lower()] for w in words[1:] if w.lower() in first]
    if hits:
        return Ref(runs[min(hits)], None, "group", ref.unit, ref.pos)
    top = _top_acronym(idx)
    if top is not None and top[1] >= 3:
        return Ref(top[0], None, "group", ref.unit, ref.pos)
    return None


def extract_speakers(doc: Document) -> list[Speaker]:
    raws, units = _collect(doc)
    if not raws:
        return []
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
        full = _full_name_before(name, idx)
        if full is None:
            return name
        short_to_full[name] = full
        return full

    for r in raws:
        if r.ref.kind == "person" and len(r.ref.name.split()) >= 2:
            canonical(r.ref.name)
    # surnames of every full name in the text, for pronouns ("Lazar ... he said")
    doc_names: dict[str, str] = {}
    for _, full in _person_in(all_text, None):
        words = full.split()
        if any(w.lower() in NOT_NAMES or (w.endswith(".") and len(w) > 2) for w in words):
            continue  # "Julian. She": a sentence break, not a name
        doc_names.setdefault(words[-1], full)
    # 2. resolve each statement's speaker (the known names do not change meanwhile)
    known = KnownNames({**doc_names, **short_to_full})
    resolved: list[Raw] = []
    for r in raws:
        if r.ref.kind in {"pronoun", "desc"}:
            got = _resolve_pronoun(r.ref, resolved, units, known, idx)
            if got is None:
                if r.ref.kind == "pronoun":
                    continue
                got = Ref(r.ref.name, r.ref.role, "group", r.ref.unit, r.ref.pos)
            alias = r.ref.name if r.ref.kind == "desc" and got.kind == "person" else None
            r = Raw(r.para, r.unit, r.order, r.kind, r.text, r.cue, got, alias)
        elif r.ref.kind == "group":
            named = _resolve_org(r.ref, resolved, idx, units)
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
            name = _expand_acronym(ref.name, idx)
            key = re.sub(r"^(?:the|a|an) ", "", name.lower())
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
            sp.role = _role_in_doc(sp.name, idx)
        sp.statements.sort(key=lambda st: st.paragraph)
    order = sorted(speakers, key=lambda k: (-len(speakers[k].statements), firsts[k]))
    return [speakers[k] for k in order]


_CAPS_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\.?[ \t]+){1,5})$")


def _full_name_before(name: str, idx: WordIndex) -> str | None:
    """ "Ana Ruiz" for "Ruiz": the capitalised words before the first mention that has them."""
    key = ("full", name)
    if key in idx.memo:
        return idx.memo[key]  # type: ignore[return-value]
    got = None
    text = idx.text
    for nm in idx.word_matches(name):
        m = _CAPS_BEFORE.search(text, max(0, nm.start() - 90), nm.start())
        if m is None:
            continue
        _, first = _strip_role(m.group(1).split())
        while first and first[0].lower() in NOT_NAMES:
            first = first[1:]
        if (
            first
            and not any(w.lower().strip(".") in ORG_WORDS for w in first)
            and not first[-1].endswith(("’s", "'s"))
        ):
            got = " ".join([*first, name])
            break
    idx.memo[key] = got
    return got


_ACRONYM = re.compile(r"^(?:the )?([A-Z]{2,6})$")


def _spelled_out(acr: str, text: str) -> str | None:
    """The capitalised words right before the first "(ACR)" that has some."""
    pat = re.compile(
        r"((?:[A-Z][\w.&’'-]*\s+(?:(?:of|for|and|the|on|in)\s+)*){1,8})\(" + acr + r"\)"
    )
    lit = "(" + acr + ")"
    at = text.find(lit)
    while at >= 0:
        # a match holds no parenthesis before its "(ACR)": search only from the last one,
        # so this is re.search(pat, text) without reading the text once per acronym
        lo = max(text.rfind("(", 0, at), text.rfind(")", 0, at)) + 1
        m = pat.search(text, lo, at + len(lit))
        if m is not None:
            return m.group(1)
        at = text.find(lit, at + 1)
    return None


def _initials_index(idx: WordIndex) -> tuple[list[str], dict[str, int], dict[str, int]]:
    """Capitalised runs as names (once per article), with the first run having each string
    of initials, and each string of initials but the last."""
    key = ("initials", "")
    if key not in idx.memo:
        names: list[str] = []
        exact: dict[str, int] = {}
        plus_one: dict[str, int] = {}
        for i, x in enumerate(_CAP_RUN.finditer(idx.text)):
            words = [w for w in x.group(0).split() if w.lower() not in NOT_NAMES and w != "U.S."]
            initials = "".join(w[0] for w in words if w[0].isupper())
            names.append(" ".join(words))
            exact.setdefault(initials, i)
            if initials:
                plus_one.setdefault(initials[:-1], i)
        idx.memo[key] = (names, exact, plus_one)
    return idx.memo[key]  # type: ignore[return-value]


def _expand_acronym(name: str, idx: WordIndex) -> str:
    """ "the CDC" -> "Centers for Disease Control and Prevention" when the text spells it out."""
    m = _ACRONYM.match(name)
    if not m:
        return name
    acr = m.group(1)
    key = ("acronym", acr)
    if key in idx.memo:
        return idx.memo[key] or name  # type: ignore[return-value]
    got = None
    full = _spelled_out(acr, idx.text)
    if full is not None:
        words = [w for w in full.split() if w.lower() not in NOT_NAMES and w != "U.S."]
        initials = "".join(w[0] for w in words if w[0].isupper())
        if initials == acr or (len(initials) == len(acr) + 1 and initials.startswith(acr)):
            got = " ".join(words)
    if got is None:
        names, exact, plus_one = _initials_index(idx)
        i = min(exact.get(acr, len(names)), plus_one.get(acr, len(names)))
        if i < len(names):
            got = names[i]
    idx.memo[key] = got
    return got or name


_CAP_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|on)\s+)?[A-Z][\w’'-]*){1,6}")


_PRE_ROLE_TOKEN = re.compile(r"([\w.’'-]+)\s*$")


def _role_in_doc(name: str, idx: WordIndex) -> str | None:
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
