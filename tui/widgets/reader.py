"""The reader pane: header, the digest's key points, then the article text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ..text import block, date, highlight, is_web_url, line

if TYPE_CHECKING:
    from feeds.models import Article
    from summarize import Summary

TEASER_CHARS = 800  # a feed text shorter than this is probably a teaser


class Reader(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="reader_down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="reader_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader_bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader_page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader_page_up"),
        Binding("h,left", "screen.back(False)", "Back", key_display="h", id="reader_back"),
    ]

    class Scrolled(Message):
        """How far down the article the reader is ("37%"); a newer one replaces a queued one."""

        def __init__(self, percent: str) -> None:
            super().__init__()
            self.percent = percent

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Reader.Scrolled)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.summary: Summary | None = None
        self.failed: str | None = None  # why the digest could not be made
        self.fetching = False
        self.fetch_error: str | None = None  # why the full article could not be fetched
        self.highlight: list[str] = []  # the search's words, marked in the title and text

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="reader-header")
        yield Static(id="reader-url")
        yield Static(id="reader-points")
        yield Static(id="reader-body")

    def on_mount(self) -> None:
        self.show(None)

    def show(
        self, article: Article | None, summary: Summary | None = None, *, failed: str | None = None
    ) -> None:
        changed = article is None or self.article is None or article.id != self.article.id
        if changed:
            self.fetch_error = None
        self.article = article
        self.summary = summary
        self.failed = failed
        header = self.query_one("#reader-header", Static)
        points = self.query_one("#reader-points", Static)
        body = self.query_one("#reader-body", Static)
        if article is None:
            header.update(Text("Nothing open", style="bold"))
            self.query_one("#reader-url", Static).display = False
            points.update("")
            points.display = False  # an empty key-points box would show as a stray bar
            body.update(
                Text(
                    "Pick an article with j/k and open it with Enter.\n"
                    "Press ? for every key, t for feeds and tags.",
                    style="dim",
                )
            )
            return
        head = Text(end="")
        head.append_text(highlight(line(article.title or "(untitled)", "bold"), self.highlight))
        head.append("\n")
        meta = Text(style="dim", end="")
        meta.append_text(line(article.feed_title))
        if article.author:
            meta.append(" · ")
            meta.append_text(line(article.author))
        meta.append(f" · {date(article.published)}")
        if article.starred:
            meta.append(" · ★ starred")
        head.append_text(meta)
        header.update(head)
        # The link on one line, never wrapped mid-address (a terminal finds it whole),
        # cut with … if longer than the pane, and a real hyperlink (OSC 8) to the full URL.
        url = self.query_one("#reader-url", Static)
        url.display = bool(article.url)
        if article.url:
            shown = line(article.url, "dim underline")
            if is_web_url(article.url):
                shown.stylize(Style(link=shown.plain))
            url.update(shown)
        points.display = True
        self._show_points()
        text = highlight(block(article.body), self.highlight)
        note = Text(end="")
        if not article.full_text and article.url:
            if self.fetching:
                note = Text("\n\nFetching the full article…", style="italic dim", end="")
            elif self.fetch_error:
                note = Text.assemble(
                    ("\n\nThe full article could not be fetched: ", "italic"),
                    line(self.fetch_error),
                    (" (f tries again)", "italic dim"),
                    end="",
                )
            elif len(article.text) < TEASER_CHARS:
                note = Text(
                    "\n\nThis is the feed's teaser: press f for the full article.",
                    style="italic dim",
                    end="",
                )
        body.update(Text.assemble(text or Text("(no text in the feed)", style="dim"), note))
        if changed:
            self.scroll_home(animate=False)
        self.call_after_refresh(self._report_progress)  # once laid out: the length is known

    def scroll_to_quote(self, text: str) -> None:
        """Scroll the body to where `text` (a statement) is, once laid out."""
        if self.article is None:
            return
        body = self.article.body
        at = body.find(text[:60])
        if at < 0:
            return

        def go() -> None:
            widget = self.query_one("#reader-body", Static)
            y = widget.region.y - self.region.y + self.scroll_y
            self.scroll_to(y=y + widget.size.height * at / max(1, len(body)), animate=False)

        self.call_after_refresh(go)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._report_progress()

    def on_resize(self) -> None:
        self._report_progress()

    def _report_progress(self) -> None:
        if self.article is None:
            return
        end = self.max_scroll_y
        percent = 100 if end <= 0 else round(100 * min(self.scroll_y, end) / end)
        self.post_message(self.Scrolled(f"{percent}%"))

    def set_summary(self, summary: Summary | None, *, failed: str | None = None) -> None:
        self.summary = summary
        self.failed = failed
        self._show_points()

    def _show_points(self) -> None:
        points = self.query_one("#reader-points", Static)
        out = Text(end="")
        out.append("Key points\n", style="bold")
        if self.failed is not None:
            out.append("digest failed: ", style="bold")
            out.append_text(line(self.failed))
        elif self.summary is None:
            out.append("Summarising…", style="italic dim")
        elif not self.summary.key_points:
            out.append("No key points for this text.", style="italic dim")
        else:
            for i, point in enumerate(self.summary.key_points):
                if i:
                    out.append("\n")
                out.append(" • ", style="bold")
                out.append_text(highlight(line(point.text), self.highlight))
        points.update(out)
