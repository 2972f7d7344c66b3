"""Behaviour of the high-level pooling functions beyond the metafor reference cases."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import stats

import meta
import meta.pooling
from meta import (
    ConvergenceError,
    pool_generic,
    pool_medians,
    pool_proportions,
    pool_rates,
    pool_ratios,
)

EVENTS = [0, 5, 3, 12, 7, 0, 9]
TOTALS = [6, 5, 14, 20, 7, 9, 31]


def test_default_is_glmm_with_hk_and_json_shape():
    res = pool_proportions(EVENTS, TOTALS, labels=list("ABCDEFG"))
    d = json.loads(json.dumps(res.to_dict()))
    assert d["method"] == "GLMM" and d["ci"] == "hk" and d["transform"] == "logit"
    for key in ("k", "estimate", "ci_low", "ci_high", "pi_low", "pi_high", "tau2", "I2", "H2",
                "Q", "Q_p", "transformed", "studies", "notes", "tau2_ci_low", "tau2_ci_high"):
        assert key in d
    assert d["ci_low"] < d["estimate"] < d["ci_high"]
    assert d["transformed"]["df"] == 6  # t with k - 1 df under "hk"
    assert abs(sum(s["weight"] for s in d["studies"]) - 100) < 1e-9
    assert any("GLMM" in n for n in d["notes"])


def test_study_rows_carry_exact_cis():
    res = pool_proportions(EVENTS, TOTALS, method="REML", ci="z")
    first = res.studies[0]
    assert (first.events, first.total, first.estimate, first.ci_low) == (0, 6, 0.0, 0.0)
    assert first.ci_high == pytest.approx(1 - 0.025 ** (1 / 6))  # exact limit for 0/n
    assert any("0.5 added" in n for n in res.notes)


def test_glmm_copes_with_zero_and_all_event_studies():
    res = pool_proportions([0, 0, 1], [5, 8, 4])
    assert res.method == "GLMM" and 0 < res.estimate < 0.2
    res = pool_proportions([5, 8, 3], [5, 8, 4])
    assert res.method == "GLMM" and res.estimate > 0.8


@pytest.mark.parametrize("events,totals", [([0, 0, 0], [5, 8, 4]), ([0, 8, 0, 4], [5, 8, 3, 4])])
def test_glmm_without_an_ml_estimate_falls_back_and_says_so(events, totals):
    res = pool_proportions(events, totals)
    assert (res.method, res.method_requested) == ("REML", "GLMM")
    assert res.notes[0].startswith("GLMM failed (GLMM: ")
    assert res.notes[0].endswith("pooled by logit inverse-variance REML instead.")


def test_reml_failure_falls_back_to_pm(monkeypatch):
    real = meta.pooling.fit_rma

    def failing_reml(yi, vi, method, **kw):
        if method == "REML":
            raise ConvergenceError("Fisher scoring did not converge")
        return real(yi, vi, method=method, **kw)

    monkeypatch.setattr(meta.pooling, "fit_rma", failing_reml)
    res = pool_generic([0.1, 0.5, 0.9, 0.2], [0.05, 0.04, 0.06, 0.05])
    assert (res.method, res.method_requested) == ("PM", "REML")
    assert any("REML failed to converge" in n and "tau2 estimated by PM" in n for n in res.notes)


def test_hk_adhoc_never_narrower_than_wald():
    yi, vi = [0.1, 0.11, 0.12, 0.1], [0.5, 0.4, 0.6, 0.5]  # homogeneous: HK factor < 1
    hk = pool_generic(yi, vi, method="DL", ci="hk")
    adhoc = pool_generic(yi, vi, method="DL", ci="hk-adhoc")
    z = pool_generic(yi, vi, method="DL", ci="z")
    assert hk.transformed.se < z.transformed.se
    assert adhoc.transformed.se == pytest.approx(z.transformed.se)
    assert adhoc.ci_high - adhoc.ci_low > z.ci_high - z.ci_low


def test_ratios_use_se_from_ci():
    res = pool_ratios([0.5, 0.8], [0.25, 0.4], [1.0, 1.6], method="FE", ci="z")
    se = (math.log(1.0) - math.log(0.25)) / (2 * stats.norm.isf(0.025))
    assert res.studies[0].vi == pytest.approx(se**2)
    w = np.array([1 / se**2, 1 / ((math.log(1.6) - math.log(0.4)) / (2 * 1.959963984540054))**2])
    expected = np.exp(np.sum(w * np.log([0.5, 0.8])) / w.sum())
    assert res.estimate == pytest.approx(expected)


def test_medians_with_cis_pool_on_log_scale_and_handle_missing_upper():
    z = stats.norm.isf(0.025)
    res = pool_medians([20, 30, 25], [15, 22, 18], [27, 41, None])
    assert res.method == "REML" and res.transform == "log"
    assert res.studies[2].vi == pytest.approx(((math.log(25) - math.log(18)) / z) ** 2)
    assert any("One-sided SE" in n for n in res.notes)


def test_medians_without_cis_give_median_of_medians():
    res = pool_medians([20, 30, 25, 40], None, None)
    assert res.method == "median of medians" and res.estimate == 27.5 and res.k == 4
    assert math.isnan(res.ci_low)
    assert "not a meta-analytic estimate" in res.notes[0]


def test_rates_on_cloglog_with_variance_sources_in_notes():
    res = pool_rates([0.7, 0.5, 0.6], [0.6, None, None], [0.8, None, None],
                     totals=[None, 40, 25], labels=["A", "B", "C"])
    assert res.transform == "cloglog"
    assert res.ci_low < res.estimate < res.ci_high
    assert any("from the stated CI for: A" in n for n in res.notes)
    assert any("cohort size" in n and "B, C" in n for n in res.notes)
    s, n = 0.5, 40
    assert res.studies[1].vi == pytest.approx((1 - s) / (n * s * math.log(s) ** 2))


def test_subgroups_report_q_between_and_qm():
    res = pool_proportions(EVENTS, TOTALS, method="REML", transform="PFT",
                           groups=list("aaabbbb"))
    sub = res.subgroups
    assert [g.group for g in sub.groups] == ["a", "b"] and sub.q_between_df == 1
    assert 0 <= sub.qm_p <= 1 and set(sub.groups[0].natural) >= {"estimate", "ci_low"}
    json.dumps(res.to_dict())


def test_import_meta_does_not_import_pandas():
    import subprocess
    import sys

    code = "import sys, meta; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_single_study_subgroup_keeps_its_own_estimate():
    res = pool_proportions([3, 4, 5, 9], [10, 12, 11, 20], method="REML", ci="z",
                           groups=["a", "a", "a", "b"])
    single = res.subgroups.groups[1]
    assert (single.k, single.tau2) == (1, 0.0)
    assert single.estimate == pytest.approx(math.log(9 / 11))
    assert single.natural["estimate"] == pytest.approx(9 / 20)
