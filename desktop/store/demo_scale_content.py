"""The building blocks the benchmark generator (``desktop.store.demo_scale``) draws names
and texts from: given names and surnames by community, the shapes of CSO names, project
headlines, suppliers, research topics, case titles and the notes of a case's history.

Kept apart from the generator so that the vocabulary can be read and corrected by someone
who knows Kosovo and its languages without reading the code that writes rows.  Names with
``{m}`` take a municipality's name in the same language.  The hand-written demo's content
(``desktop.store.demo_content``) is reused where it already says something well: activity
kinds, participant mixes, results statements and indicators.
"""

from typing import NamedTuple

from desktop.domain.case import CaseCategory, CaseStatus
from desktop.domain.person import Gender
from desktop.domain.research import OutputType
from desktop.store.demo_content import Names

# --- People -------------------------------------------------------------------------------

# Community code -> (women's given names, men's given names, surnames).
GIVEN_AND_SURNAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "albanian": (
        (
            "Arta",
            "Teuta",
            "Blerta",
            "Lumnije",
            "Drita",
            "Vjosa",
            "Liridona",
            "Albulena",
            "Besa",
            "Fitore",
            "Mimoza",
            "Shqipe",
            "Valbona",
            "Donika",
            "Rina",
            "Jehona",
            "Arbnora",
            "Kaltrina",
            "Edona",
            "Fjolla",
            "Ardita",
            "Blerina",
        ),
        (
            "Driton",
            "Agron",
            "Besnik",
            "Arben",
            "Fatmir",
            "Ilir",
            "Valon",
            "Liridon",
            "Kushtrim",
            "Artan",
            "Bujar",
            "Shpend",
            "Gent",
            "Blerim",
            "Dardan",
            "Labinot",
            "Mentor",
            "Agim",
            "Ardian",
            "Florent",
            "Visar",
            "Lulzim",
        ),
        (
            "Krasniqi",
            "Hoxha",
            "Berisha",
            "Kryeziu",
            "Bajrami",
            "Kelmendi",
            "Gashi",
            "Morina",
            "Shala",
            "Rexhepi",
            "Ahmeti",
            "Bytyqi",
            "Halili",
            "Thaçi",
            "Zeqiri",
            "Hasani",
            "Sylejmani",
            "Limani",
            "Osmani",
            "Rama",
            "Salihu",
            "Jashari",
            "Dema",
            "Hyseni",
            "Musliu",
            "Avdiu",
            "Gjinolli",
            "Përteshi",
        ),
    ),
    "serb": (
        (
            "Milica",
            "Jelena",
            "Ana",
            "Marija",
            "Jovana",
            "Dragana",
            "Snežana",
            "Ivana",
            "Tijana",
            "Katarina",
            "Sanja",
            "Biljana",
            "Danijela",
            "Vesna",
            "Maja",
            "Nevena",
            "Milena",
            "Gordana",
        ),
        (
            "Marko",
            "Nenad",
            "Dragan",
            "Miloš",
            "Nikola",
            "Stefan",
            "Dejan",
            "Zoran",
            "Aleksandar",
            "Srđan",
            "Bojan",
            "Goran",
            "Vladimir",
            "Ivan",
            "Dušan",
            "Miroslav",
            "Đorđe",
            "Saša",
        ),
        (
            "Jovanović",
            "Ilić",
            "Petrović",
            "Stojanović",
            "Nikolić",
            "Marković",
            "Đorđević",
            "Stanković",
            "Milenković",
            "Todorović",
            "Kostić",
            "Radić",
            "Vasić",
            "Mitić",
            "Lazić",
            "Popović",
            "Simić",
            "Ristić",
            "Trajković",
            "Živković",
        ),
    ),
    "bosniak": (
        ("Amra", "Emina", "Selma", "Lejla", "Aida", "Merima"),
        ("Emir", "Adnan", "Haris", "Amir", "Senad", "Mirsad"),
        ("Mustafić", "Hodžić", "Kurtić", "Begović", "Demirović", "Ramadani"),
    ),
    "turkish": (
        ("Elif", "Sevgi", "Ayten", "Sezen", "Nurten"),
        ("Erdal", "Kenan", "Murat", "Tahir", "Orhan"),
        ("Baki", "Çelik", "Yıldırım", "Tuna", "Mazrek"),
    ),
    "roma": (
        ("Sanije", "Mira", "Fatime", "Suzana"),
        ("Sabit", "Nexhmedin", "Bajram", "Selami"),
        ("Mustafa", "Bislimi", "Gashi", "Salihu", "Demiri"),
    ),
    "ashkali": (
        ("Shpresa", "Hava", "Mimoza", "Lirije"),
        ("Ramadan", "Isuf", "Naser", "Bekim"),
        ("Berisha", "Krasniqi", "Mehmeti", "Sylejmani"),
    ),
}
# How often each community's names occur among the generated staff, in percent.
STAFF_COMMUNITIES = {
    "albanian": 58,
    "serb": 28,
    "bosniak": 5,
    "turkish": 3,
    "roma": 3,
    "ashkali": 3,
}
GENDERS_OF_STAFF = {Gender.FEMALE: 52, Gender.MALE: 47, Gender.UNDISCLOSED: 1}

