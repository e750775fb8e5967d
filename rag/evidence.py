"""Evidence stage: rank the sentences of the retrieved chunks for a question.

A sentence's score combines dense similarity (sentence vectors computed at ingest),
lexical match (IDF-weighted coverage of the question's key terms, stemmed), answer-type
compatibility (it holds an entity of the expected type that the question does not already
name) and the rank of the chunk it came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from rag.question import QuestionAnalysis
from rag.text import stem_all, tokenize
from rag.retrieve import RetrievedChunk
from rag.sentences import Entity, Sentence

# Weights of the score's parts: a grid search on the dev split of eval/data/seeds_gold.jsonl
# (2026-11-22). A weight for the rank of the sentence's chunk was searched too and came out
# 0 once sentences are searched directly, so the chunk rank is no part of the score.
W_DENSE = 0.5
W_LEXICAL = 0.4
W_TYPE = 0.05
# Words that mark a sentence as explaining a cause or purpose.
EXPLANATION_CUES = re.compile(
    r"\b(because|since|due to|so that|in order to|to (?:help|support|secure|obtain|replenish|"
    r"discuss|meet|attend|protect|persuade|convince|boost|increase|break)|aims?|seeks?|seeking|"
    r"hopes?|would like|in return|reason|purpose|driven by|as a result|which forced|amid|"
    r"concerns?|needs?|require[sd]?)\b",
    re.IGNORECASE,
)


# Sentence windows: when a sentence refers back ("She emphasised …", "The city is …"), the
# two sentences share this part of each other's lexical match.
NEIGHBOUR_SHARE = 0.5
REFERRING_START = re.compile(
    r"^\W*(he|she|they|it|his|her|their|its|this|that|these|those|the (?:city|country|town|"
    r"leader|president|minister|official|agency|group|company|meeting|visit|trip|talks|deal|"
    r"report|statement|move|plan|war|army|region|state|capital|port))\b", re.I)
# Questions about who wrote a piece are answered by its byline ("By NAME").
AUTHOR_WORDS = re.compile(r"\b(wrote|written|author|authors|byline|reporter|journalist)\b", re.I)
BYLINE = re.compile(r"\bBy\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)+")
W_BYLINE = 0.3
# Headlines, captions and bylines (no closing punctuation) rarely answer a question.
HEADLINE_FACTOR = 0.85


def _headline_like(text: str) -> bool:
    return not text.rstrip().endswith((".", "!", "?", "”", '"', "’", "'", ")", "…"))


@dataclass
class ScoredSentence:
    """A candidate evidence sentence and why it scored as it did."""

    sentence: Sentence
    score: float
    dense: float
    lexical: float
    type_match: float
    matched_terms: tuple[str, ...] = ()

    @property
    def doc_id(self) -> str:
        """The document this sentence comes from."""
        return self.sentence.doc_id


def candidate_sentences(
    chunks: list[RetrievedChunk], sentences: list[Sentence], vectors: np.ndarray,
    also: set[str] = frozenset(),
) -> tuple[list[Sentence], np.ndarray]:
    """Sentences inside the retrieved chunks, plus the sentences whose ids are in ``also``
    (found by sentence-level search), with their vectors."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for c in chunks:
        spans.setdefault(c.doc_id, []).append((c.start, c.end))
    keep = [
        i for i, s in enumerate(sentences)
        if s.sid in also or any(s.start < b and s.end > a for a, b in spans.get(s.doc_id, ()))
    ]
    return [sentences[i] for i in keep], vectors[keep] if len(keep) else vectors[:0]


