"""Shared fixtures: `feed_server`, a real HTTP server on 127.0.0.1 (see tests/feedserver.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feedserver import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


# Exports show dates in the reader's local zone: pin one that is not UTC, so a test
# sees the conversion (a POSIX rule: no tz database needed).
LOCAL_TZ = "CET-1"


@pytest.fixture(autouse=True)
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import time

    monkeypatch.setenv("TZ", LOCAL_TZ)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