JOB_TITLES = (
    "Project manager", "Programme coordinator", "Project officer", "Researcher",
    "Field researcher", "Trainer", "Youth worker", "Community mediator", "Finance officer",
    "Monitoring and evaluation officer", "Communications officer", "Director",
    "Executive director", "Legal adviser", "Gender focal point", "Administrative assistant",
    "Community policing officer", "MCSC secretary", "Municipal safety officer",
)  # fmt: skip

# --- Organisations ------------------------------------------------------------------------

# What a CSO calls itself ("Centre for {cause}") and the cause it names, in English,
# Albanian and Serbian Cyrillic; a CSO's name ends in its municipality's (``{m}``).
CSO_FORMS = (
    Names("Centre for {cause} – {m}", "Qendra për {cause} – {m}", "Центар за {cause} – {m}"),
    Names("Association for {cause} – {m}", "Shoqata për {cause} – {m}",
          "Удружење за {cause} – {m}"),
    Names("Forum for {cause} – {m}", "Forumi për {cause} – {m}", "Форум за {cause} – {m}"),
    Names("Initiative for {cause} – {m}", "Nisma për {cause} – {m}",
          "Иницијатива за {cause} – {m}"),
    Names("Network for {cause} – {m}", "Rrjeti për {cause} – {m}", "Мрежа за {cause} – {m}"),
    Names("Institute for {cause} – {m}", "Instituti për {cause} – {m}",
          "Институт за {cause} – {m}"),
    Names("Youth Council for {cause} – {m}", "Këshilli Rinor për {cause} – {m}",
          "Савет младих за {cause} – {m}"),
)  # fmt: skip
CSO_CAUSES = (
    Names("Community Safety", "Siguri në Bashkësi", "безбедност заједнице"),
    Names("Peace and Dialogue", "Paqe dhe Dialog", "мир и дијалог"),
    Names("Youth and Safety", "të Rinjtë dhe Sigurinë", "младе и безбедност"),
    Names("Human Rights", "të Drejtat e Njeriut", "људска права"),
    Names("Women's Safety", "Sigurinë e Grave", "безбедност жена"),
    Names("Civic Participation", "Pjesëmarrje Qytetare", "грађанско учешће"),
    Names("Security Policy", "Politikat e Sigurisë", "безбедносну политику"),
    Names("Interethnic Dialogue", "Dialog Ndëretnik", "међуетнички дијалог"),
    Names("Conflict Prevention", "Parandalimin e Konflikteve", "превенцију сукоба"),
    Names("Good Governance", "Qeverisje të Mirë", "добро управљање"),
    Names("Community Policing", "Policimin në Bashkësi", "рад полиције у заједници"),
)  # fmt: skip
STREETS = {
    "sq": ("Rruga Nëna Terezë", "Rruga UÇK", "Rruga Agim Ramadani", "Rruga Luan Haradinaj",
           "Rruga Adem Jashari", "Rruga Skënderbeu", "Sheshi Zahir Pajaziti"),
    "sr": ("Ulica Kralja Petra I", "Ulica Vuka Karadžića", "Ulica Kneza Miloša",
           "Ulica Svetog Save", "Ulica Njegoševa", "Trg Slobode"),
}  # fmt: skip

