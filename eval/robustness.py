"""How the answers hold up when questions are typed as people type them: every question of a
suite asked as written, then all in lower case without its question mark, then with one
typo (a letter swapped, dropped or doubled in one content word, chosen by a seeded random
generator so that runs repeat). Prints one table; run ``python -m eval.robustness``.

A question counts as right when the answer holds a gold alias (answerable) or the engine
abstains (unanswerable), as "accuracy" in the main run. The questions of the suite's
``lowercase`` and ``misspelt`` categories are left out: they are already typed that way.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

FORMS = ["as written", "lower case, no question mark", "one typo"]
SKIPPED_CATEGORIES = {"lowercase", "misspelt"}
MIN_TYPO_WORD = 5  # letters in a word that may get the typo


def lower_case(question: str) -> str:
    """The question all in lower case, without its closing question mark."""
    return question.lower().rstrip().rstrip("?").rstrip()


def one_typo(question: str, rng: random.Random) -> str | None:
    """The question with one letter swapped, dropped or doubled inside one content word
    of MIN_TYPO_WORD letters or more (never the first word); None when it has none."""
    from rag.question import STOPWORDS

    words = question.split()
    where = [i for i, w in enumerate(words) if i > 0 and len(re.sub(r"\W", "", w)) >= MIN_TYPO_WORD
             and w.lower().strip("?,.!") not in STOPWORDS]
    if not where:
        return None
    i = rng.choice(where)
    core = re.sub(r"\W+$", "", words[i])
    tail = words[i][len(core):]
    j = rng.randrange(1, len(core) - 2)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        core = core[:j] + core[j + 1] + core[j] + core[j + 2:]
    elif kind == "drop":
        core = core[:j] + core[j + 1:]
    else:
        core = core[:j] + core[j] + core[j:]
    words[i] = core + tail
    return " ".join(words)


def run(suite: str, split: str, data_dir: Path, seed: int = 7) -> dict[str, dict[str, float]]:
    """{form: {"answerable": share right, "unanswerable": share abstained, "all": share
    right, "n": questions}} over the suite's questions that can take every form."""
    from eval.metrics import contains_answer
    from eval.suite import load_suite
    from rag import Pipeline, RagSettings

    loaded = load_suite(suite, data_dir / "suite")
    items = [i for i in loaded.items if (split == "all" or i.split == split)
             and i.category not in SKIPPED_CATEGORIES]
    rng = random.Random(seed)
    asked = [(i, [i.question, lower_case(i.question), one_typo(i.question, rng)]) for i in items]
    asked = [(i, forms) for i, forms in asked if forms[2] is not None]
    p = Pipeline(RagSettings(data_dir=data_dir / "store", corpus_dir=loaded.docs_dir, show_progress=False))
    p.ingest(loaded.docs_dir)

    def right(item, answer) -> bool:
        if not item.answerable:
            return answer.abstained
        return not answer.abstained and contains_answer(answer.short_answer or answer.text, item.answers)

    out = {}
    for k, form in enumerate(FORMS):
        marks = [(i, right(i, p.query(forms[k]))) for i, forms in asked]
        ans = [ok for i, ok in marks if i.answerable]
        una = [ok for i, ok in marks if not i.answerable]
        out[form] = {"answerable": sum(ans) / max(len(ans), 1), "unanswerable": sum(una) / max(len(una), 1),
                     "all": sum(ok for _, ok in marks) / max(len(marks), 1), "n": len(marks)}
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the robustness table."""
    ap = argparse.ArgumentParser(prog="python -m eval.robustness", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", default="seeds", help="seeds (default), a gold folder or a SQuAD v2 file")
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--seed", type=int, default=7, help="seed of the typo generator (default 7)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(args.suite, args.split, Path(tmp), args.seed)
    n = next(iter(rows.values()))["n"]
    print(f"suite: {args.suite}, split: {args.split}, {n} questions, typo seed {args.seed}\n")
    print("| question typed | right (all) | answerable right | unanswerable abstained |")
    print("|---|---|---|---|")
    for form, fig in rows.items():
        print(f"| {form} | {fig['all']:.1%} | {fig['answerable']:.1%} | {fig['unanswerable']:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
