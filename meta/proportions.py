"""Pooling single proportions (events out of totals).

Default: the binomial-normal GLMM on the logit scale (metafor ``rma.glmm(measure="PLO")``),
as in R's meta and current Cochrane guidance for sparse data; when it fails, logit
inverse-variance REML with metafor's continuity correction, and the notes say so. Any other
``method`` pools the ``transform``-ed proportions by inverse variance (metafor ``escalc`` +
``rma``).

References
----------
Stijnen, T., Hamza, T. H., & Ozdemir, P. (2010). Random effects meta-analysis of event
outcome in the framework of the generalized linear mixed model with applications in sparse
data. *Statistics in Medicine*, 29(29), 3046-3067.
Miller, J. J. (1978). The inverse of the Freeman-Tukey double arcsine transformation.
*The American Statistician*, 32(4), 138.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from meta.distributions import Reference
from meta.effect_sizes import back_transform, check_counts, measure_code, proportion_effects
from meta.errors import ConvergenceError, InvalidInput
from meta.glmm import fit_glmm
from meta.pooling import (
    CI_NOTES,
    TRANSFORM_LABELS,
    _result,
    labels_or_default,
    pool_effects,
    proportion_rows,
    resolve_options,
    too_few,
)
from meta.results import GlmmResult, ModelScale, PoolResult
from meta.subgroups import subgroup_analysis


def pool_proportions(events, totals, labels=None, *, method: str | None = None,
                     transform: str = "logit", ci: str = "hk", level: float = 0.95,
                     groups=None) -> PoolResult:
    """Pool proportions ``events / totals``.

    Parameters
    ----------
    events, totals : array_like of int, shape (k,)
    labels : sequence of str, optional
    method : {"GLMM", "REML", "DL", "PM", "ML", "HS", "SJ", "EB", "HE", "FE"}, optional
        Default GLMM for the logit transform, REML for any other transform.
    transform : {"logit", "freeman-tukey", "arcsine", "raw", "log"} or PLO, PFT, PAS, PR, PLN
    ci : {"hk", "z", "hk-adhoc"}
        Hartung-Knapp-Sidik-Jonkman (default), Wald, or HKSJ never narrower than Wald. For
        the GLMM, "hk" means a t distribution with k - 1 df (metafor ``test="t"``).
    level : float
    groups : sequence of str, optional
        Subgroup of each study; adds per-group fits and tests for subgroup differences.

    Raises
    ------
    TooFewStudies
        k < 2 (with k = 1 the error carries the single study's own estimate).
    InvalidInput
        Bad counts (the message names the study), unknown options, GLMM with a transform
        other than logit.
    """
    measure = measure_code(transform)
    method, test = resolve_options(method, ci, "GLMM" if measure == "PLO" else "REML")
    xi, ni = check_counts(events, totals, labels)
    names = labels_or_default(labels, xi.size)
    rows = proportion_rows(xi, ni, names, level, groups)
    if len(rows) < 2:
        raise too_few(rows)
    if method == "GLMM":
        if measure != "PLO":
            raise InvalidInput("method GLMM works on the logit scale; use transform logit")
        try:
            return _pool_glmm(xi, ni, rows, test, ci, level, groups)
        except ConvergenceError as exc:
            note = f"GLMM failed ({exc}); pooled by logit inverse-variance REML instead."
            return _pool_iv(xi, ni, rows, "PLO", "REML", ci, level, groups, [note], "GLMM")
    return _pool_iv(xi, ni, rows, measure, method, ci, level, groups, [], method)


def _back(measure, ni):
    def back(v, mask=None):
        n = ni if mask is None else ni[mask]
        return back_transform(v, measure, n)
    return back


def _pool_iv(xi, ni, rows, measure, method, ci, level, groups, notes, requested):
    es = proportion_effects(xi, ni, measure)
    rows = [_set_effect(r, y, v) for r, y, v in zip(rows, es.yi, es.vi, strict=True)]
    notes = list(notes) + _transform_notes(es, ni, rows)
    res = pool_effects(es.yi, es.vi, rows, kind="proportion",
                       transform=TRANSFORM_LABELS[measure], back=_back(measure, ni),
                       method=method, ci=ci, level=level, groups=groups, notes=notes)
    if requested != method:
        res = replace(res, method_requested=requested)
    return res


def _set_effect(row, yi, vi):
    return replace(row, yi=float(yi), vi=float(vi))


def _transform_notes(es, ni, rows) -> list[str]:
    notes = []
    if es.corrected.any():
        which = ", ".join(r.label for r, c in zip(rows, es.corrected, strict=True) if c)
        notes.append(f"0.5 added to events and non-events of studies with 0% or 100% "
                     f"(metafor escalc default): {which}.")
    if es.measure == "PFT":
        n_hm = 1 / np.mean(1 / ni)
        notes.append(f"Freeman-Tukey back-transformation by Miller's formula at the harmonic "
                     f"mean of the totals (n = {n_hm:.1f}); it can mislead when totals differ "
                     f"widely (Schwarzer et al. 2019).")
    return notes


def glmm_model_scale(g: GlmmResult, test: str, level: float) -> ModelScale:
    """Estimate, CI and PI of a GLMM fit; with ``test != "z"`` t quantiles with k-1 df."""
    if test == "z":
        dist, df = Reference(), float("nan")
    else:
        dist, df = Reference(g.k - 1), float(g.k - 1)
    crit = float(dist.isf((1 - level) / 2))
    pi = crit * np.sqrt(g.se**2 + g.tau2)
    return ModelScale(g.estimate, g.se, g.estimate - crit * g.se, g.estimate + crit * g.se,
                      g.estimate - pi, g.estimate + pi, g.stat,
                      float(2 * dist.sf(abs(g.stat))), df)


def _pool_glmm(xi, ni, rows, test, ci, level, groups) -> PoolResult:
    g = fit_glmm(xi, ni, level=level, labels=[r.label for r in rows])
    model = glmm_model_scale(g, test, level)
    es = proportion_effects(xi, ni, "PLO")
    rows = tuple(_set_effect(r, y, v) for r, y, v in zip(rows, es.yi, es.vi, strict=True))
    rows = tuple(replace(r, weight=w) for r, w in zip(rows, g.weights, strict=True))
    sub = None
    if groups is not None:
        sub = _glmm_subgroups(xi, ni, es, groups, test, level)
    back = _back("PLO", ni)
    notes = [
        "Binomial-normal GLMM (ML, adaptive Gauss-Hermite quadrature with 7 nodes) on the "
        "logit scale; no continuity correction.",
        "Study weights are approximate (the GLMM has no inverse-variance weights); Q and "
        "I2 use the logit inverse-variance fit; no CI for tau2 is given for the GLMM.",
        CI_NOTES[test] if test != "hk-adhoc" else CI_NOTES["knha"],
    ]
    return _result("proportion", "GLMM", "GLMM", "logit", ci, level, model, back, g, rows, sub,
                   notes)


def _glmm_subgroups(xi, ni, es, groups, test, level):
    """Per-group GLMM fits; QM from the logit inverse-variance mixed-effects model (REML)."""
    def fitter(mask):
        g = fit_glmm(xi[mask], ni[mask], level=level)
        return glmm_model_scale(g, test, level), g

    return subgroup_analysis(es.yi, es.vi, groups, test=test, level=level,
                             group_fitter=fitter,
                             natural=lambda f, mask: _nat(f, ni, mask))


def _nat(fit, ni, mask):
    from meta.pooling import natural_values

    return natural_values(fit, _back("PLO", ni), mask)
