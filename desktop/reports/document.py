"""The base every donor format is built on: page, styles, running header and footer, tables.

Each format (quarterly progress, EU narrative and financial reports, logframe) only decides
what goes on its pages; how a page looks is decided here once, so all reports a CSO sends a
donor look alike.  The document is A4 with a cover page, a running header naming the
contract and project, and a footer with "Page N of M".  M is only known once every page is
laid out, so pages are held back by ``_NumberedCanvas`` and decorated when the PDF is saved.
Every heading becomes an entry of the PDF's outline (the reader's bookmarks panel), and a
report may open with a table of contents (``table_of_contents``), for which the document is
laid out as often as it takes for the page numbers to settle.  A donor's logo, when the
report data has one, stands on the cover and small in every page header.

Everything that reaches a ``Paragraph`` here is plain text and is escaped here; callers pass
user and translated text as it is.
"""

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache, partial
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.i18n.languages import language
from desktop.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desktop.reports.markup import clean_text, format_markup, one_line, paragraphs, to_markup
from desktop.reports.paragraph import Paragraph

log = logging.getLogger(__name__)

AUTHOR = "CSO Desk"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
HEADER_SPACE = 10 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CELL_PADDING = 4
BAR_COLUMN_WIDTH = 68
BAR_WIDTH = BAR_COLUMN_WIDTH - 2 * CELL_PADDING
BAR_HEIGHT = 6
EMPTY_VALUE = "—"
_PADDING = 2 * CELL_PADDING + 1
_MIN_FLEXIBLE_WIDTH = 64.0
_MAX_WORD_WIDTH = CONTENT_WIDTH / 3
_OUTLINE_LENGTH = 160  # characters of a heading in the outline and table of contents
# The logo's box on the cover and in the running header; the image keeps its proportions.
COVER_LOGO_WIDTH, COVER_LOGO_HEIGHT = 55 * mm, 24 * mm
HEADER_LOGO_WIDTH, HEADER_LOGO_HEIGHT = 24 * mm, 6 * mm
# Where a Paragraph may break a line; the no-break spaces inside dates and amounts are not.
_BREAKABLE_SPACE = re.compile(r"[ \t\n]+")

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5B6470")
ACCENT = colors.HexColor("#1F3A5F")
HEADER_FILL = colors.HexColor("#E6ECF3")
ZEBRA_FILL = colors.HexColor("#F5F7FA")
RULE = colors.HexColor("#C9D1DB")
BAR_FILL = colors.HexColor("#2E6DB4")
BAR_OVER = colors.HexColor("#1D7A46")
BAR_TRACK = colors.HexColor("#DDE3EA")
MARKER = colors.HexColor("#C0392B")


@dataclass(frozen=True)
class DocumentInfo:
    """What the base needs to know about one report besides its flowables.

    All strings are plain text, already translated into the report's language.
    """

    language: str  # our language code; the PDF's /Lang is its BCP 47 tag
    title: str  # PDF metadata title
    subject: str
    reference: str  # left of the running header, e.g. "Contract no. 2024/451-117"
    running_title: str  # right of the running header, usually the project title
    footer_label: str  # left of the footer, e.g. "Quarterly progress report 2026-Q1"
    page_label: str  # translated template with {page} and {pages}
    keywords: tuple[str, ...] = ()
    logo: bytes | None = None  # the donor's PNG or JPEG, from the report data


@dataclass(frozen=True)
class ReportStyles:
    """Named styles instead of a stylesheet looked up by string: a typo fails at once."""

    cover_label: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    empty: ParagraphStyle
    cell: ParagraphStyle
    cell_number: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_number: ParagraphStyle
    cell_total: ParagraphStyle
    cell_total_number: ParagraphStyle
    cell_detail: ParagraphStyle
    fact_label: ParagraphStyle
    fact_value: ParagraphStyle


