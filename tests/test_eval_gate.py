"""CI gate: the product on the held-out test splits of the six gold suites, on the real stack.

The seeds (the shipped corpus), newswire (six other news articles), encyclopedia (six
encyclopedia-style articles), mixed, blind and blind2 (three of each): the last five were
written blind to check that the engine generalises, and blind and blind2 were never tuned
on. Thresholds sit
about one question under the figures measured when they were set, so a change that loses a
question's worth of grounding fails here and must either be fixed or come with a
re-measurement (``python -m eval --split test --no-baselines`` with each ``--suite``) and
new numbers. Raise them when the product improves; never lower them to make a change pass
unexplained.
"""

from pathlib import Path

import pytest

from eval.runner import run_eval
from eval.suite import load_suite

REPO = Path(__file__).resolve().parent.parent

# Measured 2026-11-22 with rag/ at commit 587f06a (fifth session), test splits, and the
# same at 519823f, dab2a72 and cc1f151 (the session's last engine change); the seeds figures are the same as at
# be16ea8 and 3679e87. Floors sit one question under them; where
# a figure fell this session (it was decided on the dev splits), the floor followed, and
# the line says so.
# seeds (76 questions, 65 answerable, 11 unanswerable): accuracy 72.4 %, answer accuracy
# 76.9 %, factoid short-answer accuracy 68.9 %, doc hit@5 98.5 %, evidence hit@5 93.8 %,
# cited doc correct 87.6 %, citation precision 79.8 %, recall 67.9 %, faithfulness 100 %,
# abstention 45.5 % (5/11), false abstention 4.6 % (3/65). (b90f4fc, before the fourth
# session's typo and lower-case fixes: 69.7 %, 73.8 %, 62.2 %, 85.8 %, 45.5 %, 6.2 %;
# dd4c3bf: 72.4 %, 75.4 %, 64.4 %, 86.0 %, 54.5 %, 4.6 %; first set at 49f7d48: 69.2 %.)
# newswire (47 questions, 38 answerable, 9 unanswerable): answer accuracy 71.1 %, factoid
# short-answer accuracy 60.7 %, doc hit@5 100 %, cited doc correct 98.6 %, faithfulness
# 100 %, abstention 55.6 % (5/9), false abstention 5.3 % (2/38). (be16ea8: 68.4 %, 57.1 %,
# 100 %, 66.7 % (6/9), 7.9 %: the fifth session's rules cost one abstention here, hence the
# lower abstention floor. First measured at 1caeb24, before any tuning on its dev split:
# answer accuracy 55.3 %, false abstention 26.3 %.)
# encyclopedia (45 questions, 37 answerable, 8 unanswerable): answer accuracy 64.9 %,
# factoid short-answer accuracy 63.0 %, doc hit@5 100 %, cited doc correct 94.3 %,
# faithfulness 100 %, abstention 50.0 % (4/8), false abstention 5.4 % (2/37). (be16ea8:
# 62.2 %, 59.3 %, 94.1 %, 62.5 % (5/8), 8.1 %: the unknown-words threshold, re-calibrated on
# the dev splits, answers one question fewer wrongly abstained and one unanswerable one;
# first measured at f803e9e: answer accuracy 48.6 %, factoid 40.7 %.)
# mixed (42 questions, 37 answerable, 5 unanswerable; its dev split tuned on from the
# fourth session, this split held out): answer accuracy 73.0 %, factoid short-answer
# accuracy 71.4 %, doc hit@5 100 %, cited doc correct 100 %, faithfulness 100 %, abstention
# 40.0 % (2/5), false abstention 0.0 %. (be16ea8: 75.7 %, 75.0 %: one answer fewer this
# session, hence the lower floors; dd4c3bf: 67.6 %, 64.3 %, …, 5.4 %.)
# blind (44 questions, 37 answerable, 7 unanswerable; written in the fourth session and
# never tuned on): answer accuracy 70.3 %, factoid short-answer accuracy 67.9 %, doc hit@5
# 100 %, cited doc correct 97.7 %, faithfulness 100 %, abstention 57.1 % (4/7), false
# abstention 2.7 % (1/37). (be16ea8: 67.6 %, 64.3 %, 98.6 %, 42.9 %, 5.4 %.)
# blind2 (48 questions, 41 answerable, 7 unanswerable; written in the fifth session by a
# helper given only the schema and the counts, never tuned on): answer accuracy 63.4 %,
# factoid short-answer accuracy 55.2 %, doc hit@5 100 %, cited doc correct 94.4 %,
# faithfulness 100 %, abstention 100 % (7/7), false abstention 12.2 % (5/41). (At 8ba9c6d,
# when it was written: the same, but false abstention 9.8 % and cited doc 94.6 %.)
FLOORS = {
    "seeds": {
        "accuracy": 0.71, "answer_accuracy": 0.75, "factoid_short_accuracy": 0.66,
        "doc_hit@5": 0.96, "evidence_hit@5": 0.92, "cited_doc_correct": 0.86,
        "citation_precision": 0.78, "citation_recall": 0.66, "faithfulness": 0.98,
        "abstention_accuracy": 0.36,
    },
    "newswire": {
        "answer_accuracy": 0.68, "factoid_short_accuracy": 0.57, "doc_hit@5": 0.97,
        "cited_doc_correct": 0.96, "faithfulness": 0.98, "abstention_accuracy": 0.44,
    },
    "encyclopedia": {
        # Sixth session: 59.5 % and 55.6 % with the rules decided on six dev splits (the blind
        # and wide dev splits now among them): two answers and two short answers fewer, hence
        # the floors.
        "answer_accuracy": 0.58, "factoid_short_accuracy": 0.55, "doc_hit@5": 0.97,
        "cited_doc_correct": 0.92, "faithfulness": 0.98, "abstention_accuracy": 0.37,
    },
    "mixed": {
        "answer_accuracy": 0.70, "factoid_short_accuracy": 0.67, "doc_hit@5": 0.97,
        "cited_doc_correct": 0.97, "faithfulness": 0.98, "abstention_accuracy": 0.2,
    },
    "blind": {
        "answer_accuracy": 0.67, "factoid_short_accuracy": 0.64, "doc_hit@5": 0.97,
        "cited_doc_correct": 0.95, "faithfulness": 0.98, "abstention_accuracy": 0.42,
    },
    "blind2": {
        "answer_accuracy": 0.60, "factoid_short_accuracy": 0.51, "doc_hit@5": 0.97,
        "cited_doc_correct": 0.92, "faithfulness": 0.98, "abstention_accuracy": 0.85,
    },
}
MAX_FALSE_ABSTENTION_RATE = {"seeds": 0.065, "newswire": 0.08, "encyclopedia": 0.09, "mixed": 0.03, "blind": 0.06,
                             "blind2": 0.15}
