"""Optional LLM-judge metrics: the seam only.

When a run is given a LlamaIndex ``llm``, each answer is also scored by LlamaIndex's
``FaithfulnessEvaluator`` (is the answer supported by its quotes?), ``RelevancyEvaluator``
(do answer and quotes address the question?) and ``CorrectnessEvaluator`` (1-5 against the
gold answer). No instruction-tuned LLM runs on this machine, so by default these are
skipped with :data:`SKIPPED_NOTE`; nothing here pretends to be a judge.
"""

from __future__ import annotations

from typing import Any, Sequence

SKIPPED_NOTE = (
    "LLM-judge metrics skipped: no LLM was given. Pass a LlamaIndex LLM as "
    "run_eval(..., llm=...) to add LlamaIndex's Faithfulness, Relevancy and Correctness "
    "evaluators; every other metric here needs no LLM."
)


class Judges:
    """LlamaIndex's three evaluators bound to one LLM."""

    def __init__(self, llm: Any) -> None:
        from llama_index.core.evaluation import (
            CorrectnessEvaluator,
            FaithfulnessEvaluator,
            RelevancyEvaluator,
        )

        self.faithfulness = FaithfulnessEvaluator(llm=llm)
        self.relevancy = RelevancyEvaluator(llm=llm)
        self.correctness = CorrectnessEvaluator(llm=llm)

    def score(self, question: str, answer: str, contexts: Sequence[str],
              reference: str | None) -> dict[str, float | None]:
        """Judge one answer; each value is a score in [0, 1] (correctness rescaled from 1-5)."""
        ctx = list(contexts) or [""]
        faithful = self.faithfulness.evaluate(query=question, response=answer, contexts=ctx)
        relevant = self.relevancy.evaluate(query=question, response=answer, contexts=ctx)
        out: dict[str, float | None] = {
            "judge_faithfulness": _passing(faithful),
            "judge_relevancy": _passing(relevant),
            "judge_correctness": None,
        }
        if reference:
            correct = self.correctness.evaluate(query=question, response=answer, reference=reference)
            if correct.score is not None:
                out["judge_correctness"] = (float(correct.score) - 1.0) / 4.0
        return out


def make_judges(llm: Any | None) -> tuple[Judges | None, str | None]:
    """Judges for ``llm``, or (None, the note saying why they are skipped)."""
    if llm is None:
        return None, SKIPPED_NOTE
    return Judges(llm), None


def _passing(result) -> float | None:
    if result.passing is None:
        return None if result.score is None else float(result.score)
    return 1.0 if result.passing else 0.0
