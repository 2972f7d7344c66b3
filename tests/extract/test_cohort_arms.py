"""The cohort a comparative series analyses: arms stated with their sizes, matched pairs, the
populations they were drawn from, and series counted by procedures or treated units
(issue 10, class 2)."""

from __future__ import annotations

import pytest

from extract.study.arms import Arm, sentence_to_arm_total, sentence_to_arms
from extract.study.cohort import mentions_to_cohort_size, text_to_count_mentions


def cohort(text: str, title: str | None = None) -> int | None:
    return mentions_to_cohort_size(text_to_count_mentions(text, title))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Patients were divided into group 1 (n = 35), who received a covered stent graft, and "
         "group 2 (n = 47), who received a bare-metal stent.",
         [Arm("group 1", 35), Arm("group 2", 47)]),
        ("The early cohort (n = 22) and the late cohort (n = 31) were compared.",
         [Arm("early cohort", 22), Arm("late cohort", 31)]),
        ("Thirty-two patients treated by thoracoscopic lobectomy were matched 1:1 to 32 patients "
         "treated by open lobectomy.", [Arm("matched", 32), Arm("matched with", 32)]),
        ("Patients were treated by stenting (group S, n = 20) or open surgery (group O, "
         "n = 15).", [Arm("group S", 20), Arm("group O", 15)]),
        ("Fifty-five women who underwent robotic cystectomy were propensity matched with 55 who "
         "underwent open surgery.", [Arm("matched", 55), Arm("matched with", 55)]),
    ],
    ids=["numbered-groups", "named-cohorts", "matched-to", "labels-in-brackets",
         "propensity-matched-with"],
)
def test_arms_stated_together(sentence, expected):
    assert sentence_to_arms(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # one arm alone is no partition
        "Group A (n = 28) had a shorter stay.",
        # the whole cohort is no arm, and naming it twice makes no second arm
        "The whole cohort (n = 53) was followed; the whole cohort (n = 53) survived.",
        "In group B, 8 patients underwent surgery.",
    ],
    ids=["one-arm", "whole-cohort", "arm-without-size"],
)
def test_no_arms(sentence):
    assert sentence_to_arm_total(sentence) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # arms with their sizes outweigh the larger series they were drawn from
        ("Methods: The records of 61 patients treated with carotid stenting were reviewed. "
         "Group A (n = 24) received a closed-cell stent, and group B (n = 30) an open-cell "
         "stent.", 54),
        # matched arms are the cohort; the populations listed before them are not
        ("Methods: Between 2005 and 2015, 164 and 58 consecutive patients underwent "
         "nephrolithotomy and ureteroscopy and were retrospectively reviewed. Fifty patients "
         "who underwent nephrolithotomy were matched with 50 patients who underwent "
         "ureteroscopy.", 100),
        # (the corpus case: a matched case-control series of older glioblastoma patients)
        ("Methods: 133 and 72 consecutive patients aged 65 years and older who underwent "
         "surgery and needle biopsy were retrospectively reviewed. Among these patients, 40 who "
         "underwent surgical resection were matched with 40 who underwent needle biopsy alone.",
         80),
    ],
    ids=["sized-arms", "matched-arms", "matched-from-two-populations"],
)
def test_cohort_of_arms(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize("listed", ["240 and", "two hundred and forty or"])
def test_a_count_sharing_its_noun_is_not_the_cohort(listed):
    alone = ("Methods: Over the study period 85 consecutive patients underwent endovascular "
             "repair and were included.")
    shared = alone.replace(" 85 ", f" {listed} 85 ")
    assert cohort(alone) == 85
    assert cohort(shared) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methods: A total of 212 consecutive radiofrequency ablations for hepatocellular "
         "carcinoma performed between 2010 and 2018 were analysed.", 212),
        ("Methods: We report our experience of 45 endoscopic dacryocystorhinostomies. Results: "
         "Success was 90%.", 45),
        ("Methods: We present a consecutive series of 30 chronic infections of total hip "
         "arthroplasties.", 30),
        # (the corpus case: a multicentre series counted by its resections)
        ("Methods: A combined experience of 1007 consecutive resections for primary sarcoma "
         "was studied retrospectively. Results: Severe adverse events occurred in 165 patients "
         "(16.4%).", 1007),
    ],
    ids=["ablations-analysed", "experience-of-dacryocystorhinostomies",
         "series-of-infections", "experience-of-resections"],
)
def test_a_series_counted_by_procedures(text, expected):
    assert cohort(text) == expected


