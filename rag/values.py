"""Answer values: which entities of a sentence (spaCy's, and the values ``patterns.py``
finds where spaCy splits or misses them) can answer a question, and how well each fits:
its type, the kind of value a measuring question wants ("how old" an age, "how many
shells" a number followed by "shells"), a date's precision, the role a person is named in.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from rag.dates import MONTHS, WEEKDAY_RE
from rag.patterns import (
    A_NUMBER, COMMON_PLACE, COMMON_PLACE_FIT, DATELINE, DATELINE_FIT, DIGIT_CLOCK, EARLIER_FIGURE, FREQUENCY, LIFE_DATE, NUMERIC_LABELS,
    PLACE_NOUNS, ASKS_LAST, LAST_BEFORE, life_event, PRIOR_OCCURRENCE, PRIOR_OCCURRENCE_FIT, QUALIFIERS, TALLY, YEAR,
    found_by_pattern,
)
from rag.measures import DURATION, measure_fit, with_currency, with_percent, with_range, with_unit, for_another
from rag.wordlists import DETERMINERS, KIND_ALIASES, NAME_HEADS, PERSON_NOUNS, STOPWORDS, TALLY_NOUNS
from rag.question import QuestionAnalysis, question_names, singular
from rag.sentences import Entity, Sentence
from rag.text import stem_all, tokenize

# How well each spaCy label fits each answer type (spaCy's small model confuses some).
TYPE_COMPAT: dict[str, dict[str, float]] = {
    "date": {"DATE": 1.0, "TIME": 0.8},
    "time": {"TIME": 1.0, "DATE": 0.8},
    "duration": {"DATE": 1.0, "TIME": 0.8, "CARDINAL": 0.4, "QUANTITY": 0.4},
    "person": {"PERSON": 1.0, "ORG": 0.3, "NORP": 0.2},
    "place": {"GPE": 1.0, "LOC": 1.0, "FAC": 1.0, "ORG": 0.2},
    "organisation": {"ORG": 1.0, "PERSON": 0.4, "GPE": 0.3, "NORP": 0.3, "PRODUCT": 0.3},
    "number": {"CARDINAL": 1.0, "QUANTITY": 1.0, "MONEY": 1.0, "PERCENT": 1.0, "ORDINAL": 0.3},
}
# Words that make a name a place, whatever label spaCy gave it.
PLACE_HEADS = re.compile(
    r"\b(Pier|Port|Harbou?r|Street|St|Avenue|Road|Square|Bridge|Station|Airport|Hotel|Palace|"
    r"Tower|Base|Cent(?:er|re)|Stadium|Island|Islands|River|Lake|Mount|Bay|Park|Campus|Hall|"
    r"University|College|Institute|School|Hospital|Museum|Cathedral|Church|Market|Terminal|"
    r"Plaza|Province|Prefecture|County|District|Oblast|Krai|Peninsula|Strait|Sea|Ocean|Row|Lane|Quay|"
    r"Wharf|Crescent|Terrace)\b")
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
# A run of capitalised words, joined by "and"/"of" ("Calder and Moy", "Bank of England").
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:and|of|&)\s+[A-Z][\w'’-]*|\s+[A-Z][\w'’-]*)*")
_NAME_TAIL = re.compile(r"(?: [A-Z][a-z]+)+(?![\w'’-])")
# A place named for its owner, cut at the apostrophe by spaCy: "Cobbler" + "'s Row".
_POSSESSIVE_PLACE = re.compile(r"['’]s(?: [A-Z][a-z]+)*? (?=[A-Z])" + PLACE_HEADS.pattern.replace(r"\b(", "(?:", 1)
                               + r"(?! [A-Z])")
# A value that names the kind of thing asked for ("Elm Street" for "which streets").
FOCUS_BONUS = 1.2
ATTRIBUTIVE_NAME = 0.3
# How far before a number the measure asked for may be written ("a market value of about").
FOCUS_BEFORE = 25
# Places spaCy labels GPE (countries, cities, states), as a question writes them.
POLITICAL_PLACES = {"country", "countries", "nation", "nations", "city", "cities", "town", "towns",
                    "state", "states", "capital", "capitals"}
# How well a week, or a month or a year, answers "when" (a day scores 1): a mild preference,
# tuned on both dev splits (a year at 0.5 lost "1966" to a nearer day).
WEEK_DATE = 0.9
WIDE_DATE = 0.85
# A person far from the role the question names ("Who is the spokesman?") fits this much less.
ROLE_MISSING = 0.2
ROLE_WINDOW = 70
def answer_entities(q: QuestionAnalysis, s: Sentence, q_stems: set[str]) -> list[tuple[Entity, float]]:
    """(entity, fit) pairs in ``s`` that could answer ``q``, none named in the question."""
    focus = stem_all([q.focus])[0] if q.focus else None
    # Words of the question that an answer may share: the counted noun ("the past 17
    # months") and the kind asked for ("Elm Street" for "which streets").
    units = set(stem_all([q.counted.split()[0]])) if q.counted else set()
    units |= {focus} if focus else set()
    q_words = tokenize(q.text)
    inside = _names_inside_other_names(q.text)
    if q.answer_type == "person" and _NAMED_AFTER_WHOM.search(q.text):
        # "After whom is the bell Great Agnes named?": Agnes Marlow shares its name by design.
        inside = inside | set(stem_all(question_names(q)))
    out, ranges = [], []
    for e in _values_in(q, s):
        if e.label in NAME_LABELS and e.text.islower():
            continue  # "wrapped in wet sheeting": spaCy's small model tags "wet" a GPE; names have capitals
        if e.label in NAME_LABELS and (m := _POSSESSIVE_PLACE.match(s.text, e.end - s.start)):
            e = Entity("FAC", e.text + m.group(), e.start, e.end + len(m.group()))
        if q.answer_type in {"date", "time"} and (m := _CLOCK_THEN_MORE.match(e.text)):
            e = replace(e, text=m.group(1), end=e.start + len(m.group(1)))  # "7:42 p.m., about 20 minutes …"
        fit = _kind_fit(q, e, s, focus)
        if fit is None:
            continue
        fit = _when_fit(q, e, s, fit)
        if q.measure in {"count", "people", "headcount"} and (not (A_NUMBER.search(e.text) or _MANY.search(e.text))
                                                             or e.label == "DATE" and YEAR.fullmatch(e.text)):
            continue  # "daytime flights", "in 1994": no count
        if q.measure and q.answer_type in {"number", "duration"}:
            if q.measure in {"count", "age", "frequency", "people", "headcount"} and e.label in NUMERIC_LABELS | {"TIME"}:
                fit = 1.0  # "10th foreign trip", "the past 17 months", "aged 39": any number
            fit *= measure_fit(q, e, s)
            if q.measure == "count" and q.counted and (verb := _said_of_some(q.counted.split()[0], e, s)) \
                    and stem_all([verb])[0] not in q_stems:
                fit *= SUBSET_FIT  # "five passengers were treated in hospital" for "how many were on board"
            e = with_unit(q, e, s)
        if q.answer_type in {"place", "organisation", "entity"} and q.focus and re.search(
                rf"\b{re.escape(q.focus)}\b[^.;]{{0,40}}\s[–—:(]\s*$", s.text[max(0, e.start - s.start - 60) : e.start - s.start]):
            fit *= FOCUS_BONUS  # "separatist regions in eastern Ukraine – Donetsk and Luhansk"
        if q.answer_type == "number" and focus and focus in set(stem_all(tokenize(
                s.text[max(0, e.start - s.start - FOCUS_BEFORE) : e.start - s.start]))):
            fit *= FOCUS_BONUS  # "What was its market value?": "a market value of about 2.9 billion"
        if q.answer_type in {"number", "duration"} and e.label in NUMERIC_LABELS | {"MONEY", "PERCENT", "TIME"}:
            whole = with_range(e, s)
            if whole is not e:
                ranges.append((whole.start, whole.end))
            e = with_percent(whole, s)
        if q.answer_type == "number" and not ASKS_LAST.search(q.text) and \
                EARLIER_FIGURE.search(s.text[max(0, e.start - s.start - 120) : e.start - s.start]):
            continue  # "the largest since the Tamsin Ridge fire of 2017, which burned 14,000 acres"
        if q.answer_type == "number" and for_another(q.text, e, s):
            continue  # "one penny for a pedestrian" is not the toll "for a bicycle"
        if e.label == "MONEY" or q.measure == "money":
            e = with_currency(e, s)
        elif e.label == "PERSON" and (pair := _shared_surname(e, s)):
            e = pair  # "the brothers Archibald and Thomas Drennick": both, not "Archibald"
        elif e.label in NAME_LABELS:
            e = _with_name_tail(e, s)
        if fit <= 0:
            continue
        if q.answer_type in {"person", "organisation"} and AGENT_BONUS > 1 and _agent_of(q.text, e, s):
            fit *= AGENT_BONUS  # "Who designed the lighthouse?": "designed by the engineer Euan Quillsby"
        if _named_by(e, q_stems - units, inside) or _demonym_of(e.text, q_words):
            continue  # the question already names it ("Russia" for "the Russian navy") ("Joe Biden" for "Biden's adviser")
        if RATE_IN_ANSWER and (e.label == "MONEY" or q.measure == "money") and (m := _PER_TIME.match(s.text, e.end - s.start)):
            e = Entity(e.label, e.text + m.group(), e.start, e.end + len(m.group()), e.resolved, e.resolved_label)
        out.append((e, fit))
    # A value inside a range ("11" in "11 to 14 millimetres") gives way to it.
    return [(e, f) for e, f in out if not any(a <= e.start and e.end <= b and b - a > e.end - e.start for a, b in ranges)]


# A count said of some of those counted ("five passengers were treated in hospital"), when
# the question does not ask about that.
SUBSET_FIT = 0.5


def _said_of_some(noun: str, e: Entity, s: Sentence) -> str | None:
    """The verb a count's noun is the subject of, right after it ("five passengers were
    treated" -> treated), or None."""
    m = _subject_of(noun).match(s.text[e.end - s.start : e.end - s.start + 60])
    return m.group(1) if m else None


