"""Hints computed from the text and handed to focused templates.

Small models miss things and invent things. Code is good at finding every number
(see _quantities), every quoted passage and every capitalised name; the model is good
at deciding what they mean. So the code proposes numbered candidates, the model picks
and labels them, and the code keeps the verbatim span and the parsed value.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from wordfreq import zipf_frequency

from summarizer._countries import country_code
from summarizer._grounding import Match, Span, sentence_around
from summarizer._numbers import SPELLED_WORDS
from summarizer._quantities import MONTH_NAMES

ORGANISATION_WORDS = re.compile(
    r"\b(ministry|organi[sz]ation|company|corporation|corp|co|bank|agency|fund|group|inc|ltd|"
    r"plc|llc|spa|ag|gmbh|holdings|airlines|airways|motors?|petroleum|exchange|newsroom|"
    r"university|council|committee|party|government|department|association|union|plant|"
    r"portal|office|institute|authority|commission|federation|society|board|league|club|"
    r"stakes|protocol|receipts|news|press|radio|television|agence|ag\u00eancia|agencia|times|"
    r"post|herald|tribune|journal|gazette|daily|records|securities|entertainment|studios|"
    r"pictures|communications|telecoms?|technologies|systems|networks|media|foundation|"
    r"trust|economics|research|consulting|investments|insurance|pharmaceuticals|"
    r"industries|partners|capital)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w'\u2019\-]*[a-z\u00e0-\u00ff][\w'\u2019\-]*|[A-Z]{2,}"
# Inside a name only: a middle initial ("George W Bush", "John F. Kennedy") and an "O'"
# that scraping split from the rest ("Rory O' Neill").
_NAME_INSIDE = r"(?:[A-Z]\.?|O['\u2019])(?=[ \t][A-Z][a-z])"
# Lower-case words inside a name: particles ("Paolo di Canio") and joiners of bodies' names.
_NAME_JOINT = "de|da|di|du|del|della|le|la|van|von|der|den|dos|das|bin|al|el|wa|of|and|for|the"
_NAME = re.compile(
    rf"(?:{_NAME_WORD})(?:[ \t](?:(?:{_NAME_JOINT})[ \t])?(?:{_NAME_WORD}|{_NAME_INSIDE}))*"
)
_NOT_NAMES = frozenset(
    "The A An In On At As By For Of To And But Or If It "
    "Its He She They We I This That These Those His Her Their Our During After "
    "Before Later Following According Moreover Also Additionally However Meanwhile "
    "Noting Reflecting With From Under Mr Mrs Ms Dr Some Former Everyone Many Most All "
    "Several Both Each".split()
)


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """A quoted passage; ``span`` covers the text inside the quote marks."""

    id: int
    span: Span
    context: Span

    def hint(self, article: str, suggested: str | None) -> str:
        """The passage's first words, the words that attribute it, and the speaker those
        words point to (``suggested``, the attribution verification holds the answer to):
        what a reader uses to resolve "he said" or "the statement noted"."""
        words = self.span.text.split()
        opening = " ".join(words[:10]) + (" ..." if len(words) > 10 else "")
        before, after = self.attribution(article)
        line = f"[{self.id}] \u201c{opening}\u201d; in context: {before} [quote] {after}"
        if suggested:
            line += f"; suggested speaker: {suggested}"
        return line

    def attribution(self, article: str) -> tuple[str, str]:
        """Up to ten words of the sentence before and after the passage, up to the quotes
        next to it (their words are theirs), and none after it when those words introduce
        the next quote ("..." LTA chief executive John Crowther added: "...")."""
        marks = '"\u201c\u201d'
        # Without the passage's own marks, then up to the next quote's.
        head = article[self.context.start : self.span.start].rstrip(" ")
        head = head[:-1] if head.endswith(tuple(marks)) else head
        head = head[max(head.rfind(mark) for mark in marks) + 1 :]
        tail = article[self.span.end : self.context.end].lstrip(" ")
        following = tail[1:2]
        if tail[:1] in '"\u201c' and following.strip() and following not in ",.;:!?":
            tail = ""  # the next quote's opening mark: this one ended where it began
        tail = tail[1:] if tail.startswith(tuple(marks)) else tail
        tail = tail[: min((i for m in marks if (i := tail.find(m)) >= 0), default=None)]
        if tail.rstrip().endswith(":"):
            tail = ""
        return " ".join(head.split()[-10:]), " ".join(tail.split()[:10])

    def continues(self, previous: QuoteCandidate, article: str) -> bool:
        """Whether this passage goes on from ``previous`` with no words between, or only
        the clause that attributes ``previous``: a quote that runs over paragraphs, as
        news writes it, is one speaker's ('"...," the report said. "Africa is ...').
        Not when those words introduce this passage ("Jones disagreed:")."""
        gap = article[previous.span.end : self.span.start].strip(' \t\n"\u201c\u201d')
        between = gap.strip(".,")
        if not between:
            return True
        # '"...," the report said. "': the previous passage, a sentence of its own, goes on
        # to say whose it is, in the same paragraph; this passage opens the next sentence.
        return (
            previous.span.text.endswith((",", "?", "!"))
            and gap.endswith(".")
            and not any(mark in between for mark in ".!?:;\n")
            and len(between.split()) <= 20
            and bool(_SPEECH.search(between))
        )

    def is_speech(self, article: str) -> bool:
        """A phrase a sentence quotes without a word of saying ("raids aimed at fighting
        "criminal copyright theft"") is no one's speech."""
        before, _ = self.attribution(article)
        return not before or bool(_SPEECH.search(self.context.text))

    def named_speaker(
        self, article: str, people: Sequence[str], bodies: Sequence[str]
    ) -> str | None:
        """The speaker the passage's own sentence names: in the words around it, as the
        sentence's subject, or a body for "the statement noted"."""
        before, after = self.attribution(article)
        for words in (after, before):
            # In the text's order: "chief executive William Harrison and chief operating
            # officer James Dimon said" is the first one's.
            # Not whom the words were told to ("the record holder told Five Live").
            named = [
                (at, p) for at, p in _in_text_order(words, people) if not _TOLD.search(words[:at])
            ]
            # Before the passage, the one a verb of saying follows: "the re-election of
            # George W Bush, Mr Kennedy said Iraq had become a "...".
            speaking = [
                (position, p)
                for position, p in named
                if any(
                    words.startswith(form, position)
                    and _SAID_AFTER.match(words, position + len(form))
                    for form in [p, *_name_words(p)]
                )
            ]
            if words is before and speaking:
                named = speaking
            if named:
                return named[0][1]
        # The sentence's subject, further back: "Anshuman Magazine, managing director, of CB
        # Richard Ellis - an international real estate company - told the BBC this was".
        opening = article[self.context.start : self.span.start]
        subjects = _in_text_order(opening, people)
        if subjects:
            return subjects[0][1]
        for words in (after, before):
            # "said the WSIS spokesman", "the World Bank report said"; not whom it was
            # told to ("told the BBC") nor who did something else ("compiled by the
            # Official Charts Company", its "Charts Company" included).
            mentioned = _in_text_order(words, bodies)
            named = [
                (at, b)
                for at, b in mentioned
                if not _ADDRESSED.search(words[:at])
                and not _inside_another(at, b, mentioned)
                # A person described by the body ("said the Factory Records founder").
                and not _PERSON_OF_A_BODY.match(words, at + len(b))
            ]
            if named and _SPEECH.search(words):
                return named[0][1]
        for words in (after, before):
            if referring := _STATEMENT.search(words):
                # A person may own a document ("Mr Kok's report"), not a ministry.
                word = referring[1]
                owners = [*people, *bodies] if word in _DOCUMENTS else bodies
                owner = _owner_before_word(article, self.span.start, owners, word)
                if owner := owner or last_named_before(article, self.span.start, bodies):
                    return owner
        return None

    def speaker_before(
        self, article: str, people: Sequence[str], bodies: Sequence[str]
    ) -> str | None:
        """Who "he said" refers to: the last person named before the passage, or the body
        a spokesman spoke for when he was introduced later."""
        # "he" is whom the text last made a sentence's subject ("Johnson was involved in
        # a spat with Britain's Darren Campbell. ... "...," he claimed."), else the last
        # person named.
        person = last_subject_before(article, self.span.start, people) or last_named_before(
            article, self.span.start, people, by_any_word=True
        )
        # "A spokesman for the BPI said ... 'Work is going on,' he said": the body speaks.
        spokesmen = list(_SPOKESMAN_FOR.finditer(article, 0, self.span.start))
        if not spokesmen or not (body := _body_named_at(article, spokesmen[-1].end(), bodies)):
            return person
        named_later = person is not None and (
            _last_end(article, person, self.span.start, by_any_word=True) > spokesmen[-1].start()
        )
        return person if named_later else body


# Words that attribute speech, in the sentence that holds a quoted phrase.
_SPEECH = re.compile(
    r"\b(?:sa(?:id|ys|y)|told|tells?|add(?:ed|s)|according|stat(?:ed|es)|warn(?:ed|s)|"
    r"argu(?:ed|es)|call(?:ed|s)|describ(?:ed|es)|accus(?:ed|es)|insist(?:ed|s)|"
    r"claim(?:ed|s)|not(?:ed|es)|explain(?:ed|s)|ask(?:ed|s)|wr(?:ote|ites)|point(?:ed|s)\s+out|"
    r"reiterat\w+|stress\w*|urg(?:ed|es)|announc\w+|declar\w+|comment\w*|report(?:ed|s)?|"
    r"statement|quot(?:ed?|es|ing)|spokes\w+|interview\w*)\b|:",
    re.IGNORECASE,
)
# Right after a speaker's name: "Mr Kennedy said", "Barber, who said", "Lamberty told".
_SAID_AFTER = re.compile(
    r",?\s+(?:[a-z]+\s+){0,2}?(?:said|says|told|tells|added|adds|stated|explained|noted|"
    r"warned|argued|insisted|claimed|reiterated|stressed|wrote)\b"
)
# Before a body's name: whom words were addressed to ("told the BBC"), or who did
# something else ("compiled by the Official Charts Company"); "according to" attributes.
# Right after a body's name, its own verb: not a clause's ("meeting in Geneva, told the
# BBC") nor a person's it describes ("the Conservative leader said").
_BODY_SAID_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|also|later|then|again|now|previously)\s+){0,2}"
    r"(?:said|says|told|tells|added|adds|stated|noted|warned|argued|insisted|claimed|"
    r"reported|announced|predicts|predicted|estimates|estimated)\b"
)
_PERSON_OF_A_BODY = re.compile(
    r"\s+(?:founder|co-founder|chief|boss|head|chairman|chairwoman|director|executive|"
    r"president|manager|owner|analyst|economist|editor|singer|star|minister|secretary|leader)\b"
)
_TOLD = re.compile(r"\b(?<!according )(?:told|to)\s+$", re.IGNORECASE)
_ADDRESSED = re.compile(r"\b(?<!according )(?:told|to|for|by|on|in)\s+(?:the\s+)?$", re.IGNORECASE)
# Words that refer back to a body named before: "the statement noted", "the bank said".
# Lower-case: "Company" in "Official Charts Company" refers to nothing.
_DOCUMENTS = frozenset({"statement", "report", "study", "survey"})
_STATEMENT = re.compile(
    r"(?<!his )(?<!her )\b(statement|ministry|company|agency|office|spokes\w*|bank|firm|"
    r"report|study|survey)\b"
)
_SPOKESMAN_FOR = re.compile(r"\bspokes(?:man|woman|person)\s+(?:for|at)\s+(?:the\s+)?", re.I)


