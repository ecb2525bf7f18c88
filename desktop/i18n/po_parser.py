"""Babel's ``.po`` parser made tolerant, kept apart from ``catalog`` so that Babel is
imported only when a ``.po`` file is actually parsed: a start whose catalog comes from the
compiled cache (``desktop.i18n.compiled``), and ``csodesk --help`` in English, never load it.
"""

import re

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import PoFileParser

from desktop.i18n.catalog import QUOTES_EXPECTED


def new_po_catalog(domain: str) -> PoCatalog:
    """An empty Babel catalog for the parser to fill."""
    return PoCatalog(locale=None, domain=domain)


class TolerantParser(PoFileParser):
    """Babel's parser, noting each problem with its line (Babel prints them to standard
    output) and which entries it spoiled, so that only those are dropped."""

    _MORE_FORMS = "msg has more translations than num_plurals of catalog"

    def __init__(self, catalog: PoCatalog) -> None:
        super().__init__(catalog, ignore_obsolete=True, abort_invalid=False)
        self.problems: list[tuple[int, str, str]] = []  # (line, text, Babel's words)
        self.broken_entries: set[int] = set()  # line numbers of spoiled entries' msgid
        self.extra_forms: dict[int, int] = {}  # msgid line -> plural forms given
        self._spoiled = False

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        if msg == self._MORE_FORMS:
            self.extra_forms[lineno + 1] = 1 + max(index for index, _ in self.translations)
        else:
            self.problems.append((lineno + 1, line, msg))
        self._spoiled = True

    def _process_message_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        super()._process_message_line(lineno, line, obsolete)
        if obsolete:
            return
        token = line if line.startswith('"') else _quoted_part(line)
        if token is not None and not re.fullmatch(r'"(?:[^"\\]|\\.)*"', token):
            self._invalid_pofile(line, lineno, QUOTES_EXPECTED)

    def _add_message(self) -> None:
        super()._add_message()
        if self._spoiled:
            self.broken_entries.add(self.offset + 1)
        self._spoiled = False


def _quoted_part(line: str) -> str | None:
    keyword, _, rest = line.partition(" ")
    if keyword in {"msgid", "msgid_plural", "msgctxt", "msgstr"} or re.fullmatch(
        r"msgstr\[\d+\]", keyword
    ):
        return rest.strip()
    return None
