"""Benchmark: `newsdesk digest` over 1,000 stored articles, empty digest cache vs warm cache.

Builds a throw-away store from ../shared/data/cnndm/dev.jsonl (read at run time,
never copied into the repo), then times the real command line twice:

    cold: no digest cached, every article is summarised (process pool)
    warm: every digest comes from the store's cache

Prints figures only; never passes or fails on time. Target: warm < 0.1 x cold.

    /work/venv/bin/python bench/digest_export.py [--articles 1000] [--warm-runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
sys.path.insert(0, str(ROOT))

from feeds.models import ParsedEntry, ParsedFeed  # noqa: E402
from feeds.store import Store, content_hash  # noqa: E402

NOW = "2026-03-01T12:00:00Z"
NOW_TS = datetime(2026, 3, 1, 12, tzinfo=UTC).timestamp()
FEEDS = 10
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[\"“‘A-Z])")


def load_stories(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["article"] for line in f if line.strip()]


def variant(text: str, v: int) -> str:
    """The story as paragraphs of 3+v sentences: distinct texts (and hashes) per variant."""
    sentences = _SENTENCE_END.split(text.strip())
    size = 3 + v
    return "\n\n".join(" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size))


def build_store(path: Path, stories: list[str], n: int) -> int:
    """n articles over FEEDS feeds, published over the last 24 h; returns distinct texts."""
    per_feed: dict[int, list[ParsedEntry]] = {f: [] for f in range(FEEDS)}
    hashes = set()
    for i in range(n):
        text = variant(stories[i % len(stories)], i // len(stories))
        hashes.add(content_hash(text))
        words = text.split()[:9]
        per_feed[i % FEEDS].append(
            ParsedEntry(
                guid=f"bench-{i}",
                url=f"http://127.0.0.1:9/story/{i}",
                title=" ".join(words),
                published=NOW_TS - (i * 86_000 / n),
                text=text,
            )
        )
    with Store(path) as store:
        for f, entries in per_feed.items():
            feed, _ = store.add_feed(
                f"http://127.0.0.1:9/feed{f}.xml",
                title=f"Bench feed {f:02d}",
                tags=[f"tag{f % 3}"],
                policy="never",  # local articles: never fetch pages
            )
            store.save_feed(
                feed.id, ParsedFeed(title=f"Bench feed {f:02d}", site_url=None, entries=entries)
            )
    return len(hashes)


def newsdesk() -> list[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "tui"]


def timed_digest(db: Path, out: Path) -> float:
    env = {**os.environ, "NEWSDESK_NOW": NOW}
    start = time.perf_counter()
    subprocess.run(
        [*newsdesk(), "--db", str(db), "digest", "--since", "24h", "-o", str(out)],
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--warm-runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DATA / "cnndm" / "dev.jsonl")
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"digest_export: no data at {args.data}; nothing to measure", file=sys.stderr)
        return 0
    stories = load_stories(args.data)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        distinct = build_store(db, stories, args.articles)
        cold = timed_digest(db, Path(tmp) / "cold.md")
        warm_times = [timed_digest(db, Path(tmp) / f"warm{i}.md") for i in range(args.warm_runs)]
        warm = statistics.median(warm_times)
        cold_md = (Path(tmp) / "cold.md").read_text(encoding="utf-8")
        same = all(
            (Path(tmp) / f"warm{i}.md").read_text(encoding="utf-8") == cold_md
            for i in range(args.warm_runs)
        )
        headings = sum(1 for line in cold_md.splitlines() if line.startswith("### "))
    n = args.articles
    print(
        f"digest_export: `newsdesk digest --since 24h -o FILE` over {n} articles "
        f"({distinct} distinct texts, {FEEDS} feeds), {os.cpu_count()} CPUs"
    )
    print()
    print("| digest cache | seconds | ms/article |")
    print("|---|---:|---:|")
    print(f"| empty (cold) | {cold:.2f} | {1000 * cold / n:.1f} |")
    print(f"| warm (median of {args.warm_runs}) | {warm:.2f} | {1000 * warm / n:.2f} |")
    print()
    print(f"warm / cold = {warm / cold:.3f}  (target < 0.1)")
    print(f"article headings in the digest: {headings}; warm output identical to cold: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
