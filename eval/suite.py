"""Evaluation suites: a folder of documents plus gold questions (our JSONL or SQuAD v2).

A suite is what one run answers. ``seeds`` is the bundled one (the five seed articles and
``eval/data/seeds_gold.jsonl``); any other is a path: a SQuAD v2 ``.json`` file (its
contexts are written out as documents), a gold ``.jsonl`` next to its documents, or a
folder holding documents and one such gold file. The JSONL schema is in eval/README.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Literal, Mapping

Split = Literal["dev", "test"]
CATEGORIES = (
    "when", "who", "where", "how_many", "which", "why", "how", "what",
    "multi_source", "conflict", "paraphrase", "lowercase", "misspelt", "unanswerable",
)
ANSWER_TYPES = (
    "date", "time", "person", "place", "organisation", "number", "entity", "explanation", "none",
)
SPLITS = ("dev", "test")
GOLD_FILE_NAME = "gold.jsonl"
SEEDS_SUITE = "seeds"
_DOC_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


class SuiteError(ValueError):
    """A suite that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Evidence:
    """One gold evidence passage: a verbatim substring of document ``doc_id``."""

    doc_id: str
    text: str


@dataclass(frozen=True)
class GoldItem:
    """One gold question with its accepted answers and where the answer is written."""

    id: str
    question: str
    category: str
    answer_type: str
    answerable: bool
    answers: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    split: Split = "dev"

    def to_dict(self) -> dict:
        """The JSONL row of this item."""
        d = asdict(self)
        d["answers"], d["doc_ids"] = list(self.answers), list(self.doc_ids)
        d["evidence"] = [asdict(e) for e in self.evidence]
        return d


@dataclass
class Suite:
    """Documents to ingest and the gold questions to ask about them."""

    name: str
    docs_dir: Path
    items: list[GoldItem] = field(default_factory=list)

    def select(self, split: str) -> list[GoldItem]:
        """The items of one split ('dev', 'test') or all of them ('all')."""
        if split == "all":
            return list(self.items)
        if split not in SPLITS:
            raise SuiteError(f"unknown split {split!r}; use dev, test or all")
        return [i for i in self.items if i.split == split]


def bundled_seeds_dir() -> Path:
    """The seed articles shipped with a source checkout."""
    return Path(__file__).resolve().parent.parent / "seeds"


def bundled_gold_path() -> Path:
    """The gold set over the seed articles."""
    return Path(__file__).resolve().parent / "data" / "seeds_gold.jsonl"


def load_suite(spec: str | Path, work_dir: Path) -> Suite:
    """Resolve ``seeds`` or a path into a :class:`Suite`; SQuAD contexts go to ``work_dir``."""
    if str(spec) == SEEDS_SUITE:
        return Suite(SEEDS_SUITE, bundled_seeds_dir(), load_gold_jsonl(bundled_gold_path()))
    path = Path(spec)
    if not path.exists():
        raise SuiteError(f"{path}: no such suite file or folder (or use --suite seeds)")
    if path.is_dir():
        path = _gold_file_in(path)
    if path.suffix == ".jsonl":
        return Suite(path.parent.name, path.parent, load_gold_jsonl(path))
    if path.suffix == ".json":
        docs = work_dir / "suite_docs"
        return Suite(path.stem, docs, load_squad_v2(path, docs))
    raise SuiteError(f"{path}: expected a gold .jsonl or a SQuAD v2 .json file")


def _gold_file_in(folder: Path) -> Path:
    if (folder / GOLD_FILE_NAME).is_file():
        return folder / GOLD_FILE_NAME
    squads = [p for p in sorted(folder.glob("*.json")) if _looks_like_squad(p)]
    if len(squads) == 1:
        return squads[0]
    raise SuiteError(
        f"{folder}: expected one {GOLD_FILE_NAME} or one SQuAD v2 .json file, "
        f"found {len(squads)} SQuAD files and no {GOLD_FILE_NAME}"
    )


