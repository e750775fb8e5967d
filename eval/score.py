"""Score one system's output for one gold question, and sum rows up into a summary."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

from eval import metrics as m
from eval.faithfulness import Quote, faithfulness
from eval.suite import GoldItem
from eval.systems import RETRIEVE_DEPTH, SystemOutput

HIT_KS = (1, 2, 3, 5, 10)
# Metrics averaged over answerable questions only (the rest are None on other rows).
SUMMARY_KEYS = (
    "accuracy", "answer_accuracy", "short_f1", "text_contains",
    *(f"doc_hit@{k}" for k in HIT_KS), "doc_mrr",
    *(f"evidence_hit@{k}" for k in HIT_KS), "evidence_mrr",
    "factoid_short_accuracy", "cited_doc_correct",
    "citation_precision", "citation_recall", "citation_any", "faithfulness",
    "abstention_accuracy", "false_abstention_rate",
)
# Gold answer types whose questions are factoids: the quality bar asks for the short
# answer itself (not the passage around it) to hold the gold answer on these.
FACTOID_ANSWER_TYPES = {"date", "time", "person", "place", "organisation", "number"}


def gold_spans(item: GoldItem, doc_texts: Mapping[str, str]) -> list[m.Span]:
    """Where each gold evidence string sits in the stored document text."""
    spans = []
    for ev in item.evidence:
        start = doc_texts.get(ev.doc_id, "").find(ev.text)
        if start >= 0:
            spans.append(m.Span(ev.doc_id, start, start + len(ev.text)))
    return spans


def score_output(item: GoldItem, out: SystemOutput, gold: list[m.Span], cites: bool) -> dict:
    """Every judge-free metric of one answer, as a flat dict (None where it does not apply)."""
    row: dict = {k: None for k in SUMMARY_KEYS}
    row["correct"] = False
    if not item.answerable:
        row["abstention_accuracy"] = row["accuracy"] = float(out.abstained)
        row["correct"] = out.abstained
        return row
    answered = not out.abstained and not out.error
    short = out.short_answer or out.text
    row["answer_accuracy"] = float(answered and m.contains_answer(short, item.answers))
    row["accuracy"] = row["answer_accuracy"]
    row["correct"] = bool(row["answer_accuracy"])
    row["short_f1"] = m.token_f1(short, item.answers) if answered else 0.0
    row["text_contains"] = float(answered and m.contains_answer(out.text, item.answers))
    if item.answer_type in FACTOID_ANSWER_TYPES:
        row["factoid_short_accuracy"] = float(answered and m.contains_answer(out.short_answer, item.answers))
    row["false_abstention_rate"] = float(out.abstained)
    doc_rel = [s.doc_id in item.doc_ids for s in out.retrieved[:RETRIEVE_DEPTH]]
    ev_rel = [any(m.spans_overlap(s, g) for g in gold) for s in out.retrieved[:RETRIEVE_DEPTH]]
    for k in HIT_KS:
        row[f"doc_hit@{k}"] = m.hit_at_k(doc_rel, k)
        row[f"evidence_hit@{k}"] = m.hit_at_k(ev_rel, k)
    row["doc_mrr"], row["evidence_mrr"] = m.reciprocal_rank(doc_rel), m.reciprocal_rank(ev_rel)
    if cites:
        cited = [c.span for c in out.citations]
        row["citation_precision"] = m.citation_precision(cited, gold)
        row["citation_recall"] = m.citation_recall(cited, gold) or 0.0
        row["citation_any"] = float(any(m.spans_overlap(c, g) for c in cited for g in gold))
        if answered and out.citations:
            row["cited_doc_correct"] = m.mean(
                float(c.span.doc_id in item.doc_ids or m.contains_answer(c.quote, item.answers))
                for c in out.citations)
    return row


def score_faithfulness(out: SystemOutput) -> tuple[float | None, list[dict]]:
    """Faithfulness of a citing answer, with the sentences that failed and why."""
    if out.abstained or out.error:
        return None, []
    quotes = {
        c.number: Quote(c.quote, _iso_date(c.published)) for c in out.citations
    }
    score, checks = faithfulness(out.text, quotes)
    failed = [
        {"sentence": c.sentence, "markers": c.markers, "missing": c.missing_facts,
         "overlap": round(c.token_overlap, 3)}
        for c in checks if not c.supported
    ]
    return score, failed


def summarize(rows: Iterable[dict]) -> dict:
    """Mean of every metric plus counts and latency percentiles for a group of rows."""
    rows = list(rows)
    out: dict = {"n": len(rows), "n_answerable": sum(r["answerable"] for r in rows)}
    for key in SUMMARY_KEYS:
        out[key] = m.mean(r["metrics"][key] for r in rows)
    lat = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    out["latency_p50_ms"] = m.percentile(lat, 50)
    out["latency_p95_ms"] = m.percentile(lat, 95)
    out["errors"] = sum(1 for r in rows if r.get("error"))
    if any(r["metrics"].get("judge_faithfulness") is not None for r in rows):
        for key in ("judge_faithfulness", "judge_relevancy", "judge_correctness"):
            out[key] = m.mean(r["metrics"].get(key) for r in rows)
    return out


def summarize_by(rows: Iterable[dict], field: str) -> dict[str, dict]:
    """:func:`summarize` per value of ``field`` (category, split, answer_type)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[str(r[field])].append(r)
    return {k: summarize(v) for k, v in sorted(groups.items())}


def worst_misses(rows: Iterable[dict], limit: int = 15) -> list[dict]:
    """The wrong answers most worth reading first: answered-but-wrong and missed retrieval
    before near misses, then unanswerable questions that got an answer."""
    wrong = [r for r in rows if not r["metrics"]["correct"]]

    def badness(r: dict) -> tuple:
        mt = r["metrics"]
        if not r["answerable"]:
            return (1, 0.0)
        return (0, (mt["doc_hit@5"] or 0) + (mt["short_f1"] or 0) + (0.5 if r["abstained"] else 0))

    return sorted(wrong, key=badness)[:limit]


def _iso_date(value: str | None):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
