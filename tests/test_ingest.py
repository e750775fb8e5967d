"""Ingest against the real stack: real Chroma in tmp_path, the real ONNX embedder, the seeds."""

from __future__ import annotations

import json

from rag import Pipeline
from rag.sentences import ANALYSIS_VERSION
from tests.conftest import SEEDS

ARTICLE = "003_0899eaed18e29f52"


def _chunk_ids(p, doc_id):
    return set(p.store.chunks.get(where={"doc_id": doc_id}, include=[])["ids"])


def test_ingest_seeds_then_reingest_adds_nothing(fresh):
    first = fresh.ingest(SEEDS)
    assert sorted(first.added) == sorted(f.stem for f in SEEDS.glob("*.txt"))
    assert first.errors == [] and first.chunks_written > 0
    counts = fresh.store.counts()
    assert counts["documents"] == 5 and counts["chunks"] == first.chunks_written
    second = fresh.ingest(SEEDS)
    assert second.added == [] and second.updated == [] and second.chunks_written == 0
    assert len(second.unchanged) == 5
    assert fresh.store.counts() == counts
    # A keyword index written before the list of capitalised words existed gets it on the
    # next ingest, though nothing changed.
    from rag.retrieve import CASED_FILE

    cased = fresh.settings.bm25_dir / CASED_FILE
    assert "vladivostok" in json.loads(cased.read_text(encoding="utf-8"))
    cased.unlink()
    third = fresh.ingest(SEEDS)
    assert third.chunks_written == 0 and cased.exists()


def test_chunks_record_offsets_tokens_and_metadata(seeded):
    got = seeded.store.chunks.get(include=["documents", "metadatas"])
    for text, meta in zip(got["documents"], got["metadatas"]):
        doc = seeded.document_text(meta["doc_id"])
        assert doc[meta["start"] : meta["end"]] == text
        assert 0 < meta["tokens"] <= seeded.settings.chunk_size
    docs = {d.doc_id: d for d in seeded.documents()}
    assert docs[ARTICLE].source == "Associated Press"
    assert docs["000_98d33dd27db1be93"].published.isoformat() == "2023-09-12"


def test_changed_file_replaces_its_chunks(fresh, corpus_copy):
    fresh.ingest(corpus_copy)
    before = _chunk_ids(fresh, ARTICLE)
    f = corpus_copy / f"{ARTICLE}.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\n\nThe zeppelin landed in Oslo on Friday.\n",
                 encoding="utf-8")
    report = fresh.ingest(corpus_copy)
    assert report.updated == [ARTICLE] and len(report.unchanged) == 4
    after = _chunk_ids(fresh, ARTICLE)
    assert after and not (before & after), "old chunks must be gone, new ones written"
    assert "zeppelin" in fresh.document_text(ARTICLE)
    hits = fresh.retrieve("zeppelin Oslo", retrieval_mode="bm25")
    assert hits and hits[0].doc_id == ARTICLE


def _age(p, doc_id):
    """Make a stored document look analysed by an older version, its sentences' entities
    lost (as an old analysis could have missed them)."""
    p.store.docs.update(ids=[doc_id], metadatas=[{"analysis": ANALYSIS_VERSION - 1}])
    ids = p.store.sentences.get(where={"doc_id": doc_id}, include=[])["ids"]
    old = p.store.sentences.get(ids=ids, include=["metadatas"])["metadatas"]
    p.store.sentences.update(ids=ids, metadatas=[m | {"entities": "[]"} for m in old])


def _entities(p, doc_id):
    got = p.store.sentences.get(where={"doc_id": doc_id}, include=["metadatas"])["metadatas"]
    return sum(len(json.loads(m["entities"])) for m in got)


def test_documents_stored_by_an_older_analysis_are_analysed_again(fresh, corpus_copy, tmp_path):
    """Regression: dates were resolved at ingest only, so a store written before an
    improvement kept its old dates (bare months unresolved) until its files changed."""
    fresh.ingest(corpus_copy)
    assert fresh.store.stale_documents(ANALYSIS_VERSION) == []
    entities = _entities(fresh, ARTICLE)
    assert entities > 0
    _age(fresh, ARTICLE)
    # On the next ingest of the folder, though the file did not change.
    report = fresh.ingest(corpus_copy)
    assert report.reanalysed == [ARTICLE] and len(report.unchanged) == 4 and report.chunks_written > 0
    assert "1 re-analysed" in report.summary()
    assert _entities(fresh, ARTICLE) == entities and fresh.store.stale_documents(ANALYSIS_VERSION) == []
    # When a pipeline starts on the store, from the stored text: the file may be gone.
    _age(fresh, ARTICLE)
    (corpus_copy / f"{ARTICLE}.txt").unlink()
    started = Pipeline(fresh.settings)
    report = started.ensure_corpus()
    assert report is not None and report.reanalysed == [ARTICLE] and report.removed == []
    assert _entities(started, ARTICLE) == entities
    assert started.documents() == fresh.documents()  # title, source, date and path kept
    assert started.ensure_corpus() is None and Pipeline(fresh.settings).ensure_corpus() is None


