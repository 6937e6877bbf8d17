"""Group articles into stories: average-link clustering of event-term vectors.

Two articles are compared by the cosine of their tf-idf vectors (see `represent`);
a story grows by merging the two groups whose *average* pairwise similarity is the
highest, while it stays above a threshold (tuned on ECB+ train, `bench/stories.py`).
Average link keeps two same-kind events apart: one strongly similar pair does not
chain two earthquakes together, the whole of both groups must agree.

Only pairs that share a term are compared (an inverted index), so grouping is near
linear in practice. With dates, articles published more than `max_gap` apart are not
compared: a story is one event, not a topic that recurs.
"""

from __future__ import annotations

import gc
import heapq
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import compress

from . import refine
from . import signature as sg
from .represent import Terms, idf_table, idf_weights, terms, vector

THRESHOLD = 0.2
MAX_GAP = timedelta(days=4)
_MIN_SIM = 0.1  # a pair less alike counts as 0
# The most a document's unindexed terms may add to a cosine (see _pair_sums): more
# leaves more terms out of the index but completes more candidate pairs by hand.
_PREFIX = 0.03
_CAP_MIN, _CAP_SHARE = 100, 0.01  # terms in more documents than both are not indexed


@dataclass(slots=True)
class Doc:
    id: str
    terms: Terms
    published: datetime | None = None
    story: str | None = None  # an existing story's id (incremental grouping)


def _too_far(a: datetime | None, b: datetime | None, gap: timedelta) -> bool:
    if a is None or b is None:
        return False
    try:
        return abs(a - b) > gap
    except TypeError:  # naive vs aware: compare as naive
        return abs(a.replace(tzinfo=None) - b.replace(tzinfo=None)) > gap


def _pair_sums(
    vecs: list[Terms],
    dates: list[datetime | None],
    gap: timedelta,
    rows: range | None = None,
) -> dict[tuple[int, int], float]:
    """Cosine of every pair of documents at least `_MIN_SIM` alike (sparse).

    All-pairs similarity search (Bayardo et al., WWW 2007): each document is compared
    with the ones before it through an index of their rarer terms. A document's
    commonest terms stay out of the index while, together, they could add at most
    `_PREFIX` to a cosine (their weights times each term's largest weight anywhere);
    so every pair that reaches `_MIN_SIM` shares an indexed term and is found, and a
    found pair's cosine is completed with the unindexed terms (exact). Terms in more
    than `_CAP_SHARE` of the documents (at least `_CAP_MIN`) are not compared at all.

    With `rows`, only the pairs (j, i) with i in `rows` (j < i as always): two processes
    can share the work (`parallel`); the documents before `rows` are still indexed.
    """
    df: dict[str, int] = {}
    top: dict[str, float] = {}
    for v in vecs:
        for t, w in v.items():
            df[t] = df.get(t, 0) + 1
            if w > top.get(t, 0.0):
                top[t] = w
    # A term in very many documents says nothing about one event (and near-identical
    # texts by the thousand would make every pair a candidate): not compared.
    cap = max(_CAP_MIN, int(_CAP_SHARE * len(vecs)))
    # term -> (documents, their weights): flat arrays, read in order (a list of tuples
    # scattered over the heap cost twice the time in cache misses)
    index: dict[str, tuple[array[int], array[float]]] = {}
    prefix: list[list[tuple[str, float]]] = []  # each document's unindexed shared terms
    rest: list[float] = []  # the most those can add to a cosine
    dated = any(d is not None for d in dates)
    sims: dict[tuple[int, int], float] = {}
    least = _MIN_SIM - _PREFIX  # a pair below this from indexed terms cannot make it
    posting = index.get
    first, stop = (0, len(vecs)) if rows is None else (rows.start, rows.stop)
    for i, a in enumerate(vecs[:stop]):
        acc: dict[int, float] = {}
        get = acc.get
        if i >= first:
            for t, w in a.items():
                if (p := posting(t)) is not None:
                    for j, wj in zip(*p, strict=True):
                        acc[j] = get(j, 0.0) + w * wj
        if acc:
            aget = a.get
            # most candidates share one light term: dropped without a Python step each
            for j in compress(acc, map(least.__le__, acc.values())):
                part = acc[j]
                if part + rest[j] < _MIN_SIM:
                    continue
                for t, wj in prefix[j]:
                    part += aget(t, 0.0) * wj
                if part >= _MIN_SIM and not (dated and _too_far(dates[j], dates[i], gap)):
                    sims[(j, i)] = part
        bound = 0.0
        pre: list[tuple[str, float]] = []
        light: list[str] = []  # terms that could stay out: they alone add under _PREFIX
        for t, w in a.items():
            f = df[t]
            if f < 2 or f > cap:
                continue
            if w * top[t] < _PREFIX:
                light.append(t)
                continue
            if (p := posting(t)) is None:
                p = index[t] = (array("l"), array("d"))
            p[0].append(i)
            p[1].append(w)
        for t in sorted(light, key=df.__getitem__, reverse=True) if len(light) > 1 else light:
            w = a[t]
            if bound < _PREFIX:
                b = bound + w * top[t]
                if b < _PREFIX:
                    bound = b
                    pre.append((t, w))
                    continue
            if (p := posting(t)) is None:
                p = index[t] = (array("l"), array("d"))
            p[0].append(i)
            p[1].append(w)
        prefix.append(pre)
        rest.append(bound)
    return sims


