"""Story digests: ROUGE-1/2/Lsum F1 at 100 words of `summarize_story` on Wikinews stories.

Each Wikinews story cites 2-7 source articles; the reference is the Wikinews article.
Side by side: lead (the first sentences of the first source), and sumy's LexRank and
TextRank over all sources (one document). Wikinews writers summarise the first source
they cite, so lead knows the main source from the file's order, which `summarize_story`
is not told: two more rows show the order's weight, newsdesk given the members in
reverse order and lead taken from the longest source. Then each story, newsdesk against
lead. Every method's output is read in its order
and cut at 100 words, each point or sentence kept whole (the first always kept).

Also, for newsdesk: the share of points citing at least one member, the mean number of
members cited per point, and redundancy: the largest token-set Jaccard (content-word
stems) between two points of one digest, its mean and maximum over stories, and how
many point pairs reach 0.5, and how many pairs have 4 in 5 of the shorter point's words
inside the longer (with Jaccard 0.5, what `summarize_story` treats as saying the same
thing).

`--ecb`: a second, independent check on other stories (wikinews-dev is 20 stories and
the rules were developed on it). ECB+ has many outlets per real event but no reference
summaries, so each event with three or more articles is read leave-one-out: one article
is held out in turn (every other one), its lede (first sentences, 60 words) is the
reference, and the other articles are the story. A digest that carries what the outlets
agree on scores well; telling the story from any single outlet is a gamble on which
one the held-out article followed. Side by side: lead of the first and of the longest
remaining article, LexRank and TextRank over all of them.

    python bench/story_digest.py [--data DIR] [--ecb]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from digest_quality import _sentences, _sumy_method  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
WORDS = 100


def cut(units: list[str], budget: int = WORDS) -> list[str]:
    out: list[str] = []
    n = 0
    for u in units:
        w = len(u.split())
        if out and n + w > budget:
            break
        out.append(u)
        n += w
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--ecb", action="store_true", help="also the ECB+ leave-one-out check")
    args = ap.parse_args()
    path = args.data / "stories" / "wikinews-dev.jsonl"
    if not path.is_file():
        print(f"story_digest: no data at {path}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]

    from rouge_score import rouge_scorer

    from summarize import StoryItem, summarize_story
    from summarize.stories.digest import INSIDE, jaccard, point_stems

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    lexrank, textrank = _sumy_method("LexRank", 12), _sumy_method("TextRank", 12)
    stats = {"cited": 0, "points": 0, "sources": 0}
    redundancy: list[float] = []
    dup_pairs = inside_pairs = 0

    def newsdesk(row: dict, reverse: bool = False) -> list[str]:
        nonlocal dup_pairs, inside_pairs
        items = [
            StoryItem(f"{row['id']}-{k}", None, a, None, None)
            for k, a in enumerate(row["articles"])
        ]
        st = summarize_story(items[::-1] if reverse else items, max_points=10)
        kept = st.key_points[: len(cut([p.text for p in st.key_points]))]
        if reverse:  # the order check only: figures below are for the file's order
            return [p.text for p in kept]
        members = {i.id for i in items}
        stats["points"] += len(kept)
        stats["cited"] += sum(1 for p in kept if set(p.sources) & members)
        stats["sources"] += sum(len(set(p.sources)) for p in kept)
        pairs = [
            (point_stems(a.text), point_stems(b.text)) for a, b in itertools.combinations(kept, 2)
        ]
        sims = [jaccard(a, b) for a, b in pairs]
        redundancy.append(max(sims, default=0.0))
        dup_pairs += sum(1 for s in sims if s >= 0.5)
        inside_pairs += sum(
            1 for a, b in pairs if a and b and len(a & b) >= INSIDE * min(len(a), len(b))
        )
        return [p.text for p in kept]

    methods: dict[str, Callable[[dict], list[str]]] = {
        "newsdesk summarize_story": newsdesk,
        "lead (first source)": lambda r: cut(_sentences(r["articles"][0])),
        "sumy LexRank (all)": lambda r: cut(lexrank("\n".join(r["articles"]))),
        "sumy TextRank (all)": lambda r: cut(textrank("\n".join(r["articles"]))),
        # Not knowing which source the reference follows: the same with the order unknown.
        "newsdesk, members reversed": lambda r: newsdesk(r, reverse=True),
        "lead (longest source)": lambda r: cut(_sentences(max(r["articles"], key=len))),
    }
    per_story: dict[str, list[tuple[float, float]]] = {}
    print(f"{len(rows)} stories from {path}; {WORDS} words, units kept whole\n")
    head = "| method                     |    R-1 |    R-2 | R-Lsum | words | s/story |"
    print(head)
    print("|" + "|".join("-" * len(c) for c in head.split("|")[1:-1]) + "|")
    for name, fn in methods.items():
        r1, r2, rl, nw, secs = [], [], [], [], []
        for row in rows:
            t0 = time.perf_counter()
            out = fn(row)
            secs.append(time.perf_counter() - t0)
            nw.append(sum(len(u.split()) for u in out))
            sc = scorer.score(row["summary"], "\n".join(out))
            r1.append(sc["rouge1"].fmeasure)
            r2.append(sc["rouge2"].fmeasure)
            rl.append(sc["rougeLsum"].fmeasure)
        per_story[name] = list(zip(r1, r2, strict=True))
        print(
            f"| {name:<26} | {100 * statistics.fmean(r1):6.2f} | {100 * statistics.fmean(r2):6.2f}"
            f" | {100 * statistics.fmean(rl):6.2f} | {statistics.fmean(nw):5.1f}"
            f" | {statistics.median(secs):7.2f} |",
            flush=True,
        )
    nd, lead = per_story["newsdesk summarize_story"], per_story["lead (first source)"]
    print("\nper story, newsdesk vs lead (first source):\n")
    print("| story | sources | newsdesk R-1 / R-2 | lead R-1 / R-2 | R-1 | R-2 |")
    print("|-------|--------:|-------------------:|---------------:|-----|-----|")
    for row, (a1, a2), (b1, b2) in zip(rows, nd, lead, strict=True):
        print(
            f"| {row['id'].rsplit('-', 1)[-1]} | {len(row['articles'])} "
            f"| {100 * a1:5.1f} / {100 * a2:5.1f} | {100 * b1:5.1f} / {100 * b2:5.1f} "
            f"| {'win' if a1 > b1 else 'loss' if a1 < b1 else 'tie'} "
            f"| {'win' if a2 > b2 else 'loss' if a2 < b2 else 'tie'} |"
        )
    wins = [sum(a[i] > b[i] for a, b in zip(nd, lead, strict=True)) for i in (0, 1)]
    print(
        f"newsdesk beats lead on {wins[0]}/{len(rows)} stories (R-1), {wins[1]}/{len(rows)} (R-2)"
    )
    p = stats["points"]
    print(
        f"\nnewsdesk: {p} points kept; {stats['cited']}/{p} cite at least one member; "
        f"{stats['sources'] / max(p, 1):.2f} members cited per point"
    )
    print(
        f"redundancy (max token-set Jaccard between two points of a digest): mean "
        f"{statistics.fmean(redundancy):.3f}, max {max(redundancy):.3f}; "
        f"pairs >= 0.5: {dup_pairs}; pairs with {INSIDE:.0%} of the shorter inside the "
        f"longer: {inside_pairs}"
    )
    print("ROUGE F1 x100 (rouge-score, use_stemmer=True); s/story: median wall seconds.")
    if args.ecb:
        return ecb_check(args.data, scorer, lexrank, textrank)
    return 0


def ecb_check(data: Path, scorer, lexrank, textrank) -> int:  # type: ignore[no-untyped-def]
    """ECB+ events read leave-one-out: the held-out article's lede is the reference."""
    from summarize import StoryItem, summarize_story

    events: dict[str, list[dict]] = {}
    for part in ("train", "dev"):
        path = data / "stories" / f"ecbplus_{part}.jsonl"
        if not path.is_file():
            print(f"story_digest: no data at {path}", file=sys.stderr)
            return 2
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                events.setdefault(f"{part}:{a['cluster']}", []).append(a)

    def text(a: dict) -> str:  # the title is the article's first sentence
        return (a["title"] + "\n" + (a["text"] or "")).strip()

    methods: dict[str, Callable[[list[dict]], list[str]]] = {
        "newsdesk summarize_story": lambda m: [
            p.text
            for p in summarize_story(
                [StoryItem(a["id"], None, text(a), None, None) for a in m], max_points=10
            ).key_points
        ],
        "lead (first article)": lambda m: _sentences(text(m[0])),
        "lead (longest article)": lambda m: _sentences(max((text(a) for a in m), key=len)),
        "sumy LexRank (all)": lambda m: lexrank("\n".join(text(a) for a in m)),
        "sumy TextRank (all)": lambda m: textrank("\n".join(text(a) for a in m)),
    }
    scores: dict[str, list[tuple[float, float]]] = {k: [] for k in methods}
    n_events = 0
    for arts in events.values():
        if len(arts) < 3:
            continue
        n_events += 1
        for h in range(0, len(arts), 2):
            reference = " ".join(cut(_sentences(text(arts[h])), 60))
            members = arts[:h] + arts[h + 1 :]
            for name, fn in methods.items():
                sc = scorer.score(reference, "\n".join(cut(fn(members))))
                scores[name].append((sc["rouge1"].fmeasure, sc["rouge2"].fmeasure))
    n = len(scores["newsdesk summarize_story"])
    print(
        f"\nECB+ leave-one-out: {n} pseudo-stories from {n_events} events (train and dev); "
        "reference: the held-out article's first 60 words; 100 words, units kept whole\n"
    )
    head = "| method                   |    R-1 |    R-2 |"
    print(head)
    print("|" + "|".join("-" * len(c) for c in head.split("|")[1:-1]) + "|")
    for name, v in scores.items():
        r1 = 100 * statistics.fmean(a for a, _ in v)
        r2 = 100 * statistics.fmean(b for _, b in v)
        print(f"| {name:<24} | {r1:6.2f} | {r2:6.2f} |")
    nd = scores["newsdesk summarize_story"]
    for peer in ("lead (first article)", "sumy LexRank (all)"):
        wins = [sum(a[i] > b[i] for a, b in zip(nd, scores[peer], strict=True)) for i in (0, 1)]
        print(f"newsdesk beats {peer} on {wins[0]}/{n} (R-1), {wins[1]}/{n} (R-2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
