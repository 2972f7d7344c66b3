"""The review protocol: ``review.toml`` next to the database says what the review is.

It holds the question; the outcomes (built-in names of ``spec/records.md``, or custom ones with
their measures and lexicon terms, so extraction finds them too); the analyses (outcome,
measure, time-point window, which group labels form which arm, which record stands for a study
when several qualify); study selection (criteria and the allowed exclusion reasons); and dual
review (``reviewers = 1 | 2``, optionally the fraction of records reviewed twice).

Every command reads the protocol of its database when there is one: ``$CASEMETA_PROTOCOL``
if set, else ``review.toml`` beside a SQLite file, else in the working directory. Without a
protocol casemeta behaves as before (every built-in outcome, every cell pooled) with one
reviewer: dual review is only ever switched on here.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import CorpusError
from corpus.vocabulary import MEASURES, OUTCOMES

#: File name of a protocol.
PROTOCOL_FILE = "review.toml"

#: Environment variable naming a protocol file explicitly.
ENV_PROTOCOL = "CASEMETA_PROTOCOL"

#: How an analysis chooses one record per study and arm when several qualify.
CHOICES = ("longest_follow_up", "shortest_follow_up", "largest_sample")


class ProtocolError(CorpusError):
    """A ``review.toml`` that cannot be read or says something casemeta cannot do."""


@dataclass(frozen=True)
class CustomOutcome:
    """An outcome outside the built-in vocabulary, with the words that name it."""

    name: str
    measures: tuple[str, ...]
    terms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnalysisSpec:
    """One planned analysis: which records it pools and how it picks one per study and arm.

    ``window`` is the time-point window in months, inclusive (``None``: any time point);
    ``arms`` maps a group label as papers write it (lower case) to the arm it counts for.
    """

    name: str
    outcome: str
    measure: str
    window: tuple[float, float] | None = None
    arms: tuple[tuple[str, str], ...] = (("all", "all"),)
    choose: str = "longest_follow_up"

    def window_text(self) -> str:
        """``0–1 months``, or ``any time point``."""
        if self.window is None:
            return "any time point"
        low, high = self.window
        return f"{low:g}\u2013{high:g} month" + ("" if high == 1 else "s")

    def arm_of(self, group: str | None) -> str | None:
        """The arm a record's group label counts for, or ``None``."""
        key = (group or "all").strip().lower()
        return dict(self.arms).get(key)


@dataclass(frozen=True)
class Protocol:
    """A parsed ``review.toml``."""

    path: Path
    question: str = ""
    reviewers: int = 1
    double_review_fraction: float = 1.0
    outcomes: tuple[str, ...] = ()
    custom_outcomes: tuple[CustomOutcome, ...] = ()
    analyses: tuple[AnalysisSpec, ...] = ()
    criteria: str = ""
    exclusion_reasons: tuple[str, ...] = ()

    def outcome_names(self) -> tuple[str, ...]:
        """Outcome names a record may have: the built-in vocabulary plus custom outcomes."""
        return OUTCOMES + tuple(c.name for c in self.custom_outcomes)

    def analysis(self, name: str) -> AnalysisSpec | None:
        """The analysis named ``name``, else the only one of outcome ``name``."""
        named = [a for a in self.analyses if a.name == name]
        by_outcome = [a for a in self.analyses if a.outcome == name]
        if named:
            return named[0]
        return by_outcome[0] if len(by_outcome) == 1 else None


def protocol_path(database_path: str | None) -> Path | None:
    """Where the protocol of a database is looked for (``None``: an in-memory database)."""
    if os.environ.get(ENV_PROTOCOL, "").strip():
        return Path(os.environ[ENV_PROTOCOL].strip())
    if database_path in ("", ":memory:"):
        return None
    folder = Path(database_path).parent if database_path else Path.cwd()
    return folder / PROTOCOL_FILE


def engine_protocol_path(engine) -> Path | None:
    """:func:`protocol_path` of an engine: beside a SQLite file, else the working directory.

    An object without a database URL (a stand-in engine) has only ``$CASEMETA_PROTOCOL``.
    """
    url = getattr(engine, "url", None)
    if url is None:
        return protocol_path(":memory:")
    database = url.database if url.get_backend_name() == "sqlite" else None
    if url.get_backend_name() == "sqlite" and database is None:
        database = ":memory:"
    return protocol_path(database)


def protocol_for(engine) -> Protocol | None:
    """The protocol of ``engine``'s database, or ``None`` when it has none.

    Raises
    ------
    ProtocolError
        The file exists but is not a valid protocol.
    """
    path = engine_protocol_path(engine)
    if path is None or not path.is_file():
        return None
    stat = path.stat()
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> Protocol:
    """:func:`load_protocol`, read again only when the file changed (many calls per command)."""
    return load_protocol(path)


