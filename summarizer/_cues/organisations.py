"""Organisations the article may name, found in the text before any call.

The code proposes, the model picks and classifies, the code verifies (as for people and
figures). Candidates come from named rules, each a cue a reader would use:

- ``organisation word``: a capitalised name holding one ("Mining Investment Insurance Fund",
  "Russian Industry and Trade Ministry");
- ``acronym``: an acronym the article defines in brackets after a long name ("... Renovation
  Organization (IMIDRO)"), which is then the same organisation wherever it stands alone; an
  acronym is never a word of its name and never an adjective ("Russian");
- ``body acronym``: an acronym used alone where a body goes ("the BPI said", "told the WTO");
- ``digest paper``: a paper heading its part of a press digest ("KOMPAS");
- ``news agency``: an agency in a dateline ("MOSCOW, November 28. /TASS/", "(MENAFN)") or
  where news is attributed ("Interfax reported", "told Reuters");
- ``company``: a company, plant or party by its proper name where its role says what it is
  ("the Antillana de Acero metallurgical plant", "research firm Gartner", "Yukos shares",
  "shares in Gazprom", "Labour");
- ``recogniser``: a span a trained recogniser tagged ORG (``_cues/recogniser``), where one
  is given.

One organisation is one candidate: a long name and its acronym are one, and so are the
shorter forms the article uses for it ("Rotor" for "Rotor Volgograd"), kept as aliases.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from wordfreq import zipf_frequency

from summarizer._cues.countries import CAPITALS, country_code
from summarizer._cues.lexicon import MONTH_WORDS, WEEKDAYS
from summarizer._cues.names import (
    NAME_JOINT,
    ORGANISATION_WORDS,
    PERSONAL_TITLES,
    POST_NOMINALS,
    TITLE_WORD,
    is_given_name,
    occurrences,
    whole_word_at,
)
from summarizer._cues.titles import HONORIFICS, OFFICES

# The kinds an organisation may be: a small vocabulary, so records compare across articles.
KINDS: tuple[str, ...] = (
    "government",
    "ministry",
    "company",
    "association",
    "media",
    "international",
    "military",
    "party",
    "court",
    "other",
)

# Names whose kind is known whatever the article says of them.
NEWS_AGENCIES = frozenset(
    "TASS ITAR-TASS Itar-Tass Reuters AFP AP Xinhua IRNA Interfax MENAFN Bloomberg Kyodo "
    "Yonhap ANSA dpa DPA EFE Bernama Antara Sputnik Anadolu PTI ISNA Mehr Fars Tasnim BBC "
    "CNN CNBC".split()
) | {"Dow Jones", "Associated Press", "Agence France-Presse", "Prensa Latina", "Al Jazeera",
     "RIA Novosti", "Press Association"}  # fmt: skip
INTERNATIONAL_BODIES = frozenset(
    "UN EU IMF WTO OPEC NATO WHO IAEA OECD ASEAN UNESCO UNICEF UNHCR BRICS G7 G8 G20 "
    "ECB Interpol FIFA UEFA IOC IAAF".split()
) | {"United Nations", "European Union", "European Commission", "European Parliament",
     "World Bank", "International Monetary Fund", "World Trade Organization",
     "World Trade Organisation", "World Health Organization", "World Health Organisation",
     "African Union", "Arab League",
     "Red Cross", "European Central Bank", "Security Council",
     "Eurasian Economic Union", "European Council", "Council of the European Union",
     "Council of Europe", "European Investment Bank"}  # fmt: skip
PARTIES = frozenset(
    "Labour Conservatives Conservative Tories Tory Democrats Democrat Republicans Republican "
    "SNP UKIP DUP Likud Kadima Fatah Hamas Hezbollah".split()
) | {"Lib Dems", "Lib Dem", "Liberal Democrats", "Liberal Democrat", "Plaid Cymru",
     "Sinn Fein", "Green Party"}  # fmt: skip

# Bodies the news names often, whose kind their name does not say.
_KNOWN_KINDS = {
    "government": {"NHS", "Whitehall", "No 10", "Number 10", "Cabinet", "Scottish Executive",
                   "Inland Revenue", "Customs and Excise"},
    "association": {"TUC", "CBI", "Unison", "Amicus", "GMB", "Unite", "RMT", "Christian Aid",
                    "ActionAid",
                    "Human Rights Watch", "Amnesty International", "Greenpeace", "Oxfam",
                    "Friends of the Earth"},
    "international": {"FAO", "UNCTAD", "Food and Agriculture Organisation",
                      "Food and Agriculture Organization", "Paris Club", "Commonwealth"},
    "court": {"Law Lords"},
    "military": {"IRA"},
}  # fmt: skip
# Places that stand for a government where they act ("Downing Street cited that
# comment"), not where they are places ("outside Downing Street").
_SEATS_OF_POWER = frozenset(
    {"Downing Street", "White House", "Kremlin", "Pentagon", "Elysee", "Whitehall", "No 10",
     "Number 10"}
)  # fmt: skip
# "Cabinet" is a body only where the article makes it act: the model's to read; the
# seats of power are candidates where they act.
_KNOWN_NAMES = (
    frozenset(name for names in _KNOWN_KINDS.values() for name in names)
    - {"Cabinet"}
    - _SEATS_OF_POWER
)
# "Actionaid" for ActionAid: known names as the article may case them.
_KNOWN_BY_CASE = {name.casefold(): name for name in _KNOWN_NAMES if not name.isupper()}
_ACTS_AFTER = re.compile(
    r"\s+(?:has|had|is|was|will|would|said|says|insisted|denied|cited|confirmed|announced|"
    r"refused|rejected|dismissed|wants|believes|warned|added)\b|"
    r"['\u2019]s\s+(?:spokes\w+|aides?|officials?|position|view|plans?|decision)\b"
)


def _acts(name: str, article: str) -> bool:
    """Whether some mention of a seat of power has it act or speak: "Downing Street
    cited", "the Kremlin's spokesman"; not "outside the Kremlin's walls"."""
    return any(_ACTS_AFTER.match(article, end) for _, end in whole_mentions(name, article))


# An acronym the BBC and others write as a word ("Opec", "Nato"); not the short ones that
# are words too ("Who", "Un").
_WRITTEN_AS_WORDS = {b.capitalize(): b for b in INTERNATIONAL_BODIES if b.isupper() and len(b) >= 4}

# The head word that settles a name's kind ("Ministry of Energy and Mines": a ministry).
# Heads that do not settle it (Organization, Council, Fund) are the model's to classify.
# Order matters: "Bank of England" is the state's and "Asian Development Bank" an
# international body before "Citizens Bank" is a company. Checked against every
# annotated organisation with a kind (bench/gold-bbc, fixtures/gold): 274 settled, one
# debatable ("Institute for Fiscal Studies", "other" to its annotator; 2026-12-07).
_KIND_BY_WORD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for kind, words in (
        ("company", r"post office|stock exchange"),
        ("ministry", r"ministry|ministries|department(?! stores?)|treasury|(?:home|foreign|cabinet|"
                     r"northern ireland|scottish|welsh|war|colonial|india) office|"
                     r"office of the deputy prime minister"),
        ("court", r"court|tribunal"),
        ("international", r"development bank|united nations|international (?:\w+ ){0,3}agency|"
                          r"olympic committee|economic commission for|economic co-?operation"),
        # A name that ends on "Association" is one, whatever it associates: "Welsh Local
        # Government Association".
        ("association", r"(?:association|federation|confederation)$|"
                        r"^(?:national |american |british )?association of"),
        ("association", r"trades? unions?|union congress"),
        # A state's own bodies: its parliament, central bank, police, other offices.
        ("government", r"parliament|congress|senate|house of commons|house of lords|commons|"
                       r"federal reserve|central bank|reserve bank|bank of england|police(?!\s+\w)|"
                       r"office|white house|kremlin|downing street|government|commission|"
                       r"bureau|authority|(?<!news )agency|committee"),
        ("other", r"university|college|school|hospital|museum"),
        ("military", r"army|navy|air force|armed forces|marines|revolutionary guards?"),
        ("party", r"party"),
        ("media", r"news|newspaper|radio|television|tv|times|post|herald|tribune|journal|"
                  r"gazette|daily|magazine|press|newsroom|broadcasting"),
        ("company", r"inc|corp|corporation|co|ltd|plc|llc|gmbh|ag|sa|company|holdings|"
                    r"airlines|airways|motors|plant|steelworks|refinery|group|securities|"
                    r"capital(?! of)|markets|management|aviation|technologies|systems|"
                    r"communications|energy$|resources|petroleum|oil and gas|stores$|"
                    r"(?<=\w )(?:gold|mining|minerals|metals)$|"
                    r"bros|(?<!west )(?<!left )bank(?! of)"),  # "Bank of Japan": reading decides
        ("association", r"association|federation|confederation|chamber|society|union|"
                        r"league|institute"),
    )
)  # fmt: skip


