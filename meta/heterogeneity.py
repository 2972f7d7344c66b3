"""Heterogeneity statistics: Cochran's Q, I^2 and H^2 as metafor defines them, and the
Q-profile confidence interval for tau^2.

References
----------
Cochran, W. G. (1954). The combination of estimates from different experiments.
*Biometrics*, 10(1), 101-129.
Higgins, J. P. T., & Thompson, S. G. (2002). Quantifying heterogeneity in a meta-analysis.
*Statistics in Medicine*, 21(11), 1539-1558.
Viechtbauer, W. (2007). Confidence intervals for the amount of heterogeneity in
meta-analysis. *Statistics in Medicine*, 26(1), 37-52.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meta.distributions import chi2_isf, chi2_ppf, chi2_sf
from meta.errors import ConvergenceError
from meta.projection import Projection
from meta.roots import uniroot

QPROFILE_TAU2_MAX = 100.0  # metafor confint(): search up to max(100, 10 * tau2)


@dataclass(frozen=True)
class CochranQ:
    """Q with its degrees of freedom and p-value, and metafor's typical variance ``vt``."""

    q: float
    df: int
    p_value: float
    vt: float


def cochran_q(yi: np.ndarray, vi: np.ndarray, X: np.ndarray) -> CochranQ:
    """Q = sum w_i (y_i - y_FE)^2 with w_i = 1/v_i; ``vt = (k - p) / tr(P)``."""
    k, p = X.shape
    P = Projection.build(1 / vi, X)
    q = max(0.0, P.quad(yi - yi.mean()))
    df = k - p
    return CochranQ(q=q, df=df, p_value=float(chi2_sf(q, df)), vt=df / P.trace())


def i2_h2(het: CochranQ, tau2: float, method: str) -> tuple[float, float]:
    """I^2 (percent) and H^2: from Q for the common-effect model, else from tau^2 and the
    typical within-study variance, as metafor does for every estimator."""
    if method == "FE":
        i2 = max(0.0, 100 * (het.q - het.df) / het.q) if het.q > 0 else 0.0
        return i2, het.q / het.df
    return 100 * tau2 / (het.vt + tau2), tau2 / het.vt + 1


def qprofile_tau2_ci(yi, vi, X, tau2: float, level: float) -> tuple[float, float]:
    """Q-profile CI for tau^2: the tau^2 values where the generalised Q statistic equals the
    chi^2_{k-p} quantiles, bounded below by 0 (metafor ``confint(res)$random``)."""
    k, p = X.shape
    alpha = 1 - level
    crit_u = chi2_isf(alpha / 2, k - p)
    crit_l = chi2_ppf(alpha / 2, k - p)
    upper_end = max(QPROFILE_TAU2_MAX, tau2 * 10)

    def q_at(t2: float) -> float:
        return Projection.build(1 / (vi + t2), X).quad(yi)

    q_min, q_max = q_at(0.0), q_at(upper_end)
    if q_min < crit_l:
        return 0.0, 0.0
    ub = upper_end if q_max > crit_l else _root(q_at, crit_l, upper_end)
    if q_max > crit_u:
        return upper_end, upper_end
    lb = 0.0 if q_min < crit_u else _root(q_at, crit_u, upper_end)
    return lb, ub


def _root(q_at, target: float, upper_end: float) -> float:
    try:
        return uniroot(lambda t2: q_at(t2) - target, 0.0, upper_end)
    except ConvergenceError:
        return float("nan")
