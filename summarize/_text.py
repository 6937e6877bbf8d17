"""Offline sentence splitting and word tokenising (no nltk data downloads)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _punkt():  # type: ignore[no-untyped-def]
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer()


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _punkt().tokenize(text) if s.strip()]
