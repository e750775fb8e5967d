"""The ``rag`` command line: ingest, query, stats, docs, delete, ui, eval.

Heavy libraries load inside the commands, so ``rag --help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    p = argparse.ArgumentParser(
        prog="rag",
        description="Offline question answering over news articles, with verbatim citations.",
        epilog="Settings also come from RAG_* environment variables (e.g. RAG_DATA_DIR, "
               "RAG_CORPUS_DIR, RAG_TOP_K); see README.md.",
    )
    p.add_argument("--data-dir", type=Path, help="store location (default: $RAG_DATA_DIR or "
                                                 "~/.local/share/newsrag)")
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    ing = sub.add_parser("ingest", help="add or update files and folders in the store",
                         description="Ingest .txt, .md and .html files (folders recursively). "
                                     "Unchanged files are skipped, changed ones replaced, and "
                                     "files gone from an ingested folder removed. Documents "
                                     "stored by an older version of the analysis are analysed "
                                     "again from their stored text.")
    ing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ing.add_argument("--no-progress", action="store_true", help="no progress bars")

    q = sub.add_parser("query", help="answer a question", description="Answer a question from "
                       "the stored articles; the first query on an empty store ingests the corpus.")
    q.add_argument("question")
    q.add_argument("--json", action="store_true", help="print the answer as JSON")
    q.add_argument("--top-k", type=int, metavar="N", help="chunks to read (default 5)")
    q.add_argument("--mode", choices=["hybrid", "dense", "bm25"], help="retrieval mode")
    q.add_argument("--doc-id", action="append", dest="doc_ids", metavar="ID",
                   help="only search this document (repeatable)")
    q.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="published on or after")
    q.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="published on or before")
    q.add_argument("--after", action="append", dest="history", metavar="EARLIER", default=[],
                   help="an earlier question of the conversation, oldest first (repeatable): "
                        "follow-ups such as \"and where will they meet?\" or \"what did he say next?\"")

    sub.add_parser("stats", help="documents, chunks and where the store is")
    sub.add_parser("docs", help="list stored documents")
    d = sub.add_parser("delete", help="remove a document from the store")
    d.add_argument("doc_id")

    ui = sub.add_parser("ui", help="start the chat UI in a browser tab")
    ui.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", 7860)),
                    help="port (default 7860 or $RAG_UI_PORT)")

    ev = sub.add_parser("eval", help="run the evaluation suites (see `rag eval --help`)",
                        add_help=False)
    ev.add_argument("eval_args", nargs=argparse.REMAINDER)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``rag`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "eval" in argv:
        # Everything after `eval` belongs to the eval CLI (argparse's REMAINDER drops "--help").
        i = argv.index("eval")
        if all(a.startswith("-") or argv[j - 1] == "--data-dir" for j, a in enumerate(argv[:i])):
            from eval.cli import main as eval_main

            return eval_main(argv[i + 1 :])
    args = build_parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # bm25s sets its own logger to DEBUG when it is imported
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("rag: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one readable line, not a traceback
        if args.verbose:
            raise
        print(f"rag: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _pipeline(args, **overrides):
    from rag.pipeline import Pipeline
    from rag.settings import RagSettings

    if args.data_dir:
        overrides["data_dir"] = args.data_dir
    return Pipeline(RagSettings(**overrides))


def cmd_ingest(args) -> int:
    p = _pipeline(args, **({"show_progress": False} if args.no_progress else {}))
    report = p.ingest(*args.paths)
    for path, msg in report.errors:
        print(f"rag: skipped: {path}: {msg}", file=sys.stderr)
    print(report.summary())
    return EXIT_PARTIAL if report.errors else EXIT_OK


def cmd_query(args) -> int:
    p = _pipeline(args)
    opts = {k: v for k, v in {"top_k": args.top_k, "retrieval_mode": args.mode,
                              "doc_ids": args.doc_ids, "date_from": args.date_from,
                              "date_to": args.date_to}.items() if v}
    answer = p.query(args.question, history=args.history, **opts)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(answer.text)
    if answer.citations:
        print()
        for c in answer.citations:
            when = c.published.isoformat() if c.published else "undated"
            print(f"[{c.number}] {c.title} — {c.source or 'unknown source'}, {when} "
                  f"({c.doc_id}, chars {c.start}–{c.end})")
    return EXIT_OK


def cmd_stats(args) -> int:
    for k, v in _pipeline(args).stats().items():
        print(f"{k:>11}: {v}")
    return EXIT_OK


def cmd_docs(args) -> int:
    docs = _pipeline(args).documents()
    if not docs:
        print("no documents stored; run `rag ingest PATH`")
    for d in docs:
        when = d.published.isoformat() if d.published else "undated   "
        print(f"{when}  {d.chunks:>4} chunks  {d.doc_id}  {d.title}")
    return EXIT_OK


def cmd_delete(args) -> int:
    if not _pipeline(args).delete(args.doc_id):
        print(f"rag: error: no document with id {args.doc_id!r}", file=sys.stderr)
        return EXIT_ERROR
    print(f"deleted {args.doc_id}")
    return EXIT_OK


def cmd_ui(args) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from ui.app import launch

    p = _pipeline(args)
    p.ensure_corpus()
    launch(p, host=args.host, port=args.port)
    return EXIT_OK


COMMANDS = {"ingest": cmd_ingest, "query": cmd_query, "stats": cmd_stats, "docs": cmd_docs,
            "delete": cmd_delete, "ui": cmd_ui}

if __name__ == "__main__":
    sys.exit(main())
