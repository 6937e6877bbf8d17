"""The feeds/tags view: virtual lists, tags and feeds with unread counts.

A failed feed shows its last error under its name. Picking an entry filters
the article list; `t` opens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..text import line

if TYPE_CHECKING:
    from feeds.store import Store


@dataclass(frozen=True, slots=True)
class ListChoice:
    """A list the reader can show: `kind` is all, unread, starred, tag or feed (or stories:
    the Stories view)."""

    kind: str = "all"
    label: str = "All"
    tag: str | None = None
    feed_id: int | None = None
    feed_ids: tuple[int, ...] = field(default=())


ALL = ListChoice()


def list_choices(store: Store) -> list[tuple[ListChoice, Text] | None]:
    """Every list the reader can show, with its label (None: a separator): the virtual
    lists, the tags, the feeds (with a failed feed's last error)."""
    from feeds.store import ArticleFilter

    out: list[tuple[ListChoice, Text] | None] = []
    total = store.count()
    unread = store.count(ArticleFilter(unread=True))
    starred = store.count(ArticleFilter(starred=True))
    for choice, n in (
        (ALL, f"{unread} unread / {total}"),
        (ListChoice("unread", "Unread"), str(unread)),
        (ListChoice("starred", "Starred"), str(starred)),
        (ListChoice("stories", "Stories"), "one event across feeds  (v)"),
    ):
        out.append((choice, Text.assemble((choice.label, "bold"), f"  {n}")))
    tags = store.tags()
    if tags:
        out.append(None)
        for tag, count in tags:
            label = Text.assemble(("#", "dim"), line(tag, "bold"), f"  {count} unread")
            out.append((ListChoice("tag", f"#{tag}", tag=tag), label))
    feeds = store.list_feeds()
    if feeds:
        out.append(None)
        for feed in feeds:
            label = Text(end="")
            label.append_text(line(feed.title, "bold" if feed.unread else ""))
            label.append(f"  {feed.unread}/{feed.total}", style="dim")
            if feed.last_error:
                label.append("\n  ⚠ ", style="bold red")
                label.append_text(line(feed.last_error, "red"))
            out.append((ListChoice("feed", feed.title, feed_id=feed.id), label))
    return out


class ListPicker(ModalScreen[ListChoice | None]):
    """`t`: pick a list. Typing filters it by name (any key that is not j/k/l/q starts the
    filter, `/` too); arrows move, Enter picks, Escape clears the filter, then closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="lists_close"),
        Binding("q", "close", "Close", show=False, id="lists_quit"),
        Binding("j", "move(1)", "Down", show=False, id="lists_down"),
        Binding("k", "move(-1)", "Up", show=False, id="lists_up"),
        Binding("down", "move(1)", "Down", show=False, id="lists_down_arrow"),
        Binding("up", "move(-1)", "Up", show=False, id="lists_up_arrow"),
        Binding("l", "pick", "Pick", show=False, id="lists_pick"),
        Binding("slash", "filter", "Filter", key_display="/", id="lists_filter"),
    ]

    def __init__(self, store: Store, current: ListChoice) -> None:
        super().__init__()
        self.store = store
        self.current = current
        self.all = list_choices(store)
        self.choices: list[ListChoice] = []  # shown now, by option id "choice-N"

    def compose(self) -> ComposeResult:
        with Vertical(id="lists-box"):
            yield Static(
                "Feeds and tags  (type to filter · Enter: show · Escape: close)", id="lists-title"
            )
            yield Input(
                placeholder="type to filter by name", id="lists-filter", select_on_focus=False
            )
            yield OptionList(*self._options(""), id="lists")

    def _options(self, query: str) -> list[Option | None]:
        self.choices = []
        words = query.casefold().split()
        options: list[Option | None] = []
        for entry in self.all:
            if entry is None:
                if not words and options and options[-1] is not None:
                    options.append(None)
                continue
            choice, label = entry
            name = choice.label.casefold()
            if all(w in name for w in words):
                self.choices.append(choice)
                options.append(Option(label, id=f"choice-{len(self.choices) - 1}"))
        return options

    def on_mount(self) -> None:
        self.query_one("#lists-filter", Input).display = False
        lists = self.query_one(OptionList)
        lists.focus()
        for i, choice in enumerate(self.choices):
            if choice == self.current:
                lists.highlighted = lists.get_option_index(f"choice-{i}")
                break
        else:
            lists.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#lists-filter", Input)
        if box.has_focus or not event.is_printable or not event.character:
            return
        if event.character in "jklq/":
            return  # bindings
        event.stop()
        event.prevent_default()
        self.action_filter()
        box.insert_text_at_cursor(event.character)

    def action_filter(self) -> None:
        box = self.query_one("#lists-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#lists-filter")
    def _filter(self, event: Input.Changed) -> None:
        lists = self.query_one(OptionList)
        lists.clear_options()
        lists.add_options(self._options(event.value))
        lists.highlighted = 0 if self.choices else None

    @on(Input.Submitted, "#lists-filter")
    def _submitted(self) -> None:
        self.action_pick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(self.choices[int(event.option.id.split("-")[1])])

    def action_move(self, delta: int) -> None:
        lists = self.query_one(OptionList)
        lists.action_cursor_down() if delta > 0 else lists.action_cursor_up()

    def action_pick(self) -> None:
        lists = self.query_one(OptionList)
        if lists.highlighted is not None:
            lists.action_select()

    def action_close(self) -> None:
        box = self.query_one("#lists-filter", Input)
        if box.value:
            box.value = ""
            return
        self.dismiss(None)
