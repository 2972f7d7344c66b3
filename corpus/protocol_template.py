"""``casemeta init``: write a commented ``review.toml`` to start a review from."""

from __future__ import annotations

from pathlib import Path

from corpus.curation import default_reviewer
from corpus.protocol import ProtocolError, engine_protocol_path, load_protocol
from corpus.protocol_events import INIT_KIND, note_protocol_change
from corpus.record_versions import transaction

#: The part of a new protocol a reviewer fills in by uncommenting examples.
_EXAMPLES = '''
[inclusion]
criteria = ""
# the reasons `casemeta exclude --reason` accepts; empty accepts any reason
exclusion_reasons = []
# exclusion_reasons = ["not a case series", "overlapping cohort", "no outcome of interest"]

# Outcomes of the review: a built-in name of spec/records.md, or a custom outcome with its
# measures and the words papers use for it (extraction looks for them too).
# [[outcomes]]
# name = "mortality"
#
# [[outcomes]]
# name = "functional_independence"
# measures = ["proportion"]
# terms = ["functional independence", "functionally independent"]

# Analyses: what `table`, `pool` and `report` pool. A record qualifies when its outcome and
# measure match, its time point lies in the window (months, inclusive) and its group label is
# mapped to an arm; when several records of one study qualify for an arm, `choose` picks one:
# longest_follow_up, shortest_follow_up or largest_sample.
# [[analyses]]
# name = "early mortality"
# outcome = "mortality"
# measure = "proportion"
# timepoint_months = [0, 1]
# groups = { all = "all", SDC = "decompression" }
# choose = "longest_follow_up"
'''


def protocol_text(question: str, reviewers: int, fraction: float = 1.0) -> str:
    """The text of a new protocol (TOML with comments)."""
    import tomli_w

    head = tomli_w.dumps({"question": question})
    settings = tomli_w.dumps({"reviewers": reviewers, "double_review_fraction": fraction})
    return (
        "# This review's protocol: every casemeta command on the database beside it reads it\n"
        + head
        + "# 1: a decision applies at once; 2: two blinded reviewers, then `conflicts`/`resolve`\n"
        + "# double_review_fraction: with 2 reviewers, the share of records both review\n"
        + settings
        + _EXAMPLES
    )


def init_protocol(engine, *, question: str = "", reviewers: int = 1, fraction: float = 1.0) -> Path:
    """Write ``review.toml`` beside the database of ``engine`` and return its path.

    Raises
    ------
    ProtocolError
        A protocol exists already, the database has no folder (in memory), the settings are
        invalid, or the file cannot be written.
    """
    path = engine_protocol_path(engine)
    if path is None:
        raise ProtocolError("an in-memory database has no folder for review.toml")
    if path.exists():
        raise ProtocolError(f"{path} exists already; edit it (or delete it to start again)")
    text = protocol_text(question, reviewers, fraction)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ProtocolError(f"{path}: cannot be written ({exc.strerror})") from exc
    try:
        load_protocol(path)  # the settings given must make a valid protocol
    except ProtocolError:
        path.unlink()
        raise
    with transaction(engine) as session:  # the review's first settings, in the audit trail
        note_protocol_change(session, default_reviewer(), kind=INIT_KIND)
    return path