@cache
def report_styles() -> ReportStyles:
    """The paragraph styles of every report, all in the embedded family."""
    family = register_fonts()

    def style(name: str, size: float, leading: float, **options: Any) -> ParagraphStyle:
        options.setdefault("fontName", family)
        options.setdefault("textColor", INK)
        return ParagraphStyle(name, fontSize=size, leading=leading, **options)

    cell = style("cell", 8, 10)
    body = style("body", 9.5, 13.5, spaceAfter=6)
    return ReportStyles(
        cover_label=style("cover_label", 11, 14, fontName=BOLD, textColor=ACCENT, spaceAfter=10),
        cover_title=style("cover_title", 22, 27, fontName=BOLD, textColor=ACCENT, spaceAfter=8),
        cover_subtitle=style("cover_subtitle", 12, 16, textColor=MUTED, spaceAfter=22),
        heading=style(
            "heading",
            13,
            17,
            fontName=BOLD,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=7,
            keepWithNext=1,
        ),
        subheading=style(
            "subheading",
            10.5,
            14,
            fontName=BOLD,
            textColor=ACCENT,
            spaceBefore=9,
            spaceAfter=5,
            keepWithNext=1,
        ),
        body=body,
        note=style("note", 8, 10.5, textColor=MUTED, spaceAfter=5, keepWithNext=1),
        empty=style("empty", 9.5, 13.5, fontName=ITALIC, textColor=MUTED, spaceAfter=6),
        cell=cell,
        cell_number=ParagraphStyle("cell_number", cell, alignment=TA_RIGHT),
        cell_head=style("cell_head", 7.5, 9.5, fontName=BOLD, textColor=ACCENT),
        cell_head_number=style(
            "cell_head_number", 7.5, 9.5, fontName=BOLD, textColor=ACCENT, alignment=TA_RIGHT
        ),
        cell_total=style("cell_total", 8, 10, fontName=BOLD),
        cell_total_number=style("cell_total_number", 8, 10, fontName=BOLD, alignment=TA_RIGHT),
        cell_detail=style("cell_detail", 7, 9, textColor=MUTED),
        fact_label=style("fact_label", 9, 12.5, fontName=BOLD, textColor=MUTED),
        fact_value=style("fact_value", 9.5, 12.5),
    )


# Text ----------------------------------------------------------------------------------


class _Heading(Paragraph):
    """A heading that the document enters in the PDF outline and the table of contents.

    ``outline`` is the plain-text title and the outline level (0 for a section); ``listed``
    is False for the table of contents' own title.  Should a monstrous heading split across
    pages, only its first part is entered.
    """

    outline: tuple[str, int] | None = None
    listed = True

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for index, part in enumerate(parts):
            if isinstance(part, _Heading):
                part.outline = self.outline if index == 0 else None
        return parts


def section_heading(number: int | str, title: str, level: int = 0) -> Paragraph:
    """A numbered heading, entered in the PDF outline at ``level`` (1 for "2.1 Results").

    The number may be empty, for a heading such as "List of acronyms" that has none.
    """
    styles = report_styles()
    number_text = str(number)
    if number_text:
        markup = format_markup("{number}\u2002{title}", number=number_text, title=title)
        outline = one_line(f"{number_text} {title}")
    else:
        markup, outline = to_markup(title), one_line(title)
    heading = _Heading(markup, styles.heading if level == 0 else styles.subheading)
    heading.outline = (_shortened(outline) or EMPTY_VALUE, max(0, level))
    return heading


def _shortened(text: str) -> str:
    """A heading as the outline and the table of contents show it: a line or two at most.

    A contents entry is a table row, which cannot break across pages, so a heading pasted
    with a whole paragraph in it is cut there (it still prints whole in the body).
    """
    if len(text) <= _OUTLINE_LENGTH:
        return text
    return text[: _OUTLINE_LENGTH - 1].rstrip() + "…"


def subsection_heading(number: str, title: str) -> Paragraph:
    """A second-level heading ("1.3 Beneficiaries"), nested under its section in the outline."""
    return section_heading(number, title, level=1)


