"""Story grouping: BCubed and pairwise P/R/F1 of `group_stories` on ECB+, and its speed.

Side by side with a TF-IDF cosine average-link baseline (plain lower-cased content
words, no names/numbers weighting) whose threshold is tuned on train. newsdesk's own
threshold is the shipped default (tuned on train once, by `--tune`); dev is scored with
exactly the same settings. "Within-topic confusion" counts the pairs of articles from
the two different events of one topic (same kind: two earthquakes) put in one story:
the hard negatives.

Speed: grouping 20,000 articles, and adding 1,000 new ones to a store of 20,000 (the
`StoryIndex` a refresh uses), on texts synthesised from ECB+ by replicating each event
with its names and numbers renamed per copy (so each copy is a different event of the
same kind), with a few words dropped per article. The 20,000 are grouped `--repeat`
times, each in a fresh process that has first grouped ECB+ train and dev (as this
script's own process has): the table gives the median, and the range of the runs, with
the load average at each run (the machine is shared; one noisy run should not decide).
From 4,000 articles `group_stories` reads terms and vectors on two processes
(`summarize/stories/parallel.py`): its CPU seconds are this process's and its worker's
(`RUSAGE_CHILDREN`), shown apart; the target is the wall time.
The clustering stage alone is timed without and with event signatures
(`summarize/stories/signature.py`): what they cost; and the checks after it
(`summarize/stories/refine.py`: a story split, a leftover joins).

    python bench/stories.py [--data DIR] [--tune] [--no-speed] [--repeat N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import statistics
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def items(rows: list[dict]):
    from summarize import StoryItem

    return [StoryItem(r["id"], r["title"], r["text"] or "", None, r["source"]) for r in rows]


def bcubed(groups: list[list[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    label = {i: k for k, g in enumerate(groups) for i in g}
    by_gold: dict[str, set[str]] = {}
    for i, c in gold.items():
        by_gold.setdefault(c, set()).add(i)
    by_pred = {k: set(g) for k, g in enumerate(groups)}
    p = r = 0.0
    for i, c in gold.items():
        pred = by_pred[label[i]]
        true = by_gold[c]
        both = len(pred & true)
        p += both / len(pred)
        r += both / len(true)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(groups: list[list[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    pred = {frozenset(pr) for g in groups for pr in itertools.combinations(g, 2)}
    by_gold: dict[str, list[str]] = {}
    for i, c in gold.items():
        by_gold.setdefault(c, []).append(i)
    true = {frozenset(pr) for g in by_gold.values() for pr in itertools.combinations(g, 2)}
    tp = len(pred & true)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(true) if true else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def confusion(groups: list[list[str]], rows: list[dict]) -> tuple[int, int]:
    """Pairs from the two different events of one topic put together / all such pairs."""
    info = {r["id"]: (r["topic"], r["cluster"]) for r in rows}
    bad = 0
    for g in groups:
        for a, b in itertools.combinations(g, 2):
            if info[a][0] == info[b][0] and info[a][1] != info[b][1]:
                bad += 1
    total = 0
    by_topic: dict[str, Counter[str]] = {}
    for r in rows:
        by_topic.setdefault(r["topic"], Counter())[r["cluster"]] += 1
    for cnt in by_topic.values():
        sizes = list(cnt.values())
        total += sum(x * y for x, y in itertools.combinations(sizes, 2))
    return bad, total


_BASE_WORD = re.compile(r"[a-z0-9]+")


def baseline_groups(rows: list[dict], threshold: float) -> list[list[str]]:
    """Plain TF-IDF cosine (lower-cased words, stop words out), average link."""
    from summarize._text import stop_words
    from summarize.stories.group import _groups, average_link

    stops = stop_words()
    tfs = []
    for r in rows:
        text = f"{r['title']} {r['text'] or ''}".lower()
        tfs.append(Counter(w for w in _BASE_WORD.findall(text) if w not in stops))
    df: Counter[str] = Counter()
    for t in tfs:
        df.update(t.keys())
    n = len(rows)
    vecs = []
    for t in tfs:
        v = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1) for w, c in t.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    sims = _full_sims(vecs)
    labels = average_link([1] * n, sims, threshold)
    return _groups([r["id"] for r in rows], labels)


def _full_sims(vecs):
    post: dict[str, list[tuple[int, float]]] = {}
    for i, v in enumerate(vecs):
        for w, x in v.items():
            post.setdefault(w, []).append((i, x))
    sims: dict[tuple[int, int], float] = {}
    for pl in post.values():
        for a in range(len(pl)):
            i, wi = pl[a]
            for j, wj in pl[a + 1 :]:
                sims[(i, j)] = sims.get((i, j), 0.0) + wi * wj
    return sims


def ours(rows: list[dict], threshold: float | None = None) -> list[list[str]]:
    from summarize import group_stories
    from summarize.stories.group import doc_of, group_docs

    if threshold is None:
        return group_stories(items(rows))
    return group_docs([doc_of(i) for i in items(rows)], threshold=threshold)


def tune(fn, rows, grid) -> tuple[float, float]:
    gold = {r["id"]: r["cluster"] for r in rows}
    best = max(grid, key=lambda t: bcubed(fn(rows, t), gold)[2])
    return best, bcubed(fn(rows, best), gold)[2]


def score_row(name: str, groups, rows) -> str:
    gold = {r["id"]: r["cluster"] for r in rows}
    bp, br, bf = bcubed(groups, gold)
    pp, pr, pf = pairwise(groups, gold)
    bad, total = confusion(groups, rows)
    return (
        f"| {name:<28} | {bp:.3f} | {br:.3f} | **{bf:.3f}** | {pp:.3f} | {pr:.3f} | {pf:.3f} "
        f"| {len(groups):>3} | {bad}/{total} ({bad / total:.1%}) |"
    )


def _letters(k: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "ba": a copy's mark in letters only."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = chr(97 + r) + out
        if not k:
            return out


def synth(rows: list[dict], n: int, seed: int) -> list[dict]:
    """`n` articles: copies of ECB+ events, each copy a different event of the same kind.

    Per copy, names and numbers are renamed (a mark in letters: "Karsk" -> "Karskxb"),
    and about 70% of the other words are replaced by others from the corpus's own words,
    picked per copy, so two copies share what two earthquakes share (a third of their
    ordinary words) and not their names, and the vocabulary grows as a real store's does
    (by names, not by invented words); 5% of words dropped per article.
    """
    rng = random.Random(seed)
    word = re.compile(r"\b([A-Za-z]+|\d[\d.,]*)\b")
    vocab = sorted({w for r in rows for w in re.findall(r"\b[a-z]+\b", r["text"] or "")})
    out = []
    copy = 0
    while len(out) < n:
        tag = str(copy)
        mark = _letters(copy)  # letters: "Karsk" -> "Karskxb" stays a name, not a number

        def rename(m: re.Match[str], copy: int = copy, tag: str = tag, mark: str = mark) -> str:
            w = m[1]
            if w[0].isupper() or w[0].isdigit():
                return w + "x" + mark
            if copy and zlib.crc32(f"{w} {tag}".encode()) % 10 < 7:
                return vocab[zlib.crc32(f"{tag} {w}".encode()) % len(vocab)]
            return w

        for r in rows:
            keep = [w for w in (r["text"] or "").split() if rng.random() > 0.05]
            out.append(
                {
                    "id": f"{r['id']}~{copy}",
                    "title": word.sub(rename, r["title"]),
                    "text": word.sub(rename, " ".join(keep)),
                }
            )
            if len(out) >= n:
                break
        copy += 1
    return out


def _clock(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def store_speed(base: list[dict], extra: list[dict]):
    """`feeds.stories.assign_stories` on a real SQLite store: 20,000 articles from 100
    feeds over the last two days grouped at once, then 1,000 new ones (what a refresh
    does: read the open stories' terms, place the new, write in one transaction)."""
    import tempfile

    from feeds.models import ParsedEntry, ParsedFeed
    from feeds.store import Store
    from feeds.stories import assign_stories

    now = time.time()

    def fill(store: Store, rows: list[dict], hours: float, tag: str) -> None:
        for n in range(100):
            feed = store.add_feed(f"http://feed{n}.test/rss")[0]
            entries = [
                ParsedEntry(
                    f"{tag}{k}",
                    None,
                    r["title"],
                    None,
                    now - hours * 3600 * k / len(rows),
                    r["text"],
                )
                for k, r in enumerate(rows)
                if k % 100 == n
            ]
            store.save_parsed(feed.id, ParsedFeed(f"Feed {n}", None, entries))

    with tempfile.TemporaryDirectory() as d, Store(Path(d) / "s.db") as store:
        fill(store, base, 48, "a")
        _, w1, c1 = _clock(lambda: assign_stories(store, now=now))
        fill(store, extra, 1, "b")
        _, w2, c2 = _clock(lambda: assign_stories(store, now=now))
    return (w1, c1), (w2, c2)


def signature_cost(docs) -> tuple[float, float, float]:
    """CPU seconds of the clustering stage on the same pair similarities, without event
    signatures and with them (made, checked before each merge, merged): their cost; and
    of the checks after clustering (`summarize/stories/refine.py`: split, attach)."""
    from summarize.stories import signature as sg
    from summarize.stories.group import (
        MAX_GAP,
        THRESHOLD,
        _pair_sums,
        _refine,
        average_link,
        no_gc,
    )
    from summarize.stories.represent import idf_table, idf_weights, vector

    with no_gc():
        df, n = idf_table(d.terms for d in docs)
        idf = idf_weights(df, n)
        vecs = [vector(d.terms, df, n, idf=idf) for d in docs]
        sims = _pair_sums(vecs, [None] * n, MAX_GAP)
        _, _, plain = _clock(lambda: average_link([1] * n, sims, THRESHOLD))

        def signed() -> list[int]:
            kept = sg.signature_terms(df)
            signs = [sg.signature(d.terms, kept) for d in docs]
            return average_link([1] * n, sims, THRESHOLD, signs=signs)

        labels, _, with_signs = _clock(signed)
        kept = sg.signature_terms(df)
        signs = [sg.signature(d.terms, kept) for d in docs]
        _, _, checks = _clock(lambda: _refine(labels, [1] * n, sims, vecs, signs))
    return plain, with_signs, checks


def timed_grouping(data: Path, path: Path, one_process: bool = False) -> None:
    """(a child process) Group ECB+ train and dev, then time `group_stories` on the
    articles in `path` (JSON lines), on one process if asked; print the figures and the
    groups as one JSON line."""
    from summarize import StoryItem, group_stories

    d = data / "stories"
    for name in ("ecbplus_train.jsonl", "ecbplus_dev.jsonl"):
        group_stories(items(load(d / name)))
    its = [StoryItem(r["id"], r["title"], r["text"], None, None) for r in load(path)]
    least = len(its) + 1 if one_process else None
    before = _children_cpu()
    groups, wall, cpu = _clock(lambda: group_stories(its, parallel_min=least))
    worker = _children_cpu() - before
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu + worker,
                "worker": worker,
                "load": os.getloadavg()[0],
                "groups": groups,
            }
        )
    )


