"""The organisation's projects as one IATI 2.03 activity file.

One ``iati-activity`` per project the organisation leads, takes part in or funds, its
elements in the order the schema's sequence demands (lxml writes what it is given; the
schema refuses a file whose elements come out of order).  Every code comes from
``desktop.services.iati.codes``; every text passes ``xml_text``, so nothing a user typed
stops the file from being written.  Only approved indicator values go out: the file is
public, and a value reaches a donor only once a manager approved it.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.grant import Expenditure, Grant
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.domain.organisation import Organisation
from desktop.domain.period import ReportingPeriod
from desktop.domain.project import Project, ProjectPartner, ProjectStatus
from desktop.domain.research import ResearchOutput
from desktop.domain.results import Indicator, IndicatorValue, Result, ValueStatus
from desktop.i18n import N_, _, current_language
from desktop.i18n.collation import sort_key_for
from desktop.services.base import Service
from desktop.services.errors import NotFoundError, RefusedError
from desktop.services.export import write_atomically
from desktop.services.iati import codes
from desktop.services.iati.text import decimal_text, xml_text
from desktop.services.permissions import Permission, requires
from desktop.services.scope import scope_condition

_X = f"{{{codes.CSODESK_NAMESPACE}}}"
# Undated outputs after the dated ones on SQLite and PostgreSQL alike (they place NULLs
# differently), so a file reads back into either in the same order.
_UNDATED_LAST = func.coalesce(ResearchOutput.published_on, date(9999, 12, 31))
_CYRILLIC = frozenset(chr(code) for code in range(0x0400, 0x0530))


@dataclass(frozen=True)
class IatiFile:
    """The file's bytes, how many activities it holds and whose identifier it carries."""

    content: bytes
    activities: int
    reporting_ref: str


@dataclass(frozen=True)
class ReportingOrganisation:
    """An organisation whose file would hold projects: it leads, takes part in or funds
    one the user sees.  ``derived_ref`` is the identifier its registration number gives
    (None without one); ``projects_led`` lets a form offer the office itself first."""

    id: int
    name: str
    acronym: str | None
    derived_ref: str | None
    projects: int
    projects_led: int


def organisation_ref(organisation: Organisation) -> str | None:
    """The IATI identifier derived from the registration number (``REGISTRATION_PREFIX``),
    or None when the organisation has none."""
    number = "".join((organisation.registration_number or "").split())
    return f"{codes.REGISTRATION_PREFIX}{number}" if number else None


