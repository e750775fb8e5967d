"""Chunk stage: token-aware splitting with LlamaIndex's ``SentenceSplitter`` on tiktoken.

Chunks default to 200 cl100k tokens so that the whole chunk fits in the 256 word pieces
the embedder reads (LlamaIndex's default of 1024 would lose ~3/4 of each chunk on the
dense side; see PLATFORM.md). Each chunk records its offsets and token count.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rag.settings import RagSettings

TIKTOKEN_ENCODING = "cl100k_base"
# Metadata kept out of the embedded and BM25 text: only the title helps matching.
NOT_EMBEDDED = ["doc_id", "source", "author", "published", "published_int", "path", "url",
                "start", "end", "tokens", "hash"]


@lru_cache(maxsize=1)
def _encoding():
    """cl100k_base from the copy llama-index-core ships (tiktoken would download it)."""
    import os

    import llama_index.core
    import tiktoken

    cache = Path(llama_index.core.__file__).parent / "_static" / "tiktoken_cache"
    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    # Same approach as llama_index.core.utils.get_tokenizer: set only while loading.
    os.environ["TIKTOKEN_CACHE_DIR"] = previous or str(cache)
    try:
        return tiktoken.get_encoding(TIKTOKEN_ENCODING)
    finally:
        if previous is None:
            del os.environ["TIKTOKEN_CACHE_DIR"]


def count_tokens(text: str) -> int:
    """cl100k tokens in ``text``."""
    return len(_encoding().encode(text, disallowed_special=()))


def make_splitter(settings: RagSettings):
    """The LlamaIndex splitter configured from settings."""
    from llama_index.core.node_parser import SentenceSplitter

    if settings.chunk_overlap >= settings.chunk_size:
        raise ValueError(
            f"chunk_overlap ({settings.chunk_overlap}) must be smaller than chunk_size "
            f"({settings.chunk_size})"
        )
    return SentenceSplitter(
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        tokenizer=lambda t: _encoding().encode(t, disallowed_special=()),
    )


def make_offset_recorder():
    """A transformation that copies each chunk's offsets and token count into metadata."""
    from llama_index.core.schema import TransformComponent

    class RecordChunkOffsets(TransformComponent):
        """Store start/end offsets and the token count where Chroma filters can see them."""

        def __call__(self, nodes, **kwargs):
            for node in nodes:
                text = node.get_content()
                node.metadata["start"] = int(node.start_char_idx or 0)
                node.metadata["end"] = int(node.end_char_idx or len(text))
                node.metadata["tokens"] = count_tokens(text)
                for key in ("start", "end", "tokens"):
                    if key not in node.excluded_embed_metadata_keys:
                        node.excluded_embed_metadata_keys.append(key)
                        node.excluded_llm_metadata_keys.append(key)
            return nodes

    return RecordChunkOffsets()
