"""Hostile feeds bench: `newsdesk refresh` over 500+ broken, hostile and ordinary feeds.

A loopback-only server (bench/hostile_corpus.py) serves the corpus; the real command
line imports it as a newsboat `urls` file, refreshes, and lists the result. Printed:
feeds read, per-feed errors by kind, how each case category fared, crashes (tracebacks
or unexpected exit codes: must be 0), control characters reaching any output (must be 0),
leaked secrets / external fetches (must be 0), wall time and peak memory of the refresh
(the largest process, and the whole process tree with its parse workers, sampled from
/proc), then a second, conditional refresh; then every body the server sends as is,
parsed alone in a worker with the default limits: the slowest parse, the largest
worker, and which went over a limit. Figures only: it never fails on time.

With the defaults no feed of the corpus overruns a limit, so a second phase (after the
figures above, which it does not change) shows that path: a fresh store with ordinary
feeds plus one feed built to overrun each limit, refreshed with lowered [limits] in a
config file, once with enough feeds for worker processes and once as a small refresh.

    python bench/hostile.py [--bomb-mb 1024] [--big-mb 50] [--only SUBSTRING] [--keep DIR]
                            [--once] [--no-limits-phase]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_corpus as hc  # noqa: E402
from proctree import TreeMemory  # noqa: E402

from feeds.errors import FeedError  # noqa: E402

# Controls that must never reach a terminal: C0 but tab/newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

ERROR_KINDS = [  # (kind, pattern over the one-line error), first match wins
    ("parse limit", r"parse (took|needed) over"),
    ("timeout", r"time[sd]? ?out|too slow|took too long|deadline"),
    ("too large", r"too (large|big)|larger than|size|exceed.*(mb|bytes|limit)|bomb"),
    ("redirects", r"redirect"),
    ("bad url", r"bad URL|not an http"),
    ("encoding", r"content-encoding|compressed|encod|charset|\butf|gzip|brotli"),
    ("connection", r"connect|disconnect|reset|refused|protocol|closed|network|unsupported"),
    ("http status", r"\bHTTP\b.*\d{3}|\b[45]\d\d\b|status|retry"),
    ("not a feed", r"not a feed|html|no feed|unknown format|unrecogni[sz]ed"),
    ("parse", r"pars|xml|json|malformed|syntax|invalid|entity|token"),
]


def newsdesk_cmd() -> list[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "tui"]


def error_kind(error: str) -> str:
    for kind, pattern in ERROR_KINDS:
        if re.search(pattern, error, re.IGNORECASE):
            return kind
    return "other"


class Run:
    """Runs newsdesk commands, keeping every output for the checks."""

    def __init__(self, db: Path, env: dict[str, str]):
        self.db, self.env = db, env
        self.outputs: list[tuple[str, str, str]] = []  # (what, stdout, stderr)
        self.crashes: list[str] = []
        self.tree_peak_kb = 0  # of the last command
        self.root_peak_kb = 0
        self.pss_peak_kb = 0
        self.at_peak: list[int] = []  # RSS (KiB) of each process at the tree's peak

    def __call__(
        self, *argv: str, ok_codes: tuple[int, ...] = (0,), timeout: float = 1800
    ) -> subprocess.CompletedProcess[bytes]:
        what = " ".join(argv)
        proc = subprocess.Popen(
            [*newsdesk_cmd(), "--db", str(self.db), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env,
        )
        sampler = TreeMemory(proc.pid)
        sampler.start()
        try:
            out_b, err_b = proc.communicate(timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            self.crashes.append(f"{what}: did not finish in {timeout:.0f} s")
            proc.kill()
            out_b, err_b = proc.communicate()
            code = -9
        finally:
            sampler.stop()
        self.tree_peak_kb = sampler.peak_kb
        self.root_peak_kb = sampler.root_peak_kb
        self.pss_peak_kb = sampler.pss_peak_kb
        root = sampler.at_peak.pop(proc.pid, 0)
        self.at_peak = [root, *sorted(sampler.at_peak.values(), reverse=True)]
        r = subprocess.CompletedProcess(argv, code, out_b, err_b)
        out = out_b.decode("utf-8", "replace")
        err = err_b.decode("utf-8", "replace")
        self.outputs.append((what, out, err))
        if "Traceback (most recent call last)" in err:
            self.crashes.append(f"{what}: traceback: {err.strip().splitlines()[-1][:160]}")
        elif r.returncode not in ok_codes and r.returncode != -9:
            self.crashes.append(f"{what}: exit {r.returncode}: {err.strip()[-160:]}")
        return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bomb-mb", type=int, default=1024, help="decompressed size of the bombs")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the oversized feeds")
    ap.add_argument("--only", help="only cases whose name contains this")
    ap.add_argument("--keep", metavar="DIR", help="keep the store and urls file here")
    ap.add_argument("--timeout", type=float, default=1800, help="give up on refresh after this")
    ap.add_argument("--once", action="store_true", help="skip the second (conditional) refresh")
    ap.add_argument(
        "--no-limits-phase", action="store_true", help="skip the lowered-[limits] phase"
    )
    ap.add_argument("--parse-figures", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.parse_figures:
        _parse_figures_here(args)
        return 0

    work = Path(args.keep or tempfile.mkdtemp(prefix="newsdesk-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    secret = f"NEWSDESK-SECRET-{secrets.token_hex(8)}"
    secret_file = work / "secret.txt"
    secret_file.write_text(secret + "\n")
    cases = hc.build_corpus(str(secret_file), bomb_mb=args.bomb_mb, big_mb=args.big_mb)
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    by_kind = {c.kind for c in cases}
    db = work / "hostile.db"
    for p in work.glob("hostile.db*"):
        p.unlink()
    env = {**os.environ, "NO_COLOR": "1", "NEWSDESK_NOW": "2024-01-03T00:00:00Z"}
    env.pop("NEWSDESK_DB", None)
    run = Run(db, env)

    with hc.HostileServer(cases) as srv:
        by_url = {srv.url(c): c for c in cases}
        urls = work / "urls"
        urls.write_text("".join(f"{srv.url(c)} {c.kind}\n" for c in cases))
        print(f"corpus: {len(cases)} feeds on {hc.HOSTS} loopback hosts ({work})", flush=True)
        run("import", str(urls))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.monotonic()
        r = run("refresh", ok_codes=(0, 3), timeout=args.timeout)
        wall = time.monotonic() - t0
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        refresh_code = r.returncode
        tree_peak_kb, root_peak_kb = run.tree_peak_kb, run.root_peak_kb
        pss_peak_kb = run.pss_peak_kb
        at_peak = run.at_peak
        feeds_r = run("feeds", "--json")
        run("feeds")
        run("articles")
        run("articles", "--json")
        run("articles", "--unread", "--since", "3650d")
        for kind in sorted({"injection", "entity", "encoding", "malformed"} & by_kind):
            run("digest", "--tag", kind)
        again = None  # the second refresh: conditional GETs with hostile validators, Retry-After
        if not args.once:
            t1 = time.monotonic()
            again = run("refresh", ok_codes=(0, 3), timeout=args.timeout).returncode
            again_wall = time.monotonic() - t1
            run("articles", "--json")
        canary_hits = srv.canary_hits()

    parses = parse_figures(args)

    # -- per-feed results
    try:
        feeds = json.loads(feeds_r.stdout or b"[]")
        if isinstance(feeds, dict):
            feeds = feeds.get("feeds", [])
    except json.JSONDecodeError:
        feeds = [json.loads(line) for line in feeds_r.stdout.splitlines() if line.strip()]
    read, failed, never = 0, Counter[str](), 0
    per_cat: dict[str, Counter[str]] = {}
    surprises: list[str] = []
    examples: dict[str, str] = {}
    for f in feeds:
        case = by_url.get(f.get("url", ""))
        cat = case.kind if case else "?"
        err = f.get("last_error") or f.get("error")
        total = f.get("total", f.get("articles", 0)) or 0
        tally = per_cat.setdefault(cat, Counter())
        if err and not f.get("last_success"):
            kind = error_kind(err)
            failed[kind] += 1
            tally["error"] += 1
            examples.setdefault(kind, f"{case.name if case else '?'}: {err}"[:110])
            if case and case.expect == "ok":
                surprises.append(f"expected ok, got error: {case.name}: {err[:80]}")
        elif f.get("last_success") or total:
            read += 1
            tally["read"] += 1
            if case and case.expect == "error":
                surprises.append(f"expected an error, was read: {case.name}")
            if case and case.expect == "ok" and total < case.min_items:
                surprises.append(f"{case.name}: {total} articles < {case.min_items}")
        else:
            never += 1
            tally["not attempted"] += 1

    # -- what reached output
    controls = 0
    control_where: Counter[str] = Counter()
    leaks: list[str] = []
    for what, out, err in run.outputs:
        for stream in (out, err):
            n = len(UNSAFE.findall(stream))
            controls += n
            if n:
                control_where[what] += n
            for needle in (secret, "root:x:0:0", "CANARY-FETCHED"):
                if needle in stream:
                    leaks.append(f"{needle[:20]} in `{what}` output")
        if "--json" in what:
            decoded = "".join(_strings(_loads(out)))
            n = len(UNSAFE.findall(decoded))
            controls += n
            if n:
                control_where[what + " (decoded)"] += n
    db_bytes = b"".join(p.read_bytes() for p in work.glob("hostile.db*"))
    for needle in (secret, "root:x:0:0", "CANARY-FETCHED"):
        if needle.encode() in db_bytes:
            leaks.append(f"{needle[:20]} stored in the database")

    # -- the table
    w = 46
    print()
    print(f"{'newsdesk hostile-feeds bench':<{w}}")
    print("-" * (w + 14))
    rows = [
        ("feeds in corpus", len(cases)),
        ("feeds listed by `feeds --json`", len(feeds)),
        ("feeds read (stored)", read),
        ("feeds with a one-line error", sum(failed.values())),
        ("feeds never attempted", never),
    ]
    rows += [(f"  error: {k}", n) for k, n in failed.most_common()]
    rows += [
        ("refresh exit code", refresh_code),
        ("crashes (tracebacks / bad exit codes)", len(run.crashes)),
        ("control characters reaching output", controls),
        ("secrets leaked / external fetches", f"{len(leaks)} / {canary_hits}"),
        ("refresh wall time", f"{wall:.1f} s"),
        *(
            [("second refresh: exit code, wall time", f"{again}, {again_wall:.1f} s")]
            if again is not None
            else []
        ),
        ("refresh peak memory (largest process)", f"{max(peak_kb, before) / 1024:.0f} MB"),
        ("refresh peak memory (whole process tree)", f"{tree_peak_kb / 1024:.0f} MB"),
        ("  of which the refresh process itself", f"{root_peak_kb / 1024:.0f} MB"),
        (
            "  at that peak: refresh + workers",
            " + ".join(f"{kb / 1024:.0f}" for kb in at_peak) + " MB",
        ),
        ("refresh peak memory (whole tree, summed PSS)", f"{pss_peak_kb / 1024:.0f} MB"),
    ]
    slow = sorted(parses, key=lambda p: -p[1])
    fat = max(parses, key=lambda p: p[2], default=("-", 0.0, 0, ""))
    rows += [
        ("slowest parse (one feed, in a worker)", f"{slow[0][1]:.1f} s" if slow else "-"),
        ("largest parse (peak RSS of its worker)", f"{fat[2] / 1024:.0f} MB"),
        ("parses stopped by a limit", sum(1 for p in parses if p[3])),
    ]
    for label, value in rows:
        print(f"{label:<{w}} {value:>12}")
    print("\nslowest parses (parse_feed alone, default limits):")
    for name, sec, _kb, limit in slow[:4]:
        print(f"  {sec:6.1f} s  {name}{f'  ({limit})' if limit else ''}")
    print(f"largest: {fat[0]}")
    print()
    print(f"{'category':<12} {'feeds':>6} {'read':>6} {'error':>6}")
    for cat in sorted(per_cat):
        t = per_cat[cat]
        print(f"{cat:<12} {sum(t.values()):>6} {t['read']:>6} {t['error']:>6}")
    if examples:
        print("\nexample errors:")
        for kind, text in sorted(examples.items()):
            print(f"  {kind:<12} {text}")
    for title, items in (
        ("crashes", run.crashes),
        ("controls in", [f"{k}: {n}" for k, n in control_where.items()]),
        ("leaks", leaks),
        ("surprises (not failures: expectations of the corpus)", surprises),
    ):
        if items:
            print(f"\n{title}:")
            for line in items[:25]:
                print(f"  {line}")
            if len(items) > 25:
                print(f"  ... {len(items) - 25} more")
    if not args.no_limits_phase:
        limits_phase(work, env)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


# -- phase 2: a parse over a lowered limit ----------------------------------------------

LOW_LIMITS = {"parse_timeout": 1, "parse_memory_mb": 64}
# (feeds in the refresh, path): as in tests/test_parse_limits.py, 30 feeds parse in
# worker processes; 6 is a small refresh, where only a big body goes to a worker.
LIMIT_RUNS = [(30, "worker processes"), (6, "small refresh")]


def _overrun_feeds() -> dict[str, str]:
    """name -> body built to overrun one lowered limit (as in tests/test_parse_limits.py)."""
    # 9,000 tiny items and an undefined entity: feedparser's loose parser, for seconds.
    slow = hc.rss2([hc.Item(f"Slow {i}", f"http://127.0.0.1/slow/{i}") for i in range(9000)])
    slow = slow.replace("<title>RSS 2 feed</title>", "<title>&bogus; Slow</title>", 1)
    # 4,000 well-formed items of 4 KB: the document, its tree and the text, over 64 MB.
    words = "<p>" + "Many words. " * 340 + "</p>"
    fat = hc.rss2(
        [hc.Item(f"Fat {i}", f"http://127.0.0.1/fat/{i}", body=words) for i in range(4000)]
    )
    return {"over-time": slow, "over-memory": fat}


def limits_phase(work: Path, env: dict[str, str]) -> None:
    print("\nphase 2: a parse over a (lowered) limit, `newsdesk refresh` with --config")
    cfg = work / "limits.toml"
    cfg.write_text("[limits]\n" + "".join(f"{k} = {v}\n" for k, v in LOW_LIMITS.items()))
    print("  [limits] " + ", ".join(f"{k} = {v}" for k, v in LOW_LIMITS.items()))
    hostile = _overrun_feeds()
    items = [hc.Item(f"Story {k}", f"http://127.0.0.1/s/{k}", guid=f"s{k}") for k in range(5)]
    n_max = max(n for n, _ in LIMIT_RUNS)
    cases = [hc.Case(name, "limit", body=body.encode()) for name, body in hostile.items()]
    cases += [
        hc.Case(f"ordinary-{i}", "ok", body=hc.rss2(items, f"Ordinary {i}").encode())
        for i in range(n_max - len(hostile))
    ]
    with hc.HostileServer(cases) as srv:
        for n, path in LIMIT_RUNS:
            db = work / f"limits-{n}.db"
            run = Run(db, env)
            chosen = cases[:n]
            urls = work / f"limits-{n}.urls"
            urls.write_text("".join(f"{srv.url(c)}\n" for c in chosen))
            run("import", str(urls))
            t0 = time.monotonic()
            r = subprocess.run(
                [*newsdesk_cmd(), "--db", str(db), "--config", str(cfg), "refresh"],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
            )
            wall = time.monotonic() - t0
            by_url = {srv.url(c): c.name for c in chosen}
            feeds = _loads(run("feeds", "--json").stdout.decode("utf-8", "replace"))
            if isinstance(feeds, dict):
                feeds = feeds.get("feeds", [])
            stored = 0
            errors: dict[str, str] = {}
            for f in feeds if isinstance(feeds, list) else []:
                name = by_url.get(f.get("url", ""), "?")
                err = f.get("last_error") or f.get("error")
                if name in hostile:
                    errors[name] = err or "(no error: stored)"
                elif f.get("last_success") and not err and f.get("total", 0) >= len(items):
                    stored += 1
            with closing(sqlite3.connect(db)) as con:
                integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
            crash = "Traceback" in r.stderr
            print(f"  {n} feeds ({path}), {wall:.1f} s:")
            for name in hostile:
                print(f"    {name:<30} {errors.get(name, '(not listed)')}")
            print(f"    other feeds stored, {len(items)} items each {stored} of {n - len(hostile)}")
            code = f"{r.returncode}{' (traceback!)' if crash else ''}"
            print(f"    refresh exit code              {code}")
            print(f"    PRAGMA integrity_check         {integrity}")
            for line in r.stderr.strip().splitlines():
                print(f"    stderr: {line[:100]}")


def parse_figures(args: argparse.Namespace) -> list[tuple[str, float, int, str]]:
    """(case, seconds, worker peak RSS in KiB, limit hit or "") for every body the server
    would send as is, each parsed alone by `parse_feed` in a worker with the default
    limits, as a refresh does (without the write). In a fresh process that holds one
    body at a time, like a refresh: a worker starts as a copy of it."""
    cmd = [sys.executable, __file__, "--parse-figures", "--bomb-mb", str(args.bomb_mb)]
    cmd += ["--big-mb", str(args.big_mb)] + (["--only", args.only] if args.only else [])
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if r.returncode:
        print(f"parse figures failed: {r.stderr.strip()[-300:]}")
        return []
    return [tuple(row) for row in json.loads(r.stdout)]  # type: ignore[misc]


def _parse_figures_here(args: argparse.Namespace) -> None:
    import asyncio

    from feeds.workers import LimitedPool, TaskLimits

    def bodies() -> Iterator[tuple[str, bytes]]:
        for c in hc.build_corpus(bomb_mb=args.bomb_mb, big_mb=args.big_mb):
            if args.only and args.only not in c.name:
                continue
            if c.behaviour == "serve" and c.status == 200 and c.body:
                body = c.body
                if c.headers.get("Content-Encoding") == "br":
                    import brotli

                    body = brotli.decompress(body)
                yield c.name, body
            elif c.behaviour == "many-items":
                mb, broken = int(c.headers["X-Size-MB"]), bool(c.headers.get("X-Broken"))
                yield c.name, hc.many_items_feed(mb, broken)
            elif c.behaviour == "generated":
                yield c.name, hc.GENERATED[c.headers["X-Body"]](int(c.headers.get("X-Size-MB", 0)))

    limits = TaskLimits()
    out: list[tuple[str, float, int, str]] = []

    async def run() -> None:
        pool = LimitedPool(1, limits)
        try:
            for name, body in bodies():
                try:
                    sec, kb = await pool.run(_timed_parse, f"http://127.0.0.1/f/{name}", data=body)
                    out.append((name, sec, kb, ""))
                except FeedError as exc:  # over a limit: the worker is gone
                    took, needed = "took" in str(exc), "needed" in str(exc)
                    kb = limits.memory // 1024 if needed else 0
                    out.append((name, limits.seconds if took else 0.0, kb, f"parse {exc}"))
                del body
        finally:
            pool.shutdown()

    asyncio.run(run())
    print(json.dumps(out))


def _timed_parse(body: bytes, url: str) -> tuple[float, int]:
    from feeds.parse import parse_feed

    t = time.monotonic()
    try:
        parse_feed(body, url)
    except FeedError:
        pass
    return time.monotonic() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        out = []
        for line in text.splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass
        return out


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


if __name__ == "__main__":
    sys.exit(main())
