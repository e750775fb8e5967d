"""A whole evaluation run on the small SQuAD v2 example, on the real stack (Chroma, ONNX
embedder, LlamaIndex), and the CLI around it."""

import json
from pathlib import Path

import pytest

from eval.cli import main
from eval.judge import SKIPPED_NOTE, make_judges
from eval.report import CHARTS, compare_runs, load_summary
from eval.runner import run_eval
from eval.suite import load_suite

SQUAD_EXAMPLE = Path(__file__).resolve().parent.parent / "eval" / "data" / "squad_v2_example.json"
SYSTEMS = ["product", "product-bm25", "product-dense", "llamaindex-default"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    suite = load_suite(SQUAD_EXAMPLE, out)
    return run_eval(suite, "all", out, baselines=True, progress=False)


def test_run_folder_holds_results_summary_report_and_charts(run):
    names = {p.name for p in run.out_dir.iterdir()}
    assert {"results.jsonl", "summary.json", "report.md", *CHARTS} <= names
    for chart in CHARTS:
        assert (run.out_dir / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rows = [json.loads(line) for line in (run.out_dir / "results.jsonl").open(encoding="utf-8")]
    assert len(rows) == 11 * len(SYSTEMS)
    assert sorted({r["system"] for r in rows}) == sorted(SYSTEMS)


def test_every_row_carries_answer_citations_and_metrics(run):
    for r in run.rows:
        assert {"answer", "short_answer", "abstained", "citations", "latency_ms", "metrics"} <= set(r)
        assert r["latency_ms"] > 0 and r["error"] is None
        if r["system"] != "llamaindex-default" and not r["abstained"]:
            assert r["citations"], r["id"]
        for c in r["citations"]:
            assert c["quote"] and c["end"] > c["start"]


def test_summary_has_every_system_split_and_category(run):
    summary = load_summary(run.out_dir)
    assert list(summary["systems"]) == SYSTEMS
    product = summary["systems"]["product"]
    assert product["overall"]["n"] == 11 and product["overall"]["n_answerable"] == 8
    assert set(product["by_split"]) == {"dev", "test"}
    assert "unanswerable" in product["by_category"]
    li = summary["systems"]["llamaindex-default"]
    assert li["overall"]["abstention_accuracy"] == 0.0  # it cannot abstain
    assert li["overall"]["citation_precision"] is None and li["index"]["chunks"] >= 2
    # these two short documents each fit in one chunk, so every system finds the article
    for name in SYSTEMS:
        assert summary["systems"][name]["overall"]["doc_hit@5"] == 1.0, name
    assert summary["judge_note"] == SKIPPED_NOTE


def test_report_shows_tables_misses_and_charts(run):
    text = (run.out_dir / "report.md").read_text(encoding="utf-8")
    for heading in ("## Overall", "## Per split", "## Per category", "## Worst misses"):
        assert heading in text
    assert "| llamaindex-default |" in text
    assert "![hit_at_k](hit_at_k.png)" in text
    assert "LLM-judge metrics skipped" in text


def test_compare_prints_deltas(run, tmp_path, capsys):
    summary = load_summary(run.out_dir)
    worse = json.loads(json.dumps(summary))
    worse["systems"]["product"]["overall"]["accuracy"] = summary["systems"]["product"]["overall"]["accuracy"] - 0.25
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "summary.json").write_text(json.dumps(worse), encoding="utf-8")
    text = compare_runs(summary, worse)
    assert "-0.250" in text
    assert main(["--compare", str(run.out_dir), str(tmp_path / "b")]) == 0
    assert "-0.250" in capsys.readouterr().out
    assert main(["--compare", str(run.out_dir), str(tmp_path / "missing")]) == 2


def test_compare_lists_questions_that_flipped(run):
    from eval.report import flipped_questions, load_rows

    rows = load_rows(run.out_dir)
    assert len(rows) == len(run.rows)
    flipped = json.loads(json.dumps(rows))
    target = next(r for r in flipped if r["system"] == "product" and r["metrics"]["correct"])
    target["metrics"]["correct"] = False
    text = flipped_questions(rows, flipped)
    assert text.startswith("product: 0 questions fixed, 1 broken (of 11 in both)")
    assert f"broken {target['id']}" in text


def test_judges_are_skipped_without_an_llm():
    judges, note = make_judges(None)
    assert judges is None and "no LLM" in note


def test_cli_help_and_bad_suite(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--suite", "--split", "--out", "--baselines", "--no-baselines", "--compare"):
        assert flag in out
    assert main(["--suite", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "no such suite" in capsys.readouterr().err


def test_cli_runs_a_suite_without_baselines(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["--suite", str(SQUAD_EXAMPLE), "--split", "test", "--out", str(out),
                 "--no-baselines", "--no-progress", "--no-charts"])
    assert code == 0
    summary = load_summary(out)
    assert list(summary["systems"]) == ["product"] and summary["split"] == "test"
    assert not (out / "report.md").exists()
    assert "product" in capsys.readouterr().out


def test_faithfulness_of_real_answers_collapses_when_quotes_are_swapped(run):
    """The metric is not vacuous: real product answers checked against the quotes of an
    answer about the other document lose their support."""
    from eval.faithfulness import Quote, faithfulness

    answered = [r for r in run.rows
                if r["system"] == "product" and not r["abstained"] and r["citations"]]
    assert len(answered) >= 4
    for r in answered:
        own = {c["number"]: Quote(c["quote"]) for c in r["citations"]}
        assert faithfulness(r["answer"], own)[0] == 1.0, r["id"]
        other = next(o for o in answered if o["citations"][0]["doc_id"] != r["citations"][0]["doc_id"])
        swapped = {c["number"]: Quote(other["citations"][0]["quote"]) for c in r["citations"]}
        assert faithfulness(r["answer"], swapped)[0] <= 0.5, r["id"]
