"""The EU financial report: budget against actual under the donor template's headings.

It follows the budget annexed to the EU's standard grant contract: each heading, its
sub-headings and budget lines with unit, number of units and unit rate, the budget, the
expenditure of the period and to date, the balance and the share spent, then the computed
rows (subtotal of direct costs, total direct costs, total eligible costs) where the template
puts them.  Amounts are printed without a currency sign in every cell, as finance officers
read such tables; the currency is named above the table.  Expenditure in another
currency is listed with the rates it was converted at, and the instalments received close
the report.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from babel.lists import format_list
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from desktop.i18n import Translator, translator_for
from desktop.i18n.formatting import babel_locale
from desktop.reports.document import (
    ACCENT,
    CONTENT_WIDTH,
    EMPTY_VALUE,
    HEADER_FILL,
    MARKER,
    RULE,
    ZEBRA_FILL,
    Cell,
    Column,
    DocumentInfo,
    build_document,
    data_table,
    facts_table,
    note,
    nothing_to_report,
    report_styles,
    section_heading,
)
from desktop.reports.eu_financial_data import (
    EuFinancialReport,
    Figures,
    Heading,
    IndirectCheck,
    LineRow,
    RateUsed,
)
from desktop.reports.fonts import BOLD, REGULAR
from desktop.reports.formatting import (
    format_amount,
    format_date,
    format_exact,
    format_number,
    format_ratio,
    format_skeleton,
)
from desktop.reports.markup import format_markup, one_line, to_markup
from desktop.reports.paragraph import Paragraph

_FONT_SIZE = 7
_HEAD_SIZE = 6.5
_CELL_PADDING = 2.5
_UNIT_WIDTH = 40.0  # a unit column wraps "per person-month" rather than grow wider
_MIN_DESCRIPTION_SHARE = 0.16
# Columns of the budget table: description, unit, units, unit rate, then the figures.
_QUANTITY_COLUMN = 2
_FIGURE_COLUMN = 4
_BALANCE_COLUMN = 7
_LONGEST_ROW_TEXT = 1500  # characters; a longer description may be taller than a page
_KEPT_AT_END = 6  # the last rows kept on one page, from a heading's title if so near
_MAX_NUMBER_WIDTH = 30.0  # a longer number is printed inline, not hanging
_COLUMNS = 9


def render_eu_financial(report: EuFinancialReport, target: Path | BinaryIO) -> None:
    """Write the EU financial report as a PDF to a file path or a binary stream."""
    t = translator_for(report.language)
    _ = t.gettext
    period = report.period_label
    build_document(
        target,
        cover=_cover(report, t),
        body=[*_budget(report, t), *_rates(report, t), *_instalments(report, t)],
        info=DocumentInfo(
            language=t.code,
            title=_("Financial report {period}: {title}").format(period=period, title=report.title),
            subject=_("Financial report {period}").format(period=period),
            reference=_("Contract no. {number}").format(number=report.contract_number),
            running_title=report.title,
            # L10N: the footer of every page of the financial report
            footer_label=_("Financial report {period} · contract no. {number}").format(
                period=period, number=report.contract_number
            ),
            page_label=_("Page {page} of {pages}"),
            keywords=(report.contract_number, period),
            logo=report.donor_logo,
        ),
    )


# Formatting ----------------------------------------------------------------------------


def _date(value: date | None, t: Translator, style: str = "medium") -> str:
    """A date whose parts never break across lines; a dash when there is none."""
    if value is None:
        return EMPTY_VALUE
    return format_date(value, t.code, style).replace(" ", "\u00a0")


def _date_range(t: Translator, start: date, end: date, style: str = "long") -> str:
    # L10N: a span of two dates, e.g. "1 January 2026 – 31 March 2026"
    return t.gettext("{start} – {end}").format(
        start=_date(start, t, style), end=_date(end, t, style)
    )


def _amount(value: Decimal | None, t: Translator) -> str:
    """An amount to the cent in the language's digits, without a currency sign."""
    if value is None:
        return EMPTY_VALUE
    return format_amount(value, t.code)


def _rate(value: Decimal, t: Translator) -> str:
    """An exchange rate with every decimal it was recorded with, and no more."""
    return format_exact(value.normalize(), t.code)


def _share(value: Decimal | None, t: Translator) -> str:
    return EMPTY_VALUE if value is None else format_ratio(value, t.code)


def _month(value: date, t: Translator) -> str:
    return format_skeleton("yMMM", value, t.code).replace(" ", "\u00a0")


# Cover ---------------------------------------------------------------------------------


