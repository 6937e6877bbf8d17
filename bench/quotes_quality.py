#!/usr/bin/env python3
"""Who-said-what quality and speed on the shared evaluation data, one row per set.

Sets: quotes/polnear-train.jsonl (the DEVELOPMENT set: find error classes there),
quotes/dev.jsonl, quotes/polnear-dev.jsonl and spec-quotes.json (CHECK sets: never tuned on).

Statements are scored with the project's scorer (../shared/tools/quotes_score.py: P/R/F1 of
(speaker, statement) pairs; quoted = direct + mixed, and indirect speech).

The pane is scored entry by entry, as a reader sees it (an automatic reading of what the
issue judged by hand). NEW rule (the `new:` columns): each pane entry is decided to be one
gold person of its article, or none:

- gold people: each gold speaker string is cut to its HEAD name, the name itself without
  appositive or role clause (cut at the first comma, parenthesis, dash, "who"/"which"/
  "that"; "X's Name" -> "Name"; "Name Name of Org" -> "Name Name"; a closing "in <Name>" is
  where it is, "Authorities in North-Rhine Westphalia" -> "Authorities", but not after a
  document noun, a participle or "government": "a report in the Daily Star", "a poll
  conducted in May", "the government in Beijing"; "A B and C D" -> two heads). Heads are
  grouped into people, longest first: two heads name one person when they end in the same
  name word (surname or head noun) and one's name words are all in the
  other's ("Sessions" / "Senator Jeff Sessions"; not "Bill Clinton" / "Hillary Clinton", not
  "Trump campaign" / "Trump"; a short head fitting several joins the most quoted). An
  acronym in parentheses right after the name is a head of the same person ("European
  Organization for Nuclear Research (CERN)"). "X's lowercase-noun" ("Stan Freberg's son",
  "Cameron's spokesman") is a person of its own, not X: its nouns stay in its head even when
  they are title words. The gold's `role` field (quotes/dev has one) gives the person a role
  head (its noun phrase before "of"/"for"/"at"...: "a supervisor within the agency" ->
  supervisor).
- an entry NAMES a person when one of its names (name and aliases) is part of one of the
  person's heads or holds the person's fullest head, by the same end-word test, or is an
  acronym of a head ("NRA"). Its STATEMENTS point at the people the gold gives its
  statements to (the scorer's text match).
- the entry is the person it names that its statements also point at (its role may name
  that person too: gold "a longtime JNF official" for an entry with that role; so may a
  gold role head match its name or role: "Stan Freberg's son" for gold Donavan Freberg with
  that role); else the person it names; else, if its names are descriptions without a
  capitalised word ("the president", "a man") or possessive descriptions, the person its
  statements point at (for "X's son": only a person whose name holds a word of X and whom X
  does not name, "Stan Freberg's son" / "Donavan Freberg"; "Robert Costa's wife" for what
  the gold gives "his wife" is no one); else no one. Among several:
  most statements, then one not yet listed, then the most quoted.
- in pane order, an entry is *right* when its person is not yet listed, a *duplicate* when
  an earlier entry is the same person, *not a speaker* when it is no one. *Missed* is the
  share of gold people no entry is.

OLD rule (the `old:` columns, kept so earlier figures stay comparable): gold speaker
strings, whole (appositive included), are grouped into people by name-word containment;
an entry is right when its names share a name word with a person not yet listed, a
duplicate when every person it shares a word with is listed, not a speaker when none.
This grouped "Senator Jeff Sessions, a close advisor to Trump," with Trump, so a right
Sessions entry could count as a duplicate of Trump.

ms/article: median CPU time of extract_speakers alone (one core; CPU time, as the machine
is shared).

PolNeAR leaves a speaker blank (don't care) when the text names it only by a pronoun, so a
pane entry whose every statement is one of those blank-speaker statements cannot be judged:
it is counted "not a speaker" in the `not` column (as before, for comparison), and set
apart in the two starred columns: `not*` is the share of entries that are not a speaker
and have a statement the gold gives a speaker or none at all; `right*` is right among the
entries that can be judged (all but those set apart).

    python bench/quotes_quality.py [--data DIR] [--scorer PATH] [--only NAME] [-v] [--show N]

--show N prints each entry of the first N articles of a set with its class, its gold person
and how it was decided (name / statements), for reading by hand (the rule was checked that
way on polnear-train only).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1]))

# (label, path under the data dir, role)
CORPORA = (
    ("polnear-train", "quotes/polnear-train.jsonl", "develop"),
    ("quotes/dev", "quotes/dev.jsonl", "check"),
    ("polnear-dev", "quotes/polnear-dev.jsonl", "check"),
    ("spec", "spec-quotes.json", "check"),
)


def _load_scorer(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("quotes_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"quotes_quality: cannot load scorer {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _extract():  # type: ignore[no-untyped-def]
    try:
        from summarize.quotes import extract_speakers
    except ImportError:  # before the split into a package (the "before" figures)
        from summarize._quotes import extract_speakers  # type: ignore[no-redef,import-not-found]
    return extract_speakers


def _timing(records: list[dict]) -> float:
    from summarize._document import parse_document

    extract_speakers = _extract()
    times = []
    for rec in records:
        doc = parse_document(rec["text"], title=rec.get("title"))
        t0 = time.process_time()  # CPU time: ~7 engineers share 2 cores, wall time wanders
        extract_speakers(doc)
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times) if times else 0.0


def _people(gold_speakers: list[str], name_words) -> list[set[str]]:  # type: ignore[no-untyped-def]
    """Gold speaker names grouped into people, as name-word sets: a name whose words are all
    in a longer name is that person ("Trump" in "Donald Trump"); "Trump campaign" is not."""
    names = sorted(
        {frozenset(name_words(n)) for n in gold_speakers} - {frozenset()},
        key=lambda w: (len(w), sorted(w)),
    )
    groups: list[set[str]] = []
    for words in reversed(names):  # longest first
        for g in groups:
            if words <= g:
                break
        else:
            groups.append(set(words))
    return groups


def _shares(right: int, dup: int, wrong: int, blank: int, missed: int, people: int) -> dict:
    """The pane's counts as shares (both tallies report the same way)."""
    n = max(1, right + dup + wrong)
    return {
        "entries": right + dup + wrong,
        "right": right / n,
        "dup": dup / n,
        "not": wrong / n,
        "missed": missed / max(1, people),
        "not*": (wrong - blank) / n,
        "right*": right / max(1, n - blank),
    }


