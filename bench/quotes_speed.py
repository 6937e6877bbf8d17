#!/usr/bin/env python3
"""Speed of summarize_article and of who-said-what alone on texts of growing length.

Builds texts of about 5, 20, 60, 120 and 240 KB and prints the milliseconds for the whole
`summarize_article` (document model + digest + who-said-what) and for `extract_speakers`
alone, so that super-linear growth shows (the ms/KB column should stay about flat).

Kinds of text: "synthetic" (paragraphs generated here from templates: many names,
roles, pronouns, quotations and reported speech), "corpus" (the quote-attribution
articles of ../shared/data/quotes/*.jsonl, concatenated at run time; skipped when the
data is not there), "onepara" (the synthetic text as one single paragraph), "transcript"
(an interview, one "NAME: words" line per turn) and "headings" (short sections under
claim-like sub-headings).

    python bench/quotes_speed.py [--data DIR] [--sizes 5,20,60,120,240] [--repeat 3]
                                 [--kind synthetic,corpus,onepara,transcript,headings]
                                 [--profile KB [--sort tottime]]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1]))

_FIRST = [
    "Ana",
    "Boris",
    "Chiara",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Stefan",
    "Tara",
    "Umar",
    "Vera",
    "Walter",
    "Ximena",
    "Yusuf",
    "Zoe",
]
_LAST = [
    "Abara",
    "Brandt",
    "Castell",
    "Dorsey",
    "Eklund",
    "Fonseca",
    "Gartner",
    "Halloran",
    "Ibsen",
    "Jovic",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quist",
    "Romero",
    "Sandoval",
    "Tanaka",
    "Ulrich",
    "Varga",
    "Whitlock",
    "Yilmaz",
]
_ROLES = (
    "spokesperson for the ministry",
    "the city's mayor",
    "a senior official at the agency",
    "chief executive of the port authority",
    "a professor of economics",
    "the regional governor",
)
_TOPICS = (
    "the new bridge",
    "the budget",
    "the water supply",
    "the rail strike",
    "the harbour expansion",
    "the school closures",
    "the fishing quotas",
)
_VERBS = ("said", "told reporters", "added", "warned", "argued", "insisted")


def _synthetic_paragraph(rng: random.Random) -> str:
    who = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    role = rng.choice(_ROLES)
    topic = rng.choice(_TOPICS)
    verb = rng.choice(_VERBS)
    pron = rng.choice(("he", "she"))
    forms = [
        f'"We will not accept any delay on {topic}," {who}, {role}, {verb}. '
        f"{who.split()[-1]} {verb} the plan had been discussed for months. "
        f'"It is a matter of trust," {pron} said.',
        f"According to {who}, {topic} will cost more than expected. "
        f"Officials in the capital {verb} that talks would resume next week. "
        f"{pron.capitalize()} said the figures were still being checked.",
        f"The council met on Tuesday to discuss {topic} and several other items. "
        f"Members voted on three motions before the session ended late in the evening. "
        f'{who} {verb} the result was "a clear signal to the government" on {topic}.',
        f"{role.capitalize()} {who} {verb} that {topic} was the priority. "
        f'"Nobody here wants another year of waiting," {pron} added, '
        f"saying the money was already in place.",
    ]
    return rng.choice(forms)


def synthetic_text(kb: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paras = ["Council weighs the harbour plan", ""]
    size = 0
    while size < kb * 1000:
        p = _synthetic_paragraph(rng)
        paras.append(p)
        size += len(p) + 1
    return "\n".join(paras)


def transcript_text(kb: int, seed: int = 7) -> str:
    """An interview transcript: a few speakers, one "NAME: words" line each turn."""
    rng = random.Random(seed)
    lines = ["Transcript of the harbour hearing", ""]
    size = 0
    while size < kb * 1000:
        who = rng.choice(("RUIZ", "OKAFOR", "LINDQVIST"))
        line = (
            f"{who}: Well, on {rng.choice(_TOPICS)} I think we are {rng.randrange(1000)} days late."
        )
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def headings_text(kb: int, seed: int = 7) -> str:
    """Sections under claim-like sub-headings ("Budget: The Core Sticking Point 12")."""
    rng = random.Random(seed)
    lines = ["Council weighs the harbour plan", ""]
    size = 0
    k = 0
    while size < kb * 1000:
        topic = rng.choice(_TOPICS)
        head = f"{topic.split()[-1].capitalize()}: The Core Sticking Point {k}"
        body = f"The talks on {topic} stalled again, the minister said on Monday ({k})."
        lines += [head, body]
        size += len(head) + len(body) + 2
        k += 1
    return "\n".join(lines)


def corpus_text(kb: int, data: Path) -> str | None:
    texts: list[str] = []
    for rel in ("quotes/dev.jsonl", "quotes/polnear-dev.jsonl"):
        path = data / rel
        if path.is_file():
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    if not texts:
        return None
    out: list[str] = []
    size = 0
    k = 0
    while size < kb * 1000:
        t = texts[k % len(texts)]
        out.append(t)
        size += len(t) + 1
        k += 1
    return "\n".join(out)[: kb * 1000]


def _best_ms(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    ap.add_argument("--sizes", default="5,20,60,120,240", help="text sizes in KB")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (best is shown)")
    ap.add_argument("--profile", type=int, default=0, help="cProfile one run at this KB size")
    ap.add_argument("--sort", default="cumulative", help="cProfile sort key (tottime, ...)")
    ap.add_argument(
        "--kind",
        default="synthetic,corpus,onepara,transcript,headings",
        help="comma-separated: synthetic, corpus, onepara, transcript, headings",
    )
    a = ap.parse_args()
    try:
        sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    except ValueError:
        print("quotes_speed: --sizes must be integers separated by commas", file=sys.stderr)
        return 2

    from summarize import summarize_article
    from summarize._document import parse_document
    from summarize.quotes import extract_speakers

    summarize_article(synthetic_text(2))  # warm-up: lazy imports, regex compilation

    def build(kind: str, kb: int) -> str | None:
        if kind == "synthetic":
            return synthetic_text(kb)
        if kind == "headings":
            return headings_text(kb)
        if kind == "transcript":
            return transcript_text(kb)
        if kind == "onepara":  # the same text with no paragraph breaks (pasted or flattened)
            return synthetic_text(kb).replace("\n", " ")
        return corpus_text(kb, a.data)

    kinds = [k.strip() for k in a.kind.split(",") if k.strip()]
    if a.profile:
        text = build(kinds[0], a.profile)
        if text is None:
            print("quotes_speed: no data to profile", file=sys.stderr)
            return 2
        prof = cProfile.Profile()
        prof.enable()
        summarize_article(text)
        prof.disable()
        pstats.Stats(prof).sort_stats(a.sort).print_stats(30)
        return 0

    print(
        f"{'text':10s} {'KB':>5s} {'paras':>6s} | {'summarize ms':>12s} {'ms/KB':>6s} | "
        f"{'quotes ms':>9s} {'ms/KB':>6s} | {'statements':>10s}"
    )
    print("-" * 80)
    for kind in kinds:
        for kb in sizes:
            text = build(kind, kb)
            if text is None:
                print(f"quotes_speed: no corpus data under {a.data}, skipped", file=sys.stderr)
                break
            doc = parse_document(text)
            speakers = extract_speakers(doc)
            n_st = sum(len(s.statements) for s in speakers)
            full = _best_ms(lambda t=text: summarize_article(t), a.repeat)
            quotes = _best_ms(lambda d=doc: extract_speakers(d), a.repeat)
            real_kb = len(text) / 1000
            print(
                f"{kind:10s} {real_kb:5.0f} {len(doc.paragraphs):6d} | {full:12.1f} "
                f"{full / real_kb:6.2f} | {quotes:9.1f} {quotes / real_kb:6.2f} | {n_st:10d}",
                flush=True,
            )
    print(f"(best of {a.repeat} runs, one core; quotes = extract_speakers on a parsed document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
