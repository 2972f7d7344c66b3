"""Sentences to candidate findings: which number belongs to which outcome.

Rules, each named in the record's ``rule``:

``negated``
    ``No recurrence was observed``, ``without intraoperative mortality``: 0 of the cohort.
``universal``
    ``Recurrence occurred in all patients``: the whole cohort.
``hazard_ratio``
    ``HR = 0.38 [95% CI 0.2-0.92], p = 0.026`` with the nearest survival outcome.
``coordinated``
    ``3 years DFS and 5 years DFS were 34% and 17%``; ``at 1, 3 and 6 months was 93%, 81% and
    69%``; ``3- and 5-year OS were 77.8%`` (one value for both).
``paired``
    one number with one outcome: the outcome its clause names before it, or the outcome a
    counted subject goes on to have (``26 patients had patent stents (79%)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.clauses import (
    Clause,
    breakdown_start,
    is_finding_sentence,
    prefix_group,
    sentence_group,
    sentence_to_clauses,
)
from extract.lexicon import Lexicon
from extract.nlp import VETO, Mention
from extract.numbers import Stat, Timepoint, normalize, text_to_stats, text_to_timepoints
from extract.sentences import Sentence

_SURVIVAL = ("overall_survival", "disease_free_survival", "disease_specific_survival",
             "progression_free_survival", "recurrence_free_survival")
_PATIENT_WORDS = r"(?:patients?|cases?|subjects|participants|persons|individuals|women|men)"
_SUBJECT_VERB = re.compile(
    rf"^\s*(?:\([^)]*\)\s*)?(?:{_PATIENT_WORDS}\s+)?(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+)?"
    rf"{_PATIENT_WORDS}\s+(?:in\s+\w+\s+\w+\s+)?)?(?:were\s+|was\s+|had\s+)?(?:also\s+)?"
    r"(?P<verb>had|has|have|were|was|needed|required|underwent|remained|developed|died|"
    r"experienced|presented|showed|suffered|received|achieved|lived|survived|made|became|"
    r"reported|[a-z]+ed)\b",
    re.IGNORECASE,
)
_LINKING = re.compile(r"\b(?:and|or|was|were|is|are|had|with|at|in|of|for)\b", re.IGNORECASE)
_CONDITION = re.compile(r"(?:\b(?:after|following|versus|vs\.?|than|compared with|"
                        r"(?<!hazard )(?<!factor )(?<!factors )(?<!risk )(?<!predictor )"
                        r"(?<!prognostic )for)|"
                        r"\b(?:patients|cases|those|group)\s+with)\s+(?:an?\s+|the\s+)?$",
                        re.IGNORECASE)
_SITE_BRACKET = re.compile(r"\b(?:in|of|at|to)\s+(?:the\s+)?(?!patients|cases)[a-z]+\s*[(\[]\s*$",
                           re.IGNORECASE)
_NOUN_BRACKET = re.compile(rf"\s*(?:{_PATIENT_WORDS}\s*)?[(\[]\s*")
_NEXT_WORD = re.compile(r"\s*\(?\s*([A-Za-z][\w-]*)")
_PATIENT_FOLLOW = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:{_PATIENT_WORDS}|of\b|out\b|in\b|and\b|"
                             r"other|others|more|additional|consecutive|remaining|[,.;)]|$)",
                             re.IGNORECASE)
_UNIVERSAL = re.compile(rf"\b(?:all\s+(?:(?:the|of\s+the|\w+)\s+)?{_PATIENT_WORDS}|every\s+"
                        rf"(?:patient|case)|in\s+all\b|all\s+\w+\s+{_PATIENT_WORDS})",
                        re.IGNORECASE)
# Words allowed between a negation and its outcome: modifiers, not other nouns ("without
# surgery died" does not negate death).
_MODIFIER = (r"(?:[a-z]+(?:al|ive|ic|ous|ed|ing|ary|ant|ent|ible|able)|major|severe|serious|"
             r"further|any|other|new|early|late|local|distant|or|and|procedure|procedure-related|"
             r"device-related|wound|organ|dysfunction|grade|clavien-dindo|[ivx]+a?|higher|more|"
             r"in-hospital|30-day|90-day|perioperative|post-procedure)")
_NEGATED_BEFORE = re.compile(rf"\b(?:no|without|neither|nor)\s+(?:{_MODIFIER}\s+){{0,4}}$",
                             re.IGNORECASE)
_MOSTLY = re.compile(r"\b(?:mostly|mainly|majority|most|predominantly|usually|largely)\b",
                     re.IGNORECASE)
_NO_EFFECT = re.compile(r"\bsignifican|\bdiffer|\bassociat|\bcorrelat|\bpredict|\beffect\b|"
                        r"\bimpact\b|\binfluenc|\bfactor", re.IGNORECASE)
_PERIOPERATIVE = re.compile(r"\b(?:intra-?operative|in-?hospital|peri-?operative|operative|"
                            r"at discharge|hospital|postoperative|post-?procedure|procedural)\b",
                            re.IGNORECASE)
_AT_FOLLOW_UP = re.compile(r"\b(?:at|during|by)\s+(?:the\s+)?(?:last\s+|long-term\s+)?"
                           r"follow-?\s?up\b", re.IGNORECASE)
_SAME_TIMEPOINTS = re.compile(r"\bsame time\s?-?points?\b", re.IGNORECASE)
_THIS_PHASE = re.compile(r"\b(?:this|that|the same)\s+(?:phase|period|stay|time)\b",
                         re.IGNORECASE)
_HOSPITAL_PHASE = re.compile(r"\b(?:intensive care|ICU|stroke unit|hospital stay|hospitali[sz]|"
                             r"in-hospital|postoperative stay)", re.IGNORECASE)
_CONTINUES = re.compile(r"^\W*(?:however|moreover|furthermore|in addition|additionally|also|"
                       r"of these|of them|among them|nevertheless|of those)\b", re.IGNORECASE)
_WHOLE_COHORT = re.compile(r"\b(?:overall|in total|all patients|whole|entire|of all|both groups|"
                           r"all \w+ patients|the cohort|the series)\b", re.IGNORECASE)
_EXCEPTION = re.compile(r"\b(?:apart from|except(?: for)?|other than|besides|aside from)\b",
                        re.IGNORECASE)
_NOT = re.compile(r"\b(?:not|failed|never)\b", re.IGNORECASE)
_ADJUSTED = re.compile(r"\badjust|\bmultivariab|\bmultivariate|\bmultiple regression",
                       re.IGNORECASE)
_COMPARISON = re.compile(r"\b(?:patients|those)\s+who\s+(?:received|underwent|had)\s+"
                         r"(?P<x>[^,;()]{2,60}?)\s+(?:had|showed|have)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A number attached to an outcome, before the cohort size turns it into a record.

    ``basis`` says how the events are known: ``stated`` (a count in the text), ``percent``
    (a percentage only), ``negated`` (0 of the cohort), ``universal`` (all of the cohort).
    ``group_n`` is the size of the group when the source states it (a table column's N);
    otherwise the cohort size applies.
    """

    outcome: str
    measure: str
    basis: str
    group: str = "all"
    count: int | None = None
    total: int | None = None
    percent: float | None = None
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float | None = None
    range_low: float | None = None
    range_high: float | None = None
    timepoint_months: float | None = None
    comparison: str | None = None
    adjusted: bool | None = None
    p_value: float | None = None
    of_patients: bool = True
    group_n: int | None = None
    page: int | None = None
    section: str = ""
    quote: str = ""
    rule: str = ""


