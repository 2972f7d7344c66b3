"""An arm's records carry the paper's own short name for the arm (gold-guide "Groups")."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.assembly.arm_labels import paper_label


@pytest.mark.parametrize(("text", "label"), [
    # invented wordings: the patients "had" the arm, in four ways
    ("Patients who underwent salvage lobectomy had a 5-year overall survival of 40%.",
     "salvage lobectomy"),
    ("Among patients receiving adjuvant radiotherapy, local recurrence occurred in 3 of 20.",
     "adjuvant radiotherapy"),
    ("In patients with a horseshoe kidney, complications occurred in 2 of 9 (22%).",
     "horseshoe kidney"),
    ("Patients who did not complete the second cycle had a median survival of 9.5 months.",
     "did not complete the second cycle"),
])
def test_the_words_saying_the_patients_had_it_are_not_the_arms_name(text, label):
    records = extract(text, cohort=80)
    assert records and {r.group for r in records} == {label}


@pytest.mark.parametrize(("text", "label"), [
    # a short name in brackets after the arm, used again
    ("Methods: Patients without nodal disease (pN0) were compared with the others. Results: "
     "In patients without nodal disease, median survival was 61 months; pN0 tumours were "
     "smaller.", "pN0"),
    # an abbreviation the paper defines, used again, for the arm's long name
    ("Methods: We reviewed transarterial embolisation (TAE) for bleeding. Results: Among "
     "patients treated with transarterial embolisation, reintervention was required in 4 of "
     "31 (12.9%). TAE was repeated once.", "TAE"),
])
def test_an_arm_the_paper_shortens_takes_its_short_name(text, label):
    records = extract(text, cohort=80)
    assert records and {r.group for r in records} == {label}


@pytest.mark.parametrize(("group", "text", "label"), [
    # what the brackets hold is no name: a number, a word, a table
    ("OPG with DTR", "the OPG with DTR (64) and the rest; 64 in all", "OPG with DTR"),
    ("who underwent open resection", "after open resection (Table 2) ... Table 2",
     "open resection"),
    ("with residual tumour", "residual tumour (median 4 mm) ... median", "residual tumour"),
    # a short name used only in its own definition is not the paper's name for the arm
    ("with portal vein embolisation", "portal vein embolisation (PVE) was done",
     "portal vein embolisation"),
    # age and size qualifiers, the living and the dead, the cohort: kept as they are
    ("aged 80 years or older", "", "aged 80 years or older"),
    ("older than 65 years", "", "older than 65 years"),
    ("who died", "", "who died"),
    ("who were alive at 2 years", "", "who were alive at 2 years"),
    ("all", "", "all"),
    # two strata compared name one group together: not cut
    ("patients with iliac lesions vs. those with femoral lesions", "",
     "patients with iliac lesions vs. those with femoral lesions"),
])
def test_labels_that_are_kept(group, text, label):
    assert paper_label(group, text) == label