def test_procedures_never_outweigh_a_count_of_patients():
    text = "Methods: 212 ablations were performed. A total of 180 patients were included."
    assert cohort(text) == 180


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Results: In 48 patients, 61 kidneys were treated with cryoablation.", 48),
        ("Methods: Overall 75 primary inguinal hernias were repaired in 68 patients.", 68),
        # a bracketed statistic is no citation ("[2.3]")
        ("Results: In 120 patients, 140 knees were replaced (mean [SD] follow-up, 6.1 [2.3] "
         "years).", 120),
        # (the corpus case: lesions described at length, then their patients)
        ("Methods: A total of 182 consecutive flat or sessile colorectal lesions (rectum: "
         "n = 63) were resected in 178 patients.", 178),
    ],
    ids=["in-n-patients-m-kidneys", "hernias-repaired-in", "bracketed-sd", "lesions-resected-in"],
)
def test_patients_of_treated_units(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methods: Of the 150 patients screened, 120 were enrolled. Results: Mortality was 2%.",
         120),
        ("Methods: Of 212 consecutive patients assessed for eligibility, 187 were included.",
         187),
        ("Methods: Of 310 patients identified in the database, 254 were analysed.", 254),
        # the cohort referred to as a whole, then split: no funnel
        ("Results: Of the 41 patients, 12 were studied with CT and 29 with MRI.", 41),
        # the noun left out: the verb follows the count
        ("Methods: Of 212 screened, 180 were included.", 180),
        ("Methods: Of 95 referred for dilation, 81 were enrolled in the trial.", 81),
    ],
    ids=["screened-enrolled", "assessed-included", "identified-analysed", "split-not-funnel",
         "screened-no-noun", "referred-no-noun"],
)
def test_the_end_of_a_selection_funnel_is_the_cohort(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Results: The study group included 38 men and 12 women.", 50),
        ("Methods: The series consisted of 17 boys and 9 girls.", 26),
    ],
    ids=["men-and-women", "boys-and-girls"],
)
def test_a_cohort_stated_by_sex(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Methods: We report a series of 45 hips in 40 patients.", 40),
     ("Methods: A series of 12 years of practice was reviewed; 80 patients were included.", 80)],
    ids=["hips-in-patients", "series-of-years"],
)
def test_a_series_count_never_outweighs_its_patients(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methods: A total of 312 nonagenarians were reviewed after hip fracture fixation.", 312),
        ("Results: Ninety septuagenarians were included; 12 had diabetes.", 90),
        ("Results: A total of 77 octogenarians were analysed after valve replacement.", 77),
    ],
    ids=["nonagenarians", "septuagenarians", "octogenarians"],
)
def test_a_cohort_named_by_its_age_band(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methods: This prospective registry enrolled 88 patients (97 fistulas) undergoing "
         "balloon dilation.", 88),
        ("Methods: Our multicentre registry included 140 patients treated with a carotid "
         "stent.", 140),
    ],
    ids=["registry-enrolled", "our-registry-included"],
)
def test_the_studys_own_registry_is_no_other_study(text, expected):
    assert cohort(text) == expected


def test_another_registry_still_counts_as_another_study():
    # regression: the penalty on a registry stays for registries that are not the study's
    text = ("Methods: We included 45 patients. The national registry reported 900 patients "
            "with the same condition.")
    assert cohort(text) == 45


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methods: Of 640 patients, propensity score matching yielded 150 pairs. Results: "
         "Leak occurred in 4 patients.", 300),
        ("Methods: Nearest-neighbour matching produced 62 matched pairs for analysis.", 124),
    ],
    ids=["yielded-pairs", "matched-pairs"],
)
def test_a_matched_cohort_counted_in_pairs(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Methods: We compared the two operations in our institutional cohort.",
     "Methods: This report compares three procedures used for hallux valgus."],
    ids=["compared-the-two", "compares-three"],
)
def test_kinds_of_procedure_compared_are_no_count(text):
    # regression: "the two operations" compared once gave a cohort of two
    assert cohort(text) is None