def pane_speakers(records: list[dict]) -> list[list]:  # type: ignore[type-arg]
    """Each article's pane (its digest's speakers, in pane order): made once, scored by
    both rules."""
    from summarize import summarize_article

    return [summarize_article(r["text"], title=r.get("title")).speakers for r in records]


def pane_tally_old(
    records: list[dict],
    panes: list[list],
    scorer,
    verbose: bool = False,
) -> dict[str, float]:  # type: ignore[no-untyped-def,type-arg]
    """The OLD rule, kept for comparison. Each pane entry, in pane order: right (best-matching
    gold person not yet listed), duplicate (it matches only people already listed) or not a
    speaker (matches none); people grouped by name words of the whole gold string."""
    right = dup = wrong = people = missed = blank = 0
    for rec, speakers in zip(records, panes, strict=True):
        gold = [q["speaker"] for q in rec["quotes"] if q.get("speaker")]
        unknown = [q["quote"] for q in rec["quotes"] if not q.get("speaker")]
        groups = _people(gold, scorer.name_words)
        people += len(groups)
        listed: set[int] = set()
        for sp in speakers:
            words = set().union(*(scorer.name_words(n) for n in [sp.name, *sp.aliases]))
            hits = [i for i, g in enumerate(groups) if g & words]
            new = [i for i in hits if i not in listed]
            if new:
                right += 1
                best = max(new, key=lambda i: len(groups[i] & words) / len(groups[i] | words))
                listed.add(best)
            elif hits:
                dup += 1
                if verbose:
                    print(f"  OLD-DUP [{rec['id']}] {sp.name!r} aliases={sp.aliases}")
            else:
                wrong += 1
                if unknown and all(
                    any(scorer.text_match(q, st.text) for q in unknown) for st in sp.statements
                ):
                    blank += 1  # said by someone the gold leaves blank (a pronoun)
                if verbose:
                    print(f"  OLD-NOT [{rec['id']}] {sp.name!r} aliases={sp.aliases}")
        missed += len(groups) - len(listed)
        if verbose:
            for i, g in enumerate(groups):
                if i not in listed:
                    print(f"  OLD-MISSED [{rec['id']}] {sorted(g)}")
    return _shares(right, dup, wrong, blank, missed, people)


