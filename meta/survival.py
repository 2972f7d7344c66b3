"""Pooling survival (or patency) rates at a time point on the complementary log-log scale.

y = ln(-ln S). The variance comes from the stated CI where there is one,
SE = |cloglog(L) - cloglog(U)| / (2z) (one-sided when a bound is missing or at 0/1);
otherwise from the cohort size by the delta method on the binomial variance,
Var(y) = (1 - S) / (n S (ln S)^2), which ignores censoring and so understates the
uncertainty of Kaplan-Meier rates; the notes name the studies weighted that way.

References
----------
Kalbfleisch, J. D., & Prentice, R. L. (2002). *The Statistical Analysis of Failure Time
Data* (2nd ed.), sec. 1.3 (log-log transformed confidence limits). Wiley.
Combescure, C., Foucher, Y., & Jackson, D. (2014). Meta-analysis of single-arm survival
studies: a distribution-free approach. *Statistics in Medicine*, 33(15), 2521-2537.
"""

from __future__ import annotations

import numpy as np

from meta.distributions import norm_isf
from meta.errors import InvalidInput
from meta.medians import _as_array
from meta.pooling import labels_or_default, pool_effects, too_few
from meta.results import PoolResult, StudyRow


def cloglog(s):
    """ln(-ln s)."""
    return np.log(-np.log(np.asarray(s, dtype=float)))


def inverse_cloglog(y, mask=None):
    """exp(-exp(y)); decreasing, so CI ends swap (handled by the pooling layer)."""
    return np.exp(-np.exp(np.asarray(y, dtype=float)))


def _one_study(s, lo, hi, n, z, name):
    """(rate used, variance on cloglog scale, 'ci' | 'n', corrected?) for one study."""
    if not 0 <= s <= 1:
        raise InvalidInput(f"{name}: rate must be between 0 and 1 (got {s:g})")
    for b in (lo, hi):
        if np.isfinite(b) and not 0 <= b <= 1:
            raise InvalidInput(f"{name}: CI bound must be between 0 and 1 (got {b:g})")
    if (np.isfinite(lo) and lo > s) or (np.isfinite(hi) and hi < s):
        raise InvalidInput(f"{name}: CI {lo:g} to {hi:g} does not contain the estimate {s:g}")
    inner = 0 < s < 1
    ok_lo, ok_hi = np.isfinite(lo) and 0 < lo < s, np.isfinite(hi) and s < hi < 1
    if inner and ok_lo and ok_hi:
        return s, ((cloglog(lo) - cloglog(hi)) / (2 * z)) ** 2, "ci", False
    if inner and (ok_lo or ok_hi):
        b = lo if ok_lo else hi
        return s, ((cloglog(b) - cloglog(s)) / z) ** 2, "ci", False
    if np.isfinite(n) and n > 0:
        corrected = not inner
        s_used = (n * s + 0.5) / (n + 1) if corrected else s
        return s_used, (1 - s_used) / (n * s_used * np.log(s_used) ** 2), "n", corrected
    raise InvalidInput(f"{name}: a rate needs a CI or the cohort size to be weighted")


def pool_rates(values, ci_low=None, ci_high=None, totals=None, *, ci_level=0.95,
               labels=None, method: str | None = None, ci: str = "hk", level: float = 0.95,
               groups=None) -> PoolResult:
    """Pool rates at a time point (0-1 scale) on the cloglog scale.

    Parameters
    ----------
    values : array_like, shape (k,)
    ci_low, ci_high : array_like or None
        Stated CIs (NaN/None where missing).
    totals : array_like or None
        Cohort sizes, used where a study has no usable CI.
    ci_level, method, ci, level, groups
        As for :func:`meta.pooling.pool_ratios`.
    """
    s = _as_array(values, len(np.ravel(values)))
    k = s.size
    names = labels_or_default(labels, k)
    lo, hi, n = _as_array(ci_low, k), _as_array(ci_high, k), _as_array(totals, k)
    z = norm_isf((1 - np.broadcast_to(np.asarray(ci_level, float), (k,))) / 2)
    parts = [_one_study(s[i], lo[i], hi[i], n[i], z[i], names[i]) for i in range(k)]
    yi = np.array([cloglog(p[0]) for p in parts])
    vi = np.array([p[1] for p in parts])
    zl = norm_isf((1 - level) / 2)
    rows = []
    for i in range(k):
        own = (lo[i], hi[i]) if parts[i][2] == "ci" and np.isfinite(lo[i] + hi[i]) else (
            float(inverse_cloglog(yi[i] + zl * np.sqrt(vi[i]))),
            float(inverse_cloglog(yi[i] - zl * np.sqrt(vi[i]))))
        rows.append(StudyRow(label=names[i], estimate=float(s[i]), ci_low=float(own[0]),
                             ci_high=float(own[1]), yi=float(yi[i]), vi=float(vi[i]),
                             total=None if not np.isfinite(n[i]) else int(n[i]),
                             group=None if groups is None else str(groups[i])))
    if k < 2:
        raise too_few(rows)
    return pool_effects(yi, vi, rows, kind="rate_at_time", transform="cloglog",
                        back=inverse_cloglog, method=method, ci=ci, level=level,
                        groups=groups, notes=_notes(parts, names))


def _notes(parts, names) -> list[str]:
    notes = ["Rates pooled on the complementary log-log scale."]
    by_ci = [nm for p, nm in zip(parts, names, strict=True) if p[2] == "ci"]
    by_n = [nm for p, nm in zip(parts, names, strict=True) if p[2] == "n"]
    if by_ci:
        notes.append("Variance from the stated CI for: " + ", ".join(by_ci) + ".")
    if by_n:
        notes.append("Variance from the cohort size (binomial approximation, ignores "
                     "censoring) for: " + ", ".join(by_n) + ".")
    fixed = [nm for p, nm in zip(parts, names, strict=True) if p[3]]
    if fixed:
        notes.append("Rate of 0 or 1 moved by 0.5/(n+1) to be defined on the cloglog scale "
                     "for: " + ", ".join(fixed) + ".")
    return notes
