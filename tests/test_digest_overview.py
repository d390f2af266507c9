"""The digest's overview through the real openai + instructor stack over a scripted
transport: every sentence cites digest items and is checked against them."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from digest_records import copper_beat

from summarizer import Settings, Summarizer, ValidationFailedError
from summarizer._cli.main import main
from summarizer._digest import (
    Digest,
    DigestRecord,
    Overview,
    build_digest,
    render_markdown,
    write_html,
    write_overview,
)

from scripted import Script, completion, script

GROUNDED = {
    "text": "Iran produced 265,000 tonnes of copper cathode in 2023, up from 240,000 "
    "tonnes in 2022.",
    "cites": ["F1"],
}
ALSO = {"text": "IMIDRO is named in all three articles.", "cites": ["E1"]}
MEETING = {
    "text": "Vajihollah Jafari met Cuban officials in Havana on 2024-03-05.",
    "cites": ["T4"],
}
INVENTED_NUMBER = {"text": "Output will reach 400,000 tonnes in 2025.", "cites": ["F1"]}
INVENTED_NAME = {"text": "Gazprom bought into the Iranian copper trade.", "cites": ["E1"]}


def _beat() -> Digest:
    return build_digest(DigestRecord.model_validate(r) for r in copper_beat())


def _ask(digest: Digest, scripted: Script, **settings: Any) -> Overview:
    summarizer = Summarizer(
        Settings(backend="openai", model="scripted", **settings), transport=scripted.transport()
    )

    async def ask() -> Overview:
        async with summarizer:
            return await write_overview(digest, summarizer)

    return asyncio.run(ask())


def _answer(*sentences: dict[str, Any]) -> dict[str, Any]:
    return completion({"sentences": list(sentences)})


def test_a_grounded_overview_cites_the_items_it_draws_on() -> None:
    scripted = script(overview=_answer(GROUNDED, ALSO))
    overview = _ask(_beat(), scripted)
    assert overview.text == f"{GROUNDED['text']} {ALSO['text']}"
    assert [s.cites for s in overview.sentences] == [["F1"], ["E1"]]
    assert overview.items["F1"].startswith("Iran — copper cathode production (tonne): 2022")
    assert overview.dropped == [] and overview.model == "scripted"
    (request,) = scripted.requests["overview"]
    assert "F1: Iran — copper cathode production (tonne)" in request["messages"][1]["content"]
    schema = json.dumps(request["response_format"])
    assert '"E1"' in schema and '"L6"' in schema  # the ids are an enum of the schema


def test_a_number_no_cited_item_states_is_sent_back_with_the_reason() -> None:
    scripted = script(overview=[_answer(GROUNDED, INVENTED_NUMBER), _answer(GROUNDED, ALSO)])
    overview = _ask(_beat(), scripted)
    assert len(scripted.requests["overview"]) == 2
    reask = scripted.requests["overview"][1]["messages"][-1]["content"]
    assert "sentence 2 writes 400,000, which none of the items it cites states" in reask
    assert [s.text for s in overview.sentences] == [GROUNDED["text"], ALSO["text"]]


def test_what_still_fails_after_the_last_reask_is_dropped_and_listed() -> None:
    scripted = script(overview=_answer(GROUNDED, INVENTED_NAME))
    overview = _ask(_beat(), scripted, max_reasks=1)
    assert len(scripted.requests["overview"]) == 2
    assert overview.text == GROUNDED["text"]
    (dropped,) = overview.dropped
    assert dropped.text == INVENTED_NAME["text"]
    assert dropped.reason == "names 'Gazprom', which none of the items it cites names"


def test_an_id_outside_the_digest_and_an_overview_with_nothing_grounded_fail() -> None:
    unknown = {"text": "Iran produced 240,000 tonnes in 2022.", "cites": ["E99"]}
    with pytest.raises(ValidationFailedError, match="no grounded overview after 2 attempts"):
        _ask(_beat(), script(overview=_answer(unknown)), max_reasks=1)
    with pytest.raises(ValidationFailedError):
        _ask(_beat(), script(overview=_answer(INVENTED_NUMBER)), max_reasks=0)


def test_the_brief_and_the_page_show_the_overview_with_links_to_its_items() -> None:
    digest = _beat()
    digest.overview = _ask(digest, script(overview=_answer(GROUNDED, ALSO, MEETING)))
    brief = render_markdown(digest)
    assert "## Overview" in brief and "in 2022. [F1] IMIDRO is named" in brief
    assert "- F1: Iran — copper cathode production (tonne)" in brief
    out = io.StringIO()
    write_html(digest, out)
    page = out.getvalue()
    for anchor in ("fig-0", "ent-0", "tl-3"):  # T4: the fourth dated entry, the meeting
        assert f'<a class="cite" href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert digest.timeline[3].kind == "meeting"
    data = json.loads(digest.to_json())
    assert list(data) == ["overview", "entities", "timeline", "figures", "links"]
    assert data["overview"]["sentences"][0]["cites"] == ["F1"]


def test_without_an_answer_the_command_still_writes_the_digest_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "digest.json"
    arguments = [str(FIXTURES / "expected"), "--overview", "--backend", "replay"]
    code = main(["digest", *arguments, "--recordings-dir", str(tmp_path), "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("summarize: error: no overview: no recording for article 'digest-")
    assert err.count("\n") == 1
    assert list(json.loads(out.read_text())) == ["entities", "timeline", "figures", "links"]
    assert main(["digest", str(FIXTURES / "expected"), "--model", "m"]) == 2
    assert "--model: only with --overview" in capsys.readouterr().err