@dataclass(frozen=True)
class DocumentContext:
    """What the sentence rules need to know beyond the sentence: the document's mortality
    window and outcome assessment time, and the sentence before (set per sentence)."""

    lexicon: Lexicon
    mortality_window_months: float | None = None
    assessment_months: float | None = None
    previous: str = ""


def sentences_to_candidates(sentences: Sequence[Sentence], context: DocumentContext
                            ) -> list[Candidate]:
    """Apply the rules of this module to each sentence, in document order."""
    out: list[Candidate] = []
    previous_tps: list[Timepoint] = []
    for sentence in sentences:
        text = normalize(sentence.text)
        tps = text_to_timepoints(text)
        if _SAME_TIMEPOINTS.search(text) and previous_tps:
            tps = [Timepoint(previous_tps[0].months, m.start(), m.end())
                   for m in [_SAME_TIMEPOINTS.search(text)]]
        if is_finding_sentence(text, sentence.section, context.lexicon):
            found = sentence_to_candidates(sentence, text, tps,
                                           replace(context, previous=sentence.previous))
            out.extend(found)
        if tps:
            previous_tps = tps
    return out


def sentence_to_candidates(sentence: Sentence, text: str, tps: list[Timepoint],
                           context: DocumentContext) -> list[Candidate]:
    """Candidates of one finding sentence (``text`` is the normalised sentence)."""
    cut = breakdown_start(text, context.lexicon)
    text = text[:cut] + " " * (len(text) - cut)  # keep offsets, drop the breakdown
    sentence = replace(sentence, mentions=tuple(m for m in sentence.mentions if m.end <= cut))
    group, group_phrase = sentence_group(text)
    lead_group = prefix_group(sentence.lead) if sentence.lead else None
    if group == "all" and lead_group and not _WHOLE_COHORT.search(text) \
            and (_CONTINUES.match(text) or lead_group.startswith("late")):
        # "In group A, one patient recovered. However, one patient died.": same group;
        # "After POD90, ..." dates its whole paragraph
        group = lead_group
    mentions = _merge_abbreviations(text, list(sentence.mentions))
    # "survival after R0 resection", "patients with recurrence": a condition, not a finding
    mentions = [m for m in mentions if not _CONDITION.search(text[max(0, m.start - 30):m.start])]
    if group_phrase and group != "all" and not group.startswith("late"):
        mentions = [m for m in mentions if not _within(m, text, group_phrase)]
    stats = text_to_stats(text)
    base = dict(page=sentence.page, section=sentence.section, quote=sentence.text.strip(),
                group=group)
    hrs = _hazard_ratios(text, mentions, stats, base)
    out = list(hrs)
    for clause in sentence_to_clauses(text):
        out.extend(_clause_candidates(text, clause, mentions, stats, tps, context, base))
    return [_late_group(c, text, mentions, context.lexicon) for c in out]


def _within(mention: Mention, text: str, phrase: str) -> bool:
    start = text.find(phrase)
    return start >= 0 and start <= mention.start < start + len(phrase)


def _merge_abbreviations(text: str, mentions: list[Mention]) -> list[Mention]:
    """``disease-free survival (DFS)``: the bracketed abbreviation repeats the mention."""
    out: list[Mention] = []
    for m in mentions:
        between = text[out[-1].end:m.start] if out else ""
        if out and out[-1].outcome == m.outcome and re.fullmatch(r"\s*\(\s*", between):
            continue
        out.append(m)
    return out


def _late_group(c: Candidate, text: str, mentions: list[Mention], lexicon: Lexicon) -> Candidate:
    """``Late reintervention``: a late-period qualifier before the outcome makes a subgroup."""
    late = lexicon.cue_regex("late")
    for m in mentions:
        if m.outcome == c.outcome and late.search(text[max(0, m.start - 12):m.start]):
            return replace(c, group="late")
    return c


def _hazard_ratios(text: str, mentions: list[Mention], stats: list[Stat], base: dict
                   ) -> list[Candidate]:
    out = []
    for stat in stats:
        if stat.kind != "ratio" or not re.match(r"\s*\(?\s*(?:a?HR|hazard)", text[stat.start:],
                                                re.IGNORECASE):
            continue
        near = [m for m in mentions if m.outcome in _SURVIVAL]
        if not near:
            continue
        best = min(near, key=lambda m: abs(m.start - stat.start))
        comp = _COMPARISON.search(text)
        out.append(Candidate(
            best.outcome, "hazard_ratio", "stated", value=stat.value, ci_low=stat.ci_low,
            ci_high=stat.ci_high, ci_level=stat.ci_level, p_value=stat.p_value,
            adjusted=bool(_ADJUSTED.search(text)),
            comparison=f"{comp.group('x').strip()} vs none" if comp else None,
            rule="hazard_ratio", **{**base, "group": "all"}))
    return out


def _clause_candidates(text: str, clause: Clause, mentions: list[Mention], stats: list[Stat],
                       tps: list[Timepoint], context: DocumentContext, base: dict
                       ) -> list[Candidate]:
    lo, hi = clause.offset, clause.offset + len(clause.text)
    ms = [m for m in mentions if lo <= m.start < hi]
    if not ms:
        return []
    c_tps = [t for t in tps if lo <= t.start < hi]
    c_stats = [s for s in stats if lo <= s.start < hi and s.kind != "ratio"
               and not any(s.start < t.end and t.start < s.end for t in c_tps)]
    ms = _drop_event_and_denominator_mentions(text, ms, c_stats, context.lexicon)
    c_stats = _patient_stats(text, c_stats, context.lexicon)
    c_stats = _join_count_percent(text, c_stats)
    outcome_ms = [m for m in ms if m.outcome != VETO]
    exception = _EXCEPTION.search(clause.text)
    if exception and c_stats and all(s.start >= clause.offset + exception.start() for s in c_stats):
        # "no major complications apart from wound infection in 10 patients"
        c_stats = []
        outcome_ms = [m for m in outcome_ms if m.start < clause.offset + exception.start()]
    if not c_stats:
        return _negated_or_universal(text, clause, outcome_ms, c_tps, context, base)
    negated = [m for m in outcome_ms if _negated_here(clause, m, context.lexicon)
               and not any(s.start > m.start - 40 and s.end <= m.start for s in c_stats)]
    if negated:
        # "Four patients underwent resection without intraoperative mortality"
        out = _negated_or_universal(text, clause, negated, c_tps, context, base)
        ms = [m for m in ms if m not in negated]
        if not [m for m in ms if m.outcome != VETO]:
            return out
        return out + _paired_candidates(text, clause, ms, c_stats, c_tps, context, base)
    if _ambiguous_counts(text, c_stats, outcome_ms) and not (c_tps and len(c_tps[0].months) > 1) \
            and not any(_subject_of_verb(text, s) for s in c_stats):
        return []
    return _paired_candidates(text, clause, ms, c_stats, c_tps, context, base)


def _negated_here(clause: Clause, mention: Mention, lexicon: Lexicon) -> bool:
    """A negation word right before the outcome (``without intraoperative mortality``)."""
    before = clause.text[:mention.start - clause.offset][-40:]
    return bool(_NEGATED_BEFORE.search(before)) and not _NO_EFFECT.search(clause.text)


def _paired_candidates(text: str, clause: Clause, ms: list[Mention], c_stats: list[Stat],
                       c_tps: list[Timepoint], context: DocumentContext, base: dict
                       ) -> list[Candidate]:
    pairs = _pair(text, ms, c_stats, c_tps)
    out = []
    for mention, stat, tp in pairs:
        if mention.outcome == VETO:
            continue
        cand = _to_candidate(text, clause, mention, stat, tp, context, base)
        if cand is not None:
            out.append(cand)
    return out


