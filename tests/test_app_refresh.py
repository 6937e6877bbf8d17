"""Refresh from the reader against a real local HTTP server: one good feed, one failing."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from app_data import NOW

from feeds.store import Store
from tui.app import NewsdeskApp
from tui.config import Settings
from tui.widgets.article_list import ArticleList

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Good Feed</title>
<link>http://127.0.0.1/</link>
<item><guid>g1</guid><title>Fresh story from the good feed</title>
<link>http://127.0.0.1/a/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>The mayor said it was a fine day.</description></item>
</channel></rss>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/good.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(RSS)))
            self.end_headers()
            self.wfile.write(RSS)
        else:
            self.send_error(500, "broken on purpose")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


async def test_refresh_all_with_a_failing_feed(tmp_path, server):
    store = Store(tmp_path / "news.db")
    store.add_feed(f"{server}/good.xml", title="Good Feed")
    store.add_feed(f"{server}/bad.xml", title="Bad Feed")
    app = NewsdeskApp(store, Settings(), clock=lambda: NOW, processes=False, prefetch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = app.screen.query_one(ArticleList)
        assert lst.ids == []  # the list comes from the store, before any network
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [store.get_article(i).title for i in lst.ids] == ["Fresh story from the good feed"]
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "failed" in messages and ("Bad Feed" in messages or "bad.xml" in messages)
        bad = next(f for f in store.list_feeds() if f.title == "Bad Feed")
        assert bad.last_error
        await pilot.press("t")
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        assert bad.last_error[:20] in "\n".join(s.text for s in strips)
        # `r` (this feed only): tests/test_app_network.py
    store.close()


async def test_the_readers_refresh_uses_its_own_limits(tmp_path, server, monkeypatch):
    """Settings from `newsdesk --config FILE` reach the refresh the reader starts."""
    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "absent.toml"))
    store = Store(tmp_path / "news.db")
    store.add_feed(f"{server}/good.xml", title="Good Feed")
    settings = Settings(limits={"max_bytes": 100})  # smaller than the feed
    app = NewsdeskApp(store, settings, clock=lambda: NOW, processes=False, prefetch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "too large" in (store.list_feeds()[0].last_error or "")
    store.close()
