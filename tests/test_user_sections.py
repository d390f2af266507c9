"""Users' own sections from files: loaded, asked, verified and grounded as ours are."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_summarizer import GOOD_ANSWERS, summarizer_over

from summarizer import SectionFileError
from summarizer._cli.main import main
from summarizer._reports import open_report
from summarizer._reports.markdown import render_markdown
from summarizer.sections import Sections
from summarizer.sections.user import load_section_file

from scripted import completion, script

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "sections"
TONS = (
    "This resulted in a total output of 145,000 tons of copper cathode, a crucial raw material "
    "for manufacturing copper rods used extensively in the wire and cable industry."
)


@pytest.fixture
def article_001(fixtures_dir: Path) -> str:
    return (fixtures_dir / "articles" / "001_e881001fa6066b09.txt").read_text(encoding="utf-8")


def _production(*items: dict[str, object]) -> dict[str, object]:
    return {"production": list(items)}


def test_the_example_sections_load_beside_the_built_in_ones() -> None:
    sections = Sections.load(EXAMPLES)
    assert list(sections)[-2:] == ["agreements", "production"]
    production = sections["production"]
    assert production.csv_columns == ("commodity", "quantity", "period", "producer", "country")
    prompt = production.template.render(  # type: ignore[attr-defined]
        {
            "article": "A.",
            "people": [],
            "organisations": [],
            "countries": [],
            "candidates": ["[1] 5%"],
        }
    )[-1]["content"]
    assert "[1] 5%" in prompt and "- quantity: how much was produced" in prompt
    assert "- evidence: the sentence of the article that states it" in prompt


def test_a_quantity_is_grounded_as_a_figure_with_its_period_as_an_iso_interval(
    article_001: str,
) -> None:
    answer = _production(
        {
            "commodity": "copper cathode",
            "quantity": 2,
            "period": "first half of the current Iranian calendar year",
            "producer": "IMIDRO",
            "country": "Iran",
            "evidence": TONS,
        }
    )
    scripted = script(production=completion(answer))
    summarizer = summarizer_over(
        scripted.transport(), sections_dir=EXAMPLES, sections=("production",)
    )
    record = summarizer.summarize(article_001)
    [item] = record.extra["production"]
    assert item["commodity"] == "copper cathode"
    assert item["quantity"]["value"] == 145000 and item["quantity"]["unit"] == "tonne"
    assert item["period"] == {
        "text": "first half of the current Iranian calendar year",
        "iso": "2024-03-20/2024-09-21",
    }
    assert item["country"] == {"name": "Iran", "code": "IR"}
    start, end = item["evidence"]["start"], item["evidence"]["end"]
    assert article_001[start:end] == item["evidence"]["text"] == TONS
    # The schema lets the model name only the numbers the code found.
    schema = json.dumps(scripted.requests["production"][0]["response_format"])
    assert '"enum": [1, 2, 3]' in schema


def test_an_item_the_article_does_not_support_is_reasked_then_dropped(article_001: str) -> None:
    invented = _production(
        {"commodity": "gold bullion", "quantity": 2, "evidence": TONS},
        {"commodity": "copper cathode", "quantity": 2, "evidence": "Iran mined 9m tons of gold."},
        {"commodity": "copper cathode", "quantity": 2, "evidence": TONS},
    )
    scripted = script(production=completion(invented))
    record = summarizer_over(
        scripted.transport(), sections_dir=EXAMPLES, sections=("production",)
    ).summarize(article_001)
    assert [i["commodity"] for i in record.extra["production"]] == ["copper cathode"]
    # The first answer, and a re-ask answered word for word as before: not asked again.
    assert len(scripted.requests["production"]) == 2
    reasons = " ".join(d.reason for d in record.meta.dropped if d.section == "production")
    assert "'gold bullion': not written in the article" in reasons
    assert "its evidence is not a verbatim passage of the article" in reasons


def test_user_sections_fill_extra_and_the_built_in_record_is_untouched(
    article_002: str,
) -> None:
    record = summarizer_over(
        script(**GOOD_ANSWERS, agreements=completion({"agreements": []})).transport(),
        sections_dir=EXAMPLES,
        sections=("people", "agreements"),
    ).summarize(article_002)
    assert record.extra == {"agreements": []}
    assert [p.name for p in record.people] == ["Roman Chekushov"]
    assert set(record.meta.templates) == {"people", "agreements"}


def test_reports_show_a_user_sections_items(article_001: str) -> None:
    answer = _production({"commodity": "copper cathode", "quantity": 2, "evidence": TONS})
    sections = Sections.load(EXAMPLES)
    record = summarizer_over(
        script(production=completion(answer)).transport(),
        sections_dir=EXAMPLES,
        sections=("production",),
    ).summarize(article_001)
    out = io.StringIO()
    report = open_report("csv", out, section="production", sections=sections)
    report.add(record, article_001)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["commodity"], row["quantity"]) == ("copper cathode", "145,000 tonne")
    assert row["evidence"] == TONS
    assert "| copper cathode | 145,000 tonne |" in render_markdown(record, sections)
    page = io.StringIO()
    html = open_report("html", page, sections=sections)
    html.add(record, article_001)
    html.close()
    assert 'class="fact sec-production"' in page.getvalue()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('prompt = "List."\n[fields.x]\ntype = "txt"\n', "field 'x': type 'txt' is not one of"),
        ("[fields.x]\ntype = 'text'\n", "'prompt' must be the instruction"),
        ('prompt = "List."\n', "needs a [fields] table"),
        ('prompt = "List."\n[fields.k]\ntype = "enum"\n', "field 'k': an enum needs 'values'"),
        ('prompt = "List."\n[fields.p]\ntype = "list"\n', "field 'p': a list needs 'items'"),
        (
            'prompt = "List."\n[fields.evidence]\ntype = "text"\n',
            "field 'evidence': the name is reserved",
        ),
        ('prompt = "List."\n[fields.Bad]\ntype = "text"\n', "field 'Bad': a field name is lower"),
        ('prompt = "List."\nfoo = 1\n[fields.x]\ntype = "text"\n', "unknown key 'foo'"),
        ('prompt = "List.\n', "not valid TOML"),
        ('name = "people"\nprompt = "L."\n[fields.x]\ntype = "text"\n', "is a built-in one's"),
    ],
)
def test_a_section_file_with_a_mistake_is_one_clear_error(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SectionFileError, match=problem.replace("[", r"\[")) as error:
        load_section_file(path)
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)


def test_the_command_refuses_a_bad_section_file_before_any_model_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixtures_dir: Path
) -> None:
    (tmp_path / "deals.toml").write_text('prompt = "List."\n[fields.x]\ntype = "money"\n')
    article = str(fixtures_dir / "articles" / "001_e881001fa6066b09.txt")
    assert main([article, "--backend", "replay", "--sections", str(tmp_path)]) == 3
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("summarize: error: ") and "deals.toml: field 'x'" in line


def test_a_json_schema_file_defines_the_same_section(tmp_path: Path, article_001: str) -> None:
    schema = {
        "title": "Output",
        "description": "List the production figures the article states.",
        "properties": {
            "commodity": {"type": "string", "description": "what is produced"},
            "quantity": {"type": "number"},
            "producer": {"type": "string", "x-type": "organization"},
        },
        "required": ["commodity", "quantity"],
    }
    (tmp_path / "output.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    section = Sections.load(tmp_path)["output"]
    assert [f.type for f in section.spec.fields] == ["text", "quantity", "organization"]  # type: ignore[attr-defined]
    answer = {"output": [{"commodity": "copper cathode", "quantity": 2, "evidence": TONS}]}
    record = summarizer_over(
        script(output=completion(answer)).transport(), sections_dir=tmp_path, sections=("output",)
    ).summarize(article_001)
    assert record.extra["output"][0]["quantity"]["value"] == 145000
