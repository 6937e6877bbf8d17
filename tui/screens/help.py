"""`?`: every key, what it does, and its binding id (for `[keys]` in the config)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def all_bindings() -> list[tuple[str, list[Binding]]]:
    """The reader's bindings by area, as declared (before key overrides)."""
    from ..app import NewsdeskApp
    from ..widgets.article_list import ArticleList
    from ..widgets.reader import Reader
    from .main import MainScreen
    from .stories import StoriesScreen

    return [
        ("Article list", [b for b in ArticleList.BINDINGS if isinstance(b, Binding)]),
        ("Reader pane", [b for b in Reader.BINDINGS if isinstance(b, Binding)]),
        ("Stories", [b for b in StoriesScreen.BINDINGS if isinstance(b, Binding)]),
        (
            "Everywhere",
            [b for b in MainScreen.BINDINGS if isinstance(b, Binding)]
            + [b for b in NewsdeskApp.BINDINGS if isinstance(b, Binding)],
        ),
    ]


# What each binding does, in words (the Footer keeps the bindings' short descriptions).
# The README's key table is checked against these rows (tests/test_docs.py).
MEANING = {
    "down": "Move down",
    "up": "Move up",
    "first": "First article",
    "last": "Last article",
    "open": "Open",
    "reader_top": "Top of the article",
    "reader_bottom": "End of the article",
    "reader_back": "Back to the list",
    "list_back": "Back: clears the search, then the feed or tag shown",
    "back": "Back; quits from the top list",
    "escape": "Back: closes search, the reader, a filter",
    "next_article": "Open the next article (also from the reader)",
    "prev_article": "Open the previous article (also from the reader)",
    "refresh": "Refresh this feed",
    "refresh_all": "Refresh every feed",
    "next_unread": "Next unread article",
    "prev_unread": "Previous unread article",
    "toggle_read": "Toggle read / unread",
    "mark_all_read": "Mark the whole list read (asks first)",
    "star": "Star / unstar",
    "open_browser": "Open in the browser (http(s) only)",
    "copy_link": "Copy the link (OSC 52)",
    "search": 'Search (FTS5: OR, AND, NOT, "phrase", pre*); Enter filters, Escape clears',
    "full_text": "Fetch the full article",
    "toggle_who": "Show / hide who said what",
    "export": "Export this digest to Markdown",
    "export_list": "Export the list's digests to Markdown",
    "pick_list": "Feeds, tags, All / Unread / Starred, Stories (type to filter)",
    "stories": "Stories: one event across feeds, one digest (also in t)",
    "stories_close": "Back to the article list",
    "stories_down": "Next story",
    "stories_up": "Previous story",
    "stories_read": "Mark the whole story read",
    "stories_source": "Read source n of the story",
    "help": "Every key (this screen)",
    "palette": "Command palette: every action, feed and list by name",
}


def meaning(b: Binding) -> str:
    return MEANING.get(b.id or "", b.description)


def binding_ids() -> set[str]:
    return {b.id for _, group in all_bindings() for b in group if b.id}


def binding_scopes() -> list[dict[str, str]]:
    """Bindings that act at the same time (binding id -> default keys): the list's with
    the screen's and the app's, and the reader's with them. A key must be unique in each."""
    from ..app import NewsdeskApp

    groups = dict(all_bindings())
    everywhere = groups["Everywhere"]
    scopes = [
        {b.id: b.key for b in [*groups[g], *everywhere] if b.id}
        for g in ("Article list", "Reader pane")
    ]
    # The Stories view is a screen of its own: only the app's keys act beside its own.
    app_keys = [b for b in NewsdeskApp.BINDINGS if isinstance(b, Binding)]
    scopes.append({b.id: b.key for b in [*groups["Stories"], *app_keys] if b.id})
    return scopes


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help_up"),
    ]

    rows: list[tuple[str, str, str]]  # (keys, action, id) as shown: tests read these

    def compose(self) -> ComposeResult:
        self.rows = []
        overrides: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        # The Action column gets the room; on a small terminal the ids (for the config's
        # [keys]) give theirs up rather than cut an action to "Ac…".
        with_ids = self.app.size.width >= 80
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Keys", style="bold", ratio=1, min_width=8)
        table.add_column("Action", ratio=3, min_width=16)
        if with_ids:
            table.add_column("Id", style="dim", no_wrap=True, min_width=8)
        for area, group in all_bindings():
            table.add_row("", Text(area, style="bold underline"), *([""] if with_ids else []))
            for b in group:
                keys = overrides.get(b.id or "", b.key)
                shown = ", ".join(_key(k) for k in keys.split(","))
                table.add_row(shown, meaning(b), *([b.id or ""] if with_ids else []))
                self.rows.append((shown, meaning(b), b.id or ""))
            table.add_row("", "")
        table.add_row("mouse", "Click a row to open it; wheel scrolls")
        table.add_row("t, then type", "Filter the feeds and tags by name; Enter shows it")
        ids = (
            "Id: the name to rebind it in the config's [keys]"
            if with_ids
            else "Binding ids for [keys]: widen to 80 columns, or see the README"
        )
        with VerticalScroll(id="help-box"):
            yield Static(
                Text.assemble(
                    ("newsdesk keys  (Escape or ? to close)", "bold"), "\n", (ids, "dim")
                ),
                id="help-title",
            )
            yield Static(table, id="help-table")

    def action_scroll(self, delta: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _key(key: str) -> str:
    return {"slash": "/", "question_mark": "?", "space": "space", "escape": "esc"}.get(
        key.strip(), key.strip()
    )
