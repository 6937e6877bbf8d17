"""Interview layouts: who speaks in a transcript or a Q&A, paragraph by paragraph.

Three layouts, each a paragraph opening with a label and a colon:

    PENCE: Well, look, ...            an upper-case name (one turn is enough)
    Ann Lee: We will reopen ...       a name in title case, used for at least two turns
    Q: Will the port reopen?          questions (the interviewer: no statement) and
    A: Yes, by Friday.                answers (the interviewee: the last person named
                                      before the first question)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .._document import Document
from .lexicon import NOT_NAMES
from .names import person_in

# "PENCE: Well, look, ..."
UPPER_TURN = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(\S.*)$", re.S)
# "Ann Lee: We will ...", "Lee: ..."
TITLE_TURN = re.compile(r"^([A-Z][a-z][\w.'’-]*(?: [A-Z][\w.'’-]+){0,2}):\s+(\S.*)$", re.S)
# "Q: ...", "Q. ...", "Question: ...", and the answers
QA_TURN = re.compile(r"^(Q|A|Question|Answer)\s*[:.]\s+(\S.*)$", re.S)

# labels that open a paragraph without naming a speaker
_NOT_SPEAKERS = set(
    [
        "note",
        "update",
        "correction",
        "related",
        "photo",
        "photos",
        "source",
        "sources",
        "editor",
        "watch",
        "read",
        "also",
        "breaking",
        "warning",
        "disclaimer",
        "credit",
        "caption",
        "advertisement",
        "subscribe",
        "follow",
        "share",
        "tags",
        "topics",
        "more",
        "background",
        "context",
        "details",
        "contact",
        "email",
        "listen",
        "video",
        "audio",
        "transcript",
        "summary",
        "translation",
    ]
)


@dataclass(slots=True, frozen=True)
class Turn:
    name: str | None  # who speaks; None for a question
    text: str


def _label_ok(label: str) -> bool:
    words = label.split()
    return words[0].lower() not in NOT_NAMES | _NOT_SPEAKERS


def _speech(text: str) -> bool:
    """Not a list of names ("Iowa: Tim Albrecht, Brad Anderson, ..."): mostly small words."""
    words = text.split()
    return sum(w[:1].isupper() for w in words) <= 0.5 * len(words)


def _interviewee(title: str, intro: str) -> str:
    """The person the questions are put to: the one the title and the introduction name
    most (the title counting double), the first named on a tie; "" when none is named."""
    names = [n for _, n in person_in(title, None)] * 2 + [n for _, n in person_in(intro, None)]
    if not names:
        return ""
    text = f"{title}\n{title}\n{intro}"
    best = max(
        names,
        key=lambda n: (len(re.findall(rf"\b{re.escape(n.split()[-1])}\b", text)), -names.index(n)),
    )
    return best


def turns(doc: Document) -> dict[int, Turn]:
    """The paragraphs (by index) that are turns of an interview, with their speakers."""
    body = [p for p in doc.paragraphs if p.kind == "body"]
    out: dict[int, Turn] = {}
    titled: dict[int, tuple[str, str]] = {}
    counts: Counter[str] = Counter()
    interviewee: str | None = None
    before: list[str] = []
    for p in body:
        s = p.text
        m = UPPER_TURN.match(s)
        if m and len(m.group(2).split()) >= 3 and _label_ok(m.group(1).title()):
            out[p.index] = Turn(m.group(1).title(), m.group(2).strip())
            continue
        m = QA_TURN.match(s)
        if m and len(m.group(2).split()) >= 2:
            if m.group(1)[0] == "Q":
                if interviewee is None:
                    interviewee = _interviewee(doc.title or "", "\n".join(before))
                out[p.index] = Turn(None, m.group(2).strip())
            elif interviewee:
                out[p.index] = Turn(interviewee, m.group(2).strip())
            continue
        m = TITLE_TURN.match(s)
        if m and len(m.group(2).split()) >= 3 and _label_ok(m.group(1)) and _speech(m.group(2)):
            titled[p.index] = (m.group(1), m.group(2).strip())
            counts[m.group(1).split()[-1]] += 1
        if interviewee is None:
            before.append(s)
    order = [p.index for p in body]
    for k, i in enumerate(order):
        if i not in titled:
            continue
        label, text = titled[i]
        near = {order[x] for x in (k - 1, k + 1) if 0 <= x < len(order)}
        # a label used once, with no turn beside it, is a heading, not a turn
        if counts[label.split()[-1]] >= 2 or near & titled.keys():
            out[i] = Turn(label, text)
    return out
