"""Evaluation of the question-answering pipeline: gold suites, judge-free metrics, reports.

Run it with ``python -m eval`` (or ``rag eval``); see eval/README.md. Importing this package
does no work: the pipeline, matplotlib and LlamaIndex load only when a run needs them.
"""
