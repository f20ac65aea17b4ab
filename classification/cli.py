"""Command line: classify or evaluate a JSON Lines file of reports (no app needed).

    python -m classification predict FILE.jsonl   # one JSON line per input line, to stdout
    python -m classification evaluate FILE.jsonl  # accuracy, macro-F1 and flag P/R

Input lines need "id" and "text"; "lang" is optional (it overrides detection). Optional
form answers may be given as "answers": {"child_involved": true, ...}.
"""

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from classification.classifier import Classification, classify
from classification.flags import FormAnswers
from classification.metrics import Gold, Predicted, by_language, format_reports


def _answers(raw: object) -> FormAnswers | None:
    if not isinstance(raw, dict):
        return None

    def pick(key: str) -> bool | None:
        value = raw.get(key)
        return value if isinstance(value, bool) else None

    return FormAnswers(
        child_involved=pick("child_involved"),
        danger_now=pick("danger_now"),
        retaliation_feared=pick("retaliation_feared"),
    )


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Parsed JSON objects of a JSON Lines file; blank lines are skipped."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or "text" not in row:
                raise ValueError(f"{path}:{number}: expected an object with 'text'")
            yield row


def classify_row(row: dict[str, Any]) -> Classification:
    """Classify one input row."""
    lang = row.get("lang")
    return classify(
        str(row.get("text") or ""),
        _answers(row.get("answers")),
        lang if isinstance(lang, str) else None,
    )


def predict(path: Path, out: TextIO) -> int:
    """Write one prediction line per input line."""
    for row in read_rows(path):
        result = classify_row(row)
        record = {"id": row.get("id"), **result.to_dict()}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def evaluate(path: Path, out: TextIO) -> int:
    """Print evaluation figures for a labelled file."""
    golds: list[Gold] = []
    predictions: list[Predicted] = []
    for row in read_rows(path):
        result = classify_row({k: v for k, v in row.items() if k != "lang"})
        labels = [str(x) for x in row.get("labels") or []]
        if not labels:
            raise ValueError(f"{path}: row {row.get('id')!r} has no labels")
        golds.append(Gold(str(row.get("lang") or result.language), labels, row.get("flags") or []))
        predictions.append(Predicted(result.labels, result.flags))
    out.write(format_reports(by_language(golds, predictions)) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m classification``."""
    parser = argparse.ArgumentParser(prog="python -m classification")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("predict", "classify each line of a JSONL file"),
        ("evaluate", "score predictions against the labels of a JSONL file"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "predict":
            return predict(args.file, sys.stdout)
        return evaluate(args.file, sys.stdout)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly like other command-line tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
