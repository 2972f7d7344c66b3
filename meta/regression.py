"""Mixed-effects meta-regression on study-level moderators, as metafor's
``rma(yi, vi, mods = ~ ..., method, test)`` computes it.

Numeric moderators enter as columns; a categorical one (any non-numeric value) as indicator
columns, one per level after the first (levels sorted, as R's ``factor`` sorts them), named
``<moderator><level>`` as R names them.

References
----------
Thompson, S. G., & Higgins, J. P. T. (2002). How should meta-regression analyses be
undertaken and interpreted? *Statistics in Medicine*, 21(11), 1559-1573.
Knapp, G., & Hartung, J. (2003). Improved tests for a random effects meta-regression with a
single covariate. *Statistics in Medicine*, 22(17), 2693-2710.
Raudenbush, S. W. (2009). Analyzing effect sizes: random-effects models. In *The Handbook
of Research Synthesis and Meta-Analysis* (2nd ed., pp. 295-315) (pseudo-R^2).
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from meta.distributions import Reference, chi2_sf, f_sf
from meta.errors import InvalidInput, TooFewStudies
from meta.heterogeneity import cochran_q, i2_h2
from meta.model import TESTS, check_effects, scale_factor
from meta.projection import Projection
from meta.results import Coefficient, MetaRegression
from meta.tau2 import estimate_tau2


def design_matrix(mods: Mapping[str, Sequence], labels=None) -> tuple[np.ndarray, list[str]]:
    """Model matrix (intercept first) and term names for the moderators ``mods``.

    Raises
    ------
    InvalidInput
        For a moderator that is empty in a study or constant across studies.
    """
    columns, terms = [], ["intrcpt"]
    for name, values in mods.items():
        vals = list(values)
        names = labels or [f"study {i + 1}" for i in range(len(vals))]
        numeric = _as_numeric(vals)
        if numeric is not None:
            _check_column(name, numeric, names)
            columns.append(numeric)
            terms.append(name)
            continue
        levels = sorted({str(v).strip() for v in vals})
        _check_levels(name, vals, levels, names)
        for lv in levels[1:]:
            columns.append(np.array([str(v).strip() == lv for v in vals], dtype=float))
            terms.append(f"{name}{lv}")
    k = len(next(iter(mods.values()))) if mods else 0
    return np.column_stack([np.ones(k), *columns]), terms


def _as_numeric(values) -> np.ndarray | None:
    try:
        return np.array([float(v) for v in values])
    except (TypeError, ValueError):
        return None


def _check_column(name, x, names) -> None:
    bad = ~np.isfinite(x)
    if bad.any():
        raise InvalidInput(f"{names[int(np.argmax(bad))]}: moderator {name} is empty")
    if np.all(x == x[0]):
        raise InvalidInput(f"moderator {name} is constant ({x[0]:g} in every study): "
                           f"it cannot explain differences between studies")


def _check_levels(name, vals, levels, names) -> None:
    for i, v in enumerate(vals):
        if str(v).strip() in ("", "nan", "None"):
            raise InvalidInput(f"{names[i]}: moderator {name} is empty")
    if len(levels) < 2:
        raise InvalidInput(f"moderator {name} is constant ({levels[0]!r} in every study): "
                           f"it cannot explain differences between studies")


def fit_regression(yi, vi, X: np.ndarray, method: str = "REML", test: str = "z",
                   level: float = 0.95, terms: Sequence[str] | None = None) -> MetaRegression:
    """Fit ``rma(yi, vi, mods = X[:, 1:], method, test)``; QM tests all but the intercept
    (column 0), as metafor's default ``btt``.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
    X : ndarray, shape (k, p)
        Model matrix with the intercept in column 0.
    method : {"DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM", "FE"}
    test : {"z", "knha"}
        Wald tests (QM chi^2), or Hartung-Knapp (t on k - p df, QM F on (p - 1, k - p)).

    Raises
    ------
    TooFewStudies
        If k does not exceed the number of coefficients.
    InvalidInput
        For collinear moderators or an unknown test.
    """
    yi, vi = check_effects(yi, vi)
    if test not in TESTS:
        raise InvalidInput(f"unknown test {test!r}; allowed: {', '.join(TESTS)}")
    k, p = X.shape
    if k <= p:
        raise TooFewStudies(k, f"meta-regression with {p} coefficients needs more than {p} "
                               f"studies, got {k}")
    if np.linalg.matrix_rank(X) < p:
        raise InvalidInput("moderators are collinear: one is a combination of the others")
    t2 = estimate_tau2(yi, vi, X, method)
    w = 1 / (vi + t2.tau2)
    P = Projection.build(w, X)
    beta = P.beta(yi)
    vb = P.A * scale_factor(yi - X @ beta, w, k - p, test)
    coefs = _coefficients(beta, vb, test, k - p, level, terms or [f"X{j}" for j in range(p)])
    qm, qm_p, dist = _omnibus(beta, vb, test, k - p)
    het = cochran_q(yi, vi, X)
    i2, _ = i2_h2(het, t2.tau2, method)
    return MetaRegression(
        coefficients=coefs, qm=qm, qm_df=p - 1, qm_df2=float(k - p) if dist == "F" else np.nan,
        qm_p=qm_p, qm_dist=dist, qe=het.q, qe_df=het.df, qe_p=het.p_value, tau2=t2.tau2, i2=i2,
        r2=_pseudo_r2(yi, vi, t2.tau2, method), k=k, method=method, test=test, level=level)


def _coefficients(beta, vb, test, df, level, terms) -> tuple[Coefficient, ...]:
    se = np.sqrt(np.diag(vb))
    dist = Reference() if test == "z" else Reference(df)
    crit = float(dist.isf((1 - level) / 2))
    stat = beta / se
    p = 2 * dist.sf(np.abs(stat))
    return tuple(Coefficient(term=str(terms[j]), estimate=float(beta[j]), se=float(se[j]),
                             ci_low=float(beta[j] - crit * se[j]),
                             ci_high=float(beta[j] + crit * se[j]), stat=float(stat[j]),
                             p=float(p[j]))
                 for j in range(beta.size))


def _omnibus(beta, vb, test, df) -> tuple[float, float, str]:
    b = beta[1:]
    qm = float(b @ np.linalg.solve(vb[1:, 1:], b))
    if test == "z":
        return qm, float(chi2_sf(qm, b.size)), "chi2"
    qm /= b.size
    return qm, float(f_sf(qm, b.size, df)), "F"


def _pseudo_r2(yi, vi, tau2, method) -> float:
    """100 (tau2_RE - tau2) / tau2_RE, truncated at 0; 0 when tau2_RE is 0 (as metafor);
    NaN for FE (no tau^2)."""
    if method == "FE":
        return float("nan")
    tau2_re = estimate_tau2(yi, vi, np.ones((yi.size, 1)), method).tau2
    if tau2_re == 0:
        return 0.0
    return max(0.0, 100 * (tau2_re - tau2) / tau2_re)


def meta_regression(yi, vi, mods: Mapping[str, Sequence], method: str = "REML",
                    test: str = "z", level: float = 0.95, labels=None) -> MetaRegression:
    """Meta-regression of ``yi`` on the named moderators (see :func:`design_matrix`).

    Raises
    ------
    InvalidInput
        No moderator, a constant or empty moderator, collinear moderators.
    TooFewStudies
        Fewer studies than coefficients + 1.
    """
    if not mods:
        raise InvalidInput("meta-regression needs at least one moderator")
    X, terms = design_matrix(mods, labels)
    return fit_regression(yi, vi, X, method=method, test=test, level=level, terms=terms)
