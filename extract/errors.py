"""Exceptions raised by :mod:`extract`.

Every failure to read a source document is an :class:`ExtractError` whose message is one line
naming the file and the problem, so the CLI can print it as it is.
"""

from __future__ import annotations

from pathlib import Path


class ExtractError(Exception):
    """Base class: a document could not be read or extracted."""

    problem = "could not be extracted"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = Path(path)
        self.detail = detail
        text = self.problem if not detail else f"{self.problem} ({detail})"
        super().__init__(f"{self.path.name}: {text}")


class UnsupportedFormat(ExtractError):
    """The file extension is not one casemeta reads."""

    problem = "unsupported file type (expected .pdf, .txt, .md or .html)"


class UnreadableFile(ExtractError):
    """The file cannot be opened (permissions, missing, a directory)."""

    problem = "cannot be read"


class EmptyDocument(ExtractError):
    """The file has no bytes, or no text at all."""

    problem = "is empty"


class NotAPDF(ExtractError):
    """A ``.pdf`` file that does not start like a PDF."""

    problem = "is not a PDF"


class CorruptPDF(ExtractError):
    """A PDF that is truncated or damaged beyond what the parser recovers."""

    problem = "is a corrupt or truncated PDF"


class EncryptedPDF(ExtractError):
    """A password-protected PDF."""

    problem = "is an encrypted PDF (remove the password and ingest it again)"


class NoTextLayer(ExtractError):
    """A PDF whose pages carry no text (a scan without OCR)."""

    problem = "has no text layer (scanned PDF without OCR; run OCR first)"


class DocumentTooLarge(ExtractError):
    """A document above the configured page or size limit."""

    problem = "is too large"


class ExtractionTimeout(ExtractError):
    """A document whose extraction exceeded the per-document time limit."""

    problem = "took too long to extract"


class NotText(ExtractError):
    """A ``.txt``, ``.md`` or ``.html`` file whose bytes are not text in any known encoding."""

    problem = "is not a text file"
