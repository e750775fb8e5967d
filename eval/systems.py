"""The systems a run compares: the product (in a retrieval mode) and LlamaIndex's default
``VectorStoreIndex`` query path over the same embedder. Each answers a question with one
:class:`SystemOutput`, so the scorer treats them alike.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from eval.metrics import Span

# How deep the ranked list is read for hit@k and MRR.
RETRIEVE_DEPTH = 10
# LlamaIndex's own defaults (SentenceSplitter chunk_size=1024, overlap=200; a query engine
# retrieves similarity_top_k=2): the baseline keeps them to show the default experience.
LLAMAINDEX_TOP_K = 2


@dataclass
class CitedSpan:
    """A passage a system showed as support: its number, place and text."""

    number: int
    span: Span
    quote: str
    published: str | None = None


@dataclass
class SystemOutput:
    """What a system answered to one question, and what it retrieved."""

    text: str
    short_answer: str | None
    abstained: bool
    latency_ms: float
    citations: list[CitedSpan] = field(default_factory=list)
    retrieved: list[Span] = field(default_factory=list)
    conflict: bool = False
    error: str | None = None


class System(Protocol):
    """Anything that answers questions for the scorer."""

    name: str
    cites: bool  # whether its passages are citations (scored for precision/faithfulness)

    def ask(self, question: str) -> SystemOutput: ...


class ProductSystem:
    """The product's ``Pipeline.query`` in one retrieval mode, plus its ranked chunks."""

    cites = True

    def __init__(self, pipeline, mode: str, name: str | None = None) -> None:
        self.pipeline, self.mode = pipeline, mode
        self.name = name or f"product-{mode}"

    def ask(self, question: str) -> SystemOutput:
        """Answer with the real pipeline; time only the query, not the ranking probe."""
        t0 = time.perf_counter()
        try:
            a = self.pipeline.query(question, retrieval_mode=self.mode)
        except Exception as exc:  # a failure is a result to report, not a crash of the run
            ms = (time.perf_counter() - t0) * 1000
            return SystemOutput("", None, False, ms, error=f"{type(exc).__name__}: {exc}")
        ms = (time.perf_counter() - t0) * 1000
        chunks = self.pipeline.retrieve(question, top_k=RETRIEVE_DEPTH, retrieval_mode=self.mode)
        return SystemOutput(
            text=a.text,
            short_answer=a.short_answer,
            abstained=a.abstained,
            latency_ms=ms,
            citations=[
                CitedSpan(c.number, Span(c.doc_id, c.start, c.end), c.quote,
                          c.published.isoformat() if c.published else None)
                for c in a.citations
            ],
            retrieved=[Span(c.doc_id, c.start, c.end) for c in chunks],
            conflict=bool(getattr(a, "conflict", False)),
        )


class LlamaIndexBaseline:
    """LlamaIndex's default ``VectorStoreIndex`` query path with no LLM: the 'answer' is
    the top retrieved node's text. Built over the same texts and the same embedder."""

    name = "llamaindex-default"
    cites = False

    def __init__(self, embedder, documents: dict[str, str]) -> None:
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.core.llms import MockLLM
        from llama_index.core.response_synthesizers.no_text import NoText

        from rag.embed import make_llamaindex_embedding

        t0 = time.perf_counter()
        docs = [Document(text=text, id_=doc_id) for doc_id, text in documents.items()]
        index = VectorStoreIndex.from_documents(docs, embed_model=make_llamaindex_embedding(embedder))
        # MockLLM is what ``Settings.llm = None`` installs; passing it keeps the global
        # Settings untouched. The "no_text" synthesizer returns the retrieved nodes without
        # calling it; it is built here because llama-index-core 0.14's factory does not pass
        # ``llm`` on to NoText, which then asks Settings for the default (OpenAI) LLM.
        no_llm = MockLLM()
        self.engine = index.as_query_engine(
            similarity_top_k=LLAMAINDEX_TOP_K, llm=no_llm, response_synthesizer=NoText(llm=no_llm)
        )
        # The same index read deeper, only to draw its hit@k curve beyond the top 2.
        self.ranker = index.as_retriever(similarity_top_k=RETRIEVE_DEPTH)
        self.build_seconds = time.perf_counter() - t0
        self.chunk_count = len(index.docstore.docs)

    def ask(self, question: str) -> SystemOutput:
        """Query the index; the answer is the top node's text, both nodes count as shown."""
        t0 = time.perf_counter()
        response = self.engine.query(question)
        ms = (time.perf_counter() - t0) * 1000
        spans = [_node_span(n) for n in response.source_nodes]
        texts = [n.node.get_content() for n in response.source_nodes]
        ranked = [_node_span(n) for n in self.ranker.retrieve(question)]
        return SystemOutput(
            text="\n\n".join(texts),
            short_answer=texts[0] if texts else None,
            abstained=False,
            latency_ms=ms,
            citations=[CitedSpan(i, s, t) for i, (s, t) in enumerate(zip(spans, texts), 1)],
            retrieved=ranked,
        )


def _node_span(scored) -> Span:
    node = scored.node
    return Span(node.ref_doc_id or "", node.start_char_idx or 0, node.end_char_idx or 0)
