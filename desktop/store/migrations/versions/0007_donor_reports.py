"""What the donors' reports need in the data: budget templates, donor profiles and the
fields of the EU's narrative report and logframe.

- ``budget_templates``: the donors' budget forms (``eu_2016``, ``simple``); the budget
  headings gain their template, parent, number and kind (a heading lines sit under, or a
  computed subtotal or total).  Every heading already in the database belongs to the EU's
  form: the eight it shipped with get their number and kind here, and the EU's sub-headings,
  computed rows and the simple form arrive with the reference data
  (``resources/data/budget_headings.csv``), loaded after every upgrade.
- ``donor_profiles``: a donor's budget template and logo.  A donor without one reports on
  the simple form, and a budget line must sit under its grant's donor's form.  So that the
  grants already recorded keep their lines where they are, this revision gives every donor
  whose grants have budget lines (all of them under the EU's headings, the only ones there
  were) an ``eu_2016`` profile.
- ``grants.contact_person_id``, ``reporting_periods.sent_on``, ``activities.problems``,
  ``results.assumptions``, ``indicators.baseline_year``/``target_year`` and
  ``indicator_values.women``/``men``; three more narrative sections (changes and delays,
  cooperation, location of records).

``activities`` only gains a column, which SQLite adds in place: its list indexes and the
search table's triggers (revisions 0005, 0006) are not touched.  Going down drops the
narrative texts of the new sections and the profiles; the headings stay (without template).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 10:40:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEMPLATES = (
    {
        "code": "eu_2016",
        "sort_order": 0,
        "indirect_limit": "0.07",
        "name_en": "EU standard grant contract (2016)",
        "name_sq": "Kontrata standarde e grantit të BE-së (2016)",
        "name_sr": "Стандардни уговор ЕУ о гранту (2016)",
        "name_sr_latn": "Standardni ugovor EU o grantu (2016)",
    },
    {
        "code": "simple",
        "sort_order": 1,
        "indirect_limit": None,
        "name_en": "Simple budget",
        "name_sq": "Buxhet i thjeshtë",
        "name_sr": "Једноставан буџет",
        "name_sr_latn": "Jednostavan budžet",
    },
)
# Every heading CSO Desk has shipped: (template, parent, number, kind).  A database taken
# down to an older revision and up again keeps the rows; this puts each back in its place.
_HEADINGS: dict[str, tuple[str, str | None, str, str]] = {
    "eu_1_human_resources": ("eu_2016", None, "1", "direct"),
    "eu_1_1_local_staff": ("eu_2016", "eu_1_human_resources", "1.1", "direct"),
    "eu_1_2_international_staff": ("eu_2016", "eu_1_human_resources", "1.2", "direct"),
    "eu_1_3_per_diems": ("eu_2016", "eu_1_human_resources", "1.3", "direct"),
    "eu_2_travel": ("eu_2016", None, "2", "direct"),
    "eu_2_1_international_travel": ("eu_2016", "eu_2_travel", "2.1", "direct"),
    "eu_2_2_local_transport": ("eu_2016", "eu_2_travel", "2.2", "direct"),
    "eu_3_equipment": ("eu_2016", None, "3", "direct"),
    "eu_4_local_office": ("eu_2016", None, "4", "direct"),
    "eu_5_services": ("eu_2016", None, "5", "direct"),
    "eu_5_1_publications": ("eu_2016", "eu_5_services", "5.1", "direct"),
    "eu_5_2_studies": ("eu_2016", "eu_5_services", "5.2", "direct"),
    "eu_5_3_verification": ("eu_2016", "eu_5_services", "5.3", "direct"),
    "eu_5_4_evaluation": ("eu_2016", "eu_5_services", "5.4", "direct"),
    "eu_5_5_translation": ("eu_2016", "eu_5_services", "5.5", "direct"),
    "eu_5_6_financial_services": ("eu_2016", "eu_5_services", "5.6", "direct"),
    "eu_5_7_conferences": ("eu_2016", "eu_5_services", "5.7", "direct"),
    "eu_5_8_visibility": ("eu_2016", "eu_5_services", "5.8", "direct"),
    "eu_6_other": ("eu_2016", None, "6", "direct"),
    "eu_7_subtotal_direct": ("eu_2016", None, "7", "subtotal_direct"),
    "eu_8_contingency": ("eu_2016", None, "8", "contingency"),
    "eu_9_total_direct": ("eu_2016", None, "9", "total_direct"),
    "eu_10_indirect": ("eu_2016", None, "10", "indirect"),
    "eu_11_total": ("eu_2016", None, "11", "total"),
    "simple_1_staff": ("simple", None, "1", "direct"),
    "simple_2_activities": ("simple", None, "2", "direct"),
    "simple_3_travel": ("simple", None, "3", "direct"),
    "simple_4_equipment": ("simple", None, "4", "direct"),
    "simple_5_administration": ("simple", None, "5", "direct"),
    "simple_6_total": ("simple", None, "6", "total"),
}
_KINDS = ("direct", "contingency", "indirect", "subtotal_direct", "total_direct", "total")
_OLD_SECTIONS = ("summary", "challenges", "next_steps", "visibility")
_NEW_SECTIONS = ("changes", "cooperation", "records")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    _budget_templates()
    _budget_headings()
    _donor_profiles()
    with op.batch_alter_table("grants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_grants_contact_person_id_people"),
            "people",
            ["contact_person_id"],
            ["id"],
        )
    op.add_column("reporting_periods", sa.Column("sent_on", sa.Date(), nullable=True))
    with op.batch_alter_table("narrative_texts", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_narrative_texts_section"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_narrative_texts_section"), _in("section", _OLD_SECTIONS + _NEW_SECTIONS)
        )
    # Added in place (no batch): a rebuild of activities would drop revision 0005's triggers.
    op.add_column("activities", sa.Column("problems", sa.Text(), nullable=True))
    op.add_column("results", sa.Column("assumptions", sa.Text(), nullable=True))
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("baseline_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("target_year", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_indicators_baseline_year"),
            "baseline_year IS NULL OR baseline_year BETWEEN 1990 AND 2100",
        )
        batch_op.create_check_constraint(
            op.f("ck_indicators_target_year"),
            "target_year IS NULL OR target_year BETWEEN 1990 AND 2100",
        )
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.add_column(sa.Column("women", sa.Numeric(14, 2), nullable=True))
        batch_op.add_column(sa.Column("men", sa.Numeric(14, 2), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_indicator_values_women_not_negative"), "women IS NULL OR women >= 0"
        )
        batch_op.create_check_constraint(
            op.f("ck_indicator_values_men_not_negative"), "men IS NULL OR men >= 0"
        )


def _budget_templates() -> None:
    templates = op.create_table(
        "budget_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("name_sq", sa.String(length=500), nullable=True),
        sa.Column("name_sr", sa.String(length=500), nullable=True),
        sa.Column("name_sr_latn", sa.String(length=500), nullable=True),
        sa.Column("indirect_limit", sa.Numeric(precision=5, scale=4), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_templates")),
        sa.UniqueConstraint("code", name=op.f("uq_budget_templates_code")),
    )
    assert templates is not None
    op.bulk_insert(templates, list(_TEMPLATES))


def _budget_headings() -> None:
    with op.batch_alter_table("budget_headings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("number", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("kind", sa.String(length=32), nullable=True))
    connection = op.get_bind()
    template_ids = dict(connection.execute(sa.text("SELECT code, id FROM budget_templates")).all())
    heading_ids = dict(connection.execute(sa.text("SELECT code, id FROM budget_headings")).all())
    for code, heading_id in heading_ids.items():
        template, parent, number, kind = _HEADINGS.get(code, ("eu_2016", None, "", "direct"))
        connection.execute(
            sa.text(
                "UPDATE budget_headings SET template_id = :template, parent_id = :parent, "
                "number = :number, kind = :kind WHERE id = :id"
            ),
            {
                "template": template_ids[template],
                "parent": heading_ids.get(parent) if parent else None,
                "number": number,
                "kind": kind,
                "id": heading_id,
            },
        )
    with op.batch_alter_table("budget_headings", schema=None) as batch_op:
        batch_op.alter_column("template_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("number", existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column("kind", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_check_constraint(op.f("ck_budget_headings_kind"), _in("kind", _KINDS))
        batch_op.create_foreign_key(
            batch_op.f("fk_budget_headings_template_id_budget_templates"),
            "budget_templates",
            ["template_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_budget_headings_parent_id_budget_headings"),
            "budget_headings",
            ["parent_id"],
            ["id"],
        )


def _donor_profiles() -> None:
    profiles = op.create_table(
        "donor_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("budget_template_id", sa.Integer(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_media_type", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_template_id"],
            ["budget_templates.id"],
            name=op.f("fk_donor_profiles_budget_template_id_budget_templates"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_donor_profiles_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_donor_profiles")),
        sa.UniqueConstraint("organisation_id", name=op.f("uq_donor_profiles_organisation_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_donor_profiles_uuid")),
    )
    assert profiles is not None
    connection = op.get_bind()
    eu = connection.execute(
        sa.text("SELECT id FROM budget_templates WHERE code = 'eu_2016'")
    ).scalar_one()
    donors = connection.execute(
        sa.text(
            "SELECT DISTINCT grants.donor_id FROM grants "
            "JOIN budget_lines ON budget_lines.grant_id = grants.id ORDER BY grants.donor_id"
        )
    ).scalars()
    now = datetime.now(UTC)
    op.bulk_insert(
        profiles,
        [
            {
                "uuid": uuid4(),
                "organisation_id": donor,
                "budget_template_id": eu,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for donor in donors
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_indicator_values_men_not_negative"), type_="check")
        batch_op.drop_constraint(op.f("ck_indicator_values_women_not_negative"), type_="check")
        batch_op.drop_column("men")
        batch_op.drop_column("women")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_indicators_target_year"), type_="check")
        batch_op.drop_constraint(op.f("ck_indicators_baseline_year"), type_="check")
        batch_op.drop_column("target_year")
        batch_op.drop_column("baseline_year")
    op.drop_column("results", "assumptions")
    op.drop_column("activities", "problems")
    op.execute(f"DELETE FROM narrative_texts WHERE {_in('section', _NEW_SECTIONS)}")
    with op.batch_alter_table("narrative_texts", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_narrative_texts_section"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_narrative_texts_section"), _in("section", _OLD_SECTIONS)
        )
    op.drop_column("reporting_periods", "sent_on")
    with op.batch_alter_table("grants", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_grants_contact_person_id_people"), type_="foreignkey"
        )
        batch_op.drop_column("contact_person_id")
    op.drop_table("donor_profiles")
    with op.batch_alter_table("budget_headings", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_budget_headings_parent_id_budget_headings"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_budget_headings_template_id_budget_templates"), type_="foreignkey"
        )
        batch_op.drop_constraint(op.f("ck_budget_headings_kind"), type_="check")
        batch_op.drop_column("kind")
        batch_op.drop_column("number")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("template_id")
    op.drop_table("budget_templates")
