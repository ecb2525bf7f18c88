"""Research outputs exported as RIS, BibTeX and CSL-JSON, read back by the formats' own
well-kept parsers (rispy, bibtexparser 2, citeproc-py) as a reference manager would, and
compared field by field with what the research list shows: authors, year, title in the
chosen language, type, publisher, place, ISBN, DOI and URL.

The demo office's outputs are joined by hostile ones: a title only in Cyrillic, a title
full of TeX's special characters, a surname with the particle "van der", organisations as
authors (one with "and" in its name), an output without a date, and two outputs that would
get the same citation key.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from desktop.domain.research import OutputStatus, OutputType
from desktop.i18n.translit import cyrillic_to_latin
from desktop.services.citations.bibtex import write_bibtex
from desktop.services.citations.keys import ascii_fold, citation_keys
from desktop.services.citations.record import Citation, Person, split_authors
from desktop.services.citations.service import CitationFormat, CitationService
from desktop.services.citations.types import FALLBACK, TYPES, standard_type
from desktop.services.errors import ServiceError
from desktop.services.listing import ListQuery
from desktop.services.research import ResearchForm, ResearchOutputService
from desktop.store.database import Database
from desktop.store.demo import load_demo

LANGUAGES = ("en", "sq", "sr", "sr_Latn")

# What a reference manager should see for each kind of output: RIS TY, BibTeX entry type,
# CSL type (the nearest standard type, as the issue asks).
EXPECTED_TYPES = {
    OutputType.RESEARCH_REPORT: ("RPRT", "techreport", "report"),
    OutputType.POLICY_BRIEF: ("RPRT", "techreport", "report"),
    OutputType.SURVEY: ("DATA", "misc", "dataset"),
    OutputType.DATASET: ("DATA", "misc", "dataset"),
    OutputType.BOOK: ("BOOK", "book", "book"),
    OutputType.ARTICLE: ("JOUR", "article", "article-journal"),
    OutputType.OTHER: ("GEN", "misc", "document"),
}

HOSTILE_TITLE = "Costs {2026}: 50% of R&D_budget #1 costs $5~^ per C:\\data"


def _form(**fields: object) -> ResearchForm:
    defaults: dict[str, object] = {"status": OutputStatus.PUBLISHED, "languages": ["en"]}
    return ResearchForm(**{**defaults, **fields})  # type: ignore[arg-type]


HOSTILE = {
    "cyrillic": _form(
        output_type=OutputType.ARTICLE,
        name_sr="Безбедност у Северној Митровици",
        authors="Стојановић, Јелена; van der Berg, Anna",
        published_on=date(2025, 11, 2),
        publisher="Мировна мрежа",
        place="Mitrovicë/Mitrovica",
        doi="10.5555/mm.2025.7",
    ),
    "special": _form(
        output_type=OutputType.BOOK,
        name_en=HOSTILE_TITLE,
        name_sq="Kostot {2026}: 50% e buxhetit",
        authors="van der Berg, Anna; Kosovo Centre for Security Studies",
        published_on=date(2024, 1, 31),
        publisher="Smith & Sons_Publishing",
        place="Prishtinë/Priština",
        isbn="978-9951-8937-0-1",
        doi="10.5555/costs_2026",
        url="https://example.org/costs_2026?x=50%25&y=1",
    ),
    "undated": _form(
        output_type=OutputType.OTHER,
        status=OutputStatus.DRAFTING,
        name_en="Notes on the MCSC reform",
        authors="Peace and Safety Network",
    ),
    "twin_a": _form(
        output_type=OutputType.DATASET,
        name_en="Safety in schools",
        authors="Berisha, Driton",
        published_on=date(2026, 2, 1),
    ),
    "twin_b": _form(
        output_type=OutputType.DATASET,
        name_en="Safety on the roads",
        authors="Berisha, Driton; Hoxha, Teuta",
        published_on=date(2026, 10, 1),
    ),
}


@dataclass(frozen=True)
class Expected:
    """One output as the research list and its editor show it."""

    id: int
    output_type: OutputType
    titles: dict[str, str]  # by language, as the list shows it
    people: list[tuple[str, str]]  # (family, given); ("", name) for an organisation
    issued: date | None
    publisher: str
    place: str
    isbn: str
    doi: str
    url: str

    def people_in(self, language: str) -> list[tuple[str, str]]:
        """The authors as a reader of ``language`` sees them: Cyrillic stays Cyrillic
        only for Serbian Cyrillic (the rule of every name shown)."""
        return [
            (_script(family, language), _script(given, language)) for family, given in self.people
        ]

    def publisher_in(self, language: str) -> str:
        return _script(self.publisher, language)

    def place_in(self, language: str) -> str:
        return _script(self.place, language)


def _script(text: str, language: str) -> str:
    return text if language == "sr" else cyrillic_to_latin(text)


def _people(authors: str) -> list[tuple[str, str]]:
    people = []
    for entry in authors.split(";"):
        family, _comma, given = entry.strip().partition(",")
        people.append((family.strip(), given.strip()) if _comma else ("", entry.strip()))
    return people


@pytest.fixture
def office(db: Database) -> tuple[Database, dict[str, int], list[Expected]]:
    load_demo(db)
    outputs = ResearchOutputService(db)
    hostile = {name: outputs.create(form) for name, form in HOSTILE.items()}
    titles: dict[int, dict[str, str]] = {}
    for language in LANGUAGES:
        for row in outputs.page(ListQuery(language=language), 0, 1000):
            titles.setdefault(row.id, {})[language] = row.title
    expected = []
    for output_id, by_language in titles.items():
        form = outputs.get(output_id).form
        expected.append(
            Expected(
                output_id,
                form.output_type,
                by_language,
                _people(form.authors),
                form.published_on,  # type: ignore[arg-type]
                form.publisher,
                form.place,
                form.isbn,
                form.doi,
                form.url,
            )
        )
    return db, hostile, sorted(expected, key=lambda item: item.id)


def _export(db: Database, kind: CitationFormat, language: str, path: Path, ids: list[int]) -> str:
    written = CitationService(db).export(ids, kind, language, path)
    assert written == len(ids)
    return path.read_text(encoding="utf-8")


# -- RIS ----------------------------------------------------------------------------------


def test_ris_read_back_by_rispy(office, tmp_path: Path) -> None:
    db, _hostile, expected = office
    ids = [item.id for item in expected]
    for language in LANGUAGES:
        text = _export(db, CitationFormat.RIS, language, tmp_path / f"{language}.ris", ids)
        assert "\r" not in text
        for line in text.splitlines():
            assert line == "" or re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
        records = rispy.loads(text)
        assert len(records) == len(expected)
        for record, item in zip(records, expected, strict=True):
            assert record["type_of_reference"] == EXPECTED_TYPES[item.output_type][0]
            assert record["title"] == item.titles[language]
            names = [
                tuple(part.strip() for part in name.split(",", 1)) if "," in name else ("", name)
                for name in record.get("authors", [])
            ]
            assert names == item.people_in(language)
            assert record.get("year") == (str(item.issued.year) if item.issued else None)
            if item.issued:
                assert record["date"] == item.issued.strftime("%Y/%m/%d/")
            assert record.get("publisher", "") == item.publisher_in(language)
            assert record.get("place_published", "") == item.place_in(language)
            assert record.get("issn", "") == item.isbn  # rispy names every SN "issn"
            assert record.get("doi", "") == item.doi
            assert record.get("urls", []) == ([item.url] if item.url else [])
    assert records[-1]["id"] != records[-2]["id"]


def test_ris_policy_brief_carries_its_genre_in_the_chosen_language(office, tmp_path) -> None:
    db, _hostile, expected = office
    brief = next(item for item in expected if item.output_type == OutputType.POLICY_BRIEF)
    [english] = rispy.loads(_export(db, CitationFormat.RIS, "en", tmp_path / "en.ris", [brief.id]))
    assert english["type_of_work"] == "Policy brief"
    [serbian] = rispy.loads(_export(db, CitationFormat.RIS, "sr", tmp_path / "sr.ris", [brief.id]))
    assert serbian["type_of_work"] not in ("", "Policy brief")  # translated, whatever the words
    assert serbian["language"] == "sr-Cyrl"


# -- BibTeX -------------------------------------------------------------------------------


def _parse_bibtex(text: str, decode: bool = True) -> bibtexparser.Library:
    """The entries as bibtexparser reads them, names split, TeX decoded unless ``decode`` is
    false (for the fields biblatex reads verbatim, ``url`` and ``doi``: decoding would take
    a URL's "%" for a TeX comment)."""
    stack = [middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    if decode:
        stack.append(middlewares.LatexDecodingMiddleware())
    library = bibtexparser.parse_string(text, append_middleware=stack)
    assert library.failed_blocks == []
    return library


def _bibtex_people(entry) -> list[tuple[str, str]]:
    if "author" not in entry.fields_dict:
        return []
    people = []
    for name in entry["author"]:
        family = " ".join([*name.von, *name.last])
        if family.startswith("{") and family.endswith("}") and not name.first:
            people.append(("", family[1:-1]))  # braced whole: an organisation
        else:
            people.append((family, " ".join(name.first)))
    return people


def _decoded(text: str) -> str:
    # pylatexenc, which bibtexparser decodes with, reads \textasciicircum as the modifier
    # letter circumflex (U+02C6), the glyph TeX prints for it.
    return text.replace("ˆ", "^")


def test_bibtex_read_back_by_bibtexparser(office, tmp_path: Path) -> None:
    db, _hostile, expected = office
    ids = [item.id for item in expected]
    for language in LANGUAGES:
        text = _export(db, CitationFormat.BIBTEX, language, tmp_path / f"{language}.bib", ids)
        entries = _parse_bibtex(text).entries
        verbatim = _parse_bibtex(text, decode=False).entries
        assert len(entries) == len(expected)
        assert len({entry.key for entry in entries}) == len(entries)
        for entry, raw, item in zip(entries, verbatim, expected, strict=True):
            assert re.fullmatch(r"[a-z0-9]+", entry.key), entry.key
            assert entry.entry_type == EXPECTED_TYPES[item.output_type][1]
            assert _decoded(entry["title"]) == item.titles[language]
            assert _bibtex_people(entry) == item.people_in(language)
            fields = entry.fields_dict
            assert ("year" in fields) == (item.issued is not None)
            if item.issued:
                assert entry["year"] == str(item.issued.year)
                assert entry["date"] == item.issued.isoformat()
            publisher = "institution" if entry.entry_type == "techreport" else "publisher"
            assert (entry[publisher] if publisher in fields else "") == item.publisher_in(language)
            assert (entry["address"] if "address" in fields else "") == item.place_in(language)
            assert (entry["isbn"] if "isbn" in fields else "") == item.isbn
            assert (raw["doi"] if "doi" in fields else "") == item.doi
            assert (raw["url"] if "url" in fields else "") == item.url


def test_bibtex_escapes_tex_and_keeps_unicode(office, tmp_path: Path) -> None:
    db, hostile, _expected = office
    text = _export(
        db,
        CitationFormat.BIBTEX,
        "sr",
        tmp_path / "x.bib",
        [hostile["special"], hostile["cyrillic"]],
    )
    # Letters stay letters (UTF-8), as biber, Zotero and JabRef read them.
    assert "Стојановић, Јелена" in text and "Безбедност у Северној Митровици" in text
    assert "Prishtinë/Priština" in text
    assert r"Costs \{2026\}: 50\% of R\&D\_budget \#1 costs \$5" in text
    assert r"\textasciitilde{}\textasciicircum{} per C:\textbackslash{}data" in text
    assert "{Kosovo Centre for Security Studies}" in text
    special = _parse_bibtex(text).entries[0]
    assert _decoded(special["title"]) == HOSTILE_TITLE  # sr falls back to the English title
    assert special["publisher"] == "Smith & Sons_Publishing"
    assert "url = {https://example.org/costs_2026?x=50%25&y=1}" in text  # verbatim, as typed


def test_bibtex_organisation_with_and_stays_one_author(office, tmp_path: Path) -> None:
    db, hostile, _expected = office
    text = _export(db, CitationFormat.BIBTEX, "en", tmp_path / "o.bib", [hostile["undated"]])
    [entry] = _parse_bibtex(text).entries
    assert _bibtex_people(entry) == [("", "Peace and Safety Network")]
    assert entry.entry_type == "misc"
    assert "year" not in entry.fields_dict and "date" not in entry.fields_dict
    assert entry.key == "peace" + "notes"


def test_citation_keys_are_unique_and_name_author_year_and_title(office, tmp_path) -> None:
    db, hostile, _expected = office
    ids = [hostile["twin_a"], hostile["twin_b"], hostile["special"], hostile["cyrillic"]]
    entries = _parse_bibtex(_export(db, CitationFormat.BIBTEX, "en", tmp_path / "k.bib", ids))
    assert [entry.key for entry in entries.entries] == [
        "berisha2026safetya",
        "berisha2026safetyb",
        "vanderberg2024costs",
        "stojanovic2025bezbednost",
    ]
    items = json.loads(_export(db, CitationFormat.CSL_JSON, "en", tmp_path / "k.json", ids))
    assert [item["id"] for item in items] == [entry.key for entry in entries.entries]


def test_a_lone_brace_does_not_swallow_the_rest_of_the_file() -> None:
    lone = Citation(1, OutputType.BOOK, "Open { but never closed", "en", "", (Person("A", "B"),))
    closed = Citation(2, OutputType.BOOK, "Closed } too early", "en", "", (Person("C", "D"),))
    after = Citation(3, OutputType.BOOK, "Still read", "en", "", (Person("E", "F"),))
    text = write_bibtex([lone, closed, after])
    assert r"Open \textbraceleft{} but" in text and r"Closed \textbraceright{} too" in text
    entries = _parse_bibtex(text).entries
    assert [entry["title"] for entry in entries][2] == "Still read"
    assert [_bibtex_people(entry) for entry in entries] == [
        [("A", "B")],
        [("C", "D")],
        [("E", "F")],
    ]


# -- CSL-JSON -----------------------------------------------------------------------------


def _csl_types() -> set[str]:
    """The item types CSL's own schema lists (shipped with citeproc-py)."""
    import citeproc

    schema = Path(citeproc.__file__).parent / "data/schema/schemas/styles/csl-types.rnc"
    text = schema.read_text(encoding="utf-8")
    return set(re.findall(r'"([a-z-]+)"', text.split("item-types", 1)[1].split("}", 1)[0]))


def test_csl_json_read_back_by_citeproc(office, tmp_path: Path) -> None:
    db, _hostile, expected = office
    ids = [item.id for item in expected]
    known_types = _csl_types()
    for language in LANGUAGES:
        text = _export(db, CitationFormat.CSL_JSON, language, tmp_path / f"{language}.json", ids)
        items = json.loads(text)
        assert isinstance(items, list) and len(items) == len(expected)
        for item, wanted in zip(items, expected, strict=True):
            assert item["type"] == EXPECTED_TYPES[wanted.output_type][2]
            assert item["type"] in known_types
            assert item["title"] == wanted.titles[language]
            people = [
                (name.get("family", ""), name.get("given", name.get("literal", "")))
                for name in item.get("author", [])
            ]
            assert people == wanted.people_in(language)
            if wanted.issued:
                day = wanted.issued
                assert item["issued"] == {"date-parts": [[day.year, day.month, day.day]]}
            else:
                assert "issued" not in item
            assert item.get("publisher", "") == wanted.publisher_in(language)
            assert item.get("publisher-place", "") == wanted.place_in(language)
            assert item.get("ISBN", "") == wanted.isbn
            assert item.get("DOI", "") == wanted.doi
            assert item.get("URL", "") == wanted.url
        # citeproc-py reads the whole file and prints each item in a Harvard bibliography.
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(CiteprocCitation([CitationItem(item["id"])]))
        printed = [str(entry) for entry in bibliography.bibliography()]
        assert len(printed) == len(items)
        for item in items:
            family = (item.get("author") or [{}])[0].get("family")
            assert any(
                item["title"][:20] in entry and (family is None or family in entry)
                for entry in printed
            ), item["title"]


def test_csl_json_organisation_is_literal_and_cyrillic_stays_unescaped(office, tmp_path) -> None:
    db, hostile, _expected = office
    ids = [hostile["special"], hostile["cyrillic"]]
    text = _export(db, CitationFormat.CSL_JSON, "sr", tmp_path / "sr.json", ids)
    assert "Безбедност у Северној Митровици" in text  # no \u escapes
    special, cyrillic = json.loads(text)
    assert special["author"] == [
        {"family": "van der Berg", "given": "Anna"},
        {"literal": "Kosovo Centre for Security Studies"},
    ]
    assert special["title"] == HOSTILE_TITLE
    assert special["language"] == "en"  # the Serbian reader gets the English title there is
    assert cyrillic["language"] == "sr-Cyrl"
    latin = json.loads(_export(db, CitationFormat.CSL_JSON, "sq", tmp_path / "sq.json", ids))
    assert latin[0]["title"] == "Kostot {2026}: 50% e buxhetit"
    assert latin[1]["title"] == "Bezbednost u Severnoj Mitrovici"  # transliterated
    assert latin[1]["language"] == "sr-Latn"
    # As everywhere a Latin text is shown, Cyrillic names are transliterated.
    assert latin[1]["author"][0] == {"family": "Stojanović", "given": "Jelena"}
    assert latin[1]["publisher"] == "Mirovna mreža" and cyrillic["publisher"] == "Мировна мрежа"


# -- the service --------------------------------------------------------------------------


def test_every_output_type_has_a_standard_type_and_a_fallback() -> None:
    for output_type, (ris, bibtex, csl) in EXPECTED_TYPES.items():
        found = standard_type(output_type)
        assert (found.ris, found.bibtex, found.csl) == (ris, bibtex, csl), output_type
    assert set(TYPES) | {OutputType.OTHER} == set(OutputType)
    assert standard_type("something_new") == FALLBACK
    assert FALLBACK.csl in _csl_types()


def test_authors_split_into_people_and_organisations() -> None:
    assert split_authors("van der Berg, Anna;  King, Martin Luther, Jr.\nUNDP Kosovo;;") == (
        Person("van der Berg", "Anna"),
        Person("King", "Martin Luther", "Jr."),
        Person(literal="UNDP Kosovo"),
    )
    assert split_authors(None) == ()
    assert ascii_fold("Đorđević-Stojanović Ђорђе") == "djordjevicstojanovicdjordje"


def test_keys_of_many_clashes_stay_unique() -> None:
    same = [
        Citation(i, OutputType.BOOK, "Same title", "en", "", (Person("Doe", "J"),))
        for i in range(30)
    ]
    keys = citation_keys(same)
    assert len(set(keys)) == 30
    assert keys[:2] == ["doesame" + "a", "doesame" + "b"] and keys[26] == "doesameaa"


def test_the_selection_is_read_by_ids_in_order_and_all_shown_by_the_list_query(office) -> None:
    db, hostile, _expected = office
    service = CitationService(db)
    wanted = [hostile["twin_b"], hostile["cyrillic"]]
    assert [c.output_id for c in service.citations(wanted, "en")] == wanted
    query = ListQuery(search="Berisha", sort="published_on", descending=True)
    shown = [row.id for row in ResearchOutputService(db).page(query, 0, 1000)]
    assert service.shown_ids(query) == shown and hostile["twin_a"] in shown
    assert service.citations([999_999], "en") == []


def test_a_file_that_cannot_be_written_leaves_nothing(office, tmp_path: Path) -> None:
    db, hostile, _expected = office
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "missing folder" / "out.ris"
    with pytest.raises(ServiceError, match="could not be written"):
        CitationService(db).export([hostile["special"]], CitationFormat.RIS, "en", target)
    with pytest.raises(ServiceError, match="None of the chosen"):
        CitationService(db).export([999_999], CitationFormat.RIS, "en", folder / "none.ris")
    assert list(folder.iterdir()) == []