def attribute_quotes(
    quotes: Sequence[QuoteCandidate], article: str, people: Sequence[str], bodies: Sequence[str]
) -> dict[int, str]:
    """Quote id -> the speaker the article's words point to. Quotes that run on from one
    another with no words between are one speaker's: the one a quote of the run names
    ('"...," added Prutton' at its end), else whom "he said" before its first refers to."""
    runs: list[list[QuoteCandidate]] = []
    for quote in quotes:
        if runs and quote.continues(runs[-1][-1], article):
            runs[-1].append(quote)
        else:
            runs.append([quote])
    attributions: dict[int, str] = {}
    for run in runs:
        named = [q.named_speaker(article, people, bodies) for q in run]
        fallback = run[0].speaker_before(article, people, bodies)
        for index, quote in enumerate(run):
            if not quote.is_speech(article):
                continue
            # Its own sentence's speaker, else the nearest the run names, earlier first.
            nearest = [*reversed(named[: index + 1]), *named[index + 1 :]]
            speaker = next((s for s in nearest if s), fallback)
            if speaker:
                attributions[quote.id] = speaker
    return attributions


def _owner_before_word(article: str, position: int, names: Sequence[str], word: str) -> str | None:
    """The name last written before ``position`` right before ``word``: whose report "the
    report said" refers to ("a World Bank report", "the Datamonitor report", "Mr Kok's
    report")."""
    pattern = re.compile(rf"(?:['\u2019]s)?\s+{re.escape(word)}\b")
    owners = [
        (at, name)
        for name in names
        for form in [name, *_name_words(name)]
        for at in _occurrences(form, article[:position])
        if pattern.match(article, at + len(form))
    ]
    return max(owners)[1] if owners else None


