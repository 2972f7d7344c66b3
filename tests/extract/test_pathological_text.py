"""The study stage stays linear on pathological text, checked without a clock.

The seconds are measured by ``benchmarks/pathological_text.py``; a timed assertion here would
fail whenever the shared machine is busy. Instead each text is read at two sizes and the
characters handed to the stage's compiled patterns are counted: doubling the text doubles them
when every stage is linear, and quadruples them when a stage scans a whole sentence once per
count in it (as the stage did before its cue windows were bounded).
"""

from __future__ import annotations

import re
import sys

import pytest
from benchmark_modules import load_benchmark  # tests/fixtures, on sys.path via tests/conftest.py

import extract.study.cohort as cohort
from extract.model import Page
from extract.study.abbreviations import text_to_abbreviations
from extract.study.study import pages_to_study

pathological_texts = load_benchmark("pathological_text").pathological_texts

#: Methods of a compiled pattern that scan a string, with the position of that string.
_SCANNING = {"search": 0, "match": 0, "fullmatch": 0, "finditer": 0, "findall": 0, "split": 0,
             "sub": 1, "subn": 1}
#: Growth of the work when the text doubles: 2 when linear, 4 when quadratic.
MAX_GROWTH = 2.5
SIZE = 160  # repetitions; small, since the count, not the clock, is what is compared


class _CountingPattern:
    """A compiled pattern that adds the length of every string it scans to a shared tally."""

    def __init__(self, pattern: re.Pattern, tally: list[int]):
        self._pattern, self._tally = pattern, tally

    def __getattr__(self, name):
        attr = getattr(self._pattern, name)
        if name not in _SCANNING:
            return attr
        where = _SCANNING[name]

        def counted(*args, **kwargs):
            text = args[where] if len(args) > where else kwargs["string"]
            self._tally[0] += len(text)
            return attr(*args, **kwargs)

        return counted


@pytest.fixture
def scanned(monkeypatch):
    """A function returning the characters the study stage's patterns scan for a text."""
    tally = [0]
    wrapped = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("extract."):
            for attr, value in list(vars(module).items()):
                if isinstance(value, re.Pattern):
                    monkeypatch.setattr(module, attr, _CountingPattern(value, tally))
                    wrapped += 1
    assert wrapped > 20, "the study stage's patterns were not found to count"

    def count(text: str) -> int:
        tally[0] = 0
        text_to_abbreviations.cache_clear()  # a result cached by an earlier call scans nothing
        pages_to_study([Page(None, text)])
        return tally[0]

    return count


@pytest.mark.parametrize("name", list(pathological_texts(1)))
def test_work_grows_linearly_with_pathological_text(name, scanned):
    single, double = scanned(pathological_texts(SIZE)[name]), scanned(
        pathological_texts(2 * SIZE)[name])
    assert single > 0
    assert double / single <= MAX_GROWTH, (single, double)


def test_the_count_notices_a_quadratic_stage(scanned, monkeypatch):
    # unbounded cue windows scan the whole run-on sentence for each of its counts
    monkeypatch.setattr(cohort, "CUE_WINDOW", 10**9)
    size = SIZE // 4  # quadratic work is slow work: 4x smaller still shows it (3.9x, not 2x)
    single, double = scanned(pathological_texts(size)["run-on-sentence"]), scanned(
        pathological_texts(2 * size)["run-on-sentence"])
    assert double / single > 3.0


@pytest.mark.parametrize(
    ("name", "expected"),
    [("run-on-sentence", 12), ("unclosed-parentheses", 12), ("endless-author-line", None)],
)
def test_pathological_text_is_still_read_right(name, expected):
    study = pages_to_study([Page(None, pathological_texts()[name])])
    assert study.n_patients == expected
    # a line of thousands of names or counts is body text, never a title or an author line
    assert study.title is None and study.first_author is None
