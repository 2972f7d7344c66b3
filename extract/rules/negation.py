"""Findings without a number: negated (``no recurrence``), universal (``recurrence occurred in
all patients``) and none-reached (``all complications were grade ≤ II``) statements, all
measured against the cohort (or the counted patients the sentence opens with).

A negation is no count of none when it is an inference or a claim, a condition of the
protocol, a denied change (``no increase in``), an outcome denied only alone (``no isolated``,
``no other``), one site of the body, or about a qualified subset (:func:`not_a_statement_of_none`).
"""

from __future__ import annotations

import re

from extract.rules.clauses import NEGATED_LIST, Clause
from extract.rules.findings import (
    COMPLICATIONS,
    Candidate,
    DocumentContext,
    complication_timepoint,
    mortality_timepoint,
)
from extract.rules.lexicon import Lexicon
from extract.rules.nlp import Mention
from extract.rules.numbers import WORD_NUMBER, parse_number
from extract.rules.pairing import PATIENT_WORDS, single
from extract.rules.timepoints import Timepoint

_UNIVERSAL = re.compile(rf"\b(?:all\s+(?:(?:the|of\s+the|\w+)\s+)?{PATIENT_WORDS}|every\s+"
                        rf"(?:patient|case)|(?:in|for)\s+all\b|all\s+\w+\s+{PATIENT_WORDS})",
                        re.IGNORECASE)
# "Technical success was achieved for all 45 lesions": a success counted over all of its own
# units after "for" (only a success: "complications were reported for all 64 patients" says
# who was followed, not that each had one)
_FOR_ALL_COUNTED = re.compile(rf"\bfor\s+all\s+(?:of\s+)?(?:the\s+)?(?:\d+|{WORD_NUMBER})\s",
                              re.IGNORECASE)
# Words allowed between a negation and its outcome: modifiers, not other nouns ("without
# surgery died" does not negate death).
_MODIFIER = (r"(?:[a-z]+(?:-[a-z]+)?(?:al|ive|ic|ous|ed|ing|ary|ant|ent|ible|able)|major|severe|"
             r"serious|"
             r"further|any|other|new|early|late|local|distant|or|and|procedure|procedure-related|"
             r"device-related|wound|organ|dysfunction|grade|clavien-dindo|[ivx]+a?|higher|more|"
             # "no donor mortality": the people the cohort is, named before the outcome
             r"donor|patient|"
             r"in-hospital|30-day|90-day|perioperative|post-procedure)")
_NEGATED_BEFORE = re.compile(rf"\b(?:no|none|without|neither|nor)\s+(?:{_MODIFIER}\s+){{0,4}}$"
                             # "..., and no patient developed metastases": a denied subject
                             rf"|\b(?:no|none\s+of\s+the)\s+{PATIENT_WORDS}\s+(?:had|has|have|"
                             rf"required|needed|underwent|suffered|[a-z]+ed)\s+(?:an?\s+)?"
                             rf"(?:{_MODIFIER}\s+){{0,3}}$",
                             re.IGNORECASE)
# "None of the patients died", "There were no ...": the clause opens with its negation
_NEGATED_START = re.compile(r"\W*(?:there\s+(?:was|were)\s+)?(?:no|none|neither)\b",
                            re.IGNORECASE)
# "the 30-day mortality rate was zero", "mortality: nil": a zero word after the outcome
_ZERO_AFTER = re.compile(r"(?:\s+rates?)?\s*(?:\b(?:was|were|is|are|of)\s+(?:both\s+|all\s+)?"
                         r"(?:zero|nil)|"
                         r":\s*(?:zero|nil|none))\b", re.IGNORECASE)
# "reintervention was not required in any patient", "recurrence did not occur in any case":
# the outcome denied for every patient after it is named
_NONE_AFTER = re.compile(r"\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
                         r"(?:not\s+(?:required|needed|necessary|performed|observed|seen|encountered|recorded|registered|noted|"
                         r"reported|documented|found|detected)\s+(?:in|for|among)\s+any\b|"
                         r"(?:required|needed|performed|observed|seen|recorded|found)\s+in\s+"
                         r"no\s+(?:patients?|cases?)\b)|\s+did\s+not\s+(?:occur|develop|arise)\s+"
                         r"in\s+any\b|\s+occurred\s+in\s+none\b"
                         # "grade III complications were not registered", "mortality was not
                         # observed during follow-up": denied for the cohort, the clause's end
                         # ("not recorded", "not reported" say the data are missing)
                         r"|\s+(?:was|were|has\s+been|have\s+been)\s+not\s+(?:observed|seen|"
                         r"encountered|registered|noted|detected|found)\b(?=\s*(?:[,.;)]|$|"
                         r"(?:during|at|in)\s+(?:the\s+)?(?:follow|postoperative|perioperative|"
                         r"early|late)))", re.IGNORECASE)
