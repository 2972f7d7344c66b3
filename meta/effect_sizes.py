"""Effect sizes for single proportions (metafor ``escalc`` conventions), generic effects from
an estimate with a confidence interval, back-transformations and exact study CIs.

Measures: ``PR`` (raw), ``PLN`` (log), ``PLO`` (logit), ``PAS`` (arcsine square root),
``PFT`` (Freeman-Tukey double arcsine). As metafor 3.8 ``escalc`` does by default
(``add = 1/2, to = "only0"``), 0.5 is added to the events and non-events of studies with
0 events or 0 non-events for PR, PLN and PLO; PAS and PFT are defined at 0% and 100% and
get no correction.

References
----------
Freeman, M. F., & Tukey, J. W. (1950). Transformations related to the angular and the
square root. *Annals of Mathematical Statistics*, 21(4), 607-611.
Miller, J. J. (1978). The inverse of the Freeman-Tukey double arcsine transformation.
*The American Statistician*, 32(4), 138.
Clopper, C. J., & Pearson, E. S. (1934). The use of confidence or fiducial limits
illustrated in the case of the binomial. *Biometrika*, 26(4), 404-413.
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from meta.distributions import beta_isf, beta_ppf, norm_isf
from meta.errors import InvalidInput

MEASURES = ("PLO", "PFT", "PAS", "PR", "PLN")
TRANSFORM_NAMES = {"logit": "PLO", "freeman-tukey": "PFT", "arcsine": "PAS", "raw": "PR",
                   "log": "PLN"}
CONTINUITY = 0.5  # metafor escalc default add = 1/2, to = "only0"
_CORRECTED = ("PR", "PLN", "PLO")


def measure_code(transform: str) -> str:
    """Map ``logit|freeman-tukey|arcsine|raw|log`` or a metafor code to the metafor code."""
    code = TRANSFORM_NAMES.get(transform.lower(), transform.upper())
    if code not in MEASURES:
        allowed = ", ".join([*TRANSFORM_NAMES, *MEASURES])
        raise InvalidInput(f"unknown transform {transform!r}; allowed: {allowed}")
    return code


@dataclass(frozen=True)
class ProportionEffects:
    """Model-scale effects of k proportions; ``corrected`` flags the continuity correction."""

    yi: np.ndarray
    vi: np.ndarray
    measure: str
    corrected: np.ndarray


def check_counts(events, totals, labels=None) -> tuple[np.ndarray, np.ndarray]:
    """Validate event counts; return float arrays.

    Raises
    ------
    InvalidInput
        Naming the first study whose total is not positive, whose events are negative,
        non-integer or greater than the total.
    """
    xi = np.asarray(events, dtype=float).ravel()
    ni = np.asarray(totals, dtype=float).ravel()
    if xi.shape != ni.shape:
        raise InvalidInput(f"{xi.size} event counts but {ni.size} totals")
    bad = ~(np.isfinite(ni) & (ni > 0) & np.isfinite(xi) & (xi >= 0) & (xi <= ni)
            & (xi == np.round(xi)) & (ni == np.round(ni)))
    if not bad.any():  # vectorised check first; the loop below only words the message
        return xi, ni
    names = list(labels) if labels is not None else [f"study {i + 1}" for i in range(xi.size)]
    for i, (x, n) in enumerate(zip(xi, ni, strict=True)):
        if not np.isfinite(n) or n <= 0:
            raise InvalidInput(f"{names[i]}: total must be > 0 (got {n:g})")
        if not np.isfinite(x) or x < 0:
            raise InvalidInput(f"{names[i]}: events must be >= 0 (got {x:g})")
        if x > n:
            raise InvalidInput(f"{names[i]}: events ({x:g}) exceed total ({n:g})")
        if x != round(x) or n != round(n):
            raise InvalidInput(f"{names[i]}: events and total must be whole numbers")
    return xi, ni


def proportion_effects(events, totals, measure: str = "PLO", labels=None) -> ProportionEffects:
    """metafor ``escalc(measure, xi, ni)`` for single proportions (vtype "LS").

    Parameters
    ----------
    events, totals : array_like, shape (k,)
    measure : {"PLO", "PFT", "PAS", "PR", "PLN"} or a transform name
    """
    measure = measure_code(measure)
    xi, ni = check_counts(events, totals, labels)
    corrected = ((xi == 0) | (xi == ni)) & (measure in _CORRECTED)
    x = np.where(corrected, xi + CONTINUITY, xi)
    n = np.where(corrected, ni + 2 * CONTINUITY, ni)
    p = x / n
    if measure == "PR":
        yi, vi = p, p * (1 - p) / n
    elif measure == "PLN":
        yi, vi = np.log(p), 1 / x - 1 / n
    elif measure == "PLO":
        yi, vi = np.log(x / (n - x)), 1 / x + 1 / (n - x)
    elif measure == "PAS":
        yi, vi = np.arcsin(np.sqrt(p)), 1 / (4 * n)
    else:
        yi, vi = pft(xi, ni), 1 / (4 * ni + 2)
    return ProportionEffects(yi=yi, vi=vi, measure=measure, corrected=corrected)


def pft(events, totals):
    """Freeman-Tukey double arcsine of ``events`` out of ``totals``."""
    x, n = np.asarray(events, float), np.asarray(totals, float)
    return 0.5 * (np.arcsin(np.sqrt(x / (n + 1))) + np.arcsin(np.sqrt((x + 1) / (n + 1))))


def ipft(y, n):
    """Miller's inverse of the Freeman-Tukey transform for sample size ``n``, clipped to [0, 1]
    outside the attainable range (metafor ``transf.ipft``)."""
    y = np.asarray(y, dtype=float)
    s = np.sin(2 * y)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = 0.5 * (1 - np.sign(np.cos(2 * y)) * np.sqrt(1 - (s + (s - 1 / s) / n) ** 2))
    z = np.where(y > pft(n, n), 1.0, z)
    return np.where(y < pft(0, n), 0.0, z)


def back_transform(y, measure: str, totals=None):
    """Model scale -> proportion: inverse logit, Miller's harmonic-mean inverse Freeman-Tukey
    (metafor ``transf.ipft.hm``), inverse arcsine (``transf.iarcsin``), exp, or identity."""
    y = np.asarray(y, dtype=float)
    if measure == "PLO":
        return special.expit(y)
    if measure == "PLN":
        return np.exp(y)
    if measure == "PAS":
        return np.where(y < 0, 0.0, np.where(y > np.pi / 2, 1.0, np.sin(y) ** 2))
    if measure == "PFT":
        n_hm = 1 / np.mean(1 / np.asarray(totals, dtype=float))
        return ipft(y, n_hm)
    return y


def clopper_pearson(events, totals, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact binomial CI of each study's own proportion."""
    x, n = np.asarray(events, float), np.asarray(totals, float)
    a = (1 - level) / 2
    with np.errstate(invalid="ignore"):
        low = np.where(x == 0, 0.0, beta_ppf(a, x, n - x + 1))
        high = np.where(x == n, 1.0, beta_isf(a, x + 1, n - x))
    return low, high


