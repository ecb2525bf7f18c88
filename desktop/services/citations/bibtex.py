"""BibTeX, for LaTeX writers (biblatex, natbib) and for Zotero and JabRef.

The file is UTF-8 and keeps letters as they are ("Stojanović", "Безбедност"): biber, Zotero
and JabRef read Unicode, and ``\\'c`` escapes would be unreadable to people and lost on the
way back.  Only the characters TeX reads as commands are escaped.  Braces come in pairs as
``\\{`` and ``\\}``; a lone brace becomes ``\\textbraceleft{}`` or ``\\textbraceright{}``,
because BibTeX and biber count even escaped braces and a lone ``\\{`` would swallow the rest
of the file.  A web address and a DOI are written as they are (biblatex reads them verbatim;
an escape would end up in the link).  Titles are wrapped in a second pair of braces, so a
style that lower-cases titles leaves "Prishtinë" and "MCSC" as they were written.  An
organisation as author is braced whole, or BibTeX would read "Peace and Safety Network" as
two people.
"""

import re
from collections.abc import Iterator, Sequence

from desktop.services.citations.keys import citation_keys
from desktop.services.citations.record import Citation, Person, one_line
from desktop.services.citations.types import standard_type

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LONE_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_AND = re.compile(r"\band\b", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _paired_braces(text: str) -> set[int]:
    """The positions of the braces of ``text`` that close or are closed by another."""
    paired: set[int] = set()
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            paired.update((opened.pop(), index))
    return paired


def escape(text: str) -> str:
    """``text`` as the inside of a braced BibTeX value that TeX prints as ``text``."""
    paired = _paired_braces(text)
    out = []
    for index, char in enumerate(text):
        if char in "{}":
            out.append("\\" + char if index in paired else _LONE_BRACES[char])
        else:
            out.append(_SPECIAL.get(char, char))
    return "".join(out)


def verbatim(text: str) -> str:
    """``text`` for a field biblatex reads verbatim (``url``, ``doi``): escapes would be
    printed as they are, so only braces, which would end the value, are percent-encoded."""
    return text.replace("{", "%7B").replace("}", "%7D")


def bibtex_name(person: Person) -> str:
    """One name of an ``author`` field: "von Last, Jr, First", or an organisation braced."""
    if person.is_organisation:
        return "{" + escape(person.literal) + "}"
    # A word "and" inside a name would split it in two people; braced, it is a letter group.
    parts = [_AND.sub("{and}", escape(part)) for part in (person.family, person.suffix)]
    parts.append(_AND.sub("{and}", escape(person.given)))
    return ", ".join(part for part in parts if part)


def _fields(citation: Citation) -> Iterator[tuple[str, str]]:
    kind = standard_type(citation.output_type).bibtex
    if citation.authors:
        yield "author", " and ".join(bibtex_name(person) for person in citation.authors)
    yield "title", "{" + escape(citation.title) + "}"
    if citation.issued is not None:
        yield "year", str(citation.issued.year)
        yield "month", _MONTHS[citation.issued.month - 1]
        yield "date", citation.issued.isoformat()
    if citation.genre:
        yield "type", escape(citation.genre)
    if citation.publisher:
        # A report's publisher is its institution to BibTeX (a required field there).
        yield ("institution" if kind == "techreport" else "publisher"), escape(citation.publisher)
    if citation.place:
        yield "address", escape(citation.place)
    if citation.isbn:
        yield "isbn", escape(citation.isbn)
    if citation.doi:
        yield "doi", verbatim(citation.doi)
    if citation.url:
        yield "url", verbatim(citation.url)
    yield "language", citation.title_language
    if citation.abstract:
        yield "abstract", escape(citation.abstract)


def _entry(citation: Citation, key: str) -> str:
    lines = [f"@{standard_type(citation.output_type).bibtex}{{{key},"]
    for name, value in _fields(citation):
        text = one_line(value)
        # The month is a BibTeX macro ("mar"), understood in the reader's own language.
        lines.append(f"  {name} = {text}," if name == "month" else f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_bibtex(citations: Sequence[Citation]) -> str:
    """The BibTeX text of ``citations``, one entry each, in their order."""
    entries = [
        _entry(citation, key)
        for citation, key in zip(citations, citation_keys(citations), strict=True)
    ]
    return "% Encoding: UTF-8\n\n" + "\n".join(entries)
