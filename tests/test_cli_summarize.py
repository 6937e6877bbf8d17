"""`newsdesk summarize FILE|URL|-` run as a user runs it (subprocess of the console script)."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

TEXT = """Town opens a new library

The town opened its new library on Saturday after two years of building work.

"Everyone can borrow books here for free," said Mayor Ruth Okafor at the opening.

The library holds 40,000 books and a small room for children. It will open every day \
except Monday.

Officials said the building cost less than planned.
"""

HTML = """<!DOCTYPE html>
<html><head><title>Town opens a new library | Example News</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Town opens a new library</h1>
<p>The town opened its new library on Saturday after two years of building work.</p>
<p>"Everyone can borrow books here for free," said Mayor Ruth Okafor at the opening.</p>
<p>The library holds 40,000 books and a small room for children. It will open every day
except Monday.</p>
<p>Officials said the building cost less than planned.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""


def newsdesk_cmd() -> list[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "tui"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*newsdesk_cmd(), "summarize", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=120,
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w']+", text.lower()))


def check_digest(out: bytes, source: str = TEXT, name: str = "Ruth Okafor") -> str:
    """Key points made of the article's own words (at least three of its sentences), and
    a who-said-what section giving the mayor's words to Ruth Okafor."""
    text = out.decode("utf-8")
    assert "## Key points" in text and "## Who said what" in text, text
    points_md, who_md = text.split("## Key points", 1)[1].split("## Who said what", 1)
    tokens = MarkdownIt("commonmark").parse(points_md)
    points = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert len(points) >= 3, text
    article = _words(source)
    for point in points:
        assert _words(point) <= article, point  # nothing added, not even from the page around
    assert any("40,000 books" in p for p in points), points
    okafor = who_md.split(f"**{name}**", 1)
    assert len(okafor) == 2, who_md
    assert okafor[1].split("**", 1)[0].count("Everyone can borrow books here for free") == 1
    return text


def one_line_error(r: subprocess.CompletedProcess[bytes], needle: str) -> None:
    assert r.returncode == 2, r.stderr
    assert r.stdout == b""
    err = r.stderr.decode()
    assert err.startswith("newsdesk: ") and needle in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_text_file(tmp_path: Path) -> None:
    f = tmp_path / "article.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = run(str(f))
    assert r.returncode == 0, r.stderr
    check_digest(r.stdout)


def test_stdin() -> None:
    r = run("-", stdin=TEXT.encode())
    assert r.returncode == 0, r.stderr
    check_digest(r.stdout)


def test_same_text_same_digest(tmp_path: Path) -> None:
    f = tmp_path / "article.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert run(str(f)).stdout == run("-", stdin=TEXT.encode()).stdout


def test_latin1_text_file(tmp_path: Path) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(TEXT.replace("Okafor", "Okaför").encode("cp1252"))
    r = run(str(f))
    assert r.returncode == 0, r.stderr
    check_digest(r.stdout, TEXT.replace("Okafor", "Okaför"), "Ruth Okaför")


def test_html_file(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    r = run(str(f))
    assert r.returncode == 0, r.stderr
    text = check_digest(r.stdout)
    assert "<p>" not in text and "Subscribe" not in text


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "is empty"),
        (b"  \n\n\t \n", "is empty"),
        (bytes(range(256)) * 8, "is not text"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 100, "is not text"),
    ],
    ids=["empty", "blank", "binary", "png"],
)
def test_empty_or_binary_file(tmp_path: Path, content: bytes, needle: str) -> None:
    f = tmp_path / "input.dat"
    f.write_bytes(content)
    one_line_error(run(str(f)), needle)


def test_empty_stdin() -> None:
    one_line_error(run("-", stdin=b""), "standard input is empty")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    one_line_error(run(str(missing)), f"cannot read {missing}: no such file or directory")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    one_line_error(run(str(tmp_path)), f"cannot read {tmp_path}: is a directory")


# -- URLs, served from 127.0.0.1 -------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    pages = {
        "/article.html": ("text/html; charset=utf-8", HTML.encode()),
        "/article.txt": ("text/plain; charset=utf-8", TEXT.encode()),
        "/photo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/empty.html": ("text/html", b""),
    }

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        page = self.pages.get(self.path)
        if page is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", page[0])
        self.send_header("Content-Length", str(len(page[1])))
        self.end_headers()
        self.wfile.write(page[1])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html(server: str) -> None:
    r = run(f"{server}/article.html")
    assert r.returncode == 0, r.stderr
    assert "Subscribe" not in check_digest(r.stdout)


def test_url_plain_text(server: str) -> None:
    r = run(f"{server}/article.txt")
    assert r.returncode == 0, r.stderr
    check_digest(r.stdout)


@pytest.mark.parametrize(
    ("path", "needle"),
    [
        ("/missing", "HTTP 404"),
        ("/photo.png", "not text"),
        ("/empty.html", "is empty"),
        ("/loop", "too many redirects"),
    ],
)
def test_url_errors(server: str, path: str, needle: str) -> None:
    one_line_error(run(f"{server}{path}"), needle)


def test_url_nobody_listening() -> None:
    import socket

    with socket.socket() as s:  # a free port, closed again: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    one_line_error(run(f"http://127.0.0.1:{port}/a"), "cannot fetch")
