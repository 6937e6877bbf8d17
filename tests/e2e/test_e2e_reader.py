"""The reader on a store filled by `newsdesk refresh` from the local server, in a real terminal."""

from __future__ import annotations

import re
from pathlib import Path

from e2e_feeds import ARTICLES, SEARCH_HITS, SEARCH_WORD, Served

LIST = rf"All · .*\b1/{ARTICLES}\b"  # the status line: the list and the cursor's position


def at(pos: int | str, total: int | str = ARTICLES, search: str | None = None) -> str:
    """The status line's pattern for the cursor at `pos` of `total` (in a search)."""
    return (rf"search: {search}\b.*" if search else "") + rf"\b{pos}/{total}\b"


def exports(home: Path) -> list[Path]:
    return sorted(home.rglob("*.md"))


def key_points_per_article(markdown: str) -> list[bool]:
    """For each article of an export (a heading that links to it): are key points listed?"""
    sections = re.split(r"^#+ (?=.*\]\(https?://)", markdown, flags=re.M)[1:]
    return [bool(re.search(r"^- ", s.split("Who said what")[0], re.M)) for s in sections]


def test_search_typed_in_one_burst_filters_and_runs_no_command(term, served, home):
    t = term("--db", str(served.db))
    t.wait_match(LIST)
    t.send(f"/{SEARCH_WORD}\r")  # one write, as a paste or a fast typist sends it
    t.wait_match(at(1, SEARCH_HITS, SEARCH_WORD))
    screen = t.screen()
    assert screen.count("approves the new ferry") == SEARCH_HITS
    # f, e, r, y never ran as commands: no export, no refresh, no fetch, no copied link
    for trace in ("Exported", "Refreshed", "refreshing", "Link copied", "Fetching", "Cannot"):
        assert trace not in screen, t.dump()
    assert exports(home) == []
    t.press("j")  # keys act on the filtered list
    t.wait_match(at(2, SEARCH_HITS, SEARCH_WORD))


def test_E_exports_the_list_with_key_points(term, served, home):
    t = term("--db", str(served.db))
    t.wait_match(LIST)
    t.send("E")
    t.wait_until(lambda s: "Exported" in s or "Cannot export" in s, "no export")
    t.wait_for(f"Exported {ARTICLES} articles")
    [path] = exports(home)
    points = key_points_per_article(path.read_text(encoding="utf-8"))
    assert len(points) == ARTICLES and all(points), path.read_text(encoding="utf-8")[:2000]


def test_e_exports_the_open_article_with_key_points(term, served, home):
    t = term("--db", str(served.db))
    t.wait_match(LIST)
    t.send("\r")
    t.wait_until(lambda s: " • " in t.column("Key points"), "the article shows no key points")
    t.send("e")
    t.wait_for("Exported to")
    [path] = exports(home)
    assert key_points_per_article(path.read_text(encoding="utf-8")) == [True]


def test_R_refreshes_while_j_moves(term, served):
    t = term("--db", str(served.db))
    t.wait_match(LIST)
    served.feed(0, extra=1, delay=3.0)  # one new article, from a slow server
    t.send("R")
    t.wait_for("refreshing")
    t.press("j", "j", "j")
    # the keys act while the refresh runs
    t.wait_until(lambda s: "refreshing" in s and re.search(at(4), s), "j did not move")
    t.wait_for("Refreshed 3 feeds")
    t.wait_match(at(r"\d+", ARTICLES + 1))
    t.send("g\r")  # the newest: the one the refresh brought
    t.wait_for("item 100)")  # its title in the reader (the list cuts it short)
    t.wait_until(lambda s: " • " in t.column("Key points"), "the new article shows no key points")


def test_f_fetches_the_full_article(term, served):
    t = term("--db", str(served.db))
    t.wait_match(LIST)
    t.send("\r")
    t.wait_for("Key points")
    t.send("f")  # the page is fetched and extracted (in worker processes) while we read
    t.wait_for("Only the full page says this")


def test_f_with_the_server_stopped_says_why(term, newsdesk, tmp_path):
    from feedserver import FeedServer

    with FeedServer() as srv:
        s = Served(srv, tmp_path / "down.db")
        newsdesk("--db", str(s.db), "add", s.feed(0))
        newsdesk("--db", str(s.db), "refresh")
    # the server is gone: every page fetch is refused
    t = term("--db", str(s.db))
    t.wait_match(at(1, r"\d+"))
    t.send("\r")
    t.wait_for("Key points")
    t.send("f")
    t.wait_for("Cannot fetch the full article: cannot connect")
    t.wait_for("could not be fetched")


def test_o_suspends_the_reader_for_a_terminal_browser(term, served, tmp_path):
    browser = tmp_path / "browser.sh"
    browser.write_text(
        "#!/bin/sh\nprintf 'BROWSER-OPENED %s\\n' \"$1\"\nprintf 'Enter to go back\\n'\nread x\n"
    )
    browser.chmod(0o755)
    t = term("--db", str(served.db), env_extra={"BROWSER": str(browser)})
    t.wait_match(LIST)
    t.send("o")
    screen = t.wait_for(f"BROWSER-OPENED {served.srv.url('/a/')}")
    assert not re.search(LIST, screen), t.dump()  # the reader is not drawn over (suspended)
    t.send("\r")  # the browser ends
    t.wait_match(LIST)
    t.wait_gone("BROWSER-OPENED")
    t.press("j")  # and the reader has the keys again
    t.wait_match(at(2))
