"""Translation catalogs read straight from the ``.po`` files translators edit.

No compile step: a translator saves in Poedit and sees the result (at once in translator
mode).  Translators are not programmers, so a file is read tolerantly: a syntax error, a
wrong placeholder, an empty plural form or a wrong ``Plural-Forms`` header loses only the
entries concerned, which then show their English text, and each problem is logged with
the file and line the translator has to open.  ``csodesk i18n check`` reports the same
problems from the same reading, so the check and the running application never disagree.
"""

import gettext
import logging
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.i18n.lookup import (
    CONTEXT_SEP,
    DOMAIN,
    ENGLISH_PLURAL,
    PLURAL_COUNTS,
    SAMPLE_COUNTS,
    Catalog,
    MessageKey,
    PluralRule,
    Translation,
    context_key,
    plural_rule,
    po_path,
)
from desktop.i18n.translit import cyrillic_to_latin

if TYPE_CHECKING:
    from babel.messages.catalog import Message

__all__ = [
    "DOMAIN",
    "PLURAL_COUNTS",
    "QUOTES_EXPECTED",
    "Catalog",
    "Issue",
    "IssueKind",
    "MessageKey",
    "PluralRule",
    "Translation",
    "context_key",
    "placeholder_mismatch",
    "placeholders",
    "plural_rule",
    "po_path",
    "read_catalog",
    "transliterated",
]

log = logging.getLogger(__name__)

_SHOWN_LINES = 10
QUOTES_EXPECTED = "a text must be between double quotes"


class IssueKind(StrEnum):
    MISSING_FILE = "missing-file"
    UNREADABLE = "unreadable"
    SYNTAX = "syntax"
    ENCODING = "encoding"
    PLURAL_HEADER = "plural-header"
    PLURAL_COUNT = "plural-count"
    EMPTY_FORM = "empty-form"
    PLACEHOLDERS = "placeholders"
    CYRILLIC = "cyrillic"  # found by the check: a Latin override written in Cyrillic


@dataclass(frozen=True)
class Issue:
    """One problem of a catalog file, where the translator finds it."""

    path: Path
    line: int  # 1-based; 0 when the problem is the whole file
    kind: IssueKind
    message_id: str = ""  # the English text of the entry concerned
    text: str = ""  # the offending line or header value, or the error
    reason: str = ""  # a syntax error: Babel's words (or ours, QUOTES_EXPECTED)
    expected: int = 0  # plural forms the language needs
    found: int = 0  # plural forms given
    missing: tuple[str, ...] = ()  # placeholders of the English left out
    added: tuple[str, ...] = ()  # placeholders the English does not have

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def describe(self) -> str:
        """The problem in English, for the log (the check command words it in each language)."""
        match self.kind:
            case IssueKind.MISSING_FILE:
                return "the catalog file is missing"
            case IssueKind.UNREADABLE:
                return f"the catalog cannot be read ({self.text})"
            case IssueKind.SYNTAX:
                return f"syntax error ({self.reason}: {self.text})" if self.text else self.reason
            case IssueKind.ENCODING:
                return "characters that are not UTF-8"
            case IssueKind.PLURAL_HEADER:
                return (
                    f"the Plural-Forms header {self.text!r} is not a valid rule with "
                    f"{self.expected} forms; plural messages are shown in English"
                )
            case IssueKind.PLURAL_COUNT:
                return f"{self.found} plural forms where the language has {self.expected}"
            case IssueKind.EMPTY_FORM:
                return "a plural form is empty"
            case IssueKind.CYRILLIC:
                return "Cyrillic letters in the Latin catalog"
            case IssueKind.PLACEHOLDERS:
                return (
                    f"placeholders differ from the English (missing: {', '.join(self.missing)}"
                    f"; added: {', '.join(self.added)})"
                )
        return str(self.kind)


# Qt's numbered markers; the word boundary keeps "50 %në" (Albanian) from counting as one.
_QT_MARKER = re.compile(r"%(?:[0-9]+|n)\b")


def placeholders(text: str) -> set[str]:
    """The named ``{fields}`` of a message, as ``str.format`` sees them, and Qt's ``%1`` and
    ``%n`` markers in the texts Qt asks us for: a translation losing either breaks it."""
    markers = set(_QT_MARKER.findall(text))
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return {"<malformed>"} | markers
    return fields | markers


