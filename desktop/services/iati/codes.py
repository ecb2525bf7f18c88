"""How CSO Desk's records map onto IATI 2.03 codelists, both ways.

Each table below is the one place a mapping is decided; ``docs/IATI.md`` explains them to
offices.  Where IATI has no code for something CSO Desk records exactly (a partner's role
in the EU's terms, a thematic area, a research output's kind), the IATI code goes out for
the donor's portal and the exact value rides along in the ``csodesk`` namespace, which IATI
allows for extensions, so an office's own file reads back without loss.
"""

from desktop.domain.organisation import OrganisationKind
from desktop.domain.project import PartnerRole, ProjectStatus
from desktop.domain.research import OutputType
from desktop.domain.results import ResultLevel

IATI_VERSION = "2.03"
# The extension namespace for what IATI cannot say (see the module's docstring).
CSODESK_NAMESPACE = "urn:csodesk:iati:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RECIPIENT_COUNTRY = "XK"  # Kosovo, as IATI's Country codelist has it
# org-id.guide's list for Kosovo's Business Registration Agency: an organisation's IATI
# identifier, when the office gives none, is this prefix and its registration number.
REGISTRATION_PREFIX = "XK-CR-"

# Our name languages -> xml:lang.  IATI asks for ISO 639-1 codes, which cannot tell
# Serbian's two scripts apart; "sr" alone means Serbian in its default script, which
# CLDR and BCP 47 make Cyrillic, so Cyrillic text goes out as "sr" and Latin text with the
# BCP 47 script subtag as "sr-Latn" (both valid xml:lang values).
XML_LANGUAGES = {"en": "en", "sq": "sq", "sr": "sr", "sr_Latn": "sr-Latn"}
LANGUAGES_FROM_XML = {
    "en": "en",
    "sq": "sq",
    "sr": "sr",
    "sr-cyrl": "sr",
    "sr-latn": "sr_Latn",
}

# ActivityStatus: 1 Pipeline/identification, 2 Implementation, 3 Finalisation, 4 Closed,
# 5 Cancelled, 6 Suspended.  A completed project is closed: CSO Desk has no state for
# "work done, accounts still open".
ACTIVITY_STATUS = {
    ProjectStatus.PLANNED: "1",
    ProjectStatus.ACTIVE: "2",
    ProjectStatus.SUSPENDED: "6",
    ProjectStatus.COMPLETED: "4",
}
PROJECT_STATUS = {
    "1": ProjectStatus.PLANNED,
    "2": ProjectStatus.ACTIVE,
    "3": ProjectStatus.COMPLETED,
    "4": ProjectStatus.COMPLETED,
    "5": ProjectStatus.SUSPENDED,  # cancelled: the nearest CSO Desk has is stopped work
    "6": ProjectStatus.SUSPENDED,
}

# ActivityDateType: 1 Planned start, 2 Actual start, 3 Planned end, 4 Actual end.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
# IATI 1.x spelled the types out; the worked example uses its oldest words.
OLD_DATE_TYPES = {
    "start-planned": PLANNED_START,
    "start": PLANNED_START,
    "start-actual": ACTUAL_START,
    "end-planned": PLANNED_END,
    "completion": PLANNED_END,
    "end-actual": ACTUAL_END,
}

# OrganisationRole: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing.  The lead
# organisation answers for the project (Accountable); every partner, whatever its role in
# the contract, carries out part of the work (Implementing); grant donors fund it.  No
# CSO Desk organisation manages a donor's money for it, so Extending is never written.
FUNDING, ACCOUNTABLE, EXTENDING, IMPLEMENTING = "1", "2", "3", "4"
PARTNER_ROLES = {
    PartnerRole.LEAD: ACCOUNTABLE,
    PartnerRole.CO_APPLICANT: IMPLEMENTING,
    PartnerRole.AFFILIATED_ENTITY: IMPLEMENTING,
    PartnerRole.ASSOCIATE: IMPLEMENTING,
    PartnerRole.LOCAL_PARTNER: IMPLEMENTING,
}

