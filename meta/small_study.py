"""Small-study effects: Egger's regression test, the rank-correlation test and
trim-and-fill, as metafor's ``regtest``, ``ranktest`` and ``trimfill`` compute them.

- :func:`regression_test`: ``regtest(res, model = "rma", predictor = "sei")``, the
  meta-regression of y_i on se_i with the fitted model's tau^2 estimator and test; the test
  statistic is that of the se_i coefficient.
- :func:`rank_test`: ``ranktest(res)``, Kendall's tau-b between the standardised deviates
  from the common-effect estimate and the variances; exact p-value without ties (as R's
  ``cor.test(exact = TRUE)``), the normal approximation with ties.
- :func:`trim_and_fill`: ``trimfill(res)`` with the L0 estimator, the side chosen from the
  sign of the Egger-type slope as metafor chooses it.

All three have little power below 10 studies (Sterne et al. 2011); :func:`small_study_effects`
computes them together and says so in its notes rather than hiding them.

References
----------
Egger, M., Davey Smith, G., Schneider, M., & Minder, C. (1997). Bias in meta-analysis
detected by a simple, graphical test. *BMJ*, 315(7109), 629-634.
Begg, C. B., & Mazumdar, M. (1994). Operating characteristics of a rank correlation test
for publication bias. *Biometrics*, 50(4), 1088-1101.
Duval, S., & Tweedie, R. (2000). Trim and fill: a simple funnel-plot-based method of
testing and adjusting for publication bias in meta-analysis. *Biometrics*, 56(2), 455-463.
Sterne, J. A. C., et al. (2011). Recommendations for examining and interpreting funnel plot
asymmetry in meta-analyses of randomised controlled trials. *BMJ*, 343, d4002.
Page, M. J., Higgins, J. P. T., & Sterne, J. A. C. (2023). Assessing risk of bias due to
missing results in a synthesis. *Cochrane Handbook*, ch. 13.
"""

from __future__ import annotations

import numpy as np

from meta.bias import MEANINGFUL_K, MIN_K
from meta.errors import ConvergenceError, InvalidInput, TooFewStudies
from meta.model import check_effects, fit_rma
from meta.regression import fit_regression
from meta.results import EggerResult, RankTest, SmallStudy, TrimFill
from meta.tau2 import estimate_tau2

EXACT_MAX_K = 300  # exact Kendall null distribution up to here (O(k^3)); normal beyond
TRIMFILL_MAXITER = 100  # metafor trimfill(maxiter = 100)


def _need(k: int, what: str) -> None:
    if k < MIN_K:
        raise TooFewStudies(k, f"{what} needs at least {MIN_K} studies, got {k}")


def _check_precision(vi: np.ndarray, what: str) -> None:
    """The regression on se_i has no slope when every study is equally precise."""
    if np.all(vi == vi[0]):
        raise InvalidInput(f"{what} needs studies of different precision; all {vi.size} have "
                           f"se = {np.sqrt(vi[0]):.4g}")


def regression_test(yi, vi, method: str = "REML", test: str = "z") -> EggerResult:
    """Egger's test as ``regtest(res, model = "rma", predictor = "sei")``.

    Returns
    -------
    EggerResult
        ``intercept`` holds the se_i coefficient, ``stat`` its z (or t, k - 2 df, with
        ``test="knha"``) value.

    Raises
    ------
    TooFewStudies
        For k < 3.
    InvalidInput
        When every study has the same standard error.
    """
    yi, vi = check_effects(yi, vi)
    _need(yi.size, "Egger's test")
    _check_precision(vi, "Egger's test")
    X = np.column_stack([np.ones(yi.size), np.sqrt(vi)])
    slope = fit_regression(yi, vi, X, method=method, test=test).coefficients[1]
    df = yi.size - 2 if test != "z" else float("nan")
    return EggerResult(intercept=slope.estimate, stat=slope.stat, p_value=slope.p, df=df,
                       k=yi.size)


def rank_test(yi, vi) -> RankTest:
    """Begg and Mazumdar's rank-correlation test as ``ranktest(res)``.

    Raises
    ------
    TooFewStudies
        For k < 3.
    """
    from scipy import stats  # imported here: scipy.stats takes ~1 s to import

    yi, vi = check_effects(yi, vi)
    _need(yi.size, "The rank-correlation test")
    w = 1 / vi
    beta, vb = np.sum(w * yi) / w.sum(), 1 / w.sum()
    ystar = (yi - beta) / np.sqrt(vi - vb)
    ties = np.unique(ystar).size < yi.size or np.unique(vi).size < vi.size
    exact = not ties and yi.size <= EXACT_MAX_K
    res = stats.kendalltau(ystar, vi, method="exact" if exact else "asymptotic")
    return RankTest(tau=float(res.statistic), p=float(res.pvalue), exact=exact, k=yi.size)


