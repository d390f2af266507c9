"""Quantities found in the text: numbers with their units, values and spans."""

from __future__ import annotations

import pytest

from summarizer._cues.numbers import states_value
from summarizer._cues.quantities import number_candidates

# (text, the one quantity in it, its value, its unit)
_READINGS = [
    ("a total output of 145,000 tons of copper", "145,000 tons", 145000, "tonne"),
    ("production surged by 12 percent in", "12 percent", 12, "percent"),
    ("approximately 70% complete", "70%", 70, "percent"),
    ("a deal worth $8.5 billion was", "$8.5 billion", 8.5e9, "USD"),
    ("profits of \u00a32bn last year", "\u00a32bn", 2e9, "GBP"),
    ("output of 1.2 million barrels", "1.2 million barrels", 1.2e6, "barrel"),
    ("hired 300 workers", "300 workers", 300, "count"),
    ("a 47-foot boat", "47-foot", 47, "foot"),
    ("it reached 75 mph on", "75 mph", 75, "mile per hour"),
    ("1.2 million barrels per day", "1.2 million barrels per day", 1.2e6, "barrel per day"),
    ("oil at US$58.24 per barrel", "US$58.24 per barrel", 58.24, "USD per barrel"),
    ("an office of 570 sq m", "570 sq m", 570, "square metre"),
    ("growth slowed 1.3 percentage points", "1.3 percentage points", 1.3, "percentage point"),
    ("HK$3.7 billion in loans", "HK$3.7 billion", 3.7e9, "HKD"),
    # Money per year is the figure's period, and a word after money is not a unit.
    ("revenue of $7.39 billion a year", "$7.39 billion", 7.39e9, "USD"),
    ("\u00a545 billion in aid", "\u00a545 billion", 45e9, "JPY"),
    # Money as wire services and other countries write it.
    ("oil at US $58.24 per barrel", "US $58.24 per barrel", 58.24, "USD per barrel"),
    ("guidance of $US160 million", "$US160 million", 160e6, "USD"),
    ("gas at $2.24 per mmBTU", "$2.24 per mmBTU", 2.24, "USD per million btu"),
    ("to spend $13.6M to retrofit", "$13.6M", 13.6e6, "USD"),
    ("a loan of USD 5 million", "USD 5 million", 5e6, "USD"),
    ("currently at 110 JPY", "110 JPY", 110, "JPY"),
    ("fares of Rs 500 each", "Rs 500", 500, "INR"),
    # A sign written against the number is part of it.
    ("In Europe: FTSE -0.6% today", "-0.6%", -0.6, "percent"),
    ("accelerate to 100km/hr quickly", "100km/hr", 100, "kilometre per hour"),
    ("her now-18 month-old daughter", "18 month", 18, "month"),
    ("stretched for some seven miles", "seven miles", 7, "mile"),
    ("three million barrels a day", "three million barrels", 3e6, "barrel"),
    ("a plan for RM79 a month", "RM79", 79, "MYR"),
    ("a 30Mbps plan", "30Mbps", 30, "megabit per second"),
    ("boneless fillets (~1lb) each", "1lb", 1, "pound-mass"),
    ("samples of ~45g each", "45g", 45, "gram"),
    ("comes with a 5 W charger", "5 W", 5, "watt"),
    ("a top speed of 80 m.p.h.", "80 m.p.h", 80, "mile per hour"),
    ("cooled to minus 233 Celsius", "233 Celsius", -233, "celsius"),
    # Temperatures with the sign, the word or the sign lost in scraping.
    ("It was 25\u00b0C in Rome", "25\u00b0C", 25, "celsius"),
    ("warmed by 1.5 degrees Celsius since", "1.5 degrees Celsius", 1.5, "celsius"),
    ("was 2.14degF higher", "2.14degF", 2.14, "fahrenheit"),
    ("can dip to minus-130 degrees Fahrenheit", "130 degrees Fahrenheit", -130, "fahrenheit"),
    ("a floor area of 32m2 in all", "32m2", 32, "square metre"),
    # A one-letter scale without a currency, before what it counts; else metres.
    ("it has 35m viewers", "35m viewers", 35e6, "count"),
    ("about 8 B people live", "8 B people", 8e9, "count"),
    ("some 10m years ago", "10m years", 10e6, "year"),
    ("the 100m sprint final", "100m", 100, "metre"),
    ("around 25k cheaper", "25k", 25e3, "count"),
    # Money named with its country, or its sign after the number.
    ("for 7,199 Chinese yuan on", "7,199 Chinese yuan", 7199, "CNY"),
    (
        "a fine of 10.5 million Australian dollars",
        "10.5 million Australian dollars",
        10.5e6,
        "AUD",
    ),
    ("deposits over 7.5 million Danish crowns", "7.5 million Danish crowns", 7.5e6, "DKK"),
    ("priced at 2 Swiss francs", "2 Swiss francs", 2, "CHF"),
    ("a notebook for 1,200\u20ac to work", "1,200\u20ac", 1200, "EUR"),
    ("or NZ $99.99 a year", "NZ $99.99", 99.99, "NZD"),
    # One word between the number and its unit.
    ("gave up 517 rushing yards against", "517 rushing yards", 517, "yard"),
    # A rate written with hyphens; a share's growth per year keeps percent as unit.
    ("one 52,000 barrel-a-day refinery", "52,000 barrel-a-day", 52000, "barrel per day"),
    ("growing almost five percent a year", "five percent", 5, "percent"),
    ("rents of $10 per square foot", "$10 per square foot", 10, "USD per square foot"),
    ("Tylenol 500mg tablets", "500mg", 500, "milligram"),
    # Spelled counts where nothing before refers them back.
    ("two kids in private school", "two kids", 2, "count"),
    ("a survey of seven European countries", "seven European countries", 7, "count"),
    ("three million people voted", "three million people", 3e6, "count"),
    # "hundred" compounds with a larger scale, in digits and in words.
    ("There were 4 hundred million people.", "4 hundred million people", 4e8, "count"),
    ("two hundred thousand people came", "two hundred thousand people", 2e5, "count"),
    # Units of finance, energy and car news.
    ("rates rose 25 basis points on", "25 basis points", 25, "basis point"),
    ("a cut of 50bps in", "50bps", 50, "basis point"),
    ("it used 4,000 kWh last year", "4,000 kWh", 4000, "kilowatt hour"),
    ("a torque of 586 lb-ft from", "586 lb-ft", 586, "pound-foot"),
    ("and 400 newton metres of torque", "400 newton metres", 400, "newton metre"),
    ("revs to 6,500 rpm", "6,500 rpm", 6500, "revolution per minute"),
    ("3 billion cubic feet of gas", "3 billion cubic feet", 3e9, "cubic foot"),
    ("at 12 parts per million in", "12 parts per million", 12, "part per million"),
    ("rated at 300 PS and", "300 PS", 300, "horsepower"),
    ("and 450 Nm of torque", "450 Nm", 450, "newton metre"),
    ("on 7nm chips", "7nm", 7, "nanometre"),
    ("a 352 μm pixel pitch", "352 μm", 352, "micrometre"),
    ("the neck is 25.5″ from nut", "25.5″", 25.5, "inch"),
    ("G Hunter Maldonado (15.3 ppg)", "15.3 ppg", 15.3, "point per game"),
    ("Spot gold was at $1,271.2 an ounce", "$1,271.2 an ounce", 1271.2, "USD per ounce"),
    # Signs as scraped feeds render them, a sign after the currency's, a bare decimal.
    ("a package worth up to PS2.7m.", "PS2.7m", 2.7e6, "GBP"),
    ("paid a total of PS21,700 for", "PS21,700", 21700, "GBP"),
    ("Nintendo fell to Y=28,030 as", "Y=28,030", 28030, "JPY"),
    ("a deficit of $-50.8bn, while", "$-50.8bn", -50.8e9, "USD"),
    ("the rate fell to .001 per cent.", ".001 per cent", 0.001, "percent"),
    ("to launder almost S $1mil from", "S $1mil", 1e6, "SGD"),
    ("to launder RM3.06mil from", "RM3.06mil", 3.06e6, "MYR"),
    # "one" with a unit that is no count; a year-like number in a range of others.
    ("grew by one per cent for men", "one per cent", 1, "percent"),
    ("sits a camera and .22 calibre rifle", ".22", 0.22, "count"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), _READINGS)
