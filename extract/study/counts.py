"""Counts of people as papers write them: digits (``41``, ``1,007``) or English words
(``Forty-one``, ``A hundred``, ``One hundred and twenty-six``)."""

from __future__ import annotations

import re

from extract.rules.term_pattern import literal_alternation

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# (as prefix trees: a count is looked for at every position of every sentence, and a tree
# gives a position up at its first letter where the flat list tries every word; a longer
# word is still tried before its prefix, "seventeen" before "seven")
_UNIT_WORDS = literal_alternation(w for w in _UNITS if w not in ("zero", "no"))
_TEN_WORDS = literal_alternation(_TENS)
_BELOW_HUNDRED = rf"(?:(?:{_TEN_WORDS})(?:[\s\-‑–](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})"
# thousands set apart by a space, thin or narrow no-break space ("1 234"): one group of three
# digits after one to three, no digit group before or after it ("at 1 3 5 years", "n = 12 34",
# "Table 3 120 patients" are no such number)
_SEP = "[ \u00a0\u2009\u202f]"
#: A count whose thousands are set apart by a space (``1 234``, ``2\u2009045``).
SPACED_THOUSANDS = (rf"(?<!\d{_SEP})(?<!Table )(?<!Fig\. )(?<!Figure )\d{{1,3}}{_SEP}\d{{3}}"
                    rf"(?!\d|{_SEP}\d)")
#: The nouns a count of people is stated with ("41 patients", "12 pts", "208 donors"): one list
#: for every reader of cohort sizes and arms. ("pts" is how abstracts short of space write
#: patients; people named by their role count too: "208 consecutive kidney donors", "40
#: healthy volunteers".)
PEOPLE = (r"(?:patients?|pts|cases|subjects|participants|individuals|persons|children|adults|"
          r"women|men|boys|girls|(?:septua|octo|nona)genarians|donors|volunteers)")
#: A count written in digits (``41``, ``1,007``, ``1 007``) or in English words up to nine
#: hundred and ninety-nine (``Forty-one``, ``A hundred``, ``One hundred and twenty-six``).
COUNT = (
    rf"(?:{SPACED_THOUSANDS}|\d{{1,3}}(?:,\d{{3}})?|\d{{1,5}}|(?:(?:a|{_UNIT_WORDS})[\s\-]hundred"
    rf"(?:[\s\-](?:and\s+)?{_BELOW_HUNDRED})?)|{_BELOW_HUNDRED})"
)


#: Whether a text may hold a count at all: a digit, or a number word where a word begins. Every
#: reader of counts puts its count after a space, a bracket or punctuation, so a text this
#: misses holds none of them (a cheap test before the many costly ones).
MAY_COUNT = re.compile(rf"\d|\b(?:a[\s\-]hundred|{_UNIT_WORDS}|{_TEN_WORDS})", re.IGNORECASE)


def count_to_int(token: str) -> int | None:
    """Parse a count written as digits (``41``, ``1,024``, ``1 024``) or English words
    (``Forty-one``)."""
    token = token.strip().lower().replace(",", "")
    if re.fullmatch(rf"\d{{1,3}}{_SEP}\d{{3}}", token):
        return int(re.sub(_SEP, "", token))
    if token.isdigit():
        return int(token)
    hundreds, sep, rest = token.partition("hundred")
    if sep:
        head = 1 if hundreds.strip() in ("a", "one") else _UNITS.get(hundreds.strip())
        tail = re.sub(r"^[\s\-]*(?:and\s+)?", "", rest)
        below = count_to_int(tail) if tail else 0
        return None if head is None or below is None else 100 * head + below
    parts = re.split(r"[\s\-‑–]+", token)
    if len(parts) == 1:
        return _UNITS.get(parts[0], _TENS.get(parts[0]))
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None