def _children_cpu() -> float:
    """CPU seconds (user and system) of this process's finished child processes:
    `group_stories`'s worker (`summarize/stories/parallel.py`)."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


@dataclass
class Runs:
    """Fresh-process runs of one way of grouping: seconds and load average per run."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # the process and its worker
    workers: list[float] = field(default_factory=list)  # the worker alone
    loads: list[float] = field(default_factory=list)


def group_runs(data: Path, base: list[dict], repeat: int) -> tuple[list, Runs, Runs]:
    """`group_stories` on `base`, `repeat` times as shipped (two processes) and
    `repeat` times on one process, alternating (which goes first alternates too), each
    in a fresh process: (groups, the two-process runs, the one-process runs); every run
    must group alike."""
    import subprocess
    import tempfile

    two, one = Runs(), Runs()
    groups = None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in base), "utf-8")
        for k in range(repeat):
            for single in (False, True) if k % 2 == 0 else (True, False):
                cmd = [sys.executable, __file__, "--data", str(data), "--timed-grouping", str(path)]
                out = subprocess.run(
                    cmd + (["--one-process"] if single else []),
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                run = json.loads(out.splitlines()[-1])
                if groups is not None and run["groups"] != groups:
                    sys.exit("group_stories grouped the same articles differently in two runs")
                groups = run["groups"]
                runs = one if single else two
                runs.walls.append(run["wall"])
                runs.cpus.append(run["cpu"])
                runs.workers.append(run["worker"])
                runs.loads.append(run["load"])
    return groups, two, one


def speed(rows: list[dict], data: Path, repeat: int) -> None:
    from summarize import StoryItem
    from summarize.stories.group import StoryIndex, doc_of

    big = synth(rows, 21000, seed=1)
    random.Random(2).shuffle(big)
    base, extra = big[:20000], big[20000:]
    its = [StoryItem(r["id"], r["title"], r["text"], None, None) for r in base]
    groups, two, one = group_runs(data, base, repeat)
    med = statistics.median

    plain, signed, checks = signature_cost([doc_of(i) for i in its])

    # A store of 20,000: each article's terms kept with its story id (what feeds/ keeps).
    def store():
        docs = [doc_of(i) for i in its]
        label = {i: g[0] for g in groups for i in g}
        for d in docs:
            d.story = label[d.id]
        return StoryIndex.build(docs)

    index, b_wall, b_cpu = _clock(store)
    new = [StoryItem(r["id"], r["title"], r["text"], None, None) for r in extra]
    placed, a_wall, a_cpu = _clock(lambda: index.add([doc_of(i) for i in new]))
    joined = sum(1 for k, v in placed.items() if v != k)
    s_first, s_add = store_speed(base, extra)
    print()
    print("| speed (synthetic; 2 shared cores)             | wall s | CPU s | target |")
    print("|-----------------------------------------------|-------:|------:|-------:|")
    ways = (
        ("group 20,000 articles (`group_stories`)", two, "< 10"),
        ("(the same on one process: the peer)", one, ""),
    )
    for name, runs, target in ways:
        print(f"| {name:<45} | {med(runs.walls):6.2f} | {med(runs.cpus):5.2f} | {target} |")
        span = (
            f"{min(runs.walls):.2f}-{max(runs.walls):.2f} "
            f"| {min(runs.cpus):.2f}-{max(runs.cpus):.2f}"
        )
        label = f"(range of {len(runs.walls)} runs; median above)"
        print(f"| {label:<45} | {span} |  |")
        if runs is two:
            label = "(CPU of the worker process, in the above)"
            print(f"| {label:<45} |        | {med(two.workers):5.2f} |  |")
    print(f"| add 1,000 to a store of 20,000 (`StoryIndex`) | {a_wall:6.2f} | {a_cpu:5.2f} | < 1 |")
    print(f"| (index of the 20,000 from their terms, once)  | {b_wall:6.2f} | {b_cpu:5.2f} |  |")
    print(f"| (clustering the 20,000, without signatures)   |        | {plain:5.2f} |  |")
    print(f"| (the same with event signatures)              |        | {signed:5.2f} |  |")
    print(f"| (the checks after it: split, attach)          |        | {checks:5.2f} |  |")
    (f_wall, f_cpu), (n_wall, n_cpu) = s_first, s_add
    print(f"| store: first grouping of 20,000 (SQLite)      | {f_wall:6.2f} | {f_cpu:5.2f} |  |")
    print(f"| store: 1,000 new after a refresh (SQLite)     | {n_wall:6.2f} | {n_cpu:5.2f} |  |")
    # Each copy of an ECB+ event is an event of its own: the synthetic set's gold stories.
    event = {r["id"]: r["cluster"] for r in rows}
    gold = {r["id"]: f"{event[r['id'].split('~')[0]]}~{r['id'].split('~')[1]}" for r in base}
    _, _, f1 = bcubed(groups, gold)
    print(
        f"\n20,000 articles -> {len(groups)} stories ({len(set(gold.values()))} gold, "
        f"BCubed F1 {f1:.3f}); of the 1,000 new, {joined} joined an existing story. "
        f"Load average at the end: {os.getloadavg()[0]:.1f}"
    )
    for name, runs in (("on two processes", two), ("on one process", one)):
        print(
            f"group 20,000 {name}, {len(runs.cpus)} runs, each in a fresh process "
            "(alternating): wall s "
            + " ".join(f"{w:.2f}" for w in runs.walls)
            + "; CPU s "
            + " ".join(f"{c:.2f}" for c in runs.cpus)
            + (
                " (the worker's " + " ".join(f"{c:.2f}" for c in runs.workers) + ")"
                if runs is two
                else ""
            )
            + "; load average at each run's end "
            + " ".join(f"{x:.1f}" for x in runs.loads)
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--tune", action="store_true", help="also tune newsdesk's threshold on train")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the 20,000 grouping, each way (default 3)",
    )
    ap.add_argument("--timed-grouping", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--one-process", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.timed_grouping:
        timed_grouping(args.data, args.timed_grouping, args.one_process)
        return
    d = args.data / "stories"
    if not (d / "ecbplus_train.jsonl").exists():
        sys.exit(f"no data in {d}")
    train, dev = load(d / "ecbplus_train.jsonl"), load(d / "ecbplus_dev.jsonl")
    grid = [round(0.02 * k, 2) for k in range(2, 30)]
    bt, bf = tune(baseline_groups, train, grid)
    print(f"baseline threshold tuned on train: {bt} (train BCubed F1 {bf:.3f})")
    if args.tune:
        ot, of = tune(ours, train, grid)
        print(f"newsdesk threshold tuned on train: {ot} (train BCubed F1 {of:.3f})")
    from summarize.stories.group import THRESHOLD

    print(f"newsdesk threshold (shipped default): {THRESHOLD}")
    head = (
        "| set / method                 | B3 P  | B3 R  | B3 F1     | pw P  | pw R  | pw F1 "
        "| #st | within-topic pairs merged |"
    )
    print()
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for name, rows in (("train", train), ("dev", dev)):
        print(score_row(f"{name}: TF-IDF avg-link @{bt}", baseline_groups(rows, bt), rows))
        print(score_row(f"{name}: newsdesk", ours(rows), rows))
    gold_n = {n: len({r["cluster"] for r in rows}) for n, rows in (("train", train), ("dev", dev))}
    print(f"\ngold stories: train {gold_n['train']}, dev {gold_n['dev']}")
    if not args.no_speed:
        speed(train + dev, args.data, args.repeat)


if __name__ == "__main__":
    main()
