"""Bibliographic fields from a paper's front matter: title, first author, year and DOI.

The front matter of a journal article is a stack of lines: running header and journal
citation, article type ("RESEARCH ARTICLE"), the title (one or more lines), the author line,
affiliations, abstract. Markdown conversions mark the title with ``#``. The title is the block
of lines just above the first author line, after the last boilerplate line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from urllib.parse import unquote

#: Title, author and boilerplate lines are shorter than this (longer lines are body text).
MAX_HEAD_LINE = 250

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;]+)", re.IGNORECASE)
# a capitalised word glued after the DOI's last digit ("10.1016/j.avsg.2019.05.053Get")
_GLUED_WORD = re.compile(r"(?<=\d)[A-Z][a-z]{2,}$")
_BOILERPLATE = re.compile(
    r"^\W*(?:(?:research(?: article)?|original (?:article|investigation|research|paper|"
    r"contribution)|article|clinical (?:article|study|research)|case (?:series|report)|review"
    r"|open access)(?:\W+(?:open access|original investigation|article))*"
    r"|abstract|contents lists? available.*|journal homepage.*|pissn.*|eissn.*|issn.*"
    r"|https?://\S+|www\.\S+|doi\S*.*|received.*|accepted.*|copyright.*|©.*|\d+"
    r"|keywords?.*|.*\bjournal\b.*|.*\b(?:original investigation|research article|original article)"
    r"\b.*|.*\bet al\b.*|.*\b(?:19|20)\d\d\b.*\d+\s*[:–-]\s*\d+.*)\W*$",
    re.IGNORECASE,
)
_SECTION_TITLE = re.compile(r"^(?:abstract|introduction|background|summary|objectives?)\b", re.I)
_DEGREE = (r"(?:MD|PhD|MSc|MSs|MS|BSc|MPH|MBBS|MBChB|FRCS|FRACS|FACS|DO|RN|MA|BA|BS|Dr\.?|"
           r"Prof\.?)")
_SUPERSCRIPT = re.compile(
    r"<sup>.*?</sup>|\^\{[^}]*\}|[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§¶#⁎]+|\\\*|(?<=[a-z])\d+(?:\s*,\s*\d+)*\b"
    # affiliation numbers set apart from the name: "Dragan Petrovic 1,, Milan Jovic 1, ..."
    r"|(?<=[a-z])\s+\d{1,2}(?:\s*,\s*\d{1,2})*(?=\s*,|\s*$)"
    r"|(?<=[a-z])(?:Email author|ORCID\S*)"
    # affiliation letters set apart from the name: "Haddad a, *, Nour Saleh b"
    r"|(?<=[a-z])\s+[a-h](?:\s*,\s*[a-h])*(?=\s*(?:[,;*⁎]|$))"
    # a letter after a degree ("Maria Lind, MBBS a, ..."): a degree ends in capitals or
    # "hD", "Sc", "hB"; a name in small letters
    r"|(?<=[A-Z][A-Z]|hD|Sc|hB)\s+[a-h](?:\s*,\s*[a-h])*(?=\s*(?:[,;*⁎]|$))"
    # a number glued to initials or a degree ("Novak J1, Horvat K2", "Ana Sol, MD1, ..."):
    # (initials and degrees end in a capital; a digit after a small letter is stripped above)
    r"|(?<=[A-Z])\d{1,2}(?:,\d{1,2})*\b"
    # a number after a degree's comma, before the next name ("Ana Sol, MD,1 Eva Roth")
    r"|(?<=[A-Z][A-Z],|hD,|Sc,|hB,)\d{1,2}(?:,\d{1,2})*(?=\s|$)"
    # marks in brackets after the name ("Ana Sol (1), Eva Roth(a,*)")
    r"|\s*\((?:[a-h\d]{1,2}|[*†‡§¶])(?:\s*,\s*(?:[a-h\d]{1,2}|[*†‡§¶]))*\)"
)
_NOT_NAMES = re.compile(r"\b(?:original|research|article|investigation|review|journal|report|"
                        r"department|university|hospital)\b", re.I)
# an institution's word in the first name of the line: an affiliation ("(1) Urology Unit and
# (2) Colorectal Surgery, ..."); a collaborating group may end a list of authors
_INSTITUTION = re.compile(r"\b(?:unit|surgery|clinic|institute|cent(?:er|re)|division|school)\b",
                          re.I)
#: A capital letter of a Latin-script name (``Ünsaler``, ``İsmet``, ``Łukasz``).
CAPITAL = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_NAME = rf"[{CAPITAL}][\w'’\-‑]+"
# particles that belong to the surname; capitalised after a given name ("Joshua De Marchi",
# "Maria Della Valle", "Ahmed El Sayed", "Mohamed Ben Salah", "Emily St. Clair")
PARTICLE = (r"(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]a|[Dd]i|[Dd]el|[Dd]ella|[Dd]alla|[Dd]os|[Dd]as|der|den|"
            r"[Dd]u|[Ll]e|[Ll]a|ten|ter|El|Al|Ben|Bin|Ibn|Abu|St\.?)\s+)*")
_PARTICLE = PARTICLE
_SURNAME_INITIALS = re.compile(
    rf"^(?P<surname>{_PARTICLE}{_NAME}(?:[\s\-]{_NAME})?)\s+[A-Z]{{1,3}}$"
)
_AUTHOR_CHUNK = re.compile(rf"^(?:{_NAME}\.?\s+)+(?:[A-Z]\.?\s+)*{_NAME}$"
                           # initials first: "PA Le Page", "A Tan", "H Van der Wall"; one
                           # character at a time, as "(?:[A-Z]{1,3}\.?\s*)+" (the same strings)
                           # backtracks exponentially on a line in capitals
                           rf"|^[A-Z](?:[A-Z\s]|(?<=[A-Z])\.)*\s{_PARTICLE}{_NAME}$")

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_YEAR_SOURCES = [
    # a repository cover page: "Article in Journal of Neurology · May 1999"
    re.compile(rf"\barticle\s+in\s+[^·\n]{{3,80}}·\s*(?:[A-Z][a-z]+\s+)?{_YEAR}\b", re.I),
    # journal citation: "176 (2019) 47–52", "BMC Surg (2021) 21:140", "2009;40:3045", "2024;81(4)"
    re.compile(rf"\b\d+\s*\(\s*{_YEAR}\s*\)\s*\d+\s*[–\-:]"),
    re.compile(rf"\(\s*{_YEAR}\s*\)\s*\d+\s*:\s*\d+"),
    re.compile(rf"\b{_YEAR}(?:\s+[A-Z][a-z]{{2,8}}\.?(?:\s+\d{{1,2}})?)?\s*[;^]\s*\d+"),
    # a metadata record: "date: 2021-12-27"
    re.compile(rf"\b(?:date|year|published)\s*:\s*{_YEAR}\b", re.I),
    re.compile(rf"(?:©|\(c\)|copyright)\s*(?:the authors?(?:\(s\))?\s*)?{_YEAR}", re.I),
    # an index citation: "J Vasc Surg. 2024 Mar 27", "Epub 2024 Mar 27"
    re.compile(rf"(?:\b[A-Z][A-Za-z]*\.?\s+){{0,5}}[A-Z][A-Za-z]*\.\s+{_YEAR}\s+{_MONTH}\b"),
    re.compile(rf"\bEpub\s+(?:ahead\s+of\s+print\s+)?{_YEAR}\s+{_MONTH}\b"),
    re.compile(rf"(?:published(?:\s+online)?|available\s+online)\s*:?\s*(?:\w+\s+){{0,2}}"
               rf"\d{{0,2}},?\s*{_YEAR}", re.I),
    re.compile(rf"\baccepted\s*:?\s*(?:\w+\s+){{0,2}}\d{{0,2}},?\s*{_YEAR}", re.I),
]

_DOI_YEAR = re.compile(rf"\b10\.\d{{4,9}}/[a-z]+\.[a-z]+\.{_YEAR}\.\d{{1,2}}\.\d+", re.IGNORECASE)
# not part of a DOI or number ("2023.0142", "2003-2022"), but a year may end a sentence
_ANY_YEAR = re.compile(rf"(?<![\d.\-–]){_YEAR}(?!\d|[.\-–]\d)")
_PERIOD_BEFORE = re.compile(r"\b(?:from|between|since|to|and|until|through|till)\b\W*(?:\w+\W+)?"
                            r"(?:\d{1,2}\W+)?$", re.I)


def front_to_title_lines(front: str) -> tuple[str | None, str | None]:
    """Return ``(title, author_line)`` from the front matter's lines."""
    lines = join_bullet_runs([line.strip() for line in front.splitlines()])
    markdown = _markdown_title(lines)
    author_index = next((i for i, line in enumerate(lines) if is_author_line(line)), None)
    if markdown:
        authors = lines[author_index] if author_index is not None else None
        return markdown, authors
    if author_index is None:
        return _title_after_boilerplate(lines), None
    block: list[str] = []
    for line in reversed(lines[:author_index]):
        if not line or (len(line) <= 2 and not line.isdigit()):
            continue  # blank lines and stray glyphs (a crossmark "T") between title lines
        if _is_boilerplate(line) or (line.endswith(".") and block) or len(block) >= 4:
            break
        block.insert(0, line.rstrip(".") if not block else line)
    title = " ".join(" ".join(block).split()) if block else None
    return title, lines[author_index]


