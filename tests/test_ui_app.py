"""The real app: Gradio served on localhost over a real store, driven in headless Chromium
and called with gradio_client. No mocks: the pipeline, Chroma and the embedder are real.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

from rag import Pipeline, RagSettings

# Gradio's queue calls pandas APIs that pandas 3 deprecates; not ours to fix.
pytestmark = [pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Launch flags from /work/shared/PLATFORM.md: Playwright cannot download its own browser here.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KIM_DOCS = {"000_98d33dd27db1be93", "003_0899eaed18e29f52"}
ANSWER_TIMEOUT_MS = 60_000
INGEST_TIMEOUT_MS = 120_000

NEW_ARTICLE = """Tallinn opens the Kalamaja footbridge after two years of work

By Mari Tamm (Baltic Wire)

TALLINN - The Kalamaja footbridge over the harbour railway opened to the public on 3 March 2024, the city government said.

The bridge cost 4.2 million euros and carries about 6,000 pedestrians a day, according to city engineers.
"""
HOSTILE_TXT = """Quokka festival opens in Perth <img src=x onerror="window.__pwned=1">

The Quokka Festival in Perth opened on 14 February 2024 <script>window.__pwned=1</script> with a parade of floats.

Organisers expect <img src=x onerror="window.__pwned=1"> forty thousand visitors over the weekend.
"""
HOSTILE_HTML = """<!doctype html><html><head><title>Wombat fair &lt;img src=x onerror="window.__pwned=1"&gt;</title>
<script>window.__pwned = 1</script></head><body>
<h1>Wombat fair &lt;img src=x onerror="window.__pwned=1"&gt; in Hobart</h1>
<p>The Wombat Fair in Hobart began on 2 May 2024 &lt;script&gt;window.__pwned=1&lt;/script&gt; with sixty stalls.</p>
<img src=x onerror="window.__pwned=1"><p>Entry was free for children.</p>
</body></html>
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The real app on a free localhost port over a fresh store holding the seeds."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        from ui.app import launch

        data = tmp_path_factory.mktemp("ui") / "data"
        pipeline = Pipeline(RagSettings(data_dir=data, corpus_dir=SEEDS, show_progress=False))
        pipeline.ingest(SEEDS)
        port = _free_port()
        demo = launch(pipeline, port=port, block=False)
        try:
            yield {"url": f"http://127.0.0.1:{port}/", "pipeline": pipeline, "demo": demo}
        finally:
            demo.close()


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    script = REPO / "scripts" / "install_chromium.sh"
    out = subprocess.run(["bash", str(script)], check=False, capture_output=True,
                         text=True, timeout=900)
    if not CHROMIUM.exists():
        tail = (out.stdout + out.stderr).strip().splitlines()[-5:]
        pytest.skip(f"chromium cannot be installed here ({script} exited {out.returncode}: "
                    f"{' | '.join(tail)})")


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


# Test instrumentation, not a fake: copies what Gradio's queue stream (server-sent events)
# delivers to the page into window.__sse, and hands the page the untouched stream.
SSE_TAP = """
(() => {
  window.__sse = [];
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    const url = String((args[0] && args[0].url) || args[0]);
    if (!url.includes("queue/data") || !response.body) return response;
    const [copy, page] = response.body.tee();
    (async () => {
      const reader = copy.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        window.__sse.push(value);
      }
    })();
    return new Response(page, {status: response.status, statusText: response.statusText,
                               headers: response.headers});
  };
})();
"""


def _strings(obj) -> list[str]:
    """Every string inside a decoded JSON message."""
    if isinstance(obj, str):
        return [obj]
    items = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, list) else []
    return [s for item in items for s in _strings(item)]


def _text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _sse_messages(pg) -> list[dict]:
    text = "".join(pg.evaluate("window.__sse"))
    return [json.loads(line[5:]) for line in text.splitlines() if line.startswith("data:")]


