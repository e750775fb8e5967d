"""Resolve date expressions ("Sunday evening", "last week", "September 10") to dates.

News convention: a bare weekday names a day in the week around the article's publication
date, in the past unless the sentence looks forward ("as early as Tuesday", "until
Wednesday", "will … on Friday"). dateparser handles absolute forms; the weekday and
relative-word rules are ours because dateparser's ``PREFER_DATES_FROM="past"`` moves
"Monday" a week back even when the article itself was published on a Monday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
# Words before or around a weekday that point forward in time ("may", not the month "May").
FUTURE_CUES = re.compile(
    r"\b(as early as|until|till|by|next|coming|will|would|could|(?-i:may)|might|expected|"
    r"scheduled|plans?|planned|due|set to|later)\b",
    re.IGNORECASE,
)
PAST_CUES = re.compile(r"\b(last|earlier|ago|previous|past|on)\b", re.IGNORECASE)
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_PART_OF_DAY = re.compile(r"\b(morning|afternoon|evening|night|noon|midnight)\b", re.I)
_HAS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTHS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression pinned to the calendar; ``end`` is set for a range."""

    start: date
    end: date | None = None
    part_of_day: str | None = None

    def label(self) -> str:
        """Human form: '10 September 2023' or '4–10 September 2023'."""
        if self.end and self.end != self.start:
            return f"{_fmt(self.start)} – {_fmt(self.end)}"
        return _fmt(self.start)

    def iso(self) -> str:
        """ISO form (a range as 'start/end')."""
        if self.end and self.end != self.start:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        return self.start.isoformat()


def _fmt(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def resolve(expr: str, base: date | None, context: str = "") -> ResolvedDate | None:
    """Resolve ``expr`` (as written in a sentence ``context``) against publication date ``base``."""
    text = " ".join(expr.split())
    low = text.lower()
    part = m.group(1).lower() if (m := _PART_OF_DAY.search(low)) else None
    if base is not None:
        for word, delta in _RELATIVE_DAYS.items():
            if re.search(rf"\b{word}\b", low):
                return ResolvedDate(base + timedelta(days=delta), part_of_day=part)
        if "last week" in low or "previous week" in low:
            monday = base - timedelta(days=base.weekday() + 7)
            return ResolvedDate(monday, monday + timedelta(days=6))
        if re.search(r"\bthis week\b", low):
            monday = base - timedelta(days=base.weekday())
            return ResolvedDate(monday, monday + timedelta(days=6))
        wd = WEEKDAY_RE.search(low)
        if wd and not MONTHS.search(low):
            before = _window(context, text)[: -len(text)] + text[: wd.start()]  # "… ended on a "
            if _ANY_WEEKDAY.search(before) or low[wd.end() : wd.end() + 1] == "s":
                return None  # "on a Tuesday afternoon", "every Monday", "on Fridays": no one day
            return ResolvedDate(_weekday(wd.group(1).lower(), base, low, context), part_of_day=part)
    if MONTHS.search(low) and re.search(r"\d", low):
        return _absolute(text, base, part)
    if base is not None and (m := _BARE_MONTH.fullmatch(low)):
        return _bare_month(m.group(1), base, low, context)
    if m := re.fullmatch(r"(?:in |the year )?(1[89]\d\d|20\d\d)", low):
        y = int(m.group(1))
        return ResolvedDate(date(y, 1, 1), date(y, 12, 31))
    return None


_BARE_MONTH = re.compile(r"(?:in |by |until |from |since |early |late |mid-|the end of |the start of )*"
                         r"(january|february|march|april|may|june|july|august|september|october|"
                         r"november|december)")


def _bare_month(name: str, base: date, expr: str, context: str) -> ResolvedDate:
    """A month named without a year ("in March"), as news writes it: the next one when the
    sentence looks ahead ("is expected to be completed in March"), else the latest one up
    to the publication date ("had pleaded guilty in July")."""
    month = _MONTH_NAMES.index(name) + 1
    window = _window(context, expr)[: -len(expr)]  # the words before it ("May" is no modal here)
    if FUTURE_CUES.search(window) and not re.search(r"\b(last|earlier|ago)\b", window):
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    first = date(year, month, 1)
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return ResolvedDate(first, nxt - timedelta(days=1))


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]


_ANY_WEEKDAY = re.compile(r"\b(?:a|an|every|each|any|one)\s*$", re.I)


def _weekday(name: str, base: date, expr: str, context: str) -> date:
    target = WEEKDAYS.index(name)
    back = (base.weekday() - target) % 7
    if re.search(r"\blast\b", expr):
        return base - timedelta(days=back or 7)
    if re.search(r"\bnext\b", expr):
        return base + timedelta(days=((target - base.weekday()) % 7) or 7)
    if back == 0:
        return base  # "Monday" in an article published on a Monday is that day
    window = _window(context, expr)
    if FUTURE_CUES.search(window) and not re.search(r"\b(last|earlier|ago)\b", window):
        return base + timedelta(days=(target - base.weekday()) % 7)
    return base - timedelta(days=back)


def _window(context: str, expr: str) -> str:
    """Up to six words before the expression in its sentence (where tense cues sit)."""
    if not context:
        return expr
    i = context.lower().find(expr.lower())
    if i < 0:
        return expr
    before = context[:i].split()[-6:]
    return " ".join(before + [expr])


def _absolute(text: str, base: date | None, part: str | None) -> ResolvedDate | None:
    import dateparser

    # "10 to 13 September", "September 10 to 13", "from September 10 to 13": a range.
    rng = re.search(r"(\d{1,2})\s*(?:to|-|–|and)\s*(\d{1,2})\s+([A-Za-z]+)", text) or re.search(
        r"([A-Za-z]+)\s+(\d{1,2})\s*(?:to|-|–|and)\s*(\d{1,2})", text
    )
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    if rng:
        a, b, c = rng.groups()
        month, d1, d2 = (c, a, b) if a.isdigit() else (a, b, c)
        first = dateparser.parse(f"{d1} {month}", languages=["en"], settings=settings)
        last = dateparser.parse(f"{d2} {month}", languages=["en"], settings=settings)
        if first and last:
            return ResolvedDate(first.date(), last.date(), part)
    if _HAS_YEAR.search(text) and not re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", text):
        # "February 2022": a whole month, not its first day.
        found = dateparser.parse(text, languages=["en"], settings=settings)
        if found:
            first = found.date().replace(day=1)
            nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return ResolvedDate(first, nxt - timedelta(days=1), part)
    cleaned = re.sub(r"^(on|the|from|since|by|until)\s+", "", _PART_OF_DAY.sub("", text), flags=re.I)
    cleaned = re.sub(r"^(of\s+)", "", cleaned.strip(), flags=re.I)
    found = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if not found:
        return None
    d = found.date()
    if base is not None and not _HAS_YEAR.search(text) and d.year != base.year:
        d = d.replace(year=base.year)
    return ResolvedDate(d, part_of_day=part)