def _body_named_at(article: str, position: int, bodies: Sequence[str]) -> str | None:
    """The body whose name starts at ``position``: one of ``bodies``, or a name whose
    acronym in brackets is one ("British Phonographic Industry (BPI)")."""
    if (expanded := _EXPANDED.match(article, position)) and expanded["acronym"] in bodies:
        return expanded["name"].strip()
    named = [body for body in bodies if article.startswith(body, position)]
    return max(named, key=len) if named else None


_EXPANDED = re.compile(
    r"(?P<name>(?:[A-Z][\w&'\u2019-]*\s+(?:(?:of|the|for|and|on)\s+)*)+)\((?P<acronym>[A-Z]{2,})\)"
)


def _inside_another(at: int, name: str, mentioned: Sequence[tuple[int, str]]) -> bool:
    """Whether the mention of ``name`` at ``at`` is part of a longer one."""
    return any(
        start <= at and at + len(name) <= start + len(other) and len(other) > len(name)
        for start, other in mentioned
    )


def _in_text_order(text: str, names: Iterable[str]) -> list[tuple[int, str]]:
    """The ``names`` that ``text`` mentions (not as possessives), with where, first first."""
    return sorted((at, name) for name in names if (at := _first_mention(text, name)) >= 0)


def _first_mention(text: str, name: str) -> int:
    """Where ``text`` first names ``name`` (or its surname), not as a possessive; -1 if
    nowhere."""
    starts = [
        start
        for form in [name, *_name_words(name)]
        for start in _occurrences(form, text)
        if _whole_word_at(text, start, start + len(form))
        and not text.startswith(("'s", "\u2019s"), start + len(form))
    ]
    return min(starts, default=-1)