def kind_of(name: str) -> str | None:
    """The kind an organisation's name settles, or None when only reading can tell."""
    name = _WRITTEN_AS_WORDS.get(name, name).replace(" & ", " and ")
    name = _KNOWN_BY_CASE.get(name.casefold(), name)
    if name in NEWS_AGENCIES:
        return "media"
    if name in INTERNATIONAL_BODIES:
        return "international"
    if name in PARTIES:
        return "party"
    for kind, names in _KNOWN_KINDS.items():
        if name in names:
            return kind
    for kind, words in _KIND_BY_WORD:
        if words.search(name):
            return kind
    return None


@dataclass(frozen=True)
class OrganisationCandidate:
    """A name the article may give an organisation, with what the text says of it.

    Attributes:
        name: The name as the article writes it (the long form where it has two).
        acronym: The acronym the article defines for it in brackets, if any.
        aliases: Other forms the article writes it as ("Rotor" for "Rotor Volgograd").
        cue: Why it is listed (the rule that found it).
        kind: The kind its name or its cue settles (``kind_of``), else None.
    """

    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    cue: str = "organisation word"
    kind: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every form the article writes it as: name, acronym, aliases."""
        return (self.name, *((self.acronym,) if self.acronym else ()), *self.aliases)

    def hint(self, number: int) -> str:
        """Its line in the template's numbered list."""
        written = f"{self.name} ({self.acronym})" if self.acronym else self.name
        also = f"; also written {', '.join(self.aliases)}" if self.aliases else ""
        return f"{number}. {written} [{self.cue}{also}]"


def _without_plural_possessive(name: str) -> str:
    return re.sub(r"(?<=s)['\u2019]$", "", name)


@dataclass
class _Found:
    """Candidates as the rules find them, in order of first mention, each name once."""

    article: str
    by_name: dict[str, OrganisationCandidate] = field(default_factory=dict)

    def add(self, name: str, cue: str, *, kind: str | None = None) -> None:
        name = re.sub(r"\s+['\u2019]$", "", name.strip())  # "Salomon Bros. '" as split
        name = _without_plural_possessive(name)  # "Barclays' chief John Varley"
        name = _PLACED_ADJECTIVE.sub("", name)  # "Gibraltar-based Menatep Group"
        name = re.sub(r"\s+[-\u2013\u2014]$", "", name)  # "European Court of Human Rights -"
        if name and name not in self.by_name:
            # What the name settles comes first: "the UN's summit" is no company's.
            self.by_name[name] = OrganisationCandidate(
                name=name, cue=cue, kind=kind_of(name) or kind
            )

    def in_order(self) -> list[OrganisationCandidate]:
        def first(candidate: OrganisationCandidate) -> int:
            return min(
                (p for n in candidate.names if (p := self.article.find(n)) >= 0),
                default=len(self.article),
            )

        return sorted(self.by_name.values(), key=first)


def organisation_candidates(
    article: str,
    names: Sequence[str],
    people: Sequence[str],
    *,
    recognised: Iterable[str] = (),
) -> list[OrganisationCandidate]:
    """The organisations ``article`` may name, one candidate each, in order of mention.

    Args:
        article: The article text.
        names: Its capitalised name sequences (``names.name_candidates``).
        people: The names that look like people's: never an organisation.
        recognised: Spans a trained recogniser tagged as organisations, if one ran.
    """
    found = _Found(article)
    # As candidates are: "Ebbers'" of "Ebbers' lawyers" is Ebbers.
    people = [_without_plural_possessive(person) for person in people]
    recognised = tuple(recognised)  # read twice: as candidates, and as names of their own
    expansions = acronym_expansions(article)
    for acronym, expansion in expansions.items():
        found.by_name[expansion] = OrganisationCandidate(
            name=expansion, acronym=acronym, cue="acronym", kind=kind_of(expansion)
        )
    for agency in news_agencies(article):
        found.add(agency, "news agency", kind="media")
    for paper in digest_papers(article):
        found.add(paper, "digest paper", kind="media")
    for name in names:
        # "the IMF and World Bank": a run that a joint's "the" opens.
        parts = _split_joined(name.removeprefix("the "), article)
        for part in parts:
            opened = _OPENING.sub("", part)  # "British Government" of "What the British ..."
            part = opened if " " in opened else part
            if ORGANISATION_WORDS.search(part) and " " in part:
                # "Kia Motor Corp of South Korea": the firm, not where it is.
                part = _FIRM_OF_A_COUNTRY.sub(lambda m: m[1] if country_code(m[2]) else m[0], part)
                found.add(_without_title(part), "organisation word")
            elif len(parts) > 1 and (_ACRONYM.fullmatch(part) or kind_of(part)):
                found.add(part, "organisation word")  # "EADS" of "EADS and BAE Systems"
            elif _a_bank(part, article):
                found.add(part, "organisation word")  # "Eximbank", "Bundesbank"
    # Before companies: in a match report "title rivals Essex" are a team.
    for team in sports_teams(article, names):
        found.add(team, "named as a team")
    by_role = companies_by_role(article, names)
    for name, role in by_role:
        found.add(_without_countries(name), _ROLE_CUES[role], kind=None if role == "body" else role)
    for name in (re.sub(r"^[Tt]he\s+", "", n) for n in names):  # "the Conservatives"
        if party := _party_of_a_title(name):
            found.add(party, "known body")  # "Tory MP Boris Johnson": the Tories
        if (
            name in PARTIES
            or name in INTERNATIONAL_BODIES
            or name in _KNOWN_NAMES
            or name.casefold() in _KNOWN_BY_CASE
        ):
            found.add(name, "known body")
        elif name in _SEATS_OF_POWER and _acts(name, article):
            found.add(name, "known body", kind="government")
    for body in _each_once(_COMMITTEE, article):  # "Commons work and pensions committee"
        found.add(body, "organisation word", kind="government")
    for body in _with_digits(article):  # "G8": no name candidate holds a digit
        found.add(body, "known body")
    for channel in _each_once(_NUMBERED_CHANNEL, article):  # "BBC 3"
        found.add(channel, "named as a news outlet", kind="media")
    for acronym in body_acronyms(article, names):
        found.add(acronym, "body acronym")
    for name in (part for span in recognised for part in _listed_in_one(span, article)):
        # "Trade" of "Deputy Industry and Trade Minister": a word the article also
        # writes in lower case is a word, not a name.
        # "State" of "State Secretary": a title's word.
        alone = " " not in name and not name.isupper()
        if any(_an_english_word_in_lower_case(word) for word in name.split()):
            continue  # "Devon county Labour" of "Devon county Labour group": a description
        if alone and _opens_every_sentence(name, article):
            continue  # "Patriots by definition wanted ...": a common word opening a sentence
        if not (alone and (_written_in_lower_case(name, article) or TITLE_WORD.match(name))):
            found.add(_with_partner(name, article, recognised), "recogniser")
    # "Exxon Mobil and British Petroleum" where a list's role named each: two, not one.
    named_by_role = {name for name, _ in by_role}
    for name in [n for n in found.by_name if " and " in n]:
        if all(part in named_by_role for part in _JOINED.split(name)):
            del found.by_name[name]
    # "Multi-Fibre Agreement (MFA)": a treaty's acronym is no body either.
    treaties = {acronym for acronym, name in expansions.items() if _a_treaty(name)}
    kept = [
        c for c in found.in_order() if c.name not in treaties and _could_be_one(c, article, people)
    ]
    merged = _merged(kept, expansions)
    return [
        _with_aliases_written_alone(candidate, article)
        for candidate in merged
        if not _only_inside_another(candidate, merged, article)
    ]


