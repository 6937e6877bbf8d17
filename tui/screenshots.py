"""Regenerate the README's screenshots from the real app on the demo articles.

    python -m tui.screenshots            # writes screenshots/{main,who-said-what,help}.svg
    python -m tui.screenshots DIR        # the same three files into DIR

Fixed size, theme and clock, so the files only change when the app does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

SIZE = (120, 36)
THEME = "textual-dark"
# 2026-11-25 10:00 UTC: a morning just after the newest demo article, so the list
# reads "2h", "12h", "1d", "5d" (a clock before some articles showed them all as "0m").
NOW = 1_795_600_800.0


async def _shoot(out: Path) -> list[Path]:
    from feeds.demo import load_demo
    from feeds.store import Store

    from .app import NewsdeskApp
    from .config import Settings

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as tmp:
        store = Store(Path(tmp) / "demo.db")
        load_demo(store)
        app = NewsdeskApp(
            store,
            Settings(theme=THEME),
            clock=lambda: NOW,
            demo=True,
            processes=False,
            prefetch=False,
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            written.append(Path(app.save_screenshot("main.svg", str(out))))
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            written.append(Path(app.save_screenshot("who-said-what.svg", str(out))))
            await pilot.press("question_mark")
            await pilot.pause()
            written.append(Path(app.save_screenshot("help.svg", str(out))))
        store.close()
    for path in written:
        _keep_spaces(path)
    return written


def _keep_spaces(path: Path) -> None:
    """Mark the SVG's text as space-preserving. Rich writes spaces as U+00A0, which
    browsers keep but some renderers (librsvg, so GNOME viewers and rsvg-convert)
    strip at the start of a text run, closing up the gap between list columns."""
    svg = path.read_text(encoding="utf-8")
    if 'xml:space="preserve"' not in svg:
        svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
        path.write_text(svg, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "screenshots"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"newsdesk: cannot write screenshots to {out}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        for path in asyncio.run(_shoot(out)):
            print(path)
    except ImportError as exc:
        print(f"newsdesk: cannot make screenshots: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