def table_of_contents(title: str) -> list[Flowable]:
    """A titled list of the report's headings with their page numbers, linked to their pages.

    Put it in the body; ``build_document`` then lays the document out again until the page
    numbers it lists are the ones the headings landed on.  Its title is in the PDF outline
    but not in the list itself.
    """
    styles = report_styles()
    heading = section_heading("", title)
    assert isinstance(heading, _Heading)
    heading.listed = False
    contents = TableOfContents(dotsMinLevel=0)
    contents.levelStyles = [
        ParagraphStyle(
            f"contents{level}",
            styles.body,
            leftIndent=level * 14,
            firstLineIndent=0,
            rightIndent=36,
            spaceBefore=0,
            spaceAfter=2 if level else 3,
            fontName=BOLD if level == 0 else REGULAR,
        )
        for level in range(3)
    ]
    # Its table selects a cell font before each cell, Helvetica unless told (see _TABLE_FONT).
    contents.tableStyle = TableStyle([*contents.tableStyle.getCommands(), *_TABLE_FONT])
    return [heading, contents]


def text_block(text: str, when_empty: str) -> list[Flowable]:
    """A narrative typed by the user, or a muted sentence saying there is none.

    An empty section keeps its heading and says so, so a donor never wonders whether a
    section was forgotten.
    """
    parts = paragraphs(text)
    if not parts:
        return [nothing_to_report(when_empty)]
    return [Paragraph(part, report_styles().body) for part in parts]


def nothing_to_report(text: str) -> Paragraph:
    """The muted sentence that stands in for an empty section."""
    return Paragraph(to_markup(text), report_styles().empty)


def sentence(text: str) -> Paragraph:
    return Paragraph(to_markup(text), report_styles().body)


def note(text: str) -> Paragraph:
    """A small line that explains what follows, kept on the same page as it."""
    return Paragraph(to_markup(text), report_styles().note)


# Tables --------------------------------------------------------------------------------

Cell = str | Flowable | list[Flowable]

# A Table selects its cell font before drawing each cell, even one holding a Paragraph;
# left at the default that is Helvetica, which the PDF would then name unembedded.
_TABLE_FONT = [("FONT", (0, 0), (-1, -1), REGULAR, 8)]


@dataclass(frozen=True)
class Column:
    """One table column: fixed ``width``, a ``weight`` share of the rest, or fitted.

    A column with neither is as wide as its widest value (and the longest word of its
    header), which keeps amounts and counts on one line in every language.
    """

    header: str
    weight: float | None = None
    width: float | None = None
    numeric: bool = False


def data_table(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], total: Sequence[Cell] | None = None
) -> LongTable:
    """A full-width table whose header row repeats on every page it runs onto.

    Rows may split inside themselves (``splitInRow``) so that even a cell holding
    thousands of characters breaks across pages instead of failing the layout.
    """
    styles = report_styles()
    measured = [*rows, *([total] if total is not None else [])]
    widths = _column_widths(columns, measured)
    body_rows = [_row(columns, widths, row, styles.cell, styles.cell_number) for row in rows]
    data: list[list[Cell]] = [
        [
            Paragraph(
                to_markup(c.header), styles.cell_head_number if c.numeric else styles.cell_head
            )
            for c in columns
        ],
        *body_rows,
    ]
    if total is not None:
        data.append(_row(columns, widths, total, styles.cell_total, styles.cell_total_number))
    table = LongTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    commands: list[tuple[Any, ...]] = [
        *_TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    if len(body_rows) > 1:
        commands.append(
            ("ROWBACKGROUNDS", (0, 1), (-1, len(body_rows)), [colors.white, ZEBRA_FILL])
        )
    if total is not None:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
            ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL),
        ]
    commands += _plain_cell_commands(data, total is not None)
    table.setStyle(TableStyle(commands))
    return table


def facts_table(facts: Sequence[tuple[str, str]]) -> Table:
    """Label and value pairs, as on a cover page; values may have several lines."""
    styles = report_styles()
    label_width = min(
        CONTENT_WIDTH * 0.34,
        max((_text_width(label, styles.fact_label) for label, _ in facts), default=0)
        + 2 * CELL_PADDING
        + 1,
    )
    table = Table(
        [
            [
                Paragraph(to_markup(label), styles.fact_label),
                Paragraph(to_markup(value) or EMPTY_VALUE, styles.fact_value),
            ]
            for label, value in facts
        ],
        colWidths=[label_width, CONTENT_WIDTH - label_width],
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                *_TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
            ]
        )
    )
    return table


def _row(
    columns: Sequence[Column],
    widths: Sequence[float],
    cells: Sequence[Cell],
    text_style: ParagraphStyle,
    number_style: ParagraphStyle,
) -> list[Cell]:
    row: list[Cell] = []
    for column, width, cell in zip(columns, widths, cells, strict=True):
        if not isinstance(cell, str):
            row.append(cell)
        elif column.numeric and (plain := _one_line(cell, number_style, width)) is not None:
            row.append(plain)
        else:
            row.append(Paragraph(to_markup(cell), number_style if column.numeric else text_style))
    return row


def _one_line(value: str, style: ParagraphStyle, width: float) -> str | None:
    """A numeric column's value as a plain string, when it fits on one line of its cell.

    A number, amount, percentage or "< 5" is formatted by the report, never typed by a
    user, and a Paragraph would only parse, measure and wrap it to draw the same line;
    the table draws a string itself, in the font ``_plain_cell_commands`` sets.  A value
    too wide for its column (a huge amount in a shrunk column) stays a Paragraph and wraps.
    """
    text = clean_text(value)
    if "\n" in text or _string_width(text, _face(style), style.fontSize) > width - _PADDING:
        return None
    return text


def _face(style: ParagraphStyle) -> str:
    """The font file a cell style prints in (styles name the family for the regular face)."""
    return style.fontName if style.fontName in (BOLD, ITALIC) else REGULAR


def _plain_cell_commands(data: Sequence[Sequence[Cell]], has_total: bool) -> list[tuple[Any, ...]]:
    """Font, colour and alignment of the plain-string cells ``_row`` kept, so they print
    as the Paragraphs they replace did (same face, size, leading and baseline).

    Runs of strings down a column share one set of commands.
    """
    styles = report_styles()
    commands: list[tuple[Any, ...]] = []
    last = len(data) - 1
    for column in range(len(data[0]) if data else 0):
        start: int | None = None
        for row in range(1, last + 2):
            plain = row <= last and isinstance(data[row][column], str)
            plain = plain and not (has_total and row == last)
            if plain and start is None:
                start = row
            elif not plain and start is not None:
                commands += _plain_style((column, start), (column, row - 1), styles.cell_number)
                start = None
        if has_total and isinstance(data[last][column], str):
            commands += _plain_style((column, last), (column, last), styles.cell_total_number)
    return commands


def _plain_style(
    first: tuple[int, int], last: tuple[int, int], style: ParagraphStyle
) -> list[tuple[Any, ...]]:
    return [
        ("FONT", first, last, _face(style), style.fontSize, style.leading),
        ("TEXTCOLOR", first, last, style.textColor),
        ("ALIGN", first, last, "RIGHT"),
    ]


@lru_cache(maxsize=8192)
def _string_width(text: str, font: str, size: float) -> float:
    """``stringWidth``, remembered: a column's counts, dashes and names recur row after row,
    and the column widths and the one-line check measure the same values again."""
    return stringWidth(text, font, size)


def _text_width(text: str, style: ParagraphStyle) -> float:
    return max(
        (_string_width(line, style.fontName, style.fontSize) for line in text.splitlines()),
        default=0.0,
    )


