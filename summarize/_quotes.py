"""Who said what. (Placeholder: the who-said-what work replaces it.)"""

from __future__ import annotations

from ._document import Document
from ._model import Speaker


def extract_speakers(doc: Document) -> list[Speaker]:
    return []