_HEAD_CUT = re.compile(
    r"\s*(?:[,(;:]|\s[-\u2013\u2014]\s|\u2014|\b(?:who|whose|which|that|along with)\b)"
)
_OF = re.compile(r"^((?:[A-Z][\w.'\u2019-]*\s+)*[A-Z][\w.'\u2019-]*)\s+of\s")
_POSSESSIVE = re.compile(r"^.*?['\u2019]s\s+(?=[A-Z])")


# "Authorities in North-Rhine Westphalia": a closing "in <Name>" is where the speaker is
# (not after a document noun, where it names the publisher: "a report in the Daily Star";
# nor after a participle: "a poll conducted in May", "people gathered in the East Room";
# nor after "government": "the government in Beijing" is what "Beijing" stands for)
_IN_PLACE = re.compile(
    r"^(?P<head>.*?(?P<last>[\w.'\u2019-]+))\s+in\s+(?:the\s+)?[A-Z][\w.'\u2019-]*"
    r"(?:\s+[A-Z][\w.'\u2019-]*)*\.?$"
)
_PUBLISHED_IN = {"article", "articles", "report", "reports", "editorial", "story", "stories"}
_PUBLISHED_IN |= {"column", "piece", "op-ed", "interview", "poll", "polls", "survey", "average"}
_PUBLISHED_IN |= {"letter", "post", "essay", "statement", "ad", "ads", "commentary", "review"}
_SEATED_IN = {"government", "regime"}


def _place_cut(head: str) -> str:
    """A head without its closing place phrase: "Authorities in North-Rhine Westphalia" ->
    "Authorities", "The Holocaust Museum in Washington" -> "The Holocaust Museum"; kept:
    "a new article in Politico", "a poll conducted in February"."""
    m = _IN_PLACE.match(head)
    if not m:
        return head
    last = m.group("last").lower()
    if last in _PUBLISHED_IN | _SEATED_IN or last.endswith("ed"):
        return head
    return m.group("head")


def head_name(speaker: str) -> str:
    """The name itself in a gold (or pane) speaker string, without its appositive or role
    clause: "Senator Jeff Sessions, a close advisor to Trump," -> "Senator Jeff Sessions";
    "Sen. Amy Klobuchar (D-Minn.), who ..." -> "Sen. Amy Klobuchar"; "The Washington Post's
    Ed O'Keefe" -> "Ed O'Keefe" (a possessive before a capitalised name is the affiliation);
    "Authorities in North-Rhine Westphalia" -> "Authorities" (the place is where they are)."""
    s = speaker.strip()
    m = _HEAD_CUT.search(s)
    if m and m.start() > 0:
        s = s[: m.start()]
    s = _place_cut(s.strip())
    s = _POSSESSIVE.sub("", s).strip() or speaker.strip()
    m = _OF.search(s)  # "Lee Wang of The Intercept"; not "Secretary of State John Kerry"
    if m and len(m.group(1).split()) >= 2:
        s = m.group(1)
    return s


