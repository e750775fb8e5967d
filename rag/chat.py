"""Follow-up questions without an LLM: carry the topic of earlier turns forward.

"And where will they meet?" after "When will Kim meet Putin?" is searched as the new
question plus the earlier question's key terms; the answer type still comes from the
new question. A question that names its own topic is left alone. "What did he say next?"
and "What happened next?" read on in the article of the earlier answer, from its last quote.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from rag.question import QuestionAnalysis, analyse
from rag.sentences import Sentence

# "What did he say next?", "What else did she say?", "And then?", "What happened after that?"
_NEXT = r"(?:next|then|after\s+that|afterwards|later|else)"
SAY_NEXT = re.compile(rf"^\W*(?:and\s+|so\s+)?what\b(?=.*\b(?:say|said|add|added|tell|told|write|wrote|reply|"
                      rf"replied|respond|answer|claim|warn|announce)\b)(?=.*\b{_NEXT}\b)", re.I)
HAPPEN_NEXT = re.compile(rf"^\W*(?:(?:and\s+|so\s+)?what\s+(?:happened|happens|came|comes|followed|"
                         rf"happened\s+to\s+\w+)\s+{_NEXT}|(?:and\s+)?(?:then|what\s+next)\W*$)", re.I)
# A sentence that reports speech: a quotation (‘…’ too), or a verb of saying.
SPEECH = re.compile(r"[\"“”‘]|\b(said|says|told|tells|added|adds|according to|stated|noted|warned|insisted|"
                    r"explained|argued|emphasi[sz]ed|stressed|announced|replied|claimed|wrote|asked|"
                    r"denied|confirmed|revealed|clarified|continued|went on|maintained|suggested|"
                    r"acknowledged|admitted|urged|commented|remarked|pointed out|described)\b", re.I)
# Words that carry the speaker of the sentence before ("he clarified", "She added").
SAME_SPEAKER = re.compile(r"^\W*(?:[\w,’']+\s+){0,3}?(he|she|they|his|her|their)\b", re.I)
# How far ahead the speaker's next words are looked for, in sentences.
SPEECH_LOOKAHEAD = 4
# How far back "he clarified" looks for the person it means, in sentences.
SPEAKER_LOOKBACK = 4
NEXT_SENTENCES = 2

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


def continuation(question: str) -> str | None:
    """"say" for "What did he say next?", "happen" for "What happened next?", else None."""
    if SAY_NEXT.search(question):
        return "say"
    return "happen" if HAPPEN_NEXT.search(question) else None


def read_on(sentences: list[Sentence], after: int, kind: str) -> list[Sentence]:
    """The sentences of one article after offset ``after``: for "say", the next one that
    reports the words of the person named in the sentence before ``after`` (by name, or by
    "he"/"she" within SPEECH_LOOKAHEAD sentences; with no one named there, the next speech
    within those) and any that finish its quotation; for "happen", the next NEXT_SENTENCES."""
    order = sorted(sentences, key=lambda s: s.start)
    ahead = [s for s in order if s.start >= after]
    if kind == "happen":
        return ahead[:NEXT_SENTENCES]
    before = [s for s in order if s.end <= after]
    speakers = set(filter(None, [_speaker(before)]))
    speech = [i for i, s in enumerate(ahead) if SPEECH.search(s.text)]
    if speakers:
        # The speaker named again anywhere on, or "he/she …" close by; never someone else.
        speech = [i for i in speech if any(w in ahead[i].text for w in speakers)
                  or (i < SPEECH_LOOKAHEAD and SAME_SPEAKER.match(ahead[i].text))]
    else:
        speech = [i for i in speech if i < SPEECH_LOOKAHEAD]
    if not speech:
        return []
    i = speech[0]
    out = [ahead[i]]
    # A quotation opened and not closed goes on in the next sentence.
    while _open_quote(" ".join(x.text for x in out)) and i + len(out) < len(ahead):
        out.append(ahead[i + len(out)])
    return out


def _speaker(before: list[Sentence]) -> str | None:
    """The surname of the person whose words the last of ``before`` reports: the one named
    next to its verb of saying ("Dmitry Peskov told", "said Darren Clough"), or its first
    person; "he clarified" is the person named in a sentence just before (SPEAKER_LOOKBACK)."""
    for s in reversed(before[-SPEAKER_LOOKBACK:]):
        people = [e for e in s.entities if e.label == "PERSON"]
        if not people:
            continue
        verb = SPEECH.search(s.text)
        at = s.start + (verb.start() if verb else 0)
        person = min(people, key=lambda e: abs(e.end - at) if e.end <= at else abs(e.start - at - 12))
        return person.text.split()[-1]
    return None


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1 or text.count("‘") > text.count("’")


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
