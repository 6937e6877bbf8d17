"""`newsdesk digest` run as a user runs it: the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from digest_data import NOW, NOW_TS, fill_store
from feedserver import FeedServer
from markdown_it import MarkdownIt
from markdown_shape import articles

from feeds.store import Store, content_hash
from summarize import SUMMARIZER_VERSION

EXPECTED = Path(__file__).parent / "expected"


def newsdesk_cmd() -> list[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "tui"]


def run(db: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSDESK_NOW": NOW}
    env.pop("NEWSDESK_DB", None)
    return subprocess.run(
        [*newsdesk_cmd(), "--db", str(db), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    fill_store(path).close()
    return path


def headings(text: str, level: int = 3) -> list[tuple[str, str | None]]:
    """(text, href) of every heading at `level`."""
    tokens = MarkdownIt("commonmark").parse(text)
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and t.tag == f"h{level}":
            children = tokens[i + 1].children or []
            href = next((c.attrs["href"] for c in children if c.type == "link_open"), None)
            out.append(("".join(c.content for c in children if c.type == "text"), href))
    return out


def test_digest_to_file_matches_expected(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "today.md"
    r = run(db, "digest", "--since", "24h", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    assert out.read_text(encoding="utf-8") == (EXPECTED / "digest_since_24h.md").read_text()


def test_digest_structure_parsed_with_markdown_it(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "today.md"
    assert run(db, "digest", "--since", "24h", "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    found = headings(text)
    assert [href for _, href in found] == [
        "http://tech.example/chips",
        "https://news.example/world/budget%20%28final%29?a=1&copy;x",
        None,  # javascript: is never a link
    ]
    assert [h for h, _ in headings(text, 2)] == ["Tech Daily", "World Wire"]
    secs = articles(text)
    assert [len(s["points"]) for s in secs] == [2, 3, 2]
    assert [s["sections"] for s in secs] == [["Key points", "Who said what"]] * 3
    assert secs[1]["speakers"] == [
        ("**Ruth Okafor** — Mayor", ["said: “This budget keeps the libraries open”"]),
        ("**Dan Pryce** — council member", ["said: the vote came too late for the schools"]),
    ]
    # Under its "## Feed" heading, an article does not repeat the feed's name.
    assert secs[1]["meta"] == "by Ana Field · 2026-03-01 10:00 UTC"
    assert "An old story" not in text  # outside --since


def test_digest_to_stdout(db: Path) -> None:
    r = run(db, "digest", "--since", "24h")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (EXPECTED / "digest_since_24h.md").read_text()


def test_feed_restricts(db: Path) -> None:
    r = run(db, "digest", "--feed", "tech daily")
    assert r.returncode == 0, r.stderr
    assert [h for h, _ in headings(r.stdout)] == ["1. New chip cuts power use in half"]
    assert r.stdout.startswith("# News digest: Tech Daily\n")


def test_tag_restricts_and_groups(db: Path) -> None:
    r = run(db, "digest", "--tag", "world", "--group-by", "tag")
    assert r.returncode == 0, r.stderr
    assert [h for h, _ in headings(r.stdout, 2)] == ["world"]
    assert len(headings(r.stdout)) == 3


def test_front_matter(db: Path) -> None:
    r = run(db, "digest", "--since", "24h", "--front-matter")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "---"
    end = lines.index("---", 1)
    fields = dict(line.split(": ", 1) for line in lines[1:end] if ": " in line)
    assert json.loads(fields["title"]) == "News digest"
    assert json.loads(fields["date"]) == "2026-03-01T12:00:00Z"
    assert json.loads(fields["period"]) == "2026-02-28 12:00 UTC to 2026-03-01 12:00 UTC"
    assert fields["article_count"] == "3"
    assert [json.loads(x[4:]) for x in lines[1:end] if x.startswith("  - ")] == [
        "Tech Daily",
        "World Wire",
    ]
    assert lines[end + 2] == "# News digest"


def test_mark_read_only_after_a_successful_write(db: Path, tmp_path: Path) -> None:
    bad = run(db, "digest", "--mark-read", "-o", str(tmp_path / "missing" / "d.md"))
    assert bad.returncode == 2
    with Store(db) as s:
        assert all(not a.read for a in s.articles())
    assert run(db, "digest", "--since", "24h").returncode == 0
    with Store(db) as s:
        assert all(not a.read for a in s.articles())  # no --mark-read: nothing marked
    r = run(db, "digest", "--since", "24h", "--mark-read", "-o", str(tmp_path / "d.md"))
    assert r.returncode == 0, r.stderr
    with Store(db) as s:
        read = {a.guid: a.read for a in s.articles()}
    assert read == {"ww-1": True, "ww-2": True, "td-1": True, "ww-old": False}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--feed", "No Such Feed"], "unknown feed: 'No Such Feed'"),
        (["--tag", "sports"], "unknown tag: 'sports'"),
        (["--since", "yesterday"], "bad duration"),
        (["--group-by", "author"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_2(db: Path, args: list[str], needle: str) -> None:
    r = run(db, "digest", *args)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("newsdesk: ") and needle in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("where", ["missing/d.md", "afile/d.md", "."])
def test_unwritable_output_exit_2_nothing_written(db: Path, tmp_path: Path, where: str) -> None:
    (tmp_path / "afile").write_text("x")
    before = sorted(p.name for p in tmp_path.iterdir())
    r = run(db, "digest", "-o", str(tmp_path / where))
    assert r.returncode == 2
    assert r.stderr.startswith("newsdesk: cannot write ") and r.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_real_summaries_are_made_cached_and_stable(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    fill_store(db, seed_digests=False).close()
    first = run(db, "digest", "--since", "24h")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # progress is drawn only on a terminal
    found = headings(first.stdout)
    assert len(found) == 3
    assert all(s["points"] for s in articles(first.stdout))
    with Store(db) as s:
        assert all(
            s.get_digest(content_hash(a.body), SUMMARIZER_VERSION)
            for a in s.articles()
            if a.guid != "ww-old"
        )
    assert run(db, "digest", "--since", "24h").stdout == first.stdout


def test_fifty_articles_one_section_each(tmp_path: Path) -> None:
    """The issue's check: 50 local articles, real summaries, exactly the expected structure."""
    from feeds.digests import cached_summary
    from feeds.models import ParsedEntry, ParsedFeed

    db = tmp_path / "fifty.db"
    towns = ["Ashford", "Brampton", "Carlow", "Dunmore", "Elmstead"]
    people = [("Ruth Okafor", "mayor"), ("Dan Pryce", "councillor"), ("Lena Voss", "engineer")]
    with Store(db) as store:
        for f, town in enumerate(towns):
            feed, _ = store.add_feed(
                f"https://{town.lower()}.example/feed", title=f"{town} News", policy="never"
            )
            entries = []
            for i in range(10):
                name, role = people[(f + i) % 3]
                entries.append(
                    ParsedEntry(
                        guid=f"{town}-{i}",
                        url=f"https://{town.lower()}.example/story/{i}",
                        title=f"{town} plans {i + 2} new parks",
                        published=NOW_TS - (f * 10 + i) * 600,
                        text=(
                            f"The {town} council approved {i + 2} new parks on Monday. "
                            f"The parks will open next spring near the river.\n\n"
                            f'"Every street will be a short walk from a park," said {name}, '
                            f"the town {role}. Work on the first park starts in May.\n\n"
                            f"The plan costs {i + 3} million pounds and adds {40 + i} trees."
                        ),
                    )
                )
            store.save_feed(feed.id, ParsedFeed(title=town, site_url=None, entries=entries))
    out = tmp_path / "today.md"
    r = run(db, "digest", "--since", "24h", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    found = headings(text)
    assert len(found) == 50
    assert all(href and href.startswith("https://") for _, href in found)
    assert [h for h, _ in headings(text, 2)] == [f"{t} News" for t in towns]
    with Store(db) as store:
        by_title = {a.title: cached_summary(store, a) for a in store.articles()}
    secs = articles(text)
    assert sorted(str(sec["title"]) for sec in secs) == sorted(by_title)
    for sec in secs:
        s = by_title[str(sec["title"])]
        assert s is not None
        assert len(sec["points"]) == len(s.key_points) > 0  # type: ignore[arg-type]
        assert len(sec["speakers"]) == len(s.speakers)  # type: ignore[arg-type]


PAGE = """<!DOCTYPE html><html><head><title>Ferry service returns</title></head><body>
<nav>Home | News | Sport</nav>
<article><h1>Ferry service returns</h1>
<p>The island ferry returned to service on Friday after a month of repairs to its engine.</p>
<p>"Passengers have waited long enough," said Captain Mira Holt, who has run the route for
ten years. The first crossing left the harbour at seven in the morning.</p>
<p>Tickets cost the same as before, and the timetable adds an extra evening crossing.</p>
</article><footer>Subscribe now</footer></body></html>
"""


@pytest.fixture
def page_server(feed_server: FeedServer) -> str:
    """The local server with the article page at /ferry (and nothing at /gone)."""
    feed_server.route("/ferry", PAGE, content_type="text/html; charset=utf-8")
    return feed_server.url("")


def test_teasers_get_full_text_before_summarising(tmp_path: Path, page_server: str) -> None:
    from feeds.models import ParsedEntry, ParsedFeed

    db = tmp_path / "teaser.db"
    with Store(db) as store:
        feed, _ = store.add_feed(f"{page_server}/feed.xml", title="Island Post")
        entries = [
            ParsedEntry(
                "f1",
                f"{page_server}/ferry",
                "Ferry service returns",
                published=NOW_TS - 600,
                text="The island ferry is back. Read more.",
            ),
            ParsedEntry(
                "f2",
                f"{page_server}/gone",
                "A missing page",
                published=NOW_TS - 1200,
                text="This page is gone from the server.",
            ),
        ]
        store.save_feed(feed.id, ParsedFeed(title="Island Post", site_url=None, entries=entries))
    r = run(db, "digest", "--since", "24h")
    assert r.returncode == 0, r.stderr
    assert "month of repairs" in r.stdout or "Mira Holt" in r.stdout
    assert "Subscribe" not in r.stdout
    assert len(headings(r.stdout)) == 2  # the unreachable page keeps its teaser
    with Store(db) as store:
        texts = {a.guid: a.full_text for a in store.articles()}
    assert texts["f1"] and "Mira Holt" in texts["f1"]
    assert texts["f2"] is None
