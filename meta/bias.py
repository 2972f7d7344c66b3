"""Egger's regression test for funnel-plot asymmetry.

Implemented as metafor's ``regtest(model = "lm", predictor = "sei")``: a weighted least
squares regression of y_i on se_i with weights 1/v_i and a multiplicative dispersion
parameter; the test is the t statistic of the se_i coefficient (equal to the intercept of
Egger's original standard-normal-deviate regression) with k - 2 df.

References
----------
Egger, M., Davey Smith, G., Schneider, M., & Minder, C. (1997). Bias in meta-analysis
detected by a simple, graphical test. *BMJ*, 315(7109), 629-634.
Sterne, J. A. C., & Egger, M. (2005). Regression methods to detect publication and other
bias in meta-analysis. In *Publication Bias in Meta-Analysis* (pp. 99-110). Wiley.
"""

from __future__ import annotations

import numpy as np

from meta.distributions import Reference
from meta.errors import InvalidInput, TooFewStudies
from meta.model import check_effects
from meta.results import EggerResult

MIN_K = 3  # two coefficients plus at least one residual degree of freedom
MEANINGFUL_K = 10  # Sterne et al. (2011, BMJ 343:d4002): too little power below 10 studies


def egger_test(yi, vi) -> EggerResult:
    """Egger's test of small-study effects.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)

    Returns
    -------
    EggerResult
        ``intercept`` is the asymmetry coefficient (slope on se_i), ``stat`` its t value,
        ``df`` = k - 2; ``note`` warns when k < 10.

    Raises
    ------
    TooFewStudies
        For k < 3.
    InvalidInput
        When every study has the same standard error (the regression has no slope to fit).
    """
    yi, vi = check_effects(yi, vi)
    k = yi.size
    if k < MIN_K:
        raise TooFewStudies(k, f"Egger's test needs at least {MIN_K} studies, got {k}")
    sei = np.sqrt(vi)
    sw = 1 / sei  # sqrt of the weights 1/vi
    X = np.column_stack([np.ones(k), sei]) * sw[:, None]
    y = yi * sw
    coef, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
    if rank < 2:  # se_i constant: collinear with the intercept, as metafor's rank check finds
        raise InvalidInput(f"Egger's test needs studies of different precision; all {k} have se = "
                           f"{sei[0]:.4g}")
    resid = y - X @ coef
    df = k - 2
    sigma2 = float(resid @ resid) / df
    cov = sigma2 * np.linalg.inv(X.T @ X)
    t = float(coef[1] / np.sqrt(cov[1, 1]))
    note = ""
    if k < MEANINGFUL_K:
        note = f"Egger's test with k = {k} (< {MEANINGFUL_K}) has too little power to mean much"
    p_value = float(2 * Reference(df).sf(abs(t)))
    return EggerResult(intercept=float(coef[1]), stat=t, p_value=p_value, df=df, k=k, note=note)