def _cover(report: EuFinancialReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    styles = report_styles()
    facts = [
        (_("Contract number"), report.contract_number),
        (_("Title of the action"), report.title),
        (_("Donor"), report.donor),
        (_("Coordinator"), report.coordinator),
        (
            _("Reporting period"),
            f"{report.period_label}: {_date_range(t, report.period_start, report.period_end)}",
        ),
        (_("Implementation period"), _date_range(t, report.grant_start, report.grant_end)),
        (_("Currency"), report.currency),
        (_("Grant amount"), f"{_amount(report.grant_amount, t)}\u00a0{report.currency}"),
        (_("Budget template"), report.template_name),
    ]
    if report.generated_on is not None:
        facts.append((_("Date of this report"), _date(report.generated_on, t, "long")))
    total = report.total

    def money(value: Decimal) -> str:
        return f"{_amount(value, t)}\u00a0{report.currency}"

    key_figures = [
        (_("Total budget"), money(total.budget)),
        (_("Expenditure in the period"), money(total.in_period)),
        (_("Cumulative expenditure"), money(total.cumulative)),
        (_("Balance"), money(total.balance)),
        (_("Spent (%)"), _share(total.share_spent, t)),
        (_("Implementation period elapsed (%)"), _share(report.time_elapsed, t)),
        (_("Received from the donor"), money(report.received)),
    ]
    return [
        Paragraph(
            to_markup(
                _("Final financial report") if report.final else _("Interim financial report")
            ),
            styles.cover_label,
        ),
        Paragraph(to_markup(report.title), styles.cover_title),
        Paragraph(
            format_markup(
                _("Contract no. {number}, reporting period {period}"),
                number=report.contract_number,
                period=report.period_label,
            ),
            styles.cover_subtitle,
        ),
        facts_table(facts),
        Spacer(1, 8 * mm),
        Paragraph(to_markup(_("Key figures")), styles.cover_label),
        facts_table(key_figures),
    ]


# Budget against actual -----------------------------------------------------------------


class _Rows:
    """The budget table's rows and the style commands that give each kind of row its look.

    A line's or heading's number hangs in front of its description, as on the EU's budget
    form, so wrapped descriptions line up after it.
    """

    def __init__(self, t: Translator, numbers: Sequence[str]) -> None:
        self.t = t
        self.rows: list[list[Any]] = []
        self.units: list[str] = []  # the unit column's text, which its width is fitted to
        self.longest_text = 0
        self.bold_rows: list[bool] = []  # whether each row's figures are printed bold
        self.commands: list[tuple[Any, ...]] = []
        widest = max((stringWidth(one_line(n), BOLD, _FONT_SIZE) for n in numbers), default=0)
        self.indent = min(widest, _MAX_NUMBER_WIDTH) + 5
        styles = report_styles()
        self.text = ParagraphStyle(
            "fin_cell",
            styles.cell,
            fontSize=_FONT_SIZE,
            leading=8.8,
            leftIndent=self.indent,
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=_FONT_SIZE,
        )
        self.plain = ParagraphStyle("fin_plain", styles.cell, fontSize=_FONT_SIZE, leading=8.8)
        self.bold = ParagraphStyle("fin_bold", self.text, fontName=BOLD)
        self.title = ParagraphStyle("fin_title", self.bold, textColor=ACCENT)
        self._zebra = False
        self._titles: list[int] = []

    def _described(self, number: str, text: str, style: ParagraphStyle) -> Paragraph:
        """The description with its number hanging in front, or inline if it is too long."""
        self.longest_text = max(self.longest_text, len(text), len(number))
        number = one_line(number)
        if stringWidth(number, BOLD, _FONT_SIZE) > _MAX_NUMBER_WIDTH:
            return Paragraph(
                format_markup("{number}\u2002{text}", number=number, text=text),
                ParagraphStyle("fin_inline", style, leftIndent=0),
            )
        return Paragraph(to_markup(text), style, bulletText=to_markup(number) or None)

    def _add(self, row: list[Any], *, bold: bool = False) -> int:
        """Append a row and return its index in the table, whose first row is the header."""
        self.rows.append(row)
        self.bold_rows.append(bold)
        return len(self.rows)

    def keep_together(self) -> list[tuple[Any, ...]]:
        """No heading's title is left at the foot of a page without its first line, and the
        last total never stands alone at the top of one."""
        commands = [
            ("NOSPLIT", (0, index), (-1, index + 1))
            for index in self._titles
            if index < len(self.rows)
        ]
        last = len(self.rows)
        start = max(1, last - 2)
        near_end = [index for index in self._titles if last - index <= _KEPT_AT_END]
        commands.append(("NOSPLIT", (0, min([start, *near_end])), (-1, last)))
        return commands

    def _figures(self, figures: Figures) -> list[str]:
        t = self.t
        return [
            _amount(figures.budget, t),
            _amount(figures.in_period, t),
            _amount(figures.cumulative, t),
            _amount(figures.balance, t),
            _share(figures.share_spent, t),
        ]

    def _mark_overspent(self, index: int, figures: Figures) -> None:
        if figures.balance < 0:
            self.commands.append(("TEXTCOLOR", (_BALANCE_COLUMN, index), (-1, index), MARKER))

    def title_row(self, heading: Heading, level: int) -> None:
        style = self.title if level == 0 else self.bold
        index = self._add(
            [self._described(heading.number, heading.name, style), *[""] * (_COLUMNS - 1)]
        )
        self.commands.append(("SPAN", (0, index), (-1, index)))
        self._titles.append(index)
        if level == 0:
            self.commands += [
                ("BACKGROUND", (0, index), (-1, index), HEADER_FILL),
                ("LINEABOVE", (0, index), (-1, index), 0.6, ACCENT),
            ]
        self._zebra = False

    def line(self, line: LineRow) -> None:
        t = self.t
        self.units.append(line.unit)
        self.longest_text = max(self.longest_text, len(line.unit))
        index = self._add(
            [
                self._described(line.code, line.description, self.text),
                Paragraph(to_markup(line.unit) or EMPTY_VALUE, self.plain),
                EMPTY_VALUE if line.quantity is None else format_number(line.quantity, t.code),
                _amount(line.unit_rate, t),
                *self._figures(line.figures),
            ]
        )
        if self._zebra:
            self.commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA_FILL))
        self._zebra = not self._zebra
        self._mark_overspent(index, line.figures)

    def sum_row(self, number: str, label: str, figures: Figures, *, emphasis: bool) -> None:
        style = self.title if emphasis else self.bold
        index = self._add(
            [self._described(number, label, style), "", "", "", *self._figures(figures)],
            bold=True,
        )
        self.commands += [
            ("SPAN", (0, index), (_FIGURE_COLUMN - 1, index)),
            ("FONT", (_FIGURE_COLUMN, index), (-1, index), BOLD, _FONT_SIZE),
            ("LINEABOVE", (0, index), (-1, index), 0.8 if emphasis else 0.5, ACCENT),
        ]
        if emphasis:
            self.commands.append(("BACKGROUND", (0, index), (-1, index), HEADER_FILL))
        self._mark_overspent(index, figures)
        self._zebra = False


