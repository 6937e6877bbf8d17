"""Reader start-up and key latency in a real terminal (tmux), side by side with newsboat.

    python bench/tui_startup.py [--runs 5] [--sizes 5000,20000] [--skip-keys]

1. A local HTTP server serves RSS feeds (100 items each) on 127.0.0.1; a store is
   filled with `newsdesk import` + `newsdesk refresh` (5,000, then 20,000 articles).
2. First paint: launch `newsdesk` in tmux at 120x40 and poll capture-pane until the
   newest article title is on screen (newsdesk's first frame comes from the store
   before Textual loads, see tui/splash.py); "ready" is until the Textual app has
   taken over (its footer shows). Alternate with newsboat on the same feeds (its
   first screen is the feed list, which it shows only after loading the cache).
   Time to interactive: launch again, press j as soon as the list shows, and poll
   until the cursor has moved (newsdesk: the status line's position; newsboat: its
   highlighted feed, moved with Down, its default cursor key).
3. Keys: once the app is ready, with 100 slow feeds added (each answers after 2 s),
   press R, then send 100 `j` and time each until the list's position counter moves
   on screen.

Prints figures only; it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from pathlib import Path

ITEMS = 100
BASE = 1_795_176_000  # fixed dates (Nov 2026)
NEWSDESK = [sys.executable, "-m", "tui"]
READY = (
    "^p Palette"  # only the Textual app draws its footer (the first frame from the store does not)
)


def rss(feed: int, items: int) -> bytes:
    parts = [
        '<?xml version="1.0"?><rss version="2.0"><channel>',
        f"<title>Bench feed {feed:03d}</title><link>http://127.0.0.1/</link>",
    ]
    for i in range(items):
        when = formatdate(BASE - (i * 500 + feed) * 60, usegmt=True)
        parts.append(
            f"<item><guid>f{feed}-i{i}</guid><title>Story {i} from feed {feed:03d}</title>"
            f"<link>http://127.0.0.1/a/{feed}/{i}</link><pubDate>{when}</pubDate>"
            f"<description>Paragraph about story {i}. The mayor said it was fine.</description>"
            "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        name = self.path.strip("/").split("/")
        try:
            kind, feed = name[0], int(name[1].split(".")[0])
        except (IndexError, ValueError):
            self.send_error(404)
            return
        if kind == "slow":
            time.sleep(2.0)
        body = rss(feed, ITEMS if kind != "slow" else 5)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> str:
    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a reader killed mid-response (end of a timing run) is expected

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]


def fill(db: Path, urls: list[str]) -> str:
    """Subscribe and refresh with the real commands; fall back to the store API if absent."""
    listing = db.parent / "urls"
    listing.write_text("".join(u + "\n" for u in urls))
    env = {**os.environ, "NEWSDESK_DB": str(db)}
    imp = run([*NEWSDESK, "import", str(listing)], env=env)
    ref = run([*NEWSDESK, "refresh"], env=env) if imp.returncode == 0 else imp
    if imp.returncode == 0 and ref.returncode in (0, 3):
        return "newsdesk refresh"
    import feedparser

    from feeds.models import ParsedEntry, ParsedFeed
    from feeds.store import Store

    with Store(db) as store:
        for url in urls:
            feed, _ = store.add_feed(url)
            import urllib.request

            parsed = feedparser.parse(urllib.request.urlopen(url).read())
            entries = [
                ParsedEntry(
                    e.id,
                    e.link,
                    e.title,
                    None,
                    time.mktime(e.published_parsed) - time.timezone,
                    e.summary,
                )
                for e in parsed.entries
            ]
            store.save_feed(feed.id, ParsedFeed(parsed.feed.title, None, entries))
    return f"store API (newsdesk refresh unavailable: {(ref.stderr or imp.stderr).strip()[:60]})"


def tmux(*args: str) -> str:
    return run(["tmux", *args]).stdout


def first_paint(cmd: str, marker: str, timeout: float = 60.0) -> float:
    tmux("kill-session", "-t", "bench")
    t0 = time.perf_counter()
    tmux("new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", cmd)
    try:
        while time.perf_counter() - t0 < timeout:
            if marker in tmux("capture-pane", "-p", "-t", "bench"):
                return (time.perf_counter() - t0) * 1000
            time.sleep(0.005)
        return float("nan")
    finally:
        tmux("kill-session", "-t", "bench")


def interactive(cmd: str, painted: str, key: str, moved: Callable[[str], bool]) -> float:
    """Time to interactive: launch, press `key` once the list shows, until the cursor moves.

    A person presses j as soon as they see the list; this is when that j takes effect
    (newsdesk queues keys typed over its first frame until the app runs them).
    """
    timeout = 60.0
    tmux("kill-session", "-t", "bench")
    t0 = time.perf_counter()
    tmux("new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", cmd)
    try:
        while painted not in tmux("capture-pane", "-p", "-t", "bench"):
            if time.perf_counter() - t0 > timeout:
                return float("nan")
            time.sleep(0.005)
        tmux("send-keys", "-t", "bench", key)
        sent = time.perf_counter()
        while not moved(tmux("capture-pane", "-p", "-e", "-t", "bench")):
            now = time.perf_counter()
            if now - t0 > timeout:
                return float("nan")
            if now - sent > 5.0:  # dropped (a program that flushes typeahead): press again
                tmux("send-keys", "-t", "bench", key)
                sent = now
            time.sleep(0.005)
        return (time.perf_counter() - t0) * 1000
    finally:
        tmux("kill-session", "-t", "bench")


def newsdesk_moved(screen: str) -> bool:
    """The status line's position is past the first article."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    return re.search(r"· (?!1/)\d+/\d", plain) is not None


