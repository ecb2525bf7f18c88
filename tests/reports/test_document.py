"""The base every donor format shares, read back from real PDFs: the outline a reader
navigates by, the donor's logo, the metadata, table headers on every page, and the table of
contents with the pages its headings landed on.
"""

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader
from pypdf.generic import Destination

from desktop.i18n.languages import language
from desktop.reports.document import (
    Column,
    DocumentInfo,
    build_document,
    data_table,
    read_logo,
    section_heading,
    sentence,
    subsection_heading,
    table_of_contents,
    text_block,
)

LONG_TEXT = "\n\n".join(f"Paragraph {n}: " + "words that fill a page " * 40 for n in range(12))


def _info(**changes: object) -> DocumentInfo:
    values: dict[str, object] = {
        "language": "sr",
        "title": "Извештај за 2026-Q1: Безбедније заједнице",
        "subject": "Тромесечни извештај 2026-Q1",
        "reference": "Уговор бр. NDICI/2024/451-117",
        "running_title": "Безбедније заједнице",
        "footer_label": "Тромесечни извештај 2026-Q1",
        "page_label": "Страна {page} од {pages}",
        "keywords": ("KS-CS-01",),
    }
    values.update(changes)
    return DocumentInfo(**values)  # type: ignore[arg-type]


def _body() -> list:
    return [
        section_heading(1, "Опис"),
        subsection_heading("1.1", "Координатор"),
        *text_block(LONG_TEXT, "—"),
        subsection_heading("1.2", "Контакт особа <b>&"),
        sentence("Кратак текст."),
        section_heading(2, "Процена спровођења"),
        *text_block(LONG_TEXT, "—"),
        section_heading("", "Списак скраћеница"),
    ]


def _logo(kind: str, size: tuple[int, int]) -> bytes:
    stream = BytesIO()
    PILImage.new("RGB", size, (31, 58, 95)).save(stream, format=kind)
    return stream.getvalue()


def _write(tmp_path: Path, body: list, info: DocumentInfo | None = None) -> Path:
    path = tmp_path / "document.pdf"
    build_document(path, [sentence("Насловна страна")], body, info or _info())
    return path