def _name_words(name: str) -> list[str]:
    """The words a name is also called by alone: capitalised, longer than three letters."""
    return [w for w in name.split() if len(w) > 3 and w[0].isupper()]


def last_named_before(
    article: str, position: int, names: Sequence[str], *, by_any_word: bool = False
) -> str | None:
    """The name whose last mention before ``position`` is the latest (longest on a tie).

    Acronyms count only when no other name comes before: "the IMIDRO head said" is about
    the head, a person named earlier.
    """
    people = [n for n in names if not n.isupper()]
    best: tuple[int, int, str] | None = None
    for name in people or names:
        end = _last_end(article, name, position, by_any_word=by_any_word)
        if end >= 0 and (best is None or (end, len(name)) > best[:2]):
            best = (end, len(name), name)
    return best[2] if best else None


def last_subject_before(article: str, position: int, people: Sequence[str]) -> str | None:
    """The person whose last mention as a sentence's subject ("Former Olympic champion
    Michael Johnson has", "Mr Wilson, who was also involved, said") or as a speaker ("...
    George W Bush, Mr Kennedy said") comes last before ``position``."""
    best: tuple[int, int, str] | None = None
    for person in people:
        for form in [person, *_name_words(person)]:
            for start in _occurrences(form, article[:position]):
                if (
                    _whole_word_at(article, start, start + len(form))
                    and not article.startswith(("'s", "\u2019s"), start + len(form))
                    and (
                        _opens_its_sentence(article, start)
                        or _SAID_AFTER.match(article, start + len(form))
                    )
                    and (best is None or (start, len(person)) > best[:2])
                ):
                    best = (start, len(person), person)
    return best[2] if best else None


