"""Checking reviewer input: one typed cell at a time, then a whole record for consistency.

Every message is one line that names the field and the bad value, so a reviewer at a terminal
or a spreadsheet can fix it without reading code.
"""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Mapping
from typing import Any

from corpus.errors import InvalidEdit
from corpus.vocabulary import (
    BOOL_FIELDS,
    EDITABLE_FIELDS,
    FLOAT_FIELDS,
    INT_FIELDS,
    MEASURES,
    OUTCOMES,
    REQUIRED_FIELDS,
    UNIT_INTERVAL_MEASURES,
)

_TRUE = ("true", "yes", "y", "1")
_FALSE = ("false", "no", "n", "0")
#: Fields on the 0-1 scale that a reviewer may type as a percentage.
_PERCENT_FIELDS = ("value", "ci_low", "ci_high", "ci_level")


def parse_field(name: str, text: str | None) -> Any:
    """Turn the text a reviewer typed for field ``name`` into its typed value.

    An empty cell means "no value" (``None``). A whole-number field accepts ``12.0`` but not
    ``12.5``; a value, CI bound or CI level may be typed as a percentage (``71%`` is 0.71).

    Raises
    ------
    InvalidEdit
        Unknown field, or text that is not of the field's type.
    """
    if name not in EDITABLE_FIELDS:
        raise InvalidEdit(f"unknown field {name!r} (editable: {', '.join(EDITABLE_FIELDS)})")
    text = "" if text is None else str(text).strip()
    if text == "":
        return None
    if name in INT_FIELDS:
        return _parse_int(name, text)
    if name in FLOAT_FIELDS:
        return _parse_float(name, text)
    if name in BOOL_FIELDS:
        return _parse_bool(name, text)
    return text


def _parse_int(name: str, text: str) -> int:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number != int(number):
        raise InvalidEdit(f"{name} must be a whole number, not {text!r}")
    return int(number)


def _parse_float(name: str, text: str) -> float:
    percent = text.endswith("%") and name in _PERCENT_FIELDS
    try:
        # rounded so that 57.7% is the 0.577 a paper's 0.577 is, not 0.5770000000000001
        number = round(float(text[:-1]) / 100, 12) if percent else float(text)
    except ValueError:
        raise InvalidEdit(f"{name} must be a number, not {text!r}") from None
    if not math.isfinite(number):
        raise InvalidEdit(f"{name} must be a finite number, not {text!r}")
    return number


def _parse_bool(name: str, text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidEdit(f"{name} must be true or false, not {text!r}")


def check_record(values: Mapping[str, Any], outcomes: tuple[str, ...] | None = None) -> None:
    """Raise :class:`InvalidEdit` with the first problem of a record's values, if any.

    Checks: required fields present, outcome and measure from ``spec/records.md`` (or
    ``outcomes``, such as a protocol's built-in plus custom outcomes), counts not negative and
    ``events <= total``, proportions and rates (value and CI) within 0 to 1,
    ``ci_low <= ci_high``, positive hazard ratios, a CI level and p-value within 0 to 1, and
    a page of at least 1.
    """
    vocabulary = functools.partial(_vocabulary, outcomes=outcomes or OUTCOMES)
    for check in (_required, vocabulary, _counts, _value_scale, _intervals, _others):
        problem = check(values)
        if problem:
            raise InvalidEdit(problem)


def _required(values: Mapping[str, Any]) -> str | None:
    for name in REQUIRED_FIELDS:
        if values.get(name) is None or values.get(name) == "":
            return f"{name} cannot be empty"
    return None


def _vocabulary(values: Mapping[str, Any], outcomes: tuple[str, ...]) -> str | None:
    for name, known in (("outcome", outcomes), ("measure", MEASURES)):
        value = values[name]
        if value not in known:
            close = difflib.get_close_matches(str(value), known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"expected one of {', '.join(known)}"
            return f"unknown {name} {value!r} ({hint})"
    return None


def _counts(values: Mapping[str, Any]) -> str | None:
    events, total = values.get("events"), values.get("total")
    for name, number in (("events", events), ("total", total)):
        if number is not None and number < 0:
            return f"{name} cannot be negative ({number})"
    if events is not None and total is not None and events > total:
        return f"events ({events}) cannot exceed total ({total})"
    return None


def _value_scale(values: Mapping[str, Any]) -> str | None:
    measure = values["measure"]
    if measure in UNIT_INTERVAL_MEASURES:
        for name in ("value", "ci_low", "ci_high"):
            number = values.get(name)
            if number is not None and not 0 <= number <= 1:
                return f"{name} {number:g} is outside 0 to 1 for a {measure} (71% is 0.71)"
    elif measure == "hazard_ratio":
        for name in ("value", "ci_low", "ci_high"):
            number = values.get(name)
            if number is not None and number <= 0:
                return f"{name} {number:g} is not a hazard ratio (must be above 0)"
    else:
        for name in ("value", "ci_low", "ci_high"):
            number = values.get(name)
            if number is not None and number < 0:
                return f"{name} {number:g} cannot be negative for a {measure} (months)"
    return None


def _intervals(values: Mapping[str, Any]) -> str | None:
    for low_name, high_name in (("ci_low", "ci_high"), ("range_low", "range_high")):
        low, high = values.get(low_name), values.get(high_name)
        if low is not None and high is not None and low > high:
            return f"{low_name} ({low:g}) cannot exceed {high_name} ({high:g})"
    return None


def _others(values: Mapping[str, Any]) -> str | None:
    level, p_value = values["ci_level"], values.get("p_value")
    if not 0 < level < 1:
        return f"ci_level must be between 0 and 1 (0.95 for 95%), not {level:g}"
    if p_value is not None and not 0 <= p_value <= 1:
        return f"p_value {p_value:g} is outside 0 to 1"
    timepoint, page = values.get("timepoint_months"), values.get("page")
    if timepoint is not None and timepoint < 0:
        return f"timepoint_months cannot be negative ({timepoint:g})"
    if page is not None and page < 1:
        return f"page must be 1 or more, not {page}"
    if not str(values["group"]).strip():
        return "group cannot be empty (use 'all' for the whole cohort)"
    return None
