"""Every case in tests/data/metafor/metafor_cases.json (metafor 3.8-1, R 4.2.2), through the
public API of :mod:`meta`.

Each expected field of a case is mapped to our value; a field we do not map fails the test,
so a new field in the reference file cannot go unchecked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from metafor_match import (
    ESCALC_RTOL,
    GLMM_ATOL,
    GLMM_RTOL,
    RMA_ATOL,
    RMA_RTOL,
    assert_matches,
)

from meta import egger_test, leave_one_out, pool_generic, pool_proportions, proportion_effects

# copied from ../shared/reference with the R scripts that made them (see its README.md)
REFERENCE = Path(__file__).parents[1] / "data" / "metafor" / "metafor_cases.json"
CASES = json.loads(REFERENCE.read_text())["cases"]


def _pooled_fields(d: dict) -> dict:
    t = d["transformed"]
    return {
        "estimate": t["estimate"], "se": t["se"], "ci_low": t["ci_low"], "ci_high": t["ci_high"],
        "z_or_t": t["stat"], "p": t["p_value"], "pi_low": t["pi_low"], "pi_high": t["pi_high"],
        "tau2": d["tau2"], "se_tau2": d["se_tau2"], "I2": d["I2"], "H2": d["H2"], "Q": d["Q"],
        "Q_p": d["Q_p"], "k": d["k"], "tau2_ci_low": d["tau2_ci_low"],
        "tau2_ci_high": d["tau2_ci_high"],
        "back": {key: d[key] for key in ("estimate", "ci_low", "ci_high", "pi_low", "pi_high")},
    }


def check_proportion(case):
    ci = "hk" if case["test"] == "knha" else "z"
    res = pool_proportions(case["events"], case["total"], method=case["method"],
                           transform=case["measure"], ci=ci)
    assert res.method == case["method"]
    d = res.to_dict()
    assert_matches({"yi": case["yi"], "vi": case["vi"]},
                   {"yi": [s["yi"] for s in d["studies"]], "vi": [s["vi"] for s in d["studies"]]},
                   ESCALC_RTOL, 0.0)
    assert_matches(case["result"], _pooled_fields(d), RMA_RTOL, RMA_ATOL)


def check_generic(case):
    ci = "hk" if case["test"] == "knha" else "z"
    res = pool_generic(case["yi"], case["vi"], method=case["method"], ci=ci, exponentiate=True)
    assert res.method == case["method"]
    assert_matches(case["result"], _pooled_fields(res.to_dict()), RMA_RTOL, RMA_ATOL)


def check_glmm(case):
    d = pool_proportions(case["events"], case["total"], method="GLMM", ci="z").to_dict()
    assert d["method"] == "GLMM"
    t = d["transformed"]
    got = {"estimate": t["estimate"], "se": t["se"], "ci_low": t["ci_low"],
           "ci_high": t["ci_high"], "tau2": d["tau2"],
           "back": {key: d[key] for key in ("estimate", "ci_low", "ci_high")}}
    assert_matches(case["result"], got, GLMM_RTOL, GLMM_ATOL)


def check_extras(case):
    es = proportion_effects(case["events"], case["total"], case["measure"])
    l1o = leave_one_out(es.yi, es.vi, method="REML")
    got = {"leave1out": {"estimate": l1o.estimate, "tau2": l1o.tau2, "I2": l1o.i2}}
    if "egger" in case:
        eg = egger_test(es.yi, es.vi)
        got["egger"] = {"intercept_t": eg.stat, "p": eg.p_value, "dfs": eg.df}
    if "subgroup" in case:
        res = pool_proportions(case["events"], case["total"], method="REML",
                               transform=case["measure"], ci="z",
                               groups=case["subgroup"]["group"])
        sub = res.subgroups
        got["subgroup"] = {
            "group": case["subgroup"]["group"], "QM": sub.qm, "QM_p": sub.qm_p,
            "QM_df": sub.qm_df,
            "per_group": [{"group": g.group, "estimate": g.estimate, "ci_low": g.ci_low,
                           "ci_high": g.ci_high, "tau2": g.tau2} for g in sub.groups],
        }
        for exp, g in zip(case["subgroup"]["per_group"], got["subgroup"]["per_group"],
                          strict=True):
            assert_matches(exp, g, RMA_RTOL, RMA_ATOL)
        got["subgroup"]["per_group"] = case["subgroup"]["per_group"]  # checked just above
    expected = {key: case[key] for key in ("leave1out", "egger", "subgroup") if key in case}
    assert_matches(expected, got, RMA_RTOL, RMA_ATOL)


CHECKS = {"proportion": check_proportion, "generic": check_generic,
          "proportion_glmm": check_glmm, "proportion_extras": check_extras}


def test_reference_file_is_complete():
    assert len(CASES) == 534, "expected all 534 metafor cases"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_metafor_case(case):
    CHECKS[case["kind"]](case)
