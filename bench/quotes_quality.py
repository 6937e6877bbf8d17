#!/usr/bin/env python3
"""Who-said-what quality and speed on the shared evaluation data, one row per set.

Sets: quotes/polnear-train.jsonl (the DEVELOPMENT set: find error classes there),
quotes/dev.jsonl, quotes/polnear-dev.jsonl and spec-quotes.json (CHECK sets: never tuned on).

Statements are scored with the project's scorer (../shared/tools/quotes_score.py: P/R/F1 of
(speaker, statement) pairs; quoted = direct + mixed, and indirect speech).

The pane is scored entry by entry, as a reader sees it (an automatic reading of what the
issue judged by hand): the gold speakers of an article are grouped into people (a name whose
name words are all in a longer name is that person); each pane entry, in pane order, is a
*right* speaker when its names share a name word (the scorer's rule) with a gold person not
yet listed, a *duplicate* when every gold person it matches is already listed, and *not a
speaker* when it matches none. *Missed*
is the share of gold people no entry matches. ms/article: median CPU time of
extract_speakers alone (one core; CPU time, as the machine is shared).

PolNeAR leaves a speaker blank (don't care) when the text names it only by a pronoun, so a
pane entry whose every statement is one of those blank-speaker statements cannot be judged:
it is counted "not a speaker" in the `not` column (as before, for comparison), and set
apart in the two starred columns: `not*` is the share of entries that are not a speaker
and have a statement the gold gives a speaker or none at all; `right*` is right among the
entries that can be judged (all but those set apart).

    python bench/quotes_quality.py [--data DIR] [--scorer PATH] [--only NAME] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
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


def pane_tally(records: list[dict], scorer, verbose: bool = False) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Each pane entry, in pane order: right (best-matching gold person not yet listed),
    duplicate (it matches only people already listed) or not a speaker (matches none)."""
    from summarize import summarize_article

    right = dup = wrong = people = missed = blank = 0
    for rec in records:
        gold = [q["speaker"] for q in rec["quotes"] if q.get("speaker")]
        unknown = [q["quote"] for q in rec["quotes"] if not q.get("speaker")]
        groups = _people(gold, scorer.name_words)
        people += len(groups)
        listed: set[int] = set()
        for sp in summarize_article(rec["text"], title=rec.get("title")).speakers:
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
                    print(f"  PANE-DUP [{rec['id']}] {sp.name!r} aliases={sp.aliases}")
            else:
                wrong += 1
                if unknown and all(
                    any(scorer.text_match(q, st.text) for q in unknown) for st in sp.statements
                ):
                    blank += 1  # said by someone the gold leaves blank (a pronoun)
                if verbose:
                    print(f"  PANE-NOT [{rec['id']}] {sp.name!r} aliases={sp.aliases}")
        missed += len(groups) - len(listed)
        if verbose:
            for i, g in enumerate(groups):
                if i not in listed:
                    print(f"  PANE-MISSED [{rec['id']}] {sorted(g)}")
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    ap.add_argument(
        "--scorer", type=Path, default=HERE.parents[2] / "shared" / "tools" / "quotes_score.py"
    )
    ap.add_argument("--only", action="append", help="only this set (label), repeatable")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false statements")
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
        res, _ = scorer.score(records, scorer.system_statements, a.verbose)
        pane = pane_tally(records, scorer, a.verbose)
        _timing(records[:3])  # warm-up: lazy imports, regex compilation
        ms = _timing(records)
        rows.append((label, role, len(records), res["quoted"], res["indirect"], pane, ms))
    print()
    print(
        f"{'set':14s} {'role':7s} {'n':>4s} | {'quoted P':>8s} {'R':>5s} {'F1':>5s} | "
        f"{'indir P':>7s} {'R':>5s} {'F1':>5s} | {'pane n':>6s} {'right':>5s} {'dup':>5s} "
        f"{'not':>5s} {'missed':>6s} | {'ms/art':>6s} | {'right*':>6s} {'not*':>5s}"
    )
    print("-" * 130)
    for label, role, n, q, ind, pane, ms in rows:
        print(
            f"{label:14s} {role:7s} {n:4d} | {q['P']:8.3f} {q['R']:5.3f} {q['F1']:5.3f} | "
            f"{ind['P']:7.3f} {ind['R']:5.3f} {ind['F1']:5.3f} | {pane['entries']:6d} "
            f"{pane['right']:5.3f} {pane['dup']:5.3f} {pane['not']:5.3f} {pane['missed']:6.3f} | "
            f"{ms:6.2f} | {pane['right*']:6.3f} {pane['not*']:5.3f}"
        )
    print(
        "(pane: shares of entries that are a right speaker / a duplicate / not a speaker;"
        " missed: share of gold people absent. ms/art: median CPU ms of extract_speakers."
        " right*/not*: the same without entries whose every statement has a blank gold speaker)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
