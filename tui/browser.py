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