@lru_cache(maxsize=64)
def _subject_of(noun: str) -> re.Pattern:
    """The pattern of a count's noun followed by its passive verb ("passengers were treated")."""
    stem = re.escape(noun[:-1] if noun.endswith("s") else noun)
    return re.compile(rf"\s+(?:[\w'’-]+\s+){{0,2}}?{stem}\w*\s+(?:who\s+)?(?:were|was|had\s+been|have\s+been)\s+"
                      r"(?:all\s+)?([a-z]+)")


AGENT_BONUS = 1.2
_WHO_VERB = re.compile(r"^\W*(?:who|which\s+[\w'’-]+)\s+(?!(?:is|was|are|were|has|had|have|will|would|did|does|do|can|could)\b)"
                       r"([a-z]+)(?:\s+(up|out|off|down|in|on|over))?\b", re.I)


def _agent_of(question: str, e: Entity, s: Sentence) -> bool:
    """Is the value the doer of the question's verb: "designed by the engineer Euan Quillsby"
    or "Euan Quillsby designed" for "Who designed …?" (the verb as the question writes it)."""
    doers = _doer_patterns(question)
    if doers is None:
        return False
    by, then = doers
    return bool(by.search(s.text[max(0, e.start - s.start - 60) : e.start - s.start])
                or then.match(s.text[e.end - s.start : e.end - s.start + 80]))