def placeholder_mismatch(
    msgid: str | tuple[str, ...], forms: tuple[str, ...], rule: PluralRule
) -> tuple[set[str], set[str]]:
    """Placeholders a translation leaves out and adds, compared with the English.

    A plural form used for one number only (Albanian "një aktivitet") may leave out the
    number, as GNU gettext allows; every other form keeps every placeholder.
    """
    if isinstance(msgid, str):
        english = placeholders(msgid)
        form = forms[0]
        return english - placeholders(form), placeholders(form) - english
    singular, plural = placeholders(msgid[0]), placeholders(msgid[-1])
    missing: set[str] = set()
    added: set[str] = set()
    for index, form in enumerate(forms):
        found = placeholders(form)
        added |= found - (singular | plural)
        if sum(1 for n in SAMPLE_COUNTS if rule(n) == index) > 1:
            missing |= plural - found
    return missing, added


def _decoded(raw: bytes, bad_lines: list[int]) -> Iterator[str]:
    for number, line in enumerate(raw.splitlines(), 1):
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            bad_lines.append(number)
            yield line.decode("utf-8", "replace")


def _plural_header(lines: list[str]) -> tuple[range, str | None]:
    """The lines (0-based) and value of the header's Plural-Forms, which Poedit and Babel
    may wrap over several lines, looked for before the first real entry."""
    msgids = 0
    for start, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("msgid "):
            msgids += 1
            if msgids > 1:
                break
        if not stripped.startswith('"Plural-Forms:'):
            continue
        value, end = stripped[1:-1], start
        while not value.endswith("\\n") and end + 1 < len(lines):
            following = lines[end + 1].strip()
            if not following.startswith('"'):
                break
            value, end = value + following[1:-1], end + 1
        return range(start, end + 1), value.removeprefix("Plural-Forms:").removesuffix(
            "\\n"
        ).strip()
    return range(0), None


@dataclass
class _Reading:
    """What one pass over a file found, gathered into a ``Catalog`` at the end."""

    path: Path
    rule: PluralRule
    plurals_usable: bool
    plural_count: int
    issues: list[Issue] = field(default_factory=list)
    messages: dict[MessageKey, Translation] = field(default_factory=dict)
    untranslated: list[tuple[MessageKey, int]] = field(default_factory=list)
    fuzzy: list[MessageKey] = field(default_factory=list)
    lines: dict[MessageKey, int] = field(default_factory=dict)
    broken: set[MessageKey] = field(default_factory=set)

    def issue(
        self, kind: IssueKind, line: int, key: MessageKey | None = None, **details: object
    ) -> None:
        """Note a problem; ``key`` names the entry it costs."""
        self.issues.append(Issue(self.path, line, kind, **details))  # type: ignore[arg-type]
        if key is not None:
            self.broken.add(key)

    def take(self, message: "Message", broken: set[int], extra_forms: dict[int, int]) -> None:
        msgid = message.id
        english = msgid if isinstance(msgid, str) else msgid[0]
        key = f"{message.context}{CONTEXT_SEP}{english}" if message.context else english
        line = message.lineno or 0
        forms = (message.string,) if isinstance(message.string, str) else tuple(message.string)
        plural = not isinstance(msgid, str)
        self.lines[key] = line
        if message.fuzzy:
            self.fuzzy.append(key)
        elif line in extra_forms:
            self.issue(
                IssueKind.PLURAL_COUNT,
                line,
                key=key,
                message_id=english,
                found=extra_forms[line],
                expected=self.plural_count,
            )
        elif line in broken or (plural and not self.plurals_usable):
            self.broken.add(key)  # told once: the syntax error, or the header
        elif not any(forms):
            self.untranslated.append((key, line))
        elif any("\ufffd" in form for form in forms):
            self.issue(IssueKind.ENCODING, line, key, message_id=english)
        elif not all(forms):
            self.issue(IssueKind.EMPTY_FORM, line, key, message_id=english)
        else:
            missing, added = placeholder_mismatch(msgid, forms, self.rule)
            if missing or added:
                self.issue(
                    IssueKind.PLACEHOLDERS,
                    line,
                    key=key,
                    message_id=english,
                    missing=tuple(sorted(missing)),
                    added=tuple(sorted(added)),
                )
            else:
                self.messages[key] = forms if plural else forms[0]