@pytest.fixture
def page(app, browser, tmp_path):
    """A fresh browser session on the app; fails the test if anything leaves localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.add_init_script(SSE_TAP)
    outside: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
          else outside.append(r.url))
    pg.goto(app["url"])
    pg.wait_for_selector("#chat")
    yield pg
    context.close()
    assert not outside, f"the page fetched from outside localhost: {outside}"


def _ask(pg, question: str, *, enter: bool = False) -> None:
    before = pg.locator("#chat .rag-answer:not(.rag-streaming), #chat .rag-error").count()
    pg.fill("#question textarea", question)
    if enter:
        pg.press("#question textarea", "Enter")
    else:
        pg.click("#ask")
    pg.wait_for_function(
        "n => document.querySelectorAll('#chat .rag-answer:not(.rag-streaming), #chat .rag-error')"
        ".length > n", arg=before, timeout=ANSWER_TIMEOUT_MS)
    _wait_idle(pg, "#chat")


def _wait_idle(pg, elem: str) -> None:
    """Wait until the event feeding ``elem`` has completed (its status tracker hides)."""
    pg.wait_for_function(
        "sel => [...document.querySelectorAll(sel + ' [data-testid=status-tracker]')]"
        ".every(el => el.classList.contains('hide'))", arg=elem)


def _last_answer(pg):
    return pg.locator("#chat .rag-answer").last


def _open_tab(pg, name: str) -> None:
    pg.get_by_role("tab", name=name).click()


def _upload(pg, *files: Path) -> str:
    """Add files through the Library tab; returns the ingest report's text."""
    _open_tab(pg, "Library")
    pg.evaluate("""() => {
        const el = document.querySelector('#ingest-report');
        window.__progress = [];
        new MutationObserver(() => window.__progress.push(el.innerText))
            .observe(el, {subtree: true, childList: true, characterData: true});
    }""")
    pg.set_input_files("#upload input[type=file]", [str(f) for f in files])
    for f in files:
        pg.locator("#upload").get_by_text(f.stem).first.wait_for(timeout=30_000)
    pg.click("#add-files")
    report = pg.locator("#ingest-report .rag-ingest-report")
    report.wait_for(timeout=INGEST_TIMEOUT_MS)
    return report.inner_text()


# ---- chat ---------------------------------------------------------------------
@pytest.mark.browser
def test_answer_streams_in_and_cites_the_right_articles(app, page):
    _ask(page, "When did Kim leave Pyongyang?")
    expected = app["pipeline"].query("When did Kim leave Pyongyang?")
    # The browser was sent the answer in pieces: a partial one with text, then the cards.
    # (Read off the wire: the DOM may paint two quick updates as one.)
    updates = [_strings(m) for m in _sse_messages(page) if m.get("msg") == "process_generating"]
    partial = next((i for i, u in enumerate(updates) for html in u
                    if "rag-streaming" in html and _text_of(html).strip("▍ ")), None)
    final = next((i for i, u in enumerate(updates) for html in u if "rag-card" in html), None)
    assert partial is not None and final is not None and partial < final, updates

    answer = _last_answer(page)
    cards = answer.locator(".rag-cards-cite .rag-card")
    cited = {c.doc_id for c in expected.citations}
    assert cited and cited <= KIM_DOCS
    assert cards.count() == len(expected.citations)
    titles = cards.locator(".rag-card-title").all_inner_texts()
    assert titles == [c.title for c in expected.citations]
    marks = cards.locator("mark.rag-quote").all_inner_texts()
    assert marks == [" ".join(c.quote.split()) for c in expected.citations]
    if expected.short_answer:
        assert answer.locator(".rag-short").inner_text() == expected.short_answer
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-answer.png"))


@pytest.mark.browser
def test_clicking_a_marker_brings_its_card_into_view(page):
    _ask(page, "When did Kim leave Pyongyang?")
    for q in ("Who is Dmitry Peskov?", "Where will Kim and Putin meet?"):
        _ask(page, q, enter=True)  # push the first answer's cards out of view
    # A long answer is shown from its question down, not pinned to its last card.
    page.wait_for_function(_NEWEST_QUESTION_IN_VIEW)
    first = page.locator("#chat .rag-answer").first
    card = first.locator(".rag-cards-cite .rag-card").first
    card_id = card.get_attribute("id")
    assert page.evaluate(_IN_VIEW, card_id) is False
    first.locator(f'a.rag-ref[href="#{card_id}"]').first.click()
    page.wait_for_function("id => document.getElementById(id).matches(':target')", arg=card_id)
    page.wait_for_function(_IN_VIEW, arg=card_id)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-cite-target.png"))


