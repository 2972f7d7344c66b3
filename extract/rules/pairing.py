"""Which number of a clause belongs to which outcome mention.

A number pairs with the outcome its clause names before it, or with the outcome a counted
subject goes on to have (``26 patients had patent stents (79%)``); a new list head after a
comma (``54%, local 7%``) takes the next number; counts of events (``27 recurrences``), of
things (``5 cm``) and inside asides are not patients; one outcome with several counts is
ambiguous and yields nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from extract.rules.lexicon import Lexicon
from extract.rules.nlp import VETO, Mention
from extract.rules.numbers import Stat
from extract.rules.timepoints import Timepoint

PATIENT_WORDS = (r"(?:patients?|cases?|subjects|participants|persons|individuals|women|men|"
                 r"children|infants|neonates|adults)")
#: "Severe morbidity, defined as grade III or above, affected ...": an appositive definition
#: (its words neither name a finding nor start a new list item)
DEFINING_APPOSITION = re.compile(r",\s*(?:defined|classified)\s+as\s+[^,;:()]{3,80},",
                                 re.IGNORECASE)
_SUBJECT_VERB = re.compile(
    rf"^\s*(?:\([^)]*\)\s*)?(?:{PATIENT_WORDS}\s+)?(?:\([^)]*\)\s*)?"
    r"(?:(?:with|without|who)\s+[^,;.()]{2,40}?\s+(?=(?:had|were|was|died|developed)\b))?"
    rf"(?:of\s+(?:the\s+)?"
    rf"{PATIENT_WORDS}\s+(?:in\s+\w+\s+\w+\s+)?)?(?:were\s+|was\s+|had\s+)?(?:also\s+)?"
    r"(?P<verb>had|has|have|were|was|needed|required|underwent|remained|developed|died|"
    r"experienced|presented|showed|suffered|received|achieved|lived|survived|made|became|"
    # "5 of the 44 stented patients": a participle before a patient noun describes the
    # denominator, it is no verb of the count
    rf"reported|[a-z]+ed\b(?!\s+(?:{PATIENT_WORDS})\b))\b",
    re.IGNORECASE,
)
# "12.2% (6/49) of our patients requiring revision surgery": a share of the patients the
# participle that follows describes; the outcome comes after the numbers
_SHARE_THAT = re.compile(
    rf"\s*(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+|our\s+|all\s+|these\s+)?)?{PATIENT_WORDS}\s+"
    r"(?:\([^)]*\)\s*)?(?:requiring|needing|developing|experiencing|undergoing|suffering)\b",
    re.IGNORECASE)
# "two of them concomitant local recurrence", "three of whom had a reoperation": a subset
# of the patients just counted, with the outcome named after it
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those|whom)\b\s*(?:\([^)]*\)\s*)?"
                      r"(?:(?:also\s+)?(?:had|has|with|developed|required|underwent|showed|"
                      r"presented|experienced|suffered)\b)?", re.IGNORECASE)
# at most two modifiers between, none of them starting a cause ("five of them of recurrence")
_SUBSET_GAP = re.compile(r"\s*(?:(?!and\b|or\b|of\b|from\b|due\b|to\b)[\w-]+\s+){0,2}")
_ADJACENT = re.compile(r"\s*,?\s*")
# "2% (2/100) at", "6 patients (6%) at", "5% (n = 5) at": a count's noun and bracket before
# the time point it is dated by
_COUNT_TO_TIME = re.compile(rf"\s*(?:{PATIENT_WORDS}\s*)?(?:[(\[][^()\[\]]*[)\]]\s*)?,?\s*")
#: The rule of a value paired with the time point written right after it.
OWN_TIME = "coordinated"
# "of the fistula in ": a few words of the outcome's object, then "in" before its own count
_OWN_COUNT_GAP = re.compile(r"(?:\s+(?:[\w-]+\s+){0,4}?)?\s*in\s+", re.IGNORECASE)
_NEW_PHRASE = re.compile(r"(?:\band|,)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_MODIFIERS_ONLY = re.compile(r"\s+(?:[\w-]+\s+){0,2}")
_LINKING = re.compile(r"\b(?:and|or|was|were|is|are|had|with|at|in|of|for)\b", re.IGNORECASE)
_SITE_BRACKET = re.compile(r"\b(?:in|of|at|to)\s+(?:the\s+)?(?!patients|cases)[a-z]+\s*[(\[]\s*$",
                           re.IGNORECASE)
# "Twenty patients (50%)", "six of these (2.0%)": a count, its noun, then its percentage
_NOUN_BRACKET = re.compile(rf"\s*(?:{PATIENT_WORDS}\s*)?(?:of\s+(?:these|them|those)\s*)?[(\[]\s*")
# "6% of patients (5/84)", "12% of the cohort (n = 5)": the count of a share in the bracket
# after its patient noun
_SHARE_BRACKET = re.compile(rf"\s+of\s+(?:the\s+|all\s+|our\s+)?(?:[a-z-]+\s+)?"
                            rf"(?:{PATIENT_WORDS}|cohort)\s*[(\[]\s*(?:n\s*=\s*)?",
                            re.IGNORECASE)
# "two postoperative deaths", "three early deaths": deaths of a stated period count patients
# (a patient dies once); a bare "22 deaths" may be events of a longer story and stays out
_DEATHS_FOLLOW = re.compile(r"^\s*(?:(?:intra|peri|post)-?operative|in-?hospital|early|operative|"
                            r"procedur\w*|[\w]+-related|\d+-day)\s+deaths?\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*\(?\s*([A-Za-z][\w-]*)")
_PATIENT_FOLLOW = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:{PATIENT_WORDS}|of\b|out\b|in\b|and\b|"
                             r"other|others|more|additional|consecutive|remaining|[,.;)]|$)",
                             re.IGNORECASE)
_LINK_WORDS = frozenset(
    "and or the a an was were is are in of at to with for all patients patient cases rate rates "
    "accounted account concerned reached had has have observed occurred seen found noted "
    "respectively which same time point points overall total by after within during "
    "achieved obtained reported documented presented developed experienced only".split()
)


def drop_event_and_denominator_mentions(text: str, mentions: list[Mention], stats: list[Stat],
                                         lexicon: Lexicon) -> list[Mention]:
    """``27 recurrences`` counts events and ``54% of recurrences`` names a denominator: in
    neither is the outcome word the outcome of a number, unless counted patients had the
    events (``twelve patients had thirteen complications``)."""
    events = lexicon.cue_regex("event_nouns")
    out = []
    for m in mentions:
        before = text[:m.start]
        patients_before = any(re.match(rf"\s*{PATIENT_WORDS}\b", text[s.end:]) for s in stats
                              if s.end <= m.start and s.kind in ("count", "fraction"))
        if events.fullmatch(m.text.split()[-1]) and not patients_before and any(
                re.fullmatch(r"\s*", before[s.end:]) and s.kind == "count" and s.percent is None
                for s in stats if s.end <= m.start):
            continue
        if any(re.fullmatch(r"\s*of\s+(?:the\s+|all\s+)?", before[s.end:])
               for s in stats if s.end <= m.start and s.kind == "percent"):
            continue
        if any(re.fullmatch(r"\s*", before[s.end:]) and re.search(r"\sof\s", text[s.start:s.end])
               for s in stats if s.end <= m.start and s.kind == "fraction") \
                and not re.search(r"ed$", m.text.split()[-1]):
            # "(40 of 73 reoperations [55%])": a share of the events, by kind ("2 of 7 died",
            # "3 of 12 recurred": a verb, the count is of the patients)
            continue
        out.append(m)
    return out


def patient_stats(text: str, stats: list[Stat], lexicon: Lexicon) -> list[Stat]:
    """Drop counts of things other than patients (``27 recurrences``, ``5 cm``, years)."""
    events = lexicon.cue_regex("event_nouns")
    out = []
    for s in stats:
        if s.kind == "count" and s.percent is None:
            after = text[s.end:s.end + 40]
            nxt = _NEXT_WORD.match(after)
            if nxt and events.fullmatch(nxt.group(1)):
                continue
            if not (_PATIENT_FOLLOW.match(after) or _SUBJECT_VERB.match(after)
                    or _DEATHS_FOLLOW.match(after)):
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


# "(microperforation 9.3%, delayed bleeding 2.7%)": a bracket of labelled items after a value
_LABELLED_ITEM = re.compile(r"[A-Za-z][A-Za-z' -]*?\s*[:=]?\s*$")
_NOT_A_LABEL = re.compile(r"^\s*(?:n|N|p|P|CI|SD|SE|IQR|range|mean|median|HR|OR|RR)\s*[:=]?\s*$")


def drop_bracketed_breakdown(text: str, stats: list[Stat], mentions: list[Mention]
                             ) -> list[Stat]:
    """``a complication rate of 11.5% (microperforation 9.3%, delayed bleeding 2.7%)``: the
    labelled numbers in a bracket right after a value break that value down; they are the
    kinds' numbers, not the outcome's, so they are dropped, unless an outcome of their own
    labels them (``..., 30-day mortality rate 0%)``)."""
    drop: set[int] = set()
    for s in stats:
        if s.kind not in ("percent", "fraction", "count"):
            continue
        opened = re.compile(r"\s*[(\[]").match(text, s.end)
        if not opened:
            continue
        close = _closing(text, opened.end() - 1)
        inner = [x for x in stats if opened.end() <= x.start and x.end <= close]
        if not inner or not _labelled(text[opened.end():inner[0].start]):
            continue
        for prev_end, x in zip([opened.end()] + [x.end for x in inner], inner, strict=False):
            if not any(prev_end <= m.start and m.end <= x.start for m in mentions):
                drop.add(id(x))
    return [s for s in stats if id(s) not in drop]


def _labelled(head: str) -> bool:
    return bool(_LABELLED_ITEM.fullmatch(head)) and not _NOT_A_LABEL.match(head)


def _closing(text: str, start: int) -> int:
    """The position after the bracket opening at ``start`` closes (``len(text)`` if never)."""
    depth = 0
    for i in range(start, len(text)):
        depth += text[i] in "(["
        depth -= text[i] in ")]"
        if depth == 0:
            return i + 1
    return len(text)


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


def join_count_percent(text: str, stats: list[Stat]) -> list[Stat]:
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
        if s.kind == "percent" and s.count is None and nxt is not None \
                and nxt.kind in ("count", "fraction") and nxt.percent is None \
                and _SHARE_BRACKET.fullmatch(text[s.end:nxt.start]) \
                and re.match(r"\s*[)\]]", text[nxt.end:]) and _agrees(nxt, s):
            # "in 6% of patients (5/84)": the share of the patients and its count
            out.append(replace(_joined(nxt, s), start=s.start))
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


def _agrees(count: Stat, pct: Stat) -> bool:
    """Whether a count over its own total rounds to the percentage (a bare count agrees)."""
    if count.total is None or pct.percent is None:
        return True
    return abs(count.count / count.total - pct.percent) <= 0.01


def _joined(count: Stat, pct: Stat) -> Stat:
    return replace(count, percent=pct.percent, ci_low=pct.ci_low, ci_high=pct.ci_high,
                   ci_level=pct.ci_level)


def subject_of_verb(text: str, stat: Stat) -> bool:
    """``26 patients had``, ``8 died``, ``63% of patients presented``: the number is a subject."""
    return bool(_SUBJECT_VERB.match(text[_stat_head_end(text, stat):]))


def _stat_head_end(text: str, stat: Stat) -> int:
    if stat.kind in ("percent", "fraction"):
        return stat.end
    m = re.compile(r"[\w.,/%-]+").match(text, stat.start)
    return m.end() if m else stat.end


class Pair(NamedTuple):
    """A number paired with an outcome mention, its time point and the rule that paired them."""

    mention: Mention
    stat: Stat
    timepoint: float | None
    rule: str


def pair(text: str, mentions: list[Mention], stats: list[Stat], tps: list[Timepoint]
         ) -> list[Pair]:
    """Pair the numbers of a clause with its outcome mentions (rules ``coordinated`` and
    ``paired``)."""
    m_tp = {id(m): _mention_timepoints(text, m, mentions, tps) for m in mentions}
    outcome_ms = [m for m in mentions if m.outcome != VETO]
    own = own_timepoints(text, stats, tps) if len(outcome_ms) == 1 else None
    if own:
        # "79% at 3 years and 74% at 5 years", "2% (2/100) at 30 days and 5% (5/100) at 1
        # year": each value names its own time point
        return [Pair(outcome_ms[0], s, t, OWN_TIME) for s, t in own]
    # one outcome, one list of time points: values map onto the time points
    if len(outcome_ms) == 1 and len(tps) == 1 and len(tps[0].months) > 1:
        # "With a median follow-up of 37 months, the 1- and 3-year rates were ...": a number
        # before the outcome is not one of its values
        stats = [s for s in stats if s.start >= outcome_ms[0].end
                 and not follow_up_duration(text, s)]
        values = [s for s in stats if s.kind in ("percent", "duration")]
        months = tps[0].months
        counted = [s for s in stats if s.kind == "fraction" and s.percent is not None]
        if len(values) != len(months) and len(counted) == len(months) \
                and all(s.kind == "fraction" for s in stats if s.kind != "count"):
            # "30-day and 90-day mortality were 1% (2/200) and 2% (4/200)": a count with its
            # percentage for each time point, in the order the times are named
            values = counted
        if len(values) == len(months):
            return [Pair(outcome_ms[0], s, t, "coordinated")
                    for s, t in zip(values, months, strict=True)]
        if len(values) == 1 and values[0].kind == "percent":
            return [Pair(outcome_ms[0], values[0], t, "coordinated") for t in months]
        return []
    # coordinated: all outcomes named first, then as many values; an item naming no outcome
    # of ours (a veto, "en bloc and R0 resection rates") keeps its place in the list
    items = _listed_items(outcome_ms, mentions)
    # ("..., respectively, over a median follow-up of 40 months": the follow-up's length is
    # no value of the list, and a mention after the values, "median follow-up", no item)
    values = [s for s in stats if items and s.start >= items[0].start
              and not follow_up_duration(text, s)]
    if values:
        items = [m for m in items if m.start < values[-1].end]
    if len(items) > 1 and len(values) == len(items) and outcome_ms \
            and items[-1].end <= values[0].start \
            and all(m.end <= values[0].start for m in mentions if m.start < values[-1].end):
        shared = single(tps[0].months) if len(tps) == 1 else None
        return [Pair(m, s, single(m_tp[id(m)]) or shared, "coordinated")
                for m, s in zip(items, values, strict=True) if m.outcome != VETO]
    out = []
    subjects: set[int] = set()
    for stat in stats:
        mention = _mention_for(text, stat, mentions, stats)
        if mention is not None:
            out.append(Pair(mention, stat, single(m_tp[id(mention)]), "paired"))
            if subject_of_verb(text, stat):
                subjects.add(id(mention))
    # "Eight patients died, 7 of X and 1 of Y": the counts after the subject break it down
    out = [p for p in out if id(p.mention) not in subjects or subject_of_verb(text, p.stat)
           or p.stat.kind == "duration"]
    whole = whole_cohort_stat(text, [p.stat for p in out])
    if whole is not None:
        # "61% for the entire cohort, 68% after A and 55% after B": the cohort's value
        # among its arms' values is the finding of all (the arms' are left to the arm rules)
        holder = next(p.mention for p in out if p.stat is whole)
        out = [p for p in out if p.mention is not holder or p.stat is whole
               or p.stat.kind == "duration"]
    return _drop_ambiguous(out + _shared_subject(text, out, outcome_ms))


# "... were grade IIIb and required reoperation": a second predicate of the same subject
_AND_PREDICATE = re.compile(r"\s*(?:complications?\s*)?,?\s*and\s+(?:also\s+|then\s+)?"
                            r"(?:required|needed|underwent|had|developed|suffered)\s+"
                            r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)


def _shared_subject(text: str, pairs: list[Pair], outcome_ms: list[Mention]) -> list[Pair]:
    """``Six of these (2%) were Clavien-Dindo grade IIIb and required return to theatre``:
    the counted subject of one outcome also has the outcome of a predicate joined to it by
    ``and``, when that outcome has no number of its own."""
    paired = {id(p.mention) for p in pairs}
    out = []
    for p in pairs:
        if not subject_of_verb(text, p.stat) and not _OF_THEM.match(text, p.stat.end):
            continue
        later = [m for m in outcome_ms if m.start >= p.mention.end]
        if later and id(later[0]) not in paired and later[0].outcome != p.mention.outcome \
                and _AND_PREDICATE.fullmatch(text[p.mention.end:later[0].start]):
            out.append(Pair(later[0], p.stat, p.timepoint, "paired"))
    return out


_WHOLE_AFTER = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:(?:for|in|of)\s+(?:the\s+)?(?:entire|whole|overall|total)\s+"
    r"(?:cohort|series|population|study\s+population|sample)|(?:for|in)\s+all\s+(?:patients|"
    r"cases)|overall)\b", re.IGNORECASE)


def whole_cohort_stat(text: str, stats: list[Stat]) -> Stat | None:
    """The one rate or count among several that the text marks as the whole cohort's (``61%
    for the entire cohort, 68% after A and 55% after B``), else ``None``."""
    counted = [s for s in stats if s.kind in ("count", "fraction", "percent")]
    marked = [s for s in counted if _WHOLE_AFTER.match(text, s.end)]
    return marked[0] if len(counted) > 1 and len(marked) == 1 else None


def _listed_items(outcome_ms: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """The outcomes of a coordinated list with the vetoes listed among them, from the first
    outcome back to a veto right before it; only the outcomes when no veto is listed."""
    if not outcome_ms:
        return []
    first = mentions.index(outcome_ms[0])
    lead = [m for m in mentions[max(0, first - 1):first] if outcome_ms[0].start - m.end <= 6]
    return lead + [m for m in mentions if m.start >= outcome_ms[0].start]


# "..., the median follow-up time 25 months", "(median follow-up, 41 months)": the length of
# the follow-up, which is no value of the outcome the clause reports
_FOLLOW_UP_BEFORE = re.compile(r"\bfollow[- ]?up\b[^\d;%]{0,20}$", re.IGNORECASE)


def follow_up_duration(text: str, stat: Stat) -> bool:
    """Whether ``stat`` is a duration the text names as the follow-up's length."""
    return stat.kind == "duration" and bool(
        _FOLLOW_UP_BEFORE.search(text[max(0, stat.start - 40):stat.start]))


