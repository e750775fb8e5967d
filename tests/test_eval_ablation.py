"""The ablation table: each switched-off part costs what it should."""

from __future__ import annotations

from eval.ablation import run


def test_ablation_rows_show_what_each_part_buys(tmp_path):
    rows = dict(run("dev", tmp_path / "data"))
    full = rows["full engine"]
    # Without spaCy's entities only the pattern-found values are left (written-out
    # durations, bylines, "the city of Vladivostok", a name after "at"): well under half of
    # what the full engine finds.
    assert full["short-answer accuracy (typed questions)"] > 0.5
    assert rows["no spaCy entities"]["short-answer accuracy (typed questions)"] < 0.45 * full["short-answer accuracy (typed questions)"]
    no_dates = rows["no date resolution (dateparser + weekday rules)"]
    assert no_dates["date questions, calendar date stated"] <= full["date questions, calendar date stated"]
    assert rows["no answer-type signal in ranking"]["answerable accuracy"] <= full["answerable accuracy"]
