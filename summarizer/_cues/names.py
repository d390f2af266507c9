"""Hints computed from the text and handed to focused templates.

Small models miss things and invent things. Code is good at finding every number
(see _quantities), every quoted passage (see _quotes) and every capitalised name; the
model is good at deciding what they mean. So the code proposes numbered candidates, the
model picks and labels them, and the code keeps the verbatim span and the parsed value.
This module finds the names: who may be a person, who may speak.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import string
import unicodedata
from collections.abc import Iterator, Sequence

from wordfreq import zipf_frequency

from summarizer._cues.countries import CAPITALS, country_code
from summarizer._cues.lexicon import WEEKDAYS, alternation
from summarizer._cues.numbers import is_number_word
from summarizer._cues.quantities import MONTH_NAMES

ORGANISATION_WORDS = re.compile(
    r"\b(ministry|organi[sz]ation|company|corporation|corp|co|bank|banque|banco|banca|agency|fund|group|inc|ltd|"
    r"plc|llc|spa|ag|gmbh|holdings|airlines|airways|motors?|petroleum|exchange|newsroom|"
    r"university|council|committee|party|government|department|association|union|plant|"
    r"portal|office|institute|authority|commission|federation|society|board|league|club|"
    r"stakes|protocol|receipts|news|press|radio|television|agence|ag\u00eancia|agencia|times|"
    r"post|herald|tribune|journal|gazette|daily|records|securities|entertainment|studios|"
    r"pictures|communications|telecoms?|technologies|systems|networks?|media|foundation|"
    r"trust|economics|research|consulting|investments|insurance|pharmaceuticals|"
    r"industries|partners|capital|reserve|assembly|parliament|congress|senate|chambers?|"
    r"partnerships|builders|desk|refinery|steelworks|bros|incorporated|limited|regiment|brigade|"
    r"battalion|unit|stockbrokers|brokers)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w'\u2019\-]*[a-z\u00e0-\u00ff][\w'\u2019\-]*|[A-Z]{2,}"
# Inside a name only: a middle initial ("George W Bush", "John F. Kennedy") and an "O'"
# that scraping split from the rest ("Rory O' Neill").
_NAME_INSIDE = r"(?:[A-Z]\.?|O['\u2019])(?=[ \t][A-Z][a-z])"
# Lower-case words inside a name: particles ("Paolo di Canio") and joiners of bodies' names.
NAME_JOINT = (
    "de|da|di|du|del|della|dello|delle|dei|degli|le|la|van|von|der|den|dos|das|bin|al|el|wa|"
    "of|and|for|the"
)
# Romance particles: an Arabic "bin" or a Dutch "van" follows given names our list lacks
# ("Alwaleed bin Talal").
_PARTICLES = frozenset(NAME_JOINT.split("|")) & frozenset(
    "de da di du del della dello delle dei degli dos das la le".split()
)
_NAME = re.compile(
    rf"(?:{_NAME_WORD})(?:[ \t](?:(?:{NAME_JOINT})[ \t])?(?:{_NAME_WORD}|{_NAME_INSIDE}))*"
)
_NOT_NAMES = frozenset(
    "The A An In On At As By For Of To And But Or If It "
    "Its He She They We I This That These Those His Her Their Our During After "
    "Before Later Following According Moreover Also Additionally However Meanwhile "
    "Noting Reflecting With From Under Mr Mrs Ms Dr Some Former Everyone Many Most All "
    "Several Both Each".split()
)


def name_candidates(article: str) -> list[str]:
    """Capitalised name sequences, in order of first mention, without repeats."""
    seen: dict[str, None] = {}
    for match in _NAME.finditer(article):
        # A possessive ends a name: "Glenn Hoddle's England" is two.
        for part in re.split(r"(?<=['\u2019]s) ", match.group(0)):
            words = part.split()
            while words and words[0] in _NOT_NAMES:
                words = words[1:]
            while words and words[-1].lower() in {"of", "and", "for", "the", "de", "la"}:
                words = words[:-1]
            name = " ".join(words)
            if name.endswith(("'s", "\u2019s")):
                name = name[:-2]
            if len(name) >= 2 and name not in seen:
                seen[name] = None
    return list(seen)


TITLE_WORD = re.compile(
    r"^(?:Minister|Secretary|President|Head|Chief|Director|Chairman|Governor|Ambassador|"
    r"Deputy|Prime|Vice|State|Executive|Spokesman|Spokeswoman|Mr|Mrs|Ms|Dr|Sir|King|Queen|"
    r"MP|MEP|MSP|AM|Mayor|Chancellor|Leader|Editor|Shadow)$"
)
_MONTH = re.compile(rf"^(?:{MONTH_NAMES}|{alternation(WEEKDAYS, capitalised=True)})$")


def speaker_candidates(article: str, names: list[str]) -> list[str]:
    """Who may have said something: the names, split at "and" and after titles
    ("Deputy Minister Roman Chekushov" gives "Roman Chekushov"), minus months, the
    dateline, countries, and words that only ever open a sentence."""
    found: dict[str, None] = {}
    for name in names:
        parts = [name, *name.split(" and ")]
        # "Jesper Parnevik of Sweden" gives "Jesper Parnevik", and so does "Ashok
        # Vishwanathan of Operation Black Vote".
        parts += [
            head
            for head, _, rest in [p.rpartition(" of ") for p in parts]
            if country_code(rest)
            or (len(head.split()) in (2, 3) and is_given_name(head.split()[0]))
        ]
        for part in parts:
            words = part.split()
            # A title word ends no name: "King" in "Billie Jean King" is a surname.
            titled = [i for i, w in enumerate(words[:-1]) if TITLE_WORD.match(w)]
            tail = words[titled[-1] + 1 :] if titled else words
            # Not the object of a joint: "Racial Equality" in "Commission for Racial
            # Equality" (but "Eloy Alvarez" in "Minister of Industry Eloy Alvarez").
            options = [tail[-n:] for n in (2, 3) if len(tail) > n and not tail[-n - 1].islower()]
            options.append(tail)
            if not titled:
                options.append(words)
            for option in map(" ".join, options):
                if _could_speak(option, article) and not country_code(option):
                    found.setdefault(option, None)
    return list(found)


def _could_speak(option: str, article: str) -> bool:
    if not option or not option[0].isupper() or _MONTH.match(option) or option in _NOT_NAMES:
        return False
    if option.isupper() and option in article[:40]:
        return False  # the dateline's place (MOSCOW, TEHRAN)
    if " " not in option and not option.isupper():
        # A single capitalised word that never appears mid-sentence is a sentence opener.
        return _mid_sentence(option, article) or after_a_title(option, article)
    return True


# Zipf frequencies (wordfreq): a surname is rare as an English word ("Chekushov" 0,
# "Alvarez" 3.4, "Cruz" 4.1) where the head of a name of a thing is not ("Palace" 4.5,
# "Motor" 4.5, "Policy" 5.2); a name holding a very common word ("Security", "Development")
# is a thing.
_SURNAME_CEILING = 4.3
_COMMON_WORD = 5.0


def _rare_as_a_word(word: str) -> bool:
    return zipf_frequency(word.split("-")[-1], "en") < _SURNAME_CEILING


# Last words of place names: streets, grounds, waters ("Grace Road", "Tanjung Priok Port").
PLACE_ENDINGS = frozenset(
    "Road Street Avenue Square Stadium Airport Bridge Harbour Harbor Island Islands River "
    "Valley Bay Beach Hills Mountains Lake Canal Station Port Province District Region "
    "Oval Arena Palace Cathedral Mosque Church Temple Hospital Centre Center Museum "
    "Theatre Theater Strait Straits".split()
)
# First words of place names, not of people's names.
_PLACE_OPENERS = frozenset(
    "East West North South Northern Southern Eastern Western Central New Old Great Upper "
    "Lower Lake Mount Port Fort Los Las San Santa Sao St Saint Tel Cape Gulf".split()
)


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """About 60,000 given names from many countries (Jörg Michael's list, shipped with
    gender-guesser), lower-cased. Read from its data file directly: its Detector builds a
    per-country table we do not use, five times slower, in every process's start-up."""
    names: set[str] = set()
    data = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=\n" or len(parts := line.split()) < 2:
                continue
            name = parts[1].lower()
            # "Jean+Pierre" stands for Jeanpierre, Jean Pierre and Jean-Pierre.
            names.update(name.replace("+", joint) for joint in ("", " ", "-"))
    # English news drops accents: "Francois" for "François".
    names.update(folded for name in list(names) if (folded := _without_accents(name)) != name)
    return frozenset(names)


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def load_word_lists() -> None:
    """Load the given names and wordfreq's English list now rather than on the first
    article that needs them (about 250 ms together)."""
    _given_names()
    zipf_frequency("news", "en")


