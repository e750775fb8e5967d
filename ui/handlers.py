"""Event handlers: what happens when someone asks, starts over, uploads or deletes.

Each handler takes and returns plain values (strings, lists of message dicts); the layout
in :mod:`ui.app` decides which components they come from and go to. HTML comes from
:mod:`ui.render` only.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from rag.pipeline import QueryError
from rag.types import Answer
from ui import render

log = logging.getLogger(__name__)

# Re-render the streaming message at most this often (seconds): each yield ships the
# message to the browser, and a word-by-word re-render of a long answer is wasted work.
STREAM_INTERVAL_S = 0.05

Message = dict[str, str]


def _text_lookup(pipeline) -> Callable[[str], str]:
    """``pipeline.document_text`` with a cache for the cards of one answer."""
    cache: dict[str, str] = {}

    def text_of(doc_id: str) -> str:
        if doc_id not in cache:
            cache[doc_id] = pipeline.document_text(doc_id)
        return cache[doc_id]

    return text_of


def _footer(answer: Answer, top_k: int, retrieval_mode: str) -> str:
    """How the answer was found: 'BM25 retrieval · top-k 2 · 41 ms'."""
    label = render.RETRIEVAL_LABELS.get(retrieval_mode, retrieval_mode)
    total = answer.timings_ms.get("total_ms")
    took = f" · {total:.0f} ms" if total is not None else ""
    return f"{label} retrieval · top-k {top_k}{took}"


def _doc_choices(pipeline) -> list[tuple[str, str]]:
    docs = sorted(pipeline.documents(), key=lambda d: d.title.lower())
    return [(f"{d.title} ({d.doc_id})", d.doc_id) for d in docs]


class Handlers:
    """The app's event handlers, bound to one pipeline."""

    def __init__(self, pipeline) -> None:
        self.pipeline = pipeline

    # ---- chat ------------------------------------------------------------------
    def ask(self, question: str, transcript: list[Message], asked: list[str], top_k: float,
            retrieval_mode: str, answer_mode: str) -> Iterator[tuple[list, list, list, str]]:
        """Stream the answer to ``question`` into the chat; yields (chat, transcript, asked, box)."""
        transcript = list(transcript or [])
        asked = list(asked or [])
        turn = len(transcript) // 2 + 1
        transcript.append({"role": "user", "content": render.render_question(question or "")})
        transcript.append({"role": "assistant", "content": render.render_partial("", turn)})
        yield transcript, transcript, asked, ""
        if answer_mode != self.pipeline.settings.answer_mode:
            transcript[-1]["content"] = render.render_error(
                f"answer mode {answer_mode!r} is not available in this app "
                f"(it runs {self.pipeline.settings.answer_mode!r})")
            yield transcript, transcript, asked, ""
            return
        try:
            answer = yield from self._stream_into(transcript, question, asked, turn,
                                                  int(top_k), retrieval_mode)
        except QueryError as exc:
            transcript[-1]["content"] = render.render_error(str(exc))
            yield transcript, transcript, asked, question or ""
            return
        except Exception as exc:  # the chat must say what failed rather than hang
            log.exception("answering %r failed", question)
            transcript[-1]["content"] = render.render_error(str(exc) or type(exc).__name__,
                                                            title="The answer failed")
            yield transcript, transcript, asked, question or ""
            return
        asked.append(question)
        transcript[-1]["content"] = render.render_answer(
            answer, _text_lookup(self.pipeline), turn, _footer(answer, int(top_k), retrieval_mode))
        yield transcript, transcript, asked, ""

    def _stream_into(self, transcript, question, asked, turn, top_k, mode):
        text, last = "", 0.0
        stream = self.pipeline.stream(question, history=list(asked), top_k=top_k,
                                      retrieval_mode=mode)
        for item in stream:
            if isinstance(item, Answer):
                return item
            text += item
            if time.monotonic() - last >= STREAM_INTERVAL_S:
                last = time.monotonic()
                transcript[-1]["content"] = render.render_partial(text, turn)
                yield transcript, transcript, asked, ""
        raise RuntimeError("the answer stream ended without an answer")

    def start_over(self) -> tuple[list, list, list, str]:
        """Forget the conversation: empty chat, no earlier questions, empty box."""
        return [], [], [], ""

    # ---- library ---------------------------------------------------------------
    def library(self) -> tuple[str, Any]:
        """The library table and the delete picker, fresh from the store."""
        return (render.render_library(self.pipeline.documents()),
                gr.Dropdown(choices=_doc_choices(self.pipeline), value=None))

    # Gradio finds the progress bar by this default value (its documented idiom).
    def ingest_files(self, files: list[str] | None,
                     progress=gr.Progress()) -> tuple[str, str, Any, None]:  # noqa: B008
        """Ingest uploaded files with a progress bar; returns (report, table, picker, upload)."""
        if not files:
            table, picker = self.library()
            return (render.render_status("Choose one or more .txt, .md or .html files first.",
                                         "error"), table, picker, None)
        paths = _keep_uploads([Path(f) for f in files], self.pipeline.settings.data_dir / UPLOADS_DIR)
        names = {str(p): p.name for p in paths}
        progress(0.0, desc=f"Reading {len(paths)} file(s)")

        def on_progress(fraction: float, message: str) -> None:
            progress(float(fraction), desc=message)

        try:
            report = self.pipeline.ingest(*paths, on_progress=on_progress)
        except Exception as exc:  # a store failure must reach the person, not the log only
            log.exception("ingest of %s failed", names)
            table, picker = self.library()
            return render.render_status(f"Ingest failed: {exc}", "error"), table, picker, None
        table, picker = self.library()
        return render.render_ingest_report(report, names), table, picker, None

    def delete_document(self, doc_id: str | None) -> tuple[str, str, Any]:
        """Delete the chosen document; returns (status, table, picker)."""
        if not doc_id:
            table, picker = self.library()
            return render.render_status("Choose a document to delete.", "error"), table, picker
        title = next((d.title for d in self.pipeline.documents() if d.doc_id == doc_id), doc_id)
        deleted = self.pipeline.delete(doc_id)
        table, picker = self.library()
        if not deleted:
            return render.render_status(f"{doc_id} was not in the library.", "error"), table, picker
        return render.render_status(f"Deleted “{title}” ({doc_id}).", "ok"), table, picker

    # ---- API (gradio_client) ---------------------------------------------------
    def api_ask(self, question: str, history: list[str] | None = None, top_k: int = 5,
                retrieval_mode: str = "hybrid") -> dict:
        """Answer a question; returns the answer as a dict (text, short_answer, citations…)."""
        try:
            answer = self.pipeline.query(question, history=list(history or []),
                                         top_k=int(top_k), retrieval_mode=retrieval_mode)
        except QueryError as exc:
            raise gr.Error(str(exc)) from exc
        return answer.to_dict()

    def api_documents(self) -> list[dict]:
        """Every stored document as a dict (doc_id, title, source, published, chunks)."""
        # No "path": gradio_client takes any dict with a "path" string for a file to
        # download (gradio_client.utils.is_file_obj), and server paths are not the
        # client's business anyway.
        return [{k: v for k, v in d.to_dict().items() if k != "path"}
                for d in self.pipeline.documents()]


# Uploaded files are kept here (Gradio's temp folder is cleaned up), so a stored document's
# path stays valid; a file with the same name replaces the earlier upload, as its id does.
UPLOADS_DIR = "uploads"


def _keep_uploads(paths: list[Path], folder: Path) -> list[Path]:
    """Copy uploaded files into ``folder`` and return the copies' paths."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for p in paths:
        target = folder / p.name
        if p.resolve() != target.resolve():
            shutil.copyfile(p, target)
        kept.append(target)
    return kept
