"""Each kind of research output as the nearest standard type of each citation format.

A report and a policy brief are both reports to a reference manager (RIS RPRT, BibTeX
@techreport, CSL "report"); what tells them apart is the genre, written out in words
("Policy brief"), which BibTeX prints in place of "Technical report".  A survey's published
result is its data, so it goes out as a dataset with the genre "Survey".
"""

from dataclasses import dataclass

from desktop.domain.research import OUTPUT_TYPE_LABELS, OutputType


@dataclass(frozen=True)
class StandardType:
    ris: str  # the TY tag
    bibtex: str  # the entry type, without "@"
    csl: str  # CSL 1.0.2's item type
    named_genre: bool = False  # whether the output's own kind goes out as the genre


TYPES: dict[OutputType, StandardType] = {
    OutputType.RESEARCH_REPORT: StandardType("RPRT", "techreport", "report", named_genre=True),
    OutputType.POLICY_BRIEF: StandardType("RPRT", "techreport", "report", named_genre=True),
    OutputType.SURVEY: StandardType("DATA", "misc", "dataset", named_genre=True),
    OutputType.DATASET: StandardType("DATA", "misc", "dataset"),
    OutputType.BOOK: StandardType("BOOK", "book", "book"),
    OutputType.ARTICLE: StandardType("JOUR", "article", "article-journal"),
}
# Anything else (OutputType.OTHER, or a kind added later and not yet mapped) goes out as a
# generic document, which every reference manager imports.
FALLBACK = StandardType("GEN", "misc", "document")


def standard_type(output_type: OutputType | str) -> StandardType:
    return TYPES.get(output_type, FALLBACK)  # type: ignore[call-overload]


def genre_message(output_type: OutputType | str) -> str | None:
    """The untranslated genre to write for ``output_type``, or None when its standard type
    says enough."""
    if not standard_type(output_type).named_genre:
        return None
    return OUTPUT_TYPE_LABELS.get(output_type)  # type: ignore[call-overload]
