"""Markdown rendering of a digest, with news text escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def speaker_section(
    name: str,
    role: str | None,
    items: Sequence[tuple[str, str, str | None, str]],
    *,
    heading_level: int = 2,
) -> list[str]:
    """One speaker's statements across articles, as Markdown lines: a heading with the
    name and role, then one item per (text, kind, cue, source) — ``source`` is Markdown
    already (a link to the article)."""
    h = "#" * heading_level
    lines = [f"{h} {escape(name)}" + (f" ({escape(role)})" if role else ""), ""]
    for text, kind, cue, source in items:
        said = f"“{escape(text)}”" if kind != "indirect" else _item(text)
        verb = f"*{escape(cue)}* " if cue else ""
        lines.append(f"- {verb}{said} — {source}")
    lines.append("")
    return lines
