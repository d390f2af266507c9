"""People's titles as the article writes them next to their names."""

from __future__ import annotations

import pytest

from summarizer._cues.recogniser import nominal_words
from summarizer._cues.titles import title_before, title_from_text, without_honorifics
from summarizer.sections import SectionContext

OPENING = (
    "TEHRAN - Iranian Ambassador to Cuba Ali Chegeni and Cuban Deputy Minister of Foreign "
    "Trade Ana Teresita Gonzalez met on Monday, and Majlis speaker Mohammad Bagher Ghalibaf "
    "attended. Leader of the Islamic Revolution Ayatollah Ali Khamenei sent a message."
)
PEOPLE = ["Ali Chegeni", "Ana Teresita Gonzalez", "Mohammad Bagher Ghalibaf", "Ali Khamenei"]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # A headline-like opening sentence, after the dateline's dash.
        ("Ali Chegeni", "Iranian Ambassador to Cuba"),
        # After another person's name, only what follows it.
        ("Ana Teresita Gonzalez", "Cuban Deputy Minister of Foreign Trade"),
        # Before the name in a crowded sentence, the role in lower case.
        ("Mohammad Bagher Ghalibaf", "Majlis speaker"),
        # The honorific is no part of the title.
        ("Ali Khamenei", "Leader of the Islamic Revolution"),
    ],
)
def test_a_title_is_the_whole_role_phrase_before_the_name(name: str, title: str) -> None:
    others = [p for p in PEOPLE if p != name]
    assert title_from_text(name, OPENING, others) == title


def test_commas_inside_a_title_are_kept() -> None:
    before = "Officials said the Minister of Culture, Media and Sport Tessa Jowell agreed."
    assert title_from_text("Tessa Jowell", before) == "Minister of Culture, Media and Sport"
    after = "Kamal Nath, Commerce, Industry and Trade Minister, announced the decision."
    assert title_from_text("Kamal Nath", after) == "Commerce, Industry and Trade Minister"
    # A list of things is not a title: the run stops at a comma without "and" after it.
    listed = "Officials from Iran, Cuba, and Minister Roman Chekushov met."
    assert title_from_text("Roman Chekushov", listed) == "Minister"


def test_a_title_set_off_by_commas_or_after_the_name() -> None:
    text = 'LTA chief executive, John Crowther, added: "We agree."'
    assert title_from_text("John Crowther", text) == "LTA chief executive"
    text = "A spokesman for DLF Builders, Dr Vancheshwar, told the BBC so."
    assert title_from_text("Vancheshwar", text) == "spokesman for DLF Builders"
    text = "But Edward Leigh, who is chairman of the Commons public accounts committee, said no."
    assert (
        title_from_text("Edward Leigh", text) == "chairman of the Commons public accounts committee"
    )
    text = "according to Mohammad Aghajanlou, the new head of IMIDRO. Output rose."
    assert title_from_text("Mohammad Aghajanlou", text) == "new head of IMIDRO"


def test_a_bare_surname_takes_only_words_that_end_on_a_role() -> None:
    text = "Sanctions were welcomed by the Russian president Putin on Friday."
    assert title_from_text("Putin", text) == "Russian president"
    text = "The figures are likely to spark criticism of President Bush's policies."
    assert title_from_text("Bush", text) == "President"
    # Before a bare surname, other capitalised words are the rest of the name.
    assert title_from_text("Aghajanlou", "Minister Mohammad Aghajanlou said.") is None


def test_no_title_where_no_role_word_stands_next_to_the_name() -> None:
    assert title_from_text("Roman Chekushov", "Yesterday Roman Chekushov arrived.") is None
    assert title_from_text("Roman Chekushov", "Roman Chekushov, who arrived, said so.") is None


def test_a_models_title_loses_its_honorifics() -> None:
    assert without_honorifics("Leader of the Islamic Revolution Ayatollah") == (
        "Leader of the Islamic Revolution"
    )


@pytest.mark.parametrize(
    ("window", "title"),
    [
        ("On Tuesday Labour chairman ", "Labour chairman"),
        ("In October Tory leader ", "Tory leader"),
        ("Meanwhile Lib Dem leader ", "Lib Dem leader"),
        ("But Manchester United manager ", "Manchester United manager"),
    ],
)
def test_a_sentence_opener_before_a_title_is_not_part_of_it(window: str, title: str) -> None:
    assert title_before(window) == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("BBC environment correspondent Richard Black said so.", "Richard Black",
         "BBC environment correspondent"),
        ("Conservative local government spokeswoman Caroline Spelman said.", "Caroline Spelman",
         "Conservative local government spokeswoman"),
        ("Aer Lingus chief operations officer Seamus Kearney said.", "Seamus Kearney",
         "Aer Lingus chief operations officer"),
        # A preposition ends the title: what stands before it is the sentence's.
        ("The rise in interest rates analyst John Smith expected was small.", "John Smith",
         "interest rates analyst"),
    ],
)  # fmt: skip
def test_nouns_in_front_of_a_role_are_part_of_the_title(text: str, name: str, title: str) -> None:
    assert title_from_text(name, text) == title


LIST = (
    "The former outside directors James Allen, Judith Areen, Carl Aycock and Max Bobbitt "
    "agreed to pay. Chancellor Gordon Brown and John Prescott met."
)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("James Allen", "former outside directors"),
        ("Judith Areen", "former outside directors"),
        ("Max Bobbitt", "former outside directors"),
        ("Gordon Brown", "Chancellor"),
        # A singular role is the first name's only.
        ("John Prescott", None),
    ],
)
def test_a_plural_role_before_a_list_of_names_is_each_ones(name: str, title: str | None) -> None:
    others = ["James Allen", "Judith Areen", "Carl Aycock", "Max Bobbitt", "Gordon Brown",
              "John Prescott"]  # fmt: skip
    assert title_from_text(name, LIST, [o for o in others if o != name]) == title


def test_a_role_s_object_a_hyphened_role_and_more_roles_make_titles() -> None:
    from summarizer._cues.recogniser import nominal_words

    text = (
        "Labour's deputy minister for women Jacqui Smith accused them. The plans were "
        'illegal, said SEPA vice-director Pan Yue. "It is wrong," said New York State '
        "Comptroller Alan Hevesi. The former Chilean military ruler Augusto Pinochet spoke."
    )
    nominal = nominal_words(text)
    assert title_from_text("Jacqui Smith", text, nominal=nominal) == (
        "Labour's deputy minister for women"
    )
    assert title_from_text("Pan Yue", text, nominal=nominal) == "SEPA vice-director"
    assert title_from_text("Alan Hevesi", text, nominal=nominal) == "New York State Comptroller"
    assert title_from_text("Augusto Pinochet", text, nominal=nominal) == (
        "former Chilean military ruler"
    )
    text = "Labour's election supremo Alan Milburn spoke."
    assert title_from_text("Alan Milburn", text, nominal=nominal_words(text)) == (
        "Labour's election supremo"
    )
    # A verb's object is no role's: "rates" in "cut rates" makes nothing a title.
    text = "The bank cut rates for savers John Smith said."
    assert title_from_text("John Smith", text, nominal=nominal_words(text)) is None


def test_a_later_mention_by_honorific_and_surname_gives_its_appositive_title() -> None:
    text = (
        "But Lib Dem Norman Baker accused ministers of turning Britain into a dump. "
        'Mr Baker, the Lib Dem environment spokesman, said: "I have been warning for months."'
    )
    assert title_from_text("Norman Baker", text) == "Lib Dem environment spokesman"
    # Not where another person of the article has that surname; the model's own short
    # form of the same person does not count.
    assert title_from_text("Norman Baker", text, ["Kenneth Baker"]) is None
    assert title_from_text("Norman Baker", text, ["Mr Baker"]) == "Lib Dem environment spokesman"
    # An aside after the comma is no title.
    aside = "Tony Blair arrived. Mr Blair, speaking with the French president, said no."
    assert title_from_text("Tony Blair", aside) is None


def test_occupations_are_titles_and_a_role_before_and_is_anothers() -> None:
    text = (
        "David Blunkett spoke of his love for married publisher Kimberly Quinn. He learned "
        "of nanny Leoncia Casalme's wait. Tory peer Lord Tebbit agreed. There is no place "
        "for vindictiveness, unlike the prime minister and Alastair Campbell."
    )
    assert title_from_text("Kimberly Quinn", text) == "married publisher"
    assert title_from_text("Leoncia Casalme", text) == "nanny"
    assert title_from_text("Lord Tebbit", text) == "Tory peer"
    assert title_from_text("Alastair Campbell", text) is None


def test_a_role_before_a_mention_by_honorific_and_surname_is_the_title() -> None:
    text = (
        "Ex-PM dies\n\nFormer Labour prime minister Lord Callaghan has died. Jim Callaghan "
        "entered Parliament in 1945. Earlier Conservative Graham Brady spoke. Shadow Europe "
        'minister Mr Brady said: "It is essential."'
    )
    nominal = nominal_words(text)
    assert title_from_text("Jim Callaghan", text, nominal=nominal) == (
        "Former Labour prime minister"
    )
    assert title_from_text("Graham Brady", text, nominal=nominal) == "Shadow Europe minister"
    # A side before a bare surname is no title.
    side = "Earlier Conservative Graham Brady spoke. Later Conservative Mr Brady left."
    assert title_from_text("Graham Brady", side) is None