def average_link(
    sizes: list[int],
    sums: Mapping[tuple[int, int], float],
    threshold: float,
    frozen: Sequence[bool] | None = None,
    signs: Sequence[sg.Signature] | None = None,
) -> list[int]:
    """Cluster label for each of `len(sizes)` starting groups.

    `sums[(a, b)]` (a < b) is the sum of member-pair similarities between groups a and
    b; pairs not listed sum to 0. Two `frozen` groups (existing stories) never merge,
    and a cluster holding one is labelled by it. The heap holds each group's best
    neighbour (recomputed when it turns out stale), not every pair: merging a big group
    costs its neighbours, not their square. With `signs` (each group's `signature`;
    the caller's are left as they are), two groups that `signature.apart` calls
    different events never merge, nor do the groups they grow into.
    """
    n = len(sizes)
    size = list(sizes)
    fro = list(frozen) if frozen is not None else [False] * n
    sign = list(signs) if signs is not None else None
    ban: dict[int, set[int]] = {}  # group -> groups it must not merge with
    owned: set[int] = set()  # groups whose signature average_link made (and may grow)
    nbr: list[dict[int, float]] = [{} for _ in range(n)]
    for (a, b), s in sums.items():
        if s > 0:
            nbr[a][b] = nbr[a].get(b, 0.0) + s
            nbr[b][a] = nbr[b].get(a, 0.0) + s
    alive = [True] * n
    parent = list(range(n))
    best_val = [0.0] * n

    def best(a: int) -> tuple[float, int]:
        bv, bb = -1.0, -1
        sa, fa = size[a], fro[a]
        no = ban.get(a, ())
        for b, s in nbr[a].items():
            if (fa and fro[b]) or b in no:
                continue
            v = s / (sa * size[b])
            if v > bv or (v == bv and b < bb):
                bv, bb = v, b
        return bv, bb

    heap: list[tuple[float, int]] = []
    # Single documents, none frozen (a first grouping): a group's best is its largest
    # similarity (s / (1 * 1) is s), found at C speed.
    singles = size.count(1) == n and not any(fro)
    for a in range(n):
        if singles:
            best_val[a] = v = max(nbr[a].values(), default=-1.0)
        else:
            best_val[a] = v = best(a)[0]
        if v >= threshold:
            heap.append((-v, a))
    heapq.heapify(heap)
    while heap:
        neg, a = heapq.heappop(heap)
        if not alive[a]:
            continue
        v, b = best(a)
        best_val[a] = v
        if v < threshold:
            continue
        if v < -neg - 1e-12:  # stale: its best neighbour merged away or grew apart
            heapq.heappush(heap, (-v, a))
            continue
        if sign is not None and sg.apart(sign[a], size[a], sign[b], size[b]):
            ban.setdefault(a, set()).add(b)
            ban.setdefault(b, set()).add(a)
            for g in (a, b):
                best_val[g] = w = best(g)[0]
                if w >= threshold:
                    heapq.heappush(heap, (-w, g))
            continue
        x, y = (b, a) if fro[b] or (b < a and not fro[a]) else (a, b)  # x stays
        alive[y] = False
        parent[y] = x
        size[x] += size[y]
        fro[x] = fro[x] or fro[y]
        if sign is not None:  # the larger signature grows (a copy: callers keep theirs)
            big, small = (x, y) if len(sign[x]) >= len(sign[y]) else (y, x)
            grown = sign[big] if big in owned else dict(sign[big])
            sg.add(grown, sign[small])
            sign[x] = grown
            owned.add(x)
        if y in ban:  # what y may not join, x may not either
            for c in ban.pop(y):
                ban.setdefault(x, set()).add(c)
                ban[c].discard(y)
                ban[c].add(x)
        nx = nbr[x]
        nx.pop(y, None)
        for c, s in nbr[y].items():
            if c == x:
                continue
            nc = nbr[c]
            nc.pop(y, None)
            nx[c] = nc[x] = nx.get(c, 0.0) + s
        # Only groups that were near y can now find x nearer than their best so far.
        no = ban.get(x, ())
        for c in nbr[y]:
            if c == x or (fro[x] and fro[c]) or c in no:
                continue
            w = nx[c] / (size[x] * size[c])
            if w > best_val[c] and w >= threshold:
                best_val[c] = w
                heapq.heappush(heap, (-w, c))
        nbr[y] = {}
        best_val[x] = w = best(x)[0]
        if w >= threshold:
            heapq.heappush(heap, (-w, x))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    return [root(i) for i in range(n)]


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: grouping makes millions of small tuples and
    dicts, none in a cycle, and each collection would walk them all (20,000 articles:
    about a tenth of the time). Re-enabled after, if it was on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def group_docs(
    docs: Sequence[Doc], threshold: float = THRESHOLD, max_gap: timedelta = MAX_GAP
) -> list[list[str]]:
    """Group represented documents; see `group_stories`."""
    if not docs:
        return []
    ts = [d.terms for d in docs]
    df, n = idf_table(ts)
    vecs, signs = vectors_and_signatures(ts, df, n)
    return group_vectors(
        [d.id for d in docs], [d.published for d in docs], vecs, signs, threshold, max_gap
    )


