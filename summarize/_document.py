"""A small document model: title, headings, captions, boilerplate and body paragraphs.

(Placeholder: the digest work replaces the classification with the real one.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["body", "heading", "title", "caption", "byline", "boilerplate"]


@dataclass(slots=True)
class Paragraph:
    index: int  # position among the input's non-empty paragraphs; Statement/KeyPoint.paragraph
    text: str
    kind: ParagraphKind = "body"


@dataclass(slots=True)
class Document:
    title: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "body"]


def parse_document(text: str, title: str | None = None) -> Document:
    lines = [ln.strip() for ln in text.splitlines()]
    paras = [Paragraph(i, ln) for i, ln in enumerate(ln for ln in lines if ln)]
    return Document(title=title, paragraphs=paras)
