"""Opening a link: a desktop browser in the background, a terminal browser in our terminal.

`webbrowser` (which honours $BROWSER) runs a *GenericBrowser* in the foreground and
waits for it: that is a terminal program (w3m, lynx, a script) or a launcher
that may start one. It needs the terminal, so the reader suspends itself while
it runs (`App.suspend`) instead of letting both draw and read keys at once.
A *BackgroundBrowser* (firefox, xdg-open on a desktop) is started detached.
"""

from __future__ import annotations

import os
import webbrowser


def find() -> webbrowser.BaseBrowser | None:
    """The browser `webbrowser` would use ($BROWSER first), or None if there is none."""
    try:
        return webbrowser.get()
    except webbrowser.Error:
        return None


def needs_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """Runs in the foreground on our terminal (and is waited for)."""
    return isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
        browser, webbrowser.BackgroundBrowser
    )


def name(browser: webbrowser.BaseBrowser) -> str:
    return os.path.basename(str(getattr(browser, "name", "") or "")) or "the browser"


NO_BROWSER = "No browser found to open the link: set $BROWSER (for example BROWSER=w3m)."


def cooked_input() -> None:
    """Line editing, echo and Enter as newline on stdin, as a program run from a shell expects.

    Called while the app is suspended: Textual then restores the modes it found at
    start, which, after the first frame from the store (tui/splash.py), are not a
    shell's (no echo, Enter not translated), so `read` in a script would never end.
    """
    try:
        import sys
        import termios

        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else 0
        attrs = termios.tcgetattr(fd)
        attrs[0] |= termios.ICRNL
        attrs[3] |= termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG
        termios.tcsetattr(fd, termios.TCSANOW, attrs)
    except Exception:  # not a terminal (or no termios): nothing to set
        pass
