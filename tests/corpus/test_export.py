"""Export: an unknown format is the corpus's own error, raised before the database is read."""

from __future__ import annotations

import pytest

from corpus.errors import CorpusError, UnknownFormat
from corpus.export import export_text


def test_unknown_format_is_a_corpus_error_with_one_line(engine):
    with pytest.raises(UnknownFormat) as raised:
        export_text(engine, "xml")
    assert isinstance(raised.value, CorpusError)
    assert str(raised.value) == "unknown format 'xml' (expected json or csv)"


def test_known_formats_render_an_empty_database(engine):
    assert export_text(engine, "json") == "[]\n"
    assert export_text(engine, "csv").startswith("id,version,document,outcome,")
