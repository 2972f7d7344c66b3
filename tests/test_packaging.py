"""The wheel carries everything the program reads: demo corpus, lexicon, report templates.

Built from a copy of the sources (a stale ``build/`` in the checkout cannot leak into it) with
the test venv's setuptools, offline; the file list is checked without installing it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: What a wheel is built from: the fixed top level of the repository, less the tests.
SOURCES = ("pyproject.toml", "README.md", "cli.py", "extract", "meta", "corpus")


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory) -> set[str]:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(src)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = out.glob("casemeta-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def packaged(folder: Path) -> set[str]:
    """The repository's files under ``folder`` as wheel member names."""
    return {p.relative_to(ROOT).as_posix() for p in folder.iterdir() if p.is_file()}


def test_wheel_carries_the_demo_corpus(wheel_files):
    corpus = packaged(ROOT / "corpus" / "examples")
    assert len(corpus) == 4
    assert corpus <= wheel_files


def test_wheel_carries_the_lexicon_and_report_templates(wheel_files):
    assert "extract/rules/lexicon.toml" in wheel_files
    templates = packaged(ROOT / "meta" / "templates")
    assert {"meta/templates/report.html.j2", "meta/templates/report.css"} <= templates
    assert templates <= wheel_files


def test_wheel_has_the_console_script_and_no_tests(wheel_files):
    assert "cli.py" in wheel_files
    assert "casemeta-0.1.0.dist-info/entry_points.txt" in wheel_files
    assert not any(name.startswith("tests/") for name in wheel_files)
