"""Shared fixtures: `feed_server`, a real HTTP server on 127.0.0.1 (see tests/feedserver.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feedserver import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv
