"""Which sentences a three-statement summary should state: the lead, or the novel ones.

    python bench/summary_selection.py [--split valid] [--gold DIR:ARTICLES ...]

No model is called. Each rule picks three of an article's first 12 sentences (each
trimmed at 30 words, as a key point is bounded) and is scored two ways:
- ROUGE-1/2/Lsum against FRANK's CNN/DailyMail highlights (tune on ``valid``);
- the share of a gold set's ``key_facts`` the three sentences name (``named``, as
  ``summarize eval`` counts them).

Rules:
- ``lead``: sentences 1, 2, 3 (Lead-3);
- ``lead-2 + novel``: sentences 1 and 2, then the sentence that adds most content words
  and numbers the first two do not have;
- ``lede + 2 novel``: sentence 1, then twice the sentence that adds most;
- each ``novel`` rule also with a position prior (``/ (1 + 0.15 * index)``);
- ``news + figure``: what the summary section lists and proposes
  (``sections/_news.py``): the first three sentences that carry news (not protocol, not
  a repeat, not mostly a quotation), then the first later listed sentence holding a
  quantity they lack, up to the clause that holds it, when that is at most 30 words;
- ``news + figure`` and one more point: the next listed sentence (always, or only while
  the summary stays within 80 words), or the one whose new words the article repeats
  most: what a fourth point buys in key facts and costs in ROUGE.
It asks whether a key point chosen for what the lead does not say would name the
samples' late key facts without costing ROUGE on news whose lead says it all.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer._cues.quantities import number_candidates
from summarizer._cues.quotes import quoted_passages
from summarizer._eval.summaries import named, rouge
from summarizer._grounding import Span
from summarizer._read.article import body_sentences
from summarizer.sections._news import figure_point, figure_sentence, news_sentences
from summarizer.sections._statements import content_words, trimmed

ROOT = Path(__file__).resolve().parent.parent
FRANK = ROOT.parent / "shared" / "eval" / "frank_cnndm_xsum_summaries.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
GOLD = [
    f"{ROOT / 'fixtures' / 'gold'}:{ROOT / 'fixtures' / 'articles'}",
    f"{ROOT / 'bench' / 'gold-bbc' / 'held-out-5'}:{CORPUS}",
    f"{ROOT / 'bench' / 'gold-bbc' / 'read-7'}:{CORPUS}",
]
LISTED, WORDS, STATEMENTS = 12, 30, 3
_STOP = frozenset(
    "the a an of in on at to for and or but with by from as is are was were be been has "
    "have had will would that this these those it its their his her he she they we you "
    "said says say told also not more than after before over into about".split()
)

Rule = Callable[[list[str]], list[int]]


def _content(sentence: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w'\u2019-]*|\d[\d,.]*%?", sentence)
    folded = {w.lower().removesuffix("'s").removesuffix("\u2019s") for w in words}
    return {w for w in folded if w and w not in _STOP and (len(w) > 2 or w[0].isdigit())}


def _novel(first: int, *, prior: bool) -> Rule:
    """The first ``first`` sentences, then each time the one that adds most."""

    def rule(sentences: list[str]) -> list[int]:
        listed = sentences[:LISTED]
        chosen = list(range(min(first, len(listed))))
        while len(chosen) < min(STATEMENTS, len(listed)):
            have = set().union(*(_content(listed[i]) for i in chosen))

            def gain(index: int, have: set[str] = have) -> float:
                new = _content(listed[index]) - have
                score = len(new) + 2 * sum(w[0].isdigit() for w in new)
                return score / (1 + 0.15 * index) if prior else score

            rest = [i for i in range(len(listed)) if i not in chosen]
            chosen.append(max(rest, key=gain))
        return chosen

    return rule


RULES: dict[str, Rule | str] = {
    "lead": lambda sentences: list(range(min(STATEMENTS, len(sentences)))),
    "lead-2 + novel": _novel(2, prior=False),
    "lead-2 + novel, position prior": _novel(2, prior=True),
    "lede + 2 novel": _novel(1, prior=False),
    "lede + 2 novel, position prior": _novel(1, prior=True),
    "news + figure": "news",
    "news + figure + next news": "next",
    "news + figure + next news within 80 words": "next80",
    "news + figure + most repeated": "repeated",
}


def _news_and_figure(text: str, more: str = "") -> list[str]:
    """As the summary section lists and proposes: three news sentences, then the figure's
    sentence up to the clause that holds its figure, when that is at most 30 words. With
    ``more``, one more point: the next listed sentence (``next``; ``next80`` only while
    the summary stays within 80 words), or the listed sentence whose new content words the
    article repeats most (``repeated``: a term the article keeps returning to)."""
    spans, figures = body_sentences(text), number_candidates(text)
    listed = news_sentences(spans, figures, LISTED, list(quoted_passages(text)))
    chosen = listed[:STATEMENTS]
    picked = [trimmed(spans[n - 1].text, WORDS) for n in chosen]
    figure = figure_sentence(spans, listed, STATEMENTS, figures)
    if figure is not None:
        stated = [spans[n - 1] for n in chosen]
        if point := figure_point(spans[figure - 1], stated, figures, WORDS):
            picked.append(point)
            chosen = [*chosen, figure]
    rest = [n for n in listed if n not in chosen]
    if more and rest:
        extra = rest[0] if more != "repeated" else _most_repeated(spans, rest, chosen)
        point = trimmed(spans[extra - 1].text, WORDS)
        if more != "next80" or len(" ".join([*picked, point]).split()) <= 80:
            picked.append(point)
    return picked


def _most_repeated(spans: list[Span], rest: list[int], chosen: list[int]) -> int:
    """Of ``rest``, the sentence whose content words that the ``chosen`` sentences lack
    the article uses most often (each counted beyond its first use)."""
    counts = Counter(w for span in spans for w in content_words(span.text))
    have = set().union(*(content_words(spans[n - 1].text) for n in chosen))

    def repeated(number: int) -> int:
        new = content_words(spans[number - 1].text) - have
        return sum(counts[w] - 1 for w in new)

    return max(rest, key=repeated)


def _picked(rule: Rule | str, text: str) -> list[str]:
    if isinstance(rule, str):
        return _news_and_figure(text, "" if rule == "news" else rule)
    sentences = [span.text for span in body_sentences(text)]
    return [trimmed(sentences[i], WORDS) for i in rule(sentences)]  # type: ignore[operator]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="valid", choices=("valid", "test"))
    parser.add_argument("--gold", nargs="*", default=GOLD, help="GOLD_DIR:ARTICLES_DIR")
    args = parser.parse_args()
    rows = [json.loads(line) for line in FRANK.open(encoding="utf-8")]
    frank = [r for r in rows if r["dataset"] == "cnndm" and r["frank_split"] == args.split]
    sets = [tuple(spec.split(":", 1)) for spec in args.gold]
    header = ["rule", "R-1", "R-2", "R-Lsum", *(Path(g).name for g, _ in sets)]
    print("| " + " | ".join(header) + " |")
    print("|---" + "|---:" * (len(header) - 1) + "|")
    for name, rule in RULES.items():
        scores = [rouge(r["reference_summary"], _picked(rule, r["text"])) for r in frank]
        means = [statistics.mean(s[k] for s in scores) for k in ("rouge1", "rouge2", "rougeLsum")]
        facts = []
        for gold_dir, articles in sets:
            hits = total = 0
            for path in sorted(Path(gold_dir).glob("*.json")):
                gold = json.loads(path.read_text(encoding="utf-8"))
                article = Path(articles) / gold.get("article", path.stem + ".txt")
                text = " ".join(_picked(rule, article.read_text(encoding="utf-8")))
                hits += sum(named(fact, text) for fact in gold.get("key_facts") or [])
                total += len(gold.get("key_facts") or [])
            facts.append(f"{hits / total:.2f}" if total else "-")
        print(
            f"| {name} | "
            + " | ".join(f"{m:.3f}" for m in means)
            + " | "
            + " | ".join(facts)
            + " |"
        )
    print(f"\nFRANK {args.split}: {len(frank)} CNN/DailyMail articles")


if __name__ == "__main__":
    main()
