"""An IATI activity file read into plain data, with what could not be mapped as warnings.

A file that is not XML, whose root is not an IATI activity list, or that says it is IATI
2.x and breaks the 2.03 schema is refused with the line of the problem.  An older file
(IATI 1.x, such as IATI's own worked example) is read as far as its elements still mean
what they meant, and whatever has no place in CSO Desk is named in a warning.  The reader
never touches a database: ``desktop.services.iati.importing`` writes what it returns.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from lxml import etree

from desktop.domain.project import PartnerRole, ProjectStatus
from desktop.domain.research import OutputStatus, OutputType
from desktop.domain.results import ResultLevel
from desktop.i18n import _
from desktop.i18n.folding import fold
from desktop.resources import DATA_DIR
from desktop.services.errors import ServiceError
from desktop.services.iati import codes
from desktop.services.iati.text import xml_text

SCHEMA = DATA_DIR / "iati-2.03" / "iati-activities-schema.xsd"
_X = f"{{{codes.CSODESK_NAMESPACE}}}"
Names = dict[str, str]  # our language code ("sr_Latn") -> text


class IatiFileError(ServiceError):
    """A file refused whole; its message names the line."""


@dataclass
class OrganisationData:
    key: str  # the IATI identifier, else the folded first name
    ref: str | None
    names: Names
    acronym: str = ""
    kind: str = ""  # an OrganisationKind value, when the file says
    type_code: str = ""
    funds: bool = False
    line: int = 0


@dataclass
class InstalmentData:
    number: int | None
    due_on: date | None
    received_on: date | None
    amount: Decimal
    line: int


@dataclass
class ExpenditureData:
    spent_on: date
    amount: Decimal
    description: str
    supplier: str
    invoice: str
    original_currency: str
    original_amount: Decimal | None
    rate: Decimal | None
    line: int


@dataclass
class GrantData:
    contract_number: str
    donor: OrganisationData | None
    currency: str
    amount: Decimal
    start: date | None = None
    end: date | None = None
    signed_on: date | None = None
    title: str = ""
    instalments: list[InstalmentData] = field(default_factory=list)
    expenditures: list[ExpenditureData] = field(default_factory=list)
    line: int = 0


@dataclass
class ValueData:
    """A period of an indicator: its actual value, if any (a period may carry only the
    target), and where CSO Desk keeps the period."""

    start: date
    end: date
    value: Decimal | None
    women: Decimal | None
    men: Decimal | None
    label: str
    grant: str
    kind: str
    due_on: date | None
    line: int


@dataclass
class IndicatorData:
    code: str
    names: Names
    unit: str
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    target_year: int | None
    verification: str
    rollup: str
    values: list[ValueData]
    line: int


@dataclass
class ResultData:
    code: str
    level: ResultLevel
    parent: str | None
    names: Names
    assumptions: str
    indicators: list[IndicatorData]
    line: int


@dataclass
class OutputData:
    names: Names
    output_type: OutputType
    status: OutputStatus
    languages: list[str]
    published_on: date | None
    url: str
    doi: str
    authors: str
    publisher: str
    place: str
    isbn: str
    abstract: str
    line: int


@dataclass
class ActivityData:
    code: str
    names: Names
    summary: str
    status: ProjectStatus
    start: date | None
    end: date | None
    lead: OrganisationData | None
    partners: list[tuple[OrganisationData, PartnerRole]]
    places: list[tuple[str, list[str]]]  # (ref, names) of each location
    themes: list[str]  # thematic area codes
    grants: list[GrantData]
    results: list[ResultData]
    outputs: list[OutputData]
    line: int


@dataclass
class IatiDocument:
    activities: list[ActivityData]
    organisations: list[OrganisationData]
    warnings: list[str]


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def read_iati(content: bytes) -> IatiDocument:
    """The activities of an IATI file; raises ``IatiFileError`` for a file refused whole."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise IatiFileError(
            _("The file is not XML (line {line}: {problem}); nothing was imported.").format(
                line=error.lineno or 1, problem=error.msg
            )
        ) from error
    if (
        root is None
        or not isinstance(root.tag, str)
        or root.tag
        not in {
            "iati-activities",
            "iati-activity",
        }
    ):
        tag = root.tag if root is not None and isinstance(root.tag, str) else "?"
        raise IatiFileError(
            _(
                "The file starts with <{tag}> on line {line}, not with <iati-activities>: it "
                "is not an IATI activity file; nothing was imported."
            ).format(tag=etree.QName(tag).localname if tag != "?" else tag, line=root.sourceline)
        )
    reader = _Reader()
    version = root.get("version", "")
    if root.tag == "iati-activities" and version.startswith("2."):
        schema = _schema()
        if not schema.validate(root.getroottree()):
            first = schema.error_log[0]
            raise IatiFileError(
                _(
                    "The file breaks the IATI 2.03 schema (line {line}: {problem}); nothing "
                    "was imported."
                ).format(line=first.line, problem=first.message)
            )
    else:
        reader.warn(
            root,
            _(
                "The file follows an older form of IATI (version {version}), so it was not "
                "checked against the 2.03 schema; what could be read was imported."
            ).format(version=version or "1"),
        )
    activities = [root] if root.tag == "iati-activity" else root.findall("iati-activity")
    found = [reader.activity(element) for element in activities]
    return IatiDocument(
        [activity for activity in found if activity is not None],
        list(reader.organisations.values()),
        reader.warnings,
    )


