"""The answer engine's rules on a small corpus written for these tests (not the seeds):
questions that measure something, author questions, "the city" references, either-or
questions and which dates disagree. Real ingest, real embedder, real Chroma."""

from __future__ import annotations

import json

import pytest

from rag import Pipeline, RagSettings
from rag.bridge import find_bridge
from rag.question import Vocab, analyse
from rag.text import stem_all

ARTICLES = {
    "harbour": (
        "Port of Aldmere reopens after storm\n\n"
        "By MARTA ELLIS (Coastal Wire)\n\n"
        "The harbour master, Tomas Brand, said on Monday that the port of Aldmere would reopen "
        "to cargo ships on Wednesday after the storm. "
        "Brand, a 58-year-old former captain, has run the harbour for eleven years. "
        "The storm damaged three cranes and sank two fishing boats, the harbour office said. "
        "Repairs will cost about $4 million, according to the city council. "
        "Ferries left the harbour in the morning on Monday, the council said. "
        "Brand's predecessor, Ivo Marsh, retired to the island town of Kestrel Bay. "
        "He died there last year, aged 90. "
        "The harbour wall was rebuilt after the Second World War. "
        "The storm shut the port on Sunday; a storm had last shut it in 1987.\n"
    ),
    "festival": (
        "Lantern festival draws record crowds\n\n"
        "By OWEN PRICE (Valley Herald)\n\n"
        "The lantern festival opened on Saturday in the river town of Bexley, where organisers "
        "counted forty thousand visitors. "
        "The town is about 60 miles east of the capital and has hosted the festival since 1994. "
        "Bexley has a population of 12,400. "
        "Visitors can travel to the festival by bus or by boat, and most arrive by bus. "
        "Ferries left the harbour in the evening on Monday, a boatman said. "
        "The festival's main lantern was lit at dusk by the organisers. "
        "The 300-kilogram structure took a month to build. "
        "Saturday's crowd was the festival's biggest since 2009, the organisers said.\n"
    ),
    "club": (
        "Dunmore Rovers at 130\n\n"
        "Dunmore Rovers was founded in 1894 by workers at the Dunmore rope works. "
        "Its first secretary, Alan Petch, raised the money for a ground. "
        "\"We will build the finest ground in the county, and nothing less will do.\" "
        "The 44-year-old, a rope maker by trade, bought the land at Cooper Field in 1896. "
        "Rovers beat Hull City in the cup final of 1927. "
        "The manager that season was Samuel Ogden. "
        "Dunmore Rovers had 300 members soon after it was founded. "
        "In 1910 it had 1,200 members. "
        "The committee gave Alan Petch a salary of £40 a year.\n"
    ),
    "court": (
        "Ferry firm fined over harbour collision\n\n"
        "ALDMERE (Coastal Wire) — A judge on Thursday fined the Aldmere ferry company £90,000 for a "
        "collision in the harbour that injured four passengers. "
        "The company had admitted two safety offences at an earlier hearing. "
        "Its lawyer, Mark Hale, said the firm had since retrained every captain. "
        "Judge Ruth Amory, sitting at Aldmere Crown Court, also ordered it to pay £12,000 in costs. "
        "The ferry struck the harbour wall in fog in January. "
        "A separate inquiry by the marine accident board is expected to report its findings in the autumn. "
        "The company's appeal against the fine is expected to be heard in June. "
        "The two-day hearing ended on Thursday afternoon.\n"
    ),
    "line": (
        "Marden Hill Railway\n\n"
        "The Marden Hill Railway is a narrow-gauge line that climbs from Marden to the summit of Marden Hill. "
        "The first public train up Marden Hill ran on 4 August 1897. "
        "Among its 31 passengers was the mayor of Marden, Edith Crane. "
        "The railway now carries about 52,000 passengers a year between April and October. "
        "The engine is always coupled at the lower end of the train. "
        "It pushes the coach up the hill and holds it back on the way down, so that the coach "
        "cannot run away if a coupling breaks.\n"
    ),
    "bridge": (
        "Tessel Bridge\n\n"
        "The Tessel Bridge is an iron footbridge across the River Lune at Marden, opened in 1871. "
        "The bridge was closed for restoration in 2007, when engineers found rust in its chains. "
        "It reopened on 21 May 2009 after work costing £2 million. "
        "When it opened, the toll was one penny for a walker and twopence for a cart.\n"
    ),
    "yard": (
        "Boatyard wins navy order\n\n"
        "ALDMERE (Coastal Wire) — The Brisk boatyard at Aldmere has won an order for six patrol boats "
        "from the navy, its owners said on Tuesday. "
        "The order is worth £30 million, the largest in the town's history. "
        "The boatyard employs 240 people and expects to hire 30 more. "
        "Work on the first patrol boat was due to start on 8 January 2024. "
        "The navy placed the order through the Defence Equipment Agency. "
        "Tarn Steel, the main subcontractor, will build the hulls. "
        "A smaller yard upriver, Holm Marine, closed last year.\n"
    ),
    "trout": (
        "Anglers barred from Wenlow streams\n\n"
        "The Wenlow district council voted 9-3 on Friday to bar anglers from the upper Wenlow. "
        "The ban covers one tributary of the river, the Afon Bryn, where the Wenlow trout spawns. "
        "The trout cannot survive in water warmer than 21 °C, a council ecologist said. "
        "Anglers caught 640 trout on the upper river last year. "
        "Trout numbers in the Wenlow have fallen by half since 2010. "
        "The council chose the Afon Bryn because its gravel beds are easy to reach. "
        "Warmer summers and silt from forestry are blamed for the fall in trout numbers.\n"
    ),
    "buses": (
        "Kelby bus staff walk out\n\n"
        "Bus staff in Kelby walked out on Monday morning, leaving thousands of commuters stranded. "
        "The walkout by Kelby's bus staff is the longest since the bus company was founded. "
        "Staff gathered outside the bus depot on Monday with banners. "
        "Only a handful of routes ran, and schools told pupils to stay at home. "
        "Their union wants a rise of 6 percent. "
        "The operator, Kelby Buses, has offered 3 percent.\n"
    ),
    "fire": (
        "Wildfire forces evacuations near Corby Gap\n\n"
        "CORBY GAP (Coastal Wire) — A wildfire forced 2,300 people from their homes on Thursday. "
        "The Sable Canyon blaze has burned more than 5,800 acres of forest, officials said. "
        "The Sable Canyon fire is the largest in the county since the Tamsin Ridge fire of 2017, "
        "which burned about 14,000 acres. "
        "Highway 41 remains closed to traffic between Corby Gap and the coast. "
        "Three barns were destroyed on Quarry Road.\n"
    ),
    "fell": (
        "Tobias Fell\n\n"
        "Tobias Fell (1811 – 1879) was an English inventor of marine chronometers. "
        "He was born in Whitby and trained as a watchmaker in Leeds. "
        "His workbench and tools are kept at the Holm Museum in Bexley.\n"
    ),
    "holm": (
        "Holm Museum\n\n"
        "The Holm Museum is a museum of clocks and scientific instruments in Bexley. "
        "The clockmaker Anna Ruskin founded it in 1902 with her own collection. "
        "It has been run by a charitable trust since 1961.\n"
    ),
    "tern": (
        "Grounding of the MV Tern\n\n"
        "The grounding of the MV Tern was a maritime accident in which the ferry Tern ran aground on "
        "the Skell Bank on the evening of 3 May 2021. "
        "Two tugs were sent from Aldmere at first light. "
        "The Tern struck the Skell Bank at 7:42 p.m., about 20 minutes after leaving port. "
        "All 90 passengers were taken off by lifeboat.\n"
    ),
}
META = {
    "harbour": {"title": "Port of Aldmere reopens after storm", "published": "2024-03-06",
                "source": "Coastal Wire", "author": "Marta Ellis"},
    "festival": {"title": "Lantern festival draws record crowds", "published": "2024-03-04",
                 "source": "Valley Herald", "author": "Owen Price"},
    "club": {"title": "Dunmore Rovers at 130", "published": "2024-05-01", "source": "Valley Herald"},
    "court": {"title": "Ferry firm fined over harbour collision", "published": "2024-03-08", "source": "Coastal Wire"},
    "line": {"title": "Marden Hill Railway", "published": "2024-04-02", "source": "Encyclopedia"},
    "bridge": {"title": "Tessel Bridge", "published": "2024-04-02", "source": "Encyclopedia"},
    "yard": {"title": "Boatyard wins navy order", "published": "2024-03-12", "source": "Coastal Wire"},
    "trout": {"title": "Anglers barred from Wenlow streams", "published": "2024-06-10", "source": "Valley Herald"},
    "buses": {"title": "Kelby bus staff walk out", "published": "2024-06-11", "source": "Coastal Wire"},
    "fire": {"title": "Wildfire forces evacuations near Corby Gap", "published": "2024-08-10", "source": "Coastal Wire"},
    "fell": {"title": "Tobias Fell", "published": "2024-04-02", "source": "Encyclopedia"},
    "holm": {"title": "Holm Museum", "published": "2024-04-02", "source": "Encyclopedia"},
    "tern": {"title": "Grounding of the MV Tern", "published": "2024-04-02", "source": "Encyclopedia"},
}


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> Pipeline:
    root = tmp_path_factory.mktemp("town")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (corpus / "metadata.json").write_text(json.dumps(META), encoding="utf-8")
    p = Pipeline(RagSettings(data_dir=root / "data", corpus_dir=corpus, show_progress=False))
    report = p.ingest(corpus)
    assert report.errors == [] and len(report.added) == len(ARTICLES)
    return p


def test_how_old_is_answered_with_an_age(town):
    a = town.query("How old is the harbour master Tomas Brand?")
    assert not a.abstained and "58-year-old" in a.short_answer


def test_how_many_needs_the_counted_thing(town):
    a = town.query("How many cranes did the storm damage?")
    assert not a.abstained and a.short_answer == "three"
    # Numbers are there ("three cranes", "two fishing boats") but none counts sailors.
    assert town.query("How many sailors were hurt in the storm?").abstained


def test_how_much_pay_needs_money(town):
    a = town.query("How much will the repairs cost?")
    assert not a.abstained and "$4 million" in a.short_answer
    assert town.query("How much did the festival pay its organisers?").abstained
    # A cost is given, of the repairs; none of a ferry ticket.
    assert town.query("How much will a ferry ticket to Aldmere cost after the storm?").abstained


def test_how_fast_without_a_speed_abstains(town):
    assert town.query("How fast do the ferries sail?").abstained


def test_author_question_reads_the_byline_of_the_matching_article(town):
    a = town.query("Who wrote the article about the lantern festival?")
    assert a.short_answer == "Owen Price"
    assert any("By OWEN PRICE" in c.quote for c in a.citations)
    # The source the question names picks the article, here by its initials.
    assert town.query("Who wrote the CW story about the storm?").short_answer == "Marta Ellis"


def test_the_town_refers_to_the_place_named_before(town):
    a = town.query("Which town is about 60 miles east of the capital?")
    assert not a.abstained and a.short_answer == "Bexley"
    quotes = [c.quote for c in a.citations]
    # Both sentences are cited: the one naming the town, then the one the answer rests on.
    assert "Bexley" in quotes[0] and quotes[1].startswith("The town is about 60 miles")


def test_either_or_with_exclusive_options_from_two_articles_is_a_disagreement(town):
    a = town.query("Did the ferries leave the harbour in the morning or in the evening?")
    assert a.conflict and "Sources disagree" in a.text
    assert len({c.doc_id for c in a.citations}) == 2


def test_either_or_with_compatible_options_mentions_both(town):
    a = town.query("Can visitors reach the festival by bus or by boat?")
    assert not a.conflict and "both" in a.text and "**bus**" in a.text and "**boat**" in a.text


def test_a_day_and_its_month_do_not_disagree(town):
    a = town.query("When will the port of Aldmere reopen?")
    assert not a.abstained and "Wednesday" in a.short_answer and not a.conflict


def test_real_words_are_not_corrected_to_corpus_words():
    vocab = Vocab({"price": 4, "minister": 2, "meet": 3})
    lexicon = frozenset({"prime", "minister", "old"})
    q = analyse("Who is the prime minister?", vocab, lexicon)
    assert "prime" in q.key_terms and q.corrected == {}
    assert analyse("How old is he?", vocab, lexicon).measure == "age"
    # Misspellings still are: "meeet" is in no word list.
    assert analyse("when will they meeet", vocab, lexicon).corrected == {"meeet": "meet"}


@pytest.mark.parametrize("question, measure, counted", [
    ("How many foreign trips has he made?", "count", "trips foreign"),
    ("How many artillery shells might they have?", "count", "shells artillery"),
    ("How many homes lost power?", "count", "homes"),
    ("How many times did they meet?", "count", None),
    ("How much will Russia pay for the shells?", "money", None),
    ("How much ammunition is left?", "amount", None),
    ("How much data did the hackers copy?", "amount", None),
    ("How much higher is the new dam?", None, None),
    ("How much time is left?", None, None),
    ("How far along is the construction of the hospital?", "progress", None),
    ("How many people were rescued by firefighters?", "headcount", None),
    ("How far is the town from the capital?", "distance", None),
    ("How long did the storm last?", "duration", None),
    ("How much does the recast bell weigh?", "weight", None),
    ("How much will the district save each year?", "money", None),
    ("How much is a single ticket on the ferry?", "money", None),
])
def test_what_a_how_question_measures(question, measure, counted):
    q = analyse(question)
    assert (q.measure, q.counted) == (measure, counted)


def test_a_lowercase_question_word_does_not_match_part_of_a_name():
    from rag.text import name_words

    assert name_words("It was first reported by the New York Times.") >= {"new", "york", "times"}
    assert "it" not in name_words("It was first reported by the New York Times.")


def test_the_country_of_a_demonym_in_the_question_is_not_the_answer():
    from rag.values import _demonym_of

    assert _demonym_of("Russia", ["the", "russian", "navy"])
    assert _demonym_of("Korea", ["north", "korean", "leader"])
    assert not _demonym_of("Russia", ["russia"]) and not _demonym_of("Bexley", ["festival"])


def test_a_name_with_a_place_word_is_a_place_whatever_spacy_called_it():
    from rag.values import PLACE_HEADS

    assert PLACE_HEADS.search("Pier 33") and PLACE_HEADS.search("Far Eastern Federal University Campus")
    assert not PLACE_HEADS.search("Dmitry Peskov")


def test_the_counted_noun_must_follow_the_number_in_the_same_phrase(town):
    a = town.query("How many fishing boats did the storm sink?")
    assert a.short_answer == "two"


