"""A universal finding with its own count ("in all 52 kidneys") is over those units.

Series that treat limbs, kidneys or lesions state success over the units treated, which
need not equal the patient cohort; an unqualified count after ``all`` is that total, while
a qualified subset (``all 5 patients with ...``) does not replace the cohort."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def keyed(records):
    return sorted((r.outcome, r.events, r.total) for r in records if r.measure == "proportion")


@pytest.mark.parametrize(("text", "expected"), [
    # invented: vascular access in limbs, ablation of lesions, the corpus class (renal units)
    ("Closure devices were deployed successfully in all 64 limbs.",
     ("technical_success", 64, 64)),
    ("Technical success was achieved in all twelve lesions.", ("technical_success", 12, 12)),
    ("Drains were placed successfully in all 52 renal units.", ("technical_success", 52, 52)),
])
def test_a_counted_universal_finding_is_over_its_units(text, expected):
    assert keyed(extract(text, cohort=40)) == [expected]


def test_an_uncounted_universal_finding_still_uses_the_cohort():
    assert keyed(extract("Technical success was achieved in all patients.", cohort=40)) == [
        ("technical_success", 40, 40)]


def test_a_qualified_subset_does_not_replace_the_cohort():
    """Regression: ``all 5 patients with ...`` is a subset, not the whole series."""
    records = keyed(extract("Technical success was achieved in all 5 patients with cirrhosis.",
                            cohort=40))
    assert ("technical_success", 5, 5) not in records
