"""Names that look like organisations', and the acronyms an article defines for them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from summarizer._cues.countries import country_code
from summarizer._cues.names import ORGANISATION_WORDS

_ACRONYM_EXPANSION = re.compile(
    r"([A-Z][\w'\u2019-]*(?:\s+[\w'\u2019-]+){1,12}?)\s+\(([A-Z]{2,10})\)"
)


def organisation_candidates(article: str, names: Iterable[str], people: Iterable[str]) -> list[str]:
    """Names that look like organisations': defined acronyms with their expansions, and
    capitalised names with an organisation word ("Mining Investment Insurance Fund")."""
    found: dict[str, None] = {}
    expansions = acronym_expansions(article)
    for acronym, expansion in expansions.items():
        found[f"{expansion} ({acronym})"] = None
    taken = " ".join(found)
    dateline = re.match(r"\s*[A-Z\u00c0-\u00de .'-]*", article)
    leading = dateline.group(0) if dateline else ""
    for name in names:
        if any(p in name for p in people) or name in taken or country_code(name):
            continue
        if any(expansion in name for expansion in expansions.values()):
            continue  # "Head of <the expansion>": the expansion is listed already
        if name.isupper() and name in leading:
            continue  # the dateline's place (TEHRAN, MOSCOW)
        is_acronym = name.isupper() and " " not in name and 1 < len(name) <= 8
        if (ORGANISATION_WORDS.search(name) and " " in name) or is_acronym:
            found.setdefault(name, None)
    return list(found)


@functools.lru_cache(maxsize=32)
def acronym_expansions(article: str) -> dict[str, str]:
    """Acronyms the article defines, as in "... Renovation Organization (IMIDRO)"."""
    expansions = {}
    for match in _ACRONYM_EXPANSION.finditer(article):
        words, acronym = match.group(1).split(), match.group(2)
        # Keep the shortest tail of capitalised words that starts with the acronym's letter.
        for start in range(len(words)):
            if words[start][0] == acronym[0] and words[start][0].isupper():
                expansions[acronym] = " ".join(words[start:])
                break
    return expansions
