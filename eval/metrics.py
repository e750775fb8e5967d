"""Judge-free metrics: retrieval, short answers, citations, faithfulness, abstention, latency.

Every function here is pure (strings and numbers in, numbers out) so each can be checked
by hand on a small case; the runner builds their inputs from the pipeline's answers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping, Sequence

# A citation counts as overlapping a gold evidence span when the shared characters cover
# at least this fraction of the shorter of the two: a quote that holds the evidence
# sentence counts, one that only touches it across a space does not.
MIN_SPAN_OVERLAP = 0.5
# Share of an answer sentence's content words that must appear in the quotes it cites.
FAITHFUL_MIN_TOKEN_OVERLAP = 0.6

_STOPWORDS = frozenset(
    """a an the and or but if of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once
    here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now is are was were be been
    being have has had having do does did doing i me my we our you your he him his she her it
    its they them their what which who whom this that these those am would could may might must
    shall also as said says say according""".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTH_NUMBER = {m[:3]: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_MENTION = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_RE})\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|\b(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|\b(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|U\.S|U\.N|p\.m|a\.m|No|vs)\.$", re.IGNORECASE)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


# --- text normalisation and short answers -------------------------------------------

def normalize_text(text: str) -> str:
    """Lowercase, fold quotes and accents, drop punctuation and articles (SQuAD-style)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,000 -> 1000
    # Dots and apostrophes join ("U.S." -> "us", "Russia's" -> "russias"); other
    # punctuation separates ("Tong-Hyung" -> "tong hyung"). Decimal points survive.
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


# --- faithfulness -------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    """A cited passage and its article's publication date (to check resolved dates)."""

    text: str
    published: date | None = None


@dataclass
class SentenceCheck:
    """Whether one answer sentence is supported by the quotes it cites, and why not."""

    sentence: str
    markers: list[int]
    supported: bool
    missing_facts: list[str] = field(default_factory=list)
    token_overlap: float = 0.0


def split_sentences(text: str) -> list[str]:
    """Split answer text into sentences (lines first, then sentence ends, sparing 'Mr.')."""
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"[*`]+", "", line).strip().lstrip("#>-• ").strip()
        if not line:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            if _ABBREVIATION.search(line[start : m.start()]):
                continue
            out.append(line[start : m.start()].strip())
            start = m.end()
        out.append(line[start:].strip())
    return [s for s in out if _content_words(s)]


def citation_markers(sentence: str) -> list[int]:
    """The citation numbers of a sentence's ``[n]`` / ``[n, m]`` markers."""
    return [int(n) for m in _MARKER.finditer(sentence) for n in re.split(r"[,;]", m.group(1))]


def sentence_facts(sentence: str) -> list[str]:
    """Numbers, dates and names in a sentence: what a supporting quote must also contain."""
    words = re.findall(r"[\w][\w'’.-]*", _MARKER.sub(" ", sentence))
    facts: list[str] = []
    for i, raw in enumerate(words):
        word = re.sub(r"['’]s$", "", raw.rstrip("."))
        low = normalize_text(word)
        if not low:
            continue
        if any(ch.isdigit() for ch in word) or low in _MONTHS or low in _WEEKDAYS:
            facts.append(word)
        elif i > 0 and word[0].isupper() and low not in _STOPWORDS:
            facts.append(word)
    return facts


def find_dates(text: str) -> list[tuple[re.Match, int | None, int, int]]:
    """Calendar dates written in a text: (match, year or None, month, day)."""
    found = []
    for m in _DATE_MENTION.finditer(text):
        g = m.groupdict()
        if g["iso_y"]:
            year, month, day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        else:
            name = (g["m1"] or g["m2"]).lower()
            month = _MONTH_NUMBER[name[:3]]
            day = int(g["d1"] or g["d2"])
            year = int(g["y1"] or g["y2"]) if (g["y1"] or g["y2"]) else None
        found.append((m, year, month, day))
    return found


def date_supported(year: int | None, month: int, day: int, quote: Quote) -> bool:
    """A date is supported when the quote writes it, or names its weekday within the
    week before the article's publication (a news 'Sunday' resolved to its date)."""
    pub = quote.published
    for _, qy, qm, qd in find_dates(quote.text):
        if (qm, qd) == (month, day) and (year is None or year == (qy or (pub and pub.year))):
            return True
    if pub is None:
        return False
    try:
        when = date(year or pub.year, month, day)
    except ValueError:
        return False
    weekday = when.strftime("%A").lower()
    return 0 <= (pub - when).days <= 7 and weekday in normalize_text(quote.text).split()


def check_sentence(sentence: str, quotes: Mapping[int, Quote | str],
                   markers: Sequence[int] | None = None) -> SentenceCheck:
    """Check one sentence against the quotes its markers (or ``markers``) point to."""
    markers = list(citation_markers(sentence) if markers is None else markers)
    cited = [_as_quote(quotes[n]) for n in markers if n in quotes]
    check = SentenceCheck(sentence=sentence, markers=markers, supported=False)
    if not cited:
        return check
    rest = _MARKER.sub(" ", sentence)
    for m, year, month, day in reversed(find_dates(rest)):
        if not any(date_supported(year, month, day, q) for q in cited):
            check.missing_facts.append(m.group(0))
        rest = rest[: m.start()] + " " + rest[m.end() :]  # checked: drop from the rest
    quote_words = f" {normalize_text(' '.join(q.text for q in cited))} "
    check.missing_facts += [
        f for f in sentence_facts(rest) if f" {normalize_text(f)} " not in quote_words
    ]
    words = _content_words(rest)
    quote_set = set(quote_words.split())
    check.token_overlap = sum(w in quote_set for w in words) / len(words) if words else 1.0
    check.supported = not check.missing_facts and (
        check.token_overlap >= FAITHFUL_MIN_TOKEN_OVERLAP
    )
    return check


def faithfulness(answer_text: str, quotes: Mapping[int, Quote | str]) -> tuple[float | None, list[SentenceCheck]]:
    """Share of answer sentences supported by their cited quotes, with each sentence's check.

    A sentence without markers (a bold short answer above its quote) is checked against the
    markers of the next sentence that has some; with none after it, it is unsupported.
    """
    sentences = split_sentences(answer_text)
    markers = [citation_markers(s) for s in sentences]
    inherited: list[int] = []
    for i in range(len(sentences) - 1, -1, -1):
        if markers[i]:
            inherited = markers[i]
        else:
            markers[i] = inherited
    checks = [check_sentence(s, quotes, m) for s, m in zip(sentences, markers)]
    if not checks:
        return None, checks
    return sum(c.supported for c in checks) / len(checks), checks


def _as_quote(q: Quote | str) -> Quote:
    return q if isinstance(q, Quote) else Quote(q)


def _content_words(text: str) -> list[str]:
    return [w for w in answer_tokens(_MARKER.sub(" ", text)) if w not in _STOPWORDS]


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
