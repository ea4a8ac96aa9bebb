"""Country codes (ISO 3166-1 alpha-3) from country names, abbreviations, demonyms and capitals.

pycountry supplies the official and common names; the tables below add what news text uses and
pycountry lacks ("U.S.", "Britain", "Russia", "Syrian", "Moscow"). Lookups are normalised (case,
full stops, "the", curly apostrophes) and cached, so each costs a dict access after the first call.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Everyday names and abbreviations pycountry does not resolve (or resolves only via codes).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "USA",
    "usa": "USA",
    "america": "USA",
    "united states": "USA",
    "united states of america": "USA",
    "the states": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "united kingdom": "GBR",
    "england": "GBR",
    "scotland": "GBR",
    "wales": "GBR",
    "northern ireland": "GBR",
    "russia": "RUS",
    "soviet union": "RUS",
    "ussr": "RUS",
    "syria": "SYR",
    "iran": "IRN",
    "persia": "IRN",
    "turkey": "TUR",
    "turkiye": "TUR",
    "south korea": "KOR",
    "north korea": "PRK",
    "korea": "KOR",
    "dprk": "PRK",
    "vietnam": "VNM",
    "laos": "LAO",
    "burma": "MMR",
    "myanmar": "MMR",
    "ivory coast": "CIV",
    "macedonia": "MKD",
    "palestine": "PSE",
    "palestinian territories": "PSE",
    "gaza": "PSE",
    "west bank": "PSE",
    "vatican": "VAT",
    "holy see": "VAT",
    "czech republic": "CZE",
    "czechia": "CZE",
    "holland": "NLD",
    "the netherlands": "NLD",
    "uae": "ARE",
    "emirates": "ARE",
    "prc": "CHN",
    "china": "CHN",
    "taiwan": "TWN",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "drc": "COD",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "cape verde": "CPV",
    "east timor": "TLS",
    "swaziland": "SWZ",
    "kosovo": "XKX",
    "brunei": "BRN",
    "micronesia": "FSM",
    "saudi": "SAU",
    "ksa": "SAU",
}

# Demonyms and nationality adjectives (singular and plural) -> country.
DEMONYMS: dict[str, str] = {
    "american": "USA",
    "russian": "RUS",
    "soviet": "RUS",
    "syrian": "SYR",
    "iraqi": "IRQ",
    "iranian": "IRN",
    "persian": "IRN",
    "afghan": "AFG",
    "pakistani": "PAK",
    "indian": "IND",
    "chinese": "CHN",
    "japanese": "JPN",
    "korean": "KOR",
    "south korean": "KOR",
    "north korean": "PRK",
    "vietnamese": "VNM",
    "thai": "THA",
    "indonesian": "IDN",
    "malaysian": "MYS",
    "filipino": "PHL",
    "philippine": "PHL",
    "australian": "AUS",
    "new zealander": "NZL",
    "canadian": "CAN",
    "mexican": "MEX",
    "cuban": "CUB",
    "venezuelan": "VEN",
    "colombian": "COL",
    "brazilian": "BRA",
    "argentine": "ARG",
    "argentinian": "ARG",
    "chilean": "CHL",
    "peruvian": "PER",
    "bolivian": "BOL",
    "ecuadorian": "ECU",
    "british": "GBR",
    "english": "GBR",
    "scottish": "GBR",
    "welsh": "GBR",
    "briton": "GBR",
    "irish": "IRL",
    "french": "FRA",
    "german": "DEU",
    "italian": "ITA",
    "spanish": "ESP",
    "portuguese": "PRT",
    "dutch": "NLD",
    "belgian": "BEL",
    "swiss": "CHE",
    "austrian": "AUT",
    "swedish": "SWE",
    "swede": "SWE",
    "norwegian": "NOR",
    "danish": "DNK",
    "dane": "DNK",
    "finnish": "FIN",
    "finn": "FIN",
    "icelandic": "ISL",
    "polish": "POL",
    "pole": "POL",
    "czech": "CZE",
    "slovak": "SVK",
    "hungarian": "HUN",
    "romanian": "ROU",
    "bulgarian": "BGR",
    "greek": "GRC",
    "serbian": "SRB",
    "serb": "SRB",
    "croatian": "HRV",
    "croat": "HRV",
    "bosnian": "BIH",
    "albanian": "ALB",
    "ukrainian": "UKR",
    "belarusian": "BLR",
    "moldovan": "MDA",
    "georgian": "GEO",
    "armenian": "ARM",
    "azerbaijani": "AZE",
    "azeri": "AZE",
    "kazakh": "KAZ",
    "uzbek": "UZB",
    "turkmen": "TKM",
    "kyrgyz": "KGZ",
    "tajik": "TJK",
    "turkish": "TUR",
    "turk": "TUR",
    "israeli": "ISR",
    "palestinian": "PSE",
    "lebanese": "LBN",
    "jordanian": "JOR",
    "egyptian": "EGY",
    "libyan": "LBY",
    "tunisian": "TUN",
    "algerian": "DZA",
    "moroccan": "MAR",
    "saudi": "SAU",
    "saudi arabian": "SAU",
    "yemeni": "YEM",
    "omani": "OMN",
    "emirati": "ARE",
    "qatari": "QAT",
    "kuwaiti": "KWT",
    "bahraini": "BHR",
    "sudanese": "SDN",
    "ethiopian": "ETH",
    "eritrean": "ERI",
    "somali": "SOM",
    "kenyan": "KEN",
    "ugandan": "UGA",
    "tanzanian": "TZA",
    "rwandan": "RWA",
    "congolese": "COD",
    "nigerian": "NGA",
    "ghanaian": "GHA",
    "senegalese": "SEN",
    "malian": "MLI",
    "south african": "ZAF",
    "zimbabwean": "ZWE",
    "angolan": "AGO",
    "mozambican": "MOZ",
    "cameroonian": "CMR",
    "chadian": "TCD",
    "nigerien": "NER",
    "bangladeshi": "BGD",
    "sri lankan": "LKA",
    "nepalese": "NPL",
    "nepali": "NPL",
    "burmese": "MMR",
    "cambodian": "KHM",
    "laotian": "LAO",
    "mongolian": "MNG",
    "taiwanese": "TWN",
    "singaporean": "SGP",
    "haitian": "HTI",
    "dominican": "DOM",
    "jamaican": "JAM",
    "guatemalan": "GTM",
    "honduran": "HND",
    "salvadoran": "SLV",
    "nicaraguan": "NIC",
    "panamanian": "PAN",
    "costa rican": "CRI",
    "uruguayan": "URY",
    "paraguayan": "PRY",
    "estonian": "EST",
    "latvian": "LVA",
    "lithuanian": "LTU",
    "slovenian": "SVN",
    "macedonian": "MKD",
    "montenegrin": "MNE",
    "cypriot": "CYP",
    "maltese": "MLT",
    "luxembourgish": "LUX",
    "kosovar": "XKX",
    "chechen": "RUS",
    "kurdish": None,
    "arab": None,  # peoples without one state: no country
}

# Capitals (and seats of government) that news text uses for the state itself.
CAPITALS: dict[str, str] = {
    "washington": "USA",
    "moscow": "RUS",
    "beijing": "CHN",
    "london": "GBR",
    "paris": "FRA",
    "berlin": "DEU",
    "tehran": "IRN",
    "damascus": "SYR",
    "baghdad": "IRQ",
    "kabul": "AFG",
    "islamabad": "PAK",
    "new delhi": "IND",
    "tokyo": "JPN",
    "seoul": "KOR",
    "pyongyang": "PRK",
    "ankara": "TUR",
    "kiev": "UKR",
    "kyiv": "UKR",
    "riyadh": "SAU",
    "cairo": "EGY",
    "tripoli": "LBY",
    "jerusalem": "ISR",
    "tel aviv": "ISR",
    "rome": "ITA",
    "madrid": "ESP",
    "ottawa": "CAN",
    "canberra": "AUS",
    "havana": "CUB",
    "caracas": "VEN",
    "mexico city": "MEX",
    "brasilia": "BRA",
    "warsaw": "POL",
    "budapest": "HUN",
    "minsk": "BLR",
    "tbilisi": "GEO",
    "doha": "QAT",
    "beirut": "LBN",
    "amman": "JOR",
    "sanaa": "YEM",
}

# Seats of government that speak as institutions of their own: they get the country, not a merge.
SEATS: dict[str, str] = {
    "kremlin": "RUS",
    "white house": "USA",
    "pentagon": "USA",
    "state department": "USA",
    "capitol": "USA",
    "downing street": "GBR",
    "elysee": "FRA",
    "élysée": "FRA",
    "quai d'orsay": "FRA",
    "zhongnanhai": "CHN",
}

_DOTS = re.compile(r"[.\s]+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, curly apostrophes straightened, a leading "the" and a possessive "'s" dropped."""
    t = text.replace("’", "'").strip().lower()
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"'s?$", "", t)
    return " ".join(t.split())


