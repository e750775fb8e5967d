"""Benchmarks that print figures next to a reference, measured in one run (never timed asserts).

Run ``python bench/run.py --help``; results go to ``BENCHMARKS.md``.
"""
