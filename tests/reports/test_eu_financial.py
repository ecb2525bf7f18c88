"""The EU financial report drawn from data built here, read back from the PDF.

The report figures built below follow the EU 2016 budget template (headings 1-6 with
sub-headings, 7 subtotal, 8 contingency, 9 total direct, 10 indirect, 11 total) with a
grant's lines, expenditure in dinars and dollars, and three instalments.
"""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH
from desktop.i18n import language_codes, translator_for
from desktop.reports.eu_financial import render_eu_financial
from desktop.reports.eu_financial_data import (
    EuFinancialReport,
    Figures,
    Heading,
    HeadingKind,
    InstalmentRow,
    LineRow,
    RateUsed,
)

LANGUAGES = language_codes()
CONTRACT = "2025/461-198"
D = Decimal

NAMES = {
    "en": {
        "1": "Human resources",
        "1.1": "Salaries (gross amounts, local staff)",
        "1.3": "Per diems for missions/travel",
        "2": "Travel",
        "3": "Equipment and supplies",
        "4": "Local office",
        "5": "Other costs, services",
        "6": "Other",
        "7": "Subtotal direct eligible costs of the action (1-6)",
        "8": "Provision for contingency reserve",
        "9": "Total direct eligible costs of the action (7+8)",
        "10": "Indirect costs (maximum 7% of 9)",
        "11": "Total eligible costs (9+10)",
    },
    "sr": {
        "1": "Људски ресурси",
        "1.1": "Плате (бруто износи, локално особље)",
        "1.3": "Дневнице за службена путовања",
        "2": "Путовања",
        "3": "Опрема и залихе",
        "4": "Локална канцеларија",
        "5": "Остали трошкови, услуге",
        "6": "Остало",
        "7": "Међузбир директних прихватљивих трошкова акције (1-6)",
        "8": "Резерва за непредвиђене трошкове",
        "9": "Укупни директни прихватљиви трошкови акције (7+8)",
        "10": "Индиректни трошкови (највише 7% од 9)",
        "11": "Укупни прихватљиви трошкови (9+10)",
    },
}
NAMES["sr_Latn"] = {
    "1": "Ljudski resursi",
    "1.1": "Plate (bruto iznosi, lokalno osoblje)",
    "1.3": "Dnevnice za službena putovanja",
    "2": "Putovanja",
    "3": "Oprema i zalihe",
    "4": "Lokalna kancelarija",
    "5": "Ostali troškovi, usluge",
    "6": "Ostalo",
    "7": "Međuzbir direktnih prihvatljivih troškova akcije (1-6)",
    "8": "Rezerva za nepredviđene troškove",
    "9": "Ukupni direktni prihvatljivi troškovi akcije (7+8)",
    "10": "Indirektni troškovi (najviše 7% od 9)",
    "11": "Ukupni prihvatljivi troškovi (9+10)",
}
NAMES["sq"] = {
    "1": "Burimet njerëzore",
    "1.1": "Pagat (shuma bruto, stafi lokal)",
    "1.3": "Mëditjet për misione/udhëtime",
    "2": "Udhëtimet",
    "3": "Pajisjet dhe furnizimet",
    "4": "Zyra lokale",
    "5": "Kosto të tjera, shërbime",
    "6": "Të tjera",
    "7": "Nëntotali i kostove direkte të pranueshme të veprimit (1-6)",
    "8": "Rezerva për të paparashikuarat",
    "9": "Totali i kostove direkte të pranueshme të veprimit (7+8)",
    "10": "Kostot indirekte (maksimumi 7% e 9)",
    "11": "Totali i kostove të pranueshme (9+10)",
}


def line(
    code: str,
    description: str,
    unit: str,
    quantity: int | None,
    rate: str | None,
    in_period: str = "0",
    cumulative: str = "0",
    amount: str | None = None,
) -> LineRow:
    budget = D(amount) if amount is not None else D(quantity or 0) * D(rate or 0)
    return LineRow(
        code,
        description,
        unit,
        None if quantity is None else D(quantity),
        None if rate is None else D(rate),
        Figures(budget.quantize(D("0.01")), D(in_period), D(cumulative)),
    )