# --- Projects -----------------------------------------------------------------------------

# A project's title: a headline, then what it does, then where ("{m}").
PROJECT_HEADLINES = (
    Names("Safer Communities", "Komunitete më të sigurta", "Безбедније заједнице"),
    Names("Bridges", "Ura", "Мостови"),
    Names("Voices for Security", "Zëra për sigurinë", "Гласови за безбедност"),
    Names("Fewer Weapons, Safer Homes", "Më pak armë, shtëpi më të sigurta",
          "Мање оружја, безбеднији домови"),
    Names("Together for Safety", "Së bashku për siguri", "Заједно за безбедност"),
    Names("Open Councils", "Këshilla të hapura", "Отворени савети"),
    Names("Safe Streets", "Rrugë të sigurta", "Безбедне улице"),
    Names("Youth Leads", "Të rinjtë prijnë", "Млади предводе"),
    Names("Trust Builders", "Ndërtuesit e besimit", "Градитељи поверења"),
    Names("Neighbours in Dialogue", "Fqinjët në dialog", "Суседи у дијалогу"),
)  # fmt: skip
PROJECT_AIMS = (
    Names("strengthening Municipal Community Safety Councils",
          "forcimi i Këshillave Komunalë për Siguri në Bashkësi",
          "јачање општинских савета за безбедност заједнице"),
    Names("dialogue between the police and communities",
          "dialog ndërmjet policisë dhe komuniteteve", "дијалог полиције и заједница"),
    Names("community-safety research by civil society",
          "hulumtimi i sigurisë në bashkësi nga shoqëria civile",
          "цивилно друштво истражује безбедност заједнице"),
    Names("public consultation on small-arms control",
          "konsultimi publik për kontrollin e armëve të vogla",
          "јавна консултација о контроли малог оружја"),
    Names("young people preventing violence", "të rinjtë parandalojnë dhunën",
          "млади спречавају насиље"),
    Names("women's voices in local security", "zërat e grave në sigurinë lokale",
          "гласови жена у локалној безбедности"),
    Names("dialogue across communities", "dialog ndërmjet komuniteteve",
          "дијалог међу заједницама"),
)  # fmt: skip
PROJECT_TITLE = Names(
    "{headline}: {aim} – {m}", "{headline}: {aim} – {m}", "{headline}: {aim} – {m}"
)
PROJECT_SUMMARY = (
    "Partner CSOs in {places} work with the municipalities, the Municipal Community Safety "
    "Councils and the Kosovo Police so that residents of every community are heard on what "
    "makes them feel unsafe, and see it followed up."
)
# How many people an activity of each type gathers, lowest and highest.
PARTICIPANTS_BY_TYPE = {
    "public_consultation": (20, 70), "training": (10, 25), "campaign": (60, 250),
    "dialogue_event": (15, 60), "conference": (40, 120), "workshop": (12, 30),
    "roundtable": (10, 30), "mcsc_meeting": (8, 16), "research_fieldwork": (4, 12),
    "publication_launch": (25, 70), "other": (5, 40),
}  # fmt: skip
# Now and then an activity is the second round of an earlier one.
ACTIVITY_PREFIXES = (
    Names("Follow-up: ", "Vazhdim: ", "Наставак: "),
    Names("Second round: ", "Raundi i dytë: ", "Други круг: "),
)
# Municipalities where most residents are Serbs: invoices come in dinars, names in Serbian.
SERB_MAJORITY = frozenset({
    "mitrovice-veri", "zvecan", "leposaviq", "zubin-potok", "gracanice", "shterpce",
    "ranillug", "partesh", "kllokot",
})  # fmt: skip
# Who comes to activities where the hand-written demo says nothing (by community code).
COMMUNITY_MIXES: dict[str, dict[str, int]] = {
    "mamushe": {"turkish": 88, "albanian": 10, "roma": 2},
    "dragash": {"albanian": 62, "gorani": 30, "bosniak": 8},
    "peje": {"albanian": 84, "bosniak": 6, "egyptian": 4, "roma": 3, "serb": 3},
    "gjakove": {"albanian": 90, "egyptian": 6, "roma": 2, "ashkali": 2},
    "ferizaj": {"albanian": 92, "ashkali": 5, "roma": 3},
    "novoberde": {"albanian": 58, "serb": 40, "roma": 2},
    "serb_majority": {"serb": 86, "albanian": 8, "roma": 6},
    "albanian_majority": {"albanian": 91, "ashkali": 3, "roma": 2, "bosniak": 2, "turkish": 2},
}