def test_near_synonyms_count_for_common_words_only(town):
    """The real embedder on single words: "navy"/"naval" are near, "hotel"/"city" are not,
    and names are never soft-matched."""
    from rag.evidence import WordMatcher
    from rag.question import analyse
    from rag.sentences import Sentence

    words = WordMatcher(town.embedder.embed)
    s = Sentence(doc_id="d", start=0, end=43, text="Naval ships dock in the city near Kingston.")
    near = words.similarities(analyse("Where does the navy of Kingston sit?"), ["navy", "kingston", "sit"], [s])
    assert "navi" in near["d:0"] and "kingston" not in near["d:0"]  # "navi": the stem of "navy"
    assert words.similarities(analyse("Which hotel did Kingsley pick?"), ["hotel", "kingsley"], [s]) == {}
    # Nor is a question's common word matched by a corpus name: "countries" is near
    # "Africa" and "Europe" in vector space, and those name no country asked for.
    t = Sentence(doc_id="e", start=0, end=36, text="The birds winter in Africa and Europe.")
    q = analyse("Which countries do the birds winter in?")
    assert "countri" in words.similarities(q, ["countries", "birds", "winter"], [t])["e:0"]
    assert "countri" not in words.similarities(q, ["countries", "birds", "winter"], [t],
                                               {"africa": 3, "europe": 2}).get("e:0", {})


def test_an_unplaced_period_hardly_answers_when(town):
    a = town.query("When did the lantern festival open?")
    assert not a.abstained and a.short_answer.startswith("Saturday")


def test_who_holds_a_role_nobody_is_named_in_is_not_answered(town):
    a = town.query("Who is the harbour master of Aldmere?")
    assert not a.abstained and a.short_answer == "Tomas Brand"
    # People are named ("Marta Ellis", "Tomas Brand"), but nobody as the town's mayor.
    assert town.query("Who is the mayor of Bexley?").abstained


def test_a_measure_can_come_from_the_next_sentence_with_its_unit(town):
    a = town.query("How heavy is the festival's main lantern?")
    assert not a.abstained and a.short_answer == "300-kilogram"


def test_a_word_no_article_uses_is_not_unknown_when_a_near_synonym_is_there(town):
    # "festivities" is in no article (half the question's words by length); "festival" is.
    a = town.query("Where were the lantern festivities held?")
    assert not a.abstained and a.short_answer == "Bexley"


def test_a_three_letter_typo_of_a_longer_name_is_corrected():
    vocab = Vocab({"pell": 3, "port": 9, "pet": 1})
    assert analyse("How old is Graham Pel?", vocab).corrected == {"pel": "pell"}
    assert analyse("Where is the pet shop?", vocab).corrected == {}


def test_a_person_is_found_inside_an_entity_tagged_with_title_and_place():
    from rag.patterns import _titled_people
    from rag.sentences import Entity, Sentence

    text = "Castelmora Mayor Giulia Santoro ordered the evacuation."
    s = Sentence("d", 0, len(text), text, [Entity("ORG", "Castelmora Mayor Giulia Santoro", 0, 31)])
    (person,) = _titled_people(s)
    assert (person.label, person.text, text[person.start : person.end]) == ("PERSON", "Giulia Santoro", "Giulia Santoro")


def test_a_compound_counted_noun_matches_its_one_word_form(town):
    from rag.measures import measure_fit
    from rag.sentences import Entity, Sentence

    q = analyse("How many dock workers are on strike?")
    text = "Roughly 1,600 dockers have been on strike since Sunday."
    s = Sentence("d", 0, len(text), text)
    assert measure_fit(q, Entity("CARDINAL", "Roughly 1,600", 0, 13), s) == 1.0
    assert measure_fit(analyse("How many crane drivers are on strike?"), Entity("CARDINAL", "Roughly 1,600", 0, 13), s) == 0.0


def test_encyclopedia_life_dates_answer_born_and_died():
    from rag.patterns import _life_dates, life_event
    from rag.sentences import Sentence

    text = "Josiah Kell (3 May 1823 – 19 November 1891) was an English chemist."
    s = Sentence("d", 100, 100 + len(text), text)
    assert life_event("When was Kell born?") == 1 and life_event("When did Kell die?") == 2
    born, = _life_dates(s, 1)
    died, = _life_dates(s, 2)
    assert (born.text, born.resolved) == ("3 May 1823", "1823-05-03")
    assert (died.text, died.resolved) == ("19 November 1891", "1891-11-19")
    assert text[born.start - 100 : born.end - 100] == "3 May 1823"


def test_were_is_not_a_misspelt_where():
    q = analyse("When were the tolls scrapped?")
    assert q.corrected == {} and q.answer_type == "date"


def test_there_refers_to_the_place_named_before(town):
    a = town.query("Where did Ivo Marsh die?")
    assert not a.abstained and a.short_answer == "Kestrel Bay"
    assert "Kestrel Bay" in a.citations[0].quote and "died there" in a.citations[1].quote


def test_a_name_no_article_mentions_is_not_answered(town):
    # "harbour", "storm" and "repairs" match well; "Kingsport" is named nowhere.
    assert town.query("When will the Kingsport harbour reopen after the storm repairs?").abstained
    assert not town.query("When will the Aldmere harbour reopen after the storm?").abstained


def test_two_swapped_letters_are_a_typo():
    vocab = Vocab({"economic": 3, "forum": 2})
    assert analyse("When is the Eastern Ecomonic Forum?", vocab).corrected == {"ecomonic": "economic"}


def test_a_sentence_is_also_read_with_its_article_title(town):
    """'It'-sentences say little alone; with the title they match questions about the topic."""
    answerer = town.answerer
    cands = [s for s in town.store.sentences_of({"festival"})[0]][:4]
    vecs = town.store.sentences_of({"festival"})[1][:4]
    docs = town.store.document_texts({"festival"})
    qvec = town.embedder.embed(["When did the lantern festival open?"])[0]
    titles = {d: meta.get("title") or "" for d, (_, meta) in docs.items()}
    dense = answerer._dense_in_context(qvec, cands, vecs, titles)
    assert dense.shape == (len(cands),) and (dense >= vecs @ qvec - 1e-6).all()
    assert (dense > vecs @ qvec + 1e-3).any()


def test_a_question_s_names_must_all_be_in_the_answering_article(town):
    # Rovers' manager is named, and the Second World War is mentioned, but not in one article.
    a = town.query("Who managed Dunmore Rovers in 1927?")
    assert not a.abstained and a.short_answer == "Samuel Ogden"
    assert town.query("Who managed Dunmore Rovers during the Second World War?").abstained


def test_a_follow_on_epithet_gives_the_value_past_a_quotation(town):
    # "… secretary, Alan Petch, raised …" "“We will build …”" "The 44-year-old, …"
    a = town.query("How old was the secretary Alan Petch?")
    assert not a.abstained and a.short_answer == "44-year-old"
    assert "Petch" in a.citations[0].quote and a.citations[-1].quote.startswith("The 44-year-old")
    # The short answer points at the sentence that holds it, so a checker reads it there.
    from eval.faithfulness import faithfulness

    assert a.text.startswith(f"**44-year-old** [{len(a.citations)}]")
    assert faithfulness(a.text, {c.number: c.quote for c in a.citations})[0] == 1.0


def test_a_back_reference_inside_a_sentence_borrows_the_words_before_it():
    from rag.evidence import refers_back

    assert refers_back("The manager that season was Samuel Ogden.")
    assert refers_back("The trustees insisted on this height so that ships could pass.")
    assert refers_back("Among its 46 passengers was the mayor.")
    assert not refers_back("The Kell Building of the University was opened in 1967.")  # a name
    # "this week" points at the present, not back.
    assert not refers_back("Ministers will meet this week in Rome.")


def test_money_is_the_amount_the_currency_belongs_to():
    from rag.values import answer_entities
    from rag.sentences import Entity, Sentence

    q = analyse("How much did the company pay for the line?")
    text = "The founders raised £60,000 by selling 6,000 shares at £10 each."
    ents = [Entity(label, v, text.index(v), text.index(v) + len(v))
            for label, v in (("MONEY", "60,000"), ("CARDINAL", "6,000 "), ("MONEY", "10 "))]
    ents = [Entity(e.label, e.text.strip(), e.start, e.start + len(e.text.strip())) for e in ents]
    assert [text[e.start:e.end] for e in ents] == ["60,000", "6,000", "10"]
    found = [e.text for e, fit in answer_entities(q, Sentence("d", 0, len(text), text, ents), set()) if fit > 0]
    assert found == ["£60,000", "£10"]  # the sign is shown; "6,000 shares" is no amount of money


def test_the_kind_of_answer_is_read_from_the_noun_after_which():
    cases = {
        "Which separatist regions has the country recognised?": ("place", "regions"),
        "Which North Korean outlet reported the visit?": ("organisation", "outlet"),
        "Which team did the club beat in the final?": ("organisation", "team"),
        "What is the name of the club's first secretary?": ("person", "secretary"),
        "who is russias defence minister": ("person", "minister"),
        "What did the mayor say?": ("entity", None),
    }
    for question, expected in cases.items():
        q = analyse(question)
        assert (q.answer_type, q.focus) == expected, question


def test_a_question_names_an_organisation_only_by_its_head_or_most_of_its_words():
    from rag.values import _named_by
    from rag.sentences import Entity
    from rag.text import stem_all

    q = set(stem_all(["north", "korean", "outlet", "agency", "russia"]))
    assert not _named_by(Entity("ORG", "the Korean Central News Agency", 0, 30), set(stem_all(["north", "korean", "outlet"])))
    assert _named_by(Entity("ORG", "the Korean Central News Agency", 0, 30), q)  # "agency" is its head
    assert _named_by(Entity("PERSON", "Kim Jong Un", 0, 11), set(stem_all(["kim"])))


def test_a_name_cut_short_by_the_tagger_is_completed():
    from rag.values import _with_name_tail
    from rag.sentences import Entity, Sentence

    text = "Rovers beat Sheffield United 2–1 in the final, said US President Donald Trump."
    ents = [Entity(label, name, text.index(name), text.index(name) + len(name))
            for label, name in (("GPE", "Sheffield"), ("GPE", "US "), ("PERSON", "Donald Trump"))]
    ents[1] = Entity("GPE", "US", ents[1].start, ents[1].start + 2)
    s = Sentence("d", 0, len(text), text, ents)
    assert _with_name_tail(ents[0], s).text == "Sheffield United"
    assert _with_name_tail(ents[1], s).text == "US"  # a title before another name stays out


def test_what_is_the_height_of_measures_like_how_high():
    for question, measure in {"What is the height of the tower?": "size",
                              "What was the toll for a carriage?": "money",
                              "What is the weight of the main lantern?": "weight"}.items():
        q = analyse(question)
        assert (q.answer_type, q.measure) == ("number", measure), question
    q = analyse("What is the lifespan of the fish?")
    assert (q.answer_type, q.measure) == ("duration", "duration")
    assert analyse("What is the reason for the strike?").answer_type == "explanation"


def test_a_year_in_a_number_question_pins_the_sentence(town):
    a = town.query("How many members did Dunmore Rovers have in 1910?")
    assert not a.abstained and a.short_answer == "1,200"
    # Members are counted, but in no sentence about 1950.
    assert town.query("How many members did Dunmore Rovers have in 1950?").abstained


def test_the_counted_noun_ends_at_the_verb():
    assert analyse("How many people died when the docks were bombed?").counted is None  # "people": any count
    assert analyse("How many children attend the school?").counted == "children"
    assert analyse("How many foreign trips has Kim made?").counted == "trips foreign"


def test_which_country_prefers_a_country_to_a_region():
    from rag.values import answer_entities
    from rag.sentences import Entity, Sentence

    text = "It breeds in Europe, mostly in England."
    ents = [Entity("LOC", "Europe", 13, 19), Entity("GPE", "England", 31, 38)]
    assert [text[e.start:e.end] for e in ents] == ["Europe", "England"]
    fits = dict((e.text, fit) for e, fit in answer_entities(analyse("Which countries does it breed in?"),
                                                          Sentence("d", 0, len(text), text, ents), set()))
    assert fits["England"] > fits["Europe"]
    fits = dict((e.text, fit) for e, fit in answer_entities(analyse("Where does it breed?"),
                                                          Sentence("d", 0, len(text), text, ents), set()))
    assert fits["England"] == fits["Europe"]


def test_a_number_must_be_written_near_the_names_the_question_gives(town):
    # Hull City is in the club's article, but nowhere near a count of members.
    assert town.query("How many members did Dunmore Rovers have when they beat Hull City?").abstained
    a = town.query("How many members did Dunmore Rovers have in 1910?")
    assert not a.abstained and a.short_answer == "1,200"


def test_a_relative_is_a_person_named_in_that_role(town):
    q = analyse("What was the name of Alan Petch's wife?")
    assert (q.answer_type, q.focus) == ("person", "wife")
    assert town.query("What was the name of Alan Petch's wife?").abstained


def test_a_question_about_the_past_prefers_what_happened_to_what_was_expected():
    from rag.candidates import Candidate, happened_first
    from rag.evidence import ScoredSentence
    from rag.sentences import Entity, Sentence

    def cand(text, day, score):
        s = Sentence("d", 0, len(text), text)
        return Candidate(Entity("DATE", day, text.index(day), text.index(day) + len(day)),
                         ScoredSentence(s, score, score, 0.5, 1.0), score)

    expected = cand("The council was expected to vote on the new pier on Monday.", "Monday", 0.70)
    voted = cand("The council voted on the pier on Tuesday.", "Tuesday", 0.65)
    assert [c.entity.text for c in happened_first([expected, voted])] == ["Tuesday", "Monday"]
    # Between two sentences that both say it happened, the better match stays first.
    also = cand("The council met on the pier on Wednesday.", "Wednesday", 0.60)
    assert [c.entity.text for c in happened_first([voted, also])] == ["Tuesday", "Wednesday"]


def test_a_dateline_gives_a_where_answer_when_nothing_better_does():
    from rag.values import answer_entities
    from rag.sentences import Sentence

    text = "KOUROU, French Guiana (AP) — A European satellite reached orbit on Tuesday."
    found = answer_entities(analyse("Where was the satellite launched from?"), Sentence("d", 0, len(text), text), set())
    assert [(e.text, fit) for e, fit in found] == [("KOUROU, French Guiana", 0.6)]


def test_what_pay_rise_asks_for_a_number():
    assert analyse("What pay rise is the union asking for?").answer_type == "number"


def test_an_article_named_for_its_subject_lends_the_subject_to_every_sentence():
    import numpy as np
    from rag.evidence import rank_sentences
    from rag.sentences import Sentence

    texts = ["The amber reedling is a small songbird of the coastal marshes.",
             "In autumn it eats insects and small beetles."]
    sents, at = [], 0
    for t in texts:
        sents.append(Sentence("bird", at, at + len(t), t))
        at += len(t) + 1
    vocab = Vocab({"amber": 2, "reedling": 3, "eats": 1, "songbird": 1, "insects": 1})
    q = analyse("What does the amber reedling eat?", vocab)
    vecs, qvec = np.zeros((2, 384), np.float32), np.zeros(384, np.float32)
    best = lambda titles: rank_sentences(q, qvec, sents, vecs, vocab, titles=titles)[0].sentence.text
    # The article is about the reedling, so its diet sentence answers "eat" about it.
    assert best({"bird": "Amber reedling"}) == texts[1]
    # A news headline is no subject name: it lends nothing.
    assert best({"bird": "Amber reedling numbers fall for the fifth year in a row"}) == texts[0]


