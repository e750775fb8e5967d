"""The human side of a run: report.md with tables, PNG charts, and run-to-run deltas."""

from __future__ import annotations

import json
from pathlib import Path

from eval.score import HIT_KS, worst_misses
from eval.suite import CATEGORIES

# Columns of the overall and per-group tables: (summary key, header, format).
TABLE_COLUMNS = (
    ("n", "n", "{:d}"),
    ("accuracy", "accuracy", "{:.1%}"),
    ("answer_accuracy", "answer acc.", "{:.1%}"),
    ("factoid_short_accuracy", "factoid short", "{:.1%}"),
    ("short_f1", "short F1", "{:.2f}"),
    ("doc_hit@5", "doc hit@5", "{:.1%}"),
    ("evidence_hit@5", "evid. hit@5", "{:.1%}"),
    ("evidence_mrr", "evid. MRR", "{:.2f}"),
    ("cited_doc_correct", "cited doc ok", "{:.1%}"),
    ("citation_precision", "cit. prec.", "{:.1%}"),
    ("citation_recall", "cit. recall", "{:.1%}"),
    ("faithfulness", "faithful", "{:.1%}"),
    ("abstention_accuracy", "abstain ok", "{:.1%}"),
    ("false_abstention_rate", "false abst.", "{:.1%}"),
    ("latency_p50_ms", "p50 ms", "{:.0f}"),
    ("latency_p95_ms", "p95 ms", "{:.0f}"),
)
# What `--compare` prints, in this order.
COMPARE_KEYS = (
    "accuracy", "answer_accuracy", "factoid_short_accuracy", "short_f1", "text_contains", "doc_hit@1",
    "doc_hit@5", "cited_doc_correct",
    "evidence_hit@5", "evidence_mrr", "citation_precision", "citation_recall", "faithfulness",
    "abstention_accuracy", "false_abstention_rate", "latency_p50_ms", "latency_p95_ms",
)
CHARTS = ("accuracy_by_category.png", "hit_at_k.png", "latency.png")


def write_report(out_dir: Path, summary: dict, rows: list[dict]) -> Path:
    """Write report.md and the charts into ``out_dir``; return the report's path."""
    write_charts(out_dir, summary, rows)
    path = out_dir / "report.md"
    path.write_text(render_markdown(summary, rows), encoding="utf-8")
    return path


def render_markdown(summary: dict, rows: list[dict]) -> str:
    """The whole report as Markdown."""
    systems = summary["systems"]
    product = next(iter(systems))
    lines = [
        f"# Evaluation: suite `{summary['suite']}`, split `{summary['split']}`",
        "",
        f"{summary['n_questions']} questions; commit `{summary.get('commit')}`; "
        f"{summary['created']}. Ingest: {summary['ingest']['documents']} documents, "
        f"{summary['ingest']['chunks']} chunks in {summary['ingest']['seconds']} s.",
        "",
        "Metrics are judge-free (see eval/README.md). *accuracy* counts an answerable question "
        "right when a gold alias appears in the short answer, an unanswerable one when the "
        "system abstained. `llamaindex-default` cannot abstain or cite: its answer is the top "
        "retrieved chunk.",
        "",
        f"> {summary['judge_note']}" if summary.get("judge_note") else "",
        "",
        "## Overall",
        "",
        *_table({name: s["overall"] for name, s in systems.items()}, "system"),
        "",
        f"## Per split ({product})",
        "",
        *_table(systems[product]["by_split"], "split"),
        "",
        f"## Per category ({product})",
        "",
        *_table(_ordered(systems[product]["by_category"]), "category"),
        "",
        "## Accuracy per split and per category, all systems",
        "",
        *_matrix(systems, "by_split"),
        "",
        *_matrix(systems, "by_category"),
        "",
        f"## Worst misses ({product})",
        "",
        *_misses([r for r in rows if r["system"] == product]),
        "",
        "## Charts",
        "",
        *(f"![{c[:-4]}]({c})" for c in CHARTS),
        "",
    ]
    return "\n".join(lines)


def _fmt(value, fmt: str) -> str:
    if value is None:
        return "–"
    return fmt.format(int(value)) if fmt == "{:d}" else fmt.format(value)


def _table(groups: dict[str, dict], label: str) -> list[str]:
    head = f"| {label} | " + " | ".join(h for _, h, _ in TABLE_COLUMNS) + " |"
    rule = "|---" * (len(TABLE_COLUMNS) + 1) + "|"
    body = [
        f"| {name} | " + " | ".join(_fmt(s.get(k), f) for k, _, f in TABLE_COLUMNS) + " |"
        for name, s in groups.items()
    ]
    return [head, rule, *body]


def _ordered(by_category: dict[str, dict]) -> dict[str, dict]:
    known = [c for c in CATEGORIES if c in by_category]
    return {c: by_category[c] for c in known + sorted(set(by_category) - set(known))}