_BULLET = re.compile(r"^[•·▪◦‣]\s*")


def join_bullet_runs(lines: Sequence[str]) -> list[str]:
    """Join runs of bulleted lines into one line (web pages list authors one per bullet)."""
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if _BULLET.match(line):
            run.append(_BULLET.sub("", line))
            continue
        if run:
            out.append(", ".join(run) if len(run) > 1 else run[0])
            run = []
        out.append(line)
    return out[:-1]


def _title_after_boilerplate(lines: Sequence[str]) -> str | None:
    """Without an author line: the first block of lines after the last boilerplate line."""
    head = [i for i, line in enumerate(lines[:30]) if line]
    marks = [i for i in head[:12] if _is_boilerplate(lines[i])]
    if not marks or lines[marks[-1]].lower().startswith("keyword"):
        return None
    block: list[str] = []
    for line in lines[marks[-1] + 1 :]:
        if not line:
            if block:
                break
            continue
        if line.endswith(".") or len(block) >= 4:
            return None
        block.append(line)
    return " ".join(" ".join(block).split()) or None


def _is_boilerplate(line: str) -> bool:
    """Journal, article-type and licence lines; a long line is body text, not boilerplate."""
    return len(line) <= MAX_HEAD_LINE and bool(_BOILERPLATE.match(line))