def _number(text: str | None) -> Decimal | None:
    try:
        value = Decimal((text or "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def _day_of(element: etree._Element, tag: str) -> date | None:
    """The ``iso-date`` of ``element``'s child ``tag``, None when it has none (an older
    file may leave out what 2.03 requires)."""
    child = element.find(tag)
    return _day(child.get("iso-date")) if child is not None else None


def _integer(text: str | None) -> int | None:
    cleaned = (text or "").strip()
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() and len(cleaned) < 10 else None


def _ext(element: etree._Element, name: str) -> str:
    return xml_text(element.get(_X + name))


class _Reader:
    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.organisations: dict[str, OrganisationData] = {}
        self.default_language = "en"
        self.default_currency = "EUR"

    def warn(self, element: etree._Element, message: str) -> None:
        self.warnings.append(
            _("Line {line}: {message}").format(line=element.sourceline or 1, message=message)
        )

    # -- texts ----------------------------------------------------------------------------

    def names(self, elements: list[etree._Element]) -> Names:
        """The texts of ``elements`` (``narrative`` children, or the element's own text as
        IATI 1.x wrote it) by our language; texts in other languages are named in a warning,
        and when there is nothing else the first of them is kept as the English text."""
        found: Names = {}
        others: list[tuple[etree._Element, str, str]] = []
        for element in elements:
            narratives = element.findall("narrative")
            pieces = (
                [(n, n.get(codes.XML_LANG) or element.get(codes.XML_LANG)) for n in narratives]
                if narratives
                else [(element, element.get(codes.XML_LANG))]
            )
            for holder, language in pieces:
                text = xml_text(holder.text)
                if not text:
                    continue
                code = (language or self.default_language).strip()
                ours = codes.LANGUAGES_FROM_XML.get(code.lower())
                if ours is None:
                    others.append((holder, code, text))
                else:
                    found.setdefault(ours, text)
        for holder, code, text in others:
            if not found:
                found["en"] = text
                self.warn(
                    holder,
                    _("A text in the language “{language}” was kept as the English one.").format(
                        language=code
                    ),
                )
            else:
                self.warn(
                    holder,
                    _(
                        "A text in the language “{language}” was left out: CSO Desk keeps "
                        "English, Albanian and Serbian."
                    ).format(language=code),
                )
        return found

    def first_text(self, element: etree._Element | None) -> str:
        if element is None:
            return ""
        names = self.names([element])
        return next(iter(names.values()), "")

    # -- organisations --------------------------------------------------------------------

    def organisation(self, element: etree._Element) -> OrganisationData | None:
        ref = xml_text(element.get("ref"))
        names = self.names([element])
        key = ref or fold(next(iter(names.values()), ""))
        if not key:
            self.warn(element, _("An organisation without identifier or name was left out."))
            return None
        known = self.organisations.get(key)
        if known is None:
            known = OrganisationData(key, ref or None, names, line=element.sourceline or 1)
            self.organisations[key] = known
        for language, text in names.items():
            known.names.setdefault(language, text)
        known.acronym = known.acronym or _ext(element, "acronym")
        known.kind = known.kind or _ext(element, "kind")
        known.type_code = known.type_code or xml_text(element.get("type"))
        return known

    # -- an activity ----------------------------------------------------------------------

    def activity(self, element: etree._Element) -> ActivityData | None:
        self.default_language = element.get(codes.XML_LANG) or "en"
        self.default_currency = xml_text(element.get("default-currency")) or "EUR"
        identifier = xml_text(element.findtext("iati-identifier"))
        reporting = element.find("reporting-org")
        reporter = self.organisation(reporting) if reporting is not None else None
        code = identifier
        if reporter is not None and reporter.ref and code.startswith(reporter.ref + "-"):
            code = code[len(reporter.ref) + 1 :]
        if len(code) > 64:
            self.warn(
                element,
                _("The identifier {identifier} was cut to its last 64 characters.").format(
                    identifier=identifier
                ),
            )
            code = code[-64:]
        names = self.names(element.findall("title"))
        summary = self._summary(element, names)
        starts, ends = self._dates(element)
        lead, partners = self._participants(element)
        activity = ActivityData(
            code=code,
            names=names,
            summary=summary,
            status=self._status(element),
            start=starts,
            end=ends,
            lead=lead,
            partners=partners,
            places=self._places(element),
            themes=self._themes(element),
            grants=[],
            results=self._results(element),
            outputs=[self._output(link) for link in element.findall("document-link")],
            line=element.sourceline or 1,
        )
        activity.grants = _Money(self, element, activity).grants()
        self._unmapped(element)
        return activity

    def _summary(self, element: etree._Element, names: Names) -> str:
        for description in element.findall("description"):
            if _ext(description, "from-title"):
                return ""
            text = self.first_text(description)
            if text:
                return "" if text in names.values() else text
        return ""

    def _status(self, element: etree._Element) -> ProjectStatus:
        status = element.find("activity-status")
        code = xml_text(status.get("code")) if status is not None else ""
        if code in codes.PROJECT_STATUS:
            return codes.PROJECT_STATUS[code]
        self.warn(element, _("The project has no status CSO Desk knows; it was set to planned."))
        return ProjectStatus.PLANNED

    def _dates(self, element: etree._Element) -> tuple[date | None, date | None]:
        days: dict[str, date] = {}
        for activity_date in element.findall("activity-date"):
            kind = xml_text(activity_date.get("type"))
            kind = codes.OLD_DATE_TYPES.get(kind, kind)
            day = _day(activity_date.get("iso-date"))
            if day is not None:
                days.setdefault(kind, day)
        start = days.get(codes.ACTUAL_START) or days.get(codes.PLANNED_START)
        end = days.get(codes.ACTUAL_END) or days.get(codes.PLANNED_END)
        return start, end

    def _participants(
        self, element: etree._Element
    ) -> tuple[OrganisationData | None, list[tuple[OrganisationData, PartnerRole]]]:
        lead: OrganisationData | None = None
        partners: dict[str, tuple[OrganisationData, PartnerRole]] = {}
        for participant in element.findall("participating-org"):
            organisation = self.organisation(participant)
            if organisation is None:
                continue
            role = xml_text(participant.get("role"))
            exact = _ext(participant, "partner-role")
            try:
                partner_role = PartnerRole(exact) if exact else None
            except ValueError:
                partner_role = None
            if role == codes.FUNDING:
                organisation.funds = True
            elif role == codes.ACCOUNTABLE and lead is None:
                lead = organisation
                if partner_role is not None:
                    partners.setdefault(organisation.key, (organisation, partner_role))
            elif role in {codes.ACCOUNTABLE, codes.EXTENDING, codes.IMPLEMENTING}:
                partners.setdefault(
                    organisation.key, (organisation, partner_role or PartnerRole.LOCAL_PARTNER)
                )
        return lead, list(partners.values())

    def _places(self, element: etree._Element) -> list[tuple[str, list[str]]]:
        places = []
        for location in element.findall("location"):
            names = list(self.names(location.findall("name")).values())
            places.append((xml_text(location.get("ref")), names))
        for country in element.findall("recipient-country"):
            if xml_text(country.get("code")) != codes.RECIPIENT_COUNTRY:
                self.warn(
                    country,
                    _(
                        "The recipient country {country} was left out: CSO Desk records work "
                        "in Kosovo's municipalities."
                    ).format(country=xml_text(country.get("code"))),
                )
        return places

    def _themes(self, element: etree._Element) -> list[str]:
        own = [
            xml_text(sector.get("code"))
            for sector in element.findall("sector")
            if sector.get("vocabulary") == codes.OWN_VOCABULARY
        ]
        if own:
            return own
        themes = []
        for sector in element.findall("sector"):
            code = xml_text(sector.get("code"))
            vocabulary = sector.get("vocabulary") or codes.DAC_VOCABULARY
            theme = codes.THEMES_BY_SECTOR.get(code) if vocabulary == codes.DAC_VOCABULARY else None
            if theme is None:
                self.warn(
                    sector,
                    _(
                        "The sector {code} has no thematic area in CSO Desk; it was left out."
                    ).format(code=code),
                )
            elif theme not in themes:
                themes.append(theme)
        return themes

    # -- research and results -------------------------------------------------------------

    def _output(self, link: etree._Element) -> OutputData:
        url = xml_text(link.get("url"))
        doi = ""
        if url.lower().startswith("https://doi.org/"):
            doi, url = url[len("https://doi.org/") :], _ext(link, "url")
        category = link.find("category")
        category_code = xml_text(category.get("code")) if category is not None else ""
        try:
            kind = OutputType(_ext(link, "output-type"))
        except ValueError:
            kind = codes.OUTPUT_TYPES.get(category_code, OutputType.OTHER)
        published = _day_of(link, "document-date")
        try:
            status = OutputStatus(_ext(link, "status"))
        except ValueError:
            status = OutputStatus.PUBLISHED if published else OutputStatus.DRAFTING
        names = self.names(link.findall("title"))
        if not names:
            names = {"en": url or doi or _("Untitled document")}
        return OutputData(
            names=names,
            output_type=kind,
            status=status,
            languages=[xml_text(x.get("code")) for x in link.findall("language")],
            published_on=published,
            url=url,
            doi=doi,
            authors=_ext(link, "authors"),
            publisher=_ext(link, "publisher"),
            place=_ext(link, "place"),
            isbn=_ext(link, "isbn"),
            abstract=self.first_text(link.find("description")),
            line=link.sourceline or 1,
        )

    def _results(self, element: etree._Element) -> list[ResultData]:
        results = []
        for number, result in enumerate(element.findall("result"), start=1):
            code = _ext(result, "code") or f"R{number}"
            try:
                level = ResultLevel(_ext(result, "level"))
            except ValueError:
                level = codes.RESULT_LEVELS.get(xml_text(result.get("type")), ResultLevel.OUTPUT)
            indicators = [
                self._indicator(indicator, f"{code}.{index}")
                for index, indicator in enumerate(result.findall("indicator"), start=1)
            ]
            results.append(
                ResultData(
                    code=code,
                    level=level,
                    parent=_ext(result, "parent") or None,
                    names=self.names(result.findall("title")),
                    assumptions=_ext(result, "assumptions"),
                    indicators=indicators,
                    line=result.sourceline or 1,
                )
            )
        for result in element.findall(_X + "result"):
            try:
                level = ResultLevel(_ext(result, "level"))
            except ValueError:
                continue
            results.append(
                ResultData(
                    code=_ext(result, "code"),
                    level=level,
                    parent=_ext(result, "parent") or None,
                    names=self.names([result]),
                    assumptions=_ext(result, "assumptions"),
                    indicators=[],
                    line=result.sourceline or 1,
                )
            )
        return results

    def _indicator(self, element: etree._Element, fallback_code: str) -> IndicatorData:
        baseline = element.find("baseline")
        baseline_value = _number(baseline.get("value")) if baseline is not None else None
        baseline_year = _integer(baseline.get("year")) if baseline is not None else None
        if baseline is not None and _ext(baseline, "year-given") == "false":
            baseline_year = None
        target: Decimal | None = None
        values = []
        for period in element.findall("period"):
            for target_element in period.findall("target"):
                target = _number(target_element.get("value")) or target
            value = self._value(period)
            if value is not None:
                values.append(value)
        return IndicatorData(
            code=_ext(element, "code") or fallback_code,
            names=self.names(element.findall("title")),
            unit=_ext(element, "unit"),
            baseline=baseline_value,
            baseline_year=baseline_year,
            target=target,
            target_year=_integer(_ext(element, "target-year")),
            verification=self.first_text(element.find("description")),
            rollup=_ext(element, "rollup"),
            values=values,
            line=element.sourceline or 1,
        )

    def _value(self, period: etree._Element) -> ValueData | None:
        start, end = _day_of(period, "period-start"), _day_of(period, "period-end")
        total: Decimal | None = None
        by_sex: dict[str, Decimal | None] = {}
        for actual in period.findall("actual"):
            dimensions = {
                xml_text(d.get("name")): xml_text(d.get("value"))
                for d in actual.findall("dimension")
            }
            number = _number(actual.get("value"))
            if not dimensions:
                total = number if total is None else total
            elif set(dimensions) == {codes.SEX_DIMENSION}:
                by_sex[dimensions[codes.SEX_DIMENSION]] = number
        if start is None or end is None or (total is None and period.find("target") is None):
            return None
        return ValueData(
            start=start,
            end=end,
            value=total,
            women=by_sex.get(codes.FEMALE),
            men=by_sex.get(codes.MALE),
            label=_ext(period, "label"),
            grant=_ext(period, "grant"),
            kind=_ext(period, "kind"),
            due_on=_day(_ext(period, "due-on")),
            line=period.sourceline or 1,
        )

    def _unmapped(self, element: etree._Element) -> None:
        """A warning for each kind of element CSO Desk has no place for."""
        handled = {
            "iati-identifier",
            "reporting-org",
            "title",
            "description",
            "participating-org",
            "activity-status",
            "activity-date",
            "recipient-country",
            "location",
            "sector",
            "budget",
            "planned-disbursement",
            "transaction",
            "document-link",
            "result",
        }
        seen: set[str] = set()
        for child in element:
            if not isinstance(child.tag, str) or child.tag.startswith(_X):
                continue
            if child.tag not in handled and child.tag not in seen:
                seen.add(child.tag)
                self.warn(
                    child,
                    _("<{element}> has no place in CSO Desk and was left out.").format(
                        element=child.tag
                    ),
                )


class _Money:
    """An activity's grants from its budgets and incoming commitments, with the instalments
    (incoming funds, planned disbursements) and expenditures of each."""

    def __init__(self, reader: _Reader, element: etree._Element, activity: ActivityData) -> None:
        self.reader = reader
        self.element = element
        self.activity = activity
        self.grants_by_number: dict[str, GrantData] = {}

    def grants(self) -> list[GrantData]:
        for budget in self.element.findall("budget"):
            self._budget(budget)
        transactions = self.element.findall("transaction")
        kinds = [(t, self._kind(t)) for t in transactions]
        # A grant is committed and paid to the project: received, in the recipient's file
        # (11, 1); given, in the donor's own (2, 3, named by CSO Desk's grant number, or
        # paid by a grant's donor).  Money the reporter passes on to others is not a grant.
        for transaction, kind in kinds:
            if kind == codes.INCOMING_COMMITMENT:
                self._commitment(transaction, outgoing=False)
            elif kind == codes.OUTGOING_COMMITMENT and _ext(transaction, "grant"):
                self._commitment(transaction, outgoing=True)
        for transaction, kind in kinds:
            paid_into = self._paid_into(transaction) if kind == codes.DISBURSEMENT else None
            if kind == codes.INCOMING_FUNDS or paid_into is not None:
                self._funds(transaction, paid_into)
            elif kind == codes.EXPENDITURE:
                self._expenditure(transaction)
            elif kind != codes.INCOMING_COMMITMENT:
                self.reader.warn(
                    transaction,
                    _(
                        "A transaction of type {kind} was left out: CSO Desk records the "
                        "grants an organisation receives and what it spends of them."
                    ).format(kind=kind or "?"),
                )
        for planned in self.element.findall("planned-disbursement"):
            self._planned(planned)
        kept = []
        for grant in self.grants_by_number.values():
            if grant.donor is None:
                self.reader.warn(
                    self.element,
                    _("The grant {number} names no donor; it was left out.").format(
                        number=grant.contract_number
                    ),
                )
            else:
                kept.append(grant)
        return kept

    def _kind(self, transaction: etree._Element) -> str:
        element = transaction.find("transaction-type")
        if element is not None:
            return xml_text(element.get("code"))
        old = f"{transaction.get('flow', '')} {transaction.get('type', '')}".strip().lower()
        if old in {"incoming contribution", "incoming funds"}:
            return codes.INCOMING_FUNDS
        return codes.OLD_TRANSACTION_TYPES.get(xml_text(transaction.get("type")).lower(), "")

    def _value(self, element: etree._Element) -> tuple[Decimal | None, str, date | None]:
        value = element.find("value")
        if value is None:
            return None, self.reader.default_currency, None
        currency = xml_text(value.get("currency")) or self.reader.default_currency
        return _number(value.text), currency, _day(value.get("value-date"))

    def _budget(self, budget: etree._Element) -> None:
        number = _ext(budget, "grant")
        if not number:
            self.reader.warn(
                budget,
                _("A budget was left out: CSO Desk takes a grant's amount from its commitment."),
            )
            return
        amount, currency, day = self._value(budget)
        grant = self._grant(number, budget, amount, currency)
        if grant is not None:
            grant.start = _day_of(budget, "period-start")
            grant.end = _day_of(budget, "period-end")
            grant.title = _ext(budget, "title")
            grant.signed_on = grant.signed_on or day

    def _grant(
        self, number: str, element: etree._Element, amount: Decimal | None, currency: str
    ) -> GrantData | None:
        grant = self.grants_by_number.get(number)
        if grant is None:
            if amount is None:
                self.reader.warn(element, _("An amount that is not a number was left out."))
                return None
            grant = GrantData(number, None, currency, amount, line=element.sourceline or 1)
            self.grants_by_number[number] = grant
        return grant

    def _provider(
        self, transaction: etree._Element, outgoing: bool = False
    ) -> OrganisationData | None:
        """The organisation the money comes from; in a donor's own file an outgoing
        transaction may leave it unsaid, as the reporting organisation."""
        provider = transaction.find("provider-org")
        if provider is None and outgoing:
            provider = self.element.find("reporting-org")
        if provider is None:
            return None
        organisation = self.reader.organisation(provider)
        if organisation is not None:
            organisation.funds = True
        return organisation

    def _commitment(self, transaction: etree._Element, outgoing: bool) -> None:
        amount, currency, _day_of_value = self._value(transaction)
        number = _ext(transaction, "grant") or xml_text(transaction.get("ref"))
        number = number or f"{self.activity.code}/{len(self.grants_by_number) + 1}"
        grant = self._grant(number, transaction, amount, currency)
        if grant is None:
            return
        if amount is not None:
            grant.amount = amount
        grant.donor = self._provider(transaction, outgoing) or grant.donor
        grant.signed_on = _day_of(transaction, "transaction-date") or grant.signed_on

    def _grant_of(self, transaction: etree._Element) -> GrantData | None:
        """The grant a transaction belongs to: named by CSO Desk, else the one of its
        provider, else the activity's only grant; a new grant for a provider with none."""
        number = _ext(transaction, "grant")
        if number in self.grants_by_number:
            return self.grants_by_number[number]
        provider = self._provider(transaction)
        for grant in self.grants_by_number.values():
            if provider is not None and grant.donor is provider:
                return grant
        if provider is None and len(self.grants_by_number) == 1:
            return next(iter(self.grants_by_number.values()))
        if provider is None:
            return None
        currency = self._value(transaction)[1]
        number = f"{self.activity.code}/{len(self.grants_by_number) + 1}"
        grant = self._grant(number, transaction, Decimal(0), currency)
        if grant is not None:
            grant.donor = provider
        return grant

    def _paid_into(self, transaction: etree._Element) -> GrantData | None:
        """The grant a donor's disbursement pays into: the one CSO Desk named, else the one
        whose donor pays (the reporting organisation when the file does not say)."""
        number = _ext(transaction, "grant")
        if number:
            return self.grants_by_number.get(number)
        provider = self._provider(transaction, outgoing=True)
        return next(
            (g for g in self.grants_by_number.values() if provider and g.donor is provider),
            None,
        )

    def _funds(self, transaction: etree._Element, grant: GrantData | None = None) -> None:
        grant = grant or self._grant_of(transaction)
        amount, _currency, value_day = self._value(transaction)
        day = _day_of(transaction, "transaction-date") or value_day
        if grant is None or amount is None or day is None:
            self.reader.warn(transaction, _("Incoming funds of no known grant were left out."))
            return
        if not _ext(transaction, "grant") and grant.amount < sum(
            (i.amount for i in grant.instalments), amount
        ):
            grant.amount = sum((i.amount for i in grant.instalments), amount)
        grant.instalments.append(
            InstalmentData(
                _integer(_ext(transaction, "instalment")),
                _day(_ext(transaction, "due-on")),
                day,
                amount,
                transaction.sourceline or 1,
            )
        )

    def _planned(self, planned: etree._Element) -> None:
        number = _ext(planned, "grant")
        grant = self.grants_by_number.get(number) if number else None
        amount, _currency, _value_day = self._value(planned)
        if grant is None or amount is None:
            self.reader.warn(
                planned,
                _("A planned disbursement was left out: it belongs to no grant CSO Desk knows."),
            )
            return
        grant.instalments.append(
            InstalmentData(
                _integer(_ext(planned, "instalment")),
                _day_of(planned, "period-start"),
                None,
                amount,
                planned.sourceline or 1,
            )
        )

    def _expenditure(self, transaction: etree._Element) -> None:
        grant = self._grant_of(transaction)
        amount, currency, value_day = self._value(transaction)
        day = _day_of(transaction, "transaction-date") or value_day
        if grant is None or amount is None or day is None:
            self.reader.warn(transaction, _("An expenditure of no known grant was left out."))
            return
        grant.expenditures.append(
            ExpenditureData(
                spent_on=day,
                amount=amount,
                description=self.reader.first_text(transaction.find("description"))
                or _("Expenditure"),
                supplier=self.reader.first_text(transaction.find("receiver-org")),
                invoice=xml_text(transaction.get("ref")),
                original_currency=_ext(transaction, "original-currency") or currency,
                original_amount=_number(_ext(transaction, "original-amount")),
                rate=_number(_ext(transaction, "rate")),
                line=transaction.sourceline or 1,
            )
        )
