"""Cohort sizes a comparative series states only through its arms' treatments, through the
procedure done over the study period, or through people that are not called patients, in
wordings written for these tests (issue 10, study fields on new wordings):

- ``58 patients underwent X and 64 underwent Y`` / ``X was performed in 40 patients and Y in
  22 patients``: the arms by count and the treatment each received add up to the cohort;
- ``Between 2012 and 2019, X was performed in 214 patients``: the procedure counted over the
  series' period is the cohort, not a subset;
- ``312 consecutive living donors``, ``96 healthy volunteers``: people named by their role;
- ``184 renal units in 168 patients``: what was treated counted before its patients;
- ``From May 2014 to June 2021 patients with ...``: a year before ``patients`` counts nobody.
"""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.study import pages_to_study


def n_patients(abstract: str, title: str = "Outcomes of surgery: a retrospective study") -> int:
    text = f"# {title}\n\nAbstract\n\n{abstract}\n"
    return pages_to_study([Page(None, text)]).n_patients


STATED = [
    ("count-underwent-and-count-underwent",
     "Methods: Fifty-eight patients underwent robotic repair and 64 underwent open repair. "
     "Results: Seroma occurred in 9 patients.", 122),
    ("count-received-with-brackets",
     "Methods: Forty patients received stenting after dilation (group S), and thirty-five "
     "received dilation alone (group D). Results: Restenosis occurred in 12 patients.", 75),
    ("count-were-treated-with-both-nouns",
     "Methods: 120 patients were treated with ureteroscopy and 45 patients were treated with "
     "shock wave lithotripsy. Results: Sepsis developed in 4 patients.", 165),
    ("three-arms-after-the-noun",
     "Methods: Patients were allotted to three groups by surgeon: 30 underwent laser "
     "enucleation, 25 received bipolar resection, and 21 were treated with monopolar "
     "resection. Results: Stricture developed in 3 patients.", 76),
    ("procedure-performed-in-count-and-in-count",
     "Results: Hemithyroidectomy was performed in 40 patients and total thyroidectomy in 22 "
     "patients. Hypocalcaemia occurred in 5 patients.", 62),
    ("procedure-performed-to-count",
     "Results: Open drainage was performed to 31 patients and percutaneous drainage to 27 "
     "patients. Bleeding occurred in 2 patients.", 58),
    ("period-then-performed-in",
     "Between 2012 and 2019 in our department, laparoscopic adrenalectomy was performed in 173 "
     "patients with benign tumours. Conversion was needed in 6 patients.", 173),
    ("period-months-then-carried-out-in",
     "From March 2015 to May 2022, cryoablation was carried out in 88 patients with renal "
     "masses. Bleeding occurred in 3 patients.", 88),
    ("donors-in-title",
     "Methods: We reviewed the records of donors operated between 2010 and 2020. Results: "
     "Bile leak occurred in 9 donors.", 312),
    ("volunteers-enrolled",
     "Methods: Ninety-six healthy volunteers were enrolled. Results: Haematoma occurred in 2 "
     "volunteers.", 96),
    ("units-in-patients",
     "Results: In total 210 treated units in 190 patients were analysed, 105 in each arm. "
     "Fever occurred in 11 patients.", 190),
    ("year-before-patients-beside-a-count",
     "Methods: From May 2014 to June 2021 patients with bladder stones were studied. A total "
     "of 73 patients were included. Results: Fever occurred in 4 patients.", 73),
]


@pytest.mark.parametrize(("abstract", "expected"), [(a, n) for _, a, n in STATED],
                         ids=[name for name, _, _ in STATED])
def test_a_cohort_stated_by_its_treatments(abstract, expected):
    title = ("Donor safety of laparoscopic hepatectomy in 312 consecutive living donors"
             if "donors" in abstract else "Outcomes of surgery: a retrospective study")
    assert n_patients(abstract, title) == expected


# False positives: the same forms naming a part of the cohort.
NOT_THE_COHORT = [
    ("events-by-treatment-verb",
     "Methods: We reviewed 140 consecutive patients who underwent gastrectomy. Results: 12 "
     "patients underwent reoperation and 5 received transfusion.", 140),
    ("subset-performed-in-without-period",
     "Methods: We reviewed 90 consecutive patients who underwent nephrectomy. Results: A "
     "drain was placed in 20 patients and a stent in 14 patients.", 90),
    ("arms-with-percentages-are-findings",
     "Methods: A total of 150 patients were included. Results: 30 patients (20%) underwent "
     "revision and 10 (6.7%) underwent amputation.", 150),
    ("one-treatment-broken-down-by-technique",
     "Results: 240 patients underwent endoscopic drainage, 130 using plastic stents and 110 "
     "using metal stents. Migration occurred in 9 patients.", 240),
    ("arm-then-other-counts",
     "Methods: We included 57 consecutive patients. Results: Nine patients underwent "
     "drainage on day 1, two had surgery on day 3, and one received antibiotics only.", 57),
    ("year-before-patients-alone",
     "Methods: From May 2014 to June 2021 patients with bladder stones were studied. "
     "Results: Fever occurred in 4 patients.", None),
    ("period-but-a-later-subset",
     "Methods: A total of 260 patients were included. Between 2012 and 2019, relaparotomy was "
     "performed in 18 patients.", 260),
]


@pytest.mark.parametrize(("abstract", "expected"), [(a, n) for _, a, n in NOT_THE_COHORT],
                         ids=[name for name, _, _ in NOT_THE_COHORT])
def test_a_part_of_the_cohort_is_not_the_cohort(abstract, expected):
    assert n_patients(abstract) == expected
