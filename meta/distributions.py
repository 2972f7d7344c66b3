"""The few distribution functions the engine needs, straight from :mod:`scipy.special`.

``scipy.stats`` takes about a second to import; these are the same special functions that
``scipy.stats`` calls underneath, so results are identical and ``import meta`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special


def norm_isf(q):
    """Upper-tail quantile of N(0, 1)."""
    return -special.ndtri(q)


def chi2_sf(x, df):
    """P(X > x) for X ~ chi^2_df."""
    return special.chdtrc(df, x)


def chi2_isf(q, df):
    """Upper-tail quantile of chi^2_df."""
    return special.chdtri(df, q)


def chi2_ppf(p, df):
    """Lower-tail quantile of chi^2_df."""
    return 2 * special.gammaincinv(df / 2, p)


def f_sf(x, df1, df2):
    """P(X > x) for X ~ F(df1, df2)."""
    return special.fdtrc(df1, df2, x)


def beta_ppf(p, a, b):
    """Lower-tail quantile of Beta(a, b)."""
    return special.betaincinv(a, b, p)


def beta_isf(q, a, b):
    """Upper-tail quantile of Beta(a, b)."""
    return special.betainccinv(a, b, q)


@dataclass(frozen=True)
class Reference:
    """The reference distribution of a test statistic: N(0, 1) (``df`` NaN) or t_df."""

    df: float = float("nan")

    def isf(self, q):
        """Upper-tail quantile."""
        if np.isnan(self.df):
            return -special.ndtri(q)
        return -special.stdtrit(self.df, q)

    def sf(self, x):
        """Upper-tail probability."""
        if np.isnan(self.df):
            return special.ndtr(-x)
        return special.stdtr(self.df, -x)