def read_catalog(
    path: Path,
    plural_count: int | None = None,
    *,
    report_untranslated: bool = False,
    log_issues: bool = True,
) -> Catalog:
    """Read one ``.po`` file, keeping every entry that is safe to show.

    ``plural_count`` is the number of plural forms the language has; a header declaring
    another is unusable.  Problems are logged as warnings naming the file and line, unless
    ``log_issues`` is false (the check command prints them itself).
    """
    if not path.is_file():
        catalog = Catalog({}, issues=[Issue(path, 0, IssueKind.MISSING_FILE)])
    else:
        try:
            catalog = _parse(path, path.read_bytes(), plural_count)
        except Exception as error:  # a broken file must never stop the application
            catalog = Catalog({}, issues=[Issue(path, 0, IssueKind.UNREADABLE, text=str(error))])
    if log_issues:
        _log(path, catalog, report_untranslated)
    return catalog


def _parse(path: Path, raw: bytes, plural_count: int | None) -> Catalog:
    bad_lines: list[int] = []
    lines = list(_decoded(raw, bad_lines))
    header_lines, header = _plural_header(lines)
    expected = plural_count or 2
    rule = plural_rule(header, plural_count)
    reading = _Reading(path, rule or gettext.c2py("n != 1"), rule is not None, expected)
    if rule is None and (header is not None or plural_count is not None):
        reading.issue(
            IssueKind.PLURAL_HEADER,
            header_lines.start + 1 if header_lines else 1,
            text=header or "",
            expected=expected,
        )
    if header_lines and rule is None:
        # Babel would stop at an unreadable header: give it a harmless one instead.
        for index in header_lines:
            lines[index] = ""
        lines[header_lines.start] = f'"Plural-Forms: nplurals={expected}; plural=0;\\n"'
    from desktop.i18n.po_parser import TolerantParser, new_po_catalog

    po = new_po_catalog(DOMAIN)
    parser = TolerantParser(po)
    parser.parse(lines)
    for line in bad_lines:
        reading.issue(IssueKind.ENCODING, line)
    for line, text, words in parser.problems:
        reading.issue(IssueKind.SYNTAX, line, text=text, reason=words)
    extra_forms = parser.extra_forms if reading.plurals_usable else {}
    for message in po:
        if message.id:
            reading.take(message, parser.broken_entries, extra_forms)
    return Catalog(
        reading.messages,
        header if rule is not None and header else ENGLISH_PLURAL,
        issues=sorted(reading.issues, key=lambda issue: issue.line),
        untranslated=reading.untranslated,
        fuzzy=reading.fuzzy,
        lines=reading.lines,
        broken=reading.broken,
    )


def _log(path: Path, catalog: Catalog, report_untranslated: bool) -> None:
    for issue in catalog.issues:
        if issue.kind is IssueKind.MISSING_FILE and not report_untranslated:
            continue  # an optional file (English, the Latin overrides)
        shown = "; shown in English" if issue.message_id else ""
        log.warning("%s: %s%s", issue.where, issue.describe(), shown)
    if report_untranslated and catalog.untranslated:
        lines = ", ".join(str(line) for _key, line in catalog.untranslated[:_SHOWN_LINES])
        log.warning(
            "%s: %d messages have no translation and are shown in English (lines %s%s)",
            path,
            len(catalog.untranslated),
            lines,
            ", …" if len(catalog.untranslated) > _SHOWN_LINES else "",
        )


def transliterated(catalog: Catalog, overrides: Catalog) -> Catalog:
    """Serbian Latin: every Cyrillic translation transliterated, then the Latin overrides."""

    def to_latin(value: Translation) -> Translation:
        if isinstance(value, tuple):
            return tuple(cyrillic_to_latin(form) for form in value)
        return cyrillic_to_latin(value)

    messages = {key: to_latin(value) for key, value in catalog.messages.items()}
    messages.update(overrides.messages)
    return Catalog(
        messages,
        catalog.plural_forms,
        issues=(*catalog.issues, *overrides.issues),
        untranslated=[entry for entry in catalog.untranslated if entry[0] not in messages],
        fuzzy=catalog.fuzzy - messages.keys(),
        lines=catalog.lines,
        broken=(catalog.broken | overrides.broken) - messages.keys(),
    )