_AND = re.compile(r"\s+(?:and|&)\s+(?=[A-Z])")


_POSSESSED = re.compile(r"^(.*?['\u2019]s?)\s+(?=[a-z])")  # "Stan Freberg's son", "Cameron's aide"
_ARTICLES = {"the", "a", "an", "s", "his", "her", "its", "their"}
_LINKS = {"of", "for", "to", "and", "in", "on"}


def _possessed(name: str) -> re.Match[str] | None:
    """ "X's lowercase-noun" ("Stan Freberg's son", "Trump's campaign"): a description of a
    person of its own (not X), when no capitalised word follows the noun."""
    m = _POSSESSED.match(name.strip())
    if not m or not re.sub(r"^(?:[Tt]he|an?|An?)\s+", "", m.group(1))[:1].isupper():
        return None
    rest = name.strip()[m.end() :]
    return None if any(w[:1].isupper() for w in rest.split()) else m


def _head_words(name: str, scorer) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """The head name's name words in text order (the scorer's name words: no titles). A
    possessive description keeps its nouns, title words too ("Cameron's spokesman" ->
    cameron spokesman: not Cameron)."""
    head = head_name(name)
    keep = scorer.name_words(name)
    m = _possessed(head)
    if m:
        keep = keep | (set(scorer.norm_tokens(head[m.end() :])) - _ARTICLES - _LINKS)
    out: list[str] = []
    for t in scorer.norm_tokens(head):
        if t in keep and t not in out:
            out.append(t)
    return tuple(out)


_ROLE_CUT = re.compile(r"\s+(?:of|for|at|in|within|with|from|on|to|and)\s")


def _role_head(role: str, scorer) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """A gold role's head noun phrase as words (articles dropped, title words kept): "a
    supervisor within the agency" -> supervisor; "CERN Director for Accelerators" -> cern
    director; "Stan Freberg's son" -> stan freberg son."""
    head = head_name(role)
    if not _possessed(head):
        head = _ROLE_CUT.split(head, maxsplit=1)[0]
    out: list[str] = []
    for t in scorer.norm_tokens(head):
        if t not in _ARTICLES and len(t) > 1 and t not in out:
            out.append(t)
    return tuple(out)


def _gold_heads(speaker: str, scorer) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """The head names of a gold speaker string: several when it joins people of two words or
    more with "and" ("Jeb Bush and Chris Christie"; not "Disease Control and Prevention")."""
    head = head_name(speaker)
    parts = _AND.split(head)
    if len(parts) < 2 or any(len(p.split()) < 2 for p in parts):
        parts = [head]
    heads = [_head_words(p, scorer) for p in parts]
    # an acronym in parentheses right after the name is the same person's other name
    # ("European Organization for Nuclear Research (CERN)"; not "(D-Minn.)", nor one in
    # an appositive: "Filippo Grandi, the ... High Commissioner for Refugees (UNHCR)")
    at = speaker.find(head)
    m = _PAREN_ACRONYM.match(speaker, at + len(head)) if at >= 0 else None
    if m:
        heads.append((m.group(1).lower(),))
    return [h for h in heads if h]


_PAREN_ACRONYM = re.compile(r"\s*\(([A-Z]{2,8})\)")


def _acronym(name: str, head: tuple[str, ...]) -> bool:
    """An all-capital name that spells the initials of a gold head ("NRA" / "National Rifle
    Association"; "CDC" / "Centers for Disease Control and Prevention": a prefix of 3+)."""
    letters = name.strip().replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()) or len(head) < 2:
        return False
    initials = "".join(w[0] for w in head)
    return initials == letters.lower() or (
        len(letters) >= 3 and initials.startswith(letters.lower())
    )