def own_timepoints(text: str, stats: list[Stat], tps: list[Timepoint]
                    ) -> list[tuple[Stat, float]] | None:
    """Each value with the single time point written right after it, when there are two or
    more and every value of the clause has one; else ``None``.

    A value is a rate (``79% at 3 years``) or a count with its percentage, its patient noun
    or its bracket between it and the time (``2% (2/100) at 30 days``, ``6 patients (6%) at
    30 days``): a series of one outcome over time, never several counts to choose from.
    """
    values = [s for s in stats if s.kind == "percent" and s.count is None
              or s.kind in ("count", "fraction") and s.percent is not None]
    if len(values) < 2 or len(tps) < len(values):
        return None
    out = []
    for s in values:
        gap = _ADJACENT if s.count is None else _COUNT_TO_TIME
        tp = next((t for t in tps if len(t.months) == 1 and t.start >= s.end
                   and gap.fullmatch(text[s.end:t.start])), None)
        if tp is None:
            return _times_before(text, values, tps)
        out.append((s, tp.months[0]))
    return out if len({t for _, t in out}) == len(out) else None


# "at 3 months was 87%, at 12 months 81%": a verb, a colon or nothing between a time and its value
_TIME_TO_VALUE = re.compile(r"\s*,?\s*(?:(?:was|were|of|reached)\s+|[:=]\s*)?")


