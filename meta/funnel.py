"""Funnel plots as metafor's ``funnel(trimfill(res))`` draws them: each study's effect
(model scale) against its standard error, the axis reversed so precise studies are on top,
pseudo-95% confidence contours around the pooled estimate, and the studies imputed by
trim-and-fill drawn hollow.

What is drawn comes from :func:`funnel_frame` (plain data, tested without a figure).
matplotlib is imported lazily, only in the plotting modules (this one and
:mod:`meta.forest`), never through pyplot.

References
----------
Sterne, J. A. C., & Egger, M. (2001). Funnel plots for detecting bias in meta-analysis.
*Journal of Clinical Epidemiology*, 54(10), 1046-1055.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from meta.distributions import norm_isf
from meta.errors import RenderError
from meta.forest import _METADATA, FORMATS, reproducible

AXIS_LABELS = {"OR": "log odds ratio", "RR": "log risk ratio", "RD": "risk difference"}
CONTOUR_LEVEL = 0.95


def funnel_frame(result) -> dict:
    """The data behind the funnel plot of a :class:`meta.results.PoolResult`.

    Returns
    -------
    dict
        ``yi``, ``sei``, ``filled`` (one entry per point, imputed studies last),
        ``estimate`` (the pooled model-scale estimate), ``filled_estimate`` (after
        trim-and-fill, NaN without it), ``contour`` (``sei``, ``low``, ``high``: the
        pseudo-95% limits estimate -/+ 1.96 se) and ``xlabel``.

    Raises
    ------
    RenderError
        Without the small-study block (k < 3).
    """
    small = getattr(result, "small_study", None)
    if small is None:
        raise RenderError("a funnel plot needs at least 3 studies (and the small-study block)")
    tf = small.trim_and_fill
    yi = [s.yi for s in result.studies] + list(tf.filled_yi)
    sei = [float(np.sqrt(s.vi)) for s in result.studies] + [float(np.sqrt(v))
                                                            for v in tf.filled_vi]
    filled = [False] * result.k + [True] * tf.k0
    est = result.transformed.estimate
    top = max(sei) * 1.05
    se_grid = np.linspace(0.0, top, 50)
    z = float(norm_isf((1 - CONTOUR_LEVEL) / 2))
    label = AXIS_LABELS.get(getattr(result, "effect", None) or "", result.transform)
    return {"yi": yi, "sei": sei, "filled": filled, "estimate": est,
            "filled_estimate": tf.estimate if tf.k0 > 0 else float("nan"),
            "contour": {"sei": se_grid.tolist(), "low": (est - z * se_grid).tolist(),
                        "high": (est + z * se_grid).tolist()},
            "xlabel": label}


def draw_funnel(result, ax=None):
    """Draw the funnel plot of ``result`` (into ``ax`` if given); return the ``Figure``."""
    data = funnel_frame(result)
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(5.5, 4.5)).add_subplot()
    c = data["contour"]
    ax.fill_betweenx(c["sei"], c["low"], c["high"], color="0.93", zorder=0)
    ax.plot(c["low"], c["sei"], color="0.4", lw=0.8, ls="--")
    ax.plot(c["high"], c["sei"], color="0.4", lw=0.8, ls="--")
    ax.axvline(data["estimate"], color="black", lw=1)
    yi, sei, filled = (np.asarray(data[k]) for k in ("yi", "sei", "filled"))
    ax.scatter(yi[~filled], sei[~filled], s=28, color="black", zorder=3, label="studies")
    if filled.any():
        ax.scatter(yi[filled], sei[filled], s=28, facecolors="white", edgecolors="black",
                   zorder=3, label="filled (trim-and-fill)")
        ax.axvline(data["filled_estimate"], color="black", lw=1, ls=":")
        ax.legend(loc="best", fontsize=8, framealpha=0.9)
    ax.set_ylim(max(c["sei"]), 0)
    ax.set_xlabel(data["xlabel"])
    ax.set_ylabel("standard error")
    ax.figure.tight_layout()
    return ax.figure


def save_funnel(result, path: str | Path, dpi: int = 150) -> Path:
    """Write the funnel plot to ``path`` (``.png``, ``.svg`` or ``.pdf``, reproducible bytes
    for SVG and PDF as for forest plots).

    Raises
    ------
    RenderError
        For another suffix, an unwritable path, or k < 3.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise RenderError(f"{path}: funnel plots are written as .png, .svg or .pdf")
    with reproducible():
        fig = draw_funnel(result)
        try:
            fig.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
        except OSError as exc:
            raise RenderError(f"{path}: cannot be written ({exc.strerror})") from exc
    return path


def funnel_svg(result) -> str:
    """The funnel plot as SVG text (for inlining in an HTML report)."""
    import io

    with reproducible():
        buffer = io.StringIO()
        draw_funnel(result).savefig(buffer, format="svg", metadata=_METADATA["svg"])
    return buffer.getvalue()
