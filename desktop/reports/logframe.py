"""The logframe report: the EU results matrix of one project at the end of a reporting period.

The matrix follows the European Commission's logframe: Results chain | Indicators |
Baseline | Current value | Targets | Sources and means of verification | Assumptions, with
rows for the overall objective, the specific objectives, the outputs and the activities.
Seven columns of text do not fit a portrait page, so this report is set on landscape A4
with its own page frame; styles, tables' look and text safety are the other reports'.

A result's text and its assumptions span the rows of its indicators (reportlab ``SPAN``),
as in the EU template.  A span never splits across pages, so a result whose rows would not
fit on one page (a pasted 20,000-character text) is printed without spans, its text in its
first row, and the table's rows may then split inside themselves.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    TableStyle,
)

from desktop.i18n import Translator, translator_for
from desktop.i18n.languages import language
from desktop.reports.document import (
    ACCENT,
    AUTHOR,
    CELL_PADDING,
    EMPTY_VALUE,
    HEADER_FILL,
    HEADER_LOGO_HEIGHT,
    HEADER_LOGO_WIDTH,
    MARGIN,
    MUTED,
    RULE,
    ZEBRA_FILL,
    Logo,
    cover_logo,
    facts_table,
    read_logo,
    report_styles,
    sentence,
)
from desktop.reports.fonts import BOLD, REGULAR, register_fonts
from desktop.reports.formatting import format_date, format_number
from desktop.reports.logframe_data import (
    ActivityTypeSummary,
    Figure,
    Level,
    LogframeIndicator,
    LogframeReport,
    LogframeResult,
)
from desktop.reports.markup import format_markup, one_line, to_markup
from desktop.reports.paragraph import Paragraph

PAGE_SIZE = landscape(A4)
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_SPACE = 10 * 72 / 25.4
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - HEADER_SPACE
# Results chain, Indicators, Baseline, Current value, Targets, Sources, Assumptions.
COLUMN_SHARES = (0.19, 0.19, 0.09, 0.14, 0.09, 0.15, 0.15)
COLUMN_WIDTHS = [WIDTH * share for share in COLUMN_SHARES]
COLUMNS = len(COLUMN_SHARES)
RESULT, INDICATOR, BASELINE, CURRENT, TARGET, SOURCES, ASSUMPTIONS = range(COLUMNS)
# A span taller than this would not fit on a page once the header row is repeated.
_MAX_SPAN_HEIGHT = FRAME_HEIGHT * 0.8
LEVEL_FILL = colors.HexColor("#D3DDEA")
_LEVELS = (Level.OBJECTIVE, Level.OUTCOME, Level.OUTPUT)

Cell = Flowable | list[Flowable] | str
_YEAR_STYLE = ParagraphStyle("logframe_year", report_styles().cell_detail, alignment=TA_RIGHT)


def render_logframe(report: LogframeReport, target: Path | BinaryIO) -> None:
    """Write the logframe report as a PDF to a file path or a binary stream."""
    t = translator_for(report.language)
    _ = t.gettext
    register_fonts()
    title = _("Logframe {period}: {project}").format(
        period=report.period_label, project=report.project_title
    )
    document = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_SPACE,
        bottomMargin=MARGIN,
        title=one_line(title),
        author=AUTHOR,
        creator=AUTHOR,
        subject=one_line(_("Logframe {period}").format(period=report.period_label)),
        keywords=[
            word for word in map(one_line, (report.project_code, report.contract_number)) if word
        ],
        lang=language(t.code).bcp47,
        displayDocTitle=True,
        initialFontName=REGULAR,
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        WIDTH,
        FRAME_HEIGHT,
        id="matrix",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="matrix", frames=[frame])])
    frame_text = _PageFrame(
        reference=_("Contract no. {number}").format(number=report.contract_number),
        running_title=report.project_title,
        # L10N: left of the footer of every logframe page; the contract number must stay
        footer=_("Logframe {period} · Contract no. {number}").format(
            period=report.period_label, number=report.contract_number
        ),
        # L10N: the footer of every page of a report
        page_label=_("Page {page} of {pages}"),
        logo=read_logo(report.logo),
    )
    story = [
        _Bookmark(_("Logframe"), "title"),
        *_title_block(report, t),
        _Bookmark(_("Results matrix"), "matrix"),
        sentence(
            _(
                "Current values add the approved values of every reporting period up to"
                " {date} to the baseline; activities are those carried out by that date."
                " A dash means not reported."
            ).format(date=_date(report.period_end, t, "long"))
        ),
        _matrix(report, t),
    ]
    document.build(story, canvasmaker=partial(_NumberedCanvas, frame=frame_text))


def _date(value: date, t: Translator, style: str) -> str:
    return format_date(value, t.code, style).replace(" ", "\u00a0")


def _number(value: int | Decimal | None, t: Translator) -> str:
    return EMPTY_VALUE if value is None else format_number(value, t.code)


def _count(value: Decimal) -> int:
    """The plural form of a count shown with decimals follows its whole part."""
    return int(value)


# Title block ---------------------------------------------------------------------------


def _title_block(report: LogframeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    styles = report_styles()
    logo = read_logo(report.logo)
    return [
        *([cover_logo(logo)] if logo is not None else []),
        Paragraph(to_markup(_("Logframe")), styles.cover_label),
        Paragraph(to_markup(report.project_title), styles.cover_title),
        facts_table(
            [
                (_("Project code"), report.project_code),
                (_("Contract number"), report.contract_number),
                (_("Donor"), report.donor),
                (
                    _("Reporting period"),
                    _("{period}: {start} – {end}").format(
                        period=report.period_label,
                        start=_date(report.period_start, t, "long"),
                        end=_date(report.period_end, t, "long"),
                    ),
                ),
            ]
        ),
    ]


# The matrix ----------------------------------------------------------------------------


def _paragraph(text: str, style_name: str = "cell") -> Paragraph:
    return Paragraph(to_markup(text) or EMPTY_VALUE, getattr(report_styles(), style_name))


def _header(report: LogframeReport, t: Translator) -> list[Cell]:
    _ = t.gettext
    return [
        _paragraph(text, "cell_head")
        for text in (
            _("Results chain"),
            _("Indicators"),
            _("Baseline (reference year)"),
            # L10N: the column of indicator values; {date} is the end of the reporting period
            _("Current value ({date})").format(date=_date(report.period_end, t, "medium")),
            _("Targets (reference year)"),
            _("Sources and means of verification"),
            _("Assumptions"),
        )
    ]


def _level_title(level: Level | None, t: Translator) -> str:
    _ = t.gettext
    if level == Level.OBJECTIVE:
        return _("Overall objective (impact)")
    if level == Level.OUTCOME:
        return _("Specific objectives (outcomes)")
    if level == Level.OUTPUT:
        return _("Outputs")
    return _("Activities")


class _Rows:
    """The table's rows and the style commands that go with them, built together."""

    def __init__(self, header: list[Cell]) -> None:
        self.rows: list[list[Cell]] = [header]
        self.commands: list[tuple[Any, ...]] = []
        # Rows split inside themselves only when one must: with spans that would leave a
        # repeated header and a sliver of a row at the foot of a page.
        self.split_in_row = False
        self.keep_together: list[tuple[Any, ...]] = []

    def level(self, title: str) -> None:
        row = len(self.rows)
        self.rows.append([_paragraph(title, "cell_total"), *[""] * (COLUMNS - 1)])
        self.commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), LEVEL_FILL),
            ("LINEABOVE", (0, row), (-1, row), 0.8, ACCENT),
        ]
        # A level's title stays on the page of its first row (when no row must split).
        self.keep_together.append(("NOSPLIT", (0, row), (-1, row + 1)))

    def group(self, rows: Sequence[list[Cell]], spanned: Sequence[int], zebra: bool) -> None:
        """Rows of one result; ``spanned`` columns hold one cell across all of them."""
        first, last = len(self.rows), len(self.rows) + len(rows) - 1
        self.rows.extend(rows)
        if last > first:
            self.commands += [("SPAN", (c, first), (c, last)) for c in spanned]
        self.commands.append(("LINEBELOW", (0, last), (-1, last), 0.5, RULE))
        if zebra:
            self.commands.append(("BACKGROUND", (0, first), (-1, last), ZEBRA_FILL))


def _matrix(report: LogframeReport, t: Translator) -> LongTable:
    rows = _Rows(_header(report, t))
    for level in _LEVELS:
        rows.level(_level_title(level, t))
        results = report.results_at(level)
        if not results:
            rows.group([_nothing(t.gettext("None recorded."))], [], zebra=False)
        for number, result in enumerate(results):
            _result_rows(rows, result, t, zebra=number % 2 == 1)
    rows.level(_level_title(None, t))
    if not report.activities:
        rows.group(
            [_nothing(t.gettext("No activities were carried out by the end of the period."))],
            [],
            zebra=False,
        )
    for number, summary in enumerate(report.activities):
        rows.commands.append(("SPAN", (INDICATOR, len(rows.rows)), (-1, len(rows.rows))))
        rows.group([_activity_row(summary, t)], [], zebra=number % 2 == 1)
    table = LongTable(
        rows.rows,
        colWidths=COLUMN_WIDTHS,
        repeatRows=1,
        splitInRow=int(rows.split_in_row),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.25, RULE),
                *rows.commands,
                *([] if rows.split_in_row else rows.keep_together),
            ]
        )
    )
    return table


def _nothing(text: str) -> list[Cell]:
    return [_paragraph(text, "empty"), *[""] * (COLUMNS - 1)]


