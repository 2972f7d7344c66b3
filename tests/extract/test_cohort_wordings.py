"""The cohort size (``n_patients``) from wordings written for these tests, not taken from any
corpus paper (issue 10: the rules describe how case series state their N).

Each abstract is read the way the product reads a text document (:func:`pages_to_study`); the
gold guide's convention, as its gold files apply it, is that the cohort is the patients the
study analysed (``2645 operated, 2606 analysed`` → 2606), and that the arms of one study make
up its cohort.
"""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.arms import sentence_to_divided_total
from extract.study.selection import sentence_to_funnel_ends
from extract.study.study import pages_to_study


def n_patients(abstract: str, title: str = "Outcomes of surgery: a retrospective study") -> int:
    text = f"# {title}\n\nAbstract\n\n{abstract}\n"
    return pages_to_study([Page(None, text)]).n_patients


COHORT_STATEMENTS = [
    ("reviewed-consecutive",
     "Methods: We retrospectively reviewed 112 consecutive patients who underwent laparoscopic "
     "adrenalectomy between 2008 and 2019. Results: Conversion was required in 4 patients "
     "(3.6%).", 112),
    ("screened-met-criteria",
     "Methods: Of 1,204 patients screened, 389 met the inclusion criteria. Results: Wound "
     "infection occurred in 31 patients (8.0%).", 389),
    ("patients-with-procedures-in-brackets",
     "Results: Eighty-six patients (92 procedures) were included. Major complications occurred "
     "in 7 patients.", 86),
    ("n-equals-in-methods",
     "Methods: Adults undergoing elective carotid endarterectomy were studied (n = 57). "
     "Results: Stroke occurred in 2 patients.", 57),
    ("n-equals-no-spaces",
     "Methods: Consecutive patients treated by thoracoscopic sympathectomy between 2012 and "
     "2021 were included (n=57). Results: Pneumothorax occurred in 3 patients.", 57),
    ("men-and-women-comprised",
     "Methods: The study population comprised 74 men and 19 women with a median age of 61 "
     "years. Results: Two patients died.", 93),
    ("limbs-in-patients",
     "Methods: A total of 240 limbs in 198 patients were treated with endovenous laser "
     "ablation. Results: Occlusion was achieved in 236 limbs.", 198),
    ("randomised-then-analysed-keeps-randomised",
     "Methods: In all, 310 patients were randomised; 296 were analysed. Results: Recurrence "
     "occurred in 11 patients.", 310),
    ("after-excluding-remained",
     "Methods: After excluding 12 patients lost to follow-up, 145 remained. Results: Five "
     "patients required reoperation.", 145),
    ("registry-centres",
     "Methods: We analysed data from 14 centres on 531 patients who underwent liver "
     "transplantation. Results: One-year survival was 91%.", 531),
    ("between-years-underwent",
     "Methods: Between 2010 and 2020, 63 patients underwent transanal total mesorectal "
     "excision. Results: Anastomotic leak occurred in 5 patients.", 63),
    ("number-word-were-included",
     "Results: Sixty-three patients were included. The median age was 58 years.", 63),
    ("cohort-included",
     "Methods: The cohort included 63 patients with a median age of 58 years. Results: Three "
     "patients had a wound infection.", 63),
    ("patients-n-equals-undergoing",
     "Methods: Patients (n = 63) undergoing redo fundoplication were reviewed. Results: "
     "Dysphagia resolved in 50 patients.", 63),
    ("series-consists-of-cases",
     "Methods: Our series consists of 63 cases of retroperitoneal sarcoma. Results: Local "
     "recurrence developed in 20 cases.", 63),
    ("two-sized-arms-of-one-study",
     "Methods: We compared open (n = 40) and endovascular (n = 35) repair of ruptured "
     "abdominal aortic aneurysm. Results: Mortality was 30% after open repair.", 75),
    ("literature-comparison-cohort",
     "Methods: We reviewed 48 patients treated with hepatic artery infusion. Their outcomes "
     "were compared with 210 patients reported in the literature. Results: Response occurred "
     "in 20 patients.", 48),
    ("stent-in-a-few",
     "Results: Thirty-eight patients were treated. In 12 patients a stent was placed. Two "
     "patients died.", 38),
    ("of-institutional-procedures",
     "Methods: Among 2,000 thyroidectomies performed at our institution, 48 patients required "
     "reoperation for bleeding and were reviewed. Results: One patient died.", 48),
    ("final-cohort-consisted",
     "Results: The final cohort consisted of 204 patients. Median follow-up was 30 months.", 204),
    ("multicentre-included-hospitals",
     "Methods: This multicentre retrospective study included 1,007 patients from 9 hospitals. "
     "Results: 165 patients (16.4%) had complications.", 1007),
    ("operated-on-for",
     "Results: During the study period, 152 patients were operated on for perforated peptic "
     "ulcer. Mortality was 6.6%.", 152),
    ("consecutive-enrolled-with-breakdown",
     "Methods: Seventy-two consecutive patients (45 women) who underwent sleeve gastrectomy "
     "were prospectively enrolled. Results: Leak occurred in 2 patients.", 72),
    ("records-retrieved",
     "Methods: Data of 418 patients who underwent hip arthroscopy were retrieved from our "
     "prospective database. Results: Revision was needed in 21 patients.", 418),
    ("hundreds-as-words-children",
     "Results: Two hundred and fourteen children underwent pyeloplasty. Redo surgery was "
     "needed in 9 children.", 214),
    ("patients-with-aneurysms",
     "Results: Ninety-one patients with 104 aneurysms were treated with flow diverters. "
     "Complete occlusion was seen in 80 aneurysms.", 91),
    ("identified-excluded-leaving",
     "Methods: We identified 87 patients; 9 were excluded because of incomplete records, "
     "leaving 78 for analysis. Results: Recurrence occurred in 8 patients.", 78),
    ("enrolled-withdrew-analysed-keeps-enrolled",
     "Methods: 120 patients were enrolled; 8 withdrew consent and 112 were analysed. Results: "
     "The primary endpoint was met in 90 patients.", 120),
    ("study-group-comprised-arms",
     "Results: The study group comprised 45 patients: 30 underwent laparoscopic and 15 "
     "underwent open resection. Morbidity was 20%.", 45),
    ("retrospective-cohort-of",
     "Methods: A retrospective cohort of 356 patients was assembled from two hospitals. "
     "Results: Thirty-day mortality was 2.2%.", 356),
    ("in-total-met-eligibility",
     "Results: In total, 58 patients met the eligibility criteria. Seven patients had a "
     "complication.", 58),
    ("medical-records-reviewed",
     "Methods: Medical records of 99 patients treated with radiofrequency ablation were "
     "reviewed. Results: Local progression occurred in 12 patients.", 99),
    ("study-involved-participants",
     "Methods: The present study involved 77 participants. Results: Six participants had a "
     "surgical site infection.", 77),
    ("overall-women-underwent",
     "Results: Overall, 64 women underwent radical hysterectomy. Ureteric injury occurred in 2 "
     "women.", 64),
    ("a-hundred-cases-were-analysed",
     "Results: A hundred and five cases were analysed. Bleeding occurred in 4 cases.", 105),
]