def _longest_word(column: Column, values: Sequence[Cell]) -> float:
    """The widest run of text in a column that a Paragraph will not break."""
    styles = report_styles()
    words = [
        *((word, styles.cell_head) for word in _BREAKABLE_SPACE.split(column.header)),
        *(
            (word, styles.cell_total)
            for value in values
            if isinstance(value, str)
            for word in _BREAKABLE_SPACE.split(value)
        ),
    ]
    return max((_text_width(word, style) for word, style in words), default=0.0)


def _column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """Fixed and fitted columns first; the weighted ones share what is left.

    Fitted columns are shrunk (and then wrap) only if they would leave the weighted ones
    less than a readable minimum, as can happen with a huge amount or a long header.
    """
    values = [[row[index] for row in rows] for index in range(len(columns))]
    fitted = {
        index: _fitted_width(column, values[index])
        for index, column in enumerate(columns)
        if column.width is None and column.weight is None
    }
    fixed = sum(column.width for column in columns if column.width is not None)
    weights = {i: column.weight for i, column in enumerate(columns) if column.weight is not None}
    room = CONTENT_WIDTH - fixed - _MIN_FLEXIBLE_WIDTH * len(weights)
    wanted = sum(fitted.values())
    if wanted > room:
        fitted = {index: width * max(room, 0) / wanted for index, width in fitted.items()}
    minimums = {
        index: min(_MAX_WORD_WIDTH, _longest_word(columns[index], values[index]) + _PADDING)
        for index in weights
    }
    shared = _share_out(CONTENT_WIDTH - fixed - sum(fitted.values()), weights, minimums)
    widths: list[float] = []
    for index, column in enumerate(columns):
        if column.width is not None:
            widths.append(column.width)
        else:
            widths.append(shared[index] if index in shared else fitted[index])
    return widths


def _share_out(
    width: float, weights: dict[int, float], minimums: dict[int, float]
) -> dict[int, float]:
    """Split ``width`` by weight, but give no column less than its minimum.

    A column whose share would split its longest word ("Graçanicë/Gračanica" in a narrow
    municipality column) gets its minimum; the others share the rest, again by weight.
    """
    needed = sum(minimums.values())
    if needed > width:
        minimums = {index: minimum * width / needed for index, minimum in minimums.items()}
    shares: dict[int, float] = {}
    remaining = dict(weights)
    while remaining:
        room = width - sum(shares.values())
        total_weight = sum(remaining.values()) or 1.0
        short = [i for i, w in remaining.items() if room * w / total_weight < minimums[i]]
        if not short:
            shares.update({i: room * w / total_weight for i, w in remaining.items()})
            break
        for index in short:
            shares[index] = minimums[index]
            del remaining[index]
    return shares


def _fitted_width(column: Column, values: Sequence[Cell]) -> float:
    styles = report_styles()
    widest_value = max(
        (_text_width(value, styles.cell_total) for value in values if isinstance(value, str)),
        default=0.0,
    )
    return max(_longest_word(column, []), widest_value) + _PADDING


# Charts --------------------------------------------------------------------------------


def progress_bar(share: Decimal | None, marker: Decimal | None = None) -> Drawing:
    """A small horizontal bar for a share of 0..1, with an optional vertical marker.

    Beyond 100 % the bar is full and green; the marker (the share of the project's time
    elapsed) lets a reader see at a glance whether spending or results keep pace.
    """
    drawing = Drawing(BAR_WIDTH, BAR_HEIGHT + 2)
    # Without this the renderer selects Helvetica on entry, and the PDF names it unembedded.
    drawing.initialFontName = REGULAR
    drawing.add(Rect(0, 1, BAR_WIDTH, BAR_HEIGHT, fillColor=BAR_TRACK, strokeColor=None))
    if share is not None and share > 0:
        filled = float(min(share, Decimal(1))) * BAR_WIDTH
        color = BAR_OVER if share > 1 else BAR_FILL
        drawing.add(Rect(0, 1, filled, BAR_HEIGHT, fillColor=color, strokeColor=None))
    if marker is not None:
        x = float(max(Decimal(0), min(marker, Decimal(1)))) * BAR_WIDTH
        drawing.add(Line(x, 0, x, BAR_HEIGHT + 2, strokeColor=MARKER, strokeWidth=1.2))
    return drawing


