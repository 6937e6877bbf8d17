"""Stage 5e: phrases that cannot speak. A capitalised word at a sentence start ("Even",
"Once"), an adjective ("Irish", "Western"), a place in a dateline, a programme, a
conference or a statistic ("figures", "Unemployment") is never a pane entry; a statement
whose speaker resolves to one is dropped."""

from __future__ import annotations

import re

# One word that is never a speaker on its own (lower-cased).
_NEVER_ALONE = frozenset(
    re.findall(
        r"\S+",
        """
even once back with to well update beyond additional meanwhile still yet also just only
western eastern northern southern central irish british english scottish welsh french
german italian spanish portuguese dutch swiss swedish danish norwegian finnish polish
greek turkish russian ukrainian chinese japanese korean indian pakistani iranian iraqi
syrian israeli palestinian egyptian saudi mexican canadian american australian african
asian european brazilian cuban venezuelan afghan federal national office figures
unemployment inflation minutes video photo trumpian
""",
    )
)
# Heads of names that are events, programmes or places, not sources.
_EVENT_HEADS = {
    "conference",
    "summit",
    "forum",
    "convention",
    "festival",
    "olympics",
    "games",
    "cup",
    "championship",
    "expo",
    "awards",
    "debate",
    "caucus",
    "caucuses",
    "primary",
    "primaries",
    "election",
    "show",
    "sea",
    "ocean",
    "river",
    "street",
    "avenue",
    "square",
}
_DETS = {"the", "a", "an"}


def can_speak(name: str) -> bool:
    """Whether a speaker phrase names someone who can speak."""
    words = [w for w in name.split() if w.lower() not in _DETS]
    if not words:
        return False
    last = words[-1].lower().strip(".,")
    if len(words) == 1 and last in _NEVER_ALONE:
        return False
    if words[-1][:1].isupper() and last in _EVENT_HEADS:
        return False  # "the Munich Security Conference", "the South China Sea"
    return words[-1].lower() not in {"de", "al", "van", "von", "bin", "of", "for", "and"}
