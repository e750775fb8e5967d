"""One typed settings object, read from ``RAG_*`` environment variables when built.

Entry points (CLI, UI, eval) build a :class:`RagSettings` and pass it down; nothing in
``rag/`` reads the environment anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

RetrievalMode = Literal["hybrid", "dense", "bm25"]
AnswerMode = Literal["extractive"]
StoreBackend = Literal["embedded", "server"]

# The bundled corpus ships next to the package in a source checkout.
BUNDLED_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "newsrag"


class RagSettings(BaseSettings):
    """Every knob of the pipeline, with defaults that work offline on a laptop."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where the Chroma store, docstore and BM25 index live.",
    )
    corpus_dir: Path = Field(
        default=BUNDLED_SEEDS,
        description="Corpus ingested on the first query against an empty store.",
    )
    collection: str = Field(default="news", description="Chroma collection name prefix.")
    store_backend: StoreBackend = Field(
        default="embedded",
        description="'embedded' (PersistentClient under data_dir) or 'server' (chroma run).",
    )
    chroma_host: str = Field(default="127.0.0.1", description="Chroma server host.")
    chroma_port: int = Field(default=8000, description="Chroma server port.")

    chunk_size: int = Field(
        default=200,
        ge=32,
        le=2048,
        description="Chunk size in tiktoken (cl100k) tokens; the embedder reads 256 word pieces.",
    )
    chunk_overlap: int = Field(default=30, ge=0, description="Token overlap between chunks.")
    embed_batch_size: int = Field(default=32, ge=1, description="Texts per embedder call.")
    embed_threads: int = Field(default=0, ge=0, description="ONNX threads (0 = all cores).")

    top_k: int = Field(default=5, ge=1, le=100, description="Chunks passed to the answerer.")
    retrieval_mode: RetrievalMode = Field(default="hybrid", description="hybrid, dense or bm25.")
    candidate_k: int = Field(
        default=20, ge=1, description="Candidates each retriever returns before fusion."
    )
    answer_mode: AnswerMode = Field(default="extractive", description="Answer engine.")
    max_question_chars: int = Field(
        default=2000, ge=10, description="Longer questions are rejected with a clear error."
    )
    max_file_bytes: int = Field(
        default=20_000_000, ge=1, description="Files larger than this are skipped at ingest."
    )
    show_progress: bool = Field(
        default=True, description="Progress bars on a terminal (never when output is piped)."
    )

    @property
    def store_dir(self) -> Path:
        """Folder of the persistent Chroma client."""
        return self.data_dir / "chroma"

    @property
    def bm25_dir(self) -> Path:
        """Folder of the persisted BM25 index."""
        return self.data_dir / "bm25"
