"""Integrity of the gold suites written blind to check that the engine generalises:
eval/data/newswire/ (six news articles), eval/data/encyclopedia/ (six encyclopedia-style
articles), eval/data/mixed/ (three of each; its dev split tuned on since the fourth
session), eval/data/blind/ (three of each, written in the fourth session; its dev split
tuned on since the sixth), eval/data/blind2/ (three of each, written in the fifth session;
its dev split tuned on from the ninth), eval/data/wide/ (three of each, written in the sixth
session; its dev split tuned on), eval/data/blind3/ (three of each, written in the sixth
session; its dev split tuned on from the seventh), eval/data/blind4/ (three of each, written
in the seventh session; its dev split tuned on from the eighth), eval/data/blind5/ (three
of each, written in the eighth session; its dev split tuned on from the ninth),
eval/data/blind6/ (three of each, written in the ninth session; its dev split tuned on),
eval/data/blind7/ (three of each, written in the ninth session; its dev split tuned on from
the tenth), eval/data/blind8/ (three of each, written in the tenth session and never
tuned on), eval/data/blind9/ (three of each, written in the eleventh session and never
tuned on), eval/data/blind10/ (three of each, written in the twelfth session; its dev split
tuned on from then), eval/data/blind11/ (three of each, written in the twelfth session and
never tuned on) and eval/data/blind12/ (three of each, written in the thirteenth session and
never tuned on).
The checks tests/test_eval_gold.py makes of the seeds set, through the same
helpers in eval.suite and eval.metrics; and no suite shares a question or a document with
another.
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
# Per suite: path relative to the repo root (as --suite takes it), file prefix, article
# length range in words, least questions and least unanswerable ones.
SUITES = {
    "newswire": (Path("eval") / "data" / "newswire", "nw0", (350, 700), 85, 15),
    "encyclopedia": (Path("eval") / "data" / "encyclopedia", "en0", (400, 800), 80, 15),
    "mixed": (Path("eval") / "data" / "mixed", "mx0", (350, 700), 80, 10),
    "blind": (Path("eval") / "data" / "blind", "bl0", (350, 700), 85, 14),
    "blind2": (Path("eval") / "data" / "blind2", "b2_0", (350, 700), 85, 14),
    "wide": (Path("eval") / "data" / "wide", "wd0", (350, 700), 95, 15),
    "blind3": (Path("eval") / "data" / "blind3", "b3_0", (350, 700), 95, 15),
    "blind4": (Path("eval") / "data" / "blind4", "b4_0", (350, 700), 100, 16),
    "blind5": (Path("eval") / "data" / "blind5", "b5_0", (350, 700), 100, 16),
    "blind6": (Path("eval") / "data" / "blind6", "b6_0", (350, 700), 100, 16),
    "blind7": (Path("eval") / "data" / "blind7", "b7_0", (350, 700), 100, 16),
    "blind8": (Path("eval") / "data" / "blind8", "b8_0", (350, 700), 100, 16),
    "blind9": (Path("eval") / "data" / "blind9", "b9_0", (350, 700), 100, 16),
    "blind10": (Path("eval") / "data" / "blind10", "b10_0", (350, 700), 100, 16),
    "blind11": (Path("eval") / "data" / "blind11", "b11_0", (350, 700), 100, 16),
    "blind12": (Path("eval") / "data" / "blind12", "b12_0", (350, 700), 100, 16),
}


@pytest.fixture(scope="module", params=list(SUITES))
def suite(request, tmp_path_factory):
    loaded = load_suite(REPO / SUITES[request.param][0], tmp_path_factory.mktemp("suite"))
    return request.param, loaded, read_documents(loaded.docs_dir)


@pytest.mark.parametrize("name", list(SUITES))
def test_loads_from_the_repo_relative_path(name, tmp_path, monkeypatch):
    path, *_, least, _ = SUITES[name]
    monkeypatch.chdir(REPO)
    loaded = load_suite(str(path), tmp_path)
    assert loaded.name == name and loaded.docs_dir.resolve() == (REPO / path).resolve()
    assert len(loaded.items) >= least


def test_articles_and_metadata_match(suite):
    name, loaded, docs = suite
    _, prefix, (shortest, longest), *_ = SUITES[name]
    assert len(docs) == 6 and all(d.startswith(prefix) for d in docs)
    meta = json.loads((loaded.docs_dir / "metadata.json").read_text(encoding="utf-8"))
    assert sorted(meta) == sorted(docs)
    for doc_id, m in meta.items():
        assert m["title"] == docs[doc_id].splitlines()[0], doc_id
        dt.date.fromisoformat(m["published"])
        assert m["source"]
        assert shortest <= len(docs[doc_id].split()) <= longest, doc_id
    assert any("author" not in m for m in meta.values())  # bylines are not everywhere


def test_ids_unique_and_schema_clean(suite):
    _, loaded, _ = suite
    ids = [it.id for it in loaded.items]
    assert len(ids) == len(set(ids))
    assert check_schema(loaded.items) == []
    assert {it.category for it in loaded.items} == set(CATEGORIES)
    assert {it.answer_type for it in loaded.items} <= set(ANSWER_TYPES)


def test_every_evidence_string_is_verbatim_and_holds_an_alias(suite):
    _, loaded, docs = suite
    assert check_evidence(loaded.items, docs) == []
    assert all(d in docs for it in loaded.items for d in it.doc_ids)
    for it in loaded.items:
        if it.answerable:
            assert contains_answer(" ".join(e.text for e in it.evidence), it.answers), it.id


def test_unanswerable_rows_carry_no_answers(suite):
    name, loaded, _ = suite
    unanswerable = [it for it in loaded.items if not it.answerable]
    assert len(unanswerable) >= SUITES[name][4]
    for it in unanswerable:
        assert it.answer_type == "none" and not it.answers and not it.evidence and not it.doc_ids


def test_both_splits_in_every_category(suite):
    _, loaded, _ = suite
    splits = Counter(it.split for it in loaded.items)
    assert abs(splits["dev"] - splits["test"]) <= 2
    for cat in CATEGORIES:
        per = Counter(it.split for it in loaded.items if it.category == cat)
        assert set(per) == set(SPLITS), cat
        assert abs(per["dev"] - per["test"]) <= 1, cat


def test_multi_source_and_conflict_rows_rest_on_several_articles(suite):
    _, loaded, _ = suite
    for it in loaded.items:
        if it.category in ("multi_source", "conflict"):
            assert len(it.doc_ids) >= 2, it.id
            assert len({e.doc_id for e in it.evidence}) >= 2, it.id


# Every suite against every one written before it (the seeds first).
_ORDER = ["seeds", *SUITES]


@pytest.mark.parametrize("mine, other", [(_ORDER[i], _ORDER[j]) for i in range(1, len(_ORDER)) for j in range(i)])
def test_no_two_suites_share_a_question_or_a_document(mine, other, tmp_path):
    loaded = [load_suite("seeds" if n == "seeds" else REPO / SUITES[n][0], tmp_path / n)
              for n in (mine, other)]
    docs = [read_documents(x.docs_dir) for x in loaded]
    assert all(x.items for x in loaded) and all(docs)
    questions = [{q.question.lower() for q in x.items} for x in loaded]
    assert not questions[0] & questions[1]
    assert not set(docs[0]) & set(docs[1])
    assert not set(docs[0].values()) & set(docs[1].values())
