"""Things done counted beside the patients they were done in: ``N attempts were made in M
patients``.

A series of procedures states two counts in one phrase: ``130 retrieval attempts were made
in 121 patients``, ``61 stents were placed in 44 patients``, ``45 operations were performed
for 37 patients``. The first counts the things done, the second the patients, and both are
read from here: the cohort readers (:mod:`extract.study.cohort`) take the patients' count as
a statement of the cohort, and the readers of denominators (:mod:`extract.rules.assessed`)
take the procedures' count as the denominator of findings stated per procedure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.study.counts import COUNT, count_to_int

__all__ = ["PROCEDURE_NOUNS", "ThingsDone", "ends_with_things_done", "text_to_things_done"]

#: Characters before a count searched for "<n> <things> were performed in".
WINDOW = 120
#: Nouns that count procedures (not devices or lesions): attempts, sessions, operations.
PROCEDURE_NOUNS = r"(?:procedures?|attempts?|sessions?|interventions?|operations?)"
# "<n> <things> were <done> ... in|on|for": a count of things done, up to three words naming
# them, then the verb and the preposition before the patients' count (the count of things
# comes first: in "a nephrectomy was performed in 2 cases" the 2 cases are a subset)
_DONE = (
    rf"(?<![\w.])(?P<done>{COUNT})\s+(?P<things>(?:[\w\-]+\s+){{0,3}}?)(?:were\s+|was\s+)?"
    r"(?:\w+\s+)?(?P<verb>performed|placed|implanted|inserted|deployed|carried out|done|"
    r"undertaken|made|attempted|conducted)\s+(?:\w+\s+){0,3}?(?:in|on|for)"
)
# (what comes before a count: the phrase ends at it)
_DONE_BEFORE = re.compile(_DONE + r"\s*$", re.IGNORECASE)
_ENDS_IN = re.compile(r"\b(?:in|on|for|from|of)\s*$", re.IGNORECASE)
_DONE_IN_PATIENTS = re.compile(_DONE + rf"\s+(?P<patients>{COUNT})\s+patients\b", re.IGNORECASE)
_PROCEDURE_NOUN = re.compile(rf"\b{PROCEDURE_NOUNS}$", re.IGNORECASE)
# verbs of operating (not of placing a device): what is "performed" in fewer patients is a
# procedure whatever it is called ("376 CEAs", "212 thyroidectomies")
_OPERATING_VERBS = {"performed", "made", "done", "carried out", "undertaken"}
_PLURAL_NOUN = re.compile(r"\b[A-Za-z][\w\-]*s$")


@dataclass(frozen=True)
class ThingsDone:
    """``130 retrieval attempts were made in 121 patients``: 130 things, 121 patients."""

    done: int
    things: str
    patients: int | None
    #: the verb of doing ("performed", "placed"): it tells an operation from a device
    verb: str = field(default="", compare=False)

    @property
    def of_procedures(self) -> bool:
        """The things counted are procedures (attempts, sessions, operations named by what
        they are), not devices."""
        if _PROCEDURE_NOUN.search(self.things):
            return True
        return (self.verb.lower() in _OPERATING_VERBS and bool(_PLURAL_NOUN.search(self.things))
                and self.patients is not None and self.done > self.patients)


def ends_with_things_done(before: str) -> bool:
    """Whether ``before`` (the text before a count) ends in ``61 stents were placed in``.

    Parameters
    ----------
    before : str
        The text before a count of patients; only its last :data:`WINDOW` characters are
        read.

    Returns
    -------
    bool
    """
    tail = before[-WINDOW:]
    # (a cheap test gates the costly one: the phrase ends in its preposition)
    return bool(_ENDS_IN.search(tail[-6:]) and _DONE_BEFORE.search(tail))


def text_to_things_done(text: str) -> list[ThingsDone]:
    """Every ``<n> <things> were <done> in <m> patients`` of a text, in text order.

    Parameters
    ----------
    text : str
        A sentence or a whole document.

    Returns
    -------
    list of ThingsDone
        One per phrase whose count of things done reads as a number.
    """
    found = []
    for m in _DONE_IN_PATIENTS.finditer(text):
        done = count_to_int(m["done"])
        if done is not None:
            found.append(ThingsDone(done, " ".join(m["things"].split()),
                                    count_to_int(m["patients"]), m["verb"]))
    return found