@lru_cache(maxsize=256)
def _doer_patterns(question: str) -> tuple[re.Pattern, re.Pattern] | None:
    """For "Who designed …?": the text before a doer ("designed by the engineer ") and after
    one ("designed"), once per question; None when the question asks no verb's doer."""
    m = _WHO_VERB.match(question)
    if not m:
        return None
    verb = re.escape(m.group(1)) + (rf"\s+{m.group(2)}" if m.group(2) else "")
    return (re.compile(rf"\b{verb}\s+by\s+(?:[\w'’-]+\s+){{0,3}}$", re.I),
            re.compile(rf"\s*(?:,[^,]{{1,60}},\s*)?{verb}\b", re.I))


_NAMED_AFTER_WHOM = re.compile(r"\b(?:named|called)\s+(?:after|for)\b|\bafter\s+whom\b.*\b(?:named|called)\b|"
                               r"\bwho\b.*\bnamed\s+(?:after|for)\b", re.I)


def _values_in(q: QuestionAnalysis, s: Sentence) -> list[Entity]:
    """spaCy's entities of the sentence and the values ``patterns.py`` finds; a value spaCy
    split ("21" of "21 °C", "9" of "voted 9-3") gives way to the whole one."""
    extra = found_by_pattern(q, s)
    return [e for e in s.entities if not (e.label in NUMERIC_LABELS and any(
        x.label in NUMERIC_LABELS and x.start <= e.start and e.end <= x.end and x.end - x.start > e.end - e.start
        for x in extra))] + extra


# A sum given per year, week … keeps its rate in the short answer ("2,000 pounds a year").
RATE_IN_ANSWER = True
_PER_TIME = re.compile(r"\s+(?:a|per|each)\s+(?:year|week|month|day|hour|night)\b")
_LIFESPAN = re.compile(r"\d{4}\s*[-–]\s*\d{4}")
# Words that count without a figure ("dozens", "both").
_MANY = re.compile(r"\b(?:one|dozens?|scores|hundreds|thousands|millions|billions|several|both)\b", re.I)
# How often, said in one word ("daily"): no answer to when.
_HOW_OFTEN = re.compile(r"(?:twice\s+)?(?:daily|weekly|fortnightly|monthly|yearly|annually|nightly|hourly)", re.I)
# "How long / far / high / tall / deep / wide / heavy …": a size, a distance or a time ("how far
# along": a share done).
_ASKS_DIMENSION = re.compile(r"\bhow\s+(?:long|far|high|tall|deep|wide|heavy|old|fast)\b", re.I)
_ASKS_SIZE = re.compile(r"\bhow\s+(long|high|tall|deep|wide|thick)\b", re.I)
# A bare count answers "how long / far / high …" (with no unit asked) this much less.
BARE_DIMENSION = 0.5


