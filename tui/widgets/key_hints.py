"""The key-hint line: as many whole "key Action" hints as fit, never one cut mid-word.

Textual's Footer scrolls sideways and cuts the last hint at any width ("E Expo▏"), and
shows ctrl+p twice when a focused widget brings its own. This one line shows the active
bindings in their declared order, each once, drops the ones that do not fit, and always
ends with `? Keys` (the help screen lists every key) and `^p Palette`. A click on a
hint presses its key.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

_ALWAYS = ("help", "command_palette")  # actions kept on the right whatever the width
_GAP = 2


Hint = tuple[str, str, str, bool, str]  # key, key as shown, description, enabled, action


class KeyHints(Widget):
    COMPONENT_CLASSES = {"key-hints--key"}
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyHints > .key-hints--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def hints(self) -> list[Hint]:
        """Each shown binding once (by action), in the order Textual resolves them."""
        seen: set[str] = set()
        out: list[Hint] = []
        typing = isinstance(self.screen.focused, Input)  # a letter key types, not acts
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            if not binding.show or not binding.description or binding.action in seen:
                continue
            if typing and len(self.app.get_key_display(binding)) == 1:
                continue
            seen.add(binding.action)
            shown = self.app.get_key_display(binding)
            out.append((binding.key, shown, binding.description, enabled, binding.action))
        return out

    def render(self) -> Text:
        width = self.size.width
        hints = self.hints()
        tail = [h for h in hints if h[4] in _ALWAYS]
        body = [h for h in hints if h not in tail]
        key_style = self.get_component_rich_style("key-hints--key", partial=True)
        tail_width = sum(_width(h) + _GAP for h in tail)
        out = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        x = 1
        out.append(" ")
        for hint in body:
            if x + _width(hint) + tail_width > width:
                break  # the rest are in `?` and the palette
            self._add(out, hint, key_style)
            out.append(" " * _GAP)
            x += _width(hint) + _GAP
        pad = max(0, width - x - tail_width + _GAP)
        out.append(" " * pad)
        x += pad
        for i, hint in enumerate(tail):
            if x + _width(hint) > width:
                break
            self._add(out, hint, key_style)
            x += _width(hint)
            if i < len(tail) - 1:
                out.append(" " * _GAP)
                x += _GAP
        return out

    def _add(self, out: Text, hint: Hint, key_style: object) -> None:
        key, shown, description, enabled, _action = hint
        start = len(out)
        out.append(shown, style=key_style if enabled else "dim")  # type: ignore[arg-type]
        out.append(" " + description, style="" if enabled else "dim")
        self._spans.append((start, len(out), key))

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return


def _width(hint: Hint) -> int:
    return Text(f"{hint[1]} {hint[2]}").cell_len
