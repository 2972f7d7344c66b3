"""Brent's root finder as R implements it (``uniroot`` -> ``R_zeroin2``).

metafor finds the Paule-Mandel estimate and the Q-profile confidence limits of tau^2 with
``uniroot(tol = .Machine$double.eps^0.25)``, which stops as soon as the bracket is narrower
than about 1e-4. Reproducing metafor to 1e-6 therefore needs the same iterate sequence,
not merely the exact root, so this is a line-by-line port of R's ``zeroin.c``.

References
----------
Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*, ch. 4.
Prentice-Hall.
R Core Team. ``src/library/stats/src/zeroin.c`` (R 4.2).
"""

from __future__ import annotations

from collections.abc import Callable

from meta.errors import ConvergenceError

R_UNIROOT_TOL = 2.220446049250313e-16**0.25  # R's default: .Machine$double.eps^0.25
_EPS = 2.220446049250313e-16


def uniroot(
    f: Callable[[float], float],
    lower: float,
    upper: float,
    tol: float = R_UNIROOT_TOL,
    maxiter: int = 1000,
) -> float:
    """Root of ``f`` in ``[lower, upper]`` exactly as R's ``uniroot`` returns it.

    Raises
    ------
    ConvergenceError
        If ``f`` has the same sign at both ends or the iteration limit is reached.
    """
    fa, fb = f(lower), f(upper)
    if fa * fb > 0:
        raise ConvergenceError("root search: f() values at the interval ends have the same sign")
    root, ok = _zeroin(f, lower, upper, fa, fb, tol, maxiter)
    if not ok:
        raise ConvergenceError(f"root search did not converge in {maxiter} iterations")
    return root


def _zeroin(f, ax, bx, fa, fb, tol, maxit):  # noqa: C901 - faithful port, kept in one piece
    a, b = ax, bx
    c, fc = a, fa
    if fa == 0.0:
        return a, True
    if fb == 0.0:
        return b, True
    for _ in range(maxit + 1):
        prev_step = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol_act = 2 * _EPS * abs(b) + tol / 2
        new_step = (c - b) / 2
        if abs(new_step) <= tol_act or fb == 0.0:
            return b, True
        if abs(prev_step) >= tol_act and abs(fa) > abs(fb):
            cb = c - b
            if a == c:
                t1 = fb / fa
                p = cb * t1
                q = 1.0 - t1
            else:
                q = fa / fc
                t1 = fb / fc
                t2 = fb / fa
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0))
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0)
            if p > 0:
                q = -q
            else:
                p = -p
            if p < (0.75 * cb * q - abs(tol_act * q) / 2) and p < abs(prev_step * q / 2):
                new_step = p / q
        if abs(new_step) < tol_act:
            new_step = tol_act if new_step > 0 else -tol_act
        a, fa = b, fb
        b += new_step
        fb = f(b)
        if (fb > 0 and fc > 0) or (fb < 0 and fc < 0):
            c, fc = a, fa
    return b, False
