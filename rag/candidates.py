"""Short-answer candidates: the values in the evidence that could answer a question, scored
by how well they fit its type, how near they sit to its words (in the same clause, after
the verb) and how specific they are; which the question's tense, years and names allow,
including values in the sentences that go on about the evidence; which of them agree, and
when two values disagree. Part of the answer stage (``answer.py`` composes; this module
chooses values).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from rag.evidence import ScoredSentence, refers_back
from rag.patterns import YEAR, figure, life_event
from rag.sentences import Entity
from rag.question import named_heads, question_names
from rag.text import names_in, stem_all, tokenize
from rag.values import answer_entities

# Short-answer choice: bonus for sitting near the question's words. (A bonus per extra
# sentence giving the same value was tried and lowered dev accuracy: generic values such
# as a country recur more often than the specific answer.)
W_PROXIMITY = 0.10
# A short answer must fit the expected type at least this well ("The Associated Press" is
# no answer to "where"); with none, the answer is the evidence passages.
MIN_FIT = 0.25
# Bonus for specific values ("Vladivostok") over generic ones ("Russia") by corpus rarity.
W_RARE = 0.08
PROXIMITY_CHARS = 80.0
# At most this many sentences are quoted for one value.
MAX_EVIDENCE = 3
# Clause breaks: an entity in another clause than the question's word is weakly linked to it
# (0.3 until the tenth session; then a grid over 0.1-0.45 on twelve dev splits: 0.2 and 0.25
# one encyclopedia answer and short answer more, 0.1, 0.3 and 0.45 alike).
CLAUSE_BREAK = re.compile(r"[;:]|,\s|\s(?:and|but|while|whereas|although)\s|\s[—–]\s")
OTHER_CLAUSE_FACTOR = 0.25
AFTER_WORD_BONUS = 1.25
# Dates disagree only when both are this precise (a day, or a few: "10 to 13 September").
CONFLICT_MAX_DAYS = 4
EXCLUSIVE_TIMES = {"morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk"}
EXCLUSIVE_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Words saying an event was only planned, expected or possible ("may" in lower case: "in May
# 2025" is a month); a grid over 0.75-0.92 on the dev splits of all three suites was flat
# (newswire +1 answer), 0.85 is its middle.
IRREALIS = re.compile(r"\b(would|will|could|might|(?-i:may)|plans? to|planned to|expected to|is to|are to|"
                      r"was to|were to|consider(?:s|ing)?|aims? to|hopes? to|intends? to|proposed|"
                      r"proposes?)\b", re.I)
IRREALIS_FACTOR = 0.85
# "When will …", "How soon …" ask about the future; "When did …", "What happened …" the past.
FUTURE_QUESTION = re.compile(r"^\W*(how soon|\w+\s+(?:\w+\s+)?(will|could|would|might|may|is|are)\b.*"
                             r"\b(expected|due|scheduled|set|planned|going)\b|\w+\s+(?:\w+\s+)?(will|could|"
                             r"would|might|may)\b)", re.I)
PAST_QUESTION = re.compile(r"^\W*\w+\s+(?:\w+\s+){0,2}(did|was|were|had)\b|\b(happened|ended|began|started)\b", re.I)
# A value may sit this many sentences after the best evidence, when they go on about it;
# outside the retrieved chunks only in an epithet opening the sentence ("The 61-year-old").
FOLLOW_SENTENCES = 2
EPITHET_CHARS = 8
# A name written this often in an article is what the article is about: its figures are
# about it. (2 answered two more dev questions and one near miss; 4 answered 6 fewer.)
SUBJECT_MENTIONS = 3
QUOTE_START = re.compile(r"^\s*[\"“]")
# A sentence that refers back to a place named before it.
PLACE_REFERENCE = re.compile(
    r"^\W*(the (?:city|town|port|capital|country|region|village|venue))\b"
    r"|\b(there)\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|must|seems?|"
    r"appears?|remains?|exists?)\b)", re.I)


@dataclass
class Candidate:
    entity: Entity
    evidence: ScoredSentence
    score: float
    proximity: float = 0.0
    # The previous sentence, when the value was named there ("The city …" refers back).
    antecedent: ScoredSentence | None = None

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id

    @property
    def key(self) -> str:
        e = self.entity
        if e.resolved:
            return e.resolved.split("/")[0]
        if (f := figure(e.text)) is not None:
            return f  # "14" and "Fourteen", "about 1,400" and "Around 1,400" give the same figure
        return " ".join(stem_all(tokenize(e.text)))


def find_candidates(q, sentences, idf, q_stems, vocab, neighbours=None) -> list[Candidate]:
    """Answer candidates in ``sentences``, best first. A sentence that opens with "The city …"
    offers the place it refers to, named in the sentence before."""
    out = []
    for r in sentences:
        found = [(e, fit, None) for e, fit in answer_entities(q, r.sentence, q_stems) if fit >= MIN_FIT]
        if q.answer_type == "place" and (m := PLACE_REFERENCE.search(r.sentence.text)):
            prev = (neighbours or {}).get(r.sentence.sid, (None, None))[0]
            g = 1 if m.group(1) else 2
            if prev is not None and (e := _antecedent(m.group(g), prev, q, q_stems)):
                # Stand the place where "The city" (or "there") is written, for proximity.
                at = Entity(e.label, e.text, r.sentence.start + m.start(g), r.sentence.start + m.end(g))
                found.append((at, 1.0, ScoredSentence(prev, r.score, r.dense, r.lexical, 1.0)))
        for e, fit, antecedent in found:
            prox = _proximity(e, r, idf)
            score = r.score * (0.5 + 0.5 * fit) + W_PROXIMITY * prox + W_RARE * _rarity(e.text, vocab)
            out.append(Candidate(e, r, score, prox, antecedent))
    return sorted(out, key=lambda c: c.score, reverse=True)


def _antecedent(noun: str, prev, q, q_stems) -> Entity | None:
    """The place "the city" refers to: the one written next to the same noun in the previous
    sentence ("the city of Vladivostok"), else its first place; "there": its last place."""
    places = [e for e, fit in answer_entities(q, prev, q_stems) if fit >= 1.0]
    if not places:
        return None
    if noun.lower() == "there":
        return places[-1]
    word = re.search(rf"\b{noun.split()[-1]}\b", prev.text, re.I)
    if word is None:
        return places[0]
    at = prev.start + word.end()
    return min(places, key=lambda e: abs(e.start - at))


def support_order(best: Candidate, same: list[Candidate]) -> list[Candidate]:
    """The best candidate first, then one per other article, then the rest; no repeats."""
    seen_docs, seen_text, first, rest = {best.doc_id}, {best.evidence.sentence.text}, [best], []
    for c in same:
        if c.evidence.sentence.text in seen_text:
            continue
        seen_text.add(c.evidence.sentence.text)
        (rest if c.doc_id in seen_docs else first).append(c)
        seen_docs.add(c.doc_id)
    return (first + rest)[:MAX_EVIDENCE]


def happened_first(cands: list[Candidate]) -> list[Candidate]:
    """For a question about what happened: a value from a sentence that says it happened
    ranks before one from a sentence that says it would, or was expected to ("was to
    consider declaring … this week" / "On Tuesday the Cabinet declared …")."""
    out = [replace(c, score=c.score * IRREALIS_FACTOR) if IRREALIS.search(c.evidence.sentence.text) else c
           for c in cands]
    return sorted(out, key=lambda c: c.score, reverse=True)


# A date a plan is set for ("is planned to begin in 2025", "is due to open on 1 June"): not
# when it happened.
PLANNED_FOR = re.compile(r"\b(?:is|are|was|were)\s+(?:now\s+)?(?:planned|scheduled|due|expected|set)\s+"
                         r"(?:to\s+[a-z]+(?:\s+[a-z]+)?\s+)?(?:in|on|for|by)?\s*$", re.I)


ASKS_PLAN = re.compile(r"\b(?:due|expected|scheduled|planned|supposed|meant|set)\s+(?:to|for)\b", re.I)


def _planned_for(c: Candidate) -> bool:
    s = c.evidence.sentence
    return bool(PLANNED_FOR.search(s.text[max(0, c.entity.start - s.start - 50) : c.entity.start - s.start]))


def after_publication(e: Entity, doc) -> bool:
    published, span = _published(doc), e.days()
    return bool(published and span and span[0] > published)


def before_publication(e: Entity, doc) -> bool:
    published, span = _published(doc), e.days()
    if published and span is None and (years := _WRITTEN_YEAR.findall(e.text)):
        # "the 1890s", which no calendar date resolves: its last year.
        return max(int(y) + (9 if decade else 0) for y, decade in years) < published.year
    return bool(published and span and span[1] < published)


_WRITTEN_YEAR = re.compile(r"\b(1\d{3}|20\d{2})(s)?\b")


def _published(doc):
    from rag.store import int_to_date

    return int_to_date(doc[1].get("published_int")) if doc else None


def _rarity(text: str, vocab) -> float:
    """0 for the corpus's commonest words, 1 for words it uses once: specific beats generic."""
    counts = [vocab.get(w, 0) for w in tokenize(text) if len(w) > 2]
    if not counts or not vocab:
        return 0.0
    top = max(vocab.values())
    return 1.0 - math.log1p(min(counts)) / math.log1p(top)


def term_weights(strong: list[ScoredSentence], q_stems: set[str]) -> dict[str, float]:
    """Question stems weighted by rarity among the strong sentences (rare = telling)."""
    n = len(strong) or 1
    df = {st: sum(st in r.matched_terms for r in strong) for st in q_stems}
    return {st: 1.0 + n / (1.0 + d) for st, d in df.items()}


def _proximity(e: Entity, r: ScoredSentence, weights: dict[str, float]) -> float:
    """Weighted share of the matched question words that sit close to the entity (0 to 1)."""
    s = r.sentence
    words = [(m.start() + s.start, m.end() + s.start, m.group()) for m in re.finditer(r"\w[\w'’-]*", s.text)]
    stems = stem_all([w.lower() for _, _, w in words])
    total = sum(weights.get(st, 0.0) for st in set(r.matched_terms)) or 1.0
    bounds = [m.start() + s.start for m in CLAUSE_BREAK.finditer(s.text)]
    best: dict[str, float] = {}
    for (a, b, _), st in zip(words, stems):
        if st in weights and st in r.matched_terms and not (a >= e.start and b <= e.end):
            dist = min(abs(a - e.end), abs(e.start - b))
            near = max(0.0, 1.0 - dist / PROXIMITY_CHARS)
            lo, hi = min(b, e.start), max(a, e.end)
            if any(lo <= x < hi for x in bounds):
                near *= OTHER_CLAUSE_FACTOR  # "left … on Sept 10 and will cross … on Sept 12"
            elif e.start >= b:
                near = min(1.0, near * AFTER_WORD_BONUS)  # English puts the answer after the verb
            best[st] = max(best.get(st, 0.0), near)
    return sum(weights[st] * v for st, v in best.items()) / total


def exclusive(a: str, b: str) -> bool:
    """Options that cannot both be true of one event: two times of day, two weekdays, two numbers."""
    groups = (EXCLUSIVE_TIMES, EXCLUSIVE_DAYS)
    a, b = a.lower(), b.lower()
    return any(a in g and b in g for g in groups) or (a.isdigit() and b.isdigit())


def contradicts(a: Entity, b: Entity) -> bool:
    """Do two values disagree? Dates only when both name a day or a few days and those days
    do not overlap: "this month" does not contradict "Monday, September 11", and "in 2019"
    is most likely another event, not another account of this one."""
    if not (a.resolved or b.resolved):
        # Figures disagree; ordinals seldom do ("his 10th trip" / "his first trip since …").
        return "ORDINAL" not in (a.label, b.label)
    spans = [e.days() for e in (a, b)]
    if None in spans:
        return False
    (a0, a1), (b0, b1) = spans
    if (a1 - a0).days > CONFLICT_MAX_DAYS or (b1 - b0).days > CONFLICT_MAX_DAYS:
        return False
    return a1 < b0 or b1 < a0


def time_of_day_conflict(agree: list[Candidate]):
    parts = {}
    for c in agree:
        if c.entity.resolved and c.entity.text and _part(c.entity.text):
            parts.setdefault(_part(c.entity.text), c)
    if len(parts) >= 2:
        a, b = list(parts.values())[:2]
        return a, b
    return None


def _part(text: str) -> str | None:
    m = re.search(r"\b(morning|afternoon|evening|night)\b", text, re.I)
    return m.group(1).lower() if m else None


def asks_past(q) -> bool:
    """Does a date question ask when something happened ("When did …", "On what date was …")?"""
    return q.answer_type in {"date", "time"} and bool(PAST_QUESTION.search(q.text))


ASKS_END = re.compile(r"^\W*when\s+(?:did|was|were|had)\b.*\b(?:end|finish|stop|close|conclude|cease|"
                      r"ended|finished|stopped|closed|concluded|called off)\b", re.I)
_ENDED = re.compile(r"\b(?:end(?:ed|s|ing)?|finish\w*|over|conclud\w*|called off|stopp?ed|halted|closed|"
                    r"lasted|until|ceased|back to work|returned)\b", re.I)
AROUND_CHARS = 60


def _around(c: Candidate) -> str:
    """The words around a candidate value in its clause of the sentence."""
    s = c.evidence.sentence
    a, b = c.entity.start - s.start, c.entity.end - s.start
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(s.text)]
    lo = max([x for x in cuts if x < a] + [a - AROUND_CHARS, 0])
    hi = min([x for x in cuts if x >= b] + [b + AROUND_CHARS])
    return s.text[lo:hi]


