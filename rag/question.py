"""Question analysis: the expected answer type and the key terms, robust to lowercase,
missing punctuation and small typos ("wher will they meet"). Rule-based, so it costs
microseconds on the query path; only "how long is/was …" questions run spaCy's tagger
(loaded once per process, on the first such question) to tell a length of time from a size.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field

from rag.text import stem_all, tokenize
from rag.vocab import MIN_TYPO_LEN, Vocab, one_edit, one_swap, truecase  # noqa: F401 (Vocab re-exported)
from rag.wordlists import (  # noqa: F401 (STOPWORDS is re-exported)
    AUXILIARIES, CAUSE_VERBS, COMPARABLE, DETERMINERS, FOLLOW_UP_PRONOUNS, GENERIC_COUNTED, IRREGULAR_PLURALS, MEASURE_NOUNS, MONEY_NOUNS,
    MEASURES, MODALS, NAME_HEADS, WEIGH_WORDS, NOT_AMOUNTS, VAGUE_KINDS, PROGRESS_WORDS, MONEY_VERBS, MONEY_WORDS, NUMBER_HOW, STOPWORDS, TALLY_NOUNS, TYPE_NOUNS, WHEN_HOW,
)

AnswerType = str  # date | time | person | place | organisation | number | entity | explanation | other

WH_WORDS = ["when", "where", "who", "whom", "whose", "why", "how", "what", "which"]
TYPO_CUTOFF = 0.8
VOTE_OUTCOME = re.compile(r"^(?:and\s+)?how\s+(?:did|do|does|will|would)\b(?:\s+[\w'’-]+){1,8}?\s+vote\b(?!\s+for\b)")


@dataclass
class QuestionAnalysis:
    """What a question asks for."""

    text: str
    answer_type: AnswerType
    wh: str | None
    key_terms: list[str] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)
    follow_up: bool = False
    # What a "how old/fast/far/much …" question measures (age, speed, distance, size,
    # duration, frequency, money, count) and, for "how many N", the counted noun N (with the
    # word before it, if any: "workers dock" for "how many dock workers").
    measure: str | None = None
    counted: str | None = None
    # "Did he leave in the afternoon or in the evening?": the two options offered.
    options: tuple[str, str] | None = None
    # The noun that says what kind of thing is asked for ("which streets", "what year").
    focus: str | None = None
    # Typed all in lower case: its names cannot be told from its words by their capitals.
    typed_lower: bool = False
    # Stems of the evidence's near-synonyms of the role asked for ("investigator" for "which
    # researcher"), set by the answerer once it has the evidence.
    role_synonyms: frozenset[str] = frozenset()

    @property
    def search_text(self) -> str:
        """The question with typos corrected, for retrieval."""
        words = self.text.split()
        return " ".join(self.corrected.get(w.lower().strip("?.,!"), w) for w in words)


def analyse(question: str, vocab: "Vocab | None" = None, lexicon: frozenset[str] = frozenset()) -> QuestionAnalysis:
    """Answer type, key terms and typo fixes for one question. ``lexicon`` holds words known
    to be spelt right (the embedder's word list): they are never "corrected" to corpus words
    ("prime" is not a typo of "price"), only misspellings are."""
    typed_lower = question == question.lower()
    if vocab is not None and vocab.cased and typed_lower:
        question = truecase(question, vocab.cased, lexicon, keep=_QUESTION_WORDS)
    words = tokenize(question)
    corrected: dict[str, str] = {}
    fixed = []
    for i, w in enumerate(words):
        if vocab and "-" in w and w not in vocab and (parts := [p for p in w.split("-") if p]) \
                and all(p in vocab for p in parts):
            # "the Tellany-Fenmarch merger": the corpus writes Tellany and Fenmarch apart.
            corrected[w] = " ".join(parts)
            fixed += parts
            continue
        new = _fix_wh(w) if i < 2 else None
        base, owner = (w[:-2], w[-2:]) if w.endswith(("'s", "’s")) and len(w) > 4 else (w, "")
        if new is None and vocab and base not in vocab and base not in STOPWORDS and base not in NUMBER_HOW:
            new = None if _is_word(base, lexicon) else (
                _fix_stopword(base) or _fix_term(base, vocab)
                # ("trawlers", where the corpus writes "trawler", is no typo of "trailers")
                or (None if stem_all([base])[0] in vocab.stems else _fix_by_one_edit(base, lexicon)))
            new = new and new + owner  # "Bdien's" -> "biden's"
        if new and new != w:
            corrected[w] = new
        fixed.append(new or w)
    if corrected:
        # The name rules read the question's text: read it with the fixes ("the Calder and
        # Moy commpany" names a company), capitals kept.
        question = re.sub(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*", lambda m: _as_cased(
            corrected.get(m.group().lower(), m.group()), m.group()), question)
    wh, atype = _answer_type(fixed)
    if wh is None and "," in question:
        # "According to the wire report, roughly how many households …": the question starts
        # after the clause that says where to look.
        lead = len(tokenize(question.split(",", 1)[0]))
        if (later := _answer_type(fixed[lead:]))[0] is not None:
            wh, atype = later
    if atype == "number" and _lasts(fixed, question):
        atype = "duration"  # "How long was the road closed?": a length of time, not of the road
    # "far" in "how far", "long" in "how long": part of the question form, not its topic.
    form = {i + 1 for i, w in enumerate(fixed[:-1]) if w == "how" and fixed[i + 1] in NUMBER_HOW | WHEN_HOW}
    terms = [w for i, w in enumerate(fixed)
             if w not in STOPWORDS and w not in WH_WORDS and len(w) > 1 and i not in form]
    follow = _looks_like_follow_up(fixed, terms)
    measure, counted = _measure(fixed) if atype in {"number", "duration"} else (None, None)
    after_what = fixed[fixed.index("what") + 1 :] if wh == "what" else []
    asks_kind = after_what and after_what[0] not in AUXILIARIES and _type_noun(after_what) is not None
    if after_what and not asks_kind and atype not in {"number", "duration"} and MONEY_VERBS & set(after_what):
        # "What was Harrowden paid …?", "What did the astronomer earn?": an amount of money
        # (a noun after the auxiliary is who was paid; "What company paid …" asks a name).
        atype, measure = "number", "money"
    if atype in {"number", "duration"} and measure is None and wh in {"what", "which"}:
        noun = _type_noun(fixed[fixed.index(wh) + 1 :]) or ""
        measure = MEASURE_NOUNS.get(noun)
        if measure == "size" and MONEY_NOUNS & set(_of_phrase(fixed, noun)):
            measure = "money"  # "What was the size of the bank loan?": an amount of money
    if measure == "duration" and atype != "duration":
        measure = None  # "How long is the train?": a length or a duration; no constraint
    if measure is None and atype == "number" and "distance" in fixed:
        measure = "distance"
    if VOTE_OUTCOME.search(" ".join(fixed)) or (atype == "number" and _type_noun(after_what) in TALLY_NOUNS):
        # "How did the council vote?", "What was the committee vote?": a tally ("7-4") or
        # "unanimously"; another number is no answer.
        atype, measure = "number", "tally"
    options = _options(" ".join(fixed)) if wh is None else None
    focus = _focus(fixed) if wh in {"what", "which"} else None
    if atype == "entity" and focus is None:
        # "which utility …", "in which room …": a name of that kind ("which French optician":
        # an optician, the capitalised word before it only says which).
        capitalised = {w.lower() for w in re.findall(r"(?<!^)\b[A-Z][a-z]+", question.strip())}
        focus = _kind_noun(fixed, capitalised)
        if focus and len(focus) > 5 and singular(focus).endswith(("ician", "ist")):
            atype = "person"  # "which optician", "which chemist": a person of that trade
    if atype == "person" and focus is None:
        # "Who is Japan's prime minister?": the role the answer must hold.
        # (Not a title written before a name: "King Athelrun" is no role asked for.)
        titles = {m.lower() for m in _TITLE_BEFORE_NAME.findall(question)}
        focus = next((w for w in fixed if TYPE_NOUNS.get(w) == "person" and w != "person" and w not in titles), None)
    return QuestionAnalysis(question, atype, wh, _dedupe(terms), corrected, follow, measure, counted,
                            options, focus, typed_lower)


# Words questions are built with, for typo fixes the corpus cannot give ("hevay" -> "heavy").
FORM_WORDS = frozenset(NUMBER_HOW | WHEN_HOW | set(TYPE_NOUNS) | set(MEASURE_NOUNS))
# Words that shape a question: truecasing leaves them as typed.
_QUESTION_WORDS = FORM_WORDS | STOPWORDS | frozenset(WH_WORDS)


_TITLE_BEFORE_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(?=[A-Z][\w'’-]*)")


def _focus(words: list[str]) -> str | None:
    """The type noun right after "which"/"what" ("which (Pacific) port", "what year")."""
    for i, w in enumerate(words[:6]):
        if w in {"what", "which"}:
            return _type_noun(words[i + 1 :])
    return None


def _kind_noun(words: list[str], capitalised: set[str] = frozenset()) -> str | None:
    """The noun right after "which" ("which utility", "which orchestra"), or after "what"
    when no verb comes first ("what orchestra …", not "what did …"), when it is no type noun:
    the answer is a name of that kind."""
    for i, w in enumerate(words[:6]):
        if w in {"what", "which"}:
            after = _past_of_the(words[i + 1 :])
            while len(after) > 1 and after[0] in capitalised and after[1] not in STOPWORDS | AUXILIARIES | MODALS:
                after = after[1:]
            nxt = _phrase_head(after) or (after[0] if after else "")
            if nxt.isalpha() and len(nxt) > 2 and nxt not in STOPWORDS | AUXILIARIES | MODALS | VAGUE_KINDS \
                    and not nxt.endswith(("ed", "ing")):
                return nxt
            return None
    return None


# Stopwords that can stand inside the phrase after "which" ("which other country", "which US
# TV network", "which Russian news agency"): the type noun may come after them.
NOUN_PHRASE_WORDS = frozenset({"other", "news", "us", "new", "own", "same", "such", "more", "most", "report", "article"})


def _type_noun(after: list[str]) -> str | None:
    """The first noun that says what kind of answer is wanted, within the few words after
    "which"/"what" ("which North Korean outlet", "which separatist regions"), or after "the
    name of" ("what is the name of the crane operator"), as written."""
    own = not (after and after[0] in {"is", "was", "are", "were"})
    if not own:
        after = after[1:]  # "what was the committee vote"
    after = _past_of_the(after)
    if "name" in after[:3] and "of" in after[:5]:
        after = after[after.index("of") + 1 :]
    if (head := _phrase_head(after)) is not None:
        # "What state honour did she receive?", "Which company director was arrested?": the
        # phrase's head, before its auxiliary, says the kind; the words before it do not.
        return head if singular(head) in TYPE_NOUNS or head in MEASURE_NOUNS else None
    for w in after[:4]:
        if own:
            # "Which organisation's helicopter …" asks for an organisation ("What was the
            # winner's prize?" for a prize: the possessive after a verb says whose).
            w = re.sub(r"['’]s$", "", w)
        if singular(w) in TYPE_NOUNS or w in MEASURE_NOUNS:
            return w
        if w in STOPWORDS - DETERMINERS - NOUN_PHRASE_WORDS:
            break  # "what did …": past the noun phrase
    return None


def _of_phrase(words: list[str], noun: str) -> list[str]:
    """The few words after "<noun> of" ("size of the bank loan" -> the, bank, loan)."""
    at = words.index(noun) if noun in words else -1
    return words[at + 2 : at + 6] if at >= 0 and words[at + 1 : at + 2] == ["of"] else []


def _past_of_the(after: list[str]) -> list[str]:
    """The words after "which" without "of the two" ("which of the two pilots" asks for a
    pilot)."""
    if after[:1] != ["of"]:
        return after
    rest = after[1:]
    while rest and (rest[0] in DETERMINERS or rest[0] in _FEW):
        rest = rest[1:]
    return rest


_FEW = {"these", "those", "both", "two", "three", "four", "five", "six"}


def _phrase_head(after: list[str]) -> str | None:
    """The last word of a two- or three-word noun phrase that ends at an auxiliary
    ("state honour did …" -> honour), else None."""
    for n in (2, 3):
        phrase = after[:n]
        if len(after) > n and after[n] in AUXILIARIES and all(
                w.isalpha() and w not in STOPWORDS | AUXILIARIES | MODALS for w in phrase):
            return phrase[-1]
    return None


def singular(word: str) -> str:
    """The singular a type noun is listed under ("regions" -> "region")."""
    if word in TYPE_NOUNS:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_OPTION = r"(?:(?:in|by|on|at|from|to|with|for)\s+)?(?:(?:the|a|an)\s+)?([\w'’-]+)"
OPTIONS = re.compile(rf"{_OPTION}\s+or\s+{_OPTION}\s*$")


def _options(text: str) -> tuple[str, str] | None:
    """The two options of an either-or question ("… by train or by plane")."""
    m = OPTIONS.search(text)
    if not m or {m.group(1), m.group(2)} & STOPWORDS or m.group(1) == m.group(2):
        return None
    return m.group(1), m.group(2)


def _is_word(word: str, lexicon: frozenset[str]) -> bool:
    # Short words are left to the typo rules: "wil" is in word lists as a name.
    return len(word) >= MIN_TYPO_LEN and word in lexicon


def _lasts(words: list[str], question: str) -> bool:
    """Does "how long is/was …" ask for a length of time? It does when a verb follows its
    subject ("How long was the road closed?", "how long is the repair supposed to take");
    "How long is the bridge?" asks for a length. (spaCy's tagger reads the verb; it is
    loaded only for such questions.)"""
    be = {"is", "was", "are", "were"}
    at = next((i for i, w in enumerate(words[:4]) if w == "how"), None)
    if at is None or words[at + 1 : at + 2] != ["long"] or not be & set(words[at + 2 : at + 3]):
        return False
    from rag.sentences import load_tagger

    after = itertools.dropwhile(lambda t: t.lower_ not in be, load_tagger()(question))
    return any(t.tag_.startswith("VB") and t.lower_ not in AUXILIARIES for t in after)


def _measure(words: list[str]) -> tuple[str | None, str | None]:
    """(what is measured, the counted noun) for "how <word> …" questions."""
    for i, w in enumerate(words[:-1]):
        if w != "how":
            continue
        nxt = words[i + 1]
        if nxt == "much":
            if WEIGH_WORDS & set(words):
                return "weight", None
            if MONEY_WORDS & set(words):
                return "money", None
            # "how much data", "how much rain": an amount in a unit, said with the unit.
            amount = i + 2 < len(words) and words[i + 2] not in STOPWORDS | AUXILIARIES | NOT_AMOUNTS \
                and not _comparative(words[i + 2])  # ("how much higher"; "how much beer" asks an amount)
            return ("amount" if amount else None), None
        if nxt == "far" and i + 2 < len(words) and words[i + 2] in PROGRESS_WORDS:
            return "progress", None  # "how far along is the building": a share done, not a distance
        if nxt == "many":
            # The counted noun: the last word of the phrase after "many" ("foreign trips").
            phrase = []
            for x in words[i + 2 : i + 5]:
                if x in STOPWORDS or x in WH_WORDS or x in MODALS or (phrase and x.endswith("ed")):
                    break  # ("how many people died": the verb ends the phrase)
                phrase.append(x)
            # The counted noun: the first plural in the phrase ("homes" in "how many homes
            # lost power"), else its last word ("how many artillery" → "artillery").
            plural = [x for x in phrase if x in IRREGULAR_PLURALS
                      or (len(x) > 3 and x.endswith("s") and not x.endswith("ss"))]
            noun = plural[0] if plural else (phrase[-1] if phrase else None)
            if noun in {"people", "persons"}:
                return "headcount", None  # "how many people …": a number said to count people
            if noun in GENERIC_COUNTED:
                return "count", None
            # "dock workers": also "dockers" (the word before the noun, kept after a space).
            at = phrase.index(noun) if noun in phrase else 0
            return "count", (f"{noun} {phrase[at - 1]}" if at else noun)
        return MEASURES.get(nxt), None
    return None, None


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def _fix_wh(word: str) -> str | None:
    if word in WH_WORDS or word in STOPWORDS or len(word) < 3:
        return None  # "were" is a word, not a misspelt "where"
    # The closest question word; of two as close, the one listed first, the more common
    # ("whem": when, not whom).
    score, best = max((difflib.SequenceMatcher(None, word, w).ratio(), -i) for i, w in enumerate(WH_WORDS))
    return WH_WORDS[-best] if score >= 0.75 else None


def _as_cased(new: str, old: str) -> str:
    """``new`` written with the capitals ``old`` had ("Bdien's" -> "Biden's", "Tellany-Fenmarch"
    -> "Tellany Fenmarch")."""
    if new.replace(" ", "-") == old.lower():
        return old.replace("-", " ")
    return new[:1].upper() + new[1:] if old[:1].isupper() and new != old else new


def _comparative(word: str) -> bool:
    """"higher", "bigger", "heavier", "later": a comparative (not "beer", "water", "power")."""
    if not word.endswith("er") or len(word) < 5:
        return False
    base = word[:-2]
    stems = {base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else base,
             base[:-1] + "y" if base.endswith("i") else base}
    return bool(stems & COMPARABLE)


def _fix_stopword(word: str) -> str | None:
    """'wil' -> 'will', 'teh' -> 'the': short misspelt function words."""
    if len(word) < 3:
        return None
    match = difflib.get_close_matches(word, STOPWORDS, n=1, cutoff=0.85)
    return match[0] if match else None


def _fix_term(word: str, vocab: "Vocab") -> str | None:
    if len(word) < MIN_TYPO_LEN - 1 or any(ch.isdigit() for ch in word) or stem_all([word])[0] in vocab.stems:
        # A form of a corpus word ("leave" when the corpus says "leaves", "left"); a figure
        # ("the 1860s" is no typo of "the 1870s").
        return None
    if len(word) >= MIN_TYPO_LEN:
        # One letter left out, added, changed or two swapped: the commonest such corpus word
        # ("scoerd" -> "scored", not the closer-looking "scorer"), or a word questions are
        # built with ("hevay" -> "heavy").
        edits = one_edit(word)
        if near := [e for e in edits if e in vocab]:
            return max(near, key=lambda e: vocab[e])
        if form := [e for e in edits if e in FORM_WORDS]:
            return form[0]
    pool = vocab.by_initial.get(word[0], ())
    if len(word) < MIN_TYPO_LEN:
        # Three letters: only a letter left out of a longer corpus word ("Pel" for "Pell").
        pool = [w for w in pool if len(w) == len(word) + 1]
    match = difflib.get_close_matches(word, pool, n=1, cutoff=TYPO_CUTOFF)
    if match:
        return match[0]
    # Two letters swapped apart ("ecomonic"): difflib scores it lower, and it is two edits.
    swapped = [w for w in pool if len(w) == len(word) >= 5 and one_swap(word, w)]
    return max(swapped, key=lambda w: vocab[w]) if swapped else None


def _fix_by_one_edit(word: str, lexicon: frozenset[str]) -> str | None:
    """A word the corpus does not use, one edit from exactly one dictionary word ("orbter"
    -> "orbiter"): that word, so its near-synonyms in the corpus can match."""
    if len(word) < 5 or not lexicon:
        return None
    near = {e for e in one_edit(word) if e in lexicon}
    return near.pop() if len(near) == 1 else None


def _answer_type(words: list[str]) -> tuple[str | None, AnswerType]:
    for i, w in enumerate(words[:6]):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        nxt2 = words[i + 2] if i + 2 < len(words) else ""
        if w == "when":
            return w, "date"
        if w == "where":
            return w, "place"
        if w in {"who", "whom", "whose"}:
            # "Who is Dmitry Peskov?" asks for a description; "Who is the spokesman?" a person.
            # ("who is russias defence minister": a role, written without its apostrophe.)
            if nxt in {"is", "was", "are", "were"} and nxt2 and nxt2 not in DETERMINERS \
                    and not any("'" in x or "’" in x for x in words[i + 2 :]) and len(words) - i <= 5 \
                    and not any(TYPE_NOUNS.get(x) == "person" for x in words[i + 2 :]):
                return w, "other"
            return w, "person"
        if w == "why":
            return w, "explanation"
        if w == "how":
            if nxt in WHEN_HOW:
                return w, "date"  # "How soon could they meet?" asks for a when
            if nxt == "long" and nxt2 not in {"is", "was", "are"}:
                return w, "duration"
            if nxt in NUMBER_HOW:
                return w, "number"
            return w, "explanation"
        if w == "what" and nxt in CAUSE_VERBS:
            return w, "explanation"  # "What prompted the traders to …?": a cause
        if w in {"what", "which"}:
            if noun := _type_noun(words[i + 1 :]):
                if MEASURE_NOUNS.get(noun) == "duration":
                    return w, "duration"  # "what is the lifespan of …"
                return w, TYPE_NOUNS.get(singular(noun), "number")
            if nxt in {"for", "purpose", "reason"} or (
                    nxt in {"is", "was"} and {"purpose", "reason"} & set(words[i + 2 : i + 4])):
                return w, "explanation"
            return w, "entity"
    if words and words[0] in {"is", "are", "was", "were", "did", "does", "do", "will", "can", "has", "have"}:
        return None, "other"
    return None, "other"


def _looks_like_follow_up(words: list[str], terms: list[str]) -> bool:
    if not words:
        return False
    if words[0] in {"and", "also", "then", "so", "but"}:
        return True
    if any(w in FOLLOW_UP_PRONOUNS for w in words) and len(terms) <= 3:
        return True
    return len(terms) <= 1


# Capitalised, but times rather than names ("visited Pyongyang in July").
_CALENDAR_WORDS = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())