@functools.lru_cache(maxsize=8192)
def is_given_name(word: str) -> bool:
    """Whether ``word`` is a known given name ("Bill", "Roman", "Mohammad"), or given
    names joined by hyphens ("Jean-Francois")."""
    if "-" in word.strip("-"):  # not "Major-General"
        parts = word.split("-")
        return all(is_given_name(p) and p.lower() not in PERSONAL_TITLES for p in parts)
    return bool(word.isalpha()) and word.lower() in _given_names()


# Words that stand right before a person's name, or right after it, in news prose.
ROLE_BEFORE = (
    r"captain|coach|manager|striker|midfielder|defender|goalkeeper|batsman|bowler|spinner|"
    r"opener|all-rounder|player|champion|seed|president|minister|chairman|chairwoman|"
    r"director|spokesman|spokeswoman|secretary|leader|officer|analyst|economist|"
    r"executive|governor|senator|ambassador|envoy|said|says|told|Mr|Mrs|Ms|Dr"
)
_ROLE_AFTER = (
    r",\s+\d{1,3},|\s+(?:said|says|told|added|stated|explained|noted|warned)\b|"
    # An appositive title: "Anshuman Magazine, managing director, of CB Richard Ellis".
    r",\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+){0,2}(?:director|secretary|minister|chairman|"
    r"chairwoman|president|editor|leader|spokes(?:man|woman|person)|analyst|economist|"
    r"executive|officer|head|chief|founder|professor)\b"
)


