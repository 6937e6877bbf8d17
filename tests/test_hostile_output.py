"""Terminal and markup injection: nothing a feed sends reaches output as a control.

A store holds articles whose titles, authors, feed names and bodies carry ANSI/OSC
escapes, C0/C1 controls, bidi overrides, Rich markup and Markdown/HTML. Every command
that prints them (`articles`, `articles --json`, `feeds`, `feeds --json`, `digest`,
`summarize`) must show them literally or stripped: no control character in stdout or
stderr, no link other than http(s), no raw HTML in Markdown.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from feeds.models import ParsedEntry, ParsedFeed
from feeds.sanitize import UNSAFE
from feeds.schema import INDEX_ARTICLES
from feeds.store import Store
from tui.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from hostile_corpus import INJECTIONS  # noqa: E402


def _hostile_feed(tag: str, payload: str) -> ParsedFeed:
    return ParsedFeed(
        title=f"Feed {tag} {payload}",
        site_url="http://127.0.0.1/",
        entries=[
            ParsedEntry(
                guid=f"{tag}-guid {payload}",
                url=f"http://127.0.0.1/{tag}?q={payload}",
                title=f"Title {tag} {payload}",
                author=f"Author {payload}",
                published=time.time() - 3600,
                text=(
                    f"The minister said the plan {payload} would work.\n\n"
                    f"“We will not back down {payload},” Jane Smith, a spokeswoman, said.\n\n"
                    f"Critics said the move {payload} was rushed and costly for families."
                ),
            ),
            ParsedEntry(
                guid=f"{tag}-js",
                url="javascript:alert(1)",
                title=f"Link {tag} [link=javascript:alert(1)]x[/link]",
                text="Officials said the bridge would reopen next week after repairs.",
            ),
        ],
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        for tag, payload in INJECTIONS.items():
            feed, _ = store.add_feed(f"http://127.0.0.1/{tag}.xml", tags=[f"t{payload}"])
            store.save_feed(feed.id, _hostile_feed(tag, payload), problem=f"odd {payload}")
        feed, _ = store.add_feed("http://127.0.0.1/err.xml")
        store.record_error(feed.id, f"HTTP 500 {INJECTIONS['ansi']} {INJECTIONS['osc']}")
    return db


@pytest.fixture
def raw_db(hostile_db: Path) -> Path:
    """Rows written around the sanitizer (an old store, another tool): output must still hold."""
    con = sqlite3.connect(hostile_db)
    payload = "".join(INJECTIONS.values())
    with con:
        fid = con.execute("SELECT id FROM feeds ORDER BY id LIMIT 1").fetchone()[0]
        con.execute(
            "UPDATE feeds SET feed_title = ?, last_error = ? WHERE id = ?",
            (f"Raw feed {payload}", f"raw error {payload}", fid),
        )
        cur = con.execute(
            "INSERT INTO articles(feed_id, guid, url, title, author, published, fetched, text)"
            " VALUES (?, 'raw', ?, ?, ?, ?, ?, ?)",
            (
                fid,
                f"http://127.0.0.1/raw{payload}",
                f"Raw title {payload}",
                f"Raw author {payload}",
                time.time(),
                time.time(),
                f"The council said the raw text {payload} was approved on Monday.",
            ),
        )
        con.execute(INDEX_ARTICLES, (f"[{cur.lastrowid}]",))  # as Store.save_parsed does
    con.close()
    return hostile_db


def _walk(tokens: list[Token]) -> list[Token]:
    return [t for tok in tokens for t in [tok, *_walk(tok.children or [])]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(text: str, where: str) -> None:
    bad = UNSAFE.search(text)
    assert bad is None, f"{where}: control {bad.group()!r} at {bad.start()}: " + repr(
        text[max(bad.start() - 40, 0) : bad.start() + 40]
    )
    assert "\x1b" not in text


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _json_strings(k) + _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _check_json_lines(out: str, where: str) -> list[object]:
    out = out.strip()
    try:
        docs = [json.loads(out)]
    except json.JSONDecodeError:
        docs = [json.loads(line) for line in out.splitlines() if line.strip()]
    for s in _json_strings(docs):
        assert_clean(s, where + " (decoded JSON)")
    return docs


@pytest.mark.parametrize("fixture", ["hostile_db", "raw_db"])
def test_digest_markdown_is_inert(
    request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str], fixture: str
) -> None:
    db = request.getfixturevalue(fixture)
    code, out, err = run(capsys, "--db", str(db), "digest")
    assert code == 0, err
    assert_clean(out, "digest stdout")
    assert_clean(err, "digest stderr")
    assert "Title ansi" in out  # the text is shown, only the controls are gone
    # Rendered as CommonMark: links only to http(s), no raw HTML but the renderer's own
    # heading anchors (an id made of [a-z0-9-] only, never text from the feed as such).
    for tok in _walk(MarkdownIt("commonmark").parse(out)):
        if tok.type == "html_inline":
            assert re.fullmatch(r'<a id="[a-z0-9-]+">|</a>', tok.content), tok.content
        assert tok.type != "html_block", tok.content
        if tok.type == "link_open":
            assert str(tok.attrs.get("href", "")).startswith(("http://", "https://")), tok.attrs
    assert "[bold red]" not in out and "\\[bold red\\]" in out


@pytest.mark.parametrize("fixture", ["hostile_db", "raw_db"])
@pytest.mark.parametrize(
    "argv", [["articles"], ["articles", "--json"], ["feeds"], ["feeds", "--json"]]
)
def test_listing_commands_are_inert(
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    fixture: str,
    argv: list[str],
) -> None:
    db = request.getfixturevalue(fixture)
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 0, err
    where = " ".join(argv)
    assert_clean(out, where)
    assert_clean(err, where + " stderr")
    assert "Traceback" not in err
    if "--json" in argv:
        _check_json_lines(out, where)
    if argv[0] == "articles":
        assert "Title ansi" in out


def test_summarize_hostile_html_is_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = "".join(INJECTIONS.values())
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>T {payload}</title></head><body><article>"
        f"<h1>Head {payload}</h1><p>The mayor said the plan {payload} was approved.</p>"
        f"<p>“It is done {payload},” John Doe, the mayor, said on Monday.</p>"
        "<script>document.write('x')</script></article></body></html>",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "summarize", str(page))
    assert code == 0, err
    assert_clean(out, "summarize stdout")
    assert_clean(err, "summarize stderr")
    assert "<script" not in out


def test_store_never_keeps_controls(hostile_db: Path) -> None:
    con = sqlite3.connect(hostile_db)
    rows = con.execute(
        "SELECT f.feed_title, f.last_error, f.url, a.title, a.author, a.text, a.url, a.guid "
        "FROM articles a JOIN feeds f ON f.id = a.feed_id"
    ).fetchall()
    rows += con.execute(
        "SELECT feed_title, last_error, url, tag, '', '', '', '' "
        "FROM feeds LEFT JOIN feed_tags ON feed_id = id"
    ).fetchall()
    con.close()
    assert rows
    for row in rows:
        for value in row:
            assert_clean(value or "", "store")


async def test_tui_shows_hostile_text_literally(
    hostile_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    from tui.app import NewsdeskApp

    opened: list[str] = []  # what `o` hands to the browser (the real worker, the real call)

    class Recorder(webbrowser.BaseBrowser):  # a desktop browser, started in the background
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Recorder("recorder"))
    with Store(hostile_db) as store:
        js_rows = store.db.execute(
            "SELECT count(*) FROM articles WHERE url LIKE 'javascript:%'"
        ).fetchone()[0]
        app = NewsdeskApp(store, processes=False, prefetch=False)
        screens: list[str] = []
        tried: list[str | None] = []  # the link of the article under the cursor at each `o`
        async with app.run_test(size=(200, 50)) as pilot:
            await pilot.pause()
            for _ in range(store.count()):  # `o` on every article, hostile links included
                article = app.screen.current()  # type: ignore[attr-defined]
                tried.append(article.url if article else None)
                for key in ("enter", "o", "w", "w"):
                    await pilot.press(key)
                    await pilot.pause()
                    if key == "o":
                        await app.workers.wait_for_complete()
                strips = app.screen._compositor.render_strips()
                screens.append("\n".join(s.text for s in strips))
                await pilot.press("escape", "j")
                await pilot.pause()
    text = "\n".join(screens)
    assert_clean(text, "TUI screen")
    assert "[bold red]big[/]" in text or "[link=javascript:alert(1)]" in text  # literal markup
    assert js_rows and sum(u is not None and u.startswith("javascript:") for u in tried)
    # Opened: every http(s) link that is one URL (a link with spaces in it is not), and
    # nothing else (javascript:, data:, file: are refused with a notice).
    web = [u.strip() for u in tried if u and u.strip().startswith(("http://", "https://"))]
    web = [u for u in web if not any(c.isspace() for c in u)]
    assert web and opened == web, (opened, tried)
