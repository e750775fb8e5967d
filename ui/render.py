"""HTML for the chat: answers, citation cards with highlighted quotes, the library table.

Everything that comes from a document or a user (titles, sources, quotes, paragraphs,
file names, error messages) goes through :func:`html.escape` here before it becomes
HTML; nothing else in ``ui/`` builds HTML. The Chatbot renders an assistant message
through its Markdown parser, so every fragment is emitted as one HTML block without
blank lines: CommonMark passes such a block through untouched, and the literal ``*``,
``_`` or ``$`` of an article stay text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from rag.types import Answer, Citation, DocumentInfo

# A paragraph longer than this is cut to a window around the quote, so one card never
# fills the screen (the full text is one click away in the library).
MAX_PARAGRAPH_CHARS = 900
# Characters of context kept on each side of the quote when a paragraph is cut.
CONTEXT_CHARS = 320

# How each retrieval mode (rag.settings.RetrievalMode) is named on screen.
RETRIEVAL_LABELS = {"hybrid": "Hybrid (BM25 + dense)", "dense": "Dense", "bm25": "BM25"}

_CITE_MARK = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")

TextLookup = Callable[[str], str]


@dataclass(frozen=True)
class Passage:
    """A quote inside its paragraph: ``before + quote + after`` is what the card shows."""

    before: str
    quote: str
    after: str
    found: bool


def anchor_id(turn: int, number: int, kind: str = "cite") -> str:
    """The element id of card ``[number]`` of the answer in chat turn ``turn``."""
    return f"{kind}-{turn}-{number}"


def find_passage(text: str, quote: str, start: int, end: int) -> Passage:
    """The paragraph (between newlines) around ``text[start:end]``, cut if very long."""
    if not (0 <= start < end <= len(text)) or text[start:end] != quote:
        start = text.find(quote) if quote else -1
        if start < 0:
            return Passage("", quote, "", found=False)
        end = start + len(quote)
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    p_end = len(text) if p_end < 0 else p_end
    before, after = text[p_start:start], text[end:p_end]
    if p_end - p_start > MAX_PARAGRAPH_CHARS:
        before, after = _cut_left(before), _cut_right(after)
    return Passage(before.lstrip(), text[start:end], after.rstrip(), found=True)


def _cut_left(s: str) -> str:
    if len(s) <= CONTEXT_CHARS:
        return s
    cut = s[-CONTEXT_CHARS:]
    return "… " + cut.split(" ", 1)[-1]


def _cut_right(s: str) -> str:
    if len(s) <= CONTEXT_CHARS:
        return s
    cut = s[:CONTEXT_CHARS]
    return cut.rsplit(" ", 1)[0] + " …"


def format_date(d: date | None) -> str:
    """'12 September 2023', or 'date unknown'."""
    return f"{d.day} {d.strftime('%B %Y')}" if d else "date unknown"


def _one_line(s: str) -> str:
    # The Chatbot's Markdown parser ends an HTML block at a blank line: keep each
    # fragment on a single line so the whole message stays one block.
    return " ".join(s.split())


def render_card(c: Citation, text_of: TextLookup, turn: int, kind: str = "cite") -> str:
    """One citation card: [n], title, source, date and the quote marked in its paragraph."""
    try:
        passage = find_passage(text_of(c.doc_id), c.quote, c.start, c.end)
    except KeyError:
        passage = Passage("", c.quote, "", found=False)
    note = "" if passage.found else (
        '<p class="rag-card-note">This document was changed or deleted since; '
        "the quote is shown on its own.</p>"
    )
    when = (f'<time datetime="{c.published.isoformat()}">{format_date(c.published)}</time>'
            if c.published else "date unknown")
    source = escape(_one_line(c.source)) if c.source else "source unknown"
    para = (f"{escape(_one_line(passage.before))} "
            f'<mark class="rag-quote">{escape(_one_line(passage.quote))}</mark> '
            f"{escape(_one_line(passage.after))}")
    return (
        f'<article class="rag-card rag-card-{kind}" id="{anchor_id(turn, c.number, kind)}">'
        f'<header class="rag-card-head"><span class="rag-card-num">[{c.number}]</span> '
        f'<span class="rag-card-title">{escape(_one_line(c.title or c.doc_id))}</span></header>'
        f'<p class="rag-card-meta"><span class="rag-card-source">{source}</span> · {when}'
        f' · <code class="rag-card-doc">{escape(c.doc_id)}</code></p>'
        f'<blockquote class="rag-card-para">{para.strip()}</blockquote>{note}</article>'
    )


def render_inline(text: str, turn: int, numbers: set[int]) -> str:
    """Escape one line of answer Markdown, then apply bold, italics and [n] links."""
    out = escape(text, quote=False)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in numbers:
            return m.group(0)
        return (f'<a class="rag-ref" href="#{anchor_id(turn, n)}" '
                f'title="Show source [{n}]">[{n}]</a>')

    return _CITE_MARK.sub(link, out)


def render_markdown(text: str, turn: int, numbers: set[int], lists: bool = True) -> str:
    """The small Markdown subset answers use: paragraphs, '> ' quotes, '- ' lists, bold.

    ``lists=False`` leaves out list items (an abstention's related passages, shown as cards).
    """
    blocks: list[str] = []
    kind, lines = None, []

    def flush() -> None:
        if not lines:
            return
        inner = [render_inline(ln, turn, numbers) for ln in lines]
        if kind == "quote":
            blocks.append(f'<blockquote class="rag-answer-quote">{"<br>".join(inner)}</blockquote>')
        elif kind == "list":
            if lists:
                blocks.append("<ul>" + "".join(f"<li>{i}</li>" for i in inner) + "</ul>")
        else:
            blocks.append(f"<p>{'<br>'.join(inner)}</p>")
        lines.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            flush()
            kind = None
            continue
        if line.startswith(">"):
            new_kind, line = "quote", line[1:].strip()
        elif line[:2] in ("- ", "* "):
            new_kind, line = "list", line[2:].strip()
        else:
            new_kind = "para"
        if new_kind != kind:
            flush()
            kind = new_kind
        lines.append(line)
    flush()
    return "".join(blocks)


def _short_answer_line(answer: Answer) -> tuple[str, str] | None:
    """(the citation markers after it, the rest of the text) when the answer text opens with
    its '**short answer**' line, which may name its quote ('**61-year-old** [2]')."""
    if not answer.short_answer:
        return None
    head, _, rest = answer.text.lstrip().partition("\n")
    m = re.fullmatch(rf"\*\*{re.escape(answer.short_answer)}\*\*((?:\s*\[\d{{1,3}}\])*)", head.strip())
    return (m.group(1).strip(), rest) if m else None


def _body_without_short_answer(answer: Answer) -> str:
    """The answer text minus a leading '**short answer**' line shown in its own box."""
    line = _short_answer_line(answer)
    return line[1] if line else answer.text


def render_answer(answer: Answer, text_of: TextLookup, turn: int, footer: str = "") -> str:
    """A finished answer: short answer or abstention, the text, one card per citation, footer."""
    numbers = {c.number for c in answer.citations}
    parts = ['<div class="rag-answer">']
    if answer.abstained:
        parts.append('<div class="rag-abstain" role="status"><strong>No answer in the '
                     "articles</strong></div>")
    elif answer.short_answer:
        line = _short_answer_line(answer)
        marks = " " + render_inline(line[0], turn, numbers) if line and line[0] else ""
        parts.append(f'<div class="rag-short" role="status">{escape(_one_line(answer.short_answer))}{marks}</div>')
    if answer.conflict:
        parts.append('<div class="rag-conflict" role="note">The articles disagree on this: '
                     "compare the cited sources.</div>")
    body = answer.text if answer.abstained else _body_without_short_answer(answer)
    # An abstention's text lists the related passages that the cards below show in full.
    lists = not (answer.abstained and answer.related)
    parts.append(f'<div class="rag-body">{render_markdown(body, turn, numbers, lists)}</div>')
    parts.append(_card_section("Sources", answer.citations, text_of, turn, "cite"))
    parts.append(_card_section("Related passages", answer.related, text_of, turn, "related"))
    if footer:
        parts.append(f'<p class="rag-footer">{escape(_one_line(footer))}</p>')
    parts.append("</div>")
    return "".join(parts)


def _card_section(heading: str, cites: Sequence[Citation], text_of: TextLookup,
                  turn: int, kind: str) -> str:
    if not cites:
        return ""
    cards = "".join(render_card(c, text_of, turn, kind) for c in cites)
    return (f'<section class="rag-cards rag-cards-{kind}"><h4 class="rag-cards-head">'
            f"{heading}</h4>{cards}</section>")


def render_partial(text: str, turn: int) -> str:
    """An answer still streaming in: the text so far, no cards yet."""
    if text.count("**") % 2:
        text += "**"  # close a bold span still arriving, rather than show its '**'
    body = render_markdown(text, turn, set())
    return ('<div class="rag-answer rag-streaming">'
            f'<div class="rag-body">{body}<span class="rag-cursor">▍</span></div></div>')


def render_question(question: str) -> str:
    """A user message, shown as text."""
    return f'<div class="rag-question">{escape(_one_line(question))}</div>'


def render_error(message: str, title: str = "Cannot ask that") -> str:
    """A question the pipeline refused (empty, too long, …) or a failure, shown as such."""
    return (f'<div class="rag-error" role="alert"><strong>{escape(title)}:</strong> '
            f"{escape(_one_line(message))}</div>")


def render_library(docs: Iterable[DocumentInfo]) -> str:
    """The library table: title, date, source, chunk count and id of every document."""
    docs = sorted(docs, key=lambda d: (d.published or date.min, d.title), reverse=True)
    if not docs:
        return '<p class="rag-empty">The library is empty: add articles below.</p>'
    rows = "".join(
        f"<tr><td class=\"rag-lib-title\">{escape(d.title or d.doc_id)}</td>"
        f"<td>{format_date(d.published)}</td><td>{escape(d.source) or '—'}</td>"
        f'<td class="rag-num">{d.chunks}</td><td><code>{escape(d.doc_id)}</code></td></tr>'
        for d in docs
    )
    total = sum(d.chunks for d in docs)
    return (f'<p class="rag-lib-count">{len(docs)} documents, {total} chunks</p>'
            '<table class="rag-library"><thead><tr><th>Title</th><th>Published</th>'
            '<th>Source</th><th>Chunks</th><th>ID</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def render_ingest_report(report, names: dict[str, str] | None = None) -> str:
    """What an upload did, with every error (file name and message) spelled out."""
    names = names or {}
    lines = [f'<p class="rag-ingest-summary">{escape(report.summary())}</p>']
    for label, ids in (("Added", report.added), ("Updated", report.updated),
                       ("Already stored", report.unchanged)):
        if ids:
            lines.append(f"<p>{label}: {', '.join(f'<code>{escape(i)}</code>' for i in ids)}</p>")
    if report.errors:
        items = "".join(
            f"<li><code>{escape(names.get(path, path))}</code>: "
            f"{escape(message.replace(path, names.get(path, path)))}</li>"
            for path, message in report.errors
        )
        lines.append(f'<div class="rag-ingest-errors" role="alert"><strong>'
                     f"{len(report.errors)} file(s) could not be added:</strong><ul>{items}</ul></div>")
    return f'<div class="rag-ingest-report">{"".join(lines)}</div>'


def render_status(message: str, kind: str = "info") -> str:
    """A one-line status note (kind: info, ok or error)."""
    role = ' role="alert"' if kind == "error" else ""
    return f'<p class="rag-status rag-status-{kind}"{role}>{escape(message)}</p>'