def _result_rows(rows: _Rows, result: LogframeResult, t: Translator, zebra: bool) -> None:
    styles = report_styles()
    text = Paragraph(f"<b>{to_markup(result.code)}</b> {to_markup(result.text)}", styles.cell)
    assumptions = _paragraph(result.assumptions)
    indicators: list[list[Cell]] = [_indicator_cells(i, t) for i in result.indicators] or [
        [_paragraph("") for _ in range(INDICATOR, ASSUMPTIONS)]
    ]
    group = [[text, *first, assumptions] for first in indicators[:1]] + [
        ["", *cells, ""] for cells in indicators[1:]
    ]
    tall = _too_tall(group)
    # A text taller than a page must be free to split across pages, which a span is not.
    rows.split_in_row = rows.split_in_row or tall
    rows.group(
        group,
        [] if tall else [RESULT, ASSUMPTIONS],
        zebra,
    )


def _too_tall(group: Sequence[Sequence[Cell]]) -> bool:
    """Whether a result's rows would not fit on one page if held together."""
    rows_height = sum(
        max(_height(cell, width) for cell, width in zip(row, COLUMN_WIDTHS, strict=True))
        for row in group
    )
    spans_height = max(
        _height(group[0][column], COLUMN_WIDTHS[column]) for column in (RESULT, ASSUMPTIONS)
    )
    return max(rows_height, spans_height) > _MAX_SPAN_HEIGHT


def _height(cell: Cell, width: float) -> float:
    flowables = [cell] if isinstance(cell, Flowable) else [] if isinstance(cell, str) else cell
    inner = width - 2 * CELL_PADDING
    return sum(flowable.wrap(inner, FRAME_HEIGHT)[1] for flowable in flowables) + 7


def _indicator_cells(indicator: LogframeIndicator, t: Translator) -> list[Cell]:
    styles = report_styles()
    name: list[Flowable] = [
        Paragraph(f"<b>{to_markup(indicator.code)}</b> {to_markup(indicator.name)}", styles.cell)
    ]
    if indicator.unit.strip():
        name.append(
            Paragraph(
                format_markup(t.gettext("Unit: {unit}"), unit=indicator.unit), styles.cell_detail
            )
        )
    return [
        name,
        _with_year(indicator.baseline, indicator.baseline_year, t),
        _paragraph(_figure(indicator.current, t), "cell_number"),
        _with_year(indicator.target, indicator.target_year, t),
        _paragraph(indicator.means_of_verification),
    ]


def _with_year(value: Decimal | None, year: int | None, t: Translator) -> list[Flowable]:
    styles = report_styles()
    cell: list[Flowable] = [Paragraph(to_markup(_number(value, t)), styles.cell_number)]
    if year is not None:
        # L10N: the reference year under a baseline or a target, e.g. "(2025)"
        text = t.gettext("({year})").format(year=year)
        cell.append(Paragraph(to_markup(text), _YEAR_STYLE))
    return cell