# --- Money --------------------------------------------------------------------------------


class LineTemplate(NamedTuple):
    """A budget line every generated grant has; ``per`` says what its quantity counts."""

    code: str
    heading: str
    description: str
    unit: str
    per: str  # "month", "partner_month", "activity", "half_activity", "partner", "once"
    unit_cost: tuple[int, int]  # euros, lowest and highest


BUDGET_LINES = (
    LineTemplate("1.1", "eu_1_human_resources", "Project manager, 100%", "per month", "month",
                 (2800, 3400)),
    LineTemplate("1.2", "eu_1_human_resources", "Project officers at the partner CSOs, 50%",
                 "per person-month", "partner_month", (1200, 1500)),
    LineTemplate("1.3", "eu_1_human_resources", "Trainers and facilitators", "per day",
                 "half_activity", (180, 250)),
    LineTemplate("2.1", "eu_2_travel", "Local travel to the municipalities", "per trip",
                 "half_activity", (60, 120)),
    LineTemplate("3.1", "eu_3_equipment", "Laptops for the partner CSOs", "per laptop",
                 "partner", (800, 900)),
    LineTemplate("4.1", "eu_4_local_office", "Office rent and utilities", "per month", "month",
                 (500, 900)),
    LineTemplate("5.1", "eu_5_services", "Venues and catering for activities", "per event",
                 "activity", (450, 700)),
    LineTemplate("5.2", "eu_5_services", "Albanian–Serbian interpretation", "per day",
                 "half_activity", (250, 300)),
    LineTemplate("5.3", "eu_5_services", "Printing of materials and publications",
                 "per print run", "half_activity", (300, 600)),
    LineTemplate("5.4", "eu_5_services", "Expenditure verification", "per verification",
                 "once", (5000, 9000)),
)  # fmt: skip
SMALL_GRANTS_LINE = LineTemplate(
    "6.1", "eu_6_other", "Small grants for measures of MCSC action plans", "per grant",
    "partner", (2000, 3000),
)  # fmt: skip
CONTINGENCY_LINE = LineTemplate(
    "8.1", "eu_8_contingency", "Contingency reserve", "lump sum", "once", (3000, 6000)
)
# What the second expenditure of an activity pays for: line code, words, euros (low, high).
EXPENDITURE_KINDS = (
    ("5.2", "Interpretation", (250, 560)),
    ("2.1", "Travel", (20, 140)),
    ("1.3", "Facilitator's fee", (180, 400)),
    ("5.3", "Printing of materials", (90, 600)),
)
VENUE_EXPENDITURE = ("5.1", "Venue and catering", (150, 650))
# Suppliers by the language of the place and by what they sell (a budget line code).
SUPPLIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "sq": {
        "5.1": ("Konferenca sh.p.k.", "Salla Kristal", "Restorant Ura", "Hotel Dardania",
                "Kafe Qendra", "Salla Diamant", "Restorant Liqeni", "Hotel Iliria"),
        "5.2": ("Lingua Translations", "Fjala Përkthime sh.p.k.", "Përkthyes i pavarur"),
        "2.1": ("Taksi Lux", "Kosova Petrol", "Auto Rent Kosova", "Udhëtime Rajonale sh.p.k."),
        "1.3": ("Safety Trainers Network", "Qendra për Trajnime sh.p.k.", "Trajner i pavarur"),
        "5.3": ("Shtypshkronja Drita", "PrintPoint sh.p.k.", "Shtypshkronja Iliria"),
    },
    "sr": {
        "5.1": ("Restoran Lipa", "Dom kulture", "Kafe Most", "Restoran Ibar", "Hotel Sunce",
                "Sala Kristal", "Restoran Kod mosta"),
        "5.2": ("Lingua Translations", "Prevodilačka agencija Reč", "Nezavisni prevodilac"),
        "2.1": ("Petrol Sever", "Taksi Ibar", "Rent-a-car Sever"),
        "1.3": ("Safety Trainers Network", "Centar za obuke d.o.o.", "Nezavisni trener"),
        "5.3": ("Štamparija Grafika", "Štamparija Sever d.o.o.", "Print centar"),
    },
}  # fmt: skip

