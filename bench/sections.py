"""Turn benchmark results into the Markdown sections of ``BENCHMARKS.md``."""

from __future__ import annotations

from bench.ingest_speed import EMBED_STAGES, STAGES, IngestResult, Timing
from bench.measure import median, percentile
from bench.process_costs import ColdResult
from bench.query_speed import WARMUP_QUESTIONS, QueryResult
from bench.report import table

# Goals set by the team lead for this tool.
GOAL_INGEST_RATIO = 0.9  # our chunks/s over the raw embedder's
GOAL_QUERY_P50_MS = 100.0
GOAL_COLD_QUERY_S = 3.0


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _ratio(wall: list[float], cpu: list[float], goal: bool = True) -> str:
    """Median per-round ratio with its spread, the CPU-time ratio, and the goal verdict."""
    m = median(wall)
    verdict = f" {_mark(m >= GOAL_INGEST_RATIO)}" if goal else ""
    return (f"**{m:.2f}** (rounds {min(wall):.2f}–{max(wall):.2f}; in CPU time "
            f"{median(cpu):.2f}){verdict}")


def _ingest_rows(r: IngestResult) -> list[str]:
    """One column of the ingest table for one corpus."""
    o, n = r.ours[0], r.ours[0].chunks
    li_s = median([s for s, _, _ in r.llama])
    li_chunks, li_docs = r.llama[0][1], r.llama[0][2]
    # Ratios of chunks/s are taken per round (same moment, same load), then the median.
    pairs = list(zip(r.ours, r.raw))
    return [
        str(len(r.ours)),
        f"{o.docs} / {n} / {o.sentences}",
        f"{median([x.seconds for x in r.ours]):.2f} s (CPU {median([x.cpu_seconds for x in r.ours]):.2f} s)",
        (f"**{median([n / x.seconds for x in r.ours]):.1f}** "
        f"({median([x.docs / x.seconds for x in r.ours]):.2f} docs/s)"),
        f"{median([n / x.without_analysis.wall for x in r.ours]):.1f}",
        f"**{median([n / w.chunk_texts.wall for w in r.raw]):.1f}**",
        f"{median([n / w.floor.wall for w in r.raw]):.1f}",
        _ratio([w.chunk_texts.wall / x.seconds for x, w in pairs],
               [w.chunk_texts.cpu / x.cpu_seconds for x, w in pairs]),
        _ratio([w.chunk_texts.wall / x.without_analysis.wall for x, w in pairs],
               [w.chunk_texts.cpu / x.without_analysis.cpu for x, w in pairs]),
        _ratio([w.floor.wall / x.seconds for x, w in pairs],
               [w.floor.cpu / x.cpu_seconds for x, w in pairs], goal=False),
        f"{li_chunks / li_s:.1f} ({li_docs / li_s:.2f} docs/s; {li_chunks} chunks in {li_s:.2f} s)",
    ]


INGEST_LABELS = [
    "rounds measured",
    "docs / chunks / sentences written",
    "our full ingest, median time",
    "**ours, full ingest: chunks/s**",
    "ours without the spaCy sentence analysis (total − that stage): chunks/s",
    "**reference: raw `embedder.embed(texts)` on the stored chunk texts: chunks/s**",
    "reference: raw embedder on everything our ingest embedded, one call: chunks/s",
    f"**ratio ours/raw chunk texts, full ingest** (goal ≥ {GOAL_INGEST_RATIO})",
    f"ratio ours/raw chunk texts, without the sentence analysis (goal ≥ {GOAL_INGEST_RATIO})",
    "ratio ours / raw embedder on what our ingest embedded (overhead beyond embedding)",
    "reference: LlamaIndex default `VectorStoreIndex.from_documents`: chunks/s",
]


def ingest_section(results: list[IngestResult]) -> str:
    """Throughput table, stage breakdown, and embedding calls."""
    cols = [_ingest_rows(r) for r in results]
    rows = [[label, *(c[i] for c in cols)] for i, label in enumerate(INGEST_LABELS)]
    heads = [r.name for r in results]
    return "\n".join([
        "## 1. Ingest throughput\n",
        ("Medians over rounds, after one warm-up ingest (spaCy, model and imports loaded; "
        "opening the Chroma client not counted). Order rotates each round; ratios are taken "
        "within a round, then the median (range over rounds in brackets). CPU time counts "
        "every thread of this process and is less disturbed by other jobs on the machine "
        "than wall time. The raw reference embeds the chunk texts as stored (without the "
        "title line the old chunk embedding prepended).\n"),
        table(["", *heads], rows),
        ("\n### Where our ingest time goes (the round with the median total: wall seconds, "
        "share, CPU seconds)\n"),
        table(["stage", *heads], _breakdown_rows(results)),
        "\n### Embedding calls: inside our ingest vs the raw embedder alone on the same texts\n",
        ("Median wall seconds (CPU seconds). 'Same calls' repeats the calls our ingest made; "
        "'one call' embeds all of those texts at once (sorted by length across the whole "
        "set, so the least padding).\n"),
        table(["texts", "calls", "inside our ingest", "same calls, alone", "one call, alone"],
              _call_rows(results)),
    ])


