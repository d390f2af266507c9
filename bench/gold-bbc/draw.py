"""Draw ten BBC articles for a new held-out set of organisations and titles.

    python bench/gold-bbc/draw.py SEED OUT_DIR [--summaries]

Copies five business and five politics articles into ``OUT_DIR`` (outside the
repository: the corpus licence keeps article text out of it), for an annotator who sees
only them and the conventions, before any run on them.

The draw of held-out-16 and later: unduplicated articles, business of 1,200 to 3,500
characters with two topic words, politics up to 6,000 characters with one, each with two
names ending in an organisation word or two acronyms. Left out: every article of a gold
set here, every BBC id the repository or its history names (tests, docs, commit
messages), and the ids in ``read-in-diffs.txt``: articles whose candidate lists a session
printed while checking a change. Earlier sessions kept that last list outside the
repository and lost it with their machine; keep it here.

``--summaries`` draws a set for the summary's key facts instead (held-out-22 and later):
two articles of each of the corpus's five categories, 1,200 to 3,500 characters, with no
topic or name filter (a summary is for every kind of news), under the same exclusions.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TOPICS = (
    "trade oil gas energy mining steel minister ministry ambassador talks "
    "sanctions exports tariffs opec treaty agreement deal"
).split()
ORGANISATION_NAME = re.compile(
    r"\b(?:[A-Z][\w&'-]+ )+(?:Ministry|Organisation|Organization|Association|"
    r"Agency|Company|Bank|Council|Commission|Group|Corporation|Corp|Fund|Office|"
    r"Union|Party|Federation|Authority|Board|Institute|Department)\b"
)
# (category, most characters, fewest topic words)
QUOTAS = (("business", 3500, 2), ("politics", 6000, 1))
PER_CATEGORY = 5
SUMMARY_CATEGORIES = ("business", "politics", "tech", "entertainment", "sport")
SUMMARY_PER_CATEGORY = 2


def left_out() -> set[str]:
    """Ids already annotated, named in the repository or its history, or read in diffs."""
    ids = {path.stem for path in HERE.glob("*/*.json")}
    named = subprocess.run(
        "git grep -hoE 'bbc_[a-z]+_[0-9]{3}' -- . ; git log --all --format=%B",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    ids |= set(re.findall(r"bbc_[a-z]+_[0-9]{3}", named))
    read = HERE / "read-in-diffs.txt"
    ids |= {line for line in read.read_text().split() if not line.startswith("#")}
    return ids


def unused_and_sized(row: dict[str, str], most: int, used: set[str]) -> bool:
    """Not left out, and 1,200 to ``most`` characters long: all a summary set asks."""
    return row["file"][:-4] not in used and 1200 < int(row["chars"]) < most


def eligible(row: dict[str, str], most: int, topics: int, used: set[str]) -> bool:
    """For an organisations and titles set: also ``topics`` topic words, and two names
    ending in an organisation word or two acronyms."""
    if not unused_and_sized(row, most, used):
        return False
    text = (CORPUS / "bbc" / row["file"]).read_text()
    found = sum(bool(re.search(rf"\b{word}\b", text.lower())) for word in TOPICS)
    names = len(set(ORGANISATION_NAME.findall(text)))
    acronyms = len(set(re.findall(r"\b[A-Z]{2,6}\b", text)))
    return found >= topics and (names >= 2 or acronyms >= 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--summaries", action="store_true", help="a set for key facts")
    args = parser.parse_args()
    with (CORPUS / "corpus_manifest.tsv").open() as manifest:
        rows = [r for r in csv.DictReader(manifest, delimiter="\t") if not r["duplicate_of"]]
    used = left_out()
    draws: list[tuple[str, Callable[[dict[str, str]], bool]]]
    if args.summaries:
        draws = [(c, partial(unused_and_sized, most=3500, used=used)) for c in SUMMARY_CATEGORIES]
        per_category = SUMMARY_PER_CATEGORY
    else:
        draws = [(c, partial(eligible, most=m, topics=t, used=used)) for c, m, t in QUOTAS]
        per_category = PER_CATEGORY
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for category, accepts in draws:
        pool = [r for r in rows if r["category"] == category and accepts(r)]
        print(f"{category}: {len(pool)} eligible")
        if len(pool) < per_category:
            raise SystemExit(f"draw.py: {category} has {len(pool)} eligible, {per_category} wanted")
        for row in rng.sample(pool, per_category):
            print(f"  {row['file']}  {row['title']}")
            shutil.copy(CORPUS / "bbc" / row["file"], args.out / row["file"])


if __name__ == "__main__":
    main()
