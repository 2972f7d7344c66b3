"""High-level pooling: study rows plus options in, :class:`meta.results.PoolResult` out.

Entry points: :func:`pool_proportions`, :func:`pool_generic`, :func:`pool_ratios`;
:func:`meta.medians.pool_medians` and :func:`meta.survival.pool_rates` build on
:func:`pool_effects`; :func:`meta.inputs.pool_frame` dispatches a one-row-per-study table.

Defaults follow current Cochrane guidance for small series: the binomial-normal GLMM for
proportions (logit inverse-variance REML when it fails), REML otherwise, with
Hartung-Knapp-Sidik-Jonkman confidence intervals (``ci="hk"``).

References
----------
Deeks, J. J., Higgins, J. P. T., & Altman, D. G. (2023). Analysing data and undertaking
meta-analyses. *Cochrane Handbook for Systematic Reviews of Interventions*, ch. 10.
Schwarzer, G., Chemaitelly, H., Abu-Raddad, L. J., & Rucker, G. (2019). Seriously
misleading results using inverse of Freeman-Tukey double arcsine transformation in
meta-analysis of single proportions. *Research Synthesis Methods*, 10(3), 476-483.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from meta.distributions import norm_isf
from meta.effect_sizes import clopper_pearson, log_effect_from_ci
from meta.errors import ConvergenceError, InvalidInput, TooFewStudies
from meta.model import check_effects, fit_rma
from meta.results import ModelScale, PoolResult, RmaResult, StudyRow
from meta.subgroups import subgroup_analysis
from meta.tau2 import METHODS

CI_TESTS = {"z": "z", "hk": "knha", "knha": "knha", "hk-adhoc": "hk-adhoc"}
FALLBACKS = ("PM", "DL")  # after a failed iterative estimator, in this order
TRANSFORM_LABELS = {"PLO": "logit", "PFT": "freeman-tukey", "PAS": "arcsine", "PR": "raw",
                    "PLN": "log"}
CI_NOTES = {
    "knha": "CI and test by Hartung-Knapp-Sidik-Jonkman (t distribution, k - 1 df).",
    "hk-adhoc": "CI by Hartung-Knapp-Sidik-Jonkman with the ad hoc rule (never narrower "
                "than the Wald interval).",
    "z": "CI and test by the Wald (normal) approximation.",
}


def resolve_options(method: str | None, ci: str, default: str) -> tuple[str, str]:
    """Normalise ``method`` (case-insensitive, None -> default) and ``ci``; raise InvalidInput."""
    method = (method or default).upper()
    if method not in (*METHODS, "GLMM"):
        raise InvalidInput(f"unknown method {method!r}; allowed: {', '.join((*METHODS, 'GLMM'))}")
    if ci.lower() not in CI_TESTS:
        raise InvalidInput(f"unknown ci {ci!r}; allowed: z, hk, hk-adhoc")
    return method, CI_TESTS[ci.lower()]


def labels_or_default(labels, k: int) -> list[str]:
    """Study labels as strings (``study 1`` ... when none are given)."""
    if labels is None:
        return [f"study {i + 1}" for i in range(k)]
    labels = [str(x) for x in labels]
    if len(labels) != k:
        raise InvalidInput(f"{len(labels)} labels for {k} studies")
    return labels


def too_few(rows: Sequence[StudyRow]) -> TooFewStudies:
    """The error for k < 2, carrying the single study when there is one."""
    if not rows:
        return TooFewStudies(0, "no studies to pool")
    r = rows[0]
    return TooFewStudies(
        1, f"only one study ({r.label}): no pooling; its own estimate is {r.estimate:.4g} "
           f"(CI {r.ci_low:.4g} to {r.ci_high:.4g})", single=r)


def fit_with_fallback(yi, vi, method, test, level, labels=None) -> tuple[RmaResult, list[str]]:
    """Fit with ``method``; if an iterative estimator fails, retry with PM, then DL."""
    chain = [method, *[m for m in FALLBACKS if m != method]]
    if method not in ("REML", "ML", "EB", "PM"):
        chain = [method]
    failures = []
    for m in chain:
        try:
            fit = fit_rma(yi, vi, method=m, test=test, level=level, labels=labels)
        except ConvergenceError as exc:
            failures.append(f"{m}: {exc}")
            continue
        notes = [] if m == method else [
            f"{method} failed to converge ({'; '.join(failures)}); tau2 estimated by {m}."]
        return fit, notes
    raise ConvergenceError("; ".join(failures))


def pool_effects(yi, vi, rows: Sequence[StudyRow], *, kind: str, transform: str,
                 back: Callable, method: str | None = None, ci: str = "hk",
                 level: float = 0.95, groups=None, notes: Sequence[str] = ()) -> PoolResult:
    """Inverse-variance pooling of model-scale effects; ``back`` maps to the natural scale."""
    method, test = resolve_options(method, ci, "REML")
    if method == "GLMM":
        raise InvalidInput("method GLMM applies to proportions (events/total) only")
    if len(rows) < 2:
        raise too_few(rows)
    labels = [r.label for r in rows]
    yi, vi = check_effects(yi, vi, labels)
    fit, fb_notes = fit_with_fallback(yi, vi, method, test, level, labels)
    model = ModelScale(fit.estimate, fit.se, fit.ci_low, fit.ci_high, fit.pi_low, fit.pi_high,
                       fit.stat, fit.p_value, fit.df)
    sub = None
    if groups is not None:
        sub = subgroup_analysis(yi, vi, groups, method=fit.method, test=test, level=level,
                                natural=lambda f, mask: natural_values(f, back, mask))
    rows = tuple(_with_weight(r, w) for r, w in zip(rows, fit.weights, strict=True))
    return _result(kind, method, fit.method, transform, ci, level, model, back, fit, rows, sub,
                   [*notes, *fb_notes, CI_NOTES[test]])


def natural_values(fit, back: Callable, mask=None) -> dict:
    """Estimate, CI and PI of a fit on the natural scale (ordered low <= high)."""
    out = {"estimate": float(back(fit.estimate, mask))}
    for lo, hi in (("ci_low", "ci_high"), ("pi_low", "pi_high")):
        a, b = float(back(getattr(fit, lo), mask)), float(back(getattr(fit, hi), mask))
        out[lo], out[hi] = (a, b) if not a > b else (b, a)
    return out


def _with_weight(row: StudyRow, weight: float) -> StudyRow:
    return replace(row, weight=float(weight))


def _result(kind, requested, used, transform, ci, level, model, back, fit, rows, sub, notes):
    nat = natural_values(model, back)
    return PoolResult(
        kind=kind, k=fit.k, method=used, method_requested=requested, transform=transform,
        ci=ci, level=level, estimate=nat["estimate"], ci_low=nat["ci_low"],
        ci_high=nat["ci_high"], pi_low=nat["pi_low"], pi_high=nat["pi_high"], tau2=fit.tau2,
        se_tau2=getattr(fit, "se_tau2", float("nan")),
        tau2_ci_low=getattr(fit, "tau2_ci_low", float("nan")),
        tau2_ci_high=getattr(fit, "tau2_ci_high", float("nan")), i2=fit.i2, h2=fit.h2, q=fit.q,
        q_df=fit.q_df, q_p=fit.q_pvalue, transformed=model, studies=rows, subgroups=sub,
        notes=tuple(n for n in (*notes, small_k_note(fit.k, ci)) if n), back=back,
    )


def small_k_note(k: int, ci: str) -> str:
    """A warning when so few studies make the intervals uninformative (k < 3), else ``""``.

    With k = 2 the Hartung-Knapp CI and metafor's prediction interval use a t distribution
    with 1 df (critical value 12.7 at 95%), and tau^2 rests on one degree of freedom.
    """
    if k >= 3:
        return ""
    if CI_TESTS.get(str(ci).lower()) == "z":
        what = f"tau2, and so the prediction interval, rest on {k - 1} degree of freedom"
    else:
        what = f"the Hartung-Knapp CI and the prediction interval use t with {k - 1} df"
    return f"Only k = {k} studies: {what} and are not informative; read the studies' own estimates."


def pool_generic(yi, vi=None, *, sei=None, labels=None, method: str | None = None,
                 ci: str = "hk", level: float = 0.95, groups=None, exponentiate: bool = False,
                 kind: str = "generic") -> PoolResult:
    """Pool effect sizes given as ``yi`` with ``vi`` (or ``sei``).

    ``exponentiate=True`` reports natural-scale values as exp(.) (log ratios).
    """
    yi = np.asarray(yi, dtype=float)
    if (vi is None) == (sei is None):
        raise InvalidInput("give exactly one of vi or sei")
    vi = np.asarray(vi, dtype=float) if vi is not None else np.asarray(sei, dtype=float) ** 2
    names = labels_or_default(labels, yi.size)
    yi, vi = check_effects(yi, vi, names)
    z = norm_isf((1 - level) / 2)

    def back(v, mask=None):
        return np.exp(v) if exponentiate else v

    rows = [StudyRow(label=names[i], estimate=float(back(yi[i])),
                     ci_low=float(back(yi[i] - z * np.sqrt(vi[i]))),
                     ci_high=float(back(yi[i] + z * np.sqrt(vi[i]))), yi=float(yi[i]),
                     vi=float(vi[i]), group=None if groups is None else str(groups[i]))
            for i in range(yi.size)]
    return pool_effects(yi, vi, rows, kind=kind, transform="log" if exponentiate else "none",
                        back=back, method=method, ci=ci, level=level, groups=groups)


def pool_ratios(values, ci_low, ci_high, *, ci_level=0.95, labels=None,
                method: str | None = None, ci: str = "hk", level: float = 0.95,
                groups=None) -> PoolResult:
    """Pool ratios (hazard, risk, odds ratios) given with their CIs, on the log scale.

    SE = (ln upper - ln lower) / (2 z), z for each study's ``ci_level``.
    """
    v = np.asarray(values, dtype=float)
    names = labels_or_default(labels, v.size)
    yi, vi = log_effect_from_ci(v, ci_low, ci_high, ci_level, names)
    rows = [StudyRow(label=names[i], estimate=float(v[i]), ci_low=float(np.ravel(ci_low)[i]),
                     ci_high=float(np.ravel(ci_high)[i]), yi=float(yi[i]), vi=float(vi[i]),
                     group=None if groups is None else str(groups[i]))
            for i in range(v.size)]
    return pool_effects(yi, vi, rows, kind="ratio", transform="log",
                        back=lambda x, mask=None: np.exp(x), method=method, ci=ci, level=level,
                        groups=groups, notes=["Each study's SE from its CI: (ln U - ln L)/(2z)."])


def proportion_rows(xi, ni, names, level, groups=None) -> list[StudyRow]:
    """Study rows with each study's own proportion and exact (Clopper-Pearson) CI."""
    lo, hi = clopper_pearson(xi, ni, level)
    return [StudyRow(label=names[i], estimate=float(xi[i] / ni[i]), ci_low=float(lo[i]),
                     ci_high=float(hi[i]), yi=float("nan"), vi=float("nan"),
                     events=int(xi[i]), total=int(ni[i]),
                     group=None if groups is None else str(groups[i]))
            for i in range(len(xi))]
