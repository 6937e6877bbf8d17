"""Where the store and the config live (platformdirs; env and flags override)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_documents_path, user_log_path

APP = "newsdesk"


def db_path(flag: str | None = None) -> Path:
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get("NEWSDESK_DB")
    if env:
        return Path(env).expanduser()
    return user_data_path(APP, appauthor=False) / "newsdesk.db"


def config_path(flag: str | None = None) -> Path:
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get("NEWSDESK_CONFIG")
    if env:
        return Path(env).expanduser()
    return user_config_path(APP, appauthor=False) / "config.toml"


def export_dir() -> Path:
    """Default folder for Markdown exports from the reader."""
    return user_documents_path() / APP


def log_path() -> Path:
    """The reader's log (failures it reports in one line on screen, with their reasons)."""
    env = os.environ.get("NEWSDESK_LOG")
    if env:
        return Path(env).expanduser()
    return user_log_path(APP, appauthor=False) / "newsdesk.log"