def test_removed_file_loses_its_chunks_and_sentences(fresh, corpus_copy):
    fresh.ingest(corpus_copy)
    (corpus_copy / f"{ARTICLE}.txt").unlink()
    report = fresh.ingest(corpus_copy)
    assert report.removed == [ARTICLE]
    assert _chunk_ids(fresh, ARTICLE) == set()
    assert fresh.store.sentences.get(where={"doc_id": ARTICLE}, include=[])["ids"] == []
    assert ARTICLE not in {d.doc_id for d in fresh.documents()}
    assert all(h.doc_id != ARTICLE for h in fresh.retrieve("Chosun Ilbo train", retrieval_mode="bm25"))


def test_bad_files_are_reported_and_the_rest_ingested(fresh, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Ada Lovelace wrote the first program in 1843.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blank.md").write_text("   \n\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait in M\xfcnchen".encode("latin-1"))
    report = fresh.ingest(folder, tmp_path / "missing.txt")
    assert report.added == ["good"]
    errors = {path.rsplit("/", 1)[-1]: msg for path, msg in report.errors}
    assert "empty" in errors["empty.txt"]
    assert "empty" in errors["blank.md"] or "no readable text" in errors["blank.md"]
    assert "binary" in errors["binary.txt"]
    assert "UTF-8" in errors["latin1.txt"] and "offset" in errors["latin1.txt"]
    assert "no such file" in errors["missing.txt"]
    assert not any(msg.startswith(path) for path, msg in report.errors), "path is given apart"


def test_a_file_that_turns_bad_keeps_what_was_stored(fresh, corpus_copy):
    fresh.ingest(corpus_copy)
    before = _chunk_ids(fresh, ARTICLE)
    (corpus_copy / f"{ARTICLE}.txt").write_bytes(b"\x00\x01\x02 binary now")
    report = fresh.ingest(corpus_copy)
    assert report.removed == [] and any(ARTICLE in p for p, _ in report.errors)
    assert _chunk_ids(fresh, ARTICLE) == before


def test_html_is_reduced_to_text_and_metadata(fresh, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Harbour reopens</title>"
        '<meta property="article:published_time" content="2024-03-02T08:00:00Z">'
        '<meta name="author" content="Jo Writer"><script>alert(1)</script></head>'
        "<body><h1>Harbour reopens</h1><p>The harbour in Bergen reopened on Saturday "
        "after storms.</p><style>p{}</style></body></html>",
        encoding="utf-8",
    )
    report = fresh.ingest(page)
    assert report.added == ["page"]
    text = fresh.document_text("page")
    assert "alert" not in text and "p{}" not in text and "harbour in Bergen" in text
    info = fresh.documents()[0]
    assert info.title == "Harbour reopens" and info.published.isoformat() == "2024-03-02"
    answer = fresh.query("When did the harbour in Bergen reopen?")
    assert not answer.abstained
    assert "2 March 2024" in answer.short_answer  # "Saturday" resolved against the date


def test_sidecar_metadata_overrides_and_bad_sidecar_is_reported(fresh, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline here\n\nBody text about rivers and lakes.\n", encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"a": {"title": "Rivers", "published": "2020-01-31",
                                                            "source": "Lake Times"}}), encoding="utf-8")
    fresh.ingest(folder)
    info = fresh.documents()[0]
    assert (info.title, info.published.isoformat(), info.source) == ("Rivers", "2020-01-31", "Lake Times")
    (folder / "metadata.json").write_text("{not json", encoding="utf-8")
    report = fresh.ingest(folder)
    assert any("metadata.json" in p for p, _ in report.errors)
    assert report.updated == ["a"]  # metadata changed back to what the text shows
    assert fresh.documents()[0].title == "Headline here"