def _drop_event_and_denominator_mentions(text: str, mentions: list[Mention], stats: list[Stat],
                                         lexicon: Lexicon) -> list[Mention]:
    """``27 recurrences`` counts events and ``54% of recurrences`` names a denominator: in
    neither is the outcome word the outcome of a number."""
    events = lexicon.cue_regex("event_nouns")
    out = []
    for m in mentions:
        before = text[:m.start]
        if events.fullmatch(m.text.split()[-1]) and any(
                re.fullmatch(r"\s*", before[s.end:]) and s.kind == "count" and s.percent is None
                for s in stats if s.end <= m.start):
            continue
        if any(re.fullmatch(r"\s*of\s+(?:the\s+|all\s+)?", before[s.end:])
               for s in stats if s.end <= m.start and s.kind == "percent"):
            continue
        out.append(m)
    return out


def _patient_stats(text: str, stats: list[Stat], lexicon: Lexicon) -> list[Stat]:
    """Drop counts of things other than patients (``27 recurrences``, ``5 cm``, years)."""
    events = lexicon.cue_regex("event_nouns")
    out = []
    for s in stats:
        if s.kind == "count" and s.percent is None:
            after = text[s.end:s.end + 40]
            nxt = _NEXT_WORD.match(after)
            if nxt and events.fullmatch(nxt.group(1)):
                continue
            if not (_PATIENT_FOLLOW.match(after) or _SUBJECT_VERB.match(after)):
                continue
            if s.count is not None and s.count >= 1900:
                continue
            if _inside_aside(text, s.start):
                continue  # "(3 each in stages 2 and 3)": a parenthetical aside
            if re.search(r"(?:grades?|stages?|type|level|zone|group|table|fig\.?|figure|day|POD|"
                         r"mRS|GCS|ASA|score|version|=)\s*$", text[max(0, s.start - 12):s.start],
                         re.IGNORECASE):
                continue
        if s.kind == "duration" and s.qualifier:
            continue
        out.append(s)
    return out


