"""newsrag: offline, citation-first question answering over news articles.

    from rag import query, ingest
    answer = query("When did Kim leave Pyongyang?")
    print(answer.text)
    for c in answer.citations:
        print(c.number, c.doc_id, c.quote)

Importing this package is cheap; the store, the embedder and spaCy load on first use.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from rag.settings import RagSettings
from rag.types import Answer, Citation, DocumentInfo, IngestReport

if TYPE_CHECKING:
    from rag.pipeline import Pipeline

__all__ = [
    "query", "ingest", "chat", "stream", "Answer", "Citation", "DocumentInfo",
    "IngestReport", "Pipeline", "RagSettings", "default_pipeline",
]

_default: "Pipeline | None" = None
_default_lock = threading.Lock()


def default_pipeline() -> "Pipeline":
    """The process-wide pipeline, built from ``RAG_*`` environment variables on first use."""
    global _default
    with _default_lock:
        if _default is None:
            from rag.pipeline import Pipeline

            _default = Pipeline(RagSettings())
        return _default


def query(question: str, **options: Any) -> Answer:
    """Answer a question from the corpus (ingesting ``RAG_CORPUS_DIR`` into an empty store)."""
    return default_pipeline().query(question, **options)


def stream(question: str, **options: Any) -> Iterator["str | Answer"]:
    """Yield answer text in pieces, then the finished :class:`Answer`."""
    return default_pipeline().stream(question, **options)


def chat(messages: Sequence[dict]) -> Answer:
    """Answer the last user message, resolving follow-ups from the earlier ones."""
    return default_pipeline().chat(messages)


def ingest(*paths: str | Path) -> IngestReport:
    """Ingest files or folders into the store (idempotent)."""
    return default_pipeline().ingest(*paths)


def __getattr__(name: str):
    if name == "Pipeline":
        from rag.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
