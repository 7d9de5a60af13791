"""Shared helpers for benchmarks: a corpus of synthetic articles, percentiles, peak memory.

Benchmarks print figures; they never assert on them (speed targets live here, not in tests).
"""

from __future__ import annotations

import random
import resource
import statistics
from pathlib import Path

from feeds.seeds import load_paths
from newsdesk.records import Article

ROOT = Path(__file__).resolve().parents[1]

_SENTENCES = [
    "The Interior Ministry said {n} people were killed and {m} injured in the earthquake.",
    "Rescuers pulled {n} survivors from the rubble on Tuesday, local officials said.",
    "The death toll rose to {n}, up from {m} a day earlier, the health ministry said.",
    "Police said {n} protesters were arrested after clashes in the capital.",
    "The company said the breach affected {n} million customers.",
    "Some {n} residents have been displaced by the floods, the agency said.",
    "The refinery processes {n} million tons of oil a year.",
    "Prices rose {n} percent in March, the statistics office said.",
    "The 7.8-magnitude quake struck at 4:17 a.m. on February 6.",
    "Officials said {n} soldiers were wounded and {m} remain missing.",
    "Analysts said the government had been slow to respond to the crisis.",
    "The region has a population of about {n} million people.",
    "Witnesses described scenes of devastation across several towns.",
]


_FILLER = [
    "Residents described a night of fear as the water rose through the streets of the old town.",
    "The government has faced criticism for its slow response, and opposition leaders called for an inquiry.",
    "Aid agencies said roads into the worst-hit districts remained blocked by debris and fallen power lines.",
    "Schools were closed for the rest of the week and the main highway was shut to traffic.",
    "Forecasters warned that more heavy rain was expected over the weekend in the north of the country.",
    "The president cut short a foreign trip and flew to the region on Wednesday evening.",
    "Neighbouring countries offered help, and the first relief flights landed at the regional airport.",
    "Engineers were inspecting the dam upstream, which officials said was holding.",
]


def synthetic_articles(count: int, size: int = 4000, seed: int = 7, *, density: float = 1.0) -> list[Article]:
    """``count`` articles of about ``size`` characters mixing figures and distractors.

    ``density`` is the share of sentences that carry a number; the rest is plain news prose.
    1.0 stresses the extractor; about 0.15 resembles real wire copy.
    """
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            template = rng.choice(_SENTENCES) if rng.random() < density else rng.choice(_FILLER)
            parts.append(template.format(n=rng.randint(2, 5000), m=rng.randint(2, 500)))
        text = "\n\n".join(" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3))
        articles.append(
            Article(
                id=f"bench-{index}",
                url=f"https://bench.newsdesk.example/{index}",
                title=f"Benchmark article {index}",
                text=text,
                published=f"2025-01-{1 + index % 28:02d}T{index % 24:02d}:00:00Z",
                outlet="bench",
                feed="bench",
                fetched_at="2025-01-01T00:00:00Z",
            )
        )
    return articles


def seed_articles() -> list[Article]:
    return load_paths([ROOT / "seeds"])


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {}
    q = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else [ordered[0]] * 99
    return {"p50": q[49], "p90": q[89], "p99": q[98], "max": ordered[-1]}


def peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
