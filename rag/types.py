"""The public result types: an :class:`Answer` and its :class:`Citation` s."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Citation:
    """One cited passage: ``quote == document_text[start:end]``, verbatim."""

    number: int
    doc_id: str
    title: str
    source: str
    published: date | None
    quote: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the date as ISO text)."""
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass
class Answer:
    """An answer: Markdown ``text`` with ``[n]`` markers that point into ``citations``."""

    text: str
    short_answer: str | None
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    question: str = ""
    answer_type: str | None = None
    conflict: bool = False
    related: list[Citation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the whole answer."""
        return {
            "question": self.question,
            "text": self.text,
            "short_answer": self.short_answer,
            "abstained": self.abstained,
            "answer_type": self.answer_type,
            "conflict": self.conflict,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "timings_ms": dict(self.timings_ms),
        }


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document as the library view lists it."""

    doc_id: str
    title: str
    source: str
    published: date | None
    chunks: int
    path: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass
class IngestReport:
    """What one ingest run did, file by file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Stored documents analysed again because an older version of the code analysed them.
    reanalysed: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, what is wrong)
    chunks_written: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One human line."""
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            + (f"{len(self.reanalysed)} re-analysed, " if self.reanalysed else "")
            + f"{len(self.errors)} failed; {self.chunks_written} chunks written "
            f"in {self.seconds:.1f}s"
        )
