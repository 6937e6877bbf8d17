"""Stage 5e: phrases that cannot speak. A capitalised word at a sentence start ("Even",
"Once"), an adjective ("Irish", "Western"), a place in a dateline, a programme, a
conference or a statistic ("figures", "Unemployment") is never a pane entry; a statement
whose speaker resolves to one is dropped."""

from __future__ import annotations

import re
from functools import cache

from .._model import Speaker
from .lexicon import CUE_FORMS, DOCUMENT_NOUNS, SPEAKER_NOUNS, WEEKDAYS

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
unemployment inflation minutes hours days weeks months years video photo trumpian
january february march april june july august september october november december
initial subsequent findings analysis absent correction dozens public
""",
    )
) | frozenset(WEEKDAYS)
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
    "bowl",
    "arena",
    "stadium",
    "act",
    "shoal",
    "wall",
    "strip",
    "island",
    "islands",
    "valley",
    "bay",
    "gulf",
    "canal",
    "peninsula",
    "strait",
}
# Heads of names that are machines: what a collider or a telescope "could reveal" is the
# writer's hope, never its speech ("the Large Hadron Collider", and "the LHC" once its
# acronym is spelled out to that name).
# (A hospital, an airport or a plant is an institution that issues statements.)
_MACHINE_HEADS = {
    "collider",
    "accelerator",
    "telescope",
    "reactor",
    "satellite",
    "spacecraft",
    "rover",
    "lander",
    "orbiter",
    "supercomputer",
}
_DETS = {"the", "a", "an"}


_PARTY_ADJECTIVES = {"democratic", "republican", "conservative", "liberal", "progressive"}
_FRAGMENT_START = {"to", "in", "on", "with", "from", "by"}
_LEFTOVER_START = re.compile(r"^(?:(?:and|or|but|of|for)\s+)+")


def trim_fragment(name: str) -> str:
    """ "and a neighbor" -> "a neighbor", "for Yahoo Studios" -> "Yahoo Studios"."""
    return _LEFTOVER_START.sub("", name) or name


_SUFFIX_WORDS = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def headline_verb(words: list[str]) -> int | None:
    """Where a headline's verb splits two names ("Chuck Grassley Compares Trump"): a
    capitalised word in -s with two name words before it and a name after it."""
    if len(words) < 4 or any(not w[:1].isupper() for w in words):
        return None
    for k in range(2, len(words) - 1):
        w = words[k]
        if (
            w.endswith("s")
            and not w.endswith(("ss", "'s", "’s", "us", "is"))
            and words[k + 1].lower() not in _SUFFIX_WORDS
            and not words[k - 1].endswith(".")
        ):
            return k
    return None


def cut_headline(name: str) -> str:
    """ "Chuck Grassley Compares Trump" -> "Chuck Grassley"."""
    words = name.split()
    k = headline_verb(words)
    return name if k is None else " ".join(words[:k])


# a capitalised word before a name that is no part of it: "Even Rendell", "Neither
# Republicans", "Entrusting Donald Trump" (a sentence's first word, a headline's verb)
_NOT_FIRST = {"even", "also", "still", "neither", "either", "only", "just", "rival", "that's"}


_ING_NOUNS = {"morning", "evening", "building", "spring", "king", "ring", "wing", "sterling"}


def trim_leading(name: str) -> str:
    """ "Even Rendell" -> "Rendell", "That's why Rubio's team" -> "Rubio's team", a
    headline's verb: "Entrusting Donald Trump" -> "Donald Trump"."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and words[k][:1].isupper():
        low = words[k].lower()
        verb = low.endswith("ing") and low not in _ING_NOUNS
        if low in _NOT_FIRST or (verb and words[k + 1][:1].isupper()):
            k += 1
            if k < len(words) - 1 and words[k] == "why":
                k += 1
            continue
        break
    return " ".join(words[k:]) if k else name


