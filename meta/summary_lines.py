"""One-line summaries of an analysis' meta-regression, small-study block and influence, for
the command line and the report (plain text; nothing here computes statistics)."""

from __future__ import annotations

import math

from meta.display import p_value


def _num(value, digits: int = 4) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.{digits}g}"


def _pct(value) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.1f}%"


def regression_lines(reg) -> list[str]:
    """``Meta-regression (REML, knha): QM = ...`` then one line per coefficient."""
    dist = (f"F({reg.qm_df}, {reg.qm_df2:g})" if reg.qm_dist == "F"
            else f"chi2({reg.qm_df})")
    lines = [f"Meta-regression ({reg.method}, {reg.test}): QM = {_num(reg.qm)} on {dist}, "
             f"{p_value(reg.qm_p)}; QE = {_num(reg.qe)} (df {reg.qe_df}, {p_value(reg.qe_p)}); "
             f"tau2 = {_num(reg.tau2)}, I2 = {_pct(reg.i2)}, R2 = {_pct(reg.r2)}"]
    for c in reg.coefficients:
        lines.append(f"  {c.term}: {_num(c.estimate)} (SE {_num(c.se)}, CI {_num(c.ci_low)} "
                     f"to {_num(c.ci_high)}, {p_value(c.p)})")
    return lines


def small_study_lines(small) -> list[str]:
    """Egger, rank correlation and trim-and-fill on one line each (model scale)."""
    eg, rk, tf = small.egger, small.rank_correlation, small.trim_and_fill
    return [
        f"Egger's test: {_num(eg.stat)} ({p_value(eg.p_value)})",
        f"Rank correlation: Kendall's tau = {_num(rk.tau, 3)} ({p_value(rk.p)})",
        f"Trim-and-fill: {tf.k0} stud{'y' if tf.k0 == 1 else 'ies'} filled on the {tf.side}; "
        f"estimate {_num(tf.estimate)} (CI {_num(tf.ci_low)} to {_num(tf.ci_high)}, "
        f"model scale), tau2 = {_num(tf.tau2)}",
    ]


def natural_text(res):
    """A function: model-scale value -> the text shown, back-transformed as the pooled
    estimate is (a proportion's inverse transform, exp for log scales); others as they are."""
    from meta.effect_sizes import TRANSFORM_NAMES, back_transform

    code = TRANSFORM_NAMES.get(res.transform)
    totals = [s.total for s in res.studies if s.total is not None] or None

    def show(value: float) -> str:
        if not math.isfinite(value):
            return "n/a"
        if res.kind == "proportion" and code is not None:
            return f"{100 * float(back_transform(value, code, totals)):.1f}%"
        if res.transform == "log":
            return f"{math.exp(value):.3g}"
        return f"{value:.3g}"
    return show


def leave_one_out_lines(result) -> list[str]:
    """``Omitting <study>: <estimate> (CI ...)`` per study, on the reader's scale."""
    loo = result.leave_one_out
    if loo is None:
        return []
    show = natural_text(result)
    return [f"  omitting {lab}: {show(est)} (CI {show(lo)} to {show(hi)}), tau2 = {_num(t2)}"
            + (" - out of the pooled CI" if lab in result.influential else "")
            for lab, est, lo, hi, t2 in zip(loo.labels, loo.estimate, loo.ci_low,
                                            loo.ci_high, loo.tau2, strict=True)]


def influence_line(result) -> list[str]:
    """Which omitted studies move the estimate out of the CI (empty without leave-one-out)."""
    if result.leave_one_out is None:
        return []
    if not result.influential:
        return ["Leave-one-out: no single study's omission moves the estimate out of the CI"]
    return ["Leave-one-out: omitting " + ", ".join(result.influential)
            + " moves the estimate out of the CI"]


def diagnostic_lines(result) -> list[str]:
    """Every summary line an analysis has, in reading order."""
    lines = []
    if getattr(result, "meta_regression", None) is not None:
        lines += regression_lines(result.meta_regression)
    if getattr(result, "small_study", None) is not None:
        lines += small_study_lines(result.small_study)
        lines += [f"Note: {n}" for n in result.small_study.notes]
    if getattr(result, "leave_one_out", None) is not None:
        lines += influence_line(result) + leave_one_out_lines(result)
    return lines
