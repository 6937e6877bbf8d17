"""The article list: a Line API widget that renders only the visible rows.

It holds the ids of the current list (cheap even for 100,000 articles) and
fetches the rows of the visible window from the store as they are drawn (light
rows: no article bodies), so a list of any size opens as fast as a list of one
screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..columns import feed_column
from ..text import age, highlight, line

if TYPE_CHECKING:
    from feeds.store import ArticleRow, Store

_CACHE_LIMIT = 2000  # rows kept in memory; refilled from the store on demand
_STRIP_LIMIT = 1000  # rendered rows kept: scrolling by one row re-renders only the new rows


class ArticleList(ScrollView, can_focus=True):
    """Newest first; unread rows bold; `N` unread and `★` starred marks."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("pagedown,space,ctrl+d", "page(1)", "Page down", show=False, id="page_down"),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("enter,l", "open", "Open", id="open"),
        Binding("h,left", "screen.back(False)", "Back", show=False, id="list_back"),
    ]
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--star",
    }

    # repaint=False: a move repaints only the two changed rows (watch_cursor), not the list.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, article_id: int | None, index: int) -> None:
            self.article_id = article_id
            self.index = index
            super().__init__()

    class Opened(Message):
        def __init__(self, article_id: int) -> None:
            self.article_id = article_id
            super().__init__()

    def __init__(self, store: Store, clock: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.clock = clock
        self.ids: list[int] = []
        self.show_feed = True  # the feed column; a one-feed list has no use for it
        self.empty_lines: list[str] = ["No articles here."]  # what an empty list says
        self.highlight: list[str] = []  # the search's words, marked in titles
        self._rows: dict[int, ArticleRow] = {}
        # Rendered rows keyed by everything they show, so a scroll reuses all but the new rows.
        self._strips: dict[tuple[object, ...], Strip] = {}

    # -- data ----------------------------------------------------------------

    def set_ids(
        self, ids: Sequence[int], *, keep: int | None = None, one_feed: bool = False
    ) -> None:
        """Show a new list; the cursor stays on article `keep` when it is still there.
        A list of `one_feed` drops the feed column and gives its title the room."""
        self.ids = list(ids)
        self.show_feed = not one_feed
        self._rows.clear()
        self._strips.clear()
        self.virtual_size = Size(0, len(self.ids))
        index = 0
        if keep is not None:
            try:
                index = self.ids.index(keep)
            except ValueError:
                index = min(self.cursor, max(0, len(self.ids) - 1))
        self.cursor = index
        self.refresh()

    def forget(self, article_ids: Sequence[int] | None = None) -> None:
        """Drop cached rows (marks changed) so they are re-read from the store."""
        if article_ids is None:
            self._rows.clear()
            self._strips.clear()
        else:
            for i in article_ids:
                self._rows.pop(i, None)
        self.refresh()

    @property
    def current_id(self) -> int | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def current(self) -> ArticleRow | None:
        return self._row(self.cursor) if self.ids else None

    def visible_ids(self) -> list[int]:
        top = int(self.scroll_offset.y)
        return self.ids[top : top + max(1, self.size.height)]

    def _row(self, index: int) -> ArticleRow | None:
        article_id = self.ids[index]
        found = self._rows.get(article_id)
        if found is not None:
            return found
        if len(self._rows) > _CACHE_LIMIT:
            self._rows.clear()
        # Fetch the whole window around the row in one query.
        height = max(self.size.height, 1)
        start = max(0, min(index, int(self.scroll_offset.y)) - 5)
        window = self.ids[start : max(index + 1, start + height + 10)]
        for row in self.store.get_rows(window):
            self._rows[row.id] = row
        return self._rows.get(article_id)

    # -- rendering -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        if index >= len(self.ids):
            if not self.ids and y < len(self.empty_lines):
                text = Text(" " + self.empty_lines[y], style="dim")
                return self._strip(text, width, self.rich_style)
            return Strip.blank(width, self.rich_style)
        article = self._row(index)
        if article is None:
            return Strip.blank(width, self.rich_style)
        cursor = index == self.cursor
        ago = age(article.published, self.clock())
        key = (article.id, article.read, article.starred, ago, cursor, self.has_focus, width)
        strip = self._strips.get(key)
        if strip is None:
            style = self.rich_style + self.get_component_rich_style(
                "article-list--unread" if not article.read else "article-list--read"
            )
            if cursor:
                style += self.get_component_rich_style("article-list--cursor")
            strip = self._strip(self._row_text(article, width, ago), width, style)
            if len(self._strips) >= _STRIP_LIMIT:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        # A theme or CSS change restyles every row.
        super().notify_style_update()
        self._strips.clear()

    def _row_text(self, article: ArticleRow, width: int, ago: str) -> Text:
        meta = self.get_component_rich_style("article-list--meta", partial=True)
        star = self.get_component_rich_style("article-list--star", partial=True)
        feed_width = feed_column(width) if self.show_feed else 0
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("N" if not article.read else " ")
        text.append("★" if article.starred else " ", style=star)
        text.append(f"{ago:>4} ", style=meta)
        if feed_width:
            feed = line(article.feed_title)
            feed.truncate(feed_width - 1, overflow="ellipsis", pad=True)
            feed.stylize(meta)
            text.append_text(feed)
            text.append(" ")
        text.append_text(highlight(line(article.title or "(untitled)"), self.highlight))
        return text

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        # One blank column on the right: a title never runs into the scrollbar.
        text.truncate(max(width - 1, 1), overflow="ellipsis")
        segments = list(text.render(self.app.console, end=""))
        return Strip(segments).apply_style(style).adjust_cell_length(width, style)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.ids))

    # -- movement --------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self.ids:
            clamped = max(0, min(new, len(self.ids) - 1))
            if clamped != new:
                self.cursor = clamped
                return
        top = int(self.scroll_offset.y)
        height = max(self.size.height, 1)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh_line(old)
        self.refresh_line(new)
        self.post_message(self.Highlighted(self.current_id, new))

    def action_cursor(self, delta: int) -> None:
        if self.ids:
            self.cursor = max(0, min(self.cursor + delta, len(self.ids) - 1))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self.ids) - 1)

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.size.height - 1))

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_click(self, event: Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.ids):
            self.cursor = index
            self.post_message(self.Opened(self.ids[index]))
