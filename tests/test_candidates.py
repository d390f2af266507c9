"""Candidates computed from the text: quoted passages and names."""

from __future__ import annotations

import pytest

from summarizer._cues.names import name_candidates
from summarizer._cues.quotes import attribute_quotes, quote_candidates, quoted_passages


def test_quoted_passages_are_found_and_scare_quotes_skipped() -> None:
    text = (
        'He said: \u201cWe will build the plant by next year.\u201d A "win-win" deal. '
        '"Prices will rise sharply," she added.'
    )
    found = quote_candidates(text)
    assert [q.span.text for q in found] == [
        "We will build the plant by next year.",
        "Prices will rise sharply,",
    ]


def test_names_are_listed_once_in_order_of_mention() -> None:
    text = "Roman Chekushov met Eloy Alvarez. Later Chekushov visited the plant. The IMIDRO head."
    assert name_candidates(text) == ["Roman Chekushov", "Eloy Alvarez", "Chekushov", "IMIDRO"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Eloy Alvarez met Roman Chekushov. "We will finish the plant soon," Chekushov said.',
            "Roman Chekushov",
        ),
        # "he" is the subject the text left off with, not whoever was named last.
        (
            'Roman Chekushov met Eloy Alvarez. "We will finish the plant soon," he said.',
            "Roman Chekushov",
        ),
        (
            "Roman Chekushov was in a spat with Cuba's Eloy Alvarez. The Russian doubted "
            'Alvarez\'s claims. "It was a bad idea," he said.',
            "Roman Chekushov",
        ),
        (
            'Roman Chekushov spoke. Then Eloy Alvarez arrived. "We will finish soon," he said.',
            "Eloy Alvarez",
        ),
        # A person the body describes speaks, not the body; not whom it was told to.
        (
            "Mr Chekushov, who ran Volga Steel, said no. The film starred Eloy Alvarez. "
            '"I\'m no actor," said the Volga Steel founder, who told Eloy Alvarez so.',
            "Roman Chekushov",
        ),
        (
            'The Trade Ministry said Roman Chekushov met officials. "Talks covered aircraft and '
            'cars," the statement noted.',
            "Trade Ministry",
        ),
    ],
)
def test_the_attribution_suggests_the_speaker(text: str, speaker: str) -> None:
    people = ["Roman Chekushov", "Eloy Alvarez"]
    assert _speakers(text, people, ["Trade Ministry", "Volga Steel"]) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A possessive is whose thing it is, not who speaks.
        (
            "Roman Chekushov spoke in Delhi. He accused Mr Alvarez's ministry of \"being far "
            'less than open" over the plan.',
            "Roman Chekushov",
        ),
        # The sentence's subject, before a long apposition.
        (
            "Eloy Alvarez met the press. Roman Chekushov, director, of Volga Steel - an "
            'industrial company - told reporters this was "a big step for us".',
            "Roman Chekushov",
        ),
        # A spokesman speaks for the body, and "he" after that is the spokesman.
        (
            "Eloy Alvarez sang. A spokesman for the British Music Industry (BMI) said so. "
            '"Work is going on right now," he said.',
            "British Music Industry",
        ),
        # A body the attribution names speaks; one it was told to does not.
        (
            'Eloy Alvarez met them. "The divide is closing fast," the Volga Steel report said.',
            "Volga Steel",
        ),
        (
            'Roman Chekushov, director, told the BMI this was "a big step for us".',
            "Roman Chekushov",
        ),
        # A phrase the sentence quotes without anyone saying it is no one's speech.
        (
            'Eloy Alvarez was arrested in raids aimed at fighting "criminal theft on the '
            'networks".',
            None,
        ),
    ],
)
def test_the_speaker_is_who_the_sentence_says_speaks(text: str, speaker: str | None) -> None:
    people = ["Roman Chekushov", "Eloy Alvarez"]
    assert _speakers(text, people, ["BMI", "Volga Steel"]) == [speaker]


