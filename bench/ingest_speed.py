"""Ingest throughput: our pipeline next to the raw embedder and LlamaIndex's defaults.

All three run in this process with the same loaded ONNX embedder and a warm spaCy, in
rounds whose order rotates, so one-time loading is left out and machine noise hits all of
them alike. Our ingest is timed stage by stage from the outside: a recording wrapper
around the embedder, and wrappers around the sentence analysis, LlamaIndex's
``IngestionPipeline.run``, the store writes and the BM25 rebuild (``rag`` itself is not
changed). Embedding calls made inside the LlamaIndex pipeline count as chunk embedding,
all others as sentence embedding, whichever way ``rag.ingest`` arranges its stages.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple
from unittest import mock

from bench.measure import Stopwatch, rotated

SENT_ANALYSIS = "sentence analysis (spaCy + dates)"
SENT_EMBED = "embedding outside the chunk pipeline (sentences)"
CHUNK_EMBED = "embedding inside the chunk pipeline (chunk texts)"
CHUNK_PIPE = "chunk pipeline: split, offsets, vectors (excl. embedding, writes)"
CHUNK_WRITES = "chunk store writes"
SENT_WRITES = "sentence + document store writes"
BM25 = "BM25 index rebuild"
OTHER = "other (load files, old ids, deletes, bookkeeping)"
STAGES = [SENT_ANALYSIS, SENT_EMBED, CHUNK_EMBED, CHUNK_PIPE, CHUNK_WRITES, SENT_WRITES, BM25, OTHER]
EMBED_STAGES = [SENT_EMBED, CHUNK_EMBED]
_PIPELINE = "_pipeline"  # LlamaIndex's IngestionPipeline.run, including what it calls


class RecordingEmbedder:
    """Wraps the embedder: times each ``embed`` call under the current stage, keeps its texts."""

    def __init__(self, inner, watch: Stopwatch) -> None:
        self.inner, self.watch = inner, watch
        self.batch_size = inner.batch_size
        self.stage = SENT_EMBED
        self.calls: dict[str, list[list[str]]] = {s: [] for s in EMBED_STAGES}

    def embed(self, texts):
        """Embed through the wrapped model, timing the call."""
        self.calls[self.stage].append(list(texts))
        with self.watch.time(self.stage):
            return self.inner.embed(texts)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _timed(fn, watch: Stopwatch, label: str):
    """``fn`` wrapped so its calls add to ``label``."""
    def wrapper(*args, **kwargs):
        with watch.time(label):
            return fn(*args, **kwargs)
    return wrapper


def _timed_pipeline(fn, watch: Stopwatch, recorder: RecordingEmbedder):
    """Wrap ``IngestionPipeline.run``: embed calls inside it count as chunk embedding."""
    def wrapper(*args, **kwargs):
        recorder.stage = CHUNK_EMBED
        try:
            with watch.time(_PIPELINE):
                return fn(*args, **kwargs)
        finally:
            recorder.stage = SENT_EMBED
    return wrapper


def _timed_analysis(fn, watch: Stopwatch):
    """Wrap the sentence-analysis generator: time each step it takes."""
    def wrapper(*args, **kwargs):
        it = iter(fn(*args, **kwargs))
        while True:
            with watch.time(SENT_ANALYSIS):
                item = next(it, StopIteration)
            if item is StopIteration:
                return
            yield item
    return wrapper


@contextmanager
def instrumented(watch: Stopwatch, recorder: RecordingEmbedder) -> Iterator[None]:
    """Patch the stage entry points that ``rag.ingest`` looks up at call time."""
    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.vector_stores.chroma import ChromaVectorStore

    import rag.retrieve
    import rag.sentences
    from rag.store import ChromaStore

    patches = [
        (rag.sentences, "analyse_documents", _timed_analysis(rag.sentences.analyse_documents, watch)),
        (IngestionPipeline, "run", _timed_pipeline(IngestionPipeline.run, watch, recorder)),
        (rag.retrieve, "rebuild_bm25", _timed(rag.retrieve.rebuild_bm25, watch, BM25)),
        (ChromaVectorStore, "add", _timed(ChromaVectorStore.add, watch, CHUNK_WRITES)),
        (ChromaStore, "put_sentences", _timed(ChromaStore.put_sentences, watch, SENT_WRITES)),
        (ChromaStore, "put_documents", _timed(ChromaStore.put_documents, watch, SENT_WRITES)),
    ]
    with ExitStack() as stack:
        for owner, name, new in patches:
            stack.enter_context(mock.patch.object(owner, name, new))
        yield


def _leaf_stages(measured: dict[str, float], total: float) -> dict[str, float]:
    """Every stage in ``STAGES``: the pipeline minus what ran inside it; the rest is other."""
    out = {s: measured.get(s, 0.0) for s in STAGES if s not in (CHUNK_PIPE, OTHER)}
    out[CHUNK_PIPE] = measured.get(_PIPELINE, 0.0) - out[CHUNK_EMBED] - out[CHUNK_WRITES]
    out[OTHER] = total - sum(out.values())
    return out


@dataclass
class OursRun:
    """One timed ingest of a corpus into an empty store (wall and CPU seconds)."""

    seconds: float
    cpu_seconds: float
    chunks: int
    docs: int
    stages: dict[str, float]
    cpu_stages: dict[str, float]
    calls: dict[str, list[list[str]]]
    chunk_texts: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        """Texts embedded outside the chunk pipeline (the sentences)."""
        return sum(len(c) for c in self.calls[SENT_EMBED])

    @property
    def without_analysis(self) -> Timing:
        """Wall and CPU seconds minus the spaCy sentence analysis."""
        return Timing(self.seconds - self.stages[SENT_ANALYSIS],
                      self.cpu_seconds - self.cpu_stages[SENT_ANALYSIS])


def ingest_ours(corpus: Path, embedder) -> OursRun:
    """Ingest ``corpus`` into a fresh temporary store and time every stage."""
    from rag.pipeline import Pipeline
    from rag.settings import RagSettings

    watch = Stopwatch()
    recorder = RecordingEmbedder(embedder, watch)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        p = Pipeline(RagSettings(data_dir=tmp, show_progress=False), embedder=recorder)
        _ = p.store  # opening the Chroma client is a one-time cost, not throughput
        with instrumented(watch, recorder), watch.time("total"):
            report = p.ingest(corpus)
        if report.errors:
            raise RuntimeError(f"ingest reported errors: {report.errors[:3]}")
        total, total_cpu = watch.seconds.pop("total"), watch.cpu.pop("total")
        texts = p.store.chunks.get(include=["documents"])["documents"]
        return OursRun(total, total_cpu, report.chunks_written, len(report.added),
                       _leaf_stages(watch.seconds, total), _leaf_stages(watch.cpu, total_cpu),
                       recorder.calls, texts)


class Timing(NamedTuple):
    """Wall and CPU seconds."""

    wall: float
    cpu: float


def _timing(fn) -> Timing:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - t0, time.process_time() - c0)


@dataclass
class RawRun:
    """The raw embedder alone: on the stored chunk texts, and on what our ingest embedded."""

    chunk_texts: Timing
    same_calls: dict[str, Timing]
    one_call: dict[str, Timing]

    @property
    def floor(self) -> Timing:
        """Everything our ingest embedded, in one call per stage: the design's embedding cost."""
        return Timing(sum(t.wall for t in self.one_call.values()),
                      sum(t.cpu for t in self.one_call.values()))


