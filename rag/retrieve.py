"""Retrieve stage: hybrid BM25 + dense search over chunks, fused by reciprocal rank fusion.

BM25 is bm25s through ``llama-index-retrievers-bm25``, persisted next to the Chroma store
and reloaded when it changes on disk. Filters (doc ids, publication date range) apply to
both sides: as a Chroma ``where`` clause and as a BM25 weight mask.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from pathlib import Path

import numpy as np

from rag.settings import RagSettings, RetrievalMode
from rag.store import ChromaStore, date_to_int

# Reciprocal rank fusion constant from Cormack, Clarke & Buettcher (SIGIR 2009).
RRF_K = 60
BM25_PARAMS_FILE = "retriever.json"
# Tokenisation used both to build the index and to query it (llama-index's defaults).
BM25_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
BM25_STEMMER = "english"
# Surface words of the corpus with counts: the question analyser corrects typos against it.
VOCAB_FILE = "vocab.json"
WORD_RE = re.compile(r"[a-z0-9][a-z0-9'’-]*[a-z0-9]|[a-z0-9]")
# Words the corpus writes with a capital inside sentences (names): a question typed in
# lower case gets them back ("kell" -> "Kell"), so the name rules still apply.
CASED_FILE = "cased.json"
CASED_SHARE = 0.8
_CASE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”—–(]\s*|\n\s*)$")


@dataclass(frozen=True)
class Filters:
    """Metadata filters for retrieval."""

    doc_ids: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def where(self) -> dict | None:
        """The Chroma ``where`` clause."""
        clauses: list[dict] = []
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.date_from:
            clauses.append({"published_int": {"$gte": date_to_int(self.date_from)}})
        if self.date_to:
            clauses.append({"published_int": {"$lte": date_to_int(self.date_to)}})
            clauses.append({"published_int": {"$gt": 0}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, meta: dict) -> bool:
        """Whether a chunk's metadata passes the filters (the BM25 side)."""
        if self.doc_ids and meta.get("doc_id") not in self.doc_ids:
            return False
        pub = int(meta.get("published_int") or 0)
        if self.date_from and pub < date_to_int(self.date_from):
            return False
        if self.date_to and not (0 < pub <= date_to_int(self.date_to)):
            return False
        return True


