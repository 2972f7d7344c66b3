"""Consistency flags on crafted records, and on the gold records of the seeds."""

from __future__ import annotations

import json

import pytest

from extract.assembly.consistency import consistency_flags, percent_tolerance, rounds_to
from extract.model import ExtractedRecord, Page, PatientRowData, StudyInfo
from extract.tables.patients import pages_to_patient_rows


def prop(outcome="mortality", events=None, total=None, value=None, group="all", quote="q",
         timepoint=None, page=None):
    return ExtractedRecord(outcome, "proportion", group=group, events=events, total=total,
                           value=value, timepoint_months=timepoint, quote=quote, page=page)


def kinds(flags):
    return [flag.kind for flag in flags]


@pytest.mark.parametrize(
    ("value", "tolerance"),
    [(0.3, 0.005), (0.675, 0.0005), (0.1667, 0.00005), (1.0, 0.005)],
)
def test_tolerance_follows_the_written_precision(value, tolerance):
    assert percent_tolerance(value) == pytest.approx(tolerance, abs=1e-8)


@pytest.mark.parametrize(
    ("events", "total", "value", "expected"),
    [(12, 41, 0.29, True), (12, 41, 0.30, False), (1, 6, 0.17, True), (1, 6, 0.16, False),
     (27, 40, 0.675, True), (27, 41, 0.675, False), (0, 9, 0.0, True)],
)
def test_rounds_to(events, total, value, expected):
    assert rounds_to(events, total, value) is expected


def test_percentage_that_is_not_its_count_is_flagged_once_per_quote():
    records = [prop("complications_major", 8, 33, 0.25, quote="Major 8 (25) 3 (30)", page=4),
               prop("complications_major", 3, 11, 0.30, group="B", quote="Major 8 (25) 3 (30)")]
    flags = consistency_flags(records, StudyInfo(n_patients=33))
    assert kinds(flags) == ["percent_mismatch"]
    assert flags[0].page == 4 and flags[0].quote == "Major 8 (25) 3 (30)"
    assert "8/33 = 24.2%, reported as 25%" in flags[0].message
    assert "(B): 3/11 = 27.3%, reported as 30%" in flags[0].message


def test_truncated_percentage_is_flagged():
    flags = consistency_flags([prop("recurrence_local", 1, 6, 0.16)], StudyInfo(n_patients=6))
    assert kinds(flags) == ["percent_mismatch"]


def test_consistent_records_raise_nothing():
    records = [prop("r0_resection", 29, 41, 0.71), prop("r0_resection", 24, 29, 0.83, "No CT"),
               prop("r0_resection", 5, 12, 0.42, "CT")]
    assert consistency_flags(records, StudyInfo(n_patients=41)) == []


def test_implied_denominator_one_off_the_cohort_is_flagged():
    flags = consistency_flags([prop("recurrence_any", 18, None, 0.5625)],
                              StudyInfo(n_patients=33))
    assert kinds(flags) == ["implied_total"]
    assert "implies N = 32, cohort is 33" in flags[0].message


def test_declared_subset_far_from_the_cohort_is_not_flagged():
    flags = consistency_flags([prop("primary_patency", 20, 25, 0.8)], StudyInfo(n_patients=40))
    assert flags == []


def test_same_outcome_stated_with_two_numbers():
    records = [prop("technical_success", 30, 40, 0.65, quote="abstract"),
               prop("technical_success", 30, 38, 0.79, quote="results"),
               prop("technical_success", 30, 38, 0.79, quote="table")]
    flags = consistency_flags(records, StudyInfo())
    conflicts = [f for f in flags if f.kind == "conflicting_values"]
    assert len(conflicts) == 1
    assert conflicts[0].message == (
        "technical_success stated as 65% (30/40) and as 79% (30/38)")
    assert conflicts[0].quote == "abstract | results"


def test_different_time_points_or_groups_do_not_conflict():
    records = [prop("mortality", 1, 50, 0.02, timepoint=1), prop("mortality", 5, 50, 0.1),
               prop("mortality", 3, 20, 0.15, group="open")]
    assert [f for f in consistency_flags(records, StudyInfo()) if f.kind ==
            "conflicting_values"] == []


def test_medians_conflict_beyond_one_percent():
    first = ExtractedRecord("overall_survival", "median", value=55.0, quote="a")
    close = ExtractedRecord("overall_survival", "median", value=55.3, quote="b")
    far = ExtractedRecord("overall_survival", "median", value=48.0, quote="c")
    assert consistency_flags([first, close], StudyInfo()) == []
    assert kinds(consistency_flags([first, far], StudyInfo())) == ["conflicting_values"]


