"""Common-effect Mantel-Haenszel (OR, RR, RD) and Peto (OR) pooling of 2x2 tables, as
metafor's ``rma.mh`` and ``rma.peto`` compute them with their defaults.

The pooled estimate uses the raw counts (no continuity correction: these methods need none).
The heterogeneity test Q is the inverse-variance one around the pooled estimate, from
``escalc`` effects with 1/2 added to tables with an empty cell and double-zero tables left
out (``add = 1/2, to = "only0", drop00 = TRUE``); Peto's Q is its own score statistic.

References
----------
Mantel, N., & Haenszel, W. (1959). Statistical aspects of the analysis of data from
retrospective studies of disease. *JNCI*, 22(4), 719-748.
Robins, J., Breslow, N., & Greenland, S. (1986). Estimators of the Mantel-Haenszel variance
consistent in both sparse data and large-strata limiting models. *Biometrics*, 42, 311-323.
Greenland, S., & Robins, J. M. (1985). Estimation of a common effect parameter from sparse
follow-up data. *Biometrics*, 41(1), 55-68.
Sato, T., Greenland, S., & Robins, J. M. (1989). On the variance estimator for the
Mantel-Haenszel risk difference. *Biometrics*, 45(4), 1323-1324.
Yusuf, S., Peto, R., Lewis, J., Collins, R., & Sleight, P. (1985). Beta blockade during and
after myocardial infarction. *Progress in Cardiovascular Diseases*, 27(5), 335-371.
"""

from __future__ import annotations

import numpy as np

from meta.distributions import Reference, chi2_sf
from meta.errors import InvalidInput, TooFewStudies
from meta.results import RmaResult
from meta.two_arm import Tables, effect_code, two_arm_effects

FIXED_METHODS = ("MH", "PETO")


def _mh_or(t: Tables) -> tuple[float, float]:
    n = t.ni
    P, Q = (t.ai + t.di) / n, (t.bi + t.ci) / n
    Ri, Si = t.ai * t.di / n, t.bi * t.ci / n
    R, S = Ri.sum(), Si.sum()
    if R == 0 or S == 0:
        raise InvalidInput("Mantel-Haenszel odds ratio undefined: no table has both an event "
                           "in one arm and a non-event in the other")
    var = 0.5 * (np.sum(P * Ri) / R**2 + np.sum(P * Si + Q * Ri) / (R * S)
                 + np.sum(Q * Si) / S**2)  # Robins-Breslow-Greenland
    return float(np.log(R / S)), float(np.sqrt(var))


def _mh_rr(t: Tables) -> tuple[float, float]:
    n, n1, n2 = t.ni, t.n1i, t.n2i
    if t.ai.sum() == 0 or t.ci.sum() == 0:
        raise InvalidInput("Mantel-Haenszel risk ratio undefined: an arm has no events")
    R, S = np.sum(t.ai * n2 / n), np.sum(t.ci * n1 / n)
    var = np.sum(n1 / n * n2 / n * (t.ai + t.ci) - t.ai / n * t.ci) / (R * S)
    return float(np.log(R / S)), float(np.sqrt(var))


def _mh_rd(t: Tables) -> tuple[float, float]:
    n, n1, n2, a, c = t.ni, t.n1i, t.n2i, t.ai, t.ci
    denom = np.sum(n1 * n2 / n)
    beta = np.sum(a * n2 / n - c * n1 / n) / denom
    num = (beta * np.sum(c * (n1 / n) ** 2 - a * (n2 / n) ** 2 + n1 / n * n2 / n * (n2 - n1) / 2)
           + np.sum(a * (n2 - c) / n + c * (n1 - a) / n) / 2)  # Sato et al. (1989)
    return float(beta), float(np.sqrt(num / denom**2))


_MH = {"OR": _mh_or, "RR": _mh_rr, "RD": _mh_rd}