_NEWEST_QUESTION_IN_VIEW = """() => {
    const qs = document.querySelectorAll('#chat .rag-question');
    const q = qs[qs.length - 1].getBoundingClientRect();
    const box = document.querySelector('#chat').getBoundingClientRect();
    return q.top >= box.top && q.bottom <= box.bottom;
}"""
# True when the element is fully inside the viewport and inside every scrolling ancestor.
_IN_VIEW = """id => {
    const r = document.getElementById(id).getBoundingClientRect();
    let el = document.getElementById(id).parentElement;
    if (r.top < 0 || r.bottom > window.innerHeight) return false;
    for (; el; el = el.parentElement) {
        const p = el.getBoundingClientRect();
        const scrolls = /(auto|scroll)/.test(getComputedStyle(el).overflowY);
        if (scrolls && (r.top < p.top - 1 || r.bottom > p.bottom + 1))
            return false;
    }
    return true;
}"""


def _shown(answer) -> tuple[bool, list[str]]:
    """(abstained, cited titles) as the page shows one answer."""
    return (answer.locator(".rag-abstain").count() > 0,
            answer.locator(".rag-cards-cite .rag-card-title").all_inner_texts())


def _expected(answer) -> tuple[bool, list[str]]:
    return answer.abstained, [c.title for c in answer.citations]


@pytest.mark.browser
def test_follow_up_uses_the_conversation_and_start_over_forgets_it(app, page):
    first, follow = "When will Kim meet Putin?", "And where?"
    pipeline = app["pipeline"]
    _ask(page, first)
    _ask(page, follow)
    assert page.locator("#chat .rag-question").all_inner_texts() == [first, follow]
    assert _shown(_last_answer(page)) == _expected(pipeline.query(follow, history=[first]))
    page.wait_for_function(_NEWEST_QUESTION_IN_VIEW)

    with page.expect_response(lambda r: r.url.endswith("/run/predict") and r.ok):
        page.click("#start-over")
    page.wait_for_function("() => !document.querySelector('#chat .rag-question')")
    assert page.locator("#chat .rag-answer").count() == 0
    assert page.input_value("#question textarea") == ""
    _ask(page, follow)  # now without the earlier question
    assert _shown(_last_answer(page)) == _expected(pipeline.query(follow))


@pytest.mark.browser
def test_chat_trash_button_also_forgets_the_conversation(app, page):
    _ask(page, "When will Kim meet Putin?")
    # The Chatbot empties itself at once; wait for the server to have reset the history.
    with page.expect_response(lambda r: r.url.endswith("/run/predict") and r.ok):
        page.locator("#chat button[aria-label=Clear]").click()
    assert page.locator("#chat .rag-question").count() == 0
    _ask(page, "And where?")
    assert _shown(_last_answer(page)) == _expected(app["pipeline"].query("And where?"))


@pytest.mark.browser
def test_abstention_is_shown_with_related_passages(page):
    _ask(page, "What is the capital of France?")
    answer = _last_answer(page)
    assert answer.locator(".rag-abstain").is_visible()
    assert answer.locator(".rag-short").count() == 0
    assert answer.locator(".rag-cards-related .rag-card").count() >= 1


@pytest.mark.browser
def test_refused_question_shows_the_error_in_the_chat(page):
    _ask(page, "x " * 1500)
    assert "limit is" in page.locator("#chat .rag-error").last.inner_text()


@pytest.mark.browser
def test_settings_change_the_retrieval(app, page):
    page.locator("#retrieval-mode").get_by_text("BM25", exact=True).click()
    page.fill("#top-k input[type=number]", "2")
    page.press("#top-k input[type=number]", "Tab")
    _ask(page, "When did Kim leave Pyongyang?")
    expected = app["pipeline"].query("When did Kim leave Pyongyang?", retrieval_mode="bm25",
                                     top_k=2)
    titles = _last_answer(page).locator(".rag-cards-cite .rag-card-title").all_inner_texts()
    assert titles == [c.title for c in expected.citations]
    assert _last_answer(page).locator(".rag-footer").inner_text().startswith(
        "BM25 retrieval · top-k 2")


