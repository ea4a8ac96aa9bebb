"""General word lists for entity resolution: titles, role nouns, gendered words, pronouns.

These are closed-class or near-closed-class English vocabularies; nothing here is tuned to
a particular article. Keys are lower case, without a trailing full stop ("gen" for "Gen.").
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


# Honorifics that sit in front of a name and carry gender but no office.
HONORIFICS: dict[str, str | None] = {
    "mr": "m",
    "mister": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "madam": "f",
    "madame": "f",
    "dame": "f",
    "lady": "f",
    "dr": None,
    "prof": None,
    "rev": None,
    "mx": None,
}

# Abbreviated titles and their full form (the full form becomes the role).
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gen": "General",
    "lt": "Lieutenant",
    "col": "Colonel",
    "maj": "Major",
    "capt": "Captain",
    "cmdr": "Commander",
    "adm": "Admiral",
    "sgt": "Sergeant",
    "cpl": "Corporal",
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "pres": "President",
    "sec": "Secretary",
    "atty": "Attorney",
    "supt": "Superintendent",
    "insp": "Inspector",
    "det": "Detective",
    "amb": "Ambassador",
    "prof": "Professor",
    "dr": "Doctor",
    "rev": "Reverend",
    "st": "Saint",
    "lt. gen": "Lieutenant General",
}

# Words that may still stand before a name the article stage kept whole: qualifiers of a title
# ("Former", "Vice", "Chief of Staff") and abbreviations it does not expand. Cross-article linking
# drops them with the titles; they are not titles of their own, so they never become a role.
TITLE_QUALIFIERS: frozenset[str] = words("former late vice state staff speaker pm vp cpt fr hon")

# Nouns naming an office, occupation or social role of a person (singular, lower case).
# Used both as pre-name titles ("Foreign Minister X") and as heads of descriptions ("the minister").
ROLE_NOUNS: frozenset[str] = words(
    """
    president vice-president premier minister secretary senator congressman congresswoman congressperson
    representative lawmaker legislator politician governor mayor councilman councilwoman councillor
    councilor assemblyman assemblywoman delegate chancellor prime king queen prince princess emperor
    monarch sultan emir sheikh ayatollah dictator ruler leader head chief boss chairman chairwoman
    chairperson chair director executive ceo founder co-founder owner manager president-elect
    candidate nominee contender challenger incumbent frontrunner front-runner hopeful rival
    spokesman spokeswoman spokesperson aide adviser advisor counselor consultant strategist pollster
    lawyer attorney prosecutor counsel judge justice magistrate defendant plaintiff suspect witness
    general commander admiral colonel lieutenant captain major sergeant officer soldier marshal
    diplomat ambassador envoy emissary negotiator official bureaucrat commissioner inspector
    superintendent sheriff detective investigator agent policeman policewoman
    journalist reporter correspondent columnist editor writer author anchor host broadcaster
    commentator pundit blogger analyst expert economist scientist researcher scholar historian
    professor teacher doctor physician surgeon activist campaigner organizer critic dissident
    businessman businesswoman billionaire millionaire tycoon mogul entrepreneur investor banker
    donor fundraiser cleric priest pastor bishop archbishop cardinal pope rabbi imam reverend
    actor actress singer star celebrity player coach athlete veteran student
    man woman father mother son daughter wife husband brother sister widow widower
    treasurer comptroller auditor registrar clerk deputy undersecretary mp
    republican democrat independent libertarian conservative liberal progressive socialist populist
    nationalist moderate supporter opponent voter resident protester demonstrator militant fighter rebel
    """
)

# Role nouns that name a relation to someone else ("his lawyer", "the spokesman" of an
# organisation): a description with such a head only links to an entity already known to hold it.
RELATIONAL_ROLES: frozenset[str] = words(
    """
    spokesman spokeswoman spokesperson aide adviser advisor counselor consultant strategist lawyer
    attorney counsel deputy wife husband son daughter father mother brother sister widow widower
    friend assistant secretary staffer man woman
    """
)

# Heads too vague to link as a description on their own ("the man" is fine, "the head" of what?).
VAGUE_ROLES: frozenset[str] = frozenset({"head", "chief", "boss", "leader", "man", "woman", "star", "player"})

# Role nouns that take an "of" complement as part of the role ("chief of staff", "head of the army").
OF_ROLES: frozenset[str] = words(
    """
    chief head secretary minister director chairman chairwoman president leader commander governor
    member founder editor professor ambassador mayor spokesman spokeswoman
    """
)

GENDERED_WORDS: dict[str, str] = {
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "businessman": "m",
    "businesswoman": "f",
    "councilman": "m",
    "councilwoman": "f",
    "assemblyman": "m",
    "assemblywoman": "f",
    "policeman": "m",
    "policewoman": "f",
    "man": "m",
    "woman": "f",
    "father": "m",
    "mother": "f",
    "son": "m",
    "daughter": "f",
    "brother": "m",
    "sister": "f",
    "husband": "m",
    "wife": "f",
    "widow": "f",
    "widower": "m",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "actor": "m",
    "actress": "f",
    "emperor": "m",
    "empress": "f",
    "sultan": "m",
    "sheikh": "m",
    "pope": "m",
    "boy": "m",
    "girl": "f",
    "uncle": "m",
    "aunt": "f",
    "nephew": "m",
    "niece": "f",
    "grandfather": "m",
    "grandmother": "f",
}

# Collective nouns for anonymous groups of people that speak ("Police said", "authorities say").
GROUP_NOUNS: frozenset[str] = frozenset({"police", "authorities", "investigators", "prosecutors", "officials"})

# Organisation nouns for descriptions that may stand for a country's state ("the Syrian government").
STATE_NOUNS: frozenset[str] = frozenset({"government", "administration", "regime", "authorities", "state", "cabinet"})

# Name words that mark a news outlet, for "the newspaper" / "the paper" / "the outlet".
OUTLET_NOUNS: frozenset[str] = frozenset({"newspaper", "paper", "outlet", "publication", "daily", "tabloid"})
OUTLET_NAME_WORDS: frozenset[str] = words(
    "times post news journal herald tribune gazette daily guardian telegraph globe chronicle examiner "
    "star mail observer independent review magazine press wire"
)

# Personal pronouns: text -> (gender or None, number, mention kind).
PRONOUNS: dict[str, tuple[str | None, str, str]] = {
    "he": ("m", "sg", "pronoun"),
    "him": ("m", "sg", "pronoun"),
    "himself": ("m", "sg", "pronoun"),
    "his": ("m", "sg", "possessive"),
    "she": ("f", "sg", "pronoun"),
    "herself": ("f", "sg", "pronoun"),
    "hers": ("f", "sg", "possessive"),
    "her": ("f", "sg", "pronoun"),  # object or possessive: decided from the parse (dep "poss")
    "they": (None, "pl", "pronoun"),
    "them": (None, "pl", "pronoun"),
    "themselves": (None, "pl", "pronoun"),
    "their": (None, "pl", "possessive"),
    "theirs": (None, "pl", "possessive"),
}

# First and second person: never linked (the speaker of a quote is the attribution stage's business).
FIRST_SECOND_PERSON: frozenset[str] = words(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves"
)

# Name suffixes that are not part of the surname.
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})

# Calendar words spaCy's small model sometimes folds into names. Months that are also common
# names (May, June, April, August) are left out: "Theresa May" must keep her surname.
CALENDAR_WORDS: frozenset[str] = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march july "
    "september october november december today yesterday tomorrow"
)

# Generic trailing words that do not change which organisation is meant ("the X group").
ORG_GENERIC_SUFFIXES: frozenset[str] = frozenset({"group", "organization", "organisation", "movement", "militants"})

# Last words too generic to stand for a whole organisation name on their own ("the Army").
ORG_GENERIC_HEADS: frozenset[str] = words(
    "army party group ministry committee department house council union office court bank agency "
    "association institute university college company corporation force forces state states news "
    "service commission board center centre foundation front league watch network institution school "
    "hospital fund trust prize award museum library airport stadium hall street avenue"
)

# Well-known multi-name organisations whose variants share no initials (general world knowledge).
ORG_VARIANT_GROUPS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "islamic state",
            "isis",
            "isil",
            "is",
            "daesh",
            "islamic state of iraq and syria",
            "islamic state of iraq and the levant",
            "islamic state group",
        }
    ),
    frozenset({"al qaeda", "al-qaeda", "al qaida", "al-qaida", "al-qa'ida"}),
    frozenset({"hezbollah", "hizbollah", "hizbullah"}),
    frozenset({"gop", "republican party"}),
)

# Common given names with a strong gender reading (a fallback after titles and pronoun history).
MALE_FIRST_NAMES: frozenset[str] = words(
    """
    john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey ryan jacob
    gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond
    alexander patrick jack dennis jerry tyler aaron jose henry adam douglas nathan peter zachary kyle walter
    harold jeremy ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe
    bryan billy albert dylan bruce willie gabriel alan juan wayne roy ralph randy eugene vincent russell
    louis bobby philip johnny bill mike chris jim tom bob steve dan tim ben ted jeff greg ron ken
    mohammed muhammad mohammad ahmed ahmad ali hassan hussein omar ibrahim mahmoud abdullah ivan dmitry
    dmitri vladimir boris mikhail alexei alexey nikolai igor yuri andrei pierre jacques francois emmanuel
    nicolas hans klaus wolfgang giuseppe giovanni carlos luis miguel pedro antonio manuel jorge diego
    """
)
FEMALE_FIRST_NAMES: frozenset[str] = words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
    katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
    victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
    frances gloria ann anne teresa kathryn sara janice alice madison doris abigail julia judy grace denise
    amber marilyn beverly danielle theresa sophia marie diana natalie isabella charlotte rose alexis kayla
    susanna irina olga natalia tatiana svetlana elena yulia marina fatima aisha angelique francoise
    claudia monica sonia carmen lucia ursula ingrid greta
    """
)