def test_a_surname_inside_a_company_name_does_not_name_the_person():
    from rag.values import _named_by, _names_inside_other_names
    from rag.sentences import Entity
    from rag.text import stem_all

    question = "Who was the shipowner among the founders of the Calder and Moy company?"
    q_stems = set(stem_all(["shipowner", "founders", "calder", "moy", "company"]))
    moy = Entity("PERSON", "James Moy", 0, 9)
    assert not _named_by(moy, q_stems, _names_inside_other_names(question))
    # Used on its own, the surname does name the person.
    assert _named_by(moy, set(stem_all(["moy", "ships"])), _names_inside_other_names("Whose ships did Moy own?"))


def test_a_short_answer_is_faithful_to_the_quote_that_holds_it(town):
    from eval.faithfulness import faithfulness

    for question in ("Where did Ivo Marsh die?", "How old was the secretary Alan Petch?"):
        a = town.query(question)
        assert faithfulness(a.text, {c.number: c.quote for c in a.citations})[0] == 1.0, a.text


def test_a_place_without_a_name_can_answer_where():
    from rag.values import answer_entities
    from rag.sentences import Entity, Sentence

    text = "The mayor spoke at the town's sports hall, where 600 evacuees slept, not in Rome."
    rome = Entity("GPE", "Rome", text.index("Rome"), text.index("Rome") + 4)
    found = dict((e.text, fit) for e, fit in answer_entities(analyse("Where did the evacuees sleep?"),
                                                             Sentence("d", 0, len(text), text, [rome]), set()))
    assert found == {"the town's sports hall": 0.7, "Rome": 1.0}  # a name, when there is one, fits better


def test_how_soon_is_the_form_of_a_when_question_not_its_topic():
    q = analyse("How soon could the council vote?")
    assert q.answer_type == "date" and "soon" not in q.key_terms


def test_a_role_no_one_is_named_in_is_not_answered(town):
    q = analyse("Who was the driver of the first ferry?")
    assert (q.answer_type, q.focus) == ("person", "driver")
    # People are named near the ferries ("Tomas Brand", the harbour master), none as its driver.
    assert town.query("Who was the driver of the first ferry?").abstained


def test_money_written_with_a_scale_word_before_its_currency():
    """Regression: the scale-word pattern was joined to the currency alternation without a
    group, so "5 million euros" (spaCy tagging only "5") was not money."""
    from rag.measures import measure_fit
    from rag.sentences import Entity, Sentence

    text = "Repairs will cost 5 million euros, the council said."
    five = Entity("CARDINAL", "5", text.index("5"), text.index("5") + 1)
    q = analyse("How much will the repairs cost?")
    assert measure_fit(q, five, Sentence("d", 0, len(text), text)) == 1.0


def _one_article(texts: list[str], title: str):
    """The sentences of one article "d" made of ``texts``, their neighbours and its docs map."""
    from rag.compose import neighbours_of
    from rag.sentences import Sentence

    sents, at = [], 0
    for t in texts:
        sents.append(Sentence("d", at, at + len(t), t))
        at += len(t) + 1
    return sents, neighbours_of(sents), {"d": (" ".join(texts), {"title": title})}


def _candidate(s, label: str, word: str, score: float):
    """A candidate value ``word`` (labelled ``label``) of sentence ``s``, scored ``score``."""
    from rag.candidates import Candidate
    from rag.evidence import ScoredSentence
    from rag.sentences import Entity

    at = s.start + s.text.index(word)
    return Candidate(Entity(label, word, at, at + len(word)), ScoredSentence(s, score, score, score, 1.0), score)


def _fits(question: str, text: str, tagged: tuple[tuple[str, str], ...]) -> dict[str, float]:
    """answer_entities on one sentence whose entities are tagged as given (label, text)."""
    from rag.sentences import Entity, Sentence
    from rag.values import answer_entities

    ents = [Entity(label, v, text.index(v), text.index(v) + len(v)) for label, v in tagged]
    return {e.text: fit for e, fit in answer_entities(analyse(question), Sentence("d", 0, len(text), text, ents), set())}


def test_a_name_written_after_the_kind_asked_for_and_of_answers_which():
    # spaCy's small model leaves "Corrabridge" untagged; "the mint of" says what it is.
    text = "Most were silver pennies struck at the mint of Corrabridge under King Athelrun."
    assert _fits("Which mint struck the pennies?", text, ()) == {"Corrabridge": 1.0}
    assert "Corrabridge" not in _fits("Which abbey struck the pennies?", text, ())


def test_a_name_said_to_be_of_the_kind_asked_for_in_a_longer_phrase_answers_which():
    # The kind in apposition, before a place ("a sandbank in Veyla Sound"), or one of two
    # words before "of" ("the resort town of Ostmere").
    text = "The ferry ran aground on the Corran Shoal, a sandbank in Veyla Sound, that evening."
    assert _fits("Which sandbank did the ferry run onto?", text, (("ORG", "the Corran Shoal"),)) == {"the Corran Shoal": 1.0}
    text = "It flies to Port Averin all year and in summer to the resort town of Ostmere."
    assert "Ostmere" in _fits("To which resort does it fly in summer?", text, (("PERSON", "Ostmere"),))
    assert "Ostmere" not in _fits("To which spa does it fly in summer?", text, (("PERSON", "Ostmere"),))


def test_the_names_an_article_keeps_writing_are_what_each_of_its_figures_is_about():
    from rag.candidates import _subject_names

    text = ("Ferry runs aground off Holm\n\nThe ferry Ailsa Grey ran aground off Holm on Tuesday. Her master, "
            "Captain Jonas Ebbe, has commanded the vessel for nine years. The Ailsa Grey was refloated. "
            "Divers inspected the Ailsa Grey's hull. Ferries resumed on Friday, the Holm council said.")
    names = _subject_names(text)
    # "How many years had Jonas Ebbe commanded the Ailsa Grey?": "the vessel" is the Ailsa Grey.
    assert {"ailsa", "grey", "holm"} <= set(names)
    assert not {"jonas", "ebbe", "divers", "ferries"} & set(names)  # once, or only opening a sentence


def test_a_title_written_before_a_name_is_no_role_asked_for():
    assert analyse("Who dated the coins to the reign of King Athelrun?").focus is None
    assert analyse("Who did President Okafor meet in Lagos?").focus is None
    assert analyse("Who is the king of Veyla?").focus == "king"
    assert analyse("Who is Japan's Prime Minister?").focus == "minister"


def test_members_voting_are_counted_by_their_votes():
    text = "The council's transport committee backed the plan by six votes to three."
    fits = _fits("How many committee members voted in favour of the plan?", text, (("CARDINAL", "six"),))
    assert fits == {"six": 1.0}
    assert _fits("How many committee members attended the meeting?", text, (("CARDINAL", "six"),)) == {}


def test_what_time_is_answered_by_a_clock_time_over_a_part_of_a_day(town, monkeypatch):
    # The lead sentence matches best but gives only "the evening of 3 May 2021"; spaCy's
    # small model runs "7:42 p.m." on into ", about 20 minutes".
    a = town.query("At what time did the Tern run aground on the Skell Bank?")
    assert not a.abstained and a.short_answer == "7:42 p.m."
    monkeypatch.setattr("rag.answer.CLOCK_MARGIN", 0)
    assert "7:42" not in (town.query("At what time did the Tern run aground on the Skell Bank?").short_answer or "")


def test_a_place_without_a_name_may_be_part_of_a_building():
    fits = _fits("Where were the museum's pieces kept during the war?",
                 "Its most valuable holdings were packed into crates and stored in the cellars of the cathedral.", ())
    assert "the cellars of the cathedral" in fits


def test_a_length_of_time_is_no_when():
    text = "Kessler won in 2 hours 5 minutes and 41 seconds, two days after the heatwave broke."
    fits = _fits("When will next year's race take place?", text,
                 (("TIME", "41 seconds"), ("DATE", "two days after the heatwave")))
    assert "41 seconds" not in fits and fits["two days after the heatwave"] > 0


def test_a_when_question_whose_best_sentences_give_no_date_is_not_answered_by_a_passage(town):
    a = town.query("When will the Tern carry passengers again?")
    assert a.abstained and a.short_answer is None


def test_a_birth_date_is_written_with_the_birth(town):
    # The Holm Museum's entry gives the year Anna Ruskin founded it, not the year of her birth.
    assert town.query("When was Anna Ruskin born?").abstained
    a = town.query("When was Tobias Fell born?")  # "Tobias Fell (1811 – 1879)"
    assert not a.abstained and "1811" in a.short_answer


def test_which_kind_is_answered_by_a_name_written_with_that_kind_or_an_alias_of_it():
    text = "In 1889 she became the first woman to win the conservatory's Golden Lyre prize."
    assert _fits("Which award did she win in 1889?", text, (("PERSON", "Golden Lyre"),)) == {"Golden Lyre": 1.0}
    text = "He received the Wollaston Prize of the Chemical Society in 1862."
    fits = _fits("Which award did Kell win in 1862?", text, (("ORG", "the Wollaston Prize"), ("ORG", "the Chemical Society")))
    assert "the Wollaston Prize" in fits and "the Chemical Society" not in fits  # a prize is an award
    text = "Terravue-1 lifted off on a Vega-C rocket from the Guiana Space Centre."
    assert "Vega-C" in _fits("Which rocket carried the satellite?", text, ())  # untagged by spaCy
    text = "Weapons were displayed, including the Hwasong intercontinental ballistic missile."
    assert "Hwasong" in _fits("Which missile was on display?", text, (("GPE", "Hwasong"),))
    assert "Lynx" in _fits("In which constellation was the comet?", "She found a comet in the constellation Lynx.", ())
    text = "Analysts say Russia wants weapons from North Korea."
    assert "Russia" not in _fits("What weapons does Putin want?", text, (("GPE", "Russia"), ("GPE", "North Korea")))


def test_a_figure_in_words_and_in_digits_is_the_same_figure():
    from rag.candidates import Candidate
    from rag.evidence import ScoredSentence
    from rag.patterns import number_value
    from rag.sentences import Entity, Sentence

    assert [number_value(t) for t in ("14", "Fourteen", "1,400", "twenty-one", "about 1,400", "14 metres")] == \
        [14, 14, 1400, 21, None, None]
    ev = ScoredSentence(Sentence("d", 0, 1, "x", []), 0.5, 0.5, 0.5, 1.0)
    keys = {Candidate(Entity("CARDINAL", t, 0, len(t)), ev, 0.5).key for t in ("14", "Fourteen", "fourteen")}
    assert len(keys) == 1  # two articles giving "14" and "Fourteen" agree


def test_another_article_s_own_answer_of_the_same_shape_is_a_disagreement():
    from rag.answer import _agree_and_differ
    from rag.candidates import Candidate
    from rag.evidence import ScoredSentence
    from rag.sentences import Entity, Sentence

    def cand(doc, text, score, prox=0.0, lexical=0.3, label="TIME"):
        ev = ScoredSentence(Sentence(doc, 0, 40, f"It stopped at {text}.", []), score, 0.5, lexical, 1.0)
        return Candidate(Entity(label, text, 14, 14 + len(text)), ev, score, prox)

    q = analyse("At what time did the lift stop?")
    best = cand("a", "3.20 p.m.", 0.6, prox=0.8, lexical=0.6)
    # The other article's best value: its sentence matches the question less well.
    other = cand("b", "2.50 p.m.", 0.45)
    assert _agree_and_differ(q, best, [best, other])[1] == [other]
    assert _agree_and_differ(q, best, [best, cand("b", "2.50 p.m.", 0.3)])[1] == []  # too weak
    assert _agree_and_differ(q, best, [best, cand("b", "Sunday", 0.45, label="DATE")])[1] == []  # another shape
    q = analyse("How far is the port from the capital?")
    best, other = cand("a", "680 kilometers", 0.6, 0.8, 0.6, "QUANTITY"), cand("b", "130 km", 0.5, 0.8, 0.6, "QUANTITY")
    assert _agree_and_differ(q, best, [best, other])[1] == []  # other units: likely another distance
    q = analyse("How many people work at the mill?")
    best, other = cand("a", "410", 0.6, 0.8, 0.6, "CARDINAL"), cand("b", "6,000", 0.5, 0.0, 0.3, "CARDINAL")
    assert _agree_and_differ(q, best, [best, other])[1] == []  # a bare count of who knows what
    # The same figure hedged or spelt otherwise agrees.
    best, other = cand("a", "about 1,400", 0.6, 0.8, 0.6, "CARDINAL"), cand("b", "Around 1,400", 0.5, 0.8, 0.6, "CARDINAL")
    assert _agree_and_differ(q, best, [best, other]) == ([best, other], [])


def test_a_temperature_is_a_value_in_degrees_with_its_unit():
    text = "The cellars are kept at about 9 °C, and the quarry employs 12 people."
    fits = _fits("What temperature are the cellars kept at?", text, (("CARDINAL", "about 9"), ("CARDINAL", "12")))
    assert fits["about 9 °C"] == 1.0 and "12" not in fits  # with its unit; a count of people is no temperature
    assert analyse("How cold does the lake get in winter?").measure == "temperature"


def test_a_place_named_for_its_owner_is_read_whole():
    # spaCy's small model cuts "Cobbler's Row" at the apostrophe and calls "Cobbler" an ORG.
    fits = _fits("Where did the ferryman live?", "The ferryman drowned in his home on Cobbler's Row.",
                 (("ORG", "Cobbler"),))
    assert fits["Cobbler's Row"] == 1.0 > fits["his home"]
    fits = _fits("Where did she study?", "She studied Britain's Port Talbot steelworks.", (("GPE", "Britain"),))
    assert "Britain's Port" not in fits


def test_a_name_written_as_a_place_is_a_place_whatever_its_label():
    # spaCy's small model tags unfamiliar place names ORG, PRODUCT or NORP.
    fits = _fits("Where was the astronomer born?", "Harrowden was born in Ardmillish, a fishing village on the coast of Argyll.",
                 (("PERSON", "Harrowden"), ("ORG", "Ardmillish"), ("GPE", "Argyll")))
    assert fits["Ardmillish"] == fits["Argyll"] == 1.0  # before: ORG fits "where" at 0.2
    fits = _fits("Where did she live?", "She spent her last years in the town of Kilmorrow with her sister.",
                 (("PRODUCT", "Kilmorrow"),))
    assert fits["Kilmorrow"] == 1.0
    # "which village": the name the village has, not the words "the village".
    fits = _fits("Near which village were the first specimens caught?",
                 "The fish was described from specimens netted near the village of Pontarrow.", (("NORP", "Pontarrow"),))
    assert max(fits, key=fits.get) == "Pontarrow" and "the village" not in fits
    # A name in no such context keeps its label's fit.
    assert _fits("Where was the report written?", "Ardmillish Holdings wrote the report.",
                 (("ORG", "Ardmillish Holdings"),))["Ardmillish Holdings"] < 0.5