def newsboat_moved(screen: str) -> bool:
    """newsboat highlights the selected feed (blue background): no longer the first one."""
    for row in screen.splitlines():
        if "Bench feed" in row and "\x1b[44m" in row.split("Bench feed")[0]:
            return "Bench feed 000" not in row
    return False


def newsboat_setup(tmp: Path, urls: list[str]) -> str | None:
    if not shutil.which("newsboat"):
        return None
    (tmp / "nb-urls").write_text("".join(u + "\n" for u in urls))
    (tmp / "nb-config").write_text("max-items 0\nshow-read-feeds yes\n")
    base = f"newsboat -u {tmp}/nb-urls -c {tmp}/nb-cache.db -C {tmp}/nb-config"
    run([*base.split(), "-x", "reload"], timeout=600)
    return base


def keys_under_refresh(db: Path, base: str, presses: int = 100) -> list[float]:
    env = f"NEWSDESK_DB={db}"
    tmux("kill-session", "-t", "bench")
    tmux(
        "new-session",
        "-d",
        "-s",
        "bench",
        "-x",
        "120",
        "-y",
        "40",
        f"env {env} {' '.join(NEWSDESK)}",
    )
    try:
        deadline = time.time() + 60
        # The app's footer, not the first frame's status line: keys are timed in the running app.
        while READY not in tmux("capture-pane", "-p", "-t", "bench"):
            if time.time() > deadline:
                return []
            time.sleep(0.02)
        tmux("send-keys", "-t", "bench", "R")
        time.sleep(0.5)
        out: list[float] = []
        for n in range(2, presses + 2):
            want = f"· {n}/"
            t0 = time.perf_counter()
            tmux("send-keys", "-t", "bench", "j")
            while want not in tmux("capture-pane", "-p", "-t", "bench"):
                if time.perf_counter() - t0 > 5:
                    break
            out.append((time.perf_counter() - t0) * 1000)
        status = [
            ln for ln in tmux("capture-pane", "-p", "-t", "bench").splitlines() if "articles" in ln
        ]
        print(f"  status line at the end: {status[-1].strip() if status else '?'}")
        return out
    finally:
        tmux("kill-session", "-t", "bench")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="5000,20000")
    ap.add_argument("--skip-keys", action="store_true")
    args = ap.parse_args()
    if not shutil.which("tmux"):
        print("tmux is not installed (apt-get install -y tmux)")
        return 1
    url = serve()
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmpdir:
        tmp = Path(tmpdir)
        for size in (int(s) for s in args.sizes.split(",")):
            work = tmp / f"n{size}"
            work.mkdir()
            urls = [f"{url}/feed/{i}.xml" for i in range(size // ITEMS)]
            db = work / "news.db"
            how = fill(db, urls)
            print(f"{size} articles: store filled via {how}")
            marker = "Story 0 from feed 000"
            nd = f"env NEWSDESK_DB={db} NEWSDESK_CONFIG={work}/none.toml {' '.join(NEWSDESK)}"
            nb = newsboat_setup(work, urls)
            ours, ready, theirs, tti, tti_nb = [], [], [], [], []
            for _ in range(args.runs):
                ours.append(first_paint(nd, marker))
                ready.append(first_paint(nd, READY))
                tti.append(interactive(nd, marker, "j", newsdesk_moved))
                if nb:
                    theirs.append(first_paint(nb, "Bench feed 000"))
                    # newsboat 2.x binds no j in its feed list by default: its cursor key
                    tti_nb.append(interactive(nb, "Bench feed 000", "Down", newsboat_moved))
            rows.append((size, ours, ready, theirs, tti, tti_nb))
            if size == int(args.sizes.split(",")[0]) and not args.skip_keys:
                slow = [f"{url}/slow/{i}.xml" for i in range(100)]
                listing = work / "slow-urls"
                listing.write_text("".join(u + "\n" for u in slow))
                run([*NEWSDESK, "--db", str(db), "import", str(listing)])
                keys = keys_under_refresh(db, url)
        print()
        print(f"Start-up (ms, median of {args.runs} runs)")
        print(f"{'articles':>9} | {'first paint':^21} | {'time to interactive':^21} | newsdesk")
        print(
            f"{'':>9} | {'newsdesk':>9} {'newsboat':>11} | {'newsdesk':>9} {'newsboat':>11} |"
            " app ready"
        )
        for size, ours, ready, theirs, tti, tti_nb in rows:
            o = statistics.median(ours)
            r = statistics.median(ready)
            t = statistics.median(theirs) if theirs else float("nan")
            i = statistics.median(tti)
            n = statistics.median(tti_nb) if tti_nb else float("nan")
            print(f"{size:>9} | {o:>9.0f} {t:>11.0f} | {i:>9.0f} {n:>11.0f} | {r:>9.0f}")
        print("first paint: newsdesk until the newest titles show (its first frame, drawn from")
        print("  the store before Textual loads); newsboat until its feed list shows.")
        print("time to interactive: from launch, pressing j (newsboat: Down, its default cursor")
        print("  key) as soon as the list shows, until the cursor has moved on screen.")
        print("app ready: until newsdesk's Textual app has taken over (its footer shows).")
        if not args.skip_keys:
            print()
            print("100 j keypresses during a refresh of 100 slow feeds (ms per key, rendered)")
            if keys:
                q = statistics.quantiles(keys, n=20)
                print(
                    f"median {statistics.median(keys):.1f} | p95 {q[18]:.1f} | max {max(keys):.1f}"
                )
            else:
                print("could not drive the reader")
    return 0


if __name__ == "__main__":
    sys.exit(main())
