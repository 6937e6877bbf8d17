"""Markdown rendering of a digest, with news text escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._model import Summary

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def escape(text: str) -> str:
    """Escape inline Markdown so news text renders as itself."""
    text = _CONTROL.sub("", text).replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", text)


_BLOCK_START = re.compile(r"^(\d+)([.)])(?=\s)|^([-+=])(?=\s|$)")


def _item(text: str) -> str:
    """Escape ``text`` for a list item: also a leading "1." or "-" that would nest a list."""
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escape(text))


def summary_to_markdown(summary: Summary, *, heading_level: int = 1) -> str:
    h = "#" * heading_level
    lines: list[str] = []
    if summary.title:
        lines += [f"{h} {escape(summary.title)}", ""]
    if summary.key_points:
        lines += [f"{h}# Key points", ""]
        lines += [f"- {_item(kp.text)}" for kp in summary.key_points]
        lines.append("")
    if summary.speakers:
        lines += [f"{h}# Who said what", ""]
        for sp in summary.speakers:
            who = f"**{escape(sp.name)}**" + (f" ({escape(sp.role)})" if sp.role else "")
            lines.append(f"- {who}")
            for st in sp.statements:
                said = f"“{escape(st.text)}”" if st.kind != "indirect" else escape(st.text)
                lines.append(f"  - {said}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