def occurrences(name: str, article: str) -> Iterator[int]:
    """Where ``name`` starts in ``article``, in order (plain search: no regex to compile)."""
    position = article.find(name)
    while position >= 0:
        yield position
        position = article.find(name, position + 1)


# Candidates are checked against the article by plain search, not a regex compiled per
# name: a few hundred names an article would overflow re's cache and recompile each time.
_LOWER_WORD_END = re.compile(r"\b[a-z][\w-]*$")


def _mid_sentence(word: str, article: str) -> bool:
    """Some whole-word mention of ``word`` follows a lower-case word, a comma or a
    semicolon and a space: the word is not only a sentence opener."""
    for start in occurrences(word, article):
        if not whole_word_at(article, start, start + len(word)):
            continue
        before = article[max(0, start - 40) : start]
        stripped = before.rstrip()
        if len(stripped) < len(before) and stripped and stripped[-1] in _ENDS_MID_SENTENCE:
            return True
    return False


_ENDS_MID_SENTENCE = frozenset(",;" + string.ascii_lowercase)


def whole_word_at(article: str, start: int, end: int) -> bool:
    before = article[start - 1] if start > 0 else " "
    after = article[end] if end < len(article) else " "
    return not (before.isalnum() or after.isalnum())


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def always_after_the(name: str, article: str) -> bool:
    """Every exact mention of ``name`` follows "the": "the Antillana de Acero plant",
    "the Planalto Palace said": a thing, not a person."""
    mentions = list(occurrences(name, article))
    return bool(mentions) and all(_THE_BEFORE.search(article[max(0, m - 5) : m]) for m in mentions)


# Capitalised words that stand right before a person's name without being part of it:
# titles and honorifics ("Judge Olga Lavrentyeva", "Sen. Bob Dole").
PERSONAL_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady sheikh ayatollah imam pope cardinal bishop "
    "archbishop rabbi father saint st rev reverend sen senator rep gov governor gen general "
    "col colonel maj major capt captain lt sgt judge justice speaker coach president minister "
    "premier chancellor secretary king queen prince princess emperor crown prime vice deputy "
    "chief chairman chairwoman director ambassador mayor commander envoy manager "
    "commissioner councillor".split()
)
# Titles that are never a surname too (unlike "Major", "King", "Judge"): a name holding
# one is a title's ("South Carolina Gov", "High Commissioner for Refugees").
_NEVER_SURNAMES = frozenset(
    "mr mrs ms dr gov sen rep gen col capt lt sgt minister president secretary premier "
    "chairman chairwoman director ambassador commissioner governor senator envoy shadow "
    "councillor".split()
)
# A name ending in one of these is a plan's or a law's, never a person's: "Marshall Plan".
_DOCUMENT_ENDINGS = frozenset(
    "plan policy programme program strategy initiative doctrine pact treaty accord accords "
    "agreement protocol charter convention declaration act constitution report review "
    "scheme".split()
)
# ...and words that say a person's side, faith or nation ("Republican Bob Dole",
# "Swede Jesper Parnevik", "Zimbabwean Nick Price").
_AFFILIATIONS = frozenset(
    "democrat tory labour liberal conservative socialist communist moslem muslim catholic "
    "protestant republican swede briton dane finn pole turk scot ex former".split()
)
_DEMONYM_ENDING = re.compile(r"(?:an|ese|ish|man|er)$")  # "Texan", "New Yorker"
_SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;\"\u201c\u201d(\n])\s*$")
# The capitalised words (and the "of"s joining them) right before a mention:
# "Minister of Industry " before "Eloy Alvarez", "New " before "York Yankees".
_RUN_BEFORE = re.compile(
    r"(?:[A-Z][\w'\u2019&\-]* (?:(?:of|and|for|the) )*)*[A-Z][\w'\u2019&.\-]* $"
)


