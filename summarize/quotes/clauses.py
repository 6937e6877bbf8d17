"""Stage 4: what each cue governs: the quotations next to it, or its reported clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chunks import Ref, np_fwd, span_text
from .cues import find_cues
from .lexicon import (
    CLAUSE_BREAKS,
    CLAUSE_VERBS,
    DETERMINERS,
    FINITE_VERBS,
    HEARER_VERBS,
    INTRO_STARTERS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_ONLY_VERBS,
    WEAK_VERBS,
    WEEKDAYS,
)
from .marks import Span
from .tokens import PUNCT_SEP, Tok

_HEARER_OBJECTS = {"him", "her", "them", "me", "us", "reporters", "journalists", "police"}


_TIME_WORDS = {
    "today",
    "yesterday",
    "tonight",
    *WEEKDAYS,
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


_SUBORDINATORS = {"when", "after", "while", "as", "because", "although", "though", "since", "if"}
_SUBORDINATORS |= {"before", "until", "once", "whereas"}
# words that open an adjunct between a cue and its "that" ("said without evidence that")
_ADJUNCT_OPENERS = {"without", "for", "by", "under", "on", "at", "in", "to", "with", "during"}


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


def _skip_adjuncts(toks: list[Tok], j: int, hi: int, hearer: bool) -> int:
    if hearer and j < hi and toks[j].q < 0 and toks[j].low not in PRONOUNS:
        if toks[j].low in _HEARER_OBJECTS:
            j += 1
        else:
            e = np_fwd(toks, j, hi)
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


_CONTRACTED = ("’re", "'re", "’ll", "'ll", "’ve", "'ve", "’d", "'d", "n’t", "n't")
_SUBJECT_OF = {"him": "he", "her": "she", "them": "they", "me": "I", "us": "we", "it": "it"}


_DANGLING = re.compile(r"(?:[\s,;]+(?:and|but|or|while|as))*[\s,;]*$")
_WH = {"why", "how", "what", "whether", "if", "where", "when", "who", "which"}
_SUBJECTS = ("he’", "he'", "she’", "she'", "they’", "they'", "i’", "i'", "we’", "we'", "it’", "it'")


def _has_verb(toks: list[Tok], a: int, b: int) -> bool:
    """Whether a clause reported without "that" has a verb: a finite or infinitive one, or
    a word in -ed or -s after its first word ("the city ignored ...", "Russia wants ...");
    "the plan on Friday" has none (the cue took an object, not a clause)."""
    if a < b and (toks[a].low in PRONOUNS | _WH or toks[a].low.startswith(_SUBJECTS)):
        return True  # "they want more", "I agree", "he’d support", "why she forgave him"
    for k in range(a, b):
        t = toks[k]
        if (
            t.q >= 0
            or t.low in FINITE_VERBS
            or t.low == "to"
            or (t.low.endswith(_CONTRACTED) and k > a)
        ):
            return True
        if (
            k > a
            and t.word
            and t.text.islower()
            and t.low.endswith(("ed", "s"))
            and toks[k - 1].low not in DETERMINERS
            and not toks[k - 1].low.endswith(("’s", "'s"))
        ):  # not "the company's channels"
            return True
    return False


# What is refused when "deny" means "refuse to grant" ("denied the request", "denied him
# bail"), not "say it is untrue" ("denied the charges", "denied any wrongdoing").
_REFUSALS = {
    "request",
    "requests",
    "access",
    "permission",
    "entry",
    "bail",
    "visa",
    "visas",
    "permit",
    "permits",
    "application",
    "applications",
    "asylum",
    "parole",
    "admission",
}


def _refused(toks: list[Tok], a: int, b: int) -> bool:
    """Whether what "deny" takes is something refused: a request or a permission as the
    object's head noun ("CNN's request to speak with her", "him bail", "a permit for the
    march"), before any verb of a clause ("denied the request was ever made" is a clause)."""
    for k in range(a, min(b, a + 5)):
        t = toks[k]
        if t.q >= 0 or not t.word or t.low in FINITE_VERBS:
            return False
        if t.low in _REFUSALS:
            return not (k + 1 < b and toks[k + 1].low in FINITE_VERBS)
    return False


