"""Score the extractor against an annotated development set (``tests/data/devset``).

The headline is precision, recall and F1 on (metric, number) per article: a figure counts as
found when the extractor gives the same metric and the same number (value, range bounds, or
vague wording) anywhere in the article. Restatements of one figure in an article count once.
On the figures found, it then scores what a desk acts on: ``official`` first, then the
qualifier, stance, superseded flag, party and subject. Distractors (dates, money, ages,
counts of houses...) are located in the text, and any claim whose number falls on one is
counted against its kind.

The file format is JSON Lines, one article per line; ``tests/data/devset/README.md`` says
how to annotate. Pure: no I/O beyond reading the files it is given.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.extraction import lexicon as lx
from newsdesk.extraction.exceptions import DevsetError
from newsdesk.extraction.extractor import Extractor, without_legal_form
from newsdesk.extraction.world import gazetteer, slug
from newsdesk.records import METRICS, QUALIFIERS, STANCES, Article, Claim

NumberKey = tuple[str, ...]
FigureKey = tuple[str, NumberKey]

ATTRIBUTES = ("official", "qualifier", "stance", "superseded", "party", "subject", "location")
# Distractor kinds that must never yield a claim (the hard targets).
FORBIDDEN_KINDS = frozenset({"date", "time", "money", "percent", "tonnage"})


@dataclass(frozen=True, slots=True)
class Expected:
    """One annotated figure."""

    metric: str
    number: NumberKey
    qualifier: str
    official: bool
    stance: str
    superseded: bool
    party: str | None
    subject: str | None
    source: str | None
    increment: bool
    location: str | None = None

    @property
    def key(self) -> FigureKey:
        return (self.metric, self.number)


@dataclass(frozen=True, slots=True)
class Distractor:
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Example:
    article: Article
    expected: tuple[Expected, ...]
    distractors: tuple[Distractor, ...]
    where: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement between the extractor and the annotation, for ``--verbose``."""

    article_id: str
    kind: str
    """missed | extra | official | qualifier | stance | superseded | party | subject | distractor"""
    figure: str
    detail: str
    sentence: str


@dataclass(slots=True)
class Report:
    articles: int = 0
    expected: int = 0
    extracted: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    matched: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    compared: Counter[str] = field(default_factory=Counter)
    distractors: int = 0
    distractor_hits: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float:
        n = self.compared[attribute]
        return self.correct[attribute] / n if n else 1.0

    @property
    def forbidden_hits(self) -> int:
        return sum(n for kind, n in self.distractor_hits.items() if kind in FORBIDDEN_KINDS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "expected": self.expected,
            "extracted": self.extracted,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "accuracy": {a: round(self.accuracy(a), 4) for a in ATTRIBUTES},
            "compared": {a: self.compared[a] for a in ATTRIBUTES},
            "distractors": self.distractors,
            "distractor_hits": dict(sorted(self.distractor_hits.items())),
        }


# ---------------------------------------------------------------- loading


