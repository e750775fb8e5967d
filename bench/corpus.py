"""Benchmark inputs: a larger synthetic corpus made from the seed articles, and questions.

The synthetic corpus copies each seed article under a new name with small, deterministic
changes (a few word swaps, body paragraphs reordered) so every copy is a distinct document
with its own content hash and slightly different chunks, yet the same kind of text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from bench.measure import SEEDS

# Word swaps applied at random per copy; both sides are ordinary news vocabulary.
SWAPS = [
    ("meeting", "summit"), ("weapons", "arms"), ("said", "stated"), ("visit", "trip"),
    ("leader", "head of state"), ("officials", "sources"), ("reported", "said"),
    ("Monday", "Tuesday"), ("artillery", "heavy artillery"), ("train", "rail convoy"),
    ("concerns", "worries"), ("possible", "potential"), ("discuss", "talk about"),
]


def seed_articles() -> list[Path]:
    """The seed article files, in name order."""
    return sorted(SEEDS.glob("*.txt"))


def make_synthetic_corpus(dest: Path, n_docs: int) -> Path:
    """Write ``n_docs`` altered copies of the seed articles (and a sidecar) into ``dest``."""
    seeds = seed_articles()
    meta = json.loads((SEEDS / "metadata.json").read_text(encoding="utf-8"))
    dest.mkdir(parents=True, exist_ok=True)
    sidecar = {}
    for i in range(n_docs):
        src = seeds[i % len(seeds)]
        rng = random.Random(i)
        stem = f"syn{i:04d}_{src.stem}"
        (dest / f"{stem}.txt").write_text(_alter(src.read_text(encoding="utf-8"), rng),
                                          encoding="utf-8")
        info = dict(meta.get(src.stem, {}))
        info["title"] = f"{info.get('title', src.stem)} (copy {i})"
        sidecar[stem] = info
    (dest / "metadata.json").write_text(json.dumps(sidecar, indent=1), encoding="utf-8")
    return dest


def _alter(text: str, rng: random.Random) -> str:
    """Swap a few words and reorder the body paragraphs (the first three stay in place)."""
    for old, new in rng.sample(SWAPS, 4):
        text = re.sub(rf"\b{old}\b", new, text)
    paras = [p for p in text.split("\n") if p.strip()]
    head, body = paras[:3], paras[3:]
    rng.shuffle(body)
    return "\n\n".join(head + body) + "\n"


# Natural questions about the seed articles (what a reader of this collection would ask).
ANSWERABLE = [
    "When did the Kremlin confirm that Kim Jong Un would meet Putin?",
    "Where will Kim and Putin meet?",
    "Who is the Kremlin press secretary?",
    "What did Dmitry Peskov say about the meeting?",
    "How is Kim travelling to Russia?",
    "When did Kim leave Pyongyang?",
    "When will Kim cross the border into Russia?",
    "What is the Eastern Economic Forum?",
    "When does the Eastern Economic Forum take place?",
    "Where is the Eastern Economic Forum held?",
    "Why is Putin in Vladivostok?",
    "Which newspaper first reported the planned meeting?",
    "When did the New York Times report the preparations for the visit?",
    "What weapons does Putin want from North Korea?",
    "What does Kim want from Russia in return?",
    "Who is Sergei Shoigu?",
    "When did Shoigu visit North Korea?",
    "What did Shoigu see in Pyongyang?",
    "Why did the Russian defence minister travel to North Korea?",
    "What did Adrian Watson say about arms talks?",
    "What did John Kirby say?",
    "Who is Jake Sullivan and what did he warn?",
    "What did Jon Finer say about buying weapons from North Korea?",
    "Is this Kim's first trip abroad since the pandemic?",
    "How many foreign trips has Kim made since taking power?",
    "When did Kim and Putin first meet?",
    "How far is Vladivostok from Pyongyang?",
    "How far is Vladivostok from the North Korean border?",
    "What colour was the train seen near the border?",
    "Which agency reported that Kim would arrive in Russia soon?",
    "What did YTN report?",
    "What is Pier 33?",
    "Does Kim also plan to visit the Pacific fleet?",
    "Is Kim seeking food aid?",
    "What technology does North Korea want for its submarines?",
    "What did the White House say about the talks?",
    "Did Russia and North Korea deny arms deals?",
    "Which separatist regions does North Korea recognise?",
    "Who blocked efforts to tighten sanctions on North Korea?",
    "What are the US sanctions on North Korea about?",
    "How many artillery shells might North Korea have?",
    "Which mercenary group allegedly received North Korean shells?",
    "What did Kim tour after Shoigu's visit?",
    "What was displayed at the defence expo?",
    "Which missile was shown to Shoigu in July?",
    "Where did Kim meet Donald Trump?",
    "What did Putin say in 2019 about security guarantees?",
    "Why might the visit be less likely to happen?",
    "Who wrote the Associated Press article?",
    "What time had the train not yet crossed the bridge?",
    "When did the train likely leave Pyongyang?",
    "When could the meeting between Kim and Putin happen?",
    "What did the Korean Central News Agency say?",
    "What did the Kremlin statement say about the timing of the visit?",
    "Will there be a one-on-one meeting between Kim and Putin?",
    "Who negotiates on behalf of the two countries?",
    "Does Kim prefer trains or planes?",
    "Which advance team travelled to Vladivostok?",
    "Why does Russia need North Korean ammunition?",
    "What could North Korea gain from a deal with Russia?",
    "Where was Biden flying when Finer spoke?",
    "What did Joe Biden say about the developments?",
    "Who is Kim Tong-Hyung?",
    "When did Russia invade Ukraine?",
    "What does Moscow call the war in Ukraine?",
]
UNANSWERABLE = [
    "What is the population of Vladivostok?",
    "Who won the 2022 football World Cup?",
    "What did Kim eat on the armoured train?",
    "How much does the armoured train cost?",
    "What is the capital of Australia?",
    "When will the next Eastern Economic Forum be held?",
    "What did Xi Jinping say about the meeting?",
    "How many soldiers does North Korea have?",
    "What is the recipe for kimchi?",
    "Who is the mayor of Vladivostok?",
]


def questions(limit: int | None = None) -> list[tuple[str, bool]]:
    """(question, answerable) pairs, interleaved so a prefix keeps both kinds."""
    pairs = [(q, True) for q in ANSWERABLE]
    for i, q in enumerate(UNANSWERABLE):
        pairs.insert(min(len(pairs), 3 + i * 7), (q, False))
    return pairs[:limit] if limit else pairs