# ---- library ------------------------------------------------------------------
@pytest.mark.browser
def test_upload_an_article_then_ask_about_it_then_delete_it(app, page, tmp_path):
    f = tmp_path / "kalamaja_bridge.txt"
    f.write_text(NEW_ARTICLE, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    report = _upload(page, f)
    assert "1 added" in report and "kalamaja_bridge" in report
    progress = page.evaluate("window.__progress")
    assert any(re.search(r"\d%", t) for t in progress), f"no progress was shown: {progress}"
    table = page.locator("#library-table")
    assert "Tallinn opens the Kalamaja footbridge" in table.inner_text()

    _open_tab(page, "Ask")
    _ask(page, "When did the Kalamaja footbridge open?")
    titles = _last_answer(page).locator(".rag-card-title").all_inner_texts()
    assert "Tallinn opens the Kalamaja footbridge after two years of work" in titles

    _open_tab(page, "Library")
    page.locator("#delete-pick input").fill("Kalamaja")
    page.get_by_role("option", name="kalamaja_bridge").first.click()
    page.click("#delete-doc")
    page.locator("#delete-status").get_by_text("Deleted").wait_for()
    page.wait_for_function(
        "() => !document.querySelector('#library-table').innerText.includes('Kalamaja')")
    assert "kalamaja_bridge" not in {d.doc_id for d in app["pipeline"].documents()}
    page.screenshot(path=str(ARTIFACTS / "ui-library.png"), full_page=True)


@pytest.mark.browser
def test_ingest_errors_are_shown(page, tmp_path):
    empty = tmp_path / "empty_article.txt"
    empty.write_text("   \n", encoding="utf-8")
    report = _upload(page, empty)
    assert "could not be added" in report
    assert "empty_article.txt" in report and "empty" in report


@pytest.mark.browser
def test_hostile_documents_render_as_inert_text(app, page, tmp_path):
    (tmp_path / "quokka_festival.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (tmp_path / "wombat_fair.html").write_text(HOSTILE_HTML, encoding="utf-8")
    report = _upload(page, tmp_path / "quokka_festival.txt", tmp_path / "wombat_fair.html")
    assert "2 added" in report
    table = page.locator("#library-table").inner_text()
    assert 'Quokka festival opens in Perth <img src=x onerror="window.__pwned=1">' in table

    _open_tab(page, "Ask")
    _ask(page, "When did the Quokka Festival in Perth open?")
    _ask(page, "When did the Wombat Fair in Hobart begin?")
    chat = page.locator("#chat").inner_text()
    assert "<script>window.__pwned=1</script>" in chat
    assert 'onerror="window.__pwned=1"' in chat
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x'], #chat script, #library-table script").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-hostile.png"))


# ---- API ----------------------------------------------------------------------
def test_app_is_local_and_private(app):
    demo = app["demo"]
    assert demo.server_name == "127.0.0.1" and demo.share_url is None
    assert demo.analytics_enabled is False


def test_gradio_client_calls_the_ask_endpoint(app):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app["url"], verbose=False)
    got = client.predict("When did Kim leave Pyongyang?", api_name="/ask")
    assert got["question"] == "When did Kim leave Pyongyang?"
    assert got["citations"] and {c["doc_id"] for c in got["citations"]} <= KIM_DOCS
    follow = client.predict(question="And where was he going?",
                            history=["When did Kim leave Pyongyang?"], top_k=3,
                            retrieval_mode="bm25", api_name="/ask")
    assert isinstance(follow["text"], str) and "abstained" in follow
    docs = client.predict(api_name="/documents")
    assert KIM_DOCS <= {d["doc_id"] for d in docs}
    assert all(set(d) == {"doc_id", "title", "source", "published", "chunks"} for d in docs)
    public = {e for e in client.view_api(print_info=False, return_format="dict")["named_endpoints"]}
    assert public == {"/ask", "/documents"}
    with pytest.raises(AppError, match="the question is empty"):
        client.predict("   ", api_name="/ask")
