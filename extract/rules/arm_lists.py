"""Results written as inline comparison lists: a label, then one value per arm.

Comparative series often report their results as a list instead of prose, one outcome per
item, the items separated by semicolons:

- ``Overall morbidity, A vs B: 79 (42.5 %) vs 88 (47.3 %), P = 0.35; reoperation: 8 (4.3 %)
  vs 10 (5.4 %)``: the values follow the order of the arms the label (or a header such as
  ``Results (A vs B) —``) names, else the order in which the methods sized them;
- ``30-day mortality: A 1.3 % (n = 4), B 2.6 % (n = 3)``: each value names its arm;
- ``Readmission within 90 days was 23.0 % vs 18.2 %``: one outcome, one value per arm.

Each value becomes a candidate of its arm (rule ``arm_list``, the arm's size as ``group_n``);
:mod:`extract.assembly.group_sums` sums the arms into the cohort's finding when they are arms
of one intervention that partition it. An item whose label names a kind of the outcome
(``pulmonary complications``, ``rehospitalisation for heart failure``) is not the outcome, and
is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.rules.clauses import Clause, is_finding_sentence
from extract.rules.findings import COMPLICATIONS, Candidate, DocumentContext, mortality_timepoint
from extract.rules.nlp import VETO, Mention
from extract.rules.numbers import Stat, normalize, text_to_stats
from extract.rules.sentences import Sentence
from extract.rules.timepoints import Timepoint, text_to_timepoints

RULE = "arm_list"
# words a label may hold besides its outcome and time: they do not narrow the outcome
_GENERIC = frozenset({
    "overall", "any", "all", "total", "postoperative", "post-operative", "perioperative",
    "peri-operative", "in-hospital", "hospital", "rate", "rates", "incidence", "all-cause",
    "crude", "cumulative", "the", "of", "n", "patients", "results", "outcomes"})
# words that grade complications: a bracket then names the grade (``high-grade (CD III-V)``)
_SEVERITY = frozenset({"high-grade", "major", "severe", "serious", "grade", "complication",
                       "complications", "events"})
# what joins the values of ordered arms: "vs", "versus", "and" (only with "respectively" or
# "in the two arms" after the last)
_VERSUS = re.compile(r"^\s*(?:vs\.?|versus)\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:,\s*)?and\s*$", re.IGNORECASE)
_BOTH_ARMS = re.compile(r"^\s*(?:patients\s+)?(?:,\s*)?(?:in\s+the\s+(?:two|both|respective)\s+"
                        r"(?:arms|groups|cohorts)|respectively)\b", re.IGNORECASE)
# the end of a label: a colon, a spaced dash, or a copula before the values
_LABEL_END = re.compile(r":|\s[-—]\s|\b(?:was|were)\b", re.IGNORECASE)
_BRACKETED_COUNTS = re.compile(r"\(\s*(?P<a>\d{1,5})\s*(?:vs\.?|versus|and)\s*(?P<b>\d{1,5})\s*"
                               r"(?:patients|cases)?\s*\)", re.IGNORECASE)
_PERCENT_COUNT = re.compile(r"%\s*\(\s*(?:n\s*=\s*)?(?P<n>\d{1,5})\s*\)")


@dataclass(frozen=True)
class _Item:
    """One item of a list: its label and values, with offsets into the sentence."""

    start: int
    label_end: int
    end: int


def arm_list_candidates(sentence: Sentence, arms: dict[str, int], context: DocumentContext
                        ) -> list[Candidate]:
    """Per-arm candidates of a sentence written as a comparison list.

    Parameters
    ----------
    sentence : Sentence
        One sentence with its outcome mentions.
    arms : dict
        The document's arms in the order the methods size them, label to size
        (:func:`extract.study.arms.text_to_arms`); two or more are needed.
    context : DocumentContext
        The lexicon and the document's windows (a mortality without a stated time).

    Returns
    -------
    list of Candidate
        One candidate per arm and item whose label names one outcome and whose values are
        one per arm; ``[]`` when the sentence is no such list.
    """
    if len(arms) < 2:
        return []
    text = normalize(sentence.text)
    tps = text_to_timepoints(text)
    stats = [s for s in text_to_stats(text) if s.kind in ("count", "percent", "fraction")
             and not s.words  # ("in the two arms" names no value)
             and not any(s.start < t.end and t.start < s.end for t in tps)]
    if not stats:
        return []
    header = _header_order(text[:stats[0].start], arms)
    # digits of a time ("30-day") or of an outcome's name ("Clavien-Dindo ≥ 3") are no values
    masked = list(text)
    spans = [*((t.start, t.end) for t in tps), *((m.start, m.end) for m in sentence.mentions)]
    for lo, hi in spans:
        masked[lo:hi] = " " * (hi - lo)
    out: list[Candidate] = []
    window: list[Timepoint] = []
    for item in _items("".join(masked)):
        values = [s for s in stats if item.label_end <= s.start < item.end]
        if not values:
            continue
        mention = _label_outcome(text, item, sentence.mentions, tps, header)
        if mention is None:
            continue
        by_arm = _values_by_arm(text, item, values, arms, header)
        if by_arm is None:
            continue
        label_tps = [t for t in tps if item.start <= t.start < item.label_end]
        if mention.outcome in COMPLICATIONS:
            # "Any complication within 90 days: ...; major: ...": the list's window dates the
            # complications listed after it
            label_tps = label_tps or window
            window = label_tps
        out += _candidates(text, sentence, mention, item, label_tps, by_arm, arms, context)
    return out


def _items(text: str) -> list[_Item]:
    """The semicolon-separated items of a sentence (not those inside brackets), each with
    the end of its label."""
    out = []
    depth, start = 0, 0
    for i, ch in enumerate([*text, ";"]):
        depth += (ch in "([") - (ch in ")]")
        if ch == ";" and depth <= 0:
            piece = text[start:i]
            first_number = re.search(r"\d", re.sub(r"\([^()]*\)", lambda m: " " * len(m[0]),
                                                    piece))
            ends = [m for m in _LABEL_END.finditer(piece)
                    if first_number is None or m.start() < first_number.start()]
            if ends:
                out.append(_Item(start, start + ends[-1].end(), i))
            start, depth = i + 1, 0
    return out


def _header_order(before_values: str, arms: dict[str, int]) -> list[str]:
    """The arms as a header names them before the first value (``A vs B``, ``(A/B)``), else
    ``[]``."""
    names = "|".join(re.escape(label) for label in sorted(arms, key=len, reverse=True))
    m = re.search(rf"(?<![\w-])({names})\s*(?:vs\.?|versus|/)\s*({names})(?![\w-])",
                  before_values, re.IGNORECASE)
    if m is None:
        return []
    order = [_arm_named(m[1], arms), _arm_named(m[2], arms)]
    return order if None not in order and order[0] != order[1] else []


def _arm_named(word: str, arms: dict[str, int]) -> str | None:
    return next((label for label in arms if label.lower() == word.lower()), None)


def _label_outcome(text: str, item: _Item, mentions: tuple[Mention, ...], tps: list[Timepoint],
                   header: list[str]) -> Mention | None:
    """The one outcome an item's label names, when its other words do not narrow it."""
    start = item.start
    dash = list(re.finditer(r"\s[-—]\s", text[start:item.label_end - 1]))
    if dash:
        start += dash[-1].end()  # "Results (A vs B) — reoperation:": after the header
    inside = [m for m in mentions if start <= m.start < item.label_end]
    own = [m for m in inside if m.outcome != VETO]
    if not own or len(own) != len(inside) or len({m.outcome for m in own}) != 1:
        return None
    mention = own[0]
    label = text[start:item.label_end]
    covered = [(m.start - start, m.end - start) for m in own]
    covered += [(t.start - start, t.end - start) for t in tps if start <= t.start < item.label_end]
    rest = "".join(" " if any(lo <= i < hi for lo, hi in covered) else ch
                   for i, ch in enumerate(label))
    before = label[:mention.start - start]
    in_bracket = before.count("(") > before.count(")")  # "high-grade (Clavien-Dindo III-V)"
    rest = re.sub(r"[()\[\]:,;%—/]|\s-\s|\bwithin\b|\bvs\.?|\bversus\b", " ", rest)
    words = [w.lower() for w in rest.split()]
    names = {a.lower() for a in header}
    allowed = _GENERIC | (_SEVERITY if in_bracket or mention.outcome == "complications_major"
                          else frozenset())
    if any(w not in allowed and w not in names and not re.fullmatch(r"was|were", w)
           for w in words):
        return None  # "pulmonary complications": a kind of the outcome
    if mention.complement:
        return None  # "freedom from X" lists: the complement rules read those
    return mention


