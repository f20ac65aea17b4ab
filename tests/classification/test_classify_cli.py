"""The command line: predict writes one JSON line per input, evaluate prints the figures."""

import io
import json
from pathlib import Path

import pytest

from classification import CATEGORIES
from classification.cli import evaluate, main, predict

ROWS = [
    {
        "id": "a",
        "text": "The treasurer forged the receipts.",
        "labels": ["fraud_corruption"],
        "flags": [],
        "lang": "en",
    },
    {
        "id": "b",
        "text": "Il a une arme et il est devant le bureau maintenant.",
        "labels": ["abusive_behaviour"],
        "flags": ["immediate_danger"],
        "lang": "fr",
    },
    {
        "id": "c",
        "text": "¿Cómo cambio mi contraseña del sitio web?",
        "labels": ["other"],
        "flags": [],
        "lang": "es",
    },
]


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    path = tmp_path / "reports.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in ROWS]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_predict_writes_one_json_line_per_report(reports: Path) -> None:
    out = io.StringIO()
    assert predict(reports, out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == len(ROWS)
    for line, row in zip(lines, ROWS, strict=True):
        record = json.loads(line)
        assert record["id"] == row["id"]
        assert sorted(record["labels"]) == sorted(CATEGORIES)
        assert set(record["scores"]) == set(CATEGORIES)
        assert isinstance(record["flags"], list)
        assert isinstance(record["evidence"], dict)
    assert "immediate_danger" in json.loads(lines[1])["flags"]


def test_predict_reads_form_answers_when_present(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    row = {"id": "x", "text": "See attached.", "answers": {"child_involved": True}}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = io.StringIO()
    predict(path, out)
    assert json.loads(out.getvalue())["flags"] == ["minor_involved"]


def test_evaluate_prints_overall_and_per_language_figures(reports: Path) -> None:
    out = io.StringIO()
    assert evaluate(reports, out) == 0
    lines = out.getvalue().splitlines()
    assert "top1" in lines[0]
    assert "top2" in lines[0]
    assert "mF1" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == ["all", "en", "es", "fr"]
    assert lines[1].split()[1:3] == ["3", "1.000"]


def test_main_dispatches_predict(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["predict", str(reports)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(ROWS)


def test_rows_without_text_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="text"):
        predict(path, io.StringIO())
