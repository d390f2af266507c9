"""How well our faithfulness check ranks summaries as humans judged them (FRANK).

    python bench/summary_faithfulness.py --split test

FRANK (Pagnoni et al., NAACL 2021) has older systems' summaries of CNN/DailyMail and XSum
articles with human factuality judgements. Our check is the one the summary section
applies to its own statements (summarizer/sections/_statements.py ``unsupported``): the
names and numbers a summary writes that its source does not state. This script scores
every system summary with it and asks whether summaries humans judged factual score
better: the AUC of "no unsupported name or number" against human "fully factual", and
Spearman's rho between our share of supported names/numbers and the human score.
No model is called.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer._cues.quantities import number_candidates
from summarizer.sections._statements import _names, unsupported

ROOT = Path(__file__).resolve().parent.parent
FRANK = ROOT.parent / "shared" / "eval" / "frank_cnndm_xsum_summaries.jsonl"


def supported_share(summary: str, article: str) -> float:
    """The share of a summary's names and numbers (with digits) its article states."""
    items = len(_names(summary)) + sum(
        bool(re.search(r"\d", c.surface)) for c in number_candidates(summary)
    )
    if items == 0:
        return 1.0
    return 1 - len(unsupported(summary, article)) / items


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            ranks[index] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def auc(positive: list[float], negative: list[float]) -> float:
    """The chance that a positive scores above a negative (ties count a half)."""
    ranks = _ranks(positive + negative)
    above = sum(ranks[: len(positive)]) - len(positive) * (len(positive) + 1) / 2
    return above / (len(positive) * len(negative))


def spearman(first: list[float], second: list[float]) -> float:
    a, b = _ranks(first), _ranks(second)
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = (sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)) ** 0.5
    return cov / spread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("valid", "test"))
    options = parser.parse_args()
    rows = [json.loads(line) for line in FRANK.read_text(encoding="utf-8").splitlines()]
    print(f"FRANK {options.split} split: our check against human factuality\n")
    print("| source | summaries | judged factual | AUC | Spearman rho |")
    print("|---|---:|---:|---:|---:|")
    for source in ("cnndm", "xsum", None):
        ours, human = [], []
        for row in rows:
            if row.get("frank_split") != options.split or (source and row["dataset"] != source):
                continue
            for system, summary in row["system_summaries"].items():
                judged = row["human_factuality"].get(system, {}).get("Factuality")
                if judged is None:
                    continue
                ours.append(supported_share(summary, row["text"]))
                human.append(float(judged))
        factual = [o for o, h in zip(ours, human, strict=True) if h == 1.0]
        flawed = [o for o, h in zip(ours, human, strict=True) if h < 1.0]
        name = source or "both"
        ranked, rho = auc(factual, flawed), spearman(ours, human)
        print(f"| {name} | {len(ours)} | {len(factual)} | {ranked:.2f} | {rho:.2f} |")


if __name__ == "__main__":
    main()
