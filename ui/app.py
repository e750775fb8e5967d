"""The Gradio app: chat with cited answers, a document library, settings and an API.

The entry point (``python -m ui`` or ``rag ui``) sets ``GRADIO_ANALYTICS_ENABLED=False``
before importing this module; :func:`build_app` also turns analytics off for its Blocks.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import get_args

import gradio as gr

from rag.settings import AnswerMode, RagSettings, RetrievalMode
from ui.browser import HEAD
from ui.handlers import Handlers
from ui.render import RETRIEVAL_LABELS
from ui.theme import APP_CSS, make_theme

TITLE = "News QA"
UPLOAD_TYPES = [".txt", ".md", ".markdown", ".html", ".htm"]
# One queue slot for everything that reads or writes the store: a question never runs
# while an upload rewrites the keyword index, and answers arrive in order.
PIPELINE_QUEUE = "pipeline"
CHAT_PLACEHOLDER = (
    "**Ask about the articles in the library.** Every answer quotes its sources: "
    "click a **[n]** marker to jump to its card. Follow-up questions keep the topic."
)


@dataclass
class ChatPanel:
    """The components of the Ask tab."""

    chatbot: gr.Chatbot
    box: gr.Textbox
    ask: gr.Button
    start_over: gr.Button
    transcript: gr.State
    asked: gr.State
    top_k: gr.Slider
    retrieval_mode: gr.Radio
    answer_mode: gr.Radio


@dataclass
class LibraryPanel:
    """The components of the Library tab."""

    table: gr.HTML
    upload: gr.File
    add: gr.Button
    report: gr.HTML
    picker: gr.Dropdown
    delete: gr.Button
    status: gr.HTML


def _header() -> None:
    gr.HTML(
        f'<div class="rag-header"><h1>{TITLE}</h1><p>Answers from your news articles, '
        "each with the sentence it comes from. Runs offline.</p></div>",
        elem_id="rag-header",
    )


def _settings_panel(settings: RagSettings) -> tuple[gr.Slider, gr.Radio, gr.Radio]:
    with gr.Accordion("Settings", open=True, elem_id="settings"):
        top_k = gr.Slider(1, max(20, settings.top_k), value=settings.top_k, step=1,
                          label="Top-k passages", info="How many passages the answer may use.",
                          elem_id="top-k")
        choices = [(RETRIEVAL_LABELS.get(m, m), m) for m in get_args(RetrievalMode)]
        mode = gr.Radio(choices, value=settings.retrieval_mode, label="Retrieval",
                        elem_id="retrieval-mode")
        modes = list(get_args(AnswerMode))
        answer_mode = gr.Radio(modes, value=settings.answer_mode, label="Answer mode",
                               info="Extractive: answers are quoted sentences. LLM: later.",
                               interactive=len(modes) > 1, elem_id="answer-mode")
    return top_k, mode, answer_mode


def _chat_panel(settings: RagSettings) -> ChatPanel:
    with gr.Row(equal_height=False):
        with gr.Column(scale=4):
            chatbot = gr.Chatbot(
                elem_id="chat", height=620, label="Conversation", show_label=False,
                placeholder=CHAT_PLACEHOLDER, latex_delimiters=[], feedback_options=None,
                autoscroll=False,  # ui.browser scrolls to each new turn instead
                buttons=["copy_all"], sanitize_html=True, group_consecutive_messages=False,
            )
            with gr.Row():
                box = gr.Textbox(placeholder="Ask a question, e.g. When did Kim leave Pyongyang?",
                                 show_label=False, lines=1, max_lines=4, scale=5,
                                 elem_id="question", autofocus=True)
                ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask", min_width=80)
                start_over = gr.Button("Start over", variant="secondary", scale=1,
                                       elem_id="start-over", min_width=100)
        with gr.Column(scale=1, min_width=240):
            top_k, mode, answer_mode = _settings_panel(settings)
    return ChatPanel(chatbot, box, ask, start_over, gr.State([]), gr.State([]),
                     top_k, mode, answer_mode)


def _library_panel() -> LibraryPanel:
    table = gr.HTML(elem_id="library-table")
    with gr.Row(equal_height=False):
        with gr.Column():
            gr.Markdown("#### Add articles")
            upload = gr.File(label=".txt, .md or .html files", file_count="multiple",
                             file_types=UPLOAD_TYPES, elem_id="upload", height=140)
            add = gr.Button("Add to library", variant="primary", elem_id="add-files")
            report = gr.HTML(elem_id="ingest-report")
        with gr.Column():
            gr.Markdown("#### Delete an article")
            picker = gr.Dropdown(label="Document", choices=[], value=None, elem_id="delete-pick")
            delete = gr.Button("Delete", variant="stop", elem_id="delete-doc")
            status = gr.HTML(elem_id="delete-status")
    return LibraryPanel(table, upload, add, report, picker, delete, status)


def _wire_chat(h: Handlers, chat: ChatPanel) -> None:
    inputs = [chat.box, chat.transcript, chat.asked, chat.top_k, chat.retrieval_mode,
              chat.answer_mode]
    outputs = [chat.chatbot, chat.transcript, chat.asked, chat.box]
    # The UI's own events are private and explicitly named, so that no default name
    # (a handler's) takes "/ask" from the public endpoint.
    asking = [
        trigger(h.ask, inputs, outputs, api_name=name, api_visibility="private",
                concurrency_id=PIPELINE_QUEUE, show_progress="minimal")
        for name, trigger in (("chat_submit", chat.box.submit), ("chat_click", chat.ask.click))
    ]
    # Start over stops an answer still streaming, or it would write the old chat back.
    # The Chatbot's own trash button does the same, so its states cannot outlive it.
    for name, trigger in (("chat_start_over", chat.start_over.click),
                          ("chat_clear", chat.chatbot.clear)):
        trigger(h.start_over, None, outputs, api_name=name, api_visibility="private",
                queue=False, cancels=asking)


def _wire_library(h: Handlers, lib: LibraryPanel) -> None:
    lib.add.click(h.ingest_files, [lib.upload], [lib.report, lib.table, lib.picker, lib.upload],
                  api_name="library_add", api_visibility="private",
                  concurrency_id=PIPELINE_QUEUE, show_progress_on=[lib.report])
    lib.delete.click(h.delete_document, [lib.picker], [lib.status, lib.table, lib.picker],
                     api_name="library_delete", api_visibility="private",
                     concurrency_id=PIPELINE_QUEUE)


def _register_api(h: Handlers) -> None:
    gr.api(h.api_ask, api_name="ask", concurrency_id=PIPELINE_QUEUE)
    gr.api(h.api_documents, api_name="documents", concurrency_id=PIPELINE_QUEUE)


def build_app(pipeline) -> gr.Blocks:
    """The whole app (Ask and Library tabs, API endpoints /ask and /documents) for ``pipeline``."""
    h = Handlers(pipeline)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        _header()
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("Ask", id="ask-tab", elem_id="ask-tab"):
                chat = _chat_panel(pipeline.settings)
            with gr.Tab("Library", id="library-tab", elem_id="library-tab") as library_tab:
                lib = _library_panel()
        _wire_chat(h, chat)
        _wire_library(h, lib)
        _register_api(h)
        # Fresh on every visit: another browser session may have added or deleted articles.
        for name, trigger in (("library_load", demo.load), ("library_show", library_tab.select)):
            trigger(h.library, None, [lib.table, lib.picker], api_name=name,
                    api_visibility="private")
    return demo


def launch(pipeline, host: str = "127.0.0.1", port: int = 7860, open_browser: bool = False,
           *, block: bool = True) -> gr.Blocks:
    """Serve the app on ``host:port`` (never shared); ``block=False`` returns once it is up."""
    pipeline.ensure_corpus()
    demo = build_app(pipeline)
    demo.queue(default_concurrency_limit=1)
    # quiet: Gradio's banner suggests share=True, which this offline tool never uses.
    demo.launch(
        server_name=host, server_port=port, inbrowser=open_browser, share=False,
        prevent_thread_lock=True, quiet=True, ssr_mode=False, mcp_server=False,
        pwa=False, footer_links=["api", "settings"], theme=make_theme(), css=APP_CSS,
        head=HEAD,
    )
    if block:
        print(f"{TITLE} is running on {demo.local_url} (Ctrl+C to stop)", file=sys.stderr)
        try:
            demo.block_thread()
        finally:
            demo.close()
    return demo
