"""Digest quality: ROUGE-1/2/Lsum F1 of newsdesk's 3-point digest vs CNN/DM highlights.

Side by side with Lead-3 and sumy's LexRank, TextRank, LSA and Luhn, all computed in the
same run on the same sentence splits (newsdesk's document model + offline Punkt), with
the median milliseconds per article for each (splitting included). Prints figures only.

Also, per method, the shape of its points: median words per point, and the share of
points cut with "…", over 25 words, opening with a pronoun, or with unbalanced double
quotation marks; and newsdesk's time per article as a multiple of sumy LexRank's.
``--sample N`` prints N points drawn at random (fixed ``--seed``) instead, to read by eye.

    python bench/digest_quality.py [--data DIR] [--limit N] [--points 3] [--half even|odd]
    python bench/digest_quality.py --sample 10 [--seed 14]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _sentences(article: str) -> list[str]:
    from summarize._document import is_boilerplate_sentence, parse_document
    from summarize._text import split_sentences

    doc = parse_document(article)
    return [s for p in doc.body for s in split_sentences(p.text) if not is_boilerplate_sentence(s)]


class _SumyTokenizer:
    """sumy's default tokenizer needs nltk data; give it the offline one instead."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        from summarize._text import split_sentences

        return split_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        from summarize._text import tokenize

        return [w for w in tokenize(sentence) if any(c.isalnum() for c in w)]


def _sumy_method(name: str, n: int) -> Callable[[str], list[str]]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = {
        "LexRank": LexRankSummarizer,
        "TextRank": TextRankSummarizer,
        "LSA": LsaSummarizer,
        "Luhn": LuhnSummarizer,
    }[name]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tok = _SumyTokenizer()

    def run(article: str) -> list[str]:
        sents = _sentences(article)
        if not sents:
            return []
        doc = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in sents])])
        return [str(s) for s in summarizer(doc, n)]

    return run


def _methods(n: int) -> dict[str, Callable[[str], list[str]]]:
    from summarize._digest import key_points
    from summarize._document import parse_document

    def newsdesk(article: str) -> list[str]:
        return [kp.text for kp in key_points(parse_document(article), max_points=n)]

    def lead(article: str) -> list[str]:
        return _sentences(article)[:n]

    methods: dict[str, Callable[[str], list[str]]] = {
        "newsdesk": newsdesk,
        f"Lead-{n}": lead,
    }
    for name in ("LexRank", "TextRank", "LSA", "Luhn"):
        methods[f"sumy {name}"] = _sumy_method(name, n)
    return methods


_PRONOUN = re.compile(
    r"^[\"“‘']?(?:he|she|it|they|we|i|you|his|her|its|their|our|my|your|him|them|us)\b",
    re.I,
)


def point_shape(points: list[str]) -> dict[str, float]:
    """Median words per point and the rates (%) of the defects issue 14 names."""
    if not points:
        return {"median": 0.0, "cut": 0.0, "over25": 0.0, "pronoun": 0.0, "quotes": 0.0}
    n = len(points)

    def rate(flags: list[bool]) -> float:
        return 100 * sum(flags) / n

    return {
        "median": statistics.median(len(p.split()) for p in points),
        "cut": rate(["…" in p or p.rstrip().endswith("...") for p in points]),
        "over25": rate([len(p.split()) > 25 for p in points]),
        "pronoun": rate([bool(_PRONOUN.match(p.strip())) for p in points]),
        "quotes": rate([p.count('"') % 2 == 1 or p.count("“") != p.count("”") for p in points]),
    }


def _load(args: argparse.Namespace) -> tuple[Path, list[dict]] | None:
    path = args.data / "cnndm" / "dev.jsonl" if args.data.is_dir() else args.data
    if not path.is_file():
        print(f"digest_quality: no data at {path}", file=sys.stderr)
        return None
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if args.half:  # alternate articles: both halves mix CNN and Daily Mail alike
        rows = rows[0::2] if args.half == "even" else rows[1::2]
    if args.limit:
        rows = rows[: args.limit]
    return path, rows


