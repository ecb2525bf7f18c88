"""Lists sort in the alphabetical order of the list's language, in the database, and both
databases give the same order (schema 0006: ICU on PostgreSQL, our key on SQLite)."""

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import bindparam, select, text

from desktop.domain.organisation import Organisation
from desktop.i18n.collation import sort_key_for
from desktop.i18n.translit import cyrillic_to_latin
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.services.reference import ReferenceService
from desktop.store.collations import collation_name
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo

MUNICIPALITIES = Path(__file__).resolve().parents[2] / "resources" / "data" / "municipalities.csv"

ALBANIAN = ["Cana", "Çaji", "Dardania", "Dhimitri", "Era", "Ëndrra", "Zana", "Zhuja"]
CYRILLIC = ["Дечани", "Ђак", "Лука", "Љубав", "Нова", "Њива", "Тетово", "Ћирилица", "Чачак"]
CYRILLIC += ["Џеп", "Шар"]
LATIN = ["Dečani", "Đak", "Luka", "Ljubav", "Nova", "Njiva", "Tetovo", "Ćirilica", "Čačak"]
LATIN += ["Džep", "Šar"]
# gajica: c č ć d dž đ … s š t … z ž
LATIN_ORDER = ["Čačak", "Ćirilica", "Dečani", "Džep", "Đak", "Luka", "Ljubav", "Nova"]
LATIN_ORDER += ["Njiva", "Šar", "Tetovo"]


def _organisations(db: Database, column: str, names: list[str]) -> None:
    service = OrganisationService(db)
    for name in reversed(names):  # not in the order expected
        service.create(OrganisationForm(**{column: name}))


def _listed(db: Database, language: str, **query: object) -> list[str]:
    rows = OrganisationService(db).page(ListQuery(language=language, **query))  # type: ignore[arg-type]
    return [row.name for row in rows]


def test_albanian_list_follows_the_albanian_alphabet(db: Database) -> None:
    _organisations(db, "name_sq", ALBANIAN)
    # ç after c, dh after every d…, ë after e, zh after z: not "Çaji" after "Zhuja"
    assert _listed(db, "sq") == ALBANIAN


def test_serbian_cyrillic_list_follows_the_azbuka(db: Database) -> None:
    _organisations(db, "name_sr", CYRILLIC)
    assert _listed(db, "sr") == CYRILLIC


def test_serbian_latin_list_follows_the_gajica(db: Database) -> None:
    assert [cyrillic_to_latin(name) for name in CYRILLIC] == LATIN
    _organisations(db, "name_sr_latn", LATIN)
    assert _listed(db, "sr_Latn") == LATIN_ORDER


def test_english_list_ignores_accents_and_case(db: Database) -> None:
    names = ["Zveçan Youth", "zvecan Women", "Çaji", "Cana", "Ëndrra", "Era", "NGO Zajedno"]
    names += ["Network for Peace"]
    _organisations(db, "name_en", names)
    assert _listed(db, "en") == [
        "Çaji",  # as "caji"
        "Cana",
        "Ëndrra",
        "Era",
        "Network for Peace",
        "NGO Zajedno",
        "zvecan Women",
        "Zveçan Youth",
    ]


def test_descending_is_the_same_order_backwards(db: Database) -> None:
    _organisations(db, "name_sq", ALBANIAN)
    assert _listed(db, "sq", descending=True) == ALBANIAN[::-1]


def test_pages_follow_one_another_in_the_languages_order(db: Database) -> None:
    _organisations(db, "name_sr", CYRILLIC)
    service = OrganisationService(db)
    query = ListQuery(language="sr")
    pages = [row.name for offset in range(0, 11, 3) for row in service.page(query, offset, 3)]
    assert pages == [row.name for row in service.page(query, 0, 200)] == CYRILLIC


def test_a_language_sorts_the_names_shown_in_it(db: Database) -> None:
    """A name entered in one language only is listed, and sorted, by it in the others too
    (the fallback chain): in a Serbian list the Latin names follow the Cyrillic; in an
    Albanian one the Cyrillic names follow the Latin, shown in Latin letters (the database
    sorts the name as entered: see docs/PERFORMANCE.md)."""
    _organisations(db, "name_sr", ["Шар", "Ђак"])
    _organisations(db, "name_sq", ["Çaji", "Dhimitri"])
    assert _listed(db, "sr") == ["Ђак", "Шар", "Çaji", "Dhimitri"]
    assert _listed(db, "sq") == ["Çaji", "Dhimitri", "Đak", "Šar"]


def test_people_are_listed_by_family_name_in_the_languages_order(db: Database) -> None:
    service = PersonService(db)
    for first, last in [("Arta", "Zhuja"), ("Besa", "Çeku"), ("Dren", "Cana"), ("Ema", "Dhima")]:
        service.create(PersonForm(first_name=first, last_name=last))
    service.create(PersonForm(first_name="Ana", last_name="Dyla"))
    rows = service.page(ListQuery(language="sq", sort="name"))
    assert [row.name.split()[-1] for row in rows] == ["Cana", "Çeku", "Dyla", "Dhima", "Zhuja"]


def test_municipality_choices_follow_the_languages_order(db: Database) -> None:
    service = ReferenceService(db)
    for language in ("sq", "sr", "sr_Latn", "en"):
        names = [choice.name for choice in service.municipalities(language)]
        assert names == sorted(names, key=sort_key_for(language)), language
    serbian = [choice.name for choice in service.municipalities("sr")]
    assert serbian.index("Драгаш") < serbian.index("Ђаковица") < serbian.index("Звечан")


# -- SQLite and PostgreSQL agree ---------------------------------------------------------------


@pytest.fixture
def both(sqlite_db: Database, postgres_url: str) -> Iterator[tuple[Database, Database]]:
    postgres = open_database(postgres_url)
    yield sqlite_db, postgres
    postgres.close()


def _real_names(db: Database) -> list[str]:
    """Kosovo's municipalities in the four languages and the demo office's organisations."""
    with MUNICIPALITIES.open(encoding="utf-8") as handle:
        names = [
            row[column]
            for row in csv.DictReader(handle)
            for column in ("name_en", "name_sq", "name_sr", "name_sr_latn")
        ]
    load_demo(db)
    with db.transaction() as session:
        for organisation in session.scalars(select(Organisation)):
            names += [name for name in organisation.names().values() if name]
    return sorted(set(names))


def _sorted_by(db: Database, names: list[str], language: str) -> list[str]:
    values = ", ".join(f"(CAST(:n{number} AS VARCHAR(500)))" for number in range(len(names)))
    statement = text(
        f"WITH listed(name) AS (VALUES {values}) "
        f"SELECT name FROM listed ORDER BY name COLLATE {collation_name(language)}"
    ).bindparams(*(bindparam(f"n{number}", name) for number, name in enumerate(names)))
    with db.engine.connect() as connection:
        return list(connection.scalars(statement))


@pytest.mark.parametrize("language", ["sq", "sr", "sr_Latn", "en"])
def test_sqlite_and_postgresql_sort_real_names_alike(
    both: tuple[Database, Database], language: str
) -> None:
    sqlite, postgres = both
    names = _real_names(sqlite)
    assert len(names) > 60
    in_postgres = _sorted_by(postgres, names, language)
    assert _sorted_by(sqlite, names, language) == in_postgres
    assert sorted(names, key=sort_key_for(language)) == in_postgres
