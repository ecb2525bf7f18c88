"""The reports' Paragraph builds a plain text's fragment itself, exactly as the parser would,
and breaks its lines once per width, exactly as reportlab breaks them each time.

Each case compares our ``Paragraph`` with reportlab's own on the same text and style: the
fragments (every attribute), the text kept, the lines the paragraph breaks into, and whole
reports, which must be the same PDF byte for byte.
"""

from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus import paragraph, paraparser

from desktop.reports import document, eu_financial, eu_narrative, logframe, quarterly
from desktop.reports.document import report_styles
from desktop.reports.eu_financial import render_eu_financial
from desktop.reports.fonts import BOLD, ITALIC
from desktop.reports.markup import to_markup
from desktop.reports.paragraph import Paragraph
from desktop.reports.quarterly import render_quarterly
from tests.reports.conftest import HOSTILE_TEXTS
from tests.reports.conftest import build_report as build_quarterly
from tests.reports.test_eu_financial import build_report as build_financial

REPORT_MODULES = (document, quarterly, eu_financial, eu_narrative, logframe)


def _styles() -> list[ParagraphStyle]:
    styles = report_styles()
    named = [getattr(styles, field) for field in styles.__dataclass_fields__]
    return [
        *named,
        ParagraphStyle("bold", styles.cell, fontName=BOLD),
        ParagraphStyle("italic", styles.cell, fontName=ITALIC),
        ParagraphStyle("upper", styles.cell, textTransform="uppercase"),
        ParagraphStyle("bullet", styles.cell, leftIndent=20, bulletFontName=BOLD),
    ]


STYLES = _styles()
# Plain text as reports print it: Latin, Albanian, Cyrillic, digits, punctuation, no-break
# and other spaces, soft hyphens, line ends; and sometimes markup, which must go to the
# parser.
TEXT = st.lists(
    st.sampled_from(
        [
            *"aAzZëËçÇšđжЖљЉ0159 .,;:-–—/()'\"%€>\u00a0\u2002\u00ad\u200b\t\n\r",
            *("<b>A1</b>", "<br/>", "&amp;", "&lt;", "&#160;"),
        ]
    ),
    max_size=60,
).map("".join)


def _fragments(paragraph: ReportlabParagraph) -> list[dict[str, object]]:
    return [dict(vars(fragment)) for fragment in paragraph.frags]


def _lines(paragraph: ReportlabParagraph, width: float) -> object:
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    return [
        (line.extraSpace, line.wordCount, [str(word) for word in line.words])
        if hasattr(line, "words")
        else repr(line)
        for line in lines
    ]


@settings(max_examples=300, deadline=None)
@given(text=TEXT, style=st.sampled_from(STYLES), width=st.sampled_from([30.0, 90.0, 400.0]))
def test_our_paragraph_is_reportlabs_for_any_text(
    text: str, style: ParagraphStyle, width: float
) -> None:
    ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)

    assert ours.text == theirs.text
    assert _fragments(ours) == _fragments(theirs)
    assert ours.bulletText == theirs.bulletText
    assert ours.wrap(width, 10_000) == theirs.wrap(width, 10_000)
    assert _lines(ours, width) == _lines(theirs, width)


@settings(max_examples=100, deadline=None)
@given(text=TEXT, bullet=st.sampled_from([None, "1.2", "7"]))
def test_escaped_user_text_with_a_bullet_is_the_same(text: str, bullet: str | None) -> None:
    style = STYLES[-1]
    ours = Paragraph(to_markup(text), style, bulletText=bullet)
    theirs = ReportlabParagraph(to_markup(text), style, bulletText=bullet)

    assert _fragments(ours) == _fragments(theirs)
    assert ours.bulletText == theirs.bulletText
    assert ours.getPlainText() == theirs.getPlainText()


def test_a_plain_text_is_not_parsed_and_markup_is(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    class CountingParser(paraparser.ParaParser):
        def parse(self, text: str, style: ParagraphStyle) -> Any:
            parsed.append(text)
            return super().parse(text, style)

    monkeypatch.setattr(paragraph, "ParaParser", CountingParser)
    cell = report_styles().cell
    plain = Paragraph("Prishtinë/Priština 12\u00a0Jan", cell)
    marked = Paragraph("<b>A1</b> Trainings", cell)

    assert parsed == ["<b>A1</b> Trainings"]
    assert [fragment.text for fragment in plain.frags] == ["Prishtinë/Priština 12\u00a0Jan"]
    assert [fragment.bold for fragment in marked.frags] == [1, 0]


def test_a_paragraph_split_across_pages_splits_as_reportlabs() -> None:
    text = " ".join(["Konsultim publik për strategjinë kombëtare"] * 20)
    cell = report_styles().cell
    ours, theirs = Paragraph(text, cell), ReportlabParagraph(text, cell)
    ours.wrap(120, 10_000)
    theirs.wrap(120, 10_000)
    our_parts, their_parts = ours.split(120, 40), theirs.split(120, 40)

    assert len(our_parts) == len(their_parts) == 2
    assert [_lines(part, 120) for part in our_parts] == [_lines(part, 120) for part in their_parts]


def _pdf_bytes(
    monkeypatch: pytest.MonkeyPatch, draw: Callable[[BytesIO], None], ours: bool
) -> bytes:
    """The PDF ``draw`` writes, with our Paragraph or with reportlab's in every format."""
    with monkeypatch.context() as patch:
        patch.setattr(rl_config, "invariant", 1)
        if not ours:
            for module in REPORT_MODULES:
                patch.setattr(module, "Paragraph", ReportlabParagraph)
        stream = BytesIO()
        draw(stream)
    return stream.getvalue()


@pytest.mark.parametrize("language", ["en", "sq", "sr", "sr_Latn"])
def test_reports_are_byte_for_byte_those_reportlabs_paragraph_draws(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    quarterly = build_quarterly(language)
    long_words = replace(
        quarterly,
        summary=HOSTILE_TEXTS["long-word"],
        activities=[
            replace(row, title=f"{row.title} {HOSTILE_TEXTS['line-breaks']} R&D < 5")
            for row in quarterly.activities
        ],
    )
    financial = build_financial(language)
    drawings: list[Callable[[BytesIO], None]] = [
        lambda stream: render_quarterly(quarterly, stream),
        lambda stream: render_quarterly(long_words, stream),
        lambda stream: render_eu_financial(financial, stream),
    ]
    for draw in drawings:
        ours = _pdf_bytes(monkeypatch, draw, ours=True)

        assert ours == _pdf_bytes(monkeypatch, draw, ours=False)
        assert len(PdfReader(BytesIO(ours)).pages) > 1
