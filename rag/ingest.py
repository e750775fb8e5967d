"""Ingest stage: files -> chunks and sentences in the store, idempotently.

A document is identified by its file stem and versioned by a hash of its text and
metadata: unchanged documents are skipped, changed ones replaced (new records are
written before the old ones are deleted), and documents whose files vanished from an
ingested folder are removed. A file that fails to load is reported and skipped, and
whatever was stored for it stays.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

from rag.load import LoadError, SourceDocument, discover, load_file, read_sidecar
from rag.settings import RagSettings
from rag.store import ChromaStore, date_to_int
from rag.types import IngestReport

ProgressFn = Callable[[float, str], None]


def ingest_paths(
    paths: list[Path],
    settings: RagSettings,
    store: ChromaStore,
    embedder,
    on_progress: ProgressFn | None = None,
) -> IngestReport:
    """Ingest files and folders; see the module docstring for the rules."""
    t0 = time.perf_counter()
    report = IngestReport()
    notify = on_progress or (lambda frac, msg: None)
    docs, failed_paths = _load_all(paths, settings, report)
    stored = store.document_hashes()
    to_write: list[SourceDocument] = []
    for d in docs:
        old = stored.get(d.doc_id)
        if old is None:
            report.added.append(d.doc_id)
            to_write.append(d)
        elif old[0] != d.content_hash:
            report.updated.append(d.doc_id)
            to_write.append(d)
        else:
            report.unchanged.append(d.doc_id)
    report.removed = _vanished(paths, stored, {d.doc_id for d in docs}, failed_paths)
    for doc_id in report.removed:
        store.delete_document(doc_id)
    if to_write:
        report.chunks_written = _write(to_write, settings, store, embedder, notify)
    if to_write or report.removed:
        notify(0.95, "rebuilding the keyword index")
        from rag.retrieve import rebuild_bm25

        rebuild_bm25(store, settings)
    notify(1.0, "done")
    report.seconds = time.perf_counter() - t0
    return report


def _load_all(paths, settings, report) -> tuple[list[SourceDocument], set[str]]:
    files, errors = discover(paths)
    report.errors.extend(errors)
    sidecars: dict[Path, dict] = {}
    docs: dict[str, SourceDocument] = {}
    failed: set[str] = set()
    for f in files:
        if f.parent not in sidecars:
            sidecars[f.parent], err = read_sidecar(f.parent)
            if err:
                report.errors.append((str(f.parent / "metadata.json"), err))
        try:
            d = load_file(f, settings.max_file_bytes, sidecars[f.parent])
        except LoadError as exc:
            report.errors.append((str(f), str(exc)))
            failed.add(str(f.resolve()))
            continue
        if d.doc_id in docs:
            report.errors.append((str(f), f"{f}: duplicate document id '{d.doc_id}' "
                                          f"(also {docs[d.doc_id].path}); skipped"))
            continue
        docs[d.doc_id] = d
    return list(docs.values()), failed


def _vanished(paths, stored, present: set[str], failed: set[str]) -> list[str]:
    """Stored documents whose files lived under an ingested folder and are gone now."""
    folders = [p.resolve() for p in paths if p.is_dir()]
    gone = []
    for doc_id, (_, path) in stored.items():
        if doc_id in present or path in failed or not path:
            continue
        p = Path(path)
        if any(p.is_relative_to(f) for f in folders) and not p.exists():
            gone.append(doc_id)
    return sorted(gone)


def _write(docs, settings, store, embedder, notify) -> int:
    from llama_index.core import Document
    from llama_index.core.ingestion import IngestionPipeline

    from rag.chunk import NOT_EMBEDDED, make_offset_recorder, make_splitter
    from rag.embed import make_llamaindex_embedding
    from rag.sentences import analyse_documents

    show = settings.show_progress and sys.stderr.isatty()
    old_chunk_ids = _ids(store.chunks, [d.doc_id for d in docs])
    old_sentence_ids = set(_ids(store.sentences, [d.doc_id for d in docs]))
    li_docs = [
        Document(id_=d.doc_id, text=d.text, metadata=_meta(d),
                 excluded_embed_metadata_keys=list(NOT_EMBEDDED),
                 excluded_llm_metadata_keys=list(NOT_EMBEDDED))
        for d in docs
    ]
    notify(0.05, f"chunking and embedding {len(docs)} documents")
    pipeline = IngestionPipeline(
        transformations=[make_splitter(settings), make_offset_recorder(),
                         make_llamaindex_embedding(embedder)],
        vector_store=store.vector_store,
    )
    nodes = pipeline.run(documents=li_docs, show_progress=show)
    if old_chunk_ids:
        store.chunks.delete(ids=old_chunk_ids)
    notify(0.6, "finding sentences and entities")
    by_doc: dict[str, list] = {}
    for n in nodes:
        by_doc.setdefault(n.ref_doc_id, []).append(n.embedding)
    items = [(d.doc_id, d.text, d.published) for d in docs]
    analysed = analyse_documents(items)
    if show:
        from tqdm import tqdm

        analysed = tqdm(analysed, total=len(items), desc="Sentences", unit="doc")
    for d, sents in zip(docs, analysed):
        vecs = embedder.embed([s.text for s in sents])
        store.put_sentences(sents, vecs)
        stale = old_sentence_ids - {s.sid for s in sents}
        if stale:
            store.sentences.delete(ids=sorted(s for s in stale if s.startswith(d.doc_id + ":")))
        chunk_vecs = np.asarray(by_doc.get(d.doc_id) or [np.zeros(vecs.shape[1])], dtype=np.float32)
        doc_vec = chunk_vecs.mean(axis=0)
        doc_vec /= max(float(np.linalg.norm(doc_vec)), 1e-12)
        meta = _meta(d) | {"hash": d.content_hash, "chunks": len(by_doc.get(d.doc_id, []))}
        store.put_document(meta, d.text, doc_vec)  # last: marks the document complete
    return len(nodes)


def _ids(collection, doc_ids: list[str]) -> list[str]:
    if not doc_ids:
        return []
    return collection.get(where={"doc_id": {"$in": doc_ids}}, include=[])["ids"]


def _meta(d: SourceDocument) -> dict:
    return {
        "doc_id": d.doc_id, "title": d.title, "source": d.source, "author": d.author,
        "published": d.published.isoformat() if d.published else "",
        "published_int": date_to_int(d.published), "path": d.path, "url": d.url,
    }
