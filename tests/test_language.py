"""Language: detected and recorded; an article in another language is refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer._cli.main import main
from summarizer._read.language import detect_language, foreign_words, without_foreign_words

SPANISH = (
    "El presidente de la república dijo el lunes que la economía del país crecerá más de lo "
    "esperado en los próximos meses, según los datos del banco central y las previsiones de "
    "los analistas consultados por la agencia."
)
WELSH = (
    "Mae'r rhain yn ddolenni allanol ac yn agor mewn ffenest newydd. Fe gafodd criwiau eu "
    "galw i'r digwyddiad yn gynnar fore Sul, ac mae'r heddlu yn apelio am wybodaeth gan "
    "unrhyw un a welodd y car yn teithio ar hyd y ffordd."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (SPANISH, "es"),
        ("Президент России заявил во вторник, что экономика страны будет расти.", "ru"),
        (WELSH, "und"),
        ("Results: Smith 6-4 6-3 Jones; Brown 7-5 6-2 White; Green 6-1 6-0 Black. " * 3, "en"),
        ("Short headline only", "en"),
    ],
)
def test_the_language_is_detected(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_every_fixture_article_is_english(fixtures_dir: Path) -> None:
    for path in (fixtures_dir / "articles").glob("*.txt"):
        assert detect_language(path.read_text(encoding="utf-8")) == "en", path.name


def test_an_article_in_another_language_is_refused_with_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_endpoint_configured: None
) -> None:
    path = tmp_path / "noticia.txt"
    path.write_text(SPANISH, encoding="utf-8")
    assert main([str(path), "--backend", "replay", "--recordings-dir", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "the article is in Spanish (es)" in error
    assert "--languages en,es" in error


def test_words_in_a_script_the_article_never_uses_are_found_and_taken_out() -> None:
    article = "Roman Chekushov met Liván Arronte Cruz in Havana."
    text = "Chekushov held a series of bilateral会议 with Liván Arronte"
    assert foreign_words(text, article) == ["会议"]
    assert (
        without_foreign_words(text, article)
        == "Chekushov held a series of bilateral with Liván Arronte"
    )
    # Accented Latin letters are the article's script; Cyrillic in a Russian article is too.
    assert foreign_words("Liván", article) == []
    assert foreign_words("встреча в Москве", "Министр провёл встречу в Москве.") == []
