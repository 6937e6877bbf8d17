"""Small hand-written lexicons for who-said-what: reporting verbs, roles, speaker nouns."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


def _forms(base: str) -> list[str]:
    """Regular inflections of a verb: say -> says, sayed (unused), saying."""
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    if base.endswith(("sh", "ch", "ss", "x")):
        return [base, base + "es", base + "ed", base + "ing"]
    return [base, base + "s", base + "ed", base + "ing"]


# Verbs that introduce speech: a quote or a reported clause. Irregular forms are listed.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_REGULAR = """
add claim warn insist deny argue counter explain note state announce declare admit
acknowledge confirm reveal report suggest stress emphasize emphasise maintain contend assert
allege complain recall reply respond answer ask urge predict agree concede testify promise
vow pledge threaten boast joke quip conclude observe remark comment continue recount shout
scream whisper exclaim caution post tweet blog text email inform assure remind insist
charge dispute question reiterate repeat underline underscore hint signal lament
accuse counter retort demand recommend estimate believe indicate concede muse sigh
explain wonder
"""
_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "writing", "written"],
    "find": ["find", "finds", "found", "finding"],
    "show": ["show", "shows", "showed", "showing"],
    "think": ["think", "thinks", "thought"],
    "fear": ["fear", "fears", "feared"],
    "call": ["call", "calls", "called", "calling"],
    "post": ["post", "posts", "posted", "posting"],
    "tweet": ["tweet", "tweets", "tweeted", "tweeting"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "quip": ["quip", "quips", "quipped", "quipping"],
    "plead": ["plead", "pleads", "pleaded", "pleading"],
}

CUE_FORMS: dict[str, str] = {}
for _b in _REGULAR.split():
    for _f in _forms(_b):
        CUE_FORMS.setdefault(_f, _b)
for _b, _fs in _IRREGULAR.items():
    for _f in _fs:
        CUE_FORMS[_f] = _b

# Verbs whose first object is the hearer ("told reporters", "warned consumers").
HEARER_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "email", "text"}
# Verbs that report a belief or finding: only with a clause, never with a direct quote alone.
WEAK_VERBS = {"find", "show", "think", "believe", "fear", "indicate", "estimate", "wonder"}
# Verbs that only count with a quotation right after them ("called it 'a disaster'").
QUOTE_ONLY_VERBS = {"call", "sigh", "muse", "joke", "quip", "shout", "scream", "whisper"}

AUX = {
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "reportedly",
    "then",
    "once",
    "again",
    "recently",
    "repeatedly",
    "publicly",
    "privately",
    "would",
    "will",
    "did",
    "does",
    "do",
    "earlier",
    "often",
    "frequently",
    "initially",
    "originally",
    "subsequently",
    "further",
    "simply",
    "quickly",
    "flatly",
    "firmly",
    "angrily",
    "even",
    "still",
    "just",
    "already",
    "not",
    "never",
    "is",
    "was",
    "are",
    "were",
    "been",
    "may",
    "might",
    "could",
    "can",
    "should",
    "told",
    "always",
    "last",
    "night",
    "on",
    *WEEKDAYS,
    "yesterday",
    "today",
    "tonight",
    "first",
    "separately",
    "personally",
    "directly",
    "openly",
    "clearly",
    "explicitly",
    "bluntly",
    "candidly",
    "defiantly",
    "tearfully",
    "calmly",
    "proudly",
    "confidently",
    "insistently",
    "ominously",
    "cautiously",
    "emphatically",
    "famously",
    "memorably",
    "this",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "lately",
    "finally",
}
AUX.discard("told")
PASSIVE = {"is", "was", "were", "are", "been", "being", "be", "get", "got"}

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}

# Words that make a noun phrase a title or job (pre-modifier or apposition).
ROLE_WORDS = set(
    _words(
        """