# OrganisationType: 10 Government, 21 International NGO, 24 Partner-country-based NGO,
# 90 Other.  A donor's type is not recorded (the EU, a ministry and a foundation are all
# "donors" in CSO Desk), so none is guessed for it.
ORGANISATION_TYPES: dict[OrganisationKind, str | None] = {
    OrganisationKind.PARTNER_CSO: "24",
    OrganisationKind.INTERNATIONAL_NGO: "21",
    OrganisationKind.DONOR: None,
    OrganisationKind.INSTITUTION: "10",
    OrganisationKind.OTHER: "90",
}
REPORTING_TYPE_FALLBACK = "90"  # reporting-org must have a type
ORGANISATION_KINDS = {
    "10": OrganisationKind.INSTITUTION,
    "11": OrganisationKind.INSTITUTION,
    "15": OrganisationKind.INSTITUTION,
    "21": OrganisationKind.INTERNATIONAL_NGO,
    "22": OrganisationKind.PARTNER_CSO,
    "23": OrganisationKind.PARTNER_CSO,
    "24": OrganisationKind.PARTNER_CSO,
    "40": OrganisationKind.DONOR,
    "60": OrganisationKind.DONOR,
}

# Sectors, vocabulary 1 (OECD DAC 5-digit purpose codes) by thematic area: 15210 Security
# system management and reform (it names civil society's oversight of the security
# system), 15220 Civilian peace-building, conflict prevention and resolution, 15240
# Reintegration and SALW control, 15150 Democratic participation and civil society, 15170
# Women's rights organisations and movements.  An area not listed (one an office added)
# goes out as 15150, the purpose every CSO's project shares.
DAC_VOCABULARY = "1"
OWN_VOCABULARY = "99"  # the reporting organisation's own: our thematic areas' codes
SECTOR_CODES = {
    "community_safety": "15220",
    "salw_control": "15240",
    "police_community": "15210",
    "security_policy": "15210",
    "dialogue": "15220",
    "conflict_prevention": "15220",
    "gender_security": "15170",
    "youth": "15150",
}
SECTOR_FALLBACK = "15150"
# Reading another publisher's file: the area a DAC code stands for.
THEMES_BY_SECTOR = {
    "15210": "security_policy",
    "15220": "conflict_prevention",
    "15230": "conflict_prevention",
    "15240": "salw_control",
    "15150": "youth",
    "15160": "community_safety",
    "15170": "gender_security",
    "15180": "gender_security",
}

# ResultType: 1 Output, 2 Outcome, 3 Impact.  Indicator measure 1 is "Unit".
RESULT_TYPES = {ResultLevel.OUTPUT: "1", ResultLevel.OUTCOME: "2", ResultLevel.OBJECTIVE: "3"}
RESULT_LEVELS = {code: level for level, code in RESULT_TYPES.items()}
UNIT_MEASURE = "1"
# An actual value broken down by sex repeats the actual with this dimension.
SEX_DIMENSION, FEMALE, MALE = "sex", "female", "male"

# DocumentCategory: A01 Pre- and post-project impact appraisal (a survey measures the
# situation before or after), A08 Results, outcomes and outputs (what the project
# published), A12 Activity web page.
DOCUMENT_CATEGORIES = {
    OutputType.RESEARCH_REPORT: "A08",
    OutputType.POLICY_BRIEF: "A08",
    OutputType.SURVEY: "A01",
    OutputType.ARTICLE: "A08",
    OutputType.BOOK: "A08",
    OutputType.DATASET: "A08",
    OutputType.OTHER: "A08",
}
OUTPUT_TYPES = {"A01": OutputType.SURVEY, "A08": OutputType.RESEARCH_REPORT}
DOCUMENT_FORMAT = "text/html"  # a DOI or a web address leads to a landing page

# TransactionType, from the reporting organisation's side: the grant a donor signed is an
# Incoming Commitment (11), each instalment received Incoming Funds (1), each invoice paid
# an Expenditure (4).  Instalments still to come go out as planned disbursements.
INCOMING_FUNDS, EXPENDITURE, INCOMING_COMMITMENT = "1", "4", "11"
OUTGOING_COMMITMENT, DISBURSEMENT = "2", "3"
OLD_TRANSACTION_TYPES = {
    "c": OUTGOING_COMMITMENT,
    "d": DISBURSEMENT,
    "e": EXPENDITURE,
    "if": INCOMING_FUNDS,
    "commitment": OUTGOING_COMMITMENT,
    "disbursement": DISBURSEMENT,
    "expenditure": EXPENDITURE,
    "incoming funds": INCOMING_FUNDS,
    "contribution": INCOMING_FUNDS,
}
# BudgetType 1 Original; BudgetStatus 2 Committed (a signed grant).
BUDGET_ORIGINAL, BUDGET_COMMITTED = "1", "2"