def embed_raw(ours: OursRun, embedder) -> RawRun:
    """Time ``embedder.embed`` on the chunk texts, then on the very calls our ingest made."""
    chunk = _timing(lambda: embedder.embed(ours.chunk_texts))
    same, one = {}, {}
    for stage, calls in ours.calls.items():
        if calls:
            same[stage] = _timing(partial(_embed_each, embedder, calls))
            one[stage] = _timing(partial(embedder.embed, [t for c in calls for t in c]))
    return RawRun(chunk, same, one)


def _embed_each(embedder, calls: list[list[str]]) -> None:
    """Repeat the given embed calls one by one."""
    for texts in calls:
        embedder.embed(texts)


def ingest_llamaindex_default(corpus: Path, embedder) -> tuple[float, int, int]:
    """LlamaIndex's defaults (reader, 1024-token splitter, in-memory store): (s, chunks, docs)."""
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

    from rag.embed import make_llamaindex_embedding

    t0 = time.perf_counter()
    docs = SimpleDirectoryReader(str(corpus), required_exts=[".txt"]).load_data()
    index = VectorStoreIndex.from_documents(docs, embed_model=make_llamaindex_embedding(embedder))
    seconds = time.perf_counter() - t0
    return seconds, len(index.docstore.docs), len(docs)


@dataclass
class IngestResult:
    """Every round of one corpus."""

    name: str
    ours: list[OursRun] = field(default_factory=list)
    raw: list[RawRun] = field(default_factory=list)
    llama: list[tuple[float, int, int]] = field(default_factory=list)


def bench_corpus(name: str, corpus: Path, embedder, rounds: int, log) -> IngestResult:
    """Warm up once, then ``rounds`` rounds of ours / raw / LlamaIndex in rotating order."""
    result = IngestResult(name)
    warm = ingest_ours(corpus, embedder)  # imports, spaCy load, first-call costs
    ingest_llamaindex_default(corpus, embedder)
    log(f"  {name}: warm-up ingest {warm.seconds:.1f}s, {warm.chunks} chunks")
    jobs = {
        "ours": lambda: result.ours.append(ingest_ours(corpus, embedder)),
        "raw": lambda: result.raw.append(embed_raw(warm, embedder)),
        "llama": lambda: result.llama.append(ingest_llamaindex_default(corpus, embedder)),
    }
    for r in range(rounds):
        for key in rotated(list(jobs), r):
            jobs[key]()
        log(f"  {name}: round {r + 1}/{rounds}: ours {result.ours[-1].seconds:.1f}s, "
            f"raw {result.raw[-1].chunk_texts.wall:.1f}s, LlamaIndex {result.llama[-1][0]:.1f}s")
    return result