# a label before the list ("Authors: Novak P, Horvat K"): not a part of the first name
_AUTHORS_LABEL = re.compile(r"^\W*(?:authors?|by)\s*:\s*", re.IGNORECASE)
# "Surname, I. K.," as reference styles print a name: the initials belong to the surname
# before them, not a chunk of their own ("Novak, P. K., Horvat, M., & Kos, I.")
_COMMA_INITIALS = re.compile(rf"(?<![\w.])({_NAME}),\s+((?:[A-Z]\.\s?-?){{1,3}})(?=\s*(?:[,;&]|$))")


# "Schöne-Aydin, Lukas; Brandauer, Verena": names inverted with the given name written out,
# one per semicolon; read as "Schöne-Aydin L" (the surname with an initial)
_COMMA_GIVEN = re.compile(rf"^\s*(?P<surname>{_PARTICLE}{_NAME}(?:\s{_NAME})?),\s+"
                          rf"(?P<given>{_NAME}(?:\s+(?:{_NAME}|[A-Z]\.))*)\s*$")
# affiliation marks in brackets after a name ("Ana Sol (1), Eva Roth(a,*)")
_BRACKETED_MARKS = re.compile(r"\s*\((?:[a-h\d]{1,2}|[*†‡§¶])"
                              r"(?:\s*,\s*(?:[a-h\d]{1,2}|[*†‡§¶]))*\)")