def _kind_fit(q: QuestionAnalysis, e: Entity, s: Sentence, focus: str | None) -> float | None:
    """How well the value is of the kind asked for (its label, the words around it, the
    role or kind the question names), or None when it cannot answer at all."""
    if e.label in {"PERSON", "ORG"} and not any(w[:1].isupper() for w in e.text.split()):
        return None  # "café", a PERSON to spaCy, "defense ministry" an ORG: a name is written with a capital
    if e.label in NAME_LABELS and PLACE_HEADS.fullmatch(re.sub(r"^(?:the|The)\s+", "", e.text)):
        return None  # "River" of "A Furnace by the River": a kind of place, not a named one
    if e.label in {"DATE", "TIME"} and not any(ch.isdigit() for ch in e.text) \
            and re.match(r"-[a-z]", s.text[e.end - s.start : e.end - s.start + 2]):
        return None  # "a day-flying moth", "a night-time ban": part of a word, no time
    credit = _credit(e, s)
    if credit and not (q.answer_type == "organisation" and _ASKS_REPORTER.search(q.text)) or e.label != DATELINE and not credit and _in_dateline(e, s):
        # "LONDON, May 17 (Reuters) —": where, when and by whom the report was filed (its
        # place as spaCy reads it, "CASTELMARR" a PERSON, gives way to the dateline's own).
        return None
    fit = 1.0 if e.label == LIFE_DATE else TYPE_COMPAT.get(q.answer_type, {}).get(e.label, 0.0)
    if q.answer_type in {"date", "time"} and (FREQUENCY.search(e.text) or _HOW_OFTEN.fullmatch(e.text.strip())):
        return None  # "every day and a half", "daily": how often, not when
    if e.label in {"MONEY", "PERCENT"} and q.measure != "progress" and _ASKS_DIMENSION.search(q.text):
        return None  # "How long is the crack?": no sum of money or share
    if q.answer_type == "time" and DIGIT_CLOCK.search(e.text):
        fit = max(fit, 1.0)  # "from 6 am to 11 pm", a QUANTITY to spaCy, writes clock times
    if q.answer_type == "entity":
        # "Which utility …": a name written as one ("the utility Northline Power", "the
        # Treasury Room" for "which room"); any other name is a guess.
        whole = _with_name_tail(e, s) if e.label in NAME_LABELS else e  # "Treasury" + " Room"
        if not focus or e.label not in KIND_LABELS or not _of_kind(kinds_of(q.focus), whole, s):
            return None
        fit = 1.0
    if e.label == DATELINE:
        fit = DATELINE_FIT  # often where it happened, sometimes only where it was written
    elif e.label == COMMON_PLACE:
        if q.focus in POLITICAL_PLACES:
            return None  # "In which town …": a town has a name ("the town hall" is none)
        fit = COMMON_PLACE_FIT  # a place without a name: a name, when there is one, wins
    elif q.answer_type == "place" and PLACE_HEADS.search(_head_part(e.text)):
        fit = 1.0  # spaCy's small model calls "Pier 33" a PERSON
    elif q.answer_type == "place" and (noun := _placed_by_context(e, s)) is not None:
        # "Ardmillish, a fishing village" (an ORG to spaCy); "which village": the village
        # of Pontarrow.
        fit = FOCUS_BONUS if focus and noun and stem_all([noun])[0] == focus else 1.0
    if q.answer_type == "time" and e.label != "TIME" and not _CLOCK.search(e.text):
        fit *= TIME_WITHOUT_CLOCK  # "What time …": "shortly after 2 a.m." over "Sunday"
    if q.answer_type in {"date", "time"}:
        # A resolved date, as precise as asked; an unplaced "decades" or "the coming days"
        # hardly answers "when".
        fit *= _date_precision(q, e) if e.resolved else (1.0 if _placed(e.text) else 0.3)
        if q.focus in {"year", "decade", "century"} and not re.search(r"\d", e.text):
            fit *= 0.3  # "What year …": "the following year" (of what?) names none
        if _LIFESPAN.fullmatch(e.text) and s.text[e.start - s.start - 1 : e.start - s.start] == "(" and not life_event(q.text):
            return None  # "Edvard Halvorsen (1829-1901)": his life, not when anything happened
    if q.answer_type == "place" and s.text[e.end - s.start : e.end - s.start + 2] in ("'s", "’s"):
        fit *= 0.5  # "Europe's satellite": an owner, seldom the where
    if q.answer_type == "place" and FROM_PLACE_FIT < 1 and _AFTER_FROM.search(s.text[max(0, e.start - s.start - 12) : e.start - s.start]) \
            and not _ASKS_FROM.search(q.text):
        fit *= FROM_PLACE_FIT  # "the morning train from Haldrun": where it set out, not where they were taken
    if q.answer_type == "place" and LIFE_PLACE_FIT < 1 and (m := _AFTER_LIFE.search(s.text[max(0, e.start - s.start - 20) : e.start - s.start])) \
            and life_event(q.text) != (1 if m.group(1).lower() == "born" else 2):
        fit *= LIFE_PLACE_FIT  # "the composer Ilse Marnovar, who was born in Brenmoor, after the premiere …": not where it premiered
    if q.focus in POLITICAL_PLACES and e.label in {"LOC", "FAC"}:
        fit *= 0.5  # "which countries": England (GPE) rather than Europe (LOC)
    if (q.focus in TALLY_NOUNS or q.measure == "tally") and TALLY.fullmatch(e.text):
        fit = FOCUS_BONUS  # "what was the committee vote": "7-4", the kind of value asked for
    elif focus and q.answer_type not in {"date", "time"} and focus in set(stem_all(tokenize(e.text))):
        fit = max(fit, 1.0) * FOCUS_BONUS  # "which streets" -> "Elm Street" (not "what year": "the following year")
    elif focus and q.answer_type == "person" and not _role_near({focus} | q.role_synonyms, e, s):
        fit *= ROLE_MISSING  # "Japan's prime minister": "Kim" is named nowhere near "minister"
    if q.answer_type == "person" and ATTRIBUTIVE_NAME < 1 and re.search(r"\bthe\s+$", s.text[max(0, e.start - s.start - 4) : e.start - s.start], re.I) \
            and re.match(r"\s+[a-z]", s.text[e.end - s.start :]):
        fit *= ATTRIBUTIVE_NAME  # "the Maren class of ferries": a name used of a thing, a PERSON to spaCy
    if q.answer_type == "person" and _thing_name(e.text):
        fit = min(fit, TYPE_COMPAT["person"]["ORG"])  # "Kingsmoor Hospital", a PERSON to spaCy
    if q.answer_type == "person" and e.label != "PERSON" and _OWNER_BEFORE.search(s.text[: e.start - s.start]):
        fit *= ROLE_MISSING  # "the mayor of Marden": the place the role belongs to, not its holder
    if q.answer_type == "number" and (m := _ASKS_SIZE.search(q.text)) \
            and re.match(rf"\s+{m.group(1)}\b", s.text[e.end - s.start :], re.I):
        fit = max(fit, 1.0) * FOCUS_BONUS  # "How long is the ferry?": "She is 68 metres long", not "the 14-kilometre route"
    if e.label == "CARDINAL" and q.measure is None and _ASKS_DIMENSION.search(q.text):
        # "How long is the tunnel?": "4.1 kilometres", not "eleven tunnels" ("how old" measures an age)
        fit *= BARE_DIMENSION
    return fit