def _party_of_a_title(name: str) -> str | None:
    """The party that opens a title inside one run of capitals: "Tory" of "Tory MP Boris
    Johnson", "Lib Dem" of "Lib Dem Leader Charles Kennedy"."""
    words = name.split()
    for size in (2, 1):
        head, rest = " ".join(words[:size]), words[size:]
        if head in PARTIES and rest and TITLE_WORD.match(rest[0]):
            return head
    return None


_PLACED_AFTER = "(?:based|owned|listed|registered|controlled|backed|run)"
# "Gibraltar-based Menatep Group", "Hong Kong-based Hutchison Whampoa".
_PLACED_BEFORE = re.compile(rf"\b[A-Z][\w.]*-{_PLACED_AFTER}\s+$")
_PLACED_ADJECTIVE = re.compile(
    rf"^(?:[A-Z][\w.]*\s+){{0,3}}[A-Z][\w.-]*-{_PLACED_AFTER}\s+(?=[A-Z])"
)
# The words that close a firm's name ("Hindustan Copper Ltd", "Salomon Bros.").
_SUFFIX = r"(?:Inc|Incorporated|Corp|Ltd|Limited|Co|plc|PLC|LLC|LP|Bros|AG|SA|NV)\.?"
_FIRM_OF_A_COUNTRY = re.compile(rf"^(.*\b{_SUFFIX}) of (?:the )?(.+)$")
_CORPORATE_SUFFIX = re.compile(_SUFFIX)


# "Secretary of State for Constitutional Affairs", "the Secretary of Health": an office's
# portfolio, written in capitals. Only an office's: "head of Orange", "director of
# Liberty", "a spokesman for Shelter" name bodies whose names are common words.
_PORTFOLIO_BEFORE = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister|[Cc]ommissioner)\s+(?:of|for)\s+$")
# "Monetary Affairs Commissioner Joaquin Almunia", "Energy Secretary": before the office,
# the first of several ("European Justice and Home Affairs Commissioner").
_PORTFOLIO_AFTER = re.compile(
    r"(?:,?\s+(?:and\s+)?[A-Z][\w-]*)*\s+(?:Secretary|Minister|Commissioner)\b"
)
_COMMON_LINKS = frozenset({"of", "for", "and", "the"})


def _a_portfolio(name: str, article: str) -> bool:
    """A name of common words ("Health", "Trade Policy") that stands only after a role's
    "of" or "for", or before the role: what the office covers, not a body; not
    "Secretary of Fiat"."""
    words = [w for w in name.split() if w not in _COMMON_LINKS]
    if not words or ORGANISATION_WORDS.search(name) or kind_of(name):
        return False  # not "Treasury Secretary John Snow": the Treasury is a body
    if any(zipf_frequency(w.lower(), "en") < 4.0 for w in words):
        return False
    mentions = list(whole_mentions(name, article))
    return bool(mentions) and all(
        _PORTFOLIO_BEFORE.search(article[max(0, start - 40) : start])
        # Not "the son of a Church of Scotland Minister": a portfolio has no "of".
        or (" of " not in name and _PORTFOLIO_AFTER.match(article, end) is not None)
        for start, end in mentions
    )


def _listed_in_one(span: str, article: str) -> list[str]:
    """The names of a list a recogniser tagged as one span ("Gazpromneft, Rosneft",
    "Fiat and General Motors" where Fiat stands alone too); a comma before a company's
    suffix is the name's own ("Boatmen's Bancshares, Inc"), and so is a list its name
    governs ("Ministry of Economy, Trade and Industry")."""
    if "," not in span:
        return list(_two_names(span, article) or (span,))
    parts = [part.strip() for part in span.split(",")]
    if any(_CORPORATE_SUFFIX.fullmatch(p) for p in parts[1:]):
        return [span]
    if " of " in parts[0] and " and " in parts[-1]:
        return [span]
    # "Gazpromneft, Rosneft and Lukoil": the last two are two.
    last = re.sub(r"^and\s+", "", parts[-1])
    return [p for p in (*parts[:-1], *_JOINED.split(last)) if p]


# BBC style writes Parliament's committees in lower case after the house: "the Commons
# work and pensions committee", "Public accounts committee chairman Edward Leigh".
_COMMITTEE = re.compile(
    r"\b(?:(?:Commons|Lords|Senate)\s+"
    # Not "the Lords voted to reject the committee's report": no function word inside.
    r"(?:(?!(?:the|a|an|to|of|its|his|her|their|this|that|with|by|on|in|for|from)\s)"
    r"[a-z]+\s+(?:and\s+)?){1,4}|Public accounts\s+)committee\b"
)


def _each_once(pattern: re.Pattern[str], article: str) -> list[str]:
    """What ``pattern`` matches in ``article``, each text once, in order."""
    return list(dict.fromkeys(match.group(0) for match in pattern.finditer(article)))


_NUMBERED_BODIES = tuple(sorted(b for b in INTERNATIONAL_BODIES if any(c.isdigit() for c in b)))


# Channels named by number: "a BBC 3 film", "Channel 4 News", "ITV1".
_NUMBERED_CHANNEL = re.compile(r"\b(?:BBC|ITV|Channel|Radio) ?[1-7]\b")


def _with_digits(article: str) -> list[str]:
    """The known bodies whose names hold a digit ("G8", "G20") that the article names."""
    return [body for body in _NUMBERED_BODIES if re.search(rf"\b{body}\b", article)]


def _only_inside_another(
    candidate: OrganisationCandidate, candidates: list[OrganisationCandidate], article: str
) -> bool:
    """A fragment of a longer candidate's name that the article never writes alone
    ("Mining Industries Development and Renovation Organization", a recogniser's cut)."""
    text = article
    for other in candidates:
        if other is not candidate and candidate.name in other.name:
            text = text.replace(other.name, " ")
    return text != article and re.search(rf"\b{re.escape(candidate.name)}\b", text) is None


def _with_aliases_written_alone(
    candidate: OrganisationCandidate, article: str
) -> OrganisationCandidate:
    """Only the aliases the article writes on their own, not only inside the name; the
    name without its company suffix is one where written so ("Hindustan Copper" of
    "Hindustan Copper Ltd")."""
    bare = article.replace(candidate.name, " ")
    short = _SUFFIX_TAIL.sub("", candidate.name)
    rare = " " in short or zipf_frequency(short.lower(), "en") < 4.0  # not "General"
    forms = (*candidate.aliases, short) if short != candidate.name and rare else candidate.aliases
    # The short form alone, not inside another name ("Norwest" of "Norwest Bank").
    aliases = tuple(
        dict.fromkeys(
            a
            for a in forms
            if re.search(rf"\b{re.escape(a)}\b" + (r"(?!\s+[A-Z])" if a == short else ""), bare)
        )
    )
    return replace(candidate, aliases=aliases)


_SUFFIX_TAIL = re.compile(rf"(?:,?\s+{_SUFFIX})+$")


def _opens_every_sentence(word: str, article: str) -> bool:
    """A common noun in the plural ("Patriots") that stands only where a sentence opens,
    so its capital says nothing of a name; not "Reuters", "Ford" or "Lloyds", whose
    singular is rare or which are no plural."""
    plural = word.endswith("s") and not word.endswith("ss")
    if not plural or zipf_frequency(word[:-1].lower(), "en") < 3.5 or kind_of(word):
        return False  # not a party, an agency or a known body ("Greens" aside, unknown)
    return _at_every_opening(word, article)


_VERY_COMMON = 5.0


def _a_common_word(word: str, article: str) -> bool:
    """A very common word ("Water" of the headline "Water firm Suez in Argentina row")
    that stands only where a sentence opens and that the article also writes in lower
    case: its capital is the sentence's."""
    return (
        not word.isupper()
        and kind_of(word) is None
        and _written_in_lower_case(word, article)
        and _a_common_word_opening(word, article, common=_VERY_COMMON)
    )


_OPENING_BEFORE = re.compile(r"(?:^|[.!?][\"'\u201d\u2019]?\s+|\n\s*)[\"'\u201c\u2018]?$")


def _a_common_word_opening(word: str, article: str, *, common: float = 4.5) -> bool:
    """One common word that stands only where a sentence opens ("Police chief ...")."""
    return (
        " " not in word
        and zipf_frequency(word.lower(), "en") >= common
        and _at_every_opening(word, article)
    )