# "no evidence of recurrence", "remained without reintervention": a complement cue that is
# itself a negation (the outcome is denied, not its opposite)
_NEGATING_CUE = re.compile(r"\b(?:(?:no|without)\s+evidence\s+of|"
                           r"(?:remained|remain|were|was|stayed)\s+without)\s+(?:[\w-]+\s+){0,4}$",
                           re.IGNORECASE)
# "TIPS was created successfully in all patients": a success outcome names its own occurrence
# "the margins were negative in all patients": a mention that carries its own predicate
_SUCCESS_WORDS = re.compile(r"success|as intended|as planned|achieved|\b(?:was|were)\s+\w",
                            re.IGNORECASE)
# "without increasing complications", "no increase in mortality": a claim about a change, not
# a count of none
_NO_CHANGE = re.compile(r"\b(?:no|without)\s+(?:an?\s+|any\s+)?(?:increas\w*|higher|greater|"
                        r"excess\w*|additional|added|rise|worse\w*)\b(?!\s+(?:than|or)\b)",
                        re.IGNORECASE)
# "no exclusive local recurrence", "no isolated distant relapse": none had it *alone*, which
# says nothing of how many had it; "no other complications" follows the ones there were
_NONE_ALONE = re.compile(r"\b(?:no|without)\s+(?:an?\s+|any\s+)?(?:exclusive|isolated|pure|sole|"
                         r"other)\b", re.IGNORECASE)
# "Of the 40 patients, none died", "In 30 patients, ... without a transfusion": the
# negation counts the patients the sentence opens with; "Of the 12 patients with leaks, none
# required reoperation": a qualified subgroup, not the cohort
_COUNTED_LEAD = re.compile(rf"^\W*(?:in|among|of)\s+(?:the\s+|these\s+|those\s+)?"
                           rf"(?P<n>\d+|{WORD_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:patients|cases)\b"
                           r"(?P<qualified>\s+(?:with|without|who|undergoing|treated|receiving)\b)?",
                           re.IGNORECASE)
# "successful in all 64 treated limbs", "patent in all twelve grafts": a universal finding with
# its own count is over that many units (limbs, kidneys, lesions), not the patient cohort; a
# qualified subset ("all 5 patients with cirrhosis") is not the whole and is left alone
_COUNTED_ALL = re.compile(rf"\ball\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?"
                          rf"(?P<n>\d+|{WORD_NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?[a-z]+s\b"
                          r"(?!\s+(?:with|without|who|whom|undergoing|treated|receiving|in\s+whom)\b)",
                          re.IGNORECASE)
# "discharged on day 2 if no complications arose": a condition of the protocol, not a finding
_CONDITION = re.compile(r"\b(?:if|unless|provided|whether|in case|in the event)\b[^,;:]*$",
                        re.IGNORECASE)
# "our results suggest that ...", "this study demonstrates that ...": an inference the
# authors draw, which states no count; "can be performed": a claim about the method
_INFERENCE = re.compile(r"\b(?:suggest|demonstrat|indicat|show|conclud|confirm|prove|believe)"
                        r"\w*\s+that\b|\b(?:can|could|may|might|should)\s+be\s+\w+ed\b")
# "no major complications at the donor site", "access-site complications": an outcome at
# one site of the body, not of the patient
_SITE_AFTER = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:at|in|of|on)\s+the\s+(?:[\w-]+\s+){0,2}sites?\b",
                         re.IGNORECASE)
_SITE_BEFORE = re.compile(r"\b[\w]+[- ]site\s+$", re.IGNORECASE)
# "the leak healed without reoperation", "the haematoma resolved without any intervention":
# the patients who had that event, not the cohort, went without the outcome
_RESOLVED_WITHOUT = re.compile(rf"\b(?:resolved|healed|settled|subsided|disappeared|regressed)\s+"
                               rf"(?:\w+\s+){{0,3}}?without\s+(?:{_MODIFIER}\s+){{0,4}}$",
                               re.IGNORECASE)
