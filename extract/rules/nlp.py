"""The spaCy side of extraction: a tokenizer for clinical numbers and the outcome matchers.

One blank English pipeline per process (per lexicon), built on first use and cached:

- the tokenizer splits ``29/37(78%)``, ``95%CI``, ``CD≥3`` and ``62–90%`` into their parts, so
  outcome phrases and abbreviations match on whole tokens;
- a rule-based sentencizer marks sentence boundaries;
- ``PhraseMatcher`` (case-insensitive terms, case-sensitive abbreviations) and the lexicon's
  regular expressions find outcome mentions; veto phrases are found the same way.

Only paragraphs holding a number and an outcome word reach spaCy (see
:mod:`extract.rules.sentences`), which keeps the cost per page small.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from extract.rules.lexicon import Lexicon, load_lexicon

#: Label of a veto span (a phrase containing an outcome word that names something else).
VETO = "__veto__"
#: Prefix of the matcher label of an outcome's opposites (``alive`` for mortality).
_OPPOSITE = "~"
OPPOSITE_PREFIX = _OPPOSITE

# Split on these inside tokens: slash, percent, brackets, comparison signs, dashes.
_EXTRA_INFIXES = [r"[/%()\[\]≥≤<>=±]", r"(?<=[0-9])[-\u2013\u2014](?=[0-9])",
                  r"(?<=[A-Za-z])[\u2013\u2014](?=[A-Za-z0-9])"]


@dataclass(frozen=True)
class Mention:
    """An outcome named in a sentence (``outcome`` is :data:`VETO` for a veto phrase)."""

    outcome: str
    start: int
    end: int
    text: str
    #: The words name the outcome's opposite (``alive``, ``freedom from reintervention``,
    #: ``reintervention-free``): its numbers are the complement of the outcome's.
    complement: bool = False


@dataclass(frozen=True)
class OutcomeNLP:
    """The cached pipeline and matchers for one lexicon."""

    nlp: Language
    terms: PhraseMatcher
    abbreviations: PhraseMatcher
    lexicon: Lexicon

    def mentions(self, doc: Doc | Span,
                 defined: tuple[re.Pattern[str], Mapping[str, str]] | None = None
                 ) -> list[Mention]:
        """Outcome and veto mentions of ``doc``, longest first where they overlap.

        ``defined`` is the pattern of the short forms the document defines for outcomes and
        their labels (:mod:`extract.rules.defined_terms`): they are mentions too."""
        base = doc.doc if isinstance(doc, Span) else doc
        offset = doc.start_char if isinstance(doc, Span) else 0
        spans: list[Span] = []
        for matcher in (self.terms, self.abbreviations):
            for match_id, start, end in matcher(doc):
                # on a Span the matcher already returns positions in the whole Doc
                label = base.vocab.strings[match_id]
                spans.append(Span(base, start, end, label=label))
        text = doc.text
        labelled = [(entry.name, p) for entry in self.lexicon.outcomes for p in entry.patterns]
        for label, pattern in labelled + [(VETO, p) for p in self.lexicon.veto_patterns]:
            for m in pattern.finditer(text):
                span = base.char_span(m.start() + offset, m.end() + offset, label=label,
                                      alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        if defined is not None:
            pattern, labels = defined
            for m in pattern.finditer(text):
                span = base.char_span(m.start() + offset, m.end() + offset,
                                      label=labels[m["abbr"]], alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        kept = filter_spans(spans)
        kept = filter_spans(kept + self._elided(base, kept))
        out: list[Mention] = []
        for s in sorted(kept, key=lambda s: s.start):
            outcome, complement = s.label_.removeprefix(_OPPOSITE), s.label_.startswith(_OPPOSITE)
            before = base.text[max(0, s.start_char - 40):s.start_char]
            after = base.text[s.end_char:s.end_char + 12]
            if outcome != VETO and (self._complement_before(before) or _FREE_AFTER.match(after)):
                complement = True
            if out and out[-1].complement and _FREE_AFTER.match(text[out[-1].end:]) \
                    and _FREE_AFTER.fullmatch(text[out[-1].end:s.start_char - offset]):
                continue  # "reintervention-free survival": not overall survival
            if outcome == "overall_survival" and _OTHER_FREE_BEFORE.search(before):
                # "pain-free survival", "transplant-free survival": survival without an event
                # that is not death (nor an outcome of ours), never the cohort's survival
                outcome = VETO
            joined = _joined_to_complement(out, text[out[-1].end:s.start_char - offset]
                                           if out else "")
            if joined == "or" and outcome != VETO:
                # "freedom from death or reintervention": a composite, neither outcome's
                out[-1] = Mention(VETO, out[-1].start, out[-1].end, out[-1].text)
                outcome = VETO
            elif joined == "and" and not outcome.endswith("_survival"):
                complement = True  # "freedom from recurrence and reoperation"
            out.append(Mention(outcome, s.start_char - offset, s.end_char - offset, s.text,
                               complement))
        return out

    def _complement_before(self, before: str) -> bool:
        """A complement cue right before a mention (``freedom from``, ``free of any``)."""
        cue = _complement_tail(self.lexicon)
        return bool(cue.search(before))

    def _elided(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """``overall and disease-free survival``, ``primary and secondary patency``: a modifier
        coordinated with a term's first word names the outcome the modifier makes of it
        (``major and minor complication rates``: also from a veto's words); a modifier
        naming no outcome of ours becomes a veto that keeps its place in the list."""
        out = []
        for span in spans:
            words = span.text.split()
            shared_head = bool(_SHARED_HEAD.match(doc.text, span.end_char))
            if len(words) < 2 and not (shared_head and span.label_ != VETO):
                continue  # "stone-free and complication rates": "rates" is shared
            before = doc.text[max(0, span.start_char - 40):span.start_char]
            m = _COORDINATED_MODIFIER.search(before)
            if not m:
                continue
            start = span.start_char - len(before) + m.start(1)
            first = True
            while m:
                label = self._elided_label(m.group(1), words)
                if span.label_ == VETO and label == self._elided_label("", words):
                    label = None  # "cumulative and device survival": the veto's thing
                elided = doc.char_span(start, start + len(m.group(1)), label=label or VETO)
                if elided is not None and not label and first and span.label_ != VETO \
                        and not any(s.start < elided.end and elided.start < s.end for s in spans):
                    # "the en bloc and R0 resection rates were 88 and 62%": a coordinated
                    # modifier naming no outcome of ours still takes its value, in order
                    out.append(elided)
                if not label or label == span.label_ or elided is None:
                    break
                out.append(elided)
                # "Primary, primary-assisted and secondary patency": walk back the list
                before = doc.text[max(0, start - 40):start]
                m = _LISTED_MODIFIER.search(before)
                start = start - len(before) + m.start(1) if m else start
                first = False
        return out

    def _elided_label(self, modifier: str, words: list[str]) -> str | None:
        """The outcome ``modifier`` makes of the term's other words (``major`` +
        ``complication rates``), with or without their trailing ``rate``; an empty modifier
        gives the outcome of the other words alone."""
        rest = [w.lower() for w in words[1:]]
        for tail in (rest, rest[:-1] if rest and rest[-1] in ("rate", "rates") else None):
            if tail:
                label = self._term_outcomes().get(f"{modifier.lower()} {' '.join(tail)}".strip())
                if label:
                    return label
        return None

    def _term_outcomes(self) -> dict[str, str]:
        return _term_outcomes(self.lexicon)


# "reintervention-free", "complication free": the outcome's absence
_FREE_AFTER = re.compile(r"\s*-?\s*free\b\s*", re.IGNORECASE)
# ("transplant-free survival" counts a transplant as a death, as liver series do: survival)
_OTHER_FREE_BEFORE = re.compile(r"(?<![\w-])(?!transplant)[A-Za-z][\w]*(?:\s*-\s*|\s+)free\s*$",
                                re.IGNORECASE)
_SHARED_HEAD = re.compile(r"\s+rates?\b", re.IGNORECASE)
_LISTED_MODIFIER = re.compile(r"(?<![\w-])([A-Za-z][\w-]*)\s*,\s*$")
_COORDINATED_MODIFIER = re.compile(r"(?<![\w-])([A-Za-z][\w-]*)\s*(?:,\s*)?(?:and|or|,)\s+$")


@lru_cache(maxsize=4)
def _term_outcomes(lexicon: Lexicon) -> dict[str, str]:
    return {t.lower(): o.name for o in lexicon.outcomes for t in o.terms}


# Words that may stand between a complement cue and its outcome: modifiers naming the kind
# of event ("freedom from aortic reintervention", "free of valve-related reoperation", "free
# from the need for any further intervention", a paired abbreviation "freedom from AB/TLR"),
# never a word joining another phrase or a number
_COMPLEMENT_MODIFIER = (r"(?:(?!(?:and|or|nor|but|with|without|than|was|were|is|are|at|in|by|"
                        r"after|before|during|versus|vs)\b)[A-Za-z][\w-]*(?:\s+|\s*/\s*))")


def _joined_to_complement(out: list[Mention], between: str) -> str | None:
    """``or`` / ``and`` when the mention after ``between`` is listed with the complement
    mention ``out[-1]`` under one cue (``freedom from death or reintervention``)."""
    if not out or not out[-1].complement or out[-1].outcome == VETO:
        return None
    if _VITAL_STATE.search(out[-1].text):
        # "Among the 94 patients discharged alive, recurrence ...": a state heads no list
        return None
    m = _LISTED_UNDER_CUE.fullmatch(between)
    if not m:
        return None
    return "or" if "or" in m.group(1).lower() else "and"


_VITAL_STATE = re.compile(r"\b(?:alive|living|surviv\w*)\b", re.IGNORECASE)
_LISTED_UNDER_CUE = re.compile(rf"\s*(,\s*(?:and/or|or|and)?|and/or|or|and)\s+"
                               rf"{_COMPLEMENT_MODIFIER}{{0,3}}", re.IGNORECASE)


@lru_cache(maxsize=4)
def _complement_tail(lexicon: Lexicon) -> re.Pattern[str]:
    cue = lexicon.cue_regex("complement").pattern
    return re.compile(rf"{cue}\s+{_COMPLEMENT_MODIFIER}{{0,4}}$", re.IGNORECASE)


def _tokenizer_infixes(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + _EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def _build(path: Path | None) -> OutcomeNLP:
    lexicon = load_lexicon(path)
    nlp = spacy.blank("en")
    _tokenizer_infixes(nlp)
    nlp.add_pipe("sentencizer")
    terms = PhraseMatcher(nlp.vocab, attr="LOWER")
    abbreviations = PhraseMatcher(nlp.vocab, attr="ORTH")
    for entry in lexicon.outcomes:
        if entry.terms:
            terms.add(entry.name, list(nlp.tokenizer.pipe(entry.terms)))
        if entry.abbreviations:
            abbreviations.add(entry.name, list(nlp.tokenizer.pipe(entry.abbreviations)))
        if entry.opposites:
            terms.add(_OPPOSITE + entry.name, list(nlp.tokenizer.pipe(entry.opposites)))
    if lexicon.vetoes:
        terms.add(VETO, list(nlp.tokenizer.pipe(lexicon.vetoes)))
    return OutcomeNLP(nlp, terms, abbreviations, lexicon)


def outcome_nlp(lexicon_path: Path | None = None) -> OutcomeNLP:
    """The pipeline and matchers for ``lexicon_path`` (bundled lexicon when ``None``), cached."""
    return _build(Path(lexicon_path) if lexicon_path is not None else None)
