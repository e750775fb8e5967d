"""Warm ``query()`` latency on the seeds store, next to two references on the same questions:
one raw embedder call (the floor for anything that embeds the question) and LlamaIndex's
default ``VectorStoreIndex`` retriever (top 2, in-memory) over the same articles.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from functools import partial

from bench.corpus import questions
from bench.measure import SEEDS, rotated

WARMUP_QUESTIONS = 10
LLAMAINDEX_TOP_K = 2


@dataclass
class QueryResult:
    """Per-call latencies in milliseconds, pooled over all rounds."""

    ours_ms: list[float] = field(default_factory=list)
    retrieve_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    raw_embed_ms: list[float] = field(default_factory=list)
    llama_ms: list[float] = field(default_factory=list)
    n_questions: int = 0
    rounds: int = 0
    abstained: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    asked: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})


def _record(into: list[float], fn, arg) -> None:
    """Append the milliseconds ``fn(arg)`` takes."""
    t0 = time.perf_counter()
    fn(arg)
    into.append((time.perf_counter() - t0) * 1000)


def _llamaindex_retriever(embedder):
    """LlamaIndex's default index over the seed articles, as a top-2 retriever."""
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

    from rag.embed import make_llamaindex_embedding

    docs = SimpleDirectoryReader(str(SEEDS), required_exts=[".txt"]).load_data()
    index = VectorStoreIndex.from_documents(docs, embed_model=make_llamaindex_embedding(embedder))
    return index.as_retriever(similarity_top_k=LLAMAINDEX_TOP_K)


def _ask(p, question: str, answerable: bool, res: QueryResult) -> None:
    """Time one ``query()`` and keep its own timing breakdown."""
    t0 = time.perf_counter()
    answer = p.query(question)
    res.ours_ms.append((time.perf_counter() - t0) * 1000)
    res.retrieve_ms.append(answer.timings_ms.get("retrieve_ms", float("nan")))
    res.answer_ms.append(answer.timings_ms.get("answer_ms", float("nan")))
    res.asked[answerable] += 1
    res.abstained[answerable] += int(answer.abstained)


def bench_queries(rounds: int, limit: int | None, log) -> QueryResult:
    """Ingest the seeds into a temporary store, warm up, then time every question each round."""
    from rag.pipeline import Pipeline
    from rag.settings import RagSettings

    qs = questions(limit)
    res = QueryResult(n_questions=len(qs), rounds=rounds)
    with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        p = Pipeline(RagSettings(data_dir=tmp, show_progress=False))
        p.ingest(SEEDS)
        retriever = _llamaindex_retriever(p.embedder)
        for q, _ in qs[:WARMUP_QUESTIONS]:
            p.query(q)
            p.embedder.embed([q])
            retriever.retrieve(q)
        for r in range(rounds):
            for i, (q, answerable) in enumerate(qs):
                jobs = {
                    "ours": partial(_ask, p, q, answerable, res),
                    "raw": partial(_record, res.raw_embed_ms, p.embedder.embed, [q]),
                    "llama": partial(_record, res.llama_ms, retriever.retrieve, q),
                }
                for key in rotated(list(jobs), r + i):
                    jobs[key]()
            log(f"  query round {r + 1}/{rounds}: {len(qs)} questions")
    return res