def _times_before(text: str, values: list[Stat], tps: list[Timepoint]
                  ) -> list[tuple[Stat, float]] | None:
    """Each value with the single time point written right before it (``Clinical success at 3
    months was 87%, at 12 months 81% and at 24 months 75%``), when every value has its own."""
    out = []
    for s in values:
        tp = next((t for t in reversed(tps) if len(t.months) == 1 and t.end <= s.start
                   and _TIME_TO_VALUE.fullmatch(text[t.end:s.start])), None)
        if tp is None:
            return None
        out.append((s, tp.months[0]))
    return out if len({t for _, t in out}) == len(out) else None


def _without(text: str, mentions: list[Mention], offset: int) -> str:
    """``text`` (starting at ``offset``) with the mentions' words removed."""
    for m in sorted(mentions, key=lambda m: -m.start):
        text = text[:m.start - offset] + text[m.end - offset:]
    return text


def single(months: tuple[float, ...] | None) -> float | None:
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
        # "5-year overall and disease-free survival": coordinated outcomes share the time point
        others = [m for m in mentions if tp.end <= m.start < mention.start]
        if others and 0 <= mention.start - tp.end <= 40 and re.fullmatch(
                r"[\s,]*(?:(?:and|or)\s*)?", _without(before, others, tp.end)):
            return tp.months
        # "mortality at 30 days", "Primary patency was 85% at 12 months" (an aside in
        # brackets between does not count: "complications (stroke or death) within 30 days")
        if 0 <= tp.start - mention.end - aside_length(after) <= 40 \
                and re.fullmatch(r"[\s\w,.%()-]*", after) \
                and not any(mention.end <= m.start < tp.start for m in mentions) \
                and not _dates_next(text, tp, mention, mentions):
            return tp.months  # (not "X was 5% and 90-day Y 9%": that time is Y's)
    if _OWN_PERIOD.match(text, mention.end):
        return None  # "39% required X during the entire follow-up": not the time before
    if len(tps) == 1 and len([m for m in mentions if m.outcome != VETO]) == 1:
        return tps[0].months
    opening = leading_timepoint(text, tps, mentions)
    if opening is not None and opening.end <= mention.start:
        # "At 2 years, survival was 88% and freedom from relapse 80%", "Estimates at 3 years
        # were: ...": a time opening the sentence dates every outcome it goes on to name
        return opening.months
    gapped = [tp for tp in tps if len(tp.months) == 1 and tp.end <= mention.start]
    if len(tps) == 1 and gapped and _GAPPED.search(text[gapped[0].end:mention.start]) \
            and re.match(r"\s*\d", text[mention.end:]):
        # "survival at 5 years was 92% and freedom from reoperation 95%": the second outcome
        # leaves out the time and the verb it shares with the first
        return gapped[0].months
    return None