@pytest.mark.parametrize(("abstract", "expected"), [c[1:] for c in COHORT_STATEMENTS],
                         ids=[c[0] for c in COHORT_STATEMENTS])
def test_cohort_size_from_statements_of_the_cohort(abstract, expected):
    assert n_patients(abstract) == expected


TITLE_COHORTS = [
    ("experience-with", "Redo aortic arch surgery: a 15-year experience with 212 patients",
     "Results: Thirty-day mortality was 4.2%. Stroke occurred in 3.3%.", 212),
    ("in-consecutive", "Outcomes of robotic cystectomy in 150 consecutive patients",
     "Results: Major complications occurred in 18% and readmission in 11%.", 150),
    ("cases-of", "Laparoscopic splenectomy: analysis of 87 cases",
     "Results: Conversion to open surgery was needed in 6.9%.", 87),
]


@pytest.mark.parametrize(("title", "abstract", "expected"), [c[1:] for c in TITLE_COHORTS],
                         ids=[c[0] for c in TITLE_COHORTS])
def test_cohort_size_stated_only_in_the_title(title, abstract, expected):
    assert n_patients(abstract, title) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Of 1,204 patients screened, 389 met the inclusion criteria.", [389]),
        ("After excluding 12 patients lost to follow-up, 145 remained.", [145]),
        ("We identified 87 patients; 9 were excluded, leaving 78 for analysis.", [78]),
        ("Sixty children were referred, of whom fifty-two were eligible.", [52]),
        ("Among 95 consecutive cases, 81 were available for the final analysis.", [81]),
        # people named by their role or by the short form, as the cohort readers name them
        ("Of 240 living donors evaluated, 198 met the inclusion criteria.", [198]),
        ("Of 130 pts screened, 117 were eligible.", [117]),
    ],
    ids=["met-criteria", "remained", "leaving", "number-words", "available", "donors", "pts"],
)
def test_the_end_of_a_funnel_stated_without_its_noun(sentence, expected):
    assert sentence_to_funnel_ends(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # nobody named before: the count may be of anything
        "Results: 45 were included.",
        # kept for a part of the study
        "Of the 63 patients, 12 were included in the high-risk group.",
        "Of the 63 patients, 20 were analysed for quality of life.",
        "Of the 86 patients, 61 were analysed at 12 months.",
        "Of the 50 patients, 20 were evaluated using ultrasound and 30 using CT.",
        # losses after the cohort was formed (the gold guide's files keep the included cohort)
        "In all, 310 patients were randomised; 296 were analysed.",
        "A total of 115 patients were included; one was lost, and 114 were analysed.",
        "Ninety patients underwent the repair, and 84 were evaluable.",
        # what the exclusion left is a share, or is named by its own noun
        "Of 80 patients, 9 were excluded, leaving 88.8% with complete data.",
        "Of 80 patients, 9 were excluded, leaving 71 patients.",
        "Four patients were lost to follow-up, leaving 31 survivors.",
        # a year the inclusion period ends with
        "A total of 120 patients treated between March 2014 and December 2019 were included.",
        "All 64 patients operated on from 2008 to 2016 were enrolled.",
        # an outcome state after "remained"
        "Thirty patients recovered fully, 15 remained disabled, and 8 died.",
        "Of 40 patients, 22 remained symptom-free at one year.",
    ],
    ids=["no-head", "included-in-group", "analysed-for-outcome", "analysed-at-a-time",
         "split-by-method", "randomised-then-analysed",
         "included-then-analysed", "underwent-then-evaluable", "leaving-a-share",
         "leaving-with-noun", "leaving-survivors", "month-year", "to-year", "remained-disabled",
         "remained-symptom-free"],
)
def test_counts_that_are_no_bare_funnel_end(sentence):
    assert sentence_to_funnel_ends(sentence) == []


