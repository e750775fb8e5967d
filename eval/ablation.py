"""What each part of the answer engine buys on the gold set: the engine as shipped, then
with one part switched off at a time (spaCy's entities, dateparser's date resolution, the
answer-type signal in ranking). Prints one table; run ``python -m eval.ablation``.

Switching a part off means patching the module that owns it for the length of one run,
so the same store and questions serve every row.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from pathlib import Path

ROWS = ["full engine", "no spaCy entities", "no date resolution (dateparser + weekday rules)",
        "no answer-type signal in ranking"]


@contextlib.contextmanager
def _switched_off(row: str):
    import rag.evidence as evidence
    from rag.sentences import Sentence

    saved = (evidence.W_TYPE, Sentence.from_record)

    def stored(clear):  # as if ingest had stored sentences without that part
        def load(*args):
            s = saved[1](*args)
            clear(s)
            return s
        return staticmethod(load)

    try:
        if row == "no spaCy entities":
            Sentence.from_record = stored(lambda s: s.entities.clear())
        elif row.startswith("no date resolution"):
            def unresolve(s):
                for e in s.entities:
                    e.resolved = e.resolved_label = None
            Sentence.from_record = stored(unresolve)
        elif row == "no answer-type signal in ranking":
            evidence.W_TYPE = 0.0
        yield
    finally:
        evidence.W_TYPE, Sentence.from_record = saved[0], staticmethod(saved[1])


def run(split: str, data_dir: Path) -> list[tuple[str, dict]]:
    """(row, figures) for every ablation row on one split."""
    from eval.metrics import contains_answer
    from eval.suite import bundled_gold_path, bundled_seeds_dir, load_gold_jsonl
    from rag import Pipeline, RagSettings

    items = [i for i in load_gold_jsonl(bundled_gold_path()) if split == "all" or i.split == split]
    p = Pipeline(RagSettings(data_dir=data_dir, corpus_dir=bundled_seeds_dir(), show_progress=False))
    p.ensure_corpus()
    out = []
    for row in ROWS:
        with _switched_off(row):
            answers = [(i, p.query(i.question)) for i in items]
        out.append((row, _figures(answers, contains_answer)))
    return out


def _figures(answers, contains_answer) -> dict:
    ans = [(i, a) for i, a in answers if i.answerable]
    una = [(i, a) for i, a in answers if not i.answerable]
    dated = [(i, a) for i, a in ans if i.answer_type in {"date", "time"}]
    typed = [(i, a) for i, a in ans if i.answer_type not in {"explanation", "entity", "none"}]

    def acc(rows, short_only=False):
        ok = [(not a.abstained) and contains_answer(a.short_answer if short_only else (a.short_answer or a.text),
                                                    i.answers) for i, a in rows]
        return sum(ok) / len(ok) if ok else float("nan")

    def calendar(rows):  # the short answer states the date itself, not only "on Sunday"
        ok = [bool(a.short_answer) and contains_answer(a.short_answer, [x for x in i.answers
                                                                         if any(ch.isdigit() for ch in x)])
              for i, a in rows]
        return sum(ok) / len(ok) if ok else float("nan")

    return {
        "answerable accuracy": acc(ans),
        "short-answer accuracy (typed questions)": acc(typed, short_only=True),
        "date questions, short answer": acc(dated, short_only=True),
        "date questions, calendar date stated": calendar(dated),
        "abstention (unanswerable)": sum(a.abstained for _, a in una) / max(len(una), 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the ablation table."""
    ap = argparse.ArgumentParser(prog="python -m eval.ablation", description=__doc__)
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(args.split, Path(tmp) / "data")
    cols = list(rows[0][1])
    print(f"split: {args.split}\n")
    print("| configuration | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for row, fig in rows:
        print(f"| {row} | " + " | ".join(f"{fig[c]:.1%}" for c in cols) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