def _describes_a_person(word: str) -> bool:
    # "Rwandan", "Dutchman": not "Juan", "Brian" (given names) nor "Human" (a word)
    return _a_descriptor(word) or _demonym_by_ending(word)


def _a_descriptor(word: str) -> bool:
    """A title, an affiliation, a country, or a word shaped as a description: "Sen.",
    "Baltimore's", "Ex-Yankee"."""
    bare = word.rstrip(".").lower()
    return (
        bare in PERSONAL_TITLES
        or bare in _AFFILIATIONS
        or word.endswith((".", "'s", "\u2019s", "'", "\u2019"))
        or ("-" in word and not is_given_name(word))  # "Ex-Yankee"; not "Jean-Francois"
        or _a_country_word(word)
    )


def _demonym_by_ending(word: str) -> bool:
    bare = word.rstrip(".").lower()
    return (
        _DEMONYM_ENDING.search(bare) is not None
        and not is_given_name(word)
        and zipf_frequency(bare, "en") < _SURNAME_CEILING
    )


# Letters after a name: a rank ("QC"), a seat ("MP"), an honour ("OBE").
SEATS_AND_RANKS = ("QC", "KC", "MP", "MEP", "MSP", "AM")  # titles too: "Ian MacDonald QC"
POST_NOMINALS = frozenset((*SEATS_AND_RANKS, "OBE", "MBE", "CBE", "KBE", "DBE"))


def without_descriptors(name: str) -> str:
    """``name`` without the titles and descriptions written before it: "Judge Olga
    Lavrentyeva" -> "Olga Lavrentyeva", "Ex-Yankee Randy Velarde" -> "Randy Velarde"."""
    words = name.split()
    while len(words) > 2 and words[-1] in POST_NOMINALS:
        words = words[:-1]  # "Ian MacDonald QC"
    # "Nottingham City Councillor Brian Parbutt": the name follows the title's last word.
    last = max((i for i, w in enumerate(words[:-1]) if w.lower() in _NEVER_SURNAMES), default=-1)
    words = words[last + 1 :]
    while len(words) > 1 and _describes_a_person(words[0]):
        if len(words) == 2 and not _a_descriptor(words[0]):
            break  # "Anshuman Magazine": a given name may end like "Texan"
        words = words[1:]
    return " ".join(words)


def _a_country_word(word: str) -> bool:
    """A country named before a person ("Kenyan", "US"); capitals other than US and UK are
    an acronym's, not a country code's ("JP Morgan Chase" is no Japanese Morgan Chase)."""
    if word.isupper() and word not in ("US", "UK", "USA", "UAE"):
        return False
    return country_code(word) is not None


