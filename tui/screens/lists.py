"""The feeds/tags view: virtual lists, tags and feeds with unread counts.

A failed feed shows its last error under its name. Picking an entry filters
the article list; `t` opens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..text import line

if TYPE_CHECKING:
    from feeds.store import Store


@dataclass(frozen=True, slots=True)
class ListChoice:
    """A list the reader can show: `kind` is all, unread, starred, tag or feed."""

    kind: str = "all"
    label: str = "All"
    tag: str | None = None
    feed_id: int | None = None
    feed_ids: tuple[int, ...] = field(default=())


ALL = ListChoice()


class ListPicker(ModalScreen[ListChoice | None]):
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="lists_close"),
        Binding("j", "move(1)", "Down", show=False, id="lists_down"),
        Binding("k", "move(-1)", "Up", show=False, id="lists_up"),
        Binding("l", "pick", "Pick", show=False, id="lists_pick"),
    ]

    def __init__(self, store: Store, current: ListChoice) -> None:
        super().__init__()
        self.store = store
        self.current = current
        self.choices: list[ListChoice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="lists-box"):
            yield Static("Feeds and tags  (Enter: show · Escape: close)", id="lists-title")
            yield OptionList(*self._options(), id="lists")

    def _options(self) -> list[Option | None]:
        from feeds.store import ArticleFilter

        options: list[Option | None] = []
        total = self.store.count()
        unread = self.store.count(ArticleFilter(unread=True))
        starred = self.store.count(ArticleFilter(starred=True))
        for choice, n in (
            (ALL, f"{unread} unread / {total}"),
            (ListChoice("unread", "Unread"), str(unread)),
            (ListChoice("starred", "Starred"), str(starred)),
            (ListChoice("stories", "Stories"), "one event across feeds  (S)"),
        ):
            options.append(self._option(choice, Text.assemble((choice.label, "bold"), f"  {n}")))
        tags = self.store.tags()
        if tags:
            options.append(None)
            for tag, count in tags:
                label = Text.assemble(("#", "dim"), line(tag, "bold"), f"  {count} unread")
                options.append(self._option(ListChoice("tag", f"#{tag}", tag=tag), label))
        feeds = self.store.list_feeds()
        if feeds:
            options.append(None)
            for feed in feeds:
                label = Text(end="")
                label.append_text(line(feed.title, "bold" if feed.unread else ""))
                label.append(f"  {feed.unread}/{feed.total}", style="dim")
                if feed.last_error:
                    label.append("\n  ⚠ ", style="bold red")
                    label.append_text(line(feed.last_error, "red"))
                choice = ListChoice("feed", feed.title, feed_id=feed.id)
                options.append(self._option(choice, label))
        return options

    def _option(self, choice: ListChoice, label: Text) -> Option:
        self.choices.append(choice)
        return Option(label, id=f"choice-{len(self.choices) - 1}")

    def on_mount(self) -> None:
        lists = self.query_one(OptionList)
        for i, choice in enumerate(self.choices):
            if choice == self.current:
                lists.highlighted = lists.get_option_index(f"choice-{i}")
                break
        else:
            lists.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(self.choices[int(event.option.id.split("-")[1])])

    def action_move(self, delta: int) -> None:
        lists = self.query_one(OptionList)
        lists.action_cursor_down() if delta > 0 else lists.action_cursor_up()

    def action_pick(self) -> None:
        self.query_one(OptionList).action_select()

    def action_close(self) -> None:
        self.dismiss(None)
