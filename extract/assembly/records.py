"""Candidates to records: events and totals from the cohort size, and de-duplication.

A count with a percentage (``26 (79%)``) has a total only where the two agree: the cohort when
``26/N`` rounds (or truncates) to the stated percentage, else the total the percentage implies
(``26/0.79 = 33``). A percentage alone gets events from the cohort only where they agree the
same way, and only when exactly one whole count fits (``2%`` of 1,007 patients fits any of
16 to 29); otherwise the record keeps the stated value and no invented counts.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace

from extract.assembly.provenance import candidate_provenance
from extract.model import ExtractedRecord, Provenance
from extract.rules.findings import Candidate

#: Tolerance for two stated values of the same finding to count as the same number.
SAME_PROPORTION = 0.005
SAME_RELATIVE = 0.01


def percent_agrees(events: int, total: int, percent: float, truncated_ok: bool = True) -> bool:
    """Whether ``events/total`` is the stated ``percent`` (0–1) rounded or truncated.

    The number of decimals of the stated percentage sets the precision: 16% for 1/6
    (16.67% truncated) agrees, 79% for 29/37 (78.4%) does not. ``truncated_ok=False`` accepts
    rounding only.
    """
    if total <= 0 or events > total:
        return False
    stated = round(percent * 100, 4)
    decimals = 0 if abs(stated - round(stated)) < 1e-9 else (
        1 if abs(stated * 10 - round(stated * 10)) < 1e-6 else 2)
    exact = 100 * events / total
    scale = 10 ** decimals
    rounded = math.floor(exact * scale + 0.5) / scale
    truncated = math.floor(exact * scale + 1e-9) / scale
    return abs(rounded - stated) < 1e-6 or (truncated_ok and abs(truncated - stated) < 1e-6)


def roughly_agrees(events: int, total: int, percent: float) -> bool:
    """A whole-number percentage within one point of ``events/total`` (loose rounding)."""
    stated = percent * 100
    if total <= 0 or events > total or abs(stated - round(stated)) > 1e-9:
        return False
    return abs(100 * events / total - stated) < 1.0


def whole_counts(percent: float, total: int) -> list[int]:
    """The counts of ``total`` that the stated ``percent`` (0–1) rounds or truncates from.

    Counts that round to it come first; only when none does, those it truncates from. Only
    counts near ``percent * total`` are tried: two that fit already make it ambiguous.
    """
    guess = round(percent * total)
    near = range(max(0, guess - 3), min(total, guess + 3) + 1)
    rounded = [k for k in near if percent_agrees(k, total, percent, truncated_ok=False)]
    return rounded or [k for k in near if percent_agrees(k, total, percent)]


def implied_total(events: int, percent: float, cohort: int | None) -> int | None:
    """The total that makes ``events`` the stated percentage, preferring the cohort.

    The cohort is kept when a whole-number percentage is within a point of ``events/cohort``
    (``12 (30)`` of 41 is 29.3%: loose rounding, flagged by the consistency checks); a
    percentage with decimals that disagrees implies another total (``27 (67.5)`` is 27/40),
    unless it is within a point of the cohort's (``41 (29.3%)`` of 145 is 28.3%): a slip of
    the stated cohort, which the gold guide keeps as the denominator.
    """
    if cohort and (percent_agrees(events, cohort, percent)
                   or roughly_agrees(events, cohort, percent)
                   or (events <= cohort and abs(events / cohort - percent) <= 0.0105)):
        return cohort
    if percent <= 0:
        return None
    guess = round(events / percent)
    for total in (guess, guess - 1, guess + 1):
        if total >= max(events, 1) and percent_agrees(events, total, percent):
            return total
    return None


def stated_total(events: int, percent: float, totals: Collection[int]) -> int | None:
    """The one denominator the document states elsewhere that ``events`` at ``percent`` is of.

    Without a known cohort, ``One patient (0.4%)`` implies any total from 223 to 285 and the
    percentage alone picks 250; a paper that states ``(19/248)`` of the same cohort elsewhere
    says which (gold-guide "Numbers": never derive the total from the percentage when the
    cohort size is stated). ``None`` when no stated total, or more than one, fits.
    """
    fits = {t for t in totals if events <= t and percent_agrees(events, t, percent)}
    return fits.pop() if len(fits) == 1 else None


def document_totals(candidates: Iterable[Candidate]) -> set[int]:
    """The denominators the document states for whole-cohort counts (``19/248``, ``19 of 248
    patients``): what a count with only a percentage may be of."""
    return {c.total for c in candidates if c.group == "all" and c.basis == "stated"
            and c.measure == "proportion" and c.count is not None and c.total
            and c.group_n is None and c.of_patients}


def candidate_to_record(c: Candidate, cohort: int | None, totals: Collection[int] = ()
                        ) -> ExtractedRecord | None:
    """Turn one candidate into a record, or ``None`` when the cohort size it needs is unknown.

    ``totals`` are the denominators the document states elsewhere (:func:`document_totals`):
    without a cohort, a count with a percentage takes the one of them it agrees with.
    """
    events, total, value = c.count, c.total, c.percent
    elsewhere = None  # a total stated in another sentence of the paper
    if c.group_n is not None or (c.group != "all" and not c.group.startswith("late")):
        cohort = c.group_n
    elif cohort is None and events is not None and value is not None and total is None \
            and c.basis == "stated":
        cohort = stated_total(events, value, totals)
        elsewhere = cohort
    if c.measure == "proportion":
        if c.basis == "complement":
            # the count is of patients without the outcome: the rest of their total had it
            total = c.total or (implied_total(events, value, cohort) if value is not None
                                else cohort)
            if not total or events is None or events > total:
                return None
            events, value = total - events, None
        elif c.basis in ("negated", "universal"):
            if not cohort:
                return None
            events, total = (0, cohort) if c.basis == "negated" else (cohort, cohort)
            value = events / total
        elif events is not None and total is None:
            total = implied_total(events, value, cohort) if value is not None else (
                cohort if cohort and events <= cohort else None)
            if total is None and value is None:
                return None
        elif events is None and value is not None and cohort and c.of_patients:
            fits = whole_counts(value, cohort)
            if len(fits) == 1:  # "2%" of 1,007 is any of 16 to 29 patients: no count
                events, total = fits[0], cohort
        if value is None and events is not None and total:
            value = round(events / total, 4)
    elif c.measure == "rate_at_time":
        events = total = None
    else:
        value = c.value
    record = ExtractedRecord(
        outcome=c.outcome, measure=c.measure, group=c.group, events=events, total=total,
        value=value, ci_low=c.ci_low, ci_high=c.ci_high, ci_level=c.ci_level or 0.95,
        range_low=c.range_low, range_high=c.range_high, timepoint_months=c.timepoint_months,
        comparison=c.comparison, adjusted=c.adjusted, p_value=c.p_value, page=c.page,
        quote=c.quote, rule=c.rule, context=c.context,
    )
    provenance = candidate_provenance(c, record, cohort)
    if elsewhere is not None and record.total == elsewhere:
        provenance["total"] = Provenance("defaulted", "a denominator the paper states elsewhere")
    return replace(record, provenance=provenance)


def candidates_to_records(candidates: Iterable[Candidate], cohort: int | None
                          ) -> list[ExtractedRecord]:
    """Convert all candidates; those needing an unknown cohort size are dropped."""
    candidates = list(candidates)
    totals = document_totals(candidates) if cohort is None else set()
    out = []
    for c in candidates:
        record = candidate_to_record(c, cohort, totals)
        if record is not None:
            out.append(record)
    return out


def _key(r: ExtractedRecord) -> tuple:
    return (r.outcome, r.measure, " ".join(r.group.lower().split()), r.timepoint_months,
            r.comparison if r.measure == "hazard_ratio" else None)


def same_numbers(a: ExtractedRecord, b: ExtractedRecord) -> bool:
    """Whether two records of the same key state the same finding.

    Counts decide where both records state them; a record whose counts were filled in from a
    bare percentage (``Technical success was 100%`` of the cohort) is the same finding as one
    stating its own counts with that percentage (``100% (19/19) of the procedures``): the
    abstract and the results say one thing twice.
    """
    if None not in (a.events, a.total, b.events, b.total):
        if (a.events, a.total) == (b.events, b.total):
            return True
        if _stated_counts(a) and _stated_counts(b):
            return False
    if a.value is None or b.value is None:
        return False
    if a.measure in ("proportion", "rate_at_time"):
        return abs(a.value - b.value) <= SAME_PROPORTION + 1e-9
    return abs(a.value - b.value) <= SAME_RELATIVE * max(abs(a.value), abs(b.value)) + 1e-9


def _stated_counts(r: ExtractedRecord) -> bool:
    """Whether the record's quote states its total (or events) rather than extraction filling
    them in; records without provenance (built by hand) count as stated."""
    if not r.provenance:
        return True
    return any(r.provenance.get(name) is not None and r.provenance[name].kind == "stated"
               for name in ("events", "total"))


def _specificity(r: ExtractedRecord) -> tuple:
    fields = sum(x is not None for x in (r.events, r.total, r.ci_low, r.range_low, r.p_value,
                                         r.comparison))
    return (_stated_counts(r), fields, -len(r.quote))


def deduplicate(records: Sequence[ExtractedRecord]) -> list[ExtractedRecord]:
    """One record per finding: the same key and numbers stated twice keep the most specific.

    Records of the same key with *different* numbers are all kept (the consistency checks
    flag them).
    """
    kept: list[ExtractedRecord] = []
    for r in records:
        for i, k in enumerate(kept):
            if _key(k) == _key(r) and same_numbers(k, r):
                if _specificity(r) > _specificity(k):
                    kept[i] = r
                break
        else:
            kept.append(r)
    return _without_undated_restatements(kept)


def _without_undated_restatements(records: list[ExtractedRecord]) -> list[ExtractedRecord]:
    """``Twelve patients died ..., a mortality rate of 40% at five years``: one sentence giving
    a count and then its rate at a time states one finding, dated by that time; the same
    count without the time is dropped."""
    def restated(r: ExtractedRecord) -> bool:
        return r.measure == "proportion" and r.timepoint_months is None \
            and r.events is not None and any(
                k is not r and k.timepoint_months is not None and k.quote == r.quote
                and (k.outcome, k.measure, k.group, k.events, k.total)
                == (r.outcome, r.measure, r.group, r.events, r.total) for k in records)
    return [r for r in records if not restated(r)]
