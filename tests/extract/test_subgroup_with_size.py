"""A subgroup subject followed by its size (``patients with X (n = 12) had ...``) is a subgroup."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.rules.clauses import sentence_group


@pytest.mark.parametrize(("text", "group", "label"), [
    # invented: a vascular and an endoscopic wording, and the corpus class (a disease stage);
    # the records carry the arm's name without the words saying its patients had it
    ("Patients with diabetes (n=18) had a 1-year survival of 70%.",
     "with diabetes", "diabetes"),
    ("Patients treated with a second stent (n = 9) showed a primary patency of 60% at 12 months.",
     "treated with a second stent", "second stent"),
    ("Patients with stage III disease (n = 14) had a 3-year overall survival of 35%.",
     "with stage III disease", "stage III disease"),
])
def test_a_sized_subgroup_subject_names_the_group(text, group, label):
    assert sentence_group(text)[0] == group
    records = extract(text, cohort=40)
    assert records and all(r.group == label for r in records)


def test_a_cohort_size_in_brackets_is_not_a_subgroup():
    """Regression: the size bracket only joins a qualified subject, not the whole series."""
    text = "Overall, patients (n = 40) had a 3-year overall survival of 62%."
    assert sentence_group(text)[0] == "all"