# Logo ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logo:
    """A donor's logo read once, to be drawn at any size that keeps its proportions."""

    data: bytes
    image: ImageReader
    width: int
    height: int

    def fitted(self, box_width: float, box_height: float) -> tuple[float, float]:
        """The largest width and height inside the box with the image's aspect ratio."""
        scale = min(box_width / self.width, box_height / self.height)
        return self.width * scale, self.height * scale


def read_logo(data: bytes | None) -> Logo | None:
    """The logo in ``data`` (PNG or JPEG bytes), or None when there is none or it is unreadable.

    The donor profile checks a logo when it is saved; a file damaged since then leaves the
    report without the logo rather than without the report.
    """
    if not data:
        return None
    try:
        image = ImageReader(BytesIO(data))
        width, height = image.getSize()
    except Exception:  # any decoder error means "no usable logo"
        log.warning("the donor's logo cannot be read; the report is printed without it")
        return None
    if width <= 0 or height <= 0:
        return None
    return Logo(data, image, width, height)


def cover_logo(logo: Logo) -> Image:
    """The logo at the top right of the cover, in the flow so no text can run under it."""
    width, height = logo.fitted(COVER_LOGO_WIDTH, COVER_LOGO_HEIGHT)
    image = Image(BytesIO(logo.data), width=width, height=height, hAlign="RIGHT")
    image.spaceAfter = 6 * mm
    return image


def draw_header_logo(canvas: Canvas, logo: Logo | None, x: float, baseline: float) -> float:
    """Draw the logo small at the left of a running header; return the room it took.

    It stands on the header's text baseline, above the rule under it, and the header's
    text starts the returned distance further right, so the logo never covers text.  A
    format with its own page frame (the landscape logframe) calls this from it too.
    """
    if logo is None:
        return 0.0
    width, height = logo.fitted(HEADER_LOGO_WIDTH, HEADER_LOGO_HEIGHT)
    canvas.drawImage(logo.image, x, baseline - 2, width, height, mask="auto")
    return width + 6


# Pages ---------------------------------------------------------------------------------


def _ellipsized(text: str, font: str, size: float, width: float) -> str:
    """The text cut to fit ``width`` on one line, with an ellipsis where it was cut."""
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


@dataclass(frozen=True)
class _Decorations:
    """Running header and footer, drawn once the number of pages is known."""

    info: DocumentInfo
    logo: Logo | None = None

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(MUTED)
        if page > 1:
            self._header(canvas)
        footer_y = MARGIN - 9 * mm
        canvas.line(MARGIN, footer_y + 10, PAGE_WIDTH - MARGIN, footer_y + 10)
        canvas.setFont(REGULAR, 7.5)
        page_text = one_line(self.info.page_label.format(page=page, pages=pages))
        canvas.drawRightString(PAGE_WIDTH - MARGIN, footer_y, page_text)
        room = CONTENT_WIDTH - stringWidth(page_text, REGULAR, 7.5) - 12
        footer = _ellipsized(one_line(self.info.footer_label), REGULAR, 7.5, room)
        canvas.drawString(MARGIN, footer_y, footer)
        canvas.restoreState()

    def _header(self, canvas: Canvas) -> None:
        y = PAGE_HEIGHT - MARGIN + 4
        left = MARGIN + draw_header_logo(canvas, self.logo, MARGIN, y)
        reference = _ellipsized(one_line(self.info.reference), BOLD, 7.5, CONTENT_WIDTH * 0.45)
        canvas.setFont(BOLD, 7.5)
        canvas.drawString(left, y, reference)
        room = PAGE_WIDTH - MARGIN - left - stringWidth(reference, BOLD, 7.5) - 16
        title = _ellipsized(one_line(self.info.running_title), REGULAR, 7.5, room)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, title)
        canvas.line(MARGIN, y - 4, PAGE_WIDTH - MARGIN, y - 4)


