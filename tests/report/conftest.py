"""Fixtures of the report tests: golden-file comparison (``CASEMETA_REGEN_GOLDEN=1`` rewrites
the golden files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def check_golden(relative: str, text: str) -> None:
    """Assert ``text`` equals ``tests/golden/<relative>``; rewrite it when regenerating."""
    path = GOLDEN / relative
    if os.environ.get("CASEMETA_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with CASEMETA_REGEN_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{relative} differs from its golden file"


@pytest.fixture
def golden():
    """``golden(relative, text)``: compare ``text`` with ``tests/golden/<relative>``."""
    return check_golden
