"""`newsdesk stories` and `newsdesk digest --group-by story`, run as a user runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from story_data import FIRE

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store

NOW = time.time()
VOTE = (
    "Alpha News",
    "Lakeside council votes for new tram line",
    "The Lakeside council voted 31 to 12 for a tram line to the Marren estate; building "
    "starts in 2028, mayor Ida Fenn said.",
)


def newsdesk_cmd() -> list[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "tui"]


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env["NEWSDESK_CONFIG"] = str(db.parent / "none.toml")
    return subprocess.run(
        [*newsdesk_cmd(), "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        feeds: dict[str, int] = {}
        for k, (feed, title, text) in enumerate([*FIRE, VOTE]):
            if feed not in feeds:
                feeds[feed] = store.add_feed(f"http://{feed.split()[0].lower()}.test/rss")[0].id
            entry = ParsedEntry(
                f"g{k}",
                f"http://{feed.split()[0].lower()}.test/{k}",
                title,
                None,
                NOW - (10 - k) * 3600,
                text,
            )
            store.save_parsed(feeds[feed], ParsedFeed(feed, None, [entry]))
    return path


def test_stories_lists_one_event_across_feeds_most_sources_first(db: Path) -> None:
    out = run(db, "stories", "--json")
    assert out.returncode == 0, out.stderr
    stories = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(s["sources"], s["articles"]) for s in stories] == [(3, 3), (1, 1)]
    fire = stories[0]
    assert {m["feed"] for m in fire["members"]} == {"Alpha News", "Beta Post", "Gamma Wire"}
    assert "Orlov" in fire["title"] and fire["unread"] == 3

    only = run(db, "stories", "--min-sources", "2")
    assert only.returncode == 0
    lines = only.stdout.splitlines()
    assert len(lines) == 1 and "3 sources" in lines[0] and "Orlov" in lines[0]


def test_stories_usage_errors_are_one_line(db: Path) -> None:
    bad = run(db, "stories", "--min-sources", "0")
    assert bad.returncode == 2
    assert bad.stderr.startswith("newsdesk: ") and len(bad.stderr.splitlines()) == 1
    bad = run(db, "stories", "--since", "soon")
    assert bad.returncode == 2 and "bad duration" in bad.stderr


def test_digest_by_story_is_a_briefing_a_markdown_parser_reads(db: Path) -> None:
    out = run(db, "digest", "--group-by", "story")
    assert out.returncode == 0, out.stderr
    tokens = MarkdownIt("commonmark").parse(out.stdout)

    def heading(i: int) -> str:
        return tokens[i + 1].content

    h1 = [heading(i) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    h2 = [heading(i) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert h1 == ["News briefing"]
    assert len(h2) == 2 and "Orlov" in h2[0] and "tram" in h2[1]  # most sources first

    fire = out.stdout.split("\n## ")[1]
    sources = fire.split("### Sources")[1]
    links = re.findall(r"^(\d+)\. \[(.+?)\]\(<?(http[^>)]+)>?\)$", sources, re.M)
    assert [n for n, _, _ in links] == ["1", "2", "3"]
    assert {u for _, _, u in links} == {
        "http://alpha.test/0",
        "http://beta.test/1",
        "http://gamma.test/2",
    }
    points = fire.split("### Key points")[1].split("###")[0]
    bullets = [line for line in points.splitlines() if line.startswith("- ")]
    assert bullets
    for b in bullets:
        cited = re.findall(r"\[(\d)\]", b)
        assert cited and all(1 <= int(n) <= 3 for n in cited)
    said = fire.split("### Who said what")[1].split("###")[0]
    assert said.count("Hrasko") == 1  # one entry for the person across outlets
    number = {u: n for n, _, u in links}
    alpha, beta = number["http://alpha.test/0"], number["http://beta.test/1"]
    assert said.index("Everyone got out") < said.index(f"[{alpha}]")  # said in Alpha News
    assert said.index("very hot fire") < said.index(f"[{beta}]")  # and in Beta Post