def build_report(language: str = "en", **changes: object) -> EuFinancialReport:
    names = NAMES[language]

    def heading(number: str, kind: HeadingKind, *lines: LineRow, children=()) -> Heading:
        return Heading(number, names[number], kind, tuple(lines), tuple(children))

    direct = HeadingKind.DIRECT
    headings = (
        heading(
            "1",
            direct,
            children=[
                heading(
                    "1.1",
                    direct,
                    line(
                        "1.1.1",
                        "Project manager, 100%",
                        "per month",
                        24,
                        "3200.00",
                        "9600.00",
                        "38400.00",
                    ),
                    line(
                        "1.1.2",
                        "Project officers at the four partner CSOs, 50%",
                        "per person-month",
                        96,
                        "1450.00",
                        "17400.00",
                        "69600.00",
                    ),
                ),
                heading(
                    "1.3",
                    direct,
                    line(
                        "1.3.1",
                        "Field researchers, part-time",
                        "per person-month",
                        40,
                        "1100.00",
                        "3300.00",
                        "3300.00",
                    ),
                ),
            ],
        ),
        heading(
            "2",
            direct,
            line(
                "2.1",
                "Local travel to the six municipalities",
                "per month",
                24,
                "650.00",
                "412.60",
                "412.60",
            ),
            line(
                "2.2",
                "Regional study visit (Skopje, Podgorica)",
                "per trip",
                6,
                "900.00",
                "0",
                "2640.00",
            ),
        ),
        heading(
            "3",
            direct,
            line(
                "3.1", "Laptops for the research teams", "per laptop", 8, "850.00", "0", "6720.00"
            ),
            line("3.2", "Survey software licences", "per licence", 2, "600.00", "540.96", "540.96"),
        ),
        heading("4", direct),
        heading(
            "5",
            direct,
            line(
                "5.1",
                "Venues and catering for consultations",
                "per event",
                60,
                "420.00",
                "2176.05",
                "2176.05",
            ),
            line("5.4", "Expenditure verification", "lump sum", None, None, amount="8000.00"),
        ),
        heading("6", direct),
        heading("7", HeadingKind.SUBTOTAL_DIRECT),
        heading("8", HeadingKind.CONTINGENCY),
        heading("9", HeadingKind.TOTAL_DIRECT),
        heading(
            "10",
            HeadingKind.INDIRECT,
            line("10.1", "Indirect costs (7% of direct costs)", "", None, None, amount="22554.00"),
        ),
        heading("11", HeadingKind.TOTAL),
    )
    report = EuFinancialReport(
        language=language,
        contract_number=CONTRACT,
        title="Safer Communities: strengthening MCSCs and civil society in Kosovo",
        donor="European Union Office in Kosovo",
        coordinator="Peace and Safety Network",
        period_label="2026-Q1",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        grant_start=date(2025, 4, 1),
        grant_end=date(2027, 3, 31),
        currency="EUR",
        grant_amount=D("344754.00"),
        template_name="EU 2016",
        headings=headings,
        indirect_limit=D("0.07"),
        rates=(
            RateUsed(
                "RSD",
                D("0.00850000"),
                (date(2026, 2, 1), date(2026, 3, 1)),
                D("97300.00"),
                D("827.05"),
                3,
            ),
            RateUsed("USD", D("0.92000000"), (date(2026, 3, 1),), D("588.00"), D("540.96"), 1),
        ),
        instalments=(
            InstalmentRow(1, date(2025, 4, 15), date(2025, 4, 29), D("234543.78")),
            InstalmentRow(2, date(2026, 6, 30), None, D("117271.89")),
            InstalmentRow(3, date(2027, 9, 30), None, D("39090.63")),
        ),
        generated_on=date(2026, 4, 20),
    )
    return replace(report, **changes)


def _render(report: EuFinancialReport, folder: Path) -> PdfReader:
    path = folder / f"eu-financial-{report.language}.pdf"
    render_eu_financial(report, path)
    return PdfReader(path)


def _plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _pages(reader: PdfReader) -> list[str]:
    return [_plain(page.extract_text()) for page in reader.pages]


@pytest.mark.parametrize("code", LANGUAGES)
def test_headings_of_the_template_print_in_the_report_language(code: str, tmp_path: Path) -> None:
    text = "\n".join(_pages(_render(build_report(code), tmp_path)))
    _ = translator_for(code).gettext

    for number in ("1", "1.1", "2", "7", "9", "10", "11"):
        assert NAMES[code][number] in " ".join(text.split())
    assert _("Budget and expenditure") in text
    assert _("Exchange rates used") in text
    assert _("Instalments received") in text


def _text(reader: PdfReader) -> str:
    return "\n".join(_pages(reader))


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page in reader.pages:
        for reference in page["/Resources"].get_object().get("/Font", {}).get_object().values():
            font = reference.get_object()
            fonts.append(font)
            fonts += [d.get_object() for d in font.get("/DescendantFonts", [])]
    return fonts