def test_subgroups_that_do_not_add_up():
    records = [prop("clinical_success", 20, 30, 0.67),
               prop("clinical_success", 9, 12, 0.75, group="IVC"),
               prop("clinical_success", 12, 18, 0.67, group="Iliac")]
    flags = consistency_flags(records, StudyInfo(n_patients=30))
    assert kinds(flags) == ["subgroup_sum"]
    assert "add up to 21/30, the whole cohort has 20/30" in flags[0].message


def test_a_partition_that_adds_up_hides_a_coincidental_run():
    records = [prop("clinical_success", 20, 30, 0.67),
               prop("clinical_success", 8, 12, 0.67, group="IVC"),
               prop("clinical_success", 12, 18, 0.67, group="Iliac"),
               prop("clinical_success", 10, 12, 0.83, group="Bilateral"),
               prop("clinical_success", 10, 18, 0.56, group="Unilateral")]
    assert consistency_flags(records, StudyInfo(n_patients=30)) == []


def test_survival_range_beyond_the_per_case_table():
    median = ExtractedRecord("overall_survival", "median", value=40.0, range_low=10.0,
                             range_high=90.0, quote="median 40 (range, 10 to 90)")
    rows = [PatientRowData(str(i), {"OS": str(v)}) for i, v in enumerate((10, 35, 72), 1)]
    flags = consistency_flags([median], StudyInfo(), rows)
    assert kinds(flags) == ["range_vs_patients"]
    assert "per-case table gives 10–72" in flags[0].message


def test_seed_gold_records_reproduce_the_gold_flags(shared):
    fields = set(ExtractedRecord.__dataclass_fields__)
    found = {}
    for stem in ("001_eb2d2949fa875907", "004_f6dfa0e86cd2d3b2"):
        gold = json.loads((shared / "gold" / "seeds" / f"{stem}.json").read_text())
        records = [ExtractedRecord(**{k: v for k, v in r.items() if k in fields})
                   for r in gold["records"]]
        text = (shared / "corpus" / "seeds" / f"{stem}.txt").read_text()
        rows, _ = pages_to_patient_rows([Page(None, text)])
        flags = consistency_flags(records, StudyInfo(n_patients=gold["study"]["n_patients"]),
                                  rows)
        found[stem] = sorted(kinds(flags))
        assert len(flags) == len(gold["consistency_flags"])
    assert found == {"001_eb2d2949fa875907": ["implied_total", "percent_mismatch"],
                     "004_f6dfa0e86cd2d3b2": ["percent_mismatch", "range_vs_patients"]}


def test_three_different_statements_give_one_flag():
    records = [prop("mortality", 8, 52, 0.154, timepoint=0, quote="a"),
               prop("mortality", 8, 52, 0.15, timepoint=0, quote="b"),
               prop("mortality", 1, 52, 0.019, timepoint=0, quote="c"),
               prop("mortality", 0, 52, 0.0, timepoint=0, quote="d")]
    flags = consistency_flags(records, StudyInfo(n_patients=52))
    assert kinds(flags) == ["conflicting_values"]
    assert flags[0].message == (
        "mortality at 0 months stated as 15.4% (8/52), 1.9% (1/52) and as 0% (0/52)")
    assert flags[0].quote == "a | c | d"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_records = st.builds(
    ExtractedRecord,
    outcome=st.sampled_from(["mortality", "r0_resection", "overall_survival"]),
    measure=st.sampled_from(["proportion", "rate_at_time", "median"]),
    group=st.sampled_from(["all", "A", "B"]),
    events=st.none() | st.integers(-5, 500),
    total=st.none() | st.integers(-5, 500),
    value=st.none() | st.floats(-1, 200, allow_nan=False),
    range_low=st.none() | st.floats(0, 200, allow_nan=False),
    range_high=st.none() | st.floats(0, 200, allow_nan=False),
    timepoint_months=st.none() | st.sampled_from([0.0, 12.0]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_records, max_size=8), st.none() | st.integers(0, 500))
def test_consistency_never_crashes(records, cohort):
    rows = [PatientRowData("1", {"OS": "12"}), PatientRowData("2", {"OS": "30"})]
    for flag in consistency_flags(records, StudyInfo(n_patients=cohort), rows):
        assert flag.kind in ("percent_mismatch", "implied_total", "conflicting_values",
                             "subgroup_sum", "range_vs_patients")
        assert flag.message and "\n" not in flag.message


def test_kaplan_meier_rate_with_patients_at_risk_is_not_a_mismatch():
    rate = ExtractedRecord("overall_survival", "rate_at_time", events=None, total=20, value=0.62,
                           timepoint_months=36)
    at_risk = ExtractedRecord("primary_patency", "rate_at_time", events=9, total=20, value=0.71,
                              timepoint_months=12)
    assert consistency_flags([rate, at_risk], StudyInfo(n_patients=20)) == []