_OWN_PERIOD = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,3}?"
                         r"(?:during|over|throughout|at|by)\s+(?:the\s+)?(?:entire\s+|whole\s+|last\s+|latest\s+|total\s+)?"
                         r"follow[- ]?up\b", re.IGNORECASE)
_GAPPED = re.compile(r"^\s+(?:was|were)\s+\d+(?:\.\d+)?\s*%\s*(?:\([^()]*\)\s*)?"
                     r"(?:,\s*)?and\s+(?:the\s+)?(?:[\w-]+\s+){0,6}$", re.IGNORECASE)


# "At 2 years,", "Estimates at 3 years were:": a time point opening the sentence, set off by a
# comma or colon before the first outcome
_LEAD_BEFORE = re.compile(r"[^\d%;]{0,40}")
_LEAD_GAP = re.compile(r"[^\d%;]*[,:][^\d%;]*")


def leading_timepoint(text: str, tps: list[Timepoint], mentions: list[Mention]
                      ) -> Timepoint | None:
    """The single time point that opens a sentence and dates all it says (``At 2 years,
    survival was 80% and freedom from X 90%``, ``Estimates at 3 years were: ...``), or
    ``None``: it comes before every outcome, no number comes before it, and a comma or colon
    sets it off from the first outcome."""
    # both lists are in text order; only the first of each is looked at (a run-on sentence
    # of thousands of clauses asks this once per clause)
    first = tps[0] if tps else None
    outcome = next((m for m in mentions if m.outcome != VETO), None)
    if first is None or outcome is None or len(first.months) != 1 or outcome.start < first.end \
            or first.start > 40:
        return None
    if _LEAD_BEFORE.fullmatch(text[:first.start]) \
            and _LEAD_GAP.fullmatch(text[first.end:outcome.start]):
        return first
    return None