@pytest.mark.parametrize("code", LANGUAGES)
def test_contract_number_and_page_n_of_m_in_every_footer(code: str, tmp_path: Path) -> None:
    pages = _pages(_render(build_report(code), tmp_path))
    page_label = translator_for(code).gettext("Page {page} of {pages}")

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        footer = text.strip().splitlines()[-2:]
        assert any(CONTRACT in line for line in footer), footer
        assert page_label.format(page=number, pages=len(pages)) in text


@pytest.mark.parametrize("code", ["en", "sr"])
def test_every_font_is_embedded(code: str, tmp_path: Path) -> None:
    fonts = _fonts(_render(build_report(code), tmp_path))

    assert fonts
    assert not any("Helvetica" in str(font["/BaseFont"]) for font in fonts)
    for font in fonts:
        if font["/Subtype"] != "/Type0":
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def _flat(reader: PdfReader) -> str:
    """The text as one line: a table's cells follow each other, row after row."""
    return " ".join(_text(reader).split())


def test_lines_subtotals_and_totals_print_with_their_figures(tmp_path: Path) -> None:
    text = _flat(_render(build_report("en"), tmp_path))

    # Line 1.1.1: 24 months at 3,200.00, 9,600.00 in the period, 38,400.00 to date.
    assert (
        "1.1.1 Project manager, 100% per month 24 3,200.00 76,800.00 9,600.00 38,400.00"
        " 38,400.00 50%" in text
    )
    assert "Subtotal Human resources 260,000.00 30,300.00 111,300.00 148,700.00 43%" in text
    # 7 adds up the direct headings 1-6 only; 9 adds the (empty) contingency reserve.
    assert "(1-6) 322,200.00 33,429.61 123,789.61 198,410.39 38%" in text
    assert "(7+8) 322,200.00 33,429.61 123,789.61 198,410.39 38%" in text
    assert "(9+10) 344,754.00 33,429.61 123,789.61 220,964.39 36%" in text


def test_a_foreign_currency_is_listed_with_its_rate_months_and_amounts(tmp_path: Path) -> None:
    text = _flat(_render(build_report("en"), tmp_path))

    assert "RSD 1 RSD = 0.0085 EUR Feb 2026 and Mar 2026 3 97,300.00 RSD 827.05" in text
    assert "USD 1 USD = 0.92 EUR Mar 2026 1 588.00 USD 540.96" in text


def test_instalments_received_by_the_end_of_the_period_add_up(tmp_path: Path) -> None:
    text = _flat(_render(build_report("en"), tmp_path))

    assert "Received by Mar 31, 2026 234,543.78" in text
    assert "the donor had paid 234,543.78 EUR of the grant amount of 344,754.00 EUR (68%)" in text


def test_indirect_costs_above_the_limit_are_pointed_out(tmp_path: Path) -> None:
    report = build_report("en")
    *rest, indirect, total = report.headings
    too_much = replace(
        indirect, lines=(replace(indirect.lines[0], figures=Figures(D("25000.00"))),)
    )
    within = _flat(_render(report, tmp_path))
    exceeded = " ".join(
        _text(_render(replace(report, headings=(*rest, too_much, total)), tmp_path)).split()
    )

    assert "Indirect costs exceed the limit" not in within
    assert "Indirect costs in the budget: 22,554.00 EUR, 7% of the direct costs" in within
    assert "Indirect costs exceed the limit: the budget holds 25,000.00 EUR" in exceeded
    assert "at most 7% (22,554.00 EUR) is eligible" in exceeded


def test_an_overspent_line_shows_a_negative_balance(tmp_path: Path) -> None:
    report = build_report("en")
    first, *rest = report.headings
    salaries, per_diems = first.children
    overspent = replace(
        per_diems,
        lines=(replace(per_diems.lines[0], figures=Figures(D("44000.00"), D("0"), D("45000.50"))),),
    )
    report = replace(report, headings=(replace(first, children=(salaries, overspent)), *rest))
    text = _flat(_render(report, tmp_path))

    assert "44,000.00 0.00 45,000.50 -1,000.50 102%" in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_grant_with_no_budget_expenditure_or_instalments_renders(
    code: str, tmp_path: Path
) -> None:
    empty = replace(
        build_report(code),
        headings=tuple(replace(h, lines=(), children=()) for h in build_report(code).headings),
        rates=(),
        instalments=(),
        donor_logo=None,
        generated_on=None,
    )
    _ = translator_for(code).gettext

    text = _flat(_render(empty, tmp_path))

    assert _("No budget has been recorded for this grant.") in text
    assert _("No instalments have been recorded for this grant.") in text