def _when_fit(q: QuestionAnalysis, e: Entity, s: Sentence, fit: float) -> float:
    """The fit of a value for a "when" or "how long" question: a length of time is no
    "when", and the date of an earlier time answers "when did it last …"."""
    if q.answer_type == "duration" and e.label in {"DATE", "TIME"} and DURATION.search(e.text):
        fit = 1.0  # "less than ten minutes", a TIME to spaCy
    if q.answer_type in {"date", "time"} and DURATION.search(e.text) and not e.resolved:
        # "two days after the flood" may say when, if vaguely; "41 seconds" or "more than
        # three years" is a length of time, no when.
        fit *= 0.3 if _TIME_ANCHOR.search(e.text) else 0.0
    if q.answer_type in {"date", "time"}:
        before = s.text[max(0, e.start - s.start - 80) : e.start - s.start]
        if PRIOR_OCCURRENCE.search(before):
            # "The first full stoppage since 1989", "the worst flooding since 1966": the
            # date of an earlier time it happened, which answers "when did it last …",
            # not "when did it end".
            fit = FOCUS_BONUS if ASKS_LAST.search(q.text) else fit * PRIOR_OCCURRENCE_FIT
        elif ASKS_LAST.search(q.text) and LAST_BEFORE.search(before):
            fit = max(fit, 1.0) * FOCUS_BONUS  # "was last hit by a comparable flood in 1966"
        elif _FROM_THEN.search(before) and _ASKS_END.search(q.text):
            fit = 0.0  # "occupied from around 500 BC" says when it began, not when it was abandoned
        elif _SAID_ON.search(before) and not _SAYING.search(q.text):
            # "said on Thursday that it would restore the flight from 27 October": the day
            # it was said, not the day of what was said (unless that is what is asked).
            fit *= REPORTED_DATE_FIT
    return fit


# A date a state began at ("from around 500 BC", "since 2017") and a question about its end.
_FROM_THEN = re.compile(r"\b(?:from|since)\s+(?:(?:about|around|roughly|c\.|circa)\s+)?$", re.I)
_ASKS_END = re.compile(r"\b(?:abandon|end|clos|finish|stop|ceas|demolish|shut|retir|quit|leav|left|die|died|"
                       r"collaps|dissolv|disband)\w*", re.I)
_CLOCK = re.compile(r"\d[:.]\d\d|\b(?:a\.?m\.?|p\.?m\.?|o'clock|noon|midnight|dawn|dusk|morning|afternoon|"
                    r"evening|night)\b", re.I)
TIME_WITHOUT_CLOCK = 0.4
# The day a report was made ("said on Thursday"), when the question asks no saying verb.
REPORTED_DATE_FIT = 0.5
_SAYING_VERBS = r"said|says|say|announced|announces|told|tells|confirmed|confirms|stated|reported|warned|added|claimed"
_SAID_ON = re.compile(rf"\b(?:{_SAYING_VERBS})(?:\s+\w+)?\s+(?:on|late on|early on|last)?\s*$", re.I)
_SAYING = re.compile(rf"\b(?:{_SAYING_VERBS}|say|announce|tell|confirm|state|report|warn|claim|statement|"
                     r"announcement|news|learn|learned|reveal|revealed|disclosed?|public|publish\w*|release[sd]?|unveil\w*)\b", re.I)
