"""Alert precision and recall on timelines: the alerts a desk should get against those raised.

Each folder under the given roots holds ``articles.jsonl`` and ``expected.json`` (the format of
``tests/data/timelines``, see ``tests/timelines.py``). The articles are replayed embedded, as
``newsdesk replay --embedded`` does, one timeline at a time with fresh state. An alert counts as
right when party, metric, kind, current and previous value all match an expected one ("strict");
"current only" forgives a wrong previous value or kind, which shows whether misses come from
extraction (the figure itself) or from tracking (what it is compared with).

.venv/bin/python bench/timeline_eval.py [ROOT ...] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT
from feeds.seeds import load_paths
from newsdesk.extraction.extractor import without_legal_form
from newsdesk.extraction.world import gazetteer
from newsdesk.pipeline import Pipeline
from tests.timelines import Timeline, expected_signatures, signature, timelines


def canonical(party: object) -> object:
    """A country as the gazetteer names it: annotators write "the Congo", "Türkiye", "DRC"."""
    if not isinstance(party, str):
        return party
    return without_legal_form(gazetteer().canonical_country(party))


def scores(got: Counter[tuple[object, ...]], want: Counter[tuple[object, ...]]) -> tuple[float, float, int]:
    hits = sum((got & want).values())
    precision = hits / sum(got.values()) if got else 1.0
    recall = hits / sum(want.values()) if want else 1.0
    return precision, recall, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "timelines"])
    parser.add_argument("--verbose", action="store_true", help="list every missing and unexpected alert")
    args = parser.parse_args()

    found: list[Timeline] = [t for root in args.roots for t in timelines(root)]
    strict_got: Counter[tuple[object, ...]] = Counter()
    strict_want: Counter[tuple[object, ...]] = Counter()
    loose_got: Counter[tuple[object, ...]] = Counter()
    loose_want: Counter[tuple[object, ...]] = Counter()
    exact = 0
    for timeline in found:
        alerts = [a.to_dict() for a in Pipeline().run(load_paths([timeline.articles], order=timeline.order))]
        got = Counter((timeline.name, *signature(a)) for a in alerts)
        want = Counter(
            {(timeline.name, canonical(k[0]), *k[1:]): n for k, n in expected_signatures(timeline).items()}
        )
        strict_got += got
        strict_want += want
        loose_got += Counter({(k[0], k[1], k[2], k[4]): n for k, n in got.items()})
        loose_want += Counter({(k[0], k[1], k[2], k[4]): n for k, n in want.items()})
        exact += got == want
        if got != want and args.verbose:
            print(f"timeline {timeline.name}:")
            for missing in (want - got).elements():
                print(f"  missing {missing[1:]}")
            for extra in (got - want).elements():
                print(f"  unexpected {extra[1:]}")
    precision, recall, hits = scores(strict_got, strict_want)
    print(
        f"timelines: {len(found)} ({exact} exactly right), expected alerts {sum(strict_want.values())}, "
        f"raised {sum(strict_got.values())}"
    )
    print(f"  strict: precision {precision:.3f}  recall {recall:.3f}  (right {hits})")
    precision, recall, hits = scores(loose_got, loose_want)
    print(f"  current only (party, metric, current): precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    main()
