"""What a pooled analysis adds beyond its estimate: leave-one-out refits with the studies
whose omission moves the estimate out of the CI (influence), the small-study block, and a
meta-regression on study-level moderators.

:func:`add_diagnostics` takes a :class:`meta.results.PoolResult` and returns it with
``leave_one_out``, ``influential`` and ``small_study`` set; :func:`add_meta_regression`
sets ``meta_regression``. Each refit uses the method of the pooled analysis (MH and Peto
refit the 2x2 tables, the GLMM refits the GLMM).

References
----------
Viechtbauer, W., & Cheung, M. W.-L. (2010). Outlier and influence diagnostics for
meta-analysis. *Research Synthesis Methods*, 1(2), 112-125.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from meta.bias import MIN_K
from meta.errors import InvalidInput, MetaError
from meta.influence import collect_refits
from meta.mantel_haenszel import FIXED_METHODS, mantel_haenszel, peto
from meta.model import fit_rma
from meta.pooling import CI_TESTS
from meta.regression import meta_regression
from meta.results import PoolResult
from meta.small_study import small_study_effects
from meta.two_arm import make_tables

LOO_MAX_K = 500  # k refits of O(k) each: beyond this the table is unreadable and slow


def _effects(result: PoolResult) -> tuple[np.ndarray, np.ndarray]:
    yi = np.array([s.yi for s in result.studies], dtype=float)
    vi = np.array([s.vi for s in result.studies], dtype=float)
    return yi, vi


def _test(result: PoolResult) -> str:
    return CI_TESTS.get(result.ci.lower(), "z")


def _iv_method(result: PoolResult) -> tuple[str, str]:
    """The inverse-variance method standing in for MH/Peto (FE) and the GLMM (REML)."""
    if result.method in FIXED_METHODS:
        return "FE", "z"
    if result.method == "GLMM":
        return "REML", _test(result)
    return result.method, _test(result)


def _refitter(result: PoolResult) -> Callable[[np.ndarray], object]:
    """A function fitting the analysis' model to the studies selected by a boolean mask."""
    yi, vi = _effects(result)
    level = result.level
    if result.method in FIXED_METHODS:
        s = result.studies
        cols = [np.array([getattr(r, f) for r in s], dtype=float)
                for f in ("events", "total", "events2", "total2")]

        def fixed(mask):
            tables = make_tables(*(c[mask] for c in cols))
            if result.method == "PETO":
                return peto(tables, level)
            return mantel_haenszel(tables, result.effect, level)
        return fixed
    if result.method == "GLMM":
        from meta.glmm import fit_glmm
        from meta.proportions import glmm_model_scale

        xi = np.array([r.events for r in result.studies], dtype=float)
        ni = np.array([r.total for r in result.studies], dtype=float)

        def glmm(mask):
            g = fit_glmm(xi[mask], ni[mask], level=level)
            m = glmm_model_scale(g, _test(result), level)
            return replace(g, ci_low=m.ci_low, ci_high=m.ci_high)
        return glmm
    return lambda mask: fit_rma(yi[mask], vi[mask], method=result.method, test=_test(result),
                                level=level)


def add_diagnostics(result: PoolResult) -> PoolResult:
    """Leave-one-out, influence and small-study effects for an analysis with k >= 3.

    A diagnostic that cannot be computed (every study equally precise, a refit that does
    not converge) is left out and the notes say why; the pooled result is never lost.
    """
    yi, vi = _effects(result)
    if result.k < MIN_K or not np.isfinite(vi).all():
        return result  # too few studies, or no model to diagnose (a median of medians)
    notes = list(result.notes)
    loo, influential = None, ()
    if result.k <= LOO_MAX_K:
        try:
            loo = collect_refits(_refitter(result), [s.label for s in result.studies])
            t = result.transformed
            influential = tuple(lab for lab, est in zip(loo.labels, loo.estimate, strict=True)
                                if not t.ci_low <= est <= t.ci_high)
        except MetaError as exc:
            notes.append(f"Leave-one-out not computed: {exc}.")
    else:
        notes.append(f"Leave-one-out not computed for k = {result.k} (> {LOO_MAX_K}).")
    small = None
    method, test = _iv_method(result)
    try:
        small = small_study_effects(yi, vi, method=method, test=test, level=result.level)
        if result.method in ("GLMM", *FIXED_METHODS):
            notes.append(f"Small-study tests use the inverse-variance {method} model of the "
                         f"same effects ({result.method} has no regression form in metafor).")
    except MetaError as exc:
        notes.append(f"Small-study tests not computed: {exc}.")
    return replace(result, leave_one_out=loo, influential=influential, small_study=small,
                   notes=tuple(notes))


def add_meta_regression(result: PoolResult, mods: Mapping[str, Sequence]) -> PoolResult:
    """The analysis with ``meta_regression`` on the moderators ``mods`` (one value per study,
    in the order of ``result.studies``).

    Raises
    ------
    InvalidInput
        Constant or empty moderators, collinear moderators, or a common-effect MH/Peto
        analysis (meta-regression is inverse-variance).
    TooFewStudies
        Fewer studies than coefficients + 1.
    """
    if result.method in FIXED_METHODS:
        raise InvalidInput(f"meta-regression needs an inverse-variance method, not "
                           f"{result.method}; use e.g. --method REML")
    yi, vi = _effects(result)
    method, test = _iv_method(result)
    reg = meta_regression(yi, vi, mods, method=method, test=test, level=result.level,
                          labels=[s.label for s in result.studies])
    notes = result.notes
    if result.method == "GLMM":
        notes = (*notes, "Meta-regression by logit inverse-variance REML (not the GLMM).")
    return replace(result, meta_regression=reg, notes=notes)
