"""Full-text extraction quality: `feeds.extract_article` vs plain `trafilatura.extract`.

Runs both on the public article-extraction benchmark (181 real pages, in
../shared/data/extraction-benchmark/) and scores both with the benchmark's own
`evaluate.py` (4-gram shingle precision / recall / F1, bootstrap std), plus
milliseconds per page. Figures only, never pass/fail.

    python bench/extraction.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def load_evaluate(bench_dir: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("extraction_evaluate", bench_dir / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    ap.add_argument("--bootstrap", type=int, default=1000)
    args = ap.parse_args()
    bench = args.data / "extraction-benchmark"
    if not (bench / "ground-truth.json").exists():
        sys.exit(f"no benchmark at {bench} (use --data)")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import trafilatura

    from feeds.extract import extract_article

    evaluate = load_evaluate(bench)
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    truth = {k: truth[k] for k in keys}
    pages = {k: gzip.decompress((bench / "html" / f"{k}.html.gz").read_bytes()) for k in keys}

    systems = {
        "extract_article": lambda html, url: extract_article(html, url).text,
        "trafilatura.extract": lambda html, url: trafilatura.extract(html, url=url) or "",
    }
    rows = []
    for name, fn in systems.items():
        fn(pages[keys[0]], truth[keys[0]].get("url"))  # warm up imports and caches
        out = {}
        start = time.perf_counter()
        for k in keys:
            out[k] = {"articleBody": fn(pages[k], truth[k].get("url"))}
        ms = (time.perf_counter() - start) * 1000 / len(keys)
        m = evaluate.evaluate(truth, out, args.bootstrap)
        rows.append((name, m, ms))

    print(f"{len(keys)} pages, trafilatura {trafilatura.__version__}, scored by evaluate.py")
    print(
        f"{'system':<22} {'F1':>13} {'precision':>13} {'recall':>13} {'accuracy':>8} {'ms/page':>8}"
    )
    for name, m, ms in rows:
        print(
            f"{name:<22} {m['f1']:.3f} ± {m['f1_std']:.3f} "
            f"{m['precision']:.3f} ± {m['precision_std']:.3f} "
            f"{m['recall']:.3f} ± {m['recall_std']:.3f} {m['accuracy']:>8.3f} {ms:>8.1f}"
        )


if __name__ == "__main__":
    main()
