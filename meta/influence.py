"""Leave-one-out sensitivity analysis (metafor ``leave1out``)."""

from __future__ import annotations

import numpy as np

from meta.errors import TooFewStudies
from meta.model import check_effects, fit_rma
from meta.results import LeaveOneOut


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
    k = yi.size
    if k < 3:
        raise TooFewStudies(k, f"leave-one-out needs at least 3 studies, got {k}")
    names = tuple(labels) if labels is not None else tuple(f"study {i + 1}" for i in range(k))
    fits = []
    for i in range(k):
        keep = np.arange(k) != i
        fits.append(fit_rma(yi[keep], vi[keep], method=method, test=test, level=level))

    def col(name):
        return tuple(float(getattr(f, name)) for f in fits)

    return LeaveOneOut(labels=names, estimate=col("estimate"), se=col("se"),
                       ci_low=col("ci_low"), ci_high=col("ci_high"), tau2=col("tau2"),
                       i2=col("i2"), q=col("q"))
