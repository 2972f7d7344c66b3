"""Subgroup analysis: a fit per subgroup, the test for subgroup differences (Q between)
and metafor's mixed-effects omnibus test QM for ``mods = ~ factor(group)``.

References
----------
Borenstein, M., Hedges, L. V., Higgins, J. P. T., & Rothstein, H. R. (2009). *Introduction
to Meta-Analysis*, ch. 19. Wiley.
Deeks, J. J., Higgins, J. P. T., & Altman, D. G. (2023). Analysing data and undertaking
meta-analyses. *Cochrane Handbook*, ch. 10.11.3.1.
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from meta.distributions import Reference, chi2_sf, norm_isf
from meta.errors import TooFewStudies
from meta.model import check_effects, fit_rma
from meta.regression import fit_regression
from meta.results import GroupFit, RmaResult, SubgroupResult


def factor_matrix(groups) -> tuple[np.ndarray, list[str]]:
    """Intercept plus treatment-coded dummies, levels sorted as R's ``factor`` sorts them."""
    g = np.asarray([str(x) for x in groups])
    levels = sorted(set(g.tolist()))
    X = np.column_stack([np.ones(g.size)] + [(g == lv).astype(float) for lv in levels[1:]])
    return X, levels


def single_study_fit(yi: float, vi: float, level: float) -> RmaResult:
    """metafor's k = 1 "fit": the study itself, Wald CI, tau^2 = 0, no heterogeneity."""
    se = float(np.sqrt(vi))
    crit = float(norm_isf((1 - level) / 2))
    nan = float("nan")
    return RmaResult(estimate=yi, se=se, ci_low=yi - crit * se, ci_high=yi + crit * se,
                     stat=yi / se, p_value=float(2 * Reference().sf(abs(yi / se))), df=nan,
                     pi_low=yi - crit * se, pi_high=yi + crit * se, tau2=0.0, se_tau2=nan,
                     tau2_ci_low=nan, tau2_ci_high=nan, i2=0.0, h2=1.0, q=0.0, q_df=0,
                     q_pvalue=1.0, k=1, method="k1", test="z", level=level, weights=(100.0,))


def subgroup_analysis(yi, vi, groups, method: str = "REML", test: str = "z",
                      level: float = 0.95, qm_method: str = "REML",
                      natural: Callable[[RmaResult, np.ndarray], dict] | None = None,
                      group_fitter: Callable | None = None) -> SubgroupResult:
    """Per-group fits and tests for subgroup differences.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
    groups : sequence of str, shape (k,)
    method, test, level
        Used for each subgroup's own fit (:func:`meta.model.fit_rma`).
    qm_method : str
        tau^2 estimator of the mixed-effects model behind QM (metafor default REML).
    natural : callable, optional
        ``natural(fit, mask)`` -> dict of natural-scale values for a group's fit.
    group_fitter : callable, optional
        ``group_fitter(mask)`` -> ``(scale, fit)`` replacing :func:`meta.model.fit_rma` for
        the per-group fits (the GLMM uses it): ``scale`` has estimate, se, ci and pi,
        ``fit`` has tau2, i2 and k.

    A group with a single study keeps that study's own estimate (tau^2 = 0), as metafor's
    ``rma`` does for k = 1.

    Raises
    ------
    TooFewStudies
        With fewer than 2 groups.
    """
    yi, vi = check_effects(yi, vi)
    X, levels = factor_matrix(groups)
    if len(levels) < 2:
        raise TooFewStudies(len(levels), "subgroup analysis needs at least 2 groups")
    g = np.asarray([str(x) for x in groups])
    fits = []
    for lv in levels:
        mask = g == lv
        if mask.sum() == 1:
            scale = fit = single_study_fit(float(yi[mask][0]), float(vi[mask][0]), level)
        elif group_fitter is None:
            scale = fit = fit_rma(yi[mask], vi[mask], method=method, test=test, level=level)
        else:
            scale, fit = group_fitter(mask)
        extra = natural(scale, mask) if natural else {}
        fits.append(GroupFit(group=lv, k=fit.k, estimate=scale.estimate, se=scale.se,
                             ci_low=scale.ci_low, ci_high=scale.ci_high, tau2=fit.tau2,
                             i2=fit.i2, natural=extra))
    est = np.array([f.estimate for f in fits])
    w = 1 / np.array([f.se for f in fits]) ** 2
    q_between = float(np.sum(w * (est - np.sum(w * est) / w.sum()) ** 2))
    df = len(levels) - 1
    reg = fit_regression(yi, vi, X, method=qm_method)
    return SubgroupResult(groups=tuple(fits), q_between=q_between, q_between_df=df,
                          q_between_p=float(chi2_sf(q_between, df)), qm=reg.qm,
                          qm_df=reg.qm_df, qm_p=reg.qm_p, qm_tau2=reg.tau2, qm_method=qm_method)