president vice prime minister secretary spokesperson spokesman spokeswoman spokespeople senator
sen. rep. representative congressman congresswoman governor gov. mayor chancellor ambassador
envoy chief director ceo cfo coo chairman chairwoman chair founder co-founder head leader
judge justice attorney lawyer prosecutor detective officer sheriff lt. sgt. capt. col. gen.
maj. cpl. det. insp. supt. adm. cmdr. general commander coach manager captain pope king queen
prince princess professor prof. economist analyst expert researcher scientist author actor
actress star singer nominee candidate executive official adviser advisor aide deputy
commissioner superintendent inspector constable correspondent editor reporter host lawmaker
speaker member owner president-elect premier strategist pollster chairperson administrator
diplomat sergeant lieutenant colonel major corporal marshal admiral rabbi bishop archbishop
cardinal reverend pastor priest imam sheikh emir ayatollah dean principal teacher spokesmen
adjutant attorney-general counsel solicitor barrister surgeon doctor physician nurse
psychologist psychiatrist historian professor campaigner activist organizer organiser
presenter anchor broadcaster columnist commentator critic writer producer director
composer musician rapper guitarist drummer model designer chef player striker midfielder
defender goalkeeper boss skipper referee umpire trainer agent publicist cofounder partner
ruler monarch dictator emperor chieftain warlord commandant co-host cohost co-chair
photographer filmmaker journalist artist painter sculptor poet novelist playwright entrepreneur
investor banker farmer pilot engineer architect astronaut comedian dancer filmmaker curator
auctioneer veteran lobbyist consultant accountant planner contractor developer
specialist businessman businesswoman scholar fellow sociologist biologist physicist
chemist epidemiologist virologist meteorologist geologist astronomer
"""
    )
)
# Lower-case modifiers that may sit inside a role ("former", "senior", "presidential").
ROLE_MODIFIERS = set(
    _words(
        """
former senior top chief deputy acting interim longtime long-time assistant vice associate
presidential vice-presidential republican democratic foreign defense defence interior
finance health state federal local national regional military police security press
economic political campaign then-president then junior lead principal general executive
child news communications public foreign-affairs white house party team club company
"""
    )
)
HONORIFICS = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lady",
    "lord",
    "mx",
}

# Heads of noun phrases that can speak without a proper name ("police", "a spokesman").
SPEAKER_NOUNS = set(
    _words(
        """
official officials police authorities authority spokesman spokeswoman spokesperson spokespeople
representative representatives prosecutor prosecutors investigator investigators officer officers
expert experts analyst analysts researcher researchers scientist scientists doctor doctors
witness witnesses resident residents neighbour neighbours neighbor neighbors lawyer lawyers
attorney attorneys company firm agency ministry government department statement report study
survey source sources critic critics supporter supporters protester protesters protestors
activist activists leader leaders member members lawmaker lawmakers senator senators democrats
republicans campaign committee team club family relatives relative friend friends mother
father wife husband son daughter sister brother coach manager director chief president
minister secretary judge court jury teacher teachers student students staff personnel
employee employees worker workers union group organization organisation network newspaper
paper magazine website ad video clip letter documents document filing complaint lawsuit
poll polls data figures records military army navy administration kremlin white house
spokesmen officials diplomats diplomat allies ally critics voters voter parents parent
man woman boy girl victim victims owner owners host organisers organizers operator
operators airline airlines hospital hospitals school schools university authorities
insiders insider observers commentators economists strategists aides aide adviser advisers
advisors advisor source governor mayor sheriff council board commission regulator
regulators watchdog party parties opposition rebels militants troops soldiers soldier
military ministers chairman ceo executive executives founder judge officials prosecutors
fans fan players player partner partners colleague colleagues spokesperson representatives
paramedics firefighters rescuers investigators agents agent publicist rep reps
medics coroner pathologist prosecution defence defense jurors panel organizers
"""
    )
)
# groups that speak in news reports ("opponents say", "rival candidates argued")
SPEAKER_NOUNS |= set(
    _words(
        """
candidate candidates opponent opponents advocate advocates backer backers donor donors rival
rivals organization organizations groups families associates founders speakers moderators
delegates delegate traders organiser
"""
    )
)
# plurals of the speaking nouns above ("TV networks are predicting", "two judges said"):
# organisations, then people
ORG_PLURALS = set(
    _words(
        """
