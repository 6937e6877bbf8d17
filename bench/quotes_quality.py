#!/usr/bin/env python3
"""Who-said-what quality and speed on the shared evaluation data.

Scores `summarize_article(...).speakers` with the project's scorer
(../shared/tools/quotes_score.py: P/R/F1 of (speaker, statement) pairs, quoted speech =
direct + mixed, and indirect speech) on quotes/dev.jsonl, quotes/polnear-dev.jsonl and
spec-quotes.json, and times `extract_speakers` alone (median ms per article, one core).

    python bench/quotes_quality.py [--data DIR] [--scorer PATH] [-v]
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

CORPORA = ("quotes/dev.jsonl", "quotes/polnear-dev.jsonl", "spec-quotes.json")


def _load_scorer(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("quotes_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"quotes_quality: cannot load scorer {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _timing(records: list[dict]) -> float:
    from summarize._document import parse_document
    from summarize._quotes import extract_speakers

    times = []
    for rec in records:
        doc = parse_document(rec["text"], title=rec.get("title"))
        t0 = time.perf_counter()
        extract_speakers(doc)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times) if times else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    ap.add_argument(
        "--scorer", type=Path, default=HERE.parents[2] / "shared" / "tools" / "quotes_score.py"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false statements")
    a = ap.parse_args()
    if not a.scorer.is_file():
        print(f"quotes_quality: scorer not found: {a.scorer}", file=sys.stderr)
        return 2
    scorer = _load_scorer(a.scorer)
    rows = []
    for rel in CORPORA:
        path = a.data / rel
        if not path.is_file():
            print(f"quotes_quality: skipping missing {path}", file=sys.stderr)
            continue
        records = scorer.load(str(path))
        res, _ = scorer.score(records, scorer.system_statements, a.verbose)
        _timing(records[:3])  # warm-up: lazy imports, regex compilation
        ms = _timing(records)
        rows.append((rel, len(records), res["quoted"], res["indirect"], ms))
    print()
    print(
        f"{'corpus':28s} {'n':>4s} | {'quoted P':>8s} {'R':>6s} {'F1':>6s} | "
        f"{'indirect P':>10s} {'R':>6s} {'F1':>6s} | {'ms/article':>10s}"
    )
    print("-" * 100)
    for rel, n, q, ind, ms in rows:
        print(
            f"{rel:28s} {n:4d} | {q['P']:8.3f} {q['R']:6.3f} {q['F1']:6.3f} | "
            f"{ind['P']:10.3f} {ind['R']:6.3f} {ind['F1']:6.3f} | {ms:10.2f}"
        )
    print("(ms/article: median time of extract_speakers alone, one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
