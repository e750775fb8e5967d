"""How well a value measures what a question asks ("how old": an age, "how many shells": a
number followed by "shells", "how much will it cost": money for that thing, "how did the
council vote": its tally), and the value written whole: with its unit ("1,150" +
"-kilogram"), its currency ("£" + "60,000") and the start of its range ("11 to " + "14
millimetres"). Part of the answer stage: ``values.py`` calls it for every candidate value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.patterns import A_NUMBER, FREQUENCY, TALLY
from rag.question import QuestionAnalysis
from rag.sentences import Entity, Sentence
from rag.text import stem_all, text_stems, tokenize
from rag.wordlists import STOPWORDS

# What a value must look like (in its own words or just after them) to answer a question
# that measures something: "How old …" wants an age, "How fast …" a speed.
DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|"
                       r"a|an|a few|half|decades?)\b.*\b(years?|months?|weeks?|days?|hours?|minutes?|"
                       r"seconds?|decades?|centur(?:y|ies))\b", re.I)
_DISTANCE = re.compile(r"\b(miles?|km|kilomet(er|re)s?|meters?|metres?)\b", re.I)
# What a value must look like (in its own words or just after them) to answer a question
# that measures something: "How old …" wants an age, "How fast …" a speed.
MEASURE_PATTERNS = {
    "age": re.compile(r"\b(\d+|\w+)[- ]years?[- ]old\b|\baged?\s+(?:of\s+)?(?:\d+|[a-z]+(?:teen|ty)\b|one|two|three|"
                     r"four|five|six|seven|eight|nine|ten|eleven|twelve)|\b\d+\s+years\s+of\s+age\b", re.I),
    "speed": re.compile(r"\b(km/h|kph|mph|knots?|(?:kilomet(?:er|re)s?|km|miles?|meters?|metres?)\s+(?:an|per|a)\s+"
                        r"(?:hour|second|minute))\b", re.I),
    "distance": _DISTANCE,
    "size": re.compile(r"\b(miles?|km|kilomet(er|re)s?|meters?|metres?|m|feet|foot|ft|inch(es)?|cm|mm|"
                       r"(?:centi|milli)met(?:er|re)s?|"
                       r"square|hectares?|acres?|storeys?|stories|floors?)\b", re.I),
    "weight": re.compile(r"\b(kg|kilograms?|kilogrammes?|tonnes?|tons?|pounds?|lbs?|grams?|grammes?|ounces?)\b|"
                        r"\d\s*(?-i:g|mg|oz)\b", re.I),  # "28 g", not the G of "00:14 GMT"
    "progress": re.compile(r"%|\b(per\s?cent|percent|half|halfway|third|thirds|quarters?|complete|"
                           r"completed|finished)\b", re.I),
    # "What proportion / percentage / fraction of …": a part of a whole.
    "share": re.compile(r"%|\b(per\s?cent|percent|half|halves|thirds?|quarters?|fifths?|tenths?|majority|"
                        r"(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?\w+)\b", re.I),
    # "How much data / rain / oil": a value in a unit of amount.
    "amount": re.compile(r"\b(?:[kmgtp]b|bytes?|(?:kilo|mega|giga|tera|peta)bytes?|lit(?:er|re)s?|gallons?|"
                         r"barrels?|cubic|tonnes?|tons?|kg|kilograms?|grams?|pounds?|lbs?|mm|cm|millimet(?:er|re)s?|"
                         r"centimet(?:er|re)s?|inch(?:es)?|(?:kilo|mega|giga)?watts?|[kmg]wh?|acres?|hectares?|square|"
                         r"(?:kilo|mega|giga)watt-hours?|calories|doses?)\b", re.I),
    "temperature": re.compile(r"°|\b(?:degrees?|celsius|fahrenheit|centigrade)\b", re.I),
    "frequency": re.compile(r"\b(daily|weekly|monthly|yearly|annually|every|times?|once|twice|a (?:day|week|"
                            r"month|year))\b", re.I),
}
# A number that starts another count in a counted phrase (a figure inside a name, "11
# Talmont T-62s", is none).
_ANOTHER_NUMBER = re.compile(rf"(?<![\w-])(?:{A_NUMBER.pattern})", re.I)
# A name, then a comma or a bracket: a bare number after it is that person's age in news style.
_AGE_APPOSED = re.compile(r"([A-Z][\w'’-]+)(?:,\s*|\s*\()$")
CURRENCY_SIGNS = "$€£¥₩₽"
_CURRENCY_NAMES = (r"dollars?|euros?|pounds?|rubles?|roubles?|yuan|yen|usd|eur|(?<!per )(?<!per\s\s)cents?|pence|penny|(?:\w+)pence|"
                   r"shillings?|guineas?|crowns?|kron(?:or|er|a|e)|francs?|rupees?|pesos?|liras?|lire|zlotys?|"
                   r"dinars?|dirhams?|riyals?|shekels?|florins?|marks|reichsmarks?|deutschmarks?|guilders?|"
                   r"forints?|korunas?|koruny|baht|ringgits?|nairas?|rials?|thalers?|ducats?|escudos?|pesetas?|"
                   r"drachmas?|schillings?|reais|lei")
CURRENCY = re.compile(rf"[$€£¥₩₽₹]|\b(won|{_CURRENCY_NAMES})\b", re.I)
# A currency's name written after the amount ("about 6.2 million" + " crowns"; not "won").
_CURRENCY_AFTER = re.compile(rf"\s+(?:{_CURRENCY_NAMES})\b", re.I)
# A scale word before the currency ("5" + " million euros").
SCALED_CURRENCY = re.compile(rf"(?:million|billion|thousand|m|bn|k)\b\s*(?:{CURRENCY.pattern})", re.I)
# How far after a value its unit or counted noun may sit ("tens of millions of Soviet-style
# artillery shells").
UNIT_WINDOW = 50
COUNTED_WORDS = 4
# A gathering of people counted by the value after it ("a crowd of 2,340"), or what a place
# holds ("a capacity of 21,000").
_PEOPLE_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+)?(?:people|residents|inhabitants|citizens|spectators|fans|visitors)\b")
HEADCOUNT_UNSAID = 0.5
# Any count of people ("how many people were rescued"): "14 people", "Fourteen holidaymakers".
_PERSONS_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+)?(?:people|persons|residents|inhabitants|citizens|spectators|fans|"
                            r"visitors|passengers|workers|staff|pupils|students|children|adults|patients|"
                            r"holidaymakers|tourists|customers|members|employees|men|women|survivors|victims|"
                            r"climbers|walkers|runners|guests|voters)\b", re.I)
_PEOPLE_COUNT = re.compile(r"\b(?:crowd|attendance|audience|turnout|workforce|staff|crew|congregation|membership|capacity|"
                           r"population)\s+(?:of|was|is|reached|numbered)\s+(?:about\s+|some\s+|around\s+|"
                           r"nearly\s+|almost\s+|more\s+than\s+|over\s+)?$", re.I)


# "by six votes to three" counts the members who voted for it.
_VOTES_AFTER = re.compile(r"^\s+votes?\b", re.I)
_VOTED = re.compile(r"\bvot(?:e|ed|es|ing)\b", re.I)

_FOR = r"\b(?:for|per)\s+(?:a|an|each|every|one|the)\s+([a-z][\w-]+)"
_FOR_AFTER = re.compile(rf"^[\s,]*{_FOR}")
_FOR_ASKED = re.compile(_FOR, re.I)


def for_another(question: str, e: Entity, s: Sentence) -> bool:
    """Is the value given for something other than what the question prices or counts
    ("the toll for a bicycle": "one penny for a pedestrian, threepence for a horse …")?
    Only when the value names what it is for and the question names another, written
    nowhere in the sentence."""
    asked = _FOR_ASKED.search(question)
    given = _FOR_AFTER.match(s.text[e.end - s.start :])
    if not (asked and given):
        return False
    want, have = stem_all([asked.group(1).lower(), given.group(1)])
    return want != have and want not in set(stem_all(tokenize(s.text)))


def with_unit(q: QuestionAnalysis, e: Entity, s: Sentence) -> Entity:
    """The value with the unit written right after it ("1,150" + "-kilogram")."""
    pattern = MEASURE_PATTERNS.get(q.measure)
    if pattern is None or pattern.search(e.text):
        return e
    rest = s.text[e.end - s.start :]
    m = re.match(r"[- ]?(?:°\s?[CF]\b|[\w/]+)", rest)  # ("9" + " °C")
    if m and (pattern.fullmatch(m.group().lstrip("- ")) or pattern.search(e.text + m.group())):
        return Entity(e.label, e.text + m.group(), e.start, e.end + m.end(), e.resolved, e.resolved_label)
    return e


_SMALL_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_RANGE_START = re.compile(rf"(?:\bbetween\s+{_SMALL_NUMBER}\s+and|\b{_SMALL_NUMBER}\s*(?:to|[-–]))\s*$", re.I)


def with_range(e: Entity, s: Sentence) -> Entity:
    """The value with the start of the range it ends ("11 to " + "14 millimetres",
    "between 3 and " + "5 metres"), which spaCy's small model tags apart."""
    at = e.start - s.start
    m = _RANGE_START.search(s.text[max(0, at - 30) : at])
    if not m or re.match(r"[\d,.]+\s*[-–]\s*$", m.group()) and TALLY.fullmatch(s.text[at - len(m.group()) : e.end - s.start]):
        return e
    start = e.start - len(m.group())
    return Entity(e.label, s.text[start - s.start : e.end - s.start], start, e.end, e.resolved, e.resolved_label)