def _at_every_opening(word: str, article: str) -> bool:
    starts = [start for start, _ in whole_mentions(word, article)]
    return bool(starts) and all(_OPENING_BEFORE.search(article[:start]) for start in starts)


_PARTNER = re.compile(r"\b([A-Z][a-z]+) (?:and|&) $")


def _with_partner(name: str, article: str, recognised: Iterable[str]) -> str:
    """A firm named for two partners of which the recogniser tagged the second ("of
    Shearman and Sterling" gave "Sterling"): both partners' names, where the first is a
    rare word (not a sentence's opening, a country, or a common word) that the article
    never writes without the second and the recogniser did not tag on its own (not
    "the merger of Yukos and Sibneft")."""
    if " " in name:
        return name
    for start, _ in whole_mentions(name, article):
        before = article[max(0, start - 40) : start]
        match = _PARTNER.search(before)
        if not match:
            continue
        partner, joint = match.group(1), match.group(0).split()[1]
        previous = before[: match.start()].split()
        firm = f"{partner} {joint} {name}"
        if (
            previous
            and previous[-1].islower()
            and not country_code(partner)
            and partner not in CAPITALS
            and partner not in recognised
            and zipf_frequency(partner.lower(), "en") < 3.0
            and sum(1 for _ in whole_mentions(partner, article))
            == sum(1 for _ in whole_mentions(firm, article))
        ):
            return firm
    return name


def _an_english_word_in_lower_case(word: str) -> bool:
    """A common English word written small inside a name: "county" of "Devon county
    Labour"; not a joint ("of"), a foreign one ("sans", "des", "a" of "Pret a Manger"), or
    the body's own word ("Labour party", "International Olympic committee")."""
    return (
        word.isalpha()
        and word.islower()
        and word not in _LINKS
        and word not in _FOREIGN_JOINTS
        and not ORGANISATION_WORDS.fullmatch(word)
        and zipf_frequency(word, "en") >= 3.5
    )


_FOREIGN_JOINTS = frozenset(NAME_JOINT.split("|")) | frozenset("sans des a y et und les".split())


def _written_in_lower_case(word: str, article: str) -> bool:
    return re.search(rf"\b{re.escape(word.lower())}\b", article) is not None


_JOINED = re.compile(r"\s+and\s+")
_A_BANK = re.compile(r"[A-Z][a-z]{2,}bank")


def _a_bank(name: str, article: str) -> bool:
    """ "the Eximbank", "Bundesbank"; not "rebels in Burbank", a place."""
    return bool(_A_BANK.fullmatch(name)) and not all(
        _PLACED.search(article[max(0, start - 20) : start])
        for start, _ in whole_mentions(name, article)
    )


_HEAD_OF_A_PLACE = re.compile(
    r"\b(?:Bank|Council|Commission|Union|Court)(?: of(?: the)? [A-Z]\w*)+$"
)
_ROMANCE_HEAD = re.compile(r"(?:Banca|Banco|Banque|Caisse|Compagnie|Grupo|Groupe|Gruppo)\s")


def _split_joined(name: str, article: str) -> list[str]:
    """ "Citizens Bank and Canal Bank" is two organisations, the first ending in its head
    word; "Russian Industry and Trade Ministry" is one ("Russian Industry" has none)."""
    parts = _JOINED.split(name)
    # A part that ends in its head word is a whole name: "Lions Gate Entertainment and
    # Disney" is two; so is one that is an acronym ("EADS and BAE Systems").
    # and one whose words settle its kind ("Treasury and Bank of England").
    if (
        len(parts) > 1
        and all(
            (
                ORGANISATION_WORDS.search(p.split()[-1])
                or _ACRONYM.fullmatch(p)
                or kind_of(p)
                # "United Bank of Africa and ...", "Banca Nazionale del Lavoro and ...":
                # the head word before "of" a place, or opening the name as in Italian.
                or _HEAD_OF_A_PLACE.search(p)
                or _ROMANCE_HEAD.match(p)
                or _a_bank(p, article)
            )
            # A lone organisation word names nothing: "Securities and Exchange Commission".
            and not ORGANISATION_WORDS.fullmatch(p)
            for p in parts[:-1]
        )
    ):
        return parts
    return list(_two_names(name, article) or (name,))


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


def _without_countries(name: str) -> str:
    """ "Gazprom and India" of "a deal between Gazprom and India": the company, not the
    country it is listed with."""
    parts = _JOINED.split(name)
    kept = [p for p in parts if not country_code(p)]
    return " and ".join(kept) if kept and len(kept) < len(parts) else name


def _without_title(name: str) -> str:
    """ "Head of the Russian Industry and Trade Ministry" without the person's title; "UK
    Independence Party MEP" without the member's."""
    words = name.split()
    while len(words) > 2 and words[-1] in POST_NOMINALS:
        words = words[:-1]
    name = " ".join(words)
    for index, word in enumerate(words[:-2]):
        if TITLE_WORD.match(word) and words[index + 1] in ("of", "at"):
            rest = words[index + 2 :]
            return " ".join(rest[1:] if rest and rest[0] == "the" else rest)
    return name


_PROGRAMME_AFTER = re.compile(r"\s+(?:programme|program)\b")
_POSSESSIVE_BEFORE = re.compile(r"['\u2019]s?\s+$")

_CALENDAR = frozenset(word.capitalize() for word in (*MONTH_WORDS, *WEEKDAYS))


def _could_be_one(candidate: OrganisationCandidate, article: str, people: Sequence[str]) -> bool:
    """Not a person, a country, a month, an event, a dateline's place or a headline in
    capitals."""
    name = candidate.name
    if len(name) < 2 or country_code(name) or name in _REGIONS or " - " in name:
        return False  # "the European company": a place's adjective, not a name
    if name in CAPITALS or (_PLACE_TAIL.search(name) and not ORGANISATION_WORDS.search(name)):
        return False  # "Washington imposed" is the US; "Sub-Saharan Africa", "Deep South"
    if _a_market(name, article) or name in _NOT_BODIES or name in defined_terms(article):
        return False  # "the Dow Jones index", "Brent crude", "the FTSE 100", "GMT", "QMV"
    if name.split()[0] in HONORIFICS and any(p.split()[-1] == name.split()[-1] for p in people):
        return False  # "Mr Ebbers" of Bernie Ebbers; not "Dr Martens"
    if name.split()[0] in _CALENDAR and not ORGANISATION_WORDS.search(name):
        return False  # "September Bund"; not "Sunday Times"
    if ORGANISATION_WORDS.fullmatch(name):
        return False  # "Committee chairman Barry Sheerman": a word, not a name
    if not ORGANISATION_WORDS.search(name) and any(
        w.lower() in OFFICES - {"executive", "justice"} for w in name.split()
    ):
        return False  # a title: "High Representative"; not "Health and Safety Executive"
    if _EVENT_WORDS.search(name.split()[-1]) and not ORGANISATION_WORDS.search(name):
        return False  # "UEFA Cup", "IAAF Grand Prix Final"
    if _a_common_word(name, article):
        return False  # "Water firm Suez": the headline's first word
    mentions = list(whole_mentions(name, article))
    ends = [end for _, end in mentions]
    if mentions and all(_a_broadcasters_programme(s, e, article) for s, e in mentions):
        return False  # "the BBC's Network Africa programme"; not "The Nasa programme"
    if _a_treaty(name) or _a_portfolio(name, article):
        return False  # "Kyoto Protocol", "Secretary of Health": a document, an office's field
    if re.search(r"-[a-z]+$", name) or _non_adjective(name):
        return False  # "Singapore-listed", "UK-based", "Non-EU exports": adjectives
    recognised_only = candidate.cue == "recogniser"
    if recognised_only and " " not in name and re.search(r"(?:ism|phobia)$", name):
        return False  # "Islamophobia", "Thatcherism": ideas; not "Unite Against Fascism"
    if ends and all(re.match(rf"-{_PLACED_AFTER}\b", article[end:]) for end in ends):
        return False  # "Bergamo" only ever in "Bergamo-based Atalanta": a place
    if _a_ground(candidate, article):
        return False  # "their match against Yorkshire at Headingley"
    # A name that looks like a person's is one unless a match's words make it a team
    # ("Rotor Volgograd must play") and no given name opens it.
    team = candidate.cue == "named as a team" and not is_given_name(name.split()[0])
    # "Johnson Controls Inc": a name that ends on an organisation word is one, whatever
    # person's name it holds; not "Erin Purcell of Reagan Communications", a person and
    # where she works.
    body = bool(ORGANISATION_WORDS.fullmatch(name.split()[-1].rstrip("."))) and not re.search(
        r"\s(?:of|at|from|for)\s", name
    )
    if not team and not body and any(name == p or p in name for p in people):
        return False
    # The recogniser tags a person's surname alone ORG now and then ("before Simmons
    # stepped in", of Phil Simmons; "Wang" of Wang Donghai), and a match's words make a
    # player a team ("Rios beat Edberg"): a name only they found that is part of a
    # person's name is the person's. A company named for its founder that the
    # article writes alone ("Shares in Dell rose") is found by a cue of ours too.
    if any(
        _part_of(name, p)
        and (candidate.cue == "recogniser" or (team and is_given_name(p.split()[0])))
        for p in people
    ):
        return False  # not "Rotor" of "Rotor Volgograd must play": no given name opens it
    # A word of a person's name ("Dell" of "Michael Dell") is that person only where the
    # article never writes it alone ("Shares in Dell rose").
    if (
        not team
        and any(name in p.split() for p in people)
        and all(_a_persons_mention(s, e, article, people) for s, e in whole_mentions(name, article))
    ):
        return False
    # A word in capitals in the dateline or a headline in capitals is no acronym; a
    # press digest's paper heads a line of its own.
    if candidate.cue == "digest paper":
        return True
    return not (name.isupper() and (name in _dateline(article) or _in_capitals_line(name, article)))