def _described(name: str) -> bool:
    """A pane name that is a description, not a proper name: no capitalised word but a
    first "The"/"A" ("the president", "a spokesman", "police"), or a possessive before a
    lowercase noun ("Stan Freberg's son": a person of its own, named by the gold or not)."""
    if _possessed(name):
        return True
    words = name.split()
    return not any(w[:1].isupper() for w in words[1:]) and (
        not words or not words[0][:1].isupper() or words[0] in ("The", "A", "An")
    )


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two head names name one person: they end in the same word (surname or head noun) and
    one's words are all in the other ("Sessions" / "Jeff Sessions"; "the Post" / "the
    Washington Post"; not "Trump campaign" / "Trump", not "Bill Clinton" / "Hillary Clinton")."""
    return bool(a and b) and a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def _names_person(head: tuple[str, ...], person: list[tuple[str, ...]]) -> bool:
    """A pane name names a gold person when it is part of one of the person's heads, or holds
    the person's fullest head ("Sessions", "Barack Obama" for "Obama"; "Melania Trump" does not
    name a "Donald Trump" / "Trump" person: it does not hold "Donald Trump")."""
    return any(
        _same_name(head, g) and (set(head) <= set(g) or set(person[0]) <= set(head)) for g in person
    )


def _gold_people(
    gold_speakers: list[str], scorer
) -> tuple[list[list[tuple[str, ...]]], dict[str, set[int]]]:  # type: ignore[no-untyped-def]
    """Gold speaker strings grouped into people by their head names: heads are taken longest
    first; a head joins a person it names by _same_name (of several, the one with the most gold
    statements: "Clinton" joins "Hillary Clinton" rather than "Bill Clinton" when she is
    quoted more), else starts a person. Returns the people (lists of heads) and each gold
    speaker string's people (none for a string with no name words)."""
    heads = {sp: _gold_heads(sp, scorer) for sp in set(gold_speakers)}
    weight: dict[tuple[str, ...], int] = {}
    for sp in gold_speakers:
        for h in heads[sp]:
            weight[h] = weight.get(h, 0) + 1
    people: list[list[tuple[str, ...]]] = []
    index: dict[tuple[str, ...], int] = {}
    for h in sorted(weight, key=lambda h: (-len(h), h)):
        fits = [i for i, person in enumerate(people) if any(_same_name(h, g) for g in person)]
        if fits:
            i = max(fits, key=lambda i: (sum(weight[g] for g in people[i]), -i))
            people[i].append(h)
        else:
            i = len(people)
            people.append([h])
        index[h] = i
    return people, {sp: {index[h] for h in hs} for sp, hs in heads.items() if hs}