networks broadcasters newspapers channels companies firms agencies departments ministries
committees commissions boards councils courts
"""
    )
)
SPEAKER_NOUNS |= ORG_PLURALS | set(_words("judges governors mayors sheriffs women"))

# offices of a place: "the mayor of Dayton" is a person, not the town speaking through her
PLACE_OFFICES = {"mayor", "governor", "premier", "sheriff"}

# Words that make a capitalised name an organisation or a place, not a person.
ORG_WORDS = set(
    _words(
        """
ministry department police times news post journal network company inc corp corporation
group association union administration service bureau commission board institute foundation
center centre organization organisation council committee party court office university
college school hospital clinic agency house senate congress parliament assembly government army
navy force forces guard church club team league federation fund bank reserve authority
commission airlines airline airways station channel tv radio magazine press herald tribune
guardian telegraph mail express mirror sun independent gazette chronicle review daily
street road avenue river sea ocean fleet city county state states island islands north
south east west republic kingdom nations cup games olympics festival museum library
project campaign coalition alliance movement network media studios records entertainment
pictures international global national united american british european online
inc. corp. co. ltd. bros.
"""
    )
)

# Words that look capitalised at a sentence start but are not names.
NOT_NAMES = set(
    _words(
        """
the a an in on at for as after when while however meanwhile yet so if some many most one
two this that these those his her their its our my your but and or also then there here
it he she they we i you what who why how where which during before since until although
though because despite according asked speaking earlier later still now today yesterday
instead indeed last next other another both each every all no not nor such than whether
unlike like mr mrs ms dr file photo photos image video watch read click scroll follow share
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december
"""
    )
)

# Heads of an introductory phrase before the subject ("In a post, X said").
INTRO_STARTERS = set(
    _words(
        """
in on at after before during however meanwhile still earlier later speaking asked when
while although though because since as for with without by from over under in a instead
also yet but and so then now today yesterday separately elsewhere again similarly likewise
indeed moreover furthermore additionally last this following following, writing reacting
responding addressing
"""
    )
)

PREPOSITIONS = set(
    _words(
        """
in on at to via during from through after before over with while into about across
"""
    )
)
NAME_CONNECTORS = {"of", "for", "de", "da", "van", "von", "bin", "al", "la", "le", "du", "der", "&"}
NAME_CONNECTORS |= {"den", "del", "della", "di", "dos", "das", "ter", "ten"}  # "Jan van den Berg"
DETERMINERS = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "one",
    "two",
    "some",
    "several",
    "many",
    "other",
    "another",
    "both",
    "all",
    "three",
    "four",
}
CLAUSE_BREAKS = {
    "while",
    "whereas",
    "but",
    "although",
    "though",
    "because",
    "since",
    "adding",
    "saying",
}
# Verbs that take a reported clause without "that" ("said the plan failed").
CLAUSE_VERBS = set(
    _words(
        """
say tell add claim insist argue warn deny explain note state announce declare admit acknowledge
confirm reveal report suggest stress emphasize emphasise maintain contend assert allege complain
recall reply respond predict agree concede testify promise vow believe think fear find show
indicate estimate conclude write according to retort reiterate caution accuse charge
"""
    )
) | {"according to"}

# Documents a speaker issues: "a statement saying ..." is the issuer's speech.
MEDIUM_NOUNS = set(
    _words(
        """
statement statements letter post tweet tweets release email message video ad speech
interview op-ed column memo note filing posting
"""
    )
)

# What a speaker issues or publishes; the head noun of a document phrase.
DOCUMENT_NOUNS = MEDIUM_NOUNS | {
    "releases",
    "lawsuit",
    "suit",
    "complaint",
    "indictment",
    "affidavit",
    "filing",
    "filings",
    "motion",
    "petition",
    "website",
    "site",
    "blog",
    "page",
    "account",
    "feed",
    "transcript",
    "announcement",
    "communique",
    "notice",
    "documents",
    "document",
}

# Finite verbs: a clause reported without "that" has one ("the plan on Friday" has none).
FINITE_VERBS = set(
    _words(
        """
