"""Everything the HTML report shows, gathered from a database into plain values.

Kept apart from rendering (:mod:`meta.report`) so the content can be tested without HTML:
the studies and their characteristics, every record with its status, page and quote, the
consistency flags, the pooled analyses, and the facts behind the methods section (how data
were extracted and curated: PRISMA 2020 items 9 and 10).

References
----------
Page, M. J., McKenzie, J. E., Bossuyt, P. M., et al. (2021). The PRISMA 2020 statement: an
updated guideline for reporting systematic reviews. *BMJ*, 372, n71 (items 9, 10a, 10b).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from corpus.provenance import provenance_counts, provenance_line
from meta.analyses import Analysis, analyses_from_db, statuses_for
from meta.display import scale_for
from meta.prisma import FlowDiagram, flow_diagram
from meta.summary_table import timepoint_text


@dataclass(frozen=True)
class CurationFacts:
    """What reviewers did: record counts per status, review events and reviewers, how many
    records a reviewer decided (``reviewed``) and how many two or more did (``double``), and
    how many numbers are of each provenance kind."""

    status_counts: dict[str, int]
    review_events: int
    reviewers: int
    actions: dict[str, int] = field(default_factory=dict)
    agreement: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, int] = field(default_factory=dict)
    selection_agreement: dict[str, Any] = field(default_factory=dict)
    reviewed: int = 0
    double: int = 0


@dataclass(frozen=True)
class ReportData:
    """The content of one report (plain values; rendering adds nothing but layout)."""

    status: str
    pooled_statuses: tuple[str, ...]
    studies: list[dict[str, Any]]
    excluded: list[dict[str, Any]]
    records: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    analyses: list[Analysis]
    curation: CurationFacts
    media_types: dict[str, int]
    options: dict[str, Any]
    prisma: dict[str, Any] = field(default_factory=dict)
    prisma_flow: FlowDiagram | None = None
    protocol: dict[str, Any] = field(default_factory=dict)

    @property
    def unreviewed(self) -> bool:
        """True when records no reviewer accepted or edited were pooled."""
        return "extracted" in self.pooled_statuses


def gather(engine, *, status: str = "accepted", method: str | None = None,
           transform: str = "logit", ci: str = "hk", level: float = 0.95,
           compare: tuple[str, str] | None = None, effect: str | None = None,
           pi: str = "t") -> ReportData:
    """Read the database and pool it as ``casemeta table`` would (with ``compare``, also
    the comparative analyses of two groups, see :func:`meta.analyses.analyses_from_db`).

    Raises
    ------
    InvalidInput
        For an unknown ``status``; database errors propagate as :mod:`corpus` errors.
    """
    from corpus.inclusion import prisma_counts, selections
    from corpus.queries import list_studies, record_rows, study_labels

    pooled_statuses = statuses_for(status)
    views = list_studies(engine)
    chosen = {s.document: s for s in selections(engine)}
    prisma = prisma_counts(list(chosen.values())).to_dict()
    included = [v for v in views if v.study and chosen[v.document.file_name].category == "included"]
    labels = study_labels(engine)
    options = {"method": method, "transform": transform, "ci": ci, "level": level, "pi": pi}
    analyses = analyses_from_db(engine, status, compare=compare, effect=effect, **options)
    options.update(compare=compare, effect=effect)  # the methods section describes them
    records = [_record(r, labels, pooled_statuses) for r in record_rows(engine)]
    return ReportData(
        status=status, pooled_statuses=pooled_statuses,
        studies=[_study(v, labels) for v in included],
        excluded=[_selection_reason(chosen[v.document.file_name]) for v in views
                  if all(v is not w for w in included)],
        records=records, flags=[f for v in views for f in _flags(v, labels)],
        analyses=analyses, curation=_curation(engine, records),
        media_types=dict(Counter(v.document.media_type or "unknown" for v in views)),
        options=options, prisma=prisma, prisma_flow=flow_diagram(prisma),
        protocol=_protocol(engine),
    )


def _study(view, labels: dict[str, str]) -> dict[str, Any]:
    s, d = view.study, view.document
    follow_up = ""
    if s.median_follow_up_months is not None:
        follow_up = f"median {s.median_follow_up_months:g} months"
    elif s.mean_follow_up_months is not None:
        follow_up = f"mean {s.mean_follow_up_months:g} months"
    return {"label": labels.get(d.file_name, d.file_name), "document": d.file_name,
            "title": s.title or "", "design": s.design or "", "doi": s.doi or "",
            "patients": s.n_patients, "procedures": s.n_procedures, "follow_up": follow_up,
            "records": view.records, "flags": len(s.flags or [])}


def _protocol(engine) -> dict[str, Any]:
    """What the report says about the review's protocol (empty without one)."""
    from corpus.protocol import protocol_for

    protocol = protocol_for(engine)
    if protocol is None:
        return {}
    return {"file": protocol.path.name, "question": protocol.question,
            "reviewers": protocol.reviewers, "analyses": [a.name for a in protocol.analyses],
            "criteria": protocol.criteria,
            "custom_outcomes": [c.name for c in protocol.custom_outcomes]}


