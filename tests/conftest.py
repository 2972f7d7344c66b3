"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: The repository root and the read-only shared material beside it.
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """Path of ../shared; skips (and in CI fails) when it is missing."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing in CI")
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite database file for one test."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(db_url: str):
    """A fresh database with the current schema."""
    from corpus.db import open_engine

    engine = open_engine(db_url)
    yield engine
    engine.dispose()


#: Markers of optional heavy parts; they skip locally but must run in CI.
MUST_RUN_IN_CI = ("postgres", "browser")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (``CI`` set), a skipped postgres/browser test is a failure: skips cannot hide."""
    outcome = yield
    report = outcome.get_result()
    marked = any(item.get_closest_marker(name) for name in MUST_RUN_IN_CI)
    if report.skipped and marked and os.environ.get("CI"):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: skipped in CI, where it must run ({report.longrepr})"
