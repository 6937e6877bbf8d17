"""A small document model: title, headings, captions, bylines, boilerplate and body.

Input is plain text, one paragraph per non-empty line, as ``feeds/`` extracts it or a
user pastes it: possibly with a breadcrumb line, the headline repeated, a photo caption
("FILE PHOTO: ... REUTERS/..."), sub-headings, bylines/datelines and share/subscribe
boilerplate. Each line gets a kind; only "body" paragraphs feed the key points.
A dateline or byline glued to the start of a body paragraph ("Marseille, France (CNN)The
...", "By . Jane Doe . PUBLISHED: ... | . UPDATED: ... .") is cut off that paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["body", "heading", "title", "caption", "byline", "boilerplate"]


@dataclass(slots=True)
class Paragraph:
    index: int  # position among the input's non-empty paragraphs; Statement/KeyPoint.paragraph
    text: str
    kind: ParagraphKind = "body"
    heading: str | None = None  # the sub-heading this paragraph sits under, if any


@dataclass(slots=True)
class Document:
    title: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    dateline: str | None = None  # e.g. "Marseille, France (CNN)", cut from the first paragraph

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "body"]

    @property
    def headings(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "heading"]


# --- patterns ---------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_SOURCES = (
    r"CNN(?: [A-Z][\w.]*){0,3}|Reuters|AP|AFP|UPI|EW\.com|Mashable|CNNMoney|Billboard|"
    r"The Hollywood Reporter|Rolling Stone|Variety|People|Bloomberg|BBC|Xinhua|dpa|"
    r"Associated Press|Agence France-Presse|[A-Z][\w.]*\.com"
)
# "Marseille, France (CNN)" / "WASHINGTON (Reuters) -" / "(CNN) -- " at the very start.
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,5},? )?\((?:" + _SOURCES + r")\)\s*(?:[-–—]+\s*)?"
)
_CAPS_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([A-Za-z .]+\))?\s+[-–—]+\s+(?=[A-Z])")
# Daily Mail byline block, dots as separators, optional publish/update stamps.
_DM_BYLINE = re.compile(
    r"^(?:By \. [^.]{1,80}? \. )?(?:(?:PUBLISHED|UPDATED|Last updated(?: at)?):? \.?\s*"
    r"[^|]*?\d{4} \.\s*(?:\| \.\s*)?)+",
)
_DM_BYLINE_ONLY = re.compile(r"^By \. [^.]{1,80}? \. (?=[A-Z\"'‘“])")
_BYLINE_LINE = re.compile(
    r"^(?:By|From|Written by|Reporting by|Editing by|Additional reporting by)\s+[A-Z][\w.'’-]*"
    r"(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8}(?:[\s,|]+.*)?$",
)
_STAMP_LINE = re.compile(
    r"^(?:PUBLISHED|UPDATED|Published|Updated|Posted|Last (?:updated|modified))\b.{0,80}$"
)
_CAPTION = re.compile(
    r"^(?:FILE PHOTO|PHOTO|Photo|IMAGE|Image|Image caption|Caption|Pictured|PICTURED|Video|VIDEO)"
    r"\s*:|\b(?:REUTERS|Reuters|AFP|AP|Getty Images|EPA|Shutterstock)/[A-Z]|"
    r"/(?:File Photo|Reuters|AP|AFP|Getty Images)\s*$|\((?:Photo|Image|Picture)[^)]*\)\s*$|"
    r"\b(?:Photograph|Photo|Picture|Image)(?: credit)?: [A-Z][^.]*$|\bGetty Images\s*$"
)
_BOILERPLATE = re.compile(
    r"^(?:read more|more from|related|related articles?|see also|share (?:this|on|via)|"
    r"click here|scroll down|subscribe|sign up|follow (?:us|@)|like us on|advertisement|"
    r"sponsored|recommended|most (?:read|popular)|trending|comments?|leave a comment|"
    r"copyright|©|all rights reserved|download the|watch:|listen:|tags?:|topics:|"
    r"newsletter|get our|join our|email this|print this|back to top|skip to|"
    r"this article (?:was|is|has been) (?:originally )?(?:published|updated)|"
    r"share or comment|we (?:use|value) cookies|cookie|accept cookies|\(?reporting by)\b",
    re.I,
)
_BREADCRUMB_SEP = re.compile(r"\s(?:>|›|»|/|\|)\s")
_BREADCRUMB_START = re.compile(r"^(?:Home|News|Homepage|Main)\b", re.I)
_END_PUNCT = re.compile(r"[.!?…:;,\"”’')\]]$")

# Sentences inside a body paragraph that are boilerplate (CNN/DM texts are one line).
_BOILER_SENTENCE = re.compile(
    r"^(?:scroll down for (?:video|more)|read more:|click here|share this|advertisement$|"
    r"follow .{0,40} on twitter|subscribe|sign up)|©|\b(?:all|some) rights reserved\b|"
    r"^copyright\b|^(?:watch|listen|related):",
    re.I,
)
_SCROLL_DOWN = re.compile(r"\bScroll down for (?:video|more)\b\.?\s*", re.I)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold().rstrip(".!?:")


def _n_words(text: str) -> int:
    return len(text.split())


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation, mostly capitalised words: a sub-heading."""
    n = _n_words(line)
    if n == 0 or n > 14 or len(line) > 120:
        return False
    if _END_PUNCT.search(line) and not line.endswith("?"):
        return False
    if line.endswith("?") and n > 10:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    # "Crimea: The Core Sticking Point", "Truce Talks Collapse", "Looking ahead"
    return caps / len(words) >= 0.5 or n <= 4


