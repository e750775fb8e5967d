"""Judge-free faithfulness: is each answer sentence supported by the quotes it cites?

A sentence is supported when (1) every number, date and name in it appears in its cited
quotes and (2) most of its content words do. Dates are compared as dates, so "10 September"
matches "September 10"; a date the answerer resolved from a weekday ("Sunday" in an article
published on Monday 11 September) counts when the arithmetic holds; and a whole-period
rendering such as "2011 (1 January 2011 – 31 December 2011)" counts when the quote names
that year. A single day the quotes never give ("1 February 2022" from "February 2022") does
not: that is invented precision.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping, Sequence

from eval.metrics import answer_tokens, normalize_text

# Share of an answer sentence's content words that must appear in the quotes it cites.
FAITHFUL_MIN_TOKEN_OVERLAP = 0.6
# A weekday in a news article means a day in the week before (or of) its publication.
WEEKDAY_WINDOW_DAYS = 7

_STOPWORDS = frozenset(
    """a an the and or but if of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once
    here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now is are was were be been
    being have has had having do does did doing i me my we our you your he him his she her it
    its they them their what which who whom this that these those am would could may might must
    shall also as said says say according""".split()
)
# Words about the sources rather than the world ("Sources disagree: another article
# gives ..."): they carry no claim a quote could support, so overlap ignores them.
_META_WORDS = frozenset(
    """source sources article articles report reports reported another other disagree
    disagrees agree agrees give gives gave mention mentions both stored passage passages quote quotes""".split()
)
_MONTH_NAMES = "january february march april may june july august september october november december".split()
_MONTH_NUMBER = {m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TO = r"\s*(?:to|-|–|—|and)\s*"
_YEAR = r"(?:,?\s+(?P<{}>\d{{4}}))?"
# Written ranges first ("10 to 13 September", "September 10 to 13"), then single dates.
_DATE = re.compile(
    rf"\b(?P<ra>{_DAY}){_TO}(?P<rb>{_DAY})\s+(?P<rm>{_MONTH})\b{_YEAR.format('ry')}"
    rf"|\b(?P<sm>{_MONTH})\.?\s+(?P<sa>{_DAY}){_TO}(?P<sb>{_DAY})\b{_YEAR.format('sy')}"
    rf"|\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})\b{_YEAR.format('y1')}"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>{_DAY})\b{_YEAR.format('y2')}"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b",
    re.IGNORECASE,
)
_PERIOD_GAP = re.compile(r"^\s*(?:to|-|–|—)\s*$")
_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|U\.S|U\.N|p\.m|a\.m|No|vs)\.$", re.IGNORECASE)

Day = tuple  # (year or None, month, day)


@dataclass(frozen=True)
class Quote:
    """A cited passage and its article's publication date (to check resolved dates)."""

    text: str
    published: date | None = None