def _opens_its_sentence(article: str, start: int) -> bool:
    """Whether only capitalised words and a role ("Tory leader", "Chief executive",
    "But") stand between the sentence's start and ``start``."""
    opening = article[max(0, start - 80) : start]
    breaks = [opening.rfind(mark) for mark in '.!?\n"\u201c\u201d:;']
    words = opening[max(breaks) + 1 :].split()
    return len(words) <= 6 and all(
        word[:1].isupper() or _ROLE_WORD.fullmatch(word.strip(",")) for word in words
    )


def _last_end(article: str, name: str, position: int, *, by_any_word: bool = False) -> int:
    """Where the last mention of ``name`` (or, ``by_any_word``, of its surname) before
    ``position`` that is no possessive ends ("Mr Blair's government" does not make Mr
    Blair the one who speaks next); -1 if none."""
    latest = -1
    for form in [name, *(_name_words(name) if by_any_word else [])]:
        found = article.rfind(form, 0, position)
        while found >= 0 and article.startswith(("'s", "\u2019s"), found + len(form)):
            found = article.rfind(form, 0, found)
        if found >= 0:
            latest = max(latest, found + len(form))
    return latest


def quote_candidates(article: str) -> list[QuoteCandidate]:
    """Every passage inside straight or curly double quotes that someone could have
    said, numbered from 1: a sentence or clause, or a fragment of two words or more
    that its sentence attributes ("Mr Kennedy accused him of "pandering to prejudice"").
    A one-word term ("a "win-win" deal") and a title ("Million Dollar Baby") are not."""
    found: list[QuoteCandidate] = []
    for start, end in quoted_passages(article):
        text = article[start:end]
        words = text.split()
        context = sentence_around(article, max(0, start - 1), min(len(article), end + 1))
        if len(text) < 12 or len(words) < 4:
            titled = all(w[:1].isupper() or w.lower() in _NAME_JOINT.split("|") for w in words)
            if len(words) < 2 or titled or not _SPEECH.search(context.text):
                continue
        span = Span(start, end, text, Match.EXACT)
        found.append(QuoteCandidate(id=len(found) + 1, span=span, context=context))
    return found


_QUOTE_MARK = re.compile('["\u201c\u201d]')
_BEFORE_AN_OPENING = frozenset("([{-\u2014\u2013:")
_AFTER_A_CLOSING = frozenset(".,;:!?)]}-\u2014\u2013")