def _budget(report: EuFinancialReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(1, _("Budget and expenditure"))
    if not report.lines:
        return [heading, nothing_to_report(_("No budget has been recorded for this grant."))]
    intro = _(
        "Amounts in {currency}. Expenditure in the period: from {start} to {end} (inclusive);"
        " cumulative expenditure: from the start of the action to {end} (inclusive)."
        " Expenditure in other currencies is converted at the rate recorded with it"
        " (section 2)."
    ).format(
        currency=report.currency,
        start=_date(report.period_start, t),
        end=_date(report.period_end, t),
    )
    numbers = [
        *(line.code for line in report.lines),
        *(heading.number for heading in _all_headings(report.headings)),
    ]
    rows = _Rows(t, numbers)
    for top in report.headings:
        _heading_rows(rows, top, report, t)
    return [
        heading,
        note(intro),
        _budget_table(rows, t),
        *_indirect_notes(report.indirect_check, report.currency, t),
    ]


def _all_headings(headings: Sequence[Heading]) -> list[Heading]:
    return [item for heading in headings for item in (heading, *_all_headings(heading.children))]


def _heading_rows(rows: _Rows, heading: Heading, report: EuFinancialReport, t: Translator) -> None:
    """A heading's title, its lines, its sub-headings, and its subtotal; a computed row."""
    _ = t.gettext
    if not heading.kind.carries_lines:
        rows.sum_row(heading.number, heading.name, report.computed(heading.kind), emphasis=True)
        return
    children = [child for child in heading.children if any(child.all_lines())]
    if not heading.lines and not children:
        # A heading the grant budgets nothing under still shows, so the numbering reads on.
        rows.sum_row(heading.number, heading.name, Figures(), emphasis=False)
        return
    rows.title_row(heading, 0)
    for line in heading.lines:
        rows.line(line)
    several = len(children) + (1 if heading.lines else 0) > 1
    for child in children:
        rows.title_row(child, 1)
        for line in child.all_lines():
            rows.line(line)
        if several:
            # L10N: the row adding up one budget heading's lines, e.g. "Subtotal Travel"
            rows.sum_row(
                "", _("Subtotal {name}").format(name=child.name), child.figures, emphasis=False
            )
    # L10N: the row adding up one budget heading's lines, e.g. "Subtotal Travel"
    rows.sum_row(
        "", _("Subtotal {name}").format(name=heading.name), heading.figures, emphasis=False
    )


def _budget_table(rows: _Rows, t: Translator) -> LongTable:
    _ = t.gettext
    styles = report_styles()
    head_text = ParagraphStyle(
        "fin_head", styles.cell_head, fontSize=_HEAD_SIZE, leading=_HEAD_SIZE + 1.5
    )
    head_number = ParagraphStyle("fin_head_number", head_text, alignment=TA_RIGHT)
    headers = [
        _("Description"),
        _("Unit"),
        _("No. of units"),
        _("Unit rate"),
        _("Budget"),
        _("Expenditure in the period"),
        _("Cumulative expenditure"),
        _("Balance"),
        _("Spent (%)"),
    ]
    header = [
        Paragraph(to_markup(text), head_number if index >= _QUANTITY_COLUMN else head_text)
        for index, text in enumerate(headers)
    ]
    # Splitting inside a row, which keeping rows together would defeat, is needed only
    # when a row might not fit on a page at all; the database holds no text that long.
    split_in_rows = rows.longest_text > _LONGEST_ROW_TEXT
    table = LongTable(
        [header, *rows.rows],
        colWidths=_budget_widths(rows, headers, CONTENT_WIDTH),
        repeatRows=1,
        splitInRow=int(split_in_rows),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, _FONT_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("ALIGN", (_QUANTITY_COLUMN, 1), (-1, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                *rows.commands,
                *([] if split_in_rows else rows.keep_together()),
            ]
        )
    )
    return table


def _budget_widths(rows: _Rows, headers: Sequence[str], width: float) -> list[float]:
    """Figures as wide as their widest value; the description takes what is left.

    Every column is at least as wide as the longest word of its header, so no header word
    is broken; the unit column wraps its text rather than take more than it needs.
    """
    padding = 2 * _CELL_PADDING + 1

    def text_width(text: str, bold: bool) -> float:
        return stringWidth(one_line(text), BOLD if bold else REGULAR, _FONT_SIZE)

    def header_word(index: int) -> float:
        return max(
            (stringWidth(word, BOLD, _HEAD_SIZE) for word in headers[index].split()), default=0.0
        )

    def fitted(index: int) -> float:
        values = [
            text_width(row[index], bold)
            for row, bold in zip(rows.rows, rows.bold_rows, strict=True)
            if isinstance(row[index], str)
        ]
        return max([header_word(index), *values]) + padding

    unit_words = [word for unit in rows.units for word in unit.split()]
    unit = min(
        max([text_width(unit, False) for unit in rows.units] + [0.0]) + padding,
        max([header_word(1), _UNIT_WIDTH, *(text_width(w, False) for w in unit_words)]) + padding,
    )
    widths = [0.0, unit, *(fitted(index) for index in range(_QUANTITY_COLUMN, _COLUMNS))]
    minimum = width * _MIN_DESCRIPTION_SHARE
    if width - sum(widths) < minimum:
        scale = (width - minimum) / sum(widths)
        widths = [w * scale for w in widths]
    widths[0] = width - sum(widths)
    return widths


def _indirect_notes(check: IndirectCheck | None, currency: str, t: Translator) -> list[Flowable]:
    """Whether indirect costs stay within the template's ceiling, in budget and in spending."""
    if check is None:
        return []
    _ = t.gettext
    limit = _share(check.limit, t)
    flowables: list[Flowable] = []
    if check.budget_exceeded:
        flowables.append(
            _warning(
                _(
                    "Indirect costs exceed the limit: the budget holds {indirect} {currency}"
                    " of indirect costs, {share} of the direct costs of {direct} {currency};"
                    " at most {limit} ({ceiling} {currency}) is eligible."
                ).format(
                    indirect=_amount(check.indirect.budget, t),
                    share=_share(check.budget_share, t),
                    direct=_amount(check.direct.budget, t),
                    limit=limit,
                    ceiling=_amount(check.budget_ceiling, t),
                    currency=currency,
                )
            )
        )
    else:
        flowables.append(
            _after_table(
                _(
                    "Indirect costs in the budget: {indirect} {currency}, {share} of the"
                    " direct costs; the limit is {limit}."
                ).format(
                    indirect=_amount(check.indirect.budget, t),
                    share=_share(check.budget_share, t),
                    limit=limit,
                    currency=currency,
                )
            )
        )
    if check.spent_exceeded:
        flowables.append(
            _warning(
                _(
                    "Indirect costs exceed the limit: {indirect} {currency} of indirect costs"
                    " were spent by the end of the period, {share} of the direct costs spent"
                    " ({direct} {currency}); at most {limit} ({ceiling} {currency}) is"
                    " eligible."
                ).format(
                    indirect=_amount(check.indirect.cumulative, t),
                    share=_share(check.spent_share, t),
                    direct=_amount(check.direct.cumulative, t),
                    limit=limit,
                    ceiling=_amount(check.spent_ceiling, t),
                    currency=currency,
                )
            )
        )
    return flowables


def _warning(text: str) -> Paragraph:
    style = ParagraphStyle(
        "fin_warning", report_styles().body, fontName=BOLD, textColor=MARKER, spaceBefore=6
    )
    return Paragraph(to_markup(text), style)


def _after_table(text: str, *, body: bool = False) -> Paragraph:
    """A line that comments on the table above it; it need not keep with what follows."""
    styles = report_styles()
    base = styles.body if body else styles.note
    style = ParagraphStyle("fin_after_table", base, keepWithNext=0, spaceBefore=6)
    return Paragraph(to_markup(text), style)


# Exchange rates ------------------------------------------------------------------------


def _rates(report: EuFinancialReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(2, _("Exchange rates used"))
    if not report.rates:
        return [
            heading,
            nothing_to_report(
                _("All expenditure to the end of the period was made in {currency}.").format(
                    currency=report.currency
                )
            ),
        ]
    columns = [
        Column(_("Currency")),
        Column(_("Rate")),
        Column(_("Months used"), weight=1),
        # L10N: column of the number of expenditures converted at a rate
        Column(_("Expenditures"), numeric=True),
        Column(_("Amount in the currency"), numeric=True),
        Column(_("Converted ({currency})").format(currency=report.currency), numeric=True),
    ]
    rows = [_rate_row(rate, report.currency, t) for rate in report.rates]
    return [
        heading,
        note(
            _(
                "Up to {end}, each expenditure in another currency was converted into"
                " {currency} at the rate recorded with it (for EU grants, the InforEuro rate"
                " of the month). Each rate is listed with the months it was used in."
            ).format(currency=report.currency, end=_date(report.period_end, t))
        ),
        data_table(columns, rows),
    ]


def _rate_row(rate: RateUsed, contract_currency: str, t: Translator) -> list[Cell]:
    months = [_month(month, t) for month in rate.months]
    return [
        rate.currency,
        # L10N: an exchange rate, e.g. "1 RSD = 0.0085 EUR"
        t.gettext("1 {currency} = {rate} {contract_currency}").format(
            currency=rate.currency, rate=_rate(rate.rate, t), contract_currency=contract_currency
        ),
        format_list(months, locale=babel_locale(t.code)) if months else EMPTY_VALUE,
        format_number(rate.expenditures, t.code),
        f"{_amount(rate.original_amount, t)}\u00a0{rate.currency}",
        _amount(rate.converted_amount, t),
    ]


# Instalments ---------------------------------------------------------------------------


def _instalments(report: EuFinancialReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(3, _("Instalments received"))
    if not report.instalments:
        return [heading, nothing_to_report(_("No instalments have been recorded for this grant."))]
    columns = [
        # L10N: column of an instalment's number
        Column(_("Instalment")),
        Column(_("Due on"), weight=1),
        Column(_("Received on"), weight=1),
        Column(_("Amount ({currency})").format(currency=report.currency), numeric=True),
    ]
    rows: list[list[Cell]] = [
        [
            format_number(row.number, t.code),
            _date(row.due_on, t),
            _date(row.received_on, t),
            _amount(row.amount, t),
        ]
        for row in report.instalments
    ]
    total: list[Cell] = [
        _("Received by {date}").format(date=_date(report.period_end, t)),
        "",
        "",
        _amount(report.received, t),
    ]
    share = report.received / report.grant_amount if report.grant_amount else None
    summary = _(
        "By {date} the donor had paid {received} {currency} of the grant amount of"
        " {amount} {currency} ({share})."
    ).format(
        date=_date(report.period_end, t),
        received=_amount(report.received, t),
        amount=_amount(report.grant_amount, t),
        currency=report.currency,
        share=_share(share, t),
    )
    return [heading, data_table(columns, rows, total), _after_table(summary, body=True)]
