"""Entities resolved across articles: acronyms, surnames alone, transliterations, and
different people who share a surname kept apart."""

from __future__ import annotations

from typing import Any

from digest_records import record

from summarizer._digest import Digest, DigestRecord, Entity, build_digest


def _digest(*records: dict[str, Any]) -> Digest:
    return build_digest(DigestRecord.model_validate(r) for r in records)


def _entity_in(digest: Digest, article: str, name: str) -> Entity:
    """The entity that ``article`` names ``name``."""
    found = [
        e for e in digest.entities for m in e.mentions if m.article == article and name in m.names
    ]
    assert len(found) == 1, (article, name, found)
    return found[0]


UK = [
    record(
        "pm",
        "Prime Minister Tony Blair met Conservative leader Michael Howard at the Commons.",
        people=(("Tony Blair", "Prime Minister"), ("Michael Howard", "Conservative leader")),
        organizations=("Conservative",),
    ),
    record(
        "police",
        "Metropolitan Police Commissioner Sir Ian Blair defended the force. Sir Ian said "
        "officers had acted lawfully.",
        people=(("Sir Ian Blair", "Metropolitan Police Commissioner"), "Sir Ian"),
        organizations=("Metropolitan Police",),
    ),
    record(
        "wife",
        "Cherie Blair, a barrister, spoke at a charity event. Mrs Blair thanked donors.",
        people=(("Cherie Blair", "barrister"), "Mrs Blair"),
    ),
    record(
        "australia",
        "Australian Prime Minister John Howard called an election.",
        people=(("John Howard", "Australian Prime Minister"),),
        countries=(("Australia", "AU", "Australian"),),
    ),
    record(
        "conference",
        "The Prime Minister, Mr Blair, told the Commons that Mr Howard, the Conservative "
        "leader, was wrong.",
        people=(("Mr Blair", "Prime Minister"), ("Mr Howard", "Conservative leader")),
        organizations=("Conservative",),
    ),
    record(
        "visit",
        "Mrs Blair visited a hospital in Leeds.",
        people=("Mrs Blair",),
    ),
]


def test_people_who_share_a_surname_stay_apart() -> None:
    digest = _digest(*UK)
    tony = _entity_in(digest, "pm", "Tony Blair")
    ian = _entity_in(digest, "police", "Sir Ian Blair")
    cherie = _entity_in(digest, "wife", "Cherie Blair")
    michael = _entity_in(digest, "pm", "Michael Howard")
    john = _entity_in(digest, "australia", "John Howard")
    assert len({tony.id, ian.id, cherie.id}) == 3
    assert michael.id != john.id
    assert "australia" not in michael.articles and "pm" not in john.articles


def test_a_surname_alone_joins_the_person_its_article_points_to() -> None:
    digest = _digest(*UK)
    # "Mr Blair, the Prime Minister" is Tony Blair, not Sir Ian; Mr Howard beside the
    # Conservatives is Michael Howard, not Australia's John Howard.
    assert _entity_in(digest, "conference", "Mr Blair") == _entity_in(digest, "pm", "Tony Blair")
    assert _entity_in(digest, "conference", "Mr Howard") == _entity_in(
        digest, "pm", "Michael Howard"
    )
    # "Mrs Blair" can only be Cherie Blair; "Sir Ian" in his own article is Sir Ian Blair.
    assert _entity_in(digest, "visit", "Mrs Blair").name == "Cherie Blair"
    assert _entity_in(digest, "police", "Sir Ian").name == "Sir Ian Blair"


def test_a_bare_given_name_is_the_person_of_its_own_article_only() -> None:
    digest = _digest(
        *UK[:3],
        record(
            "headline",
            "Cherie defends aides\n\nCherie Blair said her aides did nothing wrong.",
            people=("Cherie", "Cherie Blair"),
        ),
        record("elsewhere", "Cherie was not there.", people=("Cherie",)),
    )
    cherie = _entity_in(digest, "headline", "Cherie")
    assert cherie == _entity_in(digest, "wife", "Cherie Blair")
    assert "elsewhere" not in cherie.articles  # across articles a bare word is a surname