_BOILER_HINT = re.compile(
    r"(?i)scroll|read|click|share|advert|follow|subscri|sign|©|right|copyr|watch|listen|related"
)


# A photo caption inside the text: "Jay Dasilva (right) has been included in the squad."
_CAPTION_SENTENCE = re.compile(
    r"\((?:pictured|picture|left|right|centre|center|above|below|top|bottom|inset|"
    r"(?:second|third|far|top|bottom|front|back|centre|center) (?:left|right|row))\b[^)]{0,40}\)",
    re.I,
)


def is_boilerplate_sentence(sentence: str) -> bool:
    """A sentence that is page furniture (scroll down, copyright, read more...) or a
    photo caption that points at a picture ("(pictured)", "(left)")."""
    s = sentence.strip()
    if "(" in s and _CAPTION_SENTENCE.search(s):
        return True
    # Cheap pre-check first: nearly every sentence is prose.
    return bool(_BOILER_HINT.search(s[:40]) or "©" in s or "rights reserved" in s.lower()) and bool(
        _BOILER_SENTENCE.search(s)
    )


def _classify(line: str, title_norm: str | None) -> ParagraphKind | None:
    """Kind of a line judged on its own (None: decide from context)."""
    norm = _norm(line)
    if title_norm and norm == title_norm:
        return "title"
    if _CAPTION.search(line):
        return "caption"
    if _STAMP_LINE.match(line) or (_BYLINE_LINE.match(line) and _n_words(line) <= 12):
        return "byline"
    if _BOILERPLATE.match(line) and _n_words(line) <= 25:
        return "boilerplate"
    if _BREADCRUMB_SEP.search(line) and not _END_PUNCT.search(line) and _n_words(line) <= 20:
        return "boilerplate"
    return None


def _strip_prefix(text: str) -> tuple[str, str | None]:
    """Cut a glued dateline/byline from the start of a paragraph; return (rest, cut)."""
    cut: list[str] = []
    for pat in (_DM_BYLINE, _DM_BYLINE_ONLY, _DATELINE, _CAPS_DATELINE):
        m = pat.match(text)
        if m and m.end() < len(text):
            cut.append(m.group(0).strip())
            text = text[m.end() :].lstrip(" .")
    return text, (" ".join(cut) or None)


def _clean_body(text: str) -> str:
    return _SCROLL_DOWN.sub("", text).strip()


def parse_document(text: str, title: str | None = None) -> Document:
    """Classify each non-empty line of ``text``; find the title when none is given."""
    lines = [_WS.sub(" ", ln).strip() for ln in (text or "").splitlines()]
    lines = [ln for ln in lines if ln]
    title = _WS.sub(" ", title).strip() if title else None
    title_norm = _norm(title) if title else None
    kinds: list[ParagraphKind | None] = [_classify(ln, title_norm) for ln in lines]

    # Breadcrumb: a "Home ..." line without punctuation, or one ending with the next line
    # (the headline), near the top.
    for i in range(min(3, len(lines))):
        ln = lines[i]
        if kinds[i] is not None:
            continue
        nxt = _norm(lines[i + 1]) if i + 1 < len(lines) else ""
        if (
            nxt
            and _norm(ln).endswith(nxt)
            and _norm(ln) != nxt
            or _BREADCRUMB_START.match(ln)
            and looks_like_heading(ln)
            and _n_words(ln) >= 3
        ):
            kinds[i] = "boilerplate"

    # Title: when not given, the first heading-like line before any body text.
    if title is None:
        for i, ln in enumerate(lines):
            if kinds[i] is not None:
                continue
            if looks_like_heading(ln) and len(lines) > 1 and not ln.endswith("?"):
                title, title_norm = ln, _norm(ln)
                kinds[i] = "title"
            break
    if title_norm:
        for i, ln in enumerate(lines):
            if kinds[i] is None and _norm(ln) == title_norm:
                kinds[i] = "title"

    # Headings: heading-like lines with body text after them. Only unclassified lines
    # become headings, and only after the ones before them: so "body text after" is a
    # line after this one still unclassified now (one pass, not a rescan per line).
    last_open = max((j for j, k in enumerate(kinds) if k is None), default=-1)
    for i, ln in enumerate(lines):
        if kinds[i] is None and len(lines) > 1 and i < last_open and looks_like_heading(ln):
            kinds[i] = "heading"

    paras: list[Paragraph] = []
    dateline: str | None = None
    heading: str | None = None
    seen_body = False
    for i, ln in enumerate(lines):
        kind: ParagraphKind = kinds[i] or "body"
        if kind == "heading":
            heading = ln
        elif kind == "body":
            if not seen_body:
                ln, cut = _strip_prefix(ln)
                dateline = cut
            ln = _clean_body(ln)
            if not ln or _BOILERPLATE.match(ln) and _n_words(ln) <= 25:
                kind = "boilerplate"
            else:
                seen_body = True
        paras.append(Paragraph(i, ln, kind, heading if kind == "body" else None))
    return Document(title=title, paragraphs=paras, dateline=dateline)
