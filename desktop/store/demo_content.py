"""What the demo office holds: its partners, projects, grants, activities, results, research
and community-safety cases, as plain tables.

The tables are kept apart from the code that loads them (``desktop.store.demo``) so that the
story can be read and corrected without reading SQLAlchemy: an international peacebuilding
NGO and its partner CSOs run EU- and foundation-funded projects on MCSCs, community-safety
research, police–community dialogue in the north and a public consultation on small-arms
control.  Every organisation and person is invented.

Amounts are written as text and read as ``Decimal``, so no float ever touches money.  The
calendar of projects, grants, activities and publications is fixed in 2025–2026 (the demo's
present is autumn 2026); cases are placed in days before the loader's ``today``, so a case
list always shows recent, overdue and resolved concerns.
"""

from datetime import date
from typing import Literal, NamedTuple

from desktop.domain.activity import AgeBand
from desktop.domain.case import CaseCategory, CaseStatus
from desktop.domain.organisation import OrganisationKind
from desktop.domain.person import Gender
from desktop.domain.project import PartnerRole, ProjectStatus
from desktop.domain.research import OutputStatus, OutputType
from desktop.domain.results import ResultLevel
from desktop.domain.user import Role


class Names(NamedTuple):
    """A name in English, Albanian and Serbian Cyrillic, and Serbian Latin where it was typed;
    ``None`` leaves the Latin form to be derived from the Cyrillic when it is shown."""

    en: str
    sq: str
    sr: str
    sr_latn: str | None = None


# --- Organisations and people -------------------------------------------------------------


class OrganisationSeed(NamedTuple):
    key: str
    acronym: str | None
    kind: OrganisationKind
    municipality: str | None
    names: Names
    registration_number: str | None = None
    email: str | None = None
    website: str | None = None


ORGANISATIONS = (
    OrganisationSeed(
        "psn", "PSN", OrganisationKind.INTERNATIONAL_NGO, "prishtine",
        Names("Peace and Safety Network", "Rrjeti për Paqe dhe Siguri",
              "Мрежа за мир и безбедност", "Mreža za mir i bezbednost"),
        "5120417", "office@psn.example", "https://psn.example",
    ),
    OrganisationSeed(
        "qsb", "QSB", OrganisationKind.PARTNER_CSO, "prishtine",
        Names("Centre for Community Safety", "Qendra për Siguri në Bashkësi",
              "Центар за безбедност заједнице"),
        "5114862", "info@qsb.example", "https://qsb.example",
    ),
    OrganisationSeed(
        "cdi", "CDI", OrganisationKind.PARTNER_CSO, "mitrovice-veri",
        Names("Ibar Dialogue Centre", "Qendra për Dialog Ibri", "Центар за дијалог Ибар",
              "Centar za dijalog Ibar"),
        "5116093", "kontakt@cdi.example", "https://cdi.example",
    ),
    OrganisationSeed(
        "zajedno", "Zajedno", OrganisationKind.PARTNER_CSO, "gracanice",
        Names("Together – Association for Youth and Safety",
              "Së bashku – Shoqata për të Rinjtë dhe Sigurinë",
              "Заједно – удружење за младе и безбедност"),
        "5117740", "zajedno@zajedno.example",
    ),
    OrganisationSeed(
        "fqs", "FQS", OrganisationKind.PARTNER_CSO, "prizren",
        Names("Prizren Civic Forum for Security", "Forumi Qytetar për Siguri – Prizren",
              "Грађански форум за безбедност – Призрен",
              "Građanski forum za bezbednost – Prizren"),
        "5113528", "info@fqs.example",
    ),
    OrganisationSeed(
        "gks", "GKS", OrganisationKind.PARTNER_CSO, "gjilan",
        Names("Women for Safe Communities", "Gratë për Komunitete të Sigurta",
              "Жене за безбедне заједнице"),
        "5118215", "info@gks.example",
    ),
    OrganisationSeed(
        "eu", "EUOK", OrganisationKind.DONOR, "prishtine",
        Names("European Union Office in Kosovo", "Zyra e Bashkimit Evropian në Kosovë",
              "Канцеларија Европске уније на Косову", "Kancelarija Evropske unije na Kosovu"),
    ),
    OrganisationSeed(
        "lhf", "LHF", OrganisationKind.DONOR, None,
        Names("Lindenhall Foundation for Peace", "Fondacioni Lindenhall për Paqe",
              "Фондација Линденхол за мир", "Fondacija Lindenhall za mir"),
        None, "grants@lindenhall.example", "https://lindenhall.example",
    ),
    OrganisationSeed(
        "mpb", "MPB", OrganisationKind.INSTITUTION, "prishtine",
        Names("Ministry of Internal Affairs", "Ministria e Punëve të Brendshme",
              "Министарство унутрашњих послова"),
    ),
    OrganisationSeed(
        "police", "PK", OrganisationKind.INSTITUTION, "prishtine",
        Names("Kosovo Police", "Policia e Kosovës", "Косовска полиција"),
    ),
)  # fmt: skip

# Each MCSC is named after its municipality ("… – Prishtinë/Priština", ``{m}``); its key is
# "mcsc-<municipality code>".
MCSC_MUNICIPALITIES = ("prishtine", "mitrovice-veri", "zvecan", "gracanice", "prizren", "gjilan")
MCSC_NAMES = Names(
    "Municipal Community Safety Council – {m}",
    "Këshilli Komunal për Siguri në Bashkësi – {m}",
    "Општински савет за безбедност заједнице – {m}",
)
MCSC_ACRONYM = "MCSC"
# The donors with a profile: their budget template (the others report on the simple one)
# and whether their reports print the demo's flag logo.
DONOR_TEMPLATES = {"eu": "eu_2016"}
DONORS_WITH_LOGO = frozenset({"eu"})


class PersonSeed(NamedTuple):
    key: str
    first_name: str
    last_name: str
    gender: Gender
    title: str
    organisation: str
    municipality: str | None
    community: str | None


PEOPLE = (
    PersonSeed("arta", "Arta", "Krasniqi", Gender.FEMALE, "Project manager", "psn",
               "prishtine", "albanian"),
    PersonSeed("thomas", "Thomas", "Brenner", Gender.MALE, "Country director", "psn",
               "prishtine", None),
    PersonSeed("teuta", "Teuta", "Hoxha", Gender.FEMALE, "Programme coordinator", "qsb",
               "prishtine", "albanian"),
    PersonSeed("driton", "Driton", "Berisha", Gender.MALE, "Researcher", "qsb",
               "prishtine", "albanian"),
    PersonSeed("milica", "Milica", "Jovanović", Gender.FEMALE, "Programme officer", "cdi",
               "mitrovice-veri", "serb"),
    PersonSeed("marko", "Marko", "Ilić", Gender.MALE, "Researcher", "cdi",
               "mitrovice-veri", "serb"),
    PersonSeed("nenad", "Nenad", "Petrović", Gender.MALE, "Trainer", "zajedno",
               "gracanice", "serb"),
    PersonSeed("jelena", "Jelena", "Stojanović", Gender.FEMALE, "Youth worker", "zajedno",
               "gracanice", "serb"),
    PersonSeed("blerta", "Blerta", "Kryeziu", Gender.FEMALE, "Researcher", "fqs",
               "prizren", "albanian"),
    PersonSeed("amra", "Amra", "Mustafić", Gender.FEMALE, "Community mediator", "fqs",
               "prizren", "bosniak"),
    PersonSeed("lumnije", "Lumnije", "Bajrami", Gender.FEMALE, "Director", "gks",
               "gjilan", "albanian"),
    PersonSeed("sabit", "Sabit", "Mustafa", Gender.MALE,
               "Roma and Ashkali community mediator", "gks", "gjilan", "roma"),
    PersonSeed("agron", "Agron", "Kelmendi", Gender.MALE,
               "Senior official, Department for Public Safety", "mpb", "prishtine", "albanian"),
    PersonSeed("dragan", "Dragan", "Nikolić", Gender.MALE, "Community policing officer",
               "police", "mitrovice-veri", "serb"),
    PersonSeed("hanna", "Hanna", "Lindqvist", Gender.FEMALE,
               "Programme officer, Western Balkans", "lhf", None, None),
    PersonSeed("sofia", "Sofia", "Marchetti", Gender.FEMALE, "Task manager", "eu",
               "prishtine", None),
)  # fmt: skip

USER = ("admin", "Liridona Shala", Role.ADMIN, "sq")  # username, full name, role, language

# --- Projects -----------------------------------------------------------------------------


class ProjectSeed(NamedTuple):
    code: str
    names: Names
    summary: str
    status: ProjectStatus
    start: date
    end: date
    lead: str
    contact: str
    partners: tuple[tuple[str, PartnerRole], ...]
    municipalities: tuple[str, ...]
    themes: tuple[str, ...]


PROJECTS = (
    ProjectSeed(
        "CSK-2025-01",
        Names(
            "Safer Communities: strengthening Municipal Community Safety Councils and civil "
            "society",
            "Komunitete më të sigurta: forcimi i Këshillave Komunalë për Siguri në Bashkësi "
            "dhe i shoqërisë civile",
            "Безбедније заједнице: јачање општинских савета за безбедност заједнице и "
            "цивилног друштва",
            "Bezbednije zajednice: jačanje opštinskih saveta za bezbednost zajednice i "
            "civilnog društva",
        ),
        "Six MCSCs consult residents of all communities and turn what they hear into "
        "community safety action plans; staff of four partner CSOs learn to research "
        "community safety in their municipalities and publish findings that security "
        "institutions can act on.",
        ProjectStatus.ACTIVE, date(2025, 4, 1), date(2027, 3, 31), "psn", "arta",
        (("psn", PartnerRole.LEAD), ("qsb", PartnerRole.CO_APPLICANT),
         ("cdi", PartnerRole.CO_APPLICANT), ("zajedno", PartnerRole.AFFILIATED_ENTITY),
         ("fqs", PartnerRole.LOCAL_PARTNER), ("gks", PartnerRole.LOCAL_PARTNER),
         ("police", PartnerRole.ASSOCIATE)),
        ("prishtine", "mitrovice-veri", "zvecan", "gracanice", "prizren", "gjilan"),
        ("community_safety", "security_policy", "gender_security"),
    ),
    ProjectSeed(
        "CSK-2025-02",
        Names(
            "Voices for Security Policy: community-safety research by civil society",
            "Zëra për politikat e sigurisë: hulumtimi i sigurisë në bashkësi nga shoqëria "
            "civile",
            "Гласови за безбедносну политику: цивилно друштво истражује безбедност заједнице",
        ),
        "Partner CSOs in Prizren, Gjilan/Gnjilane and Fushë Kosovë/Kosovo Polje survey how "
        "safe residents feel, Roma, Ashkali and Egyptian households included, and present "
        "the findings to the Ministry of Internal Affairs, the Kosovo Police and the "
        "municipalities.",
        ProjectStatus.COMPLETED, date(2025, 3, 1), date(2026, 8, 31), "psn", "teuta",
        (("psn", PartnerRole.LEAD), ("qsb", PartnerRole.CO_APPLICANT),
         ("fqs", PartnerRole.LOCAL_PARTNER), ("gks", PartnerRole.LOCAL_PARTNER)),
        ("prishtine", "prizren", "gjilan", "fushe-kosove"),
        ("community_safety", "security_policy"),
    ),
    ProjectSeed(
        "CSK-2025-03",
        Names(
            "Bridges in the North: dialogue between the police and communities",
            "Ura në veri: dialog ndërmjet policisë dhe komuniteteve",
            "Мостови на северу: дијалог полиције и заједница",
            "Mostovi na severu: dijalog policije i zajednica",
        ),
        "Regular dialogue events, joint community-policing trainings and youth exchanges "
        "bring the Kosovo Police and Serb, Albanian and Bosniak residents of North "
        "Mitrovica, Zvečan, Leposavić and Zubin Potok together, so that safety concerns "
        "are raised early and followed up.",
        ProjectStatus.ACTIVE, date(2025, 9, 1), date(2027, 2, 28), "psn", "milica",
        (("psn", PartnerRole.LEAD), ("cdi", PartnerRole.CO_APPLICANT),
         ("zajedno", PartnerRole.LOCAL_PARTNER), ("police", PartnerRole.ASSOCIATE)),
        ("mitrovice-veri", "zvecan", "leposaviq", "zubin-potok", "mitrovice-jug", "gracanice"),
        ("police_community", "dialogue", "conflict_prevention", "youth"),
    ),
    ProjectSeed(
        "CSK-2026-01",
        Names(
            "Fewer Weapons, Safer Homes: public consultation on the national small-arms "
            "control strategy",
            "Më pak armë, shtëpi më të sigurta: konsultimi publik për strategjinë kombëtare "
            "të kontrollit të armëve të vogla",
            "Мање оружја, безбеднији домови: јавна консултација о националној стратегији "
            "контроле малог оружја",
        ),
        "With the Ministry of Internal Affairs, partner CSOs hold public consultations in "
        "municipalities across Kosovo on the draft national strategy for the control of "
        "small arms and light weapons, and campaign on the risks of illegal weapons at home "
        "and of celebratory gunfire.",
        ProjectStatus.ACTIVE, date(2026, 2, 1), date(2027, 1, 31), "psn", "thomas",
        (("psn", PartnerRole.LEAD), ("qsb", PartnerRole.CO_APPLICANT),
         ("fqs", PartnerRole.LOCAL_PARTNER), ("gks", PartnerRole.LOCAL_PARTNER),
         ("cdi", PartnerRole.LOCAL_PARTNER), ("mpb", PartnerRole.ASSOCIATE)),
        ("prishtine", "mitrovice-veri", "gracanice", "prizren", "gjilan"),
        ("salw_control", "security_policy", "gender_security"),
    ),
)  # fmt: skip