# Words that tie a length of time to a when ("two days after the flood", "three years ago").
_TIME_ANCHOR = re.compile(r"\b(?:after|before|ago|since|later|earlier|until|from|on|in|of|this|last|next)\b|\d{4}", re.I)
# A clock time spaCy's small model runs on into what follows it, across a comma.
_CLOCK_THEN_MORE = re.compile(r"^(\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)\s*,\s+\S", re.I)
KIND_LABELS = NAME_LABELS | {"PRODUCT", "EVENT", "WORK_OF_ART", "NORP", "LAW"}


def _of_kind(kinds: set[str], e: Entity, s: Sentence) -> bool:
    """Is the name said to be of a kind (stems: the one asked for and its aliases, "award":
    prize) asked for: in its words ("the Treasury Room"), just before it ("the utility
    Northline Power", "the mint of Corrabridge"), just after it ("the Golden Lyre prize") or
    in apposition after it ("Northline, the local utility,")?"""
    if kinds & set(stem_all(tokenize(e.text))):
        return True
    a, b = e.start - s.start, e.end - s.start
    # "the mint of Corrabridge", not "the Wollaston Prize of the Chemical Society"
    # ("the resort town of Ostmere": a town, and a resort)
    of = re.search(r"\b((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+of\s+$", s.text[max(0, a - 30) : a])
    before = [w for w in tokenize(of.group(1)) if w not in STOPWORDS] if of else tokenize(s.text[max(0, a - 30) : a])[-1:]
    after = re.match(r",\s+(?:the|a|an|its|their)\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s*[,.;]", s.text[b : b + 60])
    # (its head before a preposition: "the Corran Shoal, a sandbank in Veyla Sound,")
    # ("Selkie Strand, a beach south of the town": not the direction after the head)
    head = re.split(r"\s(?:in|of|at|on|near|off|from|by|for)\s", after.group(1))[0] if after else ""
    near = before + [w for w in tokenize(head) if w not in _DIRECTIONS][-1:]
    # The noun its name qualifies ("the Golden Lyre prize", "the Hwasong intercontinental
    # ballistic missile"): the last of the common words right after it, up to a word such as
    # "is" or "of", none before it a verb's form ("Russia wants weapons").
    run = re.match(rf"(?:\s+[a-z][\w-]*){{1,{KIND_WORDS_AFTER}}}", s.text[b : b + 60])
    words = list(itertools.takewhile(lambda w: w not in STOPWORDS, run.group().split() if run else []))
    if words and not any(w.endswith(("s", "ed", "ing")) for w in words[:-1]):
        near.append(words[-1])
    return bool(kinds & set(stem_all(near)))


KIND_WORDS_AFTER = 3
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "just", "close"}


@lru_cache(maxsize=256)
def kinds_of(focus: str) -> frozenset[str]:
    """The stems of a kind asked for and of its aliases ("award": prize, medal, trophy …)."""
    return frozenset(stem_all([focus, singular(focus), *KIND_ALIASES.get(singular(focus), ())]))


def _head_part(text: str) -> str:
    """The head word of a name: the word before its "of" ("University of Leeds") or its
    last word ("the Ashcombe Valley School Board" is a board, not a school)."""
    words = [w for w in text.split() if not w[:1].isdigit()]  # "Pier 33"
    if "of" in words[1:-1]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else text


def _thing_name(text: str) -> bool:
    """Does the name end in a word that names a thing or a place ("Kingsmoor Hospital",
    "Calder and Moy Company")? No person is called that, whatever spaCy's label says."""
    words = text.split()
    return len(words) > 1 and (words[-1].lower() in NAME_HEADS or bool(PLACE_HEADS.fullmatch(words[-1])))


# A wire report's opening line up to its dash: "HOLLIS GAP, Aug. 10 (Western Press Service) -".
_DATELINE_HEAD = re.compile(r"^\W*[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*,[^()—–]{0,40}?\([^)]{1,40}\)\s*[—–-]")


def _in_dateline(e: Entity, s: Sentence) -> bool:
    """Is the value part of a dateline ("HOLLIS GAP, Aug. 10 (…) -"): the place and the day
    the report was filed, which answer no question about what it reports?"""
    m = _DATELINE_HEAD.match(s.text)
    return bool(m) and e.end - s.start <= m.end()


# "Which agency reported …", "which news service filed the story": a dateline's credit answers.
_ASKS_REPORTER = re.compile(r"\b(?:report\w*|agency|agencies|wire|news|press|stor(?:y|ies)|article|filed|"
                            r"wrote|written|published)\b", re.I)


def _credit(e: Entity, s: Sentence) -> bool:
    """Is the name the agency a dateline credits ("BRELLINGTON, England (Reuters) — …")?"""
    at = e.start - s.start
    return s.text[at - 1 : at] == "(" and bool(re.match(r"\)\s*[—–-]", s.text[e.end - s.start :]))


