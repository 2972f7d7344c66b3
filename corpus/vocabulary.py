"""The fixed vocabulary of ``spec/records.md``: outcome names, measures, editable fields.

Curation validates every reviewer change against this vocabulary, so records that leave the
corpus always use the names that pooling and the gold files expect.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from extract.model import MEASURES

__all__ = [
    "BOOL_FIELDS",
    "EDITABLE_FIELDS",
    "FLOAT_FIELDS",
    "INT_FIELDS",
    "MEASURES",
    "OUTCOMES",
    "UNIT_INTERVAL_MEASURES",
    "did_you_mean",
    "nearest",
    "unknown_value",
]

#: Outcome names of ``spec/records.md`` (snake_case).
OUTCOMES = (
    "overall_survival",
    "disease_free_survival",
    "disease_specific_survival",
    "progression_free_survival",
    "recurrence_free_survival",
    "primary_patency",
    "primary_assisted_patency",
    "secondary_patency",
    "r0_resection",
    "r1_resection",
    "r2_resection",
    "complications_any",
    "complications_major",
    "reintervention",
    "readmission",
    "mortality",
    "technical_success",
    "clinical_success",
    "recurrence_any",
    "recurrence_local",
    "recurrence_distant",
)

#: Measures whose value and CI are on the 0-1 scale (71% is 0.71).
UNIT_INTERVAL_MEASURES = ("proportion", "rate_at_time")

#: Fields of a record a reviewer may change, in display order (``spec/records.md``).
EDITABLE_FIELDS = (
    "outcome", "measure", "group", "events", "total", "value", "ci_low", "ci_high",
    "ci_level", "range_low", "range_high", "timepoint_months", "comparison", "adjusted",
    "p_value", "page", "quote",
)  # fmt: skip

#: Whole-number fields.
INT_FIELDS = ("events", "total", "page")

#: Real-number fields.
FLOAT_FIELDS = (
    "value", "ci_low", "ci_high", "ci_level", "range_low", "range_high", "timepoint_months",
    "p_value",
)  # fmt: skip

#: Yes/no fields.
BOOL_FIELDS = ("adjusted",)

#: Fields that must always have a value.
REQUIRED_FIELDS = ("outcome", "measure", "group", "ci_level")


#: How alike a typo and a valid value must be to be suggested (difflib's ratio; its default).
SUGGEST_CUTOFF = 0.6


def nearest(value: str, allowed: Iterable[str]) -> str | None:
    """The allowed value closest to ``value`` (case-insensitive), or ``None`` if none is close.

    ``nearest("mortalty", OUTCOMES)`` is ``"mortality"``.
    """
    by_key = {str(a).lower(): str(a) for a in allowed}
    found = difflib.get_close_matches(value.lower(), list(by_key), n=1, cutoff=SUGGEST_CUTOFF)
    return by_key[found[0]] if found else None


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    """`` (did you mean 'mortality'?)`` for a near miss, else an empty string."""
    close = nearest(value, allowed)
    return "" if close is None else f" (did you mean {close!r}?)"


def unknown_value(kind: str, value: str, allowed: Iterable[str]) -> str:
    """The message for a filter value nothing has: ``unknown outcome 'mortalty' (did you mean
    'mortality'?)``, or the allowed values when none is close."""
    allowed = list(dict.fromkeys(map(str, allowed)))  # in the caller's order, once each
    hint = did_you_mean(value, allowed)
    return f"unknown {kind} {value!r}" + (
        hint or f" (expected one of {', '.join(allowed) or 'none'})"
    )
