"""Names compared across articles: folded, split, keyed for blocking, matched with guards.

Two articles write one name differently in three ways this module knows:

- accents and letters outside ASCII ("Inácio", "Søren"): folded away;
- transliterations of one name from another script ("Gaddafi", "Qaddafi", "Kadhafi";
  "Alexei", "Aleksey"): :func:`transliteration` maps the spellings that transliteration
  systems disagree on (kh/h, q/g/k, x/ks, y/i, doubled letters) onto one form;
- a typo ("Mihkail" for "Mikhail"): two adjacent letters swapped.

Short names never match by any of these (``_SHORT``): "Ian" and "Jan", "Lee" and "Li"
are different names, and so are names that differ in a final vowel, which marks gender
in many languages ("Daniel", "Daniela"; "Mario", "Maria").
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from summarizer._cues.names import NAME_JOINT, PERSONAL_TITLES

# Letters NFKD does not decompose into ASCII.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "\u0131": "i",  # dotless i
        "þ": "th",
        "ð": "d",
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
    }
)
_POSSESSIVE = re.compile(r"'s?$")
_NOT_IN_A_WORD = re.compile(r"[^a-z0-9&' -]+")

# Honorifics, and the sex they state ("Mrs Blair" is not Tony Blair).
_HONORIFIC_SEX = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "baroness": "f",
    "madam": "f",
    "prince": "m",
    "king": "m",
    "duke": "m",
    "princess": "f",
    "queen": "f",
    "duchess": "f",
}
# Titles that go before a given name, not a surname: "Sir Ian", "Prince Charles".
_BEFORE_GIVEN_NAMES = frozenset("sir dame prince princess king queen pope sheikh".split())
_HONORIFICS = frozenset(_HONORIFIC_SEX) | PERSONAL_TITLES | {"baron", "baroness", "prof", "mx"}
_POST_NOMINALS = frozenset("qc kc mp mep msp obe mbe cbe kbe jr sr ii iii iv phd".split())
_PARTICLES = frozenset(NAME_JOINT.split("|")) - {"of", "and", "for", "the"}

# A name part shorter than this matches only itself.
_SHORT = 4


def fold(text: str) -> str:
    """``text`` in lower case without accents: "Inácio" -> "inacio", "Søren" -> "soren"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words_of(name: str) -> list[str]:
    """The folded words of a name, without a possessive or punctuation around them."""
    words = []
    for raw in _NOT_IN_A_WORD.sub(" ", fold(name)).split():
        word = _POSSESSIVE.sub("", raw.strip("'-")) if raw.endswith(("'s", "'")) else raw
        if word := word.strip("'-"):
            words.append(word)
    return words


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name split for comparison; every part folded.

    Attributes:
        given: The given names, first first; empty for a surname alone ("Mr Khodorkovsky").
        surname: The last name; empty for a given name alone ("Sir Ian").
        sex: ``m`` or ``f`` when an honorific states it, else None.
        honorific: The honorific or title written first, if any ("sir", "mr").
    """

    given: tuple[str, ...]
    surname: str
    sex: str | None = None
    honorific: str | None = None

    @property
    def full(self) -> bool:
        """A given name and a surname: enough to tell two people who share a surname."""
        return bool(self.given) and bool(self.surname)

    @property
    def key(self) -> str:
        """The same for two spellings of one name (transliterations folded)."""
        return " ".join(transliteration(w) for w in (*self.given, self.surname) if w)


def parse_person(name: str) -> PersonName | None:
    """``name`` split into given names and surname; None when no name is left.

    Titles before the name are set aside ("President Vladimir Putin"), keeping the sex an
    honorific states; post-nominals after it are dropped ("Philippe Sands QC").
    """
    words = words_of(name)
    honorific: str | None = None
    while len(words) > 1 and words[0].rstrip(".") in _HONORIFICS:
        honorific = honorific or words[0].rstrip(".")
        words = words[1:]
    while len(words) > 1 and words[-1].rstrip(".") in _POST_NOMINALS:
        words = words[:-1]
    if not words or (len(words) == 1 and words[0] in _HONORIFICS):
        return None
    sex = _HONORIFIC_SEX.get(honorific or "")
    if len(words) == 1:
        if honorific in _BEFORE_GIVEN_NAMES:
            return PersonName((words[0],), "", sex, honorific)
        return PersonName((), words[0], sex, honorific)
    given = [w for w in words[:-1] if w not in _PARTICLES]
    return PersonName(tuple(given), words[-1], sex, honorific)


# Spellings that transliteration systems disagree on, rewritten in this order.
_DIGRAPHS = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "j"),
    ("ou", "u"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
)
# Qaf is written q, g or k (Qaddafi, Gaddafi, Kadhafi); c is k unless it begins "ch".
_VELARS = re.compile(r"[qg]|c(?!h)")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")


@functools.lru_cache(maxsize=65536)
def transliteration(word: str) -> str:
    """One spelling for the ways a folded word is transliterated: "gaddafi", "qaddafi"
    and "kadhafi" are all "kadafi"; "alexei" and "aleksey" are "aleksei"."""
    text = word
    if text.startswith("ye"):
        text = text[1:]  # Yeltsin, Eltsin; Yevgeny, Evgeny
    for spelling, common in _DIGRAPHS:
        text = text.replace(spelling, common)
    text = _VELARS.sub("k", text)
    return _DOUBLED.sub(r"\1", text)


def consonants(word: str) -> str:
    """The consonants of a word's transliteration: a blocking key for variants."""
    return "".join(c for c in transliteration(word) if c not in _VOWELS) or word