def _selection_reason(selection) -> dict[str, Any]:
    """Why a document is not among the included studies (study selection's decision)."""
    reason = {
        "failed": f"ingest failed: {selection.reason or 'unknown error'}",
        "excluded": f"excluded by {selection.reviewer}: {selection.reason}",
    }.get(selection.category, selection.reason)
    return {"document": selection.document, "reason": reason, "category": selection.category}


def _flags(view, labels) -> list[dict[str, Any]]:
    if view.study is None:
        return []
    name = view.document.file_name
    return [{"study": labels.get(name, name), "document": name, "kind": f.get("kind", ""),
             "message": f.get("message", ""), "quote": f.get("quote", ""),
             "page": f.get("page")} for f in view.study.flags or []]


def _record(row: dict, labels: dict[str, str], pooled: tuple[str, ...]) -> dict[str, Any]:
    out = dict(row)
    out["study"] = labels.get(row["document"], row["document"])
    out["value_text"] = value_text(row)
    out["timepoint_text"] = timepoint_text(row["timepoint_months"])
    out["pooled_status"] = row["status"] in pooled
    out["provenance_text"] = provenance_line(row["provenance"])
    return out


def value_text(row: dict) -> str:
    """A record's number as the reader checks it against the quote: ``14/18 (77.8%)``,
    ``26.0 mo [14.0, 41.0]``, ``HR 0.80 [0.50, 1.30]``."""
    events, total, value = row.get("events"), row.get("total"), row.get("value")
    scale = scale_for(row.get("measure"))
    if events is not None and total:
        return f"{events}/{total} ({100 * events / total:.1f}%)"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    unit = {"percent": "%", "months": " mo"}.get(scale.kind, "")
    text = scale.number(value) + unit
    interval = scale.range(row.get("ci_low"), row.get("ci_high"))
    if interval:
        text += f" {interval}"
    if total:
        text += f", n = {total}"
    return text


def _curation(engine, records: list[dict]) -> CurationFacts:
    from corpus.agreement import agreement, selection_agreement
    from corpus.queries import record_reviewers, review_actions

    events = review_actions(engine)
    listed = {r["id"] for r in records}
    reviewed = [rid for rid in record_reviewers(engine) if rid in listed]
    independent = record_reviewers(engine, ("accept", "edit", "reject"))
    return CurationFacts(
        reviewed=len(reviewed),
        double=sum(1 for rid in reviewed if len(independent.get(rid, ())) > 1),
        status_counts=dict(Counter(r["status"] for r in records)),
        review_events=len(events), reviewers=len({reviewer for reviewer, _ in events}),
        actions=dict(Counter(action for _, action in events)),
        agreement=agreement(engine).to_dict(), provenance=provenance_counts(records),
        selection_agreement=selection_agreement(engine).to_dict(),
    )
