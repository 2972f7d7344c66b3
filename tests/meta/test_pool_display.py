"""Numbers as a statistician prints them: tau2, I2, weights, small-k and PI-method notes."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from cli import app
from meta.display import pi_method, tau2, weight

runner = CliRunner()


@pytest.mark.parametrize(("value", "text"), [
    (1.82e-16, "0"), (-3e-15, "0"), (0.0, "0"), (5e-5, "< 0.0001"), (0.01234, "0.0123"),
    (math.nan, ""), (None, ""),
])  # fmt: skip
def test_tau2_numerical_zero_prints_0(value, text):
    assert tau2(value) == text


def test_weights_are_percentages_and_none_is_empty():
    assert weight(57.142857) == "57.1%"
    assert weight(math.nan) == weight(None) == ""


def test_pi_method_names_metafor_s_choice():
    assert pi_method("hk", 5) == "t with k - 1 = 4 df, as metafor"
    assert pi_method("z", 5) == "normal quantile, as metafor"


@pytest.fixture
def two_studies(tmp_path):
    path = tmp_path / "k2.csv"
    path.write_text("study,events,total\nA,1,40\nB,3,30\n")
    return str(path)


def test_pool_md_prints_zero_tau2_percent_i2_weights_and_the_small_k_note(two_studies):
    result = runner.invoke(app, ["pool", "--input", two_studies, "--format", "md"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == "| A |  | 1/40 | 2.5% | 0.1% | 13.2% | 57.1% |"
    assert lines[4] == "| Pooled (GLMM) |  |  | 5.7% | 0.0% | 97.7% | 100.0% |"
    assert "- Prediction interval: 0.0% to 97.7% (t with k - 1 = 1 df, as metafor)" in lines
    assert ("- tau2 = 0 (CI n/a to n/a), I2 = 0.0%, H2 = 1, Q = 1.54 (df 1, p = 0.2146)"
            in lines)
    assert ("- Note: Only k = 2 studies: the Hartung-Knapp CI and the prediction interval use t "
            "with 1 df and are not informative; read the studies' own estimates.") in lines


def test_pool_json_names_the_pi_method_and_the_note(two_studies):
    got = json.loads(runner.invoke(app, ["pool", "--input", two_studies, "--format", "json",
                                         "--ci", "z"]).stdout)
    assert got["pi_method"] == "normal quantile, as metafor"
    assert ("Only k = 2 studies: tau2, and so the prediction interval, rest on 1 degree of "
            "freedom and are not informative; read the studies' own estimates.") in got["notes"]


def test_no_small_k_note_from_three_studies(tmp_path):
    path = tmp_path / "k3.csv"
    path.write_text("study,events,total\nA,1,40\nB,3,30\nC,4,35\n")
    got = json.loads(runner.invoke(app, ["pool", "--input", str(path), "--format", "json"]).stdout)
    assert not any(n.startswith("Only k =") for n in got["notes"])


def test_medians_without_weights_print_no_nan(tmp_path):
    path = tmp_path / "medians.csv"
    path.write_text("study,value,ci_low,ci_high\nA,20,,\nB,26,18,34\nC,30,,\n")
    result = runner.invoke(app, ["pool", "--input", str(path), "--measure", "median",
                                 "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "nan" not in result.stdout
    assert "| Pooled (median of medians) |  |  | 26 | n/a | n/a |  |" in result.stdout
    assert "- Prediction interval: n/a to n/a" in result.stdout.splitlines()


def test_hts_prediction_interval_uses_t_with_k_minus_2_df():
    from scipy import special, stats

    from meta import pool_proportions
    from meta.prediction import with_prediction_interval

    base = pool_proportions([1, 3, 6, 2], [40, 30, 35, 50], method="REML", transform="logit")
    hts = with_prediction_interval(base, "hts")
    m = base.transformed
    half = stats.t.ppf(0.975, 2) * (m.se**2 + base.tau2) ** 0.5
    assert hts.transformed.pi_low == pytest.approx(m.estimate - half, rel=1e-12)
    assert (hts.pi_low, hts.pi_high) == pytest.approx(
        (special.expit(m.estimate - half), special.expit(m.estimate + half)), rel=1e-12)
    assert hts.pi_high - hts.pi_low > base.pi_high - base.pi_low  # k - 2 df: wider
    assert (hts.estimate, hts.ci_low, hts.ci_high) == (base.estimate, base.ci_low, base.ci_high)
    assert with_prediction_interval(base, "t") is base
    assert hts.to_dict()["pi_method"] == (
        "Higgins-Thompson-Spiegelhalter, t with k - 2 = 2 df, as R meta")


def test_hts_is_undefined_for_two_studies():
    from meta import pool_proportions
    from meta.prediction import with_prediction_interval

    hts = with_prediction_interval(pool_proportions([1, 3], [40, 30]), "hts")
    assert math.isnan(hts.pi_low) and math.isnan(hts.pi_high)


def test_pool_pi_hts_is_named_and_a_bad_value_refused_first(tmp_path):
    path = tmp_path / "k4.csv"
    path.write_text("study,events,total\nA,1,40\nB,3,30\nC,6,35\nD,2,50\n")
    result = runner.invoke(app, ["pool", "--input", str(path), "--pi", "hts", "--format", "md"])
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stdout.splitlines() if "Prediction interval" in ln)
    assert line.endswith("(Higgins-Thompson-Spiegelhalter, t with k - 2 = 2 df, as R meta)")
    bad = runner.invoke(app, ["pool", "mortality", "--pi", "hs", "--db", str(tmp_path / "x.db")])
    assert (bad.exit_code, bad.stderr) == (1, "Error: unknown prediction interval 'hs'; "
                                              "allowed: t, hts\n")


def test_hts_says_subgroup_intervals_stay_metafors(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("study,events,total,group\nA,1,40,x\nB,3,30,x\nC,6,35,y\nD,2,50,y\n")
    got = json.loads(runner.invoke(app, ["pool", "--input", str(path), "--by", "group",
                                         "--pi", "hts", "--format", "json"]).stdout)
    assert ("Subgroup prediction intervals are metafor's (not Higgins-Thompson-Spiegelhalter)."
            in got["notes"])
    plain = json.loads(runner.invoke(app, ["pool", "--input", str(path), "--by", "group",
                                           "--format", "json"]).stdout)
    assert not any("Subgroup prediction" in n for n in plain["notes"])
