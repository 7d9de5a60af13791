"""In-process pipeline (extraction + tracking, as `replay --embedded`): articles/s, latency, memory.

.venv/bin/python bench/pipeline_bench.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import peak_rss_mib, percentiles, synthetic_articles
from newsdesk.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()

    articles = synthetic_articles(args.articles)
    pipeline = Pipeline()
    latencies = []
    alerts = 0
    started = time.perf_counter()
    for article in articles:
        t0 = time.perf_counter()
        alerts += len(pipeline.process(article))
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    pct = percentiles(latencies)
    print(f"pipeline: {len(articles)} articles, {alerts} alerts, {len(pipeline.figures)} figures tracked")
    print(f"  throughput: {len(articles) / elapsed:,.0f} articles/s")
    print("  latency ms: " + ", ".join(f"{k} {v:.2f}" for k, v in pct.items()))
    print(f"  peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