def with_currency(e: Entity, s: Sentence) -> Entity:
    """The amount with the currency sign spaCy leaves before it ("£" + "60,000"), or the
    currency's name it leaves after it ("about 6.2 million" + " crowns")."""
    at = e.start - s.start
    if at > 0 and s.text[at - 1] in CURRENCY_SIGNS and not e.text.startswith(tuple(CURRENCY_SIGNS)):
        return Entity(e.label, s.text[at - 1] + e.text, e.start - 1, e.end, e.resolved, e.resolved_label)
    if not CURRENCY.search(e.text) and (m := _CURRENCY_AFTER.match(s.text, e.end - s.start)):
        return Entity(e.label, e.text + m.group(), e.start, e.end + len(m.group()), e.resolved, e.resolved_label)
    return e


_PERCENT_AFTER = re.compile(r"\s?(?:per\s?cent|percent|%)(?!\w)", re.I)


def with_percent(e: Entity, s: Sentence) -> Entity:
    """The number with the "per cent" spaCy leaves after it ("less than 2" + " per cent")."""
    if e.label in {"CARDINAL", "QUANTITY"} and (m := _PERCENT_AFTER.match(s.text, e.end - s.start)):
        return Entity("PERCENT", e.text + m.group(), e.start, e.end + len(m.group()), e.resolved, e.resolved_label)
    return e