def _matrix(systems: dict, group: str) -> list[str]:
    names = list(systems)
    keys = list(_ordered(next(iter(systems.values()))[group]))
    label = group.removeprefix("by_")
    out = [f"| {label} | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for c in keys:
        cells = [_fmt(systems[n][group].get(c, {}).get("accuracy"), "{:.0%}") for n in names]
        out.append(f"| {c} | " + " | ".join(cells) + " |")
    return out


def _misses(rows: list[dict]) -> list[str]:
    misses = worst_misses(rows)
    if not misses:
        return ["No misses."]
    out = ["| id | category | question | gold | got |", "|---|---|---|---|---|"]
    for r in misses:
        gold = " / ".join(r["gold_answers"][:3]) or "(abstain)"
        got = "(abstained)" if r["abstained"] else (r["short_answer"] or r["answer"])
        got = " ".join(str(got).split())[:140]
        out.append(f"| {r['id']} | {r['category']} | {_cell(r['question'])} | {_cell(gold)} "
                   f"| {_cell(got)} |")
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def write_charts(out_dir: Path, summary: dict, rows: list[dict]) -> list[Path]:
    """Accuracy by category, hit@k curves and a latency histogram, as PNG files."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = summary["systems"]
    names = list(systems)
    paths = [out_dir / c for c in CHARTS]

    cats = list(_ordered(systems[names[0]]["by_category"]))
    fig, ax = plt.subplots(figsize=(12, 4.5))
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        vals = [systems[name]["by_category"].get(c, {}).get("accuracy") or 0 for c in cats]
        ax.bar([x + i * width for x in range(len(cats))], vals, width, label=name)
    ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(cats))], cats,
                  rotation=35, ha="right")
    ax.set_ylim(0, 1)
    ax.set_ylabel("accuracy")
    ax.set_title(f"Accuracy by category ({summary['suite']}, {summary['split']})")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(paths[0], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name in names:
        o = systems[name]["overall"]
        line = ax.plot(HIT_KS, [o[f"doc_hit@{k}"] or 0 for k in HIT_KS], marker="o",
                       label=f"{name}: article")
        ax.plot(HIT_KS, [o[f"evidence_hit@{k}"] or 0 for k in HIT_KS], marker="x",
                linestyle="--", color=line[0].get_color(), label=f"{name}: evidence")
    ax.set_xlabel("k (retrieved chunks)")
    ax.set_ylabel("hit@k (answerable questions)")
    ax.set_ylim(0, 1.02)
    ax.set_xticks(HIT_KS)
    ax.set_title("Retrieval hit@k: gold article (solid) and gold evidence (dashed)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(paths[1], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4.5))
    everything = [r["latency_ms"] for r in rows] or [0.0]
    top = max(everything) or 1.0
    bins = [top * i / 40 for i in range(41)]  # the same bins for every system
    for name in names:
        lat = [r["latency_ms"] for r in rows if r["system"] == name]
        ax.hist(lat, bins=bins, alpha=0.5, label=name)
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(paths[2], dpi=110)
    plt.close(fig)
    return paths


def load_summary(run: Path) -> dict:
    """A run's summary.json (``run`` is the run folder or the file itself)."""
    path = run / "summary.json" if run.is_dir() else run
    return json.loads(path.read_text(encoding="utf-8"))


def compare_runs(a: dict, b: dict) -> str:
    """A plain-text table of B minus A for every system both runs have."""
    lines = [f"A: {a['suite']}/{a['split']} {a['created']} (commit {a.get('commit')})",
             f"B: {b['suite']}/{b['split']} {b['created']} (commit {b.get('commit')})"]
    common = [n for n in a["systems"] if n in b["systems"]]
    if not common:
        return "\n".join(lines + ["no system in common"])
    for name in common:
        oa, ob = a["systems"][name]["overall"], b["systems"][name]["overall"]
        lines += ["", f"{name}", f"  {'metric':<24}{'A':>10}{'B':>10}{'B-A':>10}"]
        for key in COMPARE_KEYS:
            va, vb = oa.get(key), ob.get(key)
            delta = "" if va is None or vb is None else f"{vb - va:+.3f}"
            lines.append(f"  {key:<24}{_num(va):>10}{_num(vb):>10}{delta:>10}")
    return "\n".join(lines)


def load_rows(run: Path) -> list[dict] | None:
    """A run's results.jsonl rows, or None when the run folder has none."""
    path = run / "results.jsonl" if run.is_dir() else run.parent / "results.jsonl"
    if not path.is_file():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def flipped_questions(rows_a: list[dict], rows_b: list[dict], system: str = "product") -> str:
    """The questions one system got right in A and wrong in B, and the other way round."""
    a = {r["id"]: r for r in rows_a if r["system"] == system}
    b = {r["id"]: r for r in rows_b if r["system"] == system}
    common = sorted(set(a) & set(b))
    lost = [i for i in common if a[i]["metrics"]["correct"] and not b[i]["metrics"]["correct"]]
    won = [i for i in common if not a[i]["metrics"]["correct"] and b[i]["metrics"]["correct"]]
    lines = [f"{system}: {len(won)} questions fixed, {len(lost)} broken (of {len(common)} in both)"]
    for label, ids in (("broken", lost), ("fixed", won)):
        for i in ids:
            lines.append(f"  {label:<7}{i:<18}{b[i]['question']}")
    return "\n".join(lines)


def _num(v) -> str:
    return "–" if v is None else f"{v:.3f}"
