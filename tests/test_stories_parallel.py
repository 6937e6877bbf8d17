"""Grouping on two processes gives exactly the groups one process gives.

The articles are made here (seeded): events of a few kinds, each told by several
reports in different words, with the names and numbers that tell same-kind events apart.
Real worker processes are started (a low `parallel_min`); nothing is replaced.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta

import pytest

from summarize import StoryItem, group_stories
from summarize.stories import parallel
from summarize.stories.group import MAX_GAP, _pair_sums, vectors_and_signatures
from summarize.stories.represent import idf_table, terms

KINDS = {
    "quake": "earthquake magnitude tremor rubble rescuers collapsed buildings aftershock",
    "fire": "fire blaze firefighters flames smoke evacuated brigade warehouse",
    "trial": "trial jury prosecutors verdict court lawyers charges fraud",
    "storm": "storm flooding winds rain power outages shelters coast",
    "election": "election votes ballots candidate polls turnout campaign results",
}
SENTENCES = [
    "The {kind0} in {place} left {num} people hurt, {person} said on {day}.",
    "{person} told reporters in {place} that the {kind1} was the worst in years.",
    "Officials in {place} counted {num} cases after the {kind2} and the {kind3}.",
    "Witnesses described the {kind4} near {place} as sudden and loud.",
    "By {day} the {kind5} had ended, and {person} thanked the {kind6} crews.",
    "A spokesman for {person} said {num} homes were affected by the {kind7}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bdgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()


def _articles(seed: int, events: int = 45) -> list[StoryItem]:
    rng = random.Random(seed)
    out = []
    start = datetime(2024, 5, 1, tzinfo=UTC)
    for e in range(events):
        kind = list(KINDS.values())[e % len(KINDS)].split()
        place, person, num = _name(rng), f"{_name(rng)} {_name(rng)}", str(rng.randint(10, 999))
        when = start + timedelta(hours=rng.randint(0, 24 * 20))
        for r in range(rng.randint(1, 9)):
            words = {f"kind{k}": rng.choice(kind) for k in range(8)}
            fill = dict(words, place=place, person=person, num=num, day=rng.choice(DAYS))
            body = " ".join(s.format(**fill) for s in rng.sample(SENTENCES, rng.randint(3, 6)))
            title = f"{place} {kind[0]}: {person}"
            published = when + timedelta(hours=r) if e % 3 else None
            out.append(StoryItem(f"e{e}r{r}", title, body, published, f"Outlet {r}"))
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_two_processes_group_exactly_as_one(seed: int) -> None:
    items = _articles(seed)
    one = group_stories(items, parallel_min=len(items) + 1)
    two = group_stories(items, parallel_min=2)
    assert two == one
    assert sum(len(g) > 1 for g in one) >= 10  # real stories were formed, not all singles
    assert len(one) < len(items) / 2


def test_the_worker_computes_its_share_as_this_process_would() -> None:
    items = _articles(3)
    n, cut, split = len(items), 100, 150
    all_terms = [terms(i.title, i.text) for i in items]
    df, _ = idf_table(all_terms)
    want_vecs, want_signs = vectors_and_signatures(all_terms, df, n)
    dates = [i.published for i in items]
    want_sims = _pair_sums(want_vecs, dates, MAX_GAP)

    worker = parallel._start([(i.title, i.text) for i in items[cut:]])
    assert worker is not None
    with worker.conn as conn:
        tail_df = conn.recv()
        conn.send((idf_table(all_terms[:cut])[0], n))
        vecs, signs = conn.recv()
        conn.send((want_vecs[:cut], dates, MAX_GAP, split))
        sims = conn.recv()
    assert worker.proc.wait(timeout=30) == 0
    assert tail_df == idf_table(all_terms[cut:])[0]
    assert vecs == want_vecs[cut:]
    assert signs == want_signs[cut:]
    # the pairs of its rows, in the order one process finds them
    assert list(sims.items()) == [(k, v) for k, v in want_sims.items() if k[1] >= split]
    assert sims  # (there are some)


@pytest.mark.parametrize("program", ["/nonexistent/python", "/bin/false"])
def test_without_a_worker_grouping_is_the_same(
    monkeypatch: pytest.MonkeyPatch, program: str
) -> None:
    # A worker that cannot start, or exits at once, leaves the work to this process.
    items = _articles(4)
    one = group_stories(items, parallel_min=len(items) + 1)
    monkeypatch.setattr(sys, "executable", program)
    assert group_stories(items, parallel_min=2) == one