_ADJECTIVES = {"presidential", "jewish", "muslim", "christian", "catholic", "hispanic"} | {
    w for w in _NEVER_ALONE if w.endswith(("an", "ish", "ese", "ic", "al"))
} - {"english", "german"}  # "Bill English" is a name
_CAPITAL_PREPS = {
    "among",
    "amid",
    "by",
    "inside",
    "despite",
    "between",
    "within",
    "without",
    "after",
    "before",
    "during",
    "in",
    "on",
    "at",
    "from",
    "with",
    "to",
    "for",
    "of",
    "as",
    "like",
    "unlike",
}
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_VERBISH = {"is", "are", "was", "were", "has", "have", "in", "on", "at", "to", "for", "from"}


def can_speak(name: str) -> bool:
    """Whether a speaker phrase names someone who can speak."""
    if name.split()[:1] and name.split()[0] in _FRAGMENT_START:
        return False  # "and a neighbor", "to campaign": a fragment
    first = name.split()[0] if name.split() else ""
    if first[:1].isupper() and first.lower() in _CAPITAL_PREPS:
        return False  # "Among Democrats", "By Sunday": a sentence's opening phrase
    if _INITIALS.match(name):
        return False  # "J.M.": what is left of a name
    if " " in name and name.isupper():
        return False  # "BUENA PARK", "FULL TEXT": a dateline or a heading
    words = [w for w in name.split() if w.lower() not in _DETS]
    if not words:
        return False
    if len(words) >= 3 and any(w[:1].isupper() and w.lower() in _VERBISH for w in words[1:]):
        return False  # "Erdogan Is In Syria": a headline
    if len(words) == 1 and name == words[0] and words[0].lower() in _PARTY_ADJECTIVES:
        return False  # "Democratic" (but "the Republican" is someone)
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 7:
        return False  # "WASHINGTON": a dateline
    if len(words) == 1 and words[0].lower() in stop_words():
        return False  # "From", "Hours" are no names
    last = words[-1].lower().strip(".,")
    if "-born" in last or (
        len(words) == 2
        and last in _ADJECTIVES
        and words[0].lower() in _PARTY_ADJECTIVES | _NEVER_ALONE
    ):
        return False  # "Republican Presidential", "Queens-born": adjectives (not "Mark Cuban")
    if len(words) == 1 and (last in _NEVER_ALONE or last.endswith("ly") and len(last) > 6):
        return False  # "Domestically": an adverb
    if words[-1][:1].isupper() and last in _EVENT_HEADS:
        return False  # "the Munich Security Conference", "the South China Sea"
    if last in _MACHINE_HEADS:
        return False  # "the Large Hadron Collider", "the telescope": a machine
    return words[-1].lower() not in {"de", "al", "van", "von", "bin", "of", "for", "and"}


@cache
def stop_words() -> frozenset[str]:
    """English function words (sumy's list, shipped with it): never a name alone
    (but "May", "Will")."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english")) - {"may", "will", "mark", "bill"}


# Verbs of belief and stance: what the writer says someone holds ("Rand Paul thinks",
# "advocates fear", "most Republicans agree"): no one has said anything.
_BELIEF_VERBS = {"think", "believe", "fear", "wonder", "agree"}
# Verbs of evidence: what a record shows ("polls show", "documents found"). A named source
# that finds or estimates is one ("the Harbor Point Poll found", "the CDC estimates").
_FINDING_VERBS = {"find", "show", "indicate", "estimate", "conclude"}


def says_something(sp: Speaker) -> bool:
    """Whether an entry has said anything: a pane of who said what leaves out one whose every
    statement is indirect with a verb of belief, or (unless it has a proper name) of
    evidence. One quoted word is enough ("Hier fears 'a new Holocaust'")."""
    named = _has_proper_name(sp)
    for st in sp.statements:
        verb = CUE_FORMS.get((st.cue or "").split(" ", 1)[0].lower())
        if st.kind != "indirect" or (
            verb not in _BELIEF_VERBS and (named or verb not in _FINDING_VERBS)
        ):
            return True
    return False


_COMMON_NOUNS = SPEAKER_NOUNS | DOCUMENT_NOUNS | _DETS


def _has_proper_name(sp: Speaker) -> bool:
    """A capitalised word in the entry's names that is not a common noun capitalised at a
    sentence start ("Polls", "Records", "The survey")."""
    return any(
        w[:1].isupper() and w.lower().strip(".,'\u2019") not in _COMMON_NOUNS
        for n in (sp.name, *sp.aliases)
        for w in n.split()
    )
