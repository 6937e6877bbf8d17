"""A refresh for the reader, run in a child process:

    python -m tui.refresh_child [--limits JSON] [--story-window SECONDS] DB [FEED_ID]...

`--limits` carries the reader's [limits] settings (FetchLimits fields) and
`--story-window` its [stories] window; without them they come from the settings file
at NEWSDESK_CONFIG or the default path.

The reader starts this instead of refreshing on its own event loop, so fetching,
parsing and writing hundreds of feeds never takes the UI's CPU or GIL; it only
reads the progress lines. The child opens its own Store (SQLite WAL: the reader
keeps reading while it writes) and calls `feeds.refresh.refresh_feeds`.

Output on stdout, one JSON object per line:
    {"progress": {"done": 3, "total": 150, "new": 12, "phase": "feeds"}}
    {"report": {"feeds": 150, "new": 500, "failed": [{"title": …, "url": …, "error": …}]}}
    {"error": "one line"}                    (then exit 1)
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

_USAGE = "[--limits JSON] [--story-window SECONDS] DB [FEED_ID]..."


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


async def _refresh(
    db: Path, feed_ids: list[int] | None, limits: Any, story_window: float
) -> dict[str, Any]:
    from feeds.refresh import refresh_feeds
    from feeds.store import Store

    new = 0

    def progress(p: Any) -> None:
        nonlocal new
        if p.result is not None:
            new += p.result.new
        _emit({"progress": {"done": p.done, "total": p.total, "new": new, "phase": p.phase}})

    with Store(db) as store:
        report = await refresh_feeds(
            store, feed_ids, progress=progress, limits=limits, story_window=story_window
        )
    return {
        "feeds": len(report.ok),
        "new": report.new_articles,
        "failed": [{"title": r.title, "url": r.url, "error": r.error} for r in report.failed],
    }


def _settings(limits: str | None, window: str | None) -> tuple[Any, float]:
    """FetchLimits from `--limits JSON` and the story window from `--story-window`; what
    is not given comes from the settings file ([limits], [stories] window)."""
    from .config import Settings, load_settings
    from .errors import CliError
    from .paths import config_path

    found: Settings | None = None
    if limits is None or window is None:
        try:
            found = load_settings(config_path())
        except CliError:  # a bad file is reported by the reader and `newsdesk refresh`
            found = None
    if limits is not None:
        fetch = Settings(limits=json.loads(limits)).fetch_limits()
    else:
        fetch = found.fetch_limits() if found else None
    story_window = float(window) if window is not None else (found or Settings()).story_window
    return fetch, story_window


def main(argv: list[str]) -> int:
    try:
        given: dict[str, str] = {}
        while argv[:1] in (["--limits"], ["--story-window"]):
            given[argv[0]], argv = argv[1], argv[2:]
        limits, story_window = _settings(given.get("--limits"), given.get("--story-window"))
        db = Path(argv[0])
        feed_ids = [int(a) for a in argv[1:]] or None
    except (IndexError, ValueError, TypeError):  # TypeError: not a FetchLimits field
        _emit({"error": f"usage: python -m tui.refresh_child {_USAGE}"})
        return 2
    try:
        # Background work: the reader the user is typing into gets the CPU first
        # (this process and its parser pool run at a lower priority).
        os.nice(10)
    except (AttributeError, OSError):
        pass
    try:
        _emit({"report": asyncio.run(_refresh(db, feed_ids, limits, story_window))})
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # RefreshBusy, StoreError, a bug: one line for the reader to show
        _emit({"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
