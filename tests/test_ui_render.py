"""The HTML the UI builds: quotes found in their paragraphs, everything escaped."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from rag.types import Answer, Citation, DocumentInfo, IngestReport
from ui import render

REPO = Path(__file__).resolve().parent.parent
HOSTILE = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">'
TEXT = (
    "Headline of the day\n\n"
    "First paragraph says nothing.\n\n"
    "Kim left Pyongyang on Sunday. He took a train. " + HOSTILE + " It was armoured.\n"
    "Next line is another paragraph."
)


def _cite(quote: str, number: int = 1, text: str = TEXT, **kw) -> Citation:
    start = text.index(quote)
    fields = {"number": number, "doc_id": "doc_a", "title": "A title", "source": "AP",
              "published": date(2023, 9, 11), "quote": quote, "start": start,
              "end": start + len(quote), "score": 0.5}
    fields.update(kw)
    return Citation(**fields)


def test_passage_is_the_paragraph_between_newlines():
    c = _cite("He took a train.")
    p = render.find_passage(TEXT, c.quote, c.start, c.end)
    assert p.found
    assert p.before == "Kim left Pyongyang on Sunday. "
    assert p.quote == "He took a train."
    assert p.after == " " + HOSTILE + " It was armoured."


def test_passage_falls_back_to_searching_when_offsets_are_stale():
    c = _cite("He took a train.")
    p = render.find_passage("New intro.\n" + TEXT, c.quote, c.start, c.end)
    assert p.found and p.quote == c.quote and p.before.startswith("Kim left")


def test_passage_missing_quote_is_reported_not_invented():
    p = render.find_passage(TEXT, "A sentence that is not there.", 0, 5)
    assert not p.found and p.quote == "A sentence that is not there." and p.before == p.after == ""


def test_long_paragraph_is_cut_around_the_quote():
    words = " ".join(f"word{i}" for i in range(400))
    text = f"{words} The quoted sentence. {words}"
    c = _cite("The quoted sentence.", text=text)
    p = render.find_passage(text, c.quote, c.start, c.end)
    assert p.quote == "The quoted sentence."
    assert p.before.startswith("… ") and p.after.endswith(" …")
    assert len(p.before) <= render.CONTEXT_CHARS + 2 and len(p.after) <= render.CONTEXT_CHARS + 2


def test_card_escapes_document_text_and_marks_the_quote():
    c = _cite("He took a train.", title='Evil <img src=x onerror="window.__pwned=1"> title',
              source="<b>Agency</b>")
    html = render.render_card(c, {"doc_a": TEXT}.__getitem__, turn=3)
    assert 'id="cite-3-1"' in html
    assert '<mark class="rag-quote">He took a train.</mark>' in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "11 September 2023" in html and "&lt;b&gt;Agency&lt;/b&gt;" in html


def test_card_for_a_deleted_document_shows_the_quote_alone():
    c = _cite("He took a train.")

    def gone(doc_id: str) -> str:
        raise KeyError(doc_id)

    html = render.render_card(c, gone, turn=1)
    assert '<mark class="rag-quote">He took a train.</mark>' in html
    assert "changed or deleted" in html


def test_markdown_subset_links_only_known_citation_numbers():
    md = "**Sunday**\n> Kim left on Sunday <em>. [1] [7]\n\nAfter *that*."
    html = render.render_markdown(md, turn=2, numbers={1})
    assert html.startswith("<p><strong>Sunday</strong></p>")
    assert '<blockquote class="rag-answer-quote">' in html
    assert '<a class="rag-ref" href="#cite-2-1" title="Show source [1]">[1]</a>' in html
    assert "[7]" in html and 'href="#cite-2-7"' not in html
    assert "&lt;em&gt;" in html and "<em>that</em>" in html


def test_answer_shows_short_answer_once_and_a_card_per_citation():
    c1, c2 = _cite("Kim left Pyongyang on Sunday.", 1), _cite("He took a train.", 2)
    text = f"**Sunday**\n> {c1.quote} [1]\n> {c2.quote} [2]"
    answer = Answer(text=text, short_answer="Sunday", abstained=False, citations=[c1, c2])
    html = render.render_answer(answer, {"doc_a": TEXT}.__getitem__, turn=4)
    assert '<div class="rag-short" role="status">Sunday</div>' in html
    assert html.count("<strong>Sunday</strong>") == 0  # not repeated in the body
    assert 'id="cite-4-1"' in html and 'id="cite-4-2"' in html
    assert "rag-abstain" not in html


def test_abstention_is_shown_as_such_with_related_passages():
    rel = _cite("It was armoured.", 1)
    answer = Answer(text="The articles don't say.\n\n- “It was armoured.” — *A title*",
                    short_answer=None, abstained=True, related=[rel])
    html = render.render_answer(answer, {"doc_a": TEXT}.__getitem__, turn=1)
    assert "No answer in the articles" in html and "The articles don" in html
    assert "Related passages" in html and 'id="related-1-1"' in html
    assert "<li>" not in html  # the list the cards repeat
    assert "rag-short" not in html and 'id="cite-' not in html


def test_chat_html_has_no_blank_lines():
    """The Chatbot's Markdown parser ends a raw HTML block at a blank line; a blank line
    inside a message would let an article's '*' or '$' be parsed as Markdown."""
    c = _cite("He took a train.")
    answer = Answer(text="**x**\n\n> He took a train. [1]\n\n\nmore", short_answer="x",
                    abstained=False, citations=[c], related=[c])
    for html in (render.render_answer(answer, {"doc_a": TEXT}.__getitem__, 1),
                 render.render_partial("a\n\nb", 1), render.render_question("a\n\nb"),
                 render.render_error("bad\n\nworse")):
        assert "\n" not in html


