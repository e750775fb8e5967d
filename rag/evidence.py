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
from functools import lru_cache

import numpy as np

from rag.question import QuestionAnalysis, tokenize
from rag.retrieve import RetrievedChunk
from rag.sentences import Entity, Sentence

# Weights of the score's parts, tuned on the dev split of eval/data/seeds_gold.jsonl.
W_DENSE = 0.45
W_LEXICAL = 0.35
W_TYPE = 0.12
W_CHUNK = 0.08
# Words that mark a sentence as explaining a cause or purpose.
EXPLANATION_CUES = re.compile(
    r"\b(because|since|due to|so that|in order to|to (?:help|support|secure|obtain|replenish|"
    r"discuss|meet|attend|protect|persuade|convince|boost|increase|break)|aims?|seeks?|seeking|"
    r"hopes?|would like|in return|reason|purpose|driven by|as a result|which forced|amid|"
    r"concerns?|needs?|require[sd]?)\b",
    re.IGNORECASE,
)


@dataclass
class ScoredSentence:
    """A candidate evidence sentence and why it scored as it did."""

    sentence: Sentence
    score: float
    dense: float
    lexical: float
    type_match: float
    chunk_prior: float
    matched_terms: tuple[str, ...] = ()

    @property
    def doc_id(self) -> str:
        """The document this sentence comes from."""
        return self.sentence.doc_id


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def stem_all(words: list[str]) -> list[str]:
    """Snowball (English) stems."""
    return _stemmer().stemWords([w.replace("’", "'").split("'")[0] for w in words])


def candidate_sentences(
    chunks: list[RetrievedChunk], sentences: list[Sentence], vectors: np.ndarray
) -> tuple[list[Sentence], np.ndarray, list[float]]:
    """Sentences inside the retrieved chunks, each with the prior of its best chunk."""
    spans: dict[str, list[tuple[int, int, float]]] = {}
    n = len(chunks)
    for rank, c in enumerate(chunks):
        prior = 1.0 - rank / max(n, 1)
        spans.setdefault(c.doc_id, []).append((c.start, c.end, prior))
    keep, priors = [], []
    for i, s in enumerate(sentences):
        best = max((p for a, b, p in spans.get(s.doc_id, ()) if s.start < b and s.end > a), default=None)
        if best is not None:
            keep.append(i)
            priors.append(best)
    return [sentences[i] for i in keep], vectors[keep] if len(keep) else vectors[:0], priors


def rank_sentences(
    q: QuestionAnalysis,
    qvec: np.ndarray,
    sentences: list[Sentence],
    vectors: np.ndarray,
    priors: list[float],
    vocab: dict[str, int],
    extra_terms: list[str] = (),
) -> list[ScoredSentence]:
    """Score every candidate sentence; best first."""
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
    for s, d, prior in zip(sentences, dense, priors):
        s_stems = set(stem_all(tokenize(s.text)))
        matched = tuple(st for st in idf if st in s_stems)
        lexical = sum(idf[st] for st in matched) / idf_sum
        tmatch = type_match(q, s, q_stems)
        score = W_DENSE * float(d) + W_LEXICAL * lexical + W_TYPE * tmatch + W_CHUNK * prior
        out.append(ScoredSentence(s, score, float(d), lexical, tmatch, prior, matched))
    out.sort(key=lambda x: x.score, reverse=True)
    return out


def _idf(term: str, vocab: dict[str, int], total: int) -> float:
    # Smoothed inverse frequency over corpus word counts; unseen words weigh most.
    return math.log(1.0 + total / (1.0 + vocab.get(term, 0)))


def answer_entities(q: QuestionAnalysis, s: Sentence, q_stems: set[str]) -> list[Entity]:
    """Entities in ``s`` that could answer ``q``: the expected type, not named in the question."""
    wanted = {"date": {"date", "time"}, "time": {"time", "date"}}.get(q.answer_type, {q.answer_type})
    out = []
    for e in s.entities:
        if e.answer_type not in wanted:
            continue
        e_stems = set(stem_all(tokenize(e.text)))
        if e_stems and e_stems <= q_stems:
            continue  # the question already names it
        out.append(e)
    return out


def type_match(q: QuestionAnalysis, s: Sentence, q_stems: set[str]) -> float:
    """1.0 when the sentence can supply the expected type of answer, else 0."""
    if q.answer_type == "explanation":
        return 1.0 if EXPLANATION_CUES.search(s.text) else 0.0
    if q.answer_type in {"other", "entity"}:
        return 0.5
    return 1.0 if answer_entities(q, s, q_stems) else 0.0
