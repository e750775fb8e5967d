"""What a fresh process costs: cold ``rag query`` wall time and the peak RSS of query,
ingest and raw-embedder processes, each next to bare-interpreter references.

Every figure comes from a child process, reaped with ``os.wait4`` so its own
``ru_maxrss`` is read (not the maximum over all children).
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import ANSWERABLE, make_synthetic_corpus
from bench.measure import (
    SEEDS,
    ProcResult,
    child_env,
    ingest_in_child,
    rag_command,
    rotated,
    run_process,
)

COLD_QUESTIONS = ANSWERABLE[:5]
# The raw embedder process: load the model and embed the given texts, nothing else.
RAW_EMBEDDER_CODE = (
    "import json, sys\n"
    "from rag.embed import OnnxMiniLM\n"
    "texts = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "OnnxMiniLM().embed(texts)\n"
)


@dataclass
class ColdResult:
    """Wall times (s) and peak RSS (MB) of each kind of fresh process."""

    runs: dict[str, list[ProcResult]] = field(default_factory=dict)
    query_inside_ms: list[float] = field(default_factory=list)


def _cold_jobs(question: str, data_dir: Path) -> dict:
    env = child_env(data_dir)
    py = sys.executable
    return {
        "rag query": lambda: run_process([*rag_command(), "query", "--json", question], env),
        "python -c 'import chromadb'": lambda: run_process([py, "-c", "import chromadb"], env),
        "python -c 'pass'": lambda: run_process([py, "-c", "pass"], env),
    }


def _checked(name: str, res: ProcResult) -> ProcResult:
    """``res``, or an error naming the process that failed."""
    if res.returncode != 0:
        raise RuntimeError(f"{name} failed ({res.returncode}): {res.stderr[-2000:]}")
    return res


def bench_cold(runs: int, log) -> ColdResult:
    """Ingest the seeds once, then run each kind of process ``runs`` times, interleaved."""
    res = ColdResult()
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        ingest_in_child(SEEDS, Path(tmp))
        for job in _cold_jobs(COLD_QUESTIONS[0], Path(tmp)).values():
            job()  # untimed: fills the OS file cache, as on any machine in use
        for r in range(runs):
            jobs = _cold_jobs(COLD_QUESTIONS[r % len(COLD_QUESTIONS)], Path(tmp))
            for name in rotated(list(jobs), r):
                out = _checked(name, jobs[name]())
                res.runs.setdefault(name, []).append(out)
                if name == "rag query":
                    res.query_inside_ms.append(json.loads(out.stdout)["timings_ms"]["total_ms"])
            log(f"  cold round {r + 1}/{runs}: rag query {res.runs['rag query'][-1].seconds:.2f}s")
    return res


def _chunk_texts(data_dir: Path) -> list[str]:
    """The stored chunk texts of an ingested store."""
    from rag.pipeline import Pipeline
    from rag.settings import RagSettings

    p = Pipeline(RagSettings(data_dir=data_dir, show_progress=False))
    return p.store.chunks.get(include=["documents"])["documents"]


def bench_memory(n_docs: int, runs: int, log) -> dict[str, list[ProcResult]]:
    """Peak RSS of ingest, query and raw-embedder processes (and bare references)."""
    out: dict[str, list[ProcResult]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
        store, texts_file = Path(tmp) / "store", Path(tmp) / "texts.json"
        out["rag ingest (seeds, 5 docs)"] = [ingest_in_child(SEEDS, store)]
        texts_file.write_text(json.dumps(_chunk_texts(store)), encoding="utf-8")
        jobs = {"rag query": _cold_jobs(COLD_QUESTIONS[0], store)["rag query"],
                "raw embedder (seed chunks)": lambda: run_process(
                    [sys.executable, "-c", RAW_EMBEDDER_CODE, str(texts_file)], child_env(store))}
        jobs.update({k: v for k, v in _cold_jobs("", store).items() if k != "rag query"})
        for r in range(runs):
            for name in rotated(list(jobs), r):
                out.setdefault(name, []).append(_checked(name, jobs[name]()))
        log(f"  memory: seeds done; ingest of seeds took {out['rag ingest (seeds, 5 docs)'][0].seconds:.1f}s")
        if n_docs:
            corpus = make_synthetic_corpus(Path(tmp) / "corpus", n_docs)
            big = ingest_in_child(corpus, Path(tmp) / "store-big")
            out[f"rag ingest (synthetic, {n_docs} docs)"] = [big]
            log(f"  memory: ingest of {n_docs} docs took {big.seconds:.1f}s")
    return out