def _named_by(e: Entity, q_stems: set[str], inside: set[str] = frozenset()) -> bool:
    """Does the question name this value? A person by any part of the name ("Biden" for "Joe
    Biden") unless the question uses it only inside another name ("the Calder and Moy
    company" does not name James Moy); anything else by its head word or half its words:
    "North Korean" does not name "the Korean Central News Agency"."""
    # ("roughly 9,800" is not named by "Roughly how many …": a hedge names nothing.)
    words = [w for w in tokenize(QUALIFIERS.sub("", e.text)) if len(w) > 2 and w not in {"the", "and"}]
    if not words:
        return False
    stems = stem_all(words)
    shared = [st for st in stems if st in q_stems]
    if not shared:
        return False
    if e.label == "PERSON":
        return any(st not in inside for st in shared)
    if e.label == COMMON_PLACE and " of " in e.text:
        # "the entrance hall of the town hall" for "which part of the town hall": a part of
        # what the question names is not named by it.
        head = [w for w in tokenize(e.text.split(" of ")[0]) if w not in DETERMINERS]
        return bool(head) and set(stem_all(head)) <= q_stems
    return stems[-1] in q_stems or 2 * len(shared) >= len(stems)


@lru_cache(maxsize=256)
def _names_inside_other_names(question: str) -> frozenset[str]:
    """Stems of the question's capitalised words that it uses only as part of a longer name
    of a thing: "Moy" in "the Calder and Moy company", "Ford" in "the Ford Motor Company"."""
    spans = [m for m in _CAPITALISED_RUN.finditer(question) if m.start() > 0]
    inside, alone = set(), set()
    for m in spans:
        words = tokenize(m.group())
        after = question[m.end():].split()[:1]
        # ("the Halvorsen Museum of Decorative Arts": a head before its "of")
        if len(words) > 1 and any(w in NAME_HEADS for w in words[1:]) or (
                after and after[0].lower().strip("?,.") in NAME_HEADS):
            inside |= set(stem_all(words))
        else:
            alone |= set(stem_all(words))
    return frozenset(inside - alone)


def inside(a: str, b: str, texts: list[str]) -> bool:
    """Do the texts place ``a`` inside ``b``: "Vladivostok, a city in the Russian Far East",
    "the Russian city of Vladivostok", "Kilmorrow, Argyll"?"""
    a, b = re.escape(re.sub(r"^(?:the|The)\s+", "", a)), re.escape(re.sub(r"^(?:the|The)\s+", "", b))
    if not a or not b or a == b:
        return False
    of_b = rf"{b}(?:n|an|ian|ese|i)?"  # Russia, Russian
    patterns = (rf"\b{a},\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:in|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?{of_b}\b",
                rf"\b{of_b}\s+(?:[\w'’-]+\s+){{0,2}}?(?:city|town|port|village|region|province|capital|island)\s+of\s+{a}\b",
                rf"\b{a},\s+{b}\b(?!\s*(?:,\s*|and\s+|or\s+)[A-Z])")  # (not a list: "Paris, London and Rome")
    return any(re.search(p, x) for p in patterns for x in texts)


def _demonym_of(name: str, q_words: list[str]) -> bool:
    """Is ``name`` ("Russia", "Korea", "Japan") the root of a word of the question
    ("Russian", "Korean", "Japanese")?"""
    words = tokenize(name)
    if len(words) != 1 or len(words[0]) < 4:
        return False
    w = words[0]
    return any(x != w and x.startswith(w) and len(x) - len(w) <= 3 for x in q_words)


def _placed_by_context(e: Entity, s: Sentence) -> str | None:
    """Is the name written as a place: after "the village of" or "born in", or before ", a
    fishing village"? (spaCy's small model tags unfamiliar place names ORG or PRODUCT.)
    The place noun that says so ("village"), "" when a verb does, None when nothing does."""
    if e.label not in NAME_LABELS | {"PRODUCT", "NORP", "WORK_OF_ART"}:
        return None
    a, b = e.start - s.start, e.end - s.start
    before = s.text[max(0, a - 40) : a]
    m = _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(s.text[b : b + 60]) or _PLACE_BEFORE_FROM.search(before) \
        or _NAMED_THING_AT.search(before)
    if not m:
        return None
    noun = re.search(PLACE_NOUNS, m.group())
    return noun.group() if noun else ""


_PLACE_BEFORE = re.compile(rf"(?:\b{PLACE_NOUNS}\s+of|\b(?:born|died|buried|lived|raised|settled|moved|"
                           rf"based|located|situated|grew up|move|moving|relocated?|transferred)\s+(?:in|at|near|to)"
                           # "its tributaries, the Nant Ffion and the Afon Lud": named in apposition
                           rf"|\b{PLACE_NOUNS}s?,(?:\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){{1,3}}and)?(?:\s+the)?)\s+$")
# "a retired geography teacher from Ebbsworth", "a 71-year-old from Leeds": where they are from.
_FROM_PEOPLE = "|".join((*PERSON_NOUNS, "man", "woman", "boy", "girl", "men", "women", "pensioner"))
_PLACE_BEFORE_FROM = re.compile(rf"\b(?:{_FROM_PEOPLE}|\d+-year-old|comes?|came|hails?|hailed|originally|"
                                rf"native)s?\s+from\s+$", re.I)
