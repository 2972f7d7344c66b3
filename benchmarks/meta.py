"""Benchmark of the meta-analysis engine: REML and GLMM fits for k = 10 ... 10,000 studies,
with statsmodels' ``combine_effects`` (Paule-Mandel) on the same data for scale.

Run: ``.venv/bin/python benchmarks/meta.py``. Targets (issue 4): REML with k = 10,000 under
50 ms; GLMM with k = 1,000 under 1 s. Times are the best of several repeats, in ms.
"""

from __future__ import annotations

import sys
import time
import warnings
from functools import partial
from pathlib import Path

import numpy as np

# Run as a script, this file's folder comes first on sys.path and "meta" would be this file.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from meta import fit_glmm, fit_rma, proportion_effects  # noqa: E402

SIZES = (10, 100, 1_000, 10_000)
TARGETS_MS = {("REML", 10_000): 50.0, ("GLMM", 1_000): 1000.0}


def simulated_series(k: int, seed: int = 2026) -> tuple[np.ndarray, np.ndarray]:
    """k case series of 5-200 patients with logit-normal event rates (tau2 = 0.5)."""
    rng = np.random.default_rng(seed)
    totals = rng.integers(5, 200, size=k)
    p = 1 / (1 + np.exp(-rng.normal(-0.5, np.sqrt(0.5), size=k)))
    return rng.binomial(totals, p), totals


def best_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * min(times)


def statsmodels_ms(yi, vi, repeats):
    try:
        from statsmodels.stats.meta_analysis import combine_effects
    except ImportError:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return best_ms(lambda: combine_effects(yi, vi, method_re="pm"), repeats)


def main() -> list[tuple[str, int, float]]:
    rows = []
    for k in SIZES:
        events, totals = simulated_series(k)
        es = proportion_effects(events, totals, "PLO")
        repeats = 20 if k <= 1000 else 5
        reml = partial(fit_rma, es.yi, es.vi, "REML", "knha")
        rows.append(("REML", k, best_ms(reml, repeats)))
        rows.append(("statsmodels PM", k, statsmodels_ms(es.yi, es.vi, repeats)))
        glmm_repeats = 3 if k <= 1000 else 1
        rows.append(("GLMM", k, best_ms(partial(fit_glmm, events, totals), glmm_repeats)))
    print(f"{'fit':<16}{'k':>8}{'ms':>12}  target")
    for name, k, ms in rows:
        target = TARGETS_MS.get((name, k))
        verdict = "" if target is None else (f"< {target:g} ms " +
                                             ("ok" if ms < target else "MISSED"))
        print(f"{name:<16}{k:>8}{ms:>12.2f}  {verdict}")
    return rows


if __name__ == "__main__":
    main()
