"""Results written as inline comparison lists: a label, then one value per arm (issue 10)."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.study.arm_sizes import sentence_to_listed_arms
from extract.study.arms import text_to_arms


def records(text: str, cohort: int | None) -> list[tuple]:
    found = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.group, r.events, r.total, r.timepoint_months, r.rule)
                  for r in found)


# --- arm sizes written as lists in the methods

def test_labels_with_their_n_in_one_bracket_are_arms():
    sentence = "Patients were analysed by technique (n = 200; RDP n = 90, LDP n = 110)."
    assert sentence_to_listed_arms(sentence) == [("RDP", 90), ("LDP", 110)]
    assert sentence_to_listed_arms("Two techniques (KX n = 12; QZ n = 30).") == [
        ("KX", 12), ("QZ", 30)]


def test_counts_naming_abbreviations_are_arms():
    assert sentence_to_listed_arms("After matching, 90 RDP and 110 LDP patients were compared.") \
        == [("RDP", 90), ("LDP", 110)]
    text = "We compared open surgical repair (OSR) with endovascular aneurysm repair (EVAR)."
    assert sentence_to_listed_arms("Overall, 40 OSR and 35 EVAR were analysed.", text) == [
        ("OSR", 40), ("EVAR", 35)]


def test_an_undefined_capital_word_with_a_count_is_no_arm():
    # "ASA 3" and "NYHA 2" are scores, and nothing says the counts partition anything
    assert sentence_to_listed_arms("Median scores were ASA 3, NYHA 2 at entry.") == []
    # a bare count after a label is an arm only when the counts add up to a stated whole
    text = "drug-coated balloons (DCB) or plain balloons (POBA)"
    assert sentence_to_listed_arms("In all (n = 150) were treated; DCB 80, POBA 70.", text) \
        == [("DCB", 80), ("POBA", 70)]
    assert sentence_to_listed_arms("In all (n = 160) were treated; DCB 80, POBA 70.", text) == []


def test_arms_sized_with_were_need_their_whole():
    assert sentence_to_listed_arms(
        "The patients were 120; the elderly were 45 (37.5 %) and younger patients 75.") == [
        ("elderly", 45), ("younger", 75)]
    assert sentence_to_listed_arms("The elderly were 45 and younger patients 75.") == []


def test_listed_arms_join_the_document_arm_model():
    text = "Methods: 80 patients were included (ARM-X n = 50; ARM-Y n = 30). Results: ..."
    assert text_to_arms(text) == {"ARM-X": 50, "ARM-Y": 30}


# --- the lists of results

_RDP = ("Methods: Robotic distal pancreatectomy (RDP) and laparoscopic distal pancreatectomy "
        "(LDP) were compared; after matching, 90 RDP and 110 LDP patients were analysed. "
        "Results: ")


def test_a_semicolon_list_after_a_label_naming_the_arms_is_read_per_arm_and_summed():
    found = records(_RDP + "Morbidity, RDP vs LDP: 30 (33.3%) vs 44 (40.0%), P = 0.31; "
                    "reoperation: 3 (3.3%) vs 5 (4.5%); in-hospital mortality: 1 (1.1%) vs "
                    "2 (1.8%).", 200)
    assert found == sorted([
        ("complications_any", "RDP", 30, 90, None, "arm_list"),
        ("complications_any", "LDP", 44, 110, None, "arm_list"),
        ("complications_any", "all", 74, 200, None, "sum_of_groups"),
        ("reintervention", "RDP", 3, 90, None, "arm_list"),
        ("reintervention", "LDP", 5, 110, None, "arm_list"),
        ("reintervention", "all", 8, 200, None, "sum_of_groups"),
        ("mortality", "RDP", 1, 90, 0.0, "arm_list"),
        ("mortality", "LDP", 2, 110, 0.0, "arm_list"),
        ("mortality", "all", 3, 200, 0.0, "sum_of_groups")])


def test_a_header_before_a_dash_orders_the_values():
    # the header names the arms in the other order than the methods
    found = records(_RDP + "Outcomes (LDP versus RDP) - major complications: 11 (10.0%) versus "
                    "7 (7.8%); 30-day mortality: 2 (1.8%) versus 0 (0%).", 200)
    assert ("complications_major", "LDP", 11, 110, None, "arm_list") in found
    assert ("complications_major", "RDP", 7, 90, None, "arm_list") in found
    assert ("complications_major", "all", 18, 200, None, "sum_of_groups") in found
    assert ("mortality", "all", 2, 200, 1.0, "sum_of_groups") in found


def test_values_naming_their_arm_are_that_arms():
    text = ("Methods: Patients were treated with drug-coated balloons (DCB) or plain balloon "
            "angioplasty (POBA) (n = 150; DCB n = 80, POBA n = 70). Results: Reintervention "
            "at 12 months: DCB 6.3 % (n = 5), POBA 17.1 % (n = 12); P = 0.03.")
    found = records(text, 150)
    assert ("reintervention", "DCB", 5, 80, 12.0, "arm_list") in found
    assert ("reintervention", "POBA", 12, 70, 12.0, "arm_list") in found
    assert ("reintervention", "all", 17, 150, 12.0, "sum_of_groups") in found  # one modality


def test_values_after_a_dash_with_group_labels_and_percentages_only():
    text = ("Methods: Group A (n = 50) had early and group B (n = 44) delayed repair. "
            "Results: Complications - group A 12%, group B 9%.")
    found = records(text, 94)
    assert ("complications_any", "Group A", 6, 50, None, "arm_list") in found
    assert ("complications_any", "group B", 4, 44, None, "arm_list") in found
    # counts read from percentages are not summed into the cohort's
    assert not [r for r in found if r[0] == "complications_any" and r[1] == "all"]


def test_ordered_values_with_and_in_the_two_arms():
    text = ("Methods: Group A (n = 60) had a stapled and group B (n = 65) a hand-sewn "
            "anastomosis. Results: Reoperation: 3 (5%) and 2 (3%) in the two arms.")
    found = records(text, 125)
    assert ("reintervention", "Group A", 3, 60, None, "arm_list") in found
    assert ("reintervention", "group B", 2, 65, None, "arm_list") in found
    assert ("reintervention", "all", 5, 125, None, "sum_of_groups") in found


def test_a_copula_before_values_joined_by_vs():
    found = records(_RDP + "Readmission within 30 days was 10 (11.1%) vs 9 (8.2%).", 200)
    assert ("readmission", "RDP", 10, 90, 1.0, "arm_list") in found
    assert ("readmission", "all", 19, 200, 1.0, "sum_of_groups") in found


def test_arms_of_different_treatments_are_never_summed():
    text = ("Methods: We compared open surgical repair (OSR) and endovascular aneurysm repair "
            "(EVAR) in 75 patients (OSR n = 40; EVAR n = 35). Results: Mortality (OSR/EVAR): "
            "4/40 vs 1/35.")
    found = records(text, 75)
    assert ("mortality", "OSR", 4, 40, None, "arm_list") in found
    assert ("mortality", "EVAR", 1, 35, None, "arm_list") in found
    assert not [r for r in found if r[1] == "all"]


def test_undefined_arms_are_what_the_title_compares():
    text = ("Stent grafting versus open surgery for popliteal aneurysm\n\nMethods: Of 90 "
            "patients (SG n = 50, OS n = 40). Results: 30-day mortality: SG 2.0 % (n = 1), "
            "OS 5.0 % (n = 2).")
    found = records(text, 90)
    assert ("mortality", "SG", 1, 50, 1.0, "arm_list") in found
    assert not [r for r in found if r[1] == "all"]


def test_a_label_naming_a_kind_of_the_outcome_is_not_the_outcome():
    found = records(_RDP + "Results (RDP vs LDP) - wound complications: 10 (11.1%) vs 12 "
                    "(10.9%); readmission for bleeding: 2 (2.2%) vs 3 (2.7%).", 200)
    assert found == []


def test_more_values_than_arms_are_not_read_per_arm():
    found = records(_RDP + "Reoperation: 3 (3.3%) vs 5 (4.5%) vs 8 (4.0%).", 200)
    assert not [r for r in found if r[5] == "arm_list"]


def test_an_earlier_window_dates_the_complications_listed_after_it():
    found = records(_RDP + "Complications within 90 days: 40 (44.4%) vs 50 (45.5%); "
                    "Clavien-Dindo grade III or higher: 9 (10.0%) vs 12 (10.9%).", 200)
    assert ("complications_any", "all", 90, 200, 3.0, "sum_of_groups") in found
    assert ("complications_major", "all", 21, 200, 3.0, "sum_of_groups") in found


def test_counts_of_a_finding_per_arm_are_no_arm_sizes():
    assert sentence_to_listed_arms("Bleeding occurred in 4 RDP and 6 LDP patients.") == []
    assert sentence_to_listed_arms("A leak was seen in 3 OSR and 2 EVAR patients.") == []


def test_the_listed_arms_are_the_cohort_when_the_cohort_read_is_their_population():
    text = _RDP + "Reoperation: 3 (3.3%) vs 5 (4.5%)."
    for cohort in (None, 640):  # none read, or the patients the arms were drawn from
        assert ("reintervention", "all", 8, 200, None, "sum_of_groups") in records(text, cohort)
    text = ("Methods: Two techniques were compared (TA n = 30; TB n = 40). Results: "
            "Reoperation: 2 (6.7%) vs 1 (2.5%).")
    assert ("reintervention", "all", 3, 70, None, "sum_of_groups") in records(text, None)


def test_rates_per_arm_with_their_counts_in_one_bracket():
    found = records(_RDP + "Thirty-day mortality was 1.1 % and 1.8 % (1 vs 2 patients).", 200)
    assert ("mortality", "RDP", 1, 90, 1.0, "arm_list") in found
    assert ("mortality", "LDP", 2, 110, 1.0, "arm_list") in found
    assert ("mortality", "all", 3, 200, 1.0, "sum_of_groups") in found
    found = records(_RDP + "Reoperation was 4.4% vs 2.7% (4 and 3 cases), P = 0.5.", 200)
    assert ("reintervention", "all", 7, 200, None, "sum_of_groups") in found


def test_a_bracket_of_counts_that_do_not_fit_the_arms_is_not_read():
    # three counts for two arms: not one count per rate
    found = records(_RDP + "Reoperation was 4.4% vs 2.7% (4 vs 3 vs 2 patients).", 200)
    assert not [r for r in found if r[5] == "arm_list"]