def test_a_role_question_takes_the_person_titled_with_the_whole_role():
    from rag.question import role_words
    from rag.sentences import Entity, Sentence
    from rag.values import titled_with

    def titled(question, text, name):
        s = Sentence("d", 0, len(text), text)
        return titled_with(role_words(analyse(question)), Entity("PERSON", name, text.index(name), text.index(name) + len(name)), s)

    assert role_words(analyse("Who is Biden's deputy national security adviser?")) == ["deputi", "nation", "secur", "advis"]
    assert titled("Which judge sentenced the owner?", "Judge Eleri Vaughan-Pryce, sitting at the Crown Court, also ordered it to pay.", "Eleri Vaughan-Pryce")
    assert titled("Who is the Kremlin's spokesman?", "Dmitry Peskov, the Kremlin's spokesman, said so.", "Dmitry Peskov")
    # Part of the role is not the role; a role elsewhere in the sentence is no title.
    assert not titled("Who is Japan's prime minister?", "Defence Minister Sergei Shoigu met Kim.", "Sergei Shoigu")
    assert not titled("Which judge sentenced the owner?", "Mark Hale said the judge had been fair.", "Mark Hale")


def test_which_judge_is_answered_from_the_sentence_that_names_the_judge(town):
    # The best sentence says "a judge fined …" without a name; the judge is named further down.
    a = town.query("Which judge fined the ferry company?")
    assert not a.abstained and a.short_answer == "Ruth Amory"


def test_a_value_in_the_sentence_that_goes_on_about_the_best_one_competes(town):
    # "It reopened on 21 May 2009" goes on about the best sentence (closed for restoration in
    # 2007) and hides the bridge behind "It": it competes with the year, and wins.
    a = town.query("When did the Tessel Bridge reopen after its restoration?")
    assert not a.abstained and a.short_answer.startswith("21 May 2009")
    assert "closed for restoration" in a.citations[0].quote  # the sentence it goes on about first
    # The mayor of Marden is no answer to a question about Bexley's mayor
    # (test_who_holds_a_role_nobody_is_named_in_is_not_answered), nor is "Marden" a person.
    a = town.query("Who is the mayor of Marden?")
    assert not a.abstained and a.short_answer == "Edith Crane"


def test_a_hyphenated_name_is_found_by_its_parts_and_a_named_thing_by_its_head():
    from rag.question import named_heads, question_names
    from rag.text import names_in

    assert names_in(["tellany-fenmarch"], "Tellany Air and Fenmarch Airways agreed to merge.")
    assert not names_in(["tellany-fenmarch"], "Tellany Air agreed to merge.")
    from collections import Counter
    from rag.text import tokenize
    vocab = Vocab(Counter(tokenize("Tellany Air and Fenmarch Airways agreed a merger worth £64 million.")))
    q = analyse("How much is the Tellany-Fenmarch merger worth?", vocab)
    assert question_names(q) == ["tellany", "fenmarch"] and {"tellany", "fenmarch"} <= set(q.key_terms)
    assert named_heads(analyse("How many people work at the Kestrane mill?")) == [("kestrane", "mill")]


def test_a_number_about_a_named_thing_may_call_it_by_its_head(town):
    # "The boatyard employs 240 people" in the article about the Brisk yard: "the yard" is it.
    a = town.query("How many people work at the Brisk boatyard?")
    assert not a.abstained and a.short_answer.startswith("240")
    # Another article's figure, about another yard, is not.
    assert town.query("How many people work at the Holm boatyard?").abstained


def test_grams_measure_weight():
    fits = _fits("How heavy does the gudgeon get?", "Adults rarely weigh more than 28 g.", (("CARDINAL", "more than 28"),))
    assert fits == {"more than 28 g": 1.0}  # with its unit


def test_a_lower_case_question_gets_the_corpus_names_back():
    from rag.question import _QUESTION_WORDS
    from rag.retrieve import cased_words
    from rag.vocab import truecase

    cased = cased_words(["Josiah Kell showed his battery to the Royal Society in 1855. Kell was pleased. "
                         "The society met in London, and he sailed to the Far East."])
    assert cased["kell"] == 1 and "josiah" not in cased  # the first word of a sentence says nothing
    assert "society" not in cased  # written both ways
    lexicon = frozenset({"far", "east", "royal", "show", "how"})
    assert truecase("how far did kell sail to reach the far east", cased, lexicon, keep=_QUESTION_WORDS) == \
        "how far did Kell sail to reach the far East"  # "how far" asks a distance, a name or not


def test_name_rules_hold_for_a_question_typed_in_lower_case(town):
    assert town.query("who is the mayor of bexley").abstained  # as "Who is the mayor of Bexley?"
    a = town.query("who is the mayor of marden")
    assert not a.abstained and a.short_answer == "Edith Crane"


def test_a_why_answer_quotes_the_reason_that_follows_the_fact(town):
    a = town.query("Why is the engine at the lower end of the train on Marden Hill?")
    assert not a.abstained and "cannot run away" in a.text
    assert a.text.index("always coupled") < a.text.index("cannot run away")  # in reading order


def test_what_questions_about_payment_ask_for_money():
    for text in ("What was the astronomer paid at the observatory?", "What did the new bridge cost?",
                 "What sum must the owner hand over?", "What fine did the judge impose?"):
        q = analyse(text)
        assert (q.answer_type, q.measure) == ("number", "money"), text
    assert analyse("What did the judge say about the fine?").answer_type == "entity"


def test_what_was_she_paid_is_answered_with_the_amount(town):
    a = town.query("What was Alan Petch paid as secretary?")
    assert not a.abstained and a.short_answer == "£40 a year"  # (the salary, with its rate)


def test_a_crowd_of_n_counts_people():
    q = "How many spectators watched the final?"
    assert _fits(q, "The crowd of 2,340 was the largest ever for the final.", (("CARDINAL", "2,340"),)) == {"2,340": 1.0}
    assert _fits(q, "The hall where the final was played holds 2,340 seats.", (("CARDINAL", "2,340"),)) == {}
    assert _fits("How many spectators can the ground hold?", "The ground has a capacity of 21,000.",
                 (("CARDINAL", "21,000"),)) == {"21,000": 1.0}
    # A staff or a crew of so many counts people too, over a figure said without them.
    fits = _fits("How many people work at the laboratory?",
                 "The laboratory has a staff of 23 and processes about 2,800 samples a year.",
                 (("CARDINAL", "23"), ("CARDINAL", "about 2,800")))
    assert fits["23"] == 1.0 and fits["about 2,800"] < 1.0


def test_a_month_without_a_year_is_read_as_news_writes_it():
    from datetime import date

    from rag.dates import resolve

    base = date(2024, 11, 4)
    ahead = resolve("March", base, "The merger is expected to be completed in March.")
    assert ahead.iso() == "2025-03-01/2025-03-31"  # looks ahead: the next March
    assert resolve("July", base, "It had pleaded guilty in July.").iso() == "2024-07-01/2024-07-31"
    assert resolve("May", base, "Trains ran again from May.").iso() == "2024-05-01/2024-05-31"  # "May" is no modal here


def test_when_did_it_happen_is_not_answered_by_when_it_is_expected_to(town):
    assert town.query("When was the ferry company's appeal heard?").abstained
    a = town.query("When will the ferry company's appeal be heard?")
    assert not a.abstained and a.short_answer.startswith("June")


def test_typos_one_edit_away_take_the_corpus_word_the_question_means():
    from rag.question import question_names

    vocab = Vocab({"scored": 5, "scorer": 1, "minister": 3, "ministry": 2, "biden": 4, "company": 2,
                   "calder": 2, "moy": 2, "visited": 1, "pyongyang": 3, "july": 2})
    assert analyse("Who scoerd the winning goal?", vocab).corrected == {"scoerd": "scored"}  # swapped, not "scorer"
    assert analyse("Who is Japan's prime minisetr?", vocab).corrected["minisetr"] == "minister"
    q = analyse("Who is Bdien's deputy?", vocab)
    assert q.corrected == {"bdien's": "biden's"} and question_names(q) == ["biden's"]
    q = analyse("How hevay is the probe?", vocab)  # a word questions are built with
    assert (q.answer_type, q.measure) == ("number", "weight")
    # The name rules read the fixed text: "the Calder and Moy company" names a company.
    assert "Moy company" in analyse("Who founded the Calder and Moy commpany?", vocab).text
    # A month is a time, not a name the answer must be written with.
    assert question_names(analyse("Which defence minister visited Pyongyang in July?", vocab)) == ["pyongyang"]


def test_the_name_of_a_thing_no_sentence_names_is_not_answered(town):
    # The yard's patrol boats are mentioned, and no name stands next to them.
    assert town.query("What is the name of the navy's new patrol boat?").abstained
    a = town.query("What is the lantern festival's main lantern called?")  # mentioned, not named
    assert a.abstained
    # A question whose thing is named near it is answered.
    assert not town.query("What is the name of the footbridge across the River Lune?").abstained


def test_a_dateline_answer_is_written_as_a_name():
    from rag.compose import render_value as _render
    from rag.patterns import DATELINE
    from rag.sentences import Entity

    assert _render(Entity(DATELINE, "KOUROU, French Guiana", 0, 21)) == "Kourou, French Guiana"
    assert _render(Entity(DATELINE, "NEW YORK", 0, 8)) == "New York"
    assert _render(Entity("GPE", "NATO", 0, 4)) == "NATO"  # only a dateline's capitals


def test_a_kind_of_value_spacy_does_not_tag_answers_what_asks_for_it(town):
    # A tally: spaCy's small model tags only the "9" of "voted 9-3".
    a = town.query("What was the council vote on the angling ban?")
    assert not a.abstained and a.short_answer == "9-3"
    # A temperature, which spaCy leaves untagged.
    a = town.query("What is the highest water temperature the Wenlow trout can survive?")
    assert not a.abstained and a.short_answer == "21 °C"
    # A name in apposition to the kind asked for ("one tributary of the river, the Afon Bryn").
    q = analyse("Which tributary is closed to anglers?")
    assert (q.answer_type, q.focus) == ("place", "tributary")
    a = town.query("Which tributary is closed to anglers?")
    assert not a.abstained and "Afon Bryn" in a.short_answer


def test_how_did_they_vote_is_answered_by_their_tally_only(town):
    q = analyse("How did the district council vote on the angling ban?")
    assert (q.answer_type, q.measure) == ("number", "tally")
    a = town.query("How did the district council vote on the angling ban?")
    assert not a.abstained and a.short_answer == "9-3"
    # Another body's tally, or none at all, answers nothing: the district council voted,
    # not the full council, and the anglers had no vote.
    assert town.query("How did the full district council vote on the angling ban?").abstained
    assert town.query("How did the anglers vote on the ban?").abstained


def test_a_date_of_an_earlier_time_answers_when_it_last_happened(town):
    # "The festival's biggest since 2009": 2009 is when a crowd was last that big, not
    # when the festival opened.
    a = town.query("When did the lantern festival open?")
    assert not a.abstained and a.short_answer.startswith("Saturday")
    a = town.query("When did the lantern festival last draw a crowd this big?")
    assert not a.abstained and a.short_answer.startswith("2009")
    # "had last shut it in 1987": the date "last" is written with.
    a = town.query("When did a storm last shut the port of Aldmere?")
    assert not a.abstained and a.short_answer.startswith("1987")


def test_a_value_given_for_one_thing_does_not_price_another(town):
    a = town.query("What was the toll for a walker on the Tessel Bridge?")
    assert not a.abstained and a.short_answer == "one penny"
    # Tolls are given for walkers and carts, none for a bicycle.
    assert town.query("What was the toll for a bicycle on the Tessel Bridge?").abstained


def test_a_population_is_a_count_of_people(town):
    a = town.query("What is the population of Bexley?")
    assert not a.abstained and a.short_answer == "12,400"
    # Marden's railway carried "31 passengers" on its first day: a number written with the
    # town's name, which counts no one who lives there.
    assert town.query("What is the population of Marden?").abstained


def test_a_name_takes_the_label_most_of_its_mentions_have():
    """spaCy's small model called "Vladivostok" a PERSON in one sentence of the seeds and a
    place in the others, and a person question was answered "Vladivostok"."""
    from rag.sentences import Entity, Sentence
    from rag.sentences import consistent_labels

    def said(i, label, name="Kestrel Bay"):
        return Sentence("d", i * 40, i * 40 + 30, f"{name} is here.", [Entity(label, name, i * 40, i * 40 + len(name))])

    fixed = consistent_labels([said(0, "GPE"), said(1, "PERSON"), said(2, "GPE"), said(3, "LOC"),
                               said(4, "GPE"), said(5, "ORG", "Brisk")])
    assert [s.entities[0].label for s in fixed] == ["GPE", "GPE", "GPE", "GPE", "GPE", "ORG"]
    # One mention against two, or against one: too little to go by.
    two_one = consistent_labels([said(0, "GPE"), said(1, "PERSON"), said(2, "GPE")])
    assert [s.entities[0].label for s in two_one] == ["GPE", "PERSON", "GPE"]


def test_a_name_the_corpus_never_uses_is_unknown_in_lower_case_too(town):
    """The issue's example of a question never to answer from the corpus, typed in lower
    case: nothing marked "australia" as a name, and the articles' capitals were answered."""
    assert town.query("What is the capital of Australia?").abstained
    assert town.query("what is the capital of australia").abstained
    # A common word the corpus does not use is no name: "gale" for the storm.
    a = town.query("how many cranes did the gale damage")
    assert not a.abstained and a.short_answer == "three"


def test_a_why_answer_quotes_the_reason_from_elsewhere_in_the_article(town):
    a = town.query("Why did the Kelby bus staff walk out?")
    assert not a.abstained and any("wants a rise of 6 percent" in c.quote for c in a.citations)
    assert len(a.citations) <= 3 and len({c.doc_id for c in a.citations}) == 1


def test_when_did_it_end_needs_a_date_tied_to_an_end(town):
    # The hearing is said to have ended; the walkout that began on Monday is not.
    a = town.query("When did the hearing of the ferry company's case end?")
    assert not a.abstained and "Thursday" in a.short_answer
    assert town.query("When did the Kelby bus staff walkout end?").abstained


def test_an_indefinite_weekday_is_no_date():
    """Regression: "ended on a Tuesday afternoon" in a report of 2019 was resolved to the
    Tuesday before publication."""
    from datetime import date

    from rag.dates import resolve

    published = date(2024, 6, 12)
    assert resolve("Tuesday afternoon", published, "A stoppage in 2019 ended on a Tuesday afternoon.") is None
    assert resolve("every Monday", published, "The ferry sails every Monday.") is None
    assert resolve("Fridays", published, "The market opens on Fridays.") is None
    assert resolve("Monday", published, "The ferry sailed on Monday.").iso() == "2024-06-10"


