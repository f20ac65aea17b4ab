"""The model build is deterministic and the committed model matches the training data."""

import subprocess
import sys
from pathlib import Path

import pytest

from classification.build import TRAIN_PATH, build_model, folds, load_jsonl
from classification.classifier import MODEL_PATH, classify
from classification.model import LinearModel, TrainingConfig

ROOT = Path(__file__).resolve().parents[2]


def test_two_builds_of_the_same_data_are_identical() -> None:
    rows = load_jsonl(TRAIN_PATH)[:120]
    config = TrainingConfig(epochs=3)
    assert build_model(rows, config).to_json() == build_model(rows, config).to_json()


def test_a_different_seed_gives_a_different_model() -> None:
    rows = load_jsonl(TRAIN_PATH)[:120]
    first = build_model(rows, TrainingConfig(epochs=3, seed=1)).to_json()
    second = build_model(rows, TrainingConfig(epochs=3, seed=2)).to_json()
    assert first != second


@pytest.mark.slow
@pytest.mark.model_build
def test_committed_model_is_the_build_of_the_committed_training_data(
    background_model_build: Path,
) -> None:
    rebuilt = background_model_build.read_text(encoding="utf-8")
    assert rebuilt == MODEL_PATH.read_text(encoding="utf-8")


def test_saved_model_round_trips(tmp_path: Path) -> None:
    model = build_model(load_jsonl(TRAIN_PATH)[:80], TrainingConfig(epochs=2))
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    loaded = LinearModel.load(path)
    text = "He stole the money."
    assert classify(text, model=loaded).scores == classify(text, model=model).scores


def test_cross_validation_folds_partition_the_data() -> None:
    rows = load_jsonl(TRAIN_PATH)
    parts = folds(rows, 5, seed=7)
    flat = sorted(i for part in parts for i in part)
    assert flat == list(range(len(rows)))
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_package_stays_pure() -> None:
    code = (
        "import sys, classification.cli, classification.build;"
        "classification.classify('x');"
        "print(any(m.split('.')[0] in ('flask', 'sqlalchemy') for m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code, no user input
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
