"""Every case in tests/data/metafor/metafor_comparative_cases.json (metafor 3.8-1, R 4.2.2,
made by metafor_comparative.R beside it): two-arm OR/RR/RD pooling, Mantel-Haenszel, Peto,
meta-regression and the small-study methods, through the public API of :mod:`meta`.

As in test_metafor_reference.py, each expected field is mapped to our value and a field we
do not map fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from metafor_match import RMA_ATOL, RMA_RTOL, assert_matches

from meta.comparative import pool_two_arm
from meta.regression import fit_regression
from meta.small_study import rank_test, regression_test, trim_and_fill
from meta.two_arm import make_tables, two_arm_effects

REFERENCE = Path(__file__).parents[1] / "data" / "metafor" / "metafor_comparative_cases.json"
CASES = json.loads(REFERENCE.read_text())["cases"]

# escalc for 2x2 tables: the same closed-form formulas, so rounding only.
ESCALC_RTOL = 1e-12
# rma.mh / rma.peto: closed forms (sums over tables), rounding only.
FIXED_RTOL = 1e-9
# Absolute floor for p-values that underflow differently (dat.bcg's MH p is 8e-31) and for
# I2 truncated at 0.
FIXED_ATOL = 1e-12
# I2 = 100 tau2 / (vt + tau2) turns the absolute rounding floor of tau2 (RMA_ATOL: Fisher
# scoring steps of ~0.1 leave ~1e-12 where tau2 is ~1e-6, sim11_reg02) into 100/vt times that
# in percent; with typical variances vt >= 0.01 that is at most 1e4 * RMA_ATOL.
I2_ATOL = 1e4 * RMA_ATOL


def _arms(case):
    return case["ai"], case["n1i"], case["ci"], case["n2i"]


def _test(case) -> str:
    return "hk" if case["test"] == "knha" else "z"


def check_two_group(case):
    res = pool_two_arm(*_arms(case), effect=case["measure"], method=case["method"],
                       ci=_test(case))
    assert res.method == case["method"]
    d = res.to_dict()
    assert_matches({"yi": case["yi"], "vi": case["vi"]},
                   {"yi": [s["yi"] for s in d["studies"]], "vi": [s["vi"] for s in d["studies"]]},
                   ESCALC_RTOL, 0.0)
    t = d["transformed"]
    got = {"estimate": t["estimate"], "se": t["se"], "ci_low": t["ci_low"],
           "ci_high": t["ci_high"], "z_or_t": t["stat"], "p": t["p_value"],
           "pi_low": t["pi_low"], "pi_high": t["pi_high"], "tau2": d["tau2"], "I2": d["I2"],
           "Q": d["Q"], "Q_p": d["Q_p"], "k": d["k"]}
    assert_matches(case["result"], got, RMA_RTOL, RMA_ATOL)
    back = np.exp if case["measure"] != "RD" else (lambda x: x)
    assert d["estimate"] == pytest.approx(back(t["estimate"]), rel=1e-12)


def check_fixed(case):
    res = pool_two_arm(*_arms(case), effect="OR" if case["method"] == "PETO" else case["measure"],
                       method=case["method"], ci="z")
    d = res.to_dict()
    t = d["transformed"]
    got = {"estimate": t["estimate"], "se": t["se"], "ci_low": t["ci_low"],
           "ci_high": t["ci_high"], "p": t["p_value"], "Q": d["Q"], "I2": d["I2"], "k": d["k"]}
    assert_matches(case["result"], got, FIXED_RTOL, FIXED_ATOL)


def check_metareg(case):
    X = np.column_stack([np.ones(len(case["mod"])), case["mod"]])
    reg = fit_regression(case["yi"], case["vi"], X, method=case["method"], test=case["test"],
                         terms=["intrcpt", "mod"])
    cs = reg.coefficients
    got = {"coef": [c.estimate for c in cs], "se": [c.se for c in cs],
           "ci_low": [c.ci_low for c in cs], "ci_high": [c.ci_high for c in cs],
           "pval": [c.p for c in cs], "tau2": reg.tau2, "QM": reg.qm, "QM_p": reg.qm_p,
           "QE": reg.qe, "QE_p": reg.qe_p, "R2": reg.r2, "k": reg.k}
    expected = dict(case["result"])
    assert_matches({"I2": expected.pop("I2")}, {"I2": reg.i2}, RMA_RTOL, I2_ATOL)
    assert_matches(expected, got, RMA_RTOL, RMA_ATOL)


def check_extras(case):
    if "yi" in case and "ai" in case:
        es = two_arm_effects(make_tables(*_arms(case)), case["measure"])
        assert_matches({"yi": case["yi"], "vi": case["vi"]},
                       {"yi": list(es.yi), "vi": list(es.vi)}, ESCALC_RTOL, 0.0)
    yi, vi = np.asarray(case["yi"]), np.asarray(case["vi"])
    eg = regression_test(yi, vi, method=case["method"])
    rk = rank_test(yi, vi)
    tf = trim_and_fill(yi, vi, method=case["method"])
    got = {"egger": {"z_or_t": eg.stat, "p": eg.p_value},
           "ranktest": {"tau": rk.tau, "p": rk.p},
           "trimfill": {"k0": tf.k0, "side": tf.side, "estimate": tf.estimate,
                        "ci_low": tf.ci_low, "ci_high": tf.ci_high, "tau2": tf.tau2}}
    assert_matches(case["result"], got, RMA_RTOL, RMA_ATOL)


CHECKS = {"two_group": check_two_group, "two_group_mh": check_fixed,
          "two_group_peto": check_fixed, "metareg": check_metareg,
          "two_group_extras": check_extras, "generic_extras": check_extras}


def test_reference_file_is_complete():
    assert len(CASES) == 416, "expected all 416 metafor comparative cases"
    assert {c["kind"] for c in CASES} == set(CHECKS)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_metafor_comparative_case(case):
    CHECKS[case["kind"]](case)
