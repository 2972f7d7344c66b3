"""Comparing our results with metafor's reference JSON, shared by the reference tests.

Each expected field is mapped to our value; a field we do not map fails the comparison, so
a new field in a reference file cannot go unchecked.
"""

from __future__ import annotations

import math

# rma.uni: closed forms and metafor's own iterations (Fisher scoring, R's uniroot) are
# reproduced step by step, so only floating-point rounding separates us from metafor.
RMA_RTOL = 1e-6
# Absolute floor for values that are zero in exact arithmetic (tau2 truncated at 0, I2 = 0)
# and tiny p-values: rounding leaves ~1e-17 where R prints 0.
RMA_ATOL = 1e-10
# rma.glmm: lme4's optimisers (bobyqa, then Nelder-Mead) stop ~1e-5 from the optimum on the
# logit scale; we solve to 1e-10, so agreement is limited by lme4's stopping rule.
GLMM_RTOL = 1e-4
# Absolute floor for GLMM values near 0 (hannum2020's logit estimate is -0.06, where lme4's
# 6e-6 stopping error is 1e-4 relative).
GLMM_ATOL = 2e-5
# escalc: same closed-form formulas, rounding only.
ESCALC_RTOL = 1e-12


def _close(got, expected, rtol, atol) -> bool:
    if expected is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    if isinstance(expected, str):
        return got == expected
    return got is not None and abs(got - expected) <= rtol * abs(expected) + atol


def assert_matches(expected: dict, got: dict, rtol: float, atol: float, path: str = "") -> None:
    unmapped = set(expected) - set(got)
    assert not unmapped, f"reference fields not checked: {sorted(unmapped)}"
    for key, exp in expected.items():
        where = f"{path}{key}"
        if isinstance(exp, dict):
            assert_matches(exp, got[key], rtol, atol, where + ".")
        elif isinstance(exp, list) and exp and not isinstance(exp[0], str | dict):
            assert len(got[key]) == len(exp), where
            for i, (g, e) in enumerate(zip(got[key], exp, strict=True)):
                assert _close(g, e, rtol, atol), f"{where}[{i}]: got {g!r}, metafor {e!r}"
        elif isinstance(exp, list):
            assert list(got[key]) == exp, where
        else:
            assert _close(got[key], exp, rtol, atol), f"{where}: got {got[key]!r}, metafor {exp!r}"
