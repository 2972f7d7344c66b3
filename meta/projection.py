"""The weighted residual projection P = W - W X (X'WX)^-1 X'W, without forming k x k matrices.

metafor writes every tau^2 estimator and its standard error in terms of P, V = diag(vi) and
traces of their products. Forming P costs O(k^2) memory, which rules out k = 10,000; every
quantity needed here reduces to p x p algebra on B = W X (p = number of model columns).

References
----------
Viechtbauer, W. (2005). Bias and efficiency of meta-analytic variance estimators in the
random-effects model. *Journal of Educational and Behavioral Statistics*, 30(3), 261-293.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Projection:
    """P for weights ``w`` (length k) and model matrix ``X`` (k x p)."""

    w: np.ndarray
    X: np.ndarray
    B: np.ndarray  # W X
    A: np.ndarray  # (X'WX)^-1

    @classmethod
    def build(cls, w: np.ndarray, X: np.ndarray) -> Projection:
        B = w[:, None] * X
        return cls(w=w, X=X, B=B, A=np.linalg.inv(X.T @ B))

    def beta(self, y: np.ndarray) -> np.ndarray:
        """Weighted least-squares coefficients (X'WX)^-1 X'W y."""
        return self.A @ (self.B.T @ y)

    def apply(self, y: np.ndarray) -> np.ndarray:
        """P y = W (y - X beta)."""
        return self.w * (y - self.X @ self.beta(y))

    def quad(self, y: np.ndarray) -> float:
        """y' P y, the weighted residual sum of squares."""
        r = y - self.X @ self.beta(y)
        return float(np.sum(self.w * r * r))

    def trace(self) -> float:
        """tr(P)."""
        return float(np.sum(self.w) - np.trace(self.A @ (self.B.T @ self.B)))

    def trace_pp(self) -> float:
        """tr(P P) (= sum(P * P), P being symmetric)."""
        G = self.B.T @ self.B
        AG = self.A @ G
        H = self.A @ (self.B.T @ (self.w[:, None] * self.B))
        return float(np.sum(self.w**2) - 2 * np.trace(H) + np.trace(AG @ AG))

    def trace_pv(self, v: np.ndarray) -> float:
        """tr(P V) with V = diag(v)."""
        return float(np.sum(self.w * v) - np.trace(self.A @ (self.B.T @ (v[:, None] * self.B))))

    def trace_pvpv(self, v: np.ndarray) -> float:
        """tr(P V P V) (= sum(PV * t(PV)))."""
        wv = self.w * v
        C = v[:, None] * self.B
        M = self.A @ (C.T @ self.B)
        cross = np.trace(self.A @ (C.T @ (wv[:, None] * self.B)))
        return float(np.sum(wv**2) - 2 * cross + np.trace(M @ M))

    def trace_ppv(self, v: np.ndarray) -> float:
        """tr(P P V) (= sum(PV * P))."""
        G = self.B.T @ self.B
        BVB = self.B.T @ (v[:, None] * self.B)
        cross = np.trace(self.A @ (self.B.T @ ((self.w * v)[:, None] * self.B)))
        return float(np.sum(self.w**2 * v) - 2 * cross + np.trace(self.A @ BVB @ self.A @ G))
