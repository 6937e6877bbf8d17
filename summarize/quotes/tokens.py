"""Stage 1 of who-said-what: a sentence unit's tokens, each quotation one token."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .marks import Span

# "Operators’ Association": a plural possessive inside a name is one token with its name;
# so is a middle initial ("Steven M. Ekovich"), and a company's "Inc." inside a sentence
# ("Apple Inc. said": not the end of one)
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Lt|Sgt|Gen|Sen|Rep|Gov|Col|Capt|St|Jr|Sr|Prof|Rev|Cpl|Det"
    r"|Insp|Supt|Maj|Adm|Cmdr|Atty|Pres)\.|(?:Inc|Corp|Co|Ltd|Bros)\.(?=,|\s+[a-z(])"
    # a state's or month's abbreviation before a lower-case word: "Okla. says" (not any
    # short capitalised word: "said Ann Lee. eBay ..." ends a sentence at "Lee")
    r"|(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss"
    r"|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
    r"\.(?=\s+[a-z])"
    r"|[A-Z][\w’'&.-]*s[’'](?= [A-Z])|[A-Z]\.(?= [A-Z])"
    r"|\w(?:[\w’'&.-]*\w)?|[^\w\s]"
)


WORDISH = re.compile(r"\w")


PUNCT_SEP = {",", "—", "–", "-", ":", ";", "(", ")", "…"}


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    start: int
    end: int
    q: int = -1  # index of the quotation span this token stands for

    @property
    def cap(self) -> bool:
        return self.q < 0 and self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.q < 0 and bool(WORDISH.match(self.text))


def spans_within(spans: list[Span], a: int, b: int) -> range:
    """Indices of the quotation spans inside ``[a, b)``: spans are sorted and disjoint, so
    a bisection finds them (a long paragraph has many units and many spans)."""
    lo = bisect_left(spans, a, key=lambda sp: sp.start)
    hi = lo
    while hi < len(spans) and spans[hi].end <= b:
        hi += 1
    return range(lo, hi)


def tokenize(s: str, a: int, b: int, spans: list[Span]) -> list[Tok]:
    toks: list[Tok] = []
    pos = a
    inner = [(k, spans[k]) for k in spans_within(spans, a, b)]
    for k, sp in [*inner, (-1, None)]:
        stop = sp.start if sp is not None else b
        for m in TOKEN.finditer(s, pos, stop):
            t = m.group(0)
            toks.append(Tok(t, t.lower(), m.start(), m.end()))
        if sp is not None:
            toks.append(Tok("\ue000", "\ue000", sp.start, sp.end, k))
            pos = sp.end
    return toks