def _sample(rows: list[dict], n_points: int, k: int, seed: int) -> None:
    """``k`` (article, point) pairs drawn with ``seed``: the point and its source sentence."""
    import random

    from summarize._digest import key_points
    from summarize._document import parse_document

    rng = random.Random(seed)
    picks = [(rng.randrange(len(rows)), rng.randrange(n_points)) for _ in range(k)]
    for i, j in picks:
        kps = key_points(parse_document(rows[i]["article"]), max_points=n_points)
        if j >= len(kps):
            print(f"[{rows[i]['id'][:10]} #{j + 1}] (no such point)\n")
            continue
        kp = kps[j]
        print(f"[{rows[i]['id'][:10]} #{j + 1}] ({len(kp.text.split())} words) {kp.text}")
        if kp.text != kp.sentence:
            print(f"    source ({len(kp.sentence.split())} words): {kp.sentence}")
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--half", choices=("even", "odd"), help="only every other article")
    ap.add_argument("--points", type=int, default=3, help="points per digest (default 3)")
    ap.add_argument("--only", default="", help="comma-separated method names to run")
    ap.add_argument("--sample", type=int, default=0, help="print N random points and stop")
    ap.add_argument("--seed", type=int, default=14, help="seed for --sample (default 14)")
    args = ap.parse_args(argv)

    loaded = _load(args)
    if loaded is None:
        return 2
    path, rows = loaded
    if args.sample:
        _sample(rows, args.points, args.sample, args.seed)
        return 0

    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    methods = _methods(args.points)
    if args.only:
        keep = {m.strip() for m in args.only.split(",")}
        methods = {k: v for k, v in methods.items() if k in keep or k.split()[-1] in keep}

    for fn in methods.values():  # warm up: lazy imports and caches are not per-article cost
        fn(rows[0]["article"])

    print(f"{len(rows)} articles from {path}, {args.points} points each\n")
    header = (
        f"{'method':<16} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'words':>6} {'ms/article':>11}"
        f" {'cpu ms':>7}"
        f" {'median':>7} {'cut%':>5} {'>25%':>5} {'pron%':>6} {'quote%':>7}"
    )
    print(header)
    print("-" * len(header))
    times: dict[str, float] = {}
    for name, fn in methods.items():
        r1: list[float] = []
        r2: list[float] = []
        rl: list[float] = []
        ms: list[float] = []
        cpu: list[float] = []
        n_words: list[int] = []
        points: list[str] = []
        for row in rows:
            t0, c0 = time.perf_counter(), time.process_time()
            out = fn(row["article"])
            ms.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            points += out
            n_words.append(sum(len(s.split()) for s in out))
            sc = scorer.score("\n".join(row["highlights"]), "\n".join(out))
            r1.append(sc["rouge1"].fmeasure)
            r2.append(sc["rouge2"].fmeasure)
            rl.append(sc["rougeLsum"].fmeasure)
        times[name] = statistics.fmean(cpu)
        shape = point_shape(points)
        print(
            f"{name:<16} {100 * statistics.fmean(r1):6.2f} {100 * statistics.fmean(r2):6.2f}"
            f" {100 * statistics.fmean(rl):7.2f} {statistics.fmean(n_words):6.1f}"
            f" {statistics.median(ms):11.2f} {times[name]:7.2f} {shape['median']:7.1f}"
            f" {shape['cut']:5.1f} {shape['over25']:5.1f} {shape['pronoun']:6.1f}"
            f" {shape['quotes']:7.1f}",
            flush=True,
        )
    print("\nROUGE F1 x100 (rouge-score, use_stemmer=True; Lsum on newline-joined sentences);")
    print("words: mean digest length; ms/article: median wall time, sentence splitting included;")
    print("cpu ms: mean CPU time per article (this process only: robust on a shared machine);")
    print("median: words per point; cut%: points cut with '…'; >25%: points over 25 words;")
    print("pron%: points opening with a pronoun; quote%: points with unbalanced double quotes.")
    if "newsdesk" in times and times.get("sumy LexRank"):
        ratio = times["newsdesk"] / times["sumy LexRank"]
        print(f"newsdesk CPU time per article: {ratio:.2f}x sumy LexRank's.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