VOTERS_CHARS = 60
_VOTERS = re.compile(r"^\W*(?:and\s+)?how\s+(?:did|do|does|will|would)\s+(.*?)\s+vote\b", re.I)


@lru_cache(maxsize=256)  # asked once per value of the question's sentences
def _voters(question: str) -> frozenset[str]:
    """Stems of the common words naming who voted in "How did <the full council> vote …?"
    (names are left to the rule that pins a number's names)."""
    m = _VOTERS.search(question)
    if not m:
        return frozenset()
    words = [w for w in re.findall(r"[\w'’-]+", m.group(1)) if w.islower() and w not in STOPWORDS]
    return frozenset(stem_all(words))


_PRICED = re.compile(r"\bhow\s+much\s+(?:will|does|did|would|do|could|might)\s+(.+?)\s+cost\b|"
                     r"\bwhat\s+(?:is|was|will\s+be|would\s+be)\s+the\s+(?:price|cost)\s+of\s+(.+?)\s*\??$|"
                     # "How much is a single ticket on the ferry?": up to its first preposition
                     r"^\W*how\s+much\s+(?:is|was|are|were)\s+((?:a|an|the|one)\s+.+?)(?:\s+(?:on|in|at|for|from|to|of|with)\s.*)?\s*\??$",
                     re.I)


# "How much profit …": a company's figure of a kind the sentence must name (or name by an
# alias). (Sums paid out, "compensation", "a fine", are often written only as what was paid.)
_MONEY_KINDS = {"profit": "profit profits earnings", "revenue": "revenue revenues sales turnover",
                "turnover": "turnover revenue sales", "dividend": "dividend dividends",
                "debt": "debt debts owed", "deficit": "deficit"}
_MONEY_KIND = re.compile(rf"\bhow\s+much\s+({'|'.join(_MONEY_KINDS)})\b|\bwhat\s+(?:was|is|were|are)\s+(?:the\s+|its\s+|their\s+)?"
                         rf"(?:[\w'’-]+\s+){{0,2}}?({'|'.join(_MONEY_KINDS)})\b", re.I)


