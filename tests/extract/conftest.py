"""Fixture PDFs for the reader tests, built once per session with fpdf2 and pikepdf."""

from __future__ import annotations

from pathlib import Path

import make_pdfs  # on sys.path through tests/conftest.py
import pytest


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every fixture PDF of :mod:`make_pdfs`, by purpose (``two-column-results``...)."""
    return make_pdfs.build_all(tmp_path_factory.mktemp("fixture-pdfs"))


@pytest.fixture(scope="session")
def builders():
    """The :mod:`make_pdfs` module, for tests that build a variant of their own."""
    return make_pdfs