def _non_adjective(name: str) -> bool:
    """ "Non-EU", "Non-European Union": "Non-" before a country or a body its name
    settles; not "Non-Aligned Movement"."""
    rest = name.removeprefix("Non-")
    return rest != name and bool(country_code(rest) or kind_of(rest) or rest.isupper())


def _a_broadcasters_programme(start: int, end: int, article: str) -> bool:
    """ "the BBC's Network Africa programme": a broadcaster's programme, not a body."""
    return bool(
        _PROGRAMME_AFTER.match(article, end)
        and _POSSESSIVE_BEFORE.search(article[max(0, start - 4) : start])
    )


def _part_of(name: str, person: str) -> bool:
    """Whether ``name`` is some of the words of ``person``'s name, in order, not all."""
    words, whole = name.split(), person.split()
    return len(words) < len(whole) and any(
        whole[i : i + len(words)] == words for i in range(len(whole) - len(words) + 1)
    )


def _a_persons_mention(start: int, end: int, article: str, people: Sequence[str]) -> bool:
    """Whether the article's ``start:end`` is a person's: inside a mention of their full
    name, after an honorific ("Mr Straw" of Jack Straw), or in the headline, which names
    people by surname alone ("Straw backs ending China arms ban")."""
    before = article[max(0, start - 6) : start].split()
    first = article.strip().split("\n", 1)[0]
    headline = "\n" not in article[:start].strip() and len(first) < 150 and not first.endswith(".")
    return (
        headline
        or (bool(before) and before[-1] in HONORIFICS)
        or _inside_a_person(start, end, article, people)
    )


def _inside_a_person(start: int, end: int, article: str, people: Sequence[str]) -> bool:
    """Whether the article's ``start:end`` lies inside one of its mentions of a person."""
    return any(
        at <= start and end <= at + len(person) and person != article[start:end]
        for person in people
        for at in occurrences(person, article)
    )


# A place in capitals that opens the article and a separator after it: not "NATO" of
# "NATO monitors Moslem move", which is the first sentence's subject.
_DATELINE = re.compile(
    r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de .'-]*?(?=\s*(?:,|\s[-\u2013\u2014]\s|\(|/|\d|$))"
)


@functools.lru_cache(maxsize=32)
def _dateline(article: str) -> str:
    """The opening place of the article in capitals ("TEHRAN", "MOSCOW, November 28")."""
    line = article.lstrip().split("\n", 1)[0]
    match = _DATELINE.match(line)
    lines = article.lstrip().split("\n")
    # A headline in capitals then a dateline of its own ("CRICKET - ...\nLONDON 1996-08-30").
    second = lines[1] if len(lines) > 1 else ""
    return (match.group(0) if match else "") + " " + re.sub(r"[\d-]", "", second[:40])


def _in_capitals_line(name: str, article: str) -> bool:
    """Every mention stands in a line written in capitals (a headline), where any word
    looks like an acronym."""
    for start in occurrences(name, article):
        line_start = article.rfind("\n", 0, start) + 1
        line_end = article.find("\n", start)
        line = article[line_start : line_end if line_end >= 0 else len(article)]
        letters = [c for c in line if c.isalpha()]
        if sum(c.isupper() for c in letters) < 0.8 * len(letters):
            return False
    return True


