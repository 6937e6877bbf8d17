"""The who-said-what pane: each speaker, their role and what they said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..text import line

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from summarize import Speaker, Statement, Summary

_KIND = {"direct": "“”", "mixed": "“…", "indirect": "~"}


class WhoSaid(VerticalScroll):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = False

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="who-body")

    def on_mount(self) -> None:
        self.show(None, pending=False)

    def show(self, summary: Summary | None, *, pending: bool, failed: str | None = None) -> None:
        out = Text(end="")
        out.append("Who said what\n", style="bold")
        if failed is not None:
            out.append("digest failed: ", style="bold")
            out.append_text(line(failed))
        elif summary is None:
            out.append(
                "Summarising…" if pending else "Open an article to see its speakers.",
                style="italic dim",
            )
        elif not summary.speakers:
            out.append("No quoted speakers.", style="italic dim")
        else:
            append_speakers(out, summary.speakers)
        self.query_one("#who-body", Static).update(out)


def append_speakers(
    out: Text, speakers: Sequence[Speaker], cite: Callable[[Statement], str] | None = None
) -> None:
    """Each speaker, role and statements (direct in quotation marks, else with the cue
    verb), as the article pane and a story's page both show them; `cite` gives a
    statement's source marker ("[2]") on a story's page."""
    for i, speaker in enumerate(speakers):
        out.append("\n" if i else "")
        out.append_text(line(speaker.name, "bold"))
        if speaker.role:
            out.append(", ")
            out.append_text(line(speaker.role, "italic"))
        out.append("\n")
        for st in speaker.statements:
            if st.kind == "direct":
                out.append("  “")
                out.append_text(line(st.text))
                out.append("”")
            else:
                out.append("  ")
                if st.cue:
                    out.append_text(line(st.cue, "dim"))
                    out.append(": ", style="dim")
                out.append_text(line(st.text))
            mark = cite(st) if cite is not None else ""
            if mark:
                out.append(f" {mark}", style="bold")
            out.append("\n")
