"""Keys that arrive together are handled one after another, each where the user meant it.

Textual forwards every key to the widget focused *when the app dequeues it*, while
bindings run, and focus moves, only when the key has bubbled back up to the app.
A burst (a paste, a fast typist, `Enter q` sent together) is therefore forwarded
in full to the old focus before the first key has moved it: `/word` + Enter ran
w, o, r, d as commands instead of typing them into the search box.

`KeysInOrder` holds the keys that arrive while one is in flight and lets the next
go only when the previous one is done (its bindings ran, or a widget stopped it)
and the screen's widgets have handled what it caused (an `Opened` message that
focuses the reader), so focus has moved before the next key is routed.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[Any]
else:
    _Base = object

STUCK = 1.0  # seconds: a key not done by then (lost on the way) no longer holds the others
SETTLE_ROUNDS = 20  # at most this many rounds of waiting for the screen's queues


class _Key(events.Key):
    """A key from the terminal, routed in order; tells the app when a widget stops it."""

    def __init__(self, key: str, character: str | None, app: KeysInOrder) -> None:
        super().__init__(key, character)
        self._sender = None  # like the terminal's own keys (else it stops below the app)
        self._order_app = app
        self.released = False  # let through by KeysInOrder (not held again)

    def stop(self, stop: bool = True) -> None:
        super().stop(stop)
        if stop:  # a widget used the key (an Input typed it): it goes no further
            self._order_app._key_done(self)


_Key.handler_name = "on_key"  # dispatched to on_key/_on_key like any key (not "on__key")


class KeysInOrder(_Base):
    """Mixin for the App: one terminal key (or paste) at a time, focus moved in between."""

    _key_current: Any = None
    _key_last: Any = None  # the key most recently let through (for the watchdog)
    _key_started = 0.0
    _key_settling = False

    def _keys_waiting(self) -> deque[events.Event]:
        waiting = self.__dict__.get("_key_backlog")
        if waiting is None:
            waiting = self.__dict__["_key_backlog"] = deque()
        return waiting

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if isinstance(event, events.Key) and not isinstance(event, _Key):
                event = _Key(event.key, event.character, self)
            if not getattr(event, "released", False):  # from the terminal, not our re-post
                waiting = self._keys_waiting()
                if self._key_busy() or waiting:
                    waiting.append(event)
                    if not self._key_busy():  # the one in flight was lost: carry on in order
                        self._next_key()
                    return
            self._key_current = event
            self._key_started = time.monotonic()
            self._watch(event)
            await super().on_event(event)  # type: ignore[misc]
            if not event.is_forwarded or isinstance(event, events.Paste):
                self._key_done(event)  # a priority binding took it (or a paste, delivered)
            return
        await super().on_event(event)  # type: ignore[misc]
        if isinstance(event, _Key) and event.is_forwarded:
            self._key_done(event)  # bubbled back: its bindings have run

    def _watch(self, event: events.Event) -> None:
        """If this key is still holding the others after STUCK seconds, let them go."""
        import asyncio

        def check() -> None:
            if self._key_current is event or (self._key_settling and self._key_last is event):
                self._key_current = None
                self._key_settling = False
                self._next_key()

        self._key_last = event
        try:
            asyncio.get_running_loop().call_later(STUCK, check)
        except RuntimeError:  # no loop (not running): nothing to watch
            pass

    def _key_busy(self) -> bool:
        if self._key_current is None and not self._key_settling:
            return False
        if time.monotonic() - self._key_started > STUCK:  # lost on the way: do not hold on
            self._key_current = None
            self._key_settling = False
            return False
        return True

    def _key_done(self, event: events.Event) -> None:
        if event is not self._key_current:
            return
        self._key_current = None
        self._key_settling = True
        self._settle(0)

    def _settle(self, rounds: int) -> None:
        """Wait until the screen's widgets have handled what the key caused, then the next key."""
        try:
            pumps = [self.screen, *self.screen.walk_children()]
        except Exception:  # no screen (quitting)
            pumps = []
        # Textual is pinned (pyproject): its message queue is read, not changed.
        busy = [p for p in pumps if p.is_running and not p._message_queue.empty()]
        if not busy or rounds >= SETTLE_ROUNDS:
            self.call_later(self._next_key)  # after focus changes queued on the app
            return
        left = len(busy)

        def one_done() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                self._settle(rounds + 1)

        for pump in busy:
            pump.call_later(one_done)

    def _next_key(self) -> None:
        self._key_settling = False
        waiting = self._keys_waiting()
        if not waiting or self._key_current is not None:
            return
        event = waiting.popleft()
        event.released = True  # type: ignore[attr-defined]
        self._key_current = event  # hold the others until it is dispatched
        self._key_started = time.monotonic()
        self.post_message(event)
