"""A grant's expenditures from a CSV or XLSX ledger, all of them or none.

One row is one invoice or receipt: the grant (its contract number), the budget line (its
code such as "5.1", its description, or both as "5.1 Venues and catering"), the date, the
description, supplier and invoice reference, the amount as the invoice gives it
("1.234,56", "1,234.56", "1 234,56 €"), its currency (the grant's when left empty) and,
for another currency, the exchange rate used.  One ledger may hold the rows of several
grants.

Each row becomes an ``ExpenditureForm`` that the expenditure service itself judges, so an
imported expenditure is one the form would have saved: within the grant's dates, on one of
its own lines, converted at the rate given.  An expenditure counts as already known when
the same grant has one with the same invoice reference from the same supplier (compared
by their letters and digits, without accents, case or script); rows without an invoice
reference are not compared, since two bus tickets of one price on one day are two
expenses.
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.base import utcnow
from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.i18n import N_, _, ngettext
from desktop.services.errors import ValidationError
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.imports.base import ProgressTicker
from desktop.services.imports.lookups import cell_of, fold_value
from desktop.services.imports.mapping import Mapping, TargetField
from desktop.services.imports.reading import SheetRow
from desktop.services.imports.saving import insert_audited
from desktop.services.imports.table_import import Problems, TableImport
from desktop.services.imports.values import date_problem, read_amount, read_date, read_rate
from desktop.services.scope import scope_condition

EXPENDITURE_FIELDS: tuple[TargetField, ...] = (
    TargetField(
        "grant",
        N_("Contract &number"),
        ("grant", "contract", "contract number", "grant number", "granti", "kontrata",
         "numri i kontrates", "ugovor", "broj ugovora", "grant broj", "уговор", "број уговора"),
    ),
    TargetField(
        "budget_line",
        N_("&Budget line"),
        ("line", "budget line code", "linja", "linja buxhetore", "linja e buxhetit",
         "budzetska linija", "budžetska linija", "linija", "буџетска линија", "линија"),
    ),
    TargetField(
        "spent_on",
        N_("Da&te"),
        ("date", "invoice date", "data", "data e fatures", "datum", "datum racuna", "датум"),
    ),
    TargetField(
        "description",
        N_("D&escription"),
        ("pershkrimi", "përshkrimi", "opis", "опис", "purpose", "qellimi"),
    ),
    TargetField(
        "supplier",
        N_("&Supplier"),
        ("vendor", "payee", "furnitori", "dobavljac", "dobavljač", "добављач"),
    ),
    TargetField(
        "invoice_reference",
        N_("&Invoice reference"),
        ("invoice", "invoice no", "invoice number", "receipt", "reference", "fatura",
         "nr i fatures", "numri i fatures", "racun", "račun", "broj racuna", "broj računa",
         "рачун", "број рачуна"),
    ),
    TargetField(
        "original_amount",
        N_("Amo&unt"),
        ("amount", "sum", "value", "shuma", "vlera", "iznos", "износ"),
    ),
    TargetField(
        "original_currency",
        N_("&Currency"),
        ("currency", "valuta", "valuta e pageses", "валута"),
    ),
    TargetField(
        "rate",
        N_("Exchange &rate"),
        ("rate", "exchange rate", "kursi", "kursi i kembimit", "kurs", "курс"),
    ),
)  # fmt: skip
_SERVICE_FIELDS = {"budget_line_id": "budget_line", "rate": "rate"}
_TEXT_FIELDS = ("description", "supplier", "invoice_reference")
_SAVED_ATTRIBUTES = (
    "grant_id",
    "budget_line_id",
    "spent_on",
    "description",
    "supplier",
    "invoice_reference",
    "original_currency",
    "original_amount",
    "rate",
    "amount",
    "search_key",
)
_IN_DATABASE = 0  # where a saved expenditure's key comes from: no spreadsheet row is 0


@dataclass
class _Context:
    grants: dict[str, Grant]  # folded contract number -> grant
    lines: dict[tuple[int, str], int]  # (grant id, folded code or description) -> line id
    kept: list[BudgetLine]  # held so ``_apply``'s look-ups hit the session
    taken: dict[tuple[int, str, str], int]  # (grant, invoice, supplier) -> first row


class ExpenditureImport(TableImport, ExpenditureService):
    """Reads rows into ``ExpenditureForm``s and lets the expenditure service judge them."""

    fields = EXPENDITURE_FIELDS
    required = ("grant", "budget_line", "spent_on", "description", "original_amount")

    def imported_message(self, count: int) -> str:
        return ngettext(
            "{count} expenditure was imported.", "{count} expenditures were imported.", count
        ).format(count=count)

    def _context(self, session: Session) -> _Context:
        # another organisation's grants are unknown to a partner's user (services/scope.py)
        grants = session.scalars(
            select(Grant).where(scope_condition(self.actor, Grant.project_id))
        ).all()
        lines = session.scalars(select(BudgetLine)).all()
        index: dict[tuple[int, str], int] = {}
        for line in lines:
            for spelling in (line.code, line.description, f"{line.code} {line.description}"):
                index.setdefault((line.grant_id, _compact(spelling)), line.id)
        taken: dict[tuple[int, str, str], int] = {}
        statement = select(
            Expenditure.grant_id, Expenditure.invoice_reference, Expenditure.supplier
        ).where(Expenditure.invoice_reference.is_not(None), Expenditure.invoice_reference != "")
        for grant_id, invoice, supplier in session.execute(statement):
            taken.setdefault(
                (grant_id, _alphanumeric(invoice), _alphanumeric(supplier)), _IN_DATABASE
            )
        return _Context(
            grants={_compact(grant.contract_number): grant for grant in grants},
            lines=index,
            kept=list(lines),
            taken=taken,
        )

    def _read_row(
        self, session: Session, context: _Context, row: SheetRow, mapping: Mapping
    ) -> tuple[Expenditure | None, Problems]:
        def cell(key: str) -> str:
            return cell_of(row, mapping, key)

        problems: Problems = {}
        form = ExpenditureForm(**{key: cell(key) for key in _TEXT_FIELDS})
        number = cell("grant")
        grant = context.grants.get(_compact(number)) if number else None
        if grant is None:
            problems["grant"] = (
                _("No grant has the contract number “{value}”.").format(value=number)
                if number
                else _("This field is required.")
            )
        line_text = cell("budget_line")
        if grant is not None and line_text:
            form.budget_line_id = context.lines.get((grant.id, _compact(line_text)))
            if form.budget_line_id is None:
                problems["budget_line"] = _("Grant {grant} has no budget line “{value}”.").format(
                    grant=grant.contract_number, value=line_text
                )
        spent_on = cell("spent_on")
        if spent_on:
            try:
                form.spent_on = read_date(spent_on)
            except ValueError:
                problems["spent_on"] = date_problem(spent_on)
        form.original_amount = _number(cell("original_amount"), "original_amount", problems)
        form.rate = _number(cell("rate"), "rate", problems)
        currency = cell("original_currency")
        form.original_currency = currency or (grant.currency if grant is not None else "")
        if grant is None:
            return None, problems
        expenditure = Expenditure(grant_id=grant.id)
        try:
            self._apply(session, grant, expenditure, form)
        except ValidationError as error:
            for name, message in error.errors.items():
                problems.setdefault(_SERVICE_FIELDS.get(name, name), message)
        if problems:
            return None, problems
        return expenditure, _claim(context, row.number, expenditure)

    def _save(self, session: Session, records: list[Expenditure], ticker: ProgressTicker) -> None:
        """Insert in batches, each expenditure with the audit entry the form writes."""
        insert_audited(
            session, self.actor, Expenditure, records, _SAVED_ATTRIBUTES, utcnow(), ticker
        )


def _claim(context: _Context, row: int, expenditure: Expenditure) -> Problems:
    """The problem that makes ``expenditure`` a duplicate, if any; its key is then taken."""
    if not expenditure.invoice_reference:
        return {}
    key = (
        expenditure.grant_id,
        _alphanumeric(expenditure.invoice_reference),
        _alphanumeric(expenditure.supplier),
    )
    first = context.taken.setdefault(key, row)
    if first == row:
        return {}
    message = (
        _("The grant already has invoice {invoice} from this supplier in CSO Desk.")
        if first == _IN_DATABASE
        else _("Row {row} has the same grant, invoice reference and supplier.")
    )
    return {"invoice_reference": message.format(invoice=expenditure.invoice_reference, row=first)}


def _compact(text: str | None) -> str:
    """``text`` folded and without spaces: "2025/461 - 198" is "2025/461-198"."""
    return "".join(fold_value(text or "").split())


def _alphanumeric(text: str | None) -> str:
    """The letters and digits of ``text``, folded: "RL 0501" and "rl-0501" are one invoice."""
    return "".join(ch for ch in fold_value(text or "") if ch.isalnum())


def _number(text: str, key: str, problems: Problems) -> Decimal | None:
    """The amount or rate ``text`` holds, however it is written (``None`` when empty, for
    the service to say whether it is needed); a problem on ``key`` when it is no number."""
    if not text:
        return None
    try:
        return (read_rate if key == "rate" else read_amount)(text)
    except ValueError:
        problems[key] = (
            _("“{value}” is not an exchange rate.")
            if key == "rate"
            else _("“{value}” is not an amount.")
        ).format(value=text)
        return None
