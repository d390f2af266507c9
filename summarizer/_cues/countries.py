"""Country names and adjectives to ISO 3166-1 alpha-2 codes (pycountry, plus demonyms)."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Capitalised words, and the abbreviations news writes countries as ("US", "UK"): a
# two-letter word in capitals is otherwise too often no country ("IT", "AT").
_ABBREVIATIONS = ("US", "UK", "USA", "UAE")
# ...and with dots ("the U.S.", "U.K. officials"); the lookbehind keeps "S.U.S." out.
_DOTTED = ("U.S.A.", "U.S.", "U.K.", "U.A.E.")
_CAPITALISED = re.compile(
    rf"[A-Z][a-z]+(?: [A-Z][a-z]+)*|\b(?:{'|'.join(_ABBREVIATIONS)})\b|"
    rf"(?<![\w.])(?:{'|'.join(re.escape(d) for d in _DOTTED)})"
)
# Capitals that act as their state in news ("Washington imposed new sanctions"): the
# country, with the capital's mention as its evidence.
CAPITALS = {
    "Washington": "US", "Moscow": "RU", "Beijing": "CN", "Tehran": "IR", "Havana": "CU",
    "London": "GB", "Paris": "FR", "Berlin": "DE", "Tokyo": "JP", "Kiev": "UA", "Kyiv": "UA",
    "Caracas": "VE", "Pyongyang": "KP", "Seoul": "KR", "Ankara": "TR", "Riyadh": "SA",
    "Baghdad": "IQ", "Damascus": "SY", "Delhi": "IN", "Islamabad": "PK",
    "Kabul": "AF", "Cairo": "EG", "Tripoli": "LY", "Ottawa": "CA", "Canberra": "AU",
    "Rome": "IT", "Madrid": "ES", "Warsaw": "PL", "Minsk": "BY", "Tbilisi": "GE",
    "Baku": "AZ", "Hanoi": "VN", "Taipei": "TW", "Beirut": "LB", "Doha": "QA",
    "Brasilia": "BR",
}  # fmt: skip
_ACTS = re.compile(
    r"['\u2019]s\s+(?:government|decision|sanctions|policy|move|position)\b|\s+(?:imposed|announced|accused|warned|threatened|rejected|agreed|signed|"
    r"denied|insisted|responded|said|says|wants|urged|demanded|blamed|refused|sanctioned|"
    r"condemned|welcomed|criticised|criticized|retaliated|expelled|banned|approved|"
    r"pledged|offered|claims|claimed)\b"
)

# pycountry knows names, not adjectives; these are the demonyms and common short names
# news uses. Keys are lowercase.
_ALIASES = {
    "ivory coast": "CI",  # pycountry knows it as Côte d'Ivoire only
    "ivorian": "CI",
    "american": "US",
    "america": "US",
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "united states": "US",
    "britain": "GB",
    "british": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "english": "GB",
    "scotland": "GB",
    "scottish": "GB",
    "wales": "GB",
    "welsh": "GB",
    "northern ireland": "GB",
    "northern irish": "GB",
    "russian": "RU",
    "russia": "RU",
    "iranian": "IR",
    "iran": "IR",
    "persian": "IR",
    "cuban": "CU",
    "cuba": "CU",
    "chinese": "CN",
    "china": "CN",
    "french": "FR",
    "german": "DE",
    "italian": "IT",
    "spanish": "ES",
    "japanese": "JP",
    "indian": "IN",
    "brazilian": "BR",
    "mexican": "MX",
    "canadian": "CA",
    "australian": "AU",
    "turkish": "TR",
    "turkey": "TR",
    "saudi": "SA",
    "saudi arabia": "SA",
    "israeli": "IL",
    "palestinian": "PS",
    "egyptian": "EG",
    "iraqi": "IQ",
    "syrian": "SY",
    "syria": "SY",
    "ukrainian": "UA",
    "polish": "PL",
    "dutch": "NL",
    "holland": "NL",
    "belgian": "BE",
    "swiss": "CH",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "finnish": "FI",
    "irish": "IE",
    "greek": "GR",
    "portuguese": "PT",
    "austrian": "AT",
    "korean": "KR",
    "south korea": "KR",
    "south korean": "KR",
    "north korea": "KP",
    "north korean": "KP",
    "vietnamese": "VN",
    "vietnam": "VN",
    "thai": "TH",
    "indonesian": "ID",
    "malaysian": "MY",
    "pakistani": "PK",
    "afghan": "AF",
    "nigerian": "NG",
    "south african": "ZA",
    "kenyan": "KE",
    "ethiopian": "ET",
    "argentine": "AR",
    "argentinian": "AR",
    "chilean": "CL",
    "colombian": "CO",
    "venezuelan": "VE",
    "venezuela": "VE",
    "peruvian": "PE",
    "bolivian": "BO",
    "bolivia": "BO",
    "emirati": "AE",
    "uae": "AE",
    "qatari": "QA",
    "kuwaiti": "KW",
    "omani": "OM",
    "yemeni": "YE",
    "lebanese": "LB",
    "jordanian": "JO",
    "moroccan": "MA",
    "algerian": "DZ",
    "tunisian": "TN",
    "libyan": "LY",
    "sudanese": "SD",
    "czech": "CZ",
    "slovak": "SK",
    "hungarian": "HU",
    "romanian": "RO",
    "bulgarian": "BG",
    "serbian": "RS",
    "croatian": "HR",
    "belarusian": "BY",
    "kazakh": "KZ",
    "uzbek": "UZ",
    "azerbaijani": "AZ",
    "armenian": "AM",
    "georgian": "GE",
    "taiwanese": "TW",
    "taiwan": "TW",
    "filipino": "PH",
    "philippine": "PH",
    "new zealand": "NZ",
    "islamic republic": "IR",
    "moldova": "MD",
    "tanzania": "TZ",
    "laos": "LA",
    "czech republic": "CZ",
}


def _name_index() -> dict[str, str]:
    """Lower-cased ISO names -> alpha-2; short names first, then common, then official."""
    index: dict[str, str] = {}
    for attribute in ("name", "common_name", "official_name"):
        for country in pycountry.countries:
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(value.lower(), str(country.alpha_2))
    return index


_NAMES = _name_index()


@lru_cache(maxsize=8192)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name, short name or adjective; None if unknown."""
    key = name.strip().lower().removeprefix("the ").strip()
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    if key in _NAMES:
        return _NAMES[key]
    # Codes only as written in capitals ("US", "UAE"): "can" and "per" are words.
    if len(key) in (2, 3) and key.isalpha() and name.strip().isupper():
        found = pycountry.countries.get(**{f"alpha_{len(key)}": key.upper()})  # type: ignore[arg-type]
        if found is not None:
            return str(found.alpha_2)
    return None