def load(paths: Sequence[Path]) -> list[Example]:
    """Examples from ``.jsonl`` files and folders of them (sorted by name)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.jsonl")))
        elif path.is_file():
            files.append(path)
        else:
            raise DevsetError(str(path), "no such file or folder")
    if not files:
        raise DevsetError(", ".join(map(str, paths)), "no .jsonl files to evaluate")
    examples: list[Example] = []
    seen: dict[str, str] = {}
    for file in files:
        for number, line in enumerate(file.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            example = parse_example(line, where)
            if example.article.id in seen:
                raise DevsetError(
                    where, f"article id {example.article.id!r} already used at {seen[example.article.id]}"
                )
            seen[example.article.id] = where
            examples.append(example)
    return examples


def parse_example(line: str, where: str) -> Example:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DevsetError(where, f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise DevsetError(where, "expected a JSON object")
    article_id = _text(data, "id", where)
    text = _text(data, "text", where)
    title = data.get("title") or ""
    article = Article(
        id=article_id,
        url=None,
        title=str(title),
        text=text,
        published=data.get("published"),
        outlet=None,
        feed="devset",
        fetched_at="1970-01-01T00:00:00Z",
    )
    claims = data.get("claims", [])
    if not isinstance(claims, list):
        raise DevsetError(where, "'claims' must be a list")
    expected = tuple(_expected(c, f"{where} claim {i + 1}") for i, c in enumerate(claims))
    distractors = []
    for i, d in enumerate(data.get("distractors", [])):
        if (
            not isinstance(d, dict)
            or not isinstance(d.get("text"), str)
            or not isinstance(d.get("kind"), str)
        ):
            raise DevsetError(f"{where} distractor {i + 1}", "needs 'text' and 'kind' strings")
        if d["text"] not in text and d["text"] not in title:
            raise DevsetError(f"{where} distractor {i + 1}", f"{d['text']!r} is not in the article")
        distractors.append(Distractor(d["text"], d["kind"]))
    return Example(article, expected, tuple(distractors), where)


def _text(data: dict[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise DevsetError(where, f"'{name}' must be a non-empty string")
    return value


def _expected(data: Any, where: str) -> Expected:
    if not isinstance(data, dict):
        raise DevsetError(where, "a claim must be an object")
    metric = data.get("metric")
    if metric not in METRICS:
        raise DevsetError(where, f"metric {metric!r} is not one of {', '.join(METRICS)}")
    qualifier = data.get("qualifier", "exact")
    if qualifier not in QUALIFIERS:
        raise DevsetError(where, f"qualifier {qualifier!r} is not one of {', '.join(QUALIFIERS)}")
    stance = data.get("stance", "reported")
    if stance not in STANCES:
        raise DevsetError(where, f"stance {stance!r} is not one of {', '.join(STANCES)}")
    official = data.get("official")
    if not isinstance(official, bool):
        raise DevsetError(where, "'official' must be true or false")
    number = number_key(data.get("value"), data.get("low"), data.get("high"), data.get("vague_text"))
    if number is None:
        raise DevsetError(where, "give 'value', or 'low' and 'high', or 'vague_text'")
    return Expected(
        metric=metric,
        number=number,
        qualifier=qualifier,
        official=official,
        stance=stance,
        superseded=bool(data.get("superseded", False)),
        party=data.get("party"),
        subject=data.get("subject"),
        source=data.get("source"),
        increment=bool(data.get("increment", False)),
        location=data.get("location"),
    )


# ---------------------------------------------------------------- keys


def number_key(value: Any, low: Any, high: Any, vague_text: Any) -> NumberKey | None:
    """The number a figure is compared on: its value, its range, or its vague wording without hedges."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ("value", _num(value))
    if isinstance(vague_text, str) and vague_text.strip():
        return ("vague", vague_core(vague_text))
    if isinstance(low, int | float) and isinstance(high, int | float):
        return ("range", _num(low), _num(high))
    return None


def vague_core(text: str) -> str:
    """ "more than a handful" -> "handful": the qualifier already says "more than"."""
    words = text.lower().split()
    changed = True
    while changed and words:
        changed = False
        for size in range(min(4, len(words) - 1), 0, -1):
            if tuple(words[:size]) in lx.MODIFIERS:
                words = words[size:]
                changed = True
                break
        if words and words[0] in {"a", "an", "some", "the"} and len(words) > 1:
            words = words[1:]
            changed = True
    return " ".join(words)


def _num(number: float) -> str:
    return f"{float(number):.6g}"


def claim_key(claim: Claim) -> FigureKey | None:
    number = number_key(claim.value, claim.low, claim.high, claim.vague_text)
    return None if number is None else (claim.metric, number)


def describe(key: FigureKey) -> str:
    metric, number = key
    if number[0] == "range":
        return f"{metric} {number[1]}-{number[2]}"
    return f"{metric} {number[1]}"


# ---------------------------------------------------------------- scoring


def evaluate(examples: Iterable[Example], extractor: Extractor | None = None) -> Report:
    extractor = extractor or Extractor()
    report = Report()
    for example in examples:
        score_article(example, extractor.extract(example.article), report)
    return report


def score_article(example: Example, claims: list[Claim], report: Report) -> None:
    article = example.article
    report.articles += 1
    report.expected += len(example.expected)
    report.extracted += len(claims)
    by_key: dict[FigureKey, list[Claim]] = {}
    for claim in claims:
        key = claim_key(claim)
        if key is not None:
            by_key.setdefault(key, []).append(claim)
    gold_by_key: dict[FigureKey, list[Expected]] = {}
    for gold in example.expected:
        gold_by_key.setdefault(gold.key, []).append(gold)

    for key, golds in gold_by_key.items():
        found = by_key.get(key)
        if not found:
            report.false_negatives += 1
            sentence = _sentence_with(article, key)
            report.findings.append(Finding(article.id, "missed", describe(key), "", sentence))
            continue
        report.true_positives += 1
        for gold, claim in _pair(golds, found):
            report.matched += 1
            _compare(gold, claim, report, article.id)
    for key, found in by_key.items():
        if key not in gold_by_key:
            report.false_positives += 1
            claim = found[0]
            detail = f"{claim.party} · {claim.subject} · source {claim.source!r} · official {claim.official}"
            report.findings.append(Finding(article.id, "extra", describe(key), detail, claim.sentence))
    _distractors(example, claims, report)


