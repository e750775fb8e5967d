"""Answer text: the short answer as written (with its resolved date), the quoted evidence
with [n] markers, a disagreement between sources, and the citations that back them. Part of
the answer stage (``answer.py`` chooses what to say; this module writes it).
"""

from __future__ import annotations

import re
from typing import Iterator

from rag.candidates import exclusive, time_of_day_conflict
from rag.evidence import BYLINE, ScoredSentence
from rag.patterns import DATELINE, YEAR
from rag.sentences import Entity
from rag.text import stem_all, tokenize
from rag.types import Answer, Citation


def factoid_answer(q, best, agree, differ, docs) -> Answer:
    """Short answer, its evidence, and any disagreement, as Markdown with [n] markers."""
    short = render_value(best.entity)
    cited = [s for c in agree for s in ((c.antecedent, c.evidence) if c.antecedent else (c.evidence,))]
    seen: set[str] = set()
    cited = [r for r in cited if not (r.sentence.sid in seen or seen.add(r.sentence.sid))]  # once each
    cites = [cite(i + 1, r, docs) for i, r in enumerate(cited)]
    # When the sentence it leans on is quoted first, the short answer names the quote that
    # holds it ("**61-year-old** [2]"); a place that "there" refers to is in the first.
    at = next((i + 1 for i, r in enumerate(cited) if best.entity.text in r.sentence.text), 1)
    lines = [f"**{short}**" + (f" [{at}]" if at > 1 else "")] + [f"> {c.quote} [{c.number}]" for c in cites]
    conflict = False
    if differ:
        other = differ[0]
        n = len(cites) + 1
        cites.append(cite(n, other.evidence, docs))
        lines.append(f"\nSources disagree: another article gives **{render_value(other.entity)}** [{n}].")
        lines.append(f"> {cites[-1].quote} [{n}]")
        conflict = True
    elif parts := time_of_day_conflict(agree):
        (a, na), (b, nb) = [(c, 1 + agree.index(c)) for c in parts]
        lines.append(f"\nSources disagree on the time: one gives “{a.entity.text}” [{na}], "
                     f"another “{b.entity.text}” [{nb}].")
        conflict = True
    return Answer("\n".join(lines), short, False, cites, q.text, q.answer_type, conflict=conflict)


def as_written(word: str, text: str) -> str:
    """The form ``text`` uses for ``word`` ("planes" for "plane", "Vladivostok")."""
    stem = stem_all([word])[0]
    return next((w for w in re.findall(r"[\w'’-]+", text) if stem_all([w.lower()])[0] == stem), word)


def render_value(e: Entity) -> str:
    """The entity as written, with the resolved calendar date when the wording lacks it (a
    date that writes its year is placed already); a dateline's capitals as a name is
    written ("KOUROU, French Guiana" -> "Kourou, …")."""
    text = e.text.strip()
    if e.label == DATELINE:
        text = re.sub(r"\b[A-Z][A-Z'’.-]+\b", lambda m: m.group().capitalize(), text)
    if e.resolved_label and not YEAR.search(text):  # ("September 2024" needs no "1 – 30 September 2024")
        missing = [tok for tok in e.resolved_label.replace("–", " ").split() if tok not in text]
        if missing:
            return f"{text} ({e.resolved_label})"
    return text


def distinct_sentences(items: list[ScoredSentence]) -> list[ScoredSentence]:
    """The sentences in order, each text once (syndicated copies repeat sentences)."""
    seen, out = set(), []
    for r in items:
        key = r.sentence.text.strip().lower()
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def distinct_docs(ranked: list[ScoredSentence], n: int) -> list[ScoredSentence]:
    """The best sentence of each of the first ``n`` articles in ``ranked``."""
    seen, out = set(), []
    for r in ranked:
        if r.doc_id not in seen:
            seen.add(r.doc_id)
            out.append(r)
        if len(out) == n:
            break
    return out


