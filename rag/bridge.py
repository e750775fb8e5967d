"""Questions that name what they ask about only through another fact ("Who founded the
museum that keeps Ilse Marnovar's piano?"): the engine first answers the inner question
("Which museum keeps Ilse Marnovar's piano?" -> the Halvorsen Museum), then the outer one
with that name put in ("Who founded the Halvorsen Museum?"). Part of the answer stage:
``answer.py`` runs both and cites the sentence that gave the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.wordlists import VAGUE_KINDS

# "the museum that keeps …", "the composer whose gold medal …", "the forest where …", and
# "the building the chalice was stolen from" (no relative word, a preposition last).
_WORD = r"(?!(?:of|in|on|at|for|to|and|by|with|from|the|a|an)\b)[a-z][\w'’-]*"
_RELATIVE = re.compile(
    rf"\bthe\s+(?P<noun>(?:{_WORD}\s+){{0,2}}?{_WORD})\s+(?P<rel>that|which|where|whose|who)\s+"
    r"(?P<clause>[^?]+?)\s*\??\s*$")
_REDUCED = re.compile(
    rf"\bthe\s+(?P<noun>(?:{_WORD}\s+){{0,2}}?{_WORD})\s+(?P<rel>)(?P<clause>(?:the|a|an|his|her|its|their)\s+"
    r"[^?]+?\s+(?:from|in|at|on|to|by|with|into))\s*\??\s*$")
# A main verb's participle the question ends on after the clause ("In what year was the
# composer whose medal was taken … born?"): it belongs to the outer question.
_TRAILING = re.compile(r"\s+(born|built|founded|opened|closed|made|designed|written|published|established|"
                       r"died|killed|elected|appointed|named|buried|end|start|begin|finish|happen|open|"
                       r"reopen|close|stop|die|leave|arrive|return)$", re.I)
# Kinds that are a time or a manner, which "when" / "how" ask better than a name.
_NOT_A_KIND = VAGUE_KINDS | {"time", "day", "year", "date", "month", "week", "moment", "reason", "way",
                             "number", "amount", "people", "person", "one"}


@dataclass(frozen=True)
class Bridge:
    """A question's inner question and the phrase its answer replaces."""

    phrase: str  # "the museum that keeps Ilse Marnovar's piano", as written
    inner: str  # "Which museum keeps Ilse Marnovar's piano?"
    start: int
    end: int
    # "… from the city where the airline has its headquarters. Which city is that?": the
    # inner question's answer is the answer.
    asks_inner: bool = False

    def outer(self, question: str, name: str) -> str:
        """The question with the phrase replaced by the name the inner question found."""
        return question[: self.start] + name + question[self.end :]


# A last sentence that asks back for what the sentence before described.
_ASKS_BACK = re.compile(r"(?:^|(?<=[.!?])\s+)(?:which|what)\s+(?P<kind>[a-z]+)\s+(?:is|was)\s+(?:that|it|this)\s*\?\s*$|"
                        r"(?:^|(?<=[.!?])\s+)who\s+(?:is|was)\s+(?:that|he|she)\s*\?\s*$", re.I)


def find_bridge(question: str) -> Bridge | None:
    """The inner question of "Who founded the museum that keeps X's piano?", or None when
    the question names what it asks about directly."""
    text = question.strip()
    if (back := _ASKS_BACK.search(text)) and back.start() > 0:
        # "Flight 318 left from the city where Corvane Air has had its headquarters since
        # 1979. Which city is that?": the description before it is the question.
        first = find_bridge(text[: back.start()].rstrip(" .!") + "?")
        if first is None:
            return None
        return Bridge(first.phrase, first.inner, first.start, first.end, asks_inner=True)
    m = _RELATIVE.search(text) or _REDUCED.search(text)
    if m is None:
        return None
    noun = m.group("noun")
    if noun.split()[-1].lower() in _NOT_A_KIND or m.start() == 0:
        return None
    if re.fullmatch(r"\W*(?:what|who|which)(?:['’]s|\s+(?:is|was|are|were))", text[: m.start()].strip(), re.I):
        return None  # "What is the company that trades as MediQuay called?": the inner answer is the answer
    clause, end = m.group("clause"), m.end("clause")
    if (t := _TRAILING.search(clause)) and m.group("rel") in {"whose", "who", "that", "which"}:
        clause, end = clause[: t.start()], m.start("clause") + t.start()
    if len(clause.split()) < 2:
        return None
    rel = m.group("rel")
    inner = f"Which {noun} {clause}?" if rel in {"that", "which", ""} else f"Which {noun} {rel} {clause}?"
    return Bridge(text[m.start() : end], inner, m.start(), end)
