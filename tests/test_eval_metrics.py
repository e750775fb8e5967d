"""Judge-free metrics on small cases computed by hand."""

from datetime import date

import pytest

from eval.faithfulness import (
    Quote,
    check_sentence,
    date_supported,
    faithfulness,
    find_dates,
    split_sentences,
)
from eval.metrics import (
    Span,
    abstention_accuracy,
    citation_precision,
    citation_recall,
    contains_answer,
    false_abstention_rate,
    hit_at_k,
    mean,
    normalize_text,
    percentile,
    reciprocal_rank,
    token_f1,
)

CHOSUN = (
    "Citing unidentified South Korean government sources, the Chosun Ilbo newspaper reported "
    "that the train likely left the North Korean capital Pyongyang on Sunday evening."
)


def test_normalize_folds_case_punctuation_articles_and_quotes():
    assert normalize_text("The U.S. said “Russia’s” 1,000 at 7 p.m.") == "us said russia 1000 at 7 pm"
    assert normalize_text("Kim Tong-Hyung") == "kim tong hyung"
    assert normalize_text("3.2 million") == "3.2 million"


def test_contains_answer_needs_whole_words():
    assert contains_answer("He left on 10 September.", ["September 10", "10 September"])
    assert not contains_answer("It is September 100.", ["September 10"])
    assert not contains_answer("Vladivostokian", ["Vladivostok"])
    assert contains_answer("in the Russian city of Vladivostok", ["vladivostok"])
    assert not contains_answer(None, ["x"])
    assert not contains_answer("anything", [])


def test_token_f1_by_hand():
    # pred tokens: afternoon of september 10 (article dropped) -> 4; gold: september 10 -> 2
    # common 2: precision 2/4, recall 2/2, F1 = 2*0.5*1/1.5 = 2/3
    assert token_f1("the afternoon of September 10", ["September 10"]) == pytest.approx(2 / 3)
    assert token_f1("September 10", ["nothing", "September 10"]) == 1.0
    assert token_f1("", ["September 10"]) == 0.0
    assert token_f1("Moscow", ["Vladivostok"]) == 0.0


def test_hit_at_k_and_reciprocal_rank():
    ranked = [False, False, True, False]
    assert [hit_at_k(ranked, k) for k in (1, 2, 3, 4)] == [0.0, 0.0, 1.0, 1.0]
    assert reciprocal_rank(ranked) == pytest.approx(1 / 3)
    assert reciprocal_rank([True]) == 1.0
    assert reciprocal_rank([False, False]) == 0.0
    assert reciprocal_rank([]) == 0.0


def test_citation_precision_and_recall_by_hand():
    gold = [Span("a", 100, 200), Span("b", 0, 50)]
    cited = [
        Span("a", 90, 210),   # holds the whole gold sentence: correct
        Span("a", 199, 300),  # shares 1 char with it: wrong
        Span("b", 0, 50),     # the same sentence: correct
        Span("c", 100, 200),  # another document: wrong
    ]
    assert citation_precision(cited, gold) == pytest.approx(2 / 4)
    assert citation_recall(cited, gold) == 1.0
    assert citation_recall(cited[:2], gold) == pytest.approx(1 / 2)
    assert citation_precision([], gold) is None
    assert citation_recall(cited, []) is None


def test_split_sentences_spares_abbreviations_and_markdown():
    text = "**Sunday evening**\n> Mr. Kim met the U.S. envoy at 7 p.m. today [1]. He left [2].\n\n"
    assert split_sentences(text) == [
        "Sunday evening",
        "Mr. Kim met the U.S. envoy at 7 p.m. today [1].",
        "He left [2].",
    ]


def test_sentence_supported_when_facts_and_words_are_in_its_quote():
    quotes = {1: CHOSUN, 2: "The meeting will likely take place in Vladivostok."}
    ok = check_sentence("The train left Pyongyang on Sunday evening [1].", quotes)
    assert ok.supported and ok.missing_facts == []
    # right words, wrong quote: Pyongyang and Sunday are not in quote 2
    wrong = check_sentence("The train left Pyongyang on Sunday evening [2].", quotes)
    assert not wrong.supported and set(wrong.missing_facts) == {"Pyongyang", "Sunday"}
    # an invented number
    made_up = check_sentence("The train left Pyongyang with 40 carriages [1].", quotes)
    assert not made_up.supported and made_up.missing_facts == ["40"]
    # no citation at all
    assert not check_sentence("The train left Pyongyang on Sunday evening.", quotes).supported


def test_possessive_name_in_quote_supports_the_bare_name():
    """Regression: "Russia" in an answer was reported missing from a quote saying "Russia’s"."""
    quotes = {1: "Kim also plans to visit Pier 33, where naval ships from Russia’s Pacific fleet dock."}
    assert check_sentence("Ships from Russia dock at Pier 33 [1].", quotes).supported


def test_words_about_sources_are_not_claims():
    """Regression: "Sources disagree: another article gives Monday [2]" failed on overlap."""
    quotes = {2: "North Korean leader Kim Jong Un will visit Russia, both countries said Monday."}
    assert check_sentence("Sources disagree: another article gives Monday [2].", quotes).supported
    assert not check_sentence("Sources disagree: another article gives Friday [2].", quotes).supported