class IatiExportService(Service):
    @requires(Permission.READ_RECORDS)
    def find_organisation(self, key: str) -> int:
        """The organisation ``key`` names: its UUID (as ``csodesk list organisations``
        shows it), its acronym (any case) or its number."""
        text = key.strip()
        wanted = text.casefold()
        with self.unit_of_work(read_only=True) as session:
            found = [
                organisation_id
                for organisation_id, acronym, uuid in session.execute(
                    select(Organisation.id, Organisation.acronym, Organisation.uuid)
                )
                if text
                and (
                    (acronym or "").strip().casefold() == wanted
                    or str(uuid) == wanted
                    or str(organisation_id) == text
                )
            ]
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(
                _(
                    "No organisation is known as “{key}”; give its acronym or its key as "
                    "csodesk list organisations shows them."
                ).format(key=key)
            )
        raise RefusedError(
            _("Several organisations are known as “{key}”; give the key instead.").format(key=key)
        )

    @requires(Permission.READ_RECORDS)
    def export(
        self,
        organisation_id: int,
        org_ref: str | None = None,
        generated: datetime | None = None,
    ) -> IatiFile:
        """The organisation's projects as an IATI activity file; ``org_ref`` is its IATI
        organisation identifier when it has one of its own (otherwise it is derived)."""
        with self.unit_of_work(read_only=True) as session:
            organisation = session.get(Organisation, organisation_id)
            if organisation is None:
                raise NotFoundError(_("The organisation was not found; it may have been deleted."))
            reporting_ref = xml_text(org_ref) or organisation_ref(organisation)
            if not reporting_ref:
                raise RefusedError(
                    _(
                        "{organisation} has no registration number to build its IATI "
                        "identifier from: enter it, or give the identifier with --org-ref."
                    ).format(organisation=organisation.name(current_language()))
                )
            projects = self._projects(session, organisation_id)
            if not projects:
                raise RefusedError(
                    _(
                        "{organisation} leads, takes part in or funds no project, so there "
                        "is nothing to publish."
                    ).format(organisation=organisation.name(current_language()))
                )
            moment = (generated or datetime.now(UTC)).replace(microsecond=0)
            root = etree.Element(
                "iati-activities",
                nsmap={"csodesk": codes.CSODESK_NAMESPACE},
                attrib={"version": codes.IATI_VERSION, "generated-datetime": moment.isoformat()},
            )
            writer = _ActivityWriter(session, organisation, reporting_ref)
            for project in projects:
                root.append(writer.activity(project))
            content = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", pretty_print=True
            )
            return IatiFile(content, len(projects), reporting_ref)

    @requires(Permission.READ_RECORDS)
    def write(self, organisation_id: int, path: Path, org_ref: str | None = None) -> IatiFile:
        """``export`` written to ``path`` whole or not at all: a file that could not be
        written (a full disk, a folder without the right to write) leaves no half file."""
        written = self.export(organisation_id, org_ref)
        write_atomically(
            path,
            lambda partial: partial.write_bytes(written.content),
            # L10N: {reason} is the system's own words, such as "Permission denied"
            N_("The IATI file could not be written to {path}: {reason}"),
        )
        return written

    @requires(Permission.READ_RECORDS)
    def reporting_organisations(self, language: str) -> list[ReportingOrganisation]:
        """The organisations whose file would not be empty, by name in ``language``."""
        visible = select(Project.id, Project.lead_organisation_id).where(
            Project.archived_at.is_(None), scope_condition(self.actor, Project.id)
        )
        projects: defaultdict[int, set[int]] = defaultdict(set)
        led: Counter[int] = Counter()
        with self.unit_of_work(read_only=True) as session:
            shown: dict[int, int | None] = {row[0]: row[1] for row in session.execute(visible)}
            for project_id, lead in shown.items():
                if lead is not None:
                    projects[lead].add(project_id)
                    led[lead] += 1
            taking_part = session.execute(
                select(ProjectPartner.project_id, ProjectPartner.organisation_id)
            ).all()
            funding = session.execute(
                select(Grant.project_id, Grant.donor_id).where(Grant.archived_at.is_(None))
            ).all()
            for project_id, organisation_id in (*taking_part, *funding):
                if project_id in shown and organisation_id is not None:
                    projects[organisation_id].add(project_id)
            organisations = session.scalars(
                select(Organisation).where(
                    Organisation.id.in_(list(projects)), Organisation.archived_at.is_(None)
                )
            ).all()
            found = [
                ReportingOrganisation(
                    id=organisation.id,
                    name=organisation.name(language),
                    acronym=organisation.acronym or None,
                    derived_ref=organisation_ref(organisation),
                    projects=len(projects[organisation.id]),
                    projects_led=led[organisation.id],
                )
                for organisation in organisations
            ]
        key = sort_key_for(language)
        return sorted(found, key=lambda row: key(row.name))

    def _projects(self, session: Session, organisation_id: int) -> list[Project]:
        partner = select(ProjectPartner.project_id).where(
            ProjectPartner.organisation_id == organisation_id
        )
        donor = select(Grant.project_id).where(
            Grant.donor_id == organisation_id, Grant.archived_at.is_(None)
        )
        statement = (
            select(Project)
            .where(
                or_(
                    Project.lead_organisation_id == organisation_id,
                    Project.id.in_(partner),
                    Project.id.in_(donor),
                ),
                Project.archived_at.is_(None),
                scope_condition(self.actor, Project.id),
            )
            .order_by(Project.code)
        )
        return list(session.scalars(statement))