SIZES = {"seeds": (76, 65), "newswire": (47, 38), "encyclopedia": (45, 37), "mixed": (42, 37), "blind": (44, 37),
         "blind2": (48, 41)}
SUITES = {
    "seeds": "seeds",
    "newswire": str(REPO / "eval" / "data" / "newswire"),
    "encyclopedia": str(REPO / "eval" / "data" / "encyclopedia"),
    "mixed": str(REPO / "eval" / "data" / "mixed"),
    "blind": str(REPO / "eval" / "data" / "blind"),
    "blind2": str(REPO / "eval" / "data" / "blind2"),
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=list(SUITES))
def gate(request, tmp_path_factory):
    name = request.param
    out = tmp_path_factory.mktemp(f"gate-{name}")
    result = run_eval(load_suite(SUITES[name], out), "test", out, baselines=False,
                      progress=False, charts=False)
    figures = result.summary["systems"]["product"]["overall"]
    print(f"\ngate figures ({name}, test split):",
          {k: round(v, 3) for k, v in figures.items() if isinstance(v, float)})
    return name, figures


def test_gate_runs_the_whole_test_split(gate):
    name, figures = gate
    assert (figures["n"], figures["n_answerable"]) == SIZES[name]
    assert figures["errors"] == 0


def test_metrics_at_or_above_their_floors(gate):
    name, figures = gate
    below = {m: round(figures[m], 3) for m, floor in FLOORS[name].items() if figures[m] < floor}
    assert not below, f"{name}: below the floor: {below} (floors {FLOORS[name]})"


def test_false_abstentions_at_or_below_ceiling(gate):
    name, figures = gate
    assert figures["false_abstention_rate"] <= MAX_FALSE_ABSTENTION_RATE[name]