def test_a_funnel_end_used_for_part_of_the_study_leaves_the_cohort_alone():
    assert n_patients("Methods: Of the 63 patients included, 20 were analysed for quality of "
                      "life. Results: Two patients died.") == 63


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We compared open (n = 40) and endovascular (n = 35) repair of ruptured aneurysms.", 75),
        ("Patients were randomised to stent (n = 40) or surgery (n = 38).", 78),
        ("Patients underwent laparoscopic (n=30), robotic (n=12) or open (n=8) resection.", 50),
        ("The patients were divided into two groups: early (n = 20) and late (n = 22).", 42),
    ],
    ids=["compared", "randomised-to", "three-kinds", "divided-into-groups"],
)
def test_kinds_listed_with_sizes_after_a_dividing_verb_make_the_cohort(sentence, expected):
    assert sentence_to_divided_total(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a list of events, not of kinds of patients
        "Complications included bleeding (n = 3) and infection (n = 2).",
        "Patients who underwent surgery later had bleeding (n = 3) and infection (n = 2).",
        # indications of one procedure, named after no dividing verb
        "We reviewed all procedures (n = 208) performed for rupture (n = 9) or pain (n = 12).",
    ],
    ids=["complications-listed", "events-after-a-verb", "indications"],
)
def test_sized_lists_that_do_not_divide_the_cohort(sentence):
    assert sentence_to_divided_total(sentence) is None


def test_a_list_of_events_leaves_the_stated_cohort():
    assert n_patients("Methods: Forty patients underwent stenting. Results: Patients who "
                      "underwent surgery later had bleeding (n = 3) and infection (n = 2).") == 40


