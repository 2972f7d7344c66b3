"""Golden files of the document-level stages per seed: study fields, document type, per-case
rows and their counts (``CASEMETA_REGEN_GOLDEN=1`` rewrites them).

The seeds are third-party papers, so their wording is never committed: the title, each
per-case row's cells and each record's quote and context are kept as digests, which still
fail the test when any of them changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from extract.model import Page
from extract.study.doctype import classify_document
from extract.study.study import pages_to_study
from extract.tables.patients import pages_to_patient_rows

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "study"
SEEDS = ["000_4d726155b3e151b2", "001_eb2d2949fa875907", "002_d297d4b89133e26e",
         "003_1406ed0e9873a9df", "004_f6dfa0e86cd2d3b2"]


#: Fields that hold a paper's own wording.
WORDING = ("title", "quote", "context")


def digest(value) -> str:
    """A short stable digest of a string or of a JSON-able value."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def without_wording(fields: dict) -> dict:
    """``fields`` with each wording field replaced by ``<name>_sha256``."""
    return {(f"{k}_sha256" if k in WORDING and v else k): (digest(v) if k in WORDING and v else v)
            for k, v in fields.items()}


def document_view(text: str) -> dict:
    """What the document-level stages make of one plain-text source."""
    pages = [Page(None, text)]
    study = pages_to_study(pages)
    rows, records = pages_to_patient_rows(pages)
    return {
        "study": without_wording(study.to_dict()),
        "document_type": classify_document(pages, study, records),
        "patient_rows": [{"case": r.case_label, "columns": len(r.columns),
                          "cells_sha256": digest(r.columns)} for r in rows],
        # fields a record does not have are left out (no value, no provenance recorded)
        "patient_records": [without_wording({k: v for k, v in r.to_dict().items()
                                             if v not in (None, {})})
                            for r in records],
    }


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_document_view_matches_golden(shared, stem):
    text = (shared / "corpus" / "seeds" / f"{stem}.txt").read_text()
    rendered = json.dumps(document_view(text), indent=1, ensure_ascii=False) + "\n"
    path = GOLDEN / f"seed-{stem}.json"
    if os.environ.get("CASEMETA_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with CASEMETA_REGEN_GOLDEN=1 to create it"
    assert rendered == path.read_text(encoding="utf-8"), f"{path.name} differs from golden"