class _NumberedCanvas(Canvas):
    """Holds every page back until ``save`` so each footer can say how many there are.

    A bookmark names the page the PDF writer is on, which while pages are held back is still
    the first; so bookmarks are held with their page and set when it is finally written.
    """

    def __init__(self, *args: Any, decorations: _Decorations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorations = decorations
        self._held_pages: list[dict[str, Any]] = []
        self._page_bookmarks: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def bookmarkPage(self, key: str, *fit: Any, **position: Any) -> None:
        self._page_bookmarks = [*self._page_bookmarks, (key, fit, position)]

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        pages = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            for key, fit, position in self._page_bookmarks:
                super().bookmarkPage(key, *fit, **position)
            self._decorations.draw(self, self._pageNumber, pages)
            super().showPage()
        super().save()


class _ReportTemplate(BaseDocTemplate):
    """Enters each heading in the PDF outline and tells a table of contents where it is."""

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        title, level = outline
        self._headings = getattr(self, "_headings", 0) + 1
        key = f"heading-{self._headings}"
        # The heading's top edge: the frame's cursor has just moved below it.
        top = self.frame._y + flowable.height + flowable.getSpaceAfter()
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
        # The outline cannot skip a level: a sub-section before any section is a section.
        level = min(level, getattr(self, "_outline_level", -1) + 1)
        self._outline_level = level
        self.canv.addOutlineEntry(title, key, level=level)
        self.canv.showOutline()
        if getattr(flowable, "listed", False):
            self.notify("TOCEntry", (level, to_markup(title), self.page, key))

    def handle_documentBegin(self) -> None:
        """Each layout pass numbers its headings afresh, so keys match from pass to pass."""
        self._headings = 0
        self._outline_level = -1
        super().handle_documentBegin()


def _cover_band(canvas: Canvas, _document: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.rect(0, PAGE_HEIGHT - 9 * mm, PAGE_WIDTH, 9 * mm, stroke=0, fill=1)
    canvas.restoreState()


def build_document(
    target: Path | BinaryIO,
    cover: Sequence[Flowable],
    body: Sequence[Flowable],
    info: DocumentInfo,
) -> None:
    """Lay out a cover page and the body after it, and write the PDF to ``target``.

    The outline opens in the reader's side panel.  A body holding a table of contents is
    laid out several times (the first pass only learns where the headings fall).
    """
    register_fonts()
    logo = read_logo(info.logo)
    document = _ReportTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_SPACE,
        bottomMargin=MARGIN,
        title=one_line(info.title),
        author=AUTHOR,
        creator=AUTHOR,
        subject=one_line(info.subject),
        keywords=[keyword for keyword in map(one_line, info.keywords) if keyword],
        lang=language(info.language).bcp47,
        displayDocTitle=True,
        initialFontName=REGULAR,
    )
    frame_height = PAGE_HEIGHT - 2 * MARGIN - HEADER_SPACE
    # No frame padding: tables are CONTENT_WIDTH wide and line up with the header rule.
    unpadded = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    cover_frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, frame_height, id="cover", **unpadded)
    body_frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, frame_height, id="body", **unpadded)
    document.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[cover_frame], onPage=_cover_band),
            PageTemplate(id="body", frames=[body_frame]),
        ]
    )
    story: list[Flowable] = [
        *([cover_logo(logo)] if logo is not None else []),
        *cover,
        NextPageTemplate("body"),
        PageBreak(),
        *body,
    ]
    canvasmaker = partial(_NumberedCanvas, decorations=_Decorations(info, logo))
    if any(flowable.isIndexing() for flowable in story):
        document.multiBuild(story, canvasmaker=canvasmaker)
    else:
        document.build(story, canvasmaker=canvasmaker)
