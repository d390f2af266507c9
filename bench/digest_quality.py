"""Entity resolution of `summarize digest` against the hand-made cross-article gold.

    python bench/digest_quality.py                          # bench/.records/entities.jsonl
    python bench/digest_quality.py --records OTHER.jsonl --show-errors

The gold (bench/gold-entities/*.json, see its README) lists, per batch of BBC articles,
each entity and the names every article uses for it. Each gold item is an (article,
entity) pair. Our records of the batch are digested (one digest per batch, as a user
would run it), and each gold item is matched to the digest entity that the same article
names by one of the gold's names (case, accents, possessives and a leading "the" aside;
then by a person's or organisation's name key, an acronym, or a country's code). Items
that no entity of ours matches are extraction misses, counted apart: the model's
records never named them, so resolution had nothing to resolve. Over the matched items,
B-cubed and pairwise precision and recall compare which items the digest puts together
with which the gold does.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer._digest import Digest, DigestRecord, Entity, build_digest, read_records
from summarizer._digest.names import (
    acronym_key,
    is_acronym,
    organization_key,
    parse_person,
    words_of,
)
from summarizer._eval.clusters import ClusterScores, bcubed, pairwise

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold-entities"
RECORDS = ROOT / "bench" / ".records" / "entities.jsonl"
KINDS = ("person", "organization", "country")

Item = tuple[str, str, str]  # batch, article, gold entity id


@dataclass
class BatchResult:
    name: str
    articles: int
    gold_items: dict[Item, str] = field(default_factory=dict)  # item -> kind
    predicted: dict[Item, str] = field(default_factory=dict)  # item -> our entity id
    gold: dict[Item, str] = field(default_factory=dict)  # item -> gold entity id
    entities: int = 0


def _normal(name: str) -> str:
    words = words_of(name)
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def _keys(name: str) -> set[str]:
    """Looser keys of a name: a person's, a body's, an acronym's."""
    keys = {f"org:{organization_key(name)}"}
    if is_acronym(name):
        keys.add(f"acr:{acronym_key(name)}")
    if (person := parse_person(name)) is not None:
        keys.add(f"person:{person.key}")
    return keys


def _names_in(entity: Entity, article: str) -> list[str]:
    mention = next(m for m in entity.mentions if m.article == article)
    return [*mention.names, mention.evidence.text]


def match(
    gold_entity: dict[str, Any], names: list[str], article: str, digest: Digest
) -> str | None:
    """The id of the digest entity that ``article`` names by one of the gold's ``names``."""
    here = [e for e in digest.entities if article in e.articles]
    wanted = {_normal(n) for n in names}
    tiers = [
        lambda e: len(wanted & {_normal(n) for n in _names_in(e, article)}),
        lambda e: len(
            set().union(*(_keys(n) for n in names))
            & set().union(*(_keys(n) for n in _names_in(e, article)))
        ),
    ]
    if gold_entity["kind"] == "country":
        code = str(gold_entity["id"]).lower()
        tiers.append(lambda e: int(e.id == f"country:{code}"))
    for tier in tiers:
        scored = [(tier(e), e.kind == gold_entity["kind"], -n, e.id) for n, e in enumerate(here)]
        best = max(scored, default=None)
        if best is not None and best[0] > 0:
            return best[3]
    return None


def score_batch(gold_path: Path, records: list[DigestRecord]) -> BatchResult:
    gold_file = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = [a.removesuffix(".txt") for a in gold_file["articles"]]
    chosen = [r for r in records if r.source.id in articles]
    digest = build_digest(chosen)
    result = BatchResult(gold_file["batch"], len(chosen), entities=len(digest.entities))
    for entity in gold_file["entities"]:
        for mention in entity["mentions"]:
            article = mention["article"].removesuffix(".txt")
            item = (gold_file["batch"], article, entity["id"])
            result.gold_items[item] = entity["kind"]
            found = match(entity, mention["names"], article, digest)
            if found is not None:
                result.predicted[item] = found
                result.gold[item] = entity["id"]
    return result


def _row(label: str, results: Iterable[BatchResult], kind: str | None = None) -> str:
    results = list(results)
    items = [i for r in results for i, k in r.gold_items.items() if kind in (None, k)]
    predicted = {i: f"{i[0]}/{p}" for r in results for i, p in r.predicted.items() if i in items}
    gold = {i: f"{i[0]}/{g}" for r in results for i, g in r.gold.items() if i in items}
    b3, pairs = bcubed(predicted, gold), pairwise(predicted, gold)
    found = len(predicted)
    return (
        f"| {label} | {len(items)} | {found} ({100 * found / max(len(items), 1):.0f}%) | "
        f"{_f(b3)} | {_f(pairs)} |"
    )


def _f(scores: ClusterScores) -> str:
    return f"{scores.precision:.3f} | {scores.recall:.3f} | **{scores.f1:.3f}**"


def _errors(result: BatchResult) -> list[str]:
    """Gold entities split over several of ours, and ours joining several gold ones."""
    ours: dict[str, set[str]] = defaultdict(set)
    theirs: dict[str, set[str]] = defaultdict(set)
    for item, predicted in result.predicted.items():
        ours[result.gold[item]].add(predicted)
        theirs[predicted].add(result.gold[item])
    lines = [f"split: {g} -> {sorted(p)}" for g, p in sorted(ours.items()) if len(p) > 1]
    lines += [f"joined: {p} <- {sorted(g)}" for p, g in sorted(theirs.items()) if len(g) > 1]
    missed = Counter(k for i, k in result.gold_items.items() if i not in result.predicted)
    lines.append(f"not in our records: {dict(missed)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--show-errors", action="store_true")
    options = parser.parse_args()
    records = list(read_records([str(options.records)]))
    results = [score_batch(path, records) for path in sorted(options.gold.glob("*.json"))]
    print(f"Records: {options.records} ({len(records)} articles)\n")
    print("| batch | gold items | found in our records | B³ P | B³ R | B³ F1 | pairs P | "
          "pairs R | pairs F1 |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        print(_row(f"{result.name} ({result.articles} articles)", [result]))
    for kind in KINDS:
        print(_row(f"all: {kind}", results, kind))
    print(_row("**all**", results))
    if options.show_errors:
        for result in results:
            print(f"\n{result.name}:")
            for line in _errors(result):
                print(f"- {line}")


if __name__ == "__main__":
    main()
