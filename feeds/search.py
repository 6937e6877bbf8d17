"""What a user types in search, as an FTS5 query (pure: no I/O).

The FTS5 syntax works: `ferry OR flood`, `ferry AND NOT flood`, `"night trains"`,
`(bridge OR tunnel) council`, `title:ferry`, `ferr*`. Every bare word is a quoted
prefix term (`ferr` finds "ferry", and `covid-19` or `5.2` are words, not syntax
errors). Lower-case `and`/`or`/`not` are plain words, as in FTS5. What is still
malformed (unbalanced quotes or brackets, an operator with nothing on one side) is
found by the store when it runs the query; `literal_query` is then the fallback.
"""

from __future__ import annotations

import re

OPERATORS = ("AND", "OR", "NOT")
COLUMNS = ("title", "text", "full_text")
_TOKEN = re.compile(r'"[^"]*"?\*?|[()]|[^\s()"]+')
_WORD = re.compile(r"\w+", re.UNICODE)


def _term(word: str) -> str:
    """One bare word as a quoted prefix term ("" stays ""), or '' if it holds no letters."""
    word = word.rstrip("*")
    if not _WORD.search(word):
        return ""
    return '"' + word.replace('"', '""') + '"*'


def fts_query(text: str) -> str:
    """The user's search with FTS5 syntax kept; bare words become quoted prefix terms."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok in ("(", ")") or tok in OPERATORS:
            out.append(tok)
        elif tok.startswith('"'):
            out.append(tok)  # a phrase, as typed (an unclosed one is caught when it runs)
        elif ":" in tok and tok.split(":", 1)[0].lower() in COLUMNS:
            column, word = tok.split(":", 1)
            term = _term(word)
            if term:
                out.append(f"{column.lower()} : {term}")
        else:
            term = _term(tok)
            if term:
                out.append(term)
    return " ".join(out)


def literal_query(text: str) -> str:
    """The fallback for a malformed search: its words, each required, operators dropped.
    '' when nothing searchable is left (e.g. `AND` alone)."""
    words = [w for w in re.split(r'[\s()"]+', text) if w and w not in OPERATORS]
    return " ".join(t for t in (_term(w.split(":", 1)[-1]) for w in words) if t)


def terms(text: str) -> list[str]:
    """The words to highlight: every word of the search but the operators, lower-cased."""
    found: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok in OPERATORS or tok in ("(", ")"):
            continue
        if ":" in tok and tok.split(":", 1)[0].lower() in COLUMNS:
            tok = tok.split(":", 1)[1]
        for word in _WORD.findall(tok):
            w = word.casefold()
            if w not in found:
                found.append(w)
    return found
