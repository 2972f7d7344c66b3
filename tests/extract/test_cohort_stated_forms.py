"""Cohort sizes stated without ``<count> patients`` as the subject of an inclusion verb, in
wordings written for these tests (issue 10, study fields on new wordings): a copula ("the
patients who underwent X were 38"), the arms' sizes in one bracket, "leaving n = 248", a
selection funnel over procedures or with the screened as subject, a propensity-matched cohort
given by its arms, a randomised cohort, and units "made in" patients.

Conventions (gold guide silent; the majority of the gold files): a trial's cohort is everyone
randomised (losses after randomisation do not shrink it); a propensity-matched analysis whose
results describe the matched arms has the matched patients as its cohort.
"""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.study import pages_to_study


def n_patients(abstract: str, title: str = "Outcomes of surgery: a retrospective study") -> int:
    text = f"# {title}\n\nAbstract\n\n{abstract}\n"
    return pages_to_study([Page(None, text)]).n_patients


STATED = [
    ("copula-who-underwent",
     "Methods: From 2010 to 2020, the patients who underwent hepatic artery infusion in our unit "
     "were 47. Results: Catheter failure occurred in 6 patients (12.8 %).", 47),
    ("copula-number-of",
     "Methods: The number of patients treated with endoscopic drainage was 63; 40 were men. "
     "Results: Bleeding occurred in 3 patients.", 63),
    ("copula-with-split",
     "Methods: The cases operated for recurrent hernia in the study period were 212; elderly "
     "patients were 58 and younger 154. Results: Seroma developed in 19 cases.", 212),
    ("bracketed-arms-no-total",
     "Methods: Adults undergoing hip revision were included (cemented n = 88; uncemented "
     "n = 64). Results: Dislocation occurred in 9 patients.", 152),
    ("bracketed-arms-with-total",
     "Methods: Patients treated for ruptured aneurysm were identified (n = 230; clip n = 130, "
     "coil n = 100). Results: Rebleeding occurred in 4 patients.", 230),
    ("leaving-n-equals",
     "Methods: We reviewed all adults undergoing sleeve gastrectomy from 2012 to 2018. Those "
     "without one year of follow-up were excluded, leaving n = 317. Results: Leak occurred in "
     "5 patients.", 317),
    ("leaving-a-total-of-n",
     "Methods: Charts of children with empyema were screened; 22 were excluded for missing "
     "imaging, resulting in n = 96. Results: Reoperation was needed in 7 children.", 96),
    ("procedure-funnel-met-criteria",
     "Methods: Of 2,450 thyroidectomies performed between 2005 and 2019, 611 total "
     "thyroidectomies for Graves disease met inclusion criteria. Results: Permanent "
     "hypoparathyroidism occurred in 12 patients.", 611),
    ("procedure-funnel-were-included",
     "Methods: Of 1,830 TAVIs done at four centres, 274 were in bicuspid valves and were "
     "included. Results: Pacemaker implantation was needed in 31 patients.", 274),
    ("screened-then-met",
     "Methods: In total 240 patients were screened and 181 patients met the eligibility "
     "criteria. Results: Recurrence occurred in 20 patients.", 181),
    ("screened-of-whom-included",
     "Methods: Overall 95 patients were assessed for eligibility, of whom 77 were enrolled. "
     "Results: Two patients died.", 77),
    ("eligible-of-whom-treated",
     "Methods: Overall 210 patients were screened and 150 met inclusion criteria, of whom 141 "
     "underwent early stenting. Results: Restenosis occurred in 12 patients.", 141),
    ("eligible-of-whom-received",
     "Methods: Altogether 88 children were evaluated, and 64 children were eligible, of whom 60 "
     "received the implant. Results: Two children needed revision.", 60),
    ("matched-arms-compared",
     "Methods: The registry included 905 patients who underwent colectomy. After propensity "
     "score matching for age, ASA class and stage, 140 robotic and 140 laparoscopic "
     "colectomies were compared. Results: Anastomotic leak occurred in 9 patients.", 280),
    ("matched-arms-analysed",
     "Methods: We identified 1,166 patients undergoing fundoplication. Following 1:1 matching, "
     "210 partial vs 210 total fundoplication patients were analysed. Results: Dysphagia "
     "required dilation in 14 patients.", 420),
    ("randomised-per-arm",
     "Methods: In this two-centre trial, 98 patients were randomised (49 per arm); 6 were lost "
     "to follow-up and 92 were analysed. Results: Wound infection occurred in 8 patients.", 98),
    ("randomized-american",
     "Methods: Between 2015 and 2018, 150 women were randomized to mesh or suture repair. Five "
     "women withdrew. Results: Recurrence occurred in 11 women.", 150),
    ("attempts-made-in",
     "Methods: Overall, 318 embolization attempts were made in 287 patients (mean age 61 "
     "years). Results: Technical success was 95%.", 287),
    ("sessions-conducted-in",
     "Methods: A total of 140 ablation sessions were conducted in 121 patients. Results: "
     "Major complications occurred in 3 sessions.", 121),
]


@pytest.mark.parametrize(("abstract", "expected"), [(a, n) for _, a, n in STATED],
                         ids=[name for name, _, _ in STATED])
def test_a_cohort_stated_in_another_form(abstract, expected):
    assert n_patients(abstract) == expected


# False positives: the same forms naming a part of the cohort, or something else.
NOT_THE_COHORT = [
    ("copula-subgroup-in-results",
     "Methods: We reviewed 120 consecutive patients who underwent pancreatectomy. Results: The "
     "patients who developed a fistula were 14.", 120),
    ("bracketed-events-not-arms",
     "Methods: We reviewed 75 consecutive patients who underwent nephrectomy. Results: "
     "Complications occurred in 9 patients (bleeding n = 4; leak n = 5).", 75),
    ("bracketed-total-not-the-sum",
     "Methods: We reviewed 64 consecutive patients who underwent shunting (n = 64; grade "
     "n = 20, stage n = 30). Results: Shunt failure occurred in 8 patients.", 64),
    ("funnel-kept-for-a-group",
     "Methods: We reviewed 300 consecutive patients who underwent bypass. Of 300 patients, 80 "
     "were included in the diabetic group. Results: Graft failure occurred in 12 patients.",
     300),
    ("matching-without-arms",
     "Methods: We retrospectively studied 210 consecutive patients who underwent repair; after "
     "matching, outcomes were compared. Results: Leak occurred in 5 patients.", 210),
]


@pytest.mark.parametrize(("abstract", "expected"), [(a, n) for _, a, n in NOT_THE_COHORT],
                         ids=[name for name, _, _ in NOT_THE_COHORT])
def test_a_part_of_the_cohort_is_not_the_cohort(abstract, expected):
    assert n_patients(abstract) == expected
