"""Study tables and curated records -> one row per study."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from meta import InvalidInput, RecordConflict
from meta.inputs import pool_frame, read_study_csv, records_to_study_frame

COLUMNS = ["document", "study_label", "outcome", "measure", "group", "events", "total", "value",
           "ci_low", "ci_high", "ci_level", "timepoint_months", "status", "id"]


def records(rows):
    return pd.DataFrame([dict(zip(COLUMNS, r, strict=True)) for r in rows])


BASE = [
    ("a.pdf", "Ahn 2020", "r0_resection", "proportion", "all", 29, 41, None, None, None, 0.95,
     None, "accepted", 1),
    ("b.pdf", "Bo 2021", "r0_resection", "proportion", "all", 4, 4, None, None, None, 0.95,
     None, "edited", 2),
    ("c.pdf", "Cruz 2022", "r0_resection", "proportion", "All", None, 6, 0.667, None, None,
     0.95, None, "extracted", 3),
    ("c.pdf", "Cruz 2022", "r0_resection", "proportion", "CT", 2, 3, None, None, None, 0.95,
     None, "accepted", 4),
    ("a.pdf", "Ahn 2020", "overall_survival", "rate_at_time", "all", None, 41, 0.5, 0.35, 0.65,
     0.95, 60, "accepted", 5),
    ("b.pdf", "Bo 2021", "overall_survival", "rate_at_time", "all", None, 30, 0.4, None, None,
     0.95, 60, "accepted", 6),
    ("b.pdf", "Bo 2021", "overall_survival", "rate_at_time", "all", None, 30, 0.7, None, None,
     0.95, 36, "accepted", 7),
]


def test_records_to_one_row_per_study_with_derived_events():
    frame = records_to_study_frame(records(BASE), "r0_resection")
    assert frame["study"].tolist() == ["Ahn 2020", "Bo 2021", "Cruz 2022"]
    assert frame["events"].tolist() == [29, 4, 4]  # 0.667 x 6 rounded
    assert any("round(proportion x total) for: Cruz 2022" in n for n in frame.attrs["notes"])
    res = pool_frame(frame)
    assert res.k == 3
    assert any("unreviewed extraction: 1 of 3" in n for n in res.notes)


def test_conflicting_records_are_reported_not_double_counted():
    dup = (*BASE[0][:5], 30, 41, *BASE[0][7:13], 99)
    with pytest.raises(RecordConflict) as err:
        records_to_study_frame(records([*BASE, dup]), "r0_resection")
    assert str(err.value) == ("conflicting r0_resection/proportion records (one study may "
                              "count once): a.pdf (records 1, 99); accept one and reject the "
                              "others")
    assert err.value.conflicts == [("a.pdf", [1, 99])]


def test_several_timepoints_must_be_chosen():
    with pytest.raises(InvalidInput, match=r"several time points \(36, 60 months\)"):
        records_to_study_frame(records(BASE), "overall_survival")
    frame = records_to_study_frame(records(BASE), "overall_survival", timepoint=60)
    res = pool_frame(frame, measure="rate_at_time")
    assert res.k == 2 and res.transform == "cloglog"


def test_rejected_records_are_never_pooled():
    rejected = (*BASE[0][:12], "rejected", 50)
    frame = records_to_study_frame(records([*BASE[1:4], rejected]), "r0_resection")
    assert frame["study"].tolist() == ["Bo 2021", "Cruz 2022"]


def test_subgroup_rows_when_group_is_none():
    frame = records_to_study_frame(records(BASE), "r0_resection", group=None)
    assert frame["study"].tolist() == ["Cruz 2022 (CT)"]


def test_unknown_outcome_lists_known_ones():
    with pytest.raises(InvalidInput, match=r"no records for outcome 'mortality' \(outcomes: "):
        records_to_study_frame(records(BASE), "mortality")


def write(tmp_path, text):
    path = tmp_path / "studies.csv"
    path.write_text(text)
    return read_study_csv(path)


def test_csv_layouts(tmp_path):
    df = write(tmp_path, "study,yi,sei\nA,0.1,0.2\nB,0.3,0.25\nC,0.2,0.1\n")
    assert pool_frame(df).kind == "generic"
    df = write(tmp_path, "study,value,ci_low,ci_high\nA,0.7,0.5,0.98\nB,0.9,0.6,1.35\n")
    res = pool_frame(df, measure="hazard_ratio", method="DL")
    assert res.kind == "ratio" and 0.7 < res.estimate < 0.9
    df = write(tmp_path, "study,value,ci_low,ci_high\nA,20,15,NR\nB,30,22,41\n")
    assert pool_frame(df, measure="median").kind == "median"


def test_csv_non_numeric_cell_names_row(tmp_path):
    df = write(tmp_path, "study,events,total\nA,3,10\nB,x,12\n")
    with pytest.raises(InvalidInput, match=r"^row 2 \(B\): events is not a number \('x'\)$"):
        pool_frame(df)


def test_csv_missing_columns(tmp_path):
    df = write(tmp_path, "study,events\nA,3\n")
    with pytest.raises(InvalidInput, match=r"^missing columns: expected study plus events,total"):
        pool_frame(df)
    df = write(tmp_path, "name,events,total\nA,3,10\n")
    with pytest.raises(InvalidInput, match=r"^missing column 'study'"):
        pool_frame(df)


def test_value_columns_need_measure(tmp_path):
    df = write(tmp_path, "study,value,ci_low,ci_high\nA,0.7,0.5,0.98\nB,0.9,0.6,1.35\n")
    with pytest.raises(InvalidInput, match="need --measure hazard_ratio, median or rate_at_time"):
        pool_frame(df)


def test_by_column_must_exist(tmp_path):
    df = write(tmp_path, "study,events,total\nA,3,10\nB,4,12\n")
    with pytest.raises(InvalidInput, match=r"--by column 'arm' not found"):
        pool_frame(df, by="arm")
    assert math.isnan(pool_frame(df, method="FE").pi_low)


def test_csv_with_a_ragged_row_is_a_one_line_error(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("study,events,total\na,1,2\nb,1,2,3,4\n")
    with pytest.raises(InvalidInput) as raised:
        read_study_csv(path)
    message = str(raised.value)
    assert message.startswith(f"cannot read {path}: ")
    assert "line 3" in message and "\n" not in message
