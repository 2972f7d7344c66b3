"""Knobs of the extraction pipeline, in one frozen dataclass that validates itself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.errors import ExtractError


class InvalidSetting(ExtractError):
    """A setting outside its allowed range."""

    problem = "invalid setting"

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(name, detail)


@dataclass(frozen=True)
class ExtractSettings:
    """Limits and options for extracting one document.

    Parameters
    ----------
    max_pages : int
        Documents with more pages are refused (a 2,000-page PDF is not a case series).
    max_bytes : int
        Files larger than this are refused before parsing.
    timeout_seconds : float
        Wall-clock limit for one document; its process is killed when it is reached.
    max_memory_bytes : int
        Resident memory the process extracting one document may use; it is killed beyond.
    inflate_ratio, max_inflate_bytes : float, int
        A PDF's compressed streams may inflate to ``inflate_ratio`` times the file size, at
        most ``max_inflate_bytes`` (:mod:`extract.reading.pdf_inflate`); more is refused unread.
    lexicon_path : Path or None
        A TOML outcome lexicon replacing the bundled one (``extract/rules/lexicon.toml``).
    """

    max_pages: int = 500
    max_bytes: int = 100 * 1024 * 1024
    timeout_seconds: float = 120.0
    lexicon_path: Path | None = None
    max_memory_bytes: int = 1_500_000_000
    inflate_ratio: float = 100.0
    max_inflate_bytes: int = 200_000_000

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise InvalidSetting("max_pages", "must be at least 1")
        if self.max_bytes < 1:
            raise InvalidSetting("max_bytes", "must be at least 1")
        if self.timeout_seconds <= 0:
            raise InvalidSetting("timeout_seconds", "must be positive")
        for name in ("max_memory_bytes", "inflate_ratio", "max_inflate_bytes"):
            if getattr(self, name) <= 0:
                raise InvalidSetting(name, "must be positive")
