"""Which fonts of a PDF are not embedded TrueType subsets: the self-test's proof that a
report will look the same, ë, ç and Cyrillic included, on any computer that opens it.

A font that is not embedded (reportlab's Helvetica, named but never shipped) is drawn by
the reader with whatever it has, and DejaVu's Albanian and Serbian letters are then lost.
reportlab can write PDFs but not read them, and pypdf is only a test dependency, so this
reads just what it needs of the file reportlab writes: the classic cross-reference table
(reportlab writes no cross-reference streams or object streams), then the dictionary at
the start of each object, which is plain text before any binary stream.
"""

import re
from collections.abc import Iterator

_START_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+)\s+(\d+)\s*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_OBJECT_HEAD = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b(.*?)(?:\bstream\b|\bendobj\b)", re.S)
_FONT = re.compile(rb"/Type\s*/Font\b(?!Descriptor)")
_SUBTYPE = re.compile(rb"/Subtype\s*/(\w+)")
_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/\[\]<>()]+)")
_DESCRIPTOR = re.compile(rb"/FontDescriptor\s+(\d+)\s+\d+\s+R")
_FONT_FILE_2 = re.compile(rb"/FontFile2\s+\d+\s+\d+\s+R")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


class UnreadablePdf(ValueError):
    """The file is not a PDF whose objects this reader can find."""


def fonts_not_embedded(pdf: bytes) -> list[str]:
    """The fonts ``pdf`` uses that are not embedded TrueType subsets, each as
    ``name (why)``; empty when every font is.  A PDF naming no font at all is refused too,
    since a report always has text: its fonts went missing some other way."""
    objects = dict(_object_heads(pdf))
    fonts = [head for head in objects.values() if _FONT.search(head)]
    if not fonts:
        return ["(no font in the file)"]
    problems: list[str] = []
    for head in fonts:
        name = _name(head)
        why = _why_not_embedded(head, objects)
        if why:
            problems.append(f"{name} ({why})")
    return problems


def _why_not_embedded(font: bytes, objects: dict[int, bytes]) -> str | None:
    subtype = _SUBTYPE.search(font)
    if subtype is None or subtype.group(1) != b"TrueType":
        found = subtype.group(1).decode("ascii", "replace") if subtype else "none"
        return f"subtype {found}, not TrueType"
    if not _SUBSET_PREFIX.match(_name(font)):
        return "not a subset"
    descriptor = _DESCRIPTOR.search(font)
    if descriptor is None:
        return "no font descriptor"
    head = objects.get(int(descriptor.group(1)))
    if head is None or not _FONT_FILE_2.search(head):
        return "no embedded font file"
    return None


def _name(font: bytes) -> str:
    found = _BASE_FONT.search(font)
    return found.group(1).decode("latin-1") if found else "(unnamed)"


def _object_heads(pdf: bytes) -> Iterator[tuple[int, bytes]]:
    """Each object's number and the text of its dictionary, found through the
    cross-reference table."""
    end = _START_XREF.search(pdf[-1024:])
    if end is None:
        raise UnreadablePdf("no startxref at the end of the file")
    position = int(end.group(1))
    if not pdf.startswith(b"xref", position):
        raise UnreadablePdf("no cross-reference table where startxref points")
    position += len(b"xref")
    while True:
        while pdf[position : position + 1].isspace():
            position += 1
        subsection = _SUBSECTION.match(pdf, position)
        if subsection is None:
            break
        first, count = int(subsection.group(1)), int(subsection.group(2))
        position = subsection.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(pdf, position)
            if entry is None:
                raise UnreadablePdf(f"cross-reference entry {number} cannot be read")
            position = entry.end()
            if entry.group(3) == b"n":
                yield number, _head_at(pdf, int(entry.group(1)), number)
            while pdf[position : position + 1].isspace():
                position += 1


def _head_at(pdf: bytes, offset: int, number: int) -> bytes:
    head = _OBJECT_HEAD.match(pdf, offset)
    if head is None or int(head.group(1)) != number:
        raise UnreadablePdf(f"object {number} is not where the cross-reference table says")
    return head.group(3)
