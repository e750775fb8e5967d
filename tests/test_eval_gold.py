"""Integrity of the gold set over the seeds, and the SQuAD v2 loader."""

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.metrics import contains_answer
from eval.suite import (
    ANSWER_TYPES,
    CATEGORIES,
    SuiteError,
    bundled_gold_path,
    check_evidence,
    check_schema,
    infer_category,
    load_gold_jsonl,
    load_suite,
    read_documents,
)

SQUAD_EXAMPLE = Path(__file__).resolve().parent.parent / "eval" / "data" / "squad_v2_example.json"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return load_suite("seeds", tmp_path_factory.mktemp("suite"))


def test_every_evidence_string_is_verbatim_in_its_article(seeds):
    docs = read_documents(seeds.docs_dir)
    assert len(docs) == 5
    assert check_evidence(seeds.items, docs) == []
    assert all(d in docs for it in seeds.items for d in it.doc_ids)


def test_ids_unique_and_schema_clean(seeds):
    ids = [it.id for it in seeds.items]
    assert len(ids) == len(set(ids))
    assert check_schema(seeds.items) == []
    assert {it.category for it in seeds.items} == set(CATEGORIES)
    assert {it.answer_type for it in seeds.items} <= set(ANSWER_TYPES)


def test_sizes_and_split_balance(seeds):
    answerable = [it for it in seeds.items if it.answerable]
    unanswerable = [it for it in seeds.items if not it.answerable]
    assert len(answerable) >= 80 and len(unanswerable) >= 15
    splits = Counter(it.split for it in seeds.items)
    assert abs(splits["dev"] - splits["test"]) <= 2
    for cat in CATEGORIES:  # stratified: each category split within one question
        per = Counter(it.split for it in seeds.items if it.category == cat)
        assert abs(per["dev"] - per["test"]) <= 1, cat


def test_unanswerable_rows_carry_no_answers(seeds):
    for it in seeds.items:
        if not it.answerable:
            assert it.answer_type == "none" and not it.answers and not it.evidence


def test_some_alias_is_written_in_the_evidence(seeds):
    """The answers are where the gold says they are (derived aliases like ISO dates aside)."""
    for it in seeds.items:
        if it.answerable:
            ev = " ".join(e.text for e in it.evidence)
            assert contains_answer(ev, it.answers), it.id


def test_multi_source_and_conflict_rows_name_several_articles(seeds):
    for it in seeds.items:
        if it.category in ("multi_source", "conflict"):
            assert len(it.doc_ids) >= 2, it.id


def test_bad_rows_are_reported_with_their_line(tmp_path):
    good = bundled_gold_path().read_text(encoding="utf-8").splitlines()[0]
    bad = json.loads(good) | {"category": "nonsense"}
    f = tmp_path / "gold.jsonl"
    f.write_text(good + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="duplicate id|unknown category"):
        load_gold_jsonl(f)
    f.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(SuiteError, match=r"gold.jsonl:2"):
        load_gold_jsonl(f)


def test_squad_v2_contexts_become_documents(tmp_path):
    suite = load_suite(SQUAD_EXAMPLE, tmp_path)
    docs = read_documents(suite.docs_dir)
    assert sorted(docs) == ["harbour-library-000", "night-ferry-000"]
    assert json.loads((suite.docs_dir / "metadata.json").read_text())["night-ferry-000"] == {
        "title": "Night ferry"
    }
    assert check_evidence(suite.items, docs) == []
    by_id = {it.id: it for it in suite.items}
    assert not by_id["lib-5"].answerable and by_id["lib-5"].category == "unanswerable"
    assert by_id["ferry-1"].answers == ("about four hours", "four hours")
    assert by_id["ferry-1"].evidence[0].text.startswith("The crossing takes about four hours")
    assert by_id["lib-3"].category == "how_many"
    assert set(it.split for it in suite.items) == {"dev", "test"}


def test_folder_suite_finds_its_squad_file(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "qa.json").write_text(SQUAD_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_suite(folder, tmp_path / "work").items) == 11
    with pytest.raises(SuiteError, match="no such suite"):
        load_suite(tmp_path / "missing", tmp_path)


def test_infer_category_from_wh_word():
    assert infer_category("How many passengers?") == "how_many"
    assert infer_category("When did it open?") == "when"
    assert infer_category("Name the ferry") == "what"
