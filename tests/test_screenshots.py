"""`python -m tui.screenshots DIR`: the README's three screenshots, made from the real app
on the demo articles, written where asked (here a tmp dir, not the repo's screenshots/)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path


def svg_text(path: Path) -> str:
    svg = path.read_text(encoding="utf-8")
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def test_screenshots_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    r = subprocess.run(
        [sys.executable, "-m", "tui.screenshots", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    names = ["main.svg", "who-said-what.svg", "help.svg"]
    assert r.stdout.split() == [str(out / n) for n in names]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    for name in names:
        assert (out / name).read_text(encoding="utf-8").startswith("<svg")
    main, who, help_ = (svg_text(out / n) for n in names)
    assert "Sensor patch cut missed seps" in main and "Nothing open" in main  # the list
    assert "Nothing open" not in who and "Naomi Keswick" in who  # an article, who said what
    assert "newsdesk keys" in help_ and "Article list" in help_  # the help over the reader


def test_screenshots_to_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = subprocess.run(
        [sys.executable, "-m", "tui.screenshots", str(blocker / "shots")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("newsdesk: cannot write screenshots") and r.stderr.count("\n") == 1