# --- Reports and results ------------------------------------------------------------------

# (summary, challenges, next steps) per language; the summary takes the period's figures.
NARRATIVE_SUMMARIES = {
    "en": "In {label} the project held {activities} activities with {participants} "
    "participants, {women} of them women, in {places}.",
    "sq": "Në {label} projekti mbajti {activities} aktivitete me {participants} pjesëmarrës, "
    "prej tyre {women} gra, në {places}.",
    "sr": "У периоду {label} пројекат је одржао {activities} активности са {participants} "
    "учесника, од тога {women} жена, у местима: {places}.",
}
NARRATIVE_CHALLENGES = {
    "en": (
        "Tensions in the north postponed two meetings by a fortnight.",
        "Interpretation at mixed events cost more than budgeted; savings on travel covered it.",
        "Few residents of the smaller communities came to the first consultation.",
        "The municipal assembly did not meet, so the action plan waits for adoption.",
    ),
    "sq": (
        "Tensionet në veri i shtynë dy takime për dy javë.",
        "Përkthimi në takimet e përziera kushtoi më shumë se sa ishte planifikuar.",
        "Pak banorë nga komunitetet më të vogla erdhën në konsultimin e parë.",
        "Kuvendi komunal nuk u mblodh, prandaj plani i veprimit pret miratimin.",
    ),
    "sr": (
        "Тензије на северу одложиле су два састанка за две недеље.",
        "Превођење на мешовитим скуповима коштало је више него што је предвиђено.",
        "Мали број грађана из мањих заједница дошао је на прву консултацију.",
        "Скупштина општине се није састала, па акциони план чека усвајање.",
    ),
}
NARRATIVE_NEXT_STEPS = {
    "en": (
        "Next quarter the MCSCs discuss their draft action plans with the police.",
        "Next quarter the partners present their research to the ministry.",
        "Next quarter consultations continue in the remaining municipalities.",
    ),
    "sq": (
        "Tremujorin e ardhshëm KKSB-të diskutojnë projektplanet e veprimit me policinë.",
        "Tremujorin e ardhshëm partnerët ia prezantojnë hulumtimet ministrisë.",
        "Tremujorin e ardhshëm konsultimet vazhdojnë në komunat e tjera.",
    ),
    "sr": (
        "Следећег тромесечја ОСБЗ расправљају о нацртима акционих планова са полицијом.",
        "Следећег тромесечја партнери представљају истраживања министарству.",
        "Следећег тромесечја консултације се настављају у осталим општинама.",
    ),
}
# Indicators that count the participants of one activity type ("{t}"), by who they count.
ROLLUP_INDICATOR_NAMES = {
    "all": Names("Participants – {t}", "Pjesëmarrës – {t}", "Учесници – {t}"),
    "women": Names("Women participants – {t}", "Gra pjesëmarrëse – {t}", "Жене учеснице – {t}"),
    "youth": Names("Participants under 30 – {t}", "Pjesëmarrës nën 30 vjeç – {t}",
                   "Учесници млађи од 30 година – {t}"),
}  # fmt: skip
ROLLUP_VERIFICATION = "Attendance lists, by gender, age band and community"
RETURNED_COMMENTS = (
    "Please attach the attendance lists before I approve.",
    "The figure does not match the minutes; please check.",
    "Split the value by municipality in the comment, as the donor asks.",
)

