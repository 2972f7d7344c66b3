"""Forest plots in the style of R's ``forest.meta`` and metafor's ``forest.rma``.

Columns left of the plot: study, events, total; right: the estimate with its CI and the
weight. Each study is a square whose area is proportional to its weight, with its CI as a
line (an arrow where it leaves the axis); the pooled estimate is a diamond spanning its CI,
with the prediction interval as a bar under it, then the heterogeneity and model lines.

What is drawn comes from :func:`meta.forest_frame.forest_frame` (tested as a golden file).
matplotlib is imported lazily, only in this module, and never through pyplot: figures are
plain ``Figure`` objects, so drawing is headless, leaves no global state and never shows a
window.

References
----------
Schwarzer, G., Carpenter, J. R., & Rucker, G. (2015). *Meta-Analysis with R*, ch. 2
(``forest.meta``). Springer.
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48 (``forest.rma``).
"""

from __future__ import annotations

import contextlib
import functools
import math
from pathlib import Path
from typing import Any

from meta.errors import RenderError
from meta.forest_frame import COLUMNS, forest_frame

__all__ = ["COLUMNS", "FORMATS", "draw_forest", "forest_frame", "forest_size", "forest_svg",
           "reproducible", "save_forest"]

FONT = "DejaVu Sans"  # bundled with matplotlib: the same glyphs on every machine
FONT_SIZE = 8.5
ROW_INCH = 0.22
PLOT_INCH = 2.6
GAP_INCH = 0.18
MARGIN_INCH = 0.12
MAX_LABEL_CHARS = 36  # longer labels end in an ellipsis (the frame keeps them whole)
COUNT_HEADERS = (("events", "Events"), ("total", "Total"), ("events2", "Events"),
                 ("total2", "Total"))  # events2/total2: the second arm of a two-arm plot
ARM_ROWS = 1.0  # rows above the headers for the arm names of a two-arm plot
AXIS_ROWS = 2.4  # rows of space the x axis (ticks and label) takes under the marks
SQUARE_FRACTION = 0.8  # side of the heaviest study's square, as a fraction of a row
MIN_SQUARE_PT = 2.5  # a study with a tiny weight stays visible
MARK_KINDS = ("study", "group_pooled", "pooled", "prediction")
TEXT_ROW_KINDS = ("heterogeneity", "model", "subgroup_test", "not_pooled")
BOLD_KINDS = ("group_header", "pooled", "group_pooled")
SQUARE_COLOUR, LINE_COLOUR, DIAMOND_COLOUR = "#7f7f7f", "#000000", "#4d4d4d"
PI_COLOUR, REFERENCE_COLOUR = "#b2182b", "#9e9e9e"

#: File types :func:`save_forest` writes, chosen by the file's suffix.
FORMATS = ("png", "svg", "pdf")
_METADATA = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}