def _figure(figure: Figure, t: Translator) -> str:
    """ "12 (7 women, 5 men)" where the sexes were recorded, "12" where not, a dash if none."""
    if figure.value is None:
        return EMPTY_VALUE
    if figure.women is None or figure.men is None:
        return _number(figure.value, t)
    return _with_sexes(_number(figure.value, t), figure.women, figure.men, t)


def _with_sexes(total: str, women: Decimal | int, men: Decimal | int, t: Translator) -> str:
    ngettext = t.ngettext
    # L10N: a count followed by its breakdown by sex, e.g. "12 (7 women, 5 men)"
    return t.gettext("{total} ({women}, {men})").format(
        total=total,
        women=ngettext("{count} woman", "{count} women", _count(Decimal(women))).format(
            count=_number(women, t)
        ),
        men=ngettext("{count} man", "{count} men", _count(Decimal(men))).format(
            count=_number(men, t)
        ),
    )


def _activity_row(summary: ActivityTypeSummary, t: Translator) -> list[Cell]:
    ngettext = t.ngettext
    activities = ngettext("{count} activity", "{count} activities", summary.activities).format(
        count=_number(summary.activities, t)
    )
    if summary.participants:
        people = ngettext(
            "{count} participant", "{count} participants", summary.participants
        ).format(count=_number(summary.participants, t))
        # L10N: e.g. "12 activities with 340 participants (180 women, 150 men)"
        text = t.gettext("{activities} with {participants}").format(
            activities=activities,
            participants=_with_sexes(people, summary.women, summary.men, t),
        )
    else:
        text = activities
    return [_paragraph(summary.activity_type), _paragraph(text), *[""] * (COLUMNS - 2)]


# Page frame ----------------------------------------------------------------------------


class _Bookmark(Flowable):
    """An invisible mark that adds an entry to the PDF outline where it is placed."""

    def __init__(self, title: str, key: str) -> None:
        super().__init__()
        self.title = one_line(title)
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)
        self.canv.showOutline()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text on one line, cut with an ellipsis to fit ``width``."""
    text = one_line(text)
    if stringWidth(text, font, size) <= width:
        return text
    fits, too_long = 0, len(text)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits].rstrip() + "…"


class _PageFrame:
    """Running header and footer; the footer names the contract on every page."""

    def __init__(
        self,
        reference: str,
        running_title: str,
        footer: str,
        page_label: str,
        logo: Logo | None = None,
    ) -> None:
        self.logo = logo
        self.reference = reference
        self.running_title = running_title
        self.footer = footer
        self.page_label = page_label

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(MUTED)
        if page > 1:
            y = PAGE_HEIGHT - MARGIN + 4
            left = MARGIN
            if self.logo is not None:
                # As in the other reports: left of the reference, above the rule.
                width, height = self.logo.fitted(HEADER_LOGO_WIDTH, HEADER_LOGO_HEIGHT)
                canvas.drawImage(self.logo.image, left, y - 2, width, height, mask="auto")
                left += width + 6
            reference = _fit(self.reference, BOLD, 7.5, WIDTH * 0.45)
            canvas.setFont(BOLD, 7.5)
            canvas.drawString(left, y, reference)
            room = PAGE_WIDTH - MARGIN - left - stringWidth(reference, BOLD, 7.5) - 16
            canvas.setFont(REGULAR, 7.5)
            canvas.drawRightString(
                PAGE_WIDTH - MARGIN, y, _fit(self.running_title, REGULAR, 7.5, room)
            )
            canvas.line(MARGIN, y - 4, PAGE_WIDTH - MARGIN, y - 4)
        footer_y = MARGIN - 9 * 72 / 25.4
        canvas.line(MARGIN, footer_y + 10, PAGE_WIDTH - MARGIN, footer_y + 10)
        canvas.setFont(REGULAR, 7.5)
        page_text = one_line(self.page_label.format(page=page, pages=pages))
        canvas.drawRightString(PAGE_WIDTH - MARGIN, footer_y, page_text)
        room = WIDTH - stringWidth(page_text, REGULAR, 7.5) - 12
        canvas.drawString(MARGIN, footer_y, _fit(self.footer, REGULAR, 7.5, room))
        canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds every page back until ``save`` so each footer can say how many there are."""

    def __init__(self, *args: Any, frame: _PageFrame, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._frame = frame
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._frame.draw(self, self._pageNumber, pages)
            super().showPage()
        super().save()