def load_protocol(path: Path) -> Protocol:
    """Read and check a ``review.toml``; the error names the file and the bad setting."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"{path}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProtocolError(f"{path}: not TOML ({exc})") from exc
    return _parse(path, data)


def _parse(path: Path, data: dict[str, Any]) -> Protocol:
    def fail(message: str) -> ProtocolError:
        return ProtocolError(f"{path.name}: {message}")

    reviewers = data.get("reviewers", 1)
    if reviewers not in (1, 2) or isinstance(reviewers, bool):
        raise fail(f"reviewers must be 1 or 2, not {reviewers!r}")
    fraction = data.get("double_review_fraction", 1.0)
    if not isinstance(fraction, int | float) or not 0 < fraction <= 1:
        raise fail(f"double_review_fraction must be above 0 and at most 1, not {fraction!r}")
    builtin, custom = _outcomes(data.get("outcomes", []), fail)
    known = OUTCOMES + tuple(c.name for c in custom)
    analyses = tuple(_analysis(i, a, known, fail) for i, a in enumerate(data.get("analyses", [])))
    selection = data.get("inclusion", {})
    reasons = selection.get("exclusion_reasons", [])
    if not isinstance(reasons, list) or not all(isinstance(r, str) and r.strip() for r in reasons):
        raise fail("inclusion.exclusion_reasons must be a list of non-empty strings")
    return Protocol(
        path=path, question=str(data.get("question", "")), reviewers=reviewers,
        double_review_fraction=float(fraction), outcomes=builtin, custom_outcomes=custom,
        analyses=analyses, criteria=str(selection.get("criteria", "")),
        exclusion_reasons=tuple(r.strip() for r in reasons),
    )  # fmt: skip


def _outcomes(entries: Any, fail) -> tuple[tuple[str, ...], tuple[CustomOutcome, ...]]:
    if not isinstance(entries, list):
        raise fail("outcomes must be an array of tables ([[outcomes]])")
    builtin, custom = [], []
    for i, entry in enumerate(entries):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise fail(f"outcomes[{i}] needs a name")
        if name in OUTCOMES:
            builtin.append(name)
            continue
        measures = tuple(entry.get("measures", ()))
        bad = [m for m in measures if m not in MEASURES]
        if not measures or bad:
            raise fail(f"outcomes[{i}] ({name}): measures must be some of {', '.join(MEASURES)}")
        terms = tuple(entry.get("terms", ()))
        abbreviations = tuple(entry.get("abbreviations", ()))
        if not terms and not abbreviations:
            raise fail(f"outcomes[{i}] ({name}): a custom outcome needs terms (or abbreviations)")
        custom.append(CustomOutcome(name, measures, terms, abbreviations))
    return tuple(builtin), tuple(custom)


def _analysis(i: int, entry: Any, known: tuple[str, ...], fail) -> AnalysisSpec:
    where = f"analyses[{i}]"
    if not isinstance(entry, dict):
        raise fail(f"{where} must be a table ([[analyses]])")
    outcome, measure = entry.get("outcome"), entry.get("measure")
    if outcome not in known:
        raise fail(f"{where}: unknown outcome {outcome!r} (add it to [[outcomes]])")
    if measure not in MEASURES:
        raise fail(f"{where}: measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    choose = entry.get("choose", "longest_follow_up")
    if choose not in CHOICES:
        raise fail(f"{where}: choose must be one of {', '.join(CHOICES)}, not {choose!r}")
    groups = entry.get("groups", {"all": "all"})
    if not isinstance(groups, dict) or not all(isinstance(v, str) for v in groups.values()):
        raise fail(f"{where}: groups must map group labels to arm names")
    arms = tuple((label.strip().lower(), arm.strip()) for label, arm in groups.items())
    name = str(entry.get("name") or f"{outcome} {measure}")
    return AnalysisSpec(name, outcome, measure, _window(entry, where, fail), arms, choose)


def _window(entry: dict, where: str, fail) -> tuple[float, float] | None:
    window = entry.get("timepoint_months")
    if window is None:
        return None
    ok = isinstance(window, list) and len(window) == 2
    ok = ok and all(isinstance(v, int | float) and math.isfinite(v) for v in window)
    if not ok or not 0 <= window[0] <= window[1]:
        raise fail(f"{where}: timepoint_months must be [from, to] in months, e.g. [0, 1]")
    return float(window[0]), float(window[1])


def lexicon_file(protocol: Protocol) -> Path | None:
    """A lexicon with the protocol's custom outcomes added to the bundled one (``None``: none).

    Written once per content beside the protocol (``.casemeta/lexicon-<digest>.toml``) and
    passed to extraction through ``ExtractSettings.lexicon_path``; the rules stay untouched.
    """
    if not protocol.custom_outcomes:
        return None
    import tomli_w

    from extract.rules.lexicon import BUNDLED_LEXICON

    data = tomllib.loads(BUNDLED_LEXICON.read_text(encoding="utf-8"))
    for outcome in protocol.custom_outcomes:
        entry = {"measures": list(outcome.measures), "terms": list(outcome.terms)}
        if outcome.abbreviations:
            entry["abbreviations"] = list(outcome.abbreviations)
        data["outcomes"][outcome.name] = entry
    text = f"# generated by casemeta from {protocol.path.name}; edit that file instead\n"
    text += tomli_w.dumps(data)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    path = protocol.path.parent / ".casemeta" / f"lexicon-{digest}.toml"
    if not path.is_file():
        try:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ProtocolError(f"{path}: cannot be written ({exc.strerror})") from exc
    return path