def test_a_surname_alone_with_no_pointer_stays_apart() -> None:
    digest = _digest(
        *UK[:4],
        record("ambiguous", "Mr Blair was not available for comment.", people=("Mr Blair",)),
    )
    alone = _entity_in(digest, "ambiguous", "Mr Blair")
    assert alone.articles == ["ambiguous"]


def test_a_surname_alone_joins_the_only_person_of_that_name_across_articles() -> None:
    digest = _digest(
        record(
            "arrest",
            "Yukos founder Mikhail Khodorkovsky was arrested in 2003.",
            people=("Mikhail Khodorkovsky",),
        ),
        record("trial", "Mr Khodorkovsky denies the charges.", people=("Mr Khodorkovsky",)),
        record("typo", "Mihkail Khodorkovsky stayed in jail.", people=("Mihkail Khodorkovsky",)),
    )
    entity = _entity_in(digest, "trial", "Mr Khodorkovsky")
    assert entity.name == "Mikhail Khodorkovsky"
    assert entity.articles == ["arrest", "trial", "typo"]
    assert set(entity.aliases) == {"Mr Khodorkovsky", "Mihkail Khodorkovsky"}


def test_transliterations_of_one_name_are_one_person() -> None:
    digest = _digest(
        record("a", "Muammar Gaddafi met envoys.", people=("Muammar Gaddafi",)),
        record("b", "Moammar Qaddafi spoke.", people=("Moammar Qaddafi",)),
        record("c", "Colonel Kadhafi left.", people=("Colonel Kadhafi",)),
        record("d", "Alexei Miller of Gazprom.", people=("Alexei Miller",)),
        record("e", "Aleksey Miller said.", people=("Aleksey Miller",)),
    )
    gaddafi = _entity_in(digest, "a", "Muammar Gaddafi")
    assert gaddafi.articles == ["a", "b", "c"]
    assert _entity_in(digest, "e", "Aleksey Miller").articles == ["d", "e"]


def test_a_full_name_and_its_acronym_across_articles_are_one_organisation() -> None:
    full = "Iranian Mines and Mining Industries Development and Renovation Organization"
    digest = _digest(
        record(
            "defined",
            f"The {full} (IMIDRO) signed a deal.",
            organizations=((full, "IMIDRO"),),
        ),
        record("acronym", "IMIDRO said output rose.", organizations=("IMIDRO",)),
        record("full", f"The {full} hired staff.", organizations=(full,)),
    )
    entity = _entity_in(digest, "acronym", "IMIDRO")
    assert entity.name == full and entity.kind == "organization"
    assert entity.articles == ["defined", "acronym", "full"]
    assert entity.id == "organization:imidro"


def test_an_acronym_joins_the_one_body_whose_initials_spell_it() -> None:
    digest = _digest(
        record(
            "a",
            "The International Energy Agency cut its forecast.",
            organizations=("International Energy Agency",),
        ),
        record("b", "The IEA said demand would grow.", organizations=("IEA",)),
    )
    assert _entity_in(digest, "b", "IEA").name == "International Energy Agency"


def test_an_acronym_two_bodies_share_stays_apart() -> None:
    digest = _digest(
        record(
            "a",
            "The Monetary Policy Committee (MPC) held rates.",
            organizations=(("Monetary Policy Committee", "MPC"),),
        ),
        record(
            "b",
            "The Metropolitan Police Commission (MPC) met.",
            organizations=(("Metropolitan Police Commission", "MPC"),),
        ),
        record("c", "The MPC said nothing.", organizations=("MPC",)),
    )
    assert _entity_in(digest, "a", "MPC") != _entity_in(digest, "b", "MPC")
    assert _entity_in(digest, "c", "MPC").articles == ["c"]