def test_resolved_weekday_date_is_supported_within_the_week_before_publication_or_as_next_weekday():
    q = Quote(CHOSUN, published=date(2023, 9, 11))  # a Monday
    assert date_supported(2023, 9, 10, q)         # that Sunday
    assert not date_supported(2023, 9, 3, q)      # the Sunday before: 8 days earlier
    assert not date_supported(2023, 9, 12, q)     # a Tuesday, after publication
    assert not date_supported(2023, 9, 10, Quote(CHOSUN))  # no publication date to resolve
    written = Quote("left on the afternoon of September 10", published=date(2023, 9, 12))
    assert date_supported(2023, 9, 10, written) and date_supported(None, 9, 10, written)
    assert not date_supported(2022, 9, 10, written)
    # "next Tuesday" in a report of Tuesday 14 March 2023 is 21 March, a week after it.
    ahead = Quote("The board will meet again next Tuesday.", published=date(2023, 3, 14))
    assert date_supported(2023, 3, 21, ahead) and not date_supported(2023, 3, 28, ahead)
    assert not date_supported(2023, 3, 21, Quote("The board met on Tuesday.", published=date(2023, 3, 14)))
    # "a meeting was possible as early as Tuesday" in a report of Monday 11 September: the 12th.
    soon = Quote("A meeting was possible as early as Tuesday.", published=date(2023, 9, 11))
    assert date_supported(2023, 9, 12, soon) and not date_supported(2023, 9, 19, soon)


def test_faithfulness_inherits_markers_for_a_short_answer_line():
    quotes = {1: Quote(CHOSUN, date(2023, 9, 11))}
    text = f"**Sunday evening (10 September 2023)**\n> {CHOSUN} [1]"
    score, checks = faithfulness(text, quotes)
    assert score == 1.0 and [c.markers for c in checks] == [[1], [1]]
    score, checks = faithfulness(f"**12 September 2023**\n> {CHOSUN} [1]", quotes)
    assert score == 0.5 and checks[0].missing_facts == ["12 September 2023"]
    assert faithfulness("", quotes) == (None, [])


def test_dates_are_compared_as_dates_including_written_ranges():
    assert [m.days for m in find_dates("from September 10 to 13, on 10 September 2023, 2023-09-11")] == [
        ((None, 9, 10), (None, 9, 13)), ((2023, 9, 10),), ((2023, 9, 11),)
    ]
    eef = {1: Quote("The forum runs from 10 to 13 September in Vladivostok.", date(2023, 9, 5))}
    text = "**10 to 13 September (10 September 2023 – 13 September 2023)**\n> It runs from 10 to 13 September. [1]"
    assert faithfulness(text, eef)[1][0].supported
    assert not check_sentence("It ends on 14 September [1].", eef).supported


def test_whole_period_rendering_is_supported_but_an_invented_day_is_not():
    q = {1: Quote("Kim has made trips since he assumed power in 2011, and invaded in February 2022.")}
    assert check_sentence("2011 (1 January 2011 – 31 December 2011) [1]", q).supported
    assert check_sentence("February 2022 (1 February 2022 – 28 February 2022) [1]", q).supported
    invented = check_sentence("February 2022 (1 February 2022) [1]", q)
    assert not invented.supported and invented.missing_facts == ["1 February 2022"]
    assert not check_sentence("2012 (1 January 2012 – 31 December 2012) [1]", q).supported
    # A month named without a year, resolved to the one within a year of publication.
    ahead = {1: Quote("The merger is expected to be completed in March.", date(2024, 11, 4))}
    assert check_sentence("March (1 March 2025 – 31 March 2025) [1]", ahead).supported
    assert not check_sentence("March (1 March 2027 – 31 March 2027) [1]", ahead).supported


def test_abstention_rates_and_latency_percentiles():
    assert abstention_accuracy([True, True, False, True]) == 0.75
    assert false_abstention_rate([False, False, False, True]) == 0.25
    assert abstention_accuracy([]) is None
    assert percentile([10, 20, 30, 40], 50) == 25.0
    assert percentile(list(range(1, 11)), 95) == pytest.approx(9.55)
    assert percentile([], 50) is None
    assert mean([1.0, None, 0.0]) == 0.5 and mean([None]) is None


def test_numbers_with_thousands_separators_are_one_fact():
    """Regression: "About 1,400" was checked as "1" and "400" and failed against its own quote."""
    quote = "About 1,400 dock workers will stay off the job."
    assert check_sentence("About 1,400 [1]", {1: quote}).supported
    assert not check_sentence("About 1,600 [1]", {1: quote}).supported


def test_a_week_resolved_from_this_week_is_supported():
    """Regression: "this week (20 May 2024 – 26 May 2024)" failed against its own quote."""
    from datetime import date

    quote = Quote("The Cabinet will meet this week.", date(2024, 5, 20))
    assert check_sentence("this week (20 May 2024 – 26 May 2024) [1]", {1: quote}).supported
    assert not check_sentence("this week (27 May 2024 – 2 June 2024) [1]", {1: quote}).supported
