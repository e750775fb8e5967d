"""The app's own browser-side script, injected into the page head.

It never touches document text: it only scrolls. Gradio's Chatbot autoscroll is off
(``autoscroll=False``) because it pins the view to the *bottom* of the newest message,
300 ms after every update: a long answer's short answer scrolled out of sight, and a
click on ``[n]`` right after an answer arrived was undone. Instead, when a new turn
appears, this script scrolls the chat so that turn's question sits at the top; the
streaming answer and its cards follow below it, and ``[n]`` links work by plain anchor
navigation (``href="#cite-<turn>-<n>"``, styled with ``:target``).
"""

HEAD = """
<script>
(() => {
  let lastTurn = 0;
  function scroller(el) {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const oy = getComputedStyle(p).overflowY;
      if ((oy === "auto" || oy === "scroll") && p.scrollHeight > p.clientHeight) return p;
    }
    return null;
  }
  function showNewTurn() {
    const chat = document.getElementById("chat");
    if (!chat) return;
    const turns = chat.querySelectorAll(".rag-question");
    if (turns.length < lastTurn) lastTurn = turns.length;  // start over
    if (turns.length === lastTurn) return;
    const q = turns[turns.length - 1];
    const box = scroller(q);
    if (!box) return;  // nothing to scroll yet: retried when the answer makes the chat taller
    box.scrollTop += q.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    lastTurn = turns.length;
  }
  new MutationObserver(showNewTurn).observe(document.documentElement,
                                            {childList: true, subtree: true});
})();
</script>
"""