# --- Grants -------------------------------------------------------------------------------


class LineSeed(NamedTuple):
    """A budget line; its amount is quantity × unit cost."""

    code: str
    heading: str
    description: str
    unit: str
    quantity: int
    unit_cost: str


class InstalmentSeed(NamedTuple):
    share: str  # of the grant amount; the last instalment takes what is left
    due_on: date
    received_on: date | None


class GrantSeed(NamedTuple):
    contract_number: str
    project: str
    donor: str
    title: str
    signed_on: date
    start: date
    end: date
    lines: tuple[LineSeed, ...]
    indirect_rate: str  # of the direct costs, as the last line under heading 10
    instalments: tuple[InstalmentSeed, ...]
    notes: str


L = LineSeed
GRANTS = (
    GrantSeed(
        "2025/461-198", "CSK-2025-01", "eu",
        "Safer Communities: strengthening MCSCs and civil society in Kosovo",
        date(2025, 3, 14), date(2025, 4, 1), date(2027, 3, 31),
        (
            L("1.1", "eu_1_1_local_staff", "Project manager (Peace and Safety Network), 100%",
              "per month", 24, "3200.00"),
            L("1.2", "eu_1_1_local_staff", "Project officers at the four partner CSOs, 50%",
              "per person-month", 96, "1450.00"),
            L("1.3", "eu_1_1_local_staff", "Field researchers, part-time",
              "per person-month", 40, "1100.00"),
            L("2.1", "eu_2_2_local_transport", "Local travel to the six municipalities",
              "per month", 24, "650.00"),
            L("2.2", "eu_2_1_international_travel",
              "Regional study visit on MCSC practice (Skopje, Podgorica)", "per trip", 6,
              "900.00"),
            L("3.1", "eu_3_equipment", "Laptops for the partner CSOs' research teams",
              "per laptop", 8, "850.00"),
            L("3.2", "eu_3_equipment", "Survey and data-analysis software licences",
              "per licence", 2, "600.00"),
            L("4.1", "eu_4_local_office",
              "Office rent and utilities, Prishtinë/Priština and North Mitrovica",
              "per month", 24, "900.00"),
            L("5.1", "eu_5_7_conferences",
              "Venues and catering for consultations and MCSC meetings", "per event", 60,
              "420.00"),
            L("5.2", "eu_5_5_translation", "Albanian–Serbian interpretation", "per day", 80,
              "280.00"),
            L("5.3", "eu_5_1_publications", "Translation, layout and printing of research outputs",
              "per publication", 6, "2500.00"),
            L("5.4", "eu_5_3_verification", "Expenditure verification", "per verification", 1,
              "8000.00"),
            L("5.5", "eu_5_8_visibility", "Visibility and campaign materials", "lump sum", 1,
              "12000.00"),
            L("6.1", "eu_6_other", "Small grants for measures of MCSC action plans",
              "per grant", 12, "2500.00"),
        ),
        "0.07",
        (
            InstalmentSeed("0.60", date(2025, 4, 15), date(2025, 4, 29)),
            InstalmentSeed("0.30", date(2026, 6, 30), date(2026, 7, 21)),
            InstalmentSeed("0.10", date(2027, 9, 30), None),
        ),
        "Pre-financing 60%; the second instalment followed the interim report. "
        "Reports are due 30 days after each quarter.",
    ),
    GrantSeed(
        "LHF-2025-017", "CSK-2025-02", "lhf",
        "Voices for Security Policy: community-safety research by civil society",
        date(2025, 2, 18), date(2025, 3, 1), date(2026, 8, 31),
        (
            L("1.1", "simple_1_staff",
              "Research coordinator (Centre for Community Safety), 50%", "per month", 18,
              "1300.00"),
            L("1.2", "simple_1_staff", "Enumerators for the household survey",
              "per day", 150, "45.00"),
            L("3.1", "simple_3_travel",
              "Fieldwork travel in Prizren, Gjilan/Gnjilane and Fushë Kosovë/Kosovo Polje",
              "per trip", 40, "95.00"),
            L("2.1", "simple_2_activities", "Survey data entry and statistical analysis",
              "lump sum", 1, "4500.00"),
            L("2.2", "simple_2_activities",
              "Translation and printing of the survey report and policy brief",
              "per publication", 2, "3200.00"),
            L("2.3", "simple_2_activities", "Roundtables and launch events", "per event", 6,
              "650.00"),
        ),
        "0.07",
        (
            InstalmentSeed("0.70", date(2025, 3, 15), date(2025, 3, 20)),
            InstalmentSeed("0.30", date(2026, 11, 15), None),
        ),
        "Foundation grant in euros; the balance is paid on approval of the final report.",
    ),
    GrantSeed(
        "2025/468-057", "CSK-2025-03", "eu",
        "Bridges in the North: dialogue between the police and communities",
        date(2025, 8, 5), date(2025, 9, 1), date(2027, 2, 28),
        (
            L("1.1", "eu_1_human_resources", "Project coordinator for the north (Ibar Dialogue "
              "Centre)", "per month", 18, "1800.00"),
            L("1.2", "eu_1_human_resources", "Dialogue facilitators", "per person-month", 36,
              "1200.00"),
            L("1.3", "eu_1_human_resources", "Project manager (Peace and Safety Network), 30%",
              "per month", 18, "1000.00"),
            L("2.1", "eu_2_travel", "Local travel in the northern municipalities", "per month",
              18, "450.00"),
            L("4.1", "eu_4_local_office", "Office rent, North Mitrovica", "per month", 18,
              "550.00"),
            L("5.1", "eu_5_services", "Venues and catering for dialogue events", "per event",
              40, "380.00"),
            L("5.2", "eu_5_services", "Albanian–Serbian interpretation", "per day", 60,
              "280.00"),
            L("5.3", "eu_5_services", "Joint community-policing trainings (trainers and "
              "materials)", "per training", 4, "3500.00"),
            L("5.4", "eu_5_services", "Regional conference on conflict prevention", "lump sum",
              1, "18000.00"),
            L("5.5", "eu_5_services", "Expenditure verification", "per verification", 1,
              "6000.00"),
            L("8.1", "eu_8_contingency", "Contingency reserve", "lump sum", 1, "4000.00"),
        ),
        "0.07",
        (
            InstalmentSeed("0.60", date(2025, 9, 15), date(2025, 9, 25)),
            InstalmentSeed("0.30", date(2026, 10, 31), None),
            InstalmentSeed("0.10", date(2027, 5, 31), None),
        ),
        "Most local costs are invoiced in dinars and converted at the rate of the month.",
    ),
    GrantSeed(
        "2026/470-352", "CSK-2026-01", "eu",
        "Fewer Weapons, Safer Homes: public consultation on the national SALW control strategy",
        date(2026, 1, 16), date(2026, 2, 1), date(2027, 1, 31),
        (
            L("1.1", "eu_1_human_resources", "Project manager (Peace and Safety Network), 50%",
              "per month", 12, "1600.00"),
            L("1.2", "eu_1_human_resources", "Consultation coordinators at the partner CSOs",
              "per person-month", 36, "900.00"),
            L("1.3", "eu_1_human_resources", "Policy expert on small-arms control", "per day",
              40, "250.00"),
            L("2.1", "eu_2_travel", "Travel to the consultation municipalities", "per month",
              12, "400.00"),
            L("5.1", "eu_5_services",
              "Venues, catering and interpretation for public consultations", "per event", 10,
              "1100.00"),
            L("5.2", "eu_5_services",
              "Campaign on illegal weapons (design, printing, social media)", "lump sum", 1,
              "9500.00"),
            L("5.3", "eu_5_services", "Translation and printing of the consultation report",
              "lump sum", 1, "3800.00"),
        ),
        "0.07",
        (
            InstalmentSeed("0.80", date(2026, 2, 15), date(2026, 2, 20)),
            InstalmentSeed("0.20", date(2027, 4, 30), None),
        ),
        "Signed with the Ministry of Internal Affairs as associate; pre-financing 80%.",
    ),
)  # fmt: skip

# Who signs each grant's reports: the EU's "name and title of the contact person".
GRANT_CONTACTS = {
    "2025/461-198": "arta",
    "LHF-2025-017": "teuta",
    "2025/468-057": "milica",
    "2026/470-352": "arta",
}

INDIRECT_LINE = ("10.1", "eu_10_indirect", "Indirect costs ({rate}% of direct costs)")
# A donor on the simple template budgets its share for overheads as administrative costs.
ADMINISTRATION_LINE = (
    "5.1",
    "simple_5_administration",
    "Administrative costs ({rate}% of direct costs)",
)

# Contract currency per unit of the invoice's currency, as the grants' finance officer
# records it (the EU's monthly InforEuro rate, rounded).
RATES = {"EUR": "1", "RSD": "0.0085", "USD": "0.92"}


class ExpenditureSeed(NamedTuple):
    contract_number: str
    line: str
    spent_on: date
    description: str
    supplier: str
    invoice: str
    currency: str
    original_amount: str


def _expenditures(
    contract: str, *rows: tuple[str, date, str, str, str, str, str]
) -> list[ExpenditureSeed]:
    return [ExpenditureSeed(contract, *row) for row in rows]


