"""A research output as a reference manager sees it: persons or organisations as authors,
a title in one language, a date, a kind of publication and where to find it.

Authors are stored as one text, "Surname, Given; Surname, Given" (the form the research
dialog asks for).  An entry with a comma is a person, split at its first comma ("van der
Berg, Anna": the particle stays with the surname, as Zotero and biblatex keep it; a third
part, "King, Martin Luther, Jr.", is the suffix).  An entry without a comma is an
organisation ("Kosovo Centre for Security Studies") and stays one name: no format may
turn it into Mr Studies, K. C. f. S.
"""

import re
from dataclasses import dataclass
from datetime import date

from desktop.domain.multilingual import NAME_FALLBACKS, resolve_name
from desktop.domain.research import OutputType

_ENTRY_SEPARATORS = re.compile(r"[;\n\r]+")
_SPACES = re.compile(r"\s+")

# The language tag of a title (BCP 47, as CSL and RIS readers expect), by the column it was
# read from; Serbian read in any other language than Serbian Cyrillic is transliterated.
_TITLE_LANGUAGE_TAGS = {"en": "en", "sq": "sq", "sr": "sr-Cyrl", "sr_Latn": "sr-Latn"}


@dataclass(frozen=True)
class Person:
    """An author: a person (``family``, ``given``, ``suffix``) or an organisation
    (``literal``, the whole name, with ``family`` and ``given`` empty)."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def is_organisation(self) -> bool:
        return bool(self.literal)


@dataclass(frozen=True)
class Citation:
    """One research output, ready to be written in any citation format."""

    output_id: int
    output_type: OutputType
    title: str
    title_language: str  # BCP 47: "en", "sq", "sr-Cyrl", "sr-Latn"
    genre: str  # the output's kind in words, in the chosen language ("Policy brief")
    authors: tuple[Person, ...] = ()
    issued: date | None = None
    publisher: str = ""
    place: str = ""
    isbn: str = ""
    doi: str = ""
    url: str = ""
    abstract: str = ""


def _clean(text: str) -> str:
    """One line, single spaces: no format carries a line break inside a value."""
    return _SPACES.sub(" ", text).strip()


def split_authors(text: str | None) -> tuple[Person, ...]:
    """The persons and organisations of a stored authors text, in their order."""
    people = []
    for entry in _ENTRY_SEPARATORS.split(text or ""):
        parts = [_clean(part) for part in entry.split(",")]
        parts = [part for part in parts if part]
        if not parts:
            continue
        if "," not in entry or len(parts) == 1:
            people.append(Person(literal=_clean(entry.replace(",", " "))))
        else:
            family, given, *rest = parts
            people.append(Person(family=family, given=given, suffix=" ".join(rest)))
    return tuple(people)


def title_in(names: dict[str, str | None], language: str) -> tuple[str, str]:
    """The title shown in ``language`` (exactly as ``.name(language)`` reads it, fallbacks
    included) and the BCP 47 tag of the language that title is really written in."""
    title = resolve_name(names, language)
    for candidate in NAME_FALLBACKS.get(language, NAME_FALLBACKS["en"]):
        if (names.get(candidate) or "").strip():
            if candidate == "sr" and language != "sr":
                return _clean(title), _TITLE_LANGUAGE_TAGS["sr_Latn"]
            return _clean(title), _TITLE_LANGUAGE_TAGS[candidate]
    return "", _TITLE_LANGUAGE_TAGS.get(language, "en")


def one_line(text: str | None) -> str:
    """``text`` on one line, for fields that may hold line breaks (an abstract)."""
    return _clean(text or "")
