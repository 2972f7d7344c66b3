"""Extraction rules on short synthetic sentences: one test per stock form and per fixed bug."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

from extract.assembly.records import deduplicate, implied_total, percent_agrees
from extract.model import ExtractedRecord, Page
from extract.pipeline import assessment_timepoint, mortality_window
from extract.rules.lexicon import InvalidLexicon, load_lexicon


def one(text: str, cohort: int | None = 40, **kw) -> ExtractedRecord:
    records = extract(text, cohort, **kw)
    assert len(records) == 1, [(r.outcome, r.events, r.total, r.value) for r in records]
    return records[0]


# -- counts, percentages and the cohort size ----------------------------------------------

def test_count_with_percent_and_ci_in_words():
    r = one("Thirty-one patients (78%, 95% CI 62–90%) reported clinical improvement.")
    assert (r.outcome, r.events, r.total, r.value, r.ci_low, r.ci_high) == (
        "clinical_success", 31, 40, 0.78, 0.62, 0.9)
    assert r.rule == "paired" and r.quote.startswith("Thirty-one")


def test_percent_of_patients_takes_events_from_the_cohort_only_when_they_agree():
    agree = one("Complications occurred in 25% of the patients.")
    assert (agree.events, agree.total) == (10, 40)
    disagree = one("Reintervention was needed in 34% of the patients.")
    assert (disagree.events, disagree.total, disagree.value) == (None, None, 0.34)


def test_a_percentage_that_disagrees_with_the_cohort_implies_the_assessed_total():
    r = one("Twenty-six patients had patent stents on their last imaging (79%).", cohort=37)
    assert (r.outcome, r.events, r.total) == ("primary_patency", 26, 33)


def test_percent_agreement_allows_truncation_and_loose_whole_numbers():
    assert percent_agrees(1, 6, 0.16) and percent_agrees(2, 37, 0.054)
    assert not percent_agrees(29, 37, 0.79)
    assert implied_total(12, 0.30, 41) == 41
    assert implied_total(27, 0.675, 41) == 40


# -- coordinated statements and time points ------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 1- and 3-year survival rates were 88% and 61%, respectively.",
         [("overall_survival", 12.0, 0.88), ("overall_survival", 36.0, 0.61)]),
        ("1 year OS and 5 years OS were 90% and 52%.",
         [("overall_survival", 12.0, 0.9), ("overall_survival", 60.0, 0.52)]),
        ("2- and 4-year DFS were 45%.",
         [("disease_free_survival", 24.0, 0.45), ("disease_free_survival", 48.0, 0.45)]),
        ("Primary patency at 6, 12 and 24 months was 92%, 84% and 71% respectively.",
         [("primary_patency", 6.0, 0.92), ("primary_patency", 12.0, 0.84),
          ("primary_patency", 24.0, 0.71)]),
    ],
)
def test_coordinated_rates(text, expected):
    got = sorted((r.outcome, r.timepoint_months, r.value) for r in extract(text))
    assert got == sorted(expected)
    assert all(r.measure == "rate_at_time" and r.rule == "coordinated" for r in extract(text))


def test_three_time_points_with_a_serial_comma():
    """Regression: ``1-, 3-, and 5-year`` was cut into clauses at ``, and``."""
    got = sorted((r.timepoint_months, r.value) for r in extract(
        "The 1-, 3-, and 5-year OS rates were 90%, 70%, and 50%, respectively."))
    assert got == [(12.0, 0.9), (36.0, 0.7), (60.0, 0.5)]


def test_short_coordinated_sentence_is_not_table_debris():
    """Regression: a sentence with many numbers was dropped as a flattened table."""
    assert len(extract("Overall survival at 1, 3 and 5 years was 90%, 70% and 50%.")) == 3
    assert extract("Outcome Surgery No Surgery Independent 9 11 9 0 Disabled 3 2 9 1 "
                   "Died 1 0 5 2 Total 13 13 23 3") == []


def test_percentage_followed_by_its_counts():
    r = one("30-day mortality was 3.3% (2/60).", cohort=60)
    assert (r.events, r.total, r.value, r.timepoint_months) == (2, 60, 0.033, 1.0)


def test_counts_in_a_parenthetical_aside_are_not_findings():
    """Regression: ``(3 each in stages 2 and 3)`` gave 3 deaths."""
    assert extract("Two of the 6 patients with drainage only (3 each in stages 2 and 3) "
                   "died, and 4 were discharged.", cohort=52) == []


def test_all_complications_minor_means_no_major_complication():
    r = one("These complications in both groups were classified as grade ≤ II.", cohort=110)
    assert (r.outcome, r.events, r.total, r.rule) == ("complications_major", 0, 110,
                                                      "none_reached")
    assert extract("Complications were mostly grade I-II.") == []


def test_outcomes_named_as_conditions_are_not_findings():
    """Regression: ``20% after R1 resection`` became an R1 rate (the two strata compared are
    survival of groups, never of the whole cohort)."""
    compared = extract("Five-year survival after R0 resection was 65% compared with 20% after "
                       "R1 resection.")
    assert all(r.outcome == "overall_survival" and r.group != "all" for r in compared)
    assert extract("The 5-year overall survival was 55% for R0 and 30% for R1 resections.") == []
    assert extract("Patients with recurrence had larger tumours (p = 0.02).") == []
    hr = one("Chemotherapy lowered the hazard for DFS (HR 0.5, 95% CI 0.3-0.9).")
    assert hr.outcome == "disease_free_survival"


def test_time_point_after_the_value_and_not_across_and():
    """Regression: ``85% at 12 months and secondary patency was 95%`` dated both."""
    got = {(r.outcome, r.measure, r.timepoint_months, r.value) for r in extract(
        "Primary patency was 85% at 12 months and secondary patency was 95%.")}
    assert got == {("primary_patency", "rate_at_time", 12.0, 0.85),
                   ("secondary_patency", "proportion", None, 0.95)}


def test_freedom_from_an_event_is_its_complement_never_its_rate():
    got = keyed(extract("Freedom from reintervention at 1 and 2 years was 90% and 82%."))
    assert got == [("reintervention", "rate_at_time", "all", None, None, 0.1, 12.0),
                   ("reintervention", "rate_at_time", "all", None, None, 0.18, 24.0)]


def test_breakdown_after_the_finding_is_cut_off():
    r = one("Nonfatal procedural complications were seen in 10 patients (18%) and included "
            "CSF leakage (n = 5) and meningitis (n = 2).", cohort=57)
    assert (r.outcome, r.events, r.total) == ("complications_any", 10, 57)


def test_markdown_table_rows():
    text = ("| | No CT N = 29 | CT N = 12 | All N = 41 |\n|---|---|---|---|\n"
            "| Complete excision (R0) | 24 (83) | 5 (42) | 29 (71) |\n")
    got = keyed(extract(text, cohort=41))
    assert ("r0_resection", "proportion", "all", 29, 41, 0.71, None) in got
    assert len(got) == 3


def test_subgroup_qualifying_a_total():
    r = one("Four of the 30 patients with a suboccipital craniectomy died.", cohort=52)
    assert (r.group, r.events, r.total) == ("suboccipital craniectomy", 4, 30)
    r = one("Recurrence developed in 4 of 10 patients with high-grade tumours.")
    assert (r.group, r.events, r.total) == ("high-grade tumours", 4, 10)
    r = one("Primary patency was observed in 30 of 36 patients with imaging follow-up.")
    assert (r.group, r.events, r.total) == ("all", 30, 36)


def test_each_count_takes_the_percentage_after_its_noun():
    """Regression: a second ``n patients (p%)`` in the clause unjoined the first."""
    r = one("At follow-up, 21 of 52 patients (40%) had died and 4 patients (8%) lived with "
            "major disability.", cohort=57)
    assert (r.outcome, r.events, r.total, r.value) == ("mortality", 21, 52, 0.4)


def test_standard_error_colon_breakdown_and_serial_years():
    assert one("The 12-month primary patency was 80.2% ± 6.1%.").value == 0.802
    r = one("Recurrence developed in 21 of 40 patients (52.5%): local in 6 and distant in 15.")
    assert (r.outcome, r.events, r.total) == ("recurrence_any", 21, 40)
    got = [r.timepoint_months for r in extract(
        "The overall survival rates at 1, 2, and 5 years were 92.5%, 80.0%, and 61.2%, "
        "respectively.")]
    assert sorted(got) == [12.0, 24.0, 60.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 5-year overall and disease-free survival rates were 55% and 25%, respectively.",
         {("overall_survival", 60.0, 0.55), ("disease_free_survival", 60.0, 0.25)}),
        ("The 3-year disease-free and overall survival were 40% and 70%.",
         {("disease_free_survival", 36.0, 0.4), ("overall_survival", 36.0, 0.7)}),
        ("Primary and secondary patency rates at 12 months were 78% and 94%.",
         {("primary_patency", 12.0, 0.78), ("secondary_patency", 12.0, 0.94)}),
    ],
)
def test_elided_coordinated_outcomes(text, expected):
    assert {(r.outcome, r.timepoint_months, r.value) for r in extract(text)} == expected


def test_three_elided_outcomes_in_a_list():
    got = {(r.outcome, r.value) for r in extract(
        "Primary, primary-assisted and secondary patency rates at 24 months were 72%, 85% and "
        "95%, respectively.")}
    assert got == {("primary_patency", 0.72), ("primary_assisted_patency", 0.85),
                   ("secondary_patency", 0.95)}


def test_all_but_one_is_the_complement():
    """Regression: ``in all but one patient`` gave 1 event."""
    r = one("Technical success was achieved in all but one patient.")
    assert (r.events, r.total) == (39, 40)



def test_coordinated_mortality_windows_are_proportions():
    got = keyed(extract("The 30-day and 90-day mortality rates were 2% and 5%.", cohort=60))
    assert got == [("mortality", "proportion", "all", 1, 60, 0.02, 1.0),
                   ("mortality", "proportion", "all", 3, 60, 0.05, 3.0)]


def test_survival_percentage_without_a_time_point_is_not_a_rate():
    assert extract("Overall survival was 60% in our patients.") == []


def test_same_time_points_refer_to_the_previous_sentence():
    text = ("The 3 and 5-year DFS rates were 34% and 17%. "
            "OS, at the same time points were 74% and 50%.")
    got = {(r.outcome, r.timepoint_months, r.value) for r in extract(text)}
    assert ("overall_survival", 36.0, 0.74) in got and ("overall_survival", 60.0, 0.5) in got


def test_medians_coordinated_in_one_sentence():
    got = {(r.outcome, r.measure, r.value) for r in extract(
        "The median DFS was 19 months and OS was 64 months.")}
    assert got == {("disease_free_survival", "median", 19.0),
                   ("overall_survival", "median", 64.0)}


def test_median_with_range_and_in_years():
    r = one("The median survival period was 70 months (range, 12 to 130 months).")
    assert (r.measure, r.value, r.range_low, r.range_high) == ("median", 70.0, 12.0, 130.0)
    assert one("Median disease-free survival was 2.5 years.").value == 30.0


def test_median_follow_up_and_qualified_values_are_not_outcomes():
    assert extract("After a median follow-up of 70 months, no data were missing.") == []
    assert extract("LMS showed a median DFS of less than 2 years.") == []


@pytest.mark.parametrize(
    ("text", "outcome", "value", "ci", "p", "comparison"),
    [
        ("In multivariable analysis, R1 resection was associated with worse overall survival "
         "(HR, 2.5; 95% CI, 1.2-5.1; P = .01).", "overall_survival", 2.5, (1.2, 5.1), 0.01,
         "R1 resection"),
        ("High grade predicted shorter disease-free survival (hazard ratio [HR] 3.1, 95% "
         "confidence interval 1.4 to 6.9).", "disease_free_survival", 3.1, (1.4, 6.9), None,
         None),
    ],
)
def test_hazard_ratio_forms(text, outcome, value, ci, p, comparison):
    r = one(text)
    assert (r.outcome, r.measure, r.value, (r.ci_low, r.ci_high), r.p_value, r.comparison) == (
        outcome, "hazard_ratio", value, ci, p, comparison)


def test_hazard_ratio_with_comparison_adjustment_and_p():
    r = one("After adjusting for grade, patients who received adjuvant radiotherapy had a lower "
            "hazard of recurrence-free survival (HR 0.45, 95% CI 0.21-0.96, p = 0.04).")
    assert (r.outcome, r.measure, r.value, r.ci_low, r.ci_high, r.p_value, r.adjusted) == (
        "recurrence_free_survival", "hazard_ratio", 0.45, 0.21, 0.96, 0.04, True)
    assert r.comparison == "adjuvant radiotherapy vs none"


# -- negated and universal statements -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "outcome", "events", "timepoint"),
    [
        ("No recurrence was found in all patients with the median 25.5 months follow-up.",
         "recurrence_any", 0, None),
        ("Recurrence occurred in all patients.", "recurrence_any", 6, None),
        ("There were no intraoperative or postoperative deaths.", "mortality", 0, 0.0),
        ("Four patients underwent resection without intraoperative mortality.", "mortality", 0,
         0.0),
        ("No Clavien-Dindo IIIa or higher complication was observed.", "complications_major", 0,
         None),
        ("No organ dysfunction and recurrence were observed.", "recurrence_any", 0, None),
    ],
)
def test_negated_and_universal_findings_use_the_cohort(text, outcome, events, timepoint):
    r = one(text, cohort=6)
    assert (r.outcome, r.events, r.total, r.timepoint_months) == (outcome, events, 6, timepoint)


def test_negated_findings_need_the_cohort_size():
    assert extract("Recurrence occurred in all patients.", cohort=None) == []


def test_no_significant_difference_is_not_a_negated_finding():
    assert extract("There was no significant difference in mortality between groups.") == []


def test_exception_keeps_the_negation_and_drops_the_excepted_count():
    r = one("There were no major complications apart from wound infection in 10 patients.")
    assert (r.outcome, r.events, r.total) == ("complications_major", 0, 40)


def test_mortality_defined_within_90_days_dates_postoperative_mortality():
    text = ("## Methods\n\nMortality was defined as death in hospital or within 90 days of "
            "surgery.\n\n## Results\n\nNo postoperative mortality was reported.")
    assert mortality_window([Page(None, text)]) == 3.0
    assert one(text).timepoint_months == 3.0


def test_outcome_assessment_time_dates_mortality_without_its_own_time():
    text = ("Functional outcome was determined using the modified Rankin Scale one year after "
            "surgery. Seven of the 22 patients were dead.")
    assert assessment_timepoint([Page(None, text)]) == 12.0
    r = one(text, cohort=22)
    assert (r.events, r.total, r.timepoint_months) == (7, 22, 12.0)


def test_outcome_assessed_at_several_times_dates_nothing():
    text = "Clinical outcome was assessed at 1, 3 and 6 months after the procedure."
    assert assessment_timepoint([Page(None, text)]) is None
    assert assessment_timepoint([Page(None, "Functional status at hospital discharge was "
                                             "rated by the modified Rankin scale.")]) == 0.0


def test_this_phase_after_intensive_care_is_in_hospital():
    text = ("All patients were treated on the intensive care unit. During this phase, 12 "
            "patients died (21%).")
    assert one(text, cohort=57).timepoint_months == 0.0


# -- what is not a finding of this paper -----------------------------------------------------

def test_introduction_references_and_cited_studies_are_not_read():
    text = ("## Introduction\n\nEarlier series reported technical success in 95% of patients."
            "\n\n## Results\n\nJones et al. reported a 1-year survival of 40%. Others found "
            "mortality of 10% [4].\n\n## References\n\n1. Brown A. Patency 80% at 1 year.")
    assert extract(text) == []


def test_discussion_reads_only_the_authors_own_series():
    text = ("## Discussion\n\nIn our series, technical success was 100%. Technical success "
            "is usually 95%. Previous studies reported mortality of 8%.")
    r = one(text)
    assert (r.outcome, r.events, r.total) == ("technical_success", 40, 40)

def test_own_series_named_with_an_other_study_word_is_a_finding():
    # regression: "series of" / "trial" alone used to drop the authors' own results
    records = extract("In our series of 40 patients, recurrence occurred in 12 patients (30%). "
                      "The 3-year overall survival in this trial was 74%. In our previous "
                      "study, recurrence occurred in 10 patients (20%).")
    assert keyed(records) == [
        ("overall_survival", "rate_at_time", "all", None, None, 0.74, 36.0),
        ("recurrence_any", "proportion", "all", 12, 40, 0.3, None),
    ]


def test_reported_by_this_papers_patients_is_a_finding():
    # regression: "reported by" / "were reported in" used to drop the authors' own counts
    records = extract("Symptom improvement was reported by 34 patients (85%). Complications "
                      "were reported in 5 of 40 patients (12.5%). Mortality of 10% was "
                      "reported by Smith.")
    assert keyed(records) == [
        ("clinical_success", "proportion", "all", 34, 40, 0.85, None),
        ("complications_any", "proportion", "all", 5, 40, 0.125, None),
    ]

def test_previous_treatment_is_not_an_other_study_cue():
    # regression: bare "previous" (patient history) used to drop the sentence
    r = one("Recurrence occurred in 6 patients (15%), including 4 with previous radiotherapy. "
            "In a previous series, recurrence developed in 20% of patients.")
    assert (r.outcome, r.events, r.total) == ("recurrence_any", 6, 40)



def test_cohort_selection_is_not_a_finding():
    assert extract("We excluded 5 patients who died before surgery.") == []
    assert extract("Of 60 screened patients, 8 had died before the operation.") == []


def test_single_patient_narratives_and_case_sections_are_skipped():
    text = ("## Case 1\n\nThere was no complication after surgery.\n\n## Results\n\n"
            "After surgery the patient had no recurrence. She had no complication.")
    assert extract(text) == []


def test_breakdowns_event_counts_and_vetoes():
    assert extract("The most common complications were pneumonia (20%) and sepsis (8%).") == []
    assert extract("There were 12 recurrences in 9 patients.") == []
    assert extract("Cause of death was sarcomatosis in 6 (15%) patients.") == []
    assert extract("Recurrence treatment was chemotherapy (27.5%).") == []
    assert extract("Local and distant recurrence was scarce (5%).") == []


def test_a_new_list_head_after_a_comma_takes_the_number():
    """Regression: ``local 7%`` was read as distant recurrence."""
    got = keyed(extract("Distant metastasis concerned 54% of the patients, local 7%."))
    assert got == [("recurrence_distant", "proportion", "all", None, None, 0.54, None)]


def test_numbers_after_died_from_break_down_the_deaths():
    """The causes after a death count break it down (7 and 1 are not more deaths); a death
    count with its cause in a sentence of its own is a death count (gold-guide: ``117
    patients died of disease`` is mortality), kept beside the other for the consistency
    checks to flag."""
    got = keyed(extract("Eight patients died, 7 of sepsis and 1 of embolism. "
                        "In total, 9 patients died from extensive infarction."))
    assert got == [("mortality", "proportion", "all", 8, 40, 0.2, None),
                   ("mortality", "proportion", "all", 9, 40, 0.225, None)]


def test_patients_with_event_counts_keep_the_outcome():
    """Regression: ``twelve patients had thirteen complications`` lost the outcome."""
    r = one("Twelve patients had thirteen complications (30%).")
    assert (r.outcome, r.events, r.total) == ("complications_any", 12, 40)


def test_counted_deaths_with_a_percentage_are_patients():
    r = one("There were three postoperative deaths (7.5%) within 30 days.")
    assert (r.outcome, r.events, r.total, r.timepoint_months) == ("mortality", 3, 40, 1.0)
    assert extract("There were 27 recurrences and 22 deaths.") == []


def test_outcome_scale_list_gives_the_deaths():
    r = one("GOS at 6 months: good recovery 20 (40%), moderate disability 10 (20%), severe "
            "disability 8 (16%), vegetative 2 (4%), death 10 (20%).", cohort=50)
    assert (r.outcome, r.events, r.total, r.timepoint_months) == ("mortality", 10, 50, 6.0)


def test_count_verb_died_is_an_outcome_not_an_event_noun():
    """Regression: ``and 8 died`` was dropped as an event count."""
    r = one("Twenty-nine patients made a good recovery, 15 remained disabled, and 8 died.",
            cohort=52)
    assert (r.events, r.total) == (8, 52)


def test_complement_of_a_negated_count():
    r = one("In the present study, negative margins were not obtained in two patients.", cohort=6)
    assert (r.outcome, r.events, r.total) == ("r0_resection", 4, 6)


def test_one_outcome_with_several_counts_is_ambiguous():
    assert extract("Distant recurrence resulted in three patients undergoing lung resection "
                   "and three patients undergoing thigh resection.") == []


def test_latex_geq_and_cid_glyphs():
    """Regression: ``CD \\geq 3`` and ``(cid:1)4`` from converted text layers."""
    r = one("CD \\geq 3 complications concerned 30% of patients.")
    assert (r.outcome, r.value) == ("complications_major", 0.3)
    assert extract("Outcome was poor if death had occurred (mRS (cid:1)4).") == []


# -- subgroups --------------------------------------------------------------------------------

def test_subgroup_prefixes_and_inherited_groups():
    records = extract("In group A, one patient recovered. However, one patient died. "
                      "Concerning no CT patients, R0 accounted for 83%. In group B, 3 of 12 "
                      "patients died.")
    # a subgroup count without the subgroup's size is no record, and never the cohort's
    assert sorted((r.outcome, r.group, r.events, r.total, r.value) for r in records) == [
        ("mortality", "group B", 3, 12, 0.25), ("r0_resection", "no CT", None, None, 0.83)]


def test_late_period_groups():
    got = {(r.outcome, r.group) for r in extract(
        "Late reintervention was needed for 5% of patients. After POD90, 15% of patients "
        "presented a complication. Two patients needed a reintervention.")}
    assert got == {("reintervention", "late"), ("complications_any", "late (>90 POD)"),
                   ("reintervention", "late (>90 POD)")}


def test_subgroup_named_in_a_clause_ends_at_the_semicolon():
    # regression: the subgroup of the first clause used to label the whole sentence
    records = extract("Patients who received chemotherapy had a 3-year OS of 60%; recurrence "
                      "occurred in 10 patients (25%). In the CT group, mortality was 5%; "
                      "recurrence was 20%.")
    assert sorted((r.outcome, r.group, r.events, r.total, r.value) for r in records) == [
        ("mortality", "CT", None, None, 0.05),
        ("overall_survival", "chemotherapy", None, None, 0.6),
        ("recurrence_any", "CT", None, None, 0.2),
        ("recurrence_any", "all", 10, 40, 0.25)]

# -- tables -------------------------------------------------------------------------------------

TABLE = ("Table 2. Outcomes.\n\n\tSurgery alone N = 30\tChemotherapy N = 20\tAll N = 50\n"
         "Complete resection (R0)\t24 (80)\t12 (60)\t36 (72)\n"
         "Cause of death (n, %)\t6 (20)\t5 (25)\t11 (22)\n"
         "Late course (>90 POD)\t\t\t\n"
         "Reoperation\t1 (3)\t1 (5)\t2 (4)\n\nR1\t1.95\t0.9-4.1\n")


def test_table_columns_name_groups_with_their_own_n():
    got = keyed(extract(TABLE, cohort=50))
    assert ("r0_resection", "proportion", "all", 36, 50, 0.72, None) in got
    assert ("r0_resection", "proportion", "Surgery alone", 24, 30, 0.8, None) in got
    assert ("r0_resection", "proportion", "Chemotherapy", 12, 20, 0.6, None) in got
    assert ("reintervention", "proportion", "late (>90 POD)", 2, 50, 0.04, None) in got
    assert not any(g[0] == "mortality" or g[0] == "r1_resection" for g in got)
    assert all(r.rule == "table_row" for r in extract(TABLE, cohort=50))


def test_table_row_with_debris_in_front_and_a_p_value_column():
    text = ("\tOPG (n = 64)\tLPG (n = 46)\tP value\n"
            "junk text\tComplications (total)\t13 (20.3%)\t10 (21.7%)\t0.86\n")
    got = keyed(extract(text, cohort=110))
    assert got == [("complications_any", "proportion", "LPG", 10, 46, 0.217, None),
                   ("complications_any", "proportion", "OPG", 13, 64, 0.203, None)]


# -- de-duplication and the lexicon --------------------------------------------------------------

def test_same_finding_twice_is_one_record_and_different_numbers_stay():
    same = extract("Reintervention was required in 6 (15%) patients. Reintervention was "
                   "needed in 15% of the patients (Table 2).")
    assert len(deduplicate(same)) == 1
    different = extract("Reintervention was required in 6 (15%) patients. Reintervention "
                        "was required in 8 (20%) patients.")
    assert len(deduplicate(different)) == 2


def test_a_reviewer_lexicon_adds_an_outcome(tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text('[outcomes.limb_salvage]\nmeasures = ["proportion"]\n'
                    'terms = ["limb salvage"]\n')
    r = one("Limb salvage was achieved in 30 (75%) patients.", lexicon=path)
    assert (r.outcome, r.events, r.total) == ("limb_salvage", 30, 40)


def test_invalid_lexicon_names_the_problem(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[outcomes.x]\nmeasures = ["odds"]\nterms = ["x"]\n')
    with pytest.raises(InvalidLexicon, match=r"bad.toml: is not a valid outcome lexicon "
                                             r"\(outcomes.x.measures must be some of"):
        load_lexicon(path)


# -- robustness -------------------------------------------------------------------------------

_TOKENS = ["No", "all", "patients", "recurrence", "mortality", "died", "3-year", "OS", "was",
           "were", "and", "(", ")", "12", "(30%)", "26/37", "95% CI", "62–90%", "median",
           "months", "respectively", ",", ".", "\t", "\n", "N = 41", "R0", "HR", "0.38",
           "Clavien-Dindo ≥3a", "In the", "group", "et al.", "[12]", "of", "1,", "5 years", ":"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40), st.sampled_from([None, 1, 41]))
def test_rules_never_crash_and_quote_the_source(tokens, cohort):
    text = " ".join(tokens)
    for r in extract(text, cohort=cohort):
        assert r.outcome and r.measure and r.rule
        assert r.value is None or r.measure != "proportion" or 0 <= r.value <= 1
        assert all(part in text for part in r.quote.split() if part)