def vectors_and_signatures(
    ts: Sequence[Terms], df: Mapping[str, int], n: int
) -> tuple[list[Terms], list[sg.Signature]]:
    """Each document's vector and event signature, given the document frequencies of
    all `n` documents being grouped (`ts` may be some of them: the rest's are made
    alike elsewhere, see `parallel`)."""
    idf = idf_weights(df, n)
    most = max(idf.values(), default=None)
    kept = sg.signature_terms(df)
    return (
        [vector(t, df, n, idf=idf, most=most) for t in ts],
        [sg.signature(t, kept) for t in ts],
    )


def group_vectors(
    ids: Sequence[str],
    dates: Sequence[datetime | None],
    vecs: list[Terms],
    signs: Sequence[sg.Signature],
    threshold: float = THRESHOLD,
    max_gap: timedelta = MAX_GAP,
    sims: Mapping[tuple[int, int], float] | None = None,
) -> list[list[str]]:
    """Group documents by their vectors and signatures (`vectors_and_signatures`);
    `sims`, when given, are their `_pair_sums`."""
    if sims is None:
        sims = _pair_sums(vecs, list(dates), max_gap)
    labels = average_link([1] * len(ids), sims, threshold, signs=signs)
    labels = _refine(labels, [1] * len(ids), sims, vecs, signs)
    return _groups(ids, labels)


def _refine(
    labels: Sequence[int],
    sizes: Sequence[int],
    sums: Mapping[tuple[int, int], float],
    vecs: Sequence[Terms],
    signs: Sequence[sg.Signature],
    fixed: Sequence[bool] | None = None,
) -> list[int]:
    """`average_link`'s labels after `refine`'s two checks: clusters holding no `fixed`
    group (all their members have `vecs`) split when they hold two events, then small
    clusters join the one story they are near. A split half is labelled by its first
    member."""
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(lab, []).append(i)
    out = list(labels)
    free = [g for g in members.values() if fixed is None or not any(fixed[i] for i in g)]
    for g in refine.split_apart(free, vecs, signs):
        for i in g:
            out[i] = g[0]
    return refine.attach_small(sizes, sums, out, _MIN_SIM, fixed)


def _groups(ids: Sequence[str], labels: Sequence[int]) -> list[list[str]]:
    out: dict[int, list[str]] = {}
    for i, lab in zip(ids, labels, strict=True):
        out.setdefault(lab, []).append(i)
    return list(out.values())


@dataclass(slots=True)
class _Story:
    centroid: dict[str, float]  # sum of its members' vectors
    size: int
    newest: datetime | None
    sign: sg.Signature = field(default_factory=dict)  # its members' names and numbers
    pending: list[Terms] = field(default_factory=list)  # members not yet in `sign`

    def signed(self) -> sg.Signature:
        """`sign`, with the members still pending counted in (in order)."""
        if self.pending:
            for t in self.pending:
                sg.add(self.sign, sg.signature(t))
            self.pending = []
        return self.sign