# authors set apart by bullets or middle dots ("Hye-Jin Kwon, MD • Dong Woo Lim, MD")
_BULLET_SEPARATOR = re.compile(r"\s+[•·▪]\s+")


def _normalise_author_line(line: str) -> str:
    """The list without its label, each ``Surname, I. K.`` joined to ``Surname IK`` and each
    ``Surname, Given;`` to ``Surname G``; bullets between names are commas."""
    line = _BULLET_SEPARATOR.sub(", ", _AUTHORS_LABEL.sub("", line))
    line = _BRACKETED_MARKS.sub("", line)  # "Novak, P.(1);": the initials end the name
    parts = line.split(";")
    inverted = [_COMMA_GIVEN.match(part) for part in parts]
    if len(parts) >= 2 and all(inverted) and not _is_place_list(inverted):
        line = "; ".join(f"{m['surname']} {m['given'][0]}" for m in inverted if m)
    return _COMMA_INITIALS.sub(lambda m: m[1] + " " + re.sub(r"[.\s-]", "", m[2]), line)


def _is_place_list(inverted: Sequence[re.Match[str] | None]) -> bool:
    """Whether ``City, Country;`` parts are places, not ``Surname, Given;`` names: the same
    second part in two of them (``Oslo, Norway; Bergen, Norway``: authors share no given name
    as towns share a country) or a second part in capitals (``Austin, TX``)."""
    seconds = [m["given"] for m in inverted if m]
    return len(set(seconds)) < len(seconds) or any(g.isupper() for g in seconds)


def is_author_line(line: str) -> bool:
    """True for a line listing author names (``A. Smith, MD; B. Jones, PhD``)."""
    if not 8 <= len(line) <= MAX_HEAD_LINE * 3 or _SECTION_TITLE.match(line.lstrip("#* ")):
        return False
    if _NOT_NAMES.search(line):
        return False
    cleaned = _SUPERSCRIPT.sub("", _normalise_author_line(line))
    chunks = [c.strip() for c in re.split(r"[,;|&]|\band\b", cleaned) if c.strip()]
    if re.fullmatch(r"[A-Z]{1,3}\.?", chunks[0] if chunks else ""):
        return False  # the tail of a wrapped citation: "Novak\nP, Horvat K, Kos M" has no name
    if chunks and _INSTITUTION.search(chunks[0]):
        return False
    names = [c for c in chunks if _AUTHOR_CHUNK.match(_strip_degrees(c))
             or _SURNAME_INITIALS.match(c.strip(" ."))]
    degrees = [c for c in chunks if re.fullmatch(_DEGREE, c.strip(" ."))]
    return len(names) >= 2 and len(names) + len(degrees) >= 0.6 * len(chunks)


def author_line_to_surname(line: str, text: str = "") -> str | None:
    """Surname of the first author; a glued affiliation letter (``Mattara``) is removed when
    the document also spells the name without it."""
    cleaned = _SUPERSCRIPT.sub("", _normalise_author_line(line.lstrip("#* ")))
    first = re.split(r"[,;|&]|\band\b", cleaned)[0]
    initials_form = _SURNAME_INITIALS.match(first.strip(" ."))
    if initials_form:
        return surname_form(family_of(_name_case(initials_form.group("surname")), cleaned))
    words = _strip_degrees(first).split()
    if not words:
        return None
    if _family_names_first(cleaned):
        # (a family name in capitals is one of two letters as often as not: "LI", "XU")
        return surname_form(words[0].title() if words[0].isupper() else words[0])
    double = _double_family_name(cleaned, words)
    if double:
        return surname_form(_cited_surname(words, text) or double)
    surname = words[-1].strip(".")
    stem = surname[:-1]
    glued = surname[-1:].islower() and len(stem) > 2
    if glued and _occurrences(stem, text) > 0 and _occurrences(surname, text) <= 1:
        surname = stem
    return surname_form(_cited_surname(words, text)
                        or _with_particles(words[:-1], _name_case(surname)))


