"""Comparative (two-arm) pooling: events/totals of two arms per study in, a
:class:`meta.results.PoolResult` out, on the log scale for OR and RR and raw for RD.

Inverse-variance pooling with any tau^2 estimator of :mod:`meta.tau2` uses metafor's
``escalc`` effects (:mod:`meta.two_arm`); ``method="MH"`` and ``method="PETO"`` pool the 2x2
tables directly (:mod:`meta.mantel_haenszel`), as RevMan does for sparse events.

References
----------
Deeks, J. J., Higgins, J. P. T., & Altman, D. G. (2023). Analysing data and undertaking
meta-analyses. *Cochrane Handbook for Systematic Reviews of Interventions*, ch. 10.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from meta.distributions import norm_isf
from meta.errors import InvalidInput
from meta.mantel_haenszel import FIXED_METHODS, mantel_haenszel, peto
from meta.pooling import CI_TESTS, _result, labels_or_default, pool_effects, too_few
from meta.results import ModelScale, PoolResult, StudyRow
from meta.subgroups import subgroup_analysis
from meta.tau2 import METHODS
from meta.two_arm import EFFECT_NAMES, correction_note, effect_code, make_tables, two_arm_effects

COMPARATIVE_METHODS = (*METHODS, *FIXED_METHODS)
FIXED_NOTES = {
    "MH": "Common-effect Mantel-Haenszel method on the raw counts (no continuity correction); "
          "Q around the MH estimate, double-zero studies left out of Q.",
    "PETO": "Common-effect Peto one-step odds ratio on the raw counts (no continuity "
            "correction); it can be biased when arms are unbalanced or effects large.",
}


def _back(effect: str):
    if effect == "RD":
        return lambda v, mask=None: np.asarray(v, dtype=float)
    return lambda v, mask=None: np.exp(v)


def two_arm_rows(tables, effects, names, level, groups=None) -> list[StudyRow]:
    """Study rows: each study's own effect (natural scale) with a Wald CI and both arms."""
    z = norm_isf((1 - level) / 2)
    back = _back(effects.measure)
    half = z * np.sqrt(effects.vi)
    return [StudyRow(label=names[i], estimate=float(back(effects.yi[i])),
                     ci_low=float(back(effects.yi[i] - half[i])),
                     ci_high=float(back(effects.yi[i] + half[i])), yi=float(effects.yi[i]),
                     vi=float(effects.vi[i]), events=int(tables.ai[i]),
                     total=int(tables.n1i[i]), events2=int(tables.ci[i]),
                     total2=int(tables.n2i[i]),
                     group=None if groups is None else str(groups[i]))
            for i in range(tables.ai.size)]


def pool_two_arm(events1, total1, events2, total2, *, effect: str = "OR", labels=None,
                 method: str | None = None, ci: str = "hk", level: float = 0.95, groups=None,
                 arms: tuple[str, str] = ("arm 1", "arm 2"), where=None) -> PoolResult:
    """Pool two-arm studies: arm 1 (``events1`` of ``total1``) against arm 2.

    Parameters
    ----------
    events1, total1, events2, total2 : array_like, shape (k,)
    effect : {"OR", "RR", "RD"}
    method : {"REML", "DL", "PM", "ML", "HS", "SJ", "EB", "HE", "FE", "MH", "PETO"}
        REML by default; PETO needs ``effect="OR"``. MH and PETO always use Wald CIs.
    ci : {"hk", "z", "hk-adhoc"}
    groups : sequence of str, optional
        Subgroup of each study (inverse-variance methods only).
    arms : (str, str)
        Names of the arms, for tables and plots.
    where : sequence of str, optional
        How error messages name each study (``row 3 (Smith 2020)`` for a CSV); the labels
        by default.

    Raises
    ------
    InvalidInput
        Bad counts (naming the study and arm), unknown effect or method, PETO with RR/RD.
    TooFewStudies
        For k < 2.
    """
    effect = effect_code(effect)
    method = (method or "REML").upper()
    if method not in COMPARATIVE_METHODS:
        raise InvalidInput(f"unknown method {method!r}; allowed: "
                           f"{', '.join(COMPARATIVE_METHODS)}")
    if method == "PETO" and effect != "OR":
        raise InvalidInput(f"Peto's method gives an odds ratio; use --effect OR (got {effect})")
    names = labels_or_default(labels, np.size(events1))
    tables = make_tables(events1, total1, events2, total2, where or names)
    effects = two_arm_effects(tables, effect)
    rows = two_arm_rows(tables, effects, names, level, groups)
    if len(rows) < 2:
        raise too_few(rows)
    transform = "none" if effect == "RD" else "log"
    correction = correction_note(effects, names)
    if correction and method in FIXED_METHODS:  # MH and Peto pool the raw counts
        correction = "Study estimates and Q only (not the pooled estimate): " + correction
    notes = [f"Effect: {EFFECT_NAMES[effect]} of {arms[0]} vs {arms[1]}.", correction]
    if method in FIXED_METHODS:
        res = _pool_fixed(tables, effect, method, rows, transform, ci, level, groups, notes)
    else:
        res = pool_effects(effects.yi, effects.vi, rows, kind="two_arm", transform=transform,
                           back=_back(effect), method=method, ci=ci, level=level,
                           groups=groups, notes=notes)
    return replace(res, effect=effect, arms=tuple(arms))


def _pool_fixed(tables, effect, method, rows, transform, ci, level, groups, notes):
    if ci.lower() not in CI_TESTS:
        raise InvalidInput(f"unknown ci {ci!r}; allowed: z, hk, hk-adhoc")
    fit = mantel_haenszel(tables, effect, level) if method == "MH" else peto(tables, level)
    model = ModelScale(fit.estimate, fit.se, fit.ci_low, fit.ci_high, fit.pi_low, fit.pi_high,
                       fit.stat, fit.p_value, fit.df)
    sub = None
    if groups is not None:
        sub = _fixed_subgroups(tables, effect, method, rows, groups, level)
    rows = tuple(replace(r, weight=float(w)) for r, w in zip(rows, fit.weights, strict=True))
    if ci.lower() != "z":
        notes.append(f"{method} has a Wald (z) CI only; --ci {ci} does not apply.")
    notes.append(FIXED_NOTES[method])
    return _result("two_arm", method, method, transform, "z", level, model, _back(effect), fit,
                   rows, sub, notes)


def _fixed_subgroups(tables, effect, method, rows, groups, level):
    """Each subgroup pooled by the same MH or Peto method; the differences test as usual."""
    from meta.pooling import natural_values

    cols = (tables.ai, tables.n1i, tables.ci, tables.n2i)

    def fitter(mask):
        sub = make_tables(*(c[mask] for c in cols))
        fit = mantel_haenszel(sub, effect, level) if method == "MH" else peto(sub, level)
        return fit, fit

    yi, vi = np.array([r.yi for r in rows]), np.array([r.vi for r in rows])
    return subgroup_analysis(yi, vi, groups, method="FE", test="z", level=level,
                             group_fitter=fitter,
                             natural=lambda f, mask: natural_values(f, _back(effect), mask))
