"""Prediction intervals: metafor's (the default) or Higgins-Thompson-Spiegelhalter's.

Pooling computes metafor's prediction interval, ``mu +/- crit * sqrt(se^2 + tau^2)`` with the
critical value of the CI's reference distribution (t with k - 1 df for Hartung-Knapp, else
normal). R meta's ``method.predict = "HTS"`` is the Higgins-Thompson-Spiegelhalter interval,
the same expression with a t distribution on k - 2 degrees of freedom; undefined for k < 3.

References
----------
Higgins, J. P. T., Thompson, S. G., & Spiegelhalter, D. J. (2009). A re-evaluation of
random-effects meta-analysis. *JRSS A*, 172(1), 137-159.
"""

from __future__ import annotations

import math
from dataclasses import replace

from meta.distributions import Reference
from meta.errors import InvalidInput
from meta.results import PoolResult

#: ``--pi`` values: metafor's interval, or Higgins-Thompson-Spiegelhalter's.
PI_METHODS = ("t", "hts")


def check_pi(pi: str) -> str:
    """Return ``pi`` lower-cased, or raise :class:`InvalidInput` naming the allowed values."""
    if str(pi).lower() not in PI_METHODS:
        raise InvalidInput(f"unknown prediction interval {pi!r}; allowed: t, hts")
    return str(pi).lower()


def with_prediction_interval(result: PoolResult, pi: str) -> PoolResult:
    """``result`` with its prediction interval made by ``pi`` (``t`` leaves it unchanged).

    ``hts`` uses the model-scale estimate, its SE (Hartung-Knapp-adjusted when the CI is) and
    tau^2: ``mu +/- t_{k-2} * sqrt(se^2 + tau^2)``, back-transformed as the estimate is. It is
    NaN for k < 3, and for results without a model-scale fit (a median of medians). Subgroup
    intervals stay metafor's.

    Raises
    ------
    InvalidInput
        For a ``pi`` other than ``t`` or ``hts``.
    """
    from meta.pooling import natural_values

    if check_pi(pi) == "t":
        return result
    model = result.transformed
    half = math.nan
    if result.k >= 3 and result.back is not None and math.isfinite(model.se):
        crit = float(Reference(result.k - 2).isf((1 - result.level) / 2))
        half = crit * math.sqrt(model.se**2 + result.tau2)
    model = replace(model, pi_low=model.estimate - half, pi_high=model.estimate + half)
    nat = natural_values(model, result.back) if result.back is not None else {
        "pi_low": math.nan, "pi_high": math.nan}
    notes = result.notes
    if result.subgroups is not None:
        notes = (*notes, "Subgroup prediction intervals are metafor's (not Higgins-Thompson-"
                         "Spiegelhalter).")
    return replace(result, transformed=model, pi_low=nat["pi_low"], pi_high=nat["pi_high"],
                   pi="hts", notes=notes)
