"""Stage 5b: pronouns and descriptions ("he", "the lawyer") resolved to a person named nearby."""

from __future__ import annotations

import re

from .chunks import Ref
from .clauses import Raw
from .lexicon import KIN_WORDS, ORG_WORDS
from .name_index import KnownNames, WordIndex
from .names import person_in, role_in_doc
from .units import Unit


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


def gender(name: str, idx: WordIndex) -> str | None:
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


def _named_after(head: str, idx: WordIndex, before: list[Raw]) -> str | None:
    """The name after the first "the lawyer" in the text that is followed by one: two or
    three capitalised words, or one that is the surname of one person quoted before:
    "President Obama", not a later "President Jimmy Carter"."""
    key = ("after", head)
    if key not in idx.memo:  # the capitalised runs after the head word (once per word)
        pat = r"(?i:\b" + re.escape(head) + r")\s+((?:[A-Z][\w’'-]+\s?){1,3})"
        idx.memo[key] = [m.group(1) for m in re.finditer(pat, idx.text)]
    said: set[str] | None = None
    for run in idx.memo[key]:  # type: ignore[attr-defined]
        words = run.split()
        if len(words) >= 2:
            return run
        if said is None:
            said = {r.ref.name for r in before if r.ref.kind == "person"}
        full = {n for n in said if n.split()[-1:] == words[:1]}  # ("" has no surname)
        if len(full) == 1:
            return full.pop()
    return None


# A pronoun's referent is looked for in at most this many characters before it in its
# own unit. Units are sentences (with quotations blanked) and far shorter; without a
# bound, a huge unit full of pronouns (one endless quoted exchange) took quadratic time.
PRONOUN_LOOKBACK = 2000


def _unit_people(
    k: int, units: list[Unit], known: KnownNames, idx: WordIndex
) -> list[tuple[int, str]]:
    """``person_in`` of a whole unit, once per unit (earlier units serve many pronouns)."""
    key = ("unit", str(k))
    if key not in idx.memo:
        idx.memo[key] = person_in(units[k].text, known)
    return idx.memo[key]  # type: ignore[return-value]


def kin_of(name: str) -> str | None:
    """The possessor of a family word: "his" in "his mother", "the man's" in "the man's
    mother"; None for "the mother", "the relieved father"."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in KIN_WORDS:
        return None
    if words[0].lower() in {"his", "her", "their"}:
        return words[0].lower()
    for w in words[:-1]:
        if w.endswith(("’s", "'s")):
            return " ".join(words[: words.index(w) + 1])
    return None


_INDEFINITE = {"a", "an", "one", "another"}
# the roles news gives sources it does not name ("a senior official", "an aide")
_UNNAMED_SOURCES = set(_split("official officials aide aides adviser advisers advisor source"))
_UNNAMED_SOURCES |= set(_split("sources executive strategist strategists diplomat diplomats"))


_INTRO_LOOKBACK = 30  # units: an unnamed source is not looked for further back


def _role(name: str, idx: WordIndex) -> str:
    key = ("role", name)
    if key not in idx.memo:
        idx.memo[key] = role_in_doc(name, idx) or ""
    return idx.memo[key]  # type: ignore[return-value]


def _introduced(ref: Ref, before: list[Raw], idx: WordIndex) -> Ref | None:
    """ "the official" after "a senior law enforcement official said": the one introduced
    without a name, when no named person with that role spoke since."""
    head = ref.name.split()[-1].lower()
    if head not in _UNNAMED_SOURCES:
        return None
    for r in reversed(before):
        if ref.unit - r.unit > _INTRO_LOOKBACK:
            break
        words = r.ref.name.split()
        if r.ref.kind == "person":
            role = r.ref.role or _role(r.ref.name, idx)
            if head in role.lower().split():
                return None  # "Ann Lee, an official, said": she is the official
            continue
        if (
            r.ref.kind == "group"
            and len(words) >= 2
            and words[0].lower() in _INDEFINITE
            and words[-1].lower() == head
        ):
            return r.ref
    return None


# a role noun and the titles it is written as before a name
_TITLES = {
    "senator": {"sen.", "sen"}, "governor": {"gov.", "gov"}, "representative": {"rep.", "rep"},
    "congressman": {"rep.", "rep"}, "congresswoman": {"rep.", "rep"}, "general": {"gen."},
    "professor": {"prof."}, "doctor": {"dr."}, "sergeant": {"sgt."}, "captain": {"capt."},
    "detective": {"det."}, "lieutenant": {"lt."}, "superintendent": {"supt."},
}  # fmt: skip


def _titled(ref: Ref, before: list[Raw], idx: WordIndex) -> Ref | None:
    """ "the senator": the one person who spoke before whose role is senator ("Sen. Jane
    Doe"), rather than whoever spoke last ("Gov. Tom Reyes")."""
    words = ref.name.split()
    head = words[-1].lower()
    forms = {head} | _TITLES.get(head, set())
    # "the Florida senator": the role must hold "Florida" too; "the governor" is not a
    # former governor
    need = {w.lower() for w in words[1:-1] if w[:1].isupper()}
    former = "former" in {w.lower() for w in words}
    fits: dict[str, Ref] = {}
    for r in reversed(before):
        if ref.unit - r.unit > _INTRO_LOOKBACK:
            break
        if r.ref.kind != "person" or r.ref.name in fits:
            continue
        role = set((r.ref.role or _role(r.ref.name, idx)).lower().replace(",", " ").split())
        if forms & role and need <= role and ("former" in role) == former:
            fits[r.ref.name] = r.ref
    return next(iter(fits.values())) if len(fits) == 1 else None


def resolve_pronoun(
    ref: Ref, before: list[Raw], units: list[Unit], known: KnownNames, idx: WordIndex
) -> Ref | None:
    if ref.kind == "desc":
        after = _named_after(ref.name.split()[-1], idx, before)
        if after:
            name = after.split()
            if name[-1].endswith(("’s", "'s")):
                name[-1] = name[-1][:-2]
            if not any(w.lower() in ORG_WORDS for w in name):
                return Ref(" ".join(name), None, "person", ref.unit, ref.pos)
        owner = kin_of(ref.name)
        if owner is not None:
            # "the man's mother", "his mother": a relative of the person named nearby, never
            # that person; "his mother" of Tomas Berg is shown as "Tomas Berg's mother"
            if owner in {"his", "her"}:
                he = "he" if owner == "his" else "she"
                who = resolve_pronoun(
                    Ref(he, None, "pronoun", ref.unit, ref.pos), before, units, known, idx
                )
                if who is not None and who.kind == "person":
                    kin = ref.name.split()[-1]
                    return Ref(f"{who.name}’s {kin}", None, "group", ref.unit, ref.pos)
            return None
        intro = _introduced(ref, before, idx)
        if intro is not None:
            return intro
        titled = _titled(ref, before, idx)
        if titled is not None:
            return titled
    if ref.name in {"he", "she"} or ref.kind == "desc":
        want = {"he": "m", "she": "f"}.get(ref.name)

        def fits(name: str) -> bool:
            g = gender(name, idx)
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
                found = person_in(units[k].text[max(0, cut - PRONOUN_LOOKBACK) : cut], known)
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