def test_a_name_of_a_thing_is_no_person_whatever_its_label():
    """spaCy's small model tagged "Kingsmoor Hospital" and "café" PERSON, and "Who chairs
    the board?" was answered with them."""
    fits = _fits("Who chairs the health board?", "The board meant to move patients into Kingsmoor Hospital.",
                 (("PERSON", "Kingsmoor Hospital"),))
    assert fits["Kingsmoor Hospital"] <= 0.3
    fits = _fits("Whose bequest paid for the renovation?", "It added a café and was paid for by Henrik Aas.",
                 (("PERSON", "café"), ("PERSON", "Henrik Aas")))
    assert set(fits) == {"Henrik Aas"}


def test_the_agency_a_dateline_credits_answers_nothing_but_which_organisation():
    text = "BRELLINGTON, England (Reuters) — A judge found the pharmacy liable, its spokesman said."
    assert "Reuters" not in _fits("Who speaks for the pharmacy?", text, (("ORG", "Reuters"),))
    assert "Reuters" in _fits("Which agency filed the report?", text, (("ORG", "Reuters"),))
    assert "Reuters" not in _fits("Which organisation runs the pharmacy?", text, (("ORG", "Reuters"),))


def test_a_datelines_place_is_a_place_in_every_article():
    from rag.patterns import placed_by_dateline
    from rag.sentences import Entity, Sentence

    def sentence(doc, text, name, label):
        at = text.index(name)
        return Sentence(doc, 0, len(text), text, [Entity(label, name, at, at + len(name))])

    sents = [sentence("a", "FENNICK CROSS, Nov 14 (Harland Press Agency) - A gate in the barrier gave way.", "FENNICK CROSS", "ORG"),
             sentence("a", "The barrier protects Fennick Cross.", "Fennick Cross", "ORG"),
             sentence("b", "The flood struck the market town of Fennick Cross.", "Fennick Cross", "ORG"),
             sentence("b", "It is run by the Aske Valley Water Board.", "the Aske Valley Water Board", "ORG")]
    assert [s.entities[0].label for s in placed_by_dateline(sents)] == ["GPE", "GPE", "GPE", "ORG"]


def test_where_someone_is_from_and_where_they_move_to_are_places():
    fits = _fits("Where is Maureen Delacourt from?", "Maureen Delacourt, a retired teacher from Ebbsworth, spoke.",
                 (("PERSON", "Maureen Delacourt"), ("ORG", "Ebbsworth")))
    assert fits["Ebbsworth"] == 1.0  # an ORG fits "where" at 0.2
    fits = _fits("Where will the pupils go?", "Its students are expected to move to Birchwood Elementary.",
                 (("PERSON", "Birchwood Elementary"),))
    assert fits["Birchwood Elementary"] == 1.0


def test_a_place_word_inside_a_name_makes_it_a_place_only_as_its_head():
    assert _fits("Where was the vote held?", "The Ashcombe Valley School Board voted.",
                 (("ORG", "The Ashcombe Valley School Board"),))["The Ashcombe Valley School Board"] < 0.5
    fits = _fits("Where did she study?", "She studied at the University of Leeds and worked at Pier 33.",
                 (("ORG", "the University of Leeds"), ("PERSON", "Pier 33")))
    assert fits["the University of Leeds"] == fits["Pier 33"] == 1.0


def test_a_person_named_with_a_role_after_the_name_is_found_untagged():
    # spaCy's small model tagged nothing in this sentence.
    fits = _fits("Who is the chief executive of the trust?", "Morven Ashgrove, the trust's chief executive, apologised.", ())
    assert fits.get("Morven Ashgrove") == 1.0


def test_how_far_along_asks_for_progress_and_how_much_data_for_an_amount():
    fits = _fits("How far along is the construction?", "The building is 62 percent complete, 140 miles from the coast.",
                 (("PERCENT", "62 percent"), ("QUANTITY", "140 miles")))
    assert fits["62 percent"] > fits.get("140 miles", 0)
    fits = _fits("How much data did the hackers copy?", "They copied about 310 gigabytes from 40 servers.",
                 (("CARDINAL", "about 310"), ("CARDINAL", "40")))
    assert "about 310 gigabytes" in fits and not fits.get("40")


def test_what_time_prefers_a_clock_time_to_a_day():
    fits = _fits("What time did the thieves get in?", "On Sunday, shortly after 2 a.m., thieves got in.",
                 (("DATE", "Sunday"), ("TIME", "2 a.m.")))
    assert fits["2 a.m."] > fits["Sunday"]


def test_which_kind_of_thing_is_a_name_written_as_one():
    """"Which vessel …", "in which room …": no type noun, so no short answer was given."""
    fits = _fits("Which vessel ran aground?", "The trawler Sea Lark ran aground, Gareth Moyo said.",
                 (("PRODUCT", "Sea Lark"), ("PERSON", "Gareth Moyo")))
    assert fits == {}  # a name, but not said to be a vessel
    fits = _fits("Which vessel ran aground?", "The vessel Sea Lark ran aground, Gareth Moyo said.",
                 (("PRODUCT", "Sea Lark"), ("PERSON", "Gareth Moyo")))
    assert set(fits) == {"Sea Lark"}
    fits = _fits("In which room were the cases smashed?", "They took eleven objects from the Treasury Room.",
                 (("ORG", "Treasury"), ("CARDINAL", "eleven")))
    assert set(fits) == {"Treasury Room"}


def test_a_figure_of_the_earlier_event_a_record_is_measured_against_is_not_the_answer():
    text = "The fire is the largest since the Tamsin Ridge fire of 2017, which burned about 14,000 acres."
    assert not _fits("How many acres has the fire burned?", text, (("QUANTITY", "about 14,000 acres"),))
    assert _fits("How many acres did the last big fire burn?", text, (("QUANTITY", "about 14,000 acres"),))


def test_a_named_institution_is_its_article_s_the_trust_unless_another_one_is_named():
    from rag.candidates import _another_named
    from rag.question import named_heads

    assert ("northern waterways", "trust") in named_heads(analyse("Who runs the Northern Waterways Trust?"))
    # "The cooperative's 23 member farms": a cooperative, a union or an orchestra as well.
    assert ("holm growers", "cooperative") in named_heads(analyse("How many farms belong to the Holm Growers Cooperative?"))
    assert ("esk valley", "orchestra") in named_heads(analyse("How many players has the Esk Valley Orchestra?"))
    assert not _another_named("northern waterways", "trust", "The Northern Waterways Trust took over. The trust …")
    assert _another_named("irish sea telegraph", "company",
                          "The Calder and Moy Telegraph Company merged with the Irish Sea Telegraph Company.")


def test_the_figure_of_the_event_reported_not_of_the_record_it_beats(town):
    # The sentence on the record matches "fire" better; its figure is the earlier fire's.
    a = town.query("How many acres has the Sable Canyon fire burned?")
    assert not a.abstained and "5,800" in a.short_answer
    a = town.query("How much land has the Sable Canyon fire burned?")  # an amount, in acres
    assert not a.abstained and "5,800" in a.short_answer


def test_which_road_takes_a_highway_too(town):
    a = town.query("Which road has been closed to traffic by the fire?")
    assert not a.abstained and a.short_answer == "Highway 41"


def test_a_range_is_answered_whole():
    fits = _fits("What size do adult beetles reach?", "Adults reach 11 to 14 millimetres in length.",
                 (("CARDINAL", "11"), ("QUANTITY", "14 millimetres")))
    assert fits == {"11 to 14 millimetres": 1.0}
    assert set(_fits("What was the score?", "They won 3-1 on Sunday.", (("CARDINAL", "3"), ("CARDINAL", "1")))) == {"3-1"}


def test_a_length_of_time_tagged_time_answers_how_long():
    fits = _fits("How long did the thieves spend inside?", "They were inside for less than ten minutes.",
                 (("TIME", "less than ten minutes"),))
    assert fits["less than ten minutes"] == 1.0  # TIME fits a duration at 0.8


def test_a_person_named_after_the_role_is_found_whatever_the_tagger_said():
    text = "The couple had one daughter, Margit, born in 1897."
    assert _fits("Who is her daughter?", text, (("GPE", "Margit"),)) == {"Margit": 1.0}


def test_a_why_answer_quotes_a_reason_for_what_was_asked(town):
    """A reason for something else in the passage ("because the yard had space") does not
    answer "why"; the article's reason for what was asked is quoted."""
    a = town.query("Why have trout numbers in the Wenlow fallen?")
    assert any("blamed" in c.quote for c in a.citations), [c.quote for c in a.citations]


def test_the_date_a_dateline_gives_answers_nothing():
    text = "HOLLIS GAP, Aug. 10 (Western Press Service) - Residents left on Thursday."
    fits = _fits("When did residents leave?", text, (("DATE", "Aug. 10"), ("DATE", "Thursday")))
    assert set(fits) == {"Thursday"}


def test_the_place_of_a_dateline_is_no_person():
    # spaCy's small model reads a dateline's capitals as a name of any kind.
    text = "CASTELMARR, April 22 (Meridian Wire) - Tobiah Kessler won the race on Sunday."
    fits = _fits("Who won the race?", text, (("PERSON", "CASTELMARR"), ("PERSON", "Tobiah Kessler")))
    assert set(fits) == {"Tobiah Kessler"}


def test_a_who_question_whose_best_sentences_name_no_one_is_not_answered(town):
    # The railway's article says how the engine is coupled, not who designed the coupling.
    a = town.query("Who designed the coupling of the Marden Hill Railway engine?")
    assert a.abstained, a.text


def test_a_place_word_alone_is_no_named_place():
    fits = _fits("Where did she die?", "She moved to Tressick Bay and wrote A Furnace by the River.",
                 (("GPE", "Tressick Bay"), ("LOC", "River")))
    assert set(fits) == {"Tressick Bay"}


@pytest.mark.parametrize("question, answer_type, focus", [
    ("What state honour did she receive after the war?", "entity", "honour"),  # was: a place ("state")
    ("Which company director was arrested?", "person", "director"),  # was: an organisation
    ("Which football club did he join?", "organisation", "club"),
    ("What city will host the summit?", "place", "city"),
])
def test_the_kind_is_the_head_of_the_phrase_before_its_verb(question, answer_type, focus):
    q = analyse(question)
    assert (q.answer_type, q.focus) == (answer_type, focus)


def test_a_question_about_something_named_only_by_another_fact_is_answered_in_two_steps(town):
    """"The museum that keeps Tobias Fell's workbench" is the Holm Museum (one article);
    who founded it is in another."""
    a = town.query("Who founded the museum that keeps Tobias Fell's workbench?")
    assert not a.abstained and a.short_answer == "Anna Ruskin", a.text
    assert {c.doc_id for c in a.citations} == {"fell", "holm"}
    # Every sentence of it is held by a quote it cites (the description is not restated).
    from eval.faithfulness import faithfulness

    assert faithfulness(a.text, {c.number: c.quote for c in a.citations})[0] == 1.0
    # Asked for the thing itself, the inner answer is the answer.
    assert find_bridge("What is the museum that keeps Tobias Fell's workbench called?") is None


def test_what_happened_is_not_answered_by_what_is_only_expected(town):
    a = town.query("What did the marine accident board's inquiry find?")
    assert a.abstained, a.text
    # Asked about the plan itself, the same sentence answers.
    assert not town.query("When is the marine accident board expected to report?").abstained


def test_how_many_people_counts_people():
    fits = _fits("How many people were rescued?", "Firefighters brought 14 people down from two boats.",
                 (("CARDINAL", "14"), ("CARDINAL", "two")))
    assert fits["14"] > fits["two"]  # "two" counts boats


def test_a_founder_named_in_the_institution_s_name_can_answer():
    # "Halvorsen" in "the Halvorsen Museum of Decorative Arts" names the museum, not the man.
    from rag.sentences import Entity, Sentence
    from rag.text import stem_all
    from rag.values import answer_entities

    text = "It was founded by Edvard Halvorsen in 1887."
    s = Sentence("d", 0, len(text), text, [Entity("PERSON", "Edvard Halvorsen", 18, 34)])
    for question, found in (("Who founded the Halvorsen Museum of Decorative Arts?", True),
                            ("Who founded the museum for Halvorsen?", False)):
        q = analyse(question)
        names = [e.text for e, _ in answer_entities(q, s, set(stem_all(q.key_terms)))]
        assert ("Edvard Halvorsen" in names) is found, question


def test_a_year_in_the_question_is_met_by_the_day_a_report_gives(town):
    # "A judge on Thursday fined …" in a report of March 2024: Thursday is in 2024.
    a = town.query("How much was the Aldmere ferry company fined in 2024?")
    assert not a.abstained and a.short_answer == "£90,000", a.text


def test_a_date_a_plan_was_set_for_does_not_say_when_it_happened(town):
    assert town.query("When did work on the first patrol boat start?").abstained
    a = town.query("When was work on the first patrol boat due to start?")
    assert not a.abstained and "January" in a.short_answer


def test_which_company_is_the_role_takes_the_name_written_with_the_role(town):
    a = town.query("Which company is the main subcontractor on the navy's patrol boat order?")
    assert not a.abstained and a.short_answer == "Tarn Steel", a.text


def test_the_role_a_which_question_names_and_the_name_written_with_it():
    from rag.question import copular_role
    from rag.sentences import Entity, Sentence
    from rag.text import stem_all
    from rag.values import titled_with

    role = copular_role("Which company is the main contractor on Kingsmoor Hospital?")
    assert role == stem_all(["main", "contractor"])
    text = "Branstock Construction, the main contractor, pulled its workers off the site."
    s = Sentence("d", 0, len(text), text, [Entity("ORG", "Branstock Construction", 0, 22)])
    assert titled_with(role, s.entities[0], s)
    other = "Ardenmuir Health Board had planned to open the hospital this autumn."
    s2 = Sentence("d", 0, len(other), other, [Entity("ORG", "Ardenmuir Health Board", 0, 22)])
    assert not titled_with(role, s2.entities[0], s2)


def test_an_acronym_the_articles_spell_out_is_a_name_they_mention(town):
    from rag.abstain import spelt_out

    assert spelt_out("DMZ", "the Korean Demilitarized Zone") and spelt_out("NATO", "North Atlantic Treaty Organization")
    assert not spelt_out("EU", "Europe") and not spelt_out("FIFA", "the Football Association")
    # "the Defence Equipment Agency" is in the boatyard article; no article spells out "FBI".
    a = town.query("Through whom did the navy place its order with the DEA?")
    assert not a.abstained, a.text
    assert town.query("Through whom did the navy place its order with the FBI?").abstained


def test_a_name_where_a_named_thing_stands_is_a_place():
    text = "In 1898 she joined the Cullerton Glassworks at Spelmouth as an assistant."
    fits = _fits("In which town was the Cullerton Glassworks?", text, (("ORG", "Cullerton Glassworks"), ("ORG", "Spelmouth")))
    assert fits.get("Spelmouth") == 1.0  # an ORG fits "where" at 0.2
    # Only a name: "the works at Spelmouth" leaves the label's fit.
    assert _fits("Where was it?", "She joined the works at Spelmouth.", (("ORG", "Spelmouth"),))["Spelmouth"] < 1.0