def _dates_next(text: str, tp: Timepoint, mention: Mention, mentions: list[Mention]) -> bool:
    """``In-hospital mortality was 6% and 90-day mortality 10%``: a time point written as the
    modifier of a later outcome (``90-day mortality``) is that outcome's, not the one before."""
    return any(m.start >= tp.end and m is not mention and m.outcome != VETO
               and re.fullmatch(r"[\s-]*(?:[A-Za-z][\w-]*\s+){0,2}", text[tp.end:m.start])
               and not _LINKING.search(text[tp.end:m.start]) for m in mentions)


def aside_length(between: str) -> int:
    """How many characters of ``between`` are bracketed asides without numbers."""
    return sum(len(m.group(0)) for m in re.finditer(r"\([^()\d]*\)", between))


def _mention_for(text: str, stat: Stat, mentions: list[Mention], stats: list[Stat]
                 ) -> Mention | None:
    """The outcome a number belongs to (see the module docstring, rule ``paired``)."""
    later_stats = [s.start for s in stats if s.start > stat.start]
    limit = min(later_stats) if later_stats else len(text)
    ahead = [m for m in mentions if stat.end <= m.start < limit]
    behind = [m for m in mentions if m.end <= stat.start]
    if stat.kind == "percent" and _SITE_BRACKET.search(text[:stat.start]):
        return None  # "found in the lung (25%)": the number belongs to the site
    subset = _OF_THEM.match(text, stat.end) if stat.kind == "count" else None
    if subset and ahead and _SUBSET_GAP.fullmatch(text[subset.end():ahead[0].start]):
        return ahead[0]  # "Nine patients had distant relapse, two of them local recurrence"
    share = _SHARE_THAT.match(text, stat.end) if stat.kind in ("fraction", "percent") else None
    if share and ahead and re.fullmatch(r"\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}",
                                        text[share.end():ahead[0].start]):
        return ahead[0]  # "requiring revision surgery", "needing an early reoperation"
    if stat.kind in ("count", "fraction", "percent") and subject_of_verb(text, stat):
        if ahead and ahead[0].start - stat.end <= 80 and not (
                _treated_subject(text, stat) and _own_count_after(text, ahead[0], stats)):
            return ahead[0]
        return None
    if ahead and _NEW_PHRASE.search(text[:stat.start]) \
            and _MODIFIERS_ONLY.fullmatch(text[stat.end:ahead[0].start]):
        return ahead[0]  # "... of 3.2% and a 1.7% 30-day readmission rate": a new phrase
    if behind:
        prev_stats = [s for s in stats if behind[-1].end <= s.start < stat.start]
        if _new_list_item(text[behind[-1].end:stat.start]):
            return None
        if not prev_stats or stat.kind != "count":
            return behind[-1]
    if not behind and ahead and ahead[0].start - stat.end <= 30 \
            and not re.search(r"[,;]", text[stat.end:ahead[0].start]):
        return ahead[0]
    return None