D = date
EXPENDITURES: tuple[ExpenditureSeed, ...] = (
    *_expenditures(
        "2025/461-198",
        ("3.1", D(2025, 6, 12), "Eight laptops for the partner research teams",
         "TechPoint sh.p.k.", "TP-25-0612", "EUR", "6720.00"),
        ("2.2", D(2025, 11, 20), "Study visit to Skopje: bus and accommodation",
         "Udhëtime Rajonale sh.p.k.", "UR-1187", "EUR", "2640.00"),
        ("5.1", D(2026, 1, 21), "Venue and catering, research training, Prishtinë/Priština",
         "Konferenca sh.p.k.", "KF-2026-014", "EUR", "1176.00"),
        ("5.1", D(2026, 2, 10), "Venue and catering, MCSC public consultation, Gračanica",
         "Restoran Lipa", "RL-0210", "RSD", "42000.00"),
        ("5.2", D(2026, 2, 10), "Interpretation Albanian–Serbian, consultation in Gračanica",
         "Lingua Translations", "LT-26-031", "EUR", "560.00"),
        ("5.1", D(2026, 2, 24), "Meeting room, MCSC meeting, North Mitrovica",
         "Dom kulture Sever", "DK-26-118", "RSD", "18500.00"),
        ("2.1", D(2026, 3, 6), "Car rental and fuel, survey fieldwork in Prizren",
         "Auto Rent Prizren", "AR-3361", "EUR", "412.60"),
        ("5.3", D(2026, 3, 10),
         "Translation into Serbian and English, report on Prishtinë/Priština and Gračanica",
         "Lingua Translations", "LT-26-058", "EUR", "1380.00"),
        ("5.3", D(2026, 3, 11), "Printing 300 copies of the report",
         "Shtypshkronja Drita", "SD-2026-077", "EUR", "945.00"),
        ("5.1", D(2026, 3, 19), "Venue and catering, MCSC public consultation, Zvečan",
         "Restoran Ibar", "RI-0319", "RSD", "36800.00"),
        ("3.2", D(2026, 3, 25), "Online survey software, annual licence",
         "SurveyDesk Inc.", "SD-INV-88412", "USD", "588.00"),
        ("1.3", D(2026, 3, 31), "Field researchers, first quarter 2026 (3 person-months)",
         "Partner CSOs", "PAY-2026-Q1-R", "EUR", "3300.00"),
        ("5.1", D(2026, 4, 14), "Venue and catering, MCSC meeting, Gračanica",
         "Restoran Lipa", "RL-0414", "RSD", "39000.00"),
        ("5.1", D(2026, 5, 6), "Venue and catering, MCSC public consultation, Prizren",
         "Konferenca Prizren sh.p.k.", "KP-0506", "EUR", "480.00"),
        ("5.3", D(2026, 6, 5), "Printing of the policy brief on MCSC action plans",
         "Shtypshkronja Drita", "SD-2026-164", "EUR", "720.00"),
        ("5.1", D(2026, 7, 8), "Venue and catering, MCSC meeting, Prizren",
         "Konferenca Prizren sh.p.k.", "KP-0708", "EUR", "390.00"),
        ("6.1", D(2026, 8, 20), "Small grant to the MCSC of Gjilan/Gnjilane: street lighting",
         "Municipality of Gjilan/Gnjilane", "KKSB-GJ-01", "EUR", "2500.00"),
        ("5.2", D(2026, 9, 10), "Interpretation, roundtable with security institutions",
         "Lingua Translations", "LT-26-212", "EUR", "560.00"),
        ("6.1", D(2026, 9, 23), "Small grant to the MCSC of Zvečan: safer school crossing",
         "Opština Zvečan", "OSBZ-ZV-01", "RSD", "294000.00"),
    ),
    *_expenditures(
        "LHF-2025-017",
        ("2.3", D(2025, 10, 15), "Venue, inception roundtable with the ministry and police",
         "Konferenca sh.p.k.", "KF-2025-233", "EUR", "600.00"),
        ("1.2", D(2025, 11, 21), "Enumerators, pilot survey and training (30 days)",
         "Enumerators' contracts", "ENUM-PILOT", "EUR", "1350.00"),
        ("3.1", D(2025, 11, 21), "Fieldwork travel, pilot survey", "Taksi Lux", "TL-1121",
         "EUR", "760.00"),
        ("1.2", D(2026, 2, 6), "Enumerators, household survey in Gjilan/Gnjilane (20 days)",
         "Enumerators' contracts", "ENUM-GJ-02", "EUR", "900.00"),
        ("1.2", D(2026, 3, 4), "Enumerators, household survey in Fushë Kosovë (18 days)",
         "Enumerators' contracts", "ENUM-FK-03", "EUR", "810.00"),
        ("3.1", D(2026, 3, 5), "Fieldwork travel, Fushë Kosovë/Kosovo Polje",
         "Taksi Lux", "TL-0305", "EUR", "342.00"),
        ("1.2", D(2026, 4, 10), "Enumerators, household survey in Prizren (40 days)",
         "Enumerators' contracts", "ENUM-PZ-04", "EUR", "1800.00"),
        ("2.3", D(2026, 4, 16), "Venue, roundtable on the survey findings",
         "Konferenca sh.p.k.", "KF-2026-101", "EUR", "610.00"),
        ("2.1", D(2026, 5, 8), "Statistical analysis of the survey data",
         "Balkan Data Analytics LLC", "BDA-2026-19", "USD", "2400.00"),
        ("2.2", D(2026, 5, 18), "Printing of the survey report in three languages",
         "Shtypshkronja Drita", "SD-2026-131", "EUR", "1850.00"),
        ("2.3", D(2026, 8, 26), "Venue, closing conference in Prishtinë/Priština",
         "Konferenca sh.p.k.", "KF-2026-188", "EUR", "640.00"),
    ),
    *_expenditures(
        "2025/468-057",
        ("5.1", D(2026, 1, 22), "Venue and catering, police–community dialogue, North "
         "Mitrovica", "Dom kulture Sever", "DK-26-041", "RSD", "31500.00"),
        ("5.1", D(2026, 2, 12), "Venue and catering, youth dialogue, North Mitrovica",
         "Kafe Most", "KM-0212", "RSD", "27000.00"),
        ("5.2", D(2026, 2, 12), "Interpretation, youth dialogue (2 days)",
         "Lingua Translations", "LT-26-044", "EUR", "560.00"),
        ("5.3", D(2026, 3, 11), "Trainers and materials, joint community-policing training, "
         "Zvečan", "Safety Trainers Network", "STN-2026-07", "EUR", "3350.00"),
        ("5.1", D(2026, 3, 26), "Venue and catering, dialogue event, Leposavić",
         "Restoran Kod mosta", "HK-0326", "RSD", "22400.00"),
        ("2.1", D(2026, 5, 14), "Fuel, travel to Zubin Potok", "Petrol Sever", "PS-8812",
         "RSD", "14600.00"),
        ("5.3", D(2026, 6, 11), "Trainers and materials, community-policing training, North "
         "Mitrovica", "Safety Trainers Network", "STN-2026-15", "EUR", "3420.00"),
        ("5.4", D(2026, 9, 29), "Conference venue, interpretation booths and catering",
         "Dom kulture Sever", "DK-26-301", "EUR", "7850.00"),
        ("5.4", D(2026, 9, 24), "Flight for a conference speaker", "Global Fares Ltd",
         "GF-55190", "USD", "1140.00"),
    ),
    *_expenditures(
        "2026/470-352",
        ("5.1", D(2026, 3, 17), "Venue, catering and interpretation, consultation in "
         "Prishtinë/Priština", "Konferenca sh.p.k.", "KF-2026-061", "EUR", "1040.00"),
        ("1.3", D(2026, 3, 31), "Policy expert, 8 days in February and March",
         "Independent consultant", "PE-2026-01", "EUR", "2000.00"),
        ("5.1", D(2026, 4, 21), "Venue, catering and interpretation, consultation in Prizren",
         "Konferenca Prizren sh.p.k.", "KP-0421", "EUR", "1020.00"),
        ("5.1", D(2026, 4, 28), "Venue and catering, consultation in Gjilan/Gnjilane",
         "Salla Kristal", "SK-0428", "EUR", "985.00"),
        ("5.1", D(2026, 5, 12), "Venue, catering and interpretation, consultation in North "
         "Mitrovica", "Dom kulture Sever", "DK-26-150", "RSD", "121000.00"),
        ("5.2", D(2026, 6, 20), "Campaign leaflets and posters in three languages",
         "Shtypshkronja Drita", "SD-2026-170", "EUR", "3150.00"),
        ("5.2", D(2026, 6, 25), "Social-media advertising for the campaign",
         "Online advertising platform", "FBADS-26-0625", "USD", "1500.00"),
        ("5.3", D(2026, 9, 14), "Printing of the policy brief on the consultation",
         "Shtypshkronja Drita", "SD-2026-240", "EUR", "1420.00"),
    ),
)  # fmt: skip


class PayrollSeed(NamedTuple):
    """A monthly cost (a salary, the rent) booked once a quarter for the months it covers,
    as the partners' finance officers book it."""

    contract_number: str
    line: str
    description: str
    payee: str
    per_month: str
    first_month: date
    last_month: date


PAYROLL = (
    PayrollSeed("2025/461-198", "1.1", "Project manager salary", "Peace and Safety Network",
                "3200.00", D(2025, 4, 1), D(2026, 9, 1)),
    PayrollSeed("2025/461-198", "1.2", "Project officers at the partner CSOs (4 × 50%)",
                "Partner CSOs", "5800.00", D(2025, 4, 1), D(2026, 9, 1)),
    PayrollSeed("2025/461-198", "4.1", "Office rent and utilities", "Peace and Safety Network",
                "900.00", D(2025, 4, 1), D(2026, 9, 1)),
    PayrollSeed("LHF-2025-017", "1.1", "Research coordinator salary",
                "Centre for Community Safety", "1300.00", D(2025, 3, 1), D(2026, 8, 1)),
    PayrollSeed("2025/468-057", "1.1", "Project coordinator salary", "Ibar Dialogue Centre",
                "1800.00", D(2025, 9, 1), D(2026, 9, 1)),
    PayrollSeed("2025/468-057", "4.1", "Office rent, North Mitrovica", "Ibar Dialogue Centre",
                "550.00", D(2025, 9, 1), D(2026, 9, 1)),
    PayrollSeed("2026/470-352", "1.1", "Project manager salary (50%)",
                "Peace and Safety Network", "1600.00", D(2026, 2, 1), D(2026, 9, 1)),
)  # fmt: skip

# --- Reporting periods and their narratives -----------------------------------------------

REPORT_YEAR = 2026
DAYS_TO_REPORT = 30  # a quarterly report is due this many days after the quarter ends
DAYS_SENT_EARLY = 3  # a report whose due date has passed went out this many days before it

