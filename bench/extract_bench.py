"""Extraction speed on one core: articles/s, per-article latency percentiles, peak memory.

.venv/bin/python bench/extract_bench.py [--articles 2000] [--size 4000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import peak_rss_mib, percentiles, synthetic_articles
from newsdesk.extraction import Extractor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--size", type=int, default=4000, help="characters per article")
    args = parser.parse_args()

    articles = synthetic_articles(args.articles, args.size)
    extractor = Extractor()
    extractor.extract(articles[0])  # load the gazetteer before timing
    latencies = []
    claims = 0
    started = time.perf_counter()
    for article in articles:
        t0 = time.perf_counter()
        claims += len(extractor.extract(article))
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    chars = sum(len(a.text) for a in articles)
    pct = percentiles(latencies)
    print(f"extract: {len(articles)} articles of ~{chars // len(articles)} chars, {claims} claims")
    rate = len(articles) / elapsed
    print(f"  throughput: {rate:,.0f} articles/s ({chars / elapsed / 1e6:.2f} MB/s) on one core")
    print("  latency ms: " + ", ".join(f"{k} {v:.2f}" for k, v in pct.items()))
    print(f"  peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