def _narratives(parent: etree._Element, names: dict[str, str | None]) -> int:
    """One ``narrative`` per language entered, in NAME_LANGUAGES' order; how many."""
    written = 0
    for language in NAME_LANGUAGES:
        text = xml_text(names.get(language))
        if text:
            narrative = etree.SubElement(parent, "narrative")
            narrative.set(codes.XML_LANG, codes.XML_LANGUAGES[language])
            narrative.text = text
            written += 1
    return written


def _narrative(parent: etree._Element, text: str, language: str | None = None) -> None:
    narrative = etree.SubElement(parent, "narrative")
    if language:
        narrative.set(codes.XML_LANG, language)
    narrative.text = text


def _summary_language(text: str) -> str:
    """The language a project's summary (kept in one language) is most likely written in:
    Serbian when it has Cyrillic letters, Albanian when it has ë or ç, else English."""
    if any(char in _CYRILLIC for char in text):
        return "sr"
    lowered = text.casefold()
    return "sq" if "ë" in lowered or "ç" in lowered else "en"


def _date(parent: etree._Element, tag: str, day: date) -> None:
    etree.SubElement(parent, tag, {"iso-date": day.isoformat()})


def _value(parent: etree._Element, amount: Decimal, currency: str, day: date) -> None:
    value = etree.SubElement(parent, "value", {"currency": currency, "value-date": day.isoformat()})
    value.text = decimal_text(amount)


def _set_extension(element: etree._Element, name: str, value: object) -> None:
    if value is not None and xml_text(str(value)):
        element.set(_X + name, xml_text(str(value)))


