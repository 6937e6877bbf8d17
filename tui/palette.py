"""Feeds, tags and lists in the command palette (ctrl+p): "Show feed: Harbour Herald"."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .screens.lists import ListChoice


class ListsProvider(Provider):
    """Every list the `t` picker offers, by name, so a feed is a few letters away."""

    async def startup(self) -> None:
        from .screens.lists import list_choices

        store = getattr(self.app, "store", None)
        entries = list_choices(store) if store is not None else []
        self.entries: list[tuple[str, ListChoice]] = []
        for entry in entries:
            if entry is None:
                continue
            choice, _label = entry
            kind = {"feed": "Show feed", "tag": "Show tag"}.get(choice.kind, "Show list")
            self.entries.append((f"{kind}: {choice.label}", choice))

    def _show(self, choice: ListChoice) -> None:
        from .screens.main import MainScreen

        main = self.app.screen_stack[0] if self.app.screen_stack else None
        if isinstance(main, MainScreen):
            main.show_list(choice)

    async def discover(self) -> Hits:
        for name, choice in self.entries[:3]:  # All, Unread, Starred
            yield DiscoveryHit(name, partial(self._show, choice), help="a list (also: t)")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, choice in self.entries:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self._show, choice),
                    help="show it in the list (also: t, then type)",
                )
