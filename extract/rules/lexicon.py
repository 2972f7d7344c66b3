"""The outcome lexicon: outcome names, synonyms, abbreviations and cue words, as data.

The bundled ``lexicon.toml`` is package data beside this module (found through
``importlib.resources``, so a wheel carries it); ``ExtractSettings.lexicon_path`` points
at a reviewer's own copy. Loading validates the file and names what is wrong with it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from extract.errors import ExtractError
from extract.model import MEASURES

#: The lexicon shipped with casemeta.
BUNDLED_LEXICON = files("extract.rules") / "lexicon.toml"

_CUE_KINDS = ("breakdown", "other_study", "own_study", "negation", "occurrence", "event_nouns",
              "late", "early", "complement")


class InvalidLexicon(ExtractError):
    """A lexicon file that cannot be read or does not have the expected shape."""

    problem = "is not a valid outcome lexicon"


@dataclass(frozen=True)
class OutcomeEntry:
    """How one outcome is written."""

    name: str
    measures: tuple[str, ...]
    terms: tuple[str, ...]
    abbreviations: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    none_when: tuple[re.Pattern[str], ...] = ()
    opposites: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Outcome entries, veto phrases (and patterns) and cue words of one lexicon file."""

    path: Path
    outcomes: tuple[OutcomeEntry, ...]
    vetoes: tuple[str, ...]
    cues: dict[str, tuple[str, ...]]
    veto_patterns: tuple[re.Pattern[str], ...] = ()

    def outcome(self, name: str) -> OutcomeEntry:
        """The entry of outcome ``name``."""
        return next(o for o in self.outcomes if o.name == name)

    def cue_regex(self, kind: str) -> re.Pattern[str]:
        """A case-insensitive regex matching any cue word of ``kind`` on word boundaries."""
        return _cue_regex(self.cues.get(kind, ()))


@lru_cache(maxsize=64)
def _cue_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _strings(value: object, where: str, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidLexicon(path, f"{where} must be a list of non-empty strings")
    return tuple(value)


def _outcome(name: str, table: object, path: Path) -> OutcomeEntry:
    if not isinstance(table, dict):
        raise InvalidLexicon(path, f"outcomes.{name} must be a table")
    measures = _strings(table.get("measures"), f"outcomes.{name}.measures", path)
    bad = [m for m in measures if m not in MEASURES]
    if not measures or bad:
        allowed = ", ".join(MEASURES)
        raise InvalidLexicon(path, f"outcomes.{name}.measures must be some of {allowed}")
    patterns = _regexes(table.get("patterns"), f"outcomes.{name}.patterns", path)
    none_when = _regexes(table.get("none_when"), f"outcomes.{name}.none_when", path)
    terms = _strings(table.get("terms"), f"outcomes.{name}.terms", path)
    abbreviations = _strings(table.get("abbreviations"), f"outcomes.{name}.abbreviations", path)
    if not (terms or abbreviations or patterns):
        raise InvalidLexicon(path, f"outcomes.{name} names no terms, abbreviations or patterns")
    opposites = _strings(table.get("opposites"), f"outcomes.{name}.opposites", path)
    return OutcomeEntry(name, measures, terms, abbreviations, patterns, none_when, opposites)


def _regexes(value: object, where: str, path: Path) -> tuple[re.Pattern[str], ...]:
    out = []
    for text in _strings(value, where, path):
        try:
            out.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise InvalidLexicon(path, f"{where}: {exc}") from exc
    return tuple(out)


@lru_cache(maxsize=8)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a lexicon file (the bundled one when ``path`` is ``None``).

    Raises
    ------
    InvalidLexicon
        The file is missing, not TOML, or lacks ``[outcomes]``; the message names the problem.
    """
    path = Path(path) if path is not None else BUNDLED_LEXICON
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidLexicon(path, "cannot be read") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InvalidLexicon(path, f"not TOML: {exc}") from exc
    outcomes = data.get("outcomes")
    if not isinstance(outcomes, dict) or not outcomes:
        raise InvalidLexicon(path, "no [outcomes.<name>] tables")
    entries = tuple(_outcome(name, table, path) for name, table in outcomes.items())
    vetoes = _strings(data.get("vetoes", {}).get("phrases"), "vetoes.phrases", path)
    veto_patterns = _regexes(data.get("vetoes", {}).get("patterns"), "vetoes.patterns", path)
    cue_table = data.get("cues", {})
    cues = {kind: _strings(cue_table.get(kind), f"cues.{kind}", path) for kind in _CUE_KINDS}
    return Lexicon(path, entries, vetoes, cues, veto_patterns)