_MOSTLY = re.compile(r"\b(?:mostly|mainly|majority|most|predominantly|usually|largely)\b",
                     re.IGNORECASE)
NO_EFFECT = re.compile(r"\bsignifican|\bdiffer|\bassociat|\bcorrelat|\bpredict|\beffect\b|"
                        r"\bimpact\b|\binfluenc|\bfactor", re.IGNORECASE)


def negated_here(clause: Clause, mention: Mention, lexicon: Lexicon) -> bool:
    """A negation word right before the outcome (``without intraoperative mortality``)."""
    before = clause.text[:mention.start - clause.offset][-40:]
    return bool(_NEGATED_BEFORE.search(before)) and not NO_EFFECT.search(clause.text) \
        and not _NO_CHANGE.search(before)


def zero_here(clause: Clause, mention: Mention) -> bool:
    """A zero word right after the outcome (``30-day mortality was nil and ...``, ``..., grade
    III complications were not registered``): a count of none even when the clause counts
    another outcome too."""
    after = clause.text[mention.end - clause.offset:]
    return bool(_ZERO_AFTER.match(after) or _NONE_AFTER.match(after))


# "Thirty-day and in-hospital mortality", "in-hospital or 90-day deaths": a hospital-stay
# window joined to a stated time point names one more time of the same outcome (0 months)
_STAY = r"(?:in-?hospital|peri-?operative|operative)"
_STAY_BEFORE = re.compile(rf"\b{_STAY}\s+(?:and|or)\s+$", re.IGNORECASE)
_STAY_BETWEEN = re.compile(rf"\s*(?:and|or)\s+{_STAY}\s+", re.IGNORECASE)


def _denied_times(clause: Clause, mention: Mention, tps: list[Timepoint]) -> list[float]:
    """The time points a statement of none covers: every time of a list it names (``no 30-day
    and 90-day mortality``, ``no deaths at 30 or 90 days``), with the hospital stay (0) when
    a stay's window is joined to them; empty when it names none or several separate ones."""
    if len(tps) != 1:
        return []
    tp, off = tps[0], clause.offset
    between = clause.text[tp.end - off:mention.start - off]
    stay = bool(_STAY_BEFORE.search(clause.text[:max(0, tp.start - off)])
                or _STAY_BETWEEN.fullmatch(between)
                # the stay may open the outcome's own words ("and in-hospital mortality")
                or re.fullmatch(r"\s*(?:and|or)\s*", between)
                and re.match(_STAY, mention.text, re.IGNORECASE))
    if len(tp.months) < 2 and not stay:
        return []
    return list(dict.fromkeys(tp.months + ((0.0,) if stay else ())))


def _denied_kind(clause_text: str, before: str) -> bool:
    """An outcome heading an item of a denied list (``No adverse events such as bleeding,
    mediastinitis, the need for reoperation ...``): only the item's own modifiers before it
    (``central nervous system complications`` is another kind, not complications)."""
    cue = list(re.finditer(r"\b(?:such\s+as|including)\b", before, re.IGNORECASE))
    if not cue or not NEGATED_LIST.match(clause_text):
        return False
    item = re.split(r",|\bor\b|\band\b", before[cue[-1].end():])[-1]
    words = re.sub(r"^\s*(?:the\s+)?(?:need\s+for|any)\s+", "", item, flags=re.IGNORECASE).split()
    return all(re.fullmatch(_MODIFIER, w, re.IGNORECASE) for w in words)


def _lead_count(lead: re.Match[str] | None) -> int | None:
    """The number of patients a sentence opens with (``Of the 40 patients, ...``)."""
    number = parse_number(lead.group("n")) if lead else None
    return None if number is None else int(number)


def _fixed_time(clause: Clause, tps: list[Timepoint]) -> float | None:
    """``improved in all 12 at 3 months``, ``At 6 months, all were patent``: the one fixed
    time ``at`` which a universal finding is stated dates it (gold guide: a stated fixed
    follow-up time is that time); a window or a list of times does not."""
    own = [t for t in tps if clause.offset <= t.start < clause.offset + len(clause.text)]
    if len(own) != 1 or len(own[0].months) != 1:
        return None
    words = clause.text[own[0].start - clause.offset:own[0].end - clause.offset]
    return own[0].months[0] if re.match(r"at\b", words, re.IGNORECASE) else None


