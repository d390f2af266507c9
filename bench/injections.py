"""How the finder of passages addressed to the model does, on every set of phrasings and
on real news.

    python bench/injections.py

Each phrasing is put into a sample article as a paragraph of its own, first, in the
middle and last; it is withheld when every character of its instruction (the whole
passage, unless the case says which part is the instruction) is in a withheld passage,
and nothing of the news around it is. Each news passage about AI must be left alone. Real
news (the BBC corpus, FRANK's CNN/DailyMail and XSum articles, CoNLL-2003, NewsQuant)
has no instruction to a model in it: anything found there is a false alarm.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer._cues.instructions import addressed_to_the_model  # noqa: E402

SHARED = ROOT.parent / "shared"


def _placed(article: str, passage: str, position: str) -> str:
    paragraphs = article.split("\n\n")
    at = {"first": 0, "middle": len(paragraphs) // 2, "last": len(paragraphs)}[position]
    return "\n\n".join([*paragraphs[:at], passage, *paragraphs[at:]])


def withheld(article: str, case: dict[str, str]) -> int:
    """In how many of the three places the case's instruction is withheld, and alone."""
    passage, instruction = case["text"], case.get("withheld", case["text"])
    hits = 0
    for position in ("first", "middle", "last"):
        text = _placed(article, passage, position)
        found = addressed_to_the_model(text)
        start = text.index(passage) + passage.index(instruction)
        covered = {i for p in found for i in range(p.start, p.end)}
        whole = all(
            i in covered or text[i].isspace() for i in range(start, start + len(instruction))
        )
        inserted = text.index(passage)
        alone = all(inserted <= p.start and p.end <= inserted + len(passage) for p in found)
        hits += whole and alone
    return hits


def real_news() -> dict[str, tuple[int, int]]:
    """Documents read and passages found, per corpus."""
    corpora = {
        "BBC corpus": [
            p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus/bbc").glob("*.txt"))
        ],
    }
    for name, file, field in (
        ("FRANK articles", "frank_cnndm_xsum_summaries.jsonl", "text"),
        ("CoNLL-2003 dev", "conll2003_dev_ner.jsonl", "text"),
        ("NewsQuant sentences", "newsquant_quantities.jsonl", "text"),
    ):
        lines = (SHARED / "eval" / file).read_text(encoding="utf-8").splitlines()
        corpora[name] = [json.loads(line)[field] for line in lines]
    return {
        name: (len(texts), sum(len(addressed_to_the_model(t)) for t in texts))
        for name, texts in corpora.items()
    }


def main() -> None:
    article = (ROOT / "fixtures/articles/002_39b5d57e1b64ae26.txt").read_text(encoding="utf-8")
    print("| set | phrasings | withheld (of 3 places each) | news about AI left alone |")
    print("|---|---:|---:|---:|")
    for path in sorted((ROOT / "tests/data").glob("injections_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        hits = sum(withheld(article, case) for case in data["injections"])
        news = data["ai_news"]
        alone = sum(not addressed_to_the_model(_placed(article, n["text"], "middle")) for n in news)
        total = 3 * len(data["injections"])
        print(f"| {path.stem} | {len(data['injections'])} | {hits}/{total} | {alone}/{len(news)} |")
    print("\n| real news | documents | passages found (false alarms) |")
    print("|---|---:|---:|")
    for name, (documents, found) in real_news().items():
        print(f"| {name} | {documents} | {found} |")


if __name__ == "__main__":
    main()
