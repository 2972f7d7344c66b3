"""Pages per second of :func:`extract.reading.readers.read_pages` against bare pdfplumber.

Usage: ``python benchmarks/pdf_read.py [PDF_DIR] [--repeat N]`` (default: ``../shared/corpus/pdf``).
Prints, for each reader, pages, seconds and pages per second over every PDF of the folder, and
the ratio of our time to pdfplumber's ``page.extract_text()`` (issue 3's target: at most 1.5).
Each reader runs ``N`` times (default 3), alternating, and the fastest run counts; the ratio
is taken on CPU time (``time.process_time``), which other processes on a busy machine disturb
much less than wall time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pdfplumber

from extract.reading.readers import read_pages
from extract.settings import ExtractSettings

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf"


def bare_pdfplumber(paths: list[Path]) -> int:
    """Extract every page's text with pdfplumber's defaults; return the page count."""
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def casemeta_reader(paths: list[Path]) -> int:
    """Read every file with :func:`read_pages`; return the page count."""
    settings = ExtractSettings()
    return sum(len(read_pages(path, settings)[1]) for path in paths)


def timed(reader, paths: list[Path]) -> tuple[int, float, float]:
    """Run ``reader`` once; return its page count, CPU seconds and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    pages = reader(paths)
    return pages, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.pdf"))
    if not paths:
        raise SystemExit(f"no PDFs in {args.folder}")
    readers = {"pdfplumber extract_text": bare_pdfplumber, "casemeta read_pages": casemeta_reader}
    best = {name: (0, float("inf"), float("inf")) for name in readers}
    for _ in range(args.repeat):
        for name, reader in readers.items():
            pages, cpu, wall = timed(reader, paths)
            best[name] = (pages, min(best[name][1], cpu), min(best[name][2], wall))
    for name, (pages, cpu, wall) in best.items():
        print(f"{name:24s} {pages:4d} pages  cpu {cpu:6.2f} s ({pages / cpu:5.1f} pages/s)"
              f"  wall {wall:6.2f} s")
    ratio = best["casemeta read_pages"][1] / best["pdfplumber extract_text"][1]
    print(f"ratio of CPU time (casemeta / pdfplumber): {ratio:.2f}")


if __name__ == "__main__":
    main()
