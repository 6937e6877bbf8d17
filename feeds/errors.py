"""Errors of the feeds layer, each with a one-line message fit for a user.

    FeedError                 anything about one feed or file that the user can act on
     ├── ParseError           the body is not a usable feed (HTML page, junk, empty)
     ├── ImportFormatError    a file given to `import` is neither OPML nor a newsboat urls file
     ├── FetchError           the network part failed
     │    ├── HttpStatusError  the server answered 4xx/5xx (.status, .retry_after)
     │    ├── TooLargeError    the body passed the size cap (compressed or decompressed)
     │    ├── TooManyRedirects
     │    └── FetchTimeout     connect/read/total deadline passed
     ├── RefreshBusy          another refresh holds the store's lock
     ├── TaskLimitError       work in a worker process went over a limit (the worker is gone)
     │    ├── TaskTimeout      over its wall time
     │    └── TaskMemory       over its memory
     └── WorkerDied           a worker process ended without an answer

Callers catch `FeedError` (or a precise leaf); messages never hold a newline.
"""

from __future__ import annotations


class FeedError(Exception):
    """A one-line, user-facing reason why a feed (or file) cannot be used."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()) or type(self).__name__)


class ParseError(FeedError, ValueError):
    pass


class ImportFormatError(FeedError, ValueError):
    pass


class FetchError(FeedError):
    pass


class HttpStatusError(FetchError):
    def __init__(self, message: str, status: int, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after  # unix time before which the server asked us not to come


class TooLargeError(FetchError):
    pass


class TooManyRedirects(FetchError):
    pass


class FetchTimeout(FetchError, TimeoutError):
    pass


class RefreshBusy(FeedError):
    pass


class TaskLimitError(FeedError):
    pass


class TaskTimeout(TaskLimitError, TimeoutError):
    pass


class TaskMemory(TaskLimitError):
    pass


class WorkerDied(FeedError):
    pass
