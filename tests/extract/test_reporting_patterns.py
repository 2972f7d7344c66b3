"""Reporting patterns of case series (issue 10, sentence level): each pattern on at least two
differently worded sentences, most of them written for this file, and a regression test for
each false-positive class."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

from extract.model import Page
from extract.rules.nlp import outcome_nlp
from extract.rules.numbers import text_to_stats

# -- class 3: a unit written once for a list of numbers ---------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("31 and 3%", [0.31, 0.03]),
    ("78.2, 48.3, 34.8 and 18.3%", [0.782, 0.483, 0.348, 0.183]),
    ("12.5 & 40 per cent", [0.125, 0.4]),
])
def test_bare_numbers_share_the_percent_sign_of_the_last(text, expected):
    stats = text_to_stats(text)
    assert [s.kind for s in stats] == ["percent"] * len(expected)
    assert [s.percent for s in stats] == expected


def test_bare_numbers_share_a_time_unit():
    stats = text_to_stats("were 9.3 and 5.9 months")
    assert [(s.kind, s.value) for s in stats] == [("duration", 9.3), ("duration", 5.9)]


def test_a_list_with_a_number_above_100_percent_is_not_a_list_of_percentages():
    assert [s.kind for s in text_to_stats("120 and 30%")] == ["count", "percent"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Postoperative morbidity and mortality rates were 31 and 3%, respectively.",
     [("complications_any", "proportion", "all", None, None, 0.31, None),
      ("mortality", "proportion", "all", None, None, 0.03, 0.0)]),
    ("After a median follow-up time of 74 months, 5-year OS and DFS rates were 58 and 34%, "
     "respectively.",
     [("disease_free_survival", "rate_at_time", "all", None, None, 0.34, 60.0),
      ("overall_survival", "rate_at_time", "all", None, None, 0.58, 60.0)]),
    ("Local recurrence and distant metastasis developed in 12.5 and 25 per cent.",
     [("recurrence_distant", "proportion", "all", 10, 40, 0.25, None),
      ("recurrence_local", "proportion", "all", 5, 40, 0.125, None)]),
])
def test_coordinated_outcomes_with_a_shared_percent_sign(text, expected):
    assert keyed(extract(text, cohort=None if "morbidity" in text else 40)) == expected


def test_a_time_point_list_with_a_shared_percent_sign_maps_value_by_value():
    records = extract("The overall survival rates at 1, 2, 3 and 5 years were 78.2, 48.3, 34.8 "
                      "and 18.3%, respectively.")
    assert [(r.timepoint_months, r.value) for r in records] == [
        (12.0, 0.782), (24.0, 0.483), (36.0, 0.348), (60.0, 0.183)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The mean and median survival times were 9.3 and 5.9 months, respectively.",
     [("mean", 9.3), ("median", 5.9)]),
    ("Median and mean overall survival were 14 and 18.5 months.",
     [("median", 14.0), ("mean", 18.5)]),
    ("Median follow-up was 56 months and mean overall survival was 120 months.",
     [("mean", 120.0)]),
])
def test_median_and_mean_are_as_written(text, expected):
    assert [(r.measure, r.value) for r in extract(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The recurrence-free survival was 79% at 3 years and 74% at 5 years.",
     [(36.0, 0.79), (60.0, 0.74)]),
    ("Overall survival was 89% at 3 years, 84% at 5 years and 79% at 10 years.",
     [(36.0, 0.89), (60.0, 0.84), (120.0, 0.79)]),
    ("Secondary patency was 95% (95% CI 80-99%) at 1 year and 90% at 2 years.",
     [(12.0, 0.95), (24.0, 0.9)]),
])
def test_each_rate_followed_by_its_own_time_point(text, expected):
    assert [(r.timepoint_months, r.value) for r in extract(text)] == expected


# -- class 4: zero and death words ------------------------------------------------------------

@pytest.mark.parametrize(("text", "outcome", "timepoint"), [
    ("The 30-day mortality rate was zero.", "mortality", 1.0),
    ("Mortality was nil.", "mortality", None),
    ("The rate of major complications was zero.", "complications_major", None),
    ("None of the patients died.", "mortality", None),
    ("None of the patients developed a recurrence.", "recurrence_any", None),
    ("No patients died in the postoperative period.", "mortality", 0.0),
    ("The median length of stay was 16 days and there were no peri-operative deaths",
     "mortality", 0.0),
])
def test_zero_and_none_words_are_zero_of_the_cohort(text, outcome, timepoint):
    assert keyed(extract(text)) == [(outcome, "proportion", "all", 0, 40, 0.0, timepoint)]


@pytest.mark.parametrize("text", [
    "Postoperative complications occurred in 28 patients (70%) and no postoperative death was "
    "observed.",
    "Wound infection developed in 28 patients (70%), and there was no postoperative death.",
])
def test_a_negation_after_a_coordinated_count_is_its_own_finding(text):
    records = {r.outcome: r for r in extract(text)}
    assert (records["mortality"].events, records["mortality"].total,
            records["mortality"].timepoint_months) == (0, 40, 0.0)


def test_a_count_governing_the_negation_is_not_a_zero():
    # the patients counted are those without the event: not "no recurrence in the cohort"
    assert not [r for r in extract("Twelve patients remained without recurrence.")
                if r.events == 0]


# -- class 7: perioperative time words (mortality only) ---------------------------------------

@pytest.mark.parametrize("text", [
    "There were no early deaths during the hospitalization.",
    "No patient died in the ICU.",
    "There were no deaths during the procedures.",
    "No deaths occurred during the acute phase of the stay.",
    "Two patients (5%) died on the neonatal ICU (NICU).",
])
def test_in_unit_in_hospital_and_early_deaths_are_at_time_zero(text):
    assert [r.timepoint_months for r in extract(text) if r.outcome == "mortality"] == [0.0]


def test_perioperative_words_do_not_date_complications():
    records = extract("There were no early complications during the hospitalization.")
    assert [(r.outcome, r.timepoint_months) for r in records] == [("complications_any", None)]


# -- class 5: complements are the named outcome's opposite -------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Freedom from major adverse events through 30 days was 93.5%.",
     ("complications_major", "proportion", "all", None, None, 0.065, 1.0)),
    ("Freedom from reintervention was 88% (95% CI 80-94%).",
     ("reintervention", "proportion", "all", 5, 40, 0.12, None)),
    ("32 of 40 patients were free of recurrence.",
     ("recurrence_any", "proportion", "all", 8, 40, 0.2, None)),
    ("Twenty-four patients (60%) remained free from any recurrence.",
     ("recurrence_any", "proportion", "all", 16, 40, 0.4, None)),
    ("Thirty patients (75%) had no recurrence.",
     ("recurrence_any", "proportion", "all", 10, 40, 0.25, None)),
    ("At last follow-up, 30 patients (75%) showed no evidence of recurrence.",
     ("recurrence_any", "proportion", "all", 10, 40, 0.25, None)),
    ("Patency was lost in 3 of 20 patients.",
     ("primary_patency", "proportion", "all", 17, 20, 0.85, None)),
    ("Reintervention-free survival at 1 year was 80%.",
     ("reintervention", "rate_at_time", "all", None, None, 0.2, 12.0)),
])
def test_a_number_of_patients_free_of_an_outcome_is_its_complement(text, expected):
    assert keyed(extract(text)) == [expected]


def test_a_complement_reverses_the_confidence_interval():
    r = extract("Freedom from reintervention was 88% (95% CI 80-94%).")[0]
    assert (r.ci_low, r.ci_high) == (0.06, 0.2)


@pytest.mark.parametrize(("text", "cohort", "expected"), [
    ("At 12 months, 41 of 47 patients were alive.", 47, (6, 47, 12.0)),
    ("At 6 months post-surgery, 28 patients (87.5%) were alive", 32, (4, 32, 6.0)),
    ("Two years after surgery, 30 patients were still alive.", 40, (10, 40, 24.0)),
])
def test_patients_alive_at_a_time_are_the_mortality_complement(text, cohort, expected):
    r = extract(text, cohort)
    assert [(x.outcome, x.events, x.total, x.timepoint_months) for x in r] == [
        ("mortality", *expected)]


def test_patients_alive_without_a_time_are_deaths_at_last_follow_up():
    # gold guide: counts of patients alive are mortality complements (the time is null)
    r = extract("Eight (22%) patients were alive at last follow up.", 37)
    assert [(x.outcome, x.events, x.total, x.timepoint_months) for x in r] == [
        ("mortality", 29, 37, None)]


def test_patients_alive_at_last_follow_up_give_way_to_a_one_year_figure():
    text = ("The 1-year mortality was 77.4%. Eight (22%) patients were alive at last "
            "follow up.")
    assert [(x.outcome, x.timepoint_months) for x in extract(text, 37)] == [
        ("mortality", 12.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The proportion of patients alive at five and ten years were 90% and 75% respectively.",
     [(60.0, 0.9), (120.0, 0.75)]),
    ("Sixty-five percent of the patients were alive at 3 years.", [(36.0, 0.65)]),
])
def test_a_percentage_alive_at_a_time_is_the_survival_rate(text, expected):
    records = extract(text)
    assert {r.outcome for r in records} == {"overall_survival"}
    assert [(r.timepoint_months, r.value) for r in records] == expected


def test_a_negation_in_a_qualifier_of_the_counted_patients_is_not_a_complement():
    records = extract("Two patients with no prior surgery had a recurrence.")
    assert not [r for r in records if r.events == 38]


def test_patients_alive_at_their_own_times_are_not_a_cohort_finding():
    text = "Two patients are alive without disease 9 and 18 years after their last operation."
    assert extract(text) == []


# -- class 6: measure and outcome precision ---------------------------------------------------

@pytest.mark.parametrize(("text", "outcome", "events"), [
    ("29% of patients had postoperative complication grade 3a or higher according to "
     "Clavien-Dindo.", "complications_major", None),
    ("Complications of grade III or higher occurred in 4 patients.", "complications_major", 4),
    ("Severe postoperative adverse events (Clavien-Dindo ≥3) occurred in 10 patients (25%).",
     "complications_major", 10),
    ("No patient experienced regional recurrence at the resection margins.",
     "recurrence_local", 0),
    ("Six patients (15%) required revision surgery.", "reintervention", 6),
    ("Secondary surgical intervention was performed in 11 patients.", "reintervention", 11),
    ("Four patients were re-explored for bleeding.", "reintervention", 4),
    ("Recurrent disease developed in four patients during follow-up (10%).",
     "recurrence_any", 4),
    ("A total of 30 patients (75%) improved clinically after the procedure.",
     "clinical_success", 30),
])
def test_outcome_words_name_the_right_outcome(text, outcome, events):
    assert [(r.outcome, r.events) for r in extract(text)] == [(outcome, events)]


def test_adverse_events_without_postoperative_or_major_are_not_major_complications():
    assert extract("One patient developed severe adverse events related to anticoagulation.") \
        == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The 5-year crude cumulative incidence of local recurrence and distant metastases were "
     "16.9 and 21.4%, respectively.",
     [("recurrence_distant", "rate_at_time", "all", None, None, 0.214, 60.0),
      ("recurrence_local", "rate_at_time", "all", None, None, 0.169, 60.0)]),
    ("The 2- and 3-year cumulative LR rates were 4.95% (95% CI 3.50-6.75) and 6.82%.",
     [("recurrence_local", "rate_at_time", "all", None, None, 0.0495, 24.0),
      ("recurrence_local", "rate_at_time", "all", None, None, 0.0682, 36.0)]),
])
def test_cumulative_incidence_at_a_time_is_a_rate(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "outcome"), [
    ("Using the Kaplan-Meier product limit method, disease-specific survival was estimated to "
     "be 93%.", "disease_specific_survival"),
    ("Actuarial primary patency was 80%.", "primary_patency"),
])
def test_a_kaplan_meier_estimate_without_a_time_is_a_rate_with_null_time(text, outcome):
    assert keyed(extract(text))[0][:2] == (outcome, "rate_at_time")
    assert extract(text)[0].timepoint_months is None


def test_a_survival_percentage_without_time_or_method_is_still_not_a_rate():
    assert extract("Overall survival was 60% in our patients.") == []


@pytest.mark.parametrize("text", [
    "The cumulative (SE) disease-specific survival rate was 53% (21%) at 5 years.",
    "Disease-specific survival at 5 years was 53% (SE 21%).",
    "Disease-specific survival at 5 years was 53% (± 21%).",
    "Disease-specific survival at 5 years was 53 ± 21%.",
    "Disease-specific survival at 5 years was 53 § 21%.",
])
def test_a_spread_in_brackets_is_never_a_ci(text):
    r = extract(text)
    assert [(x.outcome, x.measure, x.value, x.timepoint_months, x.ci_low, x.ci_high)
            for x in r] == [("disease_specific_survival", "rate_at_time", 0.53, 60.0, None, None)]


def test_a_spread_of_a_duration_is_consumed_but_a_bracketed_percent_stays():
    assert [s.kind for s in text_to_stats("30 months (SD 12)")] == ["duration"]
    assert [s.kind for s in text_to_stats("deceased by 1 year (77.4%)")] == ["duration",
                                                                           "percent"]


def test_plus_minus_rates_at_listed_time_points():
    records = extract("The estimated tumor recurrence rates were 14.1 ± 6.6% at 5 years, "
                      "31.4 ± 9.4% at 10 years, and 43 ± 11% at 15 years.")
    assert [(r.timepoint_months, r.value) for r in records] == [
        (60.0, 0.141), (120.0, 0.314), (180.0, 0.43)]


def test_a_day_window_dates_only_the_outcome_it_qualifies():
    records = extract("A total complication rate of 3.2% and a 1.7% 30-day readmission rate "
                      "were observed.", cohort=None)
    assert keyed(records) == [("complications_any", "proportion", "all", None, None, 0.032, None),
                              ("readmission", "proportion", "all", None, None, 0.017, 1.0)]


# -- class 10: what is not a finding ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Two patients succumbed to complications of an underlying disease.",
    "Three patients died of tumour recurrence.",
    "Fifteen patients were followed until death, and the median follow-up was 13.9 months.",
    "All patients were followed up until they died or until 2020.",
])
def test_causes_of_death_and_follow_up_until_death_are_not_findings(text):
    assert [r for r in extract(text) if r.outcome != "mortality"] == []
    assert not [r for r in extract(text) if r.outcome == "mortality" and r.events == 15]


@pytest.mark.parametrize("text", [
    "Currently five patients are alive (four of them free of known tumor), with a median "
    "survival of 36 months (range, 6 months to 17 years).",
    "Nine patients remain alive, with a mean survival of 51 months.",
])
def test_the_survival_time_of_the_patients_still_alive_is_not_the_cohorts(text):
    assert [r for r in extract(text) if r.measure in ("median", "mean")] == []


def test_a_run_in_subheading_is_not_part_of_a_sentence():
    text = ("Postoperative drainage was placed in 5 patients. Seven patients\n"
            "Early course and mortality\n"
            "All patients were monitored in the NICU. During this phase, 2 patients died.")
    records = extract(text, cohort=33)
    assert [(r.outcome, r.events, r.total) for r in records] == [("mortality", 2, 33)]


def test_subheading_lines():
    from extract.rules.sentences import is_subheading
    assert is_subheading("Early course and mortality", "All patients were monitored")
    assert is_subheading("Late Outcomes", "The median follow-up")
    assert not is_subheading("survival was longer in the group", "The median")
    assert not is_subheading("Overall survival at 5 years", "was 60%")
    assert not is_subheading("Complications occurred in 5 patients.", "The median")


@pytest.mark.parametrize(("text", "months"), [
    ("Secondary patency at 540 days was 100%.", 17.74),
    ("Primary patency at 180 days was 90%.", 5.91),
    ("The 90-day mortality was 5%.", 3.0),
    ("Primary patency at 6 weeks was 95%.", 1.38),
])
def test_days_and_weeks_convert_exactly_but_30_and_90_days_are_whole_months(text, months):
    assert [r.timepoint_months for r in extract(text)] == [months]


# -- class 11: lists and tables ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Independent predictors of death were age > 70 (2.1; 1.2-3.6), diabetes (1.8; 1.1-2.9) "
     "and renal failure (3.0; 1.5-6.0) (hazard ratio; 95% CI).",
     [("age > 70", 2.1, 1.2, 3.6), ("diabetes", 1.8, 1.1, 2.9), ("renal failure", 3.0, 1.5, 6.0)]),
    ("Independent predictors of worse overall survival (HR; 95% CI) were age over 70 years "
     "(2.1; 1.2-3.6) and R1 resection (1.8, 1.1 to 2.9).",
     [("age over 70 years", 2.1, 1.2, 3.6), ("R1 resection", 1.8, 1.1, 2.9)]),
])
def test_hazard_ratios_listed_after_one_phrase_naming_the_measure(text, expected):
    records = extract(text)
    assert {(r.outcome, r.measure, r.adjusted) for r in records} == {
        ("overall_survival", "hazard_ratio", True)}
    assert [(r.comparison, r.value, r.ci_low, r.ci_high) for r in records] == expected


def test_bracketed_pairs_without_a_measure_phrase_are_not_hazard_ratios():
    records = extract("Overall survival differed by age (2.1; 1.2-3.6) and stage (1.8; 1.1-2.9).")
    assert [r for r in records if r.measure == "hazard_ratio"] == []


def test_a_hazard_ratio_named_for_an_event():
    records = extract("In a multivariate analysis, IBR was associated with better DFS (hazard "
                      "ratio (HR) for recurrence: 0.37, 95% CI 0.20-0.69, p=0.002).")
    assert [(r.outcome, r.value, r.ci_low, r.ci_high, r.p_value) for r in records] == [
        ("disease_free_survival", 0.37, 0.2, 0.69, 0.002)]


def _table_records(rows, cohort):
    from extract.assembly.records import candidates_to_records
    from extract.model import Table
    from extract.pipeline import page_tables_to_candidates
    page = Page(5, "", tables=(Table(rows=tuple(rows), page=5),))
    return candidates_to_records(page_tables_to_candidates([page], outcome_nlp(None), cohort),
                                 cohort)


@pytest.mark.parametrize("header", [("Variable", "No.", "%"), ("Outcome", "n", "(%)")])
def test_table_rows_under_an_n_and_percent_header(header):
    records = _table_records([header, ("Reoperation*", "6", "18.8"),
                              ("Readmission", "3", "9.4")], 32)
    assert [(r.outcome, r.events, r.total) for r in records] == [
        ("reintervention", 6, 32), ("readmission", 3, 32)]


def test_two_numbers_without_an_n_and_percent_header_are_not_read_as_one():
    assert _table_records([("Variable", "Group A", "Group B"), ("Reoperation", "6", "18")],
                          32) == []


def test_a_mortality_row_keeps_the_time_of_its_block():
    records = _table_records([("Variable", "No.", "%"), ("Outcome at discharge", None, None),
                              ("Death", "0", "0"), ("Outcome at 6 months", None, None),
                              ("Death (mRS: 6)", "4", "12.5"),
                              ("Long-term follow-up and outcome", None, None),
                              ("Death (mRS: 6)", "10", "31.3")], 32)
    assert [(r.group, r.events, r.timepoint_months) for r in records] == [
        ("all", 0, 0.0), ("all", 4, 6.0), ("all", 10, None)]


def test_an_in_hospital_mortality_row_is_dated_zero():
    records = _table_records([("", "Group A (n = 44)", "Group B (n = 40)"),
                              ("In-hospital death", "4 (9.1)", "2 (5.0)")], 84)
    assert [(r.group, r.events, r.total, r.timepoint_months) for r in records] == [
        ("Group A", 4, 44, 0.0), ("Group B", 2, 40, 0.0)]


def test_a_colon_inside_a_ci_bracket_is_not_a_breakdown():
    records = extract("Median follow-up was 3.42 years, and the 2- and 3-year cumulative LR rates "
                      "were 4.95% (95% confidence interval: 3.50-6.75) and 6.82% (95% confidence "
                      "interval: 5.08-8.89), respectively.")
    assert [(r.timepoint_months, r.value, r.ci_low, r.ci_high) for r in records] == [
        (24.0, 0.0495, 0.035, 0.0675), (36.0, 0.0682, 0.0508, 0.0889)]


@pytest.mark.parametrize("text", [
    "Of the patients dead at follow-up, the mean survival time was 38.8 months.",
    "Among those who died, median survival was 8 months.",
    "Median survival of the 11 early survivors was 3.5 years.",
])
def test_the_survival_time_of_a_subset_chosen_by_vital_status_is_not_the_cohorts(text):
    assert extract(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("One patient died of pneumonia within 30 days of surgery.", [(1, 1.0)]),
    ("Two patients died from perioperative complications.", [(2, 0.0)]),
    ("After a median follow-up of 56 months, 17 patients (42.5%) died of disease.",
     [(17, None)]),
])
def test_a_death_with_its_cause_is_a_death(text, expected):
    records = extract(text)
    assert [(r.events, r.timepoint_months) for r in records if r.outcome == "mortality"] == \
        expected
    assert [r for r in records if r.outcome != "mortality"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("During this phase, 2 patients died: 1 patient died from myocardial infarction and one "
     "from sepsis.", [2]),
    ("Eight patients died during follow-up; five died of disease progression and three died "
     "of other causes.", [8]),
])
def test_counts_breaking_down_a_death_count_are_not_more_deaths(text, expected):
    assert [r.events for r in extract(text)] == expected


def test_counts_at_different_times_are_not_a_breakdown():
    records = extract("One patient died intraoperatively and 2 died within 30 days.")
    assert [(r.events, r.timepoint_months) for r in records] == [(1, 0.0), (2, 1.0)]


def test_a_structured_abstract_on_one_line_has_its_sections():
    from extract.reading.sections import pages_to_blocks
    blocks = pages_to_blocks([Page(None, "BACKGROUND: Earlier series reported 20% mortality. "
                                         "METHODS: We reviewed 40 patients. RESULTS: Mortality "
                                         "was 5%. CONCLUSIONS: Safe.")])
    assert [b.section for b in blocks] == ["introduction", "methods", "results", "conclusion"]
    records = extract("BACKGROUND: Earlier series reported a mortality of 20%. RESULTS: Major "
                      "complications occurred for 25% of the patients, and the 90-day mortality "
                      "rate was 5%.")
    assert keyed(records) == [
        ("complications_major", "proportion", "all", 10, 40, 0.25, None),
        ("mortality", "proportion", "all", 2, 40, 0.05, 3.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Median OS was 41.4 months and 52.4 months for PDS and IDS group, respectively (p = 0.022).",
     [("PDS", 41.4), ("IDS", 52.4)]),
    ("Mean disease-free survival was 20 and 31 months in the CT and No-CT arms, respectively.",
     [("CT", 20.0), ("No-CT", 31.0)]),
])
def test_values_for_groups_named_respectively_belong_to_the_groups(text, expected):
    assert [(r.group, r.value) for r in extract(text)] == expected


def test_coordinated_outcomes_respectively_stay_whole_cohort():
    records = extract("The 5-year OS and DFS rates were 58 and 34%, respectively.")
    assert {r.group for r in records} == {"all"}


# -- hours as a time unit --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Eight patients (20%) died within 72 hours of admission.",
     [("mortality", "proportion", "all", 8, 40, 0.2, 0.1)]),
    ("The 24-hour mortality was 10% (4/40).",
     [("mortality", "proportion", "all", 4, 40, 0.1, 0.03)]),
    ("Four patients died within 48 hrs after surgery.",
     [("mortality", "proportion", "all", 4, 40, 0.1, 0.07)]),
])
def test_hours_are_a_time_unit(text, expected):
    assert keyed(extract(text)) == expected


def test_a_duration_in_hours_is_a_duration_not_a_count():
    stats = text_to_stats("Mean operative time was 3.5 hours")
    assert [(s.kind, s.value) for s in stats] == [("duration", round(3.5 / 24 / 30.44, 4))]


def test_a_hazard_ratio_is_not_hours():
    stats = text_to_stats("age (HR 1.8, 95% CI 1.1-2.9)")
    assert "duration" not in {s.kind for s in stats}


# -- rates and counts for groups written with "respectively" ---------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Mortality was 9.1% and 4.2% in group A and group B, respectively.",
     [("mortality", "proportion", "group A", None, None, 0.091, None),
      ("mortality", "proportion", "group B", None, None, 0.042, None)]),
    ("The 5-year survival rates were 90% and 80% for the open and laparoscopic groups, "
     "respectively.",
     [("overall_survival", "rate_at_time", "laparoscopic", None, None, 0.8, 60.0),
      ("overall_survival", "rate_at_time", "open", None, None, 0.9, 60.0)]),
    ("Complications occurred in 12 (30%) and 7 (17.5%) patients in the early and recent "
     "cohorts, respectively.",
     [("complications_any", "proportion", "early", 12, 40, 0.3, None),
      ("complications_any", "proportion", "recent", 7, 40, 0.175, None)]),
])
def test_rates_for_groups_named_respectively_belong_to_the_groups(text, expected):
    assert keyed(extract(text, cohort=100)) == expected


@pytest.mark.parametrize(("text", "labels"), [
    ("In the laparoscopic and open groups, mortality was 2% and 5%, respectively.",
     ["laparoscopic", "open"]),
    ("In group A and group B, the mortality was 2% and 5%, respectively.", ["group A", "group B"]),
])
def test_groups_opening_a_respectively_sentence_take_its_values(text, labels):
    records = extract(text)
    assert [(r.group, r.value) for r in sorted(records, key=lambda r: r.value)] == \
        list(zip(labels, [0.02, 0.05], strict=True))


def test_more_values_than_respective_groups_are_not_assigned():
    text = "Mortality was 9.1%, 4.2% and 3.0% in group A and group B, respectively."
    assert extract(text) == []


# -- arm tables: value columns per arm, then P values and ratios -----------------------------

@pytest.mark.parametrize("trailing", [(".162", "3.0 (0.8-11.9)"), ("0.16", "OR 3.0 (0.8-11.9)"),
                                      ("NS", "Ref.")])
def test_p_and_ratio_columns_after_the_arms_are_not_counts(trailing):
    records = _table_records([("", "Group A (n = 49)", "Group B (n = 43)", "P", "OR (95% CI)"),
                              ("Mortality at discharge", "9 (18.4)", "3 (7.0)", *trailing)], 92)
    assert [(r.group, r.events, r.total, r.timepoint_months) for r in records] == [
        ("Group A", 9, 49, 0.0), ("Group B", 3, 43, 0.0)]


def test_a_percentage_with_its_fraction_is_one_arm_cell():
    records = _table_records([("", "Open (n = 219)", "Laparoscopic (n = 39)", "P"),
                              ("Death", "0.0% (0/219)", "2.6% (1/39)", "0.15")], 258)
    assert [(r.group, r.events, r.total) for r in records] == [
        ("Open", 0, 219), ("Laparoscopic", 1, 39)]


def test_extra_counts_after_the_arms_are_not_cut_off():
    # more count cells than named columns: which ones are the arms is unknown
    assert _table_records([("", "Group A (n = 49)", "Group B (n = 43)"),
                           ("Mortality", "9 (18.4)", "3 (7.0)", "12", "15")], 92) == []
