"""Sentence compression for key points: drop what the point survives without.

Rules, each deleting a span of the article's own words (never adding any):
attribution tails (", police said Tuesday."), "according to" tails, parentheticals,
dashed asides, non-restrictive relative clauses (", who ... ,") and lead-in phrases
("In a statement on Tuesday, ..."). Compression is applied only to sentences over the
target length (cutting short ones cost ROUGE on the dev set), rule by rule, stopping as
soon as the sentence fits. Also: sub-heading -> plain sentence, and the pronoun fix.
"""

from __future__ import annotations

import re

TARGET_WORDS = 25
HARD_CAP = 30

_SAY = r"(?:said|says|told [\w ]{1,30}?|reported|reports|added|explained|claimed|claims|stated)"
_WHEN = r"(?: (?:on |last |this |early |late )?[A-Z][a-z]+day(?: (?:night|morning|evening))?)?"
# ", a Saudi official said Saturday." / ", police said." / ", he told CNN on Monday."
_ATTRIB_TAIL = re.compile(
    r"(?<![\"”’']), (?:[\w'’.-]+ ){0,7}?"
    + _SAY
    + _WHEN
    + r"(?:, according to [^,.]{1,60})?(?=[.!?][\"”’']?$)"
)
_ACCORDING_TAIL = re.compile(r",? according to [^,]{1,80}?(?=[.!?][\"”’']?$)")
_PAREN = re.compile(r" \([^()]{1,80}\)")
_DASHED = re.compile(r" (?:--|—|–) [^-—–]{1,100}? (?:--|—|–)(?= )")
_DASH_TAIL = re.compile(r" (?:--|—|–) [^-—–]{1,100}?(?=[.!?][\"”’']?$)")
_RELATIVE = re.compile(r", (?:who|which|whose|where) [^,;\"“”]{3,100}?,(?= )")
_LEAD_IN = re.compile(
    r"^(?:(?:In|On|At|After|During|Before|Since|Following|Earlier|Later|Last|This|Meanwhile|"
    r"However|But|And|Now|Yet|Still|Also|Instead|Separately|Previously|Elsewhere|Despite)\b"
    r"[^,;\"“”]{0,60}?, )(?=[A-Za-z\"“])"
)
# ", escalating tensions amid ..." at the end: a participle clause adding colour.
_PARTICIPLE_TAIL = re.compile(r"(?<![0-9]), (?:[a-z]+ly )?[a-z]{3,}ing\b[^;\"“”]{0,120}?(?=[.!?]$)")
_CONNECTIVE = re.compile(r"^(?:But|And|However|Meanwhile|Still|Yet|So|Also),? (?=[A-Za-z])")


