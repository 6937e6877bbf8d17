"""The newsdesk reader: a Textual app over the store.

The app owns the Store (one connection, on the UI thread), the settings, the
digest service and the clock (injectable, so ages are stable in tests and
screenshots). The screens do the work; see tui/screens/.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .config import Settings
from .keys import KeysInOrder
from .palette import ListsProvider
from .screens.main import MainScreen
from .summaries import DigestService

if TYPE_CHECKING:
    from feeds.store import Store


class NewsdeskApp(KeysInOrder, App[None]):
    TITLE = "newsdesk"
    CSS_PATH = [
        "app.tcss",
        "widgets/article_list.tcss",
        "widgets/reader.tcss",
        "screens/dialogs.tcss",
    ]
    COMMANDS = App.COMMANDS | {ListsProvider}
    BINDINGS = [
        Binding("Q", "quit", "Quit", id="quit", priority=True),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+p", "command_palette", "Palette", id="palette", show=True),
    ]

    def __init__(
        self,
        store: Store,
        settings: Settings | None = None,
        *,
        clock: Callable[[], float] = time.time,
        demo: bool = False,
        processes: bool = True,
        prefetch: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.clock = clock
        self.demo = demo
        self.prefetch = prefetch
        self.digests = DigestService(store, processes=processes)
        self.keymap_overrides = dict(self.settings.keys)
        if demo:
            self.sub_title = "demo"

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(main, MainScreen):
            return
        for binding in MainScreen.BINDINGS:
            if not isinstance(binding, Binding):
                continue
            action = binding.action
            keys = self.keymap_overrides.get(binding.id or "", binding.key)
            yield SystemCommand(
                binding.description,
                f"Key: {keys.replace('slash', '/')}",
                (lambda a=action: main.run_action(a)),  # type: ignore[misc]
            )
        yield SystemCommand("Help: every key", "Key: ?", self.action_help)

    def on_unmount(self) -> None:
        self.digests.close()
