"""Checks on what the model writes in its own words: a statement must be whole, say only
what its evidence says, and be news rather than our instructions; and, when it is not,
the evidence itself, trimmed at a clause boundary, takes its place.

Used for the summary's headline, lede and key points, and for event descriptions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from wordfreq import zipf_frequency

from summarizer._cues.countries import country_code, country_words
from summarizer._cues.numbers import states_value
from summarizer._cues.quantities import number_candidates
from summarizer._cues.recogniser import phrasing
from summarizer._grounding import CLOSERS, fold

# A statement that ends on one of these was cut: "... for completion by".
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as than that which who whom "
    "whose this these those its their his her our your my is are was were be been being "
    "has have had do does did will would shall should can could may might must into onto "
    "over under about after before during between among through per via not no "
    # Words that always need what follows them: "... for another year, according".
    "according including because whether although unless whereas despite amid towards "
    "toward".split()
)
_WORD = re.compile(r"[\w'\u2019-]+")
_NAME = re.compile(
    r"\b[A-Z][\w'\u2019-]*(?:\s+(?:of|and|de|la|del|al|van|von)?\s*[A-Z][\w'\u2019-]*)*"
)
_DIGITS = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def cut_off(text: str, article: str) -> str | None:
    """Why ``text`` reads as cut (mid-word, after a function word, on a comma), or None."""
    stripped = text.strip()
    if not stripped:
        return "it is empty"
    if stripped[-1] in ",;:-(\u2013\u2014":
        return f"it ends on {stripped[-1]!r}: cut off"
    found = words(stripped)
    if not found:
        return "it has no words"
    last = found[-1]
    if last.lower() in FUNCTION_WORDS and not _ends_as_the_article_does(stripped, article):
        return f"it ends on {last!r}: cut off"
    if _a_broken_word(last, article):
        return f"it ends on {last!r}, cut mid-word"
    return None


def _ends_as_the_article_does(text: str, article: str) -> bool:
    """A statement that ends a sentence with the words a sentence of the article ends
    with ("... traumatised her.", "... his radio phone in."): whole, though its last
    word is one a cut would end on."""
    if text[-1] not in f".!?{CLOSERS}":
        return False
    tail = words(text)[-2:]
    pattern = r"\W+".join(re.escape(w) for w in tail)
    # The stop may follow a closing quote: '... feels "particularly indebted to".'
    return (
        re.search(rf"\b{pattern}[\s{re.escape(CLOSERS)}]*[.!?]", article, re.IGNORECASE) is not None
    )


def _a_broken_word(word: str, article: str) -> bool:
    """A last word that is not in the article but begins one of its words ("ph" of
    "pharmaceuticals"), or is no English word at all ("metallür")."""
    if any(character.isdigit() for character in word):
        return False
    if re.search(rf"\b{re.escape(word)}\b", article, re.IGNORECASE):
        return False
    if re.search(rf"\b{re.escape(word)}\w", article, re.IGNORECASE):
        return True
    return zipf_frequency(_POSSESSIVE.sub("", word).lower(), "en") < 2.5


def unsupported(text: str, evidence: str) -> list[str]:
    """The names and numbers of ``text`` that ``evidence`` does not state: names compared
    folded (a country's adjective is its name: "Russian" in "Russia ..."), numbers by
    value ("145,000" ~ "145 thousand")."""
    missing = [name for name in _names(text) if not _stated(name, evidence)]
    for candidate in number_candidates(text):
        if _DIGITS.search(candidate.surface) and not states_value(evidence, candidate.value):
            missing.append(candidate.surface)
    return missing


def states_its_sentence(text: str, sentence: str) -> bool:
    """Whether most of ``text``'s content words are ``sentence``'s (plural and tense
    endings loosened): a statement may leave words out and rephrase a few, but one that
    names no number or name its sentence lacks while saying another sentence's fact
    ("Any profits would depend on the outcome of legal cases" for "The firm said it
    would only break even") passes the check on names and numbers and fails this one.
    A statement that rewords most of its sentence ("axe 500 posts" for "cut 500 jobs")
    fails it too: it is asked again, and after the last re-ask its sentence stands."""
    return word_share(text, sentence) >= _STATES


def word_share(text: str, other: str) -> float:
    """The share of ``text``'s content words that ``other`` has, endings loosened (1.0
    when ``text`` has none)."""
    own = {_stem(w) for w in content_words(text)}
    if not own:
        return 1.0
    return len(own & {_stem(w) for w in content_words(other)}) / len(own)


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry its content: folded, possessives dropped, without
    function words and one- and two-letter words (numbers count whatever their length)."""
    found = (w.lower().removesuffix("'s").removesuffix("\u2019s") for w in _TOKEN.findall(text))
    return {
        w
        for w in found
        if w not in FUNCTION_WORDS and w not in _COMMON and (len(w) > 2 or w[0].isdigit())
    }


def _stem(word: str) -> str:
    """``word`` without a plural or tense ending and a final "e", so that a word's forms
    meet: "prices" and "price", "rates", "rated" and "rating", "taxes" and "tax"."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    base = word.rstrip("e")
    return base if len(base) >= 3 else word


_STATES = 0.5
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019-]*|\d+(?:[.,]\d+)*%?")
# Words too common to tell two sentences apart, besides the function words.
_COMMON = frozenset("said says say told also more than".split())


def _names(text: str) -> list[str]:
    """The capitalised words of ``text`` that name something: not the common word that
    opens a sentence ("The", "Officials")."""
    names = []
    for match in _NAME.finditer(text):
        name = _POSSESSIVE.sub("", match.group()).strip()
        opens = match.start() == 0 or text[: match.start()].rstrip().endswith((".", ":", '"'))
        if opens and " " not in name and zipf_frequency(name.lower(), "en") >= 4.0:
            continue
        if name:
            names.append(name)
    return names


def _stated(name: str, evidence: str) -> bool:
    folded = fold(evidence)
    if all(re.search(rf"\b{re.escape(fold(word))}", folded) for word in name.split()):
        return True
    code = country_code(name)
    return code is not None and any(country_code(w) == code for w in country_words(evidence))


def copies(text: str, instructions: Iterable[str], article: str) -> bool:
    """Whether ``text`` repeats our own instructions (five words in a row that the
    instructions have and the article does not)."""
    mine = _shingles(fold(text))
    theirs = set().union(*(_shingles(fold(i)) for i in instructions))
    return bool((mine & theirs) - _shingles(fold(article)))


@functools.lru_cache(maxsize=256)
def _shingles(text: str, size: int = 5) -> frozenset[tuple[str, ...]]:
    found = [w.lower() for w in _WORD.findall(text)]
    return frozenset(tuple(found[i : i + size]) for i in range(len(found) - size + 1))


# Where a long sentence can stop and still be whole: before a clause that adds to it.
# Not before ", the ...": after an opening phrase that comma starts the main clause
# ("Speaking to Marie Claire, the 54-year-old said ..."), and after a name an apposition
# ("Locke, the former Hearts boss, ..."); cutting there leaves a fragment.
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:which|who|where|while|whereas|although|though|but|and|as|according|after|"
    r"before|when|saying|adding|with|including)\b)|;\s+|\s+(?:-|\u2013|\u2014)\s+"
)


def trimmed(sentence: str, max_words: int) -> str:
    """``sentence`` whole when it has at most ``max_words`` words; else cut at the last
    clause boundary that leaves it at most that long (the first one if none does), ended
    with a full stop. Never mid-clause, never mid-word, and never to a part without a
    verb: the whole sentence, however long, rather than a fragment."""
    sentence = sentence.strip()
    if len(words(sentence)) <= max_words:
        return sentence
    cuts = [
        m.start()
        for m in _CLAUSE_BREAK.finditer(sentence)
        if len(words(sentence[: m.start()])) >= 4
        and has_a_finite_verb(sentence[: m.start()])
        # "... is now 10 and, according to his jockey, ...": the break is inside a clause.
        and words(sentence[: m.start()])[-1].lower() not in FUNCTION_WORDS
    ]
    fitting = [c for c in cuts if len(words(sentence[:c])) <= max_words]
    if not cuts:
        return sentence
    end = fitting[-1] if fitting else cuts[0]
    return sentence[:end].rstrip(" ,;:-\u2013\u2014") + "."


def through(sentence: str, offset: int) -> str:
    """``sentence`` up to the first clause boundary after ``offset`` (a position in it)
    where what stays is a clause, ended with a full stop; whole when there is none: the
    shortest whole statement that still holds what stands at ``offset``."""
    sentence = sentence.strip()
    for m in _CLAUSE_BREAK.finditer(sentence):
        kept = sentence[: m.start()]
        whole = has_a_finite_verb(kept) and words(kept)[-1].lower() not in FUNCTION_WORDS
        if m.start() >= offset and whole:
            return kept.rstrip(" ,;:-\u2013\u2014") + "."
    return sentence


def shortened(text: str, max_words: int) -> str:
    """``text`` at a clause boundary within ``max_words`` words if it has one, else its
    first ``max_words`` words without the function words a cut would end on: for a
    headline, which must be short whatever the sentence. The words keep what stands
    between them in ``text`` ("13%", "$8.5bn")."""
    text = trimmed(text, max_words).rstrip(".")
    found = list(_WORD.finditer(text))
    if len(found) <= max_words:
        return text
    kept = found[:max_words]
    while len(kept) > 3 and kept[-1].group().lower() in FUNCTION_WORDS:
        kept.pop()
    end = kept[-1].end()
    if end < len(text) and text[end] in "%":
        end += 1
    return text[:end].rstrip(" ,;:-\u2013\u2014")


# Who said it, at a sentence's end (", the Tea Board of Kenya said on Monday",
# ", according to the ministry") or its start ("According to the ministry, "): a headline
# states the news, not its source.
_SOURCE_AFTER = re.compile(
    r",\s+(?:according\s+to\b|(?:[^,]{2,80}?\s+)?(?:said|says|say|reported|reports|announced|"
    r"announces|added|adds|noted|notes|told)\b)",
    re.IGNORECASE,
)
_SOURCE_BEFORE = re.compile(
    r"^(?:according\s+to|as\s+reported\s+by)\s[^,]{2,80},\s+", re.IGNORECASE
)


def headline_of(text: str, max_words: int) -> str:
    """A headline made of ``text``'s own words, at most ``max_words`` long: without its
    source, then without the phrases a clause can lose (the last first, a phrase without
    a name or number before one with), and only if that is not enough, cut as
    ``shortened`` cuts. "Iran's copper cathode production surged by 12 percent in the
    first half of the current Iranian calendar year (...), according to ..." becomes
    "Iran's copper cathode production surged by 12 percent in the first half"."""
    text = text.strip().rstrip(".")
    if found := _SOURCE_BEFORE.match(text):
        rest = text[found.end() :]
        text = rest[:1].upper() + rest[1:]
    found = _SOURCE_AFTER.search(text)
    if found and len(words(text[: found.start()])) >= 3 and has_a_verb(text[: found.start()]):
        text = text[: found.start()]
    if len(words(text)) <= max_words:
        return text
    kept = _without_phrases(text, max_words)
    return kept if len(words(kept)) <= max_words else shortened(text, max_words)


def _without_phrases(text: str, max_words: int) -> str:
    """``text`` without optional phrases, dropped one at a time, until it is within
    ``max_words`` and ends on a noun, name or number; ``text`` itself when no sequence of
    drops gets there."""
    parsed = phrasing(text)
    removed: list[tuple[int, int]] = []
    pending = parsed.optional
    while True:
        pending = [p for p in pending if not any(a <= p[0] and p[1] <= b for a, b in removed)]
        if not pending:
            return text
        after = {p: _leaving(text, [*removed, p]) for p in pending}
        fitting = [
            p
            for p in pending
            if 3 <= len(words(after[p][0])) <= max_words and after[p][1] in parsed.noun_ends
        ]
        if fitting:  # the one that fits losing the fewest names, the last of them
            choice = min(fitting, key=lambda p: (_names_in(text[p[0] : p[1]]), -p[0]))
            return after[choice][0]
        # Not yet: the last phrase without a name goes, else the last phrase.
        choice = min(pending, key=lambda p: (_names_in(text[p[0] : p[1]]) > 0, -p[0]))
        removed.append(choice)


def _leaving(text: str, removed: list[tuple[int, int]]) -> tuple[str, int]:
    """``text`` without the spans ``removed``, its punctuation mended (no unpaired or
    empty brackets, no comma before another or at the end), and where in ``text`` what
    is left ends."""
    kept = list(text)
    for start, end in removed:
        kept[start:end] = [""] * (end - start)
    last = max((i + 1 for i, c in enumerate(kept) if c.isalnum() or c == "%"), default=0)
    joined = _balanced("".join(kept))
    joined = re.sub(r"\(\s*\)|\[\s*\]", "", joined)
    joined = re.sub(r"\s+([,;:.)])", r"\1", joined)
    joined = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", joined)
    joined = re.sub(r"\s{2,}", " ", joined)
    return joined.strip().rstrip(" ,;:-\u2013\u2014"), last


def _balanced(text: str) -> str:
    """``text`` without the brackets a removed phrase left unpaired."""
    unpaired: list[int] = []
    opened: list[int] = []
    for index, character in enumerate(text):
        if character in "([":
            opened.append(index)
        elif character in ")]":
            if opened:
                opened.pop()
            else:
                unpaired.append(index)
    drop = set(unpaired + opened)
    return "".join(c for i, c in enumerate(text) if i not in drop)


def _names_in(text: str) -> int:
    """How many names and numbers a phrase holds: what a headline should keep."""
    return len(_names(text)) + len(_DIGITS.findall(text))


# Words that make a headline a statement rather than a label: verbs of news, and the
# endings of inflected verbs.
_VERBS = frozenset(
    """
    is are was were be been has have had will would can could may might must should
    say says said tell tells told announce announces announced agree agrees agreed sign
    signs signed meet meets met visit visits visited discuss discusses discussed plan
    plans planned launch launches launched open opens opened close closes closed cut cuts
    rise rises rose fall falls fell grow grows grew drop drops dropped jump jumps jumped
    surge surges surged climb climbs climbed slump slumps slumped win wins won lose loses
    lost beat beats face faces faced seek seeks sought urge urges urged warn warns warned
    call calls called ban bans banned back backs backed buy buys bought sell sells sold
    hit hits set sets make makes made take takes took give gives gave get gets got go
    goes went come comes came see sees saw leave leaves left keep keeps kept hold holds
    held pay pays paid name names named charge charges charged kill kills killed die dies
    died reach reaches reached boost boosts boosted expand expands expanded reject
    rejects rejected approve approves approved raise raises raised lift lifts lifted end
    ends ended start starts started begin begins began build builds built produce
    produces produced export exports exported import imports imported invest invests
    invested join joins joined quit quits step steps stepped resign resigns resigned
    deny denies denied admit admits admitted claim claims claimed target targets
    targeted eye eyes eyed mull mulls weigh weighs weighed vow vows vowed pledge pledges
    pledged""".split()
)


def has_a_finite_verb(text: str) -> bool:
    """Whether ``text`` can stand as a clause: a verb of the list, or a past tense; not
    only a participle ("Speaking in the latest issue, the 54-year-old") nor a compound
    adjective ("career-oriented")."""
    return has_a_verb(text, participles=False)


def has_a_verb(text: str, *, participles: bool = True) -> bool:
    """Whether ``text`` holds a verb: one of the list, or an inflected form ("surged",
    and with ``participles`` "rising", "privatises")."""
    endings = ("ed", "ing", "ises", "izes") if participles else ("ed",)
    return any(
        word in _VERBS
        or (len(word) > 4 and word.endswith(endings) and (participles or "-" not in word))
        for word in words(text.lower())
    )
