"""Reading the files offices send into rows of text, and guessing which column is which."""

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.i18n import set_language
from desktop.services.imports.mapping import guess_mapping
from desktop.services.imports.organisations import ORGANISATION_FIELDS
from desktop.services.imports.reading import read_table


def test_a_semicolon_file_with_comma_decimals_keeps_its_amounts(tmp_path: Path) -> None:
    path = tmp_path / "budget.csv"
    path.write_bytes(
        "Rreshti;Shuma;Data\nPagat;1.234,50;15.03.2026\nUdhëtimet;980,00;2026-04-01\n".encode(
            "cp1250"
        )
    )

    table = read_table(path)

    assert (table.delimiter, table.encoding) == (";", "cp1250")
    assert table.header == ("Rreshti", "Shuma", "Data")
    assert [row.cells for row in table.rows] == [
        ("Pagat", "1.234,50", "15.03.2026"),
        ("Udhëtimet", "980,00", "2026-04-01"),
    ]


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "partners.txt.csv"
    path.write_bytes("Назив\tKomuna\nЖене за жене\tGraçanicë\n".encode("utf-16"))

    table = read_table(path)

    assert table.delimiter == "\t"
    assert table.rows[0].cells == ("Жене за жене", "Graçanicë")


def test_row_numbers_are_the_spreadsheets_own(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "List of partners,,\n"  # 1: a title above the header
        "\n"  # 2
        "Name,Address,Phone\n"  # 3: the header
        'Democracy Plus,"Rr. Rexhep Luci 3\nPrishtinë",038 000 000\n'  # 4: a two-line cell
        ",,\n"  # 5: empty, skipped
        "Zëri i Grave,,\n",  # 6
        encoding="utf-8-sig",
    )

    table = read_table(path)

    assert table.header_row == 3
    assert table.header == ("Name", "Address", "Phone")
    assert [row.number for row in table.rows] == [4, 6]
    assert table.rows[0].cells[1] == "Rr. Rexhep Luci 3\nPrishtinë"
    assert table.rows[1].cells == ("Zëri i Grave", "", "")
    assert table.column_name(2) == "C: Phone"


def test_xlsx_numbers_and_dates_read_as_a_user_would_type_them(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Number", "Amount", "Date", "Time"])
    sheet.append([70123, 1234.5, date(2026, 3, 15), datetime(2026, 3, 15, 9, 30)])
    sheet.append([70124.0, 0.1, "15.3.2026", None])
    workbook.save(tmp_path / "values.xlsx")

    table = read_table(tmp_path / "values.xlsx")

    assert [row.cells for row in table.rows] == [
        ("70123", "1234.5", "2026-03-15", "2026-03-15 09:30:00"),
        ("70124", "0.1", "15.3.2026", ""),
    ]


def test_a_file_renamed_from_xlsx_to_csv_is_still_read_as_a_workbook(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Name"])
    workbook.active.append(["Democracy Plus"])
    workbook.save(tmp_path / "partners.csv")

    assert read_table(tmp_path / "partners.csv").rows[0].cells == ("Democracy Plus",)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["Emri", "Назив", "Naziv", "Name"],
            {"name_sq": 0, "name_sr": 1, "name_sr_latn": 2, "name_en": 3},
        ),
        (
            ["Emri i organizatës", "Lloji", "Komuna", "Numri i regjistrimit", "Tel."],
            {"name_sq": 0, "kind": 1, "municipality": 2, "registration_number": 3, "phone": 4},
        ),
        (
            ["Назив организације", "Врста", "Општина", "Адреса", "Е-пошта"],
            {"name_sr": 0, "kind": 1, "municipality": 2, "address": 3, "email": 4},
        ),
        (
            ["Organisation", "Acronym", "Kind", "Municipality", "E-mail*", "Website", "Notes"],
            {
                "name_en": 0,
                "acronym": 1,
                "kind": 2,
                "municipality": 3,
                "email": 4,
                "website": 5,
                "notes": 6,
            },
        ),
    ],
)
def test_columns_are_guessed_from_headers_in_each_language(
    header: list[str], expected: dict[str, int]
) -> None:
    mapping = guess_mapping(ORGANISATION_FIELDS, header)

    assert {key: column for key, column in mapping.items() if column is not None} == expected


def test_the_guess_does_not_depend_on_the_interface_language() -> None:
    header = ["Shkurtesa", "Emri", "Name"]
    english = guess_mapping(ORGANISATION_FIELDS, header)
    set_language("sr")

    assert guess_mapping(ORGANISATION_FIELDS, header) == english
    assert english["acronym"] == 0


def test_windows_files_are_read_in_latin_and_in_cyrillic(tmp_path: Path) -> None:
    latin = "Naziv;Opština\nŽene za žene;Južna Mitrovica\nČučuk Štrpce;Štrpce\n"
    cyrillic = "Назив;Општина\nЖене за жене;Јужна Митровица\nУдружење грађана;Штрпце\n"
    (tmp_path / "latin.csv").write_bytes(latin.encode("cp1250"))
    (tmp_path / "cyrillic.csv").write_bytes(cyrillic.encode("cp1251"))

    read_latin = read_table(tmp_path / "latin.csv")
    read_cyrillic = read_table(tmp_path / "cyrillic.csv")

    assert read_latin.encoding == "cp1250"
    assert read_latin.rows[1].cells == ("Čučuk Štrpce", "Štrpce")
    assert read_cyrillic.encoding == "cp1251"
    assert read_cyrillic.header == ("Назив", "Општина")
    assert read_cyrillic.rows[0].cells == ("Жене за жене", "Јужна Митровица")