def n_words(text: str) -> int:
    return len(text.split())


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = re.sub(r",([.!?])", r"\1", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def _cut(pattern: re.Pattern[str], text: str, min_left: int = 6) -> str:
    out = pattern.sub("", text)
    return out if n_words(out) >= min_left else text


# Ordered from the least to the most meaning-bearing deletion.
_RULES: tuple[re.Pattern[str], ...] = (
    _CONNECTIVE,
    _PAREN,
    _DASHED,
    _ACCORDING_TAIL,
    _ATTRIB_TAIL,
    _LEAD_IN,
    _RELATIVE,
    _PARTICIPLE_TAIL,
    _DASH_TAIL,
)


def compress(sentence: str, target: int = TARGET_WORDS) -> str:
    """Shorten ``sentence`` rule by rule until it has at most ``target`` words."""
    text = sentence.strip()
    for rule in _RULES:
        if n_words(text) <= target:
            break
        # Quotation marks must stay balanced: never cut inside or across a quote.
        cut = _cut(rule, text)
        if cut != text and _quotes_balanced(cut):
            text = _tidy(cut)
    return text


def _quotes_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


# Where a sentence may end early: before a coordinated or subordinate clause.
_CLAUSE_BREAK = re.compile(
    r"(?:; |:(?= )|,? (?:--|—|–) |, (?:and|but|while|as|with|which|who|after|before|amid|"
    r"prompting|leaving|saying|adding|including|although|though|despite|because|since|until)\b"
    r"| (?:when|after|before|because|despite|while|although|though|since|until|amid|"
    r"following|as part of|in order to|but|so that|where|whereas|as well as|in an? \w+ to)\b)"
)


def clip(text: str, cap: int = HARD_CAP, min_words: int = 8) -> str | None:
    """``text`` ended at its last clause break that leaves at most ``cap`` words."""
    best = None
    for m in _CLAUSE_BREAK.finditer(text):
        head = text[: m.start()]
        n = n_words(head)
        if n > cap:
            break
        if n >= min_words and _quotes_balanced(head):
            best = head
    if best is None:
        return None
    return _tidy(best.rstrip(",;:— ") + ".")


_PHRASE_BREAK = re.compile(
    r" (?=(?:on|in|at|for|with|from|to|during|near|over|under|into|after|before|by|as|and|or|"
    r"that|who|which|when|while|amid|across|against|between|through|than|because|if)\b)"
)


def cut_at_phrase(text: str, cap: int = HARD_CAP, min_words: int = 10) -> str | None:
    """Last resort for the hard cap: end ``text`` before a phrase, marked with an ellipsis."""
    best = None
    for m in _PHRASE_BREAK.finditer(text):
        head = text[: m.start()]
        n = n_words(head)
        if n > cap - 1:
            break
        if n >= min_words and _quotes_balanced(head):
            best = head
    if best is None:
        return None
    return best.rstrip(",;:—- ") + " …"


def drop_tails(sentence: str) -> str:
    """Drop ", police said Tuesday." / ", according to ..." tails (they helped ROUGE)."""
    text = sentence
    for rule in (_ACCORDING_TAIL, _ATTRIB_TAIL):
        cut = _cut(rule, text)
        if cut != text and _quotes_balanced(cut):
            text = _tidy(cut)
    return text


def shorten(sentence: str, target: int = TARGET_WORDS, cap: int = HARD_CAP) -> str | None:
    """The point for ``sentence``: itself if short, else compressed, else cut at a clause
    break, else at a phrase break; None if nothing readable fits within ``cap`` words."""
    sentence = drop_tails(sentence)
    if n_words(sentence) <= target:
        return sentence
    short = compress(sentence, target)
    if n_words(short) <= cap:
        return short
    return clip(short, cap) or cut_at_phrase(short, cap)


_HEADING_CLAIM = re.compile(r"^(?P<subj>[^:]{2,40}?):\s+(?P<pred>[^:]{3,80})$")
_PLURAL_SUBJ = re.compile(r"\band\b|[^s']s$", re.I)


def heading_to_sentence(heading: str, proper_words: set[str]) -> str | None:
    """ "Crimea: The Core Sticking Point" -> "Crimea is the core sticking point".

    Only "Subject: Predicate" headings become points; words of the predicate are
    lower-cased unless the article capitalises them mid-sentence (names keep capitals).
    """
    m = _HEADING_CLAIM.match(heading.strip().rstrip("."))
    if not m:
        return None
    subj, pred = m.group("subj").strip(), m.group("pred").strip()
    if n_words(pred) > 12 or n_words(subj) > 5:
        return None
    pred_words = [w if w.strip(".,'’\"") in proper_words else w.lower() for w in pred.split()]
    verb = "are" if _PLURAL_SUBJ.search(subj) and not subj.endswith("ss") else "is"
    return f"{subj} {verb} {' '.join(pred_words)}."


_PRONOUN = re.compile(r"^(He|She|His|Her)\b(?!['’])")
_CAP = r"[A-Z][a-z'’-]+"
_NAME_SEQ = _CAP + r"(?: " + _CAP + r"){0,2}"
_SPEECH_VERB = r"(?:said|says|told|added|explained|wrote|insisted|argued|warned|claimed)"
_SPEAKER_BEFORE = re.compile(r"(?<![\w'’])(" + _NAME_SEQ + r") " + _SPEECH_VERB + r"\b")
_SPEAKER_AFTER = re.compile(r"\b(?:said|says) (" + _NAME_SEQ + r")\b")
_MULTI_NAME = re.compile(r"(?<![\w'’])(" + _CAP + r"(?: " + _CAP + r"){1,2})\b")
_QUOTE_SPAN = re.compile(r"[\"“][^\"“”]*[\"”]")
_NOT_NAME = {
    "The", "A", "An", "In", "On", "At", "But", "And", "This", "That", "It", "He", "She",
    "They", "We", "I", "His", "Her", "Their", "Its", "When", "While", "After", "As", "If",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "President", "Officer",
}  # fmt: skip


def _clean_name(name: str) -> str | None:
    parts = [p for p in name.split() if p not in _NOT_NAME]
    return " ".join(parts) if parts else None


def _referent(prev: str) -> str | None:
    """The person a following He/She most likely means, from the sentence before it."""
    outside = _QUOTE_SPAN.sub(" ", prev)
    for pat in (_SPEAKER_BEFORE, _SPEAKER_AFTER):
        m = pat.search(outside)
        if m and (name := _clean_name(m.group(1))):
            return name
    names = {n for n in (_clean_name(x) for x in _MULTI_NAME.findall(outside)) if n}
    names = {n for n in names if " " in n}
    return names.pop() if len(names) == 1 else None


def resolve_pronoun(point: str, previous: list[str]) -> str:
    """Replace a leading He/She/His/Her with the person named just before it.

    The referent is the speaker ("X said") or the one multi-word name of the sentence
    right before; when that is ambiguous or missing, the point is left as it is.
    """
    m = _PRONOUN.match(point)
    if not m or not previous:
        return point
    name = _referent(previous[-1])
    if not name:
        return point
    if m.group(1) in {"His", "Her"}:
        name += "’s" if "’" in point or "’" in previous[-1] else "'s"
    return name + point[m.end() :]
