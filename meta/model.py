"""Random- and common-effect models (metafor's ``rma.uni``, intercept only).

References
----------
Hartung, J., & Knapp, G. (2001). A refined method for the meta-analysis of controlled
clinical trials with binary outcome. *Statistics in Medicine*, 20(24), 3875-3889.
Sidik, K., & Jonkman, J. N. (2002). A simple confidence interval for meta-analysis.
*Statistics in Medicine*, 21(21), 3153-3159.
Knapp, G., & Hartung, J. (2003). Improved tests for a random effects meta-regression with a
single covariate. *Statistics in Medicine*, 22(17), 2693-2710.
Higgins, J. P. T., & Thompson, S. G. (2002). Quantifying heterogeneity in a meta-analysis.
*Statistics in Medicine*, 21(11), 1539-1558.
Higgins, J. P. T., Thompson, S. G., & Spiegelhalter, D. J. (2009). A re-evaluation of
random-effects meta-analysis. *JRSS A*, 172(1), 137-159 (prediction interval).
Viechtbauer, W. (2007). Confidence intervals for the amount of heterogeneity in
meta-analysis. *Statistics in Medicine*, 26(1), 37-52 (Q-profile).
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48.
"""

from __future__ import annotations

import numpy as np

from meta.distributions import Reference
from meta.errors import InvalidInput, TooFewStudies
from meta.heterogeneity import cochran_q, i2_h2, qprofile_tau2_ci
from meta.results import RmaResult
from meta.tau2 import estimate_tau2

TESTS = ("z", "knha", "hk-adhoc")
_FLOAT_EPS = np.finfo(float).eps


def check_effects(yi, vi, labels=None) -> tuple[np.ndarray, np.ndarray]:
    """Validate effect sizes and sampling variances; return float arrays.

    Raises
    ------
    InvalidInput
        Naming the first study with a non-finite yi or a vi that is not positive.
    """
    yi = np.asarray(yi, dtype=float).ravel()
    vi = np.asarray(vi, dtype=float).ravel()
    if yi.shape != vi.shape:
        raise InvalidInput(f"yi has {yi.size} values but vi has {vi.size}")
    bad = ~np.isfinite(yi) | ~(np.isfinite(vi) & (vi > 0))
    if bad.any():  # vectorised check first: a Python loop costs 20 ms at k = 10,000
        i = int(np.argmax(bad))
        name = labels[i] if labels is not None else f"study {i + 1}"
        if not np.isfinite(yi[i]):
            raise InvalidInput(f"{name}: effect size is not a finite number")
        raise InvalidInput(f"{name}: variance must be > 0 (got {vi[i]:g})")
    return yi, vi


def fit_rma(yi, vi, method: str = "REML", test: str = "z", level: float = 0.95,
            labels=None) -> RmaResult:
    """Fit the intercept-only model y_i ~ N(mu, v_i + tau^2), as ``rma(yi, vi, method, test)``.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and sampling variances (vi > 0).
    method : {"REML", "DL", "PM", "ML", "HS", "SJ", "EB", "HE", "FE"}
    test : {"z", "knha", "hk-adhoc"}
        Wald z; Hartung-Knapp-Sidik-Jonkman (t, k-1 df, metafor ``test="knha"``); or HKSJ
        with the ad hoc rule that the scale factor is never below 1 (never narrower than z).
    level : float
        Confidence level of the CI, the prediction interval and the Q-profile CI of tau^2.

    Returns
    -------
    RmaResult

    Raises
    ------
    TooFewStudies
        For k < 2.
    InvalidInput
        For bad yi/vi, method or test.
    ConvergenceError
        When an iterative tau^2 estimator fails (see :func:`meta.pooling` for fallbacks).
    """
    yi, vi = check_effects(yi, vi, labels)
    if test not in TESTS:
        raise InvalidInput(f"unknown test {test!r}; allowed: {', '.join(TESTS)}")
    if not 0 < level < 1:
        raise InvalidInput(f"level must be between 0 and 1 (got {level:g})")
    k = yi.size
    if k < 2:
        raise TooFewStudies(k, f"need at least 2 studies to pool, got {k}")
    X = np.ones((k, 1))
    t2 = estimate_tau2(yi, vi, X, method)
    w = 1 / (vi + t2.tau2)
    mu = float(np.sum(w * yi) / w.sum())
    vb = scale_factor(yi - mu, w, k - 1, test) / w.sum()
    se = float(np.sqrt(vb))
    dist = Reference() if test == "z" else Reference(k - 1)
    crit = float(dist.isf((1 - level) / 2))
    stat = mu / se if se > 0 else float("nan")
    het = cochran_q(yi, vi, X)
    i2, h2 = i2_h2(het, t2.tau2, method)
    ci_tau2 = qprofile_tau2_ci(yi, vi, X, t2.tau2, level) if method != "FE" else (np.nan,) * 2
    pi_half = crit * np.sqrt(vb + t2.tau2)
    pi = (mu - pi_half, mu + pi_half) if method != "FE" else (np.nan, np.nan)
    return RmaResult(
        estimate=mu, se=se, ci_low=mu - crit * se, ci_high=mu + crit * se, stat=stat,
        p_value=float(2 * dist.sf(abs(stat))), df=float("nan") if test == "z" else k - 1,
        pi_low=float(pi[0]), pi_high=float(pi[1]), tau2=t2.tau2, se_tau2=t2.se_tau2,
        tau2_ci_low=float(ci_tau2[0]), tau2_ci_high=float(ci_tau2[1]), i2=i2, h2=h2,
        q=het.q, q_df=het.df, q_pvalue=het.p_value, k=k, method=method, test=test,
        level=level, weights=tuple((100 * w / w.sum()).tolist()),
    )


def scale_factor(resid: np.ndarray, w: np.ndarray, df: int, test: str) -> float:
    """Multiplier of the coefficients' covariance: 1 for ``z``, the weighted RSS / df
    (df = k - p) for Hartung-Knapp-Sidik-Jonkman.

    ``hk-adhoc`` never lets the factor fall below 1 (Knapp & Hartung's ad hoc rule, as
    ``rma(..., test="adhoc")``), so the CI is never narrower than the Wald one.
    """
    if test == "z":
        return 1.0
    rss = float(np.sum(w * resid**2))
    s2w = 0.0 if rss <= _FLOAT_EPS else rss / df
    return max(s2w, 1.0) if test == "hk-adhoc" else s2w