# (contract number, period label) -> language -> (summary, challenges, next steps)
NARRATIVES: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = {
    ("2025/461-198", "2026-Q1"): {
        "en": (
            "In the first quarter of 2026 the project trained 16 staff of the partner CSOs in "
            "community-safety research (Prishtinë/Priština, 20–21 January) and supported "
            "three MCSCs – Prishtinë/Priština, Graçanicë/Gračanica and Zveçan/Zvečan – to "
            "hold public consultations with residents. On the basis of what residents "
            "raised, the MCSC of Prishtinë/Priština began updating its 2023 action plan and "
            "the MCSC of North Mitrovica began drafting its first.\n\n"
            "Survey fieldwork in Prizren and a workshop on women's safety in public spaces "
            "in Gjilan/Gnjilane fed the partners' research. On 12 March the Centre for "
            "Community Safety published its report on community safety in "
            "Prishtinë/Priština and Gračanica in Albanian, Serbian and English.",
            "Tensions in the north in February postponed the MCSC meeting in North "
            "Mitrovica by two weeks, and few Albanian residents attended the consultation in "
            "Zveçan/Zvečan. Interpretation at mixed events cost more than budgeted; the "
            "project covered the difference from savings on travel.",
            "In the second quarter the MCSCs of Graçanicë/Gračanica and Zveçan/Zvečan will "
            "discuss their draft action plans, a second research training will be held in "
            "North Mitrovica, and consultations will take place in Prizren and "
            "Gjilan/Gnjilane. A policy brief on MCSC action plans will be launched in June.",
        ),
        "sq": (
            "Në tremujorin e parë të vitit 2026 projekti trajnoi 16 anëtarë të stafit të "
            "OShC-ve partnere për hulumtimin e sigurisë në bashkësi (Prishtinë, 20–21 janar) "
            "dhe mbështeti tri KKSB – në Prishtinë, Graçanicë dhe Zveçan – që të mbajnë "
            "konsultime publike me banorët. Bazuar në shqetësimet e ngritura nga banorët, "
            "KKSB-ja e Prishtinës filloi përditësimin e planit të saj të veprimit të vitit "
            "2023, ndërsa KKSB-ja e Mitrovicës së Veriut filloi hartimin e planit të saj të "
            "parë.\n\n"
            "Puna në terren për anketën në Prizren dhe një punëtori për sigurinë e grave në "
            "hapësirat publike në Gjilan i shërbyen hulumtimit të partnerëve. Më 12 mars "
            "Qendra për Siguri në Bashkësi publikoi raportin e saj për sigurinë në bashkësi "
            "në Prishtinë dhe Graçanicë, në shqip, serbisht dhe anglisht.",
            "Tensionet në veri në shkurt e shtynë për dy javë takimin e KKSB-së në Mitrovicë "
            "të Veriut, ndërsa pak banorë shqiptarë morën pjesë në konsultimin në Zveçan. "
            "Përkthimi në takimet e përziera kushtoi më shumë se sa ishte planifikuar; "
            "projekti e mbuloi diferencën nga kursimet te udhëtimet.",
            "Në tremujorin e dytë KKSB-të e Graçanicës dhe të Zveçanit do të diskutojnë "
            "projektplanet e tyre të veprimit, një trajnim i dytë për hulumtim do të mbahet "
            "në Mitrovicë të Veriut dhe konsultime do të mbahen në Prizren dhe në Gjilan. "
            "Në qershor do të prezantohet një përmbledhje e politikave për planet e veprimit "
            "të KKSB-ve.",
        ),
        "sr": (
            "У првом тромесечју 2026. пројекат је обучио 16 запослених у партнерским ОЦД за "
            "истраживање безбедности заједнице (Приштина, 20–21. јануар) и подржао три ОСБЗ "
            "– у Приштини, Грачаници и Звечану – да одрже јавне консултације са грађанима. "
            "На основу проблема које су грађани изнели, ОСБЗ Приштине почео је ажурирање "
            "свог акционог плана из 2023, а ОСБЗ Северне Митровице израду свог првог плана."
            "\n\n"
            "Теренски рад за анкету у Призрену и радионица о безбедности жена у јавним "
            "просторима у Гњилану послужили су истраживању партнера. Центар за безбедност "
            "заједнице је 12. марта објавио извештај о безбедности заједнице у Приштини и "
            "Грачаници на албанском, српском и енглеском језику.",
            "Тензије на северу у фебруару одложиле су састанак ОСБЗ у Северној Митровици за "
            "две недеље, а мали број грађана албанске националности дошао је на консултацију "
            "у Звечану. Превођење на мешовитим скуповима коштало је више него што је "
            "предвиђено буџетом; пројекат је разлику покрио из уштеда на путовањима.",
            "У другом тромесечју ОСБЗ Грачанице и Звечана расправљаће о нацртима акционих "
            "планова, друга обука за истраживање биће одржана у Северној Митровици, а "
            "консултације у Призрену и Гњилану. У јуну ће бити представљен сажетак политике "
            "о акционим плановима ОСБЗ.",
        ),
    },
    ("2025/461-198", "2026-Q2"): {
        "en": (
            "The MCSCs of Graçanicë/Gračanica and Zveçan/Zvečan discussed their draft action "
            "plans with municipal directorates and the Kosovo Police, and both adopted their "
            "plans. Twelve more CSO staff completed the research training in North "
            "Mitrovica. Public consultations in Prizren and Gjilan/Gnjilane brought residents "
            "of all communities to the MCSCs, including Roma, Bosniak and Turkish residents "
            "in Prizren.\n\n"
            "On 9 June the policy brief “From consultation to action” was launched in "
            "Prishtinë/Priština; the Ministry of Internal Affairs took up two of its "
            "recommendations in its guidance to MCSCs.",
            "The adoption of the plan in Zveçan/Zvečan was delayed because the municipal "
            "assembly did not meet in April. Fieldwork in Graçanicë/Gračanica took longer "
            "than planned because many households asked to be interviewed in the evening.",
            "In the third quarter the MCSC of Prizren will adopt its action plan, the partners "
            "will present their research to security institutions at a roundtable in "
            "Prishtinë/Priština, and the first small grants for action-plan measures will be "
            "paid.",
        ),
        "sq": (
            "KKSB-të e Graçanicës dhe të Zveçanit i diskutuan projektplanet e tyre të "
            "veprimit me drejtoritë komunale dhe me Policinë e Kosovës, dhe që të dyja i "
            "miratuan planet. Dymbëdhjetë anëtarë të tjerë të stafit të OShC-ve përfunduan "
            "trajnimin për hulumtim në Mitrovicë të Veriut. Konsultimet publike në Prizren "
            "dhe në Gjilan sollën te KKSB-të banorë të të gjitha komuniteteve, përfshirë "
            "banorë romë, boshnjakë dhe turq në Prizren.\n\n"
            "Më 9 qershor në Prishtinë u prezantua përmbledhja e politikave „Nga konsultimi "
            "te veprimi”; Ministria e Punëve të Brendshme përfshiu dy nga rekomandimet e saj "
            "në udhëzimet për KKSB-të.",
            "Miratimi i planit në Zveçan u vonua sepse kuvendi komunal nuk u mblodh në prill. "
            "Puna në terren në Graçanicë zgjati më shumë se sa ishte planifikuar, sepse "
            "shumë familje kërkuan të intervistoheshin në mbrëmje.",
            "Në tremujorin e tretë KKSB-ja e Prizrenit do të miratojë planin e saj të "
            "veprimit, partnerët do t'ua prezantojnë hulumtimet e tyre institucioneve të "
            "sigurisë në një tryezë të rrumbullakët në Prishtinë dhe do të paguhen grantet e "
            "para të vogla për masat e planeve të veprimit.",
        ),
        "sr": (
            "ОСБЗ Грачанице и Звечана расправљали су о нацртима акционих планова са "
            "општинским дирекцијама и Косовском полицијом, и оба савета су усвојила своје "
            "планове. Још дванаест запослених у ОЦД завршило је обуку за истраживање у "
            "Северној Митровици. Јавне консултације у Призрену и Гњилану довеле су пред ОСБЗ "
            "грађане свих заједница, укључујући Роме, Бошњаке и Турке у Призрену.\n\n"
            "Сажетак политике „Од консултације до акције” представљен је 9. јуна у "
            "Приштини; Министарство унутрашњих послова преузело је две његове препоруке у "
            "својим смерницама за ОСБЗ.",
            "Усвајање плана у Звечану одложено је јер се скупштина општине није састала у "
            "априлу. Теренски рад у Грачаници трајао је дуже од планираног јер су многа "
            "домаћинства тражила да буду анкетирана увече.",
            "У трећем тромесечју ОСБЗ Призрена усвојиће свој акциони план, партнери ће "
            "представити своја истраживања безбедносним институцијама на округлом столу у "
            "Приштини, а биће исплаћени и први мали грантови за мере из акционих планова.",
        ),
    },
    ("2025/461-198", "2026-Q3"): {
        "en": (
            "The MCSC of Prizren adopted its action plan in July, so four MCSCs now have an "
            "adopted plan, and the MCSC of Gjilan/Gnjilane began drafting its own in "
            "September. A workshop in Prishtinë/Priština gathered women's views on safety in "
            "public spaces for the forthcoming report. On 10 September the partner CSOs "
            "presented their research to the Ministry of Internal Affairs, the Kosovo Police "
            "and the MCSCs at a roundtable in Prishtinë/Priština; the ministry agreed to "
            "address poorly lit routes to schools in its guidance.\n\n"
            "The first small grants paid for street lighting in Gjilan/Gnjilane and a safer "
            "school crossing in Zveçan/Zvečan.",
            "Public consultations paused over the summer, so none was held this quarter. The "
            "report on women's safety in Gjilan/Gnjilane and Prizren is still in review while "
            "the partners check its findings with the women's groups who took part.",
            "In the fourth quarter consultations resume in North Mitrovica, the MCSC of "
            "Prishtinë/Priština will adopt its updated action plan, and the report on women's "
            "safety will be published.",
        ),
        "sq": (
            "KKSB-ja e Prizrenit e miratoi planin e saj të veprimit në korrik, kështu që tani "
            "katër KKSB kanë plan të miratuar, ndërsa KKSB-ja e Gjilanit filloi hartimin e "
            "planit të vet në shtator. Një punëtori në Prishtinë mblodhi pikëpamjet e grave "
            "për sigurinë në hapësirat publike për raportin që do të publikohet. Më 10 "
            "shtator OShC-të partnere ua prezantuan hulumtimet e tyre Ministrisë së Punëve të "
            "Brendshme, Policisë së Kosovës dhe KKSB-ve në një tryezë të rrumbullakët në "
            "Prishtinë; ministria pranoi t'i trajtojë në udhëzimet e saj rrugët e pandriçuara "
            "për në shkollë.\n\n"
            "Grantet e para të vogla financuan ndriçimin e rrugëve në Gjilan dhe një "
            "vendkalim më të sigurt për nxënësit në Zveçan.",
            "Konsultimet publike u ndërprenë gjatë verës, prandaj në këtë tremujor nuk u "
            "mbajt asnjë. Raporti për sigurinë e grave në Gjilan dhe Prizren është ende në "
            "shqyrtim, ndërsa partnerët po i verifikojnë gjetjet me grupet e grave që morën "
            "pjesë.",
            "Në tremujorin e katërt konsultimet rifillojnë në Mitrovicë të Veriut, KKSB-ja e "
            "Prishtinës do të miratojë planin e saj të përditësuar të veprimit dhe do të "
            "publikohet raporti për sigurinë e grave.",
        ),
        "sr": (
            "ОСБЗ Призрена усвојио је акциони план у јулу, тако да сада четири ОСБЗ имају "
            "усвојен план, а ОСБЗ Гњилана је у септембру почео израду свог. Радионица у "
            "Приштини прикупила је ставове жена о безбедности у јавним просторима за "
            "извештај који ће ускоро бити објављен. Партнерске ОЦД су 10. септембра "
            "представиле своја истраживања Министарству унутрашњих послова, Косовској "
            "полицији и ОСБЗ на округлом столу у Приштини; министарство је пристало да у "
            "својим смерницама обради слабо осветљене путеве до школа.\n\n"
            "Први мали грантови финансирали су уличну расвету у Гњилану и безбеднији "
            "пешачки прелаз код школе у Звечану.",
            "Јавне консултације су током лета биле прекинуте, па у овом тромесечју није "
            "одржана ниједна. Извештај о безбедности жена у Гњилану и Призрену још је у "
            "ревизији док партнери проверавају налазе са женским групама које су учествовале.",
            "У четвртом тромесечју консултације се настављају у Северној Митровици, ОСБЗ "
            "Приштине усвојиће ажурирани акциони план, а извештај о безбедности жена биће "
            "објављен.",
        ),
    },
}

_RECORDS = {
    "en": "Accounting records and supporting documents are kept at the Peace and Safety "
    "Network's office in Prishtinë/Priština; each partner keeps the originals of its own "
    "invoices and participant lists at its office.",
    "sq": "Regjistrat kontabël dhe dokumentet mbështetëse ruhen në zyrën e Rrjetit për Paqe "
    "dhe Siguri në Prishtinë; secili partner i ruan origjinalet e faturave dhe listat e "
    "pjesëmarrësve në zyrën e vet.",
    "sr": "Рачуноводствена евиденција и пратећа документација чувају се у канцеларији Мреже "
    "за мир и безбедност у Приштини; сваки партнер чува оригинале својих рачуна и спискове "
    "учесника у својој канцеларији.",
}

# (contract number, period label) -> language -> (visibility, changes and delays,
# cooperation, location of records): the rest of the EU's model narrative report.
MORE_NARRATIVES: dict[tuple[str, str], dict[str, tuple[str, str, str, str]]] = {
    ("2025/461-198", "2026-Q1"): {
        "en": (
            "The launch of the community-safety report on 12 March was covered by RTK, Kosovo "
            "Online and Radio KIM; every material carries the EU emblem and the disclaimer "
            "agreed with the EU Office. The project's pages reached about 18,000 people.",
            "The MCSC meeting in North Mitrovica moved from 10 to 24 February because of the "
            "tensions in the north; neither the results nor the budget had to change.",
            "The four partner CSOs carried out the activities in their municipalities under "
            "agreements with the Peace and Safety Network. The Ministry of Internal Affairs "
            "and the Kosovo Police took part in every MCSC meeting; the municipalities of "
            "Prishtinë/Priština, Graçanicë/Gračanica and Zveçan/Zvečan lent their halls free "
            "of charge. Findings are shared with the OSCE's work on MCSCs.",
            _RECORDS["en"],
        ),
        "sq": (
            "Prezantimi i raportit për sigurinë në bashkësi më 12 mars u mbulua nga RTK, "
            "Kosovo Online dhe Radio KIM; çdo material mban emblemën e BE-së dhe deklaratën "
            "e dakorduar me Zyrën e BE-së. Faqet e projektit arritën rreth 18 000 njerëz.",
            "Takimi i KKSB-së në Mitrovicë të Veriut u shty nga 10 në 24 shkurt për shkak të "
            "tensioneve në veri; as rezultatet, as buxheti nuk u desh të ndryshonin.",
            "Katër OShC-të partnere i zbatuan aktivitetet në komunat e tyre sipas "
            "marrëveshjeve me Rrjetin për Paqe dhe Siguri. Ministria e Punëve të Brendshme "
            "dhe Policia e Kosovës morën pjesë në çdo takim të KKSB-ve; komunat e Prishtinës, "
            "Graçanicës dhe Zveçanit i dhanë sallat pa pagesë. Gjetjet ndahen me punën e "
            "OSBE-së për KKSB-të.",
            _RECORDS["sq"],
        ),
        "sr": (
            "Представљање извештаја о безбедности заједнице 12. марта пратили су РТК, Kosovo "
            "Online и Радио КИМ; сваки материјал носи амблем ЕУ и изјаву договорену са "
            "Канцеларијом ЕУ. Странице пројекта достигле су око 18.000 људи.",
            "Састанак ОСБЗ у Северној Митровици померен је са 10. на 24. фебруар због "
            "тензија на северу; ни резултати ни буџет нису морали да се мењају.",
            "Четири партнерске ОЦД спровеле су активности у својим општинама на основу "
            "споразума са Мрежом за мир и безбедност. Министарство унутрашњих послова и "
            "Косовска полиција учествовали су на сваком састанку ОСБЗ; општине Приштина, "
            "Грачаница и Звечан бесплатно су уступиле сале. Налази се деле са радом ОЕБС-а "
            "на ОСБЗ.",
            _RECORDS["sr"],
        ),
    },
    ("2025/461-198", "2026-Q2"): {
        "en": (
            "The launch of the policy brief on 9 June was streamed live and reported by Koha, "
            "KoSSev and RTK; 1,500 leaflets on the MCSCs in Albanian and Serbian were handed "
            "out in Prizren and Gjilan/Gnjilane.",
            "The adoption of the action plan in Zveçan/Zvečan slipped from April to May with "
            "the municipal assembly's sessions. The EU Office agreed to move EUR 2,000 from "
            "travel to interpretation, within what a contract allows without an addendum.",
            "The Ministry of Internal Affairs co-hosted the launch of the policy brief. "
            "Community-policing officers of the Kosovo Police joined the consultations in "
            "Prizren and Gjilan/Gnjilane, and Women for Safe Communities brought Roma and "
            "Ashkali residents of Gjilan/Gnjilane to them.",
            _RECORDS["en"],
        ),
        "sq": (
            "Prezantimi i përmbledhjes së politikave më 9 qershor u transmetua drejtpërdrejt "
            "dhe u raportua nga Koha, KoSSev dhe RTK; 1 500 fletëpalosje për KKSB-të në shqip "
            "dhe serbisht u shpërndanë në Prizren dhe Gjilan.",
            "Miratimi i planit të veprimit në Zveçan u shty nga prilli në maj bashkë me "
            "seancat e kuvendit komunal. Zyra e BE-së pranoi zhvendosjen e 2 000 eurove nga "
            "udhëtimet te përkthimi, brenda asaj që kontrata lejon pa aneks.",
            "Ministria e Punëve të Brendshme ishte bashkorganizatore e prezantimit të "
            "përmbledhjes së politikave. Zyrtarët e policimit në bashkësi të Policisë së "
            "Kosovës iu bashkuan konsultimeve në Prizren dhe Gjilan, ndërsa Gratë për "
            "Komunitete të Sigurta sollën në to banorë romë dhe ashkalinj të Gjilanit.",
            _RECORDS["sq"],
        ),
        "sr": (
            "Представљање сажетка политике 9. јуна преношено је уживо, а извештавали су "
            "Коха, KoSSev и РТК; 1.500 летака о ОСБЗ на албанском и српском подељено је у "
            "Призрену и Гњилану.",
            "Усвајање акционог плана у Звечану померено је са априла на мај, заједно са "
            "седницама скупштине општине. Канцеларија ЕУ сагласила се да се 2.000 евра "
            "преусмери са путовања на превођење, у оквиру онога што уговор дозвољава без "
            "анекса.",
            "Министарство унутрашњих послова било је суорганизатор представљања сажетка "
            "политике. Службеници Косовске полиције за рад у заједници придружили су се "
            "консултацијама у Призрену и Гњилану, а Жене за безбедне заједнице довеле су на "
            "њих Роме и Ашкалије из Гњилана.",
            _RECORDS["sr"],
        ),
    },
    ("2025/461-198", "2026-Q3"): {
        "en": (
            "A short film on the small grant for street lighting in Gjilan/Gnjilane was shown "
            "on RTK 2 and shared 2,300 times; four outlets reported the roundtable of 10 "
            "September in Albanian and Serbian.",
            "No public consultation was held over the summer; the two planned for September "
            "moved to October and November in North Mitrovica. The report on women's safety "
            "will be published in the fourth quarter instead of the third.",
            "The roundtable of 10 September brought together the Ministry of Internal "
            "Affairs, the Kosovo Police and six MCSCs. The municipalities of Gjilan/Gnjilane "
            "and Zveçan/Zvečan co-financed the first small-grant measures. The partners "
            "coordinate with the EU-funded Safe Schools action so that no school crossing is "
            "funded twice.",
            _RECORDS["en"],
        ),
        "sq": (
            "Një film i shkurtër për grantin e vogël për ndriçimin e rrugëve në Gjilan u "
            "shfaq në RTK 2 dhe u shpërnda 2 300 herë; katër media raportuan në shqip dhe "
            "serbisht për tryezën e rrumbullakët të 10 shtatorit.",
            "Gjatë verës nuk u mbajt asnjë konsultim publik; dy konsultimet e planifikuara "
            "për shtator u zhvendosën në tetor dhe nëntor në Mitrovicë të Veriut. Raporti për "
            "sigurinë e grave do të publikohet në tremujorin e katërt në vend të të tretit.",
            "Tryeza e rrumbullakët e 10 shtatorit bashkoi Ministrinë e Punëve të Brendshme, "
            "Policinë e Kosovës dhe gjashtë KKSB. Komunat e Gjilanit dhe të Zveçanit i "
            "bashkëfinancuan masat e para të granteve të vogla. Partnerët koordinohen me "
            "veprimin „Shkolla të Sigurta”, të financuar nga BE-ja, që asnjë vendkalim pranë "
            "shkollave të mos financohet dy herë.",
            _RECORDS["sq"],
        ),
        "sr": (
            "Кратки филм о малом гранту за уличну расвету у Гњилану приказан је на РТК 2 и "
            "подељен 2.300 пута; четири медија извештавала су на албанском и српском о "
            "округлом столу од 10. септембра.",
            "Током лета није одржана ниједна јавна консултација; две планиране за септембар "
            "померене су за октобар и новембар у Северној Митровици. Извештај о безбедности "
            "жена биће објављен у четвртом уместо у трећем тромесечју.",
            "Округли сто од 10. септембра окупио је Министарство унутрашњих послова, "
            "Косовску полицију и шест ОСБЗ. Општине Гњилане и Звечан суфинансирале су прве "
            "мере из малих грантова. Партнери се координирају са акцијом „Безбедне школе”, "
            "коју финансира ЕУ, како ниједан пешачки прелаз код школе не би био финансиран "
            "двапут.",
            _RECORDS["sr"],
        ),
    },
}