@dataclass
class RetrievedChunk:
    """A chunk found for a question, with where it ranked on each side."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    score: float
    metadata: dict = field(repr=False, default_factory=dict)
    dense_rank: int | None = None
    bm25_rank: int | None = None


def rebuild_bm25(store: ChromaStore, settings: RagSettings) -> None:
    """Rebuild and persist the BM25 index from every chunk in the store."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.retrievers.bm25 import BM25Retriever

    got = store.all_chunks()
    target = settings.bm25_dir
    if not got["ids"]:
        shutil.rmtree(target, ignore_errors=True)
        return
    vocab: dict[str, int] = {}
    for text in got["documents"]:
        for w in WORD_RE.findall(text.lower()):
            vocab[w] = vocab.get(w, 0) + 1
    cased = cased_words(got["documents"])
    # The SOURCE relationship matters: llama-index writes ref_doc_id over a "doc_id" key.
    nodes = [
        TextNode(id_=i, text=t, metadata={k: v for k, v in m.items() if not k.startswith("_")},
                 relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=m["doc_id"])})
        for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])
    ]
    retriever = BM25Retriever.from_defaults(
        nodes=nodes, similarity_top_k=settings.candidate_k, token_pattern=BM25_TOKEN_PATTERN,
        stemmer=_stemmer(),
    )
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    retriever.persist(str(tmp), show_progress=False)
    (tmp / VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (tmp / CASED_FILE).write_text(json.dumps(cased, ensure_ascii=False), encoding="utf-8")
    # Swap the new index in with renames so a reader never sees half an index.
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def cased_words(texts: list[str]) -> dict[str, int]:
    """Lower-case forms of the words the texts write capitalised (not as the first word of a
    sentence) at least CASED_SHARE of the time, with how often: the corpus's names ("kell",
    "vladivostok", but also "cup" from "the FA Cup")."""
    upper: dict[str, int] = {}
    seen: dict[str, int] = {}
    for text in texts:
        for m in _CASE_WORD.finditer(text):
            if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
                continue
            w = m.group().lower()
            seen[w] = seen.get(w, 0) + 1
            upper[w] = upper.get(w, 0) + m.group()[0].isupper()
    return {w: n for w, n in sorted(seen.items()) if len(w) > 1 and upper[w] >= CASED_SHARE * n}


class HybridRetriever:
    """Dense (Chroma) and BM25 candidates fused with reciprocal rank fusion."""

    def __init__(self, store: ChromaStore, embedder, settings: RagSettings) -> None:
        self.store, self.embedder, self.settings = store, embedder, settings
        self._bm25 = None
        self._bm25_stamp: float | None = None
        self._lock = threading.Lock()

    def retrieve(
        self,
        question: str,
        top_k: int,
        mode: RetrievalMode = "hybrid",
        filters: Filters | None = None,
        query_vector: np.ndarray | None = None,
    ) -> list[RetrievedChunk]:
        """The ``top_k`` best chunks for ``question``."""
        filters = filters or Filters()
        k = max(self.settings.candidate_k, top_k)
        runs: list[list[RetrievedChunk]] = []
        if mode in ("hybrid", "dense"):
            vec = query_vector if query_vector is not None else self.embedder.embed([question])[0]
            runs.append(self._dense(vec, k, filters))
        if mode in ("hybrid", "bm25"):
            runs.append(self._keyword(question, k, filters))
        if len(runs) == 1:
            return runs[0][:top_k]
        return fuse(runs)[:top_k]

    def _dense(self, vec, k, filters) -> list[RetrievedChunk]:
        out = []
        for rank, (cid, sim, text, meta) in enumerate(self.store.query_chunks(vec, k, filters.where())):
            out.append(_chunk(cid, text, meta, sim, dense_rank=rank))
        return out

    def _keyword(self, question, k, filters) -> list[RetrievedChunk]:
        index = self._load_bm25()
        if index is None:
            return []
        import bm25s

        bm25, corpus, params = index
        tokens = bm25s.tokenize(question, stemmer=_stemmer(), token_pattern=BM25_TOKEN_PATTERN,
                                show_progress=False)
        if not tokens.vocab:
            return []
        mask = None
        if filters != Filters():
            mask = np.array([int(filters.accepts(c)) for c in corpus], dtype=np.float32)
            if not mask.any():
                return []
        idx, scores = bm25.retrieve(tokens, k=min(k, len(corpus)), weight_mask=mask, show_progress=False)
        out = []
        for rank, (i, score) in enumerate(zip(idx[0], scores[0])):
            if score <= 0:
                break
            entry = corpus[int(i)]
            meta = {k2: v for k2, v in entry.items() if not k2.startswith("_") and k2 != "node_id"}
            text = json.loads(entry.get("_node_content") or "{}").get("text", "")
            out.append(_chunk(entry["node_id"], text, meta, float(score), bm25_rank=rank))
        return out

    def _load_bm25(self):
        """The persisted index as (bm25s.BM25, corpus rows, retriever params), reloaded on change.

        Loaded with bm25s itself rather than ``BM25Retriever.from_persist_dir``: same
        files, but it keeps llama-index's ~1.5 s import off the query path.
        """
        folder = Path(self.settings.bm25_dir)
        params_file = folder / BM25_PARAMS_FILE
        with self._lock:
            stamp = params_file.stat().st_mtime if params_file.exists() else None
            if stamp is None:
                self._bm25 = None
            elif stamp != self._bm25_stamp:
                loaded = _read_bm25(folder, params_file)
                if loaded is None:  # swapped by a concurrent ingest: keep the old index for now
                    return self._bm25
                self._bm25 = loaded
            self._bm25_stamp = stamp
            return self._bm25


def _read_bm25(folder: Path, params_file: Path):
    """Load the persisted index, or None if it is being replaced right now."""
    import bm25s

    try:
        bm25 = bm25s.BM25.load(str(folder), load_corpus=True, show_progress=False)
        params = json.loads(params_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    corpus = list(bm25.corpus)
    bm25.corpus = None  # retrieve() returns indices; rows are looked up in `corpus`
    return bm25, corpus, params


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer(BM25_STEMMER)


def fuse(runs: list[list[RetrievedChunk]]) -> list[RetrievedChunk]:
    """Reciprocal rank fusion: score = sum over runs of 1 / (RRF_K + rank)."""
    merged: dict[str, RetrievedChunk] = {}
    scores: dict[str, float] = {}
    for run in runs:
        for rank, c in enumerate(run):
            scores[c.chunk_id] = scores.get(c.chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
            if c.chunk_id in merged:
                m = merged[c.chunk_id]
                m.dense_rank = m.dense_rank if m.dense_rank is not None else c.dense_rank
                m.bm25_rank = m.bm25_rank if m.bm25_rank is not None else c.bm25_rank
                if not m.text:
                    m.text = c.text
            else:
                merged[c.chunk_id] = c
    order = sorted(merged, key=lambda cid: scores[cid], reverse=True)
    for cid in order:
        merged[cid].score = scores[cid]
    return [merged[cid] for cid in order]


def _chunk(cid, text, meta, score, dense_rank=None, bm25_rank=None) -> RetrievedChunk:
    return RetrievedChunk(
        chunk_id=cid, doc_id=str(meta.get("doc_id", "")), text=text or "",
        start=int(meta.get("start", 0)), end=int(meta.get("end", 0)), score=score,
        metadata=meta, dense_rank=dense_rank, bm25_rank=bm25_rank,
    )
