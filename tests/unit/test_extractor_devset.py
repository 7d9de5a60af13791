"""The annotated development set holds the extractor to the issue's targets, so regressions fail CI.

Targets: F1 >= 0.90 on (metric, number), official accuracy >= 0.95 on the figures found, and no
claim from a date, time, amount of money, percentage or tonnage. The scoring itself is tested
on small hand-made sets, and `newsdesk eval` is run as a real process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.extraction import Extractor, evaluation
from newsdesk.extraction.exceptions import DevsetError
from newsdesk.utils import json
from tests.support import ROOT, run_cli

DEVSET = ROOT / "tests" / "data" / "devset"
NO_BROKER = {"NEWSDESK_BROKER": "127.0.0.1:1", "PATH": "/usr/bin:/bin"}


@pytest.fixture(scope="module")
def report() -> evaluation.Report:
    return evaluation.evaluate(evaluation.load([DEVSET]), Extractor())


def test_the_devset_is_big_and_varied_enough() -> None:
    examples = evaluation.load([DEVSET])
    figures = sum(len(e.expected) for e in examples)
    distractors = sum(len(e.distractors) for e in examples)
    assert figures >= 150
    assert distractors >= 150
    kinds = {d.kind for e in examples for d in e.distractors}
    assert {"date", "time", "money", "percent", "tonnage", "age", "magnitude", "distance"} <= kinds
    assert {"count_of_things", "population", "votes", "score"} <= kinds


def test_devset_meets_the_targets(report: evaluation.Report) -> None:
    details = "\n".join(evaluation.summary(report) + evaluation.details(report))
    assert report.f1 >= 0.90, details
    assert report.accuracy("official") >= 0.95, details
    assert report.forbidden_hits == 0, details


def line(claims: list[dict[str, object]], text: str, distractors: list[dict[str, str]] | None = None) -> str:
    return json.dumps({"id": "t", "text": text, "claims": claims, "distractors": distractors or []}).decode()


def test_scoring_counts_misses_extras_and_attribute_errors(tmp_path: Path) -> None:
    text = "The ministry said 47 people were killed and 12 injured. Turnout was 64 percent on 12 March 2025."
    gold = [
        {"metric": "killed", "value": 47, "qualifier": "exact", "official": True, "stance": "reported"},
        {"metric": "missing", "value": 3, "qualifier": "exact", "official": False},
    ]
    path = tmp_path / "set.jsonl"
    distractors = [{"text": "64 percent", "kind": "percent"}, {"text": "12 March 2025", "kind": "date"}]
    path.write_text(line(gold, text, distractors) + "\n")
    report = evaluation.evaluate(evaluation.load([path]), Extractor())
    assert (report.true_positives, report.false_negatives, report.false_positives) == (1, 1, 1)
    assert report.precision == report.recall == 0.5
    # "The ministry" of no country named in a story about no country cannot be the party's own voice.
    assert report.accuracy("official") == 0.0
    assert report.forbidden_hits == 0
    kinds = {f.kind for f in report.findings}
    assert kinds == {"missed", "extra", "official"}


def test_claims_on_distractors_are_counted_by_kind(tmp_path: Path) -> None:
    text = "Police said 30 people were arrested."
    path = tmp_path / "set.jsonl"
    path.write_text(line([], text, [{"text": "30 people", "kind": "crowd_size"}]) + "\n")
    report = evaluation.evaluate(evaluation.load([path]), Extractor())
    assert report.distractor_hits == {"crowd_size": 1}
    assert report.forbidden_hits == 0


def test_vague_figures_compare_on_their_wording_without_hedges() -> None:
    assert evaluation.vague_core("more than a handful") == "handful"
    assert evaluation.vague_core("Tens of thousands") == "tens of thousands"
    assert evaluation.number_key(None, 20, 30, None) == ("range", "20", "30")
    assert evaluation.number_key(1_200_000, None, None, None) == ("value", "1.2e+06")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"id": "a", "text": "x", "claims": [{"metric": "slain", "value": 1, "official": true}]}', "metric"),
        ('{"id": "a", "text": "x", "claims": [{"metric": "killed", "official": true}]}', "give 'value'"),
        ('{"id": "a", "text": "x", "claims": [{"metric": "killed", "value": 1}]}', "'official'"),
        (
            '{"id": "a", "text": "x", "distractors": [{"text": "nowhere", "kind": "date"}]}',
            "not in the article",
        ),
        ('{"text": "x"}', "'id'"),
    ],
)
def test_malformed_annotations_say_where_and_why(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content + "\n")
    with pytest.raises(DevsetError, match=message) as raised:
        evaluation.load([path])
    assert f"{path}:1" in str(raised.value)


def test_eval_command_prints_the_scores() -> None:
    result = run_cli("eval", env=NO_BROKER)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    for word in ("precision", "recall", "F1"):
        assert word in out
    for attribute in ("official", "qualifier", "stance"):
        assert attribute in out
    verbose = run_cli("eval", str(DEVSET), "--verbose", env=NO_BROKER).stdout.decode()
    assert verbose.startswith(out.rstrip("\n"))
    scores = json.loads(run_cli("eval", "--json", env=NO_BROKER).stdout)
    assert scores["f1"] >= 0.9
    assert scores["expected"] >= 150


def test_eval_command_rejects_a_bad_path_clearly(tmp_path: Path) -> None:
    result = run_cli("eval", str(tmp_path / "missing.jsonl"), env=NO_BROKER)
    assert result.returncode == 1
    assert b"no such file or folder" in result.stderr
    assert result.stdout == b""