# --- Activities and their participants ----------------------------------------------------


class ActivityKind(NamedTuple):
    """A recurring kind of activity; its titles take the municipality's name as ``{m}``."""

    activity_type: str
    titles: Names
    description: str
    venue: str
    genders: str  # a key of GENDER_MIXES
    ages: str  # a key of AGE_MIXES


ACTIVITY_KINDS = {
    "mcsc_action_plan": ActivityKind(
        "mcsc_meeting",
        Names("MCSC meeting on the community safety action plan – {m}",
              "Takim i KKSB-së për planin e veprimit për siguri në bashkësi – {m}",
              "Састанак ОСБЗ о акционом плану за безбедност заједнице – {m}"),
        "Council members, municipal directorates and the police go through what residents "
        "raised and agree the measures of the action plan.",
        "Municipal assembly hall", "council", "council",
    ),
    "mcsc_consultation": ActivityKind(
        "public_consultation",
        Names("MCSC public consultation with residents – {m}",
              "Konsultim publik i KKSB-së me banorët – {m}",
              "Јавна консултација ОСБЗ са грађанима – {m}"),
        "Residents of every community tell the MCSC what makes them feel unsafe; the "
        "minutes feed the action plan.",
        "Community centre", "public", "adults",
    ),
    "research_training": ActivityKind(
        "training",
        Names("Training of CSO staff in community-safety research – {m}",
              "Trajnim i stafit të OShC-ve për hulumtimin e sigurisë në bashkësi – {m}",
              "Обука особља ОЦД за истраживање безбедности заједнице – {m}"),
        "Survey design, interviewing across communities, research ethics and writing for "
        "policy makers.",
        "Training room of the partner CSO", "balanced", "staff",
    ),
    "fieldwork": ActivityKind(
        "research_fieldwork",
        Names("Community-safety survey fieldwork – {m}",
              "Punë në terren për anketën e sigurisë në bashkësi – {m}",
              "Теренски рад за анкету о безбедности заједнице – {m}"),
        "Enumerators from the partner CSO interview households in every neighbourhood.",
        "Households across the municipality", "balanced", "staff",
    ),
    "gender_workshop": ActivityKind(
        "workshop",
        Names("Workshop on women's safety in public spaces – {m}",
              "Punëtori për sigurinë e grave në hapësirat publike – {m}",
              "Радионица о безбедности жена у јавним просторима – {m}"),
        "Women map the places they avoid and what would make them safer.",
        "Women's centre", "women", "adults",
    ),
    "policy_roundtable": ActivityKind(
        "roundtable",
        Names("Roundtable on research findings with security institutions – {m}",
              "Tryezë e rrumbullakët me institucionet e sigurisë për gjetjet e hulumtimit – {m}",
              "Округли сто са безбедносним институцијама о налазима истраживања – {m}"),
        "Partner CSOs present their findings to the ministry, the police and the MCSCs and "
        "agree who follows up each recommendation.",
        "Conference room", "council", "council",
    ),
    "publication_launch": ActivityKind(
        "publication_launch",
        Names("Launch of community-safety research – {m}",
              "Prezantimi i hulumtimit për sigurinë në bashkësi – {m}",
              "Представљање истраживања о безбедности заједнице – {m}"),
        "The authors present the publication to residents, media and institutions.",
        "Conference room", "public", "adults",
    ),
    "police_dialogue": ActivityKind(
        "dialogue_event",
        Names("Dialogue between the police and residents – {m}",
              "Takim dialogu ndërmjet policisë dhe banorëve – {m}",
              "Дијалошки скуп полиције и грађана – {m}"),
        "Residents of all communities raise safety concerns with the station commander and "
        "community policing officers; each concern is recorded and followed up.",
        "Community centre", "public", "adults",
    ),
    "youth_dialogue": ActivityKind(
        "dialogue_event",
        Names("Youth dialogue on safety across communities – {m}",
              "Dialog i të rinjve për sigurinë ndërmjet komuniteteve – {m}",
              "Дијалог младих о безбедности међу заједницама – {m}"),
        "Young Albanians and Serbs discuss safety in their towns and plan a joint action.",
        "Youth centre", "balanced", "youth",
    ),
    "policing_training": ActivityKind(
        "training",
        Names("Joint training of police officers and community representatives on community "
              "policing – {m}",
              "Trajnim i përbashkët i zyrtarëve policorë dhe i përfaqësuesve të komuniteteve "
              "për policimin në bashkësi – {m}",
              "Заједничка обука полицијских службеника и представника заједница о раду "
              "полиције у заједници – {m}"),
        "Police officers and community representatives train together in problem solving "
        "and communication across languages.",
        "Police training room", "police", "staff",
    ),
    "dialogue_conference": ActivityKind(
        "conference",
        Names("Regional conference on conflict prevention and the Kosovo–Serbia dialogue – {m}",
              "Konferencë rajonale për parandalimin e konflikteve dhe dialogun Kosovë–Serbi "
              "– {m}",
              "Регионална конференција о превенцији сукоба и дијалогу Косово–Србија – {m}"),
        "CSOs, municipalities and police from the region discuss how local dialogue "
        "supports the implementation of agreements.",
        "Conference hall", "balanced", "adults",
    ),
    "strategy_working_group": ActivityKind(
        "roundtable",
        Names("Working-group meeting with the ministry on the draft strategy – {m}",
              "Takim i grupit punues me ministrinë për projektstrategjinë – {m}",
              "Састанак радне групе са министарством о нацрту стратегије – {m}"),
        "The ministry's working group and the partner CSOs go through the recommendations "
        "gathered in the consultations.",
        "Ministry of Internal Affairs", "council", "council",
    ),
    "salw_consultation": ActivityKind(
        "public_consultation",
        Names("Public consultation on the national small-arms control strategy – {m}",
              "Konsultim publik për strategjinë kombëtare të kontrollit të armëve të vogla – {m}",
              "Јавна консултација о националној стратегији контроле малог оружја – {m}"),
        "Residents, CSOs, the police and the municipality comment on the draft strategy; "
        "the recommendations go to the ministry's working group.",
        "Municipal assembly hall", "public", "adults",
    ),
    "weapons_campaign": ActivityKind(
        "campaign",
        Names("Campaign on the risks of illegal weapons at home – {m}",
              "Fushatë për rreziqet e armëve ilegale në shtëpi – {m}",
              "Кампања о ризицима нелегалног оружја у кући – {m}"),
        "Street stands and school visits on safe storage and voluntary surrender of "
        "weapons.",
        "Town square", "campaign", "everyone",
    ),
    "gunfire_campaign": ActivityKind(
        "campaign",
        Names("Campaign against celebratory gunfire – {m}",
              "Fushatë kundër të shtënave me armë në festa – {m}",
              "Кампања против пуцања из оружја на слављима – {m}"),
        "Wedding venues, musicians and families are asked to celebrate without firing "
        "weapons.",
        "Wedding venues and town square", "campaign", "everyone",
    ),
}  # fmt: skip

# Shares in percent; participants are spread over gender × age band × community by them.
GENDER_MIXES: dict[str, dict[Gender, int]] = {
    "public": {Gender.FEMALE: 44, Gender.MALE: 56},
    "balanced": {Gender.FEMALE: 52, Gender.MALE: 48},
    "council": {Gender.FEMALE: 30, Gender.MALE: 70},
    "police": {Gender.FEMALE: 28, Gender.MALE: 72},
    "women": {Gender.FEMALE: 88, Gender.MALE: 12},
    "campaign": {Gender.FEMALE: 48, Gender.MALE: 49, Gender.UNDISCLOSED: 3},
}
AGE_MIXES: dict[str, dict[AgeBand, int]] = {
    "adults": {AgeBand.FROM_18_TO_29: 24, AgeBand.FROM_30_TO_44: 34,
               AgeBand.FROM_45_TO_64: 32, AgeBand.FROM_65: 10},
    "council": {AgeBand.FROM_18_TO_29: 8, AgeBand.FROM_30_TO_44: 40, AgeBand.FROM_45_TO_64: 52},
    "staff": {AgeBand.FROM_18_TO_29: 45, AgeBand.FROM_30_TO_44: 40, AgeBand.FROM_45_TO_64: 15},
    "youth": {AgeBand.UNDER_18: 40, AgeBand.FROM_18_TO_29: 60},
    "everyone": {AgeBand.UNDER_18: 18, AgeBand.FROM_18_TO_29: 26, AgeBand.FROM_30_TO_44: 24,
                 AgeBand.FROM_45_TO_64: 20, AgeBand.FROM_65: 7, AgeBand.UNKNOWN: 5},
}  # fmt: skip
# Who comes to an activity in each municipality, by community code.
COMMUNITY_MIXES: dict[str, dict[str, int]] = {
    "prishtine": {"albanian": 80, "serb": 6, "ashkali": 5, "roma": 4, "bosniak": 3, "turkish": 2},
    "mitrovice-veri": {"serb": 62, "albanian": 24, "bosniak": 10, "roma": 4},
    "mitrovice-jug": {"albanian": 82, "roma": 6, "ashkali": 5, "bosniak": 4, "turkish": 3},
    "zvecan": {"serb": 88, "albanian": 8, "roma": 4},
    "leposaviq": {"serb": 92, "albanian": 6, "bosniak": 2},
    "zubin-potok": {"serb": 86, "albanian": 14},
    "gracanice": {"serb": 68, "albanian": 18, "roma": 14},
    "prizren": {"albanian": 66, "bosniak": 14, "turkish": 12, "roma": 5, "ashkali": 3},
    "gjilan": {"albanian": 80, "serb": 10, "roma": 8, "turkish": 2},
    "fushe-kosove": {"albanian": 55, "ashkali": 30, "roma": 8, "egyptian": 7},
    # Events that deliberately bring both sides of the Ibar, or the region, together.
    "north-mixed": {"serb": 50, "albanian": 42, "bosniak": 8},
    "regional": {"serb": 40, "albanian": 40, "bosniak": 5, "other": 15},
}