def test_quotes_continued_in_a_flattened_paragraph_pair_their_marks_by_position() -> None:
    # News leaves a quote that runs into the next paragraph open; a flattened text then
    # has an opening mark inside an open quote.
    text = (
        'Eloy Alvarez said: "It should not be an offence to object. "Workers should not be '
        'forced to choose." Mr Alvarez, who said the "problem is far worse than they show", '
        "left."
    )
    assert [text[start:end] for start, end in quoted_passages(text)] == [
        "It should not be an offence to object.",
        "Workers should not be forced to choose.",
        "problem is far worse than they show",
    ]
    paragraphs = '"One open\n\n"Two closed." he said'
    assert [paragraphs[a:b] for a, b in quoted_passages(paragraphs)] == ["One open", "Two closed."]


def _speakers(text: str, people: list[str], bodies: list[str]) -> list[str | None]:
    """The speaker each quoted passage is attributed to (None: no one's speech)."""
    quotes = quote_candidates(text)
    attributions = attribute_quotes(quotes, text, people, bodies)
    return [attributions.get(quote.id) for quote in quotes]


def _people(text: str) -> list[str]:
    from summarizer._cues.names import person_candidates, speaker_candidates

    return person_candidates(text, speaker_candidates(text, name_candidates(text)))


def test_a_common_word_surname_counts_when_the_article_uses_it_alone() -> None:
    text = (
        "Nasser Hussain and Peter Such gave Essex a firm grip. By the close such hopes were "
        "gone, and off-spinner Such had taken four wickets."
    )
    assert "Peter Such" in _people(text)


def test_a_common_given_name_does_not_hide_a_person() -> None:
    assert "Mark Butcher" in _people("Surrey opener Mark Butcher made 70 before lunch.")


def test_months_and_hyphenated_descriptions_are_not_people() -> None:
    text = (
        "Mauro Silva named his side for Saturday. Bergamo-based Atalanta won. "
        "December T-bonds fell."
    )
    people = _people(text)
    assert "Mauro Silva" in people  # the finder works on this text: the absences count
    assert not any("Saturday" in p or "-based" in p or "T-bonds" in p for p in people)


def test_a_possessive_is_not_part_of_a_name_but_an_apostrophe_is() -> None:
    people = _people("Tim O'Gorman hit a century. O'Gorman was out after tea.")
    assert "Tim O'Gorman" in people


def test_a_known_given_name_makes_a_person_whatever_the_surname() -> None:
    assert "Bill Clinton" in _people("Bill Clinton spoke to farmers in Iowa on Monday.")


def test_a_plan_named_for_a_man_and_a_shadow_portfolio_are_not_people() -> None:
    text = (
        'Gordon Brown wants a new "Marshall Plan" for Africa. Shadow Europe minister Mr '
        "Brady said so."
    )
    people = _people(text)
    assert "Gordon Brown" in people  # the finder works on this text: the absences count
    assert "Marshall Plan" not in people
    assert "Shadow Europe" not in people


def test_places_and_things_the_article_writes_with_the_are_not_people() -> None:
    text = (
        "Talks in East Jerusalem ended, the Planalto Palace said. Rotor Volgograd Corp shares "
        "rose, said analyst Maria Petrova."
    )
    people = _people(text)
    assert "Maria Petrova" in people  # the finder works on this text: the absences count
    assert "East Jerusalem" not in people
    assert "Planalto Palace" not in people
    assert not any("Corp" in p for p in people)


def test_a_role_word_before_a_name_makes_it_a_person() -> None:
    text = "At the Oval, Surrey captain Chris Lewis made 50. Lewis was out before tea."
    assert "Chris Lewis" in _people(text)


def test_the_tail_of_a_longer_name_is_not_offered_but_a_titled_name_is() -> None:
    text = (
        "Andy Pettitte won as the New York Yankees beat the Angels, the Hong Kong Standard "
        "said. Lead Underwriter Bear Stearns & Co Inc. Minister of Industry Eloy Alvarez "
        "spoke. Todd Van Poppel pitched and Van Poppel lost."
    )
    people = _people(text)
    assert not {"York Yankees", "Kong Standard", "Bear Stearns"} & set(people)
    assert {"Andy Pettitte", "Eloy Alvarez", "Todd Van Poppel"} <= set(people)
    assert "Van Poppel" not in people  # the full name covers the surname


