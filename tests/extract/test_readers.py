"""read_pages: dispatch on the suffix, text formats, and one clear error per bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import (
    CorruptPDF,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedPDF,
    ExtractError,
    NotAPDF,
    NoTextLayer,
    UnreadableFile,
    UnsupportedFormat,
)
from extract.reading import pdf_document
from extract.reading.readers import markdown_to_text, read_pages
from extract.settings import ExtractSettings

SETTINGS = ExtractSettings()


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- text formats -----------------------------------------------------------------------


def test_txt_is_one_page_without_number(tmp_path):
    media, pages = read_pages(write(tmp_path / "a.txt", "Title\n\n26/37 (70%) patent.\n"), SETTINGS)
    assert media == "text/plain"
    assert [(p.number, p.text) for p in pages] == [(None, "Title\n\n26/37 (70%) patent.")]


def test_txt_in_windows_1252_is_decoded(tmp_path):
    path = write(tmp_path / "a.txt", "Mean age 54 \xb1 9 years".encode("cp1252"))
    assert read_pages(path, SETTINGS)[1][0].text == "Mean age 54 \u00b1 9 years"


def test_markdown_markup_is_stripped_lightly():
    text = "# Results\n\n**Twenty-nine** patients ([78%](#t1)) had __patent__ stents.\n\n---\n"
    assert markdown_to_text(text) == "Results\n\nTwenty-nine patients (78%) had patent stents."


def test_markdown_keeps_pipe_tables(tmp_path):
    path = write(tmp_path / "a.md", "| Outcome | n (%) |\n|---|---|\n| Death | 3 (8%) |\n")
    media, pages = read_pages(path, SETTINGS)
    assert media == "text/markdown"
    assert "| Death | 3 (8%) |" in pages[0].text


HTML = """<html><head><title>Venous stenting</title><style>p {color: red}</style>
<script>var x = "26/37";</script></head><body>
<nav>Home | Journals</nav>
<h1>Venous stenting</h1><p>Twenty-nine patients (78%) had&nbsp;patent stents.</p>
<table><tr><th>Outcome</th><th>n (%)</th></tr><tr><td>Death</td><td>3 (8%)</td></tr></table>
<aside>Related articles: 26/37</aside><form><button>Subscribe</button></form>
<footer>Copyright</footer></body></html>"""


def test_html_text_drops_script_style_nav_and_keeps_tables(tmp_path):
    media, pages = read_pages(write(tmp_path / "a.html", HTML), SETTINGS)
    text = pages[0].text
    assert media == "text/html"
    assert "Twenty-nine patients (78%) had patent stents." in text
    assert "26/37" not in text and "color" not in text and "Journals" not in text
    assert "Copyright" not in text and "Related" not in text and "Subscribe" not in text
    assert pages[0].tables[0].rows == (("Outcome", "n (%)"), ("Death", "3 (8%)"))


def test_htm_suffix_is_html(tmp_path):
    assert read_pages(write(tmp_path / "a.htm", "<p>Text</p>"), SETTINGS)[0] == "text/html"


# --- bad input: one error each, message names the file ---------------------------------


def test_unsupported_extension(tmp_path):
    with pytest.raises(UnsupportedFormat) as info:
        read_pages(write(tmp_path / "paper.docx", "x"), SETTINGS)
    assert str(info.value) == (
        "paper.docx: unsupported file type (expected .pdf, .txt, .md or .html)"
    )


def test_missing_file(tmp_path):
    message = r"^gone.pdf: cannot be read \(No such file or directory\)$"
    with pytest.raises(UnreadableFile, match=message):
        read_pages(tmp_path / "gone.pdf", SETTINGS)


def test_directory_named_like_a_document(tmp_path):
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(UnreadableFile, match=r"^folder.pdf: cannot be read \(is a directory\)$"):
        read_pages(tmp_path / "folder.pdf", SETTINGS)


def test_file_without_read_permission(tmp_path, monkeypatch):
    # chmod cannot lock root out (tests may run as root), so the denial is simulated where
    # the reader opens the file.
    path = write(tmp_path / "locked.txt", "text")
    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(UnreadableFile, match=r"^locked.txt: cannot be read \(Permission denied\)$"):
        read_pages(path, SETTINGS)


@pytest.mark.parametrize("suffix", [".pdf", ".txt", ".md", ".html"])
def test_zero_bytes_is_empty(tmp_path, suffix):
    with pytest.raises(EmptyDocument, match=rf"^empty{suffix}: is empty \(0 bytes\)$"):
        read_pages(write(tmp_path / f"empty{suffix}", b""), SETTINGS)


def test_text_of_only_whitespace_or_markup_is_empty(tmp_path):
    with pytest.raises(EmptyDocument, match=r"no text"):
        read_pages(write(tmp_path / "blank.html", "<html><script>x()</script></html>"), SETTINGS)


def test_pdf_suffix_on_another_file_is_not_a_pdf(tmp_path):
    with pytest.raises(NotAPDF, match=r"^fake.pdf: is not a PDF$"):
        read_pages(write(tmp_path / "fake.pdf", "<html>not a pdf</html>"), SETTINGS)


def test_truncated_fixture_pdf_is_corrupt(fixture_pdfs):
    with pytest.raises(CorruptPDF, match=r"^truncated.pdf: is a corrupt or truncated PDF"):
        read_pages(fixture_pdfs["truncated"], SETTINGS)


@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_truncated_real_pdf_is_corrupt_even_with_an_end_marker(shared, tmp_path, keep):
    # Cut short, then given a fake %%EOF so the cheap trailer check passes: pdfminer's own
    # failure must still come out as CorruptPDF, never as a pdfminer exception.
    data = (shared / "corpus" / "pdf" / "sdc__Kudo2007.pdf").read_bytes()
    path = write(tmp_path / "cut.pdf", data[: int(len(data) * keep)] + b"\n%%EOF\n")
    with pytest.raises(CorruptPDF, match=r"^cut.pdf: is a corrupt or truncated PDF"):
        read_pages(path, SETTINGS)


def test_pdf_header_with_garbage_body_is_corrupt(tmp_path):
    path = write(tmp_path / "junk.pdf", b"%PDF-1.7\n1 0 obj garbage\n%%EOF\n")
    with pytest.raises(CorruptPDF) as info:
        read_pages(path, SETTINGS)
    assert info.value.__cause__ is not None  # the pdfminer error is chained, not lost


def test_page_failing_mid_way_is_corrupt_and_names_the_page(fixture_pdfs, monkeypatch):
    real = pdf_document.page_to_layout

    def fail_on_page_two(page, number, *args):
        if number == 2:
            raise KeyError("/Contents")  # what pdfminer raises on a damaged page object
        return real(page, number, *args)

    monkeypatch.setattr(pdf_document, "page_to_layout", fail_on_page_two)
    with pytest.raises(CorruptPDF, match=r"\(page 2 unreadable\)$"):
        read_pages(fixture_pdfs["two-column-results"], SETTINGS)


def test_encrypted_pdf(fixture_pdfs):
    with pytest.raises(EncryptedPDF, match=r"^encrypted.pdf: is an encrypted PDF"):
        read_pages(fixture_pdfs["encrypted"], SETTINGS)


def test_pdf_encrypted_without_user_password_is_read(builders, fixture_pdfs, tmp_path):
    path = builders.encrypted_pdf(fixture_pdfs["two-column-results"], tmp_path / "open.pdf", "")
    assert "Three patients died" in read_pages(path, SETTINGS)[1][0].text


def test_image_only_pdf_has_no_text_layer(fixture_pdfs):
    with pytest.raises(NoTextLayer, match=r"^image-only.pdf: has no text layer"):
        read_pages(fixture_pdfs["image-only"], SETTINGS)


def test_file_over_the_byte_limit(tmp_path):
    path = write(tmp_path / "big.txt", "x" * 2000)
    message = r"^big.txt: is too large \(2000 bytes, limit 1000\)$"
    with pytest.raises(DocumentTooLarge, match=message):
        read_pages(path, ExtractSettings(max_bytes=1000))


def test_pdf_over_the_page_limit(builders, tmp_path):
    path = builders.long_pdf(tmp_path / "long.pdf", pages=6)
    with pytest.raises(DocumentTooLarge, match=r"^long.pdf: is too large \(6 pages, limit 5\)$"):
        read_pages(path, ExtractSettings(max_pages=5))


def test_every_bad_input_is_an_extract_error(fixture_pdfs):
    for name in ("truncated", "encrypted", "image-only"):
        with pytest.raises(ExtractError):
            read_pages(fixture_pdfs[name], SETTINGS)


# --- PDFs -------------------------------------------------------------------------------


def test_pdf_pages_are_numbered_from_one(fixture_pdfs):
    media, pages = read_pages(fixture_pdfs["two-column-results"], SETTINGS)
    assert media == "application/pdf"
    assert [p.number for p in pages] == [1, 2]


def test_each_page_is_closed_before_the_next_is_read(builders, tmp_path, monkeypatch):
    # Memory stays flat on long files because a page's glyphs and layout objects are released
    # (page.close) before the next page is parsed; only plain text lines are kept.
    import pdfplumber.page

    events: list[str] = []
    real_layout, real_close = pdf_document.page_to_layout, pdfplumber.page.Page.close

    def layout(page, number, *args):
        events.append(f"read {number}")
        return real_layout(page, number, *args)

    def close(page):
        events.append(f"close {page.page_number}")
        return real_close(page)

    monkeypatch.setattr(pdf_document, "page_to_layout", layout)
    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    read_pages(builders.long_pdf(tmp_path / "long.pdf", pages=4), SETTINGS)
    assert events[:8] == [f"{kind} {n}" for n in range(1, 5) for kind in ("read", "close")]


class _Damaged:
    """A pdfplumber document or page whose reading and closing both raise, as pdfminer does on
    some damaged files."""

    def __init__(self, pages=()):
        self.pages = list(pages)

    def close(self):
        raise ValueError("pdfminer: stream already released")

    @property
    def chars(self):
        raise KeyError("broken content stream")


@pytest.mark.parametrize("where", ["page", "document"])
def test_an_error_while_closing_never_replaces_the_reading_error(tmp_path, monkeypatch, where):
    import pdfplumber

    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page = _Damaged()
    document = _Damaged([page]) if where == "page" else _Damaged([])
    monkeypatch.setattr(pdfplumber, "open", lambda _path: document)
    with pytest.raises(CorruptPDF) as error:
        pdf_document.read_layouts(path, ExtractSettings())
    assert "damaged.pdf" in str(error.value)
    assert ("page 1 unreadable" if where == "page" else "no pages") in str(error.value)