def _treated_subject(text: str, stat: Stat) -> bool:
    """``40 patients underwent stenting``, ``22 (90%) received a graft``: the count is of the
    treated, whatever outcome the sentence goes on to name."""
    m = _SUBJECT_VERB.match(text[_stat_head_end(text, stat):])
    return bool(m) and m["verb"].lower() in ("underwent", "received", "treated")


def _own_count_after(text: str, mention: Mention, stats: list[Stat]) -> bool:
    """``... achieving complete resolution of the leak in 31 (78%) patients``: the outcome is
    followed by a count of its own, introduced by ``in``."""
    return any(s.start >= mention.end and _OWN_COUNT_GAP.fullmatch(text[mention.end:s.start])
               for s in stats if s.kind in ("count", "fraction", "percent"))


def _new_list_item(between: str) -> bool:
    """``Distant metastasis concerned 54%, local 7%``: after a comma a new head noun (``local``)
    takes the next number, not the outcome named before the comma."""
    between = DEFINING_APPOSITION.sub(" ", between)
    if "," not in between:
        return False
    tail = re.sub(r"\([^)]*\)", " ", between.rsplit(",", 1)[1])
    words = re.findall(r"[A-Za-z]{2,}", tail)
    return any(w.lower() not in _LINK_WORDS for w in words)


