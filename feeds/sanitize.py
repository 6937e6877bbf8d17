"""Untrusted text from feeds: strip terminal control sequences and control characters.

Everything a feed sends passes through `clean_text` before it is stored, and the
UI and exports escape markup on top of that (defence in depth).
"""

from __future__ import annotations

import re

# ESC-introduced sequences (CSI, OSC, DCS, SOS/PM/APC, two-byte escapes) and their
# 8-bit C1 forms, then any lone control character left over.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]            # CSI ... final byte
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])     # OSC / DCS / SOS / PM / APC ...
        [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   #   ... up to BEL or ST
  | \x1b[@-Z\\-_]?                              # other two-byte escapes, or a lone ESC
    """,
    re.VERBOSE,
)
# C0 except tab/newline, DEL, C1, and the bidi overrides/isolates that can reorder a line.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_CONTROLS_NO_NL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def clean_text(text: str | None) -> str:
    """Text with escape sequences and control characters removed (newlines and tabs kept)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def clean_line(text: str | None) -> str:
    """One-line form for titles, names and URLs: controls removed, whitespace folded."""
    if not text:
        return ""
    text = _ESCAPES.sub("", text)
    text = _CONTROLS_NO_NL.sub(" ", text)
    return " ".join(text.split())