def quoted_passages(article: str) -> Iterator[tuple[int, int]]:
    """The spans inside quote marks, each mark read as opening or closing by what stands
    around it (a straight mark after a space opens, before one closes). A quote that runs
    into a new paragraph is closed only by the next paragraph's opening mark, as news
    writes it; a flattened text puts both in one line ("... unsafe work. "Workers should
    ..."), so an opening mark inside an open quote ends it, and so does a line break."""
    opened: int | None = None
    for mark in _QUOTE_MARK.finditer(article):
        position = mark.start()
        before = article[position - 1] if position else " "
        after = article[position + 1] if position + 1 < len(article) else " "
        if mark.group() == "\u201c":
            opening = True
        elif mark.group() == "\u201d":
            opening = False
        else:
            opens = (before.isspace() or before in _BEFORE_AN_OPENING) and not after.isspace()
            closes = not before.isspace() and (after.isspace() or after in _AFTER_A_CLOSING)
            opening = opens if opens != closes else opened is None
        if opened is not None:
            end = article.find("\n", opened, position)
            end = position if end < 0 else end
            if not opening or end < position or article[opened:end].strip():
                inner = article[opened:end]
                start = opened + len(inner) - len(inner.lstrip())
                yield start, start + len(inner.strip())
            opened = None
        if opening:
            opened = position + 1


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


