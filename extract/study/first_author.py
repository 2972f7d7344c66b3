"""The first author's surname from wherever a paper or its web page puts the author list.

A journal PDF has an author line under the title
(:func:`extract.study.front_matter.is_author_line`). Text taken from web pages and flattened
PDFs often has none; the authors are then found in:

- a metadata field: ``authors: Moreau, Anne L.; Okafor, Kemi; ...``;
- a citation of the paper itself: APA ``Halvorsen, A., Brandt, W., & Osei, M. (2025).``,
  Vancouver ``Halvorsen A, Brandt W. Title. J Surg. 2025;...``, or the
  index style ``Mei-Ling Tsai et al. Asian J Surg. 2003 Apr.`` / ``Halvorsen A. J., et al.``;
- a run of names glued to the title by text extraction: ``... venous aneurysms Marco
  Bellandi, MD,a Chiara Rossetti, MD,a Luca Ferri', MD,b ...``;
- a running head of surnames before the title (``Park, Lee, Han, and Yoon: Outcomes of ...``);
- one name on a line of its own over an affiliation or e-mail line (authors listed one per
  block, each with an address).

The earliest of these in the front matter wins: the paper's own citation comes before any list
of related articles.
"""

from __future__ import annotations

import re

from extract.study.front_matter import (
    CAPITAL,
    PARTICLE,
    author_line_to_surname,
    family_of,
    surname_form,
)

_WORD = rf"[{CAPITAL}][\w'’\-‑]+"
_SURNAME = rf"{PARTICLE}{_WORD}(?:[\s\-]{_WORD})?"
_INITIALS = r"(?:[A-Z]\.\s?-?){1,3}"
# unpointed initials of a Vancouver citation, hyphenated for a two-part given name ("Z-J")
_BARE_INITIALS = r"[A-Z](?:-?[A-Z]){0,2}"
# "Citation: ", "Cite this article as: ", "How to cite this article: " before the paper's own
_CITE_LABEL = (r"(?:(?:Citation|Cite\s+this\s+article(?:\s+as)?|How\s+to\s+cite"
               r"(?:\s+this\s+article)?)\s*:\s*)?")
_DEGREES = r"(?:,?\s*(?:(?:MD|PhD|MSc|MS|MPH|MBBS|FRCS|FACS|DO|RN|BSc)\b\.?|M\.D\.|Ph\.D\.))*"
_MARKS = r"(?:\s*(?:[a-h](?![\w])|\d{1,2}(?:,\d{1,2})*|[*†‡§¶]))*"
# given names exclude institution words, so an affiliation list is never a run of authors
_GIVEN = (rf"(?!(?:Department|University|Hospital|Institute|Division|Center|Centre|School|"
          rf"Clinic|Faculty|Medical|Surgery|General)\b){_WORD}")
# (two given names and a family name of two: "Anna Chiara Ferri de Lucia")
_PERSON = (rf"(?:{_GIVEN}(?:\s+(?:[A-Z]\.|{_WORD})){{0,2}}|{_INITIALS})\s+{_SURNAME}{_MARKS}"
           rf"{_DEGREES}{_MARKS}")
_SEPARATOR = rf"\s*(?:,|·|;)\s*{_MARKS}\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+"

# A glued run is taken for authors only when it carries the marks of an author list
# (affiliation numbers or letters, degrees, middle dots or ampersands): "Primary Patency,
# Secondary Patency and Overall Survival" is prose.
# (an affiliation letter after the surname: "C. Krefter a, M. Marks b")
_ANNOTATED = re.compile(r"\d|\b(?:MD|PhD|MSc|MPH|MBBS|FRCS|FACS)\b|,\s*[a-h]\b|[·&*†‡§¶]|"
                        r"[a-z]\s[a-h](?=\s*[,;])")

# the one author of a line of its own, over an affiliation or an e-mail address:
# "Marko Petrovski\nUniversity Surgical Clinic ..." , "Antonio Rossi, M.D.\nDepartment of ..."
# (an address: it opens with the institution and has no verb, unlike a sentence of prose)
_AFFILIATION = (r"[\W\d]{0,4}(?:[a-h]\s+)?(?:(?:Department|Dept|Division|University|Hospital|"
                r"Clinic|Institute|School|Cent(?:er|re)|Faculty|College|Unit|Laboratory|Service)\b"
                r"(?![^\n]*\b(?:was|were|is|are|had|has|have|reported|showed|found)\b)"
                r"|E-?mail\b)")
