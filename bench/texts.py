"""Realistic report texts of a fixed length, in the four languages, from the labelled train set."""

from __future__ import annotations

import json
from itertools import cycle, islice

from bench.common import ROOT

SOURCE = ROOT / "classification" / "data" / "train.jsonl"
FALLBACK = (
    "The treasurer of our national network kept the membership fees at home instead of the "
    "bank, and when I asked for the receipts at the general assembly he shouted at me in front "
    "of everyone and said I would not be invited to the next training in Dakar. "
)


def reports(count: int, length: int = 1000) -> list[str]:
    """`count` reports of exactly `length` characters, each made of same-language examples."""
    by_lang: dict[str, list[str]] = {}
    try:
        for line in SOURCE.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_lang.setdefault(row.get("lang", "en"), []).append(row["text"])
    except (OSError, ValueError, KeyError):
        by_lang = {}
    if not by_lang:
        by_lang = {"en": [FALLBACK]}
    streams = {lang: cycle(texts) for lang, texts in sorted(by_lang.items())}
    out = []
    for lang in islice(cycle(sorted(streams)), count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(next(streams[lang]))
        out.append(" ".join(parts)[:length])
    return out