class ActivitySeed(NamedTuple):
    project: str
    kind: str
    municipality: str
    start: date
    days: int
    carried_out_by: str
    participants: int
    communities: str | None = None  # a key of COMMUNITY_MIXES; default: the municipality's


A = ActivitySeed
ACTIVITIES = (
    A("CSK-2025-01", "research_training", "prishtine", D(2026, 1, 20), 2, "qsb", 16),
    A("CSK-2025-01", "mcsc_action_plan", "prishtine", D(2026, 1, 28), 1, "qsb", 12),
    A("CSK-2025-01", "mcsc_consultation", "gracanice", D(2026, 2, 10), 1, "zajedno", 34),
    A("CSK-2025-01", "mcsc_consultation", "prishtine", D(2026, 2, 17), 1, "qsb", 46),
    A("CSK-2025-01", "mcsc_action_plan", "mitrovice-veri", D(2026, 2, 24), 1, "cdi", 11),
    A("CSK-2025-01", "fieldwork", "prizren", D(2026, 3, 4), 3, "fqs", 8),
    A("CSK-2025-01", "gender_workshop", "gjilan", D(2026, 3, 12), 1, "gks", 22),
    A("CSK-2025-01", "mcsc_consultation", "zvecan", D(2026, 3, 19), 1, "cdi", 27),
    A("CSK-2025-01", "mcsc_action_plan", "gracanice", D(2026, 4, 14), 1, "zajedno", 13),
    A("CSK-2025-01", "research_training", "mitrovice-veri", D(2026, 4, 22), 2, "cdi", 12,
      "north-mixed"),
    A("CSK-2025-01", "mcsc_consultation", "prizren", D(2026, 5, 6), 1, "fqs", 41),
    A("CSK-2025-01", "fieldwork", "gracanice", D(2026, 5, 12), 4, "zajedno", 6),
    A("CSK-2025-01", "mcsc_action_plan", "zvecan", D(2026, 5, 27), 1, "cdi", 10),
    A("CSK-2025-01", "publication_launch", "prishtine", D(2026, 6, 9), 1, "psn", 58),
    A("CSK-2025-01", "mcsc_consultation", "gjilan", D(2026, 6, 18), 1, "gks", 38),
    A("CSK-2025-01", "mcsc_action_plan", "prizren", D(2026, 7, 8), 1, "fqs", 14),
    A("CSK-2025-01", "gender_workshop", "prishtine", D(2026, 7, 15), 1, "qsb", 19),
    A("CSK-2025-01", "policy_roundtable", "prishtine", D(2026, 9, 10), 1, "psn", 26),
    A("CSK-2025-01", "mcsc_action_plan", "gjilan", D(2026, 9, 23), 1, "gks", 12),
    A("CSK-2025-01", "mcsc_consultation", "mitrovice-veri", D(2026, 10, 7), 1, "cdi", 31,
      "north-mixed"),
    A("CSK-2025-01", "mcsc_action_plan", "prishtine", D(2026, 10, 14), 1, "qsb", 13),
    A("CSK-2025-02", "research_training", "prizren", D(2026, 1, 14), 2, "fqs", 14),
    A("CSK-2025-02", "fieldwork", "gjilan", D(2026, 2, 2), 5, "gks", 10),
    A("CSK-2025-02", "fieldwork", "fushe-kosove", D(2026, 3, 2), 4, "qsb", 9),
    A("CSK-2025-02", "policy_roundtable", "prishtine", D(2026, 4, 16), 1, "qsb", 24),
    A("CSK-2025-02", "publication_launch", "prizren", D(2026, 5, 20), 1, "fqs", 47),
    A("CSK-2025-02", "publication_launch", "gjilan", D(2026, 6, 3), 1, "gks", 39),
    A("CSK-2025-02", "policy_roundtable", "prishtine", D(2026, 7, 2), 1, "psn", 21),
    A("CSK-2025-02", "publication_launch", "fushe-kosove", D(2026, 8, 26), 1, "qsb", 44),
    A("CSK-2025-03", "police_dialogue", "mitrovice-veri", D(2026, 1, 22), 1, "cdi", 36),
    A("CSK-2025-03", "youth_dialogue", "mitrovice-veri", D(2026, 2, 12), 2, "cdi", 28,
      "north-mixed"),
    A("CSK-2025-03", "policing_training", "zvecan", D(2026, 3, 10), 2, "cdi", 18),
    A("CSK-2025-03", "police_dialogue", "leposaviq", D(2026, 3, 26), 1, "cdi", 25),
    A("CSK-2025-03", "youth_dialogue", "mitrovice-jug", D(2026, 4, 9), 1, "cdi", 30,
      "north-mixed"),
    A("CSK-2025-03", "police_dialogue", "zubin-potok", D(2026, 5, 14), 1, "cdi", 22),
    A("CSK-2025-03", "policing_training", "mitrovice-veri", D(2026, 6, 10), 2, "cdi", 20,
      "north-mixed"),
    A("CSK-2025-03", "police_dialogue", "zvecan", D(2026, 7, 9), 1, "cdi", 29),
    A("CSK-2025-03", "youth_dialogue", "gracanice", D(2026, 9, 17), 1, "zajedno", 26),
    A("CSK-2025-03", "dialogue_conference", "mitrovice-veri", D(2026, 9, 29), 2, "psn", 84,
      "regional"),
    A("CSK-2025-03", "police_dialogue", "mitrovice-veri", D(2026, 10, 8), 1, "cdi", 33),
    A("CSK-2026-01", "strategy_working_group", "prishtine", D(2026, 2, 19), 1, "psn", 15),
    A("CSK-2026-01", "salw_consultation", "prishtine", D(2026, 3, 17), 1, "qsb", 62),
    A("CSK-2026-01", "salw_consultation", "prizren", D(2026, 4, 21), 1, "fqs", 48),
    A("CSK-2026-01", "salw_consultation", "gjilan", D(2026, 4, 28), 1, "gks", 44),
    A("CSK-2026-01", "salw_consultation", "mitrovice-veri", D(2026, 5, 12), 1, "cdi", 37,
      "north-mixed"),
    A("CSK-2026-01", "salw_consultation", "gracanice", D(2026, 5, 19), 1, "qsb", 29),
    A("CSK-2026-01", "gunfire_campaign", "prizren", D(2026, 6, 25), 3, "fqs", 160),
    A("CSK-2026-01", "weapons_campaign", "gjilan", D(2026, 7, 21), 2, "gks", 135),
    A("CSK-2026-01", "gunfire_campaign", "prishtine", D(2026, 8, 13), 3, "qsb", 210),
    A("CSK-2026-01", "strategy_working_group", "prishtine", D(2026, 9, 15), 1, "psn", 17),
)  # fmt: skip

# (project, municipality, start) -> the problems met at the activity and how they were
# addressed, as the EU's narrative report asks for each activity.
ACTIVITY_PROBLEMS = {
    ("CSK-2025-01", "mitrovice-veri", D(2026, 2, 24)):
        "Postponed by two weeks because of the tensions in the north; the partner confirmed "
        "the new date with every MCSC member by phone, and all but one attended.",
    ("CSK-2025-01", "zvecan", D(2026, 3, 19)):
        "Few Albanian residents came. The Ibar Dialogue Centre met the village councils "
        "afterwards and will hold the next consultation in a village rather than in town.",
    ("CSK-2025-01", "gracanice", D(2026, 5, 12)):
        "Many households asked to be interviewed in the evening; the fieldwork was "
        "stretched from two days to four, within the same budget.",
    ("CSK-2025-01", "zvecan", D(2026, 5, 27)):
        "The municipal assembly did not meet in April, so the plan was adopted a month late; "
        "the measures were not changed.",
    ("CSK-2025-01", "gjilan", D(2026, 6, 18)):
        "Roma and Ashkali residents of the outlying neighbourhoods had no way to come; "
        "Women for Safe Communities arranged a minibus, paid from the venue savings.",
}  # fmt: skip

# --- Results framework --------------------------------------------------------------------


class ResultSeed(NamedTuple):
    project: str
    code: str
    level: ResultLevel
    parent: str | None
    names: Names


class Rollup(NamedTuple):
    """An indicator whose value per period is counted from the project's activities."""

    kinds: tuple[str, ...]
    measure: Literal["activities", "participants", "women"]


class IndicatorSeed(NamedTuple):
    project: str
    result: str
    code: str
    names: Names
    unit: str
    baseline: str
    target: str
    verification: str
    values: tuple[str, str, str] | Rollup  # for VALUE_PERIODS, in order
    comments: tuple[str | None, str | None, str | None] = (None, None, None)


VALUE_PERIODS = ("2026-Q1", "2026-Q2", "2026-Q3")
# Projects whose 2026-Q3 values the manager has submitted; the others' are still drafts.
Q3_SUBMITTED = frozenset({"CSK-2025-01", "CSK-2025-03"})

