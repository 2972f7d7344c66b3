"""Exceptions raised by the meta-analysis engine.

Every error carries a one-line message naming the study (row) and the problem, so the
CLI can print it verbatim after ``Error:``.
"""

from __future__ import annotations


class MetaError(Exception):
    """Base class of all errors raised by :mod:`meta`."""


class InvalidInput(MetaError):
    """A study row or an option is unusable (events > total, vi <= 0, unknown method, ...)."""


class TooFewStudies(MetaError):
    """Fewer studies than the analysis needs.

    Parameters
    ----------
    k : int
        Number of usable studies.
    message : str
        One-line explanation.
    single : object, optional
        With ``k == 1``, the single study's own result (a :class:`meta.results.StudyRow`),
        so the caller can still report it.
    """

    def __init__(self, k: int, message: str, single: object | None = None) -> None:
        super().__init__(message)
        self.k = k
        self.single = single


class ConvergenceError(MetaError):
    """An iterative estimator (Fisher scoring, root search, GLMM optimiser) failed."""


class RecordConflict(MetaError):
    """A document has several records for the same outcome/measure/timepoint/group.

    Parameters
    ----------
    conflicts : list of tuple
        ``(document, [record ids])`` for every conflicting document.
    """

    def __init__(self, message: str, conflicts: list[tuple[str, list]]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


class RenderError(MetaError):
    """A plot, table or report cannot be drawn or written (bad file type, unwritable path)."""