_TITLE_WORD = re.compile(
    r"^(?:Minister|Secretary|President|Head|Chief|Director|Chairman|Governor|Ambassador|"
    r"Deputy|Prime|Vice|State|Executive|Spokesman|Spokeswoman|Mr|Mrs|Ms|Dr|Sir|King|Queen|"
    r"MP|MEP|MSP|AM|Mayor|Chancellor|Leader|Editor)$"
)
_MONTH = re.compile(
    rf"^(?:{MONTH_NAMES}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)


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
            titled = [i for i, w in enumerate(words[:-1]) if _TITLE_WORD.match(w)]
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


def body_candidates(article: str, options: Sequence[str], people: Sequence[str]) -> list[str]:
    """Who may speak that is no person: names with an organisation word or in capitals
    ("Interior Ministry", "WSIS"), and names the article has speak as a body does
    ("Datamonitor adds", "JP Morgan said", "The Liberal Democrats have warned")."""
    persons_words = {word for person in people for word in [person, *_name_words(person)]}

    def speaks(option: str) -> bool:
        if option in persons_words or _TITLE_WORD.match(option.split()[-1]):
            return False  # "the Salford MP told": a person
        return any(
            _whole_word_at(article, at, at + len(option))
            and _BODY_SAID_AFTER.match(article, at + len(option))
            for at in _occurrences(option, article)
        )

    return [o for o in options if ORGANISATION_WORDS.search(o) or o.isupper() or speaks(o)]


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
    "Oval Arena Palace Cathedral Mosque Church Temple Hospital".split()
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
    return frozenset(names)


def load_word_lists() -> None:
    """Load the given names and wordfreq's English list now rather than on the first
    article that needs them (about 250 ms together)."""
    _given_names()
    zipf_frequency("news", "en")


@functools.lru_cache(maxsize=8192)
def is_given_name(word: str) -> bool:
    """Whether ``word`` is a known given name ("Bill", "Roman", "Mohammad")."""
    return bool(word.isalpha()) and word.lower() in _given_names()


# Words that stand right before a person's name, or right after it, in news prose.
_ROLE_BEFORE = (
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


# A word that may come before a sentence's subject: a role, an article, "But".
_ROLE_WORD = re.compile(
    rf"(?:{_ROLE_BEFORE}|the|a|an|and|but|former|late|deputy|chief|head|boss|founder|mogul|"
    r"correspondent|editor|general|managing|senior|political|vice|co-chairman)",
    re.IGNORECASE,
)


def _occurrences(name: str, article: str) -> Iterator[int]:
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
    for start in _occurrences(word, article):
        if not _whole_word_at(article, start, start + len(word)):
            continue
        before = article[max(0, start - 40) : start]
        stripped = before.rstrip()
        if len(stripped) < len(before) and stripped and stripped[-1] in _ENDS_MID_SENTENCE:
            return True
    return False


_ENDS_MID_SENTENCE = frozenset(",;" + string.ascii_lowercase)


def _whole_word_at(article: str, start: int, end: int) -> bool:
    before = article[start - 1] if start > 0 else " "
    after = article[end] if end < len(article) else " "
    return not (before.isalnum() or after.isalnum())


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def always_after_the(name: str, article: str) -> bool:
    """Every exact mention of ``name`` follows "the": "the Antillana de Acero plant",
    "the Planalto Palace said": a thing, not a person."""
    mentions = list(_occurrences(name, article))
    return bool(mentions) and all(_THE_BEFORE.search(article[max(0, m - 5) : m]) for m in mentions)


# Capitalised words that stand right before a person's name without being part of it:
# titles and honorifics ("Judge Olga Lavrentyeva", "Sen. Bob Dole").
PERSONAL_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady sheikh ayatollah imam pope cardinal bishop "
    "archbishop rabbi father saint st rev reverend sen senator rep gov governor gen general "
    "col colonel maj major capt captain lt sgt judge justice speaker coach president minister "
    "premier chancellor secretary king queen prince princess emperor crown prime vice deputy "
    "chief chairman chairwoman director ambassador mayor commander envoy manager "
    "commissioner".split()
)
# Titles that are never a surname too (unlike "Major", "King", "Judge"): a name holding
# one is a title's ("South Carolina Gov", "High Commissioner for Refugees").
_NEVER_SURNAMES = frozenset(
    "mr mrs ms dr gov sen rep gen col capt lt sgt minister president secretary premier "
    "chairman chairwoman director ambassador commissioner governor senator envoy".split()
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
        or "-" in word
        or _a_country_word(word)
    )


def _demonym_by_ending(word: str) -> bool:
    bare = word.rstrip(".").lower()
    return (
        _DEMONYM_ENDING.search(bare) is not None
        and not is_given_name(word)
        and zipf_frequency(bare, "en") < _SURNAME_CEILING
    )


def without_descriptors(name: str) -> str:
    """``name`` without the titles and descriptions written before it: "Judge Olga
    Lavrentyeva" -> "Olga Lavrentyeva", "Ex-Yankee Randy Velarde" -> "Randy Velarde"."""
    words = name.split()
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
    for start in _occurrences(name, article):
        if not _whole_word_at(article, start, start + len(name)):
            continue
        if _THE_BEFORE.search(article[max(0, start - 5) : start]):
            continue
        line_start = article.rfind("\n", 0, start) + 1
        # A title or a name runs a few words, not a paragraph: a bounded look back.
        before = _RUN_BEFORE.search(article, max(line_start, start - 120), start)
        if before is None:
            return None
        run = before.group(0).split()
        if any(_describes_a_person(w) or _TITLE_WORD.match(w) for w in run if w[0].isupper()):
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
        for start in _occurrences(name, article)
        if _whole_word_at(article, start, start + len(name))
    ]
    # "Lib Dems" is a thing where "Lib Dem officials" are.
    singular = name.removesuffix("s")
    if not is_given_name(name.split()[0]) and any(
        _QUALIFIES_A_ROLE.match(article, start + len(singular))
        for start in _occurrences(singular, article)
        if _whole_word_at(article, start, start + len(singular))
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
        for start in mentions
    )


def _hyphen_description(word: str) -> bool:
    """A hyphen before a common lower-case word ("Bergamo-based", "T-bonds") makes a
    description; "Chun-yeh" is a name."""
    tail = word.partition("-")[2]
    return bool(tail) and tail[0].islower() and zipf_frequency(tail, "en") >= _SURNAME_CEILING


