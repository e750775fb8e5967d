"""Integrity of the third gold suite: six encyclopedia articles in eval/data/encyclopedia/.

The checks tests/test_eval_newswire.py makes of the newswire suite, through the same
helpers in eval.suite and eval.metrics, on a corpus of invented reference articles; and
the suite shares no question or document with the other two.
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
    check_evidence,
    check_schema,
    load_suite,
    read_documents,
)

REPO = Path(__file__).resolve().parent.parent
ENCYCLOPEDIA = Path("eval") / "data" / "encyclopedia"  # relative to the repo root, as --suite takes it
OTHER_SUITES = ("seeds", REPO / "eval" / "data" / "newswire")


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return load_suite(REPO / ENCYCLOPEDIA, tmp_path_factory.mktemp("suite"))


@pytest.fixture(scope="module")
def docs(suite):
    return read_documents(suite.docs_dir)


def test_loads_from_the_repo_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    loaded = load_suite(str(ENCYCLOPEDIA), tmp_path)
    assert loaded.name == "encyclopedia"
    assert loaded.docs_dir.resolve() == (REPO / ENCYCLOPEDIA).resolve()
    assert len(loaded.items) >= 80


def test_articles_and_metadata_match(suite, docs):
    assert 5 <= len(docs) <= 6 and all(d.startswith("en0") for d in docs)
    meta = json.loads((suite.docs_dir / "metadata.json").read_text(encoding="utf-8"))
    assert sorted(meta) == sorted(docs)
    for doc_id, m in meta.items():
        assert set(m) == {"title", "published", "source"}, doc_id  # no author
        assert m["title"] == docs[doc_id].splitlines()[0], doc_id
        dt.date.fromisoformat(m["published"])
        assert m["source"] == "Encyclopedia (invented for tests)"
        assert 400 <= len(docs[doc_id].split()) <= 800, doc_id


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
        assert it.answer_type == "none" and not it.answers and not it.evidence and not it.doc_ids


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


@pytest.mark.parametrize("other", OTHER_SUITES, ids=["seeds", "newswire"])
def test_independent_of_the_other_suites(suite, docs, other, tmp_path):
    loaded = load_suite(other, tmp_path)
    other_docs = read_documents(loaded.docs_dir)
    assert loaded.items and other_docs
    assert not {q.question.lower() for q in loaded.items} & {q.question.lower() for q in suite.items}
    assert not set(docs) & set(other_docs)
    assert not set(docs.values()) & set(other_docs.values())
