"""Extraction quality of one embedded model, as the Markdown tables of bench/quality.md.

    python bench/quality.py --model qwen2.5-coder-0.5b
    python bench/quality.py --model qwen2.5-coder-1.5b --conll-limit 10 --newsquant-limit 30

NewsQuant is scored twice: on the sample whose errors were read while the code was
written, and on the held-out sentences: those of two more even samples (29 and 41
sentences) that are in none of the samples whose errors were read (40, 39, 43, 31 and 38
sentences). They are written to bench/.records/newsquant-held-out.jsonl and scored
from there: whether the figures hold on sentences no one tuned for.

Commodity News (oil-market sentences whose figures are annotated as entities) was never
looked at while the code was written: its score is the figures on unseen news. So are
the BBC sets of bench/gold-bbc named held-out* (people, organisations, countries, figures
and quote speakers, annotated by hand before any run); the read-* sets were held out
once too, then their errors were read (bench/gold-bbc/README.md).

Runs `summarize eval` on the hand-annotated samples (fixtures/gold), on prose documents
of CoNLL-2003 dev, on NewsQuant and on Commodity News sentences, sampled evenly over each
(all from ../shared/eval, never copied into the repository). Records are kept in bench/.records/
(git-ignored), so an interrupted run resumes where it stopped and a re-run only rescores.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

from summarizer._cli.eval import even_sample

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
GOLD_BBC = ROOT / "bench" / "gold-bbc"  # one directory per set of annotated articles
RECORDS = ROOT / "bench" / ".records"
# Even samples of NewsQuant (as `summarize eval --sample N` takes them) whose errors were
# read while the code was written, and the two whose sentences outside those are held out.
READ_SAMPLES = (40, 39, 43, 31, 38)
HELD_OUT_SAMPLES = (29, 41)


def _held_out_newsquant() -> Path:
    """The held-out NewsQuant sentences as a JSONL file of their own."""
    lines = (EVAL / "newsquant_quantities.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    # The sentences `summarize eval --sample N` takes, by their index.
    indices = range(len(lines))
    read = {i for size in READ_SAMPLES for i in even_sample(indices, size)}
    held_out = {i for size in HELD_OUT_SAMPLES for i in even_sample(indices, size)} - read
    path = RECORDS / "newsquant-held-out.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines[index] + "\n" for index in sorted(held_out)), encoding="utf-8")
    return path


def _evaluate(model: str, name: str, arguments: list[str]) -> dict[str, Any]:
    records = RECORDS / f"{model}-{name}.jsonl"
    records.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "summarizer", "eval", *arguments,
        "--backend", "local", "--model", model, "--records", str(records), "--json",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return dict(json.loads(done.stdout))


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _table(title: str, command: str, scores: dict[str, Any]) -> str:
    lines = [
        f"### {title}",
        "",
        f"`{command}`",
        "",
        f"{scores['articles']} articles scored, {len(scores['failed'])} failed.",
        "",
        "| section | gold | found | recall | output | precision | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for section, tally in scores["sections"].items():
        lines.append(
            f"| {section} | {tally['gold']} | {tally['found']} | {_share(tally['recall'])} "
            f"| {tally['predicted']} | {_share(tally['precision'])} | {_share(tally['f1'])} |"
        )
    grounding = scores["grounding"]
    lines += [
        "",
        f"- grounding: {grounding['exact']}/{grounding['total']} evidence spans exact "
        f"({_share(grounding['share'])})",
    ]
    published = scores["published"]
    if published["total"]:
        lines.append(f"- published date right: {published['right']}/{published['total']}")
    if scores.get("figure_values_recall") is not None:
        lines.append(f"- figure values, any unit: recall {_share(scores['figure_values_recall'])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-coder-0.5b")
    parser.add_argument("--conll-limit", type=int, default=25)
    parser.add_argument("--newsquant-limit", type=int, default=60)
    parser.add_argument("--commodity-limit", type=int, default=100)
    options = parser.parse_args()
    runs = [
        (
            "samples",
            "Hand-annotated samples (fixtures/gold)",
            ["fixtures/gold", "fixtures/articles"],
        ),
        (
            "conll",
            f"CoNLL-2003 dev, {options.conll_limit} prose documents spread over the set",
            [str(EVAL / "conll2003_dev_ner.jsonl"), "--sample", str(options.conll_limit)],
        ),
        (
            "newsquant",
            f"NewsQuant, {options.newsquant_limit} sentences spread over the set",
            [str(EVAL / "newsquant_quantities.jsonl"), "--sample", str(options.newsquant_limit)],
        ),
        (
            "commodity",
            f"Commodity News, {options.commodity_limit} sentences with figures spread over the set",
            [
                str(EVAL / "commodity_news_events_test.jsonl"),
                "--sample",
                str(options.commodity_limit),
            ],
        ),
        (
            "newsquant-held-out",
            "NewsQuant, the held-out sentences",
            [str(_held_out_newsquant().relative_to(ROOT))],
        ),
        *(
            (
                f"bbc-{name}",
                f"BBC News, six articles: bench/gold-bbc/{name}",
                [f"bench/gold-bbc/{name}", str(BBC)],
            )
            for name in sorted(p.name for p in GOLD_BBC.iterdir() if p.is_dir())
        ),
    ]
    print(f"## {options.model}\n")
    machine = f"{platform.machine()}, Python {platform.python_version()}"
    print(f"Machine: {machine}\n")
    for name, title, arguments in runs:
        scores = _evaluate(options.model, name, arguments)
        command = f"summarize eval {' '.join(arguments)} --model {options.model}"
        command = command.replace(str(EVAL), "../shared/eval").replace(
            str(BBC), "../shared/corpus/bbc"
        )
        print(_table(title, command, scores) + "\n", flush=True)


if __name__ == "__main__":
    main()