def test_titles_and_descriptions_before_a_name_are_not_part_of_it() -> None:
    text = (
        "Interfax said Judge Olga Lavrentyeva, 28, fined him. Ex-Yankee Randy Velarde hit a "
        "homer. Swede Jesper Parnevik of Sweden led. Billie Jean King said at the draw."
    )
    people = _people(text)
    assert {"Olga Lavrentyeva", "Randy Velarde", "Jesper Parnevik", "Billie Jean King"} <= set(
        people
    )
    assert not any(p.startswith(("Judge", "Ex-", "Swede")) for p in people)


def test_a_word_opening_a_line_or_a_sentence_is_not_part_of_the_name_after_it() -> None:
    from summarizer._cues.names import longer_name_around

    for text in (
        "Yesterday Bill Clinton spoke.",
        "The talks ended.\nYesterday Bill Clinton spoke.",
        "The talks ended. Yesterday Bill Clinton spoke.",
    ):
        assert longer_name_around("Bill Clinton", text) is None, text
    assert longer_name_around("York Yankees", "Talks ended.\nNew York Yankees won.") == (
        "New York Yankees"
    )


def test_a_surname_given_only_with_a_title_is_offered() -> None:
    text = "Indonesian President Suharto asked businessmen to export more, the paper said."
    assert "Suharto" in _people(text)


def test_newspapers_ports_and_towns_are_not_people() -> None:
    text = (
        "But Le Matin newspaper said seven died. Cars arrived at Jakarta's Tanjung Priok port. "
        "A bomb exploded in the town of Bou Haroun. It was a Pan Am flight, said police "
        "chief Karim Haddad."
    )
    people = set(_people(text))
    assert "Karim Haddad" in people  # the finder works on this text: the absences count
    assert not {"Le Matin", "Tanjung Priok", "Bou Haroun", "Pan Am"} & people


def test_a_name_sequence_stops_at_a_line_break_and_a_possessive() -> None:
    names = name_candidates("By Mona Eltahawy\nTRIPOLI 1996-08-30\nGlenn Hoddle's England lost.")
    assert {"Mona Eltahawy", "Glenn Hoddle", "England"} <= set(names)
    assert not any("TRIPOLI" in n and "Eltahawy" in n for n in names)


@pytest.mark.parametrize(
    ("text", "person", "is_offered"),
    [
        ("The Health and Safety Executive said it would act.", "Safety Executive", False),
        ("Mr Kennedy said during his City of London speech.", "City of London", False),
        ("Lib Dem leader Charles Kennedy spoke.", "Lib Dem", False),
        ("The Lib Dem leader Charles Kennedy spoke.", "Charles Kennedy", True),
        ("It followed the re-election of George W Bush in November.", "George W Bush", True),
        ("Editor Rory O' Neill said the reps had helped.", "Rory O' Neill", True),
        # A given name may end like a demonym ("Texan"); a demonym before a full name is
        # a description.
        ("Anshuman Magazine, managing director, told the BBC.", "Anshuman Magazine", True),
        ("New Yorker William Trowbridge pleaded guilty.", "William Trowbridge", True),
        ("Bookings at the major Manchester hotels rose.", "Manchester", False),  # no title
        ("He will commentate at the Wimbledon Championships.", "Wimbledon Championships", False),
        ("Lib Dem officials disagreed, the Lib Dems say.", "Lib Dems", False),
        ("Paolo di Canio was banned for eleven games.", "Paolo di Canio", True),
        ("The banks became part of JP Morgan Chase.", "Morgan Chase", False),  # no Japanese
        ("said David Berson, chief economist at Fannie Mae.", "Fannie Mae", False),  # employer
        # A place's ending after a given name, where a person stands.
        ('"We think we do," said Mike Lake, a Yukos spokesman.', "Mike Lake", True),
        # A capitalised word before a name that a given name starts is no part of it.
        ("Shadow leader of the Commons Oliver Heald said: no.", "Oliver Heald", True),
        # "X of Y": the name before "of".
        ("Ashok Vishwanathan of Operation Black Vote said it.", "Ashok Vishwanathan", True),
        # The object of a body's "for" is no person, and a band "were".
        ("The Commission for Racial Equality disagreed.", "Racial Equality", False),
        ("the record holder told Five Live on Monday.", "Five Live", False),  # a number
        (
            "The label Joy Division were signed to closed; Joy Division split.",
            "Joy Division",
            False,
        ),
    ],
)
def test_people_are_told_from_bodies_and_places_by_their_words(
    text: str, person: str, is_offered: bool
) -> None:
    assert (person in _people(text)) is is_offered


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # A quote that runs on is its first speaker's; a colon introduces the next.
        (
            'Eloy Alvarez said: "The plant will open. "It will hire many." Deputy Minister '
            'Roman Chekushov added: "Talks that Eloy started went well. "We want more of them."',
            ["Eloy Alvarez", "Eloy Alvarez", "Roman Chekushov", "Roman Chekushov"],
        ),
        # A run of quotes is the speaker one of them names, not whom "he" last was.
        (
            "Eloy Alvarez hurt Roman Chekushov's leg.\n\nHe said: \"It was a horrendous "
            'moment. "I apologise to the fans. "It was a blur, " added Alvarez.',
            ["Eloy Alvarez"] * 3,
        ),
    ],
)
def test_quotes_that_run_on_share_a_speaker(text: str, speakers: list[str]) -> None:
    from summarizer.sections import SectionContext

    context = SectionContext.for_article(text)
    assert [context.attributions.get(quote.id) for quote in context.quotes] == speakers


