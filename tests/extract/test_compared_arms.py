"""Two arms compared value by value: each value is its arm's, and arms of one intervention
that make up the cohort are summed into it (issue 10, class 1; gold-guide "Groups").

The sentences are invented: two stent types, two implant types, two mesh repairs.
"""

from __future__ import annotations

import pytest

from extract.study.arms import text_to_arm_definitions, text_to_arms
from tests.fixtures.prose_records import extract, keyed

STENTS = ("Methods: Patients with coronary stenosis received drug-eluting stents (DES) or "
          "bare-metal stents (BMS). Results: Of 160 patients, 90 received DES and 70 received "
          "BMS. ")
IMPLANTS = ("Methods: We compared cemented hip prostheses (CHP) with uncemented hip prostheses "
            "(UHP). Results: 300 hips were replaced, 180 using CHP and 120 using UHP. ")


def test_a_list_of_counts_naming_defined_abbreviations_sizes_the_arms():
    assert text_to_arms(STENTS) == {"DES": 90, "BMS": 70}
    assert text_to_arm_definitions(STENTS) == {"des": "DES drug-eluting stents",
                                               "bms": "BMS bare-metal stents"}


def test_undefined_capitals_are_no_arms():
    # a capitalised word the text does not define may be a place or a scale
    assert text_to_arms("Of 160 patients, 90 received NYHA and 70 received EQ5D.") == {}


@pytest.mark.parametrize(
    ("text", "cohort", "expected"),
    [
        (STENTS + "Technical success was similar in the DES and BMS groups (88 [97.8%] vs. "
         "68 [97.1%]; P = .7).", 160,
         [("technical_success", "proportion", "BMS", 68, 70, 0.971, None),
          ("technical_success", "proportion", "DES", 88, 90, 0.978, None),
          ("technical_success", "proportion", "all", 156, 160, 0.975, None)]),
        # (regression: "did not differ" read the counts as patients without reoperation)
        (IMPLANTS + "Reoperation in the CHP or UHP groups did not differ (9 [5.0%] versus "
         "8 [6.7%], P = 0.55).", 300,
         [("reintervention", "proportion", "CHP", 9, 180, 0.05, None),
          ("reintervention", "proportion", "UHP", 8, 120, 0.067, None),
          ("reintervention", "proportion", "all", 17, 300, 0.0567, None)]),
    ],
)
def test_compared_values_belong_to_the_arms_in_order_and_sum(text, cohort, expected):
    assert keyed(extract(text, cohort=cohort)) == expected


def test_arms_of_different_treatments_are_not_summed():
    text = ("Methods: Patients received percutaneous stent placement (PSP) or open surgical "
            "bypass (OSB). Results: Of 100 patients, 60 underwent PSP and 40 underwent OSB. "
            "Technical success was similar in the PSP and OSB groups (57 [95%] vs. 38 [95%]; "
            "P = .9).")
    assert keyed(extract(text, cohort=100)) == [
        ("technical_success", "proportion", "OSB", 38, 40, 0.95, None),
        ("technical_success", "proportion", "PSP", 57, 60, 0.95, None)]


def test_arms_that_do_not_make_the_cohort_are_not_summed():
    assert [r for r in extract(STENTS + "Technical success was similar in the DES and BMS groups "
                               "(88 [97.8%] vs. 68 [97.1%]).", cohort=200)
            if r.group == "all"] == []