def _denied_alone(before: str) -> bool:
    """``no other complications`` right before the outcome; in ``no other complications and
    no deaths`` the deaths have a negation of their own, which denies them outright."""
    denials = list(re.finditer(r"\b(?:no|without)\b", before, re.IGNORECASE))
    return bool(denials and _NONE_ALONE.match(before, denials[-1].start()))


def not_a_statement_of_none(text: str, clause: Clause, mention: Mention) -> bool:
    """Why a negated outcome may count no patients: an inference or a claim (``our results
    suggest ... without increasing complications``), a condition (``if no complications
    arose``), a change denied (``no increase in mortality``), an outcome denied only alone
    (``no isolated local recurrence``), one site of the body (``no complications at the
    donor site``), a qualified subset (``Of the 12 patients with leaks, none ...``) or the
    patients who had another event (``the leak healed without reoperation``)."""
    before = clause.text[:mention.start - clause.offset]
    after = clause.text[mention.end - clause.offset:]
    lead = _COUNTED_LEAD.match(text)
    return bool(_INFERENCE.search(text) or (lead and lead.group("qualified"))
                or _CONDITION.search(before)
                or _RESOLVED_WITHOUT.search(before[-80:])
                or _NO_CHANGE.search(before[-60:]) or _denied_alone(before[-60:])
                or _SITE_AFTER.match(after) or _SITE_BEFORE.search(before))


def _none_reached(clause: Clause, mentions: list[Mention], context: DocumentContext,
                  base: dict) -> list[Candidate]:
    """``These complications were all grade ≤ II``: no patient reached a graver outcome (the
    lexicon's ``none_when`` patterns), so that outcome is 0 of the cohort."""
    if not any(m.outcome == "complications_any" for m in mentions) or _MOSTLY.search(clause.text):
        return []
    return [Candidate(entry.name, "proportion", "negated", rule="none_reached", **base)
            for entry in context.lexicon.outcomes
            if any(p.search(clause.text) for p in entry.none_when)]


def negated_or_universal(text: str, clause: Clause, mentions: list[Mention],
                          tps: list[Timepoint], context: DocumentContext, base: dict
                          ) -> list[Candidate]:
    lex = context.lexicon
    if not mentions or NO_EFFECT.search(text):
        return []
    out = _none_reached(clause, mentions, context, base)
    negation = lex.cue_regex("negation")
    for m in mentions:
        entry = lex.outcome(m.outcome)
        if "proportion" not in entry.measures:
            continue
        before = clause.text[:m.start - clause.offset]
        after = clause.text[m.end - clause.offset:]
        neg = _NEGATED_BEFORE.search(before[-60:]) or _denied_kind(clause.text, before) or (
            negation.search(before[-60:]) and _NEGATED_START.match(clause.text)) or \
            _ZERO_AFTER.match(after) or _NONE_AFTER.match(after)
        universal = _UNIVERSAL.search(clause.text) or (
            _SUCCESS_WORDS.search(m.text) and _FOR_ALL_COUNTED.search(clause.text))
        if (neg or universal) and not_a_statement_of_none(text, clause, m):
            continue
        if m.complement and not _NEGATING_CUE.search(before[-60:]):
            # "All patients remained free of recurrence": none had it; "no patient had a
            # positive margin", "none was free of pain": all had the outcome
            if neg:
                basis, rule = "universal", "negated_complement"
            elif universal:
                basis, rule = "negated", "universal_complement"
            else:
                continue
        elif neg:
            basis, rule = "negated", "negated"
        elif universal and (lex.cue_regex("occurrence").search(clause.text)
                            or _SUCCESS_WORDS.search(m.text)):
            basis, rule = "universal", "universal"
        else:
            continue
        tp = None
        times = _denied_times(clause, m, tps) if m.outcome == "mortality" and neg else []
        if m.outcome == "mortality":
            tp = single(tps[0].months) if tps else mortality_timepoint(clause.text, clause, context)
        elif m.outcome in COMPLICATIONS:
            tp = complication_timepoint(clause.text, context.complication_window_months)
        elif basis == "universal":
            tp = _fixed_time(clause, tps)
        lead = _COUNTED_LEAD.match(text)
        group_n = _lead_count(lead)
        counted = _COUNTED_ALL.search(clause.text) if basis == "universal" else None
        if counted and group_n is None:
            group_n = _lead_count(counted)
        for time in times or [tp]:
            out.append(Candidate(m.outcome, "proportion", basis, timepoint_months=time,
                                 rule=rule, group_n=group_n, **base))
    return out
