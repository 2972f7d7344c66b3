"""Score extracted records against a reviewer's gold files (``spec/records.md``, Gold files).

Matching rules, the same as ``shared/tools/score_extraction.py``: a record matches a gold
record when ``document``, ``outcome``, ``measure``, ``group`` (case-, space- and
underscore-insensitive; missing means ``all``) and ``timepoint_months`` agree, and the numbers
agree: ``events``/``total`` exactly where the gold proportion has both (and the record too),
otherwise ``value`` within :data:`PROPORTION_TOLERANCE` for proportions and rates, within
:data:`RELATIVE_TOLERANCE` relative for months and ratios.

Recall is over required gold records; precision over the exported whole-cohort records with
an outcome of the vocabulary (subgroup records and extra outcomes are not penalised);
rejected records are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.vocabulary import OUTCOMES
from extract.errors import ExtractError

#: Absolute tolerance on the 0–1 scale: half a percentage point (a percentage rounded).
PROPORTION_TOLERANCE = 0.005
#: Relative tolerance for months and ratios: one per cent (one digit of a 3-digit number).
RELATIVE_TOLERANCE = 0.01
#: Float slack so that 0.71 vs 0.715 counts as within half a point.
EPSILON = 1e-9
_UNIT_SCALE = ("proportion", "rate_at_time")


class GoldError(ExtractError):
    """A gold folder or file that cannot be read."""

    problem = "is not a readable gold folder or file"


@dataclass(frozen=True)
class Miss:
    """A required gold record not found (``missed``) or an exported record that is wrong."""

    document: str
    kind: str
    outcome: str
    measure: str
    group: str
    timepoint_months: float | None
    events: int | None
    total: int | None
    value: float | None
    quote: str


@dataclass(frozen=True)
class DocumentScore:
    """Counts for one gold document."""

    document: str
    required: int
    found: int
    exported: int
    correct: int
    misses: tuple[Miss, ...] = ()

    @property
    def recall(self) -> float | None:
        """Share of required gold records found; ``None`` without required records."""
        return self.found / self.required if self.required else None

    @property
    def precision(self) -> float | None:
        """Share of exported whole-cohort records that match; ``None`` when none exported."""
        return self.correct / self.exported if self.exported else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of recall and precision when both are defined."""
        return _f1(self.recall, self.precision)


@dataclass(frozen=True)
class EvaluationReport:
    """Per-document scores and the pooled (micro-averaged) recall, precision and F1."""

    documents: tuple[DocumentScore, ...]

    @property
    def required(self) -> int:
        return sum(d.required for d in self.documents)

    @property
    def found(self) -> int:
        return sum(d.found for d in self.documents)

    @property
    def exported(self) -> int:
        return sum(d.exported for d in self.documents)

    @property
    def correct(self) -> int:
        return sum(d.correct for d in self.documents)

    @property
    def recall(self) -> float:
        """Found / required over all documents (0 when nothing is required)."""
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        """Correct / exported over all documents (0 when nothing was exported)."""
        return self.correct / self.exported if self.exported else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of the overall recall and precision."""
        return _f1(self.recall, self.precision) or 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with the overall figures and every document (misses included)."""
        documents = [
            {**asdict(d), "recall": d.recall, "precision": d.precision, "f1": d.f1}
            for d in self.documents
        ]
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1,
                "required": self.required, "found": self.found, "exported": self.exported,
                "correct": self.correct, "documents": documents}


def score_records(gold_dir: Path, records: Iterable[Mapping[str, Any]]) -> EvaluationReport:
    """Score exported records (``casemeta export`` dicts) against every gold file of a folder.

    Raises
    ------
    GoldError
        When the folder does not exist, has no ``*.json`` file, or a file is not gold JSON.
    """
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not files:
        raise GoldError(gold_dir, "no *.json gold files")
    by_document: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        if record.get("status") != "rejected":
            stem = Path(str(record.get("document", ""))).stem
            by_document.setdefault(stem, []).append(record)
    scores = []
    for path in files:
        gold = read_gold(path)
        got = by_document.get(Path(gold["document"]).stem, [])
        scores.append(score_document(gold, got))
    return EvaluationReport(tuple(scores))


def read_gold(path: Path) -> dict[str, Any]:
    """Read one gold file; it must name its ``document`` and list its ``records``."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(path, type(exc).__name__) from exc
    if not isinstance(gold, dict) or "document" not in gold or not isinstance(
            gold.get("records", []), list):
        raise GoldError(path, "expected an object with 'document' and 'records'")
    gold.setdefault("records", [])
    return gold


def score_document(gold: Mapping[str, Any], got: Sequence[Mapping[str, Any]]) -> DocumentScore:
    """Recall over the required gold records, precision over whole-cohort vocabulary records."""
    document = str(gold["document"])
    required = [g for g in gold["records"] if g.get("required", True)]
    found = [g for g in required if any(matches(g, r) for r in got)]
    cohort = [r for r in got if norm_group(r.get("group")) == "all"
              and r.get("outcome") in OUTCOMES]
    correct = [r for r in cohort if any(matches(g, r) for g in gold["records"])]
    misses = [_miss(document, "missed", g) for g in required if g not in found]
    misses += [_miss(document, "wrong", r) for r in cohort if r not in correct]
    return DocumentScore(document, len(required), len(found), len(cohort), len(correct),
                         tuple(misses))


def matches(gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    """Same key (outcome, measure, group, time point) and the same numbers."""
    return same_key(gold, got) and same_numbers(gold, got)


def same_key(gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    """Outcome, measure, normalised group and time point agree."""
    return (gold.get("outcome") == got.get("outcome")
            and gold.get("measure") == got.get("measure")
            and norm_group(gold.get("group")) == norm_group(got.get("group"))
            and _number(gold.get("timepoint_months")) == _number(got.get("timepoint_months")))


def same_numbers(gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    """Counts exactly where both carry them for a gold proportion, else the value."""
    if gold.get("measure") == "proportion" and _has_count(gold) and _has_count(got):
        return (_number(got["events"]), _number(got["total"])) == (
            _number(gold["events"]), _number(gold["total"]))
    expected, value = _number(gold.get("value")), _number(got.get("value"))
    if expected is None or value is None:
        return False
    if gold.get("measure") in _UNIT_SCALE:
        return abs(expected - value) <= PROPORTION_TOLERANCE + EPSILON
    return abs(expected - value) <= RELATIVE_TOLERANCE * abs(expected) + EPSILON


def norm_group(group: Any) -> str:
    """``No_CT`` / ``no  ct`` / ``NO CT`` -> ``no ct``; a missing group is ``all``."""
    return " ".join(str(group or "all").lower().replace("_", " ").split())


def _has_count(record: Mapping[str, Any]) -> bool:
    return record.get("events") is not None and record.get("total") is not None


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _f1(recall: float | None, precision: float | None) -> float | None:
    if recall is None or precision is None:
        return None
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def _miss(document: str, kind: str, record: Mapping[str, Any]) -> Miss:
    return Miss(document, kind, str(record.get("outcome")), str(record.get("measure")),
                norm_group(record.get("group")), _number(record.get("timepoint_months")),
                record.get("events"), record.get("total"), _number(record.get("value")),
                str(record.get("quote") or ""))