def test_library_and_ingest_report_escape_and_name_files():
    docs = [DocumentInfo("d1", "<script>x</script>", "S", date(2024, 1, 2), 3, "/p/d1.txt"),
            DocumentInfo("d2", "Plain", "", None, 1, "/p/d2.txt")]
    table = render.render_library(docs)
    assert "&lt;script&gt;x&lt;/script&gt;" in table and "<script>" not in table
    assert "2 documents, 4 chunks" in table and "date unknown" in table
    report = IngestReport(added=["d1"], errors=[("/tmp/gradio/abc/empty.txt",
                                                 "/tmp/gradio/abc/empty.txt: file is empty")])
    html = render.render_ingest_report(report, {"/tmp/gradio/abc/empty.txt": "empty.txt"})
    assert "1 file(s) could not be added" in html
    assert "<code>empty.txt</code>: empty.txt: file is empty" in html
    assert "/tmp/gradio" not in html


def test_python_m_ui_help():
    out = subprocess.run([sys.executable, "-m", "ui", "--help"], check=False, cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "--port" in out.stdout and "--host" in out.stdout


def test_conflict_is_flagged():
    c = _cite("He took a train.")
    answer = Answer(text="**x**\n> He took a train. [1]", short_answer="x", abstained=False,
                    citations=[c], conflict=True)
    assert "The articles disagree" in render.render_answer(answer, {"doc_a": TEXT}.__getitem__, 1)


def test_partial_answer_closes_an_unfinished_bold_span():
    html = render.render_partial("**Sunday even", 1)
    assert "<strong>Sunday even</strong>" in html and "**" not in html


def test_a_short_answer_that_names_its_quote_is_shown_once_with_its_link():
    c1 = _cite("Kim left Pyongyang on Sunday.", 1)
    c2 = _cite("He took a train.", 2)
    text = "**a train** [2]\n> Kim left Pyongyang on Sunday. [1]\n> He took a train. [2]"
    answer = Answer(text=text, short_answer="a train", abstained=False, citations=[c1, c2])
    html = render.render_answer(answer, lambda doc_id: TEXT, turn=1)
    short = html.split('<div class="rag-short" role="status">', 1)[1].split("</div>", 1)[0]
    assert short.startswith("a train ") and 'href="#' in short and "[2]</a>" in short
    assert "<strong>a train</strong>" not in html  # not repeated in the body
