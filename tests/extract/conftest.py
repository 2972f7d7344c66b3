"""Fixture PDFs for the reader tests, built once per session with fpdf2 and pikepdf."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))

import make_pdfs  # noqa: E402


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every fixture PDF of :mod:`make_pdfs`, by purpose (``two-column-results``...)."""
    return make_pdfs.build_all(tmp_path_factory.mktemp("fixture-pdfs"))


@pytest.fixture(scope="session")
def builders():
    """The :mod:`make_pdfs` module, for tests that build a variant of their own."""
    return make_pdfs
