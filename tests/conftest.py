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
