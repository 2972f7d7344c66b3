"""How pooled and study estimates are shown to a reader: scale, axis and number format.

Proportions and survival rates are shown in percent on a 0-100% axis, ratios (hazard
ratios) on a log axis with a reference line at 1, medians and means in months on a linear
axis. Plots, tables and the report all format numbers through :class:`Scale`, so a number
reads the same everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """The natural scale of a measure.

    Attributes
    ----------
    kind : {"percent", "ratio", "months", "generic"}
    column : str
        Header of the estimate column ("Proportion (%)", "Hazard ratio", ...).
    axis_label : str
        Label of the forest plot's x axis.
    """

    kind: str
    column: str
    axis_label: str

    @property
    def log(self) -> bool:
        """True when the axis is logarithmic (ratios)."""
        return self.kind == "ratio"

    @property
    def reference(self) -> float | None:
        """Where the line of no effect is drawn (1 for ratios), else None."""
        return 1.0 if self.kind == "ratio" else None

    def number(self, value) -> str:
        """One number on this scale: ``78.0`` (percent), ``0.85`` (ratio), ``26.0`` (months)."""
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return ""
        if self.kind == "percent":
            return f"{100 * value:.1f}"
        if self.kind == "months":
            return f"{value:.1f}"
        return f"{value:.2f}"

    def interval(self, estimate, low, high) -> str:
        """``78.0 [52.4, 93.6]``; the bracket is left out when the CI is unknown."""
        text = self.number(estimate)
        lo, hi = self.number(low), self.number(high)
        if lo and hi:
            text = f"{text} [{lo}, {hi}]"
        return text

    def range(self, low, high) -> str:
        """``[52.4, 93.6]`` or an empty string when either end is unknown."""
        lo, hi = self.number(low), self.number(high)
        return f"[{lo}, {hi}]" if lo and hi else ""


_SCALES = {
    "proportion": Scale("percent", "Proportion (%)", "Proportion (%)"),
    "rate_at_time": Scale("percent", "Rate (%)", "Rate (%)"),
    "hazard_ratio": Scale("ratio", "Hazard ratio", "Hazard ratio (log scale)"),
    "median": Scale("months", "Median (months)", "Median (months)"),
    "mean": Scale("months", "Mean (months)", "Mean (months)"),
}
_GENERIC = Scale("generic", "Estimate", "Estimate")
# PoolResult.kind values of the engine, mapped to the measure whose scale they share
_KIND_ALIASES = {"ratio": "hazard_ratio", "rate": "rate_at_time", "survival": "rate_at_time"}


def scale_for(measure: str | None) -> Scale:
    """The :class:`Scale` of a measure name (or a pooled result's ``kind``: ``proportion``,
    ``ratio``, ``rate``, ``median``); unknown or missing measures get a generic one."""
    measure = _KIND_ALIASES.get(measure or "", measure or "")
    return _SCALES.get(measure, _GENERIC)


def percent(value, digits: int = 1) -> str:
    """A percentage already in percent (I^2): ``45.3%``; empty when unknown."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.{digits}f}%"


def p_value(value) -> str:
    """A p-value as journals print it: ``p = 0.032``, ``p < 0.001``; empty when unknown."""
    if value is None or not math.isfinite(value):
        return ""
    if value < 0.001:
        return "p < 0.001"
    return f"p = {value:.3f}"


#: As forest.meta: smaller tau^2 values print as "< 0.0001".
TAU2_FLOOR = 1e-4

#: Below this, tau^2 is an estimator's numerical zero (1.8e-16 from REML's boundary) and
#: prints as 0: it is no evidence of any heterogeneity.
TAU2_ZERO = 1e-10


def tau2(value) -> str:
    """tau^2 with 3 significant digits, ``0``, or ``< 0.0001``; empty when unknown."""
    if value is None or not math.isfinite(value):
        return ""
    if abs(value) < TAU2_ZERO:
        return "0"
    if 0 < value < TAU2_FLOOR:
        return f"< {TAU2_FLOOR:g}"
    return general(value, 3)


def weight(value) -> str:
    """A study's share of the pooled weight, in percent: ``57.1%``; empty when it has none
    (medians pooled without inverse-variance weights, a study left out)."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.1f}%"


def general(value, digits: int = 4) -> str:
    """A statistic such as tau^2 with ``digits`` significant digits; empty when unknown."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.{digits}g}"


def pi_method(ci: str, k: int, pi: str = "t") -> str:
    """How a prediction interval was computed, named wherever one is shown: ``hts`` is
    Higgins-Thompson-Spiegelhalter (t with k - 2 df, as R meta); ``t`` is metafor's, a t
    distribution with k - 1 df with a Hartung-Knapp CI, else the normal quantile."""
    if pi == "hts":
        return f"Higgins-Thompson-Spiegelhalter, t with k - 2 = {k - 2} df, as R meta"
    if str(ci).lower() == "z":
        return "normal quantile, as metafor"
    return f"t with k - 1 = {k - 1} df, as metafor"
