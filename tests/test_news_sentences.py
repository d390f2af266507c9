"""Which sentences a summary lists (news, not protocol or a repeat) and which figure it
proposes when the lead states none."""

from __future__ import annotations

from summarizer._cues.quantities import number_candidates
from summarizer._grounding import article_sentences
from summarizer.sections._news import figure_sentence, news_sentences, protocol, repeats
from summarizer.sections._statements import content_words, states_its_sentence


def test_a_sentence_that_reports_a_meeting_is_protocol_unless_it_holds_a_figure() -> None:
    assert protocol("He met with Cuban Deputy Prime Minister Oscar Perez-Oliva Fraga.")
    assert protocol("As reported by the IMIDRO portal, Jafari made the remarks after a meeting.")
    assert protocol("The minister held a series of bilateral meetings in Havana.")
    # What was agreed is news, whoever met.
    assert not protocol("Following the talks, the parties agreed to speed up work on the plant.")
    assert not protocol("The company met its target of 1.2 million cars.")  # no meeting
    article = "During the visit, he met with officials to sign a $4bn deal."
    [figure] = number_candidates(article)
    assert protocol(article) and not protocol(article, [figure])


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
    # The lead's first three listed sentences hold no figure: 5 is proposed...
    assert figure_sentence(sentences, [1, 2, 5], 2, figures) == 5
    # ...and none when a stated sentence already holds every figure.
    assert figure_sentence(sentences, [1, 2, 5], 3, figures) is None


def test_a_statement_states_its_sentence_when_most_of_its_words_are_the_sentence_s() -> None:
    sentence = (
        "The Australian firm said it would only break even on the 1.2bn Australian dollars "
        "rebuild, after a rise in costs on the work."
    )
    assert states_its_sentence("The firm will only break even on the rebuild.", sentence)
    assert states_its_sentence("Rising costs mean the firm breaks even.", sentence)
    other = "Any profits would depend on the outcome of legal cases, it added."
    assert not states_its_sentence(other, sentence)


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
