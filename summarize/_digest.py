"""Ranking and selecting key points. (Placeholder: Lead-k until the real ranker lands.)"""

from __future__ import annotations

from ._document import Document
from ._model import KeyPoint
from ._text import split_sentences


def key_points(doc: Document, max_points: int = 5) -> list[KeyPoint]:
    out: list[KeyPoint] = []
    for para in doc.body:
        for sent in split_sentences(para.text):
            if len(out) >= max_points:
                return out
            out.append(KeyPoint(sent, sent, para.index, 1.0))
    return out
