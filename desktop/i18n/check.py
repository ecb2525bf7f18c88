"""``csodesk i18n check``: how far each catalog is translated, and what in it is broken.

A translator runs it after saving: it counts the translated, untranslated and fuzzy
messages of each language and lists every error with its file and line — a placeholder
left out or added, a wrong number of plural forms, a syntax error, a bad Plural-Forms
header.  Errors are what the application would drop (showing English), so they fail the
check; untranslated messages are only counted, unless ``strict`` (``make test``) demands
complete catalogs.  The catalogs are read exactly as the application reads them.
"""

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from desktop.i18n import _, language, ngettext
from desktop.i18n.catalog import (
    DOMAIN,
    PLURAL_COUNTS,
    QUOTES_EXPECTED,
    Catalog,
    Issue,
    IssueKind,
    MessageKey,
    context_key,
    po_path,
    read_catalog,
)
from desktop.i18n.translator import load_catalog
from desktop.i18n.translit import contains_cyrillic

CHECKED = ("sq", "sr", "sr_Latn")  # the languages translators fill (Latin: from Cyrillic)
_SHOWN_PER_LANGUAGE = 5
_SHOWN_LENGTH = 60


@dataclass(frozen=True)
class Coverage:
    """How much of the template one language translates."""

    code: str
    path: Path
    total: int
    translated: int
    fuzzy: tuple[tuple[str, int], ...]  # (English, line)
    untranslated: tuple[tuple[str, int], ...]  # (English, line; 0 if not in the file yet)
    broken: tuple[tuple[str, int], ...]  # translated, but dropped for an error

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


@dataclass(frozen=True)
class CheckResult:
    folder: Path
    coverage: tuple[Coverage, ...]
    errors: tuple[Issue, ...]

    @property
    def complete(self) -> bool:
        return all(coverage.complete for coverage in self.coverage)

    def passed(self, strict: bool = False) -> bool:
        """No errors; with ``strict``, nothing left untranslated or fuzzy either."""
        return not self.errors and (self.complete or not strict)


def template_path(i18n_dir: Path) -> Path:
    return i18n_dir / f"{DOMAIN}.pot"


def check_catalogs(i18n_dir: Path | None = None) -> CheckResult:
    """Read the template and every translated catalog as the application would."""
    from desktop import resources

    folder = i18n_dir or resources.i18n_dir()
    template_file = template_path(folder)
    if not template_file.is_file():
        return CheckResult(folder, (), (Issue(template_file, 0, IssueKind.MISSING_FILE),))
    with template_file.open("rb") as handle:
        template = [message for message in read_po(handle) if message.id]
    coverage, errors = [], []
    for code in CHECKED:
        catalog = load_catalog(folder, code, log_issues=False)
        coverage.append(_coverage(folder, code, catalog, template))
        errors.extend(catalog.issues)
    errors.extend(_latin_in_cyrillic(folder))
    unique = dict.fromkeys(issue for issue in errors if _is_error(issue))
    return CheckResult(folder, tuple(coverage), tuple(unique))


def _is_error(issue: Issue) -> bool:
    # The Latin overrides file may be left out: Serbian Latin comes from the Cyrillic.
    return not (issue.kind is IssueKind.MISSING_FILE and issue.path.parent.parent.name == "sr_Latn")


def _coverage(folder: Path, code: str, catalog: Catalog, template: list[Message]) -> Coverage:
    own = "sr" if code == "sr_Latn" else code  # Latin is as complete as the Cyrillic
    translated, fuzzy, untranslated, broken = 0, [], [], []
    for message in template:
        key = _key(message)
        english = _english(message)
        line = catalog.lines.get(key, 0)
        if key in catalog.messages:
            translated += 1
        elif key in catalog.fuzzy:
            fuzzy.append((english, line))
        elif key in catalog.broken:
            broken.append((english, line))
        else:
            untranslated.append((english, line))
    return Coverage(
        code,
        po_path(folder, own),
        len(template),
        translated,
        tuple(fuzzy),
        tuple(untranslated),
        tuple(broken),
    )


def _latin_in_cyrillic(folder: Path) -> list[Issue]:
    path = po_path(folder, "sr_Latn")
    overrides = read_catalog(path, PLURAL_COUNTS["sr_Latn"], log_issues=False)
    return [
        Issue(path, overrides.lines.get(key, 0), IssueKind.CYRILLIC, message_id=_readable(key))
        for key, value in overrides.messages.items()
        if any(contains_cyrillic(form) for form in ((value,) if isinstance(value, str) else value))
    ]