# --- Research -----------------------------------------------------------------------------

RESEARCH_TOPICS = (
    Names("Community safety: what residents say – {m}",
          "Siguria në bashkësi: çfarë thonë banorët – {m}",
          "Безбедност заједнице: шта кажу грађани – {m}"),
    Names("Trust in the police – {m}", "Besimi te policia – {m}", "Поверење у полицију – {m}"),
    Names("Women's safety in public spaces – {m}",
          "Siguria e grave në hapësirat publike – {m}",
          "Безбедност жена у јавним просторима – {m}"),
    Names("Small arms at home – {m}", "Armët e vogla në shtëpi – {m}",
          "Мало оружје у кући – {m}"),
    Names("Celebratory gunfire: a municipal picture – {m}",
          "Të shtënat me armë në festa: një pasqyrë komunale – {m}",
          "Пуцање из оружја на слављима: слика општине – {m}"),
    Names("Young people and safety – {m}", "Të rinjtë dhe siguria – {m}",
          "Млади и безбедност – {m}"),
    Names("MCSC action plans in practice – {m}",
          "Planet e veprimit të KKSB-ve në praktikë – {m}",
          "Акциони планови ОСБЗ у пракси – {m}"),
    Names("Roma, Ashkali and Egyptian communities and safety – {m}",
          "Komunitetet rom, ashkali dhe egjiptian dhe siguria – {m}",
          "Ромска, ашкалијска и египћанска заједница и безбедност – {m}"),
    Names("Community Safety Perception Survey {year} – {m}",
          "Anketa e perceptimit të sigurisë në bashkësi {year} – {m}",
          "Анкета о перцепцији безбедности заједнице {year} – {m}"),
)  # fmt: skip
OUTPUT_TYPES = {
    OutputType.RESEARCH_REPORT: 40, OutputType.POLICY_BRIEF: 30, OutputType.SURVEY: 12,
    OutputType.ARTICLE: 8, OutputType.BOOK: 3, OutputType.DATASET: 5, OutputType.OTHER: 2,
}  # fmt: skip
OUTPUT_LANGUAGES = {"sq,sr,en": 60, "sq,en": 20, "sr,en": 10, "en": 10}
ABSTRACTS = (
    "Residents rank poor street lighting, speeding and the presence of weapons among their "
    "main safety concerns; smaller communities trust the MCSC less, mostly because they were "
    "never invited.",
    "Five recommendations for the Ministry of Internal Affairs and the municipalities on "
    "funding, monitoring and reporting back on MCSC action plans.",
    "Focus groups with residents of every community after a year of regular police–community "
    "dialogue.",
    "Households interviewed face to face, with a boosted sample of Roma, Ashkali and Egyptian "
    "households.",
    "Why incidents go unreported, and four ways for the police and MCSCs to reach those who "
    "stay silent.",
)

# --- Cases --------------------------------------------------------------------------------

