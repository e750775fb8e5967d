"""The pipeline: one object that owns the store, the embedder, the retriever and the
answerer, and the one core that every entry point (API, CLI, UI, eval) calls.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

from rag.settings import RagSettings, RetrievalMode
from rag.types import Answer, DocumentInfo, IngestReport

log = logging.getLogger(__name__)


class QueryError(ValueError):
    """A question that cannot be asked (empty, too long, bad filters)."""


@dataclass(frozen=True)
class QueryOptions:
    """Per-question options; ``None`` means 'use the settings'."""

    top_k: int | None = None
    retrieval_mode: RetrievalMode | None = None
    doc_ids: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


class Pipeline:
    """Ingest documents and answer questions about them, with verbatim citations."""

    def __init__(self, settings: RagSettings | None = None, *, store=None, embedder=None) -> None:
        self.settings = settings or RagSettings()
        self._store = store
        self._embedder = embedder
        self._retriever = None
        self._answerer = None
        self._init_lock = threading.RLock()
        self._ingest_lock = threading.Lock()
        self._corpus_checked = False

    # ---- lazily built parts (nothing heavy happens in __init__) -----------------
    @property
    def store(self):
        """The Chroma store adapter."""
        with self._init_lock:
            if self._store is None:
                from rag.store import ChromaStore

                self._store = ChromaStore(self.settings)
            return self._store

    @property
    def embedder(self):
        """The offline ONNX embedder."""
        with self._init_lock:
            if self._embedder is None:
                from rag.embed import OnnxMiniLM

                self._embedder = OnnxMiniLM(self.settings.embed_threads, self.settings.embed_batch_size)
            return self._embedder

    @property
    def retriever(self):
        """The hybrid retriever."""
        with self._init_lock:
            if self._retriever is None:
                from rag.retrieve import HybridRetriever

                self._retriever = HybridRetriever(self.store, self.embedder, self.settings)
            return self._retriever

    @property
    def answerer(self):
        """The answer engine chosen by ``settings.answer_mode``."""
        with self._init_lock:
            if self._answerer is None:
                from rag.answer import make_answerer

                self._answerer = make_answerer(self.settings, self.store, self.embedder)
            return self._answerer

    # ---- ingest ---------------------------------------------------------------
    def ingest(self, *paths: str | Path, on_progress=None) -> IngestReport:
        """Ingest files and folders (idempotent); returns what changed."""
        from rag.ingest import ingest_paths

        if not paths:
            raise ValueError("ingest needs at least one file or folder")
        with self._ingest_lock:
            report = ingest_paths([Path(p) for p in paths], self.settings, self.store,
                                  self.embedder, on_progress)
        self._corpus_checked = True
        return report

    def ensure_corpus(self) -> IngestReport | None:
        """Ingest ``settings.corpus_dir`` when the store is empty, or analyse again the
        documents an older version stored (first query, or start of the UI)."""
        if self._corpus_checked:
            return None
        from rag.ingest import reanalyse_stale

        with self._ingest_lock:
            empty = self.store.docs.count() == 0
            report = None if empty else reanalyse_stale(self.settings, self.store, self.embedder)
        self._corpus_checked = True
        if report is not None:
            log.info("re-analysed %d documents stored by an older version", len(report.reanalysed))
            return report
        if empty and Path(self.settings.corpus_dir).is_dir():
            log.info("store is empty: ingesting %s", self.settings.corpus_dir)
            return self.ingest(self.settings.corpus_dir)
        return None

    def delete(self, doc_id: str) -> bool:
        """Remove one document; False if it was not stored."""
        from rag.retrieve import rebuild_bm25

        with self._ingest_lock:
            if doc_id not in self.store.document_hashes():
                return False
            self.store.delete_document(doc_id)
            rebuild_bm25(self.store, self.settings)
        return True

    def documents(self) -> list[DocumentInfo]:
        """Every stored document."""
        return self.store.list_documents()

    def document_text(self, doc_id: str) -> str:
        """The full stored text of one document (quotes are substrings of it)."""
        got = self.store.document_texts([doc_id])
        if doc_id not in got:
            raise KeyError(f"no document with id {doc_id!r}")
        return got[doc_id][0]

    def stats(self) -> dict:
        """Counts and where the data lives."""
        return {**self.store.counts(), "store": self.store.location,
                "data_dir": str(self.settings.data_dir), "collection": self.settings.collection}

    # ---- questions ------------------------------------------------------------
    def retrieve(self, question: str, **options):
        """The chunks retrieval finds for ``question`` (no answer)."""
        from rag.retrieve import Filters

        opts = _options(options)
        q = self._check(question)
        self.ensure_corpus()
        return self.retriever.retrieve(
            q, opts.top_k or self.settings.top_k, opts.retrieval_mode or self.settings.retrieval_mode,
            Filters(opts.doc_ids, opts.date_from, opts.date_to),
        )

    def query(self, question: str, *, history: Sequence[str] = (), **options) -> Answer:
        """Answer one question; ``history`` holds earlier user turns for follow-ups."""
        answer = None
        for item in self.stream(question, history=history, **options):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def stream(self, question: str, *, history: Sequence[str] = (), **options) -> Iterator[str | Answer]:
        """Yield the answer text in pieces, then the finished :class:`Answer` last."""
        from rag.retrieve import Filters

        opts = _options(options)
        q = self._check(question)
        t0 = time.perf_counter()
        self.ensure_corpus()
        yield from self.answerer.stream(
            q, history=list(history), retriever=self.retriever,
            top_k=opts.top_k or self.settings.top_k,
            mode=opts.retrieval_mode or self.settings.retrieval_mode,
            filters=Filters(opts.doc_ids, opts.date_from, opts.date_to), started=t0,
        )

    def chat(self, messages: Sequence[dict]) -> Answer:
        """Answer the last user message of a chat, resolving follow-ups from earlier turns."""
        users = [str(m.get("content", "")) for m in messages if m.get("role") == "user"]
        if not users:
            raise QueryError("chat needs at least one user message")
        return self.query(users[-1], history=users[:-1])

    def _check(self, question: str) -> str:
        if not isinstance(question, str):
            raise QueryError("the question must be text")
        q = " ".join(question.split())
        if not q:
            raise QueryError("the question is empty")
        if len(q) > self.settings.max_question_chars:
            raise QueryError(
                f"the question is {len(q):,} characters long; the limit is "
                f"{self.settings.max_question_chars:,} (RAG_MAX_QUESTION_CHARS)"
            )
        return q


def _options(options: dict) -> QueryOptions:
    allowed = set(QueryOptions.__dataclass_fields__)
    unknown = set(options) - allowed
    if unknown:
        raise QueryError(f"unknown query option(s): {', '.join(sorted(unknown))}")
    opts = dict(options)
    if opts.get("doc_ids"):
        opts["doc_ids"] = tuple(opts["doc_ids"])
    for key in ("date_from", "date_to"):
        if isinstance(opts.get(key), str):
            try:
                opts[key] = date.fromisoformat(opts[key])
            except ValueError as exc:
                raise QueryError(f"{key} must be YYYY-MM-DD, got {opts[key]!r}") from exc
    mode = opts.get("retrieval_mode")
    if mode is not None and mode not in ("hybrid", "dense", "bm25"):
        raise QueryError(f"retrieval_mode must be hybrid, dense or bm25, got {mode!r}")
    top_k = opts.get("top_k")
    if top_k is not None and not (isinstance(top_k, int) and 1 <= top_k <= 100):
        raise QueryError(f"top_k must be a whole number from 1 to 100, got {top_k!r}")
    return QueryOptions(**opts)
