"""Judge-free metrics: retrieval, short answers, citations, abstention, latency.

Every function here is pure (strings and numbers in, numbers out) so each can be checked
by hand on a small case; the runner builds their inputs from the pipeline's answers.
Faithfulness (answer sentences against their quotes) is in :mod:`eval.faithfulness`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

# A citation counts as overlapping a gold evidence span when the shared characters cover
# at least this fraction of the shorter of the two: a quote that holds the evidence
# sentence counts, one that only touches it across a space does not.
MIN_SPAN_OVERLAP = 0.5
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


# --- text normalisation and short answers -------------------------------------------

def normalize_text(text: str) -> str:
    """Lowercase, fold quotes and accents, drop punctuation and articles (SQuAD-style)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,000 -> 1000
    # Possessives go ("Russia's fleet" ~ "Russia fleet"); dots and other apostrophes join
    # ("U.S." -> "us"); other punctuation separates ("Tong-Hyung" -> "tong hyung").
    # Decimal points survive.
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)|'", "", text)
    text = re.sub(r"[^\w\s.]", " ", text)
    return " ".join(w for w in text.split() if w not in {"a", "an", "the"})


def answer_tokens(text: str) -> list[str]:
    """Normalised word tokens of a text."""
    return normalize_text(text).split()


def contains_answer(prediction: str | None, aliases: Iterable[str]) -> bool:
    """True when some alias appears in the prediction as whole words, after normalising."""
    if not prediction:
        return False
    padded = f" {normalize_text(prediction)} "
    return any(
        (norm := normalize_text(alias)) and f" {norm} " in padded for alias in aliases
    )


def token_f1(prediction: str | None, aliases: Iterable[str]) -> float:
    """Best token-level F1 between the prediction and any alias (SQuAD's definition)."""
    pred = answer_tokens(prediction or "")
    best = 0.0
    for alias in aliases:
        gold = answer_tokens(alias)
        common = sum((Counter(pred) & Counter(gold)).values())
        if not pred or not gold or common == 0:
            continue
        precision, recall = common / len(pred), common / len(gold)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


# --- retrieval ----------------------------------------------------------------------

def hit_at_k(relevant: Sequence[bool], k: int) -> float:
    """1.0 when any of the first k ranked items is relevant, else 0.0."""
    return 1.0 if any(relevant[:k]) else 0.0


def reciprocal_rank(relevant: Sequence[bool]) -> float:
    """1/rank of the first relevant item (0.0 when none is)."""
    for rank, ok in enumerate(relevant, start=1):
        if ok:
            return 1.0 / rank
    return 0.0


# --- spans and citations ------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of one document's text."""

    doc_id: str
    start: int
    end: int


def spans_overlap(a: Span, b: Span, min_fraction: float = MIN_SPAN_OVERLAP) -> bool:
    """True when two spans of the same document share enough characters."""
    if a.doc_id != b.doc_id:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return shared > 0 and shorter > 0 and shared >= min_fraction * shorter


def citation_precision(cited: Sequence[Span], gold: Sequence[Span]) -> float | None:
    """Share of citations that overlap some gold evidence span (None without citations)."""
    if not cited:
        return None
    return sum(any(spans_overlap(c, g) for g in gold) for c in cited) / len(cited)


def citation_recall(cited: Sequence[Span], gold: Sequence[Span]) -> float | None:
    """Share of gold evidence spans overlapped by some citation (None without gold)."""
    if not gold:
        return None
    return sum(any(spans_overlap(c, g) for c in cited) for g in gold) / len(gold)


# --- abstention, latency, aggregation -----------------------------------------------

def abstention_accuracy(abstained: Sequence[bool]) -> float | None:
    """On unanswerable questions: share where the system abstained."""
    return sum(abstained) / len(abstained) if abstained else None


def false_abstention_rate(abstained: Sequence[bool]) -> float | None:
    """On answerable questions: share where the system wrongly abstained."""
    return sum(abstained) / len(abstained) if abstained else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None (None when there are none)."""
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None