# "the Cullerton Glassworks at Spelmouth": a name where a named thing stands.
_NAMED_THING_AT = re.compile(r"\b[A-Z][\w'’-]*\s+[A-Z][\w'’-]+\s+(?:at|in|near)\s+$")
_PLACE_AFTER = re.compile(rf"^,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}?{PLACE_NOUNS}\b")
# A place written after "from" is where something set out from; a question asks for it
# only with "from" ("Where did the ferry sail from?", "from where", "where … come from") or
# a word of setting out (0.6-0.9 alike on twelve dev splits, +2; 1 turns it off).
FROM_PLACE_FIT = 0.8
# A place someone was born or died in answers where that happened, not where anything else did.
LIFE_PLACE_FIT = 0.5
_AFTER_LIFE = re.compile(r"\b(born|died)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_AFTER_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_ASKS_FROM = re.compile(r"\bfrom\b|\borigin\w*\b|\bset\s+out\b|\bdepart\w*|\bleft\b|\bleave\b|\bstart\w*", re.I)
_OWNER_BEFORE = re.compile(r"\b(?:of|for|in|at)\s+(?:the\s+)?$")
_TIME_WORD = re.compile(r"\b(noon|midnight|dawn|dusk)\b", re.I)


def _placed(text: str) -> bool:
    """Does a date expression name a point in time (a number, month, weekday, time of day),
    unlike "decades" or "the coming days"?"""
    return bool(re.search(r"\d", text) or MONTHS.search(text) or WEEKDAY_RE.search(text)
                or _TIME_WORD.search(text))


def _with_name_tail(e: Entity, s: Sentence) -> Entity:
    """The name with the capitalised words spaCy's small model cut off after it
    ("Sheffield" + " United"), unless they begin another entity."""
    at = e.end - s.start
    m = _NAME_TAIL.match(s.text[at:])
    if not m or any(at < o.start - s.start < at + m.end() for o in s.entities):
        return e  # ("US President Donald Trump": a title before another name)
    return Entity(e.label, e.text + m.group(), e.start, e.end + m.end(), e.resolved, e.resolved_label)


# Two first names sharing the surname after them: "Archibald and Thomas Drennick".
_SHARED_SURNAME = re.compile(r"\b[A-Z][a-z]+\s+and\s+[A-Z][a-z]+\s+[A-Z][\w'’-]+\b(?!\s+[A-Z])")


def _shared_surname(e: Entity, s: Sentence) -> Entity | None:
    """The pair of people a first name belongs to when one surname follows both, else None."""
    for m in _SHARED_SURNAME.finditer(s.text):
        a, b = s.start + m.start(), s.start + m.end()
        if re.search(r"[A-Z][\w'’-]*\s+$", s.text[: m.start()]):
            continue  # "Kim Jong Un and Vladimir Putin": the first name ends a longer name
        if a <= e.start < e.end <= b and (e.start == a or e.end == b):
            return Entity(e.label, m.group(), a, b, e.resolved, e.resolved_label)
    return None


_IS_THE = re.compile(r"\s+(?:is|was|became|becomes)\s+(?:the|a|an|its|his|her|their)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)")


def titled_with(role: list[str], e: Entity, s: Sentence) -> bool:
    """Is the person named with the role (stems, its head last) as a title or apposition:
    "Judge Eleri Vaughan-Pryce", "Kremlin spokesman Dmitry Peskov", "Peskov, the Kremlin's
    spokesman,"? Every word of the role must be there: "national security adviser Jake
    Sullivan" is not the deputy national security adviser."""
    a, b = e.start - s.start, e.end - s.start
    before = re.findall(r"[\w'’-]+", s.text[max(0, a - 50) : a])[-len(role) - 1 :]
    after = re.match(r",\s+(?:the|a|an|its|his|her)\s+((?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s*[,.;]", s.text[b : b + 80]) \
        or _IS_THE.match(s.text, b)  # "Drossel was the pilot flying"
    words = before + (after.group(1).split() if after else [])
    return set(role) <= set(stem_all([w.lower() for w in words]))


def _role_near(roles: set[str], e: Entity, s: Sentence) -> bool:
    """Is the role (one of these stems: "spokesman") written next to the person ("Kremlin
    spokesman Dmitry Peskov", "Peskov, the Kremlin's spokesman")?"""
    a, b = e.start - s.start, e.end - s.start
    # Not in the name itself, nor past a semicolon ("her husband, Colm Teague; they have one son").
    before = s.text[max(0, a - ROLE_WINDOW) : a].rsplit(";", 1)[-1]
    around = before + " " + s.text[b : b + ROLE_WINDOW].split(";", 1)[0]
    return bool(roles & set(stem_all(tokenize(around))))


def _date_precision(q: QuestionAnalysis, e: Entity) -> float:
    """How well a date's precision fits the question: "when" wants a day ("Tuesday" over
    "this week" or "2027"); "what year" wants a year."""
    days = e.days()
    if days is None:
        return 1.0
    span = (days[1] - days[0]).days
    wanted = {"year": 364, "month": 27}.get(q.focus or "", 0)
    if wanted:
        return 1.0 if span >= wanted else 0.8
    return 1.0 if span <= 1 else WEEK_DATE if span <= 7 else WIDE_DATE
