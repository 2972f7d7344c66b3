"""Benchmark of the meta-analysis engine: REML and GLMM fits for k = 10 ... 10,000 studies,
with statsmodels' ``combine_effects`` (Paule-Mandel) on the same data for scale; and (issue
14) Mantel-Haenszel, meta-regression and trim-and-fill at k = 1,000 and 10,000.

Run: ``.venv/bin/python benchmarks/meta.py``. Targets (issue 4): REML with k = 10,000 under
50 ms; GLMM with k = 1,000 under 1 s. Issue 14: MH and meta-regression under 100 ms at
k = 10,000, trim-and-fill under 1 s. Times are the best of several repeats, in ms.
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
from meta.mantel_haenszel import mantel_haenszel  # noqa: E402
from meta.regression import meta_regression  # noqa: E402
from meta.small_study import trim_and_fill  # noqa: E402
from meta.two_arm import make_tables, two_arm_effects  # noqa: E402

SIZES = (10, 100, 1_000, 10_000)
COMPARATIVE_SIZES = (1_000, 10_000)
TARGETS_MS = {("REML", 10_000): 50.0, ("GLMM", 1_000): 1000.0, ("MH OR", 10_000): 100.0,
              ("meta-regression", 10_000): 100.0, ("trim-and-fill", 10_000): 1000.0}


def simulated_series(k: int, seed: int = 2026) -> tuple[np.ndarray, np.ndarray]:
    """k case series of 5-200 patients with logit-normal event rates (tau2 = 0.5)."""
    rng = np.random.default_rng(seed)
    totals = rng.integers(5, 200, size=k)
    p = 1 / (1 + np.exp(-rng.normal(-0.5, np.sqrt(0.5), size=k)))
    return rng.binomial(totals, p), totals


def simulated_trials(k: int, seed: int = 2026):
    """k two-arm studies of 10-400 patients per arm, log OR ~ N(-0.4, 0.2), a year moderator
    and a funnel missing some small studies with positive effects (for trim-and-fill)."""
    rng = np.random.default_rng(seed)
    n1, n2 = rng.integers(10, 400, size=k), rng.integers(10, 400, size=k)
    p2 = rng.uniform(0.1, 0.4, size=k)
    odds = p2 / (1 - p2) * np.exp(rng.normal(-0.4, np.sqrt(0.2), size=k))
    p1 = odds / (1 + odds)
    tables = make_tables(rng.binomial(n1, p1), n1, rng.binomial(n2, p2), n2)
    year = rng.integers(1990, 2025, size=k).astype(float)
    return tables, year


def comparative_rows(k: int) -> list[tuple[str, int, float]]:
    tables, year = simulated_trials(k)
    es = two_arm_effects(tables, "OR")
    repeats = 10 if k <= 1000 else 5
    return [
        ("MH OR", k, best_ms(partial(mantel_haenszel, tables, "OR"), repeats)),
        ("meta-regression", k, best_ms(
            partial(meta_regression, es.yi, es.vi, {"year": year}, "REML", "knha"), repeats)),
        ("trim-and-fill", k, best_ms(partial(trim_and_fill, es.yi, es.vi, "REML"), repeats)),
    ]


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
    for k in COMPARATIVE_SIZES:
        rows += comparative_rows(k)
    print(f"{'fit':<16}{'k':>8}{'ms':>12}  target")
    for name, k, ms in rows:
        target = TARGETS_MS.get((name, k))
        verdict = "" if target is None else (f"< {target:g} ms " +
                                             ("ok" if ms < target else "MISSED"))
        print(f"{name:<16}{k:>8}{ms:>12.2f}  {verdict}")
    return rows


if __name__ == "__main__":
    main()