def question_names(q: QuestionAnalysis) -> list[str]:
    """The names a question gives (capitalised words past the first), lowercase and
    typo-fixed: "during the Second World War". (Numbers were tried too: "in 2004" missed an
    article that says "the 2003–04 season".)"""
    out = []
    for m in re.finditer(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]*", q.text.strip()):
        out += [x for w in tokenize(m.group()) if len(w) > 1 for x in q.corrected.get(w, w).split()]
    return [w for w in dict.fromkeys(out) if w not in STOPWORDS and w not in _CALENDAR_WORDS]


def role_words(q: QuestionAnalysis) -> list[str]:
    """The role a person question asks for, as stems with its head noun last: "Who is
    Biden's deputy national security adviser?" -> deputy, nation, secur, advis; "Which judge
    …" -> judg. Names and possessives before it are not part of the role."""
    if not q.focus:
        return []
    words = re.findall(r"[\w'’-]+", q.text)
    lower = [w.lower() for w in words]
    if q.focus not in lower:
        return stem_all([q.focus])
    at = lower.index(q.focus)
    role = [q.focus]
    for w in reversed(words[:at]):
        if w[0].isupper() or w.lower() in STOPWORDS | _FEW or w.endswith(("'s", "’s")) or len(role) > 3:
            break  # ("which of the two pilots": no "two" in the role)
        role.insert(0, w.lower())
    return stem_all(role)