def longer_name_around(name: str, article: str) -> str | None:
    """The longer capitalised name that every mention of ``name`` is the tail of, or
    follows "the" ("New York Yankees" for "York Yankees", "the White Sox" and "Chicago
    White Sox"), or None when the article also writes ``name`` on its own or after a
    title ("Judge Olga Lavrentyeva", "Republican Bob Dole", "Yesterday Bill Clinton")."""
    longer = None
    for start in occurrences(name, article):
        if not whole_word_at(article, start, start + len(name)):
            continue
        if _THE_BEFORE.search(article[max(0, start - 5) : start]):
            continue
        line_start = article.rfind("\n", 0, start) + 1
        # A title or a name runs a few words, not a paragraph: a bounded look back.
        before = _RUN_BEFORE.search(article, max(line_start, start - 120), start)
        if before is None:
            return None
        run = before.group(0).split()
        if any(_describes_a_person(w) or TITLE_WORD.match(w) for w in run if w[0].isupper()):
            return None  # a title: "Minister of Industry Eloy Alvarez", "MP Chris Smith"
        word = run[-1]
        if (
            is_given_name(name.split()[0])
            and not is_given_name(word)
            and not word.isupper()  # "CB Richard Ellis", "JP Morgan Chase"
            and _in_a_persons_place(name, article)
        ):
            return None  # "leader of the Commons Oliver Heald said": a person's name
        # At a sentence's start the word before may be an opener ("Yesterday Bill Clinton")
        # unless it is the rest of the name ("Todd Van Poppel", "New York Yankees").
        if (
            len(run) == 1
            # From the line break itself: "^" matches only at the article's start.
            and _SENTENCE_BREAK.search(article, max(0, line_start - 1), before.start())
            and not (is_given_name(word) or word in _PLACE_OPENERS)
        ):
            return None
        longer = longer or f"{word} {name}"
    return longer


# What follows every mention of a thing's name, or comes before every mention of a place's.
_THING_AFTER = re.compile(
    r"\s*&|\s+(?:newspaper|daily|weekly|magazine|agency|airlines?|flight|port|airport|"
    r"harbou?r|company|firm|bank|party|brand|plant|mine|oilfield|hotel|university|hospital|"
    r"Inc|Corp|Co|Ltd|plc|AG|SA|GmbH|report|analysts?)\b"
)
# A body's name qualifying a role: "Lib Dem leader Charles Kennedy", "Lib Dem officials",
# "Tory MPs". One such mention is enough, unless a given name opens the name ("a Tony
# Blair spokesman" is rare, "Tony Blair" a person).
_QUALIFIES_A_ROLE = re.compile(
    r"\s+(?:leader|leaders|MPs?|spokes(?:man|woman|person)|chairman|members?|officials?|"
    r"boss|stance|candidates?|activists?|voters?|peers?|councillors?|supporters?)\b"
)
# Where a person works: "chief economist at Fannie Mae", "an analyst at Gartmore".
_EMPLOYER_BEFORE = re.compile(
    r"\b(?:economist|analyst|director|executive|officer|chairman|chairwoman|spokes\w+|head|"
    r"chief|president|editor|manager|partner|strategist|researcher|professor|founder)\s+"
    r"(?:at|of|with|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "brokerage Merrill Lynch said", "US wine maker Robert Mondavi": a firm the role names;
# not "film-maker George Lucas", whose trade is no firm's.
_FIRM_BEFORE = re.compile(
    # Not "the retailer Philip Green bought", "the company Bill Gates built": after "the"
    # a firm's word may open a clause whose subject is its owner.
    r"(?<!\bthe )(?<!\bThe )(?<!\ba )(?<!\ban )(?<![\w-])"
    r"(?:brokerage|(?:wine|car|drug|chip|steel|plane|aircraft)[ -]?maker)\s+$"
)
# A firm's word right before a name: "water firm Aguas Argentinas", "the oil company
# Yukos". Not a trade a person may have ("developer", "producer", "miner").
FIRM_WORDS = (
    "company|firm|group|carmaker|winemaker|retailer|airline|insurer|lender|brokerage|"
    "conglomerate|bank|manufacturer|supplier|utility|chain|carrier"
)
# "Shares in Elan and Biogen Idec plunged": no person's shares are traded. A plural
# firm's word names each of the list it opens: "oil companies like ChevronTexaco, Exxon
# Mobil and British Petroleum", "consultants Booz Allen Hamilton and HI Europe".
_FIRM_PLURALS = "companies|firms|groups|banks|carmakers|airlines|retailers|consultants|insurers"
_FIRM_WORD_BEFORE = re.compile(
    rf"\b(?:(?:{FIRM_WORDS})|(?:[Ss]hares|[Ss]take) in(?:\s+[A-Z][\w-]*\s+and)?|"
    rf"(?:{_FIRM_PLURALS})(?:,?\s+(?:such as|like|including))?"
    r"(?:\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:,|\s+and))*)\s+$"
)
_PLURAL_VERB_AFTER = re.compile(r"\s+(?:were|are)\b")
_LISTED_BEFORE = re.compile(r"(?:\band|,)\s+$")
_PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|province|region|district|port|island|county|suburb|capital)"
    r"\s+of\s+$",
    re.IGNORECASE,
)


