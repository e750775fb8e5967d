"""The robustness table: the same questions as written, in lower case without "?", and with
one seeded typo, on the real stack."""

import random
from pathlib import Path

from eval.robustness import FORMS, lower_case, one_typo, run


def test_question_forms_are_as_people_type_them_and_repeatable():
    assert lower_case("Where will Kim meet Putin?") == "where will kim meet putin"
    q = "When did the Holloway Bridge reopen after its restoration?"
    typed = [one_typo(q, random.Random(7)) for _ in range(2)]
    assert typed[0] == typed[1] != q  # seeded: the same typo every run
    changed = [(a, b) for a, b in zip(q.split(), typed[0].split()) if a != b]
    assert len(changed) == 1 and abs(len(changed[0][0]) - len(changed[0][1])) <= 1
    assert one_typo("Who won?", random.Random(7)) is None  # no word long enough


def test_the_table_covers_every_form_on_the_same_questions(tmp_path):
    example = Path(__file__).resolve().parent.parent / "eval" / "data" / "squad_v2_example.json"
    rows = run(str(example), "all", tmp_path)
    assert list(rows) == FORMS
    assert len({fig["n"] for fig in rows.values()}) == 1 and rows[FORMS[0]]["n"] > 0
    assert all(0.0 <= fig[k] <= 1.0 for fig in rows.values() for k in ("all", "answerable", "unanswerable"))
    assert rows["as written"]["answerable"] > 0  # the engine answers some of them as written
