"""The author-line check stays linear: front-matter lines in capitals are decided at once."""

from __future__ import annotations

import time

import pytest

from extract.study.front_matter import is_author_line

#: Seconds a single line may take; the exponential pattern took over 100 s on the first line.
MAX_SECONDS = 1.0


@pytest.mark.parametrize(
    "line",
    [
        "MANAGEMENT OF ACUTE CEREBELLAR INFARCTION:",
        "OUTCOMES OF DECOMPRESSIVE SURGERY IN SPACE OCCUPYING STROKE. A RETROSPECTIVE SERIES!",
    ],
)
def test_a_title_in_capitals_is_no_author_line_and_is_decided_quickly(line):
    start = time.perf_counter()
    assert not is_author_line(line)
    assert time.perf_counter() - start < MAX_SECONDS


@pytest.mark.parametrize(
    "line",
    ["PA Le Page, A Tan, H Van der Wall", "J.R. Smith, K. L. Jones", "AB Kumar; CD Rao"],
)
def test_initials_first_author_lines_are_still_recognised(line):
    assert is_author_line(line)