def _pair(golds: list[Expected], claims: list[Claim]) -> list[tuple[Expected, Claim]]:
    """Pair annotations with claims of the same key, most agreeing first (one claim per annotation)."""
    pairs = []
    free = list(claims)
    for gold in golds:
        pool = free or claims
        best = max(pool, key=lambda c: _agreement(gold, c))
        if best in free:
            free.remove(best)
        pairs.append((gold, best))
    return pairs


def _party(name: str) -> str:
    """Parties compared as the gazetteer names countries: annotators write "the Congo", "DRC"."""
    return slug(without_legal_form(gazetteer().canonical_country(name)))


def _agreement(gold: Expected, claim: Claim) -> int:
    return (
        4 * (gold.official == claim.official)
        + 2 * (gold.party is None or _party(gold.party) == _party(claim.party))
        + (gold.superseded == claim.superseded)
    )


def _compare(gold: Expected, claim: Claim, report: Report, article_id: str) -> None:
    checks: list[tuple[str, object, object]] = [
        ("official", gold.official, claim.official),
        ("qualifier", gold.qualifier, claim.qualifier),
        ("stance", gold.stance, claim.stance),
        ("superseded", gold.superseded, claim.superseded),
    ]
    if gold.party is not None:
        checks.append(("party", _party(gold.party), _party(claim.party)))
    if gold.subject is not None:
        checks.append(("subject", slug(gold.subject), slug(claim.subject)))
    if gold.location is not None:
        checks.append(("location", slug(gold.location), slug(claim.location or "")))
    for attribute, want, got in checks:
        report.compared[attribute] += 1
        if want == got:
            report.correct[attribute] += 1
        else:
            detail = f"expected {want}, got {got} (source {claim.source!r}, party {claim.party!r})"
            report.findings.append(Finding(article_id, attribute, describe(gold.key), detail, claim.sentence))


def _distractors(example: Example, claims: list[Claim], report: Report) -> None:
    article = example.article
    spans: list[tuple[str, int, int, str]] = []
    for distractor in example.distractors:
        report.distractors += 1
        for field_name, text in (("title", article.title), ("text", article.text)):
            start = text.find(distractor.text)
            while start != -1:
                spans.append((field_name, start, start + len(distractor.text), distractor.kind))
                start = text.find(distractor.text, start + 1)
    for claim in claims:
        evidence = claim.evidence
        if evidence is None:
            continue
        for field_name, start, end, kind in spans:
            if field_name == evidence.field and evidence.number_start < end and start < evidence.number_end:
                report.distractor_hits[kind] += 1
                key = claim_key(claim)
                report.findings.append(
                    Finding(
                        article.id,
                        "distractor",
                        describe(key) if key else claim.number_text,
                        f"a {kind} read as a figure",
                        claim.sentence,
                    )
                )
                break


def _sentence_with(article: Article, key: FigureKey) -> str:
    """Best-effort context for a missed figure: the paragraph holding its digits, if any."""
    number = key[1]
    if number[0] != "value":
        return ""
    value = float(number[1])
    needles = {f"{value:,.0f}", f"{value:.0f}"} if value.is_integer() else {str(value)}
    for paragraph in article.text.split("\n"):
        if any(n in paragraph for n in needles):
            return paragraph.strip()
    return ""


# ---------------------------------------------------------------- printing


def summary(report: Report) -> list[str]:
    acc = " ".join(f"{a} {report.accuracy(a):.3f}" for a in ATTRIBUTES)
    hits = ", ".join(f"{k} {v}" for k, v in sorted(report.distractor_hits.items())) or "none"
    return [
        f"newsdesk eval: {report.articles} articles, {report.expected} expected figures, "
        f"{report.extracted} claims extracted",
        f"  (metric, number): precision {report.precision:.3f}  recall {report.recall:.3f}  "
        f"F1 {report.f1:.3f}  (tp {report.true_positives}, fp {report.false_positives}, "
        f"fn {report.false_negatives})",
        f"  on {report.matched} matched figures: {acc}",
        f"  distractors: {report.distractors}; claims on distractors: {sum(report.distractor_hits.values())} "
        f"({hits}); on dates, times, money, percentages or tonnage: {report.forbidden_hits}",
    ]


def details(report: Report) -> list[str]:
    lines = []
    for finding in report.findings:
        head = f"{finding.kind.upper():<10} {finding.article_id}  {finding.figure}"
        if finding.detail:
            head += f"  {finding.detail}"
        lines.append(head)
        if finding.sentence:
            lines.append(f"           | {finding.sentence}")
    return lines
