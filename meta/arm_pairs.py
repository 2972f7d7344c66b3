"""Curated records -> two-arm study rows, and study-level moderators from the database or a
CSV of study characteristics.

``casemeta pool OUTCOME --compare "ARM A" "ARM B"`` pairs, per document, the records of the
two named groups (same outcome, measure and time point) into one row
``study, document, events1, total1, events2, total2``. Documents reporting only one of the
arms are listed in the notes, never silently dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from meta.errors import InvalidInput
from meta.inputs import read_study_csv, records_to_study_frame

DB_MODERATORS = ("year", "n_patients", "median_follow_up_months")
_REVIEW_ORDER = ("rejected", "extracted", "unreviewed", "edited", "accepted")


def records_to_two_arm_frame(records: pd.DataFrame, outcome: str, arms: tuple[str, str],
                             measure: str | None = None, timepoint: float | None = None
                             ) -> pd.DataFrame:
    """One row per document reporting both arms (events/total of each).

    Raises
    ------
    InvalidInput
        The two arms are the same, an arm has no records, no document reports both arms,
        or the records are not events/totals.
    RecordConflict
        A document has several records for one arm.
    """
    a, b = (str(x).strip() for x in arms)
    if a.lower() == b.lower():
        raise InvalidInput(f"--compare needs two different groups (got {a!r} twice)")
    frames = [_arm_frame(records, outcome, arm, measure, timepoint) for arm in (a, b)]
    first, second = (f.set_index("document") for f in frames)
    both = [d for d in first.index if d in second.index]
    if not both:
        raise InvalidInput(f"no document reports both {a!r} and {b!r} for {outcome}")
    out = pd.DataFrame({
        "study": [str(first.at[d, "study"]).removesuffix(f" ({a})") for d in both],
        "document": both,
        "events1": [first.at[d, "events"] for d in both],
        "total1": [first.at[d, "total"] for d in both],
        "events2": [second.at[d, "events"] for d in both],
        "total2": [second.at[d, "total"] for d in both],
        "status": [_weaker(first.at[d, "status"], second.at[d, "status"]) for d in both],
    })
    notes = [n for f in frames for n in f.attrs.get("notes", [])]
    for arm, frame, other in ((a, first, second), (b, second, first)):
        lacking = [str(d) for d in frame.index if d not in other.index]
        if lacking:
            notes.append(f"Left out, reporting {arm!r} but not the other arm: "
                         f"{', '.join(lacking)}.")
    out.attrs.update(notes=notes, arms=(a, b), measure="two_arm")
    return out


def _arm_frame(records, outcome, arm, measure, timepoint) -> pd.DataFrame:
    frame = records_to_study_frame(records, outcome, measure, timepoint, group=arm)
    if frame.attrs.get("measure") != "proportion":
        raise InvalidInput(f"--compare pools events/total records; {outcome} records are "
                           f"{frame.attrs.get('measure')}")
    return frame


def _weaker(s1, s2) -> str:
    """The less reviewed of two statuses (a pair is as reviewed as its weaker record)."""
    rank = {s: i for i, s in enumerate(_REVIEW_ORDER)}
    return min(str(s1), str(s2), key=lambda s: rank.get(s.lower(), 1))


def read_moderators(path: str | Path) -> pd.DataFrame:
    """A CSV of study characteristics keyed by ``document`` (the file name).

    Raises
    ------
    InvalidInput
        Unreadable file, no ``document`` column, or a document listed twice.
    """
    df = read_study_csv(path)
    if "document" not in df.columns:
        raise InvalidInput(f"{path}: missing column 'document' (the file name of each study)")
    dup = df["document"][df["document"].duplicated()].tolist()
    if dup:
        raise InvalidInput(f"{path}: document {dup[0]!r} is listed more than once")
    return df


def attach_moderators(frame: pd.DataFrame, studies: pd.DataFrame | None = None,
                      extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add study-level columns to a frame with a ``document`` column.

    ``studies`` holds the database's characteristics (``document`` plus
    :data:`DB_MODERATORS`); ``extra`` a reviewer's CSV (:func:`read_moderators`), whose
    columns win over the database's. Documents without a value get an empty cell, which
    :func:`meta.inputs.moderator_columns` reports if that moderator is used.

    Raises
    ------
    InvalidInput
        When a column of ``extra`` would overwrite one of the study table (``total``, ...).
    """
    out = frame.copy()
    if extra is not None:
        clash = [c for c in extra.columns if c != "document" and c in frame.columns]
        if clash:
            raise InvalidInput(f"moderator column {clash[0]!r} clashes with a column of the "
                               f"study table; rename it")
    for table in (studies, extra):
        if table is None:
            continue
        lookup = table.set_index("document")
        for col in lookup.columns:
            values = lookup[col].to_dict()
            out[col] = [values.get(d, "") for d in out["document"]]
    out.attrs = dict(frame.attrs)
    return out


def study_characteristics(views) -> pd.DataFrame:
    """The database's study-level moderators from :func:`corpus.queries.list_studies`."""
    rows = []
    for v in views:
        study = getattr(v, "study", None)
        doc = getattr(v, "document", None)
        row = {"document": getattr(doc, "file_name", None)}
        for col in DB_MODERATORS:
            value = getattr(study, col, None) if study is not None else None
            row[col] = "" if value is None else str(value)
        rows.append(row)
    return pd.DataFrame(rows, columns=["document", *DB_MODERATORS])


def frame_from_db(engine, outcome: str, *, status: str = "accepted",
                  measure: str | None = None, timepoint: float | None = None,
                  group: str | None = "all", compare: tuple[str, str] | None = None,
                  moderators: str | Path | None = None) -> pd.DataFrame:
    """The study table of ``casemeta pool OUTCOME``: single-arm rows of ``group`` (None:
    every subgroup), or two-arm rows with ``compare``; with the database's study-level
    moderators and those of a ``moderators`` CSV keyed by document.
    """
    from corpus.queries import list_studies, records_frame
    from meta.analyses import statuses_for

    records = records_frame(engine, statuses_for(status))
    if compare is not None:
        frame = records_to_two_arm_frame(records, outcome, compare, measure, timepoint)
    else:
        frame = records_to_study_frame(records, outcome, measure, timepoint, group)
    extra = read_moderators(moderators) if moderators is not None else None
    return attach_moderators(frame, study_characteristics(list_studies(engine)), extra)