def accusation(s: str, toks: list[Tok], a: int, b: int) -> str | None:
    """ "accused Ann Lee of deliberately hiding the report" -> "Ann Lee has been deliberately
    hiding the report"; None when no "of" + gerund follows the accused."""
    k = next((k for k in range(a + 1, min(b, a + 12)) if toks[k].low == "of"), -1)
    if k < 0 or k + 1 >= b:
        return None
    g = k + 1
    if toks[g].low.endswith("ly") and g + 1 < b:
        g += 1
    if not toks[g].low.endswith("ing"):
        return None
    who = span_text(s, toks, a, k)
    who = _SUBJECT_OF.get(who.lower(), who)
    plural = who.lower() in {"they", "we"} or (toks[k - 1].text.islower() and who.endswith("s"))
    if toks[g].low in {"being", "having"}:  # "of being a liar": "X is a liar"
        be = {"being": "are" if plural else "is", "having": "have" if plural else "has"}
        rest = span_text(s, toks, g + 1, b)
        pre = span_text(s, toks, k + 1, g) + " " if g > k + 1 else ""
        return f"{who} {pre}{be[toks[g].low]} {rest}"
    be = "have been" if plural or who == "I" else "has been"
    return f"{who} {be} {span_text(s, toks, k + 1, b)}"


def _list_items(toks: list[Tok], a: int, hi: int, colon: bool) -> list[tuple[int, int]]:
    """The items of a list after a colon: "said three things: that A, that B and that C",
    "listed its reasons: A; B; C" (``colon`` when the colon came right after the cue).
    Each item is a token range; none when the clause is not such a list."""
    p = a - 1 if colon else -1
    if not colon:
        for k in range(a, min(hi, a + 6)):
            t = toks[k]
            if t.text == ":":
                p = k
                break
            if t.q >= 0 or not t.word or t.low in FINITE_VERBS or t.low in PRONOUNS | {"that"}:
                return []  # "said the crossing would resume: ...": a clause before the colon
        if p <= a:
            return []
    end = hi
    while end > p + 1 and toks[end - 1].q < 0 and not toks[end - 1].word:
        end -= 1
    if any(t.q >= 0 for t in toks[p + 1 : end]):
        return []
    cuts = []
    for k in range(p + 1, end):
        t = toks[k]
        if t.text == ";":
            cuts.append((k, k + 1))
        elif (
            t.low == "that"
            and k > p + 2
            and (toks[k - 1].text == "," or (toks[k - 1].low == "and" and toks[k - 2].word))
        ):
            cuts.append((k - 1, k))
    if not cuts or (colon and not any(toks[x].text == ";" for x, _ in cuts)):
        return []
    items = []
    x = p + 1
    for c0, c1 in [*cuts, (end, end)]:
        y = c0
        while x < y and toks[x].low in {"that", "and"}:
            x += 1
        if y - x >= 3:
            items.append((x, y))
        x = c1
    return items if len(items) >= 2 else []


_ADJUNCT_FIRST = PREPOSITIONS | DETERMINERS | _HEARER_OBJECTS | _ADJUNCT_OPENERS


def _that_after_adjunct(toks: list[Tok], a: int, hi: int) -> int:
    """The "that" opening the reported clause after a longer adjunct: "said in one of a
    series of posts on Friday that ...", "told a crowd of supporters in Ohio that ...";
    ``a`` itself when words other than an adjunct's come first."""
    first = toks[a] if a < hi else None
    if first is None or not (
        first.low in _ADJUNCT_FIRST or (first.low.endswith("ly") and first.text.islower())
    ):
        return a
    for k in range(a, min(hi, a + 14)):
        t = toks[k]
        if t.low == "that":
            nxt = toks[k + 1] if k + 1 < hi else None
            subject = nxt is not None and (
                nxt.low in PRONOUNS
                or nxt.low in DETERMINERS
                or nxt.low == "there"
                or nxt.cap
                or nxt.text[:1].isdigit()
            )  # "that the plan failed", not "a measure that would ..."
            return k if k > a and subject and toks[k - 1].text != "," else a
        if t.q >= 0 or not t.word or t.low in FINITE_VERBS or t.low in PRONOUNS:
            return a
    return a


