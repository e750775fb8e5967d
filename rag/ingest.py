"""Ingest stage: files -> chunks and sentences in the store, idempotently.

Each sentence is embedded once (it fits the model's 256 word pieces, where a whole chunk
may not); a chunk's vector is the length-weighted mean of its sentences' vectors, which
found the gold evidence at least as often as embedding the chunk text on the gold set.

A document is identified by its file stem and versioned by a hash of its text and
metadata: unchanged documents are skipped, changed ones replaced (new records are
written before the old ones are deleted), and documents whose files vanished from an
ingested folder are removed. A file that fails to load is reported and skipped, and
whatever was stored for it stays. Documents analysed by an older version of the sentence
stage (``rag.sentences.ANALYSIS_VERSION``) are analysed again from their stored text, on any
ingest and when a pipeline starts (:func:`reanalyse_stale`).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Callable

import numpy as np

from rag.load import LoadError, SourceDocument, discover, load_file, read_sidecar
from rag.sentences import ANALYSIS_VERSION
from rag.settings import RagSettings
from rag.store import ChromaStore, date_to_int
from rag.types import IngestReport

ProgressFn = Callable[[float, str], None]
# Documents processed together: bounds memory on large corpora and keeps each group whole.
DOCS_PER_GROUP = 8


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
    to_write += _stale(store, report, docs)
    if to_write:
        report.chunks_written = _write(to_write, settings, store, embedder, notify)
    from rag.retrieve import CASED_FILE, rebuild_bm25

    # (An index written before the list of capitalised words existed is rebuilt once.)
    if to_write or report.removed or not (settings.bm25_dir / CASED_FILE).exists():
        notify(0.95, "rebuilding the keyword index")
        rebuild_bm25(store, settings)
    notify(1.0, "done")
    report.seconds = time.perf_counter() - t0
    return report


def reanalyse_stale(settings: RagSettings, store: ChromaStore, embedder,
                    on_progress: ProgressFn | None = None) -> IngestReport | None:
    """Analyse again, from their stored text, the documents an older version of the sentence
    stage analysed (None when there are none)."""
    if not store.stale_documents(ANALYSIS_VERSION):
        return None
    return ingest_paths([], settings, store, embedder, on_progress)


def _stale(store: ChromaStore, report: IngestReport, docs: list[SourceDocument]) -> list[SourceDocument]:
    """The documents to analyse again (recorded in ``report.reanalysed``): stale ones that
    this ingest does not rewrite anyway, rebuilt from their stored text and metadata unless
    their file was loaded now."""
    stale = set(store.stale_documents(ANALYSIS_VERSION)) - set(report.removed)
    stale -= set(report.added) | set(report.updated)
    if not stale:
        return []
    loaded = {d.doc_id: d for d in docs if d.doc_id in stale}
    report.unchanged = [i for i in report.unchanged if i not in stale]
    report.reanalysed = sorted(stale)
    stored = store.document_texts(stale - set(loaded))
    rebuilt = [SourceDocument(
        doc_id=i, text=text, path=m.get("path", ""), title=m.get("title", i),
        published=date.fromisoformat(m["published"]) if m.get("published") else None,
        source=m.get("source", ""), author=m.get("author", ""), url=m.get("url", ""),
    ) for i, (text, m) in stored.items()]
    return list(loaded.values()) + rebuilt


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
            report.errors.append((str(f), exc.reason))
            failed.add(str(f.resolve()))
            continue
        if d.doc_id in docs:
            report.errors.append((str(f), f"duplicate document id '{d.doc_id}' "
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
    """Write documents in groups: bounded memory, and each group is complete when done."""
    show = settings.show_progress and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(docs), desc="Ingesting", unit="doc")
    from concurrent.futures import ThreadPoolExecutor

    from rag.sentences import analyse_documents

    groups = [docs[g : g + DOCS_PER_GROUP] for g in range(0, len(docs), DOCS_PER_GROUP)]

    def analyse(group):
        return list(analyse_documents([(d.doc_id, d.text, d.published) for d in group]))

    written, done = 0, 0
    # spaCy (one core) analyses the next group while ONNX embeds and Chroma writes this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = pool.submit(analyse, groups[0])
        for k, group in enumerate(groups):
            sents = ahead.result()
            if k + 1 < len(groups):
                ahead = pool.submit(analyse, groups[k + 1])
            notify(0.05 + 0.9 * done / len(docs), f"documents {done + 1}–{done + len(group)} of {len(docs)}")
            written += _write_group(group, sents, settings, store, embedder)
            done += len(group)
            if bar is not None:
                bar.update(len(group))
    if bar is not None:
        bar.close()
    return written


def _write_group(docs, analysed, settings, store, embedder) -> int:
    """One embedding per sentence (``analysed``: each document's sentences), then chunks
    whose vectors are pooled from their sentences; the document records go last."""
    from llama_index.core import Document
    from llama_index.core.ingestion import IngestionPipeline

    from rag.chunk import NOT_EMBEDDED, make_offset_recorder, make_splitter
    from rag.embed import make_sentence_pooler

    ids = [d.doc_id for d in docs]
    old_chunk_ids = _ids(store.chunks, ids)
    old_sentence_ids = set(_ids(store.sentences, ids))
    sents = dict(zip(ids, analysed))
    flat = [s for i in ids for s in sents[i]]
    flat_vecs = embedder.embed([s.text for s in flat])
    vecs, k = {}, 0
    for i in ids:
        vecs[i], k = flat_vecs[k : k + len(sents[i])], k + len(sents[i])
    li_docs = [Document(id_=d.doc_id, text=d.text, metadata=_meta(d),
                        excluded_embed_metadata_keys=list(NOT_EMBEDDED),
                        excluded_llm_metadata_keys=list(NOT_EMBEDDED)) for d in docs]
    pipeline = IngestionPipeline(
        transformations=[make_splitter(settings), make_offset_recorder(),
                         make_sentence_pooler(sents, vecs, embedder)],
        vector_store=store.vector_store,
    )
    nodes = pipeline.run(documents=li_docs, show_progress=False)
    if old_chunk_ids:
        store.chunks.delete(ids=old_chunk_ids)
    if flat:
        store.put_sentences(flat, flat_vecs)
    stale = old_sentence_ids - {s.sid for s in flat}
    if stale:
        store.sentences.delete(ids=sorted(stale))
    chunk_vecs: dict[str, list] = {}
    for n in nodes:
        chunk_vecs.setdefault(n.ref_doc_id, []).append(n.embedding)
    records = []
    for d in docs:
        mine = np.asarray(chunk_vecs.get(d.doc_id) or [embedder.embed([d.text[:2000]])[0]], dtype=np.float32)
        doc_vec = mine.mean(axis=0)
        doc_vec /= max(float(np.linalg.norm(doc_vec)), 1e-12)
        meta = _meta(d) | {"hash": d.content_hash, "chunks": len(chunk_vecs.get(d.doc_id, [])),
                            "analysis": ANALYSIS_VERSION}
        records.append((meta, d.text, doc_vec))
    store.put_documents(records)  # last: marks the documents complete
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
