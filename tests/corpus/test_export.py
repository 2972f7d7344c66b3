"""Export and record selection: unknown formats and statuses are the corpus's own errors."""

from __future__ import annotations

import pytest

from corpus.errors import CorpusError, InvalidOption
from corpus.export import export_text


def test_unknown_format_is_a_corpus_error_with_one_line(engine):
    with pytest.raises(InvalidOption) as raised:
        export_text(engine, "xml")
    assert isinstance(raised.value, CorpusError)
    assert str(raised.value) == "unknown format 'xml' (expected json or csv)"


def test_known_formats_render_an_empty_database(engine):
    assert export_text(engine, "json") == "[]\n"
    assert export_text(engine, "csv").startswith("id,version,document,outcome,")


def test_unknown_record_status_is_refused_not_an_empty_list(engine):
    from corpus.queries import record_rows

    with pytest.raises(InvalidOption) as raised:
        record_rows(engine, statuses=("acepted",))
    assert str(raised.value) == "unknown status 'acepted' (did you mean 'accepted'?)"
    with pytest.raises(InvalidOption) as raised:
        record_rows(engine, statuses=("final",))
    assert str(raised.value) == (
        "unknown status 'final' (expected one of extracted, accepted, edited, rejected)"
    )
    assert record_rows(engine, statuses=("accepted",)) == []