def test_a_bare_number_counts_the_noun_written_before_it():
    from rag.measures import measure_fit
    from rag.sentences import Entity, Sentence

    q = analyse("How many runners finished the race?")
    text = "Of the 21,400 runners who started, 18,342 reached the finish in 2024."
    s = Sentence("d", 0, len(text), text)
    at = text.index("18,342")
    assert measure_fit(q, Entity("CARDINAL", "18,342", at, at + 6), s) == 1.0
    at = text.index("2024")  # a year is no count, whatever follows it
    assert measure_fit(q, Entity("DATE", "2024", at, at + 4), s) == 0.0
    text = "Some 400 stewards and 18,342 police officers were on duty for the runners."
    s = Sentence("d", 0, len(text), text)
    at = text.index("18,342")  # a noun of its own follows it
    assert measure_fit(q, Entity("CARDINAL", "18,342", at, at + 6), s) == 0.0


def test_a_value_asks_for_money_written_after_the_word_for_it():
    q = analyse("What was the company's market value after the shares rose?")
    assert (q.answer_type, q.measure) == ("number", "money")
    fits = _fits(q.text, "Its shares closed at 38.60 dollars, giving it a market value of about 2.9 billion dollars.",
                 (("MONEY", "38.60 dollars"), ("MONEY", "about 2.9 billion dollars")))
    assert fits["about 2.9 billion dollars"] > fits["38.60 dollars"]


def test_a_number_written_in_words_is_a_value_where_spacy_missed_it():
    fits = _fits("How many patients left the study?", "Eleven patients left the study because of side effects.", ())
    assert fits == {"Eleven": 1.0}
    assert not _fits("How many patients left the study?", "A two-year study of patients.", ())


def test_a_near_synonym_of_the_role_asked_for_names_its_holder(town):
    from dataclasses import replace

    from rag.answer import ROLE_SYNONYM

    text = "The results were presented by the study's lead investigator, Dr Rafael Oyelaran."
    q = analyse("Who was the lead researcher on the trial?")
    assert _fits(q.text, text, (("PERSON", "Rafael Oyelaran"),))["Rafael Oyelaran"] < 0.25  # MIN_FIT
    near = town.answerer.words.near_words("researcher", [text], ROLE_SYNONYM)
    assert near == {"investigator"}
    # (words of another role stay apart: a coach is no manager, a councillor no mayor)
    assert not town.answerer.words.near_words("manager", ["The coach resigned."], ROLE_SYNONYM)
    assert not town.answerer.words.near_words("mayor", ["A councillor spoke."], ROLE_SYNONYM)

    from rag.sentences import Entity, Sentence
    from rag.values import answer_entities

    at = text.index("Rafael")
    s = Sentence("d", 0, len(text), text, [Entity("PERSON", "Rafael Oyelaran", at, at + 15)])
    fits = dict((e.text, f) for e, f in answer_entities(replace(q, role_synonyms=frozenset(stem_all(["investigator"]))), s, set()))
    assert fits["Rafael Oyelaran"] == 1.0


def test_a_counted_noun_belongs_to_the_nearest_number_before_it():
    # "three vehicles and 18 firefighters": three counts vehicles, not firefighters.
    text = "The airport's fire and rescue station has three vehicles and 18 firefighters working in shifts."
    fits = _fits("How many firefighters staff the rescue station?", text, (("CARDINAL", "three"), ("CARDINAL", "18")))
    assert fits == {"18": 1.0}
    assert _fits("How many vehicles does the rescue station have?", text,
                 (("CARDINAL", "three"), ("CARDINAL", "18"))) == {"three": 1.0}


def test_what_something_was_worth_asks_for_money_named_after_the_amount():
    q = analyse("What did insurers reckon the aircraft was worth?")
    assert (q.answer_type, q.measure) == ("number", "money")
    text = "The aircraft was written off in April, and insurers put the loss at about 6.2 million crowns."
    assert _fits(q.text, text, (("DATE", "April"), ("CARDINAL", "about 6.2 million"))) == {"about 6.2 million crowns": 1.0}
    # (a currency's name is read after the amount, never the verb "won")
    assert "11 won" not in _fits("How much did the team earn?", "The team of 11 won the cup.", (("CARDINAL", "11"),))


def test_the_strongest_gust_asks_for_a_wind_speed():
    q = analyse("What was the strongest gust recorded at the airport?")
    assert (q.answer_type, q.measure) == ("number", "speed")
    text = "Observers recorded 14 millimetres of rain between 5 pm and 8 pm, with gusts of up to 31 knots."
    fits = _fits(q.text, text, (("QUANTITY", "14 millimetres"), ("TIME", "between 5 pm and 8 pm"), ("CARDINAL", "up to 31")))
    assert set(fits) == {"up to 31 knots"}


def test_clock_times_answer_which_hours_whatever_spacy_calls_them():
    # spaCy's small model tags "6 am to 11 pm" a QUANTITY.
    text = "The control tower, rebuilt in 2008, is staffed from 6 am to 11 pm."
    fits = _fits("During which hours is the control tower staffed?", text,
                 (("DATE", "2008"), ("QUANTITY", "6 am to 11 pm")))
    assert fits["6 am to 11 pm"] == 1.0 and fits.get("2008", 0) < 0.5


def test_the_day_a_plan_was_announced_is_not_the_day_it_happens():
    text = ("Corvane Air said on Thursday that it would restore a second daily flight between "
            "Port Averin and Dunmerrow from 27 October.")
    tagged = (("DATE", "Thursday"), ("DATE", "27 October"))
    fits = _fits("From what date will Corvane Air restore the second daily flight?", text, tagged)
    assert fits["27 October"] > fits["Thursday"]
    # Asked when it was said, the day of the saying stands.
    fits = _fits("When did Corvane Air announce the second daily flight?", text, tagged)
    assert fits["Thursday"] == fits["27 October"]
    # Making something public, publishing or releasing it, is saying it too.
    for asked in ("On what day did Corvane Air make the second daily flight public?",
                  "When did Corvane Air publish its plan for a second daily flight?"):
        fits = _fits(asked, text, tagged)
        assert fits["Thursday"] == fits["27 October"], asked


def test_which_of_the_two_asks_for_one_of_the_kind_named_after_it():
    from rag.question import role_words

    q = analyse("Which of the two pilots was handling the controls during the landing?")
    assert (q.answer_type, q.focus) == ("person", "pilots")
    assert role_words(q) == stem_all(["pilot"])
    assert analyse("Which of these companies won the contract?").answer_type == "organisation"


def test_a_person_said_to_be_the_role_is_titled_with_it():
    from rag.sentences import Entity, Sentence
    from rag.values import titled_with

    text = "Drossel was the pilot flying for the sector, with Mancott monitoring."
    s = Sentence("d", 0, len(text), text)
    assert titled_with(stem_all(["pilot"]), Entity("PERSON", "Drossel", 0, 7), s)
    at = text.index("Mancott")
    assert not titled_with(stem_all(["pilot"]), Entity("PERSON", "Mancott", at, at + 7), s)


def test_an_untagged_name_after_at_answers_where():
    # spaCy's small model leaves "Kestlow" untagged; not a month, nor an owner ("at Tellany's").
    text = "The aircraft was written off in April and was broken up for spare parts at Kestlow."
    assert _fits("Where was the aircraft broken up?", text, ()) == {"Kestlow": 1.0}
    assert not _fits("Where will it be based?", "It will be based at Tellany's headquarters in May.", ())


def test_what_time_takes_a_clock_time_among_the_candidates_over_a_better_scored_part_of_a_day(town):
    from rag.candidates import Candidate
    from rag.evidence import ScoredSentence
    from rag.sentences import Entity, Sentence

    first = "A turboprop slid off the runway on Sunday evening after landing in heavy rain."
    second = "The airport reopened at 12:15 pm on Monday after a crane lifted the aircraft away."
    ranked = [ScoredSentence(Sentence("d", 0, len(first), first), 0.56, 0.6, 0.5, 0.8),
              ScoredSentence(Sentence("d", 1, len(second), second), 0.51, 0.6, 0.4, 1.0)]
    cands = [Candidate(Entity("DATE", "Sunday evening", first.index("Sunday"), first.index("Sunday") + 14), ranked[0], 0.63),
             Candidate(Entity("TIME", "12:15 pm on Monday", second.index("12"), second.index("12") + 18), ranked[1], 0.51)]
    q = analyse("At what time did the airport reopen?")
    out = town.answerer._of_the_kind_asked(q, cands, cands, cands, ranked, ranked, {}, set(), {}, {})
    assert [c.entity.text for c in out] == ["12:15 pm on Monday"]


def test_the_size_of_a_loan_is_an_amount_of_money():
    assert analyse("What was the size of the bank loan she used to buy the aircraft?").measure == "money"
    assert analyse("What is the size of the grant?").measure == "money"
    assert analyse("What was the size of the new hangar?").measure == "size"


def test_which_french_optician_asks_for_an_optician():
    q = analyse("Which French optician set up the optical glass workshop at Tollemarch?")
    assert (q.answer_type, q.focus) == ("person", "optician")
    assert analyse("Which Tellany subsidiary will be renamed?").focus == "subsidiary"
    assert analyse("Which chemist found the flaw?").answer_type == "person"


def test_two_first_names_before_one_surname_are_one_answer():
    text = "The works was founded in 1788 by the brothers Archibald and Thomas Drennick, merchants in the timber trade."
    fits = _fits("Who founded the works?", text, (("PERSON", "Archibald"), ("PERSON", "Thomas Drennick")))
    assert set(fits) == {"Archibald and Thomas Drennick"}
    text = "Talks between Kim Jong Un and Vladimir Putin ended on Wednesday."
    fits = _fits("Who held talks?", text, (("PERSON", "Kim Jong Un"), ("PERSON", "Vladimir Putin")))
    assert set(fits) == {"Kim Jong Un", "Vladimir Putin"}


def test_a_name_after_in_that_spacy_calls_a_product_answers_where():
    text = "Investigators found that the chain had been kept outdoors at a storage depot in Eastwick over the winter."
    assert "Eastwick" in _fits("Where had the chain been kept?", text, (("PRODUCT", "Eastwick"),))
    # (a name spaCy reads as an organisation stays one)
    from rag.patterns import found_by_pattern
    from rag.sentences import Entity, Sentence

    text = "She worked at Corvane Air for years."
    s = Sentence("d", 0, len(text), text, [Entity("ORG", "Corvane Air", 14, 25)])
    assert not found_by_pattern(analyse("Where did she work?"), s)


def test_who_did_it_prefers_the_doer_of_the_questions_verb():
    text = "Skarrow Holm Lighthouse, designed by the engineer Euan Quillsby, was first lit in 1886 by Ada Moy."
    tagged = (("PERSON", "Euan Quillsby"), ("PERSON", "Ada Moy"))
    fits = _fits("Who designed the lighthouse?", text, tagged)
    assert fits["Euan Quillsby"] > fits["Ada Moy"]
    fits = _fits("Who set up the glassworks?", "Tom Varr, a merchant, set up the glassworks with Ann Lee.",
                 (("PERSON", "Tom Varr"), ("PERSON", "Ann Lee")))
    assert fits["Tom Varr"] > fits["Ann Lee"]
    fits = _fits("Who was the engineer?", text, tagged)  # no verb asked
    assert fits["Euan Quillsby"] == fits["Ada Moy"]


def test_a_number_in_the_best_sentence_may_take_its_names_from_the_sentences_just_before():
    from rag.candidates import pinned

    texts = ["The MAIB published its report on the grounding of the Tern on Tuesday.",
             "It found that the crew had ignored a fog warning.",
             "Fog had been forecast since dawn.",
             "The report made eleven recommendations.",
             "Four were for the ferry's owner."]
    sents, neighbours, docs = _one_article(texts, "Ferry report")

    def cand(i, word, score):
        return _candidate(sents[i], "CARDINAL", word, score)

    q = analyse("How many recommendations came out of the MAIB report?")
    best, weaker = cand(3, "eleven", 0.6), cand(4, "Four", 0.5)
    assert [c.entity.text for c in pinned(q, [best, weaker], [best, weaker], neighbours, docs)] == ["eleven"]
    # Named only further back than that, or with a weaker sentence, the number is not pinned to them.
    far_neighbours = dict(neighbours)
    far_neighbours[sents[1].sid] = (None, sents[2])  # the MAIB sentence out of reach
    assert pinned(q, [best], [best], far_neighbours, docs) is None
    assert pinned(q, [weaker], [best, weaker], neighbours, docs) is None


def test_a_part_of_a_place_answers_where_even_when_the_question_names_the_whole():
    fits = _fits("Where on Skarrow Holm does the lighthouse stand?",
                 "It stands 26 metres tall on the northern tip of the island.", ())
    assert "the northern tip of the island" in fits
    from rag.sentences import Entity
    from rag.values import _named_by
    from rag.patterns import COMMON_PLACE

    q_stems = set(stem_all(["part", "town", "hall", "falling", "bell"]))
    assert not _named_by(Entity(COMMON_PLACE, "the ground-floor entrance hall of the town hall", 0, 47), q_stems)
    assert _named_by(Entity(COMMON_PLACE, "the hall of the town", 0, 20), q_stems)


def test_after_whom_something_is_named_shares_its_name():
    text = "Great Agnes was cast in 1868 and is named after Agnes Marlow, the wife of the mayor."
    from rag.sentences import Entity, Sentence
    from rag.values import answer_entities

    at = text.index("Agnes Marlow")
    s = Sentence("d", 0, len(text), text, [Entity("PERSON", "Agnes Marlow", at, at + 12)])

    def names(question):
        q = analyse(question)
        return [e.text for e, _ in answer_entities(q, s, set(stem_all(q.key_terms)))]

    assert names("After whom is the bell Great Agnes named?") == ["Agnes Marlow"]
    assert names("Who cast the bell Great Agnes?") == []  # elsewhere the question's name is no answer


def test_a_description_then_which_is_that_asks_the_inner_question():
    b = find_bridge("Flight 318 left from the city where Corvane Air has had its headquarters since 1979. "
                    "Which city is that?")
    assert b is not None and b.asks_inner and b.inner.startswith("Which city where Corvane Air")
    assert not find_bridge("Who founded the museum that keeps Ilse Marnovar's piano?").asks_inner
    assert find_bridge("Kim met Putin. Which city was it?") is None  # nothing described


def test_which_is_that_is_answered_with_the_inner_answer(town):
    a = town.query("The lantern festival was held in the river town that has hosted it since 1994. Which town is that?")
    assert not a.abstained and a.short_answer == "Bexley" and a.citations


def test_names_listed_after_the_kind_asked_for_answer_which():
    text = ("North Korea is one of three countries to recognise two separatist regions in eastern Ukraine – "
            "Donetsk and Luhansk – as independent.")
    fits = _fits("Which separatist regions has North Korea recognised?", text, (("GPE", "Ukraine"),))
    assert max(fits, key=fits.get) == "Donetsk and Luhansk"
    assert "Donetsk and Luhansk" not in _fits("Which countries has North Korea recognised?", text, (("GPE", "Ukraine"),))