def _looks_like_squad(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and isinstance(data.get("data"), list)


# --- our JSONL ------------------------------------------------------------------------

def load_gold_jsonl(path: Path) -> list[GoldItem]:
    """Read a gold JSONL file; raise :class:`SuiteError` naming the line of a bad row."""
    items: list[GoldItem] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(item_from_dict(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise SuiteError(f"{path}:{n}: bad gold row ({exc})") from exc
    problems = check_schema(items)
    if problems:
        raise SuiteError(f"{path}: " + "; ".join(problems[:5]))
    return items


def item_from_dict(row: Mapping) -> GoldItem:
    """Build a :class:`GoldItem` from one JSON row (missing keys raise KeyError)."""
    return GoldItem(
        id=str(row["id"]),
        question=str(row["question"]),
        category=str(row["category"]),
        answer_type=str(row["answer_type"]),
        answerable=bool(row["answerable"]),
        answers=tuple(str(a) for a in row.get("answers", [])),
        doc_ids=tuple(str(d) for d in row.get("doc_ids", [])),
        evidence=tuple(Evidence(str(e["doc_id"]), str(e["text"])) for e in row.get("evidence", [])),
        split=row.get("split", "dev"),
    )


def check_schema(items: Iterable[GoldItem]) -> list[str]:
    """Problems with the rows themselves (ids, enums, answerable rows without answers)."""
    problems: list[str] = []
    seen: set[str] = set()
    for it in items:
        if it.id in seen:
            problems.append(f"duplicate id {it.id}")
        seen.add(it.id)
        if it.category not in CATEGORIES:
            problems.append(f"{it.id}: unknown category {it.category!r}")
        if it.answer_type not in ANSWER_TYPES:
            problems.append(f"{it.id}: unknown answer_type {it.answer_type!r}")
        if it.split not in SPLITS:
            problems.append(f"{it.id}: split must be dev or test, not {it.split!r}")
        if it.answerable and not (it.answers and it.evidence and it.doc_ids):
            problems.append(f"{it.id}: answerable but missing answers, evidence or doc_ids")
        if not it.answerable and (it.answers or it.evidence):
            problems.append(f"{it.id}: unanswerable but has answers or evidence")
        if any(e.doc_id not in it.doc_ids for e in it.evidence):
            problems.append(f"{it.id}: evidence names a document missing from doc_ids")
    return problems


def check_evidence(items: Iterable[GoldItem], doc_texts: Mapping[str, str]) -> list[str]:
    """Problems with evidence: unknown documents, or text not verbatim in its document."""
    problems: list[str] = []
    for it in items:
        for ev in it.evidence:
            text = doc_texts.get(ev.doc_id)
            if text is None:
                problems.append(f"{it.id}: no document {ev.doc_id!r}")
            elif ev.text not in text:
                problems.append(f"{it.id}: evidence not verbatim in {ev.doc_id}: {ev.text[:60]!r}")
    return problems


def read_documents(folder: Path) -> dict[str, str]:
    """Texts of a suite's documents by doc id (file stem), line endings normalised."""
    out: dict[str, str] = {}
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.suffix.lower() in _DOC_SUFFIXES:
            text = p.read_text(encoding="utf-8-sig")
            out[p.stem] = text.replace("\r\n", "\n").replace("\r", "\n")
    return out


# --- SQuAD v2 -------------------------------------------------------------------------

def load_squad_v2(path: Path, docs_dir: Path) -> list[GoldItem]:
    """Read a SQuAD v2 file, writing each context as ``docs_dir/<title>-<n>.txt``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise SuiteError(f"{path}: not a SQuAD v2 file ({exc})") from exc
    docs_dir.mkdir(parents=True, exist_ok=True)
    items: list[GoldItem] = []
    sidecar: dict[str, dict] = {}
    for a, article in enumerate(data):
        title = str(article.get("title") or f"article {a}")
        for p, para in enumerate(article.get("paragraphs", [])):
            doc_id = f"{_slug(title)}-{p:03d}"
            context = str(para["context"])
            (docs_dir / f"{doc_id}.txt").write_text(context, encoding="utf-8")
            sidecar[doc_id] = {"title": title}
            items.extend(_squad_item(qa, doc_id, context) for qa in para.get("qas", []))
    (docs_dir / "metadata.json").write_text(json.dumps(sidecar, indent=1), encoding="utf-8")
    problems = check_schema(items)
    if problems:
        raise SuiteError(f"{path}: " + "; ".join(problems[:5]))
    return items


def _squad_item(qa: Mapping, doc_id: str, context: str) -> GoldItem:
    qid, question = str(qa["id"]), str(qa["question"])
    split: Split = "dev" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 == 0 else "test"
    if qa.get("is_impossible"):
        return GoldItem(qid, question, "unanswerable", "none", False, split=split)
    answers = [a for a in qa.get("answers", []) if str(a.get("text", "")).strip()]
    evidence = []
    for a in answers:
        start = a.get("answer_start")
        sentence = _sentence_around(context, start if isinstance(start, int) else context.find(a["text"]))
        if sentence and sentence not in evidence:
            evidence.append(sentence)
    return GoldItem(
        qid, question, infer_category(question), "entity", True,
        answers=tuple(dict.fromkeys(str(a["text"]) for a in answers)),
        doc_ids=(doc_id,), evidence=tuple(Evidence(doc_id, s) for s in evidence), split=split,
    )


def _sentence_around(context: str, pos: int) -> str:
    """The sentence of ``context`` holding character ``pos`` (verbatim, trimmed)."""
    if pos < 0:
        return ""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?][\"')\]]*\s+", context)]
    begin = max(s for s in starts if s <= pos)
    nxt = [s for s in starts if s > pos]
    return context[begin : nxt[0] if nxt else len(context)].strip()


def infer_category(question: str) -> str:
    """A category from the question's wh-word (for SQuAD rows, which carry none)."""
    q = question.lower()
    for key, cat in (("how many", "how_many"), ("how much", "how_many"), ("when", "when"),
                     ("who", "who"), ("where", "where"), ("which", "which"), ("why", "why"),
                     ("how", "how")):
        if re.search(rf"\b{key}\b", q):
            return cat
    return "what"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "doc"