def named_as_a_thing(name: str, article: str) -> bool:
    """Every mention of ``name`` is a newspaper's, a port's, a company's or a town's:
    "Le Matin newspaper", "Tanjung Priok port", "a Pan Am flight", "the town of Bou Haroun"."""
    mentions = [
        start
        for start in occurrences(name, article)
        if whole_word_at(article, start, start + len(name))
    ]
    # "Lib Dems" is a thing where "Lib Dem officials" are.
    singular = name.removesuffix("s")
    if not is_given_name(name.split()[0]) and any(
        _QUALIFIES_A_ROLE.match(article, start + len(singular))
        for start in occurrences(singular, article)
        if whole_word_at(article, start, start + len(singular))
    ):
        return True
    # "older Alfa Romeos": a make's cars; a person's name takes no plural but a family's
    # ("the Blairs").
    if " " in name and re.search(rf"(?<!\bthe )(?<!\bThe )\b{re.escape(name)}s\b", article):
        return True
    if " " in name and name.endswith("s") and re.search(rf"\b{re.escape(name[:-1])}\b", article):
        return True  # "Alfa Romeos" where "Alfa Romeo engines" are written too
    # "water firm Aguas Argentinas": one mention the firm's word opens settles it, where
    # no given name opens the name ("the retailer Philip Green bought" is a man's) and no
    # title comes before another ("Prime Minister Berlusconi").
    if (
        not is_given_name(name.split()[0])
        and not after_a_title(name, article)
        and any(_after_a_firms_word(name, start, article) for start in mentions)
    ):
        return True
    # "Joy Division were signed to": a band, a team, a firm; people are singular.
    if any(
        _PLURAL_VERB_AFTER.match(article, start + len(name))
        and not _LISTED_BEFORE.search(article[max(0, start - 6) : start])
        for start in mentions
    ):
        return True
    return bool(mentions) and all(
        _THING_AFTER.match(article, start + len(name))
        or _PLACE_BEFORE.search(article[max(0, start - 30) : start])
        or _EMPLOYER_BEFORE.search(article[max(0, start - 40) : start])
        or _FIRM_BEFORE.search(article[max(0, start - 20) : start])
        for start in mentions
    )


def _the_tail_of_a_thing(name: str, things: Sequence[str], article: str) -> bool:
    """ "Sun Life" of "Life insurer Axa Sun Life": a name written only as the tail of a
    name that is a thing's."""
    # Not "Franco Frattini" of "Home Affairs Commissioner Franco Frattini": a title's.
    tails = [(s, s + len(t)) for t in things
             if t.endswith(" " + name) and not re.search(r" (?:of|and) ", t)
             and not _titled(t[: -len(name)])
             for s in occurrences(t, article)]  # fmt: skip
    starts = list(occurrences(name, article))
    return bool(tails) and all(
        any(s <= start and start + len(name) == e for s, e in tails) for start in starts
    )


def _after_a_firms_word(name: str, start: int, article: str) -> bool:
    """A firm's word names the mention at ``start``; not "the company Berlusconi controls",
    a clause whose subject is the firm's owner."""
    before = article[max(0, start - 80) : start]
    role = _FIRM_WORD_BEFORE.search(before)
    if role is None:
        return False
    owner = _THE_BEFORE.search(before[: role.start()]) and re.match(
        r"\s+[a-z]", article[start + len(name) :]
    )
    return not owner


def _titled(words: str) -> bool:
    return any(w.rstrip(".").lower() in _NEVER_SURNAMES for w in words.split())


def _hyphen_description(word: str) -> bool:
    """A hyphen before a common lower-case word ("Bergamo-based", "T-bonds") makes a
    description; "Chun-yeh" is a name."""
    tail = word.partition("-")[2]
    return bool(tail) and tail[0].islower() and zipf_frequency(tail, "en") >= _SURNAME_CEILING


_ROLE_BEFORE_RE = re.compile(rf"\b(?:{ROLE_BEFORE})\s+$")
_ROLE_AFTER_RE = re.compile(rf"(?:{_ROLE_AFTER})")
_LOWER_WORD_BEFORE = re.compile(r"\b[a-z][\w'-]*,?\s+$")
_CAPITAL_AFTER = re.compile(r"['\u2019]?\s*[A-Z(]")


