"""Quoted passages and who said them.

The code finds every passage in quote marks and the speaker the article's own words
point to: the name next to it, the sentence's subject, a body that speaks ("the
ministry said", "the World Bank report said"), or whom "he said" refers to. The quotes
template shows the model these attributions; verification holds its answer to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from summarizer._cues.names import (
    NAME_JOINT,
    ORGANISATION_WORDS,
    ROLE_BEFORE,
    TITLE_WORD,
    occurrences,
    whole_word_at,
)
from summarizer._grounding import Match, Span, sentence_around


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
# The verbs of saying that follow a speaker's name.
_SAYING = "said|says|told|tells|added|adds|stated|noted|warned|argued|insisted|claimed"
# Right after a speaker's name: "Mr Kennedy said", "Barber, who said", "Lamberty told".
_SAID_AFTER = re.compile(
    rf",?\s+(?:[a-z]+\s+){{0,2}}?(?:{_SAYING}|explained|reiterated|stressed|wrote)\b"
)
# Right after a body's name, its own verb: not a clause's ("meeting in Geneva, told the
# BBC") nor a person's it describes ("the Conservative leader said").
_BODY_SAID_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|also|later|then|again|now|previously)\s+){0,2}"
    rf"(?:{_SAYING}|reported|announced|predicts|predicted|estimates|estimated)\b"
)
# After a body's name, the person it describes speaks: "said the Factory Records founder".
_PERSON_OF_A_BODY = re.compile(
    r"\s+(?:founder|co-founder|chief|boss|head|chairman|chairwoman|director|executive|"
    r"president|manager|owner|analyst|economist|editor|singer|star|minister|secretary|leader)\b"
)
# Before a person's name: whom words were said to ("told Five Live"); "according to"
# attributes.
_TOLD = re.compile(r"\b(?<!according )(?:told|to)\s+$", re.IGNORECASE)
# Before a body's name, also who did something else ("compiled by the Official Charts
# Company", "on BBC Radio 4's Today programme").
_ADDRESSED = re.compile(r"\b(?<!according )(?:told|to|for|by|on|in)\s+(?:the\s+)?$", re.IGNORECASE)
# Words that refer back to a body named before: "the statement noted", "the bank said";
# a document may be a person's too ("Mr Kok's report"). Lower-case: "Company" in
# "Official Charts Company" refers to nothing.
_DOCUMENTS = ("statement", "report", "study", "survey")
# Not what a speaker talks about: "He said the firm will benefit" is his, not the firm's.
_STATEMENT = re.compile(
    r"(?<!his )(?<!her )(?<![Hh]e said the )(?<![Ss]he said the )(?<![Hh]e says the )\b("
    + "|".join(
        ("ministry", "company", "agency", "office", r"spokes\w*", "bank", "firm", *_DOCUMENTS)
    )
    + r")\b"
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
        for at in occurrences(form, article[:position])
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
    return min((start for start, _ in _mentions(text, name)), default=-1)


def _mentions(text: str, name: str) -> Iterator[tuple[int, str]]:
    """Where ``text`` names ``name`` or one of its words as a whole word and not as a
    possessive ("Mr Blair's government" is no mention of who acts), with the form used."""
    for form in [name, *_name_words(name)]:
        for start in occurrences(form, text):
            end = start + len(form)
            if whole_word_at(text, start, end) and not _possessive_at(text, end):
                yield start, form


def _possessive_at(text: str, position: int) -> bool:
    return text.startswith(("'s", "\u2019s"), position)


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
    subjects = [
        (start, len(person), person)
        for person in people
        for start, form in _mentions(article[:position], person)
        if _opens_its_sentence(article, start) or _SAID_AFTER.match(article, start + len(form))
    ]
    return max(subjects)[2] if subjects else None


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
        while found >= 0 and _possessive_at(article, found + len(form)):
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
            titled = all(w[:1].isupper() or w.lower() in _JOINT_WORDS for w in words)
            if len(words) < 2 or titled or not _SPEECH.search(context.text):
                continue
        span = Span(start, end, text, Match.EXACT)
        found.append(QuoteCandidate(id=len(found) + 1, span=span, context=context))
    return found


_JOINT_WORDS = frozenset(NAME_JOINT.split("|"))
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


def body_candidates(article: str, options: Sequence[str], people: Sequence[str]) -> list[str]:
    """Who may speak that is no person: names with an organisation word or in capitals
    ("Interior Ministry", "WSIS"), and names the article has speak as a body does
    ("Datamonitor adds", "JP Morgan said", "The Liberal Democrats have warned")."""
    persons_words = {word for person in people for word in [person, *_name_words(person)]}

    def speaks(option: str) -> bool:
        if option in persons_words or TITLE_WORD.match(option.split()[-1]):
            return False  # "the Salford MP told": a person
        return any(
            whole_word_at(article, at, at + len(option))
            and _BODY_SAID_AFTER.match(article, at + len(option))
            for at in occurrences(option, article)
        )

    return [o for o in options if ORGANISATION_WORDS.search(o) or o.isupper() or speaks(o)]


# A word that may come before a sentence's subject: a role, an article, "But".
_ROLE_WORD = re.compile(
    rf"(?:{ROLE_BEFORE}|the|a|an|and|but|former|late|deputy|chief|head|boss|founder|mogul|"
    r"correspondent|editor|general|managing|senior|political|vice|co-chairman)",
    re.IGNORECASE,
)
