"""Country names and adjectives to ISO 3166-1 alpha-2 codes (pycountry, plus demonyms)."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Capitalised words, and the abbreviations news writes countries as ("US", "UK"): a
# two-letter word in capitals is otherwise too often no country ("IT", "AT").
_ABBREVIATIONS = ("US", "UK", "USA", "UAE")
_CAPITALISED = re.compile(rf"[A-Z][a-z]+(?: [A-Z][a-z]+)*|\b(?:{'|'.join(_ABBREVIATIONS)})\b")

# pycountry knows names, not adjectives; these are the demonyms and common short names
# news uses. Keys are lowercase.
_ALIASES = {
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


def country_words(text: str) -> list[str]:
    """The words of ``text`` that denote a country (names or adjectives), first mention first."""
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
            if country_code(word) and (len(word) > 2 or word in _ABBREVIATIONS):
                found.setdefault(word, None)
            index += 1
    return list(found)