@functools.lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Whether two folded name parts are one name: equal, transliteration variants, or a
    typo (two adjacent letters swapped); parts shorter than four letters only if equal."""
    if a == b:
        return True
    if min(len(a), len(b)) < _SHORT or (a[-1] != b[-1] and {a[-1], b[-1]} <= _VOWELS):
        return False
    ta, tb = transliteration(a), transliteration(b)
    if ta == tb or _vowels_differ(ta, tb):
        return True
    return min(len(a), len(b)) >= 6 and OSA.distance(a, b) == 1 and Levenshtein.distance(a, b) == 2


def _vowels_differ(a: str, b: str) -> bool:
    """Same length, and only vowels differ, at one place (two from seven letters on):
    "husein"/"husain", "muhamad"/"mohamed", "gorbachev"/"gorbachov"."""
    if len(a) != len(b) or len(a) < 6:
        return False
    places = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return all(x in _VOWELS and y in _VOWELS for x, y in places) and len(places) <= (
        2 if len(a) >= 7 else 1
    )


def compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two full names can be one person: the surnames match, and so do the first
    given names (an initial matches the name it begins). "Tony Blair" and "Ian Blair" are
    two people; "Alexei Miller" and "Aleksey Miller" one."""
    if not (a.surname and b.surname and same_word(a.surname, b.surname)):
        return False
    if not (a.given and b.given):
        return True
    first_a, first_b = a.given[0], b.given[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return same_word(first_a, first_b) and (a.sex is None or b.sex is None or a.sex == b.sex)


# -- organisations ----------------------------------------------------------------------

# Legal forms and group words that say nothing of which body it is: "Menatep Group",
# "Group Menatep" and "Menatep" are one name.
_DESIGNATORS = frozenset(
    "the inc incorporated ltd limited plc llc corp corporation co company group holdings "
    "holding sa ag nv gmbh spa".split()
)
_NOT_PLURAL = ("ss", "us", "is", "os")  # "Express", "Airbus", "Paris", "Yukos"
_INITIALS_SKIP = frozenset("of and the for in on at to de du la le & des".split())


def organization_key(name: str) -> str:
    """A body's name without its legal form, case, punctuation or a plural "s": "The
    Menatep Group" and "Menatep" are both "menatep", "Liberal Democrats" and "Liberal
    Democrat" one key (a body and its members); "Yukos USA" stays "yukos usa"."""
    words = [w.replace("&", "and") for w in words_of(name.replace("-", " "))]
    kept = [w for w in words if w not in _DESIGNATORS] or words
    if not kept:  # no word at all ("—"): no key, and the fact joins nothing
        return ""
    if len(kept[-1]) >= 5 and kept[-1].endswith("s") and not kept[-1].endswith(_NOT_PLURAL):
        kept[-1] = kept[-1][:-1]
    return " ".join(kept)


def is_acronym(name: str) -> bool:
    """A name written as an acronym: one word of capitals, maybe with one small letter,
    dots, an ampersand or a hyphen ("IMIDRO", "S&P", "TNK-BP", "U.N.", "BoE")."""
    word = name.strip()
    letters = word.replace("&", "").replace(".", "").replace("-", "")
    capitals = sum(1 for c in letters if c.isupper())
    return (
        " " not in word
        and 2 <= len(letters) <= 10
        and letters.isalnum()
        and word[0].isupper()
        and capitals >= max(2, len(letters) - 1)
    )


def acronym_key(acronym: str) -> str:
    """An acronym compared as its letters: "U.N." and "UN" are "un", "S&P" is "sp" (as the
    initials of "Standard & Poor's" spell it)."""
    return re.sub(r"[^a-z0-9]", "", fold(acronym))


def initials(name: str) -> frozenset[str]:
    """The acronyms a name's initials spell, with and without its small words:
    "Bank of England" -> {"be", "boe"}; "International Energy Agency" -> {"iea"}."""
    words = [w for w in words_of(name.replace("-", " ")) if w not in _DESIGNATORS - {"the"}]
    content = "".join(w[0] for w in words if w not in _INITIALS_SKIP)
    every = "".join(w[0] for w in words if w != "the")
    return frozenset(k for k in (content, every) if len(k) >= 2)


def same_organization_name(a: str, b: str) -> bool:
    """Two organisation keys that are one name spelt two ways: as many words, each the
    same word ("yuganskneftegaz"/"yuganskneftegas" differ in one letter of many)."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    return all(
        same_word(x, y) or (min(len(x), len(y)) >= 8 and Levenshtein.distance(x, y) == 1)
        for x, y in zip(words_a, words_b, strict=True)
    )


# -- the sex of given names ---------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _sex_of_given_names() -> dict[str, str]:
    """Given names used for one sex only (Jörg Michael's list, shipped with
    gender-guesser): "tony" -> m, "cherie" -> f. A name male in some countries and female
    in others ("Andrea") is left out; one only said to be unisex somewhere is not."""
    sexes: dict[str, set[str]] = {}
    data = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=\n" or len(parts := line.split()) < 2:
                continue
            code = parts[0]
            sex = "m" if code.endswith("M") else "f" if code.endswith("F") else None
            if sex is not None:
                sexes.setdefault(fold(parts[1].replace("+", " ")), set()).add(sex)
    return {name: next(iter(s)) for name, s in sexes.items() if len(s) == 1}


def sex_of(name: PersonName) -> str | None:
    """The sex a name states: by its honorific, else by a given name used for one sex."""
    if name.sex is not None:
        return name.sex
    return _sex_of_given_names().get(name.given[0]) if name.given else None
