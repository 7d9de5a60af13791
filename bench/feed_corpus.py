"""Run feedparser's test corpus through ``newsdesk poll --once --sink stdout`` over loopback HTTP.

Every file of the corpus is served by a local :class:`feeds.devserver.FeedServer` (with the
HTTP headers its leading comment asks for), one ``newsdesk poll`` process polls them all, and
this prints how many feeds yielded articles, how many were polled without entries, how many
were rejected and why, and the wall time. Nothing is asserted here; the integration test
``tests/integration/test_poll_corpus.py`` checks that every file is accounted for.

.venv/bin/python bench/feed_corpus.py [CORPUS] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from feeds.config import feed_id_for
from feeds.devserver import FeedServer
from newsdesk.exceptions import DecodeError
from newsdesk.utils import json

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "feedparser-tests"
NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(
        p
        for p in corpus.rglob("*")
        if p.is_file() and p.suffix in {".xml", ".gz", ".z"} and "_scratch" not in p.parts
    )


def run(corpus: Path, timeout: float = 900.0) -> dict[str, Any]:
    files = corpus_files(corpus)
    with FeedServer(corpus=corpus) as server, tempfile.TemporaryDirectory() as tmp:
        urls = {server.url("/corpus/" + f.relative_to(corpus).as_posix()): f for f in files}
        listing = Path(tmp) / "feeds.txt"
        listing.write_text("\n".join(urls) + "\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
        env.update(
            {
                "NEWSDESK_DATA_DIR": str(Path(tmp) / "state"),
                "NEWSDESK_POLL_PER_HOST": "16",
                "NEWSDESK_POLL_CONCURRENCY": "32",
                "NEWSDESK_POLL_TIMEOUT": "20",
            }
        )
        started = time.perf_counter()
        result = subprocess.run(  # noqa: S603 - our own executable, our own arguments
            [NEWSDESK, "poll", "--once", "--sink", "stdout", "--allow-private", "--feeds", str(listing)],
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        wall = time.perf_counter() - started
    articles: Counter[str] = Counter()
    for line in result.stdout.splitlines():
        articles[json.loads(line)["feed"]] += 1
    outcomes: dict[str, dict[str, Any]] = {}
    for line in result.stderr.splitlines():
        record: Any = None
        with contextlib.suppress(DecodeError):  # a non-JSON line (a library's print) is no outcome
            record = json.loads(line)
        if isinstance(record, dict) and record.get("event") == "poll":
            outcomes[record["feed"]] = record  # keyed by feed id: a redirect reports its final URL
    by_feed: dict[str, str] = {}
    reasons: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for url, path in urls.items():
        record = outcomes.get(feed_id_for(url))
        if record is None:
            by_feed[url] = "unaccounted"
        elif record["result"] in {"ok", "not_modified"}:
            by_feed[url] = "articles" if articles.get(url) else "no_entries"
        else:
            by_feed[url] = "rejected"
            reasons[str(record.get("kind"))] += 1
            examples.setdefault(str(record.get("kind")), []).append(path.relative_to(corpus).as_posix())
    counts = Counter(by_feed.values())
    return {
        "files": len(files),
        "exit_code": result.returncode,
        "wall_seconds": round(wall, 1),
        "yielded_articles": counts.get("articles", 0),
        "no_entries": counts.get("no_entries", 0),
        "rejected": counts.get("rejected", 0),
        "unaccounted": counts.get("unaccounted", 0),
        "articles": sum(articles.values()),
        "rejected_by_reason": dict(reasons.most_common()),
        "rejected_files": examples,
        "unaccounted_urls": [u for u, v in by_feed.items() if v == "unaccounted"][:20],
        "stderr_tail": result.stderr.decode("utf-8", "replace")[-2000:] if result.returncode else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    summary = run(args.corpus)
    if args.json:
        print(json.dumps(summary).decode())
        return
    print(f"feedparser corpus: {summary['files']} files from {args.corpus}")
    print(f"  wall time: {summary['wall_seconds']} s (exit code {summary['exit_code']})")
    print(f"  yielded articles: {summary['yielded_articles']} feeds, {summary['articles']} articles")
    print(f"  polled, no entries (or 304): {summary['no_entries']}")
    print(f"  rejected: {summary['rejected']}")
    for reason, count in summary["rejected_by_reason"].items():
        files = summary["rejected_files"][reason]
        print(f"    {reason}: {count} ({', '.join(files[:4])}{', ...' if len(files) > 4 else ''})")
    print(f"  unaccounted (crash or hang): {summary['unaccounted']}")


if __name__ == "__main__":
    main()
