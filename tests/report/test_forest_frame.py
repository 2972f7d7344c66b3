"""The data behind each forest plot, compared with golden files (one per layout case)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from meta.forest_frame import forest_frame

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.stem for p in CASES.glob("*.json"))
SIGNIFICANT = 6  # digits kept in goldens: layout depends on these, not on 1e-12 noise


def load(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def frame_text(frame) -> str:
    rounded = frame.copy()
    for column in ("estimate", "ci_low", "ci_high", "weight"):
        rounded[column] = [_round(v) for v in rounded[column]]
    attrs = json.dumps(frame.attrs, sort_keys=True)
    return f"# {attrs}\n" + rounded.to_csv(index=False, lineterminator="\n")


def _round(value):
    if value is None or not math.isfinite(value) or value == 0:
        return value
    return float(f"{value:.{SIGNIFICANT}g}")


@pytest.mark.parametrize("name", CASE_NAMES)
def test_forest_frame_matches_golden(name, golden):
    golden(f"forest/{name}.csv", frame_text(forest_frame(load(name))))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_one_study_row_per_study_in_input_order(name):
    data = load(name)
    frame = forest_frame(data)
    studies = frame[frame["kind"] == "study"]
    expected = [s["label"] for s in data["studies"]]
    if data.get("subgroups"):  # studies are listed by subgroup, in the subgroups' order
        order = [g["group"] for g in data["subgroups"]["groups"]]
        expected = [s["label"] for g in order for s in data["studies"] if s["group"] == g]
    assert list(studies["label"]) == expected
    assert list(frame["row"]) == list(range(len(frame)))


def test_single_study_says_not_pooled_and_draws_no_diamond():
    frame = forest_frame(load("single_study_not_pooled"))
    assert "pooled" not in set(frame["kind"])
    assert frame["label"].iloc[-1] == "1 study: not pooled"


def test_proportions_use_a_fixed_percent_axis_and_clopper_pearson_text():
    frame = forest_frame(load("proportions_zero_and_all_events"))
    assert (frame.attrs["axis_low"], frame.attrs["axis_high"]) == (0.0, 1.0)
    zero = frame[frame["label"] == "de Vries 2022"].iloc[0]
    assert zero["estimate_text"].startswith("0.0 [0.0, ")
    assert not zero["arrow_low"]


def test_ratio_axis_is_log_contains_one_and_arrows_mark_clipped_cis():
    frame = forest_frame(load("hazard_ratios_ci_leaving_axis"))
    attrs = frame.attrs
    assert attrs["log"] and attrs["axis_low"] < 1 < attrs["axis_high"]
    wide = frame[frame["label"].str.startswith("Hale")].iloc[0]
    assert wide["arrow_low"] and wide["arrow_high"]
    assert not frame.loc[frame["label"] == "Fox 2012", "arrow_high"].iloc[0]


def test_subgroup_blocks_have_header_diamond_and_difference_test():
    frame = forest_frame(load("hazard_ratios_subgroups"))
    kinds = list(frame["kind"])
    assert kinds.count("group_header") == kinds.count("group_pooled") == 2
    assert kinds.index("group_pooled") < kinds.index("pooled") < kinds.index("subgroup_test")
    assert frame.loc[frame["kind"] == "subgroup_test", "label"].iloc[0].startswith(
        "Test for subgroup differences: Q = ")


def test_explicit_xlim_overrides_the_data_axis():
    frame = forest_frame(load("medians_months"), xlim=(0, 12))
    assert frame.attrs["axis_high"] == 12
    assert frame.loc[frame["kind"] == "study", "arrow_high"].any()


def test_a_pool_result_and_its_dict_give_the_same_frame():
    from meta import pool_ratios

    result = pool_ratios([0.8, 1.5, 0.6], [0.5, 0.9, 0.1], [1.3, 2.5, 3.6],
                         labels=["A", "B", "C"])
    assert forest_frame(result).equals(forest_frame(result.to_dict()))
    assert forest_frame(result).attrs == forest_frame(result.to_dict()).attrs
