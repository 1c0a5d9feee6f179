"""A small typed use of the package, checked with `mypy --strict` (not run by pytest)."""

from __future__ import annotations

from typing import Dict, List

import whosaid


def statements_by_speaker(texts: List[str], kb: whosaid.KB | None = None) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for rec in whosaid.analyze_many(texts, kb=kb, threads=2):
        for q in rec["quotes"]:
            name: str = q["speaker"]["name"] if q["speaker"] else "(nobody named)"
            counts[name] = counts.get(name, 0) + 1
    return counts


def first_statement(text: str) -> str:
    rec = whosaid.analyze(text, id="one", quotes_only=True)
    q = rec["quotes"][0]
    start: int = q["start"]
    end: int = q["end"]
    return text[start:end]


def weekly(db: str, speaker: str) -> None:
    with whosaid.Store(db) as store:
        summary = store.ingest(["news/"], progress=False)
        print(summary["stored"], store.stats()["quotes"])
        for row in store.quotes(speaker=speaker, since="2022-01-01", limit=5):
            print(row["published"], row["text"])
        frame = store.quotes_frame(speaker=speaker)
        print(frame)
    try:
        whosaid.Store("postgres://nobody@127.0.0.1:1/x")
    except whosaid.StoreError as e:
        print(e)