def _values_by_arm(text: str, item: _Item, values: list[Stat], arms: dict[str, int],
                   header: list[str]) -> list[tuple[str, Stat]] | None:
    """Each value with its arm: named right before it (``A 1.3 %``), else by its place."""
    names = "|".join(re.escape(label) for label in sorted(arms, key=len, reverse=True))
    named: list[tuple[str, Stat]] = []
    for i, s in enumerate(values):
        lo = values[i - 1].end if i else item.label_end
        m = re.search(rf"(?<![\w-])(?:the\s+)?({names})(?:\s+(?:group|arm|patients))?\s*[:=]?\s*$",
                      text[lo:s.start], re.IGNORECASE)
        if m:
            named.append((_arm_named(m[1], arms), s))
    if named:
        if len(named) != len(values) or len({a for a, _ in named}) != len(named):
            return None
        return named
    order = header or list(arms)
    counted = _BRACKETED_COUNTS.search(text, values[0].end, item.end)
    if counted and len(order) == 2:
        # "was 2.1 % and 2.9 % (9 vs 11 patients)": the bracket gives each rate its count
        rates = [v for v in values if v.end <= counted.start() and v.percent is not None]
        joins = [re.sub(r"\([^()]*\)", " ", text[a.end:b.start])
                 for a, b in zip(rates, rates[1:], strict=False)]
        if len(rates) == 2 and all(_VERSUS.match(j) or _AND.match(j) for j in joins):
            counts = (int(counted["a"]), int(counted["b"]))
            return [(arm, replace(rate, count=n))
                    for arm, rate, n in zip(order, rates, counts, strict=True)]
    if len(values) != len(order):
        return None
    # (a value's own bracket may fall outside its span: "28.0 % (46/164) vs ...")
    joins = [re.sub(r"\([^()]*\)", " ", text[a.end:b.start])
             for a, b in zip(values, values[1:], strict=False)]
    if all(_VERSUS.match(j) for j in joins):
        return list(zip(order, values, strict=True))
    tail = re.sub(r"^\s*\([^()]*\)", "", text[values[-1].end:])
    if all(_AND.match(j) for j in joins) and _BOTH_ARMS.match(tail):
        return list(zip(order, values, strict=True))
    return None