#: One syllable of a romanised East Asian name (``Wen``, ``jie``, ``Xiao``, ``Hoon``, ``Seok``).
SYLLABLE = r"[^\W\daeiou]{0,3}[aeiou]{1,3}[^\W\daeiou]{0,2}"
# "Sun Wen-jie", "LI Yan-hong", "ZHOU Peng": family name, then the given name, hyphenated
# when it has two syllables
_FAMILY_FIRST = re.compile(rf"^(?P<family>(?i:{SYLLABLE}))\s+(?P<given>(?i:{SYLLABLE})"
                           rf"(?:-(?i:{SYLLABLE}))?)$")


def _family_names_first(cleaned: str) -> bool:
    """Whether an author line prints every name family name first, East Asian style: each
    author is a one-syllable family name and a given name of one or two hyphenated syllables
    (``Sun Wen-jie, Guo Ming-hui``), or the family names are set in capitals (``LI Yan-hong,
    ZHOU Peng``). A Western line writes the given name first (``Jean-Pierre Dupont``) or
    hyphenates a surname of longer words (``Anna Moreno-Valdes``)."""
    chunks = [c.strip(" .") for c in re.split(r"[,;|&]|\band\b", cleaned) if c.strip(" .")]
    names = [_FAMILY_FIRST.match(c) for c in chunks]
    if _pinyin_family_first(chunks) or _family_in_capitals(chunks):
        return True
    if len(chunks) < 2 or not all(names):
        return False
    hyphenated = sum("-" in m["given"] for m in names if m)
    capitals = all(m["family"].isupper() and not m["given"].isupper() for m in names if m)
    return capitals or hyphenated >= max(2, len(names) - 1)


# a family name set in capitals before a given name written in small letters ("SONG Li-hua",
# "OKAFOR Ada"); initials before a surname ("PA Le Page") have no vowel or are short
_CAPITALS_FIRST = re.compile(rf"^(?P<family>[A-Z]*[AEIOUY][A-Z]*)\s+[{CAPITAL}][a-z][\w'’\-]*$")


def _family_in_capitals(chunks: Sequence[str]) -> bool:
    """Whether every name prints its family name first in capitals (``KOWALCZYK Anna, LIU
    Hao``), one of them a word of four letters or more (initials are shorter)."""
    names = [_CAPITALS_FIRST.match(c) for c in chunks]
    return len(chunks) >= 2 and all(names) and any(len(m["family"]) >= 4 for m in names if m)


# one syllable of Hanyu Pinyin: an initial, then a final ("Zhang", "Xiao", "Qiang", "Lei")
_PINYIN = (r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|"
           r"eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u)")
_ONE_SYLLABLE = re.compile(_PINYIN, re.IGNORECASE)
_SYLLABLES = re.compile(f"(?:{_PINYIN}){{1,2}}", re.IGNORECASE)


def _pinyin_family_first(chunks: Sequence[str]) -> bool:
    """Whether Chinese names are printed family name first with a given name of two syllables
    written as one word (``Zhao Jianguo, Li Na, Chen Xiaoming``): every name is two words of
    Pinyin, every first word one syllable, and some second word two (in the given-name-first
    order, ``Jianguo Zhao``, the word of two syllables comes first)."""
    pairs = [c.split() for c in chunks]
    if len(pairs) < 2 or not all(len(p) == 2 for p in pairs):
        return False
    if not all(_ONE_SYLLABLE.fullmatch(p[0]) and _SYLLABLES.fullmatch(p[1]) for p in pairs):
        return False
    return any(not _ONE_SYLLABLE.fullmatch(p[1]) for p in pairs)