def test_a_quantity_is_parsed_with_its_unit(
    text: str, surface: str, value: float, unit: str
) -> None:
    [candidate] = number_candidates(text)
    assert (candidate.surface, candidate.value, candidate.unit) == (surface, value, unit)
    assert text[candidate.span.start : candidate.span.end] == surface


@pytest.mark.parametrize(("text", "surface", "value", "unit"), _READINGS)
def test_a_candidates_value_is_stated_by_its_surface(
    text: str, surface: str, value: float, unit: str
) -> None:
    # What the records' validators check of every figure: a candidate must pass it.
    assert states_value(surface, value)


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, November 28. /TASS/.",
        "by the end of 2026 as",
        "on 5 March the",
        "Q4 results",
        "open 24/7 now",
    ],
)
def test_dates_years_and_codes_are_not_quantities(text: str) -> None:
    assert number_candidates(text) == []


def _read(text: str) -> list[tuple[str, float, str]]:
    return [(c.surface, c.value, c.unit) for c in number_candidates(text)]


def _assert_read_and_stated(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _read(text) == expected
    # What the records' validators check of every figure: the sentence states each value.
    assert all(states_value(text, value) for _, value, _ in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a speed of 15-22 miles per hour",
            [("15", 15, "mile per hour"), ("22 miles per hour", 22, "mile per hour")],
        ),
        ("a deal worth $3-4 billion", [("$3", 3e9, "USD"), ("4 billion", 4e9, "USD")]),
        ("between 22 and 24 weeks", [("22", 22, "week"), ("24 weeks", 24, "week")]),
        ("built up over 20 or 30 years", [("20", 20, "year"), ("30 years", 30, "year")]),
        ("a 7- or 8-inch screen", [("7", 7, "inch"), ("8-inch", 8, "inch")]),
        # Not ranges: a change and the level it reaches, an age in years and days.
        ("profits slumped 27% to $284m", [("27%", 27, "percent"), ("$284m", 284e6, "USD")]),
        (
            "rose by 296,000 to 28.52 million",
            [("296,000", 296e3, "count"), ("28.52 million", 28.52e6, "count")],
        ),
        ("elected aged 21 and 144 days", [("21", 21, "year"), ("144 days", 144, "day")]),
        # A spelled range, and a range of prices per thing.
        ("for eight or nine euros", [("eight", 8, "EUR"), ("nine euros", 9, "EUR")]),
        (
            "between $62 and $68 per share",
            [("$62", 62, "USD per share"), ("$68 per share", 68, "USD per share")],
        ),
        (
            "There are four to five thousand people.",
            [("four", 4e3, "count"), ("five thousand people", 5e3, "count")],
        ),
        ("unemployed for one to two years", [("one", 1, "year"), ("two years", 2, "year")]),
        (
            "going from 1000 to 2000 hires this year",
            [("1000", 1000, "count"), ("2000 hires", 2000, "count")],
        ),
        # A change in points or money and the level it reaches share the unit.
        (
            "The S&P 500 rose 64.06 points to 4,577.10.",
            [("64.06 points", 64.06, "point"), ("4,577.10", 4577.1, "point")],
        ),
        ("shares rose 6.5% to 164 on", [("6.5%", 6.5, "percent"), ("164", 164, "count")]),
        # After a year only a dash makes a range.
        ("output fell in 2022 to 1,450 tonnes", [("1,450 tonnes", 1450, "tonne")]),
        (
            "about 2000 - 2500 Calories to keep",
            [("2000", 2000, "calorie"), ("2500 Calories", 2500, "calorie")],
        ),
    ],
)
def test_the_ends_of_a_range_share_its_unit_and_scale(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    _assert_read_and_stated(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "In Europe: Stoxx 50 fell",  # an index
        "listed on the FTSE 100 index",
        "on BBC Radio 4 yesterday",
        "emerged from Chapter 11 protection",
        "the S&P 500 rose",
        "a 6-1 7-5 victory",  # scores
        "in the 2004-05 season",
        "fears of COVID-19 spreading",
        "the sale opened at 8am on Friday",  # a time of day
        "finished the season in 10th place",  # a rank
        "after 0401 GMT on Friday",
        "one day he left",  # "one" alone is a word, not a quantity
        "the two countries agreed",  # a spelled count after a determiner refers back
        "both sides and the other two men",
        "one proposal asks",  # "one" is mostly a word
        "two of the students",
        "the first half of the year",  # a period, not a share
        "in the fourth quarter of 2019",  # an ordinal
        "for a third straight month",
        "half an hour later",
        "the new iPhone 14 is out",
        "homes at 49 Zorro Ranch Road and 9 E 71st St",  # addresses
        "5G networks and 3D films",  # codes
        "the new PS5 console",  # "PS" before a number is £ only where it is money-like
        "between 1990 and 2000 prices",
        "a cameo in 24 Hour Party People",  # a title
        "Henry Fonda in 12 Angry Men",
    ],
)
def test_numbers_in_names_scores_and_times_are_not_quantities(text: str) -> None:
    assert number_candidates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "a man aged 43 was",
        "at the age of 43 he",
        "said Mr Hague, 43, on Monday",
        "his daughter Maria who was 43.",
        "when she turned 43, she left",
    ],
)
def test_ages_are_in_years(text: str) -> None:
    assert _read(text) == [("43", 43, "year")]


