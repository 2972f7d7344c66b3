"""Two-arm effect sizes from events and totals per arm (metafor ``escalc`` for 2x2 tables).

Measures: ``OR`` (log odds ratio), ``RR`` (log risk ratio), ``RD`` (risk difference). Arm 1
is the experimental arm (``ai`` events of ``n1i``), arm 2 the comparison (``ci`` of ``n2i``).
As metafor 3.8 ``escalc`` does by default (``add = 1/2, to = "only0", drop00 = FALSE``),
1/2 is added to all four cells of a study with a zero cell, and studies with no events (or
only events) in both arms stay in the analysis.

References
----------
Deeks, J. J., & Higgins, J. P. T. (2010). Statistical algorithms in Review Manager 5.
The Cochrane Collaboration.
Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
Statistical Software*, 36(3), 1-48.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meta.effect_sizes import CONTINUITY, check_counts
from meta.errors import InvalidInput

EFFECTS = ("OR", "RR", "RD")
EFFECT_NAMES = {"OR": "odds ratio", "RR": "risk ratio", "RD": "risk difference"}


def effect_code(effect: str) -> str:
    """Validate ``OR|RR|RD`` (case-insensitive) and return it in upper case."""
    code = str(effect).upper()
    if code not in EFFECTS:
        raise InvalidInput(f"unknown effect {effect!r}; allowed: {', '.join(EFFECTS)}")
    return code


@dataclass(frozen=True)
class Tables:
    """k 2x2 tables: ``ai``/``bi`` events/non-events in arm 1, ``ci``/``di`` in arm 2."""

    ai: np.ndarray
    bi: np.ndarray
    ci: np.ndarray
    di: np.ndarray

    @property
    def n1i(self) -> np.ndarray:
        return self.ai + self.bi

    @property
    def n2i(self) -> np.ndarray:
        return self.ci + self.di

    @property
    def ni(self) -> np.ndarray:
        return self.n1i + self.n2i

    def zero_cell(self) -> np.ndarray:
        """Studies with at least one empty cell (metafor ``to = "only0"``)."""
        return (self.ai == 0) | (self.bi == 0) | (self.ci == 0) | (self.di == 0)

    def double_zero(self) -> np.ndarray:
        """Studies with no events, or only events, in both arms."""
        return ((self.ai == 0) & (self.ci == 0)) | ((self.bi == 0) & (self.di == 0))

    def corrected(self, add: float = CONTINUITY) -> Tables:
        """Tables with ``add`` in every cell of the studies with an empty cell."""
        a = np.where(self.zero_cell(), add, 0.0)
        return Tables(self.ai + a, self.bi + a, self.ci + a, self.di + a)


def make_tables(events1, total1, events2, total2, labels=None) -> Tables:
    """Validate both arms' counts and return the 2x2 tables.

    Raises
    ------
    InvalidInput
        Naming the study and arm whose total is not positive or whose events are negative,
        non-integer or above the total.
    """
    if labels is None:
        labels = [f"study {i + 1}" for i in range(np.size(events1))]
    arms = []
    for arm, (x, n) in enumerate(((events1, total1), (events2, total2)), start=1):
        arms.append(check_counts(x, n, [f"{s}, arm {arm}" for s in labels]))
    (a, n1), (c, n2) = arms
    if a.size != c.size:
        raise InvalidInput(f"{a.size} studies in arm 1 but {c.size} in arm 2")
    return Tables(a, n1 - a, c, n2 - c)


@dataclass(frozen=True)
class TwoArmEffects:
    """Effect sizes of k two-arm studies; ``corrected`` flags the studies given 1/2 per cell."""

    yi: np.ndarray
    vi: np.ndarray
    measure: str
    corrected: np.ndarray
    double_zero: np.ndarray


def two_arm_effects(tables: Tables, measure: str = "OR") -> TwoArmEffects:
    """metafor ``escalc(measure, ai, n1i, ci, n2i)`` with its defaults (vtype ``"LS"``).

    Parameters
    ----------
    tables : Tables
        From :func:`make_tables`.
    measure : {"OR", "RR", "RD"}

    Returns
    -------
    TwoArmEffects
        ``yi`` is a log odds ratio, log risk ratio or risk difference.
    """
    measure = effect_code(measure)
    t = tables.corrected()
    p1, p2 = t.ai / t.n1i, t.ci / t.n2i
    with np.errstate(divide="ignore"):  # a double-zero RR gives log(0.5/n) - fine, never 0
        if measure == "OR":
            yi = np.log(t.ai / t.bi) - np.log(t.ci / t.di)
            vi = 1 / t.ai + 1 / t.bi + 1 / t.ci + 1 / t.di
        elif measure == "RR":
            yi = np.log(p1) - np.log(p2)
            vi = 1 / t.ai - 1 / t.n1i + 1 / t.ci - 1 / t.n2i
        else:
            yi = p1 - p2
            vi = p1 * (1 - p1) / t.n1i + p2 * (1 - p2) / t.n2i
    return TwoArmEffects(yi=yi, vi=vi, measure=measure, corrected=tables.zero_cell(),
                         double_zero=tables.double_zero())


def correction_note(effects: TwoArmEffects, labels) -> str:
    """The note naming the studies given the continuity correction (empty when none)."""
    if not effects.corrected.any():
        return ""
    names = [str(labels[i]) for i in np.flatnonzero(effects.corrected)]
    note = (f"1/2 added to every cell of {len(names)} "
            f"stud{'y' if len(names) == 1 else 'ies'} with an empty cell: {', '.join(names)}.")
    dz = [str(labels[i]) for i in np.flatnonzero(effects.double_zero)]
    if dz:
        note += (f" Kept although no arm differs (no events, or only events, in both arms): "
                 f"{', '.join(dz)}.")
    return note
