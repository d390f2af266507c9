"""The `summarize` command: a thin adapter with one-line errors and meaningful exit codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from summarizer._cli.main import main
from summarizer._console import EXIT_USAGE

ARTICLE = "fixtures/articles/002_39b5d57e1b64ae26.txt"


@pytest.fixture(autouse=True)
def _at_repo_root(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch, no_endpoint_configured: None
) -> None:
    monkeypatch.chdir(fixtures_dir.parent)


def test_one_article_prints_one_json_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([ARTICLE, "--backend", "replay"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"]["id"] == "002_39b5d57e1b64ae26"
    assert set(record) == {
        "source",
        "summary",
        "people",
        "organizations",
        "countries",
        "events",
        "figures",
        "quotes",
        "topics",
        "extra",
        "meta",
    }


def test_several_articles_print_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    other = "fixtures/articles/001_e881001fa6066b09.txt"
    assert main([ARTICLE, other, "--backend", "replay"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["source"]["id"] for line in lines] == [
        "002_39b5d57e1b64ae26",
        "001_e881001fa6066b09",
    ]


def test_markdown_output_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    assert main([ARTICLE, "--backend", "replay", "--format", "markdown", "-o", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("# ")
    assert "| Name | Title | Organisation |" in text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b"   \n"), "empty"),
        (lambda d: _write(d / "doc.pdf", b"%PDF-1.4 binary"), "PDF"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_a_nonzero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code = main([str(path), "--backend", "replay"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err


def test_a_bad_article_among_good_ones_fails_the_run_but_keeps_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(tmp_path / "missing.txt"), ARTICLE, "--backend", "replay"])
    captured = capsys.readouterr()
    assert code == 1
    assert json.loads(captured.out)["source"]["id"] == "002_39b5d57e1b64ae26"


def test_an_unknown_section_is_a_configuration_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([ARTICLE, "--backend", "replay", "--templates", "people,gossip"]) == 3
    assert "unknown section 'gossip'" in capsys.readouterr().err


def test_a_request_with_no_recording_names_article_template_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = _write(tmp_path / "brand_new.txt", b"Roman Chekushov visited Cuba on Monday.")
    assert main([str(article), "--backend", "replay", "--templates", "people"]) == 1
    err = capsys.readouterr().err
    assert "'brand_new'" in err and "'people'" in err and "the article is new" in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_an_article_on_stdin_is_read_with_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    data = Path(ARTICLE).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    # An article from stdin is named by its content hash, under which nothing is recorded.
    assert main(["-", "--backend", "replay", "--templates", "people"]) == 1
    err = capsys.readouterr().err
    assert "the article is new" in err
    assert hashlib.sha256(data).hexdigest()[:12] in err


def test_several_base_urls_repeated_or_comma_separated_share_the_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import summarizer._backends.build as backends
    from summarizer._backends.spreading import SpreadingTransport
    from summarizer._cli.main import _settings, build_parser

    urls = ["--base-url", "http://a/v1, http://b/v1", "--base-url", "http://c/v1"]
    settings = _settings(build_parser().parse_args(["a.txt", "--model", "m", *urls]))
    assert settings.base_url == "http://a/v1"
    assert settings.base_urls == ("http://b/v1", "http://c/v1")
    monkeypatch.setattr(backends, "ALLOW_MODEL_REQUESTS", True)  # building connects nowhere
    transport, base_url = backends.build_transport(settings)
    assert base_url == "http://a/v1" and isinstance(transport, SpreadingTransport)


def test_ray_options_are_refused_on_the_local_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([ARTICLE, "--backend", "replay", "--actors", "3"]) == 2
    assert "--actors and --ray-address are for --engine ray" in capsys.readouterr().err


def test_the_ray_engine_writes_into_a_directory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([ARTICLE, "--backend", "replay", "--engine", "ray"]) == 2
    assert "-o DIR" in capsys.readouterr().err


def test_a_ray_address_where_nothing_listens_is_one_line_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("ray", reason="the ray extra is not installed")
    import socket

    with socket.socket() as probe:  # a port nothing listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        code = main(
            [ARTICLE, "--backend", "replay", "--engine", "ray", "-o", str(tmp_path / "out"),
             "--ray-address", f"127.0.0.1:{port}"]
        )  # fmt: skip
    assert code == 3
    err = capsys.readouterr().err
    assert f"--ray-address 127.0.0.1:{port}: cannot connect (nothing answers at" in err


def test_fixtures_with_a_setting_that_does_not_resolve_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUMMARIZER_MODEL", raising=False)
    assert main(["fixtures", "refresh", "--backend", "openai"]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "needs a model name" in err


def test_max_reasks_is_passed_on_and_a_negative_one_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from summarizer._cli.main import _settings, build_parser

    given = _settings(build_parser().parse_args(["a.txt", "--max-reasks", "1"]))
    assert given.effective_max_reasks == 1
    assert main([ARTICLE, "--backend", "replay", "--max-reasks", "-1"]) == EXIT_USAGE
    assert "--max-reasks must be 0 or more" in capsys.readouterr().err
