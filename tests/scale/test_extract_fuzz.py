"""Fuzz extraction's entry points: whatever the input, a result or an ``ExtractError``.

Text comes from hypothesis (arbitrary Unicode mixed with the fragments case series are made
of); PDFs are the first page of each shared fixture, truncated or with bits flipped. A
document the parser cannot finish within :data:`PARSE_LIMIT_SECONDS` counts as handled: ingest
turns that into a timeout failure of the one file.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import ExtractedDocument, ExtractError, ExtractSettings, Page, extract_file

pipeline = pytest.importorskip("extract.pipeline")

#: Small budgets: this runs in every CI run; fixed examples there so CI is not flaky.
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: A mutated PDF that takes longer is a hang, which ingest's time limit reports per file.
PARSE_LIMIT_SECONDS = 20


class TimeLimitExceeded(Exception):
    """The fuzzed parse took longer than PARSE_LIMIT_SECONDS."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """SIGALRM in the test process: enough for a fuzz bound (ingest kills from outside)."""

    def expire(_signum, _frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

FRAGMENTS = (
    "n = 24", "24 patients", "(95% CI 0.61-0.92)", "12/24 (50%)", "mortality", "R0 resection",
    "median follow-up of 36 months", "HR 0.72", "p < 0.001", "Table 2", "%", "(", ")", "±",
    "range 3–17", "1-year survival was 88.5%", "Case 3", "\n", "\u00a0", "-", "..", "0", "1e9",
)  # fmt: skip

case_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=40
).map(" ".join)


def assert_clean(path: Path) -> None:
    """Extract ``path``: a document, or a one-line ExtractError naming the file."""
    try:
        with time_limit(PARSE_LIMIT_SECONDS):
            result = extract_file(path, ExtractSettings())
    except ExtractError as exc:
        message = str(exc)
        assert message.startswith(f"{path.name}: ") and "\n" not in message
    except TimeLimitExceeded:
        pass
    else:
        assert isinstance(result, ExtractedDocument)


@settings(parent=FUZZ, max_examples=30)
@given(text=st.one_of(st.text(), case_text))
def test_any_text_file_extracts_or_fails_cleanly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "paper.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_clean(path)


@FUZZ
@given(texts=st.lists(st.one_of(st.text(), case_text), min_size=1, max_size=4))
def test_pages_to_document_takes_any_pages(texts):
    pages = [Page(number=i + 1, text=t) for i, t in enumerate(texts)]
    document = pipeline.pages_to_document(pages, "application/pdf", ExtractSettings())
    assert document.page_count == len(pages)


@pytest.fixture(scope="module")
def first_pages(shared) -> list[bytes]:
    """The first page of each shared fixture PDF as its own small PDF (fast to parse)."""
    from pypdf import PdfReader, PdfWriter

    sources = sorted((shared / "corpus" / "pdf").glob("*.pdf"))
    assert sources, f"no fixture PDFs in {shared / 'corpus' / 'pdf'}"
    pages = []
    for source in sources:
        writer = PdfWriter()
        writer.add_page(PdfReader(source).pages[0])
        buf = io.BytesIO()
        writer.write(buf)
        pages.append(buf.getvalue())
    return pages


def truncate(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def flip_bits(data: bytes, flips: list[tuple[float, int]]) -> bytes:
    out = bytearray(data)
    for where, bit in flips:
        out[int(where * (len(out) - 1))] ^= 1 << bit
    return bytes(out)


fractions = st.floats(0.0, 1.0, exclude_max=True)
mutations = st.one_of(
    fractions.map(lambda f: lambda data: truncate(data, f)),
    # past the reader's end-of-file check, into the parser's recovery of a broken xref
    fractions.map(lambda f: lambda data: truncate(data, f) + b"\n%%EOF\n"),
    st.lists(st.tuples(fractions, st.integers(0, 7)), min_size=1, max_size=12).map(
        lambda flips: lambda data: flip_bits(data, flips)
    ),
)


@settings(parent=FUZZ, max_examples=24)
@given(which=st.integers(0, 100), mutate=mutations)
def test_damaged_pdfs_extract_or_fail_cleanly(tmp_path_factory, first_pages, which, mutate):
    path = tmp_path_factory.mktemp("fuzz") / "damaged.pdf"
    path.write_bytes(mutate(first_pages[which % len(first_pages)]))
    assert_clean(path)