def classify_entries(
    rec: dict, speakers: list, scorer
) -> tuple[list[tuple], list[list], list[int]]:  # type: ignore[no-untyped-def,type-arg]
    """Each pane entry of one article (`speakers`, in pane order) decided by the NEW rule (see
    the module docstring). Returns (verdict, entry, gold person index or None, how, aligned)
    per entry ("RIGHT", "DUP", "NOT", "NOT(blank)"), the gold people (lists of heads) and
    each person's gold statement count."""
    gold_quotes = [q for q in rec["quotes"] if q.get("speaker")]
    unknown = [q["quote"] for q in rec["quotes"] if not q.get("speaker")]
    people, person_of = _gold_people([q["speaker"] for q in gold_quotes], scorer)
    n_statements = [0] * len(people)
    for q in gold_quotes:
        for i in person_of.get(q["speaker"], ()):
            n_statements[i] += 1
    # the gold's roles ("Stan Freberg's son" for Donavan Freberg): heads of that person too,
    # used only together with the entry's statements (a role is a description many share)
    roles: dict[int, set[tuple[str, ...]]] = {}
    for q in gold_quotes:
        role = _role_head(q["role"], scorer) if q.get("role") else ()
        for i in person_of.get(q["speaker"], ()) if role else ():
            roles.setdefault(i, set()).add(role)
    listed: set[int] = set()
    out: list[tuple] = []  # type: ignore[type-arg]
    for sp in speakers:
        # persons the gold gives this entry's statements to (by the scorer's text match)
        said: dict[int, int] = {}
        for st in sp.statements:
            hit = {
                i
                for q in gold_quotes
                if scorer.text_match(q["quote"], st.text)
                for i in person_of.get(q["speaker"], ())
            }
            for i in hit:
                said[i] = said.get(i, 0) + 1
        names = [sp.name, *sp.aliases]
        heads = [_head_words(n, scorer) for n in names]
        named = {
            i
            for i, p in enumerate(people)
            if any(_names_person(h, p) for h in heads)
            or any(_acronym(n, g) for n in names for g in p)
        }
        # a role the gold uses as the speaker ("a longtime JNF official"), with statements;
        # or an entry whose name or role is the gold's role for the person, with statements
        role = _head_words(sp.role, scorer) if sp.role else ()
        by_role = {i for i in said if role and _names_person(role, people[i])}
        descs = [_role_head(n, scorer) for n in [*names, *([sp.role] if sp.role else [])]]
        by_role |= {
            i for i in said if any(_same_name(d, r) for d in descs for r in roles.get(i, ()))
        }
        both = (named | by_role) & set(said)
        if both:
            how, cands = "name+statements", both
        elif named:
            how, cands = "name", named
        elif said and all(_described(n) for n in names):
            # a possessive description is the gold person only when its owner is in the
            # person's name ("Stan Freberg's son" / "Donavan Freberg"): "Robert Costa's wife"
            # for what the gold gives "his wife" (the candidate's) is a wrong entry
            # (and is not the owner: "Donald Trump's wife" is not Trump)
            owners = [
                _head_words(m.group(1), scorer) for m in map(_possessed, names) if m is not None
            ]
            gold_words = [{x for h in p for x in h} for p in people]
            how, cands = (
                "statements",
                {
                    i
                    for i in said
                    if all(
                        set(o) & gold_words[i] and not _names_person(o, people[i]) for o in owners
                    )
                },
            )
        else:
            how, cands = "none", set()
        person = None
        if cands:  # most statements; then a person not yet listed; then the gold's count
            person = max(
                cands, key=lambda i: (said.get(i, 0), i not in listed, n_statements[i], -i)
            )
        if person is None:
            verdict = "NOT"
            if unknown and all(
                any(scorer.text_match(q, st.text) for q in unknown) for st in sp.statements
            ):
                verdict = "NOT(blank)"  # said by someone the gold leaves blank (a pronoun)
        elif person in listed:
            verdict = "DUP"
        else:
            verdict = "RIGHT"
            listed.add(person)
        out.append((verdict, sp, person, how, sum(said.values())))
    return out, people, n_statements