def _double_family_name(cleaned: str, words: Sequence[str]) -> str | None:
    """The first author's two family names when the list writes every author with two, as
    Iberian names are written (``Lucía Moreno Vidal, Ana Isabel Ferrer Soto, Jorge Gil
    Peña``): every author then has three or more written-out names, and the names are
    spelled the Iberian way (``Lucía``, ``Peña``, ``Núñez``: an acute accent, a tilde or the
    patronymic ``-ez``). ``None`` otherwise: one author with two names (``Maria
    Garcia``), an initial (``John A. Smith``), a romanised given name of two syllables (``Ji
    Won Baek``) or a father's name before the family name (``Omar Khaled Nasser``) says the
    list is written another way."""
    chunks = [_strip_degrees(c).split() for c in re.split(r"[,;|&]|\band\b", cleaned)]
    names = [c for c in chunks if c]
    if len(names) < 3 or len(words) < 3:
        return None
    for name in names:
        if len(name) < 3 or not all(re.fullmatch(_NAME, w) for w in name):
            return None
        if all(re.fullmatch(r"[A-Za-z]{1,6}", w) and re.fullmatch(SYLLABLE, w, re.I)
               for w in name[:-1]):
            return None  # given names of romanised syllables ("Sung Hoon"; "Pérez" is none)
    if not any(_IBERIAN.search(w) for name in names for w in name):
        return None
    return " ".join(words[-2:])


# an Iberian spelling of a name: an acute accent, a tilde, the patronymic "-ez"
_IBERIAN = re.compile(r"[áéíóúñãõ]|ez$", re.IGNORECASE)


# "Min Park S, Jae Yoon D, Hee Lee G": a list that prints a syllable of each romanised given
# name before the family name (a record's fields shifted); the family name is the last word
_SYLLABLES_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]{0,4}\s+[A-Z][a-z]{1,5}\s+[A-Z]{1,3}\b")


def family_of(surname: str, names: str) -> str:
    """The family name of a surname of two words written before initials: when both are one
    romanised syllable and another author of ``names`` (the list) is printed the same way,
    the last word; else ``surname`` (``Costa Lima``, ``Van Dyke``)."""
    words = surname.split()
    if len(words) != 2 or not all(w.isascii() and re.fullmatch(SYLLABLE, w, re.I) for w in words):
        return surname
    shifted = [m for m in _SYLLABLES_NAME.finditer(names)
               if all(re.fullmatch(SYLLABLE, w, re.I) for w in m.group(0).split()[:2])]
    return words[1] if len(shifted) >= 2 else surname


def surname_form(surname: str) -> str:
    """The surname as the gold files spell it: typographic apostrophes straight
    (``O’Neill`` -> ``O'Neill``), so one name is one string whatever the typesetting."""
    return surname.replace("\u2019", "'").replace("\u02bc", "'")


def _cited_surname(words: Sequence[str], text: str) -> str | None:
    """A surname of several words, as the paper cites its own author: the longest tail of the
    name that the text prints with the initial of the given name, before or after it
    (``Ana Costa Lima Pereira`` cited ``Costa Lima Pereira A``; ``Omar Abdel
    Haddad`` in ``(O. Abdel Haddad)``). ``None`` when no longer form is printed."""
    if len(words) < 3 or not text:
        return None
    if _family_name_first(words, text):
        return words[0]
    initial = re.escape(words[0][0])
    for size in range(len(words) - 1, 1, -1):
        tail = words[-size:]
        if not re.fullmatch(_NAME, tail[0]):  # "A. van Heerden": a middle initial
            continue
        name = r"\s+".join(re.escape(w) for w in tail)
        before = rf"(?<![\w.]){initial}\.?(?:\s?-?[A-Z]\.)*\s+{name}\b"
        # "Kim, MD" is a degree, not an initial
        after = rf"(?<![\w-]){name},?\s+(?!{_DEGREE}\b){initial}(?:\.?-?[A-Z])*\.?(?![\w'’-])"
        if re.search(before, text) or re.search(after, text):
            return " ".join(tail)
    return None


def _family_name_first(words: Sequence[str], text: str) -> bool:
    """Whether the paper cites its author family name first, the given names as initials
    (``Nguyen Van Thanh`` cited ``Nguyen VT``): the name is printed in that order."""
    if not all(re.fullmatch(_NAME, w) for w in words[1:]):
        return False
    initials = r"\.?\s?-?".join(re.escape(w[0]) for w in words[1:])
    return bool(re.search(rf"(?<![\w.]){re.escape(words[0])},?\s+{initials}\.?(?![\w'’-])", text))


