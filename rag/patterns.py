"""Values the answer engine finds by pattern, where spaCy's small model splits, mislabels
or misses them: written-out durations and frequencies, numbers inside other names, street
names, datelines, places named by a common noun ("at the town's sports hall") or by
"the village of …", people titled inside an organisation's name, and the dates of an
encyclopedia's "Name (born – died)". Part of the answer stage (``values.py`` says how well
each value fits a question).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.dates import MONTHS, WEEKDAY_RE, resolve
from rag.question import QuestionAnalysis
from rag.sentences import Entity, Sentence
from rag.text import stem_all, tokenize
from rag.wordlists import PERSON_NOUNS, TALLY_NOUNS

# spaCy's labels for numbers and dates (a number inside any other entity is pulled out).
NUMERIC_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "DATE"}
_DURATION_SPAN = re.compile(
    r"\b(?:(?:over|more than|less than|nearly|almost|about|around|some|at least)\s+)?"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a|an)\s+"
    r"(?:years?|months?|weeks?|days?|hours?|decades?)(?:\s+and\s+a\s+half)?\b", re.I)


def found_by_pattern(q: QuestionAnalysis, s: Sentence) -> list[Entity]:
    """Values of the kind ``q`` asks for that spaCy's small model splits, mislabels or misses."""
    found = []
    if q.measure == "duration":
        found += _spans(_DURATION_SPAN, s, "DATE")  # spaCy splits "over a year and a half"
    if q.answer_type == "number":
        found += _numbers_inside(s)  # spaCy's small model tags "Kim’s 10th" a PERSON
        found += _spans(_TEMPERATURE, s, "QUANTITY")  # "18 °C" is no entity to spaCy
        found += _spans(_NUMBER_WORD, s, "CARDINAL")  # "Eleven patients left …", missed at a sentence's start
        if q.focus in TALLY_NOUNS or q.measure == "tally":
            found += _spans(TALLY, s, "CARDINAL")  # "voted 7-4": spaCy keeps only the 7
    if q.measure == "frequency":
        found += _spans(FREQUENCY, s, "DATE")  # "every six minutes"
    if q.answer_type == "place":
        found += _spans(_STREET, s, "FAC")  # spaCy leaves many "Elm Street"s untagged
        found += _spans(_NUMBERED_ROAD, s, "FAC")  # "Highway 41", "Route 9"
        found += _dateline(s)  # "KOUROU, French Guiana — …": where the story was filed
        found += [e for e in _spans(_COMMON_PLACE, s, COMMON_PLACE, group=1)  # "at the town's sports hall"
                  if not _NAMED_AFTER.match(s.text[e.end - s.start :])]  # not "the village" of Pontarrow
        found += _spans(_PART_OF, s, COMMON_PLACE, group=1)  # "on the northern tip of the island"
        found += _spans(_PLACE_OF, s, "GPE", group=1)  # "the village of Pontarrow", untagged
        # "broken up for spare parts at Kestlow" (untagged), "a depot in Eastwick" (a PRODUCT).
        misread = [(o.start, o.end) for o in s.entities if o.label not in _MISREAD_PLACE]
        found += [e for e in _spans(_AT_NAME, s, "GPE", group=1, relabel=True)
                  if not (MONTHS.match(e.text) or WEEKDAY_RE.match(e.text)) and not any(x < e.end and e.start < y for x, y in misread)]
        # "met business owners at the Corn Exchange", "came from the Brackley Mill works": a
        # building, whatever label spaCy gave it.
        at_the = [(o.start, o.end) for o in s.entities if o.label not in _MISREAD_PLACE | {"ORG"}]
        found += [e for e in _spans(_AT_THE_NAME, s, "FAC", group=1, relabel=True)
                  if not any(x < e.end and e.start < y for x, y in at_the)]
    if q.focus and q.answer_type in _KIND_LABELS:
        # "Which mint struck the pennies?": "the mint of Corrabridge", a name spaCy may miss.
        kind_of = re.compile(rf"\bthe\s+{re.escape(q.focus)}\s+(?:of|at)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})")
        found += _spans(kind_of, s, _KIND_LABELS[q.answer_type], group=1)
        # "a comet in the constellation Lynx": a name written just after the kind asked for.
        kind_name = re.compile(rf"\bthe\s+{re.escape(q.focus)}\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})")
        found += _spans(kind_name, s, _KIND_LABELS[q.answer_type], group=1)
        # "two separatist regions in eastern Ukraine – Donetsk and Luhansk": the names listed
        # after the kind asked for, as one answer.
        if q.focus.endswith("s"):
            listed = re.compile(rf"\b{re.escape(q.focus)}\b[^.;–—:(]{{0,40}}?\s[–—:(]\s*({_NAME}(?:,\s+{_NAME})*,?\s+and\s+{_NAME})")
            found += _spans(listed, s, _KIND_LABELS[q.answer_type], group=1)
        # "lifted off on a Vega-C rocket": a name written just before the kind asked for.
        name_kind = re.compile(rf"\b(?:a|an|the)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+{re.escape(q.focus)}\b")
        found += _spans(name_kind, s, _KIND_LABELS[q.answer_type], group=1)
    if q.answer_type == "person":
        found += _titled_people(s)  # "Castelmora Mayor Giulia Santoro" tagged as one ORG
        found += _spans(_APPOSED_PERSON, s, "PERSON", group=1, relabel=True)  # "Morven Ashgrove, the trust's chief executive"
        found += _spans(_ROLE_THEN_NAME, s, "PERSON", group=1, relabel=True)  # "one daughter, Margit, born in 1897"
    if q.answer_type == "date":
        found += _spans(_ERA_DATE, s, "DATE", relabel=True)  # "405–370 BC": a CARDINAL and an ORG to spaCy
    if q.answer_type in {"date", "time"} and (end := life_event(q.text)):
        found += _life_dates(s, end)  # "Josiah Kell (3 May 1823 – 19 November 1891)"
    return found


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
# The label a name found after the kind asked for and "of" is given, by answer type.
_KIND_LABELS = {"place": "GPE", "organisation": "ORG", "entity": "ORG"}
_TEMPERATURE = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?\s?°\s?[CF]?\b|\b\d+(?:\.\d+)?\s+degrees(?:\s+(?:Celsius|"
                          r"Fahrenheit|centigrade|C|F))?\b")
# What a vote or a game's result is written as ("voted 7-4", "won 3–1", "by 52 votes to 40",
# "voted unanimously").
_TALLY_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
               r"sixteen|seventeen|eighteen|nineteen|twenty)")
