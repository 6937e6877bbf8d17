"""`newsdesk` (the reader) and `newsdesk demo` (the reader on sample articles)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CliError

if TYPE_CHECKING:
    from .splash import Splash


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .config import load_settings
    from .paths import config_path
    from .screens.help import binding_ids, binding_scopes

    return load_settings(
        config_path(getattr(args, "config", None)),
        binding_ids=binding_ids(),
        scopes=binding_scopes(),
    )


def _run(store_path: Path, args: argparse.Namespace, *, demo: bool) -> int:
    splash: Splash | None = None
    if not demo:
        # The store's first screen before Textual loads (a TTY only; see tui/splash.py).
        from .paths import config_path
        from .splash import Splash

        splash = Splash.show(store_path, config_path(getattr(args, "config", None)))
    try:
        return _open(store_path, args, demo=demo, splash=splash)
    finally:
        if splash is not None:
            splash.close()


def _log_to_file() -> None:
    """Warnings (a failed digest, a broken worker pool) go to the log file, made on first use."""
    import logging

    from .paths import log_path

    class _Handler(logging.FileHandler):
        def _open(self):  # type: ignore[no-untyped-def]
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            return super()._open()

    logger = logging.getLogger("newsdesk")
    if not logger.handlers:
        try:
            handler = _Handler(log_path(), delay=True, encoding="utf-8")
        except OSError:
            return
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _open(store_path: Path, args: argparse.Namespace, *, demo: bool, splash: Splash | None) -> int:
    import threading

    from feeds.store import Store, StoreError

    from .summaries import start_worker_processes

    _log_to_file()
    # Digest worker processes must be started while the real standard streams are in
    # place (see tui/summaries.py); overlapped with the imports below, joined before run.
    workers = threading.Thread(target=start_worker_processes, name="workers", daemon=True)
    workers.start()
    settings = _settings(args)
    try:
        store = Store(store_path)
    except StoreError as exc:
        raise CliError(str(exc), 1) from None
    if demo:
        try:
            from feeds.demo import load_demo
        except ImportError:
            raise CliError("the demo articles are not installed", 1) from None
        load_demo(store)
    from .app import NewsdeskApp

    app = NewsdeskApp(store, settings, demo=demo)
    workers.join()
    try:
        if splash is not None:
            splash.handed_over = True  # Textual takes the alternate screen over (and leaves it)
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def run_reader(args: argparse.Namespace) -> int:
    from .paths import db_path

    return _run(db_path(getattr(args, "db", None)), args, demo=False)


def run_demo(args: argparse.Namespace) -> int:
    import tempfile

    # A throwaway store: the demo never touches the user's articles.
    with tempfile.TemporaryDirectory(prefix="newsdesk-demo-") as tmp:
        return _run(Path(tmp) / "demo.db", args, demo=True)
