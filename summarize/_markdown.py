"""Markdown rendering of a digest, with news text escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._model import StorySummary, Summary

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


def story_to_markdown(
    story: StorySummary,
    *,
    heading_level: int = 1,
    sources: Mapping[str, tuple[str, str | None]] | None = None,
) -> str:
    """A story: headline, its sources numbered, key points citing them ([1], [2]), and
    who said what with the source of each statement. ``sources`` maps a member id to
    (label, url); without it the ids are the labels."""
    h = "#" * heading_level
    number = {sid: k + 1 for k, sid in enumerate(story.sources)}

    def cite(ids: list[str]) -> str:
        return "".join(f"[{n}]" for n in sorted({number[i] for i in ids if i in number}))

    lines: list[str] = []
    if story.title:
        lines += [f"{h} {escape(story.title)}", ""]
    if story.key_points:
        lines += [f"{h}# Key points", ""]
        lines += [f"- {_item(p.text)} {cite(p.sources)}".rstrip() for p in story.key_points]
        lines.append("")
    if story.speakers:
        lines += [f"{h}# Who said what", ""]
        for sp in story.speakers:
            who = f"**{escape(sp.name)}**" + (f" ({escape(sp.role)})" if sp.role else "")
            lines.append(f"- {who}")
            for st in sp.statements:
                said = f"“{escape(st.text)}”" if st.kind != "indirect" else escape(st.text)
                mark = cite([st.source]) if st.source else ""
                lines.append(f"  - {said} {mark}".rstrip())
        lines.append("")
    if story.sources:
        lines += [f"{h}# Sources", ""]
        for sid in story.sources:
            label, url = (sources or {}).get(sid, (sid, None))
            text = escape(label or sid)
            link = f"[{text}](<{url.replace('>', '%3E')}>)" if url else text
            lines.append(f"{number[sid]}. {link}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
