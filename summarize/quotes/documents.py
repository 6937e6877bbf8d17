"""Stage 5d: documents as speakers. "a statement by the prosecutors", "a police news
release", "his website", "the lawsuit": the issuer speaks, the document joins the cue
("said in a police news release")."""

from __future__ import annotations

import re

from .chunks import Ref
from .lexicon import DOCUMENT_NOUNS, ORG_WORDS

# Lower-case words that qualify the document, not its issuer ("a police news release").
_DOC_MODIFIERS = {
    "news",
    "press",
    "written",
    "joint",
    "new",
    "official",
    "brief",
    "short",
    "separate",
    "earlier",
    "later",
    "recent",
    "lengthy",
    "court",
    "federal",
    "facebook",
    "twitter",
    "instagram",
    "video",
    "emailed",
    "prepared",
    "subsequent",
    "personal",
    "online",
}
# Documents whose issuer must be named with them ("a Pew Research poll"): "the poll" alone
# stays as it is (it is not whoever spoke last).
NEEDS_ISSUER = {"poll", "polls", "survey", "surveys", "study", "report"}
_ON = {"website", "site", "blog", "page", "account", "feed"}
_BY = re.compile(r"(?<=\S)\s+(by|from|of)\s+(?=\S)")
PRONOUN_OF = {"his": "he", "her": "she", "its": "it", "their": "they"}


# How a document came from its issuer: "a statement released Monday from X", "a lawsuit
# filed in Manhattan by X". The participle and what follows it are not the document.
_ISSUED = {
    "released", "issued", "filed", "posted", "sent", "published", "obtained", "provided",
    "distributed", "emailed", "put", "written", "signed", "submitted", "made", "delivered",
}  # fmt: skip


def _document_words(phrase: str) -> list[str]:
    """The document phrase without the participle that tells how it was issued ("a
    statement released Monday" -> "a statement")."""
    words = phrase.split()
    for k in range(1, len(words)):
        if words[k] in _ISSUED:
            return words[:k]
    return words


def _is_document(words: list[str]) -> bool:
    return bool(words) and (words[-1] in DOCUMENT_NOUNS or words[-1] in NEEDS_ISSUER)


def document_noun(name: str) -> str:
    """The head noun of a document phrase: "poll" in "a poll of 400 voters released by X"."""
    m = _BY.search(name)
    words = _document_words(name[: m.start()]) if m else name.split()
    return words[-1].lower() if words else ""


def document_head(name: str) -> bool:
    """Whether this speaker phrase is a document ("the lawsuit", "a statement by X", "a
    report released Monday from X", "a poll of voters"), not a name ("the Washington Post",
    "an average of polls")."""
    m = _BY.search(name)
    if m is None:
        return _is_document(name.split())
    return _issued_by(name) is not None or _is_document(_document_words(name[: m.start()]))


# A poll "of" is of its respondents ("a poll of Indiana voters"), not by them.
_SAMPLED = {"poll", "polls", "survey", "surveys", "study"}
# Where the issuer's phrase ends: "the inspector general to be released Thursday"
_ISSUER_END = re.compile(r"\s+(?:to be|to|that|which|who|on|in|last|this|earlier)\s.*$")


def _issued_by(name: str) -> tuple[str, str] | None:
    """(the document, its issuer) of "a report from X" / "a memo released Friday by X" /
    "a statement of X", or None when the phrase is not a document and its issuer."""
    head = document_noun(name)
    for m in _BY.finditer(name):
        before = name[: m.start()]
        doc = _document_words(before)
        if not _is_document([w.lower() for w in doc]) and not (
            head in _SAMPLED and any(w in _ISSUED for w in before.split())
        ):  # (but "a poll of 300 voters released by X" is X's)
            continue
        if m.group(1) == "of" and doc[-1].lower() in _SAMPLED:
            continue  # "a poll of 400 voters released by Latino Decisions"
        who = _ISSUER_END.sub("", name[m.end() :])
        return name[: m.start()], who
    return None


# "her lawyers in a court filing": the speaker, then the document it spoke in
_IN_DOCUMENT = re.compile(
    r"^((?:his|her|their|its|the)\s+\w+)\s+in\s+((?:a|an|the|his|her|their|its)\s+.+)$"
)


