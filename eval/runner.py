"""One evaluation run: ingest a suite into a fresh store, ask every system every question,
score the answers and write the run folder (results.jsonl, summary.json, report, charts).
"""

from __future__ import annotations

import json
import logging
import platform
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eval.judge import make_judges
from eval.score import gold_spans, score_faithfulness, score_output, summarize, summarize_by
from eval.suite import Suite, SuiteError, check_evidence
from eval.systems import LlamaIndexBaseline, ProductSystem, SystemOutput

log = logging.getLogger(__name__)

PRODUCT = "product"  # the product as shipped: hybrid retrieval, default settings
BASELINE_MODES = ("bm25", "dense")


@dataclass
class RunResult:
    """Where a run wrote its files, and its summary."""

    out_dir: Path
    summary: dict
    rows: list[dict]


def default_out_dir(root: Path | None = None) -> Path:
    """``eval/runs/<timestamp>/`` (or under ``root``)."""
    base = root or Path(__file__).resolve().parent / "runs"
    return base / datetime.now().strftime("%Y%m%d-%H%M%S")


def run_eval(suite: Suite, split: str = "all", out_dir: Path | None = None, *,
             baselines: bool = True, settings=None, llm: Any = None, progress: bool = True,
             charts: bool = True) -> RunResult:
    """Run the product (and baselines) on a suite's split; write and return the results."""
    items = suite.select(split)
    if not items:
        raise SuiteError(f"suite {suite.name!r} has no questions in split {split!r}")
    out_dir = Path(out_dir or default_out_dir())
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as tmp:
        pipeline, ingest_info = _ingest(suite, Path(tmp), settings)
        doc_texts = {d.doc_id: pipeline.document_text(d.doc_id) for d in pipeline.documents()}
        problems = check_evidence(items, doc_texts)
        if problems:
            raise SuiteError("gold evidence does not match the stored documents: " + "; ".join(problems[:3]))
        systems = [ProductSystem(pipeline, pipeline.settings.retrieval_mode, PRODUCT)]
        if baselines:
            systems += [ProductSystem(pipeline, mode) for mode in BASELINE_MODES]
            systems.append(LlamaIndexBaseline(pipeline.embedder, doc_texts))
        judges, judge_note = make_judges(llm)
        rows = _ask_all(systems, items, doc_texts, judges, progress)
        summary = _summary(suite, split, systems, rows, ingest_info, judge_note, pipeline.settings)
    _write(out_dir, rows, summary)
    if charts:
        from eval.report import write_report

        write_report(out_dir, summary, rows)
    return RunResult(out_dir, summary, rows)


def _ingest(suite: Suite, tmp: Path, settings) -> tuple[Any, dict]:
    from rag import Pipeline, RagSettings

    base = settings or RagSettings()
    s = base.model_copy(update={"data_dir": tmp / "data", "corpus_dir": suite.docs_dir,
                                "show_progress": False})
    pipeline = Pipeline(s)
    t0 = time.perf_counter()
    report = pipeline.ingest(suite.docs_dir)
    if report.errors:
        raise SuiteError(f"ingest of {suite.docs_dir} failed: {report.errors[:3]}")
    return pipeline, {"documents": len(report.added), "chunks": report.chunks_written,
                      "seconds": round(time.perf_counter() - t0, 2)}


def _ask_all(systems, items, doc_texts, judges, progress: bool) -> list[dict]:
    from tqdm import tqdm

    rows: list[dict] = []
    bar = tqdm(total=len(systems) * len(items), desc="eval", unit="q",
               disable=None if progress else True)
    with bar:
        for system in systems:
            bar.set_postfix_str(system.name)
            for item in items:
                rows.append(_row(system, item, system.ask(item.question), doc_texts, judges))
                bar.update()
    return rows


def _row(system, item, out: SystemOutput, doc_texts, judges) -> dict:
    gold = gold_spans(item, doc_texts)
    metrics = score_output(item, out, gold, system.cites)
    failed: list[dict] = []
    if system.cites:
        metrics["faithfulness"], failed = score_faithfulness(out)
    if judges is not None and not out.abstained and not out.error:
        ref = item.answers[0] if item.answers else None
        metrics.update(judges.score(item.question, out.text, [c.quote for c in out.citations], ref))
    return {
        "system": system.name, "id": item.id, "question": item.question,
        "category": item.category, "answer_type": item.answer_type,
        "answerable": item.answerable, "split": item.split,
        "gold_answers": list(item.answers), "gold_doc_ids": list(item.doc_ids),
        "answer": out.text, "short_answer": out.short_answer, "abstained": out.abstained,
        "conflict": out.conflict, "latency_ms": round(out.latency_ms, 2), "error": out.error,
        "citations": [
            {"number": c.number, "doc_id": c.span.doc_id, "start": c.span.start,
             "end": c.span.end, "quote": c.quote, "published": c.published}
            for c in out.citations
        ],
        "retrieved": [[s.doc_id, s.start, s.end] for s in out.retrieved],
        "unsupported_sentences": failed,
        "metrics": metrics,
    }


def _summary(suite, split, systems, rows, ingest_info, judge_note, settings) -> dict:
    per: dict[str, dict] = {}
    for system in systems:
        mine = [r for r in rows if r["system"] == system.name]
        per[system.name] = {
            "overall": summarize(mine),
            "by_split": summarize_by(mine, "split"),
            "by_category": summarize_by(mine, "category"),
            "by_answer_type": summarize_by(mine, "answer_type"),
        }
        if isinstance(system, LlamaIndexBaseline):
            per[system.name]["index"] = {"chunks": system.chunk_count,
                                         "build_seconds": round(system.build_seconds, 2)}
    return {
        "suite": suite.name, "split": split, "created": datetime.now().isoformat(timespec="seconds"),
        "commit": _git_commit(), "python": platform.python_version(),
        "n_questions": len({r["id"] for r in rows}), "systems": per, "ingest": ingest_info,
        "settings": {k: str(v) for k, v in settings.model_dump().items()
                     if k not in ("data_dir", "corpus_dir")},
        "judge_note": judge_note,
    }


def _write(out_dir: Path, rows: list[dict], summary: dict) -> None:
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                         encoding="utf-8")


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=5, cwd=Path(__file__).resolve().parent)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None