@dataclass(frozen=True)
class DateMention:
    """A date written in a text: one day, or both ends of a written range."""

    start: int
    end: int
    days: tuple[Day, ...]


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
    # "1,400" is one number (normalised to "1400" on both sides), not "1" and "400".
    words = re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\w][\w'’.-]*", _MARKER.sub(" ", sentence))
    facts: list[str] = []
    for i, raw in enumerate(words):
        word = re.sub(r"['’]s$", "", raw.rstrip("."))
        low = normalize_text(word)
        if not low:
            continue
        if any(ch.isdigit() for ch in word) or low in _MONTH_NAMES or low in _WEEKDAYS:
            facts.append(word)
        elif i > 0 and word[0].isupper() and low not in _STOPWORDS:
            facts.append(word)
    return facts


def find_dates(text: str) -> list[DateMention]:
    """Calendar dates written in a text, in order."""
    found = []
    for m in _DATE.finditer(text):
        g = {k: v for k, v in m.groupdict().items() if v}
        if "iy" in g:
            days: tuple[Day, ...] = ((int(g["iy"]), int(g["im"]), int(g["id"])),)
        elif "rm" in g or "sm" in g:
            r = "r" if "rm" in g else "s"
            month, year = _month(g[f"{r}m"]), _int(g.get(f"{r}y"))
            days = ((year, month, _int(g[f"{r}a"])), (year, month, _int(g[f"{r}b"])))
        else:
            n = "1" if "m1" in g else "2"
            days = ((_int(g.get(f"y{n}")), _month(g[f"m{n}"]), _int(g[f"d{n}"])),)
        found.append(DateMention(m.start(), m.end(), days))
    return found


def date_supported(year: int | None, month: int, day: int, quote: Quote) -> bool:
    """A date is supported when the quote writes it, or names its weekday within the
    week before the article's publication (a news 'Sunday' resolved to its date), or as
    "next Tuesday" within the week after it."""
    pub = quote.published
    for mention in find_dates(quote.text):
        for qy, qm, qd in mention.days:
            if (qm, qd) == (month, day) and (year is None or year == (qy or (pub and pub.year))):
                return True
    if pub is None:
        return False
    try:
        when = date(year or pub.year, month, day)
    except ValueError:
        return False
    weekday = when.strftime("%A").lower()
    text = normalize_text(quote.text)
    if 0 < (when - pub).days <= 7 and re.search(rf"\b(?:next|coming|as early as|by|until|till) {weekday}\b", text):
        return True  # "next Tuesday" in a report of Tuesday 14 March: 21 March; "as early as Tuesday"
    return (0 <= (pub - when).days <= WEEKDAY_WINDOW_DAYS
            and weekday in text.split())


def period_supported(first: Day, last: Day, quote: Quote) -> bool:
    """A range that is exactly a whole year or month the quote names (its own rendering)."""
    (y1, m1, d1), (y2, m2, d2) = first, last
    if y1 is None or y2 is None:
        return False
    if _week_supported(date(y1, m1, d1), date(y2, m2, d2), quote):
        return True
    if y1 != y2:
        return False
    words = normalize_text(quote.text).split()
    pub = quote.published
    # A month the quote names without a year ("in March"), resolved against publication to
    # the one within a year of it, as the answerer reads news.
    nearest = pub is not None and not re.search(r"\b(1[89]|20)\d\d\b", quote.text) \
        and abs((y1 * 12 + m1) - (pub.year * 12 + pub.month)) < 12
    year_named = str(y1) in words or (pub is not None and pub.year == y1) or nearest
    if (m1, d1, m2, d2) == (1, 1, 12, 31):
        return str(y1) in words
    last_day = calendar.monthrange(y1, m1)[1]
    return m1 == m2 and d1 == 1 and d2 == last_day and _MONTH_NAMES[m1 - 1] in words and year_named


def _week_supported(start: date, end: date, quote: Quote) -> bool:
    """A Monday-to-Sunday week the quote names relative to its publication date ("this
    week", "last week", "next week")."""
    if quote.published is None or (end - start).days != 6 or start.weekday() != 0:
        return False
    text = normalize_text(quote.text)
    for phrase, shift in (("this week", 0), ("last week", -7), ("next week", 7)):
        if phrase in text and start <= quote.published + timedelta(days=shift) <= end:
            return True
    return False


def check_sentence(sentence: str, quotes: Mapping[int, Quote | str],
                   markers: Sequence[int] | None = None) -> SentenceCheck:
    """Check one sentence against the quotes its markers (or ``markers``) point to."""
    markers = list(citation_markers(sentence) if markers is None else markers)
    cited = [q if isinstance(q, Quote) else Quote(q) for n in markers if (q := quotes.get(n))]
    check = SentenceCheck(sentence=sentence, markers=markers, supported=False)
    if not cited:
        return check
    rest = _MARKER.sub(" ", sentence)
    check.missing_facts, rest = _check_dates(rest, cited)
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


def _check_dates(text: str, cited: list[Quote]) -> tuple[list[str], str]:
    """Unsupported dates of ``text``, and the text with every date blanked out."""
    missing: list[str] = []
    mentions = find_dates(text)
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b and len(a.days) == len(b.days) == 1 and _PERIOD_GAP.match(text[a.end : b.start]):
            ok = all(any(date_supported(*d, q) for q in cited) for d in (a.days[0], b.days[0]))
            ok = ok or any(period_supported(a.days[0], b.days[0], q) for q in cited)
            span, i = (a.start, b.end), i + 2
        else:
            ok = all(any(date_supported(*d, q) for q in cited) for d in a.days)
            span, i = (a.start, a.end), i + 1
        if not ok:
            missing.append(text[span[0] : span[1]])
    for m in reversed(mentions):
        text = text[: m.start] + " " + text[m.end :]
    return missing, text


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.lower()[:3]]


def _int(value: str | None) -> int | None:
    return int(re.sub(r"\D", "", value)) if value else None


def _content_words(text: str) -> list[str]:
    return [
        w for w in answer_tokens(_MARKER.sub(" ", text))
        if w not in _STOPWORDS and w not in _META_WORDS
    ]
