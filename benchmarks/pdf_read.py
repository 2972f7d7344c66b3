"""Pages per second of :func:`extract.readers.read_pages` against bare pdfplumber.

Usage: ``python benchmarks/pdf_read.py [PDF_DIR] [--repeat N]`` (default: ``../shared/corpus/pdf``).
Prints, for each reader, pages, seconds and pages per second over every PDF of the folder, and
the ratio of our time to pdfplumber's ``page.extract_text()`` (issue 3's target: at most 1.5).
Each reader runs ``N`` times (default 3) and the fastest run counts, so a busy machine
disturbs the figures less.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pdfplumber

from extract.readers import read_pages
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


def best_time(reader, paths: list[Path], repeat: int) -> tuple[int, float]:
    """Run ``reader`` ``repeat`` times; return its page count and fastest wall time."""
    best = float("inf")
    pages = 0
    for _ in range(repeat):
        start = time.perf_counter()
        pages = reader(paths)
        best = min(best, time.perf_counter() - start)
    return pages, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.pdf"))
    if not paths:
        raise SystemExit(f"no PDFs in {args.folder}")
    results = {}
    for name, reader in (("pdfplumber extract_text", bare_pdfplumber),
                         ("casemeta read_pages", casemeta_reader)):
        pages, seconds = best_time(reader, paths, args.repeat)
        results[name] = seconds
        print(f"{name:26s} {pages:4d} pages {seconds:7.2f} s {pages / seconds:7.1f} pages/s")
    ratio = results["casemeta read_pages"] / results["pdfplumber extract_text"]
    print(f"ratio (casemeta / pdfplumber): {ratio:.2f}")


if __name__ == "__main__":
    main()