_ROLE_BEFORE_RE = re.compile(rf"\b(?:{_ROLE_BEFORE})\s+$")
_ROLE_AFTER_RE = re.compile(rf"(?:{_ROLE_AFTER})")
_LOWER_WORD_BEFORE = re.compile(r"\b[a-z][\w'-]*,?\s+$")
_CAPITAL_AFTER = re.compile(r"['\u2019]?\s*[A-Z(]")


def _in_a_persons_place(name: str, article: str) -> bool:
    """The article puts ``name`` where only a person goes: after a role ("Surrey captain
    Chris Lewis", "said Paul Johnson") or before an age or a verb of saying."""
    for start in _occurrences(name, article):
        end = start + len(name)
        if not _whole_word_at(article, start, end):
            continue
        if _ROLE_BEFORE_RE.search(article[max(0, start - 40) : start]):
            return True
        if _ROLE_AFTER_RE.match(article, end):
            return True
    return False


_TITLE_RIGHT_BEFORE = re.compile(r"\b([A-Za-z][a-z]+)\.? $")


def after_a_title(word: str, article: str) -> bool:
    """The article puts a title right before ``word``: "President Suharto", "Mr Dole"."""
    for start in _occurrences(word, article):
        if not _whole_word_at(article, start, start + len(word)):
            continue
        title = _TITLE_RIGHT_BEFORE.search(article[max(0, start - 20) : start])
        # A title is capitalised: "the major Manchester hotels" names no Major Manchester.
        if title and title.group(1)[0].isupper() and title.group(1).lower() in PERSONAL_TITLES:
            return True
    return False


def _recurs_alone(word: str, article: str) -> bool:
    """``word`` stands alone mid-sentence as a name: after a lower-case word, not before
    another capitalised word ("Such had scuttled", "said Butcher.")."""
    if len(word) < 3 or not word[0].isupper():
        return False
    for start in _occurrences(word, article):
        end = start + len(word)
        if not _whole_word_at(article, start, end):
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
    if len(words) > 1 and _NUMBER_WORD.fullmatch(first):
        return False  # "Five Live", "Three Degrees": "Five" is a given name somewhere
    return len(words) == 1 or is_given_name(first) or zipf_frequency(first.lower(), "en") < 4.5


_NUMBER_WORD = re.compile(SPELLED_WORDS, re.IGNORECASE)


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
                and after_a_title(option, article)
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
    found = [
        option
        for option in options
        if person_like(option)
        and not any(w.rstrip(".").lower() in _NEVER_SURNAMES for w in option.split())
        and longer_name_around(option, article) is None  # "York Yankees"
        and not named_as_a_thing(option, article)  # "Pan Am flight"
    ]

    def stands_alone(name: str) -> bool:
        """Some mention of ``name`` follows no capitalised word: it opens the text, or
        follows punctuation or a lower-case word."""
        for start in _occurrences(name, article):
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


# Text inside an article that is addressed to a model, not to readers: chat-template turns
# and JSON objects. Names found only there are not the news's names.
_CHAT_TURN = re.compile(r"<\|im_start\|>.*?(?:<\|im_end\|>|\Z)|\[INST\].*?(?:\[/INST\]|\Z)", re.S)


def embedded_instructions(article: str) -> list[tuple[int, int]]:
    """Spans of chat-template turns and JSON objects embedded in the article text."""
    spans = [(m.start(), m.end()) for m in _CHAT_TURN.finditer(article)]
    depth, opened = 0, 0
    for index, character in enumerate(article):
        if character == "{":
            if depth == 0:
                opened = index
            depth += 1
        elif character == "}" and depth:
            depth -= 1
            if depth == 0 and re.search(r"\"\s*:", article[opened:index]):
                spans.append((opened, index + 1))
    return sorted(spans)


def named_outside(name: str, article: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``article`` names ``name`` somewhere outside ``spans``."""
    return any(
        not any(start <= position < end for start, end in spans)
        for position in _occurrences(name, article)
    )