def whole_mentions(name: str, article: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` stands as whole words: (start, end) of each mention, in order."""
    for start in occurrences(name, article):
        if whole_word_at(article, start, start + len(name)):
            yield start, start + len(name)


def _mentioned_so(
    name: str, article: str, after: re.Pattern[str], before: re.Pattern[str], reach: int
) -> bool:
    """Some mention of ``name`` has ``after`` right after it or ``before`` ending within
    ``reach`` characters before it."""
    return any(
        after.match(article, end) or before.search(article[max(0, start - reach) : start])
        for start, end in whole_mentions(name, article)
    )


_ACRONYM_EXPANSION = re.compile(
    r"([A-Z][\w'\u2019&.-]*(?:\s+[\w'\u2019&.-]+){1,12}?)\s+\(([A-Z][A-Za-z&]{1,9})\)"
)
_LINKS = frozenset("of and for the on in de & du la".split())


@functools.lru_cache(maxsize=32)
def acronym_expansions(article: str) -> dict[str, str]:
    """Acronyms the article defines, as in "... Renovation Organization (IMIDRO)": the
    acronym and the long name it stands for. An acronym that is a word of the name, or
    an ordinary word ("Russian"), defines nothing."""
    expansions: dict[str, str] = {}
    for match in _ACRONYM_EXPANSION.finditer(article):
        words, acronym = match.group(1).split(), match.group(2)
        if not is_acronym(acronym) or acronym.lower() in {w.lower() for w in words}:
            continue
        # Tails of capitalised words that start with the acronym's letter: the shortest
        # whose initials spell the acronym's capitals in order ("Organisation for Economic
        # Co-operation and Development", not "On Tuesday the Organisation ..."), else the
        # longest ("Iranian Mines and Mining Industries ... Organization" for IMIDRO).
        tails = [
            words[start:]
            for start in range(len(words))
            if words[start][0] == acronym[0]
            and all(w[0].isupper() or w in _LINKS for w in words[start:])
        ]
        spelt = [tail for tail in tails if _spells(tail, acronym)]
        if spelt or tails:
            expansions.setdefault(acronym, " ".join(spelt[-1] if spelt else tails[0]))
    return expansions


_TERM_DEFINITION = re.compile(r"((?:\b[a-z][a-z-]*\s+){1,8})\(([A-Z]{2,8})\)")


@functools.lru_cache(maxsize=32)
def defined_terms(article: str) -> frozenset[str]:
    """Acronyms the article defines for words in lower case, as in "qualified majority
    voting (QMV)" or "gross domestic product (GDP)": a term, never a body."""
    terms = set()
    for match in _TERM_DEFINITION.finditer(article):
        words = [w for w in re.split(r"[\s-]+", match.group(1).strip()) if w]
        acronym = match.group(2)
        if ORGANISATION_WORDS.fullmatch(words[-1]):
            continue  # a body written in lower case: "monetary policy committee (MPC)"
        initials = "".join(w[0] for w in words if w not in _LINKS).upper()
        if initials.endswith(acronym):
            terms.add(acronym)
    return frozenset(terms)


def _spells(words: list[str], acronym: str) -> bool:
    """Whether the initials of ``words`` (links aside) hold the acronym's capitals in
    order."""
    initials = iter(w[0] for w in words if w not in _LINKS)
    return all(letter in initials for letter in acronym if letter.isupper())


def is_acronym(word: str) -> bool:
    """Two to ten letters, mostly capitals, and no word or adjective ("Russian", "US")."""
    letters = word.replace("&", "")
    capitals = sum(c.isupper() for c in letters)
    return (
        2 <= len(letters) <= 10
        and letters.isalpha()
        and capitals >= max(2, len(letters) - 1)
        and country_code(word) is None
    )


# Where a body stands: before a verb of saying or acting, a role, or after "according to".
_BODY_AFTER = re.compile(
    r"['\u2019]?s?\s+(?:said|says|say|told|announced|reported|added|warned|stated|"
    r"has|have|had|is|was|will|would|wants|plans|(?:[a-z]+\s+)?(?:spokes\w+|chief|head|"
    r"boss|officials?|members?|chairman|president|director|correspondent|editor))\b"
)
_BODY_BEFORE = re.compile(
    r"\b(?:according to|told|by|from|at|with|joined|of|for|to|and)\s+(?:the\s+)?$"
)
_BODY_END = re.compile(r"\s*(?:[,.;:)\n]|$|\s(?:and|or|in|on|to|for|of|as|over)\b)")


# Acronyms that stand where a body would, or that the recogniser tags ORG, and name none:
# a time, a measure, a tax.
_NOT_BODIES = frozenset(
    "GMT BST GDP GNP VAT CEO CFO IPO AGM LNG LPG CNG Q&A "
    # Diseases and faiths, which a recogniser tags as organisations now and then.
    "HIV Aids AIDS SARS BSE CJD Islam Christianity Judaism Hinduism Buddhism Sikhism".split()
) | {
    # States that no longer are: no country code names them, and they are no bodies.
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Czechoslovakia",
    "East Germany",
    "West Germany",
}


def body_acronyms(article: str, names: Sequence[str]) -> list[str]:
    """Acronyms used alone where a body stands: "the BPI said", "told the WTO"."""
    found = []
    for name in names:
        if " " in name or not is_acronym(name) or not name.isupper():
            continue
        for start, end in whole_mentions(name, article):
            after = _BODY_AFTER.match(article, end)
            before = _BODY_BEFORE.search(article[max(0, start - 30) : start])
            if after or (before and _BODY_END.match(article, end)):
                found.append(name)
                break
    return found


_AGENCY_IN_DATELINE = re.compile(r"/\s*([A-Z][\w-]+)\s*/|\(\s*([A-Z][\w-]+)\s*\)")
_AGENCY_CUE_AFTER = re.compile(
    r"\s+(?:news agency|reported|reports|quoted|cited|said in a report|newspaper|daily)\b"
)
_AGENCY_CUE_BEFORE = re.compile(
    r"\b(?:told|according to|quoted by|cited by|reported by|in an interview with)\s+$"
)


def news_agencies(article: str) -> list[str]:
    """News agencies in a dateline ("/TASS/", "(MENAFN)") and outlets news is attributed
    to ("Interfax reported", "told Reuters", "the IRNA news agency")."""
    found: dict[str, None] = {}
    head = article[:200]
    for match in _AGENCY_IN_DATELINE.finditer(head):
        name = match.group(1) or match.group(2)
        if name in NEWS_AGENCIES or (name.isupper() and is_acronym(name)):
            found.setdefault(name, None)
    for agency in sorted(NEWS_AGENCIES, key=len, reverse=True):
        if _mentioned_so(agency, article, _AGENCY_CUE_AFTER, _AGENCY_CUE_BEFORE, 25):
            found.setdefault(agency, None)
    return list(found)


_DIGEST = re.compile(r"\bpress digest\b", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^[A-Z][A-Z'&.-]*(?: [A-Z][A-Z'&.-]*){0,4}$")


def digest_papers(article: str) -> list[str]:
    """In a press digest ("PRESS DIGEST - Indonesian newspapers"), the papers heading
    its parts: lines in capitals standing alone ("KOMPAS", "JAKARTA POST"), each above
    the stories it gave."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    if not _DIGEST.search("\n".join(lines[:2])):
        return []
    papers: dict[str, None] = {}
    for index, line in enumerate(lines[1:-1], start=1):
        following = lines[index + 1]
        header = _HEADER_LINE.match(line) and not country_code(line)
        if header and following[:1].isupper() and not _HEADER_LINE.match(following):
            papers.setdefault(line, None)
    return list(papers)


# A sports report: its headline names a sport, or its words are a match's.
_SPORTS_HEADLINE = re.compile(
    r"^\s*(?:SOCCER|FOOTBALL|CRICKET|RUGBY|BASKETBALL|BASEBALL|HOCKEY|ICE HOCKEY|TENNIS|"
    r"ATHLETICS|CYCLING|GOLF|BOXING|NFL|NBA|NHL|MOTOR RACING|HANDBALL|VOLLEYBALL)\b"
)
_SPORTS_WORDS = re.compile(
    r"\b(?:match|matches|league|season|innings|wickets?|goals?|scored|striker|midfielder|"
    r"goalkeeper|coach|championship|fixture|semi-final|quarter-final|tournament|cup)\b",
    re.IGNORECASE,
)
# Where a team stands in a match report: "Leicestershire beat Somerset", "joined
# Newcastle", "Dynamo Moscow players", "the former Blackburn and Southampton skipper".
_TEAM_BEFORE = re.compile(
    r"\b(?:beat|beating|against|v|vs|joined|join|rivals|played for|plays for|play|defeat to|"
    r"win over|draw with|drew with|loss to|lost to|behind|former|moved to|move to|signed for|"
    r"side|club|coach|champions|leaders|defeated|defeating|lead over|reducing|dismiss|"
    r"dismissed|homered for|scored for)\.?\s+$"
)
_TEAM_AFTER = re.compile(
    r"\s+(?:(?:had|have|has|must|will|would)\s+)?(?:beat|beats|drew|lost|won|players?|fans|"
    r"supporters|striker|midfielder|defender|goalkeeper|captain|coach|manager|skipper|side|"
    r"play|extended|reached|v|vs|defeated|defeats|edged|routed|blanked|downed|rallied|"
    r"trailed|led|leads|stepped up|made up|snapped|scored|\d+-\d+)\b|['\u2019]s lead\b"
)
# Each member at most seven words, and a list starts at a word's start: a long run of
# capitals would otherwise be tried from every letter.
_LIST_OF_NAMES = re.compile(
    r"(?<![\w'-])[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,6}(?:,\s+[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,6})*"
    r"(?:,?\s+and\s+[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,6})"
)
_EVENT_WORDS = re.compile(r"\b(?:Cup|Championships?|Open|Games|Series|Tour|Final|Prix|Trophy)\b")
_REGIONS = frozenset(
    "European Asian African American Arab Latin Western Eastern Northern Southern Nordic "
    "Scandinavian Baltic Balkan Caribbean Gulf Pacific Atlantic Mediterranean".split()
)
# Words that open a sentence before a name, never part of it: "What the British
# Government is doing".
_OPENING = re.compile(r"^(?:(?:What|When|Where|Why|How|If|But|And|So|Now|Then|While|As)\s+)?"
                      r"(?:(?:the|The)\s+)?")  # fmt: skip
_TREATY_WORDS = re.compile(
    r"Protocol|Treaty|Agreement|Accords?|Convention|Declaration|Charter|Bill|Act|Constitution"
)


# "European Convention on Human Rights", "Treaty on European Union"; not "Convention of
# Scottish Local Authorities", a body.
_TREATY_ON = re.compile(rf"\b(?:{_TREATY_WORDS.pattern}) on\b")


def _a_treaty(name: str) -> bool:
    """ "Kyoto Protocol", "Multi-Fibre Agreement", "Convention on Human Rights", a "White
    Paper": a document, not a body."""
    return bool(
        _TREATY_WORDS.fullmatch(name.split()[-1])
        or _TREATY_ON.search(name)
        or re.search(r"\b(?:White|Green) Paper$", name)  # not "International Paper"
        or (name.endswith(" Study") and not ORGANISATION_WORDS.search(name))
    )


_AT = re.compile(r"\bat\s+(?:the\s+)?$")
_PLACE_TAIL = re.compile(r"\b(?:Africa|Asia|Europe|America|Americas|Middle East|Far East|South)$")
_MARKET_AFTER = re.compile(
    # Whole words: not "the G7 industrialised nations".
    r"\s+(?:index|indices|Industrial|Average|composite|crude|futures|100|225|250|500)\b",
    re.IGNORECASE,
)


def _a_market(name: str, article: str) -> bool:
    """Whether every mention of ``name`` is a market's: an index or a crude ("the Dow
    Jones index", "Brent crude", "the FTSE 100"), which the names of the firms that make
    them would otherwise pass for."""
    if ORGANISATION_WORDS.search(name):  # "American Stock Exchange composite index"
        return False
    mentions = list(whole_mentions(name, article))
    return bool(mentions) and all(_MARKET_AFTER.match(article, end) for _, end in mentions)


def _a_ground(candidate: OrganisationCandidate, article: str) -> bool:
    """In a sports report, a name only ever written after "at" is where a match is played
    ("at Headingley", "at Old Trafford"), not a team."""
    if ORGANISATION_WORDS.search(candidate.name) or not _a_sports_report(article):
        return False
    mentions = list(whole_mentions(candidate.name, article))
    return bool(mentions) and all(
        _AT.search(article[max(0, start - 8) : start]) for start, _ in mentions
    )


def _a_sports_report(article: str) -> bool:
    return bool(_SPORTS_HEADLINE.match(article)) or len(_SPORTS_WORDS.findall(article)) >= 4


def sports_teams(article: str, names: Sequence[str]) -> list[str]:
    """In a sports report, the names a match's words make teams ("Leicestershire beat
    Somerset"), with the names listed beside one ("title rivals Essex, Derbyshire and
    Surrey"); not competitions ("UEFA Cup") nor countries (national sides are places)."""
    if not _a_sports_report(article):
        return []
    teams: dict[str, None] = {}
    parts = [part for joined in names for part in _JOINED.split(joined)]
    for name in parts:
        # "the former Blackburn and Southampton skipper": two teams.
        if country_code(name) or _EVENT_WORDS.search(name) or name.isupper():
            continue
        if _mentioned_so(name, article, _TEAM_AFTER, _TEAM_BEFORE, 20):
            teams.setdefault(name, None)
    for listed in _LIST_OF_NAMES.finditer(article):
        members = [m.strip() for m in re.split(r",|\band\b", listed.group(0)) if m.strip()]
        if any(m in teams for m in members):
            for member in members:
                if member in teams or (member in parts and not country_code(member)):
                    teams.setdefault(member, None)
    return list(teams)


# What a company, a plant or a party is called in the words around its proper name.
_THING_AFTER = re.compile(
    r"\s+(?:(?:[a-z-]+\s+)?(?P<plant>plant|mill|refinery|steelworks|smelter|factory|mine|"
    r"shipyard|brewery|foundry|"
    # "Texas bank accounts": a place's bank, not a bank's name.
    r"works)|(?P<company>company|firm|group|carrier|airline|insurer|shares|subsidiary|unit|"
    r"bank(?!\s+(?:accounts?|holidays?|notes?|loans?|deposits?|details|statements?|"
    r"transfers?|balances?|branch(?:es)?|cards?|robber(?:y|ies)?))|"
    r"chain|retailer|brand|label|studio|conglomerate|consortium)|(?P<party>party|MPs?|leader|"
    # "Euronext chief Jean-Francois Theodore": a body's head, of a kind it does not say.
    r"government)|(?P<body>network|chairman|chief executive|chief(?=\s+[A-Z])|boss|"
    r"spokes\w+)|"
    # "Zycie Warszawy daily said"; not "Gazprom daily output". "The Spectator editor".
    r"(?P<media>newspaper|magazine|editor|(?:daily|weekly)(?=\s*[,.;:]|\s+(?:said|says|reported|"
    r"reports|quoted|wrote|added|claimed)\b)))\b"
)
# "the Hong Kong Standard said", "The Sunday Telegraph quoted": a name with "the" that
# speaks or reports is a body's, unless a title opens it ("the Dalai Lama said", "the
# Archbishop of Canterbury said").
_THE_BEFORE = re.compile(r"(?:^|[^\w\s]\s*|\s)[Tt]he\s+$")
_STYLED_PERSONS = frozenset("lama pope queen king prince princess duke duchess".split())
_REPORTS_AFTER = re.compile(r"\s+(?:said|says|reported|reports|quoted|announced)\b")
_ROLE_BEFORE = re.compile(
    # Plural roles name each of a list that follows: "rival plane makers Airbus and
    # Boeing", "retailers such as Wal-Mart", "the financial institutions JP Morgan Chase,
    # Citigroup ...".
    r"\b(?:(?P<company>(?:firms?|company|companies|groups?|carriers?|airlines?|makers?|"
    r"giants?|rivals?|retailers?|banks?|insurers?|brokers?|operators?|producers?|"
    r"suppliers?|chains?|labels?|studios?|publishers?|miners?|lenders?|refiners?|"
    r"carmakers?|chipmakers?|drugmakers?|winemakers?|developers?|manufacturers?|"
    r"conglomerates?|brokerages?|consultancy|consultancies|consultants|"
    r"financial institutions?|units?|"
    r"subsidiar(?:y|ies)|"
    r"monopoly|monopolies|consortium)"
    r"(?:,?\s+(?:such as|like|including))?|analysts?|shares in|stake in|"
    r"takeover of|bid for|(?:merger|tie-up|deal|alliance|partnership) with|"
    r"(?:owner|owners|parent|subsidiary) of|"
    r"(?:analysts?|economists?|strategists?|directors?|executives?|chief|head|chairman|"
    r"spokes\w+)\s+(?:at|of|with|for))|(?P<media>newspaper|magazine|broadcaster|website|"
    r"agency|channel|network|station|weekly|daily|paper))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Gazprom, the company originally tipped to buy", "Constellation, the world's biggest
# winemaker"; not "the company's chairman", whose possessive makes the name a person's,
# nor "the Fed, the nation's central bank" (a bank may be the state's), nor "Instead, the
# merged Gazprom-Rosneft group" (only lower-case words before the role).
_COMPANY_APPOSITIVE = re.compile(
    # Adjectives only before the role ("the world's biggest"; not "the head of the"), and
    # the role closes the phrase: not "the group chief executive", not "According to
    # John Smith, the company is ...", where "the company" opens a clause of its own.
    # "Surgutneftegas, Russia's fourth-biggest oil producer": a trade's producer is a
    # firm; not "Pete Waterman, Britain's most successful producer", a man.
    r",\s+(?:the|[A-Z][a-z]+['\u2019]s)\s+"
    r"(?:(?!(?:of|for|at|in|with|to)\s)[a-z][\w'\u2019-]*\s+){0,3}?"
    r"(?:company|firm|group|carmaker|winemaker|retailer|airline|insurer|lender|brokerage|"
    r"conglomerate|(?:oil|gas|steel|coal|copper|aluminium|gold|car|chip|drug|food|arms|"
    r"power|energy)\s+(?:producer|exporter|refiner|manufacturer|maker))(?=\s*[,.;:]|\s+(?:which|that|whose|originally|once|now|best|founded|"
    r"based)\b)"
)
_PLACED = re.compile(r"\b(?:in|at|on|from|across|within|inside|outside)\s+$", re.IGNORECASE)
_PLURAL_ROLE = re.compile(r"(?:s|such as|like|including)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_ROLE = re.compile(
    # "Sony's PlayStation Portable": a maker's product; "Yukos's chief executive".
    r"['\u2019]s?\s+(?:own\s+)?[A-Z][a-z]*[A-Z]|['\u2019]s?\s+(?:[a-z-]+\s+)?(?:shares|shareholders|profits?|sales|revenues?|"
    r"chief executive|boss|chairman|board|directors|stake|bid|offer|takeover|results|"
    r"earnings|customers|subscribers|products|spokes\w+)\b"
)


_ROLE_CUES = {
    "company": "named as a company or plant",
    "media": "named as a news outlet",
    "party": "named as a party",
    "body": "named as a body",
}


def companies_by_role(article: str, names: Sequence[str]) -> list[tuple[str, str]]:
    """Proper names the words around call a company, a plant, an outlet or a party:
    "the Antillana de Acero metallurgical plant", "research firm Gartner", "shares in
    Gazprom", "Yukos's chief executive", "Labour MPs". With the kind those words give."""
    found: dict[str, str] = {}
    for name in names:
        if TITLE_WORD.match(name.split()[0]) or country_code(name):
            continue
        for start, end in whole_mentions(name, article):
            kind = _role_kind(name, article, start, end)
            if kind and (pair := _two_names(name, article)):
                for part in pair:  # "Fiat and General Motors", Fiat also written alone
                    found.setdefault(part, kind)
                break
            if kind:
                # "an analyst at Stone & McCarthy Research": the name runs on after "&".
                joined = _AMPERSAND_TAIL.match(article, end)
                found.setdefault(name + joined.group(0) if joined else name, kind)
                break
    for member in _listed_companies(article, names, found):
        found.setdefault(member, "company")
    return list(found.items())


def _two_names(name: str, article: str) -> tuple[str, ...] | None:
    """ "Fiat and General Motors" as two names where the article writes the first alone
    too (so not "Marks and Spencer"); None where it is no such pair."""
    first, joint, second = name.partition(" and ")
    if not joint or " and " in second or country_code(first) or country_code(second):
        return None
    # "Securities and Exchange Commission": one name whose head word governs both.
    if ORGANISATION_WORDS.fullmatch(first):
        return None
    if " " not in first and zipf_frequency(first.lower(), "en") >= 4.0:
        return None  # "Citizens and Canal": a common word is no name alone
    alone = any(not article.startswith(name, start) for start, _ in whole_mentions(first, article))
    return (first, second) if alone else None


def _listed_companies(article: str, names: Sequence[str], found: dict[str, str]) -> list[str]:
    """The names of a list that a plural role opens ("rival plane makers Airbus and
    Boeing", "the financial institutions JP Morgan Chase, Citigroup, ...") or, three or
    more long, that holds a company already found ("Air China, China Southern and China
    Eastern")."""
    parts = {part for joined in names for part in _JOINED.split(joined)}
    listed: list[str] = []
    for enumeration in _LIST_OF_NAMES.finditer(article):
        members = [
            m.strip().removesuffix("'s").removesuffix("\u2019s")
            for m in re.split(r",|\band\b", enumeration.group(0))
            if m.strip()
        ]
        role = _ROLE_BEFORE.search(article[max(0, enumeration.start() - 60) : enumeration.start()])
        # A plural role: "the head of A and B" is one body's head, not two companies.
        companies = role is not None and bool(role["company"] and _PLURAL_ROLE.search(role[0]))
        if enumeration.group(0) in found:
            continue  # "Marks and Spencer shares": one company's name
        # A company's fellows in a longer list are companies too; "by Mukesh and
        # Reliance" pairs a man and his firm.
        fellows = len(members) >= 3 and any(
            found.get(m) == "company" or kind_of(m) == "company" for m in members
        )
        if companies or fellows:
            listed += [
                m for m in members
                if m in parts and not country_code(m) and kind_of(m) in (None, "company")
            ]  # fmt: skip
    return listed


_AMPERSAND_TAIL = re.compile(r" ?& ?[A-Z][\w'-]*(?: [A-Z][\w'-]*)*")


def _role_kind(name: str, article: str, start: int, end: int) -> str | None:
    """What the words around a mention call it: "company", "media", "party", or "body"
    (a chairman's, a spokesman's: a body of a kind they do not tell); None: nothing."""
    if after := _THING_AFTER.match(article, end):
        if after["body"] and _a_common_word_opening(name, article):
            return None  # "Police chief Ian Blair said": the sentence's first word
        if after["party"]:
            # "Labour MPs", "Conservative leader"; not "Shadow leader of the Commons".
            return "party" if name in PARTIES else None
        if after["media"]:
            # "a daily Amsterdam newspaper": a place's paper, unnamed.
            placed = name in CAPITALS or re.search(
                r"\b[Aa]n?\s+(?:\w+\s+)?$", article[max(0, start - 20) : start]
            )
            return None if placed else "media"
        return "body" if after["body"] else "company"
    if _PLACED_BEFORE.search(article[max(0, start - 40) : start]):
        return "company"  # "Paris-based Euronext": what is based somewhere and named is a firm
    if before := _ROLE_BEFORE.search(article[max(0, start - 40) : start]):
        if " and " in name and _PLURAL_ROLE.search(before.group(0)):
            return None  # "plane makers Airbus and Boeing": two, each named by the list
        return "media" if before["media"] else "company"
    if _POSSESSIVE_ROLE.match(article, end):
        return "company"
    # Not "In California, the company is fighting": a place the sentence opens with.
    placed = _PLACED.search(article[max(0, start - 20) : start])
    if _COMPANY_APPOSITIVE.match(article, end) and not placed:
        return "company"
    # Not "the Conservatives and Lib Dems said": two bodies, each found on its own.
    if (
        " and " not in name
        and name.split()[0].lower() not in PERSONAL_TITLES
        and name.split()[-1].lower() not in _STYLED_PERSONS
        and _THE_BEFORE.search(article[max(0, start - 8) : start])
        and _REPORTS_AFTER.match(article, end)
    ):
        return "body"
    return None


def _merged(
    candidates: list[OrganisationCandidate], expansions: dict[str, str]
) -> list[OrganisationCandidate]:
    """One candidate per organisation: a defined acronym joins its long name, and a
    shorter form of a longer name (its head, its tail, the name without a country's
    adjective, another case or number) becomes an alias of it; the fuller form names it."""
    merged: list[OrganisationCandidate] = []
    for candidate in candidates:
        if candidate.name in expansions and expansions[candidate.name] in {
            c.name for c in candidates
        }:
            continue  # the acronym of a long name listed with it
        owners = [
            i
            for i, known in enumerate(merged)
            if _alias_of(candidate.name, known) or _alias_of(known.name, candidate)
        ]
        if not owners:
            merged.append(candidate)
            continue
        # A long name may join two shorter forms listed apart ("World Summit",
        # "Information Society"): all become one, where the first stood.
        for index in owners:
            candidate = _joined(merged[index], candidate)
        merged[owners[0]] = candidate
        for index in reversed(owners[1:]):
            del merged[index]
    return merged


def _joined(known: OrganisationCandidate, new: OrganisationCandidate) -> OrganisationCandidate:
    """One candidate from two forms of a name: the longer form names it, the other is an
    alias; a defined acronym, the first cue and a settled kind are kept."""
    # The name an acronym was defined for, else the longer.
    new_first = (bool(new.acronym), len(new.name)) > (bool(known.acronym), len(known.name))
    first, second = (new, known) if new_first else (known, new)
    names = [n for n in (*known.names, *new.names) if n not in (first.name, first.acronym)]
    acronym = first.acronym or second.acronym
    return OrganisationCandidate(
        name=first.name,
        acronym=acronym,
        aliases=tuple(dict.fromkeys(n for n in names if n != acronym)),
        cue=known.cue,
        kind=first.kind or second.kind,
    )


_OBJECT_LINKS = frozenset(("of", "for", "the", "de", "du", "la"))


def _forms_of(name: str) -> tuple[str, ...]:
    """``name`` and its plural: "tory" and "tories", "democrat" and "democrats"."""
    if re.search(r"[^aeiou]y$", name):
        return name, name + "s", name[:-1] + "ies"
    return name, name + "s"


def _alias_of(name: str, known: OrganisationCandidate) -> bool:
    """``name`` is another form of ``known``: the same words in other capitals ("NICE",
    "Nice"), its head or tail ("Rotor" of "Rotor Volgograd", "Eagles" of "Philadelphia
    Eagles") when that is no organisation word alone, or the name without a country's
    adjective ("Industry and Trade Ministry")."""
    for other in known.names:
        if name.lower().rstrip(".") in _forms_of(other.lower().rstrip(".")):
            return True  # "Tories" of "Tory"; "Norwest Corp." of "Norwest Corp"
        words, others = name.split(), other.split()
        if len(words) >= len(others):
            continue
        # A tail after "of" is another body: "European Union" of "Council of the
        # European Union".
        tail = others[-len(words) :] == words and others[-len(words) - 1] not in _OBJECT_LINKS
        if (others[: len(words)] == words or tail) and not (
            ORGANISATION_WORDS.fullmatch(name) or country_code(name)
        ):
            # A common word is no short form ("Bank" of "World Bank"; "Trade" of ...).
            return len(words) > 1 or zipf_frequency(name.lower(), "en") < 4.5
        if country_code(others[0]) and others[1:] == words:
            return True
    return False
