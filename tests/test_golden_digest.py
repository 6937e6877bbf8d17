"""One golden digest made by the real summariser (no digest seeded in the store), through
`newsdesk digest` as a user runs it, from an article written for this test
(tests/texts/skarvik_ferry.txt). The expected file is tests/expected/golden_skarvik.md.

Regenerate after an intended change to the summariser (key points, quotes):

    UPDATE_GOLDEN=1 pytest tests/test_golden_digest.py

then read the diff against the review below and update the review.

Hand review of the current file (2026-11-30; what a reader should get from the article):
- Key points: 5 of the article's 14 sentences, in reading order, each the article's own
  words: twice as often from June (shortened to its main clause: the attribution "the
  regional transport board said on Wednesday" and the tail "ending years of complaints..."
  go whole), a second vessel, 14 million crowns a year, why islanders wanted it, the
  population fall. Right: the news and its cost and cause. Dropped, and arguably wanted:
  the opposition's objection (diesel, not electric) - a reader would not know the decision
  was disputed.
- Shape (issue 14): the article's anchor and linked title, "by Lena Strand · date" without
  the feed (the "## Coast News" section names it), "Key points" and "Who said what" one
  level down, each statement with its cue verb ("said:", "according to:").
- Who said what: right for Erik Sand (one reported, two direct), Petra Holm (her direct
  quote), the regional transport board and "the board" (reported lead and timetable), the
  statistics office, the Green Coast party and Jonas Berg (reported), and since 0.5.0 the
  islanders ("Islanders have long said the single daily return trip forced families to
  leave": a group speaker, an adverb before the cue; read and right). Known faults, kept
  so that a fix shows up as a diff here: Holm's role ("who chairs the transport board")
  is not found; her reported reply ("Holm said an electric ferry could not be delivered
  before 2029 ...") is missed; Berg's role is "transport spokesman" (SUMMARIZER_VERSION
  0.4.0 drops the "Its" of "Its transport spokesman"; it is still not resolved to the
  Green Coast party).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store

HERE = Path(__file__).parent
ARTICLE = HERE / "texts" / "skarvik_ferry.txt"
GOLDEN = HERE / "expected" / "golden_skarvik.md"
TITLE = "Ferry service to Skarvik islands to double next summer"
PUBLISHED = 1_795_089_600.0  # 2026-11-19 12:00 UTC
NOW = "2026-11-20T12:00:00Z"


def newsdesk_cmd() -> list[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "tui"]


def test_golden_digest_from_the_real_summariser(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        feed, _ = store.add_feed("http://127.0.0.1:9/coast.xml", title="Coast News")
        text = ARTICLE.read_text(encoding="utf-8")
        entry = ParsedEntry("sk1", "http://127.0.0.1:9/skarvik", TITLE, "Lena Strand",
                            PUBLISHED, text)  # fmt: skip
        store.save_feed(feed.id, ParsedFeed("Coast News", None, [entry]))
        assert store.db.execute("SELECT count(*) FROM digests").fetchone()[0] == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    r = subprocess.run(
        [*newsdesk_cmd(), "--db", str(db), "digest", "--no-fetch"],
        capture_output=True, text=True, timeout=120, env={**env, "NEWSDESK_NOW": NOW},
    )  # fmt: skip
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    if "1" in (os.environ.get("UPDATE_GOLDEN"), os.environ.get("NEWSDESK_UPDATE_EXPECTED")):
        GOLDEN.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == GOLDEN.read_text(encoding="utf-8")
    # The summariser had to choose: fewer points than the article has sentences.
    before_who = r.stdout.split("#### Who said what", 1)[0]
    points = [ln for ln in before_who.splitlines() if ln.startswith("- ")]
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert 3 <= len(points) < len(paragraphs) == 8