def log_effect_from_ci(value, ci_low, ci_high, ci_level=0.95, labels=None):
    """Log effect and its variance from a ratio (HR, RR, OR, median) and its CI.

    SE = (ln U - ln L) / (2 z_{(1+level)/2}); the estimate is ln(value). ``ci_level`` is the
    level of the stated CIs, a scalar or one value per study.

    Raises
    ------
    InvalidInput
        If a value or bound is not positive, or the CI does not contain the estimate.
    """
    v, lo, hi = (np.asarray(a, dtype=float).ravel() for a in (value, ci_low, ci_high))
    names = list(labels) if labels is not None else [f"study {i + 1}" for i in range(v.size)]
    for i in range(v.size):
        if not (v[i] > 0 and lo[i] > 0 and hi[i] > 0):
            raise InvalidInput(f"{names[i]}: value and CI bounds must be > 0 for a log scale")
        if not lo[i] <= v[i] <= hi[i] or lo[i] == hi[i]:
            raise InvalidInput(
                f"{names[i]}: CI {lo[i]:g} to {hi[i]:g} does not contain the estimate {v[i]:g}"
            )
    z = norm_isf((1 - np.asarray(ci_level, dtype=float)) / 2)
    sei = (np.log(hi) - np.log(lo)) / (2 * z)
    return np.log(v), sei**2