def _pooled(yi, vi, method: str) -> float:
    """The random-effects estimate alone (what trimfill's iterations need)."""
    t2 = estimate_tau2(yi, vi, np.ones((yi.size, 1)), method)
    w = 1 / (vi + t2.tau2)
    return float(np.sum(w * yi) / w.sum())


def choose_side(yi, vi, method: str = "REML") -> str:
    """metafor's rule: ``"right"`` when the slope of y_i on se_i is negative, else ``"left"``
    (the side on which studies are presumed missing)."""
    X = np.column_stack([np.ones(yi.size), np.sqrt(vi)])
    slope = fit_regression(yi, vi, X, method=method).coefficients[1].estimate
    return "right" if slope < 0 else "left"


def _estimate_k0(y: np.ndarray, v: np.ndarray, method: str) -> tuple[int, float]:
    """Iterate L0 on data sorted ascending (missing studies presumed on the left)."""
    k = y.size
    k0, previous, beta = 0, -1, float("nan")
    for _ in range(TRIMFILL_MAXITER):
        if k0 == previous:
            return k0, beta
        previous = k0
        if k - k0 < 2:
            raise TooFewStudies(k - k0, "trim-and-fill trimmed all but one study")
        beta = _pooled(y[: k - k0], v[: k - k0], method)
        centred = y - beta
        ranks = np.empty(k)
        ranks[np.argsort(np.abs(centred), kind="stable")] = np.arange(1, k + 1)
        sr = ranks[centred > 0].sum()
        k0 = max(0, round((4 * sr - k * (k + 1)) / (2 * k - 1)))
    raise ConvergenceError(f"trim-and-fill did not converge in {TRIMFILL_MAXITER} iterations")


def trim_and_fill(yi, vi, method: str = "REML", level: float = 0.95,
                  side: str | None = None, test: str = "z") -> TrimFill:
    """Duval and Tweedie's trim-and-fill with the L0 estimator, as ``trimfill(res)``.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
    method : str
        tau^2 estimator of every fit (see :func:`meta.model.fit_rma`).
    side : {"left", "right"}, optional
        Side of the funnel where studies are missing; by default chosen as metafor does.
    test : str
        The test of the original model: with k0 = 0 metafor returns that model unchanged;
        a refit with imputed studies has Wald (z) CIs, as metafor's refit.

    Returns
    -------
    TrimFill
        The refitted model and the imputed studies.
    """
    yi, vi = check_effects(yi, vi)
    _need(yi.size, "Trim-and-fill")
    if side is None:
        _check_precision(vi, "Trim-and-fill (choosing the side)")
        side = choose_side(yi, vi, method)
    elif side not in ("left", "right"):
        raise InvalidInput(f"unknown side {side!r}; allowed: left, right")
    flip = -1.0 if side == "right" else 1.0
    order = np.argsort(flip * yi, kind="stable")  # R's sort(index.return = TRUE) is stable
    y, v = flip * yi[order], vi[order]
    k0, beta = _estimate_k0(y, v, method)
    k = y.size
    filled = flip * (2 * beta - y[k - k0:])  # mirror images of the k0 most extreme studies
    fit = fit_rma(np.r_[yi, filled], np.r_[vi, v[k - k0:]], method=method, level=level,
                  test=test if k0 == 0 else "z")
    return TrimFill(k0=int(k0), side=side, estimate=fit.estimate, se=fit.se,
                    ci_low=fit.ci_low, ci_high=fit.ci_high, tau2=fit.tau2,
                    filled_yi=tuple(filled.tolist()), filled_vi=tuple(v[k - k0:].tolist()))


def small_study_effects(yi, vi, method: str = "REML", test: str = "z",
                        level: float = 0.95) -> SmallStudy:
    """Egger's test, the rank test and trim-and-fill together, with a note when k < 10.

    ``method`` and ``test`` are those of the pooled model (metafor passes them on); the
    common-effect methods MH and PETO use ``"FE"``.
    """
    yi, vi = check_effects(yi, vi)
    k = yi.size
    notes = []
    if k < MEANINGFUL_K:
        notes.append(f"Small-study tests with k = {k} (< {MEANINGFUL_K} studies) have too "
                     f"little power to rule out small-study effects (Cochrane Handbook 13.3).")
    rank = rank_test(yi, vi)
    if not rank.exact:
        notes.append("Rank-correlation p-value by the normal approximation (tied values or "
                     f"k > {EXACT_MAX_K}).")
    return SmallStudy(egger=regression_test(yi, vi, method, test), rank_correlation=rank,
                      trim_and_fill=trim_and_fill(yi, vi, method, level, test=test),
                      notes=tuple(notes))
