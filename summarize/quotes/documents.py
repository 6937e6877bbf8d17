"""Stage 5d: documents as speakers. "a statement by the prosecutors", "a police news
release", "his website", "the lawsuit": the issuer speaks, the document joins the cue
("said in a police news release")."""

from __future__ import annotations

import re

from .chunks import Ref
from .lexicon import DOCUMENT_NOUNS

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
_BY = re.compile(r"^(.+?)\s+(?:by|from|of)\s+(.+)$")
PRONOUN_OF = {"his": "he", "her": "she", "its": "it", "their": "they"}


def document_head(name: str) -> bool:
    """Whether this speaker phrase is a document ("the lawsuit", "a statement by X"), not
    a name ("the Washington Post")."""
    m = _BY.match(name)
    words = (m.group(1) if m else name).split()
    return bool(words) and (words[-1] in DOCUMENT_NOUNS or words[-1] in NEEDS_ISSUER)


def issuer(ref: Ref) -> tuple[Ref | None, str | None, str]:
    """(the issuer named in the phrase, or None; the possessive pronoun standing for the
    issuer, or None; the document as written, for the cue)."""
    name = ref.name
    m = _BY.match(name)
    if m and m.group(1).split()[-1].lower() in DOCUMENT_NOUNS:
        who = m.group(2)
        kind = "person" if who[:1].isupper() and who.split()[0].lower() not in {"the"} else "group"
        return Ref(who, None, kind, ref.unit, ref.pos), None, m.group(1)
    words = name.split()
    det = words[0].lower()
    mods = words[1:-1] if det in {"a", "an", "the", *PRONOUN_OF} else words[:-1]
    while mods and mods[-1].lower() in _DOC_MODIFIERS:
        mods = mods[:-1]
    while mods and mods[0].lower() in _DOC_MODIFIERS:
        mods = mods[1:]
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


def document_cue(cue: str | None, document: str) -> str:
    """ "said" + "a police news release" -> "said in a police news release"."""
    prep = "on" if document.split()[-1].lower() in _ON else "in"
    return f"{cue or 'said'} {prep} {document}"
