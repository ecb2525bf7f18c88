"""A grant's reporting periods and the narrative texts written for each report section.

Periods lie within the grant's dates and never overlap one another: indicator values and
spending are counted per period, and a day in two periods would be reported twice. The
narrative of each section is kept per language (English, Albanian, Serbian in both
scripts) and saved together with its period, under the period's version, so two people
writing the same report are told rather than overwriting each other.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.grant import Grant
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.domain.period import NarrativeSection, NarrativeText, PeriodKind, ReportingPeriod
from desktop.domain.results import IndicatorValue
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_date
from desktop.services import audit
from desktop.services.errors import RefusedError, ValidationError
from desktop.services.grant_parts import GrantPartService
from desktop.services.permissions import Permission, requires
from desktop.services.validation import Checker

NARRATIVE_LANGUAGES = NAME_LANGUAGES  # en, sq, sr (Cyrillic), sr_Latn
MAX_NARRATIVE = 50_000  # characters in one section in one language: pages, not books
DAYS_TO_REPORT = 30  # a quarterly report is usually due a month after the quarter ends

Narratives = dict[tuple[NarrativeSection, str], str]


@dataclass
class PeriodForm:
    label: str = ""
    kind: PeriodKind = PeriodKind.QUARTERLY
    start_date: date | str | None = None
    end_date: date | str | None = None
    due_on: date | str | None = None
    sent_on: date | str | None = None  # when the report went to the donor
    narratives: Narratives = field(default_factory=dict)  # (section, language): text


@dataclass(frozen=True)
class PeriodDetails:
    id: int
    uuid: UUID
    version: int
    grant_id: int
    form: PeriodForm


@dataclass(frozen=True)
class PeriodListRow:
    id: int
    version: int
    label: str
    kind: PeriodKind
    start_date: date
    end_date: date
    due_on: date | None
    sections_written: int  # sections with a text in at least one language
    sent_on: date | None = None


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def _missing() -> str:
    return _("The reporting period was not found; it may have been deleted.")


class PeriodService(GrantPartService):
    @requires(Permission.READ_RECORDS)
    def periods(self, grant_id: int) -> list[PeriodListRow]:
        written = (
            select(
                NarrativeText.period_id,
                func.count(func.distinct(NarrativeText.section)).label("sections"),
            )
            .group_by(NarrativeText.period_id)
            .subquery()
        )
        statement = (
            select(ReportingPeriod, written.c.sections)
            .outerjoin(written, written.c.period_id == ReportingPeriod.id)
            .where(ReportingPeriod.grant_id == grant_id)
            .order_by(ReportingPeriod.start_date, ReportingPeriod.id)
        )
        with self.unit_of_work(read_only=True) as session:
            self._grant(session, grant_id)
            return [
                PeriodListRow(
                    p.id,
                    p.version,
                    p.label,
                    p.kind,
                    p.start_date,
                    p.end_date,
                    p.due_on,
                    n or 0,
                    p.sent_on,
                )
                for p, n in session.execute(statement)
            ]

    @requires(Permission.READ_RECORDS)
    def get(self, period_id: int) -> PeriodDetails:
        with self.unit_of_work(read_only=True) as session:
            period = self._part(session, ReportingPeriod, period_id, _missing())
            form = PeriodForm(
                label=period.label,
                kind=period.kind,
                start_date=period.start_date,
                end_date=period.end_date,
                due_on=period.due_on,
                sent_on=period.sent_on,
                narratives={(n.section, n.language): n.text for n in period.narratives},
            )
            return PeriodDetails(period.id, period.uuid, period.version, period.grant_id, form)

    @requires(Permission.EDIT_RECORDS)
    def create(self, grant_id: int, form: PeriodForm) -> int:
        with self.unit_of_work() as session:
            grant = self._grant(session, grant_id)
            period = ReportingPeriod(grant_id=grant.id)
            self._apply(session, grant, period, form)
            return self._created(session, period)

    @requires(Permission.EDIT_RECORDS)
    def update(self, period_id: int, form: PeriodForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            period = self._part(session, ReportingPeriod, period_id, _missing(), expected_version)
            before = self._state(period)
            self._apply(session, period.grant, period, form)
            self._updated(session, period, before)

    @requires(Permission.EDIT_RECORDS)
    def delete(self, period_id: int, expected_version: int) -> None:
        """Remove a period set up by mistake, with its narratives; a period that indicator
        values were reported for stays."""
        with self.unit_of_work() as session:
            period = self._part(session, ReportingPeriod, period_id, _missing(), expected_version)
            reported = session.scalar(
                select(func.count(IndicatorValue.id)).where(IndicatorValue.period_id == period.id)
            )
            if reported:
                raise RefusedError(
                    _(
                        "Indicator values were reported for {label}; the period cannot be deleted."
                    ).format(label=period.label)
                )
            self._deleted(session, period)

    @requires(Permission.EDIT_RECORDS)
    def generate_quarters(self, grant_id: int) -> list[str]:
        """Add the calendar quarters of the grant's duration (the first and last cut to its
        dates) that no period covers yet; returns the labels added, in order."""
        with self.unit_of_work() as session:
            grant = self._grant(session, grant_id)
            existing = list(
                session.scalars(select(ReportingPeriod).where(ReportingPeriod.grant_id == grant.id))
            )
            added = []
            for year, quarter, start, end in _quarters(grant.start_date, grant.end_date):
                label = quarter_label(year, quarter)
                if any(
                    p.label == label or (p.start_date <= end and start <= p.end_date)
                    for p in existing
                ):
                    continue
                period = ReportingPeriod(
                    grant_id=grant.id,
                    label=label,
                    kind=PeriodKind.QUARTERLY,
                    start_date=start,
                    end_date=end,
                    due_on=end + timedelta(days=DAYS_TO_REPORT),
                )
                self._created(session, period)
                existing.append(period)
                added.append(label)
            return added

    def _state(self, record: ReportingPeriod) -> audit.Snapshot:  # type: ignore[override]
        return {
            **audit.snapshot(record),
            "narratives": {
                f"{n.section.value}/{n.language}": n.text
                for n in sorted(record.narratives, key=lambda n: (n.section.value, n.language))
            },
        }

    def _apply(
        self, session: Session, grant: Grant, period: ReportingPeriod, form: PeriodForm
    ) -> None:
        """Check the whole form, then copy it and its narratives; raises before any change."""
        check = Checker()
        language = current_language()
        label = check.text("label", form.label, required=True, max_length=64)
        start = check.date("start_date", form.start_date, required=True)
        end = check.date("end_date", form.end_date, required=True)
        due_on = check.date("due_on", form.due_on)
        sent_on = check.date("sent_on", form.sent_on)
        check.date_order("end_date", start, end)
        try:
            kind = PeriodKind(form.kind)
        except ValueError:
            kind = PeriodKind.QUARTERLY
            check.fail("kind", _("Choose the kind of report."))
        if start and start < grant.start_date:
            check.fail(
                "start_date",
                _("The grant starts on {date}; a period cannot start before it.").format(
                    date=format_date(grant.start_date, language)
                ),
            )
        if end and end > grant.end_date:
            check.fail(
                "end_date",
                _("The grant ends on {date}; a period cannot end after it.").format(
                    date=format_date(grant.end_date, language)
                ),
            )
        if due_on and end and due_on < end:
            check.fail("due_on", _("A report cannot be due before its period ends."))
        if sent_on and start and sent_on < start:
            check.fail("sent_on", _("A report cannot be sent before its period begins."))
        others = list(
            session.scalars(
                select(ReportingPeriod).where(
                    ReportingPeriod.grant_id == grant.id, ReportingPeriod.id != period.id
                )
            )
        )
        if label and any(other.label == label for other in others):
            check.fail(
                "label",
                _("This grant already has a period labelled {label}.").format(label=label),
            )
        overlapping = [
            other
            for other in others
            if start and end and other.start_date <= end and start <= other.end_date
        ]
        if overlapping and "end_date" not in check.errors:
            other = min(overlapping, key=lambda p: p.start_date)
            check.fail(
                "start_date",
                _("The dates overlap period {label} ({start} – {end}).").format(
                    label=other.label,
                    start=format_date(other.start_date, language),
                    end=format_date(other.end_date, language),
                ),
            )
        texts = _read_narratives(check, form.narratives)
        if check.errors:
            raise ValidationError(check.errors)
        period.label = label or ""
        period.kind = kind
        period.start_date = start  # type: ignore[assignment]
        period.end_date = end  # type: ignore[assignment]
        period.due_on = due_on
        period.sent_on = sent_on
        _store_narratives(period, texts)


def narrative_field(section: NarrativeSection, language: str) -> str:
    """The field name a refused narrative is reported under: ``narrative.summary.sq``."""
    return f"narrative.{section.value}.{language}"


def _read_narratives(check: Checker, narratives: Narratives) -> Narratives:
    texts: Narratives = {}
    for (section, language), text in narratives.items():
        try:
            section = NarrativeSection(section)
        except ValueError:
            check.fail("narratives", _("A narrative belongs to a report section."))
            continue
        if language not in NARRATIVE_LANGUAGES:
            check.fail("narratives", _("A narrative is written in one of the four languages."))
            continue
        cleaned = check.text(narrative_field(section, language), text, max_length=MAX_NARRATIVE)
        if cleaned:
            texts[(section, language)] = cleaned
    return texts


def _store_narratives(period: ReportingPeriod, texts: Narratives) -> None:
    """Keep, change, add or drop rows so the period holds exactly ``texts``."""
    existing = {(n.section, n.language): n for n in period.narratives}
    kept = []
    for key, text in texts.items():
        narrative = existing.get(key) or NarrativeText(section=key[0], language=key[1])
        narrative.text = text
        kept.append(narrative)
    period.narratives = kept


def _quarters(first: date, last: date) -> list[tuple[int, int, date, date]]:
    """(year, quarter, start, end) of each calendar quarter that ``first``..``last``
    touches, cut to those dates."""
    quarters = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while date(year, 3 * quarter - 2, 1) <= last:
        start = date(year, 3 * quarter - 2, 1)
        end = date(year, 3 * quarter, monthrange(year, 3 * quarter)[1])
        quarters.append((year, quarter, max(start, first), min(end, last)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters
