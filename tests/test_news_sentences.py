"""Which sentences a summary lists (news, not protocol or a repeat) and which figure it
proposes when the lead states none."""

from __future__ import annotations

import pytest

from summarizer._cues.quantities import number_candidates
from summarizer._grounding import article_sentences
from summarizer.sections._news import figure_sentence, news_sentences, protocol, repeats
from summarizer.sections._statements import content_words, states_its_sentence, word_share


def test_a_sentence_that_reports_a_meeting_is_protocol_unless_it_holds_a_figure() -> None:
    assert protocol("He met with Cuban Deputy Prime Minister Oscar Perez-Oliva Fraga.")
    assert protocol("As reported by the IMIDRO portal, Jafari made the remarks after a meeting.")
    assert protocol("The minister held a series of bilateral meetings in Havana.")
    # What was agreed is news, whoever met.
    assert not protocol("Following the talks, the parties agreed to speed up work on the plant.")
    assert not protocol("Officials held talks with rebels and agreed a ceasefire.")
    article = "During the visit, he met with Officials of the ministry and bought $4bn of bonds."
    figures = number_candidates(article)
    assert protocol(article) and figures and not protocol(article, figures)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister met with strong opposition from his own party.",
        "The company failed to meet its sales target.",
        "The bank is expected to meet its capital requirements next year.",
        "During the meeting, the board approved the merger.",
        "On the sidelines of the summit, the two leaders signed a defence pact.",
        "As reported by Reuters, the company will close its Ohio plant.",
        "Talks on farm goods will go on next year.",
    ],
)
def test_ordinary_news_is_not_protocol(sentence: str) -> None:
    assert not protocol(sentence)


def test_a_sentence_is_a_repeat_when_half_its_content_words_are_in_one_earlier() -> None:
    lead = "Gary Locke will be confirmed as Kilmarnock's permanent manager on Friday."
    caption = "Kilmarnock will confirm Gary Locke as the club's new permanent manager on Friday"
    assert repeats(caption, [lead])
    assert not repeats("The former Hearts boss will get a three-year deal.", [lead])
    assert not repeats("", [lead])
    assert content_words("The plant's site is 70% complete, he said.") == {
        "plant",
        "site",
        "70%",
        "complete",
    }


def test_the_listed_sentences_keep_their_ids_and_always_the_first() -> None:
    article = (
        "Delegates met with the trade minister in Havana on Monday. "
        "The two countries agreed to build a steel plant in Havana. "
        "He met with the mayor. "
        "The two countries agreed to build the steel plant in Havana, officials said. "
        "The plant will produce 160,000 tons of steel a year."
    )
    sentences = article_sentences(article)
    figures = number_candidates(article)
    # The first is listed whatever it is; 3 is protocol, 4 repeats 2.
    assert news_sentences(sentences, figures, 12) == [1, 2, 5]
    assert news_sentences(sentences, figures, 2) == [1, 2]
    # The two stated sentences hold no figure: 5 is proposed...
    assert figure_sentence(sentences, [1, 2, 5], 2, figures) == 5
    # ...and none when the stated sentences already hold every figure.
    assert figure_sentence(sentences, [1, 5], 2, figures) is None


def test_a_new_figure_is_proposed_after_a_lead_that_has_one() -> None:
    article = (
        "Sales rose 5% in the first quarter. The company opened stores in Spain. "
        "It hired staff in France. Profit fell 10% on higher costs."
    )
    sentences, figures = article_sentences(article), number_candidates(article)
    listed = news_sentences(sentences, figures, 12)
    assert figure_sentence(sentences, listed, 3, figures) == 4


def test_a_sentence_with_a_new_figure_is_listed_whatever_it_is() -> None:
    from summarizer._cues.quotes import quoted_passages

    article = (
        "Unemployment rose in March, official figures showed. "
        "Unemployment rose to 5.2% in March, official figures showed. "
        '"We will cut 500 jobs in Ohio by next year," the chief executive said. '
        '"We will cut jobs in Ohio by next year," he repeated.'
    )
    sentences, figures = article_sentences(article), number_candidates(article)
    quotations = list(quoted_passages(article))
    assert news_sentences(sentences, figures, 12, quotations) == [1, 2, 3]


def test_a_sentence_mostly_inside_quotation_marks_is_not_listed() -> None:
    from summarizer._cues.quotes import quoted_passages

    article = (
        "The two countries agreed to build a steel plant in Havana. "
        '"The project holds great promise for both of our economies and our peoples," '
        "the minister said. "
        'The minister called the plant "a fine example" of cooperation.'
    )
    sentences = article_sentences(article)
    quotations = list(quoted_passages(article))
    assert news_sentences(sentences, [], 12, quotations) == [1, 3]
    assert news_sentences(sentences, [], 12) == [1, 2, 3]  # without the quotations


def test_a_statement_states_its_sentence_when_most_of_its_words_are_the_sentence_s() -> None:
    sentence = (
        "The Australian firm said it would only break even on the 1.2bn Australian dollars "
        "rebuild, after a rise in costs on the work."
    )
    assert states_its_sentence("The firm will only break even on the rebuild.", sentence)
    assert states_its_sentence("Rising costs mean the firm breaks even.", sentence)
    other = "Any profits would depend on the outcome of legal cases, it added."
    assert not states_its_sentence(other, sentence)
    # Plural and tense endings meet: "prices" and "price", "rated" and "rating".
    assert word_share("Prices rated high", "The price was rating higher") == 2 / 3