def _outline(reader: PdfReader, items: list | None = None, depth: int = 0) -> list:
    """(depth, title, page number) of each outline entry, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            assert isinstance(item, Destination)
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def _pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _page_of(pages: list[str], heading: str) -> int:
    """The page with ``heading`` on a line of its own (a contents line has dots and a page)."""
    return next(
        number
        for number, page in enumerate(pages, 1)
        if any(line.strip() == heading for line in page.splitlines())
    )


def test_every_heading_is_in_the_outline_nested_on_its_page(tmp_path: Path) -> None:
    path = _write(tmp_path, _body())
    reader = PdfReader(path)
    pages = _pages(path)

    outline = _outline(reader)
    assert [(depth, title) for depth, title, _page in outline] == [
        (0, "1 Опис"),
        (1, "1.1 Координатор"),
        (1, "1.2 Контакт особа <b>&"),
        (0, "2 Процена спровођења"),
        (0, "Списак скраћеница"),
    ]
    for _depth, title, page in outline:
        assert page == _page_of(pages, title), title
    numbers = [page for _depth, _title, page in outline]
    assert numbers == sorted(numbers)
    assert numbers[0] == 2 and numbers[-1] > 3  # the long texts pushed the last ones on
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_page_n_of_m_still_counts_every_page_with_an_outline(tmp_path: Path) -> None:
    path = _write(tmp_path, _body())
    pages = _pages(path)
    assert len(pages) >= 4
    for number, page in enumerate(pages, 1):
        assert f"Страна {number} од {len(pages)}" in page


def test_a_sub_section_before_any_section_still_makes_a_valid_outline(tmp_path: Path) -> None:
    path = _write(tmp_path, [subsection_heading("0.1", "Увод"), section_heading(1, "Опис")])
    assert [(d, t) for d, t, _p in _outline(PdfReader(path))] == [(0, "0.1 Увод"), (0, "1 Опис")]


def test_metadata_names_title_author_subject_and_language(tmp_path: Path) -> None:
    reader = PdfReader(_write(tmp_path, _body()))
    assert reader.metadata is not None
    assert reader.metadata.title == "Извештај за 2026-Q1: Безбедније заједнице"
    assert reader.metadata.author == "CSO Desk"
    assert reader.metadata.subject == "Тромесечни извештај 2026-Q1"
    assert reader.trailer["/Root"]["/Lang"] == language("sr").bcp47


def test_table_headers_repeat_on_every_page_of_a_300_row_table(tmp_path: Path) -> None:
    columns = [Column("Општина", weight=1), Column("Учесници жене", numeric=True)]
    rows = [[f"Место {n:03}", str(n)] for n in range(300)]
    path = _write(tmp_path, [section_heading(1, "Активности"), data_table(columns, rows)])
    pages = _pages(path)[1:]  # the cover has no table

    assert len(pages) >= 5
    for page in pages:
        assert "Општина" in page and "Учесници" in page
    printed = [f"Место {n:03}" for n in range(300)]
    assert all(any(row in page for page in pages) for row in printed)


def test_the_table_of_contents_lists_each_section_with_its_page(tmp_path: Path) -> None:
    path = _write(tmp_path, [*table_of_contents("Садржај"), *_body()])
    pages = _pages(path)

    contents = pages[1]
    listed = [line.strip() for line in contents.splitlines() if ". . ." in line]
    assert len(listed) == 5  # each heading once, and not the contents' own title
    for title in ("1 Опис", "1.1 Координатор", "1.2 Контакт особа <b>&", "Списак скраћеница"):
        line = next(line for line in listed if line.startswith(title))
        assert line.split(".")[-1].strip() == str(_page_of(pages, title)), line
    assert _page_of(pages, "Списак скраћеница") > 3
    assert "Страна 2 од" in contents
    assert f"од {len(pages)}" in pages[-1]
    assert (0, "Садржај", 2) in _outline(PdfReader(path))


def test_the_table_of_contents_links_to_its_headings(tmp_path: Path) -> None:
    path = _write(tmp_path, [*table_of_contents("Садржај"), *_body()])
    reader = PdfReader(path)
    annotations = reader.pages[1].get("/Annots")
    assert annotations is not None and len(annotations) >= 5


@pytest.mark.parametrize(("kind", "size"), [("PNG", (400, 100)), ("JPEG", (120, 160))])
def test_the_donor_logo_is_on_the_cover_and_in_each_header(
    tmp_path: Path, kind: str, size: tuple[int, int]
) -> None:
    path = _write(tmp_path, _body(), _info(logo=_logo(kind, size)))
    reader = PdfReader(path)

    for page in reader.pages:
        images = list(page.images)
        assert len(images) == 1
        assert images[0].image.size == size  # the same picture, not a resampled copy
    # The whole text is still there: nothing was drawn over the header's reference.
    for page in _pages(path)[1:]:
        assert "Уговор бр. NDICI/2024/451-117" in page


def test_the_logo_keeps_its_proportions_inside_its_box() -> None:
    logo = read_logo(_logo("PNG", (400, 100)))
    assert logo is not None
    width, height = logo.fitted(100, 100)
    assert (width, height) == (100, 25)
    width, height = logo.fitted(100, 10)
    assert (width, height) == (40, 10)


@pytest.mark.parametrize("data", [None, b"", b"\x89PNG\r\n\x1a\nbroken", b"<svg/>"])
def test_no_logo_or_an_unreadable_one_still_prints_the_report(
    tmp_path: Path, data: bytes | None
) -> None:
    assert read_logo(data) is None
    reader = PdfReader(_write(tmp_path, _body(), _info(logo=data)))
    assert all(not list(page.images) for page in reader.pages)


def test_every_font_of_a_document_with_contents_and_logo_is_embedded(tmp_path: Path) -> None:
    path = _write(
        tmp_path, [*table_of_contents("Садржај"), *_body()], _info(logo=_logo("PNG", (40, 20)))
    )
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert "DejaVuSans" in line and " yes " in line, line  # embedded
        assert "Helvetica" not in line


@pytest.mark.parametrize(
    "title",
    ["", "<b>unclosed & < 5", "🙂 Ndihmë për komunitetin", "A" * 300, "long heading " * 1600],
)
def test_a_hostile_heading_still_makes_one_outline_entry(tmp_path: Path, title: str) -> None:
    body = [*table_of_contents("Садржај"), section_heading(1, title), sentence("Текст.")]
    reader = PdfReader(_write(tmp_path, body))
    [contents, entry] = _outline(reader)
    assert contents[1] == "Садржај"
    assert entry[1].startswith("1") and entry[2] >= 2
    assert len(entry[1]) <= 160
