"""How many of a gold set's key facts any k sentences of the lead could name at best.

    python bench/summary_key_facts_bound.py [--statements 3 4 5] [--words 30]

No model is called. For each article with ``key_facts`` (the samples and every BBC
held-out set that has them), the best ``k`` of its first 12 sentences, each trimmed at
``--words`` as a key point is bounded, are chosen knowing the gold: the share of key
facts they name (``named``, as ``summarize eval`` counts them) is the most a summary of
``k`` extractive statements could score there. It tells whether a bar on key facts is a
matter of choosing better sentences or of saying more.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer._eval.summaries import named
from summarizer._read.article import body_sentences
from summarizer.sections._statements import trimmed

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
LISTED = 12


def _sets() -> list[tuple[Path, Path]]:
    sets = [(ROOT / "fixtures" / "gold", ROOT / "fixtures" / "articles")]
    for folder in sorted((ROOT / "bench" / "gold-bbc").glob("held-out*")):
        files = sorted(folder.glob("*.json"))
        if files and json.loads(files[0].read_text(encoding="utf-8")).get("key_facts"):
            sets.append((folder, CORPUS))
    return sets


def _best(sentences: list[str], facts: list[str], k: int) -> int:
    combos = itertools.combinations(range(len(sentences)), min(k, len(sentences)))
    return max(
        sum(named(fact, " ".join(sentences[i] for i in combo)) for fact in facts)
        for combo in combos
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, nargs="*", default=[3, 4, 5])
    parser.add_argument("--words", type=int, default=30)
    args = parser.parse_args()
    print("| set | key facts | " + " | ".join(f"best {k}" for k in args.statements) + " |")
    print("|---|---:" + "|---:" * len(args.statements) + "|")
    totals = [0] * len(args.statements)
    count = 0
    for gold_dir, articles in _sets():
        hits = [0] * len(args.statements)
        facts_here = 0
        for path in sorted(gold_dir.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            facts = list(gold.get("key_facts") or [])
            if not facts:
                continue
            text = (articles / gold.get("article", path.stem + ".txt")).read_text(encoding="utf-8")
            sentences = [trimmed(s.text, args.words) for s in body_sentences(text)[:LISTED]]
            facts_here += len(facts)
            for n, k in enumerate(args.statements):
                hits[n] += _best(sentences, facts, k)
        count += facts_here
        totals = [t + h for t, h in zip(totals, hits, strict=True)]
        shares = " | ".join(f"{h / facts_here:.2f}" for h in hits)
        print(f"| {gold_dir.name} | {facts_here} | {shares} |")
    print(f"| all | {count} | " + " | ".join(f"**{t / count:.2f}**" for t in totals) + " |")


if __name__ == "__main__":
    main()
