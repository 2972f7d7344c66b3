"""Run the extractor over the shared seeds (or PDFs) and score it with the shared scorer.

usage: python tests/extract/score_corpus.py [seeds|pdf] [--show-misses]

Writes the records as the JSON list ``score_extraction.py`` reads (one dict per record with
``document`` = the source file name) to a temporary file and runs the scorer on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from extract.model import Page
from extract.pipeline import pages_to_document
from extract.settings import ExtractSettings

SHARED = Path(__file__).resolve().parents[3] / "shared"


def corpus_records(kind: str) -> list[dict]:
    """Records of every document of ``corpus/<kind>`` as export-style dicts."""
    settings = ExtractSettings()
    out = []
    for path in sorted((SHARED / "corpus" / kind).iterdir()):
        if kind == "seeds":
            doc = pages_to_document([Page(None, path.read_text())], "text/plain", settings)
        else:
            from extract.reading.readers import read_pages

            media_type, pages = read_pages(path, settings)
            doc = pages_to_document(pages, media_type, settings)
        out.extend({**r.to_dict(), "document": path.name, "status": "extracted"}
                   for r in doc.records)
    return out


def main(argv: list[str]) -> int:
    kind = argv[1] if len(argv) > 1 and not argv[1].startswith("-") else "seeds"
    records = corpus_records(kind)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(records, fh)
    cmd = [sys.executable, str(SHARED / "tools" / "score_extraction.py"),
           str(SHARED / "gold" / kind), fh.name, *[a for a in argv[1:] if a.startswith("-")]]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