def rank_sentences(
    q: QuestionAnalysis,
    qvec: np.ndarray,
    sentences: list[Sentence],
    vectors: np.ndarray,
    vocab: dict[str, int],
    extra_terms: list[str] = (),
    neighbours: dict[str, tuple[Sentence | None, Sentence | None]] | None = None,
) -> list[ScoredSentence]:
    """Score every candidate sentence; best first. ``neighbours`` maps a sentence id to the
    sentences before and after it: "She said …" lends its words to the sentence naming her,
    and "The city is …" borrows the words of the sentence that named the city."""
    if not sentences:
        return []
    terms = list(dict.fromkeys(list(q.key_terms) + list(extra_terms)))
    stems = stem_all(terms)
    total = sum(vocab.values()) or 1
    idf = {st: _idf(t, vocab, total) for t, st in zip(terms, stems)}
    idf_sum = sum(idf.values()) or 1.0
    dense = vectors @ qvec if len(vectors) else np.zeros(len(sentences))
    q_stems = set(stems)
    out = []
    asks_author = bool(AUTHOR_WORDS.search(q.text))
    for s, d in zip(sentences, dense):
        s_stems = set(stem_all(tokenize(s.text)))
        matched = tuple(st for st in idf if st in s_stems)
        lexical = sum(idf[st] for st in matched) / idf_sum
        prev, nxt = (neighbours or {}).get(s.sid, (None, None))
        for other, refers in ((nxt, nxt), (prev, s)):
            if other is not None and REFERRING_START.match(refers.text):
                o_stems = set(stem_all(tokenize(other.text)))
                extra = tuple(st for st in idf if st in o_stems and st not in matched)
                lexical += NEIGHBOUR_SHARE * sum(idf[st] for st in extra) / idf_sum
        tmatch = type_match(q, s, q_stems)
        score = W_DENSE * float(d) + W_LEXICAL * lexical + W_TYPE * tmatch
        if asks_author and BYLINE.search(s.text):
            score += W_BYLINE
        elif _headline_like(s.text):
            score *= HEADLINE_FACTOR
        out.append(ScoredSentence(s, score, float(d), lexical, tmatch, matched))
    out.sort(key=lambda x: x.score, reverse=True)
    return out


def _idf(term: str, vocab: dict[str, int], total: int) -> float:
    # Smoothed inverse frequency over corpus word counts; unseen words weigh most.
    return math.log(1.0 + total / (1.0 + vocab.get(term, 0)))


# How well each spaCy label fits each answer type (spaCy's small model confuses some).
TYPE_COMPAT: dict[str, dict[str, float]] = {
    "date": {"DATE": 1.0, "TIME": 0.8},
    "time": {"TIME": 1.0, "DATE": 0.8},
    "duration": {"DATE": 1.0, "TIME": 0.8, "CARDINAL": 0.4, "QUANTITY": 0.4},
    "person": {"PERSON": 1.0, "ORG": 0.3, "NORP": 0.2},
    "place": {"GPE": 1.0, "LOC": 1.0, "FAC": 1.0, "ORG": 0.3},
    "organisation": {"ORG": 1.0, "PERSON": 0.4, "GPE": 0.3, "NORP": 0.3, "PRODUCT": 0.3},
    "number": {"CARDINAL": 1.0, "QUANTITY": 1.0, "MONEY": 1.0, "PERCENT": 1.0, "ORDINAL": 0.3},
}
_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|"
                       r"a few|decades?)\b.*\b(years?|months?|weeks?|days?|hours?|decades?)\b", re.I)
_DISTANCE = re.compile(r"\b(miles?|km|kilomet(er|re)s?|meters?|metres?)\b", re.I)


def answer_entities(q: QuestionAnalysis, s: Sentence, q_stems: set[str]) -> list[tuple[Entity, float]]:
    """(entity, fit) pairs in ``s`` that could answer ``q``, none named in the question."""
    compat = TYPE_COMPAT.get(q.answer_type, {})
    out = []
    for e in s.entities:
        fit = compat.get(e.label, 0.0)
        if q.answer_type == "duration" and not _DURATION.search(e.text):
            fit *= 0.2
        if q.answer_type in {"date", "time"} and _DURATION.search(e.text) and not e.resolved:
            fit *= 0.3  # "more than three years" is a length of time, not a when
        if q.answer_type == "number" and "far" in q.text.lower():
            fit = 1.0 if _DISTANCE.search(e.text) else fit * 0.2
        if fit <= 0:
            continue
        e_stems = {st for st, w in zip(stem_all(tokenize(e.text)), tokenize(e.text)) if len(w) > 2}
        if e_stems & q_stems:
            continue  # the question already names it ("Joe Biden" for "Biden's adviser")
        out.append((e, fit))
    return out


def type_match(q: QuestionAnalysis, s: Sentence, q_stems: set[str]) -> float:
    """How well the sentence can supply the expected type of answer (0 to 1)."""
    if q.answer_type == "explanation":
        return 1.0 if EXPLANATION_CUES.search(s.text) else 0.0
    if q.answer_type in {"other", "entity"}:
        return 0.5
    return max((fit for _, fit in answer_entities(q, s, q_stems)), default=0.0)