# A second hand of wordings: inclusion verbs, labels, data statements, sex splits, "pts"
MORE_COHORT_STATEMENTS = [
    ("experience-with",
     "Methods: We present our experience with 47 patients treated by hepatectomy. "
     "Results: Two patients died.", 47),
    ("treated-over-years",
     "Results: Forty-seven patients were treated at our centre over 10 years. "
     "Morbidity was 21%.", 47),
    ("procedures-in-patients",
     "Results: Twenty-three procedures were performed in 21 patients. Two patients "
     "had bleeding.", 21),
    ("our-cohort-n-equals",
     "Methods: Our cohort (N = 88) was drawn from a single centre. Results: Three "
     "patients died.", 88),
    ("in-this-series",
     "Results: In this series of 88 patients, mortality was 3.4%.", 88),
    ("analysis-comprised",
     "Methods: The analysis comprised 88 consecutive adults treated between 2015 and "
     "2020. Results: Leak occurred in 2.", 88),
    ("fulfilled-criteria",
     "Methods: 88 patients fulfilled the inclusion criteria. Results: Four patients "
     "had bleeding.", 88),
    ("qualified-for-inclusion",
     "Methods: Eighty-eight patients qualified for inclusion. Results: Four patients "
     "had bleeding.", 88),
    ("database-yielded",
     "Methods: Our institutional database yielded 88 patients who underwent Whipple "
     "procedure. Results: Four patients had a leak.", 88),
    ("operations-in-patients",
     "Results: We performed 88 operations in 85 patients. Four patients had "
     "bleeding.", 85),
    ("data-collected-for",
     "Methods: Data were collected prospectively for 88 patients. Results: Four "
     "patients had bleeding.", 88),
    ("eyes-of-patients",
     "Methods: We studied 96 eyes of 80 patients. Results: Four eyes had raised "
     "pressure.", 80),
    ("reports-on-individuals",
     "Methods: This study reports on 88 individuals with chronic pancreatitis. "
     "Results: Four had bleeding.", 88),
    ("included-were",
     "Methods: Included were 88 patients with rectal cancer. Results: Four had a "
     "leak.", 88),
    ("population-label",
     "Study population: 88 patients with rectal cancer. Results: Four had a leak.", 88),
    ("sample-consisted",
     "Methods: The sample consisted of 88 patients. Results: Four had a leak.", 88),
    ("data-on-were-available",
     "Methods: Data on 88 patients were available. Results: Four had a leak.", 88),
    ("we-treated",
     "Methods: We treated 88 patients with endoscopic drainage. Results: Four had "
     "bleeding.", 88),
    ("there-were",
     "Results: There were 88 patients (52 male). Four had bleeding.", 88),
    ("men-and-women-included",
     "Methods: Fifty-two men and 36 women were included. Results: Four had bleeding.", 88),
    ("male-and-female-patients",
     "Methods: The study included 52 male and 36 female patients. Results: Four had "
     "bleeding.", 88),
    ("adults-n-equals-analysed",
     "Methods: Adults with acute cholecystitis (N=88) were retrospectively analysed. "
     "Results: Four had bleeding.", 88),
    ("we-enrolled",
     "Methods: We enrolled 88 consecutive patients. Results: Four had bleeding.", 88),
    ("met-the-criteria",
     "Methods: Eighty-eight patients met the criteria. Results: Four had bleeding.", 88),
    ("entered-into-study",
     "Methods: 88 patients were entered into the study. Results: Four had bleeding.", 88),
    ("accrued",
     "Methods: 88 patients were accrued. Results: Four patients had bleeding.", 88),
    ("available-for-analysis",
     "Results: Eighty-eight patients were available for analysis. Four had bleeding.", 88),
    ("underwent-n-equals-analysed",
     "Methods: Patients who underwent pancreatectomy (n = 88) were retrospectively "
     "analysed. Results: Four had a fistula.", 88),
    ("we-report-cases",
     "Methods: We report 88 cases of giant hiatal hernia. Results: Four had "
     "recurrence.", 88),
    ("review-of",
     "Methods: This was a retrospective review of 88 patients. Results: Four "
     "patients had recurrence.", 88),
    ("of-the-n-were-men",
     "Results: Of the 88 patients, 52 were men. Four patients had recurrence.", 88),
    ("total-with-breakdown",
     "Results: A total of 88 patients, 52 men and 36 women, were studied. Four "
     "patients had recurrence.", 88),
    ("consecutive-undergoing-studied",
     "Methods: Eighty-eight consecutive patients undergoing TEVAR were studied. "
     "Results: 4 patients had a stroke.", 88),
    ("records-of-all-reviewed",
     "Methods: The records of all 88 patients who received a LVAD were reviewed. "
     "Results: 14 patients died.", 88),
    ("analysis-of",
     "Methods: Retrospective analysis of 88 patients. Results: 14 patients died.", 88),
    ("described-in-brackets-underwent",
     "Results: 88 patients (mean age 64 years; 60% male) underwent EVAR. 14 patients "
     "died.", 88),
    ("from-month-to-month",
     "Methods: From January 2010 to December 2015, 88 patients with a ruptured "
     "aneurysm were operated. Results: 14 patients died.", 88),
    ("over-a-period-identified",
     "Methods: Over a 12-year period, 88 patients were identified. Results: 14 "
     "(15.9%) died.", 88),
    ("nephrectomies-in-patients",
     "Methods: Between 2005 and 2015, 212 nephrectomies were performed in 205 "
     "patients. Results: 14 patients died.", 205),
    ("enrolled-in-centres",
     "Methods: The study enrolled 88 patients in 6 centres. Results: 14 patients "
     "died.", 88),
    ("pts",
     "Results: Overall 88 pts were treated. 14 pts died.", 88),
]


@pytest.mark.parametrize(("abstract", "expected"), [c[1:] for c in MORE_COHORT_STATEMENTS],
                         ids=[c[0] for c in MORE_COHORT_STATEMENTS])
def test_cohort_size_from_more_statements_of_the_cohort(abstract, expected):
    assert n_patients(abstract) == expected


def test_those_available_for_follow_up_are_not_the_cohort():
    assert n_patients("Methods: This study included 115 patients who underwent stenting. One "
                      "patient was lost. Therefore, 114 patients were available for follow-up. "
                      "Results: Two patients died.") == 115


def test_a_sex_split_of_a_later_subgroup_is_not_the_cohort():
    assert n_patients("Methods: Sixty patients were included. Results: Postoperatively, 5 men "
                      "and 3 women developed a wound infection.") == 60