# Category -> language -> (title, description) pairs; "sr" is Serbian in Latin letters, as
# a partner typing on a Latin keyboard enters it, and "sr_cyrl" in Cyrillic.
CASE_TEXTS: dict[CaseCategory, dict[str, tuple[tuple[str, str], ...]]] = {
    CaseCategory.WEAPONS: {
        "en": (("Celebratory gunfire at weddings in the neighbourhood",
                "Shots are fired at most weddings in the summer; a stray bullet hit a roof."),
               ("Unregistered weapon found near a school yard",
                "Pupils found a hidden pistol by the school fence; parents ask for patrols.")),
        "sq": (("Të shtëna me armë në dasma në lagje",
                "Në shumicën e dasmave gjuhet me armë; një plumb goditi një çati."),),
        "sr": (("Pucanje iz oružja na svadbama u naselju",
                "Na većini svadbi se puca; zalutali metak pogodio je krov kuće."),),
    },
    CaseCategory.POLICE_RELATIONS: {
        "en": (("Slow police response at night",
                "Residents say calls at night take long to answer and patrols rarely pass."),),
        "sq": (("Policia vonohet të reagojë natën",
                "Banorët thonë se thirrjet natën marrin përgjigje me vonesë."),),
        "sr": (("Meštani traže policajce koji govore srpski",
                "Stariji meštani ne mogu da prijave incident jer dežurni ne govori srpski."),),
        "sr_cyrl": (("Спор одзив полиције ноћу",
                     "Грађани кажу да се на позиве ноћу дуго чека."),),
    },
    CaseCategory.INTERETHNIC_INCIDENT: {
        "en": (("Threatening graffiti at the entrance of a block of flats",
                "Tenants ask for quick removal and an investigation."),),
        "sq": (("Grafite kërcënuese në hyrje të një banese",
                "Banorët kërkojnë heqjen e shpejtë dhe hetim."),),
        "sr_cyrl": (("Графити са претњама на улазу у стамбену зграду",
                     "Станари траже брзо уклањање и истрагу."),),
    },
    CaseCategory.GENDER_BASED_VIOLENCE: {
        "en": (("Harassment of women on the way home from the bus station",
                "Women working evening shifts report harassment near the residential blocks."),),
        "sq": (("Ngacmim i grave rrugës nga stacioni i autobusëve",
                "Gratë që punojnë në ndërrimin e mbrëmjes raportojnë ngacmime."),),
        "sr": (("Uznemiravanje žena na putu od autobuske stanice",
                "Žene koje rade u večernjoj smeni prijavljuju uznemiravanje."),),
    },
    CaseCategory.YOUTH_SAFETY: {
        "en": (("Drug dealing reported near a youth centre",
                "Youth workers see dealers waiting near the entrance in the evenings."),),
        "sq": (("Shitje droge pranë qendrës rinore",
                "Punonjësit rinorë shohin shitës droge pranë hyrjes në mbrëmje."),),
        "sr": (("Tuče maloletnika ispred škole",
                "Roditelji traže dežurstvo policije posle nastave."),),
    },
    CaseCategory.ROAD_SAFETY: {
        "en": (("No pedestrian crossing in front of the primary school",
                "Parents ask for a marked crossing and speed bumps on the main road."),),
        "sq": (("Mungon vendkalimi për këmbësorë para shkollës fillore",
                "Prindërit kërkojnë vendkalim të shënuar dhe pengesa shpejtësie."),),
        "sr": (("Nema pešačkog prelaza ispred osnovne škole",
                "Roditelji traže obeležen pešački prelaz i usporivače."),),
    },
    CaseCategory.PUBLIC_SPACE: {
        "en": (("Broken street lighting on the path to a school",
                "Children walk home in the dark along an unlit path."),
               ("Stray dogs on the route to school",
                "Parents keep younger children at home after two were bitten.")),
        "sq": (("Ndriçimi publik i prishur në rrugën për në shkollë",
                "Fëmijët kthehen në shtëpi në errësirë nëpër një shteg të pandriçuar."),),
        "sr": (("Napuštena zgrada u kojoj se okupljaju noću",
                "Komšije prijavljuju polomljeno staklo, vatre i tuče u praznoj zgradi."),),
    },
    CaseCategory.PROPERTY: {
        "sq": (("Mosmarrëveshje për pronën ndërmjet dy familjeve",
                "Një mosmarrëveshje për kufirin e parcelës rrezikon të përshkallëzohet."),),
        "sr": (("Spor oko imovine između dve porodice",
                "Spor oko međe placa preti da eskalira; komšije traže posredovanje."),),
    },
    CaseCategory.OTHER: {
        "en": (("Residents ask for a safety meeting with the municipality",
                "The residents' association wants the MCSC to visit the neighbourhood."),),
        "sq": (("Banorët kërkojnë takim për sigurinë me komunën",
                "Shoqata e banorëve kërkon që KKSB-ja ta vizitojë lagjen."),),
    },
}  # fmt: skip
CASE_CATEGORIES = {
    CaseCategory.WEAPONS: 14, CaseCategory.POLICE_RELATIONS: 14,
    CaseCategory.INTERETHNIC_INCIDENT: 8, CaseCategory.GENDER_BASED_VIOLENCE: 10,
    CaseCategory.YOUTH_SAFETY: 12, CaseCategory.ROAD_SAFETY: 12, CaseCategory.PUBLIC_SPACE: 18,
    CaseCategory.PROPERTY: 6, CaseCategory.OTHER: 6,
}  # fmt: skip
RAISED_BY = {
    "en": ("Parents' council of a primary school", "Residents' association", "Youth centre staff",
           "Women's group of the neighbourhood", "Community mediator", "Village council"),
    "sq": ("Këshilli i prindërve", "Shoqata e banorëve", "Grupi i grave të lagjes",
           "Drejtoria e shkollës", "Fqinjët"),
    "sr": ("Savet roditelja", "Udruženje stanara", "Mesna zajednica", "Komšije"),
    "sr_cyrl": ("Станари зграде", "Савет родитеља", "Месна заједница"),
}  # fmt: skip
# A case's history: what each status step says, in the case's language.
STATUS_NOTES: dict[CaseStatus, dict[str, str]] = {
    CaseStatus.OPEN: {"en": "Raised at an MCSC public consultation.",
                      "sq": "U ngrit në konsultimin publik të KKSB-së.",
                      "sr": "Pokrenuto na javnoj konsultaciji OSBZ.",
                      "sr_cyrl": "Пријављено на дијалошком скупу."},
    CaseStatus.REFERRED: {"en": "Referred to the responsible institution.",
                          "sq": "U referua te institucioni përgjegjës.",
                          "sr": "Upućeno nadležnoj instituciji.",
                          "sr_cyrl": "Упућено надлежној институцији."},
    CaseStatus.IN_PROGRESS: {"en": "The institution agreed measures; residents report back.",
                             "sq": "Institucioni pranoi masat; banorët raportojnë përsëri.",
                             "sr": "Institucija je dogovorila mere; meštani javljaju ishod.",
                             "sr_cyrl": "Институција је договорила мере."},
    CaseStatus.RESOLVED: {"en": "Measures taken; the people who raised it confirmed.",
                          "sq": "Masat u morën; ata që e ngritën e konfirmuan.",
                          "sr": "Mere su sprovedene; podnosioci su potvrdili.",
                          "sr_cyrl": "Мере су спроведене; подносиоци су потврдили."},
    CaseStatus.CLOSED: {"en": "No new incidents since; closed at the MCSC meeting.",
                        "sq": "Nuk ka pasur incidente të reja; u mbyll në takimin e KKSB-së.",
                        "sr": "Nije bilo novih incidenata; zatvoreno na sednici OSBZ.",
                        "sr_cyrl": "Нових инцидената није било; затворено."},
}  # fmt: skip
CASE_ACTIONS = (
    ("Ask the directorate for public services for a site visit", "MCSC secretary"),
    ("Agree a night patrol schedule with the station commander", "Community policing officer"),
    ("Report back to the residents at the next dialogue event", "Partner CSO"),
    ("Request funds from the action plan budget", "Municipal safety officer"),
    ("Hold a meeting with the school's parents' council", "Community mediator"),
)
