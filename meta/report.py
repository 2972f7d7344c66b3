"""A self-contained HTML report: studies, pooled table, forest plots, records and methods.

One file a co-author can open offline: CSS inline, each forest plot an SVG embedded as a
``data:`` URI (so plots cannot clash over SVG element ids), no scripts, no network. The
layout lives in jinja2 templates under ``meta/templates/``; this module only prepares
values (:mod:`meta.report_data`) and images.
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from meta.analyses import Analysis
from meta.errors import RenderError
from meta.summary_table import COLUMNS, table_rows, timepoint_text

#: Package data (``meta/templates``), read through importlib.resources by jinja2.
TEMPLATES = ("meta", "templates")


def render_template(name: str, **context: Any) -> str:
    """Render ``meta/templates/<name>`` with HTML autoescaping."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(*TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template(name).render(**context)


def analysis_title(a: Analysis) -> str:
    """``Mortality - proportion - perioperative`` (plus the group when not ``all``)."""
    parts = [a.outcome.replace("_", " ").capitalize(), a.measure.replace("_", " "),
             a.timepoint_label or timepoint_text(a.timepoint)]
    if a.name:
        parts.insert(0, a.name)
    if a.group.lower() != "all":
        parts.append(f"group {a.group}")
    return " \u2013 ".join(parts)


def analysis_slug(a: Analysis) -> str:
    """A file-name-safe name for an analysis: ``mortality_proportion_0m_all``."""
    tp = "lfu" if a.timepoint is None else f"{a.timepoint:g}m"
    raw = f"{a.outcome}_{a.measure}_{tp}_{a.group}"
    return re.sub(r"[^A-Za-z0-9.]+", "_", raw).strip("_").lower()


def forest_data_uri(a: Analysis) -> str:
    """The analysis's forest plot as a ``data:image/svg+xml;base64,...`` URI."""
    from meta.forest import forest_svg

    svg = forest_svg(a.result, measure=a.measure, title="")  # the figcaption has the title
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def diagnostics_context(a: Analysis) -> dict[str, Any]:
    """Small-study lines, the funnel plot URI and the leave-one-out rows of an analysis
    (empty values when it has fewer than 3 studies)."""
    from meta.summary_lines import (
        influence_line,
        natural_text,
        regression_lines,
        small_study_lines,
    )

    res = a.result
    out: dict[str, Any] = {"small_study": [], "funnel": "", "loo": [], "influence": [],
                           "regression": []}
    if res.small_study is not None:
        from meta.funnel import funnel_svg

        out["small_study"] = small_study_lines(res.small_study) + list(res.small_study.notes)
        out["funnel"] = _svg_uri(funnel_svg(res))
    if res.meta_regression is not None:
        out["regression"] = regression_lines(res.meta_regression)
    loo = res.leave_one_out
    if loo is not None:
        back = natural_text(res)
        out["loo"] = [{"study": lab, "estimate": back(est), "ci": f"{back(lo)} to {back(hi)}",
                       "tau2": f"{t2:.4g}", "i2": f"{i2:.1f}%",
                       "moves": lab in res.influential}
                      for lab, est, lo, hi, t2, i2 in zip(loo.labels, loo.estimate, loo.ci_low,
                                                          loo.ci_high, loo.tau2, loo.i2,
                                                          strict=True)]
        out["influence"] = influence_line(res)
    return out


def build_report(engine, *, status: str = "accepted", title: str = "casemeta report",
                 generated: datetime | None = None, **options: Any) -> str:
    """The report of a database as HTML text.

    Parameters
    ----------
    engine : sqlalchemy.engine.Engine
    status : str
        Which records are pooled (``accepted``: accepted or edited; ``any``: all but
        rejected, and the report then says the estimates rest on unreviewed extraction).
    title : str
    generated : datetime, optional
        Time stamp printed in the report (default: now, UTC).
    **options
        ``method``, ``transform``, ``ci``, ``level`` as for ``casemeta pool``.
    """
    from meta.report_data import gather

    return render_report(gather(engine, status=status, **options), title=title,
                         generated=generated)


def render_report(data, *, title: str = "casemeta report",
                  generated: datetime | None = None) -> str:
    """Render gathered :class:`meta.report_data.ReportData` with ``report.html.j2``."""
    from corpus.vocabulary import MEASURES, OUTCOMES

    pooled = [a for a in data.analyses if a.pooled]
    context = {
        "title": title, "data": data, "columns": COLUMNS,
        "rows": table_rows(data.analyses),
        "forests": [{"title": analysis_title(a), "uri": forest_data_uri(a),
                     "notes": list(a.result.notes), "k": a.k, **diagnostics_context(a)}
                    for a in pooled],
        "generated": (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        "versions": _versions(), "outcomes": OUTCOMES, "measures": MEASURES,
    }
    return render_template("report.html.j2", **context)


def write_text(out: str | Path, text: str) -> Path:
    """Write ``text`` to ``out``; raise :class:`RenderError` if it cannot be written."""
    out = Path(out)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"{out}: cannot be written ({exc.strerror})") from exc
    return out


def write_report(engine, out: str | Path, **kwargs: Any) -> Path:
    """Write :func:`build_report` of ``engine`` to ``out`` and return the path."""
    out = Path(out)
    if not out.parent.is_dir():  # fail before minutes of pooling, not after
        raise RenderError(f"{out}: cannot be written (no folder {out.parent})")
    return write_text(out, build_report(engine, **kwargs))


def write_forest_plots(analyses: list[Analysis], folder: str | Path,
                       fmt: str = "svg") -> list[Path]:
    """One forest plot file per pooled analysis in ``folder``; returns their paths."""
    from meta.forest import save_forest

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{folder}: cannot be created ({exc.strerror})") from exc
    return [save_forest(a.result, folder / f"forest_{analysis_slug(a)}.{fmt}",
                        measure=a.measure, title=analysis_title(a))
            for a in analyses if a.pooled]


def write_report_and_plots(engine, folder: str | Path, *, status: str = "accepted",
                           title: str = "casemeta report", fmt: str = "png",
                           **options: Any) -> tuple[Path, list[Path]]:
    """Pool once, then write ``folder/report.html`` and ``folder/forest/forest_*.<fmt>``."""
    from meta.report_data import gather

    data = gather(engine, status=status, **options)
    folder = Path(folder)
    plots = write_forest_plots(data.analyses, folder / "forest", fmt)
    return write_text(folder / "report.html", render_report(data, title=title)), plots


def _versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for name in ("casemeta", "numpy", "scipy", "matplotlib"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "unknown"
    return out