def test_a_number_after_a_name_and_a_comma_is_kept() -> None:
    assert _read("Mr Hague, 43, told the paper") == [("43", 43, "year")]  # an age
    assert _read("About 50 were hurt") == [("50", 50, "count")]  # a sentence's first word
    assert _read("who was 10 points clear") == [("10 points", 10, "point")]


def test_a_grouped_number_after_a_place_and_a_scaled_count_are_kept() -> None:
    assert _read("in Wales 59,000 and in Scotland 53,000.") == [
        ("59,000", 59000, "count"),
        ("53,000", 53000, "count"),
    ]
    assert _read("to ship three million PSPs by March") == [("three million PSPs", 3e6, "count")]
    assert _read("five million by 2010") == [("five million", 5e6, "count")]
    assert _read("recruit 25,000 Community Support Officers") == [("25,000", 25000, "count")]
    assert _read("Sales Up 5 Percent In March") == [("5 Percent", 5, "percent")]


def test_a_word_of_time_after_a_number_is_no_unit() -> None:
    assert _read("launch angle of 2.1 last year") == [("2.1", 2.1, "count")]
    assert _read("launch angle of 2.1 last years") == [("2.1", 2.1, "count")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.7m combined digital and physical sales", ("2.7m", 2.7e6, "count")),
        ("35m of its Echo devices", ("35m", 35e6, "count")),
        ("a 100m budget cut", ("100", 100, "count")),  # no race: not metres
        ("the 110m hurdles", ("110m", 110, "metre")),
        ("the fastest 800m runners", ("800m", 800, "metre")),
        ("won the 1500m at the Olympics", ("1500m", 1500, "metre")),
        ("the 37m (121ft)-long skeleton", ("37m", 37, "metre")),
        ("a 2.7m wall", ("2.7", 2.7, "count")),  # metres or millions: the bare number
        ("a 40m penalty to give the visitors", ("40", 40, "count")),
    ],
)
def test_a_letter_m_is_millions_or_metres_as_the_words_around_say(
    text: str, expected: tuple[str, float, str]
) -> None:
    assert _read(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from about 14-18 mpg to 24 for SUVs", [14, 18, 24]),
        ("went from 5 tonnes in 2019 to 7 last year", [5, 7]),
        ("rose from 5% to 7 this year", [5, 7]),
        ("raised 280 million of the 1.5 billion shekels", [280e6, 1.5e9]),
    ],
)
def test_a_spans_far_end_and_a_part_of_a_whole_take_its_unit(
    text: str, expected: list[float]
) -> None:
    readings = _read(text)
    assert [value for _, value, _ in readings] == expected
    assert len({unit for _, _, unit in readings}) == 1 and readings[0][2] != "count"


