"""``python -m ui``: serve the chat UI on localhost over the store in ``RAG_DATA_DIR``."""

from __future__ import annotations

import argparse
import logging
import os
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options: --host, --port, --open."""
    parser = argparse.ArgumentParser(
        prog="python -m ui",
        description="Serve the news QA chat UI (Gradio) on this machine. Settings such as "
                    "the data folder come from RAG_* environment variables.",
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="interface to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", "7860")),
                        help="port to serve on (default: 7860 or $RAG_UI_PORT)")
    parser.add_argument("--open", action="store_true", help="open the app in a web browser")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the pipeline from RAG_* settings and serve the app until interrupted."""
    args = parse_args(argv)
    # Before gradio is imported: it reads this when its modules load and its Blocks start.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "bm25s"):  # one line per request / index build
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from rag import Pipeline, RagSettings
    from ui.app import launch

    launch(Pipeline(RagSettings()), host=args.host, port=args.port, open_browser=args.open)
    return 0


if __name__ == "__main__":
    sys.exit(main())
