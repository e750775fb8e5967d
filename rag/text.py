"""Words: tokenising and stemming shared by question analysis and evidence ranking."""

from __future__ import annotations

import re
from functools import lru_cache


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens (apostrophes and hyphens kept inside words)."""
    return re.findall(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*", text.lower())


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")


def name_words(text: str) -> set[str]:
    """Lowercased words written with a capital inside ``text`` but not starting it or a
    sentence: parts of names ("Times" in "the New York Times", "House" in "White House")."""
    out = set()
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isupper() and not w.isupper() and m.start() > 0:
            before = text[: m.start()].rstrip()
            if before and before[-1] not in ".!?:\"“‘'(":
                out.add(w.lower())
    return out


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# Irregular past forms mapped to their base verb before stemming, so "left" matches
# "leave" (a general English table, not a corpus one).
IRREGULAR = {
    "left": "leave", "met": "meet", "went": "go", "gone": "go", "said": "say", "told": "tell",
    "took": "take", "taken": "take", "gave": "give", "given": "give", "sold": "sell",
    "bought": "buy", "began": "begin", "begun": "begin", "flew": "fly", "flown": "fly",
    "ran": "run", "held": "hold", "brought": "bring", "sent": "send", "spent": "spend",
    "built": "build", "made": "make", "won": "win", "lost": "lose", "paid": "pay", "saw": "see",
    "seen": "see", "came": "come", "became": "become", "knew": "know", "known": "know",
    "thought": "think", "found": "find", "wrote": "write", "written": "write", "led": "lead",
    "fled": "flee", "struck": "strike", "chose": "choose", "chosen": "choose", "rose": "rise",
    "fell": "fall", "fallen": "fall", "drove": "drive", "driven": "drive", "rode": "ride",
    "spoke": "speak", "spoken": "speak", "kept": "keep", "felt": "feel",
    "heard": "hear", "meant": "mean", "sat": "sit", "stood": "stand", "understood": "understand",
    "taught": "teach", "caught": "catch", "fought": "fight", "sought": "seek", "arose": "arise",
    "forbade": "forbid", "swore": "swear", "shot": "shoot", "hid": "hide", "bore": "bear",
    "crossed": "cross", "arrived": "arrive", "travelled": "travel", "traveled": "travel",
}


def stem_all(words: list[str]) -> list[str]:
    """Snowball (English) stems, after mapping irregular verb forms to their base."""
    base = [w.replace("’", "'").split("'")[0] for w in words]
    return _stemmer().stemWords([IRREGULAR.get(w, w) for w in base])


@lru_cache(maxsize=20_000)
def text_stems(text: str) -> frozenset[str]:
    """The stems of a text's words, once per text (sentences are read again for every question)."""
    return frozenset(stem_all(tokenize(text)))


def names_in(names: list[str], text: str) -> bool:
    """Does the text mention every name, allowing another ending ("Italy"/"Italian"), and a
    hyphenated name by its parts ("the Tellany-Fenmarch merger": Tellany Air and Fenmarch
    Airways)?"""
    words = set(tokenize(text))
    stems = set(stem_all(list(words)))

    def mentioned(name: str) -> bool:
        if name in words or stem_all([name])[0] in stems:
            return True
        head = name[: max(4, len(name) - 3)]
        return any(w.startswith(head) for w in words)

    return all(mentioned(n) or ("-" in n and all(mentioned(p) for p in n.split("-") if p)) for n in names)
