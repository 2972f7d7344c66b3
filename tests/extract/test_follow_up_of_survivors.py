"""Follow-up measured "in survivors" qualifies the follow-up, not the finding after it.

Follow-up is conventionally reported over the living; a sentence opening with it still
reports the whole cohort's estimate, while a finding stated for the survivors stays theirs."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.rules.clauses import sentence_group


@pytest.mark.parametrize("text", [
    # invented: an oncological and a vascular wording, and the corpus class
    "With a median follow-up of 40 months in survivors, 3-year overall survival was 71%.",
    "After a mean follow-up of 30 months among surviving patients, 2-year primary patency was 80%.",
    "With a median follow-up of 60 months for survivors, 5-year overall and disease-free "
    "survival were 55% and 48%, respectively.",
])
def test_survivors_of_the_follow_up_are_not_the_findings_group(text):
    assert sentence_group(text)[0] == "all"
    records = extract(text, cohort=40)
    assert records and all(r.group == "all" for r in records)


@pytest.mark.parametrize(("text", "group"), [
    ("The median survival of surviving patients was 48 months.", "surviving patients"),
    ("Reoperation was needed in 4 of the 31 stented survivors.", "stented survivors"),
])
def test_a_finding_of_the_survivors_stays_theirs(text, group):
    """Regression: the follow-up exception leaves survivors named by the finding alone."""
    assert sentence_group(text)[0] == group