def _in_a_persons_place(name: str, article: str) -> bool:
    """The article puts ``name`` where only a person goes: after a role ("Surrey captain
    Chris Lewis", "said Paul Johnson") or before an age or a verb of saying."""
    for start in occurrences(name, article):
        end = start + len(name)
        if not whole_word_at(article, start, end):
            continue
        if _ROLE_BEFORE_RE.search(article[max(0, start - 40) : start]):
            return True
        if _ROLE_AFTER_RE.match(article, end):
            return True
    return False


_TITLE_RIGHT_BEFORE = re.compile(r"\b([A-Za-z][a-z]+)\.? $")
# A head of state or government named by role and surname: "the Russian president Putin",
# "US prime minister" (the role in lower case after a country's name or adjective).
_COUNTRY_ROLE_BEFORE = re.compile(
    r"\b([A-Z][\w.]*(?: [A-Z][\w.]*)?) (?:president|prime minister|premier|chancellor|"
    r"leader|foreign minister|king|queen|emperor) $"
)


def after_a_title(word: str, article: str) -> bool:
    """The article puts a title right before ``word``: "President Suharto", "Mr Dole",
    "the Russian president Putin"."""
    for start in occurrences(word, article):
        if not whole_word_at(article, start, start + len(word)):
            continue
        title = _TITLE_RIGHT_BEFORE.search(article[max(0, start - 20) : start])
        # A title is capitalised: "the major Manchester hotels" names no Major Manchester.
        if title and title.group(1)[0].isupper() and title.group(1).lower() in PERSONAL_TITLES:
            return True
        role = _COUNTRY_ROLE_BEFORE.search(article[max(0, start - 40) : start])
        if role and country_code(role.group(1)):
            return True
    return False


_SEATS_OF_GOVERNMENT = frozenset(
    "Stormont Holyrood Westminster Whitehall Pentagon Kremlin Elysee Cardiff".split()
)
_ADMINISTRATION_AFTER = re.compile(r"(?:['\u2019]s)?\s+administration\b")


def _heads_an_administration(word: str, article: str) -> bool:
    """ "The Bush administration's unwillingness": a president named by the government
    he leads; not "the Kabul administration" or "the Stormont administration", a place's."""
    if word in CAPITALS or word in _SEATS_OF_GOVERNMENT:
        return False
    return any(
        whole_word_at(article, start, start + len(word))
        and _ADMINISTRATION_AFTER.match(article, start + len(word)) is not None
        for start in occurrences(word, article)
    )


def _recurs_alone(word: str, article: str) -> bool:
    """``word`` stands alone mid-sentence as a name: after a lower-case word, not before
    another capitalised word ("Such had scuttled", "said Butcher.")."""
    if len(word) < 3 or not word[0].isupper():
        return False
    for start in occurrences(word, article):
        end = start + len(word)
        if not whole_word_at(article, start, end):
            continue
        if _LOWER_WORD_BEFORE.search(article[max(0, start - 40) : start]) and not (
            _CAPITAL_AFTER.match(article, end)
        ):
            return True
    return False


_EVENT_WORDS = re.compile(
    r"\b(?:Championships?|Cup|Games|Olympics|Tournament|Festival|Awards?|Prize|Open|Trophy|"
    r"Series|Marathon|Conference|Summit)\b"
)


def looks_like_a_persons_name(name: str) -> bool:
    """Not a body's or a place's name by its words: "City of London" (a person's name has
    no "of"), "Safety Executive", "Trade Unions", "Operation Digital Gridlock" (a first
    word that is a common English word and no given name opens a thing's name)."""
    words = name.split()
    if "of" in words[1:-1] or _EVENT_WORDS.search(name):
        return False  # "City of London", "Wimbledon Championships"
    first = words[0]
    if len(words) > 1 and is_number_word(first):
        return False  # "Five Live", "Three Degrees": "Five" is a given name somewhere
    return len(words) == 1 or is_given_name(first) or zipf_frequency(first.lower(), "en") < 4.5