_HEADINGS = r"(?:Table|Figure|Fig|Appendix|Section|Part|Panel|Group|Supplement|Box|Chapter|Annex)"
_SOURCES = [
    re.compile(rf"\bauthors?\s*:\s*(?P<surname>{_SURNAME})\s*,\s*[{CAPITAL}]"),
    # a running head of surnames before the title: "Park, Lee, Han, Jung, and Yoon: Outcomes of"
    re.compile(rf"(?m)^\W*(?P<surname>{_WORD})(?:,\s+{_WORD}){{1,8}},?\s+(?:and|&)\s+{_WORD}\s*:"
               r"\s+[A-Z]"),
    re.compile(rf"(?m)^[ \t]*(?P<single>(?:{_GIVEN}(?:\s+(?:[A-Z]\.|{_WORD}))?|{_INITIALS})\s+"
               rf"{_SURNAME}){_MARKS}{_DEGREES}[ \t]*\n(?={_AFFILIATION})"),
    re.compile(rf"(?m)^\W*(?P<surname>{_SURNAME}),\s+{_INITIALS}\s*(?:,|&|\().*?\((?:19|20)\d\d"),
    # a Vancouver citation of the paper itself: "Vukovic LM, Achterberg P, Sato-Ruiz K. Title.
    # J Foot Surg. 2014;..." (initials without points; two authors at least, then a year)
    re.compile(rf"(?m)^\W*{_CITE_LABEL}(?P<surname>{_SURNAME})\s+{_BARE_INITIALS},\s+{_SURNAME}\s+"
               rf"{_BARE_INITIALS}\b[^\n]*?\b(?:19|20)\d\d\b"),
    # one author in citation form on a line of its own, over the journal's citation line:
    # "Halvorsen-Berg K.\n\nScand J Surg. 2024;8(2):110"
    # (never a heading with its letter: "Appendix A.")
    re.compile(rf"(?m)^[ \t]*(?!{_HEADINGS}\b)(?P<surname>{_SURNAME})\s+{_INITIALS}[ \t]*\n"
               r"[ \t]*\n?[^\n]{0,80}?\b(?:19|20)\d\d\s*[;:(]"),
    re.compile(rf"(?m)^\W*(?:{_WORD}\s+){{1,3}}?(?P<surname>{_WORD})\s+et\s+al\.\s+\S.*?"
               r"\b(?:19|20)\d\d\b"),
    re.compile(rf"(?m)^\W*(?P<surname>{_SURNAME})\s+{_INITIALS},?\s+et\s+al\b"),
    re.compile(rf"(?P<person>{_PERSON})(?:{_SEPARATOR}){_PERSON}(?:{_SEPARATOR}){_PERSON}"),
    # the one author's name alone on a line between the title and the abstract's first label:
    # "Outcomes of ... carcinoma\n\nKarel Dvorak\n\nBackground: ..." (its words are no words of
    # the text in small letters: "Single Centre Experience" is a subtitle)
    re.compile(rf"(?m)^[^\n]{{20,}}\n[ \t]*\n?^[ \t]*(?P<lone>{_GIVEN}(?:[ \t]+{_WORD}){{1,2}})"
               r"[ \t]*\n[ \t]*\n?[ \t]*(?=(?i:abstract|background|objectives?|purpose|aims?|"
               r"introduction|summary)\b)"),
    # a metadata field over the names, one a line: "Author(s) -\nOkafor Kemi Ada,\nLind Per,"
    re.compile(rf"(?m)^\W*(?i:authors?)(?:\(s\))?\s*[-–:]?[ \t]*\n(?P<listed>(?:[ \t]*{_WORD}"
               rf"(?:[ \t]+{_WORD})+[ \t]*,?[ \t]*(?:\n|$)){{2,}})"),
]
# a name that opens with its particle ("De Luca Marta") is written family name first
_PARTICLE_FIRST = re.compile(rf"^{PARTICLE.removesuffix('*')}{_WORD}\s+{_WORD}")


def front_to_first_author(front: str, author_line: str | None = None, text: str = ""
                          ) -> str | None:
    """Surname of the first author, from the author line or the places listed above.

    Parameters
    ----------
    front : str
        The front matter (title block and abstract).
    author_line : str, optional
        The author line found under the title, if any: it is used first.
    text : str
        The whole text (to tell a glued affiliation letter from the name's last letter).
    """
    if author_line:
        return author_line_to_surname(author_line, text)
    found = [(m.start(), m) for pattern in _SOURCES for m in [pattern.search(front)]
             if m and (not m.groupdict().get("person") or _ANNOTATED.search(m.group(0)))
             and (not m.groupdict().get("lone") or not _in_small_letters(m["lone"], text))]
    if not found:
        return None
    match = min(found, key=lambda pair: pair[0])[1]
    if match.groupdict().get("person"):
        return author_line_to_surname(match.group(0), text)  # the run, to read its names' form
    if match.groupdict().get("listed"):
        return _listed_to_surname(match["listed"], text)
    person = match.groupdict().get("single") or match.groupdict().get("lone")
    if person:
        return author_line_to_surname(person, text)
    return surname_form(family_of(" ".join(match.group("surname").split()), match.group(0)))



def _listed_to_surname(listed: str, text: str) -> str | None:
    """The first author of names listed one a line: family name first when one of them
    opens with its particle (``De Luca Marta``, as such lists invert every name), else
    read as an author line."""
    names = [" ".join(line.strip(" ,\t").split()) for line in listed.splitlines()
             if line.strip(" ,\t")]
    if not any(_PARTICLE_FIRST.match(name) for name in names):
        return author_line_to_surname(", ".join(names), text)
    first = names[0].split()
    particles = 0
    while particles < len(first) - 1 and re.fullmatch(PARTICLE, first[particles] + " "):
        particles += 1
    return surname_form(" ".join(first[:particles + 1]))


def _in_small_letters(name: str, text: str) -> bool:
    """Whether a word of ``name`` is a word of ``text`` in small letters (prose, not a name)."""
    return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text)
               for w in name.split())