class _ActivityWriter:
    """Builds one project's ``iati-activity``."""

    def __init__(self, session: Session, organisation: Organisation, reporting_ref: str) -> None:
        self.session = session
        self.organisation = organisation
        self.reporting_ref = reporting_ref

    def activity(self, project: Project) -> etree._Element:
        grants = list(
            self.session.scalars(
                select(Grant)
                .where(Grant.project_id == project.id, Grant.archived_at.is_(None))
                .order_by(Grant.start_date, Grant.contract_number)
            )
        )
        activity = etree.Element(
            "iati-activity",
            {
                "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
                codes.XML_LANG: "en",
                "default-currency": grants[0].currency if grants else "EUR",
            },
        )
        identifier = etree.SubElement(activity, "iati-identifier")
        identifier.text = f"{self.reporting_ref}-{xml_text(project.code)}"
        self._reporting_org(activity)
        title = etree.SubElement(activity, "title")
        if not _narratives(title, project.names()):
            _narrative(title, xml_text(project.code))
        self._description(activity, project)
        self._participants(activity, project, grants)
        etree.SubElement(activity, "activity-status", code=codes.ACTIVITY_STATUS[project.status])
        self._dates(activity, project)
        etree.SubElement(activity, "recipient-country", code=codes.RECIPIENT_COUNTRY)
        for place in project.municipalities:
            self._location(activity, place.code, place.names())
        self._sectors(activity, project)
        for grant in grants:
            self._budget(activity, grant)
        for grant in grants:
            self._planned_instalments(activity, grant)
        for grant in grants:
            self._transactions(activity, grant)
        self._documents(activity, project)
        self._results(activity, project, grants)
        return activity

    # -- organisations ----------------------------------------------------------------------

    def _reporting_org(self, activity: etree._Element) -> None:
        kind = codes.ORGANISATION_TYPES[self.organisation.kind] or codes.REPORTING_TYPE_FALLBACK
        element = etree.SubElement(
            activity, "reporting-org", {"ref": self.reporting_ref, "type": kind}
        )
        self._organisation_names(element, self.organisation)

    def _organisation_names(self, element: etree._Element, organisation: Organisation) -> None:
        _set_extension(element, "acronym", organisation.acronym)
        _set_extension(element, "kind", organisation.kind.value)
        if not _narratives(element, organisation.names()):
            _narrative(element, xml_text(organisation.acronym) or str(organisation.uuid))

    def _org_ref(self, organisation: Organisation) -> str | None:
        if organisation.id == self.organisation.id:
            return self.reporting_ref
        return organisation_ref(organisation)

    def _participant(
        self,
        activity: etree._Element,
        organisation: Organisation,
        role: str,
        partner_role: str | None = None,
    ) -> None:
        attributes = {"role": role}
        ref = self._org_ref(organisation)
        if ref:
            attributes["ref"] = ref
        kind = codes.ORGANISATION_TYPES[organisation.kind]
        if kind:
            attributes["type"] = kind
        element = etree.SubElement(activity, "participating-org", attributes)
        _set_extension(element, "partner-role", partner_role)
        self._organisation_names(element, organisation)

    def _participants(
        self, activity: etree._Element, project: Project, grants: list[Grant]
    ) -> None:
        """Donors (Funding), then the lead (Accountable), then the partners (each in the
        role ``PARTNER_ROLES`` gives it); at least one is written, as the schema asks."""
        donors: dict[int, Organisation] = {}
        for grant in grants:
            donors.setdefault(grant.donor_id, grant.donor)
        for donor in donors.values():
            self._participant(activity, donor, codes.FUNDING)
        roles = {partner.organisation_id: partner.role for partner in project.partners}
        lead = project.lead_organisation
        if lead is not None:
            role = roles.get(lead.id)
            self._participant(activity, lead, codes.ACCOUNTABLE, role.value if role else "")
        for partner in project.partners:
            if lead is not None and partner.organisation_id == lead.id:
                continue
            self._participant(
                activity,
                partner.organisation,
                codes.PARTNER_ROLES[partner.role],
                partner.role.value,
            )
        if not donors and lead is None and not project.partners:
            self._participant(activity, self.organisation, codes.ACCOUNTABLE)

    # -- what, when, where ------------------------------------------------------------------

    def _description(self, activity: etree._Element, project: Project) -> None:
        """The summary (one language, guessed by ``_summary_language``); the schema wants a
        description, so a project without a summary is described by its title."""
        description = etree.SubElement(activity, "description", type="1")
        summary = xml_text(project.summary)
        if summary:
            language = _summary_language(summary)
            _narrative(description, summary, codes.XML_LANGUAGES[language])
        elif not _narratives(description, project.names()):
            _narrative(description, xml_text(project.code))
        else:
            _set_extension(description, "from-title", "true")

    def _dates(self, activity: etree._Element, project: Project) -> None:
        """Planned start and end always; the start as actual once the project began, the
        end as actual once it is completed (CSO Desk keeps one pair of dates)."""
        today = date.today()
        etree.SubElement(
            activity,
            "activity-date",
            {"type": codes.PLANNED_START, "iso-date": project.start_date.isoformat()},
        )
        if project.status != ProjectStatus.PLANNED and project.start_date <= today:
            etree.SubElement(
                activity,
                "activity-date",
                {"type": codes.ACTUAL_START, "iso-date": project.start_date.isoformat()},
            )
        etree.SubElement(
            activity,
            "activity-date",
            {"type": codes.PLANNED_END, "iso-date": project.end_date.isoformat()},
        )
        if project.status == ProjectStatus.COMPLETED:
            etree.SubElement(
                activity,
                "activity-date",
                {"type": codes.ACTUAL_END, "iso-date": project.end_date.isoformat()},
            )

    @staticmethod
    def _location(activity: etree._Element, code: str, names: dict[str, str | None]) -> None:
        """A municipality by its names, with CSO Desk's code as the location's own ``ref``.
        No administrative code is given: none of IATI's geographic vocabularies has a code
        list CSO Desk could check Kosovo's 38 municipalities against, and a wrong code
        misplaces the project on every map.  Class 1 is "administrative region", ADM2 the
        GeoNames feature of a second-order division, which a Kosovo municipality is."""
        location = etree.SubElement(activity, "location", ref=code)
        name = etree.SubElement(location, "name")
        if not _narratives(name, names):
            _narrative(name, code)
        etree.SubElement(location, "location-class", code="1")
        etree.SubElement(location, "feature-designation", code="ADM2")

    @staticmethod
    def _sectors(activity: etree._Element, project: Project) -> None:
        """DAC codes (vocabulary 1) with percentages that add up to 100, then the thematic
        areas themselves (vocabulary 99, the reporting organisation's own)."""
        themes = sorted(project.thematic_areas, key=lambda theme: theme.sort_order)
        fallback = codes.SECTOR_FALLBACK
        dac = list(dict.fromkeys(codes.SECTOR_CODES.get(t.code, fallback) for t in themes))
        for code, share in zip(dac, _shares(len(dac)), strict=True):
            etree.SubElement(
                activity,
                "sector",
                {"vocabulary": codes.DAC_VOCABULARY, "code": code, "percentage": share},
            )
        for theme, share in zip(themes, _shares(len(themes)), strict=True):
            sector = etree.SubElement(
                activity,
                "sector",
                {"vocabulary": codes.OWN_VOCABULARY, "code": theme.code, "percentage": share},
            )
            _narratives(sector, theme.names())

    # -- money --------------------------------------------------------------------------------

    @staticmethod
    def _budget(activity: etree._Element, grant: Grant) -> None:
        budget = etree.SubElement(
            activity,
            "budget",
            {"type": codes.BUDGET_ORIGINAL, "status": codes.BUDGET_COMMITTED},
        )
        _set_extension(budget, "grant", grant.contract_number)
        _set_extension(budget, "title", grant.title)
        _date(budget, "period-start", grant.start_date)
        _date(budget, "period-end", grant.end_date)
        _value(budget, grant.amount, grant.currency, grant.signed_on or grant.start_date)

    def _planned_instalments(self, activity: etree._Element, grant: Grant) -> None:
        """Instalments not received yet, as the donor's planned disbursements to the grant's
        recipient."""
        for instalment in grant.instalments:
            if instalment.received_on is not None:
                continue
            due = instalment.due_on or grant.end_date
            planned = etree.SubElement(activity, "planned-disbursement", type="1")
            _set_extension(planned, "grant", grant.contract_number)
            _set_extension(planned, "instalment", instalment.number)
            _date(planned, "period-start", due)
            _value(planned, instalment.amount, grant.currency, due)
            self._party(planned, "provider-org", grant.donor)
            self._party(planned, "receiver-org", self._recipient(grant))

    def _recipient(self, grant: Grant) -> Organisation:
        """Who receives the grant: the project's lead organisation, which signs with the
        donor; the reporting organisation for a project without one."""
        return grant.project.lead_organisation or self.organisation

    def _party(self, parent: etree._Element, tag: str, organisation: Organisation) -> None:
        ref = self._org_ref(organisation)
        element = etree.SubElement(parent, tag, {"ref": ref} if ref else {})
        if not _narratives(element, organisation.names()):
            _narrative(element, xml_text(organisation.acronym) or str(organisation.uuid))

    def _transactions(self, activity: etree._Element, grant: Grant) -> None:
        """The grant's money as the reporting organisation sees it (IATI's transaction types
        are the reporter's): a donor's file commits and disburses it (types 2 and 3, to the
        recipient) and leaves the recipient's spending to the recipient's own file; anyone
        else's file receives it (types 11 and 1, from the donor) and spends it (type 4)."""
        outgoing = grant.donor_id == self.organisation.id
        recipient = self._recipient(grant)
        commitment = self._transaction(
            activity,
            grant,
            codes.OUTGOING_COMMITMENT if outgoing else codes.INCOMING_COMMITMENT,
            grant.signed_on or grant.start_date,
            grant.amount,
            ref=grant.contract_number,
        )
        self._parties(commitment, grant.donor, recipient, outgoing)
        for instalment in grant.instalments:
            if instalment.received_on is None:
                continue
            funds = self._transaction(
                activity,
                grant,
                codes.DISBURSEMENT if outgoing else codes.INCOMING_FUNDS,
                instalment.received_on,
                instalment.amount,
            )
            _set_extension(funds, "instalment", instalment.number)
            if instalment.due_on:
                _set_extension(funds, "due-on", instalment.due_on.isoformat())
            self._parties(funds, grant.donor, recipient, outgoing)
        if outgoing:
            return
        expenditures = self.session.scalars(
            select(Expenditure)
            .where(Expenditure.grant_id == grant.id)
            .order_by(Expenditure.spent_on, Expenditure.id)
        )
        for expenditure in expenditures:
            spent = self._transaction(
                activity,
                grant,
                codes.EXPENDITURE,
                expenditure.spent_on,
                expenditure.amount,
                ref=expenditure.invoice_reference,
                description=expenditure.description,
            )
            _set_extension(spent, "original-currency", expenditure.original_currency)
            _set_extension(spent, "original-amount", decimal_text(expenditure.original_amount))
            _set_extension(spent, "rate", decimal_text(expenditure.rate))
            supplier = xml_text(expenditure.supplier)
            if supplier:
                _narrative(etree.SubElement(spent, "receiver-org"), supplier)

    def _parties(
        self,
        transaction: etree._Element,
        donor: Organisation,
        recipient: Organisation,
        outgoing: bool,
    ) -> None:
        """Both ends of a transfer the file reports; the reporter's own end may go unsaid,
        but a reader then has to know whose file it is."""
        self._party(transaction, "provider-org", donor)
        if outgoing or recipient is not self.organisation:
            self._party(transaction, "receiver-org", recipient)

    @staticmethod
    def _transaction(
        activity: etree._Element,
        grant: Grant,
        kind: str,
        day: date,
        amount: Decimal,
        *,
        ref: str | None = None,
        description: str | None = None,
    ) -> etree._Element:
        transaction = etree.SubElement(activity, "transaction")
        if xml_text(ref):
            transaction.set("ref", xml_text(ref))
        _set_extension(transaction, "grant", grant.contract_number)
        etree.SubElement(transaction, "transaction-type", code=kind)
        _date(transaction, "transaction-date", day)
        _value(transaction, amount, grant.currency, day)
        if xml_text(description):
            _narrative(etree.SubElement(transaction, "description"), xml_text(description))
        return transaction

    # -- research and results ---------------------------------------------------------------

    def _documents(self, activity: etree._Element, project: Project) -> None:
        outputs = self.session.scalars(
            select(ResearchOutput)
            .where(ResearchOutput.project_id == project.id, ResearchOutput.archived_at.is_(None))
            .order_by(_UNDATED_LAST, ResearchOutput.id)
        )
        for output in outputs:
            url = f"https://doi.org/{output.doi}" if output.doi else xml_text(output.url)
            link = etree.SubElement(
                activity, "document-link", {"url": url, "format": codes.DOCUMENT_FORMAT}
            )
            _set_extension(link, "output-type", output.output_type.value)
            _set_extension(link, "status", output.status.value)
            _set_extension(link, "authors", output.authors)
            _set_extension(link, "publisher", output.publisher)
            _set_extension(link, "place", output.place)
            _set_extension(link, "isbn", output.isbn)
            if output.doi and output.url:
                _set_extension(link, "url", output.url)
            title = etree.SubElement(link, "title")
            if not _narratives(title, output.names()):
                _narrative(title, str(output.uuid))
            abstract = xml_text(output.abstract)
            if abstract:
                _narrative(etree.SubElement(link, "description"), abstract)
            etree.SubElement(link, "category", code=codes.DOCUMENT_CATEGORIES[output.output_type])
            for language in (output.languages or "").split(","):
                if language.strip():
                    etree.SubElement(link, "language", code=language.strip())
            if output.published_on:
                _date(link, "document-date", output.published_on)

    def _results(self, activity: etree._Element, project: Project, grants: list[Grant]) -> None:
        """Each result with its indicators (the schema wants at least one, so a result
        without any goes out in the ``csodesk`` namespace only, to keep the tree whole)."""
        results = list(
            self.session.scalars(
                select(Result)
                .where(Result.project_id == project.id)
                .order_by(Result.sort_order, Result.code, Result.id)
            )
        )
        periods = list(
            self.session.scalars(
                select(ReportingPeriod)
                .where(ReportingPeriod.grant_id.in_([grant.id for grant in grants]))
                .order_by(ReportingPeriod.start_date, ReportingPeriod.id)
            )
        )
        approved = {
            (value.indicator_id, value.period_id): value
            for value in self.session.scalars(
                select(IndicatorValue)
                .join(Indicator, IndicatorValue.indicator_id == Indicator.id)
                .join(Result, Indicator.result_id == Result.id)
                .where(
                    Result.project_id == project.id,
                    IndicatorValue.status == ValueStatus.APPROVED,
                )
            )
        }
        pending = []
        for result in results:
            if result.indicators:
                self._result(activity, project, result, periods, approved)
            else:
                pending.append(result)
        for result in pending:
            element = etree.SubElement(activity, _X + "result")
            self._result_keys(element, result)
            _narratives(element, result.names())

    @staticmethod
    def _result_keys(element: etree._Element, result: Result) -> None:
        _set_extension(element, "code", result.code)
        _set_extension(element, "level", result.level.value)
        if result.parent is not None:
            _set_extension(element, "parent", result.parent.code)
        _set_extension(element, "assumptions", result.assumptions)

    def _result(
        self,
        activity: etree._Element,
        project: Project,
        result: Result,
        periods: list[ReportingPeriod],
        approved: dict[tuple[int, int], IndicatorValue],
    ) -> None:
        element = etree.SubElement(activity, "result", type=codes.RESULT_TYPES[result.level])
        self._result_keys(element, result)
        title = etree.SubElement(element, "title")
        if not _narratives(title, result.names()):
            _narrative(title, result.code)
        for indicator in result.indicators:
            self._indicator(element, project, indicator, periods, approved)

    def _indicator(
        self,
        result: etree._Element,
        project: Project,
        indicator: Indicator,
        periods: list[ReportingPeriod],
        approved: dict[tuple[int, int], IndicatorValue],
    ) -> None:
        """Measured in units; the baseline in its year (the project's first when none was
        given); a period per reporting period with an approved value, and the indicator's
        target in the last reporting period, the one the project's target is for."""
        element = etree.SubElement(result, "indicator", measure=codes.UNIT_MEASURE)
        _set_extension(element, "code", indicator.code)
        _set_extension(element, "unit", indicator.unit)
        _set_extension(element, "target-year", indicator.target_year)
        _set_extension(element, "rollup", indicator.rollup.value)
        title = etree.SubElement(element, "title")
        if not _narratives(title, indicator.names()):
            _narrative(title, indicator.code)
        verification = xml_text(indicator.means_of_verification)
        if verification:
            _narrative(etree.SubElement(element, "description"), verification)
        if indicator.baseline is not None:
            year = indicator.baseline_year or project.start_date.year
            baseline = etree.SubElement(
                element, "baseline", {"year": str(year), "value": decimal_text(indicator.baseline)}
            )
            if indicator.baseline_year is None:
                _set_extension(baseline, "year-given", "false")
        last = periods[-1] if periods else None
        for period in periods:
            value = approved.get((indicator.id, period.id))
            target = indicator.target if period is last else None
            if value is None and target is None:
                continue
            self._period(element, period, target, value)

    @staticmethod
    def _period(
        indicator: etree._Element,
        period: ReportingPeriod,
        target: Decimal | None,
        value: IndicatorValue | None,
    ) -> None:
        element = etree.SubElement(indicator, "period")
        _set_extension(element, "label", period.label)
        _set_extension(element, "grant", period.grant.contract_number)
        _set_extension(element, "kind", period.kind.value)
        if period.due_on:
            _set_extension(element, "due-on", period.due_on.isoformat())
        _date(element, "period-start", period.start_date)
        _date(element, "period-end", period.end_date)
        if target is not None:
            etree.SubElement(element, "target", value=decimal_text(target))
        if value is None:
            return
        etree.SubElement(element, "actual", value=decimal_text(value.value))
        # the breakdown by sex, as IATI disaggregates: the actual again, with a dimension
        for sex, part in ((codes.FEMALE, value.women), (codes.MALE, value.men)):
            if part is not None:
                actual = etree.SubElement(element, "actual", value=decimal_text(part))
                etree.SubElement(actual, "dimension", name=codes.SEX_DIMENSION, value=sex)


def _shares(count: int) -> Iterable[str]:
    """``count`` percentages to two decimals that add up to exactly 100."""
    if not count:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"))
    shares = [share] * count
    shares[-1] = Decimal(100) - share * (count - 1)
    return [decimal_text(value) for value in shares]