def country_name(code: str) -> str:
    """The short English name of an alpha-2 code."""
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code


def capital_acting(word: str, text: str) -> str | None:
    """The country whose capital ``word`` is, where ``text`` has it act as its state
    ("Washington imposed", "Moscow's decision"), not where it is a place ("in Moscow")
    or the dateline's."""
    code = CAPITALS.get(word)
    if code is None:
        return None
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)}\b", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if match.start() == line_start and text[match.end() : match.end() + 1] in ",-":
            continue  # "MOSCOW, November 28": where the story was filed
        before = text[max(0, match.start() - 12) : match.start()]
        if re.search(r"\b(?:in|to|from|at|near|via|visited|visit)\s+$", before):
            continue
        if _ACTS.match(text, match.end()):
            return code
    return None


def country_words(text: str) -> list[str]:
    """The words of ``text`` that denote a country (names or adjectives, "U.S.", and a
    capital acting as its state), first mention first."""
    found: dict[str, None] = {}
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        index = 0
        while index < len(words):
            pair = " ".join(words[index : index + 2])
            if index + 1 < len(words) and words[index] != "The" and country_code(pair):
                found.setdefault(pair, None)
                index += 2
                continue
            word = words[index]
            if (country_code(word) and (len(word) > 2 or word in _ABBREVIATIONS)) or capital_acting(
                word, text
            ):
                found.setdefault(word, None)
            index += 1
    return list(found)
