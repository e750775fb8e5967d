"""Look of the app: a theme with system fonts only (nothing fetched) and the card CSS."""

from __future__ import annotations

import gradio as gr

# System font stacks: Gradio's default theme asks Google Fonts for its web fonts, which
# cannot load offline (and would leak a request); these need no download.
SANS = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]


def make_theme() -> gr.themes.Base:
    """Gradio's default theme with system fonts."""
    return gr.themes.Default(primary_hue="blue", font=SANS, font_mono=MONO)


APP_CSS = """
.rag-header h1 { margin: 0 0 .2rem 0; font-size: 1.5rem; }
.rag-header p { margin: 0; color: var(--body-text-color-subdued); }

.rag-question { white-space: pre-wrap; }
.rag-answer { display: flex; flex-direction: column; gap: .6rem; }
.rag-answer p { margin: 0 0 .4rem 0; }
.rag-short {
  font-size: 1.25rem; font-weight: 700; line-height: 1.35;
  padding: .5rem .8rem; border-radius: 8px;
  background: var(--color-accent-soft); border-left: 5px solid var(--color-accent);
}
.rag-abstain, .rag-conflict, .rag-error {
  padding: .5rem .8rem; border-radius: 8px; line-height: 1.4;
}
.rag-abstain { background: #fff4e5; border-left: 5px solid #d97706; color: #5c3a00; }
.rag-conflict { background: #fdecec; border-left: 5px solid #dc2626; color: #6b1111; }
.rag-error { background: #fdecec; border-left: 5px solid #dc2626; color: #6b1111; }
/* Gradio's prose style sets blockquote margins with !important; so must we. */
#chat .rag-body blockquote.rag-answer-quote {
  margin: .3rem 0 !important; padding: .2rem .8rem; border-left: 3px solid var(--border-color-primary);
  color: var(--body-text-color); font-style: normal;
}
a.rag-ref {
  display: inline-block; padding: 0 .25rem; margin: 0 .05rem; border-radius: 4px;
  font-weight: 600; font-size: .85em; text-decoration: none;
  background: var(--color-accent-soft); color: var(--color-accent);
}
a.rag-ref:hover, a.rag-ref:focus { background: var(--color-accent); color: white; }
.rag-cursor { animation: rag-blink 1s steps(1) infinite; color: var(--color-accent); }
@keyframes rag-blink { 50% { opacity: 0; } }

.rag-cards { display: flex; flex-direction: column; gap: .5rem; }
h4.rag-cards-head {
  margin: .3rem 0 0 0; font-size: .8rem; letter-spacing: .06em; text-transform: uppercase;
  color: var(--body-text-color-subdued);
}
.rag-card {
  border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .55rem .75rem; background: var(--background-fill-primary);
  scroll-margin: 1rem; transition: box-shadow .3s, border-color .3s;
}
.rag-card:target, .rag-card.rag-targeted {
  border-color: var(--color-accent); box-shadow: 0 0 0 3px var(--color-accent-soft);
}
.rag-card-head { font-weight: 600; line-height: 1.35; }
.rag-card-num { color: var(--color-accent); margin-right: .2rem; }
.rag-card-meta { margin: .15rem 0 .35rem 0 !important; font-size: .85rem;
  color: var(--body-text-color-subdued); }
.rag-card-doc { font-size: .75rem; }
#chat blockquote.rag-card-para {
  margin: 0 !important; padding: 0 0 0 .6rem; border-left: 3px solid var(--border-color-primary);
  font-size: .92rem; line-height: 1.5; white-space: normal; color: var(--body-text-color);
}
mark.rag-quote { background: #fde68a; color: #1f2937; padding: 0 .1rem; border-radius: 2px; }
.rag-card-related { opacity: .92; }
.rag-footer { margin: 0 !important; font-size: .78rem; color: var(--body-text-color-subdued); }
.rag-card-note { font-size: .8rem; color: var(--body-text-color-subdued); }

#library-table .rag-library { width: 100%; border-collapse: collapse; font-size: .92rem;
  border: none; }
#library-table .rag-library th, #library-table .rag-library td {
  text-align: left; padding: .35rem .5rem; vertical-align: top;
  border: none; border-bottom: 1px solid var(--border-color-primary);
}
#library-table .rag-library th { border-bottom-width: 2px; }
#library-table .rag-library td.rag-num { text-align: right; }
.rag-lib-count { color: var(--body-text-color-subdued); margin: 0 0 .3rem 0; }
/* Gradio's dark mode puts .dark on an ancestor. */
.dark .rag-abstain { background: #3a2a0c; color: #fde7c2; }
.dark .rag-conflict, .dark .rag-error, .dark .rag-ingest-errors { background: #3b1414; color: #fecaca; }
.dark mark.rag-quote { background: #a16207; color: #fffbeb; }
.rag-ingest-errors {
  margin-top: .4rem; padding: .5rem .8rem; border-radius: 8px;
  background: #fdecec; border-left: 5px solid #dc2626; color: #6b1111;
}
.rag-ingest-errors ul { margin: .3rem 0 0 1.2rem; }
.rag-status-ok { color: #166534; }
.rag-status-error { color: #b91c1c; font-weight: 600; }
"""
