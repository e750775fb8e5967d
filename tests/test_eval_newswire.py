"""Integrity of the second gold suite: six newswire articles in eval/data/newswire/.

The same checks as tests/test_eval_gold.py makes of the seeds set, through the same
helpers in eval.suite and eval.metrics, on an independent corpus.
"""

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from eval.metrics import contains_answer
from eval.suite import (
    ANSWER_TYPES,
    CATEGORIES,
    SPLITS,
    bundled_gold_path,
    check_evidence,
    check_schema,
    load_gold_jsonl,
    load_suite,
    read_documents,
)

REPO = Path(__file__).resolve().parent.parent
NEWSWIRE = Path("eval") / "data" / "newswire"  # relative to the repo root, as --suite takes it


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return load_suite(REPO / NEWSWIRE, tmp_path_factory.mktemp("suite"))


@pytest.fixture(scope="module")
def docs(suite):
    return read_documents(suite.docs_dir)


def test_loads_from_the_repo_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    loaded = load_suite(str(NEWSWIRE), tmp_path)
    assert loaded.name == "newswire" and loaded.docs_dir.resolve() == (REPO / NEWSWIRE).resolve()
    assert len(loaded.items) >= 85


def test_six_articles_with_metadata(suite, docs):
    assert len(docs) == 6 and all(d.startswith("nw0") for d in docs)
    meta = json.loads((suite.docs_dir / "metadata.json").read_text(encoding="utf-8"))
    assert sorted(meta) == sorted(docs)
    for doc_id, m in meta.items():
        assert m["title"] == docs[doc_id].splitlines()[0], doc_id
        dt.date.fromisoformat(m["published"])
        assert m["source"]
        assert 350 <= len(docs[doc_id].split()) <= 700, doc_id
    assert any("author" not in m for m in meta.values())  # one article carries no byline


def test_ids_unique_and_schema_clean(suite):
    ids = [it.id for it in suite.items]
    assert len(ids) == len(set(ids))
    assert check_schema(suite.items) == []
    assert {it.category for it in suite.items} == set(CATEGORIES)
    assert {it.answer_type for it in suite.items} <= set(ANSWER_TYPES)


def test_every_evidence_string_is_verbatim_in_its_article(suite, docs):
    assert check_evidence(suite.items, docs) == []
    assert all(d in docs for it in suite.items for d in it.doc_ids)


def test_some_alias_is_written_in_the_evidence(suite):
    for it in suite.items:
        if it.answerable:
            assert contains_answer(" ".join(e.text for e in it.evidence), it.answers), it.id


def test_unanswerable_rows_carry_no_answers(suite):
    unanswerable = [it for it in suite.items if not it.answerable]
    assert len(unanswerable) >= 15 and len(suite.items) - len(unanswerable) >= 70
    for it in unanswerable:
        assert it.answer_type == "none" and not it.answers and not it.evidence


def test_both_splits_in_every_category(suite):
    splits = Counter(it.split for it in suite.items)
    assert abs(splits["dev"] - splits["test"]) <= 2
    for cat in CATEGORIES:
        per = Counter(it.split for it in suite.items if it.category == cat)
        assert set(per) == set(SPLITS), cat
        assert abs(per["dev"] - per["test"]) <= 1, cat


def test_multi_source_and_conflict_rows_rest_on_several_articles(suite):
    for it in suite.items:
        if it.category in ("multi_source", "conflict"):
            assert len(it.doc_ids) >= 2, it.id
            assert len({e.doc_id for e in it.evidence}) >= 2, it.id


def test_independent_of_the_seeds_set(suite, docs):
    seeds = load_gold_jsonl(bundled_gold_path())
    assert not {q.question for q in seeds} & {q.question for q in suite.items}
    assert not set(docs) & {d for q in seeds for d in q.doc_ids}
