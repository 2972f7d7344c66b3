"""Pooling median times (survival, follow-up) in months.

Where every study gives a CI, medians are pooled on the log scale with SE from the CI,
(ln U - ln L) / (2z); a missing bound (an upper limit "not reached") gives the one-sided
SE (ln m - ln L) / z. Where any study lacks a CI, the result is the median of the study
medians (unweighted, with k and the range), labelled as such: it is a summary, not a
meta-analytic estimate.

References
----------
McGrath, S., Zhao, X., Qin, Z. Z., Steele, R., & Benedetti, A. (2019). One-sample aggregate
data meta-analysis of medians. *Statistics in Medicine*, 38(6), 969-984.
"""

from __future__ import annotations

import numpy as np

from meta.distributions import norm_isf
from meta.errors import InvalidInput
from meta.pooling import labels_or_default, pool_effects, too_few
from meta.results import ModelScale, PoolResult, StudyRow

NAN = float("nan")


def _as_array(values, k):
    if values is None:
        return np.full(k, np.nan)
    return np.array([np.nan if v is None else v for v in np.ravel(values)], dtype=float)


def median_log_se(m, lo, hi, ci_level, names) -> np.ndarray:
    """Log-scale SE of each median from its CI (two- or one-sided); NaN without a CI."""
    z = norm_isf((1 - np.broadcast_to(np.asarray(ci_level, float), m.shape)) / 2)
    se = np.full(m.shape, np.nan)
    for i in range(m.size):
        if not m[i] > 0:
            raise InvalidInput(f"{names[i]}: median must be > 0 (got {m[i]:g})")
        for b in (lo[i], hi[i]):
            if np.isfinite(b) and b <= 0:
                raise InvalidInput(f"{names[i]}: CI bound must be > 0 (got {b:g})")
        if (np.isfinite(lo[i]) and lo[i] > m[i]) or (np.isfinite(hi[i]) and hi[i] < m[i]):
            raise InvalidInput(f"{names[i]}: CI {lo[i]:g} to {hi[i]:g} does not contain the "
                               f"estimate {m[i]:g}")
        if np.isfinite(lo[i]) and np.isfinite(hi[i]) and hi[i] > lo[i]:
            se[i] = (np.log(hi[i]) - np.log(lo[i])) / (2 * z[i])
        elif np.isfinite(lo[i]) and lo[i] < m[i]:
            se[i] = (np.log(m[i]) - np.log(lo[i])) / z[i]
        elif np.isfinite(hi[i]) and hi[i] > m[i]:
            se[i] = (np.log(hi[i]) - np.log(m[i])) / z[i]
    return se


def pool_medians(values, ci_low=None, ci_high=None, *, ci_level=0.95, labels=None,
                 method: str | None = None, ci: str = "hk", level: float = 0.95,
                 groups=None) -> PoolResult:
    """Pool study medians (months).

    Parameters
    ----------
    values : array_like, shape (k,)
        Medians (> 0).
    ci_low, ci_high : array_like or None
        Stated CI bounds; NaN/None where missing.
    ci_level : float or array_like
        Level of the stated CIs.
    method, ci, level, groups
        As for :func:`meta.pooling.pool_generic` (log-scale pooling only).

    Raises
    ------
    TooFewStudies, InvalidInput
    """
    m = _as_array(values, None if values is None else len(np.ravel(values)))
    names = labels_or_default(labels, m.size)
    lo, hi = _as_array(ci_low, m.size), _as_array(ci_high, m.size)
    se = median_log_se(m, lo, hi, ci_level, names)
    rows = [StudyRow(label=names[i], estimate=float(m[i]), ci_low=float(lo[i]),
                     ci_high=float(hi[i]), yi=float(np.log(m[i])), vi=float(se[i] ** 2),
                     group=None if groups is None else str(groups[i])) for i in range(m.size)]
    if len(rows) < 2:
        raise too_few(rows)
    if np.all(np.isfinite(se)):
        one_sided = [names[i] for i in range(m.size)
                     if not (np.isfinite(lo[i]) and np.isfinite(hi[i]))]
        notes = ["Medians pooled on the log scale; each SE from the study's CI."]
        if one_sided:
            notes.append("One-sided SE (a CI bound missing) for: " + ", ".join(one_sided) + ".")
        return pool_effects(np.log(m), se**2, rows, kind="median", transform="log",
                            back=lambda x, mask=None: np.exp(x), method=method, ci=ci,
                            level=level, groups=groups, notes=notes)
    return median_of_medians(m, rows, ci, level, names, se)


def median_of_medians(m, rows, ci, level, names, se) -> PoolResult:
    """Unweighted median of the study medians, for studies without CIs."""
    missing = [names[i] for i in range(m.size) if not np.isfinite(se[i])]
    est = float(np.median(m))
    note = (f"Median of the {m.size} study medians (range {m.min():g} to {m.max():g} months), "
            f"not a meta-analytic estimate: no CI given for " + ", ".join(missing) + ".")
    model = ModelScale(NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN)
    return PoolResult(kind="median", k=m.size, method="median of medians",
                      method_requested="median of medians", transform="none", ci=ci,
                      level=level, estimate=est, ci_low=NAN, ci_high=NAN, pi_low=NAN,
                      pi_high=NAN, tau2=NAN, se_tau2=NAN, tau2_ci_low=NAN, tau2_ci_high=NAN,
                      i2=NAN, h2=NAN, q=NAN, q_df=0, q_p=NAN, transformed=model,
                      studies=tuple(rows), notes=(note,))