P1, P2, P3, P4 = "CSK-2025-01", "CSK-2025-02", "CSK-2025-03", "CSK-2026-01"
R = ResultSeed
OBJECTIVE, OUTCOME, OUTPUT = ResultLevel.OBJECTIVE, ResultLevel.OUTCOME, ResultLevel.OUTPUT
RESULTS = (
    R(P1, "OO", OBJECTIVE, None, Names(
        "Safer communities in Kosovo through accountable and inclusive local safety governance",
        "Komunitete më të sigurta në Kosovë përmes qeverisjes lokale të sigurisë, "
        "llogaridhënëse dhe gjithëpërfshirëse",
        "Безбедније заједнице на Косову кроз одговорно и инклузивно локално управљање "
        "безбедношћу")),
    R(P1, "OC1", OUTCOME, "OO", Names(
        "MCSCs consult communities and adopt and implement community safety action plans",
        "KKSB-të konsultojnë komunitetet dhe miratojnë e zbatojnë planet e veprimit për "
        "siguri në bashkësi",
        "ОСБЗ консултују заједнице и усвајају и спроводе акционе планове за безбедност "
        "заједнице")),
    R(P1, "OC2", OUTCOME, "OO", Names(
        "Partner CSOs use their own research to influence local and national security policy",
        "OShC-të partnere përdorin hulumtimet e tyre për të ndikuar në politikat lokale dhe "
        "kombëtare të sigurisë",
        "Партнерске ОЦД користе сопствена истраживања да утичу на локалне и националне "
        "безбедносне политике")),
    R(P1, "OP1.1", OUTPUT, "OC1", Names(
        "MCSC members trained and supported to hold public consultations",
        "Anëtarët e KKSB-ve të trajnuar dhe të mbështetur për të mbajtur konsultime publike",
        "Чланови ОСБЗ обучени и подржани да одржавају јавне консултације")),
    R(P1, "OP2.1", OUTPUT, "OC2", Names(
        "Staff of partner CSOs trained in community-safety research",
        "Stafi i OShC-ve partnere i trajnuar për hulumtimin e sigurisë në bashkësi",
        "Особље партнерских ОЦД обучено за истраживање безбедности заједнице")),
    R(P1, "OP2.2", OUTPUT, "OC2", Names(
        "Research reports and policy briefs published in Albanian, Serbian and English",
        "Raporte hulumtuese dhe përmbledhje të politikave të publikuara në shqip, serbisht "
        "dhe anglisht",
        "Истраживачки извештаји и сажеци политика објављени на албанском, српском и "
        "енглеском")),
    R(P2, "OO", OBJECTIVE, None, Names(
        "Security policy in Kosovo answers to evidence on community safety gathered by civil "
        "society",
        "Politikat e sigurisë në Kosovë u përgjigjen dëshmive për sigurinë në bashkësi të "
        "mbledhura nga shoqëria civile",
        "Безбедносна политика на Косову одговара на доказе о безбедности заједнице које "
        "прикупља цивилно друштво")),
    R(P2, "OC1", OUTCOME, "OO", Names(
        "Research by local CSOs is discussed with the institutions that decide on security "
        "policy",
        "Hulumtimet e OShC-ve lokale diskutohen me institucionet që vendosin për politikat e "
        "sigurisë",
        "О истраживањима локалних ОЦД расправља се са институцијама које одлучују о "
        "безбедносној политици")),
    R(P2, "OP1.1", OUTPUT, "OC1", Names(
        "Survey of community safety perceptions carried out in three municipalities",
        "Anketa për perceptimet e sigurisë në bashkësi e realizuar në tri komuna",
        "Анкета о перцепцији безбедности заједнице спроведена у три општине")),
    R(P2, "OP1.2", OUTPUT, "OC1", Names(
        "Findings published and presented in the municipalities",
        "Gjetjet e publikuara dhe të prezantuara në komuna",
        "Налази објављени и представљени у општинама")),
    R(P3, "OO", OBJECTIVE, None, Names(
        "Greater trust between the police and communities in the north of Kosovo",
        "Besim më i madh ndërmjet policisë dhe komuniteteve në veri të Kosovës",
        "Веће поверење између полиције и заједница на северу Косова")),
    R(P3, "OC1", OUTCOME, "OO", Names(
        "Residents of all communities raise safety concerns with the police in regular "
        "dialogue",
        "Banorët e të gjitha komuniteteve i ngrenë shqetësimet për sigurinë te policia në "
        "dialog të rregullt",
        "Грађани свих заједница износе безбедносне проблеме полицији у редовном дијалогу")),
    R(P3, "OP1.1", OUTPUT, "OC1", Names(
        "Police officers and community representatives trained together in community "
        "policing",
        "Zyrtarë policorë dhe përfaqësues të komuniteteve të trajnuar së bashku për "
        "policimin në bashkësi",
        "Полицијски службеници и представници заједница заједно обучени о раду полиције у "
        "заједници")),
    R(P3, "OP1.2", OUTPUT, "OC1", Names(
        "Young people from Albanian and Serb communities meet in dialogue on safety",
        "Të rinjtë nga komunitetet shqiptare dhe serbe takohen në dialog për sigurinë",
        "Млади из албанске и српске заједнице сусрећу се у дијалогу о безбедности")),
    R(P4, "OO", OBJECTIVE, None, Names(
        "Less misuse of small arms and light weapons in Kosovo, under a strategy shaped by "
        "public consultation",
        "Më pak keqpërdorim i armëve të vogla dhe të lehta në Kosovë, me një strategji të "
        "formësuar nga konsultimi publik",
        "Мање злоупотребе малог и лаког оружја на Косову, уз стратегију обликовану јавним "
        "консултацијама")),
    R(P4, "OC1", OUTCOME, "OO", Names(
        "Citizens, CSOs and municipalities take part in the consultation on the national "
        "small-arms control strategy",
        "Qytetarët, OShC-të dhe komunat marrin pjesë në konsultimin për strategjinë "
        "kombëtare të kontrollit të armëve të vogla",
        "Грађани, ОЦД и општине учествују у консултацији о националној стратегији контроле "
        "малог оружја")),
    R(P4, "OP1.1", OUTPUT, "OC1", Names(
        "Public consultations held in municipalities across Kosovo",
        "Konsultime publike të mbajtura në komuna anembanë Kosovës",
        "Јавне консултације одржане у општинама широм Косова")),
    R(P4, "OP1.2", OUTPUT, "OC1", Names(
        "Awareness campaigns on the risks of illegal weapons",
        "Fushata vetëdijesimi për rreziqet e armëve ilegale",
        "Кампање подизања свести о ризицима нелегалног оружја")),
)  # fmt: skip

Ind = IndicatorSeed
# (project, result code) -> the logframe's assumptions for the result.
RESULT_ASSUMPTIONS = {
    (P1, "OC1"): "Municipalities keep convening their MCSCs and fund part of the measures of "
    "the action plans; the security situation in the north allows mixed meetings.",
    (P1, "OC2"): "The Ministry of Internal Affairs and the Kosovo Police remain open to "
    "evidence from civil society.",
    (P1, "OP1.1"): "MCSC members nominated by the municipalities stay in office for the "
    "duration of the action.",
    (P1, "OP2.1"): "Partner CSOs keep their trained staff.",
    (P1, "OP2.2"): "Households agree to take part in the surveys in every community.",
    (P2, "OC1"): "Institutions publish their policy drafts for consultation.",
    (P3, "OC1"): "Police and community leaders in the north keep meeting.",
    (P4, "OC1"): "The Government keeps the SALW control strategy on its agenda.",
}

INDICATORS = (
    Ind(P1, "OO", "OO.1", Names(
        "Community safety concerns raised with MCSCs that were resolved",
        "Shqetësime për sigurinë në bashkësi të ngritura te KKSB-të që u zgjidhën",
        "Безбедносни проблеми изнети пред ОСБЗ који су решени"),
      "concerns", "0", "60", "MCSC minutes; case register of the partner CSOs",
      ("3", "5", "4")),
    Ind(P1, "OC1", "OC1.1", Names(
        "MCSCs that have adopted an action plan after a public consultation",
        "KKSB që kanë miratuar plan veprimi pas një konsultimi publik",
        "ОСБЗ који су усвојили акциони план после јавне консултације"),
      "MCSCs", "1", "6", "Adopted action plans; municipal assembly decisions",
      ("0", "2", "1"),
      (None, "Graçanicë/Gračanica and Zveçan/Zvečan", "Prizren")),
    Ind(P1, "OC1", "OC1.2", Names(
        "Women taking part in MCSC public consultations",
        "Gra që marrin pjesë në konsultimet publike të KKSB-ve",
        "Жене које учествују у јавним консултацијама ОСБЗ"),
      "people", "0", "300", "Attendance lists, disaggregated by gender",
      Rollup(("mcsc_consultation",), "women")),
    Ind(P1, "OC2", "OC2.1", Names(
        "Policy recommendations of partner CSOs taken up by institutions",
        "Rekomandime të politikave të OShC-ve partnere të pranuara nga institucionet",
        "Препоруке политика партнерских ОЦД које су институције прихватиле"),
      "recommendations", "0", "8", "Ministry guidance, municipal decisions, minutes",
      ("0", "2", "1"),
      (None, "Ministry guidance to MCSCs", "Lighting of routes to schools")),
    Ind(P1, "OP1.1", "OP1.1.1", Names(
        "Public consultations held by MCSCs",
        "Konsultime publike të mbajtura nga KKSB-të",
        "Јавне консултације које су одржали ОСБЗ"),
      "consultations", "0", "18", "Minutes and attendance lists",
      Rollup(("mcsc_consultation",), "activities"),
      (None, None, "Summer break; consultations resume in October.")),
    Ind(P1, "OP2.1", "OP2.1.1", Names(
        "CSO staff who completed the research training",
        "Stafi i OShC-ve që përfundoi trajnimin për hulumtim",
        "Запослени у ОЦД који су завршили обуку за истраживање"),
      "people", "0", "30", "Training attendance lists and certificates",
      Rollup(("research_training",), "participants")),
    Ind(P1, "OP2.2", "OP2.2.1", Names(
        "Research outputs published",
        "Produkte hulumtuese të publikuara",
        "Објављени истраживачки производи"),
      "publications", "0", "6", "Published reports and briefs", ("1", "1", "0")),
    Ind(P2, "OO", "OO.1", Names(
        "Institutions that cite the partners' research in policy documents",
        "Institucione që citojnë hulumtimet e partnerëve në dokumente të politikave",
        "Институције које у документима политика наводе истраживања партнера"),
      "institutions", "0", "4", "Policy documents of the ministry, police and municipalities",
      ("0", "1", "1")),
    Ind(P2, "OC1", "OC1.1", Names(
        "Roundtables with security institutions on research findings",
        "Tryeza të rrumbullakëta me institucionet e sigurisë për gjetjet e hulumtimeve",
        "Округли столови са безбедносним институцијама о налазима истраживања"),
      "roundtables", "0", "4", "Agendas and minutes",
      Rollup(("policy_roundtable",), "activities")),
    Ind(P2, "OP1.1", "OP1.1.1", Names(
        "Households interviewed in the survey",
        "Familje të intervistuara në anketë",
        "Домаћинства анкетирана у истраживању"),
      "households", "0", "1200", "Survey dataset", ("780", "420", "0")),
    Ind(P2, "OP1.2", "OP1.2.1", Names(
        "Launches of the findings held in the municipalities",
        "Prezantime të gjetjeve të mbajtura në komuna",
        "Представљања налаза одржана у општинама"),
      "launches", "0", "3", "Agendas, photos and media coverage",
      Rollup(("publication_launch",), "activities")),
    Ind(P3, "OO", "OO.1", Names(
        "Safety concerns raised at dialogue events that the police followed up",
        "Shqetësime për sigurinë të ngritura në takime dialogu që policia i ndoqi",
        "Безбедносни проблеми изнети на дијалошким скуповима на које је полиција "
        "реаговала"),
      "concerns", "0", "40", "Follow-up log agreed with the Kosovo Police", ("6", "9", "7")),
    Ind(P3, "OC1", "OC1.1", Names(
        "Dialogue events between the police and residents",
        "Takime dialogu ndërmjet policisë dhe banorëve",
        "Дијалошки скупови полиције и грађана"),
      "events", "0", "16", "Minutes and attendance lists",
      Rollup(("police_dialogue",), "activities")),
    Ind(P3, "OC1", "OC1.2", Names(
        "Women taking part in dialogue events",
        "Gra që marrin pjesë në takimet e dialogut",
        "Жене које учествују на дијалошким скуповима"),
      "people", "0", "250", "Attendance lists, disaggregated by gender",
      Rollup(("police_dialogue", "youth_dialogue"), "women")),
    Ind(P3, "OP1.1", "OP1.1.1", Names(
        "Police officers and community representatives who completed the joint training",
        "Zyrtarë policorë dhe përfaqësues të komuniteteve që përfunduan trajnimin e "
        "përbashkët",
        "Полицијски службеници и представници заједница који су завршили заједничку обуку"),
      "people", "0", "60", "Training attendance lists",
      Rollup(("policing_training",), "participants")),
    Ind(P3, "OP1.2", "OP1.2.1", Names(
        "Young people in cross-community dialogues",
        "Të rinj në dialogje ndërmjet komuniteteve",
        "Млади у дијалозима међу заједницама"),
      "people", "0", "200", "Attendance lists", Rollup(("youth_dialogue",), "participants")),
    Ind(P4, "OO", "OO.1", Names(
        "Recommendations from the consultations included in the draft strategy",
        "Rekomandime nga konsultimet të përfshira në projektstrategji",
        "Препоруке са консултација уврштене у нацрт стратегије"),
      "recommendations", "0", "15", "Draft strategy and the ministry's consultation report",
      ("0", "4", "5")),
    Ind(P4, "OC1", "OC1.1", Names(
        "Participants in public consultations on the strategy",
        "Pjesëmarrës në konsultimet publike për strategjinë",
        "Учесници јавних консултација о стратегији"),
      "people", "0", "400", "Attendance lists", Rollup(("salw_consultation",), "participants")),
    Ind(P4, "OC1", "OC1.2", Names(
        "Women taking part in the consultations on the strategy",
        "Gra që marrin pjesë në konsultimet për strategjinë",
        "Жене које учествују у консултацијама о стратегији"),
      "people", "0", "180", "Attendance lists, disaggregated by gender",
      Rollup(("salw_consultation",), "women")),
    Ind(P4, "OP1.1", "OP1.1.1", Names(
        "Public consultations held on the strategy",
        "Konsultime publike të mbajtura për strategjinë",
        "Јавне консултације одржане о стратегији"),
      "consultations", "0", "8", "Minutes and attendance lists",
      Rollup(("salw_consultation",), "activities")),
    Ind(P4, "OP1.2", "OP1.2.1", Names(
        "People reached by campaign street actions",
        "Njerëz të arritur nga aksionet e fushatës në terren",
        "Особе до којих су допрле уличне акције кампање"),
      "people", "0", "1000", "Campaign logs and photos",
      Rollup(("weapons_campaign", "gunfire_campaign"), "participants")),
)  # fmt: skip

# --- Research outputs ---------------------------------------------------------------------


class ResearchSeed(NamedTuple):
    project: str
    names: Names
    output_type: OutputType
    status: OutputStatus
    authors: str
    languages: str
    published_on: date | None
    publisher: str | None
    place: str | None
    isbn: str | None
    doi: str | None
    abstract: str


