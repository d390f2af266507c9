"""Measures of a summary: ROUGE against a reference, the Lead-3 baseline on the same
article, the key facts it names, and how faithful its statements are.

ROUGE is Google's rouge-score (stemmed, F1; Lsum over sentences split at end punctuation),
as the FRANK and CNN/DailyMail literature reports it. It is an optional dependency:
``pip install 'news-summarizer[eval]'``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from summarizer._errors import ConfigurationError
from summarizer._grounding import fold
from summarizer._read.article import body_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@functools.cache
def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise ConfigurationError(
            "ROUGE needs rouge-score: pip install 'news-summarizer[eval]'"
        ) from None
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def rouge(reference: str, statements: Iterable[str]) -> dict[str, float]:
    """ROUGE-1/2/Lsum F1 of ``statements`` (one per line) against ``reference``."""
    target = "\n".join(s for s in _SENTENCE_END.split(reference.strip()) if s)
    prediction = "\n".join(s.strip() for s in statements if s.strip())
    scores = _scorer().score(target, prediction)
    return {name: float(scores[name].fmeasure) for name in ROUGE_TYPES}


def lead(article: str, count: int) -> list[str]:
    """The article's first ``count`` sentences (of its body: not its title line): the
    baseline every news summariser is measured against (Lead-3)."""
    return [span.text for span in body_sentences(article)[:count]]


def named(fact: str, text: str) -> bool:
    """Whether ``text`` names a key fact: all its words, folded, with plurals and
    possessives loosened ("memorandum of understanding", "copper cathodes")."""
    have = {_stem(word) for word in re.findall(r"[\w'\u2019-]+", fold(text))}
    wanted = [_stem(word) for word in re.findall(r"[\w'\u2019-]+", fold(fact))]
    return bool(wanted) and all(word in have for word in wanted)


def _stem(word: str) -> str:
    return re.sub(r"(?:'s|\u2019s|es|s)$", "", word.replace(",", ""))
