"""Escaping user text for reportlab, and the fonts it is set in."""

from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

from desktop.reports.fonts import BOLD, BOLD_ITALIC, FAMILY, ITALIC, REGULAR, register_fonts
from desktop.reports.markup import (
    _printable,
    clean_text,
    format_markup,
    one_line,
    paragraphs,
    to_markup,
)


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("R&D < 5", "R&amp;D &lt; 5"),
        ("a<b", "a&lt;b"),
        ("<b>unclosed", "&lt;b&gt;unclosed"),
        ("<para>", "&lt;para&gt;"),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_markup_characters_are_escaped(text: str, markup: str) -> None:
    assert to_markup(text) == markup


@pytest.mark.parametrize("text", ["R&D < 5", "a<b", "<b>unclosed", "<para>", "&nbsp;"])
def test_a_paragraph_prints_escaped_text_literally(text: str) -> None:
    paragraph = Paragraph(to_markup(text), ParagraphStyle("plain", fontName=register_fonts()))

    assert paragraph.getPlainText() == text


@pytest.mark.parametrize(
    "text", ["one\ntwo", "one\r\ntwo", "one\rtwo", "one\u2028two", "one\x0btwo", "one\x0ctwo"]
)
def test_every_kind_of_line_break_becomes_a_br(text: str) -> None:
    assert to_markup(text) == "one<br/>two"


def test_unprintable_characters_are_dropped() -> None:
    text = "a\x00b\x1bc\x7fd\x85e\ud800f\ufeffg\u2066h\u2069i\u202ej\ufffek"

    assert clean_text(text) == "abcd\nefghijk"


def test_printable_unusual_text_is_kept() -> None:
    text = "😀 👩‍👩‍👧 שלום مرحبا Приштина Prishtinë soft\u00adhyphen zero\u200bwidth"

    assert clean_text(text) == text


def test_tabs_become_spaces_and_the_ends_are_trimmed() -> None:
    assert clean_text("  \ta\tb  \n\n") == "a b"


@pytest.mark.parametrize("text", [None, "", "   ", "\n\n", "\x00"])
def test_nothing_to_print_is_an_empty_string(text: str | None) -> None:
    assert to_markup(text) == ""
    assert paragraphs(text) == []


def test_narratives_split_into_paragraphs_at_blank_lines() -> None:
    text = "First & one\nstill first\n\n  \n\nSecond <one>\n"

    assert paragraphs(text) == ["First &amp; one<br/>still first", "Second &lt;one&gt;"]


def test_one_line_joins_lines_and_collapses_spaces() -> None:
    assert one_line("Safer\n  communities\r\n<north>") == "Safer communities <north>"


def test_format_markup_escapes_the_template_and_each_value() -> None:
    filled = format_markup("R&D: {name} ({count})", name="<b>{count}</b>", count=3)

    assert filled == "R&amp;D: &lt;b&gt;{count}&lt;/b&gt; (3)"


def test_hostile_text_builds_in_a_paragraph_and_a_narrow_table_cell(hostile_text: str) -> None:
    style = ParagraphStyle("plain", fontName=register_fonts(), fontSize=8, leading=10)
    cell = Paragraph(to_markup(hostile_text), style)
    story = [
        *(Paragraph(part, style) for part in paragraphs(hostile_text)),
        LongTable([["#", "text"], ["1", cell]], colWidths=[20, 60], repeatRows=1, splitInRow=1),
    ]
    stream = BytesIO()

    SimpleDocTemplate(stream, initialFontName=REGULAR).build(story)

    assert stream.getvalue().startswith(b"%PDF")


def test_fonts_register_once_with_bold_and_italic_faces() -> None:
    assert register_fonts() == register_fonts() == FAMILY

    assert {REGULAR, BOLD, ITALIC, BOLD_ITALIC} <= set(pdfmetrics.getRegisteredFontNames())
    assert tt2ps(FAMILY, 1, 0) == BOLD
    assert tt2ps(FAMILY, 0, 1) == ITALIC
    assert tt2ps(FAMILY, 1, 1) == BOLD_ITALIC


def _clean_text_by_character(text: str) -> str:
    """``clean_text`` as it reads every character, without its shortcut for text that is
    printable as it stands."""
    lines = (
        "".join(character for character in line.replace("\t", " ") if _printable(character))
        for line in text.splitlines()
    )
    return "\n".join(line.rstrip() for line in lines).strip()


@given(st.text())
@settings(max_examples=2000, deadline=None)
def test_the_shortcut_for_printable_text_cleans_as_reading_every_character(text: str) -> None:
    assert clean_text(text) == _clean_text_by_character(text)
