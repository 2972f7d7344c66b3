"""Golden records: what the sentence and table rules extract from each fixture document.

Fixtures are the purpose-named synthetic texts under ``tests/fixtures/text/`` and the shared
seed documents (``../shared/corpus/seeds``). The expected records live in
``tests/golden/records/<fixture>.json``; after an intended change, regenerate them with
``CASEMETA_REGEN_GOLDEN=1 pytest tests/extract/test_seeds_golden.py`` and review the diff.

The cohort size is fixed per fixture (the seeds' gold ``n_patients``, the size each synthetic
text states) rather than read by :mod:`extract.study.study`, so these files change only when the
record rules change.

The seeds are third-party papers, which the repository never holds: their golden files keep
each record's quote as a digest (``quote_sha256``), so a changed quote still fails the test
without the paper's sentences being committed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from extract.assembly.records import deduplicate
from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "text"
GOLDEN = HERE.parent / "golden" / "records"
SHARED = HERE.parents[2] / "shared"
REGEN = os.environ.get("CASEMETA_REGEN_GOLDEN") == "1"

#: Cohort size of each synthetic fixture, as its text states it.
FIXTURE_COHORTS = {
    "aggregate-table": 50, "coordinated-rates": 60, "counts-and-percentages": 48,
    "medians-and-hazard-ratios": 40, "negated-and-universal": 5,
    "other-studies-in-discussion": 30, "subgroups-and-breakdowns": 36,
}
_FIELDS = ("outcome", "measure", "group", "events", "total", "value", "ci_low", "ci_high",
           "range_low", "range_high", "timepoint_months", "comparison", "adjusted", "p_value",
           "page", "quote", "rule")


def _cases() -> list[tuple[str, Path, int | None]]:
    cases = [(p.stem, p, FIXTURE_COHORTS.get(p.stem)) for p in sorted(FIXTURES.glob("*.txt"))]
    seeds = SHARED / "corpus" / "seeds"
    if seeds.is_dir():
        for path in sorted(seeds.glob("*.txt")):
            gold = json.loads((SHARED / "gold" / "seeds" / f"{path.stem}.json").read_text())
            cases.append((f"seed-{path.stem}", path, (gold.get("study") or {}).get("n_patients")))
    return cases


def _params() -> list:
    """Every case; without ../shared the seeds are one case that skips (fails in CI), not
    silently absent."""
    params = [pytest.param(*case, id=case[0]) for case in _cases()]
    if not (SHARED / "corpus" / "seeds").is_dir():
        params.append(pytest.param("seeds", None, None, id="seeds", marks=pytest.mark.shared))
    return params


def _records(path: Path, cohort: int | None) -> list[dict]:
    records = deduplicate(pages_to_records([Page(None, path.read_text())], outcome_nlp(),
                                           cohort))
    return [{k: r.to_dict()[k] for k in _FIELDS} for r in records]


def _golden_view(name: str, records: list[dict]) -> list[dict]:
    """Records as their golden file holds them: quotes of shared papers as digests."""
    if not name.startswith("seed-"):
        return records
    return [{**{k: v for k, v in r.items() if k != "quote"},
             "quote_sha256": hashlib.sha256(r["quote"].encode()).hexdigest()[:16]}
            for r in records]


@pytest.mark.parametrize(("name", "path", "cohort"), _params())
def test_records_match_golden(name, path, cohort):
    got = _golden_view(name, _records(path, cohort))
    golden = GOLDEN / f"{name}.json"
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert golden.exists(), f"no golden file {golden.name}; run with CASEMETA_REGEN_GOLDEN=1"
    assert got == json.loads(golden.read_text())


def test_every_fixture_has_its_cohort_size():
    assert {p.stem for p in FIXTURES.glob("*.txt")} == set(FIXTURE_COHORTS)


def test_every_record_has_a_quote_and_a_rule():
    for _, path, cohort in _cases():
        for record in _records(path, cohort):
            assert record["quote"].strip() and record["rule"]
            assert record["quote"] in path.read_text().replace("\n", " ") or \
                record["rule"] == "table_row"
