"""Typeset the held-out abstracts as journal-like PDFs, with gold for the PDF versions.

Each ``benchmarks/heldout/text/<stem>.txt`` becomes ``OUT_DIR/<stem>.pdf``: a full-width title
block (the title, the author and citation lines) over a two-column, justified and hyphenated
body, with a running head and a page number, printed by headless Chromium
(``--headless --print-to-pdf``). Beside it, ``OUT_DIR/<stem>.json`` is the same gold with
``document`` ending ``.pdf`` and each record's ``page`` set to the page its quote starts on.

Usage::

    .venv/bin/python benchmarks/typeset.py OUT_DIR [--text-dir DIR] [--gold-dir DIR]

The browser is ``$CASEMETA_TEST_CHROMIUM``, else ``chromium`` (or ``chromium-browser``,
``google-chrome``) on PATH.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HELDOUT = Path(__file__).resolve().parent / "heldout"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-pdf-header-footer")
CHROMIUM_TIMEOUT = 120  # seconds; a cold start on a loaded 2-core machine takes ~5
#: A body paragraph starts with a section label; a header paragraph never does.
SECTION = re.compile(r"^(abstract|background|purpose|objectives?|aims?|introduction|methods|"
                     r"materials|patients|results|conclusions?)\b", re.IGNORECASE)
#: A label on its own line ("Results") or before a colon ("RESULTS:", "Background and aims:").
LABEL = re.compile(r"^([A-Z][A-Za-z ]{2,40}?)(:|$)")
BODY_MIN_CHARS = 400  # a longer paragraph is running text even without a section label
MAX_HEADER_ITEMS = 6
YEAR_OR_DOI = re.compile(r"\b(19|20)\d\d\b|doi", re.IGNORECASE)
#: The DOI or URL that ends a citation line, left out of the running head.
CITATION_TAIL = re.compile(r"\s*\|?\s*(?:doi|https?:)", re.IGNORECASE)
HYPHEN_MIN_WORD = 8  # shorter words are never broken, as in most journal house styles
VOWELS = "aeiouy"
FULL_WIDTH = 0.6  # a rule wider than this share of the page is the title block's, not a column's
#: What a quote is compared without: whitespace, hyphens, dashes, soft hyphens.
SQUASH = re.compile(r"[\s\-\u00ad\u2010-\u2015]+")

MM = 72 / 25.4  # PDF points per millimetre
MARGIN_TOP, MARGIN_BOTTOM = 22 * MM, 20 * MM  # as in PAGE_CSS
PAGE_CSS = """
@page { size: A4; margin: 22mm 17mm 20mm 17mm;
  @top-left { content: "%(head)s"; font: italic 7.5pt Georgia, serif; color: #444; }
  @top-right { content: "%(journal)s"; font: 7.5pt Georgia, serif; color: #444; }
  @bottom-center { content: counter(page); font: 8.5pt Georgia, serif; } }
body { width: 176mm; font: 9.6pt/1.32 "Liberation Serif", "Times New Roman", serif; margin: 0; }
.title-block { border-bottom: 0.6pt solid #000; margin-bottom: 5mm; padding-bottom: 3mm; }
.title-block h1 { font: bold 15pt/1.2 "Liberation Sans", Arial, sans-serif; margin: 0 0 2mm; }
.title-block p { font: 9pt/1.3 "Liberation Sans", Arial, sans-serif; margin: 0 0 1mm; }
.body { column-count: 2; column-gap: 6mm; text-align: justify; }
.body p { margin: 0 0 1.6mm; text-indent: 3mm; }
.body h3 { font: bold 9.6pt "Liberation Sans", Arial, sans-serif; margin: 2mm 0 1mm; }
"""

#: Runs before printing: each breakable word that starts a line is split at its latest break
#: point whose first part, with a hyphen, still fits at the end of the line before; a word
#: whose break would fall anywhere but a line end is left whole.
HYPHENATE_JS = """
for (const span of document.querySelectorAll('span.w')) {
  const word = span.textContent, top = span.getClientRects()[0].top;
  const points = span.dataset.b.split(',').map(Number).reverse();
  for (const b of points) {
    span.textContent = word.slice(0, b) + '-' + word.slice(b);
    const rects = span.getClientRects();
    if (rects.length === 2 && rects[0].top < top - 1) break;
    span.textContent = word;
  }
}
"""


class TypesetError(RuntimeError):
    """A document could not be typeset, or its gold could not be placed on a page."""


@dataclass(frozen=True)
class Parts:
    """An abstract split for layout: the title block and the running text.

    Attributes
    ----------
    title : str
        The line set large at the top.
    header : tuple of str
        The other lines of the title block (authors, citation).
    body : tuple of str
        The lines of running text, in order.
    """

    title: str
    header: tuple[str, ...]
    body: tuple[str, ...]


def find_chromium() -> str | None:
    """The Chromium binary: ``$CASEMETA_TEST_CHROMIUM``, else the first usual name on PATH."""
    return os.environ.get("CASEMETA_TEST_CHROMIUM") or next(
        (p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def text_to_parts(text: str) -> Parts:
    """Split a pasted abstract into title, header lines and body lines.

    The header is the leading paragraphs before the first one that opens with a section label
    or is long enough to be running text; its longest line without a year or DOI is the title
    (a citation line carries both), else its first line.
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    n_head = 0
    while (n_head < len(paragraphs) - 1 and not SECTION.match(paragraphs[n_head])
           and len(paragraphs[n_head]) < BODY_MIN_CHARS and n_head < MAX_HEADER_ITEMS):
        n_head += 1
    header = [line.strip() for p in paragraphs[:n_head] for line in p.splitlines() if line.strip()]
    body = [line.strip() for p in paragraphs[n_head:] for line in p.splitlines() if line.strip()]
    if not header:
        return Parts("", (), tuple(body))
    plain = [line for line in header if not YEAR_OR_DOI.search(line)]
    title = max(plain, key=len) if plain else header[0]
    return Parts(title, tuple(line for line in header if line != title), tuple(body))


def break_points(word: str) -> list[int]:
    """Where ``word`` may be hyphenated: between a vowel and a consonant-vowel pair (V-CV).

    At least three letters stay on each side; words shorter than :data:`HYPHEN_MIN_WORD` or
    with anything but letters are never broken.
    """
    if len(word) < HYPHEN_MIN_WORD or not word.isalpha():
        return []
    low = word.lower()
    return [i for i in range(3, len(word) - 2)
            if low[i - 1] in VOWELS and low[i] not in VOWELS and low[i + 1] in VOWELS]


def words_to_html(text: str) -> str:
    """Escaped ``text`` with each breakable word in a span that carries its break points.

    The script of :data:`HYPHENATE_JS` breaks such a word with a real hyphen only where it
    ends a line, as typesetters do; soft hyphens would not do: Chromium prints each one as a
    space glyph inside the word ("conse cu tive"), which no journal PDF has.
    """
    out = []
    for token in re.split(r"(\W+)", text):
        points = break_points(token)
        out.append(f'<span class="w" data-b="{",".join(map(str, points))}">{token}</span>'
                   if points else html.escape(token))
    return "".join(out)


def line_to_html(line: str) -> str:
    """One body line as HTML: a bare label is a heading, a leading ``Label:`` is bold."""
    label = LABEL.match(line)
    if label and label[2] == "" and len(line.split()) <= 4:
        return f"<h3>{html.escape(line)}</h3>"
    if label and label[2] == ":" and SECTION.match(line):
        head, rest = line[:label.end()], line[label.end():]
        return f"<p><b>{html.escape(head)}</b>{words_to_html(rest)}</p>"
    return f"<p>{words_to_html(line)}</p>"


def parts_to_html(parts: Parts) -> str:
    """The printable page: title block, running head, two-column body, page numbers."""
    citation = next((line for line in parts.header if YEAR_OR_DOI.search(line)), "")
    journal = CITATION_TAIL.split(citation, maxsplit=1)[0]
    head = parts.title if len(parts.title) <= 70 else parts.title[:67].rsplit(" ", 1)[0] + " …"
    css = PAGE_CSS % {"head": css_string(head), "journal": css_string(journal.rstrip(" .|:")[:70])}
    header = "".join(f"<p>{html.escape(line)}</p>" for line in parts.header)
    body = "".join(line_to_html(line) for line in parts.body)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><style>{css}</style>'
            f'</head><body><div class="title-block"><h1>{html.escape(parts.title)}</h1>{header}'
            f'</div><div class="body">{body}</div><script>{HYPHENATE_JS}</script></body></html>')


def css_string(text: str) -> str:
    """``text`` safe inside a double-quoted CSS string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def html_to_pdf(page: str, pdf: Path, chromium: str) -> None:
    """Print ``page`` to ``pdf`` with headless Chromium; raise TypesetError when it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                   f"--print-to-pdf={pdf}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=CHROMIUM_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise TypesetError(f"chromium failed on {pdf.name}: {exc}") from exc
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise TypesetError(f"chromium wrote no {pdf.name} (exit {done.returncode})")


def pdf_to_page_texts(pdf: Path) -> list[str]:
    """The body text of each page read column by column (left half, then right half).

    Only for placing quotes on pages: a reader going across the page would interleave the
    two columns. The title block (above its full-width rule) is left out; no quote is in it.
    """
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [page_to_columns_text(page) for page in doc.pages]


def page_to_columns_text(page) -> str:
    """One pdfplumber page's body text, left column then right.

    The body lies between the page margins (running head above, page number below) and, on
    the first page, below the title block's full-width rule.
    """
    rules = [r["bottom"] for r in page.rects if r["x1"] - r["x0"] > page.width * FULL_WIDTH]
    top, bottom, mid = max(rules, default=MARGIN_TOP), page.height - MARGIN_BOTTOM, page.width / 2
    halves = ((0, top, mid, bottom), (mid, top, page.width, bottom))
    return "\n".join(page.crop(box).extract_text() or "" for box in halves)


def squash(text: str) -> str:
    """Lower-case text without whitespace, hyphens and dashes, fi/fl ligatures spelt out.

    How a gold quote is matched to its document, as ``../shared/tools/check_gold.py`` does;
    the one definition, used by the tests of the check sets' gold too
    (``tests/benchmarks/test_heldout_gold.py``).
    """
    return SQUASH.sub("", text.replace("ﬁ", "fi").replace("ﬂ", "fl")).lower()


def quote_to_page(quote: str, page_texts: list[str]) -> int:
    """The 1-based page where ``quote`` starts; raise TypesetError when it is on none."""
    pages = [squash(t) for t in page_texts]
    at = "".join(pages).find(squash(quote))
    if at < 0:
        raise TypesetError(f"quote not in the typeset text: {quote[:60]!r}")
    end = 0
    for number, text in enumerate(pages, start=1):
        end += len(text)
        if at < end:
            return number
    raise TypesetError(f"quote past the last page: {quote[:60]!r}")  # unreachable


def gold_to_pdf_gold(gold: dict, pdf_name: str, page_texts: list[str]) -> dict:
    """The gold of a typeset document: ``document`` is the PDF, every record has its ``page``."""
    records = [{**r, "page": quote_to_page(r["quote"], page_texts)} for r in gold["records"]]
    return {**gold, "document": pdf_name, "records": records}


def typeset_one(text_file: Path, gold_file: Path, out_dir: Path, chromium: str) -> Path:
    """Typeset one abstract and write its PDF gold beside it; the PDF's path."""
    pdf = out_dir / f"{text_file.stem}.pdf"
    html_to_pdf(parts_to_html(text_to_parts(text_file.read_text())), pdf, chromium)
    gold = gold_to_pdf_gold(json.loads(gold_file.read_text()), pdf.name, pdf_to_page_texts(pdf))
    (out_dir / f"{text_file.stem}.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False))
    return pdf


def typeset_set(text_dir: Path, gold_dir: Path, out_dir: Path, chromium: str,
                workers: int = 2) -> list[Path]:
    """Typeset every text of ``text_dir`` that has a gold file; the PDFs, sorted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = [(t, gold_dir / f"{t.stem}.json") for t in sorted(text_dir.glob("*.txt"))
             if (gold_dir / f"{t.stem}.json").is_file()]
    with ThreadPoolExecutor(workers) as pool:
        return sorted(pool.map(lambda p: typeset_one(*p, out_dir, chromium), pairs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--text-dir", type=Path, default=HELDOUT / "text")
    parser.add_argument("--gold-dir", type=Path, default=HELDOUT / "gold")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if not chromium:
        print("no Chromium: set $CASEMETA_TEST_CHROMIUM or install chromium", file=sys.stderr)
        return 1
    try:
        pdfs = typeset_set(args.text_dir, args.gold_dir, args.out_dir, chromium)
    except TypesetError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(pdfs)} PDFs and their gold in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