def test_before_a_quote_the_speaker_is_the_name_a_verb_of_saying_follows() -> None:
    text = (
        "On the re-election of Roman Chekushov, Mr Alvarez said Iraq had become a "
        '"crucible of militant terrorism".'
    )
    assert _speakers(text, ["Roman Chekushov", "Eloy Alvarez"], []) == ["Eloy Alvarez"]


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        # A fragment its sentence attributes is speech; a term or a title is not.
        (
            'Mr Alvarez accused the ministry of "pandering to prejudice". FBI agents '
            'reportedly downloaded 178 "sound recordings". He said "Operation Gridlock" '
            'was over. Labour unveiled a "points system" and rejected quotas.',
            ["pandering to prejudice"],
        ),
        ('A "win-win" deal, he said.', []),
    ],
)
def test_a_quoted_fragment_is_a_passage_when_its_sentence_attributes_it(
    text: str, passages: list[str]
) -> None:
    assert [q.span.text for q in quote_candidates(text)] == passages


def test_a_body_the_article_has_speak_may_be_quoted_without_an_organisation_word() -> None:
    from summarizer._cues.quotes import body_candidates

    text = (
        'Children earn more, said market analyst Datamonitor. "They use pester power to get '
        'it," Datamonitor adds. Ana Cruz, the Salford MP, spoke. The Salford MP told them: '
        '"We will act." Work in Geneva, told the BBC, went on.'
    )
    options = ["Datamonitor", "Ana Cruz", "Salford MP", "Geneva", "BBC"]
    assert body_candidates(text, options, ["Ana Cruz"]) == ["Datamonitor", "BBC"]


def test_the_quotes_after_a_joint_statement_are_its_first_signatorys() -> None:
    text = (
        '"We all know slavery existed in our country," chief executive William Harrison '
        'and chief operating officer James Dimon said in the letter. "Slavery was '
        'ingrained, but that is no excuse." Mr Dimon spoke later. "We apologise to all."'
    )
    people = ["William Harrison", "James Dimon"]
    assert _speakers(text, people, []) == ["William Harrison", "William Harrison", "James Dimon"]


def test_a_report_speaks_for_whoever_the_article_names_before_it() -> None:
    text = (
        "The divide is narrowing, according to a World Bank report. The UN hopes access "
        'will grow. "Developing countries are catching up with the rich world," the report '
        'said. "Africa is part of a worldwide trend." As Mr Alvarez\'s report noted: "The '
        'ink had scarcely dried on the agreement."'
    )
    bodies = ["World Bank", "UN"]
    assert _speakers(text, ["Eloy Alvarez"], bodies) == ["World Bank", "World Bank", "Eloy Alvarez"]


def test_a_body_that_did_something_else_is_not_the_speaker() -> None:
    text = (
        "A spokesman for the British Phonographic Industry (BPI) said it was early. The BPI "
        "spokesman described the chart, compiled by the Official Charts Company, as having "
        'been "a great success" since its launch.'
    )
    bodies = ["BPI", "Charts Company", "Official Charts Company"]
    assert _speakers(text, [], bodies) == ["British Phonographic Industry"]