@lru_cache(maxsize=256)
def _money_kind(question: str) -> frozenset[str]:
    """Stems of the kind of money a question asks for, with its aliases; empty for any sum."""
    m = _MONEY_KIND.search(question)
    return frozenset(stem_all(_MONEY_KINDS[(m.group(1) or m.group(2)).lower()].split())) if m else frozenset()


@lru_cache(maxsize=256)  # asked once per value of the question's sentences
def _priced(question: str) -> str | None:
    """The stem of the thing a question asks the cost of ("a single tram ticket" -> ticket),
    when it asks it in so many words."""
    m = _PRICED.search(question)
    if not m:
        return None
    words = [w for w in re.findall(r"[\w'’-]+", m.group(1) or m.group(2) or m.group(3)) if w.islower() and w not in STOPWORDS]
    return stem_all([words[-1]])[0] if words else None


# "The latest coin in the hoard dates from around 928, …": a year, not a count of coins.
_YEAR_AFTER = re.compile(r"\b(?:from|since|in|until|till|before|after|dates?|dated|dating)\s+(?:(?:around|about|c\.|circa)\s+)?$", re.I)
# A number that stands for the noun counted before it: a verb or a break follows it.
_BARE_COUNT = re.compile(r"\s*(?:[,;:.)]|(?:were|was|are|is|have|had|has|did|will|would|could|may|might|"
                         r"\w+ed)\b)")


# How well a count fits "how many N <verb>" when the question's verb, not N, follows it (twelve
# dev splits: 0.7 changes no answer, 1.0 one answer fewer; 0 turns it off).
COUNT_BY_VERB = 0.7
_BE = {"were", "was", "are", "is", "been", "being", "be", "all", "still", "now"}
_INVERTED = {"do", "does", "did", "have", "has", "had", "will", "would", "could", "can", "should", "might", "may"}


@lru_cache(maxsize=256)
def counted_verb(question: str, noun: str) -> str | None:
    """The verb said of what "how many …" counts ("how many workers died" -> died, "how many
    ships were waiting" -> waiting); None when the question inverts its subject ("how many
    staff does Veridane have")."""
    words = tokenize(question)
    at = next((i for i, w in enumerate(words[:-2]) if w == "how" and words[i + 1] == "many"), None)
    if at is None or noun not in words:
        return None
    rest = words[at + 2 :]
    # Past the counted noun ("construction workers"), which ends its phrase.
    i = rest.index(noun) + 1 if noun in rest[:3] else 0
    if i < len(rest) and rest[i] in _INVERTED:
        return None
    while i < len(rest) and rest[i] in _BE:
        i += 1
    verb = rest[i] if i < len(rest) else ""
    return verb if verb.isalpha() and verb not in STOPWORDS and len(verb) > 2 else None


