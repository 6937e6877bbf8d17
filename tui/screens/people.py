"""The People view (key p, and the command palette): who said what across the current list.

First the speakers of the list's articles, most statements first, with their counts;
Enter on one lists their statements across articles (newest first); Enter on a statement
opens its article at that statement. Escape goes back a step, then closes.
Statements come from the store (feeds.speakers); articles not digested yet are digested
first by the reader's low-priority digest worker, with progress in the title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..plural import plural
from ..text import line

if TYPE_CHECKING:
    from feeds.speakers import Quote, SpeakerStat

MAX_ARTICLES = 300  # the newest of the list: a long list is not digested whole on open


class PeopleScreen(ModalScreen[tuple[int, str] | None]):
    """Dismissed with (article id, statement text) to open, or None."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, article_ids: list[int], label: str) -> None:
        super().__init__()
        self.article_ids = article_ids[:MAX_ARTICLES]
        self.label = label
        self.stats: list[SpeakerStat] = []
        self.quotes: list[Quote] = []
        self.speaker: SpeakerStat | None = None  # chosen: its statements are shown
        self.shown: list[Quote] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="people-box"):
            yield Static(id="people-title")
            yield OptionList(id="people")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._title(f"People in “{self.label}”: reading…")
        self.load()

    def _title(self, text: str) -> None:
        self.query_one("#people-title", Static).update(line(text, "bold"))

    @work(group="people", exclusive=True)
    async def load(self) -> None:
        from feeds.speakers import collect, pending, record

        from ..summaries import DigestFailed

        app: Any = self.app
        store = app.store
        todo = pending(store, store.get_articles(self.article_ids))
        for i, article in enumerate(todo):
            self._title(f"People in “{self.label}”: digesting {i + 1}/{len(todo)}…")
            try:
                summary = await app.digests.summary(article)
            except DigestFailed:
                continue
            record(store, article, summary)
        self.stats, self.quotes = collect(store, article_ids=self.article_ids)
        self.show_speakers()

    def show_speakers(self) -> None:
        self.speaker = None
        n = len(self.stats)
        self._title(
            f"People in “{self.label}”: {plural(n, 'speaker')}  (Enter: statements · Escape: close)"
        )
        options = self.query_one(OptionList)
        options.clear_options()
        for i, s in enumerate(self.stats):
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(f"{s.statements:4d}  ", style="bold")
            row.append_text(line(s.name, "bold"))
            if s.roles:
                row.append("  ")
                row.append_text(line("; ".join(s.roles), "dim"))
            row.append(f"  · {plural(len(s.articles), 'article')}", style="dim")
            options.add_option(Option(row, id=f"speaker-{i}"))
        if not self.stats:
            options.add_option(Option(Text("Nobody is quoted in these articles.", "dim")))
        options.highlighted = 0

    def show_statements(self, stat: SpeakerStat) -> None:
        self.speaker = stat
        self.shown = [q for q in self.quotes if q.speaker == stat.name]
        self._title(
            f"{stat.name}: {plural(len(self.shown), 'statement')}  (Enter: open · Escape: back)"
        )
        options = self.query_one(OptionList)
        options.clear_options()
        for i, q in enumerate(self.shown):
            row = Text()
            if q.cue:
                row.append_text(line(q.cue, "italic"))
                row.append(" ")
            said = f"“{q.text}”" if q.kind != "indirect" else q.text
            row.append_text(line(said))
            row.append("\n    ")
            row.append_text(line(q.title or "(untitled)", "dim"))
            options.add_option(Option(row, id=f"quote-{i}"))
        options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid.startswith("speaker-"):
            self.show_statements(self.stats[int(oid.split("-")[1])])
        elif oid.startswith("quote-"):
            q = self.shown[int(oid.split("-")[1])]
            self.dismiss((q.article_id, q.text))

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()

    def action_back(self) -> None:
        if self.speaker is not None:
            self.show_speakers()
        else:
            self.dismiss(None)
