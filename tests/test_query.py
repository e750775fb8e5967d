"""Questions against the ingested seeds: citations are verbatim and point at the right articles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rag.pipeline import QueryError
from tests.conftest import SEEDS

# The two articles that say when Kim left Pyongyang (September 10 / Sunday evening).
LEFT_PYONGYANG = {"000_98d33dd27db1be93", "003_0899eaed18e29f52"}
QUESTIONS = [
    "When did Kim leave Pyongyang?",
    "Where will Kim and Putin meet?",
    "Who is the Kremlin spokesman?",
    "Why does Russia want North Korean weapons?",
    "How far is Vladivostok from Pyongyang?",
    "what did the white house say about arms negotiations",
]


def test_kim_leaving_pyongyang_cites_the_articles_that_say_so(seeded):
    a = seeded.query("When did Kim leave Pyongyang?")
    assert not a.abstained
    assert {c.doc_id for c in a.citations} & LEFT_PYONGYANG
    assert "10 September 2023" in a.short_answer
    assert a.text.startswith(f"**{a.short_answer}**") and "[1]" in a.text


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_quote_is_verbatim_in_its_source_file(seeded, question):
    a = seeded.query(question)
    for c in a.citations + a.related:
        stored = seeded.document_text(c.doc_id)
        assert stored[c.start : c.end] == c.quote
        raw = (SEEDS / f"{c.doc_id}.txt").read_text(encoding="utf-8")
        assert raw[c.start : c.end] == c.quote, "offsets index the original file too"
    for c in a.citations:
        assert f"[{c.number}]" in a.text
    assert [c.number for c in a.citations] == list(range(1, len(a.citations) + 1))
    json.dumps(a.to_dict())  # JSON-ready


def test_unrelated_question_is_not_answered_from_the_corpus(seeded):
    a = seeded.query("What is the capital of Australia?")
    assert a.abstained and a.citations == [] and a.short_answer is None
    assert "don't say" in a.text


def test_doc_id_filter_restricts_retrieval_and_citations(seeded):
    only = "004_7407dae3c815ba6e"
    hits = seeded.retrieve("Where will they meet?", doc_ids=[only], top_k=10)
    assert hits and {h.doc_id for h in hits} == {only}
    a = seeded.query("Where will Kim and Putin meet?", doc_ids=[only])
    assert {c.doc_id for c in a.citations} <= {only}


def test_date_filter_keeps_articles_in_range(seeded):
    hits = seeded.retrieve("Kim Putin meeting", date_from=date(2023, 9, 11), top_k=20,
                           retrieval_mode="bm25")
    published = {d.doc_id: d.published for d in seeded.documents()}
    assert hits and all(published[h.doc_id] >= date(2023, 9, 11) for h in hits)
    hits = seeded.retrieve("Kim Putin meeting", date_to="2023-09-05", top_k=20)
    assert hits and all(published[h.doc_id] <= date(2023, 9, 5) for h in hits)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_each_retrieval_mode_finds_the_departure_articles(seeded, mode):
    hits = seeded.retrieve("When did Kim leave Pyongyang?", retrieval_mode=mode, top_k=5)
    assert {h.doc_id for h in hits} & LEFT_PYONGYANG


@pytest.mark.parametrize("bad, message", [
    ("", "empty"), ("   \n ", "empty"), ("x" * 5000, "limit"),
])
def test_bad_questions_get_clear_errors(seeded, bad, message):
    with pytest.raises(QueryError, match=message):
        seeded.query(bad)


def test_bad_options_get_clear_errors(seeded):
    with pytest.raises(QueryError, match="retrieval_mode"):
        seeded.query("Where?", retrieval_mode="magic")
    with pytest.raises(QueryError, match="date_from"):
        seeded.query("Where?", date_from="last week")
    with pytest.raises(QueryError, match="unknown query option"):
        seeded.query("Where?", colour="red")


def test_stream_yields_text_pieces_then_the_same_answer(seeded):
    items = list(seeded.stream("Who is the Kremlin spokesman?"))
    *pieces, final = items
    assert len(pieces) > 3 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == final.text
    assert final.to_dict() | {"timings_ms": None} == (
        seeded.query("Who is the Kremlin spokesman?").to_dict() | {"timings_ms": None})


def test_first_query_on_an_empty_store_ingests_the_corpus(tmp_path, corpus_copy):
    from rag import Pipeline, RagSettings

    p = Pipeline(RagSettings(data_dir=tmp_path / "d", corpus_dir=corpus_copy, show_progress=False))
    assert p.store.counts()["documents"] == 0
    a = p.query("Who is the Kremlin spokesman?")
    assert p.store.counts()["documents"] == 5 and "Peskov" in a.short_answer


def test_module_level_query_uses_the_environment(tmp_path, monkeypatch, corpus_copy):
    import rag

    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("RAG_CORPUS_DIR", str(corpus_copy))
    monkeypatch.setattr(rag, "_default", None)
    a = rag.query("When did Kim leave Pyongyang?")
    assert {c.doc_id for c in a.citations} & LEFT_PYONGYANG
    assert (tmp_path / "env-data" / "chroma").is_dir()


def test_who_is_a_named_person_gets_a_description(seeded):
    """Regression: "Who is Dmitry Peskov?" was answered with another person ("Putin")."""
    a = seeded.query("Who is Dmitry Peskov?")
    assert a.answer_type == "other" and a.short_answer is None
    assert "Peskov" in a.citations[0].quote and "Kremlin" in a.text


def test_top_k_bounds_the_chunks_read(seeded):
    assert len(seeded.retrieve("Kim Putin meeting", top_k=1)) == 1
    assert len(seeded.retrieve("Kim Putin meeting", top_k=7)) == 7


@pytest.mark.parametrize("typed, proper", [
    ("Why is Putin in Vladivostok", "Why is Putin in Vladivostok?"),
    ("why is putin in vladivostok", "Why is Putin in Vladivostok?"),
    ("how far is vladivostok from pyongyang", "How far is Vladivostok from Pyongyang?"),
])
def test_a_question_typed_without_capitals_or_its_mark_gets_the_same_answer(seeded, typed, proper):
    # The embedder reads "?" (the vector moves enough to reorder close sentences), and
    # "the Far East" in the corpus must not make "far" a name.
    a, b = seeded.query(typed), seeded.query(proper)
    assert (a.abstained, a.short_answer, [c.quote for c in a.citations]) == \
        (b.abstained, b.short_answer, [c.quote for c in b.citations])