def in_time(q, pool: list[Candidate], docs: dict) -> list[Candidate]:
    """The candidates a question's tense allows. "When did the strike end?" cannot be
    answered by a date after the article was written ("until at least next Wednesday"), and
    a sentence that says it happened beats one that says it would; "How soon could they
    meet?", "When will …": not a day before the article."""
    if q.answer_type not in {"date", "time"}:
        return pool
    if asks_past(q):
        plans = bool(ASKS_PLAN.search(q.text))  # "When was work due to start?" asks for the plan
        pool = [c for c in pool if not after_publication(c.entity, docs.get(c.doc_id))
                and (plans or not _planned_for(c))]
        if ASKS_END.search(q.text):
            # "When did the strike end?": a date the sentence ties to an end ("called off on
            # Friday", "lasted until May"), not the day it began.
            pool = [c for c in pool if _ENDED.search(_around(c))]
        return happened_first(pool)
    if FUTURE_QUESTION.search(q.text):
        return [c for c in pool if not before_publication(c.entity, docs.get(c.doc_id))]
    return pool


def follow_on(q, strong, ranked, neighbours, idf, q_stems, vocab) -> list[Candidate]:
    """Values in the sentences that go on about the strong ones ("Terravue-1 lifted off …"
    then "The 1,150-kilogram spacecraft separated …"; "… chief executive Graham Pell told
    Reuters." "We have put …" "The 61-year-old, …": a quotation of the same speaker may come
    between), each citing the sentence it follows before it. Outside the retrieved chunks a
    follow-on sentence counts when it opens by naming the one just described, with the
    value asked for ("The 61-year-old, who …"), and borrows the score of the one it follows."""
    follow = {}
    for r in strong:
        nxt = neighbours.get(r.sentence.sid, (None, None))[1]
        for _ in range(FOLLOW_SENTENCES):
            if nxt is None or not (refers_back(nxt.text) or QUOTE_START.match(nxt.text)
                                   or names_again(nxt.text, r.sentence.text)):
                break
            follow.setdefault(nxt.sid, (nxt, r))
            nxt = neighbours.get(nxt.sid, (None, None))[1]
    seen = {r.sentence.sid: r for r in ranked}
    # A sentence that refers back hides its subject behind a pronoun ("It reopened on 21 May
    # 2009."): when it matches words of the question the one it goes on about does not
    # ("reopen"), it scores as well as that one.
    after = [replace(seen[sid], score=max(seen[sid].score, follow[sid][1].score))
             if set(seen[sid].matched_terms) - set(follow[sid][1].matched_terms) else seen[sid]
             for sid in follow if sid in seen]
    unseen = [ScoredSentence(nxt, r.score, r.dense, r.lexical, 0.0, r.matched_terms)
              for sid, (nxt, r) in follow.items() if sid not in seen]
    cands = find_candidates(q, after, idf, q_stems, vocab, neighbours)
    cands += [c for c in find_candidates(q, unseen, idf, q_stems, vocab, neighbours)
              if c.entity.start - c.evidence.sentence.start <= EPITHET_CHARS]
    return [replace(c, antecedent=c.antecedent or follow[c.evidence.sentence.sid][1]) for c in cands]


