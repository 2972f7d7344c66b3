"""Seconds the study stage takes on pathological text, and how that grows with the text.

Usage: ``python benchmarks/pathological_text.py [--repeat N] [--runs R]``.
Three texts that once made :func:`extract.study.study.pages_to_study` quadratic (10-30 s each
at the default size): a run-on "sentence" of thousands of counts (a table dump), thousands of
unclosed parentheses before the counts, and an endless author line. For each text, at ``N``
repetitions of its unit (default 2000) and at ``2N``, prints the CPU seconds of the fastest of
``R`` runs (default 3) and the ratio of the two: about 2 for a linear stage, 4 for a quadratic
one. Target on the 2-core reference machine: under 5 s per text at the default size.
CPU time (``time.process_time``) is taken because other processes on a busy machine disturb it
much less than wall time; the test suite checks the same linearity without a clock, by the
characters handed to the stage's patterns (``tests/extract/test_pathological_text.py``).
"""

from __future__ import annotations

import argparse
import time

from extract.model import Page
from extract.study.study import pages_to_study

#: Repetitions of each text's unit in the default run.
DEFAULT_REPEAT = 2000
#: Seconds each text may take at the default size.
TARGET_SECONDS = 5.0


def pathological_texts(repeat: int = DEFAULT_REPEAT) -> dict[str, str]:
    """The three pathological texts, each with ``repeat`` repetitions of its unit, by name."""
    return {
        "run-on-sentence": "Results " + "12 patients were treated and 3 cases (20%) died, "
                           * repeat,
        "unclosed-parentheses": "(" * (repeat * 3 // 2) + " 12 patients " * repeat,
        "endless-author-line": "A. Smith, B. Jones, " * (repeat * 3 // 2),
    }


def cpu_seconds(text: str, runs: int) -> float:
    """CPU seconds of the fastest of ``runs`` runs of the study stage on ``text``."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        pages_to_study([Page(None, text)])
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    single, double = pathological_texts(args.repeat), pathological_texts(2 * args.repeat)
    print(f"{'text':22s} {'chars':>8s} {'cpu s':>7s} {'2x chars':>9s} {'cpu s':>7s} {'ratio':>6s}")
    for name, text in single.items():
        once, twice = cpu_seconds(text, args.runs), cpu_seconds(double[name], args.runs)
        verdict = "ok" if once < TARGET_SECONDS else f"over {TARGET_SECONDS:.0f} s"
        print(f"{name:22s} {len(text):8d} {once:7.2f} {len(double[name]):9d} {twice:7.2f} "
              f"{twice / max(once, 1e-9):6.2f}  {verdict}")


if __name__ == "__main__":
    main()
