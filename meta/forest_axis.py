"""The x axis of a forest plot: limits and ticks chosen from the data, on the natural scale.

Proportions and rates always use the full 0-100% axis, so plots of different outcomes can be
compared side by side. Ratios use a log axis that always contains 1; months a linear axis
from 0. A very wide study CI (a 3-patient series) must not squash every other study into a
corner, so limits follow the point estimates and the pooled CI and only stretch for study
CIs up to :data:`LOG_STRETCH` (ratios) or :data:`LINEAR_STRETCH` (months) times further;
CIs that still leave the axis are drawn with an arrow (``arrow_low``/``arrow_high``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: A study CI may widen a log axis to at most this factor beyond the estimates' range.
LOG_STRETCH = 10.0
#: A study CI may widen a months axis to at most this multiple of the largest estimate.
LINEAR_STRETCH = 3.0
#: Candidate tick values of a log axis (1-2-5 series).
LOG_TICKS = tuple(m * 10.0**e for e in range(-3, 4) for m in (1, 2, 5))
_NICE_STEPS = (1, 2, 2.5, 5, 10)
_MAX_LINEAR_TICKS = 6
_MARK_KINDS = ("study", "group_pooled", "pooled", "prediction")


@dataclass(frozen=True)
class ForestAxis:
    """Limits, ticks and scale of the plot region (natural-scale units)."""

    low: float
    high: float
    ticks: tuple[float, ...]
    log: bool
    reference: float | None

    def to_attrs(self) -> dict:
        """The axis as ``frame.attrs`` entries (plain floats, JSON-friendly)."""
        return {"axis_low": self.low, "axis_high": self.high, "ticks": list(self.ticks),
                "log": self.log, "reference": self.reference}


def _values(frame, column: str, kinds=_MARK_KINDS) -> list[float]:
    chosen = frame.loc[frame["kind"].isin(kinds), column]
    return [float(v) for v in chosen if v is not None and math.isfinite(float(v))]


def axis_for(frame, scale, xlim=None) -> ForestAxis:
    """Choose the axis for a forest frame (see the module docstring); ``xlim`` overrides."""
    if scale.kind == "percent":
        low, high = xlim or (0.0, 1.0)
        return ForestAxis(low, high, _linear_ticks(low, high), False, None)
    if scale.log:
        return _log_axis(frame, xlim)
    return _linear_axis(frame, scale, xlim)


def _log_axis(frame, xlim) -> ForestAxis:
    if xlim:
        low, high = xlim
    else:
        ests = [v for v in _values(frame, "estimate") if v > 0] or [1.0]
        lows = [v for v in _values(frame, "ci_low") if v > 0] + ests
        highs = _values(frame, "ci_high") + ests
        low = min(1.0, max(min(lows), min(ests) / LOG_STRETCH))
        high = max(1.0, min(max(highs), max(ests) * LOG_STRETCH))
        low = max([t for t in LOG_TICKS if t <= low], default=LOG_TICKS[0])
        high = min([t for t in LOG_TICKS if t >= high], default=LOG_TICKS[-1])
    ticks = [t for t in LOG_TICKS if low <= t <= high]
    if len(ticks) > 7:  # keep 1 and the powers of ten
        ticks = [t for t in ticks if t == 1 or math.log10(t).is_integer()]
    return ForestAxis(low, high, tuple(ticks), True, 1.0)


def _linear_axis(frame, scale, xlim) -> ForestAxis:
    if xlim:
        low, high = xlim
    else:
        ests = _values(frame, "estimate") or [0.0]
        lows = _values(frame, "ci_low") + ests
        highs = _values(frame, "ci_high") + ests
        if scale.kind == "months":
            low = 0.0
            high = min(max(highs), max(ests) * LINEAR_STRETCH) if max(ests) > 0 else max(highs)
        else:
            low, high = min(lows + [0.0]), max(highs + [0.0])
        step = _nice_step(low, high)
        low, high = math.floor(low / step) * step, math.ceil(high / step) * step
        if high <= low:
            high = low + step
    return ForestAxis(low, high, _linear_ticks(low, high), False, 0.0
                      if scale.kind == "generic" else None)


def _nice_step(low: float, high: float) -> float:
    span = high - low if high > low else max(abs(high), 1.0)
    raw = span / _MAX_LINEAR_TICKS
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in _NICE_STEPS if m * power >= raw)


def _linear_ticks(low: float, high: float) -> tuple[float, ...]:
    step = _nice_step(low, high)
    first = math.ceil(low / step - 1e-9)
    count = math.floor(high / step + 1e-9) - first + 1
    # round away binary noise (0.30000000000000004) so goldens and labels stay clean
    return tuple(round((first + i) * step, 10) for i in range(max(count, 0)))
