"""Stage 5c: organisations: "the agency" to its name, acronyms spelled out."""

from __future__ import annotations

import re

from .chunks import Ref
from .clauses import Raw
from .lexicon import MEDIUM_NOUNS, NOT_NAMES, ORG_HEADS
from .name_index import WordIndex
from .units import Unit

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


def resolve_org(ref: Ref, before: list[Raw], idx: WordIndex, units: list[Unit]) -> Ref | None:
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
        if r.ref.kind == "group" and r.ref.name[:1].isupper() and _org_name(r.ref.name):
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


def _org_name(name: str) -> bool:
    """ "Acme Corp", "Denver police": an organisation's name; "County officials", "State
    public records": people or papers described, which no "the agency" stands for."""
    last = name.split()[-1]
    return last[:1].isupper() or last.lower() in ORG_HEADS or last.lower() == "police"


_ACRONYM = re.compile(r"^(?:the )?([A-Z]{2,6}|(?:[A-Z]\.){2,6})$")  # "the CDC", "the F.B.I."


def _kept(w: str) -> bool:
    """A word of a spelled-out name: not "U.S." nor a capitalised common word ("The"); the
    links stay ("Centers for Disease Control and Prevention")."""
    return w != "U.S." and not (w[:1].isupper() and w.lower() in NOT_NAMES)


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
            words = [w for w in x.group(0).split() if _kept(w)]
            initials = "".join(w[0] for w in words if w[0].isupper())
            names.append(" ".join(words))
            exact.setdefault(initials, i)
            if initials:
                plus_one.setdefault(initials[:-1], i)
        idx.memo[key] = (names, exact, plus_one)
    return idx.memo[key]  # type: ignore[return-value]


def expand_acronym(name: str, idx: WordIndex) -> str:
    """ "the CDC" -> "Centers for Disease Control and Prevention" when the text spells it out."""
    m = _ACRONYM.match(name)
    if not m:
        return name
    acr = m.group(1).replace(".", "")
    key = ("acronym", acr)
    if key in idx.memo:
        return idx.memo[key] or name  # type: ignore[return-value]
    got = None
    full = _spelled_out(acr, idx.text)
    if full is not None:
        words = [w for w in full.split() if _kept(w)]
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
