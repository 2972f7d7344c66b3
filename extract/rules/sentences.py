"""Section blocks to sentences with their outcome mentions.

A block's lines are split into prose paragraphs and table rows (tab-separated lines, handled by
:mod:`extract.tables.text_tables`). Prose is cut into rough sentences with a regular expression;
only those holding a number or a negation/universal cue *and* an outcome word go through spaCy
(``nlp.pipe``), whose sentencizer refines the boundaries and whose matchers find the outcome
mentions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from extract.reading.sections import Block
from extract.rules.clauses import heading_group, prefix_group
from extract.rules.defined_terms import short_form_regex
from extract.rules.lexicon import Lexicon
from extract.rules.nlp import VETO, Mention, OutcomeNLP
from extract.rules.numbers import WORD_NUMBER, normalize
from extract.rules.term_pattern import literal_alternation
from extract.tables.table_lines import line_to_cells

# a sentence end, also one followed by superscript citation numbers the text layer prints
# inline ("... were reported (10-40 cases).12,13,15 Our series ..."): after a word or a bracket
# only, so that a decimal ("2.12 Patients") is never cut
_ROUGH_BREAK = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])|"
                          r"(?<=[A-Za-z)\]][.!?])\d{1,3}(?:[,–-]\d{1,3})*\s+(?=[A-Z])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\bet al|\bFigs?|\bTab|\bvs|\be\.g|\bi\.e|\bNo|\bapprox|\bref|\bRefs|\bca|\bDr|\bMr|"
    r"\bMrs|\bMs|\bSt|\bcf|\bresp|\bvol|\bpp|\b[A-Z])\.$"
)
_CUE = re.compile(rf"\d|\b(?:{WORD_NUMBER}|no|none|without|neither|nor|all|every|zero|nil|half|"
                  r"thirds?|quarters?)\b"
                  # "was not required in any patient": a zero stated after the outcome
                  r"|\bnot\s+(?:\w+\s+){0,2}?(?:in|for|among)\s+any\b"
                  # "grade III complications were not registered": denied at the clause's end
                  r"|\b(?:was|were|been)\s+not\s+(?:observed|seen|encountered|registered|noted|"
                  r"detected|found)\b",
                  re.IGNORECASE)
# Table debris flattened into one line: more numbers than words.
# lower case only: a capitalised "Died" is a table row label, not a verb
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|occurred|developed|died|"
                          r"required|needed|underwent|showed|reached|remained)\b")
_SUBHEADING = re.compile(r"[A-Z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*)*")
_NUMBER_TOKEN = re.compile(r"^\(?-?\d[\d.,%()\-]*\)?$")


#: ``these were``, ``they were``, ``the corresponding rates were``: numbers of outcomes named
#: before (a sentence naming none is kept for :mod:`extract.rules.candidates` to refer back)
REFERS_BACK = re.compile(r"\b(?:these|they|the\s+(?:corresponding|same)\s+(?:figures|rates|"
                         r"estimates|values))\s+(?:were|was|are|had\s+(?:fallen|risen|dropped)\s+"
                         r"to|fell\s+to|rose\s+to|dropped\s+to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose with the outcome mentions in it (offsets into ``text``).

    ``lead`` is the latest earlier sentence of the paragraph that opened with a subgroup
    (``In group A, ...``): the paragraph may go on about that group. ``previous`` is the
    sentence before it (``During this phase, ...`` refers back to it).
    """

    page: int | None
    section: str
    text: str
    mentions: tuple[Mention, ...]
    lead: str = ""
    previous: str = ""

    @property
    def single_outcome(self) -> str | None:
        """The one outcome the sentence names (vetoed phrases aside), or ``None`` when it
        names none or several: a sentence of per-arm values is about one outcome."""
        outcomes = {m.outcome for m in self.mentions if m.outcome != VETO}
        return next(iter(outcomes)) if len(outcomes) == 1 else None


def block_to_parts(block: Block) -> tuple[list[str], list[str]]:
    """Split a block into prose paragraphs and table rows (lines holding a tab)."""
    paragraphs: list[str] = []
    rows: list[str] = []
    current: list[str] = []
    lines = block.text.splitlines()
    for i, line in enumerate(lines):
        if line_to_cells(line) is not None:
            rows.append(line)
            line = ""
        if is_subheading(line, lines[i + 1] if i + 1 < len(lines) else ""):
            line = ""  # "Early course and mortality": a run-in heading ends the paragraph
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs, rows


def is_subheading(line: str, following: str) -> bool:
    """A short capitalised line without a full stop or numbers, before a capitalised line: a
    subheading the text layer printed inside the flow (``Early course and mortality``), not a
    line of prose."""
    words = line.split()
    return 0 < len(words) <= 6 and bool(_SUBHEADING.fullmatch(line.strip())) \
        and bool(re.match(r"\s*[A-Z]", following))