def clause_end(toks: list[Tok], a: int, hi: int) -> int:
    k = a
    while k < hi:
        t = toks[k]
        if t.text in {";", "(", ")"}:
            break
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


def analyze_unit(
    s: str,
    toks: list[Tok],
    spans: list[Span],
    unit: int,
    para: int,
    out: list[Raw],
    colon: list[tuple[Ref, str]] | None = None,
) -> tuple[set[int], Ref | None]:
    """Append the unit's statements to ``out``; return the quote spans used and last speaker.
    A cue ending the unit with a colon ("The council said:") is appended to ``colon``."""
    used: set[int] = set()
    n = len(toks)
    cues = find_cues(s, toks, unit)
    last: Ref | None = None

    def add(kind: str, text: str, cue: str, ref: Ref, order: int) -> None:
        text = _DANGLING.sub("", text.strip())
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
        if c.i == 0 and c.mode == "subj":
            cue_word = cue_word.lower()  # "Noting that ..., Piet Vos asked": "noting"
        if c.base.startswith("call "):
            cue_word = toks[c.i].text + " " + toks[c.i + 1].text
        got = False
        n_out = len(out)
        # the cue opens the unit ("Noting that ...,") or sits in an opening subordinate
        # clause ("When Ann Lee said that ...,"): what is said ends at that clause's comma
        opening = c.i == 0 or (
            bool(toks)
            and toks[0].low in _SUBORDINATORS
            and not any(t.text == "," and t.q < 0 for t in toks[: c.r0])
        )
        # quotations right before the attribution: '"...," X said' / '"...," said X'
        k = c.r0 - 1
        while k >= 0 and toks[k].q < 0 and toks[k].text in PUNCT_SEP:
            k -= 1
        lo_prev = cues[ci - 1].r1 if ci else 0
        if k >= lo_prev and toks[k].q >= 0 and c.base not in WEAK_VERBS:
            m = k
            while m >= lo_prev and (toks[m].q >= 0 or toks[m].text in PUNCT_SEP):
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
        if (
            not sep
            and c.mode != "inv"
            and n - 1 - j <= 5
            and toks[n - 1].text == ":"
            and all(t.word and t.low not in FINITE_VERBS for t in toks[j : n - 1])
        ):  # "The council explained its decision:", the list in the next paragraphs
            sep, j, jj = True, n - 1, n
        if sep and toks[j].text == ":" and jj >= n:
            last = c.ref  # "The Times reports:" and the quotation follows in the next paragraph
            if colon is not None:
                colon.append((c.ref, cue_word))
            continue
        if jj < hi and toks[jj].q >= 0 and c.base not in WEAK_VERBS:
            # '"A," he said, "B."' / 'X said: "..."' / 'X told reporters "..."'
            m = jj
            while m < hi and (toks[m].q >= 0 or toks[m].text in PUNCT_SEP or not toks[m].word):
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
        if c.mode != "inv" and a < hi and toks[a].low != "that":
            a = _that_after_adjunct(toks, a, hi)
        if a < hi and toks[a].low == "that":
            a += 1
            if ci + 1 < len(cues) and cues[ci + 1].r0 == a:
                # "told MSNBC that the announcement suggested a plot": the cue inside
                # the clause is part of what was said
                hi = cues[ci + 2].r0 if ci + 2 < len(cues) and cues[ci + 2].r0 > a else n
        elif a < hi and toks[a].low in _NOT_CLAUSE_START:
            a = hi  # "said before he died", "recalled of the hearing": no reported clause
        if c.mode != "inv" and a < hi and not (sep and toks[j].text == ","):
            items = _list_items(toks, a, hi, colon=sep and toks[j].text == ":")
            if items and c.base not in QUOTE_ONLY_VERBS:
                # "gave three reasons: the pier is unsafe; repairs cost more; ...": each item
                for x, y in items:
                    add("indirect", span_text(s, toks, x, y), cue_word, c.ref, toks[x].start)
                last = c.ref
                continue
            b = clause_end(toks, a, hi)
            if opening:  # "When Ann Lee said that X, the board ...": X ends at the comma
                b = next((k for k in range(a, b) if toks[k].text == "," and toks[k].q < 0), b)
            qs = [t for t in toks[a:b] if t.q >= 0 and not is_title(quote_text(t))]
            nwords = sum(1 for t in toks[a:b] if t.word or t.q >= 0)
            # "called them relocation centres", "what police called a plot": a verdict
            verdict = c.base == "call" and (
                toks[a].low in _OBJ_PRONOUNS or (c.r0 > 0 and toks[c.r0 - 1].low == "what")
            )
            if verdict and not qs and nwords >= 3:
                add("indirect", span_text(s, toks, a, b), cue_word, c.ref, toks[a].start)
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
            elif toks[a].low in _WH | {"whether"} and c.base not in WEAK_VERBS:
                needs_that = False  # "asked Rubio which states he could win", "explained why"
            elif c.base in HEARER_VERBS and toks[a].low == "to" and a > c.r1 and c.mode != "inv":
                a = c.r1  # "told him to stay seated", "asked voters to wait"
                needs_that = False
                nwords = sum(1 for t in toks[a:b] if t.word or t.q >= 0)
            if needs_that and (a == 0 or toks[a - 1].low != "that"):
                continue
            bare = not needs_that and (a == 0 or toks[a - 1].low != "that")
            text = accusation(s, toks, a, b) if bare and c.base == "accuse" else None
            if text is not None:  # "accused X of Y": X has been (doing) Y
                add("indirect", text, cue_word, c.ref, toks[a].start)
                last = c.ref
                continue
            # "announced the plan on Friday", "charged the driver": an object, no clause
            clause = not bare or c.base == "accuse" or _has_verb(toks, a, b)
            if bare and c.base == "deny" and _refused(toks, a, b):
                clause = False  # "denied CNN's request to speak with her": a refusal
            if nwords >= 3 and c.base not in QUOTE_ONLY_VERBS and clause:
                add("indirect", span_text(s, toks, a, b), cue_word, c.ref, toks[a].start)
                last = c.ref
                continue
            if nwords >= 3 and not clause:
                last = c.ref  # no statement, but a quotation next still continues this speaker
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
                    text = span_text(s, toks, b0, e)
                    if (
                        j + 2 < hi
                        and toks[j].text == ","
                        and toks[j + 1].word
                        and toks[j + 1].low not in CLAUSE_BREAKS
                        and not toks[j + 1].low.endswith("ing")
                        and toks[j + 1].low not in {"according", "who", "which", "whose", "where"}
                        and c.mode == "back"
                    ):  # "During his term, Mr. Ng said, crime fell": both halves
                        b1 = clause_end(toks, j + 1, hi)
                        if b1 - (j + 1) >= 3 and not any(t.q >= 0 for t in toks[j + 1 : b1]):
                            text = text + ", " + span_text(s, toks, j + 1, b1)
                    add("indirect", text, cue_word, c.ref, toks[b0].start)
                    last = c.ref
            # "According to X, the plan failed."
        lead = c.r0 - lo_prev
        if c.r0 > lo_prev and toks[lo_prev].text == "(":
            lead -= 1
        as_said = lead == 1 and toks[c.r0 - 1].low == "as" and c.mode == "back"
        if (
            (c.base == "according to" or as_said)
            and (
                lead == 0
                or as_said
                or (lead <= 4 and toks[c.r0 - 1].text == "," and len(out) == n_out)
            )
            and j + 1 < hi
            and toks[j].text == ","
            and toks[j + 1].low not in CLAUSE_BREAKS | {"and", "or"}
        ):  # "According to X, the plan failed."; "In addition, according to X, ..."
            b = clause_end(toks, j + 1, n)
            qs = [t for t in toks[j + 1 : b] if t.q >= 0]
            if qs:
                for t in qs:
                    if t.q not in used:
                        used.add(t.q)
                        add("mixed", quote_text(t), cue_word, c.ref, t.start)
            elif b - j > 3:
                add("indirect", span_text(s, toks, j + 1, b), cue_word, c.ref, toks[j + 1].start)
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
