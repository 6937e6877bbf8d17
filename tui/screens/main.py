"""The main screen: article list | reader | who-said-what, search bar, status line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from ..plural import plural
from ..text import is_web_url, line
from ..widgets.article_list import ArticleList
from ..widgets.key_hints import KeyHints
from ..widgets.reader import TEASER_CHARS, Reader
from ..widgets.status import StatusLine
from ..widgets.who_said import WhoSaid
from .confirm import Confirm
from .lists import ALL, ListChoice, ListPicker

if TYPE_CHECKING:
    from feeds.models import Article
    from feeds.store import ArticleFilter
    from summarize import Summary

    from ..app import NewsdeskApp

PREFETCH_DELAY = 0.6  # seconds the list must rest before visible digests are computed
DIGEST_AFTER_REFRESH = 200  # the newest articles digested in the background after a refresh


class RefreshProgress(Message):
    """How far a refresh is; a newer one replaces one still queued (no backlog of repaints)."""

    def __init__(self, done: int, total: int, new: int = 0, phase: str = "feeds") -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.new = new
        self.phase = phase

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgress)

    def text(self) -> str:
        what = "full text" if self.phase == "full text" else "refreshing"
        new = f", {self.new} new" if self.new else ""
        return f"{what} {self.done}/{self.total}{new}" if self.total else "refreshing…"


class MainScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("q", "back(True)", "Back/quit", id="back"),
        Binding("escape", "back(False)", "Back", show=False, id="escape"),
        Binding("r", "refresh_feed", "Refresh", id="refresh"),
        Binding("R", "refresh_all", "Refresh all", id="refresh_all"),
        Binding("n", "next_unread(1)", "Next unread", id="next_unread"),
        Binding("N", "next_unread(-1)", "Prev unread", id="prev_unread"),
        Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("A", "mark_all_read", "All read", id="mark_all_read"),
        Binding("s", "star", "Star", id="star"),
        Binding("o", "open_browser", "Browser", id="open_browser"),
        Binding("y", "copy_link", "Copy link", id="copy_link"),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("f", "full_text", "Full text", id="full_text"),
        Binding("w", "toggle_who", "Who said", id="toggle_who"),
        Binding("e", "export", "Export", id="export"),
        Binding("E", "export_list", "Export list", id="export_list"),
        Binding("t", "pick_list", "Feeds/tags", id="pick_list"),
        Binding("p", "people", "People", id="people"),
        Binding("J", "next_article(1)", "Next article", id="next_article"),
        Binding("K", "next_article(-1)", "Prev article", id="prev_article"),
        Binding("v", "stories", "Stories", id="stories"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choice: ListChoice = ALL
        self.search: str | None = None
        self.progress: str = ""
        self.unread = 0  # in the current list; re-counted when marks change, not per key
        self.reading = ""  # "37%": how far the reader is scrolled
        self.speakers = False  # the open article quotes someone (the side pane has content)
        self._prefetch_timer: Timer | None = None

    @property
    def napp(self) -> NewsdeskApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app = self.napp
        with Horizontal(id="panes"):
            yield ArticleList(app.store, app.clock, id="articles")
            yield Reader(id="reader")
            yield WhoSaid(id="who")
        yield Input(placeholder="Search (Enter: filter · Escape: clear)", id="search")
        yield StatusLine(id="status")
        yield KeyHints()

    def on_mount(self) -> None:
        self.set_class(not self.napp.settings.who_said_what, "-hide-who")
        self.reload(keep=None)
        self.query_one(ArticleList).focus()
        if self.napp.settings.refresh_on_start and not self.napp.demo:
            self.action_refresh_all()

    # -- the list ------------------------------------------------------------

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    def filter(self) -> ArticleFilter:
        from feeds.store import ArticleFilter

        c = self.choice
        return ArticleFilter(
            feed_ids=[c.feed_id] if c.feed_id is not None else None,
            tags=[c.tag] if c.tag else None,
            unread=c.kind == "unread",
            starred=c.kind == "starred",
            search=self.search,
        )

    def reload(self, *, keep: int | None | bool = True) -> None:
        """Re-read the list's ids from the store (cheap); keep the cursor's article."""
        lst = self.articles
        keep_id = lst.current_id if keep is True else (keep or None)
        ids = self.napp.store.article_ids(self.filter())
        lst.empty_lines = [] if ids else self.empty_lines()
        lst.highlight = self.reader.highlight = self.search_terms()
        lst.set_ids(ids, keep=keep_id, one_feed=self.choice.feed_id is not None)
        self.count_unread()
        self.schedule_prefetch()

    def search_terms(self) -> list[str]:
        from feeds.search import terms

        return terms(self.search) if self.search else []

    def empty_lines(self) -> list[str]:
        """What an empty list says: how to get articles, not just that there are none."""
        if not self.napp.store.list_feeds():
            return [
                "No feeds yet. In a shell:",
                "  newsdesk add URL",
                "  newsdesk import FILE",
                "(FILE: OPML or newsboat urls),",
                "then R here fetches them.",
            ]
        if self.search:
            problem = self.napp.store.search_query(self.search)[1]
            if problem:
                return [f"Search: {problem}.", "Escape clears the search."]
            return [f"Nothing matches “{self.search}”. Escape clears the search."]
        if self.choice.kind == "unread":
            return ["No unread articles. t picks another list."]
        if self.choice.kind == "starred":
            return ["No starred articles: s stars the one under the cursor."]
        return ["No articles here yet.", "R refreshes every feed;", "t picks another list."]

    def count_unread(self) -> None:
        from dataclasses import replace

        self.unread = self.napp.store.count(replace(self.filter(), unread=True))
        self.update_status()

    def update_status(self) -> None:
        lst = self.articles
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        out.append(" ")
        out.append_text(line(self.choice.label, "bold"))
        if self.search:
            out.append(" · search: ")
            out.append_text(line(self.search, "italic"))
        n = len(lst.ids)
        out.append(f" · {lst.cursor + 1}/{plural(n, 'article')}" if n else " · no articles")
        if n:
            out.append(f" · {self.unread} unread", style="bold" if self.unread else "")
        if self.reading and self.has_class("-reading"):
            out.append(f" · read {self.reading}")
        if self.progress:
            out.append(" · ")
            out.append(self.progress, style="bold")
        self.query_one(StatusLine).set(out)

    @on(ArticleList.Highlighted)
    def _highlighted(self) -> None:
        self.update_status()
        self.schedule_prefetch()

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)

    def current(self) -> Article | None:
        """The article under the cursor, whole (the list itself holds light rows)."""
        article_id = self.articles.current_id
        return None if article_id is None else self.napp.store.get_article(article_id)

    # -- opening an article ----------------------------------------------------

    def open_article(self, article_id: int, *, focus: bool = True) -> None:
        store = self.napp.store
        article = store.get_article(article_id)
        if article is None:
            return
        if not article.read:
            store.set_read([article.id], True)
            article.read = True
            self.articles.forget([article.id])
            self.count_unread()
        self.show(article)
        self.add_class("-reading")
        if focus:
            self.reader.focus()
        policy = self.napp.settings.full_text
        if (
            not self.napp.demo
            and not article.full_text
            and is_web_url(article.url)
            and (policy == "always" or (policy == "short" and len(article.text) < TEASER_CHARS))
        ):
            # "always" is the reader's setting: it outranks the feed's own policy.
            self.fetch_full_text(article, force=policy == "always")

    def show(self, article: Article) -> None:
        """Show the article now, its digest as soon as it is ready."""
        digests = self.napp.digests
        summary = digests.cached(article)
        failed = None if summary is not None else digests.failure(article)
        self.reader.show(article, summary, failed=failed)
        self.show_who(summary, pending=summary is None, failed=failed)
        if summary is None and failed is None:
            self.summarise(article)

    @work(group="digest", exclusive=True)
    async def summarise(self, article: Article) -> None:
        from ..summaries import DigestFailed

        summary: Summary | None = None
        failed: str | None = None
        try:
            summary = await self.napp.digests.summary(article)
        except DigestFailed as exc:
            failed = str(exc)
        shown = self.reader.article
        if shown is not None and shown.id == article.id and shown.body == article.body:
            self.reader.set_summary(summary, failed=failed)
            self.show_who(summary, pending=False, failed=failed)
            if failed is not None:
                self.notify(f"digest failed: {failed}", severity="error", markup=False)

    def schedule_prefetch(self) -> None:
        # A timer reset per key (not a worker per key): cheap while j is held down.
        if not self.napp.prefetch:
            return
        if self._prefetch_timer is not None:
            self._prefetch_timer.reset()
        else:
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._start_prefetch)

    def _start_prefetch(self) -> None:
        self._prefetch_timer = None
        self.prefetch()

    @work(group="prefetch", exclusive=True)
    async def prefetch(self) -> None:
        """Digests for the visible rows (newest first) once the list rests."""
        from ..summaries import DigestFailed

        digests = self.napp.digests
        for article in self.napp.store.get_articles(self.articles.visible_ids()):
            if digests.cached(article) is None and digests.failure(article) is None:
                try:
                    await digests.summary(article)
                except DigestFailed:
                    pass  # logged; shown as failed when the article is opened

    # -- keys ------------------------------------------------------------------

    def action_back(self, quit: bool = True) -> None:
        search = self.query_one("#search", Input)
        if self.reader.has_focus or (self.has_class("-reading") and self.has_class("-tiny")):
            self.remove_class("-reading")
            self.articles.focus()
        elif search.display or self.search:
            self.clear_search()
        elif self.choice != ALL:
            self.choice = ALL
            self.reload(keep=True)
        elif quit:
            self.app.exit()

    def action_next_article(self, direction: int) -> None:
        """J/K: the next/previous article in the list, opened (from the reader or the list)."""
        lst = self.articles
        if not lst.ids:
            return
        index = lst.cursor + direction
        if not 0 <= index < len(lst.ids):
            self.notify("No more articles" + (" below." if direction > 0 else " above."))
            return
        lst.cursor = index
        self.open_article(lst.ids[index], focus=self.reader.has_focus)

    @on(Reader.Scrolled)
    def _reader_scrolled(self, event: Reader.Scrolled) -> None:
        self.reading = event.percent
        self.update_status()

    def action_next_unread(self, direction: int) -> None:
        from dataclasses import replace

        lst = self.articles
        if not lst.ids:
            return
        unread = set(self.napp.store.article_ids(replace(self.filter(), unread=True)))
        unread.discard(self.reader.article.id if self.reader.article else -1)
        if direction > 0:
            order = range(lst.cursor + 1, len(lst.ids))
        else:
            order = range(lst.cursor - 1, -1, -1)
        for i in order:
            if lst.ids[i] in unread:
                lst.cursor = i
                self.open_article(lst.ids[i], focus=self.reader.has_focus)
                return
        self.notify("No more unread articles" + (" below." if direction > 0 else " above."))

    def action_toggle_read(self) -> None:
        article = self.current()
        if article is None:
            return
        self.napp.store.set_read([article.id], not article.read)
        self.articles.forget([article.id])
        self.count_unread()

    def action_mark_all_read(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                n = self.napp.store.mark_all_read(self.filter())
                self.articles.forget()
                self.count_unread()
                self.notify(f"Marked {plural(n, 'article')} read.")

        self.app.push_screen(Confirm(f"Mark every article in “{self.choice.label}” read?"), done)

    def action_star(self) -> None:
        article = self.current()
        if article is None:
            return
        self.napp.store.set_starred(article.id, not article.starred)
        self.articles.forget([article.id])
        shown = self.reader.article
        if shown is not None and shown.id == article.id:
            shown.starred = not article.starred
            self.reader.show(shown, self.reader.summary, failed=self.reader.failed)
        self.notify("Starred." if not article.starred else "Unstarred.")

    def action_open_browser(self) -> None:
        article = self.current()
        if article is None or not is_web_url(article.url):
            self.notify("This article has no web link.", severity="warning")
            return
        assert article.url is not None
        self.open_url(article.url.strip())

    @work(thread=True, group="browser")
    def open_url(self, url: str) -> None:
        from .. import browser

        found = browser.find()  # may look around the system: off the UI thread
        if found is None:
            self.app.call_from_thread(self.notify, browser.NO_BROWSER, severity="warning")
        elif browser.needs_terminal(found):  # w3m, lynx, a script: give it the terminal
            self.app.call_from_thread(self._open_in_terminal, found, url)
        else:
            self.app.call_from_thread(
                self.notify, Text.assemble("Opening ", line(url)).plain, markup=False
            )
            if not found.open(url):
                self.app.call_from_thread(self._browser_failed, found, url)

    def _open_in_terminal(self, found: Any, url: str) -> None:
        """Run a terminal browser with the reader suspended; back where we were after."""
        from textual.app import SuspendNotSupported

        from .. import browser

        try:
            with self.app.suspend():
                browser.cooked_input()
                ok = found.open(url)
        except SuspendNotSupported:
            self.notify(
                f"Cannot hand the terminal to {browser.name(found)} here.",
                severity="warning",
                markup=False,
            )
            return
        if not ok:
            self._browser_failed(found, url)

    def _browser_failed(self, found: Any, url: str) -> None:
        from .. import browser

        self.notify(
            f"{browser.name(found)} did not open {url}",
            title="Browser failed",
            severity="warning",
            markup=False,
        )

    def action_copy_link(self) -> None:
        article = self.current()
        if article is None or not is_web_url(article.url):
            self.notify("This article has no web link.", severity="warning")
            return
        assert article.url is not None
        self.app.copy_to_clipboard(article.url.strip())
        self.notify("Link copied (OSC 52).")

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.search or ""
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search = event.value.strip() or None
        event.input.display = False
        self.articles.focus()
        self.reload(keep=None)
        problem = self.napp.store.search_query(self.search)[1] if self.search else None
        if problem:
            self.notify(f"Search: {problem}.", severity="warning", markup=False, timeout=8)
        elif self.search and not self.articles.ids:
            self.notify("Nothing matches.", markup=False)

    def on_key(self, event: Any) -> None:
        search = self.query_one("#search", Input)
        if event.key == "escape" and search.has_focus:
            event.stop()
            event.prevent_default()
            self.clear_search()

    def clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.display = False
        self.articles.focus()
        if self.search:
            self.search = None
            self.reload(keep=True)

    def show_who(self, summary: Any, *, pending: bool, failed: str | None = None) -> None:
        """Fill the who-said-what pane; on a wide screen it takes room only when it has
        speakers to show (an empty pane gives its columns to the list and the reader)."""
        self.query_one(WhoSaid).show(summary, pending=pending, failed=failed)
        if not pending:
            self.speakers = summary is not None and bool(summary.speakers)
            self.set_class(self.speakers and not self.has_class("-hide-who"), "-who-on")

    def action_toggle_who(self) -> None:
        if not self.has_class("-wide"):
            self.toggle_class("-force-who")
        elif not self.speakers and not self.has_class("-hide-who"):
            self.notify("No quoted speakers here: the pane shows when an article quotes someone.")
        else:
            self.toggle_class("-hide-who")
            self.set_class(self.speakers and not self.has_class("-hide-who"), "-who-on")

    def show_list(self, choice: ListChoice) -> None:
        """Show a feed, tag or virtual list (from the `t` picker or the command palette)."""
        if choice.kind == "stories":
            self.action_stories()
            return
        self.choice = choice
        self.reload(keep=None)
        self.articles.focus()

    def action_pick_list(self) -> None:
        def picked(choice: ListChoice | None) -> None:
            if choice is not None:
                self.show_list(choice)

        self.app.push_screen(ListPicker(self.napp.store, self.choice), picked)

    def action_stories(self) -> None:
        from .stories import StoriesScreen

        def back(article_id: int | None) -> None:
            if article_id is not None:  # a source picked from a story: read it
                if self.search:
                    self.clear_search()
                self.choice = ALL
                self.reload(keep=article_id)
                self.open_article(article_id)
            else:
                self.reload()

        self.app.push_screen(StoriesScreen(), back)

    # -- network ---------------------------------------------------------------

    def action_people(self) -> None:
        """Who said what across the current list; Enter on a statement opens its article."""
        from .people import PeopleScreen

        def picked(got: tuple[int, str] | None) -> None:
            if got is not None:
                article_id, text = got
                self.open_article(article_id)
                self.reader.scroll_to_quote(text)

        ids = self.napp.store.article_ids(self.filter())
        self.app.push_screen(PeopleScreen(ids, self.choice.label), picked)

    @work(group="digest-new", exclusive=True)
    async def digest_new(self) -> None:
        """After a refresh: digest the articles whose statements are not stored yet (newest
        first, in the reader's low-priority digest process), for the People view."""
        from feeds.speakers import pending, record

        from ..summaries import DigestFailed

        store = self.napp.store
        todo = pending(store, store.articles(None, limit=DIGEST_AFTER_REFRESH))
        for i, article in enumerate(todo):
            if not self.progress or self.progress.startswith("digesting"):
                self.progress = f"digesting {i + 1}/{len(todo)}"
                self.update_status()
            try:
                summary = await self.napp.digests.summary(article)
            except DigestFailed:
                continue
            record(store, article, summary)
        if self.progress.startswith("digesting"):
            self.progress = ""
            self.update_status()

    def action_refresh_feed(self) -> None:
        if self.choice.feed_id is not None:
            ids: list[int] | None = [self.choice.feed_id]
        else:
            article = self.current()
            if article is None:
                self.notify("No feed to refresh here; R refreshes all.")
                return
            ids = [article.feed_id]
        self.refresh_feeds(ids)

    def action_refresh_all(self) -> None:
        self.refresh_feeds(None)

    @work(group="refresh", exclusive=False)
    async def refresh_feeds(self, feed_ids: Sequence[int] | None) -> None:
        if self.napp.demo:
            self.notify("Demo mode: no network, nothing to refresh.")
            return
        if self.progress:
            self.notify("A refresh is already running.")
            return
        if not self.napp.store.list_feeds():
            self.notify(
                "No feeds to refresh. Subscribe in a shell: "
                "newsdesk add URL, or newsdesk import FILE (OPML or newsboat urls).",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        self.progress = "refreshing…"
        self.update_status()
        try:
            if str(self.napp.store.path) == ":memory:":  # no file a child could open
                report = await self._refresh_here(feed_ids)
            else:
                report = await self._refresh_in_child(feed_ids)
        except Exception as exc:  # a bug or a broken store: tell, keep running
            self.notify(f"Refresh failed: {exc}", severity="error", markup=False)
            return
        finally:
            self.progress = ""
            self.update_status()
        if report is None:
            return
        self.reload(keep=True)
        if getattr(report, "new_articles", 0):
            self.digest_new()
        self.notify(
            _report_text(report),
            severity="warning" if _failed(report) else "information",
            markup=False,
            timeout=8,
        )

    async def _refresh_in_child(self, feed_ids: Sequence[int] | None) -> Any:
        """Run tui.refresh_child: the refresh takes none of the UI's CPU; we read its progress."""
        import asyncio
        import json
        import sys
        from types import SimpleNamespace

        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tui.refresh_child",
            "--limits",  # the reader's own [limits] (it may run with --config FILE)
            json.dumps(self.napp.settings.limits),
            "--story-window",  # and its own [stories] window
            repr(self.napp.settings.story_window),
            str(self.napp.store.path),
            *(str(i) for i in feed_ids or ()),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            limit=1 << 20,
        )
        result: dict[str, Any] | None = None
        error: str | None = None
        try:
            assert proc.stdout is not None
            async for raw in proc.stdout:
                try:
                    msg = json.loads(raw)
                except ValueError:
                    continue
                if "progress" in msg:
                    self.post_message(RefreshProgress(**msg["progress"]))
                elif "report" in msg:
                    result = msg["report"]
                elif "error" in msg:
                    error = str(msg["error"])
            assert proc.stderr is not None
            stderr = (await proc.stderr.read()).decode("utf-8", "replace").strip()
            await proc.wait()
        finally:
            if proc.returncode is None:  # the app is quitting: stop the child (per-feed commits)
                proc.kill()
        if result is None:
            last = stderr.splitlines()[-1] if stderr else f"exit status {proc.returncode}"
            raise RuntimeError(error or last)
        failed = [SimpleNamespace(**f) for f in result["failed"]]
        return SimpleNamespace(ok=result["feeds"], new_articles=result["new"], failed=failed)

    async def _refresh_here(self, feed_ids: Sequence[int] | None) -> Any:
        try:
            from feeds.refresh import refresh_feeds
        except ImportError:
            self.notify("Refreshing is not available in this build.", severity="error")
            return None

        def progress(p: Any) -> None:
            self.post_message(RefreshProgress(p.done, p.total, 0, p.phase))

        return await refresh_feeds(
            self.napp.store,
            list(feed_ids) if feed_ids else None,
            progress=progress,
            limits=self.napp.settings.fetch_limits(),
            story_window=None,  # on this (UI) loop: grouped later, off it, by the Stories view
        )

    @on(RefreshProgress)
    def _refresh_progress(self, event: RefreshProgress) -> None:
        if self.progress:  # not after the end (a stale message)
            self.progress = event.text()
            self.update_status()

    def action_full_text(self) -> None:
        article = self.reader.article or self.current()
        if article is None:
            return
        if not is_web_url(article.url):
            self.notify("This article has no web page to fetch.", severity="warning")
            return
        if self.napp.demo:
            self.notify("Demo mode: no network.")
            return
        if self.reader.article is None or self.reader.article.id != article.id:
            self.open_article(article.id)
        self.fetch_full_text(article, force=True)

    @work(group="fulltext", exclusive=True)
    async def fetch_full_text(self, article: Article, force: bool = False) -> None:
        try:
            from feeds.fulltext import ensure_full_text
        except ImportError:
            self.notify("Full-text fetching is not available in this build.", severity="error")
            return
        self.reader.fetching = True
        self.reader.fetch_error = None
        self.reader.show(article, self.reader.summary, failed=self.reader.failed)
        error: str | None = None
        try:
            updated = await ensure_full_text(
                self.napp.store, article, force=force, raise_on_failure=True
            )
        except Exception as exc:  # FeedError: one line saying why (server down, no DNS, 404)
            error = str(exc) or type(exc).__name__
            updated = article
            if force:  # the user pressed f: tell them, not only in the pane
                self.notify(
                    f"Cannot fetch the full article: {error}", severity="error", markup=False
                )
        finally:
            self.reader.fetching = False
        shown = self.reader.article
        if shown is not None and shown.id == article.id:
            self.reader.fetch_error = error
            self.show(updated)

    # -- export ----------------------------------------------------------------

    def export_folder(self) -> Path:
        from ..paths import export_dir

        return self.napp.settings.export_dir or export_dir()

    def action_export(self) -> None:
        article = self.reader.article or self.current()
        if article is not None:
            self.export_article(article.id)

    @work(group="export")
    async def export_article(self, article_id: int) -> None:
        from feeds.export import export_article

        store = self.napp.store
        article = store.get_article(article_id)
        if article is None:
            return
        from ..summaries import DigestFailed

        try:
            await self.napp.digests.summary(article)  # off-thread; export then finds it cached
        except DigestFailed as exc:
            self.notify(f"Cannot export: digest failed: {exc}", severity="error", markup=False)
            return
        try:
            path = export_article(store, article, self.export_folder())
        except OSError as exc:
            self.notify(f"Cannot export: {exc}", severity="error", markup=False)
            return
        self.notify(f"Exported to {path}", markup=False, timeout=8)

    def action_export_list(self) -> None:
        if not self.articles.ids:
            self.notify("Nothing to export.")
            return
        self.notify("Exporting the list…")
        self.export_list(self.filter(), self.choice.label, self.export_folder())

    @work(thread=True, group="export")
    def export_list(self, flt: ArticleFilter, label: str, folder: Path) -> None:
        # Its own connection: a Store stays on one thread, and this runs on another.
        from feeds.export import export_articles
        from feeds.store import Store

        limit = EXPORT_LIMIT
        try:
            with Store(self.napp.store.path) as store:
                articles = store.articles(flt, limit=limit)
                title = f"newsdesk: {label}" + (f" ({self.search})" if self.search else "")
                path = export_articles(store, articles, folder, title)
        except Exception as exc:
            self.app.call_from_thread(
                self.notify, f"Cannot export: {exc}", severity="error", markup=False
            )
            return
        more = f" (newest {limit})" if len(self.articles.ids) > limit else ""
        self.app.call_from_thread(
            self.notify,
            f"Exported {plural(len(articles), 'article')}{more} to {path}",
            markup=False,
            timeout=8,
        )


EXPORT_LIMIT = 200  # a list digest past this is a book, not a digest


def _failed(report: Any) -> list[Any]:
    return list(getattr(report, "failed", None) or [])


def _report_text(report: Any) -> str:
    ok = getattr(report, "ok", None)
    new = getattr(report, "new_articles", None)
    failed = _failed(report)
    n_ok = ok if isinstance(ok, int) else len(ok or [])
    if failed and not n_ok:  # not "Refreshed 0 feeds"
        text = f"No feed could be refreshed: {plural(len(failed), 'feed')} failed"
    else:
        text = "Refreshed" + (f" {plural(n_ok, 'feed')}" if ok is not None else "")
        if new is not None:
            text += f" · {new} new"
        if failed:
            text += f" · {len(failed)} failed"
    if failed:
        text += ": " + "; ".join(_failure(f) for f in failed[:3])
    return text


def _failure(f: Any) -> str:
    name = getattr(f, "title", None) or getattr(f, "url", None) or str(f)
    error = getattr(f, "error", None)
    return f"{name}: {error}" if error else str(name)
