"""Key points: rank body sentences (and claim-like sub-headings), pick, compress, order."""

from __future__ import annotations

from ._compress import (
    HARD_CAP,
    TARGET_WORDS,
    dangling_opener,
    elliptical_end,
    heading_to_sentence,
    n_words,
    person_surnames,
    resolve_pronoun,
    shorten_kept,
)
from ._document import Document, is_boilerplate_sentence
from ._model import KeyPoint
from ._rank import DEFAULT, Candidate, Weights, score_candidates, select
from ._text import split_sentences, words

_MIN_WORDS = 4  # shorter "sentences" are fragments (photo credits, "Then nothing.")


def candidates(doc: Document) -> list[Candidate]:
    """Body sentences in reading order, page furniture left out."""
    out: list[Candidate] = []
    for para in doc.body:
        for sent in split_sentences(para.text):
            if is_boilerplate_sentence(sent):
                continue
            out.append(Candidate(sent, para.index, len(out), para.heading))
    return out


def _fit(c: Candidate, texts: list[str], target: int = TARGET_WORDS) -> tuple[str, float] | None:
    """The point as shown: the sentence or a grammatical shortening of it, its pronoun
    opener replaced by the person it means, and the share of content it keeps; None
    when it cannot be a point."""
    best = shorten_kept(c.text, target, HARD_CAP)
    if best is None:
        return None
    point, kept = best
    if elliptical_end(point):
        return None  # "... is not.": it needs the sentence before
    if dangling_opener(point):
        surnames = person_surnames(texts)
        point = resolve_pronoun(point, texts[max(0, c.order - 2) : c.order], surnames)
        if dangling_opener(point) or n_words(point) > HARD_CAP:
            return None
    return point, kept


def _target(c: Candidate, chosen: list[Candidate]) -> int:
    """The length a point aims at: the first in reading order, which states the story, the
    usual target; the others a word under it, so that half the points or more stay within
    the target even when the first needs its words."""
    first = min(chosen, key=lambda d: d.order)
    return TARGET_WORDS if c is first else TARGET_WORDS - 1


def _heading_points(doc: Document, body: list[Candidate]) -> list[Candidate]:
    """Claim-like sub-headings ("Crimea: The Core Sticking Point") supported by their text."""
    heads = doc.headings
    if not heads:
        return []
    # Words the article capitalises mid-sentence are names: they keep their capitals.
    proper = {w for c in body for w in words(c.text)[1:] if w[:1].isupper()}
    sections: dict[str | None, list[Candidate]] = {}  # one pass, not one per heading
    for c in body:
        sections.setdefault(c.heading, []).append(c)
    out: list[Candidate] = []
    for h in heads:
        text = heading_to_sentence(h.text, proper)
        if not text:
            continue
        under = sections.get(h.text, [])
        subject = {w.lower() for w in words(h.text.split(":", 1)[0])}
        # Supported: the section under it talks about the heading's subject.
        if under and any(subject & {w.lower() for w in words(c.text)} for c in under):
            first = under[0]
            out.append(Candidate(text, h.index, first.order, h.text, is_heading=True))
    return out


def key_points(doc: Document, max_points: int = 5, weights: Weights = DEFAULT) -> list[KeyPoint]:
    if max_points <= 0:
        return []
    cands = candidates(doc)
    if not cands:
        return []
    score_candidates(cands, doc.title, weights)
    usable = [c for c in cands if c.n_words >= _MIN_WORDS] or cands
    # Shortening is the costly step: do it only for what the selection picks, and
    # select again without any pick that cannot be a point.
    texts = [c.text for c in cands]
    shown: dict[int, str] = {}
    pool = usable
    heading_pts = _heading_points(doc, cands) if max_points >= 3 else []
    k_body = max_points - min(1, len(heading_pts))
    while True:
        chosen = select(pool, k_body, weights)
        misfits = set()
        for c in chosen:
            if id(c) not in shown:
                fit = _fit(c, texts, _target(c, chosen))
                if fit is None:
                    misfits.add(id(c))
                else:
                    shown[id(c)] = fit[0]
        if not misfits:
            break
        pool = [c for c in pool if id(c) not in misfits]
    if not chosen and usable:  # no sentence can be a point: show the best whole, never cut
        best_c = max(usable, key=lambda c: c.score)
        shown[id(best_c)] = best_c.text
        chosen = [best_c]

    if heading_pts:
        # One sub-heading point, the one whose section carries the most salient sentence.
        best: dict[str | None, float] = {}
        for c in cands:
            best[c.heading] = max(best.get(c.heading, c.score), c.score)

        def support(h: Candidate) -> float:
            return best.get(h.heading, 0.0)

        hp = max(heading_pts, key=support)
        hp.score = support(hp)
        shown[id(hp)] = hp.text
        chosen = sorted([*chosen, hp], key=lambda c: (c.order, not c.is_heading))

    points: list[KeyPoint] = []
    for c in chosen:
        text = shown[id(c)]
        source = (c.heading or c.text) if c.is_heading else c.text
        points.append(KeyPoint(text, source, c.paragraph, round(c.score, 4)))
    return points
