"""Writes the broken-file corpus in this folder; run it again after changing a case.

    .venv/bin/python tests/data/imports/make_corpus.py

Each kind of import (organisations, activities, expenditures) gets the same cases in its
own column layout, with Albanian headers; ``tests/services/test_import_corpus.py`` says
what each file must produce.  Files every import refuses the same way (empty, binary,
damaged workbooks) are written once, at the top.  Workbooks with merged cells and
formulas, and the 100,000-row files, are made by the test itself.
"""

import csv
import io
from pathlib import Path

HERE = Path(__file__).parent
LONG = "A" * 10_000
HOSTILE = '\u200fZe\u0308ri i Grave\u202e =HYPERLINK("http://example.invalid","Kliko")'

KINDS: dict[str, dict[str, object]] = {
    "organisations": {
        "header": ["Emri", "Name", "Lloji", "Komuna", "E-mail"],
        "rows": [
            ["Shoqata e Grave „Ëndërra“ Çarshia", "Women's Association Dream", "OJQ",
             "Gjakovë", ""],
            ["Udruženje Đurđevak – Čačak, Šišić i Žužić", "", "NVO", "Zvečan",
             "info@djurdjevak.example"],
        ],
        "text": 0,  # the column of free text hostile values go into
        "vary": lambda row, n: [f"{row[0]} {n}", row[1] and f"{row[1]} {n}", *row[2:]],
    },
    "activities": {
        "header": ["Projekti", "Lloji", "Titulli", "Data", "Komuna", "Komuniteti", "Gra",
                   "Burra", "Gjithsej"],
        "rows": [
            ["CSK-2025-01", "Konsultim publik", "Dëgjim publik në Çarshi", "12.05.2026",
             "Gjakovë", "shqiptar", "14", "11", "25"],
            ["CSK-2025-03", "Obuka", "Obuka za mlade – Đurđevdan, Čačak, Šid, Žabljak",
             "2026-05-20", "Zvečan", "Srbi", "6", "9", ""],
        ],
        "text": 2,
        "date": 3,
        "vary": lambda row, n: [*row[:2], f"{row[2]} {n}", *row[3:]],
    },
    "expenditures": {
        "header": ["Granti", "Linja buxhetore", "Data", "Përshkrimi", "Furnitori",
                   "Nr i faturës", "Shuma", "Valuta", "Kursi"],
        "rows": [
            ["2025/461-198", "5.1", "14.04.2026", "Ushqim për konsultimin në Çarshi",
             "Hotel Ëndërra", "HE-77", "1.234,56", "", ""],
            ["2025/461-198", "4.1", "16.04.2026", "Zakup kancelarije – Đurđa, Čačak",
             "Šišić & Žužić d.o.o.", "SZ-0416", "60.000,00", "RSD", "0,0085"],
        ],
        "text": 3,
        "date": 2,
        "vary": lambda row, n: [*row[:5], f"{row[5]}-{n}", *row[6:]],
    },
}  # fmt: skip


def csv_text(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def with_cell(row: list[str], column: int, value: str) -> list[str]:
    return [*row[:column], value, *row[column + 1 :]]


def write_kind(kind: str, spec: dict[str, object]) -> None:
    folder = HERE / kind
    header: list[str] = spec["header"]  # type: ignore[assignment]
    rows: list[list[str]] = spec["rows"]  # type: ignore[assignment]
    text: int = spec["text"]  # type: ignore[assignment]
    vary = spec["vary"]
    good = [header, *rows]
    write(folder / "windows-1250.csv", csv_text(good, ";").encode("cp1250"))
    write(folder / "utf-8-bom.csv", csv_text(good, ",").encode("utf-8-sig"))
    write(folder / "utf-16-tab.csv", csv_text(good, "\t").encode("utf-16"))
    write(folder / "header-only.csv", csv_text([header], ";").encode("utf-8"))
    # Row 3 was typed with an unquoted "1,5" (or a comma in a name): one cell too many.
    overflowing = csv_text([header, rows[0]], ",") + ",".join([*rows[1], "5"]) + "\r\n"
    short = ",".join(rows[0][:1]) + "\r\n"  # row 4: only its first cell
    write(folder / "ragged.csv", (overflowing + short).encode("utf-8"))
    hostile = [header, with_cell(rows[0], text, HOSTILE), rows[1]]
    write(folder / "formula-and-marks.csv", csv_text(hostile, ",").encode("utf-8"))
    long = [header, rows[0], with_cell(rows[1], text, LONG)]
    write(folder / "long-cell.csv", csv_text(long, ",").encode("utf-8"))
    early = [header, with_cell(rows[0], text, "Zëri\x00 i Grave"), rows[1]]
    write(folder / "nul-early.csv", csv_text(early, ";").encode("utf-8"))
    # The NUL after the first 8 KB, which the check for binary files reads.
    many = [vary(rows[n % 2], n) for n in range(160)]  # type: ignore[operator]
    late = [header, *many, with_cell(vary(rows[0], 999), text, "Zëri\x00 i Grave 999")]  # type: ignore[operator]
    write(folder / "nul-late.csv", csv_text(late, ";").encode("utf-8"))
    if "date" in spec:
        column: int = spec["date"]  # type: ignore[assignment]
        dated = [
            with_cell(vary(rows[0], n), column, value)  # type: ignore[operator]
            for n, value in enumerate(["31.12.2026", "2026-12-31", "31/12/2026"])
        ]
        write(folder / "dates.csv", csv_text([header, *dated], ";").encode("utf-8"))
        month_first = [header, rows[0], with_cell(rows[1], column, "12/31/2026")]
        write(folder / "month-first.csv", csv_text(month_first, ";").encode("utf-8"))


def write_expenditure_amounts() -> None:
    spec = KINDS["expenditures"]
    header: list[str] = spec["header"]  # type: ignore[assignment]
    row: list[str] = spec["rows"][0]  # type: ignore[index]
    amounts = ["1.234,56", "1,234.56", "1 234,56 €", "1234,5", "980"]
    rows = [[*row[:5], f"AM-{n}", amount, *row[7:]] for n, amount in enumerate(amounts)]
    write(HERE / "expenditures" / "amounts.csv", csv_text([header, *rows], ";").encode("utf-8"))


def write_shared() -> None:
    write(HERE / "empty.csv", b"")
    write(HERE / "blank-lines.csv", b"\r\n;;;\r\n\r\n")
    write(HERE / "picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(HERE / "old-excel.csv", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    write(HERE / "not-a-zip.xlsx", bytes(range(256)) * 8)
    write(HERE / "damaged.xlsx", b"PK\x03\x04" + b"\x14\x00\x06\x00" + b"not a workbook" * 40)


if __name__ == "__main__":
    write_shared()
    for name, kind_spec in KINDS.items():
        write_kind(name, kind_spec)
    write_expenditure_amounts()
