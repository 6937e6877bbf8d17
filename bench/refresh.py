"""Refresh speed: `newsdesk refresh` against newsboat on the same local feeds.

Serves N feeds x 50 items from a local server (127.0.0.1, 50 ms latency per
request, ETag + Last-Modified), then in one run times:

- `newsdesk import urls` + `newsdesk refresh` cold (empty store) and warm (all 304),
  and checks `newsdesk articles --json` lists every item;
- `newsboat -x reload` with `reload-threads 8` on the same urls file, cold and warm
  (when newsboat is installed; temp HOME, `-u urls -c cache.db -C config`).

Prints a table, the ratio, and newsdesk's peak memory (max RSS of the refresh
process, from wait4). Figures only, never pass/fail.

    python bench/refresh.py [--feeds 100] [--items 50] [--latency 0.05] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

TEXT = (
    "the council said on monday that its plan for the harbour would go ahead after a long "
    "debate about costs and the views of residents who had asked for more time to comment"
)
WORDS = TEXT.split()


def make_feed(n: int, items: int, base: str) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>Bench feed {n}</title><link>{base}/site/{n}</link>",
        "<description>A feed for the refresh benchmark</description>",
    ]
    for i in range(items):
        words = [WORDS[(n * 7 + i * 3 + k) % len(WORDS)] for k in range(120)]
        body = "".join(f"<p>{' '.join(words[k : k + 30])}.</p>" for k in range(0, 120, 30))
        out.append(
            f"<item><title>Feed {n} story {i}: {' '.join(words[:6])}</title>"
            f"<link>{base}/a/{n}/{i}</link><guid>{base}/a/{n}/{i}</guid>"
            f"<pubDate>{formatdate(1_700_000_000 + n * 1000 + i * 60, usegmt=True)}</pubDate>"
            f"<author>reporter{i % 5}@example.com (Reporter {i % 5})</author>"
            f"<description>{escape(body)}</description></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode()


class Server:
    def __init__(self, feeds: int, items: int, latency: float):
        self.latency = latency
        self.requests = 0
        self.not_modified = 0
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 256
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.bodies = {f"/feed/{n}.xml": make_feed(n, items, self.base) for n in range(feeds)}
        self.etags = {p: '"' + hashlib.md5(b).hexdigest() + '"' for p, b in self.bodies.items()}
        self.modified = formatdate(1_700_000_000, usegmt=True)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        srv = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stalls

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                time.sleep(srv.latency)
                body = srv.bodies.get(self.path)
                with srv.lock:
                    srv.requests += 1
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = srv.etags[self.path]
                if self.headers.get("If-None-Match") == etag or (
                    not self.headers.get("If-None-Match")
                    and _not_after(self.headers.get("If-Modified-Since"), srv.modified)
                ):
                    with srv.lock:
                        srv.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", srv.modified)
                self.end_headers()
                self.wfile.write(body)

        return H

    def reset_counts(self) -> None:
        with self.lock:
            self.requests = self.not_modified = 0


def _not_after(since: str | None, modified: str) -> bool:
    """If-Modified-Since compared as dates (clients reformat the Last-Modified they got)."""
    if not since:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, str]:
    """(seconds, exit code, max RSS in KiB, stderr tail) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, proc.returncode, usage.ru_maxrss, err.decode(errors="replace")[-300:]


def newsdesk_bin() -> list[str]:
    exe = Path(sys.executable).with_name("newsdesk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tui"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--runs", type=int, default=3, help="cold/warm runs each; the median is shown")
    args = ap.parse_args()

    srv = Server(args.feeds, args.items, args.latency)
    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    urls = tmp / "urls"
    urls.write_text("".join(f"{srv.base}{p} bench\n" for p in srv.bodies))
    nd = newsdesk_bin()
    env = {**os.environ, "HOME": str(tmp), "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    rows: list[tuple[str, str, float, float, str]] = []
    print(
        f"{args.feeds} feeds x {args.items} items, {args.latency * 1000:.0f} ms latency per "
        f"request, {os.cpu_count()} CPUs, median of {args.runs} runs"
    )

    # -- newsdesk
    cold: list[float] = []
    warm: list[float] = []
    peak = 0
    listed = 0
    for run in range(args.runs):
        db = tmp / f"nd{run}.db"
        base = [*nd, "--db", str(db)]
        subprocess.run([*base, "import", str(urls)], check=True, capture_output=True, env=env)
        srv.reset_counts()
        t, code, rss, err = timed([*base, "refresh"], env)
        if code != 0:
            sys.exit(f"newsdesk refresh failed ({code}): {err}")
        cold.append(t)
        peak = max(peak, rss)
        out = subprocess.run(
            [*base, "articles", "--json"], check=True, capture_output=True, env=env
        ).stdout
        listed = out.count(b"\n")
        srv.reset_counts()
        t, code, rss, err = timed([*base, "refresh"], env)
        warm.append(t)
        peak = max(peak, rss)
        warm_304 = srv.not_modified
        with __import__("sqlite3").connect(db) as con:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    rows.append(("newsdesk", "cold", statistics.median(cold), min(cold), f"{listed} listed"))
    rows.append(
        ("newsdesk", "warm", statistics.median(warm), min(warm), f"{warm_304}/{args.feeds} 304")
    )

    # -- newsboat
    nb = shutil.which("newsboat")
    nb_cold: list[float] = []
    nb_warm: list[float] = []
    if nb:
        config = tmp / "config"
        config.write_text("reload-threads 8\nsuppress-first-reload yes\n")
        for run in range(args.runs):
            cache = tmp / f"nb{run}.db"
            cmd = [nb, "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)]
            t, code, _rss, err = timed(cmd, env)
            if code != 0:
                print(f"newsboat failed ({code}): {err}")
                break
            nb_cold.append(t)
            srv.reset_counts()
            t, code, _rss, err = timed(cmd, env)
            nb_warm.append(t)
            nb_304 = srv.not_modified
        if nb_cold:
            with __import__("sqlite3").connect(tmp / "nb0.db") as con:
                nb_items = con.execute("SELECT count(*) FROM rss_item").fetchone()[0]
            rows.append(
                ("newsboat", "cold", statistics.median(nb_cold), min(nb_cold), f"{nb_items} items")
            )
            rows.append(
                (
                    "newsboat",
                    "warm",
                    statistics.median(nb_warm),
                    min(nb_warm),
                    f"{nb_304}/{args.feeds} 304",
                )
            )

    print()
    print(f"{'reader':<10} {'refresh':<7} {'median s':>9} {'best s':>7}  note")
    for name, kind, med, best, note in rows:
        print(f"{name:<10} {kind:<7} {med:>9.3f} {best:>7.3f}  {note}")
    print()
    print(f"newsdesk stored {stored} articles, `articles --json` listed {listed}")
    print(f"newsdesk peak memory (max RSS of the refresh process): {peak / 1024:.1f} MB")
    if nb_cold:
        cold_ratio = statistics.median(cold) / statistics.median(nb_cold)
        warm_ratio = statistics.median(warm) / statistics.median(nb_warm)
        print(
            f"ratio newsdesk/newsboat: cold {cold_ratio:.2f}x, warm {warm_ratio:.2f}x"
            "  (target: cold <= 0.5x)"
        )
    else:
        print("newsboat not installed: no comparison (apt-get install newsboat)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