_COPULAR_ROLE = re.compile(r"^\W*(?:which|what)\s+[\w'’-]+\s+(?:is|was|are|were)\s+the\s+((?:[a-z][\w'’-]*\s+){0,2}?"
                          r"[a-z][\w'’-]*)(?:\s+(?:of|on|for|at|in|to|behind|with)\b|\s*\??\s*$)", re.I)


def copular_role(question: str) -> list[str]:
    """The role a "which <kind> is the <role> …" question names, as stems: "Which company is
    the main contractor on the hospital?" -> main, contractor."""
    m = _COPULAR_ROLE.search(question)
    return stem_all(m.group(1).split()) if m else []


def named_heads(q: QuestionAnalysis) -> list[tuple[str, str]]:
    """(name, common noun) pairs where a name of the question qualifies a noun: "the Kestrane
    mill" -> (kestrane, mill). An article about the Kestrane paper mill calls it "the mill"."""
    out = []
    for m in re.finditer(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+([a-z][\w-]+)", q.text.strip()):
        if m.group(1) not in STOPWORDS:
            name = tokenize(m.group())[-2]
            out.append((q.corrected.get(name, name), m.group(1)))
    # "the Northern Waterways Trust", which its article goes on to call "the trust"; any
    # name written with "the" ("the Scarrowby Trackway": "The trackway, a causeway …").
    text = q.text.strip()
    for m in re.finditer(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+", text):
        *rest, head = tokenize(m.group())
        if rest and (head in NAME_HEADS or re.search(r"\bthe\s+$", text[: m.start()], re.I)):
            out.append((" ".join(q.corrected.get(w, w) for w in rest), head))
    return out