def _drop_ambiguous(pairs: list[Pair]) -> list[Pair]:
    """One outcome with several counts in one clause cannot be resolved: drop them."""
    by_mention: dict[int, list[Stat]] = {}
    for p in pairs:
        by_mention.setdefault(id(p.mention), []).append(p.stat)
    out = []
    for p in pairs:
        same = [x for x in by_mention[id(p.mention)]
                if x.kind in ("count", "fraction", "percent")]
        if p.stat.kind in ("count", "fraction", "percent") and len(same) > 1:
            continue
        out.append(p)
    return out


def ambiguous_counts(text: str, stats: list[Stat], outcome_ms: list[Mention],
                     mentions: list[Mention] | None = None) -> bool:
    """One outcome and several counts in one clause (``resulted in three patients undergoing
    lung resection and three patients undergoing ...``) cannot be resolved, unless the
    outcome is listed with a veto (``the en bloc and R0 resection rates``: ``mentions``)."""
    if mentions is not None and len(_listed_items(outcome_ms, mentions)) > 1:
        return False
    first = min((m.start for m in outcome_ms), default=len(text))
    # numbers before the outcome pair only forward, after a new list head only with it
    counts = [s for s in stats if s.kind in ("count", "fraction", "percent")
              and (s.start > first or subject_of_verb(text, s))
              and not any(m.end <= s.start and _new_list_item(text[m.end:s.start])
                          for m in outcome_ms)]
    return len({m.outcome for m in outcome_ms}) == 1 and len(counts) > 1 and len(outcome_ms) < 2