def pane_tally(
    records: list[dict],
    panes: list[list],
    scorer,
    verbose: bool = False,
    show: bool = False,
) -> dict[str, float]:  # type: ignore[no-untyped-def,type-arg]
    """The pane by the NEW rule (see the module docstring): each entry is one gold person,
    decided by its statements and its name; right / duplicate / not a speaker / missed."""
    right = dup = wrong = n_people = missed = blank = 0
    for rec, speakers in zip(records, panes, strict=True):
        entries, people, n_statements = classify_entries(rec, speakers, scorer)
        n_people += len(people)
        if show:
            print(
                f"[{rec['id']}] gold people: "
                + " | ".join(" / ".join(" ".join(h) for h in p) for p in people)
            )
        listed = {person for verdict, _, person, _, _ in entries if verdict == "RIGHT"}
        for verdict, sp, person, how, aligned in entries:
            right += verdict == "RIGHT"
            dup += verdict == "DUP"
            wrong += verdict.startswith("NOT")
            blank += verdict == "NOT(blank)"
            if show or (verbose and verdict != "RIGHT"):
                who = " / ".join(" ".join(h) for h in people[person]) if person is not None else "-"
                print(
                    f"  {verdict:10s} {sp.name!r} aliases={sp.aliases} role={sp.role!r} -> {who} "
                    f"({how}; {len(sp.statements)} st, {aligned} aligned)"
                )
        missed += len(people) - len(listed)
        if verbose or show:
            for i, p in enumerate(people):
                if i not in listed:
                    print(
                        f"  MISSED     {' / '.join(' '.join(h) for h in p)} ({n_statements[i]} st)"
                    )
    return _shares(right, dup, wrong, blank, missed, n_people)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    ap.add_argument(
        "--scorer", type=Path, default=HERE.parents[2] / "shared" / "tools" / "quotes_score.py"
    )
    ap.add_argument("--only", action="append", help="only this set (label), repeatable")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false statements")
    ap.add_argument(
        "--show",
        type=int,
        default=0,
        metavar="N",
        help="print every pane entry of the first N articles of each set with its class (new rule),"
        " its gold person and the article's gold people, and skip scoring",
    )
    a = ap.parse_args()
    if not a.scorer.is_file():
        print(f"quotes_quality: scorer not found: {a.scorer}", file=sys.stderr)
        return 2
    scorer = _load_scorer(a.scorer)
    rows = []
    for label, rel, role in CORPORA:
        if a.only and label not in a.only:
            continue
        path = a.data / rel
        if not path.is_file():
            print(f"quotes_quality: skipping missing {path}", file=sys.stderr)
            continue
        records = scorer.load(str(path))
        if a.show:
            print(f"== {label}")
            shown = records[: a.show]
            pane_tally(shown, pane_speakers(shown), scorer, show=True)
            continue
        res, _ = scorer.score(records, scorer.system_statements, a.verbose)
        panes = pane_speakers(records)
        pane = pane_tally(records, panes, scorer, a.verbose)
        old = pane_tally_old(records, panes, scorer, a.verbose)
        _timing(records[:3])  # warm-up: lazy imports, regex compilation
        ms = _timing(records)
        rows.append((label, role, len(records), res["quoted"], res["indirect"], old, pane, ms))
    if a.show:
        return 0
    print()
    print(
        f"{'set':14s} {'role':7s} {'n':>4s} | {'quoted P':>8s} {'R':>5s} {'F1':>5s} | "
        f"{'indir P':>7s} {'R':>5s} {'F1':>5s} | {'ms/art':>6s}"
    )
    print("-" * 80)
    for label, role, n, q, ind, _old, _new, ms in rows:
        print(
            f"{label:14s} {role:7s} {n:4d} | {q['P']:8.3f} {q['R']:5.3f} {q['F1']:5.3f} | "
            f"{ind['P']:7.3f} {ind['R']:5.3f} {ind['F1']:5.3f} | {ms:6.2f}"
        )
    print()
    cols = ("right", "dup", "not", "missed", "right*", "not*")
    head = " ".join(f"{c:>6s}" for c in cols)
    print(f"{'pane':14s} {'n':>6s} | old: {head} | new: {head}")
    print("-" * 110)
    for label, _role, _n, _q, _ind, old, new, _ms in rows:
        o = " ".join(f"{old[c]:6.3f}" for c in cols)
        w = " ".join(f"{new[c]:6.3f}" for c in cols)
        print(f"{label:14s} {new['entries']:6d} | old: {o} | new: {w}")
    print(
        "(pane: shares of entries that are a right speaker / a duplicate / not a speaker;"
        " missed: share of gold people no entry is. old: gold people grouped by shared name words"
        " of the whole gold string; new: each entry is one gold person by its statements and"
        " head name (see the docstring). right*/not*: without entries whose every statement has"
        " a blank gold speaker. ms/art: median CPU ms of extract_speakers)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
