"""Untrusted text from feeds: strip terminal control sequences and control characters.

Everything a feed sends passes through `clean_text` before it is stored, and the
UI and exports escape markup on top of that (defence in depth).

What goes: ESC-introduced sequences (CSI, OSC, DCS, SOS/PM/APC, two-byte escapes)
whole; every C0 control but tab/newline; DEL; every C1 control (8-bit CSI/OSC/...
included: their payload is then inert text); bidi embeddings/overrides/isolates and
marks, which can reorder what a terminal shows; lone surrogates (JSON "\\ud800"),
which cannot be encoded for output or the store. Line/paragraph separators become
newlines. Nothing else is touched, so mis-decoded text (mojibake full of C1 bytes)
loses only those bytes, never the rest of the article.
"""

from __future__ import annotations

import re

# A terminated OSC/DCS/SOS/PM/APC string goes whole; an unterminated one loses only its
# introducer (the payload left behind is plain text). The payload class excludes ESC so a
# run of unterminated introducers stays linear. Only the 7-bit forms take a payload: the
# 8-bit C1 introducers are single characters that `_CONTROLS` removes (and in UTF-8 they
# are common in mojibake, where eating "up to the next BEL" would eat the article).
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                     # CSI ... final byte
  | \x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)   # OSC / DCS / SOS / PM / APC ... ST
  | \x1b[ -/]*[0-~]?                            # nF / Fp / Fe / Fs escapes, or a lone ESC
    """,
    re.VERBOSE,
)
_BIDI_AND_SURROGATES = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
# C0 except tab/newline, DEL, C1, bidi controls, lone surrogates.
_CONTROLS = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI_AND_SURROGATES}]")
_BIDI = re.compile(f"[{_BIDI_AND_SURROGATES}]")
_CONTROLS_NO_NL = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]")
# What must never reach a terminal (tests and bench/hostile.py count these in output).
UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI_AND_SURROGATES}]")


# ASCII text without these has nothing to remove (most feed text: the quick path).
_ASCII_CONTROLS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f]")


def clean_text(text: str | None) -> str:
    """Text with escape sequences and control characters removed (newlines and tabs kept)."""
    if not text:
        return ""
    if text.isascii() and not _ASCII_CONTROLS.search(text):
        return text
    return _clean_text(text)


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def clean_line(text: str | None) -> str:
    """One-line form for titles, names and URLs: controls removed, whitespace folded."""
    if not text:
        return ""
    if text.isascii() and not _ASCII_CONTROLS.search(text):
        return " ".join(text.split())
    return _clean_line(text)


def _clean_line(text: str) -> str:
    text = _BIDI.sub("", _ESCAPES.sub("", text))
    text = _CONTROLS_NO_NL.sub(" ", text)  # a control between words must not join them
    return " ".join(text.split())