def _with_particles(before: list[str], surname: str) -> str:
    """Keep lower-case particles that belong to the surname: ``de Vries``, ``van der Berg``;
    after two given names, the name before a small particle is a family name joined by it
    (``Anna Chiara Ferri de Lucia`` is ``Ferri de Lucia``)."""
    particles = []
    for word in reversed(before[1:]):  # the first word is the given name, never a particle
        if not re.fullmatch(_PARTICLE, word + " "):
            break
        particles.insert(0, word)
    given = before[:len(before) - len(particles)]
    if particles and particles[0].islower() and len(given) >= 3 \
            and all(re.fullmatch(_NAME, w) for w in given):
        particles.insert(0, given[-1])
    return " ".join([*particles, surname])


def _name_case(surname: str) -> str:
    """``SMITH`` -> ``Smith`` (names set in capitals); mixed case is kept (``McDonald``)."""
    return surname.title() if surname.isupper() and len(surname) > 2 else surname


def front_to_year(front: str) -> int | None:
    """Publication year from the journal citation, copyright or publication lines."""
    for pattern in _YEAR_SOURCES:
        years = [int(m.group("year")) for m in pattern.finditer(front)]
        if years:
            return max(years)
    # Last resort: the latest year that is not the end of a study period ("from 2003 to 2022").
    years = [int(m.group("year")) for m in _ANY_YEAR.finditer(front)
             if not _PERIOD_BEFORE.search(front[max(0, m.start() - 25) : m.start()])]
    years = [year for year in years if year <= date.today().year]
    if years:
        return max(years)
    # a DOI that carries its year ("10.1016/j.jvs.2019.04.012"), when nothing else dates it
    doi = _DOI_YEAR.search(front)
    return int(doi["year"]) if doi and int(doi["year"]) <= date.today().year else None


def front_to_doi(front: str, text: str) -> str | None:
    """The article's own DOI: in the front matter, or in a non-reference line of the text.

    A DOI in a web address is read like any other (``%2F`` decoded, the query string cut), and
    a word glued to its end by text extraction (``...05.053Get rights``) is removed.
    """
    for source in (front, text):
        for line in source.splitlines():
            if is_reference_line(line) and source is text:
                continue
            match = _DOI.search(unquote(line) if "%2" in line else line)
            if match:
                return _GLUED_WORD.sub("", match.group(1).split("?")[0].split("#")[0]
                                       ).rstrip(".)]>")
    return None


def _occurrences(word: str, text: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", text))


def is_reference_line(line: str) -> bool:
    """True for a line of a reference list: numbered, bulleted, or citing ``et al``."""
    return bool(re.match(r"^\s*(?:-|\d+\.|\[\d+\])\s", line)) or "et al" in line


def _markdown_title(lines: Sequence[str]) -> str | None:
    for index, line in enumerate(lines):
        match = re.match(r"^(#+)\s+(.+)$", line)
        if not match:
            continue
        heading = match.group(2).strip(" *")
        if _is_boilerplate(heading) or _SECTION_TITLE.match(heading):
            continue
        subtitle = _markdown_subtitle(lines[index + 1 :], len(match.group(1)))
        return f"{heading}: {subtitle}" if subtitle else heading
    return None


def _markdown_subtitle(rest: Sequence[str], level: int) -> str | None:
    for line in rest:
        if not line:
            continue
        match = re.match(r"^(#+)\s+(.+)$", line)
        if match and len(match.group(1)) > level:
            sub = match.group(2).strip(" *")
            if not _SECTION_TITLE.match(sub) and len(sub) < 80:
                return sub[0].lower() + sub[1:]
        return None
    return None


def _strip_degrees(chunk: str) -> str:
    return re.sub(rf"(?:\s|,)+{_DEGREE}\b\.?", "", f" {chunk}").strip(" ,.")
