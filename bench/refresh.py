"""Refresh speed: `newsdesk refresh` against newsboat on the same local feeds.

Serves N feeds x 50 items from a local asyncio server on `--hosts` loopback
addresses (127.0.0.1, .2, ...: 20 by default, as a real list comes from many
sites; `--hosts 1` puts every feed on one host, where newsdesk's per-host limit
of 8 connections binds), 50 ms latency per request, ETag + Last-Modified, then
in one run times:

- `newsdesk import urls` + `newsdesk refresh` cold (empty store) and warm (all 304),
  and checks `newsdesk articles --json` lists every item;
- `newsboat -x reload` with `reload-threads 8` on the same urls file, cold and warm
  (when newsboat is installed; temp HOME, `-u urls -c cache.db -C config`).

Prints a table, the ratio, and newsdesk's peak memory (max RSS of the largest
process, from wait4, and the RSS summed over the refresh and its worker
processes, sampled from /proc in one extra untimed run). Figures only, never pass/fail.

    python bench/refresh.py [--feeds 100] [--items 50] [--latency 0.05] [--hosts 20] [--runs 3]
                            [--fresh]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import TreeMemory  # noqa: E402

TEXT = (
    "the council said on monday that its plan for the harbour would go ahead after a long "
    "debate about costs and the views of residents who had asked for more time to comment"
)
WORDS = TEXT.split()


# Items are dated from here: in 2023, outside any story window, so grouping takes its
# cheap path; `--fresh` dates them within the last two days, so new articles are grouped.
OLD_START = 1_700_000_000


def make_feed(n: int, items: int, base: str, start: float = OLD_START) -> bytes:
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
            f"<pubDate>{formatdate(start + n * 1000 + i * 60, usegmt=True)}</pubDate>"
            f"<author>reporter{i % 5}@example.com (Reporter {i % 5})</author>"
            f"<description>{escape(body)}</description></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode()


class Server:
    """An asyncio HTTP/1.1 server (keep-alive, ETag + Last-Modified) on its own thread.

    asyncio rather than `ThreadingHTTPServer`: a thread per connection stalls past
    ~16 concurrent clients on two cores, which would measure the server, not the
    readers. Feeds are spread over `hosts` loopback addresses (127.0.0.1, .2, ...):
    a real subscription list comes from many sites, and per-host limits apply per
    address.
    """

    def __init__(
        self, feeds: int, items: int, latency: float, hosts: int = 1, start: float = OLD_START
    ):
        self.latency = latency
        self.requests = 0
        self.not_modified = 0
        self.modified = formatdate(1_700_000_000, usegmt=True)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(hosts, ready), daemon=True).start()
        ready.wait()
        # Feed n lives on host n % hosts: every host serves about the same number.
        self.urls = [f"{self.bases[n % hosts]}/feed/{n}.xml" for n in range(feeds)]
        self.bodies = {
            f"/feed/{n}.xml": make_feed(n, items, self.bases[n % hosts], start)
            for n in range(feeds)
        }
        self.etags = {p: '"' + hashlib.md5(b).hexdigest() + '"' for p, b in self.bodies.items()}

    def _run(self, hosts: int, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        servers = []
        port = 0
        for h in range(hosts):  # the same port on every address: URLs differ by host only
            srv = self.loop.run_until_complete(
                asyncio.start_server(self._handle, f"127.0.0.{h + 1}", port, backlog=512)
            )
            port = srv.sockets[0].getsockname()[1]
            servers.append(srv)
        self.bases = [f"http://127.0.0.{h + 1}:{port}" for h in range(hosts)]
        ready.set()
        self.loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:  # headers and body in one write anyway; no Nagle stalls
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request, *lines = head.decode("latin-1").split("\r\n")
                path = request.split(" ")[1]
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (ln.partition(":") for ln in lines if ln)
                }
                await asyncio.sleep(self.latency)
                writer.write(self._respond(path, headers))
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    def _respond(self, path: str, headers: dict[str, str]) -> bytes:
        self.requests += 1  # only the server thread counts
        body = self.bodies.get(path)
        if body is None:
            return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        etag = self.etags[path]
        if headers.get("if-none-match") == etag or (
            "if-none-match" not in headers
            and _not_after(headers.get("if-modified-since"), self.modified)
        ):
            self.not_modified += 1
            return f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n\r\n".encode()
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nETag: {etag}\r\n"
            f"Last-Modified: {self.modified}\r\n\r\n"
        )
        return head.encode() + body

    def reset_counts(self) -> None:
        def reset() -> None:
            self.requests = self.not_modified = 0

        self.loop.call_soon_threadsafe(reset)
        time.sleep(0.01)


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
    ap.add_argument(
        "--hosts", type=int, default=20, help="loopback addresses the feeds are spread over"
    )
    ap.add_argument("--runs", type=int, default=3, help="cold/warm runs each; the median is shown")
    ap.add_argument(
        "--fresh",
        action="store_true",
        help="date the items within the last two days (then a refresh groups them into stories)",
    )
    args = ap.parse_args()

    start = time.time() - 2 * 86400 if args.fresh else OLD_START
    srv = Server(args.feeds, args.items, args.latency, args.hosts, start)
    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    urls = tmp / "urls"
    urls.write_text("".join(f"{u} bench\n" for u in srv.urls))
    nd = newsdesk_bin()
    loopback = ",".join(f"127.0.0.{h + 1}" for h in range(args.hosts))
    env = {**os.environ, "HOME": str(tmp), "NO_PROXY": loopback, "no_proxy": loopback}
    rows: list[tuple[str, str, float, float, str]] = []
    print(
        f"{args.feeds} feeds x {args.items} items on {args.hosts} hosts, "
        f"{args.latency * 1000:.0f} ms latency per request, {os.cpu_count()} CPUs, "
        f"median of {args.runs} runs" + (", items dated in the last two days" if args.fresh else "")
    )

    # Runs alternate, newsdesk then newsboat: a shared machine's speed drifts, and
    # drift should hit both alike.
    nb = shutil.which("newsboat")
    nb_config = tmp / "config"
    nb_config.write_text("reload-threads 8\nsuppress-first-reload yes\n")
    cold: list[float] = []
    warm: list[float] = []
    nb_cold: list[float] = []
    nb_warm: list[float] = []
    peak = listed = stored = warm_304 = nb_304 = 0
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
        with sqlite3.connect(db) as con:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        if nb and len(nb_cold) == run:  # newsboat: same urls, temp HOME, its own cache
            cache = tmp / f"nb{run}.db"
            cmd = [nb, "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(nb_config)]
            t, code, _rss, err = timed(cmd, env)
            if code != 0:
                print(f"newsboat failed ({code}): {err}")
                continue
            nb_cold.append(t)
            srv.reset_counts()
            t, code, _rss, err = timed(cmd, env)
            nb_warm.append(t)
            nb_304 = srv.not_modified

    # Memory in one more, untimed cold refresh: sampling /proc would slow the timed ones.
    db = tmp / "nd-memory.db"
    subprocess.run(
        [*nd, "--db", str(db), "import", str(urls)], check=True, capture_output=True, env=env
    )
    proc = subprocess.Popen(
        [*nd, "--db", str(db), "refresh"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    sampler = TreeMemory(proc.pid, every=0.02)
    sampler.start()
    proc.wait()
    sampler.stop()

    rows.append(("newsdesk", "cold", statistics.median(cold), min(cold), f"{listed} listed"))
    rows.append(
        ("newsdesk", "warm", statistics.median(warm), min(warm), f"{warm_304}/{args.feeds} 304")
    )
    if nb_cold:
        with sqlite3.connect(tmp / "nb0.db") as con:
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
    print(
        f"newsdesk peak memory: {peak / 1024:.1f} MB max RSS of one process, "
        f"{sampler.peak_kb / 1024:.1f} MB summed over the refresh and its workers"
    )
    if nb_cold:
        cold_ratio = statistics.median(cold) / statistics.median(nb_cold)
        warm_ratio = statistics.median(warm) / statistics.median(nb_warm)
        print(
            f"ratio newsdesk/newsboat: cold {cold_ratio:.2f}x, warm {warm_ratio:.2f}x"
            "  (target: cold <= 0.5x)"
        )
        if nb_304 == 0:
            print(
                "newsboat sent no If-None-Match / If-Modified-Since on its warm runs (it keeps"
                " ETag and Last-Modified in its cache but, in `-x reload`, did not send them"
                " here): its warm figure is a full re-download"
            )
    else:
        print("newsboat not installed: no comparison (apt-get install newsboat)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