def names_again(text: str, before: str) -> bool:
    """Does the sentence open by calling something of the one before by its common noun:
    "The trackway, a causeway of …" after "… the Scarrowby Trackway"?"""
    m = re.match(r"^\W*the\s+([a-z][\w-]+)\b", text, re.I)
    return bool(m) and bool(re.search(rf"\b[A-Z][\w'’-]+\s+(?:[\w'’-]+\s+)?(?i:{re.escape(m.group(1))})\b", before))


# A value from a sentence within PIN_LEAD of the best of all may take the question's names
# from the PIN_BACK sentences before it ("The report made eleven recommendations", after a
# paragraph on the MAIB's report). Further back (the whole article) answered four more dev
# questions and two unanswerable ones.
PIN_LEAD = 0.95
PIN_BACK = 4


def pinned(q, cands: list[Candidate], pool: list[Candidate], neighbours, docs) -> list[Candidate] | None:
    """The candidates written with the years and names a question pins its value to, or
    None when the pins rule out every value of a number question, or of a question for the
    holder of a role (the engine abstains).

    "How many pairs were counted in 2016?": a value from a sentence about that year, among
    the strong ones or further down ("The manager that season was …" takes the year of the
    sentence it refers to). "How many pairs breed in Lithuania?": a number's names are
    written with it (or in the sentence before it, the article's title or the names the
    article keeps writing: "the vessel" of an article on the Aldis Maren), not just once
    somewhere in its article; nor is "Who is the mayor of Bexley?" answered by the mayor of
    another town."""
    if (years := YEAR.findall(q.text)) and q.answer_type not in {"date", "time"}:
        def has_years(c):
            # Written with the value, or the year of a day the sentence gives ("on Monday"
            # in a report of May 2025 is in 2025).
            text = _written_with(c, neighbours, only_referring=True)
            dated = {str(y) for e in c.evidence.sentence.entities if (days := e.days()) and days[1].year - days[0].year < 1
                     for y in {days[0].year, days[1].year}}
            return all(y in text or y in dated for y in years)
        cands = [c for c in cands if has_years(c)] or [c for c in pool if has_years(c)]
        if not cands and q.answer_type == "number":
            return None
    # ("When did Braxfield's daughter Maud die?": Maud's death, not Braxfield's.)
    if (q.answer_type == "number" or q.answer_type == "person" and q.focus
            or q.answer_type in {"date", "time"} and life_event(q.text)) and (names := question_names(q)):
        def near(c):
            text, meta = docs.get(c.doc_id, ("", {}))
            return " ".join([_written_with(c, neighbours), meta.get("title") or "", *_subject_names(text)])
        heads = named_heads(q)

        def about(c):
            # "The mill employs 410 people", in an article that writes "the Kestrane paper mill".
            doc = docs.get(c.doc_id, ("",))[0]
            return names_in(names, doc) and any(
                re.search(rf"\bthe\s+(?:[\w-]+\s+)?{re.escape(head)}\b", c.evidence.sentence.text, re.I)
                and re.search(rf"\b{re.escape(name)}\w*(?:\s+[\w-]+){{0,2}}\s+{re.escape(head)}\b", doc, re.I)
                and not _another_named(name, head, doc)
                for name, head in heads)
        best = max((c.evidence.score for c in pool), default=0.0)

        def leads(c):
            # The best sentence of all, in an article that names them all ("The report made
            # eleven recommendations", in a report on the MAIB's findings).
            if PIN_LEAD >= 1 or c.evidence.score < best * PIN_LEAD:
                return False
            text, prev = [], neighbours.get(c.evidence.sentence.sid, (None, None))[0]
            for _ in range(PIN_BACK):
                if prev is None:
                    break
                text.append(prev.text)
                prev = neighbours.get(prev.sid, (None, None))[0]
            return names_in(names, " ".join(text))

        cands = [c for c in cands if names_in(names, near(c)) or about(c) or leads(c)]
        if not cands:
            return None
    return cands