def _inside_aside(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside brackets that do not directly follow a number."""
    opened: list[int] = []
    for i, ch in enumerate(text[:pos]):
        if ch in "([":
            opened.append(i)
        elif ch in ")]" and opened:
            opened.pop()
    if not opened:
        return False
    return not re.search(r"\d\s*$", text[:opened[-1]])


def _join_count_percent(text: str, stats: list[Stat]) -> list[Stat]:
    """``Twenty-nine patients (78%, 95% CI 62–90%)``: a count and the bracketed percentage
    right after its noun; or the one count and one later bracketed percentage of a clause
    (``Twenty-four patients were deceased by 1 year (77.4%)``)."""
    out: list[Stat] = []
    i = 0
    while i < len(stats):
        s = stats[i]
        nxt = stats[i + 1] if i + 1 < len(stats) else None
        if s.kind in ("count", "fraction") and s.percent is None and nxt is not None \
                and nxt.kind == "percent" and _NOUN_BRACKET.fullmatch(text[s.end:nxt.start]):
            out.append(_joined(s, nxt))
            i += 2
            continue
        out.append(s)
        i += 1
    counts = [s for s in out if s.kind in ("count", "fraction") and s.percent is None]
    pcts = [s for s in out if s.kind == "percent"]
    if len(counts) == 1 and len(pcts) == 1 and pcts[0].start > counts[0].start \
            and re.search(r"[(\[]\s*$", text[counts[0].end:pcts[0].start]):
        c, p = counts[0], pcts[0]
        out = sorted([s for s in out if s is not c and s is not p] + [_joined(c, p)],
                     key=lambda s: s.start)
    return out


def _joined(count: Stat, pct: Stat) -> Stat:
    return replace(count, percent=pct.percent, ci_low=pct.ci_low, ci_high=pct.ci_high,
                   ci_level=pct.ci_level)


def _subject_of_verb(text: str, stat: Stat) -> bool:
    """``26 patients had``, ``8 died``, ``63% of patients presented``: the number is a subject."""
    return bool(_SUBJECT_VERB.match(text[_stat_head_end(text, stat):]))


def _stat_head_end(text: str, stat: Stat) -> int:
    if stat.kind in ("percent", "fraction"):
        return stat.end
    m = re.compile(r"[\w.,/%-]+").match(text, stat.start)
    return m.end() if m else stat.end


def _pair(text: str, mentions: list[Mention], stats: list[Stat], tps: list[Timepoint]
          ) -> list[tuple[Mention, Stat, float | None]]:
    """Pair numbers with outcome mentions; returns (mention, stat, timepoint) triples."""
    m_tp = {id(m): _mention_timepoints(text, m, mentions, tps) for m in mentions}
    outcome_ms = [m for m in mentions if m.outcome != VETO]
    # one outcome, one list of time points: values map onto the time points
    if len(outcome_ms) == 1 and len(tps) == 1 and len(tps[0].months) > 1:
        values = [s for s in stats if s.kind in ("percent", "duration")]
        months = tps[0].months
        if len(values) == len(months):
            return [(outcome_ms[0], s, t) for s, t in zip(values, months, strict=True)]
        if len(values) == 1 and values[0].kind == "percent":
            return [(outcome_ms[0], values[0], t) for t in months]
        return []
    # coordinated: all outcomes named first, then as many values
    values = [s for s in stats if outcome_ms and s.start >= outcome_ms[0].start]
    if len(outcome_ms) > 1 and len(values) == len(outcome_ms) \
            and outcome_ms[-1].end <= values[0].start and mentions[-1].end <= values[0].start:
        return [(m, s, _single(m_tp[id(m)])) for m, s in zip(outcome_ms, values, strict=True)]
    out = []
    subjects: set[int] = set()
    for stat in stats:
        mention = _mention_for(text, stat, mentions, stats)
        if mention is not None:
            out.append((mention, stat, _single(m_tp[id(mention)])))
            if _subject_of_verb(text, stat):
                subjects.add(id(mention))
    # "Eight patients died, 7 of X and 1 of Y": the counts after the subject break it down
    out = [(m, s, t) for m, s, t in out
           if id(m) not in subjects or _subject_of_verb(text, s) or s.kind == "duration"]
    return _drop_ambiguous(out)


def _single(months: tuple[float, ...] | None) -> float | None:
    return months[0] if months and len(months) == 1 else None


def _mention_timepoints(text: str, mention: Mention, mentions: list[Mention],
                        tps: list[Timepoint]) -> tuple[float, ...] | None:
    for tp in tps:
        before = text[tp.end:mention.start]
        after = text[mention.end:tp.start]
        # "3-year overall survival", "1 year cumulative mortality": modifiers only between
        if 0 <= mention.start - tp.end <= 25 and re.fullmatch(r"[\s\w-]{0,25}", before) \
                and not _LINKING.search(before) \
                and not any(tp.end <= m.start < mention.start for m in mentions):
            return tp.months
        # "mortality at 30 days", "Primary patency was 85% at 12 months"
        if 0 <= tp.start - mention.end <= 40 and re.fullmatch(r"[\s\w,.%()-]*", after) \
                and not any(mention.end <= m.start < tp.start for m in mentions):
            return tp.months
    if len(tps) == 1 and len([m for m in mentions if m.outcome != VETO]) == 1:
        return tps[0].months
    return None


def _mention_for(text: str, stat: Stat, mentions: list[Mention], stats: list[Stat]
                 ) -> Mention | None:
    """The outcome a number belongs to (see the module docstring, rule ``paired``)."""
    later_stats = [s.start for s in stats if s.start > stat.start]
    limit = min(later_stats) if later_stats else len(text)
    ahead = [m for m in mentions if stat.end <= m.start < limit]
    behind = [m for m in mentions if m.end <= stat.start]
    if stat.kind == "percent" and _SITE_BRACKET.search(text[:stat.start]):
        return None  # "found in the lung (25%)": the number belongs to the site
    if stat.kind in ("count", "fraction", "percent") and _subject_of_verb(text, stat):
        if ahead and ahead[0].start - stat.end <= 80:
            return ahead[0]
        return None
    if behind:
        prev_stats = [s for s in stats if behind[-1].end <= s.start < stat.start]
        if _new_list_item(text[behind[-1].end:stat.start]):
            return None
        if not prev_stats or stat.kind != "count":
            return behind[-1]
    if not behind and ahead and ahead[0].start - stat.end <= 30:
        return ahead[0]
    return None


_LINK_WORDS = frozenset(
    "and or the a an was were is are in of at to with for all patients patient cases rate rates "
    "accounted account concerned reached had has have observed occurred seen found noted "
    "respectively which same time point points overall total by after within during "
    "achieved obtained reported documented presented developed experienced only".split()
)


def _new_list_item(between: str) -> bool:
    """``Distant metastasis concerned 54%, local 7%``: after a comma a new head noun (``local``)
    takes the next number, not the outcome named before the comma."""
    if "," not in between:
        return False
    tail = re.sub(r"\([^)]*\)", " ", between.rsplit(",", 1)[1])
    words = re.findall(r"[A-Za-z]{2,}", tail)
    return any(w.lower() not in _LINK_WORDS for w in words)


def _drop_ambiguous(pairs: list[tuple[Mention, Stat, float | None]]
                    ) -> list[tuple[Mention, Stat, float | None]]:
    """One outcome with several counts in one clause cannot be resolved: drop them."""
    by_mention: dict[int, list[Stat]] = {}
    for m, s, _ in pairs:
        by_mention.setdefault(id(m), []).append(s)
    out = []
    for m, s, t in pairs:
        same = [x for x in by_mention[id(m)] if x.kind in ("count", "fraction", "percent")]
        if s.kind in ("count", "fraction", "percent") and len(same) > 1:
            continue
        out.append((m, s, t))
    return out


def _ambiguous_counts(text: str, stats: list[Stat], outcome_ms: list[Mention]) -> bool:
    """One outcome and several counts in one clause (``resulted in three patients undergoing
    lung resection and three patients undergoing ...``) cannot be resolved."""
    counts = [s for s in stats if s.kind in ("count", "fraction", "percent")
              and not any(m.end <= s.start and _new_list_item(text[m.end:s.start])
                          for m in outcome_ms)]
    return len({m.outcome for m in outcome_ms}) == 1 and len(counts) > 1 and len(outcome_ms) < 2


def _to_candidate(text: str, clause: Clause, mention: Mention, stat: Stat, tp: float | None,
                  context: DocumentContext, base: dict) -> Candidate | None:
    entry = context.lexicon.outcome(mention.outcome)
    measures = entry.measures
    common = dict(ci_low=stat.ci_low, ci_high=stat.ci_high, ci_level=stat.ci_level,
                  range_low=stat.range_low, range_high=stat.range_high, p_value=stat.p_value,
                  rule="paired", **base)
    if stat.kind == "duration":
        measure = _duration_measure(text, clause, mention, stat)
        if measure is None or measure not in measures or stat.start < mention.start:
            return None
        return Candidate(mention.outcome, measure, "stated", value=stat.value, **common)
    has_count = stat.count is not None
    if "rate_at_time" in measures and tp is not None and not has_count:
        return Candidate(mention.outcome, "rate_at_time", "percent", percent=stat.percent,
                         timepoint_months=tp, **common)
    if "proportion" not in measures or (tp is not None and _in_tp_list(tp, clause)
                                        and mention.outcome != "mortality"):
        return None  # "Freedom from X at 1 and 2 years was 90% and 82%": rates, not counts
    if mention.outcome == "mortality":
        tp = tp if tp is not None else _mortality_window(text, clause, context)
    else:
        tp = None
    of_what = re.match(r"\s*of\s+(?:the\s+|all\s+|our\s+|these\s+)?([a-z]+)", text[stat.end:])
    of_patients = not of_what or bool(re.fullmatch(_PATIENT_WORDS, of_what.group(1)))
    basis = "stated" if has_count else "percent"
    lo_, hi_ = sorted((mention.end, stat.start))
    if has_count and stat.total is None and _NOT.search(text[lo_:hi_]):
        basis = "complement"  # "negative margins were not obtained in two patients"
    return Candidate(mention.outcome, "proportion", basis,
                     count=stat.count, total=stat.total, percent=stat.percent,
                     timepoint_months=tp, of_patients=of_patients, **common)


def _in_tp_list(tp: float, clause: Clause) -> bool:
    return any(len(t.months) > 1 and tp in t.months for t in text_to_timepoints(clause.text))


def _duration_measure(text: str, clause: Clause, mention: Mention, stat: Stat) -> str | None:
    window = text[clause.offset:stat.start]
    if re.search(r"follow", text[min(mention.start, stat.start):stat.start], re.IGNORECASE):
        return None
    if re.search(r"\bmedian\b", window, re.IGNORECASE):
        return "median"
    if re.search(r"\b(?:mean|average)\b", window, re.IGNORECASE):
        return "mean"
    return None


def _mortality_window(text: str, clause: Clause, context: DocumentContext) -> float | None:
    """Time point of a mortality statement without an explicit one (``spec/records.md``)."""
    if _AT_FOLLOW_UP.search(text):
        return None
    m = _PERIOPERATIVE.search(text)
    if m is None and _THIS_PHASE.search(text) and _HOSPITAL_PHASE.search(context.previous):
        return 0.0  # "During this phase" after "treated on the intensive care unit"
    word = m.group(0).lower() if m else ""
    if word.startswith("post") and context.mortality_window_months is not None:
        return context.mortality_window_months
    return 0.0 if m else context.assessment_months


def _none_reached(clause: Clause, mentions: list[Mention], context: DocumentContext,
                  base: dict) -> list[Candidate]:
    """``These complications were all grade ≤ II``: no patient reached a graver outcome (the
    lexicon's ``none_when`` patterns), so that outcome is 0 of the cohort."""
    if not any(m.outcome == "complications_any" for m in mentions) or _MOSTLY.search(clause.text):
        return []
    return [Candidate(entry.name, "proportion", "negated", rule="none_reached", **base)
            for entry in context.lexicon.outcomes
            if any(p.search(clause.text) for p in entry.none_when)]


def _negated_or_universal(text: str, clause: Clause, mentions: list[Mention],
                          tps: list[Timepoint], context: DocumentContext, base: dict
                          ) -> list[Candidate]:
    lex = context.lexicon
    if not mentions or _NO_EFFECT.search(text):
        return []
    out = _none_reached(clause, mentions, context, base)
    negation = lex.cue_regex("negation")
    for m in mentions:
        entry = lex.outcome(m.outcome)
        if "proportion" not in entry.measures:
            continue
        before = clause.text[:m.start - clause.offset]
        neg = _NEGATED_BEFORE.search(before[-60:]) or (
            negation.search(before[-60:]) and re.match(r"\W*(?:there\s+(?:was|were)\s+)?no\b",
                                                       clause.text, re.IGNORECASE))
        if neg:
            basis, rule = "negated", "negated"
        elif _UNIVERSAL.search(clause.text) and lex.cue_regex("occurrence").search(clause.text):
            basis, rule = "universal", "universal"
        else:
            continue
        tp = None
        if m.outcome == "mortality":
            tp = _single(tps[0].months) if tps else _mortality_window(clause.text, clause, context)
        out.append(Candidate(m.outcome, "proportion", basis, timepoint_months=tp, rule=rule,
                             **base))
    return out
