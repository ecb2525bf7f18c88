"""RIS, the tagged format every reference manager imports (Zotero, EndNote, Mendeley).

A record is lines of ``TAG  - value`` (two spaces, a hyphen, a space), starting with ``TY``
and closed by ``ER  - ``; one ``AU`` line per author, "Surname, Given[, Suffix]" for a
person and the whole name for an organisation.  A value never holds a line break (a reader
would take the next line for a continuation or a tag), and lines end in a bare line feed.
"""

from collections.abc import Iterator, Sequence

from desktop.services.citations.keys import citation_keys
from desktop.services.citations.record import Citation, Person, one_line
from desktop.services.citations.types import standard_type


def ris_name(person: Person) -> str:
    if person.is_organisation:
        return person.literal
    return ", ".join(part for part in (person.family, person.given, person.suffix) if part)


def _lines(citation: Citation, key: str) -> Iterator[tuple[str, str]]:
    yield "TY", standard_type(citation.output_type).ris
    yield "ID", key
    for person in citation.authors:
        yield "AU", ris_name(person)
    yield "TI", citation.title
    if citation.issued is not None:
        yield "PY", str(citation.issued.year)
        yield "DA", citation.issued.strftime("%Y/%m/%d/")
    yield "M3", citation.genre
    yield "PB", citation.publisher
    yield "CY", citation.place
    yield "SN", citation.isbn
    yield "DO", citation.doi
    yield "UR", citation.url
    yield "LA", citation.title_language
    yield "AB", citation.abstract


def write_ris(citations: Sequence[Citation]) -> str:
    """The RIS text of ``citations``, one record each, in their order."""
    out = []
    for citation, key in zip(citations, citation_keys(citations), strict=True):
        for tag, value in _lines(citation, key):
            text = one_line(value)
            if text:
                out.append(f"{tag}  - {text}\n")
        out.append("ER  - \n\n")
    return "".join(out)
