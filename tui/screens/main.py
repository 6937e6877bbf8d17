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
from textual.widgets import Footer, Input

from ..text import is_web_url, line
from ..widgets.article_list import ArticleList
from ..widgets.reader import TEASER_CHARS, Reader
from ..widgets.status import StatusLine
from ..widgets.who_said import WhoSaid
from .confirm import Confirm
from .lists import ALL, ListChoice, ListPicker

if TYPE_CHECKING:
    from feeds.models import Article
    from feeds.store import ArticleFilter

    from ..app import NewsdeskApp

PREFETCH_DELAY = 0.6  # seconds the list must rest before visible digests are computed


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
        Binding("S", "stories", "Stories", id="stories"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choice: ListChoice = ALL
        self.search: str | None = None
        self.progress: str = ""
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
        yield Footer()

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
        lst.set_ids(ids, keep=keep_id, one_feed=self.choice.feed_id is not None)
        self.update_status()
        self.schedule_prefetch()

    def update_status(self) -> None:
        lst = self.articles
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        out.append(" ")
        out.append_text(line(self.choice.label, "bold"))
        if self.search:
            out.append(" · search: ")
            out.append_text(line(self.search, "italic"))
        n = len(lst.ids)
        pos = f"{lst.cursor + 1}/{n}" if n else "0"
        out.append(f" · {pos} articles")
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
            self.fetch_full_text(article)

    def show(self, article: Article) -> None:
        """Show the article now, its digest as soon as it is ready."""
        digests = self.napp.digests
        summary = digests.cached(article)
        self.reader.show(article, summary)
        self.query_one(WhoSaid).show(summary, pending=summary is None)
        if summary is None:
            self.summarise(article)

    @work(group="digest", exclusive=True)
    async def summarise(self, article: Article) -> None:
        summary = await self.napp.digests.summary(article)
        shown = self.reader.article
        if shown is not None and shown.id == article.id and shown.body == article.body:
            self.reader.set_summary(summary)
            self.query_one(WhoSaid).show(summary, pending=False)

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
        digests = self.napp.digests
        for article in self.napp.store.get_articles(self.articles.visible_ids()):
            if digests.cached(article) is None:
                await digests.summary(article)

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
        self.update_status()

    def action_mark_all_read(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                n = self.napp.store.mark_all_read(self.filter())
                self.articles.forget()
                self.notify(f"Marked {n} article{'s' if n != 1 else ''} read.")

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
            self.reader.show(shown, self.reader.summary)
        self.notify("Starred." if not article.starred else "Unstarred.")

    def action_open_browser(self) -> None:
        article = self.current()
        if article is None or not is_web_url(article.url):
            self.notify("This article has no web link.", severity="warning")
            return
        assert article.url is not None
        self.open_url(article.url.strip())
        self.notify(Text.assemble("Opening ", line(article.url)).plain, markup=False)

    @work(thread=True, group="browser")
    def open_url(self, url: str) -> None:
        import webbrowser

        try:
            webbrowser.open(url)  # honours $BROWSER
        except Exception as exc:  # no browser at all: say so, do not crash
            self.app.call_from_thread(self.notify, f"Cannot open a browser: {exc}", markup=False)

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
        if self.search and not self.articles.ids:
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

    def action_toggle_who(self) -> None:
        if self.has_class("-wide"):
            self.toggle_class("-hide-who")
        else:
            self.toggle_class("-force-who")

    def action_pick_list(self) -> None:
        def picked(choice: ListChoice | None) -> None:
            if choice is not None and choice.kind == "stories":
                self.action_stories()
            elif choice is not None:
                self.choice = choice
                self.reload(keep=None)
                self.articles.focus()

        self.app.push_screen(ListPicker(self.napp.store, self.choice), picked)

    def action_stories(self) -> None:
        from .stories import StoriesScreen

        def back(article_id: int | None) -> None:
            if article_id is not None:  # a source picked from a story: read it
                self.choice = ALL
                if self.search:
                    self.clear_search()
                self.reload(keep=article_id)
                self.open_article(article_id)
            else:
                self.reload()

        self.app.push_screen(StoriesScreen(), back)

    # -- network ---------------------------------------------------------------

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
        self.reader.show(article, self.reader.summary)
        try:
            updated = await ensure_full_text(self.napp.store, article, force=force)
        except Exception as exc:
            self.notify(f"Cannot fetch the full article: {exc}", severity="error", markup=False)
            updated = article
        finally:
            self.reader.fetching = False
        shown = self.reader.article
        if shown is not None and shown.id == article.id:
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
        await self.napp.digests.summary(article)  # off-thread; export then finds it cached
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
            f"Exported {len(articles)} articles{more} to {path}",
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
    parts = ["Refreshed"]
    if ok is not None:
        parts.append(f"{ok if isinstance(ok, int) else len(ok)} feeds")
    if new is not None:
        parts.append(f"· {new} new")
    text = " ".join(parts)
    if failed:
        names = "; ".join(_failure(f) for f in failed[:3])
        text += f" · {len(failed)} failed: {names}"
    return text


def _failure(f: Any) -> str:
    name = getattr(f, "title", None) or getattr(f, "url", None) or str(f)
    error = getattr(f, "error", None)
    return f"{name}: {error}" if error else str(name)