def test_a_count_said_of_some_of_them_gives_way_to_the_whole_count():
    from rag.sentences import Entity, Sentence
    from rag.values import answer_entities

    text = "The flight left with 44 passengers and four crew, and five passengers were treated in hospital."
    ents = [Entity("CARDINAL", v, text.index(v), text.index(v) + len(v)) for v in ("44", "four", "five")]
    s = Sentence("d", 0, len(text), text, ents)

    def fits(question):
        q = analyse(question)
        return {e.text: f for e, f in answer_entities(q, s, set(stem_all(q.key_terms)))}

    on_board = fits("How many passengers were on board the flight?")
    assert on_board["44"] > on_board["five"]
    treated = fits("How many passengers were treated in hospital?")
    assert treated["five"] == treated["44"] == 1.0


def test_a_place_the_articles_put_inside_another_is_the_more_exact_where():
    from rag.values import inside

    texts = ["Kim is likely to meet Putin in Russia, probably in the Russian city of Vladivostok."]
    assert inside("Vladivostok", "Russia", texts) and not inside("Russia", "Vladivostok", texts)
    assert inside("Kilmorrow", "Argyll", ["She died in Kilmorrow, Argyll, in 1897."])
    assert not inside("Paris", "London", ["Flights to Paris, London and Rome were cancelled."])


def test_where_prefers_the_place_inside_the_other(seeded, monkeypatch):
    # "Where wil Kim meat Putin?": "meat" is a word, so only "Kim" and "Putin" match, and
    # "Russia" scores near "Vladivostok"; the articles put Vladivostok inside Russia.
    assert seeded.query("Where wil Kim meat Putin?").short_answer == "Vladivostok"
    monkeypatch.setattr("rag.answer.SPECIFIC_MARGIN", 1.0)
    assert seeded.query("Where wil Kim meat Putin?").short_answer != "Vladivostok"


def test_a_place_after_from_is_where_something_set_out_not_where_it_went():
    text = "The morning train from Haldrun was carrying 196 passengers when it stopped near Kvernhol."
    tagged = (("GPE", "Haldrun"), ("GPE", "Kvernhol"))
    fits = _fits("Where were the injured passengers taken for treatment?", text, tagged)
    assert fits["Haldrun"] < fits["Kvernhol"]
    # Asked where it came from (or set out), the origin stands.
    for asked in ("Where did the morning train come from?", "From where did the morning train set out?"):
        fits = _fits(asked, text, tagged)
        assert fits["Haldrun"] == fits["Kvernhol"], asked


def test_what_proportion_asks_for_a_part_of_a_whole():
    q = analyse("What proportion of the foundry's bells is sold abroad?")
    assert (q.answer_type, q.measure) == ("number", "share")
    text = "The foundry casts about 120 bells a year, and one in three goes to churches; 40 per cent is sold abroad."
    fits = _fits(q.text, text, (("CARDINAL", "about 120"), ("CARDINAL", "one"), ("PERCENT", "40 per cent")))
    assert fits.get("40 per cent") == 1.0 and not fits.get("about 120")
    assert analyse("What was the share price?").measure != "share"  # a price, not a part


def test_a_past_date_question_whose_best_sentence_is_only_planned_is_not_answered_from_another(tmp_path):
    p = _one_corpus(tmp_path, "carving", "Brackley Figure", (
        "The Brackley Figure is an oak carving found at a gravel pit near Kelso in May 2025. "
        "It is scheduled to go on display at Kelso Museum once its conservation is complete. "
        "In October 2025 a laboratory dated the carving to the Iron Age. "
        "The figure is 1.6 metres tall."), published="2025-11-02", source="Encyclopedia")
    a = p.query("On what date did the Brackley Figure go on show at Kelso Museum?")
    assert a.abstained, a.text
    # Asked when it was dated, the date stands.
    a = p.query("When did the laboratory date the Brackley Figure?")
    assert not a.abstained and "October 2025" in a.short_answer


def test_a_count_followed_by_the_questions_verb_counts_what_it_asks():
    from rag import measures
    from rag.measures import counted_verb, measure_fit
    from rag.sentences import Entity, Sentence

    assert counted_verb("How many ships were waiting off the port?", "ships") == "waiting"
    assert counted_verb("How many construction workers died in the avalanche?", "workers") == "died"
    assert counted_verb("How many staff does the firm have?", "staff") is None  # its subject is the firm
    q = analyse("How many workers died while the tunnel was being built?")
    text = "About 1,400 men worked on the line at its peak; nine died during the building of the tunnel."
    s = Sentence("d", 0, len(text), text)
    at = text.index("nine")
    nine = Entity("CARDINAL", "nine", at, at + 4)
    assert measure_fit(q, nine, s) == measures.COUNT_BY_VERB > 0
    at = text.index("About 1,400")  # men who worked: no worker said to have died
    assert measure_fit(q, Entity("CARDINAL", "About 1,400", at, at + 11), s) == 0.0
    # Another verb after the count says nothing of what the question counts.
    other = "Nine stayed at home."
    assert measure_fit(q, Entity("CARDINAL", "Nine", 0, 4), Sentence("d", 0, len(other), other)) == 0.0


def test_how_much_is_a_thing_prices_that_thing():
    # "How much is a single ticket on the ferry?": the ticket's price, not the charter's.
    text = "The charter of the ferry would cost up to 1.1 million pounds."
    assert not _fits("How much is a single ticket on the ferry?", text, (("MONEY", "1.1 million pounds"),))
    assert _fits("How much is the charter of the ferry?", text, (("MONEY", "1.1 million pounds"),))


def test_a_time_word_inside_a_compound_word_is_no_time():
    text = "The clearwing is a day-flying moth that lives for about a week."
    fits = _fits("How long does the moth live?", text, (("DATE", "a day"), ("DATE", "about a week")))
    assert "a day" not in fits and "about a week" in fits


def test_the_month_may_is_no_modal_verb():
    # "discovered in May 2025" says it happened; "it may open" that it might.
    from rag.candidates import IRREALIS
    from rag.dates import FUTURE_CUES

    assert not IRREALIS.search("It was discovered in May 2025 at the quarry.")
    assert IRREALIS.search("The line may reopen next week.")
    assert not FUTURE_CUES.search("on Monday, May 12")


def test_older_and_other_currencies_are_money():
    text = "He sold the rights to the press for 9,000 marks in 1851, when it had 40 parts."
    fits = _fits("How much was he paid for the rights?", text, (("CARDINAL", "9,000"), ("CARDINAL", "40")))
    assert "9,000 marks" in fits and "40" not in fits


def test_a_size_question_is_not_answered_with_money_or_a_share():
    text = "The invoice for the bell came to £486, and about 62 percent of it was paid on delivery."
    tagged = (("MONEY", "£486"), ("PERCENT", "about 62 percent"))
    assert not _fits("How long is the crack in the bell?", text, tagged)
    assert "£486" in _fits("How much did the bell cost?", text, tagged)
    assert "about 62 percent" in _fits("How far along is the payment?", text, tagged)  # a share done


def test_how_often_is_no_answer_to_when():
    text = "A second satellite will follow so that the two cover the same ground every day and a half."
    assert not _fits("When did the satellite go up?", text, (("DATE", "every day and a half"),))
    assert not _fits("When does the ferry sail?", "The ferry sails daily.", (("DATE", "daily"),))


def test_a_decimal_is_no_clock_time():
    from rag.patterns import DIGIT_CLOCK

    assert all(DIGIT_CLOCK.search(t) for t in ("at 7.40 on Monday", "11.40 p.m.", "19:40", "6 am"))
    assert not any(DIGIT_CLOCK.search(t) for t in ("1.38 metres", "£12.50", "2.75 million", "3.25 percent"))


def test_a_count_is_a_figure_and_a_distance_no_speed():
    text = "Four daytime flights were cancelled."
    fits = _fits("How many flights were cancelled?", text, (("TIME", "daytime"), ("CARDINAL", "Four")))
    assert "daytime" not in fits and "Four" in fits
    text = "Winds of up to 45 miles per hour pushed the fire toward the shelter, 18 miles away."
    fits = _fits("How far is the shelter from the town?", text, (("QUANTITY", "up to 45 miles"), ("QUANTITY", "18 miles")))
    assert "up to 45 miles" not in fits and "18 miles" in fits


def test_a_year_question_wants_a_year_and_a_lifespan_no_event():
    text = "She took her first lesson in 1946, and the following year she flew solo."
    fits = _fits("What year did she fly solo?", text, (("DATE", "1946"), ("DATE", "the following year")))
    assert fits["the following year"] < fits["1946"]  # the word "year" is no year
    text = "Founded in 1887 by the collector Edvard Halvorsen (1829-1901), the museum was robbed on Sunday."
    tagged = (("DATE", "1887"), ("DATE", "1829-1901"), ("DATE", "Sunday"))
    assert "1829-1901" not in _fits("On what date was the museum robbed?", text, tagged)
    assert "1829-1901" in _fits("When did Edvard Halvorsen die?", text, tagged)


def test_per_cent_is_no_currency_and_a_year_no_count():
    from rag.measures import CURRENCY

    assert not CURRENCY.search("roughly 60 per cent") and CURRENCY.search("50 cents")
    text = "A kilogram costs £24, and roughly 60 per cent of the cheese is sold abroad."
    fits = _fits("What does a kilogram of the cheese cost?", text, (("MONEY", "24"), ("PERCENT", "roughly 60 per cent")))
    assert "roughly 60 per cent" not in fits
    text = "The museum opened in 1994 and now has 12,000 visitors a year."
    fits = _fits("How many people visit the museum?", text, (("DATE", "1994"), ("CARDINAL", "12,000")))
    assert "1994" not in fits and "12,000" in fits


def test_a_sum_paid_per_year_keeps_its_rate():
    text = "The owners offered a rise of about 2,000 pounds a year."
    fits = _fits("What pay offer have the owners made?", text, (("MONEY", "about 2,000 pounds"),))
    assert list(fits) == ["about 2,000 pounds a year"]
    # (the question's own "each year" does not make the rate a word it already names)
    assert list(_fits("How much will it save each year?", "It will save about $1.4 million a year.",
                      (("MONEY", "about $1.4 million"),))) == ["about $1.4 million a year"]


def test_a_name_is_written_with_a_capital_whatever_its_label():
    text = "The defense ministry said the president, Ana Ruiz, would visit."
    fits = _fits("Who is the president?", text, (("ORG", "defense ministry"), ("PERSON", "Ana Ruiz")))
    assert "defense ministry" not in fits and "Ana Ruiz" in fits


def test_a_life_date_answers_for_the_person_the_question_names():
    from rag.candidates import pinned

    texts = ["Ottilie Braxfield (2 May 1880 – 3 October 1951) was a British glass chemist.",
             "She married in 1905 and had a daughter, Maud, and a son."]
    sents, neighbours, docs = _one_article(texts, "Ottilie Braxfield")
    death = _candidate(sents[0], "DATE", "3 October 1951", 0.6)
    assert pinned(analyse("When did Braxfield's daughter Maud die?"), [death], [death], neighbours, docs) is None
    assert pinned(analyse("When did Ottilie Braxfield die?"), [death], [death], neighbours, docs) == [death]


def test_a_birth_name_before_the_life_span_in_brackets():
    text = "Agathe Morrow (née Pim; 3 June 1902 – 11 January 1978) was a Scottish botanist."
    assert list(_fits("When was Agathe Morrow born?", text, (("PERSON", "Agathe Morrow"),))) == ["3 June 1902"]
    assert list(_fits("When did Agathe Morrow die?", text, (("PERSON", "Agathe Morrow"),))) == ["11 January 1978"]


def test_a_name_followed_by_a_role_without_an_article_is_a_person():
    # spaCy's small model can leave a sentence's first name untagged.
    text = "Ilse Brannock, finance director of Orrin Foods, said sales had fallen."
    assert "Ilse Brannock" in _fits("Who is the finance director of Orrin Foods?", text, (("ORG", "Orrin Foods"),))
    # (a place and its description is no person)
    assert not _fits("Who is the finance director?", "Pellow Bay, home of the regatta, is quiet.", ())


def test_a_name_after_at_the_or_from_the_answers_where_whatever_its_label():
    text = "The minister met farmers at the Grain Exchange on Friday."
    fits = _fits("Where did the minister meet farmers?", text, (("ORG", "the Grain Exchange"), ("DATE", "Friday")))
    assert fits.get("Grain Exchange") == 1.0
    text = "The bacteria came from the Orbury Mill sewage works, upstream of Presk."
    fits = _fits("Where did the bacteria come from?", text, (("PERSON", "Orbury Mill"), ("GPE", "Presk")))
    assert fits.get("Orbury Mill") == 1.0


def test_which_town_wants_a_named_town():
    text = "Officials spoke at the town hall in Orbury."
    fits = _fits("In which town did officials speak?", text, (("GPE", "Orbury"),))
    assert "Orbury" in fits and not any("hall" in v for v in fits)


def test_the_question_word_after_an_opening_clause():
    q = analyse("According to the first wire report, roughly how many homes lost power?")
    assert (q.wh, q.answer_type, q.counted) == ("how", "number", "homes")
    assert analyse("In the encyclopedia's account of the long voyage, who sailed the ship?").answer_type == "person"


def test_a_hedge_the_question_also_uses_does_not_name_the_value():
    from rag.sentences import Entity, Sentence
    from rag.text import stem_all
    from rag.values import answer_entities

    q = analyse("Roughly how many households does the notice cover?")
    text = "The notice covers roughly 9,800 households."
    s = Sentence("d", 0, len(text), text, [Entity("CARDINAL", "roughly 9,800", 18, 31)])
    assert [e.text for e, _ in answer_entities(q, s, set(stem_all(list(q.key_terms))))] == ["roughly 9,800"]


def test_an_organisations_boss_is_its_chief_executive(tmp_path):
    p = _one_corpus(tmp_path, "orrin", "Orrin Foods cuts jobs", (
        "Orrin Foods will cut 200 jobs at its bakery in Delworth, the company said on Monday. "
        "Its chief executive, Ilse Brannock, blamed the rising cost of flour. "
        "The firm was founded in 1961 and employs 1,400 people."), published="2025-03-04")
    a = p.query("Who is the boss of Orrin Foods?")
    assert not a.abstained and a.short_answer == "Ilse Brannock", a.text