TALLY = re.compile(r"(?<![\w.–-])\d+\s?[-–]\s?\d+(?![\w.–-])|\b\d+\s+(?:votes\s+)?to\s+\d+\b|"
                   rf"\b{_TALLY_WORD}\s+votes\s+to\s+{_TALLY_WORD}\b|"  # "by six votes to three"
                   r"(?<=voted )unanimously\b|\bunanimous(?= vote| decision| verdict)", re.I)
FREQUENCY = re.compile(
    r"\b(?:every\s+(?:\w+\s+){0,2}(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)|"
    r"(?:once|twice|\w+\s+times)\s+(?:a|an|per|every)\s+(?:day|week|month|year|hour|minute))\b", re.I)


_STREET = re.compile(r"\b(?:[A-Z][\w'’-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Square|Boulevard|Lane|"
                     r"Drive|Bridge|Station|Pier|Quay|Harbour|Harbor|Park|Hall|Terminal)\b")


_NUMBERED_ROAD = re.compile(r"\b(?:Highway|Route|Interstate|Motorway|Freeway|State Road)\s+\d+[A-Z]?\b")


_TITLED = re.compile(r"\b(?:Mayor|Minister|President|Prime Minister|Governor|Prefect|Senator|Chancellor|"
                     r"Spokesman|Spokeswoman|Spokesperson|Secretary|Director|Chairman|Chairwoman|"
                     r"Chief Executive|Chief|General|Judge|Ambassador|Commissioner|Councillor|Leader|"
                     r"King|Queen|Prince|Princess|Pope|Bishop|Dr|Professor|Captain|Colonel)\.?\s+"
                     r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")


_PERSON_NOUNS = "|".join(PERSON_NOUNS)
# A name followed by its role ("Morven Ashgrove, the trust's chief executive, said …"),
# which spaCy's small model can miss when the name opens the sentence.
# News often drops the article: "Carys Whitlow, operations director of Caddon Valley Water, said".
_APPOSED_PERSON = re.compile(
    rf"(?<![\w'’-])((?!The\b)[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){{1,2}}),\s+(?:(?:the|a|an|its|his|her|"
    rf"their|[A-Z][\w'’-]*['’]s)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_PERSON_NOUNS})s?\b|(?:[a-z][\w'’-]*\s+){{0,2}}?"
    rf"(?:{_PERSON_NOUNS})s?\s+(?:of|at|for)\s+(?:the\s+)?\w)")

_ROLE_THEN_NAME = re.compile(
    rf"\b(?:{_PERSON_NOUNS})s?,\s+((?!The\b)[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){{0,2}})"
    rf"(?=\s*[,;.]|\s+(?:who|born|was|is|had|has)\b)")


def _dateline(s: Sentence) -> list[Entity]:
    """The place of a news dateline opening the sentence ("KOUROU, French Guiana (AP) —")."""
    m = _DATELINE.match(s.text)
    if not m:
        return []
    return [Entity(DATELINE, m.group(1), s.start + m.start(1), s.start + m.end(1))]


# The place a dateline opens with, in any of its forms ("KOUROU, French Guiana (AP) —",
# "HOLLIS GAP, Aug. 10 (Western Press Service) - ").
_DATELINE_PLACE = re.compile(r"^\W*([A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+)*),[^—–]{0,60}?\s[—–-]\s")


def placed_by_dateline(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with every mention of a dateline's place labelled a place (GPE), in any
    of the articles: spaCy's small model reads an unfamiliar town ("Fennick Cross") as an
    ORG, which would answer "which organisation"."""
    places = {m.group(1).lower() for s in sentences if (m := _DATELINE_PLACE.match(s.text))}
    if not places:
        return sentences
    out = []
    for s in sentences:
        ents = [replace(e, label="GPE") if e.label in {"ORG", "PERSON", "FAC", "NORP", "PRODUCT"}
                and re.sub(r"^the\s+", "", e.text.lower()) in places else e for e in s.entities]
        out.append(replace(s, entities=ents) if ents != s.entities else s)
    return out


def _titled_people(s: Sentence) -> list[Entity]:
    """The person inside an entity that spaCy tagged with its title and place ("Castelmora
    Mayor Giulia Santoro" -> "Giulia Santoro")."""
    out = []
    for e in s.entities:
        if e.label == "PERSON":
            continue
        for m in _TITLED.finditer(e.text):
            out.append(Entity("PERSON", m.group(1), e.start + m.start(1), e.start + m.end(1)))
    return out


_DAY_MONTH_YEAR = (r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|"
                   r"(?:c\.\s*)?\d{4})")
# "(née Fairlie; 14 February 1931 – 2 October 2011)": a birth name or a pronunciation may come first.
_LIFE_SPAN = re.compile(rf"\((?:[^();]{{1,60}};\s*)?(?:born\s+)?({_DAY_MONTH_YEAR})\s*[–—-]\s*(?:died\s+)?({_DAY_MONTH_YEAR})\)")
# "Ruth Ambersley (born 9 September 1969) is …": a living person's birth date.
_BORN_ONLY = re.compile(rf"\((?:[^();]{{1,60}};\s*)?born\s+({_DAY_MONTH_YEAR})\)")
LIFE_DATE = "LIFE_DATE"  # the label of a date read from "(born – died)"
DATELINE = "DATELINE"  # the label of a dateline's place
DATELINE_FIT = 0.6
COMMON_PLACE = "COMMON_PLACE"  # the label of a place named by a common noun ("a plane")
COMMON_PLACE_FIT = 0.7
_COMMON_PLACE = re.compile(
    r"\b(?:at|in|inside|aboard|on board|near|outside|into|to)\s+((?:the|a|an|its|their|his|her|this|that)\s+"
    r"(?:[a-z][\w'’-]*\s+){0,3}?(?:hall|school|church|gym|gymnasium|centre|center|stadium|building|"
    r"hotel|plane|aircraft|ship|train|boat|camp|shelter|office|station|hospital|house|home|base|"
    r"embassy|airport|field|square|park|library|theatre|theater|museum|prison|factory|plant|mine|"
    r"farm|port|harbour|harbor|quay|pier|bridge|market|restaurant|barracks|tent|village|cathedral|cellar|"
    r"crypt|vault|basement|chapel|castle|barn|warehouse|hangar|depot|workshop|laboratory|garage|terminal|"
    r"lighthouse|clinic|courthouse|arena|shed|hut)s?(?:\s+of\s+the\s+(?:[a-z][\w'’-]*\s+){0,2}?"
    r"(?:cathedral|church|castle|museum|house|hall|palace|abbey|library|school|town hall)"
    r"|\s+at\s+the\s+(?!(?:time|moment|end|start|weekend|same)\b)[a-z][\w'’-]*)?)\b")  # "a hangar at the spaceport"
# A part of a place: "on the northern tip of the island", "in the west wing of the museum".
_PART_OF = re.compile(
    r"\b(?:on|in|at|onto|into)\s+((?:the|its)\s+(?:[a-z][\w'’-]*\s+){0,2}?(?:tip|edge|corner|shore|wing|"
    r"floor|courtyard|forecourt|roof|foyer|lobby)\s+of\s+the\s+(?:[a-z][\w'’-]*\s+){0,2}?[a-z][\w'’-]*)\b")
# Common nouns of places that have names ("the village of Pontarrow", "Ardmillish, a fishing
# village"): a name written with one is a place, whatever label spaCy gave it.
PLACE_NOUNS = (r"(?:village|town|city|hamlet|parish|port|county|island|region|district|province|"
                r"suburb|borough|valley|state|country|capital|settlement|municipality|commune|"
                r"river|tributar(?:y|ies)|stream|lake|loch|bay|estuary|mountain|hill|glen|forest|moor|"
                r"marsh|canal)")
_PLACE_OF = re.compile(rf"\b(?:the\s+)?{PLACE_NOUNS}\s+of\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})")
_NAMED_AFTER = re.compile(r"\s+of\s+[A-Z]")
# A name after "at", "in" or "near" that spaCy leaves untagged: most often a place.
_NAME_RUN = r"([A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*){0,2})\b(?!['’])"
_AT_NAME = re.compile(r"\b(?:at|in|near)\s+" + _NAME_RUN)
_AT_THE_NAME = re.compile(r"\b(?:at|from)\s+the\s+" + _NAME_RUN)
# Labels spaCy's small model gives place names it misreads.
_MISREAD_PLACE = {"PRODUCT", "PERSON", "WORK_OF_ART", "LAW", "EVENT"}
_DATELINE = re.compile(r"^\W*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)?)"
                       r"\s*(?:\([^)]{1,30}\)\s*)?[—–]")
_BIRTH = re.compile(r"\b(born|birth|birthday)\b", re.I)
_DEATH = re.compile(r"\b(die|died|death|dead|pass(?:ed)? away)\b", re.I)


def life_event(question: str) -> int | None:
    """1 for a question about a birth, 2 for a death, else None."""
    if _BIRTH.search(question):
        return 1
    return 2 if _DEATH.search(question) else None


def tells_life_event(text: str, which: int) -> bool:
    """Does the text write a word of a birth (``which`` 1) or of a death (2), or a life's
    span ("(4 March 1794 - 17 November 1862)")?"""
    return bool((_BIRTH if which == 1 else _DEATH).search(text) or _SPAN.search(text))


_SPAN = re.compile(r"\([^()]*\d{4}\s*[-–—]\s*[^()]*\d{4}\s*\)")


def _life_dates(s: Sentence, which: int) -> list[Entity]:
    """The birth (``which`` 1) or death (2) date of an encyclopedia's "Name (date – date)", or
    the birth date of "Name (born date)"."""
    out = []
    # (the date's group: which of the span's two, or the only one of "(born …)")
    matches = [(m, which) for m in _LIFE_SPAN.finditer(s.text)]
    matches += [(m, 1) for m in _BORN_ONLY.finditer(s.text) if which == 1]
    for m, group in matches:
        text = m.group(group)
        found = resolve(re.sub(r"^c\.\s*", "", text), None)  # "c. 1823": about 1823
        resolved = found.iso() if found else None
        a, b = s.start + m.start(group), s.start + m.end(group)
        out.append(Entity(LIFE_DATE, text, a, b, resolved))
    return out


def _spans(pattern: re.Pattern, s: Sentence, label: str, group: int = 0, relabel: bool = False) -> list[Entity]:
    """Values written out in ``s`` that spaCy splits or misses ("over a year and a half",
    "every six minutes"), as entities of ``label`` (the match, or one of its groups). With
    ``relabel``, also a span spaCy tagged with another label ("one daughter, Margit": GPE)."""
    taken = [(e.start, e.end) for e in s.entities if not relabel or e.label == label]
    out = []
    for m in pattern.finditer(s.text):
        a, b = s.start + m.start(group), s.start + m.end(group)
        if not any(x <= a and b <= y for x, y in taken):  # spaCy's own span wins when it covers it
            out.append(Entity(label, m.group(group), a, b))
    return out


# A year or a range of years of an era: "405–370 BC", "c. 1200 BC", "AD 800".
_ERA_DATE = re.compile(r"\b(?:c\.\s*)?\d{1,4}(?:\s*[–-]\s*\d{1,4})?\s+(?:BC|BCE|AD|CE)\b|\bAD\s+\d{1,4}\b")
_NUMBER_TOKEN = re.compile(r"(?<![\w-])\d+(?:st|nd|rd|th)?\b(?!-)")  # not "COVID-19"


_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
# Numbers written in words that spaCy may miss ("Eleven patients …" opening a sentence); not
# "one" alone, which is seldom a count.
_NUMBER_WORDS = (rf"\b(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(w for w, n in _SMALL.items() if 0 < n < 10)}))?|"
                 rf"{'|'.join(w for w, n in _SMALL.items() if n > 1)})\b(?!-)")
_NUMBER_WORD = re.compile(_NUMBER_WORDS, re.I)
# A clock time written with digits ("7:42", "6 am", "11 p.m."), not a decimal ("1.38 metres",
# "£12.50", "2.75 million").
_NOT_CLOCK_AFTER = (r"(?:%|per\s*cent|percent|metres?|meters?|m\b|km|kilo\w*|cm|mm|centimet\w*|millimet\w*|"
                    r"miles?|mph|feet|foot|ft\b|inch\w*|tonnes?|tons?|kg|grams?|g\b|lbs?|pounds|degrees?|°|knots?|"
                    r"lit(?:re|er)s?|hectares?|acres?|seconds?|million|billion|points?)")
DIGIT_CLOCK = re.compile(rf"(?<![\d.,£$€¥])\d{{1,2}}[:.]\d\d(?![\d.,]\d)(?!\s*{_NOT_CLOCK_AFTER})|\d\s*[ap]\.?m\b", re.I)
# A calendar year as written ("1894", "2025").
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
# Where another number starts ("three vehicles and 18 firefighters": 18 is the second).
A_NUMBER = re.compile(rf"\d|{_NUMBER_WORDS}", re.I)


def number_value(text: str) -> int | None:
    """The whole number a value writes in digits or in words ("1,400", "Fourteen",
    "twenty-one"), or None when it is anything else ("about 1,400", "14 metres")."""
    t = text.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    tens, _, unit = t.partition("-")
    if tens in _TENS and (not unit or unit in _SMALL and 0 < _SMALL[unit] < 10):
        return _TENS[tens] + (_SMALL[unit] if unit else 0)
    return _SMALL.get(t)


# Words that hedge a figure without changing it ("about 1,400", "roughly 1,600").
QUALIFIERS = re.compile(r"\b(?:about|approximately|around|roughly|some|nearly|almost|more than|less than|fewer than|"
                        r"at least|up to|an estimated|estimated|just over|just under|over|under)\s+", re.I)


def figure(text: str) -> str | None:
    """A value's figure and unit, its hedges and spelling aside: "about 1,400" and "Around
    1,400" -> "1400"; "9 percent", "9 per cent" and "9%" -> "9 percent"; "Fourteen" -> "14".
    None for what is not a figure."""
    t = QUALIFIERS.sub("", text.strip()).lower().replace("per cent", "percent").replace("%", " percent")
    m = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)\b\s*(.*)", t)
    if not m:
        return None
    whole = number_value(m.group(1))
    value = whole if whole is not None else (float(m.group(1).replace(",", "")) if m.group(1)[0].isdigit() else None)
    if value is None:
        return None
    return " ".join([f"{value:g}", *stem_all(tokenize(m.group(2)))])


def _numbers_inside(s: Sentence) -> list[Entity]:
    """Numbers that spaCy folded into a non-numeric entity, as entities of their own."""
    out = []
    for e in s.entities:
        if e.label in NUMERIC_LABELS | {"MONEY", "PERCENT", "TIME"}:
            continue
        for m in _NUMBER_TOKEN.finditer(e.text):
            label = "CARDINAL" if m.group().isdigit() else "ORDINAL"
            out.append(Entity(label, m.group(), e.start + m.start(), e.start + m.end()))
    return out


# Dates of an earlier time: "the first full stoppage since 1989" (when it last happened),
# which answers "when did it last …" (ASKS_LAST), as does "was last hit … in 1966".
PRIOR_OCCURRENCE = re.compile(r"\b(?:first|worst|biggest|largest|highest|lowest|longest|heaviest|deadliest|"
                              r"strongest|best|most\s+[\w-]+)\b[^.;:]{0,60}?\bsince\s+(?:the\s+)?$", re.I)
# A figure of that earlier time ("the largest since the Tamsin Ridge fire of 2017, which
# burned about 14,000 acres"): not the figure of the event reported.
EARLIER_FIGURE = re.compile(r"\bsince\s+(?:the\s+)?[^.;:]{0,60}?,\s+(?:which|when)\b[^.;:,]{0,50}$", re.I)
ASKS_LAST = re.compile(r"\b(?:last|previous|previously|before that)\b", re.I)
PRIOR_OCCURRENCE_FIT = 0.3
LAST_BEFORE = re.compile(r"\blast\b[^.;:,]{0,50}$", re.I)
