"""Fixtures shared by every test package."""

from __future__ import annotations

import contextlib
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

#: The repository root and the read-only shared material beside it.
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# the fixture builders (``make_pdfs``) are plain modules that also run as scripts
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))


#: The one reason every test needing third-party documents (papers, gold) skips under; they
#: are never committed, so a plain clone has no ``../shared`` beside it.
SHARED_REASON = "needs ../shared (third-party papers and gold, not in the repository)"


def require_shared() -> Path:
    """Path of ../shared; skips under :data:`SHARED_REASON` when it is missing, fails in CI."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing in CI, where tests reading it must run")
        pytest.skip(SHARED_REASON)
    return SHARED


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared (see :func:`require_shared`)."""
    return require_shared()


def pytest_runtest_setup(item):
    """A test marked ``shared`` (e.g. a parameter built at import) needs ../shared too."""
    if item.get_closest_marker("shared"):
        require_shared()


#: Names the PostgreSQL server of the ``postgres`` tests (``.ci/run`` starts one and sets it).
POSTGRES_ENV = "CASEMETA_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_server():
    """An admin engine on ``$CASEMETA_TEST_POSTGRES_URL``; skips (fails in CI) without it."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set (no PostgreSQL server)")
    from sqlalchemy import create_engine

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    yield admin
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema for one test, dropped afterwards.

    A schema (selected through ``search_path``) is much cheaper than a database per test, and
    the URL works unchanged in subprocesses.
    """
    from sqlalchemy import text

    name = f"t_{uuid.uuid4().hex[:16]}"
    with postgres_server.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    url = postgres_server.url.render_as_string(hide_password=False)
    yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}"
    with postgres_server.connect() as conn:
        # a connection leaked by a killed process must not hang the suite
        conn.execute(text("SET lock_timeout = '5s'"))
        with contextlib.suppress(Exception):
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite database file for one test (tests that need SQLite itself)."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, sqlite_url: str) -> str:
    """URL of a fresh database for one test: each test runs on SQLite and on PostgreSQL."""
    if request.param == "postgres":
        return request.getfixturevalue("postgres_url")
    return sqlite_url


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