@lru_cache(maxsize=64)
def _subject_names(text: str) -> tuple[str, ...]:
    """The names an article keeps writing (capitalised words written ``SUBJECT_MENTIONS``
    times or more, not only at a sentence's start): what the whole article is about."""
    if not SUBJECT_MENTIONS:
        return ()
    counts = Counter(re.sub(r"['’]s$", "", m.lower())
                     for m in re.findall(r"(?<![.!?\n]\s)(?<!^)\b[A-Z][\w'’-]+", text))
    return tuple(w for w, n in counts.items() if n >= SUBJECT_MENTIONS)


def _another_named(name: str, head: str, doc: str) -> bool:
    """Does the article name another thing of that kind ("the Irish Sea Telegraph Company"
    beside "the Calder and Moy Telegraph Company")? Then "the company" may be either."""
    for m in re.finditer(rf"((?:[A-Z][\w'’-]*\s+)+){re.escape(head.capitalize())}\b", doc):
        if " ".join(w for w in tokenize(m.group(1)) if w != "the") != name:
            return True
    return False


def _quoted_with(c) -> str:
    """The text a candidate is quoted with: its sentence, and the one it refers back to."""
    return c.evidence.sentence.text + (" " + c.antecedent.sentence.text if c.antecedent else "")


def _written_with(c, neighbours, only_referring: bool = False) -> str:
    """The candidate's quoted text and the sentence before its own (always, or only when its
    sentence refers back to it: "The manager that season was …")."""
    prev = neighbours.get(c.evidence.sentence.sid, (None, None))[0]
    if prev is None or (only_referring and not refers_back(c.evidence.sentence.text)):
        return _quoted_with(c)
    return _quoted_with(c) + " " + prev.text
