"""How numbers attach to outcomes within a sentence (issue 10, classes 3 and 6): each pattern
on the corpus sentence that showed it and on wordings written for this file (other fields),
and a regression test for each false-positive class removed."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

from extract import extract_file
from extract.rules.nlp import VETO, outcome_nlp
from extract.rules.numbers import text_to_stats


def outcomes(text: str) -> list[str]:
    nlp = outcome_nlp(None)
    return [m.outcome for m in nlp.mentions(nlp.nlp(text))]


# -- a duration whose unit follows the bracket of its interval --------------------------------

@pytest.mark.parametrize(("text", "value", "ci", "range_"), [
    ("the Kaplan Meier (Figure 3) estimate of median overall survival was 86.8 (95% CI: "
     "0–189.3) months.", 86.8, (0.0, 189.3), (None, None)),
    ("Median overall survival after hepatectomy was 23 (range 4-60) months.",
     23.0, (None, None), (4.0, 60.0)),
    ("Median progression-free survival after aortic stenting was 1.5 (95% CI 1.1-2.0) years.",
     18.0, (13.2, 24.0), (None, None)),
])
def test_a_unit_after_the_interval_makes_the_number_a_duration(text, value, ci, range_):
    [record] = extract(text)
    assert (record.measure, record.value) == ("median", value)
    assert (record.ci_low, record.ci_high) == ci
    assert (record.range_low, record.range_high) == range_


def test_a_bracket_without_an_interval_does_not_lend_its_unit():
    # "12 (30%) months" is no interval: the number is not a duration
    assert "duration" not in [s.kind for s in text_to_stats("survival was 12 (30%) months")]
    assert extract("Median survival was 12 (30%) months.") == []


def test_a_range_with_its_own_unit_is_converted_by_that_unit():
    [stat] = text_to_stats("410 (IQR 200-800 days) days")
    assert stat.kind == "duration"
    assert (stat.value, stat.range_low, stat.range_high) == (13.4691, 6.5703, 26.2812)


# -- a share of patients described by a participle naming the outcome -------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Complications were not uncommon, with 12.2% (6/49) of our patients requiring revision "
     "surgery.", ("reintervention", 6, 49)),
    ("Wound problems after nephrectomy were frequent, 9 of 40 patients (22.5%) needing an "
     "early reoperation.", ("reintervention", 9, 40)),
    ("After carotid stenting, 5% of the patients experiencing a stroke died.",
     ("mortality", 2, 40)),
])
def test_the_outcome_named_after_a_share_of_patients(text, expected):
    assert [(r.outcome, r.events, r.total) for r in extract(text)] == [expected]


def test_a_participle_describing_a_subgroup_is_not_the_outcome():
    # the 15% are those with a leak; the reintervention is a finding of that subgroup only
    assert not [r for r in extract("Overall, 15% of patients developing a biliary leak "
                                   "required a reintervention.")
                if r.outcome == "reintervention" and r.group == "all"]


# -- a bracket breaking a value down into labelled kinds --------------------------------------

@pytest.mark.parametrize(("text", "outcome", "value"), [
    ("ESD was technically feasible in 85.2 % of patients with a mean procedure time of 127.5 "
     "min (± 99.8) min and a complication rate of 11.5 % (microperforation 9.3 %, delayed "
     "bleeding 2.7 %, no case of emergency surgery).", "complications_any", 0.115),
    ("Postoperative morbidity after lobectomy was 25% (air leak 10%, pneumonia 7.5%).",
     "complications_any", 0.25),
    ("Major complications occurred in 6 patients (15%; bile leak in 3, bleeding in 2).",
     "complications_major", 0.15),
])
def test_labelled_numbers_in_a_bracket_break_the_value_down(text, outcome, value):
    assert [(r.value) for r in extract(text) if r.outcome == outcome] == [value]


def test_an_item_of_the_breakdown_naming_its_own_outcome_is_kept():
    records = extract("The complication rate was 11.5 % (microperforation 9.3 %, 30-day "
                      "mortality rate 0 %).")
    assert keyed(records) == [
        ("complications_any", "proportion", "all", None, None, 0.115, None),
        ("mortality", "proportion", "all", 0, 40, 0.0, 1.0)]


# -- a coordinated modifier naming no outcome keeps its place in the list ---------------------

@pytest.mark.parametrize(("text", "expected"), [
    # (the procedures assessed are the denominator: extract.rules.assessed)
    ("For 155 successfully completed procedures the en bloc and R0 resection rates were 88.4 "
     "and 62.6 %.", [("r0_resection", 97, 0.626)]),
    ("The conversion and R0 resection rates of thoracoscopic segmentectomy were 5 and 92%.",
     [("r0_resection", None, 0.92)]),
    ("Minor and major complications occurred in 10 (25%) and 4 (10%) patients, respectively.",
     [("complications_major", 4, 0.1)]),
])
def test_an_unknown_modifier_coordinated_with_an_outcome_takes_the_first_value(text, expected):
    assert [(r.outcome, r.events, r.value) for r in extract(text, cohort=None)] == expected


def test_a_modifier_that_is_itself_an_outcome_is_not_vetoed():
    assert outcomes("The 5-year overall and disease-free survival rates were 60% and 45%.") \
        == ["overall_survival", "disease_free_survival"]
    assert outcomes("Mortality and R0 resection rates were 2 and 90%.") \
        == ["mortality", "r0_resection"]


# -- outcome words: what they name and what they do not --------------------------------------

@pytest.mark.parametrize("text", [
    "ESD was technically feasible in 85.2 % of patients.",
    "Stent placement across the iliocaval confluence was technically feasible in 47 of 50 "
    "patients (94%).",
    "Technical feasibility of percutaneous nephrolithotomy was 96%.",
])
def test_technical_feasibility_is_technical_success(text):
    assert [r.outcome for r in extract(text)] == ["technical_success"]


@pytest.mark.parametrize("text", [
    "There were only 2 CTCAE (common terminology criteria for adverse events) grade 3 events.",
    "Grade 3a or higher complications occurred in 5 patients (12.5%).",
    "Grade III-IV morbidity after pancreatoduodenectomy was 15%.",
    "Adverse events of grade ≥3 were observed in 3 patients after ablation.",
    "CTCAE grade 3 or higher adverse events developed in 4 patients (10%).",
])
def test_graded_adverse_events_of_grade_3_or_more_are_major(text):
    assert "complications_major" in outcomes(text)


def test_a_graded_condition_is_no_complication():
    assert outcomes("Grade 3 hypertension developed in 2 patients.") == []


@pytest.mark.parametrize("text", [
    "There were 225 living donors and 75 deceased donors.",
    "Liver grafts came from deceased-donor livers in 31 recipients.",
    "One-year and 5-year death-censored graft survival rates were 99% and 96.6%, "
    "respectively.",
    "Graft survival at 3 years was 91%.",
    "Device survival of the cochlear implants was 97% at 10 years.",
])
def test_donors_and_the_survival_of_things_are_not_patient_outcomes(text):
    assert extract(text) == []
    assert VETO in outcomes(text)


def test_patient_survival_beside_graft_survival_is_still_read():
    records = extract("One-year and 5-year patient survival rates were 98.3% and 96.6%, and "
                      "graft survival rates were 95% and 90%, respectively.")
    assert [(r.outcome, r.timepoint_months, r.value) for r in records] == [
        ("overall_survival", 12.0, 0.983), ("overall_survival", 60.0, 0.966)]


# -- a compound adjective ending in "-defined" is no definition -------------------------------

@pytest.mark.parametrize("text", [
    "The 12-month primary patency rate (91.36%; 95% CI, 85.93–95.19%; P < .001) exceeded the "
    "literature-defined performance goal.",
    "Technical success of embolization was 96% (95% CI 90-99%), above the protocol-defined "
    "threshold.",
])
def test_a_literature_defined_goal_does_not_make_a_definition(text):
    assert len(extract(text)) == 1


def test_a_definition_is_still_no_finding():
    assert extract("Primary patency was defined as 90% or more of the lumen open.") == []


def test_a_ci_after_a_bracketed_abbreviation_is_attached():
    [stat] = text_to_stats("occurred (1.17%; 95% confidence interval [CI], 0.14–4.16%)")
    assert (stat.percent, stat.ci_low, stat.ci_high) == (0.0117, 0.0014, 0.0416)


# -- the corpus documents that showed these patterns ------------------------------------------

@pytest.mark.parametrize(("name", "wanted", "unwanted"), [
    ("endo__Sauer2016_n178.txt",
     [("technical_success", 0.852), ("complications_any", 0.115)], []),
    ("venstent__VMixtent_BMCMed2024_prospective_n171.txt", [("primary_patency", 0.9136)], []),
    ("ent__KidneyTx2020_n300.txt", [("overall_survival", 0.983), ("overall_survival", 0.966)],
     ["mortality"]),
])
def test_corpus_documents(shared, name, wanted, unwanted):
    records = extract_file(shared / "corpus" / "text" / name).records
    got = {(r.outcome, round(r.value, 4)) for r in records if r.value is not None}
    assert set(wanted) <= got
    assert not [r for r in records if r.outcome in unwanted]


# -- whole numbers in words above a hundred ---------------------------------------------------

@pytest.mark.parametrize(("text", "count"), [
    ("One hundred and fifty one (5.8%) patients had postoperative complications.", 151),
    ("Two hundred thirty-four patients underwent endovascular aneurysm repair.", 234),
    ("A hundred patients were eligible.", 100),
    ("One hundred and seven patients were treated.", 107),
])
def test_hundreds_in_words_are_one_number(text, count):
    assert text_to_stats(text)[0].count == count


def test_hundreds_in_words_make_the_whole_count():
    records = extract("One hundred and fifty one (5.8%) patients had postoperative "
                      "complications.", cohort=2606)
    assert [(r.events, r.total) for r in records] == [(151, 2606)]


# -- a subset of the patients just counted ----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Nine patients developed distant relapse, two of them concomitant local recurrence.",
     [("recurrence_distant", 9), ("recurrence_local", 2)]),
    ("Twelve patients had a bile leak after hepaticojejunostomy, three of whom required "
     "reoperation.", [("reintervention", 3)]),
    ("Six patients had a prosthetic graft infection, two of them also had major complications.",
     [("complications_major", 2)]),
])
def test_a_subset_of_them_takes_the_outcome_named_after_it(text, expected):
    assert [(r.outcome, r.events) for r in extract(text)] == expected


@pytest.mark.parametrize("text", [
    "Eight patients died, five of them of recurrence.",
    "Eight patients died, five of them from tumour recurrence.",
])
def test_a_subset_dying_of_an_outcome_is_a_cause_not_a_finding(text):
    assert [(r.outcome, r.events) for r in extract(text)] == [("mortality", 8)]


# -- lists of time points ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Median survival was 4.9 months, and 3-, 6-, 9-, and 12-month survival rates were 63%, "
     "33%, 21%, and 14%, respectively.", [(3.0, 0.63), (6.0, 0.33), (9.0, 0.21), (12.0, 0.14)]),
    ("Primary patency rates at 6 months, 1 year, and 2 years were 95%, 90%, and 85%.",
     [(6.0, 0.95), (12.0, 0.9), (24.0, 0.85)]),
    ("Overall survival after lobectomy at 30 days, 6 months and 1 year was 96%, 80% and 72%.",
     [(1.0, 0.96), (6.0, 0.8), (12.0, 0.72)]),
])
def test_a_time_point_list_maps_onto_the_values_in_order(text, expected):
    assert [(r.timepoint_months, r.value) for r in extract(text)
            if r.measure == "rate_at_time"] == expected


@pytest.mark.parametrize(("text", "first", "second"), [
    ("The 1-, 3-, and 5-year overall survival rates were 93.5%, 81.2%, and 75.0%, and "
     "disease-free survival rates were 85%, 70% and 60%, respectively.",
     "overall_survival", "disease_free_survival"),
    ("At 1 and 3 years, primary patency after iliac vein stenting was 90% and 80%, and "
     "secondary patency was 98% and 95%.", "primary_patency", "secondary_patency"),
])
def test_a_later_clause_shares_the_time_point_list(text, first, second):
    records = extract(text)
    times = sorted({r.timepoint_months for r in records})
    assert len(times) > 1
    assert [r.timepoint_months for r in records if r.outcome == first] == times
    assert [r.timepoint_months for r in records if r.outcome == second] == times


def test_a_later_clause_with_other_numbers_keeps_its_own_time():
    records = extract("The 1- and 2-year survival rates were 80% and 60%, and 3 patients "
                      "(7.5%) died in hospital.")
    assert [(r.outcome, r.timepoint_months) for r in records if r.outcome == "mortality"] \
        == [("mortality", 0.0)]


# -- a spread is never the value nor its CI ---------------------------------------------------

@pytest.mark.parametrize(("text", "measure", "value"), [
    ("Mean survival after pneumonectomy was 24.5 (SD 12.1) months.", "mean", 24.5),
    ("Mean overall survival after cystectomy was 30.2 ± 12.5 months.", "mean", 30.2),
    ("Mean overall survival was 30.2 (± 12.5) months.", "mean", 30.2),
    ("Median OS after hepatectomy was 18.3 months (SE 2.1).", "median", 18.3),
])
def test_a_spread_after_a_duration_is_neither_value_nor_ci(text, measure, value):
    [record] = extract(text)
    assert (record.measure, record.value, record.ci_low, record.ci_high) \
        == (measure, value, None, None)


def test_a_spread_of_the_follow_up_is_not_the_survival():
    records = extract("Mean follow-up was 22 ± 8 months and mean survival was 19 (SE 3) "
                      "months.")
    assert [(r.measure, r.value) for r in records] == [("mean", 19.0)]


# -- cumulative incidence at a time is a rate, whatever the outcome ---------------------------

@pytest.mark.parametrize(("text", "outcome", "value", "months"), [
    ("The cumulative probability of major complications at 1 year was 8% (95% CI 4-12%).",
     "complications_major", 0.08, 12.0),
    ("The Kaplan-Meier estimate of freedom from major adverse events at 2 years after "
     "endovascular repair was 93.5%.", "complications_major", 0.065, 24.0),
    ("The 90-day cumulative incidence of readmission after cystectomy was 9%.",
     "readmission", 0.09, 3.0),
])
def test_a_cumulative_figure_at_a_time_is_a_rate(text, outcome, value, months):
    assert keyed(extract(text)) == [(outcome, "rate_at_time", "all", None, None, value, months)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The 30-day complication rate was 12%.",
     ("complications_any", "proportion", "all", 5, 40, 0.12, 1.0)),
    ("The Kaplan-Meier mortality estimate for our series was 29.5% at 1 year.",
     ("mortality", "proportion", "all", None, None, 0.295, 12.0)),
])
def test_a_crude_window_and_mortality_stay_proportions(text, expected):
    assert keyed(extract(text, cohort=40 if "30-day" in text else None)) == [expected]


# -- numbers of a subset chosen by vital status, and cause-specific mortality -----------------

@pytest.mark.parametrize("text", [
    "Of the patients dead at follow-up, the mean survival time was 38.8 months (range 7 days "
    "to 107 months), and 50% died more than 2 years after the ictus.",
    "Among the patients who died, 60% died within 30 days of hepatectomy.",
])
def test_shares_of_the_dead_are_not_the_cohort_mortality(text):
    assert extract(text) == []


def test_a_counted_subset_of_survivors_is_their_stratum():
    # the survivors are a stratum (extract.rules.strata): their numbers are theirs, and the
    # deaths they imply (23 of 40) are not inferred from a sentence about something else
    records = extract("In the 17 patients who survived the initial period, median "
                      "postoperative GCS was 14 seven days after the decompression.")
    assert not [r for r in records if r.group == "all"]


@pytest.mark.parametrize(("text", "kept"), [
    ("At this time post-surgery, ten patients were dead, with the disease-specific mortality "
     "being 50%.", [("mortality", 10)]),
    ("Cancer-specific mortality at 5 years after cystectomy was 12%, and 8 patients died.",
     [("mortality", 8)]),
    ("Tumour-specific mortality after nephrectomy was 9%.", []),
])
def test_cause_specific_mortality_is_not_all_cause_mortality(text, kept):
    assert [(r.outcome, r.events) for r in extract(text)] == kept


# -- an arm named right after a number or an outcome ------------------------------------------

@pytest.mark.parametrize("text", [
    "One patient in group A and 3 patients in group B died in spite of decompression.",
    "Procedure-related complications in group A occurred in 2 (7.1%) patients.",
    "Three patients (7.5%) in the stent arm required reintervention.",
])
def test_a_count_or_outcome_of_one_arm_is_not_the_cohort(text):
    assert not [r for r in extract(text) if r.group == "all"]


def test_an_arm_of_the_adjacent_group_phrase_keeps_its_label():
    records = extract("Procedure-related complications in group A occurred in 2 (7.1%) "
                      "patients.")
    assert [r.group for r in records] == ["group A"]


def test_the_whole_group_is_the_cohort():
    assert [r.group for r in extract("Mortality in the whole group was 5%.")] == ["all"]


# -- "(n = k)" after a percentage is its count ------------------------------------------------

@pytest.mark.parametrize(("text", "cohort", "events", "total"), [
    ("In-hospital mortality after aortic arch repair was 4.5% (n = 9).", 200, 9, 200),
    ("The overall complication rate after nephrectomy was 18.2% (n = 20).", 110, 20, 110),
    ("Recurrence was observed in 12.5% (n=5) of patients.", 40, 5, 40),
])
def test_a_count_in_brackets_after_a_percentage_is_its_numerator(text, cohort, events, total):
    assert [(r.events, r.total) for r in extract(text, cohort=cohort)] == [(events, total)]


# -- a duration's interval is in the duration's unit -----------------------------------------

@pytest.mark.parametrize(("text", "ci", "range_"), [
    ("Median survival was 540 days (95% CI 300-800).", (9.855453, 26.281209), (None, None)),
    ("Median survival was 540 days (range 30-1200).", (None, None), (0.9855, 39.4218)),
    ("median 2.3 years (IQR 1.1-4.0)", (None, None), (13.2, 48.0)),
    ("median 2 years (range 6 months to 5 years)", (None, None), (6.0, 60.0)),
    ("median 94 months (range, 25 to 144 months)", (None, None), (25.0, 144.0)),
])
def test_bare_bounds_of_a_duration_share_its_unit(text, ci, range_):
    [stat] = [s for s in text_to_stats(text) if s.kind == "duration"]
    assert (stat.ci_low, stat.ci_high) == ci
    assert (stat.range_low, stat.range_high) == range_


# -- major and minor, and a head noun shared by a coordinated list ----------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Major and minor complication rates after uterine artery embolization were 4.2% and "
     "12.5%.", [("complications_major", 0.042)]),
    ("The stone-free and complication rates of ureteroscopy were 85% and 10%.",
     [("complications_any", 0.1)]),
    ("Mortality and complication rates after esophagectomy were 2% and 20%.",
     [("mortality", 0.02), ("complications_any", 0.2)]),
])
def test_a_shared_head_noun_pairs_the_listed_values_in_order(text, expected):
    assert [(r.outcome, r.value) for r in extract(text)] == expected


@pytest.mark.parametrize("text", [
    "Minor complications occurred in 6 patients (15%).",
    "No major complications were observed at the donor site; minor complications were "
    "observed in 30 patients.",
])
def test_minor_complications_are_neither_any_nor_major(text):
    assert not [r for r in extract(text) if r.events not in (0, None) or r.value]


def test_kinds_of_complications_listed_before_the_noun_stay_ambiguous():
    assert extract("Wound and urinary complications were 10% and 5%.") == []


def test_a_modifier_coordinated_with_a_veto_names_the_vetoed_thing():
    # "cumulative and device survival": both are the implants' survival, not the patients'
    assert extract("The overall 10-year cumulative and device survival rates were 93.4% and "
                   "95.8%, respectively.") == []


# -- a window in days makes a crude proportion ------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The 30-day reoperation rate after pancreatoduodenectomy was 3%.",
     [("reintervention", "proportion", 1.0)]),
    ("The 30-day readmission and reoperation rates were 8% and 3%, respectively.",
     [("readmission", "proportion", 1.0), ("reintervention", "proportion", 1.0)]),
    ("The 90-day cumulative incidence of reintervention was 6%.",
     [("reintervention", "rate_at_time", 3.0)]),
    ("Reintervention rate at 1 year after EVAR was 10%.",
     [("reintervention", "rate_at_time", 12.0)]),
])
def test_a_day_window_is_a_proportion_unless_cumulative(text, expected):
    assert [(r.outcome, r.measure, r.timepoint_months) for r in extract(text)] == expected


# -- values compared with "vs." share the unit; a comparison is not the cohort's --------------

def test_a_bare_number_before_vs_shares_the_percent_sign():
    assert [s.percent for s in text_to_stats("70.8 vs. 40.5 %")] == [0.708, 0.405]
    assert [s.percent for s in text_to_stats("12 versus 30%")] == [0.12, 0.3]


@pytest.mark.parametrize("text", [
    "Efficacy was better for smaller lesions (20 mm to 49 mm; n = 131) than for larger lesions "
    "(50 mm to 140 mm; n = 51) with R0 rates of 70.8 vs. 40.5 % (P < 0.001).",
    "Stenting of short lesions gave primary patency rates of 91 vs. 76% (p = 0.02).",
])
def test_values_compared_with_vs_are_not_one_cohort_finding(text):
    assert not [r for r in extract(text) if r.group == "all"]


# -- an early-period qualifier, and a fixed time right after the number -----------------------

@pytest.mark.parametrize(("text", "outcome"), [
    ("Three patients (16%) required early re-intervention (days 1–8) due to stent "
     "compression.", "reintervention"),
    ("Early complications after hepaticojejunostomy occurred in 5 patients (12.5%).",
     "complications_any"),
])
def test_an_early_outcome_is_a_subgroup(text, outcome):
    assert [(r.outcome, r.group) for r in extract(text)] == [(outcome, "early")]


def test_an_early_death_is_a_time_not_a_group():
    assert [(r.group, r.timepoint_months) for r in extract("There were two early deaths "
                                                           "(5%).")] == [("all", 0.0)]


@pytest.mark.parametrize(("text", "months"), [
    ("The overall recurrence rate was 35.6% (149/418) at 42 months.", 42.0),
    ("Clinical success after venous stenting was 85% at 6 months.", 6.0),
    ("Recurrence occurred in 5 patients (12.5%) at a median of 14 months.", None),
])
def test_a_fixed_time_right_after_the_number_dates_the_proportion(text, months):
    assert [r.timepoint_months for r in extract(text)] == [months]


# -- a bare count after "of the" is whose outcome it is, not how many had it -----------------

@pytest.mark.parametrize("text", [
    "Figure 2. Primary patency of the 42 patients.",
    "Table 3 | Complications among these 40 patients after hepatectomy.",
    "Freedom from reintervention of our 40 patients is shown in Figure 4.",
])
def test_a_bare_count_after_of_the_is_a_denominator_not_events(text):
    assert extract(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Stent placement was technically successful in all 40 patients.",
     [("technical_success", 40, 40)]),
    ("Recurrence developed in 6 of the 40 patients.", [("recurrence_any", 6, 40)]),
    ("Death occurred in 3 patients within 30 days.", [("mortality", 3, 40)]),
])
def test_counts_that_are_events_stay_events(text, expected):
    assert [(r.outcome, r.events, r.total) for r in extract(text)] == expected
