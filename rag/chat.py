"""Follow-up questions without an LLM: carry the topic of earlier turns forward.

"And where will they meet?" after "When will Kim meet Putin?" is searched as the new
question plus the earlier question's key terms; the answer type still comes from the
new question. A question that names its own topic is left alone.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from rag.question import QuestionAnalysis, analyse

# How many earlier user turns can lend their topic to a follow-up.
HISTORY_TURNS = 2


def expand_follow_up(q: QuestionAnalysis, history: Sequence[str], vocab,
                     lexicon: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """(text to search with, extra key terms) for ``q`` given earlier user questions."""
    if not history or not q.follow_up:
        return q.search_text, []
    extra: list[str] = []
    for earlier in reversed(list(history)[-HISTORY_TURNS:]):
        prev = analyse(earlier, vocab, lexicon)
        extra += [t for t in prev.key_terms if t not in q.key_terms and t not in extra]
        if not prev.follow_up:
            break  # reached the turn that set the topic
    if not extra:
        return q.search_text, []
    return f"{q.search_text} ({' '.join(extra)})", extra


class ChatSession:
    """A conversation: each :meth:`ask` sees the questions asked before it."""

    def __init__(self, pipeline, **options) -> None:
        self.pipeline = pipeline
        self.options = options
        self.questions: list[str] = []

    def ask(self, question: str):
        """Answer ``question`` in the context of this session."""
        answer = self.pipeline.query(question, history=list(self.questions), **self.options)
        self.questions.append(question)
        return answer

    def stream(self, question: str) -> Iterator:
        """Streaming form of :meth:`ask`."""
        yield from self.pipeline.stream(question, history=list(self.questions), **self.options)
        self.questions.append(question)

    def reset(self) -> None:
        """Forget the conversation."""
        self.questions.clear()
