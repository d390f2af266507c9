"""Records for digest tests, written from an article's text: every evidence span is cut
from the text, so each record validates against its article as a real one does."""

from __future__ import annotations

import hashlib
from typing import Any

from summarizer import ArticleSummary


def span(text: str, fragment: str, *, after: str = "") -> dict[str, Any]:
    """The evidence of ``fragment`` in ``text`` (its first occurrence after ``after``)."""
    begin = text.index(after) if after else 0
    start = text.index(fragment, begin)
    return {"text": fragment, "start": start, "end": start + len(fragment)}


def record(
    identifier: str,
    text: str,
    *,
    published: str | None = None,
    people: tuple[str | tuple[str, str], ...] = (),
    organizations: tuple[str | tuple[str, str], ...] = (),
    countries: tuple[tuple[str, str, str], ...] = (),
    events: tuple[dict[str, Any], ...] = (),
    figures: tuple[dict[str, Any], ...] = (),
    summary: Any = None,
) -> dict[str, Any]:
    """A record of ``text``: people as names or (name, title); organisations as names or
    (name, acronym); countries as (name, code, the word written); events and figures as
    their fields, with ``evidence`` given as the fragment of the text it quotes."""
    data: dict[str, Any] = {
        "source": {
            "id": identifier,
            "path": f"{identifier}.txt",
            "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "published": published,
        },
        "summary": summary,
        "people": [_person(text, p) for p in people],
        "organizations": [_organization(text, o) for o in organizations],
        "countries": [
            {"name": name, "code": code, "evidence": span(text, word)}
            for name, code, word in countries
        ],
        "events": [_with_evidence(text, {"kind": "other", **e}) for e in events],
        "figures": [_with_evidence(text, f) for f in figures],
        "meta": {"model": "test", "backend": "test", "templates": {}},
    }
    # Every span checked against the text; the summary is whatever shape the test gives.
    ArticleSummary.model_validate({**data, "summary": None}, context={"article": text})
    return data


def _person(text: str, person: str | tuple[str, str]) -> dict[str, Any]:
    name, title = (person, None) if isinstance(person, str) else person
    return {"name": name, "title": title, "evidence": span(text, name)}


def _organization(text: str, organization: str | tuple[str, str]) -> dict[str, Any]:
    name, acronym = (organization, None) if isinstance(organization, str) else organization
    written = name if name in text else acronym or name
    return {"name": name, "acronym": acronym, "evidence": span(text, written)}


def _with_evidence(text: str, fact: dict[str, Any]) -> dict[str, Any]:
    return {**fact, "evidence": span(text, fact["evidence"])}


BEAT = {
    "beat-2022": "Iran produced 240,000 tonnes of copper cathode in 2022, IMIDRO said.",
    "beat-2023": "IMIDRO head Vajihollah Jafari said Iran produced 265,000 tonnes of copper "
    "cathode in 2023, and met Cuban officials in Havana on 5 March 2024.",
    "beat-2024": "Copper cathode production in Iran rose 12 percent in the first half of "
    "2024, the Iranian Mines and Mining Industries Development and Renovation Organization "
    "(IMIDRO) said.",
}
_IMIDRO = "Iranian Mines and Mining Industries Development and Renovation Organization"
_PRODUCTION = {"metric": "copper cathode production", "subject": "Iran"}


def copper_beat() -> list[dict[str, Any]]:
    """Three articles on one beat (texts in ``BEAT``): a tonnage by year and a change, a
    meeting, a body named in full and by acronym."""
    return [
        record(
            "beat-2022",
            BEAT["beat-2022"],
            organizations=("IMIDRO",),
            countries=(("Iran", "IR", "Iran"),),
            figures=(_tonnes(240000, "2022"),),
        ),
        record(
            "beat-2023",
            BEAT["beat-2023"],
            published="2024-03-06",
            people=(("Vajihollah Jafari", "IMIDRO head"),),
            organizations=("IMIDRO",),
            countries=(("Iran", "IR", "Iran"), ("Cuba", "CU", "Cuban")),
            events=(
                {
                    "kind": "meeting",
                    "description": "Jafari met Cuban officials in Havana",
                    "participants": ["Vajihollah Jafari", "Cuba"],
                    "date_iso": "2024-03-05",
                    "evidence": "met Cuban officials in Havana on 5 March 2024",
                },
            ),
            figures=(_tonnes(265000, "2023"),),
        ),
        record(
            "beat-2024",
            BEAT["beat-2024"],
            organizations=((_IMIDRO, "IMIDRO"),),
            countries=(("Iran", "IR", "Iran"),),
            figures=(
                {
                    **_PRODUCTION,
                    "value": 12,
                    "unit": "percent",
                    "surface": "12 percent",
                    "period": "the first half of 2024",
                    "period_iso": "2024-01-01/2024-06-30",
                    "change": {"direction": "up", "amount": 12, "text": "rose 12 percent"},
                    "evidence": "Copper cathode production in Iran rose 12 percent",
                },
            ),
        ),
    ]


def _tonnes(value: int, year: str) -> dict[str, Any]:
    surface = f"{value:,} tonnes"
    return {
        **_PRODUCTION,
        "value": value,
        "unit": "tonne",
        "surface": surface,
        "period": year,
        "period_iso": year,
        "evidence": f"produced {surface} of copper cathode in {year}",
    }