def _english(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _key(message: Message) -> MessageKey:
    english = _english(message)
    return context_key(message.context, english) if message.context else english


def _readable(key: MessageKey) -> str:
    return key.split("\x04")[-1]


def report(result: CheckResult, strict: bool = False) -> list[str]:
    """The check's result as lines for a translator, in the interface language."""
    lines = [
        ngettext(
            "Translation catalogs in {folder}: the application has {count} message.",
            "Translation catalogs in {folder}: the application has {count} messages.",
            result.coverage[0].total if result.coverage else 0,
        ).format(folder=result.folder, count=result.coverage[0].total if result.coverage else 0)
    ]
    lines.extend(_coverage_line(coverage) for coverage in result.coverage)
    if result.errors:
        lines.append("")
        lines.append(_("Errors (the application shows these messages in English):"))
        lines.extend(f"  {issue.where}: {describe(issue)}" for issue in result.errors)
    for coverage in result.coverage:
        if coverage.code != "sr_Latn":
            lines.extend(_unfinished(coverage))
    lines.append("")
    lines.append(_verdict(result, strict))
    return lines


def _coverage_line(coverage: Coverage) -> str:
    untranslated = len(coverage.untranslated)
    return "  " + _(
        "{language} ({code}): {translated} of {total} translated ({percent}%), "
        "{untranslated} untranslated, {fuzzy} fuzzy, {broken} with errors"
    ).format(
        language=language(coverage.code).native_name,
        code=coverage.code,
        translated=coverage.translated,
        total=coverage.total,
        percent=int(coverage.share * 100),
        untranslated=untranslated,
        fuzzy=len(coverage.fuzzy),
        broken=len(coverage.broken),
    )


def _unfinished(coverage: Coverage) -> list[str]:
    lines: list[str] = []
    entries = [
        *((True, english, line) for english, line in coverage.fuzzy),
        *((False, english, line) for english, line in coverage.untranslated),
    ]
    if not entries:
        return lines
    lines.append("")
    lines.append(
        _("Still to translate in {language} ({code}):").format(
            language=language(coverage.code).native_name, code=coverage.code
        )
    )
    for fuzzy, english, line in entries[:_SHOWN_PER_LANGUAGE]:
        lines.append("  " + _unfinished_entry(coverage.path, line, english, fuzzy))
    if len(entries) > _SHOWN_PER_LANGUAGE:
        more = len(entries) - _SHOWN_PER_LANGUAGE
        lines.append(
            "  " + ngettext("… and {count} more.", "… and {count} more.", more).format(count=more)
        )
    return lines


def _unfinished_entry(path: Path, line: int, english: str, fuzzy: bool) -> str:
    message = _shortened(english)
    if not line:
        return _("{where}: not in the file yet (run make i18n): “{message}”").format(
            where=path, message=message
        )
    where = f"{path}:{line}"
    if fuzzy:
        return _("{where}: marked fuzzy, to review: “{message}”").format(
            where=where, message=message
        )
    return _("{where}: not translated: “{message}”").format(where=where, message=message)


def _verdict(result: CheckResult, strict: bool) -> str:
    if result.errors:
        count = len(result.errors)
        return ngettext("{count} error to correct.", "{count} errors to correct.", count).format(
            count=count
        )
    unfinished = sum(
        len(coverage.untranslated) + len(coverage.fuzzy)
        for coverage in result.coverage
        if coverage.code != "sr_Latn"
    )
    if not unfinished:
        return _("All translation catalogs are complete and valid.")
    if strict:
        return ngettext(
            "No errors, but {count} message is not translated yet: the catalogs must be complete.",
            "No errors, but {count} messages are not translated yet: the catalogs must be "
            "complete.",
            unfinished,
        ).format(count=unfinished)
    return ngettext(
        "No errors; {count} message is not translated yet and shows in English.",
        "No errors; {count} messages are not translated yet and show in English.",
        unfinished,
    ).format(count=unfinished)


def _shortened(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_LENGTH else flat[: _SHOWN_LENGTH - 1] + "…"


def _syntax_error(issue: Issue) -> str:
    """Babel's words for a syntax error, put in a translator's terms."""
    line = issue.text
    if issue.reason == QUOTES_EXPECTED:
        return _("a text must start and end with a double quote: {line}").format(line=line)
    if issue.reason.startswith("Unknown or misformatted keyword"):
        return _("this line should start with msgid, msgstr or msgctxt: {line}").format(line=line)
    if issue.reason.startswith("Got line starting with"):
        return _("a quoted line outside msgid, msgstr or msgctxt: {line}").format(line=line)
    if issue.reason.startswith("missing msgstr"):
        return _("the entry has no msgstr line")
    if issue.reason.startswith("cannot parse po file with conflicts"):
        return _("a merge conflict left in the file: {line}").format(line=line)
    return _("syntax error: {problem}").format(problem=f"{issue.reason} {line}".strip())


def describe(issue: Issue) -> str:
    """One problem in the interface language, for a translator."""
    message = _shortened(issue.message_id)
    match issue.kind:
        case IssueKind.MISSING_FILE:
            return _("the file is missing")
        case IssueKind.UNREADABLE:
            return _("the file cannot be read: {error}").format(error=issue.text)
        case IssueKind.SYNTAX:
            return _syntax_error(issue)
        case IssueKind.ENCODING:
            return _("characters that are not UTF-8: save the file as UTF-8")
        case IssueKind.PLURAL_HEADER:
            return ngettext(
                "the Plural-Forms header “{header}” is not a valid rule with {count} form",
                "the Plural-Forms header “{header}” is not a valid rule with {count} forms",
                issue.expected,
            ).format(header=issue.text, count=issue.expected)
        case IssueKind.PLURAL_COUNT:
            return ngettext(
                "“{message}” has {found} plural forms; the language has {count}",
                "“{message}” has {found} plural forms; the language has {count}",
                issue.expected,
            ).format(message=message, found=issue.found, count=issue.expected)
        case IssueKind.EMPTY_FORM:
            return _("“{message}”: a plural form is empty").format(message=message)
        case IssueKind.CYRILLIC:
            return _("“{message}”: Cyrillic letters in the Latin catalog").format(message=message)
        case IssueKind.PLACEHOLDERS:
            return _(
                "“{message}”: the placeholders differ from the English "
                "(missing: {missing}; not in the English: {added})"
            ).format(
                message=message,
                missing=", ".join(f"{{{name}}}" for name in issue.missing) or "—",
                added=", ".join(f"{{{name}}}" for name in issue.added) or "—",
            )
    return issue.describe()
