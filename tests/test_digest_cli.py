"""``summarize digest``: records in (JSONL, JSON, directories, stdin), three formats out,
one-line errors for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from digest_records import record

from summarizer._cli.main import main
from summarizer._digest import read_records
from summarizer._errors import InputError

EXPECTED = str(FIXTURES / "expected")


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["digest", *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_fixture_records_digest_to_json_with_four_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, EXPECTED)
    assert code == 0
    digest = json.loads(out)
    assert list(digest) == ["entities", "timeline", "figures", "links"]
    imidro = next(e for e in digest["entities"] if e["id"] == "organization:imidro")
    assert imidro["aliases"] == ["IMIDRO"]
    assert imidro["articles"] == ["000_e4a2d466ecf2517c", "001_e881001fa6066b09"]
    assert set(imidro) == {"id", "name", "kind", "aliases", "titles", "articles", "mentions"}
    assert "8 articles" in err


@pytest.mark.parametrize("output_format", ["json", "markdown", "html"])
def test_each_format_is_written_to_a_file(
    output_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"digest.{output_format}"
    arguments = [EXPECTED, "--format", output_format, "-o", str(out), "-q"]
    code, stdout, err = _run(capsys, *arguments, "--articles", str(FIXTURES / "articles"))
    assert (code, stdout, err) == (0, "", "")
    written = out.read_text(encoding="utf-8")
    assert "Iranian Mines and Mining Industries Development and Renovation Organization" in written
    if output_format == "html":
        assert written.count('<article class="doc"') == 8
        assert written.count('<div class="body">') == 8  # every article's text was found


def test_a_directory_of_jsonl_digests_without_its_errors_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = sorted((FIXTURES / "expected").glob("*.json"))
    lines = "".join(json.dumps(json.loads(path.read_text())) + "\n" for path in records)
    (tmp_path / "records.jsonl").write_text(lines)  # as `summarize -o records.jsonl` writes
    (tmp_path / "records.jsonl.errors.jsonl").write_text('{"article": "x", "error": "y"}\n')
    # and the error shards of `summarize --engine ray -o DIR`
    (tmp_path / "errors-r1-000000.jsonl").write_text('{"article": "x", "error": "y"}\n')
    code, out, _ = _run(capsys, str(tmp_path), "-q")
    assert code == 0
    _, same, _ = _run(capsys, EXPECTED, "-q")
    assert json.loads(out) == json.loads(same)


def test_a_record_given_twice_is_digested_once(capsys: pytest.CaptureFixture[str]) -> None:
    one = str(FIXTURES / "expected" / "000_e4a2d466ecf2517c.json")
    code, out, err = _run(capsys, one, one)
    assert code == 0 and "1 duplicate record skipped" in err
    assert all(len(e["articles"]) == 1 for e in json.loads(out)["entities"])


def test_a_completed_record_takes_the_place_of_its_partial_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "IMIDRO and Vajihollah Jafari."
    complete = record("a", text, people=("Vajihollah Jafari",), organizations=("IMIDRO",))
    failed = [{"section": "people", "error": "ValidationFailedError", "reason": "no answer"}]
    partial = {**complete, "people": [], "meta": {**complete["meta"], "failed": failed}}
    other = record("b", "IMIDRO again.", organizations=("IMIDRO",))
    path = tmp_path / "resumed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (partial, other, complete)))
    code, out, err = _run(capsys, str(path))
    assert code == 0 and "duplicate" not in err and "partial" not in err
    names = [e["name"] for e in json.loads(out)["entities"]]
    assert "Vajihollah Jafari" in names
    path.write_text(json.dumps(partial) + "\n" + json.dumps(other) + "\n")
    code, out, err = _run(capsys, str(path))
    assert code == 0 and "1 partial record (a section failed" in err


def test_the_summarys_shape_does_not_matter(tmp_path: Path) -> None:
    text = "Iran's IMIDRO signed a deal."
    points = {"text": "A deal", "evidence": {"text": "a deal", "start": 21, "end": 27}}
    summary = {"headline": "A deal", "lede": "IMIDRO signed.", "key_points": [points]}
    path = tmp_path / "new.jsonl"
    path.write_text(
        json.dumps(record("new", text, organizations=("IMIDRO",), summary=summary)) + "\n"
    )
    (only,) = read_records([str(path)])
    assert only.headline == "A deal" and only.organizations[0].name == "IMIDRO"


def test_a_json_list_and_stdin_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = json.loads((FIXTURES / "expected" / "000_e4a2d466ecf2517c.json").read_text())
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([first, first], indent=2))
    assert len(list(read_records([str(listed)]))) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(first) + "\n\n" + json.dumps(first)))
    assert len(list(read_records(["-"]))) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"source": {"id": "a"}, "meta": {}}\nnot json\n', "bad.jsonl:2: not JSON"),
        ('{"id": "x", "text": "an article, not a record"}\n', "bad.jsonl:1: not a record"),
        (
            '{"source": {"id": "a"}, "people": [{"name": "X"}]}\n',
            "bad.jsonl:1: not a valid record (people.0.evidence: Field required)",
        ),
    ],
)
def test_bad_records_are_one_line_errors_that_say_where(
    content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content)
    code, out, err = _run(capsys, str(bad))
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
    with pytest.raises(InputError):
        list(read_records([str(bad)]))


def test_no_records_at_all_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert _run(capsys, str(empty))[0] == 2
    code, _, err = _run(capsys, str(tmp_path / "missing.jsonl"))
    assert code == 2 and "no such file" in err
    (tmp_path / "folder").mkdir()
    code, _, err = _run(capsys, str(tmp_path / "folder"))
    assert code == 2 and "no *.jsonl or *.json records" in err


def test_an_output_that_cannot_be_written_is_one_line_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "digest.json"
    code, _, err = _run(capsys, EXPECTED, "-o", str(target))
    assert code == 2 and err == f"summarize: error: {target}: No such file or directory\n"
    done = tmp_path / "digest.json"
    assert _run(capsys, EXPECTED, "-o", str(done), "-q")[0] == 0
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["digest.json"]


def test_articles_that_cannot_be_found_leave_their_views_to_the_spans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "digest.html"
    code, _, err = _run(
        capsys, EXPECTED, "--format", "html", "-o", str(out), "--articles", str(tmp_path / "nope")
    )
    assert code == 0
    assert "warning" in err and "8 of 8 articles have no text" in err
    page = out.read_text(encoding="utf-8")
    assert '<div class="body">' not in page and page.count('<ol class="cited-spans">') == 8


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    lines = []
    for copy in range(20):  # a page far larger than a pipe's buffer
        for path in sorted((FIXTURES / "expected").glob("*.json")):
            data = json.loads(path.read_text())
            data["source"]["id"] += f"-{copy}"
            data["source"]["content_hash"] = f"{copy}-{data['source']['content_hash']}"
            lines.append(json.dumps(data))
    records = tmp_path / "many.jsonl"
    records.write_text("\n".join(lines) + "\n")
    command = [sys.executable, "-m", "summarizer._cli.main", "digest", str(records)]
    process = subprocess.Popen(
        [*command, "--format", "html", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b"<!DOCTYPE html>")
    process.stdout.close()
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""
    process.stderr.close()
