"""`newsdesk demo` in a real terminal: every opened article shows its digest."""

from __future__ import annotations

import re


def newsdesk_path() -> str:
    import sys
    from pathlib import Path

    return str(Path(sys.executable).parent / "newsdesk")


DONE = ("No key points", "digest failed", " • ")  # the digest pane once it has an answer


def reader_title(t) -> str:
    """The first line of the reader pane (between the list and the side pane)."""
    parts = t.lines()[0].split("▕")
    return parts[1].split("▏")[0].strip() if len(parts) > 1 else ""


def test_demo_shows_key_points_and_speakers(term):
    t = term("demo")
    t.wait_for("All · 1/")
    with_speakers = 0
    for n in range(3):
        before = reader_title(t)
        t.send("\r")  # open
        t.wait_until(lambda s, b=before: reader_title(t) not in (b, "Nothing open"), "not opened")
        t.wait_until(lambda s: any(d in t.column("Key points") for d in DONE), "no digest")
        t.wait_gone("Summarising…")  # the who-said-what pane too
        points = t.column("Key points")
        who = t.column("Who said what")
        assert " • " in points, f"article {n + 1} has no key points:\n{t.dump()}"
        assert "digest failed" not in who
        # A speaker: a name line, then what they said (a quote or reported speech).
        if re.search(r"Who said what\n\S.*\n\s+(“|\S+:)", who):
            with_speakers += 1
        t.send("q")  # back to the list
        t.press("j")
        t.wait_for(f"All · {n + 2}/")
    assert with_speakers >= 2, t.dump()


def test_q_q_quits_and_the_terminal_is_restored(term):
    # A shell runs the reader, then shows the terminal's modes as the user gets them back.
    t = term(argv=["/bin/sh", "-c", f"{newsdesk_path()} demo; echo EXIT=$?; stty -a; echo END"])
    t.wait_for("All · 1/")
    t.send("\r")
    t.wait_until(lambda s: " • " in t.column("Key points"), "the article shows no key points")
    t.send("qq")  # back from the article, then quit from the list (one burst)
    screen = t.wait_for("END")
    assert "EXIT=0" in screen
    modes = screen.split("EXIT=0", 1)[1]
    for mode in ("icanon", "echo", "icrnl", "isig"):  # line editing and echo are back
        assert re.search(rf"(?<![-\w]){mode}\b", modes), f"{mode} is off:\n{modes}"
    raw = bytes(t.raw)
    last_enter = raw.rfind(b"\x1b[?1049h")
    assert raw.rfind(b"\x1b[?1049l") > last_enter  # the alternate screen was left
    assert raw.rfind(b"\x1b[?25h") > last_enter  # the cursor is shown
    assert raw.rfind(b"\x1b[?1000l") > last_enter  # the mouse is the terminal's again
