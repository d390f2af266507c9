"""Scoring records against gold annotations, and the `summarize eval` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer._cli.main import main
from summarizer._errors import InputError
from summarizer._eval.gold import Case, load_cases, sections_to_run
from summarizer._eval.matching import Gold, GoldFigure, GoldName, name_key, same_person
from summarizer._eval.scoring import Scores, score_record
from summarizer._eval.units import unit_key
from summarizer._records import ArticleSummary
from summarizer.sections import BUILT_IN, Sections

SECTIONS = Sections()


def _loaded(path: Path, articles: Path | str | None = None, split: str | None = None) -> list[Case]:
    if articles in ("frank",):
        return list(load_cases(path, sections=BUILT_IN, split=split))
    return list(load_cases(path, articles, sections=BUILT_IN))  # type: ignore[arg-type]


def _expected(fixtures_dir: Path, article: str) -> ArticleSummary:
    text = (fixtures_dir / "expected" / f"{article}.json").read_text(encoding="utf-8")
    return ArticleSummary.model_validate_json(text)


def _cases(fixtures_dir: Path) -> dict[str, tuple[str, Gold]]:
    cases = _loaded(fixtures_dir / "gold", fixtures_dir / "articles")
    return {case.id: (case.text, case.gold) for case in cases}


def test_a_gold_directory_loads_with_its_articles(fixtures_dir: Path) -> None:
    cases = _cases(fixtures_dir)
    assert set(cases) == {"000_e4a2d466ecf2517c", "001_e881001fa6066b09", "002_39b5d57e1b64ae26"}
    _, gold = cases["001_e881001fa6066b09"]
    assert gold.published == "2024-10-27" and gold.has_published
    assert GoldFigure(value=145000, unit="tonne") in (gold.of("figures") or [])


def test_names_match_across_accents_surnames_and_possessives() -> None:
    cruz = GoldName(names=("Liv\u00e1n Arronte Cruz", "Livan Arronte Cruz", "Cruz"))
    assert same_person(cruz, "Livan Arronte Cruz")
    assert same_person(cruz, "Cruz")
    assert same_person(GoldName(names=("Roman Chekushov",)), "Chekushov")
    assert not same_person(GoldName(names=("Roman Chekushov",)), "Roman Abramovich")
    assert name_key("Russia\u2019s Industry Ministry") == name_key("russia's industry ministry")


def test_units_map_onto_our_vocabulary() -> None:
    assert unit_key("percentage") == unit_key("%") == "percent"
    assert unit_key("dollar") == "USD"
    assert unit_key("tons") == "tonne"
    assert unit_key("yard") == "yard"
    # A rate maps its head: NewsQuant's "dollar per barrel" is our "USD per barrel".
    assert unit_key("dollar per barrel") == "USD per barrel"
    assert unit_key("-") == "count"  # a bare number
    assert unit_key("fraction") == "count"  # "a third": NewsQuant's 0.333 with unit "-"
    assert unit_key("point") == "point"  # not a percentage point
    # Our own units are keys already, rates included; currencies by name become codes.
    assert unit_key("USD per barrel") == unit_key("dollar per barrel")
    assert unit_key("australian dollar") == "AUD"
    # NewsQuant names what is counted where we say count.
    assert unit_key("public housing property") == unit_key("times") == "count"
    assert unit_key("barrel of oil") == "barrel"
    assert unit_key("malaysian ringgit per month") == "MYR"  # the month is the period
    assert unit_key("megabit per second") == "megabit per second"
    # Names in the plural, or the dataset's own, of units we have.
    assert unit_key("square feet") == "square foot"
    assert unit_key("brake horsepower") == "horsepower"
    assert unit_key("foot pound-force") == "pound-foot"


def test_a_record_is_scored_by_section(fixtures_dir: Path) -> None:
    _, gold = _cases(fixtures_dir)["002_39b5d57e1b64ae26"]
    record = _expected(fixtures_dir, "002_39b5d57e1b64ae26")
    tallies = score_record(record, gold, SECTIONS)
    people = tallies["people"]
    assert people.gold == 3
    assert people.predicted == len(record.people)
    assert people.found <= people.gold and people.correct <= people.predicted
    assert tallies["countries"].gold == 2


def test_a_section_a_gold_file_leaves_out_is_not_scored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Mr Kennedy said in London.", encoding="utf-8")
    gold = {"article": "a.txt", "people": [{"name": "Charles Kennedy"}], "quotes": []}
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    [case] = _loaded(tmp_path, tmp_path)
    # Quotes annotated as none (and people, whom quotes need); nothing else is asked.
    assert sections_to_run(case.gold, BUILT_IN) == ["people", "quotes"]
    assert case.gold.of("quotes") == [] and case.gold.of("events") is None


def test_optional_gold_items_are_neither_missed_nor_wrong() -> None:
    gold = Gold({"figures": [GoldFigure(70, "percent"), GoldFigure(2026, "year", optional=True)]})
    record = ArticleSummary.model_validate(
        {
            "source": {"id": "a"},
            "figures": [
                _figure(2026, "year", "by 2026"),
            ],
            "meta": {"model": "m", "backend": "b", "templates": {}},
        }
    )
    tally = score_record(record, gold, SECTIONS)["figures"]
    assert (tally.gold, tally.found, tally.predicted, tally.correct) == (1, 0, 1, 1)


def _figure(value: float, unit: str, text: str) -> dict[str, object]:
    return {
        "metric": "m",
        "value": value,
        "unit": unit,
        "surface": text,
        "evidence": {"text": text, "start": 0, "end": len(text)},
    }


def test_grounding_counts_spans_that_do_not_point_at_their_text(fixtures_dir: Path) -> None:
    text, gold = _cases(fixtures_dir)["000_e4a2d466ecf2517c"]
    record = _expected(fixtures_dir, "000_e4a2d466ecf2517c")
    scores = Scores()
    scores.add_record(record, gold, text, sections=SECTIONS)
    assert scores.spans_total > 0 and scores.grounding == 1.0
    shifted = text[1:]  # every offset now points one character off
    scores = Scores()
    scores.add_record(record, gold, shifted, sections=SECTIONS)
    assert scores.grounding is not None and scores.grounding < 0.5


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_conll_prose_documents_become_gold(tmp_path: Path) -> None:
    text = (
        "CRICKET - SIMMONS STARS.\nLONDON 1996-08-30\nPhil Simmons of Leicestershire beat "
        "Somerset in England. Simmons took four wickets for West Indian fans."
    )
    entity = lambda word, kind: {  # noqa: E731
        "text": word, "type": kind, "start": text.index(word), "end": text.index(word) + len(word)
    }  # fmt: skip
    rows: list[dict[str, object]] = [
        {
            "id": "doc-1",
            "text": text,
            "likely_table_or_results": False,
            "entities": [
                entity("Phil Simmons", "PER"),
                entity("Leicestershire", "ORG"),
                entity("England", "LOC"),
                entity("West Indian", "MISC"),
                {"text": "Simmons", "type": "PER", "start": 0, "end": 7},
            ],
        },
        {"id": "doc-2", "text": "Table", "likely_table_or_results": True, "entities": []},
    ]
    cases = _loaded(_write_jsonl(tmp_path / "conll.jsonl", rows))
    assert [case.id for case in cases] == ["doc-1"]
    gold = cases[0].gold
    assert gold.of("people") == [GoldName(names=("Phil Simmons", "Simmons"))]
    assert [c.code for c in gold.of("countries") or [] if not c.optional] == ["GB"]
    assert gold.published == "1996-08-30"
    assert sections_to_run(gold, BUILT_IN) == ["people", "organizations", "countries"]


def test_newsquant_sentences_become_figure_gold(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "id": "nq-1",
            "text": "Shares rose 5 percent to $6 each.",
            "quantities": [
                {
                    "value": "5.0",
                    "unit": "percent",
                    "normalized_unit": "percentage",
                    "change": "up",
                },
                {"value": "6.0", "unit": "$", "normalized_unit": "dollar", "change": "="},
            ],
        }
    ]
    (case,) = _loaded(_write_jsonl(tmp_path / "nq.jsonl", rows))
    assert case.gold.of("figures") == [GoldFigure(5.0, "percent"), GoldFigure(6.0, "USD")]
    assert sections_to_run(case.gold, BUILT_IN) == ["figures"]


def test_commodity_news_figure_entities_become_figure_gold(tmp_path: Path) -> None:
    text = (
        "Brent rose 55 cents, or 0.5 percent, to USD91 .52 a barrel as OPEC pumped 1.8 "
        "million barrels a day (bpd), almost three quarters of it from one field."
    )
    entity = lambda words, kind: {"text": words, "type": kind}  # noqa: E731
    rows: list[dict[str, object]] = [
        {
            "id": "cn-1",
            "text": text,
            "entities": [
                entity("Brent", "Commodity"),
                entity("55 cents", "Money"),
                entity("0.5", "Percentage"),  # the corpus often leaves "percent" out
                entity("USD91 .52 a barrel", "Price_unit"),
                entity("1.8 million barrels a day (bpd)", "Production_unit"),
                entity("almost three quarters", "Number"),  # a share: 0.75 of a whole
            ],
            "events": [],
        },
        {"id": "cn-2", "text": "Oil fell.", "entities": [], "events": []},  # no figure
    ]
    (case,) = _loaded(_write_jsonl(tmp_path / "cn.jsonl", rows))
    assert case.id == "cn-1"
    assert case.gold.of("figures") == [
        GoldFigure(55.0, "cent"),
        GoldFigure(0.5, "percent"),
        GoldFigure(91.52, "USD per barrel"),
        GoldFigure(1.8e6, "barrel per day"),
        GoldFigure(0.75, "count"),  # a share is a bare number to the datasets
    ]


def test_newsquant_ranges_are_two_figures_and_odd_values_are_skipped(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "id": "nq-2",
            "text": "Between 252 and 287 people, about a few dozen of them children.",
            "quantities": [
                {"value": "252.0-287.0", "unit": "people", "normalized_unit": "count"},
                {"value": "a few dozen", "unit": "people", "normalized_unit": "count"},
            ],
        }
    ]
    (case,) = _loaded(_write_jsonl(tmp_path / "nq.jsonl", rows))
    assert case.gold.of("figures") == [GoldFigure(252.0, "count"), GoldFigure(287.0, "count")]


def test_an_unknown_dataset_is_a_clear_error(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "other.jsonl", [{"id": "x", "text": "t"}])
    with pytest.raises(InputError, match="not a gold directory"):
        _loaded(path)


@pytest.fixture
def _at_repo_root(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch, no_endpoint_configured: None
) -> None:
    monkeypatch.chdir(fixtures_dir.parent)


@pytest.mark.usefixtures("_at_repo_root")
def test_eval_scores_replayed_records_and_reuses_saved_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    arguments = ["eval", "fixtures/gold", "fixtures/articles", "--backend", "replay", "--json"]
    assert main([*arguments, "--records", str(records)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["articles"] == 3
    assert first["grounding"]["share"] == 1.0
    assert first["sections"]["people"]["gold"] == 6
    assert len(records.read_text(encoding="utf-8").splitlines()) == 3
    # The second run reads the saved records: the same figures, nothing appended.
    assert main([*arguments, "--records", str(records), "--recordings-dir", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert len(records.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.usefixtures("_at_repo_root")
def test_eval_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "fixtures/gold", "fixtures/articles", "--backend", "replay"]) == 0
    out = capsys.readouterr().out
    assert "3 articles scored" in out
    assert "grounding:" in out and "published date right: 1/3" not in out


@pytest.mark.usefixtures("_at_repo_root")
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["eval", "no/such/dir"], "no such file or directory"),
        (["eval", "fixtures/gold"], "needs the directory of its articles"),
        (["eval", "fixtures/gold", "fixtures/articles", "--limit", "0"], "at least 1"),
        (["eval", "fixtures/gold", "fixtures/articles", "--sample", "0"], "at least 1"),
    ],
)
def test_eval_usage_errors_are_one_line(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def test_conll_mentions_of_one_person_are_one_gold_person(tmp_path: Path) -> None:
    from summarizer.sections.people import people_from_mentions

    people = people_from_mentions(
        ["ROBERTO DURAN", 'Roberto "Hands of Stone" Duran', "Duran", "Roberto Duran", "Camacho"]
    )
    assert [p.names[0] for p in people] == ['Roberto "Hands of Stone" Duran', "Camacho"]
    assert set(people[0].names) >= {"ROBERTO DURAN", "Duran", "Roberto Duran"}


def test_an_even_sample_spreads_over_the_set_from_its_first_item() -> None:
    from summarizer._cli.eval import even_sample

    assert even_sample(range(10), 3) == [0, 3, 6]
    assert even_sample(range(10), 4) == [0, 2, 5, 7]
    assert even_sample(range(3), 5) == [0, 1, 2]  # never more than the set holds


def _summary_record(text: str, lede: str, points: list[str]) -> ArticleSummary:
    def statement(sentence: str) -> dict[str, object]:
        start = text.index(sentence)
        evidence = {"text": sentence, "start": start, "end": start + len(sentence)}
        return {"text": sentence, "evidence": [evidence]}

    return ArticleSummary.model_validate(
        {
            "source": {"id": "a"},
            "summary": {
                "headline": "Kilmarnock name Locke manager",
                "lede": statement(lede),
                "key_points": [statement(p) for p in points],
            },
            "meta": {"model": "m", "backend": "b", "templates": {}},
        }
    )


def test_a_summary_is_measured_against_its_reference_beside_lead_3(tmp_path: Path) -> None:
    text = (
        "Gary Locke will be confirmed as Kilmarnock manager on Friday. The club is pleased. "
        "He took charge in February. Fans cheered. Locke paid tribute to his players."
    )
    row = {
        "id": "f1", "dataset": "cnndm", "frank_split": "test", "text": text,
        "reference_summary": "Gary Locke will be confirmed as Kilmarnock boss on Friday. "
        "Locke has paid tribute to his players.",
    }  # fmt: skip
    [case] = _loaded(_write_jsonl(tmp_path / "frank.jsonl", [row]))
    assert sections_to_run(case.gold, BUILT_IN) == ["summary"]
    record = _summary_record(
        text,
        "Gary Locke will be confirmed as Kilmarnock manager on Friday.",
        ["Locke paid tribute to his players."],
    )
    scores = Scores()
    scores.add_record(record, case.gold, text, sections=SECTIONS)
    ours, lead3 = scores.mean("summary rouge1"), scores.mean("lead-3 rouge1")
    assert ours is not None and lead3 is not None and ours > lead3  # it skipped the filler
    assert scores.mean("statements supported by their evidence") == 1.0
    assert scores.mean("statements cut off") == 0.0
    assert _loaded(_write_jsonl(tmp_path / "f.jsonl", [row]), "frank", "valid") == []


def test_key_facts_count_when_the_summary_names_them(tmp_path: Path) -> None:
    text = "Iran and Cuba signed a memorandum of understanding. Nickel output rose. Fine day."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {"article": "a.txt", "key_facts": ["memorandum of understanding", "nickel", "cobalt"]}
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    [case] = _loaded(tmp_path, tmp_path)
    record = _summary_record(
        text,
        "Iran and Cuba signed a memorandum of understanding.",
        ["Nickel output rose."],
    )
    scores = Scores()
    scores.add_record(record, case.gold, text, sections=SECTIONS)
    assert scores.mean("key facts named") == pytest.approx(2 / 3)


def _evidence(text: str) -> dict[str, object]:  # a span of no article in particular
    return {"text": text, "start": 0, "end": len(text)}


def test_a_found_persons_title_is_right_when_it_covers_the_gold_titles_words() -> None:
    from summarizer._eval.matching import covers_title

    assert covers_title("Head of Iranian Mines ... Organization (IMIDRO)", "Head of IMIDRO")
    assert covers_title(
        "State Secretary and Deputy Industry and Trade Minister",
        (
            "State Secretary and Deputy Industry and Trade Minister (Russia)"  # a note
        ),
    )
    assert not covers_title("Deputy Industry and Trade Minister", "State Secretary and Deputy")
    assert covers_title("Paris lawyer", "its Paris lawyer")  # as the article wrote it
    assert not covers_title("lawyer", "its Paris lawyer")
    people = [
        GoldName(names=("Eloy Alvarez",), titles=("Cuban Minister of Industry",)),
        GoldName(names=("Roman Chekushov",), titles=("State Secretary", "Deputy Minister")),
        GoldName(names=("Oscar Perez-Oliva Fraga",), titles=("Deputy Prime Minister",)),
        GoldName(names=("Liván Arronte Cruz",), titles=("Minister of Energy",)),  # not found
        GoldName(names=("Vladimir Putin",)),  # no title in the gold: not scored
    ]
    record = ArticleSummary.model_validate(
        {
            "source": {"id": "a"},
            "people": [
                {
                    "name": "Eloy Alvarez",
                    "title": "Minister of Industry",
                    "evidence": _evidence("E"),
                },
                {"name": "Chekushov", "title": "Deputy Minister", "evidence": _evidence("C")},
                {"name": "Oscar Perez-Oliva Fraga", "evidence": _evidence("O")},
                {"name": "Vladimir Putin", "title": "President", "evidence": _evidence("V")},
            ],
            "meta": {"model": "m", "backend": "b", "templates": {}},
        }
    )
    titles = score_record(record, Gold({"people": people}), SECTIONS)["titles"]
    # Alvarez's lacks "Cuban"; Chekushov's matches a title alias; Perez-Oliva has none.
    assert (titles.gold, titles.found, titles.predicted, titles.correct) == (3, 1, 2, 1)
    assert titles.missed[0].startswith("Eloy Alvarez: 'Cuban Minister of Industry'")


def test_organisations_match_by_any_alias_and_their_kinds_are_scored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("TASS said so.", encoding="utf-8")
    gold = {
        "article": "a.txt",
        "organizations": [
            {"name": "Rotor Volgograd", "kind": "company"},
            {"name": "Rotor"},  # CoNLL-like: a second gold name, found by the alias
            {"name": "TASS", "kind": "media"},
            {"name": "Industry Ministry", "kind": "ministry"},
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    [case] = _loaded(tmp_path, tmp_path)
    record = ArticleSummary.model_validate(
        {
            "source": {"id": "a"},
            "organizations": [
                {
                    "name": "Rotor Volgograd",
                    "aliases": ["Rotor"],
                    "kind": "company",
                    "evidence": _evidence("R"),
                },
                {"name": "TASS", "kind": "government", "evidence": _evidence("T")},
            ],
            "meta": {"model": "m", "backend": "b", "templates": {}},
        }
    )
    tallies = score_record(record, case.gold, SECTIONS)
    organizations, kinds = tallies["organizations"], tallies["org kinds"]
    assert (organizations.gold, organizations.found, organizations.correct) == (4, 3, 2)
    assert (kinds.gold, kinds.found, kinds.predicted) == (2, 1, 2)
    assert kinds.missed == ["TASS: 'media', got 'government'"]
