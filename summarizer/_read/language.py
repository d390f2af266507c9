"""Which language an article is written in: by script, then by its most common words.

The prompts are English and the embedded model is small, so an article in another
language is refused with a clear reason unless the user allows that language. Detection
is cheap and deterministic: the writing system first (Cyrillic, Arabic, Han, ...), then,
for Latin script, which language's function words ("the", "de", "der", "и") make up most
of the text. Fewer than twenty words is too little to tell; such text counts as English.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter

from wordfreq import zipf_frequency

# The most frequent function words of each language: a text is mostly made of them.
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for on with as was by it at from said his are be has",
    "es": "de la que el en y los del se las por un para con una su al es lo como más",
    "pt": "de a o que e do da em um para com não uma os no se na por mais as dos",
    "fr": "de la le et les des en un du une que est pour qui dans par plus pas sur au",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine",
    "it": "di e il la che in a per un del della è non si le con da una al sono",
    "nl": "de van het een en in is dat op te zijn voor met die niet aan er om ook",
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena",
    "tr": "ve bir bu da de için ile olarak olan en çok gibi daha sonra ancak kadar",
    "pl": "i w na z że do się nie jest to o jak od po za przez ale czy",
}
_SETS = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}
# Writing systems that name their language well enough for this purpose.
_SCRIPTS = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "GREEK": "el",
    "HEBREW": "he",
    "DEVANAGARI": "hi",
    "THAI": "th",
}
LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
    "it": "Italian", "nl": "Dutch", "id": "Indonesian", "tr": "Turkish", "pl": "Polish",
    "ru": "Russian (Cyrillic)", "ar": "Arabic", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "el": "Greek", "he": "Hebrew", "hi": "Hindi", "th": "Thai",
    "und": "a language it cannot tell",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FEWEST_WORDS = 20
# In running text of any of these languages, its function words are a fifth or more of
# the words; under this share, the text is in none of them.
_LEAST_SHARE = 0.08


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is mostly written in ("en" when unsure)."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "en"
    scripts = Counter(_script(c) for c in letters)
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count > len(letters) / 2:
        return _SCRIPTS.get(script, "und")
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < _FEWEST_WORDS:
        return "en"
    hits = {language: sum(w in common for w in words) for language, common in _SETS.items()}
    best = max(hits, key=lambda language: hits[language])
    if hits[best] < _LEAST_SHARE * len(words):
        # Few function words at all: a table or a list (English if its words are), or
        # running text in a language not listed here (Welsh, say).
        english = sum(zipf_frequency(w, "en") >= 3.0 for w in words) / len(words)
        return "en" if english >= 0.5 else "und"
    return best if hits[best] > hits["en"] * 1.2 else "en"


def _script(character: str) -> str:
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


@functools.lru_cache(maxsize=64)
def scripts_of(text: str) -> frozenset[str]:
    """The writing systems of ``text``'s letters ("LATIN", "CJK", "CYRILLIC", ...)."""
    return frozenset(_script(c) for c in set(text) if c.isalpha())


def foreign_words(text: str, article: str) -> list[str]:
    """The runs of letters in ``text`` written in a script the article never uses: a small
    model drifts into another language mid-sentence ("held a series of bilateral会议")."""
    known = scripts_of(article)
    runs: list[str] = []
    for word in _LETTERS.findall(text):
        # Letters of one script together: "bilateral会议" is "bilateral" and "会议".
        for script, letters in itertools.groupby(word, key=_script):
            if script not in known:
                runs.append("".join(letters))
    return runs


def without_foreign_words(text: str, article: str) -> str:
    """``text`` with those runs taken out."""
    for run in foreign_words(text, article):
        text = text.replace(run, " ")
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text))
    return text.strip(" ,;:-")


_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
