"""Extraction speed on one core: articles/s, per-article latency percentiles, peak memory.

Four corpora: ``synthetic`` (generated, a number in every sentence), ``sparse`` (generated, a
number in about one sentence in seven, like ordinary wire copy), ``devset`` (the
annotated development set's articles joined to the requested size: figure-dense, a claim every
~150 characters) and ``seeds`` (the articles in seeds/, one of them a real article copied
unchanged: the figure density of ordinary news copy, where most sentences hold no figure).

.venv/bin/python bench/extract_bench.py [--corpus synthetic|sparse|devset|seeds|all] [--articles 2000]
    [--size 4000] [--profile]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, peak_rss_mib, percentiles, seed_articles, synthetic_articles
from newsdesk.extraction import Extractor
from newsdesk.extraction.evaluation import load
from newsdesk.records import Article


def devset_articles(count: int, size: int) -> list[Article]:
    """``count`` articles of about ``size`` characters, each a run of dev-set articles end to end."""
    return joined(
        [example.article.text for example in load([ROOT / "tests" / "data" / "devset"])], count, size
    )


def seed_corpus(count: int, size: int) -> list[Article]:
    return joined([article.text for article in seed_articles()], count, size)


def joined(texts: list[str], count: int, size: int) -> list[Article]:
    articles = []
    cursor = 0
    for index in range(count):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < size:
            parts.append(texts[cursor % len(texts)])
            cursor += 1
        articles.append(
            Article(
                id=f"bench-joined-{index}",
                url=None,
                title="",
                text="\n\n".join(parts),
                published=None,
                outlet="bench",
                feed="bench",
                fetched_at="2025-01-01T00:00:00Z",
            )
        )
    return articles


def run(name: str, articles: list[Article]) -> None:
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
    print(f"extract [{name}]: {len(articles)} articles of ~{chars // len(articles)} chars, {claims} claims")
    rate = len(articles) / elapsed
    print(f"  throughput: {rate:,.0f} articles/s ({chars / elapsed / 1e6:.2f} MB/s) on one core")
    print("  latency ms: " + ", ".join(f"{k} {v:.2f}" for k, v in pct.items()))
    print(f"  peak RSS: {peak_rss_mib():.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["synthetic", "sparse", "devset", "seeds", "all"], default="all")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--size", type=int, default=4000, help="characters per article")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile instead")
    args = parser.parse_args()

    corpora: list[tuple[str, list[Article]]] = []
    if args.corpus in {"synthetic", "all"}:
        corpora.append(("synthetic", synthetic_articles(args.articles, args.size)))
    if args.corpus in {"sparse", "all"}:
        corpora.append(("sparse", synthetic_articles(args.articles, args.size, density=0.15)))
    if args.corpus in {"devset", "all"}:
        corpora.append(("devset", devset_articles(args.articles, args.size)))
    if args.corpus in {"seeds", "all"}:
        corpora.append(("seeds", seed_corpus(args.articles, args.size)))
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for name, articles in corpora:
            run(name, articles)
        profiler.stop()
        print(profiler.output_text(color=False, show_all=False))
        return
    for name, articles in corpora:
        run(name, articles)


if __name__ == "__main__":
    main()