@dataclass(slots=True)
class StoryIndex:
    """Stories and their members' vectors, to place new articles incrementally.

    Build it once from what the store keeps (each article's `Terms` and story id);
    `add` returns, for each new article, the story it joins: an existing story's id,
    or the id of the first new article of a new story. A new article is compared with a
    story as `group_stories` compares two groups (the average of its similarities to
    the members: one dot product with the members' summed vectors), and kept apart from
    a story by the same event signatures (`signature.apart`). Members' vectors keep the
    term weights of when they were added.
    """

    threshold: float = THRESHOLD
    max_gap: timedelta = MAX_GAP
    df: Counter[str] = field(default_factory=Counter)
    n: int = 0
    stories: dict[str, _Story] = field(default_factory=dict)
    posting: dict[str, dict[str, float]] = field(default_factory=dict)  # term -> story -> w

    @classmethod
    def build(
        cls, docs: Sequence[Doc], threshold: float = THRESHOLD, max_gap: timedelta = MAX_GAP
    ) -> StoryIndex:
        index = cls(threshold, max_gap)
        index._count(docs)
        idf = idf_weights(index.df, index.n)
        most = max(idf.values(), default=None)
        df, n, stories = index.df, index.n, index.stories
        for d in docs:
            key = d.story or d.id
            st = stories.get(key)
            if st is None:
                st = stories[key] = _Story({}, 0, None)
            st.pending.append(d.terms)  # its signature: made if `add` ever needs it
            st.size += 1
            if d.published and _later(d.published, st.newest):
                st.newest = d.published
            c = st.centroid
            get = c.get
            for t, w in vector(d.terms, df, n, idf=idf, most=most).items():
                c[t] = get(t, 0.0) + w
        posting = index.posting
        for key, st in stories.items():  # the term index, once at the end
            for t, w in st.centroid.items():
                posting.setdefault(t, {})[key] = w
        return index

    def _count(self, docs: Sequence[Doc]) -> None:
        update = self.df.update
        for d in docs:
            update(d.terms.keys())
        self.n += len(docs)

    def _join(self, key: str, vec: Terms, published: datetime | None, sign: sg.Signature) -> None:
        st = self.stories.get(key)
        if st is None:
            st = self.stories[key] = _Story({}, 0, None)
        sg.add(st.signed(), sign)
        c = st.centroid
        get = c.get
        posting = self.posting
        for t, w in vec.items():
            c[t] = w = get(t, 0.0) + w
            posting.setdefault(t, {})[key] = w
        st.size += 1
        if published and _later(published, st.newest):
            st.newest = published

    def add(self, new: Sequence[Doc]) -> dict[str, str]:
        if not new:
            return {}
        self._count(new)
        df = self.df
        idf = idf_weights({t: df[t] for d in new for t in d.terms}, self.n)
        most = max(idf.values(), default=None)
        vecs = [vector(d.terms, df, self.n, idf=idf, most=most) for d in new]
        keys = list(self.stories)
        k = len(keys)
        slot = {key: g for g, key in enumerate(keys)}
        sums = {
            (a + k, b + k): s
            for (a, b), s in _pair_sums(vecs, [d.published for d in new], self.max_gap).items()
        }
        cap = max(_CAP_MIN, int(_CAP_SHARE * self.n))  # as in _pair_sums
        for j, v in enumerate(vecs):
            acc: dict[str, float] = {}
            for t, w in v.items():
                stories = self.posting.get(t, {})
                if len(stories) > cap:
                    continue
                for key, cw in stories.items():
                    acc[key] = acc.get(key, 0.0) + w * cw
            for key, s in acc.items():
                st = self.stories[key]
                if s >= _MIN_SIM * st.size and not _too_far(
                    new[j].published, st.newest, self.max_gap
                ):
                    sums[(slot[key], j + k)] = s
        sizes = [self.stories[key].size for key in keys] + [1] * len(new)
        # A story no new article is near never merges: its signature is not looked at.
        near = {slot for slot, _ in sums if slot < k}
        signs = [self.stories[key].signed() if g in near else {} for g, key in enumerate(keys)]
        signs += [sg.signature(d.terms) for d in new]
        fixed = [True] * k + [False] * len(new)
        labels = average_link(sizes, sums, self.threshold, fixed, signs)
        labels = _refine(labels, sizes, sums, [{}] * k + vecs, signs, fixed)
        first: dict[int, str] = {}
        out: dict[str, str] = {}
        for j, d in enumerate(new):
            lab = labels[j + k]
            story = keys[lab] if lab < k else first.setdefault(lab, d.id)
            out[d.id] = d.story = story
            self._join(story, vecs[j], d.published, signs[k + j])
        return out


def _later(a: datetime, b: datetime | None) -> bool:
    if b is None:
        return True
    try:
        return a > b
    except TypeError:
        return a.replace(tzinfo=None) > b.replace(tzinfo=None)


def doc_of(item: object) -> Doc:
    """A `StoryItem` as a `Doc` (its terms computed)."""
    return Doc(
        id=item.id,  # type: ignore[attr-defined]
        terms=terms(item.title, item.text),  # type: ignore[attr-defined]
        published=item.published,  # type: ignore[attr-defined]
    )