@lru_cache(maxsize=1)
def _pycountry_names() -> dict[str, str]:
    """Every pycountry name, official name and common name, normalised, -> alpha-3."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[normalise(value)] = c.alpha_3
    return names


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """Alpha-3 code when ``text`` names a country ("U.S", "Russia", "the United Kingdom"), else None.

    Two-letter codes other than US/UK are not accepted: "IT" or "IN" in running text are words.
    """
    t = normalise(text)
    if not t:
        return None
    compact = _DOTS.sub("", t)
    if len(compact) <= 2 and not ("." in text or text.strip().isupper()):
        return None
    if compact in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[compact]
    if t in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[t]
    return _pycountry_names().get(t)


@lru_cache(maxsize=4096)
def demonym_country(word: str) -> str | None:
    """Country of a nationality word ("Russian", "Syrians", "South Korean"), else None."""
    t = normalise(word)
    if t in DEMONYMS:
        return DEMONYMS[t]
    if t.endswith("s") and t[:-1] in DEMONYMS:
        return DEMONYMS[t[:-1]]
    return None


def capital_country(text: str) -> str | None:
    """Country whose capital or seat of government ``text`` names ("Moscow" -> RUS)."""
    return CAPITALS.get(normalise(text))


def seat_country(text: str) -> str | None:
    """Country of a seat-of-government name ("the Kremlin" -> RUS)."""
    return SEATS.get(normalise(text))


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A short readable name for an alpha-3 code (common name when pycountry has one)."""
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name
