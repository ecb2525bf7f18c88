"""Reading research outputs as citations and writing them to a file.

The page hands over the ids of the rows a user selected (or asks for the ids of every row
its list shows); the service reads those outputs within the user's scope, so a citation
file never holds an output the user could not open, and writes the file whole or not at
all: beside its target first, renamed when complete.
"""

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from desktop.domain.research import ResearchOutput
from desktop.i18n import N_, _, translator_for
from desktop.i18n.translit import cyrillic_to_latin
from desktop.services.base import Service
from desktop.services.citations.bibtex import write_bibtex
from desktop.services.citations.csl import write_csl_json
from desktop.services.citations.record import Citation, one_line, split_authors, title_in
from desktop.services.citations.ris import write_ris
from desktop.services.citations.types import genre_message
from desktop.services.errors import ServiceError
from desktop.services.export import write_atomically
from desktop.services.listing import ListQuery
from desktop.services.permissions import Permission, requires
from desktop.services.research import ResearchOutputService
from desktop.services.scope import scope_condition


class CitationFormat(StrEnum):
    RIS = "ris"
    BIBTEX = "bibtex"
    CSL_JSON = "csl_json"


# The name of each format in the export dialog, with the programs that read it.
FORMAT_LABELS = {
    CitationFormat.RIS: N_("RIS (Zotero, EndNote, Mendeley)"),
    CitationFormat.BIBTEX: N_("BibTeX (LaTeX, JabRef, Zotero)"),
    CitationFormat.CSL_JSON: N_("CSL-JSON (Zotero, pandoc)"),
}
SUFFIXES = {
    CitationFormat.RIS: ".ris",
    CitationFormat.BIBTEX: ".bib",
    CitationFormat.CSL_JSON: ".json",
}
WRITERS: dict[CitationFormat, Callable[[Sequence[Citation]], str]] = {
    CitationFormat.RIS: write_ris,
    CitationFormat.BIBTEX: write_bibtex,
    CitationFormat.CSL_JSON: write_csl_json,
}


def citation_of(output: ResearchOutput, language: str) -> Citation:
    """``output`` as a citation whose title and genre are in ``language``.

    As everywhere names are shown (domain/multilingual.py), Cyrillic is transliterated in
    any language but Serbian Cyrillic: a Latin bibliography never mixes in "Стојановић".
    """
    title, title_language = title_in(output.names(), language)
    genre = genre_message(output.output_type)

    def text(value: str | None) -> str:
        return (value or "") if language == "sr" else cyrillic_to_latin(value or "")

    return Citation(
        output_id=output.id,
        output_type=output.output_type,
        title=title,
        title_language=title_language,
        genre=translator_for(language).gettext(genre) if genre else "",
        authors=split_authors(text(output.authors)),
        issued=output.published_on,
        publisher=one_line(text(output.publisher)),
        place=one_line(text(output.place)),
        isbn=one_line(output.isbn),
        doi=one_line(output.doi),
        url=one_line(output.url),
        abstract=one_line(text(output.abstract)),
    )


class CitationService(Service):
    @requires(Permission.READ_RECORDS)
    def citations(self, output_ids: Sequence[int], language: str) -> list[Citation]:
        """The outputs ``output_ids`` the user may see, in the order given; an id that is
        gone or out of scope is left out."""
        wanted = list(dict.fromkeys(output_ids))
        if not wanted:
            return []
        statement = select(ResearchOutput).where(
            ResearchOutput.id.in_(wanted), scope_condition(self.actor, ResearchOutput.project_id)
        )
        with self.unit_of_work(read_only=True) as session:
            found = {
                output.id: citation_of(output, language) for output in session.scalars(statement)
            }
        return [found[output_id] for output_id in wanted if output_id in found]

    @requires(Permission.READ_RECORDS)
    def shown_ids(self, query: ListQuery) -> list[int]:
        """The ids of every output the research list shows for ``query`` (its search,
        filters and order), not only the rows it has loaded."""
        outputs = ResearchOutputService(self.db, self.actor)
        return [row.id for row in outputs.page(query, 0, outputs.count(query))]

    @requires(Permission.READ_RECORDS)
    def export(
        self,
        output_ids: Sequence[int],
        citation_format: CitationFormat,
        language: str,
        path: Path,
    ) -> int:
        """Write the outputs ``output_ids`` to ``path`` in ``citation_format``, titles in
        ``language``; the number of outputs written."""
        citations = self.citations(output_ids, language)
        if not citations:
            raise ServiceError(
                _("None of the chosen research outputs could be read; no file was written.")
            )
        text = WRITERS[CitationFormat(citation_format)](citations)
        write_atomically(
            path,
            lambda partial: partial.write_text(text, encoding="utf-8", newline="\n"),
            # L10N: {reason} is the system's own words, such as "Permission denied"
            N_("The citations could not be written to {path}: {reason}"),
        )
        return len(citations)