def person_candidates(article: str, speakers: Sequence[str]) -> list[str]:
    """Names that look like people's: two or more capitalised words, none of them a word
    the article also uses in lower case (so not "Mining Industries Development"), no
    acronym, and not the tail of a longer such name."""
    lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", article))

    def person_like(option: str) -> bool:
        words = option.split()
        capitalised = [w for w in words if w[0].isupper()]
        if len(words) == 1:
            # A surname the article only ever gives with a title: "President Suharto".
            return (
                not option.isupper()
                and option.lower() not in PERSONAL_TITLES
                and country_code(option) is None
                and not ORGANISATION_WORDS.search(option)
                and not _MONTH.match(option)
                and option.lower() not in lower_words  # "Deputy Industry and Trade Minister"
                and zipf_frequency(option, "en") < _COMMON_WORD
                and (after_a_title(option, article) or _heads_an_administration(option, article))
            )
        if not (
            len(capitalised) >= 2
            and " and " not in option
            and not ORGANISATION_WORDS.search(option)
            # An acronym is a body's; an initial ("George W Bush") is a name's.
            and not any(w.isupper() and len(w.rstrip(".'\u2019")) > 1 for w in capitalised)
            and not any(country_code(w) or w.endswith(("'s", "\u2019s")) for w in capitalised)
            # "May May", "Saddam for Saturday", "December T-bonds", "Bergamo-based Atalanta"
            and not any(_MONTH.match(w) or _hyphen_description(w) for w in capitalised)
        ):
            return False
        # "Aguas de Barcelona", "Banco de Credito": a particle after words that are no
        # given name joins a firm's name; a person's follows one ("Jaap de Hoop Scheffer",
        # "Luiz Inacio Lula da Silva").
        particle = next((i for i, w in enumerate(words) if w in _PARTICLES), None)
        if particle is not None and not any(is_given_name(w) for w in words[:particle]):
            return False
        # "Salt Lake" is a place; "said Mike Lake, a Yukos spokesman" a person.
        place = capitalised[0] in _PLACE_OPENERS or capitalised[-1] in PLACE_ENDINGS
        if place and not (is_given_name(capitalised[0]) and _in_a_persons_place(option, article)):
            return False
        if not looks_like_a_persons_name(option):
            return False
        if always_after_the(option, article):
            return False  # "East Jerusalem", "New Haven"; "the Planalto Palace"
        surname = capitalised[-1]
        if _recurs_alone(surname, article) or _in_a_persons_place(option, article):
            return True  # "Such had scuttled"; "captain Chris Lewis"; "said Paul Johnson"
        if len(capitalised) in (2, 3) and is_given_name(capitalised[0]):
            return True  # "Bill Clinton", "Tony Clark": a given name, whatever the surname
        # The given name of a two-word name may be a common word ("Mark Butcher"); in a
        # longer name a common first word is a title's tail ("Industry Eloy Alvarez").
        rest = capitalised[1:] if len(capitalised) == 2 else capitalised
        return (
            not any(w.lower() in lower_words for w in capitalised)
            and _rare_as_a_word(surname)
            and not any(zipf_frequency(w, "en") >= _COMMON_WORD for w in rest)
        )

    options = dict.fromkeys(without_descriptors(s) for s in speakers)
    things = [option for option in options if named_as_a_thing(option, article)]
    found = [
        option
        for option in options
        if person_like(option)
        and not _titled(option)
        and option.split()[-1].lower() not in _DOCUMENT_ENDINGS
        and longer_name_around(option, article) is None  # "York Yankees"
        and option not in things  # "Pan Am flight"
        and not _the_tail_of_a_thing(option, things, article)
    ]

    def stands_alone(name: str) -> bool:
        """Some mention of ``name`` follows no capitalised word: it opens the text, or
        follows punctuation or a lower-case word."""
        for start in occurrences(name, article):
            before = article[max(0, start - 40) : start].rstrip()
            if not before or not (before[-1].isalnum() or before[-1] == "_"):
                return True
            if _LOWER_WORD_END.search(before):
                return True
        return False

    keep = set(found)
    for longer in found:
        for shorter in found:
            if longer != shorter and (
                longer.endswith(" " + shorter) or longer.startswith(shorter + " ")
            ):
                # "Minister of Industry Eloy Alvarez" vs "Eloy Alvarez": the short form
                # wins where the article also uses it alone; "Oscar Perez-Oliva" is an alias.
                # A one-word name is a full name's surname ("Clinton" in "Bill Clinton"),
                # and so is a name after a given name ("Van Poppel" in "Todd Van Poppel").
                head = longer.removesuffix(shorter).split()
                alias = (
                    " " not in shorter
                    or longer.startswith(shorter + " ")
                    or not stands_alone(shorter)
                    or all(is_given_name(word) for word in head)
                )
                keep.discard(shorter if alias else longer)
    return [name for name in found if name in keep]
