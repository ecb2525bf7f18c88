"""Projects through the service: what a user creates, finds, changes and archives."""

from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop.domain import AuditEntry, Municipality
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database
from tests.sql_log import statements_sent


def _form(**changes: object) -> ProjectForm:
    form = ProjectForm(
        code="KS-CS-01",
        name_en="Safer communities in Prishtinë/Priština",
        name_sq="Komunitete më të sigurta në Prishtinë",
        name_sr="Безбедније заједнице у Приштини",
        start_date="2026-01-01",
        end_date="2027-12-31",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_create_then_find_by_any_spelling(db: Database) -> None:
    service = ProjectService(db)
    service.create(_form())
    for typed in ("prishtine", "Prishtinë", "Приштини", "pristini", "KS-CS"):
        rows = service.page(ListQuery(search=typed, language="sq"))
        assert [row.code for row in rows] == ["KS-CS-01"], typed
    assert service.page(ListQuery(search="Mitrovica")) == []


def test_serbian_latin_name_is_derived_from_cyrillic(db: Database) -> None:
    service = ProjectService(db)
    service.create(_form(name_en="", name_sq=""))
    [row] = service.page(ListQuery(language="sr_Latn"))
    assert row.name == "Bezbednije zajednice u Prištini"


def test_bad_input_names_each_field_and_writes_nothing(db: Database) -> None:
    service = ProjectService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(
            _form(
                code="  ",
                name_en="",
                name_sq="",
                name_sr="",
                start_date="2026-02-30",
                end_date="yesterday",
            )
        )
    assert set(refused.value.errors) == {"code", "name_en", "start_date", "end_date"}
    assert "2026-02-30" in refused.value.errors["start_date"]
    assert service.count(ListQuery(include_archived=True)) == 0
    with db.transaction() as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_end_before_start_and_duplicate_code_are_refused(db: Database) -> None:
    service = ProjectService(db)
    service.create(_form())
    with pytest.raises(ValidationError) as refused:
        service.create(_form(start_date="2026-05-01", end_date="2026-04-30"))
    assert set(refused.value.errors) == {"code", "end_date"}


def test_update_is_audited_and_a_stale_version_is_refused(db: Database) -> None:
    service = ProjectService(db)
    project_id = service.create(_form())
    opened = service.get(project_id)
    opened.form.summary = "Community safety forums in five municipalities."
    service.update(project_id, opened.form, opened.version)
    with pytest.raises(ConflictError):
        service.update(project_id, _form(summary="An older view of the record"), opened.version)
    assert service.get(project_id).form.summary == opened.form.summary
    with db.transaction() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [entry.action for entry in entries] == ["create", "update"]
    assert entries[1].changes["summary"] == [None, opened.form.summary]


def test_archive_hides_and_restore_brings_back(db: Database) -> None:
    service = ProjectService(db)
    project_id = service.create(_form())
    service.archive(project_id)
    assert service.count(ListQuery()) == 0
    assert [row.archived for row in service.page(ListQuery(include_archived=True))] == [True]
    service.restore(project_id)
    assert service.count(ListQuery()) == 1


def test_paging_and_sorting_happen_in_the_database(db: Database) -> None:
    service = ProjectService(db)
    for number in range(25):
        service.create(_form(code=f"P-{number:02}", name_en=f"Project {number:02}"))
    first = service.page(ListQuery(sort="code", descending=True), offset=0, limit=10)
    second = service.page(ListQuery(sort="code", descending=True), offset=10, limit=10)
    assert [row.code for row in first][:2] == ["P-24", "P-23"]
    assert second[0].code == "P-14"
    assert service.count(ListQuery()) == 25


def test_sorting_by_title_ignores_letter_case(db: Database) -> None:
    service = ProjectService(db)
    for code, title in (("A", "network for peace"), ("B", "NGO Zajedno"), ("C", "Mitrovica youth")):
        service.create(_form(code=code, name_en=title, name_sq="", name_sr=""))
    rows = service.page(ListQuery(sort="name", language="en"))
    assert [row.name for row in rows] == ["Mitrovica youth", "network for peace", "NGO Zajedno"]


def test_a_project_is_found_by_its_municipality_in_any_script(db: Database) -> None:
    service = ProjectService(db)
    with db.transaction() as session:
        zvecan = session.scalar(select(Municipality.id).where(Municipality.code == "zvecan"))
    service.create(
        _form(
            code="N-1",
            name_en="Dialogue in the north",
            name_sq="",
            name_sr="",
            municipality_ids=[zvecan],
        )
    )
    service.create(_form(code="S-1", name_en="Youth in the south", name_sq="", name_sr=""))
    for typed in ("Звеч", "zvecan", "Zveçan", "ZVEČAN"):
        assert [row.code for row in service.page(ListQuery(search=typed))] == ["N-1"], typed
        assert service.count(ListQuery(search=typed)) == 1


def _places(db: Database, *codes: str) -> list[int]:
    with db.transaction() as session:
        found = {
            code: id_ for code, id_ in session.execute(select(Municipality.code, Municipality.id))
        }
    return [found[code] for code in codes]


def test_a_row_lists_its_municipalities_alphabetically_in_the_lists_language(
    db: Database,
) -> None:
    service = ProjectService(db)
    places = _places(db, "zvecan", "shtime", "gjakove", "suhareke", "decan")
    service.create(_form(code="N-1", municipality_ids=places))
    service.create(_form(code="S-1", name_en="Youth in the south"))
    expected = {
        # dual names from the reference data, as they are
        "en": "Deçan/Dečani, Gjakovë/Đakovica, Shtime/Štimlje, Suharekë/Suva Reka, Zveçan/Zvečan",
        # "sh" is a letter of its own, after "s"
        "sq": "Deçan, Gjakovë, Suharekë, Shtime, Zveçan",
        # the Serbian alphabet: Д Ђ … З … С … Ш, not the order of the code points
        "sr": "Дечани, Ђаковица, Звечан, Сува Река, Штимље",
        "sr_Latn": "Dečani, Đakovica, Suva Reka, Štimlje, Zvečan",
    }
    for language, names in expected.items():
        rows = service.page(ListQuery(sort="code", language=language))
        assert [(row.code, row.municipalities) for row in rows] == [
            ("N-1", names),
            ("S-1", ""),
        ], language


def test_a_page_reads_its_municipalities_in_one_query(db: Database) -> None:
    service = ProjectService(db)
    places = _places(db, "zvecan", "leposaviq", "prishtine")
    for number in range(PAGE_SIZE + 5):
        service.create(_form(code=f"P-{number:03}", municipality_ids=places[: 1 + number % 3]))
    with statements_sent(db) as few:
        assert len(service.page(ListQuery(sort="code"), limit=10)) == 10
    with statements_sent(db) as many:
        rows = service.page(ListQuery(sort="code"))
    assert len(rows) == PAGE_SIZE
    selects = [sql for sql, _parameters in many if sql.lstrip().startswith("SELECT")]
    assert len(selects) == 2, selects  # the page, then its municipalities
    assert len(many) == len(few)  # more rows, not more queries
    assert rows[0].municipalities == "Zveçan/Zvečan"
    assert rows[2].municipalities == ("Leposaviq/Leposavić, Prishtinë/Priština, Zveçan/Zvečan")
    assert all(row.municipalities for row in rows)


def test_the_list_is_narrowed_to_a_municipality(db: Database) -> None:
    service = ProjectService(db)
    zvecan, prizren, gjilan = _places(db, "zvecan", "prizren", "gjilan")
    service.create(_form(code="N-1", municipality_ids=[zvecan, prizren]))
    service.create(_form(code="N-2", municipality_ids=[zvecan]))
    service.create(_form(code="S-1", municipality_ids=[prizren]))
    service.create(_form(code="X-1"))

    def codes(query: ListQuery) -> list[str]:
        assert service.count(query) == len(service.page(query))
        return [row.code for row in service.page(query)]

    query = ListQuery(sort="code")
    assert codes(query.with_filter("municipality_id", zvecan)) == ["N-1", "N-2"]
    assert codes(query.with_filter("municipality_id", prizren)) == ["N-1", "S-1"]
    assert codes(query.with_filter("municipality_id", gjilan)) == []
    assert codes(query.with_filter("municipality_id", [gjilan, prizren])) == ["N-1", "S-1"]
    narrowed = query.with_filter("municipality_id", zvecan).with_filter("status", "planned")
    assert codes(replace(narrowed, search="N-2")) == ["N-2"]
    assert codes(query.with_filter("municipality_id", None)) == ["N-1", "N-2", "S-1", "X-1"]
