"""Leave-one-out sensitivity analysis (metafor ``leave1out``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from meta.errors import TooFewStudies
from meta.model import check_effects, fit_rma
from meta.results import LeaveOneOut


def collect_refits(refit: Callable[[np.ndarray], object], labels: Sequence[str]) -> LeaveOneOut:
    """Call ``refit(mask)`` once per study with that study masked out; collect the fits.

    ``refit`` returns any fit with ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``tau2``,
    ``i2`` and ``q`` (an :class:`~meta.results.RmaResult`, a GLMM or a Mantel-Haenszel fit).

    Raises
    ------
    TooFewStudies
        For k < 3 (each refit needs two studies).
    """
    k = len(labels)
    if k < 3:
        raise TooFewStudies(k, f"leave-one-out needs at least 3 studies, got {k}")
    fits = [refit(np.arange(k) != i) for i in range(k)]

    def col(name):
        return tuple(float(getattr(f, name)) for f in fits)

    return LeaveOneOut(labels=tuple(str(x) for x in labels), estimate=col("estimate"),
                       se=col("se"), ci_low=col("ci_low"), ci_high=col("ci_high"),
                       tau2=col("tau2"), i2=col("i2"), q=col("q"))


def leave_one_out(yi, vi, method: str = "REML", test: str = "z", level: float = 0.95,
                  labels=None) -> LeaveOneOut:
    """Refit the model k times, each time omitting one study.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
    method, test, level
        As for :func:`meta.model.fit_rma`.

    Raises
    ------
    TooFewStudies
        For k < 3 (each refit needs two studies).
    """
    yi, vi = check_effects(yi, vi, labels)
    names = list(labels) if labels is not None else [f"study {i + 1}" for i in range(yi.size)]
    return collect_refits(
        lambda keep: fit_rma(yi[keep], vi[keep], method=method, test=test, level=level), names)
