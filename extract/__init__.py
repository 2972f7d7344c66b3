"""Rule-based extraction of outcome records from case-series documents.

The public entry point is :func:`extract_file`: ``path -> pages -> ExtractedDocument``.
The subpackages are the pipeline's stages, in the order a document passes through them:

- :mod:`extract.reading` -- a source file to pages of clean text (PDF geometry, decoding);
- :mod:`extract.study` -- document type, cohort size, design and bibliographic fields;
- :mod:`extract.rules` -- sentences to candidate findings (numbers, outcomes, time points);
- :mod:`extract.tables` -- table rows and per-case tables to candidates and patient rows;
- :mod:`extract.assembly` -- candidates to records (denominators, arm sums, consistency).

:mod:`extract.pipeline` chains them; :mod:`extract.model` holds the data passed between them.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import ExtractError
from extract.model import ExtractedDocument, ExtractedRecord, Page, StudyInfo
from extract.settings import ExtractSettings

__all__ = [
    "ExtractError",
    "ExtractSettings",
    "ExtractedDocument",
    "ExtractedRecord",
    "Page",
    "StudyInfo",
    "extract_file",
]


def extract_file(path: str | Path, settings: ExtractSettings | None = None) -> ExtractedDocument:
    """Read one source document and extract its study fields and outcome records.

    Parameters
    ----------
    path : str or Path
        A ``.pdf``, ``.txt``, ``.md`` or ``.html`` file.
    settings : ExtractSettings, optional
        Limits and options; the defaults when omitted.

    Returns
    -------
    ExtractedDocument

    Raises
    ------
    ExtractError
        One-line message naming the file and the problem (unsupported, empty, corrupt, ...).
    """
    from extract.pipeline import pages_to_document
    from extract.reading.readers import read_pages

    settings = settings or ExtractSettings()
    media_type, pages = read_pages(Path(path), settings)
    return pages_to_document(pages, media_type, settings)
