"""The data behind a forest plot: one row per drawn line, tested as a golden file.

:func:`forest_frame` turns a pooled result into a table with one row per plotted line
(studies, subgroup headers and diamonds, the pooled diamond, the prediction interval and the
text lines under it) plus the axis it needs; :mod:`meta.forest` draws that table.

References
----------
Schwarzer, G., Carpenter, J. R., & Rucker, G. (2015). *Meta-Analysis with R*, ch. 2
(``forest.meta``). Springer.
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48 (``forest.rma``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from meta.display import Scale, p_value, percent, scale_for, tau2
from meta.errors import RenderError
from meta.forest_axis import axis_for

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`forest_frame`, top row first.
COLUMNS = (
    "row", "kind", "label", "group", "events", "total", "estimate", "ci_low", "ci_high",
    "weight", "estimate_text", "weight_text", "arrow_low", "arrow_high",
)  # fmt: skip

#: Row kinds: drawn marks (study square, diamonds, PI bar) and text-only lines.
KINDS = ("group_header", "study", "group_pooled", "group_heterogeneity", "pooled",
         "prediction", "heterogeneity", "model", "subgroup_test", "not_pooled")

#: Extra columns of a two-arm analysis: the second arm's events and total.
ARM2_COLUMNS = ("events2", "total2")

#: Scales of two-arm effects (the display module has the single-arm ones).
TWO_ARM_SCALES = {"OR": Scale("ratio", "Odds ratio", "Odds ratio (log scale)"),
                  "RR": Scale("ratio", "Risk ratio", "Risk ratio (log scale)"),
                  "RD": Scale("generic", "Risk difference", "Risk difference")}

CI_NAMES = {"z": "Wald (z) CI", "hk": "Hartung-Knapp CI", "knha": "Hartung-Knapp CI",
            "hk-adhoc": "Hartung-Knapp CI (ad hoc rule)"}


def result_dict(result: Any) -> dict:
    """A pooled result as a plain dict: ``result.to_dict()`` or a mapping of that shape."""
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if isinstance(result, Mapping):
        return dict(result)
    raise RenderError(f"cannot plot a {type(result).__name__}; expected a pooled result")


def _get(d: Mapping, *names, default=None):
    """The first of ``names`` present in ``d`` with a value (JSON and dataclass spellings)."""
    for name in names:
        if d.get(name) is not None:
            return d[name]
    return default


def _finite(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def forest_frame(result: Any, measure: str | None = None, xlim=None) -> pd.DataFrame:
    """One row per line of the forest plot of ``result``.

    Parameters
    ----------
    result : PoolResult or mapping
        A pooled result (anything with ``to_dict()`` in the JSON shape of ``casemeta pool
        --format json``), or that dict itself.
    measure : str, optional
        ``proportion``, ``rate_at_time``, ``hazard_ratio``, ``median``, ``mean``; defaults to
        the result's ``measure`` or ``kind``.
    xlim : tuple of float, optional
        Axis limits on the natural scale; chosen from the data when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``frame.attrs`` holds the scale and axis (``axis_low``,
        ``axis_high``, ``ticks``, ``log``, ``reference``, ``column``, ``axis_label``).
    """
    import pandas as pd

    data = result_dict(result)
    two_arm = data.get("effect") in TWO_ARM_SCALES
    scale = (TWO_ARM_SCALES[data["effect"]] if two_arm
             else scale_for(measure or _get(data, "measure", "kind")))
    rows = _study_block_rows(data, scale) + _summary_rows(data, scale)
    columns = [*COLUMNS, *ARM2_COLUMNS] if two_arm else list(COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    frame["row"] = range(len(frame))
    counts = ["events", "total", *ARM2_COLUMNS] if two_arm else ["events", "total"]
    frame[counts] = frame[counts].astype("Int64")
    axis = axis_for(frame, scale, xlim)
    frame["arrow_low"] = frame["ci_low"].lt(axis.low) & frame["kind"].eq("study")
    frame["arrow_high"] = frame["ci_high"].gt(axis.high) & frame["kind"].eq("study")
    frame.attrs.update(axis.to_attrs(), column=scale.column, axis_label=scale.axis_label,
                       kind=scale.kind, level=float(_get(data, "level", default=0.95)),
                       title=str(_get(data, "title", "outcome", default="")))
    if two_arm:
        frame.attrs["arms"] = list(data.get("arms") or ("arm 1", "arm 2"))
    return frame


def _study_block_rows(data: dict, scale) -> list[dict]:
    studies = list(data.get("studies") or [])
    groups = _subgroups(data)
    if not groups:
        return [_study_row(s, scale) for s in studies]
    rows = []
    for g in groups:
        name = str(g.get("group"))
        rows.append(_text_row("group_header", name, group=name))
        rows += [_study_row(s, scale) for s in studies if str(s.get("group")) == name]
        nat = g.get("natural") or {}
        est, lo, hi = (_get(nat, n, default=_get(g, n)) for n in ("estimate", "ci_low", "ci_high"))
        rows.append(_mark_row("group_pooled", f"Subgroup {name} (k = {g.get('k')})", est, lo, hi,
                              scale, group=name))
        het = ", ".join(p for p in (_i2_text(g.get("i2")), _tau2_text(g.get("tau2"))) if p)
        rows.append(_text_row("group_heterogeneity", het, group=name))
    return rows


def _subgroups(data: dict) -> list[dict]:
    sub = data.get("subgroups")
    if isinstance(sub, Mapping):
        return list(sub.get("groups") or [])
    return list(sub or [])


def _study_row(s: Mapping, scale) -> dict:
    row = _mark_row("study", str(s.get("label", "")), s.get("estimate"), s.get("ci_low"),
                    s.get("ci_high"), scale, group=s.get("group"))
    weight = s.get("weight")
    row.update(events=s.get("events"), total=s.get("total"), events2=s.get("events2"),
               total2=s.get("total2"),
               weight=weight if _finite(weight) else None,
               weight_text=f"{weight:.1f}%" if _finite(weight) else "")
    return row


def _mark_row(kind, label, est, lo, hi, scale, group=None) -> dict:
    return {"kind": kind, "label": label, "group": group, "estimate": est, "ci_low": lo,
            "ci_high": hi, "estimate_text": scale.interval(est, lo, hi), "weight_text": ""}


def _text_row(kind: str, label: str, group=None) -> dict:
    return {"kind": kind, "label": label, "group": group, "estimate_text": "", "weight_text": ""}


def _summary_rows(data: dict, scale) -> list[dict]:
    k = int(_get(data, "k", default=len(data.get("studies") or [])))
    est = data.get("estimate")
    if k < 2 or not _finite(est):
        return [_text_row("not_pooled", f"{k} study: not pooled" if k == 1
                          else f"{k} studies: not pooled")]
    method = str(_get(data, "method", default=""))
    label = _pooled_label(method)
    rows = [_mark_row("pooled", label, est, data.get("ci_low"), data.get("ci_high"), scale)]
    rows[0]["weight_text"] = "100%"
    pi_lo, pi_hi = data.get("pi_low"), data.get("pi_high")
    if _finite(pi_lo) and _finite(pi_hi) and method != "FE":
        row = _mark_row("prediction", "Prediction interval", None, pi_lo, pi_hi, scale)
        row["estimate_text"] = scale.range(pi_lo, pi_hi)
        rows.append(row)
    het = _heterogeneity_text(data)
    if het:
        rows.append(_text_row("heterogeneity", het))
    rows.append(_text_row("model", _model_text(data, k)))
    sub = data.get("subgroups")
    if isinstance(sub, Mapping) and _finite(sub.get("q_between")):
        rows.append(_text_row("subgroup_test", (
            f"Test for subgroup differences: Q = {sub['q_between']:.2f}, "
            f"df = {sub.get('q_between_df')}, {p_value(sub.get('q_between_p'))}")))
    return rows


def _i2_text(i2) -> str:
    return f"I\u00b2 = {percent(i2)}" if _finite(i2) else ""


def _tau2_text(value) -> str:
    if not _finite(value):
        return ""
    text = tau2(value)
    return f"\u03c4\u00b2 {text}" if text.startswith("<") else f"\u03c4\u00b2 = {text}"


def _heterogeneity_text(data: dict) -> str:
    q_p = _get(data, "Q_p", "q_p")
    parts = [_i2_text(_get(data, "I2", "i2")), _tau2_text(data.get("tau2")),
             p_value(q_p) if _finite(q_p) else ""]
    parts = [p for p in parts if p]
    return "Heterogeneity: " + ", ".join(parts) if parts else ""


def _pooled_label(method: str) -> str:
    if method == "FE":
        return "Common-effect model"
    if method in ("MH", "PETO"):
        return f"Common-effect model ({'Mantel-Haenszel' if method == 'MH' else 'Peto'})"
    if "median" in method.lower():  # a summary of medians, not a model (no CI, no weights)
        return "Median of study medians"
    return "Random-effects model"


def _model_text(data: dict, k: int) -> str:
    parts = [f"k = {k}", str(_get(data, "method", default=""))]
    ci = str(_get(data, "ci", "test", default=""))
    if _finite(data.get("ci_low")) and _finite(data.get("ci_high")):
        parts.append(CI_NAMES.get(ci, ci))
    transform = _get(data, "transform")
    if transform and transform != "none":
        parts.append(f"{transform} transformation")
    return ", ".join(p for p in parts if p)


def single_study(study: Any, kind: str, level: float = 0.95) -> dict:
    """The result-shaped dict of one study that was not pooled (k = 1).

    ``study`` is a :class:`meta.results.StudyRow` (as carried by
    :class:`meta.errors.TooFewStudies`) or its dict.
    """
    row = result_dict(study)
    return {"k": 1, "kind": kind, "level": level, "studies": [row],
            "notes": ["Only one study: its own estimate is shown and nothing is pooled."]}