def test_a_heading_is_no_evidence_and_a_sentence_asking_why_no_reason():
    import numpy as np
    from rag.evidence import rank_sentences

    texts = ["Fire spread.", "Investigators will examine why the fire spread so fast.",
             "Investigators say the fire spread so fast."]
    sents = _one_article(texts, "Orla Mill")[0]
    vocab = Vocab({"fire": 3, "spread": 3, "fast": 2, "floors": 1, "oil": 1})
    vecs, qvec = np.zeros((3, 384), np.float32), np.zeros(384, np.float32)
    scores = lambda q: {r.sentence.text: r.score for r in rank_sentences(analyse(q, vocab), qvec, sents, vecs, vocab)}
    why = scores("Why did the fire spread so fast?")
    assert why["Fire spread."] == 0.0  # a section's heading
    assert why[texts[1]] < why[texts[2]]  # it asks the question again
    how = scores("How fast did the fire spread?")
    assert how[texts[1]] == how[texts[2]]  # (a why or how question that asks for an explanation)


def test_what_caused_asks_for_a_reason():
    assert analyse("What caused the fire to spread so quickly?").answer_type == "explanation"
    assert analyse("What prompted the traders to found a water company?").answer_type == "explanation"
    assert analyse("What company owns the mill?").answer_type != "explanation"


def test_a_figure_in_the_question_is_never_corrected_as_a_typo():
    from rag.vocab import Vocab

    vocab = Vocab({"1870s": 3, "merchants": 2, "water": 5, "company": 4})
    q = analyse("Why did merchants start a water company in the 1860s?", vocab)
    assert "1860s" in q.key_terms and "1870s" not in q.key_terms


def test_what_is_only_due_or_what_someone_said_they_would_do_has_not_happened(tmp_path):
    p = _one_corpus(tmp_path, "tank", "Storm tank for Orbury", (
        "The water company agreed to build a storm tank at Orbury, due for completion in 2027. "
        "The old overflow at Orbury discharged sewage for 11 hours on Sunday. "
        "The town's MP, Ana Ruiz, said she would raise the overflow in parliament next month."), published="2025-05-02")
    from rag.answer import PLANNED

    assert PLANNED.search("a storm tank at Orbury, due for completion in 2027")
    assert not PLANNED.search("The line closed due to flooding on Sunday.")
    a = p.query("What did Ana Ruiz tell parliament about the Orbury overflow?")
    assert a.abstained, a.text
    # What did happen is still answered.
    a = p.query("When did the Orbury overflow discharge sewage?")
    assert not a.abstained and "Sunday" in a.short_answer, a.text


def _one_corpus(tmp_path, name: str, title: str, text: str, published: str = "2025-05-02",
                source: str = "Wire") -> Pipeline:
    """A pipeline over one article ``name`` (its title, then ``text``)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{name}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    (corpus / "metadata.json").write_text(json.dumps(
        {name: {"title": title, "published": published, "source": source}}), encoding="utf-8")
    p = Pipeline(RagSettings(data_dir=tmp_path / "data", corpus_dir=corpus, show_progress=False))
    assert p.ingest(corpus).errors == []
    return p


def test_a_date_that_writes_its_year_is_shown_as_written():
    from rag.compose import render_value
    from rag.sentences import Entity

    month = Entity("DATE", "September 2024", 0, 14, "2024-09-01/2024-09-30", "1 September 2024 – 30 September 2024")
    assert render_value(month) == "September 2024"
    day = Entity("DATE", "Tuesday", 0, 7, "2024-09-10", "10 September 2024")
    assert render_value(day) == "Tuesday (10 September 2024)"


def test_how_much_of_a_noun_ending_in_er_asks_an_amount():
    # "beer", "water", "power" are no comparatives ("how much higher" is one).
    assert analyse("How much beer did the brewery pour away?").measure == "amount"
    assert analyse("How much water was pumped into the reservoir?").measure == "amount"
    assert analyse("How much higher is the new bridge?").measure is None
    text = "About 14,000 litres of beer have been poured away."
    assert list(_fits("How much beer was poured away?", text, (("CARDINAL", "About 14,000"),))) == ["About 14,000 litres"]


def test_a_figure_inside_a_name_does_not_end_the_counted_phrase():
    text = "The airline, which flies 11 Talmont T-62s across the province, said services ran normally."
    fits = _fits("How many Talmont T-62s does the airline fly?", text, (("CARDINAL", "11"), ("FAC", "Talmont T-62s")))
    assert "11" in fits
    # (another count still ends it: "three vehicles and 18 firefighters")
    text = "The service sent three vehicles and 18 firefighters."
    assert "three" not in _fits("How many firefighters were sent?", text, (("CARDINAL", "three"), ("CARDINAL", "18")))


def test_a_role_of_a_common_noun_after_a_name_makes_it_a_person():
    text = "Callum Brisk, managing director of the airport company, said the board had met."
    # (spaCy's ORG would fit a person question at 0.3; read as a person it fits fully)
    assert _fits("Who is the managing director of the airport company?", text, (("ORG", "Callum Brisk"),))["Callum Brisk"] >= 1.0


def test_how_long_is_a_thing_prefers_a_measure_to_a_bare_count():
    text = "The line has eleven tunnels, the longest of which is 4.1 kilometres long."
    fits = _fits("How long is the longest tunnel?", text, (("CARDINAL", "eleven"), ("QUANTITY", "4.1 kilometres")))
    assert fits["4.1 kilometres"] > fits["eleven"]
    # (a bare count still answers how many)
    assert _fits("How many tunnels does the line have?", text, (("CARDINAL", "eleven"),))["eleven"] >= 1.0


def test_a_bare_number_after_the_asked_persons_name_is_their_age():
    text = "Tomas Brede, 67, found the hoard on land farmed by Erik Dunmoss."
    assert _fits("How old is Tomas Brede?", text, (("CARDINAL", "67"),)) == {"67": 1.0}
    assert "67" not in _fits("How old is Erik Dunmoss?", text, (("CARDINAL", "67"),))  # not his


def test_a_living_persons_birth_date_in_brackets():
    # spaCy's small model tags the date an EVENT; "(born …)" says what it is.
    text = "Wenna Tregear (born 9 September 1969) is an archaeologist who studies trackways."
    assert list(_fits("When was Wenna Tregear born?", text, (("PERSON", "Wenna Tregear"), ("EVENT", "9 September 1969")))) \
        == ["9 September 1969"]
    assert "9 September 1969" not in _fits("When did Wenna Tregear die?", text, (("PERSON", "Wenna Tregear"),))


def test_a_sentence_that_calls_the_named_thing_by_its_noun_goes_on_about_it():
    from rag.candidates import names_again
    from rag.question import named_heads

    before = "Her best-known dig was the excavation of the Farrow Causeway between 2004 and 2006."
    assert names_again("The causeway, a line of alder planks about 1.1 kilometres long, crossed a marsh.", before)
    assert not names_again("The team, six in all, came from Wenlow.", before)
    # "the Farrow Causeway": a name written with "the" is a thing its article calls "the causeway".
    assert named_heads(analyse("How long is the Farrow Causeway?")) == [("farrow", "causeway")]
    assert named_heads(analyse("How tall is Wenna Tregear?")) == []


def test_the_holder_of_a_post_is_named_with_another_form_of_its_word(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lab.txt").write_text(
        "Orrin Laboratory\n\n"
        "The Orrin Laboratory is a dating laboratory at Wenmoor University. "
        "It has been directed since 2017 by Professor Alder Voyce, a geochemist. "
        "Lena Marrick, the university's chancellor, opened its new building in 2019. "
        "The planning committee's chairman, Councillor Osric Pell, backed the building.\n", encoding="utf-8")
    p = Pipeline(RagSettings(data_dir=tmp_path / "data", corpus_dir=corpus, show_progress=False))
    p.ingest(corpus)
    a = p.query("Who is the director of the Orrin Laboratory?")
    assert not a.abstained and "Alder Voyce" in a.short_answer
    a = p.query("Who is the chair of the planning committee?")
    assert not a.abstained and "Osric Pell" in a.short_answer


def test_a_percentage_keeps_its_per_cent():
    text = "The conservator said the wood had lost less than 2 per cent of its carved surface."
    assert "less than 2 per cent" in _fits("How much of its surface has the wood lost?", text, (("CARDINAL", "less than 2"),))


def test_a_lowercase_word_is_no_place_whatever_the_tagger_said():
    text = "It was wrapped in wet sheeting and driven to the conservation centre at Wenmoor."
    fits = _fits("Where was it driven?", text, (("GPE", "wet"),))
    assert "wet" not in fits and "Wenmoor" in fits


def test_a_date_of_an_era_answers_when():
    text = "The laboratory gave a calibrated date of 405–370 BC for the figure."
    assert "405–370 BC" in _fits("What date did the laboratory give for the figure?", text,
                                 (("CARDINAL", "405–370"), ("ORG", "BC")))


def test_a_date_a_state_began_at_does_not_say_when_it_ended():
    text = "The hillfort on Carrow Edge was occupied from around 500 BC."
    assert "500 BC" in _fits("When was the hillfort on Carrow Edge first occupied?", text, ())
    assert "500 BC" not in _fits("When was the hillfort on Carrow Edge abandoned?", text, ())


def test_sentences_that_write_most_of_the_questions_words_join_the_evidence():
    from rag.evidence import lexical_matches
    from rag.sentences import Sentence

    texts = ["Quarry manager Fiona Tallis stopped all digging within minutes.",
             "The figure was lifted on Tuesday evening."]
    sents = [Sentence("d", 0, len(t), t) for t in texts]
    vocab = {"quarry": 5, "manager": 2, "figure": 9, "orrin": 3}
    assert lexical_matches(analyse("Who manages the quarry?"), sents, vocab) == {sents[0].sid}


def test_a_common_rewording_of_the_questions_words_counts_as_a_match():
    from rag.evidence import paraphrase_matches
    from rag.sentences import Sentence

    texts = ["Founded in 1961, the laboratory dates about 2,800 samples a year.",
             "Its first director retired in 1986."]
    sents = [Sentence("d", 0, len(t), t) for t in texts]
    q = analyse("When was the laboratory set up?")
    assert paraphrase_matches(q, list(q.key_terms), sents) == {sents[0].sid: {"set": 1.0}}
    # (a phrase only as a whole: "set" alone is no "set up")
    q = analyse("When was the set built?")
    assert paraphrase_matches(q, list(q.key_terms), sents) == {}


def test_a_length_of_time_counts_nothing_else():
    text = "The launch destroyed the satellite, built over six years by students at the university."
    assert "six years" not in _fits("How many students worked on the satellite?", text, (("DATE", "six years"),))
    assert "six years" in _fits("How many years did the students work on it?", text, (("DATE", "six years"),))


def test_what_mass_asks_for_a_weight():
    q = analyse("What mass can the rocket carry to orbit?")
    assert (q.answer_type, q.measure) == ("number", "weight")


def test_a_hangar_is_a_place_to_be_taken_to():
    text = "The section was lifted on Monday and taken to a hangar at the spaceport."
    assert "a hangar at the spaceport" in _fits("Where was the section taken?", text, ())
    # (not a time: "in the hall at the time of the vote")
    assert "the hall" in _fits("Where did they meet?", "They met in the hall at the time of the vote.", ())


def test_a_name_described_as_the_kind_asked_for_past_a_direction():
    text = "A walker found a panel on Selkie Strand, a beach south of the town, on Sunday."
    assert "Selkie Strand" in _fits("On which beach was the panel found?", text, (("FAC", "Selkie Strand"),))


def test_a_plural_of_a_corpus_word_is_no_typo():
    vocab = Vocab({"trawler": 3, "trawlermen": 2, "fleet": 4})
    q = analyse("When were trawlers barred from the grounds?", vocab, frozenset({"trailers", "barred", "grounds"}))
    assert "trawlers" in q.key_terms and not q.corrected


def test_a_phrasal_verb_matches_the_single_word_an_article_uses():
    from rag.evidence import paraphrase_matches
    from rag.sentences import Sentence

    text = "The High Court quashed the consent for the wind farm in March."
    s = Sentence("d", 0, len(text), text)
    q = analyse("Which judge struck down the consent for the wind farm?")
    assert paraphrase_matches(q, list(q.key_terms), [s]) == {s.sid: {"strike": 1.0}}  # (the stem of "struck")


def test_a_role_past_a_semicolon_is_not_the_persons():
    text = "She lives in Wenmoor with her husband, the furniture maker Colm Tarrant; they have one son."
    assert _fits("What is the name of her son?", text, (("PERSON", "Colm Tarrant"),))["Colm Tarrant"] < 1.0
    assert _fits("What is the name of her husband?", text, (("PERSON", "Colm Tarrant"),))["Colm Tarrant"] >= 1.0


def test_a_decade_before_the_article_does_not_answer_when_will():
    from rag.candidates import before_publication
    from rag.sentences import Entity

    doc = ("", {"published_int": 20250601})
    assert before_publication(Entity("DATE", "the 1890s", 0, 9), doc)
    assert not before_publication(Entity("DATE", "the 2020s", 0, 9), doc)


def test_money_of_a_kind_needs_that_kind_written():
    text = "Denholt Aggregates pledged £120,000 towards the cost of conserving the figure."
    assert "£120,000" not in _fits("How much profit did Denholt Aggregates make last year?", text, (("MONEY", "£120,000"),))
    assert "£120,000" in _fits("How much did Denholt Aggregates pledge?", text, (("MONEY", "£120,000"),))
    text = "The company reported a net profit of 2.7 million euros."
    assert "2.7 million euros" in _fits("How much profit did the company make?", text, (("MONEY", "2.7 million euros"),))


def test_a_vote_written_in_words_is_a_tally():
    from rag.patterns import TALLY

    assert TALLY.fullmatch("six votes to three") and TALLY.fullmatch("7-4")
    assert not TALLY.search("two to three hours")


def test_a_size_written_with_the_questions_adjective_fits_best():
    text = "She is 68 metres long and carries 340 passengers on the 14-kilometre route."
    fits = _fits("How long is the ferry?", text, (("QUANTITY", "68 metres"), ("QUANTITY", "14-kilometre")))
    assert fits["68 metres"] > fits["14-kilometre"]


def test_a_year_after_the_counted_noun_is_no_count():
    text = "The latest coin in the hoard dates from around 928, which suggests it was buried then."
    assert "928" not in _fits("How many coins were in the hoard?", text, (("CARDINAL", "928"),))
    # (a bare number after the noun still counts it: "Of the 21,400 runners who started, 18,342 finished")
    text = "Of the 21,400 runners who started, 18,342 reached the finish."
    assert "18,342" in _fits("How many runners reached the finish?", text, (("CARDINAL", "21,400"), ("CARDINAL", "18,342")))


def test_a_name_used_of_a_thing_is_no_person():
    text = "He is best known for the Maren class of ferries, which he designed with Walter Holt."
    fits = _fits("Who designed the ferries with him?", text, (("PERSON", "Maren"), ("PERSON", "Walter Holt")))
    assert fits["Walter Holt"] > fits["Maren"]


def test_a_birthplace_answers_where_someone_was_born_not_where_else():
    text = "The medal was given to the composer Ilse Varn, who was born in Brenmark, after the premiere."
    tagged = (("GPE", "Brenmark"),)
    assert _fits("Where was Ilse Varn born?", text, tagged)["Brenmark"] > _fits("Where did the opera premiere?", text, tagged)["Brenmark"]