def mantel_haenszel(tables: Tables, measure: str = "OR", level: float = 0.95) -> RmaResult:
    """Mantel-Haenszel common-effect estimate, as ``rma.mh(measure, ai, n1i, ci, n2i)``.

    Parameters
    ----------
    tables : Tables
    measure : {"OR", "RR", "RD"}
    level : float

    Returns
    -------
    RmaResult
        ``method`` is ``"MH"``, ``tau2`` is 0; log scale for OR and RR. ``q`` is Cochran's Q
        around the MH estimate over the tables that are not double-zero.

    Raises
    ------
    TooFewStudies
        For fewer than 2 tables.
    InvalidInput
        When the estimate is undefined (no events in an arm for RR, ...).
    """
    measure = effect_code(measure)
    _check_k(tables)
    beta, se = _MH[measure](tables)
    keep = ~tables.double_zero()  # escalc(drop00 = TRUE): these tables carry no information
    es = two_arm_effects(tables, measure)
    yi, vi = es.yi[keep], es.vi[keep]
    q = max(0.0, float(np.sum((yi - beta) ** 2 / vi)))
    return _fixed_result(beta, se, q, int(keep.sum()), _mh_weights(tables, measure), "MH", level)


def peto(tables: Tables, level: float = 0.95) -> RmaResult:
    """Peto's one-step log odds ratio, as ``rma.peto(ai, n1i, ci, n2i)``.

    Raises
    ------
    TooFewStudies
        For fewer than 2 tables.
    InvalidInput
        When one of the two outcomes never occurred in any table.
    """
    _check_k(tables)
    n, xt, yt = tables.ni, tables.ai + tables.ci, tables.bi + tables.di
    ei = xt * tables.n1i / n
    vi = xt * yt * (tables.n1i / n) * (tables.n2i / n) / (n - 1)
    if vi.sum() == 0:
        raise InvalidInput("Peto's method cannot be used: one of the two outcomes never "
                           "occurred in any table")
    oe = tables.ai - ei
    beta, se = float(oe.sum() / vi.sum()), float(np.sqrt(1 / vi.sum()))
    pos = vi > 0
    q = float(np.sum(oe[pos] ** 2 / vi[pos]) - oe.sum() ** 2 / vi.sum())
    k_yi = int((~tables.double_zero()).sum())
    return _fixed_result(beta, se, q, k_yi, vi, "PETO", level)


def _check_k(tables: Tables) -> None:
    k = tables.ai.size
    if k < 2:
        raise TooFewStudies(k, f"need at least 2 studies to pool, got {k}")


def _fixed_result(beta, se, q, k_yi, w, method, level) -> RmaResult:
    """A common-effect RmaResult with Wald CI; I^2 and H^2 from Q (metafor's rule)."""
    k = w.size
    z = Reference()
    crit = float(z.isf((1 - level) / 2))
    df = k_yi - 1
    i2 = max(0.0, 100 * (q - df) / q) if df > 0 and q > 0 else 0.0
    nan = float("nan")
    return RmaResult(
        estimate=beta, se=se, ci_low=beta - crit * se, ci_high=beta + crit * se,
        stat=beta / se, p_value=float(2 * z.sf(abs(beta / se))), df=nan, pi_low=nan,
        pi_high=nan, tau2=0.0, se_tau2=nan, tau2_ci_low=nan, tau2_ci_high=nan, i2=i2,
        h2=q / df if df > 0 else 1.0, q=q, q_df=df,
        q_pvalue=float(chi2_sf(q, df)) if df > 0 else 1.0, k=k, method=method, test="z",
        level=level, weights=tuple((100 * w / w.sum()).tolist()),
    )


def _mh_weights(tables: Tables, measure: str) -> np.ndarray:
    """Mantel-Haenszel study weights as RevMan shows them (Deeks & Higgins 2010)."""
    n = tables.ni
    if measure == "OR":
        return tables.bi * tables.ci / n
    if measure == "RR":
        return tables.ci * tables.n1i / n
    return tables.n1i * tables.n2i / n
