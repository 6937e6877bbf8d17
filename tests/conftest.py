"""Shared fixtures: `feed_server`, a real HTTP server on 127.0.0.1 (see tests/feedserver.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feedserver import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


# Dates are shown in the reader's local zone: pin it, so no test depends on the machine's
# (a POSIX rule: no tz database needed). Tests of the conversion pin another zone.
LOCAL_TZ = "UTC0"


@pytest.fixture(autouse=True)
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import time

    monkeypatch.setenv("TZ", LOCAL_TZ)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