def _breakdown_rows(results: list[IngestResult]) -> list[list[str]]:
    # One real round (the one with the median total), so the stages add up to its total.
    runs = [sorted(r.ours, key=lambda x: x.seconds)[(len(r.ours) - 1) // 2] for r in results]
    rows = [[s, *(f"{x.stages[s]:.2f} s ({100 * x.stages[s] / x.seconds:.0f} %), "
                  f"CPU {x.cpu_stages[s]:.2f} s" for x in runs)]
            for s in STAGES]
    rows.append(["**total**", *(f"**{x.seconds:.2f} s**, CPU {x.cpu_seconds:.2f} s" for x in runs)])
    return rows


def _call_rows(results: list[IngestResult]) -> list[list[str]]:
    def fmt(ts: list[Timing]) -> str:
        return f"{median([t.wall for t in ts]):.2f} s ({median([t.cpu for t in ts]):.2f} s)"

    rows = []
    for r in results:
        for stage in EMBED_STAGES:
            calls = r.ours[0].calls[stage]
            if not calls:
                continue
            inside = [Timing(x.stages[stage], x.cpu_stages[stage]) for x in r.ours]
            rows.append([f"{r.name}: {sum(map(len, calls))} texts, {stage}", str(len(calls)),
                         fmt(inside), fmt([w.same_calls[stage] for w in r.raw]),
                         fmt([w.one_call[stage] for w in r.raw])])
    return rows


def _dist(values: list[float], n_questions: int) -> list[str]:
    best = [min(values[i::n_questions]) for i in range(n_questions)]
    return [f"{median(values):.1f}", f"{percentile(values, 95):.1f}", f"{max(values):.1f}",
            f"{median(best):.1f}"]


def query_section(r: QueryResult) -> str:
    """Latency percentiles for ours and the references."""
    n, p50 = len(r.ours_ms), median(r.ours_ms)
    rows = [
        ["**ours: `Pipeline.query()`**, wall time", *_dist(r.ours_ms, r.n_questions)],
        ["… of which `timings_ms.retrieve_ms` (embed question + hybrid search)",
         *_dist(r.retrieve_ms, r.n_questions)],
        ["… of which `timings_ms.answer_ms` (sentences, ranking, composing)",
         *_dist(r.answer_ms, r.n_questions)],
        ["reference: raw embedder, one question", *_dist(r.raw_embed_ms, r.n_questions)],
        ["reference: LlamaIndex default `VectorStoreIndex` retriever, top 2",
         *_dist(r.llama_ms, r.n_questions)],
    ]
    abst = (f"Sanity check: abstained on {r.abstained[True]} of {r.asked[True]} answerable "
            f"and {r.abstained[False]} of {r.asked[False]} unanswerable askings.")
    return "\n".join([
        "## 2. Warm `query()` latency (seeds store)\n",
        (f"{r.n_questions} questions × {r.rounds} rounds = {n} calls each, after "
        f"{WARMUP_QUESTIONS} warm-up questions; the three calls for a question run back to back "
        "in rotating order. The last column takes each question's fastest round (what the "
        "code costs when no other job interrupts it), then the median over questions. "
        f"Goal p50 ≤ {GOAL_QUERY_P50_MS:.0f} ms: {p50:.1f} ms, {_mark(p50 <= GOAL_QUERY_P50_MS)}.\n"),
        table(["", "p50 ms", "p95 ms", "max ms", f"p50 of best of {r.rounds} ms"], rows), abst,
    ])


def cold_section(r: ColdResult) -> str:
    """Cold CLI wall time next to bare-interpreter references."""
    rows = []
    for name, runs in r.runs.items():
        secs = [x.seconds for x in runs]
        rows.append([f"`{name}`", f"{median(secs):.2f}", f"{max(secs):.2f}",
                     f"{median([x.max_rss_mb for x in runs]):.0f}"])
    inside = r.query_inside_ms
    rows.insert(1, ["… of which inside `query()` (`timings_ms.total_ms`, incl. lazy loading)",
                    f"{median(inside) / 1000:.2f}", f"{max(inside) / 1000:.2f}", ""])
    med = median([x.seconds for x in r.runs["rag query"]])
    return "\n".join([
        "## 3. Cold `rag query` (fresh process, store already ingested)\n",
        (f"{len(r.runs['rag query'])} runs of each, interleaved, after one untimed run of each "
        f"(warm OS file cache). Goal ≤ {GOAL_COLD_QUERY_S:.0f} s: median {med:.2f} s, "
        f"{_mark(med <= GOAL_COLD_QUERY_S)}.\n"),
        table(["process", "median s", "max s", "peak RSS MB"], rows),
    ])


def memory_section(runs: dict) -> str:
    """Peak RSS of each kind of process."""
    rows = [[f"`{name}`", f"{median([x.max_rss_mb for x in rs]):.0f}",
             f"{median([x.seconds for x in rs]):.2f}", str(len(rs))]
            for name, rs in runs.items()]
    return "\n".join([
        "## 4. Peak memory per process\n",
        "`ru_maxrss` of each child process (read with `os.wait4`), median over runs.\n",
        table(["process", "peak RSS MB", "wall s", "runs"], rows),
    ])
