"""Store adapter: everything that talks to Chroma lives here.

Three collections share one client (embedded ``PersistentClient`` or a ``chroma run``
server), all in cosine space and all given vectors by us — Chroma's own embedding
function is disabled because it would download a model:

- ``<name>_chunks``    chunks written by LlamaIndex's ``ChromaVectorStore``;
- ``<name>_sentences`` one record per sentence (offsets, entities, vector);
- ``<name>_docs``      one record per document: full text, metadata, content hash. It is
  written last, so a document whose ingest was interrupted is redone next time.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, Iterable, Sequence

import numpy as np

from rag.settings import RagSettings
from rag.sentences import Sentence
from rag.types import DocumentInfo

log = logging.getLogger(__name__)
COSINE = {"hnsw": {"space": "cosine"}}
# Chroma caps one add() call; stay well below it.
WRITE_BATCH = 2000


class StoreError(RuntimeError):
    """The vector store cannot be opened or written."""


def date_to_int(d: date | None) -> int:
    """YYYYMMDD as an int (0 when unknown): Chroma filters compare numbers only."""
    return d.year * 10000 + d.month * 100 + d.day if d else 0


def int_to_date(v: Any) -> date | None:
    """Inverse of :func:`date_to_int`."""
    v = int(v or 0)
    return date(v // 10000, v // 100 % 100, v % 100) if v else None


class ChromaStore:
    """The three Chroma collections behind one small interface."""

    def __init__(self, settings: RagSettings, client=None) -> None:
        self.settings = settings
        self.client = client or self._connect(settings)
        name = settings.collection
        get = self.client.get_or_create_collection
        try:
            self.chunks = get(f"{name}_chunks", configuration=COSINE, embedding_function=None)
            self.sentences = get(f"{name}_sentences", configuration=COSINE, embedding_function=None)
            self.docs = get(f"{name}_docs", configuration=COSINE, embedding_function=None)
        except Exception as exc:  # chromadb raises several unrelated types here
            raise StoreError(f"cannot open Chroma collections in {self.location}: {exc}") from exc
        self._vector_store = None

    @staticmethod
    def _connect(settings: RagSettings):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if settings.store_backend == "server":
                return chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
                )
            settings.store_dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(settings.store_dir), settings=chroma_settings)
        except Exception as exc:
            raise StoreError(f"cannot open the Chroma store: {exc}") from exc

    @property
    def location(self) -> str:
        """Where the data lives, for messages and ``rag stats``."""
        s = self.settings
        if s.store_backend == "server":
            return f"http://{s.chroma_host}:{s.chroma_port}"
        return str(s.store_dir)

    @property
    def vector_store(self):
        """LlamaIndex's view of the chunk collection (imported on first use)."""
        if self._vector_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._vector_store = ChromaVectorStore(chroma_collection=self.chunks)
        return self._vector_store

    # ---- documents -------------------------------------------------------------
    def document_hashes(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (content hash, path) of every stored document."""
        got = self.docs.get(include=["metadatas"])
        return {i: (m.get("hash", ""), m.get("path", "")) for i, m in zip(got["ids"], got["metadatas"])}

    def stale_documents(self, version: int) -> list[str]:
        """Ids of the stored documents analysed by another version than ``version`` (a
        record without one was written before versions were recorded: version 1)."""
        got = self.docs.get(include=["metadatas"])
        return sorted(i for i, m in zip(got["ids"], got["metadatas"]) if int(m.get("analysis", 1)) != version)

    def put_documents(self, records: Sequence[tuple[dict, str, np.ndarray]]) -> None:
        """Write (or replace) catalogue records (metadata, text, vector); call after their chunks."""
        if records:
            self.docs.upsert(ids=[m["doc_id"] for m, _, _ in records], documents=[t for _, t, _ in records],
                             metadatas=[m for m, _, _ in records], embeddings=[v.tolist() for _, _, v in records])

    def delete_document(self, doc_id: str) -> None:
        """Remove a document, its chunks and its sentences."""
        # The catalogue record goes first: a crash after it leaves no half-listed document.
        self.docs.delete(ids=[doc_id])
        self.chunks.delete(where={"doc_id": doc_id})
        self.sentences.delete(where={"doc_id": doc_id})

    def list_documents(self) -> list[DocumentInfo]:
        """Every stored document, newest first."""
        got = self.docs.get(include=["metadatas"])
        infos = [
            DocumentInfo(
                doc_id=i, title=m.get("title", i), source=m.get("source", ""),
                published=int_to_date(m.get("published_int")), chunks=int(m.get("chunks", 0)),
                path=m.get("path", ""),
            )
            for i, m in zip(got["ids"], got["metadatas"])
        ]
        return sorted(infos, key=lambda d: (d.published or date.min, d.doc_id), reverse=True)

    def document_texts(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, dict]]:
        """doc_id -> (full text, metadata) for the given ids."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        got = self.docs.get(ids=ids, include=["documents", "metadatas"])
        return {i: (t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])}

    def counts(self) -> dict[str, int]:
        """Records per collection."""
        return {"documents": self.docs.count(), "chunks": self.chunks.count(),
                "sentences": self.sentences.count()}

    # ---- sentences -------------------------------------------------------------
    def put_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        """Write sentence records with their vectors."""
        for s in range(0, len(sentences), WRITE_BATCH):
            part = sentences[s : s + WRITE_BATCH]
            self.sentences.upsert(
                ids=[x.sid for x in part],
                documents=[x.text for x in part],
                embeddings=vectors[s : s + WRITE_BATCH].tolist(),
                metadatas=[{"doc_id": x.doc_id, "start": x.start, "end": x.end,
                            "entities": x.entities_json()} for x in part],
            )

    def sentences_of(self, doc_ids: Iterable[str]) -> tuple[list[Sentence], np.ndarray]:
        """All sentences (and their vectors) of the given documents."""
        ids = sorted(set(doc_ids))
        if not ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        got = self.sentences.get(where={"doc_id": {"$in": ids}},
                                 include=["documents", "metadatas", "embeddings"])
        sents = [
            Sentence.from_record(m["doc_id"], int(m["start"]), int(m["end"]), t, m.get("entities", "[]"))
            for t, m in zip(got["documents"], got["metadatas"])
        ]
        vecs = np.asarray(got["embeddings"], dtype=np.float32) if len(sents) else np.zeros((0, 0))
        return sents, vecs

    def query_sentences(self, vector: np.ndarray, k: int, where: dict | None) -> list[str]:
        """Ids of the ``k`` sentences nearest to ``vector``."""
        n = self.sentences.count()
        if n == 0:
            return []
        res = self.sentences.query(query_embeddings=[vector.tolist()], n_results=min(k, n), where=where,
                                   include=[])
        return list(res["ids"][0])

    # ---- chunks ----------------------------------------------------------------
    def all_chunks(self) -> dict[str, Any]:
        """Every chunk's id, text and metadata (to rebuild the BM25 index)."""
        return self.chunks.get(include=["documents", "metadatas"])

    def query_chunks(self, vector: np.ndarray, k: int, where: dict | None) -> list[tuple[str, float, str, dict]]:
        """Nearest chunks: (id, cosine similarity, text, metadata), best first."""
        n = self.chunks.count()
        if n == 0:
            return []
        res = self.chunks.query(query_embeddings=[vector.tolist()], n_results=min(k, n), where=where,
                                include=["documents", "metadatas", "distances"])
        return [
            (i, 1.0 - float(d), t, m)
            for i, d, t, m in zip(res["ids"][0], res["distances"][0], res["documents"][0], res["metadatas"][0])
        ]
