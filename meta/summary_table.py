"""The pooled-estimate table a reviewer pastes into a manuscript.

One row per outcome x measure x time point (x patient group) with at least one study: k,
patients, the pooled estimate with its CI, the prediction interval, I^2, tau^2 and the
method. A cell with one study shows that study's own value (exact CI for a proportion) and
says "not pooled". Formats: ``csv``, ``md``, ``html`` (a ``<table>`` from the template
``pooled_table.html.j2``) and ``json`` (numbers unformatted); ``casemeta table`` draws the
terminal table from :func:`table_rows`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from meta.analyses import Analysis
from meta.display import percent, scale_for, tau2
from meta.errors import RenderError

#: Columns of the formatted table (keys of :func:`table_rows`), in order.
COLUMNS = ("Outcome", "Measure", "Time point", "Group", "k", "Patients",
           "Estimate [95% CI]", "Prediction interval", "I²", "τ²", "Method")
FORMATS = ("table", "csv", "md", "html", "json")
METHOD_NAMES = {"FE": "common effect"}
CI_SHORT = {"z": "Wald CI", "hk": "HK CI", "knha": "HK CI", "hk-adhoc": "HK CI (ad hoc)"}
_UNITS = {"percent": "%", "months": " mo", "ratio": "", "generic": ""}


def timepoint_text(months: float | None) -> str:
    """``perioperative`` (0), ``12 months``, or ``last follow-up`` (unspecified)."""
    if months is None or (isinstance(months, float) and math.isnan(months)):
        return "last follow-up"
    if months == 0:
        return "perioperative"
    return f"{months:g} month" + ("" if months == 1 else "s")


def _estimate(a: Analysis) -> str:
    scale = scale_for(a.measure)
    src = a.result if a.result is not None else a.single
    if src is None:
        return ""
    unit = _UNITS[scale.kind]
    text = scale.number(src.estimate) + unit
    interval = scale.range(src.ci_low, src.ci_high)
    return f"{text} {interval}" if interval else text


def _method(a: Analysis) -> str:
    if a.result is None:
        return a.note or "not pooled"
    r = a.result
    name = method_name(r.method)
    if r.method_requested and r.method_requested != r.method:
        name += f" (fallback from {method_name(r.method_requested)})"
    # the prediction interval's method is named wherever one is shown
    pi = "PI HTS t(k-2)" if r.pi == "hts" else ("z PI" if r.ci == "z" else "PI t(k-1)")
    parts = [name, CI_SHORT.get(r.ci, r.ci), pi]
    if r.transform and r.transform != "none":
        parts.append(r.transform)
    return ", ".join(parts)


def method_name(method: str) -> str:
    """The estimator as a reader knows it (``REML``, ``GLMM``, ``common effect``)."""
    return METHOD_NAMES.get(method, method)


def table_rows(analyses: Sequence[Analysis]) -> list[dict[str, str]]:
    """The formatted table: one dict per analysis with the keys :data:`COLUMNS`."""
    rows = []
    for a in analyses:
        r = a.result
        scale = scale_for(a.measure)
        pi = scale.range(r.pi_low, r.pi_high) if r is not None and r.method != "FE" else ""
        rows.append({
            "Outcome": a.outcome.replace("_", " "), "Measure": a.measure.replace("_", " "),
            "Time point": a.timepoint_label or timepoint_text(a.timepoint), "Group": a.group,
            "k": str(a.k),
            "Patients": "" if a.patients is None else str(a.patients),
            "Estimate [95% CI]": _estimate(a), "Prediction interval": pi,
            "I²": percent(r.i2) if r is not None else "",
            "τ²": tau2(r.tau2) if r is not None else "",
            "Method": _method(a),
        })
    return rows


def json_rows(analyses: Sequence[Analysis]) -> list[dict]:
    """Unformatted numbers (natural scale) for ``--format json``."""
    out = []
    for a in analyses:
        src = a.result if a.result is not None else a.single
        r = a.result
        out.append({
            "outcome": a.outcome, "measure": a.measure, "timepoint_months": a.timepoint,
            "group": a.group, "k": a.k, "patients": a.patients, "pooled": a.pooled,
            "estimate": _num(src, "estimate"), "ci_low": _num(src, "ci_low"),
            "ci_high": _num(src, "ci_high"), "pi_low": _num(r, "pi_low"),
            "pi_high": _num(r, "pi_high"), "I2": _num(r, "i2"), "tau2": _num(r, "tau2"),
            "method": r.method if r is not None else None,
            "ci": r.ci if r is not None else None,
            "transform": r.transform if r is not None else None,
            "note": a.note, "notes": list(r.notes) if r is not None else [],
            "analysis": a.name, "timepoint_label": a.timepoint_label,
        })
    return out


def _num(obj, name: str):
    value = getattr(obj, name, None) if obj is not None else None
    return value if isinstance(value, int | float) and math.isfinite(value) else None


def render_table(analyses: Sequence[Analysis], fmt: str) -> str:
    """The table as ``csv``, ``md``, ``html`` or ``json`` text.

    Raises
    ------
    RenderError
        For another format (``table`` is drawn by the CLI from :func:`table_rows`).
    """
    if fmt == "json":
        return json.dumps(json_rows(analyses), indent=2, ensure_ascii=False) + "\n"
    rows = table_rows(analyses)
    if fmt == "csv":
        from corpus.csv_cells import csv_text  # formula-safe cells, as every CSV written

        return csv_text(COLUMNS, rows)
    if fmt == "md":
        return _markdown(rows)
    if fmt == "html":
        from meta.report import render_template

        return render_template("pooled_table.html.j2", columns=COLUMNS, rows=rows)
    raise RenderError(f"unknown format {fmt!r}; allowed: csv, md, html, json")


def _markdown(rows: list[dict[str, str]]) -> str:
    def line(cells) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    out = [line(COLUMNS), "|" + "|".join("---" for _ in COLUMNS) + "|"]
    out += [line(row[c] for c in COLUMNS) for row in rows]
    return "\n".join(out) + "\n"