RESEARCH = (
    ResearchSeed(
        P1,
        Names("Community safety in Prishtinë/Priština and Gračanica: what residents say",
              "Siguria në bashkësi në Prishtinë dhe Graçanicë: çfarë thonë banorët",
              "Безбедност заједнице: Приштина и Грачаница – шта кажу грађани",
              "Bezbednost zajednice: Priština i Gračanica – šta kažu građani"),
        OutputType.RESEARCH_REPORT, OutputStatus.PUBLISHED,
        "Berisha, Driton; Stojanović, Jelena; Krasniqi, Arta", "sq,sr,en", date(2026, 3, 12),
        "Centre for Community Safety", "Prishtinë/Priština", "978-9951-8937-0-1", None,
        "Residents of both municipalities rank poor street lighting, speeding and the "
        "presence of weapons among their main safety concerns; Serb and Roma residents "
        "trust MCSCs less than Albanian residents, mostly because they were never invited.",
    ),
    ResearchSeed(
        P1,
        Names("From consultation to action: making MCSC action plans work",
              "Nga konsultimi te veprimi: si të funksionojnë planet e veprimit të KKSB-ve",
              "Од консултације до акције: како да акциони планови ОСБЗ заживе"),
        OutputType.POLICY_BRIEF, OutputStatus.PUBLISHED,
        "Jovanović, Milica; Ilić, Marko", "sq,sr,en", date(2026, 6, 5),
        "Peace and Safety Network", "Prishtinë/Priština", None, "10.5555/psn.2026.002",
        "Five recommendations for the Ministry of Internal Affairs and the municipalities on "
        "funding, monitoring and reporting back on MCSC action plans.",
    ),
    ResearchSeed(
        P1,
        Names("Women's safety in public spaces in Gjilan/Gnjilane and Prizren",
              "Siguria e grave në hapësirat publike në Gjilan dhe Prizren",
              "Безбедност жена у јавним просторима у Гњилану и Призрену"),
        OutputType.RESEARCH_REPORT, OutputStatus.IN_REVIEW,
        "Bajrami, Lumnije; Kryeziu, Blerta; Mustafić, Amra", "sq,sr,en", None, None, None,
        None, None,
        "Where women in two municipalities feel unsafe, what they avoid, and what MCSCs can "
        "change first.",
    ),
    ResearchSeed(
        P2,
        Names("Community Safety Perception Survey 2026: Prizren, Gjilan/Gnjilane and Fushë "
              "Kosovë/Kosovo Polje",
              "Anketa e perceptimit të sigurisë në bashkësi 2026: Prizren, Gjilan dhe Fushë "
              "Kosovë",
              "Анкета о перцепцији безбедности заједнице 2026: Призрен, Гњилане и Косово Поље"),
        OutputType.SURVEY, OutputStatus.PUBLISHED,
        "Kryeziu, Blerta; Mustafa, Sabit; Berisha, Driton", "sq,sr,en", date(2026, 5, 20),
        "Centre for Community Safety", "Prishtinë/Priština", "978-9951-8937-1-8",
        "10.5555/psn.2026.001",
        "1,200 households interviewed face to face in three municipalities, with a boosted "
        "sample of Roma, Ashkali and Egyptian households.",
    ),
    ResearchSeed(
        P2,
        Names("Listening to Roma, Ashkali and Egyptian communities on safety",
              "T'i dëgjojmë komunitetet rome, ashkalie dhe egjiptiane për sigurinë",
              "Чујмо ромску, ашкалијску и египћанску заједницу о безбедности"),
        OutputType.POLICY_BRIEF, OutputStatus.PUBLISHED,
        "Mustafa, Sabit; Hoxha, Teuta", "sq,sr,en", date(2026, 8, 26),
        "Centre for Community Safety", "Prishtinë/Priština", None, None,
        "Why Roma, Ashkali and Egyptian residents rarely report incidents, and four ways "
        "for the police and MCSCs to reach them.",
    ),
    ResearchSeed(
        P3,
        Names("Trust in the police in North Mitrovica, Zvečan, Leposavić and Zubin Potok",
              "Besimi te policia në Mitrovicë të Veriut, Zveçan, Leposaviq dhe Zubin Potok",
              "Поверење у полицију у Северној Митровици, Звечану, Лепосавићу и Зубином "
              "Потоку"),
        OutputType.RESEARCH_REPORT, OutputStatus.DRAFTING,
        "Ilić, Marko; Jovanović, Milica", "sr,sq,en", None, None, None, None, None,
        "Focus groups with residents of every community in the four northern municipalities "
        "after a year of regular police–community dialogue.",
    ),
    ResearchSeed(
        P4,
        Names("Small arms at home: what the public consultation asked of the national strategy",
              "Armët e vogla në shtëpi: çfarë kërkoi konsultimi publik nga strategjia "
              "kombëtare",
              "Мало оружје у кући: шта је јавна консултација тражила од националне стратегије"),
        OutputType.POLICY_BRIEF, OutputStatus.PUBLISHED,
        "Hoxha, Teuta; Brenner, Thomas", "sq,sr,en", date(2026, 9, 15),
        "Peace and Safety Network", "Prishtinë/Priština", None, None,
        "Nine recommendations from consultations in five municipalities, on voluntary "
        "surrender, safe storage, domestic violence and celebratory gunfire.",
    ),
    ResearchSeed(
        P4,
        Names("Celebratory gunfire in Kosovo: a municipal picture",
              "Të shtënat me armë në festa në Kosovë: një pasqyrë komunale",
              "Пуцање из оружја на слављима на Косову: слика по општинама"),
        OutputType.RESEARCH_REPORT, OutputStatus.PLANNED,
        "Kryeziu, Blerta; Krasniqi, Arta", "sq,sr,en", None, None, None, None, None,
        "Police incident data and interviews with wedding venues, planned for 2027.",
    ),
)  # fmt: skip

# --- Community-safety cases ---------------------------------------------------------------


class CaseSeed(NamedTuple):
    """A case opened ``opened_days_ago`` before the loader's today; each history step is
    (status, days after opening, note), and the last one is the case's status."""

    reference: str
    project: str | None
    municipality: str
    category: CaseCategory
    title: str
    description: str
    raised_by: str
    referred_to: str | None  # an organisation key
    opened_days_ago: int
    due_after_days: int
    history: tuple[tuple[CaseStatus, int, str], ...]


C = CaseSeed
OPEN, REFERRED, IN_PROGRESS = CaseStatus.OPEN, CaseStatus.REFERRED, CaseStatus.IN_PROGRESS
RESOLVED, CLOSED = CaseStatus.RESOLVED, CaseStatus.CLOSED
CASES = (
    C("CS-2026-001", P1, "prishtine", CaseCategory.PUBLIC_SPACE,
      "Broken street lighting on the path to a primary school",
      "Parents say children walk home in the dark along an unlit path behind the school; "
      "two cases of harassment were reported in winter.",
      "Parents' council of a primary school", "mcsc-prishtine", 210, 60,
      ((OPEN, 0, "Raised at the MCSC public consultation."),
       (REFERRED, 3, "Referred to the MCSC; the directorate for public services informed."),
       (IN_PROGRESS, 21, "The municipality surveyed the path and ordered new lamps."),
       (RESOLVED, 74, "Twelve lamps repaired and two new ones installed; parents confirmed."))),
    C("CS-2026-002", P3, "mitrovice-veri", CaseCategory.POLICE_RELATIONS,
      "Slow police response at night near the main bridge",
      "Residents say calls at night take long to answer and patrols rarely pass the "
      "streets near the bridge.",
      "Residents of the neighbourhood by the bridge", "police", 150, 45,
      ((OPEN, 0, "Raised at the police–community dialogue event."),
       (REFERRED, 2, "Referred to the Kosovo Police station North."),
       (IN_PROGRESS, 30, "The police agreed a night patrol schedule; residents report back "
        "at the next dialogue event."))),
    C("CS-2026-003", P4, "prizren", CaseCategory.WEAPONS,
      "Celebratory gunfire at weddings in one neighbourhood",
      "Shots are fired at most weddings in the summer; a stray bullet hit a roof in June.",
      "Women's group of the neighbourhood", "police", 115, 30,
      ((OPEN, 0, "Raised during the campaign against celebratory gunfire."),
       (REFERRED, 1, "Referred to the Kosovo Police; campaign leaflets left with wedding "
        "venues."))),
    C("CS-2026-004", P1, "gracanice", CaseCategory.ROAD_SAFETY,
      "Nema pešačkog prelaza ispred osnovne škole",
      "Roditelji traže obeležen pešački prelaz i usporivače na glavnom putu ispred škole.",
      "Savet roditelja osnovne škole", "mcsc-gracanice", 180, 90,
      ((OPEN, 0, "Pokrenuto na javnoj konsultaciji OSBZ."),
       (REFERRED, 7, "Upućeno OSBZ Gračanica."),
       (IN_PROGRESS, 40, "Opština je odobrila sredstva iz akcionog plana."),
       (RESOLVED, 95, "Prelaz obeležen i postavljena dva usporivača."))),
    C("CS-2026-005", P1, "gjilan", CaseCategory.GENDER_BASED_VIOLENCE,
      "Safe route and patrols near the bus station for women returning late",
      "Women working evening shifts report harassment between the bus station and the "
      "residential blocks.",
      "Women for Safe Communities", "police", 95, 60,
      ((OPEN, 0, "Raised at the workshop on women's safety in public spaces."),
       (REFERRED, 4, "Referred to the Kosovo Police regional directorate."),
       (IN_PROGRESS, 35, "Evening patrols added; the MCSC will review the lighting."))),
    C("CS-2026-006", P3, "zvecan", CaseCategory.INTERETHNIC_INCIDENT,
      "Графити са претњама на улазу у стамбену зграду",
      "Станари пријављују графите са националистичким претњама и траже брзо уклањање и "
      "истрагу.",
      "Станари зграде", "police", 130, 14,
      ((OPEN, 0, "Пријављено на дијалошком скупу."),
       (REFERRED, 1, "Упућено Косовској полицији."),
       (RESOLVED, 9, "Графити уклоњени; полиција је покренула истрагу."),
       (CLOSED, 40, "Станари потврђују да нових инцидената није било."))),
    C("CS-2026-007", P1, "prishtine", CaseCategory.YOUTH_SAFETY,
      "Drug dealing reported near a youth centre",
      "Youth workers see dealers waiting near the entrance in the evenings.",
      "Youth centre staff", "police", 60, 30,
      ((OPEN, 0, "Raised by youth workers with the partner CSO."),
       (REFERRED, 2, "Referred to the Kosovo Police."))),
    C("CS-2026-008", None, "prizren", CaseCategory.PROPERTY,
      "Mosmarrëveshje për pronën ndërmjet dy familjeve",
      "Një mosmarrëveshje për kufirin e parcelës rrezikon të përshkallëzohet; fqinjët "
      "kërkojnë ndërmjetësim.",
      "Fqinjët", "mcsc-prizren", 20, 30,
      ((OPEN, 0, "U paraqit në zyrën e Forumit Qytetar për Siguri."),)),
    C("CS-2026-009", P3, "leposaviq", CaseCategory.POLICE_RELATIONS,
      "Residents ask for Serbian-speaking officers at the local police station",
      "Older residents cannot report incidents because no officer on duty speaks Serbian.",
      "Village council", "police", 200, 60,
      ((OPEN, 0, "Raised at the dialogue event in Leposavić."),
       (REFERRED, 3, "Referred to the Kosovo Police regional directorate North."),
       (IN_PROGRESS, 25, "The police confirmed that two Serbian-speaking officers will be "
        "posted."),
       (RESOLVED, 55, "Officers posted; residents informed at the next dialogue event."))),
    C("CS-2026-010", P4, "gjilan", CaseCategory.WEAPONS,
      "Armë e paregjistruar e gjetur pranë oborrit të shkollës",
      "Nxënësit gjetën një pistoletë të fshehur pranë gardhit të shkollës; drejtoria kërkon "
      "patrullim dhe informim të prindërve.",
      "Drejtoria e shkollës", "police", 75, 7,
      ((OPEN, 0, "Raportuar në KKSB."),
       (REFERRED, 0, "Referuar menjëherë te Policia e Kosovës."),
       (RESOLVED, 6, "Policia e konfiskoi armën dhe mbajti një takim me prindërit."))),
    C("CS-2026-011", P1, "mitrovice-veri", CaseCategory.PUBLIC_SPACE,
      "Abandoned building used for late-night gatherings",
      "Neighbours report broken glass, fires and fights in an empty building near the "
      "market.",
      "Residents' association", "mcsc-mitrovice-veri", 12, 45,
      ((OPEN, 0, "Raised with the Ibar Dialogue Centre."),
       (REFERRED, 5, "Referred to the MCSC of North Mitrovica."))),
    C("CS-2026-012", None, "fushe-kosove", CaseCategory.PUBLIC_SPACE,
      "Stray dogs on the route to school in an Ashkali neighbourhood",
      "Parents keep younger children at home after two were bitten on the way to school.",
      "Community mediator", None, 6, 30,
      ((OPEN, 0, "Recorded by the community mediator."),)),
)  # fmt: skip

# How to reach whoever raised a case, for some of them: clearly fictional numbers (the
# "000" block is not assigned) and addresses at example.org, never real people.
CASE_CONTACTS = {
    "CS-2026-001": "+383 44 000 001",
    "CS-2026-003": "+383 49 000 003, ask for the group's chair",
    "CS-2026-004": "+383 45 000 004",
    "CS-2026-006": "stanari.zgrade@example.org",
    "CS-2026-008": "+383 44 000 008",
    "CS-2026-012": "medijator@example.org, +383 43 000 012",
}