def issuer(ref: Ref) -> tuple[Ref | None, str | None, str]:
    """(the issuer named in the phrase, or None; the possessive pronoun standing for the
    issuer, or None; the document as written, for the cue)."""
    name = ref.name
    m = _issued_by(name)
    if m is not None:
        # "a report from The Washington Post", "a statement released Monday from the
        # family's attorney": the one who issued it
        who = m[1]
        if who.split()[0] == "The" and len(who.split()) > 1:
            who = "the" + who[3:]
        kind = "person" if who[:1].isupper() and who.split()[0].lower() not in {"the"} else "group"
        return Ref(who, None, kind, ref.unit, ref.pos), None, m[0]
    if _BY.search(name) and document_noun(name) in _SAMPLED:
        # "a poll of Indiana voters": no issuer named
        return None, None, name
    inside = _IN_DOCUMENT.match(name)
    if inside is not None:  # "her lawyers in a court filing": her lawyers, in that filing
        return Ref(inside.group(1), None, "group", ref.unit, ref.pos), None, inside.group(2)
    words = name.split()
    det = words[0].lower()
    mods = words[1:-1] if det in {"a", "an", "the", "one", "another", *PRONOUN_OF} else words[:-1]
    lo = len(words) - 1 - len(mods)  # where the modifiers start in words (0 or 1)
    while mods and (
        mods[-1].lower() in _DOC_MODIFIERS or _adjective(mods[-1], lo + len(mods) - 1, len(mods))
    ):
        mods = mods[:-1]
    while mods and (mods[0].lower() in _DOC_MODIFIERS or _adjective(mods[0], lo, len(mods))):
        mods = mods[1:]
        lo += 1
    if mods:  # "a police news release", "a White House statement", "the company's filing"
        who = re.sub(r"[’']s$", "", " ".join(mods))
        if words[-1] in NEEDS_ISSUER and not who[:1].isupper():
            return None, None, name  # "a new national phone survey": no issuer named
        if who[:1].islower():
            who = "the " + who
        return Ref(who, None, "group", ref.unit, ref.pos), None, name
    if det in PRONOUN_OF:
        return None, PRONOUN_OF[det], name
    return None, None, name


_ADJECTIVE_ENDS = ("ical", "ial", "nal", "ic", "ous", "ive", "ed")
# Nouns that end like adjectives but name who issued the document: "a tribunal ruling",
# "a traffic police statement", "an executive order", "a detective report".
_ISSUER_NOUNS = {"tribunal", "tribunals", "traffic", "executive", "executives", "detective"}


def _adjective(word: str, pos: int, left: int) -> bool:
    """ "genealogical", "criminal", "public", "leaked": an adjective that qualifies the
    document, not a noun that names its issuer ("police", "company"). `pos` is the word's
    position in the phrase, `left` how many modifiers are left. A capitalised one only as
    the phrase's first word and the only modifier left, where a sentence start capitalises
    it ("Genealogical documents", not "Genealogical Society documents"). Not a noun that
    names an issuer with the same ending: "a clinic statement", "a tribunal ruling"."""
    if word[:1].isupper() and not (pos == 0 and left == 1):
        return False
    low = word.lower()
    return low.endswith(_ADJECTIVE_ENDS) and low not in ORG_WORDS and low not in _ISSUER_NOUNS


def document_cue(cue: str | None, document: str) -> str:
    """ "said" + "a police news release" -> "said in a police news release"."""
    if cue == "according to":  # "according to a report": the cue names the document
        return f"{cue} {document}"
    prep = "on" if document.split()[-1].lower() in _ON else "in"
    return f"{cue or 'said'} {prep} {document}"


# ", Sam Ortiz," right after the issuer: two to four capitalised words, then a break
_APPOSITIVE_NAME = re.compile(r"^,\s+((?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]*[a-z])\s*(?:[,.;]|$)")


def appositive_name(after: str) -> str | None:
    """The person an issuer described in lower case is named as right after it ("the
    family's attorney, Sam Ortiz,"), or None."""
    m = _APPOSITIVE_NAME.match(after)
    if m is None or m.group(1).split()[0] in {"The", "A", "An"}:
        return None
    return m.group(1)
