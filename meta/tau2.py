"""Between-study variance (tau^2) estimators, as metafor's ``rma.uni`` computes them.

Allowed methods: ``DL``, ``HE``, ``HS``, ``SJ``, ``ML``, ``REML``, ``EB``, ``PM`` and ``FE``
(common effect, tau^2 = 0). Iterative estimators follow metafor's algorithms step by step
(Fisher scoring from the Hedges estimate with threshold 1e-5; ``uniroot`` for PM) so that the
results agree with metafor to rounding error rather than to the convergence tolerance.

References
----------
DerSimonian, R., & Laird, N. (1986). Meta-analysis in clinical trials. *Controlled Clinical
Trials*, 7(3), 177-188.
Hedges, L. V., & Olkin, I. (1985). *Statistical Methods for Meta-Analysis*. Academic Press.
Hunter, J. E., & Schmidt, F. L. (2004). *Methods of Meta-Analysis* (2nd ed.). Sage.
Sidik, K., & Jonkman, J. N. (2005). Simple heterogeneity variance estimation for
meta-analysis. *JRSS C*, 54(2), 367-384.
Morris, C. N. (1983). Parametric empirical Bayes inference. *JASA*, 78(381), 47-55.
Paule, R. C., & Mandel, J. (1982). Consensus values and weighting factors. *Journal of
Research of the National Bureau of Standards*, 87(5), 377-385.
Viechtbauer, W. (2005). Bias and efficiency of meta-analytic variance estimators in the
random-effects model. *Journal of Educational and Behavioral Statistics*, 30(3), 261-293.
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meta.errors import ConvergenceError, InvalidInput
from meta.projection import Projection
from meta.roots import R_UNIROOT_TOL, uniroot

METHODS = ("DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM", "FE")

THRESHOLD = 1e-5  # metafor control$threshold: Fisher-scoring stopping rule on |change in tau^2|
MAXITER = 100  # metafor control$maxiter
TAU2_MAX = 100.0  # metafor control$tau2.max: upper end of the PM root search


@dataclass(frozen=True)
class Tau2Estimate:
    """An estimate of tau^2 with its standard error (NaN where metafor has none)."""

    tau2: float
    se_tau2: float
    method: str
    iterations: int = 0


def estimate_tau2(yi: np.ndarray, vi: np.ndarray, X: np.ndarray, method: str) -> Tau2Estimate:
    """Estimate tau^2 for the meta-regression ``yi ~ X`` with sampling variances ``vi``.

    Parameters
    ----------
    yi, vi : ndarray, shape (k,)
    X : ndarray, shape (k, p)
    method : {"DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM", "FE"}

    Raises
    ------
    InvalidInput
        For an unknown method.
    ConvergenceError
        When Fisher scoring (ML, REML, EB) or the PM root search fails.
    """
    if method not in METHODS:
        raise InvalidInput(f"unknown tau2 method {method!r}; allowed: {', '.join(METHODS)}")
    if method == "FE":
        return Tau2Estimate(0.0, float("nan"), "FE")
    ymc = yi - yi.mean()  # metafor centres yi for numerical stability
    k, p = X.shape
    if method in ("ML", "REML", "EB"):
        return _fisher_scoring(ymc, vi, X, method)
    return _ESTIMATORS[method](ymc, vi, X, k, p)


def _dl(ymc, vi, X, k, p):
    P = Projection.build(1 / vi, X)
    trp = P.trace()
    tau2 = max(0.0, (P.quad(ymc) - (k - p)) / trp)
    se = np.sqrt((2 * (k - p) + 4 * tau2 * trp + 2 * tau2**2 * P.trace_pp()) / trp**2)
    return Tau2Estimate(tau2, float(se), "DL")


def _hedges_raw(ymc, vi, X, k, p):
    """Unweighted Hedges estimate, before truncation at zero, and its projection."""
    P = Projection.build(np.ones(k), X)
    return (P.quad(ymc) - P.trace_pv(vi)) / (k - p), P


def _he(ymc, vi, X, k, p):
    raw, P = _hedges_raw(ymc, vi, X, k, p)
    tau2 = max(0.0, raw)
    se = np.sqrt(2 * P.trace_pvpv(vi) + 4 * tau2 * P.trace_pv(vi) + 2 * tau2**2 * (k - p))
    return Tau2Estimate(tau2, float(se / (k - p)), "HE")


def _hs(ymc, vi, X, k, p):
    w = 1 / vi
    P = Projection.build(w, X)
    tau2 = max(0.0, (P.quad(ymc) - k) / w.sum())
    se = np.sqrt(2 * (k - p) + 4 * tau2 * P.trace() + 2 * tau2**2 * P.trace_pp()) / w.sum()
    return Tau2Estimate(tau2, float(se), "HS")


def _sj(ymc, vi, X, k, p):
    tau2_0 = float(np.sum(ymc**2) / k)  # var(yi) * (k-1)/k
    P = Projection.build(1 / (vi + tau2_0), X)
    tau2 = max(0.0, tau2_0 * P.quad(ymc) / (k - p))
    inner = 2 * P.trace_pvpv(vi) + 4 * tau2 * P.trace_ppv(vi) + 2 * tau2**2 * P.trace_pp()
    return Tau2Estimate(tau2, float(np.sqrt(tau2_0**2 / (k - p) ** 2 * inner)), "SJ")


def _pm(ymc, vi, X, k, p):
    def q_minus_df(t2: float) -> float:
        return Projection.build(1 / (vi + t2), X).quad(ymc) - (k - p)

    if q_minus_df(0.0) < 0:
        tau2 = 0.0
    else:
        upper = TAU2_MAX
        if q_minus_df(upper) > 0:
            raise ConvergenceError(
                f"Paule-Mandel: tau2 exceeds the search limit {upper:g}; use another method"
            )
        tau2 = uniroot(q_minus_df, 0.0, upper, tol=R_UNIROOT_TOL, maxiter=MAXITER)
        tau2 = max(0.0, tau2)
    w = 1 / (vi + tau2)
    return Tau2Estimate(tau2, float(np.sqrt(2 * k**2 / (k - p) / w.sum() ** 2)), "PM")


def _fisher_step(ymc, vi, X, k, p, tau2, method):
    w = 1 / (vi + tau2)
    P = Projection.build(w, X)
    if method == "EB":
        return (P.quad(ymc) * k / (k - p) - k) / w.sum()
    py = P.apply(ymc)
    if method == "ML":
        return (py @ py - w.sum()) / np.sum(w**2)
    return (py @ py - P.trace()) / P.trace_pp()


def _fisher_scoring(ymc, vi, X, method):
    """metafor's Fisher scoring for ML/REML/EB: start at max(0, HE), step-halve at 0."""
    k, p = X.shape
    tau2 = max(0.0, _hedges_raw(ymc, vi, X, k, p)[0])
    change, it = THRESHOLD + 1, 0
    while change > THRESHOLD:
        it += 1
        old = tau2
        adj = float(_fisher_step(ymc, vi, X, k, p, tau2, method))
        if not np.isfinite(adj):
            raise ConvergenceError(f"{method}: Fisher scoring produced a non-finite step")
        while tau2 + adj < 0:
            adj /= 2
        tau2 += adj
        change = abs(old - tau2)
        if it > MAXITER:
            raise ConvergenceError(f"{method}: Fisher scoring did not converge in {MAXITER} steps")
    if method != "EB" and tau2 > THRESHOLD and _stuck_above_zero(ymc, vi, X, tau2, method):
        tau2 = 0.0
    tau2 = max(0.0, tau2)
    w = 1 / (vi + tau2)
    if method == "ML":
        se = np.sqrt(2 / np.sum(w**2))
    elif method == "REML":
        se = np.sqrt(2 / Projection.build(w, X).trace_pp())
    else:
        se = np.sqrt(2 * k**2 / (k - p) / w.sum() ** 2)
    return Tau2Estimate(tau2, float(se), method, it)


def log_likelihood(yi, vi, X, tau2: float, method: str) -> float:
    """ML or REML log-likelihood of the normal-normal model (metafor's ``ll.ML``/``ll.REML``,
    without the REMLf constant)."""
    k, p = X.shape
    w = 1 / (vi + tau2)
    P = Projection.build(w, X)
    ll = -0.5 * np.sum(np.log(vi + tau2)) - 0.5 * P.quad(yi)
    if method == "ML":
        return float(ll - 0.5 * k * np.log(2 * np.pi))
    logdet = np.linalg.slogdet(X.T @ P.B)[1]
    return float(ll - 0.5 * (k - p) * np.log(2 * np.pi) - 0.5 * logdet)


def _stuck_above_zero(ymc, vi, X, tau2, method) -> bool:
    """metafor's ``ll0check``: is the likelihood higher at tau^2 = 0 than at the solution?"""
    gain = log_likelihood(ymc, vi, X, 0.0, method) - log_likelihood(ymc, vi, X, tau2, method)
    return gain > R_UNIROOT_TOL


_ESTIMATORS = {"DL": _dl, "HE": _he, "HS": _hs, "SJ": _sj, "PM": _pm}