def cite(number: int, r: ScoredSentence, docs: dict) -> Citation:
    """Citation ``number`` for a sentence, checked against its document's stored text."""
    from rag.store import int_to_date

    text, meta = docs[r.doc_id]
    s = r.sentence
    # Quotes are stored sentence spans; check them against the document text anyway.
    if text[s.start : s.end] != s.text:
        raise RuntimeError(f"stored sentence {s.sid} no longer matches its document text")
    return Citation(
        number=number, doc_id=r.doc_id, title=meta.get("title", r.doc_id), source=meta.get("source", ""),
        published=int_to_date(meta.get("published_int")), quote=s.text, start=s.start, end=s.end,
        score=round(r.score, 4),
    )


def text_pieces(text: str) -> Iterator[str]:
    """Split text into word-sized pieces for streaming (their concatenation is the text)."""
    yield from re.findall(r"\S+\s*|\s+", text)


def either_or_answer(q, pool, docs) -> Answer | None:
    """"By train or by plane?": the best sentence for each option that one holds. Both
    found in different articles, for options that exclude each other (times of day,
    weekdays, numbers), is a disagreement. ``pool``: the sentences to look in, best first."""
    found = {}
    for option in q.options:
        stem = stem_all([option])[0]
        found[option] = next((r for r in pool if stem in stem_all(tokenize(r.sentence.text))), None)
    hits = [(as_written(o, r.sentence.text), r) for o, r in found.items() if r is not None]
    if not hits:
        return None
    sentences = distinct_sentences([r for _, r in hits])
    cites = [cite(i + 1, r, docs) for i, r in enumerate(sentences)]
    number = {id(r): next(c.number for c in cites if c.quote == r.sentence.text) for _, r in hits}
    if len(hits) == 1:
        (o, r), = hits
        lines = [f"**{o}**", f"> {cites[0].quote} [1]"]
        return Answer("\n".join(lines), o, False, cites, q.text, q.answer_type)
    (a, ra), (b, rb) = hits
    conflict = ra.doc_id != rb.doc_id and exclusive(a, b)
    lead = ("Sources disagree: one gives" if conflict else "The articles mention both:")
    lines = [f"{lead} **{a}** [{number[id(ra)]}] and **{b}** [{number[id(rb)]}]."]
    lines += [f"> {c.quote} [{c.number}]" for c in cites]
    short = f"{a} or {b} (sources disagree)" if conflict else f"{a} and {b}"
    return Answer("\n".join(lines), short, False, cites, q.text, q.answer_type, conflict=conflict)


def names_source(terms: list[str], source: str) -> bool:
    """Does the question name this source ("associated press", or "ap")?"""
    words = [w for w in tokenize(source) if w not in {"the", "of", "and"}]
    if not words:
        return False
    acronym = "".join(w[0] for w in words)
    return any(t in words for t in terms) or (len(acronym) >= 2 and acronym in terms)


# How far into an article its byline ("By NAME (Agency)") is looked for, in characters.
BYLINE_REACH = 600


def bylines_of(sents) -> dict:
    """Document id -> its byline sentence ("By NAME (Agency)"), looked for near the top."""
    out: dict = {}
    for s in sorted(sents, key=lambda s: (s.doc_id, s.start)):
        if s.doc_id not in out and s.start < BYLINE_REACH and BYLINE.search(s.text):
            out[s.doc_id] = s
    return out


def neighbours_of(sents) -> dict:
    """Sentence id -> (previous, next) sentence of the same document (None at the ends)."""
    order = sorted(sents, key=lambda s: (s.doc_id, s.start))
    out = {}
    for i, s in enumerate(order):
        prev = order[i - 1] if i and order[i - 1].doc_id == s.doc_id else None
        nxt = order[i + 1] if i + 1 < len(order) and order[i + 1].doc_id == s.doc_id else None
        out[s.sid] = (prev, nxt)
    return out