def _candidates(text: str, sentence: Sentence, mention: Mention, item: _Item,
                label_tps: list[Timepoint], by_arm: list[tuple[str, Stat]],
                arms: dict[str, int], context: DocumentContext) -> list[Candidate]:
    tp = label_tps[0].months[0] if len(label_tps) == 1 and len(label_tps[0].months) == 1 \
        else None
    label = text[item.start:item.label_end]
    if mention.outcome == "mortality" and tp is None:
        tp = mortality_timepoint(label, Clause(label, 0), context)
    elif mention.outcome in COMPLICATIONS and tp is None:
        tp = context.complication_window_months
    measures = context.lexicon.outcome(mention.outcome).measures
    out = []
    for arm, s in by_arm:
        count = s.count
        if count is None and s.percent is not None:
            m = _PERCENT_COUNT.search(text, s.start, s.end + 12)
            count = int(m["n"]) if m and m.start() < s.end + 2 else None
        if count is not None and count > arms[arm]:
            return []  # not a count of the arm's patients
        if "proportion" in measures:
            measure, basis = "proportion", "stated" if count is not None else "percent"
        elif "rate_at_time" in measures and s.percent is not None:
            measure, basis, count = "rate_at_time", "percent", None
        else:
            return []
        out.append(Candidate(
            mention.outcome, measure, basis, group=arm, count=count,
            total=s.total if measure == "proportion" else None, percent=s.percent,
            timepoint_months=tp, p_value=s.p_value, group_n=arms[arm], page=sentence.page,
            section=sentence.section, quote=sentence.text.strip(), rule=RULE,
            ci_low=s.ci_low, ci_high=s.ci_high, ci_level=s.ci_level))
    return out


def with_arm_lists(candidates: list[Candidate], sentences: list[Sentence],
                   arms: dict[str, int], context: DocumentContext) -> list[Candidate]:
    """``candidates`` with those of comparison-list sentences read per arm.

    Parameters
    ----------
    candidates : list of Candidate
        The candidates of the prose rules, in document order.
    sentences : list of Sentence
        The sentences they were read from.
    arms : dict
        The document's arms, label to size.
    context : DocumentContext
        As for :func:`arm_list_candidates`.

    Returns
    -------
    list of Candidate
        For each sentence that is a comparison list, its per-arm candidates in place of the
        prose rules' candidates of the same outcomes (which read the arms' values as the
        cohort's).
    """
    if len(arms) < 2:
        return list(candidates)
    out = list(candidates)
    for sentence in sentences:
        if not is_finding_sentence(normalize(sentence.text), sentence.section, context.lexicon):
            continue
        found = arm_list_candidates(sentence, arms, context)
        if not found:
            continue
        quote, outcomes = sentence.text.strip(), {c.outcome for c in found}
        replaced = [i for i, c in enumerate(out)
                    if c.quote == quote and c.page == sentence.page and c.outcome in outcomes]
        at = replaced[0] if replaced else len(out)
        out = [c for i, c in enumerate(out) if i not in set(replaced)]
        out[at:at] = found
    return out
