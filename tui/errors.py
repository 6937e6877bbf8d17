"""Errors the command line turns into one line on stderr and an exit code."""

from __future__ import annotations


class CliError(Exception):
    """A user-facing failure: `newsdesk: <message>` and exit `code` (2: usage/bad input)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
