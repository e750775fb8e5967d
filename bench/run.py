"""Run the benchmarks, print their tables and write them into BENCHMARKS.md.

    python bench/run.py                  # all four
    python bench/run.py ingest query     # a selection
    python bench/run.py --help

Figures are printed next to a reference measured in the same run; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path; the repository root belongs there
# instead, so `bench.*` imports work and bench's module names never shadow a library's.
if sys.path and Path(sys.path[0]).resolve() == REPO / "bench":
    sys.path[0] = str(REPO)
elif str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

BENCHMARKS = ["ingest", "query", "cold", "memory"]


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    p = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Measure ingest throughput, warm query latency, cold CLI time and peak "
                    "memory, each next to a reference, and write BENCHMARKS.md.")
    # Checked in parse_args(): argparse rejects an empty list when nargs="*" has choices.
    p.add_argument("benchmarks", nargs="*", metavar="BENCH",
                   help=f"which to run: {', '.join(BENCHMARKS)} (default: all)")
    p.add_argument("--repeat", type=int, default=5, metavar="N",
                   help="rounds of the ingest (seeds: twice as many) and query benchmarks "
                        "(default 5)")
    p.add_argument("--queries", type=int, default=None, metavar="N",
                   help="use only the first N benchmark questions (default: all)")
    p.add_argument("--docs", type=int, default=100, metavar="N",
                   help="size of the synthetic corpus made from the seeds; 0 skips it "
                        "(default 100)")
    p.add_argument("--cold-runs", type=int, default=7, metavar="N",
                   help="fresh processes of each kind for the cold benchmark (default 7)")
    p.add_argument("--memory-runs", type=int, default=3, metavar="N",
                   help="fresh processes of each kind for the memory benchmark (default 3)")
    p.add_argument("--out", default=str(REPO / "BENCHMARKS.md"), metavar="FILE",
                   help="Markdown file to update (default BENCHMARKS.md; '-' prints only)")
    return p


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parsed options; unknown benchmark names are an error."""
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = [b for b in args.benchmarks if b not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    return args


def log(msg: str) -> None:
    """Progress to stderr, so stdout holds only the tables."""
    print(msg, file=sys.stderr, flush=True)


def run_ingest(args) -> str:
    """Benchmark 1 over the seeds and the synthetic corpus."""
    from bench.corpus import make_synthetic_corpus
    from bench.ingest_speed import bench_corpus
    from bench.measure import SEEDS
    from bench.sections import ingest_section
    from rag.embed import OnnxMiniLM
    from rag.sentences import load_nlp

    embedder = OnnxMiniLM()
    load_nlp()
    # Seed rounds take seconds: twice as many of them steady the figures cheaply.
    results = [bench_corpus("seeds (5 articles)", SEEDS, embedder, 2 * args.repeat, log)]
    if args.docs:
        with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
            corpus = make_synthetic_corpus(Path(tmp), args.docs)
            results.append(bench_corpus(f"synthetic ({args.docs} docs)", corpus, embedder,
                                        args.repeat, log))
    return ingest_section(results)


def run_query(args) -> str:
    """Benchmark 2."""
    from bench.query_speed import bench_queries
    from bench.sections import query_section

    return query_section(bench_queries(args.repeat, args.queries, log))


def run_cold(args) -> str:
    """Benchmark 3."""
    from bench.process_costs import bench_cold
    from bench.sections import cold_section

    return cold_section(bench_cold(args.cold_runs, log))


def run_memory(args) -> str:
    """Benchmark 4."""
    from bench.process_costs import bench_memory
    from bench.sections import memory_section

    return memory_section(bench_memory(args.docs, args.memory_runs, log))


RUNNERS = {"ingest": run_ingest, "query": run_query, "cold": run_cold, "memory": run_memory}


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks; print and write their sections."""
    args = parse_args(argv)
    from bench.report import git_commit, machine_info, machine_section, update_markdown

    chosen = [b for b in BENCHMARKS if b in (args.benchmarks or BENCHMARKS)]
    load_before, commit_before = os.getloadavg()[0], git_commit()
    sections = {}
    for name in chosen:
        log(f"== {name}")
        t0 = time.perf_counter()
        sections[name] = RUNNERS[name](args)
        log(f"== {name} done in {time.perf_counter() - t0:.0f}s")
    info = machine_info()
    if info["commit"] != commit_before:  # others commit while we measure
        info["commit"] = f"{commit_before} → {info['commit']} (changed during the run)"
    # A partial run leaves other sections as they were: each one says when it was measured.
    stamp = f"\n\n_Measured {info['date']}, commit {info['commit']}._"
    sections = {"machine": machine_section(info, load_before, os.getloadavg()[0]),
                **{name: body.rstrip() + stamp for name, body in sections.items()}}
    print("\n\n".join(sections.values()))
    if args.out != "-":
        update_markdown(Path(args.out), sections)
        log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
