"""The Gradio chat UI over :mod:`rag`: ``ui.app.build_app`` and ``ui.app.launch``.

Importing this package imports nothing heavy; ``ui.app`` imports gradio.
"""