def test_a_sunday_paper_is_part_of_the_title_a_weekday_opening_a_sentence_is_not() -> None:
    text = "A new book by Sunday Telegraph journalist Robert Peston says so."
    assert title_from_text("Robert Peston", text) == "Sunday Telegraph journalist"
    text = "On Sunday Labour chairman Ian McCartney spoke."
    assert title_from_text("Ian McCartney", text) == "Labour chairman"


def test_one_of_a_groups_members_set_off_by_commas_takes_the_appositive() -> None:
    text = "He shrugged off the defection of one of his MPs, Robert Jackson, a former minister."
    assert title_from_text("Robert Jackson", text) == "former minister"


def test_a_judges_style_an_age_before_the_appositive_and_a_fresh_appointment() -> None:
    text = "But Lord Justice Rix and Mr Justice Forbes ruled that the case stood."
    assert title_from_text("Rix", text, ["Forbes"]) == "Lord Justice"
    assert title_from_text("Forbes", text, ["Rix"]) == "Mr Justice"
    assert without_honorifics("Mr Justice") == "Mr Justice"
    assert without_honorifics("Mr Minister") == "Minister"
    text = "Baha Mousa died. Mr Mousa, 28, a hotel receptionist, was arrested in Basra."
    assert title_from_text("Baha Mousa", text) == "hotel receptionist"
    text = "It was hailed by the firm's newly-appointed chief executive Takashi Nishioka."
    assert title_from_text("Takashi Nishioka", text) == "firm's newly-appointed chief executive"
    text = "Mr Blair held talks with his Israeli counterpart, Ariel Sharon, on Sunday."
    assert title_from_text("Ariel Sharon", text) == "Israeli counterpart"


def test_a_wife_does_not_take_her_husbands_office_from_mr_and_his_surname() -> None:
    text = (
        "Cherie Blair spoke on Friday. Labour leader Mr Blair was not there. "
        "Mrs Blair said she was proud."
    )
    assert title_from_text("Cherie Blair", text) is None
    # Which of the two "Labour leader Mr Blair" is, no honorific tells: neither takes it.
    assert title_from_text("Tony Blair", text) is None
    # Where only he is called so, the role before "Mr Blair" is the full name's.
    assert title_from_text("Tony Blair", text.replace("Mrs Blair", "She")) == "Labour leader"


def test_an_expert_and_a_maker_are_roles_an_affiliation_after_the_name_is_not() -> None:
    text = "Legal expert William Butler said so, as did documentary maker Michael Cockerell."
    assert title_from_text("William Butler", text, ["Michael Cockerell"]) == "Legal expert"
    assert title_from_text("Michael Cockerell", text, ["William Butler"]) == "documentary maker"
    text = "Martin Ward, of the Secondary Heads Association, said members did not like it."
    assert title_from_text("Martin Ward", text) is None
    # "then" is no title's word: "If it fails, then chairman John Smith will quit".
    text = "If the bid fails, then chairman John Smith will quit the board."
    assert title_from_text("John Smith", text) == "chairman"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "US Undersecretary of State John Bolton is meeting officials.",
            "John Bolton",
            "US Undersecretary of State",
        ),
        (
            "He faced his Democratic challenger John Kerry on TV.",
            "John Kerry",
            "Democratic challenger",
        ),
        (
            "Katrina Bull, a prospective parliamentary candidate said so.",
            "Katrina Bull",
            "prospective parliamentary candidate",
        ),
        ("British hostage Ken Bigley was killed.", "Ken Bigley", "British hostage"),
    ],
)
def test_contests_and_crises_name_roles(text: str, name: str, title: str) -> None:
    assert title_from_text(name, text) == title


def test_letters_after_a_name_and_a_then_before_the_role() -> None:
    text = "Ian MacDonald QC quit. He advised then-US secretary of state George Shultz."
    assert title_from_text("Ian MacDonald", text) == "QC"
    assert title_from_text("George Shultz", text) == "then-US secretary of state"
    context = SectionContext.for_article(
        "Ian MacDonald QC quit, as did Nicholas Blake QC, Andrew Nicol QC and Manjit Singh "
        "Gill QC, said Labour peer Helena Kennedy."
    )
    assert {"Ian MacDonald", "Nicholas Blake", "Andrew Nicol", "Manjit Singh Gill"} <= set(
        context.people
    )
