"""The held-out check sets (``benchmarks/heldout``, ``heldout2`` to ``heldout9``) are well formed.

No extraction runs here. Every gold file parses, names a text of its set, and uses only the
outcome names of
``../shared/spec/records.md`` (read from the spec, so a renamed outcome shows up here).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from benchmark_modules import BENCHMARKS, load_benchmark  # tests/fixtures, via tests/conftest.py

#: How a quote is matched to its text: one definition, the typesetting script's.
squash = load_benchmark("typeset").squash

#: Each check set and the number of documents its README promises.
SET_SIZES = {"heldout": 30, "heldout2": 24, "heldout3": 28, "heldout4": 28, "heldout5": 24,
             "heldout6": 24, "heldout7": 14, "heldout8": 26, "heldout9": 22}
GOLD_FILES = [g for name in SET_SIZES for g in sorted((BENCHMARKS / name / "gold").glob("*.json"))]
MEASURES = {"proportion", "rate_at_time", "median", "mean", "hazard_ratio"}
DOCUMENT_TYPES = {"study", "review", "not_a_study"}
RECORD_KEYS = {"outcome", "measure", "group", "events", "total", "value", "ci_low", "ci_high",
               "timepoint_months", "required", "quote"}


def spec_outcomes(records_md: Path) -> set[str]:
    """The outcome names of the table under ``## Outcomes`` (first column, backticked)."""
    section = records_md.read_text().split("## Outcomes", 1)[1].split("\n## ", 1)[0]
    first_cells = (line.split("|")[1] for line in section.splitlines() if line.startswith("| `"))
    return {name for cell in first_cells for name in re.findall(r"`([a-z0-9_]+)`", cell)}


def gold_id(gold_file: Path) -> str:
    """``heldout2/cardiac__...``: the set and the stem, so the ids of two sets never clash."""
    return f"{gold_file.parents[1].name}/{gold_file.stem}"


def text_of(gold_file: Path, gold: dict) -> Path:
    """The text a gold file names, in the gold file's own set."""
    return gold_file.parents[1] / "text" / gold["document"]


@pytest.mark.parametrize("name", SET_SIZES)
def test_each_set_has_its_documents_each_with_gold(name):
    texts = sorted(p.stem for p in (BENCHMARKS / name / "text").glob("*.txt"))
    assert len(texts) == SET_SIZES[name]
    assert sorted(p.stem for p in (BENCHMARKS / name / "gold").glob("*.json")) == texts


def test_the_sets_share_no_document():
    stems = [p.stem for p in GOLD_FILES]
    assert len(stems) == sum(SET_SIZES.values()) == len(set(stems))


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=gold_id)
def test_gold_parses_and_names_its_text(gold_file):
    gold = json.loads(gold_file.read_text())
    assert gold["document"] == f"{gold_file.stem}.txt"
    assert text_of(gold_file, gold).is_file()
    assert gold["document_type"] in DOCUMENT_TYPES
    assert isinstance(gold["study"], dict) and isinstance(gold["consistency_flags"], list)
    if gold["document_type"] != "study":
        required = [r for r in gold["records"] if r["required"]]
        assert not required, "reviews and non-studies require no records"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=gold_id)
def test_records_are_complete_and_quoted_verbatim(gold_file):
    gold = json.loads(gold_file.read_text())
    text = squash(text_of(gold_file, gold).read_text())
    for record in gold["records"]:
        assert RECORD_KEYS <= record.keys(), RECORD_KEYS - record.keys()
        assert record["measure"] in MEASURES
        assert record["group"]
        assert squash(record["quote"]) in text, record["quote"]
        if record["events"] is not None and record["total"] is not None:
            assert abs(record["value"] - record["events"] / record["total"]) < 1e-4


@pytest.mark.shared
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=gold_id)
def test_outcomes_are_the_spec_vocabulary(gold_file, shared):
    vocabulary = spec_outcomes(shared / "spec" / "records.md")
    assert "primary_assisted_patency" in vocabulary, "the outcomes table of records.md was not read"
    gold = json.loads(gold_file.read_text())
    unknown = {r["outcome"] for r in gold["records"]} - vocabulary
    assert not unknown, f"outcomes not in records.md: {sorted(unknown)}"
