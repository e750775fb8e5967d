"""The corpus vocabulary the question analyser reads: word counts and the words the corpus
writes capitalised (both written at ingest beside the keyword index), with the small
string tools typo fixes and truecasing use.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from rag.text import stem_all

MIN_TYPO_LEN = 4  # shorter words are fixed only by the stricter rules for short words


class Vocab(dict):
    """Corpus word counts, indexed by first letter for typo correction."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__(counts)
        self.stems = set(stem_all(list(counts)))
        self.cased: dict[str, int] = {}  # words the corpus writes capitalised, and how often
        self.by_initial: dict[str, list[str]] = {}
        for w in counts:
            if len(w) >= MIN_TYPO_LEN - 1 and not w.isdigit():
                self.by_initial.setdefault(w[0], []).append(w)


@lru_cache(maxsize=4)
def _read_vocab(path: str, stamp: float) -> Vocab:
    vocab = Vocab(json.loads(Path(path).read_text(encoding="utf-8")))
    from rag.retrieve import CASED_FILE

    cased = Path(path).with_name(CASED_FILE)
    if cased.exists():  # (indexes built before it was written have none)
        vocab.cased = json.loads(cased.read_text(encoding="utf-8"))
    return vocab


def load_vocab(bm25_dir: Path) -> Vocab:
    """The corpus vocabulary written at ingest (empty when nothing is ingested)."""
    from rag.retrieve import VOCAB_FILE

    p = Path(bm25_dir) / VOCAB_FILE
    if not p.exists():
        return Vocab({})
    return _read_vocab(str(p), p.stat().st_mtime)


def truecase(question: str, cased: dict[str, int], lexicon: frozenset[str] = frozenset(),
             keep: frozenset[str] = frozenset()) -> str:
    """A question typed in lower case with the corpus's names capitalised again: "when did
    kell show his battery to the royal society" -> "… Kell … Royal Society". Dictionary
    words in ``keep`` stay as typed, though the corpus capitalises them in a name: "how
    far" asks for a distance, whatever "the Far East" says."""
    def fix(m: re.Match) -> str:
        w = m.group()
        return w.capitalize() if w in cased and not (w in lexicon and w in keep) else w

    return re.sub(r"[\w'’-]+", fix, question)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1024)
def one_edit(word: str) -> tuple[str, ...]:
    """Every string one deletion, transposition, substitution or insertion from ``word``
    (cached: the typo rules ask for a word's edits more than once)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = [a + b[1:] for a, b in splits if b]
    out += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    out += [a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]]
    out += [a + c + b for a, b in splits for c in _LETTERS]
    return tuple(dict.fromkeys(out))


def one_swap(a: str, b: str) -> bool:
    """Are the two words the same but for two letters swapped ("ecomonic" / "economic")?"""
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) != 2:
        return False
    i, j = diff
    return a[i] == b[j] and a[j] == b[i]