def test_a_number_after_a_change_in_percent_is_no_percent() -> None:
    assert _read("shares rose 6.5% to 164 on Monday")[1] == ("164", 164, "count")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the TA-125 climbed 0.1% to 1,333.18 on turnover",
            [("0.1%", 0.1, "percent"), ("1,333.18", 1333.18, "point")],
        ),
        (
            "Toronto Stock Exchange (16369.03 up 58.06 points).",
            [("16369.03", 16369.03, "point"), ("58.06 points", 58.06, "point")],
        ),
        (
            "Sales rose 5% to 300 in May.",  # no index: the level's unit is not known
            [("5%", 5, "percent"), ("300", 300, "count")],
        ),
    ],
)
def test_an_index_level_is_in_points(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _read(text) == expected


def test_a_sum_converted_in_brackets_shares_its_rate_and_lends_its_currency() -> None:
    assert _read("the offer of C$6 (US$4.46) per share in cash") == [
        ("C$6", 6, "CAD per share"),
        ("US$4.46", 4.46, "USD per share"),
    ]
    text = "It costs 2,435,000 yen ($22,480) for the manual and 2,380,000 ($21,972) for the CVT."
    assert [unit for _, _, unit in _read(text)] == ["JPY", "USD", "JPY", "USD"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He had four different bosses.", ("four different bosses", 4, "count")),
        ("It played in eight straight World Cups.", ("eight straight World Cups", 8, "count")),
        ("It has three big new factories.", ("three big new factories", 3, "count")),
        ("Three of them went home.", None),  # a pronoun: nothing counted is named
    ],
)
def test_a_spelled_count_may_be_described_by_two_words(
    text: str, expected: tuple[str, float, str] | None
) -> None:
    assert _read(text) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A third of those screened were obese.", [("A third", 1 / 3, "fraction")]),
        ("spending drives two-thirds of the economy", [("two-thirds", 2 / 3, "fraction")]),
        ("One out of three Germans rent.", [("One out of three", 1 / 3, "fraction")]),
        ("one in five adults smoke", [("one in five", 0.2, "fraction")]),
        ("almost half of which are in California", [("half", 0.5, "fraction")]),
        ("Half the condos have sold.", [("Half", 0.5, "fraction")]),
        ("He scored one in 90 minutes.", [("90 minutes", 90, "minute")]),  # no share
        # A share as a change.
        ("Output fell by half.", [("half", 0.5, "fraction")]),
        ("cutting output by almost three quarters", [("three quarters", 0.75, "fraction")]),
    ],
)
def test_a_share_written_in_words_is_a_fraction(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    # The number inside ("five" of "one in five adults") is no count of its own.
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty-five people died.", [("Twenty-five people", 25, "count")]),
        ("It is a million dollar house.", [("a million dollar", 1e6, "USD")]),
        ("Half a million people came.", [("Half a million people", 5e5, "count")]),
        ("It took two and a half years.", [("two and a half years", 2.5, "year")]),
        # An order of magnitude is a range: from its scale to ten times that.
        ("Dozens of people were killed.", [("Dozens", 12, "count"), ("Dozens", 120, "count")]),
        ("It extends hundreds of miles.", [("hundreds", 100, "mile"), ("hundreds", 1e3, "mile")]),
        (
            "maybe tens of millions of dollars",
            [("tens of millions", 1e7, "USD"), ("tens of millions", 1e8, "USD")],
        ),
    ],
)
def test_a_number_written_in_words_alone_counts_what_follows(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    _assert_read_and_stated(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("signed a two-year deal", [("two-year", 2, "year")]),
        ("a three-day visit to Iran", [("three-day", 3, "day")]),
        ("twenty-five-year bonds", [("twenty-five-year", 25, "year")]),
        ("a two-time champion", []),  # a description, not a measure
        ("a five-star hotel", []),
    ],
)
def test_a_spelled_number_hyphened_to_a_unit_is_a_measure(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _read(text) == expected