@contextlib.contextmanager
def reproducible():
    """rcParams under which the same figure gives the same SVG/PDF bytes on every run."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "casemeta-forest", "svg.fonttype": "path",
                                "font.family": FONT, "font.size": FONT_SIZE,
                                "pdf.fonttype": 42}):
        yield


def draw_forest(result: Any, ax=None, *, measure: str | None = None, xlim=None,
                title: str | None = None):
    """Draw the forest plot of ``result``; return the matplotlib ``Figure``.

    Parameters
    ----------
    result : PoolResult, mapping or DataFrame
        A pooled result (see :func:`meta.forest_frame.forest_frame`) or a frame it returned.
    ax : matplotlib.axes.Axes, optional
        The panel to draw into: its whole area holds the columns and the plot. Without it a
        new figure is sized to the rows and the label widths.
    measure, xlim
        As in :func:`meta.forest_frame.forest_frame`.
    title : str, optional
        Drawn above the column headers (defaults to the frame's ``title`` attribute).
    """
    frame = result if _is_frame(result) else forest_frame(result, measure=measure, xlim=xlim)
    layout = _Layout(frame, title if title is not None else frame.attrs.get("title", ""))
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(layout.width, layout.height))
        ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, layout.width)
    ax.set_ylim(layout.bottom, layout.top)
    _draw_columns(ax, frame, layout)
    plot = _plot_axes(ax, frame, layout)
    _draw_marks(plot, frame, layout, _row_points(ax, layout))
    return ax.figure


def forest_size(result: Any, *, measure: str | None = None,
                title: str | None = None) -> tuple[float, float]:
    """(width, height) in inches that the forest plot of ``result`` needs; size a figure or
    panel at least this large before passing its ``ax`` to :func:`draw_forest`."""
    frame = result if _is_frame(result) else forest_frame(result, measure=measure)
    layout = _Layout(frame, title if title is not None else frame.attrs.get("title", ""))
    return layout.width, layout.height


def forest_format(path: str | Path) -> str:
    """The format (``png``, ``svg``, ``pdf``) a forest plot at ``path`` is written in.

    Raises
    ------
    RenderError
        For another suffix (checked before any pooling is done).
    """
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise RenderError(f"{path}: forest plots are written as .png, .svg or .pdf")
    return fmt


def save_forest(result: Any, path: str | Path, *, measure: str | None = None,
                title: str | None = None, dpi: int = 150) -> Path:
    """Draw the forest plot of ``result`` into ``path`` (``.png``, ``.svg`` or ``.pdf``).

    SVG and PDF output is byte-for-byte reproducible: no dates, a fixed SVG hash salt and
    text drawn as paths from matplotlib's bundled DejaVu Sans.

    Raises
    ------
    RenderError
        For another suffix or a path that cannot be written.
    """
    path = Path(path)
    fmt = forest_format(path)
    with reproducible():
        fig = draw_forest(result, measure=measure, title=title)
        try:
            fig.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
        except OSError as exc:
            raise RenderError(f"{path}: cannot be written ({exc.strerror})") from exc
    return path


def forest_svg(result: Any, *, measure: str | None = None, title: str | None = None) -> str:
    """The forest plot as SVG text (for inlining in an HTML report)."""
    import io

    with reproducible():
        fig = draw_forest(result, measure=measure, title=title)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=_METADATA["svg"])
    return buffer.getvalue()


def _is_frame(value) -> bool:
    return hasattr(value, "attrs") and "kind" in getattr(value, "columns", ())


class _Layout:
    """Column positions (inches from the left) and row positions of one forest frame."""

    def __init__(self, frame, title: str) -> None:
        kinds = list(frame["kind"])
        marks = [i for i, k in enumerate(kinds) if k in MARK_KINDS] or [0]
        self.last_mark = max(marks)
        self.title = title
        self.header_y = -1.0
        self.y = [float(i) + (AXIS_ROWS if i > self.last_mark else 0.0)
                  for i in range(len(kinds))]
        arms = ARM_ROWS if "arms" in frame.attrs else 0.0
        self.title_y = self.header_y - 1 - arms
        self.top = self.header_y - (1.9 if title else 0.9) - arms
        self.bottom = max(self.y + [self.last_mark + AXIS_ROWS]) + 0.9
        self.height = (self.bottom - self.top) * ROW_INCH
        self.columns = self._columns(frame)
        texts = [_width(str(t)) for t, k in zip(frame["label"], kinds, strict=True)
                 if k in TEXT_ROW_KINDS] + [_width(title, bold=True)]
        self.width = max(self.columns["_end"], MARGIN_INCH * 2 + max(texts))

    def _columns(self, frame) -> dict[str, float]:
        """Right edge (numbers) or left edge (labels) of each column, in inches."""
        labels = [_width(_short(str(r.label)), bold=r.kind in BOLD_KINDS)
                  for r in frame.itertuples(index=False) if r.kind not in TEXT_ROW_KINDS]
        x = MARGIN_INCH
        cols = {"label": x}
        x += max(labels + [_width("Study", bold=True)])
        for name, header in COUNT_HEADERS:
            if name not in frame.columns:
                continue
            values = frame[name].dropna()
            if len(values):
                x += GAP_INCH + max([_width(header, bold=True)]
                                    + [_width(str(v)) for v in values])
                cols[name] = x
        cols["plot_left"] = x + GAP_INCH
        x = cols["plot_left"] + PLOT_INCH + GAP_INCH
        x += max([_width(str(t), bold=True) for t in frame["estimate_text"]]
                 + [_width(_estimate_header(frame), bold=True)])
        cols["estimate"] = x
        if frame["weight"].notna().any():
            x += GAP_INCH + _width("Weight", bold=True)
            cols["weight"] = x
        cols["_end"] = x + MARGIN_INCH
        return cols


@functools.lru_cache(maxsize=4096)
def _width(text: str, bold: bool = False) -> float:
    """Width of ``text`` in inches as drawn (measured from the font's glyph outlines)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family=FONT, size=FONT_SIZE, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(text, font, ismath=False)[0] / 72


def _estimate_header(frame) -> str:
    level = frame.attrs.get("level", 0.95)
    return f"{frame.attrs.get('column', 'Estimate')} [{100 * level:g}% CI]"


def _text(ax, x, y, text, ha="left", weight="normal", **kw):
    ax.text(x, y, text, ha=ha, va="center", fontsize=FONT_SIZE, fontfamily=FONT,
            fontweight=weight, clip_on=False, **kw)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "\u2026"


def _draw_columns(ax, frame, layout: _Layout) -> None:
    import pandas as pd

    cols, hy = layout.columns, layout.header_y
    if layout.title:
        _text(ax, cols["label"], hy - 1, layout.title, weight="bold")
    _text(ax, cols["label"], hy, "Study", weight="bold")
    for name, header in (*COUNT_HEADERS, ("weight", "Weight")):
        if name in cols:
            _text(ax, cols[name], hy, header, ha="right", weight="bold")
    _draw_arm_names(ax, frame, cols, hy - ARM_ROWS)
    _text(ax, cols["estimate"], hy, _estimate_header(frame), ha="right", weight="bold")
    for row, y in zip(frame.itertuples(index=False), layout.y, strict=True):
        bold = row.kind in BOLD_KINDS
        label = str(row.label)
        _text(ax, cols["label"], y, label if row.kind in TEXT_ROW_KINDS else _short(label),
              weight="bold" if bold else "normal",
              style="italic" if row.kind == "group_heterogeneity" else "normal")
        for name, _ in COUNT_HEADERS:
            value = getattr(row, name, None)
            if name in cols and not pd.isna(value):
                _text(ax, cols[name], y, str(value), ha="right")
        _text(ax, cols["estimate"], y, row.estimate_text, ha="right",
              weight="bold" if bold else "normal")
        if "weight" in cols and row.weight_text:
            _text(ax, cols["weight"], y, row.weight_text, ha="right")


def _draw_arm_names(ax, frame, cols, y) -> None:
    """Two-arm plots: each arm's name centred over its events and total columns."""
    arms = frame.attrs.get("arms")
    if not arms or "events2" not in cols:
        return
    for arm, (first, last) in zip(arms, (("events", "total"), ("events2", "total2")),
                                  strict=True):
        if first in cols and last in cols:
            centre = (cols[first] - _width("Events", bold=True) + cols[last]) / 2
            _text(ax, centre, y, _short(str(arm)), ha="center", weight="bold")


def _plot_axes(panel, frame, layout: _Layout):
    """The plot region: an inset of the panel spanning the mark rows, sharing their y."""
    top, bottom = -0.5, layout.last_mark + 0.5
    span = layout.bottom - layout.top
    y0 = (layout.bottom - bottom) / span
    x0 = layout.columns["plot_left"] / layout.width
    plot = panel.inset_axes((x0, y0, PLOT_INCH / layout.width, (bottom - top) / span))
    attrs = frame.attrs
    if attrs.get("log"):
        plot.set_xscale("log")
    plot.set_xlim(attrs["axis_low"], attrs["axis_high"])
    plot.set_ylim(bottom, top)
    plot.set_yticks([])
    for side in ("top", "right", "left"):
        plot.spines[side].set_visible(False)
    ticks = attrs["ticks"]
    plot.set_xticks(ticks)
    plot.set_xticks([], minor=True)
    scale = 100 if attrs.get("kind") == "percent" else 1
    plot.set_xticklabels([f"{t * scale:g}" for t in ticks], fontsize=FONT_SIZE,
                         fontfamily=FONT)
    plot.set_xlabel(attrs.get("axis_label", ""), fontsize=FONT_SIZE, fontfamily=FONT)
    plot.patch.set_visible(False)
    return plot


def _row_points(panel, layout: _Layout) -> float:
    """Height of one row in points (squares are sized in points so they stay square)."""
    fig = panel.figure
    height_in = fig.get_figheight() * panel.get_position().height
    return height_in * 72 / (layout.bottom - layout.top)


def _draw_marks(plot, frame, layout: _Layout, row_pt: float) -> None:
    attrs = frame.attrs
    lo_edge, hi_edge = attrs["axis_low"], attrs["axis_high"]
    pooled = frame[frame["kind"] == "pooled"]
    if attrs.get("reference") is not None and lo_edge < attrs["reference"] < hi_edge:
        plot.plot([attrs["reference"]] * 2, [-0.5, layout.last_mark + 0.5],
                  color=REFERENCE_COLOUR, lw=0.8, zorder=1)
    if len(pooled):
        est = float(pooled["estimate"].iloc[0])
        plot.plot([est, est], [-0.5, float(pooled["row"].iloc[0])], color=LINE_COLOUR,
                  lw=0.6, ls=(0, (3, 3)), zorder=1)
    weights = frame.loc[frame["kind"] == "study", "weight"].dropna()
    w_max = float(weights.max()) if len(weights) and weights.max() > 0 else None
    for row in frame.itertuples(index=False):
        if row.kind == "study":
            _study_mark(plot, row, row_pt, w_max, lo_edge, hi_edge)
        elif row.kind in ("pooled", "group_pooled"):
            _diamond(plot, row)
        elif row.kind == "prediction":
            _prediction_bar(plot, row)


def _finite(*values) -> bool:
    return all(v is not None and math.isfinite(float(v)) for v in values)


def _study_mark(plot, row, row_pt, w_max, lo_edge, hi_edge) -> None:
    y = row.row
    if _finite(row.ci_low, row.ci_high):
        lo, hi = max(row.ci_low, lo_edge), min(row.ci_high, hi_edge)
        plot.plot([lo, hi], [y, y], color=LINE_COLOUR, lw=0.8, zorder=2, clip_on=False)
        if row.arrow_low:
            plot.plot([lo_edge], [y], marker="<", ms=4, color=LINE_COLOUR, clip_on=False)
        if row.arrow_high:
            plot.plot([hi_edge], [y], marker=">", ms=4, color=LINE_COLOUR, clip_on=False)
    if not _finite(row.estimate) or not lo_edge <= row.estimate <= hi_edge:
        return
    share = math.sqrt(row.weight / w_max) if w_max and _finite(row.weight) else 0.5
    side = max(MIN_SQUARE_PT, SQUARE_FRACTION * row_pt * share)
    plot.scatter([row.estimate], [y], s=side**2, marker="s", color=SQUARE_COLOUR,
                 edgecolors="none", zorder=3, clip_on=False)


def _diamond(plot, row) -> None:
    from matplotlib.patches import Polygon

    y, h = row.row, 0.38
    if _finite(row.estimate) and not _finite(row.ci_low, row.ci_high):
        # a pooled value without a CI (median of medians): a point, not an interval
        plot.plot([row.estimate], [y], marker="D", ms=6, color=DIAMOND_COLOUR,
                  markeredgecolor=LINE_COLOUR, zorder=3)
        return
    if not _finite(row.estimate, row.ci_low, row.ci_high):
        return
    corners = [(row.ci_low, y), (row.estimate, y - h), (row.ci_high, y), (row.estimate, y + h)]
    plot.add_patch(Polygon(corners, closed=True, facecolor=DIAMOND_COLOUR,
                           edgecolor=LINE_COLOUR, lw=0.6, zorder=3))


def _prediction_bar(plot, row) -> None:
    from matplotlib.patches import Polygon

    if not _finite(row.ci_low, row.ci_high):
        return
    y, h = row.row, 0.16
    corners = [(row.ci_low, y - h), (row.ci_high, y - h), (row.ci_high, y + h),
               (row.ci_low, y + h)]
    plot.add_patch(Polygon(corners, closed=True, facecolor=PI_COLOUR, edgecolor=PI_COLOUR,
                           lw=0.6, zorder=3))
