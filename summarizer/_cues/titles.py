"""People's titles as the article writes them next to their names.

A title is the whole role phrase, before the name ("Cuban Deputy Prime Minister and
Minister of Foreign Trade and Investment Oscar Perez-Oliva Fraga", "Tory leader Michael
Howard", "the Russian president Putin") or after it ("Mohammad Aghajanlou, the new head
of IMIDRO"), commas inside it included ("Minister of Culture, Media and Sport Tessa
Jowell"). Honorifics ("Ayatollah", "Dr", "Mr") are not part of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from summarizer._cues.lexicon import MONTH_WORDS, WEEKDAYS
from summarizer._cues.names import SEATS_AND_RANKS
from summarizer._cues.recogniser import nominal_words
from summarizer._grounding import Span, locate

# Words that make a phrase a title: an office or a role held in a body.
OFFICES = frozenset(
    "minister ministers secretary president head chief director chairman chairwoman chair "
    "co-chairman ceo governor ambassador spokesman spokeswoman spokesperson official "
    "executive manager leader mayor senator king queen prince general commander envoy "
    "adviser advisor founder chancellor premier deputy representative coach captain "
    "professor analyst economist editor judge prosecutor officer member mp mep lawmaker "
    "boss owner partner correspondent referee physio mogul tycoon entrepreneur billionaire "
    "champion speaker councillor strategist researcher economist diplomat negotiator "
    "commissioner presenter producer singer actor writer author lawyer attorney solicitor "
    "barrister lobbyist campaigner activist ruler dictator comptroller treasurer auditor "
    "inspector watchdog journalist reporter columnist broadcaster dj supremo counterpart "
    # Where a person stands in a contest or a crisis: "his Democratic challenger John
    # Kerry", "a prospective parliamentary candidate", "British hostage Ken Bigley".
    "undersecretary candidate challenger nominee incumbent hostage "
    # A judge of England's courts is styled "Lord Justice Rix", "Mr Justice Forbes".
    "justice".split()
)
# Occupations the news names people by ("married publisher Kimberly Quinn", "nanny
# Leoncia Casalme", "Tory peer Lord Tebbit"): titles too, but apart from OFFICES, as
# bodies are named for them ("New Scientist", "Trader Joe's", "The Banker").
OCCUPATIONS = frozenset(
    "peer publisher nanny banker businessman businesswoman broker trader investor architect "
    "doctor surgeon scientist engineer pilot farmer soldier detective consultant "
    "accountant chef artist designer novelist comedian player striker goalkeeper "
    "midfielder boxer golfer athlete sprinter musician composer photographer "
    "teacher headteacher receptionist nurse driver clerk student cleaner waiter waitress "
    "mechanic shopkeeper salesman policeman policewoman firefighter paramedic cleric expert "
    "maker film-maker filmmaker".split()
)
ROLE_WORDS = OFFICES | OCCUPATIONS
# Lower-case words a title may hold besides its role: "chief operating officer",
# "political correspondent", "ex-home secretary", "Former world number one".
_MODIFIERS = frozenset(
    "former ex deputy assistant vice managing operating executive general chief prime "
    "foreign home shadow political economic senior acting interim new co performance "
    "housing party world number one state financial technology trade local national "
    "regional junior principal first second permanent newly recently appointed elected "
    "outgoing incoming current veteran long serving".split()
)
_JOINERS = frozenset("of and for the to in on at".split())
# Words that open a sentence before a title, never part of it: "On Tuesday Labour
# chairman Ian McCartney", "Meanwhile Lib Dem leader Charles Kennedy".
_OPENERS = frozenset(
    {w.capitalize() for w in (*MONTH_WORDS, *WEEKDAYS)}
    | set(
        "But And Meanwhile Earlier Later Yesterday Today Tomorrow However Now Also Last "
        "This Next Then Still So Instead Separately Elsewhere Previously Recently".split()
    )
)
# Papers named for the day they come out, which opens a sentence's date elsewhere.
_SUNDAY_PAPERS = frozenset("Telegraph Times Mirror Express Herald Post People Mail Sport".split())
HONORIFICS = frozenset(
    "Mr Mrs Ms Miss Dr Dr. Mr. Mrs. Ms. Sir Dame Ayatollah Sheikh Imam Rev Reverend Prof "
    "Lord Lady".split()
)
# Where a sentence ends: a line break, or a stop after a word ("Egypt.", not "Dr.").
_SENTENCE_END = re.compile(r"\n|(?<=[a-z]{3}[.!?])\s+")
_ONE_OF = re.compile(r"\bone of\b")
_TOKEN = re.compile(r"\([A-Z][A-Za-z]{1,9}\)|[\w'\u2019.&-]+|,")
# ", the new head of IMIDRO", ", 28, a hotel receptionist": an age may come first.
_AFTER = re.compile(r"^,\s+(?:\d{1,3},\s+)?(?:the\s+|a\s+|an\s+)?([^.;:\n]{2,160})")
_AFTER_END = re.compile(r"\s+(?:said|says|told|added|who|which|has|had|is|was|will)\b")


def _role_word(token: str) -> bool:
    bare = token.lower().strip(".")
    if "-" in bare and bare.rsplit("-", 1)[1] in ROLE_WORDS:
        return True  # "vice-director", "co-founder"
    return bare in ROLE_WORDS or bare.startswith("ex-") or _plural_role(bare)


def _plural_role(word: str) -> bool:
    """ "directors", "executives", "MPs": a role held by each of several people."""
    return word.endswith("s") and word[:-1] in ROLE_WORDS


def _allowed_lower(token: str) -> bool:
    """A lower-case word a title may hold: a role, a modifier, a joiner, "ex-Yukos", or a
    possessive ("the network's spokesman")."""
    bare = token.lower()
    if bare.startswith(("ex-", "then-")) or bare.endswith(("'s", "\u2019s")):
        return True
    parts = bare.split("-")
    return bare in _JOINERS or all(_role_word(p) or p in _MODIFIERS for p in parts if p)


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token.startswith("(")


def title_before(
    window: str, *, bare_surname: bool = False, nominal: Callable[[int], bool] | None = None
) -> str | None:
    """The title that ends ``window`` (the words right before a name), or None.

    Before a bare surname only words ending on a role count ("the Russian president
    Putin", "President Bush's policies"): other capitalised words there are usually the
    rest of the name.
    ``nominal`` tells whether the word at an offset of ``window`` is a noun or an
    adjective: such words in front of a role belong to it ("BBC environment
    correspondent"), where a verb or a preposition ends it.
    """
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(window)]
    run: list[str] = []
    stopped_at_comma = False
    for index in range(len(tokens) - 1, -1, -1):
        token, offset = tokens[index]
        if token == ",":
            # "Minister of Culture, Media and Sport": a list inside the title ends in "and".
            list_item = bool(run) and _capitalised(run[0])
            if list_item and "and" in run and index > 0 and _capitalised(tokens[index - 1][0]):
                run.insert(0, token)
                continue
            stopped_at_comma = True
            break
        if not any(c.isalpha() for c in token):
            break  # a dash, a number: "TEHRAN - Iranian Ambassador to Cuba Ali Chegeni"
        if (
            _capitalised(token)
            or _allowed_lower(token)
            or _premodifier(token, offset, run, nominal)
            or _role_object(tokens, index, offset, nominal)
        ):
            run.insert(0, token)
            continue
        break
    honorific = bool(run) and run[-1] in HONORIFICS
    while run and (run[-1] in HONORIFICS or run[-1] == ","):
        run.pop()  # "Leader of the Islamic Revolution Ayatollah Ali Khamenei"
    while run and (run[0].lower() in _JOINERS or run[0] in ("A", "An", "The", ",", *_OPENERS)):
        if run[0] == "Sunday" and len(run) > 1 and run[1] in _SUNDAY_PAPERS:
            break  # "Sunday Telegraph journalist Robert Peston": a paper's name
        run.pop(0)
    if run and run[-1].lower() in _JOINERS:
        return None  # "unlike the prime minister and Alastair Campbell": another's title
    if not any(_role_word(t) for t in run):
        if stopped_at_comma and not run and (honorific or not bare_surname):
            # A title set off by commas: "LTA chief executive, John Crowther, added",
            # "A spokesman for DLF Builders, Dr Vancheshwar, told"; not "one of his MPs,
            # Robert Jackson, a former minister": a plural role is the group's.
            head = window[: window.rstrip().rfind(",")]
            title = title_before(head, nominal=nominal)
            one_of_a_group = title and _plural_role(title.split()[-1].lower())
            return None if one_of_a_group and _ONE_OF.search(head[-80:]) else title
        return None
    if bare_surname and not _role_word(run[-1]):
        return None  # "Tony Blair" mentioned as "Blair": "Tony" is no title
    return _joined(run)


def _premodifier(
    token: str, offset: int, run: list[str], nominal: Callable[[int], bool] | None
) -> bool:
    """A lower-case noun or adjective right in front of a role or of another such word:
    "environment" in "BBC environment correspondent", "operations" in "chief operations
    officer". Never after a joiner ("rise in interest rates analyst" stops at "in")."""
    if nominal is None or not run or not token.islower() or not nominal(offset):
        return False
    right = run[0].lower()
    return _role_word(right) or right in _MODIFIERS or (right.islower() and right not in _JOINERS)


def _role_object(
    tokens: list[tuple[str, int]], index: int, offset: int, nominal: Callable[[int], bool] | None
) -> bool:
    """A lower-case noun that a role's "for" or "of" governs: "women" in "deputy minister
    for women", "sport" in "minister for sport"."""
    if nominal is None or not tokens[index][0].islower() or not nominal(offset):
        return False
    for back in (1, 2):
        if index - back - 1 < 0:
            return False
        word = tokens[index - back][0]
        if word in ("for", "of") and _role_word(tokens[index - back - 1][0]):
            return True
        if not (word.islower() and nominal(tokens[index - back][1])):
            return False
    return False


def _joined(tokens: list[str]) -> str:
    return " ".join(tokens).replace(" ,", ",")


def title_after(text: str) -> str | None:
    """The appositive title right after a name: ", the new head of IMIDRO," or ", Commerce
    and Industry Minister,"; commas inside it are kept while the parts are a list of
    capitalised words ending in one with "and"."""
    match = _AFTER.match(text)
    if match is None:
        return None
    # "Edward Leigh, who is chairman of the Commons public accounts committee,"
    phrase = re.sub(r"^who (?:is|was) (?:the |a |an )?", "", match.group(1))
    if end := _AFTER_END.search(phrase):
        phrase = phrase[: end.start()]
    parts = [p.strip() for p in phrase.split(",")]
    title = parts[0]
    for part in parts[1:]:
        if any(_role_word(w) for w in title.split()):
            break
        if not all(_capitalised(w) or w in _JOINERS for w in part.split()):
            break
        title = f"{title}, {part}"
    words = title.split()
    if not words or not any(_role_word(w) for w in words):
        return None
    if words[0].lower() in ("who", "whose", "which", "that", "where", "when", "and", "but"):
        return None
    if words[0].lower() in ("of", "from", "at", "in", "for"):
        return None  # "Martin Ward, of the Secondary Heads Association": where, not a role
    return title


def title_from_text(
    name: str,
    article: str,
    others: Iterable[str] = (),
    *,
    nominal: frozenset[int] | None = None,
) -> str | None:
    """The title the article puts right before a mention of ``name`` ("Deputy Minister
    Roman Chekushov") or right after it ("Mohammad Aghajanlou, the new head of IMIDRO").

    A title that runs into another person's name ("Minister X and Minister of Industry
    Y") keeps only what follows it. A plural role before a list of names is each one's
    ("former outside directors James Allen, Judith Areen and Carl Aycock"); a singular
    one is the first name's only ("Chancellor Gordon Brown and John Prescott").
    ``nominal``: where the article's nouns and adjectives start (``nominal_words``),
    if already known. Where no mention of the full name has one, the appositive after
    a later "Mr Baker," is the title ("Mr Baker, the Lib Dem environment spokesman"), or
    the role before a "Lord Callaghan" ("Former Labour prime minister Lord Callaghan").
    """
    bare = len(name.split()) < 2
    others = sorted(others, key=len, reverse=True)
    nouns = nominal_words(article) if nominal is None else nominal
    for span in mentions(name, article):
        # Within the mention's own sentence: "... Pakistan and Egypt.\n\nBoard chief
        # executive Willy Mutai" is titled "Board chief executive".
        sentence = _sentence_before(article, span.start)
        opening = span.start - len(sentence)
        found: list[str | None] = []
        # (window, where it starts in the article): before a list of names, or after them.
        listed = _before_a_list(sentence, others)
        latest = _after_other_names(sentence, others)
        windows = [(listed, opening)] if listed else []
        windows.append((latest, span.start - len(latest)))
        for window, start in windows:
            title = title_before(window, bare_surname=bare, nominal=_at(nouns, start))
            if window is listed and title and not _plural_role(title.split()[-1].lower()):
                title = None
            found.append(title)
        if not bare:
            found.append(title_after(article[span.end : span.end + 240]))
            # "Ian MacDonald QC quit", "Joe Bloggs MP said": letters after the name.
            if letters := _POST_NOMINAL.match(article, span.end):
                found.append(letters.group(1))
        for title in found:
            if title:
                return title
    if not bare:
        return _title_by_honorific(name, article, others, nouns)
    return None


_BY_SURNAME = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Lord", "Lady")
_POST_NOMINAL = re.compile(rf"\s+({'|'.join(SEATS_AND_RANKS)})\b")


_ARTICLE_AFTER = re.compile(r",\s+(?:\d{1,3},\s+)?(?:the|a|an)\s")


def _title_by_honorific(
    name: str, article: str, others: Iterable[str], nouns: frozenset[int]
) -> str | None:
    """The title of a mention by honorific and surname: before it ("Former Labour prime
    minister Lord Callaghan", "Shadow Europe minister Mr Brady") or the appositive after
    it ("Mr Baker, the Lib Dem environment spokesman, said" of Norman Baker). After it,
    only a noun phrase opened by "the" or "a": after "Mr Blair," an aside is as likely
    ("speaking with ..."). Not where another person of the article, named in full, has
    that surname too."""
    surname = name.split()[-1]
    if any(
        o != name and len(o.split()) > 1 and o.split()[0] not in HONORIFICS
        and o.split()[-1] == surname
        for o in others
    ):  # fmt: skip
        return None
    if _two_sexes(surname, article):
        # "Mrs Blair" and "Mr Blair": which of them "Labour leader Mr Blair" is, only a
        # given name's sex would tell; better no title than a spouse's office.
        return None
    for honorific in _BY_SURNAME:
        for match in re.finditer(rf"\b{honorific}\.? {re.escape(surname)}\b", article):
            window = _after_other_names(_sentence_before(article, match.start()), others)
            start = match.start() - len(window)
            # Only a phrase ending on a role: "Earlier Conservative" is a side, no title.
            before = title_before(window, bare_surname=True, nominal=_at(nouns, start))
            if before:
                return before
            after = article[match.end() : match.end() + 240]
            if _ARTICLE_AFTER.match(after) and (title := title_after(after)):
                return title
    return None


def _two_sexes(surname: str, article: str) -> bool:
    """Whether the article calls both a man and a woman by ``surname`` with an honorific."""
    said = {m.group(1) for m in re.finditer(rf"\b(\w+)\.? {re.escape(surname)}\b", article)}
    return bool(said & _HIS) and bool(said & _HERS)


_HIS, _HERS = frozenset({"Mr", "Lord", "Sir"}), frozenset({"Mrs", "Ms", "Miss", "Lady", "Dame"})


def _sentence_before(article: str, start: int) -> str:
    """The words of ``start``'s sentence before it (up to 240 characters)."""
    return _SENTENCE_END.split(article[max(0, start - 240) : start])[-1]


def _at(offsets: frozenset[int], start: int) -> Callable[[int], bool]:
    """Whether a window's offset, the window starting at ``start``, is in ``offsets``."""
    return lambda offset: start + offset in offsets


def _before_a_list(window: str, others: list[str]) -> str | None:
    """What stands before a list of other names that ``window`` ends in ("former outside
    directors " of "former outside directors A, B and "), or None when it ends in none."""
    rest, skipped = window, 0
    while (joint := re.search(r"(?:,|,?\s+and)\s*$", rest)) is not None:
        head = rest[: joint.start()]
        other = next((o for o in others if head.endswith(o)), None)
        if other is None:
            break
        rest, skipped = head[: -len(other)], skipped + 1
    return rest if skipped else None


def mentions(name: str, article: str) -> Iterator[Span]:
    """Every place the article names ``name``, in order."""
    start = 0
    while (span := locate(name, article, start=start)) is not None and span.start >= start:
        yield span
        start = span.end


def _after_other_names(window: str, others: Iterable[str]) -> str:
    """The words after the last other person's name in ``window``."""
    for other in others:
        position = window.rfind(other)
        if position >= 0:
            window = window[position + len(other) :]
    return window


def without_honorifics(title: str) -> str:
    """A title without the honorifics a model may copy with it ("Leader ... Ayatollah");
    a judge's style keeps its own ("Lord Justice", "Mr Justice")."""
    words = title.split()
    kept = [
        w for i, w in enumerate(words)
        if w not in HONORIFICS or words[i + 1 : i + 2] == ["Justice"]
    ]  # fmt: skip
    return " ".join(kept)
