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


def binding_ids() -> set[str]:
    return {b.id for _, group in all_bindings() for b in group if b.id}


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
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Action")
        table.add_column(Text("Id (config [keys])"), style="dim", no_wrap=True)
        for area, group in all_bindings():
            table.add_row(Text(area, style="bold underline"), "", "")
            for b in group:
                keys = overrides.get(b.id or "", b.key)
                shown = ", ".join(_key(k) for k in keys.split(","))
                table.add_row(shown, b.description, b.id or "")
                self.rows.append((shown, b.description, b.id or ""))
            table.add_row("", "", "")
        table.add_row("ctrl+p", "Command palette: every action by name", "")
        table.add_row("mouse", "Click a row to open it; wheel scrolls", "")
        with VerticalScroll(id="help-box"):
            yield Static(
                Text("newsdesk keys  (Escape or ? to close)", style="bold"), id="help-title"
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