def rough_sentences(paragraph: str) -> list[str]:
    """Cut a paragraph at sentence ends, not after ``et al.``, ``Fig.``, ``vs.`` or initials."""
    out: list[str] = []
    start = 0
    for m in _ROUGH_BREAK.finditer(paragraph):
        head = paragraph[start:m.start()]
        if _NO_BREAK_BEFORE.search(head.rstrip("\"')]")):
            continue
        out.append(head.strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


@lru_cache(maxsize=4)
def _outcome_regexes(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    terms = sorted({t for o in lexicon.outcomes for t in (*o.terms, *o.opposites)}, key=len,
                   reverse=True)
    abbreviations = sorted({a for o in lexicon.outcomes for a in o.abbreviations}, key=len,
                           reverse=True)
    # only whether a term occurs counts here: a prefix tree is far cheaper than a flat
    # alternation of hundreds of terms (extract.rules.term_pattern)
    out = [re.compile(literal_alternation(terms), re.IGNORECASE)]
    if abbreviations:
        out.append(re.compile(r"\b(?:" + literal_alternation(abbreviations) + r")\b"))
    out.extend(p for o in lexicon.outcomes for p in o.patterns)
    return tuple(out)


@lru_cache(maxsize=4)
def _none_when(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    return tuple(p for o in lexicon.outcomes for p in o.none_when)


def is_candidate(text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence may state a finding: a number or cue word and an outcome word."""
    if not _CUE.search(text) and not any(p.search(text) for p in _none_when(lexicon)):
        return False
    return any(r.search(text) for r in _outcome_regexes(lexicon))


def is_table_debris(text: str) -> bool:
    """A line of flattened table cells: many numbers, no verb and no full stop to make them a
    sentence (``GOS at 6 months: good recovery 20 (40%), ..., death 10 (20%).`` is one)."""
    tokens = text.split()
    if len(tokens) < 12 or text.rstrip().endswith("."):
        return False
    ratio = sum(1 for t in tokens if _NUMBER_TOKEN.match(t)) / len(tokens)
    return ratio > 0.3 and not _FINITE_VERB.search(text)


def _merged_sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, re-joined where one ends in an abbreviation (``et al.``, ``Fig.``)."""
    out: list[Span] = []
    for sent in doc.sents:
        if out and _NO_BREAK_BEFORE.search(out[-1].text.rstrip("\"')]")):
            out[-1] = doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def blocks_to_sentences(blocks: Sequence[Block], outcome_nlp: OutcomeNLP,
                        skip_sections: frozenset[str] = frozenset(),
                        defined: Mapping[str, str] | None = None) -> list[Sentence]:
    """Candidate sentences of all blocks, with mentions, in document order.

    ``defined`` maps the short forms the document defines for outcomes to those outcomes
    (:func:`extract.rules.defined_terms.defined_outcomes`): a sentence naming an outcome only
    by its short form (``TLR was required in 4``) is a candidate too."""
    short = short_form_regex(defined or {})
    known = (short, defined) if short is not None else None
    pending: list[tuple[str, tuple[int | None, str, str, str, str]]] = []
    for block in blocks:
        if block.section in skip_sections:
            continue
        paragraphs, _ = block_to_parts(block)
        for paragraph in paragraphs:
            if is_table_debris(paragraph):
                continue
            roughs = [(rough, normalize(rough)) for rough in rough_sentences(paragraph)]
            kept = [is_candidate(clean, outcome_nlp.lexicon) or bool(REFERS_BACK.search(clean))
                    or bool(short is not None and short.search(clean) and _CUE.search(clean))
                    for _, clean in roughs]
            # a lead is only ever read by a later candidate of its paragraph: the costly
            # subgroup test stops at the last one
            last = max((i for i, keep in enumerate(kept) if keep), default=-1)
            lead = previous = ""
            for i, (rough, clean) in enumerate(roughs[:last + 1]):
                if kept[i]:
                    pending.append((clean, (block.page, block.section, rough, lead, previous)))
                if i < last and (prefix_group(clean) or heading_group(clean) and not previous):
                    lead = rough
                previous = rough
    sentences: list[Sentence] = []
    # normalize() keeps offsets, so spans of the clean text cut the verbatim one
    for doc, (page, section, raw, lead, previous) in outcome_nlp.nlp.pipe(pending,
                                                                          as_tuples=True):
        for sent in _merged_sentences(doc):
            mentions = outcome_nlp.mentions(sent, known)
            verbatim = raw[sent.start_char:sent.end_char]
            if mentions or REFERS_BACK.search(verbatim):
                sentences.append(Sentence(page, section, verbatim, tuple(mentions), lead,
                                          previous))
            previous = verbatim
    return sentences
