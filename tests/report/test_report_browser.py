"""The report in a real browser: headless Chromium renders it to a PNG that is not blank."""

from __future__ import annotations

import os
import shutil
import subprocess

import numpy as np
import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")
WIDTH, HEIGHT = 1200, 2000
MIN_COLOURS = 64  # a blank or error page has a handful; text, tables and plots have hundreds
MIN_INK = 0.02  # share of non-white pixels on the first screen


def chromium() -> str:
    """The Chromium binary ($CASEMETA_TEST_CHROMIUM, else on PATH); skip when missing."""
    found = os.environ.get("CASEMETA_TEST_CHROMIUM") or next(
        (p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)
    if not found:
        pytest.skip("headless chromium not installed (apt-get install chromium)")
    return found


@pytest.mark.browser
def test_report_renders_in_headless_chromium(report_db, tmp_path):
    from matplotlib import image

    from corpus.db import open_engine
    from meta.report import write_report

    binary = chromium()
    html = write_report(open_engine(report_db[0]), tmp_path / "report.html", status="any")
    png = tmp_path / "report.png"
    command = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
               f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", html.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), f"chromium wrote no screenshot (exit {done.returncode}): {done.stderr}"
    pixels = image.imread(png)[..., :3]
    assert pixels.shape[:2] == (HEIGHT, WIDTH)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    ink = float(np.mean(pixels.min(axis=2) < 0.95))
    assert len(colours) >= MIN_COLOURS, f"only {len(colours)} colours: blank page?"
    assert ink >= MIN_INK, f"only {ink:.1%} of the page is not white"