def test_a_body_written_with_and_without_its_legal_form_is_one() -> None:
    digest = _digest(
        record("a", "Menatep Group owns the shares.", organizations=("Menatep Group",)),
        record("b", "Group Menatep said.", organizations=("Group Menatep",)),
        record("c", "Yukos USA filed in Houston.", organizations=("Yukos USA",)),
        record("d", "Yukos appealed.", organizations=("Yukos",)),
    )
    assert _entity_in(digest, "a", "Menatep Group") == _entity_in(digest, "b", "Group Menatep")
    assert _entity_in(digest, "c", "Yukos USA") != _entity_in(digest, "d", "Yukos")


def test_countries_are_one_by_code_with_the_words_articles_use() -> None:
    digest = _digest(
        record("a", "Iranian exports rose.", countries=(("Iran", "IR", "Iranian"),)),
        record("b", "Iran said.", countries=(("Iran, Islamic Republic of", "IR", "Iran"),)),
    )
    iran = _entity_in(digest, "a", "Iranian")
    assert iran.id == "country:ir" and iran.name == "Iran" and iran.articles == ["a", "b"]
    assert "Iranian" in iran.aliases


def test_an_entity_lists_titles_over_time_and_one_mention_per_article() -> None:
    digest = _digest(
        record(
            "later",
            "Former IMIDRO head Vajihollah Jafari retired. Jafari said goodbye.",
            published="2024-10-27",
            people=(("Vajihollah Jafari", "Former IMIDRO head"), "Jafari"),
        ),
        record(
            "earlier",
            "IMIDRO head Vajihollah Jafari met Cuban officials.",
            published="2024-01-15",
            people=(("Vajihollah Jafari", "IMIDRO head"),),
        ),
    )
    jafari = _entity_in(digest, "later", "Vajihollah Jafari")
    assert [(t.title, t.first) for t in jafari.titles] == [
        ("IMIDRO head", "2024-01-15"),
        ("Former IMIDRO head", "2024-10-27"),
    ]
    assert [m.article for m in jafari.mentions] == ["later", "earlier"]
    later = jafari.mentions[0]
    assert later.names == ["Vajihollah Jafari", "Jafari"]
    assert later.evidence.start == "Former IMIDRO head ".__len__()


def test_an_events_participant_the_lists_leave_out_is_a_mention_with_its_evidence() -> None:
    text = "Yukos lost its main unit at auction, the company said."
    digest = _digest(
        record("listed", "Yukos appealed.", organizations=("Yukos",)),
        record(
            "event",
            text,
            events=(
                {
                    "kind": "sanction",
                    "description": "Yukos lost its unit",
                    "participants": ["Yukos"],
                    "evidence": "Yukos lost its main unit at auction",
                },
            ),
        ),
    )
    yukos = _entity_in(digest, "event", "Yukos")
    assert yukos.articles == ["listed", "event"]
    mention = yukos.mentions[1]
    assert text[mention.evidence.start : mention.evidence.end] == "Yukos"


def test_an_acronym_of_two_letters_joins_no_body_by_its_initials_alone() -> None:
    digest = _digest(
        record("a", "The EU imposed tariffs.", organizations=("EU",)),
        record("b", "Energy UK, the trade body, objected.", organizations=("Energy UK",)),
        record("c", "The EU said talks would go on.", organizations=("EU",)),
    )
    assert _entity_in(digest, "a", "EU") is _entity_in(digest, "c", "EU")
    assert _entity_in(digest, "a", "EU") is not _entity_in(digest, "b", "Energy UK")


def test_a_country_in_capitals_is_never_cited_by_a_pronoun() -> None:
    digest = _digest(
        record("a", "The US raised tariffs.", countries=(("United States", "US", "US"),)),
        record(
            "b",
            "He told us the deal with US firms was signed.",
            events=(
                {
                    "description": "deal signed",
                    "participants": ["US"],
                    "evidence": "He told us the deal with US firms was signed",
                },
            ),
        ),
    )
    us = next(e for e in digest.entities if e.id.startswith("country:"))
    [mention] = [m for m in us.mentions if m.article == "b"]
    assert mention.evidence.text == "US" and mention.evidence.start == 25