def measure_fit(q: QuestionAnalysis, e: Entity, s: Sentence) -> float:
    """1 when the value is of the kind the question measures, else 0 ("tens of millions of
    shells" does not answer "how many soldiers", nor "the coming days" "how long")."""
    after = s.text[e.end - s.start : e.end - s.start + UNIT_WINDOW]
    around = e.text + " " + after[:20]
    if q.measure == "money" and (head := _priced(q.text)) and head not in text_stems(s.text):
        return 0.0  # "How much will a single tram ticket cost?": not the whole line's cost
    if q.measure == "money" and (kinds := _money_kind(q.text)) and not kinds & text_stems(s.text):
        return 0.0  # "How much profit did it make?": not a sum pledged (no profit written)
    if q.measure == "money":
        # The currency belongs to this value: written in it, just before it, or in the next
        # words ("5 million euros"), not to another value nearby ("6,000 shares at £10").
        # (spaCy calls "tens of millions" MONEY, so the label alone does not say.)
        before = s.text[max(0, e.start - s.start - 2) : e.start - s.start]
        unit = " ".join(after.split()[:2])
        return 1.0 if CURRENCY.search(e.text) or CURRENCY.search(before) or CURRENCY.match(unit) \
            or SCALED_CURRENCY.match(unit) else 0.0
    if q.measure == "count":
        if not q.counted:
            return 1.0 if e.label in {"CARDINAL", "ORDINAL", "QUANTITY"} else 0.0
        # The counted noun ("trips", "shells", "months") is in the value ("the past 17
        # months") or follows it within a few words of the same phrase ("10th foreign trip",
        # "tens of millions of Soviet-style artillery shells"), not across a comma ("in
        # 2011, with most of his trips …").
        # Nor past another number: "three vehicles and 18 firefighters" has 18 firefighters.
        phrase = re.split(r"[,;:.()\[\]—–]", after, maxsplit=1)[0]
        phrase = phrase[: m.start()] if (m := _ANOTHER_NUMBER.search(phrase)) else phrase
        words = tokenize(e.text) + tokenize(phrase)[:COUNTED_WORDS]
        noun, *before = q.counted.split()
        counted = stem_all([noun])[0]
        if DURATION.search(e.text) and counted not in text_stems(e.text):
            return 0.0  # "a satellite built over six years by students": a length of time counts no students
        if counted in set(stem_all(words)):
            return 1.0
        if _PEOPLE_COUNT.search(s.text[max(0, e.start - s.start - 30) : e.start - s.start]):
            return 1.0  # "The crowd of 2,340" counts spectators; "a capacity of 21,000" too
        if _VOTES_AFTER.match(after) and _VOTED.search(q.text):
            return 1.0  # "How many members voted for it?": "backed the plan by six votes to three"
        if e.label == "CARDINAL" and _BARE_COUNT.match(after) and not _YEAR_AFTER.search(s.text[: e.start - s.start]) \
                and counted in text_stems(s.text[: e.start - s.start]):
            return 1.0  # "Of the 21,400 runners who started, 18,342 reached the finish"
        if COUNT_BY_VERB and (verb := counted_verb(q.text, noun)) and e.label == "CARDINAL" \
                and stem_all([verb])[0] in set(stem_all(words)):
            # "How many workers died …": "nine died during the building"; "How many ships were
            # waiting …": "38 vessels were waiting" (the question's verb just after the count).
            return COUNT_BY_VERB
        # "1,600 dockers" for "how many dock workers": a word made from the one before the noun.
        return 1.0 if before and any(w.startswith(before[0]) and w != before[0] for w in words) else 0.0
    if q.measure == "people":
        # "What is the population of …": a number said to count people ("a population of
        # 600,000", "600,000 residents"), not any number near the name.
        before_value = s.text[max(0, e.start - s.start - 30) : e.start - s.start]
        return 1.0 if _PEOPLE_COUNT.search(before_value) or _PEOPLE_AFTER.match(after) else 0.0
    if q.measure == "headcount":
        before_value = s.text[max(0, e.start - s.start - 30) : e.start - s.start]
        # Preferred, not required: "killing 12", "12 were hurt" count people without saying so.
        return 1.0 if _PEOPLE_COUNT.search(before_value) or _PERSONS_AFTER.match(after) else HEADCOUNT_UNSAID
    if q.measure == "duration":
        return 1.0 if DURATION.search(e.text) else 0.0
    if q.measure == "tally":
        # "How did the full council vote?": the voters' common words are written just
        # before the tally ("the full council voted 9-2"), not another body's ("the
        # council's transportation committee voted 7-4").
        voters = _voters(q.text)
        before = set(stem_all(tokenize(s.text[max(0, e.start - s.start - VOTERS_CHARS) : e.start - s.start])))
        return 1.0 if TALLY.fullmatch(e.text) and voters <= before else 0.0
    if q.measure == "frequency":
        if FREQUENCY.search(e.text):
            return 1.0
        return 0.5 if MEASURE_PATTERNS["frequency"].search(around) else 0.0
    if q.measure == "age" and (m := _AGE_APPOSED.search(s.text[max(0, e.start - s.start - 40) : e.start - s.start])) \
            and m.group(1).lower() in tokenize(q.text) and re.match(r"\s*[,)]", after) \
            and e.text.isdigit() and 0 < int(e.text) < 120:
        return 1.0  # "How old is Margery Thwaite?": "said Margery Thwaite, 81, who runs a haberdashery"
    pattern = MEASURE_PATTERNS.get(q.measure)
    if pattern is None:
        return 1.0
    if q.measure == "distance" and MEASURE_PATTERNS["speed"].search(around):
        return 0.0  # "winds of up to 45 miles per hour": a speed, not how far
    return 1.0 if pattern.search(around) else 0.0
