"""CSL-JSON, the citation data of Zotero, Mendeley and pandoc (``--citeproc``).

A JSON array of items named by the CSL 1.0.2 specification: ``id`` (the citation key),
``type``, ``author`` as ``{"family", "given"}`` or ``{"literal"}`` for an organisation,
``issued`` as date parts, ``publisher-place``, ``ISBN``, ``DOI``, ``URL`` and ``language``.
Unicode stays unescaped (JSON is UTF-8), so the file reads as it will print.
"""

import json
from collections.abc import Sequence
from typing import Any

from desktop.services.citations.keys import citation_keys
from desktop.services.citations.record import Citation, Person
from desktop.services.citations.types import standard_type


def csl_name(person: Person) -> dict[str, str]:
    if person.is_organisation:
        return {"literal": person.literal}
    name = {"family": person.family, "given": person.given, "suffix": person.suffix}
    return {part: text for part, text in name.items() if text}


def csl_item(citation: Citation, key: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": key,
        "type": standard_type(citation.output_type).csl,
        "title": citation.title,
    }
    if citation.authors:
        item["author"] = [csl_name(person) for person in citation.authors]
    if citation.issued is not None:
        day = citation.issued
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    optional = {
        "genre": citation.genre,
        "publisher": citation.publisher,
        "publisher-place": citation.place,
        "ISBN": citation.isbn,
        "DOI": citation.doi,
        "URL": citation.url,
        "language": citation.title_language,
        "abstract": citation.abstract,
    }
    item.update({name: value for name, value in optional.items() if value})
    return item


def write_csl_json(citations: Sequence[Citation]) -> str:
    """The CSL-JSON text of ``citations``: an array of one item each, in their order."""
    items = [
        csl_item(citation, key)
        for citation, key in zip(citations, citation_keys(citations), strict=True)
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
