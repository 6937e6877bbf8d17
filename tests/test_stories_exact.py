"""Grouping's short cuts give exactly what the plain computation gives.

The pair search, the vectors, the stems and the clustering each skip work (an index,
a bound, a known answer); each is checked here against the plain way on cases written
or drawn (seeded) for the purpose.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta

from summarize._text import stem
from summarize.stories.group import _MIN_SIM, _pair_sums, average_link
from summarize.stories.represent import (
    _UNSTEMMED_END,
    _stem,
    _words,
    idf_table,
    idf_weights,
    vector,
)


def _random_vectors(rng: random.Random, n: int, vocab: int) -> list[dict[str, float]]:
    vecs = []
    for _ in range(n):
        terms = rng.sample(range(vocab), rng.randint(1, 12))
        raw = {f"t{k}": rng.random() + 0.05 for k in terms}
        norm = math.sqrt(sum(x * x for x in raw.values()))
        vecs.append({t: x / norm for t, x in raw.items()})
    vecs.append(dict(vecs[3]))  # an exact copy: their cosine is 1
    return vecs


def test_the_pair_search_finds_every_pair_that_all_pairs_finds_with_its_cosine() -> None:
    rng = random.Random(5)
    vecs = _random_vectors(rng, 80, 40)
    expected = {}
    for i, b in enumerate(vecs):
        for j in range(i):
            cos = sum(w * vecs[j].get(t, 0.0) for t, w in b.items())
            if cos >= _MIN_SIM:
                expected[(j, i)] = cos
    found = _pair_sums(vecs, [None] * len(vecs), timedelta(days=1))
    assert found.keys() == expected.keys()
    assert all(math.isclose(found[k], expected[k], abs_tol=1e-12) for k in expected)
    assert math.isclose(found[(3, len(vecs) - 1)], 1.0)


def _plain_vector(t: dict[str, float], idf: dict[str, float], top: int) -> list[tuple[str, float]]:
    w = sorted(
        ((((1 + math.log(c)) if c >= 1 else c) * idf[k], k) for k, c in t.items() if k in idf),
        reverse=True,
    )[:top]
    norm = max(math.sqrt(sum(x * x for x, _ in w)), 8.0)
    return [(k, x / norm) for x, k in w]


def test_a_vector_read_from_its_repeated_terms_first_is_the_vector_from_all() -> None:
    # Two repeated common terms and a rare word seen once: the rare one outweighs them,
    # so the short cut must not stop at the repeated ones.
    docs = [{"common": 3.0, "usual": 2.0, "rare": 1.0}] + [
        {"common": 1.0, "usual": 1.0, f"other{k}": 1.0} for k in range(30)
    ]
    docs.append({"rare": 1.0})
    rng = random.Random(9)
    for _ in range(300):  # and drawn ones, with counts as names and numbers weigh
        docs.append(
            {
                f"w{rng.randrange(200)}": float(rng.choice([1, 1, 1, 2, 3, 4, 6, 7]))
                for _ in range(40)
            }
        )
    df, n = idf_table(docs)
    idf = idf_weights(df, n)
    most = max(idf.values())
    for top in (2, 5, 30):
        for d in docs:
            fast = vector(d, df, n, top=top, idf=idf, most=most)
            assert list(fast.items()) == list(vector(d, df, n, top=top, idf=idf).items())
            assert [k for k in fast] == [k for k, _ in _plain_vector(d, idf, top)]
    assert "rare" in vector(docs[0], df, n, top=2, idf=idf, most=most)


def test_a_word_snowball_leaves_alone_is_its_own_stem_without_asking_it() -> None:
    rng = random.Random(3)
    words = ["obama", "iraq", "moscow", "quiz", "hajj", "kyiv", "bureau", "tempo", "tokyo"]
    for end in sorted(_UNSTEMMED_END):
        for _ in range(300):
            body = "".join(
                rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))
            )
            words.append(body + end)
    words += ["running", "quakes", "generously", "happily"]  # and words it does change
    for w in words:
        assert _stem(w) == stem(w), w


def test_tokens_are_the_same_whether_or_not_the_text_has_an_underscore() -> None:
    text = "gamma. U.S. it's 7.9 Karsk’s e-mail! x"
    expected = ["gamma", ".", "U.S", ".", "it's", "7.9", "Karsk’s", "e-mail", "!", "x"]
    assert _words(text) == expected
    assert _words("alpha_beta " + text) == ["alpha", "beta", *expected]
    assert _words("alpha beta " + text) == ["alpha", "beta", *expected]


def _plain_average_link(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[int]:
    members = {i: [i] for i in range(n)}

    def sim(a: int, b: int) -> float:
        s = 0.0
        for x in members[a]:
            for y in members[b]:
                s += sims.get((min(x, y), max(x, y)), 0.0)
        return s / (len(members[a]) * len(members[b]))

    while True:
        keys = sorted(members)
        pairs = [(sim(a, b), a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
        best = max(pairs, default=(-1.0, 0, 0), key=lambda p: p[0])
        if best[0] < threshold:
            break
        _, a, b = best
        members[a] += members.pop(b)
    label = {}
    for root, ms in members.items():
        for m in ms:
            label[m] = root
    return [label[i] for i in range(n)]


def test_average_link_merges_as_the_plain_greedy_clustering_does() -> None:
    rng = random.Random(11)
    for _ in range(20):
        n = 14
        sims = {}
        for i in range(n):
            for j in range(i + 1, n):
                if rng.random() < 0.35:
                    sims[(i, j)] = rng.randrange(1, 1024) / 1024  # exact sums, no rounding
        assert average_link([1] * n, sims, 0.2) == _plain_average_link(n, sims, 0.2)