is are was were be been has have had do does did can could will would shall should may
might must won't can't don't doesn't didn't isn't wasn't aren't weren't
grew fell rose went came made took got gave knew saw said told thought found left felt kept
held brought began ran won lost paid met sent built spent sold bought fought caught taught
led put set cut hit let hurt became broke chose drove flew forgot hid spoke stole threw
wrote understood stood meant sat shot struck stuck lent fed fled dealt drew lay laid sought
upheld withdrew overtook oversaw
"""
    )
)

# Heads of a definite description that stands for an organisation ("the agency said").
ORG_HEADS = set(
    _words(
        """
company firm agency house network group organization organisation union airline bank
retailer website newspaper paper magazine channel broadcaster club team charity museum
school university hospital department ministry office association foundation board
committee council service authority commission bureau institute center centre studio
label brand maker manufacturer carrier operator developer publisher chain store hotel
insurer lender automaker giant startup league federation regulator watchdog
"""
    )
)

# Family words: "the father said", "his widow said" stand for someone named before.
KIN_WORDS = set(
    _words(
        """
father mother son daughter wife husband brother sister grandfather grandmother uncle aunt
cousin nephew niece widow widower fiance fiancee fiancé fiancée girlfriend boyfriend dad mom
mum stepfather stepmother
"""
    )
)


# States, provinces and countries: what follows a town's name in "Dayton, Ohio" or
# "Lyon, France" (lower case; abbreviations without their last full stop, as tokenised:
# "Calif." is "Calif" then "."; "N.Y." is one token, looked up as "n.y").
def _names(text: str) -> frozenset[str]:
    """Comma-separated names in lower case (a name may run over a line break)."""
    return frozenset(" ".join(name.split()).lower() for name in text.split(","))


PLACE_NAMES = _names(
    """
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida,
Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine,
Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska,
Nevada, New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio,
Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee,
Texas, Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming, D.C, Puerto
Rico, Ala, Ariz, Ark, Calif, Colo, Conn, Del, Fla, Ga, Ill, Ind, Kan, Ky, La, Md, Mass,
Mich, Minn, Miss, Mo, Mont, Neb, Nev, N.H, N.J, N.M, N.Y, N.C, N.D, Okla, Ore, Pa, R.I, S.C,
S.D, Tenn, Vt, Va, Wash, W.Va, Wis, Wyo, Alberta, British Columbia, Manitoba, New Brunswick,
Newfoundland, Nova Scotia, Ontario, Quebec, Saskatchewan, England, Scotland, Wales, Northern
Ireland, Afghanistan, Albania, Algeria, Argentina, Armenia, Australia, Austria, Azerbaijan,
Bahrain, Bangladesh, Belarus, Belgium, Bolivia, Bosnia, Brazil, Bulgaria, Cambodia,
Cameroon, Canada, Chile, China, Colombia, Costa Rica, Croatia, Cuba, Cyprus, Czech Republic,
Denmark, Ecuador, Egypt, El Salvador, Estonia, Ethiopia, Finland, France, Germany, Ghana,
Greece, Guatemala, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait, Latvia, Lebanon,
Libya, Lithuania, Luxembourg, Malaysia, Mali, Mexico, Moldova, Morocco, Nepal, Netherlands,
New Zealand, Nicaragua, Niger, Nigeria, North Korea, Norway, Pakistan, Panama, Paraguay,
Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda, Saudi Arabia, Senegal,
Serbia, Singapore, Slovakia, Slovenia, Somalia, South Africa, South Korea, South Sudan,
Spain, Sri Lanka, Sudan, Sweden, Switzerland, Syria, Taiwan, Tanzania, Thailand, Tunisia,
Turkey, Uganda, Ukraine, United Arab Emirates, United Kingdom, Uruguay, Venezuela, Vietnam,
Yemen, Zambia, Zimbabwe
"""
)