def test_a_period_with_no_expenditure_prints_zeros_and_no_rates(tmp_path: Path) -> None:
    def unspent(heading: Heading) -> Heading:
        return replace(
            heading,
            lines=tuple(
                replace(line, figures=Figures(line.figures.budget)) for line in heading.lines
            ),
            children=tuple(unspent(child) for child in heading.children),
        )

    report = replace(
        build_report("en"), headings=tuple(map(unspent, build_report("en").headings)), rates=()
    )
    text = _flat(_render(report, tmp_path))

    assert "Total eligible costs (9+10) 344,754.00 0.00 0.00 344,754.00 0%" in text
    assert "All expenditure to the end of the period was made in EUR." in text


HOSTILE = {
    "markup": "R&D < 5 <b>unclosed <para> &amp; {page}",
    "long-word": "x" * 300,
    "emoji": "Visibility 😀 🇽🇰 👩‍👩‍👧",
    "huge": ("Translation of the consultation report & annexes. " * 400)[:20000],
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
@pytest.mark.parametrize("code", ["en", "sr"])
def test_hostile_text_in_every_field_renders(code: str, text: str, tmp_path: Path) -> None:
    """Each field as long as the database holds it; a line's description gets all of it."""
    name, short = text[:TEXT_LENGTH], text[:CODE_LENGTH]
    report = build_report(code)
    first, *rest = report.headings
    salaries, per_diems = first.children
    hostile_line = replace(per_diems.lines[0], code=short, description=text, unit=short)
    report = replace(
        report,
        title=name,
        donor=name,
        coordinator=name,
        template_name=name,
        headings=(
            replace(
                first,
                name=name,
                children=(salaries, replace(per_diems, name=name, lines=(hostile_line,))),
            ),
            *rest,
        ),
    )

    reader = _render(report, tmp_path)

    assert len(reader.pages) >= 3
    assert CONTRACT in _text(reader)
    if text == HOSTILE["markup"]:
        assert text in _flat(reader)


def test_a_damaged_logo_leaves_the_report_without_it(tmp_path: Path) -> None:
    reader = _render(build_report("en", donor_logo=b"\x89PNG not really"), tmp_path)

    assert CONTRACT in _text(reader)


def test_renders_into_a_stream_with_metadata() -> None:
    stream = BytesIO()
    render_eu_financial(build_report("sr"), stream)
    reader = PdfReader(BytesIO(stream.getvalue()))

    assert reader.metadata is not None
    assert CONTRACT in (reader.metadata.subject or "") + (reader.metadata.title or "") or (
        "Safer Communities" in (reader.metadata.title or "")
    )
    assert reader.metadata.author == "CSO Desk"


def test_the_cover_says_interim_or_final_and_sets_spending_against_time(tmp_path: Path) -> None:
    _ = translator_for("en").gettext
    interim = _flat(_render(build_report("en"), tmp_path))
    final = _flat(
        _render(
            build_report(
                "en",
                period_label="2027-Q1",
                period_start=date(2027, 1, 1),
                period_end=date(2027, 3, 31),
            ),
            tmp_path,
        )
    )

    assert interim.startswith(_("Interim financial report"))
    assert final.startswith(_("Final financial report"))
    # 365 of the action's 730 days had gone by March 31, 2026; 36% of the budget was spent.
    assert "Spent (%) 36% Implementation period elapsed (%) 50%" in interim
    assert "Implementation period elapsed (%) 100%" in final


def test_the_grand_total_never_stands_alone_on_a_page(tmp_path: Path) -> None:
    """Whatever the number of lines, the indirect costs' block and the total share a page."""
    report = build_report("en")
    services = report.headings[4]
    assert services.number == "5"
    for extra in (8, 9, 10, 11, 54, 55, 56, 57):
        lines = tuple(
            line(f"5.{9 + index}", f"Venue and catering, event {index}", "per event", 1, "100.00")
            for index in range(extra)
        )
        longer = replace(
            report,
            headings=(
                *report.headings[:4],
                replace(services, lines=services.lines + lines),
                *report.headings[5:],
            ),
        )
        pages = [" ".join(page.split()) for page in _pages(_render(longer, tmp_path))]
        [page] = [page for page in pages if "Total eligible costs (9+10)" in page]
        assert "10.1 Indirect costs" in page, extra
