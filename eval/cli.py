"""Command line of the evaluation: ``python -m eval`` and ``rag eval``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Evaluate how well answers are grounded, with no LLM judge: retrieval hit@k and MRR,
short-answer accuracy and token F1, citation precision and recall against gold evidence,
faithfulness of each answer sentence to the quotes it cites, abstention on unanswerable
questions, and latency. Baselines (BM25 only, dense only, LlamaIndex's default
VectorStoreIndex) run on the same questions. Writes results.jsonl, summary.json,
report.md and PNG charts to the run folder."""

EPILOG = """\
examples:
  python -m eval                              # seeds suite, all questions, with baselines
  python -m eval --split test --no-baselines  # what the CI gate measures
  python -m eval --suite my_squad_v2.json     # your own QA data (SQuAD v2 format)
  python -m eval --compare eval/runs/A eval/runs/B"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept apart so ``--help`` costs no heavy import)."""
    p = argparse.ArgumentParser(prog="python -m eval", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", default="seeds", metavar="seeds|PATH",
                   help="'seeds' (bundled gold set), a SQuAD v2 .json file, a gold .jsonl "
                        "beside its documents, or a folder holding documents and one of those")
    p.add_argument("--split", default="all", choices=["dev", "test", "all"],
                   help="which gold questions to ask (default: all)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="run folder (default: eval/runs/<timestamp>/)")
    p.add_argument("--baselines", action=argparse.BooleanOptionalAction, default=True,
                   help="also run BM25-only, dense-only and LlamaIndex's default index "
                        "(default: on)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--no-charts", action="store_true", help="skip report.md and the charts")
    p.add_argument("--compare", nargs=2, type=Path, metavar=("RUN_A", "RUN_B"),
                   help="print metric deltas (B minus A) between two run folders and exit")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation (or compare two runs); returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.compare:
        return _compare(*args.compare)
    from eval.runner import default_out_dir, run_eval
    from eval.suite import SuiteError, load_suite

    out = args.out or default_out_dir()
    try:
        suite = load_suite(args.suite, out)
        result = run_eval(suite, args.split, out, baselines=args.baselines,
                          progress=not args.no_progress, charts=not args.no_charts)
    except SuiteError as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    print(_headline(result.summary))
    print(f"\nwrote {result.out_dir}/ (results.jsonl, summary.json"
          f"{'' if args.no_charts else ', report.md, charts'})")
    return 0


def _compare(a: Path, b: Path) -> int:
    from eval.report import compare_runs, flipped_questions, load_rows, load_summary

    for run in (a, b):
        if not (run / "summary.json" if run.is_dir() else run).is_file():
            print(f"eval: {run} holds no summary.json", file=sys.stderr)
            return 2
    print(compare_runs(load_summary(a), load_summary(b)))
    rows_a, rows_b = load_rows(a), load_rows(b)
    if rows_a and rows_b:
        print()
        print(flipped_questions(rows_a, rows_b))
    return 0


def _headline(summary: dict) -> str:
    lines = [f"suite {summary['suite']} / split {summary['split']}: "
             f"{summary['n_questions']} questions"]
    for name, s in summary["systems"].items():
        o = s["overall"]
        lines.append(
            f"  {name:<20} accuracy {_pct(o['accuracy'])}  answerable {_pct(o['answer_accuracy'])}  "
            f"doc hit@5 {_pct(o['doc_hit@5'])}  "
            f"cit. precision {_pct(o['citation_precision'])}  faithful {_pct(o['faithfulness'])}  "
            f"abstain {_pct(o['abstention_accuracy'])}  p50 {o['latency_p50_ms']:.0f} ms"
        )
    if summary.get("judge_note"):
        lines.append(summary["judge_note"])
    return "\n".join(lines)


def _pct(v) -> str:
    return "   –  " if v is None else f"{v:6.1%}"
